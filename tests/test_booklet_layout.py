"""The booklet's own line breaker (qbank/exporters/booklet/layout.py) on hostile text."""

from __future__ import annotations

from random import Random

import pytest
from helpers import FIXTURES, run_cli
from pypdf import PdfReader
from reportlab.lib.colors import black

from qbank.exporters.booklet.layout import TextFont, Typesetter
from qbank.pdf import load_theme

SHY = "\u00ad"


@pytest.fixture(scope="module")
def font() -> TextFont:
    return TextFont(load_theme().fonts.regular, 10, black)


def test_soft_hyphens_break_a_word_only_at_a_line_end(font):
    setter = Typesetter()
    random = Random(16)
    for _ in range(200):
        words = [
            SHY.join(
                "".join(random.choices("abW", k=random.randint(0, 7)))
                for _ in range(random.randint(1, 40))
            )
            for _ in range(random.randint(1, 4))
        ]
        text = " ".join(words)
        width = random.uniform(20, 300)
        lines = ["".join(t for _, _, t in pieces) for pieces in setter.lines([(text, font)], width)]
        assert not any(SHY in line for line in lines)
        for line in lines:
            assert setter.measure(line.rstrip(), font) <= width + 1e-6 or len(line) == 1, line
        # every character kept in order; a "-" only at the end of a line
        assert not any("-" in line[:-1] for line in lines)
        kept = "".join(line.removesuffix("-") for line in lines).replace(" ", "")
        assert kept == text.replace(SHY, "").replace(" ", "")


def test_a_word_that_fits_keeps_its_soft_hyphens_out_of_sight(font):
    setter = Typesetter()
    lines = setter.lines([(f"in{SHY}ter{SHY}view and ex{SHY}am{SHY}ple", font)], 500)
    assert [[t for _, _, t in line] for line in lines] == [["interview and example"]]


def test_the_booklet_draws_soft_hyphens_only_at_breaks(tmp_path):
    bank = FIXTURES / "hostile-soft-hyphens.yaml"
    result = run_cli("booklet", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "hostile-soft-hyphens-booklet.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert SHY not in text
    assert "Is example kept whole when it fits?" in text
    assert "Yes: interview." in text
    lines = [line for line in text.splitlines() if line.startswith("abab")]
    assert len(lines) > 3 and all(line.endswith("-") for line in lines[:-1])
