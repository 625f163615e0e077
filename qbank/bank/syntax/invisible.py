"""Characters an editor does not show that YAML reads: a line break where an editor
shows none, a byte-order mark past the file's start, a no-break space for a space.
"""

from __future__ import annotations

import itertools
import re

import yaml

from qbank.bank.source import Source
from qbank.bank.syntax.lines import LOADER, line_start

NBSP = "\u00a0"


# Characters PyYAML ends a line at where an editor shows none (a CR alone: where the file's
# lines end LF or CRLF), named as a reader can look them up
_HIDDEN_BREAKS = {
    "\r": "a carriage return (CR) alone",
    "\x85": "a next-line character (U+0085)",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
}
_HIDDEN_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


HIDDEN_BREAKS_TRIED = 3  # of a line's invisible line breaks, how many are tried as the cause


def stray_mark(source: Source, line: int) -> tuple[int, str] | None:
    """A byte-order mark (U+FEFF) past the file's start ('\ufefftitle:' on line 2, a file
    joined to another or a line moved): YAML's "did not find expected <document start>"."""
    text = source.line_text(line)
    at = len(text) - len(text.lstrip(" "))  # at the line's start, where YAML reads a key
    if text[at : at + 1] != "\ufeff" or line_start(source, line) + at == 0:
        return None
    return line_start(source, line) + at, (
        f"invalid YAML: a byte-order mark (U+FEFF, unseen in an editor) at line {line}, "
        f"column {at + 1}, which belongs only at a file's very start; delete it"
    )


HIDDEN_BREAK_LINES = 3  # the lines up to a YAML error looked at for a hidden line break


def hidden_break(source: Source, line: int) -> tuple[int, str] | None:
    """An invisible character on `line` at which YAML ends the line: pasted from a web
    page, a PDF or a word processor, it splits a text that an editor shows whole."""
    text = source.line_text(line)
    if "\r" in text and "\n" not in source.text:
        return None  # (a file whose every line ends CR alone is read as such)
    # the first few alone: YAML reads the bank twice for each
    tried = itertools.islice(_HIDDEN_BREAK.finditer(text), HIDDEN_BREAKS_TRIED)
    found = next((f for f in tried if _misread_at(source, line, f.start())), None)
    if found is None:
        return None
    return (
        line_start(source, line) + found.start(),
        f"invalid YAML: {_HIDDEN_BREAKS[found[0]]} at line {line}, column "
        f"{found.start() + 1}, which YAML reads as the end of a line though an editor may "
        "show none (text pasted from a web page or a PDF can hold one); delete it, or put "
        "a space in its place",
    )


def _misread_at(source: Source, line: int, column: int) -> bool:
    """Whether YAML reads the bank otherwise once the character at `column` of `line` is a
    space: in quotes it keeps a U+2028 as the text's own ('hint: "one<U+2028>two"', over
    lines too), and another mistake near it is the one to tell ('note: a: b' under it was
    told as the U+2028 to delete)."""
    at = line_start(source, line) + column

    def error(text: str) -> tuple[str | None, str | None] | None:
        try:
            yaml.compose(text, Loader=LOADER)
        except yaml.MarkedYAMLError as exc:
            return exc.problem, exc.context
        except yaml.YAMLError:
            return "", ""
        return None

    return error(f"{source.text[:at]} {source.text[at + 1 :]}") != error(source.text)


_NBSP_AS_SPACE = re.compile(r"^[ \t]*\u00a0|^[ \t\u00a0]*(?:-[ \t]*)*[\w-]*:?\u00a0|-\u00a0")
# the part of a line where YAML needs ordinary spaces: indentation, dashes, `key:` and the
# spaces after it
_LAYOUT = re.compile(r"[ \t\u00a0]*(?:-[ \t\u00a0]*)*(?:[\w-]+:[ \t\u00a0]*)?")


def no_break_space(source: Source, line: int) -> tuple[int, str] | None:
    text = source.line_text(line)
    found = _NBSP_AS_SPACE.search(text)
    if found is None:
        return None
    layout = _LAYOUT.match(text)
    end = layout.end() if layout else found.end()
    columns = [i + 1 for i, c in enumerate(text[:end]) if c == NBSP] or [found.end()]
    if len(columns) == 1:
        what = f"a no-break space (U+00A0) at line {line}, column {columns[0]}"
        fix = "replace it with a normal space"
    else:
        listed = ", ".join(map(str, columns[:-1])) + f" and {columns[-1]}"
        what = f"{len(columns)} no-break spaces (U+00A0) at line {line}, columns {listed}"
        fix = "replace each with a normal space"
    return (
        line_start(source, line) + columns[0] - 1,
        f"invalid YAML: {what}, where YAML needs normal spaces; {fix}",
    )
