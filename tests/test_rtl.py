"""Right-to-left text in the PDFs: Hebrew and Arabic in their own letters, Arabic's joined,
each line in the order it is read on paper, a paragraph that starts right to left (or is
in a language written so) set on the right (docs/bank-format.md)."""

from __future__ import annotations

import pypdf
import pytest
import yaml
from readback import pdf_pages
from reportlab.pdfbase.ttfonts import TTFontFile

import qbank
from qbank.paths import FONTS

HEBREW = "שלום עולם"  # 'hello world': ש only in the first word, ע only in the second
QUESTION = f"Before {HEBREW} after"
HINT = f"{HEBREW} (כולל TCP 2024) סוֹף"  # a Latin word and a number inside Hebrew; a point
# in a section in Hebrew: right to left, from its Latin word; a bracket pair around Latin
HEBREW_HINT = "IPv6 מאובטח O(n)"
ARABIC = "مرحبا؟"  # 'hello?': its beh (ب) joined on both sides, narrower than alone
ARTIFACTS = ["booklet.pdf", "workshop.pdf", "flashcards.pdf", "packet.pdf"]
CODE = 'Zed("שלום עולם")'  # a code line in a Hebrew hint: left to right, its string's
# two words in their order (ש only in the first word, ע only in the second)
# a list in a Hebrew hint, an item nested in its first: letters no other text here has;
# an item of Latin letters only, set left to right as such a paragraph is
# and an item that opens with code, its name's letter one no other text has
LIST = "- גזה\n  - דנה\n- צפה\n- Xyz\n\n7. קנה\n8. ```\n   Ñq = 1\n   ```"
# a right-to-left list item that holds a quote (with code in it) and code: letters and
# names no other has
ITEM_BLOCKS = "- בך\n\n  > קץ\n  >\n  > ```\n  > Ðh = 4\n  > ```\n\n  ```\n  Jv = 1\n  ```"
# a left-to-right list item that holds a quote: letters no other text here has; and a
# right-to-left item in it that holds code, its name's letter one no other text has
GREEK_ITEM = "- Ωμ\n\n  > Ψξ\n\n  - تد\n\n    ```\n    Çy = 2\n    ```"
# and the reverse: a left-to-right item that holds code in a right-to-left one, after a
# paragraph of Latin letters: a letter no other text has
ARABIC_ITEM = "- ضغ\n\n  Ŋo\n\n  - Λβ\n\n    ```\n    Ŵx = 3\n    ```"
# a quote that holds a right-to-left list item with code: letters and a name no other has
QUOTED_ITEM = "> - كق\n>\n>   ```\n>   Þk = 2\n>   ```\n>\n>   Ŧa"
# a look-for point and an anchor of that question: a letter no other text has
LOOK_FOR, ANCHOR = "ןן", "ثلج"
SECTION = "Wq עברית"  # a section in Hebrew whose name starts with a Latin word
SECTION_DESCRIPTION = "Gy ظع"  # and its description, so: letters no other text has
TITLE = "صف"  # the bank's title, in the packet's footer: letters no other text has
ORGANISATION = "شط"  # whose the booklet is, over the cover's kicker: letters no other has
# the one competency every question measures, and what it means: letters no other has
COMPETENCY, MEANING = "قيس", "خزن"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rtl")
    bank = folder / "rtl.yaml"
    data = {
        "title": TITLE,
        "organisation": ORGANISATION,
        "markup": "markdown",
        "competencies": [{"name": COMPETENCY, "description": MEANING}],
        "sections": [
            "S",
            {"name": SECTION, "language": "he", "description": SECTION_DESCRIPTION},
        ],
        "questions": [
            {"id": "r", "section": "S", "question": QUESTION, "hint": f"{HINT}\n\n{GREEK_ITEM}"},
            {
                "id": "h",
                "section": SECTION,
                "question": ARABIC,
                "hint": f"{HEBREW_HINT}\n\n```\n{CODE}\n```",
            },
            {"id": "l", "section": SECTION, "question": "?", "hint": f"{LIST}\n\n{QUOTED_ITEM}"},
            {
                "id": "q",
                "section": SECTION,
                "question": "!",
                "hint": f"{ITEM_BLOCKS}\n\n{ARABIC_ITEM}",
                "look_for": [LOOK_FOR],
                "anchors": {1: ANCHOR, 3: "ذهب", 5: "ذهب ذهب"},
            },
            # a hint that runs on to a page the section's name heads
            {"id": "t", "section": SECTION, "question": "—", "hint": "\n\n".join("—" * 60)},
        ],
    }
    for question in data["questions"]:
        question["competency"] = COMPETENCY
    bank.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = folder / "out"
    built = qbank.build(bank, out, ["booklet", "cards"], workers=1)
    built += qbank.build(bank, out, ["packet"], {"format": "pdf"}, workers=1)
    built += qbank.build(bank, out, ["packet"], workers=1)  # and the DOCX one
    return {path.name.split("-")[-1]: path for path in built}


def _line(path, first: str):
    """The characters (PDFium's, with their boxes) of the line that holds `first`: those
    on its baseline without a gap of 30 pt (the card beside it) between."""
    for page in pdf_pages(path):
        chars = [c for c in page.chars if not c.generated and not c.text.isspace()]
        for char in chars:
            if char.text == first:
                row = [c for c in chars if abs(c.baseline - char.baseline) < 1]
                row.sort(key=lambda c: c.x0)
                cuts = [n for n in range(1, len(row)) if row[n].x0 - row[n - 1].x1 > 30]
                at = row.index(char)
                start = max([n for n in cuts if n <= at], default=0)
                end = min([n for n in cuts if n > at], default=len(row))
                return [c for c in chars if c in row[start:end]]
    raise AssertionError(f"{path.name}: no {first!r}")  # pragma: no cover


@pytest.mark.parametrize("artifact", ARTIFACTS)
def test_hebrew_is_drawn_right_to_left_in_hebrew_letters(pdfs, artifact):
    line = _line(pdfs[artifact], "ש")  # the question's first: Before ... after
    x = {c.text: c.x0 for c in line if c.text in "Bafש" or c.text in "עם"}
    hebrew = [c for c in line if "\u0590" <= c.text <= "\u05ff"]
    assert {c.font.split("+")[-1] for c in hebrew} == {"NotoSansHebrew-Regular"}  # no box
    # left to right on paper: Before, then the second Hebrew word, then the first, after;
    # a word's first letter is its rightmost
    assert x["B"] < x["ע"] < x["ש"] < x["a"]
    assert max(c.x0 for c in hebrew if c.text != "ם") == x["ש"]


@pytest.mark.parametrize("artifact", ["booklet.pdf", "flashcards.pdf", "packet.pdf"])
def test_a_paragraph_that_starts_right_to_left_is_set_on_the_right(pdfs, artifact):
    start = next(c.x0 for c in _line(pdfs[artifact], "ש") if c.text == "B")  # the text's left
    hint = [c for c in _line(pdfs[artifact], "ס") if c.x0 >= start - 1]  # no gutter label
    # סוף, the hint's last word, is leftmost on paper, its last letter first
    left = min(hint, key=lambda c: c.x0)
    assert left.text == "ף" and left.x0 > start + 50
    # the Latin word and the number inside it stay left to right
    x = {c.text: c.x0 for c in hint}
    assert x["T"] < x["C"] < x["P"] < x["2"] < x["4"]


@pytest.mark.parametrize("artifact", ["booklet.pdf", "flashcards.pdf"])
def test_the_text_layer_reads_back_the_banks_words(pdfs, artifact):
    """pypdf (as poppler and PDFium) reads a right-to-left run drawn in visual order back
    in the bank's order: each Hebrew word as written, no letter reversed."""
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(pdfs[artifact]).pages)
    assert "שלום" in text and "עולם" in text and "סוֹף" in text and ARABIC in text
    assert "םולש" not in text


@pytest.mark.parametrize("artifact", ["booklet.pdf", "flashcards.pdf"])
def test_a_point_stands_over_its_letter(pdfs, artifact):
    """Noto Sans Hebrew draws its points right of where they are drawn from, for a shaper
    to move: the holam of וֹ stood over the gap after the letter."""
    hint = _line(pdfs[artifact], "ס")
    holam = next(c for c in hint if c.text == "\u05b9")
    vav = hint[hint.index(holam) + 1]  # PDFium reads the mark, then its letter
    assert vav.text == "ו" and vav.x0 < (holam.x0 + holam.x1) / 2 < vav.x1


@pytest.mark.parametrize("artifact", ["booklet.pdf", "flashcards.pdf", "packet.pdf"])
def test_a_paragraph_in_a_right_to_left_language_runs_right_to_left(pdfs, artifact):
    """A Hebrew hint (in a Hebrew bank) that starts with a Latin word runs right to left,
    set on the right, that word first: by the bank's language, not by its first letter as
    the study page's and the deck's dir="auto" does (docs/bank-format.md says so)."""
    start = next(c.x0 for c in _line(pdfs[artifact], "ש") if c.text == "B")
    hint = [c for c in _line(pdfs[artifact], "ט") if c.x0 >= start - 1]
    x = {c.text: c.x0 for c in hint}
    assert min(x.values()) > start + 50 and x["ט"] < x["I"] < x["6"]
    # O(n), last, is leftmost and whole: its closing bracket stood at the far left, turned
    # ('(O(n'), as the older rules (without bracket pairs) put it
    assert x["O"] < x["("] < x["n"] < x[")"] < x["ח"]


@pytest.mark.parametrize("artifact", ["booklet.pdf", "flashcards.pdf", "packet.pdf"])
def test_arabic_letters_are_joined_right_to_left(pdfs, artifact):
    """Arabic printed as boxes; each letter in the form its neighbours give it (Noto Sans
    Arabic's presentation forms), read back as the bank's letters."""
    line = [c for c in _line(pdfs[artifact], "ح") if "\u0600" <= c.text <= "\u06ff"]
    assert {c.font.split("+")[-1] for c in line} == {"NotoSansArabic-Regular"}  # no box
    x = {c.text: c.x0 for c in line}
    assert x["؟"] < x["ا"] < x["ب"] < x["ح"] < x["ر"] < x["م"]  # its first letter rightmost
    beh = next(c for c in line if c.text == "ب")
    alone = TTFontFile(str(FONTS / "NotoSansArabic-Shaped.ttf")).charWidths[ord("ب")]
    assert beh.x1 - beh.x0 < 0.5 * alone * beh.size / 1000  # its middle form


@pytest.mark.parametrize("artifact", ["booklet.pdf", "flashcards.pdf", "packet.pdf"])
def test_a_code_line_runs_left_to_right_in_a_right_to_left_text(pdfs, artifact):
    """As the deck's code (direction: ltr): the booklet drew the Hebrew string's letters in
    the bank's order (the word reversed on paper), the fillable packet set the line right
    to left, on the right ('("שלום")Zed'), and the cards drew the string's words in the
    bank's order from the left ('Zed("עולם שלום")')."""
    start = next(c.x0 for c in _line(pdfs[artifact], "ש") if c.text == "B")
    line = sorted(_line(pdfs[artifact], "Z"), key=lambda c: c.x0)
    x = {c.text: c.x0 for c in line}
    assert x["Z"] < start + 80  # on the left
    assert x["Z"] < x["d"] < x["ש"]  # the name first
    # the string's words read from the right, each word's first letter its rightmost
    assert "".join(c.text for c in line if "\u05d0" <= c.text <= "\u05ea") == "םלועםולש"


@pytest.mark.parametrize("artifact", ["booklet.pdf", "flashcards.pdf", "packet.pdf"])
def test_a_right_to_left_list_has_its_bullets_on_the_right(pdfs, artifact):
    """As Chromium draws <ul dir="rtl">: each item's bullet or number right of its text,
    a nested item indented from the right; the bullet stood at the left margin, the text
    flush right, and the nested item lost its indent (a review)."""

    def item(first):  # the item's marker and its letters' left and right
        line = _line(pdfs[artifact], first)
        letters = [c for c in line if "\u05d0" <= c.text <= "\u05ea"]
        marker = [c for c in line if c.text in "•.7"]  # not the gutter's HINT
        return marker, min(c.x0 for c in letters), max(c.x1 for c in letters)

    (bullet,), _, outer = item("ג")
    (inner_bullet,), _, inner = item("ד")
    assert outer < bullet.x0 < outer + 20  # just right of its text
    assert inner < inner_bullet.x0 < inner + 20
    assert inner_bullet.x1 < bullet.x0 - 10 and inner < outer - 10  # a level in
    assert item("צ")[0][0].x0 == bullet.x0  # its sibling's bullet under it
    number, _, right = item("ק")
    assert [c.text for c in sorted(number, key=lambda c: c.x0)] == [".", "7"]  # '.7'
    # an item that opens with code: its number right of it too, under 7's ('.8'), the
    # code left to right in the item's column (the packet's stood '8. Ñq = 1' on the left)
    code = _line(pdfs[artifact], "Ñ")
    page = next(p for p in pdf_pages(pdfs[artifact]) if code[0] in p.chars)
    end = max(c.x1 for c in number) + 2  # the numbers' column, not a card beside it
    row = [c for c in page.chars if abs(c.baseline - code[0].baseline) < 1 and c.x1 < end]
    eight = sorted((c for c in row if c.text in ".8" and c.x0 > right), key=lambda c: c.x0)
    assert [c.text for c in eight] == [".", "8"]
    assert abs(eight[-1].x1 - max(c.x1 for c in number)) < 2
    assert max(c.x1 for c in code) < right
    latin = _line(pdfs[artifact], "X")
    assert [c.text for c in sorted(latin, key=lambda c: c.x0)][:2] == ["•", "X"]
    assert right < min(c.x0 for c in number) and abs(max(c.x1 for c in number) - bullet.x1) < 2


def test_a_right_to_left_point_or_anchor_has_its_bullet_or_score_on_the_right(pdfs):
    """The booklet's look-for points and follow-ups, and its anchors' scores, as its
    Markdown lists: a Hebrew point's bullet and an Arabic anchor's score just right of
    their text; they stood in the gutter's column at the left, the text flush right."""
    point = _line(pdfs["booklet.pdf"], "ן")
    (bullet,) = [c for c in point if c.text == "•"]
    letters = [c for c in point if c.text == "ן"]
    assert max(c.x1 for c in letters) < bullet.x0 < max(c.x1 for c in letters) + 20
    anchor = _line(pdfs["booklet.pdf"], "ث")
    (score,) = [c for c in anchor if c.text == "1"]
    arabic = [c for c in anchor if "\u0600" <= c.text <= "\u06ff" or c.text >= "\ufb50"]
    assert max(c.x1 for c in arabic) < score.x0


def test_the_fillable_packets_right_to_left_signal_has_its_box_beside_it(pdfs):
    """A Hebrew look-for signal had its tick box at the left margin, its text flush right
    across the page: the box stands just right of the text, where it starts, as the
    booklet's bullet does."""
    ((number, box),) = [
        (n, a.get_object())
        for n, page in enumerate(pypdf.PdfReader(pdfs["packet.pdf"]).pages)
        for a in page.get("/Annots", [])
        if LOOK_FOR in a.get_object().get("/TU", "")
    ]
    letters = [c for c in pdf_pages(pdfs["packet.pdf"])[number].chars if c.text == "ן"]
    text_end = max(c.x1 for c in letters)
    assert text_end < float(box["/Rect"][0]) < text_end + 20


def test_the_fillable_packets_right_to_left_follow_up_has_its_bullet_beside_it(tmp_path):
    """A follow-up that runs right to left had its bullet at the left margin, its text
    flush right across the page (a trial of a Hebrew panel): the bullet stands just right
    of the text, as the DOCX packet's and the booklet's do."""
    bank = tmp_path / "he.yaml"
    question = {"id": "a", "section": "S", "question": "?", "hint": "H"}
    question["follow_ups"] = ["שאלה נוספת", "Zz what then?"]
    data = {"title": "T", "language": "he", "questions": [question]}
    bank.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (packet,) = qbank.build(bank, tmp_path / "out", ["packet"], {"format": "pdf"}, workers=1)
    line = _line(packet, "ש")
    (bullet,) = [c for c in line if c.text == "\u2022"]
    letters = [c for c in line if c.text != "\u2022"]
    assert max(c.x1 for c in letters) < bullet.x0 < max(c.x1 for c in letters) + 20
    # an English one keeps its bullet on the left, its text right of it
    line = _line(packet, "Z")
    (bullet,) = [c for c in line if c.text == "\u2022"]
    assert bullet.x1 < min(c.x0 for c in line if c.text != "\u2022")


@pytest.mark.parametrize("page", [0, 1])  # the cover's list of sections, the contents
def test_a_right_to_left_name_starts_where_a_left_to_right_one_does(pdfs, page):
    """A Hebrew section's name on the cover's list and in the booklet's contents starts at
    its column's left, as 'S' does, and runs right to left from there; it stood flush
    right, by its count or page number and far from its own colour mark or number (the
    contents' row read '2 ........ עברית 3')."""
    chars = [c for c in pdf_pages(pdfs["booklet.pdf"])[page].chars if not c.artifact]
    hebrew = [c for c in chars if "\u0590" <= c.text <= "\u05ff"]
    above = [c for c in chars if c.text == "S" and c.baseline < hebrew[0].baseline]
    latin = max(above, key=lambda c: c.baseline)  # the row above
    assert abs(min(c.x0 for c in hebrew) - latin.x0) < 1


def test_a_right_to_left_organisation_starts_over_the_covers_kicker(pdfs):
    """The organisation's name over 'STUDY EDITION' starts at the left, as the kicker and
    the title under it do; it stood flush right, across the page from them."""
    chars = [c for c in pdf_pages(pdfs["booklet.pdf"])[0].chars if not c.text.isspace()]
    kicker = min((c for c in chars if c.text == "S"), key=lambda c: c.baseline)  # STUDY
    name = [c for c in chars if c.baseline < kicker.baseline]  # Arabic's joined forms
    assert name
    assert abs(min(c.x0 for c in name) - kicker.x0) < 1


def test_the_packets_footer_runs_as_its_words_do_around_a_right_to_left_title(pdfs):
    """The fillable packet's footer, 'صف · Candidate: ____': the look's words run left to
    right after the Arabic title, which runs right to left in its own place at the left;
    the line ran right to left from the title's first letter, and read '____ :Candidate ·
    صف', its colon before the word and the candidate's line at the far left."""
    chars = [c for c in pdf_pages(pdfs["packet.pdf"])[0].chars if not c.text.isspace()]
    foot = max(c.baseline for c in chars)
    line = {c.text: c for c in chars if abs(c.baseline - foot) < 1 and c.x0 < 300}
    title = [c for c in line.values() if c.text > "\u0600"]
    assert max(c.x1 for c in title) < line["C"].x0 < line[":"].x0 < line["_"].x0


def test_the_fillable_packets_first_page_starts_a_right_to_left_text_at_the_left(pdfs):
    """Page 1 of the fillable packet, as the booklet's cover and contents: the Arabic
    organisation and title start at the left over 'Interviewer packet', and in the time
    plan an Arabic question and a Hebrew section's name at their column's left, under
    Q1's; each stood flush right, across the page or its cell. The section's name runs
    right to left as its language has it ('Wq' on the right), as in the booklet."""
    chars = [c for c in pdf_pages(pdfs["packet.pdf"])[0].chars if not c.text.isspace()]

    def row(char):  # the characters on `char`'s baseline, in its cell
        return [c for c in chars if abs(c.baseline - char.baseline) < 1]

    subtitle = min((c for c in chars if c.text == "I"), key=lambda c: c.baseline)
    for arabic in (ORGANISATION, TITLE):
        (first,) = [c for c in chars if c.text == arabic[0] and c.baseline < subtitle.baseline]
        assert abs(min(c.x0 for c in row(first)) - subtitle.x0) < 1, arabic
    q1 = next(c for c in chars if c.text == "B")  # Q1's question, 'Before ...'
    section = next(c for c in row(q1) if c.text == "S")  # its section's
    q2 = next(c for c in chars if c.text == "ح")
    question = [c for c in row(q2) if c.x0 > q1.x0 - 1 and c.text > "\u0600"]
    assert abs(min(c.x0 for c in question) - q1.x0) < 1
    name = [c for c in row(q2) if section.x0 - 1 < c.x0 < q1.x0 - 1]
    x = {c.text: c.x0 for c in name}
    assert abs(min(x.values()) - section.x0) < 1 and x["ע"] < x["W"]


def test_the_fillable_packets_question_line_runs_as_its_sections_language(pdfs):
    """The line under a question's heading, 'Wq עברית · no time given': a Hebrew
    section's name runs right to left, 'Wq' on the right, and the line starts at the left
    under 'Q2', as page 1's plan has it; it ran from its first letter, 'Wq' first."""
    for page in pdf_pages(pdfs["packet.pdf"])[1:]:  # past the plan's
        chars = [c for c in page.chars if not c.text.isspace()]
        if any(c.text == ARABIC[1] for c in chars):  # Q2's page: its Arabic question
            break
    label = min((c for c in chars if c.text == "Q"), key=lambda c: c.baseline)
    meta = next(c for c in chars if c.text == "W" and c.size < label.size)
    line = [c for c in chars if abs(c.baseline - meta.baseline) < 1]
    x = {c.text: c.x0 for c in line}
    assert x["ע"] < x["W"] < x["q"]  # עברית left of 'Wq'
    assert x["n"] < x["ע"]  # the look's 'no time given' after it, on the left
    assert abs(min(c.x0 for c in line) - label.x0) < 1
    # the section's heading over it, as the booklet's opening: it ran 'Wq' first too
    heading = [c for c in chars if c.baseline < label.baseline]
    x = {c.text: c.x0 for c in heading}
    assert x["ע"] < x["W"] and abs(min(x.values()) - label.x0) < 1


def test_the_fillable_packets_grid_and_scorecard_start_a_right_to_left_cell_at_the_left(pdfs):
    """The competency grid's first column and the scorecard's question column are
    left-aligned, as page 1's plan is: an Arabic competency and what it means start at the
    column's left under 'Competency', and Q2's Arabic question under Q1's; each stood
    flush right in its cell. The scorecard's row of a Hebrew section runs right to left
    from the left ('Wq' on the right), as in the plan; it ran from its first letter."""
    page = pdf_pages(pdfs["packet.pdf"])[0]
    chars = [c for c in page.chars if not c.text.isspace()]
    for text in (COMPETENCY, MEANING):
        first = next(c for c in chars if c.text == text[0])
        above = [c for c in chars if c.text == "C" and c.baseline < first.baseline]
        head = max(above, key=lambda c: c.baseline)  # Competency
        row = [c for c in chars if abs(c.baseline - first.baseline) < 1 and c.x0 < first.x1]
        assert abs(min(c.x0 for c in row) - head.x0) < 1, text
    chars = [c for c in pdf_pages(pdfs["packet.pdf"])[-1].chars if not c.text.isspace()]
    q1 = next(c for c in chars if c.text == "B")  # Q1's question, 'Before ...'
    first = next(c for c in chars if c.text == ARABIC[0])
    row = [c for c in chars if abs(c.baseline - first.baseline) < 1 and c.x0 > q1.x0 - 1]
    assert abs(min(c.x0 for c in row if c.text > "\u0600") - q1.x0) < 1
    label = next(c for c in chars if c.text == "Q" and c.x0 < q1.x0 and c.baseline > q1.baseline)
    name = next(c for c in chars if c.text == "W" and c.x0 < q1.x0)  # its row's
    x = {c.text: c.x0 for c in chars if abs(c.baseline - name.baseline) < 1}
    assert x["ע"] < x["W"] and abs(min(x.values()) - label.x0) < 1
    # and its subtotal, 'Subtotal · Wq עברית' flush right: the look's words left to right,
    # the name right to left in its place, 'Wq' on the right; it ran 'Wq' first
    total = next(c for c in chars if c.text == "S" and c.baseline > name.baseline)
    row = sorted((c for c in chars if abs(c.baseline - total.baseline) < 1), key=lambda c: c.x0)
    words = "".join(c.text for c in row if c.x1 < row[-1].x0 - 30)  # not its score's cell
    assert words == "Subtotal·תירבעWq", words


@pytest.mark.parametrize("artifact", ["booklet.pdf", "flashcards.pdf"])
def test_a_right_to_left_sections_name_runs_its_way_in_a_header(pdfs, artifact):
    """The running header's and a card's header's name of a section in Hebrew that starts
    with a Latin word, 'Wq עברית', runs right to left as at the section's opening and in
    the contents, the Latin word on the right; it ran from its first letter, left to
    right, and read 'Wq' first on one page and last on another. The bank's title there
    as the bank's language has it. A card drew the name's runs of each font in the
    bank's order, left to right, which put 'Wq' on the left too."""
    for page in pdf_pages(pdfs[artifact]):
        head = [c for c in page.chars if c.text == "W" and c.size < 9]  # not the opening's
        if head:
            break
    line = [c for c in page.chars if abs(c.baseline - head[0].baseline) < 1]
    name = [c for c in line if "\u0590" <= c.text <= "\u05ff" and abs(c.x0 - head[0].x0) < 60]
    assert name and max(c.x1 for c in name) < head[0].x0


@pytest.mark.parametrize("artifact", ["booklet.pdf", "packet.pdf"])
def test_a_right_to_left_sections_description_runs_as_its_language_has_it(pdfs, artifact):
    """A Hebrew section's description that starts with a Latin word ('Gy ظع') runs right
    to left, the Latin word on the right, flush right under the section's heading; the
    fillable packet set it in the bank's language, from its first letter, 'Gy' first on
    the left."""
    line = _line(pdfs[artifact], "ظ")
    x = {c.text: c for c in line}
    assert x["ظ"].x1 < x["G"].x0
    # flush right, as the section's first question on its page ('مرحبا؟')
    page = next(p for p in pdf_pages(pdfs[artifact]) if line[0] in p.chars)
    (hah,) = [c for c in page.chars if c.text == "ح"]
    question = [c for c in page.chars if abs(c.baseline - hah.baseline) < 1 and c.x0 > hah.x0]
    assert abs(max(c.x1 for c in line) - max(c.x1 for c in question)) < 1


def test_a_right_to_left_sections_title_starts_under_its_part_number(pdfs):
    """The opening of a Hebrew section: its title starts at the left under 'PART 2', over
    the rule in the section's colour, and runs right to left from there; it stood flush
    right across the page from both."""
    for page in pdf_pages(pdfs["booklet.pdf"]):
        chars = [c for c in page.chars if not c.artifact and not c.text.isspace()]
        title = [c for c in chars if "\u0590" <= c.text <= "\u05ff" and c.size > 20]
        if title:
            break
    above = [c for c in chars if c.text == "P" and c.baseline < title[0].baseline]
    kicker = max(above, key=lambda c: c.baseline)  # PART 2, just above
    assert abs(min(c.x0 for c in title) - kicker.x0) < 2


def _filled(path, first: str):
    """The filled shapes beside or behind the line that holds `first` (a bar, a ground),
    and the line's characters."""
    line = _line(path, first)
    middle = (min(c.top for c in line) + max(c.bottom for c in line)) / 2
    for page in pdf_pages(path):
        if any(c.text == first for c in page.chars):
            return [r for r in page.rects if r.fill and r.top <= middle <= r.bottom], line
    raise AssertionError(first)  # pragma: no cover


@pytest.mark.parametrize("artifact", ["booklet.pdf", "flashcards.pdf", "packet.pdf"])
def test_a_right_to_left_quote_has_its_bar_on_the_right(pdfs, artifact):
    """A quote in a right-to-left list item had its bar on the left, away from where its
    text starts: it stands right of the quote's text (in the booklet left of the item's
    bullet, as a quote's bar stands right of a left-to-right item's)."""
    shapes, quote = _filled(pdfs[artifact], "ץ")
    start, end = min(c.x0 for c in quote), max(c.x1 for c in quote)
    # a bar beside the quote's text (not the packet's hint's own, down its ground's edge)
    (bar,) = [r for r in shapes if r.width < 3 and start - 30 < r.x0 < end + 30]
    assert end < bar.x0
    bullet = next(c for c in _line(pdfs[artifact], "ך") if c.text == "\u2022")
    assert bar.x1 < bullet.x0
    # down the quote's code too, on the same side: on the cards and in the packet it stood
    # on the left, inside the code's ground
    shapes, code = _filled(pdfs[artifact], "Ð")
    start = min(c.x0 for c in code)
    bars = [r for r in shapes if r.width < 3 and start - 30 < r.x0 < bullet.x0]
    assert [round(r.x0, 1) for r in bars] == [round(bar.x0, 1)]


@pytest.mark.parametrize("artifact", ["booklet.pdf", "flashcards.pdf", "packet.pdf"])
def test_a_latin_paragraph_of_a_right_to_left_item_in_a_quote_clears_its_bar(pdfs, artifact):
    """On the cards a Latin paragraph of a right-to-left list item in a quote ('Ŧa' after
    '- كق') lost the quote's room on the left, the bar drawn across its first letter."""
    shapes, line = _filled(pdfs[artifact], "Ŧ")
    bars = [r for r in shapes if r.width < 3]
    assert not [(b.x0, c.text) for b in bars for c in line if b.x0 < c.x1 and c.x0 < b.x1]


@pytest.mark.parametrize("artifact", ["booklet.pdf", "flashcards.pdf", "packet.pdf"])
def test_code_in_a_right_to_left_item_in_a_quote_has_its_bar_on_the_right(pdfs, artifact):
    """On the cards and in the fillable packet the code of a right-to-left list item in a
    quote, its ground in the item's column on the right, had the quote's bar on the left,
    drawn across its text ('pr|int'): the bar stands right of it, as the item's own."""
    shapes, code = _filled(pdfs[artifact], "Þ")
    start, end = min(c.x0 for c in code), max(c.x1 for c in code)
    ground = min((r for r in shapes if r.x0 <= start < r.x1 and r.width > 3), key=lambda r: r.width)
    bars = [r for r in shapes if r.width < 3 and ground.x0 - 30 < r.x0 < ground.x1 + 30]
    assert bars and all(ground.x1 <= bar.x0 and end < bar.x0 for bar in bars)


@pytest.mark.parametrize("artifact", ["booklet.pdf", "flashcards.pdf", "packet.pdf"])
def test_a_quote_in_a_list_item_has_its_bar_by_the_items_text(pdfs, artifact):
    """On the cards and in the fillable packet a quote in a list item had its bar under
    the item's bullet, its text in from the card's edge, not from the item's: its bar
    stands between the bullet and the quote's text, as in the booklet, on the right of a
    right-to-left item's text (above)."""
    shapes, quote = _filled(pdfs[artifact], "Ψ")
    start = min(c.x0 for c in quote)
    (bar,) = [r for r in shapes if r.width < 3 and start - 30 < r.x0 < start]
    bullet = next(c for c in _line(pdfs[artifact], "Ω") if c.text == "\u2022")
    assert bullet.x1 < bar.x0


def test_the_fillable_packets_right_to_left_hint_has_its_bar_on_the_right(pdfs):
    """A Hebrew hint's bar stood on the left of its ground, away from where its lines
    start: it stands at the ground's right edge, as the DOCX packet's."""
    shapes, _ = _filled(pdfs["packet.pdf"], "\u05de")  # מאובטח, in HEBREW_HINT alone
    ground = max(shapes, key=lambda r: r.width)
    (bar,) = [r for r in shapes if r.width <= 2]
    assert bar.x1 == pytest.approx(ground.x1, abs=0.5)


@pytest.mark.parametrize("artifact", ["booklet.pdf", "flashcards.pdf", "packet.pdf"])
def test_a_right_to_left_items_code_has_its_ground_in_its_column(pdfs, artifact):
    """Code in a right-to-left list item had its ground out to the right margin, the
    card's right edge or the hint's, under the item's bullet, its line indented from the
    left: it covers the item's own column, left of its bullet."""
    bullet = next(c for c in _line(pdfs[artifact], "ך") if c.text == "\u2022")
    shapes, code = _filled(pdfs[artifact], "J")
    start = min(c.x0 for c in code)
    # the code's own (in the packet the hint's ground is under it, out to the bar)
    ground = min((r for r in shapes if r.x0 <= start < r.x1 and r.width > 3), key=lambda r: r.width)
    assert ground.x1 <= bullet.x0 and start - ground.x0 < 10
    column = ground.x0  # the hint's left, where the items' levels start
    # in a right-to-left item that stands in a left-to-right one ('- Ωμ' over '- تد'): in
    # from the left as far as that item's text, as the booklet has it; on the cards and in
    # the packet it reached out to the left edge, under that item's bullet
    shapes, code = _filled(pdfs[artifact], "Ç")
    start = min(c.x0 for c in code)
    ground = min((r for r in shapes if r.x0 <= start < r.x1 and r.width > 3), key=lambda r: r.width)
    omega = next(c for c in _line(pdfs[artifact], "Ω") if c.text == "Ω")
    assert abs(ground.x0 - omega.x0) < 1
    # and that item's bullet at the right edge, where the hint's lines end: only its own
    # level is on the right; on the cards and in the packet it stood a level in from there,
    # all its levels indented from the right
    bullet = next(c for c in _line(pdfs[artifact], "ت") if c.text == "\u2022")
    assert abs(bullet.x1 - max(c.x1 for c in _line(pdfs[artifact], "ס"))) < 1
    # the reverse ('- ضغ' over '- Λβ'): code in a left-to-right item in a right-to-left one
    # ends as far in from the right as that item's text, the inner bullet at the hint's
    # left, as the booklet has them; on the cards and in the packet the code reached out
    # under the outer bullet, and the inner one stood a level in from the left
    outer = max(c.x1 for c in _line(pdfs[artifact], "ض") if c.text != "\u2022")
    shapes, code = _filled(pdfs[artifact], "Ŵ")
    start = min(c.x0 for c in code)
    ground = min((r for r in shapes if r.x0 <= start < r.x1 and r.width > 3), key=lambda r: r.width)
    assert abs(ground.x1 - outer) < 1
    bullet = next(c for c in _line(pdfs[artifact], "Λ") if c.text == "\u2022")
    assert abs(bullet.x0 - column) < 1
    # and the Latin paragraph of that right-to-left item starts there too, its level on
    # the right: on the cards and in the packet it stood a level in from the left
    assert abs(min(c.x0 for c in _line(pdfs[artifact], "Ŋ")) - column) < 1


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def docx_packets(tmp_path_factory):
    """A Hebrew bank's DOCX packet, and an English one's."""
    folder = tmp_path_factory.mktemp("docx")
    bank = folder / "he.yaml"
    hint = (
        "שלבים:\n\n1. לזהות\n2. לדווח ל-CISO\n\nSee RFC 4301.\n\n- An audit log\n\n"
        "```\nprint('x')  # שלום\n```"
    )
    data = {
        "title": "ראיון",
        "language": "he",
        "markup": "markdown",
        "questions": [
            {
                "id": "a",
                "section": "יסודות",
                "question": "מה בודקים?",
                "hint": hint,
                "follow_ups": [
                    "ומה עוד?\n\n> ציטוט בפריט",
                    # code under a follow-up, and in a list item, outside a hint
                    "פריט:\n\n```\nZq = 3\n```\n\n- בדיקה\n\n  ```\n  Jv = 1\n  ```",
                ],
            },
            {
                "id": "b",
                "section": "English",
                "question": "Why TCP, not UDP? שאלה",
                "hint": "H\n\nשלום עולם",
            },
        ],
        "sections": ["יסודות", {"name": "English", "language": "en"}],
    }
    bank.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    english = folder / "en.yaml"
    data = {
        "title": "T",
        "markup": "markdown",
        "questions": [
            {
                "id": "a",
                "section": "S",
                "question": "Why?",
                "hint": "H\n\n```\nx\n```",
                "follow_ups": ["And?\n\n> A quote"],
            }
        ],
    }
    english.write_text(yaml.safe_dump(data), encoding="utf-8")
    (packet,) = qbank.build(bank, folder / "out", ["packet"], workers=1)
    (plain,) = qbank.build(english, folder / "out", ["packet"], workers=1)
    return packet, plain


def _docx_paragraphs(path):
    from docx import Document

    document = Document(str(path))
    paragraphs = [*document.paragraphs, *document.sections[0].footer.paragraphs]
    for table in document.tables:
        paragraphs += [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return paragraphs


def test_the_docx_packet_runs_a_right_to_left_banks_paragraphs_right_to_left(docx_packets):
    """A Hebrew bank's DOCX packet set every paragraph left to right: through LibreOffice
    its question ended in a '?' on the right and 'לדווח ל-CISO' stood out of order. Each
    paragraph holding a Hebrew letter now says w:bidi; code and the footer ('Page 3 of 4')
    keep the page's direction, as does every paragraph of a left-to-right bank. A code
    line with a Hebrew string ran right to left too ('הערה # ("שלום")print')."""
    packet, plain = docx_packets

    def directions(path):
        return [(p.text, p._p.find(f"{W}pPr/{W}bidi") is not None) for p in _docx_paragraphs(path)]

    said = directions(packet)
    for text in ("מה בודקים?", "שלבים:", "לזהות", "לדווח ל-CISO", "print('x')", "Page"):
        right = [bidi for shown, bidi in said if text in shown]
        assert right and all(right) == (text not in ("print('x')", "Page")), (text, right)
    assert not any(bidi for _, bidi in directions(plain))


# CT_PPrBase's order of the paragraph properties qbank writes; Word may refuse others
PARAGRAPH_PROPERTIES = (
    "pStyle keepNext keepLines pageBreakBefore pBdr shd tabs bidi spacing ind jc outlineLvl rPr"
).split()


def test_a_docx_bar_stands_where_its_paragraph_starts(docx_packets):
    """A Hebrew hint's bar (the hint style's, on the left of the page) fell outside its
    table cell once the paragraph ran right to left, its indent now on the right: through
    LibreOffice no bar was drawn. It stands on the right of a paragraph that runs right to
    left (w:right; the style's w:left taken off), as does a quote's in a follow-up, and
    on down the hint's code, on the same side, with the room it reaches out into; an
    English packet's bars stay on the left. Each paragraph's properties come in the
    schema's order (w:bidi came after w:pBdr, w:tabs and w:ind)."""
    packet, plain = docx_packets

    def bars(path):
        found = {}
        for p in _docx_paragraphs(path):
            ppr = p._p.find(f"{W}pPr")
            names = [child.tag.removeprefix(W) for child in ppr]
            assert names == sorted(names, key=PARAGRAPH_PROPERTIES.index), (p.text, names)
            border = ppr.find(f"{W}pBdr")
            if border is not None and p.text.strip():  # not a notes area's rule
                found[p.text.strip()] = [
                    (edge.tag.removeprefix(W), edge.get(f"{W}val")) for edge in border
                ]
        return found

    hebrew = bars(packet)
    right = [("left", "nil"), ("right", "single")]  # the hint style's bar, over
    assert hebrew["שלבים:"] == right and hebrew["2.\tלדווח ל-CISO"] == right
    assert hebrew["ציטוט בפריט"] == hebrew["print('x')  # שלום"] == [("right", "single")]
    # a paragraph that runs against its hint keeps the hint's bar on the hint's side, with
    # its room: the bar of a Hebrew hint went over to the left beside its English paragraph
    # and back, and an English hint's to the right beside its Hebrew one
    assert hebrew["See RFC 4301."] == hebrew["•\tAn audit log"] == right
    assert hebrew["שלום עולם"] == [("left", "single")]
    for p in _docx_paragraphs(packet):
        if p.text.startswith(("print", "See", "•\tAn", "שלום")):
            assert int(p._p.find(f"{W}pPr/{W}ind").get(f"{W}right")) > 0, p.text
    english = bars(plain)
    assert english["A quote"] == english["x"] == [("left", "single")] and "H" not in english


def test_a_docx_code_line_in_a_right_to_left_item_is_indented_from_the_right(docx_packets):
    """Code under a Hebrew follow-up, and in a Hebrew list item, stood at the left, its
    ground under the item's bullet on the right (through LibreOffice): it runs left to
    right, indented from the right as its item's levels are (w:right), as the booklet
    sets it in the item's own column."""
    code = [p for p in _docx_paragraphs(docx_packets[0]) if p.text in ("Zq = 3", "Jv = 1")]
    assert len(code) == 2
    for p in code:
        indent = p._p.find(f"{W}pPr/{W}ind")
        assert p._p.find(f"{W}pPr/{W}bidi") is None, p.text
        assert indent.get(f"{W}left") is None and int(indent.get(f"{W}right")) > 0, p.text


def _bidi(path) -> list[tuple[str, bool]]:
    return [(p.text, p._p.find(f"{W}pPr/{W}bidi") is not None) for p in _docx_paragraphs(path)]


def test_a_docx_paragraph_runs_as_its_sections_language_has_it(pdfs, docx_packets):
    """The DOCX packet read the bank's language alone: a Hebrew section's 'IPv6 מאובטח
    O(n)' in an English bank ran left to right, and an English section's 'Why TCP, not
    UDP? שאלה' in a Hebrew bank right to left, where the PDFs set each by its section's
    language (and, in a language written left to right, a paragraph by its first letter:
    'שלום עולם (כולל ...' on the right). Its question page, the plan's row and the
    scorecard's now do too."""
    english = _bidi(pdfs["packet.docx"])
    said = dict(english)
    assert said[HEBREW_HINT] and said[HINT] and not said[QUESTION]
    # the question's heading, its row in the plan and in the scorecard
    assert [bidi for text, bidi in english if ARABIC in text] == [True] * 3
    hebrew = _bidi(docx_packets[0])
    assert [bidi for text, bidi in hebrew if "Why TCP" in text] == [False] * 3


def _debriefed(folder, language, signals, rubric=None, who="Grace Hopper", unrated=0):
    """The debrief (a python-docx Document) of one interviewer, `who`, who ticked each
    signal of a question of its own (`signals`) in a bank in `language` ('' for none), and
    rated each question 4 but the first `unrated`."""
    import docx
    from filling import Filled, fill, question_ids
    from helpers import run_cli

    data = {
        "title": "ראיון" if language else "Interview",
        "questions": [
            {"id": f"q{n}", "section": "S", "question": f"Q {n}?", "hint": "H", "look_for": [s]}
            for n, s in enumerate(signals)
        ],
    }
    if language:
        data["language"] = language
    if rubric:
        data["rubric"] = rubric
    folder.mkdir()
    bank = folder / "bank.yaml"
    bank.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    args = ("--bank", bank, "--out", folder, "--candidate", "Noa", "--interviewer", who)
    assert run_cli("packet", *args, "--all").exit_code == 0
    (packet,) = folder.glob("*packet*.docx")
    asks = question_ids(packet)
    filled = Filled(
        {"interview-date": "2026-12-07"},
        scores={q: [4] for q in asks[unrated:]},
        look_for={q: [1] for q in asks},
        recommendations=["yes"],
    )
    fill(packet, folder / "filled.docx", filled)
    done = run_cli("debrief", folder / "filled.docx", "--bank", bank, "--out", folder / "d")
    assert done.exit_code == 0, done.output
    (debrief,) = (folder / "d").glob("*.docx")
    return docx.Document(str(debrief))


def _debriefed_signals(folder, language: str, signals: list[str], rubric=None):
    """The paragraphs of a debrief's notes that hold a ticked signal, as (text, runs right
    to left): one interviewer, Grace Hopper, who ticked each signal of a question of its
    own (`signals`) in a bank in `language` ('' for none)."""
    return [
        (p.text, p._p.find(f"{W}pPr/{W}bidi") is not None)
        for p in _debriefed(folder, language, signals, rubric).paragraphs
        if "\u2611" in p.text
    ]


def test_a_debriefs_signals_run_as_the_packet_ran_them(tmp_path):
    """The debrief's rating line and the signals ticked under it are one paragraph, which
    took its direction from its first letter, the interviewer's: an English bank's Hebrew
    signal ran left to right there, its box on the left, where the packet set it on the
    right; a Hebrew bank's English signal ran right to left under a rating in Hebrew words
    (a trial of a Hebrew panel). The paragraph runs as its signals do, as the packet's; a
    name that runs the other way is closed by a mark of the paragraph's direction, so that
    the score after it stays with its label ('Grace Hopper · 4' read from the right, the
    4 beside the name, its label 'חזק' past it)."""
    english = _debriefed_signals(tmp_path / "en", "", ["שומר ראיות", "Names the risk"])
    assert english == [
        ("Grace Hopper\u200f \u00b7 4 Strong\n\u2611\u00a0שומר ראיות", True),
        ("Grace Hopper \u00b7 4 Strong\n\u2611\u00a0Names the risk", False),
    ]
    labels = ["אין ראיה", "חלקי", "טוב", "חזק", "יוצא דופן"]
    scale = [{"score": n, "label": label, "anchor": "."} for n, label in enumerate(labels, 1)]
    hebrew = _debriefed_signals(tmp_path / "he", "he", ["Business risk first", "שומר"], scale)
    assert hebrew == [
        ("Grace Hopper \u00b7 4 חזק\n\u2611\u00a0Business risk first", False),
        ("Grace Hopper\u200f \u00b7 4 חזק\n\u2611\u00a0שומר", True),
    ]


def test_a_debriefs_flag_runs_as_the_looks_words_do(tmp_path):
    """A Hebrew bank's debrief in the built-in English words set each line 'For discussion'
    right to left, as the bank's language, where it held a Hebrew name: 'Q1 has no rating
    from דנה כהן.' read from the right, its full stop at the left, and a sentence naming
    two ran its English words backwards across the page (a trial of a Hebrew panel). A
    line of the look's words runs as they do; a name in it that runs the other way is
    closed by a direction mark, so that a score after it stays beside it."""
    document = _debriefed(tmp_path / "he", "he", ["שומר", "Zz"], who="דנה כהן", unrated=1)
    flagged = [
        (p.text, p._p.find(f"{W}pPr/{W}bidi") is not None)
        for p in document.paragraphs
        if p.text.startswith("\u2022")
    ]
    assert flagged == [("\u2022\tQ1 has no rating from דנה כהן\u200e.", False)]
    # the panel's scores of a competency two levels apart, one text: each name closed
    from qbank.direction import closed

    said = closed("דנה כהן 3, יוסי לוי 5, Grace Hopper 4", right_to_left=False)
    assert said == "דנה כהן\u200e 3, יוסי לוי\u200e 5, Grace Hopper 4"


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (("booklet",), "code-booklet.pdf"),
        (("cards",), "code-flashcards.pdf"),
        (("packet", "--format", "pdf"), None),
    ],
)
def test_a_code_span_in_a_right_to_left_line_reads_left_to_right_as_one_piece(
    cli, tmp_path, command, name
):
    """A Hebrew panel's trial: '(`ResultType != "0"`)' in a Hebrew line printed '("ResultType
    != "0)', the span's closing quote on the Hebrew's side (python-bidi has no isolates),
    and a hostile bank's 'Is `<script>` code here?' in an Arabic one '?script> code here<'.
    Each span reads left to right whole, in its brackets, in every PDF."""
    bank = tmp_path / "code.yaml"
    bank.write_text(
        "title: T\nlanguage: he\nmarkup: markdown\nsections: [כללי]\nquestions:\n"
        "  - id: q1\n    section: כללי\n"
        '    question: מה עושה השאילתה (`Zone != "0"`) בטבלה?\n'
        "    hint: היא מסננת כניסות\n",
        encoding="utf-8",
    )
    assert cli(*command, "--bank", bank, "--out", tmp_path / "out").exit_code == 0
    pdf = tmp_path / "out" / name if name else next((tmp_path / "out").rglob("*.pdf"))
    line = "".join(c.text for c in sorted(_line(pdf, "Z"), key=lambda c: c.x0))
    assert 'Zone!="0"' in line, line


def test_a_code_span_in_a_right_to_left_docx_paragraph_stands_between_two_marks(cli, tmp_path):
    """As in the PDFs: LibreOffice set '(`Zone != "0"`)' in a Hebrew line as '("Zone != "0)',
    its closing quote on the Hebrew's side. A left-to-right mark stands on each side of a
    code span's run in a right-to-left paragraph, each a run of its own (the span's text
    copied is as typed); a left-to-right paragraph's code has none."""
    from docx import Document

    bank = tmp_path / "code.yaml"
    bank.write_text(
        "title: T\nlanguage: he\nmarkup: markdown\nsections: [כללי, {name: E, language: en}]\n"
        "questions:\n  - id: q1\n    section: כללי\n"
        '    question: מה עושה השאילתה (`Zone != "0"`) בטבלה?\n    hint: H.\n'
        '  - id: q2\n    section: E\n    question: What does `Yone != "0"` keep?\n'
        "    hint: H.\n",
        encoding="utf-8",
    )
    assert cli("packet", "--bank", bank, "--out", tmp_path).exit_code == 0
    paragraphs = Document(str(tmp_path / "code-packet.docx")).paragraphs
    hebrew = next(p for p in paragraphs if "Zone" in p.text)
    runs = [r.text for r in hebrew.runs]
    at = runs.index('Zone != "0"')
    assert runs[at - 1] == runs[at + 1] == "\u200e", runs
    english = next(p for p in paragraphs if "Yone" in p.text)
    assert "\u200e" not in english.text
