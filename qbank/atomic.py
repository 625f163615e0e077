"""Atomic file writing: an artifact is complete or absent, never half-written."""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PART = ".part"  # suffix of a temporary file that is not yet an artifact


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target`.

    The temporary file lives in the target's own folder so the final rename stays on one
    file system and is atomic. If the body raises (or the process is interrupted), the
    temporary file is removed and any previous `target` is left as it was.
    """
    target = Path(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PART, dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_stale_parts(folder: Path) -> None:
    """Remove temporary files left by a build that was killed (SIGKILL cannot be caught)."""
    for stale in Path(folder).glob(f".*{PART}"):
        stale.unlink(missing_ok=True)


def unwind_on_sigterm() -> None:
    """Make SIGTERM unwind like Ctrl-C, so `atomic_path` removes its temporary file."""
    signal.signal(signal.SIGTERM, _raise_exit)


def _raise_exit(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
