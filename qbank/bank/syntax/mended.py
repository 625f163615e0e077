"""A bank mended as a problem's advice says, read again for the problems after it."""

from __future__ import annotations

import itertools
import operator
import re

from qbank.bank.source import Source
from qbank.bank.syntax.brackets import dash_in_brackets, without_item_dashes
from qbank.bank.syntax.lines import LINE
from qbank.bank.written import COMMENT_KEPT, COMMENTS_ABOVE
from qbank.errors import Problem


class _Rewritten(Source):
    """`source` with lines written otherwise, as a problem's advice says (mended_as_told), and the
    numbers of those lines (`changed`). Its lines are kept as a list, their starts summed
    from their lengths and the lines changed found by identity, so that each problem after
    the first does not split, compare and index the bank's whole text again: a hostile
    bank's 400 runs of tabs in 40,000 lines spent two thirds of its check on that, against
    a sixth reading the bank again (bench/RESULTS.md)."""

    def __init__(self, source: Source, before: list[str], lines: list[str]) -> None:
        super().__init__("\n".join(lines), source.name)
        self.lines = lines
        # a line written anew is another object; one written as it was is no change
        written = itertools.compress(itertools.count(1), map(operator.is_not, before, lines))
        self.changed = frozenset(n for n in written if before[n - 1] != lines[n - 1])
        if not self.changed:
            self._starts = source.starts
            return
        # the lines' starts as `source`'s: the same before the first line changed, summed
        # over the lines changed, moved by as many characters after the last
        first, last = min(self.changed), max(self.changed)
        starts = source.starts[:first]
        for n in range(first, min(last + 1, len(lines))):
            starts.append(starts[-1] + len(lines[n - 1]) + 1)
        if last < len(lines):
            moved = starts[-1] - source.starts[last]
            starts += map(operator.add, source.starts[last + 1 :], itertools.repeat(moved))
        self._starts = starts

    def line_text(self, line: int) -> str:
        return self.lines[line - 1].removesuffix("\r") if 1 <= line <= len(self.lines) else ""


def _lines(source: Source) -> list[str]:
    """The lines of `source`, without their \\n: a rewritten bank's as they are kept."""
    return source.lines if isinstance(source, _Rewritten) else source.text.split("\n")


# advice that gives the line to write after its words, and an alternative after it
_WRITTEN = re.compile(
    r"(?:(?:(?:put the whole text in quotes|quotes instead)"
    r"(?:, its lines \d+-(?P<last>\d+) joined on one line(?:, (?:\\n)+ (?:between its "
    r"paragraphs|where \d+ blank lines part its paragraphs))*)?"
    rf"(?:{re.escape(COMMENT_KEPT)})?|"
    r"end it with a straight quote|write):|"
    r"as that one does: write) (?P<line>.+?)(?:; or, if its ' belongs .*)?$"
)
# advice that indents a line as another: the number of spaces it says
_INDENTED = re.compile(
    r"invalid YAML: this (?:key|line|list item|score|line of the text of '.*') is indented \d+ "
    r"spaces?, (?:but (?:.*?indented |the lines (?:above and below|under) it )(?P<like>\d+) "
    r"(?:spaces?|characters in)|(?:as the items of|less than|(?:no )?more than) .*; "
    r"indent it (?P<as>\d+) spaces?)"
)
# a question's field under a list's item, told to move left (too_deep)
_MOVED_LEFT = re.compile(
    r"is a field of a question, .*: move it left, to the question's fields: indent it "
    r"(?P<spaces>\d+) spaces?, as '[\w-]+:' on line \d+ is$"
)
# a tab in a block's text, told the spaces of the text's other lines
_TABBED_TEXT = re.compile(
    r"invalid YAML: a tab in the indentation of the text of '.*'; YAML indents with spaces "
    r"only: start the line with (?P<width>\d+) spaces?,"
)
_ALIKE = re.compile(
    r"; line them up, lines (?P<first>\d+)-(?P<last>\d+) each (?P<step>\d+) spaces? "
    r"(?P<how>more|less)$"
)


_COMMENTS_WRITTEN = re.compile(
    rf"put the whole text in quotes, .*{re.escape(COMMENTS_ABOVE)}: replace lines "
    r"(?P<first>\d+)-(?P<last>\d+) with the lines below$"
)
_BLOCK_WRITTEN = re.compile(
    r"write the text as a block, .*: replace lines (?P<first>\d+)-(?P<last>\d+) "
)
_TABBED = re.compile(
    r"invalid YAML: a tab in the indentation(?: of lines (?P<first>\d+)-(?P<last>\d+))?; YAML "
    r"indents with spaces only, so (?:replace (?:the|each) tab with (?P<width>\d+) spaces?|"
    r"delete (?:the|each) tab)$"
)


# a tab in a run of lines whose tabs stand for no one number, told each line's spaces
_TAB_INDENTS = re.compile(
    r"invalid YAML: a tab in the indentation(?: of lines (?P<first>\d+)-(?P<last>\d+))?; YAML "
    r"indents with spaces only, so start (?:(?:the line|each of these lines) with "
    r"(?P<spaces>\d+) spaces?|(?P<each>.*)), in place of (?:its|their) tabs and spaces$"
)
_LINES_WITH = re.compile(r"lines? (\d+)(?:-(\d+))? with (\d+) spaces?")


def _tab_indents_told(problem: Problem) -> dict[int, int] | None:
    """The spaces that each line starts with, as a tab's advice says (tabs._indents_said)."""
    told = _TAB_INDENTS.search(problem.message)
    if told is None:
        return None
    if told["spaces"] is not None:
        first, last = int(told["first"] or problem.line), int(told["last"] or problem.line)
        return {n: int(told["spaces"]) for n in range(first, last + 1)}
    return {
        n: int(spaces)
        for a, b, spaces in _LINES_WITH.findall(told["each"])
        for n in range(int(a), int(b or a) + 1)
    }


def mended_as_told(source: Source, problem: Problem) -> _Rewritten | None:
    """`source` with the line of `problem` written as it says: an item's dash in a list in
    brackets taken out (dash_in_brackets), the text quoted or the line written as said, the
    line indented or its tabs replaced as said; None for any other problem."""
    before = _lines(source)
    lines = list(before)
    if len(lines) != len(source.starts):  # pragma: no cover - a line ends with \n alone
        return None
    block = _BLOCK_WRITTEN.search(problem.message) if problem.advice else None
    if block is not None:
        return _in_quotes_over_lines(source, before, lines, int(block["first"]), int(block["last"]))
    above = _COMMENTS_WRITTEN.search(problem.message) if problem.advice else None
    if above is not None:  # the text in quotes on its first line, its comments left out
        first, last = int(above["first"]), int(above["last"])
        end = "\r" if lines[first - 1].endswith("\r") else ""
        lines[first - 1 : last] = [problem.advice.split("\n")[-1] + end] + [""] * (last - first)
        return _Rewritten(source, before, lines)
    if not 1 <= problem.line <= len(source.starts) or problem.advice:
        return None
    start = source.starts[problem.line - 1]
    index = start + problem.column - 1
    dash = dash_in_brackets(source, index) if problem.column else None
    text = lines[problem.line - 1]
    end = text[:-1] if text.endswith("\r") else text
    if dash is not None and problem.message.endswith(dash.message):
        lines[problem.line - 1] = (without_item_dashes(source, index) or "") + text[len(end) :]
    elif (tabbed := _TABBED.search(problem.message)) is not None:
        first = int(tabbed["first"] or problem.line)
        for n in range(first, int(tabbed["last"] or problem.line) + 1):
            line = lines[n - 1]
            bare = line.lstrip(" \t")
            lines[n - 1] = (
                line[: len(line) - len(bare)].replace("\t", " " * int(tabbed["width"] or 0)) + bare
            )
    elif (indents := _tab_indents_told(problem)) is not None:
        for n, spaces in indents.items():
            if lines[n - 1].strip():  # (a blank line between is no line of the run)
                lines[n - 1] = " " * spaces + lines[n - 1].lstrip(" \t")
    elif (alike := _ALIKE.search(problem.message)) is not None:
        step = int(alike["step"]) * (1 if alike["how"] == "more" else -1)
        for n in range(int(alike["first"]), int(alike["last"]) + 1):
            line = lines[n - 1]
            if line.strip() and step < 0 and not line.startswith(" " * -step):
                return None
            lines[n - 1] = (
                (" " * step + line if step > 0 else line[-step:]) if line.strip() else line
            )
    elif (tabbed_text := _TABBED_TEXT.search(problem.message)) is not None:
        lines[problem.line - 1] = " " * int(tabbed_text["width"]) + text.lstrip(" \t")
    elif (moved := _MOVED_LEFT.search(problem.message)) is not None:
        lines[problem.line - 1] = " " * int(moved["spaces"]) + text.lstrip(" ")
    elif (indented := _INDENTED.search(problem.message)) is not None:
        if "\t" in end[: len(end) - len(end.lstrip())]:
            return None
        lines[problem.line - 1] = " " * int(indented["like"] or indented["as"]) + text.lstrip(" ")
    elif (written := _WRITTEN.search(problem.message)) is not None:
        parts = LINE.fullmatch(end)
        line = written["line"]
        key = parts["key"] if parts is not None else None
        keyed = key is not None and line.startswith((f"{key}: ", f"- {key}: "))
        # an item of text, or one whose words before its colon YAML read as a key, quoted
        quoted_item = parts is not None and parts["dashes"] and line.startswith(('- "', "- '"))
        dashed = parts is not None and (key is None or quoted_item) and line.startswith("- ")
        if not (keyed or dashed) or " and - " in line:
            return None
        kept = parts["indent"] if line.startswith("- ") else parts["indent"] + parts["dashes"]
        lines[problem.line - 1] = kept + line + text[len(end) :]
        for n in range(problem.line, int(written["last"] or problem.line)):
            lines[n] = ""  # joined on the line above
    else:
        return None
    return _Rewritten(source, before, lines)


def _in_quotes_over_lines(
    source: Source, before: list[str], lines: list[str], first: int, last: int
) -> _Rewritten | None:
    """`source` with the text of lines `first` to `last` (a key's text over lines) in double
    quotes over the same lines, as YAML reads it; the block the advice writes takes a line
    more, and the lines of the problems after it would be told one off."""
    parts = LINE.fullmatch(lines[first - 1].removesuffix("\r"))
    if parts is None or not parts["key"] or not 1 <= first <= last <= len(lines):
        return None

    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"')

    for n in range(first, last + 1):
        text = lines[n - 1]
        end = len(text.removesuffix("\r"))
        start = parts.start("value") if n == first else end - len(text[:end].lstrip())
        opened = '"' if n == first else ""
        closed = '"' if n == last else ""
        lines[n - 1] = text[:start] + opened + escaped(text[start:end]) + closed + text[end:]
    return _Rewritten(source, before, lines)
