"""The bank's limits (docs/bank-format.md, "Limits"): each refused as FILE:LINE: message, exit 1,
before anything is built; a value at a limit is accepted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, check_text

from qbank.bank import MAX_BANK_BYTES, load_bank, parse_bank
from qbank.bank.checks import LENGTHS, MINUTES_RANGE, RUBRIC_LEVELS, SCORE_RANGE
from qbank.errors import BankError, QbankError

MINUTES = "'minutes' must be a whole number from 1 to 240"


def refused(cli, path: Path, tmp_path: Path) -> list[str]:
    """What `check` says about the bank at `path`; `all` says the same and writes nothing."""
    result = cli("check", "--bank", path)
    assert result.exit_code == 1 and result.stdout == "", result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    built = cli("all", "--bank", path, "--out", tmp_path / "out")
    assert built.exit_code == 1 and built.stderr == result.stderr
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    return result.stderr.splitlines()


def test_numbers_yaml_reads_its_own_way_are_refused(cli, tmp_path):
    path = FIXTURES / "hostile-refused-numbers.yaml"
    assert refused(cli, path, tmp_path) == [
        f"{path}:{m}"
        for m in (
            f"7: question 'q1': {MINUTES}, in plain digits: YAML reads 017 as 15 (a leading 0 "
            "means octal)",
            f"12: question 'q2': {MINUTES}, in plain digits: YAML reads 1:30 as 90 (':' means "
            "base 60)",
            f"17: question 'q3': {MINUTES}, in plain digits: YAML reads 0x10 as 16 (0x means "
            "hexadecimal)",
            f"22: question 'q4': {MINUTES}, not 10^100",
            f"27: question 'q5': {MINUTES}, not 999999999999… (4,400 digits)",
            f"32: question 'q6': {MINUTES}, not abc",
            f"37: question 'q7': {MINUTES}, not 241",
            # q8's 240 is the limit itself: accepted
        )
    ]


def test_rubric_levels_and_scores_are_bounded(cli, tmp_path):
    levels = FIXTURES / "hostile-refused-rubric.yaml"
    assert refused(cli, levels, tmp_path) == [
        f"{levels}:3: 'rubric' must be a list of 2 to 10 levels, not 11"
    ]
    score = FIXTURES / "hostile-refused-rubric-score.yaml"
    assert refused(cli, score, tmp_path) == [
        f"{score}:4: rubric: 'score' must be a whole number from 1 to 100, not "
        "999999999999… (4,400 digits)"
    ]


@pytest.mark.parametrize("key", ["minutes", "score"])
def test_a_huge_number_in_quotes_is_refused_with_no_internal_error(tmp_path, key):
    """'"99…9"' (4,400 digits) in quotes was an internal error, Python's limit on the digits
    it converts (a random trial: a quote typed before the rubric's huge score)."""
    digits = "9" * 4400
    rubric = f"rubric:\n  - {{score: 1, label: Low}}\n  - {{score: {digits}, label: High}}\n"
    text = f"title: T\n{rubric}questions:\n  - id: q1\n    section: S\n    question: Q?\n"
    text += "    hint: h\n    minutes: 5\n"
    text = text.replace(f"{key}: {digits if key == 'score' else 5}", f'{key}: "{digits}"')
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    said = [str(p) for p in caught.value.problems]
    assert any(p.endswith("not 999999999999… (4,400 digits)") for p in said), said


def test_aliases_may_not_multiply_the_bank(cli, tmp_path):
    path = FIXTURES / "hostile-refused-aliases.yaml"  # 24 KB, 200 lists of 200 signals
    assert refused(cli, path, tmp_path) == [
        f"{path}:7: the aliases *signals repeat what &signals marks here until the bank would "
        "hold more than 10 times the file's text; write the text out where it is needed, or "
        "repeat less of it"
    ]
    loop = FIXTURES / "hostile-refused-alias-loop.yaml"
    assert refused(cli, loop, tmp_path) == [
        f"{loop}:7: the alias *loop repeats the list or mapping it is inside, which never "
        "ends; write the text out instead"
    ]


def test_an_alias_inside_itself_beside_a_syntax_mistake_is_told_at_once(tmp_path):
    """A line moved in a bank whose alias repeats what it is inside (h42d's split): check
    tried the moves on the lines around the mistake and walked what they read, the alias
    as often as it is named, for ever. Each node is walked once; a process of its own, so
    that the code before the fix fails at the timeout."""
    lines = (FIXTURES / "hostile-refused-alias-loop.yaml").read_text("utf-8").split("\n")
    lines[0], lines[1] = lines[1], lines[0]  # the first line moved under the second
    path = tmp_path / "moved.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    generate = Path(__file__).resolve().parents[1] / "generate.py"
    result = subprocess.run(
        [sys.executable, generate, "check", "--bank", path],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert f"{path}:" in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_a_billion_laughs_is_refused_at_once():
    lists = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 40))
    path_text = "title: t\nl0: &l0 [lol]\n" + lists
    with pytest.raises(BankError) as caught:
        parse_bank(path_text, source="lol.yaml")
    assert str(caught.value).startswith("lol.yaml:2: the aliases *l0 repeat what &l0 marks")


def test_a_few_aliases_are_fine():
    bank = load_bank(FIXTURES / "minimal.yaml")  # no aliases at all
    assert bank.questions
    text = (
        "title: t\nquestions:\n"
        "  - {id: a, section: s, question: q, hint: h, look_for: &shared [x, y]}\n"
        "  - {id: b, section: s, question: q, hint: h, look_for: *shared}\n"
    )
    assert parse_bank(text, source="a.yaml").questions[1].look_for == ("x", "y")


def test_a_bank_over_the_size_limit_is_refused_before_it_is_parsed(cli, tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as file:
        file.write("title: t\n")
        file.write(("# padding\n" * 100_000) * (MAX_BANK_BYTES // 1_000_000 + 1))
    assert path.stat().st_size > MAX_BANK_BYTES
    assert refused(cli, path, tmp_path) == [
        f"{path}:1: the bank is larger than 20 MB, the most a bank may hold; split it into "
        "several banks"
    ]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused_by_type(cli, tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"{device} is missing here")
    assert refused(cli, Path(device), tmp_path) == [
        f"{device}: is not a file but a device, a pipe or a socket; give the bank's .yaml file"
    ]


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "bank.yaml"
    os.mkfifo(fifo)
    with pytest.raises(QbankError, match="is not a file but a device, a pipe or a socket"):
        load_bank(fifo)


@pytest.mark.usefixtures("serial_builds")
def test_every_length_at_its_limit_builds_with_all(built):
    """All artifacts, the cards continuing the 10,000-character hint on further cards (the
    build test_hostile reads back, made once per test process)."""
    made = built("all", "--bank", FIXTURES / "hostile-at-limits.yaml")
    written = [Path(line) for line in made.output.splitlines() if Path(line).parent == made.out]
    assert sorted(p.name for p in written) == sorted(p.name for p in made.out.iterdir())
    assert len(written) == 6  # two booklet editions, deck, packet, cards, page


OVER = {
    "hostile-refused-lengths.yaml": (
        "2: 'title' is 201 characters long, more than the 200",
        "4: 'role' is 201 characters long, more than the 200",
        "6: 'description' is 10,001 characters long, more than the 10,000",
        "104: section: 'name' is 101 characters long, more than the 100",
        "105: section 'injection access review prompt token access policy data access model "
        "access security policy attacker.': 'description' is 10,001 characters long, more "
        "than the 10,000",
        "206: question 'at-the-limit': 'section' is 101 characters long, more than the 100",
        "208: question 'at-the-limit': 'question' is 1,001 characters long, more than the 1,000",
        "219: question 'at-the-limit': 'hint' is 10,001 characters long, more than the 10,000",
    ),
    # a 1 MB note once kept `check` busy for minutes (the cards split it again per card)
    "hostile-refused-item-lengths.yaml": (
        "7: question 'long-note': 'note' is 10,001 characters long, more than the 10,000",
        "13: question 'long-items': each of 'look_for' is 1,001 characters long, more than the "
        "1,000",
        "14: question 'long-items': each of 'follow_ups' is 1,001 characters long, more than "
        "the 1,000",
    ),
}


@pytest.mark.parametrize("name", OVER)
def test_every_length_over_its_limit_is_refused_by_name(cli, tmp_path, name):
    path = FIXTURES / name
    over = "that every artifact can lay out; shorten it"
    assert refused(cli, path, tmp_path) == [f"{path}:{m} {over}" for m in OVER[name]]


def test_schema_states_the_same_limits():
    schema = json.loads((Path(__file__).parents[1] / "bank" / "schema.json").read_text())
    properties = schema["properties"]
    question = schema["$defs"]["question"]["properties"]
    section = properties["sections"]["items"]["oneOf"]
    assert properties["title"]["maxLength"] == LENGTHS["title"]
    assert properties["role"]["maxLength"] == LENGTHS["role"]
    assert properties["description"]["maxLength"] == LENGTHS["description"]
    assert section[0]["maxLength"] == section[1]["properties"]["name"]["maxLength"]
    assert section[0]["maxLength"] == question["section"]["maxLength"] == LENGTHS["section"]
    assert section[1]["properties"]["description"]["maxLength"] == LENGTHS["description"]
    assert question["id"]["maxLength"] == LENGTHS["id"]
    assert question["question"]["maxLength"] == LENGTHS["question"]
    assert question["hint"]["maxLength"] == LENGTHS["hint"]
    assert question["note"]["maxLength"] == LENGTHS["note"]
    assert question["look_for"]["items"]["maxLength"] == LENGTHS["item"]
    assert question["follow_ups"]["items"]["maxLength"] == LENGTHS["item"]
    assert (question["minutes"]["minimum"], question["minutes"]["maximum"]) == MINUTES_RANGE
    rubric = properties["rubric"]
    assert (rubric["minItems"], rubric["maxItems"]) == RUBRIC_LEVELS
    score = rubric["items"]["properties"]["score"]
    assert (score["minimum"], score["maximum"]) == SCORE_RANGE
    assert rubric["items"]["properties"]["label"]["maxLength"] == LENGTHS["label"]
    assert rubric["items"]["properties"]["anchor"]["maxLength"] == LENGTHS["item"]


def test_a_rubric_levels_label_and_anchor_are_bounded(cli, tmp_path):
    """A label of 1,000 characters passed `check` and made the fillable packet's rating row
    taller than its page: an internal error (a hostile trial). At 100 characters every
    packet builds; past it, and an anchor past 1,000, `check` names them."""

    def bank(label: str, anchor: str) -> Path:
        path = tmp_path / f"r{len(label)}.yaml"
        path.write_text(
            "title: T\nrubric:\n"
            f"  - {{score: 1, label: {label}, anchor: {anchor}}}\n"
            "  - {score: 2, label: ok, anchor: a}\n"
            "questions:\n  - {id: q1, section: A, question: What?, hint: Because.}\n",
            encoding="utf-8",
        )
        return path

    words = ("word " * 20).strip()  # 99 characters
    at_limit = bank(words + "s", "a")
    for fmt in ("docx", "pdf"):
        result = cli("packet", "--bank", at_limit, "--format", fmt, "--out", tmp_path / fmt)
        assert result.exit_code == 0, result.output
    over = bank(words + "ss", "b" * 1001)
    tail = "that every artifact can lay out; shorten it"
    assert refused(cli, over, tmp_path) == [
        f"{over}:3: rubric: score 1: 'label' is 101 characters long, more than the 100 {tail}",
        f"{over}:3: rubric: score 1: 'anchor' is 1,001 characters long, more than the 1,000 "
        + tail,
    ]


def test_an_id_longer_than_a_packets_form_field_names_take_is_refused(tmp_path):
    # 100,000 characters passed check; the fillable packet built named its form fields by
    # it, and the debrief refused that packet as damaged (a hostile trial)
    qid = "a" * (LENGTHS["id"] + 1)
    bank, result = check_text(
        tmp_path,
        f"title: T\nsections: [A]\nquestions:\n  - id: {qid}\n    section: A\n"
        "    question: Why?\n    hint: Because.\n",
    )
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{bank}:4: question '{'a' * 59}\u2026': id is 201 characters long, more than the 200 "
        "an id may have (the fillable packet names its form fields by it); shorten it"
    ]


def test_an_id_of_capitals_too_long_is_offered_no_id_too_long(tmp_path):
    # the advice for an id in capitals spelt it in lower case whole, 300 characters long,
    # which check then refused as longer than an id may be (a review)
    qid = "Ab" * 150
    bank, result = check_text(
        tmp_path,
        f"title: T\nsections: [A]\nquestions:\n  - id: {qid}\n    section: A\n"
        "    question: Why?\n    hint: Because.\n",
    )
    assert result.exit_code == 1
    (said,) = result.output.splitlines()
    assert "ab" * 150 not in said
    assert said.endswith(
        "id must be lowercase letters a to z (no accents), digits and single hyphens, and "
        f"at most {LENGTHS['id']} characters"
    ), said


def test_a_bank_of_thousands_of_problems_says_the_first_of_them_and_how_many_more(cli, tmp_path):
    """A question pasted 600 times without its hint printed 600 problems (50,000 printed
    21 MB: fuzzing); the first 500 are said, then where the rest start and how many there
    are, as a compiler stops at its error limit. The library's caller still has them all."""
    from qbank.errors import MOST_PROBLEMS_SAID

    questions = "".join(
        f"  - {{id: q{i}, section: S, question: 'Q {i}?'}}\n" for i in range(1, 602)
    )
    bank = tmp_path / "pasted.yaml"
    bank.write_text(f"title: T\nquestions:\n{questions}", encoding="utf-8")
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == MOST_PROBLEMS_SAID + 1 == 501
    assert lines[0] == f"{bank}:3: question 'q1': missing 'hint'"
    assert lines[499].startswith(f"{bank}:502: question 'q500': ")
    assert lines[500] == (
        f"{bank}:503: and 101 more problems from here, not said: correct those above, then "
        "check again"
    )
    with pytest.raises(BankError) as error:
        load_bank(bank)
    assert len(error.value.problems) == 601
