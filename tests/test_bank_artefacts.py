"""The bundled bank's artefacts: code, configurations and log excerpts that questions,
notes and follow-ups show as fenced code blocks. Each must be what it claims to be: the
Python compiles, the YAML and JSON parse, every line of a JSON Lines excerpt parses. The
bank is read as plain YAML here, so the check holds whatever the loader makes of Markdown."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
import yaml

from qbank.bank.syntax.lines import LOADER
from qbank.paths import DEFAULT_BANK

# A CommonMark fence: three or more backticks or tildes, then an info string whose first
# word names the language. The closing fence uses the same character, at least as many.
_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<lang>[^\s`]*)")


def fenced_blocks(text: str) -> Iterator[tuple[str, str]]:
    """Each fenced code block of `text` as (language, code); language '' when none."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opened = _OPEN.match(lines[i])
        if not opened:
            i += 1
            continue
        fence = opened["fence"]
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        body: list[str] = []
        i += 1
        while i < len(lines) and not closing.match(lines[i]):
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise AssertionError(f"a code block opened with {fence} is never closed")
        i += 1
        yield opened["lang"].lower(), "\n".join(body) + "\n"


def strings(node: object, where: str) -> Iterator[tuple[str, str]]:
    """Every text of a YAML document with its path, e.g. `questions[3].follow_ups[1]`."""
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from strings(value, f"{where}[{n}]")


def check(lang: str, code: str, where: str) -> None:
    """Raise if `code` is not valid `lang`; languages without a parser here pass."""
    if lang in ("python", "py"):
        compile(code, where, "exec")
    elif lang in ("yaml", "yml"):
        yaml.safe_load(code)
    elif lang == "json":
        json.loads(code)
    elif lang == "jsonl":
        for line in code.splitlines():
            if line.strip():
                json.loads(line)


def bank_blocks() -> list[tuple[str, str, str]]:
    # read at collection, by each test process: libyaml's loader, as the bank's own reader
    # (qbank/bank/syntax/lines.py), takes 0.01 s where PyYAML's Python one took 0.12 s
    bank = yaml.load(DEFAULT_BANK.read_text(encoding="utf-8"), Loader=LOADER)
    return [
        (where, lang, code)
        for where, text in strings(bank, "")
        for lang, code in fenced_blocks(text)
    ]


BLOCKS = bank_blocks()


def test_the_bank_shows_enough_artefacts():
    assert len(BLOCKS) >= 8, [where for where, _, _ in BLOCKS]
    assert all(lang for _, lang, _ in BLOCKS), "every artefact names its language"
    checked = {lang for _, lang, _ in BLOCKS} & {"python", "yaml", "json", "jsonl"}
    assert checked == {"python", "yaml", "json", "jsonl"}


def test_no_hint_holds_an_artefact():
    """The hints are the seed's, word for word; artefacts go in question, note or follow-up."""
    assert not [where for where, _, _ in BLOCKS if where.endswith(".hint")]


@pytest.mark.parametrize(("where", "lang", "code"), BLOCKS, ids=[b[0] for b in BLOCKS])
def test_artefact_parses(where, lang, code):
    check(lang, code, where)


def test_a_broken_artefact_is_caught():
    text = 'Find the bug:\n\n```python\ndef f(:\n    pass\n```\n\n```json\n{"a": 1,}\n```\n'
    (py_lang, py_code), (js_lang, js_code) = fenced_blocks(text)
    with pytest.raises(SyntaxError):
        check(py_lang, py_code, "sample")
    with pytest.raises(json.JSONDecodeError):
        check(js_lang, js_code, "sample")
    with pytest.raises(AssertionError, match="never closed"):
        list(fenced_blocks("```yaml\na: 1\n"))
