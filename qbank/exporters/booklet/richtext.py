"""A Markdown text's tree (qbank.rich) as booklet rows: paragraphs with emphasis, strong,
code and links, highlighted code blocks, lists, quotes and pictures.

A code line that is wider than the column wraps, each continuation starting with a `↪`,
and all the rows of one code line keep together: a page break falls between code lines,
never inside one. A picture is scaled to the column (never beyond its pixels at 150 dpi,
nor taller than its share of a page, rich.PICTURE_SHARE) and keeps with the text
before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from reportlab.lib.colors import Color, HexColor

from qbank import highlight
from qbank.direction import item_right_to_left, visual_runs
from qbank.exporters.booklet.layout import (
    Piece,
    Row,
    TextFont,
    Typesetter,
    in_code,
    keep_together,
    protect,
    text_rows,
)
from qbank.exporters.booklet.parts import BULLET, Styles, TextStyle
from qbank.highlight import CODE_LINES_AT_A_BREAK, CODE_SCALE, CONTINUED
from qbank.pdf import Fonts
from qbank.pdf_pictures import PdfPictures
from qbank.rich import (
    Block,
    CodeBlock,
    ListBlock,
    Paragraph,
    Picture,
    Quote,
    Span,
    Table,
    address_after,
)
from qbank.rich_markup import (
    CELL_PAD,
    CELL_PAD_ABOVE,
    CELL_SLACK,
    HEADER_RULE,
    QUOTE_BAR,
    QUOTE_BAR_AT,
    ROW_RULE,
    STACKED_NAMES,
    TABLE_LEAST_COLUMN,
    TABLE_LEAST_SCALE,
    column_widths,
    too_narrow,
    words_room,
)
from qbank.text import cell_pieces, is_right_to_left

LIST_STEP = 1.6  # a list level's indentation, in ems of the text
WHOLE_CODE_LINES = 10  # a code block of at most this many lines stays on one page
# the space above a block after another, and above a tight list's item, in leadings
PARAGRAPHS_APART, ITEMS_APART = 0.35, 0.15
# above a loose list's item (a blank line apart in the bank): half a line, clearly more
# than a tight list's, as a browser's paragraph margin shows it (at a paragraph's 0.35 a
# loose list read as a tight one, a review); and above a list that follows a list where
# either is loose: more than those items stand apart, else the two read as one list
LOOSE_ITEMS_APART, LOOSE_LISTS_APART = 0.6, 1.0


def _loose_lists(previous: Block | None, block: Block) -> bool:
    """Whether `block` is a list after a list (two lists to CommonMark: bullets then
    numbers) of which either is loose."""
    if not (isinstance(previous, ListBlock) and isinstance(block, ListBlock)):
        return False
    return previous.loose or block.loose


def _words_end(blocks: tuple[Block, ...]) -> int:
    """How many of `blocks` reach to the end of a text's first words: its first run of
    paragraphs, up to the picture, code, table, list or quote after it (a question's code
    before its words is before them too); all of them when it has no paragraph."""
    words = [isinstance(block, Paragraph) for block in blocks]
    start = words.index(True) if True in words else len(blocks)
    return next((n for n in range(start, len(blocks)) if not words[n]), len(blocks))


def _protect_code(units: list[list[Row]], written: list[bool]) -> None:
    """No page break that leaves fewer than CODE_LINES_AT_A_BREAK lines with text (a line
    of a code block, `written` when it holds more than blanks) on either side: `protect`
    counts lines, and a trial's class ended on a page of its own with a blank line and
    its last line."""
    texts = [i for i, w in enumerate(written) if w]
    if len(texts) < 2 * CODE_LINES_AT_A_BREAK:
        keep_together([row for unit in units for row in unit])
        return
    first = texts[CODE_LINES_AT_A_BREAK - 1]  # no break before this line's end
    last = texts[-CODE_LINES_AT_A_BREAK]  # nor from this line's start on
    for unit in (*units[:first], *units[last:-1]):
        for row in unit:
            row.keep = True


def _same(_: int, char: str) -> str:
    return char


Drawable = Callable[[list[tuple[str, TextFont]]], list[tuple[str, TextFont]]]


class RichRows:
    """Rows of Markdown text in one edition's text column."""

    def __init__(
        self,
        styles: Styles,
        fonts: Fonts,
        typesetter: Typesetter,
        width: float,
        page: float,
        drawable: Drawable,
    ) -> None:
        self.styles = styles
        self.fonts = fonts
        self.typesetter = typesetter
        self.width = width
        self.page = page
        self.drawable = drawable  # runs with the glyph fallback applied
        self.band = styles.theme.color("code_background")
        self.muted = styles.theme.color("muted")
        self.quote_bar = styles.theme.color("rule")
        self.rule_color = styles.theme.color("rule")
        self.header_rule_color = styles.theme.color("muted")
        self._quotes = 0  # quotes set so far: each its own bar
        self._fonts: dict[tuple, TextFont] = {}
        self._pictures = PdfPictures()  # this edition's PDF
        self.stacked: list[Table] = []  # the tables set as rows of names and cells

    def font(self, base: TextFont, name: str, color: Color | None = None, **extra) -> TextFont:
        """`base` in face `name` (and colour): one object a variant, since the typesetter
        joins runs of one font object."""
        key = (id(base), name, color.hexval() if color is not None else None, *extra.items())
        found = self._fonts.get(key)
        if found is None:
            changes = {"name": name, **extra}
            if color is not None:
                changes["color"] = color
            found = self._fonts[key] = replace(base, **changes)
        return found

    # -- text ----------------------------------------------------------------------------

    def span_font(self, style: TextStyle, span: Span) -> TextFont:
        fonts = self.fonts
        heading = style.plain.name == fonts.heading  # a question: bold, or the look's own
        if span.code:
            name = fonts.code_bold if span.strong or heading else fonts.code
            return self.font(style.code, name)
        if heading and fonts.heading != fonts.bold:
            return style.plain  # a font of its own has one face, <b> and <i> alike
        bold = span.strong or style.plain.name in (fonts.bold, fonts.bold_italic)
        italic = span.emphasis or style.plain.name in (fonts.italic, fonts.bold_italic)
        name = {
            (False, False): fonts.regular,
            (True, False): fonts.bold,
            (False, True): fonts.italic,
            (True, True): fonts.bold_italic,
        }[(bold, italic)]
        return style.plain if name == style.plain.name else self.font(style.plain, name)

    def span_runs(self, spans: tuple[Span, ...], style: TextStyle) -> list[tuple[str, TextFont]]:
        """Runs of a paragraph; a link's address follows its text, in parentheses, and both
        are a link in the PDF."""
        runs: list[tuple[str, TextFont]] = []
        for i, span in enumerate(spans):
            if span.newline:
                runs.append(("\n", style.plain))
                continue
            font = self.span_font(style, span)
            if span.href:  # the words and the address after them both open it
                font = self.font(font, font.name, link=span.href)
            runs.append((span.text, font))
            following = spans[i + 1] if i + 1 < len(spans) else None
            if span.href and (following is None or following.href != span.href):
                if address_after(span):
                    address = self.font(style.plain, style.plain.name, link=span.href)
                    runs.append((f" ({span.href})", address))
        return runs

    @contextmanager
    def narrowed(self, by: float) -> Iterator[None]:
        """The column `by` points narrower on the right while inside: a right-to-left list
        item's text, left of its bullet or number, or a quote's, left of its bar."""
        width, self.width = self.width, self.width - by
        try:
            yield
        finally:
            self.width = width

    # -- blocks --------------------------------------------------------------------------

    def rows(
        self,
        blocks: tuple[Block, ...],
        style: TextStyle,
        label: list[Piece],
        indent: float,
        language: str = "",
        after_opening: list[Row] | None = None,
    ) -> list[Row]:
        """The rows of `blocks` from `indent`; `label` joins the first row (gutter text).
        `language`: the text's, whose rules of spacing the lines keep (Typesetter.lines).
        `after_opening`: rows set under the text's first words (_words_end), before the
        picture, code block, table or list after them: a question's tags and minutes,
        where a question of words alone has them."""
        rows: list[Row] = []
        opening = _words_end(blocks)
        gap = style.leading * PARAGRAPHS_APART
        previous: Block | None = None
        for n, block in enumerate(blocks):
            first = label if not rows else []
            if isinstance(block, Paragraph):
                runs = self.drawable(self.span_runs(block.spans, style))
                mark = self.continued(style)
                lines = self.typesetter.lines(runs, self.width, indent, language, mark)
                made = text_rows(lines, style.leading, style.size, first)
            elif isinstance(block, CodeBlock):
                made = self.code(block, style, first, indent)
            elif isinstance(block, ListBlock):
                made = self.list(block, style, first, indent, language)
            elif isinstance(block, Quote):
                quoted = self.quote_style(style)
                at = indent + style.size * QUOTE_BAR_AT
                if item_right_to_left(block.blocks, language):  # its bar on the right
                    with self.narrowed(style.size):  # its text in from the right
                        made = self.rows(block.blocks, quoted, first, indent, language)
                    at = self.width - style.size * (QUOTE_BAR_AT + QUOTE_BAR)
                else:
                    made = self.rows(block.blocks, quoted, first, indent + style.size, language)
                self._quotes += 1
                bar = (at, self.quote_bar, style.size * QUOTE_BAR, self._quotes)
                for row in made:
                    row.bars = (bar, *row.bars)
            elif isinstance(block, Table):
                made = self.table(block, style, first, indent, language)
            else:
                made = self.picture(block, style, first, indent)
            if rows and made:
                made[0].space_before += gap
                if _loose_lists(previous, block):
                    made[0].space_before += style.leading * LOOSE_LISTS_APART - gap
                # a text that introduces a picture, a code block or a list ("Run this:",
                # "The three options:") stays with its first line: a page never ends on
                # it; and a last block of one line never opens a page alone (a quote's
                # last bullet stood at the top of one, a review)
                introduces = isinstance(block, (Picture, CodeBlock, Table)) or (
                    isinstance(block, ListBlock) and isinstance(previous, Paragraph)
                )
                last_line = n == len(blocks) - 1 and len(made) == 1
                rows[-1].keep = rows[-1].keep or introduces or last_line
            rows += made
            if after_opening and n == opening - 1:
                rows += after_opening
            previous = block
        return rows

    def continued(self, style: TextStyle) -> list[tuple[TextFont, str]]:
        """What starts a line that goes on inside a code span: the mark of a wrapped code
        line, in the font that has it, and a blank."""
        font = self.font(style.plain, self.fonts.regular, self.muted, size=style.code.size)
        ((mark, drawn),) = self.drawable([(CONTINUED, font)])
        return [(drawn, mark), (style.plain, " ")]

    def quote_style(self, style: TextStyle) -> TextStyle:
        return TextStyle(
            self.font(style.plain, style.plain.name, self.muted), style.code, style.leading
        )

    def list(
        self,
        block: ListBlock,
        style: TextStyle,
        label: list[Piece],
        indent: float,
        language: str = "",
    ) -> list[Row]:
        markers = [
            f"{block.start + n}." if block.ordered else BULLET for n in range(len(block.items))
        ]
        # a level's indentation, or more for a number wider than it leaves room for ('2025.')
        widest = max(self.typesetter.measure(m, style.plain) for m in markers)
        step = max(style.size * LIST_STEP, widest + style.size * 0.3)
        items: list[list[Row]] = []
        for item, marker in zip(block.items, markers, strict=True):
            mirrored = item_right_to_left(item, language)
            at = indent
            if mirrored:  # its marker on the right ('.2'), its text to the left of it
                marker = "".join(part for _, part in visual_runs([marker], True, _same))
                at = self.width - self.typesetter.measure(marker, style.plain)
            pieces = [*(label if not items else []), (at, style.plain, marker)]
            if not item:  # an empty item still shows its marker
                items.append([Row(style.leading, style.leading / 2 + 0.3 * style.size, pieces)])
                continue
            if mirrored:  # the level's indentation from the right: a narrower column
                with self.narrowed(step):
                    item_rows = self.rows(item, style, pieces, indent, language)
            else:
                item_rows = self.rows(item, style, pieces, indent + step, language)
            apart = style.leading * (LOOSE_ITEMS_APART if block.loose else ITEMS_APART)
            item_rows[0].space_before = apart if items else 0
            items.append(item_rows)
        protect(items)
        return [row for item in items for row in item]

    def code(self, block: CodeBlock, style: TextStyle, label: list[Piece], indent: float):
        size = round(style.size * CODE_SCALE * 2) / 2
        leading = size * 1.35
        base = TextFont(self.fonts.code, size, HexColor(highlight.PRINT[""]))
        mark_font = TextFont(self.fonts.regular, size, self.muted)
        pad = size * 0.5
        room = self.width - indent - 2 * pad
        mark_width = self.typesetter.measure(CONTINUED + " ", base)

        def measure(text: str) -> float:
            return self.typesetter.measure(text, base)

        rows: list[Row] = []
        units: list[list[Row]] = []
        lines = highlight.printed_lines(block)
        for line in lines:
            pieces = highlight.wrap_marked(line, room, measure, mark_width)
            unit: list[Row] = []
            for k, piece in enumerate(pieces):
                x = indent + pad
                drawn: list[Piece] = []
                if k:  # in the font that has it (glyphs.py)
                    ((mark, font),) = self.drawable([(CONTINUED, mark_font)])
                    drawn.append((x, font, mark))
                    x += mark_width
                runs = [(text, self.role_font(base, role)) for role, text in piece]
                for text, font in self.drawable(runs):
                    drawn.append((x, font, text))
                    x += self.typesetter.measure(text, font)
                # in the order drawn, left to right as code reads in a right-to-left text
                # too (the deck's and the cards'): a Hebrew string's letters were drawn
                # in the bank's order, the word reversed on paper (a review)
                text = "".join(part for _, _, part in drawn)
                (drawn,) = self.typesetter.in_order([drawn], text, room, x, "", False)
                unit.append(
                    Row(
                        leading,
                        leading / 2 + 0.3 * size,
                        drawn,
                        keep=True,
                        band=(self.band, indent, self.width),
                    )
                )
            unit[-1].keep = False  # a page may break after a whole code line
            units.append(unit)
        _protect_code(units, [any(text.strip() for _, text in line) for line in lines])
        rows = [row for unit in units for row in unit]
        if len(units) <= WHOLE_CODE_LINES:  # read as one piece: a page never splits it
            keep_together(rows)
        rows[0].pieces = [*label, *rows[0].pieces]
        rows[0].space_before += pad / 2
        rows[-1].height += pad / 2
        return rows

    def table(
        self, block: Table, style: TextStyle, label: list[Piece], indent: float, language: str
    ) -> list[Row]:
        """A table's rows: each of its rows a row a line of its tallest cell, the header's in
        bold with a firm rule under it, a hairline under each row. Columns are as wide as
        their text asks (rich_markup.column_widths), each cell's words wrapped in its
        column and set as its column is aligned (right-to-left words from the right where
        none is written); in a text written right to left, the first column on the right.
        A page breaks between two rows only, never inside one, and the header is drawn
        again at the head of the next page (Row.repeat)."""
        room = self.width - indent
        cells, natural, words = self._cells(block, style)
        floor = words_room(words, room)
        if floor > room:  # its words do not fit at the text's size: smaller, to a point
            scale = max(TABLE_LEAST_SCALE, room / floor)
            size, text = round(style.size * scale * 2) / 2, style
            lowest = style.size * TABLE_LEAST_SCALE
            while True:
                style = TextStyle(
                    self.font(text.plain, text.plain.name, size=size),
                    self.font(text.code, text.code.name, size=text.code.size * size / text.size),
                    text.leading * size / text.size,
                )
                cells, natural, words = self._cells(block, style)
                # rounded up to its half point, the words may still not fit: the one below
                if size - 0.5 < lowest or words_room(words, room) <= room:
                    break
                size -= 0.5
        if words_room(words, room) > room and too_narrow(block.columns, style.size, room):
            self.stacked.append(block)
            return self._stacked(cells, style, label, indent, language)
        size = style.size
        widths = column_widths(natural, words, room, size * TABLE_LEAST_COLUMN)
        start, end = indent, indent + sum(widths)
        starts = [start + sum(widths[:c]) for c in range(block.columns)]
        if is_right_to_left(language):  # its first column on the right, as a browser's
            start, end = self.width - sum(widths), self.width
            starts = [end - sum(widths[: c + 1]) for c in range(block.columns)]
        rows: list[Row] = []
        head: list[Row] = []
        for r, row in enumerate(cells):
            made = self._cells_rows(row, starts, widths, block.align, style, language)
            if r == 0:
                made[-1].rule = (self.header_rule_color, HEADER_RULE, start, end)
                # as drawn again over a page break: page furniture, kept with the rows
                head = made
                repeat = tuple(replace(row, keep=True, artifact=True) for row in made)
            else:
                made[-1].rule = (self.rule_color, ROW_RULE, start, end)
                made[0].repeat = repeat
            rows += made
        for row in head:  # the header never ends a page
            row.keep = True
        rows[-1].keep = False
        rows[0].pieces = [*label, *rows[0].pieces]
        return rows

    def _cells_rows(
        self,
        row: list[list[tuple[str, TextFont]]],
        starts: list[float],
        widths: list[float],
        align: tuple[str, ...],
        style: TextStyle,
        language: str,
    ) -> list[Row]:
        """The rows of one row of cells (each cell's runs) side by side, each in its column
        (`starts`, `widths`) set as it is aligned, kept together, with a cell's padding
        above and below."""
        pad, above = style.size * CELL_PAD, style.leading * CELL_PAD_ABOVE
        mark = self.continued(style)
        columns = []
        for c, runs in enumerate(row):
            left, right = starts[c] + pad, starts[c] + widths[c] - pad
            lines = self.typesetter.lines(runs, right, left, language, mark)
            columns.append([self._aligned(line, align[c], left, right) for line in lines])
        height = max(len(lines) for lines in columns)
        across = [  # the cells' k-th lines side by side
            [p for lines in columns if k < len(lines) for p in lines[k]] for k in range(height)
        ]
        made = text_rows(across, style.leading, style.size)
        keep_together(made)
        made[0].space_before = above
        made[-1].height += above
        return made

    def _stacked(
        self, cells: list, style: TextStyle, label: list[Piece], indent: float, language: str
    ) -> list[Row]:
        """A table too wide for its columns to hold a short word (rich_markup.too_narrow)
        as its rows one under another, as the cards set one: a line a cell, its column's
        name (the header's cell, in bold) before it (right of it in a text written right
        to left), a firm rule under each row. A row stays on one page unless it is taller
        than half a page (two hundred columns): then a page breaks between its cells."""
        names, *records = cells
        records = records or [[[] for _ in names]]  # a header alone: its names, one under another
        pad = style.size * CELL_PAD * 2 + CELL_SLACK
        room = self.width - indent
        named = min(max(self._natural(name) for name in names) + pad, room * STACKED_NAMES)
        widths = [named, room - named]
        starts = [indent, indent + named]
        mirrored = is_right_to_left(language)
        if mirrored:  # the names on the right
            widths, starts = widths[::-1], [indent, self.width - named]
        rows: list[Row] = []
        for record in records:
            pairs = [
                self._cells_rows(
                    [cell, name] if mirrored else [name, cell],
                    starts,
                    widths,
                    ("", ""),
                    style,
                    language,
                )
                for name, cell in zip(names, record, strict=True)
            ]
            made = [row for pair in pairs for row in pair]
            if sum(row.space_before + row.height for row in made) <= self.page / 2:
                keep_together(made)
            else:
                protect(pairs)
            made[-1].keep = False
            made[-1].rule = (self.header_rule_color, HEADER_RULE, indent, self.width)
            rows += made
        rows[0].pieces = [*label, *rows[0].pieces]
        return rows

    def _cells(self, block: Table, style: TextStyle) -> tuple[list, list[float], list[float]]:
        """Each cell's runs, row by row (the header's in bold, the others' in the text's
        weight, a question's too), and each column's natural width and widest word, its
        padding included (rich_markup.column_widths)."""
        pad = style.size * CELL_PAD * 2 + CELL_SLACK
        header = TextStyle(self.font(style.plain, self.fonts.bold), style.code, style.leading)
        if style.plain.name == self.fonts.heading:  # a question's: its cells in the text's weight
            style = TextStyle(self.font(style.plain, self.fonts.regular), style.code, style.leading)
        cells = [
            [self.drawable(self.span_runs(cell.spans, header if r == 0 else style)) for cell in row]
            for r, row in enumerate((block.header, *block.rows))
        ]
        natural = [0.0] * block.columns
        words = [0.0] * block.columns
        mark = sum(self.typesetter.measure(text, font) for font, text in self.continued(style))
        for row in cells:
            for c, runs in enumerate(row):
                natural[c] = max(natural[c], self._natural(runs) + pad)
                words[c] = max(words[c], self._widest_word(runs, mark) + pad)
        return cells, natural, words

    def _natural(self, runs: list[tuple[str, TextFont]]) -> float:
        """The width of a cell's words on one line (its widest, where it breaks lines)."""
        widths = [0.0]
        for text, font in runs:
            for n, part in enumerate(text.split("\n")):
                if n:
                    widths.append(0.0)
                widths[-1] += self.typesetter.measure(part, font)
        return max(widths)

    def _widest_word(self, runs: list[tuple[str, TextFont]], mark: float) -> float:
        """The widest word of a cell's runs as its column holds it: an address, a path or
        code by its pieces between its separators (text.cell_pieces), which it breaks at; a
        piece of code but its span's first after the `mark` wide mark of a line that goes
        on inside a code span ('"rundll3' then '2.exe"' where the mark was left out)."""
        widest = 0.0
        for text, font in runs:
            code = in_code(font)
            pieces = [p for word in text.split() for p in cell_pieces(word, code=code)]
            for n, piece in enumerate(pieces):
                lead = mark if code and n else 0.0
                widest = max(widest, lead + self.typesetter.measure(piece, font))
        return widest

    def _line_width(self, line: list[Piece]) -> float:
        x, font, text = max(line, key=lambda piece: piece[0])
        return x + self.typesetter.measure(text, font) - min(piece[0] for piece in line)

    def _aligned(self, line: list[Piece], align: str, left: float, right: float) -> list[Piece]:
        """A cell's line set as its column is aligned: where none is written, as the
        typesetter set it (from the left, or from the right in right-to-left words)."""
        if not line or not align:
            return line
        width = self._line_width(line)
        start = {"left": left, "right": right - width, "center": (left + right - width) / 2}[align]
        shift = start - min(piece[0] for piece in line)
        return [(x + shift, font, text) for x, font, text in line]

    def role_font(self, base: TextFont, role: str) -> TextFont:
        if not role:
            return base
        name = self.fonts.code_bold if role == "keyword" else base.name
        return self.font(base, name, HexColor(highlight.PRINT[role]))

    def picture(self, picture: Picture, style: TextStyle, label: list[Piece], indent: float):
        drawn = self._pictures(picture.data)
        natural = picture.points()
        tallest = self.page * picture.share
        scale = min(1.0, (self.width - indent) / natural[0], tallest / natural[1])
        width, height = natural[0] * scale, natural[1] * scale
        row = Row(
            height, min(height, style.leading * 0.8), list(label), picture=(drawn, indent, width)
        )
        return [row]
