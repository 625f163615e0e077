"""Code blocks as lines of (role, text) tokens, highlighted once with Pygments.

A handful of roles (keyword, string, comment, number, name, builtin, operator, and a diff's
inserted and deleted lines) rather than Pygments' hundred token types: each artifact gives
each role a colour of its own palette, chosen to stay apart in grayscale and to meet WCAG
contrast: `PRINT` here for the PDFs, the page's and the cards' style sheets (templates/)
for light, dark and night mode.
An unknown or missing language is plain monospace: every token plain.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import groupby
from operator import itemgetter

from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.token import Comment, Generic, Keyword, Name, Number, Operator, String, Token
from pygments.util import ClassNotFound

from qbank.model import Bank
from qbank.rich import CodeBlock
from qbank.text import code_breaks

ROLES = (
    "keyword",
    "string",
    "comment",
    "number",
    "name",
    "builtin",
    "operator",
    "inserted",
    "deleted",
)
MOST_INDENT = 16  # columns of a line's indentation its wrapped rows keep, at most
CONTINUED = "\u21aa"  # ↪: starts each further piece of a wrapped code line, in every artifact
# a code span with blanks in it (`n = 3`, `kubectl get pods -n web`) that does not fit on
# what is left of a line starts the next line whole where a line holds it, in the PDFs; only
# a wider one goes on after a CONTINUED, broken at its blanks. ("n" then "↪ = 3" read as
# two things: a trial; a rule that moved only spans of a third of a line or less cut
# `kubectl get pods` where the next line held it whole: a visual review)
Line = list[tuple[str, str]]  # (role, text); role "" for plain text

# Print: dark enough to read on paper, with grayscale steps between them
PRINT = {
    "": "#1f2328",
    "keyword": "#0a3069",
    "string": "#116329",
    "comment": "#57606a",
    "number": "#953800",
    "name": "#6639ba",
    "builtin": "#0a3069",
    "operator": "#1f2328",
    "inserted": "#116329",  # a diff's added line, green as in a code review (it has no string)
    "deleted": "#82071e",
}
_ROLE_OF = (  # the most specific first
    (Comment, "comment"),
    (String, "string"),
    (Number, "number"),
    (Keyword, "keyword"),
    (Name.Builtin, "builtin"),
    (Name.Function, "name"),
    (Name.Class, "name"),
    (Name.Decorator, "name"),
    (Name.Tag, "name"),  # a key of JSON or YAML, an element of XML
    (Name.Attribute, "name"),
    (Operator.Word, "keyword"),
    (Operator, "operator"),
    # a diff's lines: a trial's migration diff was all plain, its removed lines like its added
    (Generic.Inserted, "inserted"),
    (Generic.Deleted, "deleted"),
)


# Languages Pygments has no lexer of its own for, lexed as the language they are made of,
# with the name people give them
PLAIN_TEXT = "Text"
_KIN = (
    dict.fromkeys(("jsonl", "ndjson"), ("json", "JSON Lines"))
    # highlight.js's and GitLab's words for a block left plain: captioned 'none' (a
    # programming teacher's trial), where plain text has no caption
    | dict.fromkeys(
        ("txt", "plaintext", "plain", "none", "nohighlight", "no-highlight"), ("text", PLAIN_TEXT)
    )
    | {"sqlite": ("sql", "SQLite"), "plsql": ("sql", "PL/SQL"), "cmd": ("bat", "Batch")}
    | {"patch": ("diff", "Diff")}
)
# Languages lexed by another language's lexer, and so named after it: R by the S lexer
# (named "S"), Zsh by Bash's, HCL by Terraform's
_NAMED = {"r": "R", "zsh": "Zsh", "hcl": "HCL"}
# Lexers whose names are not the ones people use, whichever alias picked them
_LEXER_NAMES = {
    "verilog": "Verilog",
    "systemverilog": "SystemVerilog",
    "vhdl": "VHDL",
    "Text only": PLAIN_TEXT,
    # Pygments' descriptions, not the names a caption gives (a trial read 'PostgreSQL SQL
    # dialect' over a query)
    "PostgreSQL SQL dialect": "PostgreSQL",
    "PostgreSQL console (psql)": "psql",
    "Bash Session": "Shell session",
    "Text output": "Output",
    "Batchfile": "Batch",
    "Nginx configuration file": "nginx",
    "ApacheConf": "Apache",
    "Matlab": "MATLAB",
    "Docker": "Dockerfile",
    "Protocol Buffer": "Protocol Buffers",
}


@lru_cache(maxsize=64)  # keyed by the language's name alone: a lexer holds no bank text
def _lexer(language: str) -> Lexer | None:
    language = _KIN.get(language, (language,))[0]
    if not language:
        return None
    try:
        # keep the text exactly: no stripping of blank lines; a final newline added for the
        # lexer only (lines() keeps the code's own lines): Bash's lexer read a comment on
        # the last line as code, its numbers, strings and builtins coloured (a visual review)
        return get_lexer_by_name(language, stripnl=False, stripall=False, ensurenl=True)
    except ClassNotFound:
        return None


def language_name(language: str) -> str:
    """The language as people name it ('Python', 'Kusto'); '' when none is known."""
    language = language.lower()
    if language in _KIN:
        return _KIN[language][1]
    lexer = _lexer(language)
    if lexer is None:
        return ""
    return _NAMED.get(language) or _LEXER_NAMES.get(lexer.name, lexer.name)


@cache  # keyed by Pygments' token types, a fixed set: no bank text
def _role(kind) -> str:
    if kind in Token.Text and kind not in Token.Text.Whitespace:
        return ""
    for token_type, role in _ROLE_OF:
        if kind in token_type:
            return role
    return ""


def block_lines(block: CodeBlock) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The lines of a code block as `lines` gives them, as tuples: highlighted on first use
    and kept on the block, which every artifact of the build shares (the bank's tree)."""
    found = block.highlighted
    if found is None:
        found = tuple(tuple(line) for line in lines(block.text, block.language))
        object.__setattr__(block, "highlighted", found)  # a cache, not part of its value
    return found


CODE_SCALE = 0.88  # the PDFs set code a little smaller than the text around it
CODE_PADDING = 0.6  # a card's code line: its shade's room beside the text, in ems
# lines with text that a page's (or a card's) break in a code block leaves on either side
CODE_LINES_AT_A_BREAK = 2
TAB_STOP = 4  # columns between tab stops in code: the PDFs draw tabs so, the page and deck too


def printed_lines(block: CodeBlock) -> tuple[tuple[tuple[str, str], ...], ...]:
    """`block_lines` with each tab in the code as the blanks to its next tab stop, for the
    PDFs and the DOCX packet: reportlab draws a tab one blank wide, so a Makefile's recipes
    lost their indent, and Word to its own half-inch stop, past the width a line was cut to.
    (The page and the deck draw tabs themselves at 4 columns, and keep the tab character.)"""
    lines = block_lines(block)
    if "\t" not in block.text:
        return lines
    printed = []
    for line in lines:
        column = 0
        tokens = []
        for role, text in line:
            out = []
            for char in text:
                if char == "\t":
                    blanks = TAB_STOP - column % TAB_STOP
                    out.append(" " * blanks)
                    column += blanks
                else:
                    out.append(char)
                    column += 1
            tokens.append((role, "".join(out)))
        printed.append(tuple(tokens))
    return tuple(printed)


WIDEST_ROW = 240  # characters: `kubectl get pods -o wide` rows are some 200


def in_columns(code: str) -> bool:
    """Whether a code block is set in columns, as a table's rows are (`kubectl get pods`, a
    log padded to widths, values lined up after their keys): of its lines that are not
    blank, two or more, and more than half, start a word at one same column after a gap of
    two blanks or more, or a tab (a tab to its stop; the indentation is no gap). Code whose
    lines only begin alike is not; two lines of three whose comments line up are. Nor is a
    block with a line longer than WIDEST_ROW: it breaks at its blanks, as other code does
    (a line of 6,000 characters made a box of 52,000 pixels to scroll: a hostile trial)."""
    lines = [line for line in code.split("\n") if line.strip()]
    if any(len(line) > WIDEST_ROW for line in lines):
        return False
    rows = [_gap_ends(line) for line in lines]
    shared = Counter(column for row in rows for column in row)
    most = max(shared.values(), default=0)
    return most >= 2 and 2 * most > len(rows)


def _gap_ends(line: str) -> set[int]:
    """The columns of a line at which a word starts after a gap of two blanks or a tab."""
    ends: set[int] = set()
    column = gap = 0
    word = False  # a word came before: the indentation is no gap
    for char in line:
        if char == " " or char == "\t":
            gap += 1 if char == " " else 2
            column += 1 if char == " " else TAB_STOP - column % TAB_STOP
            continue
        if word and gap >= 2:
            ends.add(column)
        word, gap = True, 0
        column += 1
    return ends


def lex_questions(bank: Bank) -> None:
    """Every code block in the bank's questions highlighted now. A build lexes them here
    before it forks its workers, which then share the lines instead of each lexing every
    block again (booklet, cards, deck and page: four times the same Pygments work)."""
    for question in bank.questions:
        fields = (question.question, question.hint, question.note or "")
        for text in (*fields, *question.look_for, *question.follow_ups):
            tree = bank.rich_text(text)
            for block in tree.code_blocks() if tree is not None else ():
                block_lines(block)


def lines(code: str, language: str) -> list[Line]:
    """The code's lines, each a list of (role, text); the tokens of a line join to it."""
    lexer = _lexer(language.lower())
    if lexer is None:
        return [[("", line)] if line else [] for line in code.split("\n")]
    result: list[Line] = [[]]
    for kind, value in lexer.get_tokens(code):
        role = _role(kind)
        for i, part in enumerate(value.split("\n")):
            if i:
                result.append([])
            if part:
                line = result[-1]
                if line and line[-1][0] == role:
                    line[-1] = (role, line[-1][1] + part)
                else:
                    line.append((role, part))
    wanted = code.count("\n") + 1
    return result[:wanted] + [[] for _ in range(wanted - len(result))]


def wrap_marked(
    line: Line, width: float, measure: Callable[[str], float], mark: float, indent: bool = True
) -> list[Line]:
    """`wrap`, each piece after the first narrower by `mark` (the width of its
    continuation mark, CONTINUED and a space) and starting with the line's own indentation
    (its leading blanks), as an editor indents a soft-wrapped line: a YAML key's wrapped
    rest stood at the margin, where it read as a key of its own. An indentation wider than
    half the room is left out, and so is any without `indent` (the DOCX, whose text is
    edited: there the pieces keep only the line's own characters)."""
    pieces = wrap(line, width, measure)
    if len(pieces) > 1:
        text = "".join(t for _, t in line)
        lead = text[: len(text) - len(text.lstrip(" "))][:MOST_INDENT] if indent else ""
        step = measure(lead) if lead else 0.0
        if step > (width - mark) / 2:
            lead, step = "", 0.0
        rest = [token for piece in pieces[1:] for token in piece]
        more = wrap(rest, width - mark - step, measure)
        pieces = pieces[:1] + [[("", lead), *piece] if lead else piece for piece in more]
    return pieces


CUT_AFTER = frozenset("-/\\.,;:([{=|&")  # a code line that must break breaks after these


def wrap(line: Line, width: float, measure: Callable[[str], float]) -> list[Line]:
    """A code line cut into pieces no wider than `width` (`measure` gives a text's width):
    after the last space that leaves the piece at least half full, as an editor's soft wrap
    does, else after the last place a screen breaks it (text.code_breaks: an opening
    bracket, a comma, a name's dot before a call: 'client.chat.' then 'completions.
    create(', not 'conversation_' then 'history', a programming teacher's trial) that
    does, else after the last separator that does (a hyphen or a slash: a card cut a
    comment's 'heteroscedasticity-consisten|t'; a backslash, Windows' slash: a PowerShell
    card cut 'Documents\\Wor|kshop'; a dot, an operator: 'getLogger("retry.for.network.
    cal|ls")'), else after the last of any of these, short as the piece then is, where
    what follows it up to the next fits a line ('messages=' then 'conversation_history,'),
    and only where none does (a name wider than the line) between any two characters. No
    character is lost or clipped. The pieces after the first are continuations, which each
    artifact marks. `measure` is asked once about each distinct character of the line."""
    chars = [(role, char) for role, text in line for char in text]
    breaks = code_breaks("".join(char for _, char in chars))
    widths: dict[str, float] = {}

    def advance(char: str) -> float:
        w = widths.get(char)
        if w is None:
            w = widths[char] = measure(char)
        return w

    def at_a_place(j: int) -> bool:
        char = chars[j][1]
        return char == " " or char in CUT_AFTER or j + 1 in break_set

    def whole_after(j: int) -> bool:
        """Whether what follows a place at `j`, up to the next place, fits a line: else a
        short piece there would gain nothing (the name after it is cut all the same)."""
        used = 0.0
        for k in range(j + 1, len(chars)):
            used += advance(chars[k][1])
            if used > width:
                return False
            if at_a_place(k):
                return True
        return True

    break_set = set(breaks)
    cuts: list[int] = []  # where each piece after the first starts, in `chars`
    start, x = 0, 0.0
    # the last place to cut after, in the piece, and the width up to after it: a space, a
    # screen's break (code_breaks), a separator (CUT_AFTER), and any of them
    space, at_space = -1, 0.0
    call, at_call = -1, 0.0
    mark, at_mark = -1, 0.0
    last, at_last = -1, 0.0
    inked = False  # whether the piece holds more than blanks: none is cut after its indent
    following = 0  # the next of `breaks` not yet passed
    for i, (_, char) in enumerate(chars):
        w = advance(char)
        # again while the rest after a short piece's cut is still too wide: a name wider
        # than the line, cut before this character
        while x + w > width and i > start:
            if space >= start and at_space >= width / 2:
                cut, at = space, at_space
            elif call >= start and at_call >= width / 2:
                cut, at = call, at_call
            elif mark >= start and at_mark >= width / 2:
                cut, at = mark, at_mark
            elif last >= start and whole_after(last):
                cut, at = last, at_last
            else:
                cut, at = i - 1, x
            start, x = cut + 1, x - at
            # the places past the cut stay places to cut, in the new piece
            space, at_space = (space, at_space - at) if space > cut else (-1, 0.0)
            call, at_call = (call, at_call - at) if call > cut else (-1, 0.0)
            mark, at_mark = (mark, at_mark - at) if mark > cut else (-1, 0.0)
            last, at_last = (last, at_last - at) if last > cut else (-1, 0.0)
            inked = any(c != " " for _, c in chars[start:i])
            cuts.append(start)
        x += w
        while following < len(breaks) and breaks[following] <= i:
            following += 1
        at_break = following < len(breaks) and breaks[following] == i + 1
        if char == " ":
            if inked:
                space, at_space = i, x
                last, at_last = i, x
        else:
            inked = True
            if at_break:
                call, at_call = i, x
            if char in CUT_AFTER:
                mark, at_mark = i, x
            if at_break or char in CUT_AFTER:
                last, at_last = i, x
    return [
        [
            (role, "".join(char for _, char in run))
            for role, run in groupby(chars[first:end], key=itemgetter(0))
        ]
        for first, end in zip([0, *cuts], [*cuts, len(chars)], strict=True)
    ]
