"""Right-to-left text: the PDFs' text layer keeps the bank's logical order (docs/bank-format.md)."""

from __future__ import annotations

import pytest
import yaml
from readback import pdf_drawn_text, squash

import qbank

MAQAF = "\u05be:"  # Hebrew maqaf then a colon: once reported reordered in the booklet's text
HEBREW = "שלום עולם"
ARABIC = "مرحبا بالعالم"
QUESTION = f"Before {MAQAF} {HEBREW} middle {ARABIC} after"
HINT = f"{ARABIC} then {HEBREW}"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rtl")
    bank = folder / "rtl.yaml"
    data = {
        "title": "RTL",
        "questions": [{"id": "r", "section": "S", "question": QUESTION, "hint": HINT}],
    }
    bank.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    built = qbank.build(bank, folder / "out", ["booklet", "cards"], workers=1)
    return {path.name.split("-")[-1]: squash(pdf_drawn_text(path)) for path in built}


@pytest.mark.parametrize("artifact", ["booklet.pdf", "workshop.pdf", "flashcards.pdf"])
def test_right_to_left_text_keeps_the_banks_logical_order(pdfs, artifact):
    text = pdfs[artifact]
    assert squash(QUESTION) in text
    # the order of the pieces, not only their presence: first letter first
    at = [text.index(squash(piece)) for piece in ("Before", MAQAF, HEBREW, ARABIC, "after")]
    assert at == sorted(at)
    if artifact != "workshop.pdf":
        assert squash(HINT) in text
