"""The organisation's logo: an image file beside the bank (or beside qbank.toml), checked
before any artifact is made, and carried by the model as its bytes.

PNG and JPEG are taken, and a WebP, TIFF or BMP logo is made one, as a bank's picture is
(a school's logo saved from its website as WebP was refused, where the same file in a
question was drawn): every artifact that shows the logo (a PDF cover, a web page) draws
PNG and JPEG. The size is read from the file's own header before anything is decoded.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from qbank.bank.images import CONVERTED, checked, header_size, other_kind, sniff
from qbank.model import Logo

MAX_LOGO_BYTES = 2_000_000  # 2 MB: a logo for a cover, not a photograph
MAX_SIDE = 10_000  # pixels


def read_logo(path: Path, folder: Path | None = None) -> Logo:
    """The image at `path`; ValueError saying, in a user's words, why it cannot be a logo.
    With `folder` (the bank's), an image outside it is refused, as a Markdown picture is: a
    bank from elsewhere named '/home/me/secret.png' and carried it into a shared page."""
    if folder is not None:
        try:
            outside = not path.resolve().is_relative_to(folder.resolve())
        except (OSError, RuntimeError):  # a loop of links
            raise ValueError("its path is a loop of symbolic links") from None
        if outside:
            raise ValueError(
                f"is outside the bank's folder ({path.resolve()}); copy it into the folder (a "
                "symbolic link out of the folder is refused too), or, for a logo several "
                "banks share, take `logo:` out of the bank and name it as `logo` in the "
                "qbank.toml of your banks' folder"
            )
    try:  # opened without waiting, then asked what it is (a pipe would block for ever)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ValueError("not a file")
            os.set_blocking(fd, True)
            data = file.read(MAX_LOGO_BYTES + 1)
    except FileNotFoundError:
        raise ValueError("no such file") from None
    except IsADirectoryError:
        raise ValueError("not a file") from None
    except OSError as exc:
        raise ValueError(f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_LOGO_BYTES:
        raise ValueError(f"larger than {MAX_LOGO_BYTES // 1_000_000} MB; use a smaller image")
    kind = sniff(data)
    if kind is None and other_kind(data):  # an iPhone's HEIC photo: said as a picture's is
        raise ValueError(f"is {other_kind(data)}")
    if kind not in ("png", "jpeg", *CONVERTED):
        raise ValueError("not a PNG or JPEG image; save it as PNG")
    size = header_size(data, kind)
    if size is None or not all(0 < side for side in size):
        raise ValueError(f"a damaged {kind.upper()} image (its size cannot be read)")
    if max(size) > MAX_SIDE:  # it was called damaged (a hostile trial's 20,000 square)
        raise ValueError(
            f"{size[0]:,} × {size[1]:,} pixels, more than the {MAX_SIDE:,} a side of a logo "
            "may have; scale it down"
        )
    # decoded once, as every picture of a bank is: a PNG cut after its header passed, and
    # the page and the PDFs carried a picture no reader could draw (a hostile trial)
    found = checked(data, "the image")
    if isinstance(found, str):
        raise ValueError(found.removeprefix("the image "))
    # as checked gives it, as every picture of a bank: upright, and without a photo's Exif
    # (a review found a logo's camera and GPS position in the study page and the booklet)
    data, kind, width, height = found
    if len(data) > MAX_LOGO_BYTES:  # a WebP logo made PNG (a second review)
        raise ValueError(
            f"larger than {MAX_LOGO_BYTES // 1_000_000} MB once made {kind.upper()}; use a "
            "smaller image"
        )
    return Logo(name=path.name, kind=kind, data=data, width=width, height=height)
