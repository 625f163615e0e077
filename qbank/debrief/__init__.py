"""Read filled-in interviewer packets back into a panel debrief (`qbank debrief`).

`read` takes each packet apart, `validate` refuses packets that do not belong to the bank
and lists what interviewers left out, `summarise` brings a candidate's panel together, and
`document` and `spreadsheet` write the results: a DOCX per candidate, one CSV, and with
several candidates a comparison. The files are written together or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from qbank import look
from qbank.atomic import Transaction
from qbank.bank import load_bank
from qbank.debrief.document import write_debriefs
from qbank.debrief.filled import FilledPacket
from qbank.debrief.read import read_packet
from qbank.debrief.spreadsheet import write_csv
from qbank.debrief.summarise import Debrief, calibrate, group_by_candidate, summarise
from qbank.debrief.validate import packet_warnings, panel_warnings, refusals, reworded
from qbank.debrief.words import load_words
from qbank.errors import OptionError, QbankError
from qbank.exporters import Job
from qbank.job import build_time
from qbank.lifecycle import inputs, prepare_out_dir
from qbank.paper import PAPER_SIZES
from qbank.paths import Templates
from qbank.project import bank_named
from qbank.wordml.theme import load_theme


def _ignore(_: object) -> None:
    return None


@dataclass(frozen=True)
class Outcome:
    written: list[Path]
    warnings: list[str]
    debriefs: list[Debrief]


def debrief(
    packet_paths: Sequence[Path],
    bank_path: Path | None,
    out_dir: Path,
    *,
    strict: bool = False,
    accept_changes: bool = False,
    templates: Path | None = None,
    warn: Callable[[str], None] = _ignore,
) -> list[Path]:
    """Read `packet_paths` against the bank, write the debrief into `out_dir`, and return
    the paths written.

    A packet that does not belong to the bank is an error naming every difference; what
    interviewers left out is passed to `warn`, and is an error with `strict`. `templates`
    is a folder of template files laid over the built-in look, as for a build. Without
    `bank_path`, the bank the packets name is looked for in the current folder and in the
    packets' folders.
    """
    look_of = Templates.of(templates)
    for unknown in look_of.unused():
        warn(f"--templates {templates}: {unknown} is no template's name; not used")
    look.check_all(look_of)
    outcome = read_debrief(
        packet_paths,
        bank_path,
        out_dir,
        strict=strict,
        accept_changes=accept_changes,
        templates=look_of,
    )
    for warning in outcome.warnings:
        warn(warning)
    return outcome.written


def packets_bank(packets: Sequence[FilledPacket]) -> Path:
    """The bank the packets were built from, found by the name they record in the current
    folder and in each packet's folder; an error says where it was looked for."""
    names = list(dict.fromkeys(p.identity.bank for p in packets))
    if len(names) > 1:
        raise OptionError(
            "the packets come from different banks ("
            + ", ".join(f"'{n}'" for n in names)
            + "); debrief each bank's packets on their own, with --bank"
        )
    folders = list(dict.fromkeys([Path("."), *(p.path.parent for p in packets)]))
    found = bank_named(names[0], folders)
    if len(found) == 1:
        return found[0]
    where = " and ".join(str(f) if str(f) != "." else "this folder" for f in folders)
    if not found:
        raise OptionError(
            f"the packets were built from the bank '{names[0]}', but no {names[0]}.yaml is "
            f"in {where}; give it with --bank"
        )
    listed = ", ".join(str(p) for p in found)
    raise OptionError(f"two banks are called '{names[0]}' ({listed}); choose one with --bank")


def read_debrief(
    packet_paths: Sequence[Path],
    bank_path: Path | None,
    out_dir: Path,
    *,
    strict: bool = False,
    templates: Templates | None = None,
    accept_changes: bool = False,
) -> Outcome:
    """`debrief`, with the warnings and the candidates' summaries returned; `templates` is
    the look (the built-in one when none is given)."""
    templates = templates or Templates()
    words = load_words(templates)
    packets = [read_packet(Path(path), words.packet) for path in packet_paths]
    bank = load_bank(bank_path if bank_path is not None else packets_bank(packets))
    scale = bank.rubric or words.packet.levels
    problems = []
    for packet in packets:
        problems += refusals(packet, bank, scale, accept_changes)
    if problems:
        raise QbankError("\n".join(problems))
    warnings = []
    for packet in packets:
        warnings += packet_warnings(packet, bank, words.packet)
    panels = group_by_candidate(packets)
    for panel in panels:
        warnings += panel_warnings(panel, bank)
    if strict and warnings:
        raise QbankError("\n".join([*warnings, f"--strict: {len(warnings)} problems found"]))
    debriefs = [
        summarise(panel, bank, scale, words, reworded(panel, bank) if accept_changes else ())
        for panel in panels
    ]
    paper = dict(
        setting.partition("=")[::2] for setting in packets[0].identity.settings.split()
    ).get("paper", "a4")
    theme = load_theme(paper if paper in PAPER_SIZES else "a4", templates)
    newest = max(packets, key=lambda p: os.stat(p.path).st_mtime).path
    job = Job(bank=bank, out_dir=out_dir, timestamp=build_time(newest), templates=templates)
    prepare_out_dir(out_dir, warnings.append)
    names: set[str] = set()
    reads = [*inputs(job), *(p.path for p in packets)]
    with Transaction(out_dir, reads) as transaction:
        job = replace(job, transaction=transaction)
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
        try:
            written = write_debriefs(job, named, comparison, theme, words)
            filename = job.filename("csv", "debrief")
            write_csv(job.write(filename), debriefs)
        except OSError as exc:  # a full disk: nothing is committed, the old debrief stays
            where = transaction.artifact(exc.filename or out_dir)
            raise QbankError(f"{where}: cannot write the debrief: {exc.strerror}") from None
        written.insert(len(named), out_dir / filename)
        transaction.commit()
    return Outcome(written, warnings, debriefs)
