"""Updating a bank from a spreadsheet (`qbank import SHEET --into BANK`).

The bank's text is edited, never dumped again: a question of the sheet whose id the bank
has gets the fields that changed rewritten in place (a field the sheet has no column for is
left alone); a question the bank lacks is added where the sheet has it among its section's
rows (after the bank's question of the nearest row above of its section, else before the
nearest below; a section the sheet has no other row of, after its last question in the
bank, or the bank's last); a section the bank does not list yet is added to `sections:`.
Everything else (the title, description, role, tag vocabulary, section descriptions,
rubric, comments, blank lines, the order and the layout of unchanged fields) stays byte for
byte. Questions of the bank that the sheet does not hold are kept and reported.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qbank.bank.spreadsheet import COLUMNS
from qbank.bank.writer import Value, question_yaml, quote
from qbank.errors import Problem, QbankError
from qbank.model import Bank, Question, Source

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass
class Changes:
    """What an update did, by question id, in the order of the sheet or the bank."""

    updated: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    missing: list[tuple[str, int]] = field(default_factory=list)  # (id, line in the bank)
    sections: list[str] = field(default_factory=list)
    # fields the bank changed since the sheet was exported and the sheet did not, kept as
    # the bank has them (sheet_base), and conflicts settled by --prefer, by question id
    kept: dict[str, list[str]] = field(default_factory=dict)
    chosen: dict[str, list[str]] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)  # deleted from the bank since then


def merged_text(
    text: str,
    bank: Bank,
    columns: Sequence[str],
    questions: Sequence[Mapping[str, Value]],
    source: str,
) -> tuple[str, Changes]:
    """The bank `text` (already read as `bank`) with the sheet's `questions` (fields by key;
    only `columns` came from the sheet) merged in, and what changed."""
    root = yaml.compose(text, Loader=_Loader)
    seq = _value(root, "questions")
    if not isinstance(seq, SequenceNode) or seq.flow_style or not seq.value:
        raise QbankError(
            f"{source}: its questions are not a list of `- id: ...` items, so qbank cannot "
            "add to it; write them as `qbank new` does"
        )
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    edits: list[tuple[int, int, list[str]]] = []  # (first line, last line + 1, new lines)
    changes = Changes()
    nodes = {}
    for item in seq.value:
        found = _value(item, "id")
        if isinstance(item, MappingNode) and isinstance(found, ScalarNode):
            nodes[found.value] = item
    by_id = {q.id: q for q in bank.questions}
    # the new questions first: of two edits at one line, the first listed is made first and
    # so ends below the other, and a field added to the question above them goes with it
    # (a note added to the bank's last question went to the question added after it)
    sections = {qid: q.section for qid, q in by_id.items()}
    edits += _added_where_the_sheet_has_them(lines, seq, nodes, questions, sections)
    changes.added = [str(f["id"]) for f in questions if str(f["id"]) not in by_id]
    compared = [c for c in columns if c in COLUMNS and c != "id"]  # the sheet's fields
    for fields in questions:
        qid = str(fields["id"])
        if qid not in by_id:
            continue
        item, question = nodes[qid], by_id[qid]
        changed = False
        inline: list[tuple[int, int, str]] = []  # a `{...}` question's edits, by character
        for key in compared:
            new = fields.get(key)
            if _same(key, new, question):
                continue
            changed = True
            if item.flow_style:
                inline += _flow_edit(text, item, key, new)
            else:
                edits += _field_edit(lines, item, key, new)
        if inline:
            edits.append(_flow_lines(text, lines, item, inline))
        (changes.updated if changed else changes.unchanged).append(qid)
    declared = {s.name for s in bank.sections}
    sections_node = _value(root, "sections")
    if isinstance(sections_node, SequenceNode) and sections_node.value:
        new_sections = list(
            dict.fromkeys(
                str(f["section"])
                for f in questions
                if "section" in columns and str(f["section"]) not in declared
            )
        )
        if new_sections:
            edits.append(_sections_added(lines, sections_node, new_sections))
            changes.sections = new_sections
    sheet_ids = {str(f["id"]) for f in questions}
    changes.missing = [(q.id, q.line) for q in bank.questions if q.id not in sheet_ids]
    for first, end, new_lines in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[first:end] = [line + newline for line in new_lines]
    return "".join(lines), changes


# what a name may lose and stay the same name: blanks, and punctuation that does not make a
# name (C, C++ and C# are three languages)
_IGNORED = re.compile(r"[\s\-_.,:;'\"(){}\[\]]+")
_TOKEN = re.compile(r"\w+|[^\w\s]+")


def _near(new: str, known: str) -> bool:
    """Whether section name `new` looks like a slip for `known`: the same but for case,
    blanks or punctuation ('basics.' for 'Basics'), or one word of at least four letters a
    letter or two off ('Pointer' for 'Pointers'). A number, a letter or a numeral that
    differs ('Week 3', 'Part II', 'Section B') or a symbol ('C++') makes another section."""
    a, b = new.casefold(), known.casefold()
    if _IGNORED.sub("", a) == _IGNORED.sub("", b):
        return True
    words, others = _TOKEN.findall(a), _TOKEN.findall(b)
    if len(words) != len(others):
        return False
    differ = [(x, y) for x, y in zip(words, others, strict=True) if x != y]
    if len(differ) != 1:
        return False
    ((x, y),) = differ
    return (
        x.isalpha()
        and y.isalpha()
        and min(len(x), len(y)) >= 4
        and difflib.SequenceMatcher(None, x, y).ratio() >= 0.8
    )


def sections_misspelt(
    bank: Bank, questions: Sequence[Mapping[str, Value]], rows: Sequence[int], sheet: Path
) -> list[Problem]:
    """A problem at the first row of each section of the sheet that the bank lacks but
    has one very like: an update adds a section it does not have, and a slip ('Memory &
    Pointer' for 'Memory & Pointers') silently made a section of one question."""
    known = [s.name for s in bank.sections]
    problems = []
    seen = set(known)
    for fields, row in zip(questions, rows, strict=True):
        name = str(fields.get("section", ""))
        if name in seen:
            continue
        seen.add(name)
        close = next((k for k in known if _near(name, k)), None)
        if close is not None:
            problems.append(
                Problem(
                    str(sheet),
                    row,
                    f"question '{fields['id']}': section '{name}' is not one of the bank's; "
                    f"did you mean '{close}'? (a new section this like one the bank has is "
                    "taken for a slip: to add it, add it to the bank by hand first)",
                )
            )
    return problems


def on_sheet_rows(
    problems: Sequence[Problem],
    merged: str,
    questions: Sequence[Mapping[str, Value]],
    rows: Sequence[int],
    sheet: Path,
) -> list[Problem]:
    """The problems of the updated bank `merged`, each in a question that the sheet's
    `questions` (on `rows`) holds, or in a section it names, placed on that row of the
    sheet: their lines in `merged` are in no file the user has. The bank's own problems
    stay where they are."""
    row_of = {str(f["id"]): row for f, row in zip(questions, rows, strict=True)}
    first_row: dict[str, int] = {}
    for fields, row in zip(questions, rows, strict=True):
        first_row.setdefault(str(fields.get("section", "")), row)
    spans: list[tuple[int, int, int]] = []  # (first line, last line, row), 1-based
    try:
        root = yaml.compose(merged, Loader=_Loader)
    except yaml.YAMLError:  # the problems say it; their lines are the merged text's
        return list(problems)
    seq = _value(root, "questions")
    for item in seq.value if isinstance(seq, SequenceNode) else ():
        found = _value(item, "id")
        if isinstance(found, ScalarNode) and found.value in row_of:
            spans.append((item.start_mark.line + 1, item.end_mark.line + 1, row_of[found.value]))
    listed = _value(root, "sections")
    for item in listed.value if isinstance(listed, SequenceNode) else ():
        name = _value(item, "name") if isinstance(item, MappingNode) else item
        if isinstance(name, ScalarNode) and name.value in first_row:
            spans.append((item.start_mark.line + 1, item.end_mark.line + 1, first_row[name.value]))
    spans.sort()
    starts = [first for first, _, _ in spans]
    placed = []
    for problem in problems:  # bisect: 5,000 bad rows of 20,000 stay linear
        at = bisect.bisect_right(starts, problem.line) - 1
        if at >= 0 and problem.line <= spans[at][1]:
            placed.append(Problem(str(sheet), spans[at][2], problem.message))
        else:
            placed.append(problem)
    return placed


def _value(node: Node, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return v
    return None


def _same(key: str, new: Value | None, question: Question) -> bool:
    old = getattr(question, key)
    if key == "minutes":
        return old == (int(str(new)) if new is not None and str(new).isdigit() else new)
    if key == "anchors":  # the sheet's {score: text}, the model's (score, text) pairs
        given = sorted((int(score), text) for score, text in dict(new or {}).items())
        return sorted(tuple(pair) for pair in old) == given
    if key == "sources":
        return tuple(old) == tuple(new or ())
    if key in ("tags", "look_for", "follow_ups"):
        return tuple(old) == tuple(new or ())
    return (old or None) == (new or None)


def _last_line(node: Node) -> int:
    """The 0-based last line that holds part of `node`."""
    if isinstance(node, (MappingNode, SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        return _last_line(last[1] if isinstance(last, tuple) else last)
    end = node.end_mark
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        return end.line - 1 if end.column == 0 else end.line
    return end.line


def _flow_value(key: str, value: Value) -> str:
    """`value` as a `{...}` question's field holds it, on one line."""
    if isinstance(value, int) or (key == "minutes" and str(value).isdigit()):
        return str(value)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, Mapping):  # anchors: score -> text
        return "{" + ", ".join(f"{score}: {quote(text)}" for score, text in value.items()) + "}"
    items = [
        f"{{title: {quote(v.title)}, url: {quote(v.url)}}}" if isinstance(v, Source) else quote(v)
        for v in value
    ]
    return "[" + ", ".join(items) + "]"


def _flow_edit(
    text: str, item: MappingNode, key: str, new: Value | None
) -> list[tuple[int, int, str]]:
    """The edit of `key` in a question written `{id: ..., hint: ...}`, as (start, end,
    replacement) in `text`: its value replaced, the field added before the `}`, or removed
    with its comma. (Its lines rewritten whole, as a block question's are, lost the `}`.)"""
    if not new and new != 0:
        new = None
    pair = next(((k, v) for k, v in item.value if k.value == key), None)
    if pair is None:
        if new is None:
            return []
        close = item.end_mark.index - 1  # the `}`
        return [(close, close, f", {key}: {_flow_value(key, new)}")]
    key_node, value_node = pair
    start, end = key_node.start_mark.index, value_node.end_mark.index
    if new is not None:
        return [(value_node.start_mark.index, end, _flow_value(key, new))]
    comma = text.rfind(",", item.start_mark.index, start)
    if comma != -1:
        return [(comma, end, "")]
    after = text.find(",", end, item.end_mark.index)
    if after == -1:
        return [(start, end, "")]
    while text[after + 1 : after + 2] == " ":
        after += 1
    return [(start, after + 1, "")]


def _flow_lines(
    text: str, lines: list[str], item: MappingNode, inline: list[tuple[int, int, str]]
) -> tuple[int, int, list[str]]:
    """A `{...}` question's lines with its character edits made, as a line edit."""
    first, last = item.start_mark.line, item.end_mark.line
    offset = sum(len(line) for line in lines[:first])
    segment = "".join(lines[first : last + 1])
    for start, end, replacement in sorted(inline, reverse=True):
        segment = segment[: start - offset] + replacement + segment[end - offset :]
    return first, last + 1, segment.splitlines()


def _rendered(key: str, value: Value, column: int) -> list[str]:
    """`key: value` as the bank writer writes it, its key at `column`."""
    lines = question_yaml({key: value})
    lines[0] = "    " + lines[0][4:]  # question_yaml leads a question's first key with "- "
    # a `|` block's empty line stays empty: no trailing blanks in the writer's file
    return [" " * column + line[4:] if line else "" for line in lines]


def _field_edit(
    lines: list[str], item: MappingNode, key: str, new: Value | None
) -> list[tuple[int, int, list[str]]]:
    if not new and new != 0:
        new = None  # an empty cell: the field goes
    key_node = next((k for k, _ in item.value if k.value == key), None)
    column = item.value[0][0].start_mark.column
    if key_node is None:  # a field the question did not have: after its last field
        if new is None:
            return []
        end = _last_line(item) + 1
        return [(end, end, _rendered(key, new, column))]
    value_node = next(v for k, v in item.value if k is key_node)
    first, last = key_node.start_mark.line, _last_line(value_node)
    lead = lines[first][: key_node.start_mark.column]
    if new is None:
        if lead.strip():  # the item's first field, after its dash: kept
            return []
        return [(first, last + 1, [])]
    rendered = _rendered(key, new, key_node.start_mark.column)
    comment = _comment(lines, key_node, value_node)
    rendered[0] = lead + rendered[0][key_node.start_mark.column :] + comment
    return [(first, last + 1, rendered)]


_COMMENT = re.compile(r"(?P<comment>\s+#.*?)\s*")  # after a value, on its line


def _comment(lines: list[str], key: Node, value: Node) -> str:
    """The comment after a field's one-line value (`tags: [a, b]  # why`), or on its key's
    line before a list's first item (`look_for:  # why`), as written: a field the sheet
    changed lost it (a spreadsheet trial). Comments on a rewritten list's items go."""
    start, end = value.start_mark, value.end_mark
    if isinstance(value, ScalarNode) and value.style in ("|", ">"):
        return ""  # the line after its `|` header is its text's
    if start.line == end.line == key.start_mark.line:  # a scalar, or a [...] list
        found = _COMMENT.fullmatch(lines[end.line][end.column :].rstrip("\r\n"))
    elif isinstance(value, (SequenceNode, MappingNode)) and not value.flow_style:
        after_key = lines[key.end_mark.line][key.end_mark.column :].rstrip("\r\n")
        found = re.fullmatch(r"\s*:(?P<comment>\s+#.*?)\s*", after_key)
    else:
        return ""
    return found["comment"] if found else ""


def _added_where_the_sheet_has_them(
    lines: list[str],
    seq: SequenceNode,
    nodes: Mapping[str, Node],
    questions: Sequence[Mapping[str, Value]],
    sections: Mapping[str, str],
) -> list[tuple[int, int, list[str]]]:
    """The sheet's new questions where the sheet has them among their section's rows
    (`sections`: the section of each of the bank's questions, by id): after the bank's
    question of the nearest row above of its section, else before the nearest below, else
    after its section's last question in the bank, else after the bank's last question. A
    question added between two rows went to the bank's end, and so to the end of its section
    in every artifact (a new user's trial); one added under a row of another section, in a
    sheet sorted by another column, went among that section's questions in the file (a
    review). Indented as the bank's own, and set apart by a blank line where the bank's
    questions are."""
    dash = seq.value[0].start_mark.column - 2  # a question's mapping starts after "- "
    items = seq.value
    apart = [""] if len(items) < 2 or any(
        b.start_mark.line > _last_line(a) + 1 for a, b in zip(items, items[1:], strict=False)
    ) else []  # fmt: skip
    # the rows of the bank's questions, by section: their places in the sheet and ids; and
    # each section's last question in the bank (found once: 20,000 new rows stay linear)
    rows: dict[str, tuple[list[int], list[str]]] = {}
    for n, fields in enumerate(questions):
        if (qid := str(fields["id"])) in sections:
            places, ids = rows.setdefault(sections[qid], ([], []))
            places.append(n)
            ids.append(qid)
    last_in_bank = {sections[qid]: qid for qid in nodes if qid in sections}
    # the new questions by where they go: ("after" | "before", a bank's id), or ("end", "")
    placed: dict[tuple[str, str], list[Mapping[str, Value]]] = {}
    for n, fields in enumerate(questions):
        if str(fields["id"]) in sections:
            continue
        section = str(fields.get("section") or "")
        places, ids = rows.get(section, ([], []))
        at = bisect.bisect_left(places, n)  # the section's rows above it: places[:at]
        where = (
            ("after", ids[at - 1]) if at
            else ("before", ids[0]) if ids
            else ("after", last_in_bank[section]) if section in last_in_bank
            else ("end", "")
        )  # fmt: skip
        placed.setdefault(where, []).append(fields)
    # of two edits at one line the first listed ends below: a new section's questions go
    # after those added after the bank's last question
    edits = []
    for (how, qid), added in sorted(placed.items(), key=lambda item: item[0][0] != "end"):
        new_lines = [line for fields in added for line in [*apart, *_indented(fields, dash)]]
        if how == "end":
            at = _last_line(seq) + 1
            edits.append((at, at, new_lines))
        elif how == "after":
            at = _end_of_item(lines, nodes[qid], dash)
            edits.append((at, at, new_lines))
        else:
            at = _start_of_item(lines, nodes[qid])
            edits.append((at, at, [*new_lines[len(apart) :], *apart]))
    return edits


def _indented(fields: Mapping[str, Value], dash: int) -> list[str]:
    return [(" " * (dash - 2) + line if dash >= 2 else line[2 - dash :]) if line else ""
            for line in question_yaml(fields)]  # fmt: skip


def _end_of_item(lines: list[str], item: Node, dash: int) -> int:
    """The line after a question's item, with the comments indented inside it that follow
    its last field."""
    at = _last_line(item) + 1
    while at < len(lines) and lines[at].lstrip().startswith("#"):
        if len(lines[at]) - len(lines[at].lstrip()) <= dash:
            break
        at += 1
    return at


def _start_of_item(lines: list[str], item: Node) -> int:
    """A question's first line, with the comment lines right above it (its own: '# the
    first one' over `- id: first`)."""
    at = item.start_mark.line
    while at > 0 and lines[at - 1].lstrip().startswith("#"):
        at -= 1
    return at


def _sections_added(
    lines: list[str], node: SequenceNode, names: Sequence[str]
) -> tuple[int, int, list[str]]:
    if node.flow_style:  # `sections: [A, B]`: the new names go inside the brackets
        at, column = node.end_mark.line, node.end_mark.column - 1  # the `]`
        line = lines[at].rstrip("\r\n")
        before = "".join(lines[:at]) + line[:column]
        if before.rstrip().endswith(","):  # `[A, B,]`, YAML's trailing comma
            added = "".join(f" {quote(name)}," for name in names)
        else:
            added = "".join(f", {quote(name)}" for name in names)
        return at, at + 1, [line[:column] + added + line[column:]]
    first = node.value[0]
    dash = first.start_mark.column - 2
    named = isinstance(first, MappingNode)
    end = _last_line(node) + 1
    return (
        end,
        end,
        [" " * dash + ("- name: " if named else "- ") + quote(name) for name in names],
    )
