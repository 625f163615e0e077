"""YAML syntax errors in words a person can act on.

libyaml says what its scanner met ("found character that cannot start any token"). The
common causes show in the source line itself, so each is recognised there and reported at
its own line and column, with the source line, a caret and what to write instead.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import yaml

from qbank.bank.source import Source
from qbank.bank.syntax.blocks import (
    block_line_out,
    block_not_indented,
    code_under_text,
    holder_no_field,
    quoted_block_mark,
    text_over_lines,
)
from qbank.bank.syntax.brackets import (
    NO_COMMA,
    after_brackets,
    comma_missing,
    dash_in_brackets,
    left_open_at_end,
    quote_open_in_brackets,
    without_item_dashes,
)
from qbank.bank.syntax.dashes import (
    dash_missing,
    dash_without_space,
    first_fields_undashed,
    first_item_undashed,
    item_on_key_line,
    value_and_items,
)
from qbank.bank.syntax.invisible import HIDDEN_BREAK_LINES, hidden_break, no_break_space, stray_mark
from qbank.bank.syntax.keys import item_key_without_space, key_without_colon, no_colon
from qbank.bank.syntax.lines import LINE, advised, line_start
from qbank.bank.syntax.moved import line_moved
from qbank.bank.syntax.out_of_line import (
    field_at_margin,
    field_under_item,
    key_out_of_line,
    line_out_of_step,
    score_out_of_line,
    too_deep,
)
from qbank.bank.syntax.questions import question_at
from qbank.bank.syntax.quotes import after_quote, quote_closed_not_opened, unclosed_quote
from qbank.bank.syntax.tabs import tab_in_indentation
from qbank.bank.syntax.values import FLOW, cause_on_line, unclosed_flow
from qbank.bank.syntax.vocabulary import (
    CURLY_CLOSING,
    CURLY_OPENING,
    CURLY_QUOTES,
    FIELDS,
    PASTED_BULLETS,
    QUESTION_KEYS,
)
from qbank.bank.written import COMMENT_KEPT, COMMENTS_ABOVE, quoted
from qbank.errors import Problem

__all__ = [
    "FIELDS",
    "QUESTION_KEYS",
    "CURLY_QUOTES",
    "CURLY_OPENING",
    "CURLY_CLOSING",
    "PASTED_BULLETS",
    "Explained",
    "explain",
    "explain_all",
    "question_at",
    "too_deep",
    "name_and_description",
]


def explain(source: Source, exc: yaml.MarkedYAMLError) -> Problem:
    """The problem behind a YAML syntax error, with advice when the cause is a common one,
    naming the question whose lines hold it (by its id, as the bank's other problems do)."""
    problem = _explain(source, exc)
    qid = question_at(source, problem.line)
    if qid is None:
        return problem
    return replace(problem, message=f"question '{qid}': {problem.message}")


def _explain(source: Source, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    index = mark.index if mark else 0
    line = source.position(index)[0]
    context_line = source.position(exc.context_mark.index)[0] if exc.context_mark else line
    above = line - 1  # the line above, past blank lines (a question's last line, say)
    while above > 1 and not source.line_text(above).strip():
        above -= 1
    region = range(max(1, min(context_line, above)), line + 1)
    # a line break YAML reads where an editor shows none splits the line it is on: YAML
    # stumbles there or on the next line, and each one tried reads the bank twice, so only
    # the last lines are looked at (a bank of 3,000 such in quotes, a list left open above)
    broken = range(max(region.start, line - HIDDEN_BREAK_LINES + 1), line + 1)
    for find, lines in (
        (hidden_break, broken),
        (stray_mark, broken),
        (tab_in_indentation, region),
        (no_break_space, region),
    ):
        for number in reversed(lines):
            found = find(source, number)
            if found is not None:
                return source.problem(*found)
    # (the line above too: a block's first line at its key's column, holding ': ', is a
    # key to YAML, which stumbled on the block's next line, indented as the text is)
    for at in sorted({min(context_line, line), line, above}):
        found = block_not_indented(source, at)
        if found is not None:
            return source.problem(*found)
    # a mistake in brackets or quotes is one on a line, not of the lines' order
    on_a_line = "flow" in (exc.context or "") or exc.context == _QUOTED
    explained = (
        (None if on_a_line else line_moved(source, line, swapped_only=True))
        or dash_without_space(source, line)
        or after_brackets(source, line)
        or first_item_undashed(source, line)
        or first_fields_undashed(source, line)
    )
    if explained is None and (exc.problem or "").startswith(_GLUED_KEY_WORDS):
        explained = item_key_without_space(source, line)
    if explained is None and "flow" not in (exc.context or ""):  # (in brackets: a comma)
        explained = after_quote(source, line)
    if explained is not None:
        return explained
    for explained in (
        quoted_block_mark(source, line),
        unclosed_quote(source, line),
        value_and_items(source, line),
        key_out_of_line(source, line),
        line_out_of_step(source, line),
        score_out_of_line(source, line),
    ):
        if explained is not None:
            return explained
    if (exc.problem or "").startswith("block sequence entries are not allowed"):
        explained = item_on_key_line(source, line)
        if explained is not None:
            return explained
    explained = code_under_text(source, line) or text_over_lines(source, line, index)
    if explained is not None:
        return explained
    # a line YAML took for the start of a key (a line of code out of its block) is the
    # cause; the line it stumbled on after it, often the next question's, is not
    scanned = exc.context == "while scanning a simple key" and context_line < line
    # or the line above, which YAML could read ('{"ts": 1}', a line of JSON out of its
    # block, is a mapping), stumbling on the next line of code ('```': "found character
    # that cannot start any token")
    for at in (context_line, line) if scanned else (line, above, holder_no_field(source, line)):
        found = block_line_out(source, at) if at else None
        if found is not None:
            return source.problem(*found)
    if NO_COMMA in (exc.problem or ""):  # (libyaml's words start 'did not find')
        explained = comma_missing(source, line)
        if explained is not None:
            return explained
    if exc.context_mark is not None and exc.context in (*FLOW, _QUOTED):
        explained = quote_open_in_brackets(source, context_line)
        if explained is not None:
            return explained
    if exc.context in FLOW and exc.context_mark is not None:
        return unclosed_flow(source, exc, exc.context, exc.context_mark.index, line)
    if exc.context == "while parsing a flow node" and not source.text[index:].strip():
        # libyaml's words at the file's end for a list left open after a comma, its '['
        # unnamed ('questions: [' over items, each with its comma, and no ']')
        opened = left_open_at_end(source)
        if opened is not None:
            context = next(c for c, (opening, *_) in FLOW.items() if opening == opened[1])
            return unclosed_flow(source, exc, context, opened[0], line)
    if exc.context == "while scanning a simple key" and exc.context_mark is not None:
        return no_colon(source, exc.context_mark.index)
    explained = key_without_colon(source, line)
    if explained is not None:
        return explained
    # before cause_on_line, which read '- "a quoted item",' in brackets as a block's item
    explained = dash_in_brackets(source, index)
    if explained is not None:
        return explained
    found = cause_on_line(source, line, index, exc)
    if found is not None:
        return advised(source, *found)
    if (exc.problem or "").startswith("found undefined alias"):
        name = re.match(r"\*([^\s,\]}]*)", source.text[index:])
        reference = f"*{name[1]}" if name else "*"
        return source.problem(
            index,
            f"invalid YAML: {reference} is a reference to YAML, to a value marked "
            f"&{reference[1:]} earlier in the file, and there is none; write the value out, "
            "and put a text that starts with * in quotes",
        )
    if exc.context == _QUOTED and exc.context_mark is not None:
        return source.problem(
            exc.context_mark.index,
            "invalid YAML: this quote is never closed; end the text with the same quote",
        )
    if (exc.problem or "").startswith("did not find expected '-' indicator"):
        explained = dash_missing(source, line)
        if explained is not None:
            return explained
    explained = field_under_item(source, line)
    if explained is not None:
        return explained
    explained = quote_closed_not_opened(source, line, index) or field_at_margin(source, line)
    if explained is not None:
        return explained
    typed = LINE.fullmatch(source.line_text(line))
    if (
        (exc.problem or "").startswith(_NOT_A_KEY)
        and typed is not None
        and not (typed["key"] or typed["dashes"])
        and typed["value"].strip()[:1] not in ("", "#")
    ):  # a line of stray marks (',' typed between two questions)
        return source.problem(
            line_start(source, line) + len(typed["indent"]),
            "invalid YAML: this line is neither 'key: value' nor a list item ('- '); delete "
            "it, or, if it goes on with the text of the line above, indent it more than that "
            "line's key",
        )
    explained = None if on_a_line else line_moved(source, line)
    if explained is not None:
        return explained
    what = exc.problem or exc.context or "malformed"
    if exc.context and exc.context_mark and context_line != line:
        what += f" ({exc.context} from line {context_line})"
    return source.problem(index, f"invalid YAML: {what}")


# libyaml's words for a line that is no key: stray marks, or a text's next line at the
# margin ('**KQL** query ...': an alias to YAML)
_NOT_A_KEY = ("did not find expected key", "did not find expected alphabetic or numeric")


_QUOTED = "while scanning a quoted scalar"


# syntax problems said at once (the bank read again, mended as each says, for each), and
# the characters read again for them at most: 25 such lines at the end of a bank of 4 MB
# were 25 readings and 34 s on a busy machine (a review); 10 million characters are about 2 s
DASHED_LINES_SAID = 50
DASHED_TEXT_READ = 10_000_000


@dataclass(frozen=True)
class Explained:
    """The syntax problems of a bank, and the bank mended as they say (`mended`) when YAML
    reads it so, with the numbers of the lines that differs in (`changed`)."""

    problems: list[Problem]
    mended: Source | None
    changed: frozenset[int]


def explain_all(
    source: Source, exc: yaml.MarkedYAMLError, compose: Callable[[str], object]
) -> Explained:
    """The problem behind a YAML syntax error (explain) and the ones after it: the bank,
    mended as each says (its line quoted, indented or written as told), is read again
    (`compose`), up to DASHED_LINES_SAID problems and DASHED_TEXT_READ characters read. A
    new user's bank with a colon, a quote left open, a key out of line and a '*', '@' and
    '%' each told in a check of its own took six checks before its other problems showed.
    A problem on a line already mended waits for the next check, so that no line is shown
    otherwise than it is written."""
    said = [explain(source, exc)]
    mended = _mended(source, said[0])
    changed = set(mended.changed if mended is not None else ())
    read = 0
    while mended is not None and len(said) < DASHED_LINES_SAID:
        read += len(mended.text)
        if read > DASHED_TEXT_READ:  # the rest are said at the next check
            break
        try:
            compose(mended.text)
        except yaml.MarkedYAMLError as error:
            found = explain(mended, error)
            raw = f"invalid YAML: {error.problem or error.context or 'malformed'}"
            if raw in found.message and not found.advice:
                break  # libyaml's own words of a bank mended by a guess: told next check
            if found.line in changed or any(found.line == s.line for s in said):
                break  # said of a line as the user has not written it, or again
            if not changed.isdisjoint(int(n) for n in _LINE_NAMED.findall(found.message)):
                # it names a line as mended ('as on line 11'): mended unsaid, told next check
                mended = _mended(mended, found)
                changed |= mended.changed if mended is not None else set()
                continue
            said.append(found)
            mended = _mended(mended, found)
            changed |= mended.changed if mended is not None else set()
        else:
            problems = sorted(said, key=lambda p: (p.line, p.column))
            return Explained(problems, mended, frozenset(changed))
    return Explained(sorted(said, key=lambda p: (p.line, p.column)), None, frozenset(changed))


class _Rewritten(Source):
    """`source` with lines written otherwise, as a problem's advice says (_mended), and the
    numbers of those lines (`changed`). Its lines are kept as a list, their starts summed
    from their lengths and the lines changed found by identity, so that each problem after
    the first does not split, compare and index the bank's whole text again: a hostile
    bank's 400 runs of tabs in 40,000 lines spent two thirds of its check on that, against
    a sixth reading the bank again (bench/RESULTS.md)."""

    def __init__(self, source: Source, before: list[str], lines: list[str]) -> None:
        super().__init__("\n".join(lines), source.name)
        self.lines = lines
        # a line written anew is another object; one written as it was is no change
        written = itertools.compress(itertools.count(1), map(operator.is_not, before, lines))
        self.changed = frozenset(n for n in written if before[n - 1] != lines[n - 1])
        if not self.changed:
            self._starts = source.starts
            return
        # the lines' starts as `source`'s: the same before the first line changed, summed
        # over the lines changed, moved by as many characters after the last
        first, last = min(self.changed), max(self.changed)
        starts = source.starts[:first]
        for n in range(first, min(last + 1, len(lines))):
            starts.append(starts[-1] + len(lines[n - 1]) + 1)
        if last < len(lines):
            moved = starts[-1] - source.starts[last]
            starts += map(operator.add, source.starts[last + 1 :], itertools.repeat(moved))
        self._starts = starts

    def line_text(self, line: int) -> str:
        return self.lines[line - 1].removesuffix("\r") if 1 <= line <= len(self.lines) else ""


def _lines(source: Source) -> list[str]:
    """The lines of `source`, without their \\n: a rewritten bank's as they are kept."""
    return source.lines if isinstance(source, _Rewritten) else source.text.split("\n")


# advice that gives the line to write after its words, and an alternative after it
_WRITTEN = re.compile(
    r"(?:(?:(?:put the whole text in quotes|quotes instead)"
    r"(?:, its lines \d+-(?P<last>\d+) joined on one line(?:, (?:\\n)+ (?:between its "
    r"paragraphs|where \d+ blank lines part its paragraphs))*)?"
    rf"(?:{re.escape(COMMENT_KEPT)})?|"
    r"end it with a straight quote|write):|"
    r"as that one does: write) (?P<line>.+?)(?:; or, if its ' belongs .*)?$"
)
# advice that indents a line as another: the number of spaces it says
_INDENTED = re.compile(
    r"invalid YAML: this (?:key|line|list item|score|line of the text of '.*') is indented \d+ "
    r"spaces?, (?:but (?:.*?indented |the lines (?:above and below|under) it )(?P<like>\d+) "
    r"(?:spaces?|characters in)|(?:as the items of|less than|(?:no )?more than) .*; "
    r"indent it (?P<as>\d+) spaces?)"
)
# a question's field under a list's item, told to move left (too_deep)
_MOVED_LEFT = re.compile(
    r"is a field of a question, .*: move it left, to the question's fields: indent it "
    r"(?P<spaces>\d+) spaces?, as '[\w-]+:' on line \d+ is$"
)
# a tab in a block's text, told the spaces of the text's other lines
_TABBED_TEXT = re.compile(
    r"invalid YAML: a tab in the indentation of the text of '.*'; YAML indents with spaces "
    r"only: start the line with (?P<width>\d+) spaces?,"
)
_ALIKE = re.compile(
    r"; line them up, lines (?P<first>\d+)-(?P<last>\d+) each (?P<step>\d+) spaces? "
    r"(?P<how>more|less)$"
)
_LINE_NAMED = re.compile(r"\blines? (\d+)\b")
_COMMENTS_WRITTEN = re.compile(
    rf"put the whole text in quotes, .*{re.escape(COMMENTS_ABOVE)}: replace lines "
    r"(?P<first>\d+)-(?P<last>\d+) with the lines below$"
)
_BLOCK_WRITTEN = re.compile(
    r"write the text as a block, .*: replace lines (?P<first>\d+)-(?P<last>\d+) "
)
_TABBED = re.compile(
    r"invalid YAML: a tab in the indentation(?: of lines (?P<first>\d+)-(?P<last>\d+))?; YAML "
    r"indents with spaces only, so (?:replace (?:the|each) tab with (?P<width>\d+) spaces?|"
    r"delete (?:the|each) tab)$"
)


# a tab in a run of lines whose tabs stand for no one number, told each line's spaces
_TAB_INDENTS = re.compile(
    r"invalid YAML: a tab in the indentation(?: of lines (?P<first>\d+)-(?P<last>\d+))?; YAML "
    r"indents with spaces only, so start (?:(?:the line|each of these lines) with "
    r"(?P<spaces>\d+) spaces?|(?P<each>.*)), in place of (?:its|their) tabs and spaces$"
)
_LINES_WITH = re.compile(r"lines? (\d+)(?:-(\d+))? with (\d+) spaces?")


def _tab_indents_told(problem: Problem) -> dict[int, int] | None:
    """The spaces that each line starts with, as a tab's advice says (_indents_said)."""
    told = _TAB_INDENTS.search(problem.message)
    if told is None:
        return None
    if told["spaces"] is not None:
        first, last = int(told["first"] or problem.line), int(told["last"] or problem.line)
        return {n: int(told["spaces"]) for n in range(first, last + 1)}
    return {
        n: int(spaces)
        for a, b, spaces in _LINES_WITH.findall(told["each"])
        for n in range(int(a), int(b or a) + 1)
    }


def _mended(source: Source, problem: Problem) -> _Rewritten | None:
    """`source` with the line of `problem` written as it says: an item's dash in a list in
    brackets taken out (dash_in_brackets), the text quoted or the line written as said, the
    line indented or its tabs replaced as said; None for any other problem."""
    before = _lines(source)
    lines = list(before)
    if len(lines) != len(source.starts):  # pragma: no cover - a line ends with \n alone
        return None
    block = _BLOCK_WRITTEN.search(problem.message) if problem.advice else None
    if block is not None:
        return _in_quotes_over_lines(source, before, lines, int(block["first"]), int(block["last"]))
    above = _COMMENTS_WRITTEN.search(problem.message) if problem.advice else None
    if above is not None:  # the text in quotes on its first line, its comments left out
        first, last = int(above["first"]), int(above["last"])
        end = "\r" if lines[first - 1].endswith("\r") else ""
        lines[first - 1 : last] = [problem.advice.split("\n")[-1] + end] + [""] * (last - first)
        return _Rewritten(source, before, lines)
    if not 1 <= problem.line <= len(source.starts) or problem.advice:
        return None
    start = source.starts[problem.line - 1]
    index = start + problem.column - 1
    dash = dash_in_brackets(source, index) if problem.column else None
    text = lines[problem.line - 1]
    end = text[:-1] if text.endswith("\r") else text
    if dash is not None and problem.message.endswith(dash.message):
        lines[problem.line - 1] = (without_item_dashes(source, index) or "") + text[len(end) :]
    elif (tabbed := _TABBED.search(problem.message)) is not None:
        first = int(tabbed["first"] or problem.line)
        for n in range(first, int(tabbed["last"] or problem.line) + 1):
            line = lines[n - 1]
            bare = line.lstrip(" \t")
            lines[n - 1] = (
                line[: len(line) - len(bare)].replace("\t", " " * int(tabbed["width"] or 0)) + bare
            )
    elif (indents := _tab_indents_told(problem)) is not None:
        for n, spaces in indents.items():
            if lines[n - 1].strip():  # (a blank line between is no line of the run)
                lines[n - 1] = " " * spaces + lines[n - 1].lstrip(" \t")
    elif (alike := _ALIKE.search(problem.message)) is not None:
        step = int(alike["step"]) * (1 if alike["how"] == "more" else -1)
        for n in range(int(alike["first"]), int(alike["last"]) + 1):
            line = lines[n - 1]
            if line.strip() and step < 0 and not line.startswith(" " * -step):
                return None
            lines[n - 1] = (
                (" " * step + line if step > 0 else line[-step:]) if line.strip() else line
            )
    elif (tabbed_text := _TABBED_TEXT.search(problem.message)) is not None:
        lines[problem.line - 1] = " " * int(tabbed_text["width"]) + text.lstrip(" \t")
    elif (moved := _MOVED_LEFT.search(problem.message)) is not None:
        lines[problem.line - 1] = " " * int(moved["spaces"]) + text.lstrip(" ")
    elif (indented := _INDENTED.search(problem.message)) is not None:
        if "\t" in end[: len(end) - len(end.lstrip())]:
            return None
        lines[problem.line - 1] = " " * int(indented["like"] or indented["as"]) + text.lstrip(" ")
    elif (written := _WRITTEN.search(problem.message)) is not None:
        parts = LINE.fullmatch(end)
        line = written["line"]
        key = parts["key"] if parts is not None else None
        keyed = key is not None and line.startswith((f"{key}: ", f"- {key}: "))
        # an item of text, or one whose words before its colon YAML read as a key, quoted
        quoted_item = parts is not None and parts["dashes"] and line.startswith(('- "', "- '"))
        dashed = parts is not None and (key is None or quoted_item) and line.startswith("- ")
        if not (keyed or dashed) or " and - " in line:
            return None
        kept = parts["indent"] if line.startswith("- ") else parts["indent"] + parts["dashes"]
        lines[problem.line - 1] = kept + line + text[len(end) :]
        for n in range(problem.line, int(written["last"] or problem.line)):
            lines[n] = ""  # joined on the line above
    else:
        return None
    return _Rewritten(source, before, lines)


def _in_quotes_over_lines(
    source: Source, before: list[str], lines: list[str], first: int, last: int
) -> _Rewritten | None:
    """`source` with the text of lines `first` to `last` (a key's text over lines) in double
    quotes over the same lines, as YAML reads it; the block the advice writes takes a line
    more, and the lines of the problems after it would be told one off."""
    parts = LINE.fullmatch(lines[first - 1].removesuffix("\r"))
    if parts is None or not parts["key"] or not 1 <= first <= last <= len(lines):
        return None

    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"')

    for n in range(first, last + 1):
        text = lines[n - 1]
        end = len(text.removesuffix("\r"))
        start = parts.start("value") if n == first else end - len(text[:end].lstrip())
        opened = '"' if n == first else ""
        closed = '"' if n == last else ""
        lines[n - 1] = text[:start] + opened + escaped(text[start:end]) + closed + text[end:]
    return _Rewritten(source, before, lines)


# YAML's words for a field glued to its text by its colon ('hint:"It splits: ]]> here"'):
# the text's own ': ' starts a value, and what follows it may start none
_GLUED_KEY_WORDS = (
    "mapping values are not allowed",
    "did not find expected node content",
    "did not find expected <document start>",  # (the bank's first line: 'title:"A: B"')
)


def name_and_description(item: yaml.Node, listed: str, described: str) -> str:
    """What to write for an item of `tags:` or `competencies:` (`listed`) that is not a
    mapping: a name typed alone (`tags: [lexico]`, as a question's tags are written) gets
    its own line to copy, `described` standing for its description (a trial was told
    'must be a mapping', a word a teacher does not write)."""
    text = item.value.strip() if isinstance(item, yaml.ScalarNode) else ""
    name = quoted(text) if text else '"a-name"'
    what = (
        f"'{text}' needs a one-line description as well as its name"
        if text
        else (f"each of '{listed}' is a name and a one-line description")
    )
    # in its place, which is right in a list in brackets and under dashes alike
    return f'{listed}: {what}: write {{name: {name}, description: "{described}"}} in its place'
