"""Paper sizes, one definition for every exporter that lays out pages (PDF and Word)."""

from __future__ import annotations

from qbank.options import Option
from qbank.units import inch, mm

# (width, height) in points, portrait; the values of reportlab.lib.pagesizes
PAPER_SIZES: dict[str, tuple[float, float]] = {
    "a4": (210 * mm, 297 * mm),
    "letter": (8.5 * inch, 11 * inch),
}

# One option for every exporter that has a paper, so that `all --paper` reaches them all.
PAPER = Option(
    "paper",
    choices=tuple(sorted(PAPER_SIZES)),
    default="a4",
    show_default=True,
    env="QBANK_PAPER",
    help="Paper size, for every artifact that has one; QBANK_PAPER sets it once for all.",
)
