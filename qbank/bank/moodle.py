"""Reading Moodle XML (question/format/xml): the questions of a Moodle question bank.

Fields are read where Moodle's own importer reads them (`import_headers`, `import_essay`,
`import_category`): the name, `questiontext`, `generalfeedback`, `idnumber`,
`tags/tag/text`, an essay's `graderinfo`. Essays and short answers become questions, and
so does a description, but the one that opens its category (its section's description); a
category question sets the section of the questions after it, and a random
question (Moodle 3's stand-in for one drawn from a category) is skipped with a warning. The
hint is the grader information, else the general feedback, after what gets full marks in a
question Moodle marks itself (its right choice, a cloze question's gaps). What a bank cannot
carry (the choices of a multiple-choice question, embedded files, a short answer's accepted
answers) is kept as text in the note where it can be, and named per question; the choices
a learner picks from also follow the question's text (`_answers`). A question
whose answers stand in its text (a cloze question's fields, a gap question's `[[n]]`) has
numbered blanks there, and what each gap takes in the note (gaps.py). A question's name
(HTML read as the text it shows) is said once for the file when it only repeats the start
of its text, else at its question. A link to one of the question's files (a sound) is its
text, the file named as left behind.

A text's pictures are the base64 `<file>` elements inside its element (a text's, an
answer's, its feedback's, a hint's), referred to in its HTML as `@@PLUGINFILE@@/path`
(Moodle's `write_files` and `import_text_with_files`). An answer's pictures follow the line
of the note that lists the answers, their alt text in brackets where they stood. When
the texts hold pictures, lists, code blocks, emphasis or links, the bank is a Markdown bank
(html_markdown.py): its texts are CommonMark, and each picture is written beside the new
bank at its path in the file. A `<file>` whose name or folder could leave that folder is
refused with its line. A Moodle 1.9 picture (`<image>`, `<image_base64>`) is its text's file
and shown after it, as Moodle's importer does. One larger than an image may be, or a damaged
picture of a kind a bank takes (images.py, the one sniffer), is left behind, a picture of it
shown as its alt text in brackets and named per question with why; so is a file of another kind
(an SVG drawing, a PDF). A picture given in its `data:` address is written beside the bank
as `picture-<digest>.png`, checked as a `<file>` is, or left behind so.

The file is parsed without a document type, entities or any network access: a file that
declares a DOCTYPE is refused, so nothing in it can expand or fetch. A `<text>` holding
elements of its own (HTML outside CDATA, which Moodle's import refuses) is read as that HTML
by every field, said per question (`_markup_as_written`).
"""

from __future__ import annotations

import base64
import binascii
import html
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from qbank.bank import imported
from qbank.bank.gaps import gaps, without_blanks
from qbank.bank.html_markdown import (
    is_rich,
    literal_markdown,
    markdown_text,
)
from qbank.bank.html_pictures import MAX_FILE_TEXT, PLUGINFILE, Files, HtmlPictures
from qbank.bank.html_text import (
    Kept,
    as_html,
    bank_fields,
    changes_said,
    grader_fields,
    html_text,
    in_grader_layout,
    language_kept,
    name_text,
    one_language,
    text_from_html,
)
from qbank.bank.images import MAX_IMAGE_BYTES, checked, sniff
from qbank.bank.imported import (
    BLACKBOARD_NOT_READ,
    QTI_NOT_READ,
    SEPARATOR,
    Descriptions,
    Found,
    Loss,
    Read,
    answer_hint,
    as_fraction,
    category_parts,
    choices_shown,
    full_marks,
    in_bank_order,
    items_shown,
    listed_answer,
    name_sections,
    read_file,
    true_false_shown,
    true_or_false,
)
from qbank.bank.structure import middle_scores, needed_scores
from qbank.errors import BankError, Problem
from qbank.model import DEFAULT_SCORES, NESTED
from qbank.rich import Picture, walk
from qbank.text import and_list, is_language_tag, one_line, shorten
from qbank.untrusted import xml_parser

# the root of a QTI file: 1.2's (Canvas's quiz export), 2's item or test; the
# imsmanifest.xml of a content package, IMS's `manifest`, is told as its zip is
_QTI_ROOTS = {"questestinterop", "assessmentItem", "assessmentTest"}
ANSWERED = {"essay", "shortanswer", "description"}  # the types a bank question is made from
_TEXTS = ("questiontext", "generalfeedback", "graderinfo")  # the texts with file areas
_RANDOM = (
    "a random question is not imported: Moodle draws one of its category's questions in its "
    "place at each attempt, and it has no text of its own"
)
# a tag whose meaning plain bank text cannot hold (html_markdown.is_rich decides for sure)
_RICH_TAG = re.compile(
    r"<(?:em|i|strong|b|a|ul|ol|pre|blockquote|img|h[1-6])\b|<span\b[^>]*\bfont-(?:weight|style)\s*:",
    re.IGNORECASE,
)
_PICTURE = re.compile(r"<img\b", re.IGNORECASE)
_LINK = re.compile(r"<a\b", re.IGNORECASE)


class NeedsMarkdown(Exception):
    """A text holds a tag (or Markdown) that a plain bank would lose."""


class HtmlTexts(HtmlPictures):
    """Turns the HTML of one file's texts into bank text: plain text, or Markdown with the
    pictures it shows claimed for the new bank."""

    def __init__(self, read: Read, markdown: bool, sniff: bool = False) -> None:
        super().__init__(read)
        self.markdown = markdown
        self.sniff = sniff  # stop a plain reading at the first text that may need Markdown
        self.rich = False  # whether any text needs Markdown

    def converter(self, files: Files) -> Callable[[str], str]:
        def plain(markup: str) -> str:
            if self.sniff and _RICH_TAG.search(markup) is not None:
                raise NeedsMarkdown
            if _PICTURE.search(markup) is not None:  # its pictures stay behind: which, and why
                self.blocks(files, markup)  # (and the files it links to)
            elif _LINK.search(markup) is not None:  # the files it links to stay behind
                self.blocks(files, markup)
            text, changes = html_text(markup, self.read.multilang)
            self.changes += changes
            return text

        def convert(markup: str) -> str:
            blocks, changes = self.blocks(files, markup)
            self.changes += changes
            self.rich = self.rich or is_rich(blocks)
            return markdown_text(blocks)

        return convert if self.markdown else plain

    def pictures(self, files: Files, markup: str) -> list[str]:
        """The pictures an HTML text shows that come along, each as a Markdown bank's text
        of its own, for a text kept on one line (an answer in the note, which keeps its
        pictures' alt text in brackets where they stood); those that stay behind are taken
        down as a text's are."""
        if _PICTURE.search(markup) is None:
            return []
        if self.sniff:
            raise NeedsMarkdown
        blocks, _ = self.blocks(files, markup)  # its words are said by the one line
        shown = [block for block in walk(blocks) if isinstance(block, Picture)]
        self.rich = self.rich or bool(shown)
        return [markdown_text((picture,)) for picture in shown] if self.markdown else []

    def literal(self, text: str) -> str:
        """Text that stands for itself (an answer, a label) in a field of the bank."""
        return literal_markdown(text) if self.markdown else text


def read_moodle(path: Path, language: str | None = None) -> Read:
    """The questions of a Moodle XML file; its texts given in several languages in
    `language` where they give it (html_text.language_kept)."""
    source = str(path)
    root = parse_xml(read_file(path), source)
    if root.tag != "quiz":
        name = etree.QName(root)
        qti = (
            name.localname in _QTI_ROOTS
            or (  # a content package's, unzipped
                name.localname == "manifest" and "imsglobal.org" in (name.namespace or "")
            )
            or (  # one QTI 1.2 question saved alone, as a converter's tests keep Canvas's
                name.localname == "item"
                and any(etree.QName(child).localname == "presentation" for child in root)
            )
        )
        said = QTI_NOT_READ if qti else "not Moodle XML: no <quiz>"
        if (qti and any(_blackboard(element) for element in root.iter())) or (
            name.localname == "manifest"  # Blackboard's package's, unzipped
            and any("blackboard.com" in (space or "") for space in root.nsmap.values())
        ):
            said = BLACKBOARD_NOT_READ
        raise BankError([Problem(source, root.sourceline or 1, said)])
    written = _markup_as_written(root)
    files = _all_files(root, source)
    kept = language_kept((text.text or "" for text in root.iter("text")), source, language)
    try:  # stopped at the first tag a plain bank loses, if any
        return _read(root, source, files, kept, written, markdown=False, sniff=True)[0]
    except NeedsMarkdown:
        pass
    read, _ = _read(root, source, files, kept, written, markdown=True)
    if read.markup == "markdown":
        return read
    # the tags held nothing lost
    return _read(root, source, files, kept, written, markdown=False)[0]


def _blackboard(element: etree._Element) -> bool:
    """Whether `element` is one of the fields Blackboard's QTI export alone writes
    (`bbmd_asi_object_id`, `bbmd_questiontype` ...)."""
    return isinstance(element.tag, str) and etree.QName(element).localname.startswith("bbmd_")


def _read(
    root: etree._Element,
    source: str,
    files: dict[etree._Element, Files],
    kept: Kept | None,
    written: dict[etree._Element, str],
    markdown: bool,
    sniff: bool = False,
) -> tuple[Read, HtmlTexts]:
    read = Read(source, multilang=kept)
    texts = HtmlTexts(read, markdown, sniff)
    paths: list[list[str]] = []
    section = ""
    ours = False  # whether a question's grader information is in qbank's layout
    repeated: list[int] = []  # the lines of questions whose name begins their text
    marks: dict[str, int] = {}  # each question's <defaultgrade>, and the first line with it
    descriptions = Descriptions(read, _NO_HINT_LOSS, _CARRIED)
    for element in root.iterchildren("question"):
        kind = element.get("type", "")
        if kind == "category":
            texts.question()  # what its name and description show otherwise than Moodle
            path, texts.changes = one_language(_text(element, "category"), read.multilang)
            parts = category_parts(path)
            if parts:
                paths.append(parts)
                section = SEPARATOR.join(parts)
                info = _text(element, "info")
                if _MOODLES_OWN_INFO.fullmatch(" ".join(text_from_html(info).split())):
                    info = ""  # no teacher's words, on the booklet's cover (a trial)
                    read.skipped.append(
                        (
                            element.sourceline or 1,
                            f"category {NESTED.join(parts)!r}: its description is Moodle's own "
                            "for a course's default category ('The default category for "
                            "questions shared in context ...'), not kept",
                        )
                    )
                if len(parts) == 1 and section not in read.sections:  # perhaps the bank's
                    info = _bank_fields(read, info, texts)
                elif section not in read.sections:
                    info = _section_language(read, section, info, texts)
                read.sections.setdefault(section, texts.converter({})(info))
            named = f"category {NESTED.join(parts)!r}"
            if element in written:
                read.skipped.append((element.sourceline or 1, f"{named}: {written[element]}"))
            if parts and texts.changes:
                said = changes_said(texts.changes, "its name or description")
                read.skipped.append((element.sourceline or 1, f"{named}: {said}"))
            if parts and (given := (element.findtext("idnumber") or "").strip()):
                read.skipped.append((element.sourceline or 1, f"{named}: {_category_id(given)}"))
            continue
        if kind == "random":  # Moodle 3's stand-in for a question drawn from a category
            read.skipped.append((element.sourceline or 1, _RANDOM))
            continue
        try:
            found = _question(element, kind, section, read.competencies, texts, files)
        except RecursionError:  # 250 quotes or lists inside each other
            raise BankError([imported.nested_too_deep(source, element.sourceline or 1)]) from None
        if element in written:
            found.losses.append(written[element])
        why = ""
        if kind == "description":
            text = _text(element, "questiontext")
            pictured = _PICTURE.search(text) is not None
            feedback = bool(_text(element, "generalfeedback"))
            shown = str(found.fields["question"])
            why = descriptions.why_kept(section, text, shown, pictured, feedback)
            if not why:  # it opens its category: the section's description
                descriptions.open(
                    section,
                    found,
                    _lost_by_a_section(element, found, read.multilang),
                    lambda element=element, found=found: _say_name(
                        element, found, read.multilang, repeated
                    ),
                )
                continue
        descriptions.question(found, section, why)
        if (mark := _mark(element)) is not None:
            marks.setdefault(mark, found.line)
        _say_name(element, found, read.multilang, repeated)
        read.add(found)
        ours = ours or bool(in_grader_layout(_text(element, "graderinfo")))
    descriptions.settle()
    repeated.sort()
    if repeated:
        names = "a question's name" if len(repeated) == 1 else f"{len(repeated)} questions' names"
        read.skipped.append(
            (
                repeated[0],
                f"{names} (Moodle's <name>) not kept: a bank question has none, and each "
                "only repeats the start of its question's text",
            )
        )
    if len(marks) > 1:  # equal marks weigh the questions as a bank's LMS files do
        read.skipped.append(
            (
                min(marks.values()),
                f"the questions' default marks ({and_list(list(marks))}) are not kept: a "
                "bank's LMS files mark every question out of its rating scale's top score; set "
                "other marks again in the LMS",
            )
        )
    if ours:  # a file qbank wrote: its numbers are the bank's order
        in_bank_order(read)
    name_sections(read, paths)
    if markdown and texts.rich:
        read.markup = "markdown"
    else:
        read.files.clear()
    return read, texts


def _say_name(
    element: etree._Element, found: Found, multilang: Kept | None, repeated: list[int]
) -> None:
    """A question's number from its name (qbank's own 'Q3 ...'), and its name said as not
    kept: once for the file (`repeated`) when it only repeats the start of its text, else
    at the question."""
    name = _name(element, multilang)
    number = _NUMBERED.match(_text(element, "name"))  # qbank's own names hold no HTML
    found.number = int(number[1]) if number else None
    # a name that stands in for an empty text ('<p><br></p>') is kept, as that text: it was
    # said to be not kept too (a review)
    if name and not number and _NAME_STANDS_IN not in found.losses:
        if _begins(name, _text(element, "questiontext"), multilang):
            repeated.append(found.line)  # said once for the file
        else:
            said = (
                "is not kept: a bank question has none (put it in the question's text or "
                "note if it matters)"
            )
            shown = shorten(one_line(name), 80)
            found.losses.append(Loss(f"its name {shown!r} {said}", f"its name {said}"))


_NAME_STANDS_IN = "no question text; its name stands in for it"
# how the bank's LMS files give back a section's description
_CARRIED = "Moodle XML gives it as the category's description"
_NO_HINT_LOSS = "no grader information or general feedback to take the hint from"


def _lost_by_a_section(element: etree._Element, found: Found, multilang: Kept | None) -> list[str]:
    """What of a description item that becomes its section's description a section has no
    place for, a name, an ID number, tags: each went unsaid (a review)."""
    name = _name(element, multilang)
    lost = [
        f"its name {shorten(one_line(name), 80)!r}"
        if name
        and _NAME_STANDS_IN not in found.losses
        and not _begins(name, _text(element, "questiontext"), multilang)
        else "",
        f"its ID number {shorten(one_line(found.given_id), 80)!r}" if found.given_id else "",
        f"its tags ({and_list([repr(tag) for tag in found.fields.get('tags', [])])})"
        if found.fields.get("tags")
        else "",
    ]
    return [what for what in lost if what]


def _category_id(given: str) -> str:
    """What a category's ID number becomes: none, as a bank's section has no id (it was
    dropped unsaid: a review)."""
    return (
        f"its ID number {shorten(one_line(given), 80)!r} is not kept, as a bank's section has "
        "none; the LMS files write none, so set it again in Moodle where a quiz or report "
        "uses it"
    )


def _mark(question: etree._Element) -> str | None:
    """A question's <defaultgrade> as a number is written ('10.0000000' is '10'), if it
    has one; a description has none that counts."""
    text = (question.findtext("defaultgrade") or "").strip()
    try:
        mark = float(text)
    except ValueError:
        return None
    if question.get("type") == "description" or not math.isfinite(mark):
        return None
    return f"{mark:g}"


def _name(question: etree._Element, kept: Kept | None) -> str:
    """A question's name as Moodle shows it (html_text.name_text), in the file's language
    where it gives several (its own first came in: a review)."""
    return name_text(one_language(_text(question, "name"), kept)[0])


def _begins(name: str, markup: str, kept: Kept | None) -> bool:
    """Whether a question's name is the start of its text (Moodle's own default, and
    qbank's), its last word perhaps cut short: it says nothing the text does not."""
    named = re.findall(r"\w+", name.casefold())
    shown = text_from_html(one_language(markup, kept)[0])
    words = re.findall(r"\w+", shown.casefold())[: len(named)]
    return (
        bool(named)
        and len(words) == len(named)
        and (named[:-1] == words[:-1] and words[-1].startswith(named[-1]))
    )


# a question's name as qbank's export writes it: its number, then its words
_NUMBERED = re.compile(r"Q([1-9][0-9]{0,5})(?: |$)")
# what Moodle writes into the default category it makes for a course, quiz or category
# (question's `defaultinfofor`, in English, as most sites run it)
_MOODLES_OWN_INFO = re.compile(r"The default category for questions shared in context '.*'\.")


def _bank_fields(read: Read, info: str, texts: HtmlTexts) -> str:
    """Take what a bank says about itself in its category (our own layout: the role, the
    rating scale, the tag vocabulary, the competencies and their weights); returns the
    description's HTML."""
    description, fields = bank_fields(info, texts.converter({}))
    if not fields:
        return info
    read.role = str(fields.get("role", "")) or read.role
    read.language = str(fields.get("language", "")).strip() or read.language
    read.organisation = str(fields.get("organisation", "")).strip() or read.organisation
    read.reviewed = str(fields.get("reviewed", "")).strip() or read.reviewed
    read.rubric = list(fields.get("rubric", ())) or read.rubric  # type: ignore[call-overload]
    read.vocabulary = list(fields.get("tags", ())) or read.vocabulary  # type: ignore[call-overload]
    for name, about, weight in fields.get("competencies", ()):  # type: ignore[attr-defined]
        read.competencies.setdefault(name, about)
        read.weights[name] = weight
    return description


def _section_language(read: Read, section: str, info: str, texts: HtmlTexts) -> str:
    """Take a section's own language from its category (our own layout: after the
    description, under the bank's heading for a language); returns the description's HTML.
    Text with any other of the bank's parts, or a language that is no language tag, is all
    description, as it was written."""
    description, fields = bank_fields(info, texts.converter({}))
    language = str(fields.get("language", "")).strip()
    if set(fields) != {"language"} or not is_language_tag(language):
        return info
    read.section_languages[section] = language
    return description


def _all_files(root: etree._Element, source: str) -> dict[etree._Element, Files]:
    """The files of every text element that has any, each checked; every problem at once."""
    problems: list[Problem] = []
    found: dict[etree._Element, Files] = {}
    for element in root.iterchildren("question"):
        for area in _areas(element):
            files = [*area.iterchildren("file")]
            if area.tag == "questiontext":
                files += _question_picture_files(element)
            for file in files:
                path, data = _file(file, source, problems)
                if path is not None and data is not None:
                    found.setdefault(area, {}).setdefault(path, data)
    if problems:
        raise BankError(problems)
    return found


def _areas(question: etree._Element) -> Iterator[etree._Element]:
    """The elements of a question whose text may show files of their own (Moodle's file
    areas, each `<file>` inside the element whose text shows it): its texts, each answer
    and its feedback, each hint and each matching question's sub-question."""
    for name in _TEXTS:
        if (area := question.find(name)) is not None:
            yield area
    for answer in question.iterfind("answer"):
        yield answer
        yield from answer.iterfind("feedback")
    yield from question.iterfind("hint")
    yield from question.iterfind("subquestion")


def _old_picture_file(question: etree._Element) -> etree._Element | None:
    """A Moodle 1.9 question's picture (`<image>` its name, `<image_base64>` its bytes) as
    the `<file>` of its text that Moodle's importer makes of it, under its name without
    its folder; None when it has none."""
    data = question.find("image_base64")
    if data is None or not (data.text or "").strip():
        return None
    name = (question.findtext("image") or "").strip().replace("\\", "/").rpartition("/")[2]
    name = "".join(c if c.isprintable() and c != ":" else "_" for c in name)
    if not name.strip("."):  # none, '.' or '..'
        name = "picture.png"
    file = etree.Element("file", name=name)
    file.set("path", "/")
    file.set("encoding", "base64")
    file.text = data.text
    file.sourceline = data.sourceline
    return file


def _question_picture_files(question: etree._Element) -> list[etree._Element]:
    """The pictures of a question that its text does not show, as `<file>`s of its text: a
    Moodle 1.9 question's (`<image>`), and the one a drag-and-drop-onto-a-picture question
    (ddmarker, ddimageortext) has its items dropped on, a `<file>` of the question itself
    (its `bgimage`), without which its text asks about nothing a reader sees."""
    old = _old_picture_file(question)
    return ([old] if old is not None else []) + [*question.iterchildren("file")]


def _old_picture(question: etree._Element) -> str:
    """The HTML that shows a question's pictures of `_question_picture_files` after its
    text, as Moodle's importer adds a 1.9 one (`import_headers`); empty when it has none."""
    return "".join(
        f' <img src="{PLUGINFILE}{quote(file.get("name") or "")}" alt="">'
        for file in _question_picture_files(question)
    )


def _drop_zones(question: etree._Element) -> list[str]:
    """Where each item of a drag-and-drop-onto-a-picture question goes, a line each: the
    item's text (a marker's, or a ddimageortext label) and its zone on the picture, as
    Moodle gives it (a ddmarker zone's shape and coordinates, a ddimageortext one's left and
    top); none for another question."""
    items = {
        (drag.findtext("no") or "").strip(): one_line(drag.findtext("text") or "")
        for drag in question.iterfind("drag")
    }
    zones = []
    for drop in question.iterfind("drop"):
        item = items.get((drop.findtext("choice") or "").strip(), "") or "(no item)"
        shape, coords = (drop.findtext("shape") or "").strip(), drop.findtext("coords")
        if coords is not None:
            where = f"{shape} {coords.strip()}".strip()
        else:
            where = f"left {drop.findtext('xleft') or '?'}, top {drop.findtext('ytop') or '?'}"
        zones.append(f"({(drop.findtext('no') or '').strip()}) {item}: {where}")
    return zones


def _file(
    element: etree._Element, source: str, problems: list[Problem]
) -> tuple[str | None, bytes | str | None]:
    """A `<file>`'s path in its file area and its bytes, or why they cannot come along (said
    by the question that shows it); a name that could lead out of the bank's folder is a
    problem."""
    line = element.sourceline or 1
    name = element.get("name") or ""
    folder = element.get("path") or "/"
    shown = f"the file '{folder}{name}'"

    def refuse(message: str) -> tuple[None, None]:
        problems.append(Problem(source, line, message))
        return None, None

    names = folder.strip("/").split("/") if folder.strip("/") else []
    if (
        not name
        or not folder.startswith("/")
        or not folder.endswith("/")
        or any(part in ("", ".", "..") or not part.isprintable() for part in [*names, name])
        or any(bad in part for part in [*names, name] for bad in ("/", "\\", ":"))
        or len(name) > 255
    ):
        return refuse(
            f"{shown} has a name or folder that could lead out of the bank's folder "
            "(empty, '.', '..', a backslash or a colon in it); it is not imported"
        )
    path = "/".join([*names, name])
    if (element.get("encoding") or "") != "base64":
        return path, f'{shown} is not base64 (encoding="base64"), the only one Moodle writes'
    text = element.text or ""
    if len(text) > MAX_FILE_TEXT:
        return path, f"{shown} is more than the {MAX_IMAGE_BYTES // 1_000_000} MB an image may be"
    try:
        data = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return path, f"{shown} is not valid base64"
    if sniff(data) is not None:  # another kind of file is left behind by the question
        found = checked(data, shown)
        if isinstance(found, str):
            return path, found
    return path, data


@dataclass(frozen=True)
class XmlFormat:
    """What parse_xml's messages say of the file it reads, in its own format's words (a
    broken Canvas quiz was told of Moodle XML and Moodle's export): its name, the program
    that writes it, how that program writes an '&' and a name HTML knows, and how to
    export it again."""

    name: str  # 'Moodle XML'
    program: str  # 'Moodle'
    ampersand: str  # what to write for a bare '&'
    html_name: str  # what to write for '&nbsp;', which XML does not know
    again: str  # how to export the file again


MOODLE_XML = XmlFormat(
    name="Moodle XML",
    program="Moodle",
    ampersand=(
        "write it '&amp;', as Moodle's export does, or keep the text inside <![CDATA[ ... ]]>"
    ),
    html_name=(
        "keep the text inside <![CDATA[ ... ]]>, as Moodle's export does (or write the "
        "character's number, '&#160;' for '&nbsp;')"
    ),
    again="export it from Moodle again",
)


def parse_xml(data: bytes, source: str, kind: XmlFormat = MOODLE_XML) -> etree._Element:
    """The root of a Moodle XML file (or another LMS's XML, `kind`), every problem said at
    its line in `kind`'s words; refused with a DOCTYPE (no entity is resolved)."""
    parser = xml_parser()
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        said = re.sub(r", line \d+, column \d+$", "", exc.msg)  # the problem's place says it
        if (value := re.fullmatch(r"xmlParseCharRef: invalid xmlChar value (\d+)", said)) or (
            said == "Unregistered error message"  # libxml2's for a control character in CDATA
        ):
            what = "a control character" if not value or int(value[1]) < 32 else "a character"
            said = (
                f"{what}{f' (&#{value[1]};)' if value else ''}, which XML does not allow; delete it"
            )
        elif said in ("xmlParseEntityRef: no name", "EntityRef: expecting ';'"):
            # a file edited by hand: 'Ethics & law' on a category's line (a trial)
            said = f"an '&' that starts no character reference; {kind.ampersand}"
        elif named := re.fullmatch(r"Entity '([^']{1,40})' not defined", said):
            said = f"'&{named[1]};', a name that HTML knows and XML does not; {kind.html_name}"
        elif "amplification" in said:  # the entities of an entity bomb
            doctype = data.find(b"<!DOCTYPE")
            line, column = (
                (data.count(b"\n", 0, doctype) + 1, 0) if doctype >= 0 else (line, column)
            )
            said = f"entities that expand past any bound; {kind.name} declares no entities"
        elif said.startswith(("Excessive depth", "Resource limit exceeded")):
            # libxml2's limits, said as its advice to programmers ("use XML_PARSE_HUGE")
            beyond = (
                f"its elements nest more than 256 deep, which no {kind.program} export does: "
                f"it was written by another program, or edited; {kind.again}"
                if said.startswith("Excessive depth")
                else "a text, or a file's content (a picture of 7 MB or more), is longer than "
                f"the 10 MB qbank reads of one; shrink it or leave it out in {kind.program}, "
                "and export again"
            )
            raise BankError([Problem(source, line, beyond, column=column + 1)]) from None
        elif _at_end(data, line, column) or said.startswith("Premature end of data"):
            opened = re.fullmatch(r"Premature end of data in tag (\S+) line (\d+)", said)
            inside = f" inside <{opened[1]}> (opened at line {opened[2]})" if opened else ""
            raise BankError(
                [
                    Problem(
                        source,
                        line,
                        f"the file ends early{inside}: it was cut short, as a download or a "
                        f"copy that stopped is; {kind.again}",
                    )
                ]
            ) from None
        raise BankError(
            [Problem(source, line, f"not well-formed XML: {said}", column=column + 1)]
        ) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise BankError(
            [Problem(source, 1, f"the file declares a DOCTYPE, which {kind.name} never has")]
        )
    return tree.getroot()


def _at_end(data: bytes, line: int, column: int) -> bool:
    """Whether libxml2 stopped at the end of the data (`column` counted from 1): a file cut
    short, whatever it was in the middle of."""
    last = data[data.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")
    return line == data.count(b"\n") + 1 and column > len(last)


def _markup_as_written(root: etree._Element) -> dict[etree._Element, str]:
    """Make each `<text>` that holds elements of its own (`<text><p>Canada</p></text>`, HTML
    outside CDATA, which Moodle's export never writes but a hand-made file or another
    program's does) hold them as the HTML they are, so that every field reads them (a
    matching question's items read as empty, unsaid: a trial); returns what to say of each
    question (or category) that holds one. Moodle's own import refuses such a text
    (`getpath(..., istext)` on the parsed array: 'string expected (use CDATA?)')."""
    said: dict[etree._Element, str] = {}
    for question in root.iterchildren("question"):
        lines: list[str] = []
        tags: list[str] = []
        for text in question.iter("text"):
            if len(text) == 0:
                continue
            lines.append(str(text.sourceline or question.sourceline or 1))
            tags += [f"<{c.tag}>" for c in text.iter() if isinstance(c.tag, str) and c is not text]
            if _plain(text.getparent()):  # its words: a tag there means nothing
                text.text = str(text.xpath("string()"))
            else:
                text.text = html.escape(text.text or "", quote=False) + "".join(
                    etree.tostring(child, encoding="unicode", with_tail=True) for child in text
                )
            for child in [*text]:
                text.remove(child)
        if lines:
            lines = list(dict.fromkeys(lines))
            where = f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(lines[:3])}"
            where += f" and {len(lines) - 3} more" if len(lines) > 3 else ""
            shown = and_list(list(dict.fromkeys(tags))[:5]) or "comments"
            said[question] = (
                f"its text at {where} holds tags ({shown}) outside <![CDATA[ ... ]]>, which "
                "Moodle's export never writes: read as HTML (a plain-text field, such as a "
                "matching question's answer, as its words), though Moodle's own import "
                "refuses it ('Invalid XML file - string expected (use CDATA?)'); put the text "
                "inside <![CDATA[ ... ]]> before you give the file to Moodle"
            )
    return said


def _plain(field: etree._Element | None) -> bool:
    """Whether the text of `field` is plain text, as this reader takes it: an answer's
    without a format (a matching question's), a tag's, a drag item's, a category's path
    (its '/' split the tags written in it: '<b>Data</b>' became a section 'b>'), one in
    plain_text."""
    if field is None:
        return False
    if field.tag == "answer":
        return field.get("format", "plain_text") == "plain_text"
    return field.tag in ("tag", "drag", "category") or field.get("format") == "plain_text"


def _text(element: etree._Element, *path: str) -> str:
    """The trimmed text at `path/text`, as Moodle's `getpath(..., istext)` reads it."""
    found = element.find("/".join((*path, "text")))
    return (found.text or "").strip() if found is not None else ""


def _format(element: etree._Element, name: str) -> str:
    found = element.find(name)
    return (found.get("format") or "html") if found is not None else "html"


def _as_text(
    element: etree._Element,
    name: str,
    texts: HtmlTexts,
    files: dict[etree._Element, Files],
    raw: str | None = None,
) -> str:
    """The bank text of a text element (or of `raw`, its text as changed): its HTML
    converted, Markdown as it is (Moodle's Markdown, near enough to CommonMark), other
    formats as literal text."""
    raw = _text(element, name) if raw is None else raw
    fmt = _format(element, name)
    # Moodle's own format shows a text that holds a tag or a character reference as HTML
    # (it came in with its tags shown, 'Testing <b>Kappa</b>: R&amp;D': a trial), as GIFT's
    shown = as_html(raw, "moodle" if fmt == "moodle_auto_format" else fmt)
    if shown is not None and fmt == "moodle_auto_format":
        texts.whose = "its text"
    if shown is not None:
        area = element.find(name)
        return texts.converter(files.get(area, {}) if area is not None else {})(shown)
    if fmt == "markdown":
        if texts.sniff:
            raise NeedsMarkdown
        texts.rich = True
        if texts.markdown:
            return raw
    return texts.literal(raw)


def _question(
    element: etree._Element,
    kind: str,
    section: str,
    competencies: dict[str, str],
    texts: HtmlTexts,
    files: dict[etree._Element, Files],
) -> Found:
    line = element.sourceline or 1
    found = Found(line, {}, given_id=(element.findtext("idnumber") or "").strip())
    words = texts.read.labels  # the words around the file's own, in the bank's language
    if section:
        found.fields["section"] = section
    texts.question()
    raw = _text(element, "questiontext")
    if _format(element, "questiontext") == "html":
        raw += _old_picture(element)
    blanked = gaps(kind, raw, element, words)
    text = _as_text(element, "questiontext", texts, files, blanked.markup if blanked else raw)
    # a name in several languages stands in said so, as a text is
    named = name_text(texts.in_one_language(_text(element, "name"))) if not text else ""
    found.fields["question"] = text or texts.literal(named)
    if blanked:  # its words without the blanks make its id
        found.id_text = without_blanks(str(found.fields["question"]))
    if not text:
        found.losses.append(_NAME_STANDS_IN)
    notes = []
    grader = _text(element, "graderinfo")
    general = _as_text(element, "generalfeedback", texts, files)
    ours = None
    if grader and _format(element, "graderinfo") == "html":
        area = element.find("graderinfo")
        ours = grader_fields(grader, texts.converter(files.get(area, {})))
    if ours:
        anchors = ours.pop("anchors", None)
        scores = tuple(level[0] for level in texts.read.rubric) or DEFAULT_SCORES
        if anchors and _on_scale(anchors, scores):  # type: ignore[arg-type]
            found.fields["anchors"] = {str(k): v for k, v in anchors.items()}  # type: ignore[union-attr]
        elif anchors:
            found.losses.append(
                "its anchors are not imported: they do not fit the rating scale "
                f"({', '.join(map(str, scores))}), which needs at least {needed_scores(scores)}"
            )
        competency = ours.pop("competency", None)
        if competency:
            name, about = competency  # type: ignore[misc]
            if competencies.setdefault(name, about) == about:
                found.fields["competency"] = name
            else:
                found.losses.append(f"its competency {name!r} is described twice; not kept")
        found.fields.update(ours)  # type: ignore[arg-type]
        if general and general != ours.get("hint"):
            notes.append(texts.literal(words.label(words.general_feedback)) + general)
    elif grader and (graders := _as_text(element, "graderinfo", texts, files)):
        found.fields["hint"] = graders
        if general:
            notes.append(texts.literal(words.label(words.general_feedback)) + general)
    answers, pictured, right, offered = _answers(element, texts, files)
    if offered:  # what a learner chooses from: without it, 'Select all the units that are
        # bigger than a megabyte.' could not be answered in any artifact (its id stays its
        # text's own)
        found.id_text = found.id_text or str(found.fields["question"])
        found.fields["question"] = f"{found.fields['question']}\n\n{texts.literal(offered)}"
    # the hint of a question Moodle marks itself opens with what gets full marks: it said
    # '(The Moodle file gave no grader information ...)' on a flashcard's back, the right
    # choice only in the note, and one with feedback alone ('Place values: 8, 4, 2, 1.')
    # never said its answer
    answer = _answer_hint(kind, element, right, blanked.right if blanked else [], texts)
    if "hint" not in found.fields and (general or answer):  # none from the grader's text
        found.fields["hint"] = "\n\n".join(filter(None, [answer, general]))
    elif "hint" not in found.fields:
        found.fields["hint"] = words.no_moodle_hint
        found.losses.append(_NO_HINT_LOSS)
    if blanked:
        notes.append(texts.literal("\n".join(blanked.lines)))
    opens = "its right answer opens the hint, and " if answer else ""
    if offered:
        opens = f"its {'items and ' if kind == 'matching' else ''}choices follow its text, {opens}"
    if kind not in ANSWERED:
        found.losses.append(
            f"{_a(kind or 'untyped')} question becomes an essay question"
            + (f"; {opens}its answers are kept as text in the note" if answers else "")
            + (f"; {blanked.said}" if blanked else "")
            + ("; the hint gives each gap's right answer" if blanked and answer else "")
        )
    elif kind == "shortanswer" and answers:
        found.losses.append(f"{opens}its accepted answers are kept as text in the note")
    files_asked = (element.findtext("attachments") or "").strip()
    if (element.findtext("responseformat") or "").strip() == "noinline":
        found.losses.append(
            "its answer is files alone, no text (Moodle's responseformat 'noinline'), which a "
            "bank's LMS files do not ask for: they ask for a text; set it again in the LMS"
        )
    elif files_asked not in ("", "0"):
        asked = "any number" if files_asked == "-1" else files_asked
        found.losses.append(
            f"the files it asks for with its answer ({asked} in Moodle's attachments) are not "
            "kept: a bank's LMS files ask for a text alone; set them again in the LMS"
        )
    if zones := _drop_zones(element):
        notes.append(texts.literal(f"{words.drop_zones}{words.colon}\n" + "\n".join(zones)))
        found.losses.append(
            "its items and where each is dropped on its picture are kept as text in the note"
        )
    if pictured_items := [*element.iterfind("drag/file")]:  # ddimageortext's item pictures
        found.losses.append(
            f"the pictures of its drag items ({len(pictured_items)}) are not imported: the "
            "note names each item by its text"
        )
    if answers and kind == "ordering":  # each answer's fraction is its place
        notes.append(_right_order(element, texts))
    elif answers:
        # a line each: '13 (100%), feedback: Yes: 8 + 4 + 1 = 13.; 11 (0%), ...' on one line
        # was hard to read on a card's back (a teacher's trial)
        notes.append(texts.literal("\n".join([words.answers, *answers])))
    notes += pictured  # after the answers, which name each by its alt text where it stood
    extras = [
        (words.moodle_hint, "Moodle hint", _hint_text(hint, texts, files))
        for hint in element.iterfind("hint")
    ]
    template = _as_text(element, "responsetemplate", texts, files)
    extras.append((words.answer_template, "answer template", template))
    kept: dict[str, int] = {}  # each part's count: said once, not a line a Moodle hint
    for label, what, shown in extras:
        if shown:
            notes.append(texts.literal(words.label(label)) + shown)
            kept[what] = kept.get(what, 0) + 1
    for what, count in kept.items():
        found.losses.append(
            f"its {what} is kept as text in the note"
            if count == 1
            else f"its {count} {what}s are kept as text in the note"
        )
    if notes:
        apart = "\n\n" if texts.markdown else "\n"
        found.fields["note"] = apart.join(filter(None, [str(found.fields.get("note", "")), *notes]))
    # Moodle's own tags and the course's tags alike (import_question_tags)
    tags = [(tag.findtext("text") or "").strip() for tag in element.iterfind("tags/tag")]
    tags += [(tag.findtext("text") or "").strip() for tag in element.iterfind("coursetags/tag")]
    if any(tags):
        found.fields["tags"] = list(dict.fromkeys(t for t in tags if t))
    _name_left_files(found, element, texts, files)
    return found


def _name_left_files(
    found: Found, element: etree._Element, texts: HtmlTexts, files: dict[etree._Element, Files]
) -> None:
    """Name the pictures and files of a question that the bank does not carry, and what
    its texts show otherwise."""
    if texts.changes:
        found.losses.append(changes_said(texts.changes, texts.whose))
    held = sum(len(files.get(area, {})) for area in _areas(element))
    found.losses += texts.left_behind("the question holds no such file")
    if texts.unlinked:
        named = ", ".join(repr(shorten(path, 80)) for path in dict.fromkeys(texts.unlinked))
        found.losses.append(
            f"the file(s) its text links to are not imported: {named}; a bank links only to "
            "web and mail addresses, so each link is its text (attach the file in the LMS, or "
            "put it on the web and link to its address)"
        )
    if held > len(texts.shown):
        found.losses.append(
            f"{held - len(texts.shown)} file(s) that its texts do not show are not imported"
        )


def _a(word: str) -> str:
    """`word` after its article: 'an ordering', 'a truefalse'."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def _hint_text(hint: etree._Element, texts: HtmlTexts, files: dict[etree._Element, Files]) -> str:
    """A hint Moodle shows before another try (`import_hint`), as bank text."""
    raw = (hint.findtext("text") or "").strip()
    if (hint.get("format") or "html") == "html":
        return texts.converter(files.get(hint, {}))(raw)
    return raw


def _on_scale(anchors: dict[int, str], scores: tuple[int, ...]) -> bool:
    """Whether a bank rated on `scores` takes these anchors, by the loader's own rule
    (structure.anchors): scores of the scale, the lowest, a middle (either of an even
    scale's two) and the highest among them. A 1-4 bank's anchors at 1, 2 and 4 passed
    `qbank check` but were dropped on import, which asked for 3."""
    given = set(anchors)
    return (
        given <= set(scores)
        and {scores[0], scores[-1]} <= given
        and any(score in given for score in middle_scores(scores))
    )


def _answers(
    element: etree._Element, texts: HtmlTexts, files: dict[etree._Element, Files]
) -> tuple[list[str], list[str], list[str], str]:
    """A question's answers as `text (fraction%)`, the way a reader would list them (each
    picture they and their feedback show as its alt text in brackets), and those pictures
    that come along, as the bank's text of each; what gets full marks; and what a learner
    chooses from, a line each, where Moodle shows it beside the question (a choice
    question's choices, lettered as Moodle letters them; a matching question's items and
    its choices, in the order of the alphabet, where Moodle shuffles them)."""
    answers = []
    pictured: list[str] = []
    scored: list[tuple[float, str]] = []  # each answer's fraction and its text
    matched: list[str] = []  # a matching question's pairs, each of a sub-question
    items: list[str] = []  # and its items alone
    for answer in element.iterfind("answer"):
        fmt = answer.get("format", "plain_text")
        raw = (answer.findtext("text") or "").strip()
        # Moodle's own format (a short answer's) as Moodle shows it, as a text's is
        markup = as_html(raw, "moodle" if fmt == "moodle_auto_format" else fmt)
        if markup is not None and fmt == "moodle_auto_format":
            texts.whose = "its text"
        text = raw if markup is None else text_from_html(texts.in_one_language(markup))
        tolerance = (answer.findtext("tolerance") or "").strip()
        if _TOLERANCE.fullmatch(tolerance) and float(tolerance):  # a numerical answer's
            text = f"{text} ± {tolerance}"
        scored.append((as_fraction(answer.get("fraction")), text))
        feedback = (answer.findtext("feedback/text") or "").strip()
        as_markup = _format(answer, "feedback") == "html"
        shown = text_from_html(texts.in_one_language(feedback)) if as_markup else feedback
        pictured += texts.pictures(files.get(answer, {}), raw) if fmt == "html" else []
        if as_markup:
            pictured += texts.pictures(files.get(answer.find("feedback"), {}), feedback)
        # what a learner who chose it is told, on the answer's line
        answers.append(listed_answer(text, answer.get("fraction", "0"), shown, texts.read.labels))
    for sub in element.iterfind("subquestion"):
        raw = (sub.findtext("text") or "").strip()
        target = (sub.findtext("answer/text") or "").strip()
        shown = text_from_html(texts.in_one_language(raw))
        answers.append(f"{shown} -> {target}")
        if shown.strip():  # one with no text is a wrong answer offered, no pair
            items.append(" ".join(shown.split()))
            matched.append(f"{items[-1]} -> {target}")
        pictured += texts.pictures(files.get(sub, {}), raw)
    offered = ""
    if element.get("type") in _CHOSEN:
        numbering = (element.findtext("answernumbering") or "abc").strip()
        offered = choices_shown([text for _, text in scored], numbering)
    elif element.get("type") == "truefalse":  # Moodle shows 'True' and 'False', not its answers
        offered = true_false_shown(labels=texts.read.labels)
    elif items:
        offered = items_shown(items, _targets(element), texts.read.labels)
    several = (element.findtext("single") or "").strip().lower() in ("false", "0")
    several = several or element.get("type") in _ALL_CHOSEN
    return answers, pictured, matched or full_marks(scored, several), offered


_CHOSEN = {"multichoice", "multichoiceset"}  # the types whose choices a learner sees
# the types whose every answer worth marks is chosen together (`single` false: several)
_ALL_CHOSEN = {"multichoiceset"}


def _targets(element: etree._Element) -> list[str]:
    """A matching question's answers, each offered to every item (a wrong one too)."""
    return [
        " ".join((sub.findtext("answer/text") or "").split())
        for sub in element.iterfind("subquestion")
        if (sub.findtext("answer/text") or "").strip()
    ]


def _answer_hint(
    kind: str, element: etree._Element, right: list[str], gapped: list[str], texts: HtmlTexts
) -> str:
    """What gets full marks as the bank's text: 'Answer: 13', 'Answers: gigabyte;
    terabyte', a matching question's pairs and a cloze question's gaps a line each; empty
    for a question Moodle does not mark itself (an essay, a description)."""
    if kind == "ordering":  # each answer's fraction is its place, not its marks
        return _right_order(element, texts)
    if kind == "truefalse":  # as Moodle's page shows them, in the bank's language
        right = [true_or_false(text, texts.read.labels) for text in right]
    elif kind == "numerical" and right:  # in the unit an answer is given in
        unit = next(
            (
                (u.findtext("unit_name") or "").strip()
                for u in element.iterfind("units/unit")
                if as_fraction(u.findtext("multiplier")) == 1
            ),
            "",
        )
        left = (element.findtext("unitsleft") or "").strip() == "1"
        if unit:
            right = [f"{unit} {text}" if left else f"{text} {unit}" for text in right]
    return answer_hint(
        gapped or right, bool(gapped) or kind == "matching", texts.literal, texts.read.labels
    )


def _right_order(element: etree._Element, texts: HtmlTexts) -> str:
    """An ordering question's right order as the bank's text: 'Right order: a, b, c'."""
    words = texts.read.labels
    return texts.literal(words.label(words.right_order) + ", ".join(_in_order(element, texts)))


def _in_order(element: etree._Element, texts: HtmlTexts) -> list[str]:
    """An ordering question's answers in their right order: each answer's fraction is its
    place (qtype_ordering), where the note read 'Modular (1.0000000%); Object (2.0000000%)'."""
    placed = []
    for at, answer in enumerate(element.iterfind("answer")):
        raw = (answer.findtext("text") or "").strip()
        text = text_from_html(texts.in_one_language(raw)) if answer.get("format") == "html" else raw
        try:
            place = float(answer.get("fraction") or "")
        except ValueError:
            place = float("inf")
        placed.append((place, at, " ".join(text.split())))
    return [text for _, _, text in sorted(placed)]


# a numerical answer's tolerance as Moodle writes it (a number, few digits)
_TOLERANCE = re.compile(r"[0-9]{1,20}(?:\.[0-9]{0,20})?|\.[0-9]{1,20}")
