"""qbank: one question bank in plain YAML, many study and interview materials out.

`qbank.build(bank_path, out_dir, targets, options)` builds artifacts and returns their
paths; `qbank.check(...)`, with the same arguments but `progress` and `workers`, says what
that build would refuse (it raises) or warn about, writing nothing. See qbank.lifecycle.build
and docs/library.md; the command line (qbank.cli) calls them too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["__version__", "build", "check"]

if TYPE_CHECKING:  # for a type checker; at run time they load when first used (below)
    from qbank.lifecycle import build, check


def __getattr__(name: str) -> object:
    # `build` and `check` load the bank reader and the registry only when first used, so
    # that `import qbank` (and `qbank --version`) stays light
    if name in ("build", "check"):
        from qbank import lifecycle

        return getattr(lifecycle, name)
    raise AttributeError(f"module 'qbank' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
