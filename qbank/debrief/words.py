"""The debrief's words and thresholds (templates/packet/debrief.toml), beside the packet's."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from qbank.errors import QbankError
from qbank.exporters.packet.look import Wording, load_wording
from qbank.paths import read_toml, template


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
    values = read_toml(path)
    flags, labels = values.get("flags"), values.get("labels")
    if not isinstance(flags, dict) or not isinstance(labels, dict):
        raise QbankError(f"{path}: needs the tables [flags] and [labels]")
    numbers = {}
    for key in ("section_gap_points", "hint_top_levels", "calibration_ratings"):
        value = flags.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise QbankError(f"{path}: [flags] {key} = {value!r} should be a whole number")
        numbers[key] = value
    not_a_step = flags.get("not_a_step", [])
    if not isinstance(not_a_step, list) or not all(o in packet.recommendations for o in not_a_step):
        raise QbankError(
            f"{path}: [flags] not_a_step should list options of {packet.source} [recommendation]"
        )
    say = Wording(
        levels=packet.levels,
        guide={},
        recommendation_title=packet.recommendation_title,
        recommendations=packet.recommendations,
        labels={k: str(v) for k, v in labels.items()},
        source=str(path),
    )
    return {"say": say, "not_a_step": tuple(not_a_step), **numbers}
