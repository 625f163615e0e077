"""What a user sees when a build is stopped, or its standard output goes away: one short line
(or none), the usual exit status, and the output folder holding either the previous or the
new build, whole, with no temporary file."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import drain, full_pipe, run_cli
from readback import is_complete, wait_for

import qbank
from qbank.atomic import PREFIX

ROOT = Path(__file__).parent.parent
EPOCH = "1764115200"
ALL = 6  # files `all` writes: two booklet editions, the deck, the packet, the cards, the page
SMALL = ROOT / "tests" / "fixtures" / "minimal.yaml"  # warns of nothing
# warns of glyphs the PDF font lacks while the PDFs are drawn: with its standard error full,
# a build of this bank stops there, in the middle of its exporters, until the test reads
WARNS = ROOT / "tests" / "fixtures" / "hostile-scripts.yaml"
TEMPORARY = f"{PREFIX}*/new/*"  # a file a build is writing
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals"),
]


def command(bank: Path, out: Path, target: str = "all") -> list[str | bytes]:
    return [sys.executable, "generate.py", target, "--bank", bank, "--out", out]


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """`previous(bank, folder)`: `folder/out` holding a whole earlier build of `bank` (a day
    before the builds the tests start, so other bytes), made once per bank and copied."""
    made: dict[Path, Path] = {}

    def copy(bank: Path, folder: Path) -> Path:
        if bank not in made:
            made[bank] = tmp_path_factory.mktemp("previous")
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) - 86400))
                assert len(qbank.build(bank, made[bank], "all")) == ALL
        return Path(shutil.copytree(made[bank], folder / "out"))

    return copy


def start(bank: Path, out: Path, stdout=subprocess.PIPE, stderr=subprocess.PIPE):
    # a session of its own, like a shell's job: a terminal's signals reach its whole group
    return subprocess.Popen(
        command(bank, out),
        cwd=ROOT,
        env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
        stdout=stdout,
        stderr=stderr,
        start_new_session=True,
    )


def build_printing_to(stdout, out: Path) -> subprocess.CompletedProcess:
    # one exporter (the quickest) is enough: every command prints its files the same way
    return subprocess.run(
        command(SMALL, out, "html"),
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


@contextlib.contextmanager
def commit_held(out: Path):
    """The output folder's commit lock (a flock on the folder), held by the test: a build
    there gets as far as its commit and waits before its first rename."""
    folder = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)


def waits_for_a_lock(pid: int) -> bool:
    """Whether process `pid` waits for a flock (Linux lists waiters with '->'); the only
    one a build ever waits for is its output folder's commit lock."""
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()  # 1: -> FLOCK  ADVISORY  WRITE 1234 fe:00:2173945 0 EOF
        if fields[1:3] == ["->", "FLOCK"] and fields[5] == str(pid):
            return True
    return False


def has_loaded(pid: int, library: str) -> bool:
    """Whether process `pid` has mapped a shared library whose path holds `library`."""
    try:
        return library in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


# moments of a build, each an event the test sees from outside (the lock on the folder
# holds the build before its commit, so none of them comes too late)
MOMENTS = {
    # qbank's handlers are in place, before its slow imports (the moment before is the
    # interpreter's own start-up, `site` and the editable install's import hook, where
    # CPython itself reports a fatal error: qbank has no code running yet; the kernel shows
    # SIGQUIT caught, which the interpreter alone never does)
    "started": lambda process, out: catches(process.pid, signal.SIGQUIT),
    "importing the command line": lambda process, out: has_loaded(process.pid, "/_yaml."),
    "importing the exporters": lambda process, out: has_loaded(process.pid, "/_rl_accel."),
    "committing": lambda process, out: waits_for_a_lock(process.pid),
}


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads /proc")
@pytest.mark.parametrize("moment", MOMENTS)
def test_ctrl_c_at_any_moment_is_one_line_and_status_130(tmp_path, previous, moment):
    """From qbank's first line (before its slow imports) to the commit: Ctrl-C (SIGINT to
    the whole process group, as a terminal sends it) ends the build with one line, and the
    previous build stays as it was (during the commit: no artifact changes)."""
    if moment == "importing the command line" and not yaml.__with_libyaml__:
        pytest.skip("this PyYAML has no C library to see loaded")
    out = previous(SMALL, tmp_path)
    before = folder_state(out)
    with commit_held(out):
        process = start(SMALL, out)
        assert wait_for(lambda: MOMENTS[moment](process, out), timeout=60)
        os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert (process.returncode, stderr, stdout) == (130, b"qbank: interrupted\n", b"")
    assert folder_state(out) == before
    assert_whole(out)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGTERM])
def test_a_stop_in_the_middle_of_the_exporters_keeps_the_previous_build(tmp_path, previous, stop):
    """Ctrl-C, a closed terminal or a lost SSH session (SIGHUP), Ctrl-\\ (SIGQUIT), SIGTERM
    while the exporters write their files: one line after the build's warnings, the usual
    status, the previous build as it was and no temporary folder."""
    out = previous(WARNS, tmp_path)
    before = folder_state(out)
    read, write, filled = full_pipe()
    process = start(WARNS, out, stderr=write)
    os.close(write)
    assert wait_for(lambda: any(out.glob(TEMPORARY)), timeout=60)
    os.killpg(process.pid, stop)
    *warnings, last = drain(read, filled).decode().splitlines(keepends=True)
    assert process.wait(timeout=60) == 128 + stop
    name = "interrupted" if stop == signal.SIGINT else f"stopped by {signal.Signals(stop).name}"
    assert last == f"qbank: {name}\n"
    assert all(": warning: question '" in line for line in warnings), warnings
    assert process.stdout.read() == b""
    assert folder_state(out) == before
    assert_whole(out)


def test_ctrl_c_after_the_commit_keeps_the_new_build(tmp_path, previous):
    """Ctrl-C while the build prints what it wrote (its standard output is full): the new
    build stays, whole, and the command ends with one line and status 130."""
    out = previous(SMALL, tmp_path)
    before = {p.name: p.stat().st_ino for p in out.iterdir()}
    read, write, filled = full_pipe()
    process = start(SMALL, out, stdout=write)
    os.close(write)

    def committed() -> bool:
        try:
            now = {p.name: p.stat().st_ino for p in out.iterdir()}
        except FileNotFoundError:  # the temporary folder went as it was listed
            return False
        return now.keys() == before.keys() and not set(now.values()) & set(before.values())

    assert wait_for(committed, timeout=60)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert (process.returncode, stderr) == (130, b"qbank: interrupted\n")
    assert drain(read, filled) == b""
    assert_whole(out)


def test_a_closed_standard_output_ends_quietly_and_keeps_the_build(tmp_path):
    """`qbank html | head -1` where head has gone: status 141 as `cat` gets, no message."""
    out = tmp_path / "out"
    read, write = os.pipe()
    os.close(read)
    process = build_printing_to(write, out)
    os.close(write)
    assert (process.returncode, process.stderr) == (141, b"")
    assert [p.name for p in out.iterdir()] == ["minimal.html"]
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
    assert [p.name for p in out.iterdir()] == ["minimal.html"]
    assert_whole(out)


def test_a_standard_output_closed_from_the_start_still_builds(tmp_path):
    """`qbank all >&-`: nobody to tell what was written, and nothing goes wrong."""
    out = tmp_path / "out"
    process = subprocess.run(
        command(SMALL, out),
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
    shutil.copyfile(SMALL, bank)
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
    # the name as the file system has it, at the '[' left open
    assert checked.stderr.startswith(broken + b":2:12: invalid YAML: this [ starts a list")


_UNSHARE = shutil.which("unshare")


def _can_unshare() -> bool:
    if not _UNSHARE:
        return False
    probe = [_UNSHARE, "--user", "--map-root-user", "--pid", "--fork", "true"]
    return subprocess.run(probe, capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="needs unshare and user namespaces")
def test_a_build_in_another_pid_namespace_is_left_alone(tmp_path):
    """Process ids say nothing across containers; locks do. A build started in a second
    PID namespace (as in another container sharing the folder) keeps its temporary files
    while a build here starts, cleans up and commits into the same folder."""
    out = tmp_path / "out"
    out.mkdir()
    read, write, filled = full_pipe()  # it waits in its exporters while the other builds
    inside = subprocess.Popen(
        [_UNSHARE, "--user", "--map-root-user", "--pid", "--fork", *command(WARNS, out)],
        cwd=ROOT,
        env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
        stdout=subprocess.PIPE,
        stderr=write,
    )
    os.close(write)
    assert wait_for(lambda: any(out.glob(TEMPORARY)), timeout=60)
    here = run_cli("anki", "--bank", SMALL, "--out", out)
    assert here.exit_code == 0, here.output
    assert any(out.glob(TEMPORARY))  # the other build's files are still there
    warnings = drain(read, filled)  # and now it goes on
    assert inside.wait(timeout=120) == 0, warnings
    assert len(inside.stdout.read().splitlines()) == ALL
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


def test_a_signal_as_the_last_handler_is_put_in_place_is_one_line():
    """A Ctrl-C that arrived while the handlers were being put in place (the test above
    sees them in place once SIGQUIT's is) rose outside main's try: a traceback ending
    'Interrupted: 2' and status 1, once in ten fresh-clone runs. Here it arrives there
    every time."""
    script = (
        "import signal\n"
        "from qbank import launch, signals\n"
        "def late():\n"
        "    signals.unwind_on_signals()\n"
        "    raise signals.Interrupted(signal.SIGINT)\n"
        "launch.unwind_on_signals = late\n"
        "launch.main()\n"
    )
    process = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=60
    )
    assert (process.returncode, process.stderr) == (130, b"qbank: interrupted\n")
