"""Form fields (AcroForm) that every PDF filler shows, fills and saves alike.

reportlab's own `canvas.acroForm` leaves out what the fillers' trackers list as traps: its
check boxes and radio buttons have no `/DA`, its pages no tab order, its form fonts are
the standard 14 only. Here each field is written whole:

- every widget has an appearance for each of its states (`/AP /N` with the on-state and
  `/Off`), drawn by us, so that a reader that draws no fields of its own (Preview,
  poppler) shows the box, the tick and any value set at build time;
- every field has `/DA` (a standard font of `/DR`, for the text a filler types), the print
  flag, and fixed ASCII names and export values (`Yes`, `s3`), whatever the language;
- no JavaScript, no `NeedAppearances`; each page's widgets are in the order they are
  drawn, top to bottom, and `/Tabs /S` tells fillers to tab in that order.

A value given at build time (the candidate's name) is drawn in the packet's embedded font,
so any character the printed text can show shows in the field too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFString,
    xObjectName,
)
from reportlab.pdfgen.canvas import Canvas

from qbank.exporters.booklet.layout import TextFont
from qbank.exporters.booklet.numbers import LateNumberCanvas

PRINT = 4  # annotation flag: printed
MULTILINE = 1 << 12
RADIO = 1 << 15
NO_TOGGLE_TO_OFF = 1 << 14
ON = "Yes"  # a check box's on-state: the name every filler expects
TEXT_FONT = "Helv"  # /DR name of the standard font fillers type in
TYPED_SIZE = 10  # points: what fillers type notes and names in


@dataclass(frozen=True)
class Look:
    """Colours and sizes of the fields' own appearances."""

    border: Color
    fill: Color
    mark: Color
    text: Color
    font: str  # a registered (embedded) font for values set at build time
    line_width: float = 0.8


class FormCanvas(LateNumberCanvas):
    """A canvas whose pages with widgets tab in structure (drawing) order, with a 'page 3
    of 12' label (`page_label`, the words' "Page {page} of {pages}") known at save."""

    page_label = "{page} / {pages}"

    def draw_page_label(self, page: int, right: float, y: float, font: TextFont) -> None:
        self.draw_late_number(f"page-{page}", right, y, font, align="right")

    def save(self) -> None:
        pages = self.getPageNumber() - 1
        for page in range(1, pages + 1):
            self.set_late_value(f"page-{page}", self.page_label.format(page=page, pages=pages))
        super().save()

    def _setAnnotations(self, page) -> None:  # noqa: ANN001 (reportlab's PDFPage)
        super()._setAnnotations(page)
        if page.Annots:
            # PDFPage writes only the keys it lists; /Tabs is not one of them
            page.__NoDefault__ = [*page.__NoDefault__, "Tabs"]
            page.Tabs = PDFName("S")


class Form:
    """The AcroForm of one document being drawn on `canvas`."""

    def __init__(self, canvas: Canvas, look: Look) -> None:
        self.canvas = canvas
        self.look = look
        self.fields = PDFArray([])
        self._appearances: dict[tuple[str, float, float], PDFObjectReference] = {}
        self._names: set[str] = set()
        doc = canvas._doc
        helvetica = PDFDictionary(
            {
                "Type": PDFName("Font"),
                "Subtype": PDFName("Type1"),
                "BaseFont": PDFName("Helvetica"),
                "Encoding": PDFName("WinAnsiEncoding"),
            }
        )
        dingbats = PDFDictionary(
            {"Type": PDFName("Font"), "Subtype": PDFName("Type1"), "BaseFont": "/ZapfDingbats"}
        )
        fonts = {TEXT_FONT: doc.Reference(helvetica), "ZaDb": doc.Reference(dingbats)}
        doc.Catalog.AcroForm = PDFDictionary(
            {
                "Fields": self.fields,
                "DR": PDFDictionary({"Font": PDFDictionary(fonts)}),
                "DA": PDFString(f"/{TEXT_FONT} 0 Tf 0 g"),
            }
        )

    # -- fields ------------------------------------------------------------------------

    def checkbox(self, name: str, rect: tuple[float, float, float, float], tip: str) -> None:
        """A box ticked or not; its value is /Yes or /Off."""
        width, height = _size(rect)
        field = self._widget(name, rect, tip)
        field.dict.update(
            FT=PDFName("Btn"),
            V=PDFName("Off"),
            AS=PDFName("Off"),
            DA=PDFString("/ZaDb 0 Tf 0 g"),
            MK=self._mk("4"),
            AP=self._states(ON, "box", width, height),
        )
        self._add(field, top_level=True)

    def radio_group(
        self,
        name: str,
        options: list[tuple[str, tuple[float, float, float, float]]],
        tip: str,
    ) -> None:
        """One choice among `options` (export value, rectangle); its value is the chosen
        option's export value, or /Off."""
        self._claim(name)
        parent = PDFDictionary(
            {
                "FT": PDFName("Btn"),
                "T": PDFString(name),
                "TU": PDFString(tip),
                "Ff": RADIO | NO_TOGGLE_TO_OFF,
                "V": PDFName("Off"),
                "DA": PDFString("/ZaDb 0 Tf 0 g"),
                "Kids": PDFArray([]),
            }
        )
        parent_ref = self.canvas._doc.Reference(parent)
        for value, rect in options:
            width, height = _size(rect)
            kid = PDFDictionary(
                {
                    "Type": PDFName("Annot"),
                    "Subtype": PDFName("Widget"),
                    "Rect": PDFArray(list(rect)),
                    "F": PRINT,
                    "Parent": parent_ref,
                    "AS": PDFName("Off"),
                    "DA": PDFString("/ZaDb 0 Tf 0 g"),
                    "MK": self._mk("l"),
                    "AP": self._states(value, "dot", width, height),
                }
            )
            self.canvas._addAnnotation(kid)
            parent.dict["Kids"].sequence.append(self.canvas._doc.Reference(kid))
        self.fields.sequence.append(parent_ref)

    def text(
        self,
        name: str,
        rect: tuple[float, float, float, float],
        tip: str,
        value: str = "",
        multiline: bool = False,
    ) -> None:
        """A text field; `value` is filled in already and shown in the packet's font."""
        width, height = _size(rect)
        field = self._widget(name, rect, tip)
        field.dict.update(
            FT=PDFName("Tx"),
            V=PDFString(value),
            DA=PDFString(f"/{TEXT_FONT} {TYPED_SIZE} Tf 0 g"),
            MK=PDFDictionary({}),
            AP=PDFDictionary({"N": self._text_appearance(value, width, height, multiline)}),
        )
        if multiline:
            field.dict["Ff"] = MULTILINE
        self._add(field, top_level=True)

    # -- parts -------------------------------------------------------------------------

    def _claim(self, name: str) -> None:
        if name in self._names or "." in name:
            raise ValueError(f"form field {name!r}: taken, or holds a dot")
        self._names.add(name)

    def _widget(self, name: str, rect: tuple[float, ...], tip: str) -> PDFDictionary:
        self._claim(name)
        return PDFDictionary(
            {
                "Type": PDFName("Annot"),
                "Subtype": PDFName("Widget"),
                "T": PDFString(name),
                "TU": PDFString(tip),
                "Rect": PDFArray(list(rect)),
                "F": PRINT,
            }
        )

    def _add(self, field: PDFDictionary, top_level: bool) -> None:
        self.canvas._addAnnotation(field)
        if top_level:
            self.fields.sequence.append(self.canvas._doc.Reference(field))

    def _mk(self, caption: str) -> PDFDictionary:
        """What a filler that redraws a button draws: our colours and ZapfDingbats' check
        (4) or dot (l)."""
        look = self.look
        return PDFDictionary(
            {
                "BC": PDFArray(list(look.border.rgb())),
                "BG": PDFArray(list(look.fill.rgb())),
                "CA": PDFString(caption),
            }
        )

    def _states(self, on: str, shape: str, width: float, height: float) -> PDFDictionary:
        return PDFDictionary(
            {
                "N": PDFDictionary(
                    {
                        on: self._appearance(f"{shape}-on", width, height),
                        "Off": self._appearance(f"{shape}-off", width, height),
                    }
                )
            }
        )

    def _appearance(self, kind: str, width: float, height: float) -> PDFObjectReference:
        """The form XObject that draws a box or a radio button, ticked or not; one per
        kind and size, shared by every widget that looks alike."""
        key = (kind, round(width, 2), round(height, 2))
        if key not in self._appearances:
            name = f"qbank-{kind}-{len(self._appearances)}"
            look = self.look
            self._draw_form(name, width, height, lambda c: _draw_button(c, look, kind, width, height))
            self._appearances[key] = PDFObjectReference(xObjectName(name))
        return self._appearances[key]

    def _text_appearance(
        self, value: str, width: float, height: float, multiline: bool
    ) -> PDFObjectReference:
        name = f"qbank-text-{len(self._names)}"
        look = self.look

        def draw(c: Canvas) -> None:
            c.addLiteral("/Tx BMC")
            if value:
                c.setFillColor(look.text)
                c.setFont(look.font, TYPED_SIZE)
                top = height - 2 - TYPED_SIZE if multiline else (height - TYPED_SIZE) / 2 + 2
                c.drawString(2, top, value)
            c.addLiteral("EMC")

        self._draw_form(name, width, height, draw)
        return PDFObjectReference(xObjectName(name))

    def _draw_form(
        self, name: str, width: float, height: float, draw: Callable[[Canvas], None]
    ) -> None:
        c = self.canvas
        c.beginForm(name, 0, 0, width, height)
        draw(c)
        c.endForm()


def _size(rect: tuple[float, ...]) -> tuple[float, float]:
    return rect[2] - rect[0], rect[3] - rect[1]


def _draw_button(c: Canvas, look: Look, kind: str, width: float, height: float) -> None:
    """A square box or a round button; ticked, a check mark or a dot."""
    shape, _, state = kind.partition("-")
    line = look.line_width
    c.setLineWidth(line)
    c.setStrokeColor(look.border)
    c.setFillColor(look.fill)
    side = min(width, height) - line
    x, y = (width - side) / 2, (height - side) / 2
    if shape == "box":
        c.rect(x, y, side, side, stroke=1, fill=1)
        if state == "on":
            c.setStrokeColor(look.mark)
            c.setLineWidth(max(1.2, side / 8))
            c.setLineCap(1)
            c.setLineJoin(1)
            path = c.beginPath()
            path.moveTo(x + side * 0.2, y + side * 0.52)
            path.lineTo(x + side * 0.42, y + side * 0.26)
            path.lineTo(x + side * 0.82, y + side * 0.78)
            c.drawPath(path, stroke=1, fill=0)
    else:
        c.circle(width / 2, height / 2, side / 2, stroke=1, fill=1)
        if state == "on":
            c.setFillColor(look.mark)
            c.circle(width / 2, height / 2, side * 0.26, stroke=0, fill=1)
