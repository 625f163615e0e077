"""The fixed life cycle of a build: select questions, prepare the folder, run exporters."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import traceback
from collections.abc import Sequence
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from qbank.atomic import remove_stale_parts, unwind_on_sigterm
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


Step = tuple[Exporter, dict[str, object]]


def run(job: Job, steps: Sequence[Step], workers: int | None = None) -> list[Path]:
    """Run each exporter with its options; refuse two exporters writing one path.

    Several exporters run side by side in forked processes, one per core (`workers`,
    default the machine's cores), so that `all` takes about as long as its slowest
    artifact. Each artifact is still written atomically by its own process.
    """
    prepare_out_dir(job.out_dir)
    workers = min(len(steps), workers or os.cpu_count() or 1)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        results = _run_forked(job, steps, workers)
    else:
        results = [_run_one(job, exporter, options) for exporter, options in steps]
    written: dict[Path, str] = {}
    for (exporter, _), paths in zip(steps, results, strict=True):
        for path in paths:
            if path in written:
                raise QbankError(f"{path} is written by both {written[path]} and {exporter.name}")
            written[path] = exporter.name
    return list(written)


def _run_one(job: Job, exporter: Exporter, options: dict[str, object]) -> list[Path]:
    try:
        return exporter.run(job, **options)
    except OSError as exc:
        where = exc.filename or job.out_dir
        raise QbankError(f"{exporter.name}: cannot write {where}: {exc.strerror}") from None


def _run_forked(job: Job, steps: Sequence[Step], workers: int) -> list[list[Path]]:
    """Run the steps in at most `workers` child processes at once. A child reports its
    warnings, progress and result (or error) through a pipe, so only this process prints."""
    context = multiprocessing.get_context("fork")
    waiting = list(enumerate(steps))
    running: dict[Connection, tuple[int, BaseProcess]] = {}
    results: dict[int, list[Path]] = {}
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                index, (exporter, options) = waiting.pop(0)
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(
                    target=_child, args=(sender, job, exporter, options), daemon=True
                )
                process.start()
                sender.close()
                running[receiver] = (index, process)
            for receiver in wait(list(running)):
                index, process = running[receiver]
                name = steps[index][0].name
                try:
                    kind, value = receiver.recv()
                except EOFError:
                    process.join()
                    raise QbankError(
                        f"{name}: the build stopped (exit {process.exitcode})"
                    ) from None
                if kind == "warn":
                    job.warn(value)
                elif kind == "advance":
                    job.advance(value)
                elif kind == "done":
                    results[index] = value
                    receiver.close()
                    process.join()
                    del running[receiver]
                elif kind == "error":
                    raise QbankError(value)
                else:
                    raise RuntimeError(f"{name} failed:\n{value}")
    finally:
        # stop the others (a failure, or this process being terminated); they remove their
        # temporary files on the way out, so no partial artifact is left
        for _, process in running.values():
            process.terminate()
        for receiver, (_, process) in running.items():
            process.join()
            receiver.close()
    return [results[i] for i in range(len(steps))]


def _child(sender: Connection, job: Job, exporter: Exporter, options: dict[str, object]) -> None:
    unwind_on_sigterm()
    _stop_with_parent()
    reporting = replace(
        job,
        warn=lambda message: sender.send(("warn", message)),
        advance=lambda count: sender.send(("advance", count)),
    )
    try:
        sender.send(("done", _run_one(reporting, exporter, options)))
    except QbankError as exc:
        sender.send(("error", exc.format_message()))
    except Exception:
        sender.send(("crash", traceback.format_exc()))
    finally:
        sender.close()


def _stop_with_parent() -> None:
    """Ask Linux to send this worker SIGTERM when its parent dies, even by SIGKILL, so that
    no worker goes on writing after the build it belongs to is gone."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the next build removes stale parts
        pass
