"""Locks on files that other processes see: `flock` on POSIX, msvcrt's byte locks on Windows.

Neither module exists everywhere, so neither is imported unconditionally: qbank starts on
Linux, macOS and Windows alike. A lock belongs to the process that took it and ends when
its file is closed or the process dies, which is what lets the next build tell a live
build's folder from one left by a build killed outright.
"""

from __future__ import annotations

import errno
import os
import time

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt
except ImportError:  # POSIX
    msvcrt = None  # type: ignore[assignment]

# Flags of os.open that only some platforms have; 0 (no effect) where they are missing
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
DIRECTORY = getattr(os, "O_DIRECTORY", 0)
# msvcrt reports a byte lock held by another process with one of these
_HELD = {errno.EACCES, errno.EDEADLK, getattr(errno, "EDEADLOCK", errno.EDEADLK)}


def try_lock(fd: int) -> bool:
    """Take an exclusive lock on the open file `fd` without waiting; False when another
    process holds it. OSError when this file system or platform has no locks."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    if msvcrt is not None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)  # the lock is on the file's first byte
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in _HELD:
                return False
            raise
        return True
    raise OSError(errno.ENOLCK, "this platform has no file locks")


def wait_for_lock(fd: int) -> None:
    """Take an exclusive lock on the open file `fd`, waiting while another process holds
    it. OSError when this file system or platform has no locks."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return
    while not try_lock(fd):
        time.sleep(0.05)
