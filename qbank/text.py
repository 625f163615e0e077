"""Text handling shared by every exporter.

Bank text is plain text: every character is shown as typed, except `backtick spans`, which
are inline code. Each output format has its own escaping (reportlab's paragraph markup,
Anki's HTML), and both are made here from one parse.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# A span opens with a run of backticks and closes with a run of the same length, as in
# Markdown; a backtick with no partner is an ordinary character.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


# A line break, a line separator or a paragraph separator: each is shown as a new line
# (HTML and reportlab would fold the separators into spaces).
_LINE_BREAK = re.compile("[\n\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    code: bool = False


def runs(text: str) -> Iterator[Run]:
    """Split text into plain runs and code runs (the code without its backticks)."""
    position = 0
    for match in _CODE_SPAN.finditer(text):
        code = match.group(2)
        if code.strip() == "":
            continue
        if match.start() > position:
            yield Run(text[position : match.start()])
        # Markdown strips one space each side so that `` `x` `` can show a backtick
        if len(code) > 2 and code[0] == " " and code[-1] == " " and code.strip():
            code = code[1:-1]
        yield Run(code, code=True)
        position = match.end()
    if position < len(text):
        yield Run(text[position:])


def plain(text: str) -> str:
    """The text as a reader sees it: code spans without their backticks."""
    return "".join(run.text for run in runs(text))


def to_html(text: str) -> str:
    """HTML for Anki fields: every character literal, code spans as <code>, breaks kept.

    Quotes stay as they are: the text only ever stands between tags, never in an attribute,
    and Anki's search matches a field's stored text (`model's`, not `model&#x27;s`)."""
    parts = []
    for run in runs(text):
        escaped = html.escape(run.text, quote=False)
        parts.append(f"<code>{escaped}</code>" if run.code else escaped)
    return _LINE_BREAK.sub("<br>", "".join(parts))


def to_reportlab(text: str, code_font: str) -> str:
    """reportlab Paragraph markup: every character literal, code spans in `code_font`."""
    parts = []
    for run in runs(text):
        escaped = _escape_reportlab(run.text)
        parts.append(f'<font face="{code_font}">{escaped}</font>' if run.code else escaped)
    return _LINE_BREAK.sub("<br/>", "".join(parts))


def _escape_reportlab(text: str) -> str:
    # reportlab's parser also unescapes entities and collapses runs of spaces; escape the
    # markup characters and keep runs of spaces with no-break spaces after the first.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"  +", lambda m: " " + "\u00a0" * (len(m.group()) - 1), escaped)


def missing_characters(text: str, has_glyph) -> list[str]:
    """Characters of `text` (once each, in order) for which `has_glyph(codepoint)` is false."""
    # each distinct character once: a long text repeats a few dozen characters
    return [c for c in dict.fromkeys(text) if not c.isspace() and not has_glyph(ord(c))]


def describe_characters(chars: Iterable[str]) -> str:
    """'U+1F600 😀, U+4E2D 中' for a warning message."""
    return ", ".join(f"U+{ord(c):04X} {c}" for c in chars)
