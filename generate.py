#!/usr/bin/env python3
"""Entry point: `python generate.py --help` (also installed as `qbank`)."""

from qbank.cli import main

if __name__ == "__main__":
    main()
