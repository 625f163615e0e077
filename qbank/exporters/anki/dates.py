"""The dates of a deck's notes and note type, kept for what the bank did not change.

Anki's import compares dates, not content: with its default "Update notes: if newer" (and
"Update note types: if newer") it replaces a note in the learner's collection, fields and
tags, only when the deck's note is newer than the one it has, and the note type likewise
(rslib's apkg importer: `maybe_update_note`, `merge_or_remap_notetype`). A deck whose
every note carried the build's time therefore replaced every note at each change of the
bank, and a learner's own tags and edits on notes the author never touched went with them.

A note needs the date of its content: when the bank last changed what the deck says of it.
The bank holds no such date (one modification time for the whole file), and the build has
no history of its own; the deck qbank wrote before at the same path holds exactly what
learners were handed, with each note's date. So that deck is read as a cache: a note whose
fields, tags, note type and decks are those it had there keeps its date there, and the note
type, when its templates, style and fields are as they were, keeps its own. Everything
else takes the build's time. A sidecar file of dates could drift from the deck it describes
(copied without it, or the deck rebuilt by an older qbank); the deck cannot.

The file is read as one from outside (qbank.untrusted: a regular file, within limits; the
collection as data in an in-memory database, its tables checked, its rows and JSON values
counted before any is read into memory, its work bounded). A date there is taken only when
it is earlier than this build's, so no file makes a deck's note newer than its build; a
file that is missing gives no dates, and one that cannot be read as a deck gives none and a
warning: the build is then what it is in an empty folder.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from qbank.errors import FileError
from qbank.untrusted import Archive

COLLECTION = "collection.anki2"
# the collection of the largest bank's deck (20 MB of YAML, 20,000 questions) is about
# 100 MB; 5,000 notes take 25 MB
MOST_BYTES = 256 << 20
# what a note type's stored form holds beyond its content: its date, Anki's sync counter,
# and the deck it last added notes to (the last section's, which names no look)
_NOT_CONTENT = ("mod", "usn", "did")
# the virtual machine's steps of a read: a deck of 5,000 notes takes about 60,000; a view
# or a generated column could make a query of a hostile file run for ever
_PROGRESS_EVERY = 10_000
_MOST_STEPS = 50_000_000
# what a collection may hold to be read into memory, counted first: read, each row and JSON
# value is an object of some 100 bytes, and a file of small ones took 25 bytes for each of
# its own (a trial: 40 MB of a note type's JSON, 1.2 GB). The largest bank's deck holds
# 20,000 notes and as many cards (a two-way deck up to twice that) and, were each question
# a section of its own, some 500,000 values (a section's deck is 25).
_MOST_ROWS = 1_000_000
_MOST_VALUES = 2_000_000


@dataclass(frozen=True)
class Place:
    """Where a deck had a note: its note type, its last field and its cards' decks."""

    note_type: str
    last_field: str
    decks: tuple[str, ...]


@dataclass(frozen=True)
class Dates:
    """A deck's notes by GUID and note types by id: what each says, and its date."""

    notes: dict[str, tuple[bytes, int]] = field(default_factory=dict)
    note_types: dict[str, tuple[str, int]] = field(default_factory=dict)
    # each note's place: its note type's id, its last field (a qbank note's question id) and
    # its cards' decks, for what learners of that deck must change by hand (changes.py)
    places: dict[str, Place] = field(default_factory=dict)


def dates_of(db: sqlite3.Connection) -> Dates:
    """What each note and note type of a deck's collection says, and its date."""
    found = _notes(db)
    notes = {guid: (said, date) for _, guid, said, date, _ in found}
    places = {guid: place for _, guid, _, _, place in found}
    return Dates(notes, _note_types(db), places)


def _notes(db: sqlite3.Connection) -> list[tuple[int, str, bytes, int, Place]]:
    """Each note's id, GUID, what it says (a digest), date and place. A note says its note
    type, fields and tags, and the decks of its cards: a question moved to another section
    is a changed note."""
    [(decks_json,)] = db.execute("SELECT decks FROM col").fetchall()
    decks = {str(key): deck["name"] for key, deck in _object(decks_json).items()}
    cards: dict[int, list[str]] = {}
    for nid, did in db.execute("SELECT nid, did FROM cards"):
        cards.setdefault(nid, []).append(decks.get(str(did), ""))
    found = []
    for nid, guid, mid, mod, tags, fields in db.execute(
        "SELECT id, guid, mid, mod, tags, flds FROM notes"
    ):
        in_decks = sorted(cards.get(nid, []))
        said = json.dumps([str(mid), fields, tags, in_decks])
        digest = hashlib.sha256(said.encode("utf-8")).digest()
        last = str(fields).rpartition("\x1f")[2]
        place = Place(str(mid), last, tuple(in_decks))
        found.append((nid, str(guid), digest, _date(mod), place))
    return found


def _note_types(db: sqlite3.Connection) -> dict[str, tuple[str, int]]:
    """Each note type's id, what it says (its stored form but `_NOT_CONTENT`) and date."""
    [(models_json,)] = db.execute("SELECT models FROM col").fetchall()
    found = {}
    for key, model in _object(models_json).items():
        content = {k: v for k, v in _object(model).items() if k not in _NOT_CONTENT}
        found[str(key)] = (json.dumps(content, sort_keys=True), _date(model.get("mod")))
    return found


def _object(value: object) -> dict:
    """A JSON object of the collection (its `col` row's decks and note types)."""
    found = json.loads(value) if isinstance(value, str | bytes) else value
    if not isinstance(found, dict):
        raise ValueError("not a JSON object")
    return found


def _date(value: object) -> int:
    """A stored date; 0, which no build's time is before, when it is none."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def earlier_dates(path: Path, warn: Callable[[str], None]) -> Dates:
    """The dates of the deck at `path`, the one this build replaces; none when there is no
    file there, and none with a warning when it is not a deck that can be read."""
    if path.is_dir() or not (path.exists() or path.is_symlink()):
        return Dates()  # a folder there: the build says it cannot write the deck
    try:
        with Archive(path, "deck", "not a deck that can be read{why}", MOST_BYTES) as archive:
            data = archive.read(COLLECTION)
        return _read_collection(data)
    except FileError as exc:
        reason = exc.reason
    except (sqlite3.Error, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        reason = "not a deck qbank wrote, or a damaged one"
    warn(
        f"{path}: warning: {reason}; the new deck replaces it with every note dated this "
        "build's time (no earlier deck to keep a date from), so importing it replaces "
        "learners' own tags and edits on every note"
    )
    return Dates()


def _read_collection(data: bytes) -> Dates:
    """`dates_of` the collection `data`, read as a file from outside: its tables must be
    tables (a view runs a query of its own), and the work stops at `_MOST_STEPS`."""
    with closing(sqlite3.connect(":memory:")) as db:
        # no text or JSON longer than the file, whatever a generated column would make
        db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, max(len(data), 1 << 20))
        db.deserialize(data)
        db.execute("PRAGMA query_only = ON")
        db.execute("PRAGMA trusted_schema = OFF")
        steps = iter(range(_MOST_STEPS // _PROGRESS_EVERY))
        db.set_progress_handler(lambda: next(steps, None) is None, _PROGRESS_EVERY)
        tables = {
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not {"col", "notes", "cards"} <= tables:
            raise ValueError("not a collection")
        for table in ("notes", "cards"):
            if db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > _MOST_ROWS:
                raise ValueError(f"more {table} than a deck of qbank's holds")
        for row in db.execute("SELECT decks, models FROM col"):
            if sum(_most_values(value) for value in row) > _MOST_VALUES:
                raise ValueError("more values than a deck of qbank's holds")
        return dates_of(db)


def _most_values(text: object) -> int:
    """How many values the JSON `text` can hold at most: each but a container's first
    follows a comma, and each first opens its container (a comma in a string counts too)."""
    if isinstance(text, bytes):
        return 1 + sum(text.count(mark) for mark in (b",", b"[", b"{"))
    if isinstance(text, str):
        return 1 + sum(text.count(mark) for mark in ",[{")
    return 0


def keep_dates(db: sqlite3.Connection, earlier: Dates, timestamp: int) -> None:
    """Date each note and note type of the collection `db`, written at `timestamp`, as
    `earlier` did when it says the same and its date is earlier; the others keep
    `timestamp`. A note's cards take its date."""
    if not (earlier.notes or earlier.note_types):
        return  # a deck built into an empty folder: as it always was
    kept = []  # (date, note id): an index finds a note's cards, but not a GUID's note
    for nid, guid, content, _, _ in _notes(db):
        said, date = earlier.notes.get(guid, (b"", 0))
        if said == content and 0 < date < timestamp:
            kept.append((date, nid))
    db.executemany("UPDATE notes SET mod = ? WHERE id = ?", kept)
    db.executemany("UPDATE cards SET mod = ? WHERE nid = ?", kept)
    dated = {}
    for key, (content, _) in _note_types(db).items():
        said, date = earlier.note_types.get(key, ("", 0))
        if said == content and 0 < date < timestamp:
            dated[key] = date
    if dated:
        [(models_json,)] = db.execute("SELECT models FROM col").fetchall()
        models = json.loads(models_json, object_pairs_hook=_as_stored)
        for key, model in models if isinstance(models, _Stored) else models.items():
            if str(key) in dated:
                model["mod"] = dated[str(key)]
        db.execute("UPDATE col SET models = ?", (_stored_json(models),))


class _Stored(list):
    """A JSON object's pairs as stored, when a key comes twice: each deck's
    `Deck.write_to_db` (genanki) reads the col row's note types, their ids as text, adds
    its own under their ids as numbers and writes both, which JSON spells alike; so the row
    names a note type twice (not once for each deck: the next deck's reading keeps one).
    Anki takes the last."""


def _as_stored(pairs: list[tuple[str, object]]) -> dict | _Stored:
    return _Stored(pairs) if len({key for key, _ in pairs}) < len(pairs) else dict(pairs)


def _stored_json(value: dict | _Stored) -> str:
    """`value` as `json.dumps` writes it, each pair of a `_Stored` object kept."""
    if isinstance(value, _Stored):
        return "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in value) + "}"
    return json.dumps(value)
