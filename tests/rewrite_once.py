"""Rewrite the test modules' asserts once, before pytest-xdist starts its workers.

pytest rewrites each test module's asserts when it first imports it and keeps the result in
`__pycache__`; in a fresh clone (CI's every run) the cache is empty, and the two workers of
`make test`, which each import every module to collect, rewrote all of them at once, the
same work twice: 7.9 s of CPU each on this machine for the 80 modules, against 2.1 s for a
collection from the cache. Here the controller writes the missing entries first, split
between as many processes as there are workers, so each module is rewritten once.

The entries are written by pytest's own functions (private ones: a pytest that renamed or
changed them makes this do nothing, and the workers rewrite for themselves as before); a
worker still checks each entry against its source before it uses it."""

from __future__ import annotations

import fnmatch
import os
import sys
from pathlib import Path

import pytest


def _modules(config: pytest.Config) -> list[Path]:
    """The files of this run's arguments that pytest rewrites: its test modules (the ini's
    python_files) and conftest.py files, the largest first."""
    patterns = config.getini("python_files")
    found: set[Path] = set()
    for arg in config.args:
        path = Path(config.invocation_params.dir, arg.split("::")[0])
        candidates = path.rglob("*.py") if path.is_dir() else [path]
        found.update(
            p.resolve()
            for p in candidates
            if p.name == "conftest.py" or any(fnmatch.fnmatch(p.name, pat) for pat in patterns)
        )
    return sorted((p for p in found if p.is_file()), key=lambda p: -p.stat().st_size)


def _rewrite(config: pytest.Config, modules: list[Path]) -> None:
    """Each of `modules` rewritten into pytest's cache, as its import would do."""
    from _pytest.assertion import rewrite

    state = config.stash[rewrite.assertstate_key]
    for module in modules:
        pyc = rewrite.get_cache_dir(module) / (module.name[:-3] + rewrite.PYC_TAIL)
        try:
            if rewrite.try_makedirs(pyc.parent):
                stamp, code = rewrite._rewrite_test(module, config)
                rewrite._write_pyc(state, code, stamp, pyc)
        except Exception:  # a module that does not parse fails at its import, with
            continue  # pytest's own message; a pytest that changed rewrites it there


def rewrite_before_workers(config: pytest.Config, workers: int) -> None:
    """The modules whose rewritten code is not cached, rewritten in `workers` processes."""
    if sys.dont_write_bytecode or config.getoption("assertmode") != "rewrite":
        return
    try:
        from _pytest.assertion import rewrite

        def cached(module: Path) -> bool:
            pyc = rewrite.get_cache_dir(module) / (module.name[:-3] + rewrite.PYC_TAIL)
            return rewrite._read_pyc(module, pyc) is not None

        stale = [m for m in _modules(config) if not cached(m)]
    except (ImportError, AttributeError, KeyError, TypeError):
        return
    if not stale:
        return
    # where the platform cannot fork (Windows), the controller rewrites them all itself
    ways = max(workers, 1) if hasattr(os, "fork") else 1
    shares = [stale[i::ways] for i in range(ways)]
    children = []
    for share in shares[1:]:
        child = os.fork()
        if child == 0:  # the child rewrites its share and leaves without pytest's exit
            try:
                _rewrite(config, share)
            finally:
                os._exit(0)
        children.append(child)
    try:
        _rewrite(config, shares[0])
    finally:
        for child in children:
            os.waitpid(child, 0)
