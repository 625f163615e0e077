"""Errors the CLI turns into a message and exit status 1, never a traceback."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    file: str
    line: int
    message: str
    column: int = 0  # 1-based; 0 when the message is about a whole line
    excerpt: str = ""  # the source line and a caret under the column, shown below
    advice: str = ""  # lines to write instead, exactly as in the file, shown last

    def __str__(self) -> str:
        where = (
            f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"
        )
        text = f"{where}: {self.message}" + (f"\n{self.excerpt}" if self.excerpt else "")
        text += f"\n{self.advice}" if self.advice else ""
        return "\n".join(map(within_reading, text.split("\n")))


# the characters of one line of a problem said whole: a line pasted 50,000 times on one line
# was quoted whole in what to write instead, 2.6 MB of one line on the terminal (fuzzing)
LONGEST_SAID = 2_000


def within_reading(line: str) -> str:
    """`line` as said: whole up to LONGEST_SAID characters, else its start and end around
    an ellipsis that says how much is left out."""
    if len(line) <= LONGEST_SAID:
        return line
    left_out = len(line) - LONGEST_SAID
    return f"{line[: LONGEST_SAID - 200]} …({left_out:,} characters more)… {line[-200:]}"


SAID_OF_A_KIND = 5  # the questions a message of one kind is said of, one by one


def a_few_of_each_kind(said: Iterable[tuple[Problem, str]]) -> list[Problem]:
    """Each problem said of a question, with its kind (its message with the question's own
    name and line set aside), in order; past SAID_OF_A_KIND of a kind, one line where the
    first of the rest would be, `FILE:LINE: and N more questions: KIND` (an import of
    50,000 questions printed 150,000 lines: a hostile trial)."""
    lines: list[Problem] = []
    count: dict[str, int] = {}
    rest: dict[str, tuple[int, Problem]] = {}  # a kind past its few: its line, the first
    for problem, kind in said:
        count[kind] = count.get(kind, 0) + 1
        if count[kind] <= SAID_OF_A_KIND:
            lines.append(problem)
        elif count[kind] == SAID_OF_A_KIND + 1:
            rest[kind] = (len(lines), problem)
            lines.append(problem)  # said whole when it is the only one left
    for kind, (at, first) in rest.items():
        if (more := count[kind] - SAID_OF_A_KIND) > 1:
            lines[at] = Problem(first.file, first.line, f"and {more:,} more questions: {kind}")
    return lines


class QbankError(click.ClickException):
    """Bad input or a build that cannot be made. Exit status 1."""

    exit_code = 1

    def show(self, file=None) -> None:  # no "Error:" prefix: messages are FILE:LINE: ...
        # as bytes: a file name that is not UTF-8 shows as `ls` shows it, not as \udcff
        message = self.format_message().encode("utf-8", "surrogateescape")
        click.echo(message, err=True, file=file)


def refusals(check: Callable[[str], object], names: Iterable[str]) -> list[str]:
    """The message of the QbankError that `check` raises for each of `names` that it
    refuses (a look's templates, each checked alone: all of their problems said at once)."""
    found = []
    for name in names:
        try:
            check(name)
        except QbankError as error:
            found.append(str(error))
    return found


class FileError(QbankError):
    """A file that cannot be read as what it was given for, `FILE: message`: the file and
    the message apart, for a caller that says them otherwise (the debrief, a packet's
    problem among the others')."""

    def __init__(self, file: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{file}: {reason}")  # click's .message is the whole text
        self.file = file
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str | os.PathLike[str], str]]:
        return type(self), (self.file, self.reason)


class OptionError(QbankError):
    """Options that contradict each other or ask the impossible (--count 9 --minutes 10),
    or what the bank cannot give (--minutes 5, --panel 12): a usage error, exit status 2,
    as click's own. `command_line`: the message in the command line's words, where a
    library caller is told in its own (an option's name, not its flag)."""

    exit_code = 2

    def __init__(self, message: str, command_line: str | None = None) -> None:
        super().__init__(message)
        self.command_line = command_line

    def __reduce__(self) -> tuple[type, tuple[str, str | None]]:  # from a worker, whole
        return type(self), (self.message, self.command_line)


# the problems of a bank said one by one, as a compiler stops at its error limit: a line
# pasted 50,000 times printed 50,000 problems, 21 MB on the terminal (fuzzing); every one
# stays in BankError.problems for a library's caller
MOST_PROBLEMS_SAID = 500


class BankError(QbankError):
    """Every problem found in a bank, reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        # a problem found twice is said once: a picture out of the bank's folder shown
        # 10,000 times on one line was told 10,000 times, word for word (fuzzing)
        self.problems = sorted(dict.fromkeys(problems), key=lambda p: (p.file, p.line, p.column))
        said = [str(p) for p in self.problems[:MOST_PROBLEMS_SAID]]
        if (more := len(self.problems) - MOST_PROBLEMS_SAID) > 0:
            first = self.problems[MOST_PROBLEMS_SAID]
            said.append(
                str(
                    Problem(
                        first.file,
                        first.line,
                        f"and {more:,} more problem{'s' if more != 1 else ''} from here, not "
                        "said: correct those above, then check again",
                    )
                )
            )
        super().__init__("\n".join(said))

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:  # from a worker, whole
        return type(self), (self.problems,)


@dataclass(frozen=True, slots=True)
class PacketProblem:
    """One thing wrong with a filled-in packet given to the debrief (`packet` None when
    what is said names none of the packets given)."""

    packet: Path | None  # as it was given
    message: str
    # how the debrief's document says it, in the look's words (packet/debrief.toml) in
    # pieces (rubric.Said: each text, and whether it is the look's own), each packet by its
    # file's name; () where the document does not say it. The message is qbank's English
    said: tuple[tuple[str, bool], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        return self.message if self.packet is None else f"{self.packet}: {self.message}"


class PacketError(QbankError):
    """The debrief refused the packets given: every problem, and a `summary` line said
    after them (`--strict: 3 problems found`), or "" for none."""

    def __init__(self, problems: Iterable[PacketProblem], summary: str = "") -> None:
        self.problems = list(problems)
        self.summary = summary
        super().__init__("\n".join([*map(str, self.problems), *([summary] if summary else [])]))

    def __reduce__(self) -> tuple[type, tuple[list[PacketProblem], str]]:
        return type(self), (self.problems, self.summary)


class BuildError(QbankError):
    """An exporter could not make its artifact (e.g. text that does not fit a card)."""


class InternalError(Exception):
    """A bug in qbank (not the bank's fault), e.g. raised in a worker process."""

    def __init__(self, summary: str, details: str = "") -> None:
        super().__init__(summary)
        self.details = details
