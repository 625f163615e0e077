"""Warnings about a bank that loads and builds, but maybe not as meant (`check` prints them;
`check --strict` fails on them), and facts last reviewed too long ago (`check --stale`)."""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from qbank.model import DEFAULT_MINUTES, Bank
from qbank.text import agrees, one_line, shorten

MAX_STALE_MONTHS = 1200  # a century: any more and the date passes the calendar's year 9999
# an item that starts as a list does in Markdown (and a list in a bank of plain text)
_LISTED = re.compile(r"\s*(?:[-*+\u2022]|\d{1,9}[.)])(?:\s|$)")


def bank_warnings(
    bank: Bank, *, stale_months: int | None = None, today: date | None = None
) -> list[str]:
    """Questions asked twice in the same words, a tag written in other capitals, a
    follow-up or look-for item written as a list (shown under two bullets), a hint that is
    a placeholder ('TODO'), and
    questions without `minutes` or `anchors` in a bank where others have them (the
    packet's time plan, or a study bank's booklet, then guesses for those; their
    interviewers have only the rubric's general anchors). With
    `stale_months`, also facts last reviewed more than that many months before `today`
    (default: today in UTC), or never."""
    warnings = []
    first: dict[str, str] = {}
    for q in bank.questions:
        text = " ".join(unicodedata.normalize("NFC", q.question).casefold().split())
        if text in first:
            warnings.append(
                f"{bank.location(q)}: warning: question '{q.id}': the same question text as "
                f"{first[text]}"
            )
        else:
            first[text] = f"question '{q.id}' (line {q.line})"
    spelt: dict[str, tuple[str, str]] = {}  # a tag in lower case: its first spelling, where
    told: set[str] = set()  # the other spellings, each said once
    for q in bank.questions:
        for tag in q.tags:
            key = tag.casefold()
            if key not in spelt:
                spelt[key] = (tag, f"question '{q.id}' (line {q.line})")
            elif spelt[key][0] != tag and tag not in told:  # Anki ignores case, the page not
                told.add(tag)
                warnings.append(
                    f"{bank.location(q)}: warning: question '{q.id}': the tag '{tag}' differs "
                    f"from the tag '{spelt[key][0]}' of {spelt[key][1]} only in capitals; the "
                    "Anki deck makes them one tag, the study page two: write them alike"
                )
    for q in bank.questions:
        for field, items in (("follow_ups", q.follow_ups), ("look_for", q.look_for)):
            for n, item in enumerate(items, start=1):
                if _LISTED.match(item):
                    warnings.append(
                        f"{bank.location(q)}: warning: question '{q.id}': {field} item {n} "
                        f"is written as a list ('{item.strip().splitlines()[0][:40]}'), and "
                        "each item is a point of one already: the booklet and the packets "
                        "show it under two bullets; write each point as an item of its own"
                    )
    warnings += _placeholder_hints(bank)
    without = [q for q in bank.questions if q.minutes is None]
    # a study bank's booklet counts DEFAULT_MINUTES in its section times, as a packet's time
    # plan does of one built of it (a study bank may be: a review)
    guessed = (
        "the packet's time plan guesses for {}"
        if bank.for_interviews
        else f"the booklet's section times (and a packet's time plan) count {{}} as "
        f"{DEFAULT_MINUTES} minutes"
    )
    warnings += _some_without(bank, without, "minutes", guessed)
    without = [q for q in bank.questions if not q.anchors]
    warnings += _some_without(
        bank,
        without,
        "anchors",
        "interviewers score {} against the rubric's general anchors only",
    )
    if stale_months is not None:
        why = staleness(bank.reviewed, stale_months, today or datetime.now(UTC).date())
        if why:
            warnings.append(f"{bank.source}: warning: {why}")
    return warnings


SAID_ONE_BY_ONE = 5  # more questions without a field than this are said in one warning
# a hint that holds a note to write one ('TODO'): a colleague's 'hint: TODO' reached a
# learner's card and study page as the answer, and check said nothing (a phone trial)
PLACEHOLDERS = frozenset(
    {"todo", "to do", "tbd", "tbc", "fixme", "xxx", "...", "…", "?", "??", "-", "n/a", "na"}
    | {"placeholder", "lorem ipsum", "answer", "hint", "write me", "to be written"}
)


def _placeholder_hints(bank: Bank) -> list[str]:
    """A warning for each question whose hint is a placeholder (PLACEHOLDERS, its case and
    the marks around it aside), past SAID_ONE_BY_ONE one that names the first few."""
    found = [q for q in bank.questions if _placeholder(q.hint)]
    outcome = "which learners and interviewers see as the answer; write what a strong answer covers"
    return _each_or_together(
        bank,
        found,
        lambda q: f"its hint is a placeholder ('{_begun(q.hint)}'), {outcome}",
        lambda named: (
            f"have a placeholder for a hint ('{_begun(found[0].hint)}' ...): {named}, {outcome}"
        ),
    )


def _begun(text: str) -> str:
    """`text` on one line, cut with '…' past 40 characters."""
    return shorten(one_line(text), 41, at_word=True)


def _each_or_together(
    bank: Bank, found: list, each: Callable[[Any], str], together: Callable[[str], str]
) -> list[str]:
    """A warning for each question of `found`, `each` saying what of it; past
    SAID_ONE_BY_ONE, one that names the first few, `together` saying what of all of them
    from that list of names on ('N questions ' before it)."""
    if len(found) <= SAID_ONE_BY_ONE:
        return [f"{bank.location(q)}: warning: question '{q.id}': {each(q)}" for q in found]
    named = ", ".join(f"'{q.id}' (line {q.line})" for q in found[:3])
    named += f" and {len(found) - 3} more"
    return [f"{bank.location(found[0])}: warning: {len(found)} questions {together(named)}"]


# a note to the writer in place of the hint: 'TODO: ask Dana', '[TBD] the ports' (a review);
# a dash joined to the word makes a word of it ('Todo-Liste' is German's to-do list)
_NOTE_TO_SELF = re.compile(
    r"[\[(<](?:todo|tbd|fixme)[\])>]"
    r"|(?:todo|tbd|fixme)\b\s*(?::|[\-\u2013\u2014](?![^\W\d_])|$)"
)


def _placeholder(hint: str) -> bool:
    """Whether `hint` is a placeholder: a word of PLACEHOLDERS alone, in any case, with
    marks around it ('TODO:', '[TBD]', '(todo)'), or a note to its writer that starts with
    one ('TODO: ask Dana')."""
    text = " ".join(hint.split()).casefold()
    return (
        text in PLACEHOLDERS
        or text.strip("[](){}<>:;,.!*_#- ") in PLACEHOLDERS
        or _NOTE_TO_SELF.match(text) is not None
    )


def _some_without(bank: Bank, without: list, field: str, outcome: str) -> list[str]:
    """A warning for each question of `without` (those lacking `field`) while other
    questions have it; past SAID_ONE_BY_ONE, one warning that names the first few (a
    course's bank with minutes on 2 of 25 questions printed 23 lines)."""
    have = len(bank.questions) - len(without)
    if not without or not have:
        return []
    share = f"while {have} of {len(bank.questions)} questions {agrees(have, 'has', 'have')} them"
    return _each_or_together(
        bank,
        without,
        lambda q: f"no '{field}', {share}; " + outcome.format("this one"),
        lambda named: (
            f"have no '{field}', {share}: {named}; "
            + outcome.format("those")
            + f" (give every question '{field}', or none)"
        ),
    )


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
