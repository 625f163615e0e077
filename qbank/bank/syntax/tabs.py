"""A tab in a line's indentation, told as the spaces it stands for where they are known."""

from __future__ import annotations

from qbank.bank.source import Source
from qbank.bank.syntax.lines import (
    BLOCK_INDICATOR,
    LINE,
    anchors_above,
    indent_of,
    key_column,
    line_start,
    lines_up_from,
)
from qbank.bank.syntax.vocabulary import FIELDS
from qbank.bank.written import spaces as _spaces
from qbank.text import and_list


def tab_in_indentation(source: Source, line: int) -> tuple[int, str] | None:
    text = source.line_text(line)
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    if "\t" not in indent:
        return None
    own = LINE.fullmatch(text)
    is_key = own is not None and own["key"] in FIELDS
    block = None if is_key else _block_above(source, line)
    if block is not None:  # a line of a `key: |` text: code may need its tab (a Makefile)
        key, mark, first, _ = block
        if indent.index("\t") >= first:
            # the text's own tab, after its indentation: valid YAML, and the cause of an
            # error below it was said here (a Go and Makefile bank's trial)
            return None
        said = f"invalid YAML: a tab in the indentation of the text of '{key}: {mark}'; YAML "
        own = indent[indent.index("\t") + 1 :]  # past the tab: the line's own, deeper
        if own and "\t" not in own:
            # a line of code indented more than the text's others ('\t    return 1'): it
            # was told the text's 6 spaces alone, and lost its own 4
            return (
                line_start(source, line) + indent.index("\t"),
                f"{said}indents with spaces only: start the line with "
                f"{_spaces(first + len(own))}, the text's {first}, as its other lines, and the "
                f"{len(own)} after the tab, the line's own indent",
            )
        return (
            line_start(source, line) + indent.index("\t"),
            f"{said}indents with spaces only: start the line with {_spaces(first)}, as the "
            "text's other lines, and put a tab the text needs (a Makefile's) after them",
        )
    first, last = _tabbed_run(source, line)
    where = f" of lines {first}-{last}" if first < last else ""
    tab = "each tab" if first < last else "the tab"
    width = _tab_width(source, first, last)
    fix = f"replace {tab} with {_spaces(width) if width else 'spaces'}"
    told = width is None and last - first < TAB_LINES_TOLD
    indents = _tab_indents(source, first, last) if told else None
    if indents is not None:
        fix = _indents_said(indents, first < last)
    return (
        line_start(source, first) + _tabbed(source.line_text(first)).index("\t"),
        f"invalid YAML: a tab in the indentation{where}; YAML indents with spaces only, "
        f"so {f'delete {tab}' if width == 0 else fix}",
    )


# the lines of a run of tabs and spaces told each its own spaces at most: each is mended and
# the bank read again for the next, a run of 8,000 lines took 14 s (a review); a longer run
# is told to replace each tab with spaces
TAB_LINES_TOLD = 100


def _tab_indents(source: Source, first: int, last: int) -> dict[int, int] | None:
    """The spaces each line of `first` to `last` starts with in place of its tabs and
    spaces, where no one number does for each tab (_tab_width): a tab after spaces on one
    line and spaces after a tab on the next, or two tabs. Each line is told as a run of its
    own would be, one tab in it, the lines above it mended first; such runs were told
    'replace each tab with spaces', no number said. None when a line's is not known."""
    mended = _MendedLines(source)
    indents: dict[int, int] = {}
    for number in range(first, last + 1):
        text = source.line_text(number)
        tabbed = _tabbed(text)
        if not tabbed:
            continue  # a blank line between
        bare = text[len(tabbed) :]
        one = tabbed[: tabbed.index("\t") + 1] + tabbed.replace("\t", "")[tabbed.index("\t") :]
        # its other tabs taken out: one tab, one number; else the tab alone, where its
        # blanks are more than the line's spaces ('   \t  hint:' under '    question:')
        for lead in dict.fromkeys((one, "\t")):
            mended.lines[number] = lead + bare
            width = _tab_width(mended, number, number)
            if width is not None:
                break
        else:
            return None
        indents[number] = len(lead) - 1 + width
        mended.lines[number] = " " * indents[number] + bare
    return indents


class _MendedLines(Source):
    """`source` with some of its lines written otherwise (`lines`, by number), for what reads
    it line by line (`line_text`, as _tab_width does): the bank's whole text joined and
    indexed again for each line of a run took time as the run's length times the bank's
    (a review: 400 runs of 98 lines in 40,000, 17 s)."""

    def __init__(self, source: Source) -> None:
        super().__init__("", source.name)
        self.source, self.lines = source, dict[int, str]()

    def line_text(self, line: int) -> str:
        return self.lines[line] if line in self.lines else self.source.line_text(line)


def _indents_said(indents: dict[int, int], run: bool) -> str:
    """'start line 8 with 4 spaces and lines 9-10 with 6 spaces, in place of their tabs
    and spaces': the spaces of each line of a run (_tab_indents), lines in a row that
    take the same told together."""
    if len(set(indents.values())) == 1:
        spaces = _spaces(next(iter(indents.values())))
        if not run:
            return f"start the line with {spaces}, in place of its tabs and spaces"
        return f"start each of these lines with {spaces}, in place of its tabs and spaces"
    groups: list[list[int]] = []  # [first, last, spaces] of lines in a row alike
    for number, spaces in indents.items():
        if groups and groups[-1][2] == spaces:
            groups[-1][1] = number
        else:
            groups.append([number, number, spaces])
    said = [
        f"line {a} with {_spaces(n)}" if a == b else f"lines {a}-{b} with {_spaces(n)}"
        for a, b, n in groups
    ]
    return f"start {and_list(said)}, in place of their tabs and spaces"


def _tabbed(text: str) -> str:
    """The indentation of a line, when it holds a tab; '' when it holds none."""
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    return indent if "\t" in indent else ""


def _tabbed_run(source: Source, line: int) -> tuple[int, int]:
    """The first and last line of the lines around `line` indented with a tab, blank lines
    between them passed: each was told in a check of its own, from the last one up (a
    hint's five lines, five checks)."""
    first = last = line
    for step in (-1, 1):
        number = line + step
        while 1 <= number <= len(source.starts):
            text = source.line_text(number)
            if text.strip() and not _tabbed(text):
                break
            if _tabbed(text) and text.strip():
                first, last = min(first, number), max(last, number)
            number += step
    return first, last


def _tab_width(source: Source, first: int, last: int) -> int | None:
    """How many spaces each tab of lines `first` to `last` stands for, when one number
    does for them all: each indented by one tab after the same spaces, under a `key: |`
    block's key (its text is indented more than the key) or after a line whose keys are
    theirs (its siblings). None when no one number is known, 0 when the spaces before the
    tab are the indentation."""
    tabbed = [_tabbed(source.line_text(n)) for n in range(first, last + 1)]
    lead = {indent.index("\t") for indent in tabbed if indent}
    if len(lead) != 1 or any(indent.count("\t") > 1 for indent in tabbed):
        return None
    (spaces,) = lead
    own = LINE.fullmatch(source.line_text(first).replace("\t", " "))
    dash = _question_dash(source, first) if own and own["dashes"] and own["key"] == "id" else None
    if dash is not None:
        # a next question, after whatever ends the one above (a list, its anchors, a
        # block): its dash in line with that question's, as each line of it after the tab
        # (the blanks after the tab count too: '\t  - id:' is told 2 fewer)
        before = len(tabbed[0]) - 1
        return dash - before if dash >= before else None  # 0: the spaces before it do
    # a field of its own after a block ('note: |' and its lines): in line with the block's
    # key, whose field it is a sibling of (it was told 'replace the tab with spaces')
    field = own is not None and own["key"] in FIELDS and not own["dashes"]
    for number, text in lines_up_from(source, first - 1):
        parts = LINE.fullmatch(text)
        if parts is not None and not parts["key"] and parts["dashes"] and not _tabbed(text):
            return _after_an_item(source, number, len(parts["indent"]), first, tabbed)
        if parts is not None and not parts["key"] and field and len(set(tabbed)) == 1:
            block = _block_above(source, first)  # a line of a block's text, maybe
            # the blanks after the tab count too (a review: '\t  hint:' was told 2 more)
            width = block[3] - (len(tabbed[0]) - 1) if block is not None else -1
            return width if width >= 0 else None
        if parts is None or not parts["key"] or _tabbed(text):
            return None
        column = key_column(parts)
        text_block = BLOCK_INDICATOR.fullmatch(parts["value"])
        block = text_block or not parts["value"].strip()
        own = LINE.fullmatch(source.line_text(first).replace("\t", " "))
        if not block and (own is None or not own["key"]):
            return None  # a line of text under a key's value: no number known
        if block and not (text_block and field):
            # a text's or a mapping's lines: more than its key, their own indent kept
            width = column + 2 - spaces
        elif own["dashes"] and len(set(tabbed)) == 1:  # an item in line with its sibling's dash
            dash = _item_dash(source, number, column, own["key"])
            width = dash - (len(tabbed[0]) - 1) if dash is not None else -1
        elif len(set(tabbed)) == 1:  # keys in line with the key above, after the same tab
            if field and parts["key"].isdecimal() and anchors_above(source, first, column):
                column -= 2  # a field after the anchors, in line with 'anchors:', not a score
            width = column - (len(tabbed[0]) - 1)
        else:
            return None
        return width if width >= 0 else None  # 0: the spaces before the tab do
    return None


def _after_an_item(
    source: Source, item: int, dash: int, first: int, tabbed: list[str]
) -> int | None:
    """How many spaces the tab of lines `first` on stands for after a list's item of text
    on line `item` ('- "Names two causes"', its dash at `dash`): an item is in line with
    it, a key with the key that owns the list ('follow_ups:'), whose items take none. Both
    were told 'replace the tab with spaces', no number said (a random trial)."""
    own = LINE.fullmatch(source.line_text(first).replace("\t", " "))
    if len(set(tabbed)) != 1 or own is None or (own["dashes"] and own["key"]):
        return None  # an item of keys ('- title: b') is no sibling of an item of text
    column = dash if own["dashes"] else None
    for _, text in lines_up_from(source, item - 1) if own["key"] and not own["dashes"] else ():
        if indent_of(text) < dash:
            parts = LINE.fullmatch(text)
            column = key_column(parts) if parts is not None and parts["key"] else None
            break
    width = column - (len(tabbed[0]) - 1) if column is not None else -1
    return width if width >= 0 else None  # 0: the spaces before the tab do


def _question_dash(source: Source, line: int) -> int | None:
    """The column of the dash of the nearest question above `line` ('- id:'), before a
    line at the margin; None if none, or if its dash follows a tab."""
    for _, text in lines_up_from(source, line - 1):
        parts = LINE.fullmatch(text)
        if parts is None:
            continue
        if parts["dashes"] and parts["key"] == "id":
            return None if _tabbed(text) else len(parts["indent"])
        if not parts["indent"] and not parts["dashes"]:
            return None
    return None


def _item_dash(source: Source, line: int, column: int, key: str | None) -> int | None:
    """The column of the dash of the list item whose keys stand at `column`, `line` one
    of them, when its first key is `key`, as the tabbed item's is (its sibling): a tabbed
    item after its sibling's last key ('url:') was told the key's 8 spaces, where the dash
    above stood at 6. A next question's '- id:' after a source is no sibling of it."""
    for _, text in lines_up_from(source, line):
        parts = LINE.fullmatch(text)
        if parts is None or _tabbed(text) or indent_of(text) > column:
            return None
        if parts["dashes"] and key_column(parts) == column:
            return len(parts["indent"]) if parts["key"] == key else None
        if indent_of(text) < column:
            return None  # left of the keys, and no item's dash: no list
    return None


def _block_above(source: Source, line: int) -> tuple[str, str, int, int] | None:
    """The `key: |` (or `>`) block that `line` stands in, as its key, its mark, the
    indentation of its text's first line and the key's column: the nearest such key
    above, with only blank lines or lines indented more than the key between."""
    first = 0  # the indentation of the line below the key
    least: int | None = None  # and the least of the lines between
    for number in range(line - 1, max(0, line - 2000), -1):
        text = source.line_text(number)
        if not text.strip():
            continue
        # (a line without | or > is no block's key: most lines are read without the regex)
        parts = LINE.fullmatch(text) if "|" in text or ">" in text else None
        if parts is not None and parts["key"] and BLOCK_INDICATOR.fullmatch(parts["value"]):
            if least is None or least <= key_column(parts):  # no line between, or one in
                return None  # line with the key or left of it, which ends its text
            return parts["key"], parts["value"].strip(), first, key_column(parts)
        lead = len(text) - len(text.lstrip(" \t"))
        if text.find("\t", 0, lead) >= 0:
            continue  # another line with a tab in its indentation
        first = lead  # (its spaces alone)
        least = first if least is None or first < least else least
    return None
