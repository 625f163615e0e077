"""Tables sized by the theme: column widths as fractions of the text width, and head cells;
and the tables of a Markdown bank's texts, their columns as wide as their words ask.

The XML of tables, rows and cells is wml.py's; this adds what a document's tables share:
the text width, the height of a row to write in, and the shaded head cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from qbank.direction import item_right_to_left
from qbank.rich import Paragraph, Table
from qbank.wordml.theme import Theme
from qbank.wordml.wml import CELL_MARGIN, Wml


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


# A Markdown table in a text (qbank.rich.Table), in paragraph styles of its own: the
# debrief tells a question's table from the packet's own (its scorecard, its notes) by them
TABLE_STYLE, TABLE_HEAD_STYLE = "Packet Table", "Packet Table Head"
TABLE_STYLES = (TABLE_STYLE, TABLE_HEAD_STYLE)
# their ids in a document (document.style_id), which LibreOffice keeps when it saves one
TABLE_STYLE_IDS = frozenset(name.replace(" ", "") for name in TABLE_STYLES)
# twips above and below a cell's text, and under a table (a paragraph of that height: the
# text after it stood against its bottom line, and two tables in a row would join)
TABLE_PADDING, AFTER_TABLE = 30, 100
# a column's longest word takes at most this share of the table's width: a long address
# breaks inside it rather than squeeze the other columns to a letter a line
WORD_SHARE = 0.4
# a table's text at its smallest (points), where its columns' words do not fit at its size
TABLE_LEAST_SIZE = 7.5
# a column at its narrowest: a cell's margins and a few letters
LEAST_COLUMN = 2 * CELL_MARGIN + 240
# each column's alignment as written, as a paragraph's w:jc
_JC = {"left": "left", "center": "center", "right": "right"}
# in a paragraph that runs right to left, Word and LibreOffice read w:jc's left and right
# from its start: 'right' aligns it on the left
_JC_RIGHT_TO_LEFT = {"left": "right", "center": "center", "right": "left"}


def column_widths(needs: Sequence[tuple[float, float]], room: int) -> list[int]:
    """Column widths (twips) of a table `room` twips wide at most, from what each column
    needs (twips, its cells' margins in): its longest word, and its longest cell on one
    line. Each column as wide as its longest cell where they all fit (as a browser and
    Word's AutoFit lay a table out). Else a column whose longest cell takes no more than
    its fair share of the room keeps it whole ('Defense in depth' beside a paragraph of a
    cell stood over three lines), and the rest each take their longest word (WORD_SHARE of
    the room at most) and share what is left in proportion to what each would take more;
    where even the words do not fit, in proportion to them, a word then breaking inside
    (PageFit.table_layout sets such a table smaller first). Never past `room`."""
    least = [max(LEAST_COLUMN, min(word, room * WORD_SHARE)) for word, _ in needs]
    most = [max(whole, low) for (_, whole), low in zip(needs, least, strict=True)]
    if sum(most) <= room:
        return [int(width) for width in most]
    if sum(least) >= room:
        return [int(room * low / sum(least)) for low in least]
    kept: dict[int, float] = {}  # the columns that keep their longest cell whole
    while True:
        rest = [n for n in range(len(needs)) if n not in kept]
        left = room - sum(kept.values())
        short = [n for n in rest if most[n] <= left / len(rest)]
        others = sum(least[n] for n in rest if n not in short)
        if not short or others > left - sum(most[n] for n in short):
            break
        kept.update((n, most[n]) for n in short)
    spare = (left - sum(least[n] for n in rest)) / sum(most[n] - least[n] for n in rest)
    widths = [kept.get(n, least[n] + (most[n] - least[n]) * spare) for n in range(len(needs))]
    return [int(width) for width in widths]  # down: their sum within the room


class TableLayout(NamedTuple):
    """A table's columns (twips), and the share of its styles' size its text is set in."""

    widths: list[int]
    scale: float


def rich_table(
    wml: Wml,
    layout: TableLayout,
    table: Table,
    runs: Callable[[Paragraph, float | None], str],
    sizes: Callable[[str], float],
    *,
    indent: int = 0,
    room: int = 0,
    split: Sequence[bool] = (),
    keep_next: bool = False,
) -> str:
    """A table of a text (qbank.rich.Table): each cell's `runs` (of its paragraph and its
    size in points, None for its style's own) in the columns of `layout` (fit.table_layout:
    their widths in twips, and the share of its styles' `sizes` its words are set at where
    the columns' words do not fit side by side), `indent` twips in from where its text
    starts, its columns from the right where it runs right to left
    (direction.item_right_to_left). The header row repeats on each page a table runs
    over, bold on the theme's shade with a rule under it; each cell's paragraph aligned as
    its column is written (`align`), runs right to left where its text does; a row splits
    across pages only where `split` says so (one taller than a good part of a page). One
    that runs right to left is as wide as the `room` (twips) its indent leaves: Word
    measures a right-to-left table's indent from the right, LibreOffice from the left (a
    Hebrew hint's table stood at the left, its indent there), and only a table that fills
    its room stands where its text does in both. `keep_next`: the table keeps with what
    follows it (a question's, with the block under its heading), each of its paragraphs
    kept with the next as Word and LibreOffice keep a table."""
    align, widths = table.align, layout.widths

    def cells(row: tuple[Paragraph, ...], style: str) -> list[str]:
        size = sizes(style) * layout.scale if layout.scale < 1 else None
        return [runs(cell, size) for cell in row]

    right_to_left = item_right_to_left((table,), wml.language)
    if right_to_left and room > sum(widths):
        more = room / sum(widths)
        widths = [int(width * more) for width in widths]

    keep = True if keep_next else None

    def cell(width: int, runs: str, column: int, head: bool) -> str:
        style = TABLE_HEAD_STYLE if head else TABLE_STYLE
        jc = _JC_RIGHT_TO_LEFT if wml.runs_right_to_left(runs) else _JC
        # the header keeps with the first row, never alone at a page's foot
        kept = True if head else keep
        paragraph = wml.paragraph(style, runs, align=jc.get(align[column]), keep_next=kept)
        return wml.cell(
            width,
            paragraph,
            fill="shade" if head else None,
            valign="bottom" if head else "top",
            bottom_line="rule" if head else "",
            padding=TABLE_PADDING,
        )

    def row(cells: Sequence[str], head: bool, can_split: bool = False) -> str:
        made = [
            cell(w, runs, n, head) for n, (w, runs) in enumerate(zip(widths, cells, strict=True))
        ]
        return wml.row(made, header=head, can_split=can_split)

    body = [row(cells(table.header, TABLE_HEAD_STYLE), True)]
    for number, words in enumerate(table.rows):
        can_split = number < len(split) and split[number]
        body.append(row(cells(words, TABLE_STYLE), False, can_split))
    drawn = wml.table(widths, body, indent=indent, right_to_left=right_to_left)
    keep_after = "<w:keepNext/>" if keep_next else ""
    after = (
        f'<w:p><w:pPr><w:pStyle w:val="{wml.style_ids[TABLE_STYLE]}"/>{keep_after}'
        f'<w:spacing w:before="0" w:after="0" w:line="{AFTER_TABLE}" w:lineRule="exact"/>'
        "</w:pPr></w:p>"
    )
    return drawn + after
