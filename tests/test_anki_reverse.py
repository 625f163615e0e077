"""The two-way deck (`qbank anki --reverse`): a reverse card for each question whose two
sides are short lines, read back with the official `anki` package."""

from __future__ import annotations

import html
import re
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageRequest
from anki.consts import CARD_TYPE_NEW
from helpers import FIXTURES, own_look, run_cli

import qbank
from qbank.errors import OptionError

VOCABULARY = FIXTURES / "vocabulary.yaml"
MARKDOWN = FIXTURES / "markdown" / "vocabulary.yaml"
EPOCH = 1_700_000_000
# the question's note type, which the one-way deck has had since the first release, and the
# reverse cards' own
TWO_WAY = ("qbank question v1", "qbank reverse v1")


def build(bank: Path, out: Path, *flags: str, epoch: int = EPOCH, monkeypatch=None) -> Path:
    """The deck of `bank` built by `qbank anki` with `flags`, at `epoch`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        result = run_cli("anki", "--bank", bank, "--out", out, *flags)
    assert result.exit_code == 0, result.output
    two_way = "--reverse" in flags  # a two-way deck's file says so
    return out / f"{bank.stem}{'-two-way' if two_way else ''}.apkg"


def open_collection(folder: Path) -> Collection:
    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def import_deck(col: Collection, deck: Path):
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(deck))).log


def cards_of(col: Collection) -> dict[tuple[str, str], object]:
    """Every card of the collection by its question's id and its template's name."""
    found = {}
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        found[card.note()["Id"], card.template()["name"]] = card
    return found


def note_types(col: Collection) -> list[str]:
    return sorted(n.name for n in col.models.all_names_and_ids() if n.name.startswith("qbank"))


def shown(rendered: str) -> str:
    """What a reader sees of a card's HTML: no style, no tags, one space between words."""
    rendered = re.sub(r"<style>.*?</style>", "", rendered, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


@pytest.fixture(scope="module")
def two_way(tmp_path_factory) -> Path:
    return build(VOCABULARY, tmp_path_factory.mktemp("two-way"), "--reverse")


def test_a_short_question_has_a_reverse_card_that_asks_from_its_hint(two_way, tmp_path):
    col = open_collection(tmp_path)
    try:
        log = import_deck(col, two_way)
        assert (len(log.conflicting), len(log.duplicate)) == (0, 0)
        cards = cards_of(col)
        per_question = {}
        for question_id, template in cards:
            per_question.setdefault(question_id, []).append(template)
        # the multi-line hint of ser-estar makes no reverse card; the others one each
        assert {q: sorted(t) for q, t in per_question.items()} == {
            "perro": ["Question", "Reverse"],
            "gato": ["Question", "Reverse"],
            "ser-estar": ["Question"],
            "tener": ["Question", "Reverse"],
        }
        assert note_types(col) == sorted(TWO_WAY)
        # each card a note of its own: Anki's notes of the question stay as a one-way deck's
        for card in cards.values():
            assert len(card.note().cards()) == 1

        forward, reverse = cards["perro", "Question"], cards["perro", "Reverse"]
        assert shown(forward.question()) == "Q1 Animals el perro noun"
        assert shown(reverse.question()) == "Q1 Animals the dog noun"
        assert "el perro" not in shown(reverse.question())
        assert shown(reverse.answer()).endswith("the dog noun el perro")
        assert reverse.did == forward.did  # in the question's section's sub-deck
        # what the question's card shows after the hint, the reverse shows after the question
        back = shown(cards["tener", "Reverse"].answer())
        assert back.endswith("tener Look for Irregular in the first person tengo")
        assert shown(cards["tener", "Reverse"].question()) == "Q4 Verbs to have"
        # a reverse card is new ten positions after its question's (anki/reverse.py)
        for question_id in ("perro", "gato", "tener"):
            forward, reverse = cards[question_id, "Question"], cards[question_id, "Reverse"]
            assert reverse.due == forward.due + 10
    finally:
        col.close()


def words_bank(folder: Path, count: int) -> Path:
    """A bank of `count` words in one section, 'w1' to 'wN', each with a reverse card."""
    bank = folder / "words.yaml"
    bank.parent.mkdir(parents=True, exist_ok=True)
    bank.write_text(
        "title: Words\nquestions:\n"
        + "".join(
            f"  - {{id: w{i}, section: S, question: palabra {i}, hint: word {i}}}\n"
            for i in range(1, count + 1)
        ),
        encoding="utf-8",
    )
    return bank


def new_cards_in_order(col: Collection) -> list[str]:
    """The new cards as Anki's scheduler gives them today, with its default options but
    no limit of new cards a day: 'w3' a question's card, 'w3R' its reverse card."""
    deck = col.decks.id_for_name("Words")
    col.decks.select(deck)
    config = col.decks.config_dict_for_deck_id(deck)
    config["new"]["perDay"] = 9999
    col.decks.update_config(config)
    found = []
    for queued in col.sched.get_queued_cards(fetch_limit=9999).cards:
        card = col.get_card(queued.card.id)
        if card.type == CARD_TYPE_NEW:
            found.append(card.note()["Id"] + ("R" if card.template()["name"] == "Reverse" else ""))
    return found


def test_a_reverse_card_comes_new_soon_after_its_questions_card(tmp_path):
    """The reverse cards came new after every question's card of a section: a learner of
    a 40-word list met none before all 40 words. Now each comes ten positions after its
    question's card: after the first ten words, a word's card and an earlier word's reverse
    card in turn, the reverse some 20 new cards after its word (a day of Anki's default)."""
    deck = build(words_bank(tmp_path, 24), tmp_path / "out", "--reverse")
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, deck)
        order = new_cards_in_order(col)
    finally:
        col.close()
    assert len(order) == 48
    assert order[:12] == [*(f"w{i}" for i in range(1, 11)), "w1R", "w11"]
    for i in range(1, 25):
        between = order.index(f"w{i}R") - order.index(f"w{i}")
        assert 10 <= between <= 20, (i, between, order)


def test_a_two_way_deck_over_a_studied_one_way_deck_asks_the_learnt_words_back_first(tmp_path):
    """A learner who learnt the first 12 of 24 words in the one-way deck imports the
    two-way deck: the question cards keep their schedule and positions, and the new
    reverse cards of the learnt words come before, then between, the words still new."""
    bank = words_bank(tmp_path, 24)
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, build(bank, tmp_path / "one-way"))
        col.decks.select(col.decks.id_for_name("Words"))
        for _ in range(12):
            card = col.sched.getCard()
            col.sched.answerCard(card, 4)  # Easy: a review card, due in days
        log = import_deck(col, build(bank, tmp_path / "two-way", "--reverse"))
        assert (len(log.new), len(log.conflicting), len(log.updated)) == (24, 0, 0)
        order = new_cards_in_order(col)
    finally:
        col.close()
    assert order[:3] == ["w1R", "w2R", "w13"]
    assert order.index("w12R") < order.index("w23")
    assert sorted(order) == sorted(
        [*(f"w{i}" for i in range(13, 25)), *(f"w{i}R" for i in range(1, 25))]
    )


def test_a_question_that_is_not_a_short_line_is_named_and_left_one_way(tmp_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        result = run_cli("anki", "--bank", MARKDOWN, "--out", tmp_path, "--reverse")
    assert result.exit_code == 0, result.output
    warned = sorted(line for line in result.stderr.splitlines() if "--reverse" in line)
    assert warned == [
        f"{MARKDOWN}:11: warning: --reverse: question 'flow' gets no reverse card, as its "
        "hint holds a picture",
        f"{MARKDOWN}:16: warning: --reverse: question 'code' gets no reverse card, as its "
        "hint holds code",
        f"{MARKDOWN}:23: warning: --reverse: question 'listed' gets no reverse card, as its "
        "hint holds a list",
    ]
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, tmp_path / "vocabulary-two-way.apkg")
        cards = cards_of(col)
        reversed_ids = sorted(q for q, template in cards if template == "Reverse")
        assert reversed_ids == ["ls", "perro"]
        # the Markdown of a side shows as on the question's card, inline code too
        assert "<em>dog</em>" in cards["perro", "Reverse"].question()
        assert "<strong>perro</strong>" in cards["perro", "Reverse"].answer()
        assert "ls -l" in shown(cards["ls", "Reverse"].question())
    finally:
        col.close()


def test_a_long_line_makes_no_reverse_card(tmp_path):
    bank = tmp_path / "long.yaml"
    longest = "x" * 80  # anki/reverse.py's LONGEST
    bank.write_text(
        "title: L\nquestions:\n"
        f"  - {{id: fits, section: S, question: q, hint: {longest}}}\n"
        f"  - {{id: hint, section: S, question: q, hint: {longest}y}}\n"
        f"  - {{id: question, section: S, question: {longest}y, hint: h}}\n",
        encoding="utf-8",
    )
    deck = build(bank, tmp_path, "--reverse")
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, deck)
        assert sorted(q for q, t in cards_of(col) if t == "Reverse") == ["fits"]
    finally:
        col.close()


def studied(col: Collection, deck: Path):
    """Import `deck` and answer one of its cards Easy: the answered card and its schedule."""
    assert not import_deck(col, deck).conflicting
    col.decks.select(col.decks.id_for_name("Spanish A1"))
    card = col.sched.getCard()
    col.sched.answerCard(card, 4)
    answered = col.get_card(card.id)
    assert answered.type != CARD_TYPE_NEW
    return answered, (answered.type, answered.queue, answered.due, answered.ivl, answered.reps)


@pytest.mark.parametrize("first", ["one-way", "two-way"])
def test_either_deck_imported_after_the_other_keeps_the_reviews(two_way, tmp_path, first):
    """A learner who studied the one-way deck imports the two-way one (or the other way
    round), each with Anki's default options: no conflict, no note type added with a '+',
    the reviewed card untouched, and the reverse cards added (or kept)."""
    one_way = build(VOCABULARY, tmp_path / "one-way")
    later = two_way if first == "one-way" else one_way
    col = open_collection(tmp_path / "collection")
    try:
        answered, schedule = studied(col, one_way if first == "one-way" else two_way)
        before = col.card_count()
        log = import_deck(col, later)
        # the questions' notes are the same, so Anki leaves them as they are ("duplicate")
        assert (len(log.conflicting), len(log.duplicate), len(log.updated)) == (0, 4, 0)
        assert len(log.new) == (3 if first == "one-way" else 0)
        assert note_types(col) == sorted(TWO_WAY)
        assert col.card_count() == 7 and before == (4 if first == "one-way" else 7)
        assert col.note_count() == 7
        after = col.get_card(answered.id)
        assert (after.type, after.queue, after.due, after.ivl, after.reps) == schedule
        assert col.db.scalar("SELECT count() FROM revlog") == 1
    finally:
        col.close()


def test_a_corrected_two_way_deck_updates_both_cards_in_place(two_way, tmp_path):
    col = open_collection(tmp_path / "collection")
    try:
        answered, schedule = studied(col, two_way)
        bank = tmp_path / "bank" / VOCABULARY.name  # the file's name is the notes' identity
        bank.parent.mkdir()
        bank.write_text(VOCABULARY.read_text().replace("the dog", "the dog (m.)"))
        log = import_deck(col, build(bank, tmp_path / "fixed", "--reverse", epoch=EPOCH + 60))
        assert (len(log.new), len(log.conflicting)) == (0, 0)
        assert len(log.updated) == 7
        cards = cards_of(col)
        assert "the dog (m.)" in shown(cards["perro", "Reverse"].question())
        assert "the dog (m.)" in shown(cards["perro", "Question"].answer())
        after = col.get_card(answered.id)
        assert (after.type, after.queue, after.due, after.ivl, after.reps) == schedule
    finally:
        col.close()


def test_without_the_option_the_deck_has_no_reverse_note_type(tmp_path):
    deck = build(VOCABULARY, tmp_path)
    with zipfile.ZipFile(deck) as archive:
        data = archive.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    [(models,)] = db.execute("SELECT models FROM col").fetchall()
    assert TWO_WAY[1] not in models
    assert db.execute("SELECT count() FROM cards").fetchone() == (4,)


def test_all_and_the_library_take_the_option(tmp_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        result = run_cli("all", "--bank", VOCABULARY, "--out", tmp_path / "all", "--reverse")
        assert result.exit_code == 0, result.output
        written = qbank.build(VOCABULARY, tmp_path / "lib", ["anki"], {"reverse": True})
    [deck] = [p for p in written if p.suffix == ".apkg"]
    assert deck.name == "vocabulary-two-way.apkg"
    assert deck.read_bytes() == (tmp_path / "all" / deck.name).read_bytes()
    with pytest.raises(OptionError, match="--reverse 'yes': give true or false"):
        qbank.build(VOCABULARY, tmp_path / "lib", ["anki"], {"reverse": "yes"})


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (("{{Hint}}</div>", "{{Hnt}}</div>"), ":4: {{Hnt}} names no field"),
        (("{{/Hint}}", ""), ":1: {{#Hint}} is never closed"),
        # Anki's field names hold any character: each card said "no field called 'Look-For'"
        (
            ("{{Hint}}</div>", "{{Look-For}}</div>"),
            ":4: {{Look-For}} names no field of the deck's notes, and Anki would show an error "
            "on every card; the fields are Question, Hint, Number, Section, TagList, Note, "
            "LookFor, Id",
        ),
    ],
)
def test_a_looks_reverse_card_template_is_checked(tmp_path, edit, said):
    look = own_look(tmp_path / "look", {"anki/reverse-front.html": edit})
    result = run_cli("anki", "--bank", VOCABULARY, "--out", tmp_path, "--templates", look)
    assert result.exit_code == 1
    assert f"{look / 'anki' / 'reverse-front.html'}{said}" in result.output


def test_a_looks_tag_of_many_blanks_is_read_in_a_moment(tmp_path):
    # a tag of 300 spaces and a stray brace, closed on its line: 10 s at 200 spaces, and
    # far longer at 300, when one expression tried every split of its blanks
    look = own_look(
        tmp_path / "look",
        {"anki/reverse-front.html": ("{{Hint}}</div>", "{{Hint}}</div>{{" + " " * 300 + "}x}}")},
    )
    started = time.monotonic()
    result = run_cli(
        "anki", "--bank", VOCABULARY, "--out", tmp_path, "--templates", look, "--reverse"
    )
    assert time.monotonic() - started < 30
    assert result.exit_code == 0, result.output


def test_a_looks_reverse_card_naming_sources_is_told_what_fields_there_are(tmp_path):
    """A reverse-back.html naming the Sources field of 30 Nov (as a look's back.html may)
    lost that part without a word: check says it at its line, with the fields there are,
    and the reverse card shows the rest."""
    part = '{{#Sources}}<div class="qb-sources">{{Sources}}</div>{{/Sources}}'
    look = own_look(tmp_path / "look", {"anki/reverse-back.html": ("{{Note}}", part + "{{Note}}")})
    where = look / "anki" / "reverse-back.html"
    said = (
        f"{where}:5: warning: {{{{#Sources}}}}...{{{{/Sources}}}}: the deck's notes have no "
        "Sources field (a question's sources show in its {{Note}}), so this is left out; "
        "remove it (the fields are Question, Hint, Number, Section, TagList, Note, LookFor, Id)"
    )
    checked = run_cli("check", "--bank", VOCABULARY, "--templates", look)
    assert checked.exit_code == 0, checked.output
    assert said in checked.stderr.splitlines()
    strict = run_cli("check", "--bank", VOCABULARY, "--templates", look, "--strict")
    assert strict.exit_code == 1
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        built = run_cli(
            "anki", "--bank", VOCABULARY, "--out", tmp_path, "--reverse", "--templates", look
        )
    assert built.exit_code == 0, built.output
    assert said in built.stderr.splitlines()
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, tmp_path / "vocabulary-two-way.apkg")
        back = cards_of(col)["tener", "Reverse"].answer()
        assert "qb-sources" not in back
        assert shown(back).endswith("tener Look for Irregular in the first person tengo")
    finally:
        col.close()


def test_a_looks_reverse_front_must_name_a_field(tmp_path):
    look = tmp_path / "look"
    (look / "anki").mkdir(parents=True)
    (look / "anki" / "reverse-front.html").write_text("<p>the answer</p>", encoding="utf-8")
    result = run_cli("anki", "--bank", VOCABULARY, "--out", tmp_path, "--templates", look)
    assert result.exit_code == 1
    assert "reverse-front.html: the front names no field ({{Hint}} or another of" in (result.output)


def test_a_looks_reverse_templates_reach_the_cards(tmp_path):
    look = own_look(
        tmp_path / "look",
        {"anki/reverse-front.html": ('<div class="qb-question" dir="auto">', "<b>Say:</b><div>")},
    )
    deck = build(VOCABULARY, tmp_path, "--reverse", "--templates", str(look))
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, deck)
        assert shown(cards_of(col)["gato", "Reverse"].question()).startswith("Q2 Animals Say:")
    finally:
        col.close()


def test_two_reverse_cards_that_ask_the_same_are_named(tmp_path):
    bank = tmp_path / "synonyms.yaml"
    bank.write_text(
        "title: S\nquestions:\n"
        "  - {id: perro, section: S, question: el perro, hint: the dog}\n"
        "  - {id: gato, section: S, question: el gato, hint: the cat}\n"
        "  - {id: can, section: S, question: el can, hint: 'The  dog'}\n",
        encoding="utf-8",
    )
    result = run_cli("anki", "--bank", bank, "--out", tmp_path, "--reverse")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{bank}:5: warning: --reverse: question 'can' has the hint of question 'perro' "
        "(line 3), so their reverse cards ask the same; make each hint say which is meant"
    ]


def test_check_says_which_questions_get_no_reverse_card():
    result = run_cli("check", "--bank", VOCABULARY, "--reverse", "--strict")
    assert result.exit_code == 1
    assert (
        f"{VOCABULARY}:17: warning: --reverse: question 'ser-estar' gets no reverse card, as "
        "its hint is more than one line"
    ) in result.stderr.splitlines()
    assert "--reverse" not in run_cli("check", "--bank", VOCABULARY).stderr


def test_an_interview_bank_says_its_one_way_questions_in_a_few_lines(tmp_path):
    """`--reverse` on an interview bank said a warning for each of its 50 questions: the
    first few one by one, then one line for the rest, each named."""
    long = "a hint of more words than the prompt of a reverse card holds at a glance, " * 2
    bank = tmp_path / "interview.yaml"
    bank.write_text(
        "title: I\nquestions:\n"
        + "".join(
            f"  - {{id: q{i}, section: S, question: 'Question {i}?', hint: '{long}'}}\n"
            if i != 12
            else f"  - {{id: q{i}, section: S, question: '{'Why ' * 25}?', hint: short}}\n"
            for i in range(1, 13)
        )
        + "  - {id: word, section: S, question: el perro, hint: the dog}\n",
        encoding="utf-8",
    )
    result = run_cli("anki", "--bank", bank, "--out", tmp_path, "--reverse")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[:5] == [
        f"{bank}:{i + 2}: warning: --reverse: question 'q{i}' gets no reverse card, as its "
        "hint is longer than 80 characters"
        for i in range(1, 6)
    ]
    named = ", ".join(f"'q{i}'" for i in range(6, 13))
    assert lines[5:] == [
        f"{bank}:8: warning: --reverse: and 7 more questions from here get no reverse card "
        f"(6 as its hint is longer than 80 characters; 1 as its question is longer than 80 "
        f"characters): {named}"
    ]


def test_a_table_in_a_hint_makes_no_reverse_card_and_is_said(tmp_path):
    """A hint that holds a table is no prompt read at a glance: its question stays one way,
    said at its line (it stopped the build: no words for a table's block)."""
    bank = FIXTURES / "markdown" / "tables.yaml"
    result = run_cli("anki", "--bank", bank, "--out", tmp_path, "--reverse")
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if "--reverse" in line]
    assert warned[0] == (
        f"{bank}:20: warning: --reverse: question 'log-sources' gets no reverse card, as its "
        "hint holds a table"
    )
    assert len(warned) == 4 and all(line.endswith("holds a table") for line in warned)
