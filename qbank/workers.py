"""Exporters side by side: one forked worker process per step, at most one per core.

A worker reports its warnings, progress and result (or error) through a pipe, so only the
parent prints. Its finished artifacts stay temporary files until the parent commits the
whole build. A failure, Ctrl-C or SIGTERM in the parent stops every worker, and each worker
removes its temporary files on the way out; Linux also stops a worker whose parent was
killed outright.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import traceback
from collections.abc import Sequence
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from qbank import atomic
from qbank.errors import InternalError, QbankError
from qbank.exporters import Exporter, Job

Step = tuple[Exporter, dict[str, object]]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def run_step(job: Job, exporter: Exporter, options: dict[str, object]) -> list[Path]:
    """One exporter in this process; a write that fails is a clear error, not a traceback."""
    try:
        return exporter.run(job, **options)
    except OSError as exc:
        where = exc.filename or job.out_dir
        raise QbankError(f"{exporter.name}: cannot write {where}: {exc.strerror}") from None


def run_forked(
    job: Job, steps: Sequence[Step], workers: int, pending: list[tuple[Path, Path]]
) -> list[list[Path]]:
    """Run `steps` in at most `workers` processes at once; their temporary files join
    `pending`, the parent's open transaction."""
    context = multiprocessing.get_context("fork")
    waiting = list(enumerate(steps))
    running: dict[Connection, tuple[int, BaseProcess]] = {}
    results: dict[int, list[Path]] = {}
    parent = os.getpid()
    # Objects that exist now (the bank above all) are left out of the workers' garbage
    # collections, so a worker does not copy the pages it shares with this process.
    gc.freeze()
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                index, (exporter, options) = waiting.pop(0)
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(
                    target=_worker, args=(sender, parent, job, exporter, options), daemon=True
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
                    stopped = f"{name}: the build stopped (exit {process.exitcode})"
                    raise QbankError(stopped) from None
                if kind == "warn":
                    job.warn(value)
                elif kind == "advance":
                    job.advance(value)
                elif kind == "done":
                    paths, parts = value
                    results[index] = paths
                    pending.extend(parts)
                    receiver.close()
                    process.join()
                    del running[receiver]
                elif kind == "error":
                    raise QbankError(value)
                else:
                    summary, details = value
                    raise InternalError(f"{name}: {summary}", details)
    finally:
        gc.unfreeze()
        for _, process in running.values():
            process.terminate()
        for receiver, (_, process) in running.items():
            process.join()
            receiver.close()
    return [results[i] for i in range(len(steps))]


def _worker(
    sender: Connection, parent: int, job: Job, exporter: Exporter, options: dict[str, object]
) -> None:
    # Ctrl-C reaches the whole process group: the parent alone decides, and stops workers
    # with SIGTERM, which unwinds them (removing temporary files) like an exception.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    atomic.unwind_on_sigterm()
    atomic.write_for(parent)
    _stop_with_parent(parent)
    reporting = replace(
        job,
        warn=lambda message: sender.send(("warn", message)),
        advance=lambda count: sender.send(("advance", count)),
    )
    code = 0
    try:
        with atomic.transaction() as parts:
            paths = run_step(reporting, exporter, options)
            sender.send(("done", (paths, list(parts))))
            parts.clear()  # the parent owns them now
    except QbankError as exc:
        sender.send(("error", exc.format_message()))
        code = 1
    except SystemExit:  # stopped by the parent
        code = 1
    except BaseException as exc:
        code = 1
        try:
            sender.send(("crash", (f"{type(exc).__name__}: {exc}", traceback.format_exc())))
        except OSError:
            pass
    finally:
        sender.close()
        # leave without multiprocessing's own reporting of the exception
        os._exit(code)


def _stop_with_parent(parent: int) -> None:
    """Ask Linux to send this worker SIGTERM when its parent dies, even by SIGKILL, so that
    no worker goes on writing after the build it belongs to is gone."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the next build removes stale parts
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        raise SystemExit(1)
