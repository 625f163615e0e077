"""How far apart in lightness two colours of a look are, as WCAG 2.x measures text against
what it stands on: a look's pale colour printed pale text nobody could read, without a word
(look.contrast_warnings says so at the colour's line).

The formulas are WCAG 2.2's: relative luminance
(https://www.w3.org/TR/WCAG22/#dfn-relative-luminance), contrast ratio
(https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio), and the least ratio for text and for
large-scale text, at least 18 point or 14 point bold (Success Criterion 1.4.3, Contrast
(Minimum): https://www.w3.org/TR/WCAG22/#contrast-minimum).
"""

from __future__ import annotations

import math
import re
from typing import Any

WHITE = "#ffffff"  # the paper, and a page or cell with no background of its own
BLACK = "#000000"
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
# a declaration of a style sheet (a selector's 'a:hover' ends in '{', never ';' or '}'),
# a comment in one, and a word after '#' in its value
_DECLARATION = re.compile(r"([\w-]+)\s*:\s*([^;{}]*)(?=[;}])")
_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_HASHED = re.compile(r"(?<![\w#\-(\"'])#[\w-]*")  # not url(#a) nor content: "#1"
_CSS_HEX = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
TEXT_NEEDS = 4.5
LARGE_TEXT_NEEDS = 3.0


def _linear(channel: int) -> float:
    srgb = channel / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def is_color(value: Any) -> bool:
    """Whether `value` is a colour written '#rrggbb' or '#rgb'."""
    return isinstance(value, str) and _HEX.fullmatch(value) is not None


def css_colour_typo(style: str) -> tuple[int, str] | None:
    """The first colour of a style sheet written '#' and what is not a colour ('#0B3D2',
    five digits): its line, and what to write. A browser skips such a declaration, so what
    it colours takes the browser's default, and a look's study page and cards showed
    black text on white after a typo without a word (a brand trial)."""
    style = _COMMENT.sub(lambda comment: re.sub(r"[^\n]", " ", comment.group()), style)
    for declared in _DECLARATION.finditer(style):
        for hashed in _HASHED.finditer(declared[2]):
            if _CSS_HEX.fullmatch(hashed.group()) is None:
                line = style.count("\n", 0, declared.start(2) + hashed.start()) + 1
                return line, (
                    f"{declared[1]}: {hashed.group()!r} is not a colour; write '#' and 6 "
                    "digits 0-9 or letters a-f ('#rrggbb'): a browser skips the line, and "
                    "what it colours takes the browser's own colour"
                )
    return None


def luminance(color: str) -> float:
    """The relative luminance of `color` ('#rrggbb' or '#rgb'): 0 for black, 1 for white."""
    digits = color.removeprefix("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    red, green, blue = (_linear(int(digits[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def printed_over(
    shade: tuple[float, float, float], ground: tuple[float, float, float]
) -> tuple[float, float, float]:
    """The colour of `shade` laid over `ground` (each red, green and blue from 0 to 1), as
    ink printed over ink multiplies them: a code span's ground in a box of its own colour
    (a hint's) stands out of it as it does from the paper."""
    red, green, blue = (a * b for a, b in zip(shade, ground, strict=True))
    return red, green, blue


def ratio(one: str, other: str) -> float:
    """The contrast ratio of two colours, from 1 (alike) to 21 (black on white)."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def needs(size: float, bold: bool) -> float:
    """The least contrast text of `size` points needs: large-scale text less."""
    return LARGE_TEXT_NEEDS if size >= 18 or bold and size >= 14 else TEXT_NEEDS


def shown_ratio(value: float) -> str:
    """A ratio as contrast checkers write it, to two decimals, cut rather than rounded:
    4.499 is not said as the 4.5 it falls short of."""
    return f"{math.floor(value * 100) / 100:g}:1"


def way(mine: str, other: str, need: float) -> str:
    """Which way `mine` should move to stand `need` apart from `other`: away from it, or
    the one way that can (a ground behind mid-grey text can only go lighter)."""
    lighter = ratio(other, WHITE) >= need
    darker = ratio(other, BLACK) >= need
    away = "darker" if luminance(mine) <= luminance(other) else "lighter"
    if lighter and darker or not lighter and not darker:
        return away
    return "lighter" if lighter else "darker"
