"""Where flashcards go on a sheet: pure geometry, no drawing.

Cards are laid edge to edge in a grid centred on the sheet, so that one cut serves two
neighbours and the back of a sheet, mirrored, lands on the same grid as its front. Printed
double-sided and flipped on the long edge, a sheet's back is the front mirrored left to
right, so a card's back belongs in the mirrored column; flipped on the short edge, in the
mirrored row. Without duplex, a card's front and back stand side by side and fold.

Coordinates are PDF points with the origin at the sheet's bottom left; rows count from the
top, columns from the left.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from qbank.units import inch, mm

Side = Literal["front", "back"]
Duplex = Literal["long", "short", "none"]

# Natural (width, height) of each card; the grid may turn a card a quarter to fit more.
CARD_SIZES: dict[str, tuple[float, float]] = {
    "index": (5 * inch, 3 * inch),
    "business": (3.5 * inch, 2 * inch),
    "a7": (74 * mm, 105 * mm),
}
DUPLEX_MODES: tuple[Duplex, ...] = ("long", "short", "none")

_FUZZ = 1e-6  # points; a card that fits exactly must not be lost to rounding


@dataclass(frozen=True)
class CardGrid:
    """A grid of `columns` x `rows` cells of `card` size, centred on `page`.

    With `fold`, a cell holds a front and its back side by side (two cards wide).
    """

    page: tuple[float, float]
    card: tuple[float, float]  # as placed, after any quarter turn
    columns: int
    rows: int
    fold: bool = False

    @classmethod
    def fit(
        cls, page: tuple[float, float], card: tuple[float, float], margin: float, fold: bool = False
    ) -> CardGrid:
        """The grid holding the most cards inside `margin`, trying both card orientations.

        On a tie the card keeps its natural orientation. Raises ValueError if no card fits.
        """
        best: CardGrid | None = None
        width, height = card
        for placed in ((width, height), (height, width)):
            cell_width = placed[0] * (2 if fold else 1)
            columns = int((page[0] - 2 * margin + _FUZZ) // cell_width)
            rows = int((page[1] - 2 * margin + _FUZZ) // placed[1])
            grid = cls(page, placed, columns, rows, fold)
            if columns > 0 and rows > 0 and (best is None or grid.per_sheet > best.per_sheet):
                best = grid
        if best is None:
            raise ValueError("the card does not fit on the paper")
        return best

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def cell_width(self) -> float:
        return self.card[0] * (2 if self.fold else 1)

    @property
    def left(self) -> float:
        return (self.page[0] - self.columns * self.cell_width) / 2

    @property
    def bottom(self) -> float:
        return (self.page[1] - self.rows * self.card[1]) / 2

    @property
    def right(self) -> float:
        return self.left + self.columns * self.cell_width

    @property
    def top(self) -> float:
        return self.bottom + self.rows * self.card[1]

    def mirrored_column(self, column: int) -> int:
        return self.columns - 1 - column

    def mirrored_row(self, row: int) -> int:
        return self.rows - 1 - row

    def cell(self, index: int) -> tuple[int, int]:
        """(column, row) of the index-th card of a sheet, reading order."""
        if not 0 <= index < self.per_sheet:
            raise IndexError(f"card {index} is not on a sheet of {self.per_sheet}")
        row, column = divmod(index, self.columns)
        return column, row

    def slot(self, index: int, side: Side, duplex: Duplex) -> tuple[float, float]:
        """Bottom-left corner of the index-th card's `side` on its page."""
        column, row = self.cell(index)
        if side == "back" and duplex == "long":
            column = self.mirrored_column(column)
        elif side == "back" and duplex == "short":
            row = self.mirrored_row(row)
        x = self.left + column * self.cell_width
        if side == "back" and duplex == "none":
            x += self.card[0]
        y = self.top - (row + 1) * self.card[1]
        return x, y

    def cut_xs(self) -> list[float]:
        """x of every vertical cut, left to right (a fold is not a cut)."""
        return [self.left + i * self.cell_width for i in range(self.columns + 1)]

    def cut_ys(self) -> list[float]:
        """y of every horizontal cut, bottom to top."""
        return [self.bottom + i * self.card[1] for i in range(self.rows + 1)]

    def fold_xs(self) -> list[float]:
        """x of the fold line inside each pair (none unless folding)."""
        if not self.fold:
            return []
        return [self.left + i * self.cell_width + self.card[0] for i in range(self.columns)]


def mirrored_point(
    page: tuple[float, float], point: tuple[float, float], duplex: Duplex
) -> tuple[float, float]:
    """Where, on a sheet's back, lies the point behind `point` of its front."""
    x, y = point
    if duplex == "long":
        return page[0] - x, y
    if duplex == "short":
        return x, page[1] - y
    raise ValueError("only a duplex sheet has a back")
