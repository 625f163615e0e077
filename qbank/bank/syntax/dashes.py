"""A list's items and their dashes: a dash missing, typed against its key or on its key's
line, a word processor's bullet in its place, an item under a key that has a value.
"""

from __future__ import annotations

import re

from qbank.bank.slugs import ids_typed, unique_id
from qbank.bank.source import Source
from qbank.bank.syntax.brackets import left_open
from qbank.bank.syntax.lines import (
    LINE,
    indent_of,
    key_column,
    line_start,
    lines_up_from,
    parent_key,
    quote_end,
)
from qbank.bank.syntax.vocabulary import (
    CURLY_QUOTES,
    FIELDS,
    LIST_KEYS,
    PASTED_BULLETS,
    TEXT_LIST_KEYS,
)
from qbank.bank.written import quoted
from qbank.bank.written import spaces as _spaces
from qbank.errors import Problem


def pasted_bullets(source: Source, line: int) -> tuple[int, str] | None:
    """What to write for `line` and the lines around it in line with it that start with a
    pasted bullet ('• Names it: clearly'): told 'neither key: value nor a list item' and to
    indent it more (a review)."""
    text = source.line_text(line)
    indent = indent_of(text)
    mark = text[indent : indent + 1]
    if not mark or mark not in PASTED_BULLETS or text[indent + 1 : indent + 2] != " ":
        return None
    run = [line]
    for step in (-1, 1):
        number = line + step
        while 1 <= number <= len(source.starts):
            other = source.line_text(number)
            if other.strip() and other[indent_of(other) :][:2] != f"{mark} ":
                break
            if other.strip():
                run.append(number)
            number += step
    first, last = min(run), max(run)
    where = f"lines {first}-{last} start" if first < last else "this line starts"
    colon = any(": " in source.line_text(n) for n in run)
    quotes = ", and put an item with ': ' in it in quotes" if colon else ""
    return line_start(source, first) + indent, (
        f"invalid YAML: {where} with '{mark}', which YAML does not read as a list's dash; "
        f"write '- ' in place of each '{mark}'{quotes}"
    )


def value_and_items(source: Source, line: int) -> Problem | None:
    """A list item under a key that has its value on its own line (`look_for: "A"`, then
    `- "B"`): YAML takes the value and cannot take a list too."""
    text = source.line_text(line)
    parts = LINE.fullmatch(text)
    if parts is None or not parts["dashes"] or parts["key"] is not None:
        return None
    for number, above in lines_up_from(source, line - 1):
        other = LINE.fullmatch(above)
        if other is None or not other["key"] or other["dashes"]:
            return None
        value = other["value"].strip()
        if key_column(other) >= len(parts["indent"]) or not value:
            return None
        key, at = other["key"], line_start(source, line) + len(parts["indent"])
        if value[0] in "[{" and left_open(value):
            return None  # the item is inside the brackets, its dash the mistake
        if value[0] in "[{":
            kind = "[ ] list" if value[0] == "[" else "{ } mapping"
            return source.problem(
                at,
                f"invalid YAML: '{key}' is written as a {kind} on line {number}, and this "
                "item under it starts a list of its own; put the item inside the brackets, "
                f"or write '{key}:' alone with every item on a line of its own under it",
            )
        if key in ("question", "hint", "note") and value[0] not in "|>&*!":
            return source.problem(
                at,
                f"invalid YAML: this list item is under '{key}', which holds a text on its "
                f"own line ({number}), not a list; if the item belongs to follow_ups, "
                "look_for or tags, write that key on a line of its own above it",
            )
        if key not in TEXT_LIST_KEYS or value[0] in "|>&*![{" + CURLY_QUOTES:
            return None  # a block, a curly quote to mend first
        if value[0] in "\"'" and quote_end(value, 0) != len(value) - 1:
            return None  # a quote that does not close on its line: its own message
        return source.problem(
            line_start(source, number) + other.start("value"),
            f"invalid YAML: '{key}' has a text on its own line ({value}) and a list under "
            f"it; a list keeps every item on a line of its own: write '{key}:' alone, and "
            f"put the text under it as the first item, - {value}",
        )
    return None


def item_above(source: Source, line: int, indent: int) -> int | None:
    """The line of the list item above `line` whose dash is at `indent`, with only lines
    indented deeper between (its keys): a key there lost its own `- `; None if none."""
    for number, text in lines_up_from(source, line - 1):
        if indent_of(text) < indent:
            return None
        if indent_of(text) == indent:
            other = LINE.fullmatch(text)
            return number if other is not None and other["dashes"] else None
    return None


def dash_missing(source: Source, line: int) -> Problem | None:
    """A line in line with a list item's dash that has none: an item without its `- `, or
    a line after an item that should not have been one (anchors written `- 1: ...`)."""
    text = source.line_text(line)
    parts = LINE.fullmatch(text)
    if parts is None or parts["dashes"] or not text.strip():
        return None
    indent = len(parts["indent"])
    item = item_above(source, line, indent)
    if item is None:
        return None
    if parent_key(source, item) == "anchors":  # score: text lines, never a list
        return source.problem(
            line_start(source, line) + indent,
            f"invalid YAML: this line is in line with the list item on line {item}, but "
            "'anchors' holds a line per score, with no '- ': take the '- ' off line "
            f"{item}, in line with this one",
        )
    return source.problem(
        line_start(source, line) + indent,
        f"{_item_undashed(item, text)}, or, if these lines are no list, take the '- ' off "
        f"line {item}",
    )


def _item_undashed(item: int, text: str) -> str:
    """A line in line with the list item on line `item`, `text` without its '- '."""
    return (
        f"invalid YAML: this line is in line with the list item on line {item}, but does not "
        f"start with '- ' as an item does; write: - {text.strip()}"
    )


def first_item_undashed(source: Source, line: int) -> Problem | None:
    """A list's first item typed without its `- ` ('follow_ups:', then '"Why?"' over
    '- "And then?"'): a text to YAML, which stumbled on the item under it ("did not find
    expected key"); or a section's ('sections:', then 'name: Basics' over '- name: Next').
    Told at the undashed line, the error's being an item."""
    parts = LINE.fullmatch(source.line_text(line))
    if parts is None or not parts["dashes"]:
        return None
    indent = len(parts["indent"])
    number = line - 1
    while number > 1 and not source.line_text(number).strip():
        number -= 1
    text = source.line_text(number)
    undashed = LINE.fullmatch(text)
    if number < 2 or undashed is None or undashed["dashes"]:
        return None
    if bool(undashed["key"]) != bool(parts["key"]):
        return None  # (a text over an item of fields, or fields over a text item)
    if len(undashed["indent"]) != indent or text.strip()[:1] in f"#{PASTED_BULLETS}*+":
        return None  # (a comment; a word processor's bullet: pasted_bullets)
    key = LINE.fullmatch(source.line_text(number - 1))
    if key is None or key["key"] not in LIST_KEYS or key["value"].strip():
        return None  # (the key that holds the list, on the line right above it)
    return source.problem(line_start(source, number) + indent, _item_undashed(line, text))


def first_fields_undashed(source: Source, line: int) -> Problem | None:
    """A list's first item of fields without its `- ` ('questions:', then '    section: A'
    where '  - id: a1' was deleted): fields of the list's key to YAML, which stumbled on the
    next item, dashed ("did not find expected key"). Told at the item's first line."""
    parts = LINE.fullmatch(source.line_text(line))
    if parts is None or not parts["dashes"]:
        return None
    indent = len(parts["indent"])
    first = None  # the first line under the list's key, going up
    fields = dashes = 1 << 30  # the least indentation of the lines of fields, of dashes
    for number, text in lines_up_from(source, line - 1):
        other = LINE.fullmatch(text)
        if other is None or text.lstrip().startswith("#"):
            continue
        if indent_of(text) > indent:  # the item's lines (a list of its own, deeper, too)
            if other["dashes"]:
                dashes = min(dashes, indent_of(text))
            elif other["key"]:
                first, fields = number, min(fields, indent_of(text))
            continue
        listed = other["key"] in LIST_KEYS | {"sources"}
        if indent_of(text) < indent and listed and not other["value"].strip():
            break  # the list's key, with no item dashed between it and this line
        return None
    else:
        return None
    if first is None or dashes < fields:  # (an item dashed out of line: values._list_above)
        return None
    typed = source.line_text(first)
    list_key = other["key"]
    missing, write = "'- ' before its first field", f"{typed.strip()},"
    if parts["key"] == "id" and (new_id := _id_line_missing(source, first, line, fields)):
        # its '- id:' line deleted: a dash on its first field left it without an id, told by
        # the next check (a trial)
        missing, write = "'- id:' line", f"id: {new_id} above this line,"
    return source.problem(
        line_start(source, first) + indent_of(typed),
        f"invalid YAML: the first item of '{list_key}' has no {missing}, so YAML reads its "
        f"fields as those of '{list_key}' itself; a list's item starts with '- ', as the one "
        f"on line {line} does: write - {write} indented {_spaces(indent)}",
    )


def _id_line_missing(source: Source, first: int, dashed: int, fields: int) -> str | None:
    """An id for the fields on lines `first` to `dashed` (an item's, at indentation
    `fields`) when none of them is an id: made from its `question:` text, one no other item
    has; None when the item has an id."""
    text = ""
    for number in range(first, dashed):
        found = LINE.fullmatch(typed := source.line_text(number))
        if found is None or indent_of(typed) != fields:
            continue
        if found["key"] == "id":
            return None
        if found["key"] == "question" and not text:
            text = found["value"].strip()
            # a block ('question: |'): its first line's words; a quoted text's '|' is its own
            # ('"|x| is what?"' was given an id of the hint's line under it)
            if text[:1] in ("|", ">"):
                text = source.line_text(number + 1).strip()
            text = text.strip("\"'")
    return unique_id(text, ids_typed(source.text)) if text else "new-question"


_DASH_ON_KEY = re.compile(r"(?P<indent>[ \t]*)-(?P<key>[A-Za-z_][\w-]*|[0-9]+):(?:[ \t]|$)")


def dash_without_space(source: Source, line: int) -> Problem | None:
    """An item's dash typed against its first field, with no space ('-id: q1'): a key
    '-id' to YAML, whose next line it told as "mapping values are not allowed in this
    context". On the error's line or the one above it."""
    for number in (line, line - 1):
        found = _DASH_ON_KEY.match(source.line_text(number)) if number >= 1 else None
        if found is not None and found["key"] in FIELDS:
            rest = source.line_text(number)[found.end("indent") + 1 :]
            return source.problem(
                line_start(source, number) + found.end("indent"),
                "invalid YAML: a list's item starts with '- ', a dash and a space; "
                f"write: - {rest}",
            )
    return None


def item_on_key_line(source: Source, line: int) -> Problem | None:
    """A list's first item on its key's line ('follow_ups: - Why?'), or a text that starts
    with '- ' ('hint: - first point'): YAML's "block sequence entries are not allowed in
    this context". A list with items under it was told to be text over lines, a block
    (`look_for: |`), which 'look_for' is not."""
    text = source.line_text(line)
    parts = LINE.fullmatch(text)
    if parts is None or not parts["key"] or not parts["value"].startswith("- "):
        return None
    key, item = parts["key"], parts["value"][2:].strip()
    at = line_start(source, line) + parts.start("value")
    said = f"invalid YAML: an item's '- ' starts a line of its own under '{key}:', not this line"
    # an item under the key, not the next question's dash ('  - id: q2'), left of the key
    under = source.line_text(line + 1) if line < len(source.starts) else ""
    indent = len(under) - len(under.lstrip())
    below = under.lstrip().startswith("- ") and indent >= key_column(parts)
    if key not in LIST_KEYS | {"sources"}:  # a text ('hint: - first point')
        if below:
            return None  # a list pasted as its text: a block (text_over_lines)
        return source.problem(
            at,
            "invalid YAML: YAML reads '- ' at the start of a value as a list's item; put the "
            f"whole text in quotes: {key}: {quoted(parts['value'])}",
        )
    if key == "anchors":  # a line per score, with no dash
        return source.problem(
            at,
            "invalid YAML: the scores of 'anchors' go each on a line of its own under it, with "
            f"no '- ': put {item} on the next line, indented more than 'anchors:'",
        )
    if below:  # its other items under it
        return source.problem(
            at, f"{said}: put - {item} on the next line, in line with the items under it"
        )
    if key in TEXT_LIST_KEYS:
        return source.problem(
            at, f"{said}; on this line, write the list in brackets: {key}: [{quoted(item)}]"
        )
    return source.problem(at, f"{said}: put - {item} on the next line, indented more than '{key}:'")
