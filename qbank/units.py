"""Lengths: PDF points are the unit of the PDF exporters, twips (1/20 point) that of Word.

The factors are reportlab's own (`reportlab.lib.units`), written so that they are the same
floating-point numbers, so that a PDF laid out with these is the same to the byte.
"""

from __future__ import annotations

inch = 72.0  # points
cm = inch / 2.54
mm = cm * 0.1

TWIPS_PER_POINT = 20
TWIPS_PER_MM = 1440 / 25.4


def mm_to_points(value: float) -> float:
    return value * 72 / 25.4


def mm_to_twips(value: float) -> int:
    return round(value * TWIPS_PER_MM)


def points_to_twips(value: float) -> int:
    return round(value * TWIPS_PER_POINT)


def twips_to_points(value: float) -> float:
    return value / TWIPS_PER_POINT


# A logo at the top of a first page (the booklet's cover, a packet's, a debrief's): at most
# this tall, and a third of the text's width wide, so that a wide logo stays a logo
LOGO_TALLEST = 15 * mm


def logo_size(width: int, height: int, text_width: float) -> tuple[float, float]:
    """The width and height, in points, of a logo of `width` by `height` pixels at the top
    of a first page whose text is `text_width` points wide."""
    shown = min(LOGO_TALLEST, text_width / 3 * height / width)
    return shown * width / height, shown
