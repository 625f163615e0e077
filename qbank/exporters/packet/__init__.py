"""The interviewer packet: a DOCX to run and score a structured interview.

`<bank>-packet.docx` holds a header to fill in, a one-page guide with the rating scale, a
page per question (follow-ups, what a strong answer covers, tick boxes for its signals, a
rating row and ruled notes) and a scorecard. `--count`, `--minutes` and `--seed` choose the
questions; `--panel K` deals them to K interviewers and adds a coordinator's sheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from qbank.errors import QbankError
from qbank.exporters import Exporter, Job, Option
from qbank.exporters.packet.document import new_document, save, write_footer
from qbank.exporters.packet.look import Theme, Wording, load_theme, load_wording
from qbank.exporters.packet.pages import Pages
from qbank.exporters.packet.select import (
    DEFAULT_SEED,
    PlanRow,
    choose,
    cost,
    split_panel,
    time_plan,
)
from qbank.model import Question
from qbank.paper import PAPER


@dataclass(frozen=True)
class Selection:
    """The questions of one build, and how they were chosen."""

    questions: tuple[Question, ...]
    seed: int | None  # None when every question is in (no --count, no --minutes)
    slot: int | None  # --minutes
    plan: tuple[PlanRow, ...]  # the whole interview, in the order the questions are asked
    notes: tuple[str, ...] = ()  # sections that no question could be chosen from, and why


def build(
    job: Job,
    count: int | None = None,
    seed: int | None = None,
    minutes: int | None = None,
    panel: int | None = None,
    compact: bool = False,
    paper: str = "a4",
) -> list[Path]:
    theme, wording = load_theme(paper), load_wording()
    bank = job.bank
    default_minutes = theme.integer("default_minutes")
    introduction = theme.integer("introduction_minutes")
    buffer = introduction + theme.integer("wrap_up_minutes")
    chosen_seed = DEFAULT_SEED if seed is None else seed
    for_questions = None if minutes is None else minutes - buffer
    questions = ()
    if for_questions is None or for_questions > 0:
        questions = choose(
            bank,
            count=count,
            minutes=for_questions,
            seed=chosen_seed,
            default_minutes=default_minutes,
        )
    if not questions:
        shortest = min(cost(q, default_minutes) for q in bank.questions)
        raise QbankError(
            f"--minutes {minutes}: no question fits; {buffer} minutes are kept for the "
            f"introduction and wrap-up, and the shortest question takes {shortest}"
        )
    if count is not None and count > len(bank.questions):
        job.warn(
            f"--count {count}: only {len(bank.questions)} questions to choose from; all are used"
        )
    notes = []
    asked = {q.section for q in questions}
    for section in bank.sections:
        if section.name not in asked and bank.questions_in(section.name):
            if minutes is not None:
                notes.append(wording("section_does_not_fit", section=section.name))
            else:
                notes.append(wording("section_not_chosen", section=section.name, count=count))
    option = f"--count {count}" if minutes is None else f"--minutes {minutes}"
    if notes:
        job.warn(f"{option}: " + " ".join(notes))
    selection = Selection(
        questions=questions,
        seed=None if count is None and minutes is None else chosen_seed,
        slot=minutes,
        plan=time_plan(questions, default_minutes, start=introduction),
        notes=tuple(notes),
    )
    if panel is None:
        written = [
            write_packet(
                job, f"{bank.name}-packet.docx", selection, theme, wording, compact=compact
            )
        ]
    else:
        if panel > len(questions):
            raise QbankError(
                f"--panel {panel}: only {len(questions)} questions are chosen; "
                "each interviewer needs at least one"
            )
        hands = split_panel(bank, questions, panel, default_minutes)
        written = [
            write_packet(
                job,
                f"{bank.name}-packet-{number}.docx",
                selection,
                theme,
                wording,
                compact=compact,
                hand=(number, hand),
                panel=panel,
            )
            for number, hand in enumerate(hands, start=1)
        ]
        sheet = f"{bank.name}-packet-panel.docx"
        written.append(write_panel_sheet(job, sheet, selection, hands, theme, wording))
        retire_other_panels(job, len(hands))
    job.advance(len(bank.questions) - len(questions))  # the bar counts the whole bank
    return written


def retire_other_panels(job: Job, members: int) -> None:
    """The packets of a larger panel built earlier into the same folder must not be
    handed out with this one: they go when this build commits."""
    pattern = re.compile(rf"{re.escape(job.bank.name)}-packet-(\d+)\.docx")
    for path in job.out_dir.glob(f"{job.bank.name}-packet-*.docx"):
        found = pattern.fullmatch(path.name)
        if found and int(found.group(1)) > members:
            job.retire(path.name)


def write_packet(
    job: Job,
    filename: str,
    selection: Selection,
    theme: Theme,
    wording: Wording,
    *,
    compact: bool = False,
    hand: tuple[int, tuple[Question, ...]] | None = None,
    panel: int = 1,
) -> Path:
    """One interviewer's packet: all of `selection`, or one panel member's `hand` of it.
    `job.advance(1)` is called as each question is written."""
    bank = job.bank
    document, wml = new_document(theme)
    pages = Pages(wml, theme, wording, bank)
    say = wording
    if hand is None:
        questions = selection.questions
        subtitle = say("subtitle")
    else:
        number, questions = hand
        subtitle = say("panel_subtitle", number=number, panel=panel)
    mine = {q.id for q in questions}
    plan = [row for row in selection.plan if row.question.id in mine]
    sections = len({q.section for q in questions})
    minutes = sum(row.minutes for row in plan)
    lines = [say("summary", count=len(questions), sections=sections, minutes=minutes)]
    if selection.seed is not None:
        lines.append(say("selection", seed=selection.seed, available=len(bank.questions)))
    if hand is not None:
        lines.append(say("panel_note"))
    if bank.reviewed is not None:
        lines.append(say("facts_checked", date=bank.reviewed.isoformat()))
    finish = selection.plan[-1].end

    def body() -> Iterator[str]:  # written out question by question as the file is saved
        yield pages.title(subtitle) + pages.header_form(say("interviewer"), "interviewer")
        yield pages.summary(lines)
        yield pages.plan(
            plan, finish, slot=selection.slot, panel=hand is not None, notes=selection.notes
        )
        yield pages.guide()
        section = None
        for q in questions:
            opens = q.section != section
            first = section is None
            yield pages.question(q, opens_section=opens, first=first, compact=compact)
            section = q.section
            job.advance(1)
        yield pages.scorecard(questions)

    write_footer(document, wml, say("footer", title=bank.title))
    save(document, body(), job.write(filename), bank.title, subtitle, job.timestamp)
    return job.out_dir / filename


def write_panel_sheet(
    job: Job,
    filename: str,
    selection: Selection,
    hands: Sequence[tuple[Question, ...]],
    theme: Theme,
    wording: Wording,
) -> Path:
    """The coordinator's sheet: who asks what, the balance over sections, the running order."""
    bank = job.bank
    document, wml = new_document(theme)
    body = Pages(wml, theme, wording, bank).panel_sheet(selection.plan, hands)
    write_footer(document, wml, wording("footer", title=bank.title))
    subject = wording("panel_title")
    save(document, body, job.write(filename), bank.title, subject, job.timestamp)
    return job.out_dir / filename


EXPORTER = Exporter(
    name="packet",
    summary="Interviewer packet (DOCX): guide, a scoring page per question, scorecard.",
    build=build,
    options=(
        Option(
            "count",
            type=int,
            minimum=1,
            metavar="N",
            help="Packet: pick N questions spread over the sections.",
        ),
        Option(
            "seed",
            type=int,
            metavar="S",
            help=f"Packet: which questions --count/--minutes pick (default {DEFAULT_SEED}).",
        ),
        Option(
            "minutes",
            type=int,
            minimum=1,
            metavar="M",
            help="Packet: pick questions that fit an interview of M minutes; adds a time plan.",
        ),
        Option(
            "panel",
            type=int,
            minimum=2,
            metavar="K",
            help="Packet: deal the questions to K interviewers, plus a coordinator's sheet.",
        ),
        PAPER,
        Option(
            "compact",
            type=bool,
            help="Packet: questions follow one another instead of a page each.",
        ),
    ),
)
