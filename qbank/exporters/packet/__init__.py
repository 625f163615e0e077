"""The interviewer packet: a DOCX to run and score a structured interview.

`<bank>-packet.docx` holds a header to fill in, a one-page guide with the rating scale, a
page per question (follow-ups, what a strong answer covers, tick boxes for its signals, a
rating row and ruled notes) and a scorecard. `--count`, `--minutes` and `--seed` choose the
questions; `--panel K` deals them to K interviewers and adds a coordinator's sheet.
"""

from __future__ import annotations

import glob
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from qbank.errors import OptionError, QbankError
from qbank.exporters import Exporter, Job, Option
from qbank.exporters.packet.identity import Identity, fingerprint, rubric_fingerprint
from qbank.exporters.packet.pages import Pages
from qbank.exporters.packet.select import (
    DEFAULT_SEED,
    PlanRow,
    Unfillable,
    cost,
    deal,
    split_panel,
    time_plan,
)
from qbank.model import DEFAULT_MINUTES, Question
from qbank.paper import PAPER
from qbank.rubric import Wording, load_wording
from qbank.wordml.theme import Theme, load_theme


@dataclass(frozen=True)
class Interview:
    """One interviewer's questions and plan, and how they were chosen."""

    questions: tuple[Question, ...]
    plan: tuple[PlanRow, ...]  # in the order the questions are asked, clock from 0:00
    seed: int | None  # None when every question is in (--all)
    slot: int | None  # the interview's minutes; None with --all
    notes: tuple[str, ...] = ()  # sections that no question could be chosen from, and why
    number: int | None = None  # the interviewer's number on a panel
    panel: int = 1
    candidate: str = ""
    settings: str = ""  # the options that chose them, as the packet records them


def build(
    job: Job,
    count: int | None = None,
    seed: int | None = None,
    minutes: int | None = None,
    all: bool = False,  # noqa: A002 (the option --all)
    panel: int | None = None,
    candidate: str | None = None,
    compact: bool = False,
    paper: str = "a4",
    format: str = "docx",  # noqa: A002 (the option --format)
) -> list[Path]:
    theme, wording = load_theme(paper), load_wording()
    bank = job.bank
    every = all
    if every and (count is not None or minutes is not None or seed is not None):
        raise OptionError("--all takes every question: leave out --count, --minutes and --seed")
    candidate = (candidate or "").strip()
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in candidate):
        raise OptionError(f"--candidate {candidate!r}: a name cannot hold control characters")
    default_minutes = DEFAULT_MINUTES  # the rule the booklet follows too
    introduction = theme.integer("introduction_minutes")
    buffer = introduction + theme.integer("wrap_up_minutes")
    chosen_seed = DEFAULT_SEED if seed is None else seed
    if every:
        slot = None
    elif minutes is None and count is None:
        slot = theme.integer("interview_minutes")  # the default: one interview
        shortest = min(cost(q, default_minutes) for q in bank.questions)
        if shortest + buffer > slot:  # long questions: the interview grows to hold one
            job.warn(
                f"the default {slot}-minute interview holds no question of this bank (the "
                f"shortest takes {shortest} minutes, and {buffer} are kept for the introduction "
                f"and wrap-up); the packet is one interview of {shortest + buffer} minutes. "
                "--minutes M sets the length."
            )
            slot = shortest + buffer
    else:
        slot = minutes
    option = (
        " ".join(
            f"--{name} {value}"
            for name, value in (("count", count), ("minutes", minutes), ("panel", panel))
            if value is not None
        )
        or f"the default {slot}-minute interview"
    )

    if every:
        if panel is not None and panel > len(bank.questions):
            raise QbankError(
                f"--panel {panel}: only {len(bank.questions)} questions; "
                "each interviewer needs at least one"
            )
        hands = (bank.questions,) if panel is None else split_panel(bank, bank.questions, panel)
        for number, hand in enumerate(hands if panel else (), start=1):
            seen = Counter(q.group for q in hand if q.group is not None)
            if doubled := sorted(g for g, n in seen.items() if n > 1):
                job.warn(
                    f"--all --panel {panel}: interviewer {number} asks two questions of group "
                    f"{', '.join(doubled)}; the group has more questions than the panel has "
                    "interviewers"
                )
    else:
        try:
            choices = deal(
                bank,
                panel or 1,
                count=count,
                minutes=None if slot is None else max(0, slot - buffer),
                seed=chosen_seed,
                default_minutes=default_minutes,
            )
        except Unfillable as exc:
            raise OptionError(f"--count {count} --minutes {minutes}: {exc}") from None
        hands = tuple(c.questions for c in choices)
        for number, found in enumerate(choices, start=1):
            if found.doubled:
                who = "" if panel is None else f"interviewer {number} "
                job.warn(
                    f"{option}: {who}asks two questions of group "
                    + ", ".join(found.doubled)
                    + "; there was no other way to reach the count"
                )
    if min(map(len, hands)) == 0:
        if not any(hands):
            shortest = min(cost(q, default_minutes) for q in bank.questions)
            raise QbankError(
                f"--minutes {slot}: no question fits; {buffer} minutes are kept for the "
                f"introduction and wrap-up, and the shortest question takes {shortest}"
            )
        given = sum(1 for hand in hands if hand)
        raise QbankError(
            f"--panel {panel}: the bank's {len(bank.questions)} questions make only {given} "
            "interviews without asking a question twice; choose a smaller panel"
        )
    if count is not None and count > len(bank.questions):
        job.warn(
            f"--count {count}: only {len(bank.questions)} questions to choose from; all are used"
        )
    given = {"count": count, "minutes": minutes, "all": every or None, "panel": panel}
    given |= {"paper": paper, "seed": None if every else chosen_seed}
    settings = " ".join(f"{key}={value}" for key, value in given.items() if value is not None)
    interviews = []
    for number, hand in enumerate(hands, start=1):
        notes = []
        asked = {q.section for q in hand}
        for section in bank.sections:
            if section.name not in asked and bank.questions_in(section.name):
                if count is None or len(hand) >= len(bank.sections):
                    notes.append(wording("section_does_not_fit", section=section.name))
                else:
                    notes.append(wording("section_not_chosen", section=section.name, count=count))
        if notes:
            who = "" if panel is None else f" (interviewer {number})"
            job.warn(f"{option}{who}: " + " ".join(notes))
        interviews.append(
            Interview(
                questions=hand,
                plan=time_plan(hand, default_minutes, start=introduction),
                seed=None if every else chosen_seed,
                slot=slot,
                notes=tuple(notes),
                number=None if panel is None else number,
                panel=panel or 1,
                candidate=candidate,
                settings=settings,
            )
        )
    variant = []
    if every:
        variant.append("all")
    if count is not None:
        variant.append(f"{count}q")
    if minutes is not None:
        variant.append(f"{minutes}min")
    if seed is not None:
        variant.append(f"seed{seed}")
    if candidate:
        variant.append(candidate)

    def name(part: str = "", ext: str = format) -> str:
        return job.filename(ext, "packet", variant, part)

    if panel is None:
        written = [write_packet(job, name(), interviews[0], theme, wording, compact, format)]
    else:
        written = [
            write_packet(job, name(str(i.number)), i, theme, wording, compact, format)
            for i in interviews
        ]
        # the coordinator's sheet is read, not filled in: it stays a DOCX
        written.append(write_panel_sheet(job, name("panel", "docx"), interviews, theme, wording))
        retire_other_panels(job, name("0"), len(hands))
    asked = sum(len(hand) for hand in hands)
    job.advance(len(bank.questions) - asked)  # the bar counts the whole bank
    return written


def retire_other_panels(job: Job, first: str, members: int) -> None:
    """The packets of a larger panel built earlier into the same folder under the same
    name must not be handed out with this one: they go when this build commits.
    `first` is the name a member 0 would have."""
    stem, ext = first.rsplit(".", 1)
    prefix = stem.removesuffix("0")
    pattern = re.compile(rf"{re.escape(prefix)}(\d+)\.{ext}")
    for path in job.out_dir.glob(f"{glob.escape(prefix)}*.{ext}"):
        found = pattern.fullmatch(path.name)
        if found and int(found.group(1)) > members:
            job.retire(path.name)


def write_packet(
    job: Job,
    filename: str,
    interview: Interview,
    theme: Theme,
    wording: Wording,
    compact: bool = False,
    format: str = "docx",  # noqa: A002 (the option --format)
) -> Path:
    """One interviewer's packet, a DOCX or a fillable PDF. `job.advance(1)` is called as
    each question is written."""
    bank = job.bank
    say = wording
    questions, plan = interview.questions, interview.plan
    if interview.number is None:
        subtitle = say("subtitle")
    else:
        subtitle = say("panel_subtitle", number=interview.number, panel=interview.panel)
    sections = len({q.section for q in questions})
    minutes = sum(row.minutes for row in plan)
    lines = [say("summary", count=len(questions), sections=sections, minutes=minutes)]
    if interview.seed is not None:
        lines.append(say("selection", seed=interview.seed, available=len(bank.questions)))
    if interview.number is not None:
        lines.append(say("panel_note"))
    if bank.reviewed is not None:
        lines.append(say("facts_checked", date=bank.reviewed.isoformat()))
    finish = plan[-1].end
    identity = Identity(
        bank=bank.name,
        title=bank.title,
        settings=interview.settings,
        member=interview.number or 1,
        panel=interview.panel,
        rubric=rubric_fingerprint(bank.rubric or wording.levels),
        questions=tuple((q.id, fingerprint(q)) for q in questions),
    )
    footer = say(
        "footer", title=bank.title, candidate=interview.candidate or say("candidate_blank")
    )
    if format == "pdf":
        from qbank.exporters.packet.fillable import FillablePacket  # reportlab: only for PDFs

        packet = FillablePacket(bank, theme, wording, job.warn, job.advance)
        story = [
            *packet.title(subtitle),
            packet.header_form(interview.candidate),
            *packet.summary(lines),
            *packet.plan(plan, finish, slot=interview.slot, notes=interview.notes),
            *packet.guide(),
        ]
        section = None
        for q in questions:
            story += packet.question(q, opens_section=q.section != section, compact=compact)
            section = q.section
        story += packet.scorecard(questions)
        packet.write(
            job.write(filename),
            story,
            title=bank.title,
            subject=subtitle,
            footer=footer,
            properties=identity.properties(),
            timestamp=job.timestamp,
        )
        return job.out_dir / filename
    from qbank.wordml.document import new_document, save, write_footer  # python-docx: DOCX only

    document, wml = new_document(theme)
    pages = Pages(wml, theme, wording, bank)

    def body() -> Iterator[str]:  # written out question by question as the file is saved
        form = pages.header_form(say("interviewer"), "interviewer", interview.candidate)
        yield pages.title(subtitle) + form
        yield pages.summary(lines)
        yield pages.plan(plan, finish, slot=interview.slot, notes=interview.notes)
        yield pages.guide()
        section = None
        for q in questions:
            opens = q.section != section
            first = section is None
            yield pages.question(q, opens_section=opens, first=first, compact=compact)
            section = q.section
            job.advance(1)
        yield pages.scorecard(questions)

    write_footer(document, wml, footer, say.labels["page_of"])
    save(
        document,
        body(),
        job.write(filename),
        bank.title,
        subtitle,
        job.timestamp,
        custom=identity.properties(),
    )
    return job.out_dir / filename


def write_panel_sheet(
    job: Job,
    filename: str,
    interviews: Sequence[Interview],
    theme: Theme,
    wording: Wording,
) -> Path:
    """The coordinator's sheet: who asks what, the balance over sections, each interview."""
    from qbank.wordml.document import new_document, save, write_footer

    bank = job.bank
    document, wml = new_document(theme)
    body = Pages(wml, theme, wording, bank).panel_sheet([i.plan for i in interviews])
    candidate = interviews[0].candidate or wording("candidate_blank")
    write_footer(
        document,
        wml,
        wording("footer", title=bank.title, candidate=candidate),
        wording.labels["page_of"],
    )
    subject = wording("panel_title")
    save(document, body, job.write(filename), bank.title, subject, job.timestamp)
    return job.out_dir / filename


EXPORTER = Exporter(
    name="packet",
    summary="Interviewer packet (DOCX): by default one 60-minute interview over every "
    "section (--all: the whole bank); guide, a scoring page per question, scorecard.",
    build=build,
    options=(
        Option(
            "count",
            type=int,
            minimum=1,
            metavar="N",
            help="Packet: N questions spread over the sections (within --minutes, if given).",
        ),
        Option(
            "seed",
            type=int,
            metavar="S",
            help=f"Packet: which questions are picked among equals (default {DEFAULT_SEED}); "
            "the same seed gives the same packet.",
        ),
        Option(
            "minutes",
            type=int,
            minimum=1,
            metavar="M",
            help="Packet: an interview of M minutes (default: the theme's, 60), "
            "introduction and wrap-up included.",
        ),
        Option(
            "all",
            type=bool,
            help="Packet: every question, the whole bank's reference packet.",
        ),
        Option(
            "candidate",
            metavar="NAME",
            help="Packet: fill in the candidate's name; the file is named after them.",
        ),
        Option(
            "panel",
            type=int,
            minimum=2,
            metavar="K",
            help="Packet: K interviews, one per interviewer, no question asked twice "
            "(with --all: the whole bank dealt out); plus a coordinator's sheet.",
        ),
        PAPER,
        Option(
            "format",
            choices=("docx", "pdf"),
            default="docx",
            show_default=True,
            help="Packet: a DOCX for Word and LibreOffice, or a PDF whose form fields fill "
            "in any PDF reader or browser; `qbank debrief` reads both.",
        ),
        Option(
            "compact",
            type=bool,
            help="Packet: questions follow one another instead of a page each.",
        ),
    ),
)
