"""Reading a bank: the only place that parses YAML.

The bank is composed into YAML nodes (safe, C-accelerated where PyYAML has it) and checked
node by node, so each problem carries the line of the node that caused it. Nothing is
constructed from tags, so nothing in a bank runs. Every problem is collected before one
`BankError` reports them all.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from qbank.bank.checks import Checker
from qbank.errors import BankError, Problem, QbankError
from qbank.model import Bank

try:  # libyaml is several times faster on large banks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def load_bank(path: str | Path) -> Bank:
    """Read and check the bank at `path`; raise `BankError` listing every problem."""
    path = Path(path)
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise QbankError(f"{source}: cannot read the bank: {exc.strerror or exc}") from None
    return parse_bank(data, source=source, name=path.stem)


def parse_bank(data: bytes | str, *, source: str, name: str = "bank") -> Bank:
    """Check bank text (bytes as read from a file, or str) and build the `Bank`."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise BankError(
                [Problem(source, line, f"not UTF-8 text: byte 0x{data[exc.start]:02x}")]
            ) from None
    else:
        text = data.removeprefix("\ufeff")
    with _no_collection():
        return _parse(text, source, name)


def _parse(text: str, source: str, name: str) -> Bank:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "malformed"
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            what += f" ({exc.context} from line {exc.context_mark.line + 1})"
        raise BankError([Problem(source, line, f"invalid YAML: {what}")]) from None
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        position = getattr(exc, "position", 0)
        line = text[:position].count("\n") + 1
        char = getattr(exc, "character", "")
        code = f"U+{ord(char):04X}" if isinstance(char, str) and char else f"0x{char:02x}"
        raise BankError(
            [Problem(source, line, f"invalid YAML: the character {code} is not allowed")]
        ) from None
    checker = Checker(source)
    bank = checker.bank(root, name=name)
    if checker.problems:
        raise BankError(checker.problems)
    assert bank is not None
    return bank


@contextmanager
def _no_collection() -> Iterator[None]:
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
