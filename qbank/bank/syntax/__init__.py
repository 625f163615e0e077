"""YAML syntax errors in words a person can act on.

libyaml says what its scanner met ("found character that cannot start any token"). The
common causes show in the source line itself, so each is recognised there and reported at
its own line and column, with the source line, a caret and what to write instead.

This module holds the entry points and the dispatcher (`_explain`), which tries the
recognisers of each kind of mistake in turn, each in a module of its own: `invisible`
(characters an editor does not show), `tabs`, `blocks` (texts over lines), `moved` (a
line moved or two swapped), `brackets`, `quotes`, `dashes` (a list's items), `keys`,
`out_of_line` (indentation), `values` (a value YAML reads as its own); `mended` reads a
bank again, mended as a problem says. Under them all, `lines` reads a line as YAML lays
it out, `vocabulary` names the bank's fields and marks, `questions` finds a line's
question.
"""

from __future__ import annotations

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
from qbank.bank.syntax.mended import mended_as_told
from qbank.bank.syntax.moved import line_moved
from qbank.bank.syntax.out_of_line import (
    field_at_margin,
    field_under_item,
    item_left_of_list,
    key_out_of_line,
    line_out_of_step,
    score_out_of_line,
    too_deep,
)
from qbank.bank.syntax.questions import question_at
from qbank.bank.syntax.quotes import after_quote, quote_closed_not_opened, unclosed_quote
from qbank.bank.syntax.tabs import tab_in_indentation
from qbank.bank.syntax.values import FLOW, cause_on_line, item_out_of_line_above, unclosed_flow
from qbank.bank.syntax.vocabulary import (
    CURLY_CLOSING,
    CURLY_OPENING,
    CURLY_QUOTES,
    FIELDS,
    PASTED_BULLETS,
    QUESTION_KEYS,
)
from qbank.bank.written import quoted
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
    "item_left_of_list",
    "name_and_description",
]


def refused_character(source: Source, exc: yaml.YAMLError) -> Problem:
    """A character YAML does not allow (libyaml's ReaderError, which carries no line), at
    its place in `source`."""
    position = getattr(exc, "position", 0)
    char = getattr(exc, "character", "")
    if isinstance(char, int):  # libyaml: a byte offset into the UTF-8 text, a code point
        position = len(source.text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        char = chr(char)
    return source.problem(
        position, f"invalid YAML: the character U+{ord(char or ' '):04X} is not allowed"
    )


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
    if (exc.problem or "").startswith(_BAD_ESCAPES):
        # a lecturer's "What is $\\sqrt{n}$?" was told 'found unknown escape character',
        # and "C:\\Users" 'did not find expected hexdecimal number'
        at = source.text.rfind("\\", line_start(source, line), index + 1)
        if at >= 0:
            escape = source.text[at : at + 2]
            return source.problem(at, _UNKNOWN_ESCAPE.format(escape=escape))
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
    explained = field_under_item(source, line) or item_out_of_line_above(source, line)
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
_BAD_ESCAPES = (
    "found unknown escape character",
    "did not find expected hexdecimal number",
    "expected escape sequence of",  # (PyYAML without libyaml)
)
_UNKNOWN_ESCAPE = (
    "invalid YAML: inside double quotes a backslash starts an escape, as \\n starts a line "
    "break, and YAML cannot read '{escape}' as one (a TeX command, \\sqrt, or a Windows "
    "path, C:\\Users, starts so); write the text in 'single quotes', where a backslash is "
    "itself, or write \\\\ for each backslash"
)


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
    mended = mended_as_told(source, said[0])
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
                mended = mended_as_told(mended, found)
                changed |= mended.changed if mended is not None else set()
                continue
            said.append(found)
            mended = mended_as_told(mended, found)
            changed |= mended.changed if mended is not None else set()
        except yaml.YAMLError as error:  # a character YAML refuses, read past the first error
            found = refused_character(mended, error)
            if found.line not in changed:  # on a mended line: told next check, as written
                said.append(found)
            break
        else:
            problems = sorted(said, key=lambda p: (p.line, p.column))
            return Explained(problems, mended, frozenset(changed))
    return Explained(sorted(said, key=lambda p: (p.line, p.column)), None, frozenset(changed))


_LINE_NAMED = re.compile(r"\blines? (\d+)\b")


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
