#!/usr/bin/env python3
"""A bank at every limit against an ordinary 5,000-question bank (issue 27, item 7).

Every text of the bank at its length limit (docs/bank-format.md, "Limits"), as many
questions as the 20 MB limit of a bank file holds; beside bench/run.py's 5,000-question
bank. Each exporter, `all` and `check` run as one fresh `generate.py` process on each bank:
wall time, CPU time (the process and the workers it forks) and peak memory, then the CPU
time per megabyte of bank against the ordinary bank's. Target: at most twice the ordinary
bank's time per megabyte, and under 1 GB.

    .venv/bin/python bench/limits.py            # print the table
    .venv/bin/python bench/limits.py --record   # also put it in bench/RESULTS.md

The banks are generated into a temporary folder (20 MB: not kept in the repository).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402
from hostile import plain_text  # noqa: E402
from run import measure, record_section, scaled_bank  # noqa: E402

from qbank.bank import MAX_BANK_BYTES  # noqa: E402
from qbank.bank.checks import LENGTHS  # noqa: E402

HEADING = "## A bank at every limit (issue 27)"
COMMANDS = ("check", "booklet", "anki", "packet", "cards", "html", "all")
RATIO = 2.0  # time per megabyte, at most this many times the ordinary bank's
PEAK_MB = 1024.0
SECTIONS = 10
ITEMS = 5  # look_for and follow_ups items per question (their number has no limit)


def limits_question(n: int, section: str) -> dict:
    """A question whose every text is at its length limit."""
    item = LENGTHS["item"]
    return {
        "id": f"limit-{n}",
        "section": section,
        "question": plain_text(LENGTHS["question"] - 1) + "?",
        "hint": plain_text(LENGTHS["hint"]),
        "note": plain_text(LENGTHS["note"]),
        "tags": ["testing", "limits"],
        "look_for": [plain_text(item - len(str(k))) + str(k) for k in range(ITEMS)],
        "follow_ups": [plain_text(item - 1 - len(str(k))) + f"{k}?" for k in range(ITEMS)],
        "minutes": 5,
    }


def limits_bank(folder: Path, size: int = int(MAX_BANK_BYTES * 0.98)) -> Path:
    """A bank of about `size` bytes (by default just under the 20 MB limit) whose title,
    description, sections and questions are each at their length limits."""
    names = [f"{k:02d} " + plain_text(LENGTHS["section"] - 3) for k in range(SECTIONS)]
    data = {
        "title": plain_text(LENGTHS["title"]),
        "role": plain_text(LENGTHS["role"]),
        "description": plain_text(LENGTHS["description"]),
        "sections": [{"name": n, "description": plain_text(LENGTHS["description"])} for n in names],
        "questions": [limits_question(0, names[0])],
    }

    def dump() -> str:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)

    first = len(dump().encode())
    data["questions"].append(limits_question(1, names[1]))
    per_question = len(dump().encode()) - first
    count = max(2, (size - first) // per_question + 1)
    data["questions"] = [limits_question(n, names[n % SECTIONS]) for n in range(count)]
    path = folder / "limits.yaml"
    path.write_text(dump(), encoding="utf-8")
    return path


def run(command: str, bank: Path, out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (with forked workers) and peak MB of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, peak = measure([command, "--bank", str(bank)], out)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="write it into bench/RESULTS.md")
    parser.add_argument("--commands", default=",".join(COMMANDS), help="which to run")
    parser.add_argument(
        "--banks", nargs=2, type=Path, metavar=("ORDINARY", "LIMITS"), help="banks made before"
    )
    args = parser.parse_args()
    commands = args.commands.split(",")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.banks:
            banks = [("ordinary", args.banks[0]), ("at the limits", args.banks[1])]
        else:
            banks = [
                ("ordinary", scaled_bank(5000, folder)),
                ("at the limits", limits_bank(folder)),
            ]
        sizes = {name: bank.stat().st_size / 1e6 for name, bank in banks}
        counts = {name: len(yaml.safe_load(bank.read_text())["questions"]) for name, bank in banks}
        for command in commands:
            for name, bank in banks:
                seconds, cpu, peak = run(command, bank, folder / "out")
                rows.append((command, name, seconds, cpu, peak))
                print(f"{command:<8} {name:<14} {seconds:7.1f} s {cpu:7.1f} s CPU {peak:6.0f} MB")
    section = render(rows, commands, sizes, counts)
    print(section)
    if args.record:
        record_section(HEADING, section)


def render(rows, commands, sizes, counts) -> str:
    lines = [
        HEADING,
        "",
        "Made by `bench/limits.py`: every text of the bank at its length limit (title, role,",
        "description, 10 sections of 100-character names and 10,000-character descriptions;",
        "each question 1,000 characters, hint and note 10,000, five look_for and five",
        "follow_ups items of 1,000), as many questions as the 20 MB limit holds, against",
        f"bench/run.py's 5,000-question bank. Ordinary: {counts['ordinary']:,} questions,",
        f"{sizes['ordinary']:.1f} MB; at the limits: {counts['at the limits']:,} questions,",
        f"{sizes['at the limits']:.1f} MB. One fresh process each; CPU is the process and the",
        "workers it forks, and is what the target compares (the machine is shared: wall time",
        "waits for a core). Peak memory is the largest PSS sum of the process tree.",
        f"Recorded {time.strftime('%Y-%m-%d %H:%M')}, load average {os.getloadavg()[0]:.1f} on",
        f"{os.cpu_count()} cores.",
        "",
        "| command | bank | wall s | CPU s | CPU s per MB | peak MB |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    per_mb = {}
    for command, name, seconds, cpu, peak in rows:
        per_mb[command, name] = cpu / sizes[name]
        lines.append(
            f"| {command} | {name} | {seconds:.1f} | {cpu:.1f} | {cpu / sizes[name]:.2f} "
            f"| {peak:.0f} |"
        )
    lines.append("")
    for command in commands:
        ratio = per_mb[command, "at the limits"] / per_mb[command, "ordinary"]
        peak = max(r[4] for r in rows if r[0] == command and r[1] == "at the limits")
        verdict = "met" if ratio <= RATIO and peak < PEAK_MB else "MISSED"
        lines.append(
            f"- {command}: {ratio:.2f} x the ordinary bank's CPU per MB (target at most "
            f"{RATIO:g} x), {peak:.0f} MB (target under {PEAK_MB:.0f} MB): {verdict}"
        )
    return "\n".join([*lines, "", *FINDINGS]) + "\n"


# What profiling the bank at the limits found (cProfile), and what was done about it.
FINDINGS = [
    "What the profiler found: the flashcards. A text too long for one card is split over",
    "`cont.` cards at the minimum size, and reportlab's `Paragraph.split` leaves the rest as",
    "a new paragraph that is broken into lines again: once more for every card the text",
    "continues on, so a back of n cards cost about n/2 times its text (the issue measured",
    "1,018 s and 7.3 GB for `cards` on such a bank, with the code of then; this run did not",
    "measure the old code). The rest and the head now keep the lines the whole was",
    "broken into (qbank/exporters/cards/face.py, `_carry_lines`; every fixture's flashcards",
    "are byte-identical), and a text that cannot fit a card even at the minimum is known from",
    "its characters' widths (`_least_height`) instead of being wrapped at each size first.",
    "A 10,000-character hint and note are now broken into lines once each (tests/test_cards.py",
    "counts the characters given to reportlab's line breaker: 3.7 times the text before,",
    "1.0 now). The text limits stay: at them, a hint and a note continue at 7 pt over about",
    "11 index cards, which stay readable (docs/bank-format.md, Limits).",
]


if __name__ == "__main__":
    main()
