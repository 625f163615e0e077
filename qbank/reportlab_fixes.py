"""What qbank mends in reportlab: in classes of its own, never in reportlab itself.

A host program that builds its own PDFs with reportlab before and after calling
`qbank.build` gets the same bytes both times, so nothing here changes a function, a class
or a registry of reportlab that its other users see; the one exception lasts as long as
one of our paragraphs is read or broken into lines (reportlab's word split, below), so
only a host thread that builds its own PDF at that very moment could meet it.

- `QbankFont` is a font of qbank/fonts that keeps the characters it lacks in the PDF's
  text, and writes characters beyond U+FFFF into its ToUnicode map as UTF-16, as the CMap
  format wants, where the installed reportlab writes the bare code point (an odd-length
  hex string that PDF readers reject, so the character is lost; `to_unicode_needs_fix`
  probes it, and a test fails once reportlab no longer needs the mend).
- `Paragraph` is reportlab's, with a linear soft-hyphen split: reportlab's own
  (`_SHYStr.__shysplit__`) measures the word up to every soft hyphen, from the last one
  backwards, for every line it breaks, so a word of n soft hyphens cost n**3 (a 20 KB word
  of 5,000 took 300 s in the cards' fit). `split_at_soft_hyphen` picks the same split,
  measuring only what fits on the line. Its lines never break at a no-break space that
  reportlab takes for a blank (U+202F, which French sets before ? ! ; and :, and U+2007),
  nor does its text lose them (reportlab's cleaning made each a plain blank): while it
  reads and breaks them, reportlab's word split is one that keeps them, put back after.
  A style's `code_shade` (a colour) sets its code spans on a ground, as the booklet's
  (`draw_code_shade`): while such a paragraph is drawn, reportlab's drawing of a line's
  background colours draws theirs so.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Callable
from typing import Any

from bidi.mirror import MIRRORED
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import paragraph, paraparser

from qbank.direction import starts_right_to_left, visual_runs
from qbank.patches import SharedPatch
from qbank.rich_markup import CODE_LINE_TAG
from qbank.shaping import SHAPED_STAND_IN, is_stand_in, read_as
from qbank.text import (
    LAYOUT_SPACE,
    NO_BREAK_SPACES,
    breaking_language,
    cjk_break,
    cjk_segments,
    forced_cuts,
    goes_with_the_one_before,
    has_right_to_left,
    hyphenated_cuts,
    hyphenation_points,
    separator_cuts,
)

_BARE_ASTRAL = re.compile(r"<([0-9A-F]{5,6})>$", re.MULTILINE)
_PROBE = 0x1F600  # a character beyond U+FFFF
_SHY = "\u00ad"


def to_unicode_needs_fix(make_cmap: Callable[[str, list[int]], str]) -> bool:
    """Whether `make_cmap` writes a character beyond U+FFFF as its bare code point instead
    of UTF-16."""
    return bool(_BARE_ASTRAL.search(make_cmap("probe", [0x20, _PROBE])))


def utf16_to_unicode_cmap(cmap: str) -> str:
    """`cmap` (a ToUnicode map) with each bare code point beyond U+FFFF written as UTF-16."""
    return _BARE_ASTRAL.sub(
        lambda m: f"<{chr(int(m.group(1), 16)).encode('utf-16-be').hex().upper()}>", cmap
    )


def split_at_soft_hyphen(
    word: paragraph._SHYStr,
    fontName: str,  # noqa: N803 (reportlab's names: it passes some by keyword)
    fontSize: float,  # noqa: N803
    baseWidth: float,  # noqa: N803
    limWidth: float,  # noqa: N803
    encoding: str = "utf8",
) -> list[paragraph._SHYStr] | None:
    """reportlab's `_SHYStr.__shysplit__` at a cost linear in the line, not the word: the
    longest head of `word` up to a soft hyphen, plus "-", that fits in `limWidth` after
    `baseWidth`, and the rest; None when even the first does not fit. Like the original, it
    leaves the width of the first head in `word._fsww`, which reportlab reads on a miss."""
    cuts = word.__sp__
    word._fsww = 0x7FFFFFFF
    if not cuts:
        return None

    def width(end: int) -> float:
        return stringWidth(word[:end], fontName, fontSize, encoding)

    word._fsww = width(cuts[0])
    room = limWidth - baseWidth
    # Widths only grow with the head, so walk forward, a piece at a time, while it fits;
    # the sum of the pieces only estimates the head's width, which is then measured whole.
    fits, total, start = -1, 0.0, 0
    for i, cut in enumerate(cuts):
        total += stringWidth(word[start:cut], fontName, fontSize, encoding)
        start = cut
        if total > room + 1e-6:
            break
        fits = i
    while fits + 1 < len(cuts) and width(cuts[fits + 1]) <= room:
        fits += 1
    while fits >= 0 and width(cuts[fits]) > room:
        fits -= 1
    if fits < 0:
        return None
    cut = cuts[fits]
    kind = type(word)  # the pieces split the same way again
    head = kind(word[:cut] + "-")
    head.__sp__ = cuts[:fits]
    rest = kind(word[cut:])
    rest.__sp__ = [c - cut for c in cuts[fits + 1 :]]
    return [head, rest]


class LinearSoftHyphens(paragraph._SHYStr):
    """A word with soft hyphens that reportlab splits with `split_at_soft_hyphen`."""

    def __shysplit__(  # noqa: PLW3201 (reportlab's name)
        self,
        fontName: str,  # noqa: N803
        fontSize: float,  # noqa: N803
        baseWidth: float,  # noqa: N803
        limWidth: float,  # noqa: N803
        encoding: str = "utf8",
    ) -> list[paragraph._SHYStr] | None:
        return split_at_soft_hyphen(self, fontName, fontSize, baseWidth, limWidth, encoding)


# no-break spaces reportlab breaks lines at (it keeps only U+00A0): the narrow one French
# sets before ? ! ; and : ("Pourquoi ?" with U+202F), and the figure space
NO_BREAK = "".join(c for c in NO_BREAK_SPACES if c in paragraph._wsc)
# the blanks a line breaks at (not a no-break space; a zero-width space too)
_BLANKS = "".join(c for c in paragraph._wsc if c not in NO_BREAK)
_WORDS = re.compile(f"([{re.escape(_BLANKS)}]+)")
_split_at_blanks = re.compile(f"[{re.escape(_BLANKS)}]+").split


class _NoBreakSplit:
    """reportlab's word split (`paragraph.split`, which its module reads at each call),
    kept from breaking at NO_BREAK while qbank reads and breaks a paragraph that holds one,
    in whichever threads at once (qbank.patches); what was in place before (reportlab's,
    or a host program's own) is put back as the last of them ends, and splits a host
    thread's own paragraphs meanwhile."""

    def __init__(self) -> None:
        self._previous: Callable[..., list[str]] = paragraph.split
        self.patch = SharedPatch("no-break split", self._make, self._undo)

    def _make(self) -> None:
        self._previous, paragraph.split = paragraph.split, self._split

    def _undo(self) -> None:
        paragraph.split = self._previous

    def _split(self, text: str, delim: str | None = None) -> list[str]:
        if self.patch.here() and delim is None and isinstance(text, str):
            if any(c in text for c in NO_BREAK):
                return _split_at_blanks(text)
        return self._previous(text, delim)


_no_break_spaces_kept = _NoBreakSplit().patch.held

# what reportlab compares of two fragments of a line to tell whether they join
_FRAG_LOOK = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")
_ABSENT = object()
# fragments whose class has none of the attributes compared (reportlab's own, ParaFrag)
_PLAIN_FRAGS = frozenset(
    kind
    for kind in (paraparser.ParaFrag,)
    if not any(hasattr(kind, name) for name in (*_FRAG_LOOK, "cbDefn", "lineBreak"))
)


def same_frag(f: Any, g: Any) -> int:
    """reportlab's `sameFrag`, as its C form answers: 0 for a fragment that is a picture or
    a line break, else whether the two have each of `_FRAG_LOOK` alike (or both lack it).
    The C form looks an attribute up by raising an error where a fragment lacks it and
    clearing it: 5 to 25 µs a call, seven times this one, and breaking the cards' lines
    called it 54,000 times for 500 questions, a twelfth of their time."""
    if type(f) in _PLAIN_FRAGS and type(g) in _PLAIN_FRAGS:
        # every attribute of such a fragment is in its __dict__: read there, at three
        # quarters of the cost of getattr and hasattr (the cards of 5,000 questions compared
        # 535,000 pairs)
        a, b = f.__dict__, g.__dict__
        if "cbDefn" in a or "lineBreak" in a or "cbDefn" in b or "lineBreak" in b:
            return 0
        for name in _FRAG_LOOK:
            x, y = a.get(name, _ABSENT), b.get(name, _ABSENT)
            if x is not y and x != y:
                return 0
        return 1
    for frag in (f, g):
        if hasattr(frag, "cbDefn") or hasattr(frag, "lineBreak"):
            return 0
    for name in _FRAG_LOOK:
        a, b = getattr(f, name, _ABSENT), getattr(g, name, _ABSENT)
        if a is not b and a != b:  # one value is alike, as C compares
            return 0
    return 1


class _FragComparison:
    """reportlab's fragment comparison (`paragraph.sameFrag`, which breakLines reads at
    each call) as `same_frag` while qbank breaks a paragraph's lines, in whichever threads
    at once (qbank.patches); a host thread's own paragraphs meanwhile are compared by what
    was in place before."""

    def __init__(self) -> None:
        self._previous: Callable[[Any, Any], int] = paragraph.sameFrag
        self.patch = SharedPatch("fragment comparison", self._make, self._undo)

    def _make(self) -> None:
        self._previous, paragraph.sameFrag = paragraph.sameFrag, self._same

    def _undo(self) -> None:
        paragraph.sameFrag = self._previous

    def _same(self, f: Any, g: Any) -> int:
        return same_frag(f, g) if self.patch.here() else self._previous(f, g)


_frags_compared = _FragComparison().patch.held


class _QuickEncoding:
    """reportlab's encoding of a PDF's names and texts as it writes the file (`pdfdoc.
    PDFName` and `pdfdocEnc`, which its `format` reads at each call), the same bytes in
    less time while qbank saves a PDF, in whichever threads at once (qbank.patches): a
    name made once a text (a few hundred names, made again for every key of every
    dictionary), and a text of ASCII that PDFDocEncoding keeps as it is encoded as ASCII
    (reportlab's codec is a Python function a character). The booklet of 5,000 questions
    wrote 200,000 names."""

    def __init__(self) -> None:
        self._previous: tuple[Callable[[str], str], Callable[[Any], Any]] = (
            pdfdoc.PDFName,
            pdfdoc.pdfdocEnc,
        )
        self.patch = SharedPatch("quick PDF encoding", self._make, self._undo)
        # the ASCII characters PDFDocEncoding does not keep (it draws breves and carons there)
        kept = {c for c in map(chr, range(128)) if _pdfdoc_keeps(c)}
        self._changed = re.compile(
            "[" + re.escape("".join(sorted(set(map(chr, range(128))) - kept))) + "]"
        )
        self._names: dict[str, str] = {}

    def _make(self) -> None:
        self._previous = (pdfdoc.PDFName, pdfdoc.pdfdocEnc)
        pdfdoc.PDFName, pdfdoc.pdfdocEnc = self._name, self._encoded

    def _undo(self) -> None:
        pdfdoc.PDFName, pdfdoc.pdfdocEnc = self._previous

    def _name(self, data: str, *args: str, **kwargs: str) -> str:
        if args or kwargs or not self.patch.here() or not isinstance(data, str):
            return self._previous[0](data, *args, **kwargs)
        name = self._names.get(data)
        if name is None:
            if len(self._names) >= NAMES_KEPT:
                self._names.clear()  # bounded: a PDF's names are few, its texts many
            name = self._names[data] = self._previous[0](data)
        return name

    def _encoded(self, text: Any) -> Any:
        if isinstance(text, str) and text.isascii() and self.patch.here():
            if self._changed.search(text) is None:
                return text.encode("ascii")
        return self._previous[1](text)


def _pdfdoc_keeps(char: str) -> bool:
    """Whether reportlab's PDFDocEncoding encodes `char` as its own code."""
    try:
        return pdfdoc.pdfdocEnc(char) == char.encode("latin-1")
    except UnicodeEncodeError:
        return False


NAMES_KEPT = 4096
quick_pdf_encoding = _QuickEncoding().patch.held


_ADVANCES: dict[str, dict[str, float]] = {}


def _advances(font: str) -> dict[str, float]:
    """The widths at 1 pt of the characters measured so far in `font` (a registered font's
    name, unique to its file's content: the same name is always the same font)."""
    return _ADVANCES.setdefault(font, {})


# what starts a line that goes on inside a code span, as a wrapped code line's does
CODE_CONTINUED = "\u21aa "


def monospace(font: str) -> bool:
    """Whether `font` (a registered name) is fixed-pitch: code's."""
    return bool(getattr(getattr(getFont(font), "face", None), "flags", 0) & 1)


def _code_blanks(frags: list) -> bool:
    """Whether a code span (text in a monospace font) among `frags` has a blank inside it."""
    for at, frag in enumerate(frags):
        font = getattr(frag, "fontName", "")
        if not _in_span(frag, font) or (at and _in_span(frags[at - 1], font)):
            continue  # no text, or not a span's first frag
        if _WORDS.search(_code_span(frags, at).strip(_BLANKS)) and monospace(font):
            return True
    return False


def _in_span(frag: Any, font: str) -> bool:
    """Whether `frag` is text in `font`, as a code span's further frags are."""
    return (
        getattr(frag, "fontName", None) == font
        and bool(getattr(frag, "text", ""))
        and not hasattr(frag, "lineBreak")
        and not hasattr(frag, "cbDefn")
    )


def _code_span(frags: list, at: int) -> str:
    """The text of the code span whose first frag is `frags[at]`: reportlab parts a span's
    text at each escaped character ('restartCount ', '>', ' 3'), so that its first frag
    alone held no blank to tell a span with blanks by, and measured a part of it."""
    font = frags[at].fontName
    end = at + 1
    while end < len(frags) and _in_span(frags[end], font):
        end += 1
    return "".join(f.text for f in frags[at:end])


def break_long_tokens(
    frags: list, width: float, mark: str | None = None, language: str = ""
) -> tuple[list, bool] | None:
    """`frags` with each word wider than `width` (an address, an ARN, a list of networks)
    cut after its separators (qbank.text.separator_cuts) by forced line breaks, where
    reportlab would cut it at whatever character meets the line's end: "arn:aws:iam::123/
    role-na" then "me". Its first piece fills what the line before it leaves, found by
    breaking the words before it as reportlab does (at blanks, greedily: should reportlab
    keep less on that line, the piece starts the next one, as any word would). With
    whether every such word was cut so (else reportlab cuts what is left: a word of soft
    hyphens); a piece may then end in punctuation past the line's end (text.marks_kept).
    With `mark` (a font that draws CODE_CONTINUED), each further piece of a word in a
    monospace font (a code span's) starts its line with that mark, as a wrapped code line
    does, and so does a word of one that starts a line after a blank of its own (a command
    broken between its words), unless a line holds the span whole: it then starts the
    next line (highlight.CONTINUED). A word of letters that no separator cuts so breaks where
    `language` hyphenates it, a '-' at the end of each piece but the last (text.
    hyphenation_points), where reportlab cut it at any letter. Chinese and Japanese, written
    without blanks, break between their characters as the booklet breaks them (text.
    cjk_break: never before '。' or '）', nor inside '２０４８'), each line filled: reportlab
    took a sentence for one word and cut it wherever the line ended ('ください' then
    '。特に', h40a's Japanese cards). None when no word needs it."""
    # no character is wider than 1.2 em: a text without a long word needs no measuring; a
    # word runs on across frags (a run of keycaps is a frag each, and reportlab cut one
    # between its digit and its square)
    texts = [f for f in frags if getattr(f, "text", "")]
    size = max((f.fontSize for f in texts), default=0)
    whole = "".join(f.text for f in texts)
    language = breaking_language(whole, language)
    # a text that breaks between its Chinese or Japanese characters: as long as it is
    words = [whole] if len(cjk_segments(whole, language)) > 1 else _WORDS.split(whole)
    if max(map(len, words), default=0) * size * 1.2 <= width:
        # nor one whose code spans hold no blank a line may break at
        if mark is None or not _code_blanks(frags):
            return None
    out: list = []
    changed = False
    all_cut = True  # whether every word too wide was cut here
    x = 0.0  # how far the current line is filled
    word = 0.0  # how wide the word the line ends in is, from its start or its last cut
    joined = False  # whether the last frag ended inside a word
    run = ""  # the word the line ends in, as far as it has come, over frags
    # the blank before a word is one of its own frag's font, as reportlab measures it: the
    # prose's before a code span, though the word is code (a code span's blank is wider)
    trailing = 0.0
    # whether the line's last word is code, and the blanks after it are too: a break there
    # is inside a code span, also where that span's frags part at a blank ('qty ' then '>',
    # an escaped character a frag of its own: '> 0' went on unmarked, a trial's card)
    code_word = code_gap = False
    # whether the line may break before the next word with no blank there, beside a
    # Chinese or Japanese character (no gap: it goes on the line, or starts the next)
    glued = False
    # where the line's last word starts when that is such a place, for a line break to
    # be put there when the word does not fit the line: ('out', i, k), at character k of
    # out[i] (i == len(out): before this frag), or ('parts', i, k) of this frag's parts.
    # Most of a Japanese text is a frag a character (each in its font), and 'し' then '、'
    # is one word: the line broke nowhere, and ran off the card (h40a's trial)
    glue_at: tuple[str, int, int] | None = None
    # where the line's last word starts when it follows a blank inside code, as glue_at: a
    # word that goes on over frags (past the span's end, or an escaped character's frag)
    # and does not fit the line starts the next one there, after the mark. '"prediction")'
    # fitted the line, with the ').' after the span not, and reportlab broke at the blank
    # before it unmarked (a statistics lecturer's card)
    mark_at: tuple[str, int, int] | None = None
    mark_lead = 0.0  # the mark's width there
    for at, frag in enumerate(frags):
        text = getattr(frag, "text", "")
        if hasattr(frag, "lineBreak"):
            x, word, joined, run = 0.0, 0.0, False, ""
            code_word = code_gap = glued = False
            glue_at = mark_at = None
        if not text or hasattr(frag, "lineBreak") or hasattr(frag, "cbDefn"):
            out.append(frag)
            continue
        font, size = frag.fontName, frag.fontSize
        space = stringWidth(" ", font, size)
        # 'に' then a code span's '--no'
        if joined and run and cjk_break(run[-1], text[0], language):
            joined, run, trailing, glued = False, "", 0.0, True
        marked = mark is not None and monospace(font)
        lead = stringWidth(CODE_CONTINUED, mark, size) if marked else 0.0
        starts = marked and (at == 0 or not _in_span(frags[at - 1], font))
        if starts and x and not joined and not text[:1].isspace():
            spanned = _code_span(frags, at)
            inner = spanned.strip(_BLANKS)
            span = stringWidth(spanned.rstrip(_BLANKS), font, size)
            if _WORDS.search(inner) and x + trailing + span > width and span <= width:
                out.append(frag.clone(text="", lineBreak=True))  # a span that a line holds
                x, word, run, changed = 0.0, 0.0, "", True  # starts the next one whole
                code_word = code_gap = False
        parts = [""]  # the frag's text between the breaks
        for n, part in enumerate(_pieces(text, language)):
            if n % 2:  # blanks, or none between two Chinese or Japanese characters
                parts[-1] += part
                joined, run, trailing, glued = False, "", space if part else 0.0, not part
                code_gap = marked and code_word
                continue
            if not part:
                continue
            inside, code_word, code_gap = code_gap, marked, False
            breaks_here, glued = glued, False
            if not joined:
                here = ("out", len(out), 0) if n == 0 else ("parts", len(parts) - 1, len(parts[-1]))
                glue_at = here if breaks_here and x else None
                mark_at, mark_lead = (here, lead) if inside and x else (None, 0.0)
            wide = stringWidth(part, font, size)
            gap = 0.0 if joined or x == 0 else trailing
            whole = word + wide if joined else wide  # the word this part ends, so far
            if x + gap + wide <= width:
                x, word = x + gap + wide, whole
            elif marked and not joined and inside and lead + wide <= width:
                # at a blank inside code (of this frag, or at the end of the one before)
                parts[-1] = parts[-1].rstrip(_BLANKS)
                if not parts[-1] and n == 0 and out and getattr(out[-1], "text", ""):
                    _drop_trailing_blanks(out)
                parts.append("")  # the word starts the next line, after the mark
                x = word = lead + wide
                glue_at = mark_at = None
            elif joined and mark_at is not None and mark and mark_lead + whole <= width:
                # (this part may be the text after the span: '")' then ').')
                _break_marked(mark_at, out, parts, frag, mark)
                x = word = mark_lead + whole
                changed, glue_at, mark_at = True, None, None
            elif whole <= width and not (marked and not joined and inside):
                if glue_at is not None:  # where no blank is for reportlab to break at
                    _break_at(glue_at, out, parts, frag)
                    changed, glue_at = True, None
                x = word = whole  # the word starts the next line, whole
            else:
                advance = _advances(font)  # each character measured once a font
                widths = [
                    size * (advance.get(c) or advance.setdefault(c, stringWidth(c, font, 1.0)))
                    for c in part
                ]
                room = width - x - gap if x else width
                rest = width - lead  # a further piece's room, after its mark
                code = monospace(font)  # a code span's word: not cut inside a name
                cuts = separator_cuts(part, widths, rest, room, code=code) if room > 0 else None
                # a word after a blank inside code that starts the next line goes on the
                # span there, after the mark ('↪ --repository-url' then 'https://pypi.' with
                # none, as if the span had ended: a workshop trial's card)
                on_mark = cuts is None and marked and not joined and inside
                if on_mark:
                    parts[-1] = parts[-1].rstrip(_BLANKS)
                    if not parts[-1] and n == 0 and out and getattr(out[-1], "text", ""):
                        _drop_trailing_blanks(out)
                    parts.append("")
                # a part that goes on a word (after an '&', which parts the text's frags)
                # has no blank before it to break at: it starts the next line after a cut
                # of its own (reportlab held the word whole, and what ran off was lost)
                # (not before what draws as one with the last frag's end: a keycap's
                # square, a flag's second letter, a mark)
                start = (
                    [0]
                    if cuts is None and (joined or breaks_here) and x and not goes_on(run, part)
                    else []
                )
                fresh = rest if on_mark else width  # the first piece's room on its line
                if start and (opening := _break_before_opening(out, run)):
                    # the word's bracket before it goes to that line too ('Größe (' then
                    # the address, a trial's card)
                    start, fresh = [], width - opening
                if cuts is None:
                    cuts = separator_cuts(part, widths, rest, fresh, code=code)
                if cuts is None:  # a host wider than a line: after its dots, then anywhere
                    cuts = separator_cuts(part, widths, rest, fresh, keep_host=False, code=code)
                hyphened: list[int] = []  # the cuts that end their piece with a '-'
                if cuts is None and not marked and not joined and "\u00ad" not in part:
                    hyphened = _hyphenated(part, widths, rest, room, fresh, language, frag)
                    cuts = hyphened or None
                if cuts is None and "\u00ad" not in part:  # reportlab breaks at soft hyphens
                    # it left this whole, off a card; a part that goes on the line's word
                    # and may not start a line (a flag's second letter) fills what is left
                    first = room if (joined or breaks_here) and x and not start else None
                    cuts = forced_cuts(
                        part, widths, rest, fresh if fresh < width else first, code=code
                    )
                if cuts is not None:
                    cuts = start + cuts
                if cuts == [] and fresh < width:  # whole after its bracket
                    parts[-1] += part
                    x = word = width - fresh + wide
                    joined, run, changed = True, run + part, True
                    continue
                if cuts:
                    bounds = [0, *cuts, len(part)]
                    pieces = [
                        part[a:b] + ("-" if b in hyphened and part[b - 1] != "-" else "")
                        for a, b in zip(bounds, bounds[1:], strict=False)
                    ]
                    parts[-1] += pieces[0]
                    parts.extend(pieces[1:])
                    x = word = lead + sum(widths[cuts[-1] :])
                    joined, run, glue_at = True, part[cuts[-1] :], None
                    continue
                x = word = wide % width if width > 0 else 0.0  # cut as reportlab cuts it
                all_cut = False
            parts[-1] += part
            joined, run = True, run + part
        if len(parts) == 1:
            if glue_at is not None and glue_at[0] == "parts":
                glue_at = ("out", len(out), glue_at[2])
            if mark_at is not None and mark_at[0] == "parts":
                mark_at = ("out", len(out), mark_at[2])
            out.append(frag)
            continue
        changed = True
        for n, part in enumerate(parts):
            if n:
                out.append(frag.clone(text="", lineBreak=True))
                if marked:  # on the page's ground, as the booklet's: no span's
                    bare = {"backColor": None} if hasattr(frag, "backColor") else {}
                    out.append(frag.clone(text=CODE_CONTINUED, fontName=mark, **bare))
            if part:
                if glue_at is not None and glue_at[:2] == ("parts", n):
                    glue_at = ("out", len(out), glue_at[2])
                if mark_at is not None and mark_at[:2] == ("parts", n):
                    mark_at = ("out", len(out), mark_at[2])
                out.append(frag.clone(text=part))
        if glue_at is not None and glue_at[0] == "parts":  # in an empty piece: a line's start
            glue_at = None
        if mark_at is not None and mark_at[0] == "parts":
            mark_at = None
    return (out, all_cut) if changed else None


def _break_at(where: tuple[str, int, int], out: list, parts: list[str], frag: Any) -> None:
    """A line break put where `where` says (break_long_tokens' glue_at): inside this
    frag's `parts`, as a piece of its own, or before or inside a frag of `out`."""
    kind, i, k = where
    if kind == "parts":
        parts[i : i + 1] = [parts[i][:k], parts[i][k:]]
    elif i == len(out):  # before this frag: no mark, as a new line's text
        out.append(frag.clone(text="", lineBreak=True))
    else:
        before = out[i]
        out[i : i + 1] = [
            *([before.clone(text=before.text[:k])] if k else []),
            before.clone(text="", lineBreak=True),
            before.clone(text=before.text[k:]),
        ]


def _break_marked(
    where: tuple[str, int, int], out: list, parts: list[str], frag: Any, mark: str
) -> None:
    """A line break and the code's mark put before the word that starts where `where`
    says (break_long_tokens' mark_at), the blanks before it left off: the line ends there,
    inside a code span, and the next goes on in it after the mark."""
    kind, i, k = where
    if kind == "parts":  # this frag's: its parts are parted by a break and the mark
        parts[i : i + 1] = [parts[i][:k].rstrip(_BLANKS), parts[i][k:]]
        return
    before = out[i]
    bare = {"backColor": None} if hasattr(before, "backColor") else {}
    head = before.text[:k].rstrip(_BLANKS)
    out[i : i + 1] = [
        *([before.clone(text=head)] if head else []),
        before.clone(text="", lineBreak=True),
        before.clone(text=CODE_CONTINUED, fontName=mark, **bare),
        before.clone(text=before.text[k:]),
    ]
    if not k:  # the blanks at the end of the frags before it
        while i and getattr(out[i - 1], "text", "") and not hasattr(out[i - 1], "lineBreak"):
            text = out[i - 1].text.rstrip(_BLANKS)
            if text:
                out[i - 1] = out[i - 1].clone(text=text)
                break
            del out[i - 1]
            i -= 1


def _pieces(text: str, language: str) -> list[str]:
    """`text` split as _WORDS splits it, words and the blanks between them in turn, with
    each word of Chinese or Japanese split further where a line may break inside it (text.
    cjk_segments, in `language`), an empty string between its pieces: no blank is there."""
    pieces: list[str] = []
    for n, part in enumerate(_WORDS.split(text)):
        if n % 2 or not part:
            pieces.append(part)
            continue
        for k, segment in enumerate(cjk_segments(part, language)):
            pieces.extend(("", segment) if k else (segment,))
    return pieces


def _drop_trailing_blanks(out: list) -> None:
    """The blanks at the end of the last frag of `out` left off: a line ends there."""
    text = out[-1].text.rstrip(_BLANKS)
    out[-1:] = [out[-1].clone(text=text)] if text else []


def _hyphenated(
    part: str, widths: list[float], rest: float, room: float, fresh: float, language: str, frag: Any
) -> list[int]:
    """The cuts of a word `part` wider than a line at its hyphenation points in `language`
    (text.hyphenated_cuts), its first piece filling the `room` the line leaves, else a line
    of its own (`fresh`); none where it has no such points, or a piece would not fit."""
    points = hyphenation_points(part, language) if language else []
    if not points:
        return []
    hyphen = stringWidth("-", frag.fontName, frag.fontSize)
    cuts = hyphenated_cuts(part, widths, rest, room, points, hyphen) if room > 0 else None
    return cuts or hyphenated_cuts(part, widths, rest, fresh, points, hyphen) or []


def _opens(text: str) -> bool:
    """Whether `text` is punctuation that opens what follows it: brackets, opening quotes,
    Spanish's ¿ and ¡."""
    return bool(text) and all(unicodedata.category(c) in ("Ps", "Pi") or c in "¿¡\"'" for c in text)


def _break_before_opening(out: list, run: str) -> float:
    """Where a word that goes on from earlier frags must start a new line and has come so
    far only as `run`, punctuation that opens it ('(' before a link's address): that
    punctuation, at the end of the last frag of `out`, starts the line with it, after a
    line break put before it. Its width, or 0 where it cannot move (not opening
    punctuation, or not all in that frag)."""
    if not _opens(run):
        return 0.0
    last = out[-1] if out else None
    text = getattr(last, "text", "")
    if last is None or hasattr(last, "lineBreak") or hasattr(last, "cbDefn"):
        return 0.0
    if not text.endswith(run):
        return 0.0
    out[-1:] = [
        *([last.clone(text=text[: -len(run)])] if len(text) > len(run) else []),
        last.clone(text="", lineBreak=True),
        last.clone(text=run),
    ]
    return stringWidth(run, last.fontName, last.fontSize)


def goes_on(before: str, part: str) -> bool:
    """Whether `part` starts with what draws as one with the end of `before`."""
    return bool(before) and bool(part) and goes_with_the_one_before(before + part, len(before))


class RightToLeftMarkup(str):
    """Paragraph markup of a text in a language written right to left (pdf.PdfText): its
    lines run right to left, on the right, whatever letter it starts with ('TCP' first in
    a Hebrew hint), as the study page's dir="rtl" sets them."""

    __slots__ = ()


class LeftToRightMarkup(str):
    """Paragraph markup of a line of code: it runs left to right, on the left, whatever
    its language or the letter it starts with, as the deck's code (direction: ltr); a
    Hebrew word inside is put in order within it."""

    __slots__ = ()


def draw_code_shade(
    canvas: Any, x: float, baseline: float, width: float, size: float, color: Color
) -> None:
    """The ground of a code span's text in a line, `width` wide from `x`, in the PDFs: over
    the code's own advance, no wider, as a monospaced glyph stands inside its cell with an
    even margin about it (a shade reaching out of the cells covered half the blank before
    them and crowded the word there: 'for `n = 3`'); from below the descenders to above
    the capitals, its corners a little round."""
    canvas.setFillColor(color)
    canvas.roundRect(x, baseline - 0.28 * size, width, 1.22 * size, 0.15 * size, 0, 1)


class CodeShade(Color):
    """The ground of one code span of a paragraph (its frags' `backColor`), at the span's
    font size: a span's frags, parted at its escaped characters, share one, which draws
    them as one ground."""

    def __init__(self, color: Color, size: float) -> None:
        super().__init__(color.red, color.green, color.blue, color.alpha)
        self.size = size


def _code_block_lines(frags: list) -> set[int]:
    """The frags of `frags` on a line of code, in a paragraph of several lines: a code
    block's lines set in a text's one paragraph (a packet's note: pdf.PdfText.parts), which
    stand on no span's ground. A block's line holds its text in CODE_LINE_TAG; a code span
    alone on a line after a hard break is no such line (it stood on no ground), nor are
    the blanks, the layout space or a fallback font's characters around it."""
    if not any(hasattr(f, "lineBreak") for f in frags):
        return set()
    lines: list[list[int]] = [[]]
    for at, frag in enumerate(frags):
        if hasattr(frag, "lineBreak"):
            lines.append([])
        else:
            lines[-1].append(at)
    found: set[int] = set()
    for line in lines:
        if any(getattr(frags[at], "__tag__", "") == CODE_LINE_TAG for at in line):
            found.update(line)
    return found


def _shade_code_spans(frags: list, color: Color) -> None:
    """Each code span among `frags` (text in a monospace font) on a CodeShade of `color`,
    but for a code block's lines among them (`_code_block_lines`)."""
    shade = None
    blocks = _code_block_lines(frags)
    for at, frag in enumerate(frags):
        font = getattr(frag, "fontName", "")
        if at in blocks or not _in_span(frag, font) or not monospace(font):
            shade = None
            continue
        if shade is None or not _in_span(frags[at - 1], font):
            shade = CodeShade(color, frag.fontSize)
        frag.backColor = shade


class _CodeShades:
    """reportlab's drawing of a line's background colours (`paragraph._do_post_text`, which
    its line drawing reads at each call) drawing a CodeShade as `draw_code_shade` does,
    while qbank draws a paragraph with code shades, in whichever threads at once
    (qbank.patches); reportlab fills the line's whole leading, square, a frag at a time."""

    def __init__(self) -> None:
        self._previous: Callable[[Any], None] = paragraph._do_post_text
        self.patch = SharedPatch("code shades", self._make, self._undo)

    def _make(self) -> None:
        self._previous, paragraph._do_post_text = paragraph._do_post_text, self._post_text

    def _undo(self) -> None:
        paragraph._do_post_text = self._previous

    def _post_text(self, tx: Any) -> None:
        state = tx.XtraState
        grounds = getattr(state, "backColors", None)
        if self.patch.here() and grounds and any(isinstance(g[2], CodeShade) for g in grounds):
            spans: list[list] = []  # x where each starts and ends, and its shade
            for start, end, shade in grounds:
                if not isinstance(shade, CodeShade):
                    continue
                if spans and spans[-1][2] is shade:  # a further frag of the span
                    spans[-1][1] = end
                else:
                    spans.append([start, end, shade])
            for start, end, shade in spans:
                width = end - start
                draw_code_shade(tx._canvas, start, state.cur_y, width, shade.size, shade)
            state.backColors = [g for g in grounds if not isinstance(g[2], CodeShade)]
            if not state.backColors:
                state.backColor = None
        self._previous(tx)


_code_shades_drawn = _CodeShades().patch.held


class Paragraph(paragraph.Paragraph):
    """reportlab's Paragraph, whose words of soft hyphens break in linear time, and whose
    tokens too wide for a line break after their separators.

    reportlab makes a soft-hyphenated word of a one-fragment paragraph's text an
    `_SHYStr` as it breaks lines, but takes a fragment's ready-made words as they are
    (the form its own split paragraphs have): so such a fragment is handed over as
    words, each soft-hyphenated one a `LinearSoftHyphens`.
    """

    def __init__(self, text: str, *args: object, **kwargs: object) -> None:
        # True or False where its markup says (RightToLeftMarkup, LeftToRightMarkup), else
        # None: as its first letter is
        self.right_to_left = (
            True
            if isinstance(text, RightToLeftMarkup)
            else False
            if isinstance(text, LeftToRightMarkup)
            else None
        )
        if isinstance(text, str) and any(c in text for c in NO_BREAK):
            with _no_break_spaces_kept():  # its cleaning joins the words at their blanks
                super().__init__(text, *args, **kwargs)
        else:
            super().__init__(text, *args, **kwargs)
        if isinstance(text, RightToLeftMarkup | LeftToRightMarkup) and isinstance(self.text, str):
            self.text = type(text)(self.text)  # as a paragraph made from it
        shade = getattr(self.style, "code_shade", None)
        if shade is not None and text is not None:
            _shade_code_spans(self.frags, shade)

    def breakLines(self, width: float | list[float]) -> object:  # noqa: N802
        # wrapped before, reportlab left in its frags' place the words it made of them,
        # which hold no text to read: a table's cell measured on one line, then set in its
        # column, cut an address at any letter ('(https' then '://docs.aws.ama'), unseen by
        # break_long_tokens. Its lines are broken from the frags again
        made = self.__dict__.get("_qbank_words_of")
        if made is not None and self.frags is made[0]:
            self.frags = made[1]
        frags = self.frags
        with _frags_compared():
            if any(c in getattr(f, "text", "") for f in frags for c in NO_BREAK):
                with _no_break_spaces_kept():
                    lines = self._break_lines(width)
            else:
                lines = self._break_lines(width)
        if self.frags is not frags:  # the words reportlab made of them: lines index these
            self._qbank_words_of = (self.frags, frags)
        return lines

    def _break_lines(self, width: float | list[float]) -> object:
        frags = self.frags
        widths = width if isinstance(width, list) else [width]
        mark = getattr(self.style, "code_continued", None)  # see break_long_tokens
        # the language its words are hyphenated in where one is wider than a line (the
        # style's hyphenation_language: the bank's, or its section's)
        language = getattr(self.style, "hyphenation_language", "")
        broken = break_long_tokens(frags, min(widths), mark, language) if widths else None
        if broken is not None:
            self.frags, all_cut = broken
            style = self.style
            if all_cut:  # reportlab would cut a ')' hung past the line's end off alone
                self.style = style.clone(style.name, splitLongWords=0)
            try:
                return super().breakLines(width)
            finally:
                self.frags, self.style = frags, style
        if len(frags) != 1 or _SHY not in getattr(frags[0], "text", ""):
            return super().breakLines(width)
        frag = frags[0].clone()
        words = paragraph.split(paragraph.strip(frag.text))
        frag.words = [LinearSoftHyphens(w) if _SHY in w else w for w in words]
        del frag.text
        self.frags = [frag]
        try:
            return super().breakLines(width)
        finally:
            self.frags = frags

    def split(self, *args: object, **kwargs: object) -> list:
        parts = super().split(*args, **kwargs)
        for part in parts:
            part.right_to_left = self.right_to_left
        return parts

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 (reportlab's name)
        """`_draw_para`, its code spans on their ground where its style has a `code_shade`."""
        if getattr(self.style, "code_shade", None) is None:
            return self._draw_para(debug)
        with _code_shades_drawn():
            return self._draw_para(debug)

    def _draw_para(self, debug: int = 0) -> None:
        """reportlab's, with each line that holds right-to-left text in visual order
        (direction.py): right to left in a language written so (RightToLeftMarkup), else
        when its first letter is; and such a paragraph set on the right where it would be
        on the left (as the study page's `dir` and `text-align: start`), but for a style
        that is a `label`'s, whose lines keep the place a left-to-right label has. The lines are
        reordered as drawn alone: split() makes the rest of a paragraph from them in the
        bank's order."""
        right_to_left = self.drawn_right_to_left()
        marker = self.bulletText
        if marker and not right_to_left and getattr(self.style, "from_right", False):
            # code that opens a right-to-left list item: its lines left to right, its
            # marker on the right all the same, as the item's ('.7')
            self.bulletText = None
            try:
                self.drawPara(debug)
            finally:
                self.bulletText = marker
            return self._marker_on_the_right(marker, self.blPara, self.style)
        levels = getattr(self.style, "levels_right", 0.0)
        if not right_to_left and not marker and levels:
            # a left-to-right paragraph of a right-to-left list item (a Latin one after its
            # first): the item's levels on the right all the same, its lines from its
            # column's left, as the booklet's; it stood a level in from there. Its quotes'
            # room stays on the left, where their bars are (on a card it went too, a bar
            # drawn across its first letter)
            style = self.style
            moved = {
                "leftIndent": style.leftIndent - levels,
                "rightIndent": style.rightIndent + levels,
            }
            self.style = style.clone(style.name, levels_right=0.0, **moved)
            try:
                return self.drawPara(debug)
            finally:
                self.style = style
        if right_to_left is None:
            return super().drawPara(debug)
        lines = self.blPara
        style = self.style
        font = getattr(lines, "fontName", style.fontName)  # a paragraph of one style's
        self.blPara = lines.clone(
            lines=[_visual_line(line, right_to_left, font) for line in lines.lines]
        )
        if right_to_left and style.alignment == TA_LEFT:
            self.style = style.clone(style.name, alignment=TA_RIGHT)
            # a list item's or a quote's: its levels' indentation (and an item's marker)
            # on the right
            start = getattr(style, "list_from", None)  # where its levels start
            if start is not None:
                level = style.leftIndent - start
                indents = {"leftIndent": start, "rightIndent": style.rightIndent + level}
                self.style = self.style.clone(style.name, **indents)
                self.bulletText = None
        try:
            if right_to_left and getattr(style, "label", False):
                # a label's lines stand where a left-to-right one's start, flush right
                # within the widest of them (a contents entry's name beside its number)
                kind = lines.kind
                spare = min(line.extraSpace if kind else line[0] for line in lines.lines)
                self.canv.translate(-max(spare, 0), 0)
            super().drawPara(debug)
            if marker and self.bulletText is None:
                self._marker_on_the_right(marker, lines, style)
        finally:
            self.blPara, self.style, self.bulletText = lines, style, marker

    def drawn_right_to_left(self) -> bool | None:
        """Whether the paragraph (wrapped) is drawn right to left, as `drawPara` sets it:
        None when it holds no right-to-left text, which is drawn as reportlab draws it."""
        made_from = getattr(self, "text", None)  # its markup (None: a part of a split one)
        if isinstance(made_from, str) and made_from and made_from.isascii():  # most
            return None
        lines = getattr(self, "blPara", None)
        text = "".join(t for line in getattr(lines, "lines", ()) for t in _texts(line))
        if lines is None or not has_right_to_left(text):
            return None
        if self.right_to_left is None:
            return starts_right_to_left(text)
        return self.right_to_left

    def _marker_on_the_right(self, marker: str, lines: Any, style: Any) -> None:
        """A right-to-left list item's marker ('.7'), as far in from the right as reportlab
        hangs it from the left (`list_from`), on the first line's baseline (as reportlab's).
        The levels end at the style's right indent, or at its `list_to` where it has one (code
        set in from the right, in its item's column)."""
        font, size = style.bulletFontName, style.bulletFontSize
        drawn = marker_right_to_left(marker, font)
        first = lines.lines[0] if lines.kind else lines
        y = self.height - (
            first.fontSize
            if paragraph.paraFontSizeHeightOffset
            else getattr(first, "ascent", first.fontSize)
        )
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(font, size)
        canvas.setFillColor(getattr(style, "bulletColor", style.textColor))
        end = getattr(style, "list_to", style.rightIndent)
        start = self.width - end + style.list_from  # the levels' right edge
        x = start - style.bulletIndent - stringWidth(drawn, font, size)
        canvas.drawString(x, y + getattr(style, "bulletOffsetY", 0), drawn)
        canvas.restoreState()


def _texts(line: Any) -> list[str]:
    """The texts of a line of a paragraph broken into lines, one a fragment (an image's:
    an object replacement character); a line of one style is (its extra space, its
    words), drawn with a space between each two."""
    if isinstance(line, tuple):
        return [" ".join(line[1])]
    return ["\ufffc" if hasattr(f, "cbDefn") else getattr(f, "text", "") for f in line.words]


def marker_right_to_left(marker: str, font: str) -> str:
    """A list item's `marker` as drawn beside an item that runs right to left, in the
    registered font `font`: '7.' as '.7'."""
    return "".join(p for _, p in visual_runs([marker], True, lambda _, c: mirror_in(font, c)))


def mirror_in(font: str, char: str) -> str:
    """`char` drawn mirrored in the registered font `font` (QbankFont.mirror)."""
    found = getFont(font)
    return found.mirror(char) if isinstance(found, QbankFont) else char


def _visual_line(line: Any, right_to_left: bool, font: str) -> Any:
    """A line of a paragraph broken into lines, its text in visual order; `font`: the
    paragraph's, where the whole paragraph has one style."""
    texts = _texts(line)
    if isinstance(line, tuple):
        runs = visual_runs(texts, right_to_left, lambda _, c: mirror_in(font, c))
        return (line[0], "".join(text for _, text in runs).split(" "))
    frags = line.words
    words = [
        frags[n] if hasattr(frags[n], "cbDefn") else frags[n].clone(text=text)
        for n, text in visual_runs(
            texts,
            right_to_left,
            lambda n, c: mirror_in(frags[n].fontName, c),
            lambda n: monospace(getattr(frags[n], "fontName", "")),
        )
    ]
    return line.clone(words=words)


# U+00A0 as drawn: a private character (Supplementary Private Use Area-A) that the fonts'
# ToUnicode maps turn back into U+00A0, as they turn text.LAYOUT_SPACE into U+0020; a
# keycap's digit as drawn in its square is one too, U+F0031 for 1
_STAND_IN = 0xF0000
_NBSP_STAND_IN = _STAND_IN + 0xA0
_REGIONAL_A = 0x1F1E6  # REGIONAL INDICATOR SYMBOL LETTER A; Z is 25 after it
KEYCAP = "\u20e3"  # COMBINING ENCLOSING KEYCAP, after a digit, # or * (and U+FE0F): 1️⃣
KEYCAP_BASES = "0123456789#*"
_KEYCAPS = re.compile(f"[{re.escape(KEYCAP_BASES)}]\ufe0f?{KEYCAP}")


def _utf16(code: int) -> str:
    return f"<{chr(code).encode('utf-16-be').hex().upper()}>"


# a character of Supplementary Private Use Area-B in a ToUnicode map, as UTF-16
_SHAPED_STAND_INS = re.compile("<(DB[C-F][0-9A-F]D[C-F][0-9A-F]{2})>")


def _read_as(found: re.Match) -> str:
    """A stand-in of shaping.py in a ToUnicode map as the letters it stands for."""
    code = ord(bytes.fromhex(found[1]).decode("utf-16-be"))
    if not is_stand_in(code):
        return found[0]
    return f"<{read_as(code).encode('utf-16-be').hex().upper()}>"


_STAND_INS = (
    (_utf16(_NBSP_STAND_IN), "<00A0>"),
    (_utf16(ord(LAYOUT_SPACE)), "<0020>"),
    *((_utf16(_STAND_IN + ord(c)), f"<{ord(c):04X}>") for c in KEYCAP_BASES),
)


# characters that draw nothing: variation selectors (VS1-16, VS17-256), the zero-width
# space, non-joiner and joiner, the direction marks, embeddings, overrides and isolates,
# the word joiner and the invisible operators, the Arabic letter mark, the Mongolian vowel
# separator, the tags (a subdivision's flag, 🏴 and its letters), the skin tones (👍🏽 in
# black and white), and the byte order mark as a zero-width no-break space
_INVISIBLE = frozenset(
    (
        *range(0xFE00, 0xFE10),
        *range(0xE0100, 0xE01F0),
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2065),
        *range(0x2066, 0x206A),
        *range(0xE0000, 0xE0080),
        *range(0x1F3FB, 0x1F400),  # the skin tones (glyphs.invisible)
        0x061C,
        0x180E,
        0xFEFF,
    )
)


def _empty(face: Any, glyph: int) -> bool:
    """Whether the font's glyph draws nothing (no outline: its place in 'loca' is empty)."""
    return face.glyphPos[glyph] == face.glyphPos[glyph + 1]


# the measures of texts a font keeps (QbankFont.stringWidth), and the characters of those
# texts: a card measures a whole paragraph's text at times (a few MB a font at most)
WIDTHS_KEPT, WIDTH_CHARS_KEPT = 20_000, 1_000_000
SUBSETS_KEPT = 64  # a font's subsets made, kept for the next document (see _kept_subset)


class _FontFile:
    """A subset's font file (`data`), and the filter of its PDF stream: reportlab's
    FlateDecode (pdfdoc.PDFZCompress), whose bytes are kept once made, as the data is
    (QbankFont._kept_subset): compressing a small booklet's font files took 1.5 of its 25 ms
    in every build."""

    pdfname = "FlateDecode"

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._compressed: bytes | None = None

    def encode(self, content: bytes) -> bytes:
        if content is not self.data:
            return pdfdoc.PDFZCompress.encode(content)
        if self._compressed is None:
            self._compressed = pdfdoc.PDFZCompress.encode(content)
        return self._compressed


class QbankFont(TTFont):
    """A TrueType font of qbank/fonts whose text keeps the characters the font lacks.

    reportlab writes every such character as code 0, so the PDF's text loses it: copying,
    searching and reading the PDF back find nothing. Here each one gets a code of its own,
    drawn with glyph 0 (the font's empty box; PdfText warns about it), and the PDF's text
    keeps the character. Only the characters a text uses are added to this font's map. A
    no-break space keeps its code too (reportlab gave it the space's).
    """

    def __init__(self, name: str, filename: str) -> None:
        # ASCII at its own codes, as reportlab's default has it, whatever a host program's
        # rl_config.ttfAsciiReadable says (its 0 changed qbank's PDFs: a library trial)
        super().__init__(name, filename, asciiReadable=1)
        self._widths: dict[tuple[str, float], float] = {}  # see stringWidth
        self._width_chars = 0  # the characters of the texts of _widths
        self._subsets: dict[tuple[tuple[int, ...], tuple[int, ...]], _FontFile] = {}
        self.face.makeSubset = self._kept_subset
        # two blanks of their own, each with the space's glyph and width and a code of its
        # own: a bank's no-break space as drawn (reportlab writes U+00A0 with the space's
        # code, so the text had a blank) and text.LAYOUT_SPACE, which the text reads as a
        # space
        face = self.face
        space = face.charToGlyph.get(0x20)
        if space is not None:
            for stand_in in (_NBSP_STAND_IN, ord(LAYOUT_SPACE)):
                face.charToGlyph[stand_in] = space
                face.glyphToChar.setdefault(space, []).append(stand_in)
                face.charWidths[stand_in] = face.charWidths[0x20]
        # a regional indicator is drawn as its capital letter, so that a flag (🇪🇸, two of
        # them) prints as its country's code, ES, in the text's own letters: black and white
        # has no flag to draw, and Symbola's small letters in dotted squares read as two
        # missing glyphs (a trial); the text keeps the flag's characters
        for code in range(_REGIONAL_A, _REGIONAL_A + 26):
            letter = ord("A") + code - _REGIONAL_A
            if code not in face.charToGlyph and letter in face.charToGlyph:
                face.charToGlyph[code] = face.charToGlyph[letter]
                face.charWidths[code] = face.charWidths[letter]
        # Arabic's presentation forms, each under its stand-in too (shaping.py), which is
        # read back as the letters it stands for
        forms = [c for c in range(0xFB50, 0xFF00) if c in face.charToGlyph]
        forms = [c for c in forms if is_stand_in(SHAPED_STAND_IN + c)]
        for code in forms:
            face.charToGlyph[SHAPED_STAND_IN + code] = face.charToGlyph[code]
            face.charWidths[SHAPED_STAND_IN + code] = face.charWidths.get(code, 0)
        self.shapes = bool(forms)
        self.glyphs = frozenset(self.face.charToGlyph)  # what the font itself draws
        # a variation selector, a joiner, a tag or a direction mark draws nothing (an empty
        # glyph: glyph 0 where that is empty, as in Noto Sans, else the space's) and takes no
        # room: the U+FE0F of ❤️ and ⚠️ left a gap as wide as a box after the symbol, the
        # tags of 🏴's England 3.6 em, and Noto Sans's own glyphs of U+202A-202E and
        # U+200E/200F (visible symbols of no width) stood over the letters beside them (a
        # hostile trial); a look's font whose glyph 0 is a box drew a box for each (a review)
        empty = next((g for g in (0, space) if g is not None and _empty(face, g)), None)
        if empty is not None:
            for code in _INVISIBLE:
                face.charToGlyph[code] = empty
                face.charWidths[code] = 0
        self._mark_boxes: dict[str, tuple[float, float, float] | None] = {}
        self.mirrors: set[int] = set()  # the stand-ins of mirrored brackets drawn so far
        # a keycap that is a square of its own (Noto Sans Symbols 2's), not a mark of no
        # width: the digit before it is drawn in it, as a stand-in that reads as the digit
        # and is as wide as puts the digit's middle on the square's, where the square
        # begins (moving the pen back over the digit for the square broke the line in
        # PDFium and poppler: '1' then '⃣' on a line of its own); a digit whose middle is
        # left of the square's stays at its start (Noto's 1, by 0.006 em), of 0.001 em
        # (pdf.js read a space after a digit of none). Its height is
        # the font's: Noto's digits are drawn to stand in its square (a '*' raised to the
        # middle broke PDFium's line)
        self.keycaps: dict[str, int] = {}  # a digit (#, *): its stand-in's width
        square = self.mark_box(KEYCAP) if face.charWidths.get(ord(KEYCAP), 0) > 0 else None
        for base in KEYCAP_BASES if square is not None else ():
            digit = self.mark_box(base)
            if digit is not None:
                self.keycaps[base] = max(1, round(digit[0] - square[0]))
                face.charToGlyph[_STAND_IN + ord(base)] = face.charToGlyph[ord(base)]
                face.charWidths[_STAND_IN + ord(base)] = self.keycaps[base]

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        """reportlab's, but a keycap's digit takes only its stand-in's room: it stands in
        the square (see keycaps). Kept for the next measure of the same text at the same
        size: a card's words are measured at each size its face tries, as its lines are
        broken, again as they are drawn, and the same words recur (500 questions' cards
        measured 417,000 texts, most of them more than once)."""
        key = (text, size)
        width = self._widths.get(key)
        if width is None:
            width = super().stringWidth(text, size, encoding)
            if self.keycaps and KEYCAP in text:
                widths, stand_ins = self.face.charWidths, self.keycaps
                digits = (k[0][0] for k in _KEYCAPS.finditer(text) if k[0][0] in stand_ins)
                width -= sum(widths[ord(d)] - stand_ins[d] for d in digits) * size / 1000
            self._width_chars += len(text)
            if len(self._widths) >= WIDTHS_KEPT or self._width_chars > WIDTH_CHARS_KEPT:
                self._widths.clear()  # bounded: a few MB a font
                self._width_chars = len(text)
            self._widths[key] = width
        return width

    def _kept_subset(self, subset: list[int]) -> bytes:
        """The font file of a subset (reportlab's `makeSubset` of this font's face), kept
        for the next document whose subset has the same characters drawn by the same glyphs,
        which are all it depends on: each build in a process (a test session builds
        hundreds) made the same subsets of the same fonts again, 5 % of a small booklet."""
        to_glyph = self.face.charToGlyph
        key = (tuple(subset), tuple(to_glyph.get(code, 0) for code in subset))
        made = self._subsets.get(key)
        if made is None:
            made = _FontFile(type(self.face).makeSubset(self.face, subset))
            if len(self._subsets) >= SUBSETS_KEPT:
                self._subsets.clear()  # bounded: some tens of KB a subset
            self._subsets[key] = made
        return made.data

    def addObjects(self, doc: object) -> None:  # noqa: N802
        """reportlab's, with the ToUnicode maps of this font's subsets mended after."""
        state = self.state.get(doc)
        subsets = len(state.subsets) if state is not None else 0
        super().addObjects(doc)
        face = self.face.name + self.face.subfontNameX
        mirrored = [(_utf16(c), f"<{c - _STAND_IN:04X}>") for c in sorted(self.mirrors)]
        for n in range(subsets):
            base = (ttfonts.SUBSETN(n) + b"+" + face).decode("pdfdoc")
            self._compress_once(doc.idToObject.get(f"fontFile:{self.face.filename}({base})"))
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is not None:
                cmap = utf16_to_unicode_cmap(stream.content)
                for stand_in, meant in (*_STAND_INS, *mirrored):
                    cmap = cmap.replace(stand_in, meant)
                if self.shapes:
                    cmap = _SHAPED_STAND_INS.sub(_read_as, cmap)
                stream.content = cmap

    def _compress_once(self, stream: Any) -> None:
        """A subset's font file `stream`, when it is one of the kept ones (_kept_subset) to
        be compressed as reportlab compresses it, compressed once for every document."""
        if stream is None or stream.filters != [pdfdoc.PDFZCompress]:
            return
        kept = next((f for f in list(self._subsets.values()) if f.data is stream.content), None)
        if kept is not None:
            stream.filters = [kept]

    def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list:  # noqa: N802
        if "\xa0" in text and _NBSP_STAND_IN in self.face.charToGlyph:
            text = text.replace("\xa0", chr(_NBSP_STAND_IN))
        if self.keycaps and KEYCAP in text:  # each digit in its square (see keycaps)
            text = _KEYCAPS.sub(self._in_square, text)
        state = self.state.get(doc)
        first = getattr(state, "qbank_first_subset", None)
        if first is not None and text and first[1].issuperset(text):
            return [(0, text.translate(first[0]).encode("latin-1"))]
        to_glyph = self.face.charToGlyph
        for code in set(map(ord, text)).difference(to_glyph):
            to_glyph[code] = 0
        split = super().splitString(text, doc, encoding)
        self._learn_first_subset(self.state[doc], text)
        return split

    @staticmethod
    def _learn_first_subset(state: TTFont.State, text: str) -> None:
        """Keep the codes of `text`'s characters that reportlab put in a document's first
        subset, so that a text of those characters alone is split as reportlab would, in C
        (str.translate), and not character by character: a code, once given, never changes,
        and the booklet of 5,000 questions split 228,000 texts."""
        first = getattr(state, "qbank_first_subset", None)
        if first is None:
            first = state.qbank_first_subset = ({}, set())
        table, chars = first
        assignments = state.assignments
        for char in set(text).difference(chars):
            code = assignments.get(32 if char == "\xa0" else ord(char))  # reportlab's nbsp
            if code is not None and code < 256:
                table[ord(char)] = code
                chars.add(char)

    def mirror(self, char: str) -> str:
        """`char` as drawn at a right-to-left level (direction.py): a bracket that has a
        mirror image in this font as a stand-in that draws that image and reads back as
        the bracket itself ('(' drawn as ')'); any other character as it is."""
        image = MIRRORED.get(char)
        code = _STAND_IN + ord(char)
        face = self.face
        if image is None or code >= _STAND_IN + 0x10000 or ord(image) not in face.charToGlyph:
            return char
        if code not in self.mirrors:
            face.charToGlyph[code] = face.charToGlyph[ord(image)]
            face.charWidths[code] = face.charWidths.get(ord(image), 0)
            self._widths.clear()  # a text of the stand-in was measured without its width
            # known as a mirror once it has its width: another thread given it at once
            # measured it without, and kept that (a review)
            self.mirrors.add(code)
        return chr(code)

    def _in_square(self, keycap: re.Match) -> str:
        """A keycap, its digit (#, *) as its stand-in when this font has one."""
        digit = keycap[0][0]
        return chr(_STAND_IN + ord(digit)) + keycap[0][1:] if digit in self.keycaps else keycap[0]

    def mark_box(self, char: str) -> tuple[float, float, float] | None:
        """Where the outline of `char`, a combining mark or the letter it stands over, stands
        about its origin: the middle of its width, its bottom and its top, in thousandths of
        an em; None when this font draws it with no outline."""
        known = self._mark_boxes.get(char, False)
        if known is not False:
            return known
        face = self.face
        glyph = face.charToGlyph.get(ord(char), 0)
        start, end = (face.glyphPos[glyph : glyph + 2] + [0, 0])[:2]
        box = None
        if glyph and end > start:
            offset = face.get_table_pos("glyf")[0] + start
            x_min, y_min, x_max, y_max = struct.unpack(">hhhh", face.get_chunk(offset + 2, 8))
            scale = 1000 / face.unitsPerEm
            box = ((x_min + x_max) / 2 * scale, y_min * scale, y_max * scale)
        self._mark_boxes[char] = box
        return box


# combining marks of the blocks Latin, Greek and Cyrillic text uses (x̄, p̂, ŝ, ǹ, e + U+0301)
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
# Hebrew's points and accents and Arabic's harakat, and the letter after them: a line drawn
# right to left (direction.py) has a letter's marks before it, so that readers, which turn
# such a run back into the bank's order as they copy it, give the letter, then its marks
_MARKS_FIRST = re.compile(
    "([\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]+)(.)"
)


class MarkedText(PDFTextObject):
    """reportlab's text object, with each combining mark drawn over the letter before it.

    reportlab draws a string glyph after glyph with no shaping, and a mark's outline stands
    where its font put it about its origin: Noto Sans draws an acute or a tilde left of its
    origin, over the letter before, but a macron, a circumflex or a diaeresis centred on it,
    so x̄'s bar fell between the x and the next letter and p̂'s hat beside the p. As a shaper
    does, a letter and its marks that the font has as one character as wide as the letter
    (a + U+0303: ã) are drawn as that character; other marks are moved back over the middle
    of their letter (HarfBuzz's fallback positioning; never forward, past the letter), and
    a second mark above the letter is raised over the first. The text keeps its characters
    in order (PDFium, pdf.js and poppler read them back as written; a letter drawn whole
    reads as that letter); a line's width is unchanged. Not ActualText spans: PDFium then
    gave their characters each other's boxes."""

    def _formatText(self, text: str) -> str:  # noqa: N802 (reportlab's name)
        if text.isascii():  # no mark in it (most texts: the two searches cost more)
            return super()._formatText(text)
        font = getFont(self._fontname)
        if isinstance(font, QbankFont) and _MARKS_FIRST.search(text):
            return self._marks_first(font, text)
        if not isinstance(font, QbankFont) or not _MARKS.search(text):
            return super()._formatText(text)
        if not hasattr(self, "_known"):  # what this text object drew already, by cluster
            self._known: dict[tuple, tuple[str, object]] = {}
        out, done = [], 0
        for found in _MARKS.finditer(text):
            start = found.start()
            if start == 0:  # a mark that opens the text (its letter was in another font)
                continue
            cluster = text[start - 1 : found.end()]
            placed = self._placed(font, cluster)
            if placed is None:
                continue  # drawn as they come
            # in the order drawn: reportlab names the font before the first text it draws
            if start - 1 > done:
                out.append(super()._formatText(text[done : start - 1]))
            out.append(self._cluster(cluster, placed))
            done = found.end()
        out.append(super()._formatText(text[done:]))
        return " ".join(part for part in out if part)

    def show(self, text: str) -> None:
        """`textOut`, but the cursor is left where it was: for a caller that sets the
        origin of every text it draws, which reportlab's cursor would measure each text
        again to move (the booklet's 5,000 questions: 200,000 texts)."""
        self._code.append(self._formatText(text))

    def _marks_first(self, font: QbankFont, text: str) -> str:
        """`text` with each mark that comes before its letter (_MARKS_FIRST) moved over the
        middle of that letter and back, where Noto Sans Hebrew draws it right of the pen,
        for a shaper to place: a holam stood in the gap after its vav."""
        widths = font.face.charWidths
        out, done = [], 0
        for found in _MARKS_FIRST.finditer(text):
            marks, letter = found.groups()
            if found.start() > done:
                out.append(super()._formatText(text[done : found.start()]))
            for mark in marks:
                box = font.mark_box(mark)
                ahead = widths.get(ord(letter), 0) / 2 - box[0] if box else 0.0
                shown = super()._formatText(mark)
                if ahead:
                    shown = f"[{fp_str(-ahead)}] TJ {shown} [{fp_str(ahead)}] TJ"
                out.append(shown)
            out.append(super()._formatText(letter))
            done = found.end()
        out.append(super()._formatText(text[done:]))
        return " ".join(part for part in out if part)

    def _cluster(self, cluster: str, placed: str | list[tuple[float, float]]) -> str:
        """The operators that draw a letter and its marks where the pen is; made once per
        text object for each (a paragraph of 2,400 x̄ took four times as long to set)."""
        key = (cluster, self._fontname, self._fontsize, self._leading, self._rise, self._curSubset)
        known = self._known.get(key)
        if known is None:
            if isinstance(placed, str):  # the font has the letter and its marks whole
                drawn = super()._formatText(placed)
            else:
                parts = [super()._formatText(cluster[0])]
                for mark, (back, rise) in zip(cluster[1:], placed, strict=True):
                    shown = super()._formatText(mark)
                    if rise:
                        shown = f"{fp_str(self._rise + rise)} Ts {shown} {fp_str(self._rise)} Ts"
                    parts.append(f"[{fp_str(back)}] TJ {shown} [{fp_str(-back)}] TJ")
                drawn = " ".join(parts)
            known = self._known[key] = (drawn, self._curSubset)
        self._curSubset = known[1]
        return known[0]

    def _placed(self, font: QbankFont, cluster: str) -> str | list[tuple[float, float]] | None:
        """How a letter and its marks are drawn: as one character of the font (its text), or
        each mark moved back and raised (thousandths of an em back, points up), or None when
        they draw right as they come."""
        composed = unicodedata.normalize("NFC", cluster)
        widths = font.face.charWidths
        letter = widths.get(ord(cluster[0]), 0)
        # whole only when it is as wide as the letter the line was measured with (a Greek
        # Ί whole is wider than Ι: the line ran past the margin, a review)
        if len(composed) == 1 and ord(composed) in font.glyphs:
            if abs(widths.get(ord(composed), 0) - letter) < 1:
                return composed
        # the first mark above stands clear of its letter's top, as the next stands clear of
        # it: an arrow made to stand over x-height letters hid in a capital's top bar (F⃗,
        # a physics teacher's trial)
        outline = font.mark_box(cluster[0])
        placed, top = [], outline[2] if outline is not None else None
        for mark in cluster[1:]:
            box = font.mark_box(mark)
            if box is None or widths.get(ord(mark), 0) != 0:
                placed.append((0.0, 0.0))
                continue
            center, bottom, height = box
            back = max(0.0, letter / 2 + center)  # back over its middle, never past it
            rise = 0.0
            if unicodedata.combining(mark) == 230:  # above the letter: over the one before
                if top is not None and bottom < top:
                    rise = (top - bottom + 40) * self._fontsize / 1000
                top = height + rise * 1000 / self._fontsize
            placed.append((back, rise))
        return placed if any(back or rise for back, rise in placed) else None
