#!/usr/bin/env python3
"""Refactoring guard: every exporter on every fixture bank, byte for byte against a baseline.

    .venv/bin/python bench/same_output.py capture /tmp/qbank-baseline   # before a refactor
    .venv/bin/python bench/same_output.py compare /tmp/qbank-baseline   # after it

`capture` builds, with SOURCE_DATE_EPOCH fixed, each exporter alone on every bank of
tests/fixtures/ that loads (and the bundled bank, with a few options: letter paper, a
panel, the workshop edition, calibration cards, the PDF packet), plus a debrief of two
filled packets, into the given folder (outside the repository). `compare` builds the same
into a fresh folder and lists every file that is new, missing or different; it exits 1
when anything differs.
Each build runs in its own process, as the command line does, so no build sees another's.
Run both halves in one checkout: its editable install maps qbank's templates to that
checkout, whichever copy of the code runs.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1700000000"
EXPORTERS = ("booklet", "anki", "packet", "cards", "html")
BUNDLED = ROOT / "bank" / "ai-cybersecurity-analyst.yaml"
# (folder, exporter, options) beyond each exporter's defaults, on the bundled bank
VARIANTS = (
    ("letter", "booklet", ("--paper", "letter")),
    ("letter", "cards", ("--paper", "letter")),
    ("letter", "packet", ("--paper", "letter")),
    ("panel", "packet", ("--panel", "3", "--seed", "7")),
    ("calibrate", "cards", ("--calibrate",)),
    # the fillable PDF packet, whose time plan and pages the DOCX's builds do not reach
    ("pdf", "packet", ("--format", "pdf")),
    ("pdf-letter", "packet", ("--format", "pdf", "--paper", "letter")),
    ("pdf-panel", "packet", ("--format", "pdf", "--panel", "3", "--seed", "7")),
)


def _qbank(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "QBANK_PAPER": ""}
    command = [sys.executable, str(ROOT / "generate.py"), *map(str, args)]
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=cwd)


def _loads(bank: Path) -> bool:
    return _qbank("check", "--bank", bank).returncode == 0


def _debrief(out: Path) -> None:
    """Two packets of a panel filled in by helpers the tests use, read into a debrief."""
    sys.path.insert(0, str(ROOT / "tests"))
    from filling import Filled, fill, question_ids

    packets = out / "packets"
    result = _qbank("packet", "--bank", BUNDLED, "--out", packets, "--panel", "2", "--seed", "3")
    if result.returncode:
        raise SystemExit(result.stderr)
    filled = []
    for member, path in enumerate(sorted(packets.glob("*-[0-9].docx")), start=1):
        ids = question_ids(path)
        form = Filled(
            header={"candidate": "Ada Lovelace", "interviewer": f"Interviewer {member}"},
            scores={qid: [1 + (n + member) % 5] for n, qid in enumerate(ids)},
            hints={ids[0]},
            notes={ids[-1]: "Said `nmap` twice\nthen stopped"},
            recommendations=["yes"],
            evidence="Clear threat model",
        )
        filled.append(fill(path, out / f"filled-{member}.docx", form))
    # from the packets' folder, so that the CSV names them alike in every run
    names = [path.name for path in filled]
    result = _qbank("debrief", *names, "--bank", BUNDLED, "--out", "debrief", cwd=out)
    if result.returncode:
        raise SystemExit(result.stderr)
    for path in filled:
        path.unlink()


def _record(target: Path, result: subprocess.CompletedProcess[str], out: Path) -> None:
    """The exit status and messages, with the folders named alike in every checkout."""
    target.mkdir(parents=True, exist_ok=True)
    messages = result.stderr.replace(str(out), "OUT").replace(str(ROOT), "ROOT")
    (target / "exit.txt").write_text(f"{result.returncode}\n{messages}")


def build_all(out: Path) -> None:
    banks = [BUNDLED, *sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))]
    for bank in banks:
        if not _loads(bank):
            continue
        for exporter in EXPORTERS:
            target = out / bank.stem / exporter
            result = _qbank(exporter, "--bank", bank, "--out", target)
            _record(target, result, out)
    for folder, exporter, options in VARIANTS:
        target = out / BUNDLED.stem / folder / exporter
        result = _qbank(exporter, "--bank", BUNDLED, "--out", target, *options)
        _record(target, result, out)
    _debrief(out / "debrief")


def differences(old: Path, new: Path) -> list[str]:
    found = []
    old_files = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    new_files = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    found += [f"missing: {p}" for p in sorted(old_files - new_files)]
    found += [f"new: {p}" for p in sorted(new_files - old_files)]
    for path in sorted(old_files & new_files):
        if not filecmp.cmp(old / path, new / path, shallow=False):
            found.append(f"differs: {path}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("capture", "compare"))
    parser.add_argument("baseline", type=Path, help="a folder outside the repository")
    args = parser.parse_args()
    if args.action == "capture":
        build_all(args.baseline)
        count = sum(1 for p in args.baseline.rglob("*") if p.is_file())
        print(f"{count} files in {args.baseline}")
        return 0
    with tempfile.TemporaryDirectory(prefix="qbank-same-") as scratch:
        build_all(Path(scratch))
        found = differences(args.baseline, Path(scratch))
    print("\n".join(found) or "byte-identical")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
