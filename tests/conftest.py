"""Shared fixtures: the bundled bank, fixture banks, and running the CLI in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from qbank.bank import load_bank
from qbank.cli import main
from qbank.model import Bank
from qbank.paths import DEFAULT_BANK

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def default_bank() -> Bank:
    return load_bank(DEFAULT_BANK)


@pytest.fixture
def fixture_path():
    def find(name: str) -> Path:
        return FIXTURES / name

    return find


def run_cli(*args: str | Path) -> Result:
    """Run the CLI in-process, as a user would from the shell; never raises."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)


@pytest.fixture
def cli():
    return run_cli
