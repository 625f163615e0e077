"""Reading a bank: the only place that parses YAML.

The bank is composed into YAML nodes (safe, C-accelerated where PyYAML has it) and checked
node by node, so each problem carries the line of the node that caused it. Nothing is
constructed from tags, so nothing in a bank runs. Every problem is collected before one
`BankError` reports them all.
"""

from __future__ import annotations

import gc
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import yaml

from qbank.bank.checks import Checker
from qbank.bank.source import Source, not_utf8
from qbank.bank.syntax import explain_all, refused_character
from qbank.errors import BankError, FileError, Problem
from qbank.model import Bank

try:  # libyaml is several times faster on large banks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Warn = Callable[[str], None]  # takes one warning message
MAX_BANK_BYTES = 20_000_000  # 20 MB: four times the 5,000-question bank of bench/run.py
SAVE_AS_UTF8 = (
    "Save the bank as UTF-8: in VS Code click the encoding in the status bar, then "
    '"Save with Encoding" and "UTF-8"; in Notepad choose File > Save As, Encoding "UTF-8"'
)


def load_bank(path: str | Path, warn: Warn | None = None) -> Bank:
    """Read and check the bank at `path`; raise `BankError` listing every problem.

    Warnings (text that loads, but maybe not as meant) go to `warn`, one message each,
    `FILE:LINE:COLUMN: warning: ...` and the source line with a caret, in bank order.
    Without `warn` they are dropped. `check` and the build print them; `check --strict`
    counts them.
    """
    path = Path(path)
    source = str(path)
    try:
        kind = path.stat().st_mode
        if stat.S_ISDIR(kind):
            raise FileError(source, "is a folder; give the bank's .yaml file")
        if not stat.S_ISREG(kind):  # /dev/zero, a pipe: endless, or blocking until written
            raise FileError(
                source,
                "is not a file but a device, a pipe or a socket; give the bank's .yaml file",
            )
        with path.open("rb") as file:
            data = file.read(MAX_BANK_BYTES + 1)  # a file still growing stops here too
    except OSError as exc:
        raise FileError(source, f"cannot read the bank: {exc.strerror or exc}") from None
    if len(data) > MAX_BANK_BYTES:
        raise BankError(
            [
                Problem(
                    source,
                    1,
                    f"the bank is larger than {MAX_BANK_BYTES // 1_000_000} MB, the most a bank "
                    "may hold; split it into several banks",
                )
            ]
        )
    return parse_bank(data, source=source, name=path.stem, warn=warn)


def parse_bank(
    data: bytes | str,
    *,
    source: str,
    name: str = "bank",
    warn: Warn | None = None,
    owner: str = "bank",
    long_texts: bool = False,
) -> Bank:
    """Check bank text (bytes as read from a file, or str) and build the `Bank`; warnings
    go to `warn` as in `load_bank`. `owner` says what `source` is ("sheet" for the bank a
    spreadsheet makes), for messages about image paths, which are relative to it.
    `long_texts`: a question's texts may be longer than a bank takes (an import's, which
    says so itself)."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BankError(
                [not_utf8(data, exc, source, SAVE_AS_UTF8, "older Windows editors write")]
            ) from None
    else:
        text = data.removeprefix("\ufeff")
    with no_collection():
        return _parse(text, source, name, warn, owner, long_texts)


def _parse(
    text: str, source: str, name: str, warn: Warn | None, owner: str, long_texts: bool
) -> Bank:
    lines = Source(text, source)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise BankError(_syntax_problems(lines, exc, name, warn, owner, long_texts)) from None
    except UnicodeEncodeError as exc:  # text given as str holding a lone surrogate
        raise BankError(
            [lines.problem(exc.start, "invalid YAML: a lone surrogate, which is no character")]
        ) from None
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        raise BankError([refused_character(lines, exc)]) from None
    checker = Checker(lines, owner, long_texts)
    bank = checker.bank(root, name=name)
    # the warnings come with the errors too: text YAML read otherwise than meant (a cut
    # comment, a yes) is as much to fix, and a user fixing the errors should not meet
    # them only afterwards
    if warn is not None:
        for warning in sorted(checker.warnings, key=lambda p: (p.line, p.column)):
            warn(str(warning))
    if checker.problems:
        raise BankError(checker.problems)
    assert bank is not None
    return bank


def _syntax_problems(
    lines: Source,
    exc: yaml.MarkedYAMLError,
    name: str,
    warn: Warn | None,
    owner: str,
    long_texts: bool,
) -> list[Problem]:
    """Every syntax problem (explain_all) and, when the bank mended as they say is read,
    its other problems (a number for an id, a duplicate id) and warnings on the lines not
    mended: a new user met those only at the check after the last syntax problem was
    mended."""
    explained = explain_all(lines, exc, partial(yaml.compose, Loader=_Loader))
    if explained.mended is None:
        return explained.problems
    checker = Checker(explained.mended, owner, long_texts)
    checker.bank(yaml.compose(explained.mended.text, Loader=_Loader), name=name)
    for warning in sorted(checker.warnings, key=lambda p: (p.line, p.column)):
        if warn is not None and warning.line not in explained.changed:
            warn(str(warning))
    others = [p for p in checker.problems if p.line not in explained.changed]
    return sorted(explained.problems + others, key=lambda p: (p.line, p.column))


@contextmanager
def no_collection() -> Iterator[None]:
    """Parsing makes a node object for every scalar, and nothing of it is garbage until the
    end; the cyclic collector would scan the growing heap again and again, which made a
    5,000-question bank take twice as long per question as a 500-question one."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
