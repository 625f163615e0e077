"""The one home of question numbers.

Every artifact shows the same number for a question (the booklet's Q7 is the flashcard's Q7
and the packet's Q7), so the label is made here and nowhere else. Numbers follow bank order
and do not change when a build filters the bank.
"""


def question_label(number: int) -> str:
    return f"Q{number}"


MOST_RUNS = 6  # runs named in full; a section interleaved more is shortened


def label_ranges(numbers: list[int]) -> str:
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
        question_label(run[0])
        if len(run) == 1
        else f"{question_label(run[0])}\u2013{question_label(run[-1])}"
        for run in runs
    ]
    if len(named) > MOST_RUNS:  # a line, not a page: the first runs, then the last
        named = [*named[: MOST_RUNS - 1], "\u2026", named[-1]]
    return ", ".join(named)
