"""How many ruled lines fill the rest of a question's page, and what fits on one line.

Word lays the page out, not us, so this estimates the height of what comes before the notes
from the theme's sizes and spacing: each text is broken into lines word by word, as Word and
LibreOffice break it, in fonts of qbank/fonts in which a text runs at least as tall as in
the fonts they show (theme.toml [fit]; their metrics come from qbank.fontmetrics, so no PDF
library is loaded for a Word file). A line is kept in reserve where the page has room for
it: a little space left at the foot of a page is better than notes lines that spill onto
the next one. Too tall an estimate has a cost too, so it is measured, not padded: notes
lines that the estimate wrongly finds no room for spill onto a page of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from qbank import text as textkit
from qbank.fontmetrics import Metrics, metrics
from qbank.highlight import printed_lines
from qbank.model import Question
from qbank.rich import (
    Block,
    CodeBlock,
    ListBlock,
    Paragraph,
    Picture,
    Quote,
    RichText,
    Span,
    Table,
    address_after,
    span_text,
)
from qbank.units import mm_to_points, mm_to_twips, points_to_twips, twips_to_points
from qbank.wordml.tables import (
    AFTER_TABLE,
    TABLE_HEAD_STYLE,
    TABLE_LEAST_SIZE,
    TABLE_PADDING,
    TABLE_STYLE,
    WORD_SHARE,
    TableLayout,
    column_widths,
)
from qbank.wordml.theme import Theme
from qbank.wordml.wml import CELL_MARGIN

ANCHOR_PADDING = 40  # twips above and below the text of an anchor's cell in the rating table

# A bold word runs this much wider than in the measure font: DejaVu Sans Bold, what
# LibreOffice on Debian shows for a bold Calibri without Carlito, is up to 1.23 times as
# wide as Noto Sans Regular (measured on the packet's labels)
BOLD_WIDER = 1.25
# The faces that [fit] may name besides measure_font (a theme from before they were read
# names none): Noto Sans is as tall as any usual font and wider than Calibri and Arial
MEASURE_BOLD = "NotoSans-Bold.ttf"
MEASURE_CODE = "NotoSansMono-Regular.ttf"
# How much wider than the page fit's font a word may run as LibreOffice shows it: DejaVu Sans
# where a look's Calibri is missing
WIDER_FACE = 1.1
# ... and a table's cell, which holds numbers and addresses more than prose does: digits and
# stops run up to 1.14 times as wide in DejaVu Sans ('255.255.255.128', '2 (RFC 3021)'), and
# LibreOffice broke '255.255.255.12|8' in a column laid out for it at WIDER_FACE
TABLE_WIDER = 1.15
# ... and a line of a table's cell is this share of the fit's line (line_height_em, Noto
# Sans's 1.36 ems): Calibri's and Carlito's 1.22, what Word shows, taller than DejaVu Sans's
# 1.16, what LibreOffice shows without Carlito. At the whole line, a row of one line came
# out 2.0 to 2.4 pt taller than LibreOffice drew it, and each further line 1.9 pt (measured
# on tables of one to five lines a row)
TABLE_LINE_SHARE = 0.9
# the rule between two rows (points): the table's grid, half a point; a point under its head
TABLE_RULE, TABLE_HEAD_RULE = 0.5, 1.0
# Notes lines too few to write in: fewer left under a question, and its notes take a page
FEW = 3
# As long as the bold label before a note (words.toml), which is not read here
NOTE_LABEL = "Editor's note: "

# A picture in a Word document takes at most this share of the text's width (it stands in
# indented places: a hint's list item, a look-for cell beside its tick box; at the full
# width it ran past them) and of the text area's height (one as tall as the page hid the
# question's tick boxes and rating row, which Word cannot draw on a page it fills)
# the space above a list that follows a list, in twips (6 pt, a label's): its items are
# 2 pt apart, as the paragraphs around them, and two lists read as one. A loose list's
# items, and the paragraphs of one of its items, stand as far apart; a list after a list
# where either is loose, farther (14 pt), past those items
LISTS_APART, LOOSE_LISTS_APART = 120, 280
PICTURE_WIDTH_SHARE = 0.8


def picture_scale(
    size: tuple[float, float], text_width: float, text_height: float, share: float
) -> float:
    """How much a picture of `size` (width, height) is scaled in a Word document whose text
    area is `text_width` by `text_height` (in the picture's unit), `share` of its height at
    most (rich.PICTURE_SHARE): never up."""
    width, height = size
    return min(1.0, PICTURE_WIDTH_SHARE * text_width / width, share * text_height / height)


def lines_of(text: str, face: Metrics | _Words, size: float, width: float) -> int:
    """The lines that `text` takes in `face` at `size` in a column `width` points wide,
    broken the way Word and LibreOffice break it: at spaces and line breaks, and inside a
    word only where the word alone is wider than the column."""
    # in thousandths of the size, as the metrics are; a column of no width (a look whose
    # lengths leave none) is taken as a point wide rather than breaking a word for ever
    room = max(width, 1.0) * 1000 / size
    space = face.advance(" ")
    total = 0
    for part in text.split("\n"):
        lines, used = 1, 0.0
        for word in part.split():
            wide = face.advance(word)
            if used and used + space + wide <= room:
                used += space + wide
                continue
            if used:
                lines += 1
            while wide > room:
                lines += 1
                wide -= room
            used = wide
        total += lines
    return total


class NotesArea(NamedTuple):
    """A question's notes lines; whether they take a page of their own; and whether the
    question is taller than a page, so that its rating row stands on a page after its
    heading's."""

    lines: int
    own_page: bool
    tall: bool


class _Words:
    """A face's widths of words, each measured once in a build (a bank repeats its words)."""

    def __init__(self, face: Metrics, capitals: bool = False) -> None:
        self.face, self.capitals = face, capitals
        self.widths: dict[str, float] = {}

    def advance(self, text: str) -> float:
        width = self.widths.get(text)
        if width is None:
            width = self.face.advance(text.upper() if self.capitals else text)
            self.widths[text] = width
        return width


class PageFit:
    def __init__(
        self,
        theme: Theme,
        levels: int = 5,
        rich: Callable[[str], RichText | None] = lambda text: None,
    ) -> None:
        """`levels`: the rating scale's, whose scores share the rating row's width;
        `rich`: a Markdown bank's tree of a text (None in a plain bank)."""
        self.theme = theme
        self.rich = rich
        # the rows under the boxes of a question without anchors on a page of its own
        # (qbank.rubric.scale_reminder), set once the rating table's width is known
        self.reminder: tuple[tuple[int, str], ...] = ()
        # per style: its font's metrics, size, the width of its lines, a line, its spacing
        self._styles: dict[str, tuple[_Words, float, float, float, float]] = {}
        self.line_height = float(theme.fit["line_height_em"])
        self.heading_space = float(theme.fit["heading_space"])
        # a character the font lacks counts a full em: CJK and the like are that wide
        self.metrics = metrics(str(theme.fit["measure_font"]), missing=1000)
        faces = {
            "regular": self.metrics,
            "bold": metrics(str(theme.fit.get("measure_bold_font", MEASURE_BOLD)), 1000),
            "code": metrics(str(theme.fit.get("measure_code_font", MEASURE_CODE)), 1000),
        }
        self._fonts = {name: _Words(face) for name, face in faces.items()}
        # a picture's paragraph is a line's height taller than the picture
        self.picture_space = self._line(self._spec("Normal"))
        self.width = twips_to_points(theme.text_width)
        self.page = twips_to_points(theme.page_height - 2 * theme.margin)
        self.line = twips_to_points(theme.twips("line_mm"))
        self.least = theme.integer("notes_lines")
        cell = self._spec("Packet Cell")
        rating = 2 * self._line(cell) + 4  # a score and a label, padding and borders
        self.cell_line, self.cell_size = self._line(cell), float(cell["size"])
        self.cell_metrics = self._face(cell)
        scores = float(theme.columns["rating_hint"])  # the hint's share; the scores share the rest
        # an anchor's text spans every column of the rating table but its score's (less the
        # cell's margins)
        self.anchor_cell = self.width - self.width * (1 - scores) / levels - 11
        # the labels above the strong answer, the rating and the notes
        self._labels = 3 * self.paragraph("Packet Label", "WHAT A STRONG ANSWER COVERS")
        self._field = twips_to_points(theme.twips("field_mm"))
        self.fixed = self._labels + max(rating, self._field)
        # an anchor's score and label: their cell's width (None: as high as its text) and
        # type size, and the labels by score
        self._anchor_head: tuple[float | None, float, dict[int, str]] = (None, self.cell_size, {})

    def rating_table(
        self, rooms: Sequence[float], labels: dict[int, str], scale: float, head: float
    ) -> None:
        """The rating table as the packet lays it out: `rooms`, the width for text in each
        score's column (points) of the `labels` by score, in the cell's type `scale`d, and
        `head`, that of an anchor's score and label. The boxes' row is as tall as its
        longest label under its score (ten levels' labels took up to nine lines, and a
        question's last notes line went over to a page of its own)."""
        size = self.cell_size * scale
        longest = max(
            lines_of(label, self.cell_metrics, size, room)
            for label, room in zip(labels.values(), rooms, strict=True)
        )
        rating = (1 + longest) * self.cell_line * scale + 4
        self.fixed = self._labels + max(rating, self._field)
        self._anchor_head = (head, size, labels)

    def _spec(self, style: str) -> dict:
        """`style` as the document has it: the font and size of Normal unless it sets its
        own, but its own line spacing and space before and after (wordml.document)."""
        own = self.theme.styles[style]
        spacing = {key: own.get(key, 0) for key in ("space_before", "space_after")}
        return {**self.theme.styles["Normal"], **own, "line": own.get("line", 1.0), **spacing}

    def _line(self, spec: dict) -> float:
        return float(spec["size"]) * float(spec.get("line", 1.0)) * self.line_height

    def _face(self, spec: dict) -> _Words:
        if spec.get("font") == "code":
            return self._fonts["code"]
        return self._fonts["bold" if spec.get("bold") else "regular"]

    def paragraph(self, style: str, text: str) -> float:
        """The height in points of a paragraph of `text` in `style`."""
        if style not in self._styles:
            spec = self._spec(style)
            indent = mm_to_points(float(spec.get("indent_mm", 0)))
            spacing = float(spec.get("space_before", 0)) + float(spec.get("space_after", 0))
            face, size = self._face(spec), float(spec["size"])
            if spec.get("caps"):
                face = _Words(face.face, capitals=True)
            self._styles[style] = (face, size, self.width - indent, self._line(spec), spacing)
        face, size, width, line, spacing = self._styles[style]
        return lines_of(text, face, size, width) * line + spacing

    def notes_lines(self, q: Question, section_heading: str | None, description: str) -> int:
        """Ruled lines for `q`'s notes (see notes_area)."""
        return self.notes_area(q, section_heading, description)[0]

    def notes_area(self, q: Question, section_heading: str | None, description: str) -> NotesArea:
        """Ruled lines for `q`'s notes, whether they go on a page of their own, and whether
        `q` is taller than a page: what is left of its page less a line in reserve (the
        estimate can run a few points short).

        That may be fewer than the theme's lines, down to a few (FEW): the theme's would
        spill onto a page of their own. A question that leaves fewer, or is taller than a
        page, has its notes on a page of their own, which they fill: where Word breaks a
        tall question is not known here (a table row moves whole), so neither is what is
        left after its end."""
        before = self.before_notes(q, section_heading, description, own_page=True)
        tall = before > self.page
        left = -1 if tall else int((self.page - before) / self.line) - 1
        if left >= min(FEW, self.least):
            return NotesArea(left, False, tall)
        return NotesArea(int(self.page / self.line) - 2, True, tall)  # under their label

    def fits_a_page(
        self, q: Question, section_heading: str | None, description: str, lines: int
    ) -> bool:
        """Whether `q` with `lines` of notes fits on one page, by the estimate."""
        used = self.before_notes(q, section_heading, description) + lines * self.line
        return used <= self.page

    def before_notes(
        self, q: Question, section_heading: str | None, description: str, own_page: bool = False
    ) -> float:
        """The height in points of `q`'s block down to its notes lines; `own_page`: on a
        page of its own, where a question without anchors has the scale's `reminder`."""
        used = self.fixed + self.text("Heading 2", q.question)
        if section_heading is not None:
            used += self.paragraph("Heading 1", section_heading) * self.heading_space
            if description:  # as shown: a Markdown one's picture as tall as it is drawn
                used += self.text("Packet Meta", description)
        # the line under the question: its section, competency and minutes
        used += self.paragraph("Packet Meta", f"{q.section} \u00b7 {q.competency} \u00b7 00 min")
        used += self.text("Packet Hint", q.hint)
        if q.note:
            used += self.text("Packet Note", q.note, NOTE_LABEL)
        for items in (q.follow_ups, q.look_for):
            if items:
                used += self.paragraph("Packet Label", "FOLLOW-UPS")
                used += sum(self.text("Packet Item", item) for item in items)
        for source in q.sources:
            used += self.paragraph("Packet Source", f"Sources: {source.title} \u2014 {source.url}")
        head, size, labels = self._anchor_head
        # a row each under the rating row, padded above and below
        for score, text in q.anchors or (self.reminder if own_page else ()):
            high = self.anchor_lines(text) * self.cell_line
            if head is not None:  # as tall as its score and label where they take more lines
                words = f"{score} {labels.get(score, '')}"
                scaled = self.cell_line * size / self.cell_size
                high = max(high, lines_of(words, self.cell_metrics, size, head) * scaled)
            used += high + 4 + twips_to_points(2 * ANCHOR_PADDING)
        return used

    def text(self, style: str, text: str, lead: str = "") -> float:
        """The height in points of bank text in `style`, `lead` before its first paragraph
        (a label): one paragraph of plain text, or a Markdown text's blocks, each code line
        a paragraph of the code style and each picture as tall as it is drawn."""
        tree = self.rich(text)
        if tree is None:
            return self.paragraph(style, lead + text)
        return self.blocks(tree.blocks, style, lead)

    def blocks(
        self, blocks: tuple[Block, ...], style: str, lead: str = "", loose: bool = False
    ) -> float:
        """`loose`: the blocks are an item of a loose list, its paragraphs after its first
        apart (as the packet sets them: packet/richtext.py)."""
        used = 0.0
        apart = twips_to_points(LISTS_APART)
        previous: Block | None = None
        for block in blocks:
            if isinstance(block, Paragraph):
                used += self.paragraph(style, lead + span_text(block.spans))
                used += apart if loose and previous is not None else 0.0
            elif isinstance(block, CodeBlock):  # as printed: its tabs as their blanks
                lines = ["".join(text for _, text in line) for line in printed_lines(block)]
                used += sum(self.paragraph("Packet Code Block", line) for line in lines)
            elif isinstance(block, ListBlock):
                items = [self.blocks(i, "Packet Item", "1. ", block.loose) for i in block.items]
                used += sum(items) + (apart * (len(items) - 1) if block.loose else 0.0)
                if isinstance(previous, ListBlock):  # two lists in a row stand apart
                    far = previous.loose or block.loose
                    used += twips_to_points(LOOSE_LISTS_APART if far else LISTS_APART)
            elif isinstance(block, Quote):
                used += self.blocks(block.blocks, style)
            elif isinstance(block, Picture):
                size = block.points()
                scale = picture_scale(size, self.width, self.page, block.share)
                used += size[1] * scale + self.picture_space
            elif isinstance(block, Table):  # in what its style's indent leaves of the width
                indent = mm_to_twips(float(self._spec(style).get("indent_mm", 0)))
                used += self.table(block, self.theme.text_width - indent)
            lead = ""
            previous = block
        return used

    # -- a text's tables (qbank.rich.Table) -------------------------------------------------

    def _cell_face(self, head: bool) -> tuple[_Words, float, float]:
        """The face, size and line (points) of a table's header or body cells."""
        spec = self._spec(TABLE_HEAD_STYLE if head else TABLE_STYLE)
        return self._face(spec), float(spec["size"]), self._line(spec)

    def table_layout(self, table: Table, room: int) -> TableLayout:
        """`table`'s columns (twips) in `room` twips (tables.column_widths), and the share
        of its styles' size its text is set in: smaller, down to TABLE_LEAST_SIZE, where
        its columns' longest words do not fit side by side at their size (a table of eight
        columns broke 'Approac|h' and 'intelligen|ce'). Its words are measured a tenth
        wider than in the fit's font, as LibreOffice shows them without Carlito; a code
        span's in the code font."""
        columns = [self._column_needs(table, column) for column in range(table.columns)]
        sides = 2 * CELL_MARGIN + 20  # and a point for the borders
        words = sum(min(word, room * WORD_SHARE) for word, _ in columns)
        size = float(self._spec(TABLE_STYLE)["size"])
        scale = 1.0
        if words + sides * len(columns) > room:
            fitting = (room - sides * len(columns)) / max(words, 1)
            scale = min(1.0, max(TABLE_LEAST_SIZE / size, fitting))
        needs = [(word * scale + sides, whole * scale + sides) for word, whole in columns]
        return TableLayout(column_widths(needs, room), scale)

    def _column_needs(self, table: Table, column: int) -> tuple[float, float]:
        """A column's longest word and longest cell on one line (twips, as drawn): a
        header's bold words as the page fit measures bold (BOLD_WIDER than the regular
        font: 'positive|s' broke in DejaVu Sans Bold), the rest TABLE_WIDER."""
        word = whole = 0.0
        cells = ((True, table.header[column]), *((False, r[column]) for r in table.rows))
        for head, cell in cells:
            face, size, _ = self._cell_face(False)
            if head:
                size, wider = self._cell_face(True)[1], BOLD_WIDER
            else:
                wider = TABLE_WIDER
            cell_word, cell_whole = self._cell_widths(cell, face, size)
            word, whole = max(word, cell_word * wider), max(whole, cell_whole * wider)
        return points_to_twips(word), points_to_twips(whole)

    def _cell_widths(self, cell: Paragraph, face: _Words, size: float) -> tuple[float, float]:
        """A cell's longest word and its whole text on one line (its line breaks apart), in
        points: a code span's in the code font, a link's address after its words."""
        word = whole = line = 0.0
        for span in cell.spans:
            if span.newline:
                line = 0.0
                continue
            font = self._fonts["code"] if span.code else face
            text = _printed(span)
            word = max([word, *(font.advance(w) * size / 1000 for w in text.split())])
            line += font.advance(text) * size / 1000
            whole = max(whole, line)
        return word, whole

    def table_rows(self, table: Table, layout: TableLayout) -> list[float]:
        """The height (points) of each of `table`'s rows, the header's first, its cells'
        text broken into lines in its `layout`'s columns, as LibreOffice sets it without
        Carlito (`table_layout`), each line as tall as Word's Calibri (TABLE_LINE_SHARE),
        with its padding and the rule under it."""
        heights, sides = [], 2 * CELL_MARGIN
        padding = twips_to_points(2 * TABLE_PADDING)
        for head, cells in ((True, table.header), *((False, row) for row in table.rows)):
            face, size, line = self._cell_face(head)
            size, line = size * layout.scale, line * layout.scale * TABLE_LINE_SHARE
            lines = max(
                lines_of(cell_text(cell), face, size, twips_to_points(w - sides) / TABLE_WIDER)
                for cell, w in zip(cells, layout.widths, strict=True)
            )
            rule = TABLE_HEAD_RULE if head else TABLE_RULE
            heights.append(lines * line + padding + rule)
        return heights

    def table(self, table: Table, room: int) -> float:
        """The height (points) of `table` laid out in `room` twips, the space under it too."""
        rows = self.table_rows(table, self.table_layout(table, room))
        return sum(rows) + twips_to_points(AFTER_TABLE)

    def anchor_lines(self, text: str) -> int:
        """Lines of an anchor's cell in the rating table for `text`."""
        return lines_of(text, self.cell_metrics, self.cell_size, self.anchor_cell)

    def longest_word(self, text: str, size: float, bold: bool = False) -> float:
        """The width in points of the widest word of `text` at `size`: a column narrower
        than that makes Word and LibreOffice break inside the word."""
        widest = max((self.metrics.advance(word) for word in textkit.line_words(text)), default=0)
        return widest * size / 1000 * (BOLD_WIDER if bold else 1)

    def widest_word(
        self, style: str, text: str, whole: bool = False, size: float | None = None
    ) -> float:
        """`longest_word` of `text` in `style`'s size (or `size`), bold if it is; or,
        `whole`, the width of all of it on one line (a figure read as one: '59 (3
        unrated)')."""
        spec = self._spec(style)
        size, bold = size or float(spec["size"]), bool(spec.get("bold"))
        if whole:
            return self.metrics.advance(text) * size / 1000 * (BOLD_WIDER if bold else 1)
        return self.longest_word(text, size, bold)

    def footer_line(self, text: str, title: str, page_label: str) -> str:
        """The footer's `text` as it fits on one line beside `page_label` (at its widest,
        'Page 888 of 888') and a gap, as wide as LibreOffice sets it: the bank's `title` in
        it gives way first, cut after a word, as in the PDF packet's footer; a footer
        longer than the line broke the page label over two ('Strona 1' over 'z 4')."""
        size = float(self._spec("Footer")["size"])
        advance = self.metrics.advance  # in thousandths of the size
        room = ((self.width - 2 * size) / WIDER_FACE) * 1000 / size - advance(page_label)
        if advance(text) <= room:
            return text
        if title and title in text:
            rest = room - advance(text.replace(title, "", 1))
            text = text.replace(title, textkit.shorten(title, rest, advance, at_word=True), 1)
        return textkit.shorten(text, room, advance, at_word=True)

    def one_line(self, text: str, size: float, width: float) -> str:
        """`text` as a reader sees it on one line `width` points wide at `size`: whole, or
        cut after the last word that fits, with an ellipsis."""
        flat = textkit.one_line(textkit.plain(text))
        room = width * 1000 / size  # in thousandths of the size, as the metrics are
        return textkit.shorten(flat, room, self.metrics.advance, at_word=True)


def cell_text(cell: Paragraph) -> str:
    """A table cell's text as a Word document prints it: a link's address after its words."""
    return "".join(_printed(span) for span in cell.spans)


def _printed(span: Span) -> str:
    if span.newline:
        return "\n"
    return span.text + (f" ({span.href})" if address_after(span) else "")
