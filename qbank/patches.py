"""A change that qbank makes to another library's process-wide state for a while (reportlab's
word split, pypdf's logger), in whichever threads need it at once: made as the first of
them starts, undone as the last ends, and told apart from a host program's own threads.

Each thread that made and undid such a change itself put back what another thread had put in
meanwhile: two builds, or two debriefs, in threads left the change in place for the rest of
the process (a library trial)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class SharedPatch:
    """`make()` as the first thread enters `held()`, `undo()` as the last leaves it;
    `here()` says whether the calling thread is inside, so that what the change puts in
    place serves qbank's own calls alone."""

    def __init__(self, name: str, make: Callable[[], None], undo: Callable[[], None]) -> None:
        self._make, self._undo = make, undo
        self._lock = threading.Lock()
        self._inside = 0  # the threads inside now
        self._here: ContextVar[bool] = ContextVar(f"qbank {name}", default=False)

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            if self._inside == 0:
                self._make()
            self._inside += 1
        token = self._here.set(True)
        try:
            yield
        finally:
            self._here.reset(token)
            with self._lock:
                self._inside -= 1
                if self._inside == 0:
                    self._undo()

    def here(self) -> bool:
        return self._here.get()
