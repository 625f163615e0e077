"""The command line: options in, library calls, known errors out as exit status 1."""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
import sys
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from qbank import __version__, lifecycle, look, project
from qbank.errors import InternalError, OptionError, Problem, QbankError, a_few_of_each_kind
from qbank.exporters import NAMES, ON_REQUEST, Exporter, Option, exporters, get, on_request
from qbank.lint import MAX_STALE_MONTHS, bank_warnings
from qbank.options import Refused
from qbank.paper import PAPER
from qbank.paths import DEFAULT_BANK, DEFAULT_OUT, Templates
from qbank.signals import end

if TYPE_CHECKING:
    from qbank.bank.update import Changes

PROGRESS_THRESHOLD = 200  # questions; smaller banks build too fast for a bar to help

_BANK_OPTION = click.option(
    "--bank",
    "bank_path",
    type=click.Path(path_type=Path),
    help="The bank file (YAML). Default: the bank qbank.toml names, else the one bank in "
    "this folder, else the bundled example bank.",
)
_OUT_OPTION = click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder for the artifacts; created if missing (default also from qbank.toml).",
)
_TEMPLATES_OPTION = click.option(
    "--templates",
    "templates",
    type=click.Path(path_type=Path),  # a file is told by Templates.of, with the folder meant
    metavar="DIR",
    help="A folder of your own template files (any of templates/, same names) used over "
    "the built-in look for this build.",
)
_SHARED_OPTIONS = (
    _BANK_OPTION,
    _OUT_OPTION,
    click.option(
        "--section",
        "sections",
        multiple=True,
        metavar="NAME",
        help="Only this section (repeatable).",
    ),
    click.option(
        "--tag",
        "tags",
        multiple=True,
        metavar="TAG",
        help="Only questions with this tag (repeatable).",
    ),
    click.option(
        "--name",
        metavar="STEM",
        help="Start every file name with STEM instead of the bank's name and the selection.",
    ),
    _TEMPLATES_OPTION,
)


class _Checked:
    """A click type that reads the flag's text as the option's type, then leaves every
    judgement to `Option.check`: what the library refuses, the flag refuses, in the same
    words. Mixed into click's own types, which word --help (choices, ranges)."""

    option: Option

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, str) and self.option.type in (int, float):
            reader = click.INT if self.option.type is int else click.FLOAT
            value = reader.convert(value, param, ctx)
        try:
            return self.option.check(value)
        except Refused as refused:
            self.fail(f"{value!r}: {refused.why}.", param, ctx)  # type: ignore[attr-defined]


class _CheckedChoice(_Checked, click.Choice):
    pass


class _CheckedInt(_Checked, click.IntRange):
    pass


class _CheckedFloat(_Checked, click.FloatRange):
    pass


class _CheckedPlain(_Checked, click.ParamType):
    def __init__(self, name: str) -> None:
        self.name = name  # --help's metavar: INTEGER, FLOAT, TEXT


def _flag_type(option: Option) -> click.ParamType:
    """The click type of `option`'s flag, made from its declaration."""
    if option.choices:
        kind: click.ParamType = _CheckedChoice(option.choices, case_sensitive=False)
    elif option.minimum is None and option.maximum is None:  # else --help says "x<=None"
        kind = _CheckedPlain({int: "integer", float: "float"}.get(option.type, "text"))
    elif option.type is int:
        kind = _CheckedInt(option.minimum, option.maximum)
    else:
        kind = _CheckedFloat(option.minimum, option.maximum)
    kind.option = option  # type: ignore[attr-defined]
    return kind


def click_option(option: Option, own: bool = False) -> click.Option:
    """The flag of an exporter's option: `--offset-x` for `offset_x`; on the exporter's own
    command (`own`), its `own_flag` where it has one."""
    flag = option.own_flag if own and option.own_flag else option.flag
    settings: dict = {
        "help": option.help,
        "metavar": option.metavar,
        "multiple": option.multiple,
        "envvar": option.env,
        "show_envvar": option.env is not None,
    }
    if option.type is bool:
        return click.Option([flag, option.name], is_flag=True, **settings)
    return click.Option(
        [flag, option.name],
        type=_flag_type(option),
        default=option.default,
        show_default=option.show_default,
        **settings,
    )


def _stderr(message: str) -> None:
    with contextlib.suppress(OSError):  # a full or closed stderr fails no command
        click.echo(message, err=True)


def from_folder(params: dict, *, find_bank: bool = True) -> project.Settings:
    """Fill what the command line left out from this folder: the bank (qbank.toml's, or the
    folder's one bank, or the bundled one said on stderr) and qbank.toml's out, paper and
    templates. An option given on the command line or in the environment wins."""
    ctx = click.get_current_context()
    given = params.get("bank_path") is not None or not find_bank
    settings = project.find_settings(Path("."), bank_given=given)

    def unset(name: str) -> bool:
        return name in params and ctx.get_parameter_source(name) in (
            click.core.ParameterSource.DEFAULT,
            None,
        )

    if find_bank and "bank_path" in params and params["bank_path"] is None:
        params["bank_path"] = project.find_bank(Path("."), settings, DEFAULT_BANK, _stderr)
    above = settings.file is not None and settings.file.parent.resolve() != Path.cwd().resolve()
    out = settings.out
    if out is None and above:  # from a folder inside the bank's, its own output folder
        out = settings.file.parent / DEFAULT_OUT
    for name, value in (
        ("out_dir", out),
        ("paper", settings.paper),
        ("templates", settings.templates),
    ):
        if value is not None and unset(name):
            params[name] = value
    return settings


def shared_options(command: Callable) -> Callable:
    for option in reversed(_SHARED_OPTIONS):
        command = option(command)
    return command


# What `qbank --help` says of each command: one whole line each (click would cut the first
# sentence of a longer help with "..."), in words for someone choosing a command.
SUMMARIES = {
    "anki": "An Anki deck to learn the questions by spaced repetition.",
    "booklet": "The study booklet and the workshop handout (PDF).",
    "cards": "Flashcards to print double-sided and cut out (PDF).",
    "check": "Check a bank; say what a build would refuse or warn about.",
    "debrief": "Read filled-in packets back into a panel debrief.",
    "export": "Write the questions as CSV, TSV, Anki or Quizlet text.",
    "html": "A study page: one file that works offline, on a phone too.",
    "import": "Make a bank from a spreadsheet, Moodle XML, GIFT or a Canvas quiz.",
    "new": "Start a bank of your own, every field shown once.",
    "packet": "The interviewer packet for one interview (DOCX or fillable PDF).",
    "schema": "Print the bank format's JSON Schema (for editors).",
    "templates": "Copy the built-in look into a folder, to edit for --templates.",
    "usage": "How often each question was asked, from earlier debrief CSVs.",
}


# the values an option takes that hold no blank, quoted or not
_NO_BLANKS = (
    click.types.IntParamType,
    click.types.FloatParamType,
    click.types.BoolParamType,
    click.Choice,
)


class _Command(click.Command):
    """A command whose usage error for words left over says, when they follow an option's
    value, to put the value in quotes: `--candidate Priya Raman` was "Got unexpected extra
    argument (Raman)"."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        # the options a command adds when it is first used (_late_params): its own help
        # and a parse need them, the list of commands in `qbank --help` does not
        _late_params(self.name)
        return super().get_params(ctx)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        self.get_params(ctx)  # _given_once reads the options, the late ones too
        given = list(args)
        self._given_once(ctx, given)
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            said = exc.format_message()
            if not said.startswith("Got unexpected extra argument"):
                raise
            takes_text = {
                name
                for p in self.params
                if isinstance(p, click.Option)
                and not p.is_flag
                and not p.count
                and p.nargs == 1
                # a text or a path, which may hold a blank: not a number or a choice, which
                # '--minutes "30 extra"' would not be either (a review)
                and not isinstance(p.type, _NO_BLANKS)
                for name in p.opts
            }
            repeated = {
                name for p in self.params if getattr(p, "multiple", False) for name in p.opts
            }
            left = said[said.find("(") + 1 : said.rfind(")")].split(" ")  # as click says them
            for at, word in enumerate(given[:-2]):
                rest = list(itertools.takewhile(lambda w: not w.startswith("-"), given[at + 2 :]))
                if word in takes_text and rest and rest == left[: len(rest)]:
                    values = given[at + 1 : at + 2 + len(rest)]
                    each = ""
                    if word in repeated:  # --include q1 q2 meant two ids (a review)
                        each = f"; several values each take their own {word}: " + " ".join(
                            f"{word} {value}" for value in values
                        )
                    raise click.UsageError(
                        f"{word} takes one value, and '{' '.join(rest)}' is left over; a value "
                        f'of more than one word goes in quotes: {word} "{" ".join(values)}"'
                        f"{each}",
                        ctx,
                    ) from None
            raise

    def _given_once(self, ctx: click.Context, args: list[str]) -> None:
        """Refuse an option of one value given twice with two values: click keeps the last
        and says nothing ('all --lms moodle --lms gift' wrote the GIFT file alone). The same
        value twice ('--paper A4 --paper a4', '--out o --out o/') is one; help is shown
        whatever else is given."""
        once = {
            p.name
            for p in self.params
            if isinstance(p, click.Option) and not (p.multiple or p.count or p.is_flag)
        }
        try:  # click's parser, whose options are not public: where they change, click's rule
            parser = self.make_parser(ctx)
            for option in {*parser._long_opt.values(), *parser._short_opt.values()}:
                if option.dest in once:
                    option.action = "append"  # each value, in this parse only
            values, _, _ = parser.parse_args(args=list(args))
        except click.UsageError:
            return  # click's own parse says what is wrong
        except (AttributeError, TypeError, ValueError):
            return
        helper = self.get_help_option(ctx)  # asked for as an option, not a value ('--name -h')
        if helper is not None and values.get(helper.name):
            return
        for param in self.params:
            given = values.get(param.name)
            if param.name not in once or not isinstance(given, list):
                continue
            if len({_as_meant(param, ctx, value) for value in given}) > 1:
                flag = param.opts[0]
                said = ", ".join(f"{flag} {value}" for value in given)
                raise click.UsageError(
                    f"{flag} takes one value and was given {len(given)} ({said}), of which "
                    "only the last would be used; give it once, and run the command again "
                    "for another",
                    ctx,
                )


def _as_meant(param: click.Parameter, ctx: click.Context, value: object) -> object:
    """An option's value as its type reads it ('A4' the choice 'a4', a folder 'o/' as 'o'),
    to tell two values given apart; as typed where its type refuses it."""
    try:
        meant = param.type.convert(value, param, ctx)
    except Exception:  # noqa: BLE001 (any refusal: the value as typed)
        meant = value
    if isinstance(param.type, click.Path):
        return os.path.normpath(str(meant))
    return meant if isinstance(meant, Hashable) else str(meant)


class _Commands(click.Group):
    """Every failure ends in a message and exit status 1, never in a traceback: the bank's
    faults as FILE:LINE: messages, and a bug in qbank as one line asking for a report
    (QBANK_DEBUG=1 shows the traceback)."""

    # The exporters' commands (and `check`, which runs their preflights) are made when a
    # command line first needs them, so that the authoring commands load no PDF, Word or
    # Anki library.
    command_class = _Command

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._add_exporters()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in NAMES + ON_REQUEST and cmd_name not in self.commands:  # that exporter alone
            self.add_command(_exporter_command(get(cmd_name)))
        elif cmd_name not in self.commands:
            self._add_exporters()
        return super().get_command(ctx, cmd_name)

    def _add_exporters(self) -> None:
        if "all" not in self.commands:
            registered = exporters() + on_request()
            for exporter in registered:
                if exporter.name not in self.commands:
                    self.add_command(_exporter_command(exporter))
            self.add_command(_all_command(registered))
            self.add_command(_check_command(registered))

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:  # `qbank --help` and `--version` print here, before any command runs
            return super().make_context(*args, **kwargs)
        except OSError as exc:
            if _printing(exc):
                _output_failed(exc)
            raise

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                first = " ".join((cmd.help or "").split("\n\n")[0].split())
                rows.append((name, SUMMARIES.get(name, first.split(". ")[0])))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OptionError as exc:
            if exc.command_line is None:
                raise
            raise OptionError(exc.command_line) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if isinstance(exc, OSError) and _printing(exc):  # `schema > /dev/full`
                _output_failed(exc)
            if os.environ.get("QBANK_DEBUG"):
                if isinstance(exc, InternalError):
                    click.echo(exc.details, err=True)
                raise
            summary = str(exc) if isinstance(exc, InternalError) else f"{type(exc).__name__}: {exc}"
            raise QbankError(
                f"internal error: {summary}\nThis is a bug in qbank: please report it with the "
                "bank that shows it (QBANK_DEBUG=1 prints where it happened)."
            ) from None


def _printing(exc: OSError) -> bool:
    """Whether `exc` was raised while printing to the terminal's streams: click.echo is
    how every command prints, so a failure inside it is the standard output's (or
    error's), never a file's."""
    frame = exc.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code is click.echo.__code__:
            return True
        frame = frame.tb_next
    return False


def _output_failed(exc: OSError) -> NoReturn:
    """End as `cat` would: quietly with status 141 for a closed pipe (`qbank all | head
    -1`), with one line and status 1 for a full disk (`> /dev/full`); what was built
    stays built."""
    if exc.errno == errno.EPIPE:
        end(141)
    end(1, f"qbank: cannot write to the standard output: {exc.strerror}")


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qbank")
def main() -> None:
    """Turn a question bank in plain YAML into study and interview materials."""


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", help="The bank's title (default: from the file name).")
@click.option(
    "--section",
    "sections",
    multiple=True,
    metavar="NAME",
    help="A section, with one example question (repeatable).",
)
def new(path: Path, title: str | None, sections: tuple[str, ...]) -> None:
    """Start a bank: every field shown once, one example question per section."""
    from qbank import authoring

    for written in authoring.new_bank(path, title, sections):
        click.echo(str(written))
    if note := authoring.other_bank_note(path):
        _stderr(note)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
def templates(folder: Path) -> None:
    """Copy the built-in look (every template file) into FOLDER, to edit there and use with
    --templates FOLDER (or `templates = "FOLDER"` in qbank.toml). A file already in FOLDER is
    kept as it is: nothing is ever overwritten."""
    from qbank import authoring

    written, kept = authoring.copy_templates(folder)
    if kept:
        _stderr(
            f"{folder}: kept {len(kept)} file{'s' if len(kept) != 1 else ''} already there "
            "(never overwritten)"
        )
    _say(written)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a bank (for editor completion)."""
    from qbank import authoring

    click.echo(authoring.schema_text(), nl=False)


@main.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The bank to write (default: beside the file, named like it, .yaml); - for the "
    "standard output.",
)
@click.option("--title", help="The bank's title (default: from the file, else its name).")
@click.option(
    "--into",
    type=click.Path(path_type=Path),
    metavar="BANK",
    help="Update this bank from a spreadsheet instead of making one: its questions by id, "
    "new ones added, the rest of the file (title, sections, tags, comments) kept as it is.",
)
@click.option(
    "--prefer",
    type=click.Choice(["sheet", "bank"]),
    help="With --into, where a question's field was changed both in the sheet and in the bank "
    "since the sheet was exported (import refuses the sheet, naming each): keep the sheet's "
    "text, or the bank's. A field changed on one side only takes that change either way.",
)
@click.option(
    "--markup",
    type=click.Choice(["plain", "markdown"]),
    default="plain",
    show_default=True,
    help="What the spreadsheet's texts are: markdown makes a `markup: markdown` bank, whose "
    "image paths are relative to the sheet (rewritten for the bank's folder). With --into, "
    "the bank's own markup is used.",
)
@click.option(
    "--lang",
    "language",
    metavar="CODE",
    callback=lambda _ctx, _param, value: _moodle_language(value),
    help="The language a Moodle XML or GIFT file's texts come in where they give several for "
    "Moodle's multi-language filters (de, fr_ca, or fr-CA as a language tag writes it; "
    "default: the one most texts give first); of a file in one language that gives none "
    "(GIFT that Moodle exported, a Canvas quiz), the new bank's language.",
)
def import_(
    source: Path,
    output: Path | None,
    title: str | None,
    into: Path | None,
    markup: str,
    language: str | None,
    prefer: str | None,
) -> None:
    """Make a bank from a spreadsheet (CSV or TSV), Moodle XML, GIFT or a Canvas quiz export.

    A spreadsheet has one row a question. Columns: question and hint (or answer), and any
    of id, section (or category, topic), tags, look_for, follow_ups, minutes, note, group,
    sources (each as Title <URL>), competency (its name; on one row `name (weight 2):
    description`) and anchors (one `3: what an answer at 3 holds` a line). A list cell
    holds one item a line, or items separated by `;`. A row without an id gets one made
    from its question.

    A sheet that `export` wrote ends in a column 'qbank base (do not edit)', what each row
    said then: with --into, a field changed in the bank since and not in the sheet keeps
    the bank's text, and one changed in both refuses the sheet unless --prefer says which
    wins.

    Moodle XML (.xml) and GIFT (.gift, or .txt): essays, short answers and descriptions
    become questions (a description that opens its category: the section's description),
    categories sections, the grader information or general feedback the hint, after the
    right answer where Moodle marks the question, the idnumber (GIFT: [id:...]) the id.
    What a bank cannot carry, such as a multiple-choice question's answers, is kept as text
    in the note and named on stderr.

    A Canvas quiz export (.zip, QTI 1.2, or the assessment .xml inside it): every question
    type becomes a question, its choices after its text, what gets full marks then the
    general feedback the hint, the answers and other feedback the note; question groups
    sections, the quiz's title the rest's; ids from each question's words; its pictures
    written beside the bank.
    """
    from qbank import authoring

    if into is not None:
        if output is not None or title is not None or markup != "plain" or language:
            raise click.UsageError(
                "--into updates a bank: leave out -o, --title, --markup and --lang"
            )
        changes = authoring.update_from_spreadsheet(source, into, _stderr, prefer)
        _report_update(into, changes, prefer)
        _say([into])
        return
    if prefer is not None:
        raise click.UsageError("--prefer goes with --into, which updates a bank")
    if output == STDOUT:
        text, losses = authoring.import_text(source, title, source.stem, _stderr, markup, language)
    else:
        path, losses = authoring.import_questions(source, output, title, _stderr, markup, language)
    for message in losses:
        click.echo(message, err=True)
    if output == STDOUT:
        _say_text(text)
    else:
        click.echo(str(path))


def _moodle_language(value: str | None) -> str | None:
    """A language code as Moodle's multi-language filters write it (`de`, `fr_ca`)."""
    if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,30}", value):
        raise click.BadParameter(
            f"{value!r} is no language code; give one as Moodle writes it, such as de or fr_ca"
        )
    return value


def _report_update(bank: Path, changes: Changes, prefer: str | None = None) -> None:
    def ids(found: list[str]) -> str:
        return ", ".join(found[:10]) + (f" and {len(found) - 10} more" if len(found) > 10 else "")

    said = [
        f"{len(changes.updated)} updated"
        + (f" ({ids(changes.updated)})" if changes.updated else ""),
        f"{len(changes.added)} added" + (f" ({ids(changes.added)})" if changes.added else ""),
        f"{len(changes.unchanged)} unchanged",
    ]
    _stderr(f"{bank}: questions: {', '.join(said)}")
    for found, what in (
        (
            changes.kept,
            "kept the bank's newer text, changed in the bank since the sheet was "
            "exported and not in the sheet",
        ),
        (
            changes.chosen,
            f"changed in both since the sheet was exported, kept the {prefer}'s (--prefer "
            f"{prefer})",
        ),
    ):
        if found:
            fields = [f"{qid} ({', '.join(keys)})" for qid, keys in found.items()]
            _stderr(f"{bank}: {what}: {ids(fields)}")
    if changes.left_out:
        from qbank.authoring import BASE_HEADER

        _stderr(
            f"{bank}: not added again, deleted from the bank since the sheet was exported: "
            f"{ids(changes.left_out)} (to add one again, empty its row's cell in the column "
            f"'{BASE_HEADER}')"
        )
    if changes.sections:
        _stderr(f"{bank}: sections added: {', '.join(changes.sections)}")
    # a sheet of a few questions into a large bank: a few lines, not one a question kept
    one = "is not in the sheet; kept in the bank (delete it there if it should go)"
    rest = "not in the sheet; kept in the bank (delete them there if they should go)"
    kept = (
        (Problem(str(bank), at, f"question '{qid}' {one}"), rest) for qid, at in changes.missing
    )
    for line in map(str, a_few_of_each_kind(kept)):
        _stderr(line)


@main.command()
@_BANK_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (default: the bank's name with .csv, .tsv, -anki-tsv.txt or "
    "-quizlet.txt, here); - for the standard output.",
)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@_TEMPLATES_OPTION
def export(
    bank_path: Path | None, fmt: str, output: Path | None, force: bool, templates: Path | None
) -> None:
    """Write a bank's questions as a spreadsheet (CSV, TSV) or flashcard text for Anki or
    Quizlet."""
    from qbank import authoring

    params = {"bank_path": bank_path, "templates": templates}
    from_folder(params)
    bank, look = params["bank_path"], params["templates"]
    if output == STDOUT:
        _say_text(authoring.spreadsheet_text(bank, fmt, _stderr, look))
    else:
        written = authoring.export_spreadsheet(bank, fmt, output, force, _stderr, look)
        click.echo(str(written))


def _add_export_format() -> None:
    """--format, after --bank, its choices as authoring declares them (EXPORT_FORMATS).
    Added when the command is first asked for, as the debrief's options are: authoring
    loads the spreadsheets' and the imports' readers (and markdown-it), which no build
    needs (about 35 ms of each command's start)."""
    from qbank import authoring

    if any(p.name == "fmt" for p in export.params):
        return
    after = next(i for i, p in enumerate(export.params) if p.name == "bank_path") + 1
    option = click.Option(
        ["--format", "fmt"],
        type=click.Choice(list(authoring.EXPORT_FORMATS)),
        default="csv",
        show_default=True,
        help="csv or tsv: every field in its own column, the lossless round trip that "
        "`import` reads back; anki-tsv: Front/Back cards for Anki's File > Import (Basic note "
        "type, the bank's deck, the .apkg's GUIDs: import one or the other); quizlet: term "
        "and definition for Quizlet's import box (Between rows: Custom, ;;;).",
    )
    export.params.insert(after, option)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@_BANK_OPTION
@_TEMPLATES_OPTION
def usage(folder: Path, bank_path: Path | None, templates: Path | None) -> None:
    """How often each question of the bank was asked of earlier candidates, counted in the
    debrief CSVs in FOLDER (`packet --fresh-against FOLDER` prefers the least asked)."""
    from qbank.bank import load_bank
    from qbank.debrief.usage import read_usage, usage_lines
    from qbank.rubric import load_wording

    params = {"bank_path": bank_path, "templates": templates}
    from_folder(params)
    # each question by the look's label ('P4'), as the packets and the debrief name it
    label = load_wording(Templates.of(params["templates"])).label
    _say(usage_lines(load_bank(params["bank_path"]), read_usage(folder), label))


@main.command()
@click.argument("packets", nargs=-1, required=True, type=click.Path(path_type=Path))
@_OUT_OPTION
@click.option(
    "--bank",
    "bank_path",
    type=click.Path(path_type=Path),
    help="The bank the packets were built from. Default: the bank of their name, in this "
    "folder or in the packets' folders.",
)
@_TEMPLATES_OPTION
@click.option(
    "--paper",
    type=_flag_type(PAPER),
    envvar=PAPER.env,
    help="Accepted so that a script can pass one paper to every command; the debrief is "
    "set on the paper its packets were built for.",
)
def debrief(
    packets: tuple[Path, ...],
    out_dir: Path,
    bank_path: Path | None,
    templates: Path | None,
    strict: bool,
    accept_changes: bool,
    paper: str | None,
) -> None:
    """Read filled-in packets (PACKET.docx or .pdf ...) into a panel debrief: a DOCX and a
    CSV per candidate, and with several candidates a comparison. Without --bank, the bank
    the packets were built from is looked for by its name in this folder and in the
    packets' folders."""
    from qbank.debrief import debrief as run_debrief  # loads the DOCX reader only here

    params = {"out_dir": out_dir, "bank_path": bank_path, "templates": templates}
    folder = from_folder(params, find_bank=False)
    params |= {"organisation": folder.organisation, "logo": folder.logo}

    def warn(message: str) -> None:  # a packet's name need not be UTF-8: shown as `ls` does
        click.echo(message.encode("utf-8", "surrogateescape"), err=True)

    _say(run_debrief(packets, strict=strict, accept_changes=accept_changes, warn=warn, **params))


def _add_debrief_options() -> None:
    """--strict and --accept-changes: the debrief's options as its life cycle declares and
    checks them (qbank.debrief.STEP), after --templates as ever. Added when the command is
    first asked for: qbank.debrief loads the packets' readers and the packet exporter, which
    a build of the booklet alone never needs (about 30 ms of each command's start)."""
    from qbank.debrief import STEP

    if any(p.name == STEP.options[0].name for p in debrief.params):
        return
    after = next(i for i, p in enumerate(debrief.params) if p.name == "templates") + 1
    debrief.params[after:after] = [click_option(option) for option in STEP.options]


def _late_params(name: str | None) -> None:
    """The options of the command `name` that are added when it is first used (its help,
    a parse, a completion), not when `qbank --help` lists it: the debrief's and export's,
    whose declarations load the packets' readers and the spreadsheets' (about 30 and 35 ms
    of every other command's start)."""
    if name == "debrief":
        _add_debrief_options()
    elif name == "export":
        _add_export_format()


# what the shared options give: the build's settings, not an exporter's options
_SETTINGS = ("bank_path", "out_dir", "sections", "tags", "name", "templates")


def _build(targets: Sequence[str], params: dict[str, object]) -> None:
    """Build `targets` (exporter names, or "all") with the command line's options."""
    # a build that reads no bank (cards --calibrate) looks for none in this folder, which
    # may hold several; it is refused for that only where a bank is used
    reads_bank = any(e.needs_bank(params) for e in lifecycle.steps_for(targets, params))
    folder = from_folder(params, find_bank=reads_bank)
    if params.get("bank_path") is None:
        params["bank_path"] = DEFAULT_BANK  # for the build's date alone
    settings = {key: params.pop(key) for key in _SETTINGS}
    settings |= {"organisation": folder.organisation, "logo": folder.logo}
    steps = lifecycle.steps_for(targets, params)
    if not any(o.name == PAPER.name for e in steps for o in e.options):
        params.pop(PAPER.name, None)  # the --paper of a command that prints on no paper

    def warn(message: str) -> None:  # each once: the build says each message once
        with contextlib.suppress(OSError):  # a full or closed stderr fails no build
            click.echo(message, err=True)

    @contextmanager
    def progress(questions: int, exporters: int) -> Iterator[Callable[[int], None]]:
        show_bar = sys.stderr is not None and sys.stderr.isatty() and questions > PROGRESS_THRESHOLD
        length = questions * exporters
        with click.progressbar(
            length=length, label="Building", file=sys.stderr, hidden=not show_bar
        ) as bar:
            yield bar.update

    _say(lifecycle.build(targets=targets, options=params, warn=warn, progress=progress, **settings))


STDOUT = Path("-")  # `-o -`: the standard output, as for most Unix tools


def _say_text(text: str) -> None:
    """A file's text on stdout, as UTF-8 whatever the terminal's encoding."""
    _say_bytes(text.encode("utf-8"))


def _say(lines: Iterable[str | os.PathLike[str]]) -> None:
    """Print on stdout, one per line (a path as its bytes, which need not be UTF-8). A
    closed pipe (`qbank all | head -1`) or a full disk (`> /dev/full`) ends the command
    as `cat` would: quietly with status 141 for the pipe, with one line and status 1 for
    the disk; what was built stays built."""
    _say_bytes(b"".join(os.fsencode(line) + b"\n" for line in lines))


def _say_bytes(data: bytes) -> None:
    if sys.stdout is None:  # started with stdout closed (`>&-`): nobody to tell
        return
    try:
        click.echo(data, nl=False)
        sys.stdout.flush()
    except OSError as exc:
        _output_failed(exc)


# A script passes one paper to every command; where there is no paper it changes nothing.
_UNUSED_PAPER = replace(
    PAPER,
    help="Accepted so that a script can pass one paper to every command; this one prints "
    "on no paper.",
    show_default=False,
)


def _exporter_command(exporter: Exporter) -> click.Command:
    @shared_options
    def command(**params):
        _build([exporter.name], params)

    command.__doc__ = exporter.summary
    cmd = click.command(name=exporter.name, cls=_Command, help=exporter.summary)(command)
    cmd.params.extend(click_option(option, own=True) for option in exporter.options)
    if not any(o.name == PAPER.name for o in exporter.options):
        cmd.params.append(click_option(_UNUSED_PAPER))
    return cmd


def _all_command(registered: tuple[Exporter, ...]) -> click.Command:
    @shared_options
    def command(**params):
        _build(["all"], params)

    names = ", ".join(e.name for e in registered if e.name in NAMES) or "none yet"
    extra = "".join(
        f" With --{e.name} FORMAT, also the file of `qbank {e.name}`."
        for e in registered
        if e.name in ON_REQUEST
    )
    help_text = f"Build every artifact ({names}).{extra}"
    cmd = click.command(name="all", cls=_Command, help=help_text)(command)
    return _with_every_option(cmd, registered)


def _with_every_option(cmd: click.Command, registered: tuple[Exporter, ...]) -> click.Command:
    """Every exporter's options, once each (--paper is the booklet's and the cards'): `all`
    and `check` take whatever a single build command takes."""
    seen = {p.name for p in cmd.params}
    for exporter in registered:
        for option in exporter.options:
            if option.name not in seen:
                cmd.params.append(click_option(option))
                seen.add(option.name)
    return cmd


def _check_command(registered: tuple[Exporter, ...]) -> click.Command:
    @shared_options
    @click.option(
        "--stale",
        "stale_months",
        type=click.IntRange(min=1, max=MAX_STALE_MONTHS),
        metavar="MONTHS",
        help="Warn when the bank's facts were last reviewed (its `reviewed:` date) more than "
        "MONTHS months ago, or have no review date.",
    )
    @click.option(
        "--fix-ids",
        is_flag=True,
        help="Give each question without an id one made from its text, written into the "
        "file (comments and layout kept).",
    )
    @click.option(
        "--strict", is_flag=True, help="Exit 1 on warnings too (for a bank repository's CI)."
    )
    def command(stale_months, fix_ids, strict, **params):
        folder = from_folder(params)
        settings = {key: params.pop(key) for key in _SETTINGS}
        settings |= {"organisation": folder.organisation, "logo": folder.logo}
        bank_path = settings["bank_path"]
        warnings: dict[str, None] = {}  # in order, each once: a set's speed for repeats

        def warn(message: str) -> None:
            if message not in warnings:
                warnings[message] = None
                click.echo(message, err=True)

        from qbank import authoring

        if fix_ids:
            for line, qid in authoring.fix_ids(bank_path):
                # an id is for good (it names the question's note in every Anki deck): one
                # made of no letter of its text says what it is
                nameless = re.fullmatch(r"question(-[0-9]+)?", qid) is not None
                note = (
                    " (its text has no letter qbank spells in ASCII: change it now to words "
                    "that name the question, since an id is kept for good)"
                    if nameless
                    else ""
                )
                click.echo(f"{bank_path}:{line}: added id: {qid}{note}", err=True)
        bank = lifecycle.check(options=params, warn=warn, **settings)
        # the debrief reads the packets with its own look beside theirs (packet/debrief.toml
        # names the packet's recommendation options): said now, not after the interviews;
        # and the files of the exporters `all` builds only when asked (a translated
        # lms/words.toml was checked only with --lms)
        from qbank.debrief import STEP as DEBRIEF

        later = (name for exporter in on_request() for name in exporter.look)
        names = tuple(dict.fromkeys((*DEBRIEF.look, *later)))
        for retired in look.check_all(Templates.of(settings["templates"]), names):
            warn(retired)
        counts = ", ".join(f"{s.name} {n}" for s, n in bank.section_counts())
        count = len(bank.questions)
        _say([f"{bank_path}: {count} question{'s' if count != 1 else ''}: {counts}"])
        # said as `all` says it, and no warning: --strict passes
        if untranslated := look.untranslated(bank.language, Templates.of(settings["templates"])):
            click.echo(untranslated, err=True)
        for message in bank_warnings(bank, stale_months=stale_months):
            warn(message)
        if behind := authoring.schema_behind(Path(bank_path)):
            warn(behind)
        if strict and warnings:
            count = len(warnings)
            raise QbankError(f"{bank_path}: {count} warning{'s' if count != 1 else ''} (--strict)")

    cmd = click.command(
        name="check",
        cls=_Command,
        help="Validate a bank and summarise it; report what a build with the same options "
        "would refuse (errors, exit 1) or warn about, writing nothing but --fix-ids.\n\n"
        "The options from --edition on are the builds' own (the booklet's, the cards', the "
        "packet's, the LMS files'): none is needed; give those a build will use, and check "
        "says what that build would do with them. --out only names where they would go.",
    )(command)
    return _with_every_option(cmd, registered)
