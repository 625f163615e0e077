"""Read filled-in interviewer packets back into a panel debrief (`qbank debrief`).

`read` takes each packet apart, `validate` refuses packets that do not belong to the bank
and lists what interviewers left out, `summarise` brings a candidate's panel together, and
`document` and `spreadsheet` write the results: a DOCX and a CSV per candidate, and with
several candidates a comparison.

It runs through a build's life cycle (qbank.lifecycle): its options checked as an
exporter's are (`STEP`), the look it reads checked first, its files written through the
build's transaction (all together or none), its progress and warnings told as a build's.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from qbank import look
from qbank.bank import load_bank
from qbank.debrief.filled import FilledPacket, PanelSheet
from qbank.debrief.spreadsheet import write_csv
from qbank.debrief.summarise import Debrief, calibrate, group_by_candidate, summarise
from qbank.debrief.validate import (
    NOT_FILLED_IN,
    alike_candidates,
    blanks_by_panel,
    filled_in,
    given_twice,
    packet_file,
    packet_warnings,
    panel_warnings,
    refusals,
    renamed_bank,
    reworded,
    scorecard_ratings,
    settle_candidates,
    unknown_recommendations,
)
from qbank.debrief.words import Words, language_left, load_words
from qbank.errors import FileError, OptionError, PacketError, PacketProblem, QbankError
from qbank.exporters import Exporter, Job, Option
from qbank.job import build_time
from qbank.lifecycle import (
    Progress,
    branded,
    checked_options,
    library_paths,
    library_settings,
    no_progress,
    run,
)
from qbank.paper import paper_named
from qbank.paths import DEFAULT_BANK, Templates
from qbank.project import bank_named
from qbank.rubric import Wording
from qbank.text import counted
from qbank.wordml.theme import Theme as WordTheme
from qbank.wordml.theme import load_theme

# The template files of the look the debrief reads (their keys are declared by their readers)
LOOK = ("packet/theme.toml", "packet/rubric.toml", "packet/debrief.toml")

# The debrief as a step of the life cycle: its options, checked as an exporter's, and its look.
# It is no exporter of the registry (`all` never builds it); its `build` is given the
# debriefs read from the packets.
STEP = Exporter(
    name="debrief",
    summary="Read filled-in packets back into a panel debrief.",
    build=lambda job: [],
    options=(
        Option("strict", type=bool, help="Fail (exit 1) on any gap the packets show."),
        Option(
            "accept_changes",
            type=bool,
            help="Read packets whose questions were only reworded in the bank since they "
            "were built (look-for, hint, note, follow-ups, anchors); the debrief lists them. "
            "A changed id, section, question text or rating scale is still refused.",
        ),
    ),
    look=LOOK,
)


def _ignore(_: object) -> None:
    return None


@dataclass(frozen=True)
class Outcome:
    written: list[Path]
    warnings: list[str]
    debriefs: list[Debrief]


def debrief(
    packet_paths: Iterable[Path | str] | Path | str,
    bank_path: Path | str | None,
    out_dir: Path | str,
    *,
    strict: bool = False,
    accept_changes: bool = False,
    templates: Path | str | None = None,
    warn: Callable[[str], None] = _ignore,
    progress: Progress = no_progress,
    organisation: str | None = None,
    logo: Path | str | None = None,
    timestamp: int | datetime.datetime | None = None,
) -> list[Path]:
    """Read `packet_paths` against the bank, write the debrief into `out_dir`, and return
    the paths written.

    A packet that does not belong to the bank is an error naming every difference; what
    interviewers left out is passed to `warn`, and is an error with `strict`. `templates`
    is a folder of template files laid over the built-in look, as for a build. Without
    `bank_path`, the bank the packets name is looked for in the current folder and in the
    packets' folders. `organisation` and `logo` (an image file) stand in for the bank's
    own when it has none, and `timestamp` gives the debrief's time, as for a build. Its
    arguments are checked as `build`'s are: a path may be text, one packet alone is one
    packet, and a wrong kind of argument is a TypeError that names it.
    """
    packets = _packet_paths(packet_paths)
    library_paths(out_dir=out_dir, **({} if bank_path is None else {"bank_path": bank_path}))
    settings = {"templates": templates, "warn": warn, "progress": progress}
    settings |= {"organisation": organisation, "logo": logo, "timestamp": timestamp}
    settings = library_settings(settings)
    warn, progress = settings["warn"], settings["progress"]
    look_of = Templates.of(templates)
    for unused in look_of.unused_said(templates):
        warn(unused)
    for retired in look.check_all(look_of, STEP.look):
        warn(retired)
    outcome = read_debrief(
        packets,
        None if bank_path is None else Path(bank_path),
        Path(out_dir),
        strict=strict,
        accept_changes=accept_changes,
        templates=look_of,
        warn=warn,
        progress=progress,
        organisation=organisation,
        logo=logo,
        timestamp=settings["timestamp"],
    )
    for warning in outcome.warnings:
        warn(warning)
    return outcome.written


def _packet_paths(given: object) -> list[Path]:
    """The library's `packet_paths`: one path (text too) or any iterable of paths, a
    generator's such as `folder.glob("*.docx")`; a path alone is one packet, not the
    letters of its name (a library trial: each letter was read as a packet, and one Path
    was 'not iterable')."""
    if isinstance(given, (str, os.PathLike)):
        return [Path(given)]
    if isinstance(given, Iterable) and not isinstance(given, (bytes, Mapping)):
        paths = list(given)
        for path in paths:
            library_paths(packet_paths=path)
        return [Path(path) for path in paths]
    raise TypeError(f"packet_paths: give a path or a list of paths, not {given!r}")


def write_debrief(
    job: Job, debriefs: Sequence[Debrief], theme: WordTheme, words: Words
) -> list[Path]:
    """A DOCX and a CSV of every rating per candidate, with several a comparison. Each
    candidate's CSV is named as their DOCX: a later debrief of another candidate into the
    same folder adds its own, where one CSV for the run wrote over the earlier candidates'
    (which `qbank usage` counts)."""
    names: set[str] = set()
    comparison = None
    if len(debriefs) > 1:
        calibration = calibrate(debriefs, words.calibration_ratings)
        comparison = (job.filename("docx", "debrief", part="comparison"), calibration)
        names.add(comparison[0].casefold())  # a candidate named "Comparison" gets -1
    named = []
    for d in debriefs:
        filename = job.filename("docx", "debrief", (d.candidate,))
        if filename.casefold() in names:  # names that differ in case or punctuation only
            filename = job.filename("docx", "debrief", (d.candidate,), str(len(names)))
        names.add(filename.casefold())
        named.append((filename, d))
    from qbank.debrief.document import write_debriefs  # python-docx: only when writing

    written = write_debriefs(job, named, comparison, theme, words)
    sheets = []
    for filename, d in named:
        sheet = filename.removesuffix(".docx") + ".csv"
        # a question's words as one line names it (a bookmark, an LMS question's name): its
        # picture's alt text stood on a second line of its cell as if it were asked (a
        # trial), its code block made a row of many lines; question_id finds it whole
        write_csv(job.write(sheet), [d], job.bank.words, words.packet.label, words.say)
        sheets.append(job.out_dir / sheet)
    written[len(named) : len(named)] = sheets
    job.advance(1)
    return written


def _in_given_order(problems: Sequence[PacketProblem], given: Sequence[Path]) -> PacketError:
    """The refusal of every problem found, each packet's in the order the packets were
    given (those of no one packet last), whichever step found it."""
    order = {path: number for number, path in enumerate(given)}
    return PacketError(sorted(problems, key=lambda p: order.get(p.packet, len(order))))


def _left_out(packet: FilledPacket, say: Wording | None = None) -> PacketProblem:
    """A packet given with nothing filled in, among others filled in; said in the debrief's
    words (`say`) too, for a document that says it."""
    said = say.pieces("gap_blank", file=packet_file(packet)) if say else ()
    return PacketProblem(packet.path, f"{NOT_FILLED_IN}; it is left out of the debrief", said)


def packets_bank(packets: Sequence[FilledPacket]) -> Path:
    """The bank the packets were built from, found by the name they record in the current
    folder and in each packet's folder; an error says where it was looked for."""
    names = list(dict.fromkeys(p.identity.bank for p in packets))
    if len(names) > 1:
        first = {n: next(p.path for p in packets if p.identity.bank == n) for n in names}
        raise OptionError(
            "the packets come from different banks ("
            + ", ".join(f"'{n}': {first[n]}" + _and_more(packets, n) for n in names)
            + "); debrief each bank's packets on their own, with --bank"
        )
    folders = list(dict.fromkeys([Path("."), *(p.path.parent for p in packets)]))
    found = bank_named(names[0], folders)
    if len(found) == 1:
        return found[0]
    if not found and names[0] == DEFAULT_BANK.stem:  # built, as by `packet`, from the example
        return DEFAULT_BANK
    where = " and ".join(str(f) if str(f) != "." else "this folder" for f in folders)
    if not found:
        raise OptionError(
            f"the packets were built from the bank '{names[0]}', but no {names[0]}.yaml is "
            f"in {where}; give it with --bank"
        )
    listed = ", ".join(str(p) for p in found)
    raise OptionError(f"two banks are called '{names[0]}' ({listed}); choose one with --bank")


def _and_more(packets: Sequence[FilledPacket], bank: str) -> str:
    more = sum(p.identity.bank == bank for p in packets) - 1
    return f" and {more} more" if more else ""


def once_each(paths: Sequence[Path]) -> tuple[list[Path], list[PacketProblem]]:
    """`paths` with each file once (a shell pattern that matches a packet twice, a link to
    one), and a warning for each left out: read twice, a packet would count twice."""
    kept: list[Path] = []
    warnings: list[PacketProblem] = []
    seen: dict[object, Path] = {}
    for path in map(Path, paths):
        try:
            status = path.stat()
            key: object = (status.st_dev, status.st_ino)
        except OSError:  # the reader says what is wrong with it
            key = path
        if key in seen:
            same = "given more than once" if seen[key] == path else f"the same file as {seen[key]}"
            warnings.append(PacketProblem(path, f"{same}; it is read once"))
            continue
        seen[key] = path
        kept.append(path)
    return kept, warnings


def read_debrief(
    packet_paths: Sequence[Path],
    bank_path: Path | None,
    out_dir: Path,
    *,
    strict: bool = False,
    templates: Templates | None = None,
    accept_changes: bool = False,
    warn: Callable[[str], None] = _ignore,
    progress: Progress = no_progress,
    organisation: str | None = None,
    logo: Path | str | None = None,
    timestamp: int | None = None,
) -> Outcome:
    """`debrief`, with the warnings and the candidates' summaries returned; `templates` is
    the look (the built-in one when none is given)."""
    chosen = checked_options((STEP,), {"strict": strict, "accept_changes": accept_changes})
    strict, accept_changes = bool(chosen.get("strict")), bool(chosen.get("accept_changes"))
    templates = templates or Templates()
    words = load_words(templates)
    from qbank.debrief.read import read_packet  # the DOCX and PDF readers: only when reading

    # each gap found, the packet and its message apart: the warnings' text, --strict's
    # problems (they were the text taken apart again at its first ': ')
    given, found = once_each(packet_paths)
    packets = []
    left_out: list[str] = []  # said, but no gap in what interviewers filled in (--strict)
    # every packet's refusal, said together: a panel's four packets, two of them damaged
    # or of another bank, were told one at a time, a run each (a coordinator's trial)
    problems: list[PacketProblem] = []
    # a step a packet read, and one for the writing: a nightly job sees the reading go on,
    # and stops it between two packets (it was told once, all of them read)
    with progress(len(given) + 1, 1) as advance:
        for path in given:
            try:
                packets.append(read_packet(path, words.packet))
            except PanelSheet as sheet:  # among packets/*.docx, beside the packets it plans
                left_out.append(str(sheet))
            except FileError as unreadable:  # damaged, saved as another kind, missing
                problems.append(PacketProblem(path, unreadable.reason))
            advance(1)
        if not packets and problems:
            raise PacketError(problems)
        if not packets:
            raise QbankError(  # each file left out, named with why
                "\n".join(
                    [
                        *left_out,
                        "no interviewer packet among the files given, only the panel's "
                        "coordinator sheet or a debrief; give the packets the interviewers "
                        "filled in",
                    ]
                )
            )
        # no bank found, packets of two banks, or a bank that cannot be read: said with the
        # packets that cannot be read, which were told a run later, once the bank was given
        try:
            source = bank_path if bank_path is not None else packets_bank(packets)
            bank = branded(load_bank(source), organisation, logo)
        except (OptionError, FileError) as stop:
            if not problems:
                raise
            raise _in_given_order([*problems, PacketProblem(None, stop.message)], given) from None
        scale = bank.rubric or words.packet.levels
        if untagged := language_left(templates, bank.language):  # said, no gap (--strict)
            left_out.append(untagged)
        for packet in packets:
            problems += refusals(packet, bank, scale, words.packet, accept_changes)
            problems += unknown_recommendations(packet, words.packet)
        # the rest read on, for what refuses them too (one interview given twice)
        packets = [p for p in packets if p.path not in {q.packet for q in problems}]
        if not packets:
            raise _in_given_order(problems, given)
        found += filter(None, (renamed_bank(packet, bank) for packet in packets))
        for packet in packets:
            found += scorecard_ratings(packet, bank, scale, words.packet)
        found += settle_candidates(packets)
        blank = [packet for packet in packets if not filled_in(packet)]
        if len(blank) == len(packets) and not problems:
            raise PacketError(
                [PacketProblem(packet.path, NOT_FILLED_IN) for packet in blank],
                "no packet given is filled in; give the packets the interviewers filled in",
            )
        found += map(_left_out, blank)
        every_packet, packets = packets, [packet for packet in packets if filled_in(packet)]
        for packet in packets:
            found += packet_warnings(packet, bank, words.packet)
        panels = group_by_candidate(packets)
        problems += [twice for panel in panels for twice in given_twice(panel, bank, words.packet)]
        # a blank packet is said with the packets refused: it was told a run later, once
        # they were mended, and the coordinator went back to the panel twice. 'Left out'
        # only where a filled one is read: else the next run stops on it (a review)
        if problems:
            said = _left_out if packets else lambda p: PacketProblem(p.path, NOT_FILLED_IN)
            raise _in_given_order([*problems, *map(said, blank)], given)
        gaps: list[list[PacketProblem]] = []  # each panel's, for its document too
        for panel, ours in zip(panels, blanks_by_panel(panels, blank), strict=True):
            said = panel_warnings(panel, bank, words, packets, ours)
            found += said
            gaps.append([*(_left_out(packet, words.say) for packet in ours), *said])
        found += alike_candidates(panels)
        if strict and found:
            raise PacketError(found, f"--strict: {counted(len(found), 'problem')} found")
        warnings = left_out + [str(gap) for gap in found]
        debriefs = [
            replace(
                summarise(
                    panel,
                    bank,
                    scale,
                    words,
                    reworded(panel, bank, words) if accept_changes else (),
                ),
                left_out=tuple(gap.said for gap in panel_gaps),
            )
            for panel, panel_gaps in zip(panels, gaps, strict=True)
        ]
        paper = dict(
            setting.partition("=")[::2] for setting in packets[0].identity.settings.split()
        ).get("paper", "a4")
        theme = load_theme(paper_named(paper), templates)
        newest = max(packets, key=lambda p: os.stat(p.path).st_mtime).path
        job = Job(
            bank=bank,
            out_dir=out_dir,
            timestamp=build_time(newest) if timestamp is None else timestamp,
            pinned=timestamp is not None,
            warn=warn,
            templates=templates,
            reads=tuple(p.path for p in every_packet),  # never written over, as the bank
        )
        step = replace(
            STEP, build=partial(write_debrief, debriefs=debriefs, theme=theme, words=words)
        )
        written = run(replace(job, advance=advance), [(step, {})], workers=1)
    return Outcome(written, warnings, debriefs)
