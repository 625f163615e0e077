"""What tests share besides fixtures: where the fixture banks are, running the CLI in-process.

A plain module (tests import it as `from helpers import ...`), never `from conftest import`:
pytest imports conftest.py itself, and a second import under another name gives a second copy.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from qbank.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def run_cli(*args: str | Path) -> Result:
    """Run the CLI in-process, as a user would from the shell; never raises."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
