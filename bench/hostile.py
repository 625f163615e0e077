"""Hostile banks for bench/run.py: each small bank that once cost far more than its size,
beside a plain bank of the same size in characters (issue 16, item 5: every artifact's cost
grows at most linearly with the bank's size; each case within 3x of its plain bank)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

SHY = "\u00ad"  # a soft hyphen
WORDS = "the candidate explains how the model is tested and what the logs show ".split()


def plain_text(length: int) -> str:
    """Ordinary words, `length` characters."""
    text, n = [], 0
    while n < length:
        word = WORDS[len(text) % len(WORDS)]
        text.append(word)
        n += len(word) + 1
    return " ".join(text)[:length]


def _bank(title: str, description: str, sections: list, questions: list) -> dict:
    data: dict = {"title": title}
    if description:
        data["description"] = description
    if sections:
        data["sections"] = sections
    data["questions"] = questions
    return data


def _question(n: int, section: str = "Plain", question: str = "", hint: str = "") -> dict:
    return {
        "id": f"q{n}",
        "section": section,
        "question": question or f"How would you test model number {n} for leaks?",
        "hint": hint or plain_text(120),
        "tags": ["testing"],
        "look_for": ["A plan", "A check of the logs"],
        "minutes": 5,
    }


def _padding(size: int, section: str = "Plain") -> list[dict]:
    """Plain questions of about `size` characters in all."""
    return [_question(n, section) for n in range(1, 1 + max(1, size // 300))]


def soft_hyphens(hostile: bool, count: int) -> dict:
    """A hint that is one word of `count` soft hyphens ("a" + U+00AD each), among plain
    questions, about 20 KB in all; plain: the same hint as ordinary words."""
    hint = ("a" + SHY) * count if hostile else plain_text(2 * count)
    return _bank("Soft hyphens", "", [], [_question(0, hint=hint), *_padding(10_000)])


def description(hostile: bool, length: int) -> dict:
    """A description of `length` characters; plain: plain questions of that size."""
    if hostile:
        return _bank("Long description", plain_text(length), [], [_question(0)])
    return _bank("Long description", "", [], _padding(length))


def title(hostile: bool, length: int) -> dict:
    """A title of `length` characters without a space; plain: plain questions."""
    if hostile:
        return _bank("t" * length, "", [], [_question(0)])
    return _bank("Plain title", "", [], _padding(length))


def section_names(hostile: bool, length: int) -> dict:
    """Fifty sections, each named with `length` characters of wide letters without a space
    and described at length; plain: short names and descriptions, the same size in all."""
    names = [f"{n:02d}" + "W" * (length - 2) if hostile else f"Part {n}" for n in range(50)]
    size = 50 * (length + 200)
    sections = [{"name": name, "description": plain_text(200)} for name in names]
    questions = [_question(1000 + n, section=name) for n, name in enumerate(names)]
    if not hostile:
        questions += _padding(size - sum(len(n) for n in names), names[0])
    return _bank("Sections", "", sections, questions)


# name, what it shows, maker, its argument
CASES: list[tuple[str, str, Callable[[bool, int], dict], int]] = [
    (
        "soft-hyphens-5000",
        "a hint of one word of 5,000 soft hyphens (laid out)",
        soft_hyphens,
        5000,
    ),
    ("description-10k", "a description of 10,000 characters (laid out)", description, 10_000),
    ("description-100k", "a description of 100 KB (refused by the loader)", description, 100_000),
    ("title-200", "a title of 200 characters without a space (laid out)", title, 200),
    ("title-100k", "a title of 100,000 characters (refused)", title, 100_000),
    ("section-names-100", "50 section names of 100 wide letters (laid out)", section_names, 100),
]


def write(folder: Path, name: str, data: dict) -> Path:
    path = folder / f"{name}.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)
    path.write_text(text, encoding="utf-8")
    return path


def banks(folder: Path) -> list[tuple[str, str, Path, Path]]:
    """(name, what, hostile bank, plain bank of the same size) for every case."""
    made = []
    for name, what, maker, argument in CASES:
        hostile = write(folder, name, maker(True, argument))
        plain = write(folder, f"{name}-plain", maker(False, argument))
        made.append((name, what, hostile, plain))
    return made
