"""HTML from an LMS back into a Markdown bank's text: the HTML is read into qbank.rich's
blocks, which are written as CommonMark.

The reading keeps what a Markdown bank can hold: paragraphs and line breaks, emphasis,
strong, code spans, links (to a web or mail address; any other is its text, said in
`changes` or by the caller), code blocks (`<pre>`, the language from a `language-x` class),
bullet and numbered lists, quotes and pictures (nested no deeper than a bank's Markdown may
be: a deeper list's items join the deepest, which `changes` says); headings as paragraphs of
bold text, since a bank's text has none; a table of words as a Markdown table (GitHub's),
its header its first row of <th> cells (an empty one where it has none, said), each column
aligned as its cells are; one a Markdown table cannot hold (merged cells, a block or a line
break in a cell: TABLE_HOLDS_NO) a row a line, as html_text writes it, saying why;
superscripts, subscripts and struck-through text as html_text writes them, with the same
`changes`. Any other tag is
dropped with its text kept, a block element ending a paragraph. A picture's `src` is given
to `locate`, which returns the path the bank refers to it by, or None for one that cannot
come along (its alt text stays, in brackets, and the caller names the loss).

The writing is the inverse of the bank reader for the text qbank's own exports hold: our
renderer's HTML of a text comes back as that text when it was written plainly (`*` for
emphasis, `-` bullets, fenced code), and as text with the same tree otherwise. A character
is escaped only where CommonMark would read it as markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from qbank.bank.html_text import (
    BREAKING,
    CELL_APART,
    EMBEDDED,
    HIDDEN,
    MAX_OPENED,
    SCRIPT_CHANGE,
    STRUCK,
    TABLE_CHANGE,
    VOID,
    Blanks,
    Kept,
    alt_text,
    code_span,
    embedded_change,
    link_change,
    raisable,
    raise_text,
    raised_change,
    raised_mark,
    read_as_moodle,
    source_line_breaks,
    struck_change,
    unclosed_as_text,
)
from qbank.bank.markdown import LINK_SCHEMES, MAX_LIST_DEPTH, MAX_QUOTE_DEPTH, habits_escaped
from qbank.rich import (
    Block,
    CodeBlock,
    ListBlock,
    Paragraph,
    Picture,
    Quote,
    Span,
    Table,
    walk,
)
from qbank.text import shorten

Locate = Callable[[str], str | None]  # an <img>'s src -> the picture's path in the bank
# a link's address that a bank does not take -> what the question's warning says of it
# (None: the caller says it)
Unlinked = Callable[[str], str | None]


_PARAGRAPH_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "dl", "dt", "dd",
    "section", "article", "header", "footer", "figure", "figcaption", "hr",
}  # fmt: skip
# a heading of an LMS's text is a paragraph of bold text, as a bank's text has no headings
# (sections are); it came in as a paragraph like any other, its weight lost (a review)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# a <span> whose style makes it bold or italic, as an editor's paste from Word writes them
# (`<span style="font-weight: bold;">`: its bold was lost, unsaid, in an LMS trial)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*(?:italic|oblique)\b", re.IGNORECASE)
_LANGUAGE = re.compile(r"(?:^|\s)language-(\S+)")


@dataclass
class _Box:
    """A container being filled: the text itself, a list item or a quote."""

    kind: str
    blocks: list[Block] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)  # after the paragraph
    places: list[int] = field(default_factory=list)  # where each stood in `spans`
    ordered: bool = False
    start: int = 1
    items: list[tuple[Block, ...]] = field(default_factory=list)  # of a list
    # a list whose items hold paragraphs (<li><p>): CommonMark's loose; an item with one
    loose: bool = False


# a cell's alignment as an LMS's editor writes it (a style or the old `align`), as written
# in a Markdown table; `start` (our own export's for a column with none written) is none
_ALIGN_STYLE = re.compile(r"text-align\s*:\s*(left|center|right|start)\b", re.IGNORECASE)
# what a Markdown table cannot hold, said where a table comes in a row a line for it
TABLE_HOLDS_NO = {
    "merged": "merged cells",
    "blocks": "a list, a quote, code, a picture or a table in a cell",
    "lines": "a line break or two paragraphs in a cell",
    "wider": "a row of more cells than its first",
}


@dataclass
class _TableRead:
    """A table as it is read: the box its rows are paragraphs of, where they start there,
    each row's cells (spans, alignment, whether a <th>), and what makes it no Markdown
    table (a key of TABLE_HOLDS_NO), if anything."""

    box: _Box
    changes: int  # the reader's changes before it
    start: int = -1  # its first row's place in box.blocks
    rows: list[list[tuple[list[Span], str, bool]]] = field(default_factory=list)
    head: list[bool] = field(default_factory=list)  # each row: in a <thead>
    in_head: bool = False
    cell: tuple[int, str, bool] | None = None  # the open cell: where its spans start, ...
    paragraphs: int = 0  # the open cell's <p> and <div>
    unheld: str = ""


class _Reader(HTMLParser):
    def __init__(self, locate: Locate, unlinked: Unlinked) -> None:
        super().__init__(convert_charrefs=True)
        self.locate = locate
        self.unlinked = unlinked
        self.stack = [_Box("text")]
        self.emphasis = self.strong = self.code = 0
        self.links: list[str | None] = []
        self.styled: list[tuple[bool, bool]] = []  # each open <span>: whether bold, italic
        self.pre: list[str] | None = None
        self.language = ""
        self.lost: list[str] = []  # the src of each picture that cannot come along
        self.changes: list[str] = []  # what is shown otherwise than the HTML did
        # an open <sup>, <sub> or <s>: the paragraph's spans its text goes to, and where it
        # starts there
        self.opened: list[tuple[str, list[Span], int]] = []
        self.cells = 0  # of the table row being read
        self.in_cell = 0  # inside a <td> or <th>: its paragraphs are one line's words
        self.hidden = ""  # the open <script> or <style>, whose text no page shows
        self.blanks = Blanks()
        self.tables: list[_TableRead] = []  # the tables open, innermost last

    @property
    def box(self) -> _Box:
        return self.stack[-1]

    def end_paragraph(self) -> None:
        box = self.box
        among = _among_words(box.spans, box.places)
        moved = [picture.path for picture, kept in zip(box.pictures, among, strict=True) if kept]
        if moved:
            self.changes.append(_moved_change(moved, box.spans))
        spans = _trimmed(box.spans)
        if spans:
            box.blocks.append(Paragraph(spans))
        box.blocks.extend(box.pictures)
        box.spans, box.pictures, box.places = [], [], []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag not in VOID:
            self.blanks.opened(tag, attributes.get("style"))
        squeezed = self.blanks.after_blank  # (a space before a line break shows none)
        if tag in BREAKING:
            self.blanks.line_start()
        if tag in HIDDEN:
            self.hidden = tag
            if tag == "script":
                self.changes.append(SCRIPT_CHANGE)
            return
        if self.pre is not None:
            if tag == "code" and not self.language:
                found = _LANGUAGE.search(attributes.get("class") or "")
                self.language = found[1] if found else ""
            self.pre.append("")  # a tag: a line break after it is the code's
            return
        if self.tables and tag in ("tr", "td", "th"):  # a cell left open ends here
            self._close_cell(self.tables[-1])
        if tag in _HEADINGS:
            self.strong += 1
        if tag == "br":
            spans = self.box.spans
            if squeezed and spans and not spans[-1].code and spans[-1].text.endswith(" "):
                spans[-1] = _with_text(spans[-1], spans[-1].text[:-1])
            spans.append(Span("", newline=True))
        elif tag in ("em", "i"):
            self.emphasis += 1
        elif tag in ("strong", "b"):
            self.strong += 1
        elif tag == "code":
            self.code += 1
        elif tag == "span":
            style = attributes.get("style") or ""
            bold, italic = bool(_BOLD_STYLE.search(style)), bool(_ITALIC_STYLE.search(style))
            self.strong, self.emphasis = self.strong + bold, self.emphasis + italic
            self.styled.append((bold, italic))
        elif tag == "a":
            address = (attributes.get("href") or "").strip()
            if address and not address.lower().startswith(LINK_SCHEMES):
                # the bank refuses it (an LMS's own file, a page of the LMS: a Moodle
                # link to an attached mp3 refused the whole import)
                if (said := self.unlinked(address)) is not None:
                    self.changes.append(said)
                address = ""
            self.links.append(address or None)
        elif tag == "img":
            self._picture(attributes)
        elif tag == "pre":
            self.end_paragraph()
            self.pre, self.language = [], ""
        elif tag in ("ul", "ol"):
            self.end_paragraph()
            start = attributes.get("start") or "1"
            ordered = tag == "ol"
            self.stack.append(
                _Box("list", ordered=ordered, start=int(start) if start.isdigit() else 1)
            )
        elif tag == "li":
            if self.box.kind != "list":  # an item outside a list: a paragraph
                self.end_paragraph()
                return
            self.stack.append(_Box("item"))
        elif tag == "blockquote":
            self.end_paragraph()
            self.stack.append(_Box("quote"))
        elif tag in _PARAGRAPH_TAGS and self.in_cell and tag not in ("table", "tr"):
            self._cell_space()  # a cell's <p> (a paste from Word): a blank, not a break
        elif tag in _PARAGRAPH_TAGS:
            self.end_paragraph()
            if tag == "p" and self.box.kind == "item":  # <li><p>, as a loose list is written
                self.box.loose = True
            if tag == "tr":
                self.cells = self.in_cell = 0
        elif tag in ("td", "th"):
            if self.cells == 1:
                self.changes.append(TABLE_CHANGE)
            if self.cells:
                spans = self.box.spans
                while spans and not (spans[-1].newline or spans[-1].code or spans[-1].text.strip()):
                    spans.pop()  # the source's indentation between cells: no blanks
                if spans and not spans[-1].code:
                    spans[-1] = _with_text(spans[-1], spans[-1].text.rstrip(" \t"))
                spans.append(Span(CELL_APART))
            self.cells += 1
            self.in_cell += 1
        elif (tag in ("sup", "sub") or tag in STRUCK) and len(self.opened) < MAX_OPENED:
            if self.code:  # a code span is as typed, as html_text reads it
                return
            self.opened.append((tag, self.box.spans, len(self.box.spans)))
        elif tag in EMBEDDED:
            self.changes.append(embedded_change(tag, attributes))
        if self.tables or tag == "table":
            self._table_start(tag, attributes)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.blanks.closed(tag)
        if tag in BREAKING:
            self.blanks.line_start()
        if tag == self.hidden:
            self.hidden = ""
            return
        if self.pre is not None:
            if tag == "pre":
                text = "".join(self.pre)
                self.box.blocks.append(CodeBlock(self.language, text.removesuffix("\n")))
                self.pre = None
            return
        if self.tables and tag in ("td", "th", "tr", "table"):  # before the row's paragraph
            self._close_cell(self.tables[-1])
        if tag in _HEADINGS:
            self.strong = max(0, self.strong - 1)
        if tag in ("em", "i"):
            self.emphasis = max(0, self.emphasis - 1)
        elif tag in ("strong", "b"):
            self.strong = max(0, self.strong - 1)
        elif tag == "code":
            self.code = max(0, self.code - 1)
        elif tag == "span" and self.styled:
            bold, italic = self.styled.pop()
            self.strong = max(0, self.strong - bold)
            self.emphasis = max(0, self.emphasis - italic)
        elif tag == "a":
            if self.links:
                self.links.pop()
        elif tag == "li" and self.box.kind == "item":
            self._close_item()
        elif tag in ("ul", "ol") and self.box.kind in ("list", "item"):
            self._close_list()
        elif tag == "blockquote" and self.box.kind == "quote":
            self.end_paragraph()
            quote = self.stack.pop()
            self.box.blocks.append(Quote(tuple(quote.blocks)))
        elif tag in _PARAGRAPH_TAGS and self.in_cell and tag not in ("table", "tr"):
            pass  # a cell's paragraph ends: the next one's start puts the blank
        elif tag in _PARAGRAPH_TAGS:
            self.end_paragraph()
        elif tag in ("td", "th"):
            self.in_cell = max(0, self.in_cell - 1)
        elif self.opened and self.opened[-1][0] == tag:
            self._close_span(*self.opened.pop())
        if self.tables:
            self._table_end(tag)

    def _table_start(self, tag: str, attributes: dict[str, str | None]) -> None:
        """A table's rows and cells as they open, kept to make it a Markdown table (Table)
        where one can hold it; the rows' paragraphs are written as ever meanwhile."""
        if tag == "table":
            nested = bool(self.in_cell or self.tables and self.tables[-1].cell is not None)
            if nested:  # a table in a cell: neither is a Markdown table
                for table in self.tables:
                    table.unheld = table.unheld or "blocks"
            self.tables.append(_TableRead(self.box, len(self.changes), unheld="blocks" * nested))
            return
        table = self.tables[-1]
        if tag == "thead":
            table.in_head = True
        elif tag in ("tbody", "tfoot"):
            table.in_head = False
        elif tag == "tr":
            if table.start < 0:
                table.start = len(self.box.blocks)
            table.rows.append([])
            table.head.append(table.in_head)
        elif tag in ("td", "th"):
            if not table.rows:  # a cell outside a row: a row of its own
                table.start = len(self.box.blocks) if table.start < 0 else table.start
                table.rows.append([])
                table.head.append(table.in_head)
            spans = (attributes.get("colspan") or "1", attributes.get("rowspan") or "1")
            if any(n.strip() not in ("", "1", "0") for n in spans):
                table.unheld = table.unheld or "merged"
            found = _ALIGN_STYLE.search(attributes.get("style") or "")
            align = (found[1] if found else attributes.get("align") or "").lower()
            align = align if align in ("left", "center", "right") else ""
            table.cell = (len(self.box.spans), align, tag == "th")
            table.paragraphs = 0
        elif table.cell is not None:
            if tag in ("p", "div"):
                table.paragraphs += 1
                if table.paragraphs > 1:
                    table.unheld = table.unheld or "lines"
            elif tag == "br":
                table.unheld = table.unheld or "lines"
            elif tag in ("ul", "ol", "li", "pre", "blockquote", "img", "hr") or tag in _HEADINGS:
                table.unheld = table.unheld or "blocks"

    def _close_cell(self, table: _TableRead) -> None:
        if table.cell is None:
            return
        start, align, header = table.cell
        if self.box is not table.box or len(self.box.spans) < start:
            table.unheld = table.unheld or "blocks"
        else:
            table.rows[-1].append((self.box.spans[start:], align, header))
        table.cell = None

    def _table_end(self, tag: str) -> None:
        if tag == "table":
            self._as_table(self.tables.pop())
        elif tag == "thead":
            self.tables[-1].in_head = False

    def _as_table(self, table: _TableRead) -> None:
        """The rows read as paragraphs made a Markdown table, where one holds them: cells
        of inline words, merged with none; else they stay a row a line, and `changes` says
        what the table held that a Markdown table cannot."""
        rows = [row for row in table.rows if row]
        if not rows or table.start < 0:
            return
        said = self.changes[table.changes :]
        columns = max(len(row) for row in rows)
        if len(rows[0]) < columns and table.unheld == "":
            table.unheld = "wider"
        kept = self.box.blocks[table.start :]
        if table.unheld or self.box is not table.box or self.box.pictures:
            why = TABLE_HOLDS_NO[table.unheld or "blocks"]
            for at, change in enumerate(said, start=table.changes):  # why, where it says so
                if change == TABLE_CHANGE:
                    self.changes[at] = f"{TABLE_CHANGE}, as a Markdown table cannot hold {why}"
            return
        if not all(isinstance(block, Paragraph) for block in kept):
            return
        first = rows[0]
        headed = table.head[0] or all(header for _, _, header in first)
        header = first if headed else []
        body = rows[1:] if headed else rows

        def cells(row: list[tuple[list[Span], str, bool]]) -> tuple[Paragraph, ...]:
            shown = [Paragraph(_trimmed(spans)) for spans, _, _ in row]
            return tuple(shown + [Paragraph(())] * (columns - len(shown)))

        align = []
        for n in range(columns):
            # the alignment its cells have, those that have one (Moodle's editor sets it
            # on the cells a teacher selected; a short row's missing cell has none)
            found = {row[n][1] for row in rows if n < len(row) and row[n][1]}
            align.append(found.pop() if len(found) == 1 else "")
        made = Table(
            cells(header) if header else (Paragraph(()),) * columns,
            tuple(cells(row) for row in body),
            tuple(align),
        )
        self.box.blocks[table.start :] = [made]
        self.changes[table.changes :] = [c for c in said if c != TABLE_CHANGE]
        if not headed:
            self.changes.append(TABLE_NO_HEADER)

    def _cell_space(self) -> None:
        """A blank between a cell's paragraphs (none before its first)."""
        spans = self.box.spans
        if spans and spans[-1].text not in ("", CELL_APART) and not spans[-1].text.endswith(" "):
            spans.append(Span(" "))

    def _close_span(self, tag: str, spans: list[Span], start: int) -> None:
        """The text of a <sup>, <sub> or <s> closed in the paragraph it opened in (`spans`,
        the paragraph's as it was: one closed in a later paragraph is left as it is), as
        html_text writes it."""
        inside = spans[start:]
        text = "".join(s.text for s in inside)
        if spans is not self.box.spans or any(s.newline for s in inside) or not text.strip():
            return
        if tag in STRUCK:
            self.changes.append(struck_change(text))
        elif raisable(text, tag):
            spans[start:] = [_with_text(s, raise_text(s.text, tag)) for s in inside]
        else:
            # the marks plain, outside an italic variable's stars: x^(*n*+1), where they
            # took its style and wrote x*^(n*+1), whose stars showed (a review)
            first = inside[0]
            spans.append(Span(")", href=inside[-1].href))
            spans.insert(start, Span(raised_mark(tag) + "(", href=first.href))
            self.changes.append(raised_change(text, tag))

    def _close_item(self) -> None:
        """The item ends, in its list. One that shows nothing ('<li>&nbsp;</li>',
        '<li><br></li>', '<li><p>&nbsp;</p></li>', as Moodle's editors leave one after the
        last item) is left out, as a plain bank's import leaves it out: it came back an empty
        bullet ('- '), and one of an empty paragraph made the whole list loose, its items a
        blank line apart."""
        self.end_paragraph()
        item = self.stack.pop()
        if item.blocks or self.box.ordered:  # a numbered list's, until it is known last
            self.box.items.append(tuple(item.blocks))
            self.box.loose |= item.loose

    def _close_list(self) -> None:
        if self.box.kind == "item":  # an item left open
            self._close_item()
        listed = self.stack.pop()
        # a numbered list keeps an empty item before others, whose numbers it holds (they
        # were renumbered, '<ol start="3"><li>&nbsp;</li><li>x</li>' came back '3. x': a
        # review); its empty items at the end are left out, as a bullet list's all are
        while listed.items and not listed.items[-1]:
            listed.items.pop()
        if listed.items:  # a list of empty items alone is none
            self.box.blocks.append(
                ListBlock(tuple(listed.items), listed.ordered, listed.start, listed.loose)
            )

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.pre is not None:
            # a line break right after <pre> is no line of the code (HTML drops it)
            self.pre.append(data if self.pre else re.sub(r"^(?:\r\n|\r|\n)", "", data))
            return
        if self.box.kind == "list":  # text between items: the indentation of the source
            if not data.strip():
                return
            self.stack.append(_Box("item"))
        text = data  # a line break in HTML source is a space
        if "\n" in text or "\r" in text:
            text = source_line_breaks(text)
        spans = self.box.spans
        if self.cells and not text.strip() and spans and spans[-1].text.endswith(" "):
            return  # the blanks that indent a cell's text after ' | '
        # a run of blanks is one space (Blanks); the blank before a picture moved after
        # the paragraph and the one after it too, as HTML showed them (`California <img>
        # or` came in as 'California  or')
        text = self.blanks.shown(text, kept=self.code > 0)
        href = self.links[-1] if self.links else None
        self.box.spans.append(
            Span(text, self.emphasis > 0, self.strong > 0, self.code > 0, href or None)
        )

    def _picture(self, attributes: dict[str, str | None]) -> None:
        src = attributes.get("src") or ""
        alt = (attributes.get("alt") or "").strip()
        path = self.locate(src)
        if path is None:
            self.lost.append(src)
            self.box.spans.append(Span(alt_text(alt)))
            self.blanks.drawn()
            return
        self.box.pictures.append(Picture(alt or "picture", path, b"", "", 0, 0))
        self.box.places.append(len(self.box.spans))

    def finish(self) -> tuple[Block, ...]:
        if self.pre is not None:
            self.handle_endtag("pre")
        while len(self.stack) > 1:
            if self.box.kind in ("list", "item"):
                self._close_list()
            else:
                self.handle_endtag("blockquote")
        self.end_paragraph()
        return tuple(self.box.blocks)


def _among_words(spans: list[Span], places: list[int]) -> list[bool]:
    """For a picture at each of `places` (in order) in a paragraph's `spans`, whether it
    stood in a line of its words (a word before it on its line) or before some of them:
    moved after the paragraph, it no longer stands where it did. One pass over the spans
    (a paragraph of thousands of pictures)."""
    worded = [bool(s.code or s.text.strip()) for s in spans]
    later = [False] * (len(spans) + 1)  # a word at or after each place
    for n in range(len(spans) - 1, -1, -1):
        later[n] = worded[n] or later[n + 1]
    found, on_line, at = [], False, 0
    for place in places:
        for span, word in zip(spans[at:place], worded[at:place], strict=True):
            on_line = False if span.newline else on_line or word
        at = max(at, place)
        found.append(on_line or later[place])
    return found


def _moved_change(paths: list[str], spans: list[Span]) -> str:
    words = shorten(" ".join("".join(" " if s.newline else s.text for s in spans).split()), 60)
    one = len(paths) == 1
    pictures = f"picture {paths[0]!r}" if one else f"{len(paths)} pictures"
    # (of two pictures, 'it follows' said the one and 'points at it' the other)
    follow, it = ("it follows", "it") if one else ("they follow", "them")
    return (
        f"the {pictures} stood among the words {words!r}, and a bank's picture is a block "
        f"of its own: {follow} that paragraph now; reword a sentence that points at {it} "
        f"('look at the {'picture' if one else 'pictures'} below')"
    )


def _with_text(span: Span, text: str) -> Span:
    """Another text in the span's style (a code span's style is its own: not carried)."""
    return Span(text, span.emphasis, span.strong, span.code and span.text == text, span.href)


def _trimmed(spans: list[Span]) -> tuple[Span, ...]:
    """Neighbouring spans of one style as one, the paragraph's outer blanks dropped."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        style = (span.emphasis, span.strong, span.code, span.href)
        if (
            last
            and not (last.newline or span.newline)
            and style
            == (
                last.emphasis,
                last.strong,
                last.code,
                last.href,
            )
        ):
            merged[-1] = Span(last.text + span.text, *style)
        else:
            merged.append(span)
    while merged and (merged[0].newline or not merged[0].text.strip()) and not merged[0].code:
        merged.pop(0)
    while merged and (merged[-1].newline or not merged[-1].text.strip()) and not merged[-1].code:
        merged.pop()
    if merged and not merged[0].code:
        first = merged[0]
        merged[0] = Span(first.text.lstrip(), first.emphasis, first.strong, False, first.href)
    if merged and not merged[-1].code:
        last = merged[-1]
        merged[-1] = Span(last.text.rstrip(), last.emphasis, last.strong, False, last.href)
    return tuple(merged)


TABLE_NO_HEADER = (
    "a table without a header row (no <th> cells in its first row) has an empty one, as a "
    "Markdown table starts with its header; write the columns' names in it"
)


def html_blocks(
    markup: str, locate: Locate, unlinked: Unlinked = link_change, language: Kept | None = None
) -> tuple[tuple[Block, ...], list[str], list[str]]:
    """The blocks an HTML fragment shows (in `language` where it gives several), the src of
    each picture left behind, and what is shown otherwise than the HTML did; a link whose
    address a bank does not take is its text, `unlinked` saying so."""
    markup, read = read_as_moodle(markup, language)
    reader = _Reader(locate, unlinked)
    reader.changes += read
    reader.feed(unclosed_as_text(markup))
    reader.close()
    return _bounded(reader.finish(), reader.changes), reader.lost, reader.changes


DEEP_LISTS = (
    f"a list nested more than {MAX_LIST_DEPTH} levels deep is shown {MAX_LIST_DEPTH} deep (the "
    "most the artifacts show), its deeper items as items of the last level"
)
DEEP_QUOTES = (
    f"quotes nested more than {MAX_QUOTE_DEPTH} deep are shown {MAX_QUOTE_DEPTH} deep (the most "
    "the artifacts show)"
)


def _bounded(
    blocks: tuple[Block, ...], changes: list[str], lists: int = 0, quotes: int = 0
) -> tuple[Block, ...]:
    """The blocks nested no deeper than a bank's Markdown may be: the items of a list past
    the deepest become items of the deepest, and a quote past the deepest is its text. A
    bank's own text is refused so ("indent this one less"), which the user of an LMS export
    cannot do; `changes` says so."""
    bounded: list[Block] = []
    for block in blocks:
        if isinstance(block, ListBlock) and lists >= MAX_LIST_DEPTH:  # in a quote, say
            changes.append(DEEP_LISTS)
            for item in block.items:
                bounded += _bounded(item, changes, lists, quotes)
        elif isinstance(block, ListBlock):
            items = block.items
            if lists + 1 == MAX_LIST_DEPTH and any(
                isinstance(b, ListBlock) for item in items for b in item
            ):
                changes.append(DEEP_LISTS)
                items = tuple(spread for item in items for spread in _spread(item))
            bounded.append(
                ListBlock(
                    tuple(_bounded(item, changes, lists + 1, quotes) for item in items),
                    block.ordered,
                    block.start,
                    block.loose,
                )
            )
        elif isinstance(block, Quote) and quotes >= MAX_QUOTE_DEPTH:
            changes.append(DEEP_QUOTES)
            bounded += _bounded(block.blocks, changes, lists, quotes)
        elif isinstance(block, Quote):
            bounded.append(Quote(_bounded(block.blocks, changes, lists, quotes + 1)))
        else:
            bounded.append(block)
    return tuple(bounded)


def _spread(item: tuple[Block, ...]) -> list[tuple[Block, ...]]:
    """A list item as items of one level: its own blocks, then each item of a list in it,
    in their order."""
    items: list[tuple[Block, ...]] = []
    own: list[Block] = []
    for block in item:
        if isinstance(block, ListBlock):
            if own:
                items.append(tuple(own))
                own = []
            items += [spread for inner in block.items for spread in _spread(inner)]
        else:
            own.append(block)
    if own:
        items.append(tuple(own))
    return items


def is_rich(blocks: tuple[Block, ...]) -> bool:
    """Whether the blocks hold more than a plain bank's text can: lists, quotes, code
    blocks, pictures, tables, emphasis or links (paragraphs, line breaks and code spans it
    can)."""
    for block in walk(blocks):
        if not isinstance(block, Paragraph):
            return True
        if any(s.emphasis or s.strong or s.href for s in block.spans):
            return True
    return False


# -- writing CommonMark --------------------------------------------------------------------

# a heading's `#`s and an ordered item's number (before its `.` or `)`) take a blank or
# the line's end after them: `0.10`, `3.14` and `#1` stay as typed (an LMS trial's hint
# came back `0\.10`)
_LINE_START = re.compile(r"^(?:#+(?=\s|$)|>|[-+*](?=\s|$)|[-=]+\s*$|\d{1,9}(?=[.)](?:\s|$))|~~~)")


def markdown_text(blocks: tuple[Block, ...]) -> str:
    """The blocks as CommonMark that the bank reader reads back into them."""
    return "\n\n".join(_block(block) for block in blocks)


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _inline(block.spans)
    if isinstance(block, CodeBlock):
        longest = max((len(run) for run in re.findall("`+", block.text)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"{fence}{block.language}\n{block.text}\n{fence}"
    if isinstance(block, ListBlock):
        items = []
        for number, item in enumerate(block.items, start=block.start):
            marker = f"{number}. " if block.ordered else "- "
            items.append(_indented(marker, _item(item, block.loose)))
        return ("\n\n" if block.loose else "\n").join(items)  # loose: a blank line apart
    if isinstance(block, Quote):
        inner = markdown_text(block.blocks)
        return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
    if isinstance(block, Table):
        return _table(block)
    assert isinstance(block, Picture)
    return f"![{_escaped(block.alt)}]({_destination(block.path)})"


_ALIGN_MARKS = {"left": ":--", "center": ":-:", "right": "--:", "": "---"}


def _table(block: Table) -> str:
    """A table as GitHub writes one: a row a line, `|` apart, the alignments under the
    header; a `|` of a cell's words or code as `\\|`, which GitHub's table reads as the
    cell's `|` in code too."""

    def row(cells: tuple[Paragraph, ...]) -> str:
        return "| " + " | ".join(_inline(c.spans).replace("|", "\\|") for c in cells) + " |"

    marks = "| " + " | ".join(_ALIGN_MARKS[a] for a in block.align) + " |"
    return "\n".join([row(block.header), marks, *(row(r) for r in block.rows)])


def _item(blocks: tuple[Block, ...], loose: bool = False) -> str:
    """A list item's blocks: a paragraph and what follows it on the next line (a tight
    item), two paragraphs apart by a blank line, and in a loose list a table too."""
    parts: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            apart = isinstance(block, Paragraph) and isinstance(blocks[i - 1], Paragraph)
            apart |= loose and isinstance(block, Table)
            parts.append("\n\n" if apart else "\n")
        parts.append(_block(block))
    return "".join(parts)


def _indented(marker: str, text: str) -> str:
    pad = " " * len(marker)
    lines = text.split("\n")
    return "\n".join([marker + lines[0], *(pad + line if line else "" for line in lines[1:])])


def _destination(path: str) -> str:
    """A picture's path as a link destination that the bank's reader turns back into the
    path: CommonMark reads `&amp;` as `&` and `\\` as an escape, and the reader decodes
    `%41` as `A`, so `%`, `&` and `\\` are written %-encoded (a picture named `x%41.png`
    was looked for as `xA.png`)."""
    path = path.replace("%", "%25").replace("&", "%26").replace("\\", "%5C")
    if re.search(r"[\s()<>]", path):
        return "<" + path.replace("<", "%3C").replace(">", "%3E") + ">"
    return path


def _link_destination(url: str) -> str:
    """A link's address as a link destination that reads back as the same address: `\\`
    escaped, and an `&` that would start a character reference (`&amp;` would be read as
    `&`; any other is written as typed, `?x=1&y=2`), never %-encoded, which would make it
    another address (a link's `?x=1&y=2` came back as `?x=1%26y=2`: one parameter)."""
    url = re.sub(_REFERENCE, r"\\&", url.replace("\\", "\\\\"))
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "\\<").replace(">", "\\>") + ">"
    return url


def _inline(spans: tuple[Span, ...]) -> str:
    out: list[str] = []
    i = 0
    while i < len(spans):
        span = spans[i]
        if span.newline:
            out.append("\\\n")
            i += 1
            continue
        if span.href:  # one link over its neighbouring spans
            j = i
            while j < len(spans) and spans[j].href == span.href and not spans[j].newline:
                j += 1
            text = "".join(_styled(s) for s in spans[i:j])
            out.append(f"[{text}]({_link_destination(span.href)})")
            i = j
            continue
        # a code span next: its backtick ends what check reads as Sphinx's :class:`x`
        coded = i + 1 < len(spans) and spans[i + 1].code and not spans[i + 1].newline
        out.append(_styled(span, "`" if coded else ""))
        i += 1
    return _line_starts("".join(out))


def _styled(span: Span, after: str = "") -> str:
    """A span as Markdown; `after`, what the Markdown after it starts with (a code span's
    backtick), which decides whether check would read a habit in it."""
    if span.code:
        text = code_span(span.text)
    else:
        text = _escaped(span.text, after)
    marks = ("*" if span.emphasis else "") + ("**" if span.strong else "")
    if not marks:
        return text
    core = text.strip(" ")
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip(" "))]
    trail = text[len(text.rstrip(" ")) :]
    return f"{lead}{marks}{core}{marks[::-1]}{trail}"


# what CommonMark would read as markup inside a paragraph: a backslash before ASCII
# punctuation or at the end, a backtick or star, an underscore not between letters or
# digits, a `]` that would close a link or a definition, a `<` that would open an
# autolink, an `&` that would start an entity; and what GitHub's Markdown would read and
# qbank's shows, but warns about (markdown.shown_as_typed): `~~`, a `[^` of a footnote;
# and the rest of what check says GitHub, Slack or Obsidian draw (markdown.habits_escaped)
_REFERENCE = r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)"  # would start an entity
_SPECIAL = re.compile(
    r"\\(?=[!-/:-@\[-`{-~]|\Z)|[`*]|_(?![^\W_])|(?<![^\W_])_|\](?=[(\[:])"
    rf"|<(?=[A-Za-z/!?])|{_REFERENCE}"
    r"|~(?=~)|\[(?=\^)"
)


# a run of underscores between blanks, which neither opens nor closes emphasis: a cloze
# question's blank, `_____ (1)`, stays as typed (it came in as `\_\_\_\_\_ (1)`, and a
# Markdown bank sent to Moodle and imported again was not the same bank: an LMS trial)
_LONE_UNDERSCORES = re.compile(r"(?<=\s)_+(?=\s)")
# a line of underscores alone, a rule, of lone runs that stay as typed
_UNDERSCORE_RULE = re.compile(r"[ \t]*(?:_[ \t]*){3,}")


def _escaped(text: str, after: str = "") -> str:
    """Text that CommonMark reads back as `text` inside a paragraph, before `after` (what
    follows it in the Markdown: ':class:' before a code span's backtick is no emoji code,
    and came back from a round trip as '\\:class:')."""
    pieces = _LONE_UNDERSCORES.split(text)
    runs = _LONE_UNDERSCORES.findall(text) + [""]
    escaped = habits_escaped(
        "".join(
            _SPECIAL.sub(lambda found: "\\" + found[0], piece) + run
            for piece, run in zip(pieces, runs, strict=True)
        )
        + after
    )
    return escaped[: len(escaped) - len(after)]


# a line GitHub's table would read as the one under a header ('--- | ---'), making the
# line before it a table's header: its pipes escaped, it stays words
_DELIMITER_ROW = re.compile(r"\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*")


def _line_starts(text: str) -> str:
    """A backslash before what would start a block at the start of a line (a heading, a
    quote, a list item, a rule or a fence), and before the pipes of a line that would make
    the one before it a table's header."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if "|" in line and _DELIMITER_ROW.fullmatch(line):
            lines[n] = line.replace("|", "\\|")
        elif _UNDERSCORE_RULE.fullmatch(line):
            lines[n] = line.replace("_", "\\_", 1)
        elif (match := _LINE_START.match(line)) is not None:
            end = match.end()
            if line[:end].isdigit():  # a number before '.' or ')': escape that mark
                lines[n] = f"{line[:end]}\\{line[end:]}"
            else:
                lines[n] = "\\" + line
    return "\n".join(lines)


def literal_markdown(text: str) -> str:
    """Plain text as CommonMark that shows it as it is: markup characters escaped, each
    line break a hard break."""
    lines = [_line_starts(_escaped(line)) for line in text.split("\n")]
    return "\\\n".join(lines)
