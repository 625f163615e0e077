"""The interview rubric's words, read from templates/packet/rubric.toml.

The default rating scale, the guide, the recommendation options and every label of a packet
come from this file; the packet (in any format) writes them and the debrief reads packets
back by them. A missing key is an error that names the file and the key.
"""

from __future__ import annotations

import datetime
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from qbank import look
from qbank.errors import QbankError
from qbank.look import TEXT, ListOf, Number, Problems, Table, Text, words
from qbank.model import DEFAULT_SCORES, Bank, Question, RubricLevel
from qbank.numbering import label_word, question_label
from qbank.paths import Templates
from qbank.text import date_words

# The keys of templates/packet/rubric.toml, which this module reads.
# The labels a look's file from before they were added may lack: the built-in look's stand
# in. A look copied two days before the competencies' were added was refused whole, each
# of its artifacts with it (a brand trial).
LATER_LABELS = (
    *"competency coverage_title coverage_intro coverage_count not_covered".split(),
    *"competency_not_covered why_count why_time panel_coverage_title".split(),
    *"panel_coverage_intro panel_covers_all panel_leaves_out coverage_check".split(),
    *"covered_times flag_uncovered flag_covered_often".split(),
    *"fresh_line fill_in_pdf continued scorecard_intro_pdf".split(),
    # and those a look from qbank's first days lacks (an upgrade trial)
    *"sources facts_checked page_of candidate_blank groups_title groups_intro".split(),
    "group_line",
    # and those the packet's first days' file lacks (596f97c, 26 Nov)
    *"plan_title plan_intro introduction wrap_up section_not_chosen".split(),
    "section_does_not_fit",
    "not_rated",  # the fillable PDF's, of 6 Dec
    "asked_by_other",  # a panel packet's competency grid, of 6 Dec
    "coverage_count_panel",  # its last column's head there, of 6 Dec
    # the coordinator's sheet's times of day, with --start (7 Dec)
    *"running_order_intro_timed interview_time time_range".split(),
)
# A blank line written out after 'Candidate:' ('Candidate: ____'), where the packets'
# footer has its {candidate}: the footer of qbank's first days (see Footer). Only there: a
# footer's own 'Interviewer: ____' is a line for a name written by hand (a review)
BLANK_LINE = re.compile(r"(?<=Candidate: )_{4,}", re.IGNORECASE)


@dataclass(frozen=True)
class Footer(Text):
    """The packets' footer. The built-in one of qbank's first days ended 'Candidate:
    ____' for a name written by hand, and a look copied then printed the blank line on
    every page of a packet made for a candidate (--candidate), whose name the footer has
    since held (an upgrade trial): its blank line is read as {candidate}, said with what
    to write."""

    def problems(self, value: Any, where: str) -> Problems:
        if not isinstance(value, str) or "{candidate}" in value or not BLANK_LINE.search(value):
            return super().problems(value, where)
        blank = BLANK_LINE.search(value).group()
        said = (
            f"{where}: its blank line {blank!r} is read as {{candidate}}, the candidate's "
            "name (or candidate_blank's line when there is none); write {candidate} in its "
            "place"
        )
        return [*super().problems(read_footer(value), where), look.Advisory(said)]


def read_footer(footer: str) -> str:
    """A footer as it is read: a first days' blank line for the candidate is {candidate}."""
    return footer if "{candidate}" in footer else BLANK_LINE.sub("{candidate}", footer, count=1)


RUBRIC = Table(
    {
        # the language the words are in: the packets' own words are in it (their spelling,
        # their hyphens), the bank's texts in the bank's
        "language": look.LANGUAGE_TAG,
        "levels": ListOf(
            Table({"score": Number(low=0, high=100, whole=True), "label": TEXT, "anchor": TEXT}),
            shortest=2,
        ),
        "guide": Table(
            {
                "title": TEXT,
                "intro": TEXT,
                "steps": ListOf(TEXT, shortest=1),
                "scale_title": TEXT,
                "scale_intro": TEXT,
            }
        ),
        "recommendation": Table({"title": TEXT, "options": ListOf(TEXT, shortest=2)}),
        "dates": Table({"format": look.DATE, "months": look.MONTHS}),
        # the numbers from zero up, as a score may be written on the scorecard in words
        "numbers": Table({"words": ListOf(TEXT, shortest=1, longest=101)}),
        "labels": look.with_label_word(
            words(
                """
            subtitle
            panel_subtitle: number panel
            role
            candidate
            interviewer
            date
            start
            end
            summary: count minutes sections
            selection: available seed
            selection_one: available seed
            panel_note
            minutes: minutes
            no_minutes
            follow_ups
            strong_answer
            note
            sources
            look_for
            rating
            hint_given
            not_rated
            notes
            time_plan
            time_plan_intro: buffer introduction planned slot spare wrap_up
            plan_title
            plan_intro: introduction wrap_up
            introduction
            wrap_up
            section_does_not_fit: section
            section_not_chosen: count section
            default_minutes_note: minutes
            plan_question
            plan_section
            plan_start
            plan_minutes
            plan_cumulative
            scorecard
            facts_checked: date
            scorecard_intro
            scorecard_intro_pdf
            score
            anchor
            question
            subtotal: section
            total
            out_of: max
            evidence
            signature
            footer: candidate title
            candidate_blank
            page_of: page pages
            continued: label
            competency
            coverage_title
            coverage_intro
            coverage_count
            coverage_count_panel
            not_covered
            asked_by_other: names
            competency_not_covered: competency why
            why_count: competencies count
            why_time: minutes
            panel_coverage_title
            panel_coverage_intro
            panel_covers_all: count
            panel_leaves_out: count total
            coverage_check
            covered_times: times
            flag_uncovered
            flag_covered_often: times
            competency_weighted: competency weight
            fresh_line: candidates counts files
            fill_in_pdf
            panel_title
            panel_subtitle_sheet: panel
            coordinator
            who_asks
            interviewer_number: number
            name
            questions
            running_order
            running_order_intro
            running_order_intro_timed
            interview_time
            time_range: end start
            balance
            groups_title
            groups_intro
            group_line: group questions
            """,
                retired={
                    "anchors": "each anchor is a row of its own, with its score and label",
                    "anchor_between": "a score the bank gives no anchor for is left out",
                    # a translator translated it for nothing (a Spanish trial)
                    "section_questions": "no page prints a section's number of questions",
                    # a look from qbank's first days holds them (an upgrade trial)
                    "time_plan_panel_intro": "each interviewer's plan is their own "
                    "interview, said by time_plan_intro",
                    "asked_by": "each interviewer runs an interview of their own, so no "
                    "running order names who asks",
                },
                later=LATER_LABELS,
                # the footer's {candidate} without --candidate: blank, no line to write on
                may_be_blank=["candidate_blank"],
                # without it, a competency's weight is not shown: its name alone; without
                # selection_one, a bank of one question is said as selection says many
                optional=["competency_weighted", "selection_one"],
            ),
            # blank: a packet whose pages say only their number (it built so before blanks
            # were refused)
            footer=Footer(("candidate", "title"), may_be_blank=True),
        ),
    },
    optional=frozenset({"dates", "numbers", "language"}),  # a look copied before them
)
# what a look without [numbers] reads on a scorecard: the built-in look's English
NUMBER_WORDS = tuple("zero one two three four five six seven eight nine ten".split())
ISO_DATE = "{year}-{mm}-{dd}"  # what a look without [dates] writes


def _rubric_order(values: dict[str, Any], _: Templates) -> Problems:
    levels = values.get("levels")
    if not isinstance(levels, list):
        return []
    scores = [lv.get("score") for lv in levels if isinstance(lv, dict)]
    if not all(isinstance(s, int) for s in scores):
        return []
    for index, (before, score) in enumerate(zip(scores, scores[1:], strict=False), 1):
        if before >= score:  # said at the first score that does not rise
            problem = "[[levels]] score: the scores must rise from one level to the next"
            return [look.at(("levels", index, "score"), problem)]
    return []


look.declare("packet/rubric.toml", RUBRIC, _rubric_order)


# a look's words filled in, in pieces (Wording.pieces): each text, and whether it is the
# look's own (True) or a value filled in (False)
Said = tuple[tuple[str, bool], ...]


def said_text(said: Said) -> str:
    """What pieces say, as one text."""
    return "".join(text for text, _ in said)


def join_pieces(parts: Sequence[Said], between: str) -> Said:
    """The `parts` that say something, `between` each two (with the bank's texts)."""
    out: list[tuple[str, bool]] = []
    for part in (part for part in parts if any(text for text, _ in part)):
        out += [(between, False)] if out else []
        out += part
    return tuple(out)


@dataclass(frozen=True)
class Wording:
    """The default rating scale, the guide, the recommendation options and the labels."""

    levels: tuple[RubricLevel, ...]
    guide: dict[str, Any]
    recommendation_title: str
    recommendations: tuple[str, ...]
    labels: dict[str, str]
    source: str = ""
    date_format: str = ISO_DATE
    months: tuple[str, ...] = ()
    number_words: tuple[str, ...] = NUMBER_WORDS  # 'four' on a scorecard is 4
    language: str = ""  # the words' language; a look copied before it says none

    def __call__(self, key: str, **values: object) -> str:
        """The label `key` with its {placeholders} filled in."""
        try:
            return self.labels[key].format(**values)
        except KeyError as exc:
            raise QbankError(
                f"{self.source}: [labels] {key}: missing, or uses an unknown {{{exc.args[0]}}}"
            ) from None

    def pieces(self, key: str, **values: object) -> Said:
        """The label `key` filled in as by calling the wording, in pieces: (text, True) for
        the look's own words, (text, False) for each value filled in (a bank's section,
        title, a name), which a packet writes in the bank's language, not the look's. A
        value in pieces itself (the look's words filled in) is put in as its pieces."""
        self(key, **{k: said_text(v) if isinstance(v, tuple) else v for k, v in values.items()})
        form = string.Formatter()
        out: list[tuple[str, bool]] = []
        for literal, name, spec, conversion in form.parse(self.labels[key]):
            if literal:
                out.append((literal, True))
            if name is None:
                continue
            value = form.get_field(name, (), values)[0]
            if isinstance(value, tuple):
                out += value
            else:
                value = form.convert_field(value, conversion)
                out.append((form.format_field(value, spec or ""), False))
        return tuple(out)

    def label(self, question: Question) -> str:
        """The question's label in the look's word (F7)."""
        return question_label(question.number, label_word(self.labels))

    def date(self, day: datetime.date) -> str:
        """`day` as the look writes a date (its [dates])."""
        return date_words(day, self.date_format, self.months)


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
        labels=_read(
            look.with_later("packet/rubric.toml", values["labels"], LATER_LABELS, "labels")
        ),
        source=str(templates.path("packet/rubric.toml")),
        date_format=values.get("dates", {}).get("format", ISO_DATE),
        months=tuple(values.get("dates", {}).get("months", ())),
        number_words=tuple(values.get("numbers", {}).get("words", NUMBER_WORDS)),
        language=values.get("language", ""),
    )


def _read(labels: dict[str, str]) -> dict[str, str]:
    return {**labels, "footer": read_footer(labels["footer"])}


def scale(bank: Bank, templates: Templates | None = None) -> tuple[RubricLevel, ...]:
    """The scale a bank's answers are rated on: its own `rubric`, else the default in the
    build's look (packet/rubric.toml of --templates, else the built-in one)."""
    return bank.rubric or load_wording(templates).levels


def scale_reminder(
    scale: Sequence[RubricLevel], lines: Callable[[str], int]
) -> tuple[tuple[int, str], ...]:
    """The scale's own descriptions as a packet with a page per question prints them under
    the rating boxes of a question without anchors, in the rows a question's anchors take:
    only where each takes one line there (`lines`: a text's lines in that cell), a short
    reminder of what each score means. Longer ones stay on the guide's rating scale alone:
    repeated under every question, the built-in scale's two-line descriptions took a
    quarter of each page from its notes, and a 7-level scale's longer ones half of it,
    sending every question's notes to a page of their own (a coordinator's trial)."""
    rows = tuple((level.score, level.anchor) for level in scale if level.anchor.strip())
    return rows if all(lines(text) <= 1 for _, text in rows) else ()


def scale_labels(bank: Bank, templates: Templates | None = None) -> dict[int, str]:
    """Each score's label on that scale, for the anchors shown beside their scores."""
    return {level.score: level.label for level in scale(bank, templates)}


def _scores_said(scores: Sequence[int]) -> str:
    rising = list(range(scores[0], scores[-1] + 1)) == list(scores)
    return f"{scores[0]} to {scores[-1]}" if rising else ", ".join(map(str, scores))


def anchors_apart(bank: Bank, templates: Templates) -> list[str]:
    """A warning at the look's [[levels]] when its scale is not the default 1 to 5 that a
    bank without a `rubric:` of its own keys its questions' anchors by (the loader checks
    them so, without the look): each artifact labels an anchor by the look's scale, and
    an anchor at a score it lacks stands where no interviewer can tick it. A designer's
    1-to-4 scale printed the bank's '5' anchors beside rating boxes of 1 to 4, and '3 Exceeds'
    beside an anchor written for 'Solid', with no word."""
    if bank.rubric or not any(question.anchors for question in bank.questions):
        return []
    scores = tuple(level.score for level in load_wording(templates).levels)
    if scores == DEFAULT_SCORES:
        return []
    off = [q for q in bank.questions if any(s not in scores for s, _ in q.anchors)]
    said = (
        f"[[levels]]: the look's scale is {_scores_said(scores)}, but the bank has no "
        f"`rubric:` of its own, so its questions' anchors are scores of "
        f"{_scores_said(DEFAULT_SCORES)} and are labelled by the look's scale"
    )
    if off:
        outside = sorted({s for q in off for s, _ in q.anchors if s not in scores})
        said += (
            f"; {len(off)} question{'s' if len(off) != 1 else ''} (first '{off[0].id}') "
            f"{'have' if len(off) != 1 else 'has'} an anchor at "
            f"{' and '.join(map(str, outside))}, which no interviewer can tick"
        )
    said += (
        ": give the bank a `rubric:` with the look's levels (check then reads its anchors "
        f"by it), or keep the look's scores {_scores_said(DEFAULT_SCORES)}"
    )
    path = templates.path("packet/rubric.toml")
    return look.located(path, [look.at(("levels",), look.Advisory(said))])
