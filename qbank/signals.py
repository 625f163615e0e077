"""How a build stops: every stopping signal unwinds it, and a commit holds signals back.

SIGINT (Ctrl-C), SIGTERM, SIGHUP (a closed terminal, a lost SSH session) and SIGQUIT (Ctrl-\\),
those of them the platform has, raise `Interrupted` once `unwind_on_signals()` is called,
so that the build's transaction removes its temporary folder on the way out and the command
line ends with one line and status 128 + the signal's number. Only the standard library is
imported here: the command line installs the handlers before it imports anything slow, so
Ctrl-C during the first half second of imports is no traceback either.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

# the ones this platform has: Windows has no SIGHUP nor SIGQUIT
STOPPING = tuple(
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
    if hasattr(signal, name)
)


class Interrupted(BaseException):
    """A stopping signal arrived. A BaseException, like KeyboardInterrupt, so that no
    `except Exception` swallows it, and click does not turn it into "Aborted!"."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    @property
    def message(self) -> str:
        if self.signum == signal.SIGINT:
            return "qbank: interrupted"
        return f"qbank: stopped by {signal.Signals(self.signum).name}"


_received: list[int] = []  # the stopping signals `_unwind` has raised `Interrupted` for
_since_handlers = 0  # how many of them came before `unwind_on_signals()` was last called


def _unwind(signum: int, frame: object) -> None:
    # a second signal while the first unwinds must not cut the clean-up short
    for each in STOPPING:
        signal.signal(each, signal.SIG_IGN)
    _received.append(signum)
    raise Interrupted(signum)


def since_handlers() -> int:
    """How many stopping signals had been raised as `Interrupted` when our handlers were
    put in place: every stop after that one is the process's, whether it came in the
    middle of a build or before it began (during the command line's imports, say). A host
    program that catches `Interrupted` and builds again calls `unwind_on_signals()` first."""
    return _since_handlers


def stop_if_signalled(since: int = 0) -> None:
    """Raise `Interrupted` again for a stopping signal that came before. Python runs a
    handler wherever the main thread is; inside a `__del__` or a garbage-collection callback
    the exception it raises cannot propagate and is only reported as unraisable (seen once
    in thousands of runs, just after start-up), and then the build would go on and commit.
    The commit asks here first, for the signals that came since its build began."""
    if len(_received) > since:
        raise Interrupted(_received[since])


def quiet_unraisable(unraisable: object) -> None:
    """A `sys.unraisablehook` that says nothing of an `Interrupted` raised where it could
    not propagate (`stop_if_signalled` stops the build), and hands anything else on."""
    if not isinstance(getattr(unraisable, "exc_value", None), Interrupted):
        sys.__unraisablehook__(unraisable)  # type: ignore[arg-type]


def unwind_on_signals() -> None:
    """From now on, a stopping signal raises `Interrupted` in the main thread."""
    global _since_handlers
    _since_handlers = len(_received)
    sys.unraisablehook = quiet_unraisable
    for each in STOPPING:
        signal.signal(each, _unwind)


def ignore_signals() -> None:
    for each in STOPPING:
        signal.signal(each, signal.SIG_IGN)


@contextmanager
def deferred() -> Iterator[Callable[[], int | None]]:
    """Hold the stopping signals back while the body runs; it may ask whether one came
    (the callable yielded returns its number). On the way out the first one is delivered
    to the handler that was in place before, so it takes effect only then."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: None  # Python runs handlers in the main thread only
        return
    caught: list[int] = []

    def hold(signum: int, frame: object) -> None:
        caught.append(signum)

    previous = {}
    for each in STOPPING:
        if signal.getsignal(each) != signal.SIG_IGN:  # an ignored signal stays ignored
            previous[each] = signal.signal(each, hold)
    try:
        yield lambda: caught[0] if caught else None
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler if handler is not None else signal.SIG_DFL)
        if caught:
            signal.raise_signal(caught[0])


@contextmanager
def blocked() -> Iterator[None]:
    """Block the stopping signals at the level of the kernel (e.g. across a fork, until the
    child has set its own handlers); pending ones arrive when the block ends. Where the
    platform has no signal mask (Windows), nothing is held."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def end(code: int, message: str = "") -> NoReturn:
    """One line on stderr (if it still takes one), and exit without flushing a standard
    output that may be the broken one."""
    if message:
        try:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
        except (OSError, ValueError, AttributeError):
            pass
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush goes nowhere
    except (OSError, ValueError, AttributeError):
        pass
    sys.exit(code)
