"""The interview rubric's words, read from templates/packet/rubric.toml.

The default rating scale, the guide, the recommendation options and every label of a packet
come from this file; the packet (in any format) writes them and the debrief reads packets
back by them. A missing key is an error that names the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qbank import look
from qbank.errors import QbankError
from qbank.model import RubricLevel
from qbank.paths import Templates


@dataclass(frozen=True)
class Wording:
    """The default rating scale, the guide, the recommendation options and the labels."""

    levels: tuple[RubricLevel, ...]
    guide: dict[str, Any]
    recommendation_title: str
    recommendations: tuple[str, ...]
    labels: dict[str, str]
    source: str = ""

    def __call__(self, key: str, **values: object) -> str:
        """The label `key` with its {placeholders} filled in."""
        try:
            return self.labels[key].format(**values)
        except KeyError as exc:
            raise QbankError(
                f"{self.source}: [labels] {key}: missing, or uses an unknown {{{exc.args[0]}}}"
            ) from None


def load_wording(templates: Templates | None = None) -> Wording:
    """The rubric's words in a build's look (`templates`; the built-in look when none is
    given)."""
    templates = templates or Templates()
    values = look.values("packet/rubric.toml", templates)
    recommendation = values["recommendation"]
    return Wording(
        levels=tuple(
            RubricLevel(lv["score"], lv["label"], lv["anchor"]) for lv in values["levels"]
        ),
        guide=values["guide"],
        recommendation_title=recommendation["title"],
        recommendations=tuple(recommendation["options"]),
        labels=values["labels"],
        source=str(templates.path("packet/rubric.toml")),
    )
