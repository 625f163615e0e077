#!/usr/bin/env python3
"""Editing and importing at 2,000 to 20,000 questions: does the cost grow linearly?
(issue 27, item 7: `check --fix-ids` took 2.5/9.6/38 s at 5k/10k/20k, `import` of 20,000
identical questions 72 s, rows with a bad `minutes` 6.4/31 s at 10k/20k.)

Each figure is the CPU time of the step alone (`authoring.fix_ids`, the edit of
`check --fix-ids` without the check that follows it, on a bank whose
questions have no id; `authoring.import_spreadsheet` on a CSV of identical rows; the same
with every `minutes` cell bad, which is refused with a message per row), in a fresh
process each, best of `--runs`: imports and start-up are left out. Linear growth shows as
a steady time per question.

    .venv/bin/python bench/growth.py            # print the table
    .venv/bin/python bench/growth.py --record   # also put it in bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import check, record_section  # noqa: E402

from qbank import authoring  # noqa: E402
from qbank.errors import QbankError  # noqa: E402

HEADING = "## Editing and importing large banks (issue 27)"
RATIO = 1.3  # time per question at the largest size against the smallest, at most
QUESTION = "How would you test a model for data leaks through its outputs?"
HINT = "Probe with canaries, compare outputs against the training set, and log every hit."
CASES = {  # name: (what, sizes)
    "fix-ids": ("`--fix-ids` (the edit), identical questions without ids", (5000, 10000, 20000)),
    "import": ("`import` of identical rows without ids (CSV)", (2000, 10000, 20000)),
    "bad-minutes": ("`import` of rows whose `minutes` is bad (refused)", (5000, 10000, 20000)),
}


def fix_ids_bank(folder: Path, size: int) -> Path:
    lines = ["title: Growth", "questions:"]
    for _ in range(size):
        lines += [f"  - question: {QUESTION}", f"    hint: {HINT}", "    section: Testing"]
    path = folder / f"fix-{size}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sheet(folder: Path, size: int, minutes: str) -> Path:
    path = folder / f"sheet-{size}-{minutes or 'none'}.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["question", "hint", "section", "minutes"])
        for _ in range(size):
            writer.writerow([QUESTION, HINT, "Testing", minutes])
    return path


def one(kind: str, size: int) -> float:
    """CPU seconds of one case at one size, in this process."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if kind == "fix-ids":
            bank = fix_ids_bank(folder, size)
            start = time.process_time()
            added = authoring.fix_ids(bank)
            seconds = time.process_time() - start
            assert len(added) == size, len(added)
            return seconds
        source = sheet(folder, size, "5" if kind == "import" else "soon")
        start = time.process_time()
        try:
            authoring.import_spreadsheet(source, folder / "bank.yaml", None)
        except QbankError as exc:
            assert kind == "bad-minutes", exc
            assert str(exc).count("minutes") >= size, str(exc)[:200]
        else:
            assert kind == "import"
        return time.process_time() - start


def measure(kind: str, size: int, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        command = [sys.executable, __file__, "--one", kind, str(size)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        best = min(best, float(done.stdout))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="write it into bench/RESULTS.md")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(one(args.one[0], int(args.one[1])))
        return
    rows = []
    for kind, (_, sizes) in CASES.items():
        for size in sizes:
            seconds = measure(kind, size, args.runs)
            rows.append((kind, size, seconds))
            print(f"{kind:<12} {size:>6} {seconds:7.2f} s CPU", flush=True)
    section = render(rows, args.runs)
    print(section)
    if args.record:
        record_section(HEADING, section)


def render(rows: list[tuple[str, int, float]], runs: int) -> str:
    lines = [
        HEADING,
        "",
        "Made by `bench/growth.py`: the CPU time of the step alone (no start-up), a fresh",
        f"process each, best of {runs}; linear growth is a steady time per question.",
        f"Recorded {time.strftime('%Y-%m-%d %H:%M')}, load average {os.getloadavg()[0]:.1f} on",
        f"{os.cpu_count()} cores.",
        "",
        "| case | questions | CPU s | µs per question |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind, size, seconds in rows:
        what = CASES[kind][0]
        lines.append(f"| {what} | {size:,} | {seconds:.2f} | {seconds / size * 1e6:.0f} |")
    lines.append("")
    for kind, (what, sizes) in CASES.items():
        cost = {size: s / size for k, size, s in rows if k == kind}
        ratio = cost[sizes[-1]] / cost[sizes[0]]
        lines.append(
            check(f"{what}, per question, {sizes[-1]:,} vs {sizes[0]:,}", ratio, RATIO, "x")
        )
    return "\n".join([*lines, "", *FINDINGS]) + "\n"


# What profiling found (cProfile), and what was done about it.
FINDINGS = [
    "What the profiler found: Python's cyclic garbage collector, scanning a heap that grows",
    "with the bank, again and again while nothing of it is garbage (as in loading, where it",
    "was already off). It is now off while `--fix-ids` parses the bank (twice: to edit it,",
    "and to compare the result) and while a sheet is read into a bank. Before, in the same",
    "process-CPU terms: `--fix-ids` 0.70 / 1.72 / 4.51 s at 5,000 / 10,000 / 20,000",
    "(140 to 225 µs per question, 1.6 x); rows with a bad `minutes` 78 / 82 / 101 µs per",
    "row (1.31 x). The id proposals, the row look-ups and the warning de-duplication were",
    "already dicts and sets. The whole `check --fix-ids` command also checks the bank for",
    "every exporter afterwards (bench/limits.py measures `check`).",
]


if __name__ == "__main__":
    main()
