"""`export --format anki-tsv` imported by Anki's own text import, and `--format quizlet`."""

from __future__ import annotations

import shutil
import unicodedata
import weakref
from pathlib import Path

import anki.lang
import genanki
import pytest
from anki._backend import RustBackend, Translations
from anki.collection import Collection, ImportCsvRequest
from helpers import FIXTURES, run_cli

from qbank.bank import load_bank
from qbank.rubric import scale_labels
from qbank.study_text import BASIC_NOTE_TYPE_NAMES, QUIZLET_ROW_SEPARATOR, anki_back
from qbank.text import to_html

HOSTILE = FIXTURES / "lms-hostile.yaml"


def _export(tmp_path: Path, bank: Path, fmt: str, name: str) -> Path:
    out = tmp_path / name
    result = run_cli("export", "--bank", bank, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def _import(col: Collection, path: Path):
    """File > Import with the defaults Anki proposes for the file."""
    metadata = col.get_csv_metadata(str(path), None)
    return col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Two banks with the same ids (a copy of the hostile bank under another name and
    title), each exported and imported into one collection."""
    folder = tmp_path_factory.mktemp("anki-tsv")
    twin = folder / "twin-bank.yaml"
    twin.write_text(
        HOSTILE.read_text(encoding="utf-8").replace("title: ", "title: Twin ", 1),
        encoding="utf-8",
    )
    col = Collection(str(folder / "collection.anki2"))
    logs = [
        _import(col, _export(folder, bank, "anki-tsv", f"{bank.stem}.txt"))
        for bank in (HOSTILE, twin)
    ]
    yield col, logs, [load_bank(HOSTILE), load_bank(twin)]
    col.close()


def test_every_card_has_its_front_back_deck_and_guid(imported):
    col, logs, banks = imported
    assert [len(log.new) for log in logs] == [4, 4]
    assert not any(log.updated or log.duplicate or log.conflicting for log in logs)
    by_guid = {note.guid: note for note in map(col.get_note, col.find_notes(""))}
    assert len(by_guid) == 8
    for bank in banks:
        deck = bank.title
        for question in bank.questions:
            note = by_guid[genanki.guid_for(bank.identity, question.id)]
            assert note.note_type()["name"] == "Basic"
            assert note["Front"] == to_html(question.question)
            assert note["Back"] == anki_back(question, labels=scale_labels(bank))
            assert question.hint and to_html(question.hint) in note["Back"]
            (card,) = note.cards()
            assert col.decks.name(card.did) == deck
            assert set(note.tags) >= set(question.tags) | {
                "section::" + question.section.replace(" ", "-")
            }


def test_an_anki_in_another_language_fills_both_fields(tmp_path):
    """A German Anki's Basic note type is "Einfach", its fields Vorderseite and Rückseite: a
    #columns line of Front and Back matched no field, and every card came in with an empty
    back (a trial, with the anki package)."""
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        basic = col.models.by_name("Basic")
        basic["name"] = "Einfach"
        col.models.rename_field(basic, basic["flds"][0], "Vorderseite")
        col.models.rename_field(basic, basic["flds"][1], "Rückseite")
        col.models.update_dict(basic)
        log = _import(col, _export(tmp_path, HOSTILE, "anki-tsv", "deck.txt"))
        bank = load_bank(HOSTILE)
        assert len(log.new) == len(bank.questions)
        by_guid = {note.guid: note for note in map(col.get_note, col.find_notes(""))}
        for question in bank.questions:
            note = by_guid[genanki.guid_for(bank.identity, question.id)]
            assert note.note_type()["name"] == "Einfach"
            assert note["Vorderseite"] == to_html(question.question)
            assert note["Rückseite"] == anki_back(question, labels=scale_labels(bank))
            assert "section::" + question.section.replace(" ", "-") in note.tags
    finally:
        col.close()


@pytest.mark.parametrize("language", ["de_DE", "zh_CN"])
def test_an_anki_in_another_language_takes_its_basic_note_type(tmp_path, language):
    """An Anki set up in German names its Basic note type Einfach, in Chinese 问答题: a file
    that named Basic alone came in as the note type last used to add notes, a Cloze one
    here, whose every card said "No cloze found on card" (a trial, with the anki package)."""
    backend = RustBackend(langs=[language])
    col = Collection(str(tmp_path / "collection.anki2"), backend=backend)
    try:
        basic = col.models.by_name(_basic_name(backend))
        cloze = next(m for m in col.models.all() if m["type"] == 1)  # the Cloze kind
        col.set_config("curModel", cloze["id"])
        log = _import(col, _export(tmp_path, HOSTILE, "anki-tsv", "deck.txt"))
        assert len(log.new) == len(load_bank(HOSTILE).questions)
        types = {col.get_note(nid).mid for nid in col.find_notes("")}
        assert types == {basic["id"]}
    finally:
        col.close()


def _basic_name(backend: RustBackend) -> str:
    """What an Anki in the backend's language names its Basic note type."""
    name = Translations(weakref.ref(backend)).notetypes_basic_name()
    return anki.lang.without_unicode_isolation(name)


def test_the_tsv_names_the_basic_note_type_of_every_language_anki_has():
    names = {_basic_name(RustBackend(langs=[code])) for _, code in anki.lang.langs}
    names |= {unicodedata.normalize("NFC", name) for name in names}
    assert names == set(BASIC_NOTE_TYPE_NAMES)
    assert BASIC_NOTE_TYPE_NAMES[-1] == "Basic"  # an English Anki's, as before, wins


def test_reimport_updates_nothing_of_the_other_bank(imported, tmp_path):
    col, _, banks = imported
    log = _import(col, _export(tmp_path, HOSTILE, "anki-tsv", "again.txt"))
    assert not log.new and not log.updated
    assert len(log.duplicate) == len(banks[0].questions)
    assert col.note_count() == 8


def test_plain_tsv_says_it_is_the_round_trip_format():
    help_text = run_cli("export", "--help").output
    assert "lossless round trip" in help_text and "anki-tsv" in help_text


def test_quizlet_keeps_line_breaks_inside_a_card(tmp_path):
    text = _export(tmp_path, HOSTILE, "quizlet", "cards.txt").read_text(encoding="utf-8")
    cards = text.split(QUIZLET_ROW_SEPARATOR + "\n")
    assert cards[-1] == ""
    bank = load_bank(HOSTILE)
    for card, question in zip(cards[:-1], bank.questions, strict=True):
        term, definition = card.split("\t")
        assert term == question.question.replace("\t", " ")
        assert "\n" in term or "\n" not in question.question
        assert definition.replace("`", "") == question.hint.replace("\t", " ").replace("`", "")


def test_a_markdown_banks_cards_show_its_markup_as_html(tmp_path):
    """Anki's text import of a Markdown bank: the fields hold HTML made from the Markdown,
    as the deck's do, never '**' or a code fence; a picture is its alt text, and the export
    says so (it wrote the Markdown as it stood under '#html:true')."""
    bank = FIXTURES / "markdown" / "rich.yaml"
    out = tmp_path / "rich.txt"
    result = run_cli("export", "--bank", bank, "--format", "anki-tsv", "-o", out)
    assert result.exit_code == 0, result.output
    assert "Anki's text import carries no pictures" in result.stderr
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        _import(col, out)
        fields = [f for nid in col.find_notes("") for f in col.get_note(nid).fields]
    finally:
        col.close()
    text = "\n".join(fields)
    assert "**" not in text and "```" not in text and "![" not in text
    assert "<code>" in text and "<strong>" in text
    quizlet = _export(tmp_path, bank, "quizlet", "rich-quizlet.txt").read_text(encoding="utf-8")
    assert "**" not in quizlet and "![" not in quizlet


def test_text_exports_name_only_the_pictures_they_drop_and_keep_code_as_written(tmp_path):
    """A review of the Markdown export: Quizlet writes the question and hint only, so a
    picture in a note is no loss of its; Anki's back holds the follow-ups, whose picture is;
    code keeps its backticks; and a refused export says nothing about what it would hold."""
    folder = tmp_path / "bank"
    shutil.copytree(FIXTURES / "markdown", folder)
    bank = folder / "md.yaml"
    bank.write_text(
        "title: Md\nmarkup: markdown\nquestions:\n"
        "  - id: a\n    section: S\n    question: What prints?\n"
        "    hint: |\n      ```js\n      console.log(`Hi ${name}`);\n      ```\n"
        "    note: See ![a dot](images/dot.gif)\n"
        "    follow_ups: ['And this? ![flow](images/flow.png)']\n",
        encoding="utf-8",
    )
    quizlet = run_cli("export", "--bank", bank, "--format", "quizlet", "-o", tmp_path / "q.txt")
    assert quizlet.exit_code == 0 and quizlet.stderr == "", quizlet.output
    assert "console.log(`Hi ${name}`);" in (tmp_path / "q.txt").read_text(encoding="utf-8")
    anki = run_cli("export", "--bank", bank, "--format", "anki-tsv", "-o", tmp_path / "a.txt")
    assert anki.exit_code == 0
    assert "images/dot.gif, images/flow.png show as their alt text" in anki.stderr
    (bank.parent / "b.yaml").write_text(
        bank.read_text(encoding="utf-8").replace(
            "hint: |", "hint: |\n      ![a dot](images/dot.gif)\n"
        ),
        encoding="utf-8",
    )
    one = run_cli(
        "export",
        "--bank",
        bank.parent / "b.yaml",
        "--format",
        "quizlet",
        "-o",
        tmp_path / "one.txt",
    )
    assert "so images/dot.gif shows as its alt text" in one.stderr  # one picture, singular
    again = run_cli("export", "--bank", bank, "--format", "anki-tsv", "-o", tmp_path / "a.txt")
    assert again.exit_code == 1 and again.stderr.startswith(f"{tmp_path / 'a.txt'}: already exists")


def test_a_question_that_starts_with_a_hash_is_a_card_not_a_comment(tmp_path):
    """Anki's text import reads a line that starts with '#' as a comment (or as a header:
    '#deck:...'), and dropped such a question without a word; its row is now quoted in the
    anki-tsv, and in the tsv, whose row `import` reads back."""
    bank = tmp_path / "hash.yaml"
    bank.write_text(
        "title: Hash\nquestions:\n"
        "  - {id: rule, section: Lab, question: '#1 rule in the lab?', hint: '#goggles'}\n"
        "  - {id: head, section: Lab, question: '#deck: a header?', hint: No.}\n"
        "  - {id: plain, section: Lab, question: Plain?, hint: Yes.}\n",
        encoding="utf-8",
    )
    col = Collection(str(tmp_path / "anki-tsv.anki2"))
    try:
        log = _import(col, _export(tmp_path, bank, "anki-tsv", "hash-anki-tsv.txt"))
        assert len(log.new) == 3
        fronts = {col.get_note(n).fields[0] for n in col.find_notes("")}
        assert {"#1 rule in the lab?", "#deck: a header?"} <= fronts
    finally:
        col.close()
    _export(tmp_path, bank, "tsv", "hash-tsv.txt")
    assert '\n"#1 rule in the lab?"\t' in (tmp_path / "hash-tsv.txt").read_text("utf-8")
    again = tmp_path / "again.yaml"
    result = run_cli("import", tmp_path / "hash-tsv.txt", "-o", again)
    assert result.exit_code == 0, result.output
    assert [q.question for q in load_bank(again).questions] == [
        q.question for q in load_bank(bank).questions
    ]


def test_a_tags_colons_make_a_tag_hierarchy_in_the_deck_and_the_tsv(tmp_path):
    """`nsi::algo::tris` files under nsi, then algo, as Anki's own tags do (a trial: every
    `::` came in as the look-alike U+FF1A, and `tag:nsi::algo` found nothing)."""
    from anki.collection import ImportAnkiPackageRequest

    bank = tmp_path / "nsi.yaml"
    bank.write_text(
        "title: NSI\nquestions:\n"
        "  - {id: tri, section: Algo, question: Q?, hint: H., tags: ['nsi::algo::tris', x,"
        ' "mot\\u202fcl\\u00e9", "section\\u00a0::Beta"]}\n'
        "  - {id: pile, section: Algo, question: P?, hint: H., tags: ['nsi :: structures',"
        " 'section::Algo']}\n",
        encoding="utf-8",
    )
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    files = {
        "apkg": tmp_path / "nsi.apkg",
        "tsv": _export(tmp_path, bank, "anki-tsv", "nsi.txt"),
    }
    for kind, path in files.items():
        col = Collection(str(tmp_path / f"{kind}.anki2"))
        try:
            if kind == "apkg":
                col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path)))
            else:
                _import(col, path)
            tagged = {col.get_note(n)["Id" if kind == "apkg" else "Front"] for n in
                      col.find_notes("tag:nsi::algo")}  # fmt: skip
            assert tagged == ({"tri"} if kind == "apkg" else {"Q?"}), kind
            assert len(col.find_notes("tag:nsi")) == 2, kind  # a parent finds its children
            (nsi,) = [t for t in col.tags.tree().children if t.name == "nsi"]
            assert sorted(c.name for c in nsi.children) == ["algo", "structures"], kind
            # a tag under `section` stays apart from the deck's own section tags, also with a
            # no-break space before its colons (Anki trims it)
            assert len(col.find_notes("tag:section\uff1a\uff1aAlgo")) == 1, kind
            assert len(col.find_notes("tag:section-\uff1a\uff1aBeta")) == 1, kind
            assert not col.find_notes("tag:section::Beta"), kind
            # a no-break space in a tag is a hyphen, as a blank is (the TSV's import split
            # the tag there)
            assert len(col.find_notes("tag:mot-clé")) == 1, kind
        finally:
            col.close()


def test_a_code_block_keeps_its_lines_in_the_tsvs_basic_note(tmp_path):
    """The TSV's cards take Anki's Basic note type, without the deck's style sheet: a code
    block's lines are apart in the HTML itself (a trial: they ran into one line, as only
    the deck's CSS set each line apart)."""
    import html
    import re

    bank = tmp_path / "code.yaml"
    code = ["def moyenne(notes):", "\ttotal = 0", "", "    return total / len(notes)"]
    bank.write_text(
        "title: Code\nmarkup: markdown\nquestions:\n  - id: mean\n    section: S\n"
        "    question: What is wrong?\n    hint: |\n      ```python\n"
        + "".join(f"      {line}\n" if line else "\n" for line in code)
        + "      ```\n",
        encoding="utf-8",
    )
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        _import(col, _export(tmp_path, bank, "anki-tsv", "code.txt"))
        (note,) = map(col.get_note, col.find_notes(""))
        # under its language's name, as the deck shows it: seen, and heard once, as the
        # figure's name
        caption = '<figcaption aria-hidden="true"><small>Python</small></figcaption><pre'
        assert re.search(r'<figure [^>]*aria-label="Python">' + caption, note["Back"])
        (pre,) = re.findall(r"<pre([^>]*)>(.*?)</pre>", note["Back"], re.S)
        assert "pre-wrap" in pre[0]  # long lines wrap, blanks and tabs stay
        # set left: Basic centres its text, and centred code lost its indentation's look,
        # a wrapped line read as one of its own (an Anki trial)
        (figure,) = re.findall(r"<figure([^>]*)>", note["Back"])
        assert "text-align: left" in figure and "overflow-wrap: anywhere" in pre[0]
        shown = html.unescape(re.sub(r"<br>", "\n", re.sub(r"<(?!br>)[^>]+>", "", pre[1])))
        assert shown.replace("\u200b", "").split("\n") == code
    finally:
        col.close()


def test_every_heading_of_the_tsvs_back_is_bold_as_the_hints(tmp_path):
    """Basic has no style sheet for the deck's heading class: the hint's heading was bold
    and "Follow-ups", "Note" and the others plain among their items (a trial)."""
    import re

    from qbank.exporters.anki import load_words

    bank = tmp_path / "all.yaml"
    bank.write_text(
        "title: All\nquestions:\n  - id: a\n    section: S\n"
        "    question: Why?\n    hint: Because.\n    look_for: [Names it]\n"
        "    anchors: {1: Guesses, 3: Names one, 5: Explains}\n    follow_ups: [And then?]\n"
        "    note: Ask last.\n"
        "    sources: [{title: RFC 9110, url: 'https://www.rfc-editor.org/rfc/rfc9110'}]\n",
        encoding="utf-8",
    )
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        _import(col, _export(tmp_path, bank, "anki-tsv", "all.txt"))
        (note,) = map(col.get_note, col.find_notes(""))
        bold = set(re.findall(r"<b>([^<]*)</b>", note["Back"]))
    finally:
        col.close()
    say = load_words()
    assert bold == {say[k] for k in ("hint", "look_for", "rated", "follow_ups", "note", "sources")}


def test_a_sound_tag_in_the_tsv_stays_words(tmp_path):
    """The TSV's fields are the deck's: Anki's own tags in a bank are shown, not played."""
    bank = tmp_path / "lit.yaml"
    bank.write_text(
        "title: Lit\nquestions:\n"
        "  - {id: a, section: S, question: 'Play [sound:x.mp3]?', hint: '[$]y[/$]'}\n",
        encoding="utf-8",
    )
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        _import(col, _export(tmp_path, bank, "anki-tsv", "lit.txt"))
        (card,) = [col.get_card(c) for c in col.find_cards("")]
        assert card.question_av_tags() == [] and "latex-" not in card.answer()
        assert "[sound:x.mp3]" in card.question().replace("&#91;", "[")
    finally:
        col.close()


def test_quizlet_keeps_a_lists_numbers_and_bullets(tmp_path):
    """A visual review: "What do you check, in order?" lost the 1. to 4. of its answer in
    the Quizlet export, and nested bullets came out as flat lines."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: a\n    section: S\n"
        "    question: What do you check, **in order**?\n    hint: |\n"
        "      3. The tube\n      4. The patient\n         - airway\n         - lungs\n"
        "      5. The circuit\n",
        encoding="utf-8",
    )
    out = tmp_path / "cards.txt"
    assert run_cli("export", "--bank", bank, "--format", "quizlet", "-o", out).exit_code == 0
    (card,) = out.read_text(encoding="utf-8").split(QUIZLET_ROW_SEPARATOR + "\n")[:-1]
    term, definition = card.split("\t")
    assert term == "What do you check, in order?"
    assert definition == (
        "3. The tube\n4. The patient\n   \u2022 airway\n   \u2022 lungs\n5. The circuit"
    )


def test_an_edited_files_import_updates_its_notes_in_place(tmp_path):
    """The text import over a term (a learner's trial): a file exported again after the
    bank changed updates the notes it had, by their GUIDs, with no duplicate, and keeps their
    reviews and flags; a question of a new id is a new note. The text import has no "if
    newer": each note whose text or tags the file says otherwise takes the file's, so a
    learner's own tag, and an edit of a field, are gone at every import of the file."""
    bank = tmp_path / "term.yaml"

    def export(hint: str, last: str) -> Path:
        bank.write_text(
            "title: Term\nquestions:\n"
            f"  - {{id: a, section: S, question: A?, hint: {hint}}}\n"
            "  - {id: b, section: S, question: B?, hint: Hb.}\n"
            f"  - {{id: {last}, section: T, question: C?, hint: Hc.}}\n",
            encoding="utf-8",
        )
        return _export(tmp_path, bank, "anki-tsv", f"{hint}-{last}.txt")

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        assert len(_import(col, export("Ha.", "c")).new) == 3
        ids = {col.get_note(n).fields[0]: n for n in col.find_notes("")}
        col.decks.select(col.decks.id_for_name("Term"))
        card = col.sched.getCard()
        assert card.nid == ids["A?"]
        col.sched.answerCard(card, 4)  # Easy: a review card
        card = col.get_card(card.id)
        col.set_user_flag_for_cards(2, [card.id])
        other = col.get_note(ids["B?"])
        other.tags.append("mine")
        other.fields[1] += " My own words."
        col.update_note(other)
        log = _import(col, export("Corrected.", "c-renamed"))
        assert (len(log.new), len(log.updated)) == (1, 2)
        assert col.note_count() == 4
        assert "Corrected." in col.get_note(ids["A?"]).fields[1]
        after = col.get_card(card.id)
        assert (after.ivl, after.reps, after.user_flag()) == (card.ivl, 1, 2)
        assert after.ivl > 0 and col.db.scalar("SELECT count() FROM revlog") == 1
        other = col.get_note(ids["B?"])
        assert "mine" not in other.tags and "My own words." not in other.fields[1]
    finally:
        col.close()
