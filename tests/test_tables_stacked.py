"""A table too wide for its columns to hold a short word, read back from the printed PDFs
(the booklet, the workshop handout, the fillable packet; A4 and letter): its rows one under
another, each cell beside its column's name, no two cells' letters on one another; a table
that fits stays a table, its header again over a page break."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import run_cli
from readback import pdf_pages

WIDE, FITS = 30, 12  # columns: thirty drew a letter or two a line, twelve fit whole words


def _table(columns: int, rows: int, name: str = "n", cell: str = "v") -> list[str]:
    """A table's lines: header `{name}{c}`, cells `{cell}{r}x{c}` (each word unique)."""
    return [
        "| " + " | ".join(f"{name}{c}" for c in range(columns)) + " |",
        "|" + " --- |" * columns,
        *("| " + " | ".join(f"{cell}{r}x{c}" for c in range(columns)) + " |" for r in range(rows)),
    ]


def _block(lines: list[str], indent: int) -> str:
    return "".join(" " * indent + line + "\n" for line in lines)


def _wide_bank(folder: Path) -> Path:
    """A wide table in a section's description, a question's own text, a hint, a list
    item and a quote; a long table of twelve columns in another hint."""
    path = folder / "wide.yaml"
    path.write_text(
        "title: Wide tables\nmarkup: markdown\nsections:\n"
        "  - name: Reading\n    description: |\n      Read these.\n\n"
        + _block(_table(WIDE, 1, "d", "s"), 6)
        + "questions:\n"
        "  - id: own\n    section: Reading\n    question: |\n      Which one?\n\n"
        + _block(_table(WIDE, 2, "q", "a"), 6)
        + "    hint: |\n"
        + _block(_table(WIDE, 2, "h", "b"), 6)
        + "\n      - an item:\n\n"
        + _block(_table(WIDE, 1, "i", "c"), 8)
        + "\n"
        + _block(["> " + line for line in _table(WIDE, 1, "k", "e")], 6)
        + "  - id: long\n    section: Reading\n    question: Count the rows.\n    hint: |\n"
        + _block(_table(FITS, 70, "f", "g"), 6),
        encoding="utf-8",
    )
    return path


ARTIFACTS = {
    "booklet": (("booklet", "--edition", "study"), "wide-booklet.pdf"),
    "workshop": (("booklet", "--edition", "workshop"), "wide-workshop.pdf"),
    "packet": (("packet", "--format", "pdf", "--all"), "wide-packet-all.pdf"),
}
# the wide tables each artifact prints: (names, cells, rows); a workshop has no hints
SHOWN = {
    "booklet": (("d", "s", 1), ("q", "a", 2), ("h", "b", 2), ("i", "c", 1), ("k", "e", 1)),
    "workshop": (("d", "s", 1), ("q", "a", 2)),
    "packet": (("q", "a", 2), ("h", "b", 2), ("i", "c", 1), ("k", "e", 1)),
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """Each artifact of the wide bank on each paper, built once: (artifact, paper) to pages."""
    folder = tmp_path_factory.mktemp("wide")
    bank = _wide_bank(folder)
    found = {}
    for artifact, (args, name) in ARTIFACTS.items():
        for paper in ("a4", "letter"):
            out = folder / f"{artifact}-{paper}"
            result = run_cli(*args, "--paper", paper, "--bank", bank, "--out", out)
            assert result.exit_code == 0, result.output
            found[artifact, paper] = pdf_pages(out / name)
    return found


def _words(pages) -> list[tuple[int, object]]:
    return [(page.number, word) for page in pages for word in page.words()]


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("artifact", list(ARTIFACTS))
def test_a_table_too_wide_shows_each_cell_beside_its_column_s_name(pdfs, artifact, paper):
    """Thirty columns, in every text that holds a table, each row's cells one under another
    beside their columns' names; a long table of twelve columns in the same artifact stays
    a table (the workshop handout has no hints)."""
    words = _words(pdfs[artifact, paper])
    for name, cell, rows in SHOWN[artifact]:
        for r in range(rows):
            for c in range(WIDE):
                (found,) = [(n, w) for n, w in words if w.text == f"{cell}{r}x{c}"]
                number, word = found
                # its column's name on its line, left of it, close by
                beside = [
                    w
                    for n, w in words
                    if n == number and w.text == f"{name}{c}" and abs(w.bottom - word.bottom) < 1
                ]
                assert beside, (artifact, paper, word.text)
                assert beside[0].x1 < word.x0 < beside[0].x1 + 100
                assert "Bold" in beside[0].chars[0].font
                if c:  # each cell under the one before it
                    (above,) = [(n, w) for n, w in words if w.text == f"{cell}{r}x{c - 1}"]
                    assert (above[0], above[1].top) < (number, word.top)
    if artifact != "workshop":
        _assert_a_table_over_pages(pdfs[artifact, paper])


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("artifact", list(ARTIFACTS))
def test_no_two_cells_letters_overlap(pdfs, artifact, paper):
    """No word drawn over another on any line, no cell's word cut: thirty columns set side
    by side drew a letter or two a line, two hundred drew letters over each other."""
    for page in pdfs[artifact, paper]:
        words = sorted(page.words(), key=lambda w: (round(w.bottom), w.x0))
        for a, b in zip(words, words[1:], strict=False):
            if abs(a.bottom - b.bottom) < 1:
                assert b.x0 >= a.x1 - 0.5, (artifact, paper, page.number, a.text, b.text)
        for word in words:  # each cell's word whole: not cut, nor run into another's
            if re.match(r"[sabce]\d", word.text):
                assert re.fullmatch(r"[sabce]\d+x\d+", word.text), word.text


def _assert_a_table_over_pages(pages) -> None:
    """The long table of twelve columns is a table: on each page it runs over, its header
    once, its names side by side on one line, and each of its rows' cells on one line."""
    ends = [p.number for p in pages if "g0x0" in p.text() or "g69x0" in p.text()]
    pages = [p for p in pages if min(ends) <= p.number <= max(ends)]
    assert len(pages) >= 2
    for page in pages:
        heads = [w for w in page.words() if w.text in {f"f{c}" for c in range(FITS)}]
        # the header once on each page, its names side by side on one line
        assert sorted(w.text for w in heads) == sorted(f"f{c}" for c in range(FITS))
        assert len({round(w.bottom) for w in heads}) == 1
        assert [w.text for w in sorted(heads, key=lambda w: w.x0)] == [f"f{c}" for c in range(FITS)]
        for r in {m[1] for w in page.words() if (m := re.fullmatch(r"g(\d+)x\d+", w.text))}:
            cells = [w for w in page.words() if w.text.startswith(f"g{r}x")]
            assert len(cells) == FITS and len({round(w.bottom) for w in cells}) == 1


def _hebrew_bank(folder: Path) -> Path:
    path = folder / "hebrew.yaml"
    path.write_text(
        "title: רשתות\nmarkup: markdown\nlanguage: he\nsections: [יסודות]\nquestions:\n"
        "  - id: a\n    section: יסודות\n    question: |\n      מה הערך?\n\n"
        + _block(_table(WIDE, 2, "שם", "ערך"), 6)
        + "    hint: ראו.\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "args,name",
    [
        (("booklet", "--edition", "workshop"), "hebrew-workshop.pdf"),
        (("packet", "--format", "pdf", "--all"), "hebrew-packet-all.pdf"),
    ],
)
def test_a_right_to_left_table_too_wide_has_its_names_on_the_right(tmp_path, args, name):
    out = tmp_path / "out"
    result = run_cli(*args, "--bank", _hebrew_bank(tmp_path), "--out", out)
    assert result.exit_code == 0, result.output
    pages = pdf_pages(out / name)
    found = {}  # a cell's digits as read ('0x5') to its name's, and where each stands
    for line in (line for page in pages for line in page.text_lines()):
        named = sorted((ch for ch in line.chars if "Bold" in ch.font), key=lambda ch: ch.x0)
        cell = sorted(
            (ch for ch in line.chars if "Bold" not in ch.font and ch.text in "0123456789x"),
            key=lambda ch: ch.x0,
        )
        if named and cell:
            key = "".join(ch.text for ch in cell)
            found[key] = ("".join(ch.text for ch in named), named[0].x0, cell[-1].x1)
    for r in range(2):
        for c in range(WIDE):
            digits, name_left, cell_right = found[f"{r}x{c}"]
            assert digits == str(c) and name_left > cell_right, (r, c, found[f"{r}x{c}"])


@pytest.mark.parametrize(
    "args,where",
    [
        ((), "in the study booklet"),  # and the workshop handout, where it shows the text
        (("--format", "pdf", "--paper", "letter"), "in the PDF packet on Letter paper"),
    ],
)
def test_check_warns_of_a_stacked_table_at_its_line(tmp_path, args, where):
    """`check` names each table printed as rows of names and cells at its own line, with
    its question or section, building nothing; the table that fits goes untold."""
    path = _wide_bank(tmp_path)
    result = run_cli("check", "--bank", path, *args)
    assert result.exit_code == 0, result.output
    lines = path.read_text(encoding="utf-8").splitlines()
    told = {}
    for said in re.findall(rf"^{re.escape(str(path))}:(\d+): warning: (.*)$", result.output, re.M):
        if "columns is printed" in said[1] and where in said[1]:
            told[int(said[0])] = said[1]
    heads = {
        n + 1: line.strip() for n, line in enumerate(lines) if re.search(r"\| [dqhik]0 \|", line)
    }
    assert sorted(told) == sorted(heads), (told, heads)
    for number, said in told.items():
        owner = (
            "the description of section 'Reading'" if "d0" in heads[number] else "question 'own'"
        )
        assert said.startswith(f"{owner}: its table of {WIDE} columns"), said
    assert not list(tmp_path.glob("**/*.pdf"))


def test_the_pdf_packet_prints_a_stacked_row_taller_than_a_page_every_word_once(tmp_path):
    """A wide table's cell of 1,500 words stopped the PDF packet once stacked ('too large on
    page': a bug in qbank): its row's cells are the rows of one table, and the long cell
    splits inside itself over the pages, every word printed once, the names beside."""
    words = " ".join(f"w{n}" for n in range(1500))
    lines = _table(WIDE, 1)
    lines[2] = lines[2].replace("v0x3 ", words + " ")
    path = tmp_path / "tall.yaml"
    path.write_text(
        "title: Tall\nmarkup: markdown\nsections: [S]\nquestions:\n"
        "  - id: a\n    section: S\n    question: Which?\n    hint: |\n" + _block(lines, 6),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli("packet", "--format", "pdf", "--bank", path, "--out", out)
    assert result.exit_code == 0, result.output
    pages = pdf_pages(out / "tall-packet.pdf")
    drawn = [w.text for page in pages for w in page.words()]
    assert Counter(w for w in drawn if re.fullmatch(r"w\d+", w)) == Counter(words.split())
    assert len([p for p in pages if "w0" in p.text() or "w1499" in p.text()]) >= 2
    for c in range(WIDE):  # each name once, the short cells beside theirs
        assert drawn.count(f"n{c}") == 1
        if c != 3:
            (name,) = [w for p in pages for w in p.words() if w.text == f"n{c}"]
            (cell,) = [w for p in pages for w in p.words() if w.text == f"v0x{c}"]
            assert abs(name.bottom - cell.bottom) < 1 and name.x1 < cell.x0
