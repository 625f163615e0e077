"""Rich text: the small tree a Markdown bank's text is parsed into, once, by the bank reader.

Plain data, no I/O: each exporter renders these blocks in its own format and none parses
Markdown itself. Inline text is a sequence of `Span`s (a run of characters with its
emphasis, strength, code and link), which every format can draw without nesting rules.
Pictures carry their bytes, read and checked by the bank reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from qbank.text import runs

# A picture is never drawn larger than its pixels at this resolution, in any artifact
PICTURE_DPI = 150
# The share of a page's text height a picture may take: half, so that the text around it
# has room; and for one of two or more in a row (a question that compares two diagrams),
# 0.35, so that two of them and a few lines of text above them share a page, as a reader
# sees them together. Each capped at half, two tall pictures never shared a page: the first
# ended one under the question, the second stood alone on the next (a print review).
PICTURE_SHARE, PICTURE_IN_A_ROW_SHARE = 0.5, 0.35
# The pictures of one question share its page where they can: two with a few words
# between them, or three in a row, took two pages at their shares, the first left
# under the question and the rest on the next (a print review). Each is made smaller,
# all by one factor, for the question's text and all its pictures to fit one page; none
# below this share of the page's text height (nor below its own height), as smaller a
# diagram's labels are no longer read. Where even that does not fit, they keep their size.
PICTURE_LEAST_SHARE = 0.2


def shared_heights(heights: list[float], room: float, least: float) -> list[float] | None:
    """The heights pictures drawn `heights` tall take to fit `room` together: each the
    same share of its own, but none below `least` (nor its own height, if lower); as
    they are when they fit; None when they fit in no such way."""
    floors = [min(h, least) for h in heights]
    if sum(heights) <= room:
        return list(heights)
    if sum(floors) > room:
        return None

    def scaled(factor: float) -> list[float]:
        return [max(floor, h * factor) for h, floor in zip(heights, floors, strict=True)]

    low, high = 0.0, 1.0  # the largest factor that fits: a few halvings to a tenth of a point
    while high - low > 1e-4:
        middle = (low + high) / 2
        low, high = (middle, high) if sum(scaled(middle)) <= room else (low, middle)
    return scaled(low)


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text in one style. `href` makes it a link's text; `newline` is a hard
    line break (its text is empty), `backslash` one written as a backslash at the line's
    end (not two blanks), which Markdown before CommonMark (Moodle's) shows as typed."""

    text: str
    emphasis: bool = False
    strong: bool = False
    code: bool = False
    href: str | None = None
    newline: bool = False
    backslash: bool = field(default=False, compare=False, repr=False)


def address_after(span: Span) -> bool:
    """Whether flat print (a PDF, a Word document) shows a link span's address after its
    words: not when the words are the address, as an autolink's are (<a@b.org> reads
    'a@b.org' and opens mailto:a@b.org: it printed twice), or the address without its
    'https://' ([cs101.example.edu](https://cs101.example.edu) printed it twice too: a
    teacher's trial), a final '/' aside."""
    if span.href is None:
        return False
    shown = span.text.rstrip("/")
    href = span.href.rstrip("/")
    return shown not in (href, href.removeprefix("mailto:"), _WEB_SCHEME.sub("", href, count=1))


_WEB_SCHEME = re.compile(r"^https?://", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Paragraph:
    spans: tuple[Span, ...]
    # the characters its words write after a backslash (`\<`), code spans aside: CommonMark
    # shows any punctuation so, Markdown before it (Moodle's) some alone, others with the
    # backslash
    escaped: str = field(default="", compare=False, repr=False)
    # a line of its words starts with ':' and a blank, which Markdown Extra (Moodle's)
    # reads as a definition list's, the line before as its term
    colon_line: bool = field(default=False, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A fenced code block. `language` is as written after the fence ('' for none); the
    text has no final line break."""

    language: str
    text: str
    # its lines as highlighted (qbank.highlight.block_lines), set on first use: every
    # artifact of a build reads the same tree, so each block is lexed once per build
    highlighted: tuple | None = field(default=None, compare=False, repr=False)
    line: int = field(default=0, compare=False)  # its fence's in its text, from 0


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bullet list, or a numbered one counting from `start`; each item is its blocks.
    A `loose` one (CommonMark's: its items apart by a blank line, or one of them holding two
    paragraphs) shows its items apart as paragraphs are; a tight one's stand close."""

    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    start: int = 1
    loose: bool = False
    # as written, which shows the same in CommonMark and so in every artifact but which
    # Markdown before CommonMark (Moodle's) reads as text: a list outside any other on the
    # line after a paragraph's, with no blank line between, and numbers ending in ')'
    after_text: bool = field(default=False, compare=False, repr=False)
    parenthesis: bool = field(default=False, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Quote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Picture:
    """An image: `![alt](path)`. `path` as written in the bank, `data` the file's bytes,
    `kind` 'png', 'jpeg' or 'gif' as sniffed from them, and its size in pixels. A picture
    stands as a block of its own: one written inside a sentence follows that paragraph.
    `in_a_row`: the block before or after it is a picture too (see PICTURE_SHARE)."""

    alt: str
    path: str
    data: bytes
    kind: str
    width: int
    height: int
    in_a_row: bool = False
    line: int = field(default=0, compare=False)  # its markup's in its text, from 0

    @property
    def share(self) -> float:
        """The share of a page's text height it may take (PICTURE_SHARE)."""
        return PICTURE_IN_A_ROW_SHARE if self.in_a_row else PICTURE_SHARE

    @property
    def mime(self) -> str:
        return f"image/{self.kind}"

    def points(self) -> tuple[float, float]:
        """Its width and height in points at PICTURE_DPI, the largest it is drawn."""
        return self.width * 72 / PICTURE_DPI, self.height * 72 / PICTURE_DPI


@dataclass(frozen=True, slots=True)
class Table:
    """A table as GitHub writes one: a header row, then rows, under a `| --- |` line. Each
    cell is a Paragraph of inline spans (a cell holds no blocks: no list, code block or
    picture); an empty cell has no spans. Every row has as many cells as the header, a
    short row filled with empty cells. `align` gives each column's alignment as written in
    the line under the header (`:--`, `:-:`, `--:`): 'left', 'center', 'right', or '' where
    none is written."""

    header: tuple[Paragraph, ...]
    rows: tuple[tuple[Paragraph, ...], ...]
    align: tuple[str, ...]
    line: int = field(default=0, compare=False)  # its header's in its text, from 0

    @property
    def columns(self) -> int:
        return len(self.header)

    def cells(self) -> list[Paragraph]:
        """Every cell, the header's first, row by row."""
        return [*self.header, *(cell for row in self.rows for cell in row)]


Block = Paragraph | CodeBlock | ListBlock | Quote | Picture | Table


@dataclass(frozen=True, slots=True)
class RichText:
    """One text field of a Markdown bank as blocks."""

    blocks: tuple[Block, ...]

    def plain(self, markers: bool = True) -> str:
        """The words without their markup, one paragraph a line, a list's items after
        their number or bullet: for a single line (a bookmark, a header), a search field or
        an app that shows no markup (Quizlet)."""
        return "\n".join(_plain_lines(self.blocks, markers))

    def pictures(self) -> list[Picture]:
        return [b for b in walk(self.blocks) if isinstance(b, Picture)]

    def code_blocks(self) -> list[CodeBlock]:
        return [b for b in walk(self.blocks) if isinstance(b, CodeBlock)]


def in_a_row(blocks: list[Block]) -> tuple[Block, ...]:
    """`blocks` with each picture beside another marked `in_a_row`."""
    pictures = [isinstance(block, Picture) for block in blocks]
    return tuple(
        replace(block, in_a_row=True)
        if isinstance(block, Picture) and any(pictures[max(n - 1, 0) : n] + pictures[n + 1 : n + 2])
        else block
        for n, block in enumerate(blocks)
    )


def walk(blocks: tuple[Block, ...]):
    """Every block, nested ones included, in reading order."""
    for block in blocks:
        yield block
        if isinstance(block, ListBlock):
            for item in block.items:
                yield from walk(item)
        elif isinstance(block, Quote):
            yield from walk(block.blocks)
        elif isinstance(block, Table):  # its cells, as the paragraphs they are
            yield from block.cells()


def span_text(spans: tuple[Span, ...]) -> str:
    """The characters of spans as read: a link's address follows its text."""
    parts = []
    for span in spans:
        parts.append("\n" if span.newline else span.text)
    return "".join(parts)


def as_plain_bank(spans: tuple[Span, ...]) -> str:
    """The spans as a plain bank writes them: each code span between as many backticks as
    its own text needs (Markdown's rule, which a plain bank's text follows), the rest as
    read; for a cell that shows text as a plain bank's, whose code spans stay code with
    their own backticks ('``use `str.join` ``' lost its backticks: a trial)."""

    def written(fence_words: bool) -> str:
        parts = []
        for span in spans:
            if span.newline:
                parts.append("\n")
            elif span.code and span.text.strip():
                parts.append(_as_code_span(span.text))
            elif fence_words:  # a backtick of the words (Markdown's \`) as code of its own
                parts.append(re.sub("`+", lambda run: _as_code_span(run[0]), span.text))
            else:
                parts.append(span.text)
        return "".join(parts)

    # the words' backticks as typed, unless they would pair into code: a time plan cut
    # "use `` ` ``" to "use `` `…" (a review)
    bare = written(False)
    wanted = [("\n", False) if span.newline else (span.text, span.code) for span in spans]
    return bare if _read_as(bare) == _joined(wanted) else written(True)


def _read_as(text: str) -> list[tuple[str, bool]]:
    """How a plain bank's text is read: (text, is code) runs, neighbours of one kind joined."""
    return _joined([(run.text, run.code) for run in runs(text)])


def _joined(runs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    joined: list[tuple[str, bool]] = []
    for text, code in runs:
        if joined and joined[-1][1] == code:
            joined[-1] = (joined[-1][0] + text, code)
        elif text:
            joined.append((text, code))
    return joined


def _as_code_span(text: str) -> str:
    """`text` as a code span: between more backticks than it holds in a row, and a blank
    each side when it starts or ends with one."""
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _plain_lines(blocks: tuple[Block, ...], markers: bool = True) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(span_text(block.spans))
        elif isinstance(block, CodeBlock):
            lines.append(block.text)
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, start=block.start):
                marker = (f"{number}. " if block.ordered else "\u2022 ") if markers else ""
                item_lines = _plain_lines(item, markers) or [""]
                lines.append(marker + item_lines[0])
                lines.extend(" " * len(marker) + line for line in item_lines[1:])
        elif isinstance(block, Quote):
            lines.extend(_plain_lines(block.blocks, markers))
        elif isinstance(block, Picture):
            lines.append(block.alt)
        elif isinstance(block, Table):  # a row a line, its cells apart by ' | '
            for row in (block.header, *block.rows):
                lines.append(" | ".join(span_text(cell.spans) for cell in row))
    return lines
