"""The debrief's words and thresholds (templates/packet/debrief.toml), beside the packet's."""

from __future__ import annotations

from dataclasses import dataclass

from qbank import look
from qbank.paths import Templates
from qbank.rubric import Wording, load_wording


@dataclass(frozen=True)
class Words:
    packet: Wording  # the packet's scale, recommendation options and labels
    say: Wording  # the debrief's own labels
    section_gap_points: int
    hint_top_levels: int
    calibration_ratings: int
    not_a_step: tuple[str, ...]


def load_words(templates: Templates | None = None) -> Words:
    """The debrief's words in a build's look (`templates`; the built-in look when none is
    given), with the packet's."""
    templates = templates or Templates()
    packet = load_wording(templates)
    values = look.values("packet/debrief.toml", templates)
    flags = values["flags"]
    say = Wording(
        levels=packet.levels,
        guide={},
        recommendation_title=packet.recommendation_title,
        recommendations=packet.recommendations,
        labels=values["labels"],
        source=str(templates.path("packet/debrief.toml")),
    )
    numbers = {
        k: flags[k] for k in ("section_gap_points", "hint_top_levels", "calibration_ratings")
    }
    return Words(packet=packet, say=say, not_a_step=tuple(flags["not_a_step"]), **numbers)
