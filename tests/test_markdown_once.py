"""What a Markdown bank's code and pictures cost once per build (issue 21, Measured): each
code block is lexed once however many artifacts show it, and a picture drawn into a PDF
again and again is decoded for its first drawing only, with the same bytes in the file as
reportlab's drawImage gives."""

from __future__ import annotations

import io

import pytest
from helpers import FIXTURES
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from qbank import highlight, rich_html, rich_markup
from qbank.bank import load_bank
from qbank.pdf_pictures import PdfPictures
from qbank.rich import CodeBlock

FLOW = FIXTURES / "markdown" / "images" / "flow.png"


def _canvas() -> tuple[Canvas, io.BytesIO]:
    out = io.BytesIO()
    return Canvas(out, pagesize=(400, 400), invariant=1, pageCompression=0), out


def test_a_code_block_is_lexed_once_for_every_artifact(monkeypatch):
    bank = load_bank(FIXTURES / "markdown" / "rich.yaml")
    lexed: list[str] = []
    real = highlight.lines
    monkeypatch.setattr(
        highlight, "lines", lambda code, lang: lexed.append(code) or real(code, lang)
    )
    trees = [bank.rich_text(t) for q in bank.questions for t in (q.question, q.hint)]
    blocks = [b for tree in trees if tree for b in tree.code_blocks()]
    assert blocks
    for tree in filter(None, trees):  # the study page, the deck, the cards, the booklet
        rich_html.render(tree, lambda picture: "x.png")
        rich_markup.pieces(tree, "Courier")
        rich_markup.pieces(tree, "Courier", code_markup=False)
    assert sorted(lexed) == sorted(b.text for b in blocks)
    assert highlight.block_lines(blocks[0]) == tuple(
        tuple(line) for line in real(blocks[0].text, blocks[0].language)
    )


def test_the_lines_kept_on_a_block_are_not_part_of_its_value():
    first, second = CodeBlock("python", "x = 1"), CodeBlock("python", "x = 1")
    highlight.block_lines(first)
    assert first == second and hash(first) == hash(second)
    assert first.highlighted is not None and second.highlighted is None


def test_a_picture_drawn_again_gives_the_bytes_drawimage_gives():
    data = FLOW.read_bytes()
    places = [(10, 10, 100, 50), (200, 100, 60, 30), (20, 300, 100, 50)]
    expected, expected_out = _canvas()
    for place in places:
        expected.drawImage(ImageReader(io.BytesIO(data)), *place, mask="auto")
    expected.showPage()
    expected.drawImage(ImageReader(io.BytesIO(data)), *places[0], mask="auto")
    expected.save()
    drawn, drawn_out = _canvas()
    pictures = PdfPictures()
    for place in places:
        pictures(data).draw(drawn, *place)
    drawn.showPage()
    pictures(data).draw(drawn, *places[0])
    drawn.save()
    assert drawn_out.getvalue() == expected_out.getvalue()
    assert drawn_out.getvalue().count(b"/Subtype /Image") == 1


def test_a_picture_drawn_into_a_second_pdf_is_embedded_there_too():
    data = FLOW.read_bytes()
    pictures = PdfPictures()
    for _ in range(2):  # the booklet and the workshop handout: two files, one build
        canvas, out = _canvas()
        pictures(data).draw(canvas, 10, 10, 100, 50)
        pictures(data).draw(canvas, 10, 100, 100, 50)
        canvas.save()
        assert out.getvalue().count(b"/Subtype /Image") == 1
        assert out.getvalue().count(b" Do") == 2


def test_a_build_with_workers_lexes_its_questions_code_before_forking(monkeypatch):
    bank = load_bank(FIXTURES / "markdown" / "rich.yaml")
    highlight.lex_questions(bank)
    monkeypatch.setattr(highlight, "lines", lambda code, lang: pytest.fail("lexed again"))
    for question in bank.questions:  # what a forked worker would then ask for
        for text in (question.question, question.hint, question.note or ""):
            tree = bank.rich_text(text)
            for block in tree.code_blocks() if tree else ():
                assert highlight.block_lines(block)
