"""The advice of `qbank check` on a YAML mistake followed as its reader would follow it, word
for word: the line it says to write written in place of the line (and of the lines it says
it joins), the lines it gives written in place of those it names, tabs and no-break spaces
replaced, a line indented as many spaces as it says. It reads only the printed messages,
never the code that wrote them, so that advice which cannot be followed as worded shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# FILE:LINE[:COLUMN]: message, as check prints each problem
_TOLD = re.compile(r"(?P<line>\d+)(?::(?P<column>\d+))?: (?P<message>.*)")


@dataclass(frozen=True)
class Told:
    line: int
    message: str
    lines_below: tuple[str, ...]  # the lines the advice gives to write ('the lines below')


def told(stderr: str, bank: str) -> list[Told]:
    """The problems `check` printed about the file `bank`, in the order printed."""
    said: list[Told] = []
    chunk: list[str] = []
    for line in [*stderr.splitlines(), f"{bank}:0: end"]:
        if not line.startswith(f"{bank}:"):
            chunk.append(line)
            continue
        if chunk and (head := _TOLD.fullmatch(chunk[0][len(bank) + 1 :])) is not None:
            below = tuple(chunk[3:]) if head["column"] else tuple(chunk[1:])
            said.append(Told(int(head["line"]), head["message"], below))
        chunk = [line]
    return said


def _indentation(text: str) -> str:
    return text[: len(text) - len(text.lstrip(" \t\u00a0"))]


def _set_indent(lines: list[str], number: int, spaces: int) -> None:
    text = lines[number - 1]
    lines[number - 1] = " " * spaces + text[len(_indentation(text)) :]


_BLOCK = re.compile(r"replace lines (\d+)-(\d+) with the lines below$")
_NBSP = re.compile(r"no-break spaces? \(U\+00A0\) at line (\d+), columns? ([\d, and]+),")
_TAB_RUN = re.compile(r"a tab in the indentation(?: of lines (\d+)-(\d+))?; YAML indents")
_TAB_WIDTH = re.compile(r"so replace (?:the|each) tab with (\d+) spaces?$")
_TAB_GONE = re.compile(r"so delete (?:the|each) tab$")
_TAB_SAME = re.compile(r"so start (?:the line|each of these lines) with (\d+) spaces?, in place")
_TAB_EACH = re.compile(r"so start (.*), in place of their tabs and spaces$")
_LINES_WITH = re.compile(r"lines? (\d+)(?:-(\d+))? with (\d+) spaces?")
_TAB_TEXT = re.compile(r"a tab in the indentation of the text .*: start the line with (\d+) space")
_ALIKE = re.compile(r"line them up, lines (\d+)-(\d+) each (\d+) spaces? (more|less)$")
_INDENT_TO = re.compile(
    r"(?:indent it (\d+) spaces?|is indented (\d+) (?:spaces?|characters in, after its dash); "
    r"line them up|lines (?:above and below|under) it (\d+) spaces?; line them up)"
)
_WRITE = re.compile(
    r"(?:; |: )(?:write|put the whole text in quotes|end it with a straight quote|"
    r"put it in (?:double|single) quotes instead|put it in double quotes)"
    r"(?P<how>[^:]*): (?P<written>.*)$"
)
_JOINED = re.compile(r"its lines (\d+)-(\d+) joined on one line")


def followed(lines: list[str], problem: Told) -> list[str] | None:
    """`lines` as `problem` says to write them; None where it says nothing to write, or
    nothing that can be written as worded."""
    lines, message, number = list(lines), problem.message, problem.line
    if block := _BLOCK.search(message):
        first, last = int(block[1]), int(block[2])
        return [*lines[: first - 1], *problem.lines_below, *lines[last:]]
    if spaces := _NBSP.search(message):
        text = list(lines[int(spaces[1]) - 1])
        for column in re.findall(r"\d+", spaces[2]):
            if text[int(column) - 1] != "\u00a0":
                return None
            text[int(column) - 1] = " "
        lines[int(spaces[1]) - 1] = "".join(text)
        return lines
    if tab := _TAB_TEXT.search(message):
        _set_indent(lines, number, int(tab[1]))
        return lines
    if run := _TAB_RUN.search(message):
        first, last = int(run[1] or number), int(run[2] or number)
        numbers = [n for n in range(first, last + 1) if lines[n - 1].strip()]
        if width := _TAB_WIDTH.search(message):
            with_spaces = " " * int(width[1])
        elif _TAB_GONE.search(message):
            with_spaces = ""
        elif same := _TAB_SAME.search(message):
            for n in numbers:
                _set_indent(lines, n, int(same[1]))
            return lines
        elif each := _TAB_EACH.search(message):
            for a, b, spaces in _LINES_WITH.findall(each[1]):
                for n in range(int(a), int(b or a) + 1):
                    _set_indent(lines, n, int(spaces))
            return lines
        else:
            return None
        for n in numbers:
            lead = _indentation(lines[n - 1])
            lines[n - 1] = lead.replace("\t", with_spaces) + lines[n - 1][len(lead) :]
        return lines
    if alike := _ALIKE.search(message):
        step = int(alike[3]) * (1 if alike[4] == "more" else -1)
        for n in range(int(alike[1]), int(alike[2]) + 1):
            if lines[n - 1].strip():
                _set_indent(lines, n, len(_indentation(lines[n - 1])) + step)
        return lines
    if indent := _INDENT_TO.search(message):
        _set_indent(lines, number, int(indent[1] or indent[2] or indent[3]))
        return lines
    if write := _WRITE.search(message):
        written = re.split(r"[;,] or, if ", write["written"])[0]
        text = lines[number - 1]
        if written.startswith("- ") and "- " in text:
            at = text.index("- ")
        else:
            key = written.split(":")[0] + ":"
            at = text.index(key) if key in text else len(_indentation(text))
        lines[number - 1] = text[:at] + written
        if joined := _JOINED.search(write["how"]):
            for n in range(int(joined[1]) + 1, int(joined[2]) + 1):
                lines[n - 1] = ""  # joined on the line above; kept, so later lines keep numbers
        return lines
    return None
