"""A line moved a few lines from its place, or two lines swapped: found by trying the
moves on the blocks around the error and reading them again.
"""

from __future__ import annotations

import math
import re

import yaml

from qbank.bank.source import Source
from qbank.bank.syntax.lines import LOADER, indent_of, line_start
from qbank.bank.syntax.questions import ITEM, questions_list
from qbank.bank.syntax.vocabulary import FIELDS, LIST_KEYS
from qbank.errors import Problem

# A line cut and pasted a few lines from its place (two lines swapped, 'note: |' dropped
# below its text): the lines up to MOVED_ABOVE above the one YAML stumbled on and MOVED_BY
# under it, each tried at up to MOVED_BY lines from where it stands
MOVED_ABOVE = 6
MOVED_BY = 4
MOVED_AMONG = 400  # lines of the blocks read again for each try, at most (and 50 times
# as many characters)


def line_moved(source: Source, line: int, swapped_only: bool = False) -> Problem | None:
    """The line whose move back by a few lines, or the two lines whose exchange, makes the
    lines around `line` read as YAML, where nothing else explains the mistake (random
    trials: 1 edit in 20 that moved or swapped lines was told in YAML's own words). Only
    the blocks around it are read for each try (a question and its neighbours, or a
    top-level key's block and the next), so that the tries cost little on a bank of any
    size; the one told is checked with the file's lines above them. Of the tries that
    read, the shortest of those least odd (_reads), a move before a swap. None when none
    reads, or two different ones are as good. `swapped_only`: only two lines exchanged,
    with nothing odd after (told before the other advice, which guesses at one line)."""
    first, last = _blocks_around(source, line)
    lines = [source.line_text(n) for n in range(first, last + 1)]
    if len(lines) > MOVED_AMONG or sum(map(len, lines)) > MOVED_AMONG * 50:
        return None  # blocks of thousands of lines, or of long ones: no tries so costly
    if _reads(lines) is not None:
        return None  # the mistake is not in these lines alone
    found: dict[tuple[str, ...], tuple[int, int, str, int, int]] = {}
    near = range(max(first, line - MOVED_ABOVE) - first, min(last, line + MOVED_BY) - first + 1)
    for by in range(1, MOVED_BY + 1):
        for at in near:
            if not lines[at].strip() or lines[at].lstrip().startswith("#"):
                continue
            for to in (at - by, at + by):
                if not 0 <= to < len(lines):
                    continue
                moved = lines[:at] + lines[at + 1 :]
                moved.insert(to, lines[at])
                swapped = list(lines)
                swapped[at], swapped[to] = lines[to], lines[at]
                for kind, tried in (("move", moved), ("swap", swapped)):
                    odd = _reads(tried)
                    if odd is not None:
                        found.setdefault(tuple(tried), (odd, by, kind, at + first, to + first))
    if not found:
        return None
    best = min(found.values())  # ("move" before "swap": one line moved, not two)
    if _indented_anew(lines, near) <= best[0]:
        return None  # a line indented as its neighbour reads as well: a slip of its indent
    if sum(1 for said in found.values() if said[:3] == best[:3]) > 1:
        return None  # two ways as good: no guess
    if swapped_only and best[:3] != (0, best[1], "swap"):
        return None
    mended = next(tried for tried, said in found.items() if said == best)
    try:  # the file up to these lines, mended, reads too (not only these lines alone)
        yaml.compose(source.text[: source.starts[first - 1]] + "\n".join(mended), Loader=LOADER)
    except yaml.YAMLError:
        return None
    _, _, kind, number, to = best
    shown = f"line {to} ({_shown(source.line_text(to))})"
    if kind == "swap":
        said = (
            f"this line and {shown} seem swapped: the lines around them read as YAML "
            "with the two exchanged; exchange them"
        )
    else:
        where = "above" if to < number else "under"
        said = (
            f"this line seems out of its place: the lines around it read as YAML when it "
            f"stands {where} {shown}; move it there, or where it belongs"
        )
    return source.problem(
        line_start(source, number) + indent_of(source.line_text(number)), f"invalid YAML: {said}"
    )


def _indented_anew(lines: list[str], near: range) -> float:
    """How odd `lines` read at least (_reads) with one line of `near` indented as the line
    above or under it is, the nearest that is no blank or comment: a list's item one space off its
    list's read as swapped with the last item of the next list, which it would fit
    (random trials of the bundled bank); infinity when none reads."""
    odd: float = math.inf
    for at in near:
        text = lines[at].lstrip(" ")
        if not text or text.startswith("#"):
            continue
        for step in (-1, 1):
            other = next(
                (
                    n
                    for n in range(at + step, -1 if step < 0 else len(lines), step)
                    if lines[n].strip() and not lines[n].lstrip().startswith("#")
                ),
                None,
            )
            if other is None or indent_of(lines[other]) == indent_of(lines[at]):
                continue
            tried = list(lines)
            tried[at] = " " * indent_of(lines[other]) + text
            reads = _reads(tried)
            if reads is not None:
                odd = min(odd, reads)
    return odd


def _shown(text: str) -> str:
    """A line named in a message: its words, cut when long."""
    words = text.strip()
    return f"'{words}'" if len(words) <= 40 else f"'{words[:36]}…'"


_BLANK = re.compile(r"\s")
_NULL_TAG = "tag:yaml.org,2002:null"
_NOT_TEXT_GOING_ON = ("-", '"', "'", "[", "{")
# a line of a block ('note: |') that reads as YAML's: a quoted item, a field with a quoted
# text, or a key alone ('- "Show the ..."', '3: "Gives ..."', 'anchors:'; not 'Artefact:')
_LIKE_YAML = re.compile(
    r"""[ \t]*(?:-[ \t]+["']|[\w-]+:[ \t]+["']|(?P<key>[\w-]+):[ \t]*[|>]?[ \t]*$)"""
)


def _like_yaml(text: str) -> bool:
    """Whether a line of a block reads as YAML's own (_LIKE_YAML), a key alone only when it
    is a field's name or a score."""
    found = _LIKE_YAML.match(text)
    return bool(found) and (not found["key"] or found["key"] in FIELDS or found["key"].isdigit())


def _reads(lines: list[str]) -> int | None:
    """Whether `lines` read as YAML: None when not, else how odd what they hold is
    (_odd_mapping, _odd_items, _odd_text), and how many keys have a value of another kind
    than the same key's elsewhere in them (one question's 'follow_ups' a mapping, its
    neighbours' lists)."""
    try:
        root = yaml.compose("\n".join(lines), Loader=LOADER)
    except yaml.YAMLError:
        return None
    odd, stack = 0, [root] if root is not None else []
    kinds: dict[str, list[type]] = {}  # each key's values' kinds: text, list or mapping
    # each node once: an alias is the node it names, and one inside itself ('look_for: &loop
    # [Signal, *loop]') made the walk go on for ever, check with it (h42d's split)
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            odd += _odd_mapping(node)
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    kinds.setdefault(key.value, []).append(type(value))
            stack.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            odd += _odd_items(node)
            stack.extend(node.value)
        else:
            odd += _odd_text(node, lines)
    return odd + sum(len(found) - max(map(found.count, found)) for found in kinds.values())


def _odd_mapping(node: yaml.MappingNode) -> int:
    """Keys that are more than a name (a text's line with ': ' or a ':' at its end read as
    a key), keys twice, names among scores or scores among names, keys with nothing after
    them, and a list's key ('questions', 'follow_ups') whose value is no list."""
    names = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
    scores = sum(name.isdigit() for name in names)  # anchors' keys are scores
    odd = len(names) - len(set(names)) + sum(bool(_BLANK.search(n)) for n in names)
    odd += min(scores, len(names) - scores)
    for key, value in node.value:
        if isinstance(value, yaml.ScalarNode) and value.tag == _NULL_TAG and not value.value:
            odd += 1  # ('Artefact:', a text's line)
        elif key.value in LIST_KEYS - {"anchors"} and not isinstance(value, yaml.SequenceNode):
            odd += 1
    return odd


def _odd_items(node: yaml.SequenceNode) -> int:
    """Items of another kind than most of the list's (a section's name among questions),
    and items of fields whose first key is not the one most of the list's start with (a
    tag's '- {name: ...}' among questions that start with 'id')."""
    kinds = [type(item) for item in node.value]
    firsts = [
        item.value[0][0].value
        for item in node.value
        if isinstance(item, yaml.MappingNode)
        and item.value
        and isinstance(item.value[0][0], yaml.ScalarNode)
    ]
    return sum(len(seen) - max(map(seen.count, seen)) for seen in (kinds, firsts) if seen)


def _odd_text(node: yaml.Node, lines: list[str]) -> int:
    """Lines of a block ('note: |') that read as YAML's own, or a plain text over lines
    that goes on with an item's line or a quoted text ('minutes: 12' and a follow-up's
    '- "Show the ..."' under it)."""
    if node.style in ("|", ">"):
        return sum(_like_yaml(text) for text in node.value.split("\n"))
    if not node.style and node.start_mark.line < node.end_mark.line:
        rest = lines[node.start_mark.line + 1 : node.end_mark.line + 1]
        return any(text.lstrip()[:1] in _NOT_TEXT_GOING_ON for text in rest)
    return 0


def _blocks_around(source: Source, line: int) -> tuple[int, int]:
    """The first and last line of the blocks around `line` that read as YAML alone: from
    the start of a question (its dash) or of a top-level key, far enough above `line`, to
    the end of the next such block after it (a list's item's blocks end at the list's)."""
    count = len(source.starts)
    listed = questions_list(source)
    questions, top = (listed[0], len(listed[1])) if listed else (count + 1, -1)

    def starts_block(number: int) -> bool:
        text = source.line_text(number)
        if not text.strip() or text.lstrip().startswith("#"):
            return False
        indent = indent_of(text)
        return indent == 0 or (number > questions and indent == top and bool(ITEM.match(text)))

    above = max(1, line - MOVED_ABOVE - MOVED_BY)
    first = next((n for n in range(above, 0, -1) if starts_block(n)), 1)
    in_list = indent_of(source.line_text(first)) > 0
    ends = 0
    for number in range(line + 1, count + 1):
        if not starts_block(number):
            continue
        if in_list and indent_of(source.line_text(number)) == 0:
            return first, number - 1
        ends += number > line + MOVED_BY
        if ends == 2:
            return first, number - 1
    return first, count
