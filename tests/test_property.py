"""Property: whatever the question and hint text, every exporter keeps every character."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readback import artifact_text, squash

from qbank.bank import parse_bank
from qbank.build import run
from qbank.exporters import exporters
from qbank.job import Job
from qbank.text import plain

# Printable text from the whole of Unicode's first two planes: letters, digits, marks of
# punctuation, symbols and spaces, the embedded PDF font's Latin, Greek and Cyrillic as
# well as CJK and emoji it lacks (drawn as a box, warned about, kept in the PDF's text).
# Control characters are refused by the loader (tested elsewhere).
CHARACTERS = st.characters(
    min_codepoint=0x20,
    max_codepoint=0x1FFFF,
    categories=("L", "N", "P", "S", "Zs"),
)
TEXT = st.text(CHARACTERS, min_size=1, max_size=160).filter(lambda t: t.strip())


def bank_from(question: str, hint: str):
    data = {
        "title": "Property",
        "questions": [{"id": "generated", "section": "S", "question": question, "hint": hint}],
    }
    return parse_bank(yaml.safe_dump(data, allow_unicode=True), source="property.yaml")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=TEXT, hint=TEXT)
def test_every_exporter_keeps_every_character(question, hint):
    bank = bank_from(question, hint)
    q = bank.questions[0]
    assert (q.question, q.hint) == (question.strip(), hint.strip())
    with tempfile.TemporaryDirectory() as tmp:
        job = Job(bank=bank, out_dir=Path(tmp), timestamp=0)
        for exporter in exporters():
            for path in run(job, [(exporter, {})], workers=1):
                text = squash(artifact_text(path))
                assert squash(plain(q.question)) in text, (exporter.name, path.name)
                if not path.name.endswith("-workshop.pdf"):
                    assert squash(plain(q.hint)) in text, (exporter.name, path.name)
