"""How often each question was asked of earlier candidates, read from the debrief CSVs
(`qbank debrief` writes one per candidate) in a folder: `packet --fresh-against DIR` prefers the
questions asked least, and `qbank usage DIR` prints the counts.

Questions must be refreshed "so candidates don't compare notes" (Google re:Work): a question
asked of many earlier candidates is the one most likely to be known in advance.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from qbank.errors import QbankError
from qbank.model import Bank
from qbank.text import csv_delimiter
from qbank.untrusted import read_regular

NEEDED = ("candidate", "question_id")
MAX_CSV_BYTES = 50_000_000  # far beyond years of debriefs; a larger file is not one


@dataclass(frozen=True)
class Usage:
    """Per question id, the earlier candidates it was asked of (their names as typed)."""

    asked: Mapping[str, frozenset[str]]
    files: tuple[Path, ...]  # the debrief CSVs read
    candidates: int  # every earlier candidate of those files

    def count(self, qid: str) -> int:
        return len(self.asked.get(qid, ()))


def read_usage(folder: Path) -> Usage:
    """The debrief CSVs in `folder` (files ending .csv whose header names a candidate and a
    question id; other CSVs are passed over), counted."""
    folder = Path(folder)
    if not folder.is_dir():
        raise QbankError(f"{folder}: no such folder; give the folder of earlier debrief CSVs")
    asked: dict[str, set[str]] = {}
    everyone: set[str] = set()
    read: list[Path] = []
    for path in sorted(folder.glob("*.csv")):
        # a regular file within the limit: a link to /dev/zero took 18 GB, a FIFO hung (a
        # hostile trial)
        data = read_regular(
            path,
            "debrief CSV",
            MAX_CSV_BYTES,
            f"larger than {MAX_CSV_BYTES // 1_000_000} MB; not a debrief",
        )
        try:
            text = data.decode("utf-8-sig")
            # a debrief saved again by a spreadsheet in a European language has ';' (it was
            # passed over without a word, and its questions counted as unasked)
            rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))
            if not set(NEEDED) <= set(rows.fieldnames or ()):
                continue
            for row in rows:
                qid = (row.get("question_id") or "").strip()
                who = " ".join((row.get("candidate") or "").split()).casefold()
                if qid and who:
                    asked.setdefault(qid, set()).add(who)
                    everyone.add(who)
        except (UnicodeDecodeError, csv.Error) as exc:
            raise QbankError(f"{path}: cannot read it as a debrief CSV: {exc}") from None
        read.append(path)
    if not read:
        raise QbankError(
            f"{folder}: holds no debrief CSV (a .csv file with 'candidate' and 'question_id' "
            "columns, as `qbank debrief` writes)"
        )
    return Usage({k: frozenset(v) for k, v in asked.items()}, tuple(read), len(everyone))


def usage_lines(bank: Bank, usage: Usage) -> list[str]:
    """A line per question of the bank, how often it was asked, and the ids the debriefs
    name that the bank no longer has."""
    lines = [
        f"{len(usage.files)} debrief CSVs, {usage.candidates} earlier candidates; each "
        "question and how many of them were asked it:"
    ]
    width = max(len(q.id) for q in bank.questions)
    for q in bank.questions:
        times = usage.count(q.id)
        lines.append(f"{q.label:>4}  {q.id:<{width}}  {times}")
    known = {q.id for q in bank.questions}
    gone = sorted(qid for qid in usage.asked if qid not in known)
    if gone:
        lines.append("not in the bank any more: " + ", ".join(gone))
    return lines
