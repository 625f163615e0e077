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
    question id; other CSVs are passed over, but one named a debrief or naming a question_id
    column that cannot be read is refused at its line), counted."""
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
        except UnicodeDecodeError as exc:
            raise QbankError(f"{path}: cannot read it as a debrief CSV: {exc}") from None
        pairs = _asked(path, text)
        if pairs is None:
            continue
        for qid, who in pairs:
            asked.setdefault(qid, set()).add(who)
            everyone.add(who)
        read.append(path)
    if not read:
        raise QbankError(
            f"{folder}: holds no debrief CSV (a .csv file with 'candidate' and 'question_id' "
            "columns, as `qbank debrief` writes)"
        )
    return Usage({k: frozenset(v) for k, v in asked.items()}, tuple(read), len(everyone))


def _asked(path: Path, text: str) -> list[tuple[str, str]] | None:
    """Each row's question id and candidate (spacing and case aside) of a debrief CSV;
    None for another CSV. A file that names a question_id column, or by its name is a
    debrief, and cannot be read row by row is refused at the line, where it was passed
    over as one of nobody interviewed (a review: a header row of commas over rows of ';',
    a column deleted)."""
    header, _, _ = text.partition("\n")
    delimiter = csv_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        names = [" ".join(n.split()).casefold() for n in next(reader, [])]
        debrief = "question_id" in header.casefold() or "debrief" in path.name.casefold()
        if not set(NEEDED) <= set(names):
            if not debrief:
                return None
            missing = " and ".join(f"'{n}'" for n in NEEDED if n not in names)
            raise QbankError(
                f"{path}:1: this debrief CSV's header row has no {missing} column (read "
                f"with {delimiter!r} between its cells), so the questions asked cannot be "
                "counted: put the header row back as `qbank debrief` wrote it, with the "
                "rows' separator, or move the file out of the folder"
            )
        at = [names.index(n) for n in NEEDED]
        pairs = []
        line = reader.line_num + 1
        for cells in reader:
            if any(c.strip() for c in cells):
                who, qid = (" ".join(cells[i].split()) if i < len(cells) else "" for i in at)
                if not (qid and who):
                    lacks = " and ".join(
                        w for w, v in (("candidate", who), ("question id", qid)) if not v
                    )
                    own = csv_delimiter(cells[0]) if len(cells) == 1 else delimiter
                    why = (
                        f"its cells are separated by {own!r}, the header row's by {delimiter!r}"
                        if own != delimiter
                        else f"{len(cells)} of the header row's {len(names)} cells"
                    )
                    raise QbankError(
                        f"{path}:{line}: this row has no {lacks} ({why}), so the questions "
                        "asked cannot be counted: save the file again as CSV with one "
                        "separator throughout and every row whole, or write it again with "
                        "`qbank debrief`"
                    )
                pairs.append((qid, who.casefold()))
            line = reader.line_num + 1
    except csv.Error as exc:
        said = f"{path}:{reader.line_num}: cannot read it as a debrief CSV: {exc}"
        raise QbankError(said) from None
    return pairs


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
