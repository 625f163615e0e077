"""A Markdown text's tree (qbank.rich) as reportlab Paragraph markup, one paragraph a
block: for the flashcards' faces and the booklet's cover and section openings.

Every character is escaped as `text.to_reportlab` does; the tree alone makes tags. A code
block is one paragraph a code line, coloured per token (highlight.PRINT), so that a card
never splits a code line (see cards/face.py). A list item carries its marker and depth.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from qbank import highlight
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
)
from qbank.text import LAYOUT_SPACE, ascii_address, to_reportlab


@dataclass(frozen=True, slots=True)
class Piece:
    """One paragraph of a face: its markup and what it is ("text", "item", "quote",
    "code", "picture", "table"); `depth` indents list items; `marker` is an item's bullet or
    number (on its first piece: a code line when the item opens with code); `picture` is
    set for a picture, `table` for a table."""

    markup: str
    kind: str = "text"
    depth: int = 0
    marker: str = ""
    picture: Picture | None = None
    table: Table | None = None  # set for a table ("table"), drawn as the artifact draws one
    line: tuple[tuple[str, str], ...] = ()  # a code line's (role, text) tokens
    first: bool = True  # the first piece of a block: space above it on a face
    quoted: int = 0  # the quotes it stands in, whatever its kind (a list in a quote)
    # the list level each of those quotes opens at: its bar stands at that level's text
    # (a quote in a list item: right of the item's bullet, as the booklet's)
    quote_levels: tuple[int, ...] = ()
    # of a list item that runs right to left: its marker on the right, a code line's ground
    # in the item's column, left of its marker, as the item's text stands (it reached out
    # under the marker)
    from_right: bool = False
    # its list levels indented from the left: those of the items around it that run left to
    # right, its own among them; the others (`right_levels`) are indented from the right,
    # as the booklet and a browser set them: a right-to-left item in a left-to-right one
    # had its bullet a level in from the right, and code in a left-to-right item in a
    # right-to-left one reached out under that item's bullet
    left_levels: int = 0
    widest: float = 0.0  # a code line's: its block's widest line at 1 pt (set by a face)
    # the least indentation of a list level in its text, in ems: its text's widest marker
    # and the room reportlab sets after one (`marker_room`, set by a face)
    marker_room: float = 0.0
    # the first of a list that follows another (bullets, then numbers): set apart from it,
    # as CommonMark makes two lists of them, not closer as an item is to the one before;
    # and each item of a loose list after its first, and each further paragraph of its item
    apart: bool = False
    # with `apart`, a list's first after a list where either is loose: farther than a loose
    # list's items stand apart, else the two read as one list
    far: bool = False

    @property
    def right_levels(self) -> int:
        """Its list levels indented from the right (`left_levels`)."""
        return self.depth - self.left_levels


def spans(items: tuple[Span, ...], code_font: str) -> str:
    parts = []
    for i, span in enumerate(items):
        if span.newline:
            parts.append("<br/>")
            continue
        if span.code:  # the face first: reportlab reads <b> outside a face as its regular
            text = _code(span.text, code_font, span.strong)
        else:
            # a Markdown text's words: a backtick in them is one CommonMark showed as typed
            # (\`), no code span to read again (the cards showed '\`a\`' as code, a probe)
            text = to_reportlab(span.text, code_font, code=False)
            if span.emphasis:
                text = f"<i>{text}</i>"
            if span.strong:
                text = f"<b>{text}</b>"
        if span.href:  # a link a PDF reader opens (the words, and the address after them)
            text = linked(text, span.href)
        parts.append(text)
        following = items[i + 1] if i + 1 < len(items) else None
        if address_after(span) and (following is None or following.href != span.href):
            address = to_reportlab(span.href, code_font, code=False)
            parts.append(f" ({linked(address, span.href)})")
    return "".join(parts)


def linked(markup: str, address: str) -> str:
    """`markup` as a link to `address` in a reportlab paragraph, the address in ASCII (its
    quote and '<' percent-encoded, so they cannot end the attribute)."""
    return f'<a href="{html.escape(ascii_address(address), quote=True)}">{markup}</a>'


# The tag a code block's line holds its text in, in paragraph markup: reportlab draws a
# <span> without attributes as the text around it, and its fragments keep the tag's name.
# A paragraph of a text's lines (`flat`: a packet's note) holds a block's lines among its
# own, and a code span alone on a line after a hard break looked the same there: it stood
# on no span's ground, taken for a block's line (reportlab_fixes._code_block_lines).
CODE_LINE_TAG = "span"


def _code(text: str, code_font: str, bold: bool = False, line: bool = False) -> str:
    # to_reportlab reads backticks as code spans; inline code is code as a whole; code has
    # no italic face (the theme's family), and its bold is asked for inside the face; a
    # code block's `line` is marked as one (CODE_LINE_TAG)
    escaped = to_reportlab(text.replace("`", "\x00"), code_font).replace("\x00", "`")
    if line:
        escaped = f"<{CODE_LINE_TAG}>{escaped}</{CODE_LINE_TAG}>"
    return f'<font face="{code_font}">{f"<b>{escaped}</b>" if bold else escaped}</font>'


CodeWrap = Callable[[highlight.Line], list[highlight.Line]]
ItemDirection = Callable[[tuple[Block, ...]], bool]  # whether a list item runs right to left


def code_lines(block: CodeBlock, code_font: str, wrap: CodeWrap | None = None) -> list[str]:
    """Markup of each code line, each token in its colour (plain text in the paragraph's),
    its indent kept (a paragraph drops the spaces that start a line). With `wrap`, a line
    is cut into the pieces it gives, each after the first on a line of its own after the
    continuation mark, as the other artifacts mark them."""
    lines = []
    for line in highlight.printed_lines(block):
        pieces = wrap(list(line)) if wrap is not None and line else [list(line)]
        marked = []
        for n, piece in enumerate(pieces):
            parts = [_code(f"{highlight.CONTINUED} ", code_font, line=True)] if n else []
            for i, (role, text) in enumerate(piece):
                if i == 0:  # the indent, which a paragraph's line would drop
                    blanks = len(text) - len(text.lstrip(" "))
                    text = LAYOUT_SPACE * blanks + text[blanks:]
                escaped = _code(text, code_font, line=True)
                parts.append(
                    f'<font color="{highlight.PRINT[role]}">{escaped}</font>' if role else escaped
                )
            marked.append("".join(parts))
        lines.append("<br/>".join(marked) or LAYOUT_SPACE)
    return lines


def pieces(
    tree: RichText,
    code_font: str,
    code_markup: bool = True,
    wrap: CodeWrap | None = None,
    right_to_left: ItemDirection | None = None,
) -> list[Piece]:
    """The pieces of a text; without `code_markup` a code line's markup is left empty, for
    the cards, which draw code lines from their tokens; `wrap` cuts code lines (see
    `code_lines`); `right_to_left` says whether a list item (its blocks) runs right to
    left (qbank.direction.item_right_to_left, in the text's language)."""
    return _blocks(
        tree.blocks, code_font, 0, code_markup=code_markup, wrap=wrap, right_to_left=right_to_left
    )


def level_indents(piece: Piece, step: float, left: float = 0.0, quotes: float = 0.0) -> dict:
    """A list item's paragraph's indents (reportlab's ParagraphStyle's) for its levels,
    `step` a level, in from `left` (the frame's) and `quotes` (its quotes' room): its
    levels from the left in its left indent, its marker a level out from its text; those
    from the right in its right indent. One that runs right to left has them all in its
    left indent all the same: reportlab_fixes.Paragraph moves what is past `list_from` (its
    quotes' room and its levels from the right) to the right, with its marker, as the
    booklet does (one in a left-to-right item had its bullet a level in from the right),
    and so in a paragraph of it that runs left to right (`levels_right`)."""
    levels = piece.depth if piece.from_right else piece.left_levels
    return {
        "leftIndent": left + levels * step + quotes,
        "bulletIndent": left + (levels - 1) * step + quotes,
        "rightIndent": 0.0 if piece.from_right else piece.right_levels * step,
        "list_from": left + piece.from_right * piece.left_levels * step,
        # and moves them so in one of its paragraphs that runs left to right: the room of
        # its levels from the right, its quotes' left where their bars are
        "levels_right": piece.right_levels * step
        if piece.from_right and piece.kind == "item"
        else 0.0,
    }


def code_insets(
    piece: Piece, step: float, left: float = 0.0, quotes: float = 0.0
) -> tuple[float, float]:
    """Where a code line's ground starts, from `left` (the frame's), and how far in from the
    right it ends, `step` a list level: its levels on their own sides, `quotes` (its quotes'
    room) on its marker's side, the right in a right-to-left item (the item's column, left
    of its marker)."""
    start, end = left + piece.left_levels * step, piece.right_levels * step
    return (start, end + quotes) if piece.from_right else (start + quotes, end)


def _blocks(
    blocks: tuple[Block, ...],
    code_font: str,
    depth: int,
    kind: str = "text",
    code_markup: bool = True,
    wrap: CodeWrap | None = None,
    levels: tuple[int, ...] = (),
    loose: bool = False,
    right_to_left: ItemDirection | None = None,
    from_right: bool = False,
    left_levels: int = 0,
) -> list[Piece]:
    """`levels`: those the quotes the blocks stand in open at (Piece.quote_levels);
    `loose`: the blocks are an item of a loose list, whose paragraphs after its first
    stand apart; `from_right`: of one that runs right to left (Piece.from_right), in
    `left_levels` that run left to right (Piece.left_levels)."""
    inner_of = {"right_to_left": right_to_left, "from_right": from_right}
    inner_of["left_levels"] = left_levels
    quoted = {"quoted": len(levels), "quote_levels": levels}
    sides = {"from_right": from_right, "left_levels": left_levels}
    found: list[Piece] = []
    previous: Block | None = None
    for block in blocks:
        if isinstance(previous, ListBlock) and isinstance(block, ListBlock):
            start = len(found)
            found += _blocks(
                (block,), code_font, depth, kind, code_markup, wrap, levels, **inner_of
            )
            far = previous.loose or block.loose
            found[start] = replace(found[start], apart=True, far=far)
        elif isinstance(block, Paragraph):
            markup = spans(block.spans, code_font)
            apart = loose and bool(found)
            found.append(Piece(markup, kind, depth, apart=apart, **sides, **quoted))
        elif isinstance(block, CodeBlock):
            tokens = highlight.printed_lines(block)
            markups = code_lines(block, code_font, wrap) if code_markup else [""] * len(tokens)
            found += [
                Piece(
                    markup,
                    "code",
                    depth,
                    line=line,
                    first=i == 0,
                    **sides,
                    **quoted,
                )
                for i, (markup, line) in enumerate(zip(markups, tokens, strict=True))
            ]
        elif isinstance(block, ListBlock):
            for n, item in enumerate(block.items):
                marker = f"{block.start + n}." if block.ordered else "\u2022"
                mirrored = right_to_left is not None and right_to_left(item)
                own = {"from_right": mirrored, "left_levels": left_levels + (not mirrored)}
                inner = _blocks(
                    item,
                    code_font,
                    depth + 1,
                    "item",
                    code_markup,
                    wrap,
                    levels,
                    block.loose,
                    right_to_left,
                    **own,
                )
                if inner and inner[0].kind == "item":
                    first = inner[0]
                    inner[0] = Piece(first.markup, "item", first.depth, marker, **own, **quoted)
                elif inner and inner[0].kind == "code":  # the marker beside its first line
                    inner[0] = replace(inner[0], marker=marker)
                else:
                    inner.insert(0, Piece("", "item", depth + 1, marker, **own, **quoted))
                if block.loose and n:
                    inner[0] = replace(inner[0], apart=True)
                found += inner
        elif isinstance(block, Quote):
            inside = (*levels, depth)
            found += _blocks(
                block.blocks, code_font, depth, "quote", code_markup, wrap, inside, **inner_of
            )
        elif isinstance(block, Picture):
            found.append(Piece("", "picture", depth, picture=block, **sides, **quoted))
        elif isinstance(block, Table):
            found.append(Piece("", "table", depth, table=block, **sides, **quoted))
        previous = block
    return found


# how far past its marker reportlab sets an item's first line, in ems of the marker
# (platypus.paragraph._handleBulletWidth); a level's indentation narrower than a marker and
# this pushes that line's words right, past those of the lines it runs on to
MARKER_GAP = 0.6


def marker_room(pieces: list[Piece], font: str) -> float:
    """The widest list marker of `pieces` in `font` at 1 pt, with the room reportlab sets
    after it (0 without a list): a list level's indentation at least this, in ems, keeps
    every item's words in one column. A case study's steps on a card had the words of '10.'
    onwards right of those of '9.', and each item's second line left of its first."""
    widths = [stringWidth(piece.marker, font, 1) for piece in pieces if piece.marker]
    return max(widths) + MARKER_GAP if widths else 0.0


QUOTE_INDENT = LAYOUT_SPACE * 3  # a quote's lines in a flat text, as a list level's
# a quote's bar in the PDFs, in ems of its text: where it stands in the quote's indentation
# (one em), and how wide it is (GitHub's and the study page's: 3 px at 16 px)
QUOTE_BAR_AT, QUOTE_BAR = 0.3, 0.2


def flat(tree: RichText, code_font: str, quote: str = "") -> str:
    """The whole text as one paragraph's markup (a one-line place, or a PDF that draws no
    table): blocks on lines of their own, pictures as their alt text in brackets, a table's
    rows a line each (`table_lines`)."""
    return "<br/>".join(
        f"[{to_reportlab(part.alt, code_font, code=False)}]"
        if isinstance(part, Picture)
        else table_lines(part, code_font)
        if isinstance(part, Table)
        else part
        for part in flat_parts(tree, code_font, quote=quote)
    )


def table_lines(table: Table, code_font: str) -> str:
    """A table as lines of one paragraph's markup, for a place that draws no table: a row a
    line, its cells apart by a bar, the header's in bold (RichText.plain's, marked up)."""
    return "<br/>".join(" | ".join(row) for row in table_cells(table, code_font))


def table_cells(table: Table, code_font: str) -> list[list[str]]:
    """Each cell's markup, row by row, the header's first (in bold, as `<b>` reads in any
    of them: code in it in the code font's bold)."""
    return [
        [spans(_strong(cell.spans) if r == 0 else cell.spans, code_font) for cell in row]
        for r, row in enumerate((table.header, *table.rows))
    ]


def _strong(items: tuple[Span, ...]) -> tuple[Span, ...]:
    return tuple(replace(span, strong=True) for span in items)


def flat_parts(
    tree: RichText, code_font: str, wrap: CodeWrap | None = None, quote: str = ""
) -> list[str | Picture | Table]:
    """The text as `flat` has it, each picture and table a part of its own and the lines
    between two of them one paragraph's markup: for a PDF that draws the pictures and the
    tables between its paragraphs (the fillable packet, the booklet's descriptions). A
    quote's lines stand indented, in colour `quote` (#rrggbb) when given: they read as the
    text's own."""
    parts: list[str | Picture | Table] = []
    lines: list[str] = []
    for piece in pieces(tree, code_font, wrap=wrap):
        if piece.kind in ("picture", "table"):
            if lines:
                parts.append("<br/>".join(lines))
                lines = []
            parts.append(piece.picture or piece.table)
        else:
            lead = QUOTE_INDENT * piece.quoted
            text = piece.markup
            if piece.marker:  # an item's, or that of an item whose first block is code
                text = LAYOUT_SPACE * 3 * (piece.depth - 1) + f"{piece.marker} {text}"
            if piece.quoted:  # each of its lines in, and its words muted (code keeps its own)
                text = text.replace("<br/>", "<br/>" + lead)
                if quote and piece.kind != "code":
                    text = f'<font color="{quote}">{text}</font>'
            lines.append(lead + text)
    if lines:
        parts.append("<br/>".join(lines))
    return parts


# A table's columns (qbank.rich.Table), in ems of its text: none narrower than this, however
# short its words, as a printed table's narrowest column still holds a short word; and a
# word wider than this share of the room (or one and a half columns' even share, in a table
# of few) asks no more room than that: a long address is cut inside its cell rather than
# squeeze every other column
TABLE_LEAST_COLUMN, TABLE_WORD_SHARE, TABLE_WORD_COLUMNS = 2.5, 0.3, 1.5


def word_room(room: float, columns: int) -> float:
    """The most room a column's widest word asks of a table `room` wide."""
    return room * max(TABLE_WORD_SHARE, TABLE_WORD_COLUMNS / columns)


def words_room(words: list[float], room: float) -> float:
    """The room a table's columns take, each as wide as its widest word (`words`) asks."""
    return sum(min(w, word_room(room, len(words))) for w in words)


# a table's cells: the room each side of a cell's words, in ems, and above and below them,
# in leadings; the rule under its header and those under its rows, in points (a printed
# table's: a firm rule under the header, hairlines between the rows, no vertical rules)
CELL_PAD, CELL_PAD_ABOVE = 0.4, 0.15
# points a column has beyond its widest word: measured once and broken again, a word as
# wide as its column was cut at its last letter (a card review)
CELL_SLACK = 1.0
HEADER_RULE, ROW_RULE = 0.8, 0.4
# a table whose words do not fit its room at the text's size is set smaller, to this share
# of it at the least (a printed table's small type), then cuts its longest words
TABLE_LEAST_SCALE = 0.75
# a table set as its rows one under another: its columns' names take at most this share
# of its width, their cells the rest
STACKED_NAMES = 0.4


def too_narrow(columns: int, size: float, room: float) -> bool:
    """Whether a table of `columns` in `room` points, its text at `size` (its least), leaves
    a column less than TABLE_LEAST_COLUMN ems where its words do not fit: a short word no
    longer fits its column, cut a letter or two a line (thirty columns in the booklet's
    text read as a column of letters each). Such a table is set as its rows one under
    another, each cell beside its column's name, as the cards set one too wide for them."""
    return columns * size * TABLE_LEAST_COLUMN > room


def words_first(natural: list[float], words: list[float], room: float, least: float) -> list[float]:
    """Each column as wide as its widest word (up to `word_room`), the rest of `room`
    shared by what each needs beyond that (column_widths' arguments), to a word wider than
    `word_room` first: a short column's cells wrap between their words before any word is
    cut. Where even the words do not
    fit, the columns of the widest are narrowed to one width, cutting those words alone:
    the rest keep theirs whole. Made narrower in proportion, every column cut its words,
    'succ' then 'essful' beside an identifier its column could not hold anyway (a card
    review)."""
    cap = word_room(room, len(natural))
    wants = [max(least, min(word, cap, whole)) for word, whole in zip(words, natural, strict=True)]
    if sum(wants) <= room:
        # first the room a word wider than `cap` asks beyond it, where the others leave it
        longer = [
            max(0.0, min(word, whole) - want)
            for word, whole, want in zip(words, natural, wants, strict=True)
        ]
        if sum(longer):
            share = min(1.0, (room - sum(wants)) / sum(longer))
            wants = [want + more * share for want, more in zip(wants, longer, strict=True)]
        extra = room - sum(wants)
        need = [whole - want for whole, want in zip(natural, wants, strict=True)]
        total = sum(need)
        return [
            want + (extra * more / total if total else extra / len(wants))
            for want, more in zip(wants, need, strict=True)
        ]
    # the widest cut to a level that the room holds with the others whole
    narrow = sorted(wants)
    level = room / len(wants)
    for count in range(1, len(narrow) + 1):  # the `count` widest at the level
        level = (room - sum(narrow[: len(narrow) - count])) / count
        if count == len(narrow) or level >= narrow[len(narrow) - count - 1]:
            break
    return [min(want, level) for want in wants]


def column_widths(
    natural: list[float], words: list[float], room: float, least: float
) -> list[float]:
    """Each column's width in a table `room` wide: `natural` is each column's widest cell
    set on one line, `words` its widest word (padding included in both), `least` the
    narrowest any column is. A table that fits takes its natural widths, as a browser sets
    one. Else a column whose cells fit its even share of the room keeps its natural width
    (a short column stays narrow, its words unbroken), and the others share what is left:
    each its widest word (up to `word_room`), and the rest by what each
    needs beyond that, so that a long column is the widest. Where even their words do not
    fit so, the short columns give up their natural widths too (`words_first`)."""
    natural = [max(n, least) for n in natural]
    if sum(natural) <= room:
        return natural
    widths = list(natural)
    kept: set[int] = set()  # the columns that keep their natural widths
    while True:
        others = [c for c in range(len(natural)) if c not in kept]
        share = (room - sum(natural[c] for c in kept)) / len(others)
        fitting = {c for c in others if natural[c] <= share}
        if not fitting or len(fitting) == len(others):
            break
        kept |= fitting
    left = room - sum(natural[c] for c in kept)
    cap = word_room(room, len(natural))
    floor = {c: max(least, min(words[c], cap, natural[c])) for c in others}
    if sum(floor.values()) >= left:
        return words_first(natural, words, room, least)
    wanted = {c: natural[c] - floor[c] for c in others}
    extra = left - sum(floor.values())
    for c in others:
        widths[c] = floor[c] + extra * wanted[c] / sum(wanted.values())
    return widths
