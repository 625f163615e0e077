"""The one home of question numbers.

Every artifact shows the same number for a question (the booklet's Q7 is the flashcard's Q7
and the packet's Q7), so the label is made here and nowhere else. Numbers follow bank order
and do not change when a build filters the bank.
"""


def question_label(number: int) -> str:
    return f"Q{number}"
