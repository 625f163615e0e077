"""The PDF booklet, in two editions from one layout.

The study edition follows each question with its hint, note and look-for points; the
workshop handout follows it with ruled lines to write on and holds no hint, note or
look-for text anywhere in the file. Both have a cover, clickable contents, one part per
section, bookmarks, a running header and 'page X of Y' footers.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepInFrame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.doctemplate import LayoutError

from qbank.exporters import Exporter, Job, Option
from qbank.exporters.booklet.layout import Rows
from qbank.exporters.booklet.numbers import Anchor, KeptWithAnchor, LateNumberCanvas
from qbank.exporters.booklet.parts import (
    ContentsEntry,
    ContentsList,
    Progress,
    SectionTable,
    Styles,
    TextStyle,
    cover_stripe,
    load_words,
)
from qbank.exporters.booklet.questions import LABELS, QuestionBlocks, gutter_labels
from qbank.model import DEFAULT_MINUTES, Bank, Question, Section
from qbank.numbering import label_ranges, label_word, question_label
from qbank.paper import A4, PAPER, Paper
from qbank.pdf import (
    PRINTER_MARGIN,
    PdfText,
    Theme,
    document_info,
    frame,
    line_paragraphs,
    load_theme,
    pdf_date,
    print_sides,
    words_whole,
)
from qbank.reportlab_fixes import Paragraph
from qbank.rich import Table, walk
from qbank.rubric import scale_labels
from qbank.text import date_words, one_line, shorten, shows_nothing
from qbank.units import logo_size, mm

# more pages than a booklet's text could fill: a page a line of it, and a page a question,
# at the narrowest and tallest look (a question of 5,000 code lines makes some 70 pages)
PAGE_LIMIT_BASE = 50

_OUTLINE_TITLE_LENGTH = 90
_TOTAL_PAGES = "pages"


# the least share of its size that a cover's text is set at to keep it on one page
COVER_SHRINK = 0.75
# the least share of its size that a title (the cover's, a section's) is set at to keep each
# of its words on one line
TITLE_SHRINK = 0.6
# A section of this many questions or fewer opens on the page where the section before it
# ends, when that one is as short and this share of the page is left: 40 sections of a
# question each made a booklet of 46 pages, 40 of them nineteen-twentieths blank (a trial).
# Longer sections, and those after them, start a page of their own.
SHORT_SECTION = 3
RUN_ON_ROOM = 0.25


@dataclass(frozen=True)
class Edition:
    key: str  # the --edition value, and its table in templates/booklet/words.toml
    suffix: str  # the file is <bank>-<suffix>.pdf
    answers: bool  # hints, notes and look-for points are in the file
    # the key of the booklet's words whose how_to a bank not for interviews gets: one that
    # names interviewers (a lecturer's study booklet spoke of them); None: the edition's own
    learners_how_to: str | None = None
    named: str = ""  # what a message calls it

    def words_in(self, words: dict[str, Any], bank: Bank) -> dict[str, str]:
        """This edition's table of the booklet's `words`: title (cover, footer), noun (what
        the cover calls it), blurb (the cover's line and the PDF's subject; empty: the
        bank's description), how_to (under the contents: for learners where `bank` is not
        for interviews)"""
        if bank.for_interviews or self.learners_how_to is None:
            return words[self.key]
        return {**words[self.key], "how_to": words[self.learners_how_to]}


EDITIONS = (
    Edition(
        "study",
        "booklet",
        answers=True,
        learners_how_to="study_how_to_for_learners",
        named="the study booklet",
    ),
    Edition("workshop", "workshop", answers=False, named="the workshop handout"),
)


def build(job: Job, edition: str | None = None, paper: Paper = A4) -> list[Path]:
    written = []
    stacked = {}
    for booklet in _booklets(job, edition, paper):
        name = job.filename("pdf", booklet.edition.suffix)
        booklet.write(job.write(name))
        written.append(job.out_dir / name)
        stacked[booklet.edition.named] = booklet.questions.rich.stacked
    booklet.text.tell_stacked(stacked, paper)
    return written


def preflight(job: Job, edition: str | None = None, paper: Paper = A4) -> None:
    """What `build` would warn about, found without laying out a page: the booklet warns
    only of characters its fonts lack, and every text it sets is checked as an edition's
    story is made; the pages are never laid out or drawn (a sixth of the build's time)."""
    stacked = {}
    for booklet in _booklets(job, edition, paper):
        booklet.story()
        stacked[booklet.edition.named] = booklet.questions.rich.stacked
    booklet.text.tell_stacked(stacked, paper)


def _booklets(job: Job, edition: str | None, paper: Paper) -> Iterator[Booklet]:
    """The chosen editions (both when `edition` is None), sharing one glyph check, so each
    missing character is named once per question."""
    editions = [e for e in EDITIONS if edition in (None, e.key)]
    theme, words = load_theme(job.templates), load_words(job.templates)
    text = PdfText(theme, job.bank, job.warn)
    text.check_look(words, job.templates.path("booklet/words.toml"))
    progress = Progress(job.advance, len(job.bank.questions), len(editions))
    labels = scale_labels(job.bank, job.templates)
    for chosen in editions:
        yield Booklet(job.bank, chosen, theme, words, text, paper, progress, job.timestamp, labels)


def bank_date(bank: Bank, timestamp: int, words: dict[str, Any]) -> str:
    """'26 November 2026': the build's date, the same whatever the machine's locale; then
    'Facts checked 30 November 2026' when the bank says when its facts were reviewed."""
    shown = day_words(datetime.fromtimestamp(timestamp, tz=UTC).date(), words)
    if bank.reviewed:
        checked = words["facts_checked"].format(date=day_words(bank.reviewed, words))
        shown = f"{shown}  \u00b7  {checked}"
    return shown


def day_words(day: date, words: dict) -> str:
    return date_words(day, words["date"], words["months"])


class Booklet:
    """One edition of one bank, laid out in a single pass."""

    def __init__(
        self,
        bank: Bank,
        edition: Edition,
        theme: Theme,
        words: dict[str, Any],
        text: PdfText,
        paper: Paper,
        progress: Progress,
        timestamp: int,
        labels: Mapping[int, str] | None = None,  # the scale's, of the anchors' scores
    ) -> None:
        self.bank, self.edition, self.timestamp = bank, edition, timestamp
        self.theme, self.text, self.progress = theme, text, progress
        self.look = theme.table("booklet")
        self.words = words
        self.edition_words = edition.words_in(words, bank)
        # a blurb left blank, as ' ', is the bank's description, as '' is
        own = "" if shows_nothing(self.edition_words["blurb"]) else self.edition_words["blurb"]
        self.blurb = own or bank.description
        self.subject_blurb = own or bank.flat(bank.description or "")
        self.styles = Styles(theme)
        self.page_width, self.page_height = paper.size
        self.margins = {
            side: max(self.look[f"margin_{side}_mm"] * mm, PRINTER_MARGIN)
            for side in ("top", "bottom", "left", "right")
        }
        self.text_width = self.page_width - self.margins["left"] - self.margins["right"]
        if edition.answers:  # the handout has no labels in its gutter
            gutter_labels(self.styles, [words[key] for key in LABELS], text, self.text_width)
        self.colors = {s.name: theme.section_color(s) for s in bank.sections}
        self.frame_height = self.page_height - self.margins["top"] - self.margins["bottom"]
        # every text the booklet prints counts (a bank of many long look-for items, follow-
        # ups or sources passed the guard's count of question, hint and note alone, and a
        # section's description of 5,000 lines the guard's count of the questions' texts)
        texts = [bank.description or "", *(s.description or "" for s in bank.sections)]
        for q in bank.questions:
            texts += [q.question, q.hint, q.note or "", *q.look_for, *q.follow_ups]
            texts += [f"{s.title} {s.url}" for s in q.sources]
            texts += [text for _, text in q.anchors]
        lines = sum(t.count("\n") + 1 + len(t) // 40 for t in texts)  # generous: a page a line
        self.page_limit = PAGE_LIMIT_BASE + 2 * len(bank.questions) + lines
        self.questions = QuestionBlocks(
            self.styles,
            self.words,
            text,
            (self.text_width, self.frame_height),
            edition.answers,
            self.colors,
            self.mark_question,
            labels or {},
        )
        self.current_section: Section | None = None
        self.top_section: Section | None = None  # the section in at the top of the page
        self.opening_pages: set[int] = set()
        self.blank_pages: set[int] = set()  # the last, when the text ends on a right-hand page

    # -- the document --------------------------------------------------------------------

    def write(self, path: Path) -> None:
        body_frame = frame(
            self.margins["left"],
            self.margins["bottom"],
            self.text_width,
            self.frame_height,
        )
        cover_frame = frame(
            self.margins["left"],
            self.margins["bottom"] + self.cover_foot,
            self.text_width,
            self.frame_height - self.cover_foot,
        )
        doc = BaseDocTemplate(
            str(path),
            pagesize=(self.page_width, self.page_height),
            pageTemplates=[
                PageTemplate("cover", [cover_frame], onPageEnd=self.draw_cover_page),
                PageTemplate("body", [body_frame], onPageEnd=self.draw_furniture),
            ],
            invariant=True,
            initialFontName=self.theme.fonts.regular,  # else reportlab names Helvetica
            **document_info(
                self.bank,
                self.bank.title,
                # a Markdown description as its words: a subject shows no markup
                ": ".join(filter(None, (self.edition_words["title"], self.subject_blurb))),
            ),
        )
        doc.build(self.story(), canvasmaker=self.make_canvas)

    def make_canvas(self, *args, **kwargs) -> Canvas:
        canvas = LateNumberCanvas(*args, **kwargs)
        canvas.text_runs = self.text.runs  # the header's title and section name, the cover's
        canvas.setDateFormatter(pdf_date(self.timestamp))
        canvas.showOutline()
        print_sides(canvas, "long")  # its pages end even: a copy a sheet's both sides
        return canvas

    def story(self) -> list[Flowable]:
        # every page after the cover is a body page, also a cover's list that runs over
        story = [NextPageTemplate("body"), *self.cover(), PageBreak(), *self.contents()]
        short = [len(self.bank.questions_in(s)) <= SHORT_SECTION for s in self.bank.sections]
        for index, section in enumerate(self.bank.sections):
            opening = self.section_opening(index, section)
            room = functools.partial(self.room_under, opening)  # its first question's
            blocks = self.questions.blocks(self.bank.questions_in(section), room)
            if index and short[index] and short[index - 1]:
                # on under the section before, its opening kept with its first question
                story += [CondPageBreak(self.frame_height * RUN_ON_ROOM)]
                story += [KeptWithAnchor([*opening, *blocks[:1]]), *blocks[1:]]
            else:
                story += [PageBreak(), *opening, *blocks]
        return [*story, _EvenPages(lambda canvas: self.blank_pages.add(canvas.getPageNumber()))]

    def room_under(self, flowables: list[Flowable]) -> float:
        """The height a page's text column has under `flowables`."""
        room = self.frame_height
        for flowable in flowables:
            _, height = flowable.wrap(self.text_width, self.frame_height)
            room -= height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        return room

    # -- cover and contents ---------------------------------------------------------------

    @property
    def cover_foot(self) -> float:
        """The height at the cover's foot that its text stops above: what draw_cover_page
        draws there (the date, the rule, a handout's name line), so that a long title or
        description never runs over it."""
        look = self.look
        foot = look[
            "cover_rule_from_bottom_mm" if self.edition.answers else "cover_name_from_bottom_mm"
        ]
        return foot * mm + 2 * look["cover_entry_size"]

    def cover(self) -> list[Flowable]:
        """The cover's text on one page: a long description and many sections take the room
        of its drop from the top, then set a little smaller (the last section's row and
        the count stood alone on the next page: a print trial); a list too long for that
        shows the sections that fit and how many more the contents list (40 sections ran
        on to the next page, under no heading: a trial). Only a description too long for
        the cover runs over onto the next page."""
        room = self.frame_height - self.cover_foot
        width = self.text_width
        parts = self._cover_text()
        need = _height(parts, width, room)
        if need * COVER_SHRINK > room:
            table = parts[-1]
            heights = table.heights  # each row's, as the table was measured
            free = room - (need - table.height) - table.total_height - table.row_height
            shown = 0
            while shown < len(heights) and heights[shown] <= free:
                free -= heights[shown]
                shown += 1
            parts = self._cover_text(shown)
            need = _height(parts, width, room)
        drop = min(self.look["cover_drop_mm"] * mm, max(0.0, room - need))
        if need <= room:
            return [Spacer(0, drop), *parts]
        if need * COVER_SHRINK <= room:
            return [KeepInFrame(width, room, parts, mode="shrink")]
        return [Spacer(0, drop), *parts]

    def _cover_text(self, shown: int | None = None) -> list[Flowable]:
        """The cover's text, its list of sections the first `shown` (all when None), then a
        row of how many more."""
        s = self.styles
        parts: list[Flowable] = []
        if self.bank.organisation:
            organisation = self.text.markup(self.bank.organisation)
            parts.append(Paragraph(organisation, s.cover_organisation))
        parts += [
            self.paragraph(self.edition_words["title"].upper(), s.cover_kicker),
            self.title(
                self.text.markup(self.bank.title, font=s.cover_title.fontName),
                self.in_language(s.cover_title),
            ),
        ]
        if self.blurb == self.bank.description and self.blurb:
            parts += self.description(self.blurb, None, s.cover_description, s.cover_text)
        elif blurb := self.blurb:  # the look's words
            parts += line_paragraphs(self.text.markup(blurb), s.cover_description)
        counts = self.bank.section_counts()
        rows = [
            (
                self.colors[section.name],
                Paragraph(
                    self.text.markup(section.name, section=section),
                    self.in_language(s.cover_entry, section),
                ),
                _count(count, self.words),
            )
            for section, count in counts[:shown]
        ]
        if shown is not None and shown < len(counts):
            more = self.words["more_sections"].format(n=len(counts) - shown)
            left = sum(count for _, count in counts[shown:])
            muted = self.theme.color("light_rule")
            rows.append((muted, self.text.markup(more), _count(left, self.words)))
        in_this = self.words["in_this"].format(noun=self.edition_words["noun"].upper())
        parts += [
            Spacer(0, self.look["cover_title_size"]),
            self.paragraph(in_this, s.small_kicker),
            SectionTable(rows, _count(len(self.bank.questions), self.words), s),
        ]
        return parts

    def draw_cover_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        left, right = self.margins["left"], self.page_width - self.margins["right"]
        top = self.page_height - self.margins["top"]
        stripe = [(self.colors[sec.name], n) for sec, n in self.bank.section_counts()]
        cover_stripe(canvas, left, top, self.text_width, self.look["cover_stripe_height"], stripe)
        canvas.saveState()
        bottom = self.margins["bottom"]
        canvas.setFont(self.theme.fonts.regular, self.look["cover_entry_size"])
        canvas.setFillColor(self.theme.color("muted"))
        canvas.drawString(left, bottom, bank_date(self.bank, self.timestamp, self.words))
        canvas.drawRightString(right, bottom, self.edition_words["title"])
        look = self.look
        if not self.edition.answers:  # a handout says whose it is
            y = bottom + look["cover_name_from_bottom_mm"] * mm
            canvas.setFillColor(self.theme.color("text"))
            canvas.drawString(left, y, self.words["name"])
            canvas.setStrokeColor(self.theme.color("rule"))
            canvas.setLineWidth(look["line_width"])
            canvas.line(left + look["cover_name_line_start_mm"] * mm, y - 1, right, y - 1)
        canvas.setStrokeColor(self.theme.color("rule"))
        canvas.setLineWidth(look["hairline_width"])
        y = bottom + look["cover_rule_from_bottom_mm"] * mm
        canvas.line(left, y, right, y)
        if self.bank.logo is not None:  # top right, under the stripe
            logo = self.bank.logo
            width, height = logo_size(logo.width, logo.height, self.text_width)
            below = top - look["cover_stripe_height"] - 4 * mm - height
            image = ImageReader(io.BytesIO(logo.data))
            canvas.drawImage(image, right - width, below, width, height, mask="auto")
        canvas.restoreState()

    def contents(self) -> list[Flowable]:
        s = self.styles
        title = self.words["contents"]
        entries = [
            ContentsEntry(
                number=str(index + 1),
                name=Paragraph(
                    self.text.markup(section.name, section=section),
                    self.in_language(s.contents_name, section),
                ),
                detail=Paragraph(
                    self.section_detail(self.bank.questions_in(section)), s.contents_detail
                ),
                key=_section_key(index),
                color=self.colors[section.name],
                styles=s,
            )
            for index, section in enumerate(self.bank.sections)
        ]
        how_to = self.edition_words["how_to"]  # left blank: no such paragraph
        notes = []
        if not shows_nothing(how_to):
            notes.append(Paragraph(self.text.markup(how_to), s.contents_how_to))
        if any(q.minutes is None for q in self.bank.questions):
            # a study bank's learners have no interviewer packet to be told of
            note = "default_minutes_note"
            if not self.bank.for_interviews:
                note = "default_minutes_note_for_learners"
            rule = self.words[note].format(minutes=DEFAULT_MINUTES)
            notes.append(Paragraph(self.text.markup(rule), s.contents_how_to))
        continued = self.words["continued"].format(label=title)
        return [
            Anchor(lambda canvas: self.mark_contents(canvas, title)),
            self.paragraph(title, s.contents_title),
            ContentsList(entries, notes, lambda: self.paragraph(continued, s.contents_title)),
        ]

    def mark_contents(self, canvas: Canvas, title: str) -> None:
        canvas.bookmarkPage("contents")
        canvas.addOutlineEntry(title, "contents", level=0)

    # -- sections and questions -----------------------------------------------------------

    def in_language(self, style: ParagraphStyle, section: Section | None = None) -> ParagraphStyle:
        """`style` for a text of `section` (else the bank's, its title): a word of it wider
        than its column (a German name on the cover, in the contents, as a title too wide
        even set smaller) breaks where its language hyphenates it, with a hyphen shown,
        where it was cut at any letter (reportlab_fixes.Paragraph)."""
        language = self.text.language(section)
        return style.clone(f"{style.name}-{language}", hyphenation_language=language)

    def paragraph(self, text: str, style: ParagraphStyle) -> Paragraph:
        """`text`, the bank's or the look's, as a paragraph in `style`, each character in a
        font that draws it in the style's face."""
        return Paragraph(self.text.markup(text, font=style.fontName), style)

    def title(self, markup: str, style: ParagraphStyle) -> Paragraph:
        """A title of the cover or a section's opening, set smaller (down to TITLE_SHRINK of
        its size) where one of its words is wider than the page's text."""
        paragraph = Paragraph(markup, style)
        return words_whole(paragraph, self.text_width, style.fontSize * TITLE_SHRINK)

    def section_opening(self, index: int, section: Section) -> list[Flowable]:
        s = self.styles
        color = self.colors[section.name]
        kicker = self.words["part"].format(number=index + 1)
        kicker = self.text.markup(kicker, font=s.section_kicker.fontName)
        parts: list[Flowable] = [
            Anchor(lambda canvas: self.open_section(canvas, index, section)),
            Paragraph(f'<font color="{color.hexval()}">{kicker}</font>', s.section_kicker),
            self.title(
                self.text.markup(section.name, section=section, font=s.section_title.fontName),
                self.in_language(s.section_title, section),
            ),
            HRFlowable(
                width=self.look["section_rule_length_mm"] * mm,
                thickness=self.look["section_rule_width"],
                color=color,
                hAlign="LEFT",
                spaceBefore=2,
                spaceAfter=self.look["part_gap"] * 2,
            ),
        ]
        if section.description:
            parts += self.description(
                section.description, section, s.section_description, s.section_text
            )
        detail = self.section_detail(self.bank.questions_in(section))
        parts += [Paragraph(detail, s.section_detail), Spacer(0, self.look["part_gap"])]
        return parts

    def description(
        self, text: str, section: Section | None, style: ParagraphStyle, rich: TextStyle
    ) -> list[Flowable]:
        """The bank's description on the cover, or a section's under its title, in `style`.
        One with a picture (the schema the questions ask about) or a table is set as a
        question's text is, in `rich`, the picture drawn where the paragraph showed its alt
        text in brackets, the table as a question's (a paragraph's markup has none)."""
        tree = self.bank.rich_text(text)
        tables = tree is not None and any(isinstance(b, Table) for b in walk(tree.blocks))
        if tree is None or not (tree.pictures() or tables):
            return line_paragraphs(self.text.markup(text, section=section), style)
        language = self.text.language(section)
        rows = self.questions.rich.rows(tree.blocks, rich, [], 0.0, language)
        return [Rows(rows), Spacer(0, style.spaceAfter)]

    def section_detail(self, questions: tuple[Question, ...]) -> str:
        detail = [
            _count(len(questions), self.words),
            label_ranges([q.number for q in questions], label_word(self.words)),
        ]
        minutes = sum(q.planned_minutes for q in questions)
        detail.append(self.words["about_minutes"].format(minutes=minutes))
        if any(q.minutes is None for q in questions):
            detail[-1] += "*"
        return self.text.markup(" \u00b7 ".join(detail))

    def open_section(self, canvas: LateNumberCanvas, index: int, section: Section) -> None:
        page = canvas.getPageNumber()
        key = _section_key(index)
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(one_line(section.name), key, level=0)
        canvas.set_late_value(key, page)
        self.current_section = section
        if canvas._doctemplate.frame._atTop:  # a page that opens with it has no header
            self.opening_pages.add(page)

    def mark_question(self, canvas: Canvas, question: Question, top: float) -> None:
        key = f"question-{question.number}"
        canvas.bookmarkHorizontal(key, 0, top)
        title = shorten(one_line(self.bank.words(question.question)), _OUTLINE_TITLE_LENGTH)
        label = question_label(question.number, label_word(self.words))
        canvas.addOutlineEntry(f"{label} {title}", key, level=1)
        self.progress.step()

    # -- running header and footer -------------------------------------------------------

    def draw_furniture(self, canvas: LateNumberCanvas, doc: BaseDocTemplate) -> None:
        page = canvas.getPageNumber()
        if page in self.blank_pages:
            return
        if page > self.page_limit:
            # a part taller than the page, split for ever into empty pages: a look whose
            # lengths leave the text no room (the exporter says so under --templates)
            raise LayoutError(f"the booklet ran past {page - 1} pages, more than its text fills")
        look, fonts = self.look, self.theme.fonts
        left, right = self.margins["left"], self.page_width - self.margins["right"]
        canvas.saveState()
        # marked as a pagination artifact, so that screen readers and text extraction read a
        # hint that runs on to the next page without the header and footer in the middle
        canvas.addLiteral("/Artifact <</Type /Pagination>> BDC")
        canvas.setFont(fonts.regular, look["furniture_size"])
        canvas.setFillColor(self.theme.color("muted"))
        if page not in self.opening_pages:
            y = self.page_height - look["header_from_edge_mm"] * mm
            section = self.top_section  # the one the page starts in
            size = look["furniture_size"]
            section_width = 0.0
            if section is not None:
                canvas.setFillColor(self.colors[section.name])
                canvas.setFont(fonts.bold, size)
                name = canvas.fit(one_line(section.name), self.text_width / 2)
                canvas.drawRightString(right, y, name, direction=self.text.direction(section))
                section_width = canvas.stringWidth(name) + look["header_gap_mm"] * mm
                canvas.setFillColor(self.theme.color("muted"))
                canvas.setFont(fonts.regular, size)
            title = one_line(self.bank.title)
            title = canvas.fit(title, self.text_width - section_width)
            canvas.drawString(left, y, title, direction=self.text.direction())
            canvas.setStrokeColor(self.theme.color("light_rule"))
            canvas.setLineWidth(look["hairline_width"])
            canvas.line(left, y - 4, right, y - 4)
        y = look["footer_from_edge_mm"] * mm
        label = self.words["page_of"].format(page=page)
        furniture, edition = self.styles.furniture, self.edition_words["title"]
        if page % 2:  # a right-hand page printed on both sides: its number at the outer edge
            canvas.draw_late_number(_TOTAL_PAGES, right, y, furniture, "right", before=label)
            canvas.drawString(left, y, edition)
        else:
            canvas.drawString(left, y, label)
            canvas.draw_late_number(_TOTAL_PAGES, left + canvas.stringWidth(label), y, furniture)
            canvas.drawRightString(right, y, edition)
        canvas.addLiteral("EMC")
        canvas.restoreState()
        canvas.set_late_value(_TOTAL_PAGES, page)
        self.top_section = self.current_section


class _EvenPages(Flowable):
    """The story's end: after an odd number of pages, one blank page (`on_blank(canvas)`
    is called on it), so that copies printed on both sides never share a sheet: the next
    copy's cover printed on the back of this one's last page (a print shop's trial)."""

    _ZEROSIZE = 1

    def __init__(self, on_blank) -> None:
        super().__init__()
        self.on_blank = on_blank
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.canv.getPageNumber() % 2:
            frame = self._doctemplateAttr("frame")
            frame.add_generated_content(PageBreak(), Anchor(self.on_blank))
        return 0, 0

    def draw(self) -> None:
        pass


def _height(parts: list[Flowable], width: float, room: float) -> float:
    """The height of `parts` one under another, with the spaces between them."""
    return sum(f.wrap(width, room)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in parts)


def _section_key(index: int) -> str:
    return f"section-{index + 1}"


def _count(n: int, words: dict[str, Any]) -> str:
    return words["one_question" if n == 1 else "questions"].format(n=n)


EXPORTER = Exporter(
    name="booklet",
    cost=2.0,
    look=("theme.toml", "booklet/words.toml", "packet/rubric.toml"),
    summary="PDF booklets: a study edition with hints and a workshop handout without.",
    build=build,
    preflight=preflight,
    options=(
        Option(
            "edition",
            choices=tuple(e.key for e in EDITIONS),
            help="Build only this edition (default: both).",
        ),
        PAPER,
    ),
)
