"""The booklet's styles, and the pieces its cover and contents are drawn with.

Every size, colour and font comes from the theme: templates/theme.toml, [booklet], [fonts]
and [colors]; every word from templates/booklet/words.toml.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak

from qbank import look
from qbank.exporters.booklet.layout import TextFont
from qbank.look import SIZE, TEXT, WHOLE, FontFile, Number, Table, numbers, words
from qbank.numbering import LABEL_KEY
from qbank.paths import Templates
from qbank.pdf import HEADING_FONT, Theme, paragraph_style
from qbank.reportlab_fixes import Paragraph
from qbank.units import mm

BULLET = "\u2022"
ENTRIES_KEPT = 2  # contents entries that go on together to a new page, where one would alone


# The keys of the booklet's look, which this package reads: its table of the shared theme
# and its words.
BOOKLET_THEME = Table(
    {
        # lengths that leave the page room for the booklet at every value they may take
        **numbers(
            "margin_top_mm margin_bottom_mm margin_left_mm margin_right_mm "
            "header_from_edge_mm footer_from_edge_mm",
            Number(high=50),
        ),
        "gutter_mm": Number(high=30),
        "cover_drop_mm": Number(high=100),
        "line_spacing_mm": Number(high=20),
        **numbers(
            "section_rule_length_mm header_gap_mm "
            "cover_rule_from_bottom_mm cover_name_from_bottom_mm "
            "cover_name_line_start_mm cover_count_width_mm contents_page_width_mm "
            "question_gap part_gap cover_stripe_height cover_row_padding "
            "contents_row_padding section_rule_width line_width hairline_width "
            "lines_per_minute"
        ),
        **numbers(
            "furniture_size body_size body_leading question_size question_leading "
            "label_size meta_size meta_leading note_size note_leading "
            "cover_kicker_size cover_title_size cover_title_leading "
            "cover_description_size cover_description_leading cover_entry_size "
            "contents_title_size contents_entry_size section_kicker_size "
            "section_title_size section_title_leading section_description_size "
            "section_description_leading",
            SIZE,
        ),
        **numbers("lines_base lines_without_minutes lines_max", WHOLE),
        "move_whole_max_blank": Number(high=1),
        # the cover's, the contents' and each section's title and the questions: the bold
        # face when none is named (pdf.load_theme registers it as [fonts]' faces are)
        HEADING_FONT: FontFile(own=True),
    },
    optional=frozenset({HEADING_FONT}),
)

# the words a look's file from before they were added may lack: the built-in look's stand
# in. A look copied two days before 'rated' was added was refused whole (a brand trial).
LATER_WORDS = (
    "more_sections",
    LABEL_KEY,
    "follow_ups",
    "rated",
    "rated_intro",
    "sources",
    "facts_checked",
    "default_minutes_note",
    "default_minutes_note_for_learners",
    "study_how_to_for_learners",
)
# a blank blurb is the bank's description (Edition.words_in); a blank how_to leaves its
# paragraph out (a handout whose teacher says how in the room: it built so before blanks
# were refused)
EDITION = Table(
    {"title": TEXT, "noun": TEXT, "blurb": look.TEXT_OR_BLANK, "how_to": look.TEXT_OR_BLANK}
)
BOOKLET_WORDS = Table(
    {
        **words(
            """
            contents
            part: number
            in_this: noun
            more_sections: n
            hint
            follow_ups
            note
            look_for
            rated
            rated_intro
            sources
            continued: label
            one_question: n
            questions: n
            minutes: minutes
            about_minutes: minutes
            default_minutes_note: minutes
            default_minutes_note_for_learners: minutes
            page_of: page
            name
            date: day month year
            facts_checked: date
            """
        ).keys,
        LABEL_KEY: look.LABEL_WORD,
        # a top-level key, as an edition's table takes no later keys: blank, no paragraph
        "study_how_to_for_learners": look.TEXT_OR_BLANK,
        # January to December: one more at the start shifted every date by a month
        "months": look.MONTHS,
        "study": EDITION,
        "workshop": EDITION,
    },
    later=frozenset(LATER_WORDS),  # a look of an earlier version
)

look.declare_theme_table("booklet", BOOKLET_THEME)
look.declare("booklet/words.toml", BOOKLET_WORDS)


def load_words(templates: Templates | None = None) -> dict[str, Any]:
    """The words the booklet prints around bank text: booklet/words.toml of a build's look
    (`templates`; the built-in look when none is given)."""
    own = look.values("booklet/words.toml", templates or Templates())
    return look.with_later("booklet/words.toml", own, LATER_WORDS)


LINES = ("kicker", "title", "description")  # of the cover and of a section's opening


class Styles:
    """The booklet's styles, made once per build from the theme: paragraph styles for the
    cover, contents and section openings; text styles for the questions."""

    def __init__(self, theme: Theme) -> None:
        look = theme.table("booklet")
        fonts = theme.fonts
        self.theme = theme
        self.look = look
        self.gutter = look["gutter_mm"] * mm
        text, muted = theme.color("text"), theme.color("muted")

        def style(name: str, size: float, leading: float, **extra) -> ParagraphStyle:
            extra.setdefault("fontName", fonts.regular)
            extra.setdefault("textColor", text)
            return paragraph_style(name, fontSize=size, leading=leading, alignment=TA_LEFT, **extra)

        def opening(part: str, spaces: Sequence[float], kicker: dict, description: dict) -> list:
            """The kicker, title and description styles of the cover or a section's opening:
            [booklet] {part}_kicker_size, {part}_title_size and _leading, and so on."""
            kicker_size = look[f"{part}_kicker_size"]
            sizes = [(kicker_size, kicker_size * 1.4)]
            sizes += [(look[f"{part}_{w}_size"], look[f"{part}_{w}_leading"]) for w in LINES[1:]]
            # a right-to-left title starts at the left, under its kicker, as others do
            title = {"fontName": fonts.heading, "label": True}
            extras = ({"fontName": fonts.bold} | kicker, title, description)
            return [
                style(f"{part}-{what}", size, leading, spaceAfter=space, **extra)
                for what, (size, leading), space, extra in zip(
                    LINES, sizes, spaces, extras, strict=True
                )
            ]

        body, body_leading = look["body_size"], look["body_leading"]
        meta, meta_leading = look["meta_size"], look["meta_leading"]
        self.cover_kicker, self.cover_title, self.cover_description = opening(
            "cover", (10, 14, 0), {"textColor": theme.color("accent")}, {"textColor": muted}
        )
        # whose the booklet is: a right-to-left name starts at the left, over the kicker
        self.cover_organisation = self.cover_description.clone("cover-organisation", label=True)
        # a right-to-left name starts by its colour mark, where a left-to-right one does
        self.cover_entry = style("cover-entry", look["cover_entry_size"], body_leading, label=True)
        self.cover_total = style(
            "cover-total", look["cover_entry_size"], body_leading, fontName=fonts.bold
        )
        self.small_kicker = style(
            "small-kicker", meta, meta_leading, fontName=fonts.bold, textColor=muted, spaceAfter=6
        )
        self.contents_title = style(
            "contents-title",
            look["contents_title_size"],
            look["contents_title_size"] * 1.25,
            fontName=fonts.heading,
            spaceAfter=look["contents_title_size"],
        )
        # a right-to-left name starts by its number, where a left-to-right one does
        self.contents_name = style(
            "contents-name",
            look["contents_entry_size"],
            look["contents_entry_size"] * 1.3,
            label=True,
        )
        self.contents_detail = style("contents-detail", meta, meta_leading, textColor=muted)
        self.contents_how_to = style(
            "contents-how-to",
            look["note_size"],
            look["note_leading"],
            textColor=muted,
            spaceBefore=look["question_gap"] * 1.5,
        )
        # a section that runs on under the one before stands off from it (at a page's top
        # a space before is dropped)
        run_on = {"spaceBefore": look["question_gap"] * 2}
        self.section_kicker, self.section_title, self.section_description = opening(
            "section", (4, 6, 6), run_on, {}
        )
        self.section_detail = style(
            "section-detail", meta, meta_leading, textColor=muted, spaceAfter=look["part_gap"]
        )
        code_background = theme.color("code_background")

        def text_style(size: float, leading: float, plain: str, code: str, color=text):
            return TextStyle(
                TextFont(plain, size, color),
                TextFont(code, size, color, code_background),
                leading,
            )

        self.question = text_style(
            look["question_size"], look["question_leading"], fonts.heading, fonts.code_bold
        )
        self.meta = text_style(meta, meta_leading, fonts.regular, fonts.code, muted)
        self.body = text_style(body, body_leading, fonts.regular, fonts.code)
        self.note = text_style(
            look["note_size"], look["note_leading"], fonts.italic, fonts.code, muted
        )
        # the bank's and a section's description set as a question's text is (one with a
        # picture)
        self.cover_text = text_style(
            look["cover_description_size"],
            look["cover_description_leading"],
            fonts.regular,
            fonts.code,
            muted,
        )
        self.section_text = text_style(
            look["section_description_size"],
            look["section_description_leading"],
            fonts.regular,
            fonts.code,
        )
        self.label = TextFont(fonts.bold, look["label_size"], muted)
        self.furniture = TextFont(fonts.regular, look["furniture_size"], muted)
        self.contents_page = TextFont(fonts.regular, look["contents_entry_size"], text)
        self.bullet_width = stringWidth(BULLET + " ", fonts.regular, body)
        self.lines = theme.color("rule")
        self._bold = fonts.bold
        self._numbers: dict[str, TextFont] = {}
        self._bullets: dict[str, TextFont] = {}
        self._continued: dict[str, TextFont] = {}

    def number(self, color: Color) -> TextFont:
        """The Q number, in its section's colour."""
        return self._colored(self._numbers, color, self.look["question_size"])

    def continued(self, color: Color) -> TextFont:
        """'Q15 (cont.)' over the part of a question that runs on to a new page."""
        return self._colored(self._continued, color, self.look["label_size"])

    def bullet(self, color: Color) -> TextFont:
        """A look-for bullet, in its section's colour."""
        return self._colored(self._bullets, color, self.look["body_size"])

    def _colored(self, fonts: dict[str, TextFont], color: Color, size: float) -> TextFont:
        # one TextFont a colour: the text object changes font only when the font changes
        key = color.hexval()
        if key not in fonts:
            fonts[key] = TextFont(self._bold, size, color)
        return fonts[key]


@dataclass(frozen=True, eq=False)
class TextStyle:
    """How a kind of bank text is set: its font, the font of its code spans, the leading."""

    plain: TextFont
    code: TextFont
    leading: float

    @property
    def size(self) -> float:
        return self.plain.size


class Progress:
    """Tells `advance` of questions done, counting each question once over all editions."""

    def __init__(self, advance: Callable[[int], None], questions: int, editions: int) -> None:
        self.advance = advance
        self.questions = questions
        self.steps = max(questions * editions, 1)
        self.done = self.reported = 0

    def step(self) -> None:
        self.done += 1
        reached = self.done * self.questions // self.steps
        if reached > self.reported:
            self.advance(reached - self.reported)
            self.reported = reached


class SectionTable(Flowable):
    """The cover's list: a colour mark, each section's name and its number of questions.

    A bank with many sections runs the list on to the next page; the total stays with the
    last row.
    """

    def __init__(
        self,
        rows: Sequence[tuple[Color, str | Paragraph, str]],
        total: str | None,
        styles: Styles,
        measured: dict[tuple[Flowable, float], float] | None = None,
    ) -> None:
        super().__init__()
        self.styles = styles
        self.rows = [
            (color, Paragraph(name, styles.cover_entry) if isinstance(name, str) else name, n)
            for color, name, n in rows
        ]
        self.total = total
        self.count_width = styles.look["cover_count_width_mm"] * mm
        self.padding = styles.look["cover_row_padding"]
        self.row_height = styles.cover_entry.leading + 2 * self.padding  # of one line
        # each row's height at a width, shared with the parts it splits into: each split
        # measured every row left again, so that 2,000 sections cost 2,000**2 wraps
        self.measured = {} if measured is None else measured

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        name_width = avail_width - self.styles.gutter / 2 - self.count_width
        self.heights = [self._height(p, name_width) for _, p, _ in self.rows]
        self.total_height = (
            self.styles.cover_total.leading + 2 * self.padding if self.total is not None else 0
        )
        self.width, self.height = avail_width, sum(self.heights) + self.total_height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        used, fit = 0.0, 0
        for height in self.heights:
            if used + height > avail_height:
                break
            used, fit = used + height, fit + 1
        if fit == len(self.rows):  # every row but not the total: the last row goes with it
            fit -= 1
        if fit <= 0:
            return []
        return [
            SectionTable(self.rows[:fit], None, self.styles, self.measured),
            SectionTable(self.rows[fit:], self.total, self.styles, self.measured),
        ]

    def _height(self, name: Paragraph, width: float) -> float:
        key = (id(name), width)  # the table holds on to every row's Paragraph
        height = self.measured.get(key)
        if height is None:
            height = self.measured[key] = name.wrap(width, 1e9)[1] + 2 * self.padding
        return height

    def draw(self) -> None:
        canvas, styles, theme = self.canv, self.styles, self.styles.theme
        size = styles.cover_entry.fontSize
        y = self.height
        for (color, name, count), height in zip(self.rows, self.heights, strict=True):
            y -= height
            canvas.setFillColor(color)
            canvas.rect(0, y + self.padding, 3, height - 2 * self.padding, stroke=0, fill=1)
            name.drawOn(canvas, styles.gutter / 2, y + self.padding)
            canvas.setFont(theme.fonts.regular, size)
            canvas.setFillColor(theme.color("muted"))
            canvas.drawRightString(self.width, y + height - self.padding - size, count)
            canvas.setStrokeColor(theme.color("light_rule"))
            canvas.setLineWidth(styles.look["hairline_width"])
            canvas.line(0, y, self.width, y)
        if self.total is None:
            return
        canvas.setFont(theme.fonts.bold, size)
        canvas.setFillColor(theme.color("text"))
        canvas.drawRightString(self.width, y - self.padding - size, self.total)


class ContentsEntry(Flowable):
    """A contents line: part number, section name and detail, and the page it starts on.

    The whole entry links to the section; the page number is a late number, filled in
    when the section has been laid out.
    """

    def __init__(
        self,
        number: str,
        name: Paragraph,
        detail: Paragraph,
        key: str,
        color: Color,
        styles: Styles,
    ) -> None:
        super().__init__()
        self.number = number
        self.name = name
        self.detail = detail
        self.key = key
        self.color = color
        self.styles = styles
        self.padding = styles.look["contents_row_padding"]
        self.page_width = styles.look["contents_page_width_mm"] * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        text_width = avail_width - self.styles.gutter - self.page_width
        self.name_height = self.name.wrap(text_width, avail_height)[1]
        self.detail_height = self.detail.wrap(text_width, avail_height)[1]
        self.width = avail_width
        self.height = self.name_height + self.detail_height + 2 + 2 * self.padding
        return self.width, self.height

    def draw(self) -> None:
        canvas, styles, theme = self.canv, self.styles, self.styles.theme
        top = self.height - self.padding
        self.name.drawOn(canvas, styles.gutter, top - self.name_height)
        self.detail.drawOn(canvas, styles.gutter, self.padding)
        style = styles.contents_name
        baseline = top - style.fontSize
        canvas.setFont(theme.fonts.bold, style.fontSize)
        canvas.setFillColor(self.color)
        canvas.drawString(0, baseline, self.number)
        canvas.draw_late_number(self.key, self.width, baseline, styles.contents_page, "right")
        canvas.setStrokeColor(theme.color("light_rule"))
        canvas.setLineWidth(styles.look["hairline_width"])
        canvas.line(0, 0, self.width, 0)
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


class ContentsList(Flowable):
    """The contents' entries, and the notes under them, which keep with the last entry.

    A page breaks between two entries, and where it can, never so that the last entry
    stands alone on the next page: the one before goes with it (a handout's fourteenth of
    fourteen stood alone on a page of its own: a print trial). The part on the next page
    starts with `continued()`, the contents' title as the look says that a question goes
    on ('Contents (cont.)'), drawn as page furniture: the `heading` of such a part.
    """

    def __init__(
        self,
        entries: Sequence[Flowable],
        notes: Sequence[Flowable],
        continued: Callable[[], Flowable],
        heading: Flowable | None = None,
        measured: dict[tuple[Flowable, float], float] | None = None,
    ) -> None:
        super().__init__()
        self.entries = list(entries)
        self.notes = list(notes)
        self.continued = continued
        self.heading = heading
        # each part's height at a width, shared with the lists a split makes: a list of
        # hundreds of sections, measured again at every split, took the square of the time
        self.measured = {} if measured is None else measured

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Lays out the parts: each with the room above it (the frame's spaces)."""
        parts = [*([self.heading] if self.heading else []), *self.entries, *self.notes]
        self.laid: list[tuple[Flowable, float, float]] = []  # part, room above it, height
        after = 0.0
        for part in parts:
            key = (part, avail_width)  # the part itself: an id is another's once it is gone
            height = self.measured.get(key)
            if height is None:
                height = self.measured[key] = part.wrap(avail_width, avail_height)[1]
            above = after + part.getSpaceBefore() if self.laid else 0.0
            self.laid.append((part, above, height))
            after = part.getSpaceAfter()
        self.width = avail_width
        self.height = sum(above + height for _, above, height in self.laid)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        first = 1 if self.heading else 0  # where the entries start in `laid`
        count = len(self.entries)
        fit, used = 0, 0.0
        for k, (_, above, height) in enumerate(self.laid[: first + count]):
            used += above + height
            if used > avail_height:
                break
            if k >= first:
                fit = k + 1 - first
        if fit == count:  # the notes do not fit under the last entry: it goes with them
            fit -= 1
        alone = count - fit
        if alone < ENTRIES_KEPT and fit - (ENTRIES_KEPT - alone) >= 1:
            fit -= ENTRIES_KEPT - alone
        if fit < 1:
            return []
        heading, measured = self.continued(), self.measured
        return [
            ContentsList(self.entries[:fit], [], self.continued, self.heading, measured),
            PageBreak(),
            ContentsList(self.entries[fit:], self.notes, self.continued, heading, measured),
        ]

    def draw(self) -> None:
        canvas = self.canv
        y = self.height
        for part, above, height in self.laid:
            y -= above + height
            if part is self.heading:  # the list reads on unbroken, as under a header
                canvas.addLiteral("/Artifact <</Type /Pagination>> BDC")
                part.drawOn(canvas, 0, y)
                canvas.addLiteral("EMC")
            else:
                part.drawOn(canvas, 0, y)


def cover_stripe(
    canvas: Canvas,
    x: float,
    y: float,
    width: float,
    height: float,
    parts: Sequence[tuple[Color, int]],
) -> None:
    """A band across the cover in the sections' colours, each as wide as its share."""
    total = sum(n for _, n in parts) or 1
    for color, n in parts:
        share = width * n / total
        canvas.setFillColor(color)
        canvas.rect(x, y, share, height, stroke=0, fill=1)
        x += share
