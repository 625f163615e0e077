"""A Markdown bank's pictures in a PDF: decoded for their first drawing only.

reportlab's `drawImage` of an ImageReader decodes the picture and keeps its pixels in the
reader (to name the image by a digest of them), so readers held for a whole build keep
every picture decoded to the end: 200 pictures of 320 x 180 were about 80 MB in the
booklet and in the cards. Here the first drawing of a picture in a PDF embeds it as an
image XObject from a reader that is then let go, and every later drawing of the same
picture draws that XObject by its name, as `drawImage` itself does when it finds the
image already embedded: the same bytes in the file.
"""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from qbank.bank.images import pillow_quiet


class PdfPicture:
    """One picture (its file's bytes) as drawn into one PDF."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._drawn: tuple[Canvas, str] | None = None  # the canvas and the XObject's name

    def draw(self, canvas: Canvas, x: float, y: float, width: float, height: float) -> None:
        if self._drawn is not None and self._drawn[0] is canvas:
            canvas.saveState()  # as drawImage draws an image it has embedded already
            canvas.translate(x, y)
            canvas.scale(width, height)
            canvas.doForm(self._drawn[1])
            canvas.restoreState()
            return
        found: dict[str, str | None] = {"name": None}
        with pillow_quiet():
            reader = ImageReader(io.BytesIO(self.data))
            canvas.drawImage(reader, x, y, width, height, mask="auto", extraReturn=found)
        if found["name"] is not None:
            self._drawn = (canvas, found["name"])


class PdfPictures:
    """The pictures of one build's PDFs, one `PdfPicture` per distinct file content."""

    def __init__(self) -> None:
        self._pictures: dict[bytes, PdfPicture] = {}

    def __call__(self, data: bytes) -> PdfPicture:
        found = self._pictures.get(data)
        if found is None:
            found = self._pictures[data] = PdfPicture(data)
        return found
