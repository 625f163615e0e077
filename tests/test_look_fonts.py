"""A look's own fonts: theme.toml may name a TrueType file of the --templates folder by its
path there, and every PDF draws and embeds it; a file the PDFs cannot carry is a problem at
its key's line, never an internal error."""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path

import pytest
from pypdf import PdfReader
from readback import pdf_pages, pdf_text
from reportlab.pdfbase import ttfonts

from qbank import fontfile
from qbank.paths import BUILTIN_TEMPLATES, FONTS

FIXTURE_BANK = Path(__file__).parent / "fixtures" / "minimal.yaml"
NOTO = FONTS / "NotoSans-Regular.ttf"
MONO = FONTS / "NotoSansMono-Regular.ttf"


def _look(folder: Path, **faces: str) -> Path:
    """A --templates folder whose theme.toml names `faces` (face = value)."""
    text = (BUILTIN_TEMPLATES / "theme.toml").read_text(encoding="utf-8")
    for face, value in faces.items():
        key = f"\n{face} = " if f"\n{face} = " in text else f"\n# {face} = "  # heading_font
        start = text.index(key) + 1
        end = text.index("\n", start)
        text = f'{text[:start]}{face} = "{value}"{text[end:]}'
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.toml").write_text(text, encoding="utf-8")
    return folder


def _look_with_font(tmp_path: Path, font: Path, face: str, name: str) -> Path:
    """A --templates folder in `tmp_path` whose `face` is a copy of `font` named `name`."""
    folder = tmp_path / "look"
    (folder / "fonts").mkdir(parents=True)
    shutil.copy(font, folder / "fonts" / name)
    return _look(folder, **{face: f"fonts/{name}"})


def _base_fonts(pdf: Path) -> set[str]:
    """The /BaseFont of every font the PDF's pages and form use."""
    reader = PdfReader(pdf)
    found = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            found.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    form = reader.trailer["/Root"].get("/AcroForm")
    if form is not None:
        for font in form["/DR"]["/Font"].values():
            found.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return found


def test_every_pdf_draws_and_embeds_the_looks_own_font(cli, tmp_path):
    """A brand's font beside the look's files: the booklet, the cards and the fillable
    packet draw the body (and the packet's typing) in it, the text reads back, and the
    font file is no 'unknown template' of the folder."""
    folder = tmp_path / "look"
    (folder / "fonts").mkdir(parents=True)
    shutil.copy(MONO, folder / "fonts" / "Brand-Regular.ttf")
    shutil.copy(FONTS / "NotoSansMono-Bold.ttf", folder / "fonts" / "BrandMono.ttf")
    _look(folder, regular="fonts/Brand-Regular.ttf", code="fonts/BrandMono.ttf")
    out = tmp_path / "out"
    for command in (("booklet",), ("cards",), ("packet", "--format", "pdf")):
        result = cli(*command, "--bank", FIXTURE_BANK, "--templates", folder, "--out", out)
        assert result.exit_code == 0, result.output
        assert "no template's name" not in result.output
    booklet, cards = out / "minimal-booklet.pdf", out / "minimal-flashcards.pdf"
    packet = out / "minimal-packet.pdf"
    for pdf in (booklet, cards):
        fonts = _base_fonts(pdf)
        # the look's own, named after its content too: never one of qbank's of that name
        assert any(f.startswith("NotoSansMono-Regular-") for f in fonts), (pdf, fonts)
        assert "NotoSans-Regular" not in fonts, (pdf, fonts)
    assert "And y?" in pdf_text(booklet) and "Another thing." in pdf_text(booklet)
    # what fillers type in: the look's code font, embedded whole (Noto Sans Mono Bold's
    # bytes here, which have every character fillers type)
    typing = PdfReader(packet).trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]["/QbankSans"]
    assert typing.get_object()["/BaseFont"] == "/NotoSansMono-Bold", typing.get_object()


def test_a_looks_typing_font_replaced_at_its_path_is_the_next_packets(tmp_path):
    """A host program's next build with another font at the same path of its look (the
    next cohort's look, written to one folder) typed the fillable packet's fields in the
    first build's font, kept by its path for the process (a library trial)."""
    import qbank

    folder = _look_with_font(tmp_path, FONTS / "NotoSansMono-Bold.ttf", "code", "Mono.ttf")
    typed = []
    for out in (tmp_path / "first", tmp_path / "second"):
        (packet,) = qbank.build(FIXTURE_BANK, out, ["packet"], {"format": "pdf"}, templates=folder)
        form = PdfReader(packet).trailer["/Root"]["/AcroForm"]
        typed.append(str(form["/DR"]["/Font"]["/QbankSans"].get_object()["/BaseFont"]))
        shutil.copy(MONO, folder / "fonts" / "Mono.ttf")
    assert typed == ["/NotoSansMono-Bold", "/NotoSansMono-Regular"]


def test_a_looks_font_of_a_name_qbank_uses_too_builds(cli, tmp_path):
    """Another version of one of qbank's fonts (the same PostScript name, other bytes)
    beside qbank's own in one PDF stopped the build with an internal error ('redefining
    named object'); the same file under two paths is one font."""
    folder = tmp_path / "look"
    (folder / "fonts").mkdir(parents=True)
    (folder / "fonts" / "Newer.ttf").write_bytes(MONO.read_bytes() + b"\0\0\0\0")
    shutil.copy(MONO, folder / "fonts" / "Same.ttf")
    _look(folder, regular="fonts/Newer.ttf", bold="fonts/Same.ttf")
    out = tmp_path / "out"
    result = cli("booklet", "--bank", FIXTURE_BANK, "--templates", folder, "--out", out)
    assert result.exit_code == 0, result.output
    fonts = _base_fonts(out / "minimal-booklet.pdf")
    # two: Newer.ttf, and one for qbank's code font and Same.ttf, whose bytes are the same
    assert len([f for f in fonts if f.startswith("NotoSansMono-Regular")]) == 2, fonts


def _restricted(target: Path, fs_type: int) -> None:
    """A copy of Noto Sans whose OS/2 fsType is `fs_type`."""
    data = bytearray(NOTO.read_bytes())
    tables = int.from_bytes(data[4:6], "big")
    for i in range(tables):
        entry = 12 + 16 * i
        if data[entry : entry + 4] == b"OS/2":
            offset = int.from_bytes(data[entry + 8 : entry + 12], "big")
            data[offset + 8 : offset + 10] = fs_type.to_bytes(2, "big")
    target.write_bytes(bytes(data))


def _damaged(target: Path, how: str) -> None:
    """A copy of Noto Sans damaged past its ASCII: é's first part a glyph past the font's
    ('part'), Ж's place in 'loca' past the 'glyf' table ('place'), or fewer glyphs than
    its characters reach ('count'): each passed a check of ASCII alone, then stopped a
    build with an internal error (a hostile trial)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    font = TTFontFile(str(NOTO))
    data = bytearray(NOTO.read_bytes())
    glyf, loca = font.table["glyf"]["offset"], font.table["loca"]["offset"]
    if how == "part":
        start = glyf + font.glyphPos[font.charToGlyph[0xE9]]
        assert int.from_bytes(data[start : start + 2], "big", signed=True) < 0  # composite
        data[start + 12 : start + 14] = (65000).to_bytes(2, "big")
    elif how == "place":
        entry = loca + 2 * (font.charToGlyph[0x416] + 1)  # short offsets, halved
        data[entry : entry + 2] = (0xFFFF).to_bytes(2, "big")
    else:
        maxp = font.table["maxp"]["offset"]
        data[maxp + 4 : maxp + 6] = (200).to_bytes(2, "big")
    target.write_bytes(bytes(data))


def _cases(fonts: Path) -> None:
    """The files of the refused cases, in `fonts`."""
    fonts.mkdir(parents=True)
    _restricted(fonts / "restricted.ttf", 0x0002)
    _restricted(fonts / "bitmaps.ttf", 0x0200)
    _restricted(fonts / "printable.ttf", 0x0004)  # preview & print: may be embedded
    (fonts / "cut-short.ttf").write_bytes(NOTO.read_bytes()[:3000])
    (fonts / "text.ttf").write_text("not a font\n", encoding="utf-8")
    shutil.copy(FONTS / "DejaVuSans-Letters.ttf", fonts / "letters.ttf")
    (fonts / "cff.otf").write_bytes(b"OTTO" + bytes(8))
    (fonts / "web.ttf").write_bytes(b"wOF2" + bytes(60))  # a web font renamed
    with open(fonts / "huge.ttf", "wb") as huge:
        huge.truncate(33 * 1024 * 1024)  # sparse: nothing written
    os.symlink(NOTO, fonts / "outside.ttf")
    (fonts / "folder.ttf").mkdir()
    for how in ("part", "place", "count"):
        _damaged(fonts / f"{how}.ttf", how)


@pytest.mark.parametrize(
    "value,message",
    [
        ("fonts/printable.ttf", None),
        ("fonts/restricted.ttf", "its licence forbids embedding it in a document"),
        ("fonts/bitmaps.ttf", "its licence allows embedding its bitmaps only"),
        ("fonts/cut-short.ttf", "is not a TrueType font qbank can read: the file is damaged"),
        ("fonts/text.ttf", "is not a font file, whatever its name; the PDFs embed TrueType"),
        ("fonts/web.ttf", "is a WOFF2 web font, whatever its name; the PDFs embed TrueType fo"),
        ("fonts/letters.ttf", "has no space character, so its words would run together"),
        ("fonts/part.ttf", "is damaged: composite glyph 169 is made of glyph 65000, past"),
        ("fonts/place.ttf", "lies outside the 'glyf' table; use a sound copy of the font"),
        ("fonts/count.ttf", "is past the font's 200 glyphs; use a sound copy of the font"),
        ("fonts/cff.otf", "holds PostScript (CFF) outlines, which the PDFs cannot embed; use"),
        ("fonts/huge.ttf", "is 33 MB, more than the 32 MB a font of the look may be"),
        ("fonts/outside.ttf", "leads out of"),
        ("fonts/missing.ttf", "no such file in"),
        ("fonts/folder.ttf", "not a regular file in"),
        ("fonts", "and not the path of a font in the look's folder"),
        ("fonts/Brand.woff2", "the PDFs embed TrueType fonts (.ttf, or an .otf with TrueType"),
        ("../NotoSans-Regular.ttf", "a font of the look's own lies in its folder: copy the"),
        ("/etc/passwd", "a font of the look's own lies in its folder: copy the file into it"),
        ("fonts\\\\Brand.ttf", "with '/' between folders"),
    ],
)
def test_a_font_the_pdfs_cannot_carry_is_named_at_its_line(cli, tmp_path, value, message):
    folder = tmp_path / "look"
    _cases(folder / "fonts")
    _look(folder, regular=value)
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", folder)
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    theme = folder / "theme.toml"
    line = theme.read_text(encoding="utf-8").split("\n").index(f'regular = "{value}"') + 1
    said = [s for s in result.stderr.splitlines() if s.startswith(f"{theme}:{line}: ")]
    assert len(said) == 1 and said[0].count("[fonts] regular: ") == 1, result.output
    assert f"'{value}'" in said[0] and message in said[0], result.output
    assert "internal error" not in result.output and "Traceback" not in result.output


NOTO_MONO_TYPES = "its fields type in Noto Sans Mono instead, which has them"
SYMBOLS = "✔✗✘☐☑☒♠♣♥♦★☆♔♕♖♗♘♙"  # in Noto Sans Symbols 2, not in Noto Sans Mono


@pytest.mark.parametrize(
    "font, typed, said, typed_in",
    [
        (
            "DroidSansFallbackFull.ttf",
            None,
            "whole, and this code font is 3.8 MB (more than 2 MB); its fields type in Noto "
            "Sans Mono instead",
            "NotoSansMono-Regular",
        ),
        (  # no '≥' nor '→': a note's '≥ 3 years → hire' read '3 years hire'
            "NotoSans-Regular.ttf",
            None,
            "the fillable packet's fields are typed in the code font, which has no glyph for "
            "U+2190 ←, U+2192 →, U+2212 −, U+2248 ≈, U+2260 ≠, U+2264 ≤, U+2265 ≥; "
            + NOTO_MONO_TYPES,
            "NotoSansMono-Regular",
        ),
        (  # it has the bank's ✓, which Noto Sans Mono lacks, but no letter
            "NotoSansSymbols2-Regular.ttf",
            None,
            'which has no glyph for U+0021 !, U+0022 ", U+0024 $, U+0025 %, U+0026 &, U+0027 '
            f"', U+0028 (, U+0029 ) and 183 more; {NOTO_MONO_TYPES} but not the bank's U+2713 ✓",
            "NotoSansMono-Regular",
        ),
        (  # it lacks some of what fillers type (here '#H'), but has more of the bank's script
            # (here symbols: a Japanese font's, a Japanese bank's) than it lacks: it stays,
            # where a font short of one Latin-1 letter gave way to one with no Japanese
            "NotoSansSymbols2-Regular.ttf",
            "#H",  # of what fillers type, it lacks H
            "which has no glyph for U+003F ?, U+0048 H, U+0051 Q, U+0052 R, U+0053 S, U+0054 "
            "T: typed in a field, they show as nothing. Noto Sans Mono has them, but not the "
            "bank's U+2605 ★, U+2606 ☆, U+2610 ☐, U+2611 ☑, U+2612 ☒, U+2654 ♔, U+2655 ♕, "
            "U+2656 ♖ and 11 more: add them to the font, or choose a code font that has both",
            "NotoSansSymbols2-Regular",
        ),
    ],
)
def test_a_code_font_too_large_or_short_of_what_is_typed_is_said(
    cli, tmp_path, monkeypatch, font, typed, said, typed_in
):
    """The fillable packet carries the font fillers type in whole, in every packet of a
    panel: a look's code font of 31 MB made each packet 33 MB (a hostile trial). Past
    2 MB its fields type in qbank's Noto Sans Mono, said once. So they do when the look's
    font lacks characters that Noto Sans Mono has and fillers type (Latin-1, '≥', '→' ...,
    the bank's own): typed, each showed as nothing, without a word. A font that has more
    of the bank's characters that Noto Sans Mono lacks than it lacks itself stays: said."""
    from qbank.exporters.packet import fillable

    if typed is not None:
        monkeypatch.setattr(fillable, "TYPED", frozenset(typed))
    folder = _look_with_font(tmp_path, FONTS / font, "code", "Wide-Mono.ttf")
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - {id: a, section: S, question: Q\u2713?, hint: H}\n"
        f"  - {{id: b, section: S, question: R?, hint: {'H' if typed is None else SYMBOLS}}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = cli(
        "packet", "--format", "pdf", "--panel", "2", "--bank", bank,
        "--templates", folder, "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    font_said = [line for line in result.stderr.splitlines() if "Wide-Mono.ttf" in line]
    assert len(font_said) == 1 and said in font_said[0], result.stderr
    assert len(list(out.glob("*.pdf"))) == 2
    for packet in sorted(out.glob("*.pdf")):
        form = PdfReader(packet).trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]["/QbankSans"]
        assert form.get_object()["/BaseFont"] == f"/{typed_in}"
        assert packet.stat().st_size < 2 * 1024 * 1024


def test_what_draws_nothing_draws_nothing_in_a_font_whose_missing_glyph_is_a_box(cli, tmp_path):
    """A look's font whose glyph 0 is a box (most fonts'; Noto Sans's is empty) drew a box
    for each variation selector and tag it lacks, and check said nothing (a review): they
    are drawn with the font's empty space glyph, at no width."""
    folder = tmp_path / "look"
    (folder / "fonts").mkdir(parents=True)
    shutil.copy(FONTS / "NotoSansSymbols2-Regular.ttf", folder / "fonts" / "Boxed.ttf")
    _look(folder, regular="fonts/Boxed.ttf")
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - {id: a, section: S, question: Q?, "
        "hint: '\u2713\ufe0f\u2713 \u2713\U000e0067\u2713'}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = cli("booklet", "--bank", bank, "--templates", folder, "--out", out)
    assert result.exit_code == 0, result.output
    chars = [c for page in pdf_pages(out / "b-booklet.pdf") for c in page.chars]
    invisible = [c for c in chars if c.text in "\ufe0f\U000e0067"]
    assert len(invisible) == 2 and all(c.x1 - c.x0 < 0.01 for c in invisible), invisible
    ticks = [c for c in chars if c.text == "\u2713"]
    for before, after in ((ticks[0], ticks[1]), (ticks[2], ticks[3])):
        assert after.x0 - before.x1 < 1.5, (before, after)  # no box's width between them


def test_a_fonts_problem_is_said_with_the_themes_others_and_its_licence_is_no_stray(cli, tmp_path):
    """A theme's bad colour and a mistyped font were said one run after the other (the
    font only once the colours were right), and the licence a font's folder keeps beside it
    (the OFL asks for it) was warned about on every build as 'no template's name' (a brand
    trial)."""
    folder = tmp_path / "look"
    (folder / "fonts").mkdir(parents=True)
    shutil.copy(NOTO, folder / "fonts" / "Brand-Regular.ttf")
    (folder / "fonts" / "OFL.txt").write_text("SIL Open Font License\n", encoding="utf-8")
    _look(folder, regular="fonts/Brand-Regulr.ttf", accent="red")
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", folder)
    assert result.exit_code == 1
    assert "[colors] accent: 'red' should be a colour" in result.stderr
    assert "did you mean 'fonts/Brand-Regular.ttf'?" in result.stderr
    _look(folder, regular="fonts/Brand-Regular.ttf")
    result = cli("booklet", "--bank", FIXTURE_BANK, "--templates", folder, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert "OFL.txt" not in result.output


def test_one_file_for_every_face_is_a_warning(cli, tmp_path):
    """A look that named its regular file for every face built without a word, and nothing
    printed bold or italic (a brand trial): a warning at each face's line; the look builds."""
    folder = tmp_path / "look"
    (folder / "fonts").mkdir(parents=True)
    shutil.copy(NOTO, folder / "fonts" / "Brand.ttf")
    faces = ("regular", "bold", "italic", "bold_italic")
    _look(folder, **dict.fromkeys(faces, "fonts/Brand.ttf"))
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", folder)
    assert result.exit_code == 0, result.output
    theme = (folder / "theme.toml").read_text(encoding="utf-8").split("\n")
    for face in faces[1:]:
        line = theme.index(f'{face} = "fonts/Brand.ttf"') + 1
        assert (
            f"{folder / 'theme.toml'}:{line}: warning: [fonts] {face}: names the regular "
            "face's file, so nothing prints"
        ) in result.stderr


def _variable(target: Path, weight: int) -> None:
    """A copy of Noto Sans made a variable font: an 'fvar' table with one axis, weight,
    from 100 to 900, `weight` by default."""
    data = NOTO.read_bytes()
    count = int.from_bytes(data[4:6], "big")
    records = [data[12 + 16 * i : 28 + 16 * i] for i in range(count)]
    fvar = struct.pack(">HHHHHHHH", 1, 0, 16, 2, 1, 20, 0, 8)
    fvar += b"wght" + struct.pack(">iiiHH", 100 << 16, weight << 16, 900 << 16, 0, 256)
    body = data[12 + 16 * count :]
    shifted = [
        r[:8] + struct.pack(">I", int.from_bytes(r[8:12], "big") + 16) + r[12:] for r in records
    ]  # the directory grows by one record
    end = len(data) + 16 + (-len(data)) % 4
    shifted.append(b"fvar" + struct.pack(">III", 0, end, len(fvar)))
    head = data[:4] + struct.pack(">H", count + 1) + data[6:12]
    out = head + b"".join(sorted(shifted)) + body
    target.write_bytes(out + bytes((-len(out)) % 4) + fvar)


def test_a_variable_font_for_a_face_its_default_is_not_is_a_warning(cli, tmp_path, monkeypatch):
    """A variable font named for bold printed its default weight, regular, without a word
    (a brand trial): a warning at the bold face's line; none at the regular's, which its
    default suits; the look builds. Each face's file is parsed once for both what keeps it
    from printing and its style (twice before: 30 ms or more a large font)."""
    parsed = []
    parse = ttfonts.TTFontFile
    monkeypatch.setattr(fontfile, "TTFontFile", lambda path: parsed.append(path) or parse(path))
    folder = tmp_path / "look"
    (folder / "fonts").mkdir(parents=True)
    _variable(folder / "fonts" / "Brand[wght].ttf", 400)
    _look(folder, regular="fonts/Brand[wght].ttf", bold="fonts/Brand[wght].ttf")
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", folder)
    assert result.exit_code == 0, result.output
    assert len(parsed) == 2, parsed
    theme = (folder / "theme.toml").read_text(encoding="utf-8").split("\n")
    line = theme.index('bold = "fonts/Brand[wght].ttf"') + 1
    said = [s for s in result.stderr.splitlines() if "is a variable font" in s]
    assert said == [
        f"{folder / 'theme.toml'}:{line}: warning: [fonts] bold: 'fonts/Brand[wght].ttf' is a "
        "variable font, and the PDFs print only its default style (weight 400), so nothing "
        "prints bold; name the face's own .ttf file (a variable font's download has them, in "
        "its 'static' folder)"
    ], result.output


def test_a_face_left_out_is_told_what_to_write(cli, tmp_path):
    """'[fonts] bold: missing' said nothing of what to write (a brand trial)."""
    folder = _look(tmp_path / "look")
    theme = folder / "theme.toml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace('bold = "NotoSans-Bold.ttf"\n', ""), encoding="utf-8")
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", folder)
    assert result.exit_code == 1
    assert (
        "[fonts] bold: missing; name the face's font file: one qbank ships, or a .ttf of the "
        "look's folder by its path there (the regular face's if the family has no other)"
    ) in result.stderr


@pytest.mark.parametrize(
    "face, font, said",
    [
        (  # a font of Latin and Greek letters and arrows alone: no 'ő', '€' nor Cyrillic
            "regular",
            "NotoSansMath-Regular.ttf",
            ":{line}: warning: [fonts] regular: 'fonts/Brand.ttf' has no glyph for characters "
            "the bank uses: U+0151 ő, U+20AC € (first in the bank's title, {bank}:1); U+0416 "
            "Ж, U+0443 у, U+043A к (first in question 'bug', {bank}:4); and 1 more. The PDFs "
            "print each of them in qbank's own font for that face, NotoSans-Regular.ttf (or "
            "in another of qbank's fonts where that lacks it too)",
        ),
        (  # the regular face (Noto Sans) has them: bold text draws them in another font
            "bold",
            "NotoSansMath-Regular.ttf",
            ":{line}: warning: [fonts] bold: 'fonts/Brand.ttf' has no glyph for characters "
            "the bank uses: U+0151 ő, U+20AC € (first in the bank's title, {bank}:1); U+0416 "
            "Ж, U+0443 у, U+043A к (first in question 'bug', {bank}:4); and 1 more. The PDFs "
            "print each of them in qbank's own font for that face, NotoSans-Bold.ttf (or in "
            "another of qbank's fonts where that lacks it too)",
        ),
        (  # a heading font sets the title and the questions: 'ы' of a hint is not its
            "heading_font",
            "NotoSansMath-Regular.ttf",
            ":{line}: warning: [booklet] heading_font: 'fonts/Brand.ttf' has no glyph for "
            "characters the bank uses: U+0151 ő, U+20AC € (first in the bank's title, {bank}:1)"
            "; U+0416 Ж, U+0443 у, U+043A к (first in question 'bug', {bank}:4). The PDFs "
            "print each of them in qbank's own font for that face, NotoSans-Bold.ttf",
        ),
        ("regular", "NotoSansMono-Regular.ttf", None),  # it has them all: nothing to say
    ],
)
def test_a_looks_font_short_of_the_banks_characters_is_warned_at_its_line(
    cli, tmp_path, face, font, said
):
    """A brand font without 'ő', '€' or Cyrillic printed those characters in qbank's own
    fonts, mid-word, without a word (a brand trial): check says so once, at the font's
    line, with the first text that uses each (the title, on the cover, went unsaid: a
    review); code (in the code font) is not the body font's; a bold face's gaps are its
    own, whatever the regular face has; a heading font's are of the texts it sets."""
    folder = _look_with_font(tmp_path, FONTS / font, face, "Brand.ttf")
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: Tő €\nquestions:\n  - {id: price, section: S, question: 5 € or ő?, hint: H}\n"
        "  - {id: bug, section: S, question: Жук?, hint: 'ő, `Ωß`, \u2192 ≥ ы'}\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank, "--templates", folder)
    assert result.exit_code == 0, result.output
    font_said = [line for line in result.stderr.splitlines() if "Brand.ttf" in line]
    if said is None:
        assert font_said == [], result.stderr
        return
    theme = (folder / "theme.toml").read_text(encoding="utf-8").split("\n")
    line = theme.index(f'{face} = "fonts/Brand.ttf"') + 1
    assert len(font_said) == 1, result.stderr
    assert font_said[0].startswith(f"{folder / 'theme.toml'}"), font_said
    assert said.format(line=line, bank=bank) in font_said[0], font_said


@pytest.mark.parametrize("face", ["bold", "regular"])
def test_a_looks_font_short_of_characters_draws_them_in_qbanks_face_of_its_style(
    cli, tmp_path, face
):
    """A look's bold font without the 'ő' and '€' that its regular font (Noto Sans) has
    drew a box for each in every question, whose text is bold, and in the cover's and each
    section's title and kicker (a brand trial): they are drawn in a font that has them, as
    the regular text's missing characters are. That font is qbank's own of the face's
    weight and style (Noto Sans Bold in bold text, Noto Sans in the rest): a brand regular
    font's 'ő' and '€' printed in the code font, Noto Sans Mono, mid-line (a brand trial)."""
    folder = _look_with_font(tmp_path, FONTS / "NotoSansMath-Regular.ttf", face, "B.ttf")
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: Tő €\nquestions:\n  - {id: a, section: Sző, question: Győr for 5 €?, "
        "hint: Győr for 5 €, follow_ups: [Why?]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = cli(
        "booklet", "--edition", "study", "--bank", bank, "--templates", folder, "--out", out
    )
    assert result.exit_code == 0, result.output
    chars = [c for page in pdf_pages(out / "b-booklet.pdf") for c in page.chars]
    drawn = {(c.text, c.font.split("+")[-1]) for c in chars}
    assert any(f.startswith("NotoSansMath-Regular-") for t, f in drawn if t == "y"), drawn
    for char in "ő€":  # the question's and the titles' in bold, the hint's in regular
        assert {f for t, f in drawn if t == char} == {"NotoSans-Bold", "NotoSans-Regular"}
    # the follow-up's bullet, which the look's font lacks too, drew a box (a review)
    bullets = {f for t, f in drawn if t == "•"}
    assert bullets and not any(f.startswith("NotoSansMath") for f in bullets), drawn
    # so did the question's heading in the fillable packet, in its bold style (a review)
    result = cli("packet", "--format", "pdf", "--bank", bank, "--templates", folder, "--out", out)
    assert result.exit_code == 0, result.output
    chars = [c for page in pdf_pages(out / "b-packet.pdf") for c in page.chars]
    drawn = {(c.text, c.font.split("+")[-1]) for c in chars}
    assert any(f.startswith("NotoSansMath-Regular-") for t, f in drawn if t == "y"), drawn
    for char in "ő€":
        assert not any(f.startswith("NotoSansMath") for t, f in drawn if t == char), drawn


def test_a_heading_font_of_the_looks_own_sets_the_titles_and_questions(cli, tmp_path):
    """[booklet] heading_font: the cover's and each section's title and the questions are
    set in it, the rest as before; a file that is not there is said at its line, as a
    face's is."""
    folder = tmp_path / "look"
    (folder / "fonts").mkdir(parents=True)
    shutil.copy(FONTS / "NotoSansMath-Regular.ttf", folder / "fonts" / "Display.ttf")
    theme = (BUILTIN_TEMPLATES / "theme.toml").read_text(encoding="utf-8")
    assert "\n# heading_font = " in theme
    (folder / "theme.toml").write_text(
        theme.replace("\n# heading_font = ", '\nheading_font = "fonts/Nope.ttf" # '),
        encoding="utf-8",
    )
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", folder)
    line = theme.split("\n").index(next(t for t in theme.split("\n") if "heading_font" in t))
    assert result.exit_code == 1
    assert f"theme.toml:{line + 1}: [booklet] heading_font: 'fonts/Nope.ttf': no such file" in (
        result.stderr
    )
    (folder / "theme.toml").write_text(
        theme.replace("\n# heading_font = ", '\nheading_font = "fonts/Display.ttf" # '),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = cli(
        "booklet", "--edition", "study", "--bank", FIXTURE_BANK, "--templates", folder,
        "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    chars = [c for page in pdf_pages(out / "minimal-booklet.pdf") for c in page.chars]
    # the look's own font is named after its content too: not the fallback Noto Sans Math
    in_heading = {c.text for c in chars if "NotoSansMath-Regular-" in c.font}
    assert set("Minimal bank" + "Basics" + "Depth" + "What is" + "And y?") <= in_heading
    assert "g" not in in_heading and "g" in {c.text for c in chars}  # the hint's 'thing'


def test_the_fillable_packets_bold_words_fall_back_in_the_bold_face(cli, tmp_path):
    """The fillable packet's bold words of the look (the sources' and the note's labels,
    the recommendation's options) were made as regular text and then set bold: a look's
    bold font without the 'ő' its regular font (Noto Sans) has drew a box for it (a brand
    trial). They are drawn in a bold face that has them, as bold text of the bank is."""
    folder = _look_with_font(tmp_path, FONTS / "NotoSansMath-Regular.ttf", "bold", "B.ttf")
    words = (BUILTIN_TEMPLATES / "packet" / "rubric.toml").read_text(encoding="utf-8")
    for key, value in (("sources", "Források:"), ("note", "Szerkesztő:")):
        words = words.replace(f'\n{key} = "', f'\n{key} = "{value} ', 1)
    words = words.replace('options = ["Strong no"', 'options = ["Erős nem"', 1)
    (folder / "packet").mkdir()
    (folder / "packet" / "rubric.toml").write_text(words, encoding="utf-8")
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - {id: a, section: S, question: Q?, hint: H, note: N,\n"
        "     sources: [{title: Doc, url: 'https://example.org'}]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = cli("packet", "--format", "pdf", "--bank", bank, "--templates", folder, "--out", out)
    assert result.exit_code == 0, result.output
    chars = [c for page in pdf_pages(out / "b-packet.pdf") for c in page.chars]
    text = "".join(c.text for c in chars)
    assert all(w in text for w in ("Források", "Szerkesztő", "Erős nem")), text
    # the note's label in its italic paragraph: in bold italic, qbank's face, which has 'ő'
    drawn = {c.font.split("+")[-1] for c in chars if c.text == "ő"}
    assert drawn == {"NotoSans-Bold", "NotoSans-BoldItalic"}, drawn
