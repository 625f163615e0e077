"""Lists and mappings in brackets ([ ], { }): a comma missing, a quote left open inside,
more after the closing bracket, an item's dash inside, one written over lines.
"""

from __future__ import annotations

import re

import yaml

from qbank.bank.source import Source
from qbank.bank.syntax.lines import (
    LINE,
    LOADER,
    indent_of,
    line_start,
    parent_key,
    quote_end,
    value_start,
)
from qbank.bank.syntax.vocabulary import INDICATORS, LIST_KEYS, TEXT_LIST_KEYS
from qbank.bank.written import comment_apart, comment_kept, quoted
from qbank.errors import Problem

NO_COMMA = "expected ',' or '}'"


_KEY_NEXT = re.compile(r"[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)")


def comma_missing(source: Source, line: int) -> Problem | None:
    """Fields inside { } on one line with no comma between two of them ('{title: Python
    docs url: https://...}'): YAML's "expected ',' or '}'", told as a mapping never closed
    with }. The line with a comma after each field that lacks one, when YAML reads it so."""
    text = source.line_text(line)
    parts = LINE.fullmatch(text)
    if parts is None or parts["value"][:1] not in ("{", "["):
        return None
    value, start = parts["value"].rstrip(), parts.start("value")
    first = None  # where the first comma is missing
    for _ in range(20):  # a comma at a time, as YAML finds each missing
        try:
            yaml.compose(value, Loader=LOADER)
        except yaml.MarkedYAMLError as error:
            said = error.problem or ""
            if NO_COMMA not in said or error.problem_mark is None:
                return None
            at = error.problem_mark.index
            if value[at : at + 1] == ":":  # the next field's colon: its name starts before
                at = len(value[:at].rstrip())
                while at > 0 and (value[at - 1].isalnum() or value[at - 1] in "_-"):
                    at -= 1
            before = len(value[:at].rstrip())
            if not _KEY_NEXT.match(value, at) or value[before - 1 : before] in ("", ",", "{", ":"):
                return None  # no field's name after it ('{title: "a" "b"}'), or no value before
            value = value[:before] + "," + value[before:]
            first = at if first is None else first
        else:
            break
    if first is None:
        return None
    shown = text[:start].strip()
    return source.problem(
        line_start(source, line) + start + first,
        "invalid YAML: inside { } a comma goes between one field and the next; write: "
        f"{shown + ' ' if shown else ''}{value}",
    )


def left_open_at_end(source: Source) -> tuple[int, str] | None:
    """The first `[` or `{` of the bank left open at its end, and its index; its quoted
    texts and comments aside, line by line (a quote never closed stops the count)."""
    opened: list[tuple[int, str]] = []
    for number in range(1, len(source.starts) + 1):
        text, start = source.line_text(number), source.starts[number - 1]
        kept = _quoted_or_comment(text)
        for i, c in enumerate(text):
            if c in "[{" and not _in(kept, i):
                opened.append((start + i, c))
            elif c in "]}" and not _in(kept, i) and opened:
                opened.pop()
    return opened[0] if opened else None


# how many places where a text left open in brackets may end are tried (quote_open_in_brackets)
ENDS_TRIED = 12


def quote_open_in_brackets(source: Source, line: int) -> Problem | None:
    """A quote left open inside a list or mapping in brackets (`tags: ['sql, joins]`, `- {id:
    a1, hint: 'open}`): YAML reads on past the bracket, to the end of the file or a later
    apostrophe. It was told 'end the text with the same quote', or a bracket never closed,
    with no line to write; the line to write ends the text before the next comma or
    bracket, or, in a list, before its bracket if the comma is the text's. A list written
    over lines is told as that line in place of its lines."""
    text = source.line_text(line).rstrip()
    told, first, last = _mended_in_brackets(text), line, line
    starts = [(0, line_start(source, line))]  # where each line's text starts in `text`
    if told is None:
        over = brackets_over_lines(source, line)
        if over is None:
            return None
        first, last = over
        text, starts = "", []
        for number in range(first, last + 1):
            typed = source.line_text(number)
            if number > first and typed.lstrip().startswith("#"):
                continue  # a comment's own line (brackets_over_lines)
            lead = len(typed) - len(typed.lstrip()) if number > first else 0
            piece = typed[lead:].rstrip()
            text += " " if text and text[-1] not in "[{" and piece[:1] not in "]}" else ""
            starts.append((len(text), line_start(source, number) + lead))
            text += piece
        told = _mended_in_brackets(text)
        if told is None:
            return None
    at, apostrophe, lines = told
    begin, index = next((b, i) for b, i in reversed(starts) if b <= at)
    opened = index + at - begin
    onto = (
        f"into line {source.position(opened)[0] + 1}"
        if quote_end(source.text, opened) is not None
        else "to the end of the file"
    )
    comma = f"; or, if the comma belongs to the text: {lines[1]}" if len(lines) > 1 else ""
    if first < last:
        parts = LINE.fullmatch(text)
        kind = "list" if parts and parts["value"][:1] == "[" else "mapping"
        place = f", the {kind} on one line in place of lines {first}-{last}"
    else:
        place = ""
    if apostrophe:
        return source.problem(
            opened,
            "invalid YAML: the text starts with ' and an apostrophe in it ends it to YAML; put "
            f"it in double quotes instead{place}: {lines[0]}{comma}",
        )
    return source.problem(
        opened,
        f"invalid YAML: this quote is never closed on its line, so YAML reads on {onto}; end "
        f"it with a straight quote{place}: {lines[0]}{comma}",
    )


# how many lines a list or mapping in brackets written over lines is looked for in
_LINES_IN_BRACKETS = 20


def brackets_over_lines(source: Source, line: int) -> tuple[int, int] | None:
    """The first and last line of the list or mapping in brackets written over lines that
    holds `line`: from the line whose value opens it and leaves it open, to the line that
    closes it, each line between indented more than the first."""
    for first in range(line, max(0, line - _LINES_IN_BRACKETS), -1):
        found = value_start(source.line_text(first))
        if found is not None and left_open(source.line_text(first)[found[0] :]):
            break
    else:
        return None
    indent = indent_of(source.line_text(first))
    if any(indent_of(source.line_text(n)) <= indent for n in range(first + 1, line + 1)):
        return None
    depth = 0
    for last in range(first, min(len(source.starts), first + _LINES_IN_BRACKETS) + 1):
        typed = source.line_text(last)
        if last > first and typed.lstrip().startswith("#"):
            continue  # a comment's own line, which the line to write leaves out (a review)
        closes = typed.strip()[:1] in ("]", "}")  # a bracket under its key's line
        if last > first and ((indent_of(typed) <= indent and not closes) or " #" in typed):
            return None  # past the brackets, or a comment that one line would end
        depth += sum(typed.count(c) for c in "[{") - sum(typed.count(c) for c in "]}")
        if depth <= 0:
            return (first, last) if first < last else None
    return None


def _mended_in_brackets(text: str) -> tuple[int, int, list[str]] | None:
    """For a line whose value opens a list or mapping in brackets, a quote left open in it:
    its index in `text`, the index of the apostrophe that ends it to YAML (or 0), and the
    line to write (and, in a list, the line with the comma in the text)."""
    found = value_start(text)
    if found is None or text[found[0] :][:1] not in ("[", "{"):
        return None
    start = found[0]
    value = text[start:]
    kept = _quoted_or_comment(value)
    quote = next((s for s, _ in kept if value[s] in "\"'" and quote_end(value, s) is None), None)
    apostrophe = 0  # or a ' that YAML ends at an apostrophe in it ('it's, 'O'Brien')
    if quote is None:
        quote, apostrophe = next(
            ((s, e) for s, e in kept if value[s] == "'" and _between_letters(value, e)), (0, 0)
        )
        if not apostrophe:
            return None
    rest = value[quote + 1 :]
    # where the text may end, the first few alone: YAML reads the line again for each, and
    # a line of 20,000 commas took seconds a bank (a hostile line: as long as a bank)
    ends = [i for i, c in enumerate(rest) if c in ",]}" and quote + 1 + i > apostrophe]
    ends = ends[:ENDS_TRIED] + [i for i in ends[ENDS_TRIED:] if rest[i] == "]"][-1:]

    def written(end: int) -> str | None:  # the line, the text ending at `end`, if YAML reads it
        inner = rest[:end].strip()
        inner = inner[:-1] if apostrophe and inner.endswith("'") else inner  # its own end
        mended = value[:quote] + quoted(inner) + rest[end:]
        try:
            yaml.compose(f"{text[:start]}{mended}", Loader=LOADER)
        except yaml.YAMLError:
            return None
        return f"{text[:start].strip()} {mended}".lstrip()

    # the text ends at the next comma or bracket (past a bracket of its own, '[x]')
    first = next(((end, said) for end in ends if (said := written(end))), None)
    if first is None:
        return None
    lines = [first[1]]
    brackets = [c for i, c in enumerate(value[:quote]) if c in "[]{}" and not _in(kept, i)]
    closed = apostrophe and rest[: first[0]].rstrip().endswith("'")  # ('it's broken', b)
    if rest[first[0]] == "," and _innermost(brackets) == "[" and not closed:
        # or, in a list of texts, the text holds the comma and ends at the list's bracket
        closing = (written(end) for end in ends if end > first[0] and rest[end] == "]")
        other = next(filter(None, closing), None)
        if other is not None:
            lines.append(other)
    return start + quote, apostrophe, lines


def _in(spans: list[tuple[int, int]], index: int) -> bool:
    return any(start <= index <= end for start, end in spans)


def _between_letters(text: str, index: int) -> bool:
    """Whether `index` of `text` stands between two letters or digits, as an apostrophe."""
    return text[index - 1 : index].isalnum() and text[index + 1 : index + 2].isalnum()


def _innermost(brackets: list[str]) -> str | None:
    """The bracket still open after `brackets`, the opening and closing ones of a line."""
    opened: list[str] = []
    for c in brackets:
        if c in "[{":
            opened.append(c)
        elif opened:
            opened.pop()
    return opened[-1] if opened else None


# an item's dash after the `[` or a `,` of a list in brackets
_FLOW_DASH = re.compile(r"([\[,][ \t]*)(?:-[ \t]+)+")  # a dash typed twice too


def dash_in_brackets(source: Source, index: int) -> Problem | None:
    """`tags: [- a, - b]`: an item's `- ` inside a list in brackets, whose items stand apart
    by commas (a trial typed the `- {name: ...}` a message offered there, and was told
    'did not find expected node content'). The line to write has the dashes off, those in
    a quoted text kept."""
    undashed = without_item_dashes(source, index)
    if undashed is None:
        return None
    return source.problem(
        index,
        "invalid YAML: inside [ ] a list's items stand apart by commas, with no '- ' before "
        "them ('- ' starts an item on a line of its own); write: " + undashed.strip(),
    )


def without_item_dashes(source: Source, index: int) -> str | None:
    """The line of `index`, an item's dash after the `[` or a `,` of a list in brackets, as
    it is written without its items' dashes, its indentation kept; None when `index` is
    no such dash."""
    before = source.text[max(index - 200, 0) : index].rstrip()  # a line's end too
    if not (source.text.startswith(("- ", "-\t"), index) and before.endswith(("[", ","))):
        return None
    line, column = source.position(index)
    written = source.line_text(line)
    indent = written[: len(written) - len(written.lstrip())]
    if not written[: column - 1].strip():  # the dash starts a line inside the brackets
        written = written[column:]
    written = written.strip()
    kept = _quoted_or_comment(written)

    def undashed(found: re.Match[str]) -> str:
        inside = any(start < found.start() < end for start, end in kept)
        return found[0] if inside else found[1]

    return indent + _FLOW_DASH.sub(undashed, written)


def _quoted_or_comment(text: str) -> list[tuple[int, int]]:
    """The spans of `text`, a line, that are quoted texts or its comment, as YAML reads
    them: a quote starts a text only where a value starts (an apostrophe inside "the
    team's rules", or in don't, is none; counting quotes took it for one)."""
    spans, i = [], 0
    last = ""  # the last character before i that is no blank (a line's of 4 MB: read once)
    while i < len(text):
        c = text[i]
        if c in "\"'" and last in ("", "[", "{", ",", ":", "-"):
            end = quote_end(text, i)
            spans.append((i, len(text) if end is None else end))
            if end is None:
                break
            i, last = end + 1, c
            continue
        if c == "#" and text[i - 1 : i] in ("", " ", "\t"):
            spans.append((i, len(text)))
            break
        if c not in " \t":
            last = c
        i += 1
    return spans


def after_brackets(source: Source, line: int) -> Problem | None:
    """A list or mapping in brackets closed, then more on its line ('tags: [a, b]]', '[a,
    b] c', '[a, b],'): YAML's "did not find expected key" past it, its own words."""
    text = source.line_text(line)
    found = value_start(text)
    if found is None or text[found[0] : found[0] + 1] not in ("[", "{"):
        return None
    key = found[1]["key"] or parent_key(source, line)  # an item's: a competency in braces
    if key not in LIST_KEYS | {"sources"} or (key == "sources" and text[found[0]] == "["):
        return None  # ('question: [Draft] What is X?' is a text, '[Docs](https://...)' a
        # link: cause_on_line)
    # an item of a list of texts ('- [x] done' is one) is told only for a stray mark after
    # it; a list of tags with their descriptions holds mappings ('- {name: a, ...} "')
    stray_only = key in TEXT_LIST_KEYS and not found[1]["key"]
    start, value = found[0], text[found[0] :]
    kept = _quoted_or_comment(value)
    depth = 0
    for i, c in enumerate(value):
        if _in(kept, i) or c not in "[]{}":
            continue
        depth += 1 if c in "[{" else -1
        if depth:
            continue
        rest = value[i + 1 :]
        comment = next((s for s, _ in kept if s > i and value[s] == "#"), len(value))
        extra = value[i + 1 : comment].strip()
        if not extra:
            return None
        if stray_only and extra.strip("\"')]},;"):  # '- {x} is a set': a text
            typed, comment = comment_apart(value)
            return source.problem(
                line_start(source, line) + start,
                f"invalid YAML: YAML reads {value[0]} at the start of a value as "
                f"{INDICATORS[value[0]]}; put the whole text in quotes"
                f"{comment_kept(comment)}: - {quoted(typed)}{comment}",
            )
        what, marks = ("list", "brackets") if value[0] == "[" else ("mapping", "braces")
        head = f"{text[:start].strip()} " if text[:start].strip() else ""
        words = extra.strip("\"')]},;")  # (a stray mark goes; a word may belong inside)
        inside = f", or, if '{extra}' belongs in the {what}, put it inside the {marks}"
        return source.problem(
            line_start(source, line) + start + i + 1 + (len(rest) - len(rest.lstrip())),
            f"invalid YAML: the {what} in {marks} ends before this, and YAML reads nothing "
            f"after it on its line but a comment; write: {head}{value[: i + 1]}"
            f"{inside if words else ''}",
        )
    return None


def left_open(value: str) -> bool:
    """Whether a value that opens `[` or `{` leaves it open at its line's end, its quoted
    texts and comment aside (a list in brackets written over lines)."""
    kept = _quoted_or_comment(value)
    bare = "".join(c for i, c in enumerate(value) if not _in(kept, i))
    return bare.count("[") + bare.count("{") > bare.count("]") + bare.count("}")
