"""How often each question was asked of earlier candidates, read from the debrief CSVs
(`qbank debrief` writes one per candidate) in a folder: `packet --fresh-against DIR` prefers the
questions asked least, and `qbank usage DIR` prints the counts.

Questions must be refreshed "so candidates don't compare notes" (Google re:Work): a question
asked of many earlier candidates is the one most likely to be known in advance.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from qbank.bank.source import not_utf8
from qbank.errors import QbankError
from qbank.model import Bank, Question
from qbank.text import csv_delimiter
from qbank.untrusted import read_regular

NEEDED = ("candidate", "question_id")
_BREAK = re.compile(r"\r\n|\r|\n")  # a line's end, as the csv reader counts lines
# what to do about a quote that joins rows or cells: said by every refusal of one
_CLOSE_IT = (
    'close the quote where the cell ends (a quote inside a cell is written twice: ""), '
    "or write the file again with `qbank debrief`"
)
_SAVE_AS_UTF8 = (
    'Save the debrief CSV as UTF-8: in Excel choose "CSV UTF-8 (Comma delimited)"; in '
    'LibreOffice Calc tick "Edit filter settings" and choose "Unicode (UTF-8)". Or write it '
    "again with `qbank debrief`"
)
MAX_CSV_BYTES = 50_000_000  # far beyond years of debriefs; a larger file is not one
# rows of every debrief CSV of a folder together: 5 interviewers asking 50 questions of 2,000
# candidates. 49 MB of short rows, 4.4 million of them, took 48 s and ran out of 2 GB (an
# "internal error"), and 500,000 took 440 MB (a hostile trial)
MAX_ROWS = 500_000
# the ids no longer in the bank that usage names: 500,000 of them made one line of 4 MB
GONE_NAMED = 50


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
    rows = 0
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
        except UnicodeDecodeError as exc:  # said at its line, with how to save it as UTF-8
            writer = 'Excel\'s plain "CSV" writes'
            problem = not_utf8(data, exc, str(path), _SAVE_AS_UTF8, writer)
            raise QbankError(str(problem)) from None
        pairs = _asked(path, text, MAX_ROWS - rows)
        if pairs is None:
            continue
        for qid, who in pairs:
            asked.setdefault(qid, set()).add(who)
            everyone.add(who)
        rows += len(pairs)
        read.append(path)
    if not read:
        raise QbankError(
            f"{folder}: holds no debrief CSV (a .csv file with 'candidate' and 'question_id' "
            "columns, as `qbank debrief` writes)"
        )
    return Usage({k: frozenset(v) for k, v in asked.items()}, tuple(read), len(everyone))


_QUESTION_ID = re.compile(r"(?<![a-z0-9_])question_id(?![a-z0-9_])")


def _asked(path: Path, text: str, room: int) -> list[tuple[str, str]] | None:
    """Each row's question id and candidate (spacing and case aside) of a debrief CSV, at
    most `room` of them (more is refused); None for another CSV. A file that names a
    question_id column, or by its name is a debrief, and cannot be read row by row is
    refused at the line, where it was passed over as one of nobody interviewed (a review:
    a header row of commas over rows of ';', a column deleted)."""
    header, _, _ = text.partition("\n")
    delimiter = csv_delimiter(text)
    # strict: a quote never closed, or closed before more of its cell, is an error, where
    # the reader took in every row after it silently (a hostile trial's Ann,"first,3 lost
    # the interviews of the rows below)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    try:
        names = [" ".join(n.split()).casefold() for n in next(reader, [])]
        # its header names question_id as a word of its own ('related_question_ids' does
        # not: a review), or its name says it is a debrief
        named = _QUESTION_ID.search(header.casefold()) is not None
        debrief = named or "debrief" in path.name.casefold()
        if not set(NEEDED) <= set(names):
            if not debrief:
                return None
            missing = " and ".join(f"'{n}'" for n in NEEDED if n not in names)
            _refuse_an_invisible_character(path, names, missing)
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
                who_cell, qid_cell = (cells[i] if i < len(cells) else "" for i in at)
                who, qid = " ".join(who_cell.split()), " ".join(qid_cell.split())
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
                if delimiter in qid_cell or _BREAK.search(who_cell) or _BREAK.search(qid_cell):
                    _refuse_joined_cells(path, line, cells, at, delimiter)
                if len(pairs) == room:
                    raise QbankError(
                        f"{path}:{line}: the debrief CSVs in its folder hold more than "
                        f"{MAX_ROWS:,} rows together, far more than years of interviews "
                        "(5 interviewers asking 50 questions of 2,000 candidates); move the "
                        "oldest ones, or a CSV that is no debrief, out of the folder"
                    )
                pairs.append((qid, who.casefold()))
            line = reader.line_num + 1
    except csv.Error as exc:
        if (opened := _open_quote(text, delimiter, reader.line_num)) is not None:
            raise QbankError(f"{path}:{opened}") from None
        if "field limit" in str(exc):  # the csv module's words for a cell past its limit
            raise QbankError(
                f"{path}:{line}: a cell of the row that starts here holds more than "
                f"{csv.field_size_limit():,} characters, far more than a debrief's notes; "
                "shorten it, or write the file again with `qbank debrief`"
            ) from None
        said = f"{path}:{reader.line_num}: cannot read it as a debrief CSV: {exc}"
        raise QbankError(said) from None
    return pairs


def _refuse_an_invisible_character(path: Path, names: list[str], missing: str) -> None:
    """A header cell that is a needed column's name but for characters nobody sees: a
    byte-order mark saved twice ('\ufeff\ufeffcandidate') was told only that the header
    has no 'candidate' column (a hostile trial)."""
    for name in names:
        invisible = [c for c in name if unicodedata.category(c) in ("Cc", "Cf")]
        seen = "".join(c for c in name if c not in invisible)
        if not invisible or seen not in NEEDED:
            continue
        which = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(invisible))
        mark = " (a byte-order mark, which the file holds twice)" if "\ufeff" in name else ""
        raise QbankError(
            f"{path}:1: this debrief CSV's header cell '{seen}' holds a character that does "
            f"not show, {which}{mark}, so the header row has no {missing} column and the "
            f"questions asked cannot be counted: delete the cell, with the character that "
            f"does not show, and type '{seen}' in its place, or write the file again with "
            "`qbank debrief`"
        )


def _refuse_joined_cells(
    path: Path, line: int, cells: list[str], at: list[int], delimiter: str
) -> None:
    """A candidate's cell that holds a line break, or a question id's that holds one or the
    delimiter, was joined to what follows it by a quote closed too late: no name or id
    holds them, and the rows or cells taken in would go uncounted."""
    for what, i in zip(("candidate", "question id"), at, strict=True):
        cell = cells[i] if i < len(cells) else ""
        breaks = len(_BREAK.findall(cell))
        if not breaks and (what == "candidate" or delimiter not in cell):
            continue
        began = line + sum(len(_BREAK.findall(c)) for c in cells[:i])
        if breaks:
            held = "a line break"
            why = (
                f'a quote (") opens it here and closes only on line {began + breaks}, so '
                f"lines {began} to {began + breaks} are read as one cell and the interviews "
                "on them would not be counted"
            )
        else:
            held = f"{delimiter!r}, the separator of the cells"
            why = 'the quotes (") around it join cells of the row into one'
        raise QbankError(
            f"{path}:{began}: the {what} cell here holds {held}, which no "
            f"{'name' if what == 'candidate' else what} does: "
            f"{why}; {_CLOSE_IT}"
        )


def _open_quote(text: str, delimiter: str, lines: int) -> str | None:
    """Where a quote in the first `lines` lines opens a cell that it does not close (`LINE:
    message`): never closed, or closed before more of the cell, as the strict csv reader
    refuses it; None when they hold no such quote (the reader stopped for another reason,
    a cell past its limit)."""
    quoted = re.compile(r'"[^"]*(?:""[^"]*)*"')
    unquoted = re.compile(f"[^{re.escape(delimiter)}\r\n]*")
    stop = next((m.end() for n, m in enumerate(_BREAK.finditer(text), 1) if n == lines), None)
    at = 0
    while at < (len(text) if stop is None else stop):
        if text[at] == '"':
            match = quoted.match(text, at)
            end = match.end() if match else len(text)
            if match is None or (end < len(text) and text[end] not in f"{delimiter}\r\n"):
                line = len(_BREAK.findall(text, 0, at)) + 1
                if match is None:
                    how = (
                        "is never closed, so every line after it would be read as part of "
                        "that cell and the interviews on them not counted"
                    )
                else:
                    closed = len(_BREAK.findall(text, 0, end)) + 1
                    where = "on this line" if closed == line else f"on line {closed}"
                    how = (
                        f"is closed {where} before more of the cell, so its row cannot be "
                        "told apart from what follows and the interviews in it would not be "
                        "counted"
                    )
                return f'{line}: a cell here opens with a quote (") that {how}; {_CLOSE_IT}'
            at = end
        else:
            at = unquoted.match(text, at).end()  # type: ignore[union-attr]
        at += 1  # the delimiter or line break after the cell
    return None


def usage_lines(
    bank: Bank, usage: Usage, label: Callable[[Question], str] = attrgetter("label")
) -> list[str]:
    """A line per question of the bank (its `label`: the look's), how often it was asked,
    and the ids the debriefs name that the bank no longer has."""
    files, candidates = len(usage.files), usage.candidates
    lines = [
        f"{files} debrief CSV{'s' if files != 1 else ''}, {candidates} earlier "
        f"candidate{'s' if candidates != 1 else ''}; each question and how many of them were "
        "asked it:"
    ]
    width = max(len(q.id) for q in bank.questions)
    for q in bank.questions:
        times = usage.count(q.id)
        lines.append(f"{label(q):>4}  {q.id:<{width}}  {times}")
    known = {q.id for q in bank.questions}
    gone = sorted(qid for qid in usage.asked if qid not in known)
    if gone:
        # as Python writes it when it holds a control character: a NUL typed in a cell
        # went out raw (a hostile trial)
        shown = [qid if qid.isprintable() else repr(qid) for qid in gone[:GONE_NAMED]]
        more = f" and {len(gone) - GONE_NAMED:,} more" if len(gone) > GONE_NAMED else ""
        lines.append("not in the bank any more: " + ", ".join(shown) + more)
    return lines
