"""Moodle XML: the format Moodle's question bank imports and exports
(question/format/xml/format.php).

A category question per section under one for the bank's title, then each section's essay
questions: the name starts with the question number, `idnumber` is the id, the tags are
Moodle tags, and `graderinfo` holds what graders read (grading.py). Every text is CDATA,
split at `]]>` as Moodle's own exporter splits it.

A Markdown bank's texts are HTML (texts.py says why). Each picture is a base64 `<file>`
element inside the text element that shows it, at its path in that element's file area,
and the HTML refers to it as `@@PLUGINFILE@@/path`: what Moodle's `write_files` writes and
`import_text_with_files` reads back. A category's description has no file area in
Moodle's importer, so a picture there is its alt text.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from qbank.exporters.lms.category import bank_category, section_category
from qbank.exporters.lms.grading import (
    Scale,
    Words,
    bank_info,
    grader_html,
    learners_see_hint,
    section_info,
    shows_hint,
    top_score,
)
from qbank.exporters.lms.texts import (
    MAX_NAME,
    Attachments,
    file_address,
    literal_length,
    mathjax_literal,
    name_literal,
)
from qbank.exporters.lms.words import load_words
from qbank.model import Bank, Question
from qbank.text import one_line, plain, shorten

PLUGINFILE = "@@PLUGINFILE@@/"  # a file of the text's own file area, in Moodle's HTML
# Moodle offers 5 to 40 lines for the answer box, in fives; about three lines a minute
LINES_PER_MINUTE = 3
FEWEST_LINES, MOST_LINES = 5, 40


def cdata(text: str) -> str:
    """`text` as CDATA; a `]]>` inside is split across two sections, as Moodle's
    `writetext` does."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _text(tag: str, text: str, fmt: str | None = None, files: Attachments | None = None) -> str:
    attribute = f' format="{fmt}"' if fmt else ""
    if fmt == "html":  # as typed: no formula of Moodle's MathJax filter
        text = mathjax_literal(text)
    return f"<{tag}{attribute}><text>{cdata(text)}</text>{_files(files)}</{tag}>"


def _files(files: Attachments | None) -> str:
    """The pictures a text shows, as Moodle's `write_files` writes them: the name and the
    folder (`/`, or `/diagrams/`) apart, the content in base64."""
    if files is None:
        return ""
    out = []
    for path, picture in files.files.items():
        folder, _, name = path.rpartition("/")
        folder = f"/{folder}/" if folder else "/"
        data = base64.b64encode(picture.data).decode("ascii")
        out.append(
            f'<file name={quoteattr(name)} path={quoteattr(folder)} encoding="base64">{data}</file>'
        )
    return "".join(out)


def _area(bank: Bank, words: Words | None = None) -> Attachments:
    """A text element's own file area, its tables' boxes named in `words`."""
    return Attachments(bank, lambda path: file_address(PLUGINFILE, path), words)


def question_name(
    question: Question, bank: Bank | None = None, measure: Callable[[str], int] = len
) -> str:
    """The number, then the question's words on one line (a Markdown bank's without their
    markup), shortened at a word to what Moodle keeps (`measure`d as it counts them)."""
    words = bank.words(question.question) if bank is not None else plain(question.question)
    return shorten(f"{question.label} {one_line(words)}", MAX_NAME, measure, at_word=True)


def _name(question: Question, bank: Bank) -> str:
    """The name as Moodle's XML holds it (`name_literal`), within Moodle's 255 characters,
    which count each character reference whole."""
    return name_literal(question_name(question, bank, literal_length))


def answer_lines(question: Question) -> int:
    """The answer box's height in lines, scaled to the question's minutes."""
    lines = round(question.planned_minutes * LINES_PER_MINUTE / 5) * 5
    return min(MOST_LINES, max(FEWEST_LINES, lines))


def moodle_xml(
    bank: Bank, feedback: str | None = None, scale: Scale = (), words: Words | None = None
) -> str:
    """The bank as a Moodle XML question file, its headings in `words` (the look's
    lms/words.toml; the built-in look's by default)."""
    show_hint = learners_see_hint(bank, feedback)
    points = top_score(bank, scale)
    words = words or load_words()  # read once, not once a text
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    described = Attachments(bank, None, words)
    out.append(_category(bank_category(bank), bank_info(bank, described, words)))
    for section in bank.sections:
        info = section_info(bank, section, described, words)
        out.append(_category(section_category(bank, section), info))
        for question in bank.questions_in(section):
            out.append(_essay(bank, question, points, show_hint, scale, words))
    out.append("</quiz>")
    return "\n".join(out) + "\n"


def _category(path: str, info: str) -> str:
    return (
        '  <question type="category">\n'
        f"    {_text('category', path)}\n"
        f"    {_text('info', info, 'html')}\n"
        "  </question>"
    )


def _essay(
    bank: Bank,
    question: Question,
    points: int,
    show_hint: bool,
    scale: Scale = (),
    words: Words | None = None,
) -> str:
    tags = "".join(f"<tag>{_text_only(tag)}</tag>" for tag in question.tags)
    asked, feedback, grader = _area(bank, words), _area(bank, words), _area(bank, words)
    language = bank.language_of(question.section)
    general = feedback.inline(question.hint, language) if shows_hint(question, show_hint) else ""
    fields = [
        _text("name", _name(question, bank)),
        _text("questiontext", asked.inline(question.question, language), "html", asked),
        _text("generalfeedback", general, "html", feedback),
        f"<defaultgrade>{points}</defaultgrade>",
        "<penalty>0</penalty>",
        "<hidden>0</hidden>",
        f"<idnumber>{escape(question.id)}</idnumber>",
        "<responseformat>editor</responseformat>",
        "<responserequired>1</responserequired>",
        f"<responsefieldlines>{answer_lines(question)}</responsefieldlines>",
        "<minwordlimit></minwordlimit>",
        "<maxwordlimit></maxwordlimit>",
        "<attachments>0</attachments>",
        "<attachmentsrequired>0</attachmentsrequired>",
        "<maxbytes>0</maxbytes>",
        "<filetypeslist></filetypeslist>",
        _text("graderinfo", grader_html(bank, question, grader, scale, words), "html", grader),
        _text("responsetemplate", "", "html"),
    ]
    if tags:
        fields.append(f"<tags>{tags}</tags>")
    body = "\n".join(f"    {field}" for field in fields)
    return f'  <question type="essay">\n{body}\n  </question>'


def _text_only(text: str) -> str:
    return f"<text>{cdata(text)}</text>"
