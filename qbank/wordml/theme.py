"""The look of a Word document, read from templates/packet/theme.toml: page, fonts, styles.

Nothing the reader sees is a constant in the code: fonts, sizes, colours and spacing come
from the theme, which the packet and the debrief share. A missing key is an error that
names the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qbank import look
from qbank.paper import A4, Paper
from qbank.paths import Templates
from qbank.units import mm_to_twips, points_to_twips

PARAGRAPH_STYLES = look.PACKET_PARAGRAPH_STYLES
CHARACTER_STYLES = look.PACKET_CHARACTER_STYLES


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
        layout=values["layout"],
        columns=values["columns"],
        fit=values["fit"],
        styles=values["styles"],
    )
