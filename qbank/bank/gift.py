"""Reading GIFT, Moodle's plain-text question format (question/format/gift).

Questions are separated by blank lines. A `$CATEGORY: path` line sets the section of the
questions after it; a question on the next line is kept, with a warning (Moodle's own
import reads it as more of the category's name). A comment line before a question may give
its id and tags (`// [id:x] [tag:y]`). A file in the layout of qbank's export (a question
titled by its number, `::Q7::`, with its id in the comment) comes back in its numbers'
order, as a Moodle XML file qbank wrote does, and the descriptions its export writes as
comments (the bank's in the first block, a section's before its $CATEGORY line) are read
back; any other file keeps its own order, and its comments describe nothing. The language
the export gives the bank and a section of its own, `//[language:he]` after its
description, is read back, GIFT having no field for it.
A question is `::title::[format]text{answers}`: an empty answer part (or one holding only
`####general feedback`) is an essay, text with no answer part (no `{` nor `}`) a description,
which is its section's description where it opens its category, else a question, by the
Moodle XML reader's rule (imported.Descriptions); a `}` with no `{` is refused, as Moodle's
import refuses it. The general
feedback becomes the hint. The answers of other questions (multiple choice, short answer,
true-false, matching, numerical), told apart as Moodle's importer tells them, are kept in the
note as the Moodle XML reader lists them (`Frog (100%), feedback: Good!`, `3 ± 2 (100%)`,
`Canada -> Ottawa`: imported.listed_answer) and named per question.
A question whose answer part is not closed before the blank line that ends it is named at
its line and left out; the file's other questions are read.
`\\~ \\= \\# \\{ \\} \\: \\\\` stand for the character, and `\\n` for a line break.
A file with any `[markdown]` text, or `[html]` text that holds more than plain text can
(emphasis, lists, links: Moodle's own GIFT export writes [html]), makes a Markdown bank: its
other texts are made CommonMark that shows them as they were (HTML through html_markdown, as
Moodle XML's import reads it; plain text escaped). Text in Moodle's own format (GIFT's
default) that holds a tag or a character reference is HTML to Moodle, and read so.
An `[html]` text's picture given in its `data:` address is written beside the new bank, as
Moodle XML's is (html_pictures.py). A `[markdown]` text's pictures are read beside the GIFT
file, as the new bank's reader will read them; one that is not there (or is a web address,
or Moodle's `@@PLUGINFILE@@`, which a GIFT file carries no file for) is its alt text in
brackets, named per question.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from markdown_it.token import Token

from qbank.bank.html_markdown import is_rich, literal_markdown, markdown_text
from qbank.bank.html_pictures import HtmlPictures
from qbank.bank.html_text import (
    Kept,
    alt_text,
    as_html,
    changes_said,
    html_text,
    language_kept,
    name_text,
    one_language,
    text_from_html,
)
from qbank.bank.images import REMOTE, ImageFiles
from qbank.bank.imported import (
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
    nested_too_deep,
    picture_refused,
    read_file,
    true_false_shown,
    true_or_false,
)
from qbank.bank.markdown import parser
from qbank.errors import BankError, Problem
from qbank.model import NESTED
from qbank.text import and_list, is_language_tag, one_line, shorten

_UNESCAPED = {"n": "\n", "~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "\\": "\\"}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_SEPARATOR_BREAK = re.compile(r"([\u2028\u2029])\\n")
_RICH_HTML = "rich html"  # among the formats seen: [html] text that a plain bank would lose
_FORMAT = re.compile(r"\s*\[(html|markdown|plain|moodle)\]")
# as Moodle's importer reads them from a comment
_PHP_BLANKS = " \t\n\r\0\x0b"  # what PHP's trim() strips, as Moodle reads a blank line
_LINE_END = re.compile(r"\r\n|\r|\n")  # GIFT's lines: not str.splitlines's U+2028, \f or \x1c
# an answer's weight, `%50%`, as Moodle's importer reads it ($giftanswerweightregex)
_WEIGHT = re.compile(r"%-*[0-9]{1,2}\.?[0-9]*%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


def unescape(text: str) -> str:
    """The text a GIFT text stands for; a line break after a line or paragraph separator
    is its own, as qbank writes it (exporters/lms/gift.py: escape)."""
    text = _SEPARATOR_BREAK.sub(r"\1", text)
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m[1], m[0]), text)


def _find(text: str, token: str, start: int = 0) -> int:
    """The index of the first `token` in `text` from `start` that no backslash escapes."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(token, i):
            return i
        i += 1
    return -1


def read_gift(path: Path, language: str | None = None) -> Read:
    """The questions of a GIFT file; its texts given in several languages in `language`
    where they give it (html_text.language_kept)."""
    source = str(path)
    data = read_file(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BankError([Problem(source, line, "not UTF-8 text; save the file as UTF-8")]) from None
    formats: set[str] = set()
    images = _Pictures(path.parent)
    # a question's texts in several languages come in in the one most questions give first
    kept = language_kept((unescape("\n".join(b)) for _, b in _blocks(text)), source, language)
    read = _read(source, text, formats, images, kept, markdown=False)
    if "markdown" in formats or _RICH_HTML in formats:
        read = _read(source, text, formats, images, kept, markdown=True)
        read.markup = "markdown"
    return read


def _read(
    source: str, text: str, formats: set[str], images: _Pictures, kept: Kept | None, markdown: bool
) -> Read:
    read = Read(source, multilang=kept)
    descriptions = Descriptions(read, carried=_CARRIED)
    paths: list[list[str]] = []
    section = ""
    ours = False  # whether a question is in the layout of qbank's export
    numbered: list[tuple[Found, str]] = []  # the questions titled by a number, and it
    lines = _LINE_END.split(text)
    last = len(lines) - (lines[-1] == "")  # the last line: none after a final line break
    # the descriptions qbank's export writes as comments: the bank's in the file's first
    # block, a section's before its $CATEGORY line; read if the file is qbank's
    described: dict[str, str] = {}
    about = ""
    for index, (line, block) in enumerate(_blocks(text)):
        body = "\n".join(b for b in block if not b.lstrip().startswith("//")).strip()
        if not body:
            if index == 0:
                about = _commented(block)
                read.language = _language_given(block)
            continue
        after_category = False
        if body.startswith("$CATEGORY:"):
            first = block.index(_first(block))
            # in one language, as Moodle's filters show it (its marks came in as its name)
            path = block[first].strip()[len("$CATEGORY:") :].strip()
            path, changes = one_language(path, read.multilang)
            parts = category_parts(path)
            if parts and changes:
                said = changes_said(changes, "its name")
                read.skipped.append((line + first, f"category {NESTED.join(parts)!r}: {said}"))
            if parts:
                paths.append(parts)
                section = SEPARATOR.join(parts)
                read.sections.setdefault(section, "")
                described.setdefault(section, _commented(block[:first]))
                if language := _language_given(block[:first]):
                    read.section_languages.setdefault(section, language)
            # a question on the next line is a question, not more of the category's name
            line, block = line + first + 1, block[first + 1 :]
            body = "\n".join(b for b in block if not b.lstrip().startswith("//")).strip()
            if not body:
                continue
            after_category = True
        comments = [b for b in block if b.lstrip().startswith("//")]
        at = line + block.index(_first(block))
        texts = _Texts(read, formats, markdown, images)
        try:
            found, title, item = _question(at, body, section, texts)
        except RecursionError:  # [html] text of quotes or lists inside each other, 250 deep
            raise BankError([nested_too_deep(source, at)]) from None
        except _Unclosed as unclosed:  # said, and the file's other questions read
            end = line + len(block)
            where = f"the blank line at line {end}" if end <= last else "the end of the file"
            what, advice = unclosed.args
            named = shorten(one_line(body), 50, at_word=True)
            said = f"the question {named!r} is not imported: {what} before {where}; {advice}"
            read.skipped.append((at, said))
            continue
        # one line a comment line, as Moodle joins them: a mark never runs on to the next
        remark = "\n".join(c.strip(_PHP_BLANKS) for c in comments)
        if ids := marks(remark, "id"):
            found.given_id = ids[0]
        tags = marks(remark, "tag")
        if tags:
            found.fields["tags"] = tags
        found.losses += texts.losses()
        if after_category:
            found.losses.append(
                "it follows a $CATEGORY line with no blank line between: Moodle's own import "
                "would read it as more of the category's name; put a blank line before it"
            )
        why = ""
        if item:  # text with no answer part: Moodle's description item
            shown = str(found.fields["question"])
            pictured = texts.markdown and _PICTURE.search(shown) is not None
            why = descriptions.why_kept(section, shown, shown, pictured)
            if not why:  # it opens its category: the section's description

                def as_question(found: Found = found, title: str = title) -> None:
                    if _titled(found, title, read.multilang):
                        numbered.append((found, title))

                lost = _lost_by_a_section(found, title, read.multilang)
                descriptions.open(section, found, lost, as_question)
                continue
        descriptions.question(found, section, why)
        if _titled(found, title, read.multilang):
            numbered.append((found, title))
        # qbank's export titles each question by its number and gives its id in the comment
        ours = ours or (found.number is not None and bool(ids))
        read.add(found)
    # a file qbank wrote describes its sections in comments: an item opening one so
    # described is a question, as in a category with a description
    descriptions.settle({key for key, text in described.items() if text} if ours else set())
    if ours:  # a file qbank wrote: its numbers are the bank's order, its comments described
        in_bank_order(read)
        read.sections.update((key, text) for key, text in described.items() if text)
    else:  # a number of the file's own: the bank numbers its questions in order
        for found, title in numbered:
            said = (
                "is not kept (a bank question has none, and the bank numbers its questions in "
                "their order)"
            )
            found.losses.append(Loss(f"its title {title!r} {said}", f"its title {said}"))
    name_sections(read, paths)
    if ours and about:
        read.description = about
    return read


# how the bank's LMS files give back a section's description
_CARRIED = (
    "the bank's GIFT file gives it as a comment before its $CATEGORY line (which Moodle "
    "passes over), its Moodle XML as the category's description"
)


def _lost_by_a_section(found: Found, title: str, kept: Kept | None) -> list[str]:
    """What of a description that becomes its section's description a section has no
    place for: its title (as Moodle shows it, in the file's language, as _titled says a
    question's), id and tags."""
    tags = [repr(tag) for tag in found.fields.get("tags", [])]  # type: ignore[union-attr]
    shown = name_text(one_language(title, kept)[0])
    lost = [
        f"its title {shorten(one_line(shown), 80)!r}" if shown else "",
        f"its id {shorten(one_line(found.given_id), 80)!r}" if found.given_id else "",
        f"its tags ({and_list(tags)})" if tags else "",
    ]
    return [what for what in lost if what]


# the comment Moodle's GIFT export writes before each question and category
_MOODLES_COMMENT = re.compile(r"question: [0-9]+ +name: ")


def _commented(lines: list[str]) -> str:
    """The text of comment lines as qbank's export writes a description (`// ` before
    each line), Moodle's own comment and qbank's language mark left out (a Moodle export of
    qbank's file has the one)."""
    said = [line.lstrip()[2:].removeprefix(" ") for line in lines if not _language_mark(line)]
    return "\n".join(s for s in said if not _MOODLES_COMMENT.match(s)).strip()


# the comment qbank's export gives a bank's or a section's own language by, GIFT having no
# field for it: `//` and no blank, which a description's comment lines (`// text`) never are
_LANGUAGE_MARK = re.compile(r"//\[language:([^\]]*)\]")


def language_comment(language: str) -> str:
    """The comment line that gives a bank's or a section's language (a language tag) in a
    GIFT file qbank writes, after its description (exporters/lms/gift.py)."""
    return f"//[language:{language}]"


def _language_mark(line: str) -> str:
    """The language a line of a comment gives as qbank's mark, or ''."""
    found = _LANGUAGE_MARK.fullmatch(line.strip(_PHP_BLANKS))
    return found[1] if found is not None and is_language_tag(found[1]) else ""


def _language_given(lines: list[str]) -> str:
    """The language comment lines give by qbank's mark, or ''."""
    return next(filter(None, map(_language_mark, lines)), "")


def marks(remark: str, key: str) -> list[str]:
    """The values of `[key:value]` in a question's comment, as Moodle's GIFT importer reads
    them (qformat_gift::extract_idnumber_and_tags_from_comment): one or more characters
    that are not control characters (nor `<`, `>` or a backtick in a tag), up to the first
    `]` that no backslash escapes (`\\]` is a `]`), trimmed as PHP's trim() does; and when
    no `]` closes it, up to the last escaped one, read as a backslash and the `]` that
    closes it (Moodle's pattern backtracks there: `[id:C:\\temp\\]` is the id `C:\\temp\\`).
    Read in one pass: a regular expression searched again from each of 60,000 unclosed
    `[id:` took minutes."""
    opening = f"[{key}:"
    stops = "]<>`" if key == "tag" else "]"
    found: list[str] = []
    at = 0
    while (start := remark.find(opening, at)) >= 0:
        i, value = start + len(opening), []
        escaped_at, escaped_len = -1, 0  # the last `\\]` read, and the value before it
        while i < len(remark) and remark[i] not in stops and " " <= remark[i] != "\x7f":
            if remark[i] == "\\" and remark.startswith("]", i + 1):
                escaped_at, escaped_len = i, len(value)
                value.append("]")
                i += 2
            else:
                value.append(remark[i])
                i += 1
        if i < len(remark) and remark[i] == "]" and value:
            found.append("".join(value).strip(_PHP_BLANKS))
            at = i + 1
        elif escaped_at >= 0:  # closed by the last escaped `]` after all
            found.append(("".join(value[:escaped_len]) + "\\").strip(_PHP_BLANKS))
            at = escaped_at + 2
        else:  # no `[key:` before here closes either: on from where this one stopped
            at = max(i, start + 1)
    return found


def _first(block: list[str]) -> str:
    return next(b for b in block if not b.lstrip().startswith("//"))


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Runs of lines between blank lines, each with the line it starts on."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for number, line in enumerate(_LINE_END.split(text), start=1):
        if line.strip(_PHP_BLANKS):  # Moodle's trim(): a line of no-break spaces is text
            if not current:
                blocks.append((number, current))
            current.append(line)
        else:
            current = []
    return blocks


class _Pictures:
    """The pictures of `[markdown]` texts, read beside the GIFT file as the new bank's
    reader reads them (each once), and found in a text's Markdown."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files = ImageFiles(folder, "GIFT file")
        self.md = parser()

    def unfound(self, written: str) -> str | None:
        """Why the picture at `written` cannot come along, or None when it can; '' for one
        the file carries no file for (an address)."""
        if written.startswith("@@PLUGINFILE@@") or REMOTE.match(written):
            return ""
        found = self.files.read(written)
        if not isinstance(found, str):
            return None
        place = self.folder.resolve() / PurePosixPath(written)
        if not written.startswith(("/", "\\")) and not place.exists():
            return (
                f"the picture '{written}' is not imported: it is not beside the GIFT file, "
                f"where import looked for it ({place}); its alt text stands in brackets "
                "(import reads a GIFT file's pictures from the file's own folder, not the one "
                "it is run in: copy the GIFT file into the folder of the bank it came from and "
                "import that copy, or copy the picture beside the file)"
            )
        return picture_refused(found)

    def shown(self, text: str) -> list[tuple[str, str]]:
        """The alt text and the path of each picture a Markdown text shows."""
        return [
            ("".join(c.content for c in image.children or ()).strip(), written)
            for image in _images(self.md.parse(text))
            if (written := unquote(str(image.attrGet("src") or "")))
        ]


def _images(tokens: list[Token]) -> list[Token]:
    found = []
    for token in tokens:
        if token.type == "image":
            found.append(token)
        found += _images(token.children or [])
    return found


# a picture's Markdown as CommonMark writes one inline: `![alt](path "title")`
_PICTURE = re.compile(
    r"!\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\]\(\s*(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)


_CHECKED = 100  # the places of a text's pictures checked one by one (see _pictures_found)


class _Texts(HtmlPictures):
    """GIFT text as bank text: plain, or CommonMark in a Markdown bank."""

    def __init__(self, read: Read, formats: set[str], markdown: bool, pictures: _Pictures) -> None:
        super().__init__(read)  # the pictures of its [html] text, `lost` those of [markdown]
        self.formats = formats
        self.markdown = markdown
        self.pictures = pictures
        self.unfound: list[str] = []  # why each picture of its [markdown] text stays behind

    def __call__(self, raw: str, fmt: str) -> str:
        self.formats.add(fmt)
        text = unescape(raw.strip())
        if fmt == "markdown":
            return self._pictures_found(text) if "![" in text else text
        if (shown := as_html(text, fmt)) is not None:  # GIFT carries no files: {}
            if fmt != "html":
                self.whose = "its text"
            blocks, changes = self.blocks({}, shown)
            if is_rich(blocks):
                self.formats.add(_RICH_HTML)
            if self.markdown:
                self.changes += changes
                return markdown_text(blocks)
            plain, changes = html_text(shown, self.read.multilang)
            self.changes += changes
            return plain
        return self.literal(text)

    def _pictures_found(self, text: str) -> str:
        """A Markdown text whose pictures that cannot come along are their alt text in
        brackets. Each is found where it is written; when the same characters stand in code
        too, a place is taken only if the text then shows one such picture fewer (up to
        _CHECKED places: past that the bank's reader says why the picture is refused)."""
        shown = self.pictures.shown
        left = {
            written: why
            for _, written in shown(text)
            if (why := self.pictures.unfound(written)) is not None
        }
        if not left:
            return text
        places = []
        for found in _PICTURE.finditer(text):
            picture = shown(found[0])
            if len(picture) == 1 and picture[0][1] in left:
                places.append((found, *picture[0]))

        def showing(text: str) -> int:
            return sum(written in left for _, written in shown(text))

        sure = len(places) == showing(text)
        if not sure and len(places) > _CHECKED:
            return text
        taken = []
        for found, alt, written in reversed(places):  # the later first: places stay put
            bracketed = literal_markdown(alt_text(alt))
            changed = text[: found.start()] + bracketed + text[found.end() :]
            if sure or showing(changed) < showing(text):
                text = changed
                taken.insert(0, written)
        for written in dict.fromkeys(taken):
            if why := left[written]:
                self.unfound.append(why)
            elif written not in self.lost:
                self.lost.append(written)
        return text

    def losses(self) -> list[str]:
        """What the question's texts lose, said as a loss of the question."""
        said = [changes_said(self.changes, self.whose)] if self.changes else []
        why = "GIFT carries no files (a [markdown] text's pictures beside the file come along)"
        return said + self.left_behind(why) + list(dict.fromkeys(self.unfound))

    def literal(self, text: str) -> str:
        return literal_markdown(text) if self.markdown else text


class _Unclosed(Exception):
    """A question whose answer part is not closed, which Moodle's import refuses; the
    file's other questions are read."""


def _question(line: int, body: str, section: str, _text: _Texts) -> tuple[Found, str, bool]:
    """The question of a block, its title, and whether it is a description (text with no
    answer part, which Moodle's importer makes a description item)."""
    found = Found(line, {})
    if section:
        found.fields["section"] = section
    rest = body
    title = ""
    if rest.startswith("::"):
        end = _find(rest, "::", 2)
        if end < 0:  # Moodle reads what follows as the question's text
            rest = rest[2:]
            found.losses.append(
                "its title, opened by '::', is not closed by '::', so all of it is read as "
                "the question's text, as Moodle reads it; close the title if it is one"
            )
        else:
            title, rest = unescape(rest[2:end]).strip(), rest[end + 2 :]
    fmt = "moodle"
    if (match := _FORMAT.match(rest)) is not None:
        fmt, rest = match[1], rest[match.end() :]
    asked = fmt  # the format of the answers that name none, as Moodle reads them
    opening = _find(rest, "{")
    if opening < 0 and _find(rest, "}") >= 0:  # Moodle's importer refuses it ('braceerror')
        raise _Unclosed(
            "its answer part, closed by '}', is not opened by '{'",
            "open it (a blank line ends a question in GIFT; '\\}' writes a brace in its text)",
        )
    if opening < 0:  # no answer part: a description, as Moodle's importer tells one
        found.fields["question"] = _text(rest, fmt)
        found.fields["hint"] = _text.read.labels.no_gift_hint
        return found, title, True
    closing = _find(rest, "}", opening + 1)
    if closing < 0:
        raise _Unclosed(
            "its answer part, opened by '{', is not closed by '}'",
            "close it (a blank line ends a question in GIFT; '\\{' writes a brace in its text)",
        )
    after = rest[closing + 1 :].strip()
    stem = _text(rest[:opening], fmt)
    if after:  # "missing word": the answer stands inside the sentence
        stem = f"{stem} _____ {_text(after, fmt)}"
    if not stem.strip() and title and not re.fullmatch(r"Q\d+", title):
        # as a Moodle XML question's name stands in for an empty text; it was refused as
        # "question 'question': 'question' is empty", which named nothing to find
        stem = _text.literal(name_text(one_language(title, _text.read.multilang)[0]))
        found.losses.append(_TITLE_STANDS_IN)
    found.fields["question"] = stem
    answers = rest[opening + 1 : closing].strip()
    split = _find(answers, "####")
    feedback = ""
    if split >= 0:
        answers, feedback = answers[:split].strip(), answers[split + 4 :]
        if (match := _FORMAT.match(feedback)) is not None:
            fmt, feedback = match[1], feedback[match.end() :]
        feedback = _text(feedback, fmt)
    answer = ""
    if answers:
        kind, listed, right, offered = _answers(answers, asked, _text)
        # as the Moodle XML reader does: the right answer opens the hint, and what a
        # learner chooses from follows the question's text
        labels = _text.read.labels  # in the bank's language, where the file or --lang gives it
        answer = answer_hint(right, kind == "a matching question", _text.literal, labels)
        if offered:
            found.id_text = stem
            found.fields["question"] = f"{stem}\n\n{_text.literal(offered)}"
        follows = ("its items and " if kind == "a matching question" else "its ") + "choices "
        found.losses.append(
            f"{kind} becomes an essay question; "
            + (f"{follows}follow its text, " if offered else "")
            + ("its right answer opens the hint, and " if answer else "")
            + "its answers are kept as text in the note"
        )
        # none listed (an answer part Moodle refuses, `{#}`): kept as the file wrote it
        shown = "\n".join(["", *listed]) or f" {unescape(answers)}"  # a line each, as Moodle's
        found.fields["note"] = _text.literal(f"{labels.answers}{shown}")
    if feedback or answer:
        found.fields["hint"] = "\n\n".join(filter(None, [answer, feedback]))
    else:
        found.fields["hint"] = _text.read.labels.no_gift_hint
        found.losses.insert(0, "no general feedback (####) to take the hint from")
    return found, title, False


def _answers(answers: str, fmt: str, texts: _Texts) -> tuple[str, list[str], list[str], str]:
    """The kind of question an answer part makes, as Moodle's importer tells it
    (qformat_gift::readquestion), and its answers as the note lists them, in the Moodle
    XML reader's words: `yellow (100%), feedback: right`, `Canada -> Ottawa`; what gets
    full marks; and what a learner chooses from, where Moodle shows it beside the question
    (a choice question's choices, a matching question's items and choices)."""
    if answers.startswith("#"):
        listed, scored = _numbers(answers[1:], fmt, texts)
        return "a numerical question", listed, full_marks(scored, False), ""
    if _find(answers, "~") >= 0:
        choices, scored = [], []
        for mark, choice in _pieces(answers, "~="):
            fraction, choice = ("100", choice) if mark == "=" else _weight(choice, "0")
            listed, shown = _listed(choice, fraction, fmt, texts)
            choices.append(listed)
            scored.append((as_fraction(fraction), shown))
        # several chosen where no answer is marked right with '=' (Moodle's `single` 0)
        several = not any(mark == "=" for mark, _ in _pieces(answers, "~="))
        offered = choices_shown([text for _, text in scored])
        return "a multiple-choice question", choices, full_marks(scored, several), offered
    if _find(answers, "=") >= 0 and _find(answers, "->") >= 0:
        pairs, items, targets = [], [], []
        for _, pair in _pieces(answers, "="):
            arrow = _find(pair, "->")
            if arrow < 0:
                pairs.append(_shown(pair, fmt, texts))
            else:
                target = " ".join(unescape(pair[arrow + 2 :]).split())
                item = _shown(pair[:arrow], fmt, texts)
                pairs.append(f"{item} -> {target}".strip())
                targets.append(target)
                items += [item] if item else []  # none: a wrong answer offered, no pair
        right = [pair for pair in pairs if not pair.startswith("->")]
        offered = items_shown(items, targets, texts.read.labels) if items else ""
        return "a matching question", pairs, right, offered
    answer, wrong, right = [*_cut(answers, "#", 3), "", ""][:3]
    if (true := _TRUE_FALSE.get(answer.strip())) is not None:
        feedback = {true: right, not true: wrong}  # the first is for the wrong answer
        said = {value: _shown(feedback[value], fmt, texts) for value in (True, False)}
        return (
            "a true-false question",
            [
                listed_answer(word, "100" if value is true else "0", said[value], texts.read.labels)
                for word, value in (("true", True), ("false", False))
            ],
            [true_or_false(str(true), texts.read.labels)],
            true_false_shown(labels=texts.read.labels),
        )
    accepted, scored = [], []
    for _, choice in _pieces(answers, "="):
        fraction, choice = _weight(choice, "100")
        listed, shown = _listed(choice, fraction, fmt, texts)
        accepted.append(listed)
        scored.append((as_fraction(fraction), shown))
    return "a short-answer question", accepted, full_marks(scored, False), ""


def _numbers(answers: str, fmt: str, texts: _Texts) -> tuple[list[str], list[tuple[float, str]]]:
    """A numerical question's answers: `3 ± 2` for `3:2` (`47` for `47:0`), `from 1 to 5`
    for `1..5`, and its feedback for any other answer (`~#...`) as Moodle's `*` answer; and
    each one's fraction and value."""
    wrong = ""
    if (tilde := _find(answers, "~")) >= 0:
        answers, wrong = answers[:tilde], answers[tilde + 1 :]
    listed, scored = [], []
    for _, answer in _pieces(answers, "="):
        fraction, answer = _weight(answer, "100")
        value, feedback = [*_cut(answer, "#", 2), ""][:2]
        value = " ".join(unescape(value).split())
        if (dots := value.find("..")) > 0:
            value = f"from {value[:dots].strip()} to {value[dots + 2 :].strip()}"
        elif (colon := value.find(":")) > 0:
            number, tolerance = value[:colon].strip(), value[colon + 1 :].strip()
            # an exact answer is its number alone, as a Moodle XML file's is ('47 ± 0': a
            # trial of its cloze gaps)
            value = number if not tolerance.strip("0.") else f"{number} \u00b1 {tolerance}"
        listed.append(
            listed_answer(value, fraction, _shown(feedback, fmt, texts), texts.read.labels)
        )
        scored.append((as_fraction(fraction), value))
    if wrong:
        said = _shown([*_cut(wrong, "#", 2), ""][1], fmt, texts)
        listed.append(listed_answer("*", "0", said, texts.read.labels))
    return listed, scored


def _listed(answer: str, fraction: str, fmt: str, texts: _Texts) -> tuple[str, str]:
    """An answer and its feedback (after its first `#`), listed; and the answer alone."""
    text, feedback = [*_cut(answer, "#", 2), ""][:2]
    shown = _shown(text, fmt, texts)
    said = _shown(feedback, fmt, texts)
    return listed_answer(shown, fraction, said, texts.read.labels), shown


def _weight(answer: str, default: str) -> tuple[str, str]:
    """An answer's weight in percent, as written (`%50%`), else `default`; and the rest."""
    if _WEIGHT.match(answer) is None:
        return default, answer
    end = answer.index("%", 1)
    return answer[1:end], answer[end + 1 :]


def _shown(text: str, fmt: str, texts: _Texts) -> str:
    """An answer's or a feedback's text on one line: its own format (`[html]`) or the
    question's, HTML read for the text it shows, in the file's language where it gives
    several (said with the question's texts)."""
    text = text.strip()
    if (match := _FORMAT.match(text)) is not None:
        fmt, text = match[1], text[match.end() :]
    text = unescape(text)
    shown = as_html(text, fmt)
    shown = None if shown is None else text_from_html(texts.in_one_language(shown))
    return " ".join((text if shown is None else shown).split())


def _cut(text: str, token: str, parts: int) -> list[str]:
    """`text` cut at the first `parts - 1` of `token` that no backslash escapes (PHP's
    explode with a limit, as Moodle cuts an answer from its feedback)."""
    cut: list[str] = []
    while len(cut) < parts - 1 and (at := _find(text, token)) >= 0:
        cut.append(text[:at])
        text = text[at + len(token) :]
    return [*cut, text]


def _pieces(text: str, marks: str) -> list[tuple[str, str]]:
    """`text` cut before each of `marks` that no backslash escapes: each piece trimmed with
    the mark that starts it ('' for any text before the first); a blank one is no answer."""
    pieces, mark, start, i = [], "", 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in marks:
            pieces.append((mark, text[start:i].strip()))
            mark, start = text[i], i + 1
        i += 1
    pieces.append((mark, text[start:].strip()))
    return [(m, piece) for m, piece in pieces if piece]


_TITLE_STANDS_IN = "no question text; its title stands in for it"


def _titled(found: Found, title: str, kept: Kept | None) -> bool:
    """Whether the title is a number, as qbank's export titles a question (`Q7`), which
    the bank's order may come from; any other is said to be lost."""
    if re.fullmatch(r"Q\d+", title):
        found.number = int(title[1:]) if re.fullmatch(r"Q[1-9]\d{0,5}", title) else None
        return True
    if title and _TITLE_STANDS_IN not in found.losses:  # (one standing in is kept)
        # as Moodle shows it: a title of HTML was said with its markup (a review)
        said = "is not kept (a bank question has none)"
        shown = name_text(one_language(title, kept)[0])  # in the file's language
        found.losses.append(Loss(f"its title {shown!r} {said}", f"its title {said}"))
    return False
