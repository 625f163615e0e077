"""The real programs the LMS tests read our files with: gift-pegjs under Node, the IMS QTI
1.2.1 DTD. Missing, a test skips and says how to get it; with QBANK_REQUIRE_LMS=1 (CI,
where .ci/run installs both into build/) it fails instead."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = Path(os.environ.get("QBANK_NODE_MODULES", ROOT / "build" / "node" / "node_modules"))
QTI_DTD = Path(os.environ.get("QBANK_QTI_DTD", ROOT / "build" / "qti" / "ims_qtiasiv1p2p1.dtd"))


def missing(reason: str) -> None:
    if os.environ.get("QBANK_REQUIRE_LMS") == "1":
        pytest.fail(f"QBANK_REQUIRE_LMS=1 but {reason}")
    pytest.skip(reason)


def gift_parse(*files: Path) -> list[dict]:
    """What gift-pegjs reads from each file."""
    node = shutil.which("node")
    if node is None:
        missing("Node is not installed (apt-get install nodejs)")
    if not (NODE_MODULES / "gift-pegjs").is_dir():
        missing(f"gift-pegjs is not in {NODE_MODULES}: npm install --prefix build/node gift-pegjs")
    script = Path(__file__).parent / "gift_parse.js"
    done = subprocess.run(
        [node, str(script), str(NODE_MODULES), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def qti_dtd() -> Path:
    if not QTI_DTD.is_file():
        missing(
            f"the IMS QTI 1.2.1 DTD is not at {QTI_DTD}; .ci/run takes it from the sdist of "
            "pyslet (PyPI), which ships it among its test data"
        )
    return QTI_DTD
