"""GitHub's tables in the PDFs, read back as a reader gets them: every cell in row order,
columns aligned as written, the header again over a page break, nothing off the page (the
booklet and the workshop handout, the flashcards, the fillable packet)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import FIXTURES, run_cli
from pypdf import PdfReader
from readback import pdf_pages

from qbank.bank import load_bank
from qbank.glyphs import invisible
from qbank.reportlab_fixes import CODE_CONTINUED
from qbank.rich import Table, span_text, walk
from qbank.text import BREAK_AFTER, has_right_to_left

BANK = FIXTURES / "markdown" / "tables.yaml"
MM = 72 / 25.4


def _tables(bank) -> list[Table]:
    found = []
    for text in (bank.description, *(s.description for s in bank.sections)):
        tree = bank.rich_text(text) if text else None
        found += [b for b in walk(tree.blocks) if isinstance(b, Table)] if tree else []
    for q in bank.questions:
        for text in (q.question, q.hint, q.note):
            tree = bank.rich_text(text) if text else None
            found += [b for b in walk(tree.blocks) if isinstance(b, Table)] if tree else []
    return found


def _cells(table: Table) -> list[str]:
    return [span_text(cell.spans) for cell in table.cells()]


def _long_bank(folder: Path, field: str = "hint") -> Path:
    """A bank whose one question's `field` (its hint, or the question's own text) holds a
    table longer than a page: 70 rows, or 45 short ones in a question's at most 1,000
    characters."""
    if field == "hint":
        line, head = "      | row {n} | {words}end {n} | {count} |", "Name | Words | Count"
        rule, rows = "--- | --- | --:", 70
    else:
        line, head, rule, rows = "      | row {n} | end {n} |", "Name | Words", "--- | ---", 45
    body = "\n".join(line.format(n=n, words="word " * (n % 7), count=n * 7) for n in range(rows))
    table = f"      | {head} |\n      | {rule} |\n" + body + "\n"
    heading = "Read the long table.\n" if field == "hint" else "|\n      Read it:\n\n" + table
    path = folder / "long.yaml"
    path.write_text(
        "title: Long table\nmarkup: markdown\nsections: [Reading]\nquestions:\n"
        f"  - id: long\n    section: Reading\n    question: {heading}"
        + ("    hint: |\n" + table if field == "hint" else "    hint: Count the rows.\n"),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def bank():
    return load_bank(BANK)


def test_every_cell_of_every_table_is_printed_in_row_order(built, bank):
    """Each row's cells side by side, their lines read across: each cell's words in order
    after its row's start, each row after the one above."""
    path = built("booklet", "--bank", BANK) / "tables-booklet.pdf"
    text = "".join(page.text() for page in pdf_pages(path))
    at = 0
    for table in _tables(bank):
        for row in (table.header, *table.rows):
            start = at
            for cell in row:
                found = start
                written = span_text(cell.spans)
                # a skin tone and a joiner draw nothing (glyphs.invisible)
                for word in re.findall(r"\w+|[^\w\s|]", written):
                    if all(map(invisible, word)):
                        continue
                    # right-to-left words are drawn in the order read: from the right
                    found = text.find(word, start if has_right_to_left(written) else found)
                    assert found >= 0, (word, span_text(cell.spans), text[start : start + 300])
                    found += len(word)
                    at = max(at, found) if cell is row[0] else at
    # a link's address printed after its words, as the text's links are
    assert "(https://docs.aws.amazon.com/" in text and "cloudtrail-user-guide.html)" in text


def _line_of(page, word: str, below: float = 0.0):
    """The first word `word` on `page` lower than `below`."""
    return next(w for w in page.words() if w.text == word and w.top > below)


def test_a_header_is_bold_over_a_rule_and_columns_align_as_written(built):
    pages = pdf_pages(built("booklet", "--bank", BANK) / "tables-booklet.pdf")
    page = next(p for p in pages if "Kept for" in p.text())
    kept = _line_of(page, "Kept")
    log, records = (_line_of(page, w, kept.top - 1) for w in ("Log", "Records"))
    assert "Bold" in log.chars[0].font and "Bold" in kept.chars[0].font
    assert "Bold" not in _line_of(page, "scope.").chars[0].font
    # right-aligned: every cell of 'Kept for' ends where its header does
    days = [w for w in page.words() if w.text == "days"]
    (kept_for,) = [w for w in page.words() if w.text == "for" and abs(w.top - kept.top) < 1]
    assert len(days) == 3 and all(abs(w.x1 - kept_for.x1) < 0.5 for w in days)
    assert max(w.x1 for w in days) - min(w.x1 for w in days) < 0.5
    # centred: 'AWS API calls' centred under 'Records'
    aws = _line_of(page, "AWS")
    calls = _line_of(page, "calls")
    assert abs((aws.x0 + calls.x1) / 2 - (records.x0 + records.x1) / 2) < 1
    # left-aligned: the first column starts where its header does
    assert abs(_line_of(page, "SigninLogs", kept.top).x0 - log.x0) < 0.5
    # a rule under the header, between it and the first row
    first = _line_of(page, "SigninLogs", kept.top)
    rules = [s for s in page.lines if s.stroke and log.bottom < s.top < first.top]
    assert rules and rules[0].x0 <= log.x0 and rules[0].x1 >= kept.x1


def test_a_wide_table_fits_the_text_column_its_words_whole(built):
    pages = pdf_pages(built("booklet", "--bank", BANK) / "tables-booklet.pdf")
    page = next(p for p in pages if "Approach" in p.text())
    header = ("Approach", "Finds", "Misses", "False", "Cost", "Upkeep", "Example", "Verdict")
    heads = [_line_of(page, w) for w in header]
    assert len({round(w.baseline if hasattr(w, "baseline") else w.bottom) for w in heads}) == 1
    assert [w.x0 for w in heads] == sorted(w.x0 for w in heads)
    left, right = 24 * MM, page.width - 24 * MM
    for char in (c for c in page.chars if not (c.artifact or c.generated)):
        assert left - 0.5 <= char.x0 and char.x1 <= right + 0.5, char
    words = {w.text for w in page.words()}
    # long words stay whole in their narrow columns
    for word in ("intelligence", "subscription", "infrastructure", "behaviour", "supplement"):
        assert word in words, word
    assert min(c.size for c in page.chars if c.text == "S") >= 7.5 - 0.01  # readable


def test_a_long_cell_wraps_in_its_column(built):
    pages = pdf_pages(built("booklet", "--bank", BANK) / "tables-booklet.pdf")
    page = next(p for p in pages if "Defense" in p.text())
    term = _line_of(page, "Defense")
    layering = _line_of(page, "Layering")
    notice = _line_of(page, "notice.")
    assert notice.top > layering.top + 40  # several lines
    assert notice.x0 > term.x1 and layering.x0 > term.x1
    # each line of the long cell starts at its column's left
    starts = {round(w.x0) for w in page.words() if layering.top <= w.top <= notice.top}
    assert round(layering.x0) in starts
    least = _line_of(page, "Least")
    assert least.top > notice.top  # the next row under the whole long cell


@pytest.mark.parametrize("field", ["hint", "question"])
def test_a_table_longer_than_a_page_splits_between_rows_its_header_repeated(tmp_path, field):
    """A hint's table, and one in the question's own text: the question's heading stays
    with its table's header and first row, and a page breaks between rows only (one in the
    heading was split wherever the page ended, inside a row, its header not again)."""
    out = tmp_path / "out"
    result = run_cli("booklet", "--bank", _long_bank(tmp_path, field=field), "--out", out)
    assert result.exit_code == 0, result.output
    pages = [p for p in pdf_pages(out / "long-booklet.pdf") if "row " in p.text()]
    assert len(pages) >= 2
    seen = []
    for page in pages:
        lines = [line.text for line in page.text_lines()]
        assert any("Name Words" in line for line in lines), lines[:5]
        seen += [int(line.split()[1]) for line in lines if line.startswith("row ")]
    assert seen == list(range(70 if field == "hint" else 45))  # each row once, in order
    for page in pages:  # each row's cells on the page its first cell is on
        text = page.text()
        assert re.findall(r"row (\d+)", text) == re.findall(r"end (\d+)", text)
    # the question's heading with the header and the first row, under its section's
    # opening: a question's own table, kept whole with its heading, moved to the next
    # page and left the opening alone on its page
    first = pages[0].text()
    assert "PART 1" in first and "Q1" in first and "row 0" in first
    for page in pages:
        # the running footer aside
        for char in (c for c in page.chars if not (c.artifact or c.generated)):
            assert 24 * MM - 0.5 <= char.x0 and char.x1 <= page.width - 24 * MM + 0.5
            assert char.bottom <= page.height - 24 * MM


def test_the_outline_is_the_questions_as_without_tables(built):
    path = built("booklet", "--bank", BANK) / "tables-booklet.pdf"
    titles = []
    for entry in PdfReader(path).outline:
        titles += [e.title for e in entry] if isinstance(entry, list) else [entry.title]
    for question in load_bank(BANK).questions:
        assert sum(title.startswith(f"Q{question.number} ") for title in titles) == 1, titles


# -- flashcards -------------------------------------------------------------------------


def _words(table: Table) -> list[str]:
    return [
        word
        for cell in _cells(table)
        for word in re.findall(r"\w+", cell)
        if not has_right_to_left(word)  # drawn in the order read, right to left
    ]


def test_every_cell_of_a_card_table_is_on_its_card_within_the_card(built, bank):
    from test_cards import assert_text_inside, card_texts, cells

    path = built("cards", "--bank", BANK) / "tables-flashcards.pdf"
    for question in bank.questions:
        fronts, back = card_texts(path, question)
        front = "".join(face.text for face in fronts)
        for field, shown in ((question.question, front), (question.hint, back)):
            shown = shown.replace(CODE_CONTINUED.strip(), "")  # a code span's further lines
            tree = bank.rich_text(field)
            for table in (b for b in walk(tree.blocks) if isinstance(b, Table)):
                for word in _words(table):
                    assert word in shown, (question.id, word)
    pages = pdf_pages(path)
    for front, back in zip(pages[::2], pages[1::2], strict=True):
        sheet = cells(front)  # the backs' behind them (printed on the long edge)
        assert_text_inside(front, sheet)
        assert_text_inside(back, [cell.mirrored(front, "long") for cell in sheet])
    for page in pages:
        sizes = [c.size for c in page.chars if not (c.generated or c.text.isspace())]
        assert min(sizes) >= 7 - 0.01  # the cards' min_size


def test_a_table_too_wide_for_a_card_shows_each_row_as_its_cells_beside_their_names(built, bank):
    from test_cards import card_texts

    path = built("cards", "--bank", BANK) / "tables-flashcards.pdf"
    question = next(q for q in bank.questions if q.id == "wide-comparison")
    _, back = card_texts(path, question)
    back = back.replace(CODE_CONTINUED.strip(), "")  # a code span's further lines
    (table,) = [b for b in bank.rich_text(question.hint).blocks if isinstance(b, Table)]
    names = [span_text(cell.spans) for cell in table.header]
    at = 0
    for row in table.rows:  # row after row, each cell after its column's name
        for name, cell in zip(names, row, strict=True):
            pair = "".join(f"{name}{span_text(cell.spans)}".split())
            found = back.find(pair, at)
            assert found >= at, (pair, back[at : at + 120])
            at = found + len(pair)


# -- the fillable packet ------------------------------------------------------------------


def test_the_packet_pdf_draws_each_table_in_a_hint_and_a_question(built, bank):
    path = built("packet", "--all", "--format", "pdf", "--bank", BANK) / "tables-packet-all.pdf"
    pages = pdf_pages(path)
    text = "\n".join(page.text() for page in pages)
    for table in _tables(bank):  # the bank's own description is no packet's
        if table is _tables(bank)[0]:
            continue
        for word in _words(table):
            assert word in text, word
    page = next(p for p in pages if "Kept for" in p.text())
    lines = [line.text for line in page.text_lines()]
    assert "Log Records Kept for" in lines
    assert "Question Source" in lines  # the question's, under its heading
    assert "Signal Source" in lines  # the section's description
    days = [w for w in page.words() if w.text == "days"]
    assert len(days) == 3 and max(w.x1 for w in days) - min(w.x1 for w in days) < 0.5
    for char in (c for c in page.chars if not (c.artifact or c.generated)):
        assert 10 * MM <= char.x0 and char.x1 <= page.width - 10 * MM
    # every font the tables name is embedded: no Helvetica of reportlab's tables
    for number in range(len(PdfReader(path).pages)):
        fonts = PdfReader(path).pages[number]["/Resources"].get("/Font", {})
        names = [str(fonts[key].get_object()["/BaseFont"]) for key in fonts]
        assert not any("Helvetica" in name for name in names), names


# -- words kept whole ----------------------------------------------------------------------

ADDRESS = "(https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-user-guide.html)"


def _prose_words(bank) -> Counter[str]:
    """The words of the questions' tables' cells outside code, as often as the cells hold
    them: those in Latin letters and signs (words drawn right to left, or joined by marks
    that draw nothing, read back otherwise)."""
    texts = [text for q in bank.questions for text in (q.question, q.hint, q.note) if text]
    return Counter(
        word
        for text in texts
        for table in walk(bank.rich_text(text).blocks)
        if isinstance(table, Table)
        for cell in table.cells()
        for span in cell.spans
        if not span.code
        for word in span.text.split()
        if word.isascii()
    )


ARTIFACTS = [
    (("booklet",), "booklet.pdf"),
    (("cards",), "flashcards.pdf"),
    (("packet", "--all", "--format", "pdf"), "packet-all.pdf"),
]


def _assert_cut_only_at_separators(path: Path, bank) -> None:
    """Every word of the questions' tables whole in the PDF at `path` (_prose_words), and
    each line of ADDRESS, where it is drawn, ending after a separator."""
    drawn = [w.text for page in pdf_pages(path) for w in page.words()]
    counted = Counter(drawn)
    for word, times in _prose_words(bank).items():
        assert counted[word] >= times, (word, [w for w in drawn if w in word or word in w])
    starts = [n for n, word in enumerate(drawn) if word.startswith("(https://")]
    assert starts
    for start in starts:
        # its lines' pieces, in order, the other cells' lines between them (the booklet
        # draws a row's lines across)
        pieces = [drawn[start]]
        for word in drawn[start + 1 : start + 40]:
            if ADDRESS.startswith("".join(pieces) + word):
                pieces.append(word)
        assert "".join(pieces) == ADDRESS, pieces
        assert all(piece[-1] in BREAK_AFTER for piece in pieces[:-1]), pieces


@pytest.mark.parametrize("args,name", ARTIFACTS)
def test_a_cell_cuts_no_word_but_an_address_after_its_separators(built, bank, args, name):
    """Each column as wide as its words ask, an address by the pieces it breaks into: a
    card's address, measured whole, left 'succ' over 'essful' in the next column, and its
    cell cut it at any letter ('(https' then '://docs.aws.ama')."""
    _assert_cut_only_at_separators(built(*args, "--bank", BANK) / f"tables-{name}", bank)


@pytest.mark.parametrize("args,name", ARTIFACTS)
def test_an_address_wider_than_its_column_breaks_after_its_host_s_dots(tmp_path, args, name):
    """Five columns: the address's host is wider than its column, and is cut after its
    dots, where the booklet cut the address at any letter ('latest/u' then 'serguide')."""
    path = tmp_path / "narrow.yaml"
    path.write_text(
        "title: Narrow\nmarkup: markdown\nsections: [Logs]\nquestions:\n"
        "  - id: a\n    section: Logs\n    question: Which log?\n    hint: |\n"
        "      | Log | Records | Kept for | Owner | Reviewed by |\n"
        "      | --- | --- | --- | --- | --- |\n"
        f"      | [CloudTrail]({ADDRESS[1:-1]}) | management events, successful and "
        "unsuccessful | ninety days | platform engineering | security operations |\n"
        "      | `DeviceProcessEvents` | each process started | thirty days | endpoint "
        "engineering | detection engineering |\n",
        encoding="utf-8",
    )
    result = run_cli(*args, "--bank", path, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    _assert_cut_only_at_separators(tmp_path / "out" / f"narrow-{name}", load_bank(path))


# -- right to left ----------------------------------------------------------------------


def _hebrew_bank(folder: Path) -> Path:
    path = folder / "hebrew.yaml"
    path.write_text(
        "title: רשתות\nmarkup: markdown\nlanguage: he\nsections: [יסודות]\nquestions:\n"
        "  - id: a\n    section: יסודות\n    question: מה הערך?\n    hint: |\n"
        "      | שם | ערך |\n      | --- | --: |\n      | אלפא | 1 |\n      | בטא | 22 |\n",
        encoding="utf-8",
    )
    return path


def _beside(page, letter: str, other: str):
    """The characters `letter` and `other` on one line (each letter drawn on its own: the
    words run right to left)."""
    return next(
        (a, b)
        for a in page.chars
        if a.text == letter
        for b in page.chars
        if b.text == other and abs(a.baseline - b.baseline) < 1
    )


@pytest.mark.parametrize(
    "command,name",
    [
        ("booklet", "hebrew-booklet.pdf"),
        ("cards", "hebrew-flashcards.pdf"),
        ("packet --format pdf --all", "hebrew-packet-all.pdf"),
    ],
)
def test_a_right_to_left_text_s_table_runs_right_to_left(tmp_path, command, name):
    """In a bank written right to left, a table's first column stands on the right, as a
    browser sets it in a right-to-left page (and GitHub in a right-to-left document)."""
    out = tmp_path / "out"
    result = run_cli(*command.split(), "--bank", _hebrew_bank(tmp_path), "--out", out)
    assert result.exit_code == 0, result.output
    page = next(p for p in pdf_pages(out / name) if "22" in p.text())
    name_head, value_head = _beside(page, "ם", "ך")  # 'שם' and 'ערך'
    assert name_head.x0 > value_head.x1  # the first column on the right
    alpha, one = _beside(page, "פ", "1")  # 'אלפא' and its value
    assert alpha.x0 > one.x1
    # the table stands on the right of its text, where the lines start
    text = [c for c in page.chars if not (c.generated or c.artifact)]
    assert name_head.x1 > max(c.x1 for c in text) - 20


@pytest.mark.parametrize(
    "args,name",
    [
        (("booklet",), "tables-booklet.pdf"),
        (("cards",), "tables-flashcards.pdf"),
        (("packet", "--all", "--format", "pdf"), "tables-packet-all.pdf"),
    ],
)
def test_a_link_in_a_cell_opens_its_address(built, args, name):
    path = built(*args, "--bank", BANK) / name
    address = (
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-user-guide.html"
    )
    links = [
        annotation.get_object()["/A"].get("/URI")
        for page in PdfReader(path).pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()  # not the outline's links to its own pages
    ]
    assert address in links


# -- a table in a question --------------------------------------------------------------


def test_a_questions_table_has_its_header_alone_in_bold_in_the_booklet(tmp_path):
    """A table in a question (set in the question's bold) shows its header alone in bold,
    its cells in the text's weight, as the cards, the packets and the study page do: the
    booklet drew every cell bold, so that its header did not look like one (a networking
    instructor's trial)."""
    bank = tmp_path / "net.yaml"
    bank.write_text(
        "title: Networks\nmarkup: markdown\nsections: [Transport]\nquestions:\n"
        "  - id: a\n    section: Transport\n    question: |\n      Fill in the table:\n\n"
        "      | Property | Transport |\n      | --- | --- |\n"
        "      | Handshake | `syn` first |\n    hint: Three steps.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert run_cli("booklet", "--bank", bank, "--out", out).exit_code == 0
    page = next(p for p in pdf_pages(out / "net-booklet.pdf") if "Handshake" in p.text())
    fonts = {w.text: {c.font for c in w.chars} for w in page.words()}
    assert all("Bold" in font for font in fonts["Property"] | fonts["Transport"])
    assert all("Bold" not in font for font in fonts["Handshake"] | fonts["syn"]), fonts
    assert all("Bold" in font for font in fonts["Fill"])  # the question's own words


def test_a_section_description_ending_in_a_table_leaves_room_above_its_first_question(
    tmp_path,
):
    """In the PDF packet a section's description that ends in a table stands as far above
    its first question's heading as one that ends in words: the heading sat on the table's
    last rule (a networking instructor's trial)."""
    gaps = {}
    for kind, description in (
        ("table", '"Know this:\\n\\n| Layer | Name |\\n| --- | --- |\\n| 2 | Ethernet |"'),
        ("words", '"Know this: Ethernet"'),
    ):
        bank = tmp_path / f"{kind}.yaml"
        bank.write_text(
            "title: T\nmarkup: markdown\nsections:\n  - name: Basics\n"
            f"    description: {description}\nquestions:\n"
            "  - {id: a, section: Basics, question: Which layer?, hint: Two.}\n",
            encoding="utf-8",
        )
        out = tmp_path / "out"
        result = run_cli("packet", "--format", "pdf", "--bank", bank, "--out", out)
        assert result.exit_code == 0, result.output
        page = next(p for p in pdf_pages(out / f"{kind}-packet.pdf") if "Ethernet" in p.text())
        words = {w.text: w for w in page.words()}
        above = [line.bottom for line in page.lines if line.bottom < words["Q1"].top]
        end = max([words["Ethernet"].bottom, *above])  # the text's, or the table's last rule
        gaps[kind] = words["Q1"].top - end
    assert gaps["table"] >= gaps["words"] - 1, gaps


def test_a_cell_of_one_long_word_is_measured_in_time_its_length_alone(tmp_path):
    """A hostile trial: a cell of one word of 9,000 letters hung `qbank check` (the address
    pattern searched it from every start, backtracking: cubic in the word's length; 1,500
    letters took seconds a call, and a cell's words are measured at each size tried)."""
    import time

    from qbank.text import cell_pieces

    started = time.perf_counter()
    assert cell_pieces("x" * 3000) == ["x" * 3000]
    cell_pieces("a://<" * 600)
    assert time.perf_counter() - started < 1.0
    # an address still is measured by its pieces
    assert cell_pieces("https://example.com/a/b") == ["https://", "example.", "com/", "a/", "b"]
    path = tmp_path / "word.yaml"
    path.write_text(
        "title: Word\nmarkup: markdown\nsections: [S]\nquestions:\n"
        "  - id: a\n    section: S\n    question: Which word?\n    hint: |\n"
        "      | Word | Kind |\n      | --- | --- |\n"
        f"      | {'x' * 9000} | long |\n",
        encoding="utf-8",
    )
    started = time.perf_counter()
    result = run_cli("booklet", "--bank", path, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - started < 60


@pytest.mark.parametrize(
    ("table", "count"),
    [
        # more columns than the page holds with their cells' padding: reportlab refused a
        # cell narrower than its padding ('negative availWidth': 'a bug in qbank')
        ("| " + " | ".join(f"c{n}" for n in range(80)) + " |\n|" + "-|" * 80 + "\n", 80),
        # a table taller than a page in the hint's shaded box: moved whole, 'too large on
        # page' stopped the build
        ("| Kind |\n| --- |\n" + "|c|\n" * 2000, 2000),
    ],
    ids=["80-columns", "2000-rows"],
)
def test_the_pdf_packet_draws_a_hostile_table_every_cell_of_it(tmp_path, table, count):
    path = tmp_path / "hostile.yaml"
    hint = "".join(f"      {line}\n" for line in table.splitlines())
    path.write_text(
        "title: Hostile\nmarkup: markdown\nsections: [S]\nquestions:\n"
        f"  - id: a\n    section: S\n    question: Which?\n    hint: |\n{hint}",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli("packet", "--format", "pdf", "--all", "--bank", path, "--out", out)
    assert result.exit_code == 0, result.output
    text = "".join(page.extract_text() for page in PdfReader(out / "hostile-packet-all.pdf").pages)
    assert text.count("c") >= count


def test_the_pdf_packet_splits_a_row_taller_than_a_page_inside_it_and_no_other(tmp_path):
    """A cell of 1,500 words (a row taller than a page) stopped the PDF packet ('too large
    on page': a bug in qbank); it splits inside itself, the header drawn again above each
    part, every word printed once; the short rows stay whole."""
    words = " ".join(f"w{n}" for n in range(1500))
    table = f"| Term | Words |\n| --- | --- |\n| short | a few words |\n| long | {words} |\n"
    hint = "".join(
        f"      {line}\n" for line in ("Before.\n\n" + table + "| after | more |").splitlines()
    )
    path = tmp_path / "tall.yaml"
    path.write_text(
        "title: Tall\nmarkup: markdown\nsections: [S]\nquestions:\n"
        f"  - id: a\n    section: S\n    question: Which?\n    hint: |\n{hint}",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli("packet", "--format", "pdf", "--bank", path, "--out", out)
    assert result.exit_code == 0, result.output
    pages = [page.extract_text() for page in PdfReader(out / "tall-packet.pdf").pages]
    drawn = " ".join(pages).split()
    assert Counter(w for w in drawn if re.fullmatch(r"w\d+", w)) == Counter(words.split())
    holding = [text for text in pages if "w1499" in text or "w0 " in text or "w750" in text]
    assert len(holding) >= 2 and all("Term" in text for text in holding)
    assert "a few words" in " ".join(pages) and "more" in drawn
