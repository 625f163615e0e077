"""The debrief as CSV: one row per candidate, question and interviewer.

UTF-8 with a byte order mark, so that Excel shows accented names right. A cell that a
spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return)
or read as an error value (#N/A) gets a leading apostrophe, as OWASP advises against CSV
injection; every other cell is the text as typed.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from operator import attrgetter
from pathlib import Path

from qbank.debrief.summarise import DISAGREEMENT, Debrief, number
from qbank.model import Question
from qbank.text import formula_guarded, one_line
from qbank.untrusted import shown

COLUMNS = (
    "candidate",
    "section",
    "question",
    "question_id",
    "question_text",
    "interviewer",
    "rating",
    "hint_given",
    "look_for_seen",
    "look_for_total",
    "look_for",
    "notes",
    "recommendation",
    "packet",
    # the bank's competencies: the question's, and the candidate's panel on it
    "competency",
    "competency_weight",
    "competency_interviewer_score",
    "competency_panel_mean",
    "competency_spread",
    "competency_disagreement",
    "weighted_total",
    # the interviewer's key evidence for their recommendation, as typed (last: a sheet or an
    # applicant tracking system that reads the columns by their place keeps its columns)
    "key_evidence",
    # what a question's scorecard says where no box is ticked and it is no score ('3-4'), as
    # typed, which the debrief's discussion quotes: the sheet said 'unrated' alone (last, as
    # key_evidence is, for the same reason)
    "scorecard_unread",
    # what a question's scorecard says where its score is another than the one box ticked
    # ('3 (was 4)' beside a tick of 4), as typed: the rating is the tick, which counts, and
    # the debrief's discussion quotes the scorecard; the sheet said the tick alone (a hiring
    # manager's trial). A column apart: scorecard_unread stays what an unrated row's says
    "scorecard_differs",
    # the competencies weighted_total rests on, '3 of 4 competencies (not rated: design)':
    # one no interviewer rated is left out of it, which the sheet did not say (a hiring
    # manager's trial)
    "weighted_total_rests_on",
    # what the DOCX says of a rating not given and of the sections' coverage, which a sheet
    # pivoted on `rating` could not tell: the score that counts,
    # a number or empty (`rating` says 'unrated' and '2 + 3', text a pivot's SUM and AVERAGE
    # skip, or count); why none counts; the questions of the row's section asked and rated;
    # and the sections the total rests on, as the debrief's 'Total (on 2 of 3 sections)'
    "score",
    "not_rated_because",
    "section_questions_asked",
    "section_questions_rated",
    "total_rests_on",
)
# the rating of a question with no score ticked: a word, never a silent 0, and one that a
# spreadsheet's AVERAGE skips; two ticked are both said ('2 + 3', as the recommendation's
# two are), which AVERAGE skips too (a trial's sheet said 'unrated', as for a question
# skipped, where the interviewer had ticked 2 and 3)
UNRATED = "unrated"


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return formula_guarded(text)


# two or three numbers with dashes between, which Excel reads as a date ('3-4', 4 March)
# where LibreOffice keeps the text; a slash's and a dot's ('3/4', '1.2.26') Calc reads too,
# which text.formula_guarded's `numbers` says (its rule is Calc's, measured, that a bank's
# sheet goes back and forth through; this sheet is read once, by whichever spreadsheet)
_READ_AS_A_DATE = re.compile(r"\d{1,4}\s*-\s*\d{1,4}(?:\s*-\s*\d{1,4})?")


def _scorecard_cell(text: str) -> str:
    """What a scorecard says that is no score, guarded with an apostrophe against a
    spreadsheet's reading it as a number or a date ('8/10' was 10 August, '3-4' 4 March in
    Excel), as a bank's sheet guards its texts."""
    guarded = formula_guarded(text, numbers=True)
    if guarded == text and _READ_AS_A_DATE.fullmatch(text.strip()):
        return "'" + text
    return guarded


def _rests_on(debrief: Debrief, say: Callable[..., str]) -> str:
    """The competencies the weighted total rests on, those left out named, in the look's
    words: '3 of 4 competencies (not rated: design)'."""
    if not debrief.competencies:
        return ""
    left_out = debrief.weighted_left_out
    count = len(debrief.competencies)
    said = say("sheet_competencies", rated=count - len(left_out), count=count)
    return say("sheet_left_out", rests_on=said, names="; ".join(left_out)) if left_out else said


def _sections_rest_on(debrief: Debrief, say: Callable[..., str]) -> str:
    """The sections the total rests on, '2 of 3 sections (not rated: Design)', as
    `_rests_on` says the competencies: a section none of whose questions has a rating that
    counts is left out of the total."""
    left_out = debrief.sections_left_out
    count = len(debrief.sections)
    said = say("sheet_sections", rated=count - len(left_out), count=count)
    return say("sheet_left_out", rests_on=said, names="; ".join(left_out)) if left_out else said


def _built_in_words() -> Callable[..., str]:
    from qbank.debrief.words import load_words

    return load_words().say


def rows(
    debriefs: Sequence[Debrief],
    words: Callable[[str], str] = str,
    label: Callable[[Question], str] = attrgetter("label"),
    say: Callable[..., str] | None = None,
) -> list[list[str]]:
    """The rows; `words` gives a bank text as a cell shows it (a Markdown bank's without
    its markup: an applicant tracking system shows `**` and code fences as typed), the
    question's on one line (`one_line`), `label`
    a question's label as the debrief prints it (the look's, 'P2': the sheet said 'Q2'
    beside the debrief's 'P2'), `say` the debrief's look's words (the built-in ones when
    None): why a rating does not count and what the totals rest on ('no score ticked' and
    '2 of 2 sections' stood in a German debrief's sheet: a new-user trial)."""
    say = say or _built_in_words()
    out = []
    for d in debriefs:
        verdicts = {v.packet: v for v in d.verdicts}
        by_name = {c.competency: c for c in d.competencies}
        weighted = "" if d.weighted is None else number(d.weighted)
        rests_on = _rests_on(d, say)
        sections = {s.section: s for s in d.sections}
        total_rests_on = _sections_rest_on(d, say)
        for r in d.ratings:
            q = r.question
            verdict = verdicts[r.packet]
            recommendation = verdict.recommendation or " + ".join(verdict.ticked)
            c = by_name.get(q.competency or "")
            mine = (
                next((m for m in c.members if m.interviewer == r.interviewer), None) if c else None
            )
            competency = (
                (
                    c.competency,
                    c.weight,
                    "" if mine is None or mine.score is None else number(mine.score),
                    "" if c.mean is None else number(c.mean),
                    "" if c.spread is None else number(c.spread),
                    "yes" if c.spread is not None and c.spread >= DISAGREEMENT else "no",
                    weighted,
                )
                if c
                else ("",) * 7
            )
            values = (
                d.candidate,
                q.section,
                label(q),
                q.id,
                one_line(words(q.question)),
                r.interviewer,
                r.score if r.score is not None else " + ".join(map(str, r.ticked)) or UNRATED,
                "yes" if r.hint_given else "no",
                len(r.look_for),
                len(q.look_for),
                "; ".join(map(words, r.look_for)),
                r.notes,
                recommendation,
                shown(r.packet),  # a name that is not UTF-8 as `ls` shows it
                *competency,
                verdict.evidence,
            )
            unread = _scorecard_cell(r.unread) if r.score is None else ""
            differs = _scorecard_cell(r.differs) if r.score is not None else ""
            section = sections[q.section]
            coverage = (
                "" if r.score is None else r.score,
                ""
                if r.score is not None
                else say("sheet_scores_ticked", count=len(r.ticked))
                if r.ticked
                else say("sheet_no_score"),
                section.questions,
                section.questions - section.unrated - section.two_ticked,
                total_rests_on,
            )
            rest = (_cell(rests_on if c else ""), *map(_cell, coverage))
            out.append([*map(_cell, values), unread, differs, *rest])
    return out


def write_csv(
    path: Path,
    debriefs: Sequence[Debrief],
    words: Callable[[str], str] = str,
    label: Callable[[Question], str] = attrgetter("label"),
    say: Callable[..., str] | None = None,
) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as target:
        writer = csv.writer(target)
        writer.writerow(COLUMNS)
        writer.writerows(rows(debriefs, words, label, say))
    return path
