"""Formulas typed in a bank's text break where a typesetter breaks them (qbank.text's
FORMULA_SPACE), in every artifact that sets lines: after a relation or an operation, never
before one, never after a leading sign; the characters as typed."""

from __future__ import annotations

import re

import pytest
from helpers import FIXTURES, run_cli
from readback import docx_document, pdf_pages

from qbank.text import kept_spaces

# the relations and operations the sentences below set between blanks
SIGNS = "=≤→+×"
NBSP = "\u00a0"
PDF_PACKET = ("packet", "--format", "pdf", "--all")


def _sentence(very: int) -> str:
    """A text whose formulas fall at every place of a line as `very` grows."""
    return (
        f"In a {'very ' * very}right triangle a² + b² = c² holds, so 3² + 4² = 9 + 16 = 25 = c²,"
        " and x = − 5 ≤ y + 2 × z, while CH₄ + 2 O₂ → CO₂ + 2 H₂O burns."
    )


def _bank(folder, name: str = "formulas"):
    bank = folder / f"{name}.yaml"
    questions = "".join(
        f'  - {{id: q{k}, section: S, question: "{_sentence(k)}", hint: "{_sentence(k + 7)}"}}\n'
        for k in range(12)
    )
    bank.write_text(f"title: Formulas\nquestions:\n{questions}", encoding="utf-8")
    return bank


def _line_pieces(pages) -> list[str]:
    """The text of each line on `pages`, its blanks left out (a PDF's text holds none of a
    line's end), the lines of cards side by side on a sheet apart."""
    found = []
    for page in pages:
        for line in page.text_lines():
            chars = line.chars
            cuts = [i for i in range(1, len(chars)) if chars[i].x0 - chars[i - 1].x1 > 12]
            for start, end in zip([0, *cuts], [*cuts, len(chars)], strict=True):
                found.append("".join(c.text for c in chars[start:end]))
    return found


def _badly_broken(pieces: list[str]) -> list[str]:
    """The lines that start with a relation or an operation, or end with a leading sign (the
    '−' of '= − 5')."""
    return [p for p in pieces if p[0] in SIGNS or p.endswith("=−")]


def _formula_lines(pieces: list[str]) -> list[str]:
    """The lines that hold a formula of the sentence (a sign), for a test that can fail."""
    return [p for p in pieces if any(sign in p for sign in SIGNS)]


@pytest.mark.parametrize(
    ("command", "made"),
    [
        (("booklet",), ("booklet", "workshop")),
        (("cards",), ("flashcards",)),
        (("packet", "--format", "pdf", "--all"), ("packet-all",)),
    ],
    ids=["booklet-and-handout", "cards", "fillable-packet"],
)
def test_the_pdfs_break_a_formula_only_after_its_signs(tmp_path, command, made):
    """A maths teacher's booklet set 'a² + b²' over '= c²': a line of the PDFs never starts
    with a formula's relation or operation, nor ends with a sign that leads a term; the text
    is the bank's, its blanks the plain ones typed."""
    bank = _bank(tmp_path)
    result = run_cli(*command, "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    for name in made:
        pages = pdf_pages(tmp_path / f"formulas-{name}.pdf")
        pieces = _line_pieces(pages)
        assert len(_formula_lines(pieces)) > 20, name
        assert _badly_broken(pieces) == [], name
        # the characters drawn, a line's end (PDFium's line break) as the blank it was
        text = "".join(c.text for page in pages for c in page.chars).replace("\r\n", " ")
        assert NBSP not in text, name
        assert "a² + b² = c² holds, so 3² + 4² = 9 + 16 = 25 = c²" in text, name
        assert "x = − 5 ≤ y + 2 × z, while CH₄ + 2 O₂ → CO₂ + 2 H₂O" in text, name


def test_libreoffice_breaks_the_packets_formulas_only_after_their_signs(tmp_path):
    """The DOCX packet: LibreOffice set the formulas as the booklet did before, a line
    starting with '= c²'. A blank before a relation or an operation is a no-break space, as
    one between a number and its unit is (docs: bank-format.md), the others as typed; code
    is code."""
    from filling import libreoffice_convert

    bank = _bank(tmp_path)
    assert run_cli("packet", "--all", "--bank", bank, "--out", tmp_path).exit_code == 0
    packet = tmp_path / "formulas-packet-all.docx"
    texts = [p.text for p in docx_document(packet).paragraphs]
    kept = (
        f"a²{NBSP}+ b²{NBSP}= c² holds, so 3²{NBSP}+ 4²{NBSP}= 9{NBSP}+ 16{NBSP}= 25{NBSP}= c²,"
        f" and x{NBSP}= −{NBSP}5{NBSP}≤ y{NBSP}+ 2{NBSP}× z, while CH₄{NBSP}+ 2{NBSP}O₂{NBSP}→ CO₂"
    )
    assert any(kept in text for text in texts)
    (converted,) = libreoffice_convert([packet], tmp_path / "lo", "pdf", tmp_path / "profile")
    pieces = _line_pieces(pdf_pages(converted))
    assert len(_formula_lines(pieces)) > 40
    assert _badly_broken(pieces) == []


def test_the_maths_banks_cards_and_booklet_break_its_formulas_after_their_signs(tmp_path):
    """A maths and science teacher's bank of ten questions (tests/fixtures/maths-formulas.yaml):
    its cards set '= 4 − 10 + 6 = 0 and 3² − 5 · 3 + 6 =' on a line, '· a · t² to find' and
    '= − 5 has a leading sign' began others. No line of its cards or its booklet starts
    with a relation or an operation, nor ends with a leading sign; '−8 ≤ x', a sign written
    against its number, may start one."""
    bank = FIXTURES / "maths-formulas.yaml"
    for command, name in (("cards", "flashcards"), ("booklet", "booklet")):
        assert run_cli(command, "--bank", bank, "--out", tmp_path).exit_code == 0
        pieces = _line_pieces(pdf_pages(tmp_path / f"maths-formulas-{name}.pdf"))
        wrong = [p for p in pieces if re.match("[=≤→⇌+×·≠<∝∈]|−[^0-9]", p) or p.endswith("=−")]
        assert wrong == [], name


def test_a_comparison_that_leads_a_number_stays_with_it(tmp_path):
    """A nursing educator's trial: a card set 'SpO₂ ≥' over '90 %' is TeX's break, but a
    phone's card and the study page set 'urine output (≥' over '0.5 mL/kg/h)', and 'alerte
    si <' over '10/min': a comparison after a bracket, a word or a line's start says 'at
    least', 'under' of the number after it, which no line parts from it. After a term
    ('x ≥ 5', 'ΔT = 12') it is a formula's relation, after which a line may break."""
    sentence = "Output (≥ 0.5 mL/kg/h), alerte si < 10/min, then review; ≥ 7 calls for help."
    bank = tmp_path / "ward.yaml"
    questions = "".join(
        f'  - {{id: q{k}, section: S, question: "Steps?", hint: "{"w" * k} {sentence}"}}\n'
        for k in range(1, 31)
    )
    bank.write_text(f"title: Ward\nquestions:\n{questions}", encoding="utf-8")
    assert run_cli("cards", "--bank", bank, "--out", tmp_path).exit_code == 0
    pieces = _line_pieces(pdf_pages(tmp_path / "ward-flashcards.pdf"))
    assert sum("≥" in p for p in pieces) > 30
    assert [p for p in pieces if p.endswith(("≥", "<", "(≥"))] == []
    formula = "so x ≥ 5, SpO₂ ≥ 90 % and ΔT = 12"  # a term's relation: a break after it
    assert not {"≥", "="} & {formula[start - 1] for start, _ in kept_spaces(formula)}


def test_a_function_keeps_its_argument_on_the_cards_line(tmp_path):
    """A physics teacher's card set 'split v₀ into v₀·cos θ and v₀·sin' over 'θ': no line of
    the cards or the booklet ends with a function's name nor starts with its argument alone,
    as TeX sets '\\sin θ'; the text is as typed."""
    bank = tmp_path / "projectile.yaml"
    questions = "".join(
        f'  - {{id: q{k}, section: S, question: "Steps?", hint: "{"w" * k} split v₀'
        f' into v₀·cos θ and v₀·sin θ, then take log 2 and ln x."}}\n'
        for k in range(1, 31)
    )
    bank.write_text(f"title: Projectiles\nquestions:\n{questions}", encoding="utf-8")
    wrong = {}
    for command, name in (("cards", "flashcards"), ("booklet", "booklet")):
        assert run_cli(command, "--bank", bank, "--out", tmp_path).exit_code == 0
        pages = pdf_pages(tmp_path / f"projectile-{name}.pdf")
        pieces = _line_pieces(pages)
        assert sum("v₀·sin" in p for p in pieces) > 5, name
        wrong[name] = [p for p in pieces if re.search("(sin|cos|log|ln)$", p) or p[0] in "θ2x"]
        text = "".join(c.text for page in pages for c in page.chars).replace("\r\n", " ")
        assert NBSP not in text, name
    assert wrong == {"flashcards": [], "booklet": []}


def test_a_formula_of_signs_the_fallback_font_draws_breaks_only_after_them(tmp_path):
    """A statistics lecturer's card set 'variance s² divide by n' over '− 1 and not by n?': a
    text whose formulas hold only signs that Noto Sans lacks (−, ≤, →, drawn in a fallback
    font, each in a font tag of its own) kept none of their blanks. No line of the cards or
    the booklet starts with one of them; the text is as typed."""
    bank = tmp_path / "variance.yaml"
    questions = "".join(
        f'  - {{id: q{k}, section: S, question: "{"w" * k} Why does s² divide by n − 1?",'
        f' hint: "{"w" * k} it holds for 0 ≤ p and maps x → y, so divide by n − 1 here."}}\n'
        for k in range(1, 31)
    )
    bank.write_text(f"title: Variance\nquestions:\n{questions}", encoding="utf-8")
    wrong = {}
    for command, name in (("cards", "flashcards"), ("booklet", "booklet")):
        assert run_cli(command, "--bank", bank, "--out", tmp_path).exit_code == 0
        pages = pdf_pages(tmp_path / f"variance-{name}.pdf")
        pieces = _line_pieces(pages)
        assert sum("−" in p for p in pieces) > 10, name
        wrong[name] = [p for p in pieces if p[0] in "−≤→"]
        text = "".join(c.text for page in pages for c in page.chars).replace("\r\n", " ")
        assert NBSP not in text, name
        assert "so divide by n − 1 here" in text, name
    assert wrong == {"flashcards": [], "booklet": []}


def test_a_formula_typed_in_ascii_breaks_only_after_its_signs_in_the_pdfs(tmp_path):
    """'a <= b' and 'x -> y', typed with ASCII signs: the PDFs' markup holds them as
    'a &lt;= b', which the quick test for a kept blank read as no formula, so a line of the
    fillable packet started with '<='. No line starts with one; the text is as typed."""
    bank = tmp_path / "ascii.yaml"
    questions = "".join(
        f'  - {{id: q{k}, section: S, hint: "Why?", question: "A {"very " * k}long proof: a <= b'
        f' and b <= c give a <= c, and x -> y with y -> z give x -> z, as i != j."}}\n'
        for k in range(40)
    )
    bank.write_text(f"title: ASCII\nquestions:\n{questions}", encoding="utf-8")
    made = (("booklet",), "booklet"), (("cards",), "flashcards"), (PDF_PACKET, "packet-all")
    for command, name in made:
        assert run_cli(*command, "--bank", bank, "--out", tmp_path).exit_code == 0
        pages = pdf_pages(tmp_path / f"ascii-{name}.pdf")
        pieces = _line_pieces(pages)
        assert sum("<=" in p for p in pieces) > 20, name
        assert [p for p in pieces if re.match("<=|->|!=", p)] == [], name
        text = "".join(c.text for page in pages for c in page.chars).replace("\r\n", " ")
        assert "proof: a <= b and b <= c give a <= c, and x -> y with y -> z" in text, name
