"""The paper: one geometry, made once per build from --paper, for every exporter that lays
out pages (the booklet and the cards in PDF, the packet in Word and PDF)."""

from __future__ import annotations

from dataclasses import dataclass

from qbank.options import Option
from qbank.units import inch, mm


@dataclass(frozen=True)
class Paper:
    """A sheet by its name, portrait, in points (the values of reportlab.lib.pagesizes)."""

    name: str
    width: float
    height: float
    label: str  # as a message names it to a person: "A4", "Letter"

    @property
    def size(self) -> tuple[float, float]:
        return (self.width, self.height)

    def __str__(self) -> str:  # as an option's value is written: in file names, settings
        return self.name


PAPERS: dict[str, Paper] = {
    "a4": Paper("a4", 210 * mm, 297 * mm, "A4"),
    "letter": Paper("letter", 8.5 * inch, 11 * inch, "Letter"),
}
A4 = PAPERS["a4"]

# One option for every exporter that has a paper, so that `all --paper` reaches them all;
# each is given the Paper, made once when the options are checked.
PAPER = Option(
    "paper",
    choices=tuple(sorted(PAPERS)),
    default=A4.name,
    show_default=True,
    env="QBANK_PAPER",
    help="Paper size, for every artifact that has one; QBANK_PAPER sets it once for all.",
    means=PAPERS.__getitem__,
)


def paper_named(name: str) -> Paper:
    """The paper of `name`, or A4 for a name qbank does not know (an old packet's)."""
    return PAPERS.get(name, A4)
