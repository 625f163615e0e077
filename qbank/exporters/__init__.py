"""The exporter registry: one subpackage per artifact, each defining `EXPORTER`.

An exporter has a `name` that the command line selects, a `summary` for --help, its own
options as plain data (`Option`, which qbank/cli.py turns into flags), and
`build(job, **options)`, which writes each file through `job.write` and returns the
artifacts' paths. It never parses YAML and never prints: warnings go to `job.warn`,
progress to `job.advance`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from qbank.errors import OptionError, QbankError
from qbank.job import Job
from qbank.options import Option
from qbank.paths import Templates
from qbank.text import closest

__all__ = ["NAMES", "ON_REQUEST", "Exporter", "Job", "Option", "exporters", "get", "on_request"]


@dataclass(frozen=True)
class Exporter:
    name: str
    summary: str
    build: Callable[..., list[Path]]
    options: tuple[Option, ...] = field(default=())
    # the template files of the look it reads (templates/...toml), each file's keys declared
    # beside its reader (qbank.look.declare): a build checks these before any exporter runs
    look: tuple[str, ...] = ()
    # what `build` would refuse or warn about, found without writing a file (check runs
    # it); every exporter of the registry has one
    preflight: Callable[..., None] | None = None
    # whether a build with these options reads the bank (cards --calibrate does not)
    needs_bank: Callable[[Mapping[str, object]], bool] = field(default=lambda options: True)
    # whether `all` with these options builds it (lms only with --lms FORMAT)
    in_all: Callable[[Mapping[str, object]], bool] = field(default=lambda options: True)
    # how long its build takes, about, beside the others' on one bank (a question's cards
    # about twice its booklet pages, ten times its deck): `all` starts the longest first,
    # so that none of them starts last (see qbank.workers)
    cost: float = 1.0
    # the problems of the look's other files it reads (card templates, the page's style),
    # each `FILE:LINE: message`: a build says them with those of the TOML files, before
    # any exporter runs (the deck's and the page's were said one a build)
    template_problems: Callable[[Templates], list[str]] = field(default=lambda templates: [])

    def run(self, job: Job, **options: object) -> list[Path]:
        with _look_that_leaves_no_room(job):
            return self.build(job, **self._own(options))

    def check(self, job: Job, **options: object) -> None:
        assert self.preflight is not None, f"{self.name}: no preflight"
        with _look_that_leaves_no_room(job):
            self.preflight(job, **self._own(options))

    def _own(self, options: dict[str, object]) -> dict[str, object]:
        known = {p.name for p in self.options}
        return {k: v for k, v in options.items() if k in known}


@contextmanager
def _look_that_leaves_no_room(job: Job) -> Iterator[None]:
    """reportlab's LayoutError (a part taller or wider than its frame) in a build whose
    --templates change the look: every value in range, but together they leave a part no
    room. The built-in look never does, so without --templates it stays qbank's bug.
    reportlab is not imported here: `qbank html` loads no PDF library, and an exporter that
    never loaded it cannot have raised its error."""
    try:
        yield
    except Exception as error:
        doctemplate = sys.modules.get("reportlab.platypus.doctemplate")
        overlay = job.templates.overlay
        if doctemplate is None or not isinstance(error, doctemplate.LayoutError) or not overlay:
            raise
        detail = " ".join(str(error).split())[:160]
        raise QbankError(
            f"{overlay}: the look leaves a part of the page no room ({detail}): make the "
            "margins, gaps, line heights or sizes of its theme files smaller"
        ) from None


# Every exporter, in the order `all` builds them and --help lists them. Each is the package
# qbank.exporters.<name>, which defines EXPORTER; it is imported when first asked for, so that
# `qbank html` loads no PDF, Word or Anki library.
NAMES = ("booklet", "anki", "packet", "cards", "html")
# Exporters that `all` builds only when its options ask (`in_all`): lms, with --lms FORMAT.
ON_REQUEST = ("lms",)


def exporters() -> tuple[Exporter, ...]:
    """Every exporter, in the order `all` builds them and --help lists them."""
    return tuple(map(get, NAMES))


def on_request() -> tuple[Exporter, ...]:
    """The exporters that `all` builds only when asked, in the order it builds them."""
    return tuple(map(get, ON_REQUEST))


@cache
def get(name: str) -> Exporter:
    if name not in NAMES + ON_REQUEST:  # a library's target: an option of the build
        valid = ", ".join(NAMES + ON_REQUEST)
        close = closest(name, NAMES + ON_REQUEST)
        guess = f"did you mean '{close}'? " if close else ""
        raise OptionError(f"no exporter named {name!r}; {guess}valid names: {valid}")
    exporter = importlib.import_module(f"{__name__}.{name}").EXPORTER
    assert exporter.name == name, (exporter.name, name)
    return exporter
