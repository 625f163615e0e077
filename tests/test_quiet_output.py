"""Every command writes to a closed or full standard output as `cat` does (issue 27):
a closed pipe ends with status 141 and no word, a full disk with one line and status 1,
`--help`, `--version` and `schema` included; never a traceback.

Each case is a real process, since the point is the real file descriptor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
FULL = b"qbank: cannot write to the standard output: No space left on device\n"


def run(args: list[str], stdout) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "generate.py", *args],
        cwd=ROOT,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=120,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["schema"], ["check", "--help"]])
def test_a_full_standard_output_is_one_line(args):
    with open("/dev/full", "wb") as full:
        process = run(args, full)
    assert (process.returncode, process.stderr) == (1, FULL)


@pytest.mark.parametrize("args", [["--version"], ["schema"], ["check", "--help"]])
def test_a_closed_standard_output_ends_quietly(args):
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first byte: `qbank schema | true`
    try:
        process = run(args, write)
    finally:
        os.close(write)
    assert (process.returncode, process.stderr) == (141, b"")
