"""Numbers known only at the end of a booklet ('page 3 of Y', a contents entry's page).

Each is a form XObject: each page refers to the form by name, and the form is written once,
when the canvas is saved. One pass lays the document out, and no page is kept to be redrawn.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether

from qbank.exporters.booklet.layout import TextFont
from qbank.pdf import FallbackCanvas

_FORM_REACH = 500  # points either side of a late number's anchor that its form may cover


class LateNumberCanvas(FallbackCanvas):
    """A canvas on which numbers can be placed now and given their value at save time."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.late_values: dict[str, str] = {}
        # each form: its value's name, alignment, font and the words before the value
        self._late_forms: dict[str, tuple[str, str, TextFont, str]] = {}
        self._prefixes: dict[str, int] = {}

    def draw_late_number(
        self, name: str, x: float, y: float, font: TextFont, align: str = "left", before: str = ""
    ) -> None:
        """Draw the value that `name` will have, left- or right-aligned at (x, y), after the
        words `before` ('page 3 of ' right-aligned: its end is known only with the value)."""
        prefix = self._prefixes.setdefault(before, len(self._prefixes))
        form = f"late-{align}-{name}-{prefix}"
        self._late_forms[form] = (name, align, font, before)
        self.saveState()
        self.translate(x, y)
        self.doForm(form)
        self.restoreState()

    def set_late_value(self, name: str, value: object) -> None:
        self.late_values[name] = str(value)

    def save(self) -> None:
        for form, (name, align, font, before) in self._late_forms.items():
            self.beginForm(form, -_FORM_REACH, -_FORM_REACH, _FORM_REACH, _FORM_REACH)
            self.setFont(font.name, font.size)
            self.setFillColor(font.color)
            value = before + self.late_values.get(name, "?")
            if align == "right":
                self.drawRightString(0, 0, value)
            else:
                self.drawString(0, 0, value)
            self.endForm()
        super().save()


class Anchor(Flowable):
    """Takes no space; calls `on_draw(canvas)` where it lands (bookmarks, page records)."""

    def __init__(self, on_draw: Callable[[Canvas], None]) -> None:
        super().__init__()
        self.on_draw = on_draw
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.on_draw(self.canv)


class KeptWithAnchor(KeepTogether):
    """reportlab's KeepTogether for flowables that start with an Anchor: the space before
    it is that of the first flowable that takes room, as its measure of their height has
    it. reportlab's took the Anchor's, none, while the measure left out the 40 pt before
    a section's kicker behind it: a section's opening that fitted but for them stayed at
    the foot of the page, alone, its first question on the next (a print trial)."""

    def getSpaceBefore(self) -> float:  # noqa: N802
        for flowable in self._content:
            if not isinstance(flowable, Anchor) and not hasattr(flowable, "frameAction"):
                return flowable.getSpaceBefore()
        return 0.0
