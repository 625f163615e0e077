"""The text of a `markup: markdown` bank, parsed into the tree of qbank.rich.

CommonMark, parsed by markdown-it-py with raw HTML off (`<b>` stays two characters and a
letter). Only a subset is taken: paragraphs and hard line breaks, emphasis, strong, inline
code, fenced code blocks, bullet and numbered lists (three levels deep at most), block
quotes, links, images and GitHub's tables (cells of words). A heading or a rule inside a
text is refused: sections are the headings. Images are read and checked here (see
images.py), so that `check` finds every problem before anything is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path
from typing import NamedTuple, Protocol
from urllib.parse import unquote

from markdown_it import MarkdownIt, rules_inline
from markdown_it.rules_block.table import escapedSplit
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from qbank.bank.images import ImageFiles, copied_here
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
    in_a_row,
)
from qbank.text import shorten, without_blanks

MAX_LIST_DEPTH = 3
# quotes inside quotes: markdown-it stops reading past its nesting bound (40 levels of lists
# and quotes together), and a text of 40 quotes said it "shows nothing"
MAX_QUOTE_DEPTH = 8
# Link addresses a reader can follow from a printout or a page; markdown-it already drops
# `javascript:` and kin, which leaves the link as text
LINK_SCHEMES = ("http://", "https://", "mailto:")


class Report(Protocol):
    """Where a problem goes: its line within the text (0-based), its message, and its
    column in that line of the text (1-based; 0 for the whole line)."""

    def __call__(self, line: int, message: str, column: int = 0) -> None: ...


# A text with none of these characters, and none of _BLOCK_STARTS first, is one paragraph
# of plain text in CommonMark: no escape, emphasis, code, link, image, autolink, entity or
# line break, and nothing a block could start with (most of a bank's texts are like this;
# markdown-it took two thirds of reading the bundled bank); '~' and '$' start no CommonMark,
# but what GitHub reads in them (~~strikethrough~~, $TeX$) is warned of when the text is read
_INLINE_MARKUP = frozenset("\\`*_[]!<>&~$#\n\r\t\x00")
_BLOCK_STARTS = frozenset(" -+=0123456789")
# nor what `==highlight==` and `:emoji:` warnings look for ('=' and ':' alone are prose's)
_TYPED_MARKS = re.compile(r"==|:[a-z0-9_+-]{1,81}:")


def parser() -> MarkdownIt:
    """A CommonMark parser with raw HTML off. One per bank read: it holds no bank state,
    but a new one costs little and keeps two reads apart."""
    md = MarkdownIt("commonmark", {"html": False})
    # GitHub's tables are no CommonMark: without the rule, a table showed as its pipes in
    # every artifact; with it, the reader can refuse one by its line (see _until)
    md.enable("table")
    # `maxNesting` bounds markdown-it's own recursion; the tree refuses depth past three
    # lists anyway, and a deeper text must still come back to say so
    md.options["maxNesting"] = 40
    # an address stays as its writer wrote it: markdown-it percent-encodes every letter
    # past ASCII (and turns a host into punycode), which the printed artifacts then showed
    # as "(https://de.wikipedia.org/wiki/Gr%C3%B6%C3%9Fe)", and an autolink twice, its
    # text and its encoded address; a browser encodes an address itself when it follows it
    md.normalizeLink = md.normalizeLinkText = _as_written
    for name, rule in _OVER_LINE_ENDS.items():
        md.inline.ruler.at(name, _counting_line_ends(rule))
    return md


InlineRule = Callable[[StateInline, bool], bool]
# the inline rules whose text may run over a line end that no break token stands for: a code
# span's, a link's address or title, a picture's alt text
_OVER_LINE_ENDS: dict[str, InlineRule] = {
    "backticks": rules_inline.backtick,
    "link": rules_inline.link,
    "image": rules_inline.image,
}


def _counting_line_ends(rule: InlineRule) -> InlineRule:
    """`rule`, which also gives the last token it makes the line ends it read that its
    tokens' breaks do not count (line_ends), so that a line is counted right after a code
    span over two lines ('`a\\nb` x\\' then 'y': the backslash break was looked for on
    the line before, and missed)."""

    def counted(state: StateInline, silent: bool) -> bool:
        start, made = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent and len(state.tokens) > made:
            told = sum(_line_ends(token) for token in state.tokens[made:])
            unsaid = state.src.count("\n", start, state.pos) - told
            if unsaid > 0:
                state.tokens[-1].meta["line_ends"] = _line_ends(state.tokens[-1]) + unsaid
            if state.tokens[-1].type == "code_inline":
                # where the code span stands in the paragraph's source, backticks and all:
                # the warnings look past it by place, not by its text (see outside_code)
                state.tokens[-1].meta["written"] = (start, state.pos)
        return True

    return counted


def _line_ends(token: Token) -> int:
    """The line ends of a bank text that an inline token stands over."""
    return 1 if token.type in ("softbreak", "hardbreak") else token.meta.get("line_ends", 0)


def paragraph_breaks(text: str, md: MarkdownIt | None = None) -> dict[int, bool]:
    """The lines of `text` (as `split("\\n")` gives them) that end inside a paragraph, each
    with whether CommonMark breaks the line there (a backslash or two blanks at its end)
    rather than joining it to the next with a blank. A paragraph whose code span runs
    across a line end is left out: that line end is a blank of the code. `md`: a parser
    to reuse (a sheet's rows)."""
    if "\n" not in text:
        return {}
    found = {}
    for token in (md or parser()).parse(text):
        if token.type != "inline" or token.map is None or not token.children:
            continue
        breaks = [c.type == "hardbreak" for c in token.children if c.type.endswith("break")]
        first, end = token.map
        if len(breaks) == end - first - 1:
            found.update({first + i: hard for i, hard in enumerate(breaks)})
    return found


def _as_written(address: str) -> str:
    return address


class MarkdownReader:
    """Parses the texts of one bank; images are read once per file however often used."""

    def __init__(self, folder: Path | None, owner: str = "bank") -> None:
        self.md = parser()
        self.images = ImageFiles(folder, owner)
        self._parsed: dict[str, tuple[RichText, list[tuple[int, str, int]]]] = {}
        # whether the bank is for interviews (it names a role or a rubric: Bank.for_interviews,
        # told by the reader before the bank is made): advice that speaks of interviewers
        # and packets is for such a bank alone
        self.interview = True

    def parse(self, text: str, report: Report) -> RichText:
        """The tree of `text`; each problem goes to `report` with its line in the text."""
        found = self._parsed.get(text)
        if (
            found is None
            and text[:1] not in _BLOCK_STARTS
            and _INLINE_MARKUP.isdisjoint(text)
            and _TYPED_MARKS.search(text) is None
            # blanks other than spaces at its ends: markdown-it's rules for them (its
            # version's) decide, not str.strip's
            and text.strip() == text
        ):
            blocks = (Paragraph((Span(text),)),) if text else ()
            found = self._parsed[text] = (RichText(blocks), [])
        if found is None:
            problems: list[tuple[int, str, int]] = []

            def told(line: int, message: str, column: int = 0) -> None:
                problems.append((line, message, column))

            tree = _Builder(self, told, text.split("\n"))
            blocks = tree.blocks(self.md.parse(text))
            if (note := tree.footnotes.warning()) is not None:
                problems.append(note)
            found = self._parsed[text] = (RichText(blocks), problems)
        for line, message, column in found[1]:
            report(line, message, column)
        return found[0]


# a picture's markup left as text: CommonMark ends an unbracketed path at its first blank.
# Bounded, so that a long line of `![` takes linear time; not after a backslash (`\![`)
_UNREAD_PICTURE = re.compile(r"(?<!\\)(!\[[^\]\n]{0,500}\])\(([^()<>\n]{1,1000})\)")
# a title after the path: "a title" or 'a title' (a (title) has a parenthesis, which
# _UNREAD_PICTURE's path does not hold)
_TITLE = re.compile(r"(.*?)\s+(\"[^\"]*\"|'[^']*')\s*", re.DOTALL)


def unread_picture(source: str, shown: str) -> tuple[str, int] | None:
    """The warning for a picture's markup in the inline `source` that CommonMark left as
    text (`shown`, the text's words outside code) because its path holds a blank, with
    the markup to write instead, and where the markup starts in `source`; None when there
    is none."""
    if "](" not in source:
        return None
    for found in _UNREAD_PICTURE.finditer(source):
        alt, inside = found[1], found[2]
        titled = _TITLE.fullmatch(inside)
        path, title = (titled[1], " " + titled[2]) if titled else (inside, "")
        path = path.strip()
        if not re.search(r"\s", path) or found[0] not in shown:
            continue  # no blank in the path, or code, or a picture after all
        if copy := copied_here(path, alt=alt):
            return (
                f"warning: {found[0]} is shown as these characters, not as a picture: its "
                f"path is one {copy}"
            ), found.start()
        return (
            f"warning: {found[0]} is shown as these characters, not as a picture, since a "
            "picture's path cannot hold a blank as written; write it in angle brackets, "
            f"{alt}(<{path}>{title}), or with %20 for each blank"
        ), found.start()
    return None


# a line written as a table's row (| a | b |): a bar first and last, one more between; and
# a line of dashes under a header (| --- | :--: |), of any count of columns
_ROW_LINE = re.compile(r"[ \t]*\|[^\n]*\|[^\n]*\|[ \t]*")
_DASHES_LINE = re.compile(r"[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?[ \t]*")


def rows_read_as_words(source: str) -> tuple[str, int] | None:
    """The warning for lines of the paragraph `source` (the words outside code) written as
    a table's rows that GitHub's Markdown reads as no table, since no line of dashes with
    a --- for each column stands under the first: one paragraph, its bars shown as typed
    (a networking instructor's trial); with where the first row starts in `source`."""
    if source.count("|") < 6:
        return None
    lines = source.split("\n")
    start = 0
    for n, line in enumerate(lines[:-1]):
        below = lines[n + 1]
        if _ROW_LINE.fullmatch(line) and (
            _ROW_LINE.fullmatch(below) or _DASHES_LINE.fullmatch(below)
        ):
            columns = len(escapedSplit(line.strip().strip("|")))
            dashes = "| " + " | ".join(["---"] * columns) + " |"
            return (
                "warning: these lines are written as a table's rows, but they are shown as "
                "one paragraph with their | as typed, since a table needs a line of dashes "
                f"under its first row, a --- for each of its {columns} columns; write "
                f"{dashes} under its first row (--: sets a column on the right)"
            ), start
        start += len(line) + 1
    return None


# a code span of one backtick, as a table's row line holds it
_CODE_IN_ROW = re.compile(r"`([^`\n]+)`")


def _barred_code(row: str) -> str | None:
    """The first code span of a table's `row` line with a bare | inside (`a | b`), which
    GitHub's tables read as a cell's edge; None without one."""
    for found in _CODE_IN_ROW.finditer(row):
        if re.search(r"(?<!\\)\|", found[1]):
            return found[1]
    return None


# a link or picture that CommonMark left as text for its scheme (javascript:, file: ...);
# bounded as _UNREAD_PICTURE is
_UNFOLLOWED = re.compile(
    r"(?<!\\)(!?\[[^\]\n]{0,500}\]\(\s*<?([A-Za-z][A-Za-z0-9+.-]{0,30}):"
    r"(?:[^()\n]|\([^()\n]{0,200}\)){0,1000}\))"
)


def unfollowed_link(source: str, shown: str) -> tuple[str, int] | None:
    """The warning for a link or picture in the inline `source` that CommonMark showed as
    its characters (`shown`, the words outside code) because of its address's scheme
    (`[x](javascript:...)`, `![x](file:///...)`): safe, but its writer meant a link. With
    where the link starts in `source`."""
    if "](" not in source:
        return None
    for found in _UNFOLLOWED.finditer(source):
        markup, scheme = found[1], found[2].lower()
        if f"{scheme}:" in ("http:", "https:", "mailto:") or markup not in shown:
            continue  # a link after all (or code)
        kind = "picture" if markup.startswith("!") else "link"
        address = markup[markup.index("](") + 2 : -1].strip(" <>")
        if kind == "picture" and copied_here(address):
            # the path on the writer's computer ('C:\\Users\\...', 'file:///...'), told by
            # unread_picture when it holds a blank, else here
            if re.search(r"\s", address):
                continue
            alt = markup[: markup.index("](") + 1]
            return (
                f"warning: {shorten(markup, 60)} is shown as these characters, not as a "
                f"picture: its path is one {copied_here(address, alt=alt)}"
            ), found.start()
        return (
            f"warning: {shorten(markup, 60)} is shown as these characters, not as a {kind}: "
            f"qbank makes no {kind} to a {scheme}: address (a link goes to https://, http:// "
            "or mailto:, a picture is a file beside the bank)"
        ), found.start()
    return None


# GitHub's one tilde a side, as GitHub reads it: no blank inside either tilde ('~5 to ~10
# minutes' is about), none beside a word or a tilde outside ('~/path', 'x ~ y', a backup's
# 'notes.txt~'); nor a number after the first ('~10 minutes; notes.txt~')
_ONE_TILDE = re.compile(r"(?<![~\w\\])~(?![\s~\d])[^~\n]{1,200}?(?<![\s~\\])~(?![~\w])")
# highlight, as Obsidian and some editors read it; '==' beside a word or a blank is code's
# (a==b, x == y)
_HIGHLIGHT = re.compile(r"(?<![=\w\\])==(?![\s=])[^=\n]{1,200}?(?<![\s=\\])==(?![=\w])")
# a wiki link, Obsidian's and a wiki's: words between double brackets, with a letter and no
# blank just inside (a matrix's [[1, 2]], a shell's [[ -f x ]] are not)
_WIKI_LINK = re.compile(
    r"(?<![\w\\\[])\[\[(?![\s\[\]])(?=[^\]\n]{0,200}[^\W\d_])[^\[\]\n]{1,200}?"
    r"(?<![\s\\])\]\](?!\])"
)
# an emoji's short code, as GitHub, Slack and Discord read one; not a time (10:30:00), a
# ratio (1:2:3), a drive (C:), C++'s std::vector, Sphinx's :class:`x`, nor a name a
# quote opens (SQLite's ':memory:'); nor a field or role of Python's docstrings and Sphinx's that
# no emoji is named (':return: the sum', ':rtype:', 'the :class: role': a review)
_EMOJI_CODE = re.compile(
    r"(?<![\w:\\/\[(\"'])"
    r"(?::(?!(?:param|parameter|arg|argument|keyword|kwarg|kwparam|type|vartype|var|ivar|cvar"
    r"|raise|raises|except|exception|return|returns|rtype|yield|yields|ytype|meta|class|func"
    r"|meth|attr|mod|module|ref|doc|data|const|obj|exc|term|abbr|envvar|option|samp|kbd|dfn"
    r"|pep|rfc|numref|download|math|program|command|file|py|rst|js|cpp|role|directive):)"
    r"[a-z0-9_+-]{0,40}[a-z][a-z0-9_+-]{0,40}|:[+-]1):(?![\w:/`])"
)
_HABITS = (_ONE_TILDE, _HIGHLIGHT, _WIKI_LINK, _EMOJI_CODE)


def habits_escaped(text: str) -> str:
    """`text`, Markdown that means its characters as typed (an import's), with a backslash
    before each piece that `check` says GitHub, Slack or Obsidian draw (`~x~`, `==x==`,
    `[[x]]`, `:tada:`): so that a bank made from plain text is not warned about them."""
    for pattern in _HABITS:
        if pattern.search(text):
            text = pattern.sub(lambda found: "\\" + found[0], text)
    return text


_STRUCK = (
    "qbank's Markdown has no strikethrough, so it is shown as typed, tildes and all; delete "
    "the tildes, and the words if they are wrong, or say it in words ('not the z-test but "
    "the t-test')"
)
# what a writer of GitHub's Markdown types that CommonMark, as qbank reads it, shows as its
# characters: formatting written as HTML, strikethrough, footnotes, an HTML comment, link or
# folded part (each bounded); each with its advice, or what makes it of the match
# (a callable's advice is told the match and whether the bank is for interviews)
_AS_TYPED: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str], bool], str]], ...] = (
    (
        # a tag as HTML writes one (a name, attributes name="value"), in lower case: Java's
        # Pair<S, T> and a regex's [^0-9] are not meant as formatting, nor an inequality's
        # chain, a one-letter tag between letters or digits that nothing closes: 'a<b>c'
        # (h49h's data science trial: every artifact shows it as typed, as meant)
        re.compile(
            r"(?!(?<=[^\W_])<([bisu])>(?=[^\W_])(?![\s\S]{0,500}?</\1>))"
            r"</?(?:sub|sup|br|b|i|u|s|em|strong|del|ins|mark|small|kbd)"
            r"(?:\s+[a-z_:][\w.:-]{0,40}(?:\s*=\s*(?:\"[^\"<>\n]{0,200}\"|'[^'<>\n]{0,200}'"
            r"|[^\s\"'=<>`]{1,200}))?){0,10}\s*/?>"
        ),
        "HTML in a Markdown text is shown as typed, so write the character itself (H₂O, x², "
        "a line break as a backslash at the line's end, **bold**, *italic*), or, to show "
        "the tag, put it in `backticks`",
    ),
    (
        # in upper case only as a pair, <SUB>2</SUB>: Box<B> alone is Java's
        re.compile(r"<(SUB|SUP|BR|B|I|U|S|EM|STRONG|DEL|INS|MARK|SMALL|KBD)>[^<>\n]{0,200}</\1>"),
        "HTML in a Markdown text is shown as typed, so write the character itself (H₂O, x², "
        "**bold**, *italic*), or, to show the tag, put it in `backticks`",
    ),
    (
        re.compile(r"~~[^~\n]{1,500}~~"),
        _STRUCK,
    ),
    (_ONE_TILDE, _STRUCK),
    (
        _HIGHLIGHT,
        "qbank's Markdown has no highlighting, so it is shown as typed, equals signs and all; "
        "write **bold** to make the words stand out",
    ),
    (
        _WIKI_LINK,
        "qbank's Markdown has no wiki links, so it is shown as typed, brackets and all; write "
        "the words alone, or a link to a page, [words](https://...)",
    ),
    (
        _EMOJI_CODE,
        "qbank's Markdown has no emoji codes, so it is shown as typed, colons and all; type "
        "the emoji itself (Windows key + . on Windows, Ctrl + Cmd + Space on a Mac), or "
        "leave it out",
    ),
    (
        # bold or italics that Markdown shows as typed: a closing '**' after '」' and before
        # 'は', with no blank, is no closing one to CommonMark, and Japanese and Chinese put
        # no blank there ('**「速いハッシュ」**は' showed its stars everywhere, unwarned:
        # h40a's Japanese trial); a bracket or a mark beside the stars inside, as the advice
        # says: 'file*.tmp and cache*.tmp', stars meant as typed, were told to be bold
        re.compile(
            r"(?<![*\\])(\*\*?)(?![\s*])"
            r"(?:(?=[^\x00-\x7f\w\s])[^*\n]{1,200}?(?<![\s*\\])|[^*\n]{0,199}?[^\x00-\x7f\w\s*\\])"
            r"\1(?!\*)"
        ),
        "Markdown shows these stars as typed, not as bold or italics: stars between a "
        "bracket or a mark (「」（）、。) and a letter count only with a blank beside them; "
        "put them inside the brackets (「**速い**」は), or around words alone",
    ),
    (
        # a remark for the bank's editors, which GitHub hides and every artifact shows (a
        # probe of CommonMark's constructs): one on a line, or a line that opens one
        re.compile(r"<!--(?:[^\n]{0,500}?-->|[^\n]{0,500}$)", re.MULTILINE),
        "an HTML comment is shown as typed, to every reader, since qbank's Markdown reads no "
        "HTML; delete it, keep the remark as a YAML comment (a line starting with #) outside "
        "the text, or, to show it, put it in `backticks`",
    ),
    (
        re.compile(
            r"<a\s+href\s*=\s*([\"'])((?:https?|mailto):[^\"'<>\s]{1,500})\1\s*>([^<>\n]{1,200})</a>"
        ),
        lambda found, _: (
            f"HTML in a Markdown text is shown as typed, so write the link as "
            f"[{found[3].strip()}]({found[2]})"
        ),
    ),
    (
        # the opening tags: their closing ones, in a paragraph of their own, are the same
        re.compile(r"<(?:details|summary)(?:\s[^<>\n]{0,200})?>"),
        lambda _, interview: (
            "HTML in a Markdown text is shown as typed, and every artifact shows a text whole "
            "(no part of it folds away): remove the tags, and "
            + (
                "put what is for the interviewer alone in the note"
                if interview
                else "put an answer to keep back in the hint, which a card shows on its back"
            )
            + ", or, to show the tags, put them in `backticks`"
        ),
    ),
    (
        # TeX between dollars, which GitHub's Markdown typesets: as pandoc's tex_math_dollars
        # reads one (no blank inside either dollar, none digit after the closing one: '$5 and
        # $10' is prices), holding a command, a power, an index or an '=' (a probe of
        # CommonMark's constructs: '$E = mc^2$' was shown as typed, unwarned)
        re.compile(
            r"(?<![$\\\w])(\$\$?)(?=[^\s$])[^$\n]{0,300}?(?:\\[A-Za-z]|[\^_=])[^$\n]{0,300}?"
            r"(?<=[^\s\\$])\1(?![\d$])"
        ),
        "qbank typesets no TeX, so a formula between dollars is shown as typed, dollars and "
        "all; write it in Unicode (E = mc², x₁ + x₂, √2, a/b, ≤), or, to show the TeX, put it "
        "in `backticks`",
    ),
)
# LaTeX's inline and display delimiters, \( \) and \[ \], which Markdown reads as escaped
# brackets (bounded, as the others are), around what reads as a formula: a command (\frac),
# a power, an index or an equation, or letters that are each a variable alone (\(x\),
# \[a + b\], \(2n\): a maths teacher's trial saw '(x)', unwarned); Markdown's own
# \[Enter\], \[sic\] or a reference's \[1\] is brackets meant (a review)
_LATEX = re.compile(r"(?<!\\)\\([(\[])([^\n]{0,300}?)(?<!\\)\\([)\]])")
_FORMULA = re.compile(r"\\[A-Za-z]|[\^_=]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]{2}")


def _reads_as_formula(inside: str) -> bool:
    """Whether what stands between \\( and \\) or \\[ and \\] reads as a formula (_LATEX)."""
    if _FORMULA.search(inside):
        return True
    return _LETTER.search(inside) is not None and _WORD.search(inside) is None


def notation_read_as_markdown(
    source: str, spans: tuple[Span, ...] | list[Span], shown: str
) -> tuple[str, int] | None:
    """The warning for notation a science teacher types that Markdown reads as its own
    (a trial; `check` said nothing and every artifact showed it changed): LaTeX's `\\(v\\)`,
    whose backslashes Markdown takes as escapes, and a product `2*3*4`, whose stars
    between two characters make italics. With where it stands in `source` (-1 when its
    spans' words are not found there as typed)."""
    for found in _LATEX.finditer(source):
        kept = found[1] + found[2] + found[3]  # what Markdown shows
        if kept in shown and _reads_as_formula(found[2]):  # a formula, not in code
            twice = f"\\\\{found[1]} and \\\\{found[3]}"
            return (
                f"warning: {shorten(found[0], 60)} is shown as {shorten(kept, 60)}: "
                "Markdown reads a backslash before a bracket as keeping the bracket only, and "
                "qbank typesets no TeX: write the formula in Unicode (x², √2, a/b, λ), or, to "
                f"show the backslashes, write each twice ({twice}), or put it in `backticks`"
            ), found.start()
    for before, span, after in zip(spans, spans[1:], spans[2:], strict=False):
        # one star each side, as a product has (** is bold, meant), between characters of
        # a script that puts blanks between its words (Chinese has none to put there), or
        # brackets facing the star, (a+b)*(a-b): not an opening one before it, (*see*)
        around = before.text[-1:] + span.text[:1] + after.text[:1]
        if (
            span.emphasis
            and not span.strong
            and not (before.emphasis or before.strong or before.code or after.code)
            and len(around) == 3
            and all(
                char.isalnum() or char in brackets
                for char, brackets in zip(around, (")]", "([", "(["), strict=True)
            )
            and not any(map(without_blanks, around))
        ):
            typed = before.text.split()[-1] + "*" + span.text + "*" + after.text.split()[0]
            return (
                f"warning: {shorten(typed, 60)}: a * between two characters starts italics in "
                f"Markdown, so '{shorten(span.text, 40)}' is in italics and its stars are not "
                "shown; for a product write × (2 × 3), or write \\* to show a star"
            ), source.find(typed)
        if (  # a power as Python writes one, 2**3**2: bold between digits (a second review)
            span.strong
            and not (before.strong or before.code or after.code)
            and (before.text[-1:] + span.text + after.text[:1]).isdecimal()
        ):
            typed = before.text.split()[-1] + "**" + span.text + "**" + after.text.split()[0]
            return (
                f"warning: {shorten(typed, 60)}: ** between two digits starts bold in Markdown, "
                f"so '{shorten(span.text, 40)}' is in bold and its stars are not shown; for a "
                "power write 2³ or 2^3, or put it in `backticks`"
            ), source.find(typed)
    for span in spans:
        # a Python name, __init__ or __name__, typed outside backticks: bold, its
        # underscores gone (a programming teacher's trial); bold meant around one word is
        # written with stars, **init**, and an escaped \_\_ leaves no bold span
        typed = f"__{span.text}__"
        if span.strong and _DUNDER.fullmatch(typed) and (at := _dunder_typed(source, typed)) >= 0:
            return (
                f"warning: {typed}: two underscores each side of a word make it bold in "
                f"Markdown, so '{span.text}' is in bold and its underscores are not shown; put "
                f"a name in `backticks` (`{typed}`), or write \\_\\_ to show underscores"
            ), at
    return None


class Container(NamedTuple):
    """A list item or a block quote that a paragraph stands in: the text's line it opens
    on, and an item's width (its marker and the blanks up to its text), which each of its
    further lines must be indented by (CommonMark's W + N)."""

    quote: bool
    line: int
    width: int = 0


_QUOTE_MARK = re.compile(r" {0,3}> ?")
_LIST_MARKER = re.compile(r" {0,3}(?:[-+*]|[0-9]{1,9}[.)])")


def _columns(line: str) -> str:
    """A line with its tabs as the blanks up to CommonMark's tab stops, every 4 columns."""
    return line.expandtabs(4)


def _unmet(line: str, number: int, within: tuple[Container, ...]) -> tuple[int, int | None]:
    """The column of `line` (tabs expanded) past the marks of the containers `within`
    (outermost first), and the index of the first whose mark it lacks (a quote's >, an
    item's indent): on a paragraph's further line, it is the line CommonMark reads lazily
    into that container; None when the line has them all."""
    column = 0
    for n, container in enumerate(within):
        if container.quote:
            found = _QUOTE_MARK.match(line, column)
            if found is None:
                return column, n
            column = found.end()
        elif container.line != number:  # on its own first line its marker stands there
            rest = line[column:]
            if len(rest) - len(rest.lstrip(" ")) < container.width:
                return column, n
            column += container.width
        else:
            column += container.width
    return column, None


def item_width(lines: list[str], item: Token, within: tuple[Container, ...]) -> int:
    """The width of the list item `item` opens, in the containers `within`: its marker,
    with the blanks before and after it up to its text (one after it if the text starts on
    the next line, or with five or more, which start code)."""
    number = item.map[0] if item.map else 0
    line = _columns(lines[number]) if number < len(lines) else ""
    start, _ = _unmet(line, number, within)
    marker = _LIST_MARKER.match(line, start)
    if marker is None:  # pragma: no cover - markdown-it opened an item here
        return 0
    after = line[marker.end() :]
    blanks = len(after) - len(after.lstrip(" "))
    return marker.end() - start + (blanks if after.strip() and blanks <= 4 else 1)


def lazy_line(
    lines: list[str], paragraph: Token, within: tuple[Container, ...]
) -> tuple[int, str] | None:
    """The first further line of `paragraph` that CommonMark reads into a list item or a
    quote it stands in although the line is not indented under the item, or lacks the
    quote's >: a "lazy continuation line". A teacher's line after a list
    ('- second point' then 'Try both queries.') showed as part of its last item in every
    artifact, unwarned. With its line in the text, and the warning; None without one."""
    first, end = paragraph.map or (0, 0)
    for number in range(first + 1, min(end, len(lines))):
        _, unmet = _unmet(_columns(lines[number]), number, within)
        if unmet is None:
            continue
        shown = shorten(lines[number].strip(), 40)
        if within[unmet].quote:
            marks = " ".join(">" * sum(c.quote for c in within[: unmet + 1]))
            return number, (
                f"warning: '{shown}' is read as part of the quote above it, since it does not "
                f"start with {marks} as the quote's lines do: to keep it in the quote, start "
                f"it with {marks}; to start a paragraph after the quote, put a blank line "
                "before it"
            )
        # the blanks from the line's start, or from the > of the quote it stands in
        quote = max((n for n in range(unmet) if within[n].quote), default=-1)
        spaces = sum(c.width for c in within[quote + 1 : unmet + 1])
        where = f"{spaces} spaces{' after the >' if quote >= 0 else ''}"
        return number, (
            f"warning: '{shown}' is read as part of the list item above it, since it is not "
            f"indented under that item: to keep it in the item, indent it as far as the "
            f"item's text ({where}); to start a paragraph after the list, put a blank line "
            "before it"
        )
    return None


# a Python name between two underscores each side, as Markdown reads it bold: one word
_DUNDER = re.compile(r"__[^\W_](?:\w{0,98}[^\W_])?__")


def _dunder_typed(source: str, typed: str) -> int:
    """Where `typed` (__init__) first stands in `source` as a name Markdown reads bold
    (-1 when it does not): not in a code span (**init** beside `__init__`), inside a
    longer name (a__b__c), nor after a backslash."""
    words = _CODE_SPAN.sub(lambda code: " " * len(code[0]), source)  # kept in place
    found = re.search(rf"(?<![\w\\]){re.escape(typed)}(?!\w)", words)
    return -1 if found is None else found.start()


# a footnote: its mark, and its note's line ([^1]: ...) in the same text
_FOOTNOTE = re.compile(r"\[\^([^\]\s]{1,100})\]")
# a note's line, in a quote or not: its label
_NOTE_LINE = re.compile(r"[ \t>]*\[(\^[^\]]{1,100})\]:")


def shown_as_typed(source: str, shown: str, interview: bool = True) -> list[tuple[str, int]]:
    """The warnings for the first piece of each kind in the inline `source` that a writer
    meant as formatting GitHub (or Obsidian, or Slack) renders and qbank shows as its
    characters (`shown`, the words outside code): `<sub>2</sub>`, `~~old~~` (a science
    lecturer's bank showed them as typed, unwarned), `==marked==`, `:smile:`; each with
    where it starts in `source`. One escaped with a backslash is meant as typed. Each kind
    is said, as each has its own advice: a comment before an `<a href>` hid the link's
    warning until the comment was gone (a review). `interview`: the bank is for
    interviews, and advice may speak of interviewers."""
    said = []
    for pattern, why in _AS_TYPED:
        for found in pattern.finditer(source):
            start = found.start()
            if (start == 0 or source[start - 1] != "\\") and found[0] in shown:
                advice = why(found, interview) if callable(why) else why
                said.append((f"warning: {shorten(found[0], 60)}: {advice}", start))
                break
    return said


# a GitHub alert's mark (> [!NOTE]), or an Obsidian callout's (> [!tip]- A title), on the
# first line of a quote
_ALERT = re.compile(r"\[!([A-Za-z][\w-]{0,30})\][+-]?(?=[ \t]|\n|$)")


def alert(source: str) -> str | None:
    """The warning for a quote whose first paragraph (`source`) opens with an alert's mark,
    which GitHub draws as a box with an icon and qbank shows as typed; None without one."""
    found = _ALERT.match(source)
    if found is None:
        return None
    word = found[1].capitalize()  # NOTE, TIP, IMPORTANT, WARNING, CAUTION; Obsidian's own
    return (
        f"warning: {found[0]}: qbank's Markdown has no alerts, so the mark is shown as typed, "
        f"at the start of a plain quote; write the word instead, as in > **{word}:** and "
        "the text"
    )


# a line's quote mark right before a digit or '=', after its indent, list markers and the
# marks of the quotes it stands in: '>50% drop', '- >=3 complaints', a comparison typed
_COMPARISON_QUOTED = re.compile(r"[ \t]*(?:(?:[-+*]|[0-9]{1,9}[.)])[ \t]+|>[ \t]?)*?>(?=[0-9=])")


def comparison_quoted(line: str) -> tuple[str, int] | None:
    """The warning for a quote opened by a comparison (`line`, the text's line where it
    opens: '>50% drop in usage'), whose > Markdown takes as a quote's mark, so that it is
    not shown (h49a's data science trial), with the column (1-based) of that >; None for a
    quote meant, a blank or a word after its >."""
    found = _COMPARISON_QUOTED.match(line)
    if found is None:
        return None
    typed = line[found.end() - 1 :].strip()
    sign = shorten(typed.split()[0], 20)
    return (
        f"warning: '{shorten(typed, 60)}' is shown as a quote of '{shorten(typed[1:], 60)}': "
        "a > at the start of a line starts a quote in Markdown, so the > is not shown; "
        f"write \\> to show it (\\{sign}), or put a blank after the > to quote the line"
    ), found.end()


# a bullet's line whose text goes on a formula: a lone letter or a number (3x), a power or
# an index, a relation or an operator (not '-', as in a glossary's 'a - apple'), and what
# it is applied to: '- p < 0.05 means', '- b^2 = 4', '+ 3x + 1'
_BULLET_FORMULA = re.compile(
    r"[ \t>]*([-+*])[ \t]+((?:[^\W\d_]|[0-9]+(?:[.,][0-9]+)?[^\W\d_]?)(?![\w.,])"
    r"(?:\^\w{1,10}|[⁰¹²³⁴-⁹₀-₉]{1,10})?[ \t]*(?:[<>=≤≥≠≈+×÷/^*]|!=)[ \t]*[\w(√−-].*)"
)
# a line of text that stops mid-formula, at an operator or an '=': 'y = 2x^2 +', 'f(x) ='
_OPEN_FORMULA = re.compile(r"(?:[\w)\]][ \t]*=|[ \t][+\-−×÷/<>≤≥≠≈])[ \t]*$")
# a bullet's line: its mark and its text
_BULLET_LINE = re.compile(r"[ \t>]*([-+*])[ \t]+(\S.*)")
# a list item's first line, under which a list is nested as meant ('- the p-value', then
# '  - p < 0.05 is significant')
_ITEM_LINE = re.compile(r"[ \t>]*(?:[-+*]|[0-9]{1,9}[.)])[ \t]")


def formula_listed(above: str, line: str, items: int) -> tuple[str, int] | None:
    """The warning for a list that a line of a formula (`line`, where the list opens,
    right after the text's line `above`) starts, as '- p < 0.05 means' under 'the
    p-value' did (h49h's data science trial), with the column (1-based) of its bullet;
    None for a list likely meant: of two `items` or more, after a line ending with ':' or
    'where', or nested under an item's first line, unless `above` stops at an operator."""
    found = _BULLET_LINE.match(line)
    if found is None:
        return None
    if not _OPEN_FORMULA.search(above):
        introduced = re.search(r"(?::|\bwhere)[ \t]*$", above, re.IGNORECASE)
        meant = items > 1 or introduced or _ITEM_LINE.match(above)
        if meant or not _BULLET_FORMULA.match(line):
            return None
    mark, rest = found[1], found[2].strip()
    typed = f"{mark} {rest}"
    return (
        f"warning: '{shorten(typed, 60)}' is shown as a list item, '{shorten(rest, 60)}' "
        f"after a bullet: a {mark} and a blank at the start of a line start a list in "
        f"Markdown, even right after a line of text, so the {mark} is not shown; write "
        f"\\{mark} to show it (\\{mark} {shorten(rest.split()[0], 20)}), or join the line to "
        "the one above it"
    ), found.start(1) + 1


class Footnotes:
    """A text's footnotes, as its paragraphs are read: the marks ([^1]) in their shown
    words and the labels of the notes' paragraphs ([^1]: ...). A mark whose note the text
    holds is a footnote, shown as typed; a regex's [^0-9], code and an escaped \\[^1] are
    none (a review). Linear in the text: each paragraph is read once."""

    def __init__(self) -> None:
        self.marks: list[tuple[int, int, str, str]] = []  # line, column, label, as written
        self.notes: set[str] = set()

    def read(self, source: str, shown: str, place: Callable[[int], tuple[int, int]]) -> None:
        """Reads a paragraph's inline `source` (its code as outside_code leaves it), whose
        words outside code are `shown`; `place` gives the line and column in the text of
        a place in `source`."""
        # a note's line may follow its mark's in one paragraph, as GitHub reads it
        starts = {0, *(n + 1 for n, c in enumerate(source) if c == "\n")}  # lines' starts
        for found in _FOOTNOTE.finditer(source):
            start = found.start()
            slashes = len(source[:start]) - len(source[:start].rstrip("\\"))
            if source[found.end() : found.end() + 1] == ":" and start in starts:
                self.notes.add(found[1])  # [^1]: the note
            elif slashes % 2 == 0 and found[0] in shown:
                self.marks.append((*place(start), found[1], found[0]))

    def warning(self) -> tuple[int, str, int] | None:
        """The line, warning and column of the first footnote, if any."""
        for line, column, label, written in self.marks:
            if label in self.notes:
                message = (
                    f"warning: {shorten(written, 60)}: qbank's Markdown has no footnotes, so "
                    "it is shown as typed; write the note's words in the text, where its mark "
                    "stands"
                )
                return line, message, column
        return None


# what stands before a table's line in a list item or a quote ('  ', '> ')
_TABLE_LINE_START = re.compile(r"^[ \t>]*")


# inline tokens that open or close a style and show nothing themselves
_NO_TEXT = frozenset(
    f"{name}_{end}" for name in ("em", "strong", "link") for end in ("open", "close")
)


class _Builder:
    def __init__(self, reader: MarkdownReader, report: Report, lines: list[str]) -> None:
        self.reader = reader
        self.report = report
        self.lines = lines  # the text's, to see whether a code fence is closed
        self.footnotes = Footnotes()

    def blocks(self, tokens: list[Token]) -> tuple[Block, ...]:
        blocks, end = self._until(tokens, 0, None, depth=0)
        return in_a_row(blocks)

    def _until(
        self,
        tokens: list[Token],
        i: int,
        closing: str | None,
        depth: int,
        quotes: int = 0,
        within: tuple[Container, ...] = (),
    ) -> tuple[list[Block], int]:
        """Blocks from tokens[i] up to the token of type `closing`, in the list items and
        quotes `within`; returns them and the index after that token."""
        blocks: list[Block] = []
        line = 0
        text_ends = None  # the line after the paragraph just read, if the last block was one
        while i < len(tokens):
            token = tokens[i]
            if token.map:
                line = token.map[0]
            kind = token.type
            if kind == closing:
                return blocks, i + 1
            after_text, text_ends = text_ends == line, None
            if kind == "paragraph_open":
                text_ends = token.map[1] if token.map else None
                inline = tokens[i + 1]
                spans, pictures = self._inline(inline, line)
                self._warn(inline, spans, line)
                if within and (lazy := lazy_line(self.lines, token, within)):
                    row, warning = lazy
                    self.report(row, warning, self._column(row, self.lines[row].strip()))
                self._joined_item(token, within)
                if spans:
                    blocks.append(
                        Paragraph(
                            spans,
                            escaped=_escaped_characters(inline.content),
                            colon_line=_COLON_LINE.search(inline.content) is not None,
                        )
                    )
                blocks.extend(pictures)
                i += 3
            elif kind in ("fence", "code_block"):
                # a fence left open at the text's end has no line end after its last line
                # (its last character was cut: 'SELECT 1;' showed 'SELECT 1')
                code = token.content.removesuffix("\n")
                blocks.append(CodeBlock(token.info.strip().split(" ")[0], code, line=line))
                if kind == "code_block":
                    first = code.split("\n", 1)[0]
                    self.report(line, indented_code(code), self._column(line, first))
                if kind == "fence" and not self._closed(token):
                    self.report(
                        line,
                        f"warning: the code block opened here with {token.markup} is never "
                        "closed, so the rest of the text is code; end it with "
                        f"{token.markup} on a line of its own",
                    )
                i += 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                if depth == MAX_LIST_DEPTH:
                    self.report(
                        line,
                        f"a list nested more than {MAX_LIST_DEPTH} levels deep; the artifacts "
                        f"show lists {MAX_LIST_DEPTH} levels deep at most, so indent this one "
                        "less",
                    )
                    return blocks, len(tokens)
                ordered = kind == "ordered_list_open"
                # markdown-it gives a start only when it is not 1: it may be 0
                given = token.attrGet("start") if ordered else None
                start = 1 if given is None else int(given)
                close = kind.replace("_open", "_close")
                loose = _loose(tokens, i)
                items: list[tuple[Block, ...]] = []
                i += 1
                told = False  # a task list's box: said once a list
                above: Token | None = None  # the item before
                while i < len(tokens) and tokens[i].type == "list_item_open":
                    if above is not None:
                        self._nested_short(above, tokens[i], within)
                    if not told and (boxed := _task_box(tokens, i)) is not None:
                        told = True
                        ticked = (
                            " (a look-for signal is a tick box in the packet already)"
                            if self.reader.interview
                            else ""
                        )
                        row = tokens[i].map[0] if tokens[i].map else line
                        self.report(
                            row,
                            f"warning: {boxed}: qbank's Markdown has no task lists, so the box "
                            f"is shown as typed; write the item without it{ticked}",
                            self._column(row, boxed),
                        )
                    opened = tokens[i]
                    width = item_width(self.lines, opened, within)
                    inside = (*within, Container(False, opened.map[0] if opened.map else 0, width))
                    item, i = self._until(
                        tokens, i + 1, "list_item_close", depth + 1, quotes, inside
                    )
                    items.append(in_a_row(item))
                    above = opened
                if i < len(tokens) and tokens[i].type == close:
                    i += 1
                if after_text and not ordered and 0 < line < len(self.lines):
                    above_line = self.lines[line - 1]
                    if listed := formula_listed(above_line, self.lines[line], len(items)):
                        self.report(line, *listed)
                if above is not None and i < len(tokens) and tokens[i].type in _BLOCK_OPENS:
                    self._nested_short(above, tokens[i], within)
                blocks.append(
                    ListBlock(
                        tuple(items),
                        ordered,
                        start,
                        loose,
                        after_text=after_text and depth == 0,
                        parenthesis=ordered and token.markup == ")",
                    )
                )
            elif kind == "blockquote_open":
                if quotes == MAX_QUOTE_DEPTH:
                    self.report(
                        line,
                        f"quotes nested more than {MAX_QUOTE_DEPTH} deep (a line starting with "
                        f"{'>' * (MAX_QUOTE_DEPTH + 1)}); quote this one less deep",
                    )
                    return blocks, len(tokens)
                opening = tokens[i + 2] if i + 2 < len(tokens) else None
                if (
                    tokens[i + 1].type == "paragraph_open"
                    and opening is not None
                    and (warning := alert(opening.content))
                ):
                    row, column = self._place(line, opening.content, 0)
                    self.report(row, warning, column)
                if line < len(self.lines) and (compared := comparison_quoted(self.lines[line])):
                    self.report(line, *compared)
                inside = (*within, Container(True, line))
                inner, i = self._until(tokens, i + 1, "blockquote_close", depth, quotes + 1, inside)
                blocks.append(Quote(in_a_row(inner)))
            elif kind == "heading_open":
                self.report(
                    line,
                    "a heading (a line starting with #, or underlined with = or -) is not "
                    "allowed inside a text, since sections are the headings; write it as a "
                    r"sentence, or write \# to show a # at the start of a line",
                )
                i += 3
            elif kind == "table_open":
                table, i = self._table(tokens, i)
                blocks.append(table)
            elif kind == "hr":
                self.report(
                    line,
                    "a horizontal rule (a line of ---, *** or ___) is not allowed inside a "
                    r"text; remove it, or write \--- to show the characters",
                )
                i += 1
            else:  # pragma: no cover - CommonMark has no other block with raw HTML off
                self.report(line, f"'{kind}' is not allowed inside a text")
                i += 1
        return blocks, i

    def _warn(self, inline: Token, spans: tuple[Span, ...], line: int) -> None:
        """What a paragraph's (or a table cell's) words show otherwise than they read."""
        said = "".join(span.text for span in spans if not span.code)
        words = outside_code(inline.content, inline.children or [])
        found = [unread_picture(words, said), unfollowed_link(words, said)]
        found.append(rows_read_as_words(words))
        found += shown_as_typed(words, said, self.reader.interview)
        found.append(notation_read_as_markdown(words, spans, said))
        for warning, start in filter(None, found):
            # where it stands: its own line of the paragraph, and its column there
            row, column = self._place(line, inline.content, start) if start >= 0 else (line, 0)
            self.report(row, warning, column)
        self.footnotes.read(words, said, partial(self._place, line, inline.content))

    def _table(self, tokens: list[Token], i: int) -> tuple[Table, int]:
        """The table opening at tokens[i], and the index after it. A cell holds words
        only: a picture in one is refused (it would be drawn nowhere near its row); a row
        with more cells than the header is told, as GitHub drops the cells past the
        header's."""
        header: list[Paragraph] = []
        rows: list[tuple[Paragraph, ...]] = []
        align: list[str] = []
        row: list[Paragraph] = []
        line = tokens[i].map[0] if tokens[i].map else 0
        first = line
        i += 1
        while i < len(tokens) and tokens[i].type != "table_close":
            token = tokens[i]
            if token.map:
                line = token.map[0]
            if token.type == "tr_open":
                row = []
                written = self.lines[line] if line < len(self.lines) else ""
                cells = escapedSplit(_TABLE_LINE_START.sub("", written).strip())
                cells = cells[cells[:1] == [""] : len(cells) - (len(cells) > 1 and cells[-1] == "")]
                barred = _barred_code(written)
                if header and len(cells) > len(header) and barred:
                    kept, escaped = len(header), barred.replace("|", "\\|")
                    self.report(
                        line,
                        f"the | inside `{shorten(barred, 60)}` ends a table's cell, even in "
                        f"code, so this row has {len(cells)} cells but its header {kept}, "
                        "and the cells past the header's are not shown; write that | as \\| "
                        f"(`{shorten(escaped, 60)}`), which shows as |",
                        self._column(line, f"`{barred}`"),
                    )
                elif header and len(cells) > len(header):
                    kept = len(header)
                    self.report(
                        line,
                        f"this table row has {len(cells)} cells but its header {kept}, and "
                        f"a table shows no more cells a row than its header has, so "
                        f"'{shorten(cells[kept].strip(), 40)}' and what follows it are not "
                        "shown; add a column to the header, or write \\| for a | that is "
                        "no cell's edge (one inside `code` too)",
                        self._column(line, cells[kept].strip()),
                    )
            elif token.type in ("th_open", "td_open"):
                if not header and token.type == "th_open":
                    style = str(token.attrGet("style") or "")
                    align.append(style.removeprefix("text-align:"))
                inline = tokens[i + 1]
                spans, _ = self._inline(inline, line)
                self._warn(inline, spans, line)
                if any(child.type == "image" for child in inline.children or []):
                    self.report(
                        line,
                        "a picture inside a table's cell is not drawn, since a cell holds "
                        "words only; put the picture on its own line before or after the "
                        "table, and its alt text or a few words in the cell",
                        self._column(line, "!["),
                    )
                row.append(Paragraph(spans, escaped=_escaped_characters(inline.content)))
                i += 2
            elif token.type == "tr_close":
                if not header:
                    header = row
                else:
                    rows.append(tuple(row))
            i += 1
        return Table(tuple(header), tuple(rows), tuple(align), first), i + 1

    def _place(self, line: int, source: str, start: int) -> tuple[int, int]:
        """The line and its column (1-based; 0 when not found) of `source[start]`, where
        `source` is the inline text of a paragraph starting at `line`: markdown-it leaves
        out a line's indent and its quotes' marks, which the text's line has."""
        offset = source.count("\n", 0, start)
        begins = source.rfind("\n", 0, start) + 1
        written = source[begins:].split("\n", 1)[0]
        text = self.lines[line + offset] if line + offset < len(self.lines) else ""
        at = text.find(written) if written else -1
        return line + offset, 0 if at < 0 else at + start - begins + 1

    def _nested_short(self, item: Token, block: Token, within: tuple[Container, ...]) -> None:
        """Warns of `block` (an item, a list or a paragraph after `item`, in the containers
        `within`) when its first line is indented past the item's marker by two or more
        but less than the item's text: CommonMark then takes it out of the item, which its
        writer's indent meant it in ('1. a' then '  - b' is a list after the numbered one,
        and a '1.' after that counts from 1 again). One blank past the marker is no intent
        to tell."""
        if not (item.map and block.map) or block.map[0] >= len(self.lines):
            return
        marker, width = (
            _indent(self.lines, item.map[0], within),
            item_width(self.lines, item, within),
        )
        indent = _indent(self.lines, block.map[0], within)
        if not marker + 2 <= indent < width:
            return
        line = _columns(self.lines[block.map[0]])
        typed = line[_unmet(line, block.map[0], within)[0] :].strip()
        after = " after the >" if any(c.quote for c in within) else ""
        if block.type == "list_item_open":
            read, instead = "reads it as the item after that one", "to make it the next item"
        else:
            read = {
                "paragraph_open": "puts the paragraph after the list",
                "bullet_list_open": "starts a list of its own after that list",
                "ordered_list_open": "starts a list of its own after that list",
            }.get(block.type, "puts it after the list")
            instead = "to put it after the list"
        self.report(
            block.map[0],
            f"warning: '{shorten(typed, 40)}' is indented {indent} spaces{after}, less than "
            f"the text of the item above it ({width} spaces), so Markdown does not nest it in "
            f"that item but {read}: to nest it, indent it {width} spaces{after}; {instead}, "
            "do not indent it",
            self._column(block.map[0], typed),
        )

    def _joined_item(self, paragraph: Token, within: tuple[Container, ...]) -> None:
        """Warns of the first further line of `paragraph` (in the containers `within`) that
        starts a bullet or a '1.' indented 4 blanks or more past the paragraph's text:
        CommonMark joins it to the text ('- a' then '      - b' is one item, 'a - b'),
        where a writer indenting a list under an item meant it nested."""
        first, end = paragraph.map or (0, 0)
        for number in range(first + 1, min(end, len(self.lines))):
            line = _columns(self.lines[number])
            column, unmet = _unmet(line, number, within)
            rest = line[column:]
            blanks = len(rest) - len(rest.lstrip(" "))
            if unmet is not None or blanks < 4 or not _OPENS_A_LIST.match(rest.lstrip(" ")):
                continue
            typed = rest.strip()
            self.report(
                number,
                f"warning: '{shorten(typed, 40)}' is indented {blanks} spaces past the text "
                "above it, 4 or more, so Markdown joins it to that text instead of starting a "
                "list: to start a list there, indent it as far as that text is",
                self._column(number, typed),
            )
            return

    def _column(self, line: int, written: str) -> int:
        """The column (1-based; 0 when not found) where `written` first stands, blanks
        between its words as they may be typed, in the text's `line`."""
        typed = r"[ \t]+".join(map(re.escape, written.split()))
        found = re.search(typed, self.lines[line]) if line < len(self.lines) else None
        return found.start() + 1 if found else 0

    def _closed(self, fence: Token) -> bool:
        """Whether a fence's last line closes it: CommonMark runs an unclosed one to the end
        of its list item or text, which a writer rarely means."""
        start, end = fence.map or (0, 0)
        if end - start < 2 or end > len(self.lines):
            return False
        # the line without its indent and the marks of the quotes the fence stands in (as
        # many as its opening line has: a '>' inside the code is code)
        depth = re.match(r"[ \t]*(?:>[ \t]?)*", self.lines[start])[0].count(">")
        closing = re.sub(rf"^[ \t]*(?:>[ \t]?){{0,{depth}}}", "", self.lines[end - 1]).strip()
        mark = fence.markup[0]
        return len(closing) >= len(fence.markup) and set(closing) == {mark}

    def _inline(self, token: Token, line: int) -> tuple[tuple[Span, ...], list[Picture]]:
        spans: list[Span] = []
        pictures: list[Picture] = []
        emphasis = strong = 0
        links: list[str | None] = []
        # a picture inside a sentence stands after its paragraph: the blank on either side
        # of it is one ("an inline picture  in a sentence" read two, a trial)
        blank_before_picture = False
        children = token.children or []
        for n, child in enumerate(children):
            kind = child.type
            href = links[-1] if links else None
            style = {"emphasis": emphasis > 0, "strong": strong > 0, "href": href}
            ended = line  # the line the token starts on, and a break ends
            line += _line_ends(child)  # what follows is on the text's next line
            if kind == "text":
                text = child.content
                if blank_before_picture and text[:1] == " ":
                    text = text[1:]
                if text:
                    spans.append(Span(text, **style))
            elif kind == "softbreak":
                if not (blank_before_picture and spans[-1].text.endswith(" ")):
                    spans.append(Span(" ", **style))
            elif kind == "hardbreak":
                written = self.lines[ended] if ended < len(self.lines) else ""
                spans.append(Span("", newline=True, backslash=written.endswith("\\")))
            elif kind == "code_inline":
                spans.append(Span(child.content, code=True, **style))
            elif kind == "em_open":
                emphasis += 1
            elif kind == "em_close":
                emphasis -= 1
            elif kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "link_open":
                address = str(child.attrGet("href") or "")
                if (note := self._footnote_as_link(children, n, address)) is not None:
                    said, mark = note
                    self.report(line, said, self._column(line, mark))
                elif not address.strip():  # '[words]()': "the link address ''" said little
                    self.report(
                        line,
                        "a link with no address ([words] then empty parentheses); write its "
                        "address between them, as in [words](https://example.org), or leave "
                        "out the brackets and parentheses to show the words alone",
                    )
                elif not address.lower().startswith(LINK_SCHEMES):  # HTTPS:// is one too
                    # '[0, 1](inclusive)' is an interval and a remark, no link (h49a's trial)
                    label = _link_label(children, n)
                    self.report(
                        line,
                        f"the link address '{address}' is not a web or mail address; a link "
                        "must start with https://, http:// or mailto:, and brackets then "
                        "parentheses meant as typed show so with a \\ before the ]: "
                        f"[{shorten(label, 40)}\\]({shorten(address, 40)})",
                    )
                links.append(address)
            elif kind == "link_close":
                links.pop()
            elif kind == "image":
                picture = self._picture(child, ended)
                if picture is not None:
                    pictures.append(picture)
                blank_before_picture = bool(spans) and spans[-1].text.endswith(" ")
                continue
            else:  # pragma: no cover - nothing else with raw HTML off
                spans.append(Span(child.content, **style))
            if kind not in _NO_TEXT:  # an emphasis or a link closing shows no blank of its own
                blank_before_picture = False
        return _merged(spans), pictures

    @cached_property
    def _note_labels(self) -> frozenset[str]:
        """The labels of the lines that read as a footnote's note ([^1]: ...), once a
        text."""
        return frozenset(
            found[1] for found in map(_NOTE_LINE.match, self.lines) if found is not None
        )

    def _footnote_as_link(
        self, children: list[Token], opening: int, address: str
    ) -> tuple[str, str] | None:
        """The warning (or, for an address no link may have, the problem), with the mark as
        written, for a footnote's mark that CommonMark made a link (children[opening] opens
        it) of its note's line, '[^1]: Wickham.' or '[^1]: https://...': a note of one word
        or one address reads as a link's definition. It was refused as "the link address
        'Wickham.' is not a web or mail address", or shown as a link '^1', unwarned. None
        for any other link."""
        label = _link_label(children, opening)
        if not label.startswith("^") or label not in self._note_labels:
            return None
        said = (
            f"[{shorten(label, 40)}] is a footnote's mark, and qbank's Markdown has no "
            f"footnotes: it reads the note's line, [{shorten(label, 40)}]: "
            f"{shorten(address, 40)}, as the address of a link; write the note's words in "
            "the text, where its mark stands"
        )
        if address.lower().startswith(LINK_SCHEMES):
            said = f"warning: {said}"
        return said, f"[{label}]"

    def _picture(self, token: Token, line: int) -> Picture | None:
        alt = "".join(c.content for c in token.children or ()).strip()
        written = unquote(str(token.attrGet("src") or ""))
        if not written.strip():  # '![alt]()': "the image '' must be a path ..." said little
            self.report(
                line,
                f"the picture ![{shorten(alt, 40)}]() has no file between its parentheses; "
                f"write the picture's path there, relative to the bank's file, as in "
                f"![{shorten(alt, 40) or 'what it shows'}](diagrams/flow.png)",
            )
            return None
        if not alt:
            self.report(
                line,
                f"the image '{written}' has no alt text; describe it between the brackets, "
                f"as in ![a diagram of the request flow]({written}), for readers who cannot "
                "see it",
            )
            return None
        found = self.reader.images.read(written)
        if isinstance(found, str):
            self.report(line, found)
            return None
        data, kind, width, height = found
        return Picture(alt, written, data, kind, width, height, line=line)


# what stands for each character of a code span in a paragraph's source as the warnings
# read it: a backtick, which no warning takes for any of its marks, and which a mark
# written just before code still sees after it (Sphinx's :class:`x` is no emoji code)
_IN_CODE = "`"


def _link_label(children: list[Token], opening: int) -> str:
    """The words of the link that `children[opening]` opens, as its brackets hold them."""
    words = []
    for child in children[opening + 1 :]:
        if child.type == "link_close":
            break
        words.append(child.content)
    return "".join(words)


def outside_code(source: str, children: list[Token]) -> str:
    """The inline `source` with each of its code spans (`children`, the inline token's,
    give their places) written as _IN_CODE, backticks and all, its line ends kept: what the
    warnings read, so that they look at the words outside code by place. Read by text, a
    habit in code (`~/path~`) was warned whenever its characters stood outside code
    too, escaped as \\~/path\\~ (a review)."""
    pieces, done = [], 0
    for child in children:
        if child.type == "code_inline" and "written" in child.meta:
            start, end = child.meta["written"]
            code = source[start:end]
            pieces += [source[done:start], re.sub(r"[^\n]", _IN_CODE, code)]
            done = end
    return "".join(pieces) + source[done:] if pieces else source


# a list's first marker that may start a list inside a paragraph (a number other than 1
# joins the paragraph wherever it stands)
_OPENS_A_LIST = re.compile(r"(?:[-+*]|1[.)])(?:[ \t]|$)")
# the blocks that may stand after a list item in its list's container
_BLOCK_OPENS = frozenset(
    ("paragraph_open", "bullet_list_open", "ordered_list_open", "fence", "blockquote_open")
)


def _indent(lines: list[str], number: int, within: tuple[Container, ...]) -> int:
    """The blanks (tabs expanded) that line `number` of `lines` starts with past the marks
    of the containers `within`."""
    line = _columns(lines[number]) if number < len(lines) else ""
    start, _ = _unmet(line, number, within)
    rest = line[start:]
    return len(rest) - len(rest.lstrip(" "))


def indented_code(code: str) -> str:
    """The warning for an indented code block: CommonMark's code, in monospace, for lines
    indented four blanks or more past the text they stand in after a blank line, which in
    a YAML block a teacher indents freely (a paragraph meant is shown as code); and one
    meant as code is better fenced, with its language, which the artifacts caption."""
    first = next((row.strip() for row in code.split("\n") if row.strip()), "")
    lines = "\n" in code.strip()
    what, are, it = (
        ("and the lines after it are", "they are", "them") if lines else ("is", "it is", "it")
    )
    return (
        f"warning: '{shorten(first, 40)}' {what} indented 4 spaces or more past the text "
        f"around, so Markdown shows {it} as code, in monospace: if {are} words, indent "
        f"{it} as the text above is; if {are} code, write {it} between two lines of ``` with "
        "the language after the first (```python), as qbank's code blocks are, which the "
        "artifacts caption with the language's name"
    )


_COLON_LINE = re.compile(r"^[ \t]*:[ \t]", re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation


def _escaped_characters(written: str) -> str:
    """The characters a paragraph's words, as written, put after a backslash (`\\<`), its
    code spans aside, in which a backslash is itself."""
    return "".join(sorted(set(_ESCAPE.findall(_CODE_SPAN.sub("", written)))))


_TASK_BOX = re.compile(r"\[[ xX]\](?=[ \t]|$)")


def _task_box(tokens: list[Token], opening: int) -> str | None:
    """The box of GitHub's task list ('[ ]', '[x]') that the list item opened at
    tokens[opening] starts its first paragraph with, as written; None without one."""
    if len(tokens) < opening + 3 or tokens[opening + 1].type != "paragraph_open":
        return None
    found = _TASK_BOX.match(tokens[opening + 2].content)
    item = tokens[opening]
    return f"{item.info}{item.markup} {found[0]}" if found else None


def _loose(tokens: list[Token], opening: int) -> bool:
    """Whether the list opened at tokens[opening] is loose: markdown-it hides the
    paragraphs of a tight list's items (its own, not a nested list's), and shows a loose
    one's. A list with no paragraph of its own (code alone) shows alike either way."""
    level = tokens[opening].level
    for token in tokens[opening + 1 :]:
        if token.level == level:  # its closing token
            return False
        if token.type == "paragraph_open" and token.level == level + 2:
            return not token.hidden
    return False


_BLANKS = " \t\n"


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    """Neighbouring spans of one style as one (markdown-it splits text at `*`, `[`...)."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if (
            last is not None
            and not span.newline
            and not last.newline
            and (last.emphasis, last.strong, last.code, last.href)
            == (span.emphasis, span.strong, span.code, span.href)
        ):
            merged[-1] = Span(
                last.text + span.text, last.emphasis, last.strong, last.code, last.href
            )
        else:
            merged.append(span)
    # a paragraph's spaces at its ends (a trailing image's) are not the text's; a blank an
    # entity writes is (CommonMark strips spaces and tabs: '&nbsp;' first was dropped)
    while merged and not merged[-1].newline and not merged[-1].text.strip(_BLANKS):
        merged.pop()
    if merged and not merged[0].newline and not merged[0].code:
        first = merged[0]
        merged[0] = Span(
            first.text.lstrip(_BLANKS), first.emphasis, first.strong, False, first.href
        )
    if merged and not merged[-1].newline:
        last = merged[-1]
        if not last.code:
            merged[-1] = Span(
                last.text.rstrip(_BLANKS), last.emphasis, last.strong, False, last.href
            )
    return tuple(merged)
