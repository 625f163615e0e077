"""Lean platypus pieces for long PDF documents: set text, blocks of rows, late numbers.

reportlab's Paragraph parses markup, builds fragments and re-measures on every wrap; for
thousands of questions that is most of a build. Bank text needs much less: left-aligned
lines in a few fonts (code spans switch to monospace). A `Typesetter` breaks such text into
lines once, and a `Rows` block draws them with one text object. The text is drawn as given,
so nothing in it is ever read as markup.

Numbers known only at the end are drawn by numbers.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from qbank.direction import starts_right_to_left, visual_runs
from qbank.pdf_pictures import PdfPicture
from qbank.reportlab_fixes import draw_code_shade, mirror_in, monospace
from qbank.text import (
    ascii_address,
    breaking_language,
    cjk_break,
    cjk_segments,
    forced_cuts,
    has_right_to_left,
    hung_from,
    is_right_to_left,
    kept_spaces,
    may_keep_spaces,
    separator_cuts,
)

_WHITESPACE = re.compile(r"([ \t\n]+)")  # where lines may break; U+00A0 and kin do not
_TAB = "    "  # a tab that indents a line
_SHY = "\u00ad"  # a soft hyphen: where a word may break, drawn as "-" only there


@dataclass(frozen=True, eq=False)
class TextFont:
    """A font, size and colour to set text in; `background` shades it (code spans); text set
    in it with a `link` is a link to that address."""

    name: str
    size: float
    color: Color
    background: Color | None = None
    link: str | None = None


Piece = tuple[float, TextFont, str]  # x offset, font, text


@dataclass(eq=False, slots=True)
class Row:
    """One row of a block: a line of text, a ruled line, or both.

    `keep` holds the row on the same page as the row after it, unless it is `loose`: a page
    may end after a loose row where no other break fits (see `Rows`); `anchor` is called
    with the canvas and the row's top when the row is drawn (bookmarks, progress).
    """

    height: float
    baseline: float  # from the row's top
    pieces: list[Piece] = field(default_factory=list)
    space_before: float = 0
    keep: bool = False
    # colour, width, x where it starts, and where it ends (the column's right when None)
    rule: tuple[Color, float, float] | tuple[Color, float, float, float] | None = None
    anchor: Callable[[Canvas, float], None] | None = None
    artifact: bool = False  # page furniture ('Q15 (cont.)'), not the document's text
    # a shade behind the row: colour, and the x it starts and ends at (its column's: a
    # right-to-left list item's code reached out under the item's bullet)
    band: tuple[Color, float, float] | None = None
    picture: tuple[PdfPicture, float, float] | None = None  # the picture, its x and width
    # a quote's bar left of the row, one a level of quoting: (x, colour, width, which
    # quote); a bar runs on through the space above the row when the row above is of the
    # same quote
    bars: tuple[tuple[float, Color, float, int], ...] = ()
    # the gutter label of the part the row is of ('NOTE'), a line of pieces each, drawn
    # beside it as page furniture when the row heads the rest of its part on a new page
    # (it went on unnamed: a review), a line a row
    part: tuple[tuple[Piece, ...], ...] = ()
    label: tuple[Piece, ...] = ()  # a line of that label, where it is drawn
    loose: bool = False
    # the rows drawn again above this one when a page breaks before it: a table's header
    repeat: tuple[Row, ...] = ()


class Typesetter:
    """Breaks text into lines; remembers the width of every word it has measured."""

    def __init__(self) -> None:
        self._widths: dict[tuple[str, TextFont], float] = {}

    def measure(self, text: str, font: TextFont) -> float:
        key = (text, font)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = stringWidth(text, font.name, font.size)
        return width

    def lines(
        self,
        runs: Iterable[tuple[str, TextFont]],
        width: float,
        indent: float = 0,
        language: str = "",
        mark: Sequence[tuple[TextFont, str]] = (),
    ) -> list[list[Piece]]:
        """Break text given as (text, font) runs into lines no wider than `width`.

        A line that goes on inside a code span (a run of a shaded font) starts with `mark`,
        the parts of the continuation mark that code blocks' wrapped lines start with; a
        code span with blanks that a line holds starts the next line whole instead
        (highlight.CONTINUED).

        Lines start at `indent`. Breaks fall at spaces, tabs and newlines (a newline always
        breaks); a word wider than a whole line is cut where it must be. Spaces are kept as
        typed, except at the ends of lines. In French (`language`), a space before ? ! ; :
        or » and after « joins the word and the mark, and in any language a number's
        before its % sign (qbank.text.kept_spaces).
        """
        runs = list(runs)
        limit = width - indent
        kept: frozenset[int] = frozenset()  # where such spaces start, in the runs' text
        text = "".join(t for t, _ in runs)
        language = breaking_language(text, language)
        if may_keep_spaces(text, language):
            # not in code (a shaded run): 'a ? b : c' is no French (a review)
            starts = [start for start, _ in kept_spaces(text, language)]
            if starts and any(f.background is not None for _, f in runs):
                at = [i for i, (t, _) in enumerate(runs) for _ in t]  # each character's run
                starts = [s for s in starts if runs[at[s]][1].background is None]
            kept = frozenset(starts)
        if len(runs) == 1 and _is_simple(runs[0][0]) and not in_code(runs[0][1]):
            lines = self._simple_lines(*runs[0], limit, kept)
            if lines is not None:
                pieces = [[(indent, runs[0][1], line)] for line in lines]
                return self.in_order(pieces, text, width, indent, language)
        measure = self.measure
        limit = width - indent
        mark = list(mark)
        marked = sum(measure(t, f) for f, t in mark)
        lines: list[list[tuple[TextFont, str]]] = []
        line: list[tuple[TextFont, str]] = []
        word: list[tuple[TextFont, str]] = []
        space: tuple[TextFont, str] | None = None
        x = 0.0

        def end_word() -> None:
            nonlocal x, line, space
            if not word:
                return
            if any(_SHY in t for _, t in word):
                line, x = self._hyphenate(word, space, line, x, limit, lines)
                word.clear()
                space = None
                return
            w = sum(measure(t, f) for f, t in word)
            gap = measure(space[1], space[0]) if space and line else 0.0
            if w > limit and line:  # a word no line holds: its first piece ends this one
                before = [*line, space] if space else line
                cut = self._cut(word, limit, lines, before, x + gap, mark, marked)
                if cut is not None:
                    line, x = cut
                    word.clear()
                    space = None
                    return
            if line and x + gap + w > limit:
                lines.append(line)
                line, x, gap = [], 0.0, 0.0
                if mark and space and in_code(space[0]) and in_code(word[0][0]):
                    line, x = list(mark), marked  # it goes on inside a code span
            if line and x + w > limit:  # after a mark, a word that a whole line holds
                line, x = self._cut(word, limit, lines, line, x, mark, marked, True) or ([], 0)
            elif not line and w > limit:
                line, x = self._cut(word, limit, lines, [], 0.0, mark, marked) or ([], 0.0)
            else:
                if gap and space:
                    line.append(space)
                    x += gap
                line.extend(word)
                x += w
            word.clear()
            space = None

        at = 0  # where `part` starts in the runs' text
        for text, font in runs:
            if mark and line and not word and in_code(font) and _WHITESPACE.search(text):
                gap = measure(space[1], space[0]) if space else 0.0
                span = measure(text.rstrip(" \t\n"), font)
                if x + gap + span > limit and span <= limit:
                    lines.append(line)  # a code span that a line holds starts the next whole
                    line, x, space = [], 0.0, None
            for i, part in enumerate(_WHITESPACE.split(text)):
                start, at = at, at + len(part)
                if not part:
                    continue
                if start in kept and word:  # part of the word, as a no-break space is
                    word.append((font, part))
                    continue
                if i % 2 == 0:
                    # Chinese and Japanese break between their characters, with no space
                    last = word[-1][1][-1] if word else ""
                    for k, piece in enumerate(cjk_segments(part, language)):
                        if (k or (last and cjk_break(last, piece[0], language))) and word:
                            end_word()
                        word.append((font, piece))
                    continue
                end_word()
                for k, chunk in enumerate(part.split("\n")):
                    if k:  # a line break in the text itself
                        lines.append(line)
                        line, x, space = [], 0.0, None
                        if chunk:  # the next line's indentation, kept as typed
                            indentation = chunk.replace("\t", _TAB)
                            line.append((font, indentation))
                            x = measure(indentation, font)
                    elif chunk and line:
                        space = (font, chunk.replace("\t", " "))
        end_word()
        if line or not lines:
            lines.append(line)
        pieces = [self._pieces(parts, indent) for parts in lines]
        return self.in_order(pieces, "".join(t for t, _ in runs), width, indent, language)

    def in_order(
        self,
        lines: list[list[Piece]],
        text: str,
        width: float,
        indent: float,
        language: str,
        right_to_left: bool | None = None,
    ) -> list[list[Piece]]:
        """`lines` of `text`, each that holds right-to-left text in the order drawn
        (qbank.direction): right to left in a language written so (`language`; else when
        its first letter is), and then set on the right; `right_to_left` says so instead
        where given (code's lines: left to right)."""
        if not has_right_to_left(text):
            return lines
        if right_to_left is None:
            right_to_left = is_right_to_left(language) or starts_right_to_left(text)
        placed = []
        for pieces in lines:
            parts = [(font, part) for _, font, part in pieces]
            drawn = [
                (parts[n][0], part)
                for n, part in visual_runs(
                    [part for _, part in parts],
                    right_to_left,
                    lambda n, c, parts=parts: mirror_in(parts[n][0].name, c),
                    lambda n, parts=parts: monospace(parts[n][0].name),
                )
            ]
            start = pieces[0][0] if pieces else indent
            if right_to_left:  # the line ends at the right margin
                start = width - sum(self.measure(t, f) for f, t in drawn)
            placed.append(self._pieces(drawn, start))
        return placed

    def _hyphenate(
        self,
        word: list[tuple[TextFont, str]],
        space: tuple[TextFont, str] | None,
        line: list[tuple[TextFont, str]],
        x: float,
        limit: float,
        lines: list[list[tuple[TextFont, str]]],
    ) -> tuple[list[tuple[TextFont, str]], float]:
        """Set a word holding soft hyphens (U+00AD) from `x` on `line`: it breaks only at
        them, with a "-" at the end of the line, and they are drawn nowhere else. A piece
        between two of them wider than a line is cut where it must be. Each piece is
        measured once, so the cost grows with the word's length. Returns the line it ends
        on and the x where it ends."""
        measure = self.measure
        pieces: list[list[tuple[TextFont, str]]] = [[]]
        for font, text in word:
            for k, chunk in enumerate(text.split(_SHY)):
                if k:
                    pieces.append([])
                if chunk:
                    pieces[-1].append((font, chunk))
        widths = [sum(measure(t, f) for f, t in piece) for piece in pieces]
        rest = sum(widths)
        gap = measure(space[1], space[0]) if space and line else 0.0
        if x + gap + rest <= limit:  # the common case: it fits whole
            line.extend([space] if gap and space else [])
            line.extend(part for piece in pieces for part in piece)
            return line, x + gap + rest
        started = False  # whether a piece of this word is on the line
        last_font = word[0][0]
        for i, piece in enumerate(pieces):
            rest -= widths[i]
            if not piece:
                continue
            hyphen = measure("-", piece[-1][0])
            lead = 0.0 if started or not line else gap

            # this piece, then the rest of the word or a "-" to end the line
            need = widths[i] + min(rest, hyphen)
            if line and x + lead + need > limit:
                # no "-" after a piece cut to the brim: a cut word shows none
                marked = started and x + measure("-", last_font) <= limit
                lines.append([*line, (last_font, "-")] if marked else line)
                line, x, lead, started = [], 0.0, 0.0, False
            if lead and space:
                line.append(space)
                x += lead
            last_font, started = piece[-1][0], True
            if line or need <= limit:
                line.extend(piece)
                x += widths[i]
                continue
            line, x = self._cut(piece, limit, lines, [], 0.0) or ([], 0.0)
        return line, x

    def _cut(
        self,
        word: list[tuple[TextFont, str]],
        limit: float,
        lines: list[list[tuple[TextFont, str]]],
        line: list[tuple[TextFont, str]],
        x: float,
        mark: Sequence[tuple[TextFont, str]] = (),
        marked: float = 0.0,
        marked_only: bool = False,
    ) -> tuple[list[tuple[TextFont, str]], float] | None:
        """Set a word that no line can hold after `line` (filled to `x`), cut after its
        separators (an address's / : . and the like, qbank.text.separator_cuts); on an
        empty line, else between any two characters. A piece that goes on inside a code
        span starts its line with `mark` (`marked` wide): `marked_only` when `line` holds only
        that. Returns the line it ends on and the x where it ends; None when a line already
        begun has no room for a first piece."""
        chars = [(font, char) for font, text in word for char in text]
        widths = [self.measure(char, font) for font, char in chars]
        text = "".join(c for _, c in chars)
        code = [in_code(font) for font, _ in chars]
        rest = limit - (marked if mark and any(code) else 0.0)  # a further line's room
        # a word with code in it is not cut inside a name where it has other places
        found = separator_cuts(text, widths, rest, limit - x, code=any(code)) if limit > x else None
        if found is None and line and not marked_only:
            return None
        if found is None and limit > x:  # a host wider than a line: after its dots too
            # (a table's narrow column cut an address's at any letter, 'latest/u' then
            # 'serguide', as the other PDFs' paragraphs do not: reportlab_fixes)
            found = separator_cuts(text, widths, rest, limit - x, keep_host=False, code=any(code))
        if found is None and any(code):  # a name wider than a line: the rest cut as code
            found = forced_cuts(text, widths, rest, limit - x, code=True)
        cuts = set(found or ())
        line = list(line)
        hung = hung_from(text, widths, limit)  # no ')' alone on a line: it ends the line before
        for i, (font, char) in enumerate(chars):
            forced = found is None and x + widths[i] > limit and i < hung
            if line and (i in cuts or forced):
                lines.append(line)
                line, x = [], 0.0
                if i and code[i - 1] and code[i]:
                    line, x = list(mark), marked
            line.append((font, char))
            x += widths[i]
        return line, x

    def _simple_lines(
        self, text: str, font: TextFont, limit: float, kept: frozenset[int] = frozenset()
    ) -> list[str] | None:
        """The common case, fast: one font, words between single spaces, but those at
        `kept`, which join the words beside them. None when a word is wider than a line
        (the general case cuts it)."""
        words = text.split(" ")
        if kept:
            cuts = [m.start() for m in re.finditer(" ", text) if m.start() not in kept]
            words = [text[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(text)], strict=True)]
        measure = self.measure
        widths = [measure(word, font) for word in words]
        if max(widths) > limit:
            return None
        space = measure(" ", font)
        lines, start, x = [], 0, widths[0]
        for i in range(1, len(words)):
            x += space + widths[i]
            if x > limit:
                lines.append(" ".join(words[start:i]))
                start, x = i, widths[i]
        lines.append(" ".join(words[start:]))
        return lines

    def _pieces(self, parts: list[tuple[TextFont, str]], x: float) -> list[Piece]:
        """Consecutive parts in one font joined into one piece each, with its x."""
        pieces: list[Piece] = []
        for font, text in parts:
            if pieces and pieces[-1][1] is font:
                start, _, joined = pieces[-1]
                pieces[-1] = (start, font, joined + text)
            else:
                pieces.append((x, font, text))
            x += self.measure(text, font)
        return pieces


def text_rows(
    lines: list[list[Piece]], leading: float, size: float, label: Sequence[Piece] = ()
) -> list[Row]:
    """Rows for one paragraph: `label` (gutter text) joins its first line.

    A paragraph keeps its first two lines together and its last two, so that no line of
    it stands alone at the foot or the head of a page.
    """
    baseline = leading / 2 + 0.3 * size
    rows = [Row(leading, baseline, pieces) for pieces in lines]
    rows[0].pieces = [*label, *rows[0].pieces]
    protect([[row] for row in rows])
    return rows


def protect(units: Sequence[list[Row]]) -> None:
    """No orphan or widow: the first unit (a line, a list item) stays with the second, and
    the last with the one before it."""
    if len(units) >= 2:
        for row in (*units[0], *units[-2]):
            row.keep = True


def keep_together(rows: Sequence[Row]) -> None:
    for row in rows[:-1]:
        row.keep = True


def ruled_rows(count: int, spacing: float, color: Color, width: float, x: float) -> list[Row]:
    """`count` lines to write on, `spacing` apart, from `x` to the right edge."""
    return [Row(spacing, spacing, rule=(color, width, x)) for _ in range(count)]


def in_code(font: TextFont) -> bool:
    """Whether text in `font` is code (a code span's shaded run)."""
    return font.background is not None


def _is_simple(text: str) -> bool:
    return (
        not ("  " in text or "\n" in text or "\t" in text or "`" in text or _SHY in text)
        and text.strip() == text
        and len(cjk_segments(text)) == 1  # breaks between Chinese characters: the general case
    )


LEAST_LINES_CARRIED = 3  # writing lines carried to the next page, or none


@dataclass(frozen=True)
class Breaking:
    """How a block behaves at a page break.

    A block no taller than `page` moves whole to the next page rather than split when that
    leaves at most `max_blank` of this page empty. The part of a block that runs on to the
    next page starts with the row that `continued` makes ('Q15 (cont.)').
    """

    page: float = 0.0
    max_blank: float = 0.0
    continued: Callable[[], Row] | None = None


class Rows(Flowable):
    """A block of rows that splits only where its rows allow (see `Row.keep`).

    Where no such break fits, it splits after the last `loose` row that fits, if that
    leaves at most `max_blank` of this page empty or the block stands at the top of a fresh
    page; else it moves to the next page. A block that cannot fit anywhere by those rules
    (longer than a page) splits at the last row that fits once it stands at the top of a
    fresh page, or here already where a fresh page would split it after the same rows.
    """

    def __init__(self, rows: list[Row], breaking: Breaking | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.breaking = breaking or Breaking()
        self.spaceBefore = rows[0].space_before if rows else 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = sum(r.space_before + r.height for r in self.rows) - self.spaceBefore
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        breaking = self.breaking
        postponed = getattr(self, "_postponed", False)
        if not postponed and avail_height <= breaking.max_blank:
            self.wrap(avail_width, avail_height)
            if self.height <= breaking.page:
                return []  # whole on the next page
        last_fit, last_break, last_loose = self._breaks(avail_height, postponed)
        at = last_break or last_loose
        if not at and (postponed or self._forced_anyway(last_fit)):
            at = last_fit
        if not at or at == len(self.rows):
            return []
        rest = self.rows[at:]
        if len(rest) < LEAST_LINES_CARRIED and all(r.rule and not r.pieces for r in rest):
            # a line or two of room to write, alone on the next page under 'Q4 (cont.)':
            # left out instead (a visual review)
            return [Rows(self.rows[:at])]
        rest[0] = replace(rest[0], space_before=0)
        part = rest[0].part
        # a table's header drawn again above its rows (page furniture, as 'Q15 (cont.)'),
        # the part's label beside it, as beside the part's first rows
        repeated = [replace(row, part=part) for row in rest[0].repeat]
        rest[0:0] = repeated
        for k, line in enumerate(part[: len(rest)]):  # on the part's rows only
            if rest[k].part is part:
                rest[k] = replace(rest[k], label=line)
        if breaking.continued is not None:
            rest.insert(0, breaking.continued())
        return [Rows(self.rows[:at]), Rows(rest, breaking)]

    def _breaks(self, avail_height: float, postponed: bool) -> tuple[int, int, int]:
        """In `avail_height`: how many rows fit, and after how many the last break that the
        rows allow and the last loose break fall (0: none)."""
        used, last_fit, last_break, last_loose = -self.spaceBefore, 0, 0, 0
        for i, row in enumerate(self.rows):
            used += row.space_before + row.height
            if used > avail_height:
                break
            last_fit = i + 1
            if not row.keep:
                last_break = i + 1
            elif row.loose and (postponed or avail_height - used <= self.breaking.max_blank):
                last_loose = i + 1
        return last_fit, last_break, last_loose

    def _forced_anyway(self, fit: int) -> bool:
        """Whether a fresh page would find no break either and split the block after the
        same `fit` rows: moving on then leaves this page blank for nothing (a section's
        opening stood alone on its page, the question under it, two pictures in a row,
        moved to the next page and was split there after the same rows: a print trial)."""
        return fit > 0 and self._breaks(self.breaking.page, postponed=True) == (fit, 0, 0)

    def draw(self) -> None:
        canvas = self.canv
        text = canvas.beginText()
        font: TextFont | None = None
        color: Color | None = None
        shades: list[tuple[float, float, float, Color, float]] = []
        bands: list[tuple[float, float, float, float, Color]] = []
        pictures: list[tuple[PdfPicture, float, float, float, float]] = []
        rules: list[tuple[float, tuple]] = []  # each row's rule, and its y
        furniture: list[tuple[float, float, TextFont, str]] = []
        bars: dict[int, list] = {}  # a quote's: [x, top, bottom, colour, width]
        links: list[tuple[str, tuple[float, float, float, float]]] = []
        y = self.height
        for i, row in enumerate(self.rows):
            top = y - row.space_before * (i > 0)
            for x, color, width, quote in row.bars:
                if quote in bars:  # the quote's rows above: its bar runs on through the gap
                    bars[quote][2] = top - row.height
                else:
                    bars[quote] = [x, top, top - row.height, color, width]
            if i:
                y -= row.space_before
            if row.anchor:
                row.anchor(canvas, y)
            baseline = y - row.baseline
            if row.band is not None:
                band_color, start, end = row.band
                bands.append((start, end, y - row.height, row.height, band_color))
            if row.picture is not None:
                picture, x, width = row.picture
                pictures.append((picture, x, y - row.height, width, row.height))
            furniture += [(x, baseline, f, piece) for x, f, piece in row.label]
            if row.artifact:
                furniture += [(x, baseline, f, piece) for x, f, piece in row.pieces]
                y -= row.height
                if row.rule:
                    rules.append((y, row.rule))
                continue
            for x, piece_font, piece in row.pieces:
                if piece_font is not font:
                    font = piece_font
                    text.setFont(font.name, font.size)
                    if font.color is not color:
                        color = font.color
                        text.setFillColor(color)
                if font.background is not None:
                    width = stringWidth(piece, font.name, font.size)
                    shades.append((x, baseline, width, font.background, font.size))
                if font.link is not None:  # a reader's click on the words opens the address
                    right = x + stringWidth(piece, font.name, font.size)
                    box = (x, baseline - 0.25 * font.size, right, baseline + 0.9 * font.size)
                    links.append((font.link, box))
                text.setTextOrigin(x, baseline)
                text.show(piece)  # each piece at its own origin
            y -= row.height
            if row.rule:
                rules.append((y, row.rule))
        for x, end, bottom, height, band_color in bands:
            canvas.setFillColor(band_color)
            canvas.rect(x, bottom, end - x, height, stroke=0, fill=1)
        self._draw_shades(shades)
        canvas.drawText(text)
        for picture, x, bottom, width, height in pictures:
            picture.draw(canvas, x, bottom, width, height)
        self._draw_rules(rules)
        self._draw_bars(bars.values())
        self._draw_furniture(furniture)
        for url, box in links:
            canvas.linkURL(ascii_address(url), box, relative=1, thickness=0)

    def _draw_bars(self, bars: Iterable[list]) -> None:
        canvas = self.canv
        for x, top, bottom, color, width in bars:
            canvas.setFillColor(color)
            canvas.rect(x, bottom, width, top - bottom, stroke=0, fill=1)

    def _draw_furniture(self, furniture: list[tuple[float, float, TextFont, str]]) -> None:
        # marked as a pagination artifact, so that a hint that runs on to the next page
        # reads on unbroken (as with the running header)
        canvas = self.canv
        for x, baseline, font, text in furniture:
            canvas.addLiteral("/Artifact <</Type /Pagination>> BDC")
            canvas.setFont(font.name, font.size)
            canvas.setFillColor(font.color)
            canvas.drawString(x, baseline, text)
            canvas.addLiteral("EMC")

    def _draw_shades(self, shades: list[tuple[float, float, float, Color, float]]) -> None:
        for x, baseline, width, color, size in shades:
            draw_code_shade(self.canv, x, baseline, width, size, color)

    def _draw_rules(self, rules: list[tuple[float, tuple]]) -> None:
        canvas = self.canv
        style, segments = None, []
        for y, (color, width, start, *end) in rules:
            if (color, width) != style:
                if segments:
                    canvas.lines(segments)  # one path for each run of lines alike
                style, segments = (color, width), []
                canvas.setStrokeColor(color)
                canvas.setLineWidth(width)
            segments.append((start, y, end[0] if end else self.width, y))
        if segments:
            canvas.lines(segments)
