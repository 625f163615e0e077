"""What the two PDF exporters (booklet and flashcards) share: theme, fonts, text, metadata.

The theme is read from templates/theme.toml; fonts are TrueType files shipped in
qbank/fonts/ and embedded (subset) in every PDF, so no system font is needed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from reportlab import rl_settings
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame
from reportlab.platypus import Table as ReportlabTable

from qbank import look, rich_markup
from qbank import text as textkit
from qbank.direction import starts_right_to_left, visual_runs
from qbank.glyphs import Fallback, invisible
from qbank.model import Bank, Question, Section
from qbank.paper import Paper
from qbank.paths import FONTS, Templates
from qbank.reportlab_fixes import (
    CODE_CONTINUED,
    MarkedText,
    QbankFont,
    RightToLeftMarkup,
    mirror_in,
    monospace,
    quick_pdf_encoding,
)
from qbank.rich import Picture, RichText, Table, walk
from qbank.units import mm

PRINTER_MARGIN = 10 * mm  # what every office printer can reach

Warn = Callable[[str], None]


@dataclass(frozen=True)
class Fonts:
    """Registered reportlab font names; `regular` is also the family name for <b>/<i>."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    code: str
    code_bold: str
    heading: str  # the booklet's titles and questions: `bold` unless the theme names one


# [booklet]'s key of the headings' font (the booklet declares it; load_theme registers it)
HEADING_FONT = "heading_font"


@dataclass(frozen=True)
class Theme:
    fonts: Fonts
    values: dict[str, Any]  # the whole TOML, for exporter-specific tables
    files: dict[str, Path]  # each face's font file: qbank's, or the look's own
    source: Path | None = None  # the theme.toml read, which names a look's own fonts

    def color(self, name: str) -> colors.Color:
        return colors.HexColor(self.values["colors"][name])

    def section_color(self, section: Section) -> colors.Color:
        """A section's colour, by its place in the whole bank: the same in every artifact
        and whichever sections a build keeps."""
        palette = self.values["colors"]["sections"]
        return colors.HexColor(palette[section.position % len(palette)])

    def table(self, name: str) -> dict[str, Any]:
        """An exporter's own table of the theme, e.g. [booklet] or [cards]."""
        return self.values.get(name, {})


def document_info(bank: Bank, title: str, subject: str) -> dict[str, Any]:
    """The document information of every PDF: its title and subject, the bank's tags as
    keywords, qbank as the creator and no author (nothing of the machine that built it).
    The keys are those of reportlab's document templates; `set_document_info` puts them on
    a canvas. A bank that says its language gives the PDF's (its catalog's /Lang), which a
    screen reader reads the text in."""
    info: dict[str, Any] = {
        "title": title,
        "subject": subject,
        "keywords": list(bank.tags),
        "author": "",
        "creator": "qbank",
    }
    if bank.language:
        info["lang"] = bank.language
    return info


class FallbackCanvas(Canvas):
    """A canvas whose one-line strings (drawString, drawRightString, drawCentredString) are
    drawn, and measured (stringWidth, `fit`), each character in a font that has it, as the
    text of the pages is: `text_runs` is the build's `PdfText.runs`. A bank's title, a
    section's name or a candidate's name in Chinese drew nothing in a running header or a
    footer. Without `text_runs` it is reportlab's canvas."""

    text_runs: Callable[[str, str], list[tuple[str, str]]] | None = None

    def __init__(self, *args, pageCompression=None, lang=None, **kwargs):  # noqa: N803, ANN001, ANN002, ANN003
        # reportlab's defaults, not a host program's rl_config (its pageCompression = 0 left
        # every booklet uncompressed, its documentLang = 'fr' said an English one was in
        # French: a library trial)
        compress = 1 if pageCompression is None else pageCompression
        super().__init__(*args, pageCompression=compress, lang=lang, **kwargs)
        if not lang:
            vars(self._doc.Catalog).pop("Lang", None)

    def save(self) -> None:
        """reportlab's, its names and texts encoded as it encodes them, in less time."""
        with quick_pdf_encoding():
            super().save()

    def runs(self, text: str, font: str | None = None) -> list[tuple[str, str]]:
        font = font or self._fontname
        return self.text_runs(text, font) if self.text_runs is not None else [(text, font)]

    def beginText(self, x=0, y=0, direction=None):  # noqa: N802, ANN001, ANN201
        """reportlab's text object, but one whose combining marks stand over their letter
        (reportlab_fixes.MarkedText): every text of qbank's PDFs begins here."""
        return MarkedText(self, x, y, direction=direction)

    def stringWidth(self, text, fontName=None, fontSize=None):  # noqa: N802, N803, ANN001, ANN201
        size = self._fontsize if fontSize is None else fontSize
        return runs_width(self.runs(text, fontName), size)

    def fit(self, text: str, width: float) -> str:
        """`text` as it is if it fits `width` in the current font, else its longest start
        that fits with an ellipsis after it, cut after a word (textkit.shorten's at_word),
        as the DOCX packet cuts its footer: a cut inside a word read as another word."""
        return textkit.shorten(text, width, self.stringWidth, at_word=True)

    def drawn_runs(
        self, text: str, font: str | None = None, direction: str | None = None
    ) -> list[tuple[str, str]]:
        """`runs` in the order drawn, left to right: a line that holds right-to-left text
        in visual order (qbank.direction), right to left when its first letter is, or as
        `direction` ("LTR", "RTL") says where given."""
        runs = self.runs(text, font)
        if not textkit.has_right_to_left(text):
            return runs
        right_to_left = starts_right_to_left(text) if direction is None else direction == "RTL"
        drawn = visual_runs(
            [part for part, _ in runs], right_to_left, lambda n, c: mirror_in(runs[n][1], c)
        )
        return [(part, runs[n][1]) for n, part in drawn]

    def drawString(self, x, y, text, *args, direction=None, **kwargs):  # noqa: N802, ANN001, ANN002, ANN003, ANN201
        """reportlab's, each character in a font that has it, the line in visual order:
        `direction` ("LTR", "RTL") is its direction where the line's first letter is not
        (the look's words around a bank's title)."""
        runs = self.drawn_runs(text, direction=direction)
        if len(runs) == 1 and runs[0][1] == self._fontname:
            return super().drawString(x, y, runs[0][0], *args, **kwargs)
        font, size, leading = self._fontname, self._fontsize, self._leading
        for part, name in runs:
            self.setFont(name, size, leading)
            super().drawString(x, y, part, *args, **kwargs)
            x += pdfmetrics.stringWidth(part, name, size)
        self.setFont(font, size, leading)
        return None

    def drawRightString(self, x, y, text, *args, **kwargs):  # noqa: N802, ANN001, ANN002, ANN003, ANN201
        return self.drawString(x - self.stringWidth(text), y, text, *args, **kwargs)

    def drawCentredString(self, x, y, text, *args, **kwargs):  # noqa: N802, ANN001, ANN002, ANN003, ANN201
        return self.drawString(x - self.stringWidth(text) / 2, y, text, *args, **kwargs)


def new_canvas(
    path: Path, page: tuple[float, float], theme: Theme, info: dict[str, Any], timestamp: int
) -> FallbackCanvas:
    """A canvas for a PDF drawn page by page (the flashcards, the calibration sheet), with
    `info` from `document_info` and every date `timestamp`. Its initial font is the theme's,
    so that the PDF names no font it does not embed (reportlab's would be Helvetica)."""
    canvas = FallbackCanvas(
        str(path),
        pagesize=page,
        invariant=1,
        initialFontName=theme.fonts.regular,
        lang=info.get("lang"),
    )
    canvas.setDateFormatter(pdf_date(timestamp))
    canvas.setTitle(info["title"])
    canvas.setSubject(info["subject"])
    canvas.setKeywords(", ".join(info["keywords"]))
    canvas.setAuthor(info["author"])
    canvas.setCreator(info["creator"])
    return canvas


# a paragraph style's values that reportlab takes from its rl_config as it is first imported,
# each by its setting's name: a host program's own (hyphenationLang = "de_DE" for its German
# PDFs) hyphenated an English bank's cards by German rules, 'authenticati-on' (a library trial)
_STYLE_SETTINGS = {
    "hyphenationLang": "hyphenationLang",
    "embeddedHyphenation": "embeddedHyphenation",
    "uriWasteReduce": "uriWasteReduce",
    "spaceShrinkage": "spaceShrinkage",
    "linkUnderline": "platypus_link_underline",
    **{key: key for key in ("underlineWidth", "underlineOffset", "underlineGap")},
    **{key: key for key in ("strikeWidth", "strikeOffset", "strikeGap")},
}


def paragraph_style(name: str, **values: Any) -> ParagraphStyle:
    """A paragraph style of qbank's own (not one of another's): `values` over what reportlab
    ships, not over a host program's settings."""
    shipped = {key: getattr(rl_settings, setting) for key, setting in _STYLE_SETTINGS.items()}
    return ParagraphStyle(name, **(shipped | values))


def frame(x: float, y: float, width: float, height: float) -> Frame:
    """A frame of a page's text, without padding, whose flowables' space before and after
    overlap as reportlab's default has it, not as a host program's rl_config says."""
    return Frame(x, y, width, height, 0, 0, 0, 0, overlapAttachedSpace=1)


# the PDF's own word for each --duplex (PDF 1.7, 12.2 Table 150, the viewer preferences)
PDF_DUPLEX = {"long": "DuplexFlipLongEdge", "short": "DuplexFlipShortEdge", "none": "Simplex"}


def print_at_actual_size(canvas: Canvas, duplex: str) -> None:
    """Preset the print dialog of a PDF whose sizes are measured: no scaling to the page,
    and the sides as `duplex` prints them, where the reader honours the preferences."""
    canvas.setViewerPreference("PrintScaling", "None")
    print_sides(canvas, duplex)


def print_sides(canvas: Canvas, duplex: str) -> None:
    """Preset the print dialog's sides as `duplex` prints them (a booklet: "long")."""
    canvas.setViewerPreference("Duplex", PDF_DUPLEX[duplex])
    # a file that says it is PDF 1.7, the version /Duplex is of (reportlab's header says 1.4)
    document = canvas._doc  # this file's own, no setting of reportlab's
    document._pdfVersion = max(document._pdfVersion, (1, 7))


def pdf_date(seconds: int) -> Callable[..., str]:
    """A reportlab date formatter that stamps every PDF date with `seconds` (UTC), so that
    a build's creation date is the bank's and two builds of one bank are identical."""
    stamp = datetime.fromtimestamp(seconds, tz=UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
    return lambda *_: stamp


def load_theme(templates: Templates | None = None) -> Theme:
    """The theme of a build: theme.toml of its look (`templates`; the built-in look when
    none is given), with its fonts registered."""
    templates = templates or Templates()
    values = look.theme_with_later(look.values("theme.toml", templates))
    fonts = {face: templates.font(name) for face, name in values["fonts"].items()}
    heading = values.get("booklet", {}).get(HEADING_FONT)
    if heading:
        fonts["heading"] = templates.font(heading)
    source = templates.path("theme.toml")
    return templates.remember(
        "pdf theme", lambda: Theme(_register_fonts(fonts), values, fonts, source)
    )


def _register_fonts(files: dict[str, Path]) -> Fonts:
    """The theme's fonts, registered with reportlab under names made from the content of
    every file of the set: reportlab's registry is one per process, so a name stands for
    one set of files for ever, and two builds (or a host program's own PDFs) never get
    each other's fonts, whatever order they run in."""
    digest = hashlib.sha256()
    for face, filename in sorted(files.items()):
        digest.update(f"{face}={font_digest(filename)};".encode())
    suffix = digest.hexdigest()[:16]
    names: dict[str, str] = {}
    by_content: dict[str, str] = {}  # one font per file's content: a PDF holds each once
    for face, filename in files.items():
        name = f"qbank-{face}-{suffix}"
        content = font_digest(filename)
        if name not in pdfmetrics.getRegisteredFontNames():
            first = by_content.get(content)
            font = pdfmetrics.getFont(first) if first else _font(name, filename, content)
            _register(name, font)
        by_content.setdefault(content, name)
        names[face] = name
    fonts = Fonts(**{"heading": names["bold"], **names})
    families = {  # the faces <b> and <i> pick; code has no italic; a heading has one face
        fonts.regular: (fonts.bold, fonts.italic, fonts.bold_italic),
        fonts.code: (fonts.code_bold, fonts.code, fonts.code_bold),
    }
    if "heading" in files:
        families[fonts.heading] = (fonts.heading,) * 3
    for family, (bold, italic, bold_italic) in families.items():
        pdfmetrics.registerFontFamily(
            family, normal=family, bold=bold, italic=italic, boldItalic=bold_italic
        )
    return fonts


def _font(name: str, path: Path, content: str) -> QbankFont:
    """The font of the file at `path`, whose SHA-256 is `content`. A look's own font is
    named in the PDF after its content too: its PostScript name may be one of qbank's
    fonts' (a newer Noto Sans), or another of the look's files' (two versions of one font),
    and two fonts of one name in a PDF stopped the build ('redefining named object')."""
    font = QbankFont(name, str(path))
    if not path.is_relative_to(FONTS):
        font.face.name += b"-" + content[:8].encode()
    return font


def _register(name: str, font: QbankFont) -> None:
    """Register `font` as `name`, in the registry getFont reads, and nowhere else.
    reportlab's registerFont also records the font by its face (the file's PostScript
    name) and hands that first font out for every font later registered with the same
    face: a host program's own TTFont of a file of qbank/fonts would become ours, or ours
    the host's."""
    pdfmetrics._fonts[name] = font


@cache
def _font_digest_of(path: Path, size: int, modified: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def font_digest(path: Path) -> str:
    """The SHA-256 of a font file, read once for each size and modification time."""
    stat = path.stat()
    return _font_digest_of(path, stat.st_size, stat.st_mtime_ns)


GLYPHS_NAMED = 5  # questions named for a character the PDF fonts lack; the rest are not


def _fields(question: Question) -> tuple[tuple[str, str], ...]:
    """Every text of a question a PDF may show, by the key that holds it in the bank."""
    return (
        ("question", question.question),
        ("hint", question.hint),
        ("note", question.note or ""),
        ("section", question.section),
        ("look_for", "\n".join(question.look_for)),
        ("follow_ups", "\n".join(question.follow_ups)),
    )


def all_text(question: Question) -> str:
    """Every text of a question a PDF may show."""
    return "\n".join(text for _, text in _fields(question))


def _holding(question: Question, chars: list[str]) -> str:
    """' in its hint and note': the keys of `question` whose texts hold any of `chars`."""
    keys = [key for key, text in _fields(question) if any(c in text for c in chars)]
    if not keys:
        return ""
    return " in its " + textkit.and_list(keys)


class PdfText:
    """Turns bank text into Paragraph markup, each character in a font that draws it (see
    glyphs.py), and warns once per question about each character that no font draws (it
    is drawn as a box)."""

    def __init__(self, theme: Theme, bank: Bank, warn: Warn) -> None:
        self.theme = theme
        self.bank = bank
        self.warn = warn
        fonts = theme.fonts
        faces = (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic)
        code = (fonts.code, fonts.code_bold, fonts.code, fonts.code_bold)  # no italic
        styles = ((False, False), (True, False), (False, True), (True, True))
        self.fallback = Fallback(
            fonts.code,
            {
                fonts.regular: dict(zip(styles, faces, strict=True)),
                fonts.code: dict(zip(styles, code, strict=True)),
            },
            _leads(theme),
        )
        # characters every face draws: most texts hold nothing else, and are checked in C
        self._common = self.fallback.whole(fonts.regular) & self.fallback.whole(fonts.code)
        self._families = (fonts.regular, fonts.code)  # the faces _common is of
        self._warned: set[tuple[str, str]] = set()
        self._named: dict[str, list[str]] | None = None  # see _holders
        self._checked: set[str] = set()
        self._quote = theme.values["colors"]["muted"]  # a quote's text, as the booklet's
        # the tables set as rows of names and cells, too wide for their columns (tell_stacked)
        self.stacked: list[Table] = []
        for said in self._own_font_gaps():
            warn(said)

    def markup(
        self,
        text: str,
        question: Question | None = None,
        section: Section | None = None,
        font: str | None = None,
    ) -> str:
        """Paragraph markup of `text`: of `question`'s, of `section`'s (its name, its
        description), else of the bank's own, set in `font` (the regular face when None);
        its lines keep the spacing rules of that text's language (`spaced`)."""
        self.check(text, question)
        tree = self.bank.rich_text(text)
        if tree is not None:  # a Markdown bank's text, as one paragraph
            markup = rich_markup.flat(tree, self.theme.fonts.code, self._quote)
        else:
            markup = textkit.to_reportlab(text, self.theme.fonts.code)
        if font is not None or not self._common.issuperset(text):
            markup = self.fallback.markup(markup, font or self.theme.fonts.regular)
        return self.directed(self.spaced(markup, question or section), question or section)

    def parts(
        self,
        text: str,
        question: Question | None = None,
        wrap: rich_markup.CodeWrap | None = None,
        blocks: slice = slice(None),
        font: str | None = None,
    ) -> list[str | Picture | Table]:
        """`markup` of `text`, split where a Markdown text shows a picture or a table:
        paragraphs' markup with each picture and table between them, for a PDF that draws
        them (`table`); `wrap` cuts its
        code lines to the paragraph's width, each piece marked (see rich_markup). `blocks`:
        only those of a Markdown text's blocks (a plain text is one block); `font`: the
        paragraphs' (the regular face when None)."""
        tree = self.bank.rich_text(text)
        if tree is None:
            return [self.markup(text, question, font=font)] if not blocks.start else []
        self.check(text, question)
        if blocks != slice(None):
            tree = RichText(tree.blocks[blocks])
        tables = any(isinstance(block, Table) for block in walk(tree.blocks))
        if not (tree.pictures() or tables or (wrap and tree.code_blocks())):
            flat = rich_markup.flat(tree, self.theme.fonts.code, self._quote)
            return [self.drawable(flat, question, font)]
        parts = rich_markup.flat_parts(tree, self.theme.fonts.code, wrap, self._quote)
        return [
            p if isinstance(p, (Picture, Table)) else self.drawable(p, question, font)
            for p in parts
        ]

    def table(
        self,
        table: Table,
        style: ParagraphStyle,
        width: float,
        rules: tuple[colors.Color, colors.Color],
        owner: Question | Section | None = None,
        least: float = 0.0,
        stack: bool = False,
        tallest: float = 0.0,
    ) -> Any:
        """A table of `owner`'s text as a reportlab Table at most `width` wide, its cells
        paragraphs in `style` (the text's): the header's bold with a firm rule under it
        (`rules`: its colour, then the hairlines' under each row), each column aligned as
        written and as wide as its text asks (rich_markup.column_widths), set smaller where
        its words do not fit (rich_markup.TABLE_LEAST_SCALE), never below `least` points
        (a card's least size). It splits between rows, the header repeated at the head of
        the next page, as the booklet's rows draw one.

        A table whose words do not fit even so is set as its rows one under another, each
        cell beside its column's name, as a phone shows a wide table: with `stack` (eight
        columns on a card: columns three letters wide read as nothing, a card review), else
        where its columns are too narrow for a short word (rich_markup.too_narrow: thirty
        columns in the PDF packet drew a letter or two a line).
        With `tallest` (points), a row that with the header is taller than that splits
        inside itself where no whole row fits (_Grid)."""
        from reportlab.platypus import TableStyle

        question = owner if isinstance(owner, Question) else None
        markups = [
            [self.drawable(cell, question) for cell in row]
            for row in rich_markup.table_cells(table, self.theme.fonts.code)
        ]
        align = table.align
        mirrored = textkit.is_right_to_left(self.language(owner))
        if mirrored:  # its first column on the right, as a browser's in such a page
            markups, align = [row[::-1] for row in markups], align[::-1]
        size = style.fontSize
        grid = _Cells(markups, align, style, mirrored)
        floor = grid.floor(size, width)
        if floor > width:
            scale = max(rich_markup.TABLE_LEAST_SCALE, width / floor)
            size = max(least, min(size, round(size * scale * 2) / 2))
            # rounded up to its half point, the words may still not fit: the one below
            lowest = max(least, style.fontSize * rich_markup.TABLE_LEAST_SCALE)
            while size - 0.5 >= lowest and grid.floor(size, width) > width:
                size -= 0.5
            if grid.floor(size, width) > width and (
                stack or rich_markup.too_narrow(len(align), size, width)
            ):
                if not stack:  # a card's is no surprise: every wide table stacks there
                    self.stacked.append(table)
                return self._stacked(grid, size, width, rules, tallest)
        cells, natural, words = grid.measured(size)
        widths = rich_markup.column_widths(
            natural, words, width, size * rich_markup.TABLE_LEAST_COLUMN
        )
        look = _table_look(style, size, rules)
        if min(widths) <= 2 * size * rich_markup.CELL_PAD:
            # more columns than the width holds with their padding (eighty in the PDF
            # packet): reportlab refused a cell narrower than its padding, and the build
            # stopped with 'a bug in qbank'; a letter a line, as the booklet draws them
            pad = min(widths) / 4
            look += [("LEFTPADDING", (0, 0), (-1, -1), pad)]
            look += [("RIGHTPADDING", (0, 0), (-1, -1), pad)]
        side = "RIGHT" if mirrored else "LEFT"
        grid = _Grid(cells, colWidths=widths, repeatRows=1, style=TableStyle(look), hAlign=side)
        grid.tallest = tallest
        return grid

    def _stacked(
        self, grid: _Cells, size: float, width: float, rules: tuple, tallest: float = 0.0
    ) -> Any:
        """`grid`'s rows one under another, each a table of its own that a page never
        splits unless it must: a line a cell, its column's name (in bold) before it, a firm
        rule under each row. Where a row is taller than `tallest` (two hundred columns),
        a page breaks between its cells, and inside a cell taller than that (_Grid)."""
        from reportlab.platypus import Table as Grid
        from reportlab.platypus import TableStyle

        names, *rows = grid.markups
        rows = rows or [[""] * len(names)]  # a header alone: its names, one under another
        pairs = [[name, cell] for row in rows for name, cell in zip(names, row, strict=True)]
        if grid.mirrored:  # its columns were turned: each row's first cell first again,
            # its name on the right
            pairs = [
                [cell, name]
                for row in rows
                for name, cell in reversed(list(zip(names, row, strict=True)))
            ]
        stacked = _Cells(pairs, ("", ""), grid.style)
        cells, natural, _ = stacked.measured(size)
        named = 1 if grid.mirrored else 0  # the names' column
        widths = [min(natural[named], width * rich_markup.STACKED_NAMES)]
        widths.insert(1 - named, width - widths[0])
        inner = _table_look(grid.style, size, rules)[:-2]  # the rules are the outer's
        columns = len(names)
        records = [
            Grid(cells[n * columns : (n + 1) * columns], colWidths=widths, style=inner)
            for n in range(len(rows))
        ]
        heights = [record.wrap(width, tallest)[1] for record in records] if tallest else []
        if any(height > tallest for height in heights):
            # a row taller than most of a page (two hundred cells, or a cell of 1,500
            # words): a table in a table's cell never splits ('too large on page'), so
            # the rows' cells are the rows of one table, each row kept whole where it fits
            look = list(inner)
            for n, height in enumerate(heights):
                first, last = n * columns, (n + 1) * columns - 1
                look.append(("LINEBELOW", (0, last), (-1, last), rich_markup.HEADER_RULE, rules[0]))
                if height <= tallest:
                    look.append(("NOSPLIT", (0, first), (-1, last)))
            flat = _Grid(cells, colWidths=widths, style=TableStyle(look), hAlign="LEFT")
            flat.tallest = tallest
            return flat
        look = [
            ("FONTNAME", (0, 0), (-1, -1), grid.style.fontName),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 0), (-1, -1), rich_markup.HEADER_RULE, rules[0]),
        ]
        records = [[record] for record in records]
        return Grid(records, colWidths=[width], style=TableStyle(look), hAlign="LEFT")

    def tell_stacked(self, stacked: Mapping[str, Iterable[Table]], paper: Paper) -> None:
        """Warn of each table that an artifact (a key of `stacked`: 'the booklet') set as
        its rows one under another on `paper`, once, at its line (else its text's), naming
        the question or the section whose text holds it."""
        where: dict[int, list[str]] = {}
        for artifact, tables in stacked.items():
            for table in tables:
                if artifact not in where.setdefault(id(table), []):
                    where[id(table)].append(artifact)
        if not where:
            return
        bank = self.bank
        texts = [(text, line, what) for text, (line, what) in bank.places.items()]
        for q in bank.questions:
            texts += [(text, q.line, f"question '{q.id}'") for _, text in _fields(q)]
        for text, line, what in texts:
            tree = bank.rich_text(text)
            for table in walk(tree.blocks) if tree else ():
                if isinstance(table, Table) and id(table) in where:
                    at = bank.text_lines[text] + table.line if text in bank.text_lines else line
                    self.warn(
                        f"{bank.source}:{at}: warning: {what}: its table of {table.columns} "
                        f"columns is printed in {textkit.and_list(where.pop(id(table)))} on "
                        f"{paper.label} paper as its rows one under another, each cell beside its "
                        "column's name: side by side, its columns would be narrower than a "
                        "short word; a table of fewer columns stays a table"
                    )

    def drawable(
        self, markup: str, question: Question | None = None, font: str | None = None
    ) -> str:
        """Paragraph markup made elsewhere (rich_markup) with the glyph fallback applied,
        set in `font` (the regular face when None: a question's heading in the fillable
        packet, set in a look's bold font without 'ő', drew a box for it: a review), and
        the spacing of `question`'s language (else the bank's) kept (`spaced`)."""
        if font is not None or not self._common.issuperset(markup):
            markup = self.fallback.markup(markup, font or self.theme.fonts.regular)
        return self.directed(self.spaced(markup, question), question)

    def language(self, owner: Question | Section | None = None) -> str:
        """The language of `owner`'s texts (a question's, a section's; else the bank's)."""
        if isinstance(owner, Question):
            return self.bank.language_of(owner.section)
        if isinstance(owner, Section):
            return self.bank.language_of(owner)
        return self.bank.language

    def direction(self, owner: Question | Section | None = None) -> str | None:
        """How a line of `owner`'s texts runs on a canvas (FallbackCanvas.drawString): "RTL"
        where their language is written right to left, as `directed` sets a paragraph of
        them, else None (as its first letter is)."""
        return "RTL" if textkit.is_right_to_left(self.language(owner)) else None

    def embedded(self, text: str, owner: Question | Section | None = None) -> str:
        """`text` of `owner` (a section's name) to stand among the look's words ('Subtotal
        · {section}'): where its language is written right to left and it holds such
        letters, it runs right to left in its own place, an embedding (UAX #9; the marks
        draw nothing, and direction.py drops them from the line), as it runs alone; in a
        line that runs as its first letter has it, 'Wq עברית' ran 'Wq' first."""
        if textkit.has_right_to_left(text) and textkit.is_right_to_left(self.language(owner)):
            return f"\u202b{text}\u202c"
        return text

    def spaced(self, markup: str, owner: Question | Section | None = None) -> str:
        """`markup` whose lines never break at a space that the language of `owner`'s
        texts keeps with a mark beside it: French's before ? ! ; : » and after «, and in
        any language a number's before its % sign or unit (see join_kept_spaces)."""
        language = self.language(owner)
        if not textkit.may_keep_spaces(markup, language):
            return markup
        return join_kept_spaces(markup, self.theme.fonts.code, language)

    def directed(self, markup: str, owner: Question | Section | None = None) -> str:
        """`markup` whose paragraph runs right to left when the language of `owner`'s texts
        is written so and it holds right-to-left letters (reportlab_fixes.Paragraph)."""
        if textkit.has_right_to_left(markup) and textkit.is_right_to_left(self.language(owner)):
            return RightToLeftMarkup(markup)
        return markup

    def runs(self, text: str, font: str) -> list[tuple[str, str]]:
        """`text` as (text, font name) runs, each in a font that draws it (see glyphs.py).
        What the regular and code faces draw is taken as it is in those faces alone: a
        look's bold font without the 'ő' its regular font has drew a box for it in every
        question and running header (a brand trial)."""
        if font in self._families and self._common.issuperset(text):
            return [(text, font)]
        return self.fallback.runs(text, font)

    def fit(self, text: str, font: str, size: float, width: float) -> str:
        """`text` as it is if it fits `width`, measured in the fonts that draw it, else its
        start cut after the last word that fits, with an ellipsis: the PDF packet's scorecard
        cut inside a word ('what security risks do they introd…', French 'de mé…'), where
        the DOCX packet's cuts after one (a visual review)."""
        return textkit.shorten(
            text, width, lambda part: runs_width(self.runs(part, font), size), at_word=True
        )

    def check(self, text: str, question: Question | None = None, where: str = "") -> None:
        """Warn about the characters of `text` that no font draws: of `question`'s, or of
        the bank text it is, or of the look's words at `where` (a file and its key)."""
        if self._common.issuperset(text):
            return
        if question is None:  # a table's cell, a header: the question whose text it is
            question = self._owner(text)
        if question is not None and question.id not in self._checked:
            # the first look at a question checks all its text, so that one warning names
            # every character it lacks
            self._checked.add(question.id)
            text = "\n".join((text, all_text(question)))
        # the look's words share one key: a character is named once, with the first file
        # and key that hold it (see check_look)
        key = question.id if question else text if text in self.bank.places else "the look"
        missing = [char for char in self._boxes(text) if (key, char) not in self._warned]
        self._warned.update((key, char) for char in missing)
        last = ""
        if question is not None and missing:
            # a character is named in the first GLYPHS_NAMED questions of the bank that
            # hold it, whichever order an exporter meets them in (so that the booklet's and
            # the packet's warnings are one): a bank with Arabic in 25 questions listed its
            # letters 25 times (a trial)
            holders, qid = self._holders(), question.id
            missing = [c for c in missing if qid in holders.get(c, [qid])[:GLYPHS_NAMED]]
            # the last question named for a character that more questions hold says so
            capped = [
                c
                for c in missing
                if len(holders.get(c, ())) > GLYPHS_NAMED and holders[c][GLYPHS_NAMED - 1] == qid
            ]
            if capped:
                last = (
                    f" (later questions that hold {textkit.describe_characters(capped)} are "
                    "not named)"
                )
        if missing:
            held = ""  # the keys of the question that hold them
            if where:
                where = f"{where}: warning"
            elif question:
                where = f"{self.bank.location(question)}: warning: question '{question.id}'"
                held = _holding(question, missing)
            elif place := self.bank.places.get(text):
                where = f"{self.bank.source}:{place[0]}: warning: {place[1]}"
            else:  # not the bank's: a word of the look (its words files, --templates)
                where = f"warning: the look's words {text.strip()[:40]!r}"
            self.warn(
                f"{where}: the PDF fonts have no glyph for "
                f"{textkit.describe_characters(missing)}{held}; the PDFs draw each as a box{last}"
            )

    def check_look(self, words: dict[str, Any], file: Path | str, table: str = "") -> None:
        """Warn about the characters of a look's `words` (a words file's values, tables and
        lists included) that no font draws, each named with `file` and its key: the
        texts the PDF then makes of them (upper-cased, filled in) are not the file's."""
        for key, value in words.items():
            name = f"[{table}] {key}" if table else key  # as look's problems name a key
            if isinstance(value, dict):
                self.check_look(value, file, f"{table}.{key}" if table else key)
            elif isinstance(value, str):
                self.check(value, where=f"{file}: {name}")
            elif isinstance(value, list):
                for n, item in enumerate(value, 1):
                    if isinstance(item, str):
                        self.check(item, where=f"{file}: {name} (item {n})")

    def _boxes(self, text: str) -> list[str]:
        """The characters of `text` no font draws, each once, in order (code in the code
        font)."""
        fonts = self.theme.fonts
        found: dict[str, None] = {}
        for run in textkit.runs(text):
            font = fonts.code if run.code else fonts.regular
            found.update(dict.fromkeys(self.fallback.boxes(run.text, font)))
        return list(found)

    def _own_font_gaps(self) -> list[str]:
        """A warning at the theme.toml line of each font of the look's own (once per file)
        that lacks characters the bank's texts use in its faces (code in the code faces,
        the rest in the others): the PDFs print each in one of qbank's fonts, whose
        letters look unlike the brand's beside them (a brand font without 'ő' or '€'
        changed font mid-word without a word). Nothing to do for qbank's own fonts."""
        theme = self.theme
        own = {f: p for f, p in theme.files.items() if not p.is_relative_to(FONTS)}
        if not own or theme.source is None:
            return []
        # for code and for the rest: each character, and the first text that uses it: the
        # bank's title, description and organisation, then its questions (a title in
        # Cyrillic, on the cover in a brand font without it, went unsaid: a review)
        bank = self.bank
        places = [
            (text, f"{what}, {bank.source}:{line}") for text, (line, what) in bank.places.items()
        ]
        asked = [f"question '{q.id}', {bank.location(q)}" for q in bank.questions]
        first = _first_uses(places + list(zip(map(all_text, bank.questions), asked, strict=True)))
        # a heading font sets the bank's title, the sections' and the questions alone: a
        # character only a hint held was said of it, at a question that did not show it
        title = [(t, w) for t, w in places if t == bank.title]
        headings = [f"{q.section}\n{q.question}" for q in bank.questions]
        heading = _first_uses(title + list(zip(headings, asked, strict=True)))[False]
        problems = []
        named: set[str] = set()
        builtin = _builtin_faces()
        for face in own:
            keys = ("booklet", HEADING_FONT) if face == "heading" else ("fonts", face)
            value = theme.values[keys[0]][keys[1]]
            if value in named:
                continue
            named.add(value)
            font = getattr(theme.fonts, face)
            has = self.fallback.covered(font)
            uses = heading if face == "heading" else first[face.startswith("code")]
            lacks = [
                c
                for c in uses
                if c not in has and not invisible(c) and self.fallback.fallback(ord(c), font)
            ]
            if lacks:
                said = _gaps(f"[{keys[0]}] {keys[1]}", value, lacks, uses, builtin[face])
                problems.append(look.at(keys, look.Advisory(said)))
        return look.located(theme.source, problems)

    def _holders(self) -> dict[str, list[str]]:
        """For each character no font draws: the first GLYPHS_NAMED questions of the bank
        that hold it, and one more if there are more, by id; read once."""
        if self._named is None:
            named: dict[str, list[str]] = {}
            for q in self.bank.questions:
                for char in self._boxes(all_text(q)):
                    ids = named.setdefault(char, [])
                    if len(ids) <= GLYPHS_NAMED:
                        ids.append(q.id)
            self._named = named
        return self._named

    def _owner(self, text: str) -> Question | None:
        """The first question whose section is `text`, or whose question (as written, or as
        a table shows it: its words, on one line, perhaps cut short) starts as `text` does:
        such text is warned about with the question's location, once."""
        start = textkit.one_line(text).removesuffix(textkit.ELLIPSIS)
        for q in self.bank.questions:
            if text == q.section or any(
                textkit.one_line(shown).startswith(start)
                for shown in (q.question, self.bank.flat(q.question))
            ):
                return q
        return None


def _first_uses(texts: list[tuple[str, str]]) -> dict[bool, dict[str, str]]:
    """For code (True) and for the rest (False): each character of `texts` (text, where
    it stands), and where the first text that uses it stands."""
    first: dict[bool, dict[str, str]] = {False: {}, True: {}}
    for text, where in texts:
        for run in textkit.runs(text):
            for char in dict.fromkeys(run.text):
                first[run.code].setdefault(char, where)
    return first


def _builtin_faces() -> dict[str, str]:
    """The font file of each face of the built-in look (its theme.toml's [fonts]); a
    heading is set in its bold face."""
    faces = look.values("theme.toml", Templates())["fonts"]
    return {**faces, "heading": faces["bold"]}


def _leads(theme: Theme) -> dict[str, tuple[str, bool]]:
    """For each face of the look's own: the built-in look's font of that face (its weight
    and style), which draws the characters it lacks before the rest of the chain; the
    very font of a face of `theme` whose file is the same, since a PDF holds a font once."""
    own = {f: p for f, p in theme.files.items() if not p.is_relative_to(FONTS)}
    if not own:
        return {}
    builtin = _builtin_faces()
    by_content = {font_digest(p): getattr(theme.fonts, f) for f, p in theme.files.items()}
    leads: dict[str, tuple[str, bool]] = {}
    for face in own:
        filename = builtin[face]
        same = by_content.get(font_digest(FONTS / filename))
        leads[getattr(theme.fonts, face)] = (same, False) if same else (filename, True)
    return leads


OWN_GAPS_NAMED = 5  # characters a look's font lacks, named; the rest are counted


def _gaps(key: str, value: str, lacks: list[str], first: dict[str, str], builtin: str) -> str:
    """What a look's font at `key` that lacks the bank's `lacks` (each with the first
    question that uses it, `first`) means, and what to do; `builtin`: the built-in look's
    font of that face, which prints them."""
    by_question: dict[str, list[str]] = {}
    for char in lacks[:OWN_GAPS_NAMED]:
        by_question.setdefault(first[char], []).append(char)
    named = "; ".join(
        f"{textkit.describe_characters(chars)} (first in {where})"
        for where, chars in by_question.items()
    )
    if len(lacks) > OWN_GAPS_NAMED:
        named += f"; and {len(lacks) - OWN_GAPS_NAMED:,} more"
    return (
        f"{key}: {value!r} has no glyph for characters the bank uses: {named}. The "
        f"PDFs print each of them in qbank's own font for that face, {builtin} (or in "
        "another of qbank's fonts where that lacks it too), which looks unlike the rest of "
        "the text; name a version of the font that has them (often sold as 'Pro' or "
        "'Extended'), or leave them out of the bank"
    )


class Inset(Flowable):
    """`inner` (a table) drawn `indent` in from the left of the room it is given, or on its
    right where it stands so (hAlign 'RIGHT': a right-to-left text's), split as it splits:
    a table in a list item or a quote stands in with its text."""

    def __init__(self, inner: Flowable | None, indent: float, space_before: float = 0.0) -> None:
        super().__init__()
        self.inner, self.indent, self.spaceBefore = inner, indent, space_before

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.drawn, self.height = self.inner.wrap(avail_width - self.indent, avail_height)
        self.width = avail_width
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.inner.split(avail_width - self.indent, avail_height)
        return [
            Inset(part, self.indent, self.spaceBefore * (n == 0)) for n, part in enumerate(parts)
        ]

    def draw(self) -> None:
        # on the right of its room where it stands so (a right-to-left text's table)
        right = getattr(self.inner, "hAlign", "LEFT") == "RIGHT"
        self.inner.drawOn(self.canv, self.width - self.drawn if right else self.indent, 0)


class _Grid(ReportlabTable):
    """A table that splits between its rows, and inside one only where that row and the
    header above it are taller than `tallest` (points; 0: never): a cell of 1,800 words
    stopped the PDF packet ('too large on page'), and reportlab's own splitInRow splits
    inside a row wherever no whole row fits, leaving a sliver of a row at a page's foot."""

    tallest = 0.0

    def split(self, availWidth: float, availHeight: float) -> list:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        heights = getattr(self, "_rowHeights", None) or []
        if not parts and self.tallest and len(heights) > 1 and sum(heights[:2]) > self.tallest:
            parts = self._splitRows(availHeight, doInRowSplit=1)
        for part in parts:  # (reportlab makes the parts of this class, not of this table)
            part.tallest = self.tallest
        return parts


class _Cells:
    """A table's cells' markup (the header's row first), to be set as paragraphs at a size:
    each column's natural width and widest word there, padding included."""

    def __init__(
        self,
        markups: list[list[str]],
        align: tuple[str, ...],
        style: ParagraphStyle,
        mirrored: bool = False,
    ):
        self.markups, self.align, self.style = markups, align, style
        self.mirrored = mirrored  # its columns from the right (a right-to-left text's)
        self._measured: dict[float, tuple] = {}

    def floor(self, size: float, width: float) -> float:
        """The room the columns' widest words take, each at most its share of `width`."""
        words = self.measured(size)[2]
        return rich_markup.words_room(words, width)

    def measured(self, size: float) -> tuple[list[list[Any]], list[float], list[float]]:
        from qbank.reportlab_fixes import Paragraph

        if size in self._measured:
            return self._measured[size]
        style = self.style
        pad = size * rich_markup.CELL_PAD * 2 + rich_markup.CELL_SLACK
        aligned = {
            align: style.clone(
                f"{style.name}-cell-{align}-{size}",
                fontSize=size,
                leading=style.leading * size / style.fontSize,
                alignment={"center": 1, "right": 2}.get(align, 0),
                leftIndent=0,
                rightIndent=0,
                firstLineIndent=0,
                bulletIndent=0,
                spaceBefore=0,
                spaceAfter=0,
            )
            for align in set(self.align)
        }
        cells = [
            [Paragraph(m, aligned[a]) for m, a in zip(row, self.align, strict=True)]
            for row in self.markups
        ]
        natural = [0.0] * len(self.align)
        words = [0.0] * len(self.align)
        for row in cells:
            for c, cell in enumerate(row):
                # its words before its lines (reportlab_fixes.Paragraph.breakLines); an
                # address by its pieces, which the column breaks it into
                words[c] = max(words[c], widest_word(cell, size, 1.0, cell=True) + pad)
                cell.wrap(1e6, 1e6)
                line = max(cell.getActualLineWidths0() or [0.0])
                natural[c] = max(natural[c], line + pad)
        self._measured[size] = cells, natural, words
        return cells, natural, words


def _table_look(style: ParagraphStyle, size: float, rules: tuple) -> list[tuple]:
    """A table's TableStyle commands at `size`: its cells' padding, the rule under its
    header, the hairlines under its rows (the last two). Its font is the text's: a table
    sets Helvetica for every cell otherwise, which the PDF then names unembedded."""
    pad = size * rich_markup.CELL_PAD
    above = style.leading * size / style.fontSize * rich_markup.CELL_PAD_ABOVE
    header, row = rules
    return [
        ("FONTNAME", (0, 0), (-1, -1), style.fontName),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), above),
        ("BOTTOMPADDING", (0, 0), (-1, -1), above),
        ("LINEBELOW", (0, 1), (-1, -1), rich_markup.ROW_RULE, row),
        ("LINEBELOW", (0, 0), (-1, 0), rich_markup.HEADER_RULE, header),
    ]


def runs_width(runs: list[tuple[str, str]], size: float) -> float:
    """The width of (text, font name) runs at `size`."""
    return sum(pdfmetrics.stringWidth(text, font, size) for text, font in runs)


# Where a line may end without breaking a word: blanks and soft hyphens, and beside every
# character of a script written without spaces between words (Chinese, Japanese, Korean
# Hangul among them, Thai, Lao, Khmer, Myanmar), which reportlab breaks anywhere
# (a no-break space joins the words beside it, as the paragraphs keep it)
_BREAKS = re.compile(
    rf"((?:[^\S{textkit.NO_BREAK_SPACES}]|\u00ad)+|[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
    r"\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef])"
)


def widest_word(
    paragraph: Any, size: float, width: float, pieces: bool = False, cell: bool = False
) -> float:
    """The widest word of a reportlab paragraph set at `size`, with its indent, as a share of
    `width` (more than 1: reportlab, which breaks at spaces and soft hyphens only, would
    break it inside); 0 when no word could be that wide. With `pieces`, the widest piece of
    a word between the places it may break after its separators (text.separator_pieces);
    with `cell`, as a table's column holds it (text.cell_pieces: an address's pieces, a
    word of prose whole)."""
    style = paragraph.style
    indent = max(style.leftIndent, style.leftIndent + style.firstLineIndent)
    room = width - indent
    # no character is wider than 1.2 em: a text without a long word needs no measuring
    longest = max(map(len, textkit.line_words(str(getattr(paragraph, "text", "")))), default=0)
    if longest * size * 1.2 <= room:
        return 0.0
    if cell:
        # a line that goes on inside a code span starts with a mark (break_long_tokens)
        mark = getattr(style, "code_continued", None)
        lead = pdfmetrics.stringWidth(CODE_CONTINUED, mark, size) if mark else 0.0
        widest = max((sum(bit) for bit in _cell_pieces(paragraph.frags, lead)), default=0.0)
        return widest / room if room > 0 else float("inf")
    widest = current = 0.0
    for frag, measure, font_size, parts in _split_frags(paragraph.frags):
        for n, part in enumerate(parts):
            if n % 2:  # blanks end a word; a CJK character is one alone
                blank = part[0].isspace() or part[0] == "\u00ad"
                current = 0.0 if blank else measure(part, font_size)
            elif part and pieces:
                bits = textkit.separator_pieces(part, code=monospace(frag.fontName))
                for k, bit in enumerate(bits):
                    current += measure(bit, font_size)
                    widest = max(widest, current)
                    if k + 1 < len(bits):  # it may break here
                        current = 0.0
            elif part:
                current += measure(part, font_size)
            widest = max(widest, current)
    return widest / room if room > 0 else float("inf")


def _split_frags(frags: list) -> Iterator[tuple[Any, Callable, float, list[str]]]:
    """Each frag that holds text, its font's own measure (as pdfmetrics.stringWidth calls
    it, looked up once a frag), its size, and its text split at _BREAKS, the split keeping
    its group: the texts between breaks, then each break, in turn."""
    for frag in frags:
        text = getattr(frag, "text", "")
        if text:
            measure = pdfmetrics.getFont(frag.fontName).stringWidth
            yield frag, measure, frag.fontSize, _BREAKS.split(text)


def _cell_pieces(frags: list, lead: float = 0.0) -> Iterator[list[float]]:
    """The widths of the characters of each piece of each word in `frags` that a table's
    column keeps whole (text.cell_pieces), a word read whole over its frags: reportlab
    parts a text at each escaped character, and '<script>alert(1)</script>' read as
    '/script' was a path cut after its '/' (a card review). A piece of code but its span's
    first starts its line after the `lead` wide mark."""
    chars: list[str] = []
    widths: list[float] = []
    code = False
    span = [0]  # the pieces of the current code span so far

    def pieces() -> Iterator[list[float]]:
        at = 0
        for bit in textkit.cell_pieces("".join(chars), code=code):
            if code and span[0]:
                yield [lead, *widths[at : at + len(bit)]]
            else:
                yield widths[at : at + len(bit)]
            span[0] += code
            at += len(bit)

    for frag, measure, font_size, parts in _split_frags(frags):
        for n, part in enumerate(parts):
            if n % 2:  # blanks end a word; a CJK character is one alone
                yield from pieces()
                blank = part[0].isspace() or part[0] == "\u00ad"
                chars, widths, code = [], [], False
                if not blank:
                    chars, widths = [part], [measure(part, font_size)]
            elif part:
                chars += part
                widths += [measure(char, font_size) for char in part]
                code = code or monospace(frag.fontName)
        if not monospace(frag.fontName):  # the code span, if any, ends
            span[0] = 0
    yield from pieces()


def words_whole(paragraph: Any, width: float, floor: float) -> Any:
    """A heading's `paragraph` as it is, or, when a word of it is wider than `width`, the
    same set smaller, its leading with it, so that the word fits, down to `floor` points: a
    German title's 'Arbeitssicherheitsschulungsu|nterlagen' was cut where the line ended,
    with no hyphen (a print trial). A word too wide even at `floor` leaves it as it was, to
    break there, as a card's text does."""
    style = paragraph.style
    size = style.fontSize
    share = widest_word(paragraph, size, width)
    if share <= 1 or size / share < floor:
        return paragraph
    smaller = size / share * 0.995  # a hair under: the measure is not the breaker's
    fitted = style.clone(
        f"{style.name}-whole", fontSize=smaller, leading=style.leading * smaller / size
    )
    return type(paragraph)(paragraph.text, fitted)


def fit_width(text: str, font: str, size: float, width: float) -> str:
    """`text` as it is if it fits `width` in `font` at `size`; else its longest start that
    fits with an ellipsis after it (for one-line labels: headers, section names)."""
    return textkit.shorten(text, width, lambda s: pdfmetrics.stringWidth(s, font, size))


# a tag of reportlab's paragraph markup: </b>, <font face="x">, <br/>
_TAG = re.compile(r"<(/?)([A-Za-z]+)\b[^>]*?(/?)>")


def join_kept_spaces(markup: str, code_font: str = "", language: str = "fr") -> str:
    """Paragraph markup whose spaces that `language` keeps with a mark beside them
    (textkit.kept_spaces, found in the markup's text, its tags set aside: '« <b>mot</b> »')
    are each a textkit.LAYOUT_SPACE: reportlab breaks no line there, and the PDF's text
    reads it as the plain space that was typed. A line break (<br/>) ends the text before
    it; code (in `code_font`) is left as it is: 'a ? b : c' is no French (a card's comment
    wrapped to a row of '!' alone: a visual review)."""
    pieces: list[str] = []  # the markup's text; a <br/> as a newline, other tags as nothing
    where: list[int] = []  # the place in `markup` of each of its characters
    code: list[bool] = []  # whether each is code
    faces: list[bool] = []  # the open <font> tags: whether each is the code font
    at = 0

    def text_to(end: int) -> None:  # markup[at:end], a character reference as its character
        text, places = textkit.markup_text(markup, at, end)
        pieces.append(text)
        where.extend(places)
        code.extend([any(faces)] * len(text))

    for tag in _TAG.finditer(markup):
        text_to(tag.start())
        name = tag[2].lower()
        if name == "br":
            pieces.append("\n")
            where.append(-1)
            code.append(False)
        elif name == "font" and not tag[3]:
            if tag[1]:
                faces = faces[:-1]
            else:
                faces.append(
                    bool(code_font) and (f'"{code_font}"' in tag[0] or f"'{code_font}'" in tag[0])
                )
        at = tag.end()
    text_to(len(markup))
    # a run of spaces is already a space and layout spaces (textkit._escape_reportlab)
    text = "".join(pieces).replace(textkit.LAYOUT_SPACE, " ")
    chars = list(markup)
    for start, end in textkit.kept_spaces(text, language):
        for i in range(start, end):
            if chars[where[i]] == " " and not code[i]:
                chars[where[i]] = textkit.LAYOUT_SPACE
    return "".join(chars)


LINES_A_PARAGRAPH = 20


def line_paragraphs(markup: str, style: Any) -> list[Any]:
    """`markup` (one paragraph's, its lines parted by <br/>) as paragraphs of some
    LINES_A_PARAGRAPH lines each, cut only where no element is open, set as one: reportlab
    splits a paragraph over pages in a time that grows with the square of its lines (a
    section's description of 5,000 lines took 18 s)."""
    from qbank.reportlab_fixes import Paragraph  # the paragraph every PDF of qbank sets

    lines = markup.split("<br/>")
    if len(lines) <= LINES_A_PARAGRAPH:
        return [Paragraph(markup, style)]
    kind = type(markup)  # RightToLeftMarkup's chunks are too
    chunks: list[list[str]] = [[]]
    depth = 0
    for line in lines:
        # never after an empty line: a paragraph's closing <br/> is dropped, and with it
        # the blank line between two of the text's paragraphs (a review)
        if depth == 0 and len(chunks[-1]) >= LINES_A_PARAGRAPH and chunks[-1][-1].strip():
            chunks.append([])
        chunks[-1].append(line)
        for tag in _TAG.finditer(line):
            if not tag[3]:
                depth = max(0, depth + (-1 if tag[1] else 1))
    if len(chunks) == 1:  # no place to cut (an element open across every line)
        return [Paragraph(markup, style)]
    first = style.clone(f"{style.name}-first", spaceAfter=0)
    middle = style.clone(f"{style.name}-middle", spaceBefore=0, spaceAfter=0)
    last = style.clone(f"{style.name}-last", spaceBefore=0)
    styles = [first, *[middle] * (len(chunks) - 2), last]
    return [Paragraph(kind("<br/>".join(c)), st) for c, st in zip(chunks, styles, strict=True)]
