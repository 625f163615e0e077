"""Reading a Canvas quiz as Canvas exports it: QTI 1.2 (`questestinterop`), bare or in its
IMS content package.

Fields are read where Canvas's own exporter writes them (lib/cc/qti/qti_items.rb): the
item's `question_type` and `points_possible` in `itemmetadata/qtimetadata`, its text in
`presentation/material/mattext` (HTML where `texttype` says `text/html`), its choices in
`response_label`s, what is right in the `respcondition`s that set SCORE, and its feedback in
`itemfeedback`: `general_fb` (the hint, after what gets full marks), `correct_fb` and
`general_incorrect_fb` (the note), `<answer>_fb` (each answer's line in the note). Every
type becomes a bank question as a Moodle question does (moodle.py): the choices follow the
text lettered, the answers are listed in the note, and what the bank cannot carry is said
per question. A question group (a `section` inside the quiz's) is a section; a question
outside any group is in the quiz's own, named by its title. An item's `ident` is Canvas's
database key (`i` and 32 hex digits, or qbank's digest), no word a teacher chose: ids are
made from the question's text, as for a Moodle question without an ID number; a title
`Q7 ...` (qbank's) puts the question back in the bank's order.

A zip is read as an untrusted archive (untrusted.Archive: sizes, ratios, no DTD): its
imsmanifest.xml names each assessment (a resource of type `imsqti_xmlv1p2`, or in a course
export the `non_cc_assessments/*.xml.qti` Canvas writes beside its Common Cartridge ones).
A picture's `$IMS-CC-FILEBASE$/path` (or `%24IMS-CC-FILEBASE%24/path`) is the zip's
`web_resources/path`, written beside the new bank as a Moodle file's is; any other address
stays behind, said. Nothing in the file is executed or fetched.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from lxml import etree

from qbank.bank.html_pictures import PLUGINFILE, Files
from qbank.bank.html_text import Kept, language_kept, language_tag, text_from_html
from qbank.bank.images import MAX_IMAGE_BYTES, PICTURE_SUFFIXES
from qbank.bank.imported import (
    BLACKBOARD_NOT_READ,
    DEFAULT_SECTION,
    Found,
    Read,
    answer_hint,
    choices_shown,
    full_marks,
    in_bank_order,
    items_shown,
    listed_answer,
    read_file,
    true_false_shown,
    true_or_false,
)
from qbank.bank.moodle import HtmlTexts, NeedsMarkdown, XmlFormat, parse_xml
from qbank.errors import BankError, FileError, Problem
from qbank.text import agrees, and_list, counted
from qbank.untrusted import Archive

MANIFEST = "imsmanifest.xml"
WEB_RESOURCES = "web_resources/"
# Canvas's address of the package's web_resources/, as written and as a URL quotes it
_FILEBASE = re.compile(
    r"(?:\$|%24)IMS(?:-|%2D)CC(?:-|%2D)FILEBASE(?:\$|%24)/([^\"'\s<>]*)", re.IGNORECASE
)
_NUMBERED = re.compile(r"Q([1-9][0-9]{0,5})(?: |$)")  # qbank's item titles
_CHOICES = {"multiple_choice_question", "true_false_question", "multiple_answers_question"}
_BLANKS = {"fill_in_multiple_blanks_question", "multiple_dropdowns_question"}
_KINDS = {
    "essay_question": "an essay",
    "short_answer_question": "a fill-in-the-blank (short answer)",
    "multiple_choice_question": "a multiple-choice",
    "true_false_question": "a true/false",
    "multiple_answers_question": "a multiple-answers",
    "numerical_question": "a numerical",
    "matching_question": "a matching",
    "fill_in_multiple_blanks_question": "a fill-in-multiple-blanks",
    "multiple_dropdowns_question": "a multiple-dropdowns",
    "file_upload_question": "a file-upload",
    "text_only_question": "a text (no question)",
    "calculated_question": "a formula",
}
# what is said of an entry compressed otherwise than zip's usual two ways
_METHOD = (
    "Canvas never uses: the zip was made again by another program; export the quiz from "
    "Canvas again"
)
# what parse_xml says of a broken quiz file, in Canvas's words (it named Moodle's)
CANVAS_QTI = XmlFormat(
    name="Canvas's quiz export",
    program="Canvas",
    ampersand="write it '&amp;', as Canvas's export does",
    html_name=(
        "write its '&' as '&amp;' ('&amp;nbsp;' for '&nbsp;'), as Canvas's export writes a "
        "text's HTML, or the character's number ('&#160;')"
    ),
    again="export the quiz from Canvas again",
)
_MEDIA = {"matimage", "mataudio", "matvideo", "matapplet", "matapplication"}
_NO_HINT_LOSS = "no general feedback or right answer to take the hint from"


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _all(element: etree._Element, name: str) -> list[etree._Element]:
    return [found for found in element.iter() if _local(found) == name]


def _first(element: etree._Element, name: str) -> etree._Element | None:
    return next((found for found in element.iter() if _local(found) == name), None)


def read_qti(path: Path, language: str | None = None) -> Read:
    """The questions of a Canvas quiz export: its zip, or one QTI assessment file.
    `language` (import's --lang) is the new bank's: Canvas's quiz gives its texts in one
    language and names none (it was refused, where a GIFT file in one language takes it)."""
    # as a Moodle file's in one language: named, said (imported._language), and the words
    # import writes around the quiz's own ('Answer:') in it
    kept = language_kept([], str(path), language) if language else None
    if path.suffix.lower() in (".zip", ".imscc"):
        return _read_package(path, kept)
    source = str(path)
    root = parse_xml(read_file(path), source, CANVAS_QTI)
    return _read_assessments([(source, root)], {}, source, kept, packaged=False)


def _read_package(path: Path, kept: Kept | None) -> Read:
    source = str(path)
    with Archive(path, "quiz export", method=_METHOD) as package:
        names = package.names()
        if MANIFEST not in names:
            raise FileError(path, f"no {MANIFEST} in it: not a Canvas quiz export (QTI .zip)")
        manifest = package.xml(MANIFEST)
        if ".bb-package-info" in names:
            raise FileError(path, BLACKBOARD_NOT_READ)
        wanted = _assessment_files(manifest, names)
        if missing := [name for name in wanted if name not in names or _outside(name)]:
            raise FileError(
                path,
                f"its manifest names the quiz file {missing[0]!r}, which "
                + ("lies outside the zip" if _outside(missing[0]) else "the zip does not hold")
                + ": the export is incomplete or was changed; export the quiz from Canvas again",
            )
        if not wanted:
            raise FileError(
                path,
                "its manifest names no QTI assessment (a resource of type imsqti_xmlv1p2): "
                "export the quiz from Canvas again (Quizzes > the quiz > Export, or Settings > "
                "Export Course Content > Quiz)",
            )
        roots = [(f"{source}/{name}", _xml(package, name, source)) for name in wanted]
        files = _web_resources(package, names)
        # the quiz's description, in Canvas's settings beside it (one quiz's: the bank's)
        meta = str(PurePosixPath(wanted[0]).parent / "assessment_meta.xml")
        described = ""
        if len(wanted) == 1 and meta in names:
            found = _first(package.xml(meta), "description")
            described = (found.text or "") if found is not None else ""
    where = source if len(roots) > 1 else roots[0][0]
    return _read_assessments(roots, files, where, kept, described)


def _xml(package: Archive, name: str, source: str) -> etree._Element:
    """The assessment `name` parsed within the archive's limits (no DTD); one that is not
    well-formed is said at its line in the zip's file (`quiz.zip/NAME:LINE: ...`), in
    parse_xml's words, not in libxml2's ('xmlParseEntityRef: no name')."""
    try:
        return package.xml(name)
    except FileError as error:
        if "not well-formed" not in str(error):
            raise
        parse_xml(package.read(name), f"{source}/{name}", CANVAS_QTI)  # raises, where and in words
        raise


def _assessment_files(manifest: etree._Element, names: set[str]) -> list[str]:
    """The zip's assessment files, in the manifest's order: Canvas's own QTI (a quiz's
    export), else its non-CC copies of a course export's quizzes, else the CC ones; a name
    the zip does not hold is kept, for the caller to say (a quiz lost unsaid otherwise)."""
    own, common = [], []
    for resource in _all(manifest, "resource"):
        kind = resource.get("type", "")
        hrefs = [f.get("href", "") for f in _children(resource, "file")]
        hrefs = [unquote(h) for h in hrefs if h] or [unquote(resource.get("href", ""))]
        if kind == "imsqti_xmlv1p2":
            own += hrefs
        elif kind.startswith("imsqti_xmlv1p2/"):
            common += hrefs
    canvas = sorted(n for n in names if n.startswith("non_cc_assessments/") and n.endswith(".qti"))
    found = own or canvas or common
    return [name for name in dict.fromkeys(found) if name]


def _outside(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return not parts or name.startswith("/") or ".." in parts


def _web_resources(package: Archive, names: set[str]) -> Files:
    """The pictures under web_resources/, by their path there (as `$IMS-CC-FILEBASE$/`
    names them); one larger than a picture may be is said, not read. A folder that holds
    them all (Canvas's 'Uploaded Media', qbank's bank's own) is left out of the paths they
    take beside the new bank."""
    found = {}
    for name in sorted(names):
        if not name.startswith(WEB_RESOURCES) or name.endswith("/") or _outside(name):
            continue
        suffix = PurePosixPath(name).suffix.lower().lstrip(".")
        if any(suffix in kinds for kinds in PICTURE_SUFFIXES.values()):
            found[name[len(WEB_RESOURCES) :]] = name
    files: Files = {}
    for path, name in found.items():
        size = package.zip.getinfo(name).file_size
        if size > MAX_IMAGE_BYTES:
            files[path] = (
                f"the picture {path!r} is more than the {MAX_IMAGE_BYTES // 1_000_000} MB an "
                "image may be"
            )
        else:
            files[path] = package.read(name)
    return files


def _within(files: Files) -> str:
    """The folder that holds every picture, with its '/', or ''."""
    firsts = {PurePosixPath(path).parts[0] for path in files}
    if len(firsts) == 1 and all(len(PurePosixPath(path).parts) > 1 for path in files):
        return f"{firsts.pop()}/"
    return ""


def _read_assessments(
    roots: list[tuple[str, etree._Element]],
    files: Files,
    source: str,
    kept: Kept | None,
    described: str = "",
    packaged: bool = True,
) -> Read:
    for where, root in roots:
        if _local(root) not in ("questestinterop", "item"):
            raise BankError(
                [Problem(where, root.sourceline or 1, "not a QTI quiz: no <questestinterop>")]
            )
        if any(_local(e).startswith("bbmd_") for e in root.iter()):
            raise BankError([Problem(where, root.sourceline or 1, BLACKBOARD_NOT_READ)])
    try:  # stopped at the first tag a plain bank loses, if any
        return _read(roots, files, source, kept, described, packaged, markdown=False, sniff=True)
    except NeedsMarkdown:
        pass
    read = _read(roots, files, source, kept, described, packaged, markdown=True)
    if read.markup == "markdown":
        return read
    return _read(roots, files, source, kept, described, packaged, markdown=False)


def _read(
    roots: list[tuple[str, etree._Element]],
    files: Files,
    source: str,
    kept: Kept | None,
    described: str,
    packaged: bool,
    markdown: bool,
    sniff: bool = False,
) -> Read:
    read = Read(source, multilang=kept)
    if kept is None:  # --lang names the bank's language, whatever the quiz says
        read.language = _quiz_language(roots)
    texts = HtmlTexts(read, markdown, sniff)
    languages: dict[str, set[str]] = {}  # each section's questions' own languages
    why = (
        "the quiz export holds no such file"
        if packaged
        else "a quiz's file alone holds no pictures (import the quiz's .zip export to bring them)"
    )
    points: dict[str, int] = {}
    numbered = False
    within = _within(files)
    files = {path.removeprefix(within): data for path, data in files.items()}
    address = _addresses(files, within)
    titles = []
    for where, root in roots:
        # a quiz, or items alone (a `questestinterop` of items, an `item` kept alone)
        # a question bank of a course export (an `objectbank`) is one too, by its title
        for assessment in _all(root, "assessment") + _all(root, "objectbank") or [root]:
            title = ""
            if _local(assessment) == "assessment":
                title = " ".join((assessment.get("title") or "").split())
            elif _local(assessment) == "objectbank":
                title = " ".join((_meta(assessment, "bank_title") or "").split())
            titles.append(title)
            groups = _groups(assessment, read, where if len(roots) > 1 else "")
            for position, item in enumerate(_all(assessment, "item"), 1):
                group = item.getparent()
                while group is not None and _local(group) != "section":
                    group = group.getparent()
                section = title or DEFAULT_SECTION
                if group is not None and group in groups:
                    section = groups[group]
                texts.question()
                named = _named(item, position, title, len(roots) > 1)
                found = _question(item, section, texts, files, address, why, named)
                if not str(found.fields["question"]).strip():
                    # nothing to ask: said as "question 'question': 'question' is empty",
                    # naming nothing a teacher could find in Canvas
                    read.skipped.append(
                        (
                            found.line,
                            f"the quiz's {named} has no text, and is not imported: write its "
                            "text in Canvas and export the quiz again",
                        )
                    )
                    continue
                languages.setdefault(section, set()).add(_own_language(item, read.language))
                if (mark := _meta(item, "points_possible")) is not None:
                    points.setdefault(mark, found.line)
                numbered = numbered or found.number is not None
                if len(roots) > 1:  # its own file's line
                    found.source = where
                read.add(found)
    if len(set(titles)) == 1 and titles[0]:
        read.title = titles[0]
    if described.strip():
        texts.question()
        holder = etree.Element("material")
        etree.SubElement(holder, "mattext", texttype="text/html").text = described
        read.description = texts.converter(files)(_markup(holder, address)).strip()
    for title in dict.fromkeys(titles):
        read.sections.setdefault(title or DEFAULT_SECTION, "")
    if kept is None:  # a section whose every question says one language of its own
        for section, own in languages.items():
            if len(own) == 1 and (language := own.pop()) != read.language:
                read.section_languages[section] = language
    if len(points) > 1:
        read.skipped.append(
            (
                min(points.values()),
                f"the questions' points ({and_list(list(points))}) are not kept: a bank's LMS "
                "files mark every question out of its rating scale's top score; set other "
                "points again in Canvas",
            )
        )
    if numbered:  # titles qbank's 'Q7 ...': a quiz qbank wrote, in the bank's order
        in_bank_order(read)
    if markdown and texts.rich:
        read.markup = "markdown"
    else:
        read.files.clear()
    return read


def _named(item: etree._Element, position: int, quiz: str, several: bool) -> str:
    """A question as a teacher finds it in Canvas's quiz: its place there, and its title
    where it is not Canvas's default 'Question' ('question 4', "question 2 ('Ports')")."""
    title = " ".join((item.get("title") or "").split())
    named = f"question {position}" + (f" of the quiz {quiz!r}" if several and quiz else "")
    return named + (f" ({title!r})" if title and title != "Question" else "")


# the attribute qbank's QTI export says a language with (XML's own xml:lang)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tag(element: etree._Element | None) -> str:
    """The language tag an element's xml:lang gives ('fr', 'pt-BR'); '' for none, or for
    one that names no language."""
    given = element.get(_XML_LANG, "") if element is not None else ""
    return language_tag(given.strip().replace("-", "_")) or ""


def _quiz_language(roots: list[tuple[str, etree._Element]]) -> str:
    """The language the quizzes say they are in (the assessment's xml:lang, as qbank's
    export writes the bank's), where every quiz that says one says the same; else ''. A
    French bank exported and imported back came back with none, its words in English."""
    said = {_tag(a) for _, root in roots for a in _all(root, "assessment")} - {""}
    return said.pop() if len(said) == 1 else ""


def _own_language(item: etree._Element, language: str) -> str:
    """The language an item's text says (its first mattext's xml:lang: qbank's export
    writes a section's own there), else the quiz's `language`."""
    presentation = _first(item, "presentation")
    material = _first(presentation, "mattext") if presentation is not None else None
    return _tag(material) or language


def _groups(assessment: etree._Element, read: Read, where: str) -> dict[etree._Element, str]:
    """The quiz's question groups (a titled `section` inside its own), each by its name;
    what a group does that a section cannot is said at it (Canvas's `add_group`: its
    `selection_number` picked at each attempt, or drawn from a question bank that is not in
    the file)."""
    groups: dict[etree._Element, str] = {}
    for group in _all(assessment, "section"):
        name = " ".join((group.get("title") or "").split())
        parent = group.getparent()
        if not name or parent is None or _local(parent) != "section":
            continue
        groups[group] = name
        items = len(_all(group, "item"))
        picked = _first(group, "selection_number")
        count = (picked.text or "").strip() if picked is not None else ""
        line = group.sourceline or 1
        named = f"the question group '{name}'" + (f" (in {where}, line {line})" if where else "")
        if _first(group, "sourcebank_ref") is not None and not items:
            read.skipped.append(
                (
                    line,
                    f"{named} draws {count or 'its'} question(s) from a "
                    "question bank, whose questions are not in this file: export the bank's "
                    "questions in a quiz of their own, and import that",
                )
            )
        elif count.isdigit() and 0 < int(count) < items:
            read.skipped.append(
                (
                    line,
                    f"{named} picks {count} of its {items} questions at "
                    f"each attempt; all {items} come in, in the section '{name}'",
                )
            )
    return groups


def _meta(item: etree._Element, label: str) -> str | None:
    """An item's `qtimetadatafield` entry of `label`, if it gives one."""
    for field in _all(item, "qtimetadatafield"):
        if (_first(field, "fieldlabel") is not None) and (
            (_first(field, "fieldlabel").text or "").strip() == label  # type: ignore[union-attr]
        ):
            entry = _first(field, "fieldentry")
            return (entry.text or "").strip() if entry is not None else ""
    return None


def _addresses(files: Files, within: str) -> Callable[[re.Match[str]], str]:
    """What stands for a `$IMS-CC-FILEBASE$/path` address: the path of a picture of the
    package (the folder `within` left out) as a text's file is found (html_pictures), else
    the address as written, which stays behind, said as it is."""

    def address(found: re.Match[str]) -> str:
        path = unquote(found[1]).removeprefix(within)
        return PLUGINFILE + quote(path) if path in files else found[0]

    return address


def _markup(
    material: etree._Element | None, address: Callable[[re.Match[str]], str] | None = None
) -> str:
    """A `material`'s text as HTML: its `mattext` of `text/html` as it is, any other
    escaped (Canvas writes an answer without HTML as `text/plain`); a picture's address in
    the package's files as `address` makes it."""

    if material is None:
        return ""
    parts = []
    for mattext in _children(material, "mattext"):
        raw = mattext.text or ""
        if (mattext.get("texttype") or "text/plain").lower() == "text/html":
            parts.append(_FILEBASE.sub(address, raw) if address else raw)
        else:
            parts.append(html.escape(raw).replace("\n", "<br>"))
    return "".join(parts)


def _one_line(markup: str, texts: HtmlTexts, files: Files, pictured: list[str]) -> str:
    """A choice's or a feedback's HTML as words on one line, its pictures' alt text in
    brackets; the pictures that come along added to `pictured`, each as bank text, which
    the note shows after the answers (as moodle.py's `_answers`)."""
    pictured += texts.pictures(files, markup)
    return " ".join(text_from_html(markup).split())


def _question(
    item: etree._Element,
    section: str,
    texts: HtmlTexts,
    files: Files,
    address: Callable[[re.Match[str]], str],
    why: str,
    named: str,
) -> Found:
    """A Canvas item as a bank question; `named` is how a teacher finds it in the quiz."""
    kind = _meta(item, "question_type") or ""
    words = texts.read.labels  # 'Answer:' in the bank's language, where --lang names it
    title = item.get("title") or ""
    line = item.sourceline or 1
    presentation = _first(item, "presentation")
    # its text: every `material` of its presentation, each a block of its own where there
    # are several (a QTI file of another tool's may split a text; the first alone lost the rest)
    materials = _texts(presentation)
    convert = texts.converter(files)
    asked = _markup(materials[0] if materials else None, address)
    if len(materials) > 1:
        asked = "".join(f"<div>{_markup(m, address)}</div>" for m in materials)
    if kind in _BLANKS:  # each `[name]` a blank, as a Moodle gap's `_____ (1)`
        for name in {_blank_name(r) for r in _all(presentation, "response_lid")}:  # type: ignore[arg-type]
            asked = asked.replace(f"[{name}]", f"_____ ({name})")
    text = convert(asked).strip()
    found = Found(line, {"section": section, "question": text})
    number = _NUMBERED.match(title)
    found.number = int(number[1]) if number else None
    feedback = {
        (fb.get("ident") or ""): _markup(_first(fb, "material"), address)
        for fb in _all(item, "itemfeedback")
    }
    pictured: list[str] = []  # the pictures of its choices and their feedback
    labels, prompts = _labels(presentation, texts, files, address, pictured)
    linked = _answer_feedback(item)

    def told(response: str, value: str) -> str:
        """What a learner who gives `value` to `response` is told, on one line."""
        said = feedback.get(linked.get((response, value), ""), "")
        return _one_line(said, texts, files, pictured)

    right = _right(item)
    notes: list[str] = []
    listed: list[str] = []
    shown_right: list[str] = []
    offered = ""
    if kind in _CHOICES or (not kind and labels and len(labels) == 1):
        response, choices = next(iter(labels.items()), ("", {}))
        good = set(right.get(response, []))
        scored = [(100.0 if ident in good else 0.0, t) for ident, t in choices.items()]
        for ident, choice in choices.items():
            ok = ident in good
            listed.append(listed_answer(choice, "100" if ok else "0", told(response, ident), words))
        shown_right = full_marks(scored, kind == "multiple_answers_question")
        if kind == "true_false_question":
            shown_right = [true_or_false(t, words) for t in shown_right]
        offered = (
            true_false_shown([t for _, t in scored], words)
            if kind == "true_false_question"
            else choices_shown([t for _, t in scored])
        )
    elif kind == "matching_question":
        items, targets = [], []
        for response, choices in labels.items():
            targets = list(choices.values())
            matched = [choices[i] for i in right.get(response, ()) if i in choices]
            item_text = prompts.get(response, "")
            if not item_text:  # a wrong answer offered to every item, no pair
                continue
            items.append(item_text)
            pair = f"{item_text} -> {matched[0] if matched else words.nothing}"
            said = feedback.get(f"{response.removeprefix('response_')}_fb", "")
            said = _one_line(said, texts, files, pictured)
            listed.append(f"{pair}, {words.label(words.feedback)}{said}" if said else pair)
            if matched:
                shown_right.append(pair)
        targets = [t for t in targets if t]
        offered = items_shown(items, targets, words)
    elif kind in _BLANKS:
        for response, choices in labels.items():
            blank = prompts.get(response, response)
            good = [choices[i] for i in right.get(response, ()) if i in choices]
            if kind == "fill_in_multiple_blanks_question":  # every answer of a blank is
                good = list(dict.fromkeys([*good, *choices.values()]))  # accepted
            listed.append(f"({blank}) " + "; ".join(choices.values()))
            if good:
                shown_right.append(f"({blank}) {good[0]}")
            if kind == "multiple_dropdowns_question":
                offered += f"\n({blank}) " + " / ".join(choices.values())
        offered = offered.strip()
    elif kind == "short_answer_question":
        accepted = list(dict.fromkeys(t.strip() for ts in right.values() for t in ts if t.strip()))
        listed = [listed_answer(a, "100", told("response1", a), words) for a in accepted]
        shown_right = accepted[:1]
    elif kind == "numerical_question":
        listed = _numbers(item)
        shown_right = listed[:1]
    if offered and not text:  # its id was made of its choices ('true-b-false')
        found.id_text = named
        found.fields["question"] = texts.literal(offered)
        found.losses.append(
            f"it is the quiz's {named}, which has no text in Canvas, only its choices: write "
            "its question in the bank"
        )
    elif offered:
        found.id_text = text
        found.fields["question"] = f"{text}\n\n{texts.literal(offered)}"
    answer = answer_hint(
        shown_right,
        kind in ("matching_question", *_BLANKS) and bool(shown_right),
        texts.literal,
        words,
    )
    general = convert(feedback.get("general_fb", "")).strip()
    if answer or general:
        found.fields["hint"] = "\n\n".join(filter(None, [answer, general]))
    else:
        found.fields["hint"] = words.no_canvas_hint
        found.losses.append(_NO_HINT_LOSS)
    for ident, label, what in (
        ("correct_fb", words.right_feedback, "feedback when right"),
        ("general_incorrect_fb", words.wrong_feedback, "feedback when wrong"),
    ):
        if said := convert(feedback.get(ident, "")).strip():
            notes.append(texts.literal(words.label(label)) + said)
            found.losses.append(f"its {what} is kept as text in the note")
    listed_text = [texts.literal("\n".join([words.answers, *listed]))] if listed else []
    notes[0:0] = [*listed_text, *pictured]
    if notes:
        found.fields["note"] = ("\n\n" if texts.markdown else "\n").join(notes)
    _say_kind(found, kind, bool(listed), bool(offered), bool(answer))
    # QTI's own media (another tool's file; Canvas writes its pictures in the HTML)
    media = [m for m in item.iter() if _local(m) in _MEDIA]
    if media:
        named = and_list([repr(m.get("uri") or m.get("label") or _local(m)) for m in media])
        found.losses.append(
            f"{counted(len(media), 'picture or media file')} given as QTI's <matimage>, "
            f"<mataudio> or <matvideo> ({named}) {agrees(len(media), 'is', 'are')} not "
            "imported; add them again in the bank"
        )
    found.losses += texts.left_behind(why)
    return found


def _texts(presentation: etree._Element | None) -> list[etree._Element]:
    """The `material`s of a question's text: its presentation's own, or inside its `flow`s
    (QTI 1.2's layout, which other tools write and Canvas does not), none of a response's."""
    if presentation is None:
        return []
    found = []
    for material in _all(presentation, "material"):
        parent = material.getparent()
        while parent is not None and parent is not presentation and _local(parent) == "flow":
            parent = parent.getparent()
        if parent is presentation:
            found.append(material)
    return found


def _blank_name(response: etree._Element) -> str:
    """A blank's name as the question's text writes it between brackets: its
    `response_lid`'s material (Canvas's `mattext` of the blank's id), else its ident after
    `response_`."""
    material = next(iter(_children(response, "material")), None)
    said = (
        "".join(m.text or "" for m in _children(material, "mattext"))
        if material is not None
        else ""
    )
    return said.strip() or (response.get("ident") or "").removeprefix("response_")


def _labels(
    presentation: etree._Element | None,
    texts: HtmlTexts,
    files: Files,
    address: Callable[[re.Match[str]], str],
    pictured: list[str],
) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Each `response_lid`'s choices, by its ident: each `response_label`'s ident and
    words; and each one's prompt (a matching item's text, a blank's name)."""
    found: dict[str, dict[str, str]] = {}
    prompts: dict[str, str] = {}
    if presentation is None:
        return found, prompts
    for response in _all(presentation, "response_lid"):
        ident = response.get("ident") or ""
        prompt = next(iter(_children(response, "material")), None)
        prompts[ident] = (
            _one_line(_markup(prompt, address), texts, files, pictured)
            if prompt is not None
            else ""
        )
        found[ident] = {
            (label.get("ident") or ""): _one_line(
                _markup(_first(label, "material"), address), texts, files, pictured
            )
            for label in _all(response, "response_label")
        }
    return found, prompts


def _answer_feedback(item: etree._Element) -> dict[tuple[str, str], str]:
    """The feedback each answer is given, by its response and value: the `itemfeedback`
    that a condition of that one `varequal` shows (Canvas's `<answer id>_fb`)."""
    linked: dict[tuple[str, str], str] = {}
    for condition in _all(item, "respcondition"):
        equals = _all(condition, "varequal")
        shows = [d.get("linkrefid") or "" for d in _children(condition, "displayfeedback")]
        shows = [s for s in shows if s not in ("general_fb", "correct_fb", "general_incorrect_fb")]
        if len(equals) == 1 and shows and not _all(condition, "not"):
            key = (equals[0].get("respident") or "", equals[0].text or "")
            linked.setdefault(key, shows[0])
    return linked


def _scores(condition: etree._Element) -> bool:
    """Whether a `respcondition` gives marks: a `setvar` of SCORE above 0."""
    for setvar in _children(condition, "setvar"):
        try:
            if float((setvar.text or "0").strip()) > 0:
                return True
        except ValueError:
            continue
    return False


def _right(item: etree._Element) -> dict[str, list[str]]:
    """What gets marks, by the response it answers (`respident`): each `varequal` of a
    condition that gives marks, but one under a `not`."""
    right: dict[str, list[str]] = {}
    for condition in _all(item, "respcondition"):
        if not _scores(condition):
            continue
        for equal in _all(condition, "varequal"):
            parent, negated = equal.getparent(), False
            while parent is not None and parent is not condition:
                negated = negated or _local(parent) == "not"
                parent = parent.getparent()
            if not negated:
                right.setdefault(equal.get("respident") or "", []).append(equal.text or "")
    return right


def _numbers(item: etree._Element) -> list[str]:
    """A numerical question's right answers as Canvas's conditions give them: '42',
    '42 ± 0.5' (an exact answer with its margin), '6 to 8' (a range)."""
    said = []
    for condition in _all(item, "respcondition"):
        if not _scores(condition):
            continue
        exact = _first(condition, "varequal")
        low, high = (
            next((e for e in _all(condition, name) + _all(condition, other)), None)
            for name, other in (("vargte", "vargt"), ("varlte", "varlt"))
        )
        bounds = [_number(e.text) if e is not None else None for e in (low, high)]
        if exact is not None:
            value = _number(exact.text)
            if None not in bounds and value is not None and bounds[1] != value:  # type: ignore[operator]
                margin = (bounds[1] - bounds[0]) / 2  # type: ignore[operator]
                said.append(f"{_shown(value)} ± {_shown(margin)}")
            elif value is not None:
                said.append(_shown(value))
        elif None not in bounds:
            said.append(f"{_shown(bounds[0])} to {_shown(bounds[1])}")  # type: ignore[arg-type]
    return said


def _number(text: str | None) -> float | None:
    try:
        value = float((text or "").strip())
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _shown(value: float) -> str:
    """A number as a teacher wrote it: 4.0 as 4, 0.05 as 0.05."""
    return f"{round(value, 9):g}" if abs(value) < 1e15 else str(value)


def _say_kind(found: Found, kind: str, listed: bool, offered: bool, answer: bool) -> None:
    """What the bank makes of a question that is no essay, said at it."""
    if kind == "essay_question":
        return
    if kind == "file_upload_question":
        found.losses.append(
            "a file-upload question becomes an essay question: a bank's LMS files ask for a "
            "text, not a file; set it again in Canvas"
        )
        return
    if kind == "text_only_question":
        found.losses.append(
            "a text-only item (no question in Canvas) becomes a question; delete it in the "
            "bank, or move its text into its section's description"
        )
        return
    if kind not in _KINDS and not listed:  # New Quizzes' ordering or categorization
        named = f"a question of Canvas's type {kind!r}" if kind else "an untyped question"
        found.losses.append(
            f"{named} becomes an essay question; import does not know its answers, which are "
            "not imported (set them again in Canvas)"
        )
        return
    opens = "its right answer opens the hint, and " if answer else ""
    if offered:
        items = "items and " if kind == "matching_question" else ""
        opens = f"its {items}choices follow its text, {opens}"
    found.losses.append(
        f"{_KINDS.get(kind, 'an untyped')} question becomes an essay question"
        + (f"; {opens}its answers are kept as text in the note" if listed else "")
    )
