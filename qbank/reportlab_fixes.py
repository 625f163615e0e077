"""What qbank changes in reportlab, in one place, for the PDF exporters only.

- `apply()` mends reportlab's ToUnicode map for characters beyond U+FFFF, if the installed
  reportlab still needs it (`to_unicode_needs_fix` probes it; a test fails once it no longer
  does, so that the mend is removed). It may be called any number of times.
- `apply()` also makes reportlab's soft-hyphen split linear: `_SHYStr.__shysplit__` measures
  the word up to every soft hyphen, from the last one backwards, for every line it breaks,
  so a word of n soft hyphens cost n**3 (a 20 KB word of 5,000 took 300 s in the cards'
  fit). `split_at_soft_hyphen` picks the same split, measuring only what fits on the line.
- `QbankFont` is a font of qbank/fonts that keeps the characters it lacks in the PDF's text.
  It changes no other font and no global of reportlab.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph

_BARE_ASTRAL = re.compile(r"<([0-9A-F]{5,6})>$", re.MULTILINE)
_PROBE = 0x1F600  # a character beyond U+FFFF


def to_unicode_needs_fix(make_cmap: Callable[[str, list[int]], str]) -> bool:
    """Whether `make_cmap` writes a character beyond U+FFFF as its bare code point (an
    odd-length hex string that PDF readers reject, so the character is lost) instead of
    UTF-16, as the CMap format wants."""
    return bool(_BARE_ASTRAL.search(make_cmap("probe", [0x20, _PROBE])))


def original_to_unicode() -> Callable[[str, list[int]], str]:
    """reportlab's own ToUnicode maker, mended or not."""
    made = ttfonts.makeToUnicodeCMap
    return getattr(made, "__wrapped__", made)


def apply() -> None:
    """Mend what the installed reportlab needs mended; a second call changes nothing."""
    original = original_to_unicode()
    if ttfonts.makeToUnicodeCMap is original and to_unicode_needs_fix(original):

        @functools.wraps(original)
        def utf16_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
            return _BARE_ASTRAL.sub(
                lambda m: f"<{chr(int(m.group(1), 16)).encode('utf-16-be').hex().upper()}>",
                original(fontname, subset),
            )

        ttfonts.makeToUnicodeCMap = utf16_to_unicode_cmap
    shysplit = original_shysplit()
    if paragraph._SHYStr.__shysplit__ is shysplit:

        @functools.wraps(shysplit)
        def linear_shysplit(*args, **kwargs) -> list | None:
            return split_at_soft_hyphen(*args, **kwargs)

        paragraph._SHYStr.__shysplit__ = linear_shysplit


def original_shysplit() -> Callable[..., list | None]:
    """reportlab's own soft-hyphen split, replaced or not."""
    made = paragraph._SHYStr.__shysplit__
    return getattr(made, "__wrapped__", made)


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
    head = paragraph._SHYStr(word[:cut] + "-")
    head.__sp__ = cuts[:fits]
    rest = paragraph._SHYStr(word[cut:])
    rest.__sp__ = [c - cut for c in cuts[fits + 1 :]]
    return [head, rest]


class QbankFont(TTFont):
    """A TrueType font of qbank/fonts whose text keeps the characters the font lacks.

    reportlab writes every such character as code 0, so the PDF's text loses it: copying,
    searching and reading the PDF back find nothing. Here each one gets a code of its own,
    drawn with glyph 0 (the font's empty box; PdfText warns about it), and the PDF's text
    keeps the character. Only the characters a text uses are added to this font's map.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.glyphs = frozenset(self.face.charToGlyph)  # what the font itself draws

    def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list:  # noqa: N802
        to_glyph = self.face.charToGlyph
        for code in set(map(ord, text)).difference(to_glyph):
            to_glyph[code] = 0
        return super().splitString(text, doc, encoding)
