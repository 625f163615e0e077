"""Where the list of questions stands, and which question a line belongs to."""

from __future__ import annotations

import re

from qbank.bank.source import Source
from qbank.bank.syntax.lines import indent_of, lines_up_from

_QUESTIONS = re.compile(r"questions[ \t]*:[ \t]*(?:#.*)?")
ITEM = re.compile(r"([ \t]*)-(?:[ \t]|$)")
# a question's id on its line: its dash typed against it too ('-id: q1'), told as such
_ID = re.compile(r"""[ \t]*(?:-[ \t]*)?id[ \t]*:[ \t]*(["']?)([\w.-]+)\1[ \t]*(?:#.*)?""")


# a question written in braces on its line ('- {id: a1, section: A, ...}')
_BRACED_ID = re.compile(
    r"""[ \t]*-[ \t]*\{(?:[^#]*?,)?[ \t]*id[ \t]*:[ \t]*(["']?)([\w.-]+)\1[ \t]*[,}]"""
)


def question_at(source: Source, line: int) -> str | None:
    """The id of the question (an item of the top-level `questions:` list) whose lines
    hold `line`, as written; None outside the list, or when its id cannot be read."""
    braced = _BRACED_ID.match(source.line_text(line))
    if braced is not None:
        return braced[2]
    own = _ID.fullmatch(source.line_text(line)) if 1 <= line <= len(source.starts) else None
    if own is not None and source.line_text(line).lstrip().startswith("-"):
        return own[2]  # the line that starts a question (indented wrong, maybe): its own
    count = len(source.starts)
    listed = questions_list(source, min(line, count))
    if listed is None:
        return None
    start, items = listed
    if own is not None and indent_of(source.line_text(line)) == len(items):
        return own[2]  # an id in line with the dashes: a question without its own dash
    first = next(
        (n for n in range(min(line, count), start, -1)
         if (m := ITEM.match(source.line_text(n))) and m[1] == items),
        None,
    )  # fmt: skip
    if first is None:
        return None
    end = next(  # the item's last line: before the next item, or the end of the list
        (
            n - 1
            for n in range(first + 1, count + 1)
            if (text := source.line_text(n)).strip()
            and not text.lstrip().startswith("#")
            and not _within(text, items)
        ),
        count,
    )
    if line > end:
        return None  # after the list, or between items
    if braced := _BRACED_ID.match(source.line_text(first)):
        return braced[2]  # a question in braces over lines, its id on its first
    for n in range(first, end + 1):
        text = source.line_text(n)
        found = _ID.fullmatch(text[len(items) :] if n > first else text[len(items) + 1 :])
        if found is not None and (n == first or indent_of(text) == len(items) + 2):
            return found[2]
    return None


def _within(text: str, items: str) -> bool:
    """Whether a line goes on with a list item indented `items`: anything but the next
    item's dash or a line at the margin (a top-level key), so that a line indented wrong
    (too little, or with a tab or a no-break space) is still the item's."""
    lead = text[: len(text) - len(text.lstrip(" \t\u00a0"))]
    if lead == items and text[len(lead) :].startswith("-"):
        return False
    return bool(lead)


def questions_list(source: Source, before: int | None = None) -> tuple[int, str] | None:
    """The line of `questions:` (on line `before` or above it) and the indentation of its
    list's dashes, that of its first; None when there is no such list."""
    count = len(source.starts)
    last = count if before is None else before
    start = next((n for n in range(1, last + 1) if _QUESTIONS.fullmatch(source.line_text(n))), None)
    if start is None:
        return None
    for number in range(start + 1, count + 1):
        found = ITEM.match(source.line_text(number))
        if found is not None:
            return start, found[1]
    return None


def has_questions(source: Source) -> bool:
    return any(_QUESTIONS.fullmatch(source.line_text(n)) for n in range(1, len(source.starts) + 1))


def question_above(source: Source, line: int, indent: int) -> tuple[int, int] | None:
    """The nearest question's '- id:' above `line`, indented otherwise than `indent`."""
    for number, text in lines_up_from(source, line - 1):
        found = _ID.fullmatch(text)
        if found is not None and text.lstrip().startswith("-") and indent_of(text) != indent:
            return number, indent_of(text)
    return None
