"""A key typed wrong: without its colon, with no space after it, a score without its
colon, and a line of text that YAML takes for a key.
"""

from __future__ import annotations

import re
from dataclasses import replace

import yaml

from qbank.bank.source import Source
from qbank.bank.syntax.dashes import dash_missing, pasted_bullets
from qbank.bank.syntax.lines import (
    LINE,
    dash_at,
    indent_of,
    key_column,
    line_start,
    lines_up_from,
    parent_key,
    quote_end,
    whole_text,
)
from qbank.bank.syntax.vocabulary import FIELDS, PASTED_BULLETS, TEXT_LIST_KEYS
from qbank.bank.written import (
    COMMENT_AFTER,
    as_value,
    colon_typed,
    comment_apart,
    comments_apart,
    quoted,
)
from qbank.errors import Problem


def _value_meant(text: str) -> str:
    """A field's text typed with no colon before it, as the advice writes it after the
    colon: in quotes where YAML would read it otherwise ('hint #1 reason: privacy' was told
    to write 'hint: #1 reason: privacy', a comment), and where YAML would cut it at a '#'
    that looks like its own ('hint Use rule #1 first' was told to write what check then
    warned of as cut, COMMENT_AFTER: h42c's review); as typed where it holds a comment as
    one is written ('  # TODO') or YAML reads a value of it ('minutes:3': 3, 'anchors{1: A}'
    a mapping)."""
    if cut := re.search(r"[ \t]#", text):
        return as_value(text) if COMMENT_AFTER.match(text, cut.start()) else text
    try:
        read = yaml.safe_load(f"field: {text}")["field"]
    except yaml.YAMLError:
        read = None
    return as_value(text) if read is None else text


def no_colon(source: Source, start: int) -> Problem:
    """A line in a mapping that is not `key: value`: a key without its colon, or a line of
    text that YAML takes for a key."""
    line = source.position(start)[0]
    text = source.line_text(line)
    column = start - line_start(source, line)
    dash = "- " if text[:column].strip() == "-" else ""  # a list item's first key
    word, _, rest = text[column:].partition(" ")
    quote = re.search("[\"']", word)
    if quote is not None and quote.start() > 0:  # title"A": the name ends at its quote
        word, rest = word[: quote.start()], text[column + quote.start() :]
    key, colon, value = word.partition(":")
    if colon and key in FIELDS and value:
        return source.problem(
            start,
            f"invalid YAML: '{key}' needs a space after its colon; write: {key}: "
            f"{_value_meant((value + ' ' + rest).strip())}",
        )
    if word in FIELDS:
        above = LINE.fullmatch(source.line_text(line - 1)) if line > 1 else None
        value = above["value"].strip() if above is not None and above["key"] else ""
        goes_on = (  # a text on the line above, unfinished, that this line may continue
            " if this line goes on with the text above, indent it more than that line's key;"
            if value and value[-1] not in ".?!:;\"')"
            else ""
        )
        meant = _value_meant(rest.strip()) or "..."
        return source.problem(
            start,
            f"invalid YAML: '{word}' needs a colon and a space after it, then its value;"
            f"{goes_on} else write: {dash}{word}: {meant}"
            if goes_on
            else f"invalid YAML: '{word}' needs a colon and a space after it, then its value; "
            f"write: {dash}{word}: {meant}",
        )
    missing = dash_missing(source, line)
    if missing is not None:
        return missing
    item = _item_with_colon_over_lines(source, line)
    if item is not None:
        return item
    pasted = pasted_bullets(source, line)
    if pasted is not None:
        return source.problem(*pasted)
    return source.problem(
        start,
        "invalid YAML: this line is neither 'key: value' nor a list item ('- '); if it goes "
        "on with the text of the line above, indent it more than that line's key, or write "
        "that text as a block (key: |)",
    )


def _item_with_colon_over_lines(source: Source, line: int) -> Problem | None:
    """A list's item of text that holds ': ' and runs on to `line`, in line with its text
    ('- Ask them: now' over '  more'): YAML reads the item as a key and its value, and
    `line` as a key without its colon. It was told to indent the line more, then to write
    the item as a block: three checks. Told here as its text in quotes, its lines joined."""
    if LINE.fullmatch(source.line_text(line))["dashes"]:
        return None
    number, text = next(lines_up_from(source, line - 1), (0, ""))
    parts = LINE.fullmatch(text)
    if parts is None or not parts["dashes"] or parts["key"] in FIELDS:
        return None
    if indent_of(source.line_text(line)) <= len(parts["indent"]):
        return None
    if parent_key(source, number) not in TEXT_LIST_KEYS:
        return None
    start = key_column(parts) if parts["key"] is None else parts.start("key")
    typed, comment = comment_apart(text[start:])
    colon = re.search(r":(?:[ \t]|$)", typed)
    if colon is None or typed[:1] in "\"'":
        return None
    whole, lines, comments, last = whole_text(source, number, parts, typed, comment, item=True)
    said, below = comments_apart(
        lines, f"- {quoted(whole)}", comments, text, dash_at(parts), (number, last)
    )
    return replace(
        source.problem(
            line_start(source, number) + start + colon.start(),
            f"invalid YAML: {colon_typed(typed[colon.start() + 1 :])} inside text starts a new "
            f"key to YAML; put the whole text in quotes{said}",
        ),
        advice=below,
    )


_WORD_THEN_TEXT = re.compile(
    r"(?P<lead>[ \t]*(?:-[ \t]+)?)(?P<key>[A-Za-z_][\w-]*|[0-9]+)(?P<gap>[ \t]+|(?=[\"']))"
    r"(?P<rest>[\w\"'{\[].*)"  # a value: a word, a quote or a bracket, not code's `= x`
)


def key_without_colon(source: Source, line: int) -> Problem | None:
    """A field's name and its value with no colon between them (`- id data-types`, `title
    "A"`), on the error's line or the one above: YAML reads the line as text and stumbles
    only on the next key, which is written right."""
    for number in (line - 1, line):
        if number < 1:
            continue
        text = source.line_text(number)
        found = _WORD_THEN_TEXT.fullmatch(text.rstrip())
        if found is None or found["key"] not in FIELDS:
            continue
        rest = found["rest"].strip()
        quoted_whole = rest[:1] in "\"'" and quote_end(rest, 0) == len(rest) - 1
        # ('anchors {1: None, 3: Some}': the colons of a mapping in braces are its own)
        bracketed = (rest[:1], rest[-1:]) in (("{", "}"), ("[", "]")) and bool(found["gap"])
        if ": " in rest and not (quoted_whole or bracketed):  # (a colon in quotes: the text's)
            continue
        if rest[:1] in "{[" and not bracketed:
            continue
        if number == line - 1 and _key_at(source.line_text(line)) != len(found["lead"]):
            # the line below is no key in line with this one: this line may be text that
            # goes on (a block's, or a plain text's next line), not a key
            continue
        return no_colon(source, line_start(source, number) + len(found["lead"]))
    return None


def _key_at(text: str) -> int | None:
    """The column of the key a line starts with, None for a line of no key."""
    parts = LINE.fullmatch(text)
    return key_column(parts) if parts is not None and parts["key"] is not None else None


_ITEM_KEY_NO_SPACE = re.compile(
    r"(?P<lead>[ \t]*(?P<dash>-[ \t]+)?)(?P<key>[a-z_]+|[0-9]+):(?P<value>[^\s#].*)"
)


def item_key_without_space(source: Source, line: int) -> Problem | None:
    """An item's first field typed with no space after its colon ('- title:"A"'), or a
    mapping's first score ('1:"Guesses"' under 'anchors:'): a text to YAML, whose next line
    it told as "mapping values are not allowed in this context". On the line above the
    error's, or its own, where a text in quotes holds ': ' ('note:"It needs: data"')."""
    above = line - 1
    while above > 1 and not source.line_text(above).strip():
        above -= 1
    for number in (line, above):
        found = _ITEM_KEY_NO_SPACE.fullmatch(source.line_text(number).rstrip()) if number else None
        if found is not None and (
            found["key"] in FIELDS or (found["key"].isdecimal() and not found["dash"])
        ):
            break  # (a score is no list's item: '- 10:30 stand-up' is a text)
    else:
        return None
    if _text_goes_on(source, number):
        return None  # ('hint: Meet at' over '10:30': a line of the hint's text)
    key, dash = found["key"], "- " if found["dash"] else ""
    return source.problem(
        line_start(source, number) + found.end("key"),
        f"invalid YAML: '{key}' needs a space after its colon; write: {dash}{key}: "
        f"{found['value'].strip()}",
    )


def _text_goes_on(source: Source, line: int) -> bool:
    """Whether `line` may go on with the plain text of a key above it, less indented
    ('hint: Meet at' over '  10:30'), as YAML reads a text's next lines."""
    indent = indent_of(source.line_text(line))
    for _, above in lines_up_from(source, line - 1):
        parts = LINE.fullmatch(above)
        if parts is not None and len(parts["indent"]) + len(parts["dashes"]) < indent:
            value = parts["value"].strip() if parts["key"] else ""
            return bool(value) and value[:1] not in "|>[{#&*!"
    return False


_SCORE_NO_COLON = re.compile(r"(?P<indent> *)(?P<score>\d{1,3})[ \t]+(?P<text>\S.*)")
_BULLET_TYPED = re.compile(rf"(?P<indent> *)[{PASTED_BULLETS}*][ \t]+(?P<text>\S.*)")


def line_above_unread(source: Source, line: int) -> tuple[int, str] | None:
    """The line above `line`, in line with it, that YAML read as the start of a text which
    `line` goes on (the error's own line is fine): an anchor's score without its colon
    ('1 "None."'), an item with a pasted bullet ('• "Names it"'). Told as libyaml's words
    on `line` after a review; before that, `line` was told to be quoted, again and again."""
    indent = indent_of(source.line_text(line))
    for number, text in lines_up_from(source, line - 1):
        text = text.rstrip("\r")
        bullet = _BULLET_TYPED.fullmatch(text)
        if bullet is not None and len(bullet["indent"]) + 2 == indent:
            indent = len(bullet["indent"])  # the keys of an item under its bullet
        if indent_of(text) != indent:
            return None
        if (score := _SCORE_NO_COLON.fullmatch(text)) is not None:
            typed = score["text"].rstrip()
            # a text that starts with a quote and goes on after it goes in quotes whole
            opened = typed[:1] in "\"'" and quote_end(typed, 0) not in (None, len(typed) - 1)
            return line_start(source, number) + indent, (
                f"invalid YAML: this line has no ':' after its score, so YAML reads it and "
                f"the line under it as one text; write: {score['score']}: "
                f"{quoted(typed) if opened else typed}"
            )
        if bullet is not None:
            return line_start(source, number) + indent, (
                f"invalid YAML: this line starts with '{text.lstrip()[0]}', which YAML does not "
                f"read as a list's dash; write '- ' in its place: - {bullet['text']}"
            )
        return None
    return None
