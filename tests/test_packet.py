"""The DOCX interviewer packet, read back with python-docx as Word would show it."""

from __future__ import annotations

import dataclasses
import re
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph
from helpers import FIXTURES, run_cli
from lxml import etree
from readback import artifact_text, docx_document, run_languages, squash

import qbank
from qbank.bank import load_bank
from qbank.errors import OptionError, QbankError
from qbank.exporters import packet as packet_module
from qbank.exporters.packet import EXPORTER
from qbank.exporters.packet.select import deal
from qbank.job import Job
from qbank.lifecycle import run
from qbank.model import Bank
from qbank.paper import PAPERS
from qbank.paths import BUILTIN_TEMPLATES, Templates
from qbank.reproducible import zip_date
from qbank.rubric import load_wording
from qbank.text import plain
from qbank.wordml.theme import load_theme

EPOCH = 1764115200  # the build time of every packet made here
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(FIXTURES / "packet-platform-security.yaml")


def run_packet(cli, out: Path, *args):
    """`generate.py packet` on the fixture bank, as a user runs it."""
    return cli("packet", "--bank", FIXTURES / "packet-platform-security.yaml", "--out", out, *args)


def make(bank: Bank, out: Path, **options) -> list[Path]:
    return run(Job(bank=bank, out_dir=out, timestamp=EPOCH), [(EXPORTER, options)], workers=1)


def read(path: Path):
    """The packet at `path` as python-docx reads it, parsed once (the tests only read it)."""
    return docx_document(path)


def all_paragraphs(document) -> list[Paragraph]:
    """Every paragraph in reading order, those in tables (a question's block) too."""
    return [p for _, p in styled(document)]


def styled(document) -> tuple[tuple[str, Paragraph], ...]:
    """Every paragraph in reading order with its style's name, each style looked up once
    (python-docx searches the styles part on every `paragraph.style`), once per document."""
    known = _styled.get(id(document))
    if known is None or known[0] is not document:
        names: dict[str | None, str] = {}
        found = []
        for element in document.element.body.iter(f"{W}p"):
            paragraph = Paragraph(element, document._body)
            if element.style not in names:
                names[element.style] = paragraph.style.name
            found.append((names[element.style], paragraph))
        known = _styled[id(document)] = (document, tuple(found))  # the document stays alive
    return known[1]


_styled: dict[int, tuple[object, tuple[tuple[str, Paragraph], ...]]] = {}


def tables(document) -> list[Table]:
    """Every table, those nested in a question's block too."""
    return [Table(t, document._body) for t in document.element.body.iter(f"{W}tbl")]


def paragraphs(document, style: str) -> list[str]:
    return [p.text for name, p in styled(document) if name == style]


def question_headings(document) -> list[str]:
    """The question headings, as Word's navigation pane lists them: 'Q7<tab>question'."""
    return [t for t in paragraphs(document, "Heading 2") if t.startswith("Q") and "\t" in t]


def asked(document) -> list[str]:
    """Question labels in the order their pages come."""
    return [t.split("\t")[0] for t in question_headings(document)]


def boxes(document) -> dict[str, object]:
    """Every tick box by its tag: the w:sdt elements that hold a w14:checkbox."""
    found = {}
    for checkbox in document.element.body.iter(f"{W14}checkbox"):
        sdt = checkbox.getparent().getparent()
        tag = sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val")
        assert tag not in found, f"two boxes tagged {tag}"
        found[tag] = sdt
    return found


def table_rows(table) -> list[list[str]]:
    """Each row's cell texts, a merged cell repeated in each column it spans; read once per
    table (python-docx works out every cell's place in the grid on each read)."""
    if table._tbl not in _rows:  # the element as the key keeps it, and so its identity
        _rows[table._tbl] = [[cell.text for cell in row.cells] for row in table.rows]
    return [list(row) for row in _rows[table._tbl]]


_rows: dict[object, list[list[str]]] = {}


def head(table) -> list[str]:
    """The first row's cell texts (to find a table without reading all of every table)."""
    return [cell.text for cell in table.rows[0].cells]


def scorecard(document):
    """The table whose head is Q | Question | Score."""
    matches = [t for t in tables(document) if head(t) == ["Q", "Question", "Score"]]
    assert len(matches) == 1
    return table_rows(matches[0])


@pytest.fixture(scope="module")
def packet(bank, tmp_path_factory):
    (path,) = make(bank, tmp_path_factory.mktemp("packet"), all=True)
    return path, read(path)


@pytest.fixture(scope="module")
def compact_packet(bank, tmp_path_factory):
    (path,) = make(bank, tmp_path_factory.mktemp("compact"), compact=True, all=True)
    return path, read(path)


@pytest.fixture(scope="module")
def panel_of_three(bank, tmp_path_factory) -> list[Path]:
    """`--panel 3` of the fixture bank: three packets and the coordinator's sheet."""
    return make(bank, tmp_path_factory.mktemp("panel3"), panel=3)


@pytest.fixture(scope="module")
def panel_of_two(bank, tmp_path_factory) -> list[Path]:
    """`--panel 2` of the fixture bank: two packets and the coordinator's sheet."""
    return make(bank, tmp_path_factory.mktemp("panel2"), panel=2)


def test_the_bundled_bank_has_a_page_per_question(default_bank, built):
    document = read(built("packet", "--all") / f"{default_bank.name}-packet-all.docx")
    expected = [f"{q.label}\t{plain(q.question)}" for q in default_bank.questions]
    assert question_headings(document) == expected
    assert paragraphs(document, "Packet Hint") == [plain(q.hint) for q in default_bank.questions]
    rows = scorecard(document)
    assert [r[0] for r in rows if r[0].startswith("Q")][1:] == [
        q.label for q in default_bank.questions
    ]
    assert ["Total", "Total", f"/ {5 * len(default_bank.questions)}"] in rows


def test_all_goes_section_by_section_when_the_bank_interleaves_them(cli, tmp_path):
    """Questions of A, B, A in the bank gave the reference packet the headings A, B, A and
    a subtotal of A twice (a trial): --all goes section by section, as every packet does,
    each question keeping its number, in DOCX and PDF."""
    bank = tmp_path / "order.yaml"
    bank.write_text(
        "title: T\nsections: [A, B]\nquestions:\n"
        "  - {id: a1, section: A, question: qa1, hint: h}\n"
        "  - {id: b1, section: B, question: qb1, hint: h}\n"
        "  - {id: a2, section: A, question: qa2, hint: h}\n",
        encoding="utf-8",
    )
    result = cli("packet", "--all", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    document = read(tmp_path / "order-packet-all.docx")
    assert asked(document) == ["Q1", "Q3", "Q2"]
    assert [t for t in paragraphs(document, "Heading 1") if t in "AB"] == ["A", "B"]
    subtotals = [r[0] for r in scorecard(document) if "Subtotal" in r[0]]
    assert len(subtotals) == 2, subtotals


def test_every_question_with_its_hint_follow_ups_and_note(bank, packet):
    path, document = packet
    assert path.name == "packet-platform-security-packet-all.docx"
    assert question_headings(document) == [
        f"{q.label}\t{plain(q.question)}" for q in bank.questions
    ]
    assert paragraphs(document, "Packet Hint") == [plain(q.hint) for q in bank.questions]
    notes = [n for n in paragraphs(document, "Packet Note") if n.startswith("Editor's")]
    assert notes == [f"Editor's note: {q.note}" for q in bank.questions if q.note]
    items = paragraphs(document, "Packet Item")
    for q in bank.questions:
        for follow_up in q.follow_ups:
            assert f"\u2022\t{follow_up}" in items
        for signal in q.look_for:
            assert f"\t{signal}" in items
    meta = paragraphs(document, "Packet Meta")
    # a number and its unit on one line, as in the bank's text ('8 min')
    assert "Design \u00b7 8\u00a0min" in meta and "Basics \u00b7 no time given" in meta


def test_code_spans_and_line_breaks_survive(bank, packet):
    _, document = packet
    hint = next(p for p in all_paragraphs(document) if p.text.startswith("Requests and responses"))
    code = [r for r in hint.runs if r.style.name == "Packet Code"]
    assert [r.text for r in code] == ["auth"]
    assert (
        hint.text
        == "Requests and responses, auth events, and configuration changes.\nKeep PII out."
    )


@pytest.mark.parametrize("markup", ["plain", "markdown"])
def test_a_number_and_its_percent_sign_stay_on_one_line(tmp_path, markup):
    """Word broke '50 %' at its space, '%' starting the next line, where the booklet, the
    cards and the study page keep it whole; and a French bank's 'Pourquoi ?' and
    '« mot »' (textkit.kept_spaces). Each such space is a no-break space, as Word's French
    autocorrect types it, across an emphasis too; a code span's spaces stay as typed, and
    so do a content control's (the candidate's name filled in)."""
    plain = "12 % ? 3.000 € 8 GB CHF 50"  # a currency sign, a unit, a currency's code
    hint = "Taux de *50* %, 3  ‰ et `7 %` ; « mot » : fin" if markup == "markdown" else plain
    question = "Combien *?*" if markup == "markdown" else "Combien ?"  # the space in a run before
    path = tmp_path / "pc.yaml"
    path.write_text(
        f"title: T\nlanguage: fr\nmarkup: {markup}\nquestions:\n  - id: q\n    section: S\n"
        f"    question: {question}\n    hint: '{hint}'\n",
        encoding="utf-8",
    )
    (built,) = make(load_bank(path), tmp_path, candidate="Jean : Dupont")
    document = read(built)
    texts = [p.text for p in all_paragraphs(document)]
    nbsp = "\u00a0"
    # a name filled in stands as typed: the debrief reads it back
    (field,) = document.element.body.xpath('.//w:sdt[w:sdtPr/w:tag/@w:val="candidate"]')
    assert "".join(t.text for t in field.iter(f"{W}t")) == "Jean : Dupont"
    assert [t.split("\t")[1] for t in question_headings(document)] == [f"Combien{nbsp}?"]
    if markup == "markdown":
        want = f"Taux de 50{nbsp}%, 3{nbsp * 2}‰ et 7 %{nbsp}; «{nbsp}mot{nbsp}»{nbsp}: fin"
    else:
        want = f"12{nbsp}%{nbsp}? 3.000{nbsp}€ 8{nbsp}GB CHF{nbsp}50"
    assert want in texts


def test_a_numbers_groups_of_digits_stay_on_one_line(tmp_path):
    """A French teacher's '3 000 €' and '10 000 000' broke between their groups of digits
    on cards and phones: in the packet each such space is a no-break space, as Word's French
    typing sets one; a year's space and a code span's stay as typed."""
    path = tmp_path / "gr.yaml"
    path.write_text(
        "title: T\nlanguage: fr\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Un panier de 3 000 € ?\n"
        "    hint: 'Entre 2 999,99 € et 10 000 000, en 2024 120 élèves et `1 000`'\n",
        encoding="utf-8",
    )
    (built,) = make(load_bank(path), tmp_path)
    document = read(built)
    texts = [p.text for p in all_paragraphs(document)]
    nbsp = "\u00a0"
    assert [t.split("\t")[1] for t in question_headings(document)] == [
        f"Un panier de 3{nbsp}000{nbsp}€{nbsp}?"
    ]
    want = f"Entre 2{nbsp}999,99{nbsp}€ et 10{nbsp}000{nbsp}000, en 2024 120 élèves et 1 000"
    assert want in texts


GERMAN = (
    "title: Sicherheit\nlanguage: de\nquestions:\n  - id: q\n    section: Grundlagen\n"
    "    question: Wie baut man ein Informationssicherheitsmanagementsystem auf?\n"
    "    hint: Mit Wiederherstellungszeitvorgaben.\n"
)


@pytest.mark.parametrize("look_language", ["", "de"])
def test_the_words_qbank_adds_are_in_the_looks_language(tmp_path, look_language):
    """A German bank's packet said all of it was German, qbank's English words too: with
    hyphenation on, LibreOffice broke 'questi-ons' by German rules. The look's words say
    the look's language (packet/rubric.toml's, English built in), the bank's texts the
    bank's, the document's; a look in the bank's language says nothing more."""
    from helpers import own_look

    path = tmp_path / "de.yaml"
    path.write_text(GERMAN, encoding="utf-8")
    look = None
    if look_language:
        edit = ('language = "en"', f'language = "{look_language}"')
        look = own_look(tmp_path / "look", {"packet/rubric.toml": edit})
    (built,) = qbank.build(path, tmp_path / "out", ["packet"], templates=look, workers=1)
    document = read(built)
    languages = run_languages(document)
    english = None if look_language else "en"
    heads = ("Rating scale", "What a strong answer covers", "Notes", "Scorecard")
    for words in (*heads, "Solid", "Total", "Hint given"):
        assert languages.get(words) == {english}, words
    assert languages["Mit Wiederherstellungszeitvorgaben."] == {None}  # the document's, German
    if english:  # the look's words beside a bank's text are in runs of their own: the
        # scorecard's 'Subtotal · Grundlagen', the question's 'Grundlagen · no time given'
        assert languages["Subtotal ·"] == languages["no time given"] == {"en"}
        assert languages["Q1"] == {"en"}  # its page's heading and its scorecard row too
        assert languages["Grundlagen"] == {None}
    (default,) = document.styles.element.xpath("//w:docDefaults//w:lang/@w:val")
    assert default == "de"


def test_the_looks_words_beside_a_names_are_in_the_looks_language(tmp_path):
    """A German panel's coordinator's sheet said 'Interviewer 1 · Anna Weber' and its
    footer's 'Sicherheit · Candidate: …' and 'Page 1 of 2' were German as a whole, as was
    a plan's note 'No question from Betrieb: …': the look's words among them are English,
    the bank's title, a section's and a name typed the bank's."""
    path = tmp_path / "de.yaml"
    second = "  - {id: r, section: Grundlagen, question: Warum?, hint: Darum.}\n"
    path.write_text(GERMAN + second, encoding="utf-8")
    names = ("Anna Weber", "Jens Ott")
    *_, sheet = make(load_bank(path), tmp_path, interviewer=names)
    document = read(sheet)
    languages = run_languages(document)
    assert languages["Interviewer 1"] == {"en"}
    assert languages["\u00b7 Anna Weber"] == {None}  # the document's, German
    footer = run_languages(document, document.sections[0].footer._element)
    assert footer["Sicherheit"] == {None}
    assert footer["\u00b7 Candidate:"] == footer["Page"] == footer["of"] == {"en"}
    other = "  - {id: b, section: Betrieb, question: Wann?, hint: Jetzt.}\n"
    path.write_text(GERMAN + other, encoding="utf-8")
    (packet,) = make(load_bank(path), tmp_path / "one", count=1, seed=1)
    document = read(packet)
    notes = [p.text for p in document.paragraphs if p.style.name == "Packet Note"]
    assert notes[0].startswith("No question from Betrieb: --count 1")  # seed 1: Grundlagen's
    languages = run_languages(document)
    assert languages["No question from"] == {"en"}
    assert languages["Betrieb"] == {None}


@pytest.mark.parametrize(
    ("language", "hyphenated"), [("de-CH", True), ("en-GB", False), ("", False)]
)
def test_a_packet_in_another_language_than_english_is_hyphenated(language, hyphenated):
    """A German bank's long words ('Informationssicherheitsmanagementsystem') were cut at
    any letter, with no hyphen, in the time plan's and the tables' narrow columns: the
    packet asked for no hyphenation. It does in any language but English (whose packets
    stay as they were), words in capitals (ISMS) left whole, and code never hyphenated: a
    code span says it has no language, a code block's style suppresses hyphenation."""
    from qbank.wordml.document import add_paragraph_style, new_document
    from qbank.wordml.wml import CODE_BLOCK_STYLE

    theme = load_theme()
    document, wml = new_document(theme, language, "en")
    settings = document.settings.element
    found = [settings.find(f"{W}{tag}") is not None for tag in HYPHENATION]
    assert found == [hyphenated] * 2
    # nor when the words qbank adds are in no known language (the debrief's): a German
    # debrief's English words were hyphenated by German rules
    unknown, _ = new_document(theme, language)
    assert unknown.settings.element.find(f"{W}autoHyphenation") is None
    if hyphenated:  # in the order CT_Settings has them
        names = [etree.QName(e).localname for e in settings]
        at = names.index("defaultTabStop")
        assert names[at : at + 3] == ["defaultTabStop", *HYPHENATION]
    add_paragraph_style(document, wml, theme, CODE_BLOCK_STYLE)
    styles = document.styles.element
    (code,) = styles.xpath('//w:style[@w:styleId="PacketCode"]/w:rPr/w:lang/@w:val')
    assert code == "zxx"
    assert styles.xpath('//w:style[@w:styleId="PacketCodeBlock"]/w:pPr/w:suppressAutoHyphens')
    with wml.written_in("fr"):  # a code span keeps its style's language in any section
        runs = etree.fromstring(f'<w:p xmlns:w="{W[1:-1]}">{wml.text("a `b` c")}</w:p>')
    langs = [r.find(f"{W}rPr/{W}lang") for r in runs]
    assert [lang is None for lang in langs] == [False, True, False]


HYPHENATION = ("autoHyphenation", "doNotHyphenateCaps")


@pytest.mark.parametrize("markup", ["plain", "markdown"])
def test_a_sections_text_is_in_its_own_language(tmp_path, markup):
    """A French section of a German bank said its texts were German, as the whole packet
    did: Word checked 'La sauvegarde' as German, LibreOffice hyphenated it so. Its texts
    say French; qbank's words on its pages stay the look's, English, and the bank's own
    rating scale and competency on them its language, German (a trial's English section
    said 'Überzeugend' and 'kommunikation' were English)."""
    path = tmp_path / "de.yaml"
    path.write_text(
        GERMAN.replace("questions:", f"markup: {markup}\nquestions:").replace(
            "    hint:", "    competency: kommunikation\n    hint:"
        )
        + "  - {id: f, section: Cadre, question: Pourquoi ?, hint: La sauvegarde., minutes: 3,"
        + " competency: kommunikation, anchors: {1: Rien., 3: Assez.}}\n"
        + "sections: [Grundlagen, {name: Cadre, language: fr}]\n"
        + "competencies: [{name: kommunikation, description: Erklärt.}]\n"
        + "rubric: [{score: 1, label: Lückenhaft, anchor: Wenig.},"
        + " {score: 3, label: Überzeugend, anchor: Viel.}]\n",
        encoding="utf-8",
    )
    (built,) = qbank.build(path, tmp_path / "out", ["packet"], workers=1)
    languages = run_languages(read(built))
    assert languages["La sauvegarde."] == {"fr"}
    assert languages["Cadre"] == {"fr"}  # its heading, its row of the plan and the scorecard
    assert languages["Mit Wiederherstellungszeitvorgaben."] == {None}
    assert languages["Rating"] == {"en"}
    assert languages["Rien."] == {"fr"}  # the question's anchor
    assert languages["Überzeugend"] == languages["kommunikation"] == {None}


def test_headings_make_an_outline(bank, packet):
    _, document = packet
    levels = {}
    for name in ("Heading 1", "Heading 2"):
        level = document.styles[name].element.find(f"{W}pPr/{W}outlineLvl")
        levels[name] = level.get(f"{W}val")
    assert levels == {"Heading 1": "0", "Heading 2": "1"}
    sections = [s.name for s in bank.sections]
    assert [t for t in paragraphs(document, "Heading 1") if t in sections] == sections


def test_each_question_starts_a_page(bank, packet):
    _, document = packet
    starts = 0
    previous = None
    for p in document.paragraphs:
        if p.style.name == "Heading 2" and p.text.startswith("Q"):
            breaks = p.paragraph_format.page_break_before
            section_break = previous is not None and previous.style.name == "Heading 1"
            assert breaks or section_break, p.text
            starts += 1
        if p.style.name == "Heading 1" and p.text in {s.name for s in bank.sections}:
            assert p.paragraph_format.page_break_before, p.text
        previous = p if p.style.name != "Packet Meta" else previous
    assert starts == len(bank.questions)


def test_compact_packets_flow(bank, compact_packet):
    _, document = compact_packet
    breaking = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    # the guide, the first section and the scorecard start pages; questions follow on
    assert breaking == ["How to run this interview", "Basics", "Scorecard"]
    assert len(question_headings(document)) == len(bank.questions)


def test_rating_row_and_hint_box_per_question(bank, packet):
    _, document = packet
    tags = boxes(document)
    scale = [level.score for level in load_wording().levels]
    assert scale == [1, 2, 3, 4, 5]
    for q in bank.questions:
        rating = [tags[f"{q.id}:score:{s}"] for s in scale] + [tags[f"{q.id}:hint-given"]]
        rows = [next(box.iterancestors(f"{W}tr")) for box in rating]
        assert all(row is rows[0] for row in rows), "a question's rating boxes share a row"
        for number in range(1, len(q.look_for) + 1):
            assert f"{q.id}:look-for:{number}" in tags
    rating_row = [f" {level.score}\n{level.label}" for level in load_wording().levels]
    rating_row.append(" Hint given")
    rows = [r for t in tables(document) for r in table_rows(t)]
    assert rows.count(rating_row) == len(bank.questions)


def test_tick_boxes_are_checkbox_content_controls(bank, packet):
    path, document = packet
    checkboxes = list(document.element.body.iter(f"{W14}checkbox"))
    looks = sum(len(q.look_for) for q in bank.questions)
    recommendations = len(load_wording().recommendations)
    assert len(checkboxes) == looks + len(bank.questions) * (5 + 1) + recommendations
    ids = set()
    for checkbox in checkboxes:
        assert checkbox.getparent().tag == f"{W}sdtPr"
        sdt = checkbox.getparent().getparent()
        assert sdt.tag == f"{W}sdt"
        assert checkbox.find(f"{W14}checked").get(f"{W14}val") == "0"
        assert checkbox.find(f"{W14}uncheckedState").get(f"{W14}val") == "2610"
        assert checkbox.find(f"{W14}checkedState").get(f"{W14}val") == "2612"
        glyph = "".join(t.text for t in sdt.iter(f"{W}t"))
        assert glyph == "\u2610"
        ids.add(sdt.find(f"{W}sdtPr/{W}id").get(f"{W}val"))
    assert len(ids) == len(checkboxes)
    with zipfile.ZipFile(path) as package:
        root = package.read("word/document.xml").split(b">", 2)[1]
    assert b'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"' in root
    assert b'mc:Ignorable="w14' in root


def test_scorecard_has_a_row_per_question_subtotals_and_a_total(bank, packet):
    _, document = packet
    rows = scorecard(document)
    labels = [r[0] for r in rows]
    assert [label for label in labels if label.startswith("Q")][1:] == [
        q.label for q in bank.questions
    ]
    for q in bank.questions:
        (row,) = [r for r in rows if r[0] == q.label]
        assert row[2] == "/ 5"
    assert ["Subtotal \u00b7 Design"] * 2 + ["/ 20"] in rows  # four questions of 5
    assert ["Total", "Total", "/ 45"] in rows
    text = "\n".join(p.text for p in all_paragraphs(document))
    assert "Overall recommendation" in text
    tags = boxes(document)
    for option in ("strong-no", "no", "yes", "strong-yes", "no-decision"):
        assert f"recommendation:{option}" in tags
    signature = [
        r for t in tables(document) for r in table_rows(t) if "Interviewer's signature" in r
    ]
    assert signature


def test_header_block_and_guide(bank, packet):
    _, document = packet
    header = table_rows(tables(document)[0])
    assert header[0][:2] == ["Role", bank.title]
    assert [row[0] for row in header] == ["Role", "Candidate", "Interviewer", "Date"]
    assert header[3][::2] == ["Date", "Start time", "End time"]
    fields = [
        sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val")
        for sdt in document.element.body.iter(f"{W}sdt")
        if sdt.find(f"{W}sdtPr/{W}text") is not None
    ]
    assert fields[:5] == ["candidate", "interviewer", "interview-date", "start-time", "end-time"]
    wording = load_wording()
    assert wording.guide["title"] in paragraphs(document, "Heading 1")
    scale = [t for t in tables(document) if head(t)[0] == "Score"][0]
    assert [row[1] for row in table_rows(scale)[1:]] == [lvl.label for lvl in wording.levels]
    assert [row[2] for row in table_rows(scale)[1:]] == [lvl.anchor for lvl in wording.levels]
    assert any("before the debrief" in step for step in wording.guide["steps"])


def test_a_bank_rubric_replaces_the_default_scale(tmp_path):
    bank = load_bank(FIXTURES / "packet-rubric.yaml")
    (path,) = make(bank, tmp_path)
    document = read(path)
    scale = [t for t in tables(document) if head(t)[0] == "Score"][0]
    assert [row[1] for row in table_rows(scale)[1:]] == ["Missed", "Met", "Exceeded"]
    tags = boxes(document)
    assert {t for t in tags if t.startswith("ticket-triage:score")} == {
        "ticket-triage:score:1",
        "ticket-triage:score:2",
        "ticket-triage:score:3",
    }
    assert ["Total", "Total", "/ 6"] in scorecard(document)


def test_footer_numbers_the_pages(packet):
    _, document = packet
    footer = document.sections[0].footer
    codes = [t.text.strip() for t in footer._element.iter(f"{W}instrText")]
    assert codes == ["PAGE", "NUMPAGES"]
    assert "Platform Security Engineer" in footer.paragraphs[0].text


def test_a_long_title_gives_way_in_the_footer_to_the_candidate_and_the_page(cli, tmp_path):
    """A footer too long for its line beside 'Page 1 of 4' has the bank's title cut after a
    word, the candidate's name whole, in the packets and the coordinator's sheet (the
    debrief's footer is written so too): the page label broke over two lines ('Strona 1'
    over 'z 4', a panel trial)."""
    title = "Rozmowa kwalifikacyjna — Inżynier ds. niezawodności systemów rozproszonych"
    bank = tmp_path / "long.yaml"
    bank.write_text(
        f"title: {title}\nquestions:\n"
        + "".join(f"  - {{id: q{n}, section: S, question: Q{n}?, hint: h}}\n" for n in range(2)),
        encoding="utf-8",
    )
    names = ("--interviewer", "Łukasz Żółć", "--interviewer", "Ewa Kowalska-Nowak")
    given = ("--bank", bank, "--candidate", "Bożena Wąsik-Grzęda", *names)
    assert cli("packet", *given, "--out", tmp_path / "out").exit_code == 0
    files = sorted((tmp_path / "out").glob("*.docx"))
    assert len(files) == 3
    for path in files:
        (footer,) = docx_document(path).sections[0].footer.paragraphs
        left = footer.text.split("\t")[0]
        assert left.startswith("Rozmowa kwalifikacyjna") and "…" in left, left
        assert left.endswith(" · Candidate: Bożena Wąsik-Grzęda"), left


def test_styles_come_from_the_theme(packet):
    _, document = packet
    theme = load_theme()
    for name in ("Title", "Heading 2", "Packet Label", "Packet Box"):
        spec = theme.styles[name]
        font = document.styles[name].font
        assert font.size.pt == spec["size"]
        assert font.name == theme.fonts[spec["font"]]
    assert document.styles["Packet Label"].font.all_caps is True
    section = document.sections[0]
    assert section.page_width == theme.page_width * 635  # twips to EMU


def test_paper_is_the_option_the_pdfs_share(bank, tmp_path):
    (path,) = make(bank, tmp_path, paper=PAPERS["letter"])
    section = read(path).sections[0]
    assert (round(section.page_width.inches, 2), round(section.page_height.inches, 2)) == (8.5, 11)


def test_count_and_seed_choose_repeatably(bank, tmp_path):
    first = read(make(bank, tmp_path / "a", count=4, seed=9)[0])
    again = read(make(bank, tmp_path / "b", count=4, seed=9)[0])
    assert asked(first) == asked(again)
    assert len(asked(first)) == 4
    assert {label for label in asked(first)} & {"Q1", "Q2", "Q3"}  # every section is asked

    # the packet asks what the selection chose for its seed; the selection gives other
    # questions for other seeds (checked on the model, which is the same for every seed):
    # one other build shows that another seed reaches the packet
    def chosen(seed: int) -> list[str]:
        (choice,) = deal(bank, 1, count=4, minutes=None, seed=seed)
        return [q.label for q in choice.questions]

    assert asked(first) == chosen(9)
    others = {tuple(chosen(s)) for s in range(6)}
    assert len(others) > 1
    other = next(s for s in range(6) if chosen(s) != chosen(9))
    assert asked(read(make(bank, tmp_path / "other", count=4, seed=other)[0])) == chosen(other)
    rows = scorecard(first)
    assert [r[0] for r in rows if r[0].startswith("Q")][1:] == asked(first)
    assert "Picked from the bank's 9 questions (seed 9)" in "\n".join(
        p.text for p in first.paragraphs
    )


def test_a_bank_of_one_question_is_said_so(tmp_path):
    """The smallest bank, one section of one question: its packet said it was "Picked
    from the bank's 1 questions" (h42e's trial of unusual banks)."""
    bank = tmp_path / "one.yaml"
    bank.write_text(
        "title: One\nquestions:\n  - id: only\n    section: Only\n"
        "    question: What is a hash?\n    hint: A fixed-size digest of data.\n",
        encoding="utf-8",
    )
    for format_ in ("docx", "pdf"):
        out = tmp_path / format_
        assert run_cli("packet", "--bank", bank, "--out", out, "--format", format_).exit_code == 0
        text = squash(artifact_text(out / f"one-packet.{format_}"))
        assert squash("Picked from the bank's 1 question (seed 1)") in text, format_
        assert squash("1 questions") not in text, format_


def plan_rows(document) -> list[list[str]]:
    """The rows of the interview plan (or time plan) under its head row."""
    (plan,) = [t for t in tables(document) if head(t)[-1] == "Ends"]
    return table_rows(plan)[1:]


def test_minutes_respect_the_slot_and_show_a_time_plan(bank, tmp_path):
    (path,) = make(bank, tmp_path, minutes=25, seed=4)
    document = read(path)
    chosen = {q.label: q for q in bank.questions if q.label in asked(document)}
    assert sum(q.minutes or 5 for q in chosen.values()) <= 25 - 5  # 2 + 3 kept
    intro, *rows, wrap = plan_rows(document)
    assert intro[2].startswith("Introduction") and intro[3:] == ["0:00", "2", "0:02"]
    assert [r[0] for r in rows] == asked(document)
    clock = 2
    for row in rows:
        q = chosen[row[0]]
        assert row[1:3] == [q.section, plain(q.question)]  # the whole question
        minutes = int(row[4].rstrip("*"))
        assert row[3] == f"0:{clock:02d}" and row[5] == f"0:{clock + minutes:02d}"
        clock += minutes
    assert wrap[2].startswith("Wrap-up") and wrap[3:] == [
        f"0:{clock:02d}",
        "3",
        f"0:{clock + 3:02d}",
    ]
    assert clock + 3 <= 25
    text = "\n".join(paragraphs(document, "Normal"))
    assert "A slot of 25 minutes: 5 are kept for the introduction (2) and the wrap-up (3)" in text
    assert f"the questions take {clock - 2}, leaving {25 - clock - 3} spare" in text


def test_the_plan_is_on_the_first_pages_without_minutes(bank, packet):
    """Without --minutes the cover still lists the questions, their minutes and the clock."""
    _, document = packet
    headings = paragraphs(document, "Heading 1")
    assert headings.index("Interview plan") < headings.index("How to run this interview")
    assert "Time plan" not in headings
    intro, *rows, wrap = plan_rows(document)
    assert [r[0] for r in rows] == [q.label for q in bank.questions]
    assert [r[2] for r in rows] == [plain(q.question) for q in bank.questions]
    assert intro[3:] == ["0:00", "2", "0:02"] and rows[0][3] == "0:02"
    assert wrap[3:5] == [rows[-1][5], "3"]  # the clock runs on to the wrap-up


def test_a_section_that_no_question_fits_is_named(bank, cli, tmp_path):
    result = run_packet(cli, tmp_path, "--minutes", "9")
    assert result.exit_code == 0, result.output
    document = read(Path(result.stdout.strip()))
    notes = paragraphs(document, "Packet Note")
    left_out = [n for n in notes if n.startswith("No question from")]
    assert left_out  # 4 minutes for questions: only the shortest fit
    for note in left_out:
        assert note in result.stderr


def test_a_panel_names_no_section_another_interviewer_asks(cli, tmp_path):
    """A section with one question goes to one interviewer of a panel: the other is not
    told that none of it fits in the time left (a new-user trial's report)."""
    bank = tmp_path / "two.yaml"
    rows = "".join(
        f"  - {{id: q{n}, section: {'Language' if n == 0 else 'Tools'}, question: Q{n}?, "
        "hint: H., minutes: 5}\n"
        for n in range(5)
    )
    bank.write_text(f"title: Two\nquestions:\n{rows}", encoding="utf-8")
    result = cli("packet", "--panel", "2", "--bank", bank, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "No question from" not in result.stderr


def test_panel_packets_are_disjoint_interviews(bank, panel_of_three):
    """A panel without a selection: an interview of the default length each, no question
    asked twice; a bank too small for three full interviews is shared fairly."""
    paths = panel_of_three
    names = [p.name for p in paths]
    assert names == [f"packet-platform-security-packet-{n}.docx" for n in (1, 2, 3)] + [
        "packet-platform-security-packet-panel.docx"
    ]
    hands = [asked(read(p)) for p in paths[:3]]
    dealt = [label for hand in hands for label in hand]
    assert sorted(dealt) == sorted(q.label for q in bank.questions)
    assert len(set(dealt)) == len(dealt)
    assert all(len(hand) == 3 for hand in hands)
    sheet = read(paths[3])
    who = [t for t in tables(sheet) if head(t)[0] == "Interviewer"][0]
    for number, hand in enumerate(hands, start=1):
        row = table_rows(who)[number]
        assert row[0] == f"Interviewer {number}"
        assert row[2] == ", ".join(hand)
    # each interviewer's running order, timed from the start of their own interview
    orders = [t for t in tables(sheet) if head(t)[-1] == "Ends"]
    assert [[r[0] for r in table_rows(t)[2:-1]] for t in orders] == hands
    assert all(table_rows(t)[1][3] == "0:00" for t in orders)
    for path, hand in zip(paths[:3], hands, strict=True):
        intro, *rows, wrap = plan_rows(read(path))
        assert [r[0] for r in rows] == hand and int(wrap[5].split(":")[1]) <= 60


def test_panel_with_count_gives_each_interviewer_that_many(bank, tmp_path):
    paths = make(bank, tmp_path, panel=2, count=3, seed=2)
    names = [p.name for p in paths]
    assert names[0] == "packet-platform-security-packet-3q-seed2-1.docx"
    hands = [asked(read(p)) for p in paths[:2]]
    assert [len(h) for h in hands] == [3, 3]
    assert not set(hands[0]) & set(hands[1])


def test_the_whole_bank_dealt_to_a_panel(bank, tmp_path):
    paths = make(bank, tmp_path, panel=2, all=True)
    hands = [asked(read(p)) for p in paths[:2]]
    assert sorted(hands[0] + hands[1]) == sorted(q.label for q in bank.questions)


def test_the_sheets_questions_per_section_says_interviewer_once_over_their_numbers(bank, tmp_path):
    """'Interviewer 1' in a column of its own broke inside the word in a panel of four
    (LibreOffice without Carlito): the head says "Interviewer" once, across the panel's
    columns, with each one's number under it."""
    from docx.oxml.ns import qn

    *_, sheet = make(bank, tmp_path, panel=4)
    document = read(sheet)
    heading = next(p for p in document.paragraphs if p.text == "Questions per section")
    table = next(
        t for t in document.tables if t._tbl.getprevious() is heading._p
    )  # the table right after its heading
    top, numbers = (row._tr for row in table.rows[:2])
    cells = top.findall(qn("w:tc"))

    def text(cell) -> str:
        return "".join(t.text or "" for t in cell.iter(qn("w:t")))

    assert [text(c) for c in cells] == ["Section", "Interviewer", "Total"]
    assert cells[1].find(qn("w:tcPr")).find(qn("w:gridSpan")).get(qn("w:val")) == "4"
    assert [text(c) for c in numbers.findall(qn("w:tc"))] == [
        "", "1", "2", "3", "4", "",
    ]  # fmt: skip
    assert all(row.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for row in (top, numbers))


def test_two_builds_are_byte_identical_with_pinned_dates(bank, panel_of_two, tmp_path):
    one = panel_of_two
    two = make(bank, tmp_path / "two", panel=2)
    for a, b in zip(one, two, strict=True):
        assert a.read_bytes() == b.read_bytes()
    document = read(one[0])
    moment = datetime.fromtimestamp(EPOCH, UTC)
    properties = document.core_properties
    assert properties.created == moment and properties.modified == moment
    assert properties.revision == 1 and properties.last_modified_by == "qbank"
    with zipfile.ZipFile(one[0]) as package:
        assert {info.date_time for info in package.infolist()} == {zip_date(EPOCH)}
        # written by qbank, not by python-docx's template's 'Microsoft Macintosh Word'
        app = etree.fromstring(package.read("docProps/app.xml"))
        assert [e.text for e in app if e.tag.endswith("}Application")] == ["qbank"]


@pytest.mark.parametrize(
    ("args", "options", "message"),
    [
        (
            ["--minutes", "7"],
            {"minutes": 7},
            "--minutes 7: no question fits; 5 minutes are kept for the introduction and "
            "wrap-up, and the shortest question takes 3",
        ),
        (
            ["--panel", "12"],
            {"panel": 12},
            "--panel 12: the bank's 9 questions make only 9 interviews",
        ),
        (["--all", "--panel", "12"], {"all": True, "panel": 12}, "--panel 12: only 9 questions"),
    ],
)
def test_impossible_selections_are_errors(cli, tmp_path, args, options, message):
    """An option the bank cannot satisfy is a usage error, exit 2 and an OptionError, as
    --count with --minutes that do not fit is; these three were exit 1, a QbankError."""
    result = run_packet(cli, tmp_path, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
    bank = FIXTURES / "packet-platform-security.yaml"
    with pytest.raises(OptionError, match=re.escape(message)):
        qbank.build(bank, tmp_path, ["packet"], options, workers=1)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("every", [(), ("--all",)])
def test_a_panel_too_large_is_named_as_it_was_asked_for(cli, tmp_path, every):
    """Two --interviewer names on a bank of one question were refused as '--panel 2: the
    bank's 1 questions make only 1 interviews', an option not typed, in wrong plurals (a
    trial); --panel is named where it was given."""
    bank = tmp_path / "one.yaml"
    bank.write_text("title: One\nquestions:\n  - {id: a, section: S, question: Q?, hint: H.}\n")
    out = tmp_path / "out"
    tail = (
        "only 1 question; each interviewer needs at least one: "
        if every
        else "the bank's 1 question makes only 1 interview without asking a question twice; "
    )
    names = ("--interviewer", "Ann", "--interviewer", "Bob")
    for given, said in (
        (
            names,
            "2 interviewers (--interviewer given 2 times): " + tail + "name fewer interviewers",
        ),
        (("--panel", "2"), "--panel 2: " + tail + "choose a smaller panel"),
    ):
        result = cli("packet", "--bank", bank, "--out", out, *every, *given)
        assert result.exit_code == 2
        assert said in result.stderr, result.stderr
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize("args", [["--panel", "1"], ["--count", "0"], ["--minutes", "x"]])
def test_bad_option_values_are_usage_errors(cli, tmp_path, args):
    result = run_packet(cli, tmp_path, *args)
    assert result.exit_code == 2


def test_a_count_beyond_the_bank_warns_and_takes_all(cli, tmp_path):
    result = run_packet(cli, tmp_path, "--count", "40")
    assert result.exit_code == 0
    assert "--count 40: only 9 questions to choose from; all are used" in result.stderr
    packet = Path(result.stdout.strip())
    assert packet.name.endswith("-9q.docx")  # named for what it holds, not for 40
    assert len(asked(read(packet))) == 9


def question_blocks(document) -> dict[str, tuple[object, object]]:
    """Each question's heading paragraph, by its label, and the element that follows it."""
    found = {}
    for p in document.element.body.iterchildren(f"{W}p"):
        paragraph = Paragraph(p, document._body)
        if paragraph.style.name == "Heading 2" and "\t" in paragraph.text:
            found[paragraph.text.split("\t")[0]] = (p, p.getnext())
    return found


def keeps_with_next(document, p) -> bool:
    """Keep-with-next as Word resolves it: the paragraph's own setting, else its style's."""
    own = p.find(f"{W}pPr/{W}keepNext")
    if own is not None:
        return own.get(f"{W}val") not in ("0", "false")
    style = p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
    return document.styles.element.get_by_id(style).find(f"{W}pPr/{W}keepNext") is not None


def block_text(block) -> str:
    return "\n".join("".join(t.text for t in p.iter(f"{W}t")) for p in block.iter(f"{W}p"))


@pytest.mark.parametrize("compact", [True, False])
def test_a_question_is_one_block_that_moves_whole(bank, request, compact):
    """The heading keeps with a one-row table that holds the rest of the question, down
    to its notes lines; in a compact packet that row may not split across pages."""
    _, document = request.getfixturevalue("compact_packet" if compact else "packet")
    blocks = question_blocks(document)
    assert list(blocks) == [q.label for q in bank.questions]
    lines = load_theme().integer("compact_notes_lines")
    for q in bank.questions:
        heading, block = blocks[q.label]
        assert keeps_with_next(document, heading)
        assert block.tag == f"{W}tbl"
        (row,) = block.findall(f"{W}tr")
        assert (row.find(f"{W}trPr/{W}cantSplit") is not None) is compact
        text = block_text(block)
        for piece in (q.hint.split("\n")[0], *q.look_for, "Hint given", "Notes", "Rating"):
            assert piece.split("`")[0] in text, (q.label, piece)
        rules = [p for p in block.iter(f"{W}p") if p.find(f"{W}pPr/{W}pBdr") is not None]
        assert len(rules) == lines if compact else len(rules) >= lines
    if compact:  # a section heading and its description keep with the first question
        for p in document.element.body.iterchildren(f"{W}p"):
            if Paragraph(p, document._body).style.name == "Heading 1" and p.getnext() is not None:
                if Paragraph(p, document._body).text in {s.name for s in bank.sections}:
                    assert keeps_with_next(document, p)
                    assert keeps_with_next(document, p.getnext())


def test_a_compact_question_taller_than_a_page_flows_on_with_its_heading(bank, tmp_path):
    """Its row may split: kept whole, it left its heading alone at the foot of one page
    and moved to the next (LibreOffice without Carlito, packet --all --compact). All but
    its last notes lines stay in the row."""
    long = dataclasses.replace(
        bank.questions[0], look_for=tuple(f"signal number {n}" for n in range(1, 61))
    )
    tall = dataclasses.replace(bank, questions=(long, *bank.questions[1:]))
    (path,) = make(tall, tmp_path, compact=True)
    document = read(path)
    heading, block = question_blocks(document)[long.label]
    assert block.find(f"{W}tr/{W}trPr/{W}cantSplit") is None
    others = [b for label, (_, b) in question_blocks(document).items() if label != long.label]
    assert all(b.find(f"{W}tr/{W}trPr/{W}cantSplit") is not None for b in others)
    assert "signal number 60" in block_text(block)
    inside = [p for p in block.iter(f"{W}p") if p.find(f"{W}pPr/{W}pBdr") is not None]
    assert len(inside) == 1  # one notes line stays with the question
    after = block.getnext()
    rest = []
    while after is not None and after.find(f"{W}pPr/{W}pBdr") is not None:
        rest.append(after)
        after = after.getnext()
    assert len(inside) + len(rest) == load_theme().integer("compact_notes_lines")


def text_field_tags(document) -> list[str]:
    return [
        sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val")
        for sdt in document.element.body.iter(f"{W}sdt")
        if sdt.find(f"{W}sdtPr/{W}text") is not None
    ]


def test_fields_have_distinct_slug_tags(packet, panel_of_two):
    _, document = packet
    tags = text_field_tags(document)
    assert tags[-2:] == ["signature", "signature-date"]
    sheet = read(panel_of_two[-1])
    for found in (tags, text_field_tags(sheet)):
        assert len(set(found)) == len(found), found
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", tag) for tag in found), found
    assert "coordinator" in text_field_tags(sheet)


def test_the_role_is_the_banks_role_else_its_title(bank, panel_of_two, tmp_path):
    roled = dataclasses.replace(bank, role="Staff Platform Security Engineer")
    built_with_role = make(roled, tmp_path, panel=2)
    for paths, role in ((panel_of_two, bank.title), (built_with_role, roled.role)):
        for path in (paths[0], paths[-1]):  # a packet and the coordinator's sheet
            header = table_rows(read(path).tables[0])
            assert header[0][:2] == ["Role", role]


def test_a_title_beyond_255_characters_builds(bank, tmp_path):
    """Core properties hold 255 characters; the body keeps the whole title."""
    title = "Platform security " * 16 + "and the end"
    (path,) = make(dataclasses.replace(bank, title=title), tmp_path)
    document = read(path)
    assert len(title) > 255
    assert len(document.core_properties.title) == 255
    assert title.startswith(document.core_properties.title[:-1])
    assert paragraphs(document, "Title") == [title]


def test_scorecard_sections_keep_together_and_the_head_repeats(default_bank, built):
    document = read(built("packet") / f"{default_bank.name}-packet.docx")
    (table,) = [t for t in tables(document) if head(t) == ["Q", "Question", "Score"]]
    rows = table._tbl.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)

    def keeps(row) -> bool:
        return all(keeps_with_next(document, p) for p in row.iter(f"{W}p"))

    texts = table_rows(table)
    sections = [s.name for s in default_bank.sections]
    for row, text in zip(rows[1:], texts[1:], strict=True):
        if text[0].startswith("Subtotal"):
            assert keeps(row) is (text[0] == "Subtotal \u00b7 Behavioral"), text
        elif text[0] != "Total":
            assert keeps(row), text  # a section's head and question rows keep with the next
            assert text[0] in sections or text[0].startswith("Q")
    by_label = {q.label: q for q in default_bank.questions}
    shortened = 0
    for text in texts:
        if text[0] in by_label:
            whole = plain(by_label[text[0]].question)
            if text[1] != whole:  # cut after a whole word, with an ellipsis
                shortened += 1
                assert text[1].endswith("\u2026")
                assert whole.startswith(text[1][:-1])
                assert whole[len(text[1]) - 1] == " "
            assert len(text[1]) <= 100
    assert shortened > 0


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # misspelt: said once, as the key that is no key (not its missing one too)
        (
            "scorecard_row_mm = ",
            "scorecard_rows_mm = ",
            "[layout] scorecard_rows_mm: unknown key; did you mean 'scorecard_row_mm'?",
        ),
        (
            "rating_hint = 0.18",
            "rating_hint = 0.18\nratng = 1",
            "[columns] ratng: unknown key; did you mean 'rating_hint'?",
        ),
        ("line_mm = 7.5", 'line_mm = "wide"', "[layout] line_mm: 'wide' should be a number"),
        (
            "keep_with_next = true",
            "keep_with_nxt = true",
            "keep_with_nxt: unknown key; did you mean 'keep_with_next'?",
        ),
        ("plan = [0.07,", "plan = [7,", "[columns] plan[1]: 7 should be from 0.001 to 0.999"),
        ("[fit]", "[fitting]", "fitting: unknown key; did you mean 'fit'?"),
        # [fit] a look may lack (the first days' had none): the built-in one stands in
        ("[fit]", "[measures]", "measures: unknown key"),
    ],
)
def test_a_broken_theme_is_an_error_naming_file_and_key(tmp_path, old, new, message):
    source = (BUILTIN_TEMPLATES / "packet" / "theme.toml").read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / "packet" / "theme.toml"
    path.parent.mkdir()
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(QbankError) as error:
        load_theme(templates=Templates.of(tmp_path))
    assert str(path) in error.value.message and message in error.value.message


def test_a_missing_label_is_an_error_naming_file_and_key(bank, tmp_path, monkeypatch):
    source = (BUILTIN_TEMPLATES / "packet" / "rubric.toml").read_text(encoding="utf-8")
    path = tmp_path / "look" / "packet" / "rubric.toml"
    path.parent.mkdir(parents=True)
    path.write_text(source.replace("\nnotes = ", "\n# notes = ", 1), encoding="utf-8")
    own = Templates.of(tmp_path / "look")
    monkeypatch.setattr(packet_module, "load_wording", lambda templates: load_wording(own))
    labels = source[: source.index("[labels]")].count("\n") + 1  # its table's header
    with pytest.raises(QbankError, match=rf"rubric.toml:{labels}: \[labels\] notes: missing"):
        make(bank, tmp_path / "out")
    assert not list((tmp_path / "out").iterdir())


def test_paper_sizes_come_from_the_pdfs_table():
    for paper in PAPERS.values():
        width, height = paper.size
        theme = load_theme(paper)
        assert (theme.page_width, theme.page_height) == (round(width * 20), round(height * 20))


def test_a_smaller_panel_retires_the_packets_of_a_larger_one(cli, panel_of_three, tmp_path):
    for path in panel_of_three:  # a folder that holds a panel of three
        shutil.copy2(path, tmp_path)
    result = run_packet(cli, tmp_path, "--panel", "2")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "packet-platform-security-packet-1.docx",
        "packet-platform-security-packet-2.docx",
        "packet-platform-security-packet-panel.docx",
    ]


def test_a_bank_of_long_questions_still_makes_the_default_packet(cli, tmp_path):
    """`check` passing means `all` builds: questions longer than the default interview
    make a packet that holds the shortest of them, with a warning, not a refusal."""
    bank = tmp_path / "long.yaml"
    bank.write_text(
        "title: Take-home exercises\nquestions:\n"
        + "".join(
            f"  - id: exercise-{n}\n    section: Exercises\n    question: Exercise {n}?\n"
            f"    hint: Work {n}.\n    minutes: {minutes}\n"
            for n, minutes in ((1, 240), (2, 90), (3, 120))
        ),
        encoding="utf-8",
    )
    result = cli("packet", "--bank", bank, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "the packet is one interview of 95 minutes" in result.output
    (path,) = (tmp_path / "out").glob("*.docx")
    text = "\n".join(p.text for p in read(path).paragraphs)
    assert "Exercise 2?" in text and "Exercise 1?" not in text


def test_a_short_plan_keeps_together_and_a_long_one_runs_over_pages(built):
    """The 60-minute plan moves whole to the next page rather than leave its last rows
    there alone (each row, its heading and sentence keep with the next); the plan of
    --all, longer than a page, may split."""
    from readback import docx_document

    def plan_rows(*args):
        folder = built("packet", *args)
        (path,) = folder.out.glob("*.docx")
        document = docx_document(path)
        (table,) = [t for t in document.tables if t.rows[0].cells[-1].text == "Ends"]
        kept = [
            all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs)
            for r in table.rows
        ]
        return document, kept

    document, kept = plan_rows()
    assert kept[:-1] == [True] * (len(kept) - 1) and kept[-1] is False
    intro = next(p for p in document.paragraphs if p.text.startswith("A slot of 60 minutes"))
    assert intro.paragraph_format.keep_with_next
    _, kept = plan_rows("--all")
    # the row before the last keeps with it: a trial's wrap-up row stood alone on a page
    assert not any(kept[1:-2]) and kept[-2] and not kept[-1]


def test_each_running_order_on_the_coordinators_sheet_keeps_together(built):
    """A trial's running order for interviewer 1 broke in LibreOffice with its wrap-up row
    alone on the next page: a short one moves whole, as the packet's own plan does."""
    from readback import docx_document

    folder = built("packet", "--panel", "2", "--candidate", "Jane Doe")
    (sheet,) = [p for p in folder.out.glob("*.docx") if p.stem.endswith("-panel")]
    document = docx_document(sheet)
    # the sentence under 'Running order' keeps with the first order: a German trial's
    # heading and sentence ended page 1 alone, the orders all on page 2
    intro = next(p for p in document.paragraphs if p.text.startswith("Each interviewer runs"))
    assert keeps_with_next(document, intro._p)
    tables = [t for t in document.tables if t.rows[0].cells[-1].text == "Ends"]
    assert len(tables) == 2
    for table in tables:
        kept = [
            all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs)
            for r in table.rows
        ]
        assert kept[:-1] == [True] * (len(kept) - 1), kept


def test_a_code_span_of_backticks_keeps_them_in_every_summary(cli, tmp_path):
    """``use `str.join` instead of `+=` `` lost its own backticks in the time plan, the
    scorecard and the debrief, whose 'str.join' and '+=' became code of their own (a trial):
    a summary shows a code span's text whole, in the DOCX and the PDF packet and in the
    debrief."""
    from filling import Filled, fill
    from readback import pdf_pages, squash, unwrapped

    bank = tmp_path / "ticks.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n    question: "
        "'A reviewer wrote: ``use `str.join` instead of `+=` in a loop``. When is it right?'\n"
        "    hint: H\n",
        encoding="utf-8",
    )
    said = "use `str.join` instead of `+=` in a loop"
    for fmt in ("docx", "pdf"):
        result = cli("packet", "--all", "--format", fmt, "--bank", bank, "--out", tmp_path)
        assert result.exit_code == 0, result.output
    document = read(tmp_path / "ticks-packet-all.docx")
    cells = [
        c.text for t in document.tables for r in t.rows for c in r.cells if "reviewer" in c.text
    ]
    assert len(cells) == 2 and all(said in c for c in cells), cells  # the plan, the scorecard
    # a line that goes on inside the code span starts with a mark (a narrow column's)
    text = unwrapped(" ".join(p.text() for p in pdf_pages(tmp_path / "ticks-packet-all.pdf")))
    assert text.count(squash(said)) == 3, text  # the question, the plan, the scorecard
    filled = Filled(
        {"candidate": "Ada", "interviewer": "Bo", "interview-date": "2026-12-05"},
        scores={"q": [3]},
        recommendations=["yes"],
    )
    packet = fill(tmp_path / "ticks-packet-all.docx", tmp_path / "filled.docx", filled)
    result = cli("debrief", packet, "--bank", bank, "--out", tmp_path / "debrief")
    assert result.exit_code == 0, result.output
    (debrief,) = (tmp_path / "debrief").glob("*.docx")
    cells = [c.text for t in read(debrief).tables for r in t.rows for c in r.cells]
    assert any(said in c for c in cells), cells


def test_an_interview_that_leaves_many_sections_out_says_so_in_one_warning(cli, tmp_path):
    """A bank of forty sections printed forty sentences, 'No question from X fits in the
    time left.', as one warning without its file (a spreadsheet trial): past three, the
    sections are counted; the packet still names each."""
    bank = tmp_path / "many.yaml"
    rows = "".join(
        f"  - {{id: q{n}, section: S{n}, question: Q{n}?, hint: H., minutes: 10}}\n"
        for n in range(10)
    )
    bank.write_text(f"title: Many\nquestions:\n{rows}", encoding="utf-8")
    result = cli("packet", "--bank", bank, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    (warning,) = [w for w in result.stderr.splitlines() if "sections have no question" in w]
    left = len(load_bank(bank).questions) - len(
        asked(read(next((tmp_path / "out").glob("*.docx"))))
    )
    assert warning.startswith(
        f"{bank}: warning: the default 60-minute interview: {left} sections have no question "
        "in this interview: "
    ) and warning.endswith(f"and {left - 3} more (the packet names them all)")
    assert "No question from" not in result.stderr


def test_a_note_that_opens_with_code_has_its_label_on_a_line_of_its_own(cli, tmp_path):
    """'Editor's note: apiVersion: apps/v1' ran the label into the code's first line (a
    visual review): the label stands before the code, as before a quote."""
    bank = tmp_path / "note.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Review this?\n    hint: H\n    note: |\n      ```yaml\n"
        "      apiVersion: apps/v1\n      ```\n",
        encoding="utf-8",
    )
    result = cli("packet", "--all", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    texts = [p.text for p in all_paragraphs(read(tmp_path / "note-packet-all.docx"))]
    assert "apiVersion: apps/v1" in texts
    assert not [t for t in texts if "note:" in t and "apiVersion" in t], texts


def test_code_in_a_follow_up_or_a_signal_stands_under_its_items_text(cli, tmp_path):
    """A follow-up's code block stood at the margin, left of the follow-up's own words and
    under its bullet, and its second paragraph started at the bullet's column (a code
    trial, in LibreOffice): each stands under the item's text, as in the fillable PDF."""
    code = ["", "```python", "print({})", "```"]
    item = "      - |\n" + "".join(f"        {line}\n" for line in ["{}", *code, "", "Then what?"])
    (tmp_path / "items.yaml").write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Review this?\n    hint: H\n"
        f"    follow_ups:\n{item.format('And this?', 3)}    look_for:\n{item.format('Says:', 4)}",
        encoding="utf-8",
    )
    built = cli("packet", "--all", "--bank", tmp_path / "items.yaml", "--out", tmp_path)
    assert built.exit_code == 0, built.output
    paragraphs = {p.text: p for p in all_paragraphs(read(tmp_path / "items-packet-all.docx"))}

    def starts(paragraph: Paragraph) -> int:  # where its first line starts, in EMU
        own, style = paragraph.paragraph_format, paragraph.style.paragraph_format
        left = own.left_indent if own.left_indent is not None else style.left_indent or 0
        first = own.first_line_indent
        return left + (first if first is not None else style.first_line_indent or 0)

    item = paragraphs["\u2022\tAnd this?"]
    text = item.paragraph_format.left_indent or item.style.paragraph_format.left_indent
    for shown in ("print(3)", "Then what?", "print(4)"):
        assert starts(paragraphs[shown]) >= text, shown


def test_the_coordinators_sheet_lists_the_groups_the_panel_asks_twice_by_name(cli, tmp_path):
    """'adversarial: Q18 (Interviewer 2)': a group the panel asked once was listed, and the
    names the panel was given were not used (a visual review)."""
    bank = tmp_path / "groups.yaml"
    rows = "".join(
        f"  - {{id: q{n}, section: S, question: Q{n}?, hint: H., minutes: 5, group: g{n // 2}}}\n"
        for n in range(4)
    )
    bank.write_text(f"title: G\nquestions:\n{rows}", encoding="utf-8")
    names = ("--interviewer", "Ana", "--interviewer", "Bo")

    def listed(*options: str) -> list[str]:
        out = tmp_path / "-".join(options)
        result = cli("packet", "--panel", "2", *names, *options, "--bank", bank, "--out", out)
        assert result.exit_code == 0, result.output
        (sheet,) = out.glob("*-panel.docx")
        return [p.text for p in all_paragraphs(read(sheet)) if p.text.startswith("g")]

    assert listed("--all") == ["g0: Q1 (Ana), Q2 (Bo)", "g1: Q3 (Ana), Q4 (Bo)"]
    assert listed("--count", "1") == []  # one question each, of two groups: none asked twice


RUBRICS = ("packet-rubric-german.yaml", "packet-rubric-ten.yaml")


def rubric_packets(out: Path, format: str) -> list[Path]:  # noqa: A002 (the option --format)
    """The packet of each of RUBRICS, in `format`, in a folder of its own under `out`."""
    built = []
    for name in RUBRICS:
        args = ("--bank", FIXTURES / name, "--out", out / name, "--format", format)
        result = run_cli("packet", *args)
        assert result.exit_code == 0, result.output
        built += (out / name).glob(f"*.{format}")
    return built


@pytest.fixture(scope="module")
def rubric_pdfs(tmp_path_factory) -> dict[str, list[Path]]:
    """RUBRICS' packets as PDF: the fillable ones as built, the DOCX ones as LibreOffice
    prints them, all in one conversion (its start-up is most of its time)."""
    from filling import libreoffice_convert

    out = tmp_path_factory.mktemp("rubrics")
    docx = rubric_packets(out, "docx")
    printed = libreoffice_convert(docx, out / "printed", "pdf", out / "profile")
    return {"docx": printed, "pdf": rubric_packets(out, "pdf")}


@pytest.mark.parametrize("format", ["docx", "pdf"])
def test_a_rating_scales_labels_break_between_words_only(rubric_pdfs, format):
    """A German scale's 'Zufriedenstellend' printed 'Zufriedenstellen' over 'd' in a fifth
    of the scores' share, and ten levels' 'Nothing' 'Nothin' over 'g', in the rating row
    and in the anchors' label column, while the 'Hint given' column stood half empty (a
    review). On the question's page, as the fillable PDF and LibreOffice print them, each
    label's words are whole: twice where the question anchors that score."""
    from readback import pdf_pages

    for name, pdf in zip(RUBRICS, rubric_pdfs[format], strict=True):
        bank = load_bank(FIXTURES / name)
        (q,) = bank.questions
        (page,) = [p for p in pdf_pages(pdf) if q.hint in p.text()]  # the question's page
        words = page.text().split()  # a word cut at a line's end is two
        anchored = {score for score, _ in q.anchors}
        for level in bank.rubric:
            for word in level.label.split():
                assert words.count(word) >= 1 + (level.score in anchored), (name, word, words)


def test_ten_levels_notes_lines_stay_on_their_questions_page(rubric_pdfs):
    """The page fit took the rating row for two lines high: ten levels' labels take up to
    nine, and a question's last notes line went over to a page of its own, as LibreOffice
    prints the packet. No page holds only ruled lines and its footer."""
    from readback import pdf_pages

    (pdf,) = [p for p in rubric_pdfs["docx"] if p.stem.startswith("packet-rubric-ten")]
    pages = [[line.text for line in page.text_lines()] for page in pdf_pages(pdf)]
    assert all(len(lines) > 1 for lines in pages), pages  # more than the footer


def test_a_code_span_stands_on_a_ground_in_word_and_libreoffice(tmp_path):
    """A review: the DOCX packet's code spans stood on no ground, where the PDFs' stand
    on a light one, as Word's and LibreOffice's own Source Text style does. The Packet
    Code character style has the look's code_background now, and a span in the hint's box
    the same laid over the box's, which would otherwise barely stand out of it (as the PDF
    packet's). LibreOffice draws each span's ground, and a packet it saved still reads back
    into the debrief."""
    from docx.oxml.ns import qn
    from filling import Filled, fill, libreoffice_convert
    from readback import code_runs, grounds, pdf_pages

    from qbank.debrief import read_debrief

    bank = tmp_path / "spans.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Which command lists the pods, `kubectl get pods`?\n"
        "    hint: It runs `kubectl get pods -A` and checks `restartCount > 3` first.\n"
        "    note: |\n      Then `z` alone:\\\n      `compute(y)`\n",
        encoding="utf-8",
    )
    assert run_cli("packet", "--bank", bank, "--out", tmp_path).exit_code == 0
    packet = tmp_path / "spans-packet.docx"
    theme = load_theme()
    code, box = theme.colors["code_background"], theme.colors["hint_background"]
    document = docx_document(packet)
    style = document.styles["Packet Code"]
    assert style.element.rPr.find(qn("w:shd")).get(qn("w:fill")) == code
    # each code span's run (in the plan's table, the question's heading, its hint and its
    # note), and the style of its paragraph
    runs = [
        (r.findtext(qn("w:t")), r.getparent().find(f"{qn('w:pPr')}/{qn('w:pStyle')}"), r)
        for r in document.element.body.iter(qn("w:r"))
        if r.find(f"{qn('w:rPr')}/{qn('w:rStyle')}") is not None
        and r.find(f"{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == style.style_id
    ]
    texts = {"kubectl get pods", "kubectl get pods -A", "restartCount > 3", "z", "compute(y)"}
    assert {text for text, _, _ in runs} == texts
    hint = document.styles["Packet Hint"].style_id
    darker = [
        round(int(a, 16) * int(b, 16) / 255) for a, b in zip(_pairs(code), _pairs(box), strict=True)
    ]
    kinds = {}  # each span's text: whether it stands in the hint
    for text, paragraph_style, code_run in runs:
        kinds[text] = "hint" if paragraph_style.get(qn("w:val")) == hint else "code"
        shade = code_run.find(f"{qn('w:rPr')}/{qn('w:shd')}")
        if kinds[text] == "code":  # the character style's own ground
            assert shade is None, text
        else:
            assert [int(c, 16) for c in _pairs(shade.get(qn("w:fill")))] == darker, text
    assert list(kinds.values()).count("hint") == 2
    filled = fill(
        packet,
        tmp_path / "filled.docx",
        Filled(
            {"candidate": "Ada", "interviewer": "Cy", "interview-date": "2026-12-05"},
            scores={"q": [4]},
            notes={"q": "Named `kubectl get pods` at once."},
        ),
    )
    (saved,) = libreoffice_convert(
        [filled], tmp_path / "saved", "docx:MS Word 2007 XML", tmp_path / "profile"
    )
    (printed,) = libreoffice_convert([saved], tmp_path / "printed", "pdf", tmp_path / "profile")
    # each span on one ground of its colour, in its own place (the hint's box is drawn
    # under a span in it too)
    fills = {"code": [int(c, 16) / 255 for c in _pairs(code)], "hint": [c / 255 for c in darker]}
    shown = [
        (
            text := "".join(c.text for c in run),
            [
                g
                for g in grounds(page, run)
                if max(abs(a - b) for a, b in zip(g.fill, fills[kinds[text]], strict=True)) < 0.01
            ],
        )
        for page in pdf_pages(printed)
        for run in code_runs(page)
    ]
    assert {text for text, _ in shown} == texts
    assert all(len(found) == 1 for _, found in shown), shown
    (debrief,) = read_debrief([saved], bank, tmp_path / "out").debriefs
    (rating,) = debrief.ratings
    assert (rating.score, rating.notes) == (4, "Named `kubectl get pods` at once.")


def _pairs(color: str) -> list[str]:
    """A colour's rrggbb as its three hex pairs."""
    return [color[i : i + 2] for i in (0, 2, 4)]
