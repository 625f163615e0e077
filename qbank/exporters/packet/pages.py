"""What an interviewer packet shows: the cover, the interview plan, the guide, a page per question,
the scorecard; and a panel's coordinator sheet.

Each method returns the XML of one part, at a cost that does not grow with the size of the
document. The words come from rubric.toml, the look from theme.toml (templates/packet/).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qbank.exporters.packet.clock import MINUTES_A_DAY, NEXT_DAY_MARK, clock, clock_span
from qbank.exporters.packet.select import PlanRow, by_section, in_bank_order
from qbank.model import DEFAULT_MINUTES, Bank, Question, RubricLevel
from qbank.rubric import Said, Wording, join_pieces, scale_reminder
from qbank.text import ELLIPSIS, shorten, slug
from qbank.units import points_to_twips, twips_to_points
from qbank.wordml.fit import ANCHOR_PADDING, WIDER_FACE, PageFit
from qbank.wordml.tables import Tables
from qbank.wordml.theme import Theme
from qbank.wordml.wml import CELL_MARGIN, EMPTY_BOX, NONE, Wml

if TYPE_CHECKING:
    from qbank.exporters.packet.richtext import PacketText


# each competency a panel's other interviewers ask, with their names (Interview.asked_elsewhere)
Elsewhere = Sequence[tuple[str, Sequence[str]]]
GRID_FIRST, GRID_LAST = 0.28, 0.16  # the competency grid's first and last columns' shares


def grid_across(fit: PageFit, labels: Sequence[str]) -> bool:
    """Whether the competency grid gives each question a column of its own: while each
    holds its label on one line ('Q10' stood a letter a line in 15 columns), in the head
    cells' style with their margins, as the page fit measures; else one column lists them.
    Both packets ask this, so a DOCX and a PDF of one interview show the same grid."""
    widest = max((fit.widest_word("Packet Cell Head", label) for label in labels), default=0.0)
    share = fit.width * (1 - GRID_FIRST - GRID_LAST) / max(1, len(labels))
    return share >= widest + 2 * twips_to_points(CELL_MARGIN)


def not_asked(
    say: Wording, questions: Sequence[Question], names: Sequence[str], elsewhere: Elsewhere
) -> dict[str, str]:
    """What the competency grid's last column says of each competency the interview asks
    no question on: on a panel, who asks it (rubric.toml's asked_by_other, the seats listed
    as the grids list question numbers), else 'not covered'. Both packets ask this."""
    asked, others = {q.competency for q in questions}, dict(elsewhere)
    return {
        name: say("asked_by_other", names=", ".join(others[name]))
        if name in others
        else say("not_covered")
        for name in names
        if name not in asked
    }


def count_heading(say: Wording, left: Iterable[str], elsewhere: Elsewhere) -> str:
    """The head of the competency grid's last column: 'Count', or where one of its cells
    says who of the panel asks a competency left out here (`left`), words that fit both
    (rubric.toml's coverage_count_panel): 'Count' stood over 'asked by Ben'. Both packets
    ask this."""
    others = dict(elsewhere)
    asked_elsewhere = any(name in others for name in left)
    return say("coverage_count_panel" if asked_elsewhere else "coverage_count")


GRID_WIDEST_FIRST = 0.45  # the most of the width the grid's first column takes for a word
GRID_WIDEST_LAST = 0.3  # and its last
PLAN_HEADS = (
    "plan_question", "plan_section", "question", "plan_start", "plan_minutes", "plan_cumulative"
)  # fmt: skip
PLAN_LONGEST = 160  # characters of a question in the time plan's row (a long one took 20 lines)


def plan_question(bank: Bank, question: Question) -> str:
    """How the time plan names a question: its opening (Bank.opening), cut after a word at
    PLAN_LONGEST characters; of a Markdown question's opening and ask ('Our policy says: …
    What can go wrong?'), the opening is cut first, so that the ask stays (a review). Both
    packets ask this."""
    opening = bank.opening(question.question)
    tree = bank.rich_text(question.question)
    first, gap, ask = opening.rpartition(" \u2026 ")  # the last: the writer's own come first
    if tree is None or not gap or len(opening) <= PLAN_LONGEST:
        return shorten(opening, PLAN_LONGEST, at_word=True)
    # the ask whole where the opening leaves it room, else each half of the room at most
    room = PLAN_LONGEST - len(gap)
    ask = shorten(ask, max(room - min(len(first), room // 2), room // 2), at_word=True)
    first = shorten(first, room - len(ask), at_word=True)
    return f"{first} {ask}" if first.endswith(ELLIPSIS) else f"{first}{gap}{ask}"


def grid_shares(
    fit: PageFit,
    bank: Bank,
    labels: Sequence[str],
    names: Sequence[str],
    across: bool,
    ends: Iterable[str] = (),
    head: str = "",
) -> tuple[float, ...]:
    """The competency grid's columns as shares of the width: the first holds the longest
    word of a competency's name or description where the question columns leave room
    (a German bank's "Bedrohungsmodellierungsk|ompetenz" broke in a first column of 28 %
    beside two wide question columns), each question column at least its label; then the
    question columns share what is left, and the count column has GRID_LAST, or up to
    GRID_WIDEST_LAST for the longest word of its `ends` (the words of a competency left out:
    a colleague's long name broke inside it) and of its `head` (count_heading: a Polish
    look's 'przeprowadz|ający' broke); competencies with a description take
    GRID_WIDEST_FIRST where the question columns leave it. Both packets ask this, so a DOCX
    and a PDF of one interview show the same grid."""
    margins = 2 * twips_to_points(CELL_MARGIN)
    meanings = {c.name: bank.flat(c.description) for c in bank.competencies}
    words = [fit.widest_word("Packet Cell Head", name) for name in names]
    words += [fit.widest_word("Packet Cell", meanings.get(name, "")) for name in names]
    need = own = (max(words, default=0.0) + margins) / fit.width
    columns = len(labels) if across else 1
    label = max((fit.widest_word("Packet Cell Head", x) for x in labels), default=0.0)
    least = columns * (label + margins) / fit.width if across else GRID_FIRST
    end = max((fit.widest_word("Packet Cell", words) for words in ends), default=0.0)
    end = max(end, fit.widest_word("Packet Cell Head", head))
    # as wide as LibreOffice sets it (WIDER_FACE): 'Wolfeschlegelsteinhaus|en' broke there
    end = min((end * WIDER_FACE + margins) / fit.width, GRID_WIDEST_LAST, 1 - GRID_FIRST - least)
    last = max(GRID_LAST, end)
    # the other columns at their narrowest; where they need it (a panel's four interviewers'
    # names), the first column gives way down to its own longest word
    room = max(min(GRID_FIRST, own), 1 - last - least)
    # competencies with their meanings take what the question columns, which hold a mark
    # each, leave (eight described ones ran over two pages in a first column of a quarter)
    if any(meanings.get(name) for name in names):
        need = max(need, GRID_WIDEST_FIRST)
    first = min(max(GRID_FIRST, need), GRID_WIDEST_FIRST, room)
    share = (1 - first - last) / columns
    return (first, *[share] * columns, last)


# How much wider than the page fit's font a time on a later day runs as LibreOffice shows it
# (DejaVu Sans, where a look's Calibri is missing): its digits, brackets and no-break space
# run wider than the words WIDER_FACE is measured on ('00:15 (+1)' is 51.8 pt to Noto Sans's
# 43.3 at 9.5 pt: with WIDER_FACE alone, LibreOffice broke it, '00:15 (+' over '1)')
LATER_DAY_WIDER = 1.2


def day_later(fit: PageFit, text: str) -> float:
    """The width of a time marked on a later day, '00:15 (+1)', on one line, in the page
    fit's measure as WIDER_FACE widens it (to LATER_DAY_WIDER), and a point for rounding."""
    return fit.widest_word("Packet Cell", text, whole=True) * LATER_DAY_WIDER / WIDER_FACE + 1


def later_times(
    plan: Sequence[PlanRow], end: int, at: int | None, since: int | None = None
) -> list[str]:
    """The plan's times of day (from `at`: its rows' and the wrap-up's `end`) on a later
    day than `since` (else `at`'s), as `clock` writes them, to measure: '00:15 (+1)'."""
    if at is None:
        return []
    first = (at if since is None else since) // MINUTES_A_DAY
    offsets = [0, *(m for row in plan for m in (row.start, row.end)), end]
    return [clock(m, at, since) for m in offsets if (at + m) // MINUTES_A_DAY > first]


def plan_shares(
    fit: PageFit,
    heads: Sequence[str],
    sections: Iterable[str],
    fractions: Sequence[float],
    times: Iterable[str] = (),
) -> list[float]:
    """The time plan's columns (Q, section, question, start, minutes, end) as shares of the
    width: the theme's `fractions`, each column widened to hold the longest word of its head
    (`heads`, the look's words: a Polish look's 'Początek' broke 'Począ|tek' in the start's
    column) and the section's the longest word of a section's name ('Troubleshooti|ng'), as
    wide as LibreOffice sets it. The room comes from the question's column, which gives at
    most half of itself: a longer word is broken, as before. The start's and the end's
    hold the `times` on a later day, each on one line ('00:15 (+1)'). Both packets ask
    this."""
    margins = 2 * twips_to_points(CELL_MARGIN)
    words = [fit.widest_word("Packet Cell Head", head) for head in heads]
    words[1] = max(words[1], fit.widest_word("Packet Cell", " ".join(sections)))
    later = max((day_later(fit, t) for t in times), default=0.0)
    words[3], words[5] = max(words[3], later), max(words[5], later)
    shares = list(fractions)
    room = shares[2] / 2
    for column, word in enumerate(words):
        grow = min(max((word * WIDER_FACE + margins) / fit.width - shares[column], 0.0), room)
        if column != 2 and grow > 0:
            shares[column] += grow
            shares[2] -= grow
            room -= grow
    return shares


# The least a rating row's type is scaled to, for its columns to hold each label's longest word
RATING_SMALLEST = 0.6


def rating_columns(
    width: float, words: Sequence[float], least: float, margins: float, hint_share: float
) -> tuple[list[float], float]:
    """The rating row's columns, a score's each and the hint's last, and the scale of the
    row's type. `words`: the widest word of each column's text at full size (a label never
    breaks inside a word: 'Zufriedenstellen|d' did in a fifth of the scores' share), none
    narrower than `least` (its tick box), `margins` inside each column. The scores share
    what the hint's `hint_share` leaves, a column that holds less than its longest word
    widened with room from those that can spare it; where every column at its longest
    word is still too wide (ten levels), the row's type is scaled down, to RATING_SMALLEST
    at most, until they fit. Both packets ask this."""

    def needs(scale: float) -> list[float]:
        return [max(word * scale, least) + margins for word in words]

    scale = 1.0
    if sum(needs(scale)) > width:
        low, high = RATING_SMALLEST, 1.0
        for _ in range(20):
            scale = (low + high) / 2
            low, high = (scale, high) if sum(needs(scale)) <= width else (low, scale)
        scale = low
    need = needs(scale)
    if sum(need) >= width:  # at the smallest type: in proportion, a word may break
        return [width * n / sum(need) for n in need], scale
    levels = len(words) - 1
    shares = [(1 - hint_share) / levels] * levels + [hint_share]
    return word_room([width * share for share in shares], need), scale


def word_room(widths: Sequence[float], need: Sequence[float]) -> list[float]:
    """`widths`, each column widened to its `need` (its longest word and the cell's margins,
    so that no reader breaks inside the word: the rating scale's head broke 'Puntua|ción'),
    the room given back by the columns that can spare it, in proportion to what they spare."""
    widened = [max(w, n) for w, n in zip(widths, need, strict=True)]
    spare = [w - n for w, n in zip(widened, need, strict=True)]
    extra = sum(widened) - sum(widths)
    if extra <= 0:
        return widened
    return [w - extra * s / sum(spare) for w, s in zip(widened, spare, strict=True)]


def label_span(widths: Sequence[float], need: float) -> int:
    """How many of the rating row's first columns an anchor's score and label span to hold
    a word `need` wide (a rubric's longest, with the cell's margins): one where the first
    column holds it ('Außergewöhnlic|h' broke in the first score's column)."""
    total = 0.0
    for span, width in enumerate(widths[:-1], start=1):
        total += width
        if total >= need:
            return span
    return len(widths) - 1


@dataclass(frozen=True)
class Blank:
    """A field to fill in, and the tag a program reads it back by (a slug: 'signature-date');
    `value` is filled in already and can still be changed."""

    tag: str
    value: str = ""


Field = tuple[str, "str | Blank"]  # a label and its value, or a field to fill in


def measured_competencies(bank: Bank) -> list[tuple[str, int]]:
    """The bank's competencies that questions measure, with their weights."""
    measured = {q.competency for q in bank.questions}
    return [(c.name, c.weight) for c in bank.competencies if c.name in measured]


def plan_words(
    say: Wording, introduction: int, wrap_up: int, finish: int, slot: int | None
) -> tuple[str, str]:
    """The plan's heading and the sentence under it, for the DOCX and the PDF packet alike:
    with a `slot` (the interview's minutes) it is the time plan and says how the questions
    fit it, from the introduction and wrap-up minutes and the last question's end."""
    values: dict[str, object] = {
        "introduction": introduction,
        "wrap_up": wrap_up,
        "buffer": introduction + wrap_up,
        "planned": finish - introduction,
    }
    if slot is None:
        return say("plan_title"), say("plan_intro", **values)
    values.update(slot=slot, spare=slot - finish - wrap_up)
    return say("time_plan"), say("time_plan_intro", **values)


# A plan of at most this many questions is kept on one page (its rows at three lines each
# and its heading fit a page): one that does not fit the first moves whole to the next
KEPT_PLAN_ROWS = 15


class Pages(Tables):
    """Makes the parts of packets and panel sheets."""

    def __init__(
        self, wml: Wml, theme: Theme, wording: Wording, bank: Bank, letterhead: str = ""
    ) -> None:
        super().__init__(wml, theme)
        self.say = wording
        self.bank = bank
        self.letterhead = letterhead  # the first page's top (wordml.document.letterhead)
        self.rubric: tuple[RubricLevel, ...] = bank.rubric or wording.levels
        self.own_scale = not bank.rubric  # the scale's words are the look's, not the bank's
        self.line_height = theme.twips("line_mm")
        self._descriptions = {s.name: s.description for s in bank.sections}
        self._meanings = {c.name: c.description for c in bank.competencies}
        self.buffer = (theme.integer("introduction_minutes"), theme.integer("wrap_up_minutes"))
        self.fit = PageFit(theme, levels=len(self.rubric), rich=bank.rich_text)
        self._ruled: dict[int, str] = {}  # notes areas by their number of lines
        self.rich: PacketText | None = None  # a Markdown bank's texts (richtext.py)
        self._rating_widths, self._rating_size, self._label_span = self._rating_layout()
        self._labels = {
            key: wml.paragraph("Packet Label", wml.own(wording(key)), keep_next=False)
            for key in ("follow_ups", "strong_answer", "look_for", "rating", "notes")
        }

    def _rating_layout(self) -> tuple[list[int], float | None, int]:
        """The rating table's columns (twips, see rating_columns), the size of its type
        where it is scaled down, and how many columns an anchor's score and label span.
        Measured in the page fit's font, a tenth wider: LibreOffice without Carlito shows
        DejaVu Sans, up to a tenth wider."""
        fit, size = self.fit, self.theme.size("Packet Cell")
        words = [
            max(
                fit.widest_word("Packet Cell", level.label) * WIDER_FACE,
                fit.longest_word(str(level.score), size, bold=True),
            )
            for level in self.rubric
        ]
        words.append(fit.widest_word("Packet Cell", self.say("hint_given")) * WIDER_FACE)
        least = fit.longest_word(EMPTY_BOX, self.theme.size("Packet Box"))
        margins = twips_to_points(2 * CELL_MARGIN)
        hint_share = float(self.theme.columns["rating_hint"])
        points, scale = rating_columns(fit.width, words, least, margins, hint_share)
        widths = self.columns(*[width / fit.width for width in points])
        span = label_span(points, max(words[:-1]) * scale + margins)
        # an anchor's text spans the rest, less the cell's margins and a little
        self.fit.anchor_cell = twips_to_points(sum(widths[span:])) - 11
        labels = {level.score: level.label for level in self.rubric}
        rooms = [(width - margins) / WIDER_FACE for width in points[:-1]]
        head = (sum(points[:span]) - margins) / WIDER_FACE
        self.fit.rating_table(rooms, labels, scale, head)
        self.fit.reminder = scale_reminder(self.rubric, self.fit.anchor_lines)
        return widths, (size * scale if scale < 1 else None), span

    # -- the first page ----------------------------------------------------------------

    def title(self, subtitle: str) -> str:
        wml = self.wml
        title = wml.para("Title", self.bank.title)
        return self.letterhead + title + wml.own_para("Subtitle", subtitle)

    def form(self, rows: Sequence[Sequence[Field]]) -> str:
        """Labels with values or fields to fill in. A row with one pair spans the width;
        a row with two or three shares it."""
        wml = self.wml
        widths = self.label_room(self.columns(*self.theme.fractions("form")), rows)
        pairs_per_row = len(widths) // 2
        rows_xml = []
        for pairs in rows:
            span = len(widths) // len(pairs) - 1
            cells = []
            for index, (label, value) in enumerate(pairs):
                column = index * (span + 1)
                cells.append(self.head_cell(widths[column], label, valign="bottom", own=True))
                if isinstance(value, Blank):
                    content = wml.text_field(value.tag, label, value.value)
                else:
                    content = wml.text(value)
                width = sum(widths[column + 1 : column + 1 + span])
                paragraph = wml.paragraph("Packet Cell", content)
                cells.append(
                    wml.cell(width, paragraph, span=span, bottom_line=True, valign="bottom")
                )
            rows_xml.append(wml.row(cells, height=self.field_height))
        assert all(len(pairs) <= pairs_per_row for pairs in rows)
        return wml.table(widths, rows_xml, borders=NONE)

    def label_room(self, widths: list[int], rows: Sequence[Sequence[Field]]) -> list[int]:
        """The form's columns, each label column at least as wide as the longest word of
        its labels (so no reader breaks a label inside a word), the room taken from the
        field columns after it."""
        need = dict.fromkeys(range(len(widths)), 0)
        for pairs in rows:
            span = len(widths) // len(pairs) - 1
            for index, (label, _) in enumerate(pairs):
                word = points_to_twips(self.fit.widest_word("Packet Cell Head", label))
                column = index * (span + 1)
                need[column] = max(need[column], word + 2 * CELL_MARGIN)
        labels = {column for column, twips in need.items() if twips}
        widened = [max(w, need[i]) for i, w in enumerate(widths)]
        extra = sum(widened) - sum(widths)
        fields = [i for i in range(len(widths)) if i not in labels]
        room = sum(widened[i] for i in fields)
        for i in fields:  # the fields give the room back in proportion to their width
            widened[i] -= round(extra * widths[i] / room)
        widened[-1] += sum(widths) - sum(widened)
        return widened

    def header_form(
        self,
        who: str,
        who_tag: str,
        candidate: str = "",
        name: str = "",
        booked: tuple[int, int] | None = None,
    ) -> str:
        """Role, candidate, `who` runs it (interviewer or coordinator: `name`), date and
        times; the candidate, the name and the start and end (`booked`, --start's)
        filled in when given."""
        say = self.say
        start, end = ("", "") if booked is None else clock_span(*booked, since=booked[0])
        return self.form(
            [
                [(say("role"), self.bank.role or self.bank.title)],
                [(say("candidate"), Blank("candidate", candidate))],
                [(who, Blank(who_tag, name))],
                [
                    (say("date"), Blank("interview-date")),
                    (say("start"), Blank("start-time", start)),
                    (say("end"), Blank("end-time", end)),
                ],
            ]
        )

    def summary(self, lines: Sequence[str]) -> str:
        wml = self.wml
        said = "".join(wml.own_para("Packet Meta", line) for line in lines)
        return wml.paragraph("Normal") + said

    # -- coverage of the competencies -----------------------------------------------------

    def competencies(self) -> list[tuple[str, int]]:
        return measured_competencies(self.bank)

    def competency_cell(self, width: int, name: str, shown: str = "", **keep: bool) -> str:
        """A grid's first cell: the competency's name (or `shown`, the name as the grid
        writes it), and under it, muted, the line that tells the interviewer what it means
        (the bank's description)."""
        wml = self.wml
        content = wml.paragraph("Packet Cell Head", wml.text(shown or name), **keep)
        description = self.bank.flat(self._meanings.get(name, "")).strip()
        if description:
            content += wml.paragraph("Packet Cell", wml.text(description, color="muted"), **keep)
        return wml.cell(width, content)

    def coverage(self, questions: Sequence[Question], elsewhere: Elsewhere = ()) -> str:
        """The interview's competency x question grid: a mark where a question measures a
        competency, the count at the end of each row, and a competency this interview
        leaves to others marked so (`elsewhere`: who of the panel asks it). Nothing when
        the bank names no competencies."""
        competencies = self.competencies()
        if not competencies:
            return ""
        wml, say = self.wml, self.say
        labels = [self.say.label(q) for q in questions]
        across = grid_across(self.fit, labels)
        names = [name for name, _ in competencies]
        left = not_asked(say, questions, names, elsewhere)
        heading = count_heading(say, left, elsewhere)
        shares = grid_shares(self.fit, self.bank, labels, names, across, left.values(), heading)
        widths = self.columns(*shares)
        keep = {"keep_next": True}
        header = [self.head_cell(widths[0], say("competency"), own=True, **keep)]
        if across:
            header += [
                self.head_cell(w, self.say.label(q), align="center", own=True, **keep)
                for w, q in zip(widths[1:], questions, strict=False)
            ]
        else:
            header.append(self.head_cell(widths[1], say("questions"), own=True, **keep))
        header.append(self.head_cell(widths[-1], heading, align="center", own=True, **keep))
        rows = [wml.row(header, header=True)]
        for number, (name, _) in enumerate(competencies, start=1):
            # the heading, its words, the head row and the first two rows stand together;
            # the rows after may go on over a page, under the head row again (every row
            # kept with the next made a grid of eight described competencies one block
            # taller than a page, pushed with the title page's summary to page 3)
            keep = {"keep_next": number < min(2, len(competencies))}
            mine = [q for q in questions if q.competency == name]
            cells = [self.competency_cell(widths[0], name, **keep)]
            if across:
                cells += [
                    wml.text_cell(
                        w, "\u25cf" if q.competency == name else "", align="center", **keep
                    )
                    for w, q in zip(widths[1:], questions, strict=False)
                ]
            else:
                labels = ", ".join(self.say.label(q) for q in mine)
                cells.append(wml.text_cell(widths[1], labels, **keep))
            if mine:
                cells.append(wml.text_cell(widths[-1], str(len(mine)), align="center", **keep))
            else:
                cells.append(
                    wml.cell(
                        widths[-1],
                        wml.paragraph(
                            "Packet Cell",
                            # 'Anne-Marie' stays whole: LibreOffice broke it after 'Anne-'
                            wml.run(left[name], color="muted", whole_hyphens=True),
                            align="center",
                            **keep,
                        ),
                    )
                )
            rows.append(wml.row(cells))
        return (
            wml.own_para("Heading 2", say("coverage_title"))
            + wml.own_para("Normal", say("coverage_intro"), keep_next=True)
            + wml.table(widths, rows)
        )

    def panel_coverage(self, hands: Sequence[Sequence[Question]], names: Sequence[str]) -> str:
        """The panel's competency x interviewer grid: in each cell the question numbers
        that interviewer asks of it; a competency nobody covers, or covered well past its
        share of the panel's questions, flagged in the last column."""
        competencies = self.competencies()
        if not competencies:
            return ""
        wml, say = self.wml, self.say
        # covered often: past its share of the panel's questions by the bank's weights (and
        # past twice); a panel of 16 questions over 4 competencies covers each 4 times by
        # design. Flagged only where the bank has another competency's question left to ask
        # instead: a trial's competency of weight 3, 5 of a bank of 12 all asked, was 'past
        # its share' of an even 3, which the coordinator could do nothing about
        slots = sum(1 for hand in hands for q in hand if q.competency)
        weights = sum(weight for _, weight in competencies)
        asked_ids = {q.id for hand in hands for q in hand}
        checks = []
        for name, weight in competencies:
            times = sum(1 for hand in hands for q in hand if q.competency == name)
            often = max(2, -(-slots * weight // weights) + 1)
            instead = any(
                q.competency and q.competency != name and q.id not in asked_ids
                for q in self.bank.questions
            )
            if times == 0:
                checks.append((say("flag_uncovered"), "shade"))
            elif times > often and instead:
                checks.append((say("flag_covered_often", times=times), "shade"))
            else:
                checks.append((say("covered_times", times=times), None))
        seats = [names[i] or say("interviewer_number", number=i + 1) for i in range(len(hands))]
        # each interviewer's column holds the longest word of their name, as the interview's
        # grid holds its question labels, the first column giving way down to its own words
        # (its head's, in the competencies' style, and theirs): 'Kowals|ka-|Nowak' and
        # 'Nowako|wski' broke in four columns of a tenth of A4 (a panel with Polish names)
        first_words = [say("competency"), *(name for name, _ in competencies)]
        shares = grid_shares(
            self.fit,
            self.bank,
            seats,
            first_words,
            True,
            [check for check, _ in checks],
            say("coverage_check"),
        )
        widths = self.columns(*shares)
        keep = {"keep_next": True}
        header = [self.head_cell(widths[0], say("competency"), own=True, **keep)]
        header += [
            self.head_cell(w, seat, **keep) for w, seat in zip(widths[1:-1], seats, strict=True)
        ]
        header.append(self.head_cell(widths[-1], say("coverage_check"), own=True, **keep))
        rows = [wml.row(header, header=True)]
        weighted = "competency_weighted" in say.labels
        for number, (name, weight) in enumerate(competencies, start=1):
            # the heading, its words, the head row and the first two rows stand together;
            # the rows after may go on over a page, under the head row again (every row
            # kept with the next made a grid of eight described competencies one block
            # taller than a page, pushed with the title page's summary to page 3)
            keep = {"keep_next": number < min(2, len(competencies))}
            asked = [[q for q in hand if q.competency == name] for hand in hands]
            # its weight in the debrief's total, for the coordinator who balances the panel
            shown = (
                say("competency_weighted", competency=name, weight=weight)
                if weighted and weight != 1
                else name
            )
            cells = [self.competency_cell(widths[0], name, shown, **keep)]
            cells += [
                wml.text_cell(w, ", ".join(self.say.label(q) for q in mine), align="center", **keep)
                for w, mine in zip(widths[1:-1], asked, strict=True)
            ]
            check, fill = checks[number - 1]
            cells.append(wml.text_cell(widths[-1], check, fill=fill, own=True, **keep))
            rows.append(wml.row(cells))
        uncovered = sum(
            1 for name, _ in competencies if not any(q.competency == name for h in hands for q in h)
        )
        summary = (
            say("panel_covers_all", count=len(competencies))
            if not uncovered
            else say("panel_leaves_out", count=uncovered, total=len(competencies))
        )
        return (
            wml.own_para("Heading 1", say("panel_coverage_title"))
            + wml.own_para("Normal", say("panel_coverage_intro"), keep_next=True)
            + wml.own_para("Packet Note", summary, keep_next=True)
            + wml.table(widths, rows)
        )

    # -- the interview plan -------------------------------------------------------------

    def plan(
        self,
        plan: Sequence[PlanRow],
        finish: int,
        *,
        slot: int | None,
        notes: Sequence[Said] = (),
        at: int | None = None,
    ) -> str:
        """The interview plan on the first page: the rows of `plan`, with the introduction
        before them and the wrap-up after the last question at `finish`. With a `slot`
        (the interview's minutes) it is the time plan and says how the questions fit it;
        `at` (--start's minutes after midnight) turns its times into the time of day."""
        wml = self.wml
        heading, intro = plan_words(self.say, *self.buffer, finish, slot)
        out = [wml.own_para("Heading 1", heading), wml.own_para("Normal", intro, keep_next=True)]
        out += [wml.paragraph("Packet Note", wml.said(note), keep_next=True) for note in notes]
        # a short plan moves whole to the next page rather than leave a few rows there
        # alone: each of its rows keeps with the next; a long one (--all) runs over pages
        out.append(self.plan_table(plan, finish, kept=len(plan) <= KEPT_PLAN_ROWS, at=at))
        return "".join(out)

    def plan_table(
        self,
        plan: Sequence[PlanRow],
        finish: int,
        kept: bool = False,
        at: int | None = None,
        since: int | None = None,
    ) -> str:
        """Q, section, the whole question, start, minutes and the time at its end; an
        introduction row first and a wrap-up row last. The head row repeats on each page.
        Times align right, as in every table of the packet. A `kept` plan keeps together
        (every row keeps with the next, as Word's own "keep table together" does). The
        times count from 0:00, or with `at` are the time of day (clock), one on a later day
        than `since` (the coordinator's sheet's: the panel's start; else `at`) marked."""
        wml, say = self.wml, self.say
        heads = PLAN_HEADS
        # each column holds its head's longest word and the section's a section's, as the
        # PDF packet's does (LibreOffice broke "Troubleshooti|ng" and "Począ|tek")
        sections = (row.question.section for row in plan)
        words = [say(k) for k in heads]
        later = later_times(plan, finish + self.buffer[1], at, since)
        shares = plan_shares(self.fit, words, sections, self.theme.fractions("plan"), later)
        widths = self.columns(*shares)
        times = len(heads) - 3  # the last three columns are times
        intro_minutes, wrap_minutes = self.buffer
        defaulted = any(row.defaulted for row in plan)
        last = len(plan) + bool(intro_minutes) + bool(wrap_minutes)  # the head row is 0

        def keep(index: int) -> bool | None:  # the last row keeps with the note under it
            # and the row before the last with it: a trial's wrap-up row stood alone on a
            # page, under the repeated head
            widow = index == last - 1 and index > 0
            return (kept and index < last) or (defaulted and index == last) or widow or None

        header = [
            self.head_cell(
                w, say(k), align="right" if i >= times else None, keep_next=keep(0), own=True
            )
            for i, (w, k) in enumerate(zip(widths, heads, strict=True))
        ]
        rows = [wml.row(header, header=True)]

        def time_cells(start: int, minutes: str, end: int) -> list[str]:
            values = (clock(start, at, since), minutes, clock(end, at, since))
            return [
                wml.text_cell(w, v, align="right", keep_next=keep(len(rows)))
                for w, v in zip(widths[times:], values, strict=True)
            ]

        def buffer_row(label: str, start: int, minutes: int) -> str:
            span, kept_on = times, keep(len(rows))
            empty = wml.paragraph("Packet Cell", keep_next=kept_on)
            cells = [wml.cell(sum(widths[:2]), empty, span=2)]
            text = wml.paragraph("Packet Cell", wml.own(label, color="muted"), keep_next=kept_on)
            cells.append(wml.cell(sum(widths[2:span]), text, span=span - 2))
            cells += time_cells(start, str(minutes), start + minutes)
            return wml.row(cells)

        if intro_minutes:
            rows.append(buffer_row(say("introduction"), 0, intro_minutes))
        for row in plan:
            q = row.question
            minutes = f"{row.minutes}*" if row.defaulted else str(row.minutes)
            on = keep(len(rows))
            with wml.written_in(self.bank.language_of(q.section)):
                cells = [
                    wml.text_cell(widths[0], self.say.label(q), keep_next=on, own=True),
                    wml.text_cell(widths[1], q.section, keep_next=on),
                    wml.text_cell(widths[2], plan_question(self.bank, q), keep_next=on),
                ]
            cells += time_cells(row.start, minutes, row.end)
            rows.append(wml.row(cells))
        if wrap_minutes:
            rows.append(buffer_row(say("wrap_up"), finish, wrap_minutes))
        out = wml.table(widths, rows)
        if defaulted:
            note = say("default_minutes_note", minutes=DEFAULT_MINUTES)
            out += wml.own_para("Packet Note", note)
        return out

    # -- the guide -----------------------------------------------------------------------

    def guide(self) -> str:
        wml, say, guide = self.wml, self.say, self.say.guide
        out = [
            wml.own_para("Heading 1", guide["title"], page_break=True),
            wml.own_para("Normal", guide["intro"]),
            wml.paragraph("Normal"),
        ]
        for number, step in enumerate(guide["steps"], start=1):
            out.append(
                wml.paragraph("Packet Item", wml.run(f"{number}.\t", bold=True) + wml.own(step))
            )
        out.append(wml.own_para("Heading 2", guide["scale_title"]))
        out.append(wml.own_para("Normal", guide["scale_intro"]))
        out.append(wml.paragraph("Normal"))
        widths = self.scale_columns()
        rows = [
            wml.row(
                [
                    self.head_cell(width, say(key), own=True)
                    for width, key in zip(widths, ("score", "rating", "anchor"), strict=True)
                ],
                header=True,
            )
        ]
        own_scale = self.own_scale
        for level in self.rubric:
            cells = [
                self.head_cell(widths[0], str(level.score), fill=None, align="center"),
                self.head_cell(widths[1], level.label, fill=None, own=own_scale),
                wml.text_cell(widths[2], level.anchor, own=own_scale),
            ]
            rows.append(wml.row(cells, height=self.field_height))
        out.append(wml.table(widths, rows))
        return "".join(out)

    def scale_columns(self) -> list[int]:
        """The rating scale's columns (twips): the theme's shares, the score's and the
        label's each at least as wide as its longest word, head included."""
        say, fit = self.say, self.fit

        def need(*texts: str) -> float:
            word = max(fit.widest_word("Packet Cell Head", text) for text in texts)
            return points_to_twips(word * WIDER_FACE) + 2 * CELL_MARGIN

        scores = need(say("score"), *(str(level.score) for level in self.rubric))
        labels = need(say("rating"), *(level.label for level in self.rubric))
        widths = [
            round(w)
            for w in word_room(self.columns(*self.theme.fractions("scale")), [scores, labels, 0])
        ]
        return widths[:-1] + [self.width - sum(widths[:-1])]

    # -- a page per question ----------------------------------------------------------------

    def ruled_lines(self, lines: int) -> str:
        if lines not in self._ruled:
            self._ruled[lines] = self.wml.ruled_lines(lines, self.line_height)
        return self._ruled[lines]

    def question(self, q: Question, *, opens_section: bool, first: bool, compact: bool) -> str:
        """A question's page (`_question`), in its section's language: a Hebrew section's
        paragraphs run right to left in an English bank, an English one's left to right in
        a Hebrew bank, as in the PDFs."""
        with self.wml.written_in(self.bank.language_of(q.section)):
            return self._question(q, opens_section=opens_section, first=first, compact=compact)

    def _question(self, q: Question, *, opens_section: bool, first: bool, compact: bool) -> str:
        """A question's page; one that opens its section starts with the section's heading.

        Each question starts a page unless `compact`; the `first` always does, after the
        guide. In a compact packet the block under the heading is one row that does not
        split, and the heading keeps with it, so a question that does not fit the rest of
        a page moves whole to the next one. A question that with its heading is taller than
        a page keeps all but its last notes lines in a row that may split: it flows on from
        its heading."""
        wml, say, labels = self.wml, self.say, self._labels
        minutes = say.pieces("minutes", minutes=q.minutes)
        if not q.minutes:
            minutes = say.pieces("no_minutes")
        out = []
        description = self._descriptions.get(q.section, "")
        if opens_section:
            out.append(wml.para("Heading 1", q.section, page_break=first or not compact))
            if description:  # a Markdown bank's with its emphasis, as the PDFs show it
                out += self.rich_text(description, "Packet Meta")
        page_break = not (compact or opens_section)
        label = wml.own(f"{self.say.label(q)}\t")  # the look's word ('Q'), in its language
        heading = label + wml.text(q.question)
        tree = self.bank.rich_text(q.question) if self.rich is not None else None
        if tree is not None and self.rich is not None:
            shown = self.rich.paragraphs(tree, "Heading 2", lead=label)
            if page_break:
                # after the style, as CT_PPrBase orders them (not after a w:bidi or w:ind)
                shown[0] = shown[0].replace("/>", "/><w:pageBreakBefore/>", 1)
            out += shown
        else:
            out.append(wml.paragraph("Heading 2", heading, page_break=page_break))
        # the section and competency in the bank's language, the minutes' words the look's
        parts = [((q.section, False),), ((q.competency, False),), minutes]
        meta = wml.said(join_pieces(parts, " \u00b7 "))
        if q.competency and wml.text_lang():
            # a section in its own language: the competency's name is the bank's, in its
            # language (a trial's English section said its German 'kommunikation' was English)
            with wml.written_in_bank():
                competency = wml.text(q.competency)
            parts = [wml.text(q.section), competency, wml.said(minutes)]
            meta = wml.run(" \u00b7 ").join(parts)
        block = [wml.paragraph("Packet Meta", meta, keep_next=False)]
        if q.follow_ups:
            block.append(labels["follow_ups"])
            for follow_up in q.follow_ups:
                block += self.rich_text(follow_up, "Packet Item", wml.run("\u2022\t"))
        block.append(labels["strong_answer"])
        block += self.rich_text(q.hint, "Packet Hint")
        if q.note:
            label = wml.own(say("note") + " ", bold=True)
            block += self.rich_text(q.note, "Packet Note", label, label=True)
        if q.look_for:
            block.append(labels["look_for"])
            for number, signal in enumerate(q.look_for, start=1):
                box = wml.box(f"{q.id}:look-for:{number}")
                block += self.rich_text(signal, "Packet Item", box + wml.run("\t"))
        for number, source in enumerate(q.sources):
            label = wml.own(say("sources") + " ", bold=True) if number == 0 else ""
            text = label + wml.text(f"{source.title} \u2014 {source.url}")
            block.append(wml.paragraph("Packet Source", text))
        heading_text = q.section if opens_section else None
        area = None if compact else self.fit.notes_area(q, heading_text, description)
        if area is not None:
            tall = area.tall
        else:
            tall = self.fit.before_notes(q, heading_text, description) > self.fit.page
        if tall:
            # its rating row stands on a page after its heading's: the label names the
            # question, as a page of notes does (LibreOffice showed a page of a rating row
            # and nothing else, under no question: a print trial)
            rating = wml.own(self.named(q, "rating"))
            block.append(wml.paragraph("Packet Label", rating, keep_next=False))
        else:
            block.append(labels["rating"])
        block.append(self.rating_row(q, q.anchors or (() if compact else self.fit.reminder)))
        if area is not None:  # the question has its page; its notes fill the rest of it
            if area.own_page:  # too few lines left: a page of notes, its label naming the question
                out.append(wml.block(self.width, "".join(block), can_split=True))
                label = wml.own(self.named(q, "notes"))
                out.append(wml.paragraph("Packet Label", label, page_break=True))
                out.append(self.ruled_lines(area.lines))
                return "".join(out)
            block.append(labels["notes"])
            block.append(self.ruled_lines(area.lines))
            out.append(wml.block(self.width, "".join(block), can_split=True))
            return "".join(out)
        block.append(labels["notes"])
        lines = self.theme.integer("compact_notes_lines")
        if self.fit.fits_a_page(q, heading_text, description, lines):
            block.append(self.ruled_lines(lines))
            out.append(wml.block(self.width, "".join(block)))
        else:
            block.append(self.ruled_lines(1))
            # taller than a page with its heading: its row may split, else LibreOffice
            # leaves the heading alone on one page and moves the row to the next
            out.append(wml.block(self.width, "".join(block), can_split=tall))
            out.append(self.ruled_lines(lines - 1))
        return "".join(out)

    def named(self, q: Question, key: str) -> str:
        """The look's label of `key` naming `q`, for a part of it on a page its heading is
        not on: 'Q6 · Notes'."""
        return f"{self.say.label(q)} \u00b7 {self.say(key)}"

    def rich_text(self, text: str, style: str, lead: str = "", label: bool = False) -> list[str]:
        """Paragraphs of bank text in `style`, `lead` (runs, a `label`'s words or a marker)
        before it: one paragraph of plain text, or a Markdown bank's tree (richtext.py)."""
        tree = self.bank.rich_text(text) if self.rich is not None else None
        if tree is None or self.rich is None:
            return [self.wml.paragraph(style, lead + self.wml.text(text))]
        return self.rich.paragraphs(tree, style, lead=lead, label=label)

    def rating_row(self, q: Question, anchors: Sequence[tuple[int, str]]) -> str:
        """One box per rubric score, and one for 'hint given'; `anchors` under them."""
        wml, widths = self.wml, self._rating_widths
        cells = []
        size = self._rating_size
        for width, level in zip(widths, self.rubric, strict=False):
            score = wml.box(f"{q.id}:score:{level.score}")
            score += wml.run(f" {level.score}", bold=True, size=size)
            label = wml.own(level.label, color="muted", size=size, own=self.own_scale)
            content = wml.paragraph("Packet Cell", score, align="center")
            content += wml.paragraph("Packet Cell", label, align="center")
            cells.append(wml.cell(width, content))
        hint = wml.box(f"{q.id}:hint-given") + wml.own(" " + self.say("hint_given"), size=size)
        content = wml.paragraph("Packet Cell", hint, align="center")
        cells.append(wml.cell(widths[-1], content, fill="section_shade"))
        rows = [wml.row(cells, height=self.field_height)]
        rows += self.anchor_rows(anchors)
        return wml.table(widths, rows)

    def anchor_rows(self, anchors: Sequence[tuple[int, str]]) -> list[str]:
        """What an answer at each anchored score sounds like for a question (its anchors,
        or on a page of its own the scale's short descriptions: scale_reminder), a row per
        anchor under the boxes: the score and its label, then the text across the other
        columns. At that width an anchor takes two or three lines; under its own box, a
        sixth of the width, it took a dozen, and the row left half a page empty when it
        moved to the next page."""
        wml, widths, span, size = self.wml, self._rating_widths, self._label_span, self._rating_size
        labels = {level.score: level.label for level in self.rubric}
        rows = []
        for score, text in anchors:
            head = wml.run(f"{score} ", bold=True, size=size)
            head += wml.own(labels.get(score, ""), color="muted", size=size, own=self.own_scale)
            # a little room above and below, as the boxes' row has (its text touched the
            # rules: a visual review)
            cells = [
                wml.cell(
                    sum(widths[:span]),
                    wml.paragraph("Packet Cell", head),
                    span=span,
                    valign="top",
                    padding=ANCHOR_PADDING,
                ),
                wml.cell(
                    sum(widths[span:]),
                    wml.paragraph("Packet Cell", wml.text(text)),
                    span=len(widths) - span,
                    valign="top",
                    padding=ANCHOR_PADDING,
                ),
            ]
            rows.append(wml.row(cells))
        return rows

    # -- the scorecard -----------------------------------------------------------------------

    def scorecard(self, questions: Sequence[Question]) -> str:
        """A row per question, grouped by section with a subtotal, and a total. The head row
        repeats on each page; a section's rows keep together (no row splits, and each row
        keeps with the next down to the subtotal), and the last subtotal keeps with the
        total. Questions show on one line, cut at a word to the column's measured width."""
        wml, say = self.wml, self.say
        top = self.rubric[-1].score
        widths = self.columns(*self.theme.fractions("scorecard_columns"))
        label_width = widths[0] + widths[1]
        size = self.theme.size("Packet Cell")
        room = (widths[1] - 2 * CELL_MARGIN) / 20  # points
        heads = ("plan_question", "question", "score")
        rows = [
            wml.row(
                [self.head_cell(w, say(k), own=True) for w, k in zip(widths, heads, strict=True)],
                header=True,
            )
        ]
        height = self.theme.twips("scorecard_row_mm")
        groups = by_section(questions)
        for number, (section, members) in enumerate(groups, start=1):
            keep = {"keep_next": True}
            shade = "section_shade"
            with wml.written_in(self.bank.language_of(section)):
                rows.append(
                    wml.row(
                        [self.head_cell(self.width, section, span=3, fill=shade, **keep)],
                        height=height,
                    )
                )
                for q in members:
                    short = self.fit.one_line(self.bank.opening(q.question), size, room)
                    cells = [
                        self.head_cell(widths[0], self.say.label(q), fill=None, own=True, **keep),
                        wml.text_cell(widths[1], short, keep_next=True, literal=True),
                        self.out_of(widths[2], top, keep_next=True),
                    ]
                    rows.append(wml.row(cells, height=height))
            subtotal = say.pieces("subtotal", section=section)
            last = number == len(groups)
            with wml.written_in(self.bank.language_of(section)):  # the section's name
                cells = [
                    self.head_cell(
                        label_width, subtotal, span=2, fill=None, align="right", keep_next=last
                    ),
                    self.out_of(widths[2], top * len(members), keep_next=last),
                ]
            rows.append(wml.row(cells, height=height))
        total = [
            self.head_cell(label_width, say("total"), span=2, align="right", own=True),
            self.out_of(widths[2], top * len(questions), fill="shade"),
        ]
        rows.append(wml.row(total, height=height))
        closing = "".join(  # the decision and the signature stay on one page
            [
                self.recommendation(),
                wml.own_para("Packet Label", say("evidence")),
                self.ruled_lines(self.theme.integer("evidence_lines")),
                wml.paragraph("Normal"),
                self.form(
                    [
                        [
                            (say("signature"), Blank("signature")),
                            (say("date"), Blank("signature-date")),
                        ]
                    ]
                ),
            ]
        )
        return "".join(
            [
                wml.own_para("Heading 1", say("scorecard"), page_break=True),
                wml.own_para("Normal", say("scorecard_intro")),
                wml.table(widths, rows),
                wml.paragraph("Normal"),  # two tables that touch would be one
                wml.block(self.width, closing),
                wml.closing(),  # Word wants a paragraph after a final table
            ]
        )

    def out_of(
        self, width: int, top: int, fill: str | None = None, keep_next: bool | None = None
    ) -> str:
        """A score cell: room to write, then '/ 5' at the right."""
        wml = self.wml
        content = wml.own(self.say("out_of", max=top), color="muted")
        paragraph = wml.paragraph("Packet Cell", content, align="right", keep_next=keep_next)
        return wml.cell(width, paragraph, fill=fill)

    def recommendation(self) -> str:
        wml = self.wml
        options = self.say.recommendations
        widths = self.columns(*[1 / len(options)] * len(options))
        cells = []
        for width, option in zip(widths, options, strict=True):
            content = wml.box(f"recommendation:{slug(option)}") + wml.own(f" {option}", bold=True)
            cells.append(wml.cell(width, wml.paragraph("Packet Cell", content, align="center")))
        heading = wml.own_para("Heading 2", self.say.recommendation_title)
        return heading + wml.table(widths, [wml.row(cells, height=self.field_height)])

    # -- the coordinator's sheet of a panel ----------------------------------------------------

    def groups_spread(self, hands: Sequence[Sequence[Question]], names: Sequence[str]) -> str:
        """Which interviewer (by name, when the panel's are given) asks which question of
        each overlap group the panel asks twice or more (they probe the same thing, so no
        one asks two); nothing when there is none. A group asked once was listed too, which
        said nothing (a visual review)."""
        wml, say = self.wml, self.say
        asked: dict[str, list[str]] = {}
        for number, hand in enumerate(hands, start=1):
            who = names[number - 1] or say("interviewer_number", number=number)
            for q in hand:
                if q.group is not None:
                    asked.setdefault(q.group, []).append(f"{self.say.label(q)} ({who})")
        asked = {group: labels for group, labels in asked.items() if len(labels) > 1}
        if not asked:
            return ""
        out = [wml.own_para("Heading 2", say("groups_title"), keep_next=True)]
        out.append(wml.own_para("Normal", say("groups_intro"), keep_next=True))
        for group in sorted(asked):
            line = say("group_line", group=group, questions=", ".join(asked[group]))
            out.append(wml.para("Packet Item", line))
        return "".join(out)

    def who_asks_columns(self, spans: Sequence[str]) -> tuple[list[int], tuple[str, ...]]:
        """The who-asks table's columns and the keys of their heads: the theme's; with
        the interviews' times (`spans`), one more, after the name, that holds the longest
        on one line, as wide as LibreOffice sets it, taken from the questions' column."""
        fractions = list(self.theme.fractions("who_asks"))
        heads = ("interviewer", "name", "questions", "plan_minutes")
        if not spans:
            return self.columns(*fractions), heads
        fit, margins = self.fit, 2 * twips_to_points(CELL_MARGIN)
        # a span on a later day ('23:30–00:15 (+1)') as wide as LibreOffice sets its marks
        widths = [
            day_later(fit, span)
            if NEXT_DAY_MARK in span
            else fit.widest_word("Packet Cell", span, whole=True)
            for span in spans
        ]
        need = max(widths)
        need = max(need, fit.widest_word("Packet Cell Head", self.say("interview_time")))
        share = min((need * WIDER_FACE + margins + 1) / fit.width, fractions[2] / 2)
        fractions[2] -= share
        fractions.insert(2, share)
        return self.columns(*fractions), (*heads[:2], "interview_time", *heads[2:])

    def balance_shares(self, names: Sequence[str], sections: Sequence[str]) -> list[float]:
        """The columns of the questions per section, as shares of the width: the theme's
        section column (balance_section), the interviewers and the total sharing the rest;
        where the panel's `names` head them and one's longest word needs more (as wide as
        LibreOffice sets it), the section column and then the total's give way down to
        their own longest words (as the competency grid's first column does) for even
        columns that hold it; where none would, each holds its name's longest word and an
        even share of the rest; names longer still share what there is, and break."""
        first, panel = float(self.theme.columns["balance_section"]), len(names)
        even = (1 - first) / (panel + 1)
        fit, margins = self.fit, 2 * twips_to_points(CELL_MARGIN)

        def room(style: str, *texts: str) -> float:  # a column for the longest word
            word = max(fit.widest_word(style, text) for text in texts)
            return (word * WIDER_FACE + margins) / fit.width

        needs = [room("Packet Cell Head", name) for name in names]
        if not any(names) or max(needs) <= even:
            return [first, *[even] * (panel + 1)]
        short = max(needs) * panel - (1 - first - even)  # what even columns would lack
        given = max(0.0, min(short, first - room("Packet Cell", *sections)))
        first -= given
        least = room("Packet Cell Head", self.say("total"))
        total = even - max(0.0, min(short - given, even - least))
        left = 1 - first - total
        if max(needs) * panel <= left:
            return [first, *[left / panel] * panel, total]
        # else each name's column its own longest word, and an even share of what is left
        spare = left - sum(needs)
        if spare >= 0:
            return [first, *(need + spare / panel for need in needs), total]
        return [first, *(need * left / sum(needs) for need in needs), total]

    def panel_sheet(
        self,
        plans: Sequence[Sequence[PlanRow]],
        names: Sequence[str] = (),
        candidate: str = "",
        booked: Sequence[tuple[int, int]] = (),
    ) -> str:
        """Who asks what, the competencies each covers, each interviewer's running order,
        how each section is shared. `names` are the interviewers' (blank: to fill in);
        `booked`, with --start, when each interview starts and ends (minutes after
        midnight): each one's time, and the panel's start and end in the header."""
        wml, say = self.wml, self.say
        panel = len(plans)
        names = list(names) or [""] * panel
        hands = [[row.question for row in plan] for plan in plans]
        minutes = {row.question.id: row.minutes for plan in plans for row in plan}
        # from the panel's start on: a later interview's times past midnight marked
        since = booked[0][0] if booked else None
        spans = []
        for a, b in booked:
            start, end = clock_span(a, b, since=booked[0][0])
            spans.append(say("time_range", start=start, end=end))
        whole = (booked[0][0], booked[-1][1]) if booked else None
        out = [
            self.title(say("panel_subtitle_sheet", panel=panel)),
            self.header_form(say("coordinator"), "coordinator", candidate, booked=whole),
            wml.own_para("Heading 1", say("who_asks")),
        ]
        widths, heads = self.who_asks_columns(spans)
        header = [
            self.head_cell(w, say(k), align="right" if k == "plan_minutes" else None, own=True)
            for w, k in zip(widths, heads, strict=True)
        ]
        rows = [wml.row(header, header=True)]
        for number, hand in enumerate(hands, start=1):
            who = say("interviewer_number", number=number)
            given = names[number - 1]
            name = wml.paragraph("Packet Cell", wml.text_field(f"name-{number}", who, given))
            cells = [
                self.head_cell(widths[0], who, fill=None, own=True),
                wml.cell(widths[1], name, bottom_line=True),
            ]
            if spans:
                cells.append(wml.text_cell(widths[2], spans[number - 1], own=True))
            cells += [
                wml.text_cell(widths[-2], ", ".join(self.say.label(q) for q in hand)),
                wml.text_cell(widths[-1], str(sum(minutes[q.id] for q in hand)), align="right"),
            ]
            rows.append(wml.row(cells, height=self.field_height))
        out.append(wml.table(widths, rows))

        out.append(self.panel_coverage(hands, names))
        out.append(self.groups_spread(hands, names))
        out.append(wml.own_para("Heading 1", say("running_order")))
        intro = say("running_order_intro_timed" if booked else "running_order_intro")
        out.append(wml.own_para("Normal", intro, keep_next=True))
        for number, plan in enumerate(plans, start=1):
            who = say.pieces("interviewer_number", number=number)
            if names[number - 1]:  # a name as typed, in the bank's language
                who += ((" \u00b7 " + names[number - 1], False),)
            if booked:
                who += ((" \u00b7 ", False), (spans[number - 1], True))
            out.append(wml.paragraph("Heading 2", wml.said(who), keep_next=True))
            # one interviewer's order, short, on one page (moved whole when it does not fit)
            at = booked[number - 1][0] if booked else None
            kept = len(plan) <= KEPT_PLAN_ROWS
            out.append(self.plan_table(plan, plan[-1].end, kept=kept, at=at, since=since))

        # last, and kept together: on the next page whole if it does not fit
        out.append(wml.own_para("Heading 1", say("balance")))
        dealt = [q for hand in hands for q in hand]
        # every section of the bank, a row of noughts for one no interviewer asks (it was
        # left out of the table, and a coordinator counted three sections as the bank's all)
        asked = dict(by_section(in_bank_order(self.bank, dealt)))
        groups = [
            (s.name, asked.get(s.name, [])) for s in self.bank.sections if self.bank.questions_in(s)
        ]
        widths = self.columns(*self.balance_shares(names, [name for name, _ in groups]))
        # "Interviewer" once over their numbers, or their names where the panel has them
        # (the sheet's other tables name them: a hiring manager's trial read 1, 2, 3 here
        # beside Ann, Ben and Cy there): "Interviewer 1" in a column of its own broke
        # inside the word in a panel of four
        keep = {"keep_next": True}
        header = [
            self.head_cell(widths[0], say("plan_section"), merge="restart", own=True, **keep),
            self.head_cell(
                sum(widths[1:-1]), say("interviewer"), span=panel, align="center", own=True, **keep
            ),
            self.head_cell(
                widths[-1], say("total"), merge="restart", align="center", own=True, **keep
            ),
        ]
        numbers = [self.head_cell(widths[0], "", merge="continue", **keep)]
        numbers += [
            self.head_cell(w, names[n - 1] or str(n), align="center", **keep)
            for n, w in enumerate(widths[1:-1], start=1)
        ]
        numbers.append(self.head_cell(widths[-1], "", merge="continue", **keep))
        rows = [wml.row(header, header=True), wml.row(numbers, header=True)]
        for number, (section, members) in enumerate(groups, start=1):
            keep = {"keep_next": number < len(groups)}
            counts = [sum(q.section == section for q in hand) for hand in hands]
            values = [*map(str, counts), str(len(members))]
            with wml.written_in(self.bank.language_of(section)):
                cells = [wml.text_cell(widths[0], section, **keep)]
            cells += [
                wml.text_cell(w, v, align="center", **keep)
                for w, v in zip(widths[1:], values, strict=True)
            ]
            rows.append(wml.row(cells))
        out.append(wml.table(widths, rows))
        out.append(wml.closing())  # Word wants a paragraph after a final table
        return "".join(out)
