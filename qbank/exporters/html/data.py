"""The bank as the page's data: plain JSON inside a script element that no text can close.

The page never parses bank text as markup. Each text is a string, or, when it holds code
spans, a list whose odd items are code (split once here by `qbank.text.runs`, so the page
and the other artifacts agree on what is code). Question labels come from
`qbank.numbering`, so the page's Q7 is the booklet's Q7.
"""

from __future__ import annotations

import json

from qbank.model import Bank, Question
from qbank.text import runs

TextData = str | list[str]

# Inside <script type="application/json"> the HTML parser looks only for `</script` (and
# `<!--`), and JSON allows any character as a \u escape: escaping these five leaves no
# text that can end the element or confuse a JavaScript parser that reads it as a literal.
_SCRIPT_SAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def text_data(text: str) -> TextData:
    """A string without code spans; else [plain, code, plain, code, ...] (odd items code)."""
    if "`" not in text:  # most text: no span to look for
        return text
    parts: list[str] = [""]
    for run in runs(text):
        if run.code:
            parts.append(run.text)
            parts.append("")
        else:
            parts[-1] += run.text
    if len(parts) == 1:
        return parts[0]
    if parts[-1] == "":
        parts.pop()
    return parts


def question_data(question: Question, section_index: int) -> dict[str, object]:
    item: dict[str, object] = {
        "id": question.id,
        "label": question.label,
        "section": section_index,
        "question": text_data(question.question),
        "hint": text_data(question.hint),
    }
    if question.note:
        item["note"] = text_data(question.note)
    if question.anchors:
        item["anchors"] = [[score, text_data(text)] for score, text in question.anchors]
    if question.tags:
        item["tags"] = list(question.tags)
    if question.look_for:
        item["lookFor"] = [text_data(t) for t in question.look_for]
    if question.follow_ups:
        item["followUps"] = [text_data(t) for t in question.follow_ups]
    if question.minutes is not None:
        item["minutes"] = question.minutes
    return item


def bank_data(bank: Bank) -> dict[str, object]:
    """What the page shows and stores: `bank` (the file name) keys the saved ratings."""
    index = {section.name: n for n, section in enumerate(bank.sections)}
    return {
        "bank": bank.identity,
        "title": bank.title,
        "description": text_data(bank.description),
        "sections": [
            {"name": s.name, "description": text_data(s.description)} for s in bank.sections
        ],
        "questions": [question_data(q, index[q.section]) for q in bank.questions],
    }


def script_json(data: object) -> str:
    """JSON for the inside of a script element: compact, every character kept."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for unsafe, escaped in _SCRIPT_SAFE:  # str.replace: many times quicker than translate
        text = text.replace(unsafe, escaped)
    return text
