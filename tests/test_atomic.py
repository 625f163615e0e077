"""Atomic writes: an artifact is complete or absent; a failure keeps the previous one."""

from __future__ import annotations

import pytest

from qbank.atomic import atomic_path


def test_success_replaces_the_target(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_text("old")
    with atomic_path(target) as temp:
        assert temp.parent == tmp_path and temp != target
        temp.write_text("new")
        assert target.read_text() == "old"
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_failure_keeps_the_previous_file_and_leaves_no_partial(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        temp.write_text("half")
        raise RuntimeError("exporter failed part-way")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_interrupt_also_cleans_up(tmp_path):
    target = tmp_path / "b.docx"
    with pytest.raises(KeyboardInterrupt), atomic_path(target) as temp:
        temp.write_text("half")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []
