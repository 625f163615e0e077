"""What a packet says about itself, so that a filled-in packet can be read back.

A packet carries, in the document's custom properties (docProps/custom.xml), the bank it
was built from, the build's settings, which interviewer of a panel it is for, the names it
was built for (--candidate, and the panel's --interviewer names), the rating scale and, for
each question asked, its id and a fingerprint of its content. `qbank debrief` compares them
with the bank: a packet of another bank, or of a question edited since, is refused with a
message that names what differs.

Word keeps a text property to 255 characters, so each question has a property of its own.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qbank.look import LABEL_WORD
from qbank.model import Question, RubricLevel
from qbank.numbering import QUESTION_LABEL
from qbank.text import has_control, one_line, shorten, slug
from qbank.wordml.wml import xml_safe

PREFIX = "qbank."
# The coordinator's sheet of a panel says what it is, so that `debrief packets/*.docx`
# leaves it out instead of refusing it: it holds no ratings
PANEL_SHEET = {PREFIX + "sheet": "panel"}
# and so does a debrief, which the debrief writes into output/ beside the packets
DEBRIEF_SHEET = {PREFIX + "sheet": "debrief"}
# The parts of a question that a fingerprint tells apart, in the words a message uses.
PARTS = ("question text", "section", "look-for signals", "hint, note, follow-ups or anchors")
# the parts that are wording only: `debrief --accept-changes` reads a packet whose bank
# changed them since it was built
WORDING = frozenset(PARTS[2:])


def _digest(*values: object) -> str:
    return hashlib.sha256(repr(values).encode("utf-8")).hexdigest()[:8]


def fingerprint(q: Question) -> tuple[str, ...]:
    """One short hash per part of PARTS. A question without anchors hashes as before
    anchors were a field, so packets built then still read back."""
    explained = (q.hint, q.note, q.follow_ups) + ((q.anchors,) if q.anchors else ())
    return (
        _digest(q.question),
        _digest(q.section),
        _digest(q.look_for),
        _digest(*explained),
    )


def rubric_fingerprint(levels: Sequence[RubricLevel]) -> str:
    """The scale's scores and labels (its anchors may be reworded freely)."""
    return (
        " ".join(str(level.score) for level in levels)
        + " "
        + _digest([(level.score, level.label) for level in levels])
    )


def recorded(name: str) -> str:
    """A bank's name as a packet records it (XML cannot hold every file name)."""
    return xml_safe(name)


@dataclass(frozen=True)
class Identity:
    bank: str  # the bank file's name, without .yaml
    title: str
    settings: str  # the build's options, e.g. 'count=6 seed=1 panel=3'
    member: int  # which interviewer of the panel (1..panel); 1 without a panel
    panel: int  # 1 without a panel
    rubric: str  # rubric_fingerprint of the scale the packet scores on
    questions: tuple[tuple[str, tuple[str, ...]], ...]  # (id, fingerprint) as asked
    # the words over the notes areas and the key evidence, in the packet's look: what an
    # interviewer types beside them is told from them exactly ('' in older packets)
    labels: tuple[str, str] = ("", "")
    # the candidate the packet was built for (--candidate), so that the debrief knows them
    # when the Candidate field is cleared or edited ('' without it, and in older packets)
    candidate: str = ""
    # each interviewer's name the panel was built for, in seat order (--interviewer): the
    # debrief names one whose Interviewer field is empty, and a seat whose packet is not
    # given (() without them, and in older packets)
    interviewers: tuple[str, ...] = ()
    # the word of the packet's question labels (F7 in a German look's), which the debrief
    # finds its scorecard's rows and notes pages by ('Q' in older packets, and unsaid)
    label_word: str = QUESTION_LABEL

    def interviewer_name(self, member: int) -> str:
        """The name interviewer `member` of the panel was built for; '' when not known."""
        return self.interviewers[member - 1] if 0 < member <= len(self.interviewers) else ""

    def properties(self) -> dict[str, str]:
        values = {
            "bank": recorded(self.bank),
            "title": shorten(one_line(self.title), 255),
            "build": self.settings,
            "interviewer": f"{self.member} of {self.panel}",
            **{f"interviewer-{n}": name for n, name in enumerate(self.interviewers, start=1)},
            "rubric": self.rubric,
            "questions": str(len(self.questions)),
        }
        if self.candidate:
            values["candidate"] = self.candidate
        if self.label_word != QUESTION_LABEL:
            values["question-label"] = self.label_word
        if any(self.labels):
            values["notes-label"], values["evidence-label"] = (
                shorten(one_line(label), 255) for label in self.labels
            )
        for number, (qid, parts) in enumerate(self.questions, start=1):
            values[f"q{number}"] = " ".join((qid, *parts))
        return {PREFIX + key: value for key, value in values.items()}

    @classmethod
    def from_properties(cls, values: Mapping[str, str]) -> Identity | None:
        """The identity in a document's custom properties; None when there is none, and
        ValueError when it is damaged."""
        if PREFIX + "bank" not in values:
            return None

        def get(key: str) -> str:
            if PREFIX + key not in values:
                raise ValueError(f"the property {PREFIX}{key} is missing")
            return values[PREFIX + key]

        def count(text: str, what: str) -> int:
            # a count as the packet wrote it: plain digits, never 0, -5, '²' or 5,000 digits
            if not re.fullmatch(r"[0-9]{1,6}", text.strip()) or int(text) < 1:
                raise ValueError(f"{what} is {shorten(text, 40)!r}, not a count from 1 up")
            return int(text)

        interviewer = get("interviewer")
        member_text, _, panel_text = interviewer.partition(" of ")
        member = count(member_text, f"{PREFIX}interviewer ({interviewer!r}): its member")
        panel = count(panel_text, f"{PREFIX}interviewer ({interviewer!r}): its panel")
        if member > panel:
            raise ValueError(f"{PREFIX}interviewer says {interviewer!r}, more than the panel")
        total = count(get("questions"), f"{PREFIX}questions")
        if total > len(values):  # each question has a property of its own
            raise ValueError(f"{PREFIX}questions says {total}, but the packet lists fewer")
        questions, seen = [], set()
        for number in range(1, total + 1):
            qid, *parts = get(f"q{number}").split() or [""]
            if not qid:
                raise ValueError(f"the property {PREFIX}q{number} is empty")
            if qid in seen:
                raise ValueError(f"the question {qid} is listed twice ({PREFIX}q{number})")
            seen.add(qid)
            questions.append((qid, tuple(parts)))
        return cls(
            bank=get("bank"),
            title=get("title"),
            settings=get("build"),
            member=member,
            panel=panel,
            rubric=get("rubric"),
            questions=tuple(questions),
            labels=(
                values.get(PREFIX + "notes-label", ""),
                values.get(PREFIX + "evidence-label", ""),
            ),
            candidate=_recorded_name(values.get(PREFIX + "candidate", "")),
            interviewers=_names(values, panel),
            label_word=_label_word(values.get(PREFIX + "question-label", QUESTION_LABEL)),
        )


NAME_LONGEST = 200  # characters of a name a packet records, as read back


def _label_word(value: str) -> str:
    """The label word a packet records, as a look may give it; 'Q' for one no look could
    (a packet edited by hand)."""
    return QUESTION_LABEL if LABEL_WORD.problems(value, "") else value


def _recorded_name(value: str) -> str:
    """A name a packet records, as the debrief uses it: on one line, without the control
    characters and direction marks qbank never records (a crafted packet's rang the bell,
    coloured and cleared the terminal, and a name of a million characters made a warning of
    2 MB: a hostile trial), each shown as U+FFFD, and cut short."""
    name = " ".join(value.split())
    if has_control(name):
        name = "".join("\ufffd" if has_control(c) else c for c in name)
    return shorten(name, NAME_LONGEST)


def _names(values: Mapping[str, str], panel: int) -> tuple[str, ...]:
    """The interviewers' names a packet records, by seat: '' for a seat it does not name
    (found among the properties there are, not looked up seat by seat: a damaged packet may
    say its panel is 999999)."""
    seats = {}
    for key, value in values.items():
        seat = re.fullmatch(re.escape(PREFIX) + r"interviewer-([1-9][0-9]{0,5})", key)
        if seat and int(seat.group(1)) <= panel:
            seats[int(seat.group(1))] = _recorded_name(value)
    return tuple(seats.get(n, "") for n in range(1, max(seats, default=0) + 1))


# The names a PDF packet's form gives its buttons' states (packet.fillable writes them,
# debrief.read_pdf reads them): plain ASCII, whatever the language of the words.


def recommendation_value(number: int, option: str) -> str:
    """The export value of a recommendation option: its slug when that is plain ASCII (a
    PDF name every filler keeps), else its place ('option-3')."""
    value = slug(option)
    return value if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value) else f"option-{number}"


# the export value of a rating group's 'not rated' button (the fillable packet's), which
# the debrief reads as no rating
UNRATED = "unrated"


def score_value(score: int) -> str:
    return f"s{score}"
