"""The interview's times: minutes from its start (0:05), or, with --start, the time of day
on a 24-hour clock (10:05), read from what a person types and written one way, HH:MM, which
every language the packet is written in reads."""

from __future__ import annotations

import re
import unicodedata

MINUTES_A_DAY = 24 * 60

# 9:30 and 09:30, 14.30 (as Danish, Finnish, Norwegian and British English write it), 14h30
# and 14h (French), 9am, 2:30 pm and 2.30 p.m. (as a calendar takes them); not a bare 9 or
# 0930, whose hours and minutes a reader has to guess
_TIME = re.compile(
    r"(?P<hour>[0-9]{1,2})(?:(?P<mark>[:.h])(?P<minute>[0-9]{2})|(?P<h>h))?"
    r"\s*(?:(?P<half>[ap])\.?m\.?)?",
    re.IGNORECASE | re.ASCII,
)
SAY_TIME = "give the time of day as HH:MM on a 24-hour clock, such as 09:30 or 14:00"


def time_of_day(text: str) -> int:
    """The minutes after midnight of a time of day as a person types it (see _TIME), or a
    ValueError that says what to type instead. Full-width digits and colons, as a Japanese
    keyboard types them, count as theirs."""
    typed = unicodedata.normalize("NFKC", text).strip()
    found = _TIME.fullmatch(typed)
    if found is None or (found["mark"] is None and found["h"] is None and not found["half"]):
        raise ValueError(SAY_TIME)
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    if found["half"]:
        if not 1 <= hour <= 12 or minute > 59:
            raise ValueError(f"with am or pm, the hour is 1 to 12; or {SAY_TIME}")
        hour = hour % 12 + (12 if found["half"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"no clock shows {hour}:{minute:02d}; {SAY_TIME}")
    return hour * 60 + minute


def read_start(text: str) -> str:
    """--start as the option keeps it: 9.30 is 09:30 (and 09:30 stays 09:30)."""
    return clock_text(time_of_day(text))


def clock_text(minutes: int, since: int | None = None) -> str:
    """The time of day `minutes` after a midnight, 24-hour: 09:05. With `since`, the
    minutes of the first time its document shows (the interview's start, or the panel's on
    the coordinator's sheet), a time on a later day says how many days later, as a
    timetable does: 00:15 (+1), a no-break space before the mark (a plan past midnight
    said 00:15 beside 23:45, with nothing to tell it from the morning). Without, the
    clock's time alone, 00:15."""
    shown = f"{minutes % MINUTES_A_DAY // 60:02d}:{minutes % 60:02d}"
    days = 0 if since is None else minutes // MINUTES_A_DAY - since // MINUTES_A_DAY
    return f"{shown}{NEXT_DAY.format(days=days)}" if days > 0 else shown


# after a time on a later day than its document's first, the days later
NEXT_DAY = "\u00a0(+{days})"
NEXT_DAY_MARK = "\u00a0(+"  # what every such time holds


def clock(minutes: int, at: int | None = None, since: int | None = None) -> str:
    """A time of the interview plan, `minutes` after the interview's start: 0:05, 1:20; with
    `at` (the interview's start, minutes after midnight), the time of day: 10:05, on a
    later day than `since` (by default `at`'s) with its mark, 00:15 (+1)."""
    if at is None:
        return f"{minutes // 60}:{minutes % 60:02d}"
    return clock_text(at + minutes, at if since is None else since)


def clock_span(start: int, end: int, since: int) -> tuple[str, str]:
    """An interview's start and end as a timetable writes them from `since` on: the end
    with its mark where it falls on a later day (23:30 to 00:15 (+1)); the start with none
    where it falls on the end's day, whose mark says it for both (00:25 to 01:10 (+1)), and
    with its own, from `since`, where it falls on the day before the end's (an interview
    runs under a day, so its start is on the end's day or the one before)."""
    ends = clock_text(end, since)
    same_day = start // MINUTES_A_DAY == end // MINUTES_A_DAY
    return (clock_text(start) if same_day else clock_text(start, since)), ends
