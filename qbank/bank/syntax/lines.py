"""Reading the lines of a bank as YAML lays them out, shared by the recognisers of
mistakes: a line's parts (LINE), its indentation and start, the lines above it, the key
it stands under, where its value starts and where a quoted text ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import yaml

from qbank.bank.source import Source
from qbank.bank.syntax.vocabulary import FIELDS
from qbank.bank.written import joined_lines
from qbank.errors import Problem

# One line of a bank: indentation, list dashes, an optional `key:` and the value
LINE = re.compile(
    r"(?P<indent>[ \t\u00a0]*)(?P<dashes>(?:-(?:[ \t]+|$))*)"
    r"(?:(?P<key>[A-Za-z_][\w-]*|[0-9]+):(?:[ \t]+|$))?(?P<value>.*)"
)


BLOCK_INDICATOR = re.compile(r"[|>][-+]?[1-9]?[ \t]*(?:#.*)?")


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the bank's: libyaml reads 'What?,'


def anchors_above(source: Source, line: int, column: int) -> int | None:
    """The line of the `anchors:` whose scores stand at `column` right above `line`, their
    texts' lines between; None where the line above is no anchor's."""
    scores = False
    for number, text in lines_up_from(source, line - 1):
        parts = LINE.fullmatch(text)
        if parts is None or parts["dashes"]:
            return None
        if parts["key"] is not None and parts["key"].isdecimal() and indent_of(text) == column:
            scores = True
        elif parts["key"] == "anchors" and scores and indent_of(text) == column - 2:
            return number
        elif parts["key"] is not None or indent_of(text) <= column:
            return None
    return None


def line_start(source: Source, line: int) -> int:
    return source.starts[line - 1]


def lines_up_from(source: Source, line: int) -> Iterator[tuple[int, str]]:
    """The lines from `line` up to the first, each with its number, nearest first, leaving
    out blank lines and comments' own lines: the lines above an error that may explain it."""
    for number in range(line, 0, -1):
        text = source.line_text(number)
        if text.strip() and not text.lstrip().startswith("#"):
            yield number, text


def value_start(text: str) -> tuple[int, re.Match[str]] | None:
    """Where the value of a line starts, with the line's parts; None for a line of no
    key and no dash (a continuation of text, or a comment)."""
    parts = LINE.fullmatch(text)
    if parts is None or not (parts["key"] or parts["dashes"]):
        return None
    return parts.start("value"), parts


def quote_end(text: str, start: int) -> int | None:
    """The index of the quote that ends the quoted text opening at `start`, as YAML reads
    it (`\\"` inside double quotes, `''` inside single quotes, are no end); None if none."""
    quote, i = text[start], start + 1
    while i < len(text):
        c = text[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def key_column(parts: re.Match[str]) -> int:
    return len(parts["indent"]) + len(parts["dashes"])


def advised(source: Source, index: int, message: str, below: str = "") -> Problem:
    """A problem at `index`, and the lines its advice gives to write under it, if any."""
    return replace(source.problem(index, message), advice=below)


def dash_at(parts: re.Match[str]) -> int:
    """Where the last dash of a list's item stands on its line (LINE's parts)."""
    return parts.start("dashes") + parts["dashes"].rstrip().rfind("-")


def whole_text(
    source: Source,
    line: int,
    parts: re.Match[str],
    typed: str,
    comment: str,
    in_quotes: bool = False,
    item: bool = False,
) -> tuple[str, str, list[str], int]:
    """A value's text with the lines it runs on to (indented more than its key, or than
    the dash of a list's item), joined as YAML joins them, ', its lines 6-7 joined on
    one line' where it runs on, the comments to write apart from it (comments_apart):
    `comment`, the first line's, and those of the lines it runs on to, out of its text (a
    comment on the first line left the rest to YAML: an item was told 'neither key: value
    nor a list item'), and the number of its last line. `typed`, '' and `comment` where it
    does not run on. Its
    first line alone in quotes left the rest to YAML, which told it 'did not find expected
    key' (an item's, 'did not find expected '-' indicator'). `in_quotes`: the text is
    inside a quote left open, where a line starting '#' is the text's, no comment (it was
    told to close the quote on its first line, then libyaml's words). `item`: a list's item
    of text whose words before its colon YAML read as a key ('- Remember: now')."""
    column, last = key_column(parts), line
    if parts["dashes"] and (item or not parts["key"]):  # an item of text: more than its dash
        column = len(parts["indent"]) + len(parts["dashes"].rstrip()) - 1
    for number in range(line + 1, len(source.starts) + 1):
        text = source.line_text(number)
        if not text.strip():
            continue
        commented = text.lstrip().startswith("#") and not in_quotes
        if indent_of(text) <= column or commented or "\t" in text:
            break
        own = LINE.fullmatch(text)
        if own is not None and own["key"] in FIELDS and not own["dashes"]:
            break  # a field indented a space too deep ('     hint: h'): no line of the text
        last = number
    if last == line or (comment and in_quotes):
        return typed, "", [comment] if comment else [], line
    more = (source.line_text(n) for n in range(line + 1, last + 1))
    whole, said, kept = joined_lines([typed, *more], line, comments=not in_quotes)
    return whole, said, [c for c in (comment.strip(), *kept) if c], last


def parent_key(source: Source, line: int) -> str | None:
    """The key of the nearest line above that is indented less than `line`."""
    indent = indent_of(source.line_text(line))
    for _, text in lines_up_from(source, line - 1):
        if indent_of(text) < indent:
            parts = LINE.fullmatch(text)
            return parts["key"] if parts else None
    return None


def indent_of(text: str) -> int:
    return len(text) - len(text.lstrip(" "))
