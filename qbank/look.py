"""The one reader of the look: every TOML file of templates/, checked key by key.

Each file has a shape here (`SHAPES`): its tables, their keys and the kind of value each
holds. `values(name, templates)` reads the file that gives template `name` in a build's
look (the --templates folder's own, else the built-in one), checks it against its shape and
returns its values, once per build; `check_all(templates)` does so for every file at
once, so that one run reports every problem of every file, each as `FILE: [table] key:
message`. A build calls `check_all` before any exporter runs, so a typo in the look is
the user's clear error, never an "internal error" from deep inside an exporter.

The exporters turn these checked values into their own typed objects (`qbank.pdf.Theme`,
the packet's `Theme` and `Wording`, the debrief's `Words`).
"""

from __future__ import annotations

import math
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qbank.errors import QbankError
from qbank.paths import FONTS, Templates, read_toml
from qbank.text import closest

Problems = list[str]


class LookError(QbankError):
    """Every problem of the look's files, one `FILE: [table] key: message` a line."""

    def __init__(self, problems: Problems) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


# --- the kinds of value ----------------------------------------------------------------


class Kind:
    """What one key holds; `problems` says what is wrong with a value, in plain words."""

    def problems(self, value: Any, where: str) -> Problems:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class Number(Kind):
    """A finite number, at least `low` (sizes, lengths, ratios)."""

    low: float = 0
    high: float = math.inf
    whole: bool = False

    def problems(self, value: Any, where: str) -> Problems:
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if self.whole and not (is_number and float(value).is_integer()):
            return [f"{where}: {_shown(value)} should be a whole number"]
        if not is_number or not math.isfinite(value):
            return [f"{where}: {_shown(value)} should be a number"]
        if not self.low <= value <= self.high:
            span = f"at least {_num(self.low)}"
            if self.high != math.inf:
                span = f"from {_num(self.low)} to {_num(self.high)}"
            return [f"{where}: {_shown(value)} should be {span}"]
        return []


@dataclass(frozen=True)
class Text(Kind):
    """A string; `{placeholders}` in it may only be those named here."""

    placeholders: tuple[str, ...] = ()

    def problems(self, value: Any, where: str) -> Problems:
        if not isinstance(value, str):
            return [f"{where}: {_shown(value)} should be text in quotes"]
        try:
            used = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError:
            return [f"{where}: a lone {{ or }}; write {{{{ or }}}} for a brace itself"]
        unknown = sorted(used - set(self.placeholders))
        if unknown:
            known = ", ".join(f"{{{p}}}" for p in self.placeholders) or "none"
            return [f"{where}: unknown placeholder {{{unknown[0]}}} (this text may use {known})"]
        return []


class Flag(Kind):
    def problems(self, value: Any, where: str) -> Problems:
        return (
            [] if isinstance(value, bool) else [f"{where}: {_shown(value)} should be true or false"]
        )


class Color(Kind):
    def problems(self, value: Any, where: str) -> Problems:
        hex_digits = value.removeprefix("#") if isinstance(value, str) else ""
        if not (
            isinstance(value, str)
            and value.startswith("#")
            and len(hex_digits) == 6
            and all(c in string.hexdigits for c in hex_digits)
        ):
            return [f"{where}: {_shown(value)} should be a colour written '#rrggbb'"]
        return []


class FontFile(Kind):
    """A font file of qbank/fonts/ (the PDFs embed it)."""

    def problems(self, value: Any, where: str) -> Problems:
        if not isinstance(value, str):
            return [f"{where}: {_shown(value)} should be a font file name in quotes"]
        if not (FONTS / value).is_file():
            have = sorted(p.name for p in FONTS.glob("*.ttf"))
            return [f"{where}: no font file {value!r} in qbank/fonts (there are {', '.join(have)})"]
        return []


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind
    shortest: int = 0
    fractions: bool = False  # column widths: each between 0 and 1, together at most 1

    def problems(self, value: Any, where: str) -> Problems:
        if not isinstance(value, list):
            return [f"{where}: {_shown(value)} should be a list [ ... ]"]
        if len(value) < self.shortest:
            return [f"{where}: needs at least {self.shortest} entries"]
        found = [
            p for i, item in enumerate(value) for p in self.item.problems(item, f"{where}[{i + 1}]")
        ]
        if self.fractions and not found and sum(value) > 1.001:
            found.append(f"{where}: the fractions add up to {_num(sum(value))}, more than 1")
        return found


@dataclass(frozen=True)
class Table(Kind):
    """A TOML table with these keys, each required, and no other key."""

    keys: Mapping[str, Kind]
    optional: frozenset[str] = field(default_factory=frozenset)

    def problems(self, value: Any, where: str) -> Problems:
        if not isinstance(value, dict):
            return [f"{where}: should be a table"]
        found: Problems = []
        for key, kind in self.keys.items():
            if key in value:
                found += kind.problems(value[key], _key_where(where, key, kind))
            elif key not in self.optional:
                found.append(f"{_key_where(where, key, kind)}: missing")
        for key in value:
            if key not in self.keys:
                hint = closest(key, self.keys)
                advice = f"; did you mean '{hint}'?" if hint else ""
                found.append(f"{_key_where(where, key, None)}: unknown key{advice}")
        return found


@dataclass(frozen=True)
class MapOf(Kind):
    """A table whose keys the user names (colours, styles), each holding `item`."""

    item: Kind
    required: tuple[str, ...] = ()

    def problems(self, value: Any, where: str) -> Problems:
        if not isinstance(value, dict):
            return [f"{where}: should be a table"]
        found = [
            f"{_key_where(where, k, self.item)}: missing" for k in self.required if k not in value
        ]
        for key, item in value.items():
            found += self.item.problems(item, _key_where(where, key, self.item))
        return found


def _key_where(where: str, key: str, kind: Kind | None) -> str:
    """Where a key stands, as a reader of the file finds it: `[booklet] body_size`, or
    `[styles."Heading 1"]` for a key that is itself a table."""
    shown = f'"{key}"' if not key.isidentifier() else key
    if isinstance(kind, Table | MapOf):
        return f"[{where.strip('[]')}.{shown}]" if where else f"[{shown}]"
    return f"{where} {shown}" if where else shown


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _num(value: float) -> str:
    return f"{value:g}"


def words(spec: str) -> Table:
    """A table of words from lines `key` or `key: placeholder placeholder`."""
    keys: dict[str, Kind] = {}
    for line in spec.strip().splitlines():
        key, _, names = line.partition(":")
        keys[key.strip()] = Text(tuple(names.split()))
    return Table(keys)


NUMBER = Number()
WHOLE = Number(whole=True)
TEXT = Text()
FLAG = Flag()
COLOR = Color()
FRACTIONS = ListOf(Number(low=0.001, high=0.999), shortest=1, fractions=True)
FRACTION = Number(low=0.001, high=0.999)
SIZE = Number(low=0.5, high=200)  # a font size in points


def _numbers(names: str, kind: Kind = NUMBER) -> dict[str, Kind]:
    return {name: kind for name in names.split()}


# --- the shapes of the files ------------------------------------------------------------

PER_CARD = Table({"index": SIZE, "business": SIZE, "a7": SIZE})

THEME = Table(
    {
        "fonts": Table(
            {face: FontFile() for face in "regular bold italic bold_italic code code_bold".split()}
        ),
        "colors": Table(
            {
                **{
                    name: COLOR
                    for name in "text muted accent rule light_rule code_background".split()
                },
                "sections": ListOf(COLOR, shortest=1),
            }
        ),
        "booklet": Table(
            {
                **_numbers(
                    "margin_top_mm margin_bottom_mm margin_left_mm margin_right_mm "
                    "header_from_edge_mm footer_from_edge_mm gutter_mm cover_drop_mm "
                    "section_rule_length_mm line_spacing_mm header_gap_mm "
                    "cover_rule_from_bottom_mm cover_name_from_bottom_mm "
                    "cover_name_line_start_mm cover_count_width_mm contents_page_width_mm "
                    "question_gap part_gap cover_stripe_height cover_row_padding "
                    "contents_row_padding section_rule_width line_width hairline_width "
                    "lines_per_minute"
                ),
                **_numbers(
                    "furniture_size body_size body_leading question_size question_leading "
                    "label_size meta_size meta_leading note_size note_leading "
                    "cover_kicker_size cover_title_size cover_title_leading "
                    "cover_description_size cover_description_leading cover_entry_size "
                    "contents_title_size contents_entry_size section_kicker_size "
                    "section_title_size section_title_leading section_description_size "
                    "section_description_leading",
                    SIZE,
                ),
                **_numbers("lines_base lines_without_minutes lines_max", WHOLE),
                "move_whole_max_blank": Number(high=1),
            }
        ),
        "cards": Table(
            {
                "min_size": SIZE,
                "leading": Number(low=0.5, high=5),
                "question_size": PER_CARD,
                "hint_size": PER_CARD,
                "size_ratio": FRACTION,
                "note_scale": Number(low=0.1, high=2),
                **_numbers(
                    "padding_mm band_height_mm gap_mm line_width crop_mark_offset_mm "
                    "crop_mark_length_mm crop_mark_edge_mm"
                ),
                **_numbers("label_size part_size", SIZE),
                "note_label": TEXT,
                "other_side": TEXT,
                **{name: COLOR for name in "crop_mark cut_line fold_line".split()},
            }
        ),
    }
)

EDITION = Table({"title": TEXT, "noun": TEXT, "blurb": TEXT, "how_to": TEXT})
BOOKLET_WORDS = Table(
    {
        **words(
            """
            contents
            part: number
            in_this: noun
            hint
            note
            look_for
            rated
            rated_intro
            sources
            continued: label
            one_question: n
            questions: n
            minutes: minutes
            about_minutes: minutes
            default_minutes_note: minutes
            page_of: page
            name
            date: day month year
            facts_checked: date
            """
        ).keys,
        "months": ListOf(TEXT, shortest=12),
        "study": EDITION,
        "workshop": EDITION,
    }
)

PACKET_STYLE = Table(
    {
        "font": TEXT,
        "size": SIZE,
        "bold": FLAG,
        "italic": FLAG,
        "caps": FLAG,
        "color": TEXT,
        "space_before": NUMBER,
        "space_after": NUMBER,
        "line": Number(low=0.5, high=5),
        "indent_mm": NUMBER,
        "hanging_mm": NUMBER,
        "keep_with_next": FLAG,
        "background": TEXT,
        "border_left": TEXT,
    },
    optional=frozenset(
        "font size bold italic caps color space_before space_after line indent_mm hanging_mm "
        "keep_with_next background border_left".split()
    ),
)
# The styles the packet uses; the theme gives each its look. Character styles apply to runs.
PACKET_PARAGRAPH_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Packet Meta",
    "Packet Label",
    "Packet Item",
    "Packet Hint",
    "Packet Note",
    "Packet Source",
    "Packet Cell",
    "Packet Cell Head",
    "Packet Block End",
    "Footer",
)
PACKET_CHARACTER_STYLES = ("Packet Code", "Packet Box")

PACKET_THEME = Table(
    {
        "page": Table(_numbers("margin_mm footer_mm")),
        "fonts": Table(_numbers("body heading code checkbox", TEXT)),
        "colors": MapOf(COLOR),
        "layout": Table(
            {
                **_numbers("line_mm field_mm scorecard_row_mm"),
                **_numbers(
                    "notes_lines compact_notes_lines evidence_lines interview_minutes "
                    "introduction_minutes wrap_up_minutes",
                    WHOLE,
                ),
            }
        ),
        "columns": Table(
            {
                **_numbers(
                    "form plan scale scorecard_columns who_asks debrief_form debrief_scores "
                    "debrief_questions debrief_calibration debrief_comparison",
                    FRACTIONS,
                ),
                **_numbers("rating_hint balance_section", FRACTION),
            }
        ),
        "fit": Table(
            {
                **_numbers(
                    "line_height_em character_width_em heading_space", Number(low=0.1, high=5)
                ),
                "measure_font": FontFile(),
            }
        ),
        "styles": MapOf(PACKET_STYLE, required=PACKET_PARAGRAPH_STYLES + PACKET_CHARACTER_STYLES),
    }
)


def _packet_theme_references(values: dict[str, Any], _: Templates) -> Problems:
    """A style's font names one of [fonts], its colours name [colors]; Normal has a size."""
    fonts, colors = values.get("fonts", {}), values.get("colors", {})
    styles = values.get("styles", {})
    found: Problems = []
    if not isinstance(styles, dict):
        return found
    for name, spec in styles.items():
        if not isinstance(spec, dict):
            continue
        where = _key_where("styles", name, PACKET_STYLE)
        if "font" in spec and isinstance(fonts, dict) and spec["font"] not in fonts:
            found.append(f"{where} font: {_shown(spec['font'])} is not one of [fonts]")
        for key in ("color", "background", "border_left"):
            if key in spec and isinstance(colors, dict) and spec[key] not in colors:
                found.append(f"{where} {key}: {_shown(spec[key])} is not one of [colors]")
    normal = styles.get("Normal")
    if isinstance(normal, dict) and "size" not in normal:
        found.append("[styles.Normal] size: missing (every other style falls back to it)")
    return found


RUBRIC = Table(
    {
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
        "labels": words(
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
            panel_note
            section_questions: count
            minutes: minutes
            no_minutes
            follow_ups
            strong_answer
            note
            sources
            look_for
            rating
            hint_given
            anchors
            anchor_between: above below
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
            competency
            coverage_title
            coverage_intro
            coverage_count
            not_covered
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
            balance
            groups_title
            groups_intro
            group_line: group questions
            """
        ),
    }
)


def _rubric_order(values: dict[str, Any], _: Templates) -> Problems:
    levels = values.get("levels")
    if not isinstance(levels, list):
        return []
    scores = [lv.get("score") for lv in levels if isinstance(lv, dict)]
    if all(isinstance(s, int) for s in scores) and any(
        a >= b for a, b in zip(scores, scores[1:], strict=False)
    ):
        return ["[[levels]] score: the scores must rise from one level to the next"]
    return []


DEBRIEF = Table(
    {
        "flags": Table(
            {
                **_numbers("section_gap_points hint_top_levels calibration_ratings", WHOLE),
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
            weighted_total
            weighted_line: score share top
            competencies
            competencies_intro: flag
            competency
            weight
            spread
            disagree: spread
            flag_competency: competency spread who
            changed
            changed_intro
            rests_on: ratings unrated
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
            flag_section: others section share
            flag_hint: label level score who
            flag_unanswered: label who
            recommendations
            recommendations_intro
            recommendation
            evidence
            no_recommendation
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
            """
        ),
    }
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
    return [
        f"[flags] not_a_step: {_shown(o)} is not an option of packet/rubric.toml [recommendation]"
        for o in not_a_step
        if o not in options
    ]


@dataclass(frozen=True)
class Shape:
    kind: Table
    also: Callable[[dict[str, Any], Templates], Problems] | None = None  # across keys, files


SHAPES: dict[str, Shape] = {
    "theme.toml": Shape(THEME),
    "booklet/words.toml": Shape(BOOKLET_WORDS),
    "packet/theme.toml": Shape(PACKET_THEME, _packet_theme_references),
    "packet/rubric.toml": Shape(RUBRIC, _rubric_order),
    "packet/debrief.toml": Shape(DEBRIEF, _debrief_steps),
}


# --- reading -----------------------------------------------------------------------------


def values(name: str, templates: Templates) -> dict[str, Any]:
    """The checked values of template file `name` (a key of SHAPES) in the build whose look
    is `templates`, read once per build."""
    path = templates.path(name)
    return templates.remember(("look", name), lambda: checked(path, name, templates))


def check_all(templates: Templates) -> None:
    """Read and check every file of the look; raise one LookError naming every problem."""
    problems: Problems = []
    for name in SHAPES:
        try:
            values(name, templates)
        except LookError as exc:
            problems += exc.problems
        except QbankError as exc:  # unreadable, or not TOML
            problems.append(str(exc))
    if problems:
        raise LookError(problems)


def checked(path: Path, name: str, templates: Templates) -> dict[str, Any]:
    """The values of the file at `path`, checked against the shape of template `name` (and
    against the other files of `templates` that it refers to)."""
    shape = SHAPES[name]
    found = read_toml(path)
    problems = shape.kind.problems(found, "")
    if not problems and shape.also:
        problems = shape.also(found, templates)
    if problems:
        raise LookError([f"{path}: {p}" for p in problems])
    return found
