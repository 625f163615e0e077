"""The fixed life cycle of a build: select questions, prepare the folder, run exporters."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from qbank import atomic
from qbank.atomic import Transaction
from qbank.errors import QbankError
from qbank.job import Job
from qbank.model import Bank
from qbank.paths import BUILTIN_TEMPLATES, FONTS, builtin_template_names, template
from qbank.workers import Step, can_fork, run_forked, run_step


def select(bank: Bank, sections: Sequence[str] = (), tags: Sequence[str] = ()) -> Bank:
    """Keep the questions in any of `sections` that carry any of `tags`.

    A filter that matches nothing is an error, so a typo never builds an empty artifact.
    Question numbers stay those of the whole bank.
    """
    if not sections and not tags:
        return bank
    by_folded = {s.name.casefold(): s.name for s in bank.sections}
    wanted_sections = set()
    for name in sections:
        if name.casefold() not in by_folded:
            names = ", ".join(s.name for s in bank.sections)
            raise QbankError(f"--section {name!r} matches no section; sections are: {names}")
        wanted_sections.add(by_folded[name.casefold()])
    known_tags = {t.casefold() for t in bank.tags}
    for tag in tags:
        if tag.casefold() not in known_tags:
            raise QbankError(
                f"--tag {tag!r} matches no question; tags are: {', '.join(sorted(bank.tags))}"
            )
    wanted_tags = {t.casefold() for t in tags}
    kept = [
        q
        for q in bank.questions
        if (not wanted_sections or q.section in wanted_sections)
        and (not wanted_tags or wanted_tags & {t.casefold() for t in q.tags})
    ]
    if not kept:
        raise QbankError("no question is in the chosen sections with the chosen tags")
    return bank.with_questions(kept)


def variant_words(
    bank: Bank, sections: Sequence[str] = (), tags: Sequence[str] = ()
) -> tuple[str, ...]:
    """What a filter kept, for the file names: sections in the bank's order, then tags in
    alphabetical order, each once, so one selection always gets one name."""
    folded = {name.casefold() for name in sections}
    chosen = [s.name for s in bank.sections if s.name.casefold() in folded]
    return (*chosen, *sorted({tag.casefold() for tag in tags}))


def prepare_out_dir(out_dir: Path) -> Path:
    if out_dir.exists() and not out_dir.is_dir():
        raise QbankError(f"--out {out_dir}: is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise QbankError(f"--out {out_dir}: cannot create the folder: {exc.strerror}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise QbankError(f"--out {out_dir}: the folder cannot be written")
    atomic.remove_stale(out_dir)
    return out_dir


def inputs(job: Job) -> list[Path]:
    """Every file the build reads, which it must never write over: the bank, the templates
    and the fonts."""
    read = [Path(job.bank.source), *FONTS.iterdir()]
    for name in builtin_template_names():
        read += [BUILTIN_TEMPLATES / name, template(name)]  # --templates gives the second
    return read


def run(job: Job, steps: Sequence[Step], workers: int | None = None) -> list[Path]:
    """Run each exporter with its options, in one transaction.

    Several exporters run side by side in forked processes, one per core (`workers`,
    default the cores this process may use), so that `all` takes about as long as its
    slowest artifact. The artifacts appear together when every exporter has succeeded;
    a failure or an interruption leaves every previous artifact as it was.
    """
    prepare_out_dir(job.out_dir)
    workers = min(len(steps), workers or _usable_cores())
    with Transaction(job.out_dir, inputs(job)) as transaction:
        job = replace(job, transaction=transaction)
        if workers > 1 and can_fork():
            results = run_forked(job, steps, workers)
        else:
            results = [run_step(job, exporter, options) for exporter, options in steps]
        transaction.commit()
    return [path for paths in results for path in paths]


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
