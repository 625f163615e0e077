"""The exporter registry: one module per artifact, each defining `EXPORTER`.

An exporter has a `name` that the command line selects, a `summary` for --help, its own
click options, and `build(job, **options)`, which writes into `job.out_dir` and returns the
paths it wrote. It never parses YAML and never prints: warnings go to `job.warn`, progress
to `job.advance`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click

from qbank.errors import QbankError
from qbank.model import Bank
from qbank.naming import artifact_name

# The order `all` builds in and --help lists; an exporter not named here comes after.
ORDER = ("booklet", "anki", "packet", "cards")


def _ignore(_: object) -> None:
    return None


@dataclass(frozen=True)
class Job:
    """What every exporter is given: the (filtered) bank, where to write, whom to tell."""

    bank: Bank
    out_dir: Path
    warn: Callable[[str], None] = _ignore
    advance: Callable[[int], None] = _ignore  # called with a number of questions done
    variant: tuple[str, ...] = ()  # what the filters kept (section names, tags): the file names
    name: str | None = None  # --name: the stem of every file name, set outright

    def path(self, filename: str) -> Path:
        return self.out_dir / filename

    def filename(
        self, ext: str, kind: str = "", variant: Sequence[str] = (), part: str = ""
    ) -> str:
        """The one naming rule (qbank.naming): the whole bank keeps `<bank>[-kind].ext`;
        a filtered build, or an exporter's own `variant` words, make a name of its own."""
        return artifact_name(
            self.bank.name,
            ext,
            kind=kind,
            variant=(*self.variant, *variant),
            part=part,
            name=self.name,
        )


@dataclass(frozen=True)
class Exporter:
    name: str
    summary: str
    build: Callable[..., list[Path]]
    options: tuple[click.Parameter, ...] = field(default=())

    def run(self, job: Job, **options: object) -> list[Path]:
        known = {p.name for p in self.options}
        return self.build(job, **{k: v for k, v in options.items() if k in known})


_REGISTRY: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    if exporter.name in _REGISTRY:
        raise ValueError(f"two exporters are named {exporter.name!r}")
    _REGISTRY[exporter.name] = exporter
    return exporter


def exporters() -> list[Exporter]:
    """Every registered exporter, in build order."""
    if not _REGISTRY:
        for module in pkgutil.iter_modules(__path__):
            loaded = importlib.import_module(f"{__name__}.{module.name}")
            if hasattr(loaded, "EXPORTER"):
                register(loaded.EXPORTER)

    def rank(e: Exporter) -> tuple[int, str]:
        return (ORDER.index(e.name) if e.name in ORDER else len(ORDER), e.name)

    return sorted(_REGISTRY.values(), key=rank)


def get(name: str) -> Exporter:
    by_name = {e.name: e for e in exporters()}
    if name not in by_name:
        valid = ", ".join(by_name) or "none"
        raise QbankError(f"no exporter named {name!r}; valid names: {valid}")
    return by_name[name]
