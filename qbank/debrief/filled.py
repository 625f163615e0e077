"""What an interviewer filled in, read from a packet of either format (DOCX or PDF)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qbank.exporters.packet.identity import Identity

HEADER_FIELDS = ("candidate", "interviewer", "interview-date")


@dataclass
class Answer:
    """What an interviewer recorded for one question."""

    # every ticked score (one, if well filled); None for a box whose tag holds no number
    scores: list[int | None] = field(default_factory=list)
    hint_given: bool = False
    look_for: list[int | None] = field(default_factory=list)  # ticked signals, 1-based
    notes: str = ""


@dataclass
class FilledPacket:
    path: Path
    identity: Identity
    role: str
    header: dict[str, str]  # candidate, interviewer, interview-date -> text typed
    answers: dict[str, Answer]  # question id -> answer, for the questions the packet asks
    recommendations: list[str]  # every ticked option's slug
    evidence: str

    @property
    def candidate(self) -> str:
        return self.header.get("candidate", "")

    @property
    def interviewer(self) -> str:
        return self.header.get("interviewer", "")
