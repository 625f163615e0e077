"""Exporters side by side: one worker process per step, at most one per core.

Workers start the platform's way (multiprocessing's default start method: fork on Linux,
spawn on macOS and Windows), so what a worker is given travels by pickling: the job
without its callbacks, and the exporter by its name.

A worker reports its warnings, progress and result (or error) through a pipe, so only the
parent prints. A worker writes into the parent's transaction (the folder is shared; a
second write of one file name is refused in whichever process comes second) and tells the
parent what it wrote; the parent alone commits or discards. Stopping signals are the
parent's to act on: a failure or a signal there stops every worker (SIGTERM) before the
transaction is discarded; Linux also stops a worker whose parent was killed outright.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Sequence
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from qbank import signals
from qbank.errors import InternalError, QbankError
from qbank.exporters import Exporter, get
from qbank.job import Job

Step = tuple[Exporter, dict[str, object]]


def _ignore(_: object) -> None:
    return None


def run_step(job: Job, exporter: Exporter, options: dict[str, object]) -> list[Path]:
    """One exporter in this process; a write that fails is a clear error, not a traceback."""
    try:
        return exporter.run(job, **options)
    except OSError as exc:
        where = exc.filename or job.out_dir
        if job.transaction is not None:  # name the artifact, not its temporary file
            where = job.transaction.artifact(where)
        raise QbankError(f"{exporter.name}: cannot write {where}: {exc.strerror}") from None


def _start_method() -> str:
    """The host's start method, or the platform's default, without fixing it for the host
    (get_context() did: its later set_start_method('spawn') raised 'already been set')."""
    method = multiprocessing.get_start_method(allow_none=True)
    return method or multiprocessing.get_all_start_methods()[0]


def refuse_in_a_starting_worker() -> None:
    """Stop a build begun while this process is a worker of spawn or a fork server
    importing the host program's main module (a script that builds at its top level),
    before it writes anything: the parent stops its other workers when one fails, and a
    worker stopped while its own build's staging folder stood left it in the output
    folder (a brand trial's full run, on a busy machine). It fails as multiprocessing's
    own check would, a moment later: the worker exits 1, which `_stopped` explains."""
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise RuntimeError(
            "qbank.build was called while a worker process imported the main module; "
            'call it under `if __name__ == "__main__":`'
        )


def may_start_workers() -> bool:
    """Whether a build may start workers here: not in a daemonic process (a Pool's worker
    may start none), nor by fork while the host program runs other threads (a web
    server's): a forked worker has the locks those threads held, held for ever, and waited
    for one, the import of a module or python-docx's XML parser (a library trial)."""
    if multiprocessing.current_process().daemon:
        return False
    return _start_method() != "fork" or threading.active_count() == 1


def starting_order(steps: Sequence[Step]) -> list[tuple[int, Step]]:
    """`steps` with their indexes, the longest first (Exporter.cost): the cards of 5,000
    questions took 20 s and started last, after the deck and the packet had taken 2 s of
    the core they then had, while the booklet's core stood idle after 12 s."""
    return sorted(enumerate(steps), key=lambda item: -item[1][0].cost)


def run_in_workers(job: Job, steps: Sequence[Step], workers: int) -> list[list[Path]]:
    """Run `steps` in at most `workers` processes at once, writing into `job`'s
    transaction."""
    assert job.transaction is not None
    context = multiprocessing.get_context(_start_method())
    # what a worker needs of the job; warnings and progress come back through its pipe
    given = replace(job, warn=_ignore, advance=_ignore)
    # a forked worker has the exporter already; any other is given its name to look up
    by_name = context.get_start_method() != "fork"
    waiting = starting_order(steps)
    running: dict[Connection, tuple[int, BaseProcess]] = {}
    results: dict[int, list[Path]] = {}
    # the process that starts a worker: a fork server's is the server, not this one
    parent = None if context.get_start_method() == "forkserver" else os.getpid()
    # Objects that exist now (the bank above all) are left out of the workers' garbage
    # collections, so a worker does not copy the pages it shares with this process; not
    # when a host program froze its own (a server before it forks its workers): unfreezing
    # after would undo its freeze, which Python cannot tell apart from ours
    ours = gc.get_freeze_count() == 0
    if ours:
        gc.freeze()
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                index, (exporter, options) = waiting.pop(0)
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(
                    target=_worker,
                    args=(sender, parent, given, exporter.name if by_name else exporter, options),
                    daemon=True,
                )
                with signals.blocked():  # until the worker has its own handlers
                    process.start()
                    running[receiver] = (index, process)  # so a signal now stops it too
                    sender.close()
            for receiver in wait(list(running)):
                index, process = running[receiver]
                name = steps[index][0].name
                try:
                    kind, value = receiver.recv()
                except EOFError:
                    process.join()
                    stopped = _stopped(name, process.exitcode, context.get_start_method())
                    raise QbankError(stopped) from None
                if kind == "warn":
                    job.warn(value)
                elif kind == "advance":
                    job.advance(value)
                elif kind == "done":
                    paths, (staged, retired) = value
                    results[index] = paths
                    job.transaction.adopt(staged, retired)
                    receiver.close()
                    process.join()
                    del running[receiver]
                elif kind == "error":  # as the exporter raised it, or its message
                    raise value if isinstance(value, QbankError) else QbankError(value)
                else:
                    summary, details = value
                    raise InternalError(f"{name}: {summary}", details)
    finally:
        if ours:
            gc.unfreeze()
        for _, process in running.values():
            process.terminate()
        for receiver, (_, process) in running.items():
            process.join()
            receiver.close()
    return [results[i] for i in range(len(steps))]


def _stopped(name: str, code: int | None, method: str) -> str:
    """What to say of a worker that ended without a word. Started by spawn or a fork
    server, one that exits with 1 so failed as it imported the host program's main module
    again: a script that builds at its top level (a library trial, where only 'the build
    stopped' was said)."""
    stopped = f"{name}: the build stopped (exit {code})"
    if method == "fork" or code != 1:
        return stopped
    default = " (macOS's and Windows' default)" if method == "spawn" else ""
    return (
        f"{stopped}: its worker process failed as it started. Under the {method} start "
        f"method{default} each worker imports your main module again, so call qbank.build "
        'under `if __name__ == "__main__":`, or give workers=1'
    )


def _portable(error: QbankError) -> QbankError | str:
    """`error` to send to the parent, which raises it as the exporter did (BuildError,
    OptionError: a library caller's handling depended on whether the build had workers);
    its message alone when it does not travel whole."""
    try:
        copy = pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - any error of pickling: send its words
        return error.format_message()
    same = type(copy) is type(error) and copy.format_message() == error.format_message()
    return error if same else error.format_message()


def _worker(
    sender: Connection,
    parent: int | None,
    job: Job,
    step: Exporter | str,
    options: dict[str, object],
) -> None:
    # Ctrl-C, a closed terminal and Ctrl-\\ reach the whole process group: the parent alone
    # decides, and stops workers with SIGTERM, which ends one at once.
    signals.ignore_signals()
    signal.signal(signal.SIGTERM, _stop)
    if hasattr(signal, "pthread_sigmask"):  # not on Windows, where nothing was blocked
        signal.pthread_sigmask(signal.SIG_UNBLOCK, signals.STOPPING)
    exporter = get(step) if isinstance(step, str) else step
    _stop_with_parent(parent)
    reporting = replace(
        job,
        warn=lambda message: sender.send(("warn", message)),
        advance=lambda count: sender.send(("advance", count)),
    )
    code = 0
    try:
        paths = run_step(reporting, exporter, options)
        sender.send(("done", (paths, job.transaction.handover())))
    except QbankError as exc:
        sender.send(("error", _portable(exc)))
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


def _stop(signum: int, frame: object) -> None:
    """The parent discards what this worker wrote: nothing to clean up here."""
    os._exit(128 + signum)


def _stop_with_parent(parent: int | None) -> None:
    """Ask Linux to send this worker SIGTERM when its parent dies, even by SIGKILL, so that
    no worker goes on writing after the build it belongs to is gone. A fork server's worker
    (`parent` None) is the server's child: the server ends when the build's process does,
    and its workers then. Every such worker stopped at once, as the server was not the
    build's process (a library trial)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the next build removes stale parts
        return
    if parent is not None and os.getppid() != parent:  # it died before the request took effect
        os._exit(1)
