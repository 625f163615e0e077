"""Where qbank's own files are: the bundled bank, the look (templates) and the fonts.

They ship inside the package (the wheel maps the repository's top-level `templates/` and
`bank/` to `qbank.templates` and `qbank.bundled`) and are found with importlib.resources, so
an installed qbank works from any folder. `--templates DIR` lays a folder of the user's over
the built-in look for one build: a file there replaces the built-in file of the same name.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from qbank.errors import QbankError


def _package_folder(package: str) -> Path:
    # a regular package installed as files (wheel or editable), so a plain path: reportlab
    # and tomllib want file names
    return Path(str(files(package)))


BUILTIN_TEMPLATES = _package_folder("qbank.templates")
BUNDLED = _package_folder("qbank.bundled")
FONTS = _package_folder("qbank") / "fonts"
DEFAULT_BANK = BUNDLED / "ai-cybersecurity-analyst.yaml"
SCHEMA = BUNDLED / "schema.json"
DEFAULT_OUT = Path("output")

_overlay: list[Path] = []  # the --templates folder of the build under way, if any


def template(name: str) -> Path:
    """The file that gives template `name` (e.g. "anki/front.html") in this build: the
    --templates folder's own file if it has one, else the built-in one."""
    for folder in _overlay:
        own = folder / name
        if own.is_file():
            return own
    return BUILTIN_TEMPLATES / name


def read_template(name: str) -> str:
    """The text of template `name`; a missing or unreadable file is a read error naming it."""
    return read_text(template(name))


def read_toml(path: Path) -> dict[str, Any]:
    """The tables of a TOML template file; a file that cannot be read or is not TOML is a
    read error naming it."""
    try:
        return tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise QbankError(f"{path}: cannot read the template: {exc}") from None


def read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise QbankError(f"{path}: cannot read the template: {_why(exc)}") from None


def _why(exc: OSError | UnicodeDecodeError) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte {exc.start + 1}); save it as UTF-8"
    return exc.strerror or str(exc)


def builtin_template_names() -> list[str]:
    """Every template file of the built-in look, as names relative to its folder."""
    return sorted(
        p.relative_to(BUILTIN_TEMPLATES).as_posix()
        for p in BUILTIN_TEMPLATES.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc")
    )


@contextmanager
def templates_from(folder: Path | None) -> Iterator[list[str]]:
    """Use `folder` over the built-in look inside the block. Yields the names of files in
    `folder` that no template has (a typo there would otherwise be ignored silently)."""
    if folder is None:
        yield []
        return
    if not folder.is_dir():
        raise QbankError(f"--templates {folder}: not a folder")
    known = set(builtin_template_names())
    unused = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.relative_to(folder).as_posix() not in known
    )
    _overlay.insert(0, folder)
    try:
        yield unused
    finally:
        _overlay.remove(folder)
