"""The flashcards' pure parts: the grid on a sheet, and fitting text into a card."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch, mm

from qbank.exporters.cards.face import SIZE_STEP, FaceLayout
from qbank.exporters.cards.grid import CARD_SIZES, CardGrid, mirrored_point
from qbank.pdf import PRINTER_MARGIN, load_theme

PAPERS = {"a4": A4, "letter": LETTER}


@pytest.mark.parametrize(
    ("card", "paper", "placed", "columns", "rows"),
    [
        # a 5 x 3 in card fits 3 to a sheet lying down, 4 standing up
        ("index", "a4", (3 * inch, 5 * inch), 2, 2),
        ("index", "letter", (3 * inch, 5 * inch), 2, 2),
        ("business", "a4", (3.5 * inch, 2 * inch), 2, 5),
        ("business", "letter", (3.5 * inch, 2 * inch), 2, 5),
        ("a7", "a4", (74 * mm, 105 * mm), 2, 2),
    ],
)
def test_the_grid_takes_the_orientation_that_fits_more(card, paper, placed, columns, rows):
    grid = CardGrid.fit(PAPERS[paper], CARD_SIZES[card], PRINTER_MARGIN)
    assert grid.card == pytest.approx(placed)
    assert (grid.columns, grid.rows) == (columns, rows)


def test_a_tie_keeps_the_natural_orientation():
    page = (200 * mm, 200 * mm)  # square: both orientations fit the same number
    assert CardGrid.fit(page, (80 * mm, 50 * mm), 10 * mm).card == (80 * mm, 50 * mm)
    assert CardGrid.fit(page, (50 * mm, 80 * mm), 10 * mm).card == (50 * mm, 80 * mm)


def test_a_card_that_fits_exactly_is_kept():
    grid = CardGrid.fit((100.0, 60.0), (40.0, 20.0), 10.0)
    assert (grid.columns, grid.rows) == (2, 2)


def test_a_card_bigger_than_the_paper_is_refused():
    with pytest.raises(ValueError):
        CardGrid.fit(A4, (300 * mm, 300 * mm), PRINTER_MARGIN)


@pytest.mark.parametrize("fold", [False, True])
@pytest.mark.parametrize("card", sorted(CARD_SIZES))
@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_the_grid_is_centred_inside_the_margin(card, paper, fold):
    grid = CardGrid.fit(PAPERS[paper], CARD_SIZES[card], PRINTER_MARGIN, fold=fold)
    width, height = PAPERS[paper]
    assert grid.left >= PRINTER_MARGIN and grid.bottom >= PRINTER_MARGIN
    assert grid.left == pytest.approx(width - grid.right)
    assert grid.bottom == pytest.approx(height - grid.top)
    # one more card, either way, would not fit inside the margin
    assert grid.right - grid.left + grid.cell_width > width - 2 * PRINTER_MARGIN
    assert grid.top - grid.bottom + grid.card[1] > height - 2 * PRINTER_MARGIN


def _grids():
    return st.builds(
        lambda paper, card, fold: CardGrid.fit(PAPERS[paper], CARD_SIZES[card], 10 * mm, fold),
        st.sampled_from(sorted(PAPERS)),
        st.sampled_from(sorted(CARD_SIZES)),
        st.booleans(),
    )


@given(grid=_grids(), data=st.data())
def test_backs_mirror_their_fronts(grid, data):
    index = data.draw(st.integers(0, grid.per_sheet - 1))
    column, row = grid.cell(index)
    assert grid.mirrored_column(grid.mirrored_column(column)) == column
    assert grid.mirrored_row(grid.mirrored_row(row)) == row
    width, height = grid.card
    if grid.fold:  # no duplex: the back stands right of the front, in the same cell
        x, y = grid.slot(index, "front", "none")
        assert grid.slot(index, "back", "none") == (x + width, y)
        return
    x, y = grid.slot(index, "front", "long")
    assert grid.slot(index, "front", "short") == (x, y)
    # long edge: the card's centre mirrored across the sheet, same height
    back_x, back_y = grid.slot(index, "back", "long")
    assert back_x + width / 2 == pytest.approx(grid.page[0] - (x + width / 2))
    assert back_y == y
    assert (back_x + width / 2, back_y) == pytest.approx(
        mirrored_point(grid.page, (x + width / 2, y), "long")
    )
    # short edge: mirrored up and down, same column
    back_x, back_y = grid.slot(index, "back", "short")
    assert back_x == x
    assert back_y + height / 2 == pytest.approx(grid.page[1] - (y + height / 2))


@given(grid=_grids())
def test_cards_tile_the_grid_without_overlapping(grid):
    fronts = {grid.slot(i, "front", "long") for i in range(grid.per_sheet)}
    assert len(fronts) == grid.per_sheet
    for x, y in fronts:
        assert grid.left - 1e-6 <= x and x + grid.card[0] <= grid.right + 1e-6
        assert grid.bottom - 1e-6 <= y and y + grid.card[1] <= grid.top + 1e-6
    # every card edge is on a cut (or, folding, the fold)
    edges = {round(x, 6) for x in grid.cut_xs() + grid.fold_xs()}
    assert {round(x, 6) for x, _ in fronts} <= edges
    assert {round(y, 6) for _, y in fronts} <= {round(y, 6) for y in grid.cut_ys()}
    assert len(grid.fold_xs()) == (grid.columns if grid.fold else 0)


def test_cell_reads_left_to_right_then_down():
    grid = CardGrid.fit(A4, CARD_SIZES["business"], PRINTER_MARGIN)
    assert [grid.cell(i) for i in range(4)] == [(0, 0), (1, 0), (0, 1), (1, 1)]
    x0, y0 = grid.slot(0, "front", "long")
    assert (x0, y0 + grid.card[1]) == pytest.approx((grid.left, grid.top))
    with pytest.raises(IndexError):
        grid.cell(grid.per_sheet)


# -- fitting text -------------------------------------------------------------------------


@pytest.fixture
def layout():
    grid = CardGrid.fit(A4, CARD_SIZES["business"], PRINTER_MARGIN)
    return FaceLayout(load_theme(), grid.card)


def _size(fitted) -> float:
    size, blocks = fitted
    assert blocks[0][0].style.fontSize == size
    return size


def _texts(words: int) -> list[tuple[str, str]]:
    return [(" ".join(f"word{i}" for i in range(words)), "body")]


def test_short_text_keeps_the_largest_size(layout):
    blocks = layout.fit(_texts(5), 11)
    assert _size(blocks) == 11


def test_longer_text_gets_the_largest_size_that_fits(layout):
    for words in (40, 50, 60, 80):
        fitted = layout.fit(_texts(words), 11)
        size = _size(fitted)
        assert layout.min_size <= size < 11
        assert sum(height for _, height in fitted[1]) <= layout.text_height
        sizes = layout.sizes(11)
        assert size in sizes
        larger = sizes[sizes.index(size) + 1]
        assert layout.wrap(_texts(words), larger, layout.min_size) is None  # one step up overflows


def test_text_too_long_for_the_smallest_size_does_not_fit(layout):
    assert layout.fit(_texts(400), 11) is None


def test_a_note_is_never_set_below_the_minimum(layout):
    """A note is a little smaller than its hint, down to the minimum and no further, so a
    hint and note that fit only with a smaller note do not fit."""
    assert layout.style("note", 10).fontSize < 10
    assert layout.style("note", layout.min_size).fontSize == layout.min_size
    assert layout.style("note", layout.min_size + SIZE_STEP).fontSize == layout.min_size


def test_sizes_step_down_by_the_theme_ratio_to_the_minimum(layout):
    for largest in (17, 12, 11, 9):
        sizes = layout.sizes(largest)
        assert sizes[0] == layout.min_size and sizes[-1] == largest
        assert sizes == sorted(set(sizes))
        assert all(size % SIZE_STEP == 0 for size in sizes)
        for smaller, larger in zip(sizes[1:-1], sizes[2:], strict=True):
            assert abs(smaller - larger * layout.size_ratio) <= SIZE_STEP / 2
    assert layout.sizes(9) == [7, 7.5, 9]  # what the theme's comment promises
    assert layout.sizes(layout.min_size) == [layout.min_size]


def test_paginate_fills_each_box_and_keeps_the_note_last(layout):
    """(That every word comes out, in order, is read back from the PDF in test_cards.)"""
    texts = _texts(400) + [("<b>Note:</b> the last words", "note")]
    pages = layout.paginate(texts)
    assert len(pages) > 2
    for page in pages:
        assert sum(height for _, height in page) <= layout.text_height + 1e-6
    for page in pages[:-2]:  # a box is only left with room for less than a line
        room = layout.text_height - sum(height for _, height in page)
        assert room < layout.style("body", layout.min_size).leading
    kinds = [p.style.name.split("-")[1] for page in pages for p, _ in page]
    assert kinds[-1] == "note" and kinds.count("note") == 1


def test_a_long_word_takes_a_smaller_size_rather_than_a_break_inside_it(layout):
    """'lm-evaluation-harness' on a narrow card: the largest size at which the word stays
    whole, where a size that fits the lines would break it. A face shrinks at most to
    WORD_SHRINK of its size for a word, to the half point the word takes when that lies
    between two of its sizes (14 pt of 17, whose next size, 12.5, is more than a quarter
    smaller, as a short hint took 8.5 pt of 12: a trial); a word too wide even there (a web
    address, a long identifier) is broken at the size its lines take, not set at the
    minimum with the rest of the card (a whole card at 7 pt for one address, a trial)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from qbank.exporters.cards.face import SIZE_STEP, WORD_SHRINK
    from qbank.rich_markup import Piece

    word = "lm-evaluation-harness-and-more"
    font = layout.style("body", 11).fontName
    fitted = _size(layout.fit([(f"Run {word}?", "body")], 17))
    assert 17 * WORD_SHRINK <= fitted and stringWidth(word, font, fitted) <= layout.text_width
    larger = [s for s in layout.sizes(17) if s > fitted]
    assert larger and stringWidth(word, font, larger[0]) > layout.text_width
    assert stringWidth(word, font, fitted + SIZE_STEP) > layout.text_width
    # nor, for a word of any length, in a paragraph or a list item, whose indent grows with
    # the size, more than a quarter smaller (a hint's code span in an item took 8.5 pt of
    # 12, a scale of its width at 10 pt having said it kept whole at 9)
    item = {"kind": "item", "depth": 1, "marker": "\u2022", "left_levels": 1}
    for n in range(16, 48, 2):
        text = f"Run {(word + '-' + word)[:n].strip('-')}?"
        for markup in (text, Piece(text, **item)):
            for largest in (17, 12):
                assert _size(layout.fit([(markup, "body")], largest)) >= largest * WORD_SHRINK
    for long in (
        "requiredDuringSchedulingIgnoredDuringExecutionAndThenSome",
        "https://kubernetes.io/docs/concepts/services-networking/ingress/",
    ):
        assert stringWidth(long, font, 17 * WORD_SHRINK) > layout.text_width
        assert _size(layout.fit([(f"See {long} for more.", "body")], 17)) == 17
    # a script written without spaces breaks between any two of its characters: a
    # Japanese sentence is no long word (it was set at the minimum, 7 pt, for a while)
    japanese = "あなたの長所は何ですか？日本語で答えてください。"
    assert _size(layout.fit([(japanese, "body")], 17)) == 17
