"""A value that YAML reads as its own on the error's line: a reserved first character,
a curly quote, ': ' inside text, a pasted link, a bracket never closed, a list's item
out of line with its siblings.
"""

from __future__ import annotations

import re

import yaml

from qbank.bank.source import Source
from qbank.bank.syntax.blocks import held_by
from qbank.bank.syntax.keys import line_above_unread
from qbank.bank.syntax.lines import (
    LINE,
    advised,
    dash_at,
    indent_of,
    line_start,
    lines_up_from,
    parent_key,
    quote_end,
    whole_text,
)
from qbank.bank.syntax.out_of_line import lines_alike
from qbank.bank.syntax.questions import has_questions, question_above, question_at
from qbank.bank.syntax.vocabulary import (
    CURLY_QUOTES,
    INDICATORS,
    LIST_KEYS,
    QUESTION_KEYS,
    TEXT_LIST_KEYS,
)
from qbank.bank.written import colon_typed, comment_apart, comments_apart, quoted, written_sources
from qbank.bank.written import spaces as _spaces
from qbank.errors import Problem

# Characters that mean something to YAML at the start of a value only before a blank, as
# '- ' does
INDICATORS_BEFORE_BLANK = {"?": "the mark of a key", ":": "a key's colon"}


# libyaml's context for a [ ] or { } that is never closed, and its two brackets
FLOW = {
    "while parsing a flow sequence": ("[", "]", "list"),
    "while parsing a flow mapping": ("{", "}", "mapping"),
}


def unclosed_flow(
    source: Source, exc: yaml.MarkedYAMLError, context: str, start: int, line: int
) -> Problem:
    """A `[` or `{` that YAML reads as the start of a list or mapping, never closed: as text
    it needs quotes; as a list, its closing bracket."""
    opened = source.position(start)[0]
    found = cause_on_line(source, opened, start, exc)
    if found is not None:  # text that starts with a bracket
        return advised(source, *found)
    opening, closing, kind = FLOW[context]
    return source.problem(
        start,
        f"invalid YAML: this {opening} starts a {kind} that is never closed with {closing} "
        f"(YAML read on to line {line} for it); end the {kind} with {closing} on this line, "
        "or put a text that starts with it in quotes",
    )


def _shown_at(parts: re.Match[str]) -> int:
    """Where the key of a line stands (LINE's parts), or its dash when it has none."""
    return parts.start("key") if parts["key"] else dash_at(parts)


def cause_on_line(
    source: Source, line: int, index: int, exc: yaml.MarkedYAMLError
) -> tuple[int, str] | tuple[int, str, str] | None:
    """A cause visible on the error's own line: a value starting with a character YAML
    reserves, curly quotes, `: ` inside text, or a list item out of line."""
    text = source.line_text(line)
    parts = LINE.fullmatch(text)
    if parts is None:  # pragma: no cover - the pattern matches every line
        return None
    key, value = parts["key"], parts["value"]
    at = line_start(source, line) + parts.start("value")
    link = _MARKDOWN_LINK.match(value) is not None  # text, wherever it stands
    expects_text = (
        (key is not None and key not in LIST_KEYS)
        or (key is None and bool(parts["dashes"]) and parent_key(source, line) in TEXT_LIST_KEYS)
        or link
    )
    shown = f"{key}: " if key else "- "

    def in_quotes(text: str) -> str:
        # a source typed as text, in brackets: 'sources' in quotes alone was told next that
        # it must be a list, where in brackets it is told as a source (facts.py)
        return f"[{quoted(text)}]" if key == "sources" else quoted(text)

    pasted = _SOURCE_LINK.match(value)  # '- [Docs](https://...)', words after it maybe
    typed, comment = comment_apart(value)
    written = written_sources(typed) if pasted else []
    if written and (key or parent_key(source, line)) == "sources":
        # every page of it at once: two links were told to be quoted whole, and only the
        # next check told them as two sources (facts.py)
        told = "a source's title and its address go apart"
        if len(written) > 1:
            told = "each page is a source of its own, its title and its address apart"
        elif any(c.isalnum() for c in typed[pasted.end() :]):  # not the ']' of '[See [..](..)]'
            told += ", the words after the link in its title"
        if key:
            write = f"{shown}[{', '.join(written)}]"
        else:
            write = " and ".join(f"- {page}" for page in written)
            write += ", each on a line of its own" if len(written) > 1 else ""
        return at, (
            "invalid YAML: YAML reads [ at the start of a value as the start of a list, and "
            f"{told}; write: {write}"
        )
    if value and value[0] in CURLY_QUOTES and expects_text:
        straight = value.strip(CURLY_QUOTES + " ")
        return at, (
            f"invalid YAML: {value[0]} is not a quote to YAML, only straight quotes \" and ' "
            f"are; write: {shown}{quoted(straight)}"
        )
    first = value[:1]
    # a text in quotes whole ('- title: "C d"', its comment aside) is no cause on its line:
    # the item indented out of line before it was told to be quoted again and again
    whole_quoted = first in ("'", '"') and quote_end(typed, 0) == len(typed) - 1
    if whole_quoted and (cause := line_above_unread(source, line)) is not None:
        return cause
    if first in INDICATORS_BEFORE_BLANK and value[1:2] in ("", " ", "\t"):
        first = f"'{first} '"  # ('? Why' and ': Because' are told as '- Item' is)
    if (
        first
        and first in INDICATORS.keys() | {'"', "'", "'? '", "': '"}
        and expects_text
        and (first not in "[{" or key or link)
        and not whole_quoted
    ):
        if first in "\"'":
            inner = _quoted_inside(value.rstrip())
            if inner is not None:
                other = "single" if first == '"' else "double"
                return at, (
                    f"invalid YAML: the text is in {first} quotes and holds a {first} too, which "
                    f"ends it to YAML; put it in {other} quotes instead: {shown}{quoted(inner)}"
                )
            inner = _apostrophes_left_open(value.rstrip())
            if inner is not None:
                # with the lines it runs on to: its first alone left them libyaml's words
                whole, lines, *_ = whole_text(source, line, parts, inner, comment, in_quotes=True)
                return at, (
                    "invalid YAML: the text starts with ' and is never closed, and an "
                    f"apostrophe in it ends it to YAML; put it in double quotes instead{lines}: "
                    f"{shown}{quoted(whole)}"
                )
            advice = "the text starts with a quote, so YAML takes the quoted part as the value"
        else:
            meant = INDICATORS.get(first) or INDICATORS_BEFORE_BLANK[first[1]]
            advice = f"YAML reads {first} at the start of a value as {meant}"
        # a comment after it stays outside the quotes (a review: it was put in the text)
        whole, lines, comments, last = whole_text(source, line, parts, typed, comment)
        said, below = comments_apart(
            lines, f"{shown}{in_quotes(whole)}", comments, text, _shown_at(parts), (line, last)
        )
        return at, f"invalid YAML: {advice}; put the whole text in quotes{said}", below
    problem = exc.problem or ""
    colon = index - line_start(source, line)
    if (
        problem.startswith("mapping values are not allowed")
        and key
        and colon > parts.start("value")
        and text[colon : colon + 1] == ":"
    ):
        whole, lines, comments, last = whole_text(source, line, parts, typed, comment)
        said, below = comments_apart(
            lines, f"{shown}{in_quotes(whole)}", comments, text, _shown_at(parts), (line, last)
        )
        colon_said = colon_typed(text[colon + 1 :])
        new_key = f"invalid YAML: {colon_said} inside text starts a new key to YAML"
        return index, f"{new_key}; put the whole text in quotes{said}", below
    if parts["dashes"]:
        indent = len(parts["indent"])
        sibling = _list_above(source, line, indent, key)
        if sibling is None and key == "id":  # a question pasted in deeper, under a field
            sibling = question_above(source, line, indent)
        owner = _margin_key_above(source, line) if indent == 0 and sibling else None
        if owner is not None and key in ("id", "question") and not has_questions(source):
            # indented as the items above, it was one of them, a section (checks.py)
            return line_start(source, line), (
                f"invalid YAML: a question ({key}:) after the list of '{owner}', with no "
                "'questions:' above it: questions go under 'questions:', written at the margin "
                "on a line of its own above the first of them"
            )
        held = held_by(source, line) if sibling is None else None
        holder = LINE.fullmatch(source.line_text(held)) if held else None
        if (
            holder is not None
            and key not in ("id", "question")
            and holder["key"]
            and not holder["dashes"]
            and holder["value"].strip()[:1] not in ("", "#", "|", ">")
        ):  # 'sections:' deleted under 'title: "Deck"', its items went on with the title;
            # 'sources:' under a question's note
            where = f"in line with '{holder['key']}:'" if holder["indent"] else "at the margin"
            keys = (
                "sources:, look_for:, follow_ups:"
                if holder["indent"]
                else ("sections:, tags:, competencies:")
            )
            return line_start(source, line) + indent, (
                f"invalid YAML: this list item is under '{holder['key']}:', which has its "
                "value on its line, so no key holds the list; write the key it belongs to "
                f"({keys}) {where} on a line of its own above it"
            )
        owner = _margin_key_above(source, line) if sibling is None else None
        if owner is not None and key in ("id", "question") and not has_questions(source):
            # the line 'questions:' deleted: the first question went on with the text of
            # the key above ('title: Soft hyphens'), "mapping values are not allowed"
            return line_start(source, line), (
                f"invalid YAML: a question ({key}:) under '{owner}:', with no 'questions:' "
                "above it: questions go under 'questions:', written at the margin on a line of "
                "its own above the first of them"
            )
        if sibling is not None:
            other, other_indent = sibling
            return line_start(source, line) + indent, (
                f"invalid YAML: this list item is indented {_spaces(indent)}, but the item "
                f"on line {other} is indented {_spaces(other_indent)}; line them up"
                f"{lines_alike(source, line, other_indent, True)}"
            )
    return None


def item_out_of_line_above(source: Source, line: int) -> Problem | None:
    """A list's item of text moved left, as far as the questions' dashes ('  - Knows it'
    under a look_for's items at 4 spaces), when the question's next field follows it: YAML
    takes the item for a question and its next line for more of its text, and stumbles on
    that field's colon, `line`. A trial was told libyaml's "mapping values are not allowed
    in this context" at the field, naming no question; the item is told as out of line."""
    parts = LINE.fullmatch(source.line_text(line))
    if parts is None or parts["dashes"] or parts["key"] not in QUESTION_KEYS:
        return None
    above = next(iter(lines_up_from(source, line - 1)), None)
    item = LINE.fullmatch(above[1]) if above is not None else None
    if item is None or item["key"] or not item["dashes"] or dash_at(item) >= len(parts["indent"]):
        return None
    indent = len(item["indent"])
    sibling = _list_above(source, above[0], indent)
    if sibling is None or sibling[1] <= indent:
        return None
    other, other_indent = sibling
    # (the item is at the questions' dashes, a question of its own to question_at)
    qid = question_at(source, other)
    return source.problem(
        line_start(source, above[0]) + indent,
        (f"question '{qid}': " if qid else "")
        + f"invalid YAML: this list item is indented {_spaces(indent)}, but the item "
        f"on line {other} is indented {_spaces(other_indent)}; line them up",
    )


_MARKDOWN_LINK = re.compile(r"\[[^\]]+\]\(")  # its start: a text, not a list in brackets
# a Markdown link, as a source is pasted, and the words after it (its title's too); a
# second page after it is quoted whole, and then told as two sources (facts.py)
_SOURCE_LINK = re.compile(r"\[([^\]]+)\]\((https?://\S+)\)")


def _quoted_inside(value: str) -> str | None:
    """The text between the quotes of `value` when it opens and ends with the same quote
    and holds that quote between (`"a "b" c"`, `'isn't'`): a text meant whole, whose inner
    quote YAML took for its end. None for any other value."""
    quote = value[:1]
    if len(value) < 3 or quote not in "\"'" or value[-1] != quote:
        return None
    end = quote_end(value, 0)
    if end is None or end == len(value) - 1:
        return None
    inner = value[1:-1]
    first = inner.index(quote)
    before, after = inner[first - 1 : first], inner[first + 1 : first + 2]
    opens = not before or before.isspace() or before in "([{"
    apostrophe = quote == "'" and before.isalnum() and after.isalnum()
    # `"Yes" or "No"`: the inner quotes close and open the outer ones, a text whose quotes
    # are to be seen; quoting it whole keeps them all (the advice below, in cause_on_line)
    return inner if opens or apostrophe else None


def _apostrophes_left_open(value: str) -> str | None:
    """The text after the quote of `value` when it opens with ' and is never closed, each
    ' in it an apostrophe (`'it's broken`): a text meant whole in quotes, whose apostrophe
    YAML took for its end. It was told to be quoted with its opening quote, "'it's broken",
    which put the quote in the text. None for any other value."""
    inner = value[1:]
    if value[:1] != "'" or not inner or inner[-1] == "'":
        return None
    apostrophes = [i for i, c in enumerate(inner) if c == "'"]
    between = all(0 < i and inner[i - 1].isalnum() and inner[i + 1].isalnum() for i in apostrophes)
    return inner if apostrophes and between else None


def _margin_key_above(source: Source, line: int) -> str | None:
    """The key at the margin nearest above `line` ('sections'), if any."""
    for number in range(line - 1, 0, -1):
        parts = LINE.fullmatch(source.line_text(number))
        if parts is not None and parts["key"] and not parts["indent"] and not parts["dashes"]:
            return parts["key"]
    return None


def _list_above(
    source: Source, line: int, indent: int, key: str | None = None
) -> tuple[int, int] | None:
    """The nearest list item above, indented differently, that this item would be a sibling
    of: every line between them is indented more than it, or is a field of that item (then
    it starts with this item's first `key`, as a source's '- title:' does)."""
    between = None  # the smallest indentation of the lines passed
    fields = False  # passed fields indented less than this item
    for number, text in lines_up_from(source, line - 1):
        other = indent_of(text)
        if text.lstrip().startswith("-"):
            if other != indent and (between is None or between > other):
                found = LINE.fullmatch(text)
                if fields and (found is None or found["key"] != key):
                    return None  # ('- title:' under a note, 'sources:' deleted: no sibling)
                return number, other
        elif other < indent:
            # a field of the item above ('url: ...' under '- title: ...') is passed; a key
            # that opens a list or a block is this item's own
            parts = LINE.fullmatch(text)
            value = parts["value"].strip() if parts is not None and parts["key"] else ""
            if not value or value[:1] in "|>#":
                return None
            fields = True
        between = other if between is None else min(between, other)
    return None
