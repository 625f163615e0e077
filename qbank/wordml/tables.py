"""Tables sized by the theme: column widths as fractions of the text width, and head cells.

The XML of tables, rows and cells is wml.py's; this adds what a document's tables share:
the text width, the height of a row to write in, and the shaded head cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from qbank.wordml.theme import Theme
from qbank.wordml.wml import Wml


class Tables:
    """Tables of a document in `theme`, written by `wml`."""

    def __init__(self, wml: Wml, theme: Theme) -> None:
        self.wml = wml
        self.theme = theme
        self.width = theme.text_width
        self.field_height = theme.twips("field_mm")

    def columns(self, *fractions: float) -> list[int]:
        """Column widths (twips) for fractions of the text width; the last takes the rest."""
        widths = [round(self.width * f) for f in fractions[:-1]]
        return widths + [self.width - sum(widths)]

    def head_cell(
        self, width: int, text: str | Sequence[tuple[str, bool]], **options: object
    ) -> str:
        options.setdefault("fill", "shade")
        return self.wml.text_cell(width, text, style="Packet Cell Head", **options)
