"""The packet's look and words, read from templates/packet/ (theme.toml and rubric.toml).

Nothing the reader sees is a constant in the code: fonts, sizes, colours, spacing, the
rating scale, the guide and every label come from these two files. A missing key is an
error that names the file and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from qbank.errors import QbankError
from qbank.model import RubricLevel
from qbank.paths import TEMPLATES

PACKET_TEMPLATES = TEMPLATES / "packet"
TWIPS_PER_MM = 1440 / 25.4
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}

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
    "Packet Cell",
    "Packet Cell Head",
    "Packet Block End",
    "Footer",
)
CHARACTER_STYLES = ("Packet Code", "Packet Box")
LAYOUT_KEYS = (
    "notes_lines",
    "compact_notes_lines",
    "evidence_lines",
    "line_mm",
    "field_mm",
    "scorecard_question_chars",
    "default_minutes",
)


def mm_to_twips(value: float) -> int:
    return round(value * TWIPS_PER_MM)


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
    styles: dict[str, dict[str, Any]]

    @property
    def text_width(self) -> int:
        return self.page_width - 2 * self.margin

    def twips(self, layout_key: str) -> int:
        """A length of [layout] (in mm) in twips."""
        return mm_to_twips(float(self.layout[layout_key]))

    def integer(self, layout_key: str) -> int:
        return int(self.layout[layout_key])


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


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise QbankError(f"{path}: cannot read the packet template: {exc}") from None


def _table(values: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    table = values.get(key)
    if not isinstance(table, dict):
        raise QbankError(f"{path}: missing the table [{key}]")
    return table


def _require(table: dict[str, Any], keys: tuple[str, ...], where: str, path: Path) -> None:
    missing = [k for k in keys if k not in table]
    if missing:
        raise QbankError(f"{path}: {where} is missing {', '.join(missing)}")


@cache
def load_theme(paper: str = "a4", path: Path = PACKET_TEMPLATES / "theme.toml") -> Theme:
    """The theme, on `paper` (a4 or letter: the --paper that the PDFs share)."""
    values = _read(path)
    page = _table(values, "page", path)
    _require(page, ("margin_mm", "footer_mm"), "[page]", path)
    fonts = _table(values, "fonts", path)
    _require(fonts, ("body", "heading", "code", "checkbox"), "[fonts]", path)
    colors = _table(values, "colors", path)
    layout = _table(values, "layout", path)
    _require(layout, LAYOUT_KEYS, "[layout]", path)
    styles = _table(values, "styles", path)
    _require(styles, PARAGRAPH_STYLES + CHARACTER_STYLES, "[styles]", path)
    for name, spec in styles.items():
        font = spec.get("font")
        if font is not None and font not in fonts:
            raise QbankError(f"{path}: [styles.{name}] font {font!r} is not one of [fonts]")
        for key in ("color", "background", "border_left"):
            if key in spec and spec[key] not in colors:
                raise QbankError(f"{path}: [styles.{name}] {key} {spec[key]!r} is not a colour")
    width, height = PAPER_MM[paper]
    return Theme(
        page_width=mm_to_twips(width),
        page_height=mm_to_twips(height),
        margin=mm_to_twips(float(page["margin_mm"])),
        footer_distance=mm_to_twips(float(page["footer_mm"])),
        fonts={k: str(v) for k, v in fonts.items()},
        colors={k: str(v).removeprefix("#") for k, v in colors.items()},
        layout=layout,
        styles=styles,
    )


@cache
def load_wording(path: Path = PACKET_TEMPLATES / "rubric.toml") -> Wording:
    values = _read(path)
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
