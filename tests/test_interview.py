"""Structured interviews in the artifacts: a bank with six competencies and anchors on every
question (tests/fixtures/interview-bank.yaml), built once, read back as its users get it."""

from __future__ import annotations

import pytest
from filling import libreoffice_convert
from helpers import FIXTURES
from readback import apkg_text, docx_document, html_data, pdf_text, squash

from qbank.bank import load_bank
from qbank.model import Bank

BANK = FIXTURES / "interview-bank.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK)


@pytest.fixture(scope="module")
def everything(built):
    """`all` of the bank, as test_check builds it (one build per test process)."""
    return built("all", "--bank", BANK)


def cell_text(cell) -> str:
    return " ".join(p.text for p in cell.paragraphs).strip()


def rating_tables(document) -> list:
    """The rating row's table of each question: the one whose first cell holds score 1."""
    found = []
    for outer in document.tables:
        for row in outer.rows:
            for cell in row.cells:
                for table in cell.tables:
                    if table.rows and "Hint given" in cell_text(table.rows[0].cells[-1]):
                        found.append(table)
    return found


def test_packet_shows_each_questions_anchors_under_its_rating_row(everything, bank):
    document = docx_document(everything / "interview-bank-packet.docx")
    tables = rating_tables(document)
    by_first_anchor = {q.anchors[0][1]: q for q in bank.questions}
    seen = 0
    for table in tables:
        assert len(table.rows) == 2
        under = [cell_text(c) for c in table.rows[1].cells]
        q = by_first_anchor[under[0]]
        given = dict(q.anchors)
        for score, text in zip(bank.scores, under, strict=False):
            if score in given:
                assert text == given[score]
            else:
                below = max(s for s in given if s < score)
                above = min(s for s in given if s > score)
                assert text == f"Between {below} and {above}"
        assert under[-1] == "For this question"
        seen += 1
    assert seen == len(tables) >= 4


def test_study_artifacts_show_anchors_after_the_hint_and_the_handout_never(everything, bank):
    study = squash(pdf_text(everything / "interview-bank-booklet.pdf"))
    workshop = squash(pdf_text(everything / "interview-bank-workshop.pdf"))
    deck = squash(apkg_text(everything / "interview-bank.apkg"))
    page = {q["id"]: q for q in html_data(everything / "interview-bank.html")["questions"]}
    for q in bank.questions:
        first = squash(q.anchors[0][1])
        hint = study.index(squash(q.hint))
        assert study.index("Howanswersarerated", hint) < study.index(first, hint)
        assert first not in workshop
        # the Note field (after the hint on the card's back) opens with them
        assert squash(q.question) + squash(q.hint) in deck
        assert f"{q.section}Howanswersarerated{q.anchors[0][0]}{first}" in deck
        assert page[q.id]["anchors"] == [list(a) for a in q.anchors]
    assert "Howanswersarerated" not in workshop


def test_packet_through_libreoffice_keeps_the_anchors(everything, bank, tmp_path):
    [pdf] = libreoffice_convert(
        [everything / "interview-bank-packet.docx"], tmp_path, "pdf", tmp_path / "profile"
    )
    text = squash(pdf_text(pdf))
    assert squash("Between 1 and 3") in text
    assert squash("For this question") in text
