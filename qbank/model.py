"""The domain model: frozen, plain data. No I/O and no YAML here."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from qbank.numbering import question_label
from qbank.rich import CodeBlock, Paragraph, Picture, RichText, Table, as_plain_bank
from qbank.text import plain

# One rule for a question whose bank gives no `minutes`, wherever times are added up (the
# booklet's section times, the packet's plan and picker); both say so where it applies.
DEFAULT_MINUTES = 5
# The scores of the default rating scale (templates/packet/rubric.toml's levels), which a
# question's `anchors:` are keyed by when the bank has no `rubric:` of its own.
DEFAULT_SCORES = (1, 2, 3, 4, 5)
# Between the names of a section nested in another ('Networks / Routing'): what an import
# of Moodle's nested categories writes, and where the LMS files nest them again.
NESTED = " / "


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    description: str = ""
    position: int = 0  # order in the whole bank, 0-based; kept when a build filters the bank
    language: str = ""  # its texts' language tag where it is not the bank's; empty: the bank's
    # its line in the bank file (in `sections`, else its first question's), for messages
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class RubricLevel:
    score: int
    label: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Source:
    """Where a question's facts come from: a title and a web address."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Tag:
    """A tag of the bank's vocabulary and the one-line rule for when it applies."""

    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Competency:
    """What the interview measures (OPM's term): a name, the one line an interviewer reads,
    and its weight in a weighted total (equal unless the bank documents otherwise)."""

    name: str
    description: str
    weight: int = 1
    line: int = 0  # its line in the bank file, for messages


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    number: int  # position in the whole bank, 1-based; kept when a build filters the bank
    section: str
    question: str
    hint: str
    tags: tuple[str, ...] = ()
    look_for: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    minutes: int | None = None
    note: str | None = None
    sources: tuple[Source, ...] = ()
    group: str | None = None  # questions of one group probe the same thing: ask one of them
    competency: str | None = None  # the name of one of the bank's competencies
    anchors: tuple[tuple[int, str], ...] = ()  # (score, what an answer at it holds), rising
    line: int = 0  # line of the question in its bank file, for messages

    @property
    def planned_minutes(self) -> int:
        """The minutes the question takes in a plan: its own, else DEFAULT_MINUTES."""
        return self.minutes or DEFAULT_MINUTES

    @property
    def label(self) -> str:
        return question_label(self.number)


@dataclass(frozen=True, slots=True)
class Logo:
    """The organisation's logo: a PNG or JPEG image, as its file's bytes."""

    name: str  # the file's name, for messages
    kind: str  # "png" or "jpeg"
    data: bytes = field(repr=False)
    width: int  # pixels
    height: int


@dataclass(frozen=True, slots=True)
class Bank:
    title: str
    questions: tuple[Question, ...]
    sections: tuple[Section, ...]
    description: str = ""
    role: str = ""  # the job the bank interviews for; the packet's header names it
    rubric: tuple[RubricLevel, ...] | None = None
    name: str = "bank"  # the bank file's name without .yaml; names the artifacts
    source: str = ""  # the bank file as given, for messages
    reviewed: date | None = None  # when the bank's facts were last checked against sources
    vocabulary: tuple[Tag, ...] = ()  # the tags a question may carry; empty: any tag
    markup: str = "plain"  # "markdown": the texts are CommonMark, parsed into `rich`
    # each Markdown text's tree, by the text as written (fields keep their text, which the
    # spreadsheet export writes as it is); empty in a plain bank
    rich: Mapping[str, RichText] = field(default_factory=dict, compare=False, repr=False)
    competencies: tuple[Competency, ...] = ()  # what the interviews measure; empty: none named
    organisation: str = ""  # whose materials these are: covers, the packet, the study page
    logo: Logo | None = None  # shown with the organisation
    language: str = ""  # the texts' language tag (BCP 47), for readers and screen readers
    # the latest modification time of the pictures its texts show (seconds; 0: none): a
    # build is as new as the newest file it shows, so that Anki takes a redrawn picture
    pictures_modified: int = field(default=0, compare=False)
    # where the bank's own texts stand, for a message about one: text -> (line, what it is)
    places: Mapping[str, tuple[int, str]] = field(default_factory=dict, compare=False, repr=False)
    # the file's line of each Markdown text written as a `|` block, whose lines are the
    # file's lines from there: a message about a line inside it (a table's) names that line
    text_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    _by_section: dict[str, tuple[Question, ...]] = field(init=False, compare=False, repr=False)
    _languages: dict[str, str] = field(init=False, compare=False, repr=False)  # by section

    def __post_init__(self) -> None:
        grouped: dict[str, list[Question]] = {s.name: [] for s in self.sections}
        for q in self.questions:
            grouped.setdefault(q.section, []).append(q)
        object.__setattr__(self, "_by_section", {k: tuple(v) for k, v in grouped.items()})
        languages = {s.name: s.language for s in self.sections if s.language}
        object.__setattr__(self, "_languages", languages)

    @property
    def for_interviews(self) -> bool:
        """Whether the bank is written for interviews (it names a role or a rubric): its
        hints and look-for points are for an interviewer, and the words around them may
        speak of interviewers and packets. Any other bank is for learners (a lecturer's
        study bank), whose booklet, check and LMS files say nothing of interviews."""
        return bool(self.role or self.rubric)

    def rich_text(self, text: str) -> RichText | None:
        """The tree of a Markdown bank's text field; None in a plain bank, where the text
        is shown as written."""
        return self.rich.get(text) if self.markup == "markdown" else None

    def pictures(self, texts: Iterable[str]) -> list[Picture]:
        """The pictures `texts` show, in order (a Markdown bank's; none in a plain one)."""
        return [p for text in texts if (tree := self.rich_text(text)) for p in tree.pictures()]

    def flat(self, text: str) -> str:
        """A text for a place that shows no Markdown (a table's cell, a heading of a
        summary, a spreadsheet): a Markdown bank's words without their markup, a picture as
        its alt text; a plain bank's text as written."""
        tree = self.rich_text(text)
        return text if tree is None else tree.plain()

    def words(self, text: str) -> str:
        """A text's words for one line that names it (a bookmark, a question's name in an
        LMS): a Markdown text's paragraphs, lists and quotes without their markup, its code
        blocks, pictures and tables left out (all of it, alt text, code and cells, when that
        leaves nothing); a plain bank's text with its code spans' backticks removed."""
        tree = self.rich_text(text)
        if tree is None:
            return plain(text)
        left_out = CodeBlock | Picture | Table
        said = RichText(tuple(b for b in tree.blocks if not isinstance(b, left_out)))
        return said.plain() if said.plain().strip() else tree.plain()

    def opening(self, text: str) -> str:
        """A text's first paragraph, for a table's row that names a question (the time
        plan): a Markdown text's further blocks (its code, a list, a picture) stand as " …",
        then its last paragraph, where a question's ask most often stands ("Our policy
        says: … What can go wrong with this rule?"; the first alone told an interviewer
        nothing, a visual review), and one that opens with another block shows its words
        whole; a plain bank's text as written."""
        tree = self.rich_text(text)
        if tree is None:
            return text
        first = tree.blocks[0] if tree.blocks else None
        if not isinstance(first, Paragraph):
            return tree.plain()
        if len(tree.blocks) < 2:
            return as_plain_bank(first.spans)
        last = tree.blocks[-1]
        ask = " " + as_plain_bank(last.spans) if isinstance(last, Paragraph) else ""
        return as_plain_bank(first.spans) + " \u2026" + ask

    def questions_in(self, section: str | Section) -> tuple[Question, ...]:
        name = section.name if isinstance(section, Section) else section
        return self._by_section.get(name, ())

    def language_of(self, section: str | Section) -> str:
        """The language tag of a section's texts (its questions' too): the section's own,
        else the bank's."""
        name = section.name if isinstance(section, Section) else section
        return self._languages.get(name) or self.language

    def section_counts(self) -> list[tuple[Section, int]]:
        return [(s, len(self.questions_in(s))) for s in self.sections]

    @property
    def scores(self) -> tuple[int, ...]:
        """The scores a question is rated on: the bank's rubric, else the default scale."""
        return tuple(level.score for level in self.rubric) if self.rubric else DEFAULT_SCORES

    def competency(self, name: str | None) -> Competency | None:
        return next((c for c in self.competencies if c.name == name), None)

    def location(self, question: Question) -> str:
        """`FILE:LINE` of a question, the prefix of every message about it."""
        return f"{self.source}:{question.line}"

    @property
    def identity(self) -> str:
        """The bank's name as the identity of what learners keep (Anki notes, the study
        page's ratings): its file name, with any byte that is not UTF-8 (a file name on
        Linux may hold any) written as an escape such as `\\xff`."""
        return os.fsencode(self.name).decode("utf-8", "backslashreplace")

    @property
    def tags(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for q in self.questions:
            seen.update(dict.fromkeys(q.tags))
        return tuple(seen)

    def with_questions(self, questions: Iterable[Question]) -> Bank:
        """The same bank holding only `questions`; sections left empty are dropped."""
        kept = tuple(questions)
        used = {q.section for q in kept}
        sections = tuple(s for s in self.sections if s.name in used)
        return replace(self, questions=kept, sections=sections)
