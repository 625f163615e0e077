"""Shared fixtures: the bundled bank, fixture banks, running the CLI in-process; the
Hypothesis profile that makes property tests deterministic."""

from __future__ import annotations

import os
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
