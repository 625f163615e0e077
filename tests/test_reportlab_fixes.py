"""What qbank mends in reportlab: only what the installed version needs, only in qbank's own
fonts and paragraphs; and every font a PDF names is embedded, as a print shop checks."""

from __future__ import annotations

from random import Random

import pytest
from helpers import FIXTURES, run_cli
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen.canvas import Canvas

from qbank import reportlab_fixes
from qbank.paths import FONTS
from qbank.reportlab_fixes import QbankFont, to_unicode_needs_fix

EMOJI = 0x1F600


def test_reportlab_still_needs_the_to_unicode_mend():
    # When this fails, reportlab writes characters beyond U+FFFF as UTF-16 itself: remove
    # the mend from qbank/reportlab_fixes.py (and this test).
    assert to_unicode_needs_fix(ttfonts.makeToUnicodeCMap)


def test_a_qbank_font_writes_characters_beyond_the_bmp_as_utf16(tmp_path):
    font = QbankFont("qbank-test-astral", str(FONTS / "NotoSans-Regular.ttf"))
    pdfmetrics._fonts[font.fontName] = font  # as qbank.pdf registers its fonts
    path = tmp_path / "astral.pdf"
    canvas = Canvas(str(path), invariant=1, initialFontName=font.fontName)
    canvas.setFont(font.fontName, 12)
    canvas.drawString(72, 720, "a\U0001f600")
    canvas.save()
    assert "\U0001f600" in PdfReader(path).pages[0].extract_text()
    # reportlab itself is as it was: its own fonts keep its own map
    assert to_unicode_needs_fix(ttfonts.makeToUnicodeCMap)


def test_only_the_characters_a_text_uses_join_a_qbank_font(tmp_path):
    font = QbankFont("qbank-test-regular", str(FONTS / "NotoSans-Regular.ttf"))
    plain = ttfonts.TTFont("plain-regular", str(FONTS / "NotoSans-Regular.ttf"))
    assert EMOJI not in font.face.charToGlyph and EMOJI not in font.glyphs
    canvas = Canvas(str(tmp_path / "x.pdf"))
    font.splitString("a\U0001f600", canvas._doc)
    plain.splitString("a\U0001f600", canvas._doc)
    assert font.face.charToGlyph[EMOJI] == 0  # drawn as the empty box, kept in the text
    assert EMOJI + 1 not in font.face.charToGlyph
    assert EMOJI not in font.glyphs  # the warning about it still comes
    assert EMOJI not in plain.face.charToGlyph  # reportlab's other fonts are as they were


def test_a_qbank_font_splits_a_text_of_known_characters_as_reportlab_does(monkeypatch, tmp_path):
    """A text whose characters all have their codes in a document's first subset is split
    without reportlab's loop over its characters (the booklet of 5,000 questions split
    228,000 texts), into the same bytes; a new character, or one of the second subset,
    goes through reportlab's."""
    font = QbankFont("qbank-test-split", str(FONTS / "NotoSans-Regular.ttf"))
    looping_only = QbankFont("qbank-test-split-looped", str(FONTS / "NotoSans-Regular.ttf"))
    doc = Canvas(str(tmp_path / "x.pdf"))._doc
    split = ttfonts.TTFont.splitString
    looped = []

    def looping(self, text, doc, encoding="utf-8"):
        if self is font:
            looped.append(text)
        return split(self, text, doc, encoding)

    monkeypatch.setattr(ttfonts.TTFont, "splitString", looping)
    many = "".join(chr(c) for c in range(0x400, 0x530))  # more than a subset's 256 codes
    texts = ["Wörter", "Wört\xa0er", "rötW", many, "ab\xa0c", "Ж", many[-3:], "Wört", ""]
    for text in texts:
        expected = looping_only.splitString(text, doc)
        looping_only.state[doc].qbank_first_subset = None  # nothing known: reportlab's loop
        assert font.splitString(text, doc) == expected
    assert {"rötW", "Wört", "Ж"}.isdisjoint(looped)  # their characters known
    assert many[-3:] in looped  # the second subset's


def test_a_qbank_font_measures_a_text_at_a_size_once(monkeypatch):
    """A card's words are measured at each size its face tries and again as drawn: the
    font keeps each text's measure at each size. A bracket's mirror image, which a
    right-to-left line registers as it is drawn, is measured anew after."""
    font = QbankFont("qbank-test-widths", str(FONTS / "NotoSans-Regular.ttf"))
    measured = []
    measure = ttfonts.TTFont.stringWidth

    def measuring(self, text, size, encoding="utf8"):
        measured.append((text, size))
        return measure(self, text, size, encoding)

    monkeypatch.setattr(ttfonts.TTFont, "stringWidth", measuring)
    assert font.stringWidth("word", 12) == font.stringWidth("word", 12) > 0
    assert font.stringWidth("word", 9) < font.stringWidth("word", 12)
    assert measured == [("word", 12), ("word", 9)]
    stand_in = chr(reportlab_fixes._STAND_IN + ord("("))
    font.stringWidth(stand_in, 12)  # not a character of the font yet
    assert font.mirror("(") == stand_in
    assert font.stringWidth(stand_in, 12) == font.stringWidth(")", 12)
    # bounded by the characters kept too, as a card measures whole paragraphs (a review)
    monkeypatch.setattr(reportlab_fixes, "WIDTH_CHARS_KEPT", 10, raising=False)
    measured.clear()
    for text in ("abcdefgh", "ijklmnop", "abcdefgh", "ijklmnop"):
        font.stringWidth(text, 12)
    assert len(measured) == 4


def test_qbank_breaks_lines_comparing_fragments_as_reportlabs_c_form_does(monkeypatch):
    """reportlab's C `sameFrag` took a twelfth of the cards' time; qbank's paragraphs break
    their lines with `same_frag`, which answers alike, and leave reportlab's in place."""
    from reportlab.lib.colors import Color
    from reportlab.lib.rl_accel import sameFrag
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import paragraph
    from reportlab.platypus.paraparser import ParaFrag

    nan, red = float("nan"), Color(1, 0, 0)
    base = {"fontName": "Helvetica", "fontSize": 10, "textColor": red, "rise": 0, "text": "a"}
    frag = ParaFrag(**base)
    others = [
        ParaFrag(**base),
        ParaFrag(**{**base, "textColor": Color(1, 0, 0)}),  # alike, another object
        ParaFrag(**{**base, "fontSize": 11}),
        ParaFrag(**{**base, "link": "https://example.org"}),  # one has it, one lacks it
        ParaFrag(**{**base, "us_lines": []}),
        ParaFrag(**{**base, "lineBreak": True}),
        ParaFrag(**{**base, "cbDefn": object()}),
        ParaFrag(**{**base, "rise": nan}),
    ]
    pairs = [(frag, other) for other in others] + [(other, other) for other in others]
    pairs += [(other, frag) for other in others]
    assert [bool(reportlab_fixes.same_frag(f, g)) for f, g in pairs] == [
        bool(sameFrag(f, g)) for f, g in pairs
    ]
    compared = []

    def comparing(f, g):
        compared.append(f)
        return sameFrag(f, g)

    monkeypatch.setattr(reportlab_fixes, "same_frag", comparing)
    style = ParagraphStyle("p", fontName="Helvetica", fontSize=10)
    reportlab_fixes.Paragraph("<b>bold</b> and plain words " * 20, style).wrap(100, 1000)
    assert compared
    assert paragraph.sameFrag is sameFrag


def font_resources(reader: PdfReader):
    """Every font dictionary named by a page or by a form drawn on it."""
    seen = set()

    def walk(resources):
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            if id(font) not in seen:
                seen.add(id(font))
                yield font
        for xobject in (resources.get("/XObject") or {}).values():
            yield from walk(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        yield from walk(page.get("/Resources"))


def is_embedded(font) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else {}
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize(
    "command", [["booklet"], ["cards"], ["cards", "--calibrate"]], ids=" ".join
)
def test_every_font_a_pdf_names_is_embedded(built, command):
    written = sorted(built(*command, "--bank", FIXTURES / "booklet-fidelity.yaml").out.iterdir())
    assert written
    for path in written:
        fonts = list(font_resources(PdfReader(path)))
        assert fonts
        names = [str(font.get("/BaseFont")) for font in fonts if not is_embedded(font)]
        assert names == [], f"{path}: not embedded: {names}"


def test_the_linear_soft_hyphen_split_picks_what_reportlab_picks():
    # reportlab's own split, kept as the reference: the same head, the same rest, the same
    # soft hyphens left in each, and the same first-head width when nothing fits
    from reportlab.platypus.paragraph import _SHYStr

    from qbank.pdf import load_theme

    font = load_theme().fonts.regular
    original = _SHYStr.__shysplit__
    random = Random(16)
    for _ in range(300):
        pieces = ["".join(random.choices("aiWm.-", k=random.randint(0, 6))) for _ in range(30)]
        text = "\u00ad".join(pieces[: random.randint(1, 30)])
        base, limit = random.uniform(-5, 40), random.uniform(0, 200)
        fast_word, slow_word = _SHYStr(text), _SHYStr(text)
        fast = reportlab_fixes.split_at_soft_hyphen(fast_word, font, 9, base, limit)
        slow = original(slow_word, font, 9, base, limit)
        if slow is None:
            assert fast is None, text
            assert fast_word._fsww == slow_word._fsww
        else:
            assert fast == slow, (text, base, limit)
            assert [p.__sp__ for p in fast] == [p.__sp__ for p in slow]


def test_a_word_of_many_soft_hyphens_continues_on_further_cards(tmp_path):
    bank = FIXTURES / "hostile-soft-hyphens.yaml"
    result = run_cli("cards", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    pages = PdfReader(tmp_path / "hostile-soft-hyphens-flashcards.pdf").pages
    text = "".join("".join(page.extract_text().split()) for page in pages)
    assert "\u00ad" not in text  # a soft hyphen shows only where a line breaks, as "-"
    word = "ab" * 251  # the question's word
    assert word in text.replace("-", "")
    assert ("cd" * 401) + "andgoeson." in text.replace("-", "")
    assert text.count("-") >= 10  # broken at its soft hyphens, many times


def test_a_paragraph_with_a_no_break_space_leaves_reportlabs_split_as_it_found_it():
    """For the time of one paragraph reportlab's word split keeps U+202F; after it, the
    split in place before (a host program's own, say) is back, not reportlab's original."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import paragraph

    original = paragraph.split

    def hosts(text, delim=None):
        return original(text, delim)

    paragraph.split = hosts
    try:
        made = reportlab_fixes.Paragraph("stable\u202f? oui", ParagraphStyle("s"))
        made.wrap(20, 100)
        assert paragraph.split is hosts
        assert "\u202f" in made.frags[0].text
    finally:
        paragraph.split = original


def test_paragraphs_read_in_two_threads_at_once_leave_reportlabs_split_as_it_was():
    """Two builds in threads, each reading a paragraph with a no-break space: the first to
    finish put back reportlab's split, the second then put back the first's stand-in, and
    reportlab split every host's paragraph with it for the rest of the process (a library
    trial, at Python's own thread switching). Meanwhile a host's thread splits as before."""
    import threading

    from helpers import interleaved
    from reportlab.platypus import paragraph

    original = paragraph.split
    seen = []

    def host() -> None:
        seen.append(("host", paragraph.split("stable\u202f? oui")))

    def inside() -> None:
        seen.append(("qbank", paragraph.split("stable\u202f? oui")))
        other = threading.Thread(target=host)
        other.start()
        other.join()

    def enter(body) -> None:
        with reportlab_fixes._no_break_spaces_kept():
            body()

    interleaved(enter, inside)
    assert paragraph.split is original
    kept, split = ["stable\u202f?", "oui"], original("stable\u202f? oui")
    assert seen == [("qbank", kept), ("host", split)] * 2


def test_a_paragraph_wrapped_again_breaks_its_long_words_as_a_fresh_one():
    """A table measures its cells on one line before it sets them in their columns: wrapped
    again, a cell cut its address at any letter ('(https' then '://docs.aws.ama'), where a
    fresh paragraph breaks it after its separators."""
    from reportlab.lib.styles import ParagraphStyle

    markup = "<b>CloudTrail</b> (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/x.html)"

    def lines(paragraph) -> list[str]:
        return ["".join(w.text for w in line.words).strip() for line in paragraph.blPara.lines]

    fresh = reportlab_fixes.Paragraph(markup, ParagraphStyle("s"))
    fresh.wrap(90, 1000)
    again = reportlab_fixes.Paragraph(markup, ParagraphStyle("s"))
    again.wrap(1e6, 1000)
    again.wrap(90, 1000)
    assert lines(again) == lines(fresh)
    assert all(line[-1] in "/." for line in lines(fresh)[1:-1]), lines(fresh)
    # and split over two frames as it was broken
    head, rest = again.split(90, 40)
    assert lines(head) + lines(rest.wrap(90, 1000) and rest) == lines(fresh)
