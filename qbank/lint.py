"""Warnings about a bank that loads and builds, but maybe not as meant (`check` prints them;
`check --strict` fails on them)."""

from __future__ import annotations

from qbank.model import Bank


def bank_warnings(bank: Bank) -> list[str]:
    """Questions asked twice in the same words, and questions without `minutes` or
    `anchors` in a bank where others have them (the packet's time plan then guesses for
    those; their interviewers have only the rubric's general anchors)."""
    warnings = []
    first: dict[str, str] = {}
    for q in bank.questions:
        text = " ".join(q.question.casefold().split())
        if text in first:
            warnings.append(
                f"{bank.location(q)}: warning: question '{q.id}': the same question text as "
                f"{first[text]}"
            )
        else:
            first[text] = f"question '{q.id}' (line {q.line})"
    timed = sum(q.minutes is not None for q in bank.questions)
    if 0 < timed < len(bank.questions):
        for q in bank.questions:
            if q.minutes is None:
                warnings.append(
                    f"{bank.location(q)}: warning: question '{q.id}': no 'minutes', while "
                    f"{timed} of {len(bank.questions)} questions have them; the packet's time "
                    "plan guesses for this one"
                )
    anchored = sum(bool(q.anchors) for q in bank.questions)
    if 0 < anchored < len(bank.questions):
        for q in bank.questions:
            if not q.anchors:
                warnings.append(
                    f"{bank.location(q)}: warning: question '{q.id}': no 'anchors', while "
                    f"{anchored} of {len(bank.questions)} questions have them; interviewers "
                    "score this one against the rubric's general anchors only"
                )
    return warnings
