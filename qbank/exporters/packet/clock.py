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


def clock_text(minutes: int) -> str:
    """The time of day `minutes` after a midnight, 24-hour: 09:05; past the next midnight,
    00:15 (the plan runs on as a clock does)."""
    minutes %= MINUTES_A_DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def clock(minutes: int, at: int | None = None) -> str:
    """A time of the interview plan, `minutes` after the interview's start: 0:05, 1:20; with
    `at` (the interview's start, minutes after midnight), the time of day: 10:05."""
    if at is None:
        return f"{minutes // 60}:{minutes % 60:02d}"
    return clock_text(at + minutes)
