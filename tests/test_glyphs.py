"""Every character reaches print: the PDFs fall back per character from the theme's font to
the bundled chain (glyphs.py); what no font has is a visible box, and the text layer keeps
every character either way."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from helpers import FIXTURES
from readback import pdf_pages

from qbank.glyphs import BOX_FILE, Fallback

SYMBOLS = "→ ≥ ≤ ✓ 中文 한국어"
BOXES = "हिन्दी 😀"


@pytest.fixture(scope="module")
def pdfs(built):
    bank = FIXTURES / "booklet-boxes.yaml"
    booklet = built("booklet", "--bank", bank)
    cards = built("cards", "--bank", bank)
    return {
        "booklet": booklet / "booklet-boxes-booklet.pdf",
        "cards": cards / "booklet-boxes-flashcards.pdf",
    }


@pytest.mark.parametrize("name", ["booklet", "cards"])
def test_symbols_and_cjk_print_as_glyphs_and_read_back(pdfs, name):
    pages = pdf_pages(pdfs[name])
    chars = [c for page in pages for c in page.chars if not c.generated]
    drawn = {c.text: c.font for c in chars}
    # the theme's font lacks them: Noto Sans Math draws them at the size of the letters
    # (Noto Sans Mono's are a mono cell's, small and low beside proportional text)
    assert "Math" in drawn["→"] and "Math" in drawn["≥"] and "Math" in drawn["≤"]
    assert "Symbols2" in drawn["✓"]
    assert "DroidSansFallback" in drawn["中"] and "DroidSansFallback" in drawn["文"]
    assert "WenQuanYiMicroHei" in drawn["한"] and "WenQuanYiMicroHei" in drawn["국"]
    assert "Symbols2" in drawn["ह"]  # no font has it: the box font's empty glyph
    assert "Symbola" in drawn["😀"]  # emoji: Symbola's, in black and white
    assert "NotoSans-" not in "".join(drawn[c] for c in "→≥≤✓中文한국어ह")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", pdfs[name], "-"], capture_output=True, text=True, check=True
    ).stdout
    # (a card's line may break between 中 and 文, as Chinese breaks between its characters)
    assert "".join(SYMBOLS.split()) in "".join(text.split())
    assert "हिन्दी" in text and "😀" in text  # a box or a drawing: the characters in the text


def test_the_box_font_draws_a_box_for_what_it_lacks():
    """Glyph 0 of Noto Sans is empty (a gap) and that of Noto Sans Symbols 2 an outlined box;
    the box font must keep having outlines there."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    from qbank.paths import FONTS

    face = TTFontFile(str(FONTS / BOX_FILE))
    assert face.charToGlyph and face.glyphPos[1] > face.glyphPos[0]  # glyph 0 has outlines


def test_fallback_runs_keep_every_character_in_order():
    from qbank.pdf import load_theme

    theme = load_theme()
    runs = Fallback(theme.fonts.code).runs("ab → 中✓ 한", theme.fonts.regular)
    assert "".join(text for text, _ in runs) == "ab → 中✓ 한"
    assert runs[0] == ("ab ", theme.fonts.regular)
    assert runs[1][0] == "→" and "NotoSansMath" in runs[1][1]  # before the code font
    fallback = Fallback(theme.fonts.code)
    assert fallback.runs("plain text", theme.fonts.regular) == [("plain text", theme.fonts.regular)]
    assert fallback._chain == []  # nothing needed a fallback: none was loaded
    fallback.runs("a → b", theme.fonts.regular)  # the chain's first font has the arrow
    assert [name for name, _ in fallback._chain] == ["qbank-fallback-NotoSansMath-Regular"]
    fallback.runs("中", theme.fonts.regular)  # Chinese reads on to Droid Sans Fallback
    assert "DroidSansFallbackFull" in fallback._chain[-1][0]
    assert not any("Hangul" in name for name, _ in fallback._chain)


def test_a_familys_common_characters_are_found_once_per_process(monkeypatch):
    """The characters every face of a family draws are found once for the faces' fonts,
    not again by each PDF's text of each build; each family's are its own."""
    from qbank import glyphs
    from qbank.bank import load_bank
    from qbank.paths import DEFAULT_BANK
    from qbank.pdf import PdfText, load_theme

    theme, bank = load_theme(), load_bank(DEFAULT_BANK)
    PdfText(theme, bank, print)
    read: list[str] = []
    characters = glyphs.characters
    monkeypatch.setattr(glyphs, "characters", lambda font: read.append(font) or characters(font))
    text = PdfText(theme, bank, print)
    assert read == []
    fonts = theme.fonts
    assert text.fallback.whole(fonts.code) == characters(fonts.code) & characters(fonts.code_bold)
    faces = (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic)
    assert text.fallback.whole(fonts.bold) == frozenset.intersection(*map(characters, faces))


def test_markup_leaves_what_its_own_face_draws():
    """A code span's characters are checked against the code font: `∇` drawn in Noto Sans
    Mono stays as it was, so a bank the theme's fonts cover builds as before, byte for byte."""
    from qbank.pdf import load_theme

    fonts = load_theme().fonts
    fallback = Fallback(fonts.code)
    code = f'a <font face="{fonts.code}">x \u2207 y</font> b'
    assert fallback.markup(code, fonts.regular) == code
    wrapped = fallback.markup("a \u2207 b", fonts.regular)
    assert wrapped.count("<font face=") == 1 and "\u2207</font>" in wrapped


def test_a_section_name_in_a_card_header_falls_back_as_the_text_does(cli, tmp_path):
    """A card's header names its section in one line: a CJK name is drawn in the fallback
    font, not left blank in the theme's."""
    bank = tmp_path / "sections.yaml"
    bank.write_text(
        "title: Sections\nquestions:\n"
        "  - {id: a, section: 世界 → News, question: Why?, hint: Because.}\n",
        encoding="utf-8",
    )
    assert cli("cards", "--bank", bank, "--out", tmp_path).exit_code == 0
    (page, *_) = pdf_pages(tmp_path / "sections-flashcards.pdf")
    drawn = {c.text: c.font for c in page.chars if not c.generated}
    assert "DroidSansFallback" in drawn["世"] and "DroidSansFallback" in drawn["界"]
    assert "Math" in drawn["→"] and "NotoSans-" in drawn["N"]


def test_a_pdf_packet_warns_once_about_a_question_it_shows_in_a_table_too(cli, tmp_path):
    """The time plan and the scorecard show a question's text too: the characters no font
    has are named once, at the question, not a second time for the whole bank."""
    bank = tmp_path / "boxes.yaml"
    bank.write_text(
        "title: Boxes\nquestions:\n  - {id: k, section: S, question: हिन्दी क्या है?, hint: H.}\n",
        encoding="utf-8",
    )
    result = cli("packet", "--format", "pdf", "--bank", bank, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "no glyph" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"{bank}:3: warning: question 'k':")


def test_a_warning_about_the_banks_own_text_names_its_line_and_field(cli, tmp_path):
    """A character no font has in the description or a section's description was warned
    about with the bank's name alone: no line, no field. In a question's texts, the keys
    that hold it are named (an emoji newer than Symbola's in a hint and a note was said
    of the question alone), each character once."""
    bank = tmp_path / "own.yaml"
    bank.write_text(
        "title: Own\ndescription: Welcome \u0939\nsections:\n"
        "  - {name: S, description: Party \u0928}\n"
        "questions:\n  - {id: a, section: S, question: Q?, hint: H.}\n"
        "  - {id: b, section: S, question: Q?, hint: \U0001fae0 \U0001f972 \U0001fae0.,"
        " note: \U0001f972}\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "no glyph" in line]
    assert warnings == [
        f"{bank}:2: warning: the bank's description: the PDF fonts have no glyph for "
        "U+0939 \u0939; the PDFs draw each as a box",
        f"{bank}:4: warning: the description of section 'S': the PDF fonts have no glyph for "
        "U+0928 \u0928; the PDFs draw each as a box",
        f"{bank}:7: warning: question 'b': the PDF fonts have no glyph for U+1FAE0 \U0001fae0, "
        "U+1F972 \U0001f972 in its hint and note; the PDFs draw each as a box",
    ]


def test_a_character_no_font_has_is_named_in_five_questions_at_most(cli, tmp_path):
    """A trial's bank with Arabic in 25 questions listed the same letters 25 times. The
    five named are the bank's first, whatever order an exporter meets them in (the booklet
    by section, the packet by its pick): a review saw each exporter name five others."""
    from qbank.pdf import GLYPHS_NAMED

    rows = "".join(
        f"  - {{id: q{n}, section: S{n % 2}, question: हिन्दी {n}?, hint: H.}}\n" for n in range(12)
    )
    bank = tmp_path / "many.yaml"
    bank.write_text(f"title: Many\nsections: [S1, S0]\nquestions:\n{rows}", encoding="utf-8")
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "no glyph" in line]
    named = sorted(re.search(r"question '(q\d+)'", w)[1] for w in warnings)
    assert named == [f"q{n}" for n in range(GLYPHS_NAMED)]
    capped = [w for w in warnings if w.endswith("are not named)")]
    assert len(capped) == 1 and f"question 'q{GLYPHS_NAMED - 1}'" in capped[0]


def test_a_no_break_space_stays_in_every_pdfs_text(cli, tmp_path):
    """reportlab writes U+00A0 with the space's code, so a PDF's text had a blank where the
    bank has a no-break space (a hostile test): it keeps a code of its own now."""
    from readback import pdf_pages

    text = "Montant\u00a0: 1\u00a0000\u00a0€, vraiment\u00a0?"
    blanks = "two  blanks and   three"
    bank = tmp_path / "nb.yaml"
    bank.write_text(
        f'title: NB\nquestions:\n  - {{id: a, section: S, question: "{text}", hint: "{text}"}}\n'
        f'  - {{id: b, section: S, question: "{blanks}", hint: "{blanks}"}}\n',
        encoding="utf-8",
    )
    for command in (("booklet",), ("cards",), ("packet", "--format", "pdf")):
        assert cli(*command, "--bank", bank, "--out", tmp_path).exit_code == 0
    for name in ("nb-booklet.pdf", "nb-workshop.pdf", "nb-flashcards.pdf", "nb-packet.pdf"):
        drawn = "".join(c.text for page in pdf_pages(tmp_path / name) for c in page.chars)
        assert text in drawn, name
        # a run of blanks is drawn as wide as typed, and reads as blanks (readers fold a run
        # into one), never as the no-break spaces that kept it from folding in reportlab
        assert "two blanks and three" in drawn.replace("  ", " ").replace("  ", " "), name
        assert "\u00a0blanks" not in drawn and "\u00a0three" not in drawn, name


def test_subscript_and_modifier_letters_print_without_a_warning(cli, tmp_path):
    """A statistics bank's xᵢ and Eᵢⱼ printed as boxes with a warning (Noto Sans here has
    no U+1D62 or U+2C7C): DejaVu Sans's modifier letters and rarer Latin now draw them, in
    the booklet and on the cards, and the text layer keeps them."""
    bank = tmp_path / "stats.yaml"
    bank.write_text(
        "title: Stats\nquestions:\n  - id: q\n    section: S\n"
        "    question: Why is ∑xᵢ / n the mean, and Eᵢⱼ ≥ 5 the rule?\n"
        "    hint: The 10ᵗʰ term; Ɐ and ꜧ as well.\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0 and "no glyph" not in result.stderr, result.stderr
    for command, name in (("booklet", "stats-booklet.pdf"), ("cards", "stats-flashcards.pdf")):
        assert cli(command, "--bank", bank, "--out", tmp_path).exit_code == 0
        chars = [c for page in pdf_pages(tmp_path / name) for c in page.chars if not c.generated]
        drawn = {c.text: c.font for c in chars}
        assert all("DejaVuSans" in drawn[c] for c in "ᵢⱼᵗⱯꜧ"), drawn
        assert "∑xᵢ" in "".join(c.text for c in chars)


NFD = unicodedata.normalize("NFD", "São Paulo, mañana, Nguyễn Tấn Dũng")


def _drawn(pdf, page: int):
    """The page drawn by pdfium (4 pixels a point, grey), and where its crop box's top left
    corner stands on the page (the cards' sheet is cropped)."""
    import pypdfium2

    drawn = pypdfium2.PdfDocument(pdf)[page]
    left, _, _, top = drawn.get_cropbox()
    picture = drawn.render(scale=4).to_pil().convert("L")
    return picture, left, drawn.get_mediabox()[3] - top


def test_a_combining_mark_stands_over_its_letter(cli, tmp_path):
    """x̄'s bar fell between the x and the next letter, p̂'s hat beside the p, in every PDF
    (a science lecturer's trial: Noto Sans has neither precomposed nor mark positioning,
    and reportlab does not shape): each mark is drawn over its letter, in the booklet, on
    the cards and in the fillable packet, and the text keeps its characters in order, in
    PDFium and in poppler (a tilde moved past its letter's neighbour read 'Sao Paulo,
    man ̃ ̃ana': a review); what the font has whole (a + U+0303) is drawn whole."""
    files = {"booklet": "marks-booklet.pdf", "cards": "marks-flashcards.pdf"}
    for marks in ("with", "without"):
        bank = tmp_path / marks / "marks.yaml"
        bank.parent.mkdir()
        bar = "\u0304" if marks == "with" else ""
        bank.write_text(
            "title: Marks\nquestions:\n  - id: q\n    section: S\n"
            f"    question: Why is x{bar} not \u03bc?\n"
            f"    hint: The mean x{bar} of it. {NFD}\n",
            encoding="utf-8",
        )
        for command in files:
            assert cli(command, "--bank", bank, "--out", bank.parent).exit_code == 0
        assert cli("packet", "--format", "pdf", "--bank", bank, "--out", bank.parent).exit_code == 0
    files["packet"] = "marks-packet.pdf"
    for name in files.values():
        pages = pdf_pages(tmp_path / "with" / name)
        page = next(n for n, p in enumerate(pages) if "mean" in p.text())
        from PIL import ImageChops

        (with_bar, left, top), (without, _, _) = (
            _drawn(tmp_path / m / name, page) for m in ("with", "without")
        )
        # the question's x, as the page without the bar has it
        plain = pdf_pages(tmp_path / "without" / name)[page].chars
        pairs = zip(plain, plain[1:], strict=False)
        letter = next(c for c, after in pairs if c.text == "x" and after.text == " ")
        band = (0, int((letter.top - top - 8) * 4), with_bar.width, int((letter.bottom - top) * 4))
        bar = ImageChops.difference(with_bar.crop(band), without.crop(band))
        box = bar.point(lambda v: 255 if v > 96 else 0).getbbox()  # the bar's ink alone
        assert box is not None, name
        middle = (box[0] + box[2]) / 2 / 4 + left  # in points, on the page
        assert letter.x0 < middle < letter.x1, (name, letter.x0, middle, letter.x1)
        text = unicodedata.normalize("NFC", " ".join(" ".join(p.text() for p in pages).split()))
        assert "x\u0304 not \u03bc" in text, name
        assert unicodedata.normalize("NFC", NFD) in text, name
    if shutil.which("pdftotext") is not None:
        shown = subprocess.run(
            ["pdftotext", "-raw", tmp_path / "with" / files["booklet"], "-"],
            capture_output=True,
            text=True,
        ).stdout
        shown = " ".join(shown.split())
        assert unicodedata.normalize("NFC", NFD) in unicodedata.normalize("NFC", shown)


def test_a_vectors_arrow_stands_over_its_letter_clear_of_a_capitals_top(cli, tmp_path):
    """A physics teacher's v⃗ and F⃗: Noto Sans lacks the arrow (U+20D7), which came from
    the fallback font and stood after its letter, over the gap; over it, an arrow made for
    x-height letters hid in F's top bar. The letter goes to the arrow's font, the arrow
    over its middle, clear of a capital's top, in every PDF."""
    bank = tmp_path / "vectors.yaml"
    bank.write_text(
        "title: Vectors\nquestions:\n  - id: q\n    section: S\n"
        "    question: What are F\u20d7 and v\u20d7?\n"
        "    hint: F\u20d7 = m a\u20d7, in words; r\u0307\u20d7 and r\u20d7\u0307 are"
        " velocities.\n",
        encoding="utf-8",
    )
    for command in (["booklet"], ["cards"], ["packet", "--format", "pdf"]):
        assert cli(*command, "--bank", bank, "--out", tmp_path).exit_code == 0
    for name in ("vectors-booklet.pdf", "vectors-flashcards.pdf", "vectors-packet.pdf"):
        pages = pdf_pages(tmp_path / name)
        lettered = set()
        for number, page in enumerate(pages):
            chars = page.chars
            # each arrow with its letter: the character before it that is no mark (a dotted
            # vector's dot may stand between them: a review found its arrow after the r)
            arrows = [
                (next(c for c in reversed(chars[:n]) if not unicodedata.combining(c.text)), m)
                for n, m in enumerate(chars)
                if m.text == "\u20d7"
            ]
            if arrows:
                _arrows_over_their_letters(tmp_path / name, number, arrows)
            lettered |= {c.text for c, _ in arrows}
        assert lettered >= {"F", "v", "r"}, name


def _arrows_over_their_letters(pdf, number: int, arrows) -> None:
    picture, left, top = _drawn(pdf, number)
    for letter, arrow in arrows:
        middle = (arrow.x0 + arrow.x1) / 2
        assert letter.x0 < middle < letter.x1, (pdf.name, letter.text, letter.x0, middle)
        if letter.text not in "Fv":
            continue
        # the runs of ink down the letter's middle: the arrow's apart from the letter's
        # (F's two bars, v's point)
        x = int((middle - left) * 4)
        rows = [
            picture.getpixel((x, y)) < 128
            for y in range(int((letter.top - top - 4) * 4), int((letter.bottom - top) * 4))
        ]
        runs = sum(1 for a, b in zip([False, *rows], rows, strict=False) if b and not a)
        assert runs == 1 + {"F": 2, "v": 1}[letter.text], (pdf.name, letter.text, runs)


def test_a_letter_drawn_whole_keeps_its_line_within_the_margin(cli, tmp_path):
    """A decomposed Greek Ί drawn as the font's whole Ί, which is wider than the Ι the line
    was measured with: a line of them ran 15 pt past the margin (a review). A letter is
    drawn whole only when it is as wide; a tilde over a wide M stands over its middle."""
    import re

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    greek = unicodedata.normalize("NFD", "Ίίί Ύύύ ΈΉΌ ") * 6
    bank = tmp_path / "greek.yaml"
    bank.write_text(
        f'title: T\nquestions:\n  - id: q\n    section: S\n    question: "{greek}"\n    hint: H.\n',
        encoding="utf-8",
    )
    assert cli("booklet", "--bank", bank, "--out", tmp_path, "--edition", "study").exit_code == 0
    boxes = subprocess.run(
        ["pdftotext", "-bbox", tmp_path / "greek-booklet.pdf", "-"], capture_output=True, text=True
    ).stdout
    right = max(float(x) for x in re.findall(r'xMax="([0-9.]+)"', boxes))
    assert right <= 527.3  # A4's text block ends at 595.28 - 24 mm


def test_a_line_never_ends_inside_a_flag_or_a_keycap(cli, tmp_path):
    """A run of flags broke between a flag's two letters on a card, and a run of keycaps (a
    frag each) between a keycap's digit and its square in the fillable packet: reportlab
    cut the run it took for one word wherever the line ended (a review)."""
    flags = "\U0001f1e9\U0001f1ea" * 40
    keys = "".join(f"{n % 10}\ufe0f\u20e3" for n in range(60))
    bank = tmp_path / "runs.yaml"
    bank.write_text(
        "title: T\nquestions:\n"
        f'  - {{id: a, section: S, question: "{flags}", hint: "{keys} end"}}\n',
        encoding="utf-8",
    )
    for target in ("cards", "packet --format pdf"):
        assert cli(*target.split(), "--bank", bank, "--out", tmp_path).exit_code == 0
    pdfs = ("runs-flashcards.pdf", "runs-packet.pdf")
    lines = [
        line.text
        for pdf in pdfs
        for page in pdf_pages(tmp_path / pdf)
        for line in page.text_lines()
    ]
    runs = [line for line in lines if "\U0001f1e9" in line or "\u20e3" in line]
    assert len(runs) > 4, lines  # each run takes lines of its own
    for line in (line.strip() for line in runs):
        assert not line.startswith(("\U0001f1ea", "\u20e3", "\ufe0f")), runs
        assert not line.endswith("\U0001f1e9"), runs
        if "\u20e3" in line:
            assert not line.endswith("\ufe0f") and not line[-1].isdigit(), runs


def test_a_run_of_flags_bold_in_part_stays_on_its_card(cli, tmp_path):
    """A run of flags whose middle is bold ran 29 pt past a business card's edge: the bold
    part, taken for a flag's second letter, went on the line without room for it (a
    review)."""
    flags = "🇪🇸🇫🇷🇩🇪🇮🇹🇬🇧🇺🇸🇯🇵🇨🇳"
    run = f"{flags[:6]}**{flags[6:] + flags * 2}**{flags}"
    bank = tmp_path / "flags.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n"
        f'  - {{id: a, section: S, question: "Which of {run} are in the EU?", hint: H}}\n',
        encoding="utf-8",
    )
    assert cli("cards", "--card", "business", "--bank", bank, "--out", tmp_path).exit_code == 0
    (front, *_) = pdf_pages(tmp_path / "flags-flashcards.pdf")
    cuts = sorted({mark.x0 for mark in front.lines if mark.x0 == mark.x1})  # card edges
    for line in front.text_lines():
        edge = min(x for x in cuts if x > line.x0)
        assert line.x1 < edge, (line.text, line.x1, edge)


def test_emoji_print_in_black_and_white_and_what_draws_nothing_takes_no_room(cli, tmp_path):
    """Emoji were boxes in every PDF, with a warning (an edge-bank trial: ✅ is common in
    banks); Symbola draws them. The U+FE0F after ❤ (emoji presentation), which no font
    draws, left a gap as wide as a box before the next word. A flag is its country's code
    in the text's letters (Symbola's were two dotted squares); a keycap's digit stands in
    its square (it stood before an empty one)."""
    bank = tmp_path / "emoji.yaml"
    bank.write_text(
        "title: Emoji\nquestions:\n"
        '  - {id: a, section: S, question: "Done ✅ 🔐 😀 🚀?",\n'
        '     hint: "I \u2764\ufe0fX and \u2764X. \U0001f3f4\U000e0067\U000e0062\U000e0065'
        "\U000e006e\U000e0067\U000e007fY and \U0001f3f4Y, \u202aZ\u202c and Z. "
        '\U0001f44d\U0001f3fd. In \U0001f1ea\U0001f1f8, 1\ufe0f\u20e3X 2\u20e3X."}\n',
        encoding="utf-8",
    )
    result = cli("booklet", "--bank", bank, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "no glyph" not in result.output
    chars = [c for page in pdf_pages(tmp_path / "out" / "emoji-booklet.pdf") for c in page.chars]
    drawn = {c.text: c.font for c in chars if not c.generated}
    assert all("Symbola" in drawn[e] for e in "✅🔐😀🚀"), drawn
    hearts = [c for c in chars if c.text == "\u2764"]
    after = [next(c for c in chars[chars.index(h) + 1 :] if c.text == "X") for h in hearts[:2]]
    gaps = [x.x0 - h.x1 for h, x in zip(hearts, after, strict=True)]
    assert len(gaps) == 2 and abs(gaps[0] - gaps[1]) < 0.5, gaps  # with and without U+FE0F
    # England's flag is 🏴 and five tags (a hostile trial: 3.6 em of blank after it), and an
    # embedding's marks were Noto Sans's visible symbols of no width, over the Z beside them
    flags = [c for c in chars if c.text == "\U0001f3f4"]
    after = [next(c for c in chars[chars.index(f) + 1 :] if c.text == "Y") for f in flags]
    gaps = [y.x0 - f.x1 for f, y in zip(flags, after, strict=True)]
    assert len(gaps) == 2 and abs(gaps[0] - gaps[1]) < 0.5, gaps
    marks = [c for c in chars if c.text in "\u202a\u202c"]
    assert marks and all(m.x1 - m.x0 < 0.01 for m in marks), marks
    # a skin tone was Symbola's swatch, a dotted square that read as a box (a brand trial)
    (tone,) = [c for c in chars if c.text == "\U0001f3fd"]
    assert tone.x1 - tone.x0 < 0.01, tone
    flag = [c for c in chars if c.text in "\U0001f1ea\U0001f1f8"]
    assert "".join(c.text for c in flag) == "\U0001f1ea\U0001f1f8"  # the text keeps the flag
    assert all("NotoSans-Regular" in c.font and c.x1 - c.x0 > 3 for c in flag), flag
    text = "".join(c.text for c in chars)
    assert "1\ufe0f\u20e3X 2\u20e3X" in text  # digit, U+FE0F and keycap, in order
    for digit in "12":
        pairs = enumerate(zip(chars, chars[1:], strict=False))
        at = next(n for n, (c, d) in pairs if c.text == digit and d.text in "\ufe0f\u20e3")
        square = next(c for c in chars[at:] if c.text == "\u20e3")
        assert square.x0 < (chars[at].x0 + chars[at].x1) / 2 < square.x1, (chars[at], square)
