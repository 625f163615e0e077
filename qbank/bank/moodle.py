"""Reading Moodle XML (question/format/xml): the questions of a Moodle question bank.

Fields are read where Moodle's own importer reads them (`import_headers`, `import_essay`,
`import_category`): the name, `questiontext`, `generalfeedback`, `idnumber`,
`tags/tag/text`, an essay's `graderinfo`. Essays, short answers and descriptions become
questions; a category question sets the section of the questions after it. The hint is the
grader information, else the general feedback. What a bank cannot carry (the choices of a
multiple-choice question, embedded files, a short answer's accepted answers) is kept as text
in the note where it can be, and named per question.

The file is parsed without a document type, entities or any network access: a file that
declares a DOCTYPE is refused, so nothing in it can expand or fetch.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from qbank.bank.html_text import grader_fields, images_in, text_from_html
from qbank.bank.imported import SEPARATOR, Found, Read, category_parts, name_sections, read_file
from qbank.errors import BankError, Problem
from qbank.model import DEFAULT_SCORES
from qbank.untrusted import xml_parser

ANSWERED = {"essay", "shortanswer", "description"}  # the types a bank question is made from


def read_moodle(path: Path) -> Read:
    source = str(path)
    root = _parse(read_file(path), source)
    if root.tag != "quiz":
        raise BankError([Problem(source, root.sourceline or 1, "not Moodle XML: no <quiz>")])
    read = Read(source)
    paths: list[list[str]] = []
    section = ""
    for element in root.iterchildren("question"):
        kind = element.get("type", "")
        if kind == "category":
            parts = category_parts(_text(element, "category"))
            if parts:
                paths.append(parts)
                section = SEPARATOR.join(parts)
                read.sections.setdefault(section, text_from_html(_text(element, "info")))
            continue
        read.questions.append(_question(element, kind, section, read.competencies))
    name_sections(read, paths)
    return read


def _parse(data: bytes, source: str) -> etree._Element:
    parser = xml_parser()
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise BankError(
            [Problem(source, line, f"not well-formed XML: {exc.msg}", column=column + 1)]
        ) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise BankError(
            [Problem(source, 1, "the file declares a DOCTYPE, which Moodle XML never has")]
        )
    return tree.getroot()


def _text(element: etree._Element, *path: str) -> str:
    """The trimmed text at `path/text`, as Moodle's `getpath(..., istext)` reads it."""
    found = element.find("/".join((*path, "text")))
    return (found.text or "").strip() if found is not None else ""


def _format(element: etree._Element, name: str) -> str:
    found = element.find(name)
    return (found.get("format") or "html") if found is not None else "html"


def _as_text(element: etree._Element, name: str) -> str:
    raw = _text(element, name)
    return text_from_html(raw) if _format(element, name) == "html" else raw


def _question(
    element: etree._Element, kind: str, section: str, competencies: dict[str, str]
) -> Found:
    line = element.sourceline or 1
    found = Found(line, {}, given_id=(element.findtext("idnumber") or "").strip())
    if section:
        found.fields["section"] = section
    text = _as_text(element, "questiontext")
    found.fields["question"] = text or _text(element, "name")
    if not text:
        found.losses.append("no question text; its name stands in for it")
    notes = []
    grader = _text(element, "graderinfo")
    general = _as_text(element, "generalfeedback")
    ours = grader_fields(grader) if grader and _format(element, "graderinfo") == "html" else None
    if ours:
        anchors = ours.pop("anchors", None)
        if anchors and _on_default_scale(anchors):  # type: ignore[arg-type]
            found.fields["anchors"] = {str(k): v for k, v in anchors.items()}  # type: ignore[union-attr]
        elif anchors:
            found.losses.append(
                "its anchors are not imported: they do not fit the default rating scale "
                f"({', '.join(map(str, DEFAULT_SCORES))}), lowest, middle and highest given"
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
            notes.append(f"General feedback: {general}")
    elif grader:
        found.fields["hint"] = _as_text(element, "graderinfo")
        if general:
            notes.append(f"General feedback: {general}")
    elif general:
        found.fields["hint"] = general
    else:
        found.fields["hint"] = "(The Moodle file gave no grader information or feedback.)"
        found.losses.append("no grader information or general feedback to take the hint from")
    answers = _answers(element)
    if kind not in ANSWERED:
        found.losses.append(
            f"a {kind or 'untyped'} question becomes an essay question"
            + ("; its answers are kept as text in the note" if answers else "")
        )
    elif kind == "shortanswer" and answers:
        found.losses.append("its accepted answers are kept as text in the note")
    if answers:
        notes.append("Answers: " + "; ".join(answers))
    if notes:
        found.fields["note"] = "\n".join(filter(None, [str(found.fields.get("note", "")), *notes]))
    tags = [(tag.findtext("text") or "").strip() for tag in element.iterfind("tags/tag")]
    if any(tags):
        found.fields["tags"] = [t for t in tags if t]
    files = len(element.findall(".//file"))
    images = images_in(_text(element, "questiontext"))
    if files or images:
        found.losses.append(f"{max(files, images)} embedded file(s) or image(s) are not imported")
    return found


def _on_default_scale(anchors: dict[int, str]) -> bool:
    """Whether a bank without a rubric of its own takes these anchors: scores of the default
    scale, the lowest, the middle and the highest among them."""
    scores = DEFAULT_SCORES
    needed = {scores[0], scores[len(scores) // 2], scores[-1]}
    return set(anchors) <= set(scores) and needed <= set(anchors)


def _answers(element: etree._Element) -> list[str]:
    """A question's answers as `text (fraction%)`, the way a reader would list them."""
    answers = []
    for answer in element.iterfind("answer"):
        fmt = answer.get("format", "plain_text")
        raw = (answer.findtext("text") or "").strip()
        text = text_from_html(raw) if fmt == "html" else raw
        answers.append(f"{text} ({answer.get('fraction', '0')}%)")
    for sub in element.iterfind("subquestion"):
        raw = (sub.findtext("text") or "").strip()
        target = (sub.findtext("answer/text") or "").strip()
        answers.append(f"{text_from_html(raw)} -> {target}")
    return answers
