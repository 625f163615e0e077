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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from qbank.debrief import words as debrief_words
from qbank.errors import OptionError
from qbank.exporters import Exporter, Job, Option
from qbank.exporters.packet.clock import MINUTES_A_DAY, clock_text, read_start, time_of_day
from qbank.exporters.packet.heading import with_number_room
from qbank.exporters.packet.identity import PANEL_SHEET, Identity, fingerprint, rubric_fingerprint
from qbank.exporters.packet.pages import Pages
from qbank.exporters.packet.select import (
    DEFAULT_SEED,
    PlanRow,
    Unfillable,
    deal,
    in_bank_order,
    split_panel,
    time_plan,
)
from qbank.model import Bank, Question
from qbank.naming import name_part
from qbank.numbering import label_word
from qbank.paper import A4, PAPER, Paper
from qbank.rubric import Said, Wording, load_wording, said_text
from qbank.text import (
    EAST_ASIAN,
    agrees,
    and_list,
    counted,
    did_you_mean,
    has_control,
    primary,
    slug,
)
from qbank.units import mm_to_twips
from qbank.wordml.theme import Theme, load_theme

if TYPE_CHECKING:
    from qbank.debrief.usage import Usage

# The largest values the options take: beyond them a value is a typo, and a panel of a
# million interviewers or a count of a billion would only cost time before being refused.
MAX_COUNT = 10_000  # questions in one interview
MAX_MINUTES = 24 * 60  # one interview: a day
MAX_PANEL = 100  # interviewers
MAX_PERSON = 100  # characters of a name given by --candidate or --interviewer
MAX_SEED = 2**32 - 1  # as random.seed's common range (numpy's too)


@dataclass(frozen=True)
class Interview:
    """One interviewer's questions and plan, and how they were chosen."""

    questions: tuple[Question, ...]
    plan: tuple[PlanRow, ...]  # in the order the questions are asked, clock from 0:00
    seed: int | None  # None when every question is in (--all)
    slot: int | None  # the interview's minutes; None with --all
    # sections that no question could be chosen from, and why: the look's words in pieces
    # with the names of sections and competencies (Wording.pieces)
    notes: tuple[Said, ...] = ()
    number: int | None = None  # the interviewer's number on a panel
    panel: int = 1
    candidate: str = ""
    settings: str = ""  # the options that chose them, as the packet records them
    interviewer: str = ""  # the name --interviewer gives, filled in on the packet
    names: tuple[str, ...] = ()  # the panel's --interviewer names, in seat order
    freshness: tuple[str, ...] = ()  # how often --fresh-against found each question asked
    # on a panel, each competency this interview leaves to others, with who asks it
    asked_elsewhere: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # with --start, when the interview starts and ends, in minutes after the midnight
    # before the first interview of the panel (a later one may run into the next day)
    booked: tuple[int, int] | None = None


@dataclass(frozen=True)
class Request:
    """What a packet build was asked for, checked: its options, the panel's interviewers,
    the questions pinned to each (--include), and how often earlier candidates were asked
    each question (--fresh-against)."""

    count: int | None
    seed: int | None
    minutes: int | None
    every: bool  # --all
    panel: int | None  # given, or the number of interviewers named
    candidate: str
    names: tuple[str, ...]
    pins: tuple[tuple[Question, ...], ...]
    usage: Usage | None
    named: bool = False  # the panel is the interviewers named, without --panel
    start: int | None = None  # --start, in minutes after midnight
    gap: int = 0  # --gap: minutes between a panel's interviews

    @property
    def chosen_seed(self) -> int:
        return DEFAULT_SEED if self.seed is None else self.seed

    @property
    def panel_option(self) -> str:
        """The panel as a message names it: as it was asked for (a panel of the names given
        was refused as '--panel 2', an option the user had not typed: a trial)."""
        if self.named:
            return f"{len(self.names)} interviewers (--interviewer given {len(self.names)} times)"
        return f"--panel {self.panel}"

    @property
    def fewer(self) -> str:
        """What a message asks for when the panel is too large."""
        return "name fewer interviewers" if self.named else "choose a smaller panel"


@dataclass(frozen=True)
class Timing:
    """The interview's minutes (`slot`, None with --all), those kept for the introduction
    and wrap-up (`buffer`), and the words that name the choice in a warning (`option`)."""

    slot: int | None
    introduction: int
    buffer: int
    option: str


def build(
    job: Job,
    count: int | None = None,
    seed: int | None = None,
    minutes: int | None = None,
    all: bool = False,  # noqa: A002 (the option --all)
    panel: int | None = None,
    candidate: str | None = None,
    compact: bool = False,
    paper: Paper = A4,
    interviewer: Sequence[str] = (),
    include: Sequence[str] = (),
    fresh_against: str | None = None,
    format: str = "docx",  # noqa: A002 (the option --format)
    start: str | None = None,
    gap: int | None = None,
    dry_run: bool = False,
) -> list[Path]:
    """The packet, or a panel's packets and its coordinator's sheet: the request checked,
    the interview timed, the questions dealt, each interview planned, then written. With
    `dry_run` (check's preflight), only what the build would refuse or warn about: each
    packet is named and a PDF's pages made (`check_interviews`), nothing written."""
    theme, wording = load_theme(paper, job.templates), load_wording(job.templates)
    bank = job.bank
    theme = with_number_room(theme, (wording.label(q) for q in bank.questions))
    given = (count, seed, minutes, all, panel, candidate, interviewer, include)
    request = checked_request(bank, *given, fresh_against, start=start, gap=gap)
    timing = timed(job, theme, request)
    hands = dealt(job, request, timing)
    interviews = planned(job, request, timing, hands, wording, paper)
    making = Making(theme, wording, compact, format)
    if format == "pdf" and primary(bank.language or "") in EAST_ASIAN:
        # a form field has one font, and none holds both Latin and these scripts
        job.warn(
            f"--format pdf: a {bank.language} bank's interviewers may type notes in a script "
            "the PDF's fields cannot draw (Chinese, Japanese, Korean): the debrief reads "
            "them, but the field shows blanks; the DOCX packet shows what is typed"
        )
    if dry_run:
        check_interviews(job, request, interviews, making)
        return []
    written = write_interviews(job, request, interviews, making)
    asked = sum(len(hand) for hand in hands)
    job.advance(len(bank.questions) - asked)  # the bar counts the whole bank
    return written


def checked_request(
    bank: Bank,
    count: int | None,
    seed: int | None,
    minutes: int | None,
    every: bool,
    panel: int | None,
    candidate: str | None,
    interviewer: Sequence[str],
    include: Sequence[str],
    fresh_against: str | None,
    start: str | None = None,
    gap: int | None = None,
) -> Request:
    """The options checked against each other and the bank; earlier debriefs read."""
    if every and (count is not None or minutes is not None or seed is not None):
        raise OptionError("--all takes every question: leave out --count, --minutes and --seed")
    candidate = person_name("--candidate", candidate) if candidate else ""
    names = interviewer_names(interviewer, panel)
    named = panel is None and len(names) > 1
    if named:
        panel = len(names)  # the panel is the interviewers named
    pins = pinned(bank, include, names, panel or 1)
    usage = None
    if fresh_against is not None:
        if every:
            raise OptionError("--fresh-against chooses questions: leave out --all")
        from qbank.debrief.usage import read_usage  # reads CSV files: only when asked

        usage = read_usage(Path(fresh_against))
    # checked here too for the library's own callers, as the command line's flags are
    begins = None if start is None else time_of_day(START.check(start))
    if gap is not None:
        gap = GAP.check(gap)
        if panel is None:
            raise OptionError(
                f"--gap {gap}: the minutes between a panel's interviews, but this is one "
                "interview: leave out --gap, or give --panel K or two or more --interviewer"
            )
        if begins is None:
            raise OptionError(
                f"--gap {gap}: the minutes between a panel's interviews on the clock: give "
                "--start HH:MM too, the time the first interview starts (such as --start 09:30)"
            )
    return Request(
        count, seed, minutes, every, panel, candidate, names, pins, usage, named, begins, gap or 0
    )


def timed(job: Job, theme: Theme, request: Request) -> Timing:
    """The interview's length: --minutes, else (without --count) the theme's, grown to
    hold the shortest question; none with --all or --count alone. Each interviewer's
    pinned questions must fit it."""
    bank, count, minutes, panel = job.bank, request.count, request.minutes, request.panel
    introduction = theme.integer("introduction_minutes")
    buffer = introduction + theme.integer("wrap_up_minutes")
    if request.every:
        slot = None
    elif minutes is None and count is None:
        slot = theme.integer("interview_minutes")  # the default: one interview
        shortest = min(q.planned_minutes for q in bank.questions)
        if shortest + buffer > slot:  # long questions: the interview grows to hold one
            job.warn(
                f"the default {slot}-minute interview holds no question of this bank (the "
                f"shortest takes {counted(shortest, 'minute')}, and {buffer} "
                f"{agrees(buffer, 'is', 'are')} kept for the introduction "
                f"and wrap-up); the packet is one interview of {shortest + buffer} minutes. "
                "--minutes M sets the length."
            )
            slot = shortest + buffer
    else:
        slot = minutes
    options = [
        f"--{name} {value}"
        for name, value in (("count", count), ("minutes", minutes))
        if value is not None
    ]
    # a named panel is no option: '--minutes 12, 3 interviewers (...)', where '--minutes 12
    # 3 interviewers' ran the minutes into the panel's size (a trial)
    joined = ", " if request.named else " "
    option = joined.join(options + [request.panel_option] * (panel is not None))
    option = option or f"the default {slot}-minute interview"
    for number, hand in enumerate(request.pins, start=1):
        who = member_name(request.names, number, panel)
        took = sum(q.planned_minutes for q in hand)
        given = " ".join(f"--include {q.id}" for q in hand)
        if slot is not None and not request.every and took > slot - buffer:
            raise OptionError(
                f"{given}: {who} must ask {counted(took, 'minute')} of included questions, but the "
                f"{slot}-minute interview leaves {max(0, slot - buffer)} for questions after "
                f"{buffer} for the introduction and wrap-up: "
                f"{counted(took - max(0, slot - buffer), 'minute')} too many; include fewer "
                "questions or give --minutes "
                f"{took + buffer} or more"
            )
        if count is not None and len(hand) > count:
            raise OptionError(
                f"{given}: {who} must ask {len(hand)} included questions, "
                f"{len(hand) - count} more than --count {count}"
            )
    return Timing(slot, introduction, buffer, option)


def dealt(job: Job, request: Request, timing: Timing) -> tuple[tuple[Question, ...], ...]:
    """Each interviewer's questions: every question (split across a panel) with --all,
    else those `deal` chooses; what could not be chosen as asked is warned about, and an
    interviewer left with none is refused."""
    bank, panel, count, slot = job.bank, request.panel, request.count, timing.slot
    if request.every:
        if panel is not None and panel > len(bank.questions):
            raise OptionError(
                f"{request.panel_option}: only {counted(len(bank.questions), 'question')}; "
                f"each interviewer needs at least one: {request.fewer}"
            )
        hands = (
            # section by section, as every other packet: a bank that interleaves its
            # sections gave the reference packet 'A, B, A' and a subtotal of A twice (a trial)
            (in_bank_order(bank, bank.questions),)
            if panel is None
            else split_panel(bank, bank.questions, panel, pins=request.pins)
        )
        for number, hand in enumerate(hands if panel else (), start=1):
            seen = Counter(q.group for q in hand if q.group is not None)
            if doubled := sorted(g for g, n in seen.items() if n > 1):
                job.warn(
                    f"--all {request.panel_option}: {member_name(request.names, number, panel)} "
                    "asks two questions of group "
                    f"{', '.join(doubled)}; the group has more questions than the panel has "
                    "interviewers"
                )
    else:
        usage = request.usage
        try:
            choices = deal(
                bank,
                panel or 1,
                count=count,
                minutes=None if slot is None else max(0, slot - timing.buffer),
                seed=request.chosen_seed,
                pins=request.pins,
                exposure=None
                if usage is None
                else {q.id: usage.count(q.id) for q in bank.questions},
            )
        except Unfillable as exc:
            raise OptionError(f"--count {count} --minutes {request.minutes}: {exc}") from None
        hands = tuple(c.questions for c in choices)
        for number, found in enumerate(choices, start=1):
            if found.doubled:
                who = "" if panel is None else f"interviewer {number} "
                job.warn(
                    f"{timing.option}: {who}asks two questions of group "
                    + ", ".join(found.doubled)
                    + "; there was no other way to reach the count"
                )
    if min(map(len, hands)) == 0:
        if not any(hands):
            shortest = min(q.planned_minutes for q in bank.questions)
            raise OptionError(
                f"--minutes {slot}: no question fits; {counted(timing.buffer, 'minute')} "
                f"{agrees(timing.buffer, 'is', 'are')} kept for the introduction and wrap-up, "
                f"and the shortest question takes {shortest}"
            )
        given = sum(1 for hand in hands if hand)
        questions = counted(len(bank.questions), "question")
        makes = "makes" if len(bank.questions) == 1 else "make"
        raise OptionError(
            f"{request.panel_option}: the bank's {questions} {makes} only "
            f"{counted(given, 'interview')} without asking a question twice; {request.fewer}"
        )
    if count is not None and count > len(bank.questions):
        job.warn(
            f"--count {count}: only {counted(len(bank.questions), 'question')} to choose from; "
            + agrees(len(bank.questions), "it is used", "all are used")
        )
    elif not request.every and timing.slot is not None and (panel or request.minutes):
        # asked for: a default interview only says so
        _say_short(job, timing, hands, count, request.named)
    return hands


def _say_short(
    job: Job, timing: Timing, hands: Sequence[Sequence[Question]], count: int | None, named: bool
) -> None:
    """A warning when the bank ran out of questions before the interviews asked for (a
    panel, --minutes) were full: every question asked, and one interview's questions take
    less than SHORT of its time for them (a panel of three 60-minute interviews took 24, 34
    and 30: the packets said so, the terminal did not)."""
    room = max(0, timing.slot - timing.buffer)
    if sum(map(len, hands)) < len(job.bank.questions) or count is not None:
        return
    took = [sum(q.planned_minutes for q in hand) for hand in hands]
    if min(took) >= room * SHORT:
        return
    listed = and_list([str(minutes) for minutes in took])
    total = len(job.bank.questions)
    asked = counted(total, "question is asked", "questions are all asked")
    asked += " and " + agrees(total, "takes", "take")
    each = "each interview has" if len(took) > 1 else "the interview has"
    fewer = "name fewer interviewers" if named else "choose a smaller --panel"
    fewer = fewer if len(took) > 1 else "give a shorter --minutes"
    job.warn(
        f"{timing.option}: the bank's {asked} {listed} of the {room} minutes {each} for "
        f"questions; add questions to the bank, or {fewer}"
    )


SECTIONS_NAMED = 3  # a warning names as many sections an interview leaves out, then counts
SHORT = 0.75  # an interview whose questions take less of its time is named in a warning


def planned(
    job: Job,
    request: Request,
    timing: Timing,
    hands: Sequence[Sequence[Question]],
    wording: Wording,
    paper: Paper,
) -> list[Interview]:
    """An interview for each hand: its time plan, what it leaves out and why (warned
    about too), and the settings the packet records."""
    bank, count, panel, every = job.bank, request.count, request.panel, request.every
    left_out = coverage_notes(bank, hands, wording, count=count)
    if left_out:
        said = " ".join(map(said_text, left_out))
        job.warn(f"{bank.source}: warning: {timing.option}: {said}")
    given = {"count": count, "minutes": request.minutes, "all": every or None, "panel": panel}
    given |= {"paper": paper.name, "seed": None if every else request.chosen_seed}
    settings = " ".join(f"{key}={value}" for key, value in given.items() if value is not None)
    usage, names = request.usage, request.names
    seats = names or [wording("interviewer_number", number=n) for n in range(1, len(hands) + 1)]
    interviews = []
    unsaid: dict[str, list[str]] = {}  # what a warning says of the interviews it concerns
    begins = request.start
    for number, hand in enumerate(hands, start=1):
        plan = time_plan(hand, start=timing.introduction)
        booked = None
        if begins is not None:  # back to back: the next starts as this one's slot ends
            wrap_up = timing.buffer - timing.introduction
            length = timing.slot if timing.slot is not None else plan[-1].end + wrap_up
            booked = (begins, begins + length)
            begins += length + request.gap
        freshness = ()
        if usage is not None:  # how often each chosen question was asked before
            counts = ", ".join(f"{wording.label(q)} {usage.count(q.id)}" for q in hand)
            freshness = (
                wording(
                    "fresh_line",
                    files=len(usage.files),
                    candidates=usage.candidates,
                    counts=counts,
                ),
            )
        notes: list[Said] = []
        asked = {q.section for q in hand}
        # in a panel, a section another interviewer asks is covered
        covered = {q.section for h in hands for q in h} if panel is not None else asked
        for section in bank.sections:
            if section.name not in covered and bank.questions_in(section.name):
                if count is None or len(hand) >= len(bank.sections):
                    notes.append(wording.pieces("section_does_not_fit", section=section.name))
                else:
                    note = wording.pieces("section_not_chosen", section=section.name, count=count)
                    notes.append(note)
        if notes:
            said = " ".join(map(said_text, notes))
            if len(notes) > SECTIONS_NAMED:  # forty sections were forty sentences (a trial)
                missed = [s.name for s in bank.sections if s.name not in covered]
                missed = [n for n in missed if bank.questions_in(n)]
                named = ", ".join(missed[:SECTIONS_NAMED])
                said = (
                    f"{len(notes)} sections have no question in this interview: {named} and "
                    f"{len(notes) - SECTIONS_NAMED} more (the packet names them all)"
                )
            unsaid.setdefault(said, []).append(names[number - 1] if names else str(number))
        notes += left_out
        interviews.append(
            Interview(
                questions=tuple(hand),
                plan=plan,
                seed=None if every else request.chosen_seed,
                slot=timing.slot,
                notes=tuple(notes),
                number=None if panel is None else number,
                panel=panel or 1,
                candidate=request.candidate,
                settings=settings,
                interviewer=names[number - 1] if names else "",
                names=names,
                freshness=freshness,
                asked_elsewhere=() if panel is None else asked_elsewhere(hands, number, seats),
                booked=booked,
            )
        )
    for said, who in unsaid.items():
        # said once for a panel whose interviews it is true of alike (each interviewer's
        # three times over, '(interviewer 1)' for Ann: a panel trial), else naming them
        numbered = "" if names else "interviewers " if len(who) > 1 else "interviewer "
        whom = "" if len(who) == len(hands) else f" ({numbered}{and_list(who)})"
        job.warn(f"{bank.source}: warning: {timing.option}{whom}: {said}")
    last = interviews[-1].booked
    # one ending at midnight stays in its day
    if request.start is not None and last is not None and last[1] > MINUTES_A_DAY:
        days = (last[1] - 1) // MINUTES_A_DAY
        when = "the next day" if days == 1 else f"{days} days later"
        which = "the interview runs" if panel is None else "the panel's interviews run"
        job.warn(
            f"--start {clock_text(request.start)}: {which} past midnight, ending at "
            f"{clock_text(last[1])} {when}; the plan's times are those of the clock"
        )
    return interviews


def packet_names(
    job: Job,
    request: Request,
    format: str,  # noqa: A002
    compact: bool = False,
) -> Callable[..., str]:
    """The file name of a packet (`part`: its interviewer, or 'panel' for the sheet), by
    what chose its questions and how it is laid out (a compact packet wrote over the
    other)."""
    variant = []
    if request.every:
        variant.append("all")
    if request.count is not None:  # as many as it holds, when the bank has fewer
        variant.append(f"{min(request.count, len(job.bank.questions))}q")
    if request.minutes is not None:
        variant.append(f"{request.minutes}min")
    if request.seed is not None:
        variant.append(f"seed{request.seed}")
    if compact:
        variant.append("compact")
    if request.candidate:  # composed: 'Rene' + U+0301 and 'Renée' name one file
        variant.append(unicodedata.normalize("NFC", request.candidate))

    def name(part: str = "", ext: str = format) -> str:
        return job.filename(ext, "packet", variant, part)

    return name


def interviewer_part(interview: Interview) -> str:
    """What names an interview's packet apart from the panel's others."""
    if interview.interviewer:
        # in bytes: 60 letters of Ä made a name the file system refuses (a review)
        return name_part(interview.interviewer) or str(interview.number or "")
    return "" if interview.number is None else str(interview.number)


@dataclass(frozen=True)
class Making:
    """How each packet is made: its look and words, --compact and --format."""

    theme: Theme
    wording: Wording
    compact: bool
    format: str


def write_interviews(
    job: Job, request: Request, interviews: Sequence[Interview], making: Making
) -> list[Path]:
    """Each interview's packet and a panel's coordinator's sheet; a larger panel's packets
    that this one replaces are retired."""
    name, part = packet_names(job, request, making.format, making.compact), interviewer_part
    how = (making.theme, making.wording, making.compact, making.format)
    if request.panel is None:
        return [write_packet(job, name(part(interviews[0])), interviews[0], *how)]
    written = [write_packet(job, name(part(i)), i, *how) for i in interviews]
    # the coordinator's sheet is read, not filled in: it stays a DOCX
    sheet = name("panel", "docx")
    written.append(write_panel_sheet(job, sheet, interviews, making.theme, making.wording))
    if not request.names:
        retire_other_panels(job, name("0"), len(interviews))
    return written


def check_interviews(
    job: Job, request: Request, interviews: Sequence[Interview], making: Making
) -> None:
    """What `write_interviews` would refuse or warn about: each packet named and a PDF's
    pages made (its story warns of missing glyphs), the panel's sheet named; nothing laid
    out, saved or written. A DOCX's pages warn of nothing: no Word document is made."""
    name, part = packet_names(job, request, making.format, making.compact), interviewer_part
    for interview in interviews[:1] if request.panel is None else interviews:
        how = (making.theme, making.wording, making.compact, making.format)
        write_packet(job, name(part(interview)), interview, *how, True)
    name("panel", "docx")


def person_name(option: str, given: str) -> str:
    """A person's name as `option` gives it (--candidate, --interviewer): one line of at most
    MAX_PERSON characters, its runs of blanks one blank. A line break, a tab, any other control
    character or a mark that turns the text's direction is refused, not folded: the packet
    shows the name on one line, and the debrief reads it back from there."""
    if has_control(given):
        raise OptionError(
            f"{option} {given!r}: give the name on one line, without control characters"
        )
    name = " ".join(given.split())
    if len(name) > MAX_PERSON:
        raise OptionError(f"{option} {name[:20]!r}...: at most {MAX_PERSON} characters")
    return name


def interviewer_names(given: Sequence[str], panel: int | None) -> tuple[str, ...]:
    """The --interviewer names as given, checked: one per panel member, none twice."""
    names = tuple(person_name("--interviewer", name) for name in given)
    for name in names:
        if not name:
            raise OptionError(f"--interviewer {name!r}: give a name")
    seen: dict[str, str] = {}
    for name in names:
        key = slug(name) or name.casefold()
        if key in seen:
            raise OptionError(
                f"--interviewer {name!r}: given twice (as {seen[key]!r}); each packet is "
                "named after its interviewer, so each name must differ"
            )
        seen[key] = name
    if len(names) > MAX_PANEL:
        raise OptionError(f"--interviewer: {len(names)} names; a panel has at most {MAX_PANEL}")
    if panel is not None and names and len(names) != panel:
        raise OptionError(
            f"--panel {panel} with {len(names)} --interviewer names: give one name per "
            "interviewer, or leave out --panel (the names make the panel)"
        )
    return names


def member_name(names: Sequence[str], number: int, panel: int | None) -> str:
    """How a message names interviewer `number`: by name when given."""
    if names:
        return names[number - 1]
    return "the interviewer" if panel is None else f"interviewer {number}"


def pinned(
    bank: Bank, include: Sequence[str], names: Sequence[str], members: int
) -> tuple[tuple[Question, ...], ...]:
    """The questions each interview must ask: `--include ID` pins a question into the
    interview (on a panel, into the one with the fewest minutes pinned so far, so no
    question is asked twice), `--include ID@NAME` into that interviewer's (a name given by
    --interviewer, or a number)."""
    by_id = {q.id: q for q in bank.questions}
    hands: list[list[Question]] = [[] for _ in range(members)]
    loose: list[Question] = []
    seen: set[str] = set()
    for given in include:
        qid, at, who = given.strip().partition("@")
        qid, who = qid.strip(), who.strip()
        question = by_id.get(qid)
        if question is None:
            raise OptionError(
                f"--include {given}: no question has the id '{qid}'{did_you_mean(qid, by_id)}"
            )
        if qid in seen:
            raise OptionError(f"--include {given}: '{qid}' is included twice")
        seen.add(qid)
        if not at:
            loose.append(question)
            continue
        folded = [" ".join(n.split()).casefold() for n in names]
        if " ".join(who.split()).casefold() in folded:
            hands[folded.index(" ".join(who.split()).casefold())].append(question)
        elif who.isdigit() and 1 <= int(who) <= members:
            hands[int(who) - 1].append(question)
        else:
            known = ", ".join(names) if names else f"1 to {members}"
            raise OptionError(
                f"--include {given}: '{who}' is not an interviewer of this panel; "
                f"after @ give one of: {known}"
            )
    for question in loose:  # the interview with the fewest minutes pinned so far
        least = min(range(members), key=lambda i: (sum(q.planned_minutes for q in hands[i]), i))
        hands[least].append(question)
    return tuple(tuple(hand) for hand in hands) if include else ()


def asked_elsewhere(
    hands: Sequence[Sequence[Question]], number: int, seats: Sequence[str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The competencies interview `number` asks no question on and another of the panel
    does, each with the `seats` that ask it, in seat order: its packet's grid names them,
    where 'not covered' read as a gap in the panel's interview (a trial)."""
    mine = {q.competency for q in hands[number - 1]}
    others: dict[str, list[str]] = {}
    for seat, hand in enumerate(hands, start=1):
        for competency in dict.fromkeys(q.competency for q in hand):
            if seat != number and competency and competency not in mine:
                others.setdefault(competency, []).append(seats[seat - 1])
    return tuple((competency, tuple(who)) for competency, who in others.items())


def coverage_notes(
    bank: Bank,
    hands: Sequence[Sequence[Question]],
    wording: Wording,
    *,
    count: int | None,
) -> list[Said]:
    """The competencies no interview of the panel covers, each with why."""
    asked = {q.competency for hand in hands for q in hand}
    notes = []
    measured = {q.competency for q in bank.questions}
    wanted = [c.name for c in bank.competencies if c.name in measured]
    for name in wanted:
        if name in asked:
            continue
        shortest = min(q.planned_minutes for q in bank.questions if q.competency == name)
        if (
            count is not None
            and sum(map(len, hands)) >= count * len(hands)
            and len(wanted) > count * len(hands)
        ):
            why = wording.pieces("why_count", count=count, competencies=len(wanted))
        else:
            why = wording.pieces("why_time", minutes=shortest)
        notes.append(wording.pieces("competency_not_covered", competency=name, why=why))
    return notes


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
    dry_run: bool = False,
) -> Path:
    """One interviewer's packet, a DOCX or a fillable PDF. `job.advance(1)` is called as
    each question is written. With `dry_run`, a PDF's pages are made and dropped, and a
    DOCX's not made (they warn of nothing): nothing is laid out or saved."""
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
        available = len(bank.questions)  # "the bank's 1 questions" (a one-question trial)
        key = "selection_one" if available == 1 and "selection_one" in say.labels else "selection"
        lines.append(say(key, seed=interview.seed, available=available))
    lines += interview.freshness
    if interview.number is not None:
        lines.append(say("panel_note"))
    if bank.reviewed is not None:
        lines.append(say("facts_checked", date=wording.date(bank.reviewed)))
    finish = plan[-1].end
    at = None if interview.booked is None else interview.booked[0]  # the plan's clock
    identity = Identity(
        bank=bank.name,
        title=bank.title,
        settings=interview.settings,
        member=interview.number or 1,
        panel=interview.panel,
        rubric=rubric_fingerprint(bank.rubric or wording.levels),
        questions=tuple((q.id, fingerprint(q)) for q in questions),
        labels=(wording("notes"), wording("evidence")),
        label_word=label_word(wording.labels),
        candidate=interview.candidate,
        interviewers=interview.names,
    )
    footer = say.pieces(
        "footer", title=bank.title, candidate=interview.candidate or say("candidate_blank")
    )
    if format == "pdf":
        from qbank.exporters.packet.fillable import FillablePacket  # reportlab: only for PDFs

        packet = FillablePacket(bank, theme, wording, job.warn, job.advance, job.templates)
        story = [
            *packet.title(subtitle),
            packet.header_form(interview.candidate, interview.interviewer, interview.booked),
            *packet.summary(lines),
            *packet.coverage(questions, interview.asked_elsewhere),
            *packet.plan(plan, finish, slot=interview.slot, notes=interview.notes, at=at),
            *packet.guide(),
        ]
        section = None
        for q in questions:
            story += packet.question(q, opens_section=q.section != section, compact=compact)
            section = q.section
        story += packet.scorecard(questions)
        packet.text.tell_stacked({"the PDF packet": packet.text.stacked}, theme.paper)
        if dry_run:
            return job.out_dir / filename
        candidate = interview.candidate or say("candidate_blank")
        packet.write(
            job.write(filename),
            story,
            title=bank.title,
            subject=subtitle,
            footer=lambda title: say("footer", title=title, candidate=candidate),
            properties=identity.properties(),
            timestamp=job.timestamp,
        )
        return job.out_dir / filename
    if dry_run:  # a DOCX's pages warn of nothing: no Word document is made (half of check)
        return job.out_dir / filename
    # python-docx: DOCX only
    from qbank.exporters.packet.richtext import CODE_BLOCK_STYLE, PacketText
    from qbank.wordml.document import (
        add_paragraph_style,
        letterhead,
        new_document,
        save,
        text_indent_mm,
        write_footer,
    )
    from qbank.wordml.tables import TABLE_STYLES

    document, wml = new_document(theme, bank.language, wording.language)
    top = letterhead(document, wml, theme, bank.organisation, bank.logo)
    pages = Pages(wml, theme, wording, bank, top)
    if bank.markup == "markdown":
        add_paragraph_style(document, wml, theme, CODE_BLOCK_STYLE)
        pages.rich = PacketText(
            wml,
            document,
            theme.text_width,
            theme.page_height - 2 * theme.margin,
            theme.styles[CODE_BLOCK_STYLE],
            text_indent_mm(theme.styles["Packet Hint"]),
            float(theme.styles["Heading 2"].get("indent_mm", 0)),
            theme.colors.get("muted", ""),
            theme.colors.get(theme.styles["Packet Hint"].get("border_left", ""), ""),
            float(theme.styles["Packet Item"].get("indent_mm", 0)),
            fit=pages.fit,
            indents={
                name: mm_to_twips(text_indent_mm(spec)) for name, spec in theme.styles.items()
            },
            hint_ground=theme.colors.get(theme.styles["Packet Hint"].get("background", ""), ""),
        )
        # the package's frame is saved before the body: its pictures must be in it
        pages.rich.add_pictures(bank, questions)
        if pages.rich.holds_tables(bank, questions):  # their styles, as the code's
            for name in TABLE_STYLES:
                add_paragraph_style(document, wml, theme, name)

    def body() -> Iterator[str]:  # written out question by question as the file is saved
        form = pages.header_form(
            say("interviewer"),
            "interviewer",
            interview.candidate,
            interview.interviewer,
            interview.booked,
        )
        yield pages.title(subtitle) + form
        yield pages.summary(lines)
        yield pages.coverage(questions, interview.asked_elsewhere)
        yield pages.plan(plan, finish, slot=interview.slot, notes=interview.notes, at=at)
        yield pages.guide()
        section = None
        for q in questions:
            opens = q.section != section
            first = section is None
            yield pages.question(q, opens_section=opens, first=first, compact=compact)
            section = q.section
            job.advance(1)
        yield pages.scorecard(questions)

    write_footer(document, wml, footer, say.labels["page_of"], pages.fit, bank.title)
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
    from qbank.wordml.document import letterhead, new_document, save, write_footer

    bank = job.bank
    document, wml = new_document(theme, bank.language, wording.language)
    top = letterhead(document, wml, theme, bank.organisation, bank.logo)
    sheet = Pages(wml, theme, wording, bank, top)
    body = sheet.panel_sheet(
        [i.plan for i in interviews],
        names=[i.interviewer for i in interviews],
        candidate=interviews[0].candidate,
        booked=[i.booked for i in interviews if i.booked is not None],
    )
    candidate = interviews[0].candidate or wording("candidate_blank")
    footer = wording.pieces("footer", title=bank.title, candidate=candidate)
    write_footer(document, wml, footer, wording.labels["page_of"], sheet.fit, bank.title)
    subject = wording("panel_title")
    save(document, body, job.write(filename), bank.title, subject, job.timestamp, PANEL_SHEET)
    return job.out_dir / filename


# the interview's clock, declared once: the flags and checked_request read them
START = Option(
    "start",
    metavar="HH:MM",
    reads=read_start,
    help="Packet: the time of day the interview starts, 24-hour (09:30; 9.30, 14h30 and "
    "2:30pm are read too): the plan shows clock times and the header its start and end; "
    "a panel's interviews follow one another.",
)
GAP = Option(
    "gap",
    type=int,
    minimum=0,
    maximum=MAX_MINUTES,
    metavar="M",
    help="Packet: with --start and a panel, M minutes between one interview's end and the "
    "next one's start (default 0: back to back).",
)

EXPORTER = Exporter(
    name="packet",
    # the debrief reads these packets back with packet/debrief.toml, whose not_a_step names
    # the packet's recommendation options: a look that translated them is refused with the
    # packets' build, by the library as by the command line, not after the interviews (a
    # panel trial)
    look=("theme.toml", "packet/theme.toml", "packet/rubric.toml", debrief_words.LOOK_FILE),
    summary="Interviewer packet (DOCX, or a fillable PDF): by default one 60-minute interview "
    "over every section (--all: the whole bank); guide, a scoring page per question, scorecard.",
    build=build,
    preflight=partial(build, dry_run=True),
    options=(
        Option(
            "count",
            type=int,
            minimum=1,
            maximum=MAX_COUNT,
            metavar="N",
            help="Packet: N questions spread over the sections (within --minutes, if given).",
        ),
        Option(
            "seed",
            type=int,
            minimum=0,
            maximum=MAX_SEED,
            metavar="S",
            help=f"Packet: which questions are picked among equals (default {DEFAULT_SEED}); "
            "the same seed gives the same packet.",
        ),
        Option(
            "minutes",
            type=int,
            minimum=1,
            maximum=MAX_MINUTES,
            metavar="M",
            help="Packet: an interview of M minutes (default: the theme's, 60), "
            "introduction and wrap-up included.",
        ),
        START,
        GAP,
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
            "interviewer",
            metavar="NAME",
            multiple=True,
            help="Packet: an interviewer's name, filled in on their packet and naming its "
            "file; repeat it for a panel (the names make --panel).",
        ),
        Option(
            "include",
            metavar="ID[@NAME]",
            multiple=True,
            help="Packet: a question that must be asked; ID@NAME gives it to that "
            "interviewer of the panel. Repeatable.",
        ),
        Option(
            "fresh_against",
            metavar="DIR",
            help="Packet: prefer the questions asked least of earlier candidates, counted "
            "in the debrief CSVs in DIR (within the coverage and time rules); the packet says "
            "how often each was asked.",
        ),
        Option(
            "panel",
            type=int,
            minimum=2,
            maximum=MAX_PANEL,
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
