"""The interviewer packet as a fillable PDF (`qbank packet --format pdf`).

The same parts as the DOCX (packet.pages), in the same words and look, drawn with the PDF
kit (qbank.pdf: embedded Noto fonts): the header, the plan, the guide, a page per question,
the scorecard, the recommendation and the signature. Where the DOCX has a content control
the PDF has a form field (packet.acroform), named after the question it belongs to:

    <id>_rating        radio group, one state per score: s1 .. s5, and unrated (not rated)
    <id>_look-for_<n>  check box, /Yes or /Off
    <id>_hint-given    check box
    <id>_notes         multi-line text
    recommendation     radio group, one state per option (recommendation_value)
    key-evidence       multi-line text
    role, candidate, interviewer, interview-date, start-time, end-time, signature,
    signature-date     text

Question ids hold no underscore, so a name splits at its first one. The packet's identity
(the DOCX's custom properties) is in the document information, under the same keys.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import _listWrapOn

from qbank import pdf, rich_markup
from qbank.contrast import printed_over
from qbank.direction import item_right_to_left, starts_right_to_left
from qbank.exporters.booklet.layout import TextFont
from qbank.exporters.booklet.numbers import Anchor
from qbank.exporters.packet.acroform import Form, FormCanvas, Look, typed_glyphs
from qbank.exporters.packet.breaks import page_breaks
from qbank.exporters.packet.clock import clock, clock_span
from qbank.exporters.packet.identity import UNRATED, recommendation_value, score_value
from qbank.exporters.packet.pages import (
    PLAN_HEADS,
    Elsewhere,
    count_heading,
    grid_across,
    grid_shares,
    label_span,
    later_times,
    measured_competencies,
    not_asked,
    plan_question,
    plan_shares,
    plan_words,
    rating_columns,
    word_room,
)
from qbank.exporters.packet.select import PlanRow, by_section
from qbank.highlight import CONTINUED, Line, wrap_marked
from qbank.model import DEFAULT_MINUTES, Bank, Question, RubricLevel
from qbank.paths import FONTS, Templates
from qbank.pdf_pictures import PdfPicture, PdfPictures
from qbank.reportlab_fixes import LeftToRightMarkup, Paragraph
from qbank.rich import (
    PICTURE_LEAST_SHARE,
    Block,
    CodeBlock,
    Picture,
    Quote,
    RichText,
    shared_heights,
    walk,
)
from qbank.rich import Paragraph as TextParagraph
from qbank.rich import Table as TextTable
from qbank.rubric import Said, Wording, said_text, scale_reminder
from qbank.text import (
    LAYOUT_SPACE,
    describe_characters,
    line_words,
    one_line,
    plain,
    to_reportlab,
)
from qbank.units import logo_size, mm
from qbank.wordml.fit import PageFit
from qbank.wordml.theme import Theme

Rect = tuple[float, float, float, float]
HEADER_FIELDS = ("candidate", "interviewer", "interview-date", "start-time", "end-time")


class _IdentityInfo(PDFInfo):
    """reportlab's document information, with the packet's identity beside it."""

    properties: dict[str, str] = {}

    def format(self, document: Any) -> bytes:
        values = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "CreationDate": PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter),
            "Producer": PDFString(self.producer),
            "Creator": PDFString(self.creator),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Trapped": PDFName(self.trapped),
        }
        values["ModDate"] = values["CreationDate"]
        values.update((key, PDFString(value)) for key, value in self.properties.items())
        return PDFDictionary(values).format(document)


class _Spot(Flowable):
    """Room for a form field; `make(rect)` makes it where the flowable lands. With a
    `side`, a square of that side, centred in the width given."""

    def __init__(
        self,
        make: Callable[[Rect], None],
        height: float,
        side: float | None = None,
        under: Callable[[Any, float, float], None] | None = None,
    ) -> None:
        super().__init__()
        self.make, self.height, self.side, self.under = make, height, side, under

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        width = self.side or self.width
        x = (self.width - width) / 2
        if self.under is not None:
            self.under(self.canv, self.width, self.height)
        left, bottom = self.canv.absolutePosition(x, 0)
        self.make((left, bottom, left + width, bottom + self.height))


class _NotesSpot(_Spot):
    """A question's notes: their label, and a field `wanted` high. With `fill`, the field
    is as high as the rest of the page when at least `least` is left; else the label and
    the field start the next page, which it fills, the label then naming the question
    (`moved`), since the question's page is left behind."""

    def __init__(
        self,
        make: Callable[[Rect], None],
        wanted: float,
        least: float,
        fill: bool,
        under,
        labels: tuple[Flowable, Flowable],
    ) -> None:
        super().__init__(make, wanted, under=under)
        self.wanted, self.least, self.fill = wanted, least, fill
        self.labels, self.moved = labels, False
        self.field = wanted

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        """The label's room above it, as every label has: drawn inside this flowable, it
        stood against the rating's table above it (a trial)."""
        return self.labels[0].getSpaceBefore()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        label = self.labels[self.moved].wrap(avail_width, avail_height)[1]
        label += self.labels[self.moved].getSpaceAfter()
        self.field = self.wanted
        if self.fill and avail_height - label >= self.least:
            self.field = avail_height - label - 1
        elif self.fill:  # too little room: the next page, with the question's number
            self.moved = True
        self.height = label + self.field
        return avail_width, self.height

    def draw(self) -> None:
        label = self.labels[self.moved]
        _, high = label.wrap(self.width, self.height)
        label.drawOn(self.canv, 0, self.height - high)
        if self.under is not None:
            self.under(self.canv, self.width, self.field)
        left, bottom = self.canv.absolutePosition(0, 0)
        self.make((left, bottom, left + self.width, bottom + self.field))


class _Choice:
    """Collects the buttons of one radio group as they land, and makes the group with the
    last (a group is one table row: all its buttons land on one page). `values` are each
    button's export value and the words beside it, which its tooltip says."""

    def __init__(
        self, form: Callable[[], Form], name: str, tip: str, values: Sequence[tuple[str, str]]
    ) -> None:
        self.form, self.name, self.tip = form, name, tip
        self.values = list(values)
        self.rects: list[Rect] = []

    def spot(self, side: float) -> _Spot:
        return _Spot(self._land, side, side=side)

    def _land(self, rect: Rect) -> None:
        self.rects.append(rect)
        if len(self.rects) == len(self.values):
            options = [
                (value, rect, f"{self.tip}: {words}")
                for (value, words), rect in zip(self.values, self.rects, strict=True)
            ]
            self.form().radio_group(self.name, options, self.tip)


_CHUNK_ROWS = 12
# a table's last chunk holds this many rows at least: a trial's time plan put its wrap-up row
# alone on a page, under a repeated head
_LEAST_LAST_ROWS = 3
_LEAST_SPLIT_ROWS = 1  # rows of a chunk before a page break that parts it (after: 3)
_CELL_PADDING = 3  # points above and below the words of a grid's cell
_TIGHTER = 4  # points a grid's row may lose when tightened: two of its padding above, two below
_TIGHT_MARGIN = 0.01  # points more than a fit asks, against rounding
_FUZZ = 1e-6  # reportlab's frame lets a flowable overrun it by as much


def chunk_starts(rows: int) -> list[int]:
    """Where each chunk of a long table of `rows` body rows starts: every _CHUNK_ROWS,
    the last holding _LEAST_LAST_ROWS at least, a row or two of the one before going with
    it, so that no row stands alone on a page under a repeated head."""
    starts = list(range(0, rows, _CHUNK_ROWS))
    if len(starts) > 1 and rows - starts[-1] < _LEAST_LAST_ROWS:
        starts[-1] = rows - _LEAST_LAST_ROWS
    return starts


def commands_by_row(extra: Sequence[tuple]) -> dict[int, list[tuple]]:
    """A table's style commands that each name one of its rows (`extra`), by the body row
    they name (counted after the head row)."""
    by_row: dict[int, list[tuple]] = {}
    for command in extra:
        by_row.setdefault(command[1][1] - 1, []).append(command)
    return by_row


class _Chunk(Flowable):
    """A few rows of a long table, never split, with the table's head row over them when
    they start a page (or the table)."""

    def __init__(self, header: Table, body: Table, frame_height: float, first: bool) -> None:
        super().__init__()
        self.header, self.body, self.frame_height, self.first = header, body, frame_height, first
        self.with_header = first

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.with_header = self.first or avail_height >= self.frame_height - 1
        _, self.body_height = self.body.wrap(avail_width, avail_height)
        _, head = self.header.wrap(avail_width, avail_height) if self.with_header else (0, 0)
        self.width, self.height = avail_width, head + self.body_height
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        _, head = self.header.wrap(avail_width, avail_height)
        at_top = avail_height >= self.frame_height - 1
        # rows of their own height (a grid's competencies with their meanings) part where
        # a row at least stays here and three go on: eight tall rows moved whole left the
        # first page half empty under the grid's heading (a print shop's trial); each part
        # a chunk, so that the head row stands over it on its page
        room = avail_height - (head if self.with_header else 0)
        parts = self.body.split(avail_width, room)
        rows = len(self.body._cellvalues)
        if len(parts) == 2 and not at_top and len(parts[1]._cellvalues) < _LEAST_LAST_ROWS:
            # too few would go on: fewer stay, so that three do (the grid's heading stood
            # alone at a page's foot when its rows moved whole: a review)
            here = rows - _LEAST_LAST_ROWS
            if here >= _LEAST_SPLIT_ROWS:
                self.body.wrap(avail_width, room)
                parts = self.body.split(avail_width, sum(self.body._rowHeights[:here]) + 0.01)
        if len(parts) == 2 and (
            at_top  # taller than a page: rows go on, however few
            or (
                len(parts[0]._cellvalues) >= _LEAST_SPLIT_ROWS
                and len(parts[1]._cellvalues) >= _LEAST_LAST_ROWS
            )
        ):
            here = _Chunk(self.header, parts[0], self.frame_height, first=self.with_header)
            return [here, _Chunk(self.header, parts[1], self.frame_height, first=False)]
        if at_top:  # a row taller than a page: reportlab's own split
            return [self.header, *parts]
        return []  # whole on the next page

    def draw(self) -> None:
        self.body.drawOn(self.canv, 0, 0)
        if self.with_header:
            self.header.drawOn(self.canv, 0, self.body_height)


class _PlacedTable(Flowable):
    """A long grid (`chunks`, FillablePacket.long_grid) with the words above it (a heading,
    its sentence: `opening`) and under it (a note: `closing`), set as a careful typesetter
    sets them: whole where they stand; else whole with the grid's rows as little tighter as
    fits them (less padding, _TIGHTER at most: the DOCX's rows have none); else the grid
    parted over pages with its head row
    over each part and never a few rows alone on either side of a break
    (breaks.page_breaks); else whole from the top of the next page. Like reportlab's
    KeepTogether it is never drawn itself: `split`, told the room, gives what to draw.
    `grid(start, end, tighter)` makes the head row and the body rows `start` to `end`, each
    row `tighter` points shorter."""

    def __init__(
        self,
        opening: Sequence[Flowable],
        chunks: Sequence[_Chunk],
        closing: Sequence[Flowable],
        grid: Callable[[int, int, float], tuple[Table, Table]],
        frame_height: float,
    ) -> None:
        super().__init__()
        self.opening, self.chunks, self.closing = list(opening), list(chunks), list(closing)
        self.grid, self.frame_height = grid, frame_height

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return self.opening[0].getSpaceBefore()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, 0xFFFFFF  # never fits: the frame asks `split` (KeepTogether's way)

    def _stacked(self, flowables: Sequence[Flowable], width: float) -> float:
        """The height of `flowables` one under another, their spaces overlapping as the
        frame's do (reportlab's own measure, KeepTogether's), without the first's space
        before and the last's after."""
        return _listWrapOn(flowables, width, self.canv)[1] if flowables else 0.0

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        width, at_top = avail_width, avail_height >= self.frame_height - 1
        above = self._stacked(self.opening, width) + self.opening[-1].getSpaceAfter()
        below = self._stacked(self.closing, width)
        below += self.closing[0].getSpaceBefore() if self.closing else 0.0
        head = self.chunks[0].header.wrap(width, self.frame_height)[1]
        heights: list[float] = []
        for chunk in self.chunks:
            chunk.body.wrap(width, self.frame_height)
            heights += chunk.body._rowHeights
        room = avail_height - above - below
        if head + sum(heights) <= room + _FUZZ:
            return [*self.opening, *self.chunks, *self.closing]
        # every row, the head's too, as little tighter as fits them: a plan 6 pt too tall
        # for its page stood there 50 pt short of its foot, its rows 4 pt tighter each
        tighter = (head + sum(heights) - room) / (len(heights) + 1) + _TIGHT_MARGIN
        if tighter <= _TIGHTER:
            header, body = self.grid(0, len(heights), tighter)
            if header.wrap(width, room)[1] + body.wrap(width, room)[1] <= room + _FUZZ:
                whole = _Chunk(header, body, self.frame_height, first=True)
                return [*self.opening, whole, *self.closing]
        heights[-1] += below  # the note under the grid stays with its last rows
        page, first = self.frame_height - head, avail_height - above - head
        breaks = page_breaks(heights, first, page, movable=not at_top)
        if breaks is None:
            return []  # whole on the next page
        out = list(self.opening)
        bounds = [0, *breaks, len(heights)]
        for part, (start, end) in enumerate(pairwise(bounds)):
            if part:
                out.append(PageBreak())
            if end > start:
                header, body = self.grid(start, end, 0)
                out.append(_Chunk(header, body, self.frame_height, first=part == 0))
        return [*out, *self.closing]

    def draw(self) -> None:  # pragma: no cover (split always replaces it)
        pass


class _Barred(Flowable):
    """A flowable of a quote, with a bar down its left for each quote it stands in (at
    `bars`, from the frame's left), on every page it runs over; down its right, as far in
    from the right as its text's `indents` (left, right), when it is drawn right to left,
    or is code set in from the right (`right`: in a right-to-left list item)."""

    def __init__(
        self,
        flowable: Flowable,
        bars: list[float],
        width: float,
        color: Color,
        indents: tuple[float, float] = (0.0, 0.0),
        right: bool = False,
    ):
        super().__init__()
        self.flowable, self.bars, self.bar_width, self.color = flowable, bars, width, color
        self.indents, self.right = indents, right

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.flowable.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.flowable.split(avail_width, avail_height)
        return [
            _Barred(part, self.bars, self.bar_width, self.color, self.indents, self.right)
            for part in parts
        ]

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return self.flowable.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.flowable.getSpaceAfter()

    def draw(self) -> None:
        self.flowable.drawOn(self.canv, 0, 0)
        self.canv.setFillColor(self.color)
        mirrored = self.right or (
            isinstance(self.flowable, Paragraph) and self.flowable.drawn_right_to_left()
        )
        left, right = self.indents
        for x in self.bars:
            if mirrored:  # as far in from the right (a Hebrew quote's text is on the right)
                x = self.width - right - (x - left) - self.bar_width
            self.canv.rect(x, 0, self.bar_width, self.height, stroke=0, fill=1)


class _Beside(Flowable):
    """A paragraph with something in the margin at its left (a number, a tick box): one
    question's heading, one look-for signal. It moves whole to the next page where one
    holds it (`page`: the frame's height); one taller splits, the rest of its lines at
    their indent on the next (a question of 120 code lines stopped the build with an
    internal error). `at_start`: the margin is on the right of a paragraph drawn right to
    left, beside where its lines start (a look-for signal's tick box)."""

    def __init__(
        self,
        indent: float,
        paragraph: Paragraph,
        left: Flowable,
        after: float = 0,
        page: float | None = None,
        at_start: bool = False,
    ):
        super().__init__()
        self.indent, self.paragraph, self.left, self.after = indent, paragraph, left, after
        self.page, self.at_start = page, at_start

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, text = self.paragraph.wrap(avail_width - self.indent, avail_height)
        _, left = self.left.wrap(self.indent, avail_height)
        self.width, self.height = avail_width, max(text, left) + self.after
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self.page is None or self.height <= self.page:  # a page holds it: it moves whole
            return []
        parts = self.paragraph.split(avail_width - self.indent, avail_height)
        if len(parts) != 2:
            return []
        rest = _Beside(self.indent, parts[1], Spacer(0, 0), self.after, self.page, self.at_start)
        return [_Beside(self.indent, parts[0], self.left, at_start=self.at_start), rest]

    def draw(self) -> None:
        top = self.height
        text, margin = self.indent, 0.0
        if self.at_start and self.paragraph.drawn_right_to_left():
            text, margin = 0.0, self.width - self.indent
        self.paragraph.drawOn(self.canv, text, top - self.paragraph.height)
        self.left.drawOn(self.canv, margin, top - self.left.height)


class _KeptWhole(KeepTogether):
    """reportlab's KeepTogether, measuring a KeepTogether inside it (a question's rating
    row) by what that holds: it took one for 16 million points tall, so every compact
    question went to a page of its own, and the notes of the one before, which did not
    fit under it, stood alone on theirs (a trial)."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        content = self._content
        self._content = [
            part
            for flowable in content
            for part in (flowable._content if isinstance(flowable, KeepTogether) else [flowable])
        ]
        try:
            return super().wrap(avail_width, avail_height)
        finally:
            self._content = content


class _Headed(Flowable):
    """A label and the flowable under it, never parted: where only the label would fit,
    both go to the next page; where part of the flowable fits, it stays with the label and
    the rest runs on."""

    def __init__(self, label: Flowable, flowable: Flowable) -> None:
        super().__init__()
        self.label, self.flowable = label, flowable

    def _gap(self) -> float:
        return self.label.getSpaceAfter() + self.flowable.getSpaceBefore()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        above = self.label.wrap(avail_width, avail_height)[1] + self._gap()
        below = self.flowable.wrap(avail_width, avail_height - above)[1]
        self.width, self.height = avail_width, above + below
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        above = self.label.wrap(avail_width, avail_height)[1] + self._gap()
        parts = self.flowable.split(avail_width, avail_height - above)
        if not parts:
            return []
        return [_Headed(self.label, parts[0]), *parts[1:]]

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return self.label.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.flowable.getSpaceAfter()

    def draw(self) -> None:
        self.label.drawOn(self.canv, 0, self.height - self.label.height)
        self.flowable.drawOn(self.canv, 0, 0)


class _Shaded(Flowable):
    """Paragraphs (and a Markdown text's pictures) on a ground, with a bar at their left:
    what a strong answer covers; at their right when its first paragraph is drawn right
    to left (`on_right`: as the part before a page's end has it), as the DOCX's."""

    pad = 4.0  # points, around the paragraphs (the bar is 2 wide)

    def __init__(
        self,
        content: Sequence[Flowable],
        ground: Color,
        bar: Color,
        pad: float = pad,
        on_right: bool | None = None,
    ) -> None:
        super().__init__()
        self.content, self.ground, self.bar, self.pad = list(content), ground, bar, pad
        self.on_right = on_right

    def _on_right(self) -> bool:
        """Whether the bar stands on the right: as its first paragraph (wrapped) is drawn."""
        if self.on_right is None:
            first = next((f for f in self.content if isinstance(f, Paragraph)), None)
            self.on_right = first is not None and bool(first.drawn_right_to_left())
        return self.on_right

    def _gap(self, n: int) -> float:
        """The space above the `n`th flowable, as a frame leaves it: two blocks of a hint
        stood with none between them, where the packet's other texts part them."""
        return self.content[n].getSpaceBefore() if n else 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        inner = avail_width - 2 * self.pad - 2
        text = sum(
            f.wrap(inner, avail_height)[1] + self._gap(n) for n, f in enumerate(self.content)
        )
        self.width, self.height = avail_width, text + 2 * self.pad
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        inner, room = avail_width - 2 * self.pad - 2, avail_height - 2 * self.pad
        for n, flowable in enumerate(self.content):
            high = flowable.wrap(inner, room)[1] + self._gap(n)
            if high <= room:
                room -= high
                continue
            left = room - self._gap(n)
            # a table (pdf.Inset) splits between its rows: one taller than a page was
            # moved whole and stopped the build ('too large on page')
            splits = isinstance(flowable, (Paragraph, pdf.Inset))
            parts = flowable.split(inner, left) if splits else []
            if len(parts) == 2:  # the paragraph's lines (a table's rows) that fit, the rest
                head, rest = [*self.content[:n], parts[0]], [parts[1], *self.content[n + 1 :]]
            elif n:  # the next page from this paragraph or picture on
                before = self.content[n - 1]
                if (
                    isinstance(flowable, _Picture)
                    and not isinstance(before, _Picture)
                    and before.height <= flowable.tallest / 2
                ):
                    # a picture goes on with the words before it that introduce it, as the
                    # booklet keeps them ('Step 3, shown below:' ended a page: a print
                    # trial); a quarter of a page at most, so that a page always holds
                    # both under a label, and where they open this part, the whole part
                    if n == 1:
                        return []
                    n -= 1
                head, rest = self.content[:n], self.content[n:]
            else:
                return []
            on_right = self._on_right()
            return [
                _Shaded(head, self.ground, self.bar, self.pad, on_right),
                _Shaded(rest, self.ground, self.bar, self.pad, on_right),
            ]
        return []

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(self.ground)
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColor(self.bar)
        on_right = self._on_right()
        c.rect(self.width - 2 if on_right else 0, 0, 2, self.height, stroke=0, fill=1)
        c.restoreState()
        y = self.height - self.pad
        for n, flowable in enumerate(self.content):
            y -= flowable.height + self._gap(n)
            flowable.drawOn(c, self.pad + (0 if on_right else 2), y)


class _Picture(Flowable):
    """A Markdown text's picture: its natural size at PICTURE_DPI, smaller to fit the
    width and its share of a page (rich.PICTURE_SHARE), `indent` from the left."""

    def __init__(
        self, drawn: PdfPicture, natural: tuple[float, float], tallest: float, indent: float = 0
    ) -> None:
        super().__init__()
        self.drawn, self.natural, self.tallest, self.indent = drawn, natural, tallest, indent
        self.shown = natural

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        wide, high = self.natural
        scale = min(1.0, (avail_width - self.indent) / wide, self.tallest / high)
        self.shown = (wide * scale, high * scale)
        self.width, self.height = avail_width, self.shown[1] + 4
        return avail_width, self.height

    def draw(self) -> None:
        self.drawn.draw(self.canv, self.indent, 2, *self.shown)


class _Letterhead(Flowable):
    """The top of the first page: the organisation's name (a paragraph, or None) on the
    left, standing on the bottom line of the logo, which is `size` points on the right."""

    def __init__(self, name: Paragraph | None, logo: PdfPicture, size: tuple[float, float]) -> None:
        super().__init__()
        self.name, self.logo, self.size = name, logo, size
        self.gap = name.style.spaceAfter if name else 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        high = self.name.wrap(avail_width - self.size[0], avail_height)[1] if self.name else 0
        self.width, self.height = avail_width, max(self.size[1], high) + self.gap
        return self.width, self.height

    def draw(self) -> None:
        self.logo.draw(self.canv, self.width - self.size[0], self.gap, *self.size)
        if self.name:
            self.name.drawOn(self.canv, 0, self.gap)


class _Ends(Flowable):
    """`left` at the start of a line and `right`, `right_width` wide, at its end, their
    feet in line: a rating's label, and its 'not rated' button. `right` takes half the
    line at most, its words on more lines: a look's long 'not rated' left its label a
    column a word wide, a word a line ('Bewertung' / 'der' / 'Antwort' ..., a review)."""

    def __init__(self, left: Flowable, right: Flowable, right_width: float) -> None:
        super().__init__()
        self.left, self.right, self.right_width = left, right, right_width
        self.room = right_width  # what `right` is given of it on a line (wrap)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.room = min(self.right_width, avail_width / 2)
        _, left = self.left.wrap(avail_width - self.room, avail_height)
        _, right = self.right.wrap(self.room, avail_height)
        self.width, self.height = avail_width, max(left, right)
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return self.left.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.left.getSpaceAfter()

    def draw(self) -> None:
        self.left.drawOn(self.canv, 0, 0)
        self.right.drawOn(self.canv, self.width - self.room, 0)


class _Cells(Flowable):
    """One row of cells, each a stack of flowables centred across it, in a grid: the rating
    row, drawn without a Table, which costs most of a question's time."""

    pad = 4.0  # points inside each cell

    def __init__(
        self, widths: Sequence[float], cells: list[list[Flowable]], rule: Color, last: Color
    ):
        super().__init__()
        self.widths, self.cells, self.rule, self.last = list(widths), cells, rule, last

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        tallest = 0.0
        for width, cell in zip(self.widths, self.cells, strict=True):
            tallest = max(tallest, sum(f.wrap(width - 2 * self.pad, avail_height)[1] for f in cell))
        self.width, self.height = sum(self.widths), tallest + 2 * self.pad
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(self.last)
        c.rect(sum(self.widths[:-1]), 0, self.widths[-1], self.height, stroke=0, fill=1)
        c.setStrokeColor(self.rule)
        c.setLineWidth(0.5)
        x = 0.0
        for width in self.widths:
            c.rect(x, 0, width, self.height, stroke=1, fill=0)
            x += width
        c.restoreState()
        x = 0.0
        for width, cell in zip(self.widths, self.cells, strict=True):
            y = self.height - self.pad
            for flowable in cell:
                _, height = flowable.wrap(width - 2 * self.pad, self.height)
                y -= height
                flowable.drawOn(self.canv, x + self.pad, y)
            x += width


# the largest font file fillers type in: it is embedded whole, in every packet of a panel
# (a look's code font of 31 MB made each packet 33 MB: a hostile trial); Noto Sans Mono,
# qbank's, is 0.2 MB
TYPING_FONT_LARGEST = 2 * 1024 * 1024
TYPING_FONT = FONTS / "NotoSansMono-Regular.ttf"
# What fillers type, whatever the bank: any letter or sign of Latin-1 (a name's 'é', 'ß',
# '£'; not the soft hyphen, which shows nothing), and the signs that notes hold and that
# keyboards and autocorrect make. qbank's Noto Sans Mono draws every one.
TYPED = frozenset(chr(c) for c in (*range(0x20, 0x7F), *range(0xA0, 0x100)) if c != 0xAD)
TYPED |= frozenset("≥≤≈≠−→←–—‘’“”…€•")
TYPED_NAMED = 8  # the characters a font lacks that a warning names; the rest are counted


def _typing_font(code: Path, bank: Bank, warn: Callable[[str], None]) -> Path:
    """The font fillers type in: the theme's code font, unless it is larger than
    TYPING_FONT_LARGEST or lacks characters the fields are typed in, which qbank's Noto Sans
    Mono then is; either said once per packet."""
    size = code.stat().st_size
    if size > TYPING_FONT_LARGEST:
        warn(
            f"warning: {code}: the fillable packet carries the font fillers type in whole, and "
            f"this code font is {size / 2**20:,.1f} MB (more than "
            f"{TYPING_FONT_LARGEST // 2**20} MB); its fields type in Noto Sans Mono instead"
        )
        return TYPING_FONT
    return code if code.samefile(TYPING_FONT) else _typing_font_of_look(code, bank, warn)


def _typing_font_of_look(code: Path, bank: Bank, warn: Callable[[str], None]) -> Path:
    """A look's code font, unless it lacks characters the fields are typed in that Noto
    Sans Mono has: typed, each showed as nothing ('≥ 3 years → hire' read '3 years hire'),
    without a word. Noto Sans Mono types them instead, as a filler expects to type any of
    TYPED; the look's font stays when it has more characters of the bank (which notes quote,
    and the role field holds) that Noto Sans Mono lacks than it lacks itself (a Japanese
    bank's, in a Japanese monospace font): the bank's own script is what its fillers type
    most (a review: a Japanese font short of one Latin-1 letter gave the fields to a font
    with no Japanese)."""
    texts = (bank.title, bank.role, *(pdf.all_text(q) for q in bank.questions))
    needed = TYPED | {c for c in set("".join(texts)) if c.isprintable() and not c.isspace()}
    own, built_in = typed_glyphs(code), typed_glyphs(TYPING_FONT)
    lacks = sorted(c for c in needed if ord(c) not in own and ord(c) in built_in)
    if not lacks:
        return code
    said = (
        f"warning: {code}: the fillable packet's fields are typed in the code font, which "
        f"has no glyph for {_some_characters(lacks)}"
    )
    only_own = sorted(c for c in needed if ord(c) in own and ord(c) not in built_in)
    if len(only_own) <= len(lacks):
        but = f" but not the bank's {_some_characters(only_own)}" if only_own else ""
        warn(f"{said}; its fields type in Noto Sans Mono instead, which has them{but}")
        return TYPING_FONT
    warn(
        f"{said}: typed in a field, they show as nothing. Noto Sans Mono has them, but not "
        f"the bank's {_some_characters(only_own)}: add them to the font, or choose a code "
        "font that has both"
    )
    return code


def _some_characters(chars: Sequence[str]) -> str:
    """The first TYPED_NAMED of `chars`, and how many more."""
    named = describe_characters(chars[:TYPED_NAMED])
    return named + (f" and {len(chars) - TYPED_NAMED:,} more" if len(chars) > TYPED_NAMED else "")


class FillablePacket:
    """The flowables of one interviewer's packet, and the form they carry."""

    def __init__(
        self,
        bank: Bank,
        theme: Theme,
        wording: Wording,
        warn: Callable[[str], None],
        advance: Callable[[int], None],
        templates: Templates,
    ) -> None:
        self.bank, self.theme, self.say = bank, theme, wording
        self.advance = advance
        self.kit = pdf.load_theme(templates)
        self.text = pdf.PdfText(self.kit, bank, warn)
        self.typing_font = _typing_font(self.kit.files["code"], bank, warn)
        self.rubric: tuple[RubricLevel, ...] = bank.rubric or wording.levels
        self.page = (theme.page_width / 20, theme.page_height / 20)
        self.margin = theme.margin / 20
        self.width = self.page[0] - 2 * self.margin
        self.styles = {name: self._style(name) for name in theme.styles}
        self.form: Form | None = None
        self.box = 11.0  # points: the side of a tick box or radio button
        self.field_height = float(theme.layout["field_mm"]) * mm
        self.line = float(theme.layout["line_mm"]) * mm
        self._sections = {s.name: s for s in bank.sections}
        self._meanings = {c.name: c.description for c in bank.competencies}
        self._rating_words: list[list[Paragraph]] = []
        self._not_rated: tuple[Paragraph, float] | None = None  # its words, and their width
        self._rating: tuple[list[float], dict[str, float], int] | None = None
        self._reminder: tuple[tuple[int, str], ...] | None = None
        self._pictures = PdfPictures()  # this packet's PDF
        # the question being drawn, from its first flowable to its notes: a page that opens
        # inside it is headed with its number (its rating row stood there unnamed)
        self._running: str | None = None

    # -- look --------------------------------------------------------------------------

    def color(self, name: str) -> Color:
        return HexColor("#" + self.theme.colors[name])

    def _face(self, name: str, bold: bool = False) -> str:
        """The font of the text of style `name` (`bold`: of its bold words)."""
        spec = {**self.theme.styles["Normal"], **self.theme.styles[name]}
        fonts = self.kit.fonts
        return {
            (False, False): fonts.regular,
            (True, False): fonts.bold,
            (False, True): fonts.italic,
            (True, True): fonts.bold_italic,
        }[bold or bool(spec.get("bold")), bool(spec.get("italic"))]

    def _style(self, name: str) -> ParagraphStyle:
        spec = {**self.theme.styles["Normal"], **self.theme.styles[name]}
        face = self._face(name)
        size = float(spec["size"])
        hanging = float(spec.get("hanging_mm", 0)) * mm
        # the font of the mark that starts a line going on inside a code span
        ((_, continued),) = self.text.runs(CONTINUED, self.kit.fonts.code)
        return pdf.paragraph_style(
            name,
            code_continued=continued,
            code_shade=self._code_shade(spec),
            fontName=face,
            fontSize=size,
            leading=size * 1.22 * float(spec.get("line", 1.0)),
            textColor=self.color(str(spec.get("color", "text"))),
            spaceBefore=float(spec.get("space_before", 0)),
            spaceAfter=float(spec.get("space_after", 0)),
            leftIndent=float(spec.get("indent_mm", 0)) * mm,
            firstLineIndent=-hanging,
        )

    def _code_shade(self, spec: dict[str, Any]) -> Color | None:
        """The ground of a code span in text of style `spec`, as the booklet's (the PDFs'
        code_background): as that shade prints over the style's own ground (the hint's box),
        where it had none there (a visual review), and would barely stand out from the box
        in its own colour. None in a style of code (a code block's line: its own ground)."""
        if spec.get("font") == "code":
            return None
        shade = self.kit.color("code_background")
        ground = spec.get("background")
        if ground is None:
            return shade
        under = self.color(str(ground))
        rgb = printed_over(
            (shade.red, shade.green, shade.blue), (under.red, under.green, under.blue)
        )
        return Color(*rgb)

    def para(
        self, style: str, text: str, q: Question | None = None, raw: bool = False, **change: Any
    ) -> Paragraph:
        """`text` of the bank (or the words) in `style`; `raw` when it is markup already. A
        word of `q`'s text wider than its column breaks where its language hyphenates it (a
        plan's 'Informationssicherheitsm|anagementsystem'; reportlab_fixes.Paragraph), and
        Korean at its blanks only, as markup of `q`'s text too: a question's '大韓民' ended a
        line before '國의', broken as Chinese is (h41b's Korean trial)."""
        if self.theme.styles.get(style, {}).get("caps"):
            if raw:  # the words, not the tags and entities of the markup
                change["textTransform"] = "uppercase"
            else:
                text = text.upper()
        if q is not None:
            change["hyphenation_language"] = self.text.language(q)
        base = self.styles[style]
        if change:
            base = ParagraphStyle(f"{style}+", parent=base, **change)
        return Paragraph(text if raw else self.text.markup(text, q, font=base.fontName), base)

    def bold(self, words: str, style: str) -> str:
        """Markup of the look's `words` (a label, a score) set in bold in a paragraph of
        `style`, each character in a font that draws it in that bold face: made as regular
        text, a look's bold font without a character its regular one has drew a box for
        it (a brand trial)."""
        return f"<b>{self.text.markup(words, font=self._face(style, bold=True))}</b>"

    def paras(
        self,
        style: str,
        text: str,
        q: Question,
        room: float,
        blocks: slice = slice(None),
        follows: bool = False,
        **change: Any,
    ) -> list[Flowable]:
        """`para` of a bank text `room` wide, with the pictures a Markdown text shows drawn
        between its paragraphs (their alt text stands in the form fields' tips and the
        tables), and its code lines cut to the width. A Markdown text's blocks are
        paragraphs of their own: a list item's lines hang under its text, right of its
        number or bullet, a quote stands indented and muted, and a gap parts two blocks
        (one paragraph of lines lost them: a visual review). `blocks`: those of a Markdown
        text's blocks only, `follows` when they come after its blocks before."""
        tree = self.bank.rich_text(text)
        if tree is None:
            parts = self.parts(style, text, q, room)
            return [self.part(style, part, q, **change) for part in parts]
        self.text.check(text, q)
        tree = RichText(tree.blocks[blocks])
        base = self.styles[style]
        if change:
            base = ParagraphStyle(f"{style}+", parent=base, **change)
        size = base.fontSize
        step, quote_step = size * 1.6, size  # a list level's indent, a quote's
        code = self.kit.fonts.code
        language = self.text.language(q)

        def mirrored(item: tuple[Block, ...]) -> bool:
            return item_right_to_left(item, language)

        shapes = rich_markup.pieces(tree, code, code_markup=False, right_to_left=mirrored)
        # or more where its widest marker needs it ('10.'), as the booklet's
        step = max(step, size * rich_markup.marker_room(shapes, self.kit.fonts.regular))
        deepest = max((p.depth * step + p.quoted * quote_step for p in shapes), default=0.0)
        shade = self.theme.styles.get("Packet Code Block", {}).get("background")
        code_shade = self.color(shade) if shade else None
        # room inside its ground on either side of the code, as the booklet's: a cut line
        # touched its ground's right edge, and every line its left
        pad = size * 0.5 if code_shade is not None else 0.0
        cut = self._cut(style, room - deepest - 2 * pad)
        pieces = rich_markup.pieces(tree, code, wrap=cut, right_to_left=mirrored)
        muted = self.color("muted").hexval().replace("0x", "#")
        flowables: list[Flowable] = []
        previous: rich_markup.Piece | None = None
        for piece in pieces:
            quotes = piece.quoted * quote_step
            # in from the left by its levels there, as the booklet's
            left = base.leftIndent + piece.left_levels * step + quotes
            if piece.kind == "picture" and piece.picture is not None:
                flowables.append(self.part(style, piece.picture, leftIndent=left))
                previous = piece
                continue
            if piece.kind == "table" and piece.table is not None:
                gap = size * 0.45 if previous is not None or follows else 0.0
                flowables.append(self.text_table(base, piece.table, q, left, room, gap))
                previous = piece
                continue
            if previous is None and follows:  # a later block of a text set in parts
                gap = size * 0.45
            elif previous is None or (piece.kind == "code" and not piece.first):
                gap = 0.0
            elif piece.kind == "item" and previous.kind == "item" and not piece.apart:
                gap = size * 0.15
            elif piece.far:  # two lists in a row, either loose: farther than its items
                gap = size * 1.0
            else:
                gap = size * 0.45
            markup = (
                self.text.drawable(piece.markup, q, base.fontName) if piece.markup else LAYOUT_SPACE
            )
            if piece.kind == "code":  # left to right, on the left, as the booklet's
                markup = LeftToRightMarkup(markup)
            elif piece.quoted:
                markup = f'<font color="{muted}">{markup}</font>'
            # each level on its own side, its marker a level out (rich_markup.level_indents)
            indents = rich_markup.level_indents(piece, step, base.leftIndent, quotes)
            indents["rightIndent"] += base.rightIndent
            shape = ParagraphStyle(
                f"{base.name}-{piece.kind}",
                parent=base,
                firstLineIndent=0,
                spaceBefore=gap,
                spaceAfter=0,
                bulletFontName=self.kit.fonts.regular,
                bulletFontSize=size,
                hyphenation_language=language,
                **indents,
            )
            if piece.kind in ("item", "code"):  # its quotes' indentation stays on the left
                shape.list_from += quotes
            elif piece.quoted:  # a quote's goes to the right too, as the booklet's
                shape.list_from = base.leftIndent
            # code: its levels on their sides, in a right-to-left item in the item's
            # column, left of its marker
            start, end = rich_markup.code_insets(piece, step, base.leftIndent, quotes)
            if piece.kind == "code":
                shape.leftIndent, shape.rightIndent = start, end + base.rightIndent
            if piece.from_right and piece.marker:  # code that opens the item: its marker
                # on the right, as the item's text has it (reportlab_fixes.Paragraph)
                shape.from_right, shape.list_to = True, base.rightIndent
            if piece.kind == "code":  # a line of code, on its block's ground, not a span's
                shape.code_shade = None
            if piece.kind == "code" and code_shade is not None:  # as the DOCX and booklet
                shape.backColor = code_shade
                shape.leftIndent, shape.rightIndent = start + pad, end + base.rightIndent + pad
                shape.borderPadding = (0, pad, 0, pad)  # the ground where it stood
            made: Flowable = Paragraph(markup, shape, bulletText=piece.marker or None)
            if piece.quoted:  # a bar for each quote it stands in, as the booklet's
                at = rich_markup.QUOTE_BAR_AT
                bars = [
                    base.leftIndent + depth * step + (k + at) * quote_step
                    for k, depth in enumerate(piece.quote_levels)
                ]
                indents = (base.leftIndent, base.rightIndent)
                bar = size * rich_markup.QUOTE_BAR
                right = piece.kind == "code" and piece.from_right
                made = _Barred(made, bars, bar, self.color("rule"), indents, right)
            flowables.append(made)
            previous = piece
        if previous is not None and previous.kind == "code" and flowables:  # room under it
            last = flowables[-1]
            paragraph = last.flowable if isinstance(last, _Barred) else last
            if isinstance(paragraph, Paragraph):
                paragraph.style.spaceAfter = size * 0.45
        return flowables

    def _cut(self, style: str, room: float) -> Callable[[Line], list[Line]]:
        """Code lines cut to `room` in the code font at the style's size, each further piece
        after its mark, as the booklet's."""
        size = self.styles[style].fontSize
        code = self.kit.fonts.code

        def measure(text: str) -> float:  # in the font that draws it (CJK: the fallback's)
            return sum(stringWidth(t, f, size) for t, f in self.text.runs(text, code))

        mark = measure(f"{CONTINUED} ")

        def cut(line: Line) -> list[Line]:
            return wrap_marked(line, room, measure, mark)

        return cut

    def parts(
        self, style: str, text: str, q: Question, room: float, blocks: slice = slice(None)
    ) -> list[str | Picture]:
        """`PdfText.parts` of a text (of its `blocks`) in `style`, its code lines cut to
        `room` (`_cut`)."""
        return self.text.parts(text, q, self._cut(style, room), blocks, self.styles[style].fontName)

    def lead(
        self, style: str, text: str, q: Question, room: float, blocks: slice = slice(None)
    ) -> tuple[str, list[str | Picture]]:
        """A text's first paragraph's markup, for a line that starts with a label, a bullet
        or a box, and the pictures and lines after it. A text that opens with a picture
        gives that line a no-break space, so that its bullet is drawn."""
        first, *more = self.parts(style, text, q, room, blocks)
        if isinstance(first, str):
            return first, more
        return LAYOUT_SPACE, [first, *more]

    def item(self, text: str, q: Question, indent: float) -> tuple[str, list[Flowable]]:
        """A follow-up's or a signal's first paragraph's markup, for the line with its
        bullet or box, and what follows it at `indent`: a Markdown text's blocks after its
        first paragraph as `paras` sets a question's, its code on its ground with room
        around it (a follow-up's code had no ground, where the question's and the hint's
        have one: a code trial)."""
        room = self.width - indent
        tree = self.bank.rich_text(text)
        split = (
            tree is not None and len(tree.blocks) > 1 and isinstance(tree.blocks[0], TextParagraph)
        )
        first, more = self.lead("Packet Item", text, q, room, slice(1) if split else slice(None))
        after = [self.part("Packet Item", p, q, leftIndent=indent, firstLineIndent=0) for p in more]
        if split:
            rest = slice(1, None)
            after += self.paras("Packet Item", text, q, room, rest, True, leftIndent=indent)
        return first, after

    def part(
        self, style: str, part: str | Picture | TextTable, q: Question | None = None, **change: Any
    ) -> Flowable:
        """One of `PdfText.parts` (of `q`'s text): a paragraph's markup, or a picture or a
        table at the style's indent."""
        if isinstance(part, str):
            return self.para(style, part, q, raw=True, **change)
        indent = change.get("leftIndent", self.styles[style].leftIndent)
        if isinstance(part, TextTable):
            base = self.styles[style]
            return self.text_table(base, part, q, indent, self.width, base.fontSize * 0.45)
        tallest = self.frame_height * part.share
        return _Picture(self._pictures(part.data), part.points(), tallest, indent)

    def text_table(
        self,
        base: ParagraphStyle,
        table: TextTable,
        q: Question | None,
        indent: float,
        room: float,
        gap: float,
    ) -> Flowable:
        """A table of a bank text (PdfText.table) in `base`'s font, `indent` in from the
        left of `room`, `gap` above it: the booklet's, a firm rule under its header and
        hairlines under its rows, split between rows over pages with its header again."""
        cell = ParagraphStyle(
            f"{base.name}-table", parent=base, leftIndent=0, rightIndent=0, firstLineIndent=0
        )
        rules = (self.color("muted"), self.color("writing_line"))
        # a row taller than most of a page splits inside itself (pdf._Grid)
        tallest = self.frame_height * 0.8
        grid = self.text.table(table, cell, room - indent, rules, q, tallest=tallest)
        return pdf.Inset(grid, indent, gap)

    def table(
        self, rows: list[list[Any]], widths: Sequence[float | None], commands: list, **options: Any
    ) -> Table:
        """A table whose cells are set in the packet's font: a table sets its own font,
        Helvetica, for every cell, which the PDF would then name without embedding it."""
        table = Table(rows, colWidths=list(widths), **options)
        font = ("FONTNAME", (0, 0), (-1, -1), self.kit.fonts.regular)
        table.setStyle(TableStyle([font, *commands]))
        return table

    def grid(self, widths: Sequence[float], rows: list[list[Any]], **style: Any) -> Table:
        """A table with the DOCX packet's rules and a shaded head row; `tighter`: each row
        that many points shorter (less padding above and below the words)."""
        tighter = style.get("tighter", 0)
        padding = _CELL_PADDING - tighter / 2 if tighter else _CELL_PADDING
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.5, self.color("rule")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ]
        if style.get("head", True):
            commands.append(("BACKGROUND", (0, 0), (-1, 0), self.color("shade")))
        extra = style.get("extra", [])
        return self.table(rows, widths, commands + extra, repeatRows=style.get("repeat", 0))

    def long_grid(
        self, widths: Sequence[float], rows: list[list[Any]], extra: Sequence[tuple] = ()
    ) -> list[_Chunk]:
        """`grid` for a table that may run over many pages (the plan and the scorecard of
        an --all packet): chunks of a few rows, each starting with the head row when it
        starts a page. reportlab splits a long table by building the rest of it again at
        every page, which made a 5,000-row table cost its square."""
        by_row = commands_by_row(extra)
        chunks: list[_Chunk] = []
        starts = chunk_starts(len(rows) - 1)
        for start, end in zip(starts, [*starts[1:], len(rows) - 1], strict=True):
            header, table = self.grid_rows(widths, rows, by_row, start, end)
            chunks.append(_Chunk(header, table, self.frame_height, first=start == 0))
        return chunks

    def grid_rows(
        self,
        widths: Sequence[float],
        rows: list[list[Any]],
        by_row: dict[int, list[tuple]],
        start: int,
        end: int,
        tighter: float = 0,
    ) -> tuple[Table, Table]:
        """The `grid`s of the head row of `rows` and of its body rows `start` to `end`
        (counted after the head row), with their commands (`by_row`: commands_by_row)."""
        commands = [
            (name, (a[0], a[1] - 1 - start), (b[0], b[1] - 1 - start), *rest)
            for row in range(start, end)
            for name, a, b, *rest in by_row.get(row, ())
        ]
        header = self.grid(widths, rows[:1], tighter=tighter)
        body = rows[1 + start : 1 + end]
        return header, self.grid(widths, body, head=False, extra=commands, tighter=tighter)

    def opening_height(
        self,
        before: Sequence[Flowable],
        widths: Sequence[float],
        rows: list[list[Any]],
    ) -> float:
        """The room the flowables `before` a `long_grid` of `rows` need at a page's foot,
        with the grid's head row and the rows its first chunk leaves there at least
        (_Chunk.split: one, when the chunk can part; else all of it)."""
        body = len(rows) - 1
        chunk = ([*chunk_starts(body)[1:], body])[0]
        least = _LEAST_SPLIT_ROWS if chunk >= _LEAST_SPLIT_ROWS + _LEAST_LAST_ROWS else chunk
        first = self.grid(widths, rows[: 1 + least])
        parts = (*before, first)
        needed = sum(part.wrap(self.width, self.frame_height)[1] for part in parts)
        needed += sum(part.getSpaceBefore() + part.getSpaceAfter() for part in before)
        return needed

    def columns(self, *fractions: float) -> list[float]:
        widths = [self.width * f for f in fractions[:-1]]
        return widths + [self.width - sum(widths)]

    def cell(self, text: str, head: bool = False, align: str | None = None) -> Paragraph:
        style = "Packet Cell Head" if head else "Packet Cell"
        alignment = {"right": TA_RIGHT, "center": TA_CENTER}.get(align or "", 0)
        return self.para(style, text, alignment=alignment) if alignment else self.para(style, text)

    def name_cell(
        self, text: str, q: Question | None = None, head: bool = False, **change: Any
    ) -> Paragraph:
        """A cell of a left-aligned column that names `q`, its section or a competency (a
        bank's text, in `q`'s language): a right-to-left name starts at the column's left,
        where a left-to-right one does, and runs right to left from there (as the booklet's
        contents, reportlab_fixes.Paragraph's `label`)."""
        style = "Packet Cell Head" if head else "Packet Cell"
        return self.para(style, text, q, label=True, **change)

    # -- fields ------------------------------------------------------------------------

    def _field_ground(self, canvas: Any, width: float, height: float) -> None:
        """What a text field sits on in print: a light ground and a writing line."""
        canvas.saveState()
        canvas.setFillColor(self.color("hint_background"))
        canvas.setStrokeColor(self.color("writing_line"))
        canvas.setLineWidth(0.6)
        canvas.rect(0, 0, width, height, stroke=1, fill=1)
        canvas.restoreState()

    def text_field(self, name: str, tip: str, value: str = "", height: float = 0) -> _Spot:
        def make(rect: Rect) -> None:
            self._form().text(name, rect, tip, value)

        return _Spot(make, height or self.field_height * 0.7, under=self._field_ground)

    def text_area(self, name: str, tip: str, height: float) -> _Spot:
        """A text field of several lines, `height` high."""

        def make(rect: Rect) -> None:
            self._form().text(name, rect, tip, multiline=True)

        return _Spot(make, height, under=self._field_ground)

    def notes_field(self, q: Question, wanted: float, least: float, fill: bool) -> _NotesSpot:
        """The notes of `q` (see _NotesSpot): its label, then its field."""
        say = self.say

        def make(rect: Rect) -> None:
            self._form().text(
                f"{q.id}_notes", rect, f"{self.say.label(q)} {say('notes')}", multiline=True
            )

        labels = (
            self.para("Packet Label", say("notes")),
            self.para("Packet Label", f"{self.say.label(q)} \u00b7 {say('notes')}"),
        )
        return _NotesSpot(make, wanted, least, fill, self._field_ground, labels)

    def checkbox(self, name: str, tip: str) -> _Spot:
        def make(rect: Rect) -> None:
            self._form().checkbox(name, rect, tip)

        return _Spot(make, self.box, side=self.box)

    def choice(self, name: str, tip: str, values: Sequence[tuple[str, str]]) -> _Choice:
        return _Choice(self._form, name, tip, values)

    def _form(self) -> Form:
        assert self.form is not None, "fields are made while the document is drawn"
        return self.form

    # -- the first page ----------------------------------------------------------------

    def title(self, subtitle: str) -> list[Flowable]:
        return [
            *self.letterhead(),
            # a right-to-left title starts at the left, over the words under it
            self.para("Title", self.bank.title, label=True),
            self.para("Subtitle", subtitle),
        ]

    def letterhead(self) -> list[Flowable]:
        """The organisation's name, with the logo on its right as the DOCX packet has them
        (wordml.document.letterhead); the name alone without a logo."""
        organisation, logo = self.bank.organisation, self.bank.logo
        name = self.para("Packet Meta", organisation, label=True) if organisation else None
        if logo is None:
            return [name] if name else []
        size = logo_size(logo.width, logo.height, self.width)
        return [_Letterhead(name, self._pictures(logo.data), size)]

    def header_form(
        self, candidate: str, interviewer: str = "", booked: tuple[int, int] | None = None
    ) -> Table:
        """The DOCX's header (packet.pages.header_form): its fields, the candidate, the
        interviewer and the start and end (`booked`, --start's) filled in when given."""
        say = self.say
        start, end = ("", "") if booked is None else clock_span(*booked, since=booked[0])
        style = self.styles["Packet Cell Head"]

        def need(*keys: str) -> float:  # a point in reserve, and the cell's padding
            words = (self._widest(say(k), style.fontName, style.fontSize) for k in keys)
            return max(words) + 1 + 2 + 4

        # each label column holds its labels' longest word, as the DOCX's (label_room): a
        # German look's 'Interviewer/in' broke over 'in'
        labels = [need("role", "candidate", "interviewer", "date"), 0, need("start"), 0]
        widths = word_room(self.columns(*self.theme.fractions("form")), [*labels, need("end"), 0])

        def row(key: str, name: str, value: str = "") -> list[Any]:
            return [self.cell(say(key), head=True), self.text_field(name, say(key), value)]

        rows = [
            row("role", "role", self.bank.role or self.bank.title) + [""] * 4,
            row("candidate", "candidate", candidate) + [""] * 4,
            row("interviewer", "interviewer", interviewer) + [""] * 4,
            [
                *row("date", "interview-date"),
                *row("start", "start-time", start),
                *row("end", "end-time", end),
            ],
        ]
        style = [("SPAN", (1, r), (5, r)) for r in range(3)]
        style += [  # a label in line with its field: both centred in the row
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        return self.table(rows, widths, style, rowHeights=self.field_height)

    def summary(self, lines: Sequence[str]) -> list[Flowable]:
        return [Spacer(0, 6)] + [self.para("Packet Meta", line) for line in lines]

    def competency_cell(self, name: str) -> list[Paragraph]:
        """A grid's first cell, as the DOCX's (packet.pages.competency_cell): the name, and
        under it, muted, what it means."""
        cell = [self.name_cell(name, head=True)]
        description = self._meanings.get(name, "").strip()
        if description:
            cell.append(self.name_cell(description, textColor=self.color("muted")))
        return cell

    def coverage(self, questions: Sequence[Question], elsewhere: Elsewhere = ()) -> list[Flowable]:
        """The competency x question grid of the DOCX (packet.pages.coverage): a mark where
        a question measures a competency, the count, a competency left to others marked
        (`elsewhere`: who of the panel asks it)."""
        competencies = measured_competencies(self.bank)
        if not competencies:
            return []
        say = self.say
        # a column per question by the DOCX's rule, else one column that lists them
        fit, labels = PageFit(self.theme), [self.say.label(q) for q in questions]
        across = grid_across(fit, labels)
        names = [name for name, _ in competencies]
        left = not_asked(say, questions, names, elsewhere)
        heading = count_heading(say, left, elsewhere)
        widths = self.columns(
            *grid_shares(fit, self.bank, labels, names, across, left.values(), heading)
        )
        head = [self.cell(say("competency"), head=True)]
        if across:
            head += [self.cell(self.say.label(q), head=True, align="center") for q in questions]
        else:
            head.append(self.cell(say("questions"), head=True))
        head.append(self.cell(heading, head=True, align="center"))
        rows = [head]
        muted = self.color("muted")
        for name, _ in competencies:
            mine = [q for q in questions if q.competency == name]
            row: list[Any] = [self.competency_cell(name)]
            if across:
                # Noto has no \u25cf (the DOCX's mark): its bullet at three times the cell's size
                # reads as one (at the cell's own size a trial saw barely a dot)
                size = self.styles["Packet Cell"].fontSize * 3
                dot = f'<font size="{size:g}">\u2022</font>'
                row += [
                    self.para("Packet Cell", dot, raw=True, alignment=TA_CENTER, leading=size)
                    if q.competency == name
                    else self.cell("")
                    for q in questions
                ]
            else:
                row.append(self.cell(", ".join(self.say.label(q) for q in mine)))
            if mine:
                row.append(self.cell(str(len(mine)), align="center"))
            else:
                # literal: the backticks of a colleague's name are no code span
                words = to_reportlab(left[name], self.kit.fonts.code, False)
                row.append(
                    self.para(
                        "Packet Cell",
                        self.text.drawable(words),
                        raw=True,
                        alignment=TA_CENTER,
                        textColor=muted,
                    )
                )
            rows.append(row)
        heading = self.para("Heading 2", say("coverage_title"), leftIndent=0, firstLineIndent=0)
        intro = self.para("Normal", say("coverage_intro"))
        # the heading stands with the grid's head and first rows, or goes to the next page
        # with them (it ended a page alone)
        opening = [heading, intro]
        needed = CondPageBreak(self.opening_height(opening, widths, rows))
        return [needed, *opening, *self.long_grid(widths, rows)]

    # -- the interview plan --------------------------------------------------------------

    def plan(
        self,
        plan: Sequence[PlanRow],
        finish: int,
        *,
        slot: int | None,
        notes: Sequence[Said],
        at: int | None = None,
    ) -> list[Flowable]:
        """The DOCX's plan (packet.pages.plan), its times the time of day from `at`."""
        say = self.say
        introduction, wrap_up = (
            self.theme.integer(k) for k in ("introduction_minutes", "wrap_up_minutes")
        )
        heading, intro = plan_words(say, introduction, wrap_up, finish, slot)
        out: list[Flowable] = [
            self.para("Heading 1", heading),
            self.para("Normal", intro),
        ]
        out += [self.para("Packet Note", said_text(note)) for note in notes]
        heads = PLAN_HEADS
        rows: list[list[Any]] = [
            [
                self.cell(say(k), head=True, align="right" if i >= 3 else None)
                for i, k in enumerate(heads)
            ]
        ]

        def times(start: int, minutes: str, end: int) -> list[Any]:
            values = (clock(start, at), minutes, clock(end, at))
            return [self.cell(v, align="right") for v in values]

        muted = []
        if introduction:
            muted.append(len(rows))
            rows.append(
                ["", "", self.cell(say("introduction")), *times(0, str(introduction), introduction)]
            )
        for row in plan:
            q = row.question
            minutes = f"{row.minutes}*" if row.defaulted else str(row.minutes)
            rows.append(
                [
                    self.cell(self.say.label(q)),
                    self.name_cell(q.section, q),
                    self.name_cell(plan_question(self.bank, q), q),
                    *times(row.start, minutes, row.end),
                ]
            )
        if wrap_up:
            muted.append(len(rows))
            rows.append(
                ["", "", self.cell(say("wrap_up")), *times(finish, str(wrap_up), finish + wrap_up)]
            )
        extra = [("SPAN", (0, r), (1, r)) for r in muted]
        # each column holds its head's longest word and the section's a section's (else
        # reportlab breaks it inside, "Scenario-Base|d"), as the DOCX's
        sections = (row.question.section for row in plan)
        words = [say(k) for k in heads]
        later = later_times(plan, finish + wrap_up, at)  # '00:15 (+1)' on one line
        fractions = self.theme.fractions("plan")
        widths = self.columns(*plan_shares(PageFit(self.theme), words, sections, fractions, later))
        closing = []
        if any(row.defaulted for row in plan):
            note = say("default_minutes_note", minutes=DEFAULT_MINUTES)
            closing.append(self.para("Packet Note", note))
        # whole where it stands, tightened if need be, as the DOCX fits it; else parted with
        # enough rows on either side, or whole on the next page: a trial's plan left its last
        # three rows alone on page 2, kept whole one left a third of page 1 blank
        by_row = commands_by_row(extra)

        def grid(start: int, end: int, tighter: float) -> tuple[Table, Table]:
            return self.grid_rows(widths, rows, by_row, start, end, tighter)

        chunks = self.long_grid(widths, rows, extra)
        return [_PlacedTable(out, chunks, closing, grid, self.frame_height)]

    # -- the guide -----------------------------------------------------------------------

    def guide(self) -> list[Flowable]:
        say, guide = self.say, self.say.guide
        out: list[Flowable] = [PageBreak(), self.para("Heading 1", guide["title"])]
        out.append(self.para("Normal", guide["intro"]))
        # the number in the hanging indent, the step's lines aligned right of it (its second
        # line stood 9 pt right of its first: a visual review)
        base = self.styles["Packet Item"]
        step_style = ParagraphStyle(
            "Packet Step",
            parent=base,
            firstLineIndent=0,
            bulletIndent=0,
            bulletFontName=self.kit.fonts.regular,
            bulletFontSize=base.fontSize,
        )
        for number, step in enumerate(guide["steps"], start=1):
            out.append(Paragraph(self.text.markup(step), step_style, bulletText=f"{number}."))
        out.append(self.para("Packet Note", say("fill_in_pdf")))
        out.append(self.para("Heading 2", guide["scale_title"], leftIndent=0, firstLineIndent=0))
        out.append(self.para("Normal", guide["scale_intro"]))
        rows: list[list[Any]] = [
            [self.cell(say(k), head=True) for k in ("score", "rating", "anchor")]
        ]
        for level in self.rubric:
            rows.append(
                [
                    self.cell(str(level.score), head=True, align="center"),
                    self.cell(level.label, head=True),
                    self.cell(level.anchor),
                ]
            )
        out.append(self.grid(self.scale_columns(), rows, repeat=1))
        return out

    def scale_columns(self) -> list[float]:
        """The rating scale's columns: the theme's shares, the score's and the label's each
        at least as wide as its longest word, head included (a point in reserve, and the
        grid's padding)."""
        style = self.styles["Packet Cell Head"]
        say = self.say

        def need(*texts: str) -> float:
            word = max(self._widest(text, style.fontName, style.fontSize) for text in texts)
            return word + 1 + 8

        scores = need(say("score"), *(str(level.score) for level in self.rubric))
        labels = need(say("rating"), *(level.label for level in self.rubric))
        return word_room(self.columns(*self.theme.fractions("scale")), [scores, labels, 0])

    def _widest(self, text: str, font: str, size: float) -> float:
        """The width of the widest word of `text` in `font` at `size`."""
        words = line_words(text)
        return max((pdf.runs_width(self.text.runs(word, font), size) for word in words), default=0)

    # -- a page per question ----------------------------------------------------------------

    def question(self, q: Question, *, opens_section: bool, compact: bool) -> list[Flowable]:
        say = self.say
        out: list[Flowable] = []
        if not compact:
            out.append(PageBreak())
        out.append(Anchor(lambda _canvas: setattr(self, "_running", None)))
        opening: list[Flowable] = []  # a section's heading, kept with its first question
        if opens_section:
            # in the section's language, a right-to-left name from the left (as the plan's)
            opening.append(self.para("Heading 1", q.section, q, label=True))
            section = self._sections[q.section]
            tree = self.bank.rich_text(section.description)
            drawn = tree is not None and (
                tree.pictures() or any(isinstance(b, TextTable) for b in walk(tree.blocks))
            )
            if drawn:  # its picture or table drawn, as the booklet's
                shown = self.parts("Packet Meta", section.description, q, self.width)
                opening += [self.part("Packet Meta", part) for part in shown]
                if not isinstance(shown[-1], str):  # its room after, as a paragraph's
                    opening.append(Spacer(0, self.styles["Packet Meta"].spaceAfter))
            elif section.description:  # in its language, as the booklet's
                # in pieces of some lines: one paragraph of 5,000 took 3.9 s (a review)
                opening += pdf.line_paragraphs(
                    self.text.markup(section.description, section=section),
                    self.styles["Packet Meta"],
                )
        # the question's first lines beside its label, the rest (a picture, the lines
        # after it) under them, at their indent; a Markdown question's blocks after its
        # first paragraph (code, a list) in the size of the packet's items: code set in the
        # heading's size took a line for every few words
        indent = self.styles["Heading 2"].leftIndent
        tree = self.bank.rich_text(q.question)
        split = (
            tree is not None and len(tree.blocks) > 1 and isinstance(tree.blocks[0], TextParagraph)
        )
        room = self.width - indent
        first, more = self.lead(
            "Heading 2", q.question, q, room, slice(1) if split else slice(None)
        )
        heading = _Beside(
            indent,
            self.para("Heading 2", first, q, raw=True, leftIndent=0, firstLineIndent=0),
            self.para("Heading 2", self.say.label(q), leftIndent=0, firstLineIndent=0),
            page=self.frame_height,
        )
        minutes = say("minutes", minutes=q.minutes) if q.minutes else say("no_minutes")
        meta = " \u00b7 ".join(filter(None, (q.section, q.competency, minutes)))
        heads = self.say.label(q)  # what a page that opens inside the question is headed by
        started = Anchor(lambda _canvas: setattr(self, "_running", heads))
        block: list[Flowable] = [started, heading]
        block += [self.part("Heading 2", part, q, firstLineIndent=0) for part in more]
        if split and tree is not None:  # its later paragraphs as the question (the ask may
            # be the last: a visual review saw it in body text), its code, lists, quotes and
            # pictures in the items' size
            for n, shown in enumerate(tree.blocks[1:], start=1):
                style = "Heading 2" if isinstance(shown, TextParagraph) else "Packet Item"
                block += self.paras(
                    style, q.question, q, room, slice(n, n + 1), True, leftIndent=indent
                )
        # in the section's language, a right-to-left line from the left, under the label
        block.append(self.para("Packet Meta", meta, q, label=True))
        if q.follow_ups:
            items: list[Flowable] = []
            # the bullet in the hanging indent, the text's lines aligned right of it; in a
            # follow-up that runs right to left, mirrored from the right (list_from: where
            # its levels start), as the DOCX's: its bullet stood at the left margin, its text
            # flush right across the page (a trial of a Hebrew panel)
            bullet = {
                "firstLineIndent": 0,
                "bulletIndent": 0,
                "bulletFontName": self.kit.fonts.regular,
                "list_from": 0.0,
            }
            item = ParagraphStyle(  # in the question's language, as `para` sets its text
                "Packet Item+",
                parent=self.styles["Packet Item"],
                hyphenation_language=self.text.language(q),
                **bullet,
            )
            for follow_up in q.follow_ups:
                first, more = self.item(follow_up, q, item.leftIndent)
                items.append(Paragraph(first, item, bulletText="\u2022"))
                items += more
            block += self.headed("follow_ups", items)
        room = self.width - 2 * _Shaded.pad - 2
        hint = self.paras("Packet Hint", q.hint, q, room, leftIndent=0, spaceAfter=0)
        shaded = _Shaded(hint, self.color("hint_background"), self.color("accent"))
        answer = self.headed("strong_answer", [shaded])
        self.share_page([*opening, *block], answer[0], shaded)
        block += answer
        if q.note:
            room = self.width - self.styles["Packet Note"].leftIndent
            first, more = self.lead("Packet Note", q.note, q, room)
            tree = self.bank.rich_text(q.note)
            # a note that opens with code starts it under its label: the code's first line
            # is cut to the whole width; one that opens with a quote too, as the DOCX's,
            # so that the label is not read as quoted
            opens = tree.blocks[0] if tree and tree.blocks else None
            after = "<br/>" if isinstance(opens, (CodeBlock, Quote)) else " "
            block.append(
                self.para(
                    "Packet Note",
                    self.bold(say("note"), "Packet Note") + after + first,
                    q,
                    raw=True,
                )
            )
            block += [self.part("Packet Note", part, q) for part in more]
        if q.look_for:
            signals: list[Flowable] = []
            for n, signal in enumerate(q.look_for, start=1):
                box = self.checkbox(
                    f"{q.id}_look-for_{n}",
                    f"{self.say.label(q)} {say('look_for')}: {self.bank.flat(signal)}",
                )
                first, more = self.item(signal, q, self.box + 8)
                text = self.para("Packet Item", first, q, raw=True, leftIndent=0, firstLineIndent=0)
                # its box beside it, on the right of a signal that runs right to left
                beside = _Beside(self.box + 8, text, box, 3, self.frame_height, at_start=True)
                signals.append(beside)
                signals += more
            block += self.headed("look_for", signals)
        for number, source in enumerate(q.sources):
            label = self.bold(say("sources"), "Packet Source") + " " if number == 0 else ""
            text = self.text.markup(f"{source.title} \u2014 {source.url}", q)
            block.append(  # a link a PDF reader opens
                self.para("Packet Source", label + rich_markup.linked(text, source.url), raw=True)
            )
        # the label, the boxes and the anchors under them stay on one page
        rating = self.rating_row(q, q.anchors or (() if compact else self.reminder()))
        block.append(KeepTogether(rating))
        # compact: a question that does not fit the rest of a page moves to the next whole
        out += [_KeptWhole(opening + block)] if compact else opening + block
        least = self.theme.integer("compact_notes_lines" if compact else "notes_lines")
        # compact: the theme's few lines, as the DOCX's (a field scrolls, and the debrief
        # reads all it holds); else a line a minute, which its page's rest then fills
        lines = least if compact else max(least, q.planned_minutes)
        wanted = min(lines * self.line, self.frame_height * 0.8)
        out.append(self.notes_field(q, wanted, least * self.line, fill=not compact))
        out.append(Anchor(lambda _canvas: (self.advance(1), setattr(self, "_running", None))))
        return out

    def share_page(self, above: list[Flowable], headed: Flowable, shaded: _Shaded) -> None:
        """The pictures of what a strong answer covers (`shaded`, under its label in
        `headed`) on the question's page, with the words between them and all `above`
        them: each made smaller, all alike, down to rich.PICTURE_LEAST_SHARE of the page
        where they do not fit it so (rich.shared_heights), as in the booklet; two with a
        few words between them, or three in a row, took two pages; and the words after the
        last where they close the text."""
        drawn = [n for n, f in enumerate(shaded.content) if isinstance(f, _Picture)]
        if len(drawn) < 2:
            return
        width, page = self.width, self.frame_height
        used = sum(f.wrap(width, page)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in above)
        # to the last picture, and the words that close the text, as the booklet keeps them
        end = drawn[-1] + 1 if drawn[-1] + 2 < len(shaded.content) else len(shaded.content)
        shown, shaded.content = shaded.content, shaded.content[:end]
        used += headed.wrap(width, page)[1] + headed.getSpaceBefore()
        shaded.content = shown
        pictures = [shown[n] for n in drawn]
        heights = [picture.shown[1] for picture in pictures]
        room = page - used + sum(heights)
        shared = shared_heights(heights, room, PICTURE_LEAST_SHARE * page)
        for picture, height in zip(pictures, shared or (), strict=False):
            picture.tallest = height

    def headed(self, key: str, flowables: list[Flowable]) -> list[Flowable]:
        """`flowables` under the label of the words' `key`, which goes to the next page
        with the first of them rather than stay alone at a page's foot (a trial)."""
        label = self.para("Packet Label", self.say(key))
        return [_Headed(label, flowables[0]), *flowables[1:]]

    def rating_row(self, q: Question, anchors: Sequence[tuple[int, str]]) -> list[Flowable]:
        """The rating's label, a 'not rated' button at the end of its line; a cell per
        score (its radio button, the score, its label) and one for 'hint given'; under them
        what each score sounds like, the `anchors`: the question's, or on a page of its own
        the scale's short descriptions (reminder).

        'Not rated' is a button of the scores' group, the way back from a score chosen by
        mistake: no filler clears a chosen radio button (PDFium and pdf.js keep it on a
        second click, whatever NoToggleToOff says), and the debrief reads it as unrated."""
        say = self.say
        widths, small, span = self._rating_layout()
        levels = [
            (score_value(level.score), f"{level.score} {level.label}") for level in self.rubric
        ]
        choice = self.choice(
            f"{q.id}_rating",
            f"{self.say.label(q)} {say('rating')}",
            [(UNRATED, say("not_rated")), *levels],  # in the order they land
        )
        if self._not_rated is None:  # the same in every row: parsed once
            words = say("not_rated")
            style = self.styles["Packet Cell"]
            # a point in reserve: a line as wide as its room is broken
            room = pdf.runs_width(self.text.runs(words, style.fontName), style.fontSize) + 1
            self._not_rated = self.para("Packet Cell", words, textColor=self.color("muted")), room
        words, room = self._not_rated
        not_rated = _Beside(self.box + 6, words, choice.spot(self.box))
        head = _Ends(self.para("Packet Label", say("rating")), not_rated, self.box + 6 + room)
        if not self._rating_words:  # the same in every row: parsed once
            muted = self.color("muted")
            for level in self.rubric:
                score = self.para(
                    "Packet Cell",
                    self.bold(str(level.score), "Packet Cell"),
                    raw=True,
                    alignment=TA_CENTER,
                    **small,
                )
                label = self.para(
                    "Packet Cell", level.label, alignment=TA_CENTER, textColor=muted, **small
                )
                self._rating_words.append([score, label])
            hint = self.para("Packet Cell", say("hint_given"), alignment=TA_CENTER, **small)
            self._rating_words.append([hint])
        boxes: list[Flowable] = [choice.spot(self.box) for _ in self.rubric]
        boxes.append(
            self.checkbox(f"{q.id}_hint-given", f"{self.say.label(q)} {say('hint_given')}")
        )
        cells = [[box, *words] for box, words in zip(boxes, self._rating_words, strict=True)]
        out: list[Flowable] = [
            head,
            _Cells(widths, cells, self.color("rule"), self.color("section_shade")),
        ]
        if anchors:  # what an answer at each anchored score sounds like, a row each
            labels = {level.score: level.label for level in self.rubric}
            rows: list[list[Any]] = []
            for score, text in anchors:
                head = (
                    self.bold(str(score), "Packet Cell")
                    + "\u2002"
                    + self.text.markup(labels.get(score, ""))
                )
                rows.append(
                    [
                        self.para("Packet Cell", head, raw=True, **small),
                        *[""] * (span - 1),
                        self.para("Packet Cell", text, q),
                        *[""] * (len(widths) - span - 1),
                    ]
                )
            spans = [("SPAN", (0, n), (span - 1, n)) for n in range(len(rows))] if span > 1 else []
            out.append(
                self.table(
                    rows,
                    widths,
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, self.color("rule")),
                        *spans,
                        *[("SPAN", (span, n), (-1, n)) for n in range(len(rows))],
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ],
                )
            )
        return out

    def reminder(self) -> tuple[tuple[int, str], ...]:
        """The scale's descriptions where each takes a line of an anchor's cell
        (scale_reminder), measured once a packet."""
        if self._reminder is None:
            widths, _, span = self._rating_layout()
            room = sum(widths[span:]) - 12  # less reportlab's cell padding

            def lines(text: str) -> int:
                shown = self.para("Packet Cell", text)
                shown.wrap(room, self.frame_height)
                return len(shown.blPara.lines)

            self._reminder = scale_reminder(self.rubric, lines)
        return self._reminder

    def _rating_layout(self) -> tuple[list[float], dict[str, float], int]:
        """The rating row's columns (see rating_columns), its type's size and leading where
        they are scaled down (as a paragraph style's change), and how many columns an
        anchor's score and label span; measured once a packet."""
        if self._rating is None:
            style = self.styles["Packet Cell"]
            size = style.fontSize

            def widest(text: str, font: str) -> float:
                return self._widest(text, font, size)

            fonts = self.kit.fonts
            words = [
                max(widest(level.label, fonts.regular), widest(str(level.score), fonts.bold))
                for level in self.rubric
            ]
            words.append(widest(self.say("hint_given"), fonts.regular))
            hint_share = float(self.theme.columns["rating_hint"])
            # a point in reserve: a word as wide as its column is broken
            widths, scale = rating_columns(
                self.width, [w + 1 for w in words], self.box, 2 * _Cells.pad, hint_share
            )
            # the anchors' table has reportlab's cell padding: 6 points each side
            span = label_span(widths, (max(words[:-1]) + 1) * scale + 12)
            small = (
                {"fontSize": size * scale, "leading": style.leading * scale} if scale < 1 else {}
            )
            self._rating = widths, small, span
        return self._rating

    # -- the scorecard -----------------------------------------------------------------------

    def scorecard(self, questions: Sequence[Question]) -> list[Flowable]:
        say = self.say
        top = self.rubric[-1].score
        widths = self.columns(*self.theme.fractions("scorecard_columns"))
        rows: list[list[Any]] = [
            [self.cell(say(k), head=True) for k in ("plan_question", "question", "score")]
        ]
        extra: list[tuple] = []

        def out_of(n: int) -> Paragraph:
            muted = self.color("muted")
            return self.para(
                "Packet Cell", say("out_of", max=n), alignment=TA_RIGHT, textColor=muted
            )

        for section, members in by_section(questions):
            extra += [
                ("SPAN", (0, len(rows)), (2, len(rows))),
                ("BACKGROUND", (0, len(rows)), (2, len(rows)), self.color("section_shade")),
            ]
            rows.append([self.name_cell(section, members[0], head=True), "", ""])
            for q in members:
                short = self.text.fit(
                    one_line(plain(self.bank.opening(q.question))),
                    self.kit.fonts.regular,
                    self.theme.size("Packet Cell"),
                    widths[1] - 8,
                )
                # its code spans taken off (plain): the backticks left are its own
                literal = to_reportlab(short, self.kit.fonts.code, code=False)
                # in its section's language, a right-to-left one from the left (name_cell)
                markup = self.text.drawable(literal, q)
                shown = self.para("Packet Cell", markup, raw=True, label=True)
                rows.append([self.cell(self.say.label(q), head=True), shown, out_of(top)])
            extra.append(("SPAN", (0, len(rows)), (1, len(rows))))
            name = self.text.embedded(section, members[0])  # as its language runs it
            rows.append(
                [
                    self.cell(say("subtotal", section=name), head=True, align="right"),
                    "",
                    out_of(top * len(members)),
                ]
            )
        extra += [
            ("SPAN", (0, len(rows)), (1, len(rows))),
            ("BACKGROUND", (0, len(rows)), (-1, len(rows)), self.color("shade")),
        ]
        rows.append(
            [self.cell(say("total"), head=True, align="right"), "", out_of(top * len(questions))]
        )
        closing: list[Flowable] = [
            *self.recommendation(),
            self.para("Packet Label", say("evidence")),
        ]
        closing.append(
            self.text_area(
                "key-evidence", say("evidence"), self.theme.integer("evidence_lines") * self.line
            )
        )
        closing.append(Spacer(0, 8))
        widths_sign = self.columns(0.2, 0.45, 0.1, 0.25)
        sign = [
            self.cell(say("signature"), head=True),
            self.text_field("signature", say("signature")),
            self.cell(say("date"), head=True),
            # not 'Date' alone, as the interview's is, to a screen reader (a filling trial)
            self.text_field("signature-date", f"{say('signature')}: {say('date')}"),
        ]
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        closing.append(self.table([sign], widths_sign, commands, rowHeights=self.field_height))
        return [
            PageBreak(),
            self.para("Heading 1", say("scorecard")),
            # on screen the scores are read from the question pages (an older look: its own)
            self.para(
                "Normal",
                say(
                    "scorecard_intro_pdf"
                    if "scorecard_intro_pdf" in say.labels
                    else "scorecard_intro"
                ),
            ),
            *self.long_grid(widths, rows, extra),
            Spacer(0, 8),
            KeepTogether(closing),
        ]

    def recommendation(self) -> list[Flowable]:
        say = self.say
        options = say.recommendations
        values = [(recommendation_value(n, o), o) for n, o in enumerate(options, start=1)]
        choice = self.choice("recommendation", say.recommendation_title, values)
        cells = [
            [
                choice.spot(self.box),
                self.para(
                    "Packet Cell",
                    self.bold(option, "Packet Cell"),
                    raw=True,
                    alignment=TA_CENTER,
                ),
            ]
            for option in options
        ]
        table = self.grid(self.columns(*[1 / len(options)] * len(options)), [cells], head=False)
        heading = self.para("Heading 2", say.recommendation_title, leftIndent=0, firstLineIndent=0)
        return [heading, table]  # kept together by the caller: nested KeepTogethers break a page

    # -- the document ----------------------------------------------------------------------

    @property
    def frame_height(self) -> float:
        footer = self.theme.footer_distance / 20
        return self.page[1] - 2 * self.margin - max(0.0, footer - self.margin)

    def write(
        self,
        path: Path,
        story: list[Flowable],
        *,
        title: str,
        subject: str,
        footer: Callable[[str], str],
        properties: dict[str, str],
        timestamp: int,
    ) -> None:
        frame = pdf.frame(self.margin, self.margin, self.width, self.frame_height)
        info = pdf.document_info(self.bank, title, subject)
        say = self.say
        size = self.theme.size("Footer")
        fonts = self.kit.fonts

        def footer_text(canvas: FormCanvas, _doc: BaseDocTemplate) -> None:
            page = canvas.getPageNumber()
            y = self.theme.footer_distance / 20
            canvas.saveState()
            canvas.setFont(fonts.regular, size)
            canvas.setFillColor(self.color("muted"))
            # the width left of the page label at its widest ('Page 888 of 888'), a gap between
            widest = say.labels["page_of"].format(page=888, pages=888)
            room = self.width - canvas.stringWidth(widest) - 2 * size
            text = footer(title)
            if canvas.stringWidth(text) > room:
                # the bank's title gives way, not the candidate's name: printed pages part
                rest = canvas.stringWidth(footer(""))
                text = footer(canvas.fit(title, max(0.0, room - rest)))
            # the look's words run their own way around the title (in its place, its way)
            words = "RTL" if starts_right_to_left(footer("")) else "LTR"
            canvas.drawString(self.margin, y, canvas.fit(text, room), direction=words)
            font = TextFont(fonts.regular, size, self.color("muted"))
            canvas.draw_page_label(page, self.page[0] - self.margin, y, font)
            canvas.restoreState()

        def running_head(canvas: FormCanvas, _doc: BaseDocTemplate) -> None:
            if self._running is None:
                return
            # a look copied before the key: the booklet's own words for it
            words = say.labels.get("continued", "{label} (cont.)")
            canvas.saveState()
            canvas.setFont(fonts.bold, size)
            canvas.setFillColor(self.color("muted"))
            y = self.page[1] - self.theme.footer_distance / 20 - size
            canvas.drawString(
                self.margin, y, canvas.fit(words.format(label=self._running), self.width)
            )
            canvas.restoreState()

        def make_canvas(*args: Any, **kwargs: Any) -> FormCanvas:
            canvas = FormCanvas(*args, **kwargs)
            canvas.text_runs = self.text.runs  # the footer's title and candidate's name
            canvas.page_label = say.labels["page_of"]
            canvas.setDateFormatter(pdf.pdf_date(timestamp))
            identity = _IdentityInfo()
            identity.__dict__.update(canvas._doc.info.__dict__)
            identity.properties = properties
            canvas._doc.info = identity
            self.form = Form(
                canvas,
                Look(
                    border=self.color("muted"),
                    fill=HexColor("#ffffff"),
                    mark=self.color("accent"),
                    text=self.color("text"),
                    typing_font=self.typing_font,
                    value_font=fonts.regular,
                ),
            )
            return canvas

        doc = BaseDocTemplate(
            str(path),
            pagesize=self.page,
            pageTemplates=[
                PageTemplate("page", [frame], onPage=running_head, onPageEnd=footer_text)
            ],
            invariant=True,
            initialFontName=fonts.regular,
            **info,
        )
        doc.build(story, canvasmaker=make_canvas)
