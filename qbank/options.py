"""An exporter's options as plain data; the command line (qbank/cli.py) makes them flags."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    """One option of an exporter: `--offset-x` for the name `offset_x`.

    `type` is str, int, float or bool (a flag). Numbers may have a `minimum` and a `maximum`
    (inclusive); a float is always finite. A str with `choices` takes one of them, in any
    case. `multiple` options may be given several times and arrive as a tuple. With `env`,
    the value comes from the option, else that environment variable, else `default`.
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

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")
