"""HTML from another program (an LMS's question text) back into bank text.

Bank text is plain text with `code spans` (qbank.text.to_html is the way out); this is the
way back: `<br>` is a line break (but one that ends a block, which draws no line), a
paragraph (`<p>`) stands a blank line apart and any other block (a list item, and a
paragraph inside one) starts a new line, `<code>` becomes a code span, every entity
its character, a picture its alt text in brackets (the importer names it: a bank's plain
text shows no picture), and any other tag is dropped with its text kept. Blanks are read as
a browser shows them (Blanks): a run of spaces and tabs is one space, but in `<pre>`,
`<code>` and text styled to keep them (as qbank's own exports keep a text's tabs and runs of
spaces); a no-break space (`&nbsp;`) is a character, kept.

What plain text can still say is said (html_markdown reads the same way): a superscript or
subscript in Unicode's raised or lowered characters where each of its characters has one
(x², H₂O, 10⁻³), else as `^(n+1)` or `_(i)`; a table a row a line, its cells apart by
` | `. What is changed so, struck-through text (kept, without its line) and what a page
embeds (a video's player) are named in the reader's `changes`, which the importer says per
question.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from html.parser import HTMLParser
from typing import NamedTuple

from qbank.bank.markdown import LINK_SCHEMES
from qbank.errors import BankError, Problem
from qbank.model import Source
from qbank.text import COUNTRY_NOT_LANGUAGE, and_list, one_line, shorten

_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
    "table", "tr", "dl", "dt", "dd", "section", "article", "header", "footer",
}  # fmt: skip
_PARAGRAPH = "\x00"  # a boundary between blocks, made into line breaks at the end
_GAP = "\x01"  # a paragraph's (<p>) boundary, made into a blank line: Moodle sets it apart
_BOUNDARIES = (_PARAGRAPH, _GAP, "\n")  # what ends a line, where a table's blanks are none
_BETWEEN = re.compile("[\x00\x01]+")
_RAISED = {  # Unicode's superscript and subscript digits and signs
    "sup": ("^", str.maketrans("0123456789+-\u2212=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾")),
    "sub": ("_", str.maketrans("0123456789+-\u2212=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎")),
}
_RAISED_NAMES = {"sup": "superscript", "sub": "subscript"}
STRUCK = {"s", "del", "strike"}
# how many <sup>, <sub> or <s> inside each other are read (each deeper one is read with its
# outer one): each close copies the text inside it, which 100,000 deep made quadratic
MAX_OPENED = 8
_CHANGES_SAID = 5  # the changes a question's warning names; the rest are counted
CELL_APART = " | "  # between a table row's cells


def raisable(text: str, tag: str) -> bool:
    """Whether every character of a <sup> or <sub>'s text (outer blanks aside) has
    Unicode's raised or lowered form."""
    core = text.strip()
    table = _RAISED[tag][1]
    return bool(core) and all(ord(c) in table for c in core)


def raise_text(text: str, tag: str) -> str:
    """A raisable text in Unicode's superscript (tag 'sup') or subscript ('sub')."""
    return text.translate(_RAISED[tag][1])


def raised_mark(tag: str) -> str:
    """What stands before a <sup> or <sub> that has no Unicode form, in parentheses."""
    return _RAISED[tag][0]


def raised_change(text: str, tag: str) -> str:
    core = shorten(one_line(text), 40)
    mark = raised_mark(tag)
    return f"the {_RAISED_NAMES[tag]} {core!r} is written {mark}({core})"


def struck_change(text: str) -> str:
    return f"the struck-through text {shorten(one_line(text), 40)!r} is kept without its line"


EMBEDDED = {"iframe", "video", "audio", "object", "embed"}  # a player or a page, not text
# what no page shows as text: a script's code, a style sheet's rules (a real course's
# exam question held a jQuery script, which came in as its text, and Word's pastes bring
# <style>); a script is named, as what it did is lost
HIDDEN = frozenset({"script", "style"})
SCRIPT_CHANGE = "a script (code the LMS's page runs, which no artifact runs) is not imported"


def embedded_change(tag: str, attributes: dict[str, str | None]) -> str:
    address = shorten(one_line(attributes.get("src") or attributes.get("data") or ""), 80)
    if not address:
        return f"an embedded {tag} is not imported"
    return f"the embedded {tag} {address!r} is not imported"


def link_change(href: str | None) -> str | None:
    """What a link shows otherwise in a bank, whose links are web or mail addresses: one to
    anything else (a file of the LMS, `@@PLUGINFILE@@/...`, a path) is its text only (it
    refused the whole import); None for one a bank keeps, or no address."""
    if not href or href.lower().startswith(LINK_SCHEMES):
        return None
    return (
        f"the link to {shorten(one_line(href), 80)!r} is kept as its text only, since a "
        "bank links to web or mail addresses; give the file's web address in the bank"
    )


TABLE_CHANGE = f"a table is written a row a line, its cells apart by {CELL_APART!r}"

# Moodle's multi-language filters, read with their own patterns: the core filter's run of two
# or more `<span lang="xx" class="multilang">` (filter/multilang/filter.php), each language's
# text its own span up to the first `</span>`, and the multilang2 plugin's
# `{mlang xx}...{mlang}` (one or more languages, apart by commas). Each opening is paired
# with the first closing after it by bisection, not by a regular expression's `.*?`, which
# read 20,000 unclosed openings in minutes (a review)
_SPAN_OPEN = re.compile(
    r"""<span(?:\s+lang="([a-zA-Z0-9_-]+)"|\s+class="multilang"){2}\s*>""", re.IGNORECASE
)
_SPAN_CLOSE = re.compile(r"</span>", re.IGNORECASE)
_MLANG_OPEN = re.compile(r"\{\s*mlang\s+([a-z0-9_-]+(?:\s*,\s*[a-z0-9_-]+)*)\s*\}", re.IGNORECASE)
_MLANG_CLOSE = re.compile(r"\{\s*mlang\s*\}", re.IGNORECASE)
# (where the block starts, where it ends, its language codes, its text)
_Block = tuple[int, int, list[str], str]


def _language_blocks(
    markup: str, opening: re.Pattern[str], closing: re.Pattern[str]
) -> list[_Block]:
    """Each opening with its text up to the first closing after it, none inside another."""
    closes = [(m.start(), m.end()) for m in closing.finditer(markup)]
    starts = [start for start, _ in closes]
    blocks: list[_Block] = []
    after = 0
    for m in opening.finditer(markup):
        if m.start() < after or m.group(1) is None:
            continue
        k = bisect.bisect_left(starts, m.end())
        if k == len(closes):
            break
        codes = [language_code(code) for code in m.group(1).split(",")]
        blocks.append((m.start(), closes[k][1], codes, markup[m.end() : closes[k][0]]))
        after = closes[k][1]
    return blocks


def _runs(markup: str, spans: list[_Block]) -> list[list[_Block]]:
    """The runs of two or more spans with nothing but blanks between them."""
    runs: list[list[_Block]] = []
    for span in spans:
        if runs and not markup[runs[-1][-1][1] : span[0]].strip():
            runs[-1].append(span)
        else:
            runs.append([span])
    return [run for run in runs if len(run) > 1]


def _edited(markup: str, edits: list[tuple[int, int, str]]) -> str:
    """`markup` with each (start, end) of `edits`, in order and apart, made its text."""
    pieces, at = [], 0
    for start, end, text in edits:
        pieces += [markup[at:start], text]
        at = end
    return "".join([*pieces, markup[at:]])


def _given(markup: str) -> tuple[list[list[_Block]], list[str]]:
    """The runs of spans of `markup` for the core filter, and the languages it gives its
    text in, in its order."""
    runs = _runs(markup, _language_blocks(markup, _SPAN_OPEN, _SPAN_CLOSE))
    blocks = _language_blocks(markup, _MLANG_OPEN, _MLANG_CLOSE)
    given = sorted([span[:3] for run in runs for span in run] + [b[:3] for b in blocks])
    return runs, list(dict.fromkeys(code for _, _, codes in given for code in codes))


def _multilingual(markup: str) -> bool:
    return "multilang" in markup or "mlang" in markup.lower()


def language_code(code: str) -> str:
    """A language code as Moodle writes it, 'pt_br' of 'pt-BR' (a bank's language, BCP 47)."""
    return code.strip().lower().replace("-", "_")


class Kept(NamedTuple):
    """The language a file's texts in several come in, and why, as a warning says it;
    `missing`: how many of those texts do not give it (each keeps its own first), of
    `given` (a file whose every such text gives it is in that language)."""

    language: str
    why: str
    missing: int = 0
    given: int = 0


_BY_LANG = "the language --lang names"


def language_kept(texts: Iterable[str], source: str, named: str | None = None) -> Kept | None:
    """The language a file's texts for Moodle's multi-language filters come in: `named`
    (import's --lang), else the one most of them give first (of two as many, the one met
    first), so that a question's texts are all in one language; None when neither. A
    `named` that no text gives is refused: each text came in in its own first language,
    half in one and half in another, unsaid (a review)."""
    given = [languages for text in texts if _multilingual(text) and (languages := _given(text)[1])]
    if named:
        named = language_code(named)
        offered = list(dict.fromkeys(code for languages in given for code in languages))
        if offered and named not in offered:
            # --lang ja, as the import said of texts in {mlang jp}, named none of them
            countries = [c for c in offered if COUNTRY_NOT_LANGUAGE.get(c) == named]
            meant = f" ({countries[0]} stands for {named} there)" if countries else ""
            raise BankError(
                [
                    Problem(
                        source,
                        1,
                        f"--lang {named}: none of this file's texts is given in {named}; "
                        f"they come in {and_list(offered)}{meant}: name one of these, or leave "
                        "out --lang to keep the one most of them give first",
                    )
                ]
            )
        language, why = named, _BY_LANG
    elif firsts := Counter(
        next(code for code in languages if code != OTHER)
        for languages in given
        if languages != [OTHER]
    ):  # (multilang2's `other` is no language: the text for readers of any other)
        language = max(firsts, key=firsts.__getitem__)
        why = "the language most of the file's texts give first"
    else:
        return None
    missing = sum(language not in languages for languages in given)
    return Kept(language, why, missing, len(given))


# Moodle's language codes whose second part names no country (Moodle's "Deutsch - Du",
# Serbian in Cyrillic and in Latin letters)
_MOODLE_CODES = {"de_du": "de", "sr_cr": "sr-Cyrl", "sr_lt": "sr-Latn"}


def language_tag(code: str) -> str | None:
    """A Moodle language code as a language tag (BCP 47) a bank takes: `de` as it is,
    `fr_ca` and `pt_br` as fr-CA and pt-BR; a code with more than a country (`de_kids`)
    its language alone, as Moodle's own pages mark it (get_html_lang_attribute_value);
    None for one that starts with no language."""
    code = code.lower()
    if code in _MOODLE_CODES:
        return _MOODLE_CODES[code]
    found = re.fullmatch(r"([a-z]{2,3})(?:_([a-z]{2})|_[a-z0-9_]*)?", code)
    if found is None:
        return None
    return found[1] + (f"-{found[2].upper()}" if found[2] else "")


# the multilang2 plugin's text for a reader of a language no block of the text gives
OTHER = "other"


def _shown_to(reader: str | None, languages: list[str]) -> str:
    """The language of a text's parts Moodle shows a reader of `reader` (None: of none of
    them): theirs, else their language's parent (`fr` for `fr_ca`, as both filters fall
    back), else multilang2's `other`, else the first (as the core filter shows it)."""
    parent = reader.split("_")[0] if reader else None
    for code in (reader, parent, OTHER):
        if code in languages:
            return code
    return languages[0]


def _language_named(code: str) -> str:
    return "'other' (any other language's)" if code == OTHER else code


def one_language(markup: str, kept: Kept | None = None) -> tuple[str, list[str]]:
    """`markup` in one language where it gives its text in several for Moodle's
    multi-language filters, and the change said: `kept` (language_kept: the file's) where
    the text gives it, else what Moodle shows a reader of it (_shown_to: its parent's, or
    multilang2's `other`, which came in as the first language's, or the first, as the core
    filter shows a reader of none of them); every other left out, where a bank has one text a
    field (each language, glued, came in unsaid: a trial; a question text in German first
    and its feedback in English first came in half in each: a review)."""
    if not _multilingual(markup):
        return markup, []
    runs, languages = _given(markup)
    if not languages:
        return markup, []
    first = _language_named(languages[0])
    reader = kept.language if kept else None
    chosen = _shown_to(reader, languages)
    picked = [next((span for span in run if chosen in span[2]), run[0]) for run in runs]
    edits = [(run[0][0], run[-1][1], span[3]) for run, span in zip(runs, picked, strict=True)]
    markup = _edited(markup, edits)
    blocks = _language_blocks(markup, _MLANG_OPEN, _MLANG_CLOSE)
    markup = _edited(markup, [(b[0], b[1], b[3] if chosen in b[2] else "") for b in blocks])
    if len(languages) == 1:
        return markup, [
            f"its text for Moodle's multi-language filter is kept in {chosen}, the one "
            "language it gives"
        ]
    # (each run's picked span shows, and each block that gives the language chosen)
    shown = {code for span in picked for code in span[2]}
    shown |= {code for block in blocks if chosen in block[2] for code in block[2]}
    left_out = [code for code in languages if code not in shown and code != chosen]
    if not left_out:  # one block for them all ({mlang en,fr}): the same text in each
        return markup, []
    others = and_list([_language_named(code) for code in left_out])
    if chosen == OTHER:
        return markup, [
            "its text in several languages for Moodle's multi-language filter is kept as the "
            f"text for other languages ({{mlang other}}), which Moodle shows a reader of "
            f"{reader or 'none of them'}, where it gives no {reader or 'language'} of its "
            f"own; the {others} text is left out"
        ]
    if kept and chosen == reader and (chosen != first or kept.why == _BY_LANG):
        given_first = "" if chosen == first else f", where this one gives {first} first"
        why = f"{kept.why}{given_first}"
    elif reader and chosen != reader and chosen == reader.split("_")[0]:
        why = f"which Moodle shows a reader of {reader}, where it gives no {reader} of its own"
    elif reader and chosen != reader:
        why = f"the first, as Moodle shows it to a reader of {reader}, which it does not give"
    else:
        why = "the first, as Moodle shows it to a reader of none of them"
    return markup, [
        f"its text in several languages for Moodle's multi-language filter is kept in "
        f"{chosen}, {why}; the {others} text is left out"
    ]


# what Moodle's MathJax filter sets as a formula (filter/mathjaxloader: `$$`, `\(`, `\[`),
# and the TeX filter's `[tex]`: each opening and the first closing after it
_FORMULA_MARKS = (("$$", "$$"), ("\\(", "\\)"), ("\\[", "\\]"), ("[tex]", "[/tex]"))


def _formulas(markup: str) -> list[str]:
    """The formulas of `markup` in its order, found in one pass a kind (a regular
    expression's `.+?` read 20,000 unclosed `\\(` in minutes)."""
    lower = markup.lower()
    found = []
    for opening, closing in _FORMULA_MARKS:
        at = 0
        while (start := lower.find(opening, at)) >= 0:
            end = lower.find(closing, start + len(opening) + 1)
            if end < 0:
                break
            at = end + len(closing)
            found.append((start, markup[start:at]))
    return [formula for _, formula in sorted(found)]


# underlined text, as Moodle's editors write it (`<u>`, TinyMCE's text-decoration)
_UNDERLINED = re.compile(
    r"<u\b|<[a-z][^<>]*text-decoration(?:-line)?\s*:[^<>]*underline", re.IGNORECASE
)
_UNDERLINED_SAID = (
    "its underlined text is kept without its line, which a bank's text does not draw (make "
    "it bold where the line mattered)"
)


def read_as_moodle(markup: str, language: Kept | None = None) -> tuple[str, list[str]]:
    """`markup` as a bank reads it, in one language (one_language), and what it shows
    otherwise than Moodle: each language left out, its underlined text, and its formulas,
    which Moodle's filters set and a bank keeps as typed (a formula came in as its TeX, and
    underlined text without its line, unsaid: a trial)."""
    markup, changes = one_language(markup, language)
    if _UNDERLINED.search(markup):
        changes.append(_UNDERLINED_SAID)
    formulas = [one_line(found) for found in _formulas(markup)]
    if formulas:
        first = shorten(formulas[0], 40)
        said = (
            f"the formula {first!r}, which Moodle's MathJax filter sets, is kept as its TeX"
            if len(formulas) == 1
            else f"{len(formulas)} formulas, {first!r} the first, which Moodle's MathJax filter "
            "sets, are kept as their TeX"
        )
        changes.append(
            f"{said} (the booklet, the cards and the pages show it so, as does Moodle from "
            "qbank's LMS files)"
        )
    return markup, changes


def changes_said(changes: list[str], whose: str = "its HTML") -> str:
    """The loss of a question whose HTML (or `whose`) says what its bank text shows
    otherwise."""
    said = list(dict.fromkeys(changes))
    more = f"; and {len(said) - _CHANGES_SAID} more" if len(said) > _CHANGES_SAID else ""
    return f"{whose} showed what bank text cannot: " + "; ".join(said[:_CHANGES_SAID]) + more


# a style that keeps a text's spaces and tabs as typed (CSS's `white-space`; `pre-line`
# squeezes them, keeping line breaks only)
_WHITE_SPACE = re.compile(r"white-space\s*:\s*([a-z-]+)", re.IGNORECASE)
_KEEPS_BLANKS = {"pre", "pre-wrap", "break-spaces"}
# what HTML squeezes: ASCII's spaces and tabs (its line breaks are source_line_breaks'), never
# a no-break space (U+00A0) or an ideographic one (U+3000), which are characters of the text
_BLANK_RUN = re.compile("[ \t]+")


# elements with no end tag, and the tags a line starts at for a browser (a block's start or
# end, a line break, a table's cell: CELL_APART's blank is the one between cells)
VOID = frozenset({"br", "img", "hr", "wbr", "input", "col", "area", "source", "track"})
BREAKING = frozenset(_BLOCKS | {"br", "td", "th", "hr", "figure", "figcaption"})


class Blanks:
    """The blanks of HTML's text as a browser shows them, and so Moodle's question page: a
    run of spaces and tabs is one space, and none follows another such space, across tags
    too (`a <b> b</b>`), nor starts a line; but those in `<pre>` and `<code>` (the caller
    says) and in an element styled `white-space: pre`, `pre-wrap` or `break-spaces` are
    kept. A text from Moodle with a run of blanks in a sentence ('What  is   a SIEM?',
    as an editor or a tool wrote it) came in as typed, which every artifact then showed
    so (and the LMS files kept, in a span that keeps blanks), where Moodle showed one."""

    def __init__(self) -> None:
        self.styles: list[tuple[str, bool]] = []  # each open element with a white-space style
        self.open = Counter[str]()  # their tags: an end tag of none searches nothing
        self.after_blank = True  # a space squeezed here shows none: at a line's start

    def opened(self, tag: str, style: str | None) -> None:
        if (found := _WHITE_SPACE.search(style or "")) is not None:
            self.styles.append((tag, found[1].lower() in _KEEPS_BLANKS))
            self.open[tag] += 1

    def closed(self, tag: str) -> None:
        """The element `tag` ends, and any styled one opened inside it and left open (each
        searched past is dropped: no end tag searches the same one twice)."""
        if not self.open[tag]:
            return
        while self.styles:
            last, _ = self.styles.pop()
            self.open[last] -= 1
            if last == tag:
                return

    def shown(self, data: str, kept: bool = False) -> str:
        """The text `data` shows after what came before it; `kept`: in code, whose blanks
        are as typed."""
        if kept or (self.styles and self.styles[-1][1]):
            self.after_blank = self.after_blank and not data
            return data
        data = _BLANK_RUN.sub(" ", data)
        if self.after_blank and data.startswith(" "):
            data = data[1:]
        if data:
            self.after_blank = data.endswith(" ")
        return data

    def line_start(self) -> None:
        """A line starts (a block, a `<br>`): a space first on it shows none."""
        self.after_blank = True

    def drawn(self) -> None:
        """Something shown that is no text (a picture): a space after it shows."""
        self.after_blank = False


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.code: list[str] | None = None
        self.pre = 0
        self.changes: list[str] = []
        self.opened: list[tuple[str, int]] = []  # an open <sup>, <sub> or <s>: where it starts
        self.cells = 0  # of the table row being read
        self.in_cell = 0  # inside a <td> or <th>: its paragraphs are one line's words
        # each open <li> (its paragraphs are lines, as its items are): where its text starts
        # in `parts`, and the texts a browser draws (`drawn`) before it
        self.items: list[tuple[int, int]] = []
        self.drawn = 0  # the texts added that are more than blanks
        self.hidden = ""  # the open <script> or <style>, whose text no page shows
        self.blanks = Blanks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.blanks.opened(tag, dict(attrs).get("style"))
        squeezed = self.blanks.after_blank  # (a space before a line break shows none)
        if tag in BREAKING:
            self.blanks.line_start()
        if tag in HIDDEN:
            self.hidden = tag
            if tag == "script":
                self.changes.append(SCRIPT_CHANGE)
        elif tag == "br":
            if squeezed and self.code is None and self.parts and self.parts[-1] != CELL_APART:
                self.parts[-1] = _squeezed_end(self.parts[-1])
            if not (self.parts and self.parts[-1].endswith(("\u2028", "\u2029"))):
                self._add("\n")  # a separator before a <br> is its break (text.to_html)
        elif tag == "code" and self.code is None and not self.pre:
            self.code = []
        elif tag in _BLOCKS and self.in_cell and tag not in ("table", "tr"):
            self._cell_space()  # a cell's <p> (a paste from Word): a blank, not a break
        elif tag in _BLOCKS:
            self.parts.append(self._boundary(tag))
            if tag == "li":
                self.items.append((len(self.parts), self.drawn))
            self.pre += tag == "pre"
            if tag == "tr":
                self.cells = self.in_cell = 0
        elif tag == "img":
            self._add(alt_text(dict(attrs).get("alt")))
            self.blanks.drawn()
        elif tag == "a" and (change := link_change(dict(attrs).get("href"))) is not None:
            self.changes.append(change)
        elif tag in ("td", "th"):
            if self.cells == 1:
                self.changes.append(TABLE_CHANGE)
            if self.cells:
                while (
                    self.parts and self.parts[-1] not in _BOUNDARIES and not self.parts[-1].strip()
                ):
                    self.parts.pop()  # the source's indentation between cells: no blanks
                if self.parts and self.parts[-1] not in _BOUNDARIES:
                    self.parts[-1] = self.parts[-1].rstrip(" \t")
                self._add(CELL_APART)
            self.cells += 1
            self.in_cell += 1
        elif (tag in _RAISED or tag in STRUCK) and self.code is None:
            if len(self.opened) < MAX_OPENED:
                self.opened.append((tag, len(self.parts)))
        elif tag in EMBEDDED:
            self.changes.append(embedded_change(tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.blanks.closed(tag)
        if tag in BREAKING:
            self.blanks.line_start()
        if tag == self.hidden:
            self.hidden = ""
        elif tag == "code" and self.code is not None:
            code, self.code = "".join(self.code), None
            self.parts.append(code_span(code))
            self.drawn += 1
            self.blanks.drawn()
        elif tag in _BLOCKS and self.in_cell and tag not in ("table", "tr"):
            pass  # a cell's paragraph ends: the next one's start puts the blank
        elif tag in _BLOCKS:
            if tag == "li" and self.items:
                self._item_closed(*self.items.pop())
            self.parts.append(self._boundary(tag))
            self.pre -= tag == "pre" and self.pre > 0
        elif tag in ("td", "th"):
            self.in_cell = max(0, self.in_cell - 1)
        elif self.opened and self.opened[-1][0] == tag:
            start = self.opened.pop()[1]
            text = "".join(self.parts[start:])
            if _BETWEEN.search(text) or "\n" in text or not text.strip():
                return  # across lines: as html_markdown, left as it is
            if tag in STRUCK:
                self.changes.append(struck_change(text))
            elif raisable(text, tag):
                self.parts[start:] = [raise_text(text, tag)]
            else:
                core = text.strip()
                lead, trail = text[: text.index(core)], text[text.index(core) + len(core) :]
                self.parts[start:] = [f"{lead}{raised_mark(tag)}({core}){trail}"]
                self.changes.append(raised_change(text, tag))

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if not self.pre:  # a line break in HTML source is a space on screen
            if "\n" in data or "\r" in data:
                data = source_line_breaks(data)
            if self.cells and not data.strip() and self.parts and self.parts[-1].endswith(" "):
                return  # the blanks that indent a cell's text after ' | '
            data = self.blanks.shown(data, kept=self.code is not None)
        self._add(data)

    def _boundary(self, tag: str) -> str:
        """A paragraph's start or end is a blank line, but a line inside a list item (a
        loose list's items, '<li><p>a</p></li>', came back a blank line apart)."""
        return _GAP if tag == "p" and not self.items else _PARAGRAPH

    def _item_closed(self, start: int, drawn: int) -> None:
        """A list item of nothing but blanks and breaks ('<li>&nbsp;</li>', '<li><br></li>',
        as Moodle's editors leave one after the last item) is left out, as '<li></li>' is:
        plain text has no bullet to show it by, and its blank line came back between the
        items, the list's lines made two paragraphs."""
        if self.drawn == drawn:
            del self.parts[start:]

    def _cell_space(self) -> None:
        """A blank between a cell's paragraphs (none before its first)."""
        last = self.parts[-1] if self.parts else ""
        if last and last not in (_PARAGRAPH, _GAP, CELL_APART) and not last.endswith((" ", "\n")):
            self._add(" ")

    def _add(self, text: str) -> None:
        if self.code is not None:
            self.code.append(text)
            return
        self.parts.append(text)
        self.drawn += bool(text.strip())


def _squeezed_end(text: str) -> str:
    """`text` without the one space a browser squeezed at its end (before a line break)."""
    return text[:-1] if text.endswith(" ") and text not in _BOUNDARIES else text


def code_span(code: str) -> str:
    """`code` as a code span that qbank.text.runs reads back as `code`."""
    longest = max((len(run) for run in re.findall("`+", code)), default=0)
    # code over several lines (an artefact in a note) comes back fenced with three
    # backticks, as it was written, so that Markdown reads it as a code block
    fence = "`" * max(longest + 1, 3 if "\n" in code else 1)
    padded = code.startswith("`") or code.endswith("`") or (code[:1] == code[-1:] == " ")
    return f"{fence} {code} {fence}" if padded else f"{fence}{code}{fence}"


def text_from_html(markup: str) -> str:
    """The text an HTML fragment shows, as bank text."""
    return html_text(markup)[0]


def unclosed_as_text(markup: str) -> str:
    """`markup` with each '<' after its last '>' written `&lt;`: Python's HTMLParser reads
    such a '<' as text all the same, but only after scanning to the end for its '>', once
    for each (20,000 unclosed `<img a` took a minute: a review); now it reads it at once."""
    last = markup.rfind(">")
    return markup[: last + 1] + markup[last + 1 :].replace("<", "&lt;")


def html_text(markup: str, language: Kept | None = None) -> tuple[str, list[str]]:
    """The text an HTML fragment shows, as bank text (in `language` where it gives several),
    and what it shows otherwise than the HTML did (`changes`)."""
    markup, read = read_as_moodle(markup, language)
    parser = _TextParser()
    parser.feed(unclosed_as_text(markup))
    parser.close()
    if parser.code is not None:  # an unclosed <code>: its text, still as code
        parser.parts.append(code_span("".join(parser.code)))
    return _lines("".join(parser.parts)), read + parser.changes


def _lines(text: str) -> str:
    """Blocks a line apart, paragraphs a blank line apart, as Moodle shows them (a bank's
    plain text of two paragraphs came back from its Markdown's <p>s as two lines). A
    block's last <br> draws no line of its own in a browser, and none here (Moodle's editor
    ends a paragraph with one: 'Intro<br></p>' came back two blank lines from the next),
    but a block of nothing else is an empty line ('<p><br></p>', a blank line its author
    typed, as Moodle's editor saves it), which plain text says; so is a block of nothing but
    a blank a browser keeps ('<p>&nbsp;</p>', as TinyMCE saves a blank line)."""
    pieces = _BETWEEN.split(text)
    marks = _BETWEEN.findall(text)
    kept: list[str] = []
    gap = False
    empty = ""  # the empty lines of blocks of nothing but breaks since the last text
    for at, piece in enumerate(pieces):
        body = piece.strip(" ")
        body = body[:-1] if body.endswith("\n") else body
        if body.strip():
            if kept:
                kept.append(("\n\n" if gap else "\n") + empty)
            kept.append(body)
            gap, empty = False, ""
        elif kept:
            # a blank that a browser keeps ('<p>&nbsp;</p>', TinyMCE's typed blank line)
            # draws a line as '<p><br></p>' does; a space, as '<p> </p>', none
            kept_blank = piece.rpartition("\n")[2].strip(" \t\r\f")
            empty += "\n" * (piece.count("\n") + bool(kept_blank))
        if at < len(marks) and kept:
            gap = gap or _GAP in marks[at]
    return "".join(kept).strip()


# a tag or a character reference, which Moodle's own format (GIFT's default) shows as HTML
_MARKUP = re.compile(r"<[a-zA-Z/!]|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]*);")


# what reads as a tag in Moodle's own format: an HTML element's name, its attributes each
# with a value (`x<y and y>z` is a comparison, not a tag `y`: its words were lost, a review)
_HTML_NAMES = (
    "a abbr b big blockquote br caption cite code dd del dfn div dl dt em font h1 h2 h3 h4 "
    "h5 h6 hr i img ins kbd li ol p pre q s samp small span strike strong sub sup table "
    "tbody td tfoot th thead tr tt u ul var"
).split()
_TAG = re.compile(
    rf"</?(?:{'|'.join(_HTML_NAMES)})"
    r"""(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))*\s*/?>""",
    re.IGNORECASE,
)


def name_text(name: str) -> str:
    """A question's name or title as Moodle shows it (format_string): HTML as the text it
    shows ('<b>Q1</b> &amp; more' is 'Q1 & more'), any other text as typed (as_html)."""
    markup = as_html(name, "moodle")
    return name if markup is None else text_from_html(markup)


def as_html(text: str, fmt: str) -> str | None:
    """A text's HTML: `[html]` text as it is, and text in Moodle's own format that holds a
    tag, a character reference or a multilang2 block (`{mlang de}`, which Moodle's filters
    read in that format: its marks and every language came in) as Moodle shows it
    (text_to_html: a line break is one, but beside a tag); None for text that is not HTML:
    one whose every '<' does not start an HTML tag (`x<y and y>z`, `a <b and c> d`) is read
    as typed."""
    if fmt == "html":
        return text
    if fmt != "moodle" or (_MARKUP.search(text) is None and _MLANG_OPEN.search(text) is None):
        return None
    if text.count("<") != len(_TAG.findall(text)):
        return None
    text = re.sub(r">\s+<", "><", text)
    text = re.sub(r"[\n\r]<", " <", re.sub(r">[\n\r]", "> ", text))
    return re.sub(r"\r\n|\r|\n", "<br>", text)


_SOURCE_BREAK = re.compile(r"\r\n|[\r\n]")


def source_line_breaks(data: str) -> str:
    """Text of HTML with each line break of its source one space, as a page shows it, the
    blanks that indent the next line and end this one with it: a file wrapped by hand or by
    a tool, '<p>Why is the sky\n        blue?</p>', came in as 'sky         blue', which
    every artifact showed as typed (and the LMS files kept in a pre-wrap span). Split at
    the breaks, not one expression's blanks-then-break: that tried each blank of a long run
    with no break after it anew, 39 s for a question of 60,000 spaces (a review)."""
    first, *rest = _SOURCE_BREAK.split(data)
    if not rest:
        return data
    *middle, last = rest
    inner = (line.strip(" \t") for line in middle)
    return " ".join((first.rstrip(" \t"), *inner, last.lstrip(" \t")))


def alt_text(alt: str | None) -> str:
    """What stands for a picture that cannot come along: its alt text in brackets."""
    return f"[{(alt or '').strip() or 'picture'}]"


# The heading before each part of the grader's text that qbank's LMS exports write
# (exporters/lms/grading.py), in order, in qbank's own English: the defaults of the look's
# lms/words.toml; `grader_fields` reads them back.
GRADER_HEADINGS = {
    "hint": "Hint",
    "competency": "Competency",
    "note": "Note",
    "look_for": "Look for",
    "follow_ups": "Follow-ups",
    "anchors": "Anchors",
    "minutes": "Minutes",
    "group": "Group",
    "sources": "Sources",
}
# The heading before each part of what a bank says about itself, after its description,
# in the bank's category (exporters/lms/grading.py, bank_info); `bank_fields` reads them.
BANK_HEADINGS = {
    "role": "Role",
    "organisation": "Organisation",
    "reviewed": "Facts checked",
    "language": "Language",
    "rubric": "Rating scale",
    "tags": "Tags",
    "competencies": "Competencies",
}
_ENGLISH = GRADER_HEADINGS | BANK_HEADINGS
# Between a label in bold and its text: the look's `after_label`, one mark with a space
# before or after it if any (": " in English, " : " in French); and the remark after a
# competency's name, its weight in parentheses (" (weight 2)"). Any words of the look in
# these shapes are read back, so a file written in French imports as one in English.
_SPACE = "[ \u00a0\u202f]"
LABEL_END = f"{_SPACE}?[^\\w\\s<>&()]{_SPACE}?"
WEIGHT = f"{_SPACE}?\\([^()<>0-9]*([0-9]{{1,9}})[^()<>0-9]*\\)"


def heading(key: str, word: str) -> str:
    """The heading of part `key` in the words of the look: qbank's own English heading as
    it always was, found by its words; a heading in other words carries the part's name as
    a class, by which `qbank import` finds the part whatever the words (a French look's
    grader information came back as one long hint)."""
    shown = html.escape(word, quote=False)
    if word == _ENGLISH[key]:
        return f"<h4>{shown}</h4>"
    return f'<h4 class="qbank-{key}">{shown}</h4>'


def _headings(english: dict[str, str]) -> re.Pattern[str]:
    """A heading that `heading` writes for one of the parts `english` names."""
    keys = "|".join(map(re.escape, english))
    words = "|".join(map(re.escape, english.values()))
    return re.compile(f'<h4 class="qbank-({keys})">[^<]*</h4>|<h4>({words})</h4>', re.IGNORECASE)


def _parts(
    markup: str, headings: re.Pattern[str], english: dict[str, str]
) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first heading, and each part after it as (key, its HTML)."""
    by_word = {word.casefold(): key for key, word in english.items()}
    pieces = headings.split(markup)
    parts = [
        (key.lower() if key else by_word[word.casefold()], body)
        for key, word, body in zip(pieces[1::3], pieces[2::3], pieces[3::3], strict=True)
    ]
    return pieces[0], parts


_HEADING = _headings(GRADER_HEADINGS)
# an item's text runs to its end, never across another item's start: 100,000 unclosed <li>
# each searched the rest of the text (quadratic: minutes for 400 KB; a review)
# (its own attributes, as a right-to-left bank's dir="rtl", passed over)
_ITEM = re.compile(r"<li(?:\s[^>]*)?>((?:(?!<li[\s>]).)*?)</li>", re.DOTALL)
_SOURCE = re.compile(r"(?P<title>.*?)\s*<(?P<url>\S+)>", re.DOTALL)
_COMPETENCY = re.compile(f"<p(?:\\s[^>]*)?><strong>(.*?)</strong>{LABEL_END}(.*)</p>$", re.DOTALL)
# numbers as qbank writes them: ASCII digits, few (int() refused a 5,000-digit one with an
# internal error, and '²' is a digit to str.isdigit but no number to int())
_ANCHOR = re.compile(f"<strong>([0-9]{{1,9}})[^<]*</strong>{LABEL_END}(.*)", re.DOTALL)
_MINUTES = re.compile(r"[0-9]{1,9}")


def in_grader_layout(markup: str) -> bool:
    """Whether grader information is in the layout qbank's export writes (its headings)."""
    return _HEADING.search(markup) is not None


def grader_fields(
    markup: str, convert: Callable[[str], str] = text_from_html
) -> dict[str, object] | None:
    """The question's fields from grader text that qbank wrote (headings in GRADER_HEADINGS,
    the hint first), or None for grader text written otherwise. `convert` makes the HTML of
    the hint, the note, the look-for and follow-up items and a competency's description
    into bank text (a Markdown bank's, with html_markdown)."""
    lead, parts = _parts(markup.strip(), _HEADING, GRADER_HEADINGS)
    if not parts or lead.strip() or parts[0][0] != "hint":
        return None
    found: dict[str, object] = {}
    for key, body in parts:
        # an empty item, as Moodle's editors leave one after the last ('<li><br></li>'), is
        # left out: it refused the whole import ("'look_for' has an empty item")
        items = [text for item in _ITEM.findall(body) if (text := text_from_html(item))]
        if key in ("hint", "note"):
            found[key] = convert(body)
        elif key == "competency" and (match := _COMPETENCY.match(body)) is not None:
            found[key] = (text_from_html(match[1]), convert(match[2]))
        elif key in ("look_for", "follow_ups"):
            found[key] = [text for item in _ITEM.findall(body) if (text := convert(item))]
        elif key == "sources":
            found[key] = [
                Source(m["title"], m["url"]) if (m := _SOURCE.fullmatch(item)) else Source(item, "")
                for item in items
            ]
        elif key == "group":
            found[key] = text_from_html(body)
        elif key == "minutes" and _MINUTES.fullmatch(text_from_html(body)):
            found[key] = int(text_from_html(body))
        elif key == "anchors":
            anchors = {}
            for item in _ITEM.findall(body):
                match = _ANCHOR.match(item)
                if match:
                    anchors[int(match[1])] = text_from_html(match[2])
            found[key] = anchors
    return found


_BANK_HEADING = _headings(BANK_HEADINGS)
_LEVEL = re.compile(f"<strong>([0-9]{{1,9}}) (.*?)</strong>{LABEL_END}(.*)", re.DOTALL)
# each part of a bank's category as bank_info writes it: a paragraph of text without
# markup of its own (a day for `reviewed`), or a list; anything else is a description
# (a paragraph may carry an editor's attributes and code spans, a list blanks between its
# items; an item never runs past its own end)
_FIELD_PARAGRAPH = r"<p(?:\s[^>]*)?>(?:[^<]|<br\s*/?>|<code>[^<]*</code>)*</p>"
_LISTED = r"<ul>\s*(?:<li(?:\s[^>]*)?>(?:(?!</li>).)*</li>\s*)*</ul>"
_AS_WRITTEN = {
    key: re.compile(_FIELD_PARAGRAPH) for key in ("role", "organisation", "language")
} | {
    "reviewed": re.compile(r"<p(?:\s[^>]*)?>\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*</p>"),
    "rubric": re.compile(_LISTED, re.DOTALL),
    "tags": re.compile(_LISTED, re.DOTALL),
    "competencies": re.compile(_LISTED, re.DOTALL),
}
_NAMED = re.compile(f"<strong>(.*?)</strong>(?:{WEIGHT})?{LABEL_END}(.*)", re.DOTALL)


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return False
    return True


def bank_fields(
    markup: str, convert: Callable[[str], str] = text_from_html
) -> tuple[str, dict[str, object]]:
    """The description's HTML and the bank's fields from a bank category's text that qbank
    wrote: `role`, `organisation`, `reviewed` and `language` (text), `rubric` ((score,
    label, anchor), ...), `tags` ((name, description), ...) and `competencies` ((name,
    description, weight), ...). Text written otherwise is all description. `convert` makes
    a description bank text."""
    description, parts = _parts(markup.strip(), _BANK_HEADING, BANK_HEADINGS)
    found: dict[str, object] = {}
    for key, body in parts:
        if not _AS_WRITTEN[key].fullmatch(body.strip()) or (
            key == "reviewed" and not _is_day(text_from_html(body))
        ):
            # a teacher's own "Organisation" heading, or "Facts checked: by the tutor":
            # the whole text is the description, as it was written (a review)
            return markup, {}
        items = _ITEM.findall(body)  # (only now: every item is closed)
        if key in ("role", "organisation", "reviewed", "language"):
            found[key] = text_from_html(body)
        elif key == "rubric":
            levels = [m for item in items if (m := _LEVEL.match(item)) is not None]
            found[key] = [(int(m[1]), text_from_html(m[2]), text_from_html(m[3])) for m in levels]
        elif key == "tags":
            named = [m for item in items if (m := _NAMED.match(item)) is not None]
            found[key] = [(text_from_html(m[1]), text_from_html(m[3])) for m in named]
        else:
            named = [m for item in items if (m := _NAMED.match(item)) is not None]
            found[key] = [(text_from_html(m[1]), convert(m[3]), int(m[2] or 1)) for m in named]
    return description, found
