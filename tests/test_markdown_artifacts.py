"""A Markdown bank's artifacts, read back: code in monospace and every picture in the PDFs,
the deck's media in a real Anki collection, the study page in Chromium."""

from __future__ import annotations

import json
import re
import warnings
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph as DocxParagraph
from helpers import (
    FIXTURES,
    SHARED_PAGE_HINTS,
    code_bank,
    designs_bank,
    picture_bank,
    run_cli,
    two_pictures_bank,
)
from pypdf import PdfReader
from readback import html_data, pdf_pages, pdf_text, rendered, squash, text_fill

from qbank.bank import load_bank
from qbank.paths import BUILTIN_TEMPLATES, DEFAULT_BANK
from qbank.rich import CodeBlock, Paragraph, Picture, span_text, walk

BANK = FIXTURES / "markdown" / "rich.yaml"


@pytest.fixture(scope="module")
def bank():
    return load_bank(BANK)


def _shown(bank, fields) -> list:
    """The trees of the given fields of every question, in bank order."""
    trees = []
    for q in bank.questions:
        for name in fields:
            value = getattr(q, name)
            for text in value if isinstance(value, tuple) else (value,):
                if text and bank.rich_text(text) is not None:
                    trees.append(bank.rich_text(text))
    return trees


def _mono(path) -> str:
    chars = [c for page in pdf_pages(path) for c in page.chars if not c.generated]
    return "".join(c.text for c in chars if "Mono" in c.font and not c.text.isspace())


@pytest.mark.parametrize(
    "command,name,fields,pictures",
    [
        # the study booklet shows the follow-ups too, one with a picture
        ("booklet", "rich-booklet.pdf", ("question", "hint", "follow_ups", "note", "look_for"), 3),
        ("cards", "rich-flashcards.pdf", ("question", "hint", "note"), 2),
    ],
)
def test_every_code_line_is_monospace_and_every_picture_is_drawn(
    built, bank, command, name, fields, pictures
):
    path = built(command, "--bank", BANK) / name
    mono = _mono(path)
    trees = _shown(bank, fields)
    lines = [
        "".join(line.split())
        for tree in trees
        for block in walk(tree.blocks)
        if isinstance(block, CodeBlock)
        for line in block.text.split("\n")
    ]
    assert len(lines) == 10
    position = 0
    for line in filter(None, lines):  # in order, each whole (its wrapped parts rejoined)
        found = mono.find(line, position)
        assert found >= 0, line
        position = found + len(line)
    shown = [b for tree in trees for b in walk(tree.blocks) if isinstance(b, Picture)]
    drawn = sum(len(page.images) for page in PdfReader(path).pages)
    assert drawn == len(shown) == pictures


def test_the_fillable_packet_draws_every_picture_where_its_text_shows_it(built):
    """The PDF packet draws a question's picture under its heading, a follow-up's under
    its line and a hint's inside the hint's box, between the lines around it, as the DOCX
    packet does (it showed their alt text)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    path = built("packet", "--bank", BANK, "--all", "--format", "pdf") / "rich-packet-all.pdf"
    (number,) = [n for n, page in enumerate(pdf_pages(path)) if "Between the" in page.text()]
    page = pdf_pages(path)[number]
    shown = pdfium.PdfDocument(path)[number]
    height = shown.get_height()
    pictures = sorted(  # each picture's top and bottom, measured down from the page's top
        (height - bounds[3], height - bounds[1])
        for bounds in (
            obj.get_bounds() for obj in shown.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])
        )
    )

    def top(first_word: str) -> float:
        return next(w.top for w in page.words() if w.text == first_word)

    def bottom(first_word: str) -> float:
        return next(w.bottom for w in page.words() if w.text == first_word)

    assert len(pictures) == 3
    question, follow_up, hint = pictures
    assert bottom("Where") < question[0] and question[1] < top("Review")
    assert bottom("read-only?") < follow_up[0] and follow_up[1] < top("WHAT")
    assert bottom("Between") < hint[0] and hint[1] < top("log")
    text = " ".join(page.text().split())
    for alt in ("A user sends a request", "colour gradient", "A red dot"):
        assert alt not in text


def test_the_fillable_packet_keeps_code_indents_and_marks_a_cut_code_line(built):
    """The PDF packet's code lines keep their indent, cell for cell (a paragraph dropped
    a line's first space: 4 spaces drew 3 cells), and a line wider than the hint's box is
    cut there by the packet, each further piece after a mark (it wrapped to the left edge
    unmarked)."""
    path = built("packet", "--bank", BANK, "--all", "--format", "pdf") / "rich-packet-all.pdf"
    (page,) = [page for page in pdf_pages(path) if "pickle.load(f)" in page.text()]
    words = page.words()

    def first(text: str):
        return next(w for w in words if w.text == text)

    cell = (first("def").x1 - first("def").x0) / 3
    for word, cells in (("#", 4), ("with", 4), ("return", 8)):
        assert first(word).x0 - first("def").x0 == pytest.approx(cells * cell, abs=0.5), word
    lines = [" ".join(line.split()) for line in page.text().splitlines()]
    (cut,) = [n for n, line in enumerate(lines) if line.startswith("return pickle.load(f)")]
    assert lines[cut + 1].startswith("\u21aa ")
    whole = "".join(lines[cut : cut + 3]).replace("\u21aa", "")
    assert "".join(whole.split()).startswith("returnpickle.load(f)#runsanycodethefileholds,sonever")


def test_the_booklets_subject_is_the_descriptions_words_not_its_markdown(built, bank):
    """A PDF reader shows the document's subject as text: '**Markdown**' read as stars."""
    path = built("booklet", "--bank", BANK) / "rich-booklet.pdf"
    subject = PdfReader(path).metadata["/Subject"]
    assert subject == f"Study edition: {bank.flat(bank.description)}"
    assert "Markdown." in subject and "*" not in subject


def test_a_hints_list_in_the_packet_stays_on_the_hints_ground(built):
    """A list inside a hint takes the hint's style (its ground and bar) at the hint's
    indent, as its paragraphs do: its items stood outside the shaded box, in Word and in
    LibreOffice, as a trial saw."""
    from docx.text.paragraph import Paragraph as DocxParagraph
    from readback import docx_document

    document = docx_document(built("packet", "--bank", BANK) / "rich-packet.docx")
    tag = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
    paragraphs = [DocxParagraph(p, document) for p in document.element.body.iter(tag)]
    items = [p for p in paragraphs if p.text.endswith("runs code from the file.")]
    assert len(items) == 1 and items[0].text.startswith("1.\t")
    assert items[0].style.name == "Packet Hint"
    assert items[0].paragraph_format.left_indent > Mm(7)  # the hint's 2 mm and a level
    # every paragraph of the hint, at any level, starts its first line where the hint's text
    # does (Word and LibreOffice draw the ground and bar from there: a nested item's stood
    # outside the box, its own bar beside it), and a tab takes it to its marker and text
    hint = [p for p in paragraphs if p.style.name == "Packet Hint" and p.text.strip()]
    base = document.styles["Packet Hint"].paragraph_format.left_indent or 0
    for paragraph in hint:
        form = paragraph.paragraph_format
        first = (form.left_indent or base) + (form.first_line_indent or 0)
        assert abs(first - base) < Mm(0.1), paragraph.text
    texts = {p.text.strip(): p for p in hint}
    deeper = texts["\u2022\t../ walks out of the model folder;"]
    deepest = texts["\u2022\teven to /etc/shadow"]
    assert deeper.text.startswith("\t\u2022\t") and deepest.text.startswith("\t\u2022\t")
    levels = [items[0], deeper, deepest]
    columns = [p.paragraph_format.left_indent for p in levels]
    assert columns == sorted(columns) and len(set(columns)) == 3
    markers = [p.paragraph_format.tab_stops[0].position for p in levels[1:]]
    assert markers == columns[:2]  # each level's marker under its parent's text
    # a quote stands in less than a list's level, as in the PDFs: at a list's, one after a
    # list read as part of its last item
    quote = texts["Treat every model file as code."]
    assert quote.text.startswith("\t")
    assert abs(quote.paragraph_format.left_indent - (base + Mm(3.5))) < Mm(0.1)


def test_the_fillable_packet_cuts_code_by_the_width_its_glyphs_take(cli, tmp_path):
    """A code line of Japanese is cut where the fallback font's wide glyphs fill the box
    (measured in the code font, it came out too wide and reportlab broke it again, unmarked),
    and a note that opens with code starts it under its label, cut to the whole width; code
    on a ground (a question's, a follow-up's, a hint's) is cut to the ground's width less
    the room it leaves on either side."""
    japanese = "日本語のテキストを表示します" * 6
    command = "kubectl get pods --all-namespaces -o wide --field-selector=status.phase!=Running"
    bank = tmp_path / "cut.yaml"
    bank.write_text(
        "title: Cut\nmarkup: markdown\nquestions:\n  - id: a\n    section: A\n"
        "    question: What does it print?\n    follow_ups:\n      - |\n        And this?\n\n"
        "        ```python\n        print(3)\n        ```\n    hint: |\n      ```python\n"
        f"      print('{japanese}')\n      ```\n    note: |\n      ```\n"
        f"      {command} --sort-by=.metadata.creationTimestamp\n      ```\n",
        encoding="utf-8",
    )
    result = cli("packet", "--bank", bank, "--all", "--format", "pdf", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    (page,) = [p for p in pdf_pages(tmp_path / "cut-packet-all.pdf") if "print(" in p.text()]
    lines = [" ".join(line.split()) for line in page.text().splitlines()]
    start = next(n for n, line in enumerate(lines) if line.startswith("print('"))
    end = start + 1
    while lines[end].startswith("\u21aa "):
        end += 1
    assert end > start + 1 and lines[end - 1].endswith("')")
    assert "".join(lines[start:end]).replace("\u21aa ", "") == f"print('{japanese}')"
    label = next(n for n, line in enumerate(lines) if line.startswith("Editor's note"))
    assert lines[label] == "Editor's note:" and lines[label + 1].startswith("kubectl get pods")
    assert lines[label + 2] == "\u21aa --sort-by=.metadata.creationTimestamp"
    # the follow-up's and the hint's code lines stand inside their ground with room on
    # either side, as in the booklet: a cut line touched the ground's right edge, and every
    # line its left; a follow-up's code had no ground (a code trial)
    code = [line for line in page.text_lines() if line.text.startswith(("print(", "\u21aa"))]
    assert code[0].text == "print(3)"
    for line in code[: 1 + end - start]:
        middle = (line.top + line.bottom) / 2
        ground = min(
            (
                r
                for r in page.rects
                if r.fill and r.x0 <= line.x0 and line.x1 <= r.x1 and r.top <= middle <= r.bottom
            ),
            key=lambda r: r.width,
            default=None,
        )
        assert ground is not None, f"{line.text} has no ground"
        assert min(line.x0 - ground.x0, ground.x1 - line.x1) > 2, line.text


def test_a_diffs_removed_and_added_lines_each_have_a_colour(cli, tmp_path):
    """A code trial's migration diff came out all plain, where every other language is
    coloured: a diff's removed lines take a colour of their own and its added lines another
    (as in a code review), the lines around them the code's own, in the PDFs as on the
    study page and the deck."""
    from qbank.highlight import PRINT

    diff = ["@@ -1,2 +1,2 @@", " CREATE TABLE users (", "-  gone text", "+  added text"]
    bank = code_bank(tmp_path / "diff.yaml", "diff", diff)
    assert cli("booklet", "--bank", bank, "--out", tmp_path).exit_code == 0
    path = tmp_path / "diff-booklet.pdf"
    (number,) = [p.number - 1 for p in pdf_pages(path) if "gone" in p.text()]
    fills = {word: text_fill(path, number, word) for word in ("CREATE", "gone", "added")}
    colours = {role: tuple(int(PRINT[role][i : i + 2], 16) for i in (1, 3, 5)) for role in PRINT}
    assert fills == {
        "CREATE": colours[""],
        "gone": colours["deleted"],
        "added": colours["inserted"],
    }
    assert len(set(fills.values())) == 3
    for sheet, name in (("html/style.css", ".tok-{}{{"), ("anki/rich.css", ".qb-{} {{")):
        css = (BUILTIN_TEMPLATES / sheet).read_text(encoding="utf-8")
        assert all(name.format(role) in css for role in ("inserted", "deleted")), sheet


def test_a_wrapped_code_line_is_marked_and_kept_on_one_page(built):
    """A long code line breaks after a space, as an editor's soft wrap does (it broke
    inside a word), its continuation marked, the whole line on one page."""
    path = built("booklet", "--bank", BANK) / "rich-booklet.pdf"
    for page in pdf_pages(path):
        text = page.text()
        if "untrusted input" in text:
            assert "so never \u21aa on untrusted input" in " ".join(text.split())
            assert "return pickle.load(f)" in text  # the line's start, on the same page


def test_an_inline_code_spans_shade_covers_its_characters_not_the_blank_before(built):
    """The booklet's shade behind a code span reached 0.15 of the type size out of the
    span's characters, over half the blank before it, and crowded the word there ('for
    `n = 3`' in a bold question): it covers the code's own cells, a monospaced glyph's
    margins about it, no more (a code block's band, a plain rectangle, is not such a shade)."""
    path = built("booklet", "--bank", BANK) / "rich-booklet.pdf"
    background = tuple(int("f2f4f7"[i : i + 2], 16) / 255 for i in (0, 2, 4))  # theme.toml's
    shaded = 0
    for page in pdf_pages(path):
        for shade in page.rects:
            if shade.points == 4 or shade.fill is None:
                continue
            if max(abs(a - b) for a, b in zip(shade.fill, background, strict=True)) > 0.01:
                continue
            code = [
                c
                for c in page.chars
                if "Mono" in c.font
                and not c.text.isspace()
                and c.top < shade.bottom
                and c.bottom > shade.top
                and shade.x0 - 3 < (c.x0 + c.x1) / 2 < shade.x1 + 3
            ]
            assert code, shade
            assert abs(shade.x0 - code[0].x0) < 0.05 and abs(shade.x1 - code[-1].x1) < 0.05, (
                shade,
                "".join(c.text for c in code),
            )
            shaded += 1
    assert shaded >= 5


def test_a_long_code_line_in_the_packet_is_cut_and_marked_as_in_the_pdfs(built, bank):
    """Word would wrap a long code line at a blank, unmarked; the packet cuts it itself,
    each further piece on a new line of the line's paragraph after a ↪, narrow enough
    for the text's width in a monospace font."""
    from readback import docx_document

    document = docx_document(built("packet", "--bank", BANK) / "rich-packet.docx")
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    style = document.styles["Packet Code Block"]
    code = [
        p
        for p in document.element.body.iterfind(".//w:p", ns)
        if p.find(f"w:pPr/w:pStyle[@w:val='{style.style_id}']", ns) is not None
    ]
    (long,) = [
        line
        for b in _shown(bank, ["hint"])
        for c in b.code_blocks()
        for line in c.text.split("\n")
        if "untrusted input" in line
    ]
    (paragraph,) = [p for p in code if "pickle.load(f)" in "".join(p.itertext())]
    pieces = [""]
    for node in paragraph.iter(f"{{{ns['w']}}}t", f"{{{ns['w']}}}br"):
        if node.tag.endswith("br"):
            pieces.append("")
        else:
            pieces[-1] += node.text or ""
    assert len(pieces) >= 2
    assert all(piece.startswith("\u21aa ") for piece in pieces[1:])
    assert pieces[0] + "".join(piece[2:] for piece in pieces[1:]) == long
    section = document.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) / 12700  # pt
    size = style.font.size.pt
    assert max(len(piece) for piece in pieces) * 0.6 * size < width
    for other in code:  # a line is cut only when it is too wide for the text
        text = "".join(t.text or "" for t in other.iterfind(".//w:t", ns))
        assert (len(text) * 0.6 * size > 0.9 * width) == bool(other.findall(".//w:br", ns))


def test_the_deck_carries_its_pictures_and_the_media_check_finds_nothing_wrong(
    built, bank, tmp_path
):
    from anki.collection import Collection, ImportAnkiPackageRequest

    deck = built("anki", "--bank", BANK) / "rich.apkg"
    with zipfile.ZipFile(deck) as archive:
        media = json.loads(archive.read("media"))
        every = sorted(media.values())
    # the pictures, and rich.css as the one style file the fields with code link
    (style,) = [n for n in every if n.startswith("_qbank-rich-") and n.endswith(".css")]
    names = [n for n in every if n != style]
    shown = ("question", "hint", "follow_ups", "note")  # the follow-ups' picture too
    expected = {p.data for t in _shown(bank, shown) for p in t.pictures()}
    assert len(names) == len(expected) == 3
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(deck)))
        media_dir = tmp_path / "collection.media"
        assert sorted(p.name for p in media_dir.iterdir()) == every
        assert {(media_dir / n).read_bytes() for n in names} == expected
        check = col.media.check()
        assert list(check.missing) == [] and list(check.unused) == []
        fields = " ".join(col.get_note(n).joined_fields() for n in col.find_notes(""))
        assert all(f'src="{n}"' in fields for n in names)
        assert f'<link rel="stylesheet" href="{style}">' in fields
        assert 'class="qb-keyword">def</span>' in fields  # highlighted
    finally:
        col.close()


def test_a_picture_stands_on_white_at_night_as_on_paper(built):
    """A drawing's transparent ground is white on the study page and the deck, as on every
    PDF's paper: at night it showed the dark page, and the black lines and words of a
    diagram drawn for paper on it (a Spanish trial)."""
    from qbank.contrast import ratio

    page = (built("html", "--bank", BANK) / "rich.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(built("anki", "--bank", BANK) / "rich.apkg") as archive:
        media = json.loads(archive.read("media"))
        (number,) = [n for n, name in media.items() if name.startswith("_qbank-rich-")]
        deck_style = archive.read(number).decode("utf-8")
    for style, rule in (
        (page, r"(?m)^img\.picture\{([^}]*)\}"),
        (deck_style, r"\.qb img\.qb-picture \{([^}]*)\}"),
    ):
        grounds = re.findall(r"background:\s*(#[0-9a-fA-F]{6})", re.search(rule, style).group(1))
        assert grounds and ratio("#000000", grounds[-1]) > 15, rule


def test_a_rebuild_is_byte_identical(cli, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = cli("all", "--bank", BANK, "--out", out)
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def fit_bank(folder: Path) -> Path:
    """A bank of a question with a long code block, one with a tall picture and one whose
    hint quotes code: each must fit its packet page with its notes."""
    from PIL import Image

    Image.new("RGB", (600, 760), "#8c959f").save(folder / "tall.png")
    code = "\n".join(f"      step_{n:02d} = run({n})" for n in range(40))
    (folder / "fit.yaml").write_text(
        "title: Fit\nmarkup: markdown\nquestions:\n"
        "  - id: code\n    section: S\n    question: What does this do?\n    hint: |\n"
        f"      ```python\n{code}\n      ```\n"
        "  - id: picture\n    section: S\n    question: What does the diagram show?\n"
        "    hint: |\n      ![a tall grey diagram](tall.png)\n"
        "  - id: short\n    section: S\n    question: And this?\n    hint: |\n"
        "      Nothing long.\n\n      > a quoted line\n      >\n      > ```sh\n"
        "      > echo quoted\n      > ```\n\n      ```sh\n      echo plain\n      ```\n",
        encoding="utf-8",
    )
    return folder / "fit.yaml"


@pytest.fixture(scope="module")
def printed(built, tmp_path_factory) -> dict[str, Path]:
    """The DOCX packets of rich.yaml and of fit_bank as LibreOffice prints them (PDF), by
    the packet's name, both in one conversion (its start-up is most of its time)."""
    from filling import libreoffice_convert

    folder = tmp_path_factory.mktemp("printed")
    result = run_cli("packet", "--all", "--bank", fit_bank(folder), "--out", folder)
    assert result.exit_code == 0, result.output
    packets = [built("packet", "--bank", BANK) / "rich-packet.docx", folder / "fit-packet-all.docx"]
    pdfs = libreoffice_convert(packets, folder / "pdf", "pdf", folder / "profile")
    return {packet.name: pdf for packet, pdf in zip(packets, pdfs, strict=True)}


@pytest.mark.slow
def test_the_packet_has_inline_pictures_and_a_code_style_and_libreoffice_keeps_them(
    built, bank, printed
):
    from readback import docx_document

    packet = built("packet", "--bank", BANK) / "rich-packet.docx"
    document = docx_document(packet)
    body = document.element.body
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    drawings = body.findall(".//w:drawing", ns)
    shown = ("question", "hint", "note", "look_for", "follow_ups")
    pictures = [p for tree in _shown(bank, shown) for p in tree.pictures()]
    assert len(drawings) == len(pictures) == 3
    descriptions = [d.find(".//{*}docPr").get("descr") for d in drawings]
    assert sorted(descriptions) == sorted(p.alt for p in pictures)  # follow-ups come first
    assert len(document.inline_shapes) == 3
    style = document.styles["Packet Code Block"]
    assert style.font.name == document.styles["Packet Code"].font.name == "Consolas"
    code = [  # paragraphs inside the question's block (a table) too
        "".join(t.text or "" for t in p.iterfind(".//w:t", ns))
        for p in body.iterfind(".//w:p", ns)
        if p.find(f"w:pPr/w:pStyle[@w:val='{style.style_id}']", ns) is not None
    ]
    assert code[:4] == [
        "SigninLogs",
        "| where ResultType != 0",
        "| summarize failures = count() by UserPrincipalName, bin(TimeGenerated, 1h)",
        "| where failures > 20",
    ]
    pdf = printed[packet.name]
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    # images drawn, page by page (LibreOffice shares one resource dictionary among pages)
    drawn = [
        len(list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])))
        for page in pdfium.PdfDocument(pdf)
    ]
    assert sum(drawn) == 3, drawn


def test_a_code_block_longer_than_a_card_continues_between_lines(cli, tmp_path):
    lines = [f"print('line {n:02d} of a long block')" for n in range(60)]
    hint = "\n".join(["|", "  ```python", *(f"  {line}" for line in lines), "  ```"])
    bank = tmp_path / "long.yaml"
    bank.write_text(
        "title: Long\nmarkup: markdown\nquestions:\n  - id: long\n    section: S\n"
        f"    question: Read this.\n    hint: {hint.replace(chr(10), chr(10) + '      ')}\n",
        encoding="utf-8",
    )
    result = cli("cards", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert "continues on a 'cont.' card" in result.stderr
    pages = pdf_pages(tmp_path / "long-flashcards.pdf")
    backs = [
        "".join(c.text for c in page.chars if "Mono" in c.font and not c.text.isspace())
        for page in pages
    ]
    for line in lines:  # each line whole on one face
        squashed = "".join(line.split())
        assert sum(squashed in back for back in backs) >= 1, line
    assert "cont." in "".join(page.text() for page in pages)


def test_a_packet_page_holds_its_questions_code_and_picture_with_its_notes(printed):
    """The page-fit estimate counts each code line as a line and a picture as tall as it is
    drawn, so a question with a long code block or a tall picture still fits its page with
    its notes: in LibreOffice, each question's page is followed by the next question's.
    And a hint's bar runs down the whole hint, its quote's and its own code included: it
    fell left of the question's table cell, where LibreOffice drew none of it (a visual
    review), and then stopped beside code; beside the quote, words and code, it is in the
    quote's colour, as the quote's bar (a paragraph has one left border: the quote had
    none of its own)."""
    pdf = printed["fit-packet-all.docx"]
    pages = [page.extract_text().splitlines() for page in PdfReader(pdf).pages]
    headings = ("Q1 What does this do?", "Q2 What does the diagram show?", "Q3 And this?")
    starts = [n for heading in headings for n, lines in enumerate(pages) if heading in lines]
    assert starts == list(range(starts[0], starts[0] + 3)), pages

    from qbank.wordml.theme import load_theme

    theme = load_theme()
    accent = theme.colors[theme.styles["Packet Hint"]["border_left"]]
    muted = theme.colors["muted"]  # a quote's words' and bar's colour
    quoted = {"a quoted line", "echo quoted"}
    scale = 4  # pixels a point
    image = rendered(pdf, starts[2], scale)
    margin = theme.margin / 20  # points
    hint = ("Nothing long.", "a quoted line", "echo quoted", "echo plain")
    seen, starts_at = {}, {}
    for line in pdf_pages(pdf)[starts[2]].text_lines():
        if line.text in hint:
            starts_at[line.text] = line.x0
            y = round((line.top + line.bottom) / 2 * scale)
            colour = muted if line.text in quoted else accent
            bar = tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
            seen[line.text] = [
                x / scale
                for x in range(round((margin - 1) * scale), round(line.x0 * scale))
                if all(abs(a - b) <= 24 for a, b in zip(image.getpixel((x, y)), bar, strict=True))
            ]
    assert set(seen) == set(hint), seen
    assert all(seen.values()), seen  # a bar beside each line, inside the page's text column
    assert len({round(xs[0]) for xs in seen.values()}) == 1, seen  # one bar down the hint
    # a quote's code stands in as far as its words (it stood left of them, with a bar of
    # its own); the hint's own code where the hint's words start
    assert abs(starts_at["echo quoted"] - starts_at["a quoted line"]) < 1, starts_at
    assert abs(starts_at["echo plain"] - starts_at["Nothing long."]) < 1, starts_at


def test_a_short_code_block_stays_on_one_page_of_the_booklet(built, default_bank):
    """The bundled bank's artefacts (ten lines at most) are read as one piece: the study
    edition never splits one between pages (a longer block breaks between whole lines)."""
    path = built("booklet", "--bank", DEFAULT_BANK) / f"{default_bank.name}-booklet.pdf"
    pages = ["".join(page.text().split()).replace("\u21aa", "") for page in pdf_pages(path)]
    blocks = [b for tree in default_bank.rich.values() for b in tree.code_blocks()]
    assert len(blocks) >= 10
    for block in blocks:
        lines = ["".join(line.split()) for line in block.text.split("\n") if line.strip()]
        assert len(lines) <= 10
        holding = [n for n, page in enumerate(pages) if all(line in page for line in lines)]
        assert holding, block.text


def test_a_text_that_introduces_a_code_block_stays_with_it(built, default_bank):
    """ "Artefact for the follow-up (show it to the candidate):" ended a booklet page once,
    its code on the next: a paragraph right before a code block keeps with its first line."""
    path = built("booklet", "--bank", DEFAULT_BANK) / f"{default_bank.name}-booklet.pdf"
    pages = ["".join(page.text().split()).replace("\u21aa", "") for page in pdf_pages(path)]
    introduced = 0
    for tree in default_bank.rich.values():
        blocks = tree.blocks
        for before, block in zip(blocks, blocks[1:], strict=False):
            if not (isinstance(before, Paragraph) and isinstance(block, CodeBlock)):
                continue
            lead = "".join(span_text(before.spans).split())
            first = "".join(next(li for li in block.text.split("\n") if li.strip()).split())
            assert any(lead + first in page for page in pages), lead
            introduced += 1
    assert introduced >= 9


def test_tables_and_the_pdf_packets_items_show_words_not_markdown(built, bank):
    """A table cell (the time plan, the scorecard) shows a Markdown question's words without
    its markup, and the PDF packet sets a follow-up's Markdown as it sets the hint's."""
    from readback import docx_document, pdf_text

    packet = docx_document(built("packet", "--bank", BANK) / "rich-packet.docx")
    cells = [c.text for t in packet.tables for row in t.rows for c in row.cells]
    flat = [bank.flat(q.question) for q in bank.questions]
    assert any(text in cells for text in flat)
    assert not [c for c in cells if "**" in c or "![" in c]
    pdf = pdf_text(built("packet", "--bank", BANK, "--format", "pdf") / "rich-packet.pdf")
    assert "**" not in pdf and "![" not in pdf
    assert "\u2022 And if the tool is read-only?" in " ".join(pdf.split())


def test_a_cards_list_markers_take_the_size_and_face_of_their_items(built):
    """reportlab sets a bullet in 10 pt Helvetica unless told: a card's numbers stood
    larger than its 7 pt items, in another face."""
    path = built("cards", "--bank", BANK) / "rich-flashcards.pdf"
    for page in pdf_pages(path):
        chars = [c for c in page.chars if not c.generated and not c.text.isspace()]
        text = "".join(c.text for c in chars)
        at = text.find("1.pickle.load")
        if at >= 0:
            marker, item = chars[at], chars[at + 2]
            assert marker.size == pytest.approx(item.size) and "Helvetica" not in marker.font
            assert marker.font == chars[text.find("runs", at)].font
            break
    else:
        raise AssertionError("no numbered item on the cards")


def test_a_printed_address_reads_as_written_and_an_autolink_shows_once(cli, tmp_path):
    """The booklet, the cards and the packet print a link's address after its text: as the
    writer wrote it ("Größe", not "Gr%C3%B6%C3%9Fe"), and an autolink's once. Its bracket
    starts the line the address starts, whose host stays whole: a card's line ended 'See
    Größe (', and the booklet's 'Kimball (https://www.' (a Spanish trial)."""
    bank = tmp_path / "links.yaml"
    kimball = "https://www.kimballgroup.com/data-warehouse-business-intelligence-resources/"
    bank.write_text(
        "title: Links\nmarkup: markdown\nquestions:\n  - id: links\n    section: S\n"
        "    question: Where is it?\n"
        "    hint: 'See [Größe](https://de.wikipedia.org/wiki/Größe) and"
        " <https://de.wikipedia.org/wiki/Straße>. Más en la guía de"
        f" [Kimball]({kimball}kimball-techniques/dimensional-modeling-techniques/).'\n",
        encoding="utf-8",
    )
    for command in ("booklet", "cards", "packet --format pdf"):
        result = cli(*command.split(), "--bank", bank, "--out", tmp_path)
        assert result.exit_code == 0, result.output
    for name in ("links-booklet.pdf", "links-flashcards.pdf", "links-packet.pdf"):
        text = "".join("".join(c.text for c in p.chars) for p in pdf_pages(tmp_path / name))
        squashed = "".join(text.split()).replace("-", "")
        assert "Größe(https://de.wikipedia.org/wiki/Größe)" in squashed, name
        assert squashed.count("Straße") == 1, name
        assert "%C3" not in text, name
        lines = [line.text for p in pdf_pages(tmp_path / name) for line in p.text_lines()]
        assert not [line for line in lines if line.endswith(("(", "://", "www."))], name


def test_a_link_whose_words_are_its_address_without_the_scheme_prints_once(cli, tmp_path):
    """A teacher's course page, [cs101.example.edu](https://cs101.example.edu), printed as
    'cs101.example.edu (https://cs101.example.edu)' on the booklet's cover and beside every
    hint, as an autolink did before it printed once (a programming teacher's trial); words
    that are another address or another host's still print the address after them."""
    bank = tmp_path / "course.yaml"
    bank.write_text(
        "title: Course\nmarkup: markdown\nquestions:\n  - id: page\n    section: S\n"
        "    question: Where are the notes?\n"
        "    hint: 'On [cs101.example.edu](https://cs101.example.edu/), in [www.example.edu/"
        "notes](http://www.example.edu/notes), not on [example.org](https://example.com).'\n",
        encoding="utf-8",
    )
    for command in ("booklet", "cards", "packet --format pdf"):
        result = cli(*command.split(), "--bank", bank, "--out", tmp_path)
        assert result.exit_code == 0, result.output
    for name in ("course-booklet.pdf", "course-flashcards.pdf", "course-packet.pdf"):
        text = "".join("".join(c.text for c in p.chars) for p in pdf_pages(tmp_path / name))
        squashed = "".join(text.split())
        assert squashed.count("cs101.example.edu") == 1, name
        assert squashed.count("www.example.edu/notes") == 1, name
        assert "example.org(https://example.com)" in squashed, name
    result = cli("packet", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    body = docx.Document(tmp_path / "course-packet.docx").element.body
    document = "".join(t.text or "" for t in body.iter(qn("w:t")))
    assert document.count("cs101.example.edu") == 1
    assert "example.org (https://example.com)" in document


def test_a_questions_code_is_set_as_the_packets_items_and_the_time_plan_shows_its_opening(
    cli, tmp_path
):
    """A question's code block in the PDF packet stood in the heading's size, a line for
    every few words; both packets' time plans held the question's whole code."""
    bank = tmp_path / "code.yaml"
    code = "counts = {name: len(name.encode('utf-8')) for name in names if name}"
    bank.write_text(
        "title: Code\nmarkup: markdown\nquestions:\n  - id: read\n    section: S\n"
        "    question: |\n      What does this print?\n\n      ```python\n"
        f"      {code}\n      ```\n    hint: A dict.\n    minutes: 5\n",
        encoding="utf-8",
    )
    for fmt in ("pdf", "docx"):
        result = cli("packet", "--bank", bank, "--format", fmt, "--out", tmp_path)
        assert result.exit_code == 0, result.output
    pages = pdf_pages(tmp_path / "code-packet.pdf")
    (page,) = [p for p in pages if "counts" in p.text()]  # the question's page alone
    code_sizes = {c.size for c in page.chars if "Mono" in c.font and not c.generated}
    heading_sizes = {c.size for c in page.chars if c.text in "What" and not c.generated}
    assert max(code_sizes) < max(heading_sizes)
    (line,) = [line for line in page.text().splitlines() if "counts" in line]
    assert "".join(line.split()) == "".join(code.split())  # on one line, as it fits
    for name in ("Time plan", "Scorecard"):  # the tables name the question by its words
        table = next(p for p in pages if name in p.text())
        assert "What does this print? \u2026" in " ".join(table.text().split()), name
    document = docx.Document(tmp_path / "code-packet.docx")
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "What does this print? \u2026" in cells
    assert not [c for c in cells if "counts" in c]
    # in the DOCX, the question's code stands under its text, right of its number (it
    # stood at the margin)
    heading = document.styles["Heading 2"].paragraph_format.left_indent
    (line,) = [p for p in document.paragraphs if p.text.startswith("counts")]
    assert line.style.name == "Packet Code Block"
    assert line.paragraph_format.left_indent > heading


def _whole_packet(cli, bank, questions: str) -> docx.document.Document:
    """The DOCX packet of every question of a Markdown bank written at `bank`, read back."""
    bank.write_text(f"title: T\nmarkup: markdown\nquestions:\n{questions}", encoding="utf-8")
    assert cli("packet", "--bank", bank, "--all", "--out", bank.parent).exit_code == 0
    return docx.Document(bank.parent / f"{bank.stem}-packet-all.docx")


def test_a_questions_lists_quotes_and_code_stand_right_of_its_number_in_the_docx(cli, tmp_path):
    """Only the question's first paragraph stands beside its number: its lists and quotes
    stood at the margin under "Q1"; a question that opens with code keeps its number at the
    margin (the code's indent pushed "Q1" 11 mm in)."""
    document = _whole_packet(
        cli,
        tmp_path / "blocks.yaml",
        "  - id: mixed\n    section: S\n    question: |\n      Which of these is risky?\n\n"
        "      - the first item\n      - the second item\n\n      > a quoted line\n"
        "    hint: H.\n"
        "  - id: code-first\n    section: S\n    question: |\n      ```sh\n      rm -rf /tmp/x\n"
        "      ```\n\n      What does it do?\n    hint: H.\n",
    )
    heading = document.styles["Heading 2"].paragraph_format
    paragraphs = {p.text: p for p in document.paragraphs}

    def start(p) -> int:  # where the paragraph's text (after any marker) starts, in EMU
        form = p.paragraph_format
        return form.left_indent if form.left_indent is not None else heading.left_indent

    for text in ("\u2022\tthe first item", "\u2022\tthe second item", "a quoted line"):
        assert start(paragraphs[text]) > heading.left_indent, text
    quote = paragraphs["a quoted line"].paragraph_format
    assert not quote.first_line_indent  # no marker, so no hanging line
    number = paragraphs["Q2\t"]  # the number on its own line, at the margin like Q1's
    assert number.style.name == "Heading 2" and number.paragraph_format.left_indent is None
    (code,) = [p for p in document.paragraphs if p.text.startswith("rm -rf")]
    assert code.paragraph_format.left_indent > heading.left_indent

    # a question is one heading: its further paragraphs keep the look, at body-text level,
    # so Word's navigation pane and a screen reader's list of headings name each question once
    def level(p) -> str | None:
        found = p._p.pPr.find(qn("w:outlineLvl"))
        return None if found is None else found.get(qn("w:val"))

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2" and not level(p)]
    assert [h for h in headings if h.startswith("Q")] == ["Q1\tWhich of these is risky?", "Q2\t"]
    assert level(paragraphs["What does it do?"]) == level(paragraphs["a quoted line"]) == "9"
    # the quote set apart as the booklet sets it: a bar on its left, muted, not bold
    quoted = paragraphs["a quoted line"]
    bar = quoted._p.pPr.find(qn("w:pBdr")).find(qn("w:left"))
    assert bar.get(qn("w:val")) == "single"
    assert [(r.bold, str(r.font.color.rgb)) for r in quoted.runs] == [(False, "57606A")]


def test_a_quotes_code_keeps_its_bar_and_a_notes_label_stands_outside_it_in_the_docx(cli, tmp_path):
    """A code block in a quote stood without the quote's bar, and a note that opens with a
    quote had "Editor's note:" inside the bar, as if the bank had quoted it."""
    document = _whole_packet(
        cli,
        tmp_path / "quoted.yaml",
        "  - id: q\n    section: S\n"
        "    question: |\n      What does it print?\n\n      > a quoted line\n      >\n"
        "      > ```python\n      > print('quoted')\n      > ```\n"
        "    hint: H.\n    note: |\n      > a quoted note\n",
    )
    every = [DocxParagraph(p, document) for p in document.element.body.iter(qn("w:p"))]
    paragraphs = {p.text: p for p in every}

    def bar(p):
        borders = p._p.pPr.find(qn("w:pBdr"))
        return None if borders is None else borders.find(qn("w:left"))

    def start(p):
        return p.paragraph_format.left_indent

    quoted, code = paragraphs["a quoted line"], paragraphs["print('quoted')"]
    assert bar(quoted) is not None and bar(code) is not None
    assert start(code) == start(quoted)  # one bar, down the quote's left
    label = [p for p in every if p.text.startswith("Editor's note:")]
    assert [p.text.strip() for p in label] == ["Editor's note:"]
    assert bar(label[0]) is None
    assert bar(paragraphs["a quoted note"]) is not None


def test_a_quote_in_a_hint_has_its_bar_and_stands_apart_from_a_list_before_it_in_the_docx(
    cli, tmp_path
):
    """A quote in a hint had neither bar nor indent of its own in the DOCX packet (the
    hint's bar ran on beside it), and one after a list stood where the last item's text
    did, as part of that item. Its bar, in the quote's colour, stands where the hint's does
    (a paragraph has one left border), and its text in by less than a list item's, as the
    PDFs set it; the hint's other paragraphs keep the hint's bar."""
    document = _whole_packet(
        cli,
        tmp_path / "hinted.yaml",
        "  - id: q\n    section: S\n    question: What does the policy say?\n    hint: |\n"
        "      It says:\n\n      > Logs are kept ninety days.\n\n      Then:\n\n"
        "      - first point\n      - second point\n\n      > A quote after the list.\n\n"
        "      And words after.\n",
    )
    every = [DocxParagraph(p, document) for p in document.element.body.iter(qn("w:p"))]
    paragraphs = {p.text.lstrip("\t"): p for p in every}

    def bar(p) -> str | None:
        borders = p._p.pPr.find(qn("w:pBdr"))
        found = None if borders is None else borders.find(qn("w:left"))
        return None if found is None else found.get(qn("w:color"))

    def text_start(p) -> int:
        form = p.paragraph_format
        return form.left_indent or document.styles["Packet Hint"].paragraph_format.left_indent

    hint_bar = document.styles["Packet Hint"].element.pPr.find(qn("w:pBdr"))
    hint_bar = hint_bar.find(qn("w:left")).get(qn("w:color"))
    item = paragraphs["\u2022\tsecond point"]
    for text in ("Logs are kept ninety days.", "A quote after the list."):
        quote = paragraphs[text]
        assert quote.style.name == "Packet Hint"  # on the hint's ground
        assert bar(quote).upper() == "57606A" != hint_bar.upper(), text  # the text's colour
        assert [str(r.font.color.rgb) for r in quote.runs if r.text.strip()] == ["57606A"]
        assert text_start(paragraphs["It says:"]) < text_start(quote) < text_start(item), text
    for text in ("It says:", "Then:", "\u2022\tfirst point", "And words after."):
        assert bar(paragraphs[text]) is None, text  # the hint's own, from its style


MAKEFILE = "test:\n\tpytest -q\nlint:\t# a tab before this\n\t\tmypy src/"


def test_a_tab_in_code_reaches_its_tab_stop_in_every_pdf(cli, tmp_path):
    """reportlab draws a tab one blank wide: a trial's Makefile recipes stood a column in.
    The PDFs draw each tab as the blanks to the next stop, every TAB_STOP columns."""
    from qbank.highlight import TAB_STOP

    bank = code_bank(tmp_path / "make.yaml", "make", MAKEFILE.split("\n"))
    out = tmp_path / "out"
    for command in (["booklet"], ["cards"], ["packet", "--format", "pdf"]):
        assert cli(*command, "--bank", bank, "--out", out).exit_code == 0
    for name in ("make-booklet.pdf", "make-flashcards.pdf", "make-packet.pdf"):
        chars = [c for page in pdf_pages(out / name) for c in page.chars if "Mono" in c.font]
        text = "".join(c.text for c in chars)
        # the first letter of each word: "pytest" -> its character
        starts = {word: chars[text.index(word)] for word in ("test", "pytest", "lint", "mypy", "#")}
        advance = starts["test"].x1 - starts["test"].x0
        column = {w: round((c.x0 - starts["test"].x0) / advance) for w, c in starts.items()}
        assert column == {"test": 0, "pytest": TAB_STOP, "lint": 0, "#": 2 * TAB_STOP,
                          "mypy": 2 * TAB_STOP}, name  # fmt: skip


@pytest.mark.parametrize(
    "shape",
    [
        "x" * 8 + "_x",  # a trial's class: a blank line before its last line
        "x_" + "x" * 9,  # a blank line after the first
        "xx_xx_xx_xx_xx_x",
        "x_x_x_x_x_x_x_x",
    ],
)
def test_a_page_break_in_code_leaves_two_lines_with_text_on_either_side(shape):
    """A trial's class ended on a page of its own: a blank line and its last line (the
    rows kept the last line with the one before it, which was blank). Wherever the page
    ends, a break in a code block leaves two lines with text on either side."""
    from qbank.exporters.booklet.layout import Row, Rows
    from qbank.exporters.booklet.richtext import CODE_LINES_AT_A_BREAK, _protect_code

    written = [mark == "x" for mark in shape]  # x a line with text, _ a blank one
    units = [[Row(10, 8, keep=True), Row(10, 8)] for _ in written]  # a line wraps once
    _protect_code(units, written)
    rows = [row for unit in units for row in unit]
    breaks = set()
    for room in range(10, 10 * len(rows)):
        parts = Rows(rows).split(400, room)
        if parts:
            at = len(parts[0].rows)
            assert at % 2 == 0  # between code lines, never inside one
            breaks.add(at // 2)
    for at in breaks:
        assert sum(written[:at]) >= CODE_LINES_AT_A_BREAK <= sum(written[at:]), (shape, at)
    assert breaks  # a page may still break the block


def test_a_sections_description_shows_its_markdown_in_the_docx_packet(cli, tmp_path):
    """A trial's "the *core* of the loop" showed its stars; the booklet, the page and the
    PDF packet show the emphasis. A code span keeps its share of its paragraph's size, as
    in the PDFs: in the question's heading it was 9.5 pt in 13 pt letters (a trial's
    'Fíjate en PARTITION BY')."""
    from readback import docx_document

    bank = tmp_path / "described.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nsections:\n  - name: Data\n"
        "    description: Schemas, the *core* of the **loop**, `SELECT`.\n"
        "questions:\n  - {id: q, section: Data, question: Run `SELECT`?, hint: H.}\n",
        encoding="utf-8",
    )
    assert cli("packet", "--bank", bank, "--out", tmp_path).exit_code == 0
    document = docx_document(tmp_path / "described-packet.docx")
    (shown,) = [p for p in document.paragraphs if p.text.startswith("Schemas")]
    assert shown.text == "Schemas, the core of the loop, SELECT."
    assert [r.text for r in shown.runs if r.italic] == ["core"]
    assert [r.text for r in shown.runs if r.bold] == ["loop"]
    code = document.styles["Packet Code"]
    assert [r.text for r in shown.runs if r.style == code] == ["SELECT"]
    share = code.font.size.pt / document.styles["Normal"].font.size.pt
    (heading,) = [p for p in document.paragraphs if p.text.startswith("Q1")]
    for paragraph in (shown, heading):
        (span,) = [r for r in paragraph.runs if r.style == code]
        size = span.font.size or code.font.size
        assert abs(size.pt - paragraph.style.font.size.pt * share) <= 0.25, paragraph.text


@pytest.mark.parametrize("size", [(400, 6000), (1200, 1200)])
def test_a_tall_picture_between_two_lines_fits_one_card(cli, tmp_path, size):
    """A trial's 400 x 6000 picture took the whole text box, so the line above and the line
    below it went to cards of their own at the smallest size: three cards, the picture
    alone on the middle one. The picture shrinks with the text until all fit one card."""
    from PIL import Image

    Image.new("RGB", size, (200, 30, 30)).save(tmp_path / "tall.png")
    bank = tmp_path / "tall.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Explain the diagram.\n    hint: |\n      Before the picture.\n\n"
        "      ![A tall diagram](tall.png)\n\n      After the picture.\n",
        encoding="utf-8",
    )
    result = cli("cards", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0 and "cont." not in result.stderr, result.stderr
    pages = pdf_pages(tmp_path / "tall-flashcards.pdf")
    assert len(pages) == 2  # one front, one back
    back = pages[1].text()
    assert "Before the picture." in back and "After the picture." in back
    assert "cont." not in back


@pytest.mark.parametrize("sentences", [1, 6])
def test_a_wide_picture_shares_a_business_card_with_its_text(cli, tmp_path, sentences):
    """A trial's short hint with a wide picture took three business cards, the picture
    alone on the middle one: at the least size a picture shrinks to what the card leaves
    (down to 2/5 of its text box) before the face takes another card, and on a card the
    text runs on from, it fills the room left."""
    from PIL import Image

    Image.new("RGB", (800, 500), (30, 90, 200)).save(tmp_path / "vpc.png")
    before = " ".join(
        ["The private subnet reaches the internet through the NAT gateway."] * sentences
    )
    bank = tmp_path / "vpc.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: How?\n    hint: |\n      {before}\n\n      ![The VPC](vpc.png)\n\n"
        "      The red line is the route `0.0.0.0/0 → nat-0abc`.\n",
        encoding="utf-8",
    )
    result = cli("cards", "--bank", bank, "--out", tmp_path, "--card", "business")
    assert result.exit_code == 0, result.output
    backs = pdf_pages(tmp_path / "vpc-flashcards.pdf")[1].text()
    if sentences == 1:
        assert "cont." not in result.stderr and "cont." not in backs
    else:  # two cards, not three: the picture is on the first, after the text
        assert "(1/2)" in backs and "(cont. 2/2)" in backs and "3/3" not in backs


@pytest.mark.parametrize("sentences", [1, 25])
def test_a_questions_code_on_a_card_is_no_larger_than_the_backs(cli, tmp_path, sentences):
    """A trial's JSON in a question was set at the question's size on an index card's
    front, a line for every few words, where the booklet sets it small: a card's code
    follows its text's size at most up to the back's, as the back's code does."""
    from qbank.highlight import CODE_SCALE

    bank = tmp_path / "json.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: |\n      What is wrong here?\n\n      ```json\n"
        '      {"Routes": [{"DestinationCidrBlock": "0.0.0.0/0"}]}\n      ```\n'
        f"    hint: Short.{' A route table sends traffic to its gateway.' * (sentences - 1)}\n",
        encoding="utf-8",
    )
    assert cli("cards", "--bank", bank, "--out", tmp_path, "--card", "index").exit_code == 0
    front, back = pdf_pages(tmp_path / "json-flashcards.pdf")[:2]
    code = {round(c.size, 2) for c in front.chars if "Mono" in c.font and not c.text.isspace()}
    words = "".join(c.text for c in back.chars)
    hint = back.chars[words.index("Short.")].size
    question = front.chars["".join(c.text for c in front.chars).index("What")].size
    # a line no size keeps whole is set at the size of the back's code, not smaller
    assert code == {round(hint * CODE_SCALE, 2)} and question > hint, (code, hint, question)


def test_a_cards_code_is_set_smaller_and_kept_whole_when_a_smaller_size_allows(cli, tmp_path):
    """A trial's card wrapped code inside its names (`idx_events_tenant_crea↪ted`) with room
    to spare: code is set a little smaller than the text, as in the booklet, and a code line
    that a smaller size of the face (down to 3/4) keeps whole is not wrapped."""
    from qbank.highlight import CODE_SCALE

    line = "CREATE INDEX CONCURRENTLY idx_events_tenant_created ON events (tenant_id);"
    bank = tmp_path / "code.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Which index?\n    hint: |\n      An index:\n\n      ```sql\n"
        f"      {line[:36]}\n      ```\n",
        encoding="utf-8",
    )
    assert cli("cards", "--bank", bank, "--out", tmp_path).exit_code == 0
    back = pdf_pages(tmp_path / "code-flashcards.pdf")[1]
    words = "".join(c.text for c in back.chars)
    size = back.chars[words.index("An index:")].size
    code = [c for c in back.chars if "Mono" in c.font and c.text.strip()]
    # the code set as large as keeps its line whole (the text stays at its size): no
    # larger than the text's code, and its line fills the width it has
    (shown,) = {round(c.size, 2) for c in code}
    assert shown <= round(size * CODE_SCALE, 2)
    assert "\u21aa" not in back.text()
    frame = max(c.x1 for c in back.chars) - min(c.x0 for c in back.chars)
    assert max(c.x1 for c in code) - min(c.x0 for c in code) > 0.85 * frame


TOKENS = (  # the fixture's tokens wider than a line
    "arn:aws:iam::123456789012:role/very-long-role-name-here-for-transit-gateway-network-manager"
    "-automation",
    "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,198.18.0.0/15,203.0.113.0/24,0.0.0.0/0?",
    "https://learn.microsoft.com/en-us/azure/vpn-gateway/tutorial-site-to-site-portal-existing-"
    "connections-and-more",
    "fd00:1234:5678:9abc:def0:1234:5678:9abc:fd00:1234:5678:9abc:fd00:1234:5678:9abc",
)


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["booklet", "--edition", "study"], "long-tokens-booklet.pdf"),
        (["cards", "--card", "index"], "long-tokens-flashcards.pdf"),
        (["cards", "--card", "business"], "long-tokens-flashcards.pdf"),
        (["packet", "--format", "pdf", "--all"], "long-tokens-packet-all.pdf"),
    ],
)
def test_a_token_wider_than_a_line_breaks_after_its_separators(built, command, name):
    """A trial's ARNs, lists of networks, IPv6 addresses and URLs were cut at whatever
    character met the line's end ("…transit-gate / way", "fd / 00:1234", ",172.16…" at a
    line's start). Each line that ends inside one now ends after a separator."""
    path = built(*command, "--bank", FIXTURES / "long-tokens.yaml").out / name
    lines = [line.text for page in pdf_pages(path) for line in page.text_lines()]
    cut = 0
    for above, below in zip(lines, lines[1:], strict=False):
        if not above.split() or not below.split():
            continue
        joined = above.split()[-1] + below.split()[0]
        if any(joined in token for token in TOKENS):  # a token goes on from line to line
            assert above[-1] in "/-:,;.?", (name, above, below)
            cut += 1
    assert cut >= len(TOKENS), lines


# names in tests/fixtures/long-calls.yaml that no wrapped code line may part
CALL_NAMES = (
    "completions",
    "conversation_history",
    "model_name",
    "retrieved_documents",
    "max_summary_tokens",
    "summarizer",
    "temperature",
    "choices[0]",
    'summary["text"]',
)


@pytest.mark.parametrize(
    ("command", "name", "anywhere"),
    [
        (["booklet", "--edition", "study"], "long-calls-booklet.pdf", False),
        # a card a sheet: the lines of cards side by side would read as one
        (["cards", "--tag", "chat"], "long-calls-flashcards-chat.pdf", True),
        (["cards", "--tag", "summary"], "long-calls-flashcards-summary.pdf", True),
        (["packet", "--format", "pdf", "--all"], "long-calls-packet-all.pdf", False),
    ],
)
def test_a_long_call_breaks_where_a_programmer_would(built, command, name, anywhere):
    """A programming teacher's trial: a long call in a code block or a code span was cut
    inside a name ('conversation_' then 'history' on a card, 'retrieved_docume' then
    'nts'), or after the '=' of 'documents=' where 'generate_summary(' could have ended
    the line. Each wrapped line (the next starts with the mark) ends at a blank, or after
    '(', ',' or a name's '.' as on the study page (qbank.text.CODE_BREAK); on a card,
    whose lines hold some 25 characters, after another separator ('messages=') where the
    name after it would not fit with it; never inside a name."""
    bank = FIXTURES / "long-calls.yaml"
    source = bank.read_text(encoding="utf-8").replace("`", "")  # a code span as shown
    path = built(*command, "--bank", bank).out / name
    lines = [line.text for page in pdf_pages(path) for line in page.text_lines()]
    wraps = 0
    for above, below in zip(lines, lines[1:], strict=False):
        if not below.startswith("\u21aa ") or not above.split():
            continue
        wraps += 1
        end, start = above.split()[-1], below.split()[1]
        joined = end + start
        for called in CALL_NAMES:
            at = joined.find(called)
            while at >= 0:
                assert not at < len(end) < at + len(called), (name, above, below)
                at = joined.find(called, at + 1)
        if f"{end} {start}" in source:  # at a blank
            continue
        assert joined in source, (name, above, below)  # nothing added but the mark
        assert end[-1] in ("(,.[=" if anywhere else "(,.["), (name, above, below)
    assert wraps >= 5, lines


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["booklet", "--edition", "study"], "long-words-marks-booklet.pdf"),
        (["cards", "--card", "index"], "long-words-marks-flashcards.pdf"),
    ],
)
def test_a_cut_word_leaves_no_punctuation_alone_on_a_line(built, command, name):
    """A word wider than a line was cut so that its last marks stood alone: a lone '_'
    under 'Antidisestablishmentarianism' on the booklet's cover, ').' under
    'etonProxyFactoryBean(' on an index card (a trial). They end the line before, hanging
    past its end as punctuation may."""
    bank = FIXTURES / "long-words-marks.yaml"
    path = built(*command, "--bank", bank).out / name
    lines = [line.text.strip() for page in pdf_pages(path) for line in page.text_lines()]
    alone = [line for line in lines if line and not any(c.isalnum() for c in line)]
    assert not alone, alone
    text = squash(pdf_text(path))
    question = load_bank(bank).questions[0]
    assert squash(question.question) in text
    if "booklet" in command:
        assert squash(load_bank(bank).title) in text
        assert squash(question.hint) in text


def test_a_wrapped_code_lines_rest_keeps_its_indentation_in_every_pdf(cli, tmp_path):
    """A trial's wrapped YAML went on at the margin ("↪ CustomerGateway…" under
    "Resources:"), where it read as a top-level key: each further piece starts at the
    line's own indentation, after the mark, as an editor's soft wrap does."""
    key = "CustomerGatewayId: !Ref "
    code = ["Resources:", "  Vpn:", f"      {key}{'CustomerGatewayOfTheHeadOffice' * 3}"]
    bank = code_bank(tmp_path / "y.yaml", "yaml", code)
    out = tmp_path / "out"
    for command in (["booklet"], ["cards"], ["packet", "--format", "pdf"]):
        assert cli(*command, "--bank", bank, "--out", out).exit_code == 0
    for name in ("y-booklet.pdf", "y-flashcards.pdf", "y-packet.pdf"):
        chars = [c for page in pdf_pages(out / name) for c in page.chars if not c.text.isspace()]
        text = "".join(c.text for c in chars)
        first = chars[text.index("CustomerGatewayId:")]  # the line's first character
        marks = [i for i, c in enumerate(chars) if c.text == "\u21aa"]
        assert marks, name
        for i in marks:  # the piece after each mark starts right of the line's indent
            assert chars[i + 1].x0 > first.x0 + 0.5, (name, chars[i + 1].text)


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["cards"], "w-flashcards.pdf"),
        (["cards", "--card", "a7"], "w-flashcards.pdf"),
        (["packet", "--format", "pdf"], "w-packet.pdf"),
    ],
)
def test_a_wrapped_code_lines_windows_path_is_cut_after_a_backslash(cli, tmp_path, command, name):
    """A workshop trial's PowerShell card read '"C:\\Users\\Public\\Documents\\Wor' then
    '↪ kshop\\Efficient Office Files"': a code block's line with no late blank was cut
    after a '/' but never after a '\\', Windows' path separator, so a folder's name was cut
    in two. Each further piece of the path starts after a backslash, each name whole."""
    names = ["Users", "Public", "Documents", "Workshop", "Efficient", "Compliance", "Archive"]
    path = "C:\\" + "\\".join(names) + "\\"
    bank = code_bank(tmp_path / "w.yaml", "powershell", [f'Get-ChildItem "{path}"'])
    assert cli(*command, "--bank", bank, "--out", tmp_path).exit_code == 0
    lines = [line.text for page in pdf_pages(tmp_path / name) for line in page.text_lines()]
    first = next(i for i, line in enumerate(lines) if line.startswith("Get-ChildItem"))
    pieces = [lines[first]]
    for line in lines[first + 1 :]:
        if not line.startswith("\u21aa"):
            break
        pieces.append(line.removeprefix("\u21aa").strip())
    assert len(pieces) > 1, lines  # the path was wrapped
    assert squash(path) in squash("".join(pieces)), pieces
    cut = [piece for piece in pieces[:-1] if not piece.endswith(("\\", " ", '"'))]
    assert not cut, pieces  # each piece but the last ends at a separator of the path
    whole = [f"\\{piece}" if piece[:1].isalpha() else piece for piece in pieces]
    for folder in names:
        assert any(f"\\{folder}\\" in piece for piece in whole), (folder, pieces)


def test_a_quote_in_the_booklet_has_a_bar_down_its_left_as_on_the_page_and_in_the_docx(
    cli, tmp_path
):
    """A quote was only indented and muted in the booklet: a bar in the rule colour runs
    down its left, through its paragraphs and its code, one a quote, as the study page's
    and the DOCX packet's do; text outside a quote has none."""
    bank = tmp_path / "quotes.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: What does it say?\n    hint: |\n"
        "      > Alpha one.\n      >\n      > Alpha two.\n      >\n"
        "      > ```python\n      > print('alpha')\n      > ```\n\n"
        "      Between the quotes.\n\n      > Omega.\n",
        encoding="utf-8",
    )
    result = cli("booklet", "--bank", bank, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    (page,) = [p for p in pdf_pages(tmp_path / "out" / "quotes-booklet.pdf") if "Omega" in p.text()]
    rule = (0xC9 / 255, 0xD1 / 255, 0xD9 / 255)  # templates/theme.toml's rule colour
    bars = [
        r
        for r in page.rects
        if r.fill
        and all(abs(a - b) < 0.01 for a, b in zip(r.fill, rule, strict=True))
        and r.width < 3
        and r.height > 5
    ]
    words = {w.text: w for w in page.words()}
    assert len(bars) == 2, bars  # one a quote: not joined across the paragraph between

    def bar_of(word):
        return [b for b in bars if b.x1 < word.x0 and b.top <= word.top and word.bottom <= b.bottom]

    first, second = sorted(bars, key=lambda b: b.top)
    for text in ("Alpha", "two.", "print('alpha')"):
        assert bar_of(words[text]) == [first], text
    assert bar_of(words["Omega."]) == [second]
    assert bar_of(words["Between"]) == []
    assert words["Alpha"].x0 - first.x1 < 12  # beside the quote, not in the gutter


def test_a_quote_in_the_fillable_packet_stands_in_and_muted_as_in_the_booklet(cli, tmp_path):
    """The fillable packet set a quote as the text around it: "> Never trust it." read as
    the question's own words. Its lines stand in and in the muted colour, and read back as
    the bank's words."""

    bank = tmp_path / "quoted.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: |\n      Who said this?\n\n      > Never trust it.\n"
        "    hint: |\n      Plain words.\n\n      > Quoted words.\n      >\n"
        "      > - listed within\n      >\n      > ```python\n      > coded_within = 1\n"
        "      > ```\n    note: |\n      > Noted within.\n",
        encoding="utf-8",
    )
    result = cli("packet", "--bank", bank, "--all", "--format", "pdf", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    path = tmp_path / "quoted-packet-all.pdf"
    (number,) = [n for n, page in enumerate(pdf_pages(path)) if "Never" in page.text()]
    words = {w.text: w for w in pdf_pages(path)[number].words()}
    assert words["Never"].x0 > words["Who"].x0 + 5
    assert words["Quoted"].x0 > words["Plain"].x0 + 5
    # a list and code in a quote stand in with it (a review: they stood at the margin)
    assert words["listed"].x0 > words["Plain"].x0 + 5
    assert words["coded_within"].x0 > words["Plain"].x0 + 5
    # a note that opens with a quote has its label on a line of its own, as in the DOCX
    assert words["Noted"].top > words["note:"].bottom
    assert "Never trust it." in " ".join(pdf_pages(path)[number].text().split())

    def color(word: str) -> tuple[int, int, int]:
        return text_fill(path, number, word)

    muted = (0x57, 0x60, 0x6A)  # templates/theme.toml's muted colour
    assert color("Never") == color("Quoted") == color("listed") == muted
    assert color("Plain") != muted


@pytest.mark.parametrize(
    ("fence", "name"),
    [
        *[("r", "R"), ("zsh", "Zsh"), ("hcl", "HCL"), ("text", ""), ("python", "Python")],
        *[("v", "Verilog"), ("sv", "SystemVerilog"), ("txt", ""), ("plaintext", "")],
        # a programming teacher's trial: 'none' captioned 'none', 'postgresql' 'PostgreSQL
        # SQL dialect', 'sqlite' unhighlighted
        *[("none", ""), ("nohighlight", ""), ("postgresql", "PostgreSQL"), ("sqlite", "SQLite")],
        *[("console", "Shell session"), ("bat", "Batch"), ("docker", "Dockerfile")],
    ],
)
def test_a_code_blocks_caption_names_its_language_as_people_do(cli, tmp_path, fence, name):
    """A trial's R code was captioned "S" on the page and in the deck: Pygments lexes R
    with its S lexer, named "S". Zsh was "Bash" and HCL "Terraform"; plain text was "Text
    only". The caption names the language as people write it; plain text has none (a
    visual review: "Text" above a table typed in a code block said nothing)."""
    bank = code_bank(tmp_path / "code.yaml", fence, ["x <- 1"])
    assert cli("html", "--bank", bank, "--out", tmp_path).exit_code == 0
    assert cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    page = (tmp_path / "code.html").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="qbank-data">(.*?)</script>', page)
    (block,) = json.loads(data[1])["questions"][0]["hint"]["blocks"]
    captions = [block["label"]]
    with zipfile.ZipFile(tmp_path / "code.apkg") as package:
        deck = package.read("collection.anki2").decode("utf-8", "replace")
    deck_captions = re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", deck)
    assert captions == [name]
    assert deck_captions == ([name] if name else [])
    assert ("<figcaption" in deck) is bool(name)


def test_a_questions_bookmark_and_lms_name_are_its_words(cli, tmp_path):
    """A visual review: a question with a JSON block had 'json {…' in its bookmark, and one
    with a picture a false '…' after its words (the bookmark held the Markdown source).
    Bookmarks and Moodle's question names hold the words, without code and pictures."""
    from PIL import Image
    from pypdf import PdfReader

    Image.new("RGB", (400, 200), "#8c959f").save(tmp_path / "scale.png")
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n"
        "  - id: picture\n    section: S\n    hint: H.\n    question: |\n"
        "      What does the **scale** show?\n\n      ![A scale from 15 to 3](scale.png)\n"
        "  - id: code\n    section: S\n    hint: H.\n    question: |\n"
        '      Which field is wrong, and why?\n\n      ```json\n      {"a": 1}\n      ```\n'
        "  - id: only-code\n    section: S\n    hint: H.\n    question: |\n"
        "      ```sh\n      rm -rf /\n      ```\n",
        encoding="utf-8",
    )
    assert cli("booklet", "--bank", bank, "--out", tmp_path).exit_code == 0
    outline = PdfReader(tmp_path / "b-booklet.pdf").outline
    titles = [item.title for item in outline[-1]]
    assert titles == [
        "Q1 What does the scale show?",
        "Q2 Which field is wrong, and why?",
        "Q3 rm -rf /",
    ]
    assert cli("lms", "--bank", bank, "--format", "moodle", "--out", tmp_path).exit_code == 0
    (xml,) = tmp_path.glob("*.xml")
    names = re.findall(r"<name>\s*<text><!\[CDATA\[(.*?)\]\]></text>", xml.read_text("utf-8"))
    assert names[-3:] == titles


def test_a_table_typed_in_a_code_block_keeps_its_lines_on_a_card(cli, tmp_path):
    """A visual review: check tells a user to put a table in a code block to keep its
    columns, and on a half-empty card its 41-character lines wrapped ('NEWS2 ↪ Prioridad').
    A code block is set smaller than its text, down to the cards' least size, to keep each
    line whole; one too wide even there still wraps."""
    table = [
        "Cama  Motivo             NEWS2  Prioridad",
        "3     Shock séptico      9      1 (ya)",
    ]
    table += ["8     EPOC estable       2      3"]
    long = "x" * 120
    bank = tmp_path / "t.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Prioridades?\n    hint: |\n      Por puntuación:\n\n      ```text\n"
        + "".join(f"      {row}\n" for row in table)
        + f"      ```\n\n      Y:\n\n      ```text\n      {long}\n      ```\n",
        encoding="utf-8",
    )
    assert cli("cards", "--bank", bank, "--out", tmp_path, "--card", "index").exit_code == 0
    back = pdf_pages(tmp_path / "t-flashcards.pdf")[1]
    lines = [line.text for line in back.text_lines()]
    for row in table:
        assert " ".join(row.split()) in lines, (row, lines)
    assert "\u21aa" in back.text()  # the 120 x's wrap, at the block's own size: shrinking
    from qbank.highlight import CODE_SCALE  # would not keep them whole (a review)

    text = back.chars["".join(c.text for c in back.chars).index("Y:")].size
    assert {round(c.size, 2) for c in back.chars if c.text == "x"} == {round(text * CODE_SCALE, 2)}


@pytest.mark.parametrize("size", [(300, 1600), (2000, 300)])
def test_a_packets_picture_leaves_room_for_its_questions_rows(cli, tmp_path, size):
    """A trial's 300 x 1600 picture in a hint was set 10.7 inches tall in the DOCX packet,
    taller than the page's text: Word and LibreOffice filled a page with it and drew none of
    the question's look-for boxes and rating row. A 2000 x 300 one was as wide as the text
    and ran past its indent. A picture is at most half the text's height and four fifths of
    its width."""
    from PIL import Image
    from readback import docx_document

    from qbank.wordml.theme import load_theme

    Image.new("RGB", size, (200, 30, 30)).save(tmp_path / "p.png")
    bank = tmp_path / "pic.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Explain the diagram.\n    hint: |\n      Before.\n\n"
        "      ![A diagram](p.png)\n    look_for: [Names the parts]\n",
        encoding="utf-8",
    )
    assert cli("packet", "--bank", bank, "--out", tmp_path).exit_code == 0
    (shape,) = docx_document(tmp_path / "pic-packet.docx").inline_shapes
    theme = load_theme()
    emu = 635  # a twip's
    assert shape.height <= 0.5 * (theme.page_height - 2 * theme.margin) * emu
    assert shape.width <= 0.8 * theme.text_width * emu
    assert abs(shape.width / shape.height - size[0] / size[1]) < 0.01


def described_bank(folder: Path, name: str, picture: bool = True, bank: bool = False) -> Path:
    """A Markdown bank of one section whose description shows a tall picture, or not; or
    whose own description (the `bank`'s) shows it."""
    from PIL import Image

    Image.new("RGB", (300, 600), (200, 30, 30)).save(folder / "p.png")
    shown = "\n\n![The schema](p.png)" if picture else ""
    described = json.dumps(f"On this schema:{shown}")
    path = folder / f"{name}.yaml"
    path.write_text(
        "title: T\nmarkup: markdown\n"
        + (f"description: {described}\n" if bank else "")
        + "sections:\n  - name: S\n"
        + ("" if bank else f"    description: {described}\n")
        + "questions:\n  - id: q\n    section: S\n"
        "    question: Explain the diagram.\n    hint: Names the parts.\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("command", "name", "bank"),
    [
        (["booklet", "--edition", "workshop"], "pic-workshop.pdf", False),
        (["packet", "--format", "pdf"], "pic-packet.pdf", False),
        (["booklet", "--edition", "study"], "pic-booklet.pdf", True),  # on the cover
    ],
)
def test_a_descriptions_picture_is_drawn_on_paper(cli, tmp_path, command, name, bank):
    """A trial's section described with its schema's picture ('Queries on the schema
    below:') had the picture's alt text in brackets under its title in the booklet and the
    fillable packet, and a bank's description on the booklet's cover, where the study page
    and the deck drew it: it is drawn there, under the words before it."""
    bank = described_bank(tmp_path, "pic", bank=bank)
    made = cli(*command, "--bank", bank, "--out", tmp_path)
    assert made.exit_code == 0, made.output
    pages = PdfReader(tmp_path / name).pages
    (page,) = [p for p in pages if "On this schema" in p.extract_text()]
    assert "[The schema]" not in page.extract_text()
    assert len(page.images) == 1


def test_a_sections_description_brings_its_picture_into_the_packet(cli, tmp_path):
    """A trial's section described with its schema's picture: the DOCX packet drew it under
    the section's heading by a relationship to a picture the file did not hold, which
    LibreOffice showed as an empty space, and the question's notes lines were as many as
    with no picture, their last on a page of their own. The picture is in the file, and
    the notes lines leave it room."""
    from readback import docx_document

    from qbank.wordml.theme import load_theme

    rules = []
    for name, picture in (("none", False), ("pic", True)):
        bank = described_bank(tmp_path, name, picture)
        assert cli("packet", "--bank", bank, "--out", tmp_path).exit_code == 0
        document = docx_document(tmp_path / f"{name}-packet.docx")
        body = document.element.body
        ruled = body.iter(qn("w:p"))
        rules.append(len([p for p in ruled if p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None]))
    (shape,) = document.inline_shapes
    picture = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed]
    assert picture.content_type == "image/png"
    drawn = shape.height / 635 / 20  # in points
    line = load_theme().twips("line_mm") / 20
    assert rules[1] <= rules[0] - int(drawn / line), (rules, drawn, line)


def test_two_tall_pictures_in_a_row_share_a_packets_page(cli, tmp_path):
    """Two tall pictures in a row in a hint, each capped at half the text's height, never
    shared a page in either packet: the first ended the question's page, the second stood
    alone on the next (a print review). In a row each is at most 0.35 of it
    (rich.PICTURE_SHARE), and the question's heading, hint and both pictures fit one page."""
    from pypdf import PdfReader
    from readback import docx_document

    from qbank.wordml.theme import load_theme

    bank = two_pictures_bank(tmp_path, (500, 1100))
    for format in ("docx", "pdf"):
        assert cli("packet", "--bank", bank, "--out", tmp_path, "--format", format).exit_code == 0
    shapes = docx_document(tmp_path / "two-packet.docx").inline_shapes
    theme = load_theme()
    text_height = (theme.page_height - 2 * theme.margin) * 635  # in EMU
    assert [round(shape.height / text_height, 2) for shape in shapes] == [0.35, 0.35]
    pictures = [len(page.images) for page in PdfReader(tmp_path / "two-packet.pdf").pages]
    assert sorted(pictures)[-1] == 2, pictures


@pytest.mark.parametrize("hint", SHARED_PAGE_HINTS)
def test_the_pictures_of_a_hint_share_the_fillable_packets_page(cli, tmp_path, hint):
    """Two tall pictures with a few words between them, or three in a row, in what a
    strong answer covers took two pages of the fillable packet, the first under the
    question (a print review): each is made smaller, down to a fifth of the page
    (rich.PICTURE_LEAST_SHARE), so that the question, all its pictures and the words
    between them and after them share its page."""
    from pypdf import PdfReader

    bank = designs_bank(tmp_path, hint)
    assert cli("packet", "--bank", bank, "--out", tmp_path, "--format", "pdf").exit_code == 0
    pages = PdfReader(tmp_path / "designs-packet.pdf").pages
    pictures = [len(page.images) for page in pages]
    held = [n for n, count in enumerate(pictures) if count]
    assert len(held) == 1 and pictures[held[0]] == sum(len(b) == 1 for b in hint), pictures
    text = pages[held[0]].extract_text()
    assert "Which design is safer?" in text and "The last." in text, text


def _jpeg(tmp_path, segment_first: str) -> bytes:
    """A JPEG that Pillow and every reader decode, whose first segment is not the JFIF one:
    a CMYK one as Photoshop saves it (Adobe's segment first), one with a comment first, and
    one whose first segment says Exif and holds nothing readable."""
    import io

    from PIL import Image

    mode, colour = ("CMYK", (0, 200, 200, 0)) if segment_first == "adobe" else ("RGB", "red")
    out = io.BytesIO()
    Image.new(mode, (120, 60), colour).save(out, "JPEG")
    data = out.getvalue()
    assert data[6:10] != b"JFIF" if mode == "CMYK" else data[6:10] == b"JFIF"
    inserted = {
        "adobe": b"",
        "comment": b"\xff\xfe\x00\x0bmade here",
        "damaged exif": b"\xff\xe1\x00\x10Exif\x00\x00II*\x00\xff\xff\xff\xff",
    }[segment_first]
    return data[:2] + inserted + data[2:]


@pytest.mark.parametrize("segment_first", ["adobe", "comment", "damaged exif"])
def test_a_jpeg_without_a_jfif_segment_first_is_in_the_packet(cli, tmp_path, segment_first):
    """python-docx knows a JPEG only by a JFIF or Exif segment at its start: a CMYK picture
    saved by Photoshop, or one with a comment first, stopped the packet with an internal
    error (UnrecognizedImageError), though every other artifact drew it. The packet carries
    its bytes as they are."""
    from readback import docx_document

    data = _jpeg(tmp_path, segment_first)
    bank = picture_bank(tmp_path, "p.jpg", data)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        made = cli("packet", "--bank", bank, "--out", tmp_path)
    assert made.exit_code == 0, made.output
    # Pillow's warning of the damaged Exif, a line of its source on the command line
    assert not [w for w in said if "PIL" in w.filename], [str(w.message) for w in said]
    document = docx_document(tmp_path / "pic-packet.docx")
    (shape,) = document.inline_shapes
    assert abs(shape.width / shape.height - 2) < 0.01
    (part,) = [
        p for p in document.part.package.iter_parts() if p.partname.startswith("/word/media/")
    ]
    # as it is, but for the Exif segment, which no picture of a bank carries
    kept = data[:2] + data[20:] if segment_first == "damaged exif" else data
    assert part.blob == kept and part.content_type == "image/jpeg"


def test_a_photo_is_upright_in_every_artifact_as_its_exif_orientation_says(cli, tmp_path):
    """A phone stores a photo as the camera was held, sideways, with an Exif tag to turn it:
    the study page and Anki turned it, the PDFs and the DOCX drew it sideways. The picture
    is turned once, as it is seen, and carries no Exif (a phone's names where the photo was
    taken)."""
    import io

    from PIL import Image
    from readback import docx_document

    stored = Image.new("RGB", (300, 150), "white")
    stored.paste((200, 0, 0), (0, 0, 60, 150))  # red on the stored picture's left
    exif = Image.Exif()
    exif[0x0112] = 6  # seen turned 90 degrees clockwise: the red on top
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    stored.save(out, "JPEG", exif=exif.tobytes(), quality=60)
    bank = picture_bank(tmp_path, "photo.jpg", out.getvalue())
    (picture,) = load_bank(bank).pictures([load_bank(bank).questions[0].question])
    assert (picture.width, picture.height) == (150, 300)
    with Image.open(io.BytesIO(picture.data)) as seen, Image.open(out) as was:
        assert seen.size == (150, 300) and not seen.getexif()
        # at the quality it was saved at: at 95, a 4 MB photo grew past the 5 MB a picture
        # may be, and was refused for being turned
        assert seen.quantization == was.quantization
        assert seen.getpixel((75, 20))[1] < 100 < seen.getpixel((75, 280))[1]  # red on top
    for target in ("booklet", "packet"):
        assert cli(target, "--bank", bank, "--out", tmp_path).exit_code == 0
    (image,) = PdfReader(tmp_path / "pic-booklet.pdf").pages[2].images
    assert image.image.size == (150, 300)
    (shape,) = docx_document(tmp_path / "pic-packet.docx").inline_shapes
    assert abs(shape.width / shape.height - 0.5) < 0.01


def test_a_photo_whose_exif_pillow_cannot_write_is_still_taken(tmp_path):
    """Pillow's exif_transpose writes a photo's Exif again, and threw on an entry it cannot
    write: a camera's photo with such an entry and an Orientation was refused as 'damaged or
    truncated' (a review), where it had been drawn."""
    import struct

    from PIL import Image

    data = _saved(Image.new("RGB", (40, 20), (9, 9, 200)), "JPEG")
    # a review's: a camera's Exif of Orientation 6 with its GPS entry's type damaged
    exif = bytes.fromhex(
        "4578696600004578696600004d4d002a000000080c03010f000200000006000000320112000300000001"
        "000600c5882500040000000100000038000000004d616b65720000f200010002000000024e0000000002"
        "0005000000030000005600a40000000000010000000100000002000000010000000300000001"
    )
    segment = b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
    bank = load_bank(picture_bank(tmp_path, "photo.jpg", data[:2] + segment + data[2:]))
    (picture,) = bank.pictures([bank.questions[0].question])
    assert (picture.kind, picture.width, picture.height) == ("jpeg", 20, 40)
    assert b"Exif" not in picture.data


def test_a_photo_carries_none_of_its_exif_into_the_artifacts(tmp_path):
    """A phone photo's Exif names its camera and where it was taken: every artifact, the
    study page put online included, carried it. The picture's segments of metadata (Exif,
    XMP, IPTC) are left out, its pixels and colour profile as they were."""
    import io

    from PIL import Image

    stored = Image.new("RGB", (64, 32), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPSInfo: latitude
    out = io.BytesIO()
    stored.save(out, "JPEG", exif=exif.tobytes(), icc_profile=b"\0" * 128)
    data = out.getvalue()
    # a phone's second picture after the first's end (a depth map, in an MPO file), with
    # its own Exif, and a maker's trailer (a review: they stayed)
    mpo = io.BytesIO()
    stored.save(
        mpo,
        "MPO",
        save_all=True,
        append_images=[stored],
        exif=exif.tobytes(),
        icc_profile=b"\0" * 128,
    )
    assert b"PhoneMaker" in data and mpo.getvalue().count(b"PhoneMaker") == 2
    for name, photo in (("photo.jpg", data), ("depth.jpg", mpo.getvalue() + b"SEFT PhoneMaker")):
        bank = load_bank(picture_bank(tmp_path, name, photo))
        (picture,) = bank.pictures([bank.questions[0].question])
        assert b"PhoneMaker" not in picture.data and b"Exif" not in picture.data, name
        assert b"MPF" not in picture.data and picture.data.endswith(b"\xff\xd9"), name
    with Image.open(io.BytesIO(picture.data)) as seen, Image.open(io.BytesIO(data)) as was:
        assert seen.tobytes() == was.tobytes() and not seen.getexif()
        assert seen.info["icc_profile"] == b"\0" * 128


def _saved(image, format: str, **options) -> bytes:
    import io

    out = io.BytesIO()
    image.save(out, format, **options)
    return out.getvalue()


@pytest.mark.parametrize(
    ("format", "mode", "kind"),
    [
        ("WEBP", "RGB", "jpeg"),
        ("WEBP", "RGBA", "png"),
        ("WEBP lossless", "RGB", "png"),  # a drawing: a JPEG blurred its words (a review)
        ("TIFF", "RGB", "png"),
        ("BMP", "RGB", "png"),
    ],
)
def test_a_webp_tiff_or_bmp_picture_is_drawn_as_png_or_jpeg(cli, tmp_path, format, mode, kind):
    """A picture saved from a browser is often a WebP, a scanner's a TIFF: each was refused,
    'not a PNG, JPEG or GIF picture', though browsers and Anki show it. It is made a PNG (a
    JPEG for a WebP photo) that every artifact draws, the DOCX packet's Word included."""
    import io

    from PIL import Image

    drawn = Image.new(mode, (80, 40), (20, 90, 160, 255)[: len(mode)])
    if mode == "RGBA":
        drawn.putpixel((79, 39), (0, 0, 0, 0))  # transparent in a corner: a PNG keeps it
    format, *lossless = format.split()
    data = _saved(drawn, format, **({"lossless": True} if lossless else {}))
    bank = picture_bank(tmp_path, f"p.{format.lower()}", data)
    (picture,) = load_bank(bank).pictures([load_bank(bank).questions[0].question])
    assert (picture.kind, picture.width, picture.height) == (kind, 80, 40)
    with Image.open(io.BytesIO(picture.data)) as seen:
        assert (
            seen.format == kind.upper() and abs(seen.convert("RGB").getpixel((5, 5))[2] - 160) < 6
        )
    for target in ("booklet", "packet"):
        assert cli(target, "--bank", bank, "--out", tmp_path).exit_code == 0


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", "is an HEIC photo (an iPhone's)"),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "is an SVG drawing"),
        (b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN">\n<svg/>', "is an SVG drawing"),
        (b"%PDF-1.7\n", "is a PDF document, not a picture"),
        # 20,000 x 10,000 pixels: Pillow refuses to read its size (a review: 'damaged')
        ("a huge TIFF", "has more than the 25 megapixels"),
    ],
)
def test_a_picture_of_a_kind_no_pdf_draws_is_said_as_what_it_is(tmp_path, data, said):
    """An iPhone's photo is an HEIC file, a diagram often an SVG: each was 'not a PNG, JPEG
    or GIF picture (its first bytes say otherwise)', with nothing of how to save it."""
    from qbank.errors import BankError

    if data == "a huge TIFF":
        from PIL import Image

        data = _saved(Image.new("1", (20_000, 10_000)), "TIFF", compression="group4")
    with pytest.raises(BankError) as refused:
        load_bank(picture_bank(tmp_path, "p.img", data))
    assert f"the image 'p.img' {said}" in str(refused.value)


def test_a_transparent_or_16_bit_png_is_drawn_as_a_browser_draws_it(cli, tmp_path):
    """A diagram's transparent ground was drawn black in the PDFs, hiding its black words
    (reportlab drops the alpha unless asked), and a 16-bit grey PNG near black was drawn
    white (its values clipped to 8 bits)."""
    import io

    from PIL import Image

    ground = Image.new("RGBA", (60, 30), (0, 0, 0, 0))
    ground.paste((200, 0, 0, 255), (20, 10, 40, 20))
    bank = picture_bank(tmp_path, "p.png", _saved(ground, "PNG"))
    assert cli("booklet", "--bank", bank, "--out", tmp_path).exit_code == 0
    (image,) = PdfReader(tmp_path / "pic-booklet.pdf").pages[2].images
    assert "/SMask" in image.indirect_reference.get_object()
    deep = Image.new("I", (60, 30), 1028)  # of 65,535: near black
    deep.paste(30000, (0, 0, 10, 30))  # its transparent grey (a review: drawn near black)
    deep = deep.convert("I;16")
    bank = picture_bank(tmp_path, "p.png", _saved(deep, "PNG", transparency=30000))
    (picture,) = load_bank(bank).pictures([load_bank(bank).questions[0].question])
    with Image.open(io.BytesIO(picture.data)) as seen:
        assert seen.mode == "LA" and seen.getpixel((30, 5)) == (4, 255)
        assert seen.getpixel((5, 5))[1] == 0


def test_a_tab_in_the_packets_code_is_blanks_to_its_stop(cli, tmp_path):
    """A Makefile's recipe line starts with a tab: Word drew it to its half-inch stop, past
    the width the line was cut to, and wrapped it again with no mark (a review). In the DOCX
    packet a tab is the blanks to its next 4-column stop, as in the PDFs."""
    from helpers import code_bank
    from readback import docx_document

    names = "TestVeryLongName|TestAnotherVeryLongName|TestYetAnotherOne|TestAndOneMore"
    long = f"go test ./... -count=1 -run '{names}' -v"
    bank = code_bank(tmp_path / "m.yaml", "make", ["test:", f"\t{long}", "x:\tall"])
    assert cli("packet", "--bank", bank, "--out", tmp_path).exit_code == 0
    document = docx_document(tmp_path / "m-packet.docx")
    code = [p.text for p in document.paragraphs if p.style.name == "Packet Code Block"]
    code += [
        p.text
        for t in document.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        if p.style.name == "Packet Code Block"
    ]
    assert code[0] == "test:" and code[1].startswith("    go test")
    assert code[2] == "x:  all"  # from column 2 to the stop at 4
    assert not any("\t" in line for line in code)
    assert "\u21aa" in code[1]  # cut where the width ends, and marked


def test_an_autolinked_mail_address_prints_once(cli, tmp_path):
    """`<lecturer@uni.example>` printed 'lecturer@uni.example (mailto:lecturer@uni.example)'
    in the PDFs (a science lecturer's trial): words that are the address show no address
    after them; a link with words of its own still does."""
    bank = tmp_path / "mail.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Who?\n"
        "    hint: Mail <lecturer@uni.example> or [the office](mailto:office@uni.example),"
        " see [https://uni.example](https://uni.example/).\n",
        encoding="utf-8",
    )
    for command in ("booklet", "cards", "packet", ("packet", "--format", "pdf")):
        args = (command,) if isinstance(command, str) else command
        assert cli(*args, "--bank", bank, "--out", tmp_path).exit_code == 0
    texts = {}
    for name in ("mail-booklet.pdf", "mail-flashcards.pdf", "mail-packet.pdf"):
        texts[name] = " ".join(" ".join(p.text() for p in pdf_pages(tmp_path / name)).split())
    document = docx.Document(str(tmp_path / "mail-packet.docx"))
    texts["docx"] = " ".join(  # in the question's block, a table's cell
        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in document.element.iter(qn("w:p"))
    )
    for name, text in texts.items():
        assert "Mail lecturer@uni.example or the office (mailto:office@uni.example)" in text, name
        assert "mailto:lecturer" not in text and "(https://uni.example/)" not in text, name


def test_a_cards_quote_has_a_bar_for_each_level_it_stands_in(cli, tmp_path):
    """On the cards a quote was only indented and muted, and a quote in a quote stood as far
    in as the outer one (a science lecturer's trial): each level is an em further in, with a
    bar in the rule colour down its left, as in the booklet; text outside has none."""
    bank = tmp_path / "q.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: What is a p-value?\n    hint: |\n"
        "      > Outer words.\n      >\n      > > Inner words.\n\n      Plain words.\n\n"
        "      > - Listed words\n      >\n      > ```\n      > quoted_code = 1\n      > ```\n",
        encoding="utf-8",
    )
    result = cli("cards", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    back = pdf_pages(tmp_path / "q-flashcards.pdf")[1]
    rule = (0xC9 / 255, 0xD1 / 255, 0xD9 / 255)  # templates/theme.toml's rule colour
    bars = [
        r
        for r in back.rects
        if r.fill and all(abs(a - b) < 0.01 for a, b in zip(r.fill, rule, strict=True))
    ]
    words = {w.text: w for w in back.words()}

    def bars_of(word):
        return [b for b in bars if b.x1 < word.x0 and b.top <= word.top <= b.bottom]

    assert len(bars_of(words["Outer"])) == 1 and len(bars_of(words["Listed"])) == 1
    assert len(bars_of(words["quoted_code"])) == 1  # a quote's code stands in it (a review)
    assert len(bars_of(words["Inner"])) == 2 and bars_of(words["Plain"]) == []
    assert words["Inner"].x0 - words["Outer"].x0 > 5  # an em further in


def _hint_bank(path, hint: str):
    """A Markdown bank at `path` of one question whose hint is `hint` (its lines as typed)."""
    lines = "".join(f"      {line}\n" for line in hint.split("\n"))
    path.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: What runs?\n    hint: |\n{lines}",
        encoding="utf-8",
    )
    return path


def test_a_list_items_code_and_picture_stand_under_its_words_on_a_card(cli, tmp_path):
    """Code and a picture in a list item stand in the item, as in the booklet, the packets
    and the page: on the cards they stood at the card's edge, under the item's bullet."""
    import pypdfium2 as pdfium
    from PIL import Image

    Image.new("RGB", (60, 30), (200, 30, 30)).save(tmp_path / "p.png")
    bank = _hint_bank(
        tmp_path / "items.yaml",
        "- the item's words:\n\n  ```\n  itemcode\n  ```\n\n  ![A diagram](p.png)\n\n"
        "Then:\n\n```\ntopcode\n```",
    )
    assert cli("cards", "--bank", bank, "--out", tmp_path).exit_code == 0
    path = tmp_path / "items-flashcards.pdf"
    chars = [c for page in pdf_pages(path) for c in page.chars]
    text = "".join(c.text for c in chars)
    words, code, top = (chars[text.index(w)].x0 for w in ("the item", "itemcode", "topcode"))
    assert code >= words - 0.5 and code > top + 5
    (picture,) = [
        image.get_bounds()[0]
        for page in pdfium.PdfDocument(path)
        for image in page.get_objects([pdfium.raw.FPDF_PAGEOBJ_IMAGE])
    ]
    assert picture >= words - 0.5


@pytest.mark.parametrize(
    ("command", "name"),
    [(["cards"], "only-flashcards.pdf"), (["packet", "--format", "pdf"], "only-packet.pdf")],
)
def test_a_list_item_of_code_alone_shows_its_marker_beside_the_code(cli, tmp_path, command, name):
    """A list of commands, each item a code block: the cards and the fillable packet set
    each marker on a line of its own, an empty line above its code, where the booklet,
    the DOCX and the study page show it beside the code's first line."""
    bank = _hint_bank(tmp_path / "only.yaml", "7. ```\n   firstcmd\n   ```\n8.     secondcmd")
    assert cli(*command, "--bank", bank, "--out", tmp_path).exit_code == 0
    chars = [c for page in pdf_pages(tmp_path / name) for c in page.chars if not c.generated]
    text = "".join(c.text for c in chars)
    for marker, code in (("7.", "firstcmd"), ("8.", "secondcmd")):
        at = text.index(code)
        shown, drawn = chars[text.rindex(marker, 0, at)], chars[at]
        assert abs(shown.baseline - drawn.baseline) < 2 and shown.x1 < drawn.x0, marker


def test_a_wide_number_stands_before_its_items_words_in_the_booklet(cli, tmp_path):
    """A list numbered by year ('2025. The year of ...'): the booklet set the words a
    level's indentation in, 1.6 ems, over the end of the wider number ('2025The year')."""
    bank = _hint_bank(tmp_path / "years.yaml", "2025. Theyear item\n2026. Nextyear item")
    assert cli("booklet", "--bank", bank, "--out", tmp_path).exit_code == 0
    chars = [c for page in pdf_pages(tmp_path / "years-booklet.pdf") for c in page.chars]
    text = "".join(c.text for c in chars)
    for number, words in (("2025.", "Theyear"), ("2026.", "Nextyear")):
        end = chars[text.index(number) + len(number) - 1].x1
        assert end < chars[text.index(words)].x0 - 1, number


def test_the_fillable_packets_hint_parts_its_paragraphs(cli, tmp_path):
    """What a strong answer covers set two paragraphs (a paragraph and its code, two lists)
    one line under the other: its shaded box dropped the space the packet parts blocks by."""
    bank = _hint_bank(tmp_path / "parts.yaml", "First paragraph.\n\nSecond paragraph.")
    assert cli("packet", "--format", "pdf", "--bank", bank, "--out", tmp_path).exit_code == 0
    chars = [c for page in pdf_pages(tmp_path / "parts-packet.pdf") for c in page.chars]
    text = "".join(c.text for c in chars)
    first, second = (chars[text.index(w)] for w in ("First paragraph", "Second paragraph"))
    assert second.baseline - first.baseline > 1.6 * first.size


@pytest.mark.parametrize(
    ("command", "name", "blank"),
    [
        (command, name, blank)
        for command, name in (
            (["cards"], "two-flashcards.pdf"),
            (["packet", "--format", "pdf"], "two-packet.pdf"),
            (["booklet"], "two-booklet.pdf"),
        )
        for blank in ("", "\n")
    ],
)
def test_two_lists_one_after_the_other_stand_apart(cli, tmp_path, command, name, blank):
    """Bullets then numbers are two lists to CommonMark, apart in the booklet and the deck:
    the cards and the fillable packet set them as one, as close across the change as within.
    Two loose lists (`blank`: their items a blank line apart) stood as far apart as their
    items in every PDF, and read as one list on a card."""
    two = f"- aaitem\n{blank}- bbitem\n\n1. ccitem\n{blank}2. dditem"
    bank = _hint_bank(tmp_path / "two.yaml", two)
    assert cli(*command, "--bank", bank, "--out", tmp_path).exit_code == 0
    chars = [c for page in pdf_pages(tmp_path / name) for c in page.chars if not c.generated]
    text = "".join(c.text for c in chars)
    a, b, c, d = (chars[text.index(w)].baseline for w in ("aaitem", "bbitem", "ccitem", "dditem"))
    assert c - b > max(b - a, d - c) + 2, (a, b, c, d)


def test_a_card_never_ends_on_the_words_that_introduce_a_picture(cli, tmp_path):
    """A business card of a trial ended 'picture item:', its picture alone on the next card
    (and 'A quote holding a list:' without its list): the words now go on with the block
    they introduce, as in the booklet."""
    import pypdfium2 as pdfium
    from PIL import Image

    Image.new("RGB", (300, 120), (30, 30, 160)).save(tmp_path / "p.png")
    bank = _hint_bank(
        tmp_path / "intro.yaml",
        "- bullet A\n- bullet B\n\n1. number one\n2. number two\n\n- picture item:\n\n"
        "  ![A diagram](p.png)",
    )
    assert cli("cards", "--bank", bank, "--out", tmp_path, "--card", "business").exit_code == 0
    path = tmp_path / "intro-flashcards.pdf"
    for page, document_page in zip(pdf_pages(path), pdfium.PdfDocument(path), strict=True):
        text = "".join(c.text for c in page.chars)
        if "picture item" not in text:
            continue
        words = page.chars[text.index("picture item")]
        (image,) = document_page.get_objects([pdfium.raw.FPDF_PAGEOBJ_IMAGE])
        top = page.height - image.get_bounds()[3]  # measured down, as the characters are
        assert 0 < top - words.bottom < 20, (words, top)
        break
    else:
        raise AssertionError("no 'picture item' on the cards")


def test_the_fillable_packet_never_ends_a_page_on_the_words_that_introduce_a_picture(cli, tmp_path):
    """A hint of steps, each 'Step N, shown below:' over its picture, ended the fillable
    packet's pages on a step's words, its picture at the top of the next (a print trial on
    Letter, and on A4): each step's words stand on their picture's page."""
    import pypdfium2 as pdfium
    from PIL import Image

    Image.new("RGB", (800, 500), "#8c959f").save(tmp_path / "step.png")
    steps = "\n\n".join(f"Step {n}, shown below:\n\n![Step {n}](step.png)" for n in range(1, 7))
    bank = _hint_bank(tmp_path / "steps.yaml", steps)
    assert cli("packet", "--format", "pdf", "--bank", bank, "--out", tmp_path).exit_code == 0
    path = tmp_path / "steps-packet.pdf"
    image = [pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    pictures = [len(list(p.get_objects(image, max_depth=3))) for p in pdfium.PdfDocument(path)]
    words = [page.text().count("shown below") for page in pdf_pages(path)]
    assert sum(words) == 6 and words == pictures, (words, pictures)


@pytest.mark.parametrize("blank", ["", "\n"])
def test_two_lists_one_after_the_other_stand_apart_in_the_docx(cli, tmp_path, blank):
    """The DOCX packet set bullets then numbers (two lists to CommonMark) 2 pt apart, as
    every item of one list is: they read as one list, in the question and the hint alike.
    Two loose lists (`blank`: their items a blank line apart) stood 6 pt apart, as their
    items."""
    two = f"|\n      - aaitem\n{blank}      - bbitem\n\n      1. ccitem\n{blank}      2. dditem\n"
    document = _whole_packet(
        cli, tmp_path / "two.yaml", f"  - id: q\n    section: S\n    question: {two}"
        f"    hint: {two}",
    )  # fmt: skip
    every = (DocxParagraph(p, document) for p in document.element.body.iter(qn("w:p")))
    items = [p for p in every if "\t" in p.text and p.text.endswith("item")]
    assert len(items) == 8, [p.text for p in items]
    before = [(p.paragraph_format.space_before or 0) for p in items]
    lists, within = [before[2], before[6]], before[1::2] + [before[4]]  # 4: the hint's first
    assert min(lists) > max(within) and not any(before[:1] + before[4:5]), before
    assert blank or not any(within), before  # a tight list's items as close as before


# a tight list, a paragraph, then a loose list (its items apart by a blank line) whose
# second item holds a tight list
LOOSE = "- aaitem\n- bbitem\n\nBetween.\n\n- ccitem\n\n- dditem\n  - eeitem\n  - ffitem"


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["booklet"], "loose-booklet.pdf"),
        (["cards"], "loose-flashcards.pdf"),
        (["packet", "--format", "pdf"], "loose-packet.pdf"),
    ],
)
def test_a_loose_lists_items_stand_apart_in_the_pdfs(cli, tmp_path, command, name):
    """CommonMark shows a list whose items are apart by a blank line with space between
    them: every PDF set it as close as a tight list. A tight list inside it stays tight."""
    bank = _hint_bank(tmp_path / "loose.yaml", LOOSE)
    assert cli(*command, "--bank", bank, "--out", tmp_path).exit_code == 0
    chars = [c for page in pdf_pages(tmp_path / name) for c in page.chars if not c.generated]
    text = "".join(c.text for c in chars)
    items = ("aaitem", "bbitem", "ccitem", "dditem", "eeitem", "ffitem")
    a, b, c, d, e, f = (chars[text.index(w)].baseline for w in items)
    assert d - c > b - a + 2, (a, b, c, d)
    if command == ["booklet"]:  # a fifth of a line more than a tight list's read as tight
        assert d - c > 1.3 * (b - a), (a, b, c, d)
    assert f - e == pytest.approx(b - a, abs=0.1), (a, b, e, f)


def test_a_loose_lists_items_stand_apart_in_the_docx(cli, tmp_path):
    """The DOCX packet set a loose list's items 2 pt apart, as a tight list's; the tight
    list in one of its items stays so."""
    hint = "".join(f"      {line}\n" for line in LOOSE.split("\n"))
    document = _whole_packet(
        cli, tmp_path / "loose.yaml", f"  - id: q\n    section: S\n    question: Q?\n"
        f"    hint: |\n{hint}",
    )  # fmt: skip
    every = (DocxParagraph(p, document) for p in document.element.body.iter(qn("w:p")))
    items = [p for p in every if p.text.endswith("item")]
    assert len(items) == 6, [p.text for p in items]
    before = [(p.paragraph_format.space_before or 0) for p in items]
    assert before[3] > 0 and not any(before[:3] + before[4:]), before


def test_a_loose_list_is_loose_on_the_page_in_the_deck_and_in_the_lms_files(cli, tmp_path):
    """A loose list's items are paragraphs in the Moodle file and the deck (<li><p>, as
    markdown-it writes them), which an import reads back as a loose list, and marked loose
    for the study page's script; a tight one's as before."""
    bank = _hint_bank(tmp_path / "loose.yaml", LOOSE)
    assert cli("lms", "--bank", bank, "--format", "moodle", "--out", tmp_path).exit_code == 0
    (xml,) = tmp_path.glob("*.xml")
    moodle = xml.read_text("utf-8")
    assert "<ul><li>aaitem</li><li>bbitem</li></ul>" in moodle
    assert "<ul><li><p>ccitem</p></li><li><p>dditem</p><ul><li>eeitem</li>" in moodle
    # and read back so: the imported bank's list is loose, its items a blank line apart
    assert cli("import", xml, "-o", tmp_path / "back.yaml").exit_code == 0
    back = load_bank(tmp_path / "back.yaml")
    (hint,) = [q.hint for q in back.questions]
    assert back.rich_text(hint) == load_bank(bank).rich_text(LOOSE)
    assert "- ccitem\n\n- dditem\n  - eeitem\n  - ffitem" in hint
    assert cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    with zipfile.ZipFile(tmp_path / "loose.apkg") as package:
        deck = package.read("collection.anki2").decode("utf-8", "replace")
    assert "<ul><li>aaitem</li>" in deck and "<li><p>dditem</p><ul><li>eeitem</li>" in deck
    assert cli("html", "--bank", bank, "--out", tmp_path).exit_code == 0
    (question,) = html_data(tmp_path / "loose.html")["questions"]
    lists = [block for block in question["hint"]["blocks"] if "list" in block]
    assert [block.get("loose", False) for block in lists] == [False, True]
    assert "loose" not in lists[1]["list"][1][1]  # the tight list in its item


LONG_CODE = (
    "The index `idx_events_tenant_created_at_partitioned_by_region_and_customer_account_and_"
    "billing_period_v2` "
    "is slow; `kubectl get pods --all-namespaces --field-selector=status.phase!=Running -o "
    "wide --sort-by=.metadata.creationTimestamp` lists them, and `short` stays. They rank "
    f"`{' > '.join(f'x{n}' for n in range(1, 25))}`."  # '>' is a frag of its own, its blanks
)  # at the ends of their frags (a trial's 'AND qty' over '> 0' had no mark)


SHORT_SPANS = ("n = 3", "i % 2", "a + b")


@pytest.mark.parametrize(
    ("command", "name", "spans"),
    [
        # a course trial's A7 card read 'return for n' then '↪ = 3': a code span of a few
        # characters broke at its own blank
        (["booklet"], "code-booklet.pdf", SHORT_SPANS),
        (["cards", "--card", "a7"], "code-flashcards.pdf", SHORT_SPANS),
        (["packet", "--format", "pdf"], "code-packet.pdf", SHORT_SPANS),
        # a visual review's card read 'operator runs kubectl get' then '↪ pods -n web': a
        # span of more than a third of a line was cut at its blank where the next line held
        # it whole
        (["booklet"], "code-booklet.pdf", ("kubectl get pods --namespace web --output wide",)),
        (["cards"], "code-flashcards.pdf", ("kubectl get pods -n web -o wide",)),
        (["cards", "--card", "a7"], "code-flashcards.pdf", ("kubectl get pods",)),
        (["packet", "--format", "pdf"], "code-packet.pdf", ("kubectl get pods -n web -o wide -w",)),
    ],
)
def test_a_code_span_a_line_holds_starts_the_next_line_whole(cli, tmp_path, command, name, spans):
    """A code span with blanks that does not fit on what is left of a line, and that a
    line holds, starts the next line whole, as a word does, wherever it meets a line's
    end, and none is cut."""
    count = 60 if len(spans) > 1 else 24  # spans at every place of a line, some at its end
    words = " ".join(f"{'x' * (1 + n % 7)} `{spans[n % len(spans)]}`" for n in range(count))
    bank = tmp_path / "code.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: Which?\n    hint: {json.dumps(words)}\n",
        encoding="utf-8",
    )
    assert cli(*command, "--bank", bank, "--out", tmp_path).exit_code == 0
    text = "".join(page.text() for page in pdf_pages(tmp_path / name))
    assert "\u21aa" not in text, text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert sum(line.count(span) for line in lines for span in spans) == count, lines
    if len(spans) == 1:  # (a long one always meets a line's end somewhere)
        assert any(line.startswith(spans) for line in lines), lines


@pytest.mark.parametrize(
    ("command", "name", "markup"),
    [
        (command, name, markup)
        for command, name in (
            (["booklet"], "code-booklet.pdf"),
            (["cards"], "code-flashcards.pdf"),
            (["packet", "--format", "pdf"], "code-packet.pdf"),
        )
        for markup in ("markdown", "plain")
    ],
)
def test_a_line_that_goes_on_inside_a_code_span_starts_with_the_mark(
    cli, tmp_path, command, name, markup
):
    """A code span wider than the line (a long name, a command) broke with no sign, where
    a code block's wrapped line starts with a ↪: each line that goes on inside a code span
    (cut in a name, or at a blank of a command) starts with one now, as a code block's, and
    the text reads as before but for it."""
    bank = tmp_path / "code.yaml"
    bank.write_text(
        f"title: T\nmarkup: {markup}\nquestions:\n  - id: q\n    section: S\n"
        f"    question: Which index?\n    hint: {json.dumps(LONG_CODE)}\n",
        encoding="utf-8",
    )
    assert cli(*command, "--bank", bank, "--out", tmp_path).exit_code == 0
    chars = [c for page in pdf_pages(tmp_path / name) for c in page.chars if not c.generated]
    shown = [c for c in chars if not c.text.isspace()]
    marks = [i for i, c in enumerate(shown) if c.text == "\u21aa"]
    assert marks, "".join(c.text for c in shown)
    for i in marks:  # inside code: the line before ends in it, the mark's line goes on in it
        before, after = shown[i - 1], shown[i + 1]
        assert "Mono" in before.font and "Mono" in after.font, (before, after)
        assert after.baseline == shown[i].baseline > before.baseline
    for before, after in zip(shown, shown[1:], strict=False):  # every line code goes on
        if after.baseline > before.baseline and "Mono" in before.font:
            assert "Mono" not in after.font, (before, after)
    text = "".join(c.text for c in shown)
    assert squash(LONG_CODE.replace("`", "")) in text.replace("\u21aa", "")


@pytest.mark.parametrize("card", ["index", "business", "a7"])
def test_a_cards_line_that_goes_on_inside_a_code_span_at_a_long_word_starts_with_the_mark(
    cli, tmp_path, card
):
    """A workshop trial's index card read 'Upload with twine upload', '↪ --repository-url',
    then 'https://pypi.internal.' with no mark, and '↪ example.com/simple/': a word of a
    command too wide for what its line left started the next line at the span's blank
    unmarked, as if the span had ended there. Every line that goes on inside the span
    starts with the mark, and the span reads whole but for the marks."""
    span = "twine upload --repository-url https://pypi.internal.example.com/simple/ dist/*"
    bank = tmp_path / "code.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: Which index?\n    hint: {json.dumps(f'Upload with `{span}`.')}\n",
        encoding="utf-8",
    )
    result = cli("cards", "--card", card, "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    chars = [c for page in pdf_pages(tmp_path / "code-flashcards.pdf") for c in page.chars]
    shown = [c for c in chars if not c.generated and not c.text.isspace()]
    text = "".join(c.text for c in shown)
    assert "\u21aa" in text, text
    unmarked = [
        text[max(0, i - 12) : i + 12]
        for i, (before, after) in enumerate(zip(shown, shown[1:], strict=False), start=1)
        if after.baseline > before.baseline and "Mono" in before.font and "Mono" in after.font
    ]
    assert not unmarked, unmarked
    assert squash(span) in squash(text.replace("\u21aa", ""))


def test_pictures_opened_in_two_threads_at_once_leave_the_warning_filters_as_they_were():
    """Two builds of a bank with pictures in threads: each saved the process's warning
    filters and put them back, the second the first's 'ignore every warning', and the host
    program heard no warning for the rest of the process (a library trial)."""
    from helpers import interleaved

    from qbank.bank.images import pillow_quiet

    before = list(warnings.filters)

    def enter(body) -> None:
        with pillow_quiet():
            body()

    interleaved(enter, lambda: None)
    assert warnings.filters == before


@pytest.mark.parametrize(
    ("command", "name"),
    [(["cards"], "steps-flashcards.pdf"), (["packet", "--format", "pdf"], "steps-packet.pdf")],
)
def test_a_numbered_lists_words_stand_in_one_column_past_its_widest_number(
    cli, tmp_path, command, name
):
    """A case study's 40 steps on an index card: the words of '10.' onwards stood right of
    those of '9.', pushed past the wider number, and each of their second lines stood left
    of their first, back at the level's indentation. The words of every item, and the
    lines each runs on to, start where the widest number leaves room, as in the booklet."""
    words = " ".join(["containment"] * 16)
    steps = "\n".join(f"{n}. Step{n} {words}" for n in range(8, 12))
    bank = _hint_bank(tmp_path / "steps.yaml", steps)
    assert cli(*command, "--bank", bank, "--out", tmp_path).exit_code == 0
    lines = [line for page in pdf_pages(tmp_path / name) for line in page.text_lines()]
    starts = []
    for n in range(8, 12):
        (first,) = [i for i, line in enumerate(lines) if f"Step{n} " in line.text]
        step = "".join(c.text for c in lines[first].chars).index(f"Step{n}")
        starts += [lines[first].chars[step].x0, lines[first + 1].x0]  # and its next line
        assert lines[first + 1].text.startswith("containment"), lines[first + 1].text
    assert max(starts) - min(starts) < 0.5, starts


def test_a_cards_line_that_goes_on_inside_a_code_span_to_its_end_starts_with_the_mark(
    cli, tmp_path
):
    """A statistics lecturer's index card read '(predict(fit, newdata,', '↪ interval =',
    then '"prediction")).' with no mark: the span's last word fitted the line, the ').'
    after the span not, and the word went to the next line at the span's blank unmarked.
    Wherever the span meets a line's end, every line that goes on inside it starts with
    the mark, and it reads whole but for the marks."""
    span = 'predict(fit, newdata, interval = "prediction")'
    hints = [f"{'w' * k} the prediction interval widens (`{span}`)." for k in range(1, 25)]
    questions = "".join(
        f"  - id: q{k}\n    section: S\n    question: Which?\n    hint: {json.dumps(hint)}\n"
        for k, hint in enumerate(hints)
    )
    bank = tmp_path / "code.yaml"
    bank.write_text(f"title: T\nmarkup: markdown\nquestions:\n{questions}", encoding="utf-8")
    result = cli("cards", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    chars = [c for page in pdf_pages(tmp_path / "code-flashcards.pdf") for c in page.chars]
    shown = [c for c in chars if not c.generated and not c.text.isspace()]
    text = "".join(c.text for c in shown)
    assert text.count("\u21aa") > 24, text
    unmarked = [
        text[max(0, i - 12) : i + 12]
        for i, (before, after) in enumerate(zip(shown, shown[1:], strict=False), start=1)
        if after.baseline > before.baseline and "Mono" in before.font and "Mono" in after.font
    ]
    assert not unmarked, unmarked
    assert text.replace("\u21aa", "").count(squash(span)) == 24
