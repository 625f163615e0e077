"""Where a table's rows part over pages, as a careful typesetter parts them: each page
holds as many rows as fit, but never only a few of them on either side of a break (a
trial's time plan left its last three rows alone on page 2, above the blank space before
the interviewer's guide, which starts a page)."""

from __future__ import annotations

import math
from collections.abc import Sequence

LEAST_ROWS = 4  # rows on either side of a break, at the fewest
# a quarter of a long table asks no more rows than this of a page's foot or of its last
# page: a plan of 200 questions would otherwise leave most of the page before it blank
MOST_LEAST_ROWS = 8
_FUZZ = 1e-6  # reportlab's frame lets a flowable overrun it by as much


def least_rows(rows: int) -> int:
    """The rows either side of a break holds at least, in a table of `rows` rows: a quarter
    of them, LEAST_ROWS at the fewest, MOST_LEAST_ROWS at most."""
    return max(LEAST_ROWS, min(math.ceil(rows / 4), MOST_LEAST_ROWS))


def page_breaks(
    heights: Sequence[float], first: float, page: float, *, movable: bool
) -> list[int] | None:
    """The rows (by index) that start a page, for a table whose rows are `heights` tall:
    `first` is the room for rows where the table starts and `page` on a page of its own,
    each less what stands above the rows (the head row). Every page takes the rows that fit
    it; then the last page takes rows from the page before until it holds `least_rows`,
    and that page from the one before if it no longer does, and so on. None when the
    table is `movable` (it does not start a page) and fewer than `least_rows` would stay
    where it starts: it goes whole to the next page. [] when it fits where it starts."""
    breaks: list[int] = []
    room, start = first, 0
    for row, height in enumerate(heights):
        # a row taller than a page still starts one: the table parts inside it
        if height > room + _FUZZ and (row > start or row == 0):
            breaks.append(row)
            room, start = page, row
        room -= height
    least = least_rows(len(heights))
    balanced, end = list(breaks), len(heights)
    for part in reversed(range(len(balanced))):
        if end - balanced[part] >= least:
            break
        balanced[part] = end - least
        if balanced[part] < 1 or sum(heights[balanced[part] : end]) > page + _FUZZ:
            balanced = breaks  # rows too few or too tall to balance: as they fit
            break
        end = balanced[part]
    if movable and balanced and balanced[0] < least:
        return None
    return balanced
