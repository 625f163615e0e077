"""Printable flashcards, read back (with PDFium, Chrome's PDF engine) the way a printer and a
pair of scissors see them: where the crop marks say the cards are, what each card holds on
either side, and whether each back lands behind its own front."""

from __future__ import annotations

import itertools
import re
import shutil
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
from helpers import FIXTURES, run_cli, texts_bank
from pypdf import PdfReader
from readback import CONTINUED, Page, pdf_pages, squash, within, words
from reportlab.lib.colors import HexColor

from qbank.bank import load_bank
from qbank.exporters.cards.grid import CARD_SIZES, CardGrid
from qbank.paths import DEFAULT_BANK
from qbank.pdf import PRINTER_MARGIN, load_theme
from qbank.text import plain

MM = 72 / 25.4
INCH = 72.0
PAPER = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
CARD = {
    "index": (5 * INCH, 3 * INCH),
    "business": (3.5 * INCH, 2 * INCH),
    "a7": (74 * MM, 105 * MM),
}
PER_SHEET = {  # the most that fit inside a 10 mm margin, in the better orientation
    ("index", "a4"): 4,
    ("index", "letter"): 4,
    ("business", "a4"): 10,
    ("business", "letter"): 10,
    ("a7", "a4"): 4,
    ("a7", "letter"): 4,
}
FOLD_PER_SHEET = {("index", "a4"): 2, ("business", "a4"): 5, ("a7", "letter"): 2}
BANK = FIXTURES / "cards-bank.yaml"
OVERFLOW = FIXTURES / "cards-overflow.yaml"
LABEL = re.compile(r"^Q\d+$")
CARDS_THEME = load_theme().table("cards")
PADDING = CARDS_THEME["padding_mm"] * MM


def close(a: float, b: float, tolerance: float = 0.05) -> bool:
    return abs(a - b) <= tolerance


def same_color(color, hex_value: str) -> bool:
    want = HexColor(hex_value)
    return (
        color is not None
        and len(color) == 3
        and all(
            close(a, b, 0.003)
            for a, b in zip(color, (want.red, want.green, want.blue), strict=True)
        )
    )


@dataclass(frozen=True)
class Cell:
    """A card's rectangle in points, its top measured down from the page's top."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)

    def mirrored(self, page: Page, duplex: str) -> Cell:
        if duplex == "long":
            return Cell(page.width - self.x1, self.top, page.width - self.x0, self.bottom)
        return Cell(self.x0, page.height - self.bottom, self.x1, page.height - self.top)

    def halves(self) -> tuple[Cell, Cell]:
        middle = (self.x0 + self.x1) / 2
        return Cell(self.x0, self.top, middle, self.bottom), Cell(
            middle, self.top, self.x1, self.bottom
        )


def cuts(page: Page) -> tuple[list[float], list[float]]:
    """x of every vertical cut and top of every horizontal cut, read from the crop marks."""
    marks = [ln for ln in page.lines if same_color(ln.stroke, CARDS_THEME["crop_mark"])]
    xs = sorted({round(ln.x0, 2) for ln in marks if close(ln.x0, ln.x1)})
    tops = sorted({round(ln.top, 2) for ln in marks if close(ln.top, ln.bottom)})
    return xs, tops


def cells(page: Page) -> list[Cell]:
    """The cards of a sheet in reading order, between consecutive cuts."""
    xs, tops = cuts(page)
    return [Cell(x0, top, x1, bottom) for top, bottom in pairwise(tops) for x0, x1 in pairwise(xs)]


@dataclass(frozen=True)
class Face:
    label: str | None
    label_offset: tuple[float, float] | None  # the label's place inside its card
    text: str  # squashed
    band_colors: list[tuple]


def face(page: Page, cell: Cell) -> Face:
    labels = [w for w in page.words(cell.bbox) if LABEL.match(w.text)]
    label = labels[0] if labels else None
    return Face(
        label=label.text if label else None,
        label_offset=(label.x0 - cell.x0, label.top - cell.top) if label else None,
        text=squash(page.text(cell.bbox)),
        band_colors=[r.fill for r in page.rects if r.fill and within(r, cell.bbox)],
    )


def card_texts(path: Path, question, duplex: str = "long") -> tuple[list[Face], str]:
    """The front faces of `question`'s card(s), and its back text read across its cards
    in order, each card's below its header band (a long section name there is shortened)."""
    fronts, backs = [], []
    pages = pdf_pages(path)
    for front_page, back_page in zip(pages[::2], pages[1::2], strict=True):
        for cell in cells(front_page):
            front = face(front_page, cell)
            if front.label == question.label:
                fronts.append(front)
                backs.append(_body_text(back_page, cell.mirrored(front_page, duplex)))
    return fronts, "".join(backs)


def _body_text(page: Page, cell: Cell) -> str:
    """A face's text below its header's band: the topmost filled shape on the card (a code
    span's ground and a code block's band stand further down; the lowest of them was
    taken for the band, and the text above it left out)."""
    band = min((r for r in page.rects if r.fill and within(r, cell.bbox)), key=lambda r: r.top)
    return squash(page.text((cell.x0, band.bottom, cell.x1, cell.bottom)))


def assert_text_inside(page: Page, sheet: list[Cell]) -> None:
    """Every word on the page stands inside a card, within its padding: nothing runs off."""
    slack = PADDING - 0.5
    for word in page.words():
        assert any(
            c.x0 + slack <= word.x0
            and word.x1 <= c.x1 - slack
            and c.top + slack <= word.top
            and word.bottom <= c.bottom - slack
            for c in sheet
        ), word.text


def cards(built, *options: str, bank: Path = BANK) -> Path:
    """The flashcards of `bank` built with `options`, once per test process (conftest.built)."""
    (path,) = built("cards", "--bank", bank, *options).out.glob("*.pdf")
    return path


@pytest.fixture(scope="module")
def bank():
    return load_bank(BANK)


def section_hex(bank, question) -> str:
    index = [s.name for s in bank.sections].index(question.section)
    palette = load_theme().values["colors"]["sections"]
    return palette[index % len(palette)]


def check_face(bank, face_read: Face, *, front: bool) -> None:
    question = next(q for q in bank.questions if q.label == face_read.label)
    assert squash(question.section) in face_read.text
    shown = face_read.text.replace(CONTINUED, "")
    if front:
        assert words(bank, question.question) in shown
        assert words(bank, question.hint) not in shown
    else:
        assert words(bank, question.hint) in shown
        if question.note:
            assert words(bank, question.note) in shown
    assert any(same_color(c, section_hex(bank, question)) for c in face_read.band_colors)


# -- double-sided sheets ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("card", "paper", "duplex"),
    [
        ("index", "a4", "long"),
        ("index", "letter", "short"),
        ("business", "a4", "short"),
        ("business", "letter", "long"),
        ("a7", "a4", "long"),
        ("a7", "letter", "short"),
    ],
)
def test_every_back_lands_behind_its_front(built, bank, card, paper, duplex):
    path = cards(built, "--card", card, "--paper", paper, "--duplex", duplex)
    check_sheets(path, bank, card, paper, duplex)


def test_the_bundled_bank_makes_a_full_set(built, default_bank):
    """Every question of the real bank on its card at the defaults: nothing overflows."""
    path = cards(built, bank=DEFAULT_BANK)
    check_sheets(path, default_bank, "index", "a4", "long")
    # the outline names each section at the front of the sheet of its first card (306
    # pages of a bank of forty sections had none: a trial)
    from pypdf import PdfReader

    reader = PdfReader(path)
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert [title for title, _ in outline] == [s.name for s in default_bank.sections]
    pages = pdf_pages(path)
    for (_, page), section in zip(outline, default_bank.sections, strict=True):
        first = default_bank.questions_in(section)[0].label
        assert page % 2 == 0 and first in pages[page].text().split(), (section.name, page)


def check_sheets(path: Path, bank, card: str, paper: str, duplex: str) -> None:
    """Each sheet's cards, front and back, read between the crop marks."""
    seen = []
    pages = pdf_pages(path)
    per_sheet = PER_SHEET[(card, paper)]
    assert len(pages) == 2 * -(-len(bank.questions) // per_sheet)
    for page in pages:
        assert (page.width, page.height) == pytest.approx(PAPER[paper], abs=0.1)
    for front_page, back_page in zip(pages[::2], pages[1::2], strict=True):
        sheet = cells(front_page)
        assert len(sheet) == per_sheet
        widths = {round(c.x1 - c.x0, 1) for c in sheet}
        heights = {round(c.bottom - c.top, 1) for c in sheet}
        assert len(widths) == len(heights) == 1
        assert sorted([*widths, *heights]) == pytest.approx(sorted(CARD[card]), abs=0.2)
        assert cuts(back_page) == ([], [])  # the backs carry no marks to mislead the cut
        assert_text_inside(front_page, sheet)
        assert_text_inside(back_page, [c.mirrored(front_page, duplex) for c in sheet])
        for cell in sheet:
            front = face(front_page, cell)
            back = face(back_page, cell.mirrored(front_page, duplex))
            if front.label is None:  # an empty place on the last sheet
                assert (front.text, back.text) == ("", "")
                continue
            assert back.label == front.label
            assert back.label_offset == pytest.approx(front.label_offset, abs=0.05)
            check_face(bank, front, front=True)
            check_face(bank, back, front=False)
            seen.append(front.label)
    assert seen == [q.label for q in bank.questions]


def test_long_edge_mirrors_columns_and_short_edge_rows(built):
    """Each card's number, found as a word on its front and back pages: the card's centre
    is mirrored about the page's centre, across for long-edge flipping, up and down for
    short-edge, and stays put the other way."""
    for duplex in ("long", "short"):
        path = cards(built, "--duplex", duplex, "--card", "business")
        front, back = pdf_pages(path)[:2]
        sheet = cells(front)
        width, height = sheet[0].x1 - sheet[0].x0, sheet[0].bottom - sheet[0].top
        on_front = {w.text: w for w in front.words() if LABEL.match(w.text)}
        on_back = {w.text: w for w in back.words() if LABEL.match(w.text)}
        assert sorted(on_front) == sorted(on_back) and len(on_front) == 10
        # where a label sits inside its card, from the card that holds it on the front
        word = on_front["Q1"]
        cell = next(c for c in sheet if c.x0 <= word.x0 <= c.x1 and c.top <= word.top <= c.bottom)
        inset = (word.x0 - cell.x0, word.top - cell.top)
        places = set()
        for label, word in on_front.items():
            front_centre = (
                word.x0 - inset[0] + width / 2,
                word.top - inset[1] + height / 2,
            )
            other = on_back[label]
            back_centre = (
                other.x0 - inset[0] + width / 2,
                other.top - inset[1] + height / 2,
            )
            if duplex == "long":
                assert back_centre[0] == pytest.approx(front.width - front_centre[0], abs=0.05)
                assert back_centre[1] == pytest.approx(front_centre[1], abs=0.05)
            else:
                assert back_centre[0] == pytest.approx(front_centre[0], abs=0.05)
                assert back_centre[1] == pytest.approx(front.height - front_centre[1], abs=0.05)
            places.add(round(front_centre[0 if duplex == "long" else 1]))
        assert len(places) >= 2  # more than one column (row), so a missing mirror shows


def test_offsets_move_the_backs_only(built):
    plain_build = cards(built, "--card", "business")
    shifted = cards(built, "--card", "business", "--offset-x", "2", "--offset-y", "-1.5")
    for index, (a, b) in enumerate(zip(pdf_pages(plain_build), pdf_pages(shifted), strict=True)):
        words_a = [(w.text, w.x0, w.top) for w in a.words()]
        words_b = [(w.text, w.x0, w.top) for w in b.words()]
        dx, dy = (0, 0) if index % 2 == 0 else (2 * MM, 1.5 * MM)  # y: up is -top
        assert [t for t, _, _ in words_a] == [t for t, _, _ in words_b]
        for (_, xa, ta), (_, xb, tb) in zip(words_a, words_b, strict=True):
            assert xb - xa == pytest.approx(dx, abs=0.01)
            assert tb - ta == pytest.approx(dy, abs=0.01)


def test_crop_marks_stay_outside_the_cards(built):
    for options in ((), ("--cut-lines",), ("--card", "business", "--paper", "letter")):
        path = cards(built, *options)
        page = pdf_pages(path)[0]
        sheet = cells(page)
        left, top = min(c.x0 for c in sheet), min(c.top for c in sheet)
        right, bottom = max(c.x1 for c in sheet), max(c.bottom for c in sheet)
        # the grid sits inside the 10 mm printer margin, centred
        assert left >= 10 * MM and top >= 10 * MM
        assert close(left, page.width - right, 0.1) and close(top, page.height - bottom, 0.1)
        dashed = []
        for line in page.lines:
            inside = (
                line.x1 > left + 0.01
                and line.x0 < right - 0.01
                and line.bottom > top + 0.01
                and line.top < bottom - 0.01
            )
            if inside:
                dashed.append(line)
                assert line.dashed, "a solid line crosses the cards"
                assert same_color(line.stroke, CARDS_THEME["cut_line"])
                xs, tops = cuts(page)
                on_a_cut = any(close(line.x0, x) and close(line.x1, x) for x in xs) or any(
                    close(line.top, t) and close(line.bottom, t) for t in tops
                )
                assert on_a_cut, "a cut line off the cuts would slice a card"
            else:
                assert line.x0 >= 5 * MM - 0.01 and line.x1 <= page.width - 5 * MM + 0.01
        assert bool(dashed) == ("--cut-lines" in options)
        # the backs bear no mark: printed 1-2 mm off their fronts, a mark there would
        # stand inside a card once it is cut from the fronts' side
        assert not pdf_pages(path)[1].lines


# -- fold-over cards ------------------------------------------------------------------------


@pytest.mark.parametrize(("card", "paper"), sorted(FOLD_PER_SHEET))
def test_duplex_none_puts_front_and_back_side_by_side(built, bank, card, paper):
    path = cards(built, "--duplex", "none", "--card", card, "--paper", paper)
    seen = []
    pages = pdf_pages(path)
    assert len(pages) == -(-len(bank.questions) // FOLD_PER_SHEET[(card, paper)])
    for page in pages:
        pairs = cells(page)
        assert len(pairs) == FOLD_PER_SHEET[(card, paper)]
        folds = [ln for ln in page.lines if same_color(ln.stroke, CARDS_THEME["fold_line"])]
        for pair in pairs:
            card_size = sorted([(pair.x1 - pair.x0) / 2, pair.bottom - pair.top])
            assert card_size == pytest.approx(sorted(CARD[card]), abs=0.2)
            front_cell, back_cell = pair.halves()
            front, back = face(page, front_cell), face(page, back_cell)
            if front.label is None:
                assert back.text == ""
                continue
            assert back.label == front.label
            check_face(bank, front, front=True)
            check_face(bank, back, front=False)
            middle = (pair.x0 + pair.x1) / 2
            assert any(close(ln.x0, middle) and ln.dashed for ln in folds)
            seen.append(front.label)
    assert seen == [q.label for q in bank.questions]


# -- text that does not fit -----------------------------------------------------------------


def test_no_overflow_refuses_an_overlong_hint_by_name_with_advice_that_helps(tmp_path):
    result = run_cli("cards", "--bank", OVERFLOW, "--out", tmp_path, "--no-overflow")
    assert result.exit_code == 1
    assert result.stdout == ""
    # no card size holds this hint, so a bigger --card is not offered
    assert result.stderr == (
        f"{OVERFLOW}:7: question 'walkthrough': the hint of Q2 does not fit an index card even "
        "at 7 pt; shorten it, or leave out --no-overflow to continue it on a second card\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("repeat", "cards"), [(12, "index or a7"), (20, "index")])
def test_no_overflow_offers_only_card_sizes_that_hold_the_text(tmp_path, repeat, cards):
    bank = tmp_path / "bank.yaml"
    hint = "Scope, containment, evidence, eradication and recovery, and who to call. " * repeat
    bank.write_text(
        f"title: T\nquestions:\n  - id: long\n    section: S\n    question: Why?\n"
        f"    hint: {hint.strip()}\n",
        encoding="utf-8",
    )
    result = run_cli("cards", "--bank", bank, "--out", tmp_path / "out", "--card", "business")
    assert result.exit_code == 0  # by default it continues, with a warning naming it
    assert result.stderr.startswith(f"{bank}:3: warning: question 'long': the hint of Q1 ")
    assert "continues on a 'cont.' card" in result.stderr
    refused = run_cli(
        "cards", "--bank", bank, "--out", tmp_path / "out", "--card", "business", "--no-overflow"
    )
    assert refused.exit_code == 1
    assert refused.stderr.endswith(
        f"shorten it, choose --card {cards}, or leave out --no-overflow to continue it on "
        "a second card\n"
    )


def test_a_question_and_a_hint_both_too_long_are_both_named(tmp_path):
    """A bank of one code block, its question and its hint each too long for a business
    card: the warning said only "the question of Q1 does not fit", and the hint ran on to
    further cards unnamed (h42e's trial of unusual banks)."""
    bank = tmp_path / "both.yaml"
    question = "Why does the payment service retry a declined card? " * 18
    hint = "Scope, containment, evidence, eradication and recovery, and who to call. " * 20
    bank.write_text(
        f"title: T\nquestions:\n  - id: both\n    section: S\n"
        f"    question: {question.strip()}\n    hint: {hint.strip()}\n",
        encoding="utf-8",
    )
    result = run_cli("cards", "--bank", bank, "--out", tmp_path / "out", "--card", "business")
    assert result.exit_code == 0
    assert "question 'both': the question and hint of Q1 do not fit a business card" in (
        result.stderr
    )
    refused = run_cli(
        "cards", "--bank", bank, "--out", tmp_path / "out", "--card", "business", "--no-overflow"
    )
    assert refused.exit_code == 1
    assert "the question and hint of Q1 do not fit a business card" in refused.stderr


@pytest.mark.parametrize("card", ["index", "business"])
def test_overflow_continues_on_further_cards_with_a_warning(built, card):
    bank = load_bank(OVERFLOW)
    question = bank.questions[1]
    path = cards(built, "--card", card, bank=OVERFLOW)
    fronts, backs = [], []
    pages = pdf_pages(path)
    for front_page, back_page in zip(pages[::2], pages[1::2], strict=True):
        sheet = cells(front_page)
        assert_text_inside(front_page, sheet)
        assert_text_inside(back_page, [c.mirrored(front_page, "long") for c in sheet])
        for cell in sheet:
            front = face(front_page, cell)
            if front.label == question.label:
                fronts.append(front)
                backs.append(face(back_page, cell.mirrored(front_page, "long")))
    assert len(fronts) >= 2
    assert all(squash(plain(question.question)) in f.text for f in fronts)
    assert all(b.label == question.label for b in backs)
    assert all("cont." in f.text for f in fronts[1:]) and all("cont." in b.text for b in backs[1:])
    assert "cont." not in fronts[0].text
    # the hint, read back across its cards in order after each card's header, is all there
    assert squash(plain(question.hint)) in card_texts(path, question)[1]


def test_a_text_at_its_limit_is_broken_into_lines_a_bounded_number_of_times(tmp_path, monkeypatch):
    """A hint and a note at their 10,000-character limits continue over many cards; each is
    broken into lines once, not again for every card it continues on (issue 27: reportlab
    broke what was left again on each card, and a bank at the limits took 1,018 s), nor at
    each size once it is clear that it fits at none. Counted in characters given to
    reportlab's line breaker, so the test does not depend on the machine's speed."""
    import yaml
    from reportlab.platypus import paragraph

    import qbank
    from qbank.bank.checks import LENGTHS

    words = "the candidate explains how the model is tested and what the logs show "
    long_text = (words * (LENGTHS["hint"] // len(words) + 1))[: LENGTHS["hint"]].strip()
    bank = tmp_path / "limits.yaml"
    question = {"id": "q1", "section": "S", "question": "Why?", "minutes": 5}
    question |= {"hint": long_text, "note": long_text}
    bank.write_text(yaml.safe_dump({"title": "Limits", "questions": [question]}), "utf-8")
    broken = []
    real = paragraph.Paragraph.breakLines

    def counting(self, width):
        broken.append(len(self.getPlainText()))
        return real(self, width)

    monkeypatch.setattr(paragraph.Paragraph, "breakLines", counting)
    written = qbank.build(bank, tmp_path / "out", ["cards"], workers=1)
    assert written and written[0].name.endswith("-flashcards.pdf")
    assert len(pdf_pages(written[0])) >= 6  # many cards: what once cost n**2
    # once each (the question too), where breaking each rest again took 3.7 times as much
    texts = 2 * len(long_text)
    assert texts <= sum(broken) < 1.5 * texts, broken


URLS = (
    "https://learn.microsoft.com/en-us/azure/ai-services/",
    "https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails.html",
    "https://very-long-upstream-hostname.internal.example.com/api/v1/resources/with/a/path",
    "ᶜʸᵇᵉʳˢᵉᶜᵘʳⁱᵗʸᶜʸᵇᵉʳˢᵉᶜᵘʳⁱᵗʸᶜʸᵇᵉʳˢᵉᶜᵘʳⁱᵗʸᶜʸᵇᵉʳˢᵉᶜᵘʳⁱᵗʸ",  # no separator at all
    # an '&' parts the address into pieces that reportlab holds as one word: all but the
    # first piece ran off the card, and its rest was never drawn (a code trial)
    "https://api.example.com/v2/search?q=%E4%B8%AD&filter[created_at][gte]=2026-01-01T00:00:00Z"
    "&sort=-relevance,created_at&page[size]=100&page[cursor]=eyJpZCI6MTIzNDU2Nzg5MCwidHMiOiIy",
)


# Texts whose words outgrow a line at some of a face's sizes: a compound that breaks only
# after its hyphens, an address that breaks after its separators, a token with none; the
# second question's hint is the first's, two paragraphs of one text
WIDE_WORDS = (
    "Die Ende-zu-Ende-Verschlüsselungsanforderungen der Transportverschlüsselungsschicht.",
    "Die Ende-zu-Ende-Verschlüsselungsanforderungen der Transportverschlüsselungsschicht.",
    f"See {URLS[2]} and {URLS[4]} now.",
    f"Then {URLS[3]} and `idx_events_tenant_created_at_partitioned_by_month`.",
)


def drawn_words(path: Path) -> list[tuple]:
    """Every word drawn in the PDF at `path`: its page, text, place and size."""
    return [
        (page.number, w.text, round(w.x0, 2), round(w.top, 2), round(w.chars[0].size, 2))
        for page in pdf_pages(path)
        for w in page.words()
    ]


def test_each_paragraph_is_measured_for_its_widest_word_once_a_size(tmp_path, monkeypatch):
    """A face's fit asks each paragraph at each size whether a word of it is wider than a
    line, before wrapping it (_hyphened, whose copy of it for hyphens has the same words)
    and again in wrap: it is measured once, the answer kept with the paragraph (measuring
    its words again was a tenth of the cards' time). Counted in measurements of each
    paragraph (its hyphened copy counted as it), so the test does not depend on the
    machine's speed, and two paragraphs of one text are two. And what is kept is what a
    measure gives: the cards' words are drawn where, and at the size, that measuring each
    time draws them."""
    import yaml

    from qbank.exporters.cards import face

    questions = [
        {"id": f"q{n}", "section": "S", "question": f"Why {n}?", "hint": hint}
        for n, hint in enumerate(WIDE_WORDS)
    ]
    bank = tmp_path / "wide.yaml"
    bank.write_text(yaml.safe_dump({"title": "Wide", "questions": questions}), "utf-8")
    measured: dict[tuple, int] = {}
    original: dict[int, object] = {}  # a hyphened copy's id -> the paragraph it copies
    kept = []  # every paragraph seen, so that no id is another's while the build runs
    measure, hyphened = face.widest_word, face.FaceLayout._hyphened

    def counting(paragraph, size, width, pieces=False):
        kept.append(paragraph)
        first = original.get(id(paragraph), paragraph)
        key = (id(first), first.text, size, width, pieces)
        measured[key] = measured.get(key, 0) + 1
        return measure(paragraph, size, width, pieces)

    def copying(self, paragraph, size):
        made = hyphened(self, paragraph, size)
        kept.extend((paragraph, made))
        original[id(made)] = original.get(id(paragraph), paragraph)
        return made

    def fresh(flowable, size, width, pieces=False):  # nothing kept: measured each time
        flowable.__dict__.pop("_qbank_widest", None)
        return answer(flowable, size, width, pieces)

    monkeypatch.setattr(face, "widest_word", counting)
    monkeypatch.setattr(face.FaceLayout, "_hyphened", copying)
    result = run_cli("cards", "--bank", bank, "--out", tmp_path / "kept", "--card", "a7")
    assert result.exit_code == 0, result.output
    assert len(original) > 1  # the bank has paragraphs wider than a line
    twice = [key[1:] for key, count in measured.items() if count > 1]
    assert not twice, twice[:3]
    answer = face._widest_word
    monkeypatch.setattr(face, "_widest_word", fresh)
    result = run_cli("cards", "--bank", bank, "--out", tmp_path / "fresh", "--card", "a7")
    assert result.exit_code == 0, result.output
    pdf = "wide-flashcards.pdf"
    assert drawn_words(tmp_path / "kept" / pdf) == drawn_words(tmp_path / "fresh" / pdf)


def test_a_face_that_fits_between_its_sizes_is_wrapped_there_and_above_only(tmp_path, monkeypatch):
    """A text too long for its largest size is wrapped at the size its length suggests and
    the one above it: one that fits at a size between is never wrapped at the least size,
    which it surely fits too (it was wrapped there first, and for nothing: a wrap in four
    of a long back's), nor at the largest, which its length rules out (a wrap in three)."""
    from qbank.exporters.cards import face

    wrapped: list[float] = []
    # sizes wrapped, chosen, least, largest
    fitted: list[tuple[list[float], float, float, float]] = []
    wrap, fit = face.FaceLayout.wrap, face.FaceLayout.fit

    def wrapping(self, texts, size, floor, *needs):
        wrapped.append(size)
        return wrap(self, texts, size, floor, *needs)

    def fitting(self, texts, largest):
        wrapped.clear()
        found = fit(self, texts, largest)
        if found is not None:
            fitted.append((list(wrapped), found[0], self.sizes(largest)[0], largest))
        return found

    import yaml

    words = "the candidate explains how the model is tested and what the logs show "
    questions = [  # backs from one that fits at the largest size to one that needs the least
        {"id": f"q{n}", "section": "S", "question": "Why?", "hint": words * n, "minutes": 5}
        for n in range(1, 12)
    ]
    bank = tmp_path / "backs.yaml"
    bank.write_text(yaml.safe_dump({"title": "Backs", "questions": questions}), "utf-8")
    monkeypatch.setattr(face.FaceLayout, "wrap", wrapping)
    monkeypatch.setattr(face.FaceLayout, "fit", fitting)
    result = run_cli("cards", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    between = [(wrapped, least) for wrapped, size, least, top in fitted if least < size < top]
    assert between, fitted  # the bank has such a face
    assert all(least not in wrapped for wrapped, least in between), between
    assert all(len(wrapped) <= 2 for wrapped, _ in between), between


def test_a_sheet_is_drawn_before_the_next_questions_are_laid_out(tmp_path, monkeypatch):
    """The cards are laid out as their sheets are drawn, so that a sheet's cards are let go
    once it is written: all were laid out first and held to the end (5,000 questions' cards
    about 200 MB). A section's name is drawn in the fonts that draw it from the first card
    on, as before (Hebrew's: a first version drew the first sheet's in the text's font)."""
    from reportlab.pdfgen.canvas import Canvas

    from qbank.exporters.cards import face

    events: list[str] = []
    fit, show = face.FaceLayout.fit, Canvas.showPage

    def fitting(self, texts, largest):
        events.append("fit")
        return fit(self, texts, largest)

    def showing(self):
        events.append("sheet")
        return show(self)

    import yaml

    questions = [
        {"id": f"q{n}", "section": "שאלות", "question": "Why?", "hint": "Because.", "minutes": 5}
        for n in range(1, 21)
    ]
    bank = tmp_path / "many.yaml"
    data = {"title": "Many", "sections": [{"name": "שאלות"}], "questions": questions}
    bank.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    monkeypatch.setattr(face.FaceLayout, "fit", fitting)
    monkeypatch.setattr(Canvas, "showPage", showing)
    result = run_cli("cards", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert events.count("sheet") > 2, events  # more than one sheet's fronts and backs
    assert events.index("sheet") < len(events) - 1 - events[::-1].index("fit"), events
    (page, *_) = PdfReader(tmp_path / "many-flashcards.pdf").pages
    fonts = [str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()]
    assert any("Hebrew" in font for font in fonts), fonts


# -- calibration --------------------------------------------------------------------------------


@pytest.mark.parametrize("duplex", ["long", "short"])
def test_calibration_sheet_has_a_cross_and_a_scale_at_the_same_place(tmp_path, duplex):
    result = run_cli(
        "cards",
        "--bank",
        tmp_path / "no-such-bank.yaml",  # the sheet needs no bank
        "--out",
        tmp_path,
        "--calibrate",
        "--duplex",
        duplex,
        "--paper",
        "letter",
        "--offset-x",
        "1.5",
    )
    assert result.exit_code == 0, result.output
    (path,) = (Path(line) for line in result.stdout.splitlines())
    assert path.name == f"calibration-index-letter-{duplex}-x1-5mm-y0mm.pdf"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    accent = load_theme().values["colors"]["accent"]
    front, back = pdf_pages(path)
    assert (front.width, front.height) == pytest.approx(PAPER["letter"], abs=0.1)
    centre = (front.width / 2, front.height / 2)
    # the front's centre cross
    assert any(close(ln.x0, centre[0]) and close(ln.x1, centre[0]) for ln in front.lines)
    # the back's zero lines cross at the centre, moved by the offset
    zero = [ln for ln in back.lines if same_color(ln.stroke, accent)]
    vertical = {round(ln.x0, 2) for ln in zero if close(ln.x0, ln.x1)}
    horizontal = {round(ln.top, 2) for ln in zero if close(ln.top, ln.bottom)}
    assert any(close(x, centre[0] + 1.5 * MM) for x in vertical)
    assert any(close(y, centre[1]) for y in horizontal)
    assert "--offset-x 1.5 --offset-y 0" in " ".join(back.text().split())
    # the cards of --card index on letter paper, outlined on both sides
    grid = CardGrid.fit(PAPER["letter"], CARD_SIZES["index"], PRINTER_MARGIN)
    for page, side, shift in ((front, "front", 0), (back, "back", 1.5 * MM)):
        x, y = grid.slot(0, side, duplex)
        found = [r for r in page.rects if close(r.width, grid.card[0])]
        assert len(found) == grid.per_sheet
        assert any(close(r.x0, x + shift) for r in found)


def test_calibration_honours_the_card_and_names_its_settings(tmp_path):
    result = run_cli("cards", "--calibrate", "--card", "business", "--out", tmp_path)
    (path,) = (Path(line) for line in result.stdout.splitlines())
    assert path.name == "calibration-business-a4-long.pdf"
    grid = CardGrid.fit(PAPER["a4"], CARD_SIZES["business"], PRINTER_MARGIN)
    found = [r for r in pdf_pages(path)[0].rects if close(r.width, grid.card[0])]
    assert len(found) == grid.per_sheet == 10


def test_the_calibration_sheet_speaks_the_looks_language(tmp_path):
    """The sheet goes to a school's print room, and was English whatever the look (a French
    teacher's trial): its words are the look's cards/calibration.toml, the options and
    numbers filled in, and the PDF says their language (a screen reader's voice); a
    placeholder of another name is refused by check."""
    from qbank.paths import BUILTIN_TEMPLATES

    words = (BUILTIN_TEMPLATES / "cards" / "calibration.toml").read_text(encoding="utf-8")
    french = {
        'language = "en"': 'language = "fr"',
        'front = "Duplex calibration: front"': 'front = "Étalonnage recto verso : recto"',
        'long_edge = "long edge"': 'long_edge = "bord long"',
        '"1. Print this sheet double-sided, flipping on the {edge}, at actual size (100%, '
        'not “fit to page”): the settings you will print cards with."': '"1. Imprimez cette '
        'feuille en recto verso, reliure sur le {edge}, à 100 % : les réglages des cartes."',
        '"2. The bar below must measure {mm} mm;': '"2. La barre doit mesurer {mm} mm ;',
        'already = "This sheet already has {offsets} applied:': 'already = "Décalages déjà '
        "appliqués : {offsets} ; ajoutez-y les nouvelles lectures. <&>",
    }
    for old, new in french.items():
        assert old in words, old
        words = words.replace(old, new)
    look = tmp_path / "look" / "cards"
    look.mkdir(parents=True)
    (look / "calibration.toml").write_text(words, encoding="utf-8")
    args = ("--templates", tmp_path / "look", "--out", tmp_path / "out", "--offset-x", "-1.5")
    result = run_cli("cards", "--calibrate", *args)
    assert result.exit_code == 0, result.output
    front = " ".join(pdf_pages(next((tmp_path / "out").glob("*.pdf")))[0].text().split())
    for said in (
        "Étalonnage recto verso : recto",
        "reliure sur le bord long, à 100 %",
        "La barre doit mesurer 100 mm ;",
        "Décalages déjà appliqués : --offset-x -1.5 --offset-y 0 ; ajoutez-y",
        "<&>",
    ):
        assert said in front, (said, front)
    assert "Print this sheet" not in front
    # an option and its value on one line ('--offset-x' | '0' were parted: a visual review)
    page = pdf_pages(next((tmp_path / "out").glob("*.pdf")))[0]
    parted = [line.text for line in page.text_lines() if re.search(r"--[a-z-]+$", line.text)]
    assert not parted, parted
    assert PdfReader(next((tmp_path / "out").glob("*.pdf"))).trailer["/Root"]["/Lang"] == "fr"
    # a look's file from before the key says no language rather than English's
    (look / "calibration.toml").write_text(words.replace('language = "fr"', ""), "utf-8")
    result = run_cli("cards", "--calibrate", *args[:2], "--out", tmp_path / "older")
    assert result.exit_code == 0, result.output
    (older,) = (tmp_path / "older").glob("*.pdf")
    assert "/Lang" not in PdfReader(older).trailer["/Root"]
    assert "Étalonnage" in pdf_pages(older)[0].text()

    (look / "calibration.toml").write_text(words.replace("{mm} mm", "{cm} cm"), encoding="utf-8")
    result = run_cli("check", "--templates", tmp_path / "look")
    assert result.exit_code == 1 and "bar" in result.stderr and "{cm}" in result.stderr


def test_offsets_are_bounded(tmp_path):
    result = run_cli("cards", "--bank", BANK, "--out", tmp_path, "--offset-x", "50")
    assert result.exit_code == 2


def test_offsets_are_finite(tmp_path):
    for value in ("nan", "inf", "-inf", "NaN"):
        result = run_cli("cards", "--bank", BANK, "--out", tmp_path, "--offset-y", value)
        assert result.exit_code == 2, value
        assert "give a finite number" in result.output  # the library's words
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("card", ["index", "a7"])
def test_an_address_wider_than_a_card_stays_on_its_card(cli, tmp_path, card):
    """A front's learn.microsoft.com address ran 156 pt past its index card, an AWS one off
    the Letter sheet, and a back's long host off it too, without a word (a print trial):
    an address breaks after its separators, its host's dots when the host is wider than a
    line, and a token with none between two characters."""
    bank = tmp_path / "urls.yaml"
    bank.write_text(
        "title: T\nquestions:\n"
        + "".join(
            f"  - {{id: u{n}, section: S, question: 'What is on {url}?', hint: 'See {url} now.'}}\n"
            for n, url in enumerate(URLS)
        ),
        encoding="utf-8",
    )
    result = cli("cards", "--bank", bank, "--out", tmp_path, "--card", card, "--paper", "letter")
    assert result.exit_code == 0, result.output
    pages = pdf_pages(tmp_path / "urls-flashcards.pdf")
    for n, page in enumerate(pages):  # a back's cards are its front's, mirrored
        front = pages[n - n % 2]
        boxes = [c.mirrored(front, "long").bbox if n % 2 else c.bbox for c in cells(front)]
        astray = [
            c.text
            for c in page.chars
            if not c.generated and not c.text.isspace() and not any(within(c, box) for box in boxes)
        ]
        assert not astray, (page.number, "".join(astray))
    text = squash("".join(page.text() for page in pages))
    for url in URLS:
        assert text.count(url) == 2, url  # front and back, whole and in order


def test_a_tab_in_a_section_name_is_a_space_in_the_card_header(built):
    path = cards(built, bank=FIXTURES / "booklet-fidelity.yaml")
    text = "\n".join(page.text() for page in pdf_pages(path))
    assert "Section with a tab" in text
    assert "\t" not in text


def test_calibration_needs_no_bank_where_a_folder_holds_several(tmp_path, monkeypatch):
    """A trial's folder of five banks refused the sheet ("choose one with --bank"); and the
    sheet's step 4 named `generate.py`, without the card and the paper it was printed for,
    under card outlines that struck its words through."""
    for name in ("one.yaml", "two.yaml"):
        shutil.copy(BANK, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    result = run_cli(
        "cards", "--calibrate", "--card", "business", "--paper", "letter", "--duplex", "short"
    )
    assert result.exit_code == 0, result.output
    (path,) = (Path(line) for line in result.stdout.splitlines())
    front = pdf_pages(tmp_path / path)[0]
    words = " ".join(front.text().split())
    assert (
        "qbank cards --card business --paper letter --duplex short --offset-x X --offset-y Y"
        in words
    )
    instructions = [c for c in front.chars if c.top < front.height / 2 and not c.text.isspace()]
    ground = [r for r in front.rects if r.fill == (1, 1, 1) and r.stroke is None]
    # the instructions' ground, the largest (the bar's labels have small ones)
    block = max(ground, key=lambda r: r.width * r.height)
    assert len(ground) == 4
    assert all(
        block.x0 <= c.x0 and c.x1 <= block.x1 and block.top <= c.top and c.bottom <= block.bottom
        for c in instructions
    )
    drawn_after = front.shapes[front.shapes.index(block) + 1 :]
    assert not [s for s in drawn_after if s.points == 2 and block.top < s.top < block.bottom]


@pytest.mark.parametrize("markup", ["plain", "markdown"])
def test_french_no_break_spaces_stay_and_never_start_a_line(tmp_path, markup):
    """French sets a narrow no-break space (U+202F) before ? ! ; and :. reportlab took it
    for a blank: the card's text lost it (a plain blank) and lines began with '?' or ';'
    (a trial's French bank on every card)."""
    words = "Pourquoi le tri est-il stable\u202f? Que fait la pile\u202f; Attention\u202f:"
    words = [*words.split(" "), "réseau", "lent\u202f!", "figure\u2007x"]
    texts = [" ".join(words[n:] + words[:n]) * 2 for n in range(len(words))]
    bank = texts_bank(tmp_path / "fr.yaml", texts, f"language: fr\nmarkup: {markup}\n")
    assert run_cli("cards", "--bank", bank, "--card", "business", "--out", tmp_path).exit_code == 0
    pages = pdf_pages(tmp_path / "fr-flashcards.pdf")
    text = "".join(c.text for page in pages for c in page.chars)
    assert text.count("\u202f") == sum(t.count("\u202f") for t in texts) * 2  # front, back
    assert text.count("\u2007") == len(texts) * 2 * 2
    lines = [line.strip() for line in re.split(r"[\r\n]+", text)]
    assert not [line for line in lines if line.startswith(("?", ";", ":", "!", "x"))]


def test_a_nurses_units_never_start_a_line(tmp_path):
    """A nursing educator's trial: a card on letter paper set 'blood pressure 88/50' over
    'mmHg', where '38.9 °C' and '5 mL' stay whole: the units of a ward's doses and
    observations are kept with their number too (text.UNIT_SYMBOLS)."""
    units = ["88/50 mmHg", "250 mcg", "20 mEq", "5000 IU", "100 UI", "118 bpm", "5 cmH₂O"]
    units += ["4 dL", "50 µL"]
    words = "The patient was given a dose and the team checked it again".split()
    texts = [" ".join(words[:n] + [unit] + words[n:]) for unit in units for n in range(4, 12)]
    bank = texts_bank(tmp_path / "ward.yaml", texts)
    assert run_cli("cards", "--bank", bank, "--card", "a7", "--out", tmp_path).exit_code == 0
    pages = pdf_pages(tmp_path / "ward-flashcards.pdf")
    text = "\n".join("".join(c.text for c in page.chars) for page in pages)
    lines = [line.strip() for line in re.split(r"[\r\n]+", text)]
    symbols = tuple(unit.split()[1] for unit in units)
    assert [line for line in lines if line.startswith(symbols)] == []


@pytest.mark.parametrize("length", [24, 25, 26])
def test_a_word_joined_to_its_question_mark_fits_its_card_whole(tmp_path, length):
    """A word and its '?' joined by U+202F are one word to the fit too: the face is set
    smaller until it fits (the fit took the no-break space for a blank, and a word one
    letter too long was cut inside; a review)."""
    word = "m" * length + "\u202f?"
    bank = tmp_path / "fr.yaml"
    bank.write_text(
        f'title: FR\nquestions:\n  - {{id: a, section: S, question: "Mot {word}", hint: H.}}\n',
        encoding="utf-8",
    )
    assert run_cli("cards", "--bank", bank, "--card", "business", "--out", tmp_path).exit_code == 0
    pages = pdf_pages(tmp_path / "fr-flashcards.pdf")
    text = "\n".join("".join(c.text for c in page.chars) for page in pages)
    assert word in re.split(r"[\r\n]+", text.replace("Mot ", "Mot\n"))


def test_a_code_block_breaks_between_cards_only_with_two_lines_on_either(cli, tmp_path):
    """A trial's business card left the last line of a three-line code block alone on its
    'cont.' card. A code block that breaks leaves at least two lines on either card, else
    it moves to the next card whole; and the warning names the note with the hint."""
    code = ["from statsmodels.stats.proportion import ztest", "z, p = ztest([460, 410])"]
    code.append('print(f"z={z:.2f}, p={p:.3f}")')
    items = "".join(
        f"      {n}. Check the sample ratio and the novelty effects, point {n}, twice over.\n"
        for n in range(1, 3)
    )
    moved = 0
    said = []
    for filler in range(0, 30, 2):
        hint = items + "      The long tail.\n" * filler + "\n      ```python\n"
        hint += "".join(f"      {line}\n" for line in code) + "      ```\n"
        bank = tmp_path / f"b{filler}.yaml"
        bank.write_text(
            "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
            f"    question: Is B better?\n    hint: |\n{hint}    note: Power matters.\n",
            encoding="utf-8",
        )
        out = tmp_path / f"o{filler}"
        result = cli("cards", "--bank", bank, "--card", "business", "--out", out)
        assert result.exit_code == 0, result.output
        pages = pdf_pages(out / f"b{filler}-flashcards.pdf")
        backs = [  # each card's back, in order
            squash(back.text(cell.mirrored(front, "long").bbox))
            for front, back in zip(pages[::2], pages[1::2], strict=True)
            for cell in cells(front)
            if face(front, cell).label
        ]
        holding = [n for n, text in enumerate(backs) for line in code if squash(line) in text]
        if len(holding) == len(code) and len(set(holding)) > 1:  # no line cut by its card
            assert holding.count(holding[0]) >= 2 and holding.count(holding[-1]) >= 2, filler
        if len(backs) > 1:
            said.append("the hint and note of Q1 do not fit" in result.output)
            moved += len(set(holding)) == 1 and holding[0] > 0
    assert moved  # some block moved whole to the 'cont.' card
    assert said and all(said)


@pytest.mark.parametrize("lines", [5, 12, 20, 30])
def test_a_long_code_block_leaves_no_line_alone_on_any_card(cli, tmp_path, lines):
    """A review: a block longer than a card left its last line alone on the last 'cont.'
    card (01-09 | 10-19 | 20): every card that holds lines of a block holds two at least."""
    code = [f"value_{n:02d} = compute({n})" for n in range(1, lines + 1)]
    hint = "      Intro paragraph.\n\n      ```python\n"
    hint += "".join(f"      {line}\n" for line in code) + "      ```\n"
    bank = tmp_path / "long.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: What runs?\n    hint: |\n{hint}",
        encoding="utf-8",
    )
    result = cli("cards", "--bank", bank, "--card", "business", "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    pages = pdf_pages(tmp_path / "o" / "long-flashcards.pdf")
    backs = [
        squash(back.text(cell.mirrored(front, "long").bbox))
        for front, back in zip(pages[::2], pages[1::2], strict=True)
        for cell in cells(front)
        if face(front, cell).label
    ]
    counts = [sum(squash(line) in text for line in code) for text in backs]
    assert sum(counts) == lines  # every line once
    assert all(count == 0 or count >= 2 for count in counts), counts


@pytest.mark.parametrize("filler", [30, 34, 38])
def test_words_that_introduce_code_stay_behind_rather_than_cost_a_card(cli, tmp_path, filler):
    """A lecturer's trial: a long answer's introduction ('Fit the model and look at the
    residuals:') moved to the card of its code block and left the card before it one
    line, 'can move the whole line.', and the answer a card more than it needed. Where
    the move costs a card and leaves a few lines, the introduction stays behind."""
    code = ["fit <- lm(weight ~ height + age, data = people)", "summary(fit)"]
    code += ["res <- residuals(fit)", "fitted_values <- fitted(fit)"]
    code += ['plot(fitted_values, res, xlab = "Fitted", ylab = "Residual")']
    code += ["abline(h = 0, lty = 2)", "qqnorm(res)"]
    hint = [
        "Look beyond R squared. A high R squared says the line explains much of the "
        "variance, but not that the relationship is linear, that the errors have constant "
        "variance, or that a few points do not drive the whole fit.",
        "",
        "word " * filler + "Check the residuals against the fitted values for curvature "
        "and funnels, a normal quantile plot for heavy tails, and the leverage of each "
        "point: a point far from the others in x has leverage, and a large residual can "
        "move the whole line.",
        "",
        "Fit the model and look at the residuals:",
        "",
        "```r",
        *code,
        "```",
        "",
        "Refit without the influential points and compare the coefficients.",
    ]
    bank = tmp_path / "stats.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: Regression\n"
        "    question: Does the line fit?\n    hint: |\n"
        + "".join(f"      {line}\n" if line else "\n" for line in hint),
        encoding="utf-8",
    )
    result = cli("cards", "--bank", bank, "--card", "business", "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    pages = pdf_pages(tmp_path / "o" / "stats-flashcards.pdf")
    backs = [  # each card's back, its lines below the header
        back.text(cell.mirrored(front, "long").bbox).splitlines()[1:]
        for front, back in zip(pages[::2], pages[1::2], strict=True)
        for cell in cells(front)
        if face(front, cell).label
    ]
    assert len(backs) == 3, backs
    assert all(len(lines) > 1 for lines in backs), backs
    intro = next(n for n, lines in enumerate(backs) if "Fit the model" in " ".join(lines))
    assert any(code[0] in line for line in backs[intro]), backs  # and with its code here


@pytest.mark.parametrize(("copies", "cards"), [(36, 2), (56, 3)])
def test_a_hint_over_two_cards_is_set_larger_when_it_still_takes_two(cli, tmp_path, copies, cards):
    """A visual review: a 290-word hint filled its first card at the least size (7 pt) and
    left seven lines on the second (another, one line on a third). Over the same cards it
    is set larger."""
    from readback import pdf_pages

    from qbank.pdf import load_theme

    least = float(load_theme().table("cards")["min_size"])
    words = "la enfermera valora la vía aérea y el circuito del respirador cada turno "
    hint = (words * copies).strip()
    bank = tmp_path / "b.yaml"
    bank.write_text(
        f"title: T\nquestions:\n  - {{id: a, section: S, question: Q?, hint: {hint}}}\n",
        encoding="utf-8",
    )
    result = cli("cards", "--bank", bank, "--card", "index", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    pages = pdf_pages(tmp_path / "b-flashcards.pdf")
    backs = [page for page in pages if "la enfermera" in page.text()]
    sizes = {round(c.size, 2) for page in backs for c in page.chars if c.text == "e"}
    shown = " ".join(p.text() for p in pages)
    assert f"(cont. {cards}/{cards})" in shown and f"{cards + 1}/{cards + 1}" not in shown
    assert len(sizes) == 1 and min(sizes) > least, sizes


def test_a_list_in_a_quote_stands_in_with_the_quote_on_a_card(cli, tmp_path):
    """A visual review: a quote's own lines were indented and muted on a card's back, but
    the list inside it stood further left than they, in black, as if outside the quote."""
    from readback import pdf_pages

    bank = tmp_path / "q.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: a\n    section: S\n    question: Q?\n"
        "    hint: |\n      Before.\n\n      > Quoted words.\n      >\n      > - listed one\n"
        "      > - listed two\n",
        encoding="utf-8",
    )
    assert cli("cards", "--bank", bank, "--out", tmp_path).exit_code == 0
    back = next(p for p in pdf_pages(tmp_path / "q-flashcards.pdf") if "Quoted" in p.text())
    words = {w.text: w for w in back.words()}
    bullets = [c for c in back.chars if c.text == "\u2022"]
    assert len(bullets) == 2 and words["Quoted"].x0 > words["Before."].x0
    assert all(b.x0 >= words["Quoted"].x0 - 0.5 for b in bullets), (bullets, words["Quoted"])
    # in the quote's muted colour, as its words are (the text around it is not)
    from readback import text_fill

    card = tmp_path / "q-flashcards.pdf"
    muted = text_fill(card, back.number - 1, "Quoted")
    assert text_fill(card, back.number - 1, "listed") == muted
    assert text_fill(card, back.number - 1, "Before.") != muted


def test_a_compound_too_long_for_a_line_breaks_after_one_of_its_hyphens(cli, tmp_path):
    """A visual review: 'Ende-zu-Ende-V|erschlüsselungsanford|erungen' on an index card's
    front, cut inside its words where the compound has hyphens to break after."""
    from readback import pdf_pages

    word = "Ende-zu-Ende-Verschlüsselungsanforderungen-und-Schlüsselverwaltungsprozesse"
    bank = tmp_path / "de.yaml"
    bank.write_text(
        f"title: T\nlanguage: de\nquestions:\n  - {{id: a, section: S, question: Welche {word}"
        " haben Sie?, hint: Keine.}\n",
        encoding="utf-8",
    )
    assert cli("cards", "--bank", bank, "--card", "a7", "--out", tmp_path).exit_code == 0
    front = pdf_pages(tmp_path / "de-flashcards.pdf")[0]
    lines = [line.text for line in front.text_lines()]
    parts = word.split("-")
    inside = [p[1:] for p in parts if p[1:] and not any(q.startswith(p[1:]) for q in parts)]
    broken = [text for text in lines if text.startswith(tuple(inside))]
    assert not broken, lines  # no line starts inside one of the compound's parts
    assert any(text.endswith("-") for text in lines), lines  # it breaks after a hyphen
    # and on its card: its last part ran 2 pt past the card's edge (a print trial)
    card = cells(front)[0]
    assert all(c.x1 <= card.x1 for c in front.chars if within(c, (0, card.top, 1e4, card.bottom)))


def test_a_word_too_long_for_a_line_breaks_where_its_language_hyphenates_it(cli, tmp_path):
    """A German trial: 'Informationssicherheitsma|nagementsystem' on an A7 card's front, cut
    at whatever letter met the line's end, with no hyphen. It breaks now where German
    hyphenates it (LibreOffice's dictionary, pyphen's), a '-' at each line's end."""
    import pyphen

    word = "Informationssicherheitsmanagementsystem"
    bank = tmp_path / "de.yaml"
    bank.write_text(
        f"title: T\nlanguage: de\nquestions:\n  - {{id: a, section: S, question: Wie baut man"
        f" ein {word} auf?, hint: Schritt für Schritt.}}\n",
        encoding="utf-8",
    )
    assert cli("cards", "--bank", bank, "--card", "a7", "--out", tmp_path).exit_code == 0
    lines = [line.text for line in pdf_pages(tmp_path / "de-flashcards.pdf")[0].text_lines()]
    pieces = [text for text in lines if text.endswith("-")]
    assert len(pieces) >= 2, lines
    cuts = list(itertools.accumulate(len(text.split()[-1]) - 1 for text in pieces))
    assert set(cuts) <= set(pyphen.Pyphen(lang="de").positions(word)), lines
    assert squash("".join(text.removesuffix("-") for text in lines)).count(word) == 1, lines


def test_a_looks_own_words_mark_a_face_over_cards(tmp_path):
    """The '(1/2)' and '(cont. 2/2)' beside a number are the look's words (theme.toml's
    first_part and next_part), in any script, and so are the PDF's title and subject: they
    were fixed English. A look without them (an earlier version's) keeps the English, and a
    placeholder of another name is refused."""
    theme = (FIXTURES.parent.parent / "templates" / "theme.toml").read_text(encoding="utf-8")
    look = tmp_path / "look"
    look.mkdir()
    own = (
        theme.replace('"({part}/{parts})"', '"（{part}/{parts}枚）"')
        .replace('"(cont. {part}/{parts})"', '"(Fortsetzung {part} von {parts})"')
        .replace('"{title}: flashcards"', '"{title}: Lernkarten"')
        .replace(
            '"{count} questions; print double-sided, flipping on the long edge',
            '"{count} Fragen',
            1,
        )
    )
    (look / "theme.toml").write_text(own, encoding="utf-8")
    result = run_cli("cards", "--bank", OVERFLOW, "--templates", look, "--out", tmp_path / "a")
    assert result.exit_code == 0, result.output
    pdf = next((tmp_path / "a").glob("*.pdf"))
    text = squash(" ".join(p.text() for p in pdf_pages(pdf)))
    assert "（1/2枚）" in text and squash("(Fortsetzung 2 von 2)") in text and "cont." not in text
    meta = PdfReader(pdf).metadata
    assert meta.title.endswith(": Lernkarten") and meta.subject.startswith("2 Fragen, at ")

    old = "\n".join(
        line
        for line in theme.splitlines()
        if not line.startswith(("first_part", "next_part", "title", "subject"))
    )
    (look / "theme.toml").write_text(old, encoding="utf-8")
    result = run_cli("cards", "--bank", OVERFLOW, "--templates", look, "--out", tmp_path / "b")
    assert result.exit_code == 0, result.output
    pdf = next((tmp_path / "b").glob("*.pdf"))
    text = squash(" ".join(p.text() for p in pdf_pages(pdf)))
    assert "(1/2)" in text and squash("(cont. 2/2)") in text
    meta = PdfReader(pdf).metadata
    assert meta.title.endswith(": flashcards")
    assert meta.subject == "2 questions; print double-sided, flipping on the long edge, at " + (
        "actual size, and cut along the crop marks"
    )

    (look / "theme.toml").write_text(own.replace("{parts}枚", "{n}枚"), encoding="utf-8")
    result = run_cli("cards", "--bank", OVERFLOW, "--templates", look, "--out", tmp_path / "c")
    assert result.exit_code == 1
    assert "first_part" in result.stderr and "unknown placeholder {n}" in result.stderr


def test_a_code_line_taller_than_a_card_goes_on_over_cards(tmp_path):
    """A token of 1,400 characters in a code block stopped the build with 'the look leaves a
    card a text box too small', naming no question, and --no-overflow's advice named the
    other card sizes, which held it no better (a hostile trial). It runs on over cards,
    each further card's first row after its mark, every character there in order."""
    token = "eyJ" + "A" * 1400
    bank = tmp_path / "jwt.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: What is in this token?\n    hint: |\n      ```\n      {token}\n      ```\n",
        encoding="utf-8",
    )
    for card in ("index", "business"):
        result = run_cli("cards", "--bank", bank, "--card", card, "--out", tmp_path / card)
        assert result.exit_code == 0, result.output
        assert "continues on a 'cont.' card" in result.stderr
        text = "".join(
            squash(p.text()) for p in pdf_pages(next((tmp_path / card).glob("*.pdf")))[1::2]
        )
        assert token in "".join(c for c in text if c in "eyJA"), card
        refused = run_cli(
            "cards", "--bank", bank, "--card", card, "--no-overflow", "--out", tmp_path / "x"
        )
        assert refused.exit_code == 1 and "choose --card" not in refused.stderr


def test_a_looks_word_the_pdf_fonts_lack_is_named_with_its_file_and_key(tmp_path):
    """A script the PDF fonts lack in theme.toml's first_part (the trial's Hebrew, drawn
    since; Ethiopic here) printed as boxes without a word (a hostile trial):
    the warning names the look's file and key, not the bank."""
    theme = (FIXTURES.parent.parent / "templates" / "theme.toml").read_text(encoding="utf-8")
    look = tmp_path / "look"
    look.mkdir()
    own = theme.replace('"({part}/{parts})"', '"(ክፍል {part}/{parts})"')
    (look / "theme.toml").write_text(own, encoding="utf-8")
    result = run_cli("cards", "--bank", OVERFLOW, "--templates", look, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if "no glyph" in line]
    assert len(warned) == 1
    assert warned[0].startswith(f"{look / 'theme.toml'}: [cards] first_part: warning: ")


@pytest.mark.parametrize("duplex", ["long", "none"])
def test_a_code_span_stands_on_the_booklets_ground_on_a_card(cli, tmp_path, duplex):
    """A review: a card's code spans had no ground, where the booklet's and the PDF
    packet's stand on one. Each span on either face stands on one ground now, drawn by the
    booklet's rule (as far above and below its baseline for its size, in the look's
    code_background), inside its card's padding; prose has none, and a span alone on a
    hard-broken line of a note has one too. The ground moves no text: each back still
    lands behind its front, every word inside its card."""
    from readback import code_runs, grounds

    bank = tmp_path / "spans.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Which command lists the pods, `kubectl get pods`, and what does `-A`"
        " add?\n    hint: |\n      It runs `kubectl get pods -A` and checks"
        " `restartCount > 3 && ready` first.\n\n      - an item with `x = 1` in it\n\n"
        "      > a quote with `y = 2` in it\n"
        "    note: |\n      Then `z` alone:\\\n      `compute(y)`\n",
        encoding="utf-8",
    )
    out = tmp_path / duplex
    assert cli("cards", "--bank", bank, "--duplex", duplex, "--out", out).exit_code == 0
    assert cli("booklet", "--bank", bank, "--out", out).exit_code == 0
    shade = HexColor(CARDS_THEME_COLORS["code_background"])
    booklet = next(p for p in pdf_pages(out / "spans-booklet.pdf") if "restartCount" in p.text())
    (ground,) = grounds(booklet, code_runs(booklet)[0])
    run = code_runs(booklet)[0]
    booklet_shape = (
        round((run[0].baseline - ground.top) / run[0].size, 2),
        round((ground.bottom - run[0].baseline) / run[0].size, 2),
    )
    pages = pdf_pages(out / "spans-flashcards.pdf")
    if duplex == "long":  # each back behind its front, read in its mirrored place
        (front_page, back_page) = pages
        sheet = cells(front_page)
        faces = [(front_page, sheet), (back_page, [c.mirrored(front_page, "long") for c in sheet])]
        (front_cell,) = [c for c in sheet if face(front_page, c).label]
        back_cell = front_cell.mirrored(front_page, "long")
        front, back = face(front_page, front_cell), face(back_page, back_cell)
        assert back.label == front.label == "Q1"
        assert back.label_offset == pytest.approx(front.label_offset, abs=0.05)
        assert "restartCount" in back.text and "compute(y)" in back.text
    else:  # front and back side by side, folded between them
        (page,) = pages
        faces = [(page, [half for cell in cells(page) for half in cell.halves()])]
    found = []
    for page, sheet in faces:
        assert_text_inside(page, sheet)
        for run in code_runs(page):
            (ground,) = grounds(page, run)
            assert same_color(ground.fill, shade.hexval().replace("0x", "#"))
            assert any(within(ground, _padded(cell)) for cell in sheet), ground
            shape = (
                round((run[0].baseline - ground.top) / run[0].size, 2),
                round((ground.bottom - run[0].baseline) / run[0].size, 2),
            )
            assert shape == booklet_shape
            found.append("".join(c.text for c in run))
        prose = [c for c in page.chars if c.text in "runsdo" and "Mono" not in c.font]
        assert prose and not any(grounds(page, [c]) for c in prose)
    assert sorted(found) == sorted(
        ["kubectl get pods", "-A", "kubectl get pods -A", "restartCount > 3 && ready"]
        + ["x = 1", "y = 2", "z", "compute(y)"]
    ), found


CARDS_THEME_COLORS = load_theme().values["colors"]


def _padded(cell: Cell) -> tuple[float, float, float, float]:
    """The part of a card that its padding leaves for its text (as `assert_text_inside`
    reads it, to half a point)."""
    slack = PADDING - 0.5
    return (cell.x0 + slack, cell.top + slack, cell.x1 - slack, cell.bottom - slack)


def test_japanese_on_a_card_breaks_between_its_characters_as_japanese_is_set(tmp_path):
    """h40a's Japanese trial: reportlab took a sentence, which has no blanks, for one word
    and cut it wherever the line ended, so a card's line began with '。' or 'ー' and a
    number broke in two ('２０４' then '８ビット'), and 'TLS' stood alone on a line before
    the rest. A card's lines now break as the booklet's do: between the characters, never
    before a closing mark nor inside a number, each line filled but the last."""
    from qbank.text import NO_LINE_END, NO_LINE_START

    question = (
        "TLS 1.3のハンドシェイクでは、クライアントとサーバーがどのような順序でメッセージを"
        "交換し、どの時点で通信が暗号化されるのか、順を追って説明してください。"
    )
    hint = "鍵長は２０４８ビット、３０７２ビット、４０９６ビットのどれかです。" * 6
    bank = tmp_path / "ja.yaml"
    bank.write_text(
        f"title: 質問集\nlanguage: ja\nquestions:\n  - id: a\n    section: 基本\n"
        f"    question: {question}\n    hint: {hint}\n",
        encoding="utf-8",
    )
    result = run_cli("cards", "--bank", bank, "--out", tmp_path, "--card", "a7")
    assert result.exit_code == 0, result.output
    front, back = pdf_pages(tmp_path / "ja-flashcards.pdf")[:2]
    for page, text in ((front, question), (back, hint)):
        lines = [
            line.text
            for line in page.text_lines()
            if line.text.replace(" ", "") in text.replace(" ", "")
        ]
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), lines
        assert not [line for line in lines if line[0] in NO_LINE_START], lines
        assert not [line for line in lines if line[-1] in NO_LINE_END], lines
        digits = "０１２３４５６７８９"
        assert not [(a, b) for a, b in pairwise(lines) if a[-1] in digits and b[0] in digits], lines
        rows = [line for line in page.text_lines() if line.text in lines]
        right = max(line.x1 for line in rows)
        size = rows[0].chars[-1].size
        assert all(line.x1 > right - 1.5 * size for line in rows[:-1]), lines


@pytest.mark.parametrize("language", ["language: ko\n", ""])
def test_korean_on_a_card_breaks_at_its_blanks_only(tmp_path, language):
    """h41b's Korean trial: Korean puts blanks between its words, and a line breaks there
    only (word-break: keep-all, as Korean sites set it), a word's Chinese characters and
    brackets included. A card broke '《개인정보 보호법》' from its '에서', and '大韓民國'
    from '憲法의', as Chinese is broken. Each line of the card now ends at a blank, in a
    bank that says no language too (text.breaking_language)."""
    sentence = "「민감 정보」를 다루는 《개인정보 보호법》에서 "
    sentence += "大韓民國憲法의 사생활 보호를 구체화합니다. "
    hint = (sentence * 5).strip()
    bank = tmp_path / "ko.yaml"
    bank.write_text(
        f"title: 질문집\n{language}questions:\n  - id: a\n    section: 기본\n"
        f"    question: 무엇인가요?\n    hint: {hint}\n",
        encoding="utf-8",
    )
    result = run_cli("cards", "--bank", bank, "--out", tmp_path, "--card", "a7")
    assert result.exit_code == 0, result.output
    back = pdf_pages(tmp_path / "ko-flashcards.pdf")[1]
    squashed = hint.replace(" ", "")
    lines = [line.text for line in back.text_lines() if line.text.replace(" ", "") in squashed]
    assert len(lines) > 5, lines
    assert " ".join(lines) == hint, lines  # a line broken inside a word gains a blank
