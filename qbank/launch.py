"""The process's entry point (`qbank`, `generate.py`): the stopping signals are handled from
the first moment, before the slow imports, and the process ends with at most one line.

Only the standard library is imported here.
"""

from __future__ import annotations

import sys

from qbank.signals import Interrupted, end, ignore_signals, unwind_on_signals


def main() -> None:
    try:
        # inside the try: a signal may arrive as the last handler is put in place, and its
        # Interrupted then rises from here (a traceback and status 1, once in ten runs)
        unwind_on_signals()
        try:
            try:
                from qbank.cli import main as command_line  # a second or so on a cold start
            except ModuleNotFoundError as missing:  # run outside the environment of `make`
                sys.exit(
                    f"qbank needs {missing.name!r}, which this Python does not have. Run "
                    "`make` once, then use `.venv/bin/python generate.py ...` (or "
                    "`. .venv/bin/activate` first)."
                )
            command_line()
        finally:
            # The command has ended (click ends it with SystemExit). From here a stopping
            # signal is ignored: the interpreter's finalisation puts the default handlers
            # back, and a Ctrl-C there would kill the process with no word (status -2).
            ignore_signals()
    except Interrupted as stop:
        ignore_signals()
        end(stop.exit_code, stop.message)
