"""The organisation's logo: an image file beside the bank (or beside qbank.toml), checked
before any artifact is made, and carried by the model as its bytes.

Only PNG and JPEG are taken: every artifact that shows the logo (a PDF cover, a web page)
draws them without conversion. The size is read from the file's own header, so nothing of
the image is decoded to check it.
"""

from __future__ import annotations

import struct
from pathlib import Path

from qbank.model import Logo

MAX_LOGO_BYTES = 2_000_000  # 2 MB: a logo for a cover, not a photograph
MAX_SIDE = 10_000  # pixels


def read_logo(path: Path) -> Logo:
    """The image at `path`; ValueError saying, in a user's words, why it cannot be a logo."""
    try:
        if not path.is_file():
            raise ValueError("no such file" if not path.exists() else "not a file")
        if path.stat().st_size > MAX_LOGO_BYTES:
            raise ValueError(f"larger than {MAX_LOGO_BYTES // 1_000_000} MB; use a smaller image")
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot be read: {exc.strerror or exc}") from None
    kind, size = _kind_and_size(data)
    if kind is None:
        raise ValueError("not a PNG or JPEG image; save it as PNG")
    if size is None or not all(0 < side <= MAX_SIDE for side in size):
        raise ValueError(f"a damaged {kind.upper()} image (its size cannot be read)")
    return Logo(name=path.name, kind=kind, data=data, width=size[0], height=size[1])


def _kind_and_size(data: bytes) -> tuple[str | None, tuple[int, int] | None]:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        if len(data) >= 24 and data[12:16] == b"IHDR":
            return "png", struct.unpack(">II", data[16:24])
        return "png", None
    if data.startswith(b"\xff\xd8"):
        return "jpeg", _jpeg_size(data)
    return None, None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The size in a JPEG's start-of-frame segment (SOF0..SOF15 but DHT, JPG and DAC)."""
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None
