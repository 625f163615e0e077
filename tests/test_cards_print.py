"""Printable flashcards, read back for what a printer and a reader make of them: the size of
every letter, one size across a sheet, crop marks a printer can reach, the document's
information, and line breaks kept."""

from __future__ import annotations

import pytest
from helpers import FIXTURES, run_cli
from pypdf import PdfReader
from readback import CONTINUED, Page, pdf_pages
from test_cards import BANK, CARD, CARDS_THEME, MM, assert_text_inside, cards, cells, close

from qbank.bank import load_bank
from qbank.exporters.cards.face import FaceLayout
from qbank.paths import DEFAULT_BANK
from qbank.pdf import load_theme

LONG_NOTE = FIXTURES / "cards-long-note.yaml"
LINE_SEPARATOR = FIXTURES / "cards-line-separator.yaml"
MIN_SIZE = CARDS_THEME["min_size"]


def body_sizes(page: Page) -> tuple[set[float], set[float], set[float]]:
    """The font sizes of the text of the cards on a page, less each card's header (the line
    just above its coloured band): of the upright text (questions, hints), of the italic
    text (notes) and of code (at the size of the text it stands in)."""
    band_height = CARDS_THEME["band_height_mm"] * MM
    bands = [r for r in page.rects if r.fill and close(r.height, band_height, 0.1)]
    assert bands, "no card on the page"
    header = CARDS_THEME["label_size"]
    upright, italic, code = set(), set(), set()
    for char in page.chars:
        in_a_header = any(
            b.x0 - 0.1 <= char.x0 <= b.x1 and 0 <= b.top - char.bottom <= header for b in bands
        )
        if not in_a_header and char.text.strip():
            if "Mono" in char.font or char.text == CONTINUED:
                kind = code
            else:
                kind = italic if "Italic" in char.font else upright
            kind.add(round(char.size, 2))
    return upright, italic, code


# -- letter sizes -----------------------------------------------------------------------------


@pytest.mark.parametrize("bank", [LONG_NOTE, DEFAULT_BANK], ids=["long-note", "default"])
def test_no_text_on_a_business_card_is_below_the_minimum(built, bank):
    """A note is set a little smaller than its hint, but never below 7 pt, nor is any label."""
    path = cards(built, "--card", "business", bank=bank)
    backs = pdf_pages(path)[1::2]
    sizes = {round(c.size, 2) for page in backs for c in page.chars if not c.generated}
    assert min(sizes) >= MIN_SIZE, sorted(sizes)
    italic = {c.size for page in backs for c in page.chars if "Italic" in c.font}
    assert italic, "the fixture's note is missing from the backs"
    if bank == LONG_NOTE:  # the case that pushes a note below the minimum unless it is held
        assert min(italic) == pytest.approx(MIN_SIZE)


def test_a_note_too_long_for_the_minimum_is_an_overflow(tmp_path):
    """Hint and note that fit only with the note below 7 pt are an overflow: refused by name
    with --no-overflow."""
    bank = load_bank(LONG_NOTE)
    text = (FIXTURES / LONG_NOTE).read_text(encoding="utf-8")
    note = bank.questions[1].note
    longer = tmp_path / "longer-note.yaml"
    longer.write_text(text.replace(note, f"{note} {note} {note}"), encoding="utf-8")
    result = run_cli(
        "cards", "--bank", longer, "--out", tmp_path / "out", "--card", "business", "--no-overflow"
    )
    assert result.exit_code == 1
    assert "question 'alerts': the hint and note of Q2 do not fit" in result.stderr


@pytest.mark.parametrize(("bank", "card"), [(LONG_NOTE, "business"), (DEFAULT_BANK, "business")])
def test_text_comes_in_a_few_sizes_clearly_apart(built, bank, card):
    """Text that does not fit steps down the theme's few sizes (9, 7.5, 7 on a business card's
    back), not half a point at a time: neighbours differ by a clear step or not at all."""
    layout = FaceLayout(load_theme(), CARD[card])
    fronts = set(layout.sizes(CARDS_THEME["question_size"][card]))
    backs = set(layout.sizes(CARDS_THEME["hint_size"][card]))
    notes = {max(MIN_SIZE, round(s * CARDS_THEME["note_scale"], 2)) for s in backs}
    path = cards(built, "--card", card, bank=bank)
    seen = set()
    for number, page in enumerate(pdf_pages(path)):
        upright, italic, code = body_sizes(page)
        assert upright <= (backs if number % 2 else fronts), (number, sorted(upright))
        assert italic <= notes, (number, sorted(italic))
        assert code <= (backs | notes if number % 2 else fronts), (number, sorted(code))
        if number % 2:
            seen |= upright
    if bank == LONG_NOTE:  # the fixture's hints fit at 9 pt, at one step down, and two
        assert seen == {9.0, 7.5}


# -- crop marks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        ("--card", "business", "--paper", "letter", "--cut-lines"),
        ("--card", "index", "--paper", "a4"),
        ("--card", "a7", "--paper", "letter", "--duplex", "none"),
        ("--card", "business", "--paper", "letter", "--duplex", "none"),
    ],
)
def test_every_mark_stays_clear_of_the_papers_edge(built, options):
    """Many printers leave the outer 5 or 6 mm blank: no line comes nearer than the theme's
    distance, and every crop mark is still long enough to cut by."""
    edge = CARDS_THEME["crop_mark_edge_mm"] * MM
    path = cards(built, *options)
    page = pdf_pages(path)[0]
    assert cells(page), "no crop marks read"
    for line in page.lines:
        assert line.x0 >= edge - 0.01 and line.x1 <= page.width - edge + 0.01, line
        assert line.top >= edge - 0.01 and line.bottom <= page.height - edge + 0.01
        assert max(line.width, line.height) >= 1 * MM


# -- document information ---------------------------------------------------------------------


def test_the_document_information_says_how_to_print(built):
    bank = load_bank(LONG_NOTE)
    tags = ", ".join(bank.tags)
    assert tags
    duplex = PdfReader(cards(built, bank=LONG_NOTE)).metadata
    fold = PdfReader(cards(built, "--duplex", "none", bank=LONG_NOTE)).metadata
    calibrate = PdfReader(cards(built, "--calibrate", "--duplex", "short", bank=LONG_NOTE)).metadata
    assert "double-sided" in duplex.subject and "long edge" in duplex.subject
    assert "single-sided" in fold.subject and "fold" in fold.subject
    assert "double-sided" not in fold.subject
    assert "double-sided" in calibrate.subject and "short edge" in calibrate.subject
    for info in (duplex, fold):
        assert info.title.startswith(bank.title) and "flashcards" in info.title
        assert info["/Keywords"] == tags
    assert calibrate.title == "Flashcards: duplex calibration"  # nothing of the bank
    assert "--card index --paper a4 --duplex short" in calibrate.subject
    for info in (duplex, fold, calibrate):
        assert info.author == "" and info.creator == "qbank"


def test_calibration_without_duplex_is_a_clear_error(tmp_path):
    result = run_cli("cards", "--bank", BANK, "--out", tmp_path, "--calibrate", "--duplex", "none")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "--calibrate tests double-sided printing: use --duplex long or short"
    )
    assert list(tmp_path.iterdir()) == []


def test_offsets_that_move_backs_off_the_paper_are_said(tmp_path):
    """Offsets of 20 mm put the top row of a Letter sheet's backs off the paper, its header
    and question number with it, without a word (a print trial); a printer's few
    millimetres say nothing."""
    args = ("cards", "--bank", BANK, "--paper", "letter", "--duplex", "short")
    far = run_cli(*args, "--out", tmp_path / "far", "--offset-x", "20", "--offset-y", "20")
    assert far.exit_code == 0, far.output
    assert (
        "warning: --offset-x 20 --offset-y 20 moves the cards' backs 7.3 mm past the top edge "
        "of the paper, where nothing is printed" in far.stderr
    )
    back = pdf_pages(next((tmp_path / "far").glob("*.pdf")))[1]
    assert any(c.top < 0 for c in back.chars), "the test's premise: text off the sheet"
    near = run_cli(*args, "--out", tmp_path / "near", "--offset-x", "-3", "--offset-y", "4")
    assert near.exit_code == 0 and "past the" not in near.stderr, near.output


# -- text -------------------------------------------------------------------------------------


def test_a_line_separator_breaks_the_line(built):
    path = cards(built, bank=LINE_SEPARATOR)
    lines = pdf_pages(path)[1].text().splitlines()
    assert "Contain the endpoint." in lines and "Then preserve the logs." in lines


def test_the_line_separator_fixture_holds_them():
    """The fixture above does hold the separators (a YAML loader may fold them)."""
    hint = load_bank(LINE_SEPARATOR).questions[0].hint
    assert hint == "Contain the endpoint.\u2028Then preserve the logs."


def test_a_long_section_name_is_cut_short_with_an_ellipsis(tmp_path, built):
    """The header's section name shrinks to the minimum, then ends in '…' inside the card."""
    name = "Incident Response for Retrieval-Augmented Generation Pipelines in Production"
    bank = tmp_path / "long-section.yaml"
    bank.write_text(
        f"title: Long section\nsections: ['{name}']\nquestions:\n"
        f"  - {{id: one, section: '{name}', question: What first?, hint: Contain it.}}\n",
        encoding="utf-8",
    )
    path = cards(built, "--card", "business", bank=bank)
    front = pdf_pages(path)[0]
    (cell,) = [c for c in cells(front) if "Q1" in front.text(c.bbox)]
    words = front.words(cell.bbox)
    label = next(w for w in words if w.text == "Q1")
    header = [w for w in words if w is not label and close(w.bottom, label.bottom, 1)]
    assert header[-1].text.endswith("\u2026")
    assert "Incident" in header[0].text
    assert_text_inside(front, cells(front))
    assert min(c.size for c in front.chars if not c.generated) >= MIN_SIZE


@pytest.mark.parametrize(
    ("args", "duplex"),
    [
        (("--duplex", "long"), "/DuplexFlipLongEdge"),
        (("--duplex", "short"), "/DuplexFlipShortEdge"),
        (("--duplex", "none"), "/Simplex"),
        (("--calibrate", "--duplex", "short"), "/DuplexFlipShortEdge"),
    ],
)
def test_the_print_dialog_is_preset_to_actual_size_and_the_duplex(built, args, duplex):
    """A trial: the docs insist on actual size and the right flip, which the PDFs did not
    ask of the print dialog (PDF 1.7's ViewerPreferences, for the readers that read them)."""
    path = cards(built, *args)
    preferences = PdfReader(path).trailer["/Root"]["/ViewerPreferences"]
    assert preferences["/PrintScaling"] == "/None"
    assert preferences["/Duplex"] == duplex
    assert path.read_bytes().startswith(b"%PDF-1.7")  # the version /Duplex is of (a review)
