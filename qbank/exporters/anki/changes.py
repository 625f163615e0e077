"""What learners who imported the deck this build replaces must change in Anki by hand.

An import never deletes a note and never moves a card: a question taken out of the bank
stays in learners' collections (under a number the next question now has), and a question
whose section was renamed or changed stays in its old sub-deck, with a new, empty sub-deck
beside it (measured with the `anki` package). Only the author knows what was taken out or
moved, and a learner cannot tell it from the cards; the deck this build replaces, read for
its dates (dates.py), holds exactly what learners were handed. So the build names, at that
deck, each question it no longer has and each sub-deck whose questions are now in another,
with what to tell learners. A deck of the same bank rebuilt says nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

import genanki

from qbank.bank.checks import ID_PATTERN
from qbank.exporters.anki.dates import Dates
from qbank.text import agrees, counted

# ids named one by one in a line (the rest are counted), in the earlier deck's order
MOST_NAMED = 5
# ids in a Browse search: past them, one line of 5,000 questions taken out was 99,204
# characters (a review)
MOST_SEARCHED = 50
# the longest name of an earlier deck's sub-deck said: a bank's title and a section's name
# are far shorter; the file may be anyone's
LONGEST_DECK = 500


def learners_to_tell(
    where: str, earlier: Dates, package: genanki.Package, note_type_id: int
) -> list[str]:
    """A warning at `where` (the deck this build replaces) for the questions of `earlier`
    (notes of the note type `note_type_id`) that `package` no longer has, and one for each
    sub-deck whose questions are in another sub-deck in `package`."""
    now = {
        note.guid: deck.name
        for deck in package.decks
        for note in deck.notes
        if note.model.model_id == note_type_id
    }
    taken_out: list[str] = []
    moved: dict[tuple[str, str], list[str]] = {}
    for guid, place in earlier.places.items():
        if place.note_type != str(note_type_id) or not ID_PATTERN.fullmatch(place.last_field):
            continue  # not one of qbank's question notes, or not an id a bank can hold
        if guid not in now:
            taken_out.append(place.last_field)
        elif place.decks and now[guid] not in place.decks and _shown(place.decks[0]):
            moved.setdefault((place.decks[0], now[guid]), []).append(place.last_field)
    said = []
    if taken_out:
        one = len(taken_out) == 1
        delete = (
            f"tell them to delete {'it' if one else 'them'} in Anki's Browse "
            f"(search {_search(taken_out)})"
            if len(taken_out) <= MOST_SEARCHED
            else "tell them to delete the deck in Anki and import this one (their reviews "
            "of it go with it), or to delete each in Browse (search Id: and its id)"
        )
        said.append(
            f"{where}: warning: {counted(len(taken_out), 'question')} of the deck this "
            f"build replaces {agrees(len(taken_out), 'is', 'are')} no longer in the bank "
            f"({_named(taken_out)}): learners who imported that deck keep "
            f"{'its card' if one else 'their cards'}, as an import deletes no note; {delete}"
        )
    roots = {(old.partition("::")[0], new.partition("::")[0]) for old, new in moved}
    if len(roots) == 1 and all(
        old.partition("::")[2] == new.partition("::")[2] for old, new in moved
    ):
        # the bank's title renamed: every sub-deck moved with it
        ((old, new),) = roots
        return [
            *said,
            f"{where}: warning: the deck '{old}' is '{new}' now (the bank's title): learners "
            "who imported that deck keep its cards there, as an import moves no card; tell "
            f"them to rename it to '{new}' in Anki before importing this deck",
        ]
    still = set(now.values())
    # the sub-decks each earlier sub-deck's questions still in the deck are in now, read
    # once: searched for each move, a deck of 5,000 sections all moved took 10 s
    went: dict[str, set[str]] = {}
    for guid, place in earlier.places.items():
        if place.note_type == str(note_type_id) and place.decks and guid in now:
            went.setdefault(place.decks[0], set()).add(now[guid])
    for (old, new), ids in sorted(moved.items()):
        old_name, new_name = _short(old, new), _short(new, old)
        one = len(ids) == 1
        if old not in still and went.get(old, set()) <= {new}:
            said.append(
                f"{where}: warning: the sub-deck '{old_name}' is '{new_name}' now "
                f"({counted(len(ids), 'question')}: {_named(ids)}): learners who imported that "
                f"deck keep {'its card' if one else 'their cards'} in '{old_name}', as an "
                f"import moves no card; tell them to rename that sub-deck to '{new}' in "
                "Anki before importing this deck, which then fills it"
            )
            continue
        search = _search(ids) if len(ids) <= MOST_SEARCHED else "Id: and each one's id"
        said.append(
            f"{where}: warning: {counted(len(ids), 'question')} of the sub-deck '{old_name}' "
            f"{agrees(len(ids), 'is', 'are')} in '{new_name}' now ({_named(ids)}): learners "
            f"who imported that deck keep {'its card' if one else 'their cards'} in "
            f"'{old_name}', as an import moves no card; tell them to move "
            f"{'it' if one else 'them'} (Browse, search {search}, then Change Deck)"
        )
    return said


def _shown(deck: object) -> bool:
    """Whether an earlier deck's sub-deck name can be said on a line, as qbank names one."""
    return isinstance(deck, str) and 0 < len(deck) <= LONGEST_DECK and deck.isprintable()


def _short(name: str, other: str) -> str:
    """A sub-deck's name without the deck they share ('01 Beginner')."""
    parent, _, own = name.rpartition("::")
    return own if parent and parent == other.rpartition("::")[0] else name


def _search(ids: list[str]) -> str:
    """Anki's Browse search for the notes of the question `ids`."""
    return " or ".join(f"Id:{qid}" for qid in ids)


def _named(ids: Iterable[str]) -> str:
    ids = list(ids)
    named = ", ".join(f"'{qid}'" for qid in ids[:MOST_NAMED])
    return named if len(ids) <= MOST_NAMED else f"{named} and {len(ids) - MOST_NAMED:,} more"
