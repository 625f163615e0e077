"""Reproducible zip files: the same content always gives the same bytes.

Libraries that write zip-based formats (python-docx's .docx among them) stamp each entry
with the current time. `write_zip_pinned` writes an archive's entries with every entry
dated at one given moment, in their given order, with fixed permissions, and can stream
new content into an entry piece by piece, so that a large entry is never whole in memory.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable, Iterable
from typing import BinaryIO

ZIP_EPOCH = 315532800  # 1980-01-01 00:00:00 UTC, the earliest date a zip entry can hold
ZIP_LATEST = 4354819199  # 2107-12-31 23:59:58 UTC, the last one

Rewrite = Callable[[str, bytes], Iterable[bytes]]
# A rewrite yields many small pieces (a packet's body comes a run of XML at a time): they
# are compressed a chunk at a time, as each call to the compressor costs more than its bytes.
CHUNK = 1 << 16


def zip_date(timestamp: int) -> tuple[int, int, int, int, int, int]:
    """The zip date of `timestamp` (UTC, so the machine's time zone does not matter), to
    the two seconds that a zip entry can tell apart."""
    year, month, day, hour, minute, second = time.gmtime(
        min(max(timestamp, ZIP_EPOCH), ZIP_LATEST)
    )[:6]
    return year, month, day, hour, minute, second - second % 2


def pinned_entry(name: str, timestamp: int) -> zipfile.ZipInfo:
    """A zip entry header that depends on nothing but `name` and `timestamp`."""
    entry = zipfile.ZipInfo(name, date_time=zip_date(timestamp))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    entry.create_system = 3  # Unix, whatever the machine
    return entry


def write_zip_pinned(
    entries: Iterable[tuple[str, bytes]],
    target: BinaryIO,
    timestamp: int,
    rewrite: Rewrite | None = None,
) -> None:
    """Write the (name, content) `entries` to `target` (a seekable file) as a zip archive,
    in their order, every entry dated `timestamp`. `rewrite(name, content)`, when given,
    yields the pieces to store instead of each entry's content."""
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in entries:
            with archive.open(pinned_entry(name, timestamp), "w") as stream:
                pending = bytearray()
                for piece in rewrite(name, content) if rewrite else (content,):
                    pending += piece
                    if len(pending) >= CHUNK:
                        stream.write(pending)
                        pending.clear()
                stream.write(pending)
