"""The debrief as CSV: one row per candidate, question and interviewer.

UTF-8 with a byte order mark, so that Excel shows accented names right. A cell that a
spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return)
gets a leading apostrophe, as OWASP advises against CSV injection; every other cell is the
text as typed.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from qbank.debrief.summarise import Debrief
from qbank.untrusted import shown

COLUMNS = (
    "candidate",
    "section",
    "question",
    "question_id",
    "question_text",
    "interviewer",
    "rating",
    "hint_given",
    "look_for_seen",
    "look_for_total",
    "look_for",
    "notes",
    "recommendation",
    "packet",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def rows(debriefs: Sequence[Debrief]) -> list[list[str]]:
    out = []
    for d in debriefs:
        verdicts = {v.packet: v for v in d.verdicts}
        for r in d.ratings:
            q = r.question
            verdict = verdicts[r.packet]
            recommendation = verdict.recommendation or " + ".join(verdict.ticked)
            values = (
                d.candidate,
                q.section,
                q.label,
                q.id,
                q.question,
                r.interviewer,
                r.score,
                "yes" if r.hint_given else "no",
                len(r.look_for),
                len(q.look_for),
                "; ".join(r.look_for),
                r.notes,
                recommendation,
                shown(r.packet),  # a name that is not UTF-8 as `ls` shows it
            )
            out.append([_cell(v) for v in values])
    return out


def write_csv(path: Path, debriefs: Sequence[Debrief]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as target:
        writer = csv.writer(target)
        writer.writerow(COLUMNS)
        writer.writerows(rows(debriefs))
    return path
