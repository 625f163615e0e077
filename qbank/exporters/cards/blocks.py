"""The flowables of a Markdown text on a card's face: paragraphs, list items, code lines
and pictures (from qbank.rich_markup's pieces).

A code line is one flowable that never splits: when it does not fit what is left of a
face it moves whole to the next card, so a card's text never breaks inside a code line.
A line wider than the card wraps, each continuation starting with a `↪`. A picture is
scaled to the face (never beyond its pixels at 150 dpi) and never split either.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from qbank import highlight
from qbank.direction import visual_runs
from qbank.highlight import CODE_PADDING, CONTINUED
from qbank.pdf import Inset, widest_word
from qbank.pdf_pictures import PdfPicture
from qbank.reportlab_fixes import Paragraph, marker_right_to_left, mirror_in
from qbank.rich import Picture
from qbank.rich_markup import Piece, level_indents
from qbank.text import LAYOUT_SPACE, has_right_to_left

_PRINT = {role: HexColor(value) for role, value in highlight.PRINT.items()}

Runs = Callable[[str, str], list[tuple[str, str]]]  # text, font: runs with the glyph fallback
# a character's width in a font at a size, measured once a build (through the fallback)
Widths = dict[tuple[str, str, float], float]


class CodeLine(Flowable):
    """One line of a code block, wrapped to the width it is given, drawn on a shade."""

    def __init__(
        self,
        line: highlight.Line,
        font: str,
        bold: str,
        size: float,
        runs: Runs,
        shade: Color,
        mark: Color,
        widths: Widths,
    ) -> None:
        super().__init__()
        self.line = line
        self.font, self.bold, self.size = font, bold, size
        self.leading = size * 1.3
        self.runs = runs
        self.shade, self.mark = shade, mark
        self.widths = widths
        self.pieces: list[highlight.Line] = [line]
        self.indent = 0.0  # in a quote: as far in as the quote's text
        self.end = 0.0  # in a right-to-left list item: as far in from the right as its text
        self.fixed: list[highlight.Line] | None = None  # a part of a line cut over cards
        self.continues = False  # the part after the first: its first row runs on too
        # a list item's marker beside its first row, when the item opens with code: its
        # text, font, size, colour and where it stands left of the line (right of it, as
        # far in from the right, with `end`)
        self.marker: tuple[str, str, float, Color, float] | None = None

    def _measure(self, text: str) -> float:
        if len(text) == 1:  # a line too wide for the card is walked a character at a time
            key = (text, self.font, self.size)
            width = self.widths.get(key)
            if width is None:
                width = self.widths[key] = self._width(text)
            return width
        return self._width(text)

    def _width(self, text: str) -> float:
        return sum(stringWidth(t, f, self.size) for t, f in self.runs(text, self.font))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        room = avail_width - self.indent - self.end - self.size * CODE_PADDING
        mark = self._measure(CONTINUED + " ")
        pieces = (
            self.fixed
            if self.fixed is not None
            else highlight.wrap_marked(self.line, room, self._measure, mark)
        )
        self.pieces = pieces
        self.height = len(pieces) * self.leading
        return self.width, self.height

    def overflow(self, width: float) -> float:
        """The line's width, unwrapped, as a share of the room it has in `width` (more than
        1: it wraps)."""
        room = width - self.indent - self.end - self.size * CODE_PADDING
        whole = sum(self._width(text) for _, text in self.line)
        return whole / room if room > 0 else float("inf")

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []  # a code line moves whole to the next card

    def cut(self, avail_width: float, avail_height: float) -> tuple[CodeLine, CodeLine]:
        """The line's rows that fit `avail_height` (one at least), and the rest, each a code
        line of its own: for a line taller than a whole card."""
        self.wrap(avail_width, avail_height)
        fit = max(1, min(len(self.pieces) - 1, int(avail_height // self.leading)))
        parts = []
        for rows, continues in ((self.pieces[:fit], self.continues), (self.pieces[fit:], True)):
            part = copy.copy(self)
            part.fixed, part.continues = rows, continues
            parts.append(part)
        return parts[0], parts[1]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.shade)
        width = self.width - self.indent - self.end
        canvas.rect(self.indent, 0, width, self.height, stroke=0, fill=1)
        y = self.height - self.leading * 0.5 - 0.3 * self.size
        if self.marker is not None and not self.continues:
            text, font, size, colour, at = self.marker
            if self.end:  # drawn right to left ('.7'), as a right-to-left item's marker
                text = marker_right_to_left(text, font)
                at = self.width - at - stringWidth(text, font, size)
            canvas.setFillColor(colour)
            canvas.setFont(font, size)
            canvas.drawString(at, y, text)
        for k, piece in enumerate(self.pieces):
            x = self.indent + self.size * 0.3
            if k or self.continues:
                for text, font in self.runs(CONTINUED + " ", self.font):
                    canvas.setFillColor(self.mark)
                    canvas.setFont(font, self.size)
                    canvas.drawString(x, y, text)
                    x += stringWidth(text, font, self.size)
            if has_right_to_left("".join(text for _, text in piece)):
                self._draw_in_order(piece, x, y)
                y -= self.leading
                continue
            for role, text in piece:
                canvas.setFillColor(_PRINT[role])
                for part, font in self.runs(text, self._font(role)):
                    canvas.setFont(font, self.size)
                    canvas.drawString(x, y, part)
                    x += stringWidth(part, font, self.size)
            y -= self.leading

    def _font(self, role: str) -> str:
        return self.bold if role == "keyword" else self.font

    def _draw_in_order(self, piece: highlight.Line, x: float, y: float) -> None:
        """A row that holds right-to-left text, in the order drawn (qbank.direction), as the
        booklet draws it: left to right, as code reads, a Hebrew string's words from its
        right. Drawn a run of one font at a time from the left, 'print("שלום עולם")' had
        its two words swapped."""
        styled = [
            (part, font, _PRINT[role])
            for role, text in piece
            for part, font in self.runs(text, self._font(role))
        ]
        text = self.canv.beginText()
        for n, part in visual_runs(
            [part for part, _, _ in styled], False, lambda n, c: mirror_in(styled[n][1], c)
        ):
            _, font, colour = styled[n]
            text.setFont(font, self.size)
            text.setFillColor(colour)
            text.setTextOrigin(x, y)
            text.textOut(part)
            x += stringWidth(part, font, self.size)
        self.canv.drawText(text)


class CardPicture(Flowable):
    """A picture, as large as the face allows but never beyond its pixels at 150 dpi."""

    def __init__(
        self, picture: Picture, drawn: PdfPicture, tallest: float, indent: float = 0.0
    ) -> None:
        super().__init__()
        self.picture = picture
        self.drawn = drawn
        self.tallest = tallest  # the face's text box: a picture always fits a fresh card
        self.indent = indent  # in a list item or a quote: as far in as its text

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        natural_w, natural_h = self.picture.points()
        scale = min(1.0, (avail_width - self.indent) / natural_w, self.tallest / natural_h)
        self.drawn_size = natural_w * scale, natural_h * scale
        self.width, self.height = self.indent + self.drawn_size[0], self.drawn_size[1]
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """The picture smaller, in what a card has left, when that is at least
        SHRINK_TO_FIT of a fresh card's room: a short hint with a picture took three
        cards, the picture alone on the middle one. Else nothing: it starts a card."""
        if avail_height < self.tallest * SHRINK_TO_FIT:
            return []
        return [CardPicture(self.picture, self.drawn, avail_height, self.indent)]

    def draw(self) -> None:
        self.drawn.draw(self.canv, self.indent, 0, *self.drawn_size)


class CardTable(Inset):
    """A table on a face (PdfText.table, made by `make` for a width when first laid out),
    in from the face's left by `indent` (its list levels and quotes): it splits between its
    rows, over cards, its header drawn again on the next, as a text that does not fit a
    card runs on. A row taller than a whole card (`tallest`, its text box) splits inside,
    between its lines."""

    def __init__(
        self,
        make: Callable[[float], Flowable],
        indent: float,
        tallest: float,
        grid: Flowable | None = None,
    ) -> None:
        super().__init__(grid, indent)
        self.make, self.tallest = make, tallest

    def _grid(self, avail_width: float) -> Flowable:
        if self.inner is None:
            self.inner = self.make(avail_width - self.indent)
        return self.inner

    def overflow(self, width: float, pieces: bool = False) -> float:
        """How much wider than its column a cell's widest word (or, with `pieces`, piece of
        one as a column holds it: text.cell_pieces) is, as a share of it (at most 1: none):
        a face tries a smaller size first, as for a word of its text."""
        return _overflow(self._grid(width), pieces)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._grid(avail_width)
        return super().wrap(avail_width, avail_height)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        grid = self._grid(avail_width)
        parts = grid.split(avail_width - self.indent, avail_height)
        if not parts and avail_height >= self.tallest:  # a fresh card holds no whole row
            grid.splitInRow = 1
            parts = grid.split(avail_width - self.indent, avail_height)
        return [CardTable(self.make, self.indent, self.tallest, part) for part in parts]


def _overflow(grid: Flowable, pieces: bool) -> float:
    widest = 0.0
    for row, looks in zip(grid._cellvalues, grid._cellStyles, strict=True):
        for cell, look, column in zip(row, looks, grid._colWidths, strict=True):
            for inner in cell if isinstance(cell, list) else [cell]:
                if hasattr(inner, "_cellvalues"):  # a stacked table's row
                    widest = max(widest, _overflow(inner, pieces))
                    continue
                room = column - look.leftPadding - look.rightPadding
                # a fresh paragraph: the table's, wrapped, hold frags widest_word cannot read;
                # its pieces as the column holds them (an address's, a word of prose whole)
                fresh = type(inner)(inner.text, inner.style)
                size = inner.style.fontSize
                widest = max(widest, widest_word(fresh, size, room, cell=pieces))
    return widest


SHRINK_TO_FIT = 0.4  # the least share of a card's text box a picture shrinks into


ITEM_STEP = 1.4  # a list level's indentation, in ems of the face's text


def item_indent(depth: int, size: float, piece: Piece) -> float:
    """How far in a list item `depth` levels deep sets its text, code and pictures: a
    level's indentation, or more where its text's widest marker needs it ('10.')."""
    return size * max(ITEM_STEP, piece.marker_room) * depth


def item_style(base: ParagraphStyle, piece: Piece, size: float, quotes: float = 0.0):
    """A list item's paragraph, in `quotes` from the left (the quotes it stands in): its
    marker hangs in the indentation, each level on its own side (rich_markup.level_indents)."""
    return ParagraphStyle(
        f"{base.name}-item{piece.depth}",
        parent=base,
        **level_indents(piece, item_indent(1, size, piece), quotes=quotes),
        # the marker at the text's size and face (reportlab's default is 10 pt Helvetica:
        # numbers larger than 7 pt items, as a trial saw)
        bulletFontSize=base.fontSize,
        bulletFontName=base.fontName,
        spaceBefore=size * 0.15,
    )


def item(markup: str, marker: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(markup or LAYOUT_SPACE, style, bulletText=marker)
