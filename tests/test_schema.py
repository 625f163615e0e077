"""bank/schema.json and the bank checker say the same thing about keys, types and required
fields: for every mutation of a bank that uses every field, the schema's own validator and
qbank's loader agree on whether the bank is valid."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from qbank.bank import load_bank
from qbank.errors import BankError

SCHEMA = json.loads((Path(__file__).parents[1] / "bank" / "schema.json").read_text())

# Every field the format has, each once, valid for both.
FULL = {
    "title": "Every field",
    "description": "A bank that uses every field once.",
    "role": "Analyst",
    "language": "pt-BR",
    "reviewed": "2026-11-01",
    "markup": "markdown",
    "tags": [
        {"name": "alpha", "description": "Questions about alpha."},
        {"name": "beta", "description": "Questions about beta."},
    ],
    "competencies": [
        {"name": "knowing", "description": "Knows the letters.", "weight": 2},
        {"name": "spelling", "description": "Spells with them."},
    ],
    "sections": [{"name": "One", "description": "The first."}, "Two"],
    "rubric": [
        {"score": 1, "label": "Low", "anchor": "Nothing useful."},
        {"score": 3, "label": "Some", "anchor": "Part of it."},
        {"score": 5, "label": "High", "anchor": "All of it."},
    ],
    "questions": [
        {
            "id": "first",
            "section": "One",
            "question": "What is alpha?",
            "hint": "A letter.",
            "tags": ["alpha"],
            "look_for": ["Names it"],
            "follow_ups": ["And beta?"],
            "minutes": 5,
            "note": "An editor's note.",
            "sources": [{"title": "A source", "url": "https://example.org/a"}],
            "group": "letters",
            "competency": "knowing",
            # valid on the bank's rubric (1, 3, 5) and on the default (1 to 5) alike
            "anchors": {1: "Names no letter.", 3: "Names alpha.", 5: "Says where it is used."},
        },
        {
            "id": "second",
            "section": "Two",
            "question": "What is beta?",
            "hint": "Another letter.",
            "tags": ["beta"],
            "group": "letters",
            "competency": "spelling",
        },
        # a group needs two questions, also when a mutation takes one question's away
        {
            "id": "third",
            "section": "Two",
            "question": "Gamma?",
            "hint": "G.",
            "group": "letters",
            "competency": "spelling",
        },
    ],
}

# A value of the wrong JSON type for each kind of field the schema declares.
WRONG = {"string": ["a", "list"], "integer": "five", "array": {"a": "table"}, "object": "text"}


def _objects(schema: dict, value: object, path: tuple) -> list[tuple[tuple, dict]]:
    """(path, schema) of every object in FULL that the schema describes with properties."""
    found = []
    if "$ref" in schema:
        schema = SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[1]] | {
            k: v for k, v in schema.items() if k != "$ref"
        }
    if "oneOf" in schema:
        for option in schema["oneOf"]:
            if jsonschema.Draft202012Validator(option | {"$defs": SCHEMA["$defs"]}).is_valid(value):
                return _objects(option, value, path)
    if schema.get("type") == "object" and isinstance(value, dict):
        found.append((path, schema))
        for key, inner in schema.get("properties", {}).items():
            if key in value:
                found += _objects(inner, value[key], (*path, key))
    elif schema.get("type") == "array" and isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            found += _objects(schema["items"], item, (*path, i))
    return found


def _resolve(schema: dict) -> dict:
    if "$ref" in schema:
        return SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[1]] | schema
    return schema


def _at(bank: dict, path: tuple) -> dict:
    for step in path:
        bank = bank[step]
    return bank


def _mutations() -> list[tuple[str, dict]]:
    cases = []
    for path, schema in _objects(SCHEMA, FULL, ()):
        where = "/".join(map(str, path)) or "top"
        for key, inner in schema.get("properties", {}).items():
            target = _at(FULL, path)
            if key in target:
                removed = copy.deepcopy(FULL)
                del _at(removed, path)[key]
                cases.append((f"{where}: without {key}", removed))
                kind = _resolve(inner).get("type")
                if kind in WRONG:
                    wrong = copy.deepcopy(FULL)
                    _at(wrong, path)[key] = WRONG[kind]
                    cases.append((f"{where}: {key} of another type", wrong))
        unknown = copy.deepcopy(FULL)
        _at(unknown, path)["colour"] = "blue"
        cases.append((f"{where}: an unknown key", unknown))
    return cases


MUTATIONS = _mutations()


def _schema_says(bank: dict) -> bool:
    return jsonschema.Draft202012Validator(SCHEMA).is_valid(bank)


def _checker_says(bank: dict, tmp_path: Path) -> bool:
    path = tmp_path / "bank.yaml"
    path.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        load_bank(path)
    except BankError:
        return False
    return True


def test_the_full_bank_is_valid_for_both(tmp_path):
    assert _schema_says(FULL)
    assert _checker_says(FULL, tmp_path)


def test_every_key_of_the_checker_is_in_the_schema_and_back():
    from qbank.bank import checks

    top = SCHEMA["properties"]
    assert set(checks.TOP_KEYS) == set(top)
    assert set(checks.QUESTION_KEYS) == set(SCHEMA["$defs"]["question"]["properties"])
    section = next(o for o in top["sections"]["items"]["oneOf"] if o["type"] == "object")
    assert set(checks.SECTION_KEYS) == set(section["properties"])
    assert set(checks.RUBRIC_KEYS) == set(top["rubric"]["items"]["properties"])


def test_mutations_cover_every_object_and_key():
    named = {name for name, _ in MUTATIONS}
    assert "top: without title" in named
    assert "questions/0: without hint" in named
    assert "questions/0/sources/0: without url" in named
    assert "rubric/0: score of another type" in named
    assert "tags/0: an unknown key" in named
    assert len(MUTATIONS) > 60


@pytest.mark.parametrize("name,bank", MUTATIONS, ids=[n for n, _ in MUTATIONS])
def test_the_schema_and_the_checker_agree(name, bank, tmp_path):
    assert _schema_says(bank) == _checker_says(bank, tmp_path), name


@pytest.mark.parametrize("markup,valid", [("Markdown", True), ("PLAIN", True), ("Markdwn", False)])
def test_the_schema_and_the_checker_read_markup_in_any_case(markup, valid, tmp_path):
    """An editor that the schema guides takes `markup: Markdown` as check does."""
    bank = copy.deepcopy(FULL) | {"markup": markup}
    assert _schema_says(bank) == _checker_says(bank, tmp_path) == valid
