"""qbank.build, the library's entry point: what the command line does, from Python."""

from __future__ import annotations

import pytest
from helpers import FIXTURES
from pypdf import PdfReader

import qbank
from qbank.errors import OptionError
from qbank.paper import PAPERS

BANK = FIXTURES / "booklet-fidelity.yaml"


def test_build_writes_the_targets_and_returns_their_paths(tmp_path):
    written = qbank.build(BANK, tmp_path, ["booklet", "anki"], {"edition": "STUDY"})
    assert [p.name for p in written] == ["booklet-fidelity-booklet.pdf", "booklet-fidelity.apkg"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)


def test_build_takes_options_in_any_case(tmp_path):
    (path,) = qbank.build(BANK, tmp_path, ["cards"], {"paper": "Letter"})
    box = PdfReader(path).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAPERS["letter"].size)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"offset_x": float("nan")}, "--offset-x nan: give a finite number"),
        ({"offset_y": float("inf")}, "--offset-y inf: give a finite number"),
        ({"offset_x": 50.0}, "--offset-x 50.0: the most is 20"),
        ({"card": "postcard"}, "--card 'postcard': choose one of index, business, a7"),
        ({"cut_lines": "yes"}, "--cut-lines 'yes': give true or false"),
        ({"count": 3}, "no option 'count' for cards"),
    ],
)
def test_build_refuses_what_the_command_line_refuses(tmp_path, options, message):
    with pytest.raises(OptionError, match=message.replace("(", r"\(")):
        qbank.build(BANK, tmp_path, ["cards"], options)
    assert not list(tmp_path.iterdir())


def test_all_is_every_exporter_in_the_registry_order(tmp_path):
    written = qbank.build(BANK, tmp_path, "all")
    assert [p.suffix for p in written] == [".pdf", ".pdf", ".apkg", ".docx", ".pdf", ".html"]
