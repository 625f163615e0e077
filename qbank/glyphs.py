"""Per-character font fallback for the PDFs: every character is drawn, never a gap.

reportlab draws text in one font and has no fallback: a character that font lacks draws
nothing. Here a text is split into runs, each in the first font of a chain that has its
characters: the font the text is set in, then (for a font of a look's own) qbank's built-in
font of its face (Noto Sans Bold for a brand bold without 'ő'), then Noto Sans Math (→ ≥ ≤
↪ ⇒ ∑, drawn at the size of the letters around them), the theme's code font (Noto Sans
Mono: box drawing; its arrows are a mono cell's, small beside proportional letters), Noto
Sans Symbols 2 (✓ ⚠ ★), Noto Sans Hebrew and Noto Sans Arabic's cut (set right to left by
direction.py; Arabic joined by shaping.py, once its runs are known), DejaVu
Sans's modifier letters and rarer Latin (xᵢ, Aᵢⱼ, ᵗʰ, Ɐ: a subset of 252 characters that
Noto Sans lacks), Droid Sans Fallback (Chinese and Japanese, TrueType:
reportlab cannot embed Noto CJK's CFF outlines), WenQuanYi Micro Hei's Hangul (Korean:
its syllables are whole characters, drawn without shaping) and Symbola's emoji and
pictographs (✅ 🔐 😀 🚀, in black and white: reportlab draws no colour glyphs).
A character none of them has is drawn in Noto Sans Symbols 2, whose empty glyph is a
visible box, and the text layer keeps the character (`QbankFont`). The fallback fonts are
loaded only when a text needs one, so a bank the theme's fonts cover builds exactly as
without them.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Iterator, Mapping, Sequence

from reportlab.pdfbase import pdfmetrics

from qbank.paths import FONTS
from qbank.reportlab_fixes import KEYCAP, KEYCAP_BASES, QbankFont
from qbank.shaping import ARABIC, shaped

FIRST_FALLBACK = "NotoSansMath-Regular.ttf"  # before the theme's code font
FALLBACK_FILES = (  # after the theme's code font (Noto Sans Mono unless a theme changes it)
    "NotoSansSymbols2-Regular.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansArabic-Shaped.ttf",
    "DejaVuSans-Letters.ttf",
    "DroidSansFallbackFull.ttf",
    "WenQuanYiMicroHei-Hangul.ttf",
    "Symbola-Emoji.ttf",
)
BOX_FILE = "NotoSansSymbols2-Regular.ttf"  # its glyph 0 is an outlined box
Style = tuple[bool, bool]  # bold, italic
Entry = tuple[str, bool]  # a font of a chain: a bundled file (True), or a registered name
_FACE = re.compile(r'<font face="([^"]+)"')


def _font(filename: str) -> str:
    """The registered name of a bundled font, registering it on first use (reportlab's
    registry is per process; a font file's name gives one name, so builds share it)."""
    name = f"qbank-fallback-{filename.removesuffix('.ttf')}"
    if name not in pdfmetrics.getRegisteredFontNames():
        # into the registry getFont reads and nowhere else, as pdf.py registers the theme's
        # fonts: registerFont would also record it by its face, which Noto Sans Mono shares
        # with the theme's code font and a host program's own fonts
        pdfmetrics._fonts[name] = QbankFont(name, str(FONTS / filename))
        # one face for <b> and <i> too, so that a fallback character in bold text draws
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return name


def glyphs(font: str) -> frozenset[int]:
    """The code points a registered font draws."""
    found = pdfmetrics.getFont(font)
    return getattr(found, "glyphs", None) or frozenset(found.face.charToGlyph)


# The characters each font object draws, blanks included: kept with the very object (whose
# name is unique to its file's content, pdf.py), so that builds share them and none sees
# another font's; 2 ms a build, made again by every build (of every 900 the tests make)
_CHARACTERS: weakref.WeakKeyDictionary[object, frozenset[str]] = weakref.WeakKeyDictionary()


# The characters every face of a family draws, kept with its first face's font object by
# the names of all its faces (each unique to its file's content): 0.3 ms a family, made
# again by every PDF's text, two of each build
_WHOLE: weakref.WeakKeyDictionary[object, dict[tuple[str, ...], frozenset[str]]] = (
    weakref.WeakKeyDictionary()
)


def common_characters(faces: Sequence[str]) -> frozenset[str]:
    """The characters each of the registered fonts `faces` draws (`characters`)."""
    kept = _WHOLE.setdefault(pdfmetrics.getFont(faces[0]), {})
    key = tuple(faces)
    if key not in kept:
        kept[key] = frozenset.intersection(*map(characters, faces))
    return kept[key]


def characters(font: str) -> frozenset[str]:
    """The characters registered font `font` draws, and the blanks."""
    found = pdfmetrics.getFont(font)
    drawn = _CHARACTERS.get(found)
    if drawn is None:
        drawn = _CHARACTERS[found] = frozenset(map(chr, glyphs(font))) | set(" \n\t")
    return drawn


class Fallback:
    """Picks the font of each character for one build; remembers each choice."""

    def __init__(
        self,
        code: str | None = None,
        families: Mapping[str, Mapping[Style, str]] | None = None,
        leads: Mapping[str, Entry] | None = None,
    ) -> None:
        # the theme's code font leads the chain: the very font object, since a PDF can
        # hold a font file only once
        self._order: list[Entry] = [
            (FIRST_FALLBACK, True),
            *([(code, False)] if code else []),
            *((filename, True) for filename in FALLBACK_FILES),
        ]
        self._chain: list[tuple[str, frozenset[int]]] = []  # the fonts loaded so far
        # a font of a look's own: the font its missing characters are drawn in first,
        # before the chain (a brand font's 'ő' drew in Noto Sans Mono, mid-line: a trial)
        self._leads = dict(leads or {})
        self._loaded: dict[Entry, tuple[str, frozenset[int]]] = {}
        # a family's faces by (bold, italic), under its regular face's name: what <b> and <i>
        # pick in markup; and each face's family and style
        self._families = {name: dict(faces) for name, faces in (families or {}).items()}
        self._styled: dict[str, tuple[str, bool, bool]] = {}
        for name, faces in self._families.items():
            for (bold, italic), face in faces.items():
                self._styled.setdefault(face, (name, bold, italic))
        self._whole: dict[str, frozenset[str]] = {}  # a family: what each of its faces draws
        self._covered: dict[str, frozenset[str]] = {}  # font: the characters it draws
        # (a lead, a code point): its fallback font, None: a box
        self._choice: dict[tuple[Entry | None, int], str | None] = {}
        self._clusters: dict[tuple[Entry | None, str], str | None] = {}  # a letter and marks

    def _fallbacks(self, font: str | None = None) -> Iterator[tuple[str, frozenset[int]]]:
        """The chain's fonts in order (after `font`'s lead, when it has one), each loaded
        when a character first gets this far: a bank with a stray arrow never reads the
        4 MB Chinese font (70 ms a process)."""
        lead = self._leads.get(font) if font else None
        if lead is not None:
            if lead not in self._loaded:
                name = _font(lead[0]) if lead[1] else lead[0]
                self._loaded[lead] = (name, glyphs(name))
            yield self._loaded[lead]
        yield from self._chain
        for entry, bundled in self._order[len(self._chain) :]:
            name = _font(entry) if bundled else entry
            self._chain.append((name, glyphs(name)))
            yield self._chain[-1]

    def covered(self, font: str) -> frozenset[str]:
        found = self._covered.get(font)
        if found is None:
            found = self._covered[font] = characters(font)
        return found

    def whole(self, font: str) -> frozenset[str]:
        """The characters every face of `font`'s family draws (its own, in no family)."""
        family = self._styled.get(font, (font, False, False))[0]
        found = self._whole.get(family)
        if found is None:
            faces = tuple(self._families.get(family, {}).values()) or (font,)
            found = self._whole[family] = common_characters(faces)
        return found

    def _face(self, family: str, bold: bool, italic: bool) -> str:
        return self._families.get(family, {}).get((bold, italic), family)

    def fallback(self, code: int, font: str | None = None) -> str | None:
        """The first fallback font of `font`'s chain that draws `code`; None when none
        does."""
        key = (self._leads.get(font) if font else None, code)
        if key not in self._choice:
            self._choice[key] = next((n for n, g in self._fallbacks(font) if code in g), None)
        return self._choice[key]

    def with_letter(self, letter: str, mark: str, font: str, face: str | None = None) -> str | None:
        """The font to draw combining `mark` and the `letter` before it (with the marks it
        has already: ṙ⃗) in, when `font` (the letter's) lacks the mark: the chain's first
        font that has them all, which then draws the letter too, so that the mark stands
        over it (reportlab_fixes.MarkedText places a mark within one font's text: in a font
        of its own, a vector's arrow of v⃗ stood after the v, over the gap: a physics
        teacher's trial). A keycap (1️⃣: a digit, # or *, U+FE0F, U+20E3) is such a mark:
        its digit then stands in its square, where it stood before an empty one. The chain
        is that of `face`, the text's own font (`font` when None). None when none has them
        all."""
        if not letter or unicodedata.combining(letter[0]):
            return None
        if not unicodedata.combining(mark) and not (mark == KEYCAP and letter[0] in KEYCAP_BASES):
            return None
        if mark in self.covered(font):
            return None
        face = face or font
        key = (self._leads.get(face), letter + mark)
        if key not in self._clusters:
            self._clusters[key] = next(
                (
                    n
                    for n, g in self._fallbacks(face)
                    if all(ord(c) in g for c in letter + mark if not invisible(c))
                ),
                None,
            )
        return self._clusters[key]

    def runs(self, text: str, font: str) -> list[tuple[str, str]]:
        """`text` as (text, font name) runs: `font` wherever it has the character, else the
        chain's first font that has it, else the box font; a letter and a combining mark
        that its font lacks in a font that has both (with_letter)."""
        own = self.covered(font)
        if own.issuperset(text):
            return [(text, font)]
        runs: list[tuple[str, str]] = []
        for char in text:
            letter = _last_cluster(runs[-1][0]) if runs else ""
            marked = bool(runs) and unicodedata.combining(char) > 0
            if marked and runs[-1][1] != font and char in self.covered(runs[-1][1]):
                chosen = runs[-1][1]  # a further mark of a letter its fallback font draws
            elif char in own:
                chosen = font
            elif invisible(char):  # the text's own font keeps it in the text
                chosen = font
            elif letter and (both := self.with_letter(letter, char, runs[-1][1], font)):
                if both != runs[-1][1]:  # the letter and its marks move to the mark's font
                    runs[-1] = (runs[-1][0][: -len(letter)], runs[-1][1])
                    if not runs[-1][0]:
                        runs.pop()
                    runs.append((letter, both))
                chosen = both
            else:
                chosen = self.fallback(ord(char), font) or _font(BOX_FILE)
            if runs and runs[-1][1] == chosen:
                runs[-1] = (runs[-1][0] + char, chosen)
            else:
                runs.append((char, chosen))
        if ARABIC.search(text):
            return [(shaped(part) if _shapes(name) else part, name) for part, name in runs]
        return runs

    def boxes(self, text: str, font: str) -> list[str]:
        """The characters of `text` (once each, in order) that no font draws: boxes."""
        own = self.covered(font)
        if own.issuperset(text):
            return []
        return [
            c
            for c in dict.fromkeys(text)
            if c not in own
            and not c.isspace()
            and not invisible(c)
            and self.fallback(ord(c), font) is None
        ]

    def markup(self, escaped: str, font: str) -> str:
        """reportlab Paragraph markup (already escaped, in `font`) with each run that the
        face it is drawn in lacks in its fallback font: `font`, or the face of its family
        that <b> and <i> pick (a look's bold font without the 'ő' of its regular one drew a
        box in a title and in bold words: a brand trial). Entities and tags are passed over
        as they are."""
        if self.whole(font).issuperset(escaped):
            return escaped
        parts: list[str] = []
        # the family, bold and italic of the text here: <font face>, <b> and <i> change them
        faces = [self._styled.get(font, (font, False, False))]
        own = self.covered(font)
        i = 0
        while i < len(escaped):
            char = escaped[i]
            if char in "<&":  # a tag or an entity of the markup, not text
                end = escaped.find(">" if char == "<" else ";", i)
                end = len(escaped) - 1 if end < 0 else end
                tag = escaped[i : end + 1]
                parts.append(tag)
                family, bold, italic = faces[-1]
                face = _FACE.match(tag)
                if face:
                    named = self._styled.get(face.group(1), (face.group(1), False, False))
                    faces.append((named[0], bold or named[1], italic or named[2]))
                elif tag in ("<b>", "<i>") or tag.startswith("<font"):  # <font color>: same
                    faces.append((family, bold or tag == "<b>", italic or tag == "<i>"))
                elif tag in ("</font>", "</b>", "</i>") and len(faces) > 1:
                    faces.pop()
                own = self.covered(self._face(*faces[-1]))
                i = end + 1
                continue
            # the letter before, with the marks it has (each a part of one character)
            start = len(parts)
            while start and len(parts[start - 1]) == 1 and _in_cluster(parts[start - 1]):
                start -= 1
            letter = "".join(parts[start - 1 :]) if start and len(parts[start - 1]) == 1 else ""
            held = _FALLBACK_RUN.fullmatch(parts[-1]) if parts else None
            if unicodedata.combining(char) and held and char in self.covered(held[1]):
                # a further mark of a letter drawn in a fallback font: in the same one
                parts[-1] = parts[-1][: -len("</font>")] + char + "</font>"
            elif char in own or invisible(char):
                parts.append(char)
            elif letter and (both := self.with_letter(letter, char, self._face(*faces[-1]))):
                parts[start - 1 :] = [f'<font face="{both}">{letter}{char}</font>']
            else:
                chosen = self.fallback(ord(char), self._face(*faces[-1])) or _font(BOX_FILE)
                parts.append(f'<font face="{chosen}">{char}</font>')
            i += 1
        joined = "".join(parts)
        return _SAME_FACE.sub(_joined_letters, joined) if ARABIC.search(escaped) else joined


# what `markup` wrote for characters of a fallback font: <font face="name">text</font>
_FALLBACK_RUN = re.compile(r'<font face="([^"]+)">[^<]+</font>')
# such characters one after another in one face
_SAME_FACE = re.compile(r'<font face="([^"]+)">[^<]+</font>(?:<font face="\1">[^<]+</font>)*')


def _shapes(font: str) -> bool:
    """Whether registered font `font` draws Arabic's joined forms (shaping.py)."""
    return getattr(pdfmetrics.getFont(font), "shapes", False)


def _joined_letters(found: re.Match) -> str:
    """Characters of one fallback face, one tag each, in one tag; Arabic letters in the
    forms their neighbours give them where the face draws them."""
    text = re.sub("<[^>]+>", "", found[0])
    return f'<font face="{found[1]}">{shaped(text) if _shapes(found[1]) else text}</font>'


def _in_cluster(char: str) -> bool:
    """Whether `char` belongs to the character before it: a combining mark, or the emoji
    presentation selector (U+FE0F, between a keycap's digit and its square: 1️⃣)."""
    return bool(unicodedata.combining(char)) or char == "\ufe0f"


def _last_cluster(text: str) -> str:
    """The letter that ends `text`, with the combining marks after it ('' when none)."""
    start = len(text)
    while start and _in_cluster(text[start - 1]):
        start -= 1
    return text[start - 1 :] if start else ""


def invisible(char: str) -> bool:
    """A joiner or a variation selector (U+200D in 👨‍👩‍👧, U+FE0F), or a skin tone (👍🏽): it
    draws nothing and joins its neighbours, so it stays in the text's own font (its text
    kept), never a box. A skin tone drawn as Symbola's swatch read as a box after the thumb
    (a brand trial); in black and white the emoji has no tone to show."""
    if "\U0001f3fb" <= char <= "\U0001f3ff":
        return True
    return unicodedata.category(char) in ("Cf", "Mn") and not unicodedata.combining(char)
