"""Files qbank reads that are not a bank, made hostile: an import's category path, a study
page's look, qbank.toml, a zip given to import, earlier debrief CSVs. Each is read within
bounds of time and memory and ends in a result or `FILE[:LINE]: message` with exit 1,
never a traceback or "internal error"; each case is made small here, in a generator."""

from __future__ import annotations

import time

from helpers import run_cli


def test_a_category_path_of_many_names_imports_in_a_moment(tmp_path):
    # 60,000 names: 40 s when each name left out joined the rest again
    gift = tmp_path / "deep.gift"
    names = "/".join(f"n{i}" for i in range(60_000))
    gift.write_text(f"$CATEGORY: {names}\n\n::Q:: Why? {{####Because.}}\n", encoding="utf-8")
    started = time.monotonic()
    result = run_cli("import", gift, "-o", "-")
    assert time.monotonic() - started < 10
    assert result.exit_code == 0, result.output
    assert 'section: "General"' not in result.stdout
    assert "n59999" in result.stdout and "\u2026 / " in result.stdout
