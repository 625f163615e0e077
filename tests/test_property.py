"""Property: whatever the question and hint text, every exporter keeps every character."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from readback import artifact_text, pdf_drawn_text, squash

import qbank
from qbank.bank import parse_bank
from qbank.exporters import exporters
from qbank.text import has_right_to_left, plain

# Printable text from the whole of Unicode's first two planes: letters, digits, marks of
# punctuation, symbols and spaces, the embedded PDF font's Latin, Greek and Cyrillic as
# well as CJK and emoji it lacks (drawn by a fallback font, or as a box with a warning; kept
# in the PDF's text).
# Control characters are refused by the loader (tested elsewhere).
CHARACTERS = st.characters(
    min_codepoint=0x20,
    max_codepoint=0x1FFFF,
    categories=("L", "N", "P", "S", "Zs"),
)
TEXT = st.text(CHARACTERS, min_size=1, max_size=160).filter(lambda t: t.strip())


def bank_text(question: str, hint: str) -> str:
    data = {
        "title": "Property",
        "questions": [{"id": "generated", "section": "S", "question": question, "hint": hint}],
    }
    return yaml.safe_dump(data, allow_unicode=True)


# Cases Hypothesis found, kept so that every run tries them: right-to-left text, which the
# PDFs store in the order drawn (qbank.direction; pdf_drawn_text reads the order stored).
@settings(max_examples=12)
@given(question=TEXT, hint=TEXT)
@example(question="\u05be:", hint="0")
@example(question="שלום עולם", hint="מה שלומך?")
@example(question="مرحبا بالعالم", hint="كيف حالك؟")
@example(question="Mixed שלום and مرحبا, then 42.", hint="a\u05be:b")
def test_every_exporter_keeps_every_character(question, hint):
    text = bank_text(question, hint)
    q = parse_bank(text, source="property.yaml").questions[0]
    assert (q.question, q.hint) == (question.strip(), hint.strip())
    with tempfile.TemporaryDirectory() as tmp:
        bank_path = Path(tmp) / "property.yaml"
        bank_path.write_text(text, encoding="utf-8")
        # every exporter in one build, in this process: the artifacts of `all`
        names = [exporter.name for exporter in exporters()]
        written = qbank.build(bank_path, Path(tmp) / "out", names, workers=1)
        assert {p.suffix for p in written} == {".pdf", ".apkg", ".docx", ".html"}, written
        for path in written:
            read = pdf_drawn_text if path.suffix == ".pdf" else artifact_text
            text = squash(read(path))
            kept(squash(plain(q.question)), text, path)
            if not path.name.endswith("-workshop.pdf"):
                kept(squash(plain(q.hint)), text, path)


def kept(expected: str, text: str, path: Path) -> None:
    """`expected` is in `text`; a PDF's line that holds right-to-left text is stored in the
    order drawn (qbank.direction), so there every character of it is, in some order."""
    if path.suffix == ".pdf" and has_right_to_left(expected):
        assert not Counter(expected) - Counter(text), path.name
    else:
        assert expected in text, path.name
