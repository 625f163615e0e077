"""`organisation:` and `logo:` (in the bank or in qbank.toml) on the booklet's cover, the
packet's first page and the study page; a logo is checked before anything is built."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pypdfium2_raw
import pytest
from docx.oxml.ns import qn
from filling import Filled, fill
from helpers import FIXTURES
from PIL import Image
from pypdf import PdfReader
from readback import docx_document, docx_text, squash

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
NAME = "Example & <Partners> Ltd"


def png(width: int = 120, height: int = 40) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "logo.png").write_bytes(png())
    return tmp_path


def bank_with(folder, lines: str) -> None:
    text = MINIMAL.replace("title:", f"{lines}title:", 1)
    (folder / "mine.yaml").write_text(text, encoding="utf-8")


@pytest.mark.usefixtures("serial_builds")
def test_organisation_and_logo_appear_on_cover_packet_and_page(cli, folder):
    bank_with(folder, f'organisation: "{NAME}"\nlogo: logo.png\n')
    commands = (("booklet", "--edition", "study"), ("packet",), ("packet", "--format", "pdf"))
    for command in (*commands, ("html",)):
        result = cli(*command)
        assert result.exit_code == 0, result.output
    cover = PdfReader(folder / "output" / "mine-booklet.pdf").pages[0]
    assert NAME in cover.extract_text()
    assert [image.image.size for image in cover.images] == [(120, 40)]
    assert squash(docx_text(folder / "output" / "mine-packet.docx")).startswith(squash(NAME))
    first = PdfReader(folder / "output" / "mine-packet.pdf").pages[0].extract_text()
    assert first.startswith(NAME), first[:80]
    page = (folder / "output" / "mine.html").read_text(encoding="utf-8")
    assert '<p class="organisation"><img class="logo" src="data:image/png;base64,' in page
    assert '<span dir="auto">Example &amp; &lt;Partners&gt; Ltd</span></p>' in page
    assert "<Partners>" not in page
    # the packets and the debrief carry the logo too, at the top right of their first page,
    # as large as on the booklet's cover (15 mm tall here); they had the name alone
    cover = _logo_box(folder / "output" / "mine-booklet.pdf")
    packet = _logo_box(folder / "output" / "mine-packet.pdf")
    assert cover[2:] == pytest.approx(packet[2:], abs=0.01), (cover, packet)
    assert packet[3] == pytest.approx(15 * 72 / 25.4, abs=0.01), packet
    assert packet[0] + packet[2] == pytest.approx(595.28 - 18 * 72 / 25.4, abs=0.1), packet
    for docx_file in (folder / "output" / "mine-packet.docx", _debriefed(cli, folder)):
        name, shown = _docx_letterhead(docx_file)
        assert name == squash(NAME), docx_file
        assert shown == pytest.approx(packet[2:], abs=0.01), docx_file


def _debriefed(cli, folder: Path) -> Path:
    """The debrief of output/mine-packet.docx filled in, of a candidate Ann."""
    filled = fill(
        folder / "output" / "mine-packet.docx",
        folder / "filled.docx",
        Filled({"candidate": "Ann", "interviewer": "Bob"}, scores={"first": [3]}),
    )
    result = cli("debrief", filled)
    assert result.exit_code == 0, result.output
    return folder / "output" / "mine-debrief-ann.docx"


def _docx_letterhead(path: Path) -> tuple[str, list[float]]:
    """The text of a DOCX's first paragraph, and the size (points) of its one picture."""
    first = docx_document(path).paragraphs[0]
    (logo,) = first._p.xpath(".//wp:inline")
    extent = logo.find(qn("wp:extent"))
    return squash(first.text), [int(extent.get(side)) / 12700 for side in ("cx", "cy")]


def _logo_box(pdf: Path) -> tuple[float, float, float, float]:
    """The one picture of a PDF's first page: its left, bottom, width and height."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        (image,) = document[0].get_objects(filter=[pypdfium2_raw.FPDF_PAGEOBJ_IMAGE])
        left, bottom, right, top = image.get_bounds()
        return left, bottom, right - left, top - bottom
    finally:
        document.close()


def test_the_study_page_shows_the_logo_on_white_as_the_cover_does(cli, folder):
    """A logo's transparent ground is white on the study page, as on the booklet's cover: in
    the dark scheme a school's dark lettering stood on the dark page, unreadable (a Spanish
    trial)."""
    import re

    from qbank.contrast import ratio

    bank_with(folder, "logo: logo.png\n")
    assert cli("html").exit_code == 0
    page = (folder / "output" / "mine.html").read_text(encoding="utf-8")
    (rule,) = re.findall(r"\.organisation \.logo \{([^}]*)\}", page)
    (ground,) = re.findall(r"background:\s*(#[0-9a-fA-F]{6})", rule)
    assert ratio("#000000", ground) > 15


def test_qbank_toml_gives_the_organisation_when_the_bank_has_none(cli, folder):
    bank_with(folder, "")
    (folder / "qbank.toml").write_text('organisation = "From the folder"\n', encoding="utf-8")
    assert cli("html").exit_code == 0
    assert "From the folder" in (folder / "output" / "mine.html").read_text(encoding="utf-8")


def test_a_page_html_copied_before_the_organisation_says_it_is_left_out(cli, folder):
    """A look's page.html from before the study page showed the organisation has no
    @@ORGANISATION@@: the page was built without the name qbank.toml gives, and nothing was
    said (an upgrade trial). It is a warning at the page's heading, saying what to write."""
    from helpers import own_look

    bank_with(folder, "")
    (folder / "qbank.toml").write_text('organisation = "From the folder"\n', encoding="utf-8")
    look = own_look(folder / "look", {"html/page.html": ("  @@ORGANISATION@@\n", "")})
    result = cli("html", "--templates", look)
    assert result.exit_code == 0, result.output
    page = look / "html" / "page.html"
    heading = next(
        n for n, line in enumerate(page.read_text(encoding="utf-8").split("\n"), 1) if "<h1" in line
    )
    assert result.stderr.splitlines() == [
        f"{page}:{heading}: warning: page.html has no @@ORGANISATION@@, so the organisation "
        "'From the folder' is not on the study page; write @@ORGANISATION@@ on a line of its "
        "own above the page's heading, as the built-in page.html has it"
    ]


@pytest.mark.usefixtures("serial_builds")
def test_the_debrief_carries_qbank_tomls_organisation_and_logo(cli, folder):
    """The packets of a bank whose organisation and logo qbank.toml gives carried them,
    and the debrief read back from them carried neither (it read no qbank.toml)."""
    bank_with(folder, "")
    (folder / "qbank.toml").write_text(
        'organisation = "From the folder"\nlogo = "logo.png"\n', encoding="utf-8"
    )
    assert cli("packet").exit_code == 0
    name, shown = _docx_letterhead(_debriefed(cli, folder))
    assert name == squash("From the folder") and shown == pytest.approx(
        [45 * 72 / 25.4, 15 * 72 / 25.4]
    )


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (None, "no such file"),
        (b"hello", "not a PNG or JPEG image; save it as PNG"),
        (  # as a picture of the bank is said (it was 'not a PNG or JPEG image': a trial)
            b"\0\0\0\x18ftypheic" + bytes(20),
            "is an HEIC photo (an iPhone's), which no PDF draws; save it as JPEG (on the "
            "iPhone: Settings > Camera > Formats > Most Compatible; on a Mac: open it in "
            "Preview, File > Export, JPEG)",
        ),
        (b"\x89PNG\r\n\x1a\n", "a damaged PNG image (its size cannot be read)"),
        # the first 50 bytes of a PNG: its size is there, its pixels are not (a hostile
        # trial's logo passed, and every artifact carried a picture no reader draws)
        (png()[:50], "is a damaged or truncated PNG file (image file is truncated); save it again"),
        (
            png(20_000, 2),
            "20,000 × 2 pixels, more than the 10,000 a side of a logo may have; scale it down",
        ),
    ],
)
def test_a_logo_that_is_no_image_is_refused_at_its_line(cli, folder, content, why):
    if content is not None:
        (folder / "bad.png").write_bytes(content)
    bank_with(folder, "logo: bad.png\n")
    result = cli("check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"mine.yaml:1:7: 'logo': bad.png: {why} (the logo is an image file beside the bank)"
    )


@pytest.mark.parametrize("path", ["C:\\Users\\ana\\logo.png", "/home/ana/logo.png"])
def test_a_logo_on_the_writers_computer_is_told_to_be_copied(cli, folder, path):
    """A path on the writer's computer was 'no such file (the logo is an image file beside
    the bank)', or outside the folder: it is told as a picture's such path is."""
    bank_with(folder, f"logo: {path}\n")
    result = cli("check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"mine.yaml:1:7: 'logo': {path}: a path on the computer it was written on, which no "
        "other computer has: copy logo.png into the bank's folder and write logo.png as its path"
    )


@pytest.mark.usefixtures("serial_builds")
def test_a_webp_logo_is_made_png_as_a_picture_is(cli, folder):
    """A school's logo saved from its website as WebP was refused ('not a PNG or JPEG
    image'), where the same file in a question is made PNG: the cover and the study page
    show it now, as a PNG with its transparent ground (a Spanish trial)."""
    import base64
    import re

    out = io.BytesIO()
    Image.new("RGBA", (120, 40), (0, 0, 0, 0)).save(out, "WEBP", lossless=True)
    (folder / "logo.webp").write_bytes(out.getvalue())
    bank_with(folder, "logo: logo.webp\n")
    for command in (("booklet", "--edition", "study"), ("html",)):
        result = cli(*command)
        assert result.exit_code == 0, result.output
    cover = PdfReader(folder / "output" / "mine-booklet.pdf").pages[0]
    assert [image.image.size for image in cover.images] == [(120, 40)]
    page = (folder / "output" / "mine.html").read_text(encoding="utf-8")
    (data,) = re.findall(r'<img class="logo" src="data:image/png;base64,([^"]+)"', page)
    assert Image.open(io.BytesIO(base64.b64decode(data))).mode == "RGBA"


def test_a_webp_logo_larger_than_a_logo_once_made_png_is_refused(tmp_path):
    """A WebP logo of 0.5 MB made PNG is 3 MB: it went into every cover past the 2 MB a
    logo may be (a second review)."""
    from qbank.bank.logo import read_logo

    noise = Image.effect_noise((1000, 1000), 80).convert("RGBA")
    noise.putpixel((0, 0), (0, 0, 0, 0))  # a transparent corner: kept as PNG
    out = io.BytesIO()
    noise.save(out, "WEBP", quality=60)
    (tmp_path / "logo.webp").write_bytes(out.getvalue())
    with pytest.raises(ValueError, match="larger than 2 MB once made PNG; use a smaller image"):
        read_logo(tmp_path / "logo.webp")


def test_a_logo_photo_is_upright_and_carries_no_exif(tmp_path):
    """A logo goes where a picture of a bank goes: it kept a phone photo's camera and GPS
    position in the study page and the booklet, and was drawn sideways (a review)."""
    import io

    from PIL import Image

    from qbank.bank.logo import read_logo

    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x0110] = "SecretPhone 15"
    out = io.BytesIO()
    Image.new("RGB", (80, 40), (200, 0, 0)).save(out, "JPEG", exif=exif.tobytes())
    (tmp_path / "logo.jpg").write_bytes(out.getvalue())
    logo = read_logo(tmp_path / "logo.jpg")
    assert (logo.width, logo.height) == (40, 80) and b"SecretPhone" not in logo.data


def test_a_logo_outside_the_banks_folder_is_refused(cli, folder, tmp_path_factory):
    """A bank from elsewhere named any picture of the builder's disk as its logo, and the
    study page carried it to whoever it was shared with (a hostile trial); a Markdown
    picture outside the folder was refused already."""
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "private.png"
    elsewhere.write_bytes(png())
    (folder / "link.png").symlink_to(elsewhere)
    for written in (str(elsewhere), "link.png", f"../{elsewhere.parent.name}/private.png"):
        bank_with(folder, f"logo: '{written}'\n")
        result = cli("check")
        assert result.exit_code == 1, written
        assert f"is outside the bank's folder ({elsewhere})" in result.stderr


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("Org " * 60, "organisation must be one line of at most 200 characters"),
        ("Two\\nlines", "organisation holds a line break or a control character"),
        ("a\\u0001b", "organisation holds a line break or a control character"),
    ],
)
def test_qbank_tomls_organisation_is_held_as_a_banks_is(cli, folder, value, said):
    """A bank's `organisation:` of more than 200 characters is refused; qbank.toml's passed
    at 8,000 and went on every cover (a hostile trial); so did a line break."""
    bank_with(folder, "")
    (folder / "qbank.toml").write_text(f'organisation = "{value}"\n', encoding="utf-8")
    result = cli("check")
    assert result.exit_code == 1
    assert f"qbank.toml:1: {said}" in result.stderr


def test_a_logo_qbank_toml_names_that_cannot_be_read_says_where_it_is_named(cli, folder):
    """'logo nope.png: no such file' did not say the name came from qbank.toml (a hostile
    trial), where the same mistake in the bank is said at its line."""
    bank_with(folder, "")
    (folder / "qbank.toml").write_text('logo = "nope.png"\n', encoding="utf-8")
    result = cli("html")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "nope.png: the logo (qbank.toml's logo, or build's logo argument): no such file"
    )
