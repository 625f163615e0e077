"""Reproducible and atomic builds of every artifact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from qbank import atomic
from qbank.exporters import exporters
from qbank.paths import DEFAULT_BANK

ROOT = Path(__file__).parent.parent
KINDS = {"booklet": ".pdf", "anki": ".apkg", "packet": ".docx", "cards": ".pdf"}


def build_all(cli, out: Path, epoch: str, monkeypatch, bank: Path = DEFAULT_BANK):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = cli("all", "--bank", bank, "--out", out)
    return result


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_two_builds_are_byte_identical(cli, tmp_path, monkeypatch):
    first = build_all(cli, tmp_path / "one", "1764115200", monkeypatch)
    second = build_all(cli, tmp_path / "two", "1764115200", monkeypatch)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert sorted(one) == sorted(two)
    suffixes = sorted(Path(name).suffix for name in one)
    assert suffixes == sorted(
        KINDS[e.name] for e in exporters() for _ in range(1 + (e.name == "booklet"))
    )
    for name in one:
        assert one[name] == two[name], f"{name} differs between two builds"


def test_a_failed_build_keeps_the_previous_artifacts(cli, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert build_all(cli, out, "1764115200", monkeypatch).exit_code == 0
    before = snapshot(out)

    def refuse(src, dst):
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(atomic.os, "replace", refuse)
    failed = build_all(cli, out, "1764201600", monkeypatch)  # a day later: new bytes
    assert failed.exit_code == 1
    assert "No space left on device" in failed.stderr and "Traceback" not in failed.output
    assert snapshot(out) == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_terminated_build_leaves_no_partial_file(tmp_path):
    bank = tmp_path / "big.yaml"
    data = yaml.safe_load(DEFAULT_BANK.read_text(encoding="utf-8"))
    questions = data["questions"]
    data["questions"] = [{**q, "id": f"{q['id']}-{n}"} for n in range(8) for q in questions]
    bank.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "generate.py", "all", "--bank", str(bank), "--out", str(out)]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764115200")
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    before = snapshot(out)
    for delay in (0.4, 0.9, 1.5):
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=dict(env, SOURCE_DATE_EPOCH="1764201600"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
        assert b"Traceback" not in stderr
        names = {p.name for p in out.iterdir()}
        assert not [n for n in names if n.endswith(atomic.PART)], names
        # every artifact is either the old one or a complete new one
        assert set(before) <= names
        for name in names:
            assert is_complete(out / name), name
    killed = subprocess.Popen(command, cwd=ROOT, env=env)
    time.sleep(0.6)
    killed.kill()  # SIGKILL: nothing of the parent unwinds; its workers are told to stop
    killed.wait()
    time.sleep(0.3)
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    assert snapshot(out) == before  # stale parts of a killed build are cleaned up


def is_complete(path: Path) -> bool:
    """A whole artifact: a PDF that ends with its trailer, or a zip whose entries check out."""
    if path.suffix == ".pdf":
        data = path.read_bytes()
        return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    with zipfile.ZipFile(path) as archive:
        return archive.testzip() is None and bool(archive.namelist())
