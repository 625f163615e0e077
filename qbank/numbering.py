"""The one home of question numbers.

Every artifact shows the same number for a question (the booklet's Q7 is the flashcard's Q7
and the packet's Q7), so the label is made here and nowhere else. Numbers follow bank order
and do not change when a build filters the bank. The word before the number ('Q') is the
look's: each artifact's words file has a `question_label` (a German look's F7), declared
beside its reader with look.LABEL_WORD; ids, file and field names and what the debrief reads back
are made from the number, never from the word.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

QUESTION_LABEL = "Q"  # the built-in look's word, and a look's from before it was one
LABEL_KEY = "question_label"  # its key in each words file
LABEL_LONGEST = 3  # characters: 'Nr.' and a number of four digits fill the booklet's gutter


def label_word(words: Mapping[str, Any]) -> str:
    """The word of a words file's `question_label`, 'Q' when the file is from before it."""
    return str(words.get(LABEL_KEY, QUESTION_LABEL))


def question_label(number: int, word: str = QUESTION_LABEL) -> str:
    return f"{word}{number}"


MOST_RUNS = 6  # runs named in full; a section interleaved more is shortened


def label_ranges(numbers: list[int], word: str = QUESTION_LABEL) -> str:
    """The labels of `numbers` (in order) with each run of consecutive ones as a range:
    'Q1–Q3', or 'Q1, Q4' for a section whose questions the bank interleaves with
    another's."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    named = [
        question_label(run[0], word)
        if len(run) == 1
        else f"{question_label(run[0], word)}\u2013{question_label(run[-1], word)}"
        for run in runs
    ]
    if len(named) > MOST_RUNS:  # a line, not a page: the first runs, then the last
        named = [*named[: MOST_RUNS - 1], "\u2026", named[-1]]
    return ", ".join(named)
