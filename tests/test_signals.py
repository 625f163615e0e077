"""What a user sees when a build is stopped, or its standard output goes away: one short line
(or none), the usual exit status, and the output folder holding either the previous or the
new build, whole, with no temporary file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from readback import is_complete, wait_for

from qbank.atomic import PREFIX
from qbank.paths import DEFAULT_BANK

ROOT = Path(__file__).parent.parent
EPOCH = "1764115200"
ALL = 6  # files `all` writes: two booklet editions, the deck, the packet, the cards, the page
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals"),
]


def command(bank: Path, out: Path) -> list[str | bytes]:
    return [sys.executable, "generate.py", "all", "--bank", bank, "--out", out]


@pytest.fixture(scope="module")
def big_bank(tmp_path_factory) -> Path:
    """The bundled bank eight times over: a build long enough to stop in the middle."""
    bank = tmp_path_factory.mktemp("bank") / "big.yaml"
    data = yaml.safe_load(DEFAULT_BANK.read_text(encoding="utf-8"))
    questions = data["questions"]
    data["questions"] = [{**q, "id": f"{q['id']}-{n}"} for n in range(8) for q in questions]
    bank.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return bank


def start(bank: Path, out: Path, epoch: str = EPOCH) -> subprocess.Popen:
    # a session of its own, like a shell's job: a terminal's signals reach its whole group
    return subprocess.Popen(
        command(bank, out),
        cwd=ROOT,
        env=dict(os.environ, SOURCE_DATE_EPOCH=epoch),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def build_printing_to(stdout, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        command(DEFAULT_BANK, out),
        cwd=ROOT,
        env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
        stdout=stdout,
        stderr=subprocess.PIPE,
    )


def folder_state(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def assert_whole(out: Path) -> None:
    names = [p.name for p in out.iterdir()]
    assert not [n for n in names if n.startswith(PREFIX)], names
    for path in out.iterdir():
        assert is_complete(path), path


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
@pytest.mark.parametrize("delay", [0.0, 0.02, 0.1, 0.3, 0.6, 1.5, 3.0])
def test_ctrl_c_at_any_moment_is_one_line_and_status_130(tmp_path, big_bank, delay):
    """From qbank's first line (before its slow imports) to the commit: Ctrl-C (SIGINT to
    the whole process group, as a terminal sends it) ends the build with one line.

    The moment before is the interpreter's own start-up (tens of milliseconds, `site` and
    the editable install's import hook), where CPython itself reports a fatal error: qbank
    has no code running yet. The test starts counting when qbank's handlers are in place
    (the kernel shows SIGQUIT caught, which the interpreter alone never does)."""
    out = tmp_path / "out"
    process = start(big_bank, out)
    assert wait_for(lambda: catches(process.pid, signal.SIGQUIT), timeout=30)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    if process.returncode == 0:  # it had finished: then it printed what it wrote
        assert len(stdout.splitlines()) == ALL and stderr == b""
    else:
        assert (process.returncode, stderr) == (130, b"qbank: interrupted\n")
        assert stdout == b""
    if out.exists():
        assert_whole(out)


@pytest.mark.parametrize("stop", [signal.SIGHUP, signal.SIGQUIT, signal.SIGTERM])
def test_hangup_and_quit_clean_up_like_ctrl_c(tmp_path, big_bank, stop):
    """A closed terminal or a lost SSH session (SIGHUP), Ctrl-\\ (SIGQUIT), SIGTERM: the
    previous build stays as it was and no temporary folder is left."""
    out = tmp_path / "out"
    subprocess.run(command(big_bank, out), cwd=ROOT, check=True, capture_output=True)
    before = folder_state(out)
    process = start(big_bank, out, epoch="1764201600")  # a day later: other bytes
    assert wait_for(lambda: any(out.glob(f"{PREFIX}*/new/*")), timeout=60)
    os.killpg(process.pid, stop)
    _, stderr = process.communicate(timeout=120)
    name = signal.Signals(stop).name
    assert (process.returncode, stderr) == (128 + stop, f"qbank: stopped by {name}\n".encode())
    assert folder_state(out) == before
    assert_whole(out)


def test_a_closed_standard_output_ends_quietly_and_keeps_the_build(tmp_path):
    """`qbank all | head -1` where head has gone: status 141 as `cat` gets, no message."""
    out = tmp_path / "out"
    read, write = os.pipe()
    os.close(read)
    process = build_printing_to(write, out)
    os.close(write)
    assert (process.returncode, process.stderr) == (141, b"")
    assert len(list(out.iterdir())) == ALL
    assert_whole(out)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_standard_output_is_one_line_and_keeps_the_build(tmp_path):
    out = tmp_path / "out"
    with open("/dev/full", "w") as full:
        process = build_printing_to(full, out)
    assert process.returncode == 1
    assert (
        process.stderr == b"qbank: cannot write to the standard output: No space left on device\n"
    )
    assert len(list(out.iterdir())) == ALL
    assert_whole(out)


def test_a_standard_output_closed_from_the_start_still_builds(tmp_path):
    """`qbank all >&-`: nobody to tell what was written, and nothing goes wrong."""
    out = tmp_path / "out"
    process = subprocess.run(
        command(DEFAULT_BANK, out),
        cwd=ROOT,
        env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
    )
    assert (process.returncode, process.stderr) == (0, b"")
    assert len(list(out.iterdir())) == ALL
    assert_whole(out)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_warnings_into_a_full_standard_error_fail_no_build(tmp_path):
    out = tmp_path / "out"
    bank = ROOT / "tests" / "fixtures" / "hostile-scripts.yaml"  # warns of missing glyphs
    with open("/dev/full", "w") as full:
        process = subprocess.run(
            command(bank, out),
            cwd=ROOT,
            env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
            stdout=subprocess.PIPE,
            stderr=full,
        )
    assert process.returncode == 0
    assert len(process.stdout.splitlines()) == ALL


def test_a_bank_path_that_is_not_utf8_builds_every_artifact(tmp_path):
    """Linux file names are bytes: the artifacts take the bank's name byte for byte, and
    stdout lists them so, for a script to use."""
    folder = os.fsencode(tmp_path)
    bank = folder + b"/caf\xe9.yaml"  # Latin-1 'café'
    shutil.copyfile(DEFAULT_BANK, bank)
    out = folder + b"/out"
    process = subprocess.run(
        command(bank, out),
        cwd=ROOT,
        env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
        capture_output=True,
    )
    assert process.returncode == 0, process.stderr
    written = process.stdout.splitlines()
    assert out + b"/caf\xe9.apkg" in written and len(written) == ALL
    assert sorted(os.listdir(out)) == sorted(os.path.basename(p) for p in written)
    broken = folder + b"/bad\xff.yaml"
    with open(broken, "w") as bank_file:
        bank_file.write("title: x\nquestions: [\n")
    checked = subprocess.run(
        [sys.executable, "generate.py", "check", "--bank", broken], cwd=ROOT, capture_output=True
    )
    assert checked.returncode == 1
    assert checked.stderr.startswith(broken + b":3:")  # the name as the file system has it


_UNSHARE = shutil.which("unshare")


def _can_unshare() -> bool:
    if not _UNSHARE:
        return False
    probe = [_UNSHARE, "--user", "--map-root-user", "--pid", "--fork", "true"]
    return subprocess.run(probe, capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="needs unshare and user namespaces")
def test_a_build_in_another_pid_namespace_is_left_alone(tmp_path, big_bank):
    """Process ids say nothing across containers; locks do. A build started in a second
    PID namespace (as in another container sharing the folder) keeps its temporary files
    while a build here starts, cleans up and commits into the same folder."""
    out = tmp_path / "out"
    out.mkdir()
    inside = subprocess.Popen(
        [_UNSHARE, "--user", "--map-root-user", "--pid", "--fork", *command(big_bank, out)],
        cwd=ROOT,
        env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert wait_for(lambda: any(out.glob(f"{PREFIX}*/new/*")), timeout=60)
    here = subprocess.run(
        [sys.executable, "generate.py", "anki", "--out", out],
        cwd=ROOT,
        env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
        capture_output=True,
    )
    assert here.returncode == 0, here.stderr
    stdout, stderr = inside.communicate(timeout=300)
    assert inside.returncode == 0, stderr
    assert len(stdout.splitlines()) == ALL
    assert len(list(out.iterdir())) == ALL + 1  # its own and the one built here
    assert_whole(out)


def catches(pid: int, signum: int) -> bool:
    """Whether process `pid` has a handler for `signum` (Linux: SigCgt in /proc)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signum - 1)))


def test_a_finished_command_ignores_stopping_signals_through_finalisation(monkeypatch):
    """CPython's finalisation puts the default handlers back, so a Ctrl-C after the command
    ended killed the process with no word (status -2; seen once in a fresh clone's run). The
    command's end therefore ignores the stopping signals, whatever way it ends."""
    import qbank.cli
    from qbank import launch
    from qbank.signals import STOPPING

    before = {s: signal.getsignal(s) for s in STOPPING}
    try:
        for ending in (lambda: None, lambda: sys.exit(0)):
            monkeypatch.setattr(qbank.cli, "main", ending)
            try:
                launch.main()
            except SystemExit as done:
                assert done.code == 0
            assert all(signal.getsignal(s) == signal.SIG_IGN for s in STOPPING)
    finally:
        for each, handler in before.items():
            signal.signal(each, handler)
