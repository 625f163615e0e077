"""A Markdown text's tree (qbank.rich) as HTML, for Anki's fields.

Every character of the bank is escaped: the tree is the only source of tags, so no text
ever becomes markup. Code blocks are highlighted (highlight.py) with one class a role, so
that the stylesheet colours them for day and for night mode; each is captioned with its
language. Pictures take their address from `source`, which the deck
names by the picture's content.
"""

from __future__ import annotations

import bisect
import html
import itertools
from collections.abc import Callable

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
    span_text,
    walk,
)
from qbank.text import (
    code_breaks,
    code_html,
    has_right_to_left,
    is_right_to_left,
    kept_options,
    kept_runs,
    no_break,
)

Source = Callable[[Picture], str]  # a picture's address in the output
CodeHtml = Callable[[CodeBlock], str]  # a code block's HTML
CodeSpan = Callable[[str], str]  # an inline code span's HTML, from its text
Direction = Callable[[str], str]  # the dir attribute of a block of these words


def direction_attribute(text: str, language: str) -> str:
    """` dir="rtl"` for bank text in a `language` written right to left that holds a
    right-to-left letter, ` dir="auto"` (by its first letter) for any other in such a
    language, as the PDFs set a paragraph (qbank.direction); '' in any other language.
    By its first letter alone a Hebrew bank's 'TCP אמין; UDP מהיר' ran left to right."""
    if not language or not is_right_to_left(language):
        return ""
    return ' dir="rtl"' if has_right_to_left(text) else ' dir="auto"'


def _words(block: Block) -> str:
    """The words of `block` and of the blocks in it, not their code."""
    return "".join(span_text(b.spans) for b in walk((block,)) if isinstance(b, Paragraph))


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _attribute(text: str) -> str:
    return html.escape(text, quote=True)


def spans(items: tuple[Span, ...], code_span: CodeSpan = code_html) -> str:
    parts = []
    for span in items:
        if span.newline:
            parts.append("<br>")
            continue
        text = code_span(span.text) if span.code else _escape(span.text)
        if span.emphasis:
            text = f"<em>{text}</em>"
        if span.strong:
            text = f"<strong>{text}</strong>"
        if span.href:
            text = f'<a href="{_attribute(span.href)}">{text}</a>'
        parts.append(text)
    return "".join(parts)


def code_label(block: CodeBlock) -> str:
    """The caption of a code block: its language as people name it ('Python', 'Kusto'),
    as written when Pygments does not know it, or 'Code'; none ('') for plain text
    (```text), where a caption 'Text' says nothing."""
    name = highlight.language_name(block.language) or block.language or "Code"
    return "" if name == highlight.PLAIN_TEXT else name


def _figure(block: CodeBlock, attributes: str, small: bool = False) -> str:
    """A code block's opening `<figure>` with `attributes`, and its caption: the caption
    only seen (aria-hidden), its language heard once, as the figure's name, as on the study
    page (a screen reader read "Python" as the figure's name and again as its caption)."""
    label = _escape(code_label(block))
    if not label:
        return f"<figure {attributes}>"
    caption = f"<small>{label}</small>" if small else label
    return (
        f'<figure {attributes} aria-label="{_attribute(code_label(block))}">'
        f'<figcaption aria-hidden="true">{caption}</figcaption>'
    )


def _kept_tokens(line: tuple[tuple[str, str], ...], text: str, lead: int) -> str:
    """A code line's tokens, each in the class of its role, and each run no row breaks in
    (qbank.text.kept_runs: the `lead`, in qb-lead, each option and each hyphen inside a
    word) in a span around the
    tokens or parts of tokens it holds; a <wbr> where the line may break besides its
    blanks (qbank.text.CODE_BREAK), outside those runs."""
    runs = kept_runs(text, lead)
    breaks = code_breaks(text, runs)
    at_a_break = set(breaks)
    bounds = sorted({0, len(text), *(at for run in runs for at in run)})
    # each run, or text between runs, by where it starts: the pieces of tokens it holds as
    # (role, what goes before, text shown); each looked up by bisection, so that a line of
    # thousands of tokens and runs is read once, not once a token for each run (a review:
    # 10,000 characters of '-x(' took 13.5 s in every screen artifact)
    pieces: dict[int, list[tuple[str, str, str]]] = {}
    at = 0
    for role, token in line:
        end_of_token = at + len(token)
        i = max(0, bisect.bisect_right(bounds, at) - 1)
        while i + 1 < len(bounds) and bounds[i] < end_of_token:
            start, end = bounds[i], bounds[i + 1]
            low, high = max(start, at), min(end, end_of_token)
            if low < high:
                inside = breaks[bisect.bisect_right(breaks, low) : bisect.bisect_left(breaks, high)]
                cuts = [low, *inside, high]
                # a break where the piece starts goes before it, as one between two pieces
                shown = "<wbr>".join(_escape(text[a:b]) for a, b in itertools.pairwise(cuts))
                pieces.setdefault(start, []).append((role, "<wbr>" * (low in at_a_break), shown))
            i += 1
        at = end_of_token
    parts = []
    kept_spans = set(runs)
    for start, end in itertools.pairwise(bounds):
        tokens = "".join(
            f'{before}<span class="qb-{role}">{shown}</span>' if role else f"{before}{shown}"
            for role, before, shown in pieces.get(start, ())
        )
        if (start, end) in kept_spans:
            opening = '<span class="qb-lead">' if lead and not start else no_break(end - start)
            tokens = f"{opening}{tokens}</span>"
        parts.append(tokens)
    return "".join(parts)


def code(block: CodeBlock) -> str:
    """A code block: one element a line (wrapped lines indent under their start), each
    token in the class of its role."""
    lines = []
    for line in highlight.block_lines(block):
        text = "".join(t for _, t in line)
        indent = len(text) - len(text.lstrip(" \t"))
        columns = 0  # the indentation's columns, a tab to its stop
        for char in text[:indent]:
            columns += highlight.TAB_STOP - columns % highlight.TAB_STOP if char == "\t" else 1
        # the indentation and the first character after it stay on the line's first row
        # (qb-lead: no break there), so that a line breaks at its blanks, and mid-word
        # only where a word is wider than the row, never leaving its first row blank; not
        # an indentation deeper than a row keeps (it ran out of the box on a phone). Nor
        # does a line break in a command's option ('--upgrade', as in a code span), across
        # the tokens it may span: 'pip install -' over '-upgrade' read as '- -upgrade'; nor
        # after a hyphen inside a word ('2026-01-' over '01')
        deep = columns > highlight.MOST_INDENT
        glued = indent + 1 if 0 < indent < len(text) and not deep else 0
        tokens = _kept_tokens(line, text, glued)
        columns = min(columns, highlight.MOST_INDENT)
        shift = f' style="--i:{columns}"' if columns else ""  # its wrapped rows start there
        lines.append(f'<span class="qb-line"{shift}>{tokens or "&#8203;"}</span>')
    # a block set in columns keeps each row whole and scrolls sideways, as on the study page
    columns = ' class="qb-cols"' if highlight.in_columns(block.text) else ""
    return (
        _figure(block, 'class="qb-code"')
        + f"<pre{columns}><code>{''.join(lines)}</code></pre></figure>"
    )


def bare_code(block: CodeBlock) -> str:
    """A code block that needs no style sheet (Anki's Basic note type of a text import, a
    deck's description): its lines apart by `<br>` and its blanks kept by the element
    itself, under its language's name as `code` has it; `code`'s lines are apart only by the
    deck's CSS, and ran into one line. Set left and wrapped anywhere: Basic centres its text,
    which read a wrapped line as lines of their own (an Anki trial). No row breaks in a
    command's option or after a hyphen inside a word, as in `code`."""
    lines = "<br>".join(kept_options(line) for line in block.text.split("\n"))
    return (
        _figure(block, 'style="margin: 0.5em 0; text-align: left"', small=True)
        + f'<pre style="white-space: pre-wrap; overflow-wrap: anywhere; margin: 0"><code>{lines}'
        "</code></pre></figure>"
    )


# the name a table's scrolling box is heard by, and reached by the keyboard with
# (axe-core's scrollable-region-focusable): the look's word (`table` in anki/words.toml and
# lms/words.toml, as in html/words.toml); the built-in look's, where a caller has no look
TABLE_LABEL = "Table"


def table(
    block: Table,
    said: str,
    code_span: CodeSpan = code_html,
    bare: bool = False,
    label: str = TABLE_LABEL,
) -> str:
    """A table as a screen reader and a phone expect one: its header row `<th scope="col">`
    in a `<thead>`, each column's alignment as written (a style of its cells, which Moodle's
    and Canvas's cleaners keep), inside a box that scrolls sideways when the table is wider
    than the screen, not the page, reached by the keyboard and named `label` (a region a
    keyboard cannot scroll is one its user cannot read; a group, not a region: a landmark
    each, all named alike, is what axe's landmark-unique refuses). `said` is the table's attributes
    (language, direction); a cell with a right-to-left letter in a table that says no
    direction reads by its own first letter (dir="auto"). `bare`: its look in inline styles
    (rules between the cells, a heavier one under the header), for where no style sheet of
    ours reaches (an LMS's page, a text import's Basic cards, a deck's description)."""

    def cells(row: tuple[Paragraph, ...], tag: str) -> str:
        parts = []
        for paragraph, align in zip(row, block.align, strict=False):
            words = span_text(paragraph.spans)
            own = ' dir="auto"' if "dir=" not in said and has_right_to_left(words) else ""
            style = [_BARE_CELL + (_BARE_HEADER if tag == "th" else "")] if bare else []
            # a column with no alignment written starts its cells where its words start,
            # its header's too (a browser centres a <th>, and Basic cards all their text)
            style += [f"text-align: {align or 'start'}"] if align or bare else []
            styled = f' style="{"; ".join(style)}"' if style else ""
            scope = ' scope="col"' if tag == "th" else ""
            shown = spans(paragraph.spans, code_span)
            parts.append(f"<{tag}{scope}{own}{styled}>{shown}</{tag}>")
        return "<tr>" + "".join(parts) + "</tr>"

    body = "".join(cells(row, "td") for row in block.rows)
    box = ' style="overflow-x: auto; margin: 0.6em 0"' if bare else ' class="qb-table"'
    if bare:
        said = _with_style(said, "border-collapse: collapse")
    return (
        f'<div{box} role="group" tabindex="0" aria-label="{_attribute(label)}">'
        f"<table{said}><thead>{cells(block.header, 'th')}</thead>"
        + (f"<tbody>{body}</tbody>" if body else "")
        + "</table></div>"
    )


_BARE_CELL = "border: 1px solid #8c959f; padding: 0.2em 0.5em; vertical-align: top"
_BARE_HEADER = "; border-bottom-width: 2px"


def _with_style(attributes: str, style: str) -> str:
    """`attributes` with `style` added to their style attribute, or in one of its own."""
    if ' style="' in attributes:
        return attributes.replace(' style="', f' style="{style}; ', 1)
    return f'{attributes} style="{style}"'


def blocks(
    items: tuple[Block, ...],
    source: Source | None,
    tight: bool = False,
    code_html: CodeHtml | None = None,
    direction: Direction | None = None,
    in_quote: bool = False,
    code_span: CodeSpan = code_html,
    table_label: str = TABLE_LABEL,
    bare: bool = False,
) -> str:
    """The blocks' HTML; code blocks through `code_html` (default: highlighted, `code`),
    code spans through `code_span` (default: their options and words' hyphens kept), each
    table's box named `table_label`. Each paragraph, list and quote says the direction
    `direction` gives its words (a quote's paragraphs read in the quote's). `bare`: for
    where no style sheet of ours shows (an LMS's page, a text import's cards, a deck's
    description): a table carries its look inline (`table`)."""
    code_html = code_html or code

    def said(block: Block) -> str:
        return direction(_words(block)) if direction else ""

    parts = []
    for i, block in enumerate(items):
        if isinstance(block, Paragraph):
            # a list item's first paragraph is its text, not a paragraph with margins
            inner = spans(block.spans, code_span)
            if tight and i == 0:
                parts.append(inner)
            else:
                parts.append(f"<p{'' if in_quote else said(block)}>{inner}</p>")
        elif isinstance(block, CodeBlock):
            parts.append(code_html(block))
        elif isinstance(block, ListBlock):
            tag = "ol" if block.ordered else "ul"
            start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
            # a loose list's items are paragraphs (<li><p>), as markdown-it writes them:
            # apart by a paragraph's margin
            tight_items = not block.loose
            entries = "".join(
                "<li>"
                + blocks(
                    item,
                    source,
                    tight_items,
                    code_html,
                    direction,
                    False,
                    code_span,
                    table_label,
                    bare,
                )
                + "</li>"
                for item in block.items
            )
            parts.append(f"<{tag}{start}{said(block)}>{entries}</{tag}>")
        elif isinstance(block, Quote):
            inner = blocks(
                block.blocks,
                source,
                False,
                code_html,
                direction,
                True,
                code_span,
                table_label,
                bare,
            )
            parts.append(f"<blockquote{said(block)}>{inner}</blockquote>")
        elif isinstance(block, Table):
            parts.append(table(block, said(block), code_span, bare=bare, label=table_label))
        elif isinstance(block, Picture) and source is None:
            parts.append(f'<p class="qb-picture-alt">[{_escape(block.alt)}]</p>')
        elif isinstance(block, Picture):
            parts.append(
                f'<img class="qb-picture" src="{_attribute(source(block))}" '
                f'alt="{_attribute(block.alt)}" width="{block.width}" height="{block.height}">'
            )
    return "".join(parts)


def render(
    tree: RichText,
    source: Source | None,
    code_html: CodeHtml | None = None,
    direction: Direction | None = None,
    code_span: CodeSpan = code_html,
    table_label: str = TABLE_LABEL,
    bare: bool = False,
) -> str:
    """The text's HTML: a single paragraph as its bare text (as a plain text shows), else
    its blocks, each in the direction `direction` gives it, a table's box named
    `table_label` (`blocks`, `bare` as there). Without `source`, a picture is its alt text
    in brackets (a deck's description, where Anki's media check would not see it)."""
    if len(tree.blocks) == 1 and isinstance(tree.blocks[0], Paragraph):
        return spans(tree.blocks[0].spans, code_span)
    return blocks(
        tree.blocks,
        source,
        code_html=code_html,
        direction=direction,
        code_span=code_span,
        table_label=table_label,
        bare=bare,
    )
