#!/usr/bin/env python3
"""Entry point: `python generate.py --help` (also installed as `qbank`)."""

from qbank.launch import main  # the standard library only, so Ctrl-C is handled from here on

if __name__ == "__main__":
    main()
