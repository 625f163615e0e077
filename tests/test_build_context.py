"""One build is one context: nothing it reads or registers leaks into the next build, nor
into a host program's own reportlab PDFs (issue 20).

A library call must give what the command line gives, however many builds came before it
in the process and whatever look they had; and a program that makes its own PDFs with
reportlab must get the same bytes after calling `qbank.build` as before.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from helpers import FIXTURES
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

import qbank
from qbank.paths import BUILTIN_TEMPLATES, FONTS

ROOT = Path(__file__).resolve().parent.parent
BANK = FIXTURES / "minimal.yaml"
EPOCH = "1700000000"
TARGETS = ["booklet", "packet"]
OPTIONS = {"edition": "study"}


def _look(folder: Path, regular: str, minutes: int) -> Path:
    """A --templates folder whose theme sets body text in `regular` and whose packet plans
    an interview of `minutes`."""
    theme = (BUILTIN_TEMPLATES / "theme.toml").read_text(encoding="utf-8")
    packet = (BUILTIN_TEMPLATES / "packet" / "theme.toml").read_text(encoding="utf-8")
    assert 'regular = "NotoSans-Regular.ttf"' in theme and "interview_minutes = 60" in packet
    (folder / "packet").mkdir(parents=True)
    (folder / "theme.toml").write_text(
        theme.replace('regular = "NotoSans-Regular.ttf"', f'regular = "{regular}"'),
        encoding="utf-8",
    )
    (folder / "packet" / "theme.toml").write_text(
        packet.replace("interview_minutes = 60", f"interview_minutes = {minutes}"),
        encoding="utf-8",
    )
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _in_process(look: Path, out: Path) -> dict[str, bytes]:
    # one worker: every exporter runs in this process, where the state would leak
    qbank.build(BANK, out, TARGETS, OPTIONS, templates=look, workers=1)
    return _files(out)


def _command_line(look: Path, out: Path) -> dict[str, bytes]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    for target in TARGETS:
        command = [sys.executable, str(ROOT / "generate.py"), target, "--bank", str(BANK)]
        command += ["--out", str(out), "--templates", str(look)]
        command += ["--edition", "study"] if target == "booklet" else []
        subprocess.run(command, env=env, check=True, capture_output=True)
    return _files(out)


def test_two_builds_in_one_process_give_what_two_command_lines_give(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    bold = _look(tmp_path / "bold", "NotoSans-Bold.ttf", 30)
    plain = _look(tmp_path / "plain", "NotoSans-Italic.ttf", 45)
    first = {look: _in_process(look, tmp_path / f"a-{look.name}") for look in (bold, plain)}
    second = {look: _in_process(look, tmp_path / f"b-{look.name}") for look in (plain, bold)}
    for look in (bold, plain):
        expected = _command_line(look, tmp_path / f"cli-{look.name}")
        assert first[look] == expected, look.name
        assert second[look] == expected, look.name
    # and each look is what the user gets: its font embedded, its minutes planned
    for look, font, minutes in ((bold, "NotoSans-Bold", 30), (plain, "NotoSans-Italic", 45)):
        booklet = PdfReader(io.BytesIO(first[look]["minimal-booklet.pdf"]))
        page = booklet.pages[-1]
        fonts = {str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
        assert any(name.endswith("+" + font) for name in fonts), (look.name, fonts)
        packet = first[look]["minimal-packet.docx"]
        assert f"A slot of {minutes} minutes".encode() in _document_xml(packet)


def _document_xml(docx: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read("word/document.xml")


def _host_pdf() -> bytes:
    """A host program's own PDF: its own TrueType font with a character beyond U+FFFF,
    and a paragraph of soft hyphens broken over narrow lines."""
    if "HostSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("HostSans", str(FONTS / "NotoSans-Regular.ttf")))
    style = ParagraphStyle("host", fontName="HostSans", fontSize=11, leading=14)
    word = "\u00ad".join(["segment"] * 40)
    story = [
        Paragraph(f"Grinning \U0001f600 and {word} and more", style),
        Paragraph("Bold <b>text</b> in the host's own family", style),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1, rightMargin=400).build(story)
    return buffer.getvalue()


def test_a_host_program_gets_the_same_pdf_after_a_build(tmp_path):
    before = _host_pdf()
    qbank.build(FIXTURES / "hostile-soft-hyphens.yaml", tmp_path, ["booklet", "cards"], workers=1)
    assert _host_pdf() == before


def test_a_hosts_reportlab_settings_leave_qbanks_pdfs_as_they_are(tmp_path, monkeypatch):
    """A host program's rl_config for its own PDFs made qbank's PDFs other than the command
    line's (a library trial): pageCompression = 0 left them uncompressed, documentLang =
    'fr' said an English booklet was French, overlapAttachedSpace = 0 moved its lines,
    ttfAsciiReadable = 0 coded a font first registered meanwhile by its own order,
    where the PDF's text had been plain ASCII."""
    from reportlab import rl_config

    # a font no build of this process has registered: a copy of Noto Sans with bytes of its own
    own = tmp_path / "look" / "fonts" / "Own.ttf"
    own.parent.mkdir(parents=True)
    own.write_bytes((FONTS / "NotoSans-Regular.ttf").read_bytes() + os.urandom(4))
    theme = (BUILTIN_TEMPLATES / "theme.toml").read_text(encoding="utf-8")
    (tmp_path / "look" / "theme.toml").write_text(
        theme.replace('regular = "NotoSans-Regular.ttf"', 'regular = "fonts/Own.ttf"'),
        encoding="utf-8",
    )

    def built(out: Path) -> dict[str, bytes]:
        look = {"templates": tmp_path / "look", "workers": 1, "timestamp": int(EPOCH)}
        qbank.build(BANK, out, ["booklet", "cards"], **look)
        qbank.build(BANK, out, ["packet"], {"format": "pdf"}, **look)
        return _files(out)

    with monkeypatch.context() as host:
        host.setattr(rl_config, "pageCompression", 0)
        host.setattr(rl_config, "documentLang", "fr")
        host.setattr(rl_config, "overlapAttachedSpace", 0)
        host.setattr(rl_config, "ttfAsciiReadable", 0)
        hosted = built(tmp_path / "host")
    assert hosted == built(tmp_path / "ordinary")
    # the font was registered in the host's setting: its ASCII is still at its own codes
    booklet = PdfReader(io.BytesIO(hosted["minimal-booklet.pdf"]))
    assert b"(A thing.)" in b"".join(page.get_contents().get_data() for page in booklet.pages)


def test_a_hosts_paragraph_settings_leave_qbanks_paragraphs_as_they_are(tmp_path, monkeypatch):
    """A host program whose rl_config hyphenates its own PDFs in German (hyphenationLang =
    "de_DE", which reportlab's paragraph styles take as it is first imported) got an English
    bank's flashcards hyphenated by German rules, 'authenticati-on' (a library trial)."""
    from reportlab.lib.styles import ParagraphStyle

    bank = FIXTURES / "interview-bank.yaml"
    pinned = {"workers": 1, "timestamp": int(EPOCH)}
    ordinary = _files(qbank.build(bank, tmp_path / "ordinary", ["cards"], **pinned)[0].parent)
    monkeypatch.setitem(ParagraphStyle.defaults, "hyphenationLang", "de_DE")
    monkeypatch.setitem(ParagraphStyle.defaults, "spaceShrinkage", 0.2)
    assert _files(qbank.build(bank, tmp_path / "host", ["cards"], **pinned)[0].parent) == ordinary
