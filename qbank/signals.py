"""How a build stops: every stopping signal unwinds it, and a commit holds signals back.

SIGINT (Ctrl-C), SIGTERM, SIGHUP (a closed terminal, a lost SSH session) and SIGQUIT (Ctrl-\\)
raise `Interrupted` once `unwind_on_signals()` is called, so that the build's transaction
removes its temporary folder on the way out and the command line ends with one line and
status 128 + the signal's number. Only the standard library is imported here: the command line
installs the handlers before it imports anything slow, so Ctrl-C during the first half second
of imports is no traceback either.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)


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


def _unwind(signum: int, frame: object) -> None:
    # a second signal while the first unwinds must not cut the clean-up short
    for each in STOPPING:
        signal.signal(each, signal.SIG_IGN)
    raise Interrupted(signum)


def unwind_on_signals() -> None:
    """From now on, a stopping signal raises `Interrupted` in the main thread."""
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
    child has set its own handlers); pending ones arrive when the block ends."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
