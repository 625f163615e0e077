"""The command line: exit statuses, shared options, filters, the exporter registry."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES

from qbank import __version__
from qbank.bank import load_bank
from qbank.cli import PROGRESS_THRESHOLD, main
from qbank.errors import QbankError
from qbank.exporters import exporters, get, on_request
from qbank.job import Job, build_time
from qbank.lifecycle import run, select

ROOT = Path(__file__).parent.parent


@pytest.mark.slow
def test_generate_py_runs_as_a_script():
    result = subprocess.run(
        [sys.executable, "generate.py", "--version"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.strip() == f"qbank, version {__version__}"


def test_help_lists_every_exporter_and_all(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for name in [e.name for e in exporters()] + ["all", "check"]:
        assert f"  {name} " in result.stdout


def test_usage_error_exits_2(cli):
    result = cli("check", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["packet", "--minutes", "45", "--candidate", "Priya", "Raman"],
            "--candidate takes one value, and 'Raman' is left over; a value of more than one "
            'word goes in quotes: --candidate "Priya Raman"',
        ),
        (
            ["new", "x.yaml", "--title", "Data", "engineer", "--section", "Data", "modelling"],
            "--title takes one value, and 'engineer' is left over; a value of more than one "
            'word goes in quotes: --title "Data engineer"',
        ),
        # an option given again for each value is said both ways (a review)
        (
            ["packet", "--include", "q1", "q2"],
            "--include takes one value, and 'q2' is left over; a value of more than one word "
            'goes in quotes: --include "q1 q2"; several values each take their own --include: '
            "--include q1 --include q2",
        ),
        # words left over that follow no option's value are click's to say
        (["check", "extra"], "Got unexpected extra argument (extra)"),
        # and so are those after a number's or a choice's, which no quotes make one value
        # (a review: it said to write --minutes "30 extra")
        (["packet", "--minutes", "30", "extra"], "Got unexpected extra argument (extra)"),
        (["booklet", "--paper", "a4", "letter"], "Got unexpected extra argument (letter)"),
    ],
)
def test_a_name_of_two_words_without_quotes_is_told_to_quote_it(cli, args, said):
    """A trial typed --candidate Priya Raman, as a name is written, and was told "Got
    unexpected extra argument (Raman)"."""
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {said}"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["all", "--lms", "moodle", "--lms", "gift"], "--lms moodle, --lms gift"),
        (["booklet", "--paper", "a4", "--paper=letter"], "--paper a4, --paper letter"),
    ],
)
def test_an_option_of_one_value_given_twice_is_refused(cli, tmp_path, args, said):
    """A trial asked 'all --lms moodle --lms gift' for both LMS files and got the GIFT one
    alone, unsaid: click keeps an option's last value."""
    result = cli(*args, "--out", tmp_path)
    assert result.exit_code == 2
    flag = args[1]
    assert result.stderr.splitlines()[-1] == (
        f"Error: {flag} takes one value and was given 2 ({said}), of which only the last "
        "would be used; give it once, and run the command again for another"
    )
    assert not list(tmp_path.iterdir())


def test_the_same_value_twice_or_help_is_no_refusal(cli, tmp_path):
    """The same value twice is one ('A4' is the choice 'a4', 'o/' the folder 'o'), and help
    is shown whatever else is given (a review: each was refused as two values)."""
    out = tmp_path / "o"
    result = cli("check", "--paper", "A4", "--paper", "a4", "--out", out, "--out", f"{out}/")
    assert result.exit_code == 0, result.output
    result = cli("check", "--paper", "a4", "--paper", "letter", "--help")
    assert result.exit_code == 0 and result.output.startswith("Usage:"), result.output
    # '-h' as a value is no help: the option given twice is refused (it was let through)
    result = cli("check", "--name", "-h", "--name", "x")
    assert result.exit_code == 2 and "--name takes one value" in result.output, result.output


def test_registry_names_valid_exporters_in_its_error():
    with pytest.raises(QbankError) as caught:
        get("epub")
    names = ", ".join(e.name for e in exporters() + on_request()) or "none"
    assert str(caught.value.message) == f"no exporter named 'epub'; valid names: {names}"


def test_out_that_is_a_file_is_a_clear_error(cli, tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("keep me")
    result = cli("all", "--bank", FIXTURES / "minimal.yaml", "--out", target)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"--out {target}: is a file, not a folder"
    assert target.read_text() == "keep me"


def test_out_folder_is_created(cli, tmp_path):
    out = tmp_path / "new" / "folder"
    result = cli("all", "--bank", FIXTURES / "minimal.yaml", "--out", out)
    assert result.exit_code == 0, result.output
    assert out.is_dir()
    written = [Path(line) for line in result.stdout.splitlines()]
    assert all(p.parent == out and p.is_file() for p in written)
    assert len(written) >= len(exporters())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--section", "Nope"], "--section 'Nope' matches no section; sections are: Basics, Depth"),
        (["--tag", "zzz"], "--tag 'zzz' matches no question; tags are: one, two"),
        (
            ["--section", "Dept"],
            "--section 'Dept' matches no section; did you mean 'Depth'? sections are: Basics, "
            "Depth",
        ),
        (
            ["--tag", "tow"],
            "--tag 'tow' matches no question; did you mean 'two'? tags are: one, two",
        ),
        (
            ["--section", "Depth", "--tag", "one"],
            "no question is in the chosen sections with the chosen tags",
        ),
    ],
)
def test_filter_matching_nothing_is_an_error(cli, tmp_path, args, message):
    result = cli("all", "--bank", FIXTURES / "minimal.yaml", "--out", tmp_path, *args)
    assert result.exit_code == 2  # a usage error, as --include naming no question is
    assert result.stderr.strip() == message
    assert list(tmp_path.iterdir()) == []


def test_a_tag_filter_on_a_bank_without_tags_says_so(cli, tmp_path):
    bank = tmp_path / "untagged.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - {id: a, section: S, question: Q?, hint: H.}\n",
        encoding="utf-8",
    )
    result = cli("all", "--bank", bank, "--out", tmp_path / "out", "--tag", "nosuch")
    assert result.exit_code == 2
    assert result.stderr == "--tag 'nosuch' matches no question: no question has a tag\n"


def test_filters_keep_bank_wide_numbers(default_bank):
    advanced = select(default_bank, sections=["advanced"])
    assert [s.name for s in advanced.sections] == ["Advanced"]
    assert [q.label for q in advanced.questions] == [f"Q{n}" for n in range(16, 26)]
    tagged = select(default_bank, tags=["privacy"])
    assert tagged.questions and all("privacy" in q.tags for q in tagged.questions)
    both = select(default_bank, sections=["Advanced"], tags=["privacy"])
    assert {q.id for q in both.questions} == {
        q.id for q in tagged.questions if q.section == "Advanced"
    }


@pytest.mark.usefixtures("parallel_builds")
def test_all_in_parallel_reports_like_one_by_one(cli, tmp_path, monkeypatch):
    """`all` forks one process per core; warnings and files are the same as in sequence."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")
    bank = FIXTURES / "hostile-scripts.yaml"
    parallel = cli("all", "--bank", bank, "--out", tmp_path / "parallel")
    assert parallel.exit_code == 0, parallel.output
    warnings: list[str] = []
    job = Job(load_bank(bank), tmp_path / "sequence", build_time(bank), warn=warnings.append)
    written = run(job, [(e, {}) for e in exporters()], workers=1)
    # one warning per question names every character the PDF font lacks, once per build
    assert sorted(parallel.stderr.splitlines()) == sorted(set(warnings))
    assert sum("question 'cjk'" in w for w in warnings) == 2  # booklet and flashcards
    assert sum("question 'cjk'" in w for w in parallel.stderr.splitlines()) == 1
    assert [Path(p).name for p in parallel.stdout.splitlines()] == [p.name for p in written]
    for path in written:
        assert (tmp_path / "parallel" / path.name).read_bytes() == path.read_bytes()


def terminal_stderr(bank: Path, out: Path) -> bytes:
    """What `anki` shows on a terminal: stderr is a pseudo-terminal, as in a shell (`anki`:
    the quickest exporter; every command shows the same bar, and `all`'s workers report
    their progress: test_all_reports_the_progress_of_every_exporter)."""
    controller, terminal = pty.openpty()
    command = [sys.executable, "generate.py", "anki", "--bank", str(bank), "--out", str(out)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            piece = os.read(controller, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not piece:
            break
        shown += piece
    os.close(controller)
    assert process.wait() == 0
    return shown


@pytest.mark.slow
def test_progress_bar_shows_on_a_terminal_for_large_banks(tmp_path):
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    first = data["questions"][0]
    data["questions"] = [{**first, "id": f"q{n}"} for n in range(PROGRESS_THRESHOLD + 1)]
    large = tmp_path / "large.yaml"
    large.write_text(yaml.safe_dump(data), encoding="utf-8")
    shown = terminal_stderr(large, tmp_path / "large")
    assert b"Building" in shown and b"100%" in shown
    assert b"Building" not in terminal_stderr(FIXTURES / "minimal.yaml", tmp_path / "small")


@pytest.mark.parametrize("workers", [1, 2])
def test_all_reports_the_progress_of_every_exporter(tmp_path, workers):
    """The bar of `all` counts each question once per exporter, and reaches its end: forked
    workers report their progress to the parent as the exporters do in one process."""
    bank = load_bank(FIXTURES / "minimal.yaml")
    done: list[int] = []
    job = Job(bank, tmp_path, 1764115200, advance=done.append)
    steps = [(e, {}) for e in exporters()]
    run(job, steps, workers=workers)
    assert sum(done) == len(bank.questions) * len(steps)


def test_a_section_keeps_its_place_when_others_are_filtered_out(default_bank):
    advanced = select(default_bank, sections=["Advanced"])
    assert [s.position for s in advanced.sections] == [2]


def test_out_that_cannot_be_written_is_a_clear_error(cli):
    # /proc refuses new folders even to root, who may write anywhere else
    result = cli("all", "--bank", FIXTURES / "minimal.yaml", "--out", "/proc/qbank-out")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("--out /proc/qbank-out: cannot create the folder: ")


def test_no_command_help_shows_a_bound_of_none(cli):
    for command in ("booklet", "anki", "packet", "cards", "all", "check"):
        result = cli(command, "--help")
        assert result.exit_code == 0, result.output
        assert "None]" not in result.output, (command, result.output)


def test_help_gives_each_command_one_whole_line(cli):
    result = cli("--help")
    listed = result.stdout.split("Commands:\n")[1].splitlines()
    names = sorted(line.split()[0] for line in listed)
    assert names == sorted(main.list_commands(None))  # one line each: none wrapped
    for line in listed:
        assert not line.rstrip().endswith("..."), line
        assert len(line) <= 80, line
