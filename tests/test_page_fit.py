"""How many notes lines a question of the DOCX packet gets (qbank.wordml.fit): the estimate
against itself here; tests/test_packet_heading.py lays real packets out in LibreOffice."""

from __future__ import annotations

import dataclasses
import json

import pytest

from qbank.bank import load_bank
from qbank.fontmetrics import metrics
from qbank.paths import DEFAULT_BANK
from qbank.wordml.fit import FEW, PageFit, lines_of
from qbank.wordml.theme import load_theme

NOTO = metrics("NotoSans-Regular.ttf")


def test_a_text_breaks_at_spaces_as_a_word_processor_breaks_it():
    word = "abcdefghij"
    width = NOTO.advance(word) * 10 / 1000  # exactly one word at 10 pt
    space = NOTO.advance(" ") * 10 / 1000
    assert lines_of(word, NOTO, 10, width) == 1
    assert lines_of(f"{word} {word}", NOTO, 10, width) == 2
    assert lines_of(f"{word} {word}", NOTO, 10, 2 * width + space) == 1
    assert lines_of(f"{word} {word}", NOTO, 10, 2 * width + space - 0.01) == 2
    # a word wider than the column breaks inside it, and only such a word
    assert lines_of(word * 3, NOTO, 10, width) == 3
    assert lines_of(f"a {word * 2}", NOTO, 10, width) == 3
    # a line break in the bank's text starts a line; an empty text is one line
    assert lines_of(f"{word}\n{word}", NOTO, 10, 3 * width) == 2
    assert lines_of("", NOTO, 10, width) == 1


@pytest.fixture(scope="module")
def fit_and_question():
    bank = load_bank(DEFAULT_BANK)
    return PageFit(load_theme(), levels=5, rich=bank.rich_text), bank.questions[0]


def test_notes_fill_the_page_and_never_spill_onto_one_of_their_own(fit_and_question):
    """Taller and taller questions: each gets its page's rest less a line in reserve, at
    least the theme's, then fewer but a few; then, with fewer left or past a page, a page of
    notes of their own."""
    fit, question = fit_and_question
    seen = set()
    for count in range(0, 60):
        signals = tuple(f"signal number {n}" for n in range(count))
        q = dataclasses.replace(question, look_for=signals)
        before = fit.before_notes(q, None, "")
        lines = fit.notes_lines(q, None, "")
        room = fit.page - before
        own_page = fit.notes_area(q, None, "")[1]
        if room >= (fit.least + 1) * fit.line:
            seen.add("rest less a line")
            assert lines >= fit.least and room - fit.line < (lines + 1) * fit.line <= room
        elif room >= (FEW + 1) * fit.line:
            seen.add("fewer than the theme's")
            assert FEW <= lines < fit.least and room - fit.line < (lines + 1) * fit.line <= room
        elif room >= 0:
            seen.add("a page of notes")
            assert own_page and fit.page - 2 * fit.line < (lines + 1) * fit.line <= fit.page
        else:
            seen.add("taller than a page")
            assert own_page and fit.page - 2 * fit.line < (lines + 1) * fit.line <= fit.page
            break
        assert own_page == (room < (FEW + 1) * fit.line)
    assert len(seen) == 4, seen


def test_a_page_of_notes_is_labelled_with_its_question_and_read_back(built, tmp_path):
    """The bundled 60-minute packet: a question that leaves too few lines has its notes on
    a page of their own, labelled 'Q6 · Notes', and what is typed there reaches the
    debrief as that question's notes."""
    import zipfile

    from filling import W, _type_lines
    from lxml import etree

    from qbank.debrief.read import read_packet
    from qbank.rubric import load_wording

    packet = built("packet") / f"{DEFAULT_BANK.stem}-packet.docx"
    with zipfile.ZipFile(packet) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    body = etree.fromstring(dict((i.filename, d) for i, d in entries)["word/document.xml"])
    labelled = {}
    for p in body.iter(f"{W}p"):
        text = "".join(p.itertext())
        if text.endswith(" \u00b7 Notes"):
            labelled[text.split(" ")[0]] = p
            assert p.find(f"{W}pPr/{W}pageBreakBefore") is not None
    assert labelled  # the bundled bank has such questions; without one this proves nothing
    label, paragraph = next(iter(labelled.items()))
    _type_lines(paragraph, "Named three ATLAS techniques.")
    filled = tmp_path / "filled.docx"
    with zipfile.ZipFile(filled, "w") as out:
        for info, data in entries:
            if info.filename == "word/document.xml":
                data = etree.tostring(body, xml_declaration=True, encoding="UTF-8")
            out.writestr(info, data)
    read = read_packet(filled, load_wording())
    bank = load_bank(DEFAULT_BANK)
    qid = next(q.id for q in bank.questions if q.label == label)
    assert read.answers[qid].notes == "Named three ATLAS techniques."


@pytest.mark.parametrize("compact", [(), ("--compact",)])
def test_the_rating_row_of_a_question_taller_than_a_page_names_its_question(cli, tmp_path, compact):
    """A hint longer than a page put the rating row on the next page, alone there under
    'Rating' and no question, its notes on the page after (LibreOffice, a print trial on
    Letter): its label names the question, 'Q1 · Rating', as its notes' does, in a compact
    packet too; a question that fits its page keeps the plain label."""
    import zipfile

    from filling import W
    from lxml import etree

    long = " ".join(f"Point {n} of what the answer covers, in some detail." for n in range(90))
    questions = [("tall", "Explain it all?", long), ("short", "And this?", "Briefly.")]
    rows = [
        f"  - {{id: {i}, section: S, question: {q}, hint: {json.dumps(h)}}}"
        for i, q, h in questions
    ]
    bank = tmp_path / "tall.yaml"
    bank.write_text("title: T\nquestions:\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert cli("packet", "--all", *compact, "--bank", bank, "--out", tmp_path).exit_code == 0
    (packet,) = tmp_path.glob("*.docx")
    with zipfile.ZipFile(packet) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    labels = [
        "".join(p.itertext())
        for p in body.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle[@{W}val='PacketLabel']") is not None
    ]
    ratings = [label for label in labels if label.endswith("Rating")]
    assert ratings == ["Q1 \u00b7 Rating", "Rating"], labels
    assert compact or "Q1 \u00b7 Notes" in labels, labels


def test_the_space_between_a_loose_lists_items_and_two_lists_is_counted(tmp_path):
    """The packet sets a loose list's items, and two lists in a row, apart (LISTS_APART,
    LOOSE_LISTS_APART): the estimate left that space out, and a question's last notes line
    went over to a page of its own (LibreOffice, a hint of two loose lists in a row)."""
    tight = "- a\n- b\n- c\n\n1. d\n2. e"
    loose = "- a\n\n- b\n\n- c\n\n1. d\n\n2. e\n\n   More of e."
    bank = tmp_path / "lists.yaml"
    hints = [json.dumps(hint) for hint in (tight, loose)]
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n"
        + "".join(f"  - {{id: q{n}, section: S, question: Q?, hint: {hint}}}\n" for n, hint in
                  enumerate(hints)),
        encoding="utf-8",
    )  # fmt: skip
    fit = PageFit(load_theme(), levels=5, rich=load_bank(bank).rich_text)
    heights = [fit.text("Packet Hint", hint) for hint in (tight, loose)]
    # tight: the numbers 6 pt below the bullets; loose: the bullets' two further items and
    # the numbers' second, and its second paragraph, 6 pt apart, the numbers 14 pt below;
    # the words of the paragraph 'More of e.' a line
    line = fit.text("Packet Item", "More of e.")
    assert heights[0] == pytest.approx(5 * fit.text("Packet Item", "1. a") + 6)
    assert heights[1] - heights[0] == pytest.approx(line + 4 * 6 + 14 - 6)
