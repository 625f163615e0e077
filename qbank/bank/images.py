"""The image files a Markdown bank refers to: found, bounded and checked before any build.

A path is relative to the bank's file and must stay inside the bank's folder once links
are resolved (a symlink out is refused like `../`). Builds are offline and reproducible,
so a web address is refused. The type is sniffed from the bytes (PNG, JPEG, GIF, and WebP,
TIFF and BMP, which are made PNG or JPEG), and the file's size and its pixel count are
checked from the header before anything is decoded, so a decompression bomb never reaches
Pillow; then the whole image is decoded once, so a truncated file is refused here rather
than drawn half in one artifact. What every artifact then carries is the picture as it is
seen (turned as its Exif Orientation says), without a photo's metadata (drawable,
without_metadata).
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import warnings
from contextlib import suppress
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from qbank.patches import SharedPatch

MAX_IMAGE_BYTES = 5_000_000  # 5 MB: a diagram or a screenshot is far smaller
MAX_IMAGE_PIXELS = 25_000_000  # 25 megapixels: 100 MB once decoded as RGBA
REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
# a path as the writer's own computer names a file: from a drive (C:\, C:/), from its root
# (/home/..., \\server\...), from a home (~/) or as a file: address; told as a web address,
# or to be relative, it did not say to copy the picture beside the bank (a first bank)
_COMPUTER_PATH = re.compile(r"(?:file:/*)?(?:[A-Za-z]:[\\/]|[\\/]|~[\\/])", re.IGNORECASE)

Found = tuple[bytes, str, int, int]  # data, kind, width, height
# the suffixes of a picture's file, by its kind (sniff), the first the one given
PICTURE_SUFFIXES = {
    "png": ("png",),
    "jpeg": ("jpg", "jpeg"),
    "gif": ("gif",),
    "webp": ("webp",),
    "tiff": ("tif", "tiff"),
    "bmp": ("bmp",),
}


class ImageFiles:
    """Reads each image file once, however many texts refer to it. `owner` names the file
    the paths are relative to in messages: "bank", or "sheet" for a spreadsheet's rows."""

    def __init__(self, folder: Path | None, owner: str = "bank") -> None:
        self.folder = folder
        self.owner = owner
        self._read: dict[str, Found | str] = {}
        self.newest = 0  # the latest modification time of the files read, in seconds

    def read(self, written: str) -> Found | str:
        """The image at `written` (as in the bank), or a message saying why it is refused."""
        found = self._read.get(written)
        if found is None:
            found = self._read[written] = self._check(written)
        return found

    def _check(self, written: str) -> Found | str:
        shown = f"the image '{written}'"
        if copy := copied_here(written, self.owner):
            return f"{shown} is a path {copy}"
        if REMOTE.match(written):
            name = _saved_name(written)
            save = (
                f"as {name} in the {self.owner}'s folder and write {_written_as(name)}"
                if name
                else f"in the {self.owner}'s folder and give its path, as in diagrams/flow.png"
            )
            return (
                f"{shown} is a web address; builds are offline and reproducible, so save the "
                f"picture {save}"
            )
        if not written or written.startswith(("/", "\\")) or "\\" in written:
            return (
                f"{shown} must be a path relative to the {self.owner}'s file, with / between "
                "folders, as in diagrams/flow.png"
            )
        if self.folder is None:
            return f"{shown} cannot be read: this bank was not read from a file"
        folder = self.folder.resolve()
        path = folder / PurePosixPath(written)
        try:
            resolved = path.resolve()  # symbolic links followed, as a reader of it would
        except (OSError, RuntimeError):  # a loop of links
            return f"{shown} cannot be found: its path is a loop of symbolic links"
        if not resolved.is_relative_to(folder):
            return (
                f"{shown} is outside the {self.owner}'s folder ({resolved}); copy it into the "
                "folder (a symbolic link out of the folder is refused too)"
            )
        try:
            if not resolved.exists():
                # a picture not copied beside the bank, or named otherwise there
                near = _named_otherwise(path.parent, PurePosixPath(written))
                told = f"; did you mean '{near}'?" if near else _NOT_COPIED
                return f"{shown} does not exist (looked for {path}){told}"
            if resolved.is_dir():  # before opening: Windows opens no folder (Permission denied)
                return f"{shown} is a folder, not a picture file; name the picture inside it"
        except OSError as exc:  # a name longer than the system takes (a hostile trial)
            return f"{shown} cannot be found: {exc.strerror or exc}"
        try:
            # opened without waiting, then asked what it is: a file swapped for a pipe after
            # a look at its name would have been waited on for ever (a hostile test)
            fd = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
            with os.fdopen(fd, "rb") as file:
                info = os.fstat(fd)
                if not stat.S_ISREG(info.st_mode):
                    return f"{shown} is not a file"
                self.newest = max(self.newest, int(info.st_mtime))
                if info.st_size > MAX_IMAGE_BYTES:
                    return (
                        f"{shown} is {info.st_size / 1e6:.1f} MB, more than the "
                        f"{MAX_IMAGE_BYTES // 1_000_000} MB an image may be; save it smaller"
                    )
                os.set_blocking(fd, True)
                data = file.read(MAX_IMAGE_BYTES + 1)
        except OSError as exc:
            return f"{shown} cannot be read: {exc.strerror or exc}"
        if len(data) > MAX_IMAGE_BYTES:  # grew since it was looked at
            return f"{shown} is more than {MAX_IMAGE_BYTES // 1_000_000} MB"
        return checked(data, shown)


_NOT_COPIED = "; copy the picture there, or correct its path"
_NAMES_READ = 1000  # of a folder's files, for a name close to a picture's
_SUFFIXES = {suffix for suffixes in PICTURE_SUFFIXES.values() for suffix in suffixes}


def _named_otherwise(folder: Path, written: PurePosixPath) -> str | None:
    """The picture of `folder` that `written` names but for the case of its letters or its
    suffix ('Cell.PNG', 'cell.jpg' for cell.png), as the bank would write it; a name only
    close (plant-cell.png for animal-cell.png) is another picture, not copied yet. The first
    few files alone: a folder of thousands is not read through."""
    stem = written.stem.casefold()
    try:
        with os.scandir(folder) as entries:
            for _, entry in zip(range(_NAMES_READ), entries, strict=False):
                name = PurePosixPath(entry.name)
                known = name.suffix.lower().lstrip(".") in _SUFFIXES
                if known and name.stem.casefold() == stem and entry.is_file():
                    return str(written.with_name(entry.name))
    except OSError:
        pass
    return None


def copied_here(path: str, owner: str = "bank", alt: str = "") -> str | None:
    """What to do with a picture whose `path` is one on the computer it was written on
    ('C:\\Users\\Ana\\cell.png', '/home/ana/cell.png'), said after 'a path': copy the file
    into the bank's folder and write its name (after `alt`, the picture's markup before
    its path, when given). None for any other path."""
    if not _COMPUTER_PATH.match(path):
        return None
    if path[:5].casefold() == "file:":
        path = unquote(path)
    name = re.split(r"[\\/]", path.rstrip("\\/"))[-1]
    if not name or name.endswith(":"):
        return None
    return (
        "on the computer it was written on, which no other computer has: copy "
        f"{name} into the {owner}'s folder and write {_written_as(name, alt)}"
    )


def _written_as(name: str, alt: str = "") -> str:
    """What to write for a picture file `name` beside the bank: the picture's markup
    (after `alt`, its markup before the path) or its path, in angle brackets where it holds
    a blank, as CommonMark reads it."""
    # an '&' (an entity's start) and a bracket left unpaired are read as markup: each
    # after a backslash, which keeps it a character (a review: 'chart).png' was read
    # 'chart', and 'a&amp;b.png' 'a&b.png', so the advice followed was told again)
    escaped = name.replace("&", "\\&")
    if escaped.count("(") != escaped.count(")"):
        escaped = escaped.replace("(", "\\(").replace(")", "\\)")
    written = f"<{escaped}>" if re.search(r"\s", name) else escaped
    return f"{alt}({written})" if alt else f"{written} as its path"


# what no file name holds, or should: controls, separators, and the marks that turn a
# name's text around (U+202E showed 'gnp.x' as 'x.png')
_UNSAVED = re.compile('[\x00-\x1f\\\\/<>:*?"|\u200e\u200f\u202a-\u202e\u2066-\u2069]')


def _saved_name(address: str) -> str:
    """The file name a web picture saves as ('https://a.org/img/x.png?v=2': 'x.png'), ''
    where its address names no picture file ('https://a.org/pic?id=3', data:) or a name no
    computer saves a file by ('a%2Fb.png')."""
    try:
        parts = urlsplit(address)
    except ValueError:  # 'https://[x/a.png', a host left open
        return ""
    if parts.scheme.lower() not in ("http", "https"):
        return ""
    name = unquote(parts.path.rpartition("/")[2])
    suffix = name.rpartition(".")[2].lower()
    if "." not in name[1:] or suffix not in _SUFFIXES or re.search(_UNSAVED, name):
        return ""
    return name


class _QuietPillow:
    """Pillow's warnings left unsaid while a picture is opened: it warns of an Exif segment
    it cannot read, which no artifact needs, and on the command line that was a line of
    Pillow's source file and its warning, once for each PDF that drew the picture.

    One filter, for warnings from Pillow's modules, stands first in the process's list while
    any thread opens a picture (qbank.patches), and is taken out as the last ends; what
    else the list holds is left as it is. Each thread that saved the list and put it back
    (warnings.catch_warnings) put back another's 'ignore every warning': builds of a bank
    with pictures in threads left the host program hearing no warning at all (a library
    trial)."""

    def __init__(self) -> None:
        self.patch = SharedPatch("quiet Pillow", self._make, self._undo)
        self.entry: object = None

    def _make(self) -> None:
        warnings.filterwarnings("ignore", module=r"PIL(\.|$)")
        self.entry = warnings.filters[0]

    def _undo(self) -> None:
        with suppress(ValueError):  # a host program took it out meanwhile
            warnings.filters.remove(self.entry)


pillow_quiet = _QuietPillow().patch.held


def checked(data: bytes, shown: str) -> Found | str:
    """Kind and size from the bytes, the pixel count bounded before decoding, then the
    whole image decoded once to find a truncated or damaged file."""
    kind = sniff(data)
    if kind is None:
        other = other_kind(data)
        if other:
            return f"{shown} is {other}"
        return (
            f"{shown} is not a PNG, JPEG, GIF, WebP, TIFF or BMP picture (its first bytes say "
            "otherwise, whatever its name); save it as PNG or JPEG"
        )
    size = header_size(data, kind)
    if size is None and kind in CONVERTED and _pillow_refuses_as_too_large(data):
        return (  # Pillow's own limit, far past ours, refuses it before its size is known
            f"{shown} has more than the {MAX_IMAGE_PIXELS // 1_000_000} megapixels an image "
            "may have; scale it down"
        )
    if size is None:
        return f"{shown} is a damaged {kind.upper()} file: its size cannot be read"
    width, height = size
    if width < 1 or height < 1:
        return f"{shown} has no pixels ({width} × {height})"
    if width * height > MAX_IMAGE_PIXELS:
        return (
            f"{shown} is {width:,} × {height:,} pixels, more than the "
            f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels an image may have; scale it down"
        )
    from PIL import Image  # reportlab's own dependency; only needed for a Markdown bank

    try:
        with pillow_quiet(), Image.open(io.BytesIO(data)) as image:
            if (image.width, image.height) != (width, height):
                return f"{shown} is a damaged {kind.upper()} file"
            image.load()  # the first frame of a GIF
            redrawn = drawable(image, kind, data)
    except Exception as exc:  # Pillow raises many kinds for a damaged file
        # without the Python object Pillow names ('cannot identify image file <_io.BytesIO
        # object at 0x7f...>'), which says nothing to a user
        reason = re.sub(r"\s*<[^<>]* object at 0x[0-9a-fA-F]+>", "", str(exc)).strip()
        reason = reason or type(exc).__name__
        return f"{shown} is a damaged or truncated {kind.upper()} file ({reason}); save it again"
    if redrawn is not None:
        made = redrawn[1] != kind
        data, kind, (width, height) = redrawn
        if made and len(data) > MAX_IMAGE_BYTES:  # a WebP drawing made PNG, say
            return (
                f"{shown} is {len(data) / 1e6:.1f} MB once made {kind.upper()}, more than the "
                f"{MAX_IMAGE_BYTES // 1_000_000} MB an image may be; save it as a smaller PNG "
                "or JPEG"
            )
    elif kind == "jpeg":
        data = without_metadata(data)
    return data, kind, width, height


# JPEG segments of what a photo says of itself, not of how it is drawn: Exif and XMP (APP1:
# a phone's camera, time and the place the photo was taken, with a thumbnail) and
# Photoshop's IPTC (APP13: author, caption). JFIF, the colour profile (APP2) and Adobe's
# colour transform (APP14) stay.
_METADATA = {0xE1, 0xED}
_SOS = 0xDA  # start of scan: the picture's data runs from here to its end
_EOI = b"\xff\xd9"  # its end: a byte 0xFF in the data is followed by 0x00 or a marker
_MPF = b"MPF\x00"  # an APP2 segment that indexes the pictures after the end (a phone's)


def without_metadata(data: bytes) -> bytes:
    """The JPEG `data` without its metadata segments (_METADATA), its picture untouched, as
    a website strips a photo's before it shows it: a study page put online carried the
    place a phone photo was taken. What follows the picture's end goes too: a phone's
    second picture (a depth map, a preview, each with its own Exif) or its maker's trailer.
    `data` as it is when its segments cannot be walked (Pillow decoded it: a reader would
    too)."""
    kept = [data[:2]]
    i = 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker == 0xFF:  # a fill byte
            kept.append(data[i : i + 1])
            i += 1
            continue
        if marker == _SOS:
            end = data.find(_EOI, i)
            kept.append(data[i:] if end < 0 else data[i : end + len(_EOI)])
            return b"".join(kept)
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        index = marker == 0xE2 and data[i + 4 : i + 8] == _MPF
        if marker not in _METADATA and not index:
            kept.append(data[i : i + 2 + length])
        i += 2 + length
    return data


# Exif's Orientation tag: 1 is the pixels as stored; 2 to 8 mirror or turn them for viewing,
# each by the turn of Pillow's Image.Transpose named here (as its exif_transpose maps them)
ORIENTATION = 0x0112
_TURNS = {
    2: "FLIP_LEFT_RIGHT",
    3: "ROTATE_180",
    4: "FLIP_TOP_BOTTOM",
    5: "TRANSPOSE",
    6: "ROTATE_270",
    7: "TRANSVERSE",
    8: "ROTATE_90",
}


# Kinds of picture that not every artifact's reader draws (a PDF takes PNG, JPEG and GIF,
# Word PNG, JPEG and GIF only since its newer releases): each becomes a PNG, or a JPEG for a
# WebP photo, when it is read (a web page's picture saved from a browser is often a WebP, a
# scanner's a TIFF)
CONVERTED = {"webp", "tiff", "bmp"}


# PNG modes of more than 8 bits a channel, which reportlab clips to 8 bits (a 16-bit grey
# of 1000 in 65,535, near black, was drawn white)
_DEEP = ("I", "I;16", "I;16B", "I;16L")


def drawable(image, kind: str, data: bytes) -> tuple[bytes, str, tuple[int, int]] | None:
    """The picture as every artifact can draw it and as it is seen, its kind and its size;
    None when it is so as stored. A phone stores a photo taken upright as it was held,
    sideways, with a tag to turn it: the study page turned it, the PDFs drew it sideways and
    the DOCX framed it so. Turned here once, it is upright in every artifact. A kind of CONVERTED is
    made PNG (JPEG, for a WebP photo), and a 16-bit grey PNG 8-bit. The new file keeps the
    colour profile, and none of the Exif (a phone's puts the place a photo was taken in it)."""
    turn = _TURNS.get(_orientation(image)) if kind != "gif" else None
    deep = kind == "png" and image.mode in _DEEP
    if turn is None and not deep and kind not in CONVERTED:
        return None
    from PIL import Image

    # turned by the tag's number alone: Pillow's exif_transpose writes the Exif again, and
    # refused a photo whose Exif held an entry it cannot write (a review)
    seen = image.transpose(getattr(Image.Transpose, turn)) if turn is not None else image
    if seen.mode in _DEEP:
        seen = _eight_bit(seen)
    profile = image.info.get("icc_profile")
    if kind == "webp" and seen.mode in ("RGB", "L") and not _lossless_webp(data):
        kind = "jpeg"  # a photo: a lossless WebP (a diagram's) is made PNG
    elif kind in CONVERTED:
        kind = "png"
        if seen.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
            seen = seen.convert("RGBA" if "A" in seen.getbands() else "RGB")  # CMYK, YCbCr
    out = io.BytesIO()
    if kind == "jpeg" and image.format in ("JPEG", "MPO"):  # turned at its own quality
        from PIL.JpegImagePlugin import get_sampling

        tables = {"qtables": image.quantization, "subsampling": get_sampling(image)}
        seen.save(out, "JPEG", icc_profile=profile, **tables)
    elif kind == "jpeg":
        seen.save(out, "JPEG", quality=90, icc_profile=profile)
    else:
        seen.save(out, "PNG", icc_profile=profile)
    return out.getvalue(), kind, seen.size


def _orientation(image) -> int | None:
    """The Exif Orientation of `image`, None when it has none, or an Exif Pillow cannot read
    (a damaged one: every reader draws the picture as stored then)."""
    try:
        return image.getexif().get(ORIENTATION)
    except Exception:  # Pillow raises many kinds for a damaged Exif
        return None


def _eight_bit(image):
    """A 16-bit grey picture as 8-bit, 0 to 65,535 as 0 to 255; its transparent grey (a
    PNG's tRNS) as transparency, which copied as it was made a ground of 1,000 near black."""
    from PIL import Image, ImageMath

    grey = image.convert("I")
    eight = grey.point(lambda value: value / 257).convert("L")
    clear = image.info.get("transparency")
    eight.info.pop("transparency", None)
    if not isinstance(clear, int):
        return eight
    alpha = ImageMath.lambda_eval(lambda a: (a["v"] != clear) * 255, v=grey).convert("L")
    return Image.merge("LA", (eight, alpha))


def _lossless_webp(data: bytes) -> bool:
    """Whether a WebP file's picture is lossless (its VP8L chunk: a drawing, kept as PNG)
    rather than lossy (VP8: a photo, kept as JPEG)."""
    i = 12
    while i + 8 <= len(data):
        chunk, size = data[i : i + 4], int.from_bytes(data[i + 4 : i + 8], "little")
        if chunk in (b"VP8 ", b"VP8L"):
            return chunk == b"VP8L"
        i += 8 + size + (size & 1)
    return False


def sniff(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if data.startswith(b"BM") and len(data) > 26 and data[14] in (12, 40, 52, 56, 64, 108, 124):
        return "bmp"  # its header's size says which of BMP's headers follows
    return None


def _pillow_refuses_as_too_large(data: bytes) -> bool:
    from PIL import Image

    try:
        with pillow_quiet(), Image.open(io.BytesIO(data)):
            return False
    except Image.DecompressionBombError:
        return True
    except Exception:  # damaged
        return False


def other_kind(data: bytes) -> str:
    """What a file that is no picture qbank draws is, and what to do, for the kinds a
    picture is often saved as; "" for any other."""
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return (
            "an HEIC photo (an iPhone's), which no PDF draws; save it as JPEG (on the "
            "iPhone: Settings > Camera > Formats > Most Compatible; on a Mac: open it in "
            "Preview, File > Export, JPEG)"
        )
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        return "an AVIF picture, which no PDF draws; save it as PNG or JPEG"
    if data.startswith(b"%PDF"):
        return "a PDF document, not a picture; export the page as PNG"
    head = data[:1000].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<svg") or (head.startswith((b"<?xml", b"<!")) and b"<svg" in head):
        return "an SVG drawing, which the PDFs cannot draw; export it as PNG"
    return ""


def header_size(data: bytes, kind: str) -> tuple[int, int] | None:
    """Width and height as the file's header states them, read without decoding."""
    if kind == "png":
        if len(data) < 24 or data[12:16] != b"IHDR":
            return None
        return struct.unpack(">II", data[16:24])
    if kind == "gif":
        if len(data) < 10:
            return None
        return struct.unpack("<HH", data[6:10])
    if kind in CONVERTED:  # Pillow reads a WebP's, TIFF's or BMP's header alone when opened
        from PIL import Image

        try:
            with pillow_quiet(), Image.open(io.BytesIO(data)) as image:
                return image.size
        except Exception:  # Pillow raises many kinds for a damaged header
            return None
    return _jpeg_size(data)


# Start-of-frame markers of every JPEG coding (not DHT C4, JPG C8 or DAC CC)
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if marker in _SOF:
            if i + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None
