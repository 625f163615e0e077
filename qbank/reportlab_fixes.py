"""What qbank changes in reportlab, in one place, for the PDF exporters only.

- `apply()` mends reportlab's ToUnicode map for characters beyond U+FFFF, if the installed
  reportlab still needs it (`to_unicode_needs_fix` probes it; a test fails once it no longer
  does, so that the mend is removed). It may be called any number of times.
- `QbankFont` is a font of qbank/fonts that keeps the characters it lacks in the PDF's text.
  It changes no other font and no global of reportlab.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont

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
