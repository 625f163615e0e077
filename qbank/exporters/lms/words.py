"""The words the LMS files put around a bank's own text (templates/lms/words.toml): the
headings of a question's grader information and of the bank's category, a competency's
weight and what stands between a label and its text.

`qbank import` reads these files back into a bank's fields, so the look may change the
words but not what import needs to find them: a heading in other words than qbank's own
English carries its part's name as a class (grading.py), the weight stays a number in
parentheses and the mark after a label stays one mark (checked here, with the look).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from qbank import look
from qbank.bank.html_text import BANK_HEADINGS, GRADER_HEADINGS, LABEL_END, WEIGHT
from qbank.look import Problems
from qbank.paths import Templates

WORDS_FILE = "lms/words.toml"
Words = Mapping[str, str]  # the look's lms/words.toml (load_words)
HEADINGS = (*GRADER_HEADINGS, *BANK_HEADINGS)
TABLE_WORD = "table"  # names a table's box (rich_html.table)
LMS_WORDS = look.words(
    "\n".join((*HEADINGS, "weight: weight", "after_label", TABLE_WORD)), later=(TABLE_WORD,)
)


def _importable(found: dict[str, Any], templates: Templates) -> Problems:
    """The words that `qbank import` could not find its way past in a file, each said."""
    problems = []
    if not re.fullmatch(LABEL_END, html.escape(found["after_label"].format(), quote=False)):
        problems.append(
            f"after_label: {found['after_label']!r} should be one mark with a space before "
            "it, after it or both (': ', ' : ', ' – '), so that `qbank import` finds where "
            "the text after a label starts"
        )
    weight = html.escape(found["weight"].replace("{weight}", "2").format(), quote=False)
    if "{weight}" not in found["weight"] or not re.fullmatch(WEIGHT, weight):
        problems.append(
            f"weight: {found['weight']!r} should be {{weight}} in parentheses with words of "
            "your own and no other digit, as ' (weight {weight})', so that `qbank import` "
            "finds the weight"
        )
    return problems


look.declare(WORDS_FILE, LMS_WORDS, _importable)


def load_words(templates: Templates | None = None) -> dict[str, str]:
    """The LMS files' words of a build's look (`templates`; the built-in look when none),
    `{{` and `}}` read as the brace they stand for, as in every words file; `weight` keeps
    its {weight} to fill."""
    found = look.values(WORDS_FILE, templates or Templates())
    found = look.with_later(WORDS_FILE, found, LMS_WORDS.later)  # a look from before them
    return {key: value if key == "weight" else value.format() for key, value in found.items()}
