"""An exporter's options as plain data, checked here and only here: the library checks a
value it is given with `Option.check`, and the command line's flags (qbank/cli.py) take
their types from the same declaration and call the same check."""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass

from qbank.errors import OptionError


class Refused(OptionError):
    """A value an option refuses: `why` is the reason alone, for click to word its own way."""

    def __init__(self, flag: str, value: object, why: str) -> None:
        super().__init__(f"{flag} {value!r}: {why}")
        self.flag, self.value, self.why = flag, value, why

    def __reduce__(self) -> tuple[type, tuple[str, object, str]]:  # from a worker, whole
        return type(self), (self.flag, self.value, self.why)


@dataclass(frozen=True)
class Option:
    """One option of an exporter: `--offset-x` for the name `offset_x`.

    `type` is str, int, float or bool (a flag). Numbers may have a `minimum` and a `maximum`
    (inclusive); a float is always finite. A str with `choices` takes one of them, in any
    case. `multiple` options may be given several times and arrive as a tuple. With `env`,
    the value comes from the option, else that environment variable, else `default`. With
    `means`, the exporter is given what the checked value stands for (a paper's name: its
    geometry), made once per build. A str with `reads` is taken as `reads` returns it (a
    time typed 9.30: 09:30), or refused with the ValueError's words.
    """

    name: str
    type: type = str
    default: object = None
    help: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    metavar: str | None = None
    show_default: bool = False
    multiple: bool = False
    env: str | None = None  # an environment variable that sets the default once for all
    # the flag on the exporter's own command when it differs from `flag` (`qbank lms
    # --format moodle`, but `all --lms moodle`, where --format would say nothing)
    own_flag: str | None = None
    means: Callable[[str], object] | None = None
    # other names people give a choice, and the choice each stands for (`canvas`: qti)
    aliases: tuple[tuple[str, str], ...] = ()
    # a text's own reading: the value in the one form the option keeps (reading that form
    # gives it back), or a ValueError that says what to type
    reads: Callable[[str], str] | None = None

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def check(self, value: object) -> object:
        """`value` as the option takes it (a choice in its own case, an int as a float for
        a float option), or `Refused`: of its type, in its range, among its choices, and a
        float finite. None stands for the option left out."""

        def refuse(why: str) -> Refused:
            return Refused(self.flag, value, why)

        if value is None:
            return None
        if self.type is bool:
            if not isinstance(value, bool):
                raise refuse("give true or false")
            return value
        if self.choices:
            by_folded = {c.casefold(): c for c in self.choices}
            by_folded |= {alias.casefold(): choice for alias, choice in self.aliases}
            if not isinstance(value, str) or value.casefold() not in by_folded:
                raise refuse(f"choose one of {', '.join(self.choices)}")
            return by_folded[value.casefold()]
        if self.type in (int, float):
            # any library's numbers, numpy's int64 as Python's int: '--count 10: give a
            # number' was all a host program with a count of a data frame was told (a
            # library trial)
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise refuse("give a number")
            if self.type is int and not isinstance(value, numbers.Integral):
                raise refuse("give a whole number")
            if not math.isfinite(value):
                raise refuse("give a finite number")
            if self.minimum is not None and value < self.minimum:
                raise refuse(f"the least is {_number(self.minimum)}")
            if self.maximum is not None and value > self.maximum:
                raise refuse(f"the most is {_number(self.maximum)}")
            return self.type(value)
        if not isinstance(value, str):
            raise refuse("give a text")
        if self.reads is not None:
            try:
                return self.reads(value)
            except ValueError as exc:
                raise refuse(str(exc)) from None
        return value

    def value(self, given: object) -> object:
        """What the exporter is given for `given`: checked, and as what it `means`."""
        checked = self.check(given)
        if self.means is None or checked is None:
            return checked
        return self.means(checked)  # type: ignore[arg-type]


def _number(bound: float) -> str:
    """A bound as a person writes it: 4294967295, not 4.29497e+09; 0.5 as 0.5."""
    return str(int(bound)) if float(bound).is_integer() else f"{bound:g}"
