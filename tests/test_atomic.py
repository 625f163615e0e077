"""Atomic writes: an artifact is complete or absent; a failure keeps the previous one."""

from __future__ import annotations

import os

import pytest

from qbank.atomic import atomic_path, commit, remove_stale_parts, transaction


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


def test_stale_parts_of_dead_writers_go_and_live_ones_stay(tmp_path):
    live = tmp_path / f".a.pdf.{os.getpid()}.x1y2.part"
    dead = tmp_path / ".a.pdf.999999999.x1y2.part"  # beyond any pid the kernel hands out
    artifact = tmp_path / "a.pdf"
    for path in (live, dead, artifact):
        path.write_text("x")
    remove_stale_parts(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, artifact.name])


def test_a_transaction_commits_together_or_not_at_all(tmp_path):
    first, second = tmp_path / "one.pdf", tmp_path / "two.pdf"
    first.write_text("old one")
    with transaction() as pending:
        with atomic_path(first) as temp:
            temp.write_text("new one")
        assert first.read_text() == "old one"  # held back until the commit
        with atomic_path(second) as temp:
            temp.write_text("new two")
        commit(pending)
    assert (first.read_text(), second.read_text()) == ("new one", "new two")
    with pytest.raises(RuntimeError), transaction():
        with atomic_path(first) as temp:
            temp.write_text("newer one")
        raise RuntimeError("the next exporter failed")
    assert first.read_text() == "new one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.pdf", "two.pdf"]
