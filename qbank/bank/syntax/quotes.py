"""Quotes: one never closed, closed with a curly quote or another quote, a stray mark
after the closing one, a closing one with no opening one.
"""

from __future__ import annotations

import re

from qbank.bank.source import Source
from qbank.bank.syntax.brackets import brackets_over_lines
from qbank.bank.syntax.lines import BLOCK_INDICATOR, line_start, quote_end, value_start, whole_text
from qbank.bank.syntax.vocabulary import CURLY_QUOTES, TEXT_LIST_KEYS
from qbank.bank.written import list_in_brackets, quoted
from qbank.errors import Problem


def _quote_opens_above(source: Source, line: int) -> int | None:
    """The nearest line above `line` whose value starts with a quote: of the lines that
    hold a quote, found from the end (a bank of 5 MB is read in milliseconds, where reading
    each of its lines was a third of a second)."""
    text = source.text
    above = line_start(source, line) if 1 <= line <= len(source.starts) else len(text)
    single, double = text.rfind("'", 0, above), text.rfind('"', 0, above)
    while max(single, double) >= 0:
        number = source.position(max(single, double))[0]
        begin = line_start(source, number)
        found = value_start(source.line_text(number))
        if found is not None and text[begin + found[0] : begin + found[0] + 1] in ("'", '"'):
            return number
        if single >= begin:
            single = text.rfind("'", 0, begin)
        if double >= begin:
            double = text.rfind('"', 0, begin)
    return None


QUOTED_LINES_PASSED = 20  # quoted values closed on their lines passed, looking for one open


def unclosed_quote(source: Source, line: int) -> Problem | None:
    """A quote opened on an earlier line and not closed there (or closed with a curly
    quote): YAML reads on until the next straight quote, and stumbles on the line after it,
    which is where it reports, however far down (40 lines up missed the quote of a bank's
    first question, said at the file's end). The mistake is on the line where the quote
    opened: the nearest line above whose value starts with a quote."""
    number = _quote_opens_above(source, line)
    for _ in range(QUOTED_LINES_PASSED):
        found = value_start(source.line_text(number)) if number is not None else None
        if number is None or found is None:
            return None
        if quote_end(source.line_text(number), found[0]) is None:
            break
        # a quoted value closed on its own line: the quote left open may be above it
        # ("'=guarded by hand\"", closed four lines down by the apostrophe of "'plain")
        number = _quote_opens_above(source, number)
    else:
        return None
    text = source.line_text(number)
    start, parts = found
    if brackets_over_lines(source, number) is not None:
        return None  # a field of a mapping in braces over lines: told as one line
    opened = line_start(source, number) + start
    end = quote_end(source.text, opened)
    if end is not None and source.position(end)[0] != line:
        return None  # a text over several lines that closes elsewhere
    shown = f"{parts['key']}: " if parts["key"] else "- "
    inner = text[start + 1 :].rstrip()
    if inner and inner[-1] in CURLY_QUOTES:  # ('' is in every string)
        why = (
            f"this text ends with {inner[-1]}, a curly quote, which does not end the "
            f"{text[start]} it starts with"
        )
        inner = inner[:-1]
    elif inner[-1:] in ("'", '"') and inner.count(inner[-1]) == 1:  # the other quote
        why = f"this text starts with {text[start]} and ends with {inner[-1]}, which ends none"
        inner = inner[:-1]
    else:
        why = "this quote is never closed on its line"
    onto = f"into line {number + 1}" if end is not None else "to the end of the file"
    # an apostrophe that starts a word ('70s, 'Tis) is no quote: the advice alone dropped it
    elided = (
        f"; or, if its ' belongs to the text ('70s), put the whole text in double quotes: "
        f"{shown}{quoted(text[start:].rstrip())}"
        if text[start] == "'" and why.startswith("this quote") and _elided(inner)
        else ""
    )
    # a text that runs on over the lines under it: quoted whole (its first line alone was
    # told, and then the lines under it as libyaml's 'did not find expected key'; its
    # quote closed by one of its own, '"things"', too: two reviews)
    bare = _without_quotes(parts["key"], inner, _text_under(source, number))
    if bare:  # closed as told, it was told next to take the quotes away: three checks
        return source.problem(
            opened,
            f"invalid YAML: {why}, so YAML reads on {onto}; {bare[0]} takes no quotes: write: "
            f"{shown}{bare[1]}",
        )
    whole, joined, *_ = whole_text(source, number, parts, inner, "", in_quotes=True)
    if joined and why.startswith("this quote") and not elided:
        return source.problem(
            opened,
            f"invalid YAML: {why}, so YAML reads on {onto}; put the whole text in quotes"
            f"{joined}: {shown}{quoted(whole)}",
        )
    return source.problem(
        opened,
        f"invalid YAML: {why}, so YAML reads on {onto}; end it with a straight quote: "
        f"{shown}{quoted(inner)}{elided}",
    )


def _text_under(source: Source, number: int) -> bool:
    """Whether the next line with text after line `number` is indented more than it is (a
    block's text, under its key)."""
    typed = source.line_text(number)
    for below in range(number + 1, len(source.starts) + 1):
        text = source.line_text(below)
        if text.strip():
            return len(text) - len(text.lstrip(" ")) > len(typed) - len(typed.lstrip(" "))
    return False


# the fields whose value is a whole number
NUMBER_KEYS = frozenset({"minutes", "score"})


def _without_quotes(key: str | None, inner: str, under: bool) -> tuple[str, str] | None:
    """What a quote left open before a value that is no text holds, and that value as
    written without quotes: a number ('minutes: "7'), a list in brackets ('tags: "[a,
    b]'), a block's mark ('note: "|' over its lines, `under` it, which were joined on one
    line, its code's lines too; with none, the '|' is the text: 'hint: |' alone was an
    empty hint, a review); None for a text."""
    if key in NUMBER_KEYS and re.fullmatch(r"[0-9]+", inner):
        return "a number", inner
    if key is not None and under and BLOCK_INDICATOR.fullmatch(inner):
        return f"the mark {inner} of a text over lines", inner
    listed = list_in_brackets(inner) if key in TEXT_LIST_KEYS else ""
    return ("a list in brackets", listed) if listed else None


# the words English writes with an apostrophe before them, as a year's '70s
_ELIDED_WORDS = frozenset({"tis", "twas", "em", "cause", "til", "bout", "round", "n"})


def _elided(text: str) -> bool:
    """Whether `text`, after a ' that opens it, starts as a word whose apostrophe that is:
    a year ('70s, '24) or an elision ('Tis)."""
    first = re.match(r"\w+", text)
    return first is not None and (first[0][0].isdigit() or first[0].casefold() in _ELIDED_WORDS)


_IN_BRACKETS_ITEM = re.compile(r"[^,\[\]{}]*")  # an item of a list or mapping in brackets


def quote_closed_not_opened(source: Source, line: int, index: int) -> Problem | None:
    """A text in brackets that ends with a quote and does not start with one ('section:
    :Lead"', '[@SUM(A1)", b]'): its opening quote deleted, YAML stumbles on its first
    character ("did not find expected node content", "found character that cannot start any
    token")."""
    text, column = source.line_text(line), index - line_start(source, line)
    if not 0 <= column < len(text) or text[column] in "\"'":
        return None
    start = column
    while start and text[start - 1] not in ",[{" and text[start - 2 : start] != ": ":
        start -= 1
    item = _IN_BRACKETS_ITEM.match(text, start)
    typed = item[0].strip() if item else ""
    quote = typed[-1:]
    if quote not in ("'", '"') or typed.count(quote) != 1 or len(typed) < 2:
        return None
    return source.problem(
        index,
        f"invalid YAML: this text ends with {quote} but does not start with one, so YAML "
        f"reads its first character as YAML's own; put {quote} at its start too: "
        f"{quote}{typed}",
    )


def after_quote(source: Source, line: int) -> Problem | None:
    """A stray mark after a quoted text that ends its value ('- "A:B",', 'hint: "H.";'):
    YAML reads nothing after the closing quote but a comment."""
    text = source.line_text(line)
    found = value_start(text)
    if found is None or text[found[0] : found[0] + 1] not in ("'", '"'):
        return None
    start, value = found[0], text[found[0] :]
    end = quote_end(value, 0)
    if end is None:
        return None
    after = value[end + 1 :]
    stray = after.split(" #", 1)[0].strip()
    if not stray or stray.strip(",;.\"'") or "#" in stray:
        return None  # (words after the quote are told to quote the whole text: cause_on_line)
    return source.problem(
        line_start(source, line) + start + end + 1 + (len(after) - len(after.lstrip())),
        f"invalid YAML: '{stray}' after the text's closing quote, where YAML reads nothing "
        f"but a comment; delete it: {text[:start].strip()} {value[: end + 1]}",
    )
