"""Room for a question's number before its text, in whatever font the reader's Word or
LibreOffice draws it.

A question heading is its number, a tab, and the text: the tab stops at the heading's
hanging indent, where the text starts. The theme's indent suits Calibri; LibreOffice on a
machine without Calibri (or its twin Carlito) draws it in DejaVu Sans, which is wider, and
"Q13" then ended 2 pt before the text. The indent is widened to hold the bank's widest
number in a font that wide, plus a gap, so that the number and the text stay apart in
every font a reader is likely to have.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from qbank.fontmetrics import metrics
from qbank.units import mm
from qbank.wordml.theme import Theme

HEADING = "Heading 2"
MEASURE_FONT = "NotoSans-Bold.ttf"
# DejaVu Sans Bold, LibreOffice's stand-in for Calibri on Debian, is 1.16 times as wide as
# Noto Sans Bold in Q and the digits; Verdana, the widest common stand-in, about as wide
WIDEST_FALLBACK = 1.2
GAP = 6.0  # points between the number and the text, at the least


def with_number_room(theme: Theme, labels: Iterable[str]) -> Theme:
    """`theme` with the question heading's hanging indent wide enough for `labels`."""
    spec = theme.styles[HEADING]
    size = float(spec["size"])
    font = metrics(MEASURE_FONT)
    widest = max((font.advance(label) for label in labels), default=0.0) * size / 1000
    needed = (widest * WIDEST_FALLBACK + GAP) / mm
    hanging = float(spec.get("hanging_mm", 0))
    if needed <= hanging:
        return theme
    indent = float(spec.get("indent_mm", 0)) + needed - hanging
    styles = {**theme.styles, HEADING: {**spec, "hanging_mm": needed, "indent_mm": indent}}
    return replace(theme, styles=styles)
