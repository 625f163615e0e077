"""The bank of the folder you work in, and its settings (`qbank.toml`).

A command run without `--bank` uses the one bank in the current folder: the bank that
`qbank.toml` names, or else the single `*.yaml` file there that is a qbank bank. A folder
below one with `qbank.toml` (a bank's `img/`) belongs to it, as git finds its repository
from any folder inside it. Only when there is none does it fall back to the bundled bank,
and says so. `qbank.toml` (which
`qbank new` writes) may also set the output folder, the paper, the templates folder, the
organisation's name and its logo; an option on the command line wins over each.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from qbank.bank.checks import LENGTHS
from qbank.errors import OptionError, QbankError
from qbank.look import key_lines
from qbank.paths import MAX_TEMPLATE_BYTES, toml_error
from qbank.text import and_list, did_you_mean
from qbank.untrusted import read_regular

CONFIG = "qbank.toml"
# the keys of qbank.toml and what each holds, as its error messages name them
KEYS = {
    "bank": 'the bank file, e.g. bank = "my-bank.yaml"',
    "out": 'the folder for the artifacts, e.g. out = "output"',
    "paper": "a4 or letter",
    "templates": 'a folder of your own template files, e.g. templates = "look"',
    "organisation": "your organisation's name, shown on covers and packet headers",
    "logo": "an image file beside the bank (PNG or JPEG), shown with the organisation",
}
_PATHS = ("bank", "out", "templates", "logo")
# A bank has a top-level `questions:` key; other YAML files (CI settings, compose files)
# have not. The file is searched, not parsed: a bank with a mistake in it is still the
# folder's bank, and `check` then says what the mistake is.
_QUESTIONS_KEY = re.compile(rb"^questions[ \t]*:", re.MULTILINE)
# A top-level key that holds a list (its items below, or `[` after it), which a bank whose
# `questions:` is misspelt or capitalised (`questons:`, `Questions:`) has: such a file is the
# folder's bank too, and `check` says what to write (a trial was told there was no bank and
# got the bundled example's 50 questions, exit 0). A name is taken as `questions` at this
# ratio: `question`, `qeustions` and `Questions` are, `sessions`, `functions` and
# `suggestions` (another tool's key) are not.
_LIST_KEY = re.compile(rb"^(\w+)[ \t]*:[ \t]*(?:\[|#|\r?$)", re.MULTILINE)
_LIKE_QUESTIONS = 0.85
# a slip adds or drops a letter or two: another tool's `my_questions:` (0.86 alike) is no bank
_LONGER_OR_SHORTER = 2
_SCAN_BYTES = 20_000_000  # the largest bank qbank reads (bank.MAX_BANK_BYTES)


@dataclass(frozen=True)
class Settings:
    """What `qbank.toml` sets, paths resolved against its folder; None where it is silent."""

    file: Path | None = None
    bank: Path | None = None
    out: Path | None = None
    paper: str | None = None
    templates: Path | None = None
    organisation: str | None = None
    logo: Path | None = None


def read_settings(folder: Path) -> Settings:
    """The settings of `folder`'s qbank.toml, or none when it has no such file."""
    path = folder / CONFIG
    if not path.is_file():
        return Settings()
    # within a limit, as a template is read: 300 MB of it took a minute and more, arrays
    # nested 100,000 deep were an internal error (a hostile trial)
    raw = read_regular(
        path, "settings", MAX_TEMPLATE_BYTES, "larger than 1 MB; not qbank's settings"
    )
    try:
        text = raw.decode("utf-8-sig")
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise QbankError(
            f"{path}: not UTF-8 text (byte {exc.start + 1}); save it as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise QbankError(toml_error(path, text, exc)) from None
    except RecursionError:
        raise QbankError(f"{path}: nested too deeply; each setting is one text") from None
    except ValueError:  # an integer of 5,000 digits, past what Python turns into a number
        raise QbankError(f"{path}: a number too long to read; each setting is one text") from None
    problems = []
    values: dict[str, object] = {}
    lines = key_lines(text)
    for key, value in data.items():
        # at the line its key stands on, as a template's problems are said (a trial's
        # `papel = "letter"` was named with no line and no "did you mean")
        line = lines.get((key,))
        place = f"{path}:{line}" if line is not None else str(path)
        if key not in KEYS:
            known = ", ".join(KEYS)
            problems.append(
                f"{place}: unknown setting {key!r}{did_you_mean(key, KEYS)} (settings are: {known})"
            )
        elif not isinstance(value, str) or not value.strip():
            problems.append(f"{place}: {key} must be text: {KEYS[key]}")
        elif key in _PATHS:
            values[key] = folder / value
        elif key == "paper" and value.lower() not in ("a4", "letter"):
            problems.append(f"{place}: paper = {value!r}: give {KEYS['paper']}")
        elif key == "organisation" and not value.isprintable():
            problems.append(  # as a bank's own `organisation:` is held
                f"{place}: organisation holds a line break or a control character; write it "
                "as one line of text"
            )
        elif key == "organisation" and len(value) > LENGTHS["organisation"]:
            problems.append(  # it passed here at 8,000 characters
                f"{place}: organisation must be one line of at most {LENGTHS['organisation']} "
                f"characters, which every artifact can lay out (it has {len(value):,})"
            )
        else:
            values[key] = value.lower() if key == "paper" else value
    if problems:
        raise QbankError("\n".join(problems))
    return Settings(file=path, **values)  # type: ignore[arg-type]


def find_settings(start: Path, bank_given: bool = False) -> Settings:
    """The settings of `start`'s qbank.toml; where it has none and no bank of its own (and
    the command names none), those of the nearest folder above that has one, as git finds
    its repository: a command run in a bank's `img/` folder is still that bank's. A bank
    in the folder itself always wins over a qbank.toml above it (a ~/qbank.toml took over
    every bank under the home folder)."""
    if (start / CONFIG).is_file():
        return read_settings(start)
    if bank_given or banks_in(start):
        return Settings()
    for folder in start.absolute().parents:
        if (folder / CONFIG).is_file():
            return read_settings(folder)
    return Settings()


def is_bank(path: Path) -> bool:
    """Whether the YAML file at `path` is a qbank bank: it has a top-level `questions:`, or
    a list under a key very like it (_LIST_KEY)."""
    try:
        with path.open("rb") as file:
            data = file.read(_SCAN_BYTES)
    except OSError:
        return False
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode": check says so
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    return _QUESTIONS_KEY.search(data) is not None or any(
        abs(len(key) - len(b"questions")) <= _LONGER_OR_SHORTER
        and difflib.SequenceMatcher(None, key.decode().casefold(), "questions").ratio()
        >= _LIKE_QUESTIONS
        for key in _LIST_KEY.findall(data)
    )


def _yaml_shown(path: Path) -> bool:
    """A YAML file a folder's listing shows: not a hidden one (a tool's own settings, such
    as .pre-commit-config.yaml), which no bank is and no message should name."""
    return path.suffix.lower() in (".yaml", ".yml") and not path.name.startswith(".")


def banks_in(folder: Path) -> list[Path]:
    """The qbank banks among the YAML files of `folder`, by name."""
    try:
        files = [p for p in folder.iterdir() if _yaml_shown(p)]
    except OSError:
        return []
    return sorted(p for p in files if p.is_file() and is_bank(p))


def _saved_as_text(folder: Path) -> Path | None:
    """A bank saved as `bank.yaml.txt` (Notepad adds .txt to a name it does not know), or
    None."""
    try:
        files = sorted(folder.iterdir())
    except OSError:
        return None
    suffixes = (".yaml.txt", ".yml.txt")
    return next(
        (p for p in files if p.name.lower().endswith(suffixes) and p.is_file() and is_bank(p)),
        None,
    )


def find_bank(
    folder: Path, settings: Settings, fallback: Path, warn: Callable[[str], None]
) -> Path:
    """The bank a command without `--bank` uses in `folder`: the one `settings` names, else
    the folder's only bank, else `fallback` (said on `warn`). Two banks are a usage error."""
    if settings.bank is not None:
        if settings.file is not None and not settings.bank.exists():
            raise QbankError(_bank_not_there(settings.file, settings.bank))
        return settings.bank
    if settings.file is not None:  # a qbank.toml without `bank`: the banks beside it
        folder = settings.file.parent
    found = banks_in(folder)
    copies = _utf16_copies(found)
    for copy, bank in copies.items():
        warn(
            f"qbank: {copy.name} holds {bank.name}'s text saved as UTF-16 ({UTF16_WRITERS}), "
            f"which qbank does not read, so {bank.name} is used; delete the copy, or move it "
            "out of this folder"
        )
    found = [p for p in found if p not in copies]
    same = _same_text(found)
    found = [p for p in found if p not in same]
    if same and len(found) == 1:  # one bank, and copies of it
        names = and_list([p.name for p in same])
        hold, them = ("holds", "the copy") if len(same) == 1 else ("hold", "the copies")
        warn(
            f"qbank: {names} {hold} the same text as {found[0].name}, so {found[0].name} is "
            f"used; delete {them}, or move {'it' if len(same) == 1 else 'them'} out of this "
            "folder"
        )
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        utf16 = [p.name for p in found if _utf16_text(p) is not None]
        said = (
            f"; {and_list(utf16)} {'is' if len(utf16) == 1 else 'are'} saved as UTF-16 "
            f"({UTF16_WRITERS}), which qbank reads once saved as UTF-8"
            if utf16
            else ""
        )
        readable = next((p for p in found if p.name not in utf16), None)
        if readable is None:  # a name qbank cannot read was said as the one to write
            raise OptionError(
                f"this folder holds {len(found)} banks ({names}), each saved as UTF-16 "
                f"({UTF16_WRITERS}), which qbank reads once saved as UTF-8: save the one you "
                f"mean as UTF-8 (Notepad: Save as, Encoding UTF-8), then choose it with --bank "
                f"or name it in {CONFIG}"
            )
        # a copy beside them is named as one, not as a bank to choose (a review)
        said += "".join(f"; {copy.name} is a copy of {bank.name}" for copy, bank in same.items())
        raise OptionError(
            f"this folder holds {len(found)} banks ({names}); choose one with --bank, or name "
            f'it in {CONFIG} (bank = "{readable.name}"){said}'
        )
    if found:
        return found[0]
    saved_as_text = _saved_as_text(folder)
    if saved_as_text is not None:
        raise OptionError(
            f"no bank in this folder, but {saved_as_text.name} holds one: its name ends in "
            f"'.txt', as Notepad saves it; rename it to {saved_as_text.stem}, or give it with "
            f'--bank "{saved_as_text.name}"'
        )
    above = _bank_above(folder)
    what = (
        f"the folder above holds {above.name}: run qbank there, or give it with --bank "
        f"{Path('..') / above.name}"
        if above is not None
        else "give yours with --bank, or start one with: qbank new my-bank.yaml"
    )
    warn(
        f"qbank: no bank in this folder{_passed_over(folder)}, so the bundled example bank "
        f"({fallback.name}) is used; {what}"
    )
    return fallback


def _bank_above(folder: Path) -> Path | None:
    """The only bank of the folder above `folder`, if it has one: a trial ran qbank in its
    bank's img/ folder (a bank written without `qbank new`, so no qbank.toml to find it by)
    and was told to give its bank with --bank, with no word of the one just above."""
    here = folder.resolve()
    found = banks_in(here.parent) if here.parent != here else []
    return found[0] if len(found) == 1 else None


UTF16_WRITERS = 'Windows\' "Unicode"'  # what writes UTF-16 with its mark, as banks meet it
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def _utf16_text(path: Path) -> str | None:
    """The text of a bank saved as UTF-16 with its mark (Notepad's "Unicode"), which qbank
    reads only as UTF-8; None for any other file."""
    try:
        with path.open("rb") as file:  # its mark first: a UTF-8 bank is not read through
            mark = file.read(2)
            if mark not in _UTF16_MARKS:
                return None
            data = mark + file.read()
    except OSError:
        return None
    return data.decode("utf-16", errors="replace")


def _utf16_copies(banks: list[Path]) -> dict[Path, Path]:
    """The banks of `banks` that are another's text saved as UTF-16 (a copy Notepad saved
    as "Unicode" beside it), each with the bank it copies: the same text, line breaks
    aside. The folder held two banks and was told so, with no word that they were one."""
    utf16 = {path: text for path in banks if (text := _utf16_text(path)) is not None}
    if not utf16:
        return {}
    texts: dict[str, Path] = {}
    for path, text in _utf8_texts([p for p in banks if p not in utf16]).items():
        texts.setdefault(text, path)
    return {path: texts[_same(text)] for path, text in utf16.items() if _same(text) in texts}


def _same_text(banks: list[Path]) -> dict[Path, Path]:
    """The banks of `banks` (UTF-8) that hold another's text, each with the one of them
    qbank uses: the shortest name, 'bank.yaml' of 'bank (1).yaml', as a browser's download
    or a synced folder names a second copy. Such a folder held two banks, and was told to
    choose one of them, of one text. Read only where the folder holds two banks or more."""
    if len(banks) < 2:
        return {}
    texts: dict[str, list[Path]] = {}
    for path, text in _utf8_texts(banks).items():
        texts.setdefault(text, []).append(path)
    copies: dict[Path, Path] = {}
    for paths in texts.values():
        kept = min(paths, key=lambda path: (len(path.name), path.name))
        copies.update({path: kept for path in paths if path != kept})
    return copies


def _utf8_texts(banks: list[Path]) -> dict[Path, str]:
    """Each bank of `banks` that reads as UTF-8, with its text as two copies compare."""
    texts: dict[Path, str] = {}
    for path in banks:
        try:
            texts[path] = _same(path.read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue
    return texts


def _same(text: str) -> str:
    """A bank's text as two copies of it compare: its line breaks one kind, its end's
    blank lines aside."""
    return text.replace("\r\n", "\n").rstrip()


def _passed_over(folder: Path) -> str:
    """' (uno.yaml has no top-level questions: list)' for the YAML files of `folder`, none
    a bank: a trial's bank keyed `preguntas:` was passed over without its name said."""
    try:
        files = sorted(p.name for p in folder.iterdir() if _yaml_shown(p))
    except OSError:
        return ""
    if not files:
        return ""
    names = and_list(files[:3] + ([f"{len(files) - 3} more"] if len(files) > 3 else []))
    has = "has" if len(files) == 1 else "have"
    return f" ({names} {has} no top-level 'questions:' list)"


def _bank_not_there(config: Path, bank: Path) -> str:
    """What to do when the bank `config` names is not there: a trial renamed its bank and
    was told 'nada.yaml: cannot read the bank', with no word of where that name came from."""
    line = key_lines(config.read_text(encoding="utf-8-sig")).get(("bank",))
    place = f"{config}:{line}" if line is not None else str(config)
    here = banks_in(config.parent)
    holds = f" (the folder holds {', '.join(p.name for p in here)})" if here else ""
    named = bank.relative_to(config.parent) if bank.is_relative_to(config.parent) else bank
    return (
        f"{place}: bank = {str(named)!r}: no such file{holds}; "
        "name the bank's file there, or give one with --bank"
    )


def bank_named(name: str, folders: Iterable[Path]) -> list[Path]:
    """The banks called `name` (a file name without .yaml, as a packet records it) in
    `folders`, each once: the first way a command finds a packet's bank."""
    found: dict[Path, None] = {}
    for folder in folders:
        settings = read_settings(folder)
        candidates = [settings.bank] if settings.bank is not None else []
        candidates += banks_in(folder)
        for path in candidates:
            if path.stem == name and path.is_file():
                found.setdefault(path.resolve(), None)
    return list(found)
