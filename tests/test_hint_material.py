"""`check` warns of a question whose material (code, a table, a picture) sits in its hint
alone: the workshop handout and a card's front leave the hint out, so "What does this alert
fire on?" printed there with nothing to read. Read back from `check`'s own output."""

from __future__ import annotations

import re

import pytest
from helpers import FIXTURES, check_text, run_cli

from qbank.paths import DEFAULT_BANK

TOLD = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+): warning: question '(?P<id>[^']+)': the question points at"
)

CODE = ["```kql", "SigninLogs", "| where ResultType != 0", "```"]
TABLE = ["| Approach | Finds |", "| --- | --- |", "| Signatures | known malware |"]


def _question(qid: str, question: str, hint: list[str], section: str = "Detection") -> str:
    lines = "".join(f"      {line}\n" if line else "\n" for line in hint)
    return f"  - id: {qid}\n    section: {section}\n    question: {question}\n    hint: |\n{lines}"


def _told(output: str) -> dict[str, int]:
    """The questions told, each with the line it is told at."""
    return {m["id"]: int(m["line"]) for m in map(TOLD.match, output.splitlines()) if m}


def _line_of(text: str, written: str, after: str) -> int:
    """The file's line (from 1) of the first line `written` after the line holding `after`."""
    lines = text.split("\n")
    start = next(n for n, line in enumerate(lines) if after in line)
    return next(n for n in range(start, len(lines)) if lines[n].strip() == written) + 1


def test_the_question_that_points_at_its_hints_code_is_told_at_the_code(tmp_path):
    text = "title: Detection\nrole: SOC analyst\nmarkup: markdown\nquestions:\n"
    text += _question("alert-rule", "What does this alert fire on?", ["It fires on:", "", *CODE])
    # the hint's code or table is the answer: the question points at nothing
    text += _question("write-query", "Write a query that counts failed sign-ins.", CODE)
    text += _question("compare", "Compare the four detection approaches.", TABLE)
    # its own code is what it points at
    own = "|\n      What does this query find?\n\n" + "".join(f"      {c}\n" for c in CODE)
    text += _question("own-code", own.rstrip("\n"), ["Failures:", "", *CODE])
    # 'this' of a later sentence points back at the scenario before it
    scenario = "A user pastes an API key into the chat. How would you detect this?"
    text += _question("scenario", scenario, ["A filter on the input:", "", *CODE])
    # a colon that ends the question, nothing after it
    colon = '"Name the attack in the sign-in log:"'
    text += _question("log-lines", colon, ["Spraying:", "", *TABLE])
    bank, result = check_text(tmp_path, text)
    assert result.exit_code == 0, result.output
    told = _told(result.stderr)
    assert told == {
        "alert-rule": _line_of(text, "```kql", "alert-rule"),
        "log-lines": _line_of(text, TABLE[0], "log-lines"),
    }, result.stderr
    said = next(line for line in result.stderr.splitlines() if "'alert-rule'" in line)
    assert said.startswith(f"{bank}:")
    assert "('What does this alert fire on?')" in said
    assert "the workshop handout and the front of a card leave out" in said
    assert "the interviewer's packet shows it only under the hint" in said
    assert "move the code block into the question, under its words" in said
    assert "write question: |" in said
    table = next(line for line in result.stderr.splitlines() if "'log-lines'" in line)
    assert "move the table into the question" in table


@pytest.mark.parametrize(
    "language,points,asks",
    [
        ("fr", "Que trouve cette requête ?", "Écrivez une requête qui compte les échecs."),
        ("de", "Was findet die folgende Abfrage?", "Schreiben Sie eine Abfrage der Fehlschläge."),
        ("es", "¿Qué encuentra esta consulta?", "Escriba una consulta que cuente los fallos."),
        ("ja", "このクエリは何を検出しますか？", "失敗を数えるクエリを書いてください。"),
    ],
)
def test_a_bank_in_another_language_is_read_with_its_words(tmp_path, language, points, asks):
    text = f"title: T\nlanguage: {language}\nmarkup: markdown\nquestions:\n"
    text += _question("points", points, ["", *CODE])
    text += _question("asks", asks, CODE)
    _, result = check_text(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert set(_told(result.stderr)) == {"points"}, result.stderr


def test_a_sections_own_language_gives_its_words(tmp_path):
    """'diese' points in German, not in the bank's English: the section's language decides."""
    text = "title: T\nmarkup: markdown\nsections:\n  - English\n  - {name: Deutsch, language: de}\n"
    text += "questions:\n" + _question("de", "Was findet diese Abfrage?", CODE, "Deutsch")
    text += _question("en", "Was findet diese Abfrage?", CODE, "English")
    _, result = check_text(tmp_path, text)
    assert set(_told(result.stderr)) == {"de"}, result.stderr


def test_the_fixture_banks_told_are_those_whose_hint_holds_what_they_ask_about():
    """The bundled bank, and the fixture whose hints' tables are the answers, are told
    nothing; "What does this picture show?" over the picture in the hint is told."""
    told = {}
    for bank in (DEFAULT_BANK, FIXTURES / "markdown" / "hint-tables.yaml"):
        result = run_cli("check", "--bank", bank)
        assert result.exit_code == 0, result.output
        told |= _told(result.stderr)
    result = run_cli("check", "--bank", FIXTURES / "markdown" / "vocabulary.yaml")
    told |= _told(result.stderr)  # a Spanish bank asking in English: a picture
    assert told == {"flow": 15}, told
    assert "move the picture into the question" in result.stderr


@pytest.mark.slow
def test_a_build_tells_it_once(built):
    """Once for the whole build, not once for each artifact that leaves the hint out."""
    made = built("all", "--bank", FIXTURES / "long-calls.yaml")
    told = [line for line in made.output.splitlines() if TOLD.match(line)]
    assert [TOLD.match(line)["id"] for line in told] == ["chat-call", "summary-call"], told
