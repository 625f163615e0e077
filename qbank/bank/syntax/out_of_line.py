"""A line indented out of line with its neighbours: a key, a line among lines in step, an
anchor's score, a question's field at the margin or under a list's item.
"""

from __future__ import annotations

import itertools
import re

from qbank.bank.source import Source
from qbank.bank.syntax.dashes import item_above
from qbank.bank.syntax.keys import line_above_unread
from qbank.bank.syntax.lines import (
    LINE,
    anchors_above,
    dash_at,
    indent_of,
    key_column,
    line_start,
    lines_up_from,
    parent_key,
)
from qbank.bank.syntax.questions import question_at
from qbank.bank.syntax.vocabulary import FIELDS, QUESTION_KEYS, TEXT_LIST_KEYS
from qbank.bank.written import spaces as _spaces
from qbank.errors import Problem


def _has_sibling_above(source: Source, line: int, indent: int) -> bool:
    """Whether a key above `line`, at `indent` with nothing less indented between, is in
    line with it (a `note:` after a list of sources, which are indented deeper)."""
    for _, text in lines_up_from(source, line - 1):
        if indent_of(text) < indent:
            return False
        other = LINE.fullmatch(text)
        if indent_of(text) == indent and other is not None and other["key"] and not other["dashes"]:
            return True
    return False


def score_out_of_line(source: Source, line: int) -> Problem | None:
    """An anchor's score ('5:') indented otherwise than the score above it, the lines of
    that one's text between: the last anchor a space out was told libyaml's 'did not find
    expected key' (a random trial), with no line below to compare it with. Or the first
    score, at the column of 'anchors:' or left of it (then told for a score below it)."""
    parts = LINE.fullmatch(source.line_text(line))
    if parts is None or parts["dashes"] or not (parts["key"] or "").isdecimal():
        return None
    # the score above with no colon ('1 "All of them"' over '3: Audit logs')
    if (unread := line_above_unread(source, line)) is not None:
        return source.problem(*unread)
    indent = len(parts["indent"])
    first = line  # the first of the scores in line with this one, going up
    for number, above in lines_up_from(source, line - 1):
        other = LINE.fullmatch(above)
        if other is None or other["dashes"]:
            return None
        if other["key"] is None:  # a line of the text of the score above, maybe
            continue
        column = len(other["indent"])
        if other["key"].isdecimal() and column == indent:
            first = number
            continue
        if not other["key"].isdecimal() and other["key"] != "anchors" and column < indent:
            if not other["value"].strip() or other["value"].strip()[:1] in "|>#":
                return None
            # 'anchors:' deleted: its scores under the note above, which has its text
            return source.problem(
                line_start(source, first) + indent,
                f"invalid YAML: this score is under '{other['key']}:' on line {number}, which "
                "has its value on its line, so no key holds the scores; write 'anchors:' on a "
                f"line of its own above it, indented {_spaces(column)}",
            )
        if first != line:
            return None  # in line with the scores above it: the mistake is elsewhere
        if other["key"] == "anchors" and indent <= column and not other["value"].strip():
            # no score of its (libyaml's "did not find expected '-' indicator", of the
            # list of questions, or a question's key '1' a number)
            return _first_score_out(source, line, indent, number, column)
        if not other["key"].isdecimal() or column == indent:
            return None
        # the score above out of line itself (the first at the column of 'anchors:'), not
        # this one, which was told to line up with it
        above_out = score_out_of_line(source, number) if column < indent else None
        return above_out or source.problem(
            line_start(source, line) + indent,
            f"invalid YAML: this key is indented {_spaces(indent)}, but '{other['key']}' on "
            f"line {number} is indented {_spaces(column)}; line them up",
        )
    return None


def _first_score_out(source: Source, line: int, indent: int, anchors: int, column: int) -> Problem:
    """The first score, on `line`, indented no more than 'anchors:' on line `anchors`,
    `column` in: to indent as the score under it is, else 2 spaces more than the key."""
    below = LINE.fullmatch(source.line_text(line + 1))
    under = len(below["indent"]) if below and (below["key"] or "").isdecimal() else 0
    under = under if under > column else column + 2
    return source.problem(
        line_start(source, line) + indent,
        f"invalid YAML: this score is indented {_spaces(indent)}, no more than 'anchors:' on "
        f"line {anchors}, so it is none of its scores; indent it {_spaces(under)}, under "
        "'anchors:'",
    )


def key_out_of_line(source: Source, line: int) -> Problem | None:
    """A field name indented differently from the field above it, which is not its parent."""
    text = source.line_text(line)
    parts = LINE.fullmatch(text)
    if parts is None or parts["dashes"] or parts["key"] not in FIELDS:
        return None
    indent = len(parts["indent"])
    item = item_above(source, line, indent)
    if item is not None and LINE.fullmatch(source.line_text(item))["key"] == parts["key"]:
        return source.problem(
            line_start(source, line) + indent,
            f"invalid YAML: this key is in line with the dash on line {item}; a new item "
            f"of the list starts with '- ', as that one does: write "
            f"- {parts['key']}: {parts['value'].strip()}",
        )
    if _has_sibling_above(source, line, indent):
        return None  # in line with a key of its own mapping: the mistake is elsewhere
    items = False  # passed the items of a list, indented as this key is
    deeper = False  # passed lines indented more than this key: a list's items, a text's
    flush = None  # passed the items of a list indented less than this key: their indent
    text_column = None  # where the text of the item just above starts
    for number, above in lines_up_from(source, line - 1):
        other = LINE.fullmatch(above)
        if other is not None and other["key"] is None and other["dashes"]:
            if text_column is None:
                text_column = len(other["indent"]) + len(other["dashes"])
            if len(other["indent"]) > indent and not items and flush is None:
                deeper = True  # the items of the key above: its column comes next
                continue
            if len(other["indent"]) < indent and not (items or deeper):
                if flush not in (None, len(other["indent"])):
                    return None
                flush = len(other["indent"])  # items in line with their key (`look_for:`)
                continue
            if len(other["indent"]) != indent:
                return None
            items = True  # an item of the list above: the key that holds it comes next
            continue
        if other is not None and other["key"] is None and not (items or flush is not None):
            continue  # the lines of a text over lines, which YAML read this key as more of
        if other is None or other["key"] is None:
            return None
        column = key_column(other)
        opens_block = not other["value"].strip() or other["value"].strip()[:1] in "|>"
        if flush is not None:
            if opens_block and column < flush and indent != text_column:
                # items under their key, this key past their dashes (in line with their
                # text, it is told as a field under an item: field_under_item)
                return source.problem(
                    line_start(source, line) + indent,
                    f"invalid YAML: this key is indented {_spaces(indent)}, more than the "
                    f"dashes of the items of '{other['key']}' above ({_spaces(flush)}); indent "
                    f"it {_spaces(column)}, as '{other['key']}:' on line {number} is",
                )
            if not (opens_block and column == flush):
                return None
            return source.problem(
                line_start(source, line) + indent,
                f"invalid YAML: this key is indented {_spaces(indent)}, but '{other['key']}' "
                f"on line {number} is indented {_spaces(column)}; line them up",
            )
        if items:
            if not (opens_block and column < indent):
                return None
            return source.problem(
                line_start(source, line) + indent,
                f"invalid YAML: this key is indented {_spaces(indent)}, as the items of "
                f"'{other['key']}' above are; indent it {_spaces(column)}, as "
                f"'{other['key']}:' on line {number} is",
            )
        # a key indented more than a list's key, less than its items, is no child of it
        if column == indent or (opens_block and indent > column and not deeper):
            return None
        anchors = anchors_above(source, line, column) if other["key"].isdecimal() else None
        if anchors is not None:  # a field after the anchors: in line with 'anchors:', not
            # with their scores, which the next check told it to undo (a review)
            return source.problem(
                line_start(source, line) + indent,
                f"invalid YAML: this key is indented {_spaces(indent)}, but 'anchors' on line "
                f"{anchors} is indented {_spaces(column - 2)}; line them up",
            )
        how = f"{column} characters in, after its dash" if other["dashes"] else _spaces(column)
        return source.problem(
            line_start(source, line) + indent,
            f"invalid YAML: this key is indented {_spaces(indent)}, but '{other['key']}' on "
            f"line {number} is indented {how}; line them up"
            f"{lines_alike(source, line, column, False)}",
        )
    return None


def lines_alike(source: Source, line: int, column: int, item: bool) -> str:
    """', lines 15-18 each 1 space more': the lines from `line` on indented as it is, to
    be moved to `column` with it (an item's keys in line with its first, a key's in line
    with it, and the lines of their values); '' for `line` alone. A question indented a
    space too little was told a line a check."""
    indent = indent_of(source.line_text(line))
    last, opens = line, _opens(source.line_text(line))
    parts = LINE.fullmatch(source.line_text(line))
    # the column of the keys that move: an item's first key's, or the key's own; a line
    # under them moves if it is deeper than them both where they are and where they go
    # (a key in line with them as they are to be is theirs no more)
    level = (key_column(parts) if parts is not None else indent + 2) if item else indent
    below = level + max(column - indent, 0)
    for number in range(line + 1, len(source.starts) + 1):
        text = source.line_text(number)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        own = indent_of(text)
        if text[own : own + 1] == "\t":
            break
        dash = text.lstrip().startswith("-")
        if own == level and not dash:
            last, opens = number, _opens(text)
        elif own == level and opens and item:  # a list's items in line with their key
            last = number
        elif item and dash and own == indent:  # the next item, as far out: the list's too
            last, opens = number, _opens(text)
        elif own > below and (item or opens):
            last = number
        else:
            break
    if last == line:
        return ""
    how = "more" if column > indent else "less"
    return f", lines {line}-{last} each {_spaces(abs(column - indent))} {how}"


def _opens(text: str) -> bool:
    """Whether a line is a key whose value is on the lines under it."""
    parts = LINE.fullmatch(text)
    value = parts["value"].strip() if parts is not None and parts["key"] else "-"
    return not value or value[:1] in "|>"


_ANY_KEY = re.compile(r"(?P<indent> *)(?P<key>[\w-]+):(?:[ \t]+(?P<value>.*))?")


def line_out_of_step(source: Source, line: int) -> Problem | None:
    """`key: text` lines where the one above `line` is indented differently from `line` and
    the one above it (an anchor of a list of three, say): YAML ends the mapping there and
    stumbles only on `line`, but the odd one out is the line above."""
    numbers = [number for number, _ in itertools.islice(lines_up_from(source, line), 3)]
    if len(numbers) < 3:
        return None
    keys = [_ANY_KEY.fullmatch(source.line_text(n)) for n in numbers]
    if any(k is None for k in keys) or not (keys[0]["value"] and keys[1]["value"]):
        return None
    below, odd, above = (len(k["indent"]) for k in keys)  # type: ignore[union-attr]
    if not keys[2]["value"] and above < min(odd, below) and odd != below:  # type: ignore[index]
        # the first line under its key is the odd one out (an anchor 1 indented more than 3
        # and 5): the quoted text below it was told to be put in quotes, again and again;
        # the line after says which of the two is (1 and 5 in line, 3 out: a review)
        after = next(
            (
                _ANY_KEY.fullmatch(text)
                for n in range(line + 1, len(source.starts) + 1)
                if (text := source.line_text(n)).strip() and not text.lstrip().startswith("#")
            ),
            None,
        )
        if after is None or len(after["indent"]) not in (odd, below):
            return None
        if len(after["indent"]) == odd:
            return source.problem(
                line_start(source, line) + below,
                f"invalid YAML: this line is indented {_spaces(below)}, but the lines above "
                f"and below it {_spaces(odd)}; line them up",
            )
        return source.problem(
            line_start(source, numbers[1]) + odd,
            f"invalid YAML: this line is indented {_spaces(odd)}, but the lines under it "
            f"{_spaces(below)}; line them up",
        )
    if not keys[2]["value"] or below != above or odd == below:  # type: ignore[index]
        return None
    return source.problem(
        line_start(source, numbers[1]) + odd,
        f"invalid YAML: this line is indented {_spaces(odd)}, but the lines above and below "
        f"it {_spaces(below)}; line them up",
    )


_TOP_ONLY = frozenset(FIELDS) - frozenset(QUESTION_KEYS)  # (title, sections, rubric ...)


def field_at_margin(source: Source, line: int) -> Problem | None:
    """A question's field moved to the margin, in a bank whose questions' dashes stand there
    ('minutes: 2' under a question's fields at 2 spaces): a key of the bank to YAML, which
    stumbled on the next question's dash ("did not find expected key")."""
    parts = LINE.fullmatch(source.line_text(line))
    if parts is None or parts["indent"] or not parts["dashes"]:
        return None
    number = line - 1
    while number > 1 and not source.line_text(number).strip():
        number -= 1
    field = LINE.fullmatch(source.line_text(number))
    if field is None or field["indent"] or field["dashes"] or field["key"] not in QUESTION_KEYS:
        return None
    if field["key"] in _TOP_ONLY or field["key"] == "id":
        return None
    above = LINE.fullmatch(source.line_text(number - 1)) if number > 1 else None
    if above is None or not above["key"] or not above["indent"]:
        return None
    column = key_column(above)
    return source.problem(
        line_start(source, number),
        f"invalid YAML: '{field['key']}' at the margin is a field of the question above: "
        f"indent it {_spaces(column)}, as '{above['key']}:' on line {number - 1} is",
    )


def too_deep(
    source: Source, field: str, lines: tuple[int, int], item: int, dash: int
) -> str | None:
    """What to say of a question's field (`field`, on `lines` with its block's text) that
    stands in line with the text of a list's item on line `item`, its dash at `dash`:
    most likely the question's own, indented too deep, not the item's words (they were
    quoted into the item, or told in libyaml's words). Told to move it left, in line with
    the list's key, or below the list's last item where more follow; None when no key
    owns the list, or one that owns no list of text."""
    first, last = lines
    owner = next((n for n, t in lines_up_from(source, item - 1) if indent_of(t) < dash), None)
    parts = LINE.fullmatch(source.line_text(owner)) if owner is not None else None
    if parts is None or parts["key"] not in TEXT_LIST_KEYS or not key_column(parts):
        return None  # (a question's fields under '- id: a' are its own; the bank's tags)
    column, listed = key_column(parts), parts["key"]
    after = next(
        (n for n in range(last + 1, len(source.starts) + 1) if _written(source.line_text(n))),
        None,
    )
    more = f" and the lines under it, to line {last}," if last > first else ""
    said = (
        f"'{field}' on line {first} is a field of a question, but it is indented as the text "
        f"of the item on line {item}, so YAML takes it{more} for part of that item; it is "
        "probably the question's own field, indented too deep: "
    )
    if after is not None and indent_of(source.line_text(after)) >= dash:
        return said + (  # items of the list after it: it goes below them
            f"move it below the last item of '{listed}', to the question's fields, "
            f"{_spaces(column)} in, as '{listed}:' on line {owner} is"
        )
    if last == first:
        return said + (
            f"move it left, to the question's fields: indent it {_spaces(column)}, as "
            f"'{listed}:' on line {owner} is"
        )
    step = indent_of(source.line_text(first)) - column
    return said + (
        f"move them left, to the question's fields, in line with '{listed}:' on line "
        f"{owner}; line them up, lines {first}-{last} each {_spaces(step)} less"
    )


def _written(text: str) -> bool:
    """Whether a line holds more than blanks or a comment."""
    return bool(text.strip()) and not text.lstrip().startswith("#")


def field_under_item(source: Source, line: int) -> Problem | None:
    """A question's field under a list's item of text that YAML cannot read there, in line
    with the item's text ('- Names it' over '  minutes: 5'), told in libyaml's words
    ('mapping values are not allowed in this context'): told as too_deep says."""
    text = source.line_text(line)
    own = LINE.fullmatch(text)
    if own is None or own["dashes"] or own["key"] not in QUESTION_KEYS or own["indent"].strip(" "):
        return None
    indent = len(own["indent"])
    item = 0
    for number, above in lines_up_from(source, line - 1):
        parts = LINE.fullmatch(above)
        if parts is not None and parts["dashes"] and dash_at(parts) < indent:
            item = number  # the item, its dash left of the field
            break
        if parts is None or parts["dashes"] or indent_of(above) != indent:
            return None  # (a line of the item's text in line with it goes between)
    if not item or parts is None or key_column(parts) != indent:
        return None
    last = line  # and the fields after it, and their blocks' text
    for number in range(line + 1, len(source.starts) + 1):
        under = source.line_text(number)
        if _written(under) and indent_of(under) < indent:
            break
        last = number if _written(under) else last
    said = too_deep(source, own["key"], (line, last), item, dash_at(parts))
    if said is None:
        return None
    return source.problem(line_start(source, line) + indent, f"invalid YAML: {said}")


def item_left_of_list(source: Source, line: int) -> tuple[int, int, str, str | None] | None:
    """For a list's item of text on `line` that YAML read as a question of its own (its
    dash moved left, to the questions' dashes, after a question's last list): the line of
    the item just above it, that item's indent, the key of their list (`follow_ups`) and
    the id of the question that holds it. None when the line above is no such item."""
    parts = LINE.fullmatch(source.line_text(line))
    above = next(iter(lines_up_from(source, line - 1)), None)
    item = LINE.fullmatch(above[1]) if above is not None else None
    if parts is None or not parts["dashes"] or item is None or item["key"] or not item["dashes"]:
        return None
    if dash_at(item) <= dash_at(parts):
        return None
    listed = parent_key(source, above[0])
    if listed not in TEXT_LIST_KEYS:
        return None
    return above[0], dash_at(item), listed, question_at(source, above[0])
