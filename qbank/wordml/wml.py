"""WordprocessingML for the packet's body, written as text at a constant cost per element.

python-docx's convenience calls (`add_paragraph(style=name)`, `add_table`, `table.cell`)
look styles up by name and walk the whole body or table on every call, which makes a large
packet quadratic; and even plain lxml spends about a microsecond to create, and another to
serialize, each of the ~500 elements of a question page. So the body is written here as
XML text (styles are referred to by ids resolved once) and put into the saved document in
one piece (see document.save). Every piece of bank text goes through `escape`.

The prefixes used here, w and w14, are the ones python-docx's template declares on its
root element, with mc:Ignorable="w14" for readers older than Word 2010.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager

from qbank import text as textkit
from qbank.direction import closed, contained_lines, runs_right_to_left
from qbank.text import EAST_ASIAN, is_right_to_left, primary

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LRM_RUN = "<w:r><w:t>\u200e</w:t></w:r>"  # a left-to-right mark (U+200E) of its own
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
NAMESPACES = {"w": W_NS, "w14": W14_NS}
EMPTY_BOX = "\u2610"  # Word shows U+2612 once ticked (w14:checkedState)

# Border sets for tables: which edges get a line.
EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")
GRID = EDGES
NONE: tuple[str, ...] = ()
CELL_MARGIN = 85  # twips inside each cell, left and right
# A paragraph's bar (a hint's, a quote's): 2.25 pt wide (w:sz in eighths of a point),
# 6 pt from its text, which is how far it reaches out beside the text
BAR_EIGHTHS, BAR_SPACE_PT = 18, 6
BAR_REACH_MM = (BAR_SPACE_PT + BAR_EIGHTHS / 8) * 25.4 / 72

# Styles whose paragraphs run left to right in a right-to-left document too: code, and the
# footer, which keeps the page's layout ('Page 3 of 4'). By name: a Markdown bank's code
# style joins the document after its writer is made (document.add_paragraph_style)
CODE_BLOCK_STYLE = "Packet Code Block"
# the language of code (the Packet Code style's): none, ISO 639's 'no linguistic content',
# which Word does not spell-check and LibreOffice does not hyphenate
CODE_LANGUAGE = "zxx"
LEFT_TO_RIGHT_STYLES = frozenset({CODE_BLOCK_STYLE, "Footer"})

_TAG = re.compile("<[^>]*>")

# Languages whose text Word sets by the eastAsia (qbank.text.EAST_ASIAN) or the bidi
# language of a run
RIGHT_TO_LEFT = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"})


def lang_attribute(language: str) -> str:
    """The attribute of w:lang that Word reads text in `language` by: a CJK run's eastAsia,
    a right-to-left run's bidi, any other's val."""
    first = primary(language)
    return "eastAsia" if first in EAST_ASIAN else "bidi" if first in RIGHT_TO_LEFT else "val"


# XML 1.0 cannot hold these at all; the bank loader refuses them, so this is a last guard.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def bar(color: str, right_to_left: bool = False, over: bool = False) -> str:
    """A paragraph's bar in `color` on the side its text starts (its pBdr, which comes
    first of the properties a style leaves to a paragraph: before its tabs and indent):
    on the right of one that runs right to left. A border's side is the page's, whatever
    the paragraph's direction (ISO/IEC 29500-1, 17.3.1.17), while its indent is from the
    side it starts: on the left, the bar of a Hebrew hint stood outside its cell, and
    LibreOffice drew none. `over`: the paragraph's style has a bar on the left, taken off."""
    line = f'w:val="single" w:sz="{BAR_EIGHTHS}" w:space="{BAR_SPACE_PT}" w:color="{color}"'
    if not right_to_left:
        return f"<w:pBdr><w:left {line}/></w:pBdr>"
    style_bar = '<w:left w:val="nil"/>' if over else ""
    return f"<w:pBdr>{style_bar}<w:right {line}/></w:pBdr>"


def xml_safe(text: str) -> str:
    """`text` with the characters XML cannot hold (e.g. a file name's undecodable bytes)
    replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


def escape(text: str) -> str:
    """Text content for XML: markup characters escaped, impossible characters replaced.
    (xml.sax.saxutils's escape does the same, but importing it imports urllib.request,
    http.client and ssl: 12 ms of every command's start.)"""
    return xml_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(text: str) -> str:
    return escape(text).replace('"', "&quot;")


def _t(text: str) -> str:
    if text[0] == " " or text[-1] == " " or "  " in text:
        return f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return f"<w:t>{escape(text)}</w:t>"


# A space that no line may break at (textkit.kept_spaces: '50 %', French's 'Pourquoi ?', the
# one before a formula's '=' in 'a² + b² = c²'): a no-break space, as Word's and
# LibreOffice's French autocorrect type it, where the booklet, the cards and the study page
# keep the plain space typed and break no line there. Word has no run property that keeps
# words on a line.
NO_BREAK_SPACE = "\u00a0"
# what a paragraph's XML holds when it may hold such a space in French: one of the signs,
# or a mark (a colon after a blank or at the start of a run's text, as XML's own colons
# never are), the space maybe in the run before ('Pourquoi <i>?</i>'); in any language, a
# number's sign or unit (textkit.may_keep_number_spaces)
_MARKS = textkit.NUMBER_SIGNS + textkit.SPACE_KEPT_AFTER + textkit.SPACE_KEPT_BEFORE
_SPACED_MARK = re.compile(f"[{_MARKS.replace(':', '')}]|[ >]:")
# in a paragraph's runs: a run's start, its character style, its text, a line break or tab
_RUN_PART = re.compile(
    r'<w:r[ >]|<w:rStyle w:val="([^"]*)"/>|<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:(?:br|tab|cr)/>'
    r"|<(/?)w:sdt>"
)
_ENTITY = re.compile("&(?:amp|lt|gt|quot);")


def _t_whole(text: str) -> str:
    """`text` with each hyphen one a line does not break at (w:noBreakHyphen), which Word,
    LibreOffice (its PDF's text too) and python-docx read back as the '-' it was."""
    return "<w:noBreakHyphen/>".join(_t(piece) if piece else "" for piece in text.split("-"))


class Wml:
    """Makes the XML of paragraphs, runs, tick boxes, fields and tables."""

    def __init__(
        self,
        style_ids: Mapping[str, str],
        colors: Mapping[str, str],
        box_font: str,
        language: str = "",
        bars: Mapping[str, str] | None = None,
        code_sizes: Mapping[str, float] | None = None,
        own_language: str = "",
        code_grounds: Mapping[str, str] | None = None,
    ):
        self.style_ids = style_ids
        # the language of the text being written (the document's, or a section's while
        # `written_in` it): a paragraph runs right to left (w:bidi) by it, as in the PDFs
        self.language = self.document_language = language
        # the w:lang of the words qbank adds (`own`), in the look's language where it is not
        # the document's: a German bank's packet hyphenated 'questi-ons' by German rules; a
        # bank of no language is in the template's English (a German look's words were
        # untagged there, so English)
        self._own_lang = self._lang(own_language)
        self.own_language = own_language
        # the styles with a bar on the left (a hint's), by id: its colour
        self._bars = dict(bars or {})
        self.colors = colors
        self._last_id = 0
        self._code = style_ids["Packet Code"]
        # a code span's size in a paragraph of a style, by name, where not its style's
        self._code_sizes = dict(code_sizes or {})
        # a code span's run properties, up to their end, unless they give a size
        code_props = f'<w:rStyle w:val="{re.escape(self._code)}"/>(?:(?!<w:sz |</w:rPr>).)*'
        self._code_props = re.compile(f"({code_props})</w:rPr>")
        # a code span's ground (rrggbb) in a paragraph of a style, by name, where not its
        # style's (on the style's own ground: a hint's box)
        self._code_grounds = dict(code_grounds or {})
        # a code span's whole run, its text and all
        self._whole_code = re.compile(
            f'<w:r><w:rPr><w:rStyle w:val="{re.escape(self._code)}"/>.*?</w:r>', re.S
        )
        self._code_run = re.compile(
            f'(<w:rStyle w:val="{re.escape(self._code)}"/>(?:(?!</w:rPr>).)*)</w:rPr>'
        )
        self._box_style = style_ids["Packet Box"]
        self._box_font = attribute(box_font)  # Word draws the ticked glyph in it

    # -- paragraphs and runs ---------------------------------------------------------------

    def paragraph(
        self,
        style: str,
        content: str = "",
        *,
        page_break: bool = False,
        keep_next: bool | None = None,
        keep_lines: bool = False,
        widow_control: bool = False,
        align: str | None = None,
        bar_color: str = "",
        bar_on_right: bool | None = None,
        style_bar: bool = True,
        tabs: str = "",
        indent: str = "",
        right_to_left: bool | None = None,
    ) -> str:
        """A paragraph of the named style holding `content` (runs, made by the methods below);
        `keep_next` True or False overrides the style's keep-with-next, `keep_lines` keeps
        its lines on one page, `widow_control` leaves no first or last line of it alone on
        a page (neither is on in a packet's or a debrief's styles); `bar_color` gives
        it a bar where its text starts (`bar`), or on the right with `bar_on_right`;
        without `style_bar`, its style's bar is taken off (a box around it draws one); `tabs`
        and `indent` its w:tabs and w:ind; `right_to_left` its direction where its content's
        is not (runs_right_to_left: a code block's style runs left to right all the same).
        The properties come in the schema's order (CT_PPrBase): Word may refuse a document
        whose aren't."""
        sid = self.style_ids[style]
        props = f'<w:pStyle w:val="{sid}"/>'
        if keep_next is not None:
            props += "<w:keepNext/>" if keep_next else '<w:keepNext w:val="0"/>'
        if keep_lines:
            props += "<w:keepLines/>"
        if page_break:
            props += "<w:pageBreakBefore/>"
        if widow_control:
            props += "<w:widowControl/>"
        if style != CODE_BLOCK_STYLE:
            content = self.kept_spaces(content)
        if right_to_left is None:
            right_to_left = self.runs_right_to_left(content)
        right_to_left = style not in LEFT_TO_RIGHT_STYLES and right_to_left
        if bar_color:
            on_right = right_to_left if bar_on_right is None else bar_on_right
            props += bar(bar_color, on_right, sid in self._bars)
        elif not style_bar and sid in self._bars:
            props += '<w:pBdr><w:left w:val="nil"/></w:pBdr>'
        elif right_to_left and sid in self._bars:  # the style's bar, on the right
            props += bar(self._bars[sid], True, True)
        props += tabs
        if right_to_left:
            props += "<w:bidi/>"
            content = self._code_isolated(content)
        props += indent
        if align:
            props += f'<w:jc w:val="{align}"/>'
        if style in self._code_sizes:
            content = self._sized_code(content, self._code_sizes[style])
        if style in self._code_grounds:  # last: after the size, as CT_RPr orders them
            shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{self._code_grounds[style]}"/>'
            content = self._code_run.sub(lambda found: found[1] + shade + "</w:rPr>", content)
        return f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>"

    def _code_isolated(self, content: str) -> str:
        """`content` (a right-to-left paragraph's) with a left-to-right mark on each side of
        each code span's run: a span's closing quote, between it and Hebrew, went to the
        Hebrew's side in LibreOffice, '(`ResultType != "0"`)' read '("ResultType != "0)'
        (a Hebrew panel's trial), as in the PDFs before (direction._as_code). The marks are
        runs of their own, outside the span, so that its text copied is as typed."""
        if self._code not in content:
            return content
        return self._whole_code.sub(lambda found: f"{_LRM_RUN}{found[0]}{_LRM_RUN}", content)

    def _sized_code(self, content: str, size: float) -> str:
        """`content` with each code span's run `size` points, its size last in its
        properties as CT_RPr orders them (after its style, bold, italic and colour)."""
        half_points = round(size * 2)
        sized = f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
        return self._code_props.sub(lambda found: found[1] + sized, content)

    def kept_spaces(self, content: str) -> str:
        """A paragraph's runs (`content`) with each space that no line may break at in the
        language being written (textkit.kept_spaces, found across runs: '<i>50</i> %') a
        NO_BREAK_SPACE; a code span's spaces are its own, left as typed, and so is a content
        control's text (a candidate's name filled in, which the debrief reads back)."""
        french = textkit.keeps_marks_spaced(self.language)
        marks = french and _SPACED_MARK.search(content) is not None
        if not (
            marks
            or textkit.may_keep_number_spaces(content)
            or textkit.may_keep_formula_spaces(content)
        ):
            return content  # the common case, a search or three
        text: list[str] = []  # the runs' text, code as NUL, a line break as a newline
        where: list[int] = []  # where in `content` each character of `text` is
        code = False
        fields = 0  # the content controls the part stands in: what is typed there is kept
        for part in _RUN_PART.finditer(content):
            if part[3] is not None:
                fields += -1 if part[3] else 1
            elif part[0].startswith("<w:r") and not part[0].startswith("<w:rS"):
                code = False
            elif part[1] is not None:
                code = part[1] == self._code
            elif part[2] is not None:
                start = part.start(2)
                for piece in re.finditer(f"{_ENTITY.pattern}|.", part[2], re.S):
                    text.append("\0" if code or fields else html.unescape(piece[0]))
                    where.append(start + piece.start())
            else:
                text.append("\n")
                where.append(-1)
        chars = list(content)
        for start, end in textkit.kept_spaces("".join(text), self.language):
            for at in range(start, end):
                chars[where[at]] = NO_BREAK_SPACE
        return "".join(chars)

    def runs_right_to_left(self, text: str) -> bool:
        """Whether a paragraph of `text`, or of runs holding it, runs right to left in the
        language being written (qbank.direction: as the PDFs and the study page set it)."""
        if not textkit.has_right_to_left(text):  # the common case, and cheap
            return False
        if "<" in text:  # runs: their text alone, whose first letter may decide
            text = html.unescape(_TAG.sub("", text))
        return runs_right_to_left(text, self.language)

    def _lang(self, language: str) -> str:
        """A run's w:lang for text in `language`: none for the document's."""
        if not language or primary(language) == primary(self.document_language or "en"):
            return ""
        return f'<w:lang w:{lang_attribute(language)}="{attribute(language)}"/>'

    def text_lang(self) -> str:
        """The w:lang of a run of the bank's text being written: a section's own language
        where it is not the document's (a French section of a German bank), else none."""
        return self._lang(self.language)

    def written_in_bank(self) -> AbstractContextManager[None]:
        """Paragraphs made inside are of the bank's own text (a competency's name), in the
        bank's language, the document's, whatever the section being written."""
        return self.written_in(self.document_language or "")

    @contextmanager
    def written_in(self, language: str) -> Iterator[None]:
        """Paragraphs made inside are of text in `language` (a section's own)."""
        kept, self.language = self.language, language
        try:
            yield
        finally:
            self.language = kept

    def closing(self) -> str:
        """The paragraph Word wants after a document's last table, a point tall with no
        space around it: a Normal one after a table that fills the page made a blank last
        page in LibreOffice ('Page 2 of 2', the footer alone; a visual review)."""
        props = (
            f'<w:pStyle w:val="{self.style_ids["Normal"]}"/>'
            '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'
        )
        return f"<w:p><w:pPr>{props}</w:pPr></w:p>"

    def para(self, style: str, text: str = "", **options: object) -> str:
        """A paragraph of bank text (see `text`)."""
        return self.paragraph(style, self.text(text), **options)  # type: ignore[arg-type]

    def own_para(self, style: str, words: str, **options: object) -> str:
        """A paragraph of the words qbank adds (see `own`)."""
        return self.paragraph(style, self.own(words), **options)  # type: ignore[arg-type]

    def own(self, words: str, *, own: bool = True, **options: object) -> str:
        """A run of the words qbank adds around a bank's text (the look's labels, headings,
        scale and guide), in the look's language: Word spells, and LibreOffice hyphenates,
        them by its rules, a bank's text by the bank's (`own` False: a bank's own scale, in
        the bank's language, the document's, on a page of a section in another too)."""
        lang = self._own_lang if own else ""
        return self.run(words, lang=lang, **options)  # type: ignore[arg-type]

    def said(
        self,
        pieces: Sequence[tuple[str, bool]],
        *,
        bold: bool = False,
        color: str | None = None,
        literal: bool = False,
        size: float | None = None,
    ) -> str:
        """Runs for the look's words filled in with a bank's texts (rubric.Wording.pieces:
        each text, and whether it is the look's own): the words in the look's language, the
        texts in the one being written ('Subtotal' in English, the German section's name
        beside it in German); one run where the two are the same. `literal`: the texts'
        backticks are their own (a name, what an interviewer typed), no code spans. A
        text's direction marks turn only itself, not the look's words after it (contained)."""
        text = self.run if literal else self.text
        look = {"bold": bold, "color": color, "size": size}
        ours = is_right_to_left(self.own_language)  # the look's words' direction
        pieces = [(piece if own else contained_lines(piece, ours), own) for piece, own in pieces]
        if self._own_lang == self.text_lang():
            return text("".join(piece for piece, _ in pieces), **look)  # type: ignore[arg-type]
        write = {True: self.own, False: text}
        return "".join(write[own](text, **look) for text, own in pieces)  # type: ignore[arg-type]

    def said_right_to_left(
        self, pieces: Sequence[tuple[str, bool]]
    ) -> tuple[bool | None, tuple[tuple[str, bool], ...]]:
        """Whether a paragraph of the look's words filled in with a bank's texts (`pieces`,
        as `said` takes them) runs right to left, and the pieces to write in it: it runs as
        the look's words do in the look's language (None where they have no letter to go
        by: as its content), each text of the bank that runs the other way closed by a
        direction mark (direction.closed). A Hebrew bank's line of the built-in English
        words ran right to left, by the bank's language: 'Q1 has no rating from דנה כהן.'
        read from the right, and a line naming two interviewers with their scores read
        them in the wrong order (a trial of a Hebrew panel)."""
        words = "".join(text for text, own in pieces if own)
        if not any(unicodedata.bidirectional(c) in ("L", "R", "AL") for c in words):
            return None, tuple(pieces)
        right_to_left = runs_right_to_left(words, self.own_language)
        closed_pieces = tuple(
            (text if own else closed(text, right_to_left), own) for text, own in pieces
        )
        return right_to_left, closed_pieces

    def text(
        self,
        text: str,
        *,
        bold: bool = False,
        color: str | None = None,
        size: float | None = None,
    ) -> str:
        """Runs for bank text: code spans in the code style, line breaks and tabs kept;
        `size` in points over the paragraph style's."""
        if "`" not in text:  # the common case: no code span can be in it
            return self.run(text, bold=bold, color=color, size=size)
        return "".join(
            self.run(
                run.text,
                style=self._code if run.code else None,
                bold=bold,
                color=color,
                size=size,
                lang="" if run.code else None,  # code's own, its style's
            )
            for run in textkit.runs(text)
        )

    def run(
        self,
        text: str,
        *,
        style: str | None = None,
        bold: bool = False,
        color: str | None = None,
        size: float | None = None,
        whole_hyphens: bool = False,
        lang: str | None = None,
    ) -> str:
        """A run of `text`; `size` in points over its paragraph style's; `whole_hyphens`:
        no line breaks at its hyphens (a double-barrelled name stays whole); `lang` its
        w:lang element, by default the language being written's (`text_lang`)."""
        if not text:
            return ""
        t = _t_whole if whole_hyphens else _t
        props = ""
        if style:
            props += f'<w:rStyle w:val="{style}"/>'
        if bold:
            props += "<w:b/>"
        if color:
            props += f'<w:color w:val="{self.colors[color]}"/>'
        if size:
            half_points = round(size * 2)
            props += f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        props += self.text_lang() if lang is None else lang  # last, as CT_RPr orders them
        if props:
            props = f"<w:rPr>{props}</w:rPr>"
        if "\n" in text or "\t" in text:
            lines = []
            for line in text.split("\n"):
                pieces = line.split("\t")
                lines.append("<w:tab/>".join(t(piece) if piece else "" for piece in pieces))
            return f"<w:r>{props}{'<w:br/>'.join(lines)}</w:r>"
        return f"<w:r>{props}{t(text)}</w:r>"

    # -- tick boxes and fields -------------------------------------------------------------

    def box(self, tag: str) -> str:
        """A tick box: a checkbox content control that Word and LibreOffice toggle on click.

        `tag` names what the box records (e.g. 'q7:score:3'), so that a program can read a
        filled-in packet back. The glyph's font comes from the 'Packet Box' style.
        """
        return (
            f'<w:sdt><w:sdtPr><w:alias w:val="{attribute(tag)}"/><w:tag w:val="{attribute(tag)}"/>'
            f'<w:id w:val="{self.next_id()}"/><w14:checkbox><w14:checked w14:val="0"/>'
            f'<w14:checkedState w14:val="2612" w14:font="{self._box_font}"/>'
            f'<w14:uncheckedState w14:val="2610" w14:font="{self._box_font}"/>'
            "</w14:checkbox></w:sdtPr><w:sdtContent>"
            f'<w:r><w:rPr><w:rStyle w:val="{self._box_style}"/></w:rPr>'
            f"<w:t>{EMPTY_BOX}</w:t></w:r></w:sdtContent></w:sdt>"
        )

    def text_field(self, tag: str, title: str, value: str = "") -> str:
        """A plain-text content control to type into on screen; blank on paper unless a
        `value` is filled in already."""
        content = f"<w:r>{_t(value)}</w:r>" if value else "<w:r/>"
        return (
            f'<w:sdt><w:sdtPr><w:alias w:val="{attribute(title)}"/>'
            f'<w:tag w:val="{attribute(tag)}"/><w:id w:val="{self.next_id()}"/><w:text/>'
            f"</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"
        )

    def next_id(self) -> int:
        self._last_id += 1
        return self._last_id

    @staticmethod
    def field(instruction: str, shown: str) -> str:
        """A field such as PAGE or NUMPAGES, showing `shown` until the reader updates it."""
        return (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r>{_t(shown)}</w:r>"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )

    # -- tables ----------------------------------------------------------------------------

    def table(
        self,
        widths: Sequence[int],
        rows: Iterable[str],
        *,
        borders: tuple[str, ...] = GRID,
        border_color: str = "rule",
        margin: int = CELL_MARGIN,
        indent: int = 0,
        right_to_left: bool = False,
    ) -> str:
        """A fixed-layout table whose columns have `widths` (twips), with `borders` and
        `margin` (twips) left and right inside each cell; `indent` twips in from where the
        text starts, its columns from the right where it runs `right_to_left`."""
        color = self.colors[border_color]
        edges = "".join(
            f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="{color}"/>'
            if edge in borders
            else f'<w:{edge} w:val="nil"/>'
            for edge in EDGES
        )
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        # in the order CT_TblPr gives them: the direction before the width, the indent after
        direction = "<w:bidiVisual/>" if right_to_left else ""
        inside = f'<w:tblInd w:w="{indent}" w:type="dxa"/>' if indent else ""
        return (
            f'<w:tbl><w:tblPr>{direction}<w:tblW w:w="{sum(widths)}" w:type="dxa"/>{inside}'
            f'<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
            f'<w:right w:w="{margin}" w:type="dxa"/>'
            f"</w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
        )

    @staticmethod
    def row(
        cells: Iterable[str],
        *,
        height: int = 0,
        exact: bool = False,
        header: bool = False,
        can_split: bool = False,
    ) -> str:
        """A row that never splits across pages unless `can_split`; a header row repeats
        on each page."""
        props = "" if can_split else "<w:cantSplit/>"
        if height:
            props += f'<w:trHeight w:val="{height}" w:hRule="{"exact" if exact else "atLeast"}"/>'
        if header:
            props += "<w:tblHeader/>"
        return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"

    def cell(
        self,
        width: int,
        content: str,
        *,
        span: int = 1,
        merge: str = "",
        fill: str | None = None,
        valign: str = "center",
        bottom_line: bool | str = False,
        padding: int = 0,
    ) -> str:
        """A cell holding `content`, one or more paragraphs; `span` columns wide, and with
        `merge` "restart" the top of cells merged down, "continue" one below it; `padding`
        twips above and below its text; `bottom_line` a line under it to write on, or a
        colour's name: a rule of a point under it (a table's header row)."""
        props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if span > 1:
            props += f'<w:gridSpan w:val="{span}"/>'
        if merge:  # after gridSpan, as CT_TcPr orders them
            props += '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
        if bottom_line:
            rule = isinstance(bottom_line, str)
            color = self.colors[bottom_line if rule else "writing_line"]
            props += (
                "<w:tcBorders>"
                f'<w:bottom w:val="single" w:sz="{8 if rule else 6}" w:space="0" '
                f'w:color="{color}"/>'
                "</w:tcBorders>"
            )
        if fill:
            props += f'<w:shd w:val="clear" w:color="auto" w:fill="{self.colors[fill]}"/>'
        if padding:  # after the shading, before the alignment, as CT_TcPr orders them
            props += (
                f'<w:tcMar><w:top w:w="{padding}" w:type="dxa"/>'
                f'<w:bottom w:w="{padding}" w:type="dxa"/></w:tcMar>'
            )
        props += f'<w:vAlign w:val="{valign}"/>'
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"

    def text_cell(
        self,
        width: int,
        text: str | Sequence[tuple[str, bool]],
        *,
        style: str = "Packet Cell",
        align: str | None = None,
        keep_next: bool | None = None,
        literal: bool = False,
        own: bool = False,
        size: float | None = None,
        **cell_options: object,
    ) -> str:
        """A cell holding one paragraph of bank text (`literal`: its backticks its own, a
        text whose code spans were taken off already), or of qbank's words (`own`), or of
        its words filled in with a bank's texts (pieces, as `said` takes them); `size` in
        points over the style's."""
        if not isinstance(text, str):
            runs = self.said(text, size=size)
        elif own:
            runs = self.own(text, size=size)
        else:
            runs = self.run(text, size=size) if literal else self.text(text, size=size)
        content = self.paragraph(style, runs, align=align, keep_next=keep_next)
        return self.cell(width, content, **cell_options)  # type: ignore[arg-type]

    def ruled_lines(self, lines: int, line_height: int) -> str:
        """A notes area: `lines` empty paragraphs of exact height, a rule under each.
        Word and LibreOffice draw a run of paragraphs with equal borders as one group, its
        rule under the last only: every other line's rule is one step of blue apart, so no
        two neighbours are equal. (A group's 'between' rule did that in Word, but LibreOffice
        drops it when it saves, and a trial's re-saved packet lost its lines.) Paragraphs,
        not a table: LibreOffice misjudges exact-height table rows nested in a block."""
        color = self.colors["writing_line"]
        other = f"{int(color, 16) ^ 1:06X}"
        spacing = f'<w:spacing w:before="0" w:after="0" w:line="{line_height}" w:lineRule="exact"/>'
        style = f'<w:pStyle w:val="{self.style_ids["Packet Cell"]}"/>'
        pair = [
            f'<w:p><w:pPr>{style}<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="0" '
            f'w:color="{c}"/></w:pBdr>{spacing}</w:pPr></w:p>'
            for c in (color, other)
        ]
        return "".join(pair[n % 2] for n in range(lines))

    def boxed(self, width: int, content: str, ground: str, bar_color: str, on_right: bool) -> str:
        """`content` (paragraphs and tables, a paragraph last) in a box: a one-cell table
        `width` twips wide on `ground` (rrggbb), a bar in `bar_color` down its left side,
        or its right `on_right`, no margins (its paragraphs' indents stand as in the
        page's text), its row free to split across pages as paragraphs do. A table inside
        it stands on its ground and beside its bar, where a run of shaded paragraphs with
        a border breaks around a table (a hint's table stood outside its box in Word and
        LibreOffice alike). The bar is the cell's leading edge (w:left, w:start in ISO/IEC
        29500's strict names), on the right of a table that runs right to left
        (w:bidiVisual): a w:right border, the page's right side in Word by the standard, was
        drawn on the left by LibreOffice, which took the box in a Hebrew hint to run right
        to left."""
        props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if bar_color:
            line = f'w:val="single" w:sz="{BAR_EIGHTHS}" w:space="0" w:color="{bar_color}"'
            props += f"<w:tcBorders><w:left {line}/></w:tcBorders>"
        if ground:
            props += f'<w:shd w:val="clear" w:color="auto" w:fill="{ground}"/>'
        cell = f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"
        row = self.row([cell], can_split=True)
        return self.table([width], [row], borders=NONE, margin=0, right_to_left=on_right)

    def block(self, width: int, content: str, *, can_split: bool = False) -> str:
        """`content` (paragraphs and tables) in a borderless one-cell table whose row does
        not split across pages: Word and LibreOffice both move such a row whole to the next
        page, where a chain of keep-with-next paragraphs and tables is not reliable in
        LibreOffice. A cell must end with a paragraph."""
        cell = f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{content}'
        cell += self.paragraph("Packet Block End") + "</w:tc>"
        return self.table([width], [self.row([cell], can_split=can_split)], borders=NONE, margin=0)
