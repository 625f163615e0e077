"""Read an artifact back as the text a user would see, whatever its format; tell a whole
artifact from a cut one; wait for what a build in another process does."""

from __future__ import annotations

import functools
import html
import json
import re
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

import docx
import pdfplumber
from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    """Every page's text, less what is marked as an artifact (running headers and footers),
    as a screen reader reads it: a hint that runs on to the next page reads on unbroken."""
    return _pdf_text(*_version(path))


def _version(path: Path) -> tuple[str, int, int]:
    """A file as a cache key: a PDF that a test rebuilds at the same path is parsed again."""
    stat = Path(path).stat()
    return str(path), stat.st_mtime_ns, stat.st_size


# Parsing is most of the suite's time, and many tests read one module's artifact: each
# version of a file is parsed once per test process.
@functools.cache
def _pdf_text(path: str, *_version: int) -> str:
    return "\n".join(_page_text(page) for page in PdfReader(path).pages)


def pdf_lines(path: Path) -> tuple[tuple[float, tuple[dict, ...]], ...]:
    """Each page's height and its text lines (pdfplumber: text, top, x0, ...), parsed once."""
    return _pdf_lines(*_version(path))


@functools.cache
def _pdf_lines(path: str, *_version: int) -> tuple[tuple[float, tuple[dict, ...]], ...]:
    with pdfplumber.open(path) as pdf:
        return tuple((page.height, tuple(page.extract_text_lines())) for page in pdf.pages)


def _page_text(page) -> str:
    parts: list[str] = []
    marked: list[bool] = []  # open marked-content sequences: is each an artifact?

    def before(operator: bytes, operands: list, *_) -> None:
        if operator in (b"BDC", b"BMC"):
            marked.append(bool(operands) and operands[0] == "/Artifact")
        elif operator == b"EMC" and marked:
            marked.pop()

    def text(content: str, *_) -> None:
        if not any(marked):
            parts.append(content)

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return "".join(parts)


def docx_document(path: Path) -> docx.document.Document:
    """python-docx's Document of `path`, parsed once per version of the file: for tests that
    only read it (a test that edits a Document parses its own with docx.Document)."""
    return _docx_document(*_version(path))


@functools.cache
def _docx_document(path: str, *_version: int) -> docx.document.Document:
    return docx.Document(path)


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    body = document.element.body
    # every w:t in the body, in order: paragraphs, tables and content controls alike
    texts = body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
    return "\n".join(t.text or "" for t in texts)


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
    show that qbank's PDFs keep the bank's logical order (see bank/README.md)."""
    with pdfplumber.open(path) as pdf:
        return "\n".join("".join(c["text"] for c in page.chars) for page in pdf.pages)
