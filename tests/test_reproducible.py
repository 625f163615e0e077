"""Reproducible and atomic builds of every artifact."""

from __future__ import annotations

import fcntl
import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import FIXTURES, drain, full_pipe
from readback import wait_for

import qbank
from qbank import atomic
from qbank.bank import load_bank
from qbank.errors import BuildError, QbankError
from qbank.exporters import Exporter, exporters
from qbank.job import Job, build_time
from qbank.lifecycle import run
from qbank.paths import DEFAULT_BANK
from qbank.reproducible import ZIP_EPOCH, ZIP_LATEST

ROOT = Path(__file__).parent.parent
TEMPORARY = f"{atomic.PREFIX}*/new/*"  # a file a build is writing
SMALL = FIXTURES / "minimal.yaml"
WARNS = FIXTURES / "hostile-scripts.yaml"  # warns while the PDFs are drawn
KINDS = {"booklet": ".pdf", "anki": ".apkg", "packet": ".docx", "cards": ".pdf", "html": ".html"}


def build_all(cli, out: Path, epoch: str, monkeypatch, bank: Path = SMALL):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = cli("all", "--bank", bank, "--out", out)
    return result


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """`first_build(folder)`: `folder/out` holding a whole build of the minimal bank,
    made once per module and copied, for tests whose second build must change nothing."""
    made = tmp_path_factory.mktemp("first")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1764115200")
        qbank.build(SMALL, made, "all")

    def copy(folder: Path) -> Path:
        return Path(shutil.copytree(made, folder / "out"))

    return copy


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.slow
def test_two_builds_are_byte_identical(tmp_path):
    """Two separate processes, different hash seeds, time zones and start times: the same
    bytes, for every artifact (both booklet editions, the deck, the packet, the cards)."""
    outputs = []
    started = time.time()
    for name, seed, zone in (("one", "1", "UTC"), ("two", "999", "Asia/Tokyo")):
        # a clock that leaks into the files would show as a difference: the second build
        # starts at least 2 s (a zip entry's step) after the first (which takes most of it)
        time.sleep(max(0.0, started + 2.05 - time.time()) if outputs else 0.0)
        out = tmp_path / name
        env = dict(os.environ, SOURCE_DATE_EPOCH="1764115200", PYTHONHASHSEED=seed, TZ=zone)
        command = [sys.executable, "generate.py", "all", "--out", str(out)]
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        outputs.append(snapshot(out))
    one, two = outputs
    suffixes = sorted(Path(name).suffix for name in one)
    expected = sorted(KINDS[e.name] for e in exporters() for _ in range(1 + (e.name == "booklet")))
    assert suffixes == expected
    assert sorted(one) == sorted(two)
    for name in one:
        assert one[name] == two[name], f"{name} differs between two builds"


def test_a_failed_build_keeps_the_previous_artifacts(cli, tmp_path, monkeypatch, first_build):
    out = first_build(tmp_path)
    before = snapshot(out)

    def refuse(src, dst):
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(atomic.os, "replace", refuse)
    failed = build_all(cli, out, "1764201600", monkeypatch)  # a day later: new bytes
    assert failed.exit_code == 1
    assert "No space left on device" in failed.stderr and "Traceback" not in failed.output
    assert snapshot(out) == before


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_killed_build_leaves_the_artifacts_whole_and_the_next_build_cleans_up(
    cli, tmp_path, monkeypatch
):
    """SIGKILL in the middle of the exporters: nothing of the build unwinds (its workers
    are told to stop), the previous artifacts stay whole, and the next build removes the
    folder it left. (SIGTERM and the other stopping signals: test_signals.py.)"""
    out = tmp_path / "out"
    assert build_all(cli, out, "1764115200", monkeypatch, bank=WARNS).exit_code == 0
    before = snapshot(out)
    command = [sys.executable, "generate.py", "all", "--bank", str(WARNS), "--out", str(out)]
    read, write, filled = full_pipe()  # its warnings hold it in its exporters
    killed = subprocess.Popen(
        command, cwd=ROOT, env=dict(os.environ, SOURCE_DATE_EPOCH="1764288000"), stderr=write
    )
    os.close(write)
    assert wait_for(lambda: any(out.glob(TEMPORARY)), timeout=60)
    killed.kill()
    killed.wait()
    drain(read, filled)  # its workers have stopped writing
    (left,) = [p for p in out.iterdir() if p.name.startswith(atomic.PREFIX)]
    assert wait_for(lambda: unlocked(left / atomic.LOCK), timeout=60)  # and have ended
    assert snapshot(out) == before
    assert build_all(cli, out, "1764115200", monkeypatch, bank=WARNS).exit_code == 0
    assert snapshot(out) == before and not left.exists()  # the same bytes, and cleaned up


def unlocked(path: Path) -> bool:
    """Whether no process holds the build lock `path` any more."""
    lock = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(lock)
    return True


@pytest.mark.parametrize("workers", [1, 2])
def test_an_exporter_failing_part_way_changes_no_artifact(tmp_path, first_build, workers):
    """Artifacts of one build appear together: when the last exporter fails after the
    others have finished, every previous artifact stays as it was."""
    out = first_build(tmp_path)
    job = Job(bank=load_bank(SMALL), out_dir=out, timestamp=1764115200)
    steps = [(e, {}) for e in exporters()]
    before = snapshot(out)

    def half_then_fail(job: Job) -> list[Path]:
        job.write("late.pdf").write_bytes(b"%PDF-1.4 half")
        raise BuildError("late: question 'x': does not fit")

    failing = Exporter(name="late", summary="fails", build=half_then_fail)
    later = replace(job, timestamp=1764201600)
    with pytest.raises(QbankError, match="does not fit"):
        run(later, [*steps, (failing, {})], workers=workers)
    assert snapshot(out) == before


def test_internal_errors_are_one_line_not_a_traceback(cli, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr("qbank.exporters.anki.build_package", broken)
    for command in ("anki", "all"):
        result = cli(command, "--bank", DEFAULT_BANK, "--out", tmp_path)
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        assert result.stderr.startswith("internal error: ")
        assert "ValueError: boom" in result.stderr and "please report" in result.stderr


@pytest.mark.parametrize(
    "value", ["soon", "4354819200", "99999999999999", "\u00b2", "-1", "1e9", "9" * 5000]
)
def test_source_date_epoch_out_of_range_is_a_clear_error(cli, tmp_path, monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = cli("all", "--bank", DEFAULT_BANK, "--out", tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("SOURCE_DATE_EPOCH must be whole seconds from 1970 to the end of 2107")
    assert len(line) < 200
    assert not list(tmp_path.iterdir())


def test_a_bank_dated_in_the_future_is_dated_now(cli, tmp_path, monkeypatch):
    """A file dated in 2100 made every later deck look older to Anki, which kept the notes
    it had (a hostile test): a build is never dated after now."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    bank = tmp_path / "future.yaml"
    bank.write_bytes(SMALL.read_bytes())
    os.utime(bank, (4_102_444_800, 4_102_444_800))  # 2100
    before = int(time.time())
    assert before <= build_time(bank) <= time.time()
    assert before <= build_time(SMALL, {}, also=4_102_444_800) <= time.time()  # a picture


def test_a_bank_modified_after_2107_is_dated_at_the_end_of_2107(cli, tmp_path, monkeypatch):
    """Zip entries cannot hold a later date: the build's time is moved into their range
    (here on a clock that is past 2107 itself)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr("qbank.job.time.time", lambda: 4_600_000_000.0)
    bank = tmp_path / "future.yaml"
    bank.write_bytes(SMALL.read_bytes())
    os.utime(bank, (4_500_000_000, 4_500_000_000))  # in 2112
    assert build_time(bank) == ZIP_LATEST
    result = cli("all", "--bank", bank, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "out" / "future.apkg") as deck:
        assert {e.date_time for e in deck.infolist()} == {(2107, 12, 31, 23, 59, 58)}
    os.utime(bank, (1_000_000, 1_000_000))  # in 1970: before any zip date
    assert build_time(bank) == ZIP_EPOCH


def test_a_build_never_writes_over_its_own_bank(cli, tmp_path, monkeypatch):
    """`anki --bank W/deck.apkg --out W` would replace the bank with its own deck."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")
    bank = tmp_path / "deck.apkg"
    bank.write_bytes(DEFAULT_BANK.read_bytes())
    result = cli("all", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == (
        f"{bank}: this build reads that file, so it will not write over it; choose another "
        "--out folder or rename the bank\n"
    )
    assert bank.read_bytes() == DEFAULT_BANK.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]


def test_a_folder_where_an_artifact_goes_is_refused_and_nothing_changes(
    cli, tmp_path, monkeypatch, first_build
):
    out = first_build(tmp_path)
    before = snapshot(out)
    (out / "minimal.apkg").unlink()
    (out / "minimal.apkg").mkdir()
    del before["minimal.apkg"]
    failed = build_all(cli, out, "1764201600", monkeypatch)
    assert failed.exit_code == 1
    assert failed.stderr == (
        f"{out / 'minimal.apkg'}: is a folder, so the artifact cannot be written\n"
    )
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted([*before, "minimal.apkg"])


@pytest.mark.parametrize("workers", [1, 2])
def test_a_write_error_names_the_artifact_not_its_temporary_file(tmp_path, workers):
    def full_disk(job: Job) -> list[Path]:
        temporary = job.write("late.pdf")
        raise OSError(28, "No space left on device", str(temporary))

    job = Job(bank=load_bank(DEFAULT_BANK), out_dir=tmp_path, timestamp=1764115200)
    late = Exporter(name="late", summary="fails", build=full_disk)
    steps = [(exporters()[1], {}), (late, {})]
    with pytest.raises(QbankError) as failed:
        run(job, steps, workers=workers)
    assert failed.value.format_message() == (
        f"late: cannot write {tmp_path / 'late.pdf'}: No space left on device"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_build_leaves_the_users_files_in_the_output_folder(cli, tmp_path, monkeypatch):
    """Files that look like an older qbank's temporary files, or like ours, but are not a
    locked build folder, are the user's: a build leaves them alone."""
    out = tmp_path / "out"
    out.mkdir()
    mine = {".notes.424242.bak.part": "notes", ".qbank-tmp-notes.txt": "a file, not a folder"}
    for name, text in mine.items():
        (out / name).write_text(text)
    assert build_all(cli, out, "1764115200", monkeypatch).exit_code == 0
    for name, text in mine.items():
        assert (out / name).read_text() == text
    assert len(list(out.iterdir())) == len(mine) + 6  # and the six files of `all`


def test_packets_built_for_named_people_are_byte_identical(cli, tmp_path, monkeypatch):
    """The names a packet records for the debrief (--candidate, the panel's --interviewer)
    change no byte between two builds, in DOCX and in PDF."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")
    names = ("--candidate", "Zoë Łukasz", "--interviewer", "Ana Souza", "--interviewer", "Li Wei")
    built = []
    for out in (tmp_path / "one", tmp_path / "two"):
        for kind in ("docx", "pdf"):
            result = cli("packet", "--bank", SMALL, *names, "--format", kind, "--out", out)
            assert result.exit_code == 0, result.output
        built.append(snapshot(out))
    assert built[0] == built[1] and len(built[0]) == 5
    packet = next(data for name, data in built[0].items() if name.endswith("li-wei.docx"))
    with zipfile.ZipFile(io.BytesIO(packet)) as archive:
        custom = archive.read("docProps/custom.xml").decode()
    assert "Zoë Łukasz" in custom and "Ana Souza" in custom
