"""Shared fixtures: the bundled bank, fixture banks, running the CLI in-process; the
Hypothesis profile that makes property tests deterministic."""

from __future__ import annotations

import gc
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import FIXTURES, run_cli
from hypothesis import HealthCheck, Phase, settings
from rewrite_once import rewrite_before_workers

from qbank.bank import load_bank
from qbank.lifecycle import _usable_cores as USABLE_CORES
from qbank.model import Bank
from qbank.paths import DEFAULT_BANK

# `make test` and CI: the same examples on every run (derandomize), nothing remembered from an
# earlier run (no database), and no shrinking, which once spent five minutes of a CI run on one
# failure; a failure still prints its falsifying example, which then becomes an @example.
# HYPOTHESIS_PROFILE=explore searches at random, remembers and shrinks, for local hunting.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.target),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", deadline=None, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

MEMORY = Path("/dev/shm")  # Linux's tmpfs, in memory


# the least room the tmpfs must have free: a container's /dev/shm is often 64 MB, which a
# run's builds would fill (a full run writes 420 MB, a passing test's folder removed after it)
MEMORY_ROOM = 2 << 30


def _in_memory(folder: Path) -> bool:
    """Whether `folder` is a tmpfs mount this process may write in, with MEMORY_ROOM free."""
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
        room = os.statvfs(folder)
    except OSError:
        return False
    mounted = any(line.split()[1:3] == [str(folder), "tmpfs"] for line in mounts if line)
    roomy = room.f_bavail * room.f_frsize >= MEMORY_ROOM
    return mounted and roomy and os.access(folder, os.W_OK | os.X_OK)


# Every test's folder (tmp_path, the builds, LibreOffice's profiles, what the clients write)
# in memory unless TMPDIR says where: on this machine's ext4 (mounted with discard) a
# build's fsync of each artifact waited on the disk, and removing a run's 14,000 files
# (420 MB) took 35 s at the end of a later run. tests/test_check.py and test_lms.py:
# 47-94 s and 16.5-21.8 s CPU in /tmp, 34-35 s and 15.7-16.3 s CPU here. The workers
# inherit TMPDIR; tempfile forgets the folder pytest's capture already asked it for.
if "TMPDIR" not in os.environ and _in_memory(MEMORY):
    os.environ["TMPDIR"] = str(MEMORY)
    tempfile.tempdir = None


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook, absent under -p no:xdist
def pytest_xdist_setupnodes(config: pytest.Config, specs: list) -> None:
    """The controller, before its workers start: the asserts of every test module not yet
    in pytest's cache rewritten once, not by each worker (tests/rewrite_once.py)."""
    rewrite_before_workers(config, len(specs))


@pytest.fixture(scope="session")
def default_bank() -> Bank:
    return load_bank(DEFAULT_BANK)


@pytest.fixture
def fixture_path():
    def find(name: str) -> Path:
        return FIXTURES / name

    return find


@pytest.fixture
def cli():
    return run_cli


@dataclass(frozen=True)
class Built:
    """A build made once per test process: its folder, and what the command printed."""

    out: Path
    output: str

    def __truediv__(self, name: str) -> Path:
        return self.out / name


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """`built("booklet", "--bank", bank, "--paper", "letter")`: run that command once per test
    process (the same arguments give the same folder), for tests that only read what it
    wrote: a test that would change, rebuild or delete a file builds its own."""
    cache: dict[tuple[str, ...], Built] = {}

    def build(*args: str | Path) -> Built:
        key = tuple(str(a) for a in args)
        if "--bank" not in key:  # said, if left out: `html` is `html --bank` the bundled bank
            key += ("--bank", str(DEFAULT_BANK))
        if key not in cache:
            out = tmp_path_factory.mktemp("built")
            result = run_cli(*key, "--out", out)
            assert result.exit_code == 0, result.output
            cache[key] = Built(out, result.output)
        return cache[key]

    return build


@pytest.fixture(scope="session", autouse=True)
def serial_builds():
    """Builds in a test process run their exporters one after another: `all` otherwise
    forks a worker per core, and each fork of a test process (hundreds of MB of pages to
    map) costs more CPU than it saves when the suite already keeps every core busy (100
    forks were 16 s of a profiled run). Builds in a subprocess (test_signals, test_portable)
    still fork or spawn; a test of the pool in this process asks for `parallel_builds`."""
    from qbank import lifecycle

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lifecycle, "_usable_cores", lambda: 1)
        yield


@pytest.fixture
def parallel_builds(monkeypatch):
    """`all` in this process forks a worker per core, as it does outside the tests."""
    from qbank import lifecycle

    monkeypatch.setattr(lifecycle, "_usable_cores", USABLE_CORES)


# The files that take longest, longest first (seconds of one junit run of the suite on 2
# cores, 2026-12-07 at 000a3406, its load 4.5 to 5.5 from other sessions: about 1.7 times a
# quiet machine's figures): `make test` gives each of its two workers a whole file at a time
# (--dist loadfile) in this order (--no-loadscope-reorder: else xdist orders the files by
# their number of tests), so the short files come last and the two workers end together; a
# long file started last ran on alone while the other idled (the browser's file takes a
# tenth of the suite)
LONGEST_FIRST = (
    "test_html_browser.py",  # 50
    "test_packet_pdf.py",  # 43
    "test_debrief.py",  # 37
    "test_spreadsheet.py",  # 31
    "test_markdown_artifacts.py",  # 29.5
    "test_signals.py",  # 29
    "test_booklet_pages.py",  # 28
    "test_lms.py",  # 23
    "test_debrief_typed.py",  # 18.5
    "test_install.py",  # 14
    "test_library.py",  # 12.5
    "test_check.py",  # 12.4
    "test_reproducible.py",  # 11
    "test_competency_debrief.py",  # 9.4
    "test_debrief_print.py",  # 8.6
    "test_packet_heading.py",  # 8.5
    "test_interview.py",  # 7.7
    "test_text.py",  # 6.1
    "test_variants.py",  # 5.6
    "test_packet.py",  # 5.5
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: within a file, and among the rest, the order stays


def pytest_sessionfinish() -> None:
    """pytest collects the garbage twice after the session to report finalizers' errors, a
    full pass over a worker's heap each (0.2-0.3 s): one pass here, while its hook still
    records them, and the survivors set aside, so that the two find only what is new."""
    gc.collect()
    gc.freeze()
