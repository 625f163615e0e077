"""Warnings about a bank that loads and builds, but maybe not as meant (`check` prints them;
`check --strict` fails on them), and facts last reviewed too long ago (`check --stale`)."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime

from qbank.model import Bank

MAX_STALE_MONTHS = 1200  # a century: any more and the date passes the calendar's year 9999


def bank_warnings(
    bank: Bank, *, stale_months: int | None = None, today: date | None = None
) -> list[str]:
    """Questions asked twice in the same words, and questions without `minutes` or
    `anchors` in a bank where others have them (the packet's time plan then guesses for
    those; their interviewers have only the rubric's general anchors). With
    `stale_months`, also facts last reviewed more than that many months before `today`
    (default: today in UTC), or never."""
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
    if stale_months is not None:
        why = staleness(bank.reviewed, stale_months, today or datetime.now(UTC).date())
        if why:
            warnings.append(f"{bank.source}: warning: {why}")
    return warnings


def staleness(reviewed: date | None, months: int, today: date) -> str | None:
    """Why a bank's facts need another review, or None while they are fresh."""
    if reviewed is None:
        return (
            "the bank has no 'reviewed' date, so nobody can tell how old its facts are; "
            "check them against their sources and add `reviewed: YYYY-MM-DD`"
        )
    if reviewed > today:
        return f"'reviewed' is {reviewed.isoformat()}, a day still to come"
    if today > add_months(reviewed, months):
        return (
            f"the facts were last checked on {reviewed.isoformat()}, more than {months} "
            f"month{'s' if months != 1 else ''} ago; check them against their sources "
            "and update 'reviewed'"
        )
    return None


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))
