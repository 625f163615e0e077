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

Fillers type in a font of `/DR` embedded whole (`unicode_font`), the theme's monospace font
(Noto Sans Mono: it has the relation signs and arrows that notes hold and Noto Sans lacks,
'≥', '≈', '−', '→'; a look's that lacks what fillers type gives way to it: see
fillable.TYPED), so that what is typed is drawn; a value given at build time (the
candidate's name) is drawn in it too.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import (
    BasicFonts,
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFStream,
    PDFString,
)
from reportlab.pdfbase.ttfonts import TTFontFile

from qbank.exporters.booklet.layout import TextFont
from qbank.exporters.booklet.numbers import LateNumberCanvas
from qbank.pdf import font_digest

PRINT = 4  # annotation flag: printed
MULTILINE = 1 << 12
RADIO = 1 << 15
NO_TOGGLE_TO_OFF = 1 << 14
ON = "Yes"  # a check box's on-state: the name every filler expects
TEXT_FONT = "QbankSans"  # /DR name of the font fillers type in
TYPED_SIZE = 10  # points: what fillers type names and dates in
# a text field of several lines (notes) has its type's size automatic (/DA 0 Tf): both fillers
# then draw what is typed as large as the field holds it, about 12 points at most, smaller the more
# there is, so that a printed note is whole (at its fixed 10 points, a note typed past its
# field scrolled on screen and was cut on paper, with no sign that more followed). Measured:
# 40 lines of 100 characters in a 5-minute question's field, pdf.js 7.75 points, PDFium 6;
# PDFium goes no smaller than 4 (some 90 such lines in a page-high field), and cuts the rest
AUTO_SIZE = 0


@dataclass(frozen=True)
class Look:
    """Colours and sizes of the fields' own appearances."""

    border: Color
    fill: Color
    mark: Color
    text: Color
    typing_font: Path  # the TrueType file fillers type in (embedded whole)
    # the page's font (registered with reportlab) of a value set at build time that holds a
    # character the typing font lacks: drawn in it and its fallbacks (the canvas's runs)
    value_font: str = ""
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

    def __init__(self, canvas: FormCanvas, look: Look) -> None:
        self.canvas = canvas
        self.look = look
        self.fields = PDFArray([])
        self._appearances: dict[tuple[str, float, float], Any] = {}
        self._names: set[str] = set()
        doc = canvas._doc
        dingbats = PDFDictionary(
            {"Type": PDFName("Font"), "Subtype": PDFName("Type1"), "BaseFont": "/ZapfDingbats"}
        )
        fonts = {
            TEXT_FONT: doc.Reference(unicode_font(doc, look.typing_font)),
            "ZaDb": doc.Reference(dingbats),
        }
        self._fonts = fonts
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
        options: list[tuple[str, tuple[float, float, float, float], str]],
        tip: str,
    ) -> None:
        """One choice among `options` (export value, rectangle, the button's own tooltip);
        its value is the chosen option's export value, or /Off.

        Each button carries its own /TU: pdf.js (Firefox) reads a widget's tooltip, its
        accessible name, from the widget's dictionary alone (`dict.get("TU")`, not the
        parent field's), so buttons without one were nameless there: no tooltip, and a
        screen reader said "radio button" for every score alike."""
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
        for value, rect, button_tip in options:
            width, height = _size(rect)
            kid = PDFDictionary(
                {
                    "Type": PDFName("Annot"),
                    "Subtype": PDFName("Widget"),
                    "Rect": PDFArray(list(rect)),
                    "F": PRINT,
                    "Parent": parent_ref,
                    "TU": PDFString(button_tip),
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
            DA=PDFString(f"/{TEXT_FONT} {AUTO_SIZE if multiline else TYPED_SIZE} Tf 0 g"),
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

    def _appearance(self, kind: str, width: float, height: float) -> Any:
        """The form XObject that draws a box or a radio button, ticked or not; one per
        kind and size, shared by every widget that looks alike."""
        key = (kind, round(width, 2), round(height, 2))
        if key not in self._appearances:
            drawing = _button(self.look, kind, width, height)
            self._appearances[key] = self._xobject(drawing, width, height, {})
        return self._appearances[key]

    def _text_appearance(self, value: str, width: float, height: float, multiline: bool) -> Any:
        """An empty field, or `value` on one line in the font fillers type in (its own
        glyph ids, Identity-H), so the value looks as it will once edited. A value with a
        character that font lacks (a name in Chinese drew nothing) is drawn as the page's
        text is, in the page's font and its fallbacks."""
        if not value:
            return self._xobject("/Tx BMC EMC", width, height, {})
        size = TYPED_SIZE
        font = _font_parts(self.look.typing_font)[0]
        baseline = height - 2 - size if multiline else (height - size) / 2 + 0.22 * size
        r, g, b = self.look.text.rgb()
        if all(ord(c) in font.charToGlyph for c in value) or not self.look.value_font:
            glyphs = "".join(f"{font.charToGlyph.get(ord(c), 0):04X}" for c in value)
            shown = f"/{TEXT_FONT} {size} Tf <{glyphs}> Tj"
            resources = PDFDictionary({TEXT_FONT: self._fonts[TEXT_FONT]})
        else:
            shown = self._page_text(value, size)
            resources = _PageFontsAnd({TEXT_FONT: self._fonts[TEXT_FONT]})
        drawing = (
            f"/Tx BMC q 1 1 {width - 2:.2f} {height - 2:.2f} re W n BT "
            f"{r:.3f} {g:.3f} {b:.3f} rg 2 {baseline:.2f} Td {shown} ET Q EMC"
        )
        return self._xobject(drawing, width, height, {"Font": resources})

    def _page_text(self, value: str, size: float) -> str:
        """Text operators that show `value` in the pages' own fonts (the subsets reportlab
        embeds), each character in a font that draws it."""
        canvas = self.canvas
        doc = canvas._doc
        shown = []
        for part, name in canvas.drawn_runs(value, self.look.value_font):
            font = pdfmetrics.getFont(name)
            for subset, chunk in font.splitString(part, doc):
                internal = font.getSubsetInternalName(subset, doc)
                shown.append(f"{internal} {size} Tf ({canvas._escape(chunk)}) Tj")
        return " ".join(shown)

    def _xobject(self, drawing: str, width: float, height: float, resources: dict) -> Any:
        stream = PDFStream(
            PDFDictionary(
                {
                    "Type": PDFName("XObject"),
                    "Subtype": PDFName("Form"),
                    "BBox": PDFArray([0, 0, round(width, 3), round(height, 3)]),
                    "Resources": PDFDictionary(resources),
                }
            ),
            drawing,
        )
        return self.canvas._doc.Reference(stream)


class _PageFontsAnd(PDFObject):
    """Every font of the pages (reportlab's font dictionary, whole once the document is
    written) and `fonts` beside them: the resources of a value drawn in the pages' fonts.

    The font fillers type in must be among them: pdf.js (Firefox) takes the font /DA names
    from the appearance's own resources before the form's (`Dict.merge` of the field's,
    the appearance's and the AcroForm's /DR, pdfjs-dist 4.10.38), and, not finding it
    there, typed over the value in Helvetica, which cannot encode 'Ł' or '≥': it then
    dropped the field's appearance and set NeedAppearances on the whole packet."""

    def __init__(self, fonts: dict[str, Any]) -> None:
        self.fonts = fonts

    def format(self, document: Any) -> bytes:
        pages = document.idToObject[BasicFonts].dict
        return PDFDictionary({**pages, **self.fonts}).format(document)


def _size(rect: tuple[float, ...]) -> tuple[float, float]:
    return rect[2] - rect[0], rect[3] - rect[1]


def _rgb(color: Color, operator: str) -> str:
    r, g, b = color.rgb()
    return f"{r:.3f} {g:.3f} {b:.3f} {operator}"


def _button(look: Look, kind: str, width: float, height: float) -> str:
    """A square box or a round button; ticked, a check mark or a dot (PDF operators)."""
    shape, _, state = kind.partition("-")
    line = look.line_width
    side = min(width, height) - line
    x, y = (width - side) / 2, (height - side) / 2
    ops = ["q", f"{line:.2f} w", _rgb(look.border, "RG"), _rgb(look.fill, "rg")]
    if shape == "box":
        ops.append(f"{x:.2f} {y:.2f} {side:.2f} {side:.2f} re B")
        if state == "on":
            points = [(0.2, 0.52), (0.42, 0.26), (0.82, 0.78)]
            (x0, y0), *rest = [(x + side * a, y + side * b) for a, b in points]
            ops += [_rgb(look.mark, "RG"), f"{max(1.2, side / 8):.2f} w 1 J 1 j"]
            ops.append(f"{x0:.2f} {y0:.2f} m " + " ".join(f"{a:.2f} {b:.2f} l" for a, b in rest))
            ops.append("S")
    else:
        ops.append(_circle(width / 2, height / 2, side / 2) + " B")
        if state == "on":
            ops += [_rgb(look.mark, "rg"), _circle(width / 2, height / 2, side * 0.26) + " f"]
    ops.append("Q")
    return "\n".join(ops)


def _circle(cx: float, cy: float, r: float) -> str:
    """A circle as four Bézier curves."""
    k = 0.5523 * r
    return (
        f"{cx + r:.2f} {cy:.2f} m "
        f"{cx + r:.2f} {cy + k:.2f} {cx + k:.2f} {cy + r:.2f} {cx:.2f} {cy + r:.2f} c "
        f"{cx - k:.2f} {cy + r:.2f} {cx - r:.2f} {cy + k:.2f} {cx - r:.2f} {cy:.2f} c "
        f"{cx - r:.2f} {cy - k:.2f} {cx - k:.2f} {cy - r:.2f} {cx:.2f} {cy - r:.2f} c "
        f"{cx + k:.2f} {cy - r:.2f} {cx + r:.2f} {cy - k:.2f} {cx + r:.2f} {cy:.2f} c h"
    )


class _FormattedOnce(PDFArray):
    """A PDFArray of numbers and arrays of numbers, which no document changes, written once
    for each way reportlab writes an array (rl_config.pdfMultiLine): a whole font's /W
    (`_font_parts`), some 5,000 elements each formatted alone, was a fifth of the CPU time
    of a fillable packet of three questions, in every build of it."""

    def __init__(self, sequence: list[Any]) -> None:
        super().__init__(sequence)
        self._formatted: dict[tuple[object, bytes], bytes] = {}

    def format(self, document: Any, IND: bytes = b"\n ") -> bytes:  # noqa: N803
        key = (rl_config.pdfMultiLine, IND)
        formatted = self._formatted.get(key)
        if formatted is None:
            formatted = self._formatted[key] = super().format(document, IND)
        return formatted


def unicode_font(doc: Any, path: Path) -> PDFDictionary:
    """The TrueType font at `path` as a whole, embedded Type0 font (Identity-H) with a
    ToUnicode map of every character it has.

    A filler draws what is typed in the font of the field's /DA, and can only draw the
    characters that font encodes: with Helvetica (WinAnsi) pdf.js cannot encode 'Ł', so it
    drops the field's appearance on save and sets NeedAppearances, and poppler then redraws
    every field of the document in its own way (check boxes without their border, 'ukasz').
    A whole font, not a subset, because what will be typed is not known."""
    font, widths, to_unicode = _font_parts(path)
    name = PDFName(font.name.decode("ascii", "replace"))
    length, packed = _font_file(path)
    file = PDFStream(PDFDictionary({"Length1": length, "Filter": PDFName("FlateDecode")}), packed)
    descriptor = PDFDictionary(
        {
            "Type": PDFName("FontDescriptor"),
            "FontName": name,
            "Flags": 32,  # nonsymbolic
            "FontBBox": PDFArray(list(font.bbox)),
            "ItalicAngle": font.italicAngle,
            "Ascent": font.ascent,
            "Descent": font.descent,
            "CapHeight": font.capHeight,
            "StemV": font.stemV,
            "FontFile2": doc.Reference(file),
        }
    )
    cid_font = PDFDictionary(
        {
            "Type": PDFName("Font"),
            "Subtype": PDFName("CIDFontType2"),
            "BaseFont": name,
            "CIDSystemInfo": PDFDictionary(
                {"Registry": PDFString("Adobe"), "Ordering": PDFString("Identity"), "Supplement": 0}
            ),
            "FontDescriptor": doc.Reference(descriptor),
            "DW": font.defaultWidth,
            "W": widths,
            "CIDToGIDMap": PDFName("Identity"),
        }
    )
    cmap = PDFStream(PDFDictionary({}), to_unicode)
    return PDFDictionary(
        {
            "Type": PDFName("Font"),
            "Subtype": PDFName("Type0"),
            "BaseFont": name,
            "Encoding": PDFName("Identity-H"),
            "DescendantFonts": PDFArray([doc.Reference(cid_font)]),
            "ToUnicode": doc.Reference(cmap),
        }
    )


def _font_file(path: Path) -> tuple[int, bytes]:
    """The font file's length and its bytes compressed, made once for each content of the
    file: a look's font replaced at its path (the next cohort's look, in a host program's
    folder) is read again; the first build's font went into later packets (a library
    trial)."""
    return _font_file_of(path, font_digest(path))


@cache
def _font_file_of(path: Path, content: str) -> tuple[int, bytes]:
    data = path.read_bytes()
    return len(data), zlib.compress(data, 6)


def typed_glyphs(path: Path) -> frozenset[int]:
    """The characters the TrueType font at `path` draws when typed in a field."""
    return frozenset(_font_parts(path)[0].charToGlyph)


def _font_parts(path: Path) -> tuple[TTFontFile, _FormattedOnce, str]:
    """The parsed font, its /W array (widths by glyph, 1/1000 em) and its ToUnicode CMap,
    made once for each content of the file, as `_font_file`."""
    return _font_parts_of(path, font_digest(path))


@cache
def _font_parts_of(path: Path, content: str) -> tuple[TTFontFile, _FormattedOnce, str]:
    font = TTFontFile(str(path))
    scale = 1000 / font.unitsPerEm
    by_glyph: dict[int, int] = {}
    for char, glyph in sorted(font.charToGlyph.items()):
        if 0 < char < 0x110000 and not 0xD800 <= char < 0xE000 and glyph:
            by_glyph.setdefault(glyph, char)
    widths: list[Any] = []
    for glyph in sorted(by_glyph):
        widths += [glyph, PDFArray([round(font.hmetrics[glyph][0] * scale)])]
    pairs = [
        f"<{glyph:04X}> <{chr(char).encode('utf-16-be').hex().upper()}>"
        for glyph, char in sorted(by_glyph.items())
    ]
    blocks = [
        f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar"
        for chunk in (pairs[i : i + 100] for i in range(0, len(pairs), 100))
    ]
    cmap = "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<0000> <FFFF>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CIDInit /ProcSet findresource defineresource pop",
            "end",
            "end",
        ]
    )
    return font, _FormattedOnce(widths), cmap
