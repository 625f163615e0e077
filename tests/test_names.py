"""Section names: two that would be one (case, Unicode form, Anki's tag) are refused naming
both; Anki deck and tag names are cleaned by one rule, so no name nests, blanks or merges."""

from __future__ import annotations

import pytest
from anki.collection import Collection, ImportAnkiPackageRequest
from helpers import FIXTURES

import qbank
from qbank.lifecycle import select
from qbank.model import Bank, Question, Section
from qbank.text import anki_name, anki_tag


@pytest.mark.parametrize(
    ("name", "deck", "tag"),
    [
        ("A::B", "A\uff1a\uff1aB", "A\uff1a\uff1aB"),
        ("A:B", "A:B", "A:B"),
        (":Lead", "\uff1aLead", "\uff1aLead"),
        ("Trail:", "Trail\uff1a", "Trail\uff1a"),
        ("Tab\there", "Tab here", "Tab-here"),
        ("Two\nlines \u2028 and  more", "Two lines and more", "Two-lines-and-more"),
        ("Cafe\u0301", "Caf\u00e9", "Caf\u00e9"),
    ],
)
def test_one_rule_for_deck_and_tag_names(name, deck, tag):
    assert anki_name(name) == deck
    assert anki_tag(name) == tag


def test_anki_shows_each_section_as_its_own_deck_and_tag(tmp_path):
    [deck] = qbank.build(FIXTURES / "hostile-anki-names.yaml", tmp_path / "out", ["anki"])
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(deck)))
        decks = {d.name for d in col.decks.all_names_and_ids()} - {"Default"}
        tags = {}
        for note_id in col.find_notes(""):
            note = col.get_note(note_id)
            [section_tag] = [t for t in note.tags if t.startswith("section::")]
            tags[note["Id"]] = (col.decks.name(note.cards()[0].did), section_tag)
    finally:
        col.close()
    top = "Deck\uff1a"
    assert decks == {
        top,
        f"{top}::01 A\uff1a\uff1aB",
        f"{top}::02 A:B",
        f"{top}::03 :Lead",  # after the number, the colon is no longer at an end
        f"{top}::04 Trail\uff1a",
        f"{top}::05 Tab here",
    }
    assert tags == {
        "nested": (f"{top}::01 A\uff1a\uff1aB", "section::A\uff1a\uff1aB"),
        "single": (f"{top}::02 A:B", "section::A:B"),
        "lead": (f"{top}::03 :Lead", "section::\uff1aLead"),
        "trail": (f"{top}::04 Trail\uff1a", "section::Trail\uff1a"),
        "tab": (f"{top}::05 Tab here", "section::Tab-here"),
    }


SECTIONS_ALIKE = [
    (
        "hostile-refused-section-names.yaml",
        [
            "5: sections 'Alpha' (line 4) and 'alpha' differ only in case",
            "6: sections 'Alpha' (line 4) and 'ALPHA' differ only in case",
            "8: sections 'Caf\u00e9' (line 7) and 'Cafe\u0301' are one text in two Unicode forms "
            "(an accent as one character or two)",
            "10: sections 'Incident response' (line 9) and 'Incident-response' would be one "
            "section tag in Anki, 'Incident-response'",
        ],
    ),
    # without a sections list, the questions name the sections: the same rule holds
    (
        "hostile-refused-question-sections.yaml",
        ["5: sections 'Alpha' (line 4) and 'alpha' differ only in case"],
    ),
]


@pytest.mark.parametrize(("name", "messages"), SECTIONS_ALIKE, ids=[s[0] for s in SECTIONS_ALIKE])
def test_sections_that_would_be_one_are_refused_naming_both(cli, name, messages):
    path = FIXTURES / name
    result = cli("check", "--bank", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{path}:{m}; rename one of them" for m in messages]


def test_section_option_prefers_the_exact_name():
    names = ["Alpha", "alpha", "ALPHA"]  # the loader refuses this; a built model may hold it
    questions = tuple(
        Question(id=f"q{n}", number=n, section=name, question="q", hint="h")
        for n, name in enumerate(names, start=1)
    )
    bank = Bank(title="t", questions=questions, sections=tuple(Section(n) for n in names))
    for name in names:
        assert [q.section for q in select(bank, [name]).questions] == [name]
    assert [q.section for q in select(bank, ["aLPHA"]).questions] == ["Alpha"]
