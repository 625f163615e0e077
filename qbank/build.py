"""The fixed life cycle of a build: select questions, prepare the folder, run exporters."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from qbank.atomic import remove_stale_parts
from qbank.errors import QbankError
from qbank.exporters import Exporter, Job
from qbank.model import Bank


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


def prepare_out_dir(out_dir: Path) -> Path:
    if out_dir.exists() and not out_dir.is_dir():
        raise QbankError(f"--out {out_dir}: is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise QbankError(f"--out {out_dir}: cannot create the folder: {exc.strerror}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise QbankError(f"--out {out_dir}: the folder cannot be written")
    remove_stale_parts(out_dir)
    return out_dir


def run(job: Job, steps: Sequence[tuple[Exporter, dict[str, object]]]) -> list[Path]:
    """Run each exporter with its options; refuse two exporters writing one path."""
    prepare_out_dir(job.out_dir)
    written: dict[Path, str] = {}
    for exporter, options in steps:
        try:
            paths = exporter.run(job, **options)
        except OSError as exc:
            where = exc.filename or job.out_dir
            raise QbankError(f"{exporter.name}: cannot write {where}: {exc.strerror}") from None
        for path in paths:
            if path in written:
                raise QbankError(f"{path} is written by both {written[path]} and {exporter.name}")
            written[path] = exporter.name
    return list(written)
