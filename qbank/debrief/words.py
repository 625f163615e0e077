"""The debrief's words and thresholds (templates/packet/debrief.toml), beside the packet's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qbank import look
from qbank.look import TEXT, WHOLE, ListOf, Problems, Table, numbers, shown, words
from qbank.paths import Templates, read_toml
from qbank.rubric import Wording, load_wording
from qbank.text import primary

LOOK_FILE = "packet/debrief.toml"

# The keys of templates/packet/debrief.toml, which this module reads.
# the labels a look's file from before they were added may lack: the built-in look's stand
# in (a look copied in qbank's first days refused every debrief: an upgrade trial)
LATER_LABELS = (
    *"unrated_mark weighted_total weighted_line competencies competencies_intro".split(),
    *"competency weight spread disagree flag_competency changed changed_intro".split(),
    "rests_on",
    # a look from before qbank told two ticks apart: its 'unrated' and 'no rating from'
    # said a question whose interviewer ticked two scores was skipped
    *"two_ticked_mark two_ticked_note flag_two_ticked".split(),
    # a look from before the discussion named an interviewer who gave no recommendation,
    # or two
    *"flag_no_recommendation flag_two_recommendations".split(),
    # a look from before the discussion quoted a scorecard's unread score ('3-4')
    "flag_unread",
    # a look from before the discussion quoted a scorecard whose score is not the one ticked
    "flag_scorecard_differs",
    # a look from before the weighted total said the competencies it rests on
    "weighted_rests_on",
    # a look from before a question nobody rated was left out of its section's score and
    # maximum (it counted 0), and a section without a rating out of the total
    *"section_not_rated total_rests_on".split(),
    # a look from before the competency table said each one's questions asked and rated
    "coverage",
    # a look from before the lines under 'Changed since the packets were built' were its
    # words (they were qbank's English)
    *"changed_look_for changed_guide changed_both".split(),
    # a look from before what the packets leave out was its words (it was qbank's English)
    *"gap_blank gap_missing gap_missing_one gap_builds gap_elsewhere".split(),
    *"gap_interviewer_twice gap_rated_twice gap_unnamed gap_list gap_more".split(),
    # a look from before the debrief sheet's values were its words (they were qbank's
    # English in a German debrief's CSV: a new-user trial)
    *"sheet_no_score sheet_scores_ticked sheet_sections sheet_competencies".split(),
    "sheet_left_out",
)
DEBRIEF = Table(
    {
        # the language of the debrief's words, where it is not packet/rubric.toml's (a
        # debrief translated alone, the packet's words left English)
        "language": look.LANGUAGE_TAG,
        "flags": Table(
            {
                **numbers("section_gap_points hint_top_levels calibration_ratings", WHOLE),
                "not_a_step": ListOf(TEXT),
            }
        ),
        "labels": words(
            """
            subtitle
            comparison_subtitle: count
            candidate
            role
            interviewers
            dates
            unnamed
            unnamed_interviewer: number
            scores
            scores_intro
            unrated_mark: count
            unrated_mark_one: count
            two_ticked_mark: count
            both_marks: unrated count
            two_ticked_note: ratings
            section_not_rated
            total_rests_on: rated count
            weighted_total
            weighted_line: score share top
            weighted_rests_on: rated count
            sheet_no_score
            sheet_scores_ticked: count
            sheet_sections: rated count
            sheet_competencies: rated count
            sheet_left_out: rests_on names
            competencies
            competencies_intro: flag
            competency
            coverage: asked rated count
            weight
            spread
            disagree: spread
            flag_competency: competency spread who
            changed
            changed_intro
            changed_look_for: label id
            changed_guide: label id
            changed_both: label id
            rests_on: ratings unrated
            rests_on_one: ratings unrated
            rests_on_two_ticked: ratings unrated count
            section
            questions
            score
            maximum
            share
            total
            discussion
            discussion_intro
            nothing_flagged
            flag_recommendations: steps who
            flag_split: who
            flag_no_recommendation: who
            flag_two_recommendations: who options
            flag_section: others section share
            flag_hint: label level score who
            flag_unanswered: label who
            flag_unread: label who written
            flag_scorecard_differs: label score who written
            flag_two_ticked: label who scores
            recommendations
            recommendations_intro
            recommendation
            evidence
            no_recommendation
            verdict: interviewer recommendation
            two_recommendations: options
            questions_title
            questions_intro
            question
            asked_by
            rating
            hint
            hint_given
            look_for
            not_rated
            two_ratings: scores
            notes
            notes_intro
            no_notes
            comparison
            comparison_intro
            gap_blank: file
            gap_missing: file candidate size members
            gap_missing_one: file candidate size members
            gap_builds: file candidate count files
            gap_elsewhere: file member size candidate written
            gap_interviewer_twice: file interviewer other field
            gap_rated_twice: file label other
            gap_unnamed
            gap_list: items last
            gap_more: count
            comparison_gaps
            calibration
            calibration_intro: minimum
            interviewer
            ratings
            candidates
            their_mean
            panel_mean
            difference
            no_calibration: minimum
            footer: title
            candidate_footer: title candidate
            """,
            # an overlay from before them lacks flag_split, verdict, the comparison's "Ada:
            # Yes" (French writes "Ada : Oui"), and the forms for one of rests_on and
            # unrated_mark
            later=LATER_LABELS,
            optional=[
                "flag_split",
                "verdict",
                "rests_on_one",
                "rests_on_two_ticked",
                "both_marks",
                "unrated_mark_one",
                "candidate_footer",
                "comparison_gaps",
            ],
        ),
    },
    optional=frozenset({"language"}),
)


def _debrief_steps(values: dict[str, Any], templates: Templates) -> Problems:
    """[flags] not_a_step names options of the packet's [recommendation]."""
    flags = values.get("flags")
    not_a_step = flags.get("not_a_step") if isinstance(flags, dict) else None
    if not isinstance(not_a_step, list):
        return []
    rubric = read_toml(templates.path("packet/rubric.toml"))
    recommendation = rubric.get("recommendation") if isinstance(rubric, dict) else None
    options = recommendation.get("options") if isinstance(recommendation, dict) else None
    if not isinstance(options, list):
        return []
    named = ", ".join(shown(option) for option in options)
    return [
        look.at(
            ("flags", "not_a_step"),
            f"[flags] not_a_step: {shown(o)} is not an option of packet/rubric.toml "
            f"[recommendation]; its options are {named}: name those that are no step of "
            "the scale (a translated 'No decision'), or write not_a_step = []",
        )
        for o in not_a_step
        if o not in options
    ]


look.declare(LOOK_FILE, DEBRIEF, _debrief_steps)


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
    labels = look.with_later("packet/debrief.toml", values["labels"], LATER_LABELS, "labels")
    if "flag_unread" not in values["labels"]:  # the look's own words, not English in a
        # German discussion (a review): the scorecard's words are then left unquoted
        labels = {**labels, "flag_unread": labels["flag_unanswered"]}
    say = Wording(
        levels=packet.levels,
        guide={},
        recommendation_title=packet.recommendation_title,
        recommendations=packet.recommendations,
        labels=labels,
        source=str(templates.path("packet/debrief.toml")),
        language=values.get("language") or packet.language,
    )
    numbers = {
        k: flags[k] for k in ("section_gap_points", "hint_top_levels", "calibration_ratings")
    }
    return Words(packet=packet, say=say, not_a_step=tuple(flags["not_a_step"]), **numbers)


def language_left(templates: Templates, bank_language: str) -> str | None:
    """The line for a look whose packet/debrief.toml was translated while the language its
    words are tagged with is still English: its own `language`, else packet/rubric.toml's,
    else the bank's (a German look's 'Zur Diskussion' was spell-checked as English, unsaid:
    a review). Translated: at least half of its labels are not the built-in's; a heading
    or two reworded in English is no translation."""
    own = templates.overlay / LOOK_FILE if templates.overlay is not None else None
    if own is None or not own.is_file():
        return None
    values, built_in = look.values(LOOK_FILE, templates), look.values(LOOK_FILE, Templates())
    language = values.get("language") or load_wording(templates).language or bank_language
    if primary(language or "en") != "en":
        return None
    english = built_in["labels"]
    shared = [key for key in values["labels"] if key in english]
    changed = [key for key in shared if values["labels"][key] != english[key]]
    if not shared or 2 * len(changed) < len(shared):
        return None
    whose = "this file's" if "language" in values else "packet/rubric.toml's"
    return (
        f"qbank: {own}: its words are not the built-in English ones, but their language is "
        f'"{language or "en"}" ({whose}), which Word and LibreOffice spell-check and hyphenate '
        "them by; write the tag of the language they are in at the top of this file, as in "
        + (
            f'language = "{bank_language}"'
            if primary(bank_language or "en") != "en"
            else 'language = "de" (German) or "fr" (French)'
        )
    )
