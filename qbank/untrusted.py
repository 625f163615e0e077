"""Reading files that come from other people: within limits, as data, never as code.

A filled-in packet comes back from any interviewer, a sheet from anyone with Excel, a
template from the web. Each is opened only when it is a regular file (a FIFO would block
for ever, /dev/zero never ends), read with a counter that stops at a limit, and a zip
archive is read entry by entry: each entry's declared size is checked before it is
inflated and against what actually inflates, and inflating stops at a cap per entry and a
cap in total, so a zip bomb costs a few kilobytes of work. XML is parsed without a DTD:
no entity is expanded and nothing outside the file is fetched (defusedxml's rules, which
lxml's own parser options enforce; defusedxml's lxml module is deprecated in its favour).

Every failure is a `QbankError` with `FILE: message`: a damaged, encrypted, truncated or
unknown-method archive, an entry too large, a DTD, a full disk.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from qbank.errors import FileError, QbankError

if TYPE_CHECKING:  # lxml loads only where XML is read: `import` and `new` need none
    from lxml import etree

CHUNK = 1 << 16
# A packet of the largest bank (20 MB of YAML) holds a document.xml of about 30 MB; a
# DOCX entry beyond these is no packet of ours. The ratio stops a small file that claims,
# truthfully, to inflate a thousandfold (XML packets compress about 5 to 20 times).
MAX_ENTRY_BYTES = 64 << 20
MAX_TOTAL_BYTES = 128 << 20
# the list of an archive's entries (its central directory): zipfile reads it whole, an
# object for each entry, before any entry is checked; 117 MB of 1.5 million empty entries
# took 650 MB. A packet's is some kilobytes.
MAX_DIRECTORY_BYTES = 4 << 20
MAX_RATIO = 200
RATIO_FROM = 1 << 20  # entries smaller than this may compress as well as they like


def shown(path: str | os.PathLike[str]) -> str:
    """A path as text that any file can hold (a CSV cell): bytes that are not UTF-8 as
    U+FFFD, never as a lone surrogate that no encoder takes."""
    return os.fsencode(path).decode("utf-8", "replace")


def open_regular(path: Path, what: str) -> BinaryIO:
    """`path` opened for reading when it is a regular file; `what` names it in messages
    ('packet', 'spreadsheet', 'template'). A FIFO is opened without blocking, so it can
    be refused by type rather than wait for a writer."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise FileError(path, f"is a folder, not a {what} file") from None
    except OSError as exc:
        raise FileError(path, f"cannot read the {what}: {exc.strerror}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(mode) else "a device, a pipe or a socket"
        raise FileError(path, f"is {kind}, not a {what} file")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_regular(path: Path, what: str, limit: int, too_large: str) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; a larger file
    (or one still growing) is refused with `FILE: too_large`."""
    try:
        with open_regular(path, what) as file:
            # what the file holds, not `limit` bytes set aside up front (256 MB for a PDF
            # packet of some kilobytes); one more byte shows a file that grew past its size
            size = min(os.fstat(file.fileno()).st_size, limit)
            data = file.read(size + 1)
            if len(data) > size:  # growing: read on, to the limit
                data += file.read(limit + 1 - len(data))
    except OSError as exc:
        raise FileError(path, f"cannot read the {what}: {exc.strerror}") from None
    if len(data) > limit:
        raise FileError(path, too_large)
    return data


def _directory_size(file: BinaryIO) -> int:
    """The size of a zip archive's central directory as zipfile will read it: from
    zipfile's own reading of the end records (`_EndRecData`, zip64 included), so that no
    end record read otherwise (a signature inside the record, a zip64 record outside the
    last 64 KB) passes a larger list; 0 when there is none (zipfile then says what is
    wrong)."""
    try:
        found = zipfile._EndRecData(file)  # noqa: SLF001 (the reading zipfile itself does)
    except OSError:
        found = None
    file.seek(0)
    return int(found[zipfile._ECD_SIZE]) if found else 0  # noqa: SLF001


class Archive:
    """A zip archive from outside, read entry by entry within MAX_ENTRY_BYTES each and
    MAX_TOTAL_BYTES together (or `most`, each and together). Use as a context manager;
    every error is a QbankError."""

    def __init__(
        self,
        path: Path,
        what: str,
        damaged: str = "not a zip archive that can be read{why}",
        most: int | None = None,
        method: str = "a Word document never uses; save it again from Word or LibreOffice",
    ) -> None:
        """`what` the file is to the user ('packet'); `damaged` what to say of a file that
        is no archive that can be read, in the user's words, its `{why}` the cause qbank
        can name (' (a name inside it is not UTF-8 ...)') or none: the zip library's own
        ('File is not a zip file') told a user nothing to do. `most` is the bytes its
        entries may inflate to, for an archive of one large entry (a deck's collection);
        `method` what to say of an entry compressed otherwise than zip's two usual ways (who
        never writes it so, and what to do)."""
        self.path, self.what = path, what
        self.most_entry = most or MAX_ENTRY_BYTES
        self.most_total = most or MAX_TOTAL_BYTES
        self.inflated = 0
        self.method = method
        file = open_regular(path, what)
        why = ""
        try:
            if _directory_size(file) > MAX_DIRECTORY_BYTES:
                why = f" (its list of entries is larger than {MAX_DIRECTORY_BYTES >> 20} MB)"
                raise zipfile.BadZipFile(why)
            self.zip = zipfile.ZipFile(file)
        except UnicodeDecodeError:
            file.close()
            why = " (a name inside it is not UTF-8, though the archive says it is)"
            raise self.error(damaged.format(why=why)) from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
            file.close()
            raise self.error(damaged.format(why=why)) from None
        except OSError as exc:
            file.close()
            raise self.error(f"cannot read the {what}: {exc.strerror or exc}") from None
        self._file = file

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.zip.close()
        self._file.close()

    def error(self, message: str) -> FileError:
        return FileError(self.path, message)

    def names(self) -> set[str]:
        return {info.filename for info in self.zip.infolist()}

    def read(self, name: str) -> bytes:
        """The whole entry `name` (KeyError when there is none), inflated with a counter."""
        return b"".join(self.chunks(name))

    def chunks(self, name: str):
        """The entry `name` as it inflates, chunk by chunk; KeyError when there is none."""
        info = self.zip.getinfo(name)
        if info.flag_bits & 0x1:
            raise self.error(f"{name} is encrypted; save the {self.what} without a password")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise self.error(
                f"{name} is compressed with method {info.compress_type}, which {self.method}"
            )
        if info.file_size > self.most_entry or self.inflated + info.file_size > self.most_total:
            raise self.too_large(name, info.file_size)
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise self.error(
                f"{name} would inflate {info.file_size // max(info.compress_size, 1):,} times "
                f"(from {info.compress_size:,} bytes to {info.file_size:,}); a {self.what} "
                "is never made like this (a zip bomb?)"
            )
        count = 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    count += len(chunk)
                    if count > info.file_size:
                        raise self.error(
                            f"{name} inflates beyond the {info.file_size:,} bytes it declares "
                            "(a damaged archive or a zip bomb)"
                        )
                    yield chunk
        except QbankError:
            raise
        except zipfile.BadZipFile:  # zipfile stops at the declared size and checks the CRC
            raise self.error(
                f"{name} does not inflate to the size and checksum it declares (a damaged "
                "archive, or a zip bomb)"
            ) from None
        except (zlib.error, EOFError, ValueError) as exc:
            raise self.error(f"{name} is damaged or cut short ({exc})") from None
        except (NotImplementedError, RuntimeError) as exc:  # a method or an encryption
            raise self.error(f"{name} cannot be read ({exc})") from None
        except OSError as exc:
            raise self.error(f"cannot read the {self.what}: {exc.strerror or exc}") from None
        self.inflated += count

    def too_large(self, name: str, size: int) -> FileError:
        # the whole's limit said only where it is not the entry's own (a deck's one)
        whole = (
            "" if self.most_total == self.most_entry else f" ({self.most_total >> 20} MB in all)"
        )
        return self.error(
            f"{name} inflates to {size:,} bytes, more than the {self.most_entry >> 20} MB a "
            f"{self.what} entry may hold{whole}"
        )

    def xml(self, name: str) -> etree._Element:
        """The entry `name` parsed as XML, fed to the parser as it inflates: no DTD, no
        entities, nothing fetched from the network; KeyError when there is no such entry."""
        from lxml import etree

        parser = xml_parser(remove_comments=True, remove_pis=True)
        doctype = self.error(
            f"{name} declares a document type (a DTD, which may define entities); "
            f"a {self.what} never holds one"
        )
        first = True
        try:
            for chunk in self.chunks(name):
                if first and b"<!DOCTYPE" in chunk:  # the prolog: before the first element
                    raise doctype
                first = False
                parser.feed(chunk)
            root = parser.close()
        except etree.XMLSyntaxError as exc:
            if "depth" in str(exc).lower():  # libxml2's limit, 256 levels without huge_tree
                raise self.error(
                    f"{name} nests its elements too deep to read; a {self.what} never does"
                ) from None
            raise self.error(f"{name} is not well-formed XML ({exc})") from None
        if root.getroottree().docinfo.doctype:
            raise doctype
        return root


def xml_parser(**options: bool) -> etree.XMLParser:
    """lxml's parser for XML from outside: no entities resolved, no DTD loaded, nothing
    fetched from the network, no huge trees (defusedxml's rules); `options` add to them."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, **options
    )
