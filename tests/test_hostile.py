"""Hostile banks through every exporter: a correct file holding every character, or exit 1
with a message naming the question. Never a traceback, never a partial file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import FIXTURES
from readback import artifact_text, squash
from test_cards import card_texts

from qbank.bank import load_bank
from qbank.exporters import exporters
from qbank.text import plain

HOSTILE = sorted(p.name for p in FIXTURES.glob("hostile-*.yaml"))
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


@pytest.mark.parametrize("exporter", EXPORTERS)
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_bank(cli, tmp_path, name, exporter):
    path = FIXTURES / name
    result = cli(exporter, "--bank", path, "--out", tmp_path)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    # a bank refused as a whole (its size, its aliases, its rubric) has no question to name
    message = REFUSED if name.startswith("hostile-refused-") else MESSAGE
    for line in result.stderr.splitlines():
        assert message.match(line) or EXCERPT.match(line), line
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    if result.exit_code == 1:
        assert result.stdout == ""
        assert any("warning" not in line for line in result.stderr.splitlines())
        return
    assert result.exit_code == 0, result.output
    bank = load_bank(path)
    written = [Path(line) for line in result.stdout.splitlines()]
    assert written
    for artifact in written:
        if artifact.name.endswith("-flashcards.pdf"):  # text may run on over several cards
            for q in bank.questions:
                fronts, back = card_texts(artifact, q)
                question, hint = (unhyphenated(squash(plain(t))) for t in (q.question, q.hint))
                assert all(question in unhyphenated(f.text) for f in fronts), q.id
                assert hint in unhyphenated(back), q.id
            continue
        text = squash(artifact_text(artifact))
        for expected in expected_texts(bank, artifact):
            assert unhyphenated(squash(expected)) in unhyphenated(text), (
                artifact.name,
                expected[:60],
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
