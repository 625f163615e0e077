"""Blackboard's question upload: one tab-delimited row a question, no header.

An essay row is `ESS`, the question, and the example answer, which graders see (here the
grader's text of grading.py). Blackboard reads each field as HTML, so a line break becomes
`<br>` and a tab `&#9;`: no raw tab or line break stands inside a field. Blackboard takes at
most 500 rows a file, so a larger bank is written in numbered parts.
"""

from __future__ import annotations

from qbank.exporters.lms.grading import Scale, Words, grader_html
from qbank.exporters.lms.texts import Attachments, mathjax_literal, pictures_warning
from qbank.model import Bank

MAX_ROWS = 500  # questions Blackboard's upload reads from one file


def field(html_text: str) -> str:
    """An HTML field with no raw tab or line break left in it, and none of the formulas
    Blackboard's editor typesets ($$, \\[ and \\(, as Moodle's MathJax filter does: its
    help pages) as typed."""
    html_text = mathjax_literal(html_text)
    return html_text.replace("\t", "&#9;").replace("\r", "").replace("\n", "<br>")


def rows(bank: Bank, scale: Scale = (), words: Words | None = None) -> list[str]:
    """A Markdown bank's texts as HTML (texts.py); the upload has no files, so a picture
    is its alt text. The grader's headings are in `words` (the look's lms/words.toml)."""
    texts = Attachments(bank, None, words)
    return [
        "\t".join(
            (
                "ESS",
                field(texts.inline(q.question, bank.language_of(q.section))),
                field(grader_html(bank, q, texts, scale, words)),
            )
        )
        for q in bank.questions
    ]


def pictures_left_out(bank: Bank) -> list[str]:
    """A line for each question whose texts show pictures, which the upload cannot carry
    (it has no files): Blackboard shows each as its alt text, and the learner is asked about
    a picture they cannot see."""
    remedy = (
        "each is its alt text in brackets; add them in Blackboard, or use --format qti or "
        "moodle, which carry them"
    )
    said = []
    for q in bank.questions:
        texts = [q.question, q.hint, q.note, *q.look_for, *q.follow_ups]
        texts += [text for _, text in q.anchors]
        if line := pictures_warning(bank, q, texts, "Blackboard's upload", remedy):
            said.append(line)
    return said


def parts(bank: Bank, scale: Scale = (), words: Words | None = None) -> list[list[str]]:
    """The rows in files of at most MAX_ROWS."""
    every = rows(bank, scale, words)
    return [every[i : i + MAX_ROWS] for i in range(0, len(every), MAX_ROWS)]
