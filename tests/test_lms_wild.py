"""LMS files that real Moodle, Canvas and Blackboard courses wrote (tests/fixtures/lms-wild/,
each one's source in its README), brought in with `qbank import` and sent back out with
`qbank lms`: what comes in, what is said of what does not, and what goes back."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES
from lxml import etree

from qbank.bank import load_bank

WILD = FIXTURES / "lms-wild"


def _import(cli, tmp_path: Path, name: str) -> str:
    """Import the fixture `name` in a folder of its own as bank.yaml: what import said."""
    source = tmp_path / name
    shutil.copy(WILD / name, source)
    result = cli("import", source, "-o", tmp_path / "bank.yaml")
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    return result.stderr


def _imported(cli, tmp_path: Path, name: str):
    """The fixture `name` imported: the bank, what import said."""
    said = _import(cli, tmp_path, name)
    return load_bank(tmp_path / "bank.yaml"), said


@pytest.mark.parametrize(
    "name",
    [
        "moodle-multianswer.xml",
        "moodle-old-image-tag.xml",
        "moodle-nested-categories.xml",
        "moodle-html-chars-in-idnumbers.xml",
        "qas-all-trimmed.xml",
        "gift-questions.gift.txt",
        "gift-questions-in-category.gift.txt",
    ],
)
def test_every_moodle_file_comes_in_and_each_thing_left_behind_is_named_at_its_line(
    cli, tmp_path, name
):
    said = _import(cli, tmp_path, name)  # (one holds a text longer than `check` takes)
    assert yaml.safe_load((tmp_path / "bank.yaml").read_text(encoding="utf-8"))["questions"]
    for line in said.splitlines():  # FILE:LINE: message, never a bare exception's words
        assert re.match(rf"{re.escape(str(tmp_path / name))}:\d+: \S", line), line


def test_moodles_pictures_come_beside_the_bank_as_the_file_holds_them(cli, tmp_path):
    """Moodle's own export: `@@PLUGINFILE@@` pictures as base64 `<file>`s, in the text and
    in the general feedback (the hint); each comes beside the bank with its bytes."""
    bank, _ = _imported(cli, tmp_path, "moodle-multianswer.xml")
    (question,) = bank.questions
    files = {
        file.get("name"): base64.b64decode(file.text)
        for file in etree.parse(str(WILD / "moodle-multianswer.xml")).iter("file")
    }
    assert set(files) == {"arizona_2.png", "california-state-flag.png", "moodle.png"}
    for name, data in files.items():
        assert (tmp_path / name).read_bytes() == data
    assert "![California flag](california-state-flag.png)" in question.question
    assert "![Moodle logo](moodle.png)" in question.hint
    assert "(5) Paris (correct; Congratulations!)" in question.note


def test_moodle_and_gift_go_back_out_with_their_texts(cli, tmp_path):
    """Exported again in its own format, each question's text is there as it came in: an
    entity (`&quot;`) as its character, Moodle 1.9's picture as a `<file>`."""
    _imported(cli, tmp_path, "moodle-old-image-tag.xml")
    result = cli("lms", "--format", "moodle", "--bank", tmp_path / "bank.yaml", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    written = etree.parse(str(tmp_path / "bank-moodle.xml"))
    texts = [t.text for t in written.iterfind("question[@type='essay']/questiontext/text")]
    assert 'the old "image" field that was used in Moodle 1.9' in texts[1]
    assert [f.get("name") for f in written.iterfind("question/questiontext/file")] == [
        "moodle.png",
        "moodle.png",
    ]
    gift = tmp_path / "gift"
    gift.mkdir()
    _imported(cli, gift, "gift-questions-in-category.gift.txt")
    result = cli("lms", "--format", "gift", "--bank", gift / "bank.yaml", "--out", gift)
    assert result.exit_code == 0, result.output
    written_gift = (gift / "bank-gift.txt").read_text(encoding="utf-8")
    assert "$CATEGORY: $course$/top/Bank/Default for New Features" in written_gift
    assert "Modular Object-Oriented Dynamic Learning Environment" in written_gift
