"""One face of a flashcard: fitting its text into the card, and drawing it.

A face has a header line (the question's number and its section), a thin band in the
section's colour, and a text box. The text starts at the theme's size for the card and
steps down a few fixed sizes until it fits; below the theme's minimum it is split across
continuation cards instead (or refused), never clipped. The steps are few and clearly
apart, so that a deck holds two or three text sizes rather than one per card. No text on
a face is smaller than the minimum, the note and the labels included.
"""

from __future__ import annotations

import html
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus import paragraph as rl_paragraph

from qbank import look
from qbank.errors import QbankError
from qbank.exporters.cards.blocks import (
    SHRINK_TO_FIT,
    CardPicture,
    CardTable,
    CodeLine,
    item,
    item_indent,
    item_style,
)
from qbank.highlight import CODE_LINES_AT_A_BREAK, CODE_PADDING, CODE_SCALE, CONTINUED
from qbank.look import COLOR, FRACTION, SIZE, TEXT, Number, Table, numbers
from qbank.numbering import LABEL_KEY, QUESTION_LABEL
from qbank.pdf import Theme, paragraph_style, runs_width, widest_word
from qbank.reportlab_fixes import Paragraph
from qbank.rich_markup import QUOTE_BAR, QUOTE_BAR_AT, Piece, code_insets
from qbank.text import has_right_to_left, one_line, shorten
from qbank.units import mm

# The key of the PDF's subject for each --duplex: how the sheets are printed
SUBJECTS = {"none": "subject_single", "long": "subject_long_edge", "short": "subject_short_edge"}
# The words of [cards] that a look of an earlier version may lack, as the built-in look says
# them: what such a look shows
LATER_WORDS = {
    LABEL_KEY: QUESTION_LABEL,
    "first_part": "({part}/{parts})",
    "next_part": "(cont. {part}/{parts})",
    "title": "{title}: flashcards",
    "subject_single": "{count} questions; print single-sided, cut along the crop marks and "
    "fold each card on its dashed line",
    "subject_long_edge": "{count} questions; print double-sided, flipping on the long edge, "
    "at actual size, and cut along the crop marks",
    "subject_short_edge": "{count} questions; print double-sided, flipping on the short edge, "
    "at actual size, and cut along the crop marks",
}
# The keys of the cards' table of the shared theme (templates/theme.toml [cards]).
PER_CARD = Table({"index": SIZE, "business": SIZE, "a7": SIZE})
CARDS_THEME = Table(
    {
        "min_size": Number(low=4, high=10),  # the smallest text: a few lines on any card
        "leading": Number(low=0.5, high=5),
        "question_size": PER_CARD,
        "hint_size": PER_CARD,
        "size_ratio": FRACTION,
        "note_scale": Number(low=0.1, high=2),
        # lengths that leave the smallest card (business) room for text at every value
        "padding_mm": Number(high=8),
        "band_height_mm": Number(high=5),
        "gap_mm": Number(high=8),
        **numbers("line_width crop_mark_offset_mm crop_mark_length_mm crop_mark_edge_mm"),
        **numbers("label_size part_size", Number(low=4, high=14)),  # the header: a line
        "note_label": TEXT,
        LABEL_KEY: look.LABEL_WORD,
        "other_side": TEXT,
        # beside the number of a question whose face runs over cards: its first, the others
        "first_part": look.Text(placeholders=("part", "parts")),
        "next_part": look.Text(placeholders=("part", "parts")),
        # the PDF's document properties: its title, and its subject as it prints
        "title": look.Text(placeholders=("title",)),
        **{key: look.Text(placeholders=("count",)) for key in SUBJECTS.values()},
        **{name: COLOR for name in "crop_mark cut_line fold_line".split()},
    },
    later=frozenset(LATER_WORDS),  # a look of an earlier version
)
look.declare_theme_table("cards", CARDS_THEME)


SIZE_STEP = 0.5  # points: every size is a multiple
# a face shrinks down to this share of its largest size (to SIZE_STEP above it) to keep a
# long word whole, to the size the word takes when that lies between two of its sizes; a
# word too long even there (a web address, an identifier) breaks at the size the lines take
WORD_SHRINK = 0.75
_SOFT_HYPHEN = "\u00ad"
# how full a line of a card's text is, on average, where the next word did not fit: the
# guess of the size a face takes (`FaceLayout._likely`) reads its length by it; a guess a
# size too large costs a wrap, one too small a wrap too (measured on the bundled bank and
# the benchmark's: 0.93 is never too small there)
LINE_FILL = 0.93
# the lines of text a card may keep before the words that introduce a block, when they
# stay with those lines rather than cost a card by moving to the block's (_paginate)
FEW_LINES_LEFT = 3
# reportlab's paragraph markup: a line break in it, and any tag
_LINE_BREAK = re.compile(r"<br\s*/?>")
_TAG = re.compile(r"<[^>]*>")

# A block of text on a face: (paragraph markup, or a piece of a Markdown text; "body" or
# "note").
Text = tuple[str | Piece, str]
# A paragraph wrapped to the text box, with its height.
Block = tuple[Paragraph, float]


@dataclass(frozen=True)
class Face:
    """Everything drawn on one side of one card."""

    label: str  # the question's number, e.g. "Q7"
    section: str
    color: colors.Color  # the section's colour
    blocks: tuple[Block, ...]
    part: str = ""  # "1/2", "cont. 2/2" when the text runs over cards
    centred: bool = False  # vertically, in the text box
    direction: str | None = None  # the section's name's, where not as its first letter is


class FaceLayout:
    """The measurements of a card's face, and the fitting of text into its text box.

    Paragraph styles are kept per font size for this one layout (one build), not globally.
    """

    def __init__(self, theme: Theme, card: tuple[float, float]) -> None:
        self.theme = theme
        self.values: dict[str, Any] = theme.table("cards")
        self.card = card
        self.padding = self.values["padding_mm"] * mm
        self.label_size = float(self.values["label_size"])
        self.part_size = float(self.values["part_size"])
        self.band_height = self.values["band_height_mm"] * mm
        self.min_size = float(self.values["min_size"])
        self.size_ratio = float(self.values["size_ratio"])
        # the header, from the top of the safe area: the label's baseline, then the band
        self.baseline_drop = self.label_size * 0.8
        self.band_drop = self.baseline_drop + self.label_size * 0.45
        self.text_drop = self.band_drop + self.band_height + self.values["gap_mm"] * mm
        self.text_width = card[0] - 2 * self.padding
        self.text_height = card[1] - 2 * self.padding - self.text_drop
        self._styles: dict[tuple[str, float, str], ParagraphStyle] = {}
        # the header's text as runs in fonts that draw it (PdfText.runs, set by the build:
        # a section name in Japanese needs the fallback font); one run by default
        self.runs: Callable[[str, str], list[tuple[str, str]]] = lambda text, font: [(text, font)]
        # set for a Markdown bank (see cards/__init__.py): code lines and pictures
        self.code_line: Callable[[Piece, float], CodeLine] | None = None
        self.picture: Callable[[Piece, float], CardPicture] | None = None
        # a table piece as a table in a paragraph style, at most a width wide
        self.table: Callable[[Piece, ParagraphStyle, float], Flowable] | None = None
        self._fitting = 0.0  # the largest size of the face `fit` is fitting, meanwhile
        self._least_pictures = False  # pictures at the least share a card gives them
        self.code_cap: float | None = None  # the text size code follows at most (the back's)
        # the language of the texts being fitted (the question's, set by the build): a word
        # wider than a line breaks where it hyphenates it (reportlab_fixes.Paragraph)
        self.language = ""

    def style(self, kind: str, size: float) -> ParagraphStyle:
        """The paragraph style of a "body" or "note" text when a face is set at `size`;
        a note is a little smaller than the body, but never below the minimum."""
        key = (kind, size, self.language)
        if key not in self._styles:
            fonts = self.theme.fonts
            font_size = size
            if kind == "note":
                font_size = max(self.min_size, size * self.values["note_scale"])
            # the font of the mark that starts a line going on inside a code span
            ((_, continued),) = self.runs(CONTINUED, fonts.code)
            self._styles[key] = paragraph_style(
                f"card-{kind}-{size}",
                code_continued=continued,
                # a code span on the booklet's ground, drawn over the span's own advance:
                # it moves no text, so a face fits and lands behind its other as before
                code_shade=self.theme.color("code_background"),
                fontName=fonts.italic if kind == "note" else fonts.regular,
                fontSize=font_size,
                leading=size * self.values["leading"],
                textColor=self.theme.color("muted" if kind == "note" else "text"),
                spaceBefore=size * 0.6 if kind == "note" else 0,
                hyphenation_language=self.language,
            )
        return self._styles[key]

    def flowable(self, text: str | Piece, kind: str, size: float) -> tuple[Flowable, float]:
        """The flowable of a text at `size`, and the space above it when it follows
        another on the face."""
        style = self.style(kind, size)
        if isinstance(text, str):
            return self._hyphened(Paragraph(text, style), size), style.spaceBefore
        gap = size * (1.5 if text.far else 0.8 if text.apart else 0.35 if text.first else 0.0)
        if text.first and kind == "note":
            gap = style.spaceBefore
        if text.kind == "code" and self.code_line is not None:
            # a little smaller than the text, as in the booklet: more of a line fits
            # and never larger than the back's code: a question's code at the question's
            # size took a line for every few words of a trial's JSON on an index card
            text_size = min(style.fontSize, self.code_cap or style.fontSize)
            code_size = text_size * CODE_SCALE
            whole = self.text_width / (text.widest + CODE_PADDING) if text.widest else 0.0
            if whole >= self.min_size:  # smaller, to the minimum, if that keeps each line whole
                code_size = min(code_size, whole)
            line = self.code_line(text, max(self.min_size, code_size))
            # a quote's or a list item's code stands in as far as its text, each level
            # from its own side (from the right in a right-to-left item)
            quotes = size * text.quoted
            line.indent, line.end = code_insets(text, item_indent(1, size, text), quotes=quotes)
            if text.marker:  # its item's, hung where an item's text hangs it, on its side
                own = text.right_levels if text.from_right else text.left_levels
                at = quotes + item_indent(own - 1, size, text)
                line.marker = (text.marker, style.fontName, style.fontSize, style.textColor, at)
            return _barred(line, text, size), gap
        if text.kind == "picture" and self.picture is not None:
            # while a face is fitted, a picture shrinks with the text (from the whole text
            # box at the largest size): a tall one with a line above and below it took
            # three cards, the picture alone on the middle one
            share = min(1.0, size / self._fitting) if self._fitting else 1.0
            if self._least_pictures:  # the last try before a 'cont.' card
                share = SHRINK_TO_FIT
            picture = self.picture(text, self.text_height * share)
            # in from the left by its levels there, as the booklet's
            picture.indent = size * text.quoted + item_indent(text.left_levels, size, text)
            return _barred(picture, text, size), gap
        if text.kind == "table" and self.table is not None:
            # at the face's size, as its text: a card that shrinks its text to fit shrinks
            # the table with it, and one that runs on to a 'cont.' card splits it between
            # rows; in by its list levels and quotes, as a picture is
            indent = size * text.quoted + item_indent(text.left_levels, size, text)
            make = self.table
            grid = CardTable(lambda width: make(text, style, width), indent, self.text_height)
            return _barred(grid, text, size), gap
        if text.kind == "item":
            # a list in a quote stands in with the quote's text
            shape = item_style(style, text, size, size * text.quoted)
            if text.quoted:  # and muted with it
                shape = ParagraphStyle(
                    f"{shape.name}-quoted", parent=shape, textColor=self.theme.color("muted")
                )
            return _barred(item(text.markup, text.marker, shape), text, size), gap
        if text.kind == "quote":  # in an em a quote, a bar in each em (a nested one was flat)
            quoted = ParagraphStyle(
                f"{style.name}-quote",
                parent=style,
                # in a list item, in from its text as from the card's edge
                leftIndent=size * text.quoted + item_indent(text.depth, size, text),
                textColor=self.theme.color("muted"),
                list_from=0.0,  # its indentation from the right when it runs right to left
            )
            paragraph = self._hyphened(Paragraph(text.markup, quoted), size)
            return _barred(paragraph, text, size), gap
        return self._hyphened(Paragraph(text.markup, style), size), gap

    def _hyphened(self, paragraph: Paragraph, size: float) -> Paragraph:
        """`paragraph`, or, when one of its words is wider than a line, the same breaking
        such a word after one of its hyphens where it has one ("Ende-zu-Ende-" then
        "Verschlüsselungsanforderungen", where reportlab cut "Ende-zu-Ende-V|erschlüssel…";
        a visual review). Only then: a hyphen at a line's end reads as a soft one to PDF
        readers, which copy "AI-specific" as "AIspecific"."""
        if _widest_word(paragraph, size, self.text_width) <= 1:
            return paragraph
        style = ParagraphStyle(
            f"{paragraph.style.name}-hyphens", parent=paragraph.style, embeddedHyphenation=1
        )
        hyphened = Paragraph(paragraph.text, style)
        # its words are the same: what was measured of them holds (see _widest_word)
        hyphened._qbank_widest = paragraph.__dict__.setdefault("_qbank_widest", {})
        return hyphened

    # -- fitting -------------------------------------------------------------------------

    def wrap(
        self,
        texts: Sequence[Text],
        size: float,
        floor: float,
        refused: set[float] | None = None,
    ) -> list[Block] | None:
        """The texts wrapped at `size`, or None if they are taller than the text box, or
        if a word is wider than a line at `size` but not at `floor`: a size down to
        `floor` keeps such a word whole ("lm-evalu|ation"); one too long even there (an
        address, a long identifier) breaks at the size the lines take. `refused`, where
        given, is told each size refused for such a word."""
        blocks: list[Block] = []
        used = 0.0
        for markup, kind in texts:
            paragraph, space = self.flowable(markup, kind, size)
            if used + _least_height(paragraph, self.text_width) > self.text_height:
                return None  # far too long: not worth breaking into lines to find out
            widest = _widest_word(paragraph, size, self.text_width)
            if widest > 1:
                # measured at the floor, not scaled to it: a list item's indent is a share
                # of the size, and a hint's code span that the scale said would fit at 9 pt
                # broke there (a trial)
                least, _ = self.flowable(markup, kind, floor)
                # it breaks after its separators: a size that keeps each piece whole, down
                # to the floor (a German compound's last part ran off an A7 card, cut
                # inside it: a print trial)
                if _widest_word(least, floor, self.text_width) <= 1 or (
                    _widest_word(paragraph, size, self.text_width, pieces=True) > 1
                    and _widest_word(least, floor, self.text_width, pieces=True) <= 1
                ):
                    if refused is not None:
                        refused.add(size)
                    return None
            _, height = paragraph.wrap(self.text_width, self.text_height)
            if blocks:
                height += space
            used += height
            if used > self.text_height:
                return None
            blocks.append((paragraph, height))
        return blocks

    def sizes(self, largest: float) -> list[float]:
        """The sizes a face starting at `largest` may take, smallest first: each step the
        theme's share of the one above, to the nearest SIZE_STEP, then the minimum."""
        sizes = [largest]
        while (size := round(sizes[-1] * self.size_ratio / SIZE_STEP) * SIZE_STEP) > self.min_size:
            sizes.append(size)
        return [self.min_size, *reversed(sizes)] if largest > self.min_size else [self.min_size]

    def fit(self, texts: Sequence[Text], largest: float) -> tuple[float, list[Block]] | None:
        """The largest of `sizes(largest)` at which the texts fit (or the size a long word
        in them takes between two of those, `_word_size`), and the texts wrapped at it;
        None if they do not fit even at the minimum.

        Most card texts fit at once; the rest are wrapped at the size their length
        suggests and the one above it, or searched for below it.
        """
        self._fitting = largest
        try:
            sizes = self.sizes(largest)
            # a quarter smaller at most, as the docs say (bank-format.md); a size a step
            # below that kept a code span whole at 8.5 pt of a hint's 12 (a trial)
            shrunk = math.ceil(largest * WORD_SHRINK / SIZE_STEP - 1e-9) * SIZE_STEP
            floor = max(self.min_size, shrunk)
            refused: set[float] = set()  # the sizes a long word refused
            fitted = self._fit(texts, sizes, floor, refused)
            if fitted is None:
                return None
            return self._word_size(texts, sizes, floor, refused, fitted)
        finally:
            self._fitting = 0.0

    def _word_size(
        self,
        texts: Sequence[Text],
        sizes: list[float],
        floor: float,
        refused: set[float],
        fitted: tuple[float, list[Block]],
    ) -> tuple[float, list[Block]]:
        """`fitted`, or, when the size above it refused a long word, the texts at the
        largest size between the two, down to `floor`, that keeps the word whole, when
        they fit there: sizes are few and clearly apart (the step below 10 pt is 8.5)."""
        size, blocks = fitted
        above = next((s for s in sizes if s > size), None)
        if above not in refused:
            return fitted
        taken = above - SIZE_STEP
        while size < taken and floor <= taken:
            if (wrapped := self.wrap(texts, taken, floor, refused)) is not None:
                return taken, wrapped
            if taken not in refused:  # too long at this size: so at each below it
                break
            taken -= SIZE_STEP
        return fitted

    def _fit(
        self, texts: Sequence[Text], sizes: list[float], floor: float, refused: set[float]
    ) -> tuple[float, list[Block]] | None:
        # the search starts at the largest size the texts may fit, by their length: a text
        # that fits at a size fits at every smaller one, so a long back is wrapped at the
        # size it takes and the one above it, no more (it was wrapped at the largest first,
        # which such a back never fits: a wrap in three)
        likely = self._likely(texts, sizes)
        if (best := self.wrap(texts, sizes[likely], floor, refused)) is not None:
            fits = likely  # then the sizes above it, one at a time: seldom more than one
            while (
                fits + 1 < len(sizes)
                and (blocks := self.wrap(texts, sizes[fits + 1], floor, refused)) is not None
            ):
                fits, best = fits + 1, blocks
            return sizes[fits], best
        # the sizes between, as though the least fitted: the least is wrapped only when none
        # between fits (it was wrapped first, and for nothing when a size between fit: a
        # wrap in four of a long back's)
        fits, fails = 0, likely  # indexes of sizes known to fit / not to fit
        while fails - fits > 1:
            middle = (fits + fails) // 2
            blocks = self.wrap(texts, sizes[middle], floor, refused)
            if blocks is None:
                fails = middle
            else:
                fits, best = middle, blocks
        if best is not None:
            return sizes[fits], best
        if likely > 0 and (best := self.wrap(texts, sizes[0], floor, refused)) is not None:
            return sizes[0], best
        # at the least size, pictures as small as a card lets them be, before the face
        # takes a second card (a short hint with a picture took three)
        if not any(getattr(markup, "kind", "") == "picture" for markup, _ in texts):
            return None
        self._least_pictures = True
        try:
            best = self.wrap(texts, sizes[0], floor, refused)
        finally:
            self._least_pictures = False
        return None if best is None else (sizes[0], best)

    def _likely(self, texts: Sequence[Text], sizes: list[float]) -> int:
        """The index in `sizes` of the largest size the texts may fit, by their lengths
        alone: their paragraphs' characters, spaces included, set as though every line
        were filled to LINE_FILL of the text box's width, pictures and code lines taking no
        room. A guess, never a promise: the wraps at it and the size above it decide."""
        lines = []  # per paragraph: its kind, and the width of each of its lines at 1 pt
        for markup, kind in texts:
            text = markup if isinstance(markup, str) else markup.markup
            if not isinstance(markup, str) and markup.kind in ("code", "picture"):
                continue
            style = self.style(kind, sizes[0])
            plain = html.unescape(_TAG.sub("", _LINE_BREAK.sub("\n", text)))
            widths = [stringWidth(line, style.fontName, 1) for line in plain.split("\n")]
            lines.append((kind, widths))
        for index in reversed(range(1, len(sizes))):
            height = 0.0
            for kind, widths in lines:
                style = self.style(kind, sizes[index])
                filled = self.text_width * LINE_FILL
                rows = sum(max(1, math.ceil(w * style.fontSize / filled)) for w in widths)
                height += rows * style.leading
            if height <= self.text_height:
                return index
        return 0

    def paginate(self, texts: Sequence[Text], largest: float | None = None) -> list[list[Block]]:
        """The texts over as few cards as they take at the least size; over two or three,
        set at the largest of `sizes(largest)` that takes no more: a long hint filled its
        first card at 7 pt and left seven lines on the second, or one on a third (visual
        reviews), where a larger size reads better over the same cards."""
        pages = self._paginate(texts, self.min_size)
        if largest is None or not 2 <= len(pages) <= 3:  # one of many cards is laid out once
            return pages
        for size in reversed(self.sizes(largest)[1:]):
            larger = self._paginate(texts, size)
            if len(larger) == len(pages):
                return larger
        return pages

    def _paginate(self, texts: Sequence[Text], size: float) -> list[list[Block]]:
        """The texts at `size`, split over as many text boxes as they need. A code block
        that breaks leaves at least CODE_LINES_AT_A_BREAK lines on either card: one that
        cannot starts on the next card, and one whose last lines would stand alone takes
        lines before them along (a business card's last line of three, or of thirty, stood
        alone on a 'cont.' card). The words that introduce a block go with it to the next
        card, except where that leaves a card FEW_LINES_LEFT lines or fewer and costs a
        card: a trial's long answer took five cards where four would do, the third holding
        one line ('and a large residual can move the whole line.')."""
        pages, left_few = self._pages(texts, size, few=True)
        if left_few:
            kept = self._pages(texts, size, few=False)[0]
            if len(kept) < len(pages):
                return kept
        return pages

    def _pages(
        self, texts: Sequence[Text], size: float, few: bool
    ) -> tuple[list[list[Block]], bool]:
        """`_paginate`'s cards, an introduction moved to its block's card even where that
        leaves a card a few lines (`few`) or then kept where it is; and whether a move
        left a card a few lines."""
        least = FEW_LINES_LEFT * self.style("body", size).leading
        left_few = False

        def take_introduction() -> None:
            nonlocal left_few
            if len(placed) > 1 and placed[-1][3]:
                if sum(height for _, height in pages[-1][:-1]) <= least:
                    left_few = True
                    if not few:
                        return
                _take_introduction(pages[-1], placed, queue)

        pages: list[list[Block]] = [[]]
        placed: list[tuple] = []  # the queue's entries on the last card, in order
        room = self.text_height
        queue = [
            (*self.flowable(markup, kind, size), left, leads)
            for (markup, kind), left, leads in zip(
                texts, _code_lines_left(texts), _introduces(texts), strict=True
            )
        ]
        while queue:
            entry = queue.pop(0)
            paragraph, gap, left, _ = entry
            space = gap if pages[-1] else 0.0
            opens = left > 1 and (not placed or placed[-1][2] != left + 1)
            if (
                opens
                and pages[-1]
                and not self._breaks_well(
                    [paragraph, *(p for p, *_ in queue[: left - 1])], room - space
                )
            ):
                queue.insert(0, entry)
                take_introduction()
                pages.append([])
                placed, room = [], self.text_height
                continue
            height = _wrapped_height(paragraph, self.text_width, room - space)
            if height + space <= room:
                pages[-1].append((paragraph, height + space))
                placed.append(entry)
                room -= height + space
                continue
            parts = paragraph.split(self.text_width, room - space)
            if len(parts) == 1:  # a picture, smaller, in what the card has left
                (smaller,) = parts
                height = _wrapped_height(smaller, self.text_width, room - space)
                pages[-1].append((smaller, height + space))
                placed.append(entry)
                room -= height + space
                continue
            if len(parts) == 2:
                head, rest = parts
                _carry_lines(paragraph, head, rest, self.text_width)
                if bars := getattr(paragraph, "quote_bars", None):  # on both cards
                    head.quote_bars = rest.quote_bars = bars
                height = _wrapped_height(head, self.text_width, room - space)
                pages[-1].append((head, height + space))
                queue.insert(0, (rest, gap, 0, False))
            elif not pages[-1] and isinstance(paragraph, CodeLine) and paragraph.leading <= room:
                # a code line that wraps to more rows than a card holds (a token of 1,400
                # characters: a hostile trial) goes on over cards, a row a line
                head, rest = paragraph.cut(self.text_width, room)
                pages[-1].append((head, _wrapped_height(head, self.text_width, room)))
                queue.insert(0, (rest, 0.0, 0, False))
            elif not pages[-1]:  # one line taller than the text box: a look's lengths
                raise QbankError(
                    f"the look leaves a card a text box {self.text_height / mm:.0f} mm tall, "
                    f"too small for its text at min_size {self.min_size:g} pt: make [cards] "
                    "padding_mm, gap_mm, band_height_mm, label_size or min_size smaller in "
                    "theme.toml, or choose a larger --card"
                )
            else:
                queue.insert(0, entry)
                # the block's last lines alone on the next card: lines of this card go too,
                # while this card keeps enough of them
                short = CODE_LINES_AT_A_BREAK - left if left else 0
                above = 0
                while above < len(placed) and placed[-1 - above][2] == left + above + 1:
                    above += 1
                if 0 < short and above - short >= CODE_LINES_AT_A_BREAK:
                    for _ in range(short):
                        pages[-1].pop()
                        queue.insert(0, placed.pop())
                take_introduction()
            pages.append([])
            placed, room = [], self.text_height
        return [page for page in pages if page], left_few

    def _breaks_well(self, code: list[Block | Any], room: float) -> bool:
        """Whether a code block's lines (`code`) may start in `room`: all of them fit, or
        the break leaves at least CODE_LINES_AT_A_BREAK of them on either side."""
        fit, used = 0, 0.0
        for line in code:
            used += _wrapped_height(line, self.text_width, self.text_height)
            if used > room:
                break
            fit += 1
        rest = len(code) - fit
        return rest == 0 or min(fit, rest) >= CODE_LINES_AT_A_BREAK

    # -- drawing -------------------------------------------------------------------------

    def draw(self, canvas: Canvas, face: Face, x: float, y: float) -> None:
        """Draw `face` on the card whose bottom-left corner is (x, y)."""
        fonts = self.theme.fonts
        left = x + self.padding
        right = x + self.card[0] - self.padding
        safe_top = y + self.card[1] - self.padding
        baseline = safe_top - self.baseline_drop

        canvas.setFillColor(self.theme.color("text"))
        canvas.setFont(fonts.bold, self.label_size)
        canvas.drawString(left, baseline, face.label)
        # measured as drawn: in the fonts that draw each character (a look's words may be
        # Chinese), which the canvas's own stringWidth does
        label_end = left + canvas.stringWidth(face.label)
        canvas.setFillColor(self.theme.color("muted"))
        regular = partial(self.runs, font=fonts.regular)
        if face.part:  # the look's words, in any script; the section has 2/5 at least
            label_end += self.label_size * 0.5
            room = (right - left) * 0.6 - (label_end - left)
            runs, size = _shrink_to(face.part, regular, self.part_size, self.min_size, room)
            label_end = _draw_runs(canvas, runs, size, label_end, baseline)
        room = right - label_end - self.label_size
        # a tab or a line break in a name is one space
        runs, size = _shrink_to(
            one_line(face.section), regular, self.label_size, self.min_size, room
        )
        at = right - runs_width(runs, size)
        name = "".join(text for text, _ in runs)
        if has_right_to_left(name):  # in the order read, across its fonts' runs
            canvas.setFont(fonts.regular, size)
            canvas.drawString(at, baseline, name, direction=face.direction)
        else:
            _draw_runs(canvas, runs, size, at, baseline)

        canvas.setFillColor(face.color)
        band_bottom = safe_top - self.band_drop - self.band_height
        canvas.rect(left, band_bottom, right - left, self.band_height, stroke=0, fill=1)

        top = safe_top - self.text_drop
        used = sum(height for _, height in face.blocks)
        if face.centred:
            top -= (self.text_height - used) / 2
        for paragraph, height in face.blocks:
            paragraph.drawOn(canvas, left, top - height)
            levels, size, step = getattr(paragraph, "quote_bars", ((), 0.0, 0.0))
            if levels:
                canvas.setFillColor(self.theme.color("rule"))
            # on the right of one drawn right to left, beside where its lines start, and of
            # code set in from the right (in a right-to-left item), its quotes' room there
            mirrored = (
                paragraph.drawn_right_to_left()
                if isinstance(paragraph, Paragraph)
                else isinstance(paragraph, CodeLine) and paragraph.end > 0
            )
            for n, depth in enumerate(levels):  # beside its lines, as the booklet's
                x = left + step * depth + size * (n + QUOTE_BAR_AT)
                if mirrored:
                    x = left + paragraph.width - (x - left) - size * QUOTE_BAR
                canvas.rect(x, top - height, size * QUOTE_BAR, height, stroke=0, fill=1)
            top -= height


def _barred(paragraph: Flowable, piece: Piece, size: float) -> Flowable:
    """`paragraph` (or a code line) marked to be drawn with a bar for each of the quotes
    `piece` stands in, at the list levels they open at (Piece.quote_levels)."""
    if piece.quote_levels:
        paragraph.quote_bars = (piece.quote_levels, size, item_indent(1, size, piece))
    return paragraph


def _least_height(flowable: Flowable, width: float) -> float:
    """A height that `flowable` at `width` surely exceeds, found without breaking its lines:
    no line holds more ink than the width, so a paragraph takes at least its characters'
    widths (spaces left out) divided by the width, less one, lines. A text too long for the
    box even at the smallest size is known at that cost, not after wrapping it at each."""
    if not isinstance(flowable, rl_paragraph.Paragraph):
        return 0.0
    style = flowable.style
    if getattr(flowable, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off"):
        return 0.0
    ink = 0.0
    for frag in flowable.frags:
        text = getattr(frag, "text", "")
        if text:
            letters = "".join(text.split()).replace(_SOFT_HYPHEN, "")
            ink += stringWidth(letters, frag.fontName, frag.fontSize)
    return max(0, int(ink / width) - 1) * style.leading


def _widest_word(flowable: Flowable, size: float, width: float, pieces: bool = False) -> float:
    """The widest word of a paragraph at `size` as a share of `width` (pdf.widest_word);
    0 for other flowables (pictures), which have their own ways. A code line counts as one
    word: it wraps only when no smaller size down to the floor keeps it whole (a trial's
    `idx_events_tenant_crea↪ted` on a card with room to spare)."""
    if isinstance(flowable, CodeLine):
        return flowable.overflow(width)
    if isinstance(flowable, CardTable):
        return flowable.overflow(width, pieces)
    if not isinstance(flowable, rl_paragraph.Paragraph):
        return 0.0
    # kept with the paragraph: a face's fit asks it of each paragraph twice or three times
    # (_hyphened, then wrap), and measuring its words again was a tenth of the cards' time
    known = flowable.__dict__.setdefault("_qbank_widest", {})
    key = (size, width, pieces)
    if key not in known:
        known[key] = widest_word(flowable, size, width, pieces)
    return known[key]


def _introduces(texts: Sequence[Text]) -> list[bool]:
    """Per text: whether it introduces the block after it, as the booklet reads it: a
    paragraph before a picture, a code block, a list or a quote ("Run this:", "Note:")."""
    found = [False] * len(texts)
    for i, ((text, _), (following, _)) in enumerate(itertools.pairwise(texts)):
        if not isinstance(text, Piece) or not isinstance(following, Piece):
            continue
        if text.kind not in ("text", "quote", "item") or not text.markup:
            continue
        found[i] = (
            following.kind == "picture"
            or (following.kind == "code" and following.first)
            or (following.kind == "item" and text.kind != "item")
            or (following.kind == "item" and following.depth > text.depth)
            or following.quoted > text.quoted  # 'Note:', or words before a quote
        )
    return found


def _take_introduction(page: list[Block], placed: list[tuple], queue: list[tuple]) -> None:
    """A card that breaks before a block never ends on the text that introduces it, while
    it holds something before that text: the text goes to the next card with its block (a
    business card ended 'picture item:', its picture on the next)."""
    if len(placed) > 1 and placed[-1][3]:
        page.pop()
        queue.insert(0, placed.pop())


def _code_lines_left(texts: Sequence[Text]) -> list[int]:
    """Per text: the lines of its code block from it to the block's end (1 on the block's
    last line), 0 where it is no code."""
    found = [0] * len(texts)
    for i in reversed(range(len(texts))):
        text = texts[i][0]
        if isinstance(text, Piece) and text.kind == "code":
            following = texts[i + 1][0] if i + 1 < len(texts) else None
            same = isinstance(following, Piece) and following.kind == "code" and not following.first
            found[i] = 1 + (found[i + 1] if same else 0)
    return found


def _wrapped_height(flowable: Flowable, width: float, height: float) -> float:
    """The height of `flowable` wrapped to `width`: for the rest of a split paragraph, from
    the lines its whole was broken into (`_carry_lines`), without breaking them again."""
    if getattr(flowable, "_qbank_lines_width", None) == width:
        return flowable.height
    return flowable.wrap(width, height)[1]


def _carry_lines(whole: Flowable, head: Flowable, rest: Flowable, width: float) -> None:
    """Give `head` and `rest`, the parts of `whole` split at `width`, the lines `whole` was
    broken into, so that neither is broken into lines again. Line breaking is greedy and
    the rest starts on a line of its own, so their lines are the same; breaking them again
    made a text continued over n cards cost n times its length (issue 27: a
    20,000-character back took 29 wraps of what was left)."""
    lines = getattr(getattr(whole, "blPara", None), "lines", None)
    if not isinstance(rest, rl_paragraph.Paragraph) or lines is None:
        return
    style = whole.style
    if getattr(whole, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off"):
        return
    if rl_paragraph._processed_frags(whole.frags):
        # such lines index the paragraph's words (`sFW`): keep the whole's, which they index
        rest.frags = whole.frags
    cut = len(head.blPara.lines)  # reportlab's split leaves the head's lines there
    for part, part_lines in ((head, lines[:cut]), (rest, lines[cut:])):
        part.blPara = whole.blPara.clone(lines=part_lines)
        part.width, part.height = width, len(part_lines) * style.leading
        part._qbank_lines_width = width


def _draw_runs(
    canvas: Canvas, runs: list[tuple[str, str]], size: float, x: float, y: float
) -> float:
    """Draw `runs` (text, font) from (x, y) on, in `size`; where they end."""
    for text, font in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        x += stringWidth(text, font, size)
    return x


def _shrink_to(
    text: str,
    runs: Callable[[str], list[tuple[str, str]]],
    size: float,
    smallest: float,
    width: float,
) -> tuple[list[tuple[str, str]], float]:
    """`text` as `runs` set it (text, font), in a size from `size` down to `smallest` that
    fits `width`; shortened with an ellipsis if it does not fit even then (a section name,
    not card content)."""
    while size > smallest and runs_width(runs(text), size) > width:
        size -= SIZE_STEP
    shown = shorten(text, width, lambda part: runs_width(runs(part), size))
    return runs(shown), size
