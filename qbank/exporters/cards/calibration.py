"""The duplex calibration sheet: `calibration-<card>-<paper>-<duplex>.pdf`, one sheet.

The front has crosses: one at the centre of the sheet, one near each corner. The back has,
at the place where each cross belongs, two millimetre scales crossing at zero. Printed
double-sided and held against light, each front cross shows through at the reading by which
the printer's backs are off, which is what --offset-x and --offset-y take. The back honours
the offsets it is given, so a sheet printed with the right ones reads zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from qbank import look
from qbank.exporters.cards.grid import CardGrid, Duplex, Side, mirrored_point
from qbank.model import Bank
from qbank.pdf import (
    Theme,
    document_info,
    new_canvas,
    paragraph_style,
    print_at_actual_size,
)
from qbank.reportlab_fixes import Paragraph
from qbank.text import LAYOUT_SPACE, to_reportlab
from qbank.units import mm

NO_BANK = Bank(title="", questions=(), sections=())  # the sheet holds nothing of a bank
CORNER_INSET = 32 * mm  # corner targets: well inside any printer's reach
CENTRE_REACH_MM = 10  # the centre scale reads -10 .. +10 mm; both reaches are fives
CORNER_REACH_MM = 5
CROSS_ARM = 9 * mm
SCALE_BAR_MM = 100  # a bar that must print 100 mm long, or the printer is scaling


@dataclass(frozen=True)
class Calibration:
    """How the cards will print: the sheet draws exactly that."""

    grid: CardGrid  # the cards of the chosen size on the chosen paper
    duplex: Duplex
    offset: tuple[float, float]  # points: the backs move by this, as the cards' backs do
    card: str  # the --card name, for the words on the sheet
    paper: str  # the --paper name, likewise

    @property
    def settings(self) -> str:
        x, y = (value / mm for value in self.offset)
        return (
            f"--card {self.card} --paper {self.paper} --duplex {self.duplex} "
            f"--offset-x {x:g} --offset-y {y:g}"
        )


# The sheet's words (templates/cards/calibration.toml), with what fills each one's braces
_SHEET_WORDS = look.words(
    """
    title
    subject: edge settings
    long_edge
    short_edge
    front
    print_it: edge
    bar: mm
    hold
    pass_on: command
    already: offsets
    printed_with: settings
    back
    read
    moved: settings
    """
)
# and the language they are in, which the PDF says (a screen reader's voice); a look's file
# from before it may lack it, and its sheet then says none
CALIBRATION_WORDS = look.Table(
    {**_SHEET_WORDS.keys, "language": look.LANGUAGE_TAG}, optional=frozenset({"language"})
)
look.declare("cards/calibration.toml", CALIBRATION_WORDS)


def write_calibration(
    path: Path, theme: Theme, timestamp: int, sheet: Calibration, words: dict[str, str]
) -> None:
    """The sheet, in `words` (the look's cards/calibration.toml): it goes to whoever prints
    the cards, in their language."""
    page, duplex, offset = sheet.grid.page, sheet.duplex, sheet.offset
    width, height = page
    centre = (width / 2, height / 2)
    corners = [
        (x, y)
        for y in (height - CORNER_INSET, CORNER_INSET)
        for x in (CORNER_INSET, width - CORNER_INSET)
    ]
    edge = words["long_edge" if duplex == "long" else "short_edge"]
    subject = words["subject"].format(edge=edge, settings=sheet.settings)
    info = document_info(NO_BANK, words["title"].format(), subject)
    if "language" in words:
        info["lang"] = words["language"]
    canvas = new_canvas(path, page, theme, info, timestamp)
    print_at_actual_size(canvas, duplex)
    ink = theme.color("text")

    def said(key: str, **filled: str) -> str:  # the words as markup, each filler as given
        return to_reportlab(words[key], theme.fonts.code, code=False).format(**filled)

    def code(text: str) -> str:  # an option and its value on one line ('--card index')
        shown = to_reportlab(text, "", code=False)
        shown = re.sub(r"(--[a-z-]+) (?=-?[^-\s])", lambda m: m[1] + LAYOUT_SPACE, shown)
        return f"<font face='{theme.fonts.code}'>{shown}</font>"

    settings = code(sheet.settings)
    command = code(
        f"qbank cards --card {sheet.card} --paper {sheet.paper} --duplex {duplex} "
        "--offset-x X --offset-y Y"
    )
    offsets = code(f"--offset-x {offset[0] / mm:g} --offset-y {offset[1] / mm:g}")
    step = said("pass_on", command=command)
    if offset != (0, 0):
        step += " " + said("already", offsets=offsets)
    _card_outlines(canvas, theme, sheet, "front")
    bold = f"<b>{to_reportlab(edge, '', code=False)}</b>"
    _text_block(
        canvas,
        theme,
        page,
        said("front"),
        [
            said("print_it", edge=bold),
            said("bar", mm=str(SCALE_BAR_MM)),
            said("hold"),
            step,
            said("printed_with", settings=settings),
        ],
    )
    for point in (centre, *corners):
        _cross(canvas, ink, point)
    _scale_bar(canvas, theme, (width / 2, height * 0.3))
    canvas.showPage()

    canvas.translate(*offset)
    _card_outlines(canvas, theme, sheet, "back")
    _text_block(canvas, theme, page, said("back"), [said("read"), said("moved", settings=settings)])
    _scales(canvas, theme, mirrored_point(page, centre, duplex), CENTRE_REACH_MM)
    for point in corners:
        _scales(canvas, theme, mirrored_point(page, point, duplex), CORNER_REACH_MM)
    canvas.showPage()
    canvas.save()


def _card_outlines(canvas: Canvas, theme: Theme, sheet: Calibration, side: Side) -> None:
    """The outline of every card of a sheet on this side, light and dashed."""
    grid = sheet.grid
    canvas.saveState()
    canvas.setStrokeColor(theme.color("muted"))
    canvas.setLineWidth(0.3)
    canvas.setDash(2, 2)
    for index in range(grid.per_sheet):
        x, y = grid.slot(index, side, sheet.duplex)
        canvas.rect(x, y, grid.card[0], grid.card[1], stroke=1, fill=0)
    canvas.restoreState()


def _text_block(
    canvas: Canvas, theme: Theme, page: tuple[float, float], title: str, lines: list[str]
) -> None:
    """A heading and instructions, centred between the upper corner targets."""
    fonts = theme.fonts
    width = page[0] - 2 * CORNER_INSET - 30 * mm
    top = page[1] - CORNER_INSET - 10 * mm
    heading = paragraph_style(
        "calibration-title", fontName=fonts.bold, fontSize=15, leading=19, spaceAfter=6
    )
    body = paragraph_style(
        "calibration-body",
        fontName=fonts.regular,
        fontSize=9.5,
        leading=13,
        textColor=theme.color("text"),
        spaceBefore=3,
    )
    x = (page[0] - width) / 2
    paragraphs = [Paragraph(title, heading)] + [Paragraph(line, body) for line in lines]
    heights = [p.wrap(width, page[1])[1] for p in paragraphs]
    spaces = sum(p.style.spaceBefore + p.style.spaceAfter for p in paragraphs)
    # a white ground, so that the card outlines drawn before do not strike the words through
    pad = 2 * mm
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(
        x - pad,
        top - sum(heights) - spaces - pad,
        width + 2 * pad,
        sum(heights) + spaces + 2 * pad,
        stroke=0,
        fill=1,
    )
    canvas.restoreState()
    for paragraph, used in zip(paragraphs, heights, strict=True):
        top -= used + paragraph.style.spaceBefore
        paragraph.drawOn(canvas, x, top)
        top -= paragraph.style.spaceAfter


def _cross(canvas: Canvas, ink: colors.Color, point: tuple[float, float]) -> None:
    x, y = point
    canvas.saveState()
    canvas.setStrokeColor(ink)
    canvas.setLineWidth(0.8)
    canvas.line(x - CROSS_ARM, y, x + CROSS_ARM, y)
    canvas.line(x, y - CROSS_ARM, x, y + CROSS_ARM)
    canvas.circle(x, y, 1.5 * mm)
    canvas.restoreState()


def _scales(canvas: Canvas, theme: Theme, point: tuple[float, float], reach: int) -> None:
    """Millimetre graph paper centred on `point`, its zero lines darker, x read along the
    bottom edge and y along the left edge, so that no label sits where a cross may show."""
    x, y = point
    low, high = -reach * mm, reach * mm
    canvas.saveState()
    for step in range(-reach, reach + 1):
        if step == 0:
            canvas.setStrokeColor(theme.color("accent"))
            canvas.setLineWidth(0.6)
        elif step % 5 == 0:
            canvas.setStrokeColor(theme.color("muted"))
            canvas.setLineWidth(0.35)
        else:
            canvas.setStrokeColor(theme.color("rule"))
            canvas.setLineWidth(0.2)
        canvas.line(x + step * mm, y + low, x + step * mm, y + high)
        canvas.line(x + low, y + step * mm, x + high, y + step * mm)
    canvas.setFillColor(theme.color("muted"))
    canvas.setFont(theme.fonts.regular, 5.5)
    for step in range(-reach, reach + 1, 5):
        label = f"{step:+d}" if step else "0"
        canvas.drawCentredString(x + step * mm, y + low - 3 * mm, label)
        canvas.drawRightString(x + low - 1.2 * mm, y + step * mm - 2, label)
    canvas.setFont(theme.fonts.bold, 6.5)
    canvas.setFillColor(theme.color("text"))
    canvas.drawString(x + high + 1.2 * mm, y - 2.2, "x")
    canvas.drawCentredString(x, y + high + 1.2 * mm, "y")
    canvas.restoreState()


def _scale_bar(canvas: Canvas, theme: Theme, centre: tuple[float, float]) -> None:
    x0 = centre[0] - SCALE_BAR_MM / 2 * mm
    y = centre[1]
    canvas.saveState()
    canvas.setStrokeColor(theme.color("text"))
    canvas.setFillColor(theme.color("muted"))
    canvas.setLineWidth(0.5)
    canvas.line(x0, y, x0 + SCALE_BAR_MM * mm, y)
    canvas.setFont(theme.fonts.regular, 6.5)
    for cm in range(SCALE_BAR_MM // 10 + 1):
        tick = (3 if cm % 5 == 0 else 1.8) * mm
        canvas.line(x0 + cm * 10 * mm, y, x0 + cm * 10 * mm, y + tick)
        if cm % 5 == 0:
            # on a white ground: a card's outline ran through '50 mm' (a visual review)
            label, x = f"{cm * 10} mm", x0 + cm * 10 * mm
            width = canvas.stringWidth(label, theme.fonts.regular, 6.5) + 1 * mm
            canvas.setFillColor(colors.white)
            canvas.rect(x - width / 2, y - 4.3 * mm, width, 3.1 * mm, stroke=0, fill=1)
            canvas.setFillColor(theme.color("muted"))
            canvas.drawCentredString(x, y - 3.5 * mm, label)
    canvas.restoreState()
