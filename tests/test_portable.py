"""qbank starts and builds where POSIX is missing: the paths macOS and Windows take (issue 20).

CI runs on Linux only. A subprocess here stands in for the other platforms: `fcntl` cannot
be imported, `os.fork` does not exist and workers start with `spawn` (the default on macOS
and Windows), in the build's process and in every worker it starts. Its `all` must give
byte for byte what an ordinary build gives, and the artifacts must read back.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
from helpers import FIXTURES
from pypdf import PdfReader

import qbank

ROOT = Path(__file__).resolve().parent.parent
BANK = FIXTURES / "minimal.yaml"
EPOCH = "1700000000"

# Loaded by every Python that starts with this folder on PYTHONPATH, workers included.
NO_POSIX = """\
import multiprocessing
import os
import sys

sys.modules["fcntl"] = None  # `import fcntl` raises ImportError, as on Windows
del os.fork
multiprocessing.set_start_method("spawn", force=True)
"""

BUILD = """\
import multiprocessing, os, sys
import qbank
try:
    import fcntl
except ImportError:
    hidden = True
else:
    hidden = False
written = qbank.build(sys.argv[1], sys.argv[2], "all", workers=3)
print(repr((hidden, hasattr(os, "fork"), multiprocessing.get_start_method(), len(written))))
"""


def test_all_builds_without_fork_fcntl_and_with_spawn(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_POSIX, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]),
        "SOURCE_DATE_EPOCH": EPOCH,
    }
    out = tmp_path / "portable"
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(BANK), str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    hidden, has_fork, method, count = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    assert (hidden, has_fork, method) == (True, False, "spawn")
    assert count == 6

    # byte for byte what an ordinary build in this process gives
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    ordinary = tmp_path / "ordinary"
    qbank.build(BANK, ordinary, "all", workers=1)
    names = sorted(p.name for p in ordinary.iterdir())
    assert sorted(p.name for p in out.iterdir()) == names  # no temporary folder left
    for name in names:
        assert (out / name).read_bytes() == (ordinary / name).read_bytes(), name

    # and what a user opens
    booklet = PdfReader(out / "minimal-booklet.pdf")
    assert "And y?" in "".join(page.extract_text() for page in booklet.pages)
    cards = PdfReader(out / "minimal-flashcards.pdf")
    assert "What is" in "".join(page.extract_text() for page in cards.pages)
    packet = docx.Document(str(out / "minimal-packet.docx"))
    assert any("And y?" in p.text for p in packet.paragraphs)
    with zipfile.ZipFile(out / "minimal.apkg") as deck:
        assert "collection.anki2" in deck.namelist()
    assert "Minimal bank" in (out / "minimal.html").read_text(encoding="utf-8")
