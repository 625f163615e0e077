"""Read an artifact back as the text a user would see, whatever its format; tell a whole
artifact from a cut one; wait for what a build in another process does."""

from __future__ import annotations

import ctypes
import functools
import html
import json
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import docx
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdffont import PDFUnicodeNotDefined

from qbank.model import Bank
from qbank.text import plain


def pdf_text(path: Path) -> str:
    """Every page's text, less what is marked as an artifact (running headers and footers),
    as a screen reader reads it: a hint that runs on to the next page reads on unbroken."""
    return "\n".join(page.text(artifacts=False) for page in pdf_pages(path))


def _version(path: Path) -> tuple[str, int, int]:
    """A file as a cache key: a PDF that a test rebuilds at the same path is parsed again."""
    stat = Path(path).stat()
    return str(path), stat.st_mtime_ns, stat.st_size


def docx_document(path: Path) -> docx.document.Document:
    """python-docx's Document of `path`, parsed once per version of the file: for tests that
    only read it (a test that edits a Document parses its own with docx.Document)."""
    return _docx_document(*_version(path))


@functools.cache
def _docx_document(path: str, *_version: int) -> docx.document.Document:
    return docx.Document(path)


def as_read(text: str) -> str:
    """`text` as a reader reads it: a no-break space (the debrief's figures, '7\u00a0/\u00a015
    (1\u00a0unrated)', are kept on one line with them) is a space."""
    return text.replace("\u00a0", " ")


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    body = document.element.body
    # every w:t in the body, in order: paragraphs, tables and content controls alike
    texts = body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
    return "\n".join(t.text or "" for t in texts)


def run_languages(document, part=None) -> dict[str, set[str | None]]:
    """The w:lang of each run's text (None: the document's), by the text, in the body or
    in another `part`'s element (a footer's)."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    languages: dict[str, set[str | None]] = {}
    for element in (document.element.body if part is None else part).iter(f"{w}r"):
        lang = element.find(f"{w}rPr/{w}lang")
        text = "".join(t.text or "" for t in element.iter(f"{w}t"))
        languages.setdefault(text.strip(), set()).add(None if lang is None else lang.get(f"{w}val"))
    return languages


def words_too_wide(
    table, columns: slice, bold: bool = False, whole: bool = False
) -> tuple[set[str], list[str]]:
    """The words in `columns` of a DOCX `table` (python-docx's), and those wider than their
    column as LibreOffice sets them without Carlito: Noto Sans and 10 % more for DejaVu
    Sans, the cell's margins beside (9 pt bold in the head row, or in every row when `bold`,
    else 9.5 pt; the head's as the document's style has it, or a cell's runs their own). A
    section's row across the table is passed over. A word breaks after its hyphens
    ('Scenario-' over 'Based'), as both break it, and never at a no-break space ('(1\u00a0
    unrated)' is measured as one; the words seen are as read). `whole`: each cell's text
    below the head row as one, a figure ('7 (1 unrated)') read on one line."""
    from reportlab.pdfbase.pdfmetrics import registerFont, stringWidth
    from reportlab.pdfbase.ttfonts import TTFont

    from qbank.paths import FONTS
    from qbank.wordml.wml import CELL_MARGIN

    for name in ("NotoSans-Regular", "NotoSans-Bold"):
        registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    grid = [int(col.get(f"{w}w")) for col in table._tbl.iter(f"{w}gridCol")]
    head = table.part.document.styles["Packet Cell Head"].font.size
    head = head.pt if head is not None else 9
    seen, wide = set(), []
    for number, row in enumerate(table._tbl.iter(f"{w}tr")):
        cells = row.findall(f"{w}tc")
        if len(cells) != len(grid):
            continue
        font, size = ("NotoSans-Bold", head) if number == 0 or bold else ("NotoSans-Regular", 9.5)
        for width, cell in zip(grid[columns], cells[columns], strict=True):
            # a paragraph a line: the comparison's total over '(on 2 of 3 sections)'
            lines = ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in cell.iter(f"{w}p")]
            own = cell.find(f".//{w}r/{w}rPr/{w}sz")  # a run's own size, over its style's
            drawn = int(own.get(f"{w}val")) / 2 if own is not None else size
            # a word ends at a space, not at a no-break space ('7\u00a0/\u00a015')
            words = re.sub(r"(?<=\w)-(?=\w)", "- ", " ".join(lines)).split(" ")
            units = (lines if number else []) if whole else [w for w in words if w]  # heads wrap
            for word in units:
                seen.update([as_read(word)] if whole else as_read(word).split())
                if stringWidth(word, font, drawn) * 1.1 * 20 + 2 * CELL_MARGIN > width:
                    wide.append(word)
    return seen, wide


def apkg_text(path: Path) -> str:
    """The notes' fields as shown: tags stripped, entities decoded."""
    with zipfile.ZipFile(path) as package, tempfile.TemporaryDirectory() as tmp:
        name = "collection.anki21" if "collection.anki21" in package.namelist() else None
        name = name or "collection.anki2"
        package.extract(name, tmp)
        with sqlite3.connect(Path(tmp) / name) as db:
            fields = [row[0] for row in db.execute("select flds from notes order by id")]
    text = "\n".join(f.replace("\x1f", "\n") for f in fields)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def html_data(path: Path) -> dict:
    """The study page's bank data, as the page's script reads it."""
    page = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="qbank-data">(.*?)</script>', page, re.S)
    if found is None:
        raise ValueError(f"{path}: no bank data")
    return json.loads(found.group(1))


def html_text(path: Path) -> str:
    """Every text of the study page's data (a text with code spans is a list of parts)."""

    def texts(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [t for item in value for t in texts(item)]
        if isinstance(value, dict):
            return [t for item in value.values() for t in texts(item)]
        return []

    return "\n".join(texts(html_data(path)))


def artifact_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return pdf_text(path)
    if suffix == ".docx":
        return docx_text(path)
    if suffix == ".apkg":
        return apkg_text(path)
    if suffix == ".html":
        return html_text(path)
    raise ValueError(f"no reader for {path}")


def squash(text: str) -> str:
    """Text without any white space, for comparing extracted text with bank text."""
    return "".join(text.split())


CONTINUED = "\u21aa"  # ↪: the PDFs start each wrapped piece of a code line with it


def unwrapped(text: str) -> str:
    """Extracted PDF text squashed, without the marks of wrapped code lines."""
    return squash(text).replace(CONTINUED, "")


def words(bank: Bank, text: str) -> str:
    """The words a reader sees of a bank text, squashed: a Markdown text's without its
    markup (fences, emphasis marks, backticks), a plain text's without its backticks."""
    tree = bank.rich_text(text)
    return squash(tree.plain() if tree is not None else plain(text))


def is_complete(path: Path) -> bool:
    """A whole artifact: a PDF that ends with its trailer, a page that ends with its last
    tag, or a zip whose entries check out."""
    if path.suffix == ".pdf":
        data = path.read_bytes()
        return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    if path.suffix == ".html":
        data = path.read_bytes()
        return data.startswith(b"<!DOCTYPE html>") and data.rstrip().endswith(b"</html>")
    with zipfile.ZipFile(path) as archive:
        return archive.testzip() is None and bool(archive.namelist())


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return False


def pdf_drawn_text(path: Path) -> str:
    """Every character of every page in the order the content stream draws it, headers and
    all, with no reordering: the PDF's text layer as stored. pypdf's extract_text reverses
    runs of right-to-left characters (it assumes a PDF drawn in visual order), so it cannot
    show that qbank's PDFs keep the bank's logical order (see docs/bank-format.md); nor can
    PDFium's text page, which sets right-to-left runs in visual order. pdfminer's
    interpreter with a device that only collects characters: pdfplumber's `chars` in
    the same order, without building its objects."""
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    resources = PDFResourceManager()
    device = _DrawnCharacters(resources)
    interpreter = PDFPageInterpreter(resources, device)
    pages = []
    with Path(path).open("rb") as file:
        for page in PDFPage.get_pages(file):
            device.chars = []
            interpreter.process_page(page)
            pages.append("".join(device.chars))
    return "\n".join(pages)


class _DrawnCharacters(PDFDevice):
    def __init__(self, resources) -> None:
        super().__init__(resources)
        self.chars: list[str] = []

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:
        font = textstate.font
        for item in seq:
            if isinstance(item, bytes):
                for cid in font.decode(item):
                    try:
                        self.chars.append(font.to_unichr(cid))
                    except PDFUnicodeNotDefined:  # as pdfminer's layout names it
                        self.chars.append(f"(cid:{cid})")


# -- PDF pages as PDFium (Chrome's PDF engine) reads them ------------------------------------
# pdfplumber parses in pure Python and was half the suite's time; PDFium is C. Positions are
# pdfplumber's: points, `top` and `bottom` measured down from the page's top edge.


class Char(NamedTuple):  # a tuple: a booklet has some 50,000 of them
    """A character of PDFium's text page; `generated` is a space or line break PDFium inferred
    from the layout (none is in the file); `artifact` is drawn as marked content /Artifact
    (running headers and footers). Its box is pdfplumber's: from the font's descent below
    the baseline up by the font's size."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float
    size: float
    font: str
    generated: bool
    artifact: bool


@dataclass(frozen=True)
class Word:
    """A run of characters with no space between them, on one line."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    chars: tuple[Char, ...]


@dataclass(frozen=True)
class Shape:
    """A painted path: a straight line (two points) or a rectangle or other figure."""

    x0: float
    top: float
    x1: float
    bottom: float
    stroke: tuple[float, float, float] | None  # RGB 0..1, when stroked
    fill: tuple[float, float, float] | None  # when filled
    dashed: bool
    points: int

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def within(thing, bbox: Box | None) -> bool:
    """Whether a character, word or shape lies wholly inside `bbox` (None: the page)."""
    return bbox is None or (
        bbox[0] <= thing.x0
        and thing.x1 <= bbox[2]
        and bbox[1] <= thing.top
        and thing.bottom <= bbox[3]
    )


@dataclass(frozen=True)
class Page:
    """One page: its size, its characters in PDFium's reading order, its painted paths."""

    number: int  # from 1
    width: float
    height: float
    chars: tuple[Char, ...]
    shapes: tuple[Shape, ...]

    def text(self, bbox: Box | None = None, artifacts: bool = True) -> str:
        """The characters (those wholly inside `bbox`; no artifact unless `artifacts`) in
        PDFium's order, with its spaces and line breaks (as "\\n"), and one where a
        hyphenated word runs on to the next line."""
        parts: list[str] = []
        last = None
        for char in self.chars:
            if char.generated or (within(char, bbox) and (artifacts or not char.artifact)):
                if char.text.isspace():
                    last = None
                elif last is not None and abs(char.baseline - last.baseline) > 1:
                    parts.append("\n")
                if not char.text.isspace():
                    last = char
                parts.append(char.text)
        return "".join(parts).replace("\r\n", "\n").strip()

    def words(self, bbox: Box | None = None) -> list[Word]:
        """The words wholly inside `bbox`, in reading order. As pdfplumber's: a word ends at a
        space (PDFium's too), at a character that `bbox` leaves out, at a gap of more than 3
        pt, and where the next character stands on another line or to the left."""
        words: list[Word] = []
        run: list[Char] = []
        for char in self.chars:
            inside = not char.text.isspace() and within(char, bbox)
            if run and (
                not inside
                or abs(char.baseline - run[-1].baseline) > 1
                or not run[-1].x0 < char.x0 <= run[-1].x1 + 3
            ):
                words.append(_word(run))
                run = []
            if inside:
                run.append(char)
        if run:
            words.append(_word(run))
        return words

    def text_lines(self) -> list[Word]:
        """The lines of text, top down, as pdfplumber's: the pieces of text PDFium reads on one
        baseline, left to right, one space between two; a line's box is that of its visible
        characters."""
        pieces: list[list[Char]] = [[]]
        last = None  # the last visible character
        for char in self.chars:
            seen = not char.text.isspace()
            moved = seen and last is not None and abs(char.baseline - last.baseline) > 1
            if (char.text in "\r\n" or moved) and pieces[-1]:
                pieces.append([])
            if char.text not in "\r\n" and (pieces[-1] or seen):
                pieces[-1].append(char)
            last = char if seen else last
        rows: dict[float, list[list[Char]]] = {}
        for piece in pieces:
            while piece and piece[-1].text.isspace():
                piece.pop()
            if piece:
                row = next((b for b in rows if abs(b - piece[0].baseline) <= 1), None)
                rows.setdefault(piece[0].baseline if row is None else row, []).append(piece)
        lines = []
        for _, row in sorted(rows.items()):
            row.sort(key=lambda piece: piece[0].x0)
            text = " ".join("".join(c.text for c in piece) for piece in row)
            box = _word([c for piece in row for c in piece if not c.text.isspace()])
            lines.append(Word(text, box.x0, box.top, box.x1, box.bottom, box.chars))
        return lines

    @property
    def lines(self) -> list[Shape]:
        return [s for s in self.shapes if s.points == 2]

    @property
    def rects(self) -> list[Shape]:
        return [s for s in self.shapes if s.points != 2]


def _word(chars: list[Char]) -> Word:
    return Word(
        "".join(c.text for c in chars),
        min(c.x0 for c in chars),
        min(c.top for c in chars),
        max(c.x1 for c in chars),
        max(c.bottom for c in chars),
        tuple(chars),
    )


def code_runs(page) -> list[list]:
    """The runs of code characters (a monospace font's) in a page's reading order, each
    within one line: a code span's characters, its blanks among them."""
    runs: list[list] = []
    for char in page.chars:
        code = not char.generated and "Mono" in char.font
        if code and runs and runs[-1] and abs(runs[-1][-1].baseline - char.baseline) < 1:
            runs[-1].append(char)
        elif code:
            runs.append([char])
        elif runs and runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def grounds(page, run: list) -> list:
    """The filled shapes of `page` that lie under the whole of `run`, no bigger than a line."""
    first, last = run[0], run[-1]
    return [
        r
        for r in page.rects
        if r.fill
        and r.height < 2 * first.size
        and r.x0 <= first.x0 + 0.5
        and last.x1 - 0.5 <= r.x1
        and r.top <= first.top
        and first.baseline < r.bottom
    ]


def pdf_pages(path: Path) -> Sequence[Page]:
    """Every page of a PDF as PDFium reads it, each parsed once per version of the file, when
    a test first asks for it."""
    return _pdf_pages(*_version(path))


def printed_pages(path: Path) -> Sequence[Page]:
    """The pages of a booklet that hold its text: without the blank page that ends an odd
    number of them, so that copies printed on both sides never share a sheet."""
    pages = pdf_pages(path)
    assert len(pages) % 2 == 0, f"{path.name}: {len(pages)} pages, an odd number"
    return pages[:-1] if not pages[-1].text().strip() else pages


@functools.cache
def _pdf_pages(path: str, *_version: int) -> Sequence[Page]:
    return _Pages(pdfium.PdfDocument(path))


class _Pages(Sequence):
    def __init__(self, document: pdfium.PdfDocument) -> None:
        self.document = document  # open while the pages are cached
        self.pages: list[Page | None] = [None] * len(document)

    def __len__(self) -> int:
        return len(self.pages)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        index = range(len(self))[index]  # a negative index, or IndexError
        if self.pages[index] is None:
            self.pages[index] = _page(self.document[index], index + 1)
        return self.pages[index]


def _bound(function, result, *arguments):
    """A PDFium function bound to take plain integers (addresses included) and give `result`:
    pypdfium2's own bindings convert each argument through its declared type, which per
    character of a booklet's 50,000 was most of the reading's time. The GIL stays held
    (PYFUNCTYPE): these calls are short, and releasing and taking it again for each cost
    more than the call."""
    return ctypes.PYFUNCTYPE(result, *arguments)(ctypes.cast(function, ctypes.c_void_p).value)


_I, _P, _D = ctypes.c_int, ctypes.c_void_p, ctypes.c_double
# the object's address (an int, or None) instead of a pointer object to cast
_text_object = _bound(pdfium_c.FPDFText_GetTextObject, _P, _P, _I)
_loose_box = _bound(pdfium_c.FPDFText_GetLooseCharBox, _I, _P, _I, _P)
_origin = _bound(pdfium_c.FPDFText_GetCharOrigin, _I, _P, _I, _P, _P)
_generated = _bound(pdfium_c.FPDFText_IsGenerated, _I, _P, _I)
_font_size = _bound(pdfium_c.FPDFText_GetFontSize, _D, _P, _I)


def _page(page, number: int) -> Page:
    width, height = page.get_size()
    shapes, artifacts = _objects(page.raw, height)
    textpage = page.get_textpage()
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    units = (ctypes.c_ushort * (count + 1))()  # the text, one UTF-16 unit per character
    pdfium_c.FPDFText_GetText(raw, 0, count, units)
    chars: list[Char] = []
    box = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()  # the origin, on the baseline
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    last = font = size = artifact = None
    at = ctypes.cast(raw, ctypes.c_void_p).value
    box_at, x_at, y_at = map(ctypes.addressof, (box, x, y))
    append = chars.append
    new = tuple.__new__  # a Char without the Python frame of its __new__, 50,000 times a booklet
    for i, code in enumerate(units[:count]):
        _loose_box(at, i, box_at)
        if 0xDC00 <= code < 0xE000 and chars and "\ud800" <= chars[-1].text < "\udc00":
            # a character beyond U+FFFF: two UTF-16 halves, one character
            high = chars.pop()
            code = 0x10000 + ((ord(high.text) - 0xD800) << 10) + (code - 0xDC00)
            append(high._replace(text=chr(code), x1=max(high.x1, box.right)))
            continue
        _origin(at, i, x_at, y_at)
        drawn_by = _text_object(at, i)
        if drawn_by is None or drawn_by != last:  # a text object has one font and size
            length = pdfium_c.FPDFText_GetFontInfo(raw, i, name, len(name), flags)
            font = name.raw[: max(length - 1, 0)].decode("utf-8", "replace")
            size = _font_size(at, i)
            artifact = drawn_by in artifacts
            last = drawn_by
        bottom = height - box.bottom
        append(
            new(
                Char,
                (
                    # PDFium marks a hyphen that ends a line (and joins the word) as U+FFFE
                    "-" if code in (2, 0xFFFE) else chr(code),
                    x.value,
                    bottom - size,
                    box.right,
                    bottom,
                    height - y.value,
                    size,
                    font,
                    # PDFium adds only blanks and line breaks of its own
                    code in (9, 10, 13, 32) and _generated(at, i) == 1,
                    artifact,
                ),
            )
        )
    textpage.close()
    page.close()
    return Page(number, width, height, tuple(chars), tuple(shapes))


def _objects(page, height: float) -> tuple[list[Shape], set[int]]:
    """The page's painted paths, forms' included, in page coordinates; and the addresses of
    its text objects inside marked content /Artifact (or inside a form that is)."""
    shapes: list[Shape] = []
    artifacts: set[int] = set()

    def walk(count, get, outer, in_artifact: bool) -> None:
        for i in range(count):
            obj = get(i)
            marked = in_artifact or _is_artifact(obj)
            matrix = pdfium_c.FS_MATRIX()
            pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
            m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                walk(
                    pdfium_c.FPDFFormObj_CountObjects(obj),
                    lambda j, form=obj: pdfium_c.FPDFFormObj_GetObject(form, j),
                    m,
                    marked,
                )
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                shapes.extend(_shape(obj, m, height))
            elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT and marked:
                artifacts.add(ctypes.cast(obj, ctypes.c_void_p).value)

    walk(
        pdfium_c.FPDFPage_CountObjects(page),
        lambda i: pdfium_c.FPDFPage_GetObject(page, i),
        (1, 0, 0, 1, 0, 0),
        False,
    )
    return shapes, artifacts


def _is_artifact(obj) -> bool:
    name = (ctypes.c_ushort * 32)()  # UTF-16, with the terminating zero
    length = ctypes.c_ulong()
    for i in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, i)
        pdfium_c.FPDFPageObjMark_GetName(mark, name, ctypes.sizeof(name), length)
        if "".join(map(chr, name[: length.value // 2 - 1])) == "Artifact":
            return True
    return False


def _compose(inner, outer):
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _shape(obj, matrix, height: float):
    """Each figure (subpath) of a painted path, as pdfplumber gives them: a path of several
    lines (`m l m l ...`) is several lines."""
    fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroked)
    if not fill_mode.value and not stroked.value:
        return  # a clipping path

    def color(get) -> tuple[float, float, float]:
        rgba = [ctypes.c_uint() for _ in range(4)]
        get(obj, *rgba)
        return tuple(v.value / 255 for v in rgba[:3])

    stroke = color(pdfium_c.FPDFPageObj_GetStrokeColor) if stroked.value else None
    fill = color(pdfium_c.FPDFPageObj_GetFillColor) if fill_mode.value else None
    dashed = pdfium_c.FPDFPageObj_GetDashCount(obj) > 0
    figures: list[list[tuple[float, float]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = matrix
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO:
            figures.append([])
        figures[-1].append((a * x.value + c * y.value + e, b * x.value + d * y.value + f))
    for points in figures:
        if len(points) > 2 and points[-1] == points[0]:
            points.pop()  # a closed figure ends where it starts
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        yield Shape(
            min(xs), height - max(ys), max(xs), height - min(ys), stroke, fill, dashed, len(points)
        )


def text_fill(path: Path, number: int, word: str) -> tuple[int, int, int]:
    """The fill colour (RGB) of the first text object on page `number` (from 0) whose
    characters hold `word`, as PDFium reads them."""
    page = pdfium.PdfDocument(path)[number]
    text_page = page.get_textpage()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
        size = pdfium_c.FPDFTextObj_GetText(obj.raw, text_page.raw, None, 0)
        buffer = (ctypes.c_ushort * (size // 2))()
        pdfium_c.FPDFTextObj_GetText(obj.raw, text_page.raw, buffer, size)
        if word in bytes(buffer).decode("utf-16-le"):
            rgba = [ctypes.c_uint() for _ in range(4)]
            pdfium_c.FPDFPageObj_GetFillColor(obj.raw, *rgba)
            return tuple(c.value for c in rgba[:3])
    raise AssertionError(f"no text object holds {word!r}")


def rendered(path: Path, number: int, scale: float):
    """Page `number` (from 0) as PDFium paints it, `scale` pixels a point (a PIL image): what
    a reader sees, whatever the order of the drawing."""
    return pdfium.PdfDocument(path)[number].render(scale=scale).to_pil().convert("RGB")
