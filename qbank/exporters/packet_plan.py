"""The interview plan on a packet's first pages, and a panel's coordinator sheet.

Both list the questions in the order they are asked, with the whole question, the minutes
each takes and the clock; an introduction comes first and a wrap-up last (their minutes are
in templates/packet/theme.toml).
"""

from __future__ import annotations

from collections.abc import Sequence

from qbank.exporters.packet_pages import Pages, clock
from qbank.exporters.packet_select import PlanRow, by_section, in_bank_order


class PlanPages:
    """Makes the plans, with the parts and the look of `pages`."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages

    def plan(
        self,
        plan: Sequence[PlanRow],
        finish: int,
        *,
        slot: int | None,
        notes: Sequence[str] = (),
    ) -> str:
        """The interview plan on the first page: the rows of `plan`, with the introduction
        before them and the wrap-up after the last question at `finish`. With a `slot`
        (the interview's minutes) it is the time plan and says how the questions fit it."""
        wml, say = self.pages.wml, self.pages.say
        intro_minutes, wrap_minutes = self.pages.buffer
        values = {
            "introduction": intro_minutes,
            "wrap_up": wrap_minutes,
            "buffer": intro_minutes + wrap_minutes,
            "planned": finish - intro_minutes,
        }
        if slot is None:
            heading, key = say("plan_title"), "plan_intro"
        else:
            heading = say("time_plan")
            key = "time_plan_intro"
            spare = slot - finish - wrap_minutes
            values.update(slot=slot, spare=spare)
        out = [wml.para("Heading 1", heading), wml.para("Normal", say(key, **values))]
        out += [wml.para("Packet Note", note, keep_next=True) for note in notes]
        out.append(self.plan_table(plan, finish))
        return "".join(out)

    def plan_table(self, plan: Sequence[PlanRow], finish: int) -> str:
        """Q, section, the whole question, start, minutes and the time at its end; an
        introduction row first and a wrap-up row last. The head row repeats on each page.
        Times align right, as in every table of the packet."""
        wml, say = self.pages.wml, self.pages.say
        heads = ["plan_question", "plan_section", "question", "plan_start", "plan_minutes"]
        widths = self.pages.columns(*self.pages.theme.fractions("plan"))
        heads.append("plan_cumulative")
        times = len(heads) - 3  # the last three columns are times
        header = [
            self.pages.head_cell(w, say(k), align="right" if i >= times else None)
            for i, (w, k) in enumerate(zip(widths, heads, strict=True))
        ]
        rows = [wml.row(header, header=True)]

        def time_cells(start: int, minutes: str, end: int) -> list[str]:
            values = (clock(start), minutes, clock(end))
            return [
                wml.text_cell(w, v, align="right")
                for w, v in zip(widths[times:], values, strict=True)
            ]

        def buffer_row(label: str, start: int, minutes: int) -> str:
            span = times
            cells = [wml.cell(sum(widths[:2]), wml.paragraph("Packet Cell"), span=2)]
            text = wml.paragraph("Packet Cell", wml.run(label, color="muted"))
            cells.append(wml.cell(sum(widths[2:span]), text, span=span - 2))
            cells += time_cells(start, str(minutes), start + minutes)
            return wml.row(cells)

        intro_minutes, wrap_minutes = self.pages.buffer
        if intro_minutes:
            rows.append(buffer_row(say("introduction"), 0, intro_minutes))
        for row in plan:
            q = row.question
            minutes = f"{row.minutes}*" if row.defaulted else str(row.minutes)
            cells = [
                wml.text_cell(widths[0], q.label),
                wml.text_cell(widths[1], q.section),
                wml.text_cell(widths[2], q.question),
            ]
            cells += time_cells(row.start, minutes, row.end)
            rows.append(wml.row(cells))
        if wrap_minutes:
            rows.append(buffer_row(say("wrap_up"), finish, wrap_minutes))
        out = wml.table(widths, rows)
        if any(row.defaulted for row in plan):
            default = self.pages.theme.integer("default_minutes")
            out += wml.para("Packet Note", say("default_minutes_note", minutes=default))
        return out

    # -- the guide -----------------------------------------------------------------------

    def panel_sheet(self, plans: Sequence[Sequence[PlanRow]]) -> str:
        """Who asks what, each interviewer's running order, how each section is shared."""
        wml, say = self.pages.wml, self.pages.say
        panel = len(plans)
        hands = [[row.question for row in plan] for plan in plans]
        minutes = {row.question.id: row.minutes for plan in plans for row in plan}
        out = [
            self.pages.title(say("panel_subtitle_sheet", panel=panel)),
            self.pages.header_form(say("coordinator"), "coordinator"),
            wml.para("Heading 1", say("who_asks")),
        ]
        widths = self.pages.columns(*self.pages.theme.fractions("who_asks"))
        heads = ("interviewer", "name", "questions", "plan_minutes")
        header = [
            self.pages.head_cell(w, say(k), align="right" if k == "plan_minutes" else None)
            for w, k in zip(widths, heads, strict=True)
        ]
        rows = [wml.row(header, header=True)]
        for number, hand in enumerate(hands, start=1):
            who = say("interviewer_number", number=number)
            name = wml.paragraph("Packet Cell", wml.text_field(f"name-{number}", who))
            cells = [
                self.pages.head_cell(widths[0], who, fill=None),
                wml.cell(widths[1], name, bottom_line=True),
                wml.text_cell(widths[2], ", ".join(q.label for q in hand)),
                wml.text_cell(widths[3], str(sum(minutes[q.id] for q in hand)), align="right"),
            ]
            rows.append(wml.row(cells, height=self.pages.field_height))
        out.append(wml.table(widths, rows))

        out.append(wml.para("Heading 1", say("running_order")))
        out.append(wml.para("Normal", say("running_order_intro")))
        for number, plan in enumerate(plans, start=1):
            who = say("interviewer_number", number=number)
            out.append(wml.para("Heading 2", who, keep_next=True))
            out.append(self.plan_table(plan, plan[-1].end))

        # last, and kept together: on the next page whole if it does not fit
        out.append(wml.para("Heading 1", say("balance")))
        first = float(self.pages.theme.columns["balance_section"])
        widths = self.pages.columns(first, *[(1 - first) / (panel + 1)] * (panel + 1))
        numbers = [say("interviewer_number", number=n) for n in range(1, panel + 1)]
        keep = {"keep_next": True}
        header = [self.pages.head_cell(widths[0], say("plan_section"), **keep)]
        header += [
            self.pages.head_cell(w, h, align="center", **keep)
            for w, h in zip(widths[1:], [*numbers, say("total")], strict=True)
        ]
        rows = [wml.row(header, header=True)]
        dealt = [q for hand in hands for q in hand]
        groups = by_section(in_bank_order(self.pages.bank, dealt))
        for number, (section, members) in enumerate(groups, start=1):
            keep = {"keep_next": number < len(groups)}
            counts = [sum(q.section == section for q in hand) for hand in hands]
            values = [*map(str, counts), str(len(members))]
            cells = [wml.text_cell(widths[0], section, **keep)]
            cells += [
                wml.text_cell(w, v, align="center", **keep)
                for w, v in zip(widths[1:], values, strict=True)
            ]
            rows.append(wml.row(cells))
        out.append(wml.table(widths, rows))
        out.append(wml.paragraph("Normal"))  # Word wants a paragraph after a final table
        return "".join(out)
