"""The booklet's question blocks: a question with its hint, note and look-for points (study
edition), or with lines to write on (workshop handout).

Each question is one `Rows` block. Its heading rows keep with the row after them, so a
question never ends a page alone: it brings at least the first lines of its hint (which
keeps its first two lines together), or all of its writing lines, which belong together;
in the study edition, a question that shows a picture may end a page without its hint
where it would otherwise move whole and leave the page more blank than the look allows.
Its parts (hint, how it is rated, follow-ups, note, look-for list) each hold together as
their own rules say, but a page may break between them: chains of parts kept with the next
moved whole and left pages two-thirds empty. A reference or two keep with what is above.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from qbank import text as textkit
from qbank.direction import runs_right_to_left
from qbank.exporters.booklet.layout import (
    LEAST_LINES_CARRIED,
    Breaking,
    Piece,
    Row,
    Rows,
    TextFont,
    Typesetter,
    keep_together,
    ruled_rows,
    text_rows,
)
from qbank.exporters.booklet.parts import BULLET, Styles, TextStyle
from qbank.exporters.booklet.richtext import RichRows
from qbank.model import Question
from qbank.numbering import label_word, question_label
from qbank.pdf import PdfText
from qbank.rich import PICTURE_LEAST_SHARE, Span, shared_heights
from qbank.rich import Paragraph as TextParagraph
from qbank.units import mm

Marker = Callable[[Canvas, Question, float], None]
GUTTER_GAP = 2 * mm  # the least room between a gutter label and the text column
LABEL_MIN_SIZE = 6.0  # the gutter labels set smaller for a long word, down to this size (pt)
GUTTER_MOST = 0.2  # the share of the page's text width a gutter widens to for a label's word
LABELS = ("hint", "rated", "follow_ups", "note", "look_for", "sources")  # words.toml's keys
SOURCES_KEPT = 3  # rows of references that keep with what comes before them


def gutter_labels(styles: Styles, labels: Sequence[str], text: PdfText, width: float) -> None:
    """Sets `styles`' label font and gutter for `labels`, the gutter labels of a page
    `width` wide. A label breaks between its words only, and all are set at one size: the
    look's, or smaller so that the longest word (or what of Chinese may not break) fits
    the look's gutter, down to LABEL_MIN_SIZE; past that the gutter widens to hold the
    word, up to GUTTER_MOST of the page's text width. A gutter wider for all of the
    booklet keeps the labels at one place and size on every page; only a label with a
    word no such gutter holds is set above its part (`labelled`). A word shrunk alone and
    cut with a hyphen read 'ДОПОЛНИТЕЛЬН-' / 'ЫЕ' small over 'ВОПРОСЫ' full size (a
    review)."""
    font = styles.label
    floor = min(LABEL_MIN_SIZE, font.size)
    most = max(styles.gutter, width * GUTTER_MOST) - GUTTER_GAP

    def measure(word: str) -> float:  # at the look's size, in the fonts that draw it
        return sum(stringWidth(t, name, font.size) for t, name in text.runs(word, font.name))

    words = [p for label in labels for w in label.split() for p in textkit.cjk_segments(w)]
    held = [w for w in map(measure, words) if w * floor / font.size <= most]
    widest = max(held, default=0.0)
    room = styles.gutter - GUTTER_GAP
    if widest <= room:
        return
    size = math.floor(max(floor, font.size * room / widest) * 100) / 100
    styles.label = replace(font, size=size)
    styles.gutter = max(styles.gutter, widest * size / font.size + GUTTER_GAP)


class QuestionBlocks:
    """Sets questions in the text column of one edition."""

    def __init__(
        self,
        styles: Styles,
        words: dict[str, Any],
        text: PdfText,
        column: tuple[float, float],
        answers: bool,
        colors: dict[str, Color],
        mark: Marker,
        labels: Mapping[int, str] | None = None,
    ) -> None:
        self.styles = styles
        self.look = styles.look
        self.words = words
        self.text = text
        self.width, self.page = column  # the text column's width and height
        self.max_blank = self.page * self.look["move_whole_max_blank"]
        self.answers = answers
        self.colors = colors
        self.mark = mark  # called where a question lands: bookmark, outline, progress
        self.labels = labels or {}  # each score's label on the scale, beside its anchor
        self.typesetter = Typesetter()
        self._variants: dict[tuple[TextFont, str], TextFont] = {}  # by face
        self.rich = RichRows(
            styles, text.theme.fonts, self.typesetter, self.width, self.page, self.drawable
        )

    def blocks(
        self, questions: Sequence[Question], first_room: Callable[[], float] | None = None
    ) -> list[Flowable]:
        """The questions of one section, in order. In the workshop handout each question
        has the writing lines of its minutes, the last on a page too: lines that ran on to
        the foot of the page would tell a participant to write more than the time allows.
        `first_room`: the height the first has on its page, under its section's opening
        (measured only for a question whose pictures share its page)."""
        return [
            self.block(q, last=q is questions[-1], room=first_room if n == 0 else None)
            for n, q in enumerate(questions)
        ]

    def block(
        self, question: Question, last: bool = False, room: Callable[[], float] | None = None
    ) -> Rows:
        """One question; the `last` of its section moves whole to the next page whenever
        it fits there, so that no tail of it stands alone before the next section. `room`:
        the height it has on its page (a page's when None), for its pictures (share_page)."""
        s = self.styles
        color = self.colors[question.section]
        number = [(0.0, s.number(color), self.label(question))]
        head = self.paragraph(
            question.question, s.question, question, number, after_opening=self.meta(question)
        )
        head[0].space_before = self.look["question_gap"]
        head[0].anchor = lambda canvas, top: self.mark(canvas, question, top)
        # the first of a section (`room` given) stays with the section's opening, split
        # where it must: moved whole, it left the opening alone on its page
        max_blank = self.page if last and room is None else self.max_blank
        breaking = Breaking(self.page, max_blank, lambda: self.continued(question, color))
        # the heading is kept whole, but one longer than a page (a long table in the
        # question's text): it breaks between its table's rows, the header drawn again
        # (Row.repeat), as a hint's table does, where it was cut wherever the page ended
        tall = sum(row.space_before + row.height for row in head) > self.page
        for row, following in zip(head, [*head[1:], None], strict=True):
            if not (tall and following is not None and following.repeat):
                row.keep = True
        if not self.answers:
            lines = self.writing_lines(question)
            if room is None:
                self.share_page(head, 0)
                return Rows(head + lines, breaking)
            for row in lines[LEAST_LINES_CARRIED:]:  # its lines go on over the page
                row.keep = False
            rows = head + lines
            self.share_page(rows, 0, room)  # with the few lines kept with it
            return Rows(rows, breaking)
        self.share_page(head, 0, room)
        # a question that shows a picture is more than a heading: it may end a page, its
        # hint going on on the next, rather than move whole and leave most of this page
        # blank (its picture kept with the hint's, which kept its own: a print trial)
        head[-1].loose = any(row.picture is not None for row in head)
        rows = head + self.part(self.words["hint"], question.hint, s.body, question)
        self.share_page(rows, len(head), room)
        if question.anchors:
            rows += self.anchors(question, color)
        if question.follow_ups:  # before the note, which may speak of them
            rows += self.bullets(self.words["follow_ups"], question.follow_ups, question, color)
        if question.note:
            at = len(rows)
            rows += self.part(self.words["note"], question.note, s.note, question)
            self.share_page(rows, at, room)
        if question.look_for:
            rows += self.bullets(self.words["look_for"], question.look_for, question, color)
        if question.sources:
            sources = self.sources(question)
            # a reference or two never stand alone at the top of a page
            rows[-1].keep = len(sources) <= SOURCES_KEPT
            rows += sources
        return Rows(rows, breaking)

    def share_page(
        self, rows: list[Row], part: int, room: Callable[[], float] | None = None
    ) -> None:
        """The pictures of one text of a question (`rows` from index `part` on) on one
        page, with the words between them and what keeps with them (the words that
        introduce the first, and the question's heading where it keeps with them): each
        made smaller for all of it to fit a page, or the `room` its heading has under its
        section's opening (rich.shared_heights), and held together. Pictures that fit no
        page even at their least (rich.PICTURE_LEAST_SHARE) keep their size and may part;
        so may the question's and the hint's (a page may end between them). One picture
        is made smaller so too, as a card's is: a section's first question, its hint's
        tall picture kept with the words before it, moved whole to the next page and left
        the section's opening alone on its page (a programming teacher's trial)."""
        drawn = [i for i in range(part, len(rows)) if rows[i].picture is not None]
        if not drawn:
            return
        start, end = drawn[0], drawn[-1] + 1
        while start > 0 and rows[start - 1].keep and not rows[start - 1].loose:
            start -= 1
        while end < len(rows) and rows[end - 1].keep:
            end += 1
        span = rows[start:end]
        if start:  # under 'Q1 (cont.)' on a page of its own
            height = self.page - self.styles.meta.leading
        elif room is not None:  # under its section's opening, the space before it too
            height = room() - rows[0].space_before
        else:
            height = self.page
        heights = [row.height for row in span if row.picture is not None]
        text = sum(r.space_before + r.height for r in span) - span[0].space_before - sum(heights)
        shared = shared_heights(heights, height - text, PICTURE_LEAST_SHARE * self.page)
        if shared is None:
            return
        pictures = (row for row in span if row.picture is not None)
        for row, height in zip(pictures, shared, strict=True):
            picture, x, width = row.picture
            row.picture = (picture, x, width * height / row.height)
            row.baseline = min(row.baseline, height)
            row.height = height
        keep_together(span)

    def meta(self, question: Question) -> list[Row]:
        """The rows of a question's tags and minutes ('theory \u00b7 8 min'), none without."""
        meta = list(question.tags)
        if question.minutes:
            meta.append(self.words["minutes"].format(minutes=question.minutes))
        if not meta:
            return []
        return self.paragraph(" \u00b7 ".join(meta), self.styles.meta, question, code=False)

    def label(self, question: Question) -> str:
        """'Q15', in the look's word."""
        return question_label(question.number, label_word(self.words))

    def continued(self, question: Question, color: Color) -> Row:
        """The row that heads the part of a question on the next page: 'Q15 (cont.)'."""
        label = self.words["continued"].format(label=self.label(question))
        leading = self.styles.meta.leading
        pieces = [(0.0, self.styles.continued(color), label)]
        return Row(leading, leading * 0.75, pieces, keep=True, artifact=True)

    def paragraph(
        self,
        text: str,
        style: TextStyle,
        question: Question,
        label: list[Piece] | None = None,
        indent: float | None = None,
        code: bool = True,
        lead: str = "",
        link: str | None = None,
        right: float = 0.0,
        after_opening: list[Row] | None = None,
    ) -> list[Row]:
        """Rows of bank text in the text column (code spans in monospace unless `code` is
        false); `label` goes in the gutter beside the first line, and `lead`, words of the
        look ('Exceptional'), in bold before the text; all of it a link to `link`, if given.
        `right`: the room kept free at the column's right (a right-to-left point's bullet).
        `after_opening`: rows set under the text's first words, before the picture, code
        block, table or list after them (RichRows.rows); after the text when it has none."""
        self.text.check(text, question)
        indent = self.styles.gutter if indent is None else indent
        language = self.text.bank.language_of(question.section)  # French keeps 'mot ?' whole
        tree = self.text.bank.rich_text(text) if code else None
        if tree is not None:  # a Markdown bank's text: its tree
            blocks = tree.blocks
            if lead:
                bold = Span(f"{lead} \u00b7 ", strong=True)
                if blocks and isinstance(blocks[0], TextParagraph):
                    blocks = (TextParagraph((bold, *blocks[0].spans)), *blocks[1:])
                else:
                    blocks = (TextParagraph((Span(lead, strong=True),)), *blocks)
            with self.rich.narrowed(right):
                return self.rich.rows(blocks, style, label or [], indent, language, after_opening)
        if code:
            runs = [(r.text, style.code if r.code else style.plain) for r in textkit.runs(text)]
        else:
            runs = [(text, style.plain if link is None else replace(style.plain, link=link))]
        if lead:
            bold = self.variant(style.plain, self.text.theme.fonts.bold)
            runs.insert(0, (f"{lead} \u00b7 ", bold))
        mark = self.rich.continued(style)
        width = self.width - right
        lines = self.typesetter.lines(self.drawable(runs), width, indent, language, mark)
        return text_rows(lines, style.leading, style.size, label or []) + (after_opening or [])

    def drawable(self, runs: list[tuple[str, TextFont]]) -> list[tuple[str, TextFont]]:
        """The runs with each character the font lacks in a fallback font (glyphs.py)."""
        drawn: list[tuple[str, TextFont]] = []
        for text, font in runs:
            for part, name in self.text.runs(text, font.name):
                drawn.append((part, font if name == font.name else self.variant(font, name)))
        return drawn

    def variant(self, font: TextFont, name: str) -> TextFont:
        """`font` in another face, one object per face (the typesetter joins runs of one
        font object into a piece)."""
        key = (font, name)
        found = self._variants.get(key)
        if found is None:
            found = self._variants[key] = replace(font, name=name)
        return found

    def part(self, label: str, text: str, style: TextStyle, question: Question) -> list[Row]:
        rows = self.paragraph(text, style, question)
        rows[0].space_before = self.look["part_gap"]
        return self.labelled(rows, label)

    def labelled(self, rows: list[Row], label: str) -> list[Row]:
        """`rows` with `label` in the gutter beside them: on the first row when it fits
        the gutter, else broken between its words (Chinese between its characters) over
        the first rows (held on one page, with blank rows added under text shorter than
        the label), in the labels' one font (see `gutter_labels`); above them when a word
        is wider than the gutter. A label of one's own words ('RESPUESTA ORIENTATIVA') ran
        into the text."""
        font = self.styles.label
        room = self.styles.gutter - GUTTER_GAP

        def measure(text: str) -> float:  # in the fonts that draw it
            return sum(self.typesetter.measure(t, f) for t, f in self.drawable([(text, font)]))

        pieces = [p for word in label.split() for p in textkit.cjk_segments(word)]
        if any(measure(piece) > room for piece in pieces):
            return self.headed(rows, label)
        lines: list[str] = []
        for word in label.split():
            if lines and measure(f"{lines[-1]} {word}") <= room:
                lines[-1] += f" {word}"
            else:
                lines.append(word)
        if not lines:
            return rows
        set_lines: list[str] = []
        for line in lines:
            while measure(line) > room:  # Chinese and Japanese, where a line may break
                ends = itertools.accumulate(map(len, textkit.cjk_segments(line)))
                cut = [end for end in ends if measure(line[:end]) <= room][-1]
                set_lines.append(line[:cut])
                line = line[cut:]
            set_lines.append(line)
        if len(set_lines) > len(rows):  # more lines than the text beside it: blank rows
            leading = self.styles.body.leading
            baseline = leading / 2 + 0.3 * self.styles.body.size
            rows += [Row(leading, baseline) for _ in range(len(set_lines) - len(rows))]
        label_lines: list[tuple[Piece, ...]] = []
        for row, line in zip(rows, set_lines, strict=False):
            x, pieces = 0.0, []
            for text, face in self.drawable([(line, font)]):  # Chinese in its fallback font
                pieces.append((x, face, text))
                x += self.typesetter.measure(text, face)
            row.pieces[:0] = pieces
            label_lines.append(tuple(pieces))
        for row in rows[: len(set_lines) - 1]:
            row.keep = True
        part = tuple(label_lines)
        for row in rows[len(set_lines) :]:  # shown again where the part goes on after a break
            row.part = part
        return rows

    def headed(self, rows: list[Row], label: str) -> list[Row]:
        """`rows` under `label`, set across the column in the labels' font: a label with
        a word too wide for any gutter (see `gutter_labels`), which a gutter showed cut
        ('BEWERTUNGSGESICHTSPUN-' over 'KTE')."""
        leading = self.styles.meta.leading
        runs = self.drawable([(label, self.styles.label)])
        lines = self.typesetter.lines(runs, self.width)
        head = text_rows(lines, leading, self.styles.label.size)
        head[0].space_before, rows[0].space_before = rows[0].space_before, 0
        keep_together([*head, rows[0]])
        return [*head, *rows]

    def bullets(
        self, title: str, points: Sequence[str], question: Question, color: Color
    ) -> list[Row]:
        """A list of the question's (look-for points, follow-ups), `title` in the gutter."""
        s = self.styles
        items = []
        # in a font that has it: a look's bold without one drew a box (a review)
        ((bullet, font),) = self.drawable([(BULLET, s.bullet(color))])
        language = self.text.bank.language_of(question.section)
        for point in points:
            if runs_right_to_left(point, language):  # its bullet on the right, beside it
                label = [(self.width - self.typesetter.measure(bullet, font), font, bullet)]
                made = self.paragraph(
                    point, s.body, question, label, indent=s.gutter, right=s.bullet_width
                )
            else:
                label = [(s.gutter, font, bullet)]
                indent = s.gutter + s.bullet_width
                made = self.paragraph(point, s.body, question, label, indent=indent)
            items.append(made)
        items[0][0].space_before = self.look["part_gap"]
        rows = [row for item in items for row in item]
        keep_together(rows)  # a list longer than a page still splits (see Rows)
        return self.labelled(rows, title)

    def anchors(self, question: Question, color: Color) -> list[Row]:
        """How answers are rated: each anchor the bank gives, its score as the bullet."""
        s = self.styles
        rows = self.paragraph(self.words["rated_intro"], s.meta, question, code=False)
        rows[0].space_before = self.look["part_gap"]
        top = max(score for score, _ in question.anchors)
        bullet = s.bullet(color)
        room = stringWidth(f"{top}  ", bullet.name, bullet.size)
        language = self.text.bank.language_of(question.section)
        for score, text in question.anchors:
            label = self.labels.get(score, "")
            if runs_right_to_left(text, language):  # its score on the right, beside it
                at = self.width - stringWidth(str(score), bullet.name, bullet.size)
                number = [(at, bullet, str(score))]
                rows += self.paragraph(
                    text, s.body, question, number, indent=s.gutter, lead=label, right=room
                )
            else:
                number = [(s.gutter, bullet, str(score))]
                rows += self.paragraph(
                    text, s.body, question, number, indent=s.gutter + room, lead=label
                )
        keep_together(rows)
        return self.labelled(rows, self.words["rated"])

    def sources(self, question: Question) -> list[Row]:
        """The references, one a paragraph: 'Title - https://...', in the note's small type."""
        s = self.styles
        rows: list[Row] = []
        for source in question.sources:
            text = f"{source.title} \u2014 {source.url}"
            rows += self.paragraph(text, s.note, question, code=False, link=source.url)
        rows[0].space_before = self.look["part_gap"]
        keep_together(rows)
        return self.labelled(rows, self.words["sources"])

    def writing_lines(self, question: Question) -> list[Row]:
        """More lines for questions that take more minutes; all on one page if they fit."""
        look = self.look
        if question.minutes:
            count = look["lines_base"] + look["lines_per_minute"] * question.minutes
        else:
            count = look["lines_without_minutes"]
        rows = ruled_rows(
            min(count, look["lines_max"]),
            look["line_spacing_mm"] * mm,
            self.styles.lines,
            look["line_width"],
            self.styles.gutter,
        )
        rows[0].space_before = look["part_gap"]
        keep_together(rows)
        return rows
