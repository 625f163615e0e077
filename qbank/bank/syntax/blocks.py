"""A text over lines (`key: |`) indented wrong, a line of it out of the block, and text
over lines that YAML reads as more YAML, told to be written as a block.
"""

from __future__ import annotations

import re
from dataclasses import replace

from qbank.bank.source import Source
from qbank.bank.syntax.lines import (
    BLOCK_INDICATOR,
    LINE,
    anchors_above,
    indent_of,
    key_column,
    line_start,
)
from qbank.bank.syntax.vocabulary import FIELDS, PASTED_BULLETS
from qbank.bank.written import COMMENTS_ABOVE, colon_typed, comment_apart
from qbank.bank.written import spaces as _spaces
from qbank.errors import Problem

# What a pasted list starts its lines with: YAML's dash, and the bullets of word processors
_BULLET = re.compile(rf"[ ]*(?:[-*+{PASTED_BULLETS}](?:[ \t]|$))")


# how far above a YAML error the line whose value YAML read it as is looked for
HOLDER_LINES = 40


def holder_no_field(source: Source, line: int) -> int | None:
    """The line YAML took the lines down to `line` for the value of, where it is no field
    of the bank ('Properties:', a block's line typed at its key's column, over the block's
    next lines, until a '```' YAML cannot read)."""
    number = held_by(source, line)
    parts = LINE.fullmatch(source.line_text(number)) if number else None
    mistyped = parts is not None and not parts["dashes"] and parts["key"] not in FIELDS
    return number if mistyped else None  # (a field or an item is where it belongs)


def held_by(source: Source, line: int) -> int | None:
    """The nearest line above `line` indented less than every line from it down to `line`."""
    least = indent_of(source.line_text(line))
    for number in range(line - 1, max(0, line - HOLDER_LINES), -1):
        text = source.line_text(number)
        if not text.strip():
            continue
        if indent_of(text) < least:
            return number
        least = min(least, indent_of(text))
    return None


def block_line_out(source: Source, line: int) -> tuple[int, str] | None:
    """A line of a `key: |` block's text indented less than the block's first line but more
    than the key: YAML ends the text before it and finds neither key nor list item. A line
    that is itself a field (`look_for: ...`) is a key out of line, not text."""
    own = LINE.fullmatch(source.line_text(line))
    is_key = own is not None and own["key"] in FIELDS
    indent = indent_of(source.line_text(line))
    first = None  # the indentation of the block's first line of text, once passed
    least = None  # the least indentation of the lines passed
    for number in range(line - 1, 0, -1):
        text = source.line_text(number)
        if not text.strip():
            continue
        parts = LINE.fullmatch(text)
        if parts is not None and parts["key"] and BLOCK_INDICATOR.fullmatch(parts["value"]):
            column = key_column(parts)
            if least is not None and least <= column:
                return None  # a line between at the key's column or left of it ends its text
            if is_key and column != indent:  # a field out of line with the block's key
                return line_start(source, line) + indent, (
                    f"invalid YAML: this key is indented {_spaces(indent)}, but "
                    f"'{parts['key']}' on line {number} is indented {_spaces(column)}; line "
                    "them up"
                )
            key, mark = parts["key"], parts["value"].strip()
            written = source.line_text(line).strip()
            # a field's name and then a value, not code (`url = "..."`, `name = input()`)
            word = re.fullmatch(r"([A-Za-z_][\w-]*)(?:[ \t]+[\"'\w\[{].*)?", written)
            if (
                written
                and not is_key
                and not (word and word[1] in FIELDS)  # a key without its colon
                and first is not None
                and indent <= column
                and not own["dashes"]
            ):
                # a line of code written at the key's column or left of it
                return line_start(source, line) + indent, (
                    f"invalid YAML: this line is indented {_spaces(indent)}, no more than "
                    f"'{key}:' on line {number}, so YAML ends the text of '{key}: {mark}' "
                    "above it and reads this line as a key; if it belongs to that text (a "
                    f"line of code), indent it {_spaces(first)}, as the text's first line on "
                    f"line {number + 1} is, then the line's own indent"
                )
            if is_key or first is None or not column < indent < first:
                return None
            return line_start(source, line) + indent, (
                f"invalid YAML: this line of the text of '{key}: {mark}' is indented "
                f"{_spaces(indent)}, less than the text's first line on line {number + 1} "
                f"({_spaces(first)}), so YAML ends the text above it; indent it "
                f"{_spaces(first)} like the others"
            )
        if indent_of(text) <= indent:
            return None
        first = indent_of(text)
        least = first if least is None else min(least, first)
    return None


# how far above a YAML error a `key: |` whose text is in line with it is looked for
BLOCK_LINES_LOOKED_AT = 200


def block_not_indented(source: Source, line: int) -> tuple[int, str] | None:
    """A `key: |` (or `>`) on the line above `line` or the one above that, whose text's
    first line is not indented more than the key: YAML then ends the block at once and
    reads the text as keys of its own. The key may stand further up, its text's lines in
    line with it between (a `note: |` over a code block, told at the code's first line as
    libyaml's 'found character that cannot start any token')."""
    indent = indent_of(source.line_text(line)) if 1 <= line <= len(source.starts) else 0
    for above in range(line - 1, max(0, line - BLOCK_LINES_LOOKED_AT), -1):
        text = source.line_text(above)
        parts = LINE.fullmatch(text)
        if parts is None or parts["key"] is None or parts["dashes"]:
            if above < line - 2 and text.strip() and (parts is None or indent_of(text) != indent):
                return None  # no text of a block in line with its key
            continue
        if not BLOCK_INDICATOR.fullmatch(parts["value"]):
            if above < line - 2:
                return None
            continue
        column = key_column(parts)
        following = above + 1
        while following <= len(source.starts) and not source.line_text(following).strip():
            following += 1
        if following > len(source.starts) or indent_of(source.line_text(following)) > column:
            return None
        if above < line - 2 and indent_of(text) != indent:
            return None
        key = parts["key"]
        anchors = anchors_above(source, above, column) if key in FIELDS else None
        if anchors is not None:  # the question's field after its anchors, indented as them
            return (
                line_start(source, above) + column,
                f"invalid YAML: this key is indented {_spaces(column)}, as the items of "
                f"'anchors' above are; indent it {_spaces(column - 2)}, as 'anchors:' on line "
                f"{anchors} is",
            )
        return (
            line_start(source, following) + indent_of(source.line_text(following)),
            f"invalid YAML: the text of '{key}: {parts['value'].strip()}' must be indented "
            f"more than '{key}:'; start each of its lines with {_spaces(column + 2)}",
        )
    return None


_QUOTED_MARK = re.compile(r"""(["'])([|>][-+0-9]*)\1[ \t]*(?:#.*)?""")


def quoted_block_mark(source: Source, line: int) -> Problem | None:
    """A key whose value is a block's mark in quotes ('note: "|"'), lines indented more
    under it, on the line above `line` or further up past such lines: the mark is text to
    YAML, which reads the lines under it as keys and told libyaml's 'did not find expected
    key' (a random trial)."""
    indent = indent_of(source.line_text(line)) if 1 <= line <= len(source.starts) else 0
    for number in range(line - 1, max(0, line - BLOCK_LINES_LOOKED_AT), -1):
        text = source.line_text(number)
        if not text.strip():
            continue
        parts = LINE.fullmatch(text)
        if parts is None or parts["key"] is None:
            continue  # a line of the text
        mark = _QUOTED_MARK.fullmatch(parts["value"])
        if mark is None or key_column(parts) >= indent:
            return None
        return source.problem(
            line_start(source, number) + parts.start("value"),
            f"invalid YAML: in quotes, {mark[2]} is text to YAML, not the start of a text "
            f"over lines, so the lines under it are read as keys; write: "
            f"{parts['key']}: {mark[2]}",
        )
    return None


def text_over_lines(source: Source, line: int, index: int) -> Problem | None:
    """Text over several lines that YAML reads as more YAML: a pasted list (lines starting
    with `- ` or a bullet) or a line holding `: `. The fix that keeps every line as typed
    is a block (`key: |`), written out with the user's own lines."""
    owner = None
    for number in range(line, 0, -1):
        text = source.line_text(number)
        if not text.strip():
            continue
        parts = LINE.fullmatch(text)
        value = parts["value"].strip() if parts else ""
        # the error's own line with a word no field is named ('Tip: ...') is the text's
        # line, not the key that owns it: the text over lines was missed there
        known = number != line or (parts is not None and parts["key"] in FIELDS)
        if parts and parts["key"] and value and value[0] not in "\"'|>&*!%@`[{#" and known:
            owner = number, parts
            break
        if number != line and indent_of(text) <= indent_of(source.line_text(line)):
            plain = parts is not None and not (parts["key"] or parts["dashes"])
            if plain and indent_of(text) == indent_of(source.line_text(line)):
                continue  # a line of the same text, in line with the colon's (40 lines up)
            if not _BULLET.match(text[indent_of(text) :] + " "):
                return None
    if owner is None:
        return None
    first, parts = owner
    column = key_column(parts)
    last = first
    for number in range(first + 1, len(source.starts) + 1):
        text = source.line_text(number)
        if not text.strip():
            continue
        indent = indent_of(text)
        if indent > column or (indent == column and _BULLET.match(text[indent:])):
            last = number
        else:
            break
    if not first <= line <= last or last == first:
        return None
    rest = [source.line_text(n).rstrip() for n in range(first + 1, last + 1)]
    base = min(indent_of(t) for t in rest if t.strip())
    inner = " " * (column + 2)
    # a comment after a line of the text is none of it: in a block it would be text, so
    # it goes after the block's '|', where YAML reads a comment (a review: '# c' was put
    # in the text of every artifact); a line that is only a comment goes there too
    opening, comment = comment_apart(parts["value"].strip())
    comments = [comment.strip()] if comment else []
    kept = []
    for t in rest:
        typed, comment = comment_apart(t) if t.strip() else ("", "")
        comments += [comment.strip()] if comment else []
        if typed or not t.strip():
            kept.append(inner + t[base : indent_of(t)] + typed if typed else "")
    block = [
        source.line_text(first)[: parts.start("value")].rstrip() + " |",
        inner + opening,
        *kept,
    ]
    if len(comments) == 1:
        block[0] += f" {comments[0]}"
    elif comments:  # each on a line of its own: after the '|', '# a # b' was one comment
        block[:0] = [f"{parts['indent']}{comment}" for comment in comments]
    listed = any(t[indent_of(t) :].startswith("- ") for t in rest)
    after = source.line_text(line)[index - line_start(source, line) + 1 :]  # the colon's line
    why = (
        f"the lines under '{parts['key']}' that start with '- ' are read as a list, not as its text"
        if listed
        else f"{colon_typed(after)} in the text of '{parts['key']}', which runs over "
        f"{last - first + 1} lines, starts a new key to YAML"
    )
    return replace(
        source.problem(
            index,
            f"invalid YAML: {why}; write the text as a block, which keeps your lines as they "
            f"are{_comments_said(comments)}: replace lines {first}-{last} with the lines below",
        ),
        advice="\n".join(block),
    )


def _comments_said(comments: list[str]) -> str:
    """What advice to write a text as a block says of the comments after its lines."""
    if not comments:
        return ""
    return (
        ", its comment after the |, no part of the text" if len(comments) == 1 else COMMENTS_ABOVE
    )


_FENCE = re.compile(r"[ \t]*(?:```|~~~)")


def code_under_text(source: Source, line: int) -> Problem | None:
    """A code block's lines, from its fence, indented under a field whose text is on its
    own line ('question: Review this', then '```python' and the code): more of that text to
    YAML, which stumbled on a line of code ('def load(path: str)': "mapping values are not
    allowed"). Its own field's line above it was left out ('hint: |', deleted)."""
    holder = held_by(source, line)
    held = LINE.fullmatch(source.line_text(holder)) if holder else None
    if held is None or held["key"] not in FIELDS:
        return None
    value = held["value"].strip()
    if not value or value[:1] in "|>\"'[{#":
        return None
    first = holder + 1
    while first < line and not source.line_text(first).strip():
        first += 1
    if not _FENCE.match(source.line_text(first)):
        return None
    column = key_column(held)
    return source.problem(
        line_start(source, first) + indent_of(source.line_text(first)),
        f"invalid YAML: the code from this line on is indented under '{held['key']}:' on line "
        f"{holder}, which has its text on its line, so YAML reads the code as more of that "
        f"text; code goes in a block of the field it belongs to: write that field's name "
        f"and '|' (hint: |, note: |) on a line above it, indented {_spaces(column)}",
    )
