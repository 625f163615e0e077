"""What a sheet said when `export` wrote it, and the three-way update of `import --into`.

Each exported row carries, in its last column, a short fingerprint of each of its fields as
written (the base). At `import --into`, a field is compared three ways: the sheet's cell,
the bank's field now and the base. A field the bank changed since the export and the sheet
did not keeps the bank's newer text (a stale sheet put two questions' old hints back, said
only as "2 updated": a new user's trial); one both changed otherwise is a conflict, and
nothing is written unless the user says which side wins.

The fingerprint (of the bank's name, the id and each field) is one cell of letters and
digits, after a mark no spreadsheet reads as a number or a date, so that Excel and
LibreOffice Calc save it as it is, in CSV or TSV, with any delimiter or encoding, and it
goes with its row when rows are sorted or deleted; its fields are named by their place in
a fixed list, so columns may be added, moved or deleted. A row of this bank's sheet whose
question the bank no longer has was deleted since, and is not added again unless the
sheet changed it. A row without one (an older export, a hand-made sheet, a new row)
imports as before.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qbank.bank.writer import Value
from qbank.errors import Problem
from qbank.model import Bank, Question, Source
from qbank.text import number_spellings, one_line, shorten, typed_as_date

# the column's header: what it is and that it is not to be edited, in a teacher's words
BASE_HEADER = "qbank base (do not edit)"
BASE_KEY = "!base"  # its key among a table's columns: no field of a bank
_MARK = "qb1-"  # the format's version: a new list of fields gets a new mark
# the fields of a question a sheet holds beside its id, in the order of its columns
# (spreadsheet.COLUMNS) and of a fingerprint's codes, after the id's: never reordered, or
# the fingerprints of sheets exported before are read wrong (a new list: a new _MARK)
SHEET_FIELDS = (
    "question",
    "hint",
    "section",
    "tags",
    "look_for",
    "follow_ups",
    "minutes",
    "note",
    "group",
    "sources",
    "competency",
    "anchors",
)
_BASE32 = re.compile("[a-z2-7]+")  # a code's characters, as _code writes them
_CODE = 3  # base32 characters a field: 15 bits, a change passes unseen once in 32,768


def _canonical(key: str, value: object) -> object:
    """A field's value as the model holds it or a sheet's row gives it, in one form: an
    empty field is none, minutes a number, anchors (score, text) pairs, each text's
    characters composed (NFC): a sheet saved decomposed, as macOS may, read each accented
    cell as changed, and a conflict where the bank had changed it (a review's trial)."""
    if value is None or value == "" or (isinstance(value, (list, tuple, dict)) and not value):
        return None
    if key == "minutes":
        return int(str(value)) if str(value).isdigit() else str(value)
    if key == "anchors":
        pairs = value.items() if isinstance(value, Mapping) else value
        return sorted([int(score), _nfc(text)] for score, text in pairs)  # type: ignore[union-attr]
    if isinstance(value, (list, tuple)):
        return [[_nfc(v.title), _nfc(v.url)] if isinstance(v, Source) else _nfc(v) for v in value]
    return _nfc(value)


def _nfc(value: object) -> str:
    return unicodedata.normalize("NFC", str(value))


def _code(key: str, value: object) -> str:
    data = json.dumps([key, _canonical(key, value)], ensure_ascii=False).encode("utf-8")
    digest = hashlib.sha256(data).digest()
    return base64.b32encode(digest).decode("ascii")[:_CODE].lower()


def fingerprint(bank: Bank, question: Question) -> str:
    """The base cell of `question`'s row: the codes of the bank's name and the question's
    id, then each field's."""
    codes = [_code(key, getattr(question, key)) for key in SHEET_FIELDS]
    return _MARK + "".join([_code("bank", bank.identity), _code("id", question.id), *codes])


def exported_question(base: str, qid: str) -> str | None:
    """The code of the question a row's `base` says was exported with the id `qid`, or
    None where it says another id or is no base."""
    codes = _codes(base)
    if codes is None or codes["id"] != _code("id", qid):
        return None
    return codes["question"]


def question_codes(bank: Bank) -> dict[str, list[str]]:
    """The bank's ids by the code of their question, as a base holds it."""
    found: dict[str, list[str]] = {}
    for question in bank.questions:
        found.setdefault(_code("question", question.question), []).append(question.id)
    return found


def _codes(cell: str) -> dict[str, str] | None:
    """The codes of a base cell by field ('id' first), or None for a cell that is none."""
    cell = cell.strip().lower()
    keys = ("bank", "id", *SHEET_FIELDS)
    if not cell.startswith(_MARK) or len(body := cell[len(_MARK) :]) != _CODE * len(keys):
        return None
    if not _BASE32.fullmatch(body):  # a damaged cell of the right length (a review)
        return None
    return {key: body[n * _CODE : (n + 1) * _CODE] for n, key in enumerate(keys)}


@dataclass
class Merged:
    """What the three-way comparison did: the fields that kept the bank's newer text, and
    the conflicts, by question id, each with its fields."""

    kept: dict[str, list[str]] = field(default_factory=dict)
    chosen: dict[str, list[str]] = field(default_factory=dict)  # conflicts a side won
    problems: list[Problem] = field(default_factory=list)
    unread: list[int] = field(default_factory=list)  # rows whose base is not theirs
    # the rows (by their index) of questions deleted from the bank since the export, which
    # are not added again, and their ids
    left_out: dict[int, str] = field(default_factory=dict)


def _as_value(key: str, value: object) -> Value:
    """The bank's field as a sheet's row holds it (update._same deems them the same)."""
    if key == "anchors":
        return {str(score): text for score, text in value}  # type: ignore[union-attr]
    if isinstance(value, tuple):
        return list(value)
    return value  # type: ignore[return-value]


def three_way(
    bank: Bank,
    columns: Sequence[str],
    questions: Sequence[dict[str, Value]],
    rows: Sequence[int],
    bases: Sequence[str],
    source: Path,
    prefer: str | None = None,
) -> Merged:
    """Each field of the sheet's rows (`questions`, as as_the_banks left them) that the
    bank changed since the export: kept as the bank has it where the sheet's cell is as
    exported; where the sheet changed it too, otherwise, a conflict, which `prefer`
    ("sheet" or "bank") settles, else a problem at its row. Fields are edited in place."""
    merged = Merged()
    by_id = {q.id: q for q in bank.questions}
    keys = [key for key in columns if key in SHEET_FIELDS]
    banks = _sheets_banks(bank, questions, bases)
    for n, (fields, row, base) in enumerate(zip(questions, rows, bases, strict=True)):
        question = by_id.get(str(fields["id"]))
        if not base.strip():
            continue
        codes = _codes(base)
        if question is None:  # added in the sheet, or deleted from the bank since
            if codes is not None and _deleted(banks, fields, codes):
                _left_out(merged, bank, keys, fields, codes, n, source, row, prefer)
            continue
        # a base of another bank's sheet (a row copied from it) compared with this bank
        # dropped the row's text as "the bank's newer text" (a review's trial)
        if codes is None or codes["bank"] not in banks or not _its_row(question, codes):
            merged.unread.append(row)
            continue
        for key in keys:
            own = getattr(question, key)
            if _code(key, own) == codes[key]:
                continue  # the bank's as exported: the sheet's change, if any, applies
            typed = fields.get(key)
            if _canonical(key, typed) == _canonical(key, own):
                continue  # changed alike on both sides
            as_exported = _as_exported(key, typed, codes[key])
            if as_exported or prefer == "bank":
                fields[key] = _as_value(key, own)
                said = merged.kept if as_exported else merged.chosen
                said.setdefault(question.id, []).append(key)
            elif prefer == "sheet":
                merged.chosen.setdefault(question.id, []).append(key)
            else:
                merged.problems.append(_conflict(bank, question, key, source, row))
    return merged


def _as_exported(key: str, typed: object, code: str) -> bool:
    """Whether the sheet's cell is as exported: its text, or what a spreadsheet wrote back
    for the text exported, a date for its day and month (a hint 1/2 saved 01/02/26) or a
    number (0.10 saved 0.1), which as_the_banks keeps as the bank's text only where the
    bank still has it: where the bank had changed it, the sheet was refused as changed on
    both sides (a review's trial)."""
    if _code(key, typed) == code:
        return True
    if not isinstance(typed, str):
        return False
    if (typed_now := typed_as_date(typed)) is not None and _code(key, typed_now) == code:
        return True
    return any(_code(key, spelt) == code for spelt in number_spellings(typed.strip()))


# the fields whose text tells a question from another bank's of the same id ('q1')
_TEXTS = ("question", "hint", "look_for", "note", "follow_ups")


def _its_row(question: Question, codes: Mapping[str, str]) -> bool:
    """Whether a row's base is of `question`: its id's, or its question's where the bank
    changed its id since (the row found by its question: as_the_banks)."""
    return codes["id"] == _code("id", question.id) or (
        codes["question"] == _code("question", question.question)
    )


def _sheets_banks(
    bank: Bank, questions: Sequence[Mapping[str, Value]], bases: Sequence[str]
) -> set[str]:
    """The codes of the bank's names a row's base may have to be this bank's: its name's,
    and the one most of the sheet's bases share where most of its rows of questions the
    bank has hold a text of theirs as the bank has it now (the bank's name when it was
    exported: a bank renamed or copied since; a renamed bank added again the questions it
    had deleted). A row copied from another bank's sheet has neither, nor has a sheet of
    another bank whose ids are the bank's ('q1')."""
    found = Counter(codes["bank"] for base in bases if (codes := _codes(base)) is not None)
    own = _code("bank", bank.identity)
    if not found or (common := found.most_common(1)[0][0]) == own:
        return {own}
    by_id = {q.id: q for q in bank.questions}
    alike = Counter[bool]()
    for fields, base in zip(questions, bases, strict=True):
        codes = _codes(base)
        if codes is None or codes["bank"] != common:
            continue
        if (question := by_id.get(str(fields["id"]))) is not None:
            alike[_holds_a_text_of(question, codes)] += 1
    return {own, common} if alike[True] > alike[False] else {own}


def _holds_a_text_of(question: Question, codes: Mapping[str, str]) -> bool:
    return any(
        getattr(question, key) and codes[key] == _code(key, getattr(question, key))
        for key in _TEXTS
    )


def _deleted(banks: set[str], fields: Mapping[str, Value], codes: Mapping[str, str]) -> bool:
    """Whether a row whose id the bank lacks was exported from this bank (`banks`: its
    names' codes) with that id: a question deleted from the bank since (a row copied from
    another bank's sheet, or given an id of its own, is a question to add)."""
    return codes["bank"] in banks and codes["id"] == _code("id", str(fields["id"]))


def _left_out(
    merged: Merged,
    bank: Bank,
    keys: Sequence[str],
    fields: Mapping[str, Value],
    codes: Mapping[str, str],
    n: int,
    source: Path,
    row: int,
    prefer: str | None,
) -> None:
    """A row of a question deleted from the bank since the export: left out where the
    sheet did not change it (a stale sheet added it again), else a conflict."""
    qid = str(fields["id"])
    changed = any(_code(key, fields.get(key)) != codes[key] for key in keys)
    if changed and prefer == "sheet":
        merged.chosen[qid] = ["deleted in the bank"]
    elif changed and prefer is None:
        merged.problems.append(
            Problem(
                str(source),
                row,
                f"question '{qid}' was deleted from the bank ({bank.source}) since the sheet "
                "was exported, and its row was changed here. Import with --prefer sheet to add "
                "it again, or with --prefer bank to leave it out; or delete this row",
            )
        )
    else:
        merged.left_out[n] = qid
        if changed:
            merged.chosen[qid] = ["deleted in the bank"]


def _conflict(bank: Bank, question: Question, key: str, source: Path, row: int) -> Problem:
    own = _canonical(key, getattr(question, key))
    said = "; ".join(
        " ".join(map(str, item)) if isinstance(item, list) else str(item)
        for item in (own if isinstance(own, list) else [own])
    )
    now = f"'{shorten(one_line(said), 50)}'" if own is not None else "nothing (it was emptied)"
    return Problem(
        str(source),
        row,
        f"question '{question.id}': its {key} was changed both in this sheet and in the "
        f"bank ({bank.location(question)}, which now has {now}) since the sheet was "
        f"exported. Make this {key} cell the text you want and import with --prefer sheet, "
        "or import with --prefer bank to keep the bank's; or export the bank again and make "
        "your changes in the new sheet",
    )
