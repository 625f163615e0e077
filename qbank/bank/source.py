"""Positions in the bank's text as an editor shows them, and the excerpt under a message.

PyYAML also breaks lines at a lone CR, U+0085, U+2028 and U+2029; editors break only at LF
(and CRLF). Lines and columns here count the editor's way, from the character index of a
YAML mark, so every message after such a character still points at the right line.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from yaml.error import Mark

from qbank.errors import Problem

# Characters after which PyYAML's line count differs from an editor's
_OTHER_BREAKS = "\r\x85\u2028\u2029"


class Source:
    """The bank's text and its file name, for positions and excerpts."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self._starts: list[int] | None = None  # index of each line's first character
        self._editor_lines = not any(c in text for c in _OTHER_BREAKS)

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        return self._starts

    def line(self, mark: Mark) -> int:
        """The 1-based editor line of a YAML mark."""
        if self._editor_lines:
            return mark.line + 1
        return bisect_right(self.starts, mark.index)

    def position(self, index: int) -> tuple[int, int]:
        """The 1-based editor line and column of a character index."""
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        """Line `line` (1-based) without its line break; '' past the end."""
        if not 1 <= line <= len(self.starts):
            return ""
        start = self.starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : len(self.text) if end < 0 else end].removesuffix("\r")

    def problem(self, index: int, message: str) -> Problem:
        """A problem at a character index, shown with its source line and a caret."""
        line, column = self.position(index)
        return Problem(self.name, line, message, column, excerpt(self.line_text(line), column))


EXCERPT_WIDTH = 100  # characters of a long line shown around the column


def excerpt(line: str, column: int) -> str:
    """The source line and a caret under `column` (1-based); tabs kept so the caret aligns.
    Of a long line, only the part around the column is shown."""
    line = line.rstrip()
    if len(line) > EXCERPT_WIDTH:
        start = max(0, min(column - 1 - EXCERPT_WIDTH // 2, len(line) - EXCERPT_WIDTH))
        line = ("…" if start else "") + line[start : start + EXCERPT_WIDTH] + "…"
        column = column - start + (1 if start else 0)
    pad = "".join("\t" if c == "\t" else " " for c in line[: column - 1])
    return f"    {line.translate(_VISIBLE)}\n    {pad}^"


# Control characters shown as their pictures (␇ for U+0007), never sent to the terminal
_VISIBLE = {
    **{code: 0x2400 + code for code in range(0x20) if code != 0x09},
    0x7F: 0x2421,
    **{code: 0xFFFD for code in range(0x80, 0xA0)},
    **{code: 0xFFFD for code in range(0xD800, 0xE000)},
    0x2028: 0x2424,  # (a terminal would break the excerpt's line there)
    0x2029: 0x2424,
}


# files that are no text at all, by their first bytes
_NOT_TEXT = (
    (b"PK\x03\x04", "a zip archive (a Word or Excel document is one)"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc or .xls)"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
)


def looks_utf16(data: bytes) -> bool:
    """Whether `data` looks like UTF-16 (Excel's "Unicode Text", Windows' "Unicode"):
    every other byte of Latin text is zero, and Windows-1252 would read it as noise."""
    head = data[:4096]
    return head.count(b"\x00") * 3 > len(head)


def utf16_problem(source: str, how_to_save: str) -> Problem:
    """UTF-16 that qbank does not read, and `how_to_save` it as UTF-8."""
    return Problem(
        source,
        1,
        f"not UTF-8 text but UTF-16 (which Excel's \"Unicode Text\" and Windows' "
        f'"Unicode" write). {how_to_save}',
    )


def not_utf8(
    data: bytes, exc: UnicodeDecodeError, source: str, how_to_save: str, writer: str
) -> Problem:
    """A file that is not UTF-8: the line of the first bad byte, what the file most likely
    is (Windows-1252, which `writer`: "Excel writes"), and `how_to_save` it as UTF-8."""
    line = data[: exc.start].count(b"\n") + 1
    head = data[:4096]
    for magic, kind in _NOT_TEXT:
        if head.startswith(magic):
            return Problem(
                source,
                1,
                f"not a text file but {kind}; qbank reads banks and spreadsheets as text "
                "(a bank in YAML, a spreadsheet saved as CSV)",
            )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or looks_utf16(data):
        return utf16_problem(source, how_to_save)
    try:
        data.decode("cp1252")
        looks = f" (it looks like Windows-1252, which {writer})"
    except UnicodeDecodeError:
        looks = ""
    return Problem(
        source, line, f"not UTF-8 text: byte 0x{data[exc.start]:02x}{looks}. {how_to_save}"
    )
