"""The Makefile as people use it: one command per artifact, clear one-line refusals, and
variants that never stand in for the whole-bank artifacts."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent
BANK = "bank/ai-cybersecurity-analyst.yaml"
STEM = "ai-cybersecurity-analyst"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("make") is None or not (ROOT / ".venv" / ".installed").exists(),
        reason="needs GNU make and the set-up .venv (make)",
    ),
]


def make(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    # -o: the set-up stamp counts as old and up to date, so a .venv installed before the
    # last change to pyproject.toml does not make every artifact look stale here
    keep = [] if "previews" in args else ["-o", ".venv/.installed"]
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *keep, *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


def exporter_commands(output: str) -> list[str]:
    return [line for line in output.splitlines() if "generate.py" in line]


def test_make_j4_after_touching_the_bank_runs_each_exporter_once(tmp_path):
    bank = tmp_path / "bank.yaml"
    shutil.copy(ROOT / BANK, bank)
    out = tmp_path / "out"
    assert make("--dry-run", f"BANK={bank}", f"OUT={out}").returncode == 0
    for name in ("booklet.pdf", "workshop.pdf", "packet.docx", "flashcards.pdf"):
        (out / f"bank-{name}").write_bytes(b"made")
    for name in ("bank.apkg", "bank.html"):
        (out / name).write_bytes(b"made")
    assert make("-q", f"BANK={bank}", f"OUT={out}").returncode == 0  # all up to date
    os.utime(bank)  # touch the bank
    result = make("-j4", "--dry-run", f"BANK={bank}", f"OUT={out}")
    assert result.returncode == 0, result.stderr
    commands = exporter_commands(result.stdout)
    assert sorted(c.split()[2] for c in commands) == ["anki", "booklet", "cards", "html", "packet"]
    # a picture beside the bank, redrawn: every artifact again (the deck is dated by it)
    picture = tmp_path / "diagrams" / "flow.png"
    picture.parent.mkdir()
    picture.write_bytes(b"png")
    # names make would read as its own syntax are passed by: a ';' in one started a recipe
    # (a hostile test's file ran a command), a colon stopped every target
    for odd in ("fig:1 copy.png", "x.png;touch$${IFS}PWNED;.png", "d$(shell touch PWNED).png"):
        (tmp_path / odd).write_bytes(b"png")
    os.utime(bank, (1, 1))
    assert make("-q", f"BANK={bank}", f"OUT={out}").returncode == 1  # newer than the artifacts
    # each at one moment: touched one after another, the settings file (a prerequisite in
    # out/) was newer than an artifact touched before it when the clock ticked between
    # them (a failure of one run in a few on a busy machine)
    now = time.time()
    for made in out.iterdir():
        os.utime(made, (now, now))
    assert make("-q", f"BANK={bank}", f"OUT={out}").returncode == 0
    os.utime(picture, (2**31, 2**31))
    dry = make("--dry-run", f"BANK={bank}", f"OUT={out}")
    assert len(exporter_commands(dry.stdout)) == 5
    assert "PWNED" not in dry.stdout + dry.stderr  # no command of a file's name
    assert not list(tmp_path.glob("PWNED*")) and not list(ROOT.glob("PWNED*"))


@pytest.mark.parametrize(
    ("bank", "message"),
    [
        ("My Bank.yaml", 'BANK="My Bank.yaml": make cannot use a path with spaces'),
        ("missing.yaml", "BANK=missing.yaml: no such file"),
    ],
)
def test_a_bank_make_cannot_use_is_one_line(bank, message, tmp_path):
    result = make(f"BANK={bank}", f"OUT={tmp_path}")
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert message in line


def test_help_lists_targets_and_variables():
    result = make("help")
    assert result.returncode == 0
    for word in ("make booklet", "make previews", "make clean", "BANK=", "OUT=", "PAPER="):
        assert word in result.stdout


def test_clean_is_quiet(tmp_path):
    (tmp_path / f"{STEM}.apkg").write_bytes(b"x")
    result = make("clean", f"OUT={tmp_path}")
    assert result.returncode == 0 and result.stdout == ""
    assert not (tmp_path / f"{STEM}.apkg").exists()


def test_a_change_of_paper_rebuilds_everything(tmp_path):
    assert make("--dry-run", f"OUT={tmp_path}").returncode == 0  # records paper=a4
    assert (tmp_path / f".{STEM}.settings").read_text().strip() == "paper=a4"
    for name in ("booklet.pdf", "workshop.pdf", "packet.docx", "flashcards.pdf"):
        (tmp_path / f"{STEM}-{name}").write_bytes(b"made")
    for name in (f"{STEM}.apkg", f"{STEM}.html"):
        (tmp_path / name).write_bytes(b"made")
    assert make("-q", f"OUT={tmp_path}").returncode == 0  # up to date on A4
    result = make("--dry-run", f"OUT={tmp_path}", "PAPER=letter")
    assert len(exporter_commands(result.stdout)) == 5
    assert (tmp_path / f".{STEM}.settings").read_text().strip() == "paper=letter"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_variant_never_stands_in_for_the_whole_bank_artifact(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    assert make("anki", "packet", f"OUT={tmp_path}", env=env).returncode == 0
    whole = {name: digest(tmp_path / name) for name in (f"{STEM}.apkg", f"{STEM}-packet.docx")}
    for args in (["anki", "--section", "Advanced"], ["packet", "--minutes", "45"]):
        assert run_cli(*args, "--bank", ROOT / BANK, "--out", tmp_path).exit_code == 0
    assert {name: digest(tmp_path / name) for name in whole} == whole
    assert make("-q", "anki", "packet", f"OUT={tmp_path}").returncode == 0  # up to date
    (tmp_path / f"{STEM}-packet.docx").unlink()
    assert run_cli("packet", "--all", "--bank", ROOT / BANK, "--out", tmp_path).exit_code == 0
    rebuilt = exporter_commands(make("--dry-run", "packet", f"OUT={tmp_path}").stdout)
    assert len(rebuilt) == 1 and " packet " in rebuilt[0]


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git history")
def test_the_readme_previews_are_what_make_previews_renders(tmp_path):
    """A fresh clone stays clean after `make previews`: the committed PNGs are exactly what
    it renders now. After a change to the bundled bank or the PDFs' look, run `make
    previews` and commit previews/*.png."""
    result = make("previews", "PREVIEW_OUT=" + str(tmp_path / "pdf"), f"OUT={tmp_path}")
    assert result.returncode == 0, result.stderr
    changed = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "previews"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert changed == "", "run `make previews` and commit previews/*.png:\n" + changed
