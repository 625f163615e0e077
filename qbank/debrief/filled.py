"""What an interviewer filled in, read from a packet of either format (DOCX or PDF)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qbank.errors import FileError
from qbank.exporters.packet.identity import DEBRIEF_SHEET, PANEL_SHEET, Identity

HEADER_FIELDS = ("candidate", "interviewer", "interview-date")


@dataclass
class Answer:
    """What an interviewer recorded for one question."""

    # every ticked score (one, if well filled); None for a box whose tag holds no number
    scores: list[int | None] = field(default_factory=list)
    hint_given: bool = False
    look_for: list[int | None] = field(default_factory=list)  # ticked signals, 1-based
    notes: str = ""
    boxes: int = 0  # the look-for boxes the packet has for it, ticked or not
    rating_held: str = ""  # what a PDF's rating field holds that is none of its scores
    not_rated: bool = False  # a PDF's 'Not rated' chosen: left unrated on purpose
    # what a DOCX scorecard's row says where no box is ticked and it is no score, or where
    # several are: said in the question's one line of what is ticked
    # (validate.scorecard_ratings, then packet_warnings)
    scorecard_said: str = ""
    # what that row says, as written, where no box is ticked: the discussion quotes it
    scorecard_unread: str = ""
    # what that row says, as written, where its score is another than the one box ticked
    # ('3 (was 4)' beside a tick of 4): the tick counts, and the discussion quotes the row
    scorecard_differs: str = ""
    # what the reader had to make of what was typed, said as warnings naming the question
    notices: list[str] = field(default_factory=list)


@dataclass
class FilledPacket:
    path: Path
    identity: Identity
    role: str
    header: dict[str, str]  # candidate, interviewer, interview-date -> text typed
    answers: dict[str, Answer]  # question id -> answer, for the questions the packet asks
    recommendations: list[str]  # every ticked option's slug
    evidence: str
    notices: list[str] = field(default_factory=list)  # as Answer's, of the packet's own parts
    # the candidate it is debriefed for, where the packet was built for one (the Candidate
    # field may have been cleared or edited): validate.settle_candidates decides it
    settled: str | None = None
    # a DOCX packet's scorecard, a row a question: the label it shows and what its score
    # cell holds (validate.scorecard_ratings reads them by the label)
    scorecard: list[tuple[str, str]] = field(default_factory=list)
    # how an option is marked in it, as a warning says: a PDF packet's rating and
    # recommendation are chosen from a list, a DOCX packet's ticked (a PDF's question was
    # told 'no rating ticked', though it has no box to tick)
    marked: str = "ticked"

    @property
    def candidate(self) -> str:
        """The candidate it is debriefed for: as settled, else the name typed."""
        return self.header.get("candidate", "") if self.settled is None else self.settled

    @property
    def candidate_key(self) -> str:
        return name_key(self.candidate)

    @property
    def interviewer(self) -> str:
        """The name typed in the Interviewer field, else the one the packet was built for
        (--interviewer); '' when neither is known."""
        typed = self.header.get("interviewer", "")
        return typed or self.identity.interviewer_name(self.identity.member)


def panel_candidate(panel: Sequence[FilledPacket]) -> str:
    """The candidate a panel's packets are debriefed for, as a packet built for them names
    them, else as the first packet's Candidate field has it ('' when it is empty)."""
    return next((p.candidate for p in panel if p.settled), panel[0].candidate)


# an apostrophe as Word's and LibreOffice's AutoCorrect make it, and the modifier letter,
# are the one typed: O’Brien is O'Brien (a panel trial's interviewers typed both)
APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc", "'"))


def name_key(name: str) -> str:
    """A name (a candidate's, an interviewer's) as the debrief tells people apart: case,
    spacing, the form of its accents (é typed as e and a mark too) and of its apostrophes
    aside."""
    return " ".join(unicodedata.normalize("NFC", name).translate(APOSTROPHES).split()).casefold()


class PanelSheet(FileError):
    """The coordinator's sheet of a panel, or a debrief, given among the packets: it holds
    no ratings."""


def packet_identity(path: Path, properties: dict[str, str], carrier: str) -> Identity:
    """The identity a packet records, or the refusal that names `path`; `carrier` says where
    it is recorded, with its verb ("its custom properties do"). One rule for DOCX and PDF."""
    if PANEL_SHEET.items() <= properties.items():
        raise PanelSheet(path, "the panel's coordinator sheet, which holds no ratings; left out")
    if DEBRIEF_SHEET.items() <= properties.items():
        raise PanelSheet(path, "a debrief qbank wrote, not a filled-in packet; left out")
    try:
        identity = Identity.from_properties(properties)
    except ValueError as exc:
        raise FileError(path, f"the packet's identity is damaged: {exc}") from None
    if identity is None:
        raise FileError(
            path,
            f"not a qbank interviewer packet ({carrier} not name a bank); "
            "only packets made by `qbank packet` can be read back",
        )
    return identity
