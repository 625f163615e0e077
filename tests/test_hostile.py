"""Hostile banks through every exporter: a correct file holding every character, or exit 1
with a message naming the question. Never a traceback, never a partial file.

`check` goes first (test_check's promise): when it passes, `all` must succeed, and that one
build holds every exporter's artifacts, each read back; when it refuses, each exporter on
its own must refuse with such a message or build a correct file."""

from __future__ import annotations

import ctypes
import re
from collections import defaultdict
from itertools import pairwise, product
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from helpers import FIXTURES
from readback import artifact_text, squash
from reportlab.lib.colors import HexColor
from test_check import check_then_all

from qbank.bank import load_bank
from qbank.exporters import exporters
from qbank.pdf import load_theme
from qbank.text import plain

HOSTILE = sorted(FIXTURES.glob("hostile-*.yaml"))
EXPORTERS = [e.name for e in exporters()]
MESSAGE = re.compile(r"^\S+\.yaml:\d+(:\d+)?: (warning: )?question '[a-z0-9-]+': .+$")
REFUSED = re.compile(r"^\S+\.yaml:\d+(:\d+)?: .+$")
EXCERPT = re.compile(r"^    .*$")  # the source line and a caret under a message with a column
LABEL = re.compile(r"^Q\d+$")
CROP_MARK = tuple(round(255 * c) for c in HexColor(load_theme().table("cards")["crop_mark"]).rgb())


def expected_texts(bank, path: Path) -> list[str]:
    """What a user must find in this artifact: every question, and every hint except in the
    workshop handout, which holds no hints by design."""
    texts = []
    for q in bank.questions:
        texts.append(q.question)
        if not path.name.endswith("-workshop.pdf"):
            texts.append(q.hint)
    return [plain(t) for t in texts]


@pytest.mark.usefixtures("serial_builds")
@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_hostile_bank(cli, built, tmp_path, path):
    made = check_then_all(tmp_path, built, path)
    if made is not None:  # every exporter built: `all` holds each one's artifacts
        lines = made.output.splitlines()
        written = [Path(line) for line in lines if Path(line).parent == made.out]
        assert "Traceback" not in made.output
        assert_sound(path, [line for line in lines if Path(line) not in written], made.out)
        assert {p.suffix for p in written} == {".pdf", ".apkg", ".docx", ".html"}, written
        assert any(p.name.endswith("-flashcards.pdf") for p in written), written
        assert_every_character(path, written)
        return
    for exporter in EXPORTERS:
        out = tmp_path / exporter
        result = cli(exporter, "--bank", path, "--out", out)
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        assert_sound(path, result.stderr.splitlines(), out)
        if result.exit_code == 1:
            assert result.stdout == ""
            assert any("warning" not in line for line in result.stderr.splitlines())
            continue
        assert result.exit_code == 0, result.output
        written = [Path(line) for line in result.stdout.splitlines()]
        assert written
        assert_every_character(path, written)


def assert_sound(path: Path, messages: list[str], out: Path) -> None:
    """Each message names its line (and question), and no temporary file is left behind."""
    # a bank refused as a whole (its size, its aliases, its rubric) has no question to name
    message = REFUSED if path.name.startswith("hostile-refused-") else MESSAGE
    for line in messages:
        assert message.match(line) or EXCERPT.match(line), line
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")] if out.exists() else []
    assert leftovers == []


def assert_every_character(path: Path, written: list[Path]) -> None:
    bank = load_bank(path)
    for artifact in written:
        if artifact.name.endswith("-flashcards.pdf"):  # text may run on over several cards
            cards = deck_texts(artifact)
            for q in bank.questions:
                fronts, back = cards.get(q.label, ([], ""))
                question, hint = (unhyphenated(squash(plain(t))) for t in (q.question, q.hint))
                assert all(question in unhyphenated(f) for f in fronts), q.id
                assert hint in unhyphenated(back), q.id
            continue
        text = squash(artifact_text(artifact))
        for expected in expected_texts(bank, artifact):
            assert unhyphenated(squash(expected)) in unhyphenated(text), (
                artifact.name,
                expected[:60],
            )


def deck_texts(path: Path) -> dict[str, tuple[list[str], str]]:
    """Each card label's front texts, and its back text read across its cards in order below
    the header band, for every question in one pass: what test_cards.card_texts reads with
    pdfplumber, read with PDFium (C speed). The cards lie between the crop marks; a back is
    its front mirrored on the long edge. PDFium gives right-to-left runs in visual order,
    which no hostile bank holds; on every other fixture bank the texts are pdfplumber's."""
    fronts: dict[str, list[str]] = defaultdict(list)
    backs: dict[str, str] = defaultdict(str)
    pdf = pypdfium2.PdfDocument(path)
    try:
        pages = list(pdf)
        for front, back in zip(pages[::2], pages[1::2], strict=True):
            marks = [box for box, stroke, _ in _paths(front) if stroke == CROP_MARK]
            xs = sorted({round((b[0] + b[2]) / 2, 2) for b in marks if abs(b[0] - b[2]) < 2})
            ys = sorted({round((b[1] + b[3]) / 2, 2) for b in marks if abs(b[1] - b[3]) < 2})
            bands = [box for box, _, fill in _paths(back) if fill is not None]
            front_chars, back_chars = _chars(front), _chars(back)
            width = front.get_width()
            rows = [(low, high) for high, low in pairwise(reversed(ys))]  # from the top down
            for (bottom, top), (x0, x1) in product(rows, pairwise(xs)):
                text = _within(front_chars, (x0, bottom, x1, top))
                labels = [word for word in text.split() if LABEL.match(word)]
                if not labels:
                    continue
                x0, x1 = width - x1, width - x0  # the back of this card
                band = min(b[1] for b in bands if _inside(b, (x0, bottom, x1, top)))
                fronts[labels[0]].append(squash(text))
                backs[labels[0]] += squash(_within(back_chars, (x0, bottom, x1, band)))
    finally:
        pdf.close()
    return {label: (texts, backs[label]) for label, texts in fronts.items()}


def _paths(page):
    """Each path on the page: its box (left, bottom, right, top), and its stroke and fill
    colours as 0-255 RGB, None where it has none."""
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,)):
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
        colours = []
        for get, used in (
            (pdfium_c.FPDFPageObj_GetStrokeColor, stroke.value),
            (pdfium_c.FPDFPageObj_GetFillColor, fill.value),
        ):
            rgba = [ctypes.c_uint() for _ in range(4)]
            if used:
                get(obj.raw, *map(ctypes.byref, rgba))
            colours.append(tuple(c.value for c in rgba[:3]) if used else None)
        yield obj.get_bounds(), *colours


def _chars(page) -> list[tuple[float, float, str]]:
    """Each character of the page (the centre of its box, the character) in PDFium's text
    order; a soft hyphen shown at a line break as '-', as pdfplumber reads it."""
    text = page.get_textpage()
    chars: list[tuple[float, float, str]] = []
    for i in range(text.count_chars()):
        left, bottom, right, top = text.get_charbox(i)
        hyphen = pdfium_c.FPDFText_IsHyphen(text.raw, i)
        char = "-" if hyphen else chr(pdfium_c.FPDFText_GetUnicode(text.raw, i))
        if chars and _pair(chars[-1][2] + char):  # PDFium gives UTF-16: make a pair one
            whole = "".join(sorted(chars[-1][2] + char))  # the high half first
            whole = whole.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
            chars[-1] = (chars[-1][0], chars[-1][1], whole)
            continue
        chars.append(((left + right) / 2, (bottom + top) / 2, char))
    return chars


def _pair(halves: str) -> bool:
    """Two UTF-16 surrogates, one high and one low (right-to-left text reverses them)."""
    high = [0xD800 <= ord(c) < 0xDC00 for c in halves]
    low = [0xDC00 <= ord(c) < 0xE000 for c in halves]
    return len(halves) == 2 and sum(high) == 1 and sum(low) == 1


def _within(chars: list[tuple[float, float, str]], box: tuple[float, ...]) -> str:
    return "".join(c for x, y, c in chars if _inside((x, y, x, y), box))


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    return (
        outer[0] <= inner[0]
        and inner[2] <= outer[2]
        and outer[1] <= inner[1]
        and inner[3] <= outer[3]
    )


def unhyphenated(text: str) -> str:
    """Text without soft hyphens and hyphens: a PDF shows a soft hyphen (U+00AD) only where
    it breaks a line, as "-", and keeps no other in its text."""
    return text.replace("\u00ad", "").replace("-", "")


def test_control_characters_are_refused_by_name(cli, tmp_path):
    result = cli("all", "--bank", FIXTURES / "bad-control-characters.yaml", "--out", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{FIXTURES / 'bad-control-characters.yaml'}:9: question 'bell': 'question' holds the "
        "control character U+0007",
        f"{FIXTURES / 'bad-control-characters.yaml'}:10: question 'bell': 'hint' holds the "
        "control character U+001B",
    ]


@pytest.mark.parametrize("exporter", [e for e in EXPORTERS if e in ("booklet", "cards")])
def test_pdfs_warn_about_missing_glyphs(cli, tmp_path, exporter):
    result = cli(exporter, "--bank", FIXTURES / "hostile-scripts.yaml", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    warnings = result.stderr
    assert "question 'cjk'" in warnings and "U+4EC0" in warnings  # 什
    assert "question 'emoji'" in warnings and "U+1F512" in warnings  # 🔒
    assert "question 'greek-cyrillic'" not in warnings  # the font has Greek and Cyrillic
