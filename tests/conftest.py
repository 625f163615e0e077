"""Shared fixtures: the bundled bank, fixture banks, running the CLI in-process; the
Hypothesis profile that makes property tests deterministic."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import FIXTURES, run_cli
from hypothesis import HealthCheck, Phase, settings

from qbank.bank import load_bank
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
        if key not in cache:
            out = tmp_path_factory.mktemp("built")
            bank = () if "--bank" in key else ("--bank", DEFAULT_BANK)  # said, if left out
            result = run_cli(*key, *bank, "--out", out)
            assert result.exit_code == 0, result.output
            cache[key] = Built(out, result.output)
        return cache[key]

    return build


@pytest.fixture
def serial_builds(monkeypatch):
    """Builds run their exporters one after another in this process. `all` otherwise forks
    a worker per core, and each fork of a test process costs more CPU than it saves when
    the suite already keeps every core busy; test_cli shows that `all` in parallel writes
    and warns as it does in sequence."""
    from qbank import lifecycle

    monkeypatch.setattr(lifecycle, "_usable_cores", lambda: 1)
