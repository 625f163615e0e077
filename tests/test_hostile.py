"""Hostile banks through every exporter: a correct file holding every character, or exit 1
with a message naming the question. Never a traceback, never a partial file.

`check` goes first (test_check's promise): when it passes, `all` must succeed, and that one
build holds every exporter's artifacts, each read back; when it refuses, each exporter on
its own must refuse with such a message or build a correct file."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from helpers import FIXTURES
from readback import artifact_text, pdf_pages, squash
from test_cards import _body_text, cells, face
from test_check import check_then_all

from qbank.bank import load_bank
from qbank.exporters import exporters
from qbank.text import plain

HOSTILE = sorted(FIXTURES.glob("hostile-*.yaml"))
EXPORTERS = [e.name for e in exporters()]
MESSAGE = re.compile(r"^\S+\.yaml:\d+(:\d+)?: (warning: )?question '[a-z0-9-]+': .+$")
REFUSED = re.compile(r"^\S+\.yaml:\d+(:\d+)?: .+$")
EXCERPT = re.compile(r"^    .*$")  # the source line and a caret under a message with a column


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
    """Each card label's front texts and its back text read across its cards in order, as
    test_cards.card_texts reads one question's, for every question in one pass."""
    fronts: dict[str, list[str]] = defaultdict(list)
    backs: dict[str, str] = defaultdict(str)
    pages = pdf_pages(path)
    for front_page, back_page in zip(pages[::2], pages[1::2], strict=True):
        for cell in cells(front_page):
            front = face(front_page, cell)
            if front.label is not None:
                fronts[front.label].append(front.text)
                backs[front.label] += _body_text(back_page, cell.mirrored(front_page, "long"))
    return {label: (texts, backs[label]) for label, texts in fronts.items()}


def unhyphenated(text: str) -> str:
    """Text without soft hyphens and hyphens: a PDF shows a soft hyphen (U+00AD) only where
    it breaks a line, as "-", and keeps no other in its text. Nor zero-width joiners: the
    PDFs keep them (pdftotext reads 👨\u200d👩), but PDFium's text drops one that stands
    between glyphs of another font, as in an emoji sequence drawn as boxes."""
    return text.replace("\u00ad", "").replace("-", "").replace("\u200d", "")


def test_control_characters_are_refused_by_name(cli, tmp_path):
    result = cli("all", "--bank", FIXTURES / "bad-control-characters.yaml", "--out", tmp_path)
    assert result.exit_code == 1
    # the bell written '\\a' in double quotes, told at its backslash with what to write;
    # the escape written '\\x1b' as it is
    assert result.stderr.splitlines() == [
        f"{FIXTURES / 'bad-control-characters.yaml'}:9:29: question 'bell': 'question' holds "
        "the control character U+0007, which YAML makes of '\\a' inside double quotes (a TeX "
        "command's start, as in \\bar or \\frac, is read so); write the text in 'single "
        "quotes', where a backslash is itself, or write \\\\ for each backslash",
        '        question: "Rings a bell \\a?"',
        "                                ^",
        f"{FIXTURES / 'bad-control-characters.yaml'}:10: question 'bell': 'hint' holds the "
        "control character U+001B",
    ]


@pytest.mark.parametrize("exporter", [e for e in EXPORTERS if e in ("booklet", "cards")])
def test_pdfs_warn_about_missing_glyphs(cli, tmp_path, exporter):
    result = cli(exporter, "--bank", FIXTURES / "hostile-scripts.yaml", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    warnings = result.stderr
    # Chinese and Japanese (Droid Sans Fallback), Korean (WenQuanYi's Hangul) and the lock
    # (Noto Sans Symbols 2) and emoji (Symbola's, in black and white) draw; Devanagari has
    # no bundled font: boxes, named
    assert "question 'cjk'" in warnings and "U+0939" in warnings
    assert "U+D55C" not in warnings and "U+4EC0" not in warnings
    assert "question 'emoji'" not in warnings and "U+1F680" not in warnings  # 🚀
    assert "U+1F512" not in warnings  # 🔒
    assert "question 'greek-cyrillic'" not in warnings  # the font has Greek and Cyrillic
