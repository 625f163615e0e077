"""Atomic file writing: an artifact is complete or absent, never half-written.

Each artifact is written to a temporary file in its own folder and renamed over the old one
when it is complete. Inside a `transaction()`, the renames wait until the whole build has
succeeded, so a build that fails part-way changes no artifact at all.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PART = ".part"  # suffix of a temporary file that is not yet an artifact

# (temporary file, artifact) pairs of the open transaction, or None when there is none;
# a pair without a temporary file removes its artifact
_pending: list[tuple[Path | None, Path]] | None = None
# the process whose build a temporary file belongs to: a worker writes for its parent
_owner: int | None = None


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` (inside a
    transaction: when the transaction commits). If the body raises, or the process is
    interrupted, the temporary file is removed and the previous `target` stays as it was.
    """
    target = Path(target)
    # the build's pid in the name tells a later build whether this one is still alive
    prefix = f".{target.name}.{_owner or os.getpid()}."
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=PART, dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o666 & ~_umask())
        if _pending is None:
            os.replace(temp, target)
        else:
            _pending.append((temp, target))
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextmanager
def transaction() -> Iterator[list[tuple[Path, Path]]]:
    """Hold back the renames of every `atomic_path` inside; `commit` them at the end. If
    the body raises, every temporary file is removed and no artifact changes."""
    global _pending
    outer, _pending = _pending, []
    pending = _pending
    try:
        yield pending
    except BaseException:
        discard(pending)
        raise
    finally:
        _pending = outer


def retire(target: Path) -> None:
    """Remove an artifact that this build makes obsolete (e.g. the fourth packet of a
    panel that now has three), when the build commits."""
    if _pending is None:
        Path(target).unlink(missing_ok=True)
    else:
        _pending.append((None, Path(target)))


def commit(pending: list[tuple[Path | None, Path]]) -> None:
    try:
        while pending:
            temp, target = pending[0]
            if temp is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(temp, target)
            pending.pop(0)
    finally:
        discard(pending)


def discard(pending: list[tuple[Path | None, Path]]) -> None:
    for temp, _ in pending:
        if temp is not None:
            temp.unlink(missing_ok=True)
    pending.clear()


def write_for(owner: int) -> None:
    """Name this process's temporary files after `owner`, the process running the build."""
    global _owner
    _owner = owner


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_stale_parts(folder: Path) -> None:
    """Remove temporary files left by a build that was killed (SIGKILL cannot be caught),
    but not those of a build still running in the same folder."""
    for part, owner in _parts(folder):
        if not _alive(owner):
            part.unlink(missing_ok=True)


def remove_own_parts(folder: Path) -> None:
    """Remove every temporary file of this process's build, its workers' included: after a
    failure, whatever message about them was lost on the way."""
    for part, owner in _parts(folder):
        if owner == os.getpid():
            part.unlink(missing_ok=True)


def _parts(folder: Path) -> Iterator[tuple[Path, int]]:
    for part in Path(folder).glob(f".*{PART}"):
        pieces = part.name.split(".")
        if len(pieces) >= 4 and pieces[-3].isdigit():
            yield part, int(pieces[-3])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def unwind_on_sigterm() -> None:
    """Make SIGTERM unwind like Ctrl-C, so `atomic_path` removes its temporary file."""
    signal.signal(signal.SIGTERM, _raise_exit)


@contextmanager
def sigterm_unwinds() -> Iterator[None]:
    """`unwind_on_sigterm` while a build runs; afterwards SIGTERM ends the process as
    usual, so that a late one does not raise inside the interpreter's shutdown."""
    previous = signal.signal(signal.SIGTERM, _raise_exit)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_exit(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
