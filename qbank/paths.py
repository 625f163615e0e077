"""Where qbank's own files are: the bundled bank, the look (templates) and the fonts.

They ship inside the package (the wheel maps the repository's top-level `templates/` and
`bank/` to `qbank.templates` and `qbank.bundled`) and are found with importlib.resources, so
an installed qbank works from any folder. `--templates DIR` lays a folder of the user's over
the built-in look for one build (`Templates`, carried by the build's job): a file there
replaces the built-in file of the same name.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

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
T = TypeVar("T")
# A look's own font for the PDFs: a TrueType file of its folder (theme.toml names it by its path)
OWN_FONT_SUFFIXES = (".ttf", ".otf")


@dataclass(frozen=True, eq=False)
class Templates:
    """The look of one build: the built-in template files, with the files of a --templates
    folder (`overlay`) over them. A build makes its own and carries it on its job, so two
    builds in one process never see each other's look; what it has read and checked is
    kept here (`remember`), for this build only."""

    overlay: Path | None = None
    _remembered: dict[object, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, folder: Path | str | None) -> Templates:
        """The look with `folder` (the --templates option) over the built-in one."""
        if folder is not None and Path(folder).is_file():
            given = Path(folder).as_posix()
            # a designer's `--templates look/theme.toml`: the look's folder is meant
            meant = next(
                (
                    given.removesuffix(name).rstrip("/") or "."
                    for name in builtin_template_names()
                    if given == name or given.endswith("/" + name)
                ),
                None,
            )
            advice = f"did you mean --templates {meant}?" if meant else "give the look's folder"
            raise QbankError(f"--templates {folder}: is a file, not a folder; {advice}")
        if folder is not None and not Path(folder).is_dir():
            raise QbankError(f"--templates {folder}: not a folder")
        return cls(None if folder is None else Path(folder))

    def path(self, name: str) -> Path:
        """The file that gives template `name` (e.g. "anki/front.html"): the overlay's own
        file if it has one, else the built-in one."""
        if self.overlay is not None:
            own = self.overlay / name
            if own.is_file():
                return own
            if os.path.lexists(own):  # a folder, a FIFO, /dev/zero, a dangling link
                raise QbankError(
                    f"{own}: not a regular file; a template must be one (or be removed, "
                    "to use the built-in one)"
                )
        return BUILTIN_TEMPLATES / name

    def read(self, name: str) -> str:
        """The text of template `name`; a missing or unreadable file is a read error naming it."""
        return read_text(self.path(name))

    def unused(self) -> list[str]:
        """The files of the overlay that no template has (a typo there would otherwise be
        ignored silently); a font file is the look's own font (theme.toml names it), and a
        file beside one its licence or notes (the OFL asks for its text to go with it). A
        hidden file or folder ('.git', '.DS_Store', '.gitignore') is none of the look's and
        is not looked into: a look kept in git was a warning for each file of its history
        (h42c's review)."""
        if self.overlay is None:
            return []
        known = set(builtin_template_names())
        files = [p for p in self._files() if p.is_file()]
        with_fonts = {p.parent for p in files if p.suffix.lower() in OWN_FONT_SUFFIXES}
        return sorted(
            p.relative_to(self.overlay).as_posix()
            for p in files
            if p.relative_to(self.overlay).as_posix() not in known and p.parent not in with_fonts
        )

    def unused_said(self, given: object) -> list[str]:
        """The warnings of a build with this look, given as --templates `given`, about the
        files it does not read (`unused`). A folder that holds none of the look's files
        builds in the built-in look: said once, with the folder inside that holds them
        (`--templates .` beside look/ was a warning for every file of the project; an
        empty folder said nothing, and the brand's look was silently not used)."""
        if self.overlay is None:
            return []
        unused = self.unused()
        names = builtin_template_names()
        # a template's path that is no file is the look's all the same (path() refuses it)
        if any(os.path.lexists(self.overlay / name) for name in names):
            return [
                f"--templates {given}: {name} is no template's name; not used" for name in unused
            ]
        # the folders inside that hold a template, nearest first
        inside = sorted(
            {
                path.removesuffix(name)
                for path in unused
                for name in names
                if path.endswith("/" + name)
            },
            key=lambda folder: (folder.count("/"), folder),
        )
        said = (
            f"--templates {given}: holds none of the look's files (theme.toml, "
            "booklet/words.toml, html/style.css ...), so this build has the built-in look"
        )
        if inside:
            folder = Path(str(given)) / inside[0].rstrip("/")
            return [f"{said}; {inside[0]} inside it does: did you mean --templates {folder}?"]
        listed = [f"--templates {given}: {name} is no template's name; not used" for name in unused]
        return [*listed, f"{said}; `qbank templates {given}` writes them there, to change"]

    def font(self, value: str) -> Path:
        """The file of a font the theme names (`value`, checked by look.FontFile): one of
        qbank/fonts by its name, else the look's own, by its path in the overlay."""
        shipped = FONTS / value
        if self.overlay is None or ("/" not in value and shipped.is_file()):
            return shipped
        return self.overlay / value

    def own_fonts(self) -> list[Path]:
        """The font files of the overlay: what a build reads, and never writes over."""
        if self.overlay is None:
            return []
        return [p for p in self._files() if p.suffix.lower() in OWN_FONT_SUFFIXES]

    def _files(self) -> list[Path]:
        """The paths in the overlay, but hidden ones ('.git', '.DS_Store') and what hidden
        folders hold, which are none of the look's: a look kept in git was a warning for
        each file of its history (h42c's review), and its fonts were looked for there."""
        found: list[Path] = []
        if self.overlay is None:
            return found
        for folder, folders, names in os.walk(self.overlay):
            folders[:] = sorted(name for name in folders if not name.startswith("."))
            found += [Path(folder, name) for name in names if not name.startswith(".")]
        return found

    def remember(self, key: object, make: Callable[[], T]) -> T:
        """`make()`, made once per build for `key`."""
        if key not in self._remembered:
            self._remembered[key] = make()
        return self._remembered[key]


def read_toml(path: Path) -> dict[str, Any]:
    """The tables of a TOML template file; a file that cannot be read or is not TOML is a
    read error naming it. The file is read every time; its parse is kept by its text."""
    text = read_text(path)
    try:
        return copy_tree(_parsed(text))
    except RecursionError:  # arrays nested 100,000 deep
        raise QbankError(f"{path}: cannot read the template: nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        raise QbankError(toml_error(path, text, exc, "cannot read the template: ")) from None
    except ValueError as exc:  # an integer of 5,000 digits
        raise QbankError(f"{path}: cannot read the template: {exc}") from None


def copy_tree(value: T) -> T:
    """A copy of a TOML file's tables (dicts, lists and values) that shares no dict or list
    with `value`: copy.deepcopy's result, at a fifth of its cost (no memo; the values are
    immutable, and tables hold no cycles)."""
    if isinstance(value, dict):
        return {key: copy_tree(item) for key, item in value.items()}  # type: ignore[return-value]
    if isinstance(value, list):
        return [copy_tree(item) for item in value]  # type: ignore[return-value]
    return value


def toml_error(path: Path, text: str, exc: tomllib.TOMLDecodeError, what: str = "") -> str:
    """`FILE:LINE:COL: {what}why`, as every other error of a file is said (tomllib puts
    the place at the end of its message: "why (at line 1, column 15)", or "(at end of
    document)"; Python 3.14 gives it as attributes too), with what to write where a common
    slip is the cause. A template's and qbank.toml's."""
    if getattr(exc, "lineno", None):  # Python 3.14
        line, column, why = exc.lineno, exc.colno, exc.msg  # type: ignore[attr-defined]
    else:
        said = re.fullmatch(
            r"(.*) \(at (?:line (\d+), column (\d+)|end of document)\)", str(exc), re.S
        )
        if said is None:
            return f"{path}: {what}{exc}"
        why = said[1]
        if said[2]:
            line, column = int(said[2]), int(said[3])
        else:  # the place after the last character
            line, column = text.count("\n") + 1, len(text) - text.rfind("\n")
    return f"{path}:{line}:{column}: {what}{_toml_advice(text, line, why)}"


# `key = value` (or `key: value`, as YAML writes it), and a comment after a blank: the '#'
# of `title = C# basics` is the value's, not a comment's
_TOML_VALUE = re.compile(r"\s*(?P<key>[\w.-]+)\s*(?P<sign>[=:])\s*(?P<value>.*?)\s*(?:(?<=\s)#.*)?")
_CURLY = "\u201c\u201d\u2018\u2019\u201e"


def _toml_text(value: str) -> str:
    """`value` as TOML writes it: as it is where TOML reads it so (a number, a quoted text),
    else as a text in quotes that TOML reads back as typed: a path's backslashes (C:\\Users,
    which "..." reads as escapes) and a text's own " in single quotes."""
    try:
        tomllib.loads(f"value = {value}")
        return value
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        pass
    if ("\\" in value or '"' in value) and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_advice(text: str, line: int, why: str) -> str:
    """tomllib's words for a `key = value` line whose text is not in quotes ("Invalid value",
    "Expected newline or end of document after a statement"), said with what to write."""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    found = _TOML_VALUE.fullmatch(here)
    if found is None:
        return why
    key, value = found["key"], found["value"].strip(_CURLY + " ")
    opened = found["value"][:1]
    if why == "Illegal character '\\n'" and opened in "\"'" and value.count(opened) == 1:
        # a text whose closing quote is missing ('note = "Note'): tomllib names the line's
        # end, which a non-programmer cannot act on (a review)
        return (
            f"a text in quotes is closed by the same quote on its line; write: "
            f"{key} = {_toml_text(value.strip(opened))}"
        )
    if why.startswith("Expected '=' after a key") and found["sign"] == ":" and value:
        return f"{why}: a setting is written with '=', not ':'; write: {key} = {_toml_text(value)}"
    if found["sign"] != "=" or why not in (
        "Invalid value",
        "Expected newline or end of document after a statement",
    ):
        return why
    if not value or value[0] in "\"'[{":  # quoted, or a list or table: not a bare text
        return why
    if found["value"][:1] in _CURLY:
        said = f'{found["value"][:1]} is not a quote to TOML, only straight quotes " are'
        return f"{why}: {said}; write: {key} = {_toml_text(value)}"
    quoted = _toml_text(value)
    quotes = "straight single quotes" if quoted.startswith("'") else "straight double quotes"
    number = re.match(r"-?\d+(?:\.\d+)?(?=\s)", value)
    if number is not None:  # 45 minutes: a number with a word after it
        return (
            f"{why}: a number is digits alone, and a text is in {quotes}; "
            f"write: {key} = {number[0]}, or {key} = {quoted}"
        )
    return f"{why}: a text is written in {quotes}; write: {key} = {quoted}"


@lru_cache(maxsize=16)
def _parsed(text: str) -> dict[str, Any]:
    """A TOML text's tables, kept by the text itself (the five built-in look files, parsed
    once per process instead of once per build: tomllib is pure Python). Callers get a copy,
    so no build can change what the next one reads."""
    return tomllib.loads(text)


MAX_TEMPLATE_BYTES = 1_000_000  # fifty times the largest built-in template


def read_text(path: Path) -> str:
    """A template's text: a regular file of at most MAX_TEMPLATE_BYTES, in UTF-8."""
    from qbank.untrusted import read_regular

    data = read_regular(
        path, "template", MAX_TEMPLATE_BYTES, "larger than 1 MB, more than any template holds"
    )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
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
