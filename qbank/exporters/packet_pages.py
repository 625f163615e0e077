"""What an interviewer packet shows: the cover, the guide, a page per question, the scorecard.

Each method returns the XML of one part, at a cost that does not grow with the size of the
document. The words come from rubric.toml, the look from theme.toml (templates/packet/).
"""

from __future__ import annotations

from collections.abc import Sequence

from qbank import text as textkit
from qbank.exporters.packet_fit import PageFit
from qbank.exporters.packet_select import PlanRow
from qbank.exporters.packet_theme import Theme, Wording
from qbank.exporters.packet_xml import NONE, Wml
from qbank.model import Bank, Question, RubricLevel

Field = tuple[str, str | None]  # a label and its value; None is a field to fill in


def clock(minutes: int) -> str:
    """0:05, 1:20: minutes from the start of the interview."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def shorten(text: str, limit: int) -> str:
    """`text` as a reader sees it, cut at a word before `limit` characters."""
    flat = " ".join(textkit.plain(text).split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] or flat[: limit - 1]
    return cut.rstrip(" ,;:") + "\u2026"


def slug(text: str) -> str:
    return "-".join(text.lower().split())


class Pages:
    """Makes the parts of packets and panel sheets."""

    def __init__(self, wml: Wml, theme: Theme, wording: Wording, bank: Bank) -> None:
        self.wml = wml
        self.theme = theme
        self.say = wording
        self.bank = bank
        self.rubric: tuple[RubricLevel, ...] = bank.rubric or wording.levels
        self.width = theme.text_width
        self.field_height = theme.twips("field_mm")
        self.line_height = theme.twips("line_mm")
        self._descriptions = {s.name: s.description for s in bank.sections}
        self.fit = PageFit(theme)
        self._ruled: dict[int, str] = {}  # notes areas by their number of lines
        hint_share = 0.18
        share = (1 - hint_share) / len(self.rubric)
        self._rating_widths = self.columns(*[share] * len(self.rubric), hint_share)
        self._labels = {
            key: wml.paragraph("Packet Label", wml.run(wording(key)), keep_next=False)
            for key in ("follow_ups", "strong_answer", "look_for", "rating", "notes")
        }

    def columns(self, *fractions: float) -> list[int]:
        """Column widths (twips) for fractions of the text width; the last takes the rest."""
        widths = [round(self.width * f) for f in fractions[:-1]]
        return widths + [self.width - sum(widths)]

    def head_cell(self, width: int, text: str, **options: object) -> str:
        options.setdefault("fill", "shade")
        return self.wml.text_cell(width, text, style="Packet Cell Head", **options)

    # -- the first page ----------------------------------------------------------------

    def title(self, subtitle: str) -> str:
        wml = self.wml
        return wml.para("Title", self.bank.title) + wml.para("Subtitle", subtitle)

    def form(self, rows: Sequence[Sequence[Field]]) -> str:
        """Labels with values or fields to fill in. A row with one pair spans the width;
        a row with two or three shares it."""
        wml = self.wml
        widths = self.columns(*[0.14, 0.19] * 3)
        rows_xml = []
        for pairs in rows:
            span = 6 // len(pairs) - 1
            cells = []
            for index, (label, value) in enumerate(pairs):
                column = index * (span + 1)
                cells.append(self.head_cell(widths[column], label, valign="bottom"))
                if value is None:
                    content = wml.text_field(slug(label), label)
                else:
                    content = wml.text(value)
                width = sum(widths[column + 1 : column + 1 + span])
                paragraph = wml.paragraph("Packet Cell", content)
                cells.append(
                    wml.cell(width, paragraph, span=span, bottom_line=True, valign="bottom")
                )
            rows_xml.append(wml.row(cells, height=self.field_height))
        return wml.table(widths, rows_xml, borders=NONE)

    def interview_form(self) -> str:
        say = self.say
        return self.form(
            [
                [(say("role"), self.bank.title)],
                [(say("candidate"), None)],
                [(say("interviewer"), None)],
                [(say("date"), None), (say("start"), None), (say("end"), None)],
            ]
        )

    def summary(self, lines: Sequence[str]) -> str:
        wml = self.wml
        return wml.paragraph("Normal") + "".join(wml.para("Packet Meta", line) for line in lines)

    def time_plan(self, plan: Sequence[PlanRow], slot: int, planned: int, panel: bool) -> str:
        """The rows of `plan` (all the interview's questions, or one panel member's) and how
        the interview's `planned` minutes fit its `slot`."""
        wml, say = self.wml, self.say
        mine = sum(row.minutes for row in plan)
        key = "time_plan_panel_intro" if panel else "time_plan_intro"
        intro = say(key, slot=slot, planned=planned, spare=slot - planned, mine=mine)
        return (
            wml.para("Heading 1", say("time_plan"))
            + wml.para("Normal", intro)
            + self.plan_table(plan)
        )

    def plan_table(self, plan: Sequence[PlanRow], owner: dict[str, int] | None = None) -> str:
        """Q, section, question, (who asks it,) start, minutes and minutes at its end."""
        wml, say = self.wml, self.say
        heads = ["plan_question", "plan_section", "question", "plan_start", "plan_minutes"]
        fractions = [0.07, 0.19, 0.4, 0.1, 0.11, 0.13]
        if owner is not None:
            heads.insert(3, "asked_by")
            fractions[2:3] = [0.26, 0.14]
        widths = self.columns(*fractions)
        heads.append("plan_cumulative")
        header = [self.head_cell(w, say(k)) for w, k in zip(widths, heads, strict=True)]
        rows = [wml.row(header, header=True)]
        for row in plan:
            q = row.question
            minutes = f"{row.minutes}*" if row.defaulted else str(row.minutes)
            values = [q.label, q.section, shorten(q.question, 60), clock(row.start), minutes]
            if owner is not None:
                values.insert(3, say("interviewer_number", number=owner[q.id]))
            values.append(clock(row.end))
            cells = [wml.text_cell(w, v) for w, v in zip(widths, values, strict=True)]
            rows.append(wml.row(cells))
        out = wml.table(widths, rows)
        if any(row.defaulted for row in plan):
            default = self.theme.integer("default_minutes")
            out += wml.para("Packet Note", say("default_minutes_note", minutes=default))
        return out

    # -- the guide -----------------------------------------------------------------------

    def guide(self) -> str:
        wml, say, guide = self.wml, self.say, self.say.guide
        out = [
            wml.para("Heading 1", guide["title"], page_break=True),
            wml.para("Normal", guide["intro"]),
            wml.paragraph("Normal"),
        ]
        for number, step in enumerate(guide["steps"], start=1):
            out.append(
                wml.paragraph("Packet Item", wml.run(f"{number}.\t", bold=True) + wml.text(step))
            )
        out.append(wml.para("Heading 2", guide["scale_title"]))
        out.append(wml.para("Normal", guide["scale_intro"]))
        out.append(wml.paragraph("Normal"))
        widths = self.columns(0.09, 0.2, 0.71)
        rows = [
            wml.row(
                [
                    self.head_cell(width, say(key))
                    for width, key in zip(widths, ("score", "rating", "anchor"), strict=True)
                ],
                header=True,
            )
        ]
        for level in self.rubric:
            cells = [
                self.head_cell(widths[0], str(level.score), fill=None, align="center"),
                self.head_cell(widths[1], level.label, fill=None),
                wml.text_cell(widths[2], level.anchor),
            ]
            rows.append(wml.row(cells, height=self.field_height))
        out.append(wml.table(widths, rows))
        return "".join(out)

    # -- a page per question ----------------------------------------------------------------

    def ruled_lines(self, lines: int) -> str:
        if lines not in self._ruled:
            self._ruled[lines] = self.wml.ruled_lines(lines, self.line_height)
        return self._ruled[lines]

    def question(self, q: Question, *, opens_section: bool, first: bool, compact: bool) -> str:
        """A question's page; one that opens its section starts with the section's heading.

        Each question starts a page unless `compact`; the `first` always does, after the
        guide. In a compact packet the block under the heading is one row that does not
        split, and the heading keeps with it, so a question that does not fit the rest of
        a page moves whole to the next one. A question taller than a page keeps all but its
        last notes lines in that row, so it breaks only in its notes."""
        wml, say, labels = self.wml, self.say, self._labels
        minutes = say("minutes", minutes=q.minutes) if q.minutes else say("no_minutes")
        out = []
        description = self._descriptions.get(q.section, "")
        if opens_section:
            out.append(wml.para("Heading 1", q.section, page_break=first or not compact))
            if description:
                out.append(wml.para("Packet Meta", description))
        heading = wml.run(f"{q.label}\t") + wml.text(q.question)
        out.append(wml.paragraph("Heading 2", heading, page_break=not (compact or opens_section)))
        block = [wml.para("Packet Meta", f"{q.section} \u00b7 {minutes}", keep_next=False)]
        if q.follow_ups:
            block.append(labels["follow_ups"])
            for follow_up in q.follow_ups:
                item = wml.run("\u2022\t") + wml.text(follow_up)
                block.append(wml.paragraph("Packet Item", item))
        block.append(labels["strong_answer"])
        block.append(wml.para("Packet Hint", q.hint))
        if q.note:
            note = wml.run(say("note") + " ", bold=True) + wml.text(q.note)
            block.append(wml.paragraph("Packet Note", note))
        if q.look_for:
            block.append(labels["look_for"])
            for number, signal in enumerate(q.look_for, start=1):
                box = wml.box(f"{q.id}:look-for:{number}")
                item = box + wml.run("\t") + wml.text(signal)
                block.append(wml.paragraph("Packet Item", item))
        block.append(labels["rating"])
        block.append(self.rating_row(q))
        block.append(labels["notes"])
        heading_text = q.section if opens_section else None
        if not compact:  # the question has its page; its notes fill the rest of it
            lines = self.fit.notes_lines(q, heading_text, description)
            block.append(self.ruled_lines(lines))
            out.append(wml.block(self.width, "".join(block), can_split=True))
            return "".join(out)
        lines = self.theme.integer("compact_notes_lines")
        if self.fit.fits_a_page(q, heading_text, description, lines):
            block.append(self.ruled_lines(lines))
            out.append(wml.block(self.width, "".join(block)))
        else:
            block.append(self.ruled_lines(1))
            out.append(wml.block(self.width, "".join(block)))
            out.append(self.ruled_lines(lines - 1))
        return "".join(out)

    def rating_row(self, q: Question) -> str:
        """One box per rubric score, and one for 'hint given'."""
        wml, widths = self.wml, self._rating_widths
        cells = []
        for width, level in zip(widths, self.rubric, strict=False):
            score = wml.box(f"{q.id}:score:{level.score}") + wml.run(f" {level.score}", bold=True)
            label = wml.run(level.label, color="muted")
            content = wml.paragraph("Packet Cell", score, align="center")
            content += wml.paragraph("Packet Cell", label, align="center")
            cells.append(wml.cell(width, content))
        hint = wml.box(f"{q.id}:hint-given") + wml.run(" " + self.say("hint_given"))
        content = wml.paragraph("Packet Cell", hint, align="center")
        cells.append(wml.cell(widths[-1], content, fill="section_shade"))
        return wml.table(widths, [wml.row(cells, height=self.field_height)])

    # -- the scorecard -----------------------------------------------------------------------

    def scorecard(self, questions: Sequence[Question]) -> str:
        wml, say = self.wml, self.say
        top = self.rubric[-1].score
        widths = self.columns(0.09, 0.73, 0.18)
        label_width = widths[0] + widths[1]
        limit = self.theme.integer("scorecard_question_chars")
        heads = ("plan_question", "question", "score")
        rows = [
            wml.row(
                [self.head_cell(w, say(k)) for w, k in zip(widths, heads, strict=True)],
                header=True,
            )
        ]
        height = self.line_height
        for section, members in _by_section(questions):
            rows.append(
                wml.row(
                    [self.head_cell(self.width, section, span=3, fill="section_shade")],
                    height=height,
                )
            )
            for q in members:
                cells = [
                    self.head_cell(widths[0], q.label, fill=None),
                    wml.text_cell(widths[1], shorten(q.question, limit)),
                    self.out_of(widths[2], top),
                ]
                rows.append(wml.row(cells, height=height))
            subtotal = say("subtotal", section=section)
            cells = [
                self.head_cell(label_width, subtotal, span=2, fill=None, align="right"),
                self.out_of(widths[2], top * len(members)),
            ]
            rows.append(wml.row(cells, height=height))
        total = [
            self.head_cell(label_width, say("total"), span=2, align="right"),
            self.out_of(widths[2], top * len(questions), fill="shade"),
        ]
        rows.append(wml.row(total, height=height))
        return "".join(
            [
                wml.para("Heading 1", say("scorecard"), page_break=True),
                wml.para("Normal", say("scorecard_intro")),
                wml.paragraph("Normal"),
                wml.table(widths, rows),
                self.recommendation(),
                wml.para("Packet Label", say("evidence")),
                self.ruled_lines(self.theme.integer("evidence_lines")),
                wml.paragraph("Normal"),
                self.form([[(say("signature"), None), (say("date"), None)]]),
                wml.paragraph("Normal"),  # Word wants a paragraph after a final table
            ]
        )

    def out_of(self, width: int, top: int, fill: str | None = None) -> str:
        """A score cell: room to write, then '/ 5' at the right."""
        wml = self.wml
        content = wml.run(self.say("out_of", max=top), color="muted")
        return wml.cell(width, wml.paragraph("Packet Cell", content, align="right"), fill=fill)

    def recommendation(self) -> str:
        wml = self.wml
        options = self.say.recommendations
        widths = self.columns(*[1 / len(options)] * len(options))
        cells = []
        for width, option in zip(widths, options, strict=True):
            content = wml.box(f"recommendation:{slug(option)}") + wml.run(f" {option}", bold=True)
            cells.append(wml.cell(width, wml.paragraph("Packet Cell", content, align="center")))
        heading = wml.para("Heading 2", self.say.recommendation_title)
        return heading + wml.table(widths, [wml.row(cells, height=self.field_height)])

    # -- the coordinator's sheet of a panel ----------------------------------------------------

    def panel_sheet(self, plan: Sequence[PlanRow], hands: Sequence[Sequence[Question]]) -> str:
        """Who asks what, how each section is shared, and the running order."""
        wml, say = self.wml, self.say
        panel = len(hands)
        owner = {q.id: number for number, hand in enumerate(hands, start=1) for q in hand}
        minutes = {row.question.id: row.minutes for row in plan}
        out = [
            self.title(say("panel_subtitle_sheet", panel=panel)),
            self.form(
                [
                    [(say("role"), self.bank.title)],
                    [(say("candidate"), None)],
                    [(say("coordinator"), None)],
                    [(say("date"), None), (say("start"), None), (say("end"), None)],
                ]
            ),
            wml.para("Heading 1", say("who_asks")),
        ]
        widths = self.columns(0.16, 0.26, 0.44, 0.14)
        heads = ("interviewer", "name", "questions", "plan_minutes")
        header = [self.head_cell(w, say(k)) for w, k in zip(widths, heads, strict=True)]
        rows = [wml.row(header, header=True)]
        for number, hand in enumerate(hands, start=1):
            who = say("interviewer_number", number=number)
            name = wml.paragraph("Packet Cell", wml.text_field(f"name-{number}", who))
            cells = [
                self.head_cell(widths[0], who, fill=None),
                wml.cell(widths[1], name, bottom_line=True),
                wml.text_cell(widths[2], ", ".join(q.label for q in hand)),
                wml.text_cell(widths[3], str(sum(minutes[q.id] for q in hand)), align="right"),
            ]
            rows.append(wml.row(cells, height=self.field_height))
        out.append(wml.table(widths, rows))

        out.append(wml.para("Heading 1", say("balance")))
        share = 0.6 / (panel + 1)
        widths = self.columns(0.4, *[share] * (panel + 1))
        numbers = [say("interviewer_number", number=n) for n in range(1, panel + 1)]
        header = [self.head_cell(widths[0], say("plan_section"))]
        header += [
            self.head_cell(w, h, align="center")
            for w, h in zip(widths[1:], [*numbers, say("total")], strict=True)
        ]
        rows = [wml.row(header, header=True)]
        for section, members in _by_section([row.question for row in plan]):
            counts = [sum(q.section == section for q in hand) for hand in hands]
            values = [*map(str, counts), str(len(members))]
            cells = [wml.text_cell(widths[0], section)]
            cells += [
                wml.text_cell(w, v, align="center") for w, v in zip(widths[1:], values, strict=True)
            ]
            rows.append(wml.row(cells))
        out.append(wml.table(widths, rows))

        out.append(wml.para("Heading 1", say("running_order")))
        out.append(wml.para("Normal", say("running_order_intro")))
        out.append(self.plan_table(plan, owner))
        out.append(wml.paragraph("Normal"))  # Word wants a paragraph after a final table
        return "".join(out)


def _by_section(questions: Sequence[Question]) -> list[tuple[str, list[Question]]]:
    """Runs of questions that share a section, in the order given."""
    groups: list[tuple[str, list[Question]]] = []
    for q in questions:
        if not groups or groups[-1][0] != q.section:
            groups.append((q.section, []))
        groups[-1][1].append(q)
    return groups
