"""Bring a panel's packets together: per-candidate scores, flags for discussion, calibration.

Everything here is plain data computed from packets already read and checked; the DOCX and
CSV writers only lay it out.
"""

from __future__ import annotations

import datetime
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from qbank.debrief.filled import FilledPacket, name_key, panel_candidate
from qbank.debrief.words import Words
from qbank.model import Bank, Question, RubricLevel
from qbank.rubric import Said, join_pieces, said_text
from qbank.text import shorten, slug

# interviewers whose scores of one competency lie this many levels apart or more disagree
DISAGREEMENT = 2


@dataclass(frozen=True)
class Rating:
    """One interviewer's record of one question."""

    question: Question
    interviewer: str
    score: int | None  # None when no rating, or more than one, is ticked
    ticked: tuple[int, ...]
    hint_given: bool
    look_for: tuple[str, ...]  # the signals ticked, as the bank words them
    notes: str
    packet: Path
    unread: str = ""  # what its scorecard row says where no box is ticked and it is no score
    differs: str = ""  # what its scorecard row says where its score is not the one ticked


@dataclass(frozen=True)
class Verdict:
    """One interviewer's overall recommendation."""

    interviewer: str
    recommendation: str | None  # the option's words; None when none, or two, are ticked
    ticked: tuple[str, ...]
    evidence: str
    date: str
    packet: Path


@dataclass(frozen=True)
class SectionScore:
    """The panel's score of a section: the sum of its rated questions' means, out of the
    most those questions could score. A question no interviewer rated (or whose only
    rating had two scores ticked) says nothing of the candidate: it is left out of the
    score and of its maximum alike, and marked (it counted 0 against the whole maximum, so
    that the sections, the competencies and the weighted total, means of the ratings
    given, disagreed: two new-user trials)."""

    section: str
    questions: int  # the questions asked, rated or not
    score: float
    maximum: int  # the most the questions rated could score
    unrated: int = 0  # questions no interviewer rated: left out of `score` and `maximum`
    ratings: int = 0  # the ratings `score` rests on
    # questions no rating counts for, as `unrated`, where an interviewer ticked two scores:
    # left out too, but told apart (a coordinator read "1 unrated" as a skip)
    two_ticked: int = 0

    @property
    def rated(self) -> bool:
        """Whether a rating counts for any of its questions: one without shows no score."""
        return self.questions > self.unrated + self.two_ticked

    @property
    def share(self) -> float | None:
        """The share of the maximum of the questions rated; None if none was."""
        return self.score / self.maximum if self.rated and self.maximum else None


@dataclass(frozen=True)
class MemberScore:
    """One interviewer's score on one competency: the mean of their ratings of its
    questions; None when they rated none of the questions they asked of it."""

    interviewer: str
    score: float | None
    ratings: int
    unrated: int  # their questions of it with no score ticked
    two_ticked: tuple[tuple[int, ...], ...] = ()  # the scores ticked together, a question each


@dataclass(frozen=True)
class CompetencyScore:
    """A competency across the panel: each interviewer who asked of it, the panel's mean
    of their scores and the spread between the highest and the lowest."""

    competency: str
    weight: int
    members: tuple[MemberScore, ...]  # in panel order, those who asked a question of it
    # its coverage: the questions the bank ties to it, those of them the panel asked, and
    # those a rating counts for (a mean of one question of four read as the competency's)
    tied: int = 0
    asked: int = 0
    rated: int = 0

    @property
    def scores(self) -> list[float]:
        return [m.score for m in self.members if m.score is not None]

    @property
    def mean(self) -> float | None:
        return statistics.fmean(self.scores) if self.scores else None

    @property
    def spread(self) -> float | None:
        return max(self.scores) - min(self.scores) if len(self.scores) > 1 else None

    @property
    def unrated(self) -> int:
        return sum(m.unrated for m in self.members)

    @property
    def two_ticked(self) -> int:
        return sum(len(m.two_ticked) for m in self.members)


@dataclass(frozen=True)
class Debrief:
    """One candidate's panel."""

    candidate: str
    role: str
    ratings: tuple[Rating, ...]  # by section, then bank order; a question asked twice has two
    verdicts: tuple[Verdict, ...]
    sections: tuple[SectionScore, ...]  # in the bank's order, those asked
    # what needs discussing, each in pieces (Wording.pieces): the look's words, and the
    # names, sections and scorecards' words in them, which the DOCX sets each in its language
    discussion: tuple[Said, ...]
    competencies: tuple[CompetencyScore, ...] = ()  # in the bank's order, those asked
    # the questions reworded since the packets were built, in pieces (the look's words,
    # the ids in them)
    reworded: tuple[Said, ...] = ()
    # what the packets given leave out for this panel (a packet not given, a blank one left
    # out, a question rated twice), each file by its name, in pieces: the debrief's words
    # (packet/debrief.toml gap_*; the command's warnings say it in English), the names in it
    left_out: tuple[Said, ...] = ()

    @property
    def flags(self) -> tuple[str, ...]:
        """What needs discussing, each in one text."""
        return tuple(map(said_text, self.discussion))

    @property
    def gaps(self) -> tuple[str, ...]:
        """What the packets given leave out, each in one text."""
        return tuple(map(said_text, self.left_out))

    @property
    def changed(self) -> tuple[str, ...]:
        """The questions reworded, each in one text."""
        return tuple(map(said_text, self.reworded))

    @property
    def weighted(self) -> float | None:
        """The mean of the competencies' panel means, each by its weight: a score on the
        rating scale; None without competencies (or without a rating)."""
        rated = [(c.weight, c.mean) for c in self.competencies if c.mean is not None]
        if not rated:
            return None
        return sum(w * m for w, m in rated) / sum(w for w, _ in rated)

    @property
    def weighted_left_out(self) -> tuple[str, ...]:
        """The competencies asked that no rating counts for, which `weighted` leaves out
        (a trial's total rested on 3 of 4 competencies, unsaid)."""
        return tuple(c.competency for c in self.competencies if c.mean is None)

    @property
    def rated(self) -> int:
        """The ratings the total rests on."""
        return sum(s.ratings for s in self.sections)

    @property
    def unrated(self) -> int:
        return sum(s.unrated for s in self.sections)

    @property
    def two_ticked(self) -> int:
        return sum(s.two_ticked for s in self.sections)

    @property
    def double_ticks(self) -> tuple[Rating, ...]:
        """The ratings left out for two scores ticked, in the order of the questions."""
        return tuple(r for r in self.ratings if r.score is None and len(r.ticked) > 1)

    @property
    def total(self) -> float:
        """The sum of the sections' scores: of the questions rated."""
        return sum(s.score for s in self.sections)

    @property
    def maximum(self) -> int:
        """The most the questions rated could score: a section without a rating is left
        out of the total (`sections_left_out`)."""
        return sum(s.maximum for s in self.sections)

    @property
    def share(self) -> float | None:
        """The total's share of its maximum; None where no question was rated."""
        return self.total / self.maximum if self.maximum else None

    @property
    def sections_left_out(self) -> tuple[str, ...]:
        """The sections asked that no rating counts for, which the total leaves out."""
        return tuple(s.section for s in self.sections if not s.rated)


@dataclass(frozen=True)
class Calibration:
    interviewer: str
    ratings: int
    candidates: int
    mean: float
    panel_mean: float


def number(value: float, comma: bool = False) -> str:
    """3, 3.5, 3.33: a score without a needless '.0', its halves rounded up as people
    round them (3.125 is 3.13; float formatting rounds it to even, 3.12); `comma`: 3,33."""
    shown = fixed(value).rstrip("0").rstrip(".")
    return shown.replace(".", ",") if comma else shown


# Languages (a bank's `language`, by its primary subtag) that write a decimal comma, 3,58,
# and the regions of them that write a point
DECIMAL_COMMA = frozenset(
    "de fr es it pt nl ru uk pl cs sk sl hr sr bs bg ro hu el tr sv da nb nn no fi is et lv lt "
    "ca gl eu id vi az kk be mk sq".split()
)
DECIMAL_POINT_REGIONS = frozenset({"de-ch", "de-li", "it-ch", "es-mx", "es-us"})


def decimal_comma(language: str) -> bool:
    """Whether a document in `language` (BCP 47: de, de-CH, pt-BR) writes 3,58."""
    tag = language.casefold()
    region = "-".join(tag.split("-")[:1] + [p for p in tag.split("-")[1:] if len(p) == 2][:1])
    return tag.split("-")[0] in DECIMAL_COMMA and region not in DECIMAL_POINT_REGIONS


def fixed(value: float, places: int = 2, sign: bool = False) -> str:
    """`value` to `places` decimals, halves rounded up (away from zero); `sign`: with a
    + before a positive value."""
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{rounded:+.{places}f}" if sign else f"{rounded:.{places}f}"


def percent(share: float, language: str = "") -> str:
    """A share as a whole percent, halves rounded up (0.625 is 63%); in a language that
    sets a space before the sign, with a no-break one ('63 %' in French, German and
    Spanish: a French trial's debrief said 65%)."""
    return fixed(share * 100, 0) + percent_space(language) + "%"


# Languages (by their primary subtag) that set a space between a number and % (CLDR's
# percent formats); French's is the narrow no-break space
SPACED_PERCENT = frozenset("de es sv nb nn no fi da cs sk ru uk bg et lt lv sl hr sr".split())


def percent_space(language: str) -> str:
    primary = language.casefold().split("-")[0]
    return "\u202f" if primary == "fr" else "\u00a0" if primary in SPACED_PERCENT else ""


MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}
_YEAR_FIRST = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_YEAR_LAST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_MONTH = re.compile(_DAY + r"\.? ([^\W\d_]+)\.?,? (\d{4})")
_MONTH_DAY = re.compile(r"([^\W\d_]+)\.? " + _DAY + r",? (\d{4})")
# Languages (by their primary subtag) whose dates are written day first with dots (CLDR's
# short dates: 05.12.2026 is 5 December in German, never 12 May), and Switzerland's
DOTTED_DAY_FIRST = frozenset(
    "de da fi nb nn no is pl cs sk sl hr sr bs ru uk be bg mk ro tr et lv az kk ka hy sq lb "
    "fo rm".split()
)


def _dotted_day_first(language: str) -> bool:
    primary, *rest = language.casefold().split("-")
    return primary in DOTTED_DAY_FIRST or "ch" in rest


def interview_date(typed: str, language: str = "", months: Sequence[str] = ()) -> str:
    """A date an interviewer typed, in one form (2026-12-05) where it can be only one day:
    year first (2026-12-05, 2026/12/5), day and month apart by one of them over 12 or
    both the same (25/12/2026, 12/25/2026, 05/05/2026), with dots in a bank whose
    `language` writes dates so (05.12.2026 in German), or a month's name in English or
    among the look's `months` (5 December 2026, Dec 5, 2026, 5. Dezember 2026). Any
    other, 05/12/2026 among them (5 December or 12 May), stays as typed, as does a day no
    calendar has."""
    text = " ".join(typed.split())
    folded = text.casefold()
    names = MONTHS | {name.casefold(): n for n, name in enumerate(months, start=1)}
    day = month = year = None
    if found := _YEAR_FIRST.fullmatch(folded):
        year, month, day = int(found[1]), int(found[3]), int(found[4])
    elif found := _YEAR_LAST.fullmatch(folded):
        first, second, year = int(found[1]), int(found[3]), int(found[4])
        if first == second or first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            month, day = first, second
        elif found[2] == "." and _dotted_day_first(language):
            day, month = first, second
    elif found := _DAY_MONTH.fullmatch(folded):
        day, month, year = int(found[1]), names.get(found[2]), int(found[3])
    elif found := _MONTH_DAY.fullmatch(folded):
        month, day, year = names.get(found[1]), int(found[2]), int(found[3])
    if day is None or month is None or year is None:
        return text
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return text


# a date in digits inside what was typed: year first, or day and month (either way) first
_DIGITS_DATE = re.compile(
    r"(?<!\d)(?:(\d{4})([-/.])(\d{1,2})\2(\d{1,2})|(\d{1,2})([-/.])(\d{1,2})\6(\d{4}|\d{2}))(?!\d)"
)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_a_date(typed: str, language: str = "", months: Sequence[str] = ()) -> bool:
    """Whether a date an interviewer typed may be a day. It is surely none, and warned of,
    where it holds no digit ('yesterday', 'next Tuesday'), or where a date in it in digits
    (31/02/2026, 2026-02-31, 'Mon 31/02/2026') or with a month's name the debrief knows
    ('31 Feb 2026') is a day no calendar has, read either way where day and month may swap.
    Any other is taken on trust: a weekday or a time with it, a date without its year,
    another language's words ('6 de diciembre de 2026', '2026年12月6日'), a look's own
    form (a review: a check of the forms known warned of those)."""
    if _is_day(interview_date(typed, language, months)):
        return True
    if not any(character.isdigit() for character in typed):
        return False
    text = " ".join(typed.split()).casefold()
    names = MONTHS | {name.casefold(): n for n, name in enumerate(months, start=1)}
    # a month's name known: that date, a weekday or a time beside it ('Mon 31 Feb 2026')
    if (found := _DAY_MONTH.search(text)) and found[2] in names:
        return _is_day(f"{int(found[3]):04}-{names[found[2]]:02}-{int(found[1]):02}")
    if (found := _MONTH_DAY.search(text)) and found[1] in names:
        return _is_day(f"{int(found[3]):04}-{names[found[1]]:02}-{int(found[2]):02}")
    for found in _DIGITS_DATE.finditer(typed):  # the first: a time may follow ('14.30.00')
        if found[1]:
            readings = [(int(found[1]), int(found[3]), int(found[4]))]
        else:
            first, second, year = int(found[5]), int(found[7]), int(found[8])
            year += 2000 if year < 100 else 0
            readings = [(year, second, first), (year, first, second)]
        return any(_is_day(f"{y:04}-{m:02}-{d:02}") for y, m, d in readings)
    return True


def _is_day(text: str) -> bool:
    """Whether `text` is a day in interview_date's one form, 2026-12-05."""
    if not _ISO_DAY.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def interviewer_name(packet: FilledPacket, words: Words) -> str:
    return packet.interviewer or words.say("unnamed_interviewer", number=packet.identity.member)


def group_by_candidate(packets: Sequence[FilledPacket]) -> list[list[FilledPacket]]:
    """Packets of one candidate, in the order the candidates first come: the candidate
    each is debriefed for (validate.settle_candidates: the one it was built for, or the
    name as typed), case and spacing aside."""
    groups: dict[str, list[FilledPacket]] = {}
    for packet in packets:
        groups.setdefault(packet.candidate_key, []).append(packet)
    return list(groups.values())


def summarise(
    panel: Sequence[FilledPacket],
    bank: Bank,
    scale: Sequence[RubricLevel],
    words: Words,
    changed: Sequence[Said] = (),
) -> Debrief:
    say = words.say
    section_order = {s.name: index for index, s in enumerate(bank.sections)}
    order = {q.id: (section_order.get(q.section, 0), i) for i, q in enumerate(bank.questions)}
    by_id = {q.id: q for q in bank.questions}
    ratings = []
    for packet in sorted(panel, key=lambda p: p.identity.member):
        who = interviewer_name(packet, words)
        for qid, answer in packet.answers.items():
            q = by_id[qid]
            seen = tuple(
                q.look_for[n - 1] for n in sorted(set(answer.look_for)) if 0 < n <= len(q.look_for)
            )
            ratings.append(
                Rating(
                    question=q,
                    interviewer=who,
                    score=answer.scores[0] if len(answer.scores) == 1 else None,
                    ticked=tuple(answer.scores),
                    hint_given=answer.hint_given,
                    look_for=seen,
                    notes=answer.notes,
                    packet=packet.path,
                    unread=answer.scorecard_unread,
                    differs=answer.scorecard_differs,
                )
            )
    ratings.sort(key=lambda r: order[r.question.id])
    options = {slug(o): o for o in words.packet.recommendations}
    verdicts = tuple(
        Verdict(
            interviewer=interviewer_name(p, words),
            recommendation=options.get(p.recommendations[0], p.recommendations[0])
            if len(p.recommendations) == 1
            else None,
            ticked=tuple(options.get(r, r) for r in p.recommendations),
            evidence=p.evidence,
            date=p.header.get("interview-date", ""),
            packet=p.path,
        )
        for p in sorted(panel, key=lambda p: p.identity.member)
    )
    top = scale[-1].score
    sections = []
    for section in bank.sections:
        asked: dict[str, list[int]] = {}
        doubled: set[str] = set()  # questions an interviewer ticked two scores of
        for r in ratings:
            if r.question.section == section.name:
                scores = asked.setdefault(r.question.id, [])
                if r.score is not None:
                    scores.append(r.score)
                elif len(r.ticked) > 1:
                    doubled.add(r.question.id)
        if asked:
            score = sum(statistics.fmean(s) for s in asked.values() if s)
            uncounted = [qid for qid, s in asked.items() if not s]
            two = sum(1 for qid in uncounted if qid in doubled)
            given = sum(map(len, asked.values()))
            sections.append(
                SectionScore(
                    section.name,
                    len(asked),
                    score,
                    top * (len(asked) - len(uncounted)),
                    len(uncounted) - two,
                    given,
                    two,
                )
            )
    competencies = competency_scores(bank, ratings, [v.interviewer for v in verdicts])
    return Debrief(
        candidate=panel_candidate(panel) or say("unnamed"),
        role=next((p.role for p in panel if p.role), bank.role or bank.title),
        ratings=tuple(ratings),
        verdicts=verdicts,
        sections=tuple(sections),
        discussion=tuple(
            _flags(
                ratings,
                verdicts,
                sections,
                scale,
                words,
                competencies,
                decimal_comma(bank.language),
                bank.language,
                own_scale=not bank.rubric,
            )
        ),
        competencies=competencies,
        reworded=tuple(changed),
    )


def competency_scores(
    bank: Bank, ratings: Sequence[Rating], interviewers: Sequence[str]
) -> tuple[CompetencyScore, ...]:
    """Per competency the bank lists and the panel asked: each interviewer's score."""
    found = []
    for competency in bank.competencies:
        members = []
        for who in interviewers:
            mine = [
                r
                for r in ratings
                if r.interviewer == who and r.question.competency == competency.name
            ]
            if not mine:
                continue
            scores = [r.score for r in mine if r.score is not None]
            doubled = tuple(r.ticked for r in mine if r.score is None and len(r.ticked) > 1)
            members.append(
                MemberScore(
                    who,
                    statistics.fmean(scores) if scores else None,
                    len(scores),
                    len(mine) - len(scores) - len(doubled),
                    doubled,
                )
            )
        if members:
            theirs = [r for r in ratings if r.question.competency == competency.name]
            found.append(
                CompetencyScore(
                    competency.name,
                    competency.weight,
                    tuple(members),
                    tied=sum(1 for q in bank.questions if q.competency == competency.name),
                    asked=len({r.question.id for r in theirs}),
                    rated=len({r.question.id for r in theirs if r.score is not None}),
                )
            )
    return tuple(found)


def high_levels(scale: Sequence[RubricLevel], top_levels: int) -> Sequence[RubricLevel]:
    """The levels of `scale` a hint given is flagged on: the `top_levels` from its top
    (hint_top_levels), but none at its middle or below, which is no high rating. The top two
    of the built-in 1 to 5 are 4 and 5; of a three-level scale (Missed, Met, Exceeded), the
    top alone: its middle, Met with a hint, was flagged as high."""
    upper_half = len(scale) // 2
    return scale[len(scale) - min(top_levels, upper_half) :]


def _flags(
    ratings: Sequence[Rating],
    verdicts: Sequence[Verdict],
    sections: Sequence[SectionScore],
    scale: Sequence[RubricLevel],
    words: Words,
    competencies: Sequence[CompetencyScore] = (),
    comma: bool = False,
    language: str = "",
    own_scale: bool = True,
) -> list[Said]:
    """What needs discussing, in pieces: the look's words (its labels, options, and its
    scale's, `own_scale`) apart from the names, sections and what was typed in them."""
    say = words.say.pieces
    flags = []
    for c in competencies:
        if c.spread is not None and c.spread >= DISAGREEMENT:
            who = ", ".join(
                f"{m.interviewer} {number(m.score, comma)}"
                for m in c.members
                if m.score is not None
            )
            spread = number(c.spread, comma)
            flags.append(say("flag_competency", competency=c.competency, spread=spread, who=who))
    steps = [o for o in words.packet.recommendations if o not in words.not_a_step]
    placed = [(v, steps.index(v.recommendation)) for v in verdicts if v.recommendation in steps]
    if placed:
        low, high = min(p for _, p in placed), max(p for _, p in placed)
        who = join_pieces(
            [((v.interviewer, False), (f" ({v.recommendation})", True)) for v, _ in placed], ", "
        )
        # the scale's middle is the hiring line (a middle option of an odd scale is on it):
        # a Yes and a No are one step apart, but a split panel, which "agree" misreported
        middle = (len(steps) - 1) / 2
        split = low < middle < high
        if high - low >= 2:
            flags.append(say("flag_recommendations", steps=high - low, who=who))
        elif split and "flag_split" in words.say.labels:
            flags.append(say("flag_split", who=who))
    # a recommendation left empty, or cleared, or two ticked: the committee weighs a panel
    # of one voice fewer, which only the command's warnings said
    for v in verdicts:
        if not v.ticked:
            flags.append(say("flag_no_recommendation", who=v.interviewer))
        elif len(v.ticked) > 1:
            options = ((" + ".join(v.ticked), True),)
            flags.append(say("flag_two_recommendations", who=v.interviewer, options=options))
    # sections compared on the questions rated: a question nobody rated counted 0, and a
    # section read as the candidate's weakest for an interviewer's gap
    shares = [(s, s.share) for s in sections]
    for index, (section, share) in enumerate(shares):
        others = [o for i, (_, o) in enumerate(shares) if i != index and o is not None]
        if share is None or not others:
            continue
        mean = statistics.fmean(others)
        if (mean - share) * 100 >= words.section_gap_points:
            flags.append(
                say(
                    "flag_section",
                    section=section.section,
                    share=percent(share, language),
                    others=percent(mean, language),
                )
            )
    high_scores = {level.score for level in high_levels(scale, words.hint_top_levels)}
    labels = {level.score: ((level.label, own_scale),) for level in scale}
    for r in ratings:
        label = ((words.packet.label(r.question), True),)  # the look's 'Q4'
        if r.hint_given and r.score in high_scores:
            flags.append(
                say(
                    "flag_hint",
                    label=label,
                    score=r.score,
                    level=labels[r.score],
                    who=r.interviewer,
                )
            )
    for r in ratings:
        label = ((words.packet.label(r.question), True),)
        if r.score is None and len(r.ticked) > 1:
            scores = " + ".join(map(str, r.ticked))
            flags.append(say("flag_two_ticked", label=label, who=r.interviewer, scores=scores))
        elif r.score is None and r.unread:  # the panel sees what was written ('3-4')
            written = shorten(r.unread, 40)
            flags.append(say("flag_unread", label=label, who=r.interviewer, written=written))
        elif r.score is None:
            flags.append(say("flag_unanswered", label=label, who=r.interviewer))
        elif r.differs:  # the tick counts; the interviewer's later word was the command's
            # warning alone, the committee reading '4 Excellent' (a hiring manager's trial)
            written = shorten(r.differs, 40)
            flags.append(
                say(
                    "flag_scorecard_differs",
                    label=label,
                    score=r.score,
                    who=r.interviewer,
                    written=written,
                )
            )
    return flags


def calibrate(debriefs: Sequence[Debrief], minimum: int) -> list[Calibration]:
    """Each interviewer who rated two or more candidates with `minimum` ratings or more:
    their mean rating against the mean of every rating of the same candidates."""
    found = []
    names: dict[str, str] = {}
    for debrief in debriefs:
        for r in debrief.ratings:
            names.setdefault(name_key(r.interviewer), r.interviewer)
    for key, name in names.items():
        theirs: list[int] = []
        panel: list[int] = []
        candidates = 0
        for debrief in debriefs:
            mine = [
                r.score
                for r in debrief.ratings
                if name_key(r.interviewer) == key and r.score is not None
            ]
            if mine:
                candidates += 1
                theirs += mine
                panel += [r.score for r in debrief.ratings if r.score is not None]
        if candidates >= 2 and len(theirs) >= minimum:
            found.append(
                Calibration(
                    name, len(theirs), candidates, statistics.fmean(theirs), statistics.fmean(panel)
                )
            )
    return sorted(found, key=lambda c: c.interviewer.casefold())
