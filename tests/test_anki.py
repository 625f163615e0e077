"""The Anki deck, read back the way a learner gets it: imported into a fresh collection by the
official `anki` package, with cards rendered and answered by Anki itself."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import html
import json
import os
import random
import re
import sqlite3
import time
import tracemalloc
import typing
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from anki.collection import Collection, ImportAnkiPackageRequest
from anki.consts import CARD_TYPE_NEW, QUEUE_TYPE_SUSPENDED
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition
from click.testing import CliRunner
from genanki import guid_for
from helpers import FIXTURES, own_look, run_cli

from qbank import lifecycle
from qbank.bank import load_bank, parse_bank
from qbank.cli import main
from qbank.errors import BankError
from qbank.exporters import anki as anki_exporter
from qbank.exporters.anki import dates as anki_dates
from qbank.job import Job, build_time
from qbank.model import Bank
from qbank.paths import BUILTIN_TEMPLATES, DEFAULT_BANK, Templates
from qbank.rich import Block
from qbank.text import (
    FORMULA_OPERATIONS,
    FORMULA_RELATIONS,
    NO_BREAK_SPACES,
    NUMBER_SIGNS,
    SPACE_KEPT_AFTER,
    SPACE_KEPT_BEFORE,
    address_html,
    is_right_to_left,
    keeps_marks_spaced,
    to_html,
)

FIRST_BUILD = 1_700_000_000
# built by the last release (commit f1e1758) from previous-release.yaml at FIRST_BUILD; see
# test_a_deck_of_the_last_release_is_updated_in_place
PREVIOUS_RELEASE_DECK = FIXTURES / "previous-release.apkg"


def build_deck(bank_path: Path, out_dir: Path, epoch: int, monkeypatch) -> tuple[Bank, Path]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    bank = load_bank(bank_path)
    return bank, build_bank(bank, out_dir)


def build_bank(bank: Bank, out_dir: Path) -> Path:
    job = Job(bank=bank, out_dir=out_dir, timestamp=build_time(Path(bank.source)))
    [path] = lifecycle.run(job, [(anki_exporter.EXPORTER, {})])
    return path


def import_deck(col: Collection, path: Path):
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path))).log


def open_collection(folder: Path) -> Collection:
    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def visible_html(rendered: str) -> str:
    """Rendered card HTML without the note type's style sheet."""
    return re.sub(r"<style>.*?</style>", "", rendered, flags=re.DOTALL)


def visible_text(rendered: str) -> str:
    """What a reader sees of a rendered card: no style sheet, no tags, entities decoded; a
    span's words go on with the text around it (a web address's runs are spans)."""
    inline = re.sub(r"</?span\b[^>]*>", "", visible_html(rendered))
    return html.unescape(re.sub(r"<[^>]+>", " ", inline))


def apkg_rows(path: Path, query: str) -> list[tuple]:
    with zipfile.ZipFile(path) as archive:
        data = archive.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(data)
        return db.execute(query).fetchall()
    finally:
        db.close()


@pytest.fixture(scope="module")
def first_deck(tmp_path_factory) -> Path:
    """The bundled bank's deck at FIRST_BUILD, built as `make anki` does; tests only read
    it (each imports it into a collection of its own)."""
    out = tmp_path_factory.mktemp("anki")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(FIRST_BUILD))
        result = CliRunner().invoke(main, ["anki", "--bank", str(DEFAULT_BANK), "--out", str(out)])
    assert result.exit_code == 0, result.output
    deck_path = out / f"{load_bank(DEFAULT_BANK).name}.apkg"
    assert result.output.strip() == str(deck_path)
    return deck_path


@pytest.fixture(scope="module")
def imported(first_deck, tmp_path_factory):
    """The bundled bank's deck imported into a fresh collection."""
    col = open_collection(tmp_path_factory.mktemp("collection"))
    log = import_deck(col, first_deck)
    yield load_bank(DEFAULT_BANK), col, log
    col.close()


def note_question(bank: Bank, note):
    by_id = {q.id: q for q in bank.questions}
    return by_id[note["Id"]]


def copy_of_bank(folder: Path) -> Path:
    """The bundled bank as a learner's copy, free to edit."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DEFAULT_BANK.name
    path.write_bytes(DEFAULT_BANK.read_bytes())
    return path


def test_one_note_and_one_card_per_question(imported):
    bank, col, log = imported
    assert len(bank.questions) == 50
    assert len(log.new) == 50
    assert col.note_count() == 50
    assert col.card_count() == 50
    guids = {col.get_note(nid).guid for nid in col.find_notes("")}
    assert guids == {guid_for(bank.name, q.id) for q in bank.questions}


def shown_on(rendered: str, bank: Bank, text: str) -> bool:
    """Whether a card shows `text`: as its HTML where it is words and inline code (a plain
    bank's text, and most of a Markdown one's); a Markdown text with blocks by its words
    in order, each code line in its own line element of a code block."""
    tree = bank.rich_text(text)
    if tree is None or not tree.code_blocks():
        return to_html(text) in rendered
    uncaptioned = re.sub(r"<figcaption[^>]*>.*?</figcaption>", "", rendered)  # "Python code"
    squashed = "".join(visible_text(uncaptioned).replace("\u200b", "").split())  # blank line
    code = re.findall(
        r'<span class="qb-line"(?: style="--i:\d+")?>(.*?)</span>(?=<span class="qb-line"|</code>)',
        rendered,
    )
    lines = {"".join(visible_text(line).split()) for line in code}
    return "".join(tree.plain().split()) in squashed and all(
        "".join(line.split()) in lines
        for block in tree.code_blocks()
        for line in block.text.splitlines()
        if line.strip()
    )


def test_cards_show_the_question_on_the_front_and_the_hint_on_the_back(imported):
    bank, col, _ = imported
    backs = []
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        question = note_question(bank, card.note())
        front, back = card.question(), card.answer()
        backs.append(back)
        assert to_html(question.question) in front
        shown = visible_text(front)
        assert question.label in shown.split()
        assert question.section in shown
        for tag in question.tags:
            assert tag in shown
        assert to_html(question.hint) not in front
        assert to_html(question.question) in back
        assert to_html(question.hint) in back
        for point in question.look_for:
            assert f"<li>{to_html(point)}</li>" in back
        if question.note:
            assert shown_on(back, bank, question.note)
        else:
            assert "qb-note" not in visible_html(back)
        # the follow-ups, before the note, which may speak of them
        for follow_up in question.follow_ups:
            assert f"<li>{to_html(follow_up)}</li>" in back
        if question.follow_ups and question.note:
            assert back.index('class="qb-follow-ups"') < back.index('class="qb-note"')
        for source in question.sources:  # in the Note field, as links
            assert f'<a href="{html.escape(source.url)}">' in back
    assert any("<code>evaluate</code>" in back for back in backs)


def test_a_cards_bank_texts_say_their_language_for_a_screen_reader(cli, tmp_path):
    """The study page marks each text's language; the deck marked none, so a screen reader
    read a French card, or an Arabic section's, in the phone's own voice (a phone trial):
    the bank's texts in the deck and in the TSV say the section's language, else the bank's,
    and the look's headings stay unmarked."""
    bank = tmp_path / "langs.yaml"
    bank.write_text(
        "title: Langues\nlanguage: fr\nsections:\n  - Général\n  - {name: Deutsch, language: de}\n"
        "questions:\n  - {id: fr, section: Général, question: Pourquoi ?, hint: Parce que.,"
        " look_for: [Un signe], follow_ups: [Et ensuite ?], note: Une note.,"
        " anchors: {1: Rien., 3: Un peu., 5: Tout.}}\n"
        "  - {id: de, section: Deutsch, question: Warum?, hint: Darum.}\n",
        encoding="utf-8",
    )
    assert cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    tsv = tmp_path / "langs.txt"
    assert cli("export", "--bank", bank, "--format", "anki-tsv", "-o", tsv).exit_code == 0
    col = open_collection(tmp_path / "deck")
    try:
        import_deck(col, tmp_path / "langs.apkg")
        cards = {col.get_card(c).note()["Id"]: col.get_card(c) for c in col.find_cards("")}
        shown = {qid: (card.question(), card.answer()) for qid, card in cards.items()}
    finally:
        col.close()
    front, back = shown["fr"]
    # in French, a word and its mark stay on one line, as in the PDFs and on the page
    kept = '<span style="white-space:nowrap"> </span>'
    assert f'<div lang="fr">Pourquoi{kept}?</div>' in front
    for text in ("Parce que.", "Une note."):
        assert f'<div lang="fr">{text}</div>' in back, text
    assert '<ul lang="fr"><li>Un signe</li></ul>' in back
    assert f'<ul lang="fr"><li>Et ensuite{kept}?</li></ul>' in back
    # the scale's labels are the look's English words, as on the study page
    assert '<dl><dt>1 No evidence</dt><dd lang="fr">Rien.</dd><dt>3 Solid' in back
    assert '<div lang="de">Warum?</div>' in shown["de"][0]
    # the section's name as typed, which Anki's search of its field finds (a review: it
    # said its language in markup, and 'section:Deutsch' found no note)
    assert '<span class="qb-section">Deutsch</span>' in shown["de"][0]
    assert '<div lang="de">Darum.</div>' in shown["de"][1]
    assert 'lang="fr"' not in shown["de"][1].replace(shown["de"][0], "")  # its own only
    import csv

    lines = [line for line in tsv.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    *_, (question, answer, *_) = csv.reader(lines, delimiter="\t")
    assert question == '<div lang="de">Warum?</div>' and '<div lang="de">Darum.</div>' in answer


def test_a_right_to_left_texts_paragraphs_run_right_to_left_on_the_card(cli, tmp_path):
    """In a section (or bank) whose language is written right to left, a field's paragraph,
    list, quote or item holding a Hebrew letter says dir="rtl", as the PDFs set it; the
    template's dir="auto" went by the first letter, so 'TCP אמין; UDP מהיר' ran left to
    right on the card. Others say dir="auto"; a left-to-right language's say nothing."""
    bank = tmp_path / "nets.yaml"
    bank.write_text(
        "title: Nets\nmarkup: markdown\nsections:\n  - General\n  - {name: רשתות, language: he}\n"
        "questions:\n  - {id: en, section: General, question: Is שלום a word?, hint: Yes.}\n"
        "  - id: he\n    section: רשתות\n    question: TCP או UDP?\n    hint: |\n"
        "      TCP אמין; UDP מהיר\n\n      > TCP מאשר\n\n      - UDP מהיר\n      - TCP\n\n"
        "      Reliable.\n    look_for: [TCP אמין, Reliable]\n",
        encoding="utf-8",
    )
    assert cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    rows = apkg_rows(tmp_path / "nets.apkg", "SELECT flds FROM notes")
    fields = {f[-1]: f for f in (row[0].split("\x1f") for row in rows)}
    question, hint, *_, look_for, _ = fields["he"]
    assert question == '<div lang="he" dir="rtl">TCP או UDP?</div>'
    assert hint.startswith('<div lang="he" dir="rtl">')
    for block in (
        '<p dir="rtl">TCP אמין; UDP מהיר</p>',
        '<blockquote dir="rtl"><p>TCP מאשר</p></blockquote>',
        '<ul dir="rtl"><li>UDP מהיר</li><li>TCP</li></ul>',
        '<p dir="auto">Reliable.</p>',
    ):
        assert block in hint, block
    assert look_for == '<ul lang="he"><li dir="rtl">TCP אמין</li><li dir="auto">Reliable</li></ul>'
    assert fields["en"][0] == "Is שלום a word?"
    tsv = tmp_path / "nets.txt"  # the text import's back, the same
    assert cli("export", "--bank", bank, "--format", "anki-tsv", "-o", tsv).exit_code == 0
    back = tsv.read_text(encoding="utf-8")
    assert '<p dir=""rtl"">TCP אמין; UDP מהיר</p>' in back
    assert '<li dir=""rtl"">TCP אמין</li><li dir=""auto"">Reliable</li>' in back


def test_new_cards_come_in_bank_order(imported):
    bank, col, _ = imported
    cards = [col.get_card(cid) for cid in col.find_cards("")]
    assert all(card.type == CARD_TYPE_NEW for card in cards)
    in_due_order = sorted(cards, key=lambda card: card.due)
    numbers = [note_question(bank, c.note()).number for c in in_due_order]
    assert numbers == [q.number for q in bank.questions]


def test_decks_per_section_and_hierarchical_tags(imported):
    bank, col, _ = imported
    # Anki lists decks alphabetically: the numbers keep the bank's order of sections
    deck_names = {d.name for d in col.decks.all_names_and_ids()}
    numbered = [f"{bank.title}::{n:02d} {s.name}" for n, s in enumerate(bank.sections, start=1)]
    assert deck_names == {"Default", bank.title, *numbered}
    tree = col.decks.deck_tree()  # as the deck list shows it
    (top,) = [child for child in tree.children if child.name == bank.title]
    assert [child.name for child in top.children] == [n.split("::")[1] for n in numbered]
    assert "AI Cybersecurity Analyst Interview Questions::05 AI Workflow & Tools" in deck_names
    number = {s.name: n for n, s in enumerate(bank.sections, start=1)}
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        question = note_question(bank, card.note())
        deck = f"{bank.title}::{number[question.section]:02d} {question.section}"
        assert col.decks.name(card.did) == deck
        section_tag = "section::" + question.section.replace(" ", "-")
        assert set(card.note().tags) == {section_tag, *question.tags}
    found = col.find_notes('"tag:section::AI-Workflow-&-Tools"')
    assert len(found) == len(bank.questions_in("AI Workflow & Tools")) > 0


def test_note_type_schema_is_pinned(imported):
    """Name, id, fields (names and order) and the card template's name are the note type's
    schema in Anki, frozen as the last release shipped them. With Anki's default import options
    (merge note types off) a deck whose schema differs updates no note: measured, a ninth field
    gave "conflict 50, updated 0" and a second note type. New content goes inside an existing
    field (the sources are in Note); template text and CSS may change. A field that must be
    added needs a note type and deck of their own and a migration note (README)."""
    _, col, _ = imported
    assert anki_exporter.NOTE_TYPE_NAME == "qbank question v1"
    assert anki_exporter.stable_id("qbank question v1") == 1975995774
    notetype = col.models.by_name("qbank question v1")
    assert notetype is not None
    assert notetype["id"] == 1975995774
    [(released,)] = apkg_rows(PREVIOUS_RELEASE_DECK, "SELECT models FROM col")
    [released_type] = json.loads(released).values()
    assert int(released_type["id"]) == notetype["id"] and released_type["name"] == notetype["name"]
    assert [f["name"] for f in released_type["flds"]] == [f["name"] for f in notetype["flds"]]
    assert [t["name"] for t in released_type["tmpls"]] == [t["name"] for t in notetype["tmpls"]]
    assert [f["name"] for f in notetype["flds"]] == [
        "Question",
        "Hint",
        "Number",
        "Section",
        "TagList",
        "Note",
        "LookFor",
        "Id",
    ]
    assert notetype["sortf"] == 0
    assert [t["name"] for t in notetype["tmpls"]] == ["Question"]
    [template] = notetype["tmpls"]
    uses = {side: set(re.findall(r"{{[#/]?(\w+)}}", template[side])) for side in ("qfmt", "afmt")}
    assert uses == {
        "qfmt": {"Question", "Number", "Section", "TagList"},
        "afmt": {"FrontSide", "Hint", "Note", "LookFor"},
    }
    # the whole front hangs on the question, so an empty question could never make a card
    assert template["qfmt"].strip().startswith("{{#Question}}")
    assert template["qfmt"].strip().endswith("{{/Question}}")


def test_deck_and_note_type_ids_do_not_change_between_builds(first_deck, tmp_path, monkeypatch):
    ids = []
    bank, a_day_later = build_deck(DEFAULT_BANK, tmp_path, FIRST_BUILD + 86_400, monkeypatch)
    for path in (first_deck, a_day_later):
        [(decks, models)] = apkg_rows(path, "SELECT decks, models FROM col")
        ids.append((sorted(json.loads(decks)), sorted(json.loads(models))))
    assert ids[0] == ids[1]
    [deck_ids, model_ids] = ids[0]
    assert model_ids == [str(anki_exporter.stable_id("qbank question v1"))]
    assert len(deck_ids) == 1 + 1 + len(bank.sections)  # Anki's Default, the bank, its sections


def test_rebuilt_deck_updates_the_note_and_keeps_its_review(first_deck, tmp_path, monkeypatch):
    bank, first = load_bank(DEFAULT_BANK), first_deck
    col = open_collection(tmp_path / "collection")
    try:
        assert len(import_deck(col, first).new) == 50
        notetypes = len(col.models.all_names_and_ids())

        col.decks.select(col.decks.id_for_name(bank.title))
        card = col.sched.getCard()
        assert card is not None
        col.sched.answerCard(card, 4)  # Easy: the card becomes a review card
        answered = col.get_card(card.id)
        assert answered.type != CARD_TYPE_NEW and answered.ivl > 0
        schedule = (answered.type, answered.queue, answered.due, answered.ivl, answered.reps)
        question = note_question(bank, answered.note())

        # the learner's copy of the bank gets the answered card's hint corrected
        edited_path = copy_of_bank(tmp_path / "copy")
        text = edited_path.read_text(encoding="utf-8")
        start = question.hint[:40]
        assert text.count(start) == 1
        edited_path.write_text(text.replace(start, "Corrected: " + start), encoding="utf-8")
        edited, second = build_deck(
            edited_path, tmp_path / "second", FIRST_BUILD + 3600, monkeypatch
        )

        log = import_deck(col, second)
        assert len(log.new) == 0
        assert answered.nid in {n.id.nid for n in log.updated}
        assert col.note_count() == 50
        assert col.card_count() == 50
        assert len(col.models.all_names_and_ids()) == notetypes
        new_hint = to_html(edited.questions[question.number - 1].hint)
        assert new_hint.startswith("Corrected: ")
        assert col.get_note(answered.nid)["Hint"] == new_hint
        after = col.get_card(answered.id)
        assert new_hint in after.answer()
        assert (after.type, after.queue, after.due, after.ivl, after.reps) == schedule
        assert col.db.scalar("SELECT count() FROM revlog WHERE cid = ?", answered.id) == 1
    finally:
        col.close()


def test_markup_in_the_bank_shows_literally(fixture_path, tmp_path, monkeypatch):
    bank, path = build_deck(fixture_path("anki-markup.yaml"), tmp_path, FIRST_BUILD, monkeypatch)
    question = bank.questions[0]
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, path)
        [card_id] = col.find_cards("")
        card = col.get_card(card_id)
        front, back = card.question(), card.answer()
        note = card.note()
        deck_name = col.decks.name(card.did)
    finally:
        col.close()
    for rendered in (front, back):
        assert "<script" not in rendered.lower()
        assert "<img" not in rendered.lower()
        assert "&lt;script&gt;alert(1)&lt;/script&gt; run?<br>Or &lt;img" in rendered
    shown_front = visible_text(front)
    assert "Does <script>alert(1)</script> run?" in shown_front
    assert 'Or <img src=x onerror="alert(2)">, or {{c1::x}}, or {{Hint}}?' in shown_front
    assert "<i>tag</i>" in shown_front and "rock & roll" in shown_front
    assert 'Tricky <Section> & "Co"' in shown_front
    assert question.label in shown_front.split()
    shown_back = visible_text(back)
    assert 'Neither: &amp; stays "&amp;", it\'s text, and' in shown_back
    assert "<code>&lt;b&gt;bold&lt;/b&gt;</code>" in back
    assert "<li>&lt;li&gt;not a list item&lt;/li&gt;</li>" in back
    assert "<li><code>{{FrontSide}}</code> stays text</li>" in back
    assert "A note with <u>tags</u> & 'quotes'." in shown_back
    assert set(note.tags) == {'section::Tricky-<Section>-&-"Co"', "<i>tag</i>", "rock-&-roll"}
    assert deck_name == 'Markup & <Friends>::01 Tricky <Section> & "Co"'


def test_notes_carry_the_bank_time(first_deck, tmp_path, monkeypatch):
    edition = anki_exporter.EDITION
    assert {mod for (mod,) in apkg_rows(first_deck, "SELECT mod FROM notes")} == {
        FIRST_BUILD + edition
    }

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    bank_path = copy_of_bank(tmp_path / "copy")
    mtime = 1_750_000_000
    os.utime(bank_path, (mtime, mtime))
    path = build_bank(load_bank(bank_path), tmp_path / "mtime")
    assert {mod for (mod,) in apkg_rows(path, "SELECT mod FROM notes")} == {mtime + edition}


def test_build_is_byte_identical_for_one_time(first_deck, tmp_path, monkeypatch):
    first = first_deck  # built by the command; the library gives the same bytes
    a_year_later = time.time() + 365 * 86_400
    monkeypatch.setattr(time, "time", lambda: a_year_later)  # anything read from the clock
    _, second = build_deck(DEFAULT_BANK, tmp_path / "b", FIRST_BUILD, monkeypatch)
    assert first.read_bytes() == second.read_bytes()
    _, later = build_deck(DEFAULT_BANK, tmp_path / "c", FIRST_BUILD + 1, monkeypatch)
    assert later.read_bytes() != first.read_bytes()


def test_a_question_with_no_text_is_refused_so_no_note_lacks_a_card():
    text = (
        "title: T\nquestions:\n"
        "  - {id: a, section: S, question: '', hint: h}\n"
        "  - {id: b, section: S, question: '   ', hint: h}\n"
    )
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="empty.yaml")
    assert [p.line for p in caught.value.problems] == [3, 4]
    assert all("'question' is empty" in p.message for p in caught.value.problems)


def test_five_thousand_questions_make_five_thousand_notes(default_bank, tmp_path):
    """Size, not speed: bench/run.py measures the time (a timed test would be flaky)."""
    many = [
        replace(q, id=f"{q.id}-{copy}", number=copy * 50 + q.number)
        for copy in range(100)
        for q in default_bank.questions
    ]
    bank = default_bank.with_questions(many)
    path = build_bank(bank, tmp_path)
    assert apkg_rows(path, "SELECT count() FROM notes") == [(5000,)]
    assert apkg_rows(path, "SELECT count(DISTINCT guid) FROM notes") == [(5000,)]


def test_template_and_style_fixes_reach_an_existing_collection(first_deck, tmp_path, monkeypatch):
    """Template text and CSS are not schema: a newer deck updates them in place."""
    first = first_deck
    fixed = copy.deepcopy(anki_exporter.note_type())
    fixed.css += "\n.qb-fixed { }\n"
    fixed.templates[0]["afmt"] = fixed.templates[0]["afmt"].replace("qb-hint", "qb-hint fixed")
    monkeypatch.setattr(anki_exporter, "note_type", lambda templates=None: fixed)
    _, second = build_deck(DEFAULT_BANK, tmp_path / "second", FIRST_BUILD + 60, monkeypatch)
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, first)
        notetypes = len(col.models.all_names_and_ids())
        import_deck(col, second)
        assert len(col.models.all_names_and_ids()) == notetypes
        notetype = col.models.by_name(anki_exporter.NOTE_TYPE_NAME)
        assert ".qb-fixed" in notetype["css"]
        assert 'class="qb-hint fixed"' in col.get_card(col.find_cards("")[0]).answer()
    finally:
        col.close()


def test_a_processs_builds_check_the_card_templates_once_a_changed_one_again(tmp_path, monkeypatch):
    """Every deck and check read the card templates' colours and fields again (1 ms a
    build); a look's style changed between two builds is checked as it is now."""
    anki_exporter.note_type(Templates())
    read = []
    real = anki_exporter.css_colour_typo
    monkeypatch.setattr(anki_exporter, "css_colour_typo", lambda t: read.append(t) or real(t))
    anki_exporter.note_type(Templates())
    assert read == []
    look = own_look(tmp_path, {"anki/style.css": ("}", "} ")})
    anki_exporter.note_type(Templates.of(look))
    sheet = look / "anki" / "style.css"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("} ", "}\n", 1))
    anki_exporter.note_type(Templates.of(look))
    assert len(read) == 2


def test_the_look_lives_in_the_style_sheet_with_a_night_mode():
    templates = BUILTIN_TEMPLATES / "anki"
    for name in ("front.html", "back.html"):
        markup = (templates / name).read_text(encoding="utf-8")
        assert not re.search(r"style=|color|#[0-9a-fA-F]{3,6}\b", markup), name
    css = (templates / "style.css").read_text(encoding="utf-8")
    assert ".card.nightMode" in css and ".card.night_mode" in css
    assert anki_exporter.note_type().css == css  # rich.css is a media file of the deck
    rich = (templates / "rich.css").read_text(encoding="utf-8")
    assert ".card.nightMode" in rich and ".card.night_mode" in rich


def test_decks_named_before_the_numbers_keep_their_cards(tmp_path, monkeypatch):
    """What README says to learners who imported a deck before sub-decks were numbered:
    Anki matches decks by name, so a re-import adds the numbered decks and leaves every
    existing card (with its history) in its old deck; renaming the old decks first, to
    '01 Beginner' and so on, makes the import use them."""
    numbered = anki_exporter.section_deck_name
    monkeypatch.setattr(anki_exporter, "section_deck_name", lambda b, s: f"{b.title}::{s.name}")
    bank, old = build_deck(DEFAULT_BANK, tmp_path / "old", FIRST_BUILD, monkeypatch)
    monkeypatch.setattr(anki_exporter, "section_deck_name", numbered)
    _, new = build_deck(DEFAULT_BANK, tmp_path / "new", FIRST_BUILD + 60, monkeypatch)
    for renamed_first in (False, True):
        col = open_collection(tmp_path / f"collection-{renamed_first}")
        try:
            import_deck(col, old)
            if renamed_first:
                for section in bank.sections:
                    deck = col.decks.get(col.decks.id_for_name(f"{bank.title}::{section.name}"))
                    col.decks.rename(deck, numbered(bank, section))
            assert len(import_deck(col, new).updated) == len(bank.questions)
            names = {d.name for d in col.decks.all_names_and_ids()}
            used = {col.decks.name(col.get_card(c).did) for c in col.find_cards("")}
        finally:
            col.close()
        old_names = {f"{bank.title}::{s.name}" for s in bank.sections}
        new_names = {numbered(bank, s) for s in bank.sections}
        if renamed_first:
            assert used == new_names and not names & old_names
        else:
            assert used == old_names and new_names <= names  # the new ones stay empty


def test_a_deck_of_the_last_release_is_updated_in_place(tmp_path, monkeypatch):
    """A learner imported the last release's deck (tests/fixtures/previous-release.apkg, built
    by commit f1e1758: `SOURCE_DATE_EPOCH=1700000000 python generate.py anki --bank
    tests/fixtures/previous-release.yaml`) and studied; the bank then gained sources. Today's
    deck, imported with Anki's default options (merge note types off, update notes if newer),
    updates every note in place under the one note type, keeps the review, and shows the
    sources. The cards stay in the old, unnumbered sub-decks; the numbered ones come empty."""
    bank_path = tmp_path / "bank" / "previous-release.yaml"  # the name is the notes' identity
    bank_path.parent.mkdir()
    bank_path.write_bytes((FIXTURES / "previous-release-today.yaml").read_bytes())
    bank, today = build_deck(bank_path, tmp_path / "out", FIRST_BUILD + 3600, monkeypatch)
    col = open_collection(tmp_path / "collection")
    try:
        assert len(import_deck(col, PREVIOUS_RELEASE_DECK).new) == len(bank.questions)
        notetypes = col.models.all_names_and_ids()
        col.decks.select(col.decks.id_for_name(bank.title))
        card = col.sched.getCard()
        assert card is not None
        col.sched.answerCard(card, 4)
        answered = col.get_card(card.id)
        schedule = (answered.type, answered.queue, answered.due, answered.ivl, answered.reps)
        assert answered.type != CARD_TYPE_NEW

        request = ImportAnkiPackageRequest(package_path=str(today))
        defaults = request.options
        assert not defaults.merge_notetypes
        assert defaults.update_notes == ImportAnkiPackageUpdateCondition.Value(
            "IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER"
        )
        log = col.import_anki_package(request).log
        assert len(log.updated) == len(bank.questions) == 2
        assert (len(log.new), len(log.conflicting), len(log.duplicate)) == (0, 0, 0)
        assert col.models.all_names_and_ids() == notetypes
        assert col.models.use_count(col.models.by_name(anki_exporter.NOTE_TYPE_NAME)) == 2

        after = col.get_card(answered.id)
        assert (after.type, after.queue, after.due, after.ivl, after.reps) == schedule
        assert col.db.scalar("SELECT count() FROM revlog WHERE cid = ?", answered.id) == 1
        backs = {}
        for card_id in col.find_cards(""):
            card = col.get_card(card_id)
            backs[card.note()["Id"]] = card.answer()
        decks = {col.decks.name(col.get_card(c).did) for c in col.find_cards("")}
        deck_names = {d.name for d in col.decks.all_names_and_ids()}
    finally:
        col.close()

    first, second = backs["first"], backs["second"]
    assert to_html("An editor's note.") in first
    shown_address = address_html('https://example.org/x?a=1&b="2"')  # whole on a row
    assert (
        '<li><a href="https://example.org/x?a=1&amp;b=&quot;2&quot;">'
        f"The &lt;b&gt;x&lt;/b&gt; &amp; y guide</a> \u2014 {shown_address}</li>"
    ) in first
    assert "<b>x</b>" not in first
    shown = " ".join(visible_text(first).split())
    assert shown.index("Note") < shown.index("An editor's note.") < shown.index("Sources")
    assert 'The <b>x</b> & y guide \u2014 https://example.org/x?a=1&b="2"' in shown
    # a question with sources and no editor's note shows its sources, and no empty note
    assert "qb-note" not in visible_html(second)
    assert '<a href="https://example.org/y">' in second
    assert '<a href="http://example.org/y2">' in second
    assert "Sources" in visible_text(second) and "Note" not in visible_text(second).split()
    old = {f"{bank.title}::{s.name}" for s in bank.sections}
    numbered = {anki_exporter.section_deck_name(bank, s) for s in bank.sections}
    assert decks == old  # README: a card keeps its deck; move it with Browse > Change Deck
    assert numbered <= deck_names


def test_an_upgraded_qbank_updates_the_cards_of_an_unchanged_bank(tmp_path, monkeypatch):
    """The previous release's deck of a bank, then the deck this qbank builds of the same,
    unchanged bank (the same time): Anki takes a note only when it is newer, and the two
    carried one time, so the upgrade changed no card and no style (an upgrade trial:
    'dup 4', the follow-ups never on the back). The deck is dated EDITION seconds later:
    every note and the note type's style update, and the review stays."""
    bank_path = tmp_path / "bank" / "previous-release.yaml"  # the name is the notes' identity
    bank_path.parent.mkdir()
    bank_path.write_bytes((FIXTURES / "previous-release.yaml").read_bytes())
    bank, today = build_deck(bank_path, tmp_path / "out", FIRST_BUILD, monkeypatch)
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, PREVIOUS_RELEASE_DECK)
        col.decks.select(col.decks.id_for_name(bank.title))
        card = col.sched.getCard()
        col.sched.answerCard(card, 4)
        log = import_deck(col, today)
        assert (len(log.updated), len(log.duplicate)) == (len(bank.questions), 0)
    finally:
        col.close()
    col = open_collection(tmp_path / "collection")  # the note types as stored, not cached
    try:
        notetype = col.models.by_name(anki_exporter.NOTE_TYPE_NAME)
        assert notetype["css"] == anki_exporter.note_type().css
        assert col.db.scalar("SELECT count() FROM revlog WHERE cid = ?", card.id) == 1
    finally:
        col.close()


# What the decks of the fingerprint banks (fingerprint_banks) say, as each edition of the
# deck (anki.EDITION) said it: a digest of their notes' fields and tags, their note type's
# style, templates and fields, and their media files. A deck that says an unchanged bank
# otherwise must be dated later, or a learner who upgrades qbank keeps the earlier cards:
# raise EDITION with it. Editions 1 to 10 are digests of a one-question English bank, which
# showed no language, no sign after a number, no French mark and no right-to-left text, so
# that editions 10 and 11 were raised by hand; from 11 on, of the fingerprint banks.
EDITIONS = {
    1: "a49156e316bd3ed9f9b155ff2ddc0f35f7486eceb09897bda01104adbc741038",
    # two lists in a row, either loose, farther apart (style.css); and '50 %' kept whole
    2: "8254818d91c44f464fdb510c8578ca423c29eff4382d6f02562a56d6667a3009",
    # a right-to-left language's paragraphs, lists, quotes and items holding a right-to-left
    # letter say dir="rtl", others dir="auto"; a quote's bar and a list item's marker on the
    # side it starts (style.css, rich.css)
    3: "b067cdb0e72794008a09d76ee6bf16a123ac51e1f6975fece6213bc07a36a726",
    # a Markdown text's first block right under its heading, its last close to what
    # follows, as a text of one paragraph (style.css)
    4: "994c5726d3f9b09ce9689308c9ec1e81f1304c357f25d88f678a92164f413681",
    # a command's option in code in a span no line breaks in (qbank.text.code_html)
    5: "994c5726d3f9b09ce9689308c9ec1e81f1304c357f25d88f678a92164f413681",
    # the dot between a card's number and its section has its room as a no-break space
    # after it, on the section's side in a right-to-left line too (style.css)
    6: "f1a7aee4d089fec14ed4a3d4173f5c7ee2c31c21d0b4e79caa9c60bbabd23bf6",
    # the card's number line and its headings run as their own words do (style.css)
    7: "ecdd5e8533472ae21090ec0d06029a1cdc423452c2de169916bcfb7a1862af01",
    # a right-to-left bank's field whose only rich block is a quote links rich.css
    8: "ecdd5e8533472ae21090ec0d06029a1cdc423452c2de169916bcfb7a1862af01",
    # the tags say their language and, where it is written right to left, their direction;
    # a tag's room after it (style.css)
    9: "5929211acfb54463568c44b5502d5673940bd964308627dbd91d70929084b666",
    # a currency or degree sign after its number kept whole ('3.000 €'), as '50 %'
    10: "5929211acfb54463568c44b5502d5673940bd964308627dbd91d70929084b666",
    # the anchors' texts say their language, not their list, whose scale labels are the
    # look's words (the digest of the fingerprint banks since)
    11: "cc07819525eec1a5d1b45ef6a0ea16e66e388f8ee198f7b998b2005a728c2619",
    # a unit's symbol kept with its number ('8 GB'), a currency's sign or code with its
    # amount ('CHF 50')
    12: "2c5d0447434c10b5c6f68ecd96df188875296cd49933aefd95bcd418c1a92071",
    # a long word hyphenated where the reviewer knows its language, code never (style.css)
    13: "49a0ebe45775842e8973659a9d3a51f5308781f5d436070659913b8305e019b5",
    # the card's section name says its language, as its other texts do
    14: "91684466ec241edcef9b1e06f19373200548826ed6ffe39f887e75a4acea23e5",
    # a code block set in columns keeps its rows whole and scrolls sideways (rich.css)
    15: "05a0b9457721234c0cc283da17463be95510e83c9f6a62c259ff2d9db362d2d5",
    # a long word hyphenated in a language not English only, as the DOCX packet, and code
    # never, in Safari's prefixed form too; the section's name as typed again (14's markup
    # hid it from Anki's search of its field)
    16: "d2d53dbe476187faeb057dbd7c8caf15fabc17923f8ee489e3266a9f8eaff207",
    # in French, a word and its ? ! ; : » (« and its word) kept on one line, as '50 %'
    17: "476ea79079d7d7fe10ef53d34ff1d0a89f8df3c67927b7dd6d5f22809d4b7c89",
    # a number's groups of three digits kept on one line ('3 000 €'), as '50 %'
    18: "f2f43b3e8ff57c4e158189b0d189eb5b189c51339c3c722db2c027d00ec51173",
    # a command's option after an opening quote or bracket in code kept whole too, as after
    # a blank ('["get", "--all-namespaces"]'; qbank.text.OPTION_START)
    19: "f2f43b3e8ff57c4e158189b0d189eb5b189c51339c3c722db2c027d00ec51173",
    # a run of code kept on its row that is wider than a row fills its rows (rich.css); a
    # web address in a text and a source's kept whole on a row that holds it, broken at the
    # row's end where wider (qbank.text.address_html; the look-for signal's address since);
    # the back's headings headings to a screen reader (role="heading")
    20: "331392ee8b8db78f384f65603492fe69082e38e51f0623a6ca157b783e928042",
    # the dot of the number line before its second part, whichever it is, muted (style.css)
    21: "7ff14c23975386cbd09bd04f2362b9ac05e56806f772c284ebb0ece1ebe2f6b9",
    # a number's exponent in raised digits kept with its unit ('10⁸ km'), and the mole's,
    # the farad's, the decimetre's and the electronvolt's symbols with their number
    22: "23fa8bd1dece80d9b62a185999329caa02556d66fb9f9033eb3eedd300144160",
    # a fraction's last, shorter group of digits kept with the number ('0.000 004 7')
    23: "a4d924241dc57f8131fe70aca7620b4557a2ad802afd34a7e0bc1c7cdf1d5f9b",
    # a formula's blank before a relation or an operation, after a leading sign and after a
    # chemical coefficient kept
    24: "60332d8c8568e3c9a45882db912e240d8892de2e2aa7253349d4b544ccd20197",
    # a code line may break after '(', ',' and a name's '.' (a <wbr>: qbank.text.CODE_BREAK)
    25: "d016e0f86bbf6fd5499c273d824261feeebefedf4240d02ccef5f70f209dd457",
    # a code block's caption only seen (aria-hidden), its language heard once, as the
    # figure's name (aria-label), as on the study page
    26: "f00e6f9aa3ad450f1dbbdd709042de578098589bafa25bc13be60df56f9bcbfa",
    # a Markdown table drawn as a table (rich.css), in a box that scrolls sideways
    27: "5c73ad378d84733983648bd0f19ee9549f3ecd904eb984118dbb986b1c9e0bed",
    # a table's box shaded at each edge past which it goes on, its header on a see-through
    # shade, a short column as narrow as its word (rich.css)
    28: "5eb6ab5b46e129d246014c32ea518cdf082ff2c1f702d572ed02aa0081fef750",
}
# The languages the fingerprint banks' sections are in: none, and one for each way the
# note's rendering treats a language (qbank.text's predicates: written right to left, by
# its language or by its script; keeps French marks' spaces; any other)
FINGERPRINT_LANGUAGES = ("", "es", "fr", "he", "az-Arab")
FINGERPRINT_PICTURES = ("flow.png", "dot.gif")


def rule_samples(mathjax: bool = True) -> str:
    """One line of every kind of text the note's rendering treats otherwise than its
    neighbours, each made from the rule's own characters, so that a sign or mark added to
    a rule is in the fingerprint at once: a number before each sign of NUMBER_SIGNS, a
    number's groups of digits, a word
    before each French mark and after '«', the no-break spaces, an option in code, Anki's
    own bracket tags, MathJax's delimiters (unless not `mathjax`: a field without them is
    not set apart), markup-like and right-to-left words."""
    return " ".join(
        (
            ", ".join(f"3.000 {sign}" for sign in NUMBER_SIGNS),
            "50  %, € 5, 10⁸ km, 8 GB, CHF 50, 50 CHF, 3 000.000 4, `50 %`;",
            " ".join(f"mot {mark}" for mark in SPACE_KEPT_BEFORE),
            " ".join(f"{mark} mot" for mark in SPACE_KEPT_AFTER),
            " ".join(f"a{space}b" for space in NO_BREAK_SPACES),
            "`pip install --upgrade -r req.txt -- x`,",
            "[sound:x.mp3] [anki:tts]x[/anki:tts] [latex]x[/latex] [$]x[/$] [$$]x[/$$]",
            r"\(a\) \[b\]" if mathjax else "",
            "<b>x</b> & 'y' \"z\" TCP אמין; UDP مهير.",
        )
    )


# a formula's every relation and operation after a term, a leading sign, a minus and a star
# between terms, a chemical coefficient, a formula in code (a follow-up's: the question's
# text is at its longest)
FORMULA_SAMPLES = " ".join(
    (
        " ".join(f"a {sign} b" for sign in FORMULA_RELATIONS + FORMULA_OPERATIONS),
        "x = − 5, n - 1 * 2 · 3 <= y + 2 H₂O, `x = 1`;",
    )
)


# a Markdown text with a block of every kind and a span of every style
RICH_SAMPLES = """\
*50* %, **strong** [a link's *words*](https://example.org/x?a=1&b="2") <https://example.org/>
and a hard break\\
after it.

```sh
pip install --upgrade x
\tindented by a tab
                                                        deeper than a row keeps
```

```text
f(a,b)
```

```unknown-language
x
```

3. counted from three
4. with a nested list:
   - `code` in it

- a loose list

- > a quote in it

> A quote: אמין ו- TCP

![the first picture](flow.png)
![the second picture, in a row](dot.gif)
"""
# and a table (in the hint: the question has no room left for one)
TABLE_SAMPLE = """| Log | Kept | Where |
| :-- | --: | :-: |
| `SigninLogs` | 30 days | [docs](https://example.org/) |
| אמין | **90** |  |
"""


def fingerprint_banks(folder: Path) -> list[Path]:
    """The banks whose decks the EDITIONS digests are of: a plain one and a Markdown one,
    each with a section in each of FINGERPRINT_LANGUAGES holding a question that sets
    every field, its texts holding `rule_samples` (and in Markdown `RICH_SAMPLES`)."""
    for name in FINGERPRINT_PICTURES:
        (folder / name).write_bytes((FIXTURES / "markdown" / "images" / name).read_bytes())
    paths = []
    for markup in ("plain", "markdown"):
        said = rule_samples()
        rich = f"{said}\n\n{RICH_SAMPLES}" if markup == "markdown" else said
        hint = rule_samples(mathjax=False) + (
            f"\n\n{RICH_SAMPLES}\n{TABLE_SAMPLE}" if markup == "markdown" else ""
        )
        sections = [
            {"name": f"{language or 'none'} {said[-16:]}", "language": language}
            if language
            else {"name": "none", "description": said}
            for language in FINGERPRINT_LANGUAGES
        ]
        bank = {
            "title": f"Fingerprint {markup}: 3.000 € « a » אמין",
            "markup": markup,
            "language": "en" if markup == "plain" else None,
            "description": rich,
            "role": "Analyst: 50 %",
            "organisation": "Example « Ltd »",
            "logo": FINGERPRINT_PICTURES[0],
            "reviewed": "2026-11-30",
            "tags": [{"name": "linux", "description": said}, {"name": "a::b", "description": "x"}],
            "competencies": [{"name": "ops", "description": said, "weight": 2}],
            "sections": sections,
            "questions": [
                {
                    "id": f"q{n}",
                    "section": section["name"],
                    "question": rich,
                    "hint": hint,
                    "tags": ["linux", "a::b"],
                    # a web address kept whole on a row that holds it
                    "look_for": [said, "second (https://example.org/a?q=k&l=e)."],
                    "follow_ups": [said, FORMULA_SAMPLES],
                    "minutes": 7,
                    "note": rich,
                    "sources": [{"title": said, "url": "https://example.org/?a=1&b='2'"}],
                    "group": "probe",
                    "competency": "ops",
                    "anchors": {1: said, 3: rich, 5: "five"},
                }
                for n, section in enumerate(sections)
            ],
        }
        if markup == "markdown":
            bank["rubric"] = [
                {"score": s, "label": f"{said[:12]} {s}", "anchor": said} for s in (1, 3, 5)
            ]
        bank = {key: value for key, value in bank.items() if value is not None}
        path = folder / f"fingerprint-{markup}.yaml"
        path.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), "utf-8")
        paths.append(path)
    return paths


def settings_left_unset(banks: list[Bank]) -> list[str]:
    """Each field of the model (Bank and what it holds, a Markdown text's blocks and spans)
    that no bank sets otherwise than its default, and each kind of block none holds: the
    fingerprint must see every field and every kind of block, now and when one is added."""
    values: dict[type, list] = {}

    def gather(value) -> None:
        if dataclasses.is_dataclass(value):
            values.setdefault(type(value), []).append(value)
            for f in dataclasses.fields(value):
                if f.compare:
                    gather(getattr(value, f.name))
        elif isinstance(value, tuple | list):
            for item in value:
                gather(item)

    for bank in banks:
        gather(bank)
        for tree in bank.rich.values():
            gather(tree)
    unset = [f"a {kind.__name__}" for kind in typing.get_args(Block) if kind not in values]
    for kind, found in values.items():
        for f in dataclasses.fields(kind):
            if f.default_factory is not dataclasses.MISSING:
                default = f.default_factory()
            elif f.default is not dataclasses.MISSING:
                default = f.default
            else:
                continue  # a field every value sets
            if f.compare and all(getattr(v, f.name) == default for v in found):
                unset.append(f"{kind.__name__}.{f.name}")
    return unset


def test_a_deck_that_says_a_bank_otherwise_has_a_later_edition(tmp_path, monkeypatch):
    """An upgrade reaches learners only when the deck's notes are newer (see EDITIONS)."""
    paths = fingerprint_banks(tmp_path)
    banks = [load_bank(path) for path in paths]
    unset = settings_left_unset(banks)
    assert not unset, (
        f"the fingerprint banks never set these; set them in fingerprint_banks: {unset}"
    )
    # a section in each kind of language the rendering tells apart, and one in none
    languages = [bank.language_of(s) for bank in banks for s in bank.sections]
    said_of = {(is_right_to_left(x), keeps_marks_spaced(x), bool(x)) for x in languages}
    assert said_of == {
        (False, False, False),
        (False, False, True),
        (False, True, True),
        (True, False, True),
    }
    digest = hashlib.sha256()
    for n, path in enumerate(paths):
        _, deck = build_deck(path, tmp_path / f"out{n}", FIRST_BUILD, monkeypatch)
        for row in apkg_rows(deck, "SELECT guid, flds, tags FROM notes ORDER BY guid"):
            digest.update(repr(row).encode())
        ((models,),) = apkg_rows(deck, "SELECT models FROM col")
        for model in json.loads(models).values():
            templates = [(t["name"], t["qfmt"], t["afmt"]) for t in model["tmpls"]]
            said = (model["name"], model["css"], templates, [f["name"] for f in model["flds"]])
            digest.update(repr(said).encode())
        with zipfile.ZipFile(deck) as archive:
            for name in sorted(n for n in archive.namelist() if n != "collection.anki2"):
                digest.update(name.encode() + archive.read(name))
    edition = anki_exporter.EDITION
    assert EDITIONS.get(edition) == digest.hexdigest(), (
        f"the deck says a bank otherwise than edition {edition} did: raise anki.EDITION to "
        f"{edition + 1} and add {edition + 1}: {digest.hexdigest()!r} to EDITIONS"
        if edition in EDITIONS
        else f"add {edition}: {digest.hexdigest()!r} to EDITIONS"
    )


def test_a_plain_deck_imported_after_a_markdown_one_keeps_the_code_style(tmp_path, monkeypatch):
    """Every deck shares the note type, and Anki takes the style of the deck imported last:
    the note type's style is style.css for every bank, and a Markdown deck's code, quotes and
    pictures take rich.css from a media file their fields link, so a plain deck imported
    later takes nothing away, and the media check calls the file neither missing nor unused."""
    style_css = (BUILTIN_TEMPLATES / "anki" / "style.css").read_text(encoding="utf-8")
    rich_css = (BUILTIN_TEMPLATES / "anki" / "rich.css").read_bytes()
    style_name, _ = anki_exporter.rich_style()
    markdown_bank = FIXTURES / "markdown" / "rich.yaml"
    _, markdown_deck = build_deck(markdown_bank, tmp_path / "md", FIRST_BUILD, monkeypatch)
    _, plain_deck = build_deck(
        FIXTURES / "minimal.yaml", tmp_path / "plain", FIRST_BUILD + 60, monkeypatch
    )
    with zipfile.ZipFile(plain_deck) as archive:
        assert json.loads(archive.read("media")) == {}  # a plain deck has no style file
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, markdown_deck)
        import_deck(col, plain_deck)
        qbank_types = [n for n in col.models.all_names() if n.startswith("qbank")]
        assert qbank_types == [anki_exporter.NOTE_TYPE_NAME]
        notetype = col.models.by_name(anki_exporter.NOTE_TYPE_NAME)
        assert notetype["css"] == style_css
        assert col.models.use_count(notetype) == len(col.find_notes(""))
        answers = [col.get_card(c).answer() for c in col.find_cards("")]
        code = [a for a in answers if '<figure class="qb-code"' in a]
        assert code and all(f'<link rel="stylesheet" href="{style_name}">' in a for a in code)
        # a card with no code, quote or picture links nothing
        assert any("<figure" not in a and style_name not in a for a in answers)
        media = Path(col.media.dir())
        assert (media / style_name).read_bytes() == rich_css
        check = col.media.check()
        assert list(check.missing) == [] and list(check.unused) == []
    finally:
        col.close()


@pytest.mark.parametrize(
    ("language", "quote"),
    [("he", "לא לפתוח את הקובץ."), ("he", "never open it."), ("en", "never open it.")],
)
def test_a_quote_alone_links_the_rich_style(tmp_path, monkeypatch, language, quote):
    """A quote is drawn with its bar by rich.css, in a field with no code, picture or link
    too: a Hebrew bank's quote (<blockquote dir="rtl">, or dir="auto") linked nothing, and
    showed as a paragraph (a learner's phone trial)."""
    bank = tmp_path / "quote.yaml"
    bank.write_text(
        f"title: T\nmarkup: markdown\nlanguage: {language}\nquestions:\n  - id: a\n"
        f"    section: S\n    question: Q?\n    hint: |\n      מה עושים:\n\n      > {quote}\n",
        encoding="utf-8",
    )
    _, deck = build_deck(bank, tmp_path / "out", FIRST_BUILD, monkeypatch)
    ((fields,),) = apkg_rows(deck, "SELECT flds FROM notes")
    hint = fields.split("\x1f")[1]
    style_name, _ = anki_exporter.rich_style()
    assert f'<link rel="stylesheet" href="{style_name}">' in hint, hint
    with zipfile.ZipFile(deck) as archive:
        assert list(json.loads(archive.read("media")).values()) == [style_name]


def test_an_edited_rich_style_is_a_new_media_file(tmp_path):
    look = tmp_path / "look" / "anki"
    look.mkdir(parents=True)
    (look / "rich.css").write_text(".qb pre { color: teal; }\n", encoding="utf-8")
    own, data = anki_exporter.rich_style(Templates(tmp_path / "look"))
    assert data == b".qb pre { color: teal; }\n"
    assert own.startswith("_qbank-rich-") and own != anki_exporter.rich_style()[0]


def test_a_redrawn_picture_reaches_the_learners_deck(tmp_path, monkeypatch):
    """A deck is as new as the newest file it shows: a picture redrawn with the bank left
    alone updates its note, whose field names the new picture (a trial: Anki kept the old
    picture, "duplicate 24", as the deck's time was the bank file's only)."""
    from PIL import Image

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    bank = tmp_path / "drawn.yaml"
    bank.write_text(
        "title: Drawn\nmarkup: markdown\nquestions:\n"
        "  - {id: tree, section: S, question: 'What is this? ![a tree](tree.png)', hint: H.}\n"
        "  - {id: plain, section: S, question: And this?, hint: H.}\n",
        encoding="utf-8",
    )
    picture = tmp_path / "tree.png"
    Image.new("RGB", (40, 30), "#2da44e").save(picture)
    for path in (bank, picture):
        os.utime(path, (FIRST_BUILD, FIRST_BUILD))

    def build(out: str) -> Path:
        assert run_cli("anki", "--bank", bank, "--out", tmp_path / out).exit_code == 0
        return tmp_path / out / "drawn.apkg"

    col = open_collection(tmp_path / "collection")
    try:
        assert len(import_deck(col, build("one")).new) == 2
        Image.new("RGB", (40, 30), "#cf222e").save(picture)  # redrawn an hour later
        os.utime(picture, (FIRST_BUILD + 3600, FIRST_BUILD + 3600))
        log = import_deck(col, build("two"))
        # every note of the deck is as new as it (Anki rewrites the others unchanged)
        assert "tree" in [col.get_note(n.id.nid)["Id"] for n in log.updated]
        (note,) = [col.get_note(n) for n in col.find_notes("Id:tree")]
        (name,) = re.findall(r'src="([^"]+)"', note["Question"])
        media = Path(col.media.dir()) / name
        assert Image.open(media).getpixel((0, 0)) == (207, 34, 46)
    finally:
        col.close()


@pytest.mark.parametrize("name", ["style.css", "rich.css"])
def test_a_looks_edited_card_style_reaches_the_learners_deck(tmp_path, monkeypatch, name):
    """A deck is as new as the look's files it is made of: a card style edited with the bank
    left alone updates the note type's style (and a rich.css the notes that link it), where
    the deck was dated as the bank and Anki kept the old style (a trial). With
    SOURCE_DATE_EPOCH the deck's time is that still: a build stays reproducible."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: B\nmarkup: markdown\nquestions:\n"
        "  - {id: a, section: S, question: 'What is [x](https://example.org)?', hint: H.}\n",
        encoding="utf-8",
    )
    look = tmp_path / "look"
    style = look / "anki" / name
    style.parent.mkdir(parents=True)
    style.write_bytes((BUILTIN_TEMPLATES / "anki" / name).read_bytes())
    for path in (bank, style):
        os.utime(path, (FIRST_BUILD, FIRST_BUILD))

    def build(out: str) -> Path:
        result = run_cli("anki", "--bank", bank, "--templates", look, "--out", tmp_path / out)
        assert result.exit_code == 0, result.output
        return tmp_path / out / "b.apkg"

    col = open_collection(tmp_path / "collection")
    try:
        assert len(import_deck(col, build("one")).new) == 1
        style.write_text(style.read_text(encoding="utf-8") + "\n.qb-brand { }\n", "utf-8")
        os.utime(style, (FIRST_BUILD + 3600, FIRST_BUILD + 3600))
        import_deck(col, build("two"))
        if name == "style.css":
            css = col.models.by_name(anki_exporter.NOTE_TYPE_NAME)["css"]
        else:  # the new rich.css's media file, which the note now links
            (note,) = [col.get_note(n) for n in col.find_notes("")]
            (linked,) = re.findall(r"_qbank-rich-[0-9a-f]+\.css", note["Question"])
            css = (Path(col.media.dir()) / linked).read_text(encoding="utf-8")
        assert ".qb-brand" in css
    finally:
        col.close()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIRST_BUILD))
    edition = anki_exporter.EDITION
    assert apkg_rows(build("pinned"), "SELECT mod FROM notes") == [(FIRST_BUILD + edition,)]


def test_what_a_learner_keeps_when_the_bank_changes(tmp_path, monkeypatch):
    """What docs/clients/anki.md tells learners, from a trial of months of edits: a note
    edited in Anki after the bank's time keeps its text; an update gives a note the deck's
    tags alone (the learner's own and "marked" go), while a card's flag and suspension stay;
    a question moved to another section is found in its old sub-deck by its section tag; a
    sub-deck renamed in Anki as its section was renamed takes the new file's cards."""
    bank = tmp_path / "months.yaml"

    def build(epoch: int, sections: tuple[str, str], moved: str) -> Path:
        a, b = sections
        bank.write_text(
            f"title: Months\nsections: [{a}, {b}]\nquestions:\n"
            f"  - {{id: kept, section: {a}, question: Q {epoch}?, hint: H., tags: [t]}}\n"
            f"  - {{id: moved, section: {moved}, question: M?, hint: H.}}\n"
            f"  - {{id: other, section: {b}, question: O?, hint: H.}}\n",
            encoding="utf-8",
        )
        return build_deck(bank, tmp_path / str(epoch), epoch, monkeypatch)[1]

    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, build(FIRST_BUILD, ("Alpha", "Beta"), "Alpha"))
        (nid,) = col.find_notes("Id:kept")
        note = col.get_note(nid)
        note.tags += ["marked", "mine"]
        col.update_note(note)  # the note's time is now, later than the next deck's
        card = note.cards()[0]
        card.set_user_flag(3)
        col.update_card(card)
        col.sched.suspend_cards([card.id])
        import_deck(col, build(FIRST_BUILD + 60, ("Alpha", "Beta"), "Alpha"))
        assert col.get_note(nid)["Question"] == f"Q {FIRST_BUILD}?"

        beta = col.decks.id_for_name("Months::02 Beta")
        col.decks.rename(beta, "Months::02 Bêta")  # as the bank will rename its section
        later = int(time.time()) + 60
        import_deck(col, build(later, ("Alpha", "Bêta"), "Bêta"))
        note, card = col.get_note(nid), col.get_card(card.id)
        assert note["Question"] == f"Q {later}?"
        assert sorted(note.tags) == ["section::Alpha", "t"]
        assert card.user_flag() == 3 and card.queue == QUEUE_TYPE_SUSPENDED
        found = col.find_notes('"deck:Months::01 Alpha" -tag:section::Alpha')
        assert [col.get_note(n)["Id"] for n in found] == ["moved"]
        decks = {d.name for d in col.decks.all_names_and_ids()}
        assert "Months::02 Beta" not in decks
        other = col.get_note(col.find_notes("Id:other")[0]).cards()[0]
        assert col.decks.name(other.did) == "Months::02 Bêta"
    finally:
        col.close()


def test_a_rebuild_names_what_learners_must_change_by_hand(tmp_path, monkeypatch):
    """An import deletes no note and moves no card: a question taken out stays in a
    learner's collection, a question moved to another section stays in its old sub-deck,
    and a renamed section's cards stay in the old sub-deck beside a new, empty one. The
    rebuild over the earlier deck names each, with what to do (a trial: nothing said which
    card to delete, the learner could not tell); done as said, the collection is the new
    deck's. The same deck rebuilt says nothing."""
    bank, out = tmp_path / "term.yaml", tmp_path / "out"
    deck = out / "term.apkg"

    def build(
        epoch: int, sections: str, questions: list[tuple[str, str]], title: str = "Term"
    ) -> list[str]:
        bank.write_text(
            f"title: {title}\nsections: [{sections}]\nquestions:\n"
            + "".join(
                f"  - {{id: {q}, section: {s}, question: {q}?, hint: H.}}\n" for q, s in questions
            )
        )
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        result = run_cli("anki", "--bank", bank, "--out", out)
        assert result.exit_code == 0, result.output
        return [line for line in result.output.splitlines() if "warning" in line]

    first = [("kept", "Alpha"), ("gone", "Alpha"), ("moves", "Alpha"), ("b1", "Beta")]
    later = [("kept", "Alpha"), ("b1", "Bravo"), ("moves", "Gamma"), ("new", "Gamma")]
    assert build(FIRST_BUILD, "Alpha, Beta", first) == []
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, deck)
        assert build(FIRST_BUILD + 60, "Alpha, Bravo, Gamma", later) == [
            f"{deck}: warning: 1 question of the deck this build replaces is no longer in the "
            "bank ('gone'): learners who imported that deck keep its card, as an import "
            "deletes no note; tell them to delete it in Anki's Browse (search Id:gone)",
            f"{deck}: warning: 1 question of the sub-deck '01 Alpha' is in '03 Gamma' now "
            "('moves'): learners who imported that deck keep its card in '01 Alpha', as an "
            "import moves no card; tell them to move it (Browse, search Id:moves, then "
            "Change Deck)",
            f"{deck}: warning: the sub-deck '02 Beta' is '02 Bravo' now (1 question: 'b1'): "
            "learners who imported that deck keep its card in '02 Beta', as an import moves "
            "no card; tell them to rename that sub-deck to 'Term::02 Bravo' in Anki before "
            "importing this deck, which then fills it",
        ]
        # the learner does as the warnings say (a card moves to a sub-deck the import made)
        col.remove_notes(col.find_notes("Id:gone"))
        col.decks.rename(col.decks.id_for_name("Term::02 Beta"), "Term::02 Bravo")
        import_deck(col, deck)
        col.set_deck(col.find_cards("Id:moves"), col.decks.id_for_name("Term::03 Gamma"))
        where = {
            col.get_note(col.get_card(c).nid)["Id"]: col.decks.name(col.get_card(c).did)
            for c in col.find_cards("")
        }
        assert where == {
            "kept": "Term::01 Alpha",
            "moves": "Term::03 Gamma",
            "b1": "Term::02 Bravo",
            "new": "Term::03 Gamma",
        }
        assert "Term::02 Beta" not in {d.name for d in col.decks.all_names_and_ids()}
    finally:
        col.close()
    assert build(FIRST_BUILD + 120, "Alpha, Bravo, Gamma", later) == []
    # the bank's title renamed: one line for its deck, not one for each sub-deck
    assert build(FIRST_BUILD + 180, "Alpha, Bravo, Gamma", later, title="Terms") == [
        f"{deck}: warning: the deck 'Term' is 'Terms' now (the bank's title): learners who "
        "imported that deck keep its cards there, as an import moves no card; tell them to "
        "rename it to 'Terms' in Anki before importing this deck"
    ]


def one_question_deck(bank: Path, markup: str, question: str, hint: str) -> None:
    """The deck, beside it, of a bank at `bank` of one question (its texts in single
    quotes)."""
    bank.write_text(
        f"title: T\nmarkup: {markup}\nquestions:\n"
        f"  - id: q\n    section: S\n    question: '{question}'\n    hint: '{hint}'\n",
        encoding="utf-8",
    )
    assert run_cli("anki", "--bank", bank, "--out", bank.parent).exit_code == 0


def one_question_back(bank: Path, markup: str, question: str, hint: str) -> str:
    """The Hint field's HTML of `one_question_deck`'s note."""
    one_question_deck(bank, markup, question, hint)
    ((fields,),) = apkg_rows(bank.with_suffix(".apkg"), "SELECT flds FROM notes")
    return fields.split("\x1f")[1]


@pytest.mark.parametrize("markup", ["plain", "markdown"])
def test_ankis_own_markup_in_a_bank_shows_as_typed(tmp_path, markup):
    """A sound tag, LaTeX and MathJax delimiters in a bank are words to Anki's reviewer too:
    nothing plays, no LaTeX image is asked for, MathJax leaves them (a trial: "[sound:...]"
    played, "[$]x[/$]" became a missing LaTeX image, "\\(x^2\\)" was typeset)."""
    question = "Que fait la balise [sound:bonjour.mp3] ?"
    hint = (
        "[$]x[/$] ou [latex]y[/latex] ou [LaTeX]z[/LaTeX] ou [anki:tts lang=fr]salut[/anki:tts]"
        " ou \\(x^2\\)"
    )
    one_question_deck(tmp_path / "lit.yaml", markup, question, hint)
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, tmp_path / "lit.apkg")
        (card,) = [col.get_card(c) for c in col.find_cards("")]
        shown_front = visible_text(card.question())
        shown_back = visible_text(card.answer())
        assert card.question_av_tags() == [] and card.answer_av_tags() == []
        assert "latex-" not in card.answer()
        assert question in shown_front
        # CommonMark reads \( as an escaped parenthesis, in every artifact of a Markdown bank
        literal = hint if markup == "plain" else hint.replace("\\", "")
        assert literal in shown_back
        if markup == "plain":  # in an element MathJax leaves (its default ignore class)
            assert re.search(r'<div class="mathjax_ignore">[^<]*\\\(x\^2', card.answer())
    finally:
        col.close()


def deck_and_tsv(bank: Path, look: Path, out: Path) -> Path:
    """The deck of `bank` in `look` built into `out`, and its anki-tsv export there: its path."""
    options = ("--bank", bank, "--templates", look)
    assert run_cli("anki", *options, "--out", out).exit_code == 0
    tsv = out / f"{bank.stem}.txt"
    assert run_cli("export", *options, "--format", "anki-tsv", "-o", tsv).exit_code == 0
    return tsv


def test_the_headings_made_in_code_come_from_the_look(tmp_path):
    """A French teacher's look (anki/words.toml) names the Note field's headings in the deck
    and the TSV's back (a trial: "Follow-ups" and "Sources" were English, set in the code,
    out of reach of --templates)."""
    look = tmp_path / "look" / "anki"
    look.mkdir(parents=True)
    (look / "words.toml").write_text(
        'hint = "Indice"\nlook_for = "À chercher"\nrated = "Barème"\n'
        'follow_ups = "Relances"\nnote = "Remarque"\nsources = "Sources"\n',
        encoding="utf-8",
    )
    bank = tmp_path / "fr.yaml"
    bank.write_text(
        "title: FR\nlanguage: fr\nquestions:\n  - id: a\n    section: S\n    question: Q ?\n"
        "    hint: H.\n    note: N.\n    look_for: [L]\n    follow_ups: [F ?]\n",
        encoding="utf-8",
    )
    tsv = deck_and_tsv(bank, tmp_path / "look", tmp_path)
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, tmp_path / "fr.apkg")
        (card,) = [col.get_card(c) for c in col.find_cards("")]
        back = visible_text(card.answer())
        assert "Relances" in back and "Remarque" in back
        assert "Follow-ups" not in back and "Note " not in back
    finally:
        col.close()
    row = tsv.read_text(encoding="utf-8").splitlines()[-1]
    assert all(word in row for word in ("Indice", "À chercher", "Relances", "Remarque"))
    assert not any(word in row for word in ("Hint", "Look for", "Follow-ups"))


def test_the_section_tag_is_the_looks_word(tmp_path):
    """A Spanish look's anki/words.toml names a section's tag (sección::Edad-Media) in the
    deck and in the TSV, where every learner's tag list said the English 'section::'
    whatever the look (a Spanish trial); a file from before the word says 'section'."""
    look = own_look(tmp_path / "look", {"anki/words.toml": ('= "section"', '= "sección"')})
    bank = tmp_path / "es.yaml"
    bank.write_text(
        "title: ES\nlanguage: es\nquestions:\n"
        "  - {id: a, section: Edad Media, question: ¿Q?, hint: H., tags: [reyes]}\n",
        encoding="utf-8",
    )
    tsv = deck_and_tsv(bank, look, tmp_path)
    with zipfile.ZipFile(tmp_path / "es.apkg") as package:
        package.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        ((tags,),) = db.execute("select tags from notes").fetchall()
    assert tags.split() == ["sección::Edad-Media", "reyes"]
    assert tsv.read_text(encoding="utf-8").splitlines()[-1].endswith("\tsección::Edad-Media reyes")


FRENCH_TABLES = FIXTURES / "markdown" / "tables-fr.yaml"  # a table in each kind of text


def test_a_tables_box_is_named_in_the_looks_words(tmp_path):
    """A French look's anki/words.toml names a table's scrolling box on the card, in the
    deck's description and in the TSV: a screen reader on a French deck said 'Table', the
    word set in the code (the study page took its own from html/words.toml)."""
    tableau = ('table = "Table"', 'table = "Tableau"')
    look = own_look(tmp_path / "look", {"anki/words.toml": tableau})
    tsv = deck_and_tsv(FRENCH_TABLES, look, tmp_path)
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, tmp_path / "tables-fr.apkg")
        (card,) = [col.get_card(c) for c in col.find_cards("")]
        boxes = re.findall(r'role="group" tabindex="0" aria-label="([^"]*)"', card.answer())
        described = [col.decks.get(d.id)["desc"] for d in col.decks.all_names_and_ids()]
    finally:
        col.close()
    assert boxes == ["Tableau", "Tableau"]  # the question's table and the hint's
    (shown,) = [d for d in described if "Signal" in d]
    assert 'aria-label="Tableau"' in shown and 'aria-label="Table"' not in shown
    row = tsv.read_text(encoding="utf-8").splitlines()[-1].replace('""', '"')  # CSV's quotes
    assert row.count('aria-label="Tableau"') == 2 and 'aria-label="Table"' not in row


def test_a_look_from_before_the_tables_word_names_the_box_table(tmp_path):
    """A look's anki/words.toml copied before `table` was added still builds: the built-in
    word names the box, and `check` says what stands in."""
    look = own_look(tmp_path / "look", {"anki/words.toml": ('table = "Table"', "")})
    result = run_cli("anki", "--bank", FRENCH_TABLES, "--templates", look, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert 'table = "Table"' in result.output  # the warning names the word standing in
    rows = apkg_rows(tmp_path / "tables-fr.apkg", "select flds from notes")
    assert 'aria-label="Table"' in rows[0][0]


@pytest.mark.parametrize("word", ["", " ", "\u200b"])
def test_a_blank_section_tag_word_says_section(word):
    """A look may leave section_tag blank: its tag says 'section', as the look's reader
    says. A blank of spaces made '::Edad-Media', a tag of no first part."""
    words = {"section_tag": word}
    assert anki_exporter.section_tag("Edad Media", words) == "section::Edad-Media"


@pytest.mark.parametrize("markup", ["plain", "markdown"])
def test_a_number_stays_on_one_line_with_its_percent_sign(tmp_path, markup):
    """'50 %' broke at its space on a phone's card, '%' starting the next line, where the
    PDFs and the study page keep it whole: its space stands in a span no line breaks at,
    across an emphasis too, the characters as typed; not in code, whose blanks are its own."""
    # a currency sign after its amount too, a unit's symbol, a currency's code before it
    plain = "Anteil 12 % à 3.000 €, 8 GB, CHF 50"
    hint = "Taux de *50* %, 3  ‰ et `7 %` en tout" if markup == "markdown" else plain
    one_question_deck(tmp_path / "pc.yaml", markup, "Wie viel?", hint)
    ((fields,),) = apkg_rows(tmp_path / "pc.apkg", "SELECT flds FROM notes")
    back = fields.split("\x1f")[1]
    kept = '<span style="white-space:nowrap">'
    if markup == "markdown":
        assert f"<em>50</em>{kept} </span>%, 3{kept}  </span>‰ et <code>7 %</code>" in back
        assert html.unescape(re.sub("<[^>]+>", "", back)) == hint.replace("*", "").replace("`", "")
    else:
        assert back.endswith(
            f"12{kept} </span>% à 3.000{kept} </span>€, 8{kept} </span>GB, CHF{kept} </span>50"
        )
        assert re.sub("<[^>]+>", "", back) == hint


@pytest.mark.parametrize(
    ("markup", "hint", "kept"),
    [
        (
            "markdown",
            "| step | target |\n| --- | --: |\n| acknowledge | 5 min |\n| mitigate | 30 min |\n\n"
            "- within 10 ms\n- then retry\n",
            ["5{} min</td>", "30{} min</td>", "10{} ms</li>"],
        ),
        ("plain", "Wait 5 min\nthen retry 2 GB\nless", ["5{} min<br>", "2{} GB<br>"]),
    ],
)
def test_a_unit_at_the_end_of_a_cell_an_item_or_a_line_stays_with_its_number(
    tmp_path, markup, hint, kept
):
    """An SRE manager's trial: a table's cell '5 min', the next row's 'mitigate' after it,
    was read '5 minmitigate', no unit, and its space was left free to break on a phone's
    card ('30 min', last, was kept). The texts of two cells, items or lines are read apart."""
    lines = "".join(f"      {line}\n" if line else "\n" for line in hint.split("\n"))
    bank = tmp_path / "units.yaml"
    bank.write_text(
        f"title: T\nmarkup: {markup}\nquestions:\n  - id: q\n    section: S\n"
        f"    question: How long?\n    hint: |\n{lines}",
        encoding="utf-8",
    )
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    ((fields,),) = apkg_rows(tmp_path / "units.apkg", "SELECT flds FROM notes")
    back = fields.split("\x1f")[1]
    for run in kept:
        number, unit = run.split("{} ")
        assert f'{number}<span style="white-space:nowrap"> </span>{unit}' in back


@pytest.mark.parametrize("markup", ["plain", "markdown"])
def test_a_range_of_numbers_stays_on_one_line(tmp_path, markup):
    """A nursing educator's trial: a phone's card set 'morphine 5–' over '10 mg SC ?' and a
    table's cell '135–' over '145', where the PDFs keep a range whole: Chromium breaks after
    an en dash (UAX #14). Each range stands in a span no line breaks in, whole, its
    characters as typed; not in code."""
    hint = "Morphine 5–10 mg, naloxone 0,1–0,4 mg, 36.1–37.2 °C; pages 12–3, x–y"
    hint += " and `1–2`" if markup == "markdown" else ""
    back = one_question_back(tmp_path / "ra.yaml", markup, "Dose ?", hint)
    kept = '<span style="white-space:nowrap">'
    for whole in ("5–10 ", "0,1–0,4 ", "36.1–37.2 ", "12–3"):
        assert f"{kept}{whole}</span>" in back
    assert markup == "plain" or "<code>1–2</code>" in back
    assert re.sub("<[^>]+>", "", back) == hint.replace("`", "")


@pytest.mark.parametrize("markup", ["plain", "markdown"])
def test_a_numbers_groups_of_digits_stay_on_one_line(tmp_path, markup):
    """A French teacher's phone broke '3 000 €' as '3' over '000 €' on a card: the space
    between a number's groups of three digits stands in a span no line breaks at, as
    typed; not after a year ('en 2024 120'), nor in code."""
    hint = "Des cas : 2 999,99 € et 10 000 000 clients, en 2024 120 élèves"
    hint += " et `3 000`" if markup == "markdown" else ""
    back = one_question_back(tmp_path / "gr.yaml", markup, "Combien ?", hint)
    kept = '<span style="white-space:nowrap"> </span>'
    assert f"2{kept}999,99{kept}€ et 10{kept}000{kept}000 clients, en 2024 120 élèves" in back
    assert markup == "plain" or "<code>3 000</code>" in back
    assert re.sub("<[^>]+>", "", back) == hint.replace("`", "")


@pytest.mark.parametrize("markup", ["plain", "markdown"])
def test_an_options_start_in_code_stays_on_one_line(tmp_path, markup):
    """A phone's card broke 'pip install -' over '-upgrade', read as '- -upgrade' (a
    learner's trial): an option in code stands in a span no line breaks in, whole when
    short, else its hyphens and its first letter; a lone '--' too, a lone '-' not. So does
    a hyphenated word, whole when short, else each hyphen with the word after it: a card
    broke '2026-01-' over '01' (a trial), and Browse found no 'columns' of a hint's
    'grid<span>-c</span>olumns' (a review). The characters are the bank's, none added (no
    U+2011: a learner copies code)."""
    long = "--a-very-long-option-name"
    hint = f"Run `pip install --upgrade -r a.txt {long}=x -- cat - x-y 2026-01-01` now"
    one_question_deck(tmp_path / "op.yaml", markup, "Which?", hint)
    ((fields,),) = apkg_rows(tmp_path / "op.apkg", "SELECT flds FROM notes")
    back = fields.split("\x1f")[1]
    kept = '<span style="white-space:nowrap">'
    assert (
        f"<code>pip install {kept}--upgrade</span> {kept}-r</span> a.txt {kept}--a</span>"
        f"{kept}-very</span>{kept}-long</span>{kept}-option</span>{kept}-name</span>=x "
        f"{kept}--</span> cat - {kept}x-y</span> {kept}2026-01-01</span></code>"
    ) in back
    assert re.sub("<[^>]+>", "", back).endswith(hint.replace("`", ""))


def dated_deck(tmp_path: Path, bank: Path, out: str, epoch: int, look: Path | None = None) -> Path:
    """The deck of `bank` in `look` (the built-in one when None), built as a user does,
    without SOURCE_DATE_EPOCH: its time is the latest of the bank's and the look's files,
    which are dated `epoch` first."""
    for path in [bank, *(p for p in look.rglob("*") if p.is_file())] if look else [bank]:
        os.utime(path, (epoch, epoch))
    options = ("--templates", look) if look else ()
    result = run_cli("anki", "--bank", bank, "--out", tmp_path / out, *options)
    assert result.exit_code == 0, result.output
    return tmp_path / out / f"{bank.stem}.apkg"


def stored_css(col: Collection) -> str:
    col.models._clear_cache()  # the note type as the import stored it
    return col.models.by_name(anki_exporter.NOTE_TYPE_NAME)["css"]


def test_the_cards_look_is_the_newest_decks_not_the_last_imported(tmp_path, monkeypatch):
    """A learner's trial over a term: a deck of a look of one's own, then a classmate's deck
    of the same bank in a look made earlier, then the built-in look's deck again. Anki takes
    a note type's style only from a newer deck ("Update note types: if newer"), so the
    earlier looks changed nothing (the docs said the deck imported last gave its look);
    "Update note types: Always" takes it, and keeps the note type and the reviews."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    bank = tmp_path / "term.yaml"
    bank.write_text(
        "title: Term\nquestions:\n  - {id: a, section: S, question: A?, hint: H.}\n", "utf-8"
    )
    accent = "--qb-accent: #0b5cad;"
    mine = own_look(tmp_path / "mine", {"anki/style.css": (accent, "--qb-accent: #8250df;")})
    theirs = own_look(tmp_path / "theirs", {"anki/style.css": (accent, "--qb-accent: #1a7f37;")})
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, dated_deck(tmp_path, bank, "builtin", FIRST_BUILD))
        col.decks.select(col.decks.id_for_name("Term"))
        col.sched.answerCard(col.sched.getCard(), 4)
        import_deck(col, dated_deck(tmp_path, bank, "mine", FIRST_BUILD + 600, mine))
        assert "#8250df" in stored_css(col)
        older = dated_deck(tmp_path, bank, "theirs", FIRST_BUILD + 300, theirs)
        log = import_deck(col, older)
        assert (len(log.updated), len(log.duplicate)) == (0, 1)
        assert "#8250df" in stored_css(col)
        builtin = dated_deck(tmp_path, bank, "builtin-again", FIRST_BUILD)
        import_deck(col, builtin)
        assert "#8250df" in stored_css(col)
        always = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS
        request = ImportAnkiPackageRequest(package_path=str(builtin))
        request.options.update_notetypes = always
        col.import_anki_package(request)
        assert accent in stored_css(col) and "#8250df" not in stored_css(col)
        names = [n.name for n in col.models.all_names_and_ids()]
        assert names.count(anki_exporter.NOTE_TYPE_NAME) == 1 and not any("+" in n for n in names)
        assert col.db.scalar("SELECT count() FROM revlog") == 1
    finally:
        col.close()


def test_a_field_the_learner_adds_stops_every_update_until_note_types_are_merged(
    tmp_path, monkeypatch
):
    """A learner who adds a field of their own to the note type in Anki changes its schema:
    every later deck then updates nothing ("conflicting", and an empty note type "qbank
    question v1+"), with Anki's default options; "Merge note types" updates the notes and
    keeps the reviews and the learner's field, but empties it in every note it updates."""
    bank = copy_of_bank(tmp_path / "bank")
    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, build_deck(bank, tmp_path / "one", FIRST_BUILD, monkeypatch)[1])
        col.decks.select(col.decks.id_for_name(load_bank(bank).title))
        card = col.sched.getCard()
        col.sched.answerCard(card, 4)
        notetype = col.models.by_name(anki_exporter.NOTE_TYPE_NAME)
        col.models.add_field(notetype, col.models.new_field("My notes"))
        col.models.update_dict(notetype)
        note = card.note()
        note["My notes"] = "mine"
        col.update_note(note)
        assert col.get_note(note.id)["My notes"] == "mine"
        text = bank.read_text(encoding="utf-8")
        bank.write_text(text.replace('hint: "', 'hint: "Corrected. ', 1), encoding="utf-8")
        later = int(time.time()) + 60  # later than the learner's edits
        _, second = build_deck(bank, tmp_path / "two", later, monkeypatch)
        log = import_deck(col, second)
        assert (len(log.updated), len(log.conflicting)) == (0, 50)
        names = [n.name for n in col.models.all_names_and_ids()]
        assert f"{anki_exporter.NOTE_TYPE_NAME}+" in names
        assert not col.find_notes("Hint:Corrected.*")
        assert col.get_note(note.id)["My notes"] == "mine"
        request = ImportAnkiPackageRequest(package_path=str(second))
        request.options.merge_notetypes = True
        log = col.import_anki_package(request).log
        assert len(log.updated) == 50 and len(col.find_notes("Hint:Corrected.*")) == 1
        assert col.get_note(note.id)["My notes"] == ""  # the field stays, its text is gone
        assert col.get_card(card.id).ivl > 0 and col.note_count() == 50
    finally:
        col.close()


def test_a_deleted_note_a_moved_deck_and_a_renamed_title(tmp_path, monkeypatch):
    """What the docs tell learners of their own changes to the decks: a note deleted in
    Anki comes back, as a new card, with the next deck that holds its question; Anki finds
    decks by name, so with the bank's deck moved under another in Anki, or the bank's title
    renamed, a new question goes to a new deck of the bank's title, the others staying
    where they are; a question taken out keeps its number, which the next one then has."""
    bank = tmp_path / "term.yaml"

    def build(epoch: int, title: str, ids: str) -> Path:
        rows = "".join(f"  - {{id: {i}, section: S, question: {i}?, hint: H.}}\n" for i in ids)
        bank.write_text(f"title: {title}\nquestions:\n{rows}", encoding="utf-8")
        return build_deck(bank, tmp_path / str(epoch), epoch, monkeypatch)[1]

    def deck_of(question: str) -> str:
        (nid,) = col.find_notes(f"Id:{question}")
        return col.decks.name(col.get_note(nid).cards()[0].did)

    col = open_collection(tmp_path / "collection")
    try:
        import_deck(col, build(FIRST_BUILD, "Term", "abc"))
        col.remove_notes(col.find_notes("Id:b"))
        col.decks.rename(col.decks.id_for_name("Term"), "School::Term")
        log = import_deck(col, build(FIRST_BUILD + 60, "Term", "abcd"))
        assert len(log.new) == 2  # b again, and d
        assert deck_of("a") == "School::Term::01 S"
        assert deck_of("b") == deck_of("d") == "Term::01 S"
        import_deck(col, build(FIRST_BUILD + 120, "Term 2", "acde"))
        assert deck_of("e") == "Term 2::01 S" and deck_of("d") == "Term::01 S"
        numbers = [col.get_note(n)["Number"] for n in col.find_notes("Id:b or Id:c")]
        assert numbers == ["Q2", "Q2"]
    finally:
        col.close()


def week_bank(path: Path, changed: dict[str, str] | None = None) -> Path:
    """A workshop's bank of four questions, each line of `changed` (id: its YAML mapping's
    inside) said otherwise."""
    questions = {
        "alpha": "section: One, question: Alpha?, hint: H.",
        "beta": "section: One, question: Beta?, hint: H., tags: [t]",
        "gamma": "section: Two, question: Gamma?, hint: H.",
        "delta": "section: Two, question: Delta?, hint: H.",
    } | (changed or {})
    lines = "".join(f"  - {{id: {qid}, {said}}}\n" for qid, said in questions.items())
    path.write_text(f"title: Week\nsections: [One, Two]\nquestions:\n{lines}", encoding="utf-8")
    return path


def dates_in(deck: Path) -> tuple[dict[str, int], int]:
    """Each note's date by its Id field, and the note type's, in a deck file."""
    rows = apkg_rows(deck, "SELECT flds, mod FROM notes")
    notes = {fields.split("\x1f")[FIELDS_ID]: mod for fields, mod in rows}
    [(models,)] = apkg_rows(deck, "SELECT models FROM col")
    [model] = json.loads(models).values()
    return notes, model["mod"]


FIELDS_ID = anki_exporter.FIELDS.index("Id")


def test_a_learners_tags_stay_on_the_notes_the_author_did_not_change(tmp_path, monkeypatch):
    """A workshop hands out the deck again each week. A learner tags two notes; the author
    corrects one of them; the new deck, built where the last one was, updates that note
    alone: the other keeps the learner's tag, as every note the author left did (each kept
    its date, where every note carried the build's time and the import replaced them all)."""
    bank, out = week_bank(tmp_path / "week.yaml"), tmp_path / "out"
    edition = anki_exporter.EDITION
    _, first = build_deck(bank, out, FIRST_BUILD, monkeypatch)
    col = open_collection(tmp_path / "collection")
    try:
        assert len(import_deck(col, first).new) == 4
        nids = {}
        for qid in ("alpha", "beta"):
            (nids[qid],) = col.find_notes(f"Id:{qid}")
            note = col.get_note(nids[qid])
            note.tags.append("mine")
            col.update_note(note)  # the note's time is now
        week_bank(bank, {"alpha": "section: One, question: Alpha?, hint: Corrected."})
        later = int(time.time()) + 60  # the author's correction comes after the tags
        _, second = build_deck(bank, out, later, monkeypatch)
        assert second == first
        assert dates_in(second) == (
            {"alpha": later + edition, "beta": FIRST_BUILD + edition}
            | {"gamma": FIRST_BUILD + edition, "delta": FIRST_BUILD + edition},
            FIRST_BUILD + edition,  # the note type, as it was
        )
        log = import_deck(col, second)
        assert [n.id.nid for n in log.updated] == [nids["alpha"]]
        assert len(log.new) == 0 and len(log.conflicting) == 0
        alpha, beta = (col.get_note(nids[q]) for q in ("alpha", "beta"))
        assert alpha["Hint"] == "Corrected." and sorted(alpha.tags) == ["section::One"]
        assert sorted(beta.tags) == ["mine", "section::One", "t"]
        assert col.note_count() == 4
    finally:
        col.close()


def test_a_note_moved_or_retagged_is_changed_and_the_rest_keep_their_dates(tmp_path, monkeypatch):
    """What a note says is its fields, its tags and its deck: a question moved to another
    section, or given another tag, takes the new build's time; the others keep theirs."""
    bank, out = week_bank(tmp_path / "week.yaml"), tmp_path / "out"
    edition = anki_exporter.EDITION
    build_deck(bank, out, FIRST_BUILD, monkeypatch)
    week_bank(
        bank,
        {
            "beta": "section: One, question: Beta?, hint: H., tags: [u]",
            "gamma": "section: One, question: Gamma?, hint: H.",
        },
    )
    _, second = build_deck(bank, out, FIRST_BUILD + 60, monkeypatch)
    notes, _ = dates_in(second)
    assert notes == {
        "alpha": FIRST_BUILD + edition,
        "beta": FIRST_BUILD + 60 + edition,
        "gamma": FIRST_BUILD + 60 + edition,
        "delta": FIRST_BUILD + edition,
    }
    cards = apkg_rows(second, "SELECT n.flds, c.mod FROM cards c JOIN notes n ON c.nid = n.id")
    assert {f.split("\x1f")[FIELDS_ID]: mod for f, mod in cards} == notes


def test_the_first_two_way_deck_keeps_the_dates_of_the_one_way_deck_beside_it(
    tmp_path, monkeypatch
):
    """A workshop that turns to the two-way deck (--reverse) after an edit: its question
    notes are the one-way deck's notes, so the unchanged ones keep that deck's dates (each
    took the build's time, and the import replaced every learner's tags; a review), and the
    first one-way deck after a two-way one likewise."""
    bank, out = week_bank(tmp_path / "week.yaml"), tmp_path / "out"
    edition = anki_exporter.EDITION

    def build(epoch: int, reverse: bool) -> dict[str, int]:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        job = Job(bank=load_bank(bank), out_dir=out, timestamp=epoch)
        [deck] = lifecycle.run(job, [(anki_exporter.EXPORTER, {"reverse": reverse})])
        assert deck.name == ("week-two-way.apkg" if reverse else "week.apkg")
        rows = apkg_rows(deck, "SELECT flds, mod, mid FROM notes")
        question_type = anki_exporter.note_type(Templates()).model_id
        return {f.split("\x1f")[FIELDS_ID]: mod for f, mod, mid in rows if mid == question_type}

    build(FIRST_BUILD, reverse=False)
    week_bank(bank, {"alpha": "section: One, question: Alpha?, hint: Corrected."})
    kept = FIRST_BUILD + edition
    assert build(FIRST_BUILD + 60, reverse=True) == {
        "alpha": FIRST_BUILD + 60 + edition,
        "beta": kept,
        "gamma": kept,
        "delta": kept,
    }
    (out / "week.apkg").unlink()
    week_bank(
        bank,
        {
            "alpha": "section: One, question: Alpha?, hint: Corrected.",
            "beta": "section: One, question: Beta?, hint: Corrected.",
        },
    )
    assert build(FIRST_BUILD + 120, reverse=False) == {
        "alpha": FIRST_BUILD + 60 + edition,
        "beta": FIRST_BUILD + 120 + edition,
        "gamma": kept,
        "delta": kept,
    }


def test_the_note_type_is_dated_when_its_look_changes(tmp_path, monkeypatch):
    """A card style edited reaches learners (the note type takes the build's time) while
    the notes, which say what they said, keep their dates; a build that changes nothing of
    the note type leaves its date."""
    bank, out = week_bank(tmp_path / "week.yaml"), tmp_path / "out"
    edition = anki_exporter.EDITION
    look = tmp_path / "look"
    own_look(look, {"anki/style.css": (".card", ".card")})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIRST_BUILD))

    def build(epoch: int) -> Path:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        result = run_cli("anki", "--bank", bank, "--templates", look, "--out", out)
        assert result.exit_code == 0, result.output
        return out / "week.apkg"

    build(FIRST_BUILD)
    assert dates_in(build(FIRST_BUILD + 60))[1] == FIRST_BUILD + edition
    own_look(look, {"anki/style.css": (".card", ".qb-brand { }\n.card")})
    notes, note_type = dates_in(build(FIRST_BUILD + 120))
    assert note_type == FIRST_BUILD + 120 + edition
    assert set(notes.values()) == {FIRST_BUILD + edition}


def test_a_build_over_an_earlier_deck_is_reproducible(tmp_path, monkeypatch):
    """The same bank, over the same earlier deck, with SOURCE_DATE_EPOCH, gives the same
    bytes; into an empty folder, every note carries the build's time."""
    bank = week_bank(tmp_path / "week.yaml")
    _, first = build_deck(bank, tmp_path / "a", FIRST_BUILD, monkeypatch)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / first.name).write_bytes(first.read_bytes())
    week_bank(bank, {"alpha": "section: One, question: Alpha?, hint: Corrected."})
    decks = [build_deck(bank, tmp_path / f, FIRST_BUILD + 60, monkeypatch)[1] for f in "ab"]
    assert decks[0].read_bytes() == decks[1].read_bytes()
    _, empty = build_deck(bank, tmp_path / "c", FIRST_BUILD + 60, monkeypatch)
    notes, note_type = dates_in(empty)
    assert set(notes.values()) == {note_type} == {FIRST_BUILD + 60 + anki_exporter.EDITION}
    assert empty.read_bytes() != decks[0].read_bytes()


def with_collection(deck: Path, target: Path, change: str) -> None:
    """`deck` at `target` with its collection changed by the SQL `change`."""
    with zipfile.ZipFile(deck) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(entries["collection.anki2"])
        db.executescript(change)
        entries["collection.anki2"] = db.serialize()
    finally:
        db.close()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


@pytest.mark.parametrize(
    "earlier",
    ["text", "cut short", "no collection", "no database", "a view", "dated later", "a pipe"],
)
def test_a_file_in_the_decks_place_that_is_no_earlier_deck_gives_no_dates(
    tmp_path, monkeypatch, earlier
):
    """Whatever holds the deck's name in the output folder (the user's own file, a damaged
    or hostile deck, one dated after this build, a pipe) is replaced by the deck an empty
    folder gets, with a warning when it is no deck; a view that would never end is not run."""
    bank = week_bank(tmp_path / "week.yaml")
    _, first = build_deck(bank, tmp_path / "first", FIRST_BUILD, monkeypatch)
    _, expected = build_deck(bank, tmp_path / "empty", FIRST_BUILD + 60, monkeypatch)
    out = tmp_path / "out"
    out.mkdir()
    target = out / first.name
    if earlier == "text":
        target.write_text("my notes on the deck\n", encoding="utf-8")
    elif earlier == "cut short":
        target.write_bytes(first.read_bytes()[: first.stat().st_size // 2])
    elif earlier == "no collection":
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("collection.anki21b", b"\x28\xb5\x2f\xfd")
    elif earlier == "no database":
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("collection.anki2", b"SQLite format 3\x00" + b"\xff" * 2000)
    elif earlier == "a view":
        with_collection(
            first,
            target,
            "DROP TABLE notes; CREATE VIEW notes(id, guid, mid, mod, tags, flds) AS "
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
            "SELECT x, x, x, 1, '', '' FROM n;",
        )
    elif earlier == "dated later":
        build_deck(bank, out, FIRST_BUILD + 3600, monkeypatch)
    else:
        os.mkfifo(target)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIRST_BUILD + 60))
    started = time.monotonic()
    result = run_cli("anki", "--bank", bank, "--out", out)
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 30
    assert target.read_bytes() == expected.read_bytes()
    warned = [line for line in result.output.splitlines() if "warning" in line]
    if earlier == "dated later":
        assert not warned
    else:
        assert len(warned) == 1 and warned[0].startswith(f"{target}: warning: ")
        assert "learners' own tags and edits" in warned[0]


def swollen_note_types(deck: Path, target: Path) -> None:
    """`deck` at `target` with a note type holding 1.2 million small JSON objects (9 MB,
    small enough on disk, at a twentieth, for any zip limit): a hostile deck's."""
    digits = random.Random(7).choices("0123456789", k=1_200_000)
    swollen = "[" + ",".join(f'{{"k":{d}}}' for d in digits) + "]"
    with_collection(
        deck, target, f"UPDATE col SET models = json_set(models, '$.x', json('{swollen}'));"
    )


def test_an_earlier_deck_of_a_million_values_is_not_read_into_memory(tmp_path, monkeypatch):
    """A deck in the deck's place whose collection holds millions of small JSON values (or
    rows) is no deck qbank wrote: read into memory, it took some 25 bytes for each byte of
    the file (a trial: a 40 MB collection, 1.2 GB), where a qbank deck of the largest bank
    holds a few hundred thousand. It is counted, not read: a warning, and the deck an empty
    folder gets."""
    bank = week_bank(tmp_path / "week.yaml")
    _, first = build_deck(bank, tmp_path / "first", FIRST_BUILD, monkeypatch)
    _, expected = build_deck(bank, tmp_path / "empty", FIRST_BUILD + 60, monkeypatch)
    (out := tmp_path / "out").mkdir()
    swollen_note_types(first, out / first.name)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIRST_BUILD + 60))
    tracemalloc.start()
    try:
        result = run_cli("anki", "--bank", bank, "--out", out)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 0, result.output
    assert (out / first.name).read_bytes() == expected.read_bytes()
    [warned] = [line for line in result.output.splitlines() if "warning" in line]
    assert warned.startswith(f"{out / first.name}: warning: not a deck qbank wrote")
    assert peak < 80 << 20  # the 9 MB of JSON, a few times over; 230 MB read as objects


def test_an_earlier_deck_of_more_rows_than_a_qbank_deck_is_not_read(tmp_path, monkeypatch):
    """Rows are counted before they are read, as JSON values are (here past a lowered
    bound: a million cards make a 70 MB collection)."""
    bank = week_bank(tmp_path / "week.yaml")
    _, first = build_deck(bank, tmp_path / "first", FIRST_BUILD, monkeypatch)
    (out := tmp_path / "out").mkdir()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIRST_BUILD + 60))
    said = []
    for most in (5, 8):  # 4 notes, 8 cards
        monkeypatch.setattr(anki_dates, "_MOST_ROWS", most)
        with_collection(
            first,
            out / first.name,
            "INSERT INTO cards SELECT id + 1000, nid, did, ord + 1, mod, usn, type, queue, "
            "due, ivl, factor, reps, lapses, left, odue, odid, flags, data FROM cards;",
        )
        result = run_cli("anki", "--bank", bank, "--out", out)
        assert result.exit_code == 0, result.output
        said.append([line for line in result.output.splitlines() if "warning" in line])
    assert len(said[0]) == 1 and "not a deck qbank wrote" in said[0][0]
    assert said[1] == []


def test_a_failed_build_leaves_the_earlier_deck_as_it_was(tmp_path, monkeypatch):
    bank, out = week_bank(tmp_path / "week.yaml"), tmp_path / "out"
    _, first = build_deck(bank, out, FIRST_BUILD, monkeypatch)
    before = first.read_bytes()
    look = own_look(tmp_path / "look", {"anki/front.html": ("</div>", "</div><script>")})
    week_bank(bank, {"alpha": "section: One, question: Alpha?, hint: Corrected."})
    result = run_cli("anki", "--bank", bank, "--templates", look, "--out", out)
    assert result.exit_code == 1 and "script" in result.output
    assert first.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [first.name]


def test_a_kept_space_right_after_code_is_kept_on_the_card(cli, tmp_path):
    """The quick test before the search read a code span's text as the text's, where the
    search reads it apart: '`x`CHF 5' held 'xCHF', no currency's code, and the card could
    break between 'CHF' and '5' where the PDFs and the study page keep them (a review)."""
    bank = tmp_path / "code.yaml"
    bank.write_text(
        "title: Code\nquestions:\n"
        '  - {id: q, section: S, question: "Set `x`CHF 5 aside.", hint: H.}\n',
        encoding="utf-8",
    )
    assert cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    col = open_collection(tmp_path / "deck")
    try:
        import_deck(col, tmp_path / "code.apkg")
        (card,) = [col.get_card(c) for c in col.find_cards("")]
        front = card.question()
    finally:
        col.close()
    assert 'CHF<span style="white-space:nowrap"> </span>5 aside.' in front
