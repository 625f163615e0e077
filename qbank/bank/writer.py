"""Writing questions as bank YAML that reads back character for character.

Every text is a double-quoted scalar with escapes for whatever YAML would not keep as it is
(line breaks, tabs, the Unicode line separators, control characters, a byte-order mark), so
no value is read as a number, a truth value, a comment or markup. A question's text of
several lines is a `|` block, as a writer writes one, where a block keeps it exactly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from qbank.model import Source

# a field's value: text, a list of texts or of sources, a whole number, or anchors (score
# written as digits: text)
Value = str | int | Sequence[str] | Sequence[Source] | Mapping[str, str]
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
# what YAML would not keep as it is: control characters, the line and paragraph separators,
# a byte-order mark, lone surrogates and the noncharacters U+FFFE and U+FFFF
_UNSAFE = (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, 0xFEFF, *range(0xD800, 0xE000))
_UNSAFE += (0xFFFE, 0xFFFF, ord("\\"), ord('"'))
# str.translate looks each character up in C, where a re.sub callback ran Python once per
# character to escape (11 MB of backslashes took seconds)
_ESCAPE_TABLE = {
    code: _ESCAPES.get(chr(code)) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    for code in _UNSAFE
}
LIST_KEYS = ("tags", "look_for", "follow_ups")
# the texts written as a `|` block when they have several lines
BLOCK_KEYS = ("question", "hint", "note")
# what a `|` block cannot hold as it is: _UNSAFE but a line break, a tab, a backslash and a
# quote, which a block keeps
_NOT_IN_BLOCK = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in _UNSAFE if chr(c) not in '\n\t\\"') + "]"
)


def quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar on one line."""
    return '"' + text.translate(_ESCAPE_TABLE) + '"'


def block(text: str, indent: str) -> list[str] | None:
    """`text` as the lines of a `|` block, after its key, each line after `indent`; None
    when a block would not read back as `text` exactly: one line, a first line that starts
    with a blank (it would set the block's indent), a line that ends in a blank or is only
    blanks (editors drop those), more than one line break at its end, or a character a
    block cannot hold."""
    body = text[:-1] if text.endswith("\n") else text
    lines = body.split("\n")
    if (
        len(lines) < 2
        or not lines[0]
        or lines[0][0] in " \t"
        or any(line != line.rstrip(" \t") for line in lines)
        or body.endswith("\n")
        or _NOT_IN_BLOCK.search(text)
    ):
        return None
    chomp = "" if text.endswith("\n") else "-"
    return [f"|{chomp}", *(indent + line if line else "" for line in lines)]


def bank_yaml(
    title: str,
    sections: Sequence[str],
    questions: Sequence[Mapping[str, Value]],
    schema: str | None = None,
    *,
    description: str = "",
    section_descriptions: Mapping[str, str] | None = None,
    section_languages: Mapping[str, str] | None = None,
    competencies: Sequence[tuple[str, str, int]] = (),
    markup: str = "plain",
    role: str = "",
    organisation: str = "",
    reviewed: str = "",
    language: str = "",
    rubric: Sequence[tuple[int, str, str]] = (),
    vocabulary: Sequence[tuple[str, str]] = (),
) -> tuple[str, list[int]]:
    """A bank of `questions` (fields by key, in the loader's key order) as YAML text, and
    the line each question starts on; the bank and its sections may have descriptions, a
    section a language of its own; `competencies` are (name, description, weight), `rubric`
    (score, label, anchor) and `vocabulary` the tags (name, description)."""
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    lines.append(f"title: {quote(title)}")
    if role:
        lines.append(f"role: {quote(role)}")
    if organisation:
        lines.append(f"organisation: {quote(organisation)}")
    if reviewed:  # a day as a bank writes it; anything else quoted, for check to refuse
        day = re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", reviewed)
        lines.append(f"reviewed: {reviewed if day else quote(reviewed)}")
    if language:
        lines.append(f"language: {quote(language)}")
    if markup != "plain":
        lines.append(f"markup: {markup}")
    if description:
        lines.append(f"description: {quote(description)}")
    lines.append("")
    if rubric:
        lines.append("rubric:")
        for score, label, anchor in rubric:
            lines += [f"  - score: {score}", f"    label: {quote(label)}"]
            lines.append(f"    anchor: {quote(anchor)}")
        lines.append("")
    if vocabulary:
        lines.append("tags:")
        for name, about in vocabulary:
            lines += [f"  - name: {quote(name)}", f"    description: {quote(about)}"]
        lines.append("")
    if competencies:
        lines.append("competencies:")
        for name, about, weight in competencies:
            lines += [f"  - name: {quote(name)}", f"    description: {quote(about)}"]
            if weight != 1:
                lines.append(f"    weight: {weight}")
        lines.append("")
    lines.append("sections:")
    for name in sections:
        about = (section_descriptions or {}).get(name)
        language = (section_languages or {}).get(name)
        if about or language:
            lines.append(f"  - name: {quote(name)}")
            lines += [f"    description: {quote(about)}"] if about else []
            lines += [f"    language: {quote(language)}"] if language else []
        else:
            lines.append(f"  - {quote(name)}")
    lines += ["", "questions:"]
    starts = []
    for fields in questions:
        lines.append("")
        starts.append(len(lines) + 1)
        lines += question_yaml(fields)
    return "\n".join(lines) + "\n", starts


_DECIMAL = re.compile(r"\d+(\.\d+)?")


def question_yaml(fields: Mapping[str, Value]) -> list[str]:
    lines = []
    for key, value in fields.items():
        lead = "  - " if not lines else "    "
        if key == "minutes" and isinstance(value, str) and _DECIMAL.fullmatch(value):
            # a number (3.5 is refused by its value, not as text); other text is refused
            lines.append(f"{lead}{key}: {value}")
        elif isinstance(value, int):
            lines.append(f"{lead}{key}: {value}")
        elif isinstance(value, str):
            written = block(value, "      ") if key in BLOCK_KEYS else None
            if written:
                lines.append(f"{lead}{key}: {written[0]}")
                lines += written[1:]
            else:
                lines.append(f"{lead}{key}: {quote(value)}")
        elif isinstance(value, Mapping):  # anchors: score -> text, the score a plain number
            lines.append(f"{lead}{key}:")
            lines += [f"      {score}: {quote(text)}" for score, text in value.items()]
        elif value:
            lines.append(f"{lead}{key}:")
            for item in value:
                if isinstance(item, Source):
                    lines += [
                        f"      - title: {quote(item.title)}",
                        f"        url: {quote(item.url)}",
                    ]
                else:
                    lines.append(f"      - {quote(item)}")
    return lines
