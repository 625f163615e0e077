"""A Markdown bank's tables in the DOCX packet and the debrief, read back: a real Word table
(its header row repeating, bold on a shade, each column aligned as written, every cell's
text in order), inside the question's block, no wider than the page, laid out by
LibreOffice with nothing off the page; its height counted by the page fit; and a question's
table never read back as the scorecard or the notes."""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from filling import Filled, fill, libreoffice_convert
from helpers import FIXTURES, run_cli
from readback import as_read, pdf_pages

from qbank.bank import load_bank
from qbank.debrief import read_debrief
from qbank.debrief.read import read_packet
from qbank.rich import Table, address_after, walk
from qbank.rubric import load_wording
from qbank.wordml.fit import PageFit
from qbank.wordml.theme import load_theme

BANK = FIXTURES / "markdown" / "tables.yaml"
TABLE_STYLES = {"PacketTable", "PacketTableHead"}
MARGIN = 18 * 72 / 25.4  # templates/packet/theme.toml's margin_mm, in points


def _cell_text(cell) -> str:
    """A cell of a rich.Table as the packet prints it: a link's address after its words."""
    return "".join(
        span.text + (f" ({span.href})" if address_after(span) else "") for span in cell.spans
    )


def _shown_tables(bank) -> list[Table]:
    """The bank's tables in the order the packet shows them: a section's description
    under its heading, then each question's text, hint and note."""
    found: list[Table] = []
    described = set()
    for q in bank.questions:
        section = next(s for s in bank.sections if s.name == q.section)
        texts = [q.question, q.hint, q.note or ""]
        if section.name not in described:
            described.add(section.name)
            texts.insert(0, section.description)
        for text in texts:
            tree = bank.rich_text(text) if text else None
            if tree is not None:
                found += [b for b in walk(tree.blocks) if isinstance(b, Table)]
    return found


def _style(paragraph) -> str:
    found = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return "" if found is None else found.get(qn("w:val"))


def _question_tables(document) -> list:
    """The document's tables of bank text (of the Packet Table styles), in order: their
    first cell opens with a paragraph of those styles (a hint's box opens with its table)."""
    first_cell = f"{qn('w:tr')}/{qn('w:tc')}"
    return [
        table
        for table in document.element.body.iter(qn("w:tbl"))
        if (opening := table.find(first_cell)[1]).tag == qn("w:p")
        and _style(opening) in TABLE_STYLES
    ]


def _read(text: str) -> str:
    """A cell's text as the bank wrote it: the no-break spaces the packet keeps and the
    direction marks around a right-to-left paragraph's code read as what they stand for."""
    return as_read(text).replace("\u200e", "")


@pytest.fixture(scope="module")
def packet(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tables")
    result = run_cli("packet", "--bank", BANK, "--all", "--out", out)
    assert result.exit_code == 0, result.output
    return out / "tables-packet-all.docx"


def test_every_table_is_a_word_table_with_every_cell_in_order(packet):
    bank = load_bank(BANK)
    document = docx.Document(str(packet))
    expected = _shown_tables(bank)
    found = _question_tables(document)
    assert len(found) == len(expected) == 9
    for element, table in zip(found, expected, strict=True):
        rows = DocxTable(element, document).rows
        read = [[_read(cell.text) for cell in row.cells] for row in rows]
        written = [[_cell_text(c) for c in row] for row in (table.header, *table.rows)]
        assert read == written


def test_the_header_row_repeats_is_bold_on_a_shade_and_the_columns_align_as_written(packet):
    document = docx.Document(str(packet))
    theme = load_theme()
    assert document.styles["Packet Table Head"].font.bold
    assert not document.styles["Packet Table"].font.bold
    shade = theme.colors["shade"]
    bank = load_bank(BANK)
    for element, table in zip(_question_tables(document), _shown_tables(bank), strict=True):
        rows = element.findall(qn("w:tr"))
        head = rows[0].find(qn("w:trPr"))
        assert head.find(qn("w:tblHeader")) is not None
        assert head.find(qn("w:cantSplit")) is not None
        for cell in rows[0].findall(qn("w:tc")):
            assert cell.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill")) == shade
            assert cell.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}/{qn('w:bottom')}") is not None
            assert _style(cell.find(qn("w:p"))) == "PacketTableHead"
            # kept with the first row: never alone at a page's foot
            assert cell.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:keepNext')}") is not None
        for row in rows[1:]:
            for column, cell in enumerate(row.findall(qn("w:tc"))):
                paragraph = cell.find(qn("w:p"))
                assert _style(paragraph) == "PacketTable"
                jc = paragraph.find(f"{qn('w:pPr')}/{qn('w:jc')}")
                right_to_left = paragraph.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None
                if not right_to_left:
                    assert (None if jc is None else jc.get(qn("w:val"))) == (
                        table.align[column] or None
                    )


def test_cells_are_the_texts_runs_code_links_and_right_to_left(packet):
    document = docx.Document(str(packet))
    cells = [
        cell
        for table in _question_tables(document)
        for cell in table.iter(qn("w:tc"))
        if "".join(t.text for t in cell.iter(qn("w:t")))
    ]

    def holding(text):
        return next(c for c in cells if text in _read("".join(t.text for t in c.iter(qn("w:t")))))

    for code in ("SigninLogs", "DeviceProcessEvents", "a | b"):
        run = next(r for r in holding(code).iter(qn("w:r")) if code in r.findtext(qn("w:t")))
        assert run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == "PacketCode"
    strong = next(r for r in holding("failed").iter(qn("w:r")) if r.findtext(qn("w:t")) == "failed")
    assert strong.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None
    assert "CloudTrail (https://docs.aws.amazon.com/" in "".join(
        t.text for t in holding("CloudTrail").iter(qn("w:t"))
    )
    hebrew = holding("שלום עולם").find(qn("w:p"))
    assert hebrew.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None
    assert holding("1 < 2 && 3 > 2") is not None
    assert holding("<script>alert(1)</script>") is not None


def test_tables_stand_inside_the_questions_block_within_the_page(packet):
    document = docx.Document(str(packet))
    width = load_theme().text_width
    tables = _question_tables(document)
    # the section's description stands under its heading, and the question's text is its
    # heading, before its block; the hints' and the note's tables are in the question's
    # block (a one-cell table), as the text around them
    nested = [next(t.iterancestors(qn("w:tc")), None) is not None for t in tables]
    assert nested == [False, False] + [True] * (len(tables) - 2)
    for table in tables:
        grid = [int(c.get(qn("w:w"))) for c in table.iter(qn("w:gridCol"))]
        indent = table.find(f"{qn('w:tblPr')}/{qn('w:tblInd')}")
        inside = 0 if indent is None else int(indent.get(qn("w:w")))
        assert sum(grid) + inside <= width
        assert table.find(f"{qn('w:tblPr')}/{qn('w:tblLayout')}").get(qn("w:type")) == "fixed"
    wide = next(t for t in tables if len(t.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")) == 8)
    grid = [int(c.get(qn("w:w"))) for c in wide.iter(qn("w:gridCol"))]
    assert min(grid) > 600  # each column has room for a word, no letter-a-line column


def _without_carlito(folder: Path, monkeypatch) -> None:
    """LibreOffice draws Calibri in DejaVu Sans, which is wider, as on Debian without
    Carlito (CLIENTS.md), whatever fonts this machine has."""
    from test_packet_heading import AS_ON_DEBIAN

    fonts = folder / "fonts.conf"
    fonts.write_text(AS_ON_DEBIAN, encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(fonts))


def _packet_of(bank: Path, out: Path, *options: str) -> Path:
    """The one DOCX packet `qbank packet` writes of `bank` into the new folder `out`."""
    result = run_cli("packet", "--bank", bank, *options, "--out", out)
    assert result.exit_code == 0, result.output
    [written] = out.glob("*.docx")
    return written


@pytest.fixture(scope="module")
def without_carlito(tmp_path_factory, packet) -> dict[str, Path]:
    """The PDF LibreOffice lays out without Carlito of each packet the tests below read,
    by name: all converted in one call, whose start-up (about 1 s of CPU) each test's own
    call paid again; each packet is built as its test's words say."""
    folder = tmp_path_factory.mktemp("without-carlito")
    packets = {
        "tables": packet,
        "row-heights": _packet_of(ROW_HEIGHTS, folder / "row-heights", "--all"),
        "tall": _packet_of(_table_bank(folder, 25), folder / "tall", "--all"),
        "subnets": _packet_of(_subnets_bank(folder), folder / "subnets"),
        **{
            name: _packet_of(bank, folder / name, "--all")
            for name, bank in zip(HINT_TABLE_NAMES, HINT_EDGES, strict=True)
        },
    }
    with pytest.MonkeyPatch.context() as patch:
        _without_carlito(folder, patch)
        pdfs = libreoffice_convert(list(packets.values()), folder / "pdf", "pdf", folder / "lo")
    return dict(zip(packets, pdfs, strict=True))


def test_libreoffice_lays_the_tables_out_with_nothing_off_the_page(without_carlito):
    """Converted by LibreOffice without Carlito (DejaVu Sans, wider, stands in for
    Calibri): every character within the page's text width, and every character of the
    wide table's cells printed."""
    pages = pdf_pages(without_carlito["tables"])
    printed: Counter[str] = Counter()
    for page in pages:
        for char in page.chars:
            if char.generated or not char.text.strip():
                continue
            printed[char.text] += 1
            assert MARGIN - 2 <= char.x0 and char.x1 <= page.width - MARGIN + 2, (
                char.text,
                char.x0,
                char.x1,
            )
    bank = load_bank(BANK)
    wide = next(t for t in _shown_tables(bank) if t.columns == 8)
    wanted = Counter(c for cell in wide.cells() for c in _cell_text(cell) if not c.isspace())
    assert not wanted - printed


def _table_bank(folder: Path, rows: int, hint_table: bool = True) -> Path:
    row = "      | step {} | does a thing worth a few words | yes |"
    lines = [row.format(n) for n in range(rows)]
    head = ["      | Step | What | Done |", "      | --- | --- | :-: |"]
    table = "\n".join(head + lines) if hint_table else ""
    bank = folder / "tall.yaml"
    bank.write_text(
        textwrap.dedent(
            """\
            title: Tall tables
            markup: markdown
            sections: [Steps]
            questions:
              - id: steps
                section: Steps
                question: Walk through the steps.
                hint: |
                  Each step in turn:

            """
        )
        + table
        + "\n",
        encoding="utf-8",
    )
    return bank


def test_the_page_fit_counts_a_tables_rows(tmp_path):
    with_table = load_bank(_table_bank(tmp_path, 12))
    fit = PageFit(load_theme(), rich=with_table.rich_text)
    q = with_table.questions[0]
    without = load_bank(_table_bank(tmp_path, 0, hint_table=False)).questions[0]
    taller = fit.before_notes(q, None, "") - fit.before_notes(without, None, "")
    assert taller >= 13 * fit.cell_line  # a header and twelve rows, a line each at least
    assert fit.notes_lines(q, None, "") < fit.notes_lines(without, None, "")


def _drawn_rows(page, top: float, bottom: float) -> list[float]:
    """The heights (points) of a table's rows as drawn on `page`, between `top` and
    `bottom`: the distances between its rules (the theme's `rule` colour), a rule drawn
    twice (a cell's and the table's) counted once."""
    value = load_theme().colors["rule"].lstrip("#")
    rule = tuple(int(value[n : n + 2], 16) / 255 for n in (0, 2, 4))
    ys: list[float] = []
    for y in sorted(
        s.top
        for s in page.shapes
        if any(
            color is not None and all(abs(a - b) < 0.02 for a, b in zip(color, rule, strict=True))
            for color in (s.stroke, s.fill)
        )
        and s.height < 1.2
        and s.width > 5
        and top <= s.top <= bottom
    ):
        if not ys or y - ys[-1] > 2:
            ys.append(y)
    return [b - a for a, b in zip(ys, ys[1:], strict=False)]


ROW_HEIGHTS = FIXTURES / "markdown" / "row-heights.yaml"


def test_the_page_fit_counts_a_tables_rows_as_tall_as_they_are_drawn(without_carlito):
    """Each row of a hint's table, one to five lines tall, as LibreOffice draws it without
    Carlito (DejaVu Sans): the page fit counts it no shorter (a question would spill onto a
    page it was kept off) and no more than 1.2 pt taller, and 0.6 pt a further line
    (Calibri's lines, which Word shows, are taller than DejaVu Sans's). Counted at the fit's
    whole line (Noto Sans's), each row came out 2.0 to 2.4 pt taller, and 1.9 pt more for
    each further line."""
    from qbank.units import mm_to_twips
    from qbank.wordml.document import text_indent_mm

    pdf = without_carlito["row-heights"]
    loaded = load_bank(ROW_HEIGHTS)
    theme = load_theme()
    fit = PageFit(theme, rich=loaded.rich_text)
    [table] = [
        b for b in walk(loaded.rich_text(loaded.questions[0].hint).blocks) if isinstance(b, Table)
    ]
    room = theme.text_width - mm_to_twips(text_indent_mm(theme.styles["Packet Hint"]))
    counted = fit.table_rows(table, fit.table_layout(table, room))
    page = next(p for p in pdf_pages(pdf) if "Definition" in p.text())
    words = page.words()
    top = next(w for w in words if w.text == "Term").top - 6
    bottom = next(w for w in words if w.text == "last").bottom + 6
    drawn = _drawn_rows(page, top, bottom)
    assert len(drawn) == len(counted) == len(table.rows) + 1
    line = 9.5 * 1.164  # DejaVu Sans's line at the table's size
    assert max(drawn) > 4 * line  # the five lines' row
    for count, draw in zip(counted, drawn, strict=True):
        lines = round((draw - 3.5) / line)
        assert draw <= count <= draw + 1.2 + 0.6 * (lines - 1), (counted, drawn)


def test_a_tall_table_leaves_its_notes_on_the_questions_page(without_carlito):
    """A question whose hint is a table of 25 rows (_table_bank(folder, 25)): its notes
    lines fill the rest of its page and none spill onto a page of their own (LibreOffice's
    layout, without Carlito)."""
    from test_packet_heading import assert_no_page_of_only_notes

    pdf = without_carlito["tall"]
    assert_no_page_of_only_notes(pdf)
    steps = [p for p in pdf_pages(pdf) if "step 24" in p.text()]
    assert len(steps) == 1


# -- the debrief ------------------------------------------------------------------------------

LOOKALIKE = textwrap.dedent(
    """\
    title: Lookalike tables
    markup: markdown
    sections: [Scoring]
    questions:
      - id: scores
        section: Scoring
        question: |
          Read this scorecard of another panel:

          | Q | Question | Score |
          | --- | --- | --: |
    {rows}
        hint: Each row a question.
      - id: plain
        section: Scoring
        question: Anything else?
        hint: |
          | Notes: | Key evidence: |
          | --- | --- |
          | typed here | not ours |
    """
)


def test_a_questions_table_is_no_scorecard_nor_notes_in_the_debrief(tmp_path):
    """A question's table shaped like the scorecard (three columns, 'Q1'... in the first,
    more rows than the packet's scorecard) is not read as it, nor a table headed 'Notes' as
    notes; the debrief holds the question's table."""
    rows = "\n".join(f"      | Q{n} | asked before | {n} |" for n in range(1, 9))
    bank = tmp_path / "lookalike.yaml"
    bank.write_text(LOOKALIKE.format(rows=rows), encoding="utf-8")
    out = tmp_path / "packets"
    result = run_cli("packet", "--bank", bank, "--all", "--out", out, "--candidate", "Ada Lovelace")
    assert result.exit_code == 0, result.output
    [blank] = out.glob("*.docx")
    filled = fill(
        blank,
        tmp_path / "filled.docx",
        Filled(
            header={"candidate": "Ada Lovelace", "interviewer": "Grace Hopper"},
            scores={"scores": [4], "plain": [3]},
            notes={"scores": "read the table well", "plain": "nothing to add"},
            recommendations=["yes"],
            evidence="steady",
        ),
    )
    wording = load_wording()
    # as filled in Word, and as saved again by LibreOffice (which keeps the cells' styles)
    [saved] = libreoffice_convert(
        [filled], tmp_path / "saved", "docx:MS Word 2007 XML", tmp_path / "profile"
    )
    for path in (filled, saved):
        read = read_packet(path, wording)
        assert [label for label, _ in read.scorecard] == ["Q1", "Q2"], path
        assert read.answers["scores"].notes == "read the table well"
        assert read.answers["plain"].notes == "nothing to add"
    folder = tmp_path / "debrief"
    outcome = read_debrief([filled], bank, folder)
    [written] = [p for p in outcome.written if p.suffix == ".docx"]
    document = docx.Document(str(written))
    tables = _question_tables(document)
    assert len(tables) == 1  # the question's, under its heading in the notes
    cells = [_read(t.text) for t in tables[0].iter(qn("w:t"))]
    assert cells[:3] == ["Q", "Question", "Score"] and "asked before" in cells


HEBREW = """\
title: בנק טבלאות
language: he
markup: markdown
sections: [זיהוי]
questions:
  - id: rtl
    section: זיהוי
    question: |
      איזה מקור עונה על איזו שאלה?

      | שאלה | מקור | ימים |
      | :-- | :-: | --: |
      | מי התחבר? | יומני כניסה של `SigninLogs` | 30 |
      | מה רץ? | אירועי תהליכים | 90 |
    hint: |
      | יומן | מה הוא רושם |
      | --- | --- |
      | `SigninLogs` | כניסות, **נכשלות** ומוצלחות |
"""


def test_a_right_to_left_tables_columns_run_from_the_right(tmp_path):
    """A Hebrew bank's table: its columns from the right (w:bidiVisual), each Hebrew cell
    right to left (w:bidi), the table filling the room its indent leaves, so that Word
    (which measures its indent from the right) and LibreOffice (from the left) both set
    it where its text stands; one in a hint's box (its bar on the right) as far from the
    box's right side as from its left, as the hint's text stands; in LibreOffice the
    question's table's first column at the right margin."""
    bank = tmp_path / "he.yaml"
    bank.write_text(HEBREW, encoding="utf-8")
    result = run_cli("packet", "--bank", bank, "--all", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    [packet] = tmp_path.glob("*.docx")
    document = docx.Document(str(packet))
    tables = _question_tables(document)
    assert len(tables) == 2
    theme = load_theme()
    width, boxes = theme.text_width, _boxes(document)
    for table in tables:
        props = table.find(qn("w:tblPr"))
        assert props.find(qn("w:bidiVisual")) is not None
        grid = [int(c.get(qn("w:w"))) for c in table.iter(qn("w:gridCol"))]
        indent = int(props.find(qn("w:tblInd")).get(qn("w:w")))
        boxed = any(box in table.iterancestors() for box in boxes)
        room = width - (indent if boxed else 0)
        assert room - len(grid) <= sum(grid) + indent <= room
        first = table.find(f"{qn('w:tr')}/{qn('w:tc')}/{qn('w:p')}")
        assert first.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None
    [pdf] = libreoffice_convert([packet], tmp_path / "pdf", "pdf", tmp_path / "lo")
    page = next(p for p in pdf_pages(pdf) if "SigninLogs" in p.text())
    # the header's letters (not the heading's, 13 pt, which has them too)
    head = [c for c in page.chars if c.text in "שאלה" and c.text.strip() and c.size < 11]
    assert head
    assert page.width - MARGIN - max(c.x1 for c in head) < 12  # at the right, in its cell


SUBNETS = [("/24", "255.255.255.0", "256"), ("/25", "255.255.255.128", "128")]
SUBNETS += [("/30", "255.255.255.252", "4"), ("/16", "255.255.0.0", "65,536")]


def _subnets_bank(folder: Path) -> Path:
    """A bank whose hint is a table of SUBNETS: a prefix, its mask, its count of addresses
    and its usable hosts, each row."""
    table = "| Prefix | Mask | Addresses | Usable hosts |\n| :--- | :--- | ---: | ---: |\n"
    table += "".join(f"| {p} | {m} | {n} | 2 (RFC 3021) |\n" for p, m, n in SUBNETS)
    bank = folder / "subnets.yaml"
    bank.write_text(
        "title: Subnets\nmarkup: markdown\nsections: [Subnetting]\nquestions:\n"
        "  - id: masks\n    section: Subnetting\n    question: Which mask has each prefix?\n"
        "    hint: |\n" + textwrap.indent(table, "      "),
        encoding="utf-8",
    )
    return bank


def test_libreoffice_keeps_a_columns_addresses_and_numbers_whole(without_carlito):
    """A column of netmasks and counts (_subnets_bank), each cell fitting its column whole:
    digits and stops run up to 1.14 times as wide in DejaVu Sans as in the page fit's font,
    more than the letters of words, and LibreOffice broke '255.255.255.12|8' over two lines
    of a column laid out for it (a networking instructor's trial)."""
    pdf = without_carlito["subnets"]
    words = [w.text for page in pdf_pages(pdf) for w in page.words()]
    for _, mask, count in SUBNETS:
        assert mask in words and count in words, words
    assert words.count("3021)") == len(SUBNETS)


# -- a hint's box -----------------------------------------------------------------------------

HINT_TABLES = FIXTURES / "markdown" / "hint-tables.yaml"
HINT_TABLES_HE = FIXTURES / "markdown" / "hint-tables-he.yaml"
# each boxed hint's first and last words as printed, and whether it runs right to left
HINT_EDGES = {
    HINT_TABLES: [
        (("Log", "What"), ("directory", "changes"), False),
        (("Look", "for"), ("retention", "too."), False),
        (("Start", "with"), ("the", "ticket."), False),
    ],
    HINT_TABLES_HE: [(("הסדר", "את"), ("גם", "את"), True)],
}
HINT_TABLE_NAMES = ("hint-tables-en", "hint-tables-he")  # their packets' names, as HINT_EDGES


def _boxes(document) -> list:
    """The cells of the document's hint boxes: a one-cell table on the hint's ground."""
    theme = load_theme()
    ground = theme.colors[theme.styles["Packet Hint"]["background"]].lower()
    return [
        cell
        for cell in document.element.body.iter(qn("w:tc"))
        if (shade := cell.find(f"{qn('w:tcPr')}/{qn('w:shd')}")) is not None
        and shade.get(qn("w:fill")).lower() == ground
        and len(cell.getparent().findall(qn("w:tc"))) == 1
    ]


@pytest.mark.parametrize("bank", [HINT_TABLES, HINT_TABLES_HE], ids=["en", "he"])
def test_a_hint_with_a_table_is_one_box_holding_its_table(tmp_path, bank):
    """A hint that holds a table is a box: a one-cell table on the hint's ground, the
    hint's bar its cell's leading edge (on the right of a Hebrew one, whose box runs right
    to left), holding every paragraph of the hint, its code, its list and its table, whose
    cells read as written; none of its paragraphs draws a bar of its own. A hint without a
    table stays paragraphs, as it was."""
    result = run_cli("packet", "--bank", bank, "--all", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    [packet] = tmp_path.glob("*.docx")
    document = docx.Document(str(packet))
    theme = load_theme()
    accent = theme.colors[theme.styles["Packet Hint"]["border_left"]].lower()
    loaded = load_bank(bank)
    boxed = [q for q in loaded.questions if "|" in q.hint]
    boxes = _boxes(document)
    assert len(boxes) == len(boxed) == len(HINT_EDGES[bank])
    hebrew = bank == HINT_TABLES_HE
    for cell, q in zip(boxes, boxed, strict=True):
        bar = cell.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}/{qn('w:left')}")
        assert bar.get(qn("w:color")).lower() == accent and int(bar.get(qn("w:sz"))) >= 12
        box = cell.getparent().getparent()
        assert (box.find(f"{qn('w:tblPr')}/{qn('w:bidiVisual')}") is not None) == hebrew
        for paragraph in cell.iter(qn("w:p")):
            if _style(paragraph) == "PacketHint":
                sides = paragraph.findall(f"{qn('w:pPr')}/{qn('w:pBdr')}/*")
                assert [side.get(qn("w:val")) for side in sides] == ["nil"]
        [table] = [t for t in _question_tables(document) if cell in t.iterancestors()]
        [written] = [b for b in walk(loaded.rich_text(q.hint).blocks) if isinstance(b, Table)]
        rows = DocxTable(table, document).rows
        read = [[_read(c.text) for c in row.cells] for row in rows]
        assert read == [[_cell_text(c) for c in r] for r in (written.header, *written.rows)]
        text = _read("".join(t.text or "" for t in cell.iter(qn("w:t"))))
        assert all(line.strip(" -`") in text for line in q.hint.splitlines() if "|" not in line)
    hints = [p for p in document.element.body.iter(qn("w:p")) if _style(p) == "PacketHint"]
    outside = [p for p in hints if not any(c in p.iterancestors() for c in boxes)]
    plain = [q.hint for q in loaded.questions if q not in boxed]
    assert [_read("".join(t.text for t in p.iter(qn("w:t")))) for p in outside] == [
        line for hint in plain for line in hint.splitlines() if line
    ]
    for paragraph in outside:  # on the style's own ground and bar
        assert paragraph.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is None


def _hint_chars(page, first: tuple[str, str], last: tuple[str, str]) -> list:
    """The characters of a hint on `page`, from the line that holds its `first` words to
    the one that holds its `last` words."""
    lines = page.text_lines()
    top = next(n for n, line in enumerate(lines) if all(w in line.text for w in first))
    end = next(n for n in range(top, len(lines)) if all(w in lines[n].text for w in last))
    return [c for line in lines[top : end + 1] for c in line.chars if c.text.strip()]


@pytest.mark.parametrize("bank", [HINT_TABLES, HINT_TABLES_HE], ids=["en", "he"])
def test_libreoffice_draws_a_hints_ground_and_bar_around_its_table(without_carlito, bank):
    """Converted by LibreOffice without Carlito: one ground of the hint's colour lies
    under the whole hint, its table's text as its paragraphs', and one bar in the
    hint's colour runs down beside all of it, on the side the hint starts (the right of
    a Hebrew one). Paragraphs with a ground and a border stood around the table, which was
    drawn outside them on the page's white."""
    pdf = without_carlito[HINT_TABLE_NAMES[list(HINT_EDGES).index(bank)]]
    theme = load_theme()
    spec = theme.styles["Packet Hint"]

    def rgb(name: str) -> tuple[float, ...]:
        value = theme.colors[spec[name]].lstrip("#")
        return tuple(int(value[n : n + 2], 16) / 255 for n in (0, 2, 4))

    def near(color, wanted) -> bool:
        pairs = zip(color or (), wanted, strict=False)
        return color is not None and all(abs(a - b) < 0.01 for a, b in pairs)

    pages = pdf_pages(pdf)
    for first, last, right_to_left in HINT_EDGES[bank]:
        page = next(p for p in pages if all(w in p.text() for w in (*first, *last)))
        chars = _hint_chars(page, first, last)
        left, right = min(c.x0 for c in chars), max(c.x1 for c in chars)
        top, bottom = min(c.top for c in chars), max(c.bottom for c in chars)
        grounds = [r for r in page.rects if near(r.fill, rgb("background"))]
        assert any(
            g.x0 < left and right <= g.x1 + 0.5 and g.top <= top and bottom <= g.bottom
            for g in grounds
        ), (first, grounds)
        bars = [s for s in page.shapes if near(s.stroke or s.fill, rgb("border_left"))]
        beside = [
            s
            for s in bars
            if s.top <= top + 1
            and bottom - 1 <= s.bottom
            and s.width < 4
            and ((s.x0 > right) if right_to_left else (s.x1 < left))
        ]
        assert beside, (first, bars)
