"""qbank: one question bank in plain YAML, many study and interview materials out.

`qbank.build(bank_path, out_dir, targets, options)` builds artifacts and returns their
paths (see qbank.lifecycle.build); the command line (qbank.cli) calls it too.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "build"]


def __getattr__(name: str) -> object:
    # `build` loads the bank reader and the registry only when it is first used, so that
    # `import qbank` (and `qbank check`) stays light
    if name == "build":
        from qbank.lifecycle import build

        return build
    raise AttributeError(f"module 'qbank' has no attribute {name!r}")
