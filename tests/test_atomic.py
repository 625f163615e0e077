"""The transaction: every artifact of a build appears at once or none does, and clean-up
touches nothing but the folders of builds that no longer run."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading

import pytest

from qbank import atomic, signals
from qbank.atomic import PREFIX, Transaction, remove_stale
from qbank.errors import QbankError


def snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def previous_build(folder):
    """A folder holding a first build's artifacts and a user's files."""
    (folder / "one.pdf").write_text("old one")
    (folder / "two.docx").write_text("old two")
    (folder / ".notes.424242.bak.part").write_text("the user's")  # looks like an old temp
    return snapshot(folder)


def new_build(folder, names=("one.pdf", "two.docx", "three.apkg")) -> Transaction:
    transaction = Transaction(folder)
    for name in names:
        transaction.stage(name).write_text(f"new {name}")
    return transaction


def test_a_commit_puts_every_file_in_place_and_leaves_nothing_behind(tmp_path):
    before = previous_build(tmp_path)
    with new_build(tmp_path) as transaction:
        assert snapshot(tmp_path) == before  # nothing shows before the commit
        transaction.commit()
    after = snapshot(tmp_path)
    assert after == {**before, **{n: f"new {n}".encode() for n in ("one.pdf", "two.docx")}} | {
        "three.apkg": b"new three.apkg"
    }
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(PREFIX)]
    assert transaction.targets == [tmp_path / n for n in ("one.pdf", "two.docx", "three.apkg")]


def test_a_failed_build_changes_nothing(tmp_path):
    before = previous_build(tmp_path)
    with pytest.raises(RuntimeError), new_build(tmp_path):
        raise RuntimeError("the next exporter failed")
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(before)


def test_a_second_write_of_one_file_is_refused_at_once(tmp_path):
    with Transaction(tmp_path) as transaction:
        transaction.stage("deck.apkg")
        with pytest.raises(QbankError, match=r"deck\.apkg: written twice by one build"):
            transaction.stage("deck.apkg")


def _stage_in_child(transaction: Transaction, name: str) -> None:
    transaction.stage(name).write_text("from the worker")
    os._exit(0)


@pytest.mark.slow
def test_a_second_write_is_refused_across_forked_workers(tmp_path):
    with Transaction(tmp_path) as transaction:
        child = multiprocessing.get_context("fork").Process(
            target=_stage_in_child, args=(transaction, "deck.apkg")
        )
        child.start()
        child.join()
        assert child.exitcode == 0
        with pytest.raises(QbankError, match="written twice"):
            transaction.stage("deck.apkg")


def test_a_build_never_writes_over_a_file_it_reads(tmp_path):
    bank = tmp_path / "deck.apkg"
    bank.write_text("title: the bank")
    with Transaction(tmp_path, inputs=[bank]) as transaction:
        with pytest.raises(QbankError, match="this build reads that file"):
            transaction.stage("deck.apkg")
    assert bank.read_text() == "title: the bank"


def test_a_failing_rename_puts_back_what_was_replaced(tmp_path, monkeypatch):
    before = previous_build(tmp_path)
    real_replace, calls = os.replace, []

    def fail_second(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(source))
        real_replace(source, target)

    with new_build(tmp_path) as transaction:
        monkeypatch.setattr(atomic.os, "replace", fail_second)
        with pytest.raises(QbankError) as failed:
            transaction.commit()
        monkeypatch.undo()
    message = failed.value.format_message()
    assert message.startswith(f"{tmp_path / 'two.docx'}: cannot write: No space left on device")
    assert "as it was before" in message and PREFIX not in message
    assert snapshot(tmp_path) == before  # one.pdf, already renamed, is the old one again
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(before)


def test_a_folder_in_an_artifacts_place_is_refused_before_any_rename(tmp_path):
    before = previous_build(tmp_path)
    (tmp_path / "three.apkg").mkdir()
    with new_build(tmp_path) as transaction, pytest.raises(QbankError) as failed:
        transaction.commit()
    assert (
        failed.value.format_message()
        == f"{tmp_path / 'three.apkg'}: is a folder, so the artifact cannot be written"
    )
    assert snapshot(tmp_path) == before


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("chattr"), reason="needs chattr")
def test_an_unchangeable_artifact_is_refused_before_any_rename(tmp_path):
    before = previous_build(tmp_path)
    target = tmp_path / "two.docx"
    if subprocess.run(["chattr", "+i", target], capture_output=True).returncode != 0:
        pytest.skip("this file system or user cannot set the immutable attribute")
    try:
        with new_build(tmp_path) as transaction, pytest.raises(QbankError, match="unchangeable"):
            transaction.commit()
    finally:
        subprocess.run(["chattr", "-i", target], check=True)
    assert snapshot(tmp_path) == before


@pytest.mark.slow
def test_a_signal_during_the_renames_rolls_back_then_takes_effect(tmp_path, monkeypatch):
    """SIGTERM arrives (for real) while the second file is renamed: the commit puts back
    what it replaced, and only then does the signal stop the build."""
    before = previous_build(tmp_path)
    real_replace, calls = os.replace, []

    def signal_on_second(source, target):
        calls.append(target)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGTERM)
        real_replace(source, target)

    previous = {s: signal.getsignal(s) for s in signals.STOPPING}
    # the stop it counts is this test's only: later builds in this process do not see it
    monkeypatch.setattr(signals, "_received", [])
    monkeypatch.setattr(signals, "_since_handlers", 0)
    signals.unwind_on_signals()
    try:
        with pytest.raises(signals.Interrupted) as stopped, new_build(tmp_path) as transaction:
            monkeypatch.setattr(atomic.os, "replace", signal_on_second)
            transaction.commit()
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)
    assert stopped.value.signum == signal.SIGTERM
    assert len(calls) >= 2  # the second rename did happen before the roll-back
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(before)


@pytest.mark.slow
def test_clean_up_removes_only_folders_whose_lock_nobody_holds(tmp_path):
    previous_build(tmp_path)
    for name in (".a.pdf.999999999.x1y2.part", ".qbank-notes", "qbank-tmp-x"):
        (tmp_path / name).write_text("the user's")
    dead = tmp_path / f"{PREFIX}dead"
    (dead / "new").mkdir(parents=True)
    (dead / "new" / "one.pdf").write_text("left by a killed build")
    (dead / "lock").touch()
    unborn = tmp_path / f"{PREFIX}unborn"  # killed before it made its lock
    unborn.mkdir()
    users = tmp_path / f"{PREFIX}notes"  # named like a build's folder, but the user's
    users.mkdir()
    (users / "lock").write_text("the user's")
    (users / "plan.txt").write_text("the user's")
    # a build in another process (it could be in another container) holds its lock
    alive = tmp_path / f"{PREFIX}alive"
    alive.mkdir()
    (alive / "lock").touch()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(alive / "lock")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "locked\n"
        remove_stale(tmp_path)
    finally:
        holder.kill()
        holder.wait()
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(
        [
            ".a.pdf.999999999.x1y2.part",
            ".notes.424242.bak.part",
            ".qbank-notes",
            alive.name,
            users.name,
            "one.pdf",
            "qbank-tmp-x",
            "two.docx",
        ]
    )
    remove_stale(tmp_path)  # its build has gone now
    assert not alive.exists()


_HOLD_LOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(60)
"""


def test_a_new_transaction_holds_its_lock(tmp_path):
    with Transaction(tmp_path) as transaction:
        lock = os.open(transaction.folder / "lock", os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(lock)
        remove_stale(tmp_path)
        assert transaction.folder.is_dir()


@pytest.mark.slow
def test_commits_into_one_folder_take_turns(tmp_path):
    """While another build (another process, here one holding the folder's lock) commits,
    this commit waits, so the renames of two builds never interleave."""
    previous_build(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_UNTIL_TOLD, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "locked\n"
        transaction = new_build(tmp_path)
        committing = threading.Thread(target=transaction.commit)
        committing.start()
        committing.join(timeout=0.5)
        assert committing.is_alive() and (tmp_path / "one.pdf").read_text() == "old one"
        holder.stdin.close()  # the other commit ends
        committing.join(timeout=60)
        assert not committing.is_alive()
    finally:
        holder.kill()
        holder.wait()
    assert (tmp_path / "one.pdf").read_text() == "new one.pdf"
    assert (tmp_path / "three.apkg").read_text() == "new three.apkg"


_HOLD_UNTIL_TOLD = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
sys.stdin.read()
"""


def test_no_room_for_the_build_folder_is_a_clear_error(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.tempfile, "mkdtemp", full)
    with pytest.raises(QbankError) as failed:
        Transaction(tmp_path)
    assert failed.value.format_message() == (
        f"{tmp_path}: cannot make a temporary folder for the build: No space left on device"
    )


@pytest.fixture
def swallow(monkeypatch):
    """`swallow()`: a Ctrl-C whose `Interrupted` Python swallows, as it does when the
    handler runs inside a finaliser (`__del__`), and reports only as unraisable. The
    signal module's count starts empty, and the process's handlers come back afterwards."""
    import signal

    from qbank import signals

    handlers = {s: signal.getsignal(s) for s in signals.STOPPING}
    monkeypatch.setattr(signals, "_received", [])
    monkeypatch.setattr(signals, "_since_handlers", 0)
    monkeypatch.setattr(sys, "unraisablehook", signals.quiet_unraisable)

    class Finaliser:
        def __del__(self) -> None:
            signals._unwind(signal.SIGINT, None)

    yield lambda: Finaliser()  # collected at once: the handler's exception is swallowed
    for each, handler in handlers.items():
        signal.signal(each, handler)


def test_a_stop_swallowed_in_a_finaliser_still_stops_the_commit(tmp_path, monkeypatch, swallow):
    """Python runs a signal handler wherever the main thread is; in a `__del__` the
    `Interrupted` it raises cannot propagate (Python only reports it as unraisable, and the
    build went on to commit and exit 0: seen once in a fresh clone's run). The commit then
    stops the build, and the unraisable report says nothing."""
    from qbank.signals import Interrupted

    reported = []
    monkeypatch.setattr(sys, "__unraisablehook__", reported.append)
    before = previous_build(tmp_path)
    with new_build(tmp_path) as transaction:
        swallow()
        with pytest.raises(Interrupted):
            transaction.commit()
    assert snapshot(tmp_path) == before
    assert reported == []


def test_a_stop_swallowed_before_the_build_began_still_stops_the_commit(tmp_path, swallow):
    """The command line puts its handlers in place before its slow imports; a Ctrl-C whose
    `Interrupted` was swallowed there (in a finaliser run during an import) came before
    the build's transaction began, and still stops its commit (CI once saw such a build
    commit and exit 0). Stops from before the handlers were put in place do not count."""
    import signal

    from qbank import signals
    from qbank.signals import Interrupted

    before = previous_build(tmp_path)
    signals._received.append(signal.SIGTERM)  # one from before the handlers
    signals.unwind_on_signals()
    swallow()
    with new_build(tmp_path) as transaction:
        with pytest.raises(Interrupted) as stopped:
            transaction.commit()
    assert stopped.value.signum == signal.SIGINT
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("folder_renamed", [True, False], ids=["renamed", "not-renamed"])
def test_versions_a_failed_roll_back_kept_stay_and_every_build_names_them(
    tmp_path, monkeypatch, folder_renamed
):
    """The disk fails during the commit and again while the commit puts one.pdf back: the
    previous one.pdf stays in the build's folder, which no later build removes (also when
    even renaming that folder failed), and every later build says where it is."""
    from helpers import FIXTURES, run_cli

    previous_build(tmp_path)
    real_replace, calls = os.replace, []

    def fail_from_second(source, target):
        calls.append(target)
        if len(calls) >= 2:
            raise OSError(5, "Input/output error", str(source))
        real_replace(source, target)

    def no_rename(self, target):
        raise OSError(5, "Input/output error")

    with new_build(tmp_path) as transaction:
        monkeypatch.setattr(atomic.os, "replace", fail_from_second)
        if not folder_renamed:
            monkeypatch.setattr(atomic.Path, "rename", no_rename)
        with pytest.raises(QbankError) as failed:
            transaction.commit()
        monkeypatch.undo()
    kept = transaction.folder / "old"
    assert failed.value.format_message() == (
        f"{tmp_path}: the commit failed and one.pdf could not be put back; "
        f"the previous versions are in {kept}"
    )
    prefix = atomic.KEPT_PREFIX if folder_renamed else PREFIX
    assert kept.parent.name.startswith(prefix)
    assert (kept / "one.pdf").read_text() == "old one"
    assert "one.pdf" in (kept.parent / atomic.KEPT_NOTE).read_text()
    warning = (
        f"{kept}: warning: a failed commit kept the previous versions of one.pdf here; "
        "copy back what you need, then remove the folder"
    )
    for _ in range(2):  # clean-up, then a whole build, twice: the versions stay, named
        remove_stale(tmp_path)
        result = run_cli("anki", "--bank", FIXTURES / "cards-bank.yaml", "--out", tmp_path)
        assert result.exit_code == 0, result.output
        assert warning in result.output.splitlines()
        assert (kept / "one.pdf").read_text() == "old one"
    shutil.rmtree(kept.parent)  # the user has taken what they need
    result = run_cli("anki", "--bank", FIXTURES / "cards-bank.yaml", "--out", tmp_path)
    assert result.exit_code == 0 and "failed commit" not in result.output
