"""The look of a Word document, read from templates/packet/theme.toml: page, fonts, styles.

Nothing the reader sees is a constant in the code: fonts, sizes, colours and spacing come
from the theme, which the packet and the debrief share. A missing key is an error that
names the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qbank import look
from qbank.look import (
    COLOR,
    FLAG,
    FRACTION,
    FRACTIONS,
    NUMBER,
    SIZE,
    TEXT_OR_BLANK,
    WHOLE,
    FontFile,
    MapOf,
    Number,
    Problems,
    Table,
    key_where,
    numbers,
    shown,
)
from qbank.paper import A4, Paper
from qbank.paths import Templates
from qbank.text import shows_nothing
from qbank.units import mm_to_twips, points_to_twips

# A style's reference to one of [fonts] or [colors]: a name, not words (a blank one is
# told as none of them, by _references)
NAME = TEXT_OR_BLANK


class FontName(look.Text):
    """The name of a font that Word or LibreOffice finds on the reader's machine; a blank
    one names none (the packet said w:ascii="", and its text took the reader's default)."""

    def problems(self, value: Any, where: str) -> Problems:
        if isinstance(value, str) and shows_nothing(value):
            return [f'{where}: names no font; write a font\'s name, as "Calibri"']
        return super().problems(value, where)


# The keys of templates/packet/theme.toml, which this module reads.
STYLE_KEYS = Table(
    {
        "font": NAME,
        "size": SIZE,
        "bold": FLAG,
        "italic": FLAG,
        "caps": FLAG,
        "color": NAME,
        "space_before": NUMBER,
        "space_after": NUMBER,
        "line": Number(low=0.5, high=5),
        "indent_mm": NUMBER,
        "hanging_mm": NUMBER,
        "keep_with_next": FLAG,
        "background": NAME,
        "border_left": NAME,
    },
    optional=frozenset(
        "font size bold italic caps color space_before space_after line indent_mm hanging_mm "
        "keep_with_next background border_left".split()
    ),
)
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
# styles a look's file from before they were added may lack (load_theme gives the built-in)
LATER_STYLES = ("Packet Source", "Packet Block End")

# the lengths a look's file from before they were added may lack, by table: the built-in
# look's stand in (a look from qbank's first days was refused whole: an upgrade trial)
# and the whole [columns] and [fit] of the packet's first days' file (596f97c, 26 Nov)
COLUMNS = (
    "form plan scale scorecard_columns who_asks debrief_form debrief_scores "
    "debrief_questions debrief_calibration debrief_comparison"
).split()
FIT = ("line_height_em", "heading_space", "measure_font", "measure_bold_font", "measure_code_font")
LATER_KEYS = {
    "layout": ("interview_minutes", "scorecard_row_mm", "introduction_minutes", "wrap_up_minutes"),
    "columns": (*COLUMNS, "rating_hint", "balance_section"),
    "fit": FIT,
}
# the colours the packets and the debrief draw in by these names, besides those its styles
# name: a look without one stopped the packet with an internal error (a designer's trial)
DRAWN_COLORS = "text muted accent rule writing_line shade section_shade hint_background".split()
THEME_KEYS = Table(
    {
        # lengths that leave the page room for the packet at every value they may take
        "page": Table({"margin_mm": Number(high=40), "footer_mm": Number(high=30)}),
        "fonts": Table(numbers("body heading code checkbox", FontName())),
        "colors": MapOf(COLOR, required=DRAWN_COLORS),
        "layout": Table(
            {
                "line_mm": Number(high=20),
                "field_mm": Number(high=40),
                "scorecard_row_mm": Number(high=20),
                **numbers(
                    "notes_lines compact_notes_lines evidence_lines interview_minutes "
                    "introduction_minutes wrap_up_minutes",
                    WHOLE,
                ),
            },
            optional=frozenset(LATER_KEYS["layout"]),
            retired={  # a look from qbank's first days holds them (an upgrade trial)
                "default_minutes": "a question without minutes counts 5 in every artifact; "
                "give it its own with minutes: in the bank",
                "scorecard_question_chars": "the scorecard shortens a question to what fits "
                "its column, measured in the packet's font",
            },
        ),
        "columns": Table(
            {
                **numbers(" ".join(COLUMNS), FRACTIONS),
                **numbers("rating_hint balance_section", FRACTION),
            },
            optional=frozenset(LATER_KEYS["columns"]),
            retired={
                "plan_panel": "each interviewer's plan lists their own questions, "
                "with the plan's columns",
                "debrief_candidate": "the comparison's candidate column is the first "
                "width of debrief_comparison",
            },
        ),
        "fit": Table(
            {
                **numbers("line_height_em heading_space", Number(low=0.1, high=5)),
                "measure_font": FontFile(),
                "measure_bold_font": FontFile(),
                "measure_code_font": FontFile(),
            },
            optional=frozenset(LATER_KEYS["fit"]),
            retired={
                "character_width_em": "texts are measured word by word in measure_font, "
                "measure_bold_font and measure_code_font"
            },
        ),
        "styles": MapOf(
            STYLE_KEYS,
            required=tuple(s for s in PARAGRAPH_STYLES + CHARACTER_STYLES if s not in LATER_STYLES),
        ),
    },
    optional=frozenset({"columns", "fit"}),  # the first days' file had neither
)


def _references(values: dict[str, Any], _: Templates) -> Problems:
    """A style's font names one of [fonts], its colours name [colors]; Normal has a size."""
    fonts, colors = values.get("fonts", {}), values.get("colors", {})
    styles = values.get("styles", {})
    found: Problems = []
    if not isinstance(styles, dict):
        return found
    for name, spec in styles.items():
        if not isinstance(spec, dict):
            continue
        where = key_where("styles", name, STYLE_KEYS)
        if "font" in spec and isinstance(fonts, dict) and spec["font"] not in fonts:
            said = f"{where} font: {shown(spec['font'])} is not one of [fonts]"
            found.append(look.at(("styles", name, "font"), said))
        for key in ("color", "background", "border_left"):
            if key in spec and isinstance(colors, dict) and spec[key] not in colors:
                said = f"{where} {key}: {shown(spec[key])} is not one of [colors]"
                found.append(look.at(("styles", name, key), said))
    normal = styles.get("Normal")
    if isinstance(normal, dict) and "size" not in normal:
        said = "[styles.Normal] size: missing (every other style falls back to it)"
        found.append(look.at(("styles", "Normal", "size"), said))
    return found


def _inks(values: dict[str, Any]) -> list[look.Ink]:
    """The text each style is drawn in (its colour, else Normal's) on its background, or
    on white; and the text of table cells, in Normal's colour and in `muted` (a rating's
    label, a subtotal's 'out of'), on the `shade` and `section_shade` of their heads."""
    styles, colors = values.get("styles", {}), values.get("colors", {})
    normal = styles.get("Normal", {})
    inks = []
    for name, spec in styles.items():
        color = spec.get("color", normal.get("color"))
        if color is None:
            continue  # Word's black
        size, bold = float(spec.get("size", normal["size"])), bool(spec.get("bold"))
        what = key_where("styles", name, STYLE_KEYS) + f", {size:g} pt" + (" bold" if bold else "")
        ground = ("colors", spec["background"]) if "background" in spec else None
        inks.append(look.Ink(("colors", color), what, ground, size, bold))
    cell = styles.get("Packet Cell", normal)
    for shade in ("shade", "section_shade"):
        for color, what in ((normal.get("color"), "cells' text"), ("muted", "cells' notes")):
            if shade in colors and color is not None:
                size = float(cell.get("size", normal["size"]))
                inks.append(look.Ink(("colors", color), what, ("colors", shade), size))
    return inks


def _checks(values: dict[str, Any], templates: Templates) -> Problems:
    """The styles' references, and then whether their text can be read."""
    return _references(values, templates) or look.contrast_warnings(values, _inks(values))


look.declare("packet/theme.toml", THEME_KEYS, _checks)


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
    fit: dict[str, Any]  # how wordml.fit estimates heights and widths
    styles: dict[str, dict[str, Any]]
    paper: Paper = A4  # for messages

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


def load_theme(paper: Paper = A4, templates: Templates | None = None) -> Theme:
    """The theme of a build's look (`templates`; the built-in look when none is given), on
    `paper` (the --paper that the PDFs share)."""
    values = look.values("packet/theme.toml", templates or Templates())
    page, fonts, colors = values["page"], values["fonts"], values["colors"]
    return Theme(
        page_width=points_to_twips(paper.width),
        page_height=points_to_twips(paper.height),
        margin=mm_to_twips(float(page["margin_mm"])),
        footer_distance=mm_to_twips(float(page["footer_mm"])),
        fonts={k: str(v) for k, v in fonts.items()},
        colors={k: str(v).removeprefix("#") for k, v in colors.items()},
        layout=look.with_later(
            "packet/theme.toml", values["layout"], LATER_KEYS["layout"], "layout"
        ),
        columns=look.with_later(
            "packet/theme.toml", values.get("columns", {}), LATER_KEYS["columns"], "columns"
        ),
        fit=look.with_later("packet/theme.toml", values.get("fit", {}), FIT, "fit"),
        styles=_with_later_styles(values["styles"]),
        paper=paper,
    )


def _with_later_styles(styles: dict[str, Any]) -> dict[str, Any]:
    """The look's styles, and the built-in look's for a style it was copied before (the
    Packet Code Block of Markdown banks): a look two days old stopped the DOCX packet with
    an internal error (a brand trial)."""
    built_in = look.values("packet/theme.toml", Templates())["styles"]
    return {**{n: s for n, s in built_in.items() if n not in styles}, **styles}
