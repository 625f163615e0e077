"""What the helpers of the bank's check (facts.py, structure.py) may ask of the checker.

They read one part of the tree each and report through the checker; naming the little
they use here, instead of importing the Checker, keeps checks.py (which calls them) the
only module that knows the whole walk: no module of the bank imports one that imports it.
"""

from __future__ import annotations

from typing import Protocol

from yaml.nodes import MappingNode, Node

from qbank.errors import Problem
from qbank.model import Competency

Fields = dict[str, Node]  # a mapping's values by key


class Reader(Protocol):
    """The part of `qbank.bank.checks.Checker` that the check's helpers use."""

    source: str  # the bank file's name, for messages
    warnings: list[Problem]
    competencies: tuple[Competency, ...]  # the bank's `competencies:`, once read
    misspelt: set[str]  # known keys that an unknown key was taken for ("did you mean")
    long_texts: bool  # whether a question's texts may be longer than a bank takes (import)

    def line(self, node: Node) -> int: ...

    def problem(self, node: Node | int, message: str) -> None: ...

    def problem_here(self, node: Node, message: str, warning: bool = False) -> None: ...

    def mapping(self, node: MappingNode, keys: tuple[str, ...], where: str) -> Fields: ...

    def absent(self, node: Node | None) -> bool: ...

    def text(
        self,
        fields: Fields,
        key: str,
        where: str,
        at: Node,
        required: bool = ...,
        limit: int | None = ...,
        missing: str = ...,
    ) -> str | None: ...

    def whole_number(
        self, fields: Fields, key: str, where: str, low: int, high: int
    ) -> int | None: ...
