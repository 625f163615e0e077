"""A Markdown text's tree (qbank.rich) as WordprocessingML paragraphs for the packet.

Each paragraph takes the style its field has (Packet Hint, Packet Item ...); emphasis,
strong and inline code are runs (code in the Packet Code character style), a link's
address follows its text. A code block is one paragraph a line in the Packet Code Block
style, a monospace paragraph style of its own (added to the document only for Markdown
banks, so a plain bank's packet is unchanged), its tokens coloured as in the PDFs and its
lines kept together. A picture is an inline picture in its own paragraph, at most the
text's width and its pixels at 150 dpi, with its alt text as the picture's description.
A table is a Word table (wordml.tables.rich_table) where the text's paragraphs of its
level stand, its cells the text's runs, its columns as wide as their words ask.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from unicodedata import east_asian_width

from lxml import etree

from qbank import highlight
from qbank.direction import item_right_to_left
from qbank.highlight import CONTINUED
from qbank.model import Bank, Question
from qbank.rich import (
    Block,
    CodeBlock,
    ListBlock,
    Paragraph,
    Picture,
    Quote,
    RichText,
    Span,
    Table,
    address_after,
    span_text,
    walk,
)
from qbank.units import mm_to_twips
from qbank.wordml.document import inline_picture
from qbank.wordml.fit import LISTS_APART, LOOSE_LISTS_APART, PageFit, picture_scale
from qbank.wordml.tables import TABLE_STYLES, rich_table
from qbank.wordml.wml import CODE_BLOCK_STYLE, Wml, escape

if TYPE_CHECKING:  # python-docx is imported by DOCX builds only
    from docx.document import Document

SHADED = {"Packet Hint"}  # styles on a ground of their own: a list inside one stays on it
# A paragraph's outline level "body text": a question's paragraphs after its first keep the
# heading's look but are no headings of their own (Word's navigation pane, a PDF's outline)
BODY_LEVEL = '<w:outlineLvl w:val="9"/>'
_EMU_PER_TWIP = 635
_EMU_PER_POINT = 12700
# a quote's indent in a hint, about an em of its text: the PDFs' (a list's level is 7 mm)
QUOTE_STEP = mm_to_twips(3.5)


def _hint_level(depth: int, quoted: int) -> int:
    """How far in from a hint's text (twips) its blocks `depth` levels deep stand, `quoted`
    of the levels quotes: a quote's level less deep than a list's, as the PDFs set it (its
    text stood where a list item's before it did, and read as part of that item)."""
    return mm_to_twips(7) * (depth - quoted) + QUOTE_STEP * quoted


class PacketText:
    """Paragraphs of a Markdown bank's texts; pictures join `document`'s package.
    `code_style` is the theme's Packet Code Block (its size and indent)."""

    def __init__(
        self,
        wml: Wml,
        document: Document,
        text_width: int,
        text_height: int,
        code_style: Mapping[str, Any],
        hint_indent_mm: float = 0,
        question_indent_mm: float = 0,
        quote_color: str = "",
        hint_bar_color: str = "",
        item_indent_mm: float = 0,
        *,
        fit: PageFit,
        indents: Mapping[str, int] | None = None,
        hint_ground: str = "",
    ) -> None:
        self.wml = wml
        # a table's columns are measured as the page fit measures text (`table`); `indents`:
        # how far in (twips) each style's text stands, where a table of its text stands too
        self.fit = fit
        self.indents = dict(indents or {})
        # a table's cells' sizes, its header's and its rows', a wide one's scaled down
        self.table_sizes = {name: fit.theme.size(name) for name in TABLE_STYLES}
        # a code span's size, a share of its paragraph's (wordml.document._code_sizes)
        normal = float(fit.theme.styles["Normal"]["size"])
        self.code_share = float(fit.theme.styles["Packet Code"].get("size", normal)) / normal
        # a quote's text: in this colour, not bold in a bold style, with a bar on its left,
        # as the booklet sets it apart
        self.quote_color = quote_color
        self.hint_indent = mm_to_twips(hint_indent_mm)  # a hint's list starts at its text
        # the hint's bar, which runs on down its code (the hint's style has it, the code's not)
        self.hint_bar = hint_bar_color
        # whether the hint being written runs right to left, its bar on the right (as its
        # first paragraph does), so that the bar runs on down its code on that side
        self._hint_on_right = False
        # a hint that holds a table is a box (Wml.boxed) on this ground (rrggbb) with the
        # hint's bar: its paragraphs, written `_boxed`, have none of their own
        self.hint_ground = hint_ground
        self._boxed = False
        # a question's text after its number: its blocks after the first stand under it
        self.question_indent = mm_to_twips(question_indent_mm)
        # a follow-up's or a signal's text after its bullet or box: its blocks after the
        # first stand under it (its code stood at the margin, under the bullet)
        self.item_indent = mm_to_twips(item_indent_mm)
        self.document = document
        self.text_width = text_width  # twips
        self.text_height = text_height  # twips: the page's less its top and bottom margins
        self.code_size = float(code_style["size"])
        self.code_indent = mm_to_twips(float(code_style.get("indent_mm", 0)))
        # drawing XML by content, alt text and share of the page
        self._pictures: dict[tuple[bytes, str, float], str] = {}

    def add_pictures(self, bank: Bank, questions: Sequence[Question]) -> None:
        """Every picture the questions' texts show, and the descriptions of their sections
        (under each section's heading), into the package (see `picture`)."""
        for picture in bank.pictures(_shown_texts(bank, questions)):
            self.picture(picture)

    @staticmethod
    def holds_tables(bank: Bank, questions: Sequence[Question]) -> bool:
        """Whether the questions' texts, or their sections' descriptions, hold a table: a
        document needs its tables' styles then only, and one without any is as it was."""
        trees = (bank.rich_text(text) for text in _shown_texts(bank, questions))
        return any(isinstance(b, Table) for tree in trees if tree for b in walk(tree.blocks))

    def runs(
        self,
        spans: tuple[Span, ...],
        bold: bool = False,
        quoted: bool = False,
        size: float | None = None,
    ) -> str:
        """`size`: in points over the style's (a wide table's cells), a code span's its share
        of it as in a paragraph (Wml._sized_code)."""
        wml = self.wml
        parts = []
        color = f'<w:color w:val="{self.quote_color}"/>' if quoted and self.quote_color else ""
        lang = wml.text_lang()  # a section's own language, last of a run's properties
        sized = code_sized = ""
        if size:  # after the colour, before the language, as CT_RPr orders them
            sized, code_sized = _size(size), _size(size * self.code_share)
        color += sized
        for i, span in enumerate(spans):
            if span.newline:
                parts.append("<w:r><w:br/></w:r>")
                continue
            props = ""
            if span.code:
                props += f'<w:rStyle w:val="{wml.style_ids["Packet Code"]}"/>'
            if span.strong or bold:
                props += "<w:b/>"
            elif quoted:  # a question's quote is not its bold question
                props += '<w:b w:val="0"/><w:bCs w:val="0"/>'
            if span.emphasis:
                props += "<w:i/>"
            parts.append(_run(span.text, props + (code_sized if span.code else color + lang)))
            following = spans[i + 1] if i + 1 < len(spans) else None
            last_of_link = following is None or following.href != span.href
            if address_after(span) and last_of_link:
                parts.append(_run(f" ({span.href})", sized))
        return "".join(parts)

    def paragraphs(
        self,
        tree: RichText,
        style: str,
        lead: str = "",
        depth: int = 0,
        bold: bool = False,
        label: bool = False,
    ) -> list[str]:
        """The tree's paragraphs in `style`; `lead` (runs) opens the first one. A question's
        (Heading 2) blocks after its first paragraph stand under its text, right of its
        number: its code and lists stood at the margin. A `label` lead ("Editor's note:")
        stands on a line of its own before a quote (not inside the quote's bar), a code block
        or a list: it ran into the code's first line."""
        found: list[str] = []
        if style in SHADED:
            first = next((b for b in walk(tree.blocks) if isinstance(b, Paragraph)), None)
            self._hint_on_right = first is not None and self.wml.runs_right_to_left(
                span_text(first.spans)
            )
        base = {"Heading 2": self.question_indent, "Packet Item": self.item_indent}.get(style, 0)
        # a question's or a follow-up's blocks under its text, from the right where it runs so
        from_right = bool(base) and item_right_to_left(tree.blocks, self.wml.language)
        self._boxed = style in SHADED and self._holds_table(tree)
        self._blocks(tree.blocks, style, depth, found, bold, base, from_right=from_right)
        if self._boxed:
            self._boxed = False
            ground, bar = self.hint_ground, self.hint_bar
            box = self.wml.boxed(self.text_width, "".join(found), ground, bar, self._hint_on_right)
            found = [box]
        opens_with_words = bool(tree.blocks) and isinstance(tree.blocks[0], Paragraph)
        if lead:
            if (
                found
                and found[0].startswith("<w:p><w:pPr>")
                and "<w:drawing>" not in found[0]
                and (opens_with_words or not base)  # code or a list: the number on its own
                and not (label and not opens_with_words)  # "Editor's note:" ran into code
            ):
                head, _, rest = found[0].partition("</w:pPr>")
                found[0] = f"{head}</w:pPr>{lead}{rest}"
            else:
                found.insert(0, self.wml.paragraph(style, lead))
        if style == "Heading 2":  # one heading a question: its further paragraphs are text
            heading = f'<w:pStyle w:val="{self.wml.style_ids[style]}"/>'
            found[1:] = [
                p.replace("</w:pPr>", BODY_LEVEL + "</w:pPr>", 1) if heading in p else p
                for p in found[1:]
            ]
        return found

    def _holds_table(self, tree: RichText) -> bool:
        """Whether a text of a shaded style (a hint) is set as a box (Wml.boxed): it holds
        a table, and the style has a ground or a bar for the box to draw."""
        shaded = bool(self.hint_ground or self.hint_bar)
        return shaded and any(isinstance(block, Table) for block in walk(tree.blocks))

    def _blocks(
        self,
        blocks: tuple[Block, ...],
        style: str,
        depth: int,
        out: list[str],
        bold: bool,
        base: int = 0,
        quoted: int = 0,
        loose: bool = False,
        from_right: bool = False,
    ) -> None:
        """`quoted`: the quotes the blocks stand in; `loose`: the blocks are an item of a
        loose list, whose paragraphs after its first stand apart; `from_right`: of one that
        runs right to left, whose levels are indented from the right."""
        previous: Block | None = None
        start = len(out)
        for block in blocks:
            if isinstance(block, ListBlock) and isinstance(previous, ListBlock):
                at = len(out)  # a list after a list (bullets, then numbers): apart
                self._blocks((block,), style, depth, out, bold, base, quoted, from_right=from_right)
                # either loose: farther than its items, else the two read as one list
                far = previous.loose or block.loose
                out[at] = _apart(out[at], LOOSE_LISTS_APART if far else LISTS_APART)
            elif isinstance(block, Paragraph):
                first = depth == 0 and not out  # the one beside the number, at the style's
                runs = self.runs(block.spans, bold, quoted)
                paragraph = self._paragraph(style, runs, depth, 0 if first else base, quoted)
                out.append(_apart(paragraph) if loose and len(out) > start else paragraph)
            elif isinstance(block, CodeBlock):
                on_ground = style in SHADED
                out.extend(self.code(block, depth, base, quoted, on_ground, from_right))
            elif isinstance(block, ListBlock):
                for n, item in enumerate(block.items):
                    marker = f"{block.start + n}." if block.ordered else "\u2022"
                    inner: list[str] = []
                    # in a hint, its items keep its ground and bar (they stood outside it)
                    item_style = style if style in SHADED else "Packet Item"
                    self._blocks(
                        item,
                        item_style,
                        depth + 1,
                        inner,
                        bold,
                        base,
                        quoted,
                        block.loose,
                        item_right_to_left(item, self.wml.language),
                    )
                    # a picture or a table first: the marker on a line of its own
                    if not inner or "<w:drawing>" in inner[0] or inner[0].startswith("<w:tbl>"):
                        inner.insert(0, self._paragraph(item_style, "", depth + 1, base, quoted))
                    inner[0] = self._marked(inner[0], marker, depth + 1)
                    if block.loose and n:  # a loose list's items, apart as its paragraphs
                        inner[0] = _apart(inner[0])
                    out.extend(inner)
            elif isinstance(block, Quote):
                self._blocks(
                    block.blocks,
                    style,
                    depth + 1,
                    out,
                    bold,
                    base,
                    quoted + 1,
                    from_right=from_right,
                )
            elif isinstance(block, Picture):
                out.append(self._paragraph(style, self.picture(block), depth, base, quoted))
            elif isinstance(block, Table):
                out.append(self.table(block, style, depth, base, quoted))
            previous = block

    def _paragraph(
        self,
        style: str,
        content: str,
        depth: int,
        base: int = 0,
        quoted: int = 0,
        on_ground: bool = False,
        from_right: bool = False,
    ) -> str:
        """A paragraph of `style`, at list or quote level `depth` (`quoted` of them
        quotes): its text indented 7 mm a level further than the style's (and `base`
        further: a question's blocks after its first stand right of its number); `_marked`
        hangs a list item's marker 7 mm left of its first line, a quote's paragraph has
        none. In a shaded style every level's first line starts where the style's text
        does, and a tab takes it in: Word and LibreOffice draw a paragraph's ground and bar
        from its first line's start, so a deeper item stood outside the hint's box with a
        bar of its own; a quote's level there is QUOTE_STEP, and its bar, in the quote's
        colour, stands where the hint's does (a paragraph has one left border). A `quoted`
        one has a bar on the side it starts (the right of one that runs right to left),
        unless its style has one. A code line `on_ground` of a hint is
        set as the hint's text of its level, under the hint's bar: it stood 1 mm left of
        the hint's text, the quote's bar beside it, breaking the hint's. A code line
        `from_right`, in a text that runs right to left, is indented from the right as that
        text's levels are, its quote's bar on the right: it stood at the left, its ground
        under the item's bullet."""
        if on_ground:
            return self._on_ground(content, depth, quoted)
        if style in SHADED and self._against_hint(content):
            return self._against(style, content, depth, quoted)
        if from_right and style == CODE_BLOCK_STYLE:
            text = base + mm_to_twips(7) * depth
            indent = f'<w:ind w:right="{text}"/>' if text else ""
            bar = self.quote_color if quoted else ""
            return self.wml.paragraph(
                style, content, bar_color=bar, bar_on_right=True, indent=indent
            )
        if not depth:
            indent = f'<w:ind w:left="{base}" w:hanging="0"/>' if base else ""
            return self.wml.paragraph(style, content, indent=indent, style_bar=not self._boxed)
        step = mm_to_twips(7)
        bar = ""
        if style in SHADED:
            text = self.hint_indent + _hint_level(depth, quoted)
            first = self._first_line(self.hint_indent, text, quoted)
            if quoted:  # the quote's bar where the hint's stands, as its ground runs on
                bar = self.quote_color
            tabs = ""
            if first < text:
                tabs = f'<w:tabs><w:tab w:val="left" w:pos="{text}"/></w:tabs>'
                content = _run("\t", "") + content
        else:  # a list item's marker hangs left of its text (`_marked`); a quote's does not
            text = first = base + step * depth
            tabs = ""
            if quoted:
                bar = self.quote_color
        indent = f'<w:ind w:left="{text}" w:hanging="{text - first}"/>'
        return self.wml.paragraph(
            style, content, bar_color=bar, style_bar=not self._boxed, tabs=tabs, indent=indent
        )

    def _against_hint(self, content: str) -> bool:
        """Whether a paragraph of the hint being written runs the other way from its first
        (an English one in a Hebrew hint), whose side the hint's bar keeps; in a box (`_boxed`)
        the box keeps it."""
        against = self.wml.runs_right_to_left(content) != self._hint_on_right
        return bool(self.hint_bar) and not self._boxed and against

    def _against(self, style: str, content: str, depth: int, quoted: int = 0) -> str:
        """A paragraph of a hint that runs against it (`_against_hint`), at list level
        `depth`: its text starts at the ground's far edge, the hint's bar on the hint's
        side with the room it reaches out into, as the hint's code has (`_on_ground`). By
        its own side, the bar of a Hebrew hint stood on the left beside its English
        paragraph and back on the right below it."""
        return self._beside_hint_bar(style, content, depth, 0, room=True, quoted=quoted)

    def _on_ground(self, content: str, depth: int, quoted: int = 0) -> str:
        """A code paragraph in a hint (see `_paragraph`): its first line starts where the
        hint's do, under the hint's bar, and a tab takes it to its level's text. It runs
        left to right, the hint's bar beside it on the side the hint's has it."""
        # with the bar on the right, the line starts at the ground's left edge, as the
        # hint's right-to-left lines end there: 3 mm in, it left a notch in the ground
        on_right = self._hint_on_right
        start = 0 if on_right else self.hint_indent
        return self._beside_hint_bar(
            CODE_BLOCK_STYLE, content, depth, start, room=on_right, quoted=quoted
        )

    def _beside_hint_bar(
        self, style: str, content: str, depth: int, start: int, room: bool, quoted: int = 0
    ) -> str:
        """A paragraph of `style` in a hint, its first line at `start` (twips) and a tab to
        its level's text, with the hint's bar on the hint's side (a `quoted` one's in the
        quote's colour); `room`: the bar needs the room it reaches out into at the
        paragraph's end (LibreOffice draws none that falls outside the question's table
        cell)."""
        text = start + _hint_level(depth, quoted)
        start = self._first_line(start, text, quoted)
        tabs = ""
        if start < text:  # a tab to a stop where the line already stands would go to the next
            tabs = f'<w:tabs><w:tab w:val="left" w:pos="{text}"/></w:tabs>'
            content = _run("\t", "") + content
        end = f' w:right="{self.hint_indent}"' if room else ""
        indent = f'<w:ind w:left="{text}"{end} w:hanging="{text - start}"/>'
        return self.wml.paragraph(
            style,
            content,
            bar_color=self.quote_color if quoted else "" if self._boxed else self.hint_bar,
            bar_on_right=self._hint_on_right,
            tabs=tabs,
            indent=indent,
        )

    def _first_line(self, start: int, text: int, quoted: int) -> int:
        """Where the first line of a hint's paragraph starts (twips), its text at `text`:
        at `start`, under the hint's bar, a tab taking it to its text; in a box
        (Wml.boxed), which draws the hint's ground and bar, a `quoted` one's at its text,
        its quote's bar beside it (it stood on the box's bar)."""
        return text if self._boxed and quoted else start

    def _marked(self, xml: str, marker: str, depth: int) -> str:
        """A list item's first paragraph (from `_paragraph`, at `depth`) with its marker
        before its text; in a shaded style after a tab to the level's marker column."""
        head, _, rest = xml.partition("</w:pPr>")
        tab = "\t"
        if "<w:tabs>" not in head:
            head = head.replace('w:hanging="0"', f'w:hanging="{mm_to_twips(7)}"', 1)
            return head + "</w:pPr>" + _run(marker + tab, "") + rest
        rest = rest.removeprefix(_run(tab, ""))
        if depth == 1:  # the marker where the line starts
            return head + "</w:pPr>" + _run(marker + tab, "") + rest
        # a level before the text's stop (`_paragraph`, `_against`)
        column = int(re.search(r'w:pos="(\d+)"', head)[1]) - mm_to_twips(7)
        stop = f'<w:tab w:val="left" w:pos="{column}"/>'
        head = head.replace("<w:tabs>", f"<w:tabs>{stop}", 1)
        return head + "</w:pPr>" + _run(tab + marker + tab, "") + rest

    def _code_width(self, text: str) -> float:
        """The width of code text in points: a monospace font's advance, twice for a
        wide (East Asian) character."""
        advance = self.code_size * _MONO_ADVANCE
        return sum(advance * (2 if east_asian_width(c) in "WF" else 1) for c in text)

    def code(
        self,
        block: CodeBlock,
        depth: int,
        base: int = 0,
        quoted: int = 0,
        on_ground: bool = False,
        from_right: bool = False,
    ) -> list[str]:
        """One paragraph a code line. A line wider than the text is cut here, between any
        two characters, each further piece on a new line of the paragraph after a `↪`, as
        the PDFs show it: Word would wrap it at a blank, with no mark and no hanging. In a
        quote, the quote's bar runs on beside it; in a hint (`on_ground`), the hint's."""
        # tabs as the blanks to their stops, as the PDFs draw them: measured as one column
        # here, Word drew a tab to its own half-inch stop and wrapped the line again, with
        # no mark (a review's Makefile)
        lines = highlight.printed_lines(block)
        if on_ground:
            indent = self.hint_indent + _hint_level(depth, quoted)
        else:
            indent = max(self.code_indent, mm_to_twips(7 * depth)) + base
        room = (self.text_width - indent) / 20 * _CODE_ROOM  # points
        mark = self._code_width(CONTINUED + " ")
        paragraphs = []
        for k, line in enumerate(lines):
            pieces = highlight.wrap_marked(line, room, self._code_width, mark, indent=False)
            runs = "".join(
                (_CONTINUATION if n else "")
                + "".join(_run(text, _token_props(role)) for role, text in piece)
                for n, piece in enumerate(pieces)
            )
            shift = base + (self.code_indent if base and not depth else 0)
            xml = self._paragraph(
                CODE_BLOCK_STYLE, runs, depth, shift, quoted, on_ground, from_right
            )
            if k + 1 < len(lines):  # a code block keeps together (after the style: in order)
                xml = xml.replace("/>", "/><w:keepNext/>", 1)
            paragraphs.append(xml)
        return paragraphs

    def table(self, table: Table, style: str, depth: int, base: int = 0, quoted: int = 0) -> str:
        """A table of the text (wordml.tables.rich_table), in from the page's text where
        the paragraphs of its level stand: a hint's table at its text, right of its bar,
        a list item's at the item's text, a question's under its words, right of its
        number; its columns as wide as their words ask (PageFit.table_layout) in what is
        left of the page's width. Its cells are the text's runs; in a quote, in the quote's
        colour."""
        if style in SHADED:
            indent = self.hint_indent + _hint_level(depth, quoted)
        elif depth:
            indent = base + mm_to_twips(7) * depth
        else:
            indent = base or self.indents.get(style, 0)
        room = self.text_width - indent
        if self._boxed and self._hint_on_right:
            # as far from the box's bar on the right as from its left side: Word measures
            # the indent of a table that runs right to left from the right, LibreOffice from
            # the left (its first column stood against the bar)
            room -= self.hint_indent
        fit = self.fit
        layout = fit.table_layout(table, room)
        tall = self.text_height / 20 / 3  # points: a row taller than a third of a page splits
        split = [high > tall for high in fit.table_rows(table, layout)[1:]]

        def runs(cell: Paragraph, size: float | None) -> str:
            return self.runs(cell.spans, quoted=bool(quoted), size=size)

        return rich_table(
            self.wml,
            layout,
            table,
            runs,
            self.table_sizes.__getitem__,
            indent=indent,
            room=room,
            split=split,
            keep_next=style == "Heading 2",  # with the question's block, as its heading
        )

    def picture(self, picture: Picture) -> str:
        key = (picture.data, picture.alt, picture.share)
        found = self._pictures.get(key)
        if found is not None:
            return found
        natural_w, natural_h = (round(length * _EMU_PER_POINT) for length in picture.points())
        scale = picture_scale(
            (natural_w, natural_h),
            self.text_width * _EMU_PER_TWIP,
            self.text_height * _EMU_PER_TWIP,
            picture.share,
        )
        width, height = int(natural_w * scale), int(natural_h * scale)
        shape_id = len(self._pictures) + 1
        size = (picture.width, picture.height)
        inline = inline_picture(self.document, picture.data, picture.kind, size, width, height)
        inline.docPr.set("id", str(shape_id))
        inline.docPr.set("name", f"Picture {shape_id}")
        inline.docPr.set("descr", picture.alt)
        xml = etree.tostring(inline, encoding="unicode")
        found = self._pictures[key] = f"<w:r><w:drawing>{xml}</w:drawing></w:r>"
        return found


# A monospace font's advance, in ems: 0.55 for the theme's Consolas, 0.6 for what stands
# in for it where it is missing (Courier New, Liberation or DejaVu Sans Mono); and the share
# of the text's width a cut line may fill (a table cell's margins), so that Word never
# wraps it again
_MONO_ADVANCE = 0.6
_CODE_ROOM = 0.96
_CONTINUATION = (
    f'<w:r><w:br/></w:r><w:r><w:rPr><w:color w:val="{highlight.PRINT["comment"].lstrip("#")}"/>'
    f'</w:rPr><w:t xml:space="preserve">{CONTINUED} </w:t></w:r>'
)


def _shown_texts(bank: Bank, questions: Sequence[Question]) -> list[str]:
    """The texts a packet of `questions` shows: their sections' descriptions (under each
    section's heading), then each question's texts."""
    shown = {q.section for q in questions}
    texts = [s.description for s in bank.sections if s.name in shown]
    for q in questions:
        texts += [q.question, q.hint, q.note or "", *q.look_for, *q.follow_ups]
    return texts


def _apart(xml: str, space: int = LISTS_APART) -> str:
    """A paragraph (at a list's level: it has an indent) `space` twips below the one before."""
    return xml.replace("<w:ind ", f'<w:spacing w:before="{space}"/><w:ind ', 1)


def _size(points: float) -> str:
    half_points = round(points * 2)
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _run(text: str, props: str) -> str:
    if not text:
        return ""
    props = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _token_props(role: str) -> str:
    if not role:
        return ""
    bold = "<w:b/>" if role == "keyword" else ""
    return f'<w:color w:val="{highlight.PRINT[role].lstrip("#")}"/>{bold}'
