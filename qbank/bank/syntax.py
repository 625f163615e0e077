"""YAML syntax errors in words a person can act on.

libyaml says what its scanner met ("found character that cannot start any token"). The
common causes show in the source line itself, so each is recognised there and reported at
its own line and column, with the source line, a caret and what to write instead.
"""

from __future__ import annotations

import re

import yaml

from qbank.bank.source import Source
from qbank.errors import Problem

# Characters that mean something to YAML at the start of a plain value, and what
INDICATORS = {
    "`": "a reserved character",
    "@": "a reserved character",
    "*": "an alias (a reference to an &anchor)",
    "&": "an anchor name",
    "!": "a tag",
    "%": "a directive",
    "[": "the start of a list",
    "{": "the start of a mapping",
    "|": "the start of a block of lines",
    ">": "the start of a folded block",
}
CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u201a"  # “ ” ‘ ’ „ ‚
NBSP = "\u00a0"
# Fields whose value is a list: a `[` or `{` there is YAML's own list or mapping
# keys whose value is a list or a mapping, not text (`anchors` maps scores to text)
LIST_KEYS = frozenset(
    {"sections", "questions", "rubric", "tags", "look_for", "follow_ups", "competencies", "anchors"}
)
TEXT_LIST_KEYS = frozenset({"tags", "look_for", "follow_ups"})

# One line of a bank: indentation, list dashes, an optional `key:` and the value
_LINE = re.compile(
    r"(?P<indent>[ \t\u00a0]*)(?P<dashes>(?:-(?:[ \t]+|$))*)"
    r"(?:(?P<key>[A-Za-z_][\w-]*):(?:[ \t]+|$))?(?P<value>.*)"
)


def explain(source: Source, exc: yaml.MarkedYAMLError) -> Problem:
    """The problem behind a YAML syntax error, with advice when the cause is a common one."""
    mark = exc.problem_mark or exc.context_mark
    index = mark.index if mark else 0
    line = source.position(index)[0]
    context_line = source.position(exc.context_mark.index)[0] if exc.context_mark else line
    region = range(max(1, min(context_line, line - 1)), line + 1)  # and the line above
    for find in (_tab, _no_break_space):
        for number in reversed(region):
            found = find(source, number)
            if found is not None:
                return source.problem(*found)
    found = _on_line(source, line, index, exc)
    if found is not None:
        return source.problem(*found)
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        return source.problem(
            exc.context_mark.index,
            "invalid YAML: this quote is never closed; end the text with the same quote",
        )
    what = exc.problem or exc.context or "malformed"
    if exc.context and exc.context_mark and context_line != line:
        what += f" ({exc.context} from line {context_line})"
    return source.problem(index, f"invalid YAML: {what}")


def _start(source: Source, line: int) -> int:
    return source.starts[line - 1]


def _tab(source: Source, line: int) -> tuple[int, str] | None:
    text = source.line_text(line)
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    if "\t" not in indent:
        return None
    return (
        _start(source, line) + indent.index("\t"),
        "invalid YAML: a tab in the indentation; YAML indents with spaces only, "
        "so replace the tab with spaces",
    )


_NBSP_AS_SPACE = re.compile(r"^[ \t]*\u00a0|^[ \t\u00a0]*(?:-[ \t]*)*[\w-]*:?\u00a0|-\u00a0")


def _no_break_space(source: Source, line: int) -> tuple[int, str] | None:
    text = source.line_text(line)
    found = _NBSP_AS_SPACE.search(text)
    if found is None:
        return None
    return (
        _start(source, line) + found.end() - 1,
        "invalid YAML: a no-break space (U+00A0) where YAML needs an ordinary space; "
        "retype it as a plain space",
    )


def _on_line(
    source: Source, line: int, index: int, exc: yaml.MarkedYAMLError
) -> tuple[int, str] | None:
    """A cause visible on the error's own line: a value starting with a character YAML
    reserves, curly quotes, `: ` inside text, or a list item out of line."""
    text = source.line_text(line)
    parts = _LINE.fullmatch(text)
    if parts is None:  # pragma: no cover - the pattern matches every line
        return None
    key, value = parts["key"], parts["value"]
    at = _start(source, line) + parts.start("value")
    expects_text = (key is not None and key not in LIST_KEYS) or (
        key is None and bool(parts["dashes"]) and _parent_key(source, line) in TEXT_LIST_KEYS
    )
    shown = f"{key}: " if key else "- "
    if value[:1] in CURLY_QUOTES and expects_text:
        straight = value.strip(CURLY_QUOTES + " ")
        return at, (
            f"invalid YAML: {value[0]} is not a quote to YAML, only straight quotes \" and ' "
            f"are; write: {shown}{quoted(straight)}"
        )
    first = value[:1]
    if (
        first
        and first in INDICATORS.keys() | {'"', "'"}
        and expects_text
        and (first not in "[{" or key)
    ):
        if first in "\"'":
            advice = "the text starts with a quote, so YAML takes the quoted part as the value"
        else:
            advice = f"YAML reads {first} at the start of a value as {INDICATORS[first]}"
        return at, f"invalid YAML: {advice}; put the whole text in quotes: {shown}{quoted(value)}"
    problem = exc.problem or ""
    colon = index - _start(source, line)
    if (
        problem.startswith("mapping values are not allowed")
        and key
        and colon > parts.start("value")
        and text[colon : colon + 1] == ":"
    ):
        return index, (
            "invalid YAML: ': ' (a colon and a space) inside text starts a new key to YAML; "
            f"put the whole text in quotes: {shown}{quoted(value)}"
        )
    if parts["dashes"]:
        indent = len(parts["indent"])
        sibling = _list_above(source, line, indent)
        if sibling is not None:
            other, other_indent = sibling
            return _start(source, line) + indent, (
                f"invalid YAML: this list item is indented {_spaces(indent)}, but the item "
                f"on line {other} is indented {_spaces(other_indent)}; line them up"
            )
    return None


def _parent_key(source: Source, line: int) -> str | None:
    """The key of the nearest line above that is indented less than `line`."""
    indent = _indent(source.line_text(line))
    for number in range(line - 1, 0, -1):
        text = source.line_text(number)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if _indent(text) < indent:
            parts = _LINE.fullmatch(text)
            return parts["key"] if parts else None
    return None


def _list_above(source: Source, line: int, indent: int) -> tuple[int, int] | None:
    """The nearest list item above, indented differently, that this item would be a sibling
    of: every line between them is indented more than it."""
    between = None  # the smallest indentation of the lines passed
    for number in range(line - 1, 0, -1):
        text = source.line_text(number)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        other = _indent(text)
        if text.lstrip().startswith("-"):
            if other != indent and (between is None or between > other):
                return number, other
        elif other < indent:
            return None
        between = other if between is None else min(between, other)
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def quoted(text: str) -> str:
    """`text` as a quoted YAML scalar a person would write: double quotes unless the text
    holds a double quote or a backslash, else single quotes with `'` doubled."""
    text = text.rstrip()
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"
