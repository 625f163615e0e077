"""GIFT: Moodle's plain-text question format (question/format/gift).

The bank's description, then a `$CATEGORY:` line per section, each after its section's
description, as `//` comments, each followed by its own language as `//[language:he]`
(GIFT has no field for one; a description's lines are `// ` and a blank, so never read as
one), which Moodle's import passes over (a comment on its own block
before a question would give it any `[tag:...]` of the text in gift-pegjs, which reads comments
across blank lines: one before a category is forgotten there). Then each question as an
essay, `::title::[plain]text{}`,
its id and tags in the comment before it (`// [id:...] [tag:...]`, which Moodle's importer
reads). The hint goes as general feedback (`{####hint}`) only when learners may see it.
A Markdown bank's texts are `[markdown]` (Moodle renders them), a plain bank's `[plain]`,
or `[html]` where it has a `code span`, which [plain] would show with its backticks, or
what Moodle's MathJax or TeX filter would set as a formula (`\\(`, `\\[`, `$$`, `[tex]`:
texts.mathjax_literal), or a Markdown text that Moodle's Markdown reads otherwise: a list
as words (right after a line of text, or numbered `1)`), a backslash as typed, a line
starting with ': ' as a definition, `<b>` as HTML, a table (_read_otherwise); and every text of a
bank in a language written right to left, whose direction only HTML can say. A text that goes
as HTML says its language (texts.language_attributes); one in [plain] or [markdown] cannot,
and stays so: a German bank's file as HTML throughout was no longer a file to read and edit
by hand, and came back from Moodle as a plain bank's.
GIFT has no files: a question whose texts show pictures is named in a warning, since
Moodle would show each `![alt](path)` as a missing image.
Every character GIFT gives a meaning (`~ = # { } :` and the backslash) is escaped, and a line
break is written `\\n`: a blank line would end the question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from qbank.bank.gift import language_comment
from qbank.exporters.lms.category import section_category
from qbank.exporters.lms.grading import learners_see_hint, left_out_for_graders, shows_hint
from qbank.exporters.lms.texts import (
    TAG_REFUSED,
    Attachments,
    mathjax_literal,
    pictures_warning,
    plain_html,
    squeezed,
)
from qbank.exporters.lms.words import Words
from qbank.model import Bank, Question
from qbank.rich import ListBlock, Paragraph, Table, walk
from qbank.text import and_list, is_right_to_left, one_line, primary, runs

_SPECIAL = re.compile(r"([~=#{}:\\])")
# a line break of any kind; \r\n counts once
_LINE_BREAK = re.compile("\r\n|[\n\r\u2028\u2029]")


def escape(text: str) -> str:
    """Text that GIFT reads back as `text`: specials escaped, line breaks as `\\n`, a line
    or paragraph separator (U+2028, U+2029) kept before it, which Moodle shows as nothing
    and `qbank import` reads back as the separator alone (it came back a line break)."""
    return _LINE_BREAK.sub(_line_break, _SPECIAL.sub(r"\\\1", text))


def _line_break(found: re.Match[str]) -> str:
    return found[0].strip("\r\n") + "\\n"


def _comment_value(text: str) -> str:
    # inside `[id:...]` a `]` ends the value; Moodle reads `\]` as a `]`, and trims the
    # value: a closing backslash is kept from the `]` after it by a blank
    value = one_line(text).replace("]", "\\]")
    return value + " " if value.endswith("\\") else value


def gift_text(
    bank: Bank,
    feedback: str | None = None,
    warn: Callable[[str], None] | None = None,
    words: Words | None = None,
) -> str:
    """The bank as GIFT, its tables' boxes named in `words` (the look's lms/words.toml; the
    built-in look's by default)."""
    show_hint = learners_see_hint(bank, feedback)
    said = left_out_for_graders(bank, "GIFT", show_hint)
    if said is not None and warn is not None:
        warn(said)
    if (said := _language_unsaid(bank)) is not None and warn is not None:
        warn(said)
    fmt = "[markdown]" if bank.markup == "markdown" else "[plain]"
    as_html = Attachments(bank, None, words).inline  # a picture is its alt text: GIFT has no files
    about = _about(bank.description, bank.language)
    blocks = [about] if about else []
    for section in bank.sections:
        category = f"$CATEGORY: {section_category(bank, section)}"
        if described := _about(section.description, section.language):
            category = f"{described}\n{category}"
        blocks.append(category)
        for question in bank.questions_in(section):
            language = bank.language_of(question.section)
            # a Markdown text in a language written right to left says its direction as
            # HTML, as a plain one does: [markdown] can say none
            said = "[html]" if fmt == "[markdown]" and is_right_to_left(language) else fmt
            shown = partial(as_html, language=language)
            blocks.append(_question(bank, question, show_hint, said, shown, language))
            if warn is not None:
                _warn_pictures(bank, question, show_hint, warn)
    return "\n\n".join(blocks) + "\n"


def _language_unsaid(bank: Bank) -> str | None:
    """That the file marks no [markdown] or [plain] text with its language, said once for
    a bank or section in one written left to right other than English (one written right
    to left goes as HTML, which says it; English is most Moodle sites' own): Moodle shows
    such a text as its page's language, and a German bank came back from Moodle's GIFT
    export with none, unsaid (a trial)."""
    used = {q.section for q in bank.questions}
    unsaid = {
        section.name: language
        for section in bank.sections
        if section.name in used
        and (language := bank.language_of(section.name))
        and not is_right_to_left(language)
        and primary(language) != "en"  # Moodle's own, most often: a warning on each export
    }
    if not unsaid:
        return None
    named = [bank.language] if bank.language in unsaid.values() else []
    named += [
        f"{lang} in section '{name}'" for name, lang in unsaid.items() if lang != bank.language
    ]
    first = bank.language if named[0] == bank.language else next(iter(unsaid.values()))
    return (
        f"{bank.source}: GIFT's [markdown] and [plain] texts cannot say their language "
        f"({and_list(named)}), so Moodle shows them as in its page's language, which a screen "
        "reader reads them in, and a GIFT file that Moodle exports of them gives none back "
        f"(import it with --lang {first}); the moodle format marks each text with it"
    )


def _about(description: str, language: str) -> str:
    """What the bank or a section says of itself, as comment lines: its description, then
    its own language as qbank's mark (bank/gift.py: language_comment), which Moodle's import
    and gift-pegjs pass over as any comment and `qbank import` reads back."""
    lines = [_comment(description)] if description.strip() else []
    if language:
        lines.append(language_comment(language))
    return "\n".join(lines)


def _comment(text: str) -> str:
    """Text as GIFT comment lines, which Moodle's import passes over and `qbank import` reads
    back from a file qbank wrote. Each line is one (a blank line would end the block)."""
    lines = _LINE_BREAK.split(text.strip())
    return "\n".join(f"// {line}" if line.strip() else "//" for line in lines)


def _question(
    bank: Bank,
    question: Question,
    show_hint: bool,
    fmt: str,
    as_html: Callable[[str], str],
    language: str,
) -> str:
    marks = [f"[id:{_comment_value(question.id)}]"]
    # a tag as Moodle would keep it of the characters it refuses (GIFT's import reads none
    # with one in it: tags_changed says so)
    kept = [TAG_REFUSED.sub("", tag) for tag in question.tags]
    marks += [f"[tag:{_comment_value(tag)}]" for tag in kept if tag.strip()]
    shown = shows_hint(question, show_hint)
    answer = f"####{_text(bank, question.hint, fmt, as_html, language)}" if shown else ""
    asked = _text(bank, question.question, fmt, as_html, language)
    return f"// {' '.join(marks)}\n::{escape(question.label)}::{asked}{{{answer}}}"


def _text(bank: Bank, text: str, fmt: str, as_html: Callable[[str], str], language: str) -> str:
    """A text with its format: a plain bank's text with a `code span` as HTML (its code in
    <code>, as the Moodle XML has it), since [plain] showed the backticks in Moodle, and so
    one with a tab or a run of blanks, which Moodle's plain text squeezes (texts.squeezed),
    or in a `language` written right to left, whose direction [plain] cannot say (`as_html`,
    Attachments.inline, says it, and the language; `fmt` is [html] for a Markdown bank's,
    gift_text); and one that
    Moodle's MathJax filter would typeset, as HTML it leaves alone. A Markdown bank's so
    too, rendered as the Moodle XML renders it: its $$ or \\\\( reached the filter through
    Moodle's Markdown (a review), and its blanks were squeezed as an LMS page squeezes
    them, where the study page and the deck keep them; and one that Moodle's Markdown
    shows otherwise than CommonMark (_read_otherwise)."""
    shown = as_html(text)
    code = fmt == "[plain]" and "`" in text and any(run.code for run in runs(text))
    # a direction: a right-to-left language's text as HTML says it, where it needs one
    unsaid = (
        fmt == "[plain]"
        and is_right_to_left(language)
        and shown != plain_html(text, separators=True)
    )
    unread = fmt == "[markdown]" and _read_otherwise(bank, text)
    if (
        fmt == "[html]"
        or code
        or unsaid
        or unread
        or squeezed(bank, text)
        or mathjax_literal(shown) != shown
    ):
        return f"[html]{escape(mathjax_literal(shown))}"
    return f"{fmt}{escape(text)}"


# what a backslash escapes in PHP Markdown Extra; before any other character it is shown
_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!:|")
# a '<' PHP Markdown Extra leaves as it is, the start of a tag to the browser
_TAG_START = re.compile(r"<[A-Za-z/?$!]")


def _read_otherwise(bank: Bank, text: str) -> bool:
    """Whether Moodle's Markdown (PHP Markdown Extra, which came before CommonMark) shows a
    Markdown text otherwise than the artifacts do: a list as words of a paragraph (one on
    the line after a paragraph's, with no blank line between, or numbered `1)`: it reads
    `1.` alone), a backslash as typed, of a line break (it breaks at two blanks alone) or
    before a character it does not escape (`\\<`, as import writes a `<b>` shown as typed:
    Moodle showed the backslash and bold), a line that starts with ': ' as a definition
    list's (French wraps 'exemple :' so), or words typed as HTML (`<b>`) as HTML; and any
    table: Markdown Extra reads GitHub's `\\|` inside a code span as typed (it splits no cell
    at a pipe in code, so GitHub's escape stays, backslash and all), draws a table without
    rules between its cells, and puts no box round a wide one that scrolls, which the HTML
    (as the Moodle XML's) has."""
    tree = bank.rich_text(text)
    return tree is not None and any(
        isinstance(block, Table)
        or isinstance(block, ListBlock)
        and (block.after_text or block.parenthesis)
        or isinstance(block, Paragraph)
        and (
            not _ESCAPABLE.issuperset(block.escaped)
            or block.colon_line
            or any(span.backslash for span in block.spans)
            or any(not span.code and _TAG_START.search(span.text) for span in block.spans)
        )
        for block in walk(tree.blocks)
    )


def _warn_pictures(
    bank: Bank, question: Question, show_hint: bool, warn: Callable[[str], None]
) -> None:
    written = [question.question, question.hint] if show_hint else [question.question]
    remedy = (
        "Moodle shows each as a missing image; add them in Moodle, or use --format moodle, "
        "which carries them"
    )
    if line := pictures_warning(bank, question, written, "GIFT", remedy):
        warn(line)
