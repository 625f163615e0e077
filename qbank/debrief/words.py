"""The debrief's words and thresholds (templates/packet/debrief.toml), beside the packet's."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from qbank import look
from qbank.paths import template
from qbank.rubric import Wording, load_wording


@dataclass(frozen=True)
class Words:
    packet: Wording  # the packet's scale, recommendation options and labels
    say: Wording  # the debrief's own labels
    section_gap_points: int
    hint_top_levels: int
    calibration_ratings: int
    not_a_step: tuple[str, ...]


def load_words(path: Path | None = None) -> Words:
    words = _load_words(path or template("packet/debrief.toml"))
    return Words(packet=load_wording(), **words)


@cache
def _load_words(path: Path) -> dict[str, Any]:
    packet = load_wording()
    values = look.checked(path, "packet/debrief.toml")
    flags = values["flags"]
    say = Wording(
        levels=packet.levels,
        guide={},
        recommendation_title=packet.recommendation_title,
        recommendations=packet.recommendations,
        labels=values["labels"],
        source=str(path),
    )
    numbers = {
        k: flags[k] for k in ("section_gap_points", "hint_top_levels", "calibration_ratings")
    }
    return {"say": say, "not_a_step": tuple(flags["not_a_step"]), **numbers}
