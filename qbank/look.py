"""The one reader of the look: every TOML file of templates/, checked key by key.

This module holds the small language of shapes (`Table`, `Number`, `Text`, `words` ...)
and the shared theme: theme.toml's fonts and colours. Every other file's shape (its
tables, their keys and the kind of value each holds) is declared beside the code that
reads it, with `declare` (and `declare_theme_table` for an exporter's table of
theme.toml): the booklet's in its parts, the cards' in their face, the Word theme in the
Word kit, the rubric in qbank.rubric, the debrief's words in the debrief.

`values(name, templates)` reads the file that gives template `name` in a build's look (the
--templates folder's own, else the built-in one), checks it against its shape and returns
its values, once per build; `check_all(templates)` does so for every declared file at
once, so that one run reports every problem of every file, each as `FILE:LINE: [table] key:
message`. A build calls `check_all` before any exporter runs (its exporters loaded, so
their shapes declared), so a typo in the look is the user's clear error, never an
"internal error" from deep inside an exporter.

The exporters turn these checked values into their own typed objects (`qbank.pdf.Theme`,
the packet's `Theme` and `Wording`, the debrief's `Words`).
"""

from __future__ import annotations

import datetime
import json
import math
import os
import re
import string
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from qbank import contrast
from qbank.errors import QbankError, within_reading
from qbank.numbering import LABEL_KEY, LABEL_LONGEST, QUESTION_LABEL
from qbank.paths import FONTS, OWN_FONT_SUFFIXES, Templates, copy_tree, read_text, read_toml
from qbank.text import (
    and_list,
    closest,
    did_you_mean,
    language_advice,
    primary,
    shorten,
    shows_nothing,
)

Problems = list[str]
# The keys from a file's top to a value: ("booklet", "body_size"), ("levels", 2, "score") for
# the third [[levels]]; what a problem's line in the file is found by
Keys = tuple[str | int, ...]
# The longest text of the look (its longest built-in one is 345 characters): a gutter label of
# one unbroken word of 10,000 letters kept the booklet busy for minutes, as each shorter cut
# of it was measured again
TEXT_LONGEST = 1_000


class Problem(str):
    """One problem of a file of the look, said as `[table] key: message`, and the `keys`
    of the value it is about, so that the line it stands on can be named (TOML's reader
    gives no positions: the file's text is scanned for them, and only when it has a
    problem)."""

    keys: Keys = ()


class Advisory(Problem):
    """A problem worth only a warning, so that the look still builds: a key an earlier
    qbank read and this one does not (a --templates folder copied from it is told what to
    remove), or a placeholder a text leaves out (a translation may mean to)."""


class UnknownKey(Problem):
    """A key its table does not have and no key of it is close to: `_checked` says where
    in the file it belongs, when another table has it."""


def at(keys: Keys, problem: str) -> Problem:
    """`problem`, said of the value at `keys` (an Advisory stays one)."""
    found = (type(problem) if isinstance(problem, Problem) else Problem)(problem)
    found.keys = keys
    return found


def _under(key: str | int, problems: Problems) -> Problems:
    """The problems of a value found under `key`: their keys start with it."""
    return [at((key, *getattr(p, "keys", ())), p) for p in problems]


class StandIn(Advisory):
    """A word of a later qbank that the file lacks, said at its key (`FILE:LINE: ...` is
    made of the ones of one file in `_checked`): the built-in look's English prints in its
    place (with_later), mid-page in a translated look."""


# What follows a file's name in a problem said of it: `:LINE: `, `:LINE:COLUMN: ` or `: `
_PLACE = r"(?::(?P<line>\d+)(?::(?P<column>\d+))?)?: (?P<message>.*)"
_AFTER_FILE = re.compile(_PLACE, re.DOTALL)
_SAID = re.compile(r"(?P<file>.*?)" + _PLACE, re.DOTALL)


class LookProblem(str):
    """A problem said of a file of the look, `FILE:LINE: message` (`FILE: message` when it
    has no line of its own), with its parts to read: `file`, `line` and `column` (0 when
    not said) and `message` (a host program placed them by taking the text apart: a
    library trial). `file` is the file it names when known (a path may hold ': ')."""

    file: str
    line: int
    column: int
    message: str

    def __new__(cls, text: str, file: str = "") -> LookProblem:
        said = super().__new__(cls, text)
        found = _AFTER_FILE.fullmatch(text, len(file)) if file and text.startswith(file) else None
        if found is None:  # said of another file (a look's file read by another's check)
            found = _SAID.fullmatch(text)
            file = found["file"] if found else ""
        said.file = file
        said.line, said.column = (int(found[n] or 0) if found else 0 for n in ("line", "column"))
        said.message = found["message"] if found else text
        return said

    def __getnewargs__(self) -> tuple[str, str]:  # from a worker, whole
        return str(self), self.file


class LookError(QbankError):
    """Every problem of the look's files, one `FILE:LINE: [table] key: message` a line (or
    `FILE: ...`, when the key and its table have no line of their own), in the order of
    the files and their lines."""

    def __init__(self, problems: Iterable[str]) -> None:
        said = [p if isinstance(p, LookProblem) else LookProblem(p) for p in problems]
        self.problems = sorted(said, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(map(within_reading, "\n".join(self.problems).split("\n"))))

    def __reduce__(self) -> tuple[type, tuple[Problems]]:  # from a worker, whole
        return type(self), (self.problems,)


# --- the kinds of value ----------------------------------------------------------------


class Kind:
    """What one key holds; `problems` says what is wrong with a value, in plain words."""

    when_missing = ""  # what to write, said after 'missing' (a theme's font face)

    def problems(self, value: Any, where: str) -> Problems:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class Number(Kind):
    """A finite number, at least `low` (sizes, lengths, ratios)."""

    low: float = 0
    high: float = math.inf
    whole: bool = False

    def problems(self, value: Any, where: str) -> Problems:
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if self.whole and not (is_number and float(value).is_integer()):
            return [f"{where}: {shown(value)} should be a whole number"]
        if not is_number or not math.isfinite(value):
            return [f"{where}: {shown(value)} should be a number"]
        if not self.low <= value <= self.high:
            span = f"at least {_num(self.low)}"
            if self.high != math.inf:
                span = f"from {_num(self.low)} to {_num(self.high)}"
            return [f"{where}: {shown(value)} should be {span}"]
        return []


@dataclass(frozen=True)
class Text(Kind):
    """A string; `{placeholders}` in it may only be those named here."""

    placeholders: tuple[str, ...] = ()
    # a blank text is refused (a button, a heading or a footer with no words) unless its
    # reader means something by it, declared here: the booklet's blurb ('' is the bank's
    # description), the footer's candidate_blank (no line to write a name on)
    may_be_blank: bool = False
    # the placeholders are a choice (a date's {day} or {dd}): one left out is no warning
    choice: bool = False

    def problems(self, value: Any, where: str) -> Problems:
        if not isinstance(value, str):
            return [f"{where}: {shown(value)} should be text in quotes"]
        if not self.may_be_blank and shows_nothing(value):
            # blank, or a zero-width space only: a button that shows nothing
            return [
                f"{where}: is empty; write the words it stands for (an empty one shows "
                "nothing where they go)"
            ]
        if len(value) > TEXT_LONGEST:  # a label of 10,000 letters kept a build busy for minutes
            return [
                f"{where}: is {len(value):,} characters long, more than the {TEXT_LONGEST:,} "
                "a text of the look may hold; shorten it"
            ]
        control = next((c for c in value if c not in "\n\t" and ord(c) < 32 or c == "\x7f"), None)
        if control is not None:  # U+001F split an Anki note's fields; NUL ended a TSV's text
            return [
                f"{where}: holds the control character U+{ord(control):04X}, which no reader "
                "shows; take it out"
            ]
        try:
            fields = [(n, spec, conv) for _, n, spec, conv in string.Formatter().parse(value)]
        except ValueError:
            return [f"{where}: a lone {{ or }}; write {{{{ or }}}} for a brace itself"]
        used = {name for name, _, _ in fields if name is not None}
        for name, spec, conversion in fields:
            if name is not None and (spec or conversion):  # the page fills {n}, not {n:,}
                written = (
                    "{"
                    + name
                    + ("!" + conversion if conversion else "")
                    + (":" + spec if spec else "")
                    + "}"
                )
                return [f"{where}: {written}: a placeholder is its name in braces, as {{{name}}}"]
        unknown = sorted(used - set(self.placeholders))
        if unknown:
            known = ", ".join(f"{{{p}}}" for p in self.placeholders) or "none"
            return [f"{where}: unknown placeholder {{{unknown[0]}}} (this text may use {known})"]
        unused = [f"{{{p}}}" for p in self.placeholders if p not in used]
        # `questions = "questions"` printed no count: a warning, as "une question" may mean
        # to leave {n} out; a text left blank says nothing on purpose
        if unused and value.strip() and not self.choice:
            if len(unused) == 1:
                said = f"the placeholder {unused[0]} is not used, so what it stands for is"
            else:
                names = and_list(unused)
                said = f"the placeholders {names} are not used, so what they stand for is"
            return [Advisory(f"{where}: {said} not shown")]
        return []


class Flag(Kind):
    def problems(self, value: Any, where: str) -> Problems:
        return (
            [] if isinstance(value, bool) else [f"{where}: {shown(value)} should be true or false"]
        )


_RGB = re.compile(r"rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)", re.I)


def _colour_advice(value: Any) -> str:
    """What to write for a colour typed another way: the same colour as '#rrggbb' where
    it is one ('0B3D2E', '#fff', 'rgb(11, 61, 46)'), else what is wrong with it. A brand
    trial's '#0B3D2' (a digit lost) and 'green' were told the form alone."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    digits = text.removeprefix("#")
    is_hex = bool(digits) and all(c in string.hexdigits for c in digits)
    if is_hex and len(digits) == 6 or text.startswith("#") and is_hex and len(digits) == 3:
        same = digits if len(digits) == 6 else "".join(c * 2 for c in digits)
        return f": write '#{same}'"
    rgb = _RGB.fullmatch(text)
    if rgb and all(int(part) <= 255 for part in rgb.groups()):
        return ": write '#" + "".join(f"{int(part):02x}" for part in rgb.groups()) + "'"
    if is_hex:
        return f" (this has {len(digits)} digits; a colour has 6: copy it from the brand's guide)"
    if text.isalpha():
        return " (a colour's name is not read: write its code from the brand's guide)"
    return ""


class Color(Kind):
    def problems(self, value: Any, where: str) -> Problems:
        hex_digits = value.removeprefix("#") if isinstance(value, str) else ""
        if not (
            isinstance(value, str)
            and value.startswith("#")
            and len(hex_digits) == 6
            and all(c in string.hexdigits for c in hex_digits)
        ):
            said = f"{where}: {shown(value)} should be a colour written '#rrggbb'"
            return [said + _colour_advice(value)]
        return []


# qbank/fonts' files cut to the few characters they stand in for (fonts/README.md): no
# space, no Latin letter, so a look's text in one had no space between its words (a trial)
CUT_FONTS = frozenset(
    {
        "DejaVuSans-Letters.ttf",
        "WenQuanYiMicroHei-Hangul.ttf",
        "Symbola-Emoji.ttf",
        "NotoSansArabic-Shaped.ttf",
    }
)
_OTHER_FONT_FILES = (".woff", ".woff2", ".ttc", ".otc", ".dfont", ".pfb", ".pfa", ".afm")
OWN_FONT_LARGEST = 32 * 1024 * 1024  # bytes: a font is read whole (Noto Sans CJK is 17 MB)


def _shipped_fonts() -> list[str]:
    return sorted(p.name for p in FONTS.glob("*.ttf") if p.name not in CUT_FONTS)


@dataclass(frozen=True)
class FontFile(Kind):
    """A font file of qbank/fonts/ (the PDFs embed it) that draws text: not one of the
    CUT_FONTS. With `own`, also a font of the look's folder, by its path there
    (`fonts/Brand-Regular.ttf`); `own_fonts` reads that file."""

    own: bool = False

    @property
    def when_missing(self) -> str:  # type: ignore[override]
        """'bold: missing' said nothing of what to write (a brand trial)."""
        if not self.own:
            return ""
        return (
            "; name the face's font file: one qbank ships, or a .ttf of the look's folder by "
            "its path there (the regular face's if the family has no other)"
        )

    def problems(self, value: Any, where: str) -> Problems:
        if not isinstance(value, str):
            return [f"{where}: {shown(value)} should be a font file name in quotes"]
        have = _shipped_fonts()
        if value in CUT_FONTS:
            return [
                f"{where}: {value!r} holds only the few characters qbank draws with it where "
                f"the others lack them, no space nor Latin letter; choose one of {', '.join(have)}"
            ]
        if value in have:
            return []
        if self.own and value.lower().endswith(_OTHER_FONT_FILES):
            return [
                f"{where}: {value!r}: the PDFs embed TrueType fonts (.ttf, or an .otf with "
                "TrueType outlines); use the font's .ttf file"
            ]
        if self.own and _own_font_name(value):
            return []  # the file itself: own_fonts
        if not self.own:
            # one of the bundled files by its name: a path ("/etc/passwd", "../x.ttf") would
            # reach past the folder to any file, and a non-font one crashed the build
            return [
                f"{where}: no font file {value!r} in qbank/fonts (a look chooses among the "
                f"fonts qbank ships, which every PDF can embed: {', '.join(have)})"
            ]
        if value.startswith(("/", "~", "..")) or "\\" in value or ":" in value:
            return [
                f"{where}: {value!r}: a font of the look's own lies in its folder: copy the "
                "file into it and name it by its path there, with '/' between folders "
                "('fonts/Brand-Regular.ttf')"
            ]
        return [
            f"{where}: no font file {value!r} in qbank/fonts, and not the path of a font in "
            "the look's folder (a .ttf file there, named by its path from the folder: "
            f"'fonts/Brand-Regular.ttf'); qbank ships {', '.join(have)}"
        ]


def _own_font_name(value: str) -> bool:
    """Whether `value` names a font file inside the look's folder: a relative path with
    '/' between its parts, none of them '..', ending in .ttf or .otf."""
    parts = value.split("/")
    return (
        value.lower().endswith(OWN_FONT_SUFFIXES)
        and "\\" not in value
        and ":" not in value
        and all(part not in ("", ".", "..") for part in parts)
    )


def own_fonts(found: dict[str, Any], templates: Templates) -> Problems:
    """The theme's fonts from the look's own folder: each a regular file inside it, of at
    most OWN_FONT_LARGEST bytes, a TrueType font the PDFs may embed, with a space."""
    have = set(_shipped_fonts())
    problems: Problems = []
    fonts = found.get("fonts")
    named = [(("fonts", face), v) for face, v in fonts.items()] if isinstance(fonts, dict) else []
    for table, kind in _THEME_TABLE_KEYS.items():  # an exporter's own: the booklet's headings
        values = found.get(table)
        for key, key_kind in kind.keys.items():
            if isinstance(key_kind, FontFile) and key_kind.own and isinstance(values, dict):
                named += [((table, key), values[key])] if key in values else []
    for (table, key), value in named:
        if isinstance(value, str) and value not in have and _own_font_name(value):
            problem = _own_font_problem(value, key, templates)
            if problem:
                said = f"[{table}] {key}: {problem}"
                problems.append(at((table, key), type(problem)(said)))
    if isinstance(fonts, dict):
        problems += _faces_alike(fonts)
    return problems


def _faces_alike(fonts: dict[str, Any]) -> Problems:
    """A warning for each of bold, italic and bold_italic that names the regular face's
    file: nothing would print bold or italic (a brand trial gave every face one file)."""
    regular = fonts.get("regular")
    return [
        at(
            ("fonts", face),
            Advisory(
                f"[fonts] {face}: names the regular face's file, so nothing prints "
                f"{face.replace('_', ' ')}; name the family's {face.replace('_', ' ')} "
                "file if it has one"
            ),
        )
        for face in ("bold", "italic", "bold_italic")
        if isinstance(regular, str) and fonts.get(face) == regular
    ]


def _own_font_problem(value: str, face: str, templates: Templates) -> str | None:
    folder = templates.overlay
    if folder is None:  # the built-in theme.toml names qbank's own fonts only
        return f"{value!r}: a font of the look's own is a file of its --templates folder"
    path = folder / value
    if os.path.lexists(path) and not path.is_file():
        return f"{value!r}: not a regular file in {folder}; a font is one file (.ttf)"
    if not path.is_file():
        here = sorted(p.relative_to(folder).as_posix() for p in templates.own_fonts())
        missing = f"{value!r}: no such file in {folder}, nor a font qbank ships"
        suggestion = did_you_mean(value, [*_shipped_fonts(), *here])
        if suggestion:
            return missing + suggestion
        return (
            f"{missing}; put the font file in the look's folder and name it by its path "
            f"there, or choose one of {', '.join(_shipped_fonts())}"
        )
    if not path.resolve().is_relative_to(folder.resolve()):
        return f"{value!r} leads out of {folder} (a link); copy the font file into the folder"
    size = path.stat().st_size
    if size > OWN_FONT_LARGEST:
        return (
            f"{value!r} is {size / 2**20:,.0f} MB, more than the "
            f"{OWN_FONT_LARGEST // 2**20} MB a font of the look may be"
        )
    from qbank.fontfile import font_file_problems  # reportlab

    problem, style = font_file_problems(path, value, face if face in FACES else None)
    if style:
        return Advisory(style)  # it prints, in the wrong style
    return problem


# --- text in a colour of the look, and what it stands on -----------------------------------


@dataclass(frozen=True)
class Ink:
    """Text that a file's colour is drawn in: the keys of that colour (`ink`) and of the
    colour it stands on (`ground`; None for the white paper), the smallest size in points
    it is drawn at and whether bold there (large-scale text needs less contrast), what it
    is, in a designer's words, and which of the two a warning stands at (`blame_ground`;
    None: the ground when the ink reads on the page, `paper`, white when None, else the
    ink)."""

    ink: Keys
    what: str
    ground: Keys | None = None
    size: float = 0
    bold: bool = False
    blame_ground: bool | None = None
    paper: Keys | None = None


def contrast_warnings(
    found: dict[str, Any], inks: Iterable[Ink], named: Callable[[Keys], str] | None = None
) -> Problems:
    """A warning at each colour of `found` that text is drawn in, or on, too close to what
    stands behind or in front of it for WCAG 2.2's least contrast (qbank.contrast): at the
    ink's line, or at the ground's when the ink reads on the page (a pale text colour is
    the ink's fault, a dark shade behind good text the shade's). One a colour: its worst
    use. `named` names a colour by its keys (`[colors] sections[3]` by default). A look
    that picked '#FFEE88' for a section printed pale text without a word."""
    name = named or _named
    worst: dict[Keys, tuple[float, Problem]] = {}
    for ink in inks:
        fore = _value_at(found, ink.ink)
        back = contrast.WHITE if ink.ground is None else _value_at(found, ink.ground)
        if not contrast.is_color(fore) or not contrast.is_color(back):
            continue  # said as a colour written wrong, or a key missing
        need, got = contrast.needs(ink.size, ink.bold), contrast.ratio(fore, back)
        if got >= need:
            continue
        blame_ground = ink.blame_ground
        if blame_ground is None:
            paper = contrast.WHITE if ink.paper is None else _value_at(found, ink.paper)
            blame_ground = contrast.is_color(paper) and contrast.ratio(fore, paper) >= need
        if ink.ground is not None and blame_ground:
            blamed, mine, other = ink.ground, back, fore
            said = f'"{back}" under {ink.what} in "{fore}" ({name(ink.ink)})'
        else:
            blamed, mine, other = ink.ink, fore, back
            ground = "white paper" if ink.ground is None else f'"{back}" ({name(ink.ground)})'
            said = f'"{fore}" ({ink.what}) on {ground}'
        text = "text" if need == contrast.TEXT_NEEDS else "large text"
        problem = at(
            blamed,
            Advisory(
                f"{name(blamed)}: {said} has contrast {contrast.shown_ratio(got)}; {text} "
                f"needs {contrast.shown_ratio(need)} (WCAG 2.2, 1.4.3): choose a "
                f"{contrast.way(mine, other, need)} colour"
            ),
        )
        if blamed not in worst or got / need < worst[blamed][0]:
            worst[blamed] = (got / need, problem)
    return [problem for _, problem in worst.values()]


def _value_at(found: Any, keys: Keys) -> Any:
    for key in keys:
        if isinstance(key, int) and isinstance(found, list) and key < len(found):
            found = found[key]
        elif isinstance(key, str) and isinstance(found, dict) and key in found:
            found = found[key]
        else:
            return None
    return found


def _named(keys: Keys) -> str:
    """A value's place as its file's problems say it: `[colors] sections[3]`."""
    table, key, *more = keys
    return key_where(f"[{table}]", str(key), None) + "".join(f"[{i + 1}]" for i in more)


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind
    shortest: int = 0
    fractions: bool = False  # column widths: each between 0 and 1, together at most 1
    longest: int | None = None

    def problems(self, value: Any, where: str) -> Problems:
        if not isinstance(value, list):
            return [f"{where}: {shown(value)} should be a list [ ... ]"]
        entries = "entry" if self.shortest == 1 else "entries"
        if self.longest == self.shortest and len(value) != self.shortest:
            return [f"{where}: needs exactly {self.shortest} {entries}, not {len(value)}"]
        if len(value) < self.shortest:
            return [f"{where}: needs at least {self.shortest} {entries}"]
        if self.longest is not None and len(value) > self.longest:
            return [f"{where}: holds at most {self.longest} entries, not {len(value)}"]
        found = [
            p
            for i, item in enumerate(value)
            for p in _under(i, self.item.problems(item, f"{where}[{i + 1}]"))
        ]
        if self.fractions and not found and sum(value) > 1.001:
            found.append(f"{where}: the fractions add up to {_num(sum(value))}, more than 1")
        return found


@dataclass(frozen=True)
class Table(Kind):
    """A TOML table with these keys, each required, and no other key."""

    keys: Mapping[str, Kind]
    optional: frozenset[str] = field(default_factory=frozenset)
    retired: Mapping[str, str] = field(default_factory=dict)  # key: why it is not read now
    # keys of a later qbank that a file from before may lack: the built-in look's value
    # stands in (with_later), and a word that does is said (StandIn)
    later: frozenset[str] = field(default_factory=frozenset)

    def problems(self, value: Any, where: str) -> Problems:
        if not isinstance(value, dict):
            return [f"{where}: should be a table"]
        unknown = {
            key: closest(key, self.keys)
            for key in value
            if key not in self.keys and key not in self.retired
        }
        found: Problems = []
        for key, kind in self.keys.items():
            if key in value:
                found += _under(key, kind.problems(value[key], key_where(where, key, kind)))
            elif key in self.later:
                found += _under(key, _stand_ins(kind, key_where(where, key, kind)))
            elif key not in self.optional and key not in unknown.values():
                # a key misspelt is said once, as the unknown key that meant it
                said = f"{key_where(where, key, kind)}: missing{kind.when_missing}"
                found.append(at((key,), said))
        for key in value:
            place = key_where(where, key, None)
            if key in self.retired:
                why = self.retired[key]
                found.append(at((key,), Advisory(f"{place}: not used any more ({why}); remove it")))
            elif key in unknown:
                hint = unknown[key]
                if hint:
                    found.append(at((key,), f"{place}: unknown key; did you mean '{hint}'?"))
                else:
                    found.append(at((key,), UnknownKey(f"{place}: unknown key")))
        return found


def _stand_ins(kind: Kind, where: str) -> Problems:
    """The words the built-in look gives for a value the file lacks, `kind`: itself, or
    each of a table's. Not the question label's 'Q', as a look from before it has in every
    file (labels_apart tells a look whose files differ)."""
    if isinstance(kind, LabelWord):
        return []
    if isinstance(kind, Text):
        return [StandIn(where)]
    if isinstance(kind, Table):
        return [p for p in kind.problems({}, where) if isinstance(p, StandIn)]
    return []


@dataclass(frozen=True)
class MapOf(Kind):
    """A table whose keys the user names (colours, styles), each holding `item`."""

    item: Kind
    required: tuple[str, ...] = ()

    def problems(self, value: Any, where: str) -> Problems:
        if not isinstance(value, dict):
            return [f"{where}: should be a table"]
        missing = [k for k in self.required if k not in value]
        # a key of the user's own one letter off a required one that is missing meant it
        # ('acent'): said once, there, as Table says a misspelt key
        meant = {key: closest(key, missing) for key in value if key not in self.required}
        found = [
            at((k,), f"{key_where(where, k, self.item)}: missing")
            for k in missing
            if k not in meant.values()
        ]
        for key, hint in meant.items():
            if hint is not None:
                said = f"{key_where(where, key, None)}: did you mean '{hint}'? qbank reads "
                found.append(at((key,), f"{said}'{hint}', which this table lacks"))
        for key, item in value.items():
            found += _under(key, self.item.problems(item, key_where(where, key, self.item)))
        return found


class AnyTable(Kind):
    """A table whose keys its reader declares, when that reader is not loaded."""

    def problems(self, value: Any, where: str) -> Problems:
        return [] if isinstance(value, dict) else [f"{where}: should be a table"]


def key_where(where: str, key: str, kind: Kind | None) -> str:
    """Where a key stands, as a reader of the file finds it: `[booklet] body_size`, or
    `[styles."Heading 1"]` for a key that is itself a table."""
    shown = f'"{key}"' if not key.isidentifier() else key
    if isinstance(kind, Table | MapOf):
        return f"[{where.strip('[]')}.{shown}]" if where else f"[{shown}]"
    return f"{where} {shown}" if where else shown


def shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, datetime.date | datetime.time):  # TOML's dates, as written there
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _num(value: float) -> str:
    return f"{value:g}"


def words(
    spec: str,
    retired: Mapping[str, str] | None = None,
    optional: Iterable[str] = (),
    later: Iterable[str] = (),
    may_be_blank: Iterable[str] = (),
) -> Table:
    """A table of words from lines `key` or `key: placeholder placeholder`; `retired` are
    the keys of earlier versions, each with why it is not read now; `optional` the keys of
    a later version that a file from before may lack (its reader says what stands in);
    `later` those for which the built-in look's words stand in (with_later), which a build
    names. None may be blank but those of `may_be_blank`, which mean something blank: a
    blank label printed an empty one ('not_rated = " "', a button with no words)."""
    blank = set(may_be_blank)
    keys: dict[str, Kind] = {}
    for line in spec.strip().splitlines():
        key, _, names = line.partition(":")
        keys[key.strip()] = Text(tuple(names.split()), may_be_blank=key.strip() in blank)
    return Table(keys, optional=frozenset(optional), retired=retired or {}, later=frozenset(later))


class LanguageTag(Kind):
    """A language tag (BCP 47) as the bank's `language` takes it: en, de, pt-BR."""

    def problems(self, value: Any, where: str) -> Problems:
        hint = language_advice(value, quote='"') if isinstance(value, str) else ""
        if hint is None:
            return []
        return [
            f"{where}: {shown(value)} should be a language tag in quotes, as "
            f'"en", "de" or "pt-BR"{hint}'
        ]


@dataclass(frozen=True)
class LabelWord(Text):
    """The word before a question's number: a letter or a short abbreviation, without a
    digit (F12 is question 12, Nr.12 too) or a blank that would break a label's line."""

    def problems(self, value: Any, where: str) -> Problems:
        found = super().problems(value, where)
        if found or not isinstance(value, str):
            return found
        if len(value) > LABEL_LONGEST or any(
            c.isdigit() or c.isspace() or c in "{}<>&" for c in value
        ):
            return [
                f"{where}: {shown(value)} should be a letter or an abbreviation of at most "
                f"{LABEL_LONGEST} characters, without digits, blanks, braces or < > & ('Q', 'F', "
                "'Nr.'): the question's number follows it"
            ]
        return []


LABEL_WORD = LabelWord()


def with_label_word(table: Table, **kinds: Kind) -> Table:
    """A words file's `table` with its `question_label`, which a file from before it lacks;
    `kinds` are keys read otherwise than as words."""
    keys = {**table.keys, **kinds, LABEL_KEY: LABEL_WORD}
    return replace(table, keys=keys, optional=table.optional | {LABEL_KEY})


NUMBER = Number()
WHOLE = Number(whole=True)
TEXT = Text()
TEXT_OR_BLANK = Text(may_be_blank=True)  # blank means something to its reader
FLAG = Flag()
COLOR = Color()
FRACTIONS = ListOf(Number(low=0.001, high=0.999), shortest=1, fractions=True)
FRACTION = Number(low=0.001, high=0.999)
SIZE = Number(low=0.5, high=200)  # a font size in points


LANGUAGE_TAG = LanguageTag()
# How a date is written: {year}, {month} (a name of the file's `months`, January first),
# {mm} and {dd} (two digits), {day} (no leading zero); `date_words` writes one
DATE = Text(("year", "month", "mm", "dd", "day"), choice=True)
MONTHS = ListOf(TEXT, shortest=12, longest=12)  # January to December
ANY_TABLE = AnyTable()


def numbers(names: str, kind: Kind = NUMBER) -> dict[str, Kind]:
    return {name: kind for name in names.split()}


# --- the shapes of the files: declared by their readers ---------------------------------


# A check across keys, or files of the look, beyond each value's own
CrossCheck = Callable[[dict[str, Any], Templates], Problems]


@dataclass(frozen=True)
class Shape:
    kind: Table
    also: CrossCheck | None = None
    # whether `also` runs beside the file's other problems (one that reads only values
    # whose own check it repeats): a look's font was said only once its colours were right
    always: bool = False


# Each template file's shape, declared beside the code that reads it (`declare`), as Sphinx's
# `add_config_value` declares a config value beside the extension that reads it.
SHAPES: dict[str, Shape] = {}


def declare(name: str, kind: Table, also: CrossCheck | None = None) -> None:
    """Declare the shape of template file `name` (its path under templates/); its reader
    does, once. A second, different shape for one file is a bug, refused at import."""
    shape = Shape(kind, also)
    if SHAPES.setdefault(name, shape) != shape:
        raise RuntimeError(f"{name}: a second shape declared for one template file")


# The shared theme, theme.toml: the fonts and colours of every PDF, and a table for each
# exporter that draws PDF pages, named after it, whose keys that exporter declares
# (`declare_theme_table`). A table whose exporter is not loaded is only required.
THEME_FILE = "theme.toml"
THEME_TABLES = ("booklet", "cards")
FACES = "regular bold italic bold_italic code code_bold".split()
_SHARED_THEME: dict[str, Kind] = {
    "fonts": Table({face: FontFile(own=True) for face in FACES}),
    "colors": Table(
        {
            **{name: COLOR for name in "text muted accent rule light_rule code_background".split()},
            "sections": ListOf(COLOR, shortest=1),
        }
    ),
}
_THEME_TABLE_KEYS: dict[str, Table] = {}


def declare_theme_table(name: str, kind: Table) -> None:
    """Declare the keys of the shared theme's table `name` (one of THEME_TABLES)."""
    if name not in THEME_TABLES:
        raise RuntimeError(f"[{name}]: theme.toml has a table per exporter: {THEME_TABLES}")
    if _THEME_TABLE_KEYS.setdefault(name, kind) != kind:
        raise RuntimeError(f"[{name}]: a second shape declared for one table of theme.toml")


def _theme_inks(found: dict[str, Any]) -> list[Ink]:
    """The text the shared theme's colours are drawn in. Each is drawn small somewhere,
    so each needs the contrast of text: the booklet's body and the cards' smallest text
    (7 pt) in `text`; its running header and footer (7.5 pt) in `muted`; the cover's
    kicker (9 pt bold) in `accent`; a section's Q numbers, its 'continued' label (7 pt
    bold) and its name in the running header (7.5 pt bold) in its colour; code spans, in
    `text` and in `muted` (a note's), on `code_background`."""
    colors = found.get("colors")
    sections = colors.get("sections") if isinstance(colors, dict) else None
    code = ("colors", "code_background")
    return [
        Ink(("colors", "text"), "the text"),
        Ink(("colors", "muted"), "headers, footers, notes and labels"),
        Ink(("colors", "accent"), "the cover's kicker"),
        Ink(("colors", "text"), "code", ground=code),
        Ink(("colors", "muted"), "a note's code", ground=code),
        *(
            Ink(("colors", "sections", i), "its question numbers, labels and name in the header")
            for i in range(len(sections) if isinstance(sections, list) else 0)
        ),
    ]


def _theme_checks(found: dict[str, Any], templates: Templates) -> Problems:
    return own_fonts(found, templates) + contrast_warnings(found, _theme_inks(found))


def _shape(name: str) -> Shape:
    if name == THEME_FILE:
        # an exporter's table, or any key of it, a look may lack: a look copied before it
        # was added (the first days' theme.toml had no [booklet] nor [cards]) gets the
        # built-in look's (theme_with_later)
        tables = {
            t: replace(kind, later=frozenset(kind.keys)) if isinstance(kind, Table) else kind
            for t in THEME_TABLES
            for kind in [_THEME_TABLE_KEYS.get(t, ANY_TABLE)]
        }
        shape = Table({**_SHARED_THEME, **tables}, later=frozenset(THEME_TABLES))
        return Shape(shape, also=_theme_checks, always=True)
    return SHAPES[name]


def theme_with_later(found: dict[str, Any]) -> dict[str, Any]:
    """The values of a look's theme.toml, each exporter's table with the built-in look's
    value for every key it lacks (the lengths and sizes added since the look was copied)."""
    return {
        **found,
        **{
            table: with_later(THEME_FILE, found.get(table, {}), kind.keys, table)
            for table, kind in _THEME_TABLE_KEYS.items()
        },
    }


def declared() -> tuple[str, ...]:
    """Every template file whose shape is known: the shared theme, and each file whose
    reader is loaded."""
    return (THEME_FILE, *SHAPES)


# --- reading -----------------------------------------------------------------------------


def values(name: str, templates: Templates) -> dict[str, Any]:
    """The checked values of template file `name` (a key of SHAPES) in the build whose look
    is `templates`, read once per build."""
    path = templates.path(name)
    return templates.remember(("look", name), lambda: checked(path, name, templates))


def with_later(name: str, own: dict[str, Any], later: Iterable[str], *keys: str) -> dict[str, Any]:
    """`own`, the table at `keys` of the look's file `name`, with the built-in look's value
    for each key of `later` that it lacks: the keys added since a look was copied, which
    its file may lack (the built-in words and lengths stand in)."""
    missing = [key for key in later if key not in own]
    if not missing:
        return own
    built_in: dict[str, Any] = values(name, Templates())
    for key in keys:
        built_in = built_in[key]
    return {**{key: built_in[key] for key in missing if key in built_in}, **own}


def check_all(templates: Templates, names: Iterable[str] | None = None) -> list[str]:
    """Read and check the files `names` of the look (every declared file when None); raise
    one LookError naming every problem. Returns the warnings: keys an earlier qbank read."""
    wanted = set(declared() if names is None else names)
    unknown = wanted - set(declared())
    if unknown:  # a reader that declares no shape, or is not loaded: qbank's own bug
        raise RuntimeError(f"no shape declared for {', '.join(sorted(unknown))}")
    problems: Problems = []
    for name in [n for n in declared() if n in wanted]:
        try:
            values(name, templates)
        except LookError as exc:
            problems += exc.problems
        except QbankError as exc:  # unreadable, or not TOML
            problems.append(LookProblem(str(exc), str(templates.path(name))))
    if problems:
        raise LookError(problems)
    retired = [n for name in declared() if name in wanted for n in _retired(name, templates)]
    return retired + labels_apart(templates, wanted) + words_left(templates, wanted)


# The files of the words qbank adds around a bank's text that its readers see (labels,
# headings, buttons, the rating scale, the cover's date): English in the built-in look
WORDS_FILES = ("booklet/words.toml", "packet/rubric.toml", "anki/words.toml", "html/words.toml")


def untranslated(language: str, templates: Templates) -> str | None:
    """The line that tells the user of a bank in another `language` than English where the
    look's English words are translated, while `templates` has none of WORDS_FILES of its
    own (a Spanish trial found its cards said 'Hint' with no word of why); else None."""
    if not language or primary(language) == "en":
        return None
    if templates.overlay is not None and any(
        (templates.overlay / name).is_file() for name in WORDS_FILES
    ):
        return _language_left(language, templates)
    return (
        f"qbank: the bank is in {language}, the words qbank adds around it in English (Hint, "
        "Contents, the rating scale, the cover's date): `qbank templates look` copies them "
        "into look/ to translate, then build with --templates look"
    )


# the packet's words, and the tables that hold them
_PACKET_WORDS = "packet/rubric.toml"
_PACKET_WORDED = ("levels", "guide", "recommendation", "labels")


def _language_left(language: str, templates: Templates) -> str | None:
    """The line for a look whose packet words were changed while their `language` still
    says the built-in's ('en'), as `qbank templates look` copied it: a German look's
    'Bewertungsskala' was tagged English, spell-checked and hyphenated so (a review)."""
    own = templates.overlay / _PACKET_WORDS if templates.overlay is not None else None
    if own is None or not own.is_file():
        return None
    words, built_in = values(_PACKET_WORDS, templates), values(_PACKET_WORDS, Templates())
    if words.get("language") != built_in["language"] or all(
        words.get(key) == built_in.get(key) for key in _PACKET_WORDED
    ):
        return None
    said = built_in["language"]
    return (
        f"qbank: {own}: its words are not the built-in English ones, but its language still "
        f'says "{said}", which Word and LibreOffice spell-check and hyphenate them by; if they '
        f'are in {language}, write language = "{language}" there'
    )


# Where each words file keeps the question label's word (numbering.LABEL_KEY): the keys of
# its table. Each artifact prints its own, so a translation sets it in each.
LABEL_PLACES: dict[str, Keys] = {
    "booklet/words.toml": (),
    THEME_FILE: ("cards",),
    "packet/rubric.toml": ("labels",),
    "anki/words.toml": (),
    "html/words.toml": (),
}


def _texts(value: Any, keys: Keys = ()) -> Iterator[tuple[Keys, str]]:
    """Each text of a file's values, by its keys (a list's item by its index)."""
    if isinstance(value, str):
        yield keys, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*keys, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*keys, index))


def _where(keys: Keys) -> str:
    """Where a text stands, as a problem says it: `[guide] steps` for an item of its list."""
    *tables, last = [str(key) for key in keys if not isinstance(key, int)]
    return f"[{'.'.join(tables)}] {last}" if tables else last


def _naming(word: str) -> str:
    """A pattern of a text naming the built-in `word`: whole, in its capitals; a word of
    one lower-case word ('given', the debrief's 'Hint' mark) only in quotes, as a label is
    named, not as the word of a sentence: "not among the files given" named no label (a
    German look's trial)."""
    if word.islower() and word.isalpha():
        return rf"(?<=['\"‘“«‚„]){re.escape(word)}(?=['\"’”»‘“])"
    return rf"(?<!\w){re.escape(word)}(?!\w)"


def words_left(templates: Templates, names: Iterable[str]) -> list[str]:
    """A warning at each text of a words file of the look left as the built-in one has it
    that still names a word the look changed: a designer's 'Hint given' became 'Hilfestellung
    gegeben' on every rating row while the guide still said "If you give a hint, tick 'Hint
    given'", and the study page's tally '0 Good, 0 Hard' stood beside buttons renamed. The
    built-in word is looked for whole, in its capitals, as the texts print it; a lower-case
    word alone only in quotes, as a label is named (_naming). An item of a
    list is one of its scale, no word named elsewhere: a level's 'Strong' relabelled 'Good'
    was said to be still in the recommendations 'Strong no' and 'Strong yes' (a review)."""
    if templates.overlay is None:
        return []
    said: list[str] = []
    for name in [n for n in (*WORDS_FILES, "packet/debrief.toml") if n in set(names)]:
        path = templates.overlay / name
        if templates.path(name) != path:
            continue
        built_in = dict(_texts(values(name, Templates())))
        own = dict(_texts(values(name, templates)))
        changed = {
            keys: (old, own[keys])
            for keys, old in built_in.items()
            if keys in own
            and own[keys] != old
            and len(old) >= 3
            and "{" not in old
            and not any(isinstance(key, int) for key in keys)
        }
        problems: Problems = []
        for keys, text in own.items():
            if built_in.get(keys) != text:
                continue
            left = [
                (other, old, new)
                for other, (old, new) in changed.items()
                if re.search(_naming(old), text)
            ]
            if left:
                olds = and_list([repr(old) for _, old, _ in left])
                news = and_list([f"{new!r} ({_where(other)})" for other, _, new in left])
                problems.append(
                    at(
                        keys,
                        Advisory(
                            f"{_where(keys)}: still says {olds}, where the look now says "
                            f"{news}: say {'it' if len(left) == 1 else 'them'} so here too"
                        ),
                    )
                )
        said += located(path, problems)
    return said


def labels_apart(templates: Templates, names: Iterable[str]) -> list[str]:
    """A warning at each file of the look whose question label is not the one the look's
    other files give: a translator set 'P' in three of the five files that hold it, and the
    deck and the study page said Q7 without a word (a Spanish trial). The look's own word is
    the one most of its files give that is not the built-in 'Q'. Said of a build of every
    artifact (`all`, `check`), where the labels are seen side by side."""
    if templates.overlay is None or not set(LABEL_PLACES) <= set(names):
        return []
    words: dict[str, str] = {}
    for name in LABEL_PLACES:
        table: Any = values(name, templates)
        for key in LABEL_PLACES[name]:
            table = table.get(key, {})
        words[name] = str(table.get(LABEL_KEY, QUESTION_LABEL))
    own = [w for w in words.values() if w != QUESTION_LABEL]
    if not own or len(set(words.values())) == 1:
        return []
    word = max(own, key=own.count)
    holding = and_list([n for n, w in words.items() if w == word])
    said = []
    for name, other in words.items():
        if other == word:
            continue
        path = templates.path(name)
        mine = templates.overlay / name == path
        problem = Advisory(
            f"{LABEL_KEY} {other!r} is not the {word!r} of {holding}: each artifact prints its "
            f"own; write {LABEL_KEY} = {json.dumps(word, ensure_ascii=False)} here too"
            if mine
            else f"the built-in {name} labels questions {other!r}, not the {word!r} of "
            f"{holding}: copy it into the look (`qbank templates FOLDER` writes it) and "
            f"write {LABEL_KEY} = {json.dumps(word, ensure_ascii=False)} there"
        )
        said += (
            located(path, [at((*LABEL_PLACES[name], LABEL_KEY), problem)])
            if mine
            else [f"{templates.overlay / name}: warning: {problem}"]
        )
    return said


def checked(path: Path, name: str, templates: Templates) -> dict[str, Any]:
    """The values of the file at `path`, checked against the shape of template `name` (and
    against the other files of `templates` that it refers to)."""
    if templates.overlay is not None:
        return _checked(path, name, templates, read_toml(path))
    found, warnings = _built_in_checked(path, name, read_text(path))
    templates.remember(("retired", name), lambda: list(warnings))
    return copy_tree(found)  # a build may change its values; the next reads the file's


@lru_cache(maxsize=32)
def _built_in_checked(path: Path, name: str, text: str) -> tuple[dict[str, Any], list[str]]:
    """The values and warnings of a file of the built-in look, kept by its text: a build
    without --templates checked the same files again (2.4 ms a build: the suite's thousands of
    builds in one process, a host program's builds). Its cross-checks read only built-in
    files as well. A file with a problem raises, and is checked again the next time."""
    templates = Templates()
    found = _checked(path, name, templates, read_toml(path))
    return found, _retired(name, templates)


def _checked(path: Path, name: str, templates: Templates, found: dict[str, Any]) -> dict[str, Any]:
    shape = _shape(name)
    problems = _missing_together(shape.kind.problems(found, ""))
    if shape.also and (shape.always or not any(not isinstance(p, Advisory) for p in problems)):
        problems += shape.also(found, templates)
    stand_ins = [p for p in problems if isinstance(p, StandIn)]
    advisories = [p for p in problems if isinstance(p, Advisory) and not isinstance(p, StandIn)]
    problems = [p for p in problems if not isinstance(p, Advisory)]
    if problems:
        raise LookError(located(path, _placed(name, templates, problems)))
    if stand_ins and templates.overlay is not None:
        advisories += _stood_in(values(name, Templates()), found, stand_ins)
    warnings = located(path, advisories)
    templates.remember(("retired", name), lambda: warnings)
    return found


def _tables_of(value: Any, keys: Keys = ()) -> Iterator[tuple[str, str]]:
    """Each key of a file's values and the table it stands in, as its heading is written
    ('' above the first table; `[[levels]]` for an array's)."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for item in value:
            yield from _tables_of(item, (*keys, "[]"))
    elif isinstance(value, dict):
        for key, item in value.items():
            names = [str(k) for k in keys if k != "[]"]
            heading = ".".join(names)
            if keys and keys[-1] == "[]":
                yield key, f"[[{heading}]]"
            else:
                yield key, f"[{heading}]" if heading else ""
            yield from _tables_of(item, (*keys, key))


def _placed(name: str, templates: Templates, problems: Problems) -> Problems:
    """`problems`, an unknown key among them with the table of the file it belongs in,
    when the built-in file has it in one table alone: a designer's `accent` written under
    [booklet] was 'unknown key' there, and 'missing' under [colors], with no word of the
    one place it goes."""
    if templates.overlay is None or not any(isinstance(p, UnknownKey) for p in problems):
        return problems
    homes: dict[str, set[str]] = {}
    for key, table in _tables_of(values(name, Templates())):
        homes.setdefault(key, set()).add(table)
    placed: Problems = []
    for problem in problems:
        key = problem.keys[-1] if isinstance(problem, UnknownKey) and problem.keys else None
        home = homes.get(str(key), set()) if key is not None else set()
        if len(home) == 1:
            (table,) = home
            where = f"in {table}" if table else "above the file's first table"
            problem = at(problem.keys, f"{problem}; it belongs {where}")
        placed.append(problem)
    return placed


MISSING_NAMED = 3  # keys missing that are said one by one; more are one line
STOOD_IN_NAMED = 4  # the words standing in that are said with their English; more by name
STOOD_IN_LONGEST = 40  # characters of their English said (a sentence is cut after a word)


def _stood_in(built_in: dict[str, Any], found: dict[str, Any], stand_ins: Problems) -> Problems:
    """A warning for the words of a later qbank that a look's file (`found`: its values)
    lacks, one a table of the file (`built_in`: the built-in look's values of it): each
    key, the built-in English that prints in its place, and what to do. A translated look
    copied before them printed English mid-page without a word (asked_by_other's 'asked by
    Ben' in a German packet)."""
    tables: dict[Keys, Problems] = {}
    for stand_in in stand_ins:
        tables.setdefault(stand_in.keys[:-1], []).append(stand_in)
    return [
        _stood_in_table(built_in, table, words, isinstance(_value_at(found, table), dict))
        for table, words in tables.items()
    ]


def _stood_in_table(
    built_in: dict[str, Any], table: Keys, stand_ins: Problems, in_file: bool
) -> Problem:
    """The warning for the words missing in the file's `table`, at its heading, as the
    lines to add under it ('not_rated = "Not rated"'): '[labels] not_rated = ...', as two
    tables' words were said in one warning, pasted as said is no TOML (a review). A table
    the file lacks (`in_file` false) is said with its heading to write."""
    said = []
    for stand_in in stand_ins:
        english = _value_at(built_in, stand_in.keys)
        if not isinstance(english, str):
            english = ""
        shown_english = json.dumps(
            shorten(english, STOOD_IN_LONGEST, at_word=True), ensure_ascii=False
        )
        key = str(stand_in.keys[-1])
        said.append(f"{key} = {shown_english}" if len(said) < STOOD_IN_NAMED else key)
    listed = ", ".join(said[:STOOD_IN_NAMED])
    if len(said) > STOOD_IN_NAMED:
        listed += f" and {len(said) - STOOD_IN_NAMED:,} more ({', '.join(said[STOOD_IN_NAMED:])})"
    count = len(said)
    words, them = ("a word", "it") if count == 1 else (f"{count:,} words", "them")
    heading = f"[{'.'.join(map(str, table))}]"
    if not table:
        # a file's own words go above its tables: pasted at its end, into its last
        # table, they were 'unknown key' there and still missing (a review)
        first = _first_table(built_in)
        add = f"add {them}{f' above {first}' if first else ''} in the look's language"
    elif in_file:
        add = f"add {them} under {heading} in the look's language"
    else:  # and the table's heading: a look copied before it (theme.toml's [cards])
        add = f"add {them} in the look's language at the file's end, under a line {heading}"
    return at(
        table,
        Advisory(
            f"{words} qbank added since this look was copied {'is' if count == 1 else 'are'} "
            f"missing here, so the built-in English prints in {'its' if count == 1 else 'their'} "
            f"place: {listed}; {add}"
        ),
    )


def _first_table(found: dict[str, Any]) -> str:
    """The heading of the first table of a file's `found` values ('[study]', '[[levels]]'),
    '' for a file of words alone."""
    for key, value in found.items():
        if isinstance(value, dict):
            return f"[{key}]"
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            return f"[[{key}]]"
    return ""


def _missing_together(problems: Problems) -> Problems:
    """`problems`, with the keys missing said in one line when there are more than
    MISSING_NAMED: a file of only the words a user changed gave 124 lines of 'missing',
    and no word of what to do."""
    missing = [p for p in problems if p.endswith(": missing") and not isinstance(p, Advisory)]
    if len(missing) <= MISSING_NAMED:
        return problems
    names = [p.removesuffix(": missing") for p in missing]
    listed = ", ".join(names[:MISSING_NAMED]) + f" and {len(names) - MISSING_NAMED:,} more"
    said = at(
        (),
        f"{len(names):,} keys of the built-in file are missing here ({listed}): a file of "
        "the look replaces the built-in one whole, so it holds every key; `qbank templates "
        "FOLDER` writes the built-in files into a new FOLDER, to start from and change",
    )
    return [said, *(p for p in problems if p not in missing)]


def located(path: Path, problems: Problems) -> list[str]:
    """Each problem as `FILE:LINE: message` (`FILE:LINE: warning: message` for an
    Advisory): the line its key stands on or, for a key the file lacks, its table's header;
    `FILE: message` when neither is in the file (a key missing at its top)."""
    if not problems:  # the file is read again only to place a problem
        return []
    lines = key_lines(read_text(path))
    said = []
    for problem in problems:
        keys: Keys = getattr(problem, "keys", ())
        line = next((lines[keys[:n]] for n in range(len(keys), 0, -1) if keys[:n] in lines), None)
        place = f"{path}:{line}" if line is not None else str(path)
        warning = "warning: " if isinstance(problem, Advisory) else ""
        said.append(LookProblem(f"{place}: {warning}{problem}", str(path)))
    return said


def key_lines(text: str) -> dict[Keys, int]:
    """The line (from 1) each key and each table header of a TOML text stands on, by its
    keys: a light scan of a text that has parsed already, not a parse. It follows `[table]`
    and `[[array]]` headers, dotted and quoted keys, and steps over strings, comments and
    arrays that run over lines (a value's lines after its key's are no key's); the keys of
    an inline table are not placed (the key that holds it is)."""
    lines: dict[Keys, int] = {}
    table: Keys = ()
    arrays: dict[Keys, int] = {}  # each [[array]]'s index so far
    scan = _ValueScan()
    for number, line in enumerate(text.split("\n"), 1):
        if scan.open():  # inside a string or an array that began on a line before
            scan.feed(line, 0)
            continue
        start = len(line) - len(line.lstrip())
        if line.startswith("[", start):
            double = line.startswith("[[", start)
            keys, end = _keys(line, start + (2 if double else 1))
            if keys is None:
                continue
            path: Keys = ()
            for key in keys[:-1]:  # a header under an [[array]] is under its last table
                path += (key,)
                if path in arrays:
                    path += (arrays[path],)
            path += (keys[-1],)
            if double:
                arrays[path] = arrays.get(path, -1) + 1
                lines.setdefault(path, number)
                path += (arrays[path],)
            table = path
            lines[table] = number
            continue
        keys, end = _keys(line, start)
        if keys is None or not line.startswith("=", end):
            continue
        lines.setdefault((*table, *keys), number)
        scan.feed(line, end + 1)
    return lines


def _keys(line: str, start: int) -> tuple[tuple[str, ...] | None, int]:
    """The dotted key that starts at `start` of `line` (bare or quoted parts), and where
    what follows it starts; None when there is none."""
    keys: list[str] = []
    i = start
    while True:
        while line.startswith((" ", "\t"), i):
            i += 1
        if line.startswith('"', i) or line.startswith("'", i):
            quote, end = line[i], i + 1
            while end < len(line) and line[end] != quote:
                end += 2 if quote == '"' and line[end] == "\\" else 1
            if end >= len(line):
                return None, i
            written = line[i : end + 1]
            try:  # a basic key may hold escapes: TOML's reader says what it names
                keys.append(written[1:-1] if quote == "'" else tomllib.loads(f"k = {written}")["k"])
            except tomllib.TOMLDecodeError:
                return None, i
            i = end + 1
        else:
            end = i
            while end < len(line) and (
                line[end].isascii() and line[end].isalnum() or line[end] in "-_"
            ):
                end += 1
            if end == i:
                return None, i
            keys.append(line[i:end])
            i = end
        while line.startswith((" ", "\t"), i):
            i += 1
        if not line.startswith(".", i):
            return tuple(keys), i
        i += 1


class _ValueScan:
    """Where a value that runs over lines stands: inside a multi-line string, or how deep
    in brackets (an array over lines, the inline tables in it)."""

    def __init__(self) -> None:
        self.quote = ""  # the open multi-line string's delimiter
        self.depth = 0

    def open(self) -> bool:
        return bool(self.quote) or self.depth > 0

    def feed(self, line: str, i: int) -> None:
        while i < len(line):
            if self.quote:
                if self.quote == '"""' and line[i] == "\\":
                    i += 2
                elif line.startswith(self.quote, i):
                    i += 3
                    while line.startswith(self.quote[0], i):  # up to two quotes end its text
                        i += 1
                    self.quote = ""
                else:
                    i += 1
                continue
            char = line[i]
            if char == "#":
                return
            if line.startswith(('"""', "'''"), i):
                self.quote, i = line[i : i + 3], i + 3
            elif char in "\"'":
                end = i + 1
                while end < len(line) and line[end] != char:
                    end += 2 if char == '"' and line[end] == "\\" else 1
                i = end + 1
            else:
                if char in "[{":
                    self.depth += 1
                elif char in "]}":
                    self.depth -= 1
                i += 1


def _retired(name: str, templates: Templates) -> list[str]:
    """The warnings of template file `name`, once it has been checked."""
    return templates.remember(("retired", name), list)
