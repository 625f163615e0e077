"""The fixed life cycle of a build: load the bank, select questions, make the job, prepare the
folder, run the exporters in one transaction. `build` composes it; `qbank.build` is it."""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from qbank import atomic, highlight, look
from qbank.atomic import Transaction
from qbank.bank import load_bank
from qbank.bank.logo import read_logo
from qbank.errors import OptionError, QbankError
from qbank.exporters import Exporter, Option, exporters, get, on_request
from qbank.job import Job, build_time, given_time, source_date
from qbank.model import Bank
from qbank.naming import check_stem
from qbank.paths import BUILTIN_TEMPLATES, FONTS, Templates, builtin_template_names
from qbank.rubric import anchors_apart
from qbank.text import closest, one_line, shorten
from qbank.workers import (
    Step,
    may_start_workers,
    refuse_in_a_starting_worker,
    run_in_workers,
    run_step,
)

Advance = Callable[[int], None]
# Given the questions and the exporters of a build, a context that yields what is called with
# each number of questions done (the command line's progress bar).
Progress = Callable[[int, int], AbstractContextManager[Advance]]


def _ignore(_: object) -> None:
    return None


@contextmanager
def no_progress(questions: int, exporters: int) -> Iterator[Advance]:
    yield _ignore


def build(
    bank_path: Path | str,
    out_dir: Path | str,
    targets: Sequence[str] = ("all",),
    options: Mapping[str, object] | None = None,
    *,
    sections: Sequence[str] = (),
    tags: Sequence[str] = (),
    name: str | None = None,
    templates: Path | str | None = None,
    warn: Callable[[str], None] = _ignore,
    progress: Progress = no_progress,
    workers: int | None = None,
    organisation: str | None = None,
    logo: Path | str | None = None,
    timestamp: int | datetime.datetime | None = None,
) -> list[Path]:
    """Build `targets` (exporter names; "all" is every exporter, in the registry's order)
    from the bank file at `bank_path` into `out_dir`, and return the paths written.

    `options` are the exporters' options by name (`{"paper": "letter", "count": 10}`); each
    exporter takes those it declares, and a name that no target declares, or a value its
    option refuses, is an error. `sections` and `tags` filter the questions, `name` is the
    stem of every file name, `templates` a folder of template files laid over the built-in
    look. `organisation` and `logo` (an image file) stand in for the bank's own when it has
    none (qbank.toml's). `timestamp` (seconds since 1970, or a datetime with its zone) is
    the time the artifacts carry, for this build alone, as SOURCE_DATE_EPOCH gives it to
    every build. The artifacts appear together when every exporter has succeeded, else
    none changes.
    """
    chosen = {"sections": sections, "tags": tags, "name": name, "templates": templates}
    chosen |= {"organisation": organisation, "logo": logo, "timestamp": timestamp}
    called = {"warn": warn, "progress": progress}
    targets, options, chosen = _library_arguments(
        targets, options, chosen | called, workers, bank_path=bank_path, out_dir=out_dir
    )
    progress = chosen.pop("progress")
    with _prepared(bank_path, out_dir, targets, options, **chosen) as (_, job, steps):
        if "all" in targets and (note := look.untranslated(job.bank.language, job.templates)):
            warn(note)
        with progress(len(job.bank.questions), len(steps)) as advance:
            return run(replace(job, advance=advance), steps, workers)


def check(
    bank_path: Path | str,
    out_dir: Path | str,
    targets: Sequence[str] = ("all",),
    options: Mapping[str, object] | None = None,
    *,
    sections: Sequence[str] = (),
    tags: Sequence[str] = (),
    name: str | None = None,
    templates: Path | str | None = None,
    warn: Callable[[str], None] = _ignore,
    organisation: str | None = None,
    logo: Path | str | None = None,
) -> Bank:
    """What `build` with the same arguments would refuse (raised, as `build` raises it) and
    what it would warn about (to `warn`), writing nothing; returns the whole bank. It takes
    `build`'s keyword settings but not its progress nor its workers."""
    settings = {"sections": sections, "tags": tags, "name": name, "templates": templates}
    settings |= {"warn": warn, "organisation": organisation, "logo": logo}
    targets, options, settings = _library_arguments(
        targets, options, settings, bank_path=bank_path, out_dir=out_dir
    )
    with _prepared(bank_path, out_dir, targets, options, **settings, doing="check looks at") as (
        whole,
        job,
        steps,
    ):
        preflight(job, steps)
        return whole


@contextmanager
def _prepared(
    bank_path: Path | str,
    out_dir: Path | str,
    targets: Sequence[str],
    options: Mapping[str, object] | None,
    *,
    sections: Sequence[str] = (),
    tags: Sequence[str] = (),
    name: str | None = None,
    templates: Path | str | None = None,
    warn: Callable[[str], None] = _ignore,
    organisation: str | None = None,
    logo: Path | str | None = None,
    timestamp: int | None = None,
    doing: str = "all builds",
) -> Iterator[tuple[Bank, Job, list[Step]]]:
    """The whole bank, the job and the steps of a build (or of its check: `doing`, what the
    command does with an exporter, as an option refused names it); the job carries the
    look of `templates`, checked."""
    options = checked_options(_exporters(targets), options or {})
    steps = steps_for(targets, options)
    _refuse_unused(options, steps, doing)
    bank_path, out_dir = Path(bank_path), Path(out_dir)
    look_of = Templates.of(templates)
    for unused in look_of.unused_said(templates):
        warn(unused)
    # every problem of the look its exporters read at once, before any exporter runs
    for retired in checked_look(look_of, steps):
        warn(retired)
    if any(step.needs_bank(options) for step in steps):
        whole = branded(load_bank(bank_path, warn=warn), organisation, logo)
        bank = select(whole, sections, tags)
        if any("packet/rubric.toml" in exporter.look for exporter in steps):
            for said in anchors_apart(whole, look_of):
                warn(said)
    else:  # nothing of the bank is used: it need not exist, nor be valid
        whole = bank = Bank(title="qbank", questions=(), sections=(), name=bank_path.stem)
    job = Job(
        bank=bank,
        out_dir=out_dir,
        timestamp=(
            build_time(bank_path, also=whole.pictures_modified) if timestamp is None else timestamp
        ),
        pinned=timestamp is not None or source_date() is not None,
        warn=warn,
        variant=variant_words(whole, sections, tags),
        name=None if name is None else check_stem(name),
        templates=look_of,
    )
    yield whole, job, [(exporter, options) for exporter in steps]


def checked_look(templates: Templates, steps: Sequence[Exporter]) -> list[str]:
    """The warnings of the look's files that `steps` read; every problem of all of them,
    the TOML files' and the templates' alike, raised at once as one LookError."""
    problems = [p for step in steps for p in step.template_problems(templates)]
    try:
        retired = look.check_all(templates, {name for step in steps for name in step.look})
    except look.LookError as error:
        raise look.LookError([*error.problems, *problems]) from None
    if problems:
        raise look.LookError(list(dict.fromkeys(problems)))
    return retired


def branded(bank: Bank, organisation: str | None, logo: Path | str | None) -> Bank:
    """`bank` with `organisation` and the image at `logo` where it has none of its own."""
    if organisation and not bank.organisation:
        bank = replace(bank, organisation=organisation)
    if logo is not None and bank.logo is None:
        try:
            bank = replace(bank, logo=read_logo(Path(logo)))
        except ValueError as why:
            # the logo of the folder's qbank.toml (the command line's only source of one),
            # or the library's `logo` argument
            raise QbankError(
                f"{logo}: the logo (qbank.toml's logo, or build's logo argument): {why}"
            ) from None
    return bank


def steps_for(targets: Sequence[str], options: Mapping[str, object]) -> list[Exporter]:
    """The exporters that `targets` with `options` run: "all" leaves out an exporter that
    it builds only when asked (lms, with --lms FORMAT)."""
    steps = _exporters(targets)
    if "all" in ([targets] if isinstance(targets, str) else targets):
        steps = [step for step in steps if step.in_all(options)]
    return steps


def _refuse_unused(
    options: Mapping[str, object], steps: Sequence[Exporter], doing: str = "all builds"
) -> None:
    """Refuse an option given for an exporter that `all` leaves out: `all --feedback hint`
    wrote no LMS file and said nothing (a library trial). On the command line the command
    is named by what it `doing` ('check looks at'): `check --feedback hint` was told 'all
    builds lms only with --lms FORMAT' (a review)."""
    taken = {option.name for exporter in steps for option in exporter.options}
    for key, value in options.items():
        if key not in taken:
            (owner,) = [e for e in on_request() if key in {o.name for o in e.options}]
            flag, name = "--" + key.replace("_", "-"), owner.name
            # named as a library caller gives it too, as chosen() in exporters/lms does
            (own,) = [o for o in owner.options if o.name == name]
            given = json.dumps(value) if isinstance(value, str) else "..."
            said = (
                f"{flag}: only {name} takes it, and {{}} {name} only with --{name} FORMAT; give "
                f"--{name} too, or leave {flag} out"
            )
            raise OptionError(
                f'{said.format("all builds")} (from Python, the options "{name}" and "{key}": '
                f'{{"{name}": "{own.choices[0]}", "{key}": {given}}})',
                command_line=said.format(doing),  # no Python on the command line (a review)
            )


def _exporters(targets: Sequence[str]) -> list[Exporter]:
    if isinstance(targets, str):
        targets = [targets]
    if "all" in targets:
        return [*exporters(), *on_request()]
    return list(dict.fromkeys(map(get, targets)))


def checked_options(steps: Sequence[Exporter], options: Mapping[str, object]) -> dict:
    """`options` checked against what `steps` declare: every name known, every value as
    its option checks it (`Option.check`) and as what it stands for (a paper: its
    geometry)."""
    declared: dict[str, Option] = {o.name: o for e in steps for o in e.options}
    checked = {}
    for key, value in options.items():
        option = declared.get(key)
        if option is None:
            known = ", ".join(sorted(declared)) or "none"
            names = ", ".join(e.name for e in steps)
            guess = _guess(key.lstrip("-").replace("-", "_"), list(declared))
            raise OptionError(f"no option {key!r} for {names}; {guess}options are: {known}")
        if value is None:  # left out, as Option.check has it: the exporter's own default
            continue  # ({"paper": None} gave the booklet no paper: an AttributeError)
        if option.multiple:  # one value alone counts once: "Al" is not two names, A and l
            values = value if isinstance(value, (list, tuple)) else (value,)
            checked[key] = tuple(option.value(v) for v in values if v is not None)
        else:
            checked[key] = option.value(value)
    return checked


def _names(argument: str, given: object) -> tuple[str, ...]:
    """A library argument of names (`targets`, `sections`, `tags`): one name or a sequence
    of them; a name alone is one name, not its letters."""
    if isinstance(given, str):
        return (given,)
    if isinstance(given, (list, tuple)) and all(isinstance(n, str) for n in given):
        return tuple(given)
    raise TypeError(f"{argument}: give a name or a list of names (text), not {given!r}")


def _library_arguments(
    targets: object,
    options: object,
    settings: Mapping[str, Any],
    workers: object = None,
    **paths: object,
) -> tuple[tuple[str, ...], Mapping[str, object], dict[str, Any]]:
    """`build`'s and `check`'s arguments as the command line gives them, checked: a wrong
    kind of argument is a TypeError that names it (an AttributeError from deep inside was).
    `paths` are the arguments that must be paths (the bank's, the folder's)."""
    library_paths(**paths)
    if options is None:
        options = {}
    if not isinstance(options, Mapping):
        raise TypeError(f"options: give a mapping of option names to values, not {options!r}")
    for key in options:  # 'int' object has no attribute 'lstrip' (a library trial)
        if not isinstance(key, str):
            raise TypeError(
                f"options: name each option by its name as text ('paper', 'count'), not {key!r}"
            )
    names = _names("targets", targets)
    if not names:
        raise TypeError("targets: name at least one artifact, or 'all'")
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
    ):
        raise TypeError(f"workers: give a whole number of 1 or more, or None, not {workers!r}")
    return names, options, library_settings(settings)


def library_paths(**paths: object) -> None:
    """Refuse an argument of `paths` that is no path, as a TypeError that names it; text
    of several lines that names no file is a bank's own text, and said so (a library
    trial: the whole bank began 'TEXT: cannot read the bank: No such file or directory')."""
    for key, given in paths.items():
        if not isinstance(given, (str, os.PathLike)):
            raise TypeError(f"{key}: give a path, not {given!r}")
        if isinstance(given, str) and "\n" in given and not os.path.lexists(given):
            raise TypeError(
                f"{key}: give the path of a file, not text of several lines "
                f"({shorten(one_line(given), 30)!r}); a bank held as text is written to a "
                "file first, which its messages then name"
            )


def library_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The settings that `build`, `check` and the debrief share (those of `settings`
    given), checked as `_library_arguments` checks the rest; `warn` says each message
    once."""
    settings = dict(settings)
    for key in ("sections", "tags"):
        if key in settings:
            settings[key] = _names(key, settings[key])
    for key in ("name", "organisation"):
        if settings.get(key) is not None and not isinstance(settings[key], str):
            raise TypeError(f"{key}: give text, not {settings[key]!r}")
    for key in ("warn", "progress"):
        if key in settings and not callable(settings[key]):
            raise TypeError(f"{key}: give a function, not {settings[key]!r}")
    if "warn" in settings:
        settings["warn"] = _once(settings["warn"])
    if settings.get("timestamp") is not None:
        settings["timestamp"] = given_time(settings["timestamp"])
    for key in ("templates", "logo"):
        if settings.get(key) is not None:
            library_paths(**{key: settings[key]})
    return settings


def _once(warn: Callable[[str], None]) -> Callable[[str], None]:
    """`warn`, called once with each message of one build: the PDF exporters find the same
    missing glyph each (a host program showed every such warning twice: a library trial)."""
    said: set[str] = set()

    def once(message: str) -> None:
        if message not in said:
            said.add(message)
            warn(message)

    return once


def select(bank: Bank, sections: Sequence[str] = (), tags: Sequence[str] = ()) -> Bank:
    """Keep the questions in any of `sections` that carry any of `tags`.

    A filter that matches nothing is an error, so a typo never builds an empty artifact.
    Question numbers stay those of the whole bank.
    """
    if not sections and not tags:
        return bank
    exact = {s.name for s in bank.sections}
    by_folded: dict[str, str] = {}
    for section in bank.sections:
        by_folded.setdefault(section.name.casefold(), section.name)
    wanted_sections = set()
    for name in sections:  # the exact name first, else the first that differs only in case
        if name not in exact and name.casefold() not in by_folded:
            known = [s.name for s in bank.sections]
            raise OptionError(
                f"--section {name!r} matches no section; {_guess(name, known)}"
                f"sections are: {', '.join(known)}"
            )
        wanted_sections.add(name if name in exact else by_folded[name.casefold()])
    known_tags = {t.casefold() for t in bank.tags}
    for tag in tags:
        if tag.casefold() not in known_tags:
            if not bank.tags:
                raise OptionError(f"--tag {tag!r} matches no question: no question has a tag")
            raise OptionError(
                f"--tag {tag!r} matches no question; {_guess(tag, bank.tags)}"
                f"tags are: {', '.join(sorted(bank.tags))}"
            )
    wanted_tags = {t.casefold() for t in tags}
    kept = [
        q
        for q in bank.questions
        if (not wanted_sections or q.section in wanted_sections)
        and (not wanted_tags or wanted_tags & {t.casefold() for t in q.tags})
    ]
    if not kept:
        raise OptionError("no question is in the chosen sections with the chosen tags")
    return bank.with_questions(kept)


def _guess(word: str, known: Sequence[str]) -> str:
    close = closest(word, known)
    return f"did you mean '{close}'? " if close else ""


def variant_words(
    bank: Bank, sections: Sequence[str] = (), tags: Sequence[str] = ()
) -> tuple[str, ...]:
    """What a filter kept, for the file names: sections in the bank's order, then tags in
    alphabetical order, each once, so one selection always gets one name."""
    folded = {name.casefold() for name in sections}
    chosen = [s.name for s in bank.sections if s.name.casefold() in folded]
    return (*chosen, *sorted({tag.casefold() for tag in tags}))


def prepare_out_dir(out_dir: Path, warn: Callable[[str], None] = _ignore) -> Path:
    """`out_dir`, made if missing and cleaned of dead builds' folders; `warn` names the
    previous versions that a failed commit kept there, until the user removes them."""
    if out_dir.exists() and not out_dir.is_dir():
        raise QbankError(f"--out {out_dir}: is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise QbankError(f"--out {out_dir}: cannot create the folder: {exc.strerror}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise QbankError(f"--out {out_dir}: the folder cannot be written")
    atomic.remove_stale(out_dir)
    for kept in atomic.kept_versions(out_dir):
        names = ", ".join(sorted(p.name for p in kept.iterdir())) or "no file"
        warn(
            f"{kept}: warning: a failed commit kept the previous versions of {names} here; "
            "copy back what you need, then remove the folder"
        )
    return out_dir


def inputs(job: Job) -> list[Path]:
    """Every file the build reads, which it must never write over: the bank, the templates,
    the fonts, and what else the job reads (the debrief's packets)."""
    read = [Path(job.bank.source), *FONTS.iterdir(), *job.templates.own_fonts(), *job.reads]
    for name in builtin_template_names():
        read += [BUILTIN_TEMPLATES / name, job.templates.path(name)]  # --templates: the second
    return read


def run(job: Job, steps: Sequence[Step], workers: int | None = None) -> list[Path]:
    """Run each exporter with its options, in one transaction.

    Several exporters run side by side in worker processes, one per core (`workers`,
    default the cores this process may use), so that `all` takes about as long as its
    slowest artifact. The artifacts appear together when every exporter has succeeded;
    a failure or an interruption leaves every previous artifact as it was.
    """
    refuse_in_a_starting_worker()
    prepare_out_dir(job.out_dir, job.warn)
    workers = min(len(steps), workers or _usable_cores()) if may_start_workers() else 1
    with Transaction(job.out_dir, inputs(job)) as transaction:
        job = replace(job, transaction=transaction)
        if workers > 1:
            highlight.lex_questions(job.bank)  # once, for every worker
            results = run_in_workers(job, steps, workers)
        else:
            results = [run_step(job, exporter, options) for exporter, options in steps]
        transaction.commit()
    return [path for paths in results for path in paths]


def preflight(job: Job, steps: Sequence[Step]) -> None:
    """Find what `run` with the same steps would refuse, and its warnings, writing nothing:
    each exporter's own preflight, which makes what its build would check and warn about
    (the texts, the choices, the names) without laying out, drawing or saving a file."""
    if job.out_dir.exists() and not job.out_dir.is_dir():
        raise QbankError(f"--out {job.out_dir}: is a file, not a folder")
    # the folder `run` writes in, or the one it would make it in, as `prepare_out_dir` asks
    # (check passed where the build then found the folder read-only: a library trial)
    made_in = next(p for p in (job.out_dir, *job.out_dir.absolute().parents) if p.exists())
    if made_in.is_dir() and not os.access(made_in, os.W_OK | os.X_OK):
        what = (
            "the folder cannot be written"
            if made_in == job.out_dir
            else (f"cannot create the folder: {made_in} cannot be written")
        )
        raise QbankError(f"--out {job.out_dir}: {what}")
    for exporter, options in steps:
        exporter.check(job, **options)


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
