"""The job: what every exporter is given, and the one way it writes a file.

`Job.timestamp` is the build's time, fixed once where the job is made (`build_time`): every
date inside the artifacts (covers, Anki notes, zip entries, PDF and DOCX properties) is this
one moment, so that with SOURCE_DATE_EPOCH two builds give the same bytes; only an Anki note
the bank did not change keeps the earlier date that the deck it replaces gave it.
"""

from __future__ import annotations

import datetime
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qbank.atomic import Transaction
from qbank.errors import QbankError
from qbank.model import Bank
from qbank.naming import artifact_name
from qbank.paths import Templates
from qbank.reproducible import ZIP_EPOCH, ZIP_LATEST


def _ignore(_: object) -> None:
    return None


@dataclass(frozen=True)
class Job:
    """The (filtered) bank, where to write, the build's time, its look, and whom to tell."""

    bank: Bank
    out_dir: Path
    timestamp: int
    warn: Callable[[str], None] = _ignore
    advance: Callable[[int], None] = _ignore  # called with a number of questions done
    transaction: Transaction | None = field(default=None, repr=False, compare=False)
    variant: tuple[str, ...] = ()  # what the filters kept (section names, tags): the file names
    name: str | None = None  # --name: the stem of every file name, set outright
    # the look of this build (--templates over the built-in one), read once per build
    templates: Templates = field(default_factory=Templates, repr=False, compare=False)
    # files beyond the bank and the look that the build reads (the debrief's packets): the
    # transaction never writes over them
    reads: tuple[Path, ...] = ()
    # the timestamp is SOURCE_DATE_EPOCH's or the library call's: no file's time moves it
    # (`time_with`)
    pinned: bool = False

    def filename(
        self, ext: str, kind: str = "", variant: Sequence[str] = (), part: str = ""
    ) -> str:
        """The one naming rule (qbank.naming) for every exporter: the whole bank keeps
        `<bank>[-kind].ext`; a filtered build, or an exporter's own `variant` words
        (--minutes 45: '45min'), make a name of its own."""
        return artifact_name(
            self.bank.name,
            ext,
            kind=kind,
            variant=(*self.variant, *variant),
            part=part,
            name=self.name,
        )

    def time_with(self, names: Iterable[str]) -> int:
        """The build's time, or the latest modification time of the look's own files of
        `names` (template names: "anki/style.css") when later, counted as the bank's is
        (build_time): an artifact made of them is as new as they are. A deck whose card
        style alone was edited was dated as before, and Anki kept the old style (a
        trial). SOURCE_DATE_EPOCH, when it gave the build's time, gives this one."""
        overlay = self.templates.overlay
        if self.pinned or overlay is None:
            return self.timestamp
        paths = [self.templates.path(name) for name in names]
        own = [path for path in paths if path.is_relative_to(overlay)]
        return max(self.timestamp, modified_time(own)) if own else self.timestamp

    def write(self, filename: str) -> Path:
        """The temporary path to write the artifact `filename` to. It becomes
        `out_dir/filename` when the whole build commits, with every other artifact of the
        build; a second write of one filename is refused at once."""
        return self._transaction().stage(filename)

    def retire(self, filename: str) -> None:
        """Remove the artifact `out_dir/filename` when the build commits."""
        self._transaction().retire(filename)

    def _transaction(self) -> Transaction:
        if self.transaction is None:
            raise RuntimeError("an exporter writes only inside a build (qbank.lifecycle.run)")
        return self.transaction


def source_date(environ: Mapping[str, str] = os.environ) -> int | None:
    """SOURCE_DATE_EPOCH, the time every build is pinned to, when it is set; a value that
    is not whole seconds a zip entry can hold is refused."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 10 or int(value) > ZIP_LATEST:
        shown = repr(value) if len(value) <= 24 else f"{value[:20]!r}... ({len(value)} characters)"
        raise QbankError(
            f"SOURCE_DATE_EPOCH must be whole seconds from 1970 to the end of 2107 "
            f"(0 to {ZIP_LATEST}), written with the digits 0-9, not {shown}"
        )
    return int(value)


def given_time(value: object) -> int:
    """A library call's `timestamp`: whole seconds since 1970 (an int) or a datetime that
    knows its zone, as SOURCE_DATE_EPOCH takes them, for this build alone (builds in
    threads shared the one environment variable: a library trial)."""
    if isinstance(value, datetime.datetime):
        if value.utcoffset() is None:
            raise TypeError(
                f"timestamp: give a datetime with its time zone (tzinfo=datetime.UTC), or "
                f"whole seconds since 1970, not {value!r}"
            )
        value = int(value.timestamp())
    elif isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"timestamp: give whole seconds since 1970 or a datetime, not {value!r}")
    if not 0 <= value <= ZIP_LATEST:
        raise QbankError(
            f"timestamp: {value} is not from 1970 to the end of 2107 (0 to {ZIP_LATEST})"
        )
    return value


def build_time(bank_path: Path, environ: Mapping[str, str] = os.environ, also: int = 0) -> int:
    """SOURCE_DATE_EPOCH when it is set, else the latest of the bank file's modification
    time and `also` (its pictures'), but not later than now, moved into the range a zip
    entry can hold."""
    pinned = source_date(environ)
    return pinned if pinned is not None else modified_time((bank_path,), also)


def modified_time(paths: Iterable[Path], also: int = 0) -> int:
    """The latest of the files' modification times and `also`, but not later than now,
    moved into the range a zip entry can hold (its start when a file cannot be read)."""
    try:
        modified = max([int(os.stat(path).st_mtime) for path in paths] + [also])
    except (OSError, ValueError, OverflowError):
        return ZIP_EPOCH
    # never later than now: a file dated in 2100 made every later deck look older to Anki,
    # which then kept the notes it had (a hostile test)
    modified = min(modified, int(time.time()))
    return min(max(modified, ZIP_EPOCH), ZIP_LATEST)
