"""The bank as the page's data: plain JSON inside a script element that no text can close.

The page never parses bank text as markup. Each text is a string, or, when it holds code
spans, a list whose odd items are code (split once here by `qbank.text.runs`, so the page
and the other artifacts agree on what is code). Question labels come from
`qbank.numbering`, so the page's Q7 is the booklet's Q7.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Mapping

from qbank import highlight
from qbank.model import Bank, Question, Section
from qbank.numbering import QUESTION_LABEL, question_label
from qbank.rich import Block, CodeBlock, ListBlock, Paragraph, Picture, Quote, Span, Table
from qbank.rich_html import code_label
from qbank.text import RIGHT_TO_LEFT, is_right_to_left, runs

TextData = str | list[str]

# Inside <script type="application/json"> the HTML parser looks only for `</script` (and
# `<!--`), and JSON allows any character as a \u escape: escaping these five leaves no
# text that can end the element or confuse a JavaScript parser that reads it as a literal.
_SCRIPT_SAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def text_data(text: str) -> TextData:
    """A string without code spans; else [plain, code, plain, code, ...] (odd items code)."""
    if "`" not in text:  # most text: no span to look for
        return text
    return _alternating((run.text, run.code) for run in runs(text))


def _alternating(pieces: Iterable[tuple[str, bool]]) -> TextData:
    """(text, is code) pieces as one string, or as [plain, code, plain, ...]."""
    parts: list[str] = [""]
    for text, code in pieces:
        if code:
            parts += [text, ""]
        else:
            parts[-1] += text
    if len(parts) == 1:
        return parts[0]
    if parts[-1] == "":
        parts.pop()
    return parts


class PageText:
    """Bank text as the page's data. A Markdown text of one paragraph of words and inline
    code is sent as a plain bank's text is; a richer one is {"blocks"}, its tree as JSON
    that the script builds elements from (text nodes only, never markup) and gathers its
    words for search from. Pictures are data URIs in one table, each once however many
    texts show it; a block names its picture by its place there."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.images: list[str] = []
        self._image_index: dict[bytes, int] = {}

    def __call__(self, text: str) -> TextData | dict[str, object]:
        tree = self.bank.rich_text(text)
        if tree is None:
            return text_data(text)
        simple = _simple(tree.blocks)
        if simple is not None:
            return simple
        # the words for search are the script's to gather: sent twice, they doubled the page
        return {"blocks": self.blocks(tree.blocks)}

    def blocks(self, blocks: tuple[Block, ...]) -> list[dict[str, object]]:
        data: list[dict[str, object]] = []
        for block in blocks:
            if isinstance(block, Paragraph):
                data.append({"p": [_span(s) for s in block.spans]})
            elif isinstance(block, CodeBlock):
                lines = highlight.block_lines(block)
                code = {"code": [_code_line(line) for line in lines], "label": code_label(block)}
                if highlight.in_columns(block.text):  # its rows kept whole (app.js)
                    code["cols"] = True
                data.append(code)
            elif isinstance(block, ListBlock):
                items = [self.blocks(item) for item in block.items]
                listed = {"list": items, "ordered": block.ordered, "start": block.start}
                if block.loose:  # only then: a tight list's data stays as it was
                    listed["loose"] = True
                data.append(listed)
            elif isinstance(block, Quote):
                data.append({"quote": self.blocks(block.blocks)})
            elif isinstance(block, Table):  # its rows, the header's first, each cell's spans
                rows = [block.header, *block.rows]
                cells = [[[_span(s) for s in cell.spans] for cell in row] for row in rows]
                table: dict[str, object] = {"table": cells}
                if any(block.align):  # each column's: l(eft), c(enter), r(ight) or ''
                    table["align"] = "".join(a[:1] or "-" for a in block.align)
                data.append(table)
            elif isinstance(block, Picture):
                image = self.image(block)
                data.append({"img": image, "alt": block.alt, "w": block.width, "h": block.height})
        return data

    def image(self, picture: Picture) -> int:
        index = self._image_index.get(picture.data)
        if index is None:
            encoded = base64.b64encode(picture.data).decode("ascii")
            index = self._image_index[picture.data] = len(self.images)
            self.images.append(f"data:{picture.mime};base64,{encoded}")
        return index


def _simple(blocks: tuple[Block, ...]) -> TextData | None:
    """One paragraph of plain text and inline code, as a plain bank's text is sent (most
    Markdown texts are); None for anything richer."""
    if not blocks:
        return ""
    if len(blocks) != 1 or not isinstance(blocks[0], Paragraph):
        return None
    spans = blocks[0].spans
    if any(span.emphasis or span.strong or span.href or span.newline for span in spans):
        return None
    return _alternating((span.text, span.code) for span in spans)


def _code_line(line: highlight.Line) -> str | list[object]:
    """A line of plain text as a string; else its tokens, each a string when plain or
    [role, text] (a token as [role, text] always cost the page a third more than its code)."""
    if all(not role for role, _ in line):
        return "".join(text for _, text in line)
    return [[role, text] if role else text for role, text in line]


def _span(span: Span) -> list[object]:
    """[text, flags] or [text, flags, address]: flags e(mphasis) s(trong) c(ode) n(ewline)."""
    flags = "".join(
        flag
        for flag, on in (
            ("e", span.emphasis),
            ("s", span.strong),
            ("c", span.code),
            ("n", span.newline),
        )
        if on
    )
    return [span.text, flags, span.href] if span.href else [span.text, flags]


def question_data(
    question: Question,
    section_index: int,
    text_data: Callable[[str], object] = text_data,
    word: str = QUESTION_LABEL,
) -> dict[str, object]:
    """A question as the page reads it; its label in `word`, the look's (F7)."""
    item: dict[str, object] = {
        "id": question.id,
        "label": question_label(question.number, word),
        "section": section_index,
        "question": text_data(question.question),
        "hint": text_data(question.hint),
    }
    if question.note:
        item["note"] = text_data(question.note)
    if question.anchors:
        item["anchors"] = [[score, text_data(text)] for score, text in question.anchors]
    if question.tags:
        item["tags"] = list(question.tags)
    if question.look_for:
        item["lookFor"] = [text_data(t) for t in question.look_for]
    if question.follow_ups:
        item["followUps"] = [text_data(t) for t in question.follow_ups]
    if question.sources:  # as the booklet, the deck and the packets list them
        item["sources"] = [[source.title, source.url] for source in question.sources]
    if question.minutes is not None:
        item["minutes"] = question.minutes
    return item


def section_data(section: Section, text: PageText) -> dict[str, object]:
    data: dict[str, object] = {"name": section.name, "description": text(section.description)}
    if section.language:  # its texts' language, where it is not the bank's
        data["language"] = section.language
    return data


def bank_data(
    bank: Bank, labels: Mapping[int, str] | None = None, word: str = QUESTION_LABEL
) -> dict[str, object]:
    """What the page shows and stores: `bank` (the file name) keys the saved ratings;
    `labels` name the scores of the anchors, `word` is the questions' labels' (Q7)."""
    index = {section.name: n for n, section in enumerate(bank.sections)}
    text = PageText(bank)
    data: dict[str, object] = {
        "bank": bank.identity,
        "title": bank.title,
        "description": text(bank.description),
        "sections": [section_data(s, text) for s in bank.sections],
        # grouped by section, in the sections' order, as the booklet and the packet show
        # them (a bank that interleaves them showed each section again, "(continued)");
        # within a section in the bank's order, so each keeps its number
        "questions": [
            question_data(q, index[q.section], text, word)
            for q in sorted(bank.questions, key=lambda q: index[q.section])
        ],
    }
    if labels and any(q.anchors for q in bank.questions):  # the anchors' scores' labels, once
        data["scale"] = {str(score): label for score, label in labels.items()}
    if bank.markup == "markdown":
        data["images"] = text.images
    if bank.language:  # the page's own words are in html/words.toml's; the bank's in this
        data["language"] = bank.language
    # the languages of its texts written right to left, whose paragraphs holding a
    # right-to-left letter run so (app.js's directionOf), as in the PDFs
    languages = {bank.language, *(section.language for section in bank.sections)}
    if right_to_left := sorted(lang for lang in languages if lang and is_right_to_left(lang)):
        data["rightToLeft"] = right_to_left
        data["rightToLeftLetters"] = RIGHT_TO_LEFT.pattern  # one list of them, qbank.text's
    return data


def script_json(data: object) -> str:
    """JSON for the inside of a script element: compact, every character kept."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for unsafe, escaped in _SCRIPT_SAFE:  # str.replace: many times quicker than translate
        text = text.replace(unsafe, escaped)
    return text
