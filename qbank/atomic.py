"""The build's transaction: every artifact of a build appears at once, or none does.

A build writes its files into a folder of its own inside the output folder,
`.qbank-tmp-<random>/new/`, and holds that folder's `lock` file locked (qbank.locks: flock,
or msvcrt on Windows) for as long as the build lives. The commit first checks every target, then
renames each new file over its artifact, keeping the replaced files in `old/` until the end;
if a rename fails, or a stopping signal arrives during the renames, the files already replaced
are put back, so the folder holds the previous build exactly. Signals wait until the commit
is complete or rolled back.

Clean-up removes only `.qbank-tmp-*` folders whose lock no process holds: those of a build
that was killed outright (SIGKILL). When a roll-back itself fails, the previous versions it
could not put back stay in that build's folder, renamed `.qbank-kept-*` and holding a note
(KEPT.txt), until the user removes it; every later build names them in a warning
(`kept_versions`). Nothing else in the output folder is ever touched, and a
build running at the same time, in another PID namespace or on another host sharing the
folder, keeps its lock and its files (as far as the file system's locks reach).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import struct
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from qbank import signals
from qbank.errors import QbankError
from qbank.locks import DIRECTORY, NOFOLLOW, try_lock, wait_for_lock

PREFIX = ".qbank-tmp-"  # a build's private folder inside --out
LOCK = "lock"
NEW = "new"  # the build's files, named as their artifacts
OLD = "old"  # during the commit: the artifacts they replace
KEPT_PREFIX = ".qbank-kept-"  # a failed commit's folder, kept for its old/ files
KEPT_NOTE = "KEPT.txt"  # in such a folder: what it holds; clean-up leaves the folder alone

_FS_IOC_GETFLAGS = 0x80086601  # Linux: a file's attributes, as `lsattr` shows them
_UNCHANGEABLE = 0x10 | 0x20  # FS_IMMUTABLE_FL, FS_APPEND_FL (`chattr +i`, `chattr +a`)


class Transaction:
    """One build's writes into `out_dir`, committed together; use it as a context manager
    (leaving it without `commit()` discards every file written)."""

    def __init__(self, out_dir: Path, inputs: Iterable[Path] = ()) -> None:
        self.out_dir = Path(out_dir)
        # a forked worker writes here but never commits or discards
        self._owner: int | None = os.getpid()
        self._staged: list[str] = []  # file names, in the order they were written
        self._retired: list[str] = []
        self._only_new: set[str] = set()  # never put over an existing file
        self._inputs = {_identity(p) for p in inputs} - {None}
        # a stop since the handlers were set stops the commit, also one swallowed before
        # this build began (the command line's imports run with the handlers in place)
        self._signals_before = signals.since_handlers()
        with signals.deferred():
            self.folder, self._lock = _locked_folder(self.out_dir)
            try:
                (self.folder / NEW).mkdir()
            except OSError as exc:
                self.discard()
                raise _no_folder(self.out_dir, exc) from None

    def __enter__(self) -> Transaction:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.discard()

    # -- writing (in the build's process or a worker forked from it)

    def stage(self, filename: str, *, only_new: bool = False) -> Path:
        """A new, empty temporary file that becomes `out_dir/filename` at the commit. A
        second one of the same name is refused at once, in whichever process asks. With
        `only_new`, the commit refuses (and changes nothing) when `out_dir/filename`
        exists, even one that appeared meanwhile (a bank `new` makes, a template copied)."""
        _check_name(filename)
        target = self.out_dir / filename
        if _identity(target) in self._inputs:
            raise QbankError(
                f"{target}: this build reads that file, so it will not write over it; "
                "choose another --out folder or rename the bank"
            )
        temporary = self.folder / NEW / filename
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            raise QbankError(f"{target}: written twice by one build") from None
        self._staged.append(filename)
        if only_new:
            self._only_new.add(filename)
        return temporary

    def retire(self, filename: str) -> None:
        """Remove `out_dir/filename` when the build commits (an artifact this build makes
        obsolete)."""
        _check_name(filename)
        self._retired.append(filename)

    def artifact(self, path: str | os.PathLike[str]) -> Path:
        """The artifact a temporary file stands for (for messages); other paths as given."""
        path = Path(path)
        if path.parent == self.folder / NEW:
            return self.out_dir / path.name
        return path

    def handover(self) -> tuple[list[str], list[str]]:
        """What a worker wrote, for the build's process to `adopt`."""
        return list(self._staged), list(self._retired)

    def adopt(self, staged: Iterable[str], retired: Iterable[str]) -> None:
        self._staged = list(dict.fromkeys([*self._staged, *staged]))
        self._retired = list(dict.fromkeys([*self._retired, *retired]))

    @property
    def targets(self) -> list[Path]:
        return [self.out_dir / name for name in self._staged]

    # -- the end: commit or discard (the build's process only)

    def commit(self) -> None:
        """Put every file in place, all of them or (on any failure) none."""
        signals.stop_if_signalled(since=self._signals_before)  # a stop swallowed earlier
        self._settle()
        with signals.deferred() as signalled, _commit_lock(self.out_dir):
            self._check_targets()
            old = self.folder / OLD
            done: list[tuple[str, bool]] = []  # (name, an artifact was there before)
            changes = [(n, True) for n in self._staged]
            changes += [(n, False) for n in self._retired if n not in self._staged]
            stopped = False
            name = None  # the artifact being renamed when a rename fails
            try:
                old.mkdir()
                for name, new in changes:
                    if signalled() is not None:
                        stopped = True
                        break
                    target = self.out_dir / name
                    if new and name in self._only_new:
                        try:  # a link refuses an existing name, also one made meanwhile
                            os.link(self.folder / NEW / name, target)
                        except FileExistsError:
                            self._roll_back(done)
                            raise _exists(target) from None
                        done.append((name, False))
                    elif new:
                        existed = _back_up(target, old / name)
                        os.replace(self.folder / NEW / name, target)
                        done.append((name, existed))
                    elif target.exists() or target.is_symlink():
                        os.replace(target, old / name)
                        done.append((name, True))
            except OSError as exc:
                self._roll_back(done)
                where = self.out_dir if name is None else self.out_dir / name
                raise QbankError(
                    f"{where}: cannot write: {exc.strerror or exc}; "
                    "every artifact is as it was before this build"
                ) from None
            if stopped:
                self._roll_back(done)  # the signal takes effect once this is done
            else:
                _sync(self.out_dir)  # the renames themselves survive a power cut
                self.discard()
        if stopped:  # the signal's handler did not end the build
            raise QbankError("the build was stopped during its commit; no artifact changed")

    def discard(self) -> None:
        """Remove the build's folder and everything in it; then release the lock."""
        if os.getpid() != self._owner:
            return
        self._owner = None
        with signals.deferred():
            shutil.rmtree(self.folder, ignore_errors=True)
            os.close(self._lock)

    def _settle(self) -> None:
        """Have every new file on disk before any rename points an artifact at it: after a
        power cut the folder then holds whole files, old or new."""
        for name in self._staged:
            _sync(self.folder / NEW / name)

    def _check_targets(self) -> None:
        """Refuse, before anything is renamed, what would make a rename fail."""
        if not os.access(self.out_dir, os.W_OK | os.X_OK) or _unchangeable(self.out_dir):
            raise QbankError(f"{self.out_dir}: the folder cannot be written")
        for name in [*self._staged, *self._retired]:
            target = self.out_dir / name
            try:
                status = target.lstat()
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise QbankError(f"{target}: cannot write: {exc.strerror}") from None
            if name in self._only_new:
                raise _exists(target)
            if stat.S_ISDIR(status.st_mode):
                raise QbankError(f"{target}: is a folder, so the artifact cannot be written")
            if _unchangeable(target):
                raise QbankError(f"{target}: the file is marked unchangeable (chattr +i or +a)")
            if not _may_replace(self.out_dir, status):
                raise QbankError(
                    f"{target}: belongs to another user in a folder where only the owner "
                    "may replace a file"
                )

    def _roll_back(self, done: list[tuple[str, bool]]) -> None:
        lost = []
        for name, existed in reversed(done):
            target, backup = self.out_dir / name, self.folder / OLD / name
            try:
                if existed:
                    os.replace(backup, target)
                else:
                    target.unlink(missing_ok=True)
            except OSError:
                lost.append(name)
        if lost:
            # keep the old files until the user removes them: a note in the folder (which
            # clean-up never removes: it holds more than a build's files), then a name that
            # clean-up does not even look at, where the folder can still be renamed
            self._owner = None
            with contextlib.suppress(OSError):
                (self.folder / KEPT_NOTE).write_text(_kept_note(lost), encoding="utf-8")
            for name in set(os.listdir(self.folder / OLD)) - set(lost):
                with contextlib.suppress(OSError):  # a copy of what is still in place
                    (self.folder / OLD / name).unlink()
            kept = self.folder.with_name(self.folder.name.replace(PREFIX, KEPT_PREFIX))
            with contextlib.suppress(OSError):
                self.folder.rename(kept)
                self.folder = kept
            raise QbankError(
                f"{self.out_dir}: the commit failed and {', '.join(lost)} could not be put "
                f"back; the previous versions are in {self.folder / OLD}"
            )


def _kept_note(lost: list[str]) -> str:
    return (
        "qbank kept the previous versions of these artifacts in old/ when a build's commit\n"
        "failed and could not put them back:\n\n"
        + "".join(f"  {name}\n" for name in lost)
        + "\nNo build removes this folder; every build in this folder names it in a warning.\n"
        "Copy back what you need, then remove the folder.\n"
    )


def kept_versions(out_dir: Path) -> list[Path]:
    """The old/ folders of commits that failed and could not put back what they replaced
    (`_roll_back`), in `out_dir`: kept until the user removes them."""
    try:
        folders = sorted(Path(out_dir).iterdir())
    except OSError:
        return []
    kept = []
    for folder in folders:
        if not folder.name.startswith((KEPT_PREFIX, PREFIX)) or folder.is_symlink():
            continue
        with contextlib.suppress(OSError):
            if (folder / KEPT_NOTE).is_file() and (folder / OLD).is_dir():
                kept.append(folder / OLD)
    return kept


def remove_stale(out_dir: Path) -> None:
    """Remove the folders of builds that no longer run: those whose lock nobody holds.
    A folder is a build's only when it holds nothing but a build's lock, new/ and old/
    (or nothing at all)."""
    try:
        candidates = [p for p in Path(out_dir).iterdir() if p.name.startswith(PREFIX)]
    except OSError:
        return
    for folder in candidates:
        if folder.is_symlink() or not folder.is_dir():
            continue
        try:
            names = set(os.listdir(folder))
        except OSError:
            continue
        if names and (LOCK not in names or not names <= {LOCK, NEW, OLD}):
            continue  # no build's folder, though named like one: the user's, kept whole
        try:
            # creating the lock of a folder whose build has not yet made it is harmless:
            # that build finds the lock taken, or its file replaced, and starts afresh
            lock = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | NOFOLLOW, 0o600)
        except OSError:
            continue
        try:
            taken = try_lock(lock)
        except OSError:  # locks cannot tell whether that build is alive: keep it
            taken = False
        if not taken:  # held: that build is alive
            os.close(lock)
            continue
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            os.close(lock)


def _locked_folder(out_dir: Path) -> tuple[Path, int]:
    for _ in range(100):
        try:
            folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=out_dir))
        except OSError as exc:  # a full disk, a folder that refuses (root may lack rights)
            raise _no_folder(out_dir, exc) from None
        try:
            lock = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | NOFOLLOW, 0o600)
        except FileNotFoundError:  # another build's clean-up took the folder: try again
            continue
        try:
            if not try_lock(lock):  # another build's clean-up holds it: it removes it
                os.close(lock)
                continue
        except OSError as exc:
            if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP):
                raise
            # a file system without locks: clean-up cannot take it either, so it stays safe
        try:
            if os.path.samestat(os.fstat(lock), os.stat(folder / LOCK)):
                return folder, lock
        except FileNotFoundError:
            pass
        os.close(lock)  # clean-up removed it between our open and our lock
    raise QbankError(f"{out_dir}: cannot make a temporary folder for the build")


def _exists(target: Path) -> QbankError:
    return QbankError(f"{target}: already exists; qbank never overwrites it")


def _no_folder(out_dir: Path, error: OSError) -> QbankError:
    return QbankError(
        f"{out_dir}: cannot make a temporary folder for the build: {error.strerror or error}"
    )


@contextlib.contextmanager
def _commit_lock(out_dir: Path) -> Iterator[None]:
    """One commit at a time in a folder (builds that share it, even from other containers on
    this machine), so two commits never interleave their renames: a lock on the folder
    itself, which leaves no file behind. Where the folder cannot be locked, go on."""
    try:
        folder = os.open(out_dir, os.O_RDONLY | DIRECTORY)
    except OSError:  # Windows opens no folder as a file
        yield
        return
    try:
        with contextlib.suppress(OSError):
            wait_for_lock(folder)
        yield
    finally:
        os.close(folder)  # releases the lock


def _sync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # a file system without fsync (or a folder it refuses): nothing to do
        pass
    finally:
        os.close(fd)


def _check_name(filename: str) -> None:
    if not filename or filename in (".", "..") or "/" in filename or "\0" in filename:
        raise ValueError(f"not a file name: {filename!r}")
    if filename.startswith(PREFIX):
        raise ValueError(f"{filename!r} is a name qbank keeps for its temporary folders")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def _back_up(target: Path, backup: Path) -> bool:
    """Keep the artifact `target` is now as `backup` (a hard link: the artifact stays in
    place meanwhile); False when there is none."""
    try:
        os.link(target, backup, follow_symlinks=False)
    except FileNotFoundError:
        return False
    except OSError:  # no hard links here (or not to this file): a copy then
        try:
            shutil.copy2(target, backup, follow_symlinks=False)
        except FileNotFoundError:
            return False
    return True


def _unchangeable(path: Path) -> bool:
    """True when Linux marks `path` immutable or append-only; False when it cannot tell."""
    try:
        import fcntl  # POSIX only; the attributes asked for are Linux's
    except ImportError:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | NOFOLLOW)
    except OSError:
        return False
    try:
        flags = fcntl.ioctl(fd, _FS_IOC_GETFLAGS, struct.pack("l", 0))
        return bool(struct.unpack("l", flags)[0] & _UNCHANGEABLE)
    except OSError:
        return False
    finally:
        os.close(fd)


def _may_replace(folder: Path, status: os.stat_result) -> bool:
    """In a sticky folder (like /tmp) only a file's owner, the folder's owner or root may
    replace it."""
    try:
        folder_status = os.stat(folder)
    except OSError:
        return True
    if not folder_status.st_mode & stat.S_ISVTX or not hasattr(os, "geteuid"):
        return True
    me = os.geteuid()
    return me in (0, status.st_uid, folder_status.st_uid)
