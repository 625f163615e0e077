"""What each artifact of a small fixture bank says matches tests/golden/ (`make golden`)."""

from __future__ import annotations

from golden_dump import GOLDEN, dumps


def test_the_artifacts_say_what_the_golden_dumps_say(tmp_path):
    texts = dumps(tmp_path / "out")
    assert sorted(texts) == sorted(p.name for p in GOLDEN.glob("*.txt")), "run make golden"
    for name, text in texts.items():
        assert text == (GOLDEN / name).read_text(encoding="utf-8"), f"{name}: run make golden"
