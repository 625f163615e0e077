#!/usr/bin/env python3
"""Entry point: `python generate.py --help` (also installed as `qbank`)."""

import sys

try:
    from qbank.cli import main
except ModuleNotFoundError as missing:  # run outside the environment `make` sets up
    sys.exit(
        f"qbank needs {missing.name!r}, which this Python does not have. Run `make` once, "
        "then use `.venv/bin/python generate.py ...` (or `. .venv/bin/activate` first)."
    )

if __name__ == "__main__":
    main()
