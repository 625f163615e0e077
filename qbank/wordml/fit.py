"""How many ruled lines fill the rest of a question's page, and what fits on one line.

Word lays the page out, not us, so this estimates the height of what comes before the notes
from the theme's sizes and spacing and the length of each text. It errs on the tall side
(the widest of the usual fonts, a line kept in reserve): a little space left at the foot of
a page is better than a notes area that spills onto the next one. Widths are measured in
a font of qbank/fonts that is wider than the packet's (theme.toml [fit]), from its metrics
(qbank.fontmetrics): no PDF library is loaded for a Word file.
"""

from __future__ import annotations

from collections.abc import Callable

from qbank import text as textkit
from qbank.fontmetrics import metrics
from qbank.model import Question
from qbank.rich import Block, CodeBlock, ListBlock, Paragraph, Picture, Quote, RichText, span_text
from qbank.units import mm_to_points, twips_to_points
from qbank.wordml.theme import Theme

# A bold word runs this much wider than in the measure font: DejaVu Sans Bold, what
# LibreOffice on Debian shows for a bold Calibri without Carlito, is up to 1.23 times as
# wide as Noto Sans Regular (measured on the packet's labels)
BOLD_WIDER = 1.25


class PageFit:
    def __init__(
        self,
        theme: Theme,
        levels: int = 5,
        rich: Callable[[str], RichText | None] = lambda text: None,
    ) -> None:
        """`levels`: the rating scale's, whose scores share the rating row's width;
        `rich`: a Markdown bank's tree of a text (None in a plain bank)."""
        self.theme = theme
        self.rich = rich
        self._styles: dict[str, tuple[int, float, float]] = {}  # per line, line, spacing
        self.line_height = float(theme.fit["line_height_em"])
        self.character_width = float(theme.fit["character_width_em"])
        self.heading_space = float(theme.fit["heading_space"])
        # a character the font lacks counts a full em: CJK and the like are that wide
        self.metrics = metrics(str(theme.fit["measure_font"]), missing=1000)
        # a picture's paragraph is a line's height taller than the picture
        self.picture_space = self._line({**theme.styles["Normal"]})
        self.width = twips_to_points(theme.text_width)
        self.page = twips_to_points(theme.page_height - 2 * theme.margin)
        self.line = twips_to_points(theme.twips("line_mm"))
        self.least = theme.integer("notes_lines")
        cell = {**theme.styles["Normal"], **theme.styles["Packet Cell"]}
        rating = 2 * self._line(cell) + 4  # a score and a label, padding and borders
        self.cell_line, self.cell_size = self._line(cell), float(cell["size"])
        scores = float(theme.columns["rating_hint"])  # the hint's share; the scores share the rest
        # an anchor's text spans every column of the rating table but its score's (less the
        # cell's margins)
        self.anchor_cell = self.width - self.width * (1 - scores) / levels - 11
        self.fixed = (
            self.paragraph("Packet Meta", 40)
            + 3 * self.paragraph("Packet Label", 12)  # strong answer, rating, notes
            + max(rating, twips_to_points(theme.twips("field_mm")))
        )

    def _line(self, spec: dict) -> float:
        return float(spec["size"]) * float(spec.get("line", 1.0)) * self.line_height

    def paragraph(self, style: str, characters: int) -> float:
        """The height in points of a paragraph of `characters` in `style`."""
        if style not in self._styles:
            spec = {**self.theme.styles["Normal"], **self.theme.styles[style]}
            indent = mm_to_points(float(spec.get("indent_mm", 0)))
            size = float(spec["size"])
            per_line = max(1, int((self.width - indent) / (size * self.character_width)))
            spacing = float(spec.get("space_before", 0)) + float(spec.get("space_after", 0))
            self._styles[style] = (per_line, self._line(spec), spacing)
        per_line, line, spacing = self._styles[style]
        return max(1, -(-characters // per_line)) * line + spacing

    def notes_lines(self, q: Question, section_heading: str | None, description: str) -> int:
        """Ruled lines for `q`'s notes: what is left of its page, and at least the theme's."""
        left = int((self.page - self.before_notes(q, section_heading, description)) / self.line)
        return max(self.least, left - 1)

    def fits_a_page(
        self, q: Question, section_heading: str | None, description: str, lines: int
    ) -> bool:
        """Whether `q` with `lines` of notes fits on one page, by the estimate."""
        used = self.before_notes(q, section_heading, description) + lines * self.line
        return used <= self.page

    def before_notes(self, q: Question, section_heading: str | None, description: str) -> float:
        """The height in points of `q`'s block down to its notes lines."""
        used = self.fixed + self.text("Heading 2", q.question, len(q.label) + 2)
        if section_heading is not None:
            used += self.paragraph("Heading 1", len(section_heading)) * self.heading_space
            if description:
                used += self.paragraph("Packet Meta", len(description))
        used += self.text("Packet Hint", q.hint, 12 * q.hint.count("\n"))
        if q.note:
            used += self.text("Packet Note", q.note, 16)
        for items in (q.follow_ups, q.look_for):
            if items:
                used += self.paragraph("Packet Label", 12)
                used += sum(self.text("Packet Item", item) for item in items)
        for source in q.sources:
            used += self.paragraph("Packet Source", len(source.title) + len(source.url) + 12)
        for _, text in q.anchors:  # a row each under the rating row
            used += self.anchor_lines(len(text)) * self.cell_line + 4
        return used

    def text(self, style: str, text: str, more: int = 0) -> float:
        """The height in points of bank text in `style`, its first paragraph `more`
        characters longer (a label before it): one paragraph of plain text, or a Markdown
        text's blocks, each code line a paragraph of the code style and each picture as
        tall as it is drawn."""
        tree = self.rich(text)
        if tree is None:
            return self.paragraph(style, len(text) + more)
        return self.blocks(tree.blocks, style, more)

    def blocks(self, blocks: tuple[Block, ...], style: str, more: int = 0) -> float:
        used = 0.0
        for block in blocks:
            if isinstance(block, Paragraph):
                used += self.paragraph(style, len(span_text(block.spans)) + more)
            elif isinstance(block, CodeBlock):
                lines = block.text.split("\n")
                used += sum(self.paragraph("Packet Code Block", len(line)) for line in lines)
            elif isinstance(block, ListBlock):
                used += sum(self.blocks(item, "Packet Item", 3) for item in block.items)
            elif isinstance(block, Quote):
                used += self.blocks(block.blocks, style)
            elif isinstance(block, Picture):
                width, height = block.points()
                used += height * min(1.0, self.width / width) + self._line(
                    self.theme.styles["Normal"]
                )
            more = 0
        return used

    def anchor_lines(self, characters: int) -> int:
        """Lines of an anchor's cell in the rating table for `characters`."""
        per_line = max(1, int(self.anchor_cell / (self.cell_size * self.character_width)))
        return max(1, -(-characters // per_line))

    def longest_word(self, text: str, size: float, bold: bool = False) -> float:
        """The width in points of the widest word of `text` at `size`: a column narrower
        than that makes Word and LibreOffice break inside the word."""
        widest = max((self.metrics.advance(word) for word in text.split()), default=0)
        return widest * size / 1000 * (BOLD_WIDER if bold else 1)

    def one_line(self, text: str, size: float, width: float) -> str:
        """`text` as a reader sees it on one line `width` points wide at `size`: whole, or
        cut after the last word that fits, with an ellipsis."""
        flat = textkit.one_line(textkit.plain(text))
        room = width * 1000 / size  # in thousandths of the size, as the metrics are
        return textkit.shorten(flat, room, self.metrics.advance, at_word=True)
