"""The packet's look and words, read from templates/packet/ (theme.toml and rubric.toml).

Nothing the reader sees is a constant in the code: fonts, sizes, colours, spacing, the
rating scale, the guide and every label come from these two files. A missing key is an
error that names the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from qbank.errors import QbankError
from qbank.model import RubricLevel
from qbank.paper import PAPER_SIZES
from qbank.paths import read_toml, template
from qbank.units import mm_to_twips, points_to_twips

# The styles the packet uses; the theme gives each its look. Character styles apply to runs.
PARAGRAPH_STYLES = (
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
CHARACTER_STYLES = ("Packet Code", "Packet Box")
# What each table of theme.toml holds: key -> type. A missing or unknown key, or a value
# of the wrong type, is an error naming the file and the key.
NUMBER = (int, float)
FRACTIONS = "fractions"  # a list of numbers between 0 and 1
SCHEMA: dict[str, dict[str, Any]] = {
    "page": {"margin_mm": NUMBER, "footer_mm": NUMBER},
    "fonts": {"body": str, "heading": str, "code": str, "checkbox": str},
    "layout": {
        "notes_lines": int,
        "compact_notes_lines": int,
        "evidence_lines": int,
        "line_mm": NUMBER,
        "field_mm": NUMBER,
        "scorecard_row_mm": NUMBER,
        "interview_minutes": int,
        "introduction_minutes": int,
        "wrap_up_minutes": int,
    },
    "columns": {
        "form": FRACTIONS,
        "rating_hint": NUMBER,
        "plan": FRACTIONS,
        "scale": FRACTIONS,
        "scorecard_columns": FRACTIONS,
        "who_asks": FRACTIONS,
        "balance_section": NUMBER,
        "debrief_form": FRACTIONS,
        "debrief_scores": FRACTIONS,
        "debrief_questions": FRACTIONS,
        "debrief_calibration": FRACTIONS,
        "debrief_comparison": FRACTIONS,
    },
    "fit": {
        "line_height_em": NUMBER,
        "character_width_em": NUMBER,
        "heading_space": NUMBER,
        "measure_font": str,
    },
}
STYLE_KEYS: dict[str, Any] = {
    "font": str,
    "size": NUMBER,
    "bold": bool,
    "italic": bool,
    "caps": bool,
    "color": str,
    "space_before": NUMBER,
    "space_after": NUMBER,
    "line": NUMBER,
    "indent_mm": NUMBER,
    "hanging_mm": NUMBER,
    "keep_with_next": bool,
    "background": str,
    "border_left": str,
}


@dataclass(frozen=True)
class Theme:
    """Page geometry in twips (1/1440 inch, Word's unit), fonts, colours, styles, layout."""

    page_width: int
    page_height: int
    margin: int
    footer_distance: int
    fonts: dict[str, str]
    colors: dict[str, str]  # name -> rrggbb, as WordprocessingML writes colours
    layout: dict[str, int | float]
    columns: dict[str, Any]  # fractions of the text width
    fit: dict[str, Any]  # how packet.fit estimates heights and widths
    styles: dict[str, dict[str, Any]]

    @property
    def text_width(self) -> int:
        return self.page_width - 2 * self.margin

    def twips(self, layout_key: str) -> int:
        """A length of [layout] (in mm) in twips."""
        return mm_to_twips(float(self.layout[layout_key]))

    def integer(self, layout_key: str) -> int:
        return int(self.layout[layout_key])

    def size(self, style: str) -> float:
        """The font size (points) of a style, or of Normal when it gives none."""
        return float(self.styles[style].get("size", self.styles["Normal"]["size"]))

    def fractions(self, columns_key: str) -> list[float]:
        """Column widths of [columns] as fractions of the text width."""
        return [float(f) for f in self.columns[columns_key]]


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


def _table(values: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    table = values.get(key)
    if not isinstance(table, dict):
        raise QbankError(f"{path}: missing the table [{key}]")
    return table


def _require(table: dict[str, Any], keys: tuple[str, ...], where: str, path: Path) -> None:
    missing = [k for k in keys if k not in table]
    if missing:
        raise QbankError(f"{path}: {where} is missing {', '.join(missing)}")


def _check(table: dict[str, Any], schema: dict[str, Any], where: str, path: Path) -> None:
    """Every key of `schema` in `table` with a value of its type, and no other key."""
    unknown = sorted(set(table) - set(schema))
    if unknown:
        known = ", ".join(schema)
        raise QbankError(f"{path}: {where} has an unknown key {unknown[0]} (known: {known})")
    for key, kind in schema.items():
        if key not in table:
            continue
        value = table[key]
        if kind == FRACTIONS:
            good = isinstance(value, list) and all(
                isinstance(f, NUMBER) and not isinstance(f, bool) and 0 < f < 1 for f in value
            )
            wanted = "a list of fractions between 0 and 1"
        elif kind == NUMBER:
            good = isinstance(value, NUMBER) and not isinstance(value, bool)
            wanted = "a number"
        elif kind is int:
            good = isinstance(value, int) and not isinstance(value, bool) and value >= 0
            wanted = "a whole number"
        else:
            good = isinstance(value, kind)
            wanted = {str: "a string", bool: "true or false"}[kind]
        if not good:
            raise QbankError(f"{path}: {where} {key} = {value!r} should be {wanted}")


def load_theme(paper: str = "a4", path: Path | None = None) -> Theme:
    """The theme, on `paper` (a4 or letter: the --paper that the PDFs share)."""
    return _load_theme(paper, path or template("packet/theme.toml"))


@cache
def _load_theme(paper: str, path: Path) -> Theme:
    values = read_toml(path)
    tables = {}
    for name, schema in SCHEMA.items():
        table = _table(values, name, path)
        _require(table, tuple(schema), f"[{name}]", path)
        _check(table, schema, f"[{name}]", path)
        tables[name] = table
    colors = _table(values, "colors", path)
    for name, value in colors.items():
        if not (isinstance(value, str) and len(value.removeprefix("#")) == 6):
            raise QbankError(f"{path}: [colors] {name} = {value!r} should be '#rrggbb'")
    styles = _table(values, "styles", path)
    _require(styles, PARAGRAPH_STYLES + CHARACTER_STYLES, "[styles]", path)
    fonts = tables["fonts"]
    for name, spec in styles.items():
        where = f"[styles.{name}]" if " " not in name else f'[styles."{name}"]'
        if not isinstance(spec, dict):
            raise QbankError(f"{path}: {where} should be a table")
        _check(spec, STYLE_KEYS, where, path)
        font = spec.get("font")
        if font is not None and font not in fonts:
            raise QbankError(f"{path}: {where} font {font!r} is not one of [fonts]")
        for key in ("color", "background", "border_left"):
            if key in spec and spec[key] not in colors:
                raise QbankError(f"{path}: {where} {key} {spec[key]!r} is not one of [colors]")
    if "size" not in styles["Normal"]:
        raise QbankError(f"{path}: [styles.Normal] is missing size")
    width, height = PAPER_SIZES[paper]  # points
    page = tables["page"]
    return Theme(
        page_width=points_to_twips(width),
        page_height=points_to_twips(height),
        margin=mm_to_twips(float(page["margin_mm"])),
        footer_distance=mm_to_twips(float(page["footer_mm"])),
        fonts={k: str(v) for k, v in fonts.items()},
        colors={k: str(v).removeprefix("#") for k, v in colors.items()},
        layout=tables["layout"],
        columns=tables["columns"],
        fit=tables["fit"],
        styles=styles,
    )


def load_wording(path: Path | None = None) -> Wording:
    return _load_wording(path or template("packet/rubric.toml"))


@cache
def _load_wording(path: Path) -> Wording:
    values = read_toml(path)
    levels = values.get("levels")
    if not isinstance(levels, list) or len(levels) < 2:
        raise QbankError(f"{path}: [[levels]] needs at least two rating levels")
    scale = []
    for level in levels:
        _require(level, ("score", "label", "anchor"), "each [[levels]]", path)
        scale.append(RubricLevel(int(level["score"]), str(level["label"]), str(level["anchor"])))
    if any(a.score >= b.score for a, b in zip(scale, scale[1:], strict=False)):
        raise QbankError(f"{path}: [[levels]] scores must rise from one level to the next")
    guide = _table(values, "guide", path)
    _require(guide, ("title", "intro", "steps", "scale_title", "scale_intro"), "[guide]", path)
    recommendation = _table(values, "recommendation", path)
    _require(recommendation, ("title", "options"), "[recommendation]", path)
    labels = _table(values, "labels", path)
    return Wording(
        levels=tuple(scale),
        guide=guide,
        recommendation_title=str(recommendation["title"]),
        recommendations=tuple(str(o) for o in recommendation["options"]),
        labels={k: str(v) for k, v in labels.items()},
        source=str(path),
    )
