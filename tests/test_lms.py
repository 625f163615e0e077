"""The LMS files (`qbank lms`) read back by real parsers and by `qbank import`.

Each file is built once for this module, for the bundled bank and for a bank of hostile text
(tests/fixtures/lms-hostile.yaml: `]]>`, GIFT's specials, backslashes, `</script>`, tabs,
line breaks, right-to-left text, a `/` in a section's name).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
import shutil
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest
import yaml
from helpers import FIXTURES, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from lms_clients import gift_parse, qti_dtd
from lxml import etree
from readback import pdf_text

from qbank import lifecycle
from qbank.bank import load_bank
from qbank.bank.html_markdown import html_blocks, literal_markdown, markdown_text
from qbank.bank.html_text import language_tag, text_from_html
from qbank.bank.markdown import MarkdownReader
from qbank.exporters import get
from qbank.exporters.lms import blackboard, gift, grading, moodle
from qbank.exporters.lms.texts import SQUEEZED, Attachments, file_address, plain_html
from qbank.model import Bank
from qbank.paths import DEFAULT_BANK
from qbank.rich import RichText, Table, walk
from qbank.text import one_line, runs

BANKS = {
    "bundled": DEFAULT_BANK,
    "hostile": FIXTURES / "lms-hostile.yaml",
    "markdown": FIXTURES / "markdown" / "rich.yaml",  # code, lists, quotes and pictures
}
FIELDS = ("id", "section", "question", "hint", "tags", "look_for", "follow_ups", "minutes")
FIELDS += ("note", "sources", "competency", "anchors", "group")
RICH = {"question", "hint", "note", "look_for", "follow_ups"}  # Markdown in a Markdown bank


@pytest.fixture(scope="module")
def banks() -> dict[str, Bank]:
    return {key: load_bank(path) for key, path in BANKS.items()}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[tuple[str, str], list[Path]]:
    """(bank, format) -> the files `qbank lms` wrote; format 'gift+hint' is gift with
    --feedback hint."""
    built = {}
    for key, bank in BANKS.items():
        for fmt in ("moodle", "qti", "gift", "blackboard", "gift+hint", "qti+hint", "moodle+hint"):
            out = tmp_path_factory.mktemp(f"lms-{key}")
            lms, _, feedback = fmt.partition("+")
            options = {"lms": lms, "feedback": feedback or None}
            built[key, fmt] = lifecycle.build(bank, out, ["lms"], options, workers=1)
    return built


def _one(files, key: str, fmt: str) -> Path:
    (path,) = files[key, fmt]
    return path


def _written(cli, bank: Path, fmt: str, out: Path) -> Path:
    """The one file `qbank lms --format fmt` writes of `bank` into `out`."""
    result = cli("lms", "--bank", bank, "--format", fmt, "--out", out)
    assert result.exit_code == 0, result.output
    (written,) = out.iterdir()
    return written


def _imported(exported: Path, source: Path) -> Bank:
    """The bank `qbank import` makes of a copy of `exported` at `source`."""
    source.write_bytes(exported.read_bytes())
    result = run_cli("import", source)
    assert result.exit_code == 0, result.output
    return load_bank(source.with_suffix(".yaml"))


def _gift_of(cli, bank: Path, out: Path) -> Path:
    """The GIFT file `qbank lms --format gift` writes of `bank` into `out`."""
    assert cli("lms", "--bank", bank, "--format", "gift", "--out", out).exit_code == 0
    (exported,) = out.glob("*-gift.txt")
    return exported


# -- the command --------------------------------------------------------------------------


def test_all_writes_an_lms_file_only_when_asked():
    lms = get("lms")
    assert not lms.in_all({"lms": None})
    assert lms.in_all({"lms": "gift"})
    assert "lms" not in [e.name for e in lifecycle.steps_for(["all"], {"lms": None})]
    assert "lms" in [e.name for e in lifecycle.steps_for(["all"], {"lms": "qti"})]
    assert "--lms" in run_cli("all", "--help").output
    assert "--format" in run_cli("lms", "--help").output


def test_lms_without_a_format_says_what_to_choose(tmp_path):
    result = run_cli("lms", "--out", tmp_path)
    assert result.exit_code != 0
    assert "--format moodle, qti, gift or blackboard" in result.output
    assert not list(tmp_path.iterdir())


def test_file_names(files):
    assert _one(files, "bundled", "moodle").name == "ai-cybersecurity-analyst-moodle.xml"
    assert _one(files, "bundled", "qti").name == "ai-cybersecurity-analyst-qti.zip"
    assert _one(files, "bundled", "gift").name == "ai-cybersecurity-analyst-gift.txt"
    assert _one(files, "bundled", "blackboard").name == "ai-cybersecurity-analyst-blackboard.txt"


# -- Moodle XML ---------------------------------------------------------------------------


def moodle_import(path: Path) -> tuple[list[dict], list[str]]:
    """The questions and categories as Moodle's importer (question/format/xml/format.php)
    reads them: `import_headers` (name, questiontext and its format, generalfeedback,
    idnumber, tags/tag/text), `import_essay` (responseformat, responsefieldlines,
    graderinfo) and `import_category` (category/text); every text trimmed as `getpath`
    trims it."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    assert root.getroot().tag == "quiz"
    questions, categories = [], []
    for question in root.getroot().iterfind("question"):

        def text(path: str, question: etree._Element = question) -> str:
            return (question.findtext(path) or "").strip()

        if question.get("type") == "category":
            categories.append(text("category/text"))
            continue
        assert question.get("type") == "essay"
        questions.append(
            {
                "name": text("name/text"),
                "questiontext": text("questiontext/text"),
                "format": question.find("questiontext").get("format"),
                "generalfeedback": text("generalfeedback/text"),
                "idnumber": question.findtext("idnumber"),
                "tags": [t.findtext("text").strip() for t in question.iterfind("tags/tag")],
                "responseformat": text("responseformat"),
                "responsefieldlines": int(text("responsefieldlines")),
                "graderinfo": text("graderinfo/text"),
                "graderformat": question.find("graderinfo").get("format"),
                "defaultgrade": text("defaultgrade"),
                # import_text_with_files: each text's <file> elements, by path + name
                "files": {
                    area.tag: {
                        f.get("path", "/") + f.get("name"): base64.b64decode(f.text)
                        for f in area.iterfind("file")
                        if f.get("encoding") == "base64"
                    }
                    for area in question
                    if area.tag in ("questiontext", "generalfeedback", "graderinfo")
                },
            }
        )
    return questions, categories


@pytest.mark.parametrize("key", BANKS)
def test_moodle_importer_reads_every_field(files, banks, key):
    bank = banks[key]
    questions, categories = moodle_import(_one(files, key, "moodle"))
    title = one_line(bank.title).replace("/", "//")
    assert list(map(html.unescape, categories)) == [f"$course$/top/{title}"] + [
        f"$course$/top/{title}/{one_line(s.name).replace('/', '//')}" for s in bank.sections
    ]
    assert len(questions) == len(bank.questions)
    by_section = [q for s in bank.sections for q in bank.questions_in(s)]
    texts = Attachments(bank, lambda path: file_address(moodle.PLUGINFILE, path))
    pictures = {p.path: p.data for tree in bank.rich.values() for p in tree.pictures()}
    shown = 0
    for read, question in zip(questions, by_section, strict=True):
        assert read["name"].startswith(f"{question.label} ")
        assert "**" not in read["name"]  # a Markdown bank's words without their markup
        assert read["idnumber"] == question.id
        assert read["tags"] == list(question.tags)
        assert read["format"] == "html"
        if bank.markup == "markdown":  # HTML rendered from the tree
            assert read["questiontext"] == texts.inline(question.question)
        else:
            assert text_from_html(read["questiontext"]) == question.question.strip()
        assert read["responseformat"] == "editor"
        assert 5 <= read["responsefieldlines"] <= 40
        assert read["graderformat"] == "html"
        grader = read["graderinfo"]
        assert f"<h4>Hint</h4>{texts.block(question.hint)}" in grader
        for item in (*question.look_for, *question.follow_ups):
            assert f"<li>{texts.inline(item)}</li>" in grader
        if question.note:
            assert texts.block(question.note) in grader
        assert read["defaultgrade"] == str(grading.top_score(bank))
        # an interview bank: learners see no hint unless --feedback hint
        hint = "" if bank.for_interviews else texts.inline(question.hint)
        assert read["generalfeedback"] == hint
        # every picture a text shows is a file of that text's own element
        for area in ("questiontext", "generalfeedback", "graderinfo"):
            for src in re.findall(r'src="@@PLUGINFILE@@/([^"]+)"', read[area]):
                assert read["files"][area]["/" + unquote(src)] == pictures[unquote(src)]
                shown += 1
        assert sum(map(len, read["files"].values())) <= shown
    assert shown == (4 if key == "markdown" else 0)


def test_feedback_hint_shows_learners_the_hint(files, banks):
    bank = banks["hostile"]
    questions, _ = moodle_import(_one(files, "hostile", "moodle+hint"))
    by_section = [q for s in bank.sections for q in bank.questions_in(s)]
    assert [q["generalfeedback"] for q in questions] == [plain_html(q.hint) for q in by_section]
    # by default only a bank that is not for interviews (no role, no rubric) shows it
    assert grading.learners_see_hint(bank, "hint")
    assert not grading.learners_see_hint(bank, None)
    study = Bank(title="Study", questions=bank.questions, sections=bank.sections)
    assert grading.learners_see_hint(study, None)
    assert not grading.learners_see_hint(study, "none")


def test_moodle_splits_cdata_end_as_moodle_does(files):
    raw = _one(files, "hostile", "moodle").read_text(encoding="utf-8")
    assert "]]]]><![CDATA[>" in raw
    assert moodle.cdata("a]]>b") == "<![CDATA[a]]]]><![CDATA[>b]]>"


def test_answer_lines_grow_with_minutes(banks):
    minutes = {q.planned_minutes: moodle.answer_lines(q) for q in banks["bundled"].questions}
    ordered = [minutes[m] for m in sorted(minutes)]
    assert ordered == sorted(ordered) and len(set(ordered)) > 1


@pytest.mark.parametrize("key", BANKS)
def test_import_of_own_moodle_export_is_the_bank(files, banks, key, tmp_path):
    bank = banks[key]
    back = _imported(_one(files, key, "moodle"), tmp_path / "from-moodle.xml")
    assert back.title == bank.title and back.description == bank.description
    # the bank's category holds its role, rating scale, tags and competencies
    assert (back.role, back.rubric, back.vocabulary) == (bank.role, bank.rubric, bank.vocabulary)
    assert [(c.name, c.description, c.weight) for c in back.competencies] == [
        (c.name, c.description, c.weight) for c in bank.competencies
    ]
    assert [(s.name, s.description) for s in back.sections] == [
        (s.name, s.description) for s in bank.sections
    ]
    assert back.markup == bank.markup
    # the fixture writes a picture inside a sentence, which comes back after it
    _same_questions(back, bank, FIELDS, exact=key != "markdown")


def _same_questions(back: Bank, bank: Bank, fields: tuple[str, ...], exact: bool = False) -> None:
    """Every question of `bank` in `back`, in the bank's order (the exports group them by
    section; their names or titles, Q1 to Qn, put them back), with the same `fields`: the
    same text, or unless `exact`, in a Markdown bank, text that reads as the same tree."""
    for imported, question in zip(back.questions, bank.questions, strict=True):
        for name in fields:
            got, want = getattr(imported, name), getattr(question, name)
            if not exact and name in RICH and bank.markup == "markdown" and got != want:
                assert _trees(back, got) == _trees(bank, want), (question.id, name)
            else:
                assert got == want, (question.id, name)


def _trees(bank: Bank, value):
    if isinstance(value, tuple):
        return tuple(bank.rich_text(item) for item in value)
    return bank.rich_text(value) if value else value


def test_moodle_import_names_what_it_cannot_carry(tmp_path):
    source = tmp_path / "course.xml"
    source.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/Default for Course</text></category>
  </question>
  <question type="multichoice">
    <name><text>Capital</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Capital of <b>France</b>?</p>]]></text>
    </questiontext>
    <generalfeedback format="html"><text>Paris is the capital.</text></generalfeedback>
    <idnumber>Capital Q</idnumber>
    <answer fraction="100" format="html"><text>Paris</text></answer>
    <answer fraction="0" format="html"><text>Lyon</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>Two</text></name>
    <questiontext format="plain_text"><text>1 + 1 = ?</text></questiontext>
    <generalfeedback><text></text></generalfeedback>
    <answer fraction="100"><text>2</text></answer>
    <hint format="html"><text>Count on your fingers.</text></hint>
    <tags><tag><text>maths</text></tag></tags>
    <coursetags><tag><text>term-1</text></tag><tag><text>maths</text></tag></coursetags>
  </question>
  <question type="description">
    <name><text>Intro</text></name>
    <questiontext format="html"><text>Read this first.</text></questiontext>
    <generalfeedback><text>Nothing to answer.</text></generalfeedback>
  </question>
</quiz>
""",
        encoding="utf-8",
    )
    result = run_cli("import", source)
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "course.yaml")
    first, second, third = bank.questions
    # the bold word makes it a Markdown bank, which keeps it
    assert bank.markup == "markdown"
    assert first.question == "Capital of **France**?\n\na. Paris\\\nb. Lyon"  # its choices
    assert first.hint == "Answer: Paris\n\nParis is the capital."  # the right choice first
    assert first.section == "Default for Course"
    assert first.note == "Answers:\\\nParis (100%)\\\nLyon (0%)"
    assert "course.xml:6: question 'capital-q': its ID number 'Capital Q' is the id" in (
        result.output
    )
    assert "a multichoice question becomes an essay question" in result.output
    assert "its accepted answers are kept as text in the note" in result.output
    assert second.hint == "Answer: 2"  # no general feedback: the right answer alone
    assert "no grader information or general feedback" not in result.output
    assert second.note == "Answers:\\\n2 (100%)\n\nMoodle hint: Count on your fingers."
    assert "course.xml:16: question '1-1': its Moodle hint is kept as text in the note" in (
        result.output
    )
    assert second.tags == ("maths", "term-1")  # the question's tags, then the course's
    assert third.hint == "Nothing to answer."


def test_moodle_import_refuses_entities_and_doctype(tmp_path):
    source = tmp_path / "evil.xml"
    source.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        "<quiz><question type='essay'><questiontext><text>&x;</text></questiontext>"
        "</question></quiz>\n",
        encoding="utf-8",
    )
    result = run_cli("import", source)
    assert result.exit_code == 1
    assert "evil.xml:1: the file declares a DOCTYPE" in result.output
    broken = tmp_path / "broken.xml"
    broken.write_text("<quiz>\n<question type='essay'>\n</quiz>\n", encoding="utf-8")
    result = run_cli("import", broken)
    assert result.exit_code == 1 and "broken.xml:3:" in result.output
    assert "Traceback" not in result.output


def test_moodle_import_says_what_xml_refuses_in_words(tmp_path):
    """libxml2's words came through as they were: 'Unregistered error message' for a control
    character, 'xmlParseCharRef: invalid xmlChar value 1', and an entity bomb's
    'Maximum entity amplification factor exceeded, see xmlCtxtSetMaxAmplification.' on the
    XML declaration's line; each also said its line and column twice."""
    bomb = "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    cases = {
        "cdata": ("<text><![CDATA[a\x01b]]></text>", ":2:", "a control character, which XML"),
        "reference": ("<text>a&#1;b</text>", ":2:", "a control character (&#1;), which XML"),
        # a file edited by hand (a new-user trial's 'Ethics & law' said "xmlParseEntityRef:
        # no name"), and HTML's names outside CDATA ("Entity 'nbsp' not defined")
        "ampersand": ("<text>Ethics & law</text>", ":2:", "an '&' that starts no character"),
        "unended": ("<text>Tom &amp Jerry</text>", ":2:", "write it '&amp;', as Moodle's"),
        "html": ("<text>a&nbsp;b</text>", ":2:", "'&nbsp;', a name that HTML knows and XML"),
        "bomb": (
            "<text>&a9;</text>",
            ":2:1:",
            "entities that expand past any bound; Moodle XML declares no entities",
        ),
    }
    for case, (text, place, said) in cases.items():
        source = tmp_path / f"{case}.xml"
        doctype = f'<!DOCTYPE quiz [<!ENTITY a0 "lol">{bomb}]>\n' if case == "bomb" else ""
        source.write_text(
            f'<?xml version="1.0"?>\n{doctype}<quiz><question type="essay"><questiontext>'
            f"{text}</questiontext></question></quiz>\n",
            encoding="utf-8",
        )
        result = run_cli("import", source, "-o", "-")
        assert result.exit_code == 1
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"{source}{place}") and said in line, line
        assert ", line " not in line and "xmlParse" not in line and "Unregistered" not in line
        assert "EntityRef" not in line and "not defined" not in line


def test_quotes_nested_deeper_than_the_artifacts_show_are_said_so(cli, tmp_path):
    """40 quotes inside each other (an import of HTML quotes made them) said the text
    "shows nothing": markdown-it stops reading past its nesting bound."""
    bank = tmp_path / "deep.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: |\n      {'>' * 40} hello world\n    hint: H.\n",
        encoding="utf-8",
    )
    said = (
        f"{bank}:7: question 'q': 'question': quotes nested more than 8 deep (a line starting "
        "with >>>>>>>>>); quote this one less deep\n"
    )
    result = cli("check", "--bank", bank)
    assert (result.exit_code, result.stderr) == (1, said)
    bank.write_text(bank.read_text(encoding="utf-8").replace(">" * 40, ">" * 8), encoding="utf-8")
    assert cli("check", "--bank", bank).exit_code == 0


# -- GIFT ---------------------------------------------------------------------------------


def _pegjs_text(text: str, fmt: str) -> str:
    """Text as gift-pegjs gives it back: trimmed, and in [plain] text a run of blanks (which
    Moodle's own importer keeps) made one space. Our line breaks are `\\n` escapes, which
    it decodes after that."""
    if fmt == "markdown":
        return text.strip()
    return re.sub(r"[ \t\u00a0\ufeff]{2,}", " ", text.strip())


def _pegjs_expected(text: str, fmt: str) -> dict:
    """What gift-pegjs reads for a text: a plain bank's text with a code span is [html]
    (its code in <code>, as the Moodle XML has it), since [plain] showed the backticks, and
    so is one with a tab or a run of blanks, which Moodle's plain text squeezes."""
    if fmt == "plain" and (any(run.code for run in runs(text)) or SQUEEZED.search(text)):
        return {"format": "html", "text": plain_html(text).strip()}
    return {"format": fmt, "text": _pegjs_text(text, fmt)}


def test_gift_pegjs_reads_every_question(files, banks):
    keys = list(BANKS)
    parsed = gift_parse(
        *(_one(files, k, "gift") for k in keys), _one(files, "hostile", "gift+hint")
    )
    for key, result in zip([*keys, "hostile+hint"], parsed, strict=True):
        assert "error" not in result, (key, result)
        bank = banks[key.partition("+")[0]]
        with_hint = key.endswith("+hint")
        categories = [q["title"] for q in result["questions"] if q["type"] == "Category"]
        title = one_line(bank.title).replace("/", "//")
        assert list(map(html.unescape, categories)) == [  # as Moodle shows them
            f"$course$/top/{title}/{one_line(s.name).replace('/', '//')}" for s in bank.sections
        ]
        read = [q for q in result["questions"] if q["type"] != "Category"]
        by_section = [q for s in bank.sections for q in bank.questions_in(s)]
        assert len(read) == len(by_section)
        for got, question in zip(read, by_section, strict=True):
            assert got["type"] == "Essay"
            assert got["title"] == question.label
            assert got["id"] == question.id
            assert (got["tags"] or []) == list(question.tags)
            fmt = "markdown" if bank.markup == "markdown" else "plain"
            assert got["stem"] == _pegjs_expected(question.question, fmt)
            if with_hint or not bank.for_interviews:
                assert got["globalFeedback"] == _pegjs_expected(question.hint, fmt)
            else:
                assert got["globalFeedback"] is None


def test_gift_escapes_every_special():
    from qbank.exporters.lms.gift import escape

    assert escape("~=#{}:\\") == "\\~\\=\\#\\{\\}\\:\\\\"
    assert escape("a\nb\r\nc") == "a\\nb\\nc"


def test_what_moodles_mathjax_would_set_as_a_formula_stays_as_typed(cli, tmp_path):
    """Moodle's MathJax filter, on in a new site, typesets every text whose HTML holds a
    \\( or \\[ or $$ (filter/mathjaxloader/classes/text_filter.php): a teacher's plain bank
    that shows '\\(v = f\\lambda\\)' as typed would have become a formula. Neither file
    holds them as typed, nor the TeX filter's '[tex]' (a trial: it was set as a formula),
    and each comes back as the bank, with no word of a formula kept as its TeX. Nor does
    Blackboard's upload, whose editor typesets $$, \\[ and \\( (a trial: unguarded), nor a
    Moodle question's name, which Moodle shows through its filters too where 'Filter all
    strings' is on (format_string), and which shows a character reference as its character
    (the name was written as typed)."""
    bank = tmp_path / "physics.yaml"
    bank.write_text(
        "title: Physics\nquestions:\n"
        "  - {id: wave, section: S, question: 'Why is \\(v = f\\lambda\\)? [TeX]c[/TeX]', "
        "hint: 'Write \\[T = \\frac{1}{f}\\] or $$E = mc^2$$; `\\(` too'}\n",
        encoding="utf-8",
    )
    typed = load_bank(bank).questions[0]
    assert "is \\(v" in typed.question and "$$" in typed.hint  # the test's own premise
    formula = re.compile(r"\\[(\[]|\$\$|\[tex\]", re.IGNORECASE)
    for fmt in ("moodle", "gift", "blackboard"):
        written = _written(cli, bank, fmt, tmp_path / fmt)
        if fmt == "blackboard":  # its fields, which Blackboard reads as HTML
            (row,) = written.read_text(encoding="utf-8").splitlines()
            shown = row.split("\t")[1:]
            assert "$&#36;E" in row and not any(formula.search(s) for s in shown), shown
            continue
        if fmt == "moodle":  # what the filter reads: each text's HTML, and the name's
            root = etree.parse(str(written))
            shown = [t.text for t in root.iterfind(".//*[@format='html']/text")]
            (name,) = [t.text for t in root.iterfind(".//question[@type='essay']/name/text")]
            assert html.unescape(name) == f"Q1 {one_line(typed.question)}", name
            shown.append(name)
        else:  # gift-pegjs reads each text as Moodle's GIFT import does
            (parsed,) = gift_parse(written)
            stems = [q for q in parsed["questions"] if q["type"] == "Essay"]
            shown = [q["stem"]["text"] for q in stems]
            assert [q["stem"]["format"] for q in stems] == ["html"]
        assert shown and not any(formula.search(s or "") for s in shown), shown
        source = tmp_path / f"back-{fmt}{written.suffix}"
        source.write_bytes(written.read_bytes())
        result = cli("import", source)
        assert result.exit_code == 0 and "TeX" not in result.output, result.output
        back = load_bank(source.with_suffix(".yaml"))
        assert (back.questions[0].question, back.questions[0].hint) == (typed.question, typed.hint)


def test_a_moodle_questions_name_keeps_what_looks_like_a_tag_or_a_reference(cli, tmp_path):
    """Moodle's import cleans a name as text (clean_question_name: PARAM_TEXT, PHP's
    strip_tags) and shows it as HTML (format_string; s() in its field): a question that
    starts 'Compare a<b and c>d' was named 'Compare ad' there, and one that says '&amp;'
    was named with '&'. The name writes such a '<' and '&' as character references, which
    the cleaning leaves and Moodle shows as typed; a lone '&' stays itself."""
    question = "Compare a<b and c>d, &amp; &#60; R&D?"
    bank = tmp_path / "tags.yaml"
    bank.write_text(
        f"title: T\nquestions:\n  - {{id: a, section: S, question: '{question}', hint: H.}}\n",
        encoding="utf-8",
    )
    written = _written(cli, bank, "moodle", tmp_path / "moodle")
    (name,) = etree.parse(str(written)).xpath("//question[@type='essay']/name/text/text()")
    assert re.sub(r"<[^>]*>", "", name) == name, name  # what strip_tags leaves
    assert html.unescape(name) == f"Q1 {question}", name  # what Moodle shows
    assert "R&D" in name
    back = _imported(written, tmp_path / "back.xml")
    assert back.questions[0].question == question


def test_what_canvass_mathjax_would_set_as_a_formula_stays_as_typed(cli, tmp_path):
    """Canvas typesets with MathJax 2 a page whose text holds $$ or \\(, then \\( \\[ and
    $$ anywhere on it but inside <code>, <pre> or an element of class mathjax_ignore
    (public/javascripts/mathml.js: isMathInElement reads textContent; tex2jax's
    ignoreClass), and its sanitizer keeps a class. It reads the page's text, so a character
    reference, Moodle's guard, would not hide them: the QTI wrote a question's, its
    feedback's and the quiz description's text as typed, and Canvas set them as formulas.
    Each such text is in an element of class mathjax_ignore, every character as typed. So is
    one with a LaTeX environment or reference, which tex2jax sets without a delimiter
    (processEnvironments, processRefs: on by default). A title, which Canvas shows as text,
    is cut at a word before a formula; the quiz's was written as typed, and a question that
    opens with one was titled 'Q4…': its formulas are an ellipsis, then its words follow."""
    bank = tmp_path / "physics.yaml"
    bank.write_text(
        "title: 'Waves \\(v = f\\lambda\\) and $$E$$'\ndescription: 'Costs $$5, or $$6'\n"
        "questions:\n"
        "  - {id: wave, section: S, question: 'Why is \\(v = f\\lambda\\)?', "
        "hint: 'Write \\[T = \\frac{1}{f}\\] or $$E = mc^2$$; `\\(` too'}\n"
        "  - {id: calm, section: S, question: 'A text with no formula?', hint: H.}\n"
        "  - {id: env, section: S, question: 'Set \\begin{align}a\\end{align}?', "
        "hint: 'See \\eqref{e} and \\ref{f}.'}\n"
        "  - {id: opens, section: S, question: '$$E = mc^2$$ \\(E\\) holds why?', hint: H.}\n",
        encoding="utf-8",
    )
    typed = load_bank(bank)
    written = _written(cli, bank, "qti", tmp_path / "qti")
    with zipfile.ZipFile(written) as package:
        xml = {n: etree.fromstring(package.read(n)) for n in package.namelist()}
    shown = [m.text for root in xml.values() for m in root.iter("{*}mattext")]
    shown += [d.text for root in xml.values() for d in root.iter("{*}description")]
    formula = re.compile(r"\\[(\[]|\$\$|\\begin\{|\\(eq)?ref\{")
    outside = (
        "//text()[not(ancestor::*[self::code or self::pre or "
        "contains(concat(' ', normalize-space(@class), ' '), ' mathjax_ignore ')])]"
    )
    pages = [lxml.html.fragment_fromstring(text, create_parent="div") for text in shown]
    assert [page.text_content() for page in pages] == [
        typed.questions[0].question,
        typed.questions[0].hint.replace("`", ""),
        typed.questions[1].question,
        typed.questions[1].hint,
        typed.questions[2].question,
        typed.questions[2].hint,
        typed.questions[3].question,
        typed.questions[3].hint,
        typed.description,
    ]
    for page in pages:
        assert not [t for t in page.xpath(outside) if formula.search(t)], lxml.html.tostring(page)
    assert "mathjax_ignore" not in "".join(shown[2:4])  # a text with none stays bare
    # a title, which Canvas shows as text, is cut at a word before the formula
    titles = [item.get("title") for root in xml.values() for item in root.iter("{*}item")]
    assert titles == [
        "Q1 Why is\u2026",
        "Q2 A text with no formula?",
        "Q3 Set\u2026",
        "Q4 \u2026 holds why?",
    ]
    quiz = [a.get("title") for root in xml.values() for a in root.iter("{*}assessment")]
    quiz += [t.text for r in xml.values() for t in r.iter("{*}title", "{*}string") if t.text]
    assert quiz == ["Waves\u2026"] * 4, quiz


@pytest.mark.parametrize(
    ("title", "quiz"),
    [
        ("\\(x\\)", "x"),  # was '…'
        ("$$E = mc^2$$ \\(E\\)", "E = mc^2 E"),
        ("\\begin{align}a\\end{align}", "a"),
        ("\\(a `b` c\\)", "physics"),  # AsciiMath would set 'b': the bank file's name
        ("\\(x", "physics"),  # left open
    ],
)
def test_a_quiz_title_of_formulas_alone_is_readable(title, quiz):
    """A bank titled by a formula alone made a Canvas quiz titled '…', in the manifest,
    the assessment and its settings alike: its formulas' own text is the title, where
    MathJax would set none of it, else the bank file's name."""
    from qbank.exporters.lms import qti

    (question,) = load_bank(DEFAULT_BANK).questions[:1]
    bank = Bank(title=title, name="physics", questions=(question,), sections=())
    xml = [
        etree.fromstring(t.encode()) for t in qti.package_files(bank).values() if isinstance(t, str)
    ]
    titles = [a.get("title") for root in xml for a in root.iter("{*}assessment")]
    titles += [t.text for r in xml for t in r.iter("{*}title", "{*}string") if t.text]
    assert titles == [quiz] * 4, titles


def test_what_canvass_asciimath_would_set_as_a_formula_stays_as_typed(cli, tmp_path):
    """Canvas's MathJax (TeX-MML-AM_HTMLorMML, public/javascripts/mathml.js) reads AsciiMath
    too: asciimath2jax sets what stands between two backticks anywhere on the page but in
    <code>, <pre> or an element of its own ignore class, asciimath2jax_ignore; Canvas names
    only tex2jax's, mathjax_ignore. A Markdown bank's '\\`x\\` or \\`y\\`' is typed backticks,
    which Canvas set as formulas where its MathJax ran (a page with a formula elsewhere)."""
    bank = tmp_path / "ticks.yaml"
    bank.write_text(
        "title: Ticks\nmarkup: markdown\ndescription: 'Quote with \\`a\\` and \\`b\\`.'\n"
        "questions:\n  - {id: t, section: S, question: 'Type \\`x\\` or \\`y\\`?', hint: H.}\n",
        encoding="utf-8",
    )
    written = _written(cli, bank, "qti", tmp_path / "qti")
    with zipfile.ZipFile(written) as package:
        xml = [etree.fromstring(package.read(n)) for n in package.namelist()]
    shown = [m.text for root in xml for m in root.iter("{*}mattext", "{*}description")]
    pages = [lxml.html.fragment_fromstring(text, create_parent="div") for text in shown]
    assert [page.text_content() for page in pages] == [
        "Type `x` or `y`?",
        "H.",
        "Quote with `a` and `b`.",
    ]
    outside = (
        "//text()[not(ancestor::*[self::code or self::pre or "
        "contains(concat(' ', normalize-space(@class), ' '), ' asciimath2jax_ignore ')])]"
    )
    for page in pages:
        assert not [t for t in page.xpath(outside) if "`" in t], lxml.html.tostring(page)
    assert [item.get("title") for root in xml for item in root.iter("{*}item")] == ["Q1 Type\u2026"]


@pytest.mark.parametrize("markup", ["plain", "markdown"])
def test_a_code_spans_options_reach_the_lms_files_as_typed_and_unwrapped(cli, tmp_path, markup):
    """The deck and the study page keep a command's option on its row with a span of
    `white-space:nowrap` around it ('--upgrade'), and every LMS file had those spans too: a
    teacher's phrase search of the LMS's stored HTML ('install --upgrade', Moodle's text
    filter) found no such question, and an editor carries the style on to what is typed
    beside it. Each file has the code's characters alone in its <code>, and the bank
    comes back from Moodle XML and GIFT as it was (GIFT's grader text is none). Without the
    spans, Chromium broke Moodle's 'pip install --upgrade' as 'pip install -' over
    '-upgrade' on a narrow screen: a code span of at most 30 characters with an option in it
    has no break in it at all, by a style of its <code>, which Moodle's HTMLPurifier and
    Canvas's sanitizer keep (white-space: nowrap). A longer one broke there still ('--no-'
    over 'cache-dir'): it breaks at blanks only, between runs of its words of at most 30
    characters, each run with an option in it in one span of that style."""
    code = "pip install --upgrade --no-cache-dir requests"
    bank = tmp_path / "code.yaml"
    bank.write_text(
        f"title: T\nmarkup: {markup}\nquestions:\n"
        f"  - {{id: a, section: S, question: 'Why `{code}`, not `pip install --upgrade`?',"
        " hint: 'Run `python -m venv`.',"
        " look_for: ['`ls --all`'], note: 'See `git log -S x`, or `git log`.'}\n",
        encoding="utf-8",
    )
    typed = load_bank(bank)
    nowrap = '<span style="white-space:nowrap">'
    for fmt in ("moodle", "qti", "gift", "blackboard"):
        written = _written(cli, bank, fmt, tmp_path / fmt)
        if fmt == "qti":
            with zipfile.ZipFile(written) as package:
                text = "".join(package.read(n).decode("utf-8") for n in package.namelist())
            text = html.unescape(text)  # the assessment's HTML is escaped XML text
        else:
            text = written.read_text(encoding="utf-8")
        if fmt != "gift" or markup == "plain":  # a Markdown bank's GIFT is its Markdown
            shown = text.replace("\\", "")
            runs = f"{nowrap}pip install --upgrade</span> {nowrap}--no-cache-dir requests</span>"
            assert f"<code>{runs}</code>" in shown, (fmt, text)
            kept = '<code style="white-space:nowrap">pip install --upgrade</code>'
            assert kept in shown, (fmt, text)
            assert "<code>git log</code>" in shown or fmt != "moodle", (fmt, text)
            assert shown.count("<span") == 2, (fmt, text)
        if fmt in ("moodle", "gift"):
            back = _imported(written, tmp_path / f"back-{fmt}{written.suffix}")
            fields = ("question", "hint") + (("look_for", "note") if fmt == "moodle" else ())
            _same_questions(back, typed, fields, exact=True)


@pytest.mark.parametrize("markup", ["plain", "markdown"])
def test_a_line_or_paragraph_separator_comes_back_from_qbanks_own_files(cli, tmp_path, markup):
    """A trial: a bank's U+2028 came back from its Moodle XML and GIFT as a line break.
    Each file writes the separator before the break it shows as (a browser draws none),
    and import reads the two back as the separator; GIFT's parser reads the file."""
    question = '{id: a, section: S, question: "Is a\\u2028b or c\\u2029d?", hint: "`x` a\\u2028b"}'
    bank = tmp_path / "sep.yaml"
    bank.write_text(f"title: T\nmarkup: {markup}\nquestions:\n  - {question}\n", "utf-8")
    (typed,) = load_bank(bank).questions
    assert "\u2028" in typed.hint and "\u2029" in typed.question  # the test's own premise
    for fmt in ("moodle", "gift"):
        written = _written(cli, bank, fmt, tmp_path / fmt)
        if fmt == "gift":
            (parsed,) = gift_parse(written)
            (stem,) = [q["stem"]["text"] for q in parsed["questions"] if q["type"] == "Essay"]
            shown = typed.question.replace("\u2028", "\u2028\n").replace("\u2029", "\u2029\n")
            assert stem == shown, stem  # as Moodle reads it: each separator, then its break
        elif markup == "plain":  # Moodle shows a break
            assert "a\u2028<br>b" in written.read_text(encoding="utf-8")
        back = _imported(written, tmp_path / f"back-{fmt}{written.suffix}")
        assert (back.questions[0].question, back.questions[0].hint) == (typed.question, typed.hint)


def test_paragraphs_come_back_a_blank_line_apart_from_html_alone(cli, tmp_path):
    """A trial: a Markdown bank whose texts all went as HTML (a tab, a formula, a language
    written right to left) and held no emphasis, list or link came back a plain bank, its
    paragraphs joined into lines ('One\\tpara.\\nTwo.'), from GIFT and Moodle XML alike.
    A <p> is a blank line apart, as Moodle shows it, so the texts read as typed."""
    typed = ("One\tpara.\n\nTwo $$x$$.\n\nThree.", "Hint\tone.\n\nHint two.")
    bank = tmp_path / "paras.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - {id: a, section: S, question: "
        f"{json.dumps(typed[0])}, hint: {json.dumps(typed[1])}}}\n",
        encoding="utf-8",
    )
    for fmt in ("moodle", "gift"):
        written = _written(cli, bank, fmt, tmp_path / fmt)
        (back,) = _imported(written, tmp_path / f"back-{fmt}{written.suffix}").questions
        assert (back.question, back.hint) == typed, fmt


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        # Moodle's editor (Atto, TinyMCE) ends a paragraph with a <br> that a browser does
        # not draw: it came back two blank lines apart, 'Intro\n\n\nNext' (a review)
        ("<p>Intro<br></p><p>Next</p>", "Intro\n\nNext"),
        ("<p>Intro<br><br></p><p>Next</p>", "Intro\n\n\nNext"),
        ("<li>a<br></li><li>b</li>", "a\nb"),
        # a blank line typed between paragraphs, as the editor saves it: one more blank
        # line, which a plain bank's booklet and page show (it read as none)
        ("<p>One</p><p><br></p><p>Two</p>", "One\n\n\nTwo"),
        ("<p>One</p><p>&nbsp;</p><p>Two</p>", "One\n\n\nTwo"),  # TinyMCE's (it read as none)
        ("<p>One</p><p> </p><p>&nbsp;<br>&nbsp;</p><p>Two</p>", "One\n\n\n\nTwo"),
        ("<div>One</div><div><br></div><div>Two</div>", "One\n\nTwo"),
        ("<p>One</p><p></p><p><br></p>", "One"),
        # a loose list, as Moodle or a Markdown converter writes it: an item a line, as a
        # tight list's; its items came back a blank line apart
        ("<ul><li><p>a</p></li><li><p>b</p></li></ul>", "a\nb"),
        ("<p>To:</p><ol><li><p>a</p><p>b</p></li><li>c</li></ol><p>.</p>", "To:\n\na\nb\nc\n\n."),
        # an empty item, as the editors leave one (TinyMCE's &nbsp;, Atto's <br>) is left
        # out, as '<li></li>' is: it came back a blank line, the list's lines two paragraphs
        ("<ul><li>a</li><li>&nbsp;</li><li>b</li><li><p><br></p></li></ul><p>c</p>", "a\nb\n\nc"),
        ("<ol><li>a<ul><li><br></li></ul></li><li>&nbsp;<br>&nbsp;</li><li>b</li></ol>", "a\nb"),
    ],
)
def test_moodles_editor_html_reads_as_a_browser_shows_it(markup, text):
    """A text from Moodle's own editor reads as its page shows it."""
    assert text_from_html(markup) == text


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        (
            "<ul><li>a</li><li>&nbsp;</li><li>b</li><li><p><br></p></li></ul><p>c</p>",
            "- a\n- b\n\nc",
        ),
        ("<ol><li>a<ul><li><br></li></ul></li><li>&nbsp;<br></li></ol>", "1. a"),
        # a numbered list's empty item before others keeps its number (a review: renumbered)
        ("<ol><li>a</li><li>&nbsp;<br></li><li>b</li><li><br></li></ol>", "1. a\n2. \n3. b"),
        ('<ol start="3"><li>&nbsp;</li><li>x</li></ol>', "3. \n4. x"),
        ("<ul><li>a</li><li><p>&nbsp;</p></li><li>b</li></ul>", "- a\n- b"),
        ("<ul><li><br></li></ul><p>x</p>", "x"),
    ],
)
def test_an_empty_list_item_is_left_out_of_a_markdown_banks_text(markup, text):
    """An empty item, as Moodle's editors leave one after the last (TinyMCE's &nbsp;,
    Atto's <br>), is left out of a Markdown bank's text, as of a plain bank's: it came back
    an empty bullet ('- '), and '<li><p>&nbsp;</p></li>' made the list loose, its items a
    blank line apart; a list of empty items alone is none. A numbered list's before other
    items is kept, whose number they follow."""
    assert markdown_text(html_blocks(markup, lambda _: None)[0]) == text


@pytest.mark.parametrize("markup", ["plain", "markdown"])
@pytest.mark.parametrize("fmt", ["moodle", "qti", "gift", "blackboard"])
def test_a_texts_tabs_and_runs_of_blanks_show_in_the_lms_as_typed(cli, tmp_path, fmt, markup):
    """A trial: 'Tabs<TAB>here and   three spaces' showed 'Tabs here and three spaces' in
    Moodle and Canvas, whose pages have no style that keeps blanks (the study page and the
    deck keep them). Such a text is in a span of `white-space:pre-wrap`, which Moodle's
    HTMLPurifier and Canvas's sanitizer keep (GIFT's too, as HTML: Moodle's plain text
    squeezes tabs); one without stays bare. A Markdown bank's paragraph of them is a <p> of
    that style (CommonMark keeps them in its words, and the study page and the deck show
    them; a Markdown bank's GIFT, [markdown], squeezed them as Moodle's page does). Moodle
    XML and GIFT give the text back."""
    typed = "Tabs\there and   three `a  b` spaces?"
    hint = "Two  blanks.\n\n- One space." if markup == "markdown" else "One space."
    bank = tmp_path / "blanks.yaml"
    bank.write_text(
        f"title: T\nmarkup: {markup}\nquestions:\n  - {{id: a, section: S, question: "
        f"{json.dumps(typed)}, hint: {json.dumps(hint)}}}\n",
        encoding="utf-8",
    )
    written = _written(cli, bank, fmt, tmp_path / fmt)
    if fmt == "qti":
        text = html.unescape(_assessment(_zip(written))[1].decode("utf-8"))
    else:
        text = written.read_text(encoding="utf-8").replace("&#9;", "\t").replace("\\", "")
    kept = '<span style="white-space:pre-wrap">Tabs\there and   three <code>a  b</code> spaces?'
    assert kept + "</span>" in text, text
    assert "One space." in text and 'pre-wrap">One' not in text
    if markup == "markdown":
        assert '<p style="white-space:pre-wrap">Two  blanks.</p><ul><li>One' in text, text
    if fmt in ("moodle", "gift"):
        back = _imported(written, tmp_path / f"back{written.suffix}")
        assert (back.questions[0].question, back.questions[0].hint) == (typed, hint)


@pytest.mark.parametrize(
    ("fmt", "markup"),
    [("moodle", "plain"), ("moodle", "markdown"), ("qti", "plain"), ("qti", "markdown")]
    + [("gift", "plain"), ("gift", "markdown")],
)
def test_a_banks_texts_say_their_language_and_direction(cli, tmp_path, fmt, markup):
    """A trial: an Arabic bank's question 'ما هو TCP؟' went to Moodle and Canvas with no
    direction, and a page that runs left to right (an LMS in English) set it from the left,
    its question mark read first and 'TCP' before its first words, where the study page sets
    it from the right. In a language written right to left, each text says its direction,
    as on the study page: a bare text in a <div dir="rtl">, a paragraph of the grader's
    text <p dir="rtl">, a listed one <li dir="rtl"> (by its own words: 'TCP' alone auto),
    the bank's and the section's description too; Moodle's HTMLPurifier and Canvas's
    sanitizer keep it. GIFT gives such a text as HTML, which can say it ([plain] and
    [markdown] said none). A bank in English says none. Moodle XML and GIFT give the bank
    back, its language and a section's own too (GIFT in a comment, which gift-pegjs passes
    over: a bank back from GIFT had none, and its booklet ran left to right). QTI says them
    where its DTD takes them (it said none): the assessment's xml:lang, and each text's of
    a section in its own.
    Each text as HTML says its language too, `lang` beside `dir`, in any language (an
    English bank's in 'en'; GIFT's [plain] and [markdown] cannot, and a text that needs no
    HTML stays so, a file to edit by hand): an LMS's page says the site's
    language, and a screen reader read a German or Arabic bank's question in the site's
    English voice. Moodle's HTMLPurifier and Canvas's sanitizer keep it; import leaves it
    out of the texts, and the QTI still validates."""
    bank = tmp_path / "ar.yaml"
    bank.write_text(
        f"title: T\nlanguage: ar\nmarkup: {markup}\ndescription: 'وصف البنك'\n"
        "sections: [{name: S, description: 'وصف القسم'}, {name: E, language: fa}]\n"
        "questions:\n"
        "  - {id: a, section: S, question: 'ما هو TCP؟', hint: 'نص.', note: 'ملاحظة',\n"
        "     look_for: ['إشارة', 'TCP'], follow_ups: ['لماذا؟']}\n"
        "  - {id: b, section: E, question: 'سؤال', hint: 'نص'}\n",
        encoding="utf-8",
    )
    english = tmp_path / "en.yaml"
    english.write_text(re.sub("language: (ar|fa)", "language: en", bank.read_text("utf-8")))
    written = {s.stem: _written(cli, s, fmt, tmp_path / f"{fmt}-{s.stem}") for s in (bank, english)}
    if fmt == "qti":
        said, none = (html.unescape(b"".join(_zip(w).values()).decode()) for w in written.values())
    else:
        said, none = (w.read_text(encoding="utf-8").replace("\\", "") for w in written.values())
    rtl = 'lang="ar" dir="rtl"'
    assert f"<div {rtl}>ما هو TCP؟</div>" in said and f"<div {rtl}>نص.</div>" in said, said
    assert '<div lang="fa" dir="rtl">سؤال</div>' in said  # its section's own
    if fmt != "gift":  # GIFT's descriptions are comments, which Moodle passes over
        assert f"<div {rtl}>وصف البنك</div>" in said, said
    if fmt == "moodle":  # a section without a description has none (an empty <div>)
        assert '<info format="html"><text><![CDATA[<h4>Language</h4><p>fa</p>]]>' in said
        assert f"<p {rtl}>ملاحظة</p>" in said and f"<div {rtl}>وصف القسم</div>" in said
        assert f'<ul><li {rtl}>إشارة</li><li lang="ar" dir="auto">TCP</li></ul>' in said, said
        assert f"<ul><li {rtl}>لماذا؟</li></ul>" in said
    if fmt == "gift":  # a text that needs no HTML stays a text to read and edit by hand
        assert "dir=" not in none and "lang=" not in none, none
        assert f"::Q1::[{markup}]ما هو TCP؟{{####[{markup}]نص.}}" in none, none
    else:
        assert "dir=" not in none and '<div lang="en">ما هو TCP؟</div>' in none, none
    if fmt == "qti":
        dtd = etree.DTD(str(qti_dtd()))
        root = _strip_namespaces(_assessment(_zip(written["ar"]))[1])
        assert dtd.validate(root), dtd.error_log.filter_from_errors()
        lang = "{http://www.w3.org/XML/1998/namespace}lang"
        texts = {m.get(lang) for m in root.iter("mattext") if "سؤال" in (m.text or "")}
        assert (root.find("assessment").get(lang), texts) == ("ar", {"fa"})
        assert [m.get(lang) for m in root.iter("mattext") if "TCP" in m.text] == [None]
        assert 'assessment ident="' in none and 'xml:lang="en"' in none
    if fmt == "gift":
        (parsed,) = gift_parse(written["ar"])
        essays = [q for q in parsed.get("questions", ()) if q["type"] == "Essay"]
        assert essays[0]["stem"] == {"format": "html", "text": f"<div {rtl}>ما هو TCP؟</div>"}
        assert [(q["id"], q["tags"]) for q in essays] == [("a", None), ("b", None)]
    if fmt in ("moodle", "gift"):
        back = _imported(written["ar"], tmp_path / f"back{written['ar'].suffix}")
        typed = load_bank(bank)
        fields = ("question", "hint") + (
            ("note", "look_for", "follow_ups") if fmt == "moodle" else ()
        )
        _same_questions(back, typed, fields, exact=True)
        assert (back.description, back.sections[0].description) == (
            typed.description,
            typed.sections[0].description,
        )
        assert (back.language, [(s.name, s.language) for s in back.sections]) == (
            "ar",
            [("S", ""), ("E", "fa")],
        )


def test_a_markdown_banks_gift_keeps_what_moodles_mathjax_would_set(cli, tmp_path):
    """A review: a Markdown bank's GIFT was [markdown] as typed, so '$$E = mc^2$$', and
    the '\\\\(v\\\\)' check advises, reached Moodle's MathJax filter through its Markdown. Such
    a text goes as the HTML the Moodle XML has, guarded; it comes back as it shows."""
    bank = tmp_path / "md.yaml"
    bank.write_text(
        "title: Md\nmarkup: markdown\nquestions:\n"
        "  - {id: e, section: S, question: 'Why is $$E = mc^2$$ *right*?', hint: H.}\n"
        "  - {id: v, section: S, question: 'Write \\\\(v = f\\\\lambda\\\\).', hint: H.}\n"
        "  - {id: p, section: S, question: 'Plain *text*.', hint: H.}\n",
        encoding="utf-8",
    )
    result = cli("lms", "--bank", bank, "--format", "gift", "--out", tmp_path / "g")
    assert result.exit_code == 0, result.output
    (written,) = (tmp_path / "g").iterdir()
    (parsed,) = gift_parse(written)
    stems = [q["stem"] for q in parsed["questions"] if q["type"] == "Essay"]
    assert [s["format"] for s in stems] == ["html", "html", "markdown"]
    assert not any(re.search(r"\\[(\[]|\$\$", s["text"]) for s in stems), stems
    before = load_bank(bank)
    back = _imported(written, tmp_path / "back.gift")
    for was, now in zip(before.questions, back.questions, strict=True):
        assert back.flat(now.question) == before.flat(was.question)


def test_a_markdown_banks_gift_shows_in_moodle_as_its_markdown_reads(cli, tmp_path):
    """A trial: 'Steps:\\n- a\\n- b' went as [markdown] as typed, and Moodle's Markdown (PHP
    Markdown Extra: a list there starts after a blank line, and its numbers end in '.')
    showed 'Steps: - a - b' as one paragraph, and '1) one 2) two' as one line, where every
    other artifact shows a list; a line break written as a backslash (as check advises, and
    as import writes one) showed the backslash and no break, and so did a backslash before a
    character it does not escape ('\\<b>', as import writes a '<b>' shown as typed, showed
    '\\' and bold), and a line that starts with a colon, as French wraps 'exemple :', was a
    definition list; '<b>x</b>', which qbank shows as typed, was bold. Such a text goes as
    the HTML the Moodle XML has; a list after a blank line, a break of two blanks, '\\*' and
    '1 < 2' stay [markdown]. Each comes back as it shows."""
    texts = ["Steps:\n- a\n- b", "Order:\n\n1) one\n2) two", "> Quoted:\n> - c", "One\\\ntwo"]
    texts += ["A \\<b> tag costs \\$5.", "Un exemple\n: un pare-feu.", "Is <b>x</b> bold?"]
    # a code span, or a link's title, over a line end: the break is on the next line
    texts += ["`a\nb` x\\\ny", '[a](https://e.org "t\nu") x\\\ny']
    texts += ["Steps:\n\n- a", "One  \ntwo", "A \\* and `\\<b>`, 1 < 2."]
    questions = [
        {"id": f"q{n}", "section": "S", "question": t, "hint": "H."} for n, t in enumerate(texts)
    ]
    bank = tmp_path / "md.yaml"
    bank.write_text(json.dumps({"title": "Md", "markup": "markdown", "questions": questions}))
    written = _written(cli, bank, "gift", tmp_path / "g")
    (parsed,) = gift_parse(written)
    stems = [q["stem"] for q in parsed["questions"] if q["type"] == "Essay"]
    assert [s["format"] for s in stems] == ["html"] * 9 + ["markdown"] * 3
    assert "<ul><li>a</li><li>b</li></ul>" in stems[0]["text"]
    before = load_bank(bank)
    back = _imported(written, tmp_path / "back.gift")
    for was, now in zip(before.questions, back.questions, strict=True):
        shown = back.rich_text(now.question).blocks
        assert shown == before.rich_text(was.question).blocks, now.question


@pytest.mark.parametrize("key", BANKS)
def test_import_of_own_gift_export(files, banks, key, tmp_path):
    bank = banks[key]
    for picture in {p.path: p for tree in bank.rich.values() for p in tree.pictures()}.values():
        # GIFT has no files: a user's pictures stay in their folder, beside the file
        (tmp_path / picture.path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / picture.path).write_bytes(picture.data)
    back = _imported(_one(files, key, "gift+hint"), tmp_path / "from-gift.gift")
    assert back.title == bank.title and back.markup == bank.markup
    assert [s.name for s in back.sections] == [s.name for s in bank.sections]
    _same_questions(back, bank, ("id", "section", "question", "hint", "tags"))


def test_gift_import_names_other_question_types(tmp_path):
    source = tmp_path / "quiz.gift"
    source.write_text(
        "$CATEGORY: $course$/top/Geography\n\n"
        "// [id:capital] [tag:europe]\n"
        "::Capital::What is the capital of France? {=Paris ~Lyon ~Nice ####Paris, since 508.}\n\n"
        "Is water wet? {TRUE}\n\n"
        "Explain erosion \\{in short\\}. {}\n",
        encoding="utf-8",
    )
    result = run_cli("import", source)
    assert result.exit_code == 0, result.output
    first, second, third = load_bank(tmp_path / "quiz.yaml").questions
    assert (first.id, first.tags) == ("capital", ("europe",))
    assert first.hint == "Answer: Paris\n\nParis, since 508."  # the right choice first
    assert first.question == "What is the capital of France?\n\na. Paris\nb. Lyon\nc. Nice"
    assert second.hint == "Answer: True"
    assert first.note == "Answers:\nParis (100%)\nLyon (0%)\nNice (0%)"
    assert "quiz.gift:4: question 'capital': a multiple-choice question becomes" in result.output
    assert "its title 'Capital' is not kept" in result.output
    assert "a true-false question" in result.output
    assert third.question == "Explain erosion {in short}."
    assert {q.section for q in (first, second, third)} == {"Geography"}


def test_a_gift_questions_right_answer_opens_its_hint_and_its_choices_follow_it(cli, tmp_path):
    """As a Moodle XML file's (a new-user trial): a GIFT choice question came in without
    its choices, unanswerable in the workshop handout, and with '(The GIFT file gave no
    feedback.)' as its hint, the right answer in the note alone."""
    source = tmp_path / "y10.gift"
    source.write_text(
        "A school's network on one site is a {=LAN ~WAN ~PAN}\n\n"
        "Which units are bigger than a megabyte? {~%50%gigabyte ~%50%terabyte ~%-100%kilobyte}"
        "\n\nA bus has no single point of failure.{FALSE####The backbone is one.}\n\n"
        "Seconds to send 40 MB over 10 Mbps?{#32:0.5}\n\n"
        "Match the protocols. {=HTTPS -> web =SMTP -> mail = -> print}\n",
        encoding="utf-8",
    )
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    assert "no general feedback" not in result.output
    result = cli("booklet", "--bank", tmp_path / "y10.yaml", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    study, handout = (
        " ".join(pdf_text(tmp_path / "out" / f"y10-{edition}.pdf").split())
        for edition in ("booklet", "workshop")
    )
    for hint in (
        "Answer: LAN",
        "Answers: gigabyte; terabyte",
        "Answer: False The backbone is one.",
        "Answer: 32 ± 0.5",
        "Answers: HTTPS -> web SMTP -> mail",
    ):
        assert hint in study, hint
    for offered in (
        "a. LAN b. WAN c. PAN",
        "a. gigabyte b. terabyte c. kilobyte",
        "HTTPS: _____ SMTP: _____ Choices: mail; print; web",
    ):
        assert offered in handout and offered in study, offered
    assert "Answer" not in handout and "gave no feedback" not in study


def test_gift_answers_are_kept_in_the_note_as_moodle_xmls_are(cli, tmp_path):
    """A review: the booklet showed a GIFT question's answers as GIFT wrote them
    ('=Frog#Good! =%50%Cat#...', '#3:2~#Completely wrong'), where a Moodle XML question's
    read 'Frog (100%), feedback: Good!'; each kind now reads as Moodle XML's does."""
    source = tmp_path / "kinds.gift"
    source.write_text(
        "Orange, then? {\n =yellow # right; good!\n ~red # [html]wrong, <b>it's</b> yellow\n"
        " ~%-50%[plain]blue\n}\n\n"
        "42 is the answer. {FALSE#It is 42.#You are right.}\n\n"
        "Best animal? {=Frog#Good! =%50%Cat#Cats\\=pets =%0%*#No}\n\n"
        "A number? {#\n =%100%3:2#Near.\n =%50%1..5\n ~#Completely wrong\n}\n\n"
        "[html]Match <b>them</b>. {\n =[html]<i>Forum</i> talk -> Forum\n = -> Chat\n}\n",
        encoding="utf-8",
    )
    result = cli("import", source, "-o", tmp_path / "kinds.yaml")
    assert result.exit_code == 0, result.output
    notes = [q.note for q in load_bank(tmp_path / "kinds.yaml").questions]
    assert notes == [
        "Answers:\\\nyellow (100%), feedback: right; good!\\\nred (0%), feedback: wrong, "
        "it's yellow\\\nblue (-50%)",
        "Answers:\\\ntrue (0%), feedback: It is 42.\\\nfalse (100%), feedback: You are right.",
        "Answers:\\\nFrog (100%), feedback: Good!\\\nCat (50%), feedback: Cats=pets\\\n"
        "\\* (0%), feedback: No",
        "Answers:\\\n3 \u00b1 2 (100%), feedback: Near.\\\nfrom 1 to 5 (50%)\\\n\\* (0%), "
        "feedback: Completely wrong",
        "Answers:\\\nForum talk -> Forum\\\n-> Chat",
    ]
    kinds = ["multiple-choice", "true-false", "short-answer", "numerical", "matching"]
    for line, kind in zip((1, 7, 9, 11, 17), kinds, strict=True):
        said = f"kinds.gift:{line}: question '[^']+': a {kind} question becomes an essay"
        assert re.search(said, result.stderr), result.stderr


def test_gift_answers_that_list_nothing_are_kept_as_written(cli, tmp_path):
    """An answer part whose answers are all blank (`{#}`, `{=}`, which Moodle refuses) left
    'Answers: ' or ' (100%)' in the note; it is kept as the file wrote it, and a blank
    choice among others is no answer."""
    source = tmp_path / "blank.gift"
    source.write_text("One? {#}\n\nTwo? {=}\n\nThree? {=a ~ ~b}\n", encoding="utf-8")
    result = cli("import", source, "-o", tmp_path / "blank.yaml")
    assert result.exit_code == 0, result.output
    notes = [q.note for q in load_bank(tmp_path / "blank.yaml").questions]
    assert notes == ["Answers: #", "Answers: =", "Answers:\na (100%)\nb (0%)"]


@pytest.mark.parametrize(
    ("remark", "values"),
    [
        ("// [tag:a\\]b] [tag:x\\ ] [tag:[tag:y\\]]", ["a]b", "x\\", "[tag:y]"]),
        ("// [tag:] [tag: one ] [tag:two", ["one"]),  # Moodle's needs a character, and a ]
        ("// [tag:a\x0bb] [tag:c]", ["c"]),  # a control character ends none
        ("// " + "[tag:" * 60_000, []),  # searched again from each, this took minutes
        ("// " + "[tag:" * 60_000 + "]", ["[tag:" * 59_999][:1]),
    ],
)
def test_gift_comment_marks_read_as_moodle_reads_them_in_one_pass(remark, values):
    from qbank.bank.gift import marks

    started = time.monotonic()
    assert marks(remark, "tag") == [v.strip() for v in values]
    assert time.monotonic() - started < 1


# Moodle's own patterns (question/format/gift/format.php,
# extract_idnumber_and_tags_from_comment), in Python's syntax: the oracle for gift.marks
_MOODLE_ID = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")
_MOODLE_TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>`\x00-\x1f\x7f])+)\]")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["[id:", "[tag:", "]", "\\]", "\\", "x", " ", "<", "`", "\x01", ":", "\u2003", "\n"]
        ),
        max_size=16,
    ).map("".join)
)
def test_gift_comment_marks_are_what_moodles_patterns_read(text):
    """A review: the one-pass reading took no id from `[id:C:\\temp\\] see notes`, which
    Moodle's pattern reads as `C:\\temp\\` by backtracking, and read tags with < > or a
    backtick, which Moodle's does not."""
    from qbank.bank.gift import marks

    php_blanks = " \t\n\r\0\x0b"  # PHP's trim(), which Moodle's patterns' values go through
    found = _MOODLE_ID.search(text)
    said = found[1].strip(php_blanks).replace("\\]", "]") if found else None
    assert marks(text, "id")[:1] == ([said] if found else [])
    tags = [tag.strip(php_blanks).replace("\\]", "]") for tag in _MOODLE_TAG.findall(text)]
    assert marks(text, "tag") == tags


def test_gift_round_trips_a_tag_with_a_bracket_or_a_closing_backslash(cli, tmp_path):
    """A trial: tags "a]b", "x\\" and "[tag:y]" came back from GIFT as "a\\", "x\\" and
    "[tag:y\\": the reader stopped at the first ], escaped or not, and the writer left a
    closing backslash to escape the ] after it."""
    bank = tmp_path / "tags.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - id: q\n    section: S\n    question: Q?\n    hint: H.\n"
        "    tags: ['a]b', 'x\\', '[tag:y]', 'a\\]b']\n",
        encoding="utf-8",
    )
    exported = _gift_of(cli, bank, tmp_path / "o")
    back = _imported(exported, tmp_path / "back.gift")
    assert back.questions[0].tags == ("a]b", "x\\", "[tag:y]", "a\\]b")


@pytest.mark.parametrize("fmt", ["moodle", "gift"])
def test_a_tag_moodle_keeps_otherwise_is_said_and_reaches_it_as_moodle_keeps_it(cli, tmp_path, fmt):
    """A trial: Moodle takes '<', '>' and '`' out of every tag an import gives a question
    (clean_param PARAM_TAG) and keeps 50 characters of it, and its GIFT import reads no tag
    with one of the first in it: the tag 'R&<D>' went to Moodle as 'R&D' from Moodle XML,
    and from GIFT not at all, unsaid (`qbank import` read it as Moodle does). Each such tag
    is said, and GIFT writes it as Moodle keeps its characters."""
    long = "a" * 51
    bank = tmp_path / "tags.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - id: q\n    section: S\n    question: Q?\n    hint: H.\n"
        f"    tags: ['R&<D>', '`x`', plain, '<>', {long}]\n",
        encoding="utf-8",
    )
    result = cli("lms", "--bank", bank, "--format", fmt, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "warning: question 'q'" in line]
    assert [line.split(": Moodle ")[1].split(" (")[0] for line in said] == [
        "keeps the tag 'R&<D>' as 'R&D'",
        "keeps the tag '`x`' as 'x'",
        "leaves out '<>'",
        f"keeps the tag '{long}' as '{long[:50]}'",
    ], result.output
    (exported,) = (tmp_path / "o").iterdir()
    if fmt == "gift":
        (parsed,) = gift_parse(exported)
        (question,) = [q for q in parsed["questions"] if q["type"] == "Essay"]
        assert question["tags"] == ["R&D", "x", "plain", long], question
    back = _imported(exported, tmp_path / f"back{exported.suffix}")
    kept = ("R&D", "x", "plain", long) if fmt == "gift" else ("R&<D>", "`x`", "plain", "<>", long)
    assert back.questions[0].tags == kept


def test_gift_keeps_the_descriptions_as_comments_that_moodle_passes_over(cli, tmp_path):
    """A review: the GIFT export dropped the bank's and each section's description without
    a word. They are `//` comments now, before the categories, which neither Moodle's
    import nor gift-pegjs reads as a question, an id or a tag."""
    bank = tmp_path / "described.yaml"
    bank.write_text(
        "title: T\ndescription: |-\n  For new analysts.\n\n  Ask [tag:sneaky] ones.\n"
        "sections:\n  - name: S\n    description: Networks {and} firewalls.\n  - name: U\n"
        "questions:\n  - {id: q, section: S, question: Q?, hint: H., tags: [one]}\n"
        "  - {id: r, section: U, question: R?, hint: H.}\n",
        encoding="utf-8",
    )
    exported = _gift_of(cli, bank, tmp_path / "o")
    text = exported.read_text(encoding="utf-8")
    assert text.startswith("// For new analysts.\n//\n// Ask [tag:sneaky] ones.\n\n")
    assert "\n\n// Networks {and} firewalls.\n$CATEGORY: $course$/top/T/S\n\n" in text
    (parsed,) = gift_parse(exported)
    assert "error" not in parsed, parsed
    read = [(q["type"], q.get("id"), q.get("tags")) for q in parsed["questions"]]
    assert read == [("Category", None, None), ("Essay", "q", ["one"])] + [
        ("Category", None, None),
        ("Essay", "r", None),
    ]
    back = _imported(exported, tmp_path / "back.gift")
    assert [(q.id, q.section, q.tags) for q in back.questions] == [
        ("q", "S", ("one",)),
        ("r", "U", ()),
    ]


def test_a_gift_question_left_open_is_named_and_the_others_come_in(cli, tmp_path):
    """A trial: one answer part a blank line cut short ('{=Frog' and its '}' apart) refused
    the whole file ('the answer part opened by '{' is not closed'); that question is said at
    its line, with where it ends and what to do, and the others are imported. A title left
    open is the question's text, as Moodle reads it, and said."""
    source = tmp_path / "open.gift"
    source.write_text(
        "First? {####One.}\n\n"
        "// [id:animal]\n::Animal::Which animal? {\n=Frog#Good!\n\n"
        "Second? {####Two.}\n\n"
        "::Left open title? {####Three.}\n",
        encoding="utf-8",
    )
    result = cli("import", source, "-o", tmp_path / "open.yaml")
    assert result.exit_code == 0, result.output
    kept = [q.question for q in load_bank(tmp_path / "open.yaml").questions]
    assert kept == ["First?", "Second?", "Left open title?"]
    assert (
        "open.gift:4: the question '::Animal::Which animal? { =Frog#Good!' is not imported: its "
        "answer part, opened by '{', is not closed by '}' before the blank line at line 6; "
        "close it" in result.stderr
    )
    said = "open.gift:9: question '[^']+': its title, opened by '::', is not closed by '::'"
    assert re.search(said, result.stderr), result.stderr


def test_gift_descriptions_come_back_from_qbanks_own_file_only(cli, tmp_path):
    """The GIFT export keeps the descriptions as comments; its import passed over them, so
    a bank exported and imported again lost them without a word. In a file qbank wrote they
    come back (a Markdown description's hard break too); in any other a comment is none."""
    bank = tmp_path / "described.yaml"
    bank.write_text(
        'title: T\nmarkup: markdown\ndescription: "For *new* analysts.  \\nSecond line.\\n\\n'
        'Third."\nsections:\n  - name: S\n    description: Networks.\n  - name: U\n'
        "questions:\n  - {id: q, section: S, question: Q?, hint: H.}\n"
        "  - {id: r, section: U, question: R?, hint: H.}\n",
        encoding="utf-8",
    )
    exported = _gift_of(cli, bank, tmp_path / "o")
    before, back = load_bank(bank), _imported(exported, tmp_path / "back.gift")
    assert back.description == before.description
    assert [(s.name, s.description) for s in back.sections] == [("S", "Networks."), ("U", "")]
    hand = tmp_path / "hand.gift"
    hand.write_text(
        "// Written by hand.\n\n// question: 0  name: switch category\n$CATEGORY: A/B\n\n"
        "::Q1:: First? {}\n",
        encoding="utf-8",
    )
    assert cli("import", hand, "-o", tmp_path / "hand.yaml").exit_code == 0
    read = load_bank(tmp_path / "hand.yaml")
    assert read.description == "" and [s.description for s in read.sections] == [""]


def test_gift_lines_end_only_at_line_breaks(cli, tmp_path):
    """GIFT's lines were split by str.splitlines, at U+2028 and form feeds too: a question
    with a line separator became two questions."""
    source = tmp_path / "ls.gift"
    source.write_text("::Q1:: First\u2028\u2028second half {####feedback}\n", encoding="utf-8")
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    (question,) = load_bank(tmp_path / "ls.yaml").questions
    assert question.question == "First\u2028\u2028second half"


def test_an_import_of_more_questions_than_a_bank_holds_stops_at_the_one_too_many(cli, tmp_path):
    """A 9 MB GIFT file of 1.5 million questions took 7.8 GB: an import makes 50,000
    questions at most, and says so at the first one over."""
    from qbank.bank.imported import MAX_QUESTIONS

    source = tmp_path / "many.gift"
    source.write_text("Q {}\n\n" * (MAX_QUESTIONS + 1), encoding="utf-8")
    result = cli("import", source, "-o", "-")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{source}:{2 * MAX_QUESTIONS + 1}: more than the 50,000 questions an import makes; "
        "split the file and import each part\n"
    )


def test_a_problem_of_an_import_is_placed_on_the_line_its_question_came_from():
    """Each problem took a search of every question's start (40,000 questions with one
    problem each ran for minutes); it is a bisection now, with the same answers."""
    from qbank.bank.imported import _placed
    from qbank.errors import Problem

    starts, lines = [3, 9, 15], [1, 4, 10]  # where each question starts: YAML, file
    placed = [
        _placed(Problem("f", line, f"see line {line}"), starts, lines) for line in (1, 3, 8, 9, 40)
    ]
    assert [(p.line, p.message) for p in placed] == [(n, f"see line {n}") for n in (1, 1, 1, 4, 10)]


# -- QTI ----------------------------------------------------------------------------------


def _zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _assessment(entries: dict[str, bytes]) -> tuple[str, bytes]:
    (name,) = [
        n for n in entries if n.endswith(".xml") and not n.endswith(("meta.xml", "manifest.xml"))
    ]
    return name, entries[name]


def _strip_namespaces(data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = etree.QName(element).localname
    etree.cleanup_namespaces(root)
    return root


@pytest.mark.parametrize("fmt", ["qti", "qti+hint"])
@pytest.mark.parametrize("key", BANKS)
def test_qti_assessment_is_valid_against_the_dtd(files, key, fmt):
    dtd = etree.DTD(str(qti_dtd()))
    assert not dtd.validate(etree.fromstring(b"<questestinterop><item/></questestinterop>"))
    _, data = _assessment(_zip(_one(files, key, fmt)))
    root = _strip_namespaces(data)
    assert dtd.validate(root), dtd.error_log.filter_from_errors()


@pytest.mark.parametrize("key", BANKS)
def test_qti_manifest_references_every_file(files, key):
    entries = _zip(_one(files, key, "qti"))
    manifest = etree.fromstring(entries["imsmanifest.xml"])
    ns = {"m": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
    referenced = {f.get("href") for f in manifest.iterfind(".//m:file", ns)}
    assert referenced == set(entries) - {"imsmanifest.xml"}
    meta = etree.fromstring(entries[next(n for n in entries if n.endswith("assessment_meta.xml"))])
    assert meta.findtext("{*}points_possible") == f"{5 * len(load_bank(BANKS[key]).questions):.1f}"
    # each picture: a webcontent resource of the zip's web_resources/, which the
    # assessment depends on, and which its HTML shows as $IMS-CC-FILEBASE$/ as Canvas does
    resources = {r.get("identifier"): r for r in manifest.iterfind(".//m:resource", ns)}
    (questions,) = [r for r in resources.values() if r.get("type") == "imsqti_xmlv1p2"]
    depends = {d.get("identifierref") for d in questions.iterfind("m:dependency", ns)}
    web = {i: r for i, r in resources.items() if r.get("type") == "webcontent"}
    assert set(web) <= depends
    assert {r.get("href") for r in web.values()} == {n for n in entries if "/" in n} - {
        n for n in entries if n.endswith(".xml")
    }
    bank = load_bank(BANKS[key])
    pictures = {p.path: p.data for tree in bank.rich.values() for p in tree.pictures()}
    _, assessment = _assessment(entries)
    shown = {
        unquote(src)
        for src in re.findall(
            r'src="\$IMS-CC-FILEBASE\$/([^"]+)"', html.unescape(assessment.decode())
        )
    }
    assert {f"web_resources/{src}" for src in shown} == {r.get("href") for r in web.values()}
    for src in shown:
        folder, _, path = src.partition("/")
        assert folder == bank.name and entries[f"web_resources/{src}"] == pictures[path]
    # the question's picture and the hint's (the follow-ups' never reach a QTI item)
    assert len(web) == (2 if key == "markdown" else 0)


def _shape(element: etree._Element) -> tuple:
    """An element's tag, attribute names, metadata labels and children's shapes; no text."""
    tag = etree.QName(element).localname
    label = element.text.strip() if tag == "fieldlabel" else None
    return (tag, tuple(sorted(element.attrib)), label, tuple(_shape(c) for c in element))


def test_qti_item_has_text2qti_shape(files, banks):
    pytest.importorskip("text2qti")
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    for fmt, extra in (("qti", ""), ("qti+hint", "... The hint.\n")):
        quiz = Quiz(
            f"Quiz title: T\n1.  What is it?\n{extra}____\n", config=Config(), source_name="t"
        )
        theirs = etree.fromstring(_assessment(_zip_bytes(QTI(quiz).zip_bytes()))[1])
        ours = etree.fromstring(_assessment(_zip(_one(files, "hostile", fmt)))[1])
        (their_item,) = theirs.iter("{*}item")
        our_items = list(ours.iter("{*}item"))
        assert len(our_items) == len(banks["hostile"].questions)
        for item in our_items:
            assert _shape(item) == _shape(their_item)
        texts = [m.text for m in ours.iterfind(".//{*}presentation//{*}mattext")]
        assert texts == [plain_html(q.question) for q in banks["hostile"].questions]
        points = {
            f.findtext("{*}fieldentry")
            for f in ours.iter("{*}qtimetadatafield")
            if f.findtext("{*}fieldlabel") == "points_possible"
        }
        assert points == {"5"}


def _zip_bytes(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if not n.endswith("/")}


def test_qti_ids_are_the_banks_own(banks):
    from qbank.exporters.lms.qti import item_id

    bank = banks["hostile"]
    other = Bank(title=bank.title, questions=bank.questions, sections=bank.sections, name="other")
    assert item_id(bank, bank.questions[0]) != item_id(other, bank.questions[0])


# -- Blackboard ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", BANKS)
def test_blackboard_rows_read_back(files, banks, key):
    bank = banks[key]
    data = _one(files, key, "blackboard").read_text(encoding="utf-8")
    assert data.endswith("\n") and "\n\n" not in data and "\r" not in data
    rows = data[:-1].split("\n")
    assert len(rows) == len(bank.questions)
    for row, question in zip(rows, bank.questions, strict=True):
        kind, text, answer = row.split("\t")  # exactly three fields: no tab inside one
        assert kind == "ESS"
        if bank.markup == "markdown":  # HTML, each picture its alt text: no files travel
            texts = Attachments(bank, None)
            assert text == blackboard.field(texts.inline(question.question))
            assert "**" not in text and "<img" not in text and "<img" not in answer
        else:
            assert text_from_html(text.replace("&#9;", "\t")) == question.question
        assert text_from_html(answer.replace("&#9;", "\t")).startswith("Hint\n")


def test_blackboard_writes_parts_of_500_rows(tmp_path):
    questions = "".join(
        f"  - {{id: q{n}, section: S, question: 'Question {n}?', hint: 'Hint {n}.'}}\n"
        for n in range(1, 1002)
    )
    bank = tmp_path / "big.yaml"
    bank.write_text(f"title: Big\nquestions:\n{questions}", encoding="utf-8")
    paths = lifecycle.build(bank, tmp_path / "out", ["lms"], {"lms": "blackboard"}, workers=1)
    assert [p.name for p in paths] == [f"big-blackboard-{n}.txt" for n in (1, 2, 3)]
    counts = [len(p.read_text(encoding="utf-8").splitlines()) for p in paths]
    assert counts == [500, 500, 1]
    assert blackboard.MAX_ROWS == 500


def test_the_points_follow_the_rubric_of_the_builds_look(tmp_path):
    """A bank without a rubric of its own is graded on packet/rubric.toml of --templates."""
    look = tmp_path / "look" / "packet"
    look.mkdir(parents=True)
    rubric = (Path(lifecycle.BUILTIN_TEMPLATES) / "packet" / "rubric.toml").read_text("utf-8")
    assert "score = 5\n" in rubric
    (look / "rubric.toml").write_text(rubric.replace("score = 5\n", "score = 9\n"), "utf-8")
    bank = FIXTURES / "minimal.yaml"
    assert not load_bank(bank).rubric
    out = tmp_path / "out"
    result = run_cli(
        "lms", "--bank", bank, "--out", out, "--format", "moodle", "--templates", look.parent
    )
    assert result.exit_code == 0, result.output
    xml = etree.parse(str(next(out.glob("*.xml"))))
    grades = {g.text for g in xml.iter("defaultgrade")}
    assert grades == {"9"}


# -- pictures -----------------------------------------------------------------------------


def test_gift_names_each_question_whose_pictures_cannot_travel(banks):
    warned: list[str] = []
    gift.gift_text(banks["markdown"], None, warned.append)
    pictures = [w for w in warned if "GIFT cannot carry pictures" in w]
    assert len(pictures) == 1  # beside what graders would have read
    assert "question 'architecture': GIFT cannot carry pictures" in pictures[0]
    assert "images/flow.png, images/gradient.jpg" in pictures[0]
    plain: list[str] = []
    gift.gift_text(banks["hostile"], "hint", plain.append)
    assert not [w for w in plain if "pictures" in w]


def test_blackboard_names_each_question_whose_pictures_cannot_travel(banks, cli, tmp_path):
    """A visual review: Blackboard's upload put a question's picture as its alt text, and
    the learner was asked about a table they could not see, with no word (GIFT warns)."""
    from qbank.exporters.lms import blackboard

    said = blackboard.pictures_left_out(banks["markdown"])
    assert len(said) == 1
    assert "question 'architecture': Blackboard's upload cannot carry pictures" in said[0]
    assert "images/flow.png, images/gradient.jpg" in said[0]
    assert not blackboard.pictures_left_out(banks["hostile"])
    for command in ("lms", "check"):
        options = ("--format", "blackboard") if command == "lms" else ("--lms", "blackboard")
        result = cli(command, "--bank", BANKS["markdown"], *options, "--out", tmp_path)
        assert said[0] in result.stderr.splitlines(), (command, result.output)


def test_importing_again_says_how_to_keep_both(files, tmp_path):
    source = tmp_path / "quiz.xml"
    _imported(_one(files, "bundled", "moodle"), source)
    again = run_cli("import", source)
    assert again.exit_code == 1
    bank = source.with_suffix(".yaml")
    assert again.stderr == (
        f"{bank}: already exists; qbank never overwrites it: write another file with -o\n"
    )


def test_gift_and_qti_say_what_graders_would_have_read(banks, cli, tmp_path):
    """An interview bank keeps its hints from learners by default; Moodle XML and Blackboard
    give them to graders, but GIFT and Canvas's QTI have no place for what graders read, so
    their files hold none of it, and the export says what it left out (it said nothing for
    QTI, nor for GIFT with --feedback hint, which still leaves out the look-for signals)."""
    bank = banks["bundled"]
    warned: list[str] = []
    text = gift.gift_text(bank, None, warned.append)
    assert warned == [
        f"{bank.source}: GIFT has no place for what graders read, so the file holds no "
        "hints, competencies, notes, look-for signals, follow-ups, anchors, minutes, groups or "
        "sources; the moodle and blackboard formats give them to graders, or --feedback hint "
        "to show learners the hint"
    ]
    assert "####" not in text
    shown: list[str] = []
    assert "####" in gift.gift_text(bank, "hint", shown.append)
    assert shown == [
        f"{bank.source}: GIFT has no place for what graders read, so the file holds no "
        "competencies, notes, look-for signals, follow-ups, anchors, minutes, groups or "
        "sources; the moodle and blackboard formats give them to graders"
    ]
    result = cli("lms", "--format", "qti", "--bank", bank.source, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"{bank.source}: Canvas's QTI has no place for what ")
    plain = cli("lms", "--format", "qti", "--bank", FIXTURES / "minimal.yaml", "--out", tmp_path)
    assert plain.exit_code == 0  # it has hints, which learners see, and minutes
    assert "so the file holds no minutes; the moodle" in plain.stderr


def test_gift_says_its_texts_cannot_say_their_language(cli, tmp_path):
    """A teacher's trial: a German bank's GIFT file carries its language in a comment alone,
    which Moodle's import passes over: Moodle showed its [markdown] texts as in its page's
    language (a screen reader read them in the site's English voice), and its GIFT export
    of them came back with none, unsaid. The export says so once, with the languages (a
    section's own too) and what to do; a right-to-left bank, whose texts go as HTML that
    says it, and a bank with no language are not told."""
    bank = tmp_path / "deutsch.yaml"
    bank.write_text(
        "title: Deutsch\nlanguage: de\nmarkup: markdown\n"
        "sections: [Grammatik, {name: Español, language: es}, {name: Leer, language: fr}]\n"
        "questions:\n"
        "  - {id: a, section: Grammatik, question: 'Was ist der Dativ?', hint: 'Ein Fall.'}\n"
        "  - {id: b, section: Español, question: '¿Qué es?', hint: 'Nada.'}\n",
        encoding="utf-8",
    )
    said = (
        f"{bank}: GIFT's [markdown] and [plain] texts cannot say their language (de and es in "
        "section 'Español'), so Moodle shows them as in its page's language, which a screen "
        "reader reads them in, and a GIFT file that Moodle exports of them gives none back "
        "(import it with --lang de); the moodle format marks each text with it"
    )
    result = cli("lms", "--format", "gift", "--bank", bank, "--out", tmp_path / "gift")
    assert result.exit_code == 0, result.output
    assert result.stderr.count(said) == 1, result.stderr
    result = cli("lms", "--format", "moodle", "--bank", bank, "--out", tmp_path / "moodle")
    assert "cannot say their language" not in result.stderr
    for language, said in (("ar", False), ("", False), ("en-GB", False), ("fr", True)):
        other = tmp_path / f"other-{language or 'none'}.yaml"
        other.write_text(
            re.sub(
                "language: de\n",
                f"language: {language}\n" if language else "",
                bank.read_text("utf-8"),
            ).replace(", language: es", ""),
            encoding="utf-8",
        )
        result = cli("lms", "--format", "gift", "--bank", other, "--out", tmp_path / other.stem)
        assert result.exit_code == 0, result.output
        assert ("cannot say their language" in result.stderr) is said, result.stderr


def test_moodle_import_writes_the_pictures_beside_the_bank(files, banks, tmp_path):
    source = tmp_path / "course" / "quiz.xml"
    source.parent.mkdir()
    back = _imported(_one(files, "markdown", "moodle"), source)
    written = sorted(p.relative_to(source.parent) for p in source.parent.rglob("*.*"))
    assert [str(p) for p in written if p.parts[0] == "images"] == [
        "images/dot.gif",
        "images/flow.png",
        "images/gradient.jpg",
    ]
    for path in ("images/dot.gif", "images/flow.png", "images/gradient.jpg"):
        original = Path(banks["markdown"].source).parent / path
        assert (source.parent / path).read_bytes() == original.read_bytes()
    assert {p.path for tree in back.rich.values() for p in tree.pictures()} == {
        "images/dot.gif",
        "images/flow.png",
        "images/gradient.jpg",
    }
    # a picture already there with other bytes is never overwritten: nothing is written
    again = tmp_path / "again"
    (again / "images").mkdir(parents=True)
    (again / "images" / "flow.png").write_bytes(b"mine")
    (again / "quiz.xml").write_bytes(_one(files, "markdown", "moodle").read_bytes())
    result = run_cli("import", again / "quiz.xml")
    assert result.exit_code == 1 and "flow.png: already exists" in result.output
    assert (again / "images" / "flow.png").read_bytes() == b"mine"
    assert not (again / "quiz.yaml").exists() and not (again / "images" / "dot.gif").exists()


def _with_file(name: str, folder: str, payload: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="essay">
    <name><text>Q1</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Look: <img src="@@PLUGINFILE@@/{name}" alt="a picture"></p>]]></text>
      <file name="{name}" path="{folder}" encoding="base64">{payload}</file>
    </questiontext>
    <graderinfo format="html"><text>A hint.</text></graderinfo>
  </question>
</quiz>
"""


def _with_file_at(path: str, payload: str) -> str:
    """_with_file's question, its picture at `path` ('sub/b.png') in the text's file area."""
    folder, _, name = path.rpartition("/")
    text = _with_file(name, f"/{folder}/" if folder else "/", payload)
    return text.replace(f"@@PLUGINFILE@@/{name}", f"@@PLUGINFILE@@/{path}")


@pytest.mark.parametrize("path", [".git/hooks/pre-commit", "Makefile", "-rf", ".hidden.png"])
def test_a_pictures_name_that_is_no_pictures_is_its_digest(tmp_path, path):
    """A hostile trial: Moodle <file> names wrote .git/hooks/pre-commit, Makefile and -rf
    beside the bank (valid PNG bytes, never executable, never over a file, but files a
    user's tools read). Such a picture is written under its content's digest."""
    data = (FIXTURES / "markdown" / "images" / "flow.png").read_bytes()
    source = tmp_path / "m.xml"
    source.write_text(_with_file_at(path, base64.b64encode(data).decode()), "utf-8")
    result = run_cli("import", source)
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    pictures = [p for p in written if p.endswith(".png")]
    assert pictures == [f"picture-{hashlib.sha256(data).hexdigest()[:12]}.png"], written
    assert pictures[0] in (tmp_path / "m.yaml").read_text(encoding="utf-8")


def test_a_picture_is_never_written_through_a_link_out_of_the_banks_folder(tmp_path):
    """A hostile trial: a folder of the bank's that is a symbolic link took an imported
    picture outside it (exit 0), which `check` then refused."""
    data = base64.b64encode((FIXTURES / "markdown" / "images" / "flow.png").read_bytes())
    here, elsewhere = tmp_path / "here", tmp_path / "elsewhere"
    here.mkdir()
    elsewhere.mkdir()
    (here / "sub").symlink_to(elsewhere)
    source = here / "m.xml"
    source.write_text(_with_file_at("sub/b.png", data.decode()), "utf-8")
    result = run_cli("import", source)
    assert result.exit_code == 1
    assert "sub/b.png: its folder leads outside the bank's folder" in result.output
    assert not any(elsewhere.iterdir()) and not (here / "m.yaml").exists()


def test_an_import_that_fails_writing_a_picture_leaves_none_behind(tmp_path):
    """A hostile trial: the second picture could not be written (its folder's name was a
    file's), and the first stayed beside no bank. Nothing of a failed import stays."""
    png = (FIXTURES / "markdown" / "images" / "flow.png").read_bytes()
    gif = (FIXTURES / "markdown" / "images" / "dot.gif").read_bytes()
    text = _with_file_at("deep/a.png", base64.b64encode(png).decode())
    second = (
        f'<file name="b.gif" path="/sub/" encoding="base64">{base64.b64encode(gif).decode()}</file>'
    )
    text = text.replace("</file>", "</file>" + second, 1).replace(
        'alt="a picture">', 'alt="a picture"><img src="@@PLUGINFILE@@/sub/b.gif" alt="b">', 1
    )
    (tmp_path / "m.xml").write_text(text, "utf-8")
    (tmp_path / "sub").write_text("a file where a folder would go", "utf-8")
    result = run_cli("import", tmp_path / "m.xml")
    assert result.exit_code == 1 and "sub/b.gif: cannot write" in result.output, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.xml", "sub"]


def test_moodle_import_refuses_hostile_files(tmp_path):
    png = base64.b64encode((FIXTURES / "markdown" / "images" / "flow.png").read_bytes())
    cases = {
        "traversal": ("../../evil.png", "/", png.decode(), "could lead out of the bank's folder"),
        "folder": ("evil.png", "/../../", png.decode(), "could lead out of the bank's folder"),
        "absolute": ("evil.png", "etc/", png.decode(), "could lead out of the bank's folder"),
    }
    for case, (name, folder, payload, message) in cases.items():
        folder_path = tmp_path / case
        folder_path.mkdir()
        source = folder_path / "quiz.xml"
        source.write_text(_with_file(name, folder, payload), encoding="utf-8")
        result = run_cli("import", source)
        assert result.exit_code == 1, (case, result.output)
        assert f"{source}:7: the file '{folder}{name}'" in result.output, (case, result.output)
        assert message in result.output, (case, result.output)
        assert "Traceback" not in result.output
        assert sorted(p.name for p in folder_path.iterdir()) == ["quiz.xml"], case
    assert not (tmp_path / "evil.png").exists()


def test_a_picture_that_is_no_png_jpeg_or_gif_is_its_alt_text_and_named(tmp_path):
    """A trial: one SVG picture (Moodle takes SVG) refused the whole import, which the
    user could not mend in a Moodle export; a script named x.png is left behind alike."""
    svg = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg" width="9"/>').decode()
    script = base64.b64encode(b"#!/bin/sh\nrm -rf ~\n").decode()
    for name, payload in (("icon.svg", svg), ("x.png", script)):
        folder = tmp_path / name
        folder.mkdir()
        source = folder / "quiz.xml"
        source.write_text(
            _with_file(name, "/", payload).replace("Look:", "<b>Look</b>:"), encoding="utf-8"
        )
        result = run_cli("import", source)
        assert result.exit_code == 0, result.output
        (question,) = load_bank(folder / "quiz.yaml").questions
        assert question.question == "**Look**: [a picture]"
        assert (
            f"{source}:3: question 'look-picture': 1 picture is not imported, as a bank takes "
            f"PNG, JPEG, GIF, WebP, TIFF and BMP only: @@PLUGINFILE@@/{name}; its alt "
            "text stands in brackets"
        ) in result.output
        assert sorted(p.name for p in folder.iterdir() if p.suffix != ".json") == [
            "quiz.xml",
            "quiz.yaml",
        ]
    # a plain bank shows no picture: its alt text stands, said as in a Markdown bank (a
    # trial: the alt text was lost, said as "1 embedded file(s) or image(s) are not imported")
    png = base64.b64encode((FIXTURES / "markdown" / "images" / "flow.png").read_bytes()).decode()
    for name, payload, why in (
        (
            "icon.svg",
            svg,
            "1 picture is not imported, as a bank takes PNG, JPEG, GIF, WebP, TIFF and BMP "
            "only: @@PLUGINFILE@@/icon.svg; its alt text stands in brackets\n",
        ),
        ("x.png", png[:200], "the file '/x.png' is a damaged or truncated PNG file"),
    ):
        plain = tmp_path / f"plain-{name}.xml"
        plain.write_text(_with_file(name, "/", payload), encoding="utf-8")
        result = run_cli("import", plain)
        assert result.exit_code == 0, result.output
        (question,) = load_bank(plain.with_suffix(".yaml")).questions
        assert question.question == "Look: [a picture]"
        assert f"{plain}:3: question 'look-picture': {why}" in result.output


def test_a_damaged_or_too_large_picture_is_its_alt_text_and_named(cli, tmp_path):
    """A trial: one damaged picture of a Moodle export, or one past 5 MB, refused the whole
    import, which the user could not mend in the file; a `data:` picture so, or one whose
    data is not base64, was said to be no PNG, JPEG or GIF picture."""
    png = base64.b64encode((FIXTURES / "markdown" / "images" / "flow.png").read_bytes()).decode()

    def shown(name: str, src: str, payload: str | None = None) -> str:
        """A question showing the picture at `src`, a `<file>` of `payload` if given."""
        if payload is not None:
            file = f'<file name="{src}" path="/" encoding="base64">{payload}</file>'
            src = f"@@PLUGINFILE@@/{src}"
        text = f'<p>{name} <img src="{src}" alt="the {name}"></p>'
        element = _essay_element(name, text, "<p>h</p>")
        return (
            element
            if payload is None
            else element.replace("</questiontext>", file + "</questiontext>")
        )

    source = _moodle_file(
        tmp_path / "m.xml",
        _essay_element("Fine", "<p><b>Fine</b>?</p>", "<p>g</p>"),
        shown("Damaged", "x.png", png[:200]),
        shown("Huge", "big.png", "A" * 7_000_000),
        shown("Garbled", "g.png", "!!!not base64!!!"),
        shown("Cut", f"data:image/png;base64,{png[:200]}"),
        shown("Vast", "data:image/png;base64," + "A" * 7_000_000),
        shown("Mangled", "data:image/png;base64,!!!not base64!!!"),
        shown("Good", "flow.png", png),
    )
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "m.yaml")
    texts = [q.question for q in bank.questions]
    assert texts[1:7] == [
        "Damaged [the Damaged]",
        "Huge [the Huge]",
        "Garbled [the Garbled]",
        "Cut [the Cut]",
        "Vast [the Vast]",
        "Mangled [the Mangled]",
    ]
    assert [p.path for p in bank.pictures([texts[7]])] == ["flow.png"]
    kept = "; it is not imported, and its alt text stands in brackets\n"
    for line, qid, why in (
        (4, "damaged", "the file '/x.png' is a damaged or truncated PNG file"),
        (5, "huge", "the file '/big.png' is more than the 5 MB an image may be" + kept),
        (6, "garbled", "the file '/g.png' is not valid base64" + kept),
        (7, "cut", f"the picture data:image/png;base64,{png[:8]}… is a damaged or truncated"),
        (8, "vast", "the picture data:image/png;base64,AAAAAAAA… is more than the 5 MB"),
        (
            9,
            "mangled",
            "the data of the picture data:image/png;base64,!!!not b… is not valid base64" + kept,
        ),
    ):
        assert f"{source}:{line}: question '{qid}-{qid}': {why}" in result.output, qid
    assert result.output.count(kept) == 6
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".json") == [
        "flow.png",
        "m.xml",
        "m.yaml",
    ]


@pytest.mark.parametrize("fmt", ["moodle", "gift"])
def test_a_picture_given_in_its_data_address_is_written_beside_the_bank(tmp_path, fmt):
    """A trial: a picture pasted into Moodle's editor as a `data:` address was left behind,
    and its warning printed the whole base64 (2.5 KB); a GIFT file's [html] text left it
    behind still, "as GIFT carries no files"."""
    data = (FIXTURES / "markdown" / "images" / "flow.png").read_bytes()
    png = base64.b64encode(data).decode()
    svg = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg"/>').decode()
    pasted = f'<b>See</b> <img src="data:image/png;base64,{png}" alt="the flow">'
    drawn = (
        f'See <img src="data:image/svg+xml;base64,{svg}" alt="svg"> and '
        f'<img src="data:image/png;base64,{png[:300]}" alt="cut">'
    )
    if fmt == "moodle":
        source = _moodle_file(
            tmp_path / "quiz.xml",
            _essay_element("Pasted", pasted, "<p>h</p>"),
            _essay_element("Drawn", drawn, "<p>h</p>"),
        )
    else:  # the second question on line 4 too
        source = tmp_path / "quiz.gift"
        source.write_text(f"[html]{pasted}{{}}\n\n\n[html]{drawn}{{}}\n", encoding="utf-8")
    result = run_cli("import", source)
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "quiz.yaml")
    pasted, drawn = bank.questions
    (picture,) = bank.pictures([pasted.question])
    assert re.fullmatch(r"picture-[0-9a-f]{12}\.png", picture.path) and picture.data == data
    assert (tmp_path / picture.path).read_bytes() == data
    assert drawn.question == "See [svg] and [cut]"
    assert (
        f"{source}:4: question 'see-svg-cut': 1 picture is not imported, as a bank takes PNG, "
        f"JPEG, GIF, WebP, TIFF and BMP only: data:image/svg+xml;base64,{svg[:8]}…; its "
        "alt text stands "
        f"in brackets\n{source}:4: question 'see-svg-cut': the picture "
        f"data:image/png;base64,{png[:8]}… is a damaged or truncated PNG file"
    ) in result.output
    assert "'see-the-flow'" not in result.output
    if fmt == "gift":
        return
    # a JPEG written image/jpg, and a media type with a parameter (a hostile trial: left out),
    # and a WebP, as a browser copies a picture (left out: it is made PNG as the bank loads)
    from PIL import Image

    jpeg = base64.b64encode((FIXTURES / "markdown" / "images" / "gradient.jpg").read_bytes())
    webp = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(webp, "WEBP", lossless=True)
    variants = (
        f'<img src="data:image/jpg;base64,{jpeg.decode()}" alt="j"> '
        f'<img src="data:image/png;charset=utf-8;base64,{png}" alt="p"> '
        f'<img src="data:image/webp;base64,{base64.b64encode(webp.getvalue()).decode()}" alt="w">'
    )
    source = _moodle_file(tmp_path / "variants.xml", _essay_element("V", variants, "<p>h</p>"))
    result = run_cli("import", source)
    assert result.exit_code == 0 and "not imported" not in result.output, result.output
    (question,) = load_bank(tmp_path / "variants.yaml").questions
    pictures = load_bank(tmp_path / "variants.yaml").pictures([question.question])
    assert [p.kind for p in pictures] == ["jpeg", "png", "png"]
    assert pictures[2].path.endswith(".webp")


def _essay(question: str, grader: str = "<p>A hint.</p>", extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz><question type="essay">'
        f'<questiontext format="html"><text><![CDATA[{question}]]></text>{extra}</questiontext>'
        f'<graderinfo format="html"><text><![CDATA[{grader}]]></text></graderinfo>'
        "</question></quiz>\n"
    )


def test_moodle_import_of_crafted_files_is_a_message_at_the_file(tmp_path):
    """A hostile test: each of these was an internal error (RecursionError, OSError,
    ValueError from int()) or left a picture where the bank was to go."""
    png = base64.b64encode((FIXTURES / "markdown" / "images" / "flow.png").read_bytes()).decode()

    def picture(name: str, folder: str) -> str:
        shown = f'<p><b>Q</b> <img src="@@PLUGINFILE@@{folder}{name}" alt="a"></p>'
        file = f'<file name="{name}" path="{folder}" encoding="base64">{png}</file>'
        return _essay(shown, extra=file)

    long = "9" * 5000
    refused = {
        "deep": (picture("x.png", "/" + "a/" * 1000), "cannot be written"),
        "long": (picture("x.png", "/" + "a" * 256 + "/"), "cannot be written"),
        "nested": (_essay("<blockquote>" * 5000 + "x"), "too deep to read"),
    }
    kept = {  # numbers that are no numbers of a bank: left out, as any other text there
        "quoted": _essay("<blockquote>" * 250 + "x"),  # shown 8 deep (the next test)
        "listed": _essay("<ul><li>" * 250 + "x"),
        "superscript": _essay("Q?", "<h4>Hint</h4><p>h</p><h4>Minutes</h4><p>²</p>"),
        "minutes": _essay("Q?", f"<h4>Hint</h4><p>h</p><h4>Minutes</h4><p>{long}</p>"),
        "anchor": _essay(
            "Q?",
            f"<h4>Hint</h4><p>h</p><h4>Anchors</h4><ul><li><strong>{long}</strong>: x</li></ul>",
        ),
        # a picture named as the bank or its settings: written under its digest instead
        "bank-name": picture("quiz.yaml", "/"),
        "settings": picture("qbank.toml", "/"),
    }
    for case, text in [*((c, t) for c, (t, _) in refused.items()), *kept.items()]:
        folder = tmp_path / case
        folder.mkdir()
        source = folder / "quiz.xml"
        source.write_text(text, encoding="utf-8")
        result = run_cli("import", source)
        assert "internal error" not in result.output and "Traceback" not in result.output, case
        if case in refused:
            assert result.exit_code == 1, (case, result.output)
            assert result.stderr.startswith(f"{source}:"), (case, result.output)
            assert refused[case][1] in result.output, (case, result.output)
            assert sorted(p.name for p in folder.iterdir()) == ["quiz.xml"], case
        else:
            assert result.exit_code == 0, (case, result.output)
            assert load_bank(folder / "quiz.yaml").questions[0].minutes is None
            assert ("nested more than" in result.output) == (case in ("quoted", "listed"))
            assert not (folder / "qbank.toml").exists()


def test_lists_and_quotes_nested_past_what_a_bank_shows_are_brought_up_and_said(cli, tmp_path):
    """A trial: a list nested four deep in Moodle's grader information refused the whole
    import, "indent this one less", which the user of a Moodle export cannot do."""
    deep = "<ol><li>a<ol><li>b<ol><li>c<ul><li>d<ol><li>e</li></ol></li></ul>f</li><li>g</li>"
    source = _moodle_file(
        tmp_path / "m.xml",
        _essay_element("Fine", "<p>Fine?</p>", "<p>g</p>"),
        _essay_element("Deep", "<p>Deep?</p>", deep + "</ol></li></ol></li></ol>"),
        _essay_element("Quoted", "<p>Quoted?</p>", "<blockquote>" * 9 + "<p>q</p>"),
    )
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    fine, listed, quoted = load_bank(tmp_path / "m.yaml").questions
    assert listed.hint == (
        "1. a\n   1. b\n      1. c\n      2. d\n      3. e\n      4. f\n      5. g"
    )
    assert quoted.hint == "> " * 8 + "q"
    assert (
        f"{source}:4: question 'deep': its HTML showed what bank text cannot: a list nested "
        "more than 3 levels deep is shown 3 deep (the most the artifacts show), its deeper "
        "items as items of the last level\n"
    ) in result.output
    assert f"{source}:5: question 'quoted': its HTML showed what bank text cannot: quotes " in (
        result.output
    )
    assert "'fine'" not in result.output


@pytest.mark.parametrize(
    ("name", "src", "folder"),
    [
        ("x%41.png", "x%2541.png", "/"),  # Moodle's src is %-encoded; the name is as it is
        ("R&amp;D.png", "R&amp;amp;D.png", "/"),  # the name holds "&amp;" itself
        ("x.png", "%26%2346;%26%2346;/x.png", "/&amp;#46;&amp;#46;/"),  # "&#46;", not "."
    ],
)
def test_a_pictures_name_with_percent_or_ampersand_comes_in_as_it_is(tmp_path, name, src, folder):
    """A picture named x%41.png was looked for as xA.png, R&amp;D.png as R&D.png, and a
    folder named &#46;&#46; as '..': the Markdown the import writes decoded them again."""
    png = base64.b64encode((FIXTURES / "markdown" / "images" / "flow.png").read_bytes()).decode()
    shown = f'<p><b>Q</b> <img src="@@PLUGINFILE@@/{src}" alt="a"></p>'
    xml_name = name.replace("&", "&amp;")
    file = f'<file name="{xml_name}" path="{folder}" encoding="base64">{png}</file>'
    source = tmp_path / "quiz.xml"
    source.write_text(_essay(shown, extra=file), encoding="utf-8")
    result = run_cli("import", source)
    assert result.exit_code == 0, result.output
    (picture,) = (
        load_bank(tmp_path / "quiz.yaml")
        .rich_text(load_bank(tmp_path / "quiz.yaml").questions[0].question)
        .pictures()
    )
    expected = folder.strip("/").replace("&amp;", "&") + "/" if folder != "/" else ""
    assert picture.path == expected + name
    assert (tmp_path / picture.path).read_bytes() == (
        FIXTURES / "markdown/images/flow.png"
    ).read_bytes()


@pytest.mark.parametrize(
    ("cell", "column"),
    [(f"c (weight {'9' * 5000}): d", "competency"), (f"{'9' * 1200}: x", "anchors")],
)
def test_a_sheets_long_number_is_a_message_not_an_internal_error(cli, tmp_path, cell, column):
    sheet = tmp_path / "s.csv"
    sheet.write_text(f'question,hint,{column}\nq,h,"{cell}"\n', encoding="utf-8")
    result = cli("import", sheet, "-o", "-")
    assert "internal error" not in result.output and "invalid YAML" not in result.output
    assert result.exit_code == 1 and result.stderr.startswith(f"{sheet}:"), result.output


def test_moodle_import_to_stdout_names_the_pictures_it_cannot_write(files, tmp_path):
    source = tmp_path / "quiz.xml"
    source.write_bytes(_one(files, "markdown", "moodle").read_bytes())
    result = run_cli("import", source, "-o", "-")
    assert result.exit_code == 0, result.output
    assert "3 pictures are not written, since -o - writes the bank's text only" in (result.output)
    assert "markup: markdown" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quiz.xml"]


def test_plain_text_made_markdown_reads_back_as_it_was(banks):
    """Answers and labels that stand for themselves in a Markdown bank's note: every
    character CommonMark gives a meaning is escaped where it would take it."""
    texts = [q.question for q in banks["hostile"].questions] + [
        "# not a heading", "- not an item", "1. not a list", "> not a quote", "***",
        "a *b* c_d_ [x](y) ![i](j.png) <b> &amp; `code` \\ back\\slash", "[0, 1] and [x]: y",
        "H<sub>2</sub>O, ~~old~~ and a note[^1]",  # no warning of check's either
        "~old~, ==key==, :tada: and [[a page]]",  # nor of GitHub's, Slack's or Obsidian's
    ]  # fmt: skip
    reader = MarkdownReader(None)
    for text in texts:
        tree = reader.parse(
            literal_markdown(text), lambda line, message, column=0: pytest.fail(message)
        )
        assert tree.plain() == text.strip(), text


def test_a_number_or_a_hash_that_starts_a_line_comes_back_from_moodle_as_typed(cli, tmp_path):
    """A new-user trial: a Markdown bank's hint '0.10' came back from Moodle as '0\\.10',
    its next sheet showing the backslash, as if it were a list's '1. ' (a number, then
    '.' or ')' and a blank or the line's end, is CommonMark's only numbered item), and
    '#1 en gras ?' as '\\#1 en gras ?' (a heading's '#' is followed by a blank too)."""
    back = _moodle_round_trip(
        cli,
        tmp_path,
        "title: Taux\nmarkup: markdown\nquestions:\n"
        "  - {id: a, section: S, question: '3.14 : pourquoi pas 22/7 ?', hint: '0.10',"
        " note: '12.05.2026 : rendu'}\n"
        "  - {id: b, section: S, question: Une liste ?, hint: '1\\. pas une liste'}\n"
        "  - {id: c, section: S, question: '#1 en gras ?', hint: '**Oui**, deux.'}\n",
    )
    assert back.markup == "markdown"
    assert [(q.question, q.hint, q.note) for q in back.questions] == [
        ("3.14 : pourquoi pas 22/7 ?", "0.10", "12.05.2026 : rendu"),
        ("Une liste ?", "1\\. pas une liste", None),
        ("#1 en gras ?", "**Oui**, deux.", None),
    ]


def test_a_sphinx_role_before_code_comes_in_from_moodle_as_typed(cli, tmp_path):
    """A review: Moodle's HTML ``:class:<code>x</code>`` came in as ``\\:class:`x` ``: the
    importer escaped the role as an emoji code, blind to the code span's backtick after it,
    which check reads as no emoji code. One before other words is escaped still."""
    quiz = tmp_path / "quiz.xml"
    quiz.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz><question type="essay">'
        '<name><text>a</text></name><questiontext format="html"><text><![CDATA['
        "<p>Use :class:<code>x</code> in Sphinx, and <code>y</code>:tada: <b>z</b></p>"
        ']]></text></questiontext><generalfeedback format="html"><text>Because.</text>'
        "</generalfeedback></question></quiz>\n",
        encoding="utf-8",
    )
    result = cli("import", quiz, "-o", "-")
    assert result.exit_code == 0, result.output
    assert 'question: "Use :class:`x` in Sphinx, and `y`\\\\:tada: **z**"' in result.output


def test_moodle_round_trip_carries_what_the_bank_says_about_itself(tmp_path):
    """The role, the bank's own rating scale (and anchors on it), its tag vocabulary and
    its competencies in order with their weights travel in the bank's category."""
    bank = load_bank(FIXTURES / "lms-bank-fields.yaml")
    exported = tmp_path / "exported.xml"
    exported.write_text(moodle.moodle_xml(bank), encoding="utf-8")
    back = _imported(exported, tmp_path / "fields.xml")
    assert (back.title, back.role, back.description) == (bank.title, bank.role, bank.description)
    assert back.rubric == bank.rubric
    assert back.vocabulary == bank.vocabulary
    assert [(c.name, c.description, c.weight) for c in back.competencies] == [
        (c.name, c.description, c.weight) for c in bank.competencies
    ]
    _same_questions(back, bank, FIELDS, exact=True)
    # Moodle's importer still reads the category's text as its description (HTML)
    _, categories = moodle_import(exported)
    info = etree.parse(str(exported)).getroot().find("question/info/text").text
    assert info.startswith(bank.description + "<h4>Role</h4>")
    assert html.unescape(categories[0]) == f"$course$/top/{bank.title}"  # as Moodle shows it


def test_moodle_import_keeps_each_answers_feedback_in_the_note(cli, tmp_path):
    """A multiple-choice question becomes an essay whose note lists the answers; what a
    learner who chose one was told goes with it (it was dropped without a word)."""
    source = tmp_path / "mc.xml"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><quiz><question type="multichoice">'
        '<name><text>Port</text></name><questiontext format="html"><text>Which port?</text>'
        '</questiontext><answer fraction="100" format="html"><text>443</text><feedback '
        'format="html"><text>&lt;p&gt;Oui, &lt;b&gt;TLS&lt;/b&gt;&lt;/p&gt;</text></feedback>'
        '</answer><answer fraction="0"><text>80</text></answer><idnumber>port</idnumber>'
        "</question></quiz>",
        encoding="utf-8",
    )
    result = cli("import", source, "-o", tmp_path / "mc.yaml")
    assert result.exit_code == 0, result.output
    (question,) = load_bank(tmp_path / "mc.yaml").questions
    assert question.note.startswith("Answers:\n443 (100%), feedback: Oui, TLS\n80 (0%)")


def test_a_gift_files_pictures_are_copied_beside_the_bank_it_makes(cli, tmp_path):
    """GIFT carries no files: its Markdown pictures lie beside it. Imported into another
    folder, the bank gets copies at the same paths, so that it loads (it named pictures
    that were not there)."""
    folder = tmp_path / "course"
    shutil.copytree(FIXTURES / "markdown", folder)
    exported = cli("lms", "--format", "gift", "--bank", folder / "rich.yaml", "--out", folder)
    assert exported.exit_code == 0, exported.output
    out = tmp_path / "elsewhere" / "back.yaml"
    out.parent.mkdir()
    result = cli("import", folder / "rich-gift.txt", "-o", out)
    assert result.exit_code == 0, result.output
    bank = load_bank(out)
    shown = [p for q in bank.questions for p in (bank.rich_text(q.hint) or RichText(())).pictures()]
    assert shown and all((out.parent / p.path).read_bytes() == p.data for p in shown)


def test_a_banks_language_comes_back_from_moodle(cli, tmp_path):
    """The bank's category holds its language beside its role, and import reads it back
    (a new-user trial's round trip lost it). A text translated in Moodle since, English
    first, leaves the bank the category's language, said (its texts without a translation
    are in it)."""
    back = _moodle_round_trip(
        cli,
        tmp_path,
        "title: Réseaux\nlanguage: fr-CA\nquestions:\n"
        "  - {id: a, section: Bases, question: Que filtre un pare-feu ?, hint: Le trafic.}\n",
    )
    assert back.language == "fr-CA"
    moodle = tmp_path / "bank-moodle.xml"
    translated = "{mlang en}What does a firewall filter?{mlang}{mlang fr_ca}\\1{mlang}"
    text = re.sub(
        r"(?<=<questiontext format=\"html\"><text><!\[CDATA\[)([^\]]*)",
        translated,
        moodle.read_text("utf-8"),
    )
    moodle.write_text(text, "utf-8")
    _imports_in(
        cli,
        moodle,
        "fr-CA",
        "the bank's language is fr-CA, as its category gives it, though its texts in several "
        "languages come in in en",
    )


def _imports_in(cli, source: Path, language: str, said: str, *options: str) -> None:
    """Import `source` as a new bank (with `options`): its language is `language`, said at
    line 1."""
    out = source.with_name(f"{source.stem}-{language or 'none'}.yaml")
    out.unlink(missing_ok=True)
    result = cli("import", source, "-o", out, *options)
    assert result.exit_code == 0, result.output
    assert load_bank(out).language == language
    assert f"{source}:1: {said}" in result.output


def test_no_language_given_for_hebrew_or_arabic_texts_says_the_line_to_add(cli, tmp_path):
    """A GIFT file Moodle wrote (or qbank before it wrote the language) gives none: a Hebrew
    bank came back with no language, unsaid, and its booklet set 'TCP או UDP?' from the
    left. Where the texts are plainly Hebrew or Arabic letters, import says what line to add,
    for the bank when all its sections are so, else for each such section (at its first
    question); followed, the bank has it. Moodle XML that Moodle wrote alike."""
    category = "// question: 0  name: Switch category to $course$/top/Default/{0}\n$CATEGORY: {0}"
    hebrew = "// question: 12  name: TCP או UDP?\n::TCP או UDP?::[html]<p>TCP או UDP? "
    hebrew += "מה ההבדל ביניהם?</p>{}"
    english = "// question: 13  name: Why?\n::Why?::[html]<p>Why TCP?</p>{####Because.}"
    gift = tmp_path / "moodle.txt"
    gift.write_text("\n\n".join([category.format("רשתות"), hebrew]) + "\n", "utf-8")
    out = tmp_path / "he.yaml"
    result = cli("import", gift, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"{gift}:1: the bank's language is unknown (the file gives none), though its " in (
        result.output
    )
    assert "add the line 'language: he' under 'title:' in the bank (yi for Yiddish)" in (
        result.output
    )
    added = re.sub("(?m)^(title: .*\n)", r"\1language: he\n", out.read_text("utf-8"))
    out.write_text(added, "utf-8")
    assert load_bank(out).language == "he"
    mixed = [category.format("Basics"), english, category.format("רשתות"), hebrew]
    gift.write_text("\n\n".join(mixed) + "\n", "utf-8")
    result = cli("import", gift, "-o", tmp_path / "mixed.yaml")
    assert "the bank's language" not in result.output
    line = '- {name: "רשתות", language: he}'
    assert (
        f"{gift}:11: section 'רשתות': its language is unknown (the file gives none), though its "
        "questions are in Hebrew letters: without it a text that starts with a Latin word is "
        "laid out from the left; in the bank, replace its line '- \"רשתות\"' under 'sections:' "
        f"with '{line}' (yi for Yiddish)"
    ) in result.output
    mixed = tmp_path / "mixed.yaml"
    mixed.write_text(mixed.read_text("utf-8").replace('- "רשתות"', line), "utf-8")
    assert [s.language for s in load_bank(mixed).sections] == ["", "he"]
    arabic = _essay_element("س", "<p>ما هو TCP؟</p>")
    moodle = _moodle_file(tmp_path / "moodle.xml", arabic)
    result = cli("import", moodle, "-o", tmp_path / "ar.yaml")
    assert "in Arabic letters" in result.output
    assert "'language: ar' under 'title:' in the bank (fa for Persian, ur for Urdu)" in (
        result.output
    )


def _moodle_gift_export(qbank_gift: str) -> str:
    """A GIFT file of qbank's as Moodle's own export writes it again after importing it
    (question/format/gift/format.php: writequestion): a `// question: N  name: ...` line
    before each category and question, the `// [id:...] [tag:...]` line it reads, and no
    other comment (descriptions and qbank's `//[language:de]` are passed over by its import)."""
    blocks, number = [], 0
    for block in qbank_gift.strip().split("\n\n"):
        lines = [
            line
            for line in block.split("\n")
            if not line.startswith("//") or line.startswith("// [id:")
        ]
        if not lines:
            continue
        if lines[0].startswith("$CATEGORY: "):
            name = lines[0].removeprefix("$CATEGORY: ")
            blocks.append(f"// question: 0  name: Switch category to {name}\n{lines[0]}")
            continue
        number += 1
        blocks.append(f"// question: {100 + number}  name: Q{number}\n" + "\n".join(lines))
    return "\n\n\n".join(blocks) + "\n"


def test_a_german_bank_back_from_moodles_gift_export_takes_its_language_from_lang(cli, tmp_path):
    """A teacher's trial: a German bank went to Moodle as GIFT and came back through
    Moodle's GIFT export with no language (the comment that carried it is gone, and GIFT
    has no field for one), and `qbank import --lang de` only said 'none of this file's
    texts is given in several languages ... write language: in the bank'. A file that
    gives no language takes the one --lang names; one that gives its own keeps it, said
    where --lang names another."""
    bank = tmp_path / "deutsch.yaml"
    bank.write_text(
        "title: Deutsch B1\nlanguage: de\nmarkup: markdown\ndescription: Für den Abendkurs.\n"
        "questions:\n"
        "  - {id: dativ, section: Grammatik, question: 'Welche Präpositionen verlangen "
        "**immer** den Dativ?', hint: 'aus, bei, mit, nach, seit, von, zu'}\n"
        "  - {id: eszett, section: Rechtschreibung, question: 'Wann „ß“, wann „ss“?', "
        "hint: 'Nach langem Vokal ß: Straße; nach kurzem ss: Fluss.'}\n",
        encoding="utf-8",
    )
    qbank_gift = _written(cli, bank, "gift", tmp_path / "out")
    assert "//[language:de]" in qbank_gift.read_text("utf-8")
    again = tmp_path / "moodle-export.txt"
    again.write_text(_moodle_gift_export(qbank_gift.read_text("utf-8")), "utf-8")
    assert gift_parse(again)[0].get("questions"), "gift-pegjs reads the file Moodle wrote"
    result = cli("import", again, "-o", tmp_path / "none.yaml")
    assert result.exit_code == 0, result.output
    back = load_bank(tmp_path / "none.yaml")
    assert back.language == ""  # nothing in the file gives it
    assert [q.question for q in back.questions] == [q.question for q in load_bank(bank).questions]
    result = cli("import", again, "--lang", "de", "-o", tmp_path / "de.yaml")
    assert result.exit_code == 0, result.output
    assert load_bank(tmp_path / "de.yaml").language == "de"
    assert f"{again}:1: the bank's language is de, as --lang names it: the file gives none" in (
        result.output
    )
    # Moodle's code, as a language tag
    result = cli("import", again, "--lang", "de_ch", "-o", tmp_path / "ch.yaml")
    assert load_bank(tmp_path / "ch.yaml").language == "de-CH", result.output
    # qbank's own file gives its language, which --lang does not replace, said
    result = cli("import", qbank_gift, "--lang", "fr", "-o", tmp_path / "fr.yaml")
    assert result.exit_code == 0, result.output
    assert load_bank(tmp_path / "fr.yaml").language == "de"
    assert (
        "so there is none to choose; the bank's language is de, as the file gives it: change "
        "language: in the bank if the other is right"
    ) in result.output


def test_new_ids_of_an_import_follow_the_language_it_names(cli, tmp_path):
    """A review: `import --lang de` made 'was-pruft-ein-filter-firewall' of 'Was prüft ein
    Filter in der Firewall?', English's rules for a German text (the language was found
    after the ids were made), where check --fix-ids and a sheet's import write German's."""
    gift = tmp_path / "fragen.gift"
    gift.write_text(
        "::Q1::Was prüft ein Filter in der Firewall?{}\n\n::Q2::Warum ist das so?{}\n", "utf-8"
    )
    result = cli("import", gift, "--lang", "de", "-o", tmp_path / "de.yaml")
    assert result.exit_code == 0, result.output
    back = load_bank(tmp_path / "de.yaml")
    assert [q.id for q in back.questions] == ["was-prueft-filter-firewall", "warum-so"]
    result = cli("import", gift, "-o", tmp_path / "none.yaml")
    assert [q.id for q in load_bank(tmp_path / "none.yaml").questions] == [
        "was-pruft-ein-filter-der-firewall",  # English's small words left out ('in')
        "warum-ist-das-so",
    ]


def test_a_file_that_gives_no_language_for_texts_in_another_says_so(cli, tmp_path):
    """A teacher's trial: a German bank back from Moodle's GIFT export came in with no
    language, unsaid, so its study page and LMS files said none. Where the file gives none
    and its texts plainly hold letters English does not use, import says what to do; a text
    in English with a word or name of another language ('café', 'Schrödinger') is not told,
    nor a file that gives the language, nor an import with --lang."""
    said = (
        "the bank's language is unknown (the file gives none), though its texts hold letters "
        "English does not use ({}): import it again with --lang xx, xx their language's code "
        "(de, es, fr ...), or add the line 'language: xx' under 'title:' in the bank, so that "
        "its artifacts say it"
    )
    german = tmp_path / "de.txt"
    german.write_text(
        "::Q1::[markdown]Welche Präpositionen verlangen **immer** den Dativ?"
        "{####aus, bei, mit, nach, seit, von, zu – fährst immer mit dem Dativ du}\n\n"
        "::Q2::Wann schreibt man „ß“ und wann „ss“?{####Straße, groß; Fluss, muss.}\n",
        "utf-8",
    )
    result = cli("import", german, "-o", tmp_path / "de.yaml")
    assert result.exit_code == 0, result.output
    assert f"{german}:1: {said.format('ß, ä')}" in result.output
    result = cli("import", german, "--lang", "de", "-o", tmp_path / "lang.yaml")
    assert "the bank's language is unknown" not in result.output
    spanish = _moodle_file(
        tmp_path / "es.xml", _essay_element("Q1", "<p>¿Cuándo se usa «ser» y cuándo «estar»?</p>")
    )
    result = cli("import", spanish, "-o", tmp_path / "es.yaml")
    assert f"{spanish}:1: {said.format('á')}" in result.output, result.output
    english = tmp_path / "en.txt"
    english.write_text(
        "::Q1::Why does Schrödinger's cat matter to a café's owner, or a naïve physicist?"
        "{####It does not: the thought experiment is about superposition and measurement.}\n",
        "utf-8",
    )
    result = cli("import", english, "-o", tmp_path / "en.yaml")
    assert result.exit_code == 0, result.output
    assert "the bank's language is unknown" not in result.output
    given = german.with_name("given.txt")
    given.write_text("//[language:de]\n\n" + german.read_text("utf-8"), "utf-8")
    result = cli("import", given, "-o", tmp_path / "given.yaml")
    assert load_bank(tmp_path / "given.yaml").language == "de", result.output
    assert "the bank's language is unknown" not in result.output


def test_a_banks_organisation_and_review_day_come_back_from_moodle(cli, tmp_path):
    """A new-user trial: `organisation` and `reviewed` were lost by lms --format moodle and
    import, with nothing said, while the docs promised the same bank back."""
    back = _moodle_round_trip(
        cli,
        tmp_path,
        "title: T\norganisation: Acme <Payments> & Co\nreviewed: 2025-11-01\n"
        "role: Analyst `sql` lead\nquestions:\n"
        "  - {id: a, section: S, question: Q?, hint: H.}\n",
    )
    assert back.organisation == "Acme <Payments> & Co"
    assert str(back.reviewed) == "2025-11-01"
    assert back.role == "Analyst `sql` lead"  # a code span: <code> in its paragraph (a review)
    from qbank.bank.html_text import text_from_html

    # a text that spells the layout's own pattern is text (a constant's name was reused)
    literal = "<p>Explain &lt;p&gt;(?:[^&lt;]|&lt;br ?/?&gt;)*&lt;/p&gt; please.</p><p>Two.</p>"
    assert text_from_html(literal) == "Explain <p>(?:[^<]|<br ?/?>)*</p> please.\n\nTwo."


@pytest.mark.parametrize(
    "part",
    [
        "<h4>Organisation</h4><p>Three units, one a week.</p><h4>Assessment</h4><p>Tutor.</p>",
        "<h4>Facts checked</h4><p>by the tutor, May 2024</p>",
        "<h4>Facts checked</h4><p>2025-02-30</p>",  # no day of the calendar
        "<h4>Organisation</h4><p>" + "A long paragraph of the course. " * 12 + "</p><ul></ul>",
    ],
)
def test_a_teachers_own_headings_stay_in_the_description(cli, tmp_path, part):
    """A review: a category's 'Organisation' or 'Facts checked' heading of a teacher's own
    took what followed as the bank's field (and a long one, or 'by the tutor', failed the
    import). Only parts in the layout qbank writes are read as fields."""
    xml = tmp_path / "course.xml"
    xml.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n<question type="category">'
        "<category><text>$course$/top/Networking</text></category>"
        f'<info format="html"><text><![CDATA[<p>Week 3.</p>{part}]]></text></info></question>\n'
        '<question type="essay"><name><text>TCP</text></name><questiontext format="html">'
        "<text>Explain TCP.</text></questiontext></question>\n</quiz>\n",
        encoding="utf-8",
    )
    result = cli("import", xml, "-o", tmp_path / "b.yaml")
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "b.yaml")
    assert not bank.organisation and bank.reviewed is None
    heading = part[4 : part.index("</h4>")]
    assert heading in bank.sections[0].description


def test_a_category_of_unclosed_items_is_read_at_once():
    """A third review: 100,000 unclosed <li> in a category's description (400 KB) took
    three minutes, each item searched to the end of the text for its close."""
    import threading

    from qbank.bank.html_text import bank_fields, text_from_html

    crafted = "<h4>Tags</h4><ul>" + "<li>" * 100_000
    done: list[object] = []
    worker = threading.Thread(
        target=lambda: done.append((bank_fields(crafted), text_from_html(crafted))), daemon=True
    )
    worker.start()
    worker.join(20)  # it takes a few hundredths of a second
    assert done, "bank_fields did not return within 20 s"
    (((description, fields), _),) = done
    assert fields == {} and description == crafted


def _moodle_round_trip(cli, tmp_path: Path, text: str) -> Bank:
    """The bank `text` exported as Moodle XML and imported again."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    assert cli("lms", "--format", "moodle", "--bank", bank, "--out", tmp_path).exit_code == 0
    back = tmp_path / "back.yaml"
    assert cli("import", tmp_path / "bank-moodle.xml", "-o", back).exit_code == 0
    return load_bank(back)


def test_a_picture_made_png_travels_under_a_name_of_its_kind(cli, tmp_path):
    """A WebP picture is made PNG for every artifact: it went into the Moodle file as
    'map.webp' holding a PNG, which Moodle serves as a WebP and import renamed."""
    import io

    from helpers import picture_bank
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (40, 20), (0, 90, 160, 0)).save(out, "WEBP", lossless=True)
    bank = picture_bank(tmp_path, "map.webp", out.getvalue())
    assert cli("lms", "--format", "moodle", "--bank", bank, "--out", tmp_path).exit_code == 0
    xml = (tmp_path / "pic-moodle.xml").read_text(encoding="utf-8")
    (name,) = set(re.findall(r'<file name="([^"]+)"', xml))
    assert re.fullmatch(r"map-[0-9a-f]{16}\.png", name) and f"@@PLUGINFILE@@/{name}" in xml
    back = tmp_path / "back.yaml"
    assert cli("import", tmp_path / "pic-moodle.xml", "-o", back).exit_code == 0
    assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")
    assert f"]({name})" in back.read_text(encoding="utf-8")


def test_a_bank_whose_sections_interleave_comes_back_from_moodle_in_its_order(cli, tmp_path):
    """The export groups questions by section (a category each); their names, Q1 to Qn,
    put them back in the bank's order, so every number stays (a trial's Q4 came back Q2)."""
    questions = _moodle_round_trip(
        cli,
        tmp_path,
        "title: Mixed\nquestions:\n  - {id: a, section: One, question: First?, hint: A.}\n"
        "  - {id: b, section: Two, question: Second?, hint: B.}\n"
        "  - {id: c, section: One, question: Third?, hint: C.}\n",
    ).questions
    assert [(q.id, q.label) for q in questions] == [("a", "Q1"), ("b", "Q2"), ("c", "Q3")]


def test_a_bank_whose_sections_interleave_comes_back_from_gift_in_its_order(cli, tmp_path):
    """A trial: GIFT's export groups questions by section and titles them ::Q1::...::Qn::,
    and its import kept the file's order, so Q2 came back Q3; the export's warning of what
    GIFT leaves out did not name the minutes, which were lost."""
    bank = tmp_path / "order.yaml"
    bank.write_text(
        "title: Order\nsections: [TCP, UDP]\nquestions:\n"
        "  - {id: a, section: TCP, question: First?, hint: One., minutes: 3}\n"
        "  - {id: b, section: UDP, question: Second?, hint: Two.}\n"
        "  - {id: c, section: TCP, question: Third?, hint: Three.}\n",
        encoding="utf-8",
    )
    result = cli("lms", "--format", "gift", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert "so the file holds no minutes;" in result.stderr
    exported = tmp_path / "order-gift.txt"
    assert exported.read_text(encoding="utf-8").index("::Q3::") < (
        exported.read_text(encoding="utf-8").index("::Q2::")
    )
    assert cli("import", exported, "-o", tmp_path / "back.yaml").exit_code == 0
    back = load_bank(tmp_path / "back.yaml").questions
    assert [(q.id, q.label) for q in back] == [("a", "Q1"), ("b", "Q2"), ("c", "Q3")]


@pytest.mark.parametrize("fmt", ["moodle", "gift"])
def test_qbanks_own_file_of_interleaved_sections_comes_back_unwarned(cli, tmp_path, fmt):
    """h49a's trial: a bank with a question added at the end for its first section came
    back from its own, unchanged Moodle XML or GIFT file in its order, with a warning that
    the questions come in the order their names number them, not the file's: 'rename them
    in the LMS'. The file only groups a section's questions, as every export does, and
    keeps each section's order; a question moved within its section is still said."""
    bank = tmp_path / "ds.yaml"
    bank.write_text(
        "title: DS\nquestions:\n  - {id: a, section: Stats, question: First?, hint: One.}\n"
        "  - {id: b, section: Stats, question: Second?, hint: Two.}\n"
        "  - {id: c, section: SQL, question: Third?, hint: Three.}\n"
        "  - {id: d, section: Stats, question: Fourth?, hint: Four.}\n",
        encoding="utf-8",
    )
    said = "the questions come in the order their names number them"
    written = _written(cli, bank, fmt, tmp_path / fmt)
    result = cli("import", written, "-o", tmp_path / "back.yaml")
    assert result.exit_code == 0 and said not in result.output, result.output
    assert [q.id for q in load_bank(tmp_path / "back.yaml").questions] == ["a", "b", "c", "d"]
    # the teacher's own order within a section, Q2 before Q1, is what the warning is for
    text = written.read_text(encoding="utf-8")
    swapped = text.replace("Q1", "Q@").replace("Q2", "Q1").replace("Q@", "Q2")
    written.write_text(swapped, encoding="utf-8")
    result = cli("import", written, "-o", tmp_path / "swapped.yaml")
    assert result.exit_code == 0 and said in result.output, result.output


@pytest.mark.parametrize("fmt", ["moodle", "gift"])
def test_sections_come_back_from_qbanks_own_file_in_the_banks_order(cli, tmp_path, fmt):
    """A trial: a bank whose sections are listed in another order than their first
    questions' (a question added to a later section near the top) came back from its own
    Moodle XML or GIFT with its sections turned round, and the booklet read them so. The
    file's categories stand in the bank's order, and the sections take it."""
    bank = tmp_path / "turn.yaml"
    bank.write_text(
        "title: Turn\nsections: [Basics, Later]\nquestions:\n"
        "  - {id: a, section: Later, question: First?, hint: One.}\n"
        "  - {id: b, section: Basics, question: Second?, hint: Two.}\n",
        encoding="utf-8",
    )
    written = _written(cli, bank, fmt, tmp_path / fmt)
    back = _imported(written, tmp_path / f"back{written.suffix}")
    assert [s.name for s in back.sections] == ["Basics", "Later"]
    assert [q.id for q in back.questions] == ["a", "b"]


@pytest.mark.parametrize("fmt", ["moodle", "gift"])
def test_questions_renamed_in_moodle_keep_the_banks_order(cli, tmp_path, fmt):
    """A trial: one question renamed in Moodle put the whole bank in the file's order (its
    sections one after another), which renumbered the rest; each renamed question now
    takes the number missing beside its neighbours, and the others keep theirs."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: Mixed\nquestions:\n"
        + "".join(
            f"  - {{id: {q}, section: {'One' if n % 2 else 'Two'}, question: {q}?, hint: H.}}\n"
            for n, q in enumerate("abcdef", start=1)
        ),
        encoding="utf-8",
    )
    assert cli("lms", "--format", fmt, "--bank", bank, "--out", tmp_path).exit_code == 0
    exported = tmp_path / ("bank-moodle.xml" if fmt == "moodle" else "bank-gift.txt")
    text = exported.read_text(encoding="utf-8")
    for number, name in ((1, "Renamed"), (4, "Edited"), (5, "Changed")):  # a, d and e
        old = f"[Q{number} " if fmt == "moodle" else f"::Q{number}::"
        assert old in text
        text = text.replace(old, f"[{name} " if fmt == "moodle" else f"::{name}::")
    exported.write_text(text, encoding="utf-8")
    assert cli("import", exported, "-o", tmp_path / "back.yaml").exit_code == 0
    back = load_bank(tmp_path / "back.yaml").questions
    assert [q.id for q in back] == list("abcdef")


def test_moodle_files_qbank_did_not_write_keep_their_order(cli, tmp_path):
    """Reordering by 'Q1 ...' names is for qbank's own files (grader information in its
    layout); a hand-made file whose names happen to be numbered keeps the order it has."""
    source = tmp_path / "hand.xml"
    questions = "".join(
        f'<question type="essay"><name><text>Q{n} Item</text></name><questiontext format="html">'
        f"<text>Question {n}?</text></questiontext><generalfeedback><text>H{n}.</text>"
        f"</generalfeedback></question>"
        for n in (2, 1, 3)
    )
    source.write_text(f'<?xml version="1.0" encoding="UTF-8"?><quiz>{questions}</quiz>', "utf-8")
    assert cli("import", source, "-o", tmp_path / "hand.yaml").exit_code == 0
    kept = [q.question for q in load_bank(tmp_path / "hand.yaml").questions]
    assert kept == ["Question 2?", "Question 1?", "Question 3?"]


def test_gift_files_qbank_did_not_write_keep_their_order(cli, tmp_path):
    """Moodle's own GIFT examples title questions Q8, Q2, Q5, Q1: they came back as Q1, Q2,
    Q5, Q8, and their warnings in that order. Only a file in qbank's layout (each question
    titled by its number, its id in the comment before it) is put in its numbers' order."""
    source = tmp_path / "hand.gift"
    source.write_text(
        "::Q8:: How are you? {}\n\n"
        "::Q2:: Orange, then? {=yellow ~red}\n\n"
        "::Q5:: A number from 1 to 5? {#3:2}\n\n"
        "::Q1:: 42 is the answer. {FALSE}\n",
        encoding="utf-8",
    )
    result = cli("import", source, "-o", tmp_path / "hand.yaml")
    assert result.exit_code == 0, result.output
    kept = [q.question for q in load_bank(tmp_path / "hand.yaml").questions]
    assert kept == [
        "How are you?",
        "Orange, then?\n\na. yellow\nb. red",  # its choices follow it
        "A number from 1 to 5?",
        "42 is the answer.\n\na. True\nb. False",  # and a true-false question's
    ]
    lines = [int(m) for m in re.findall(r"hand\.gift:(\d+):", result.stderr)]
    assert lines == sorted(lines) and set(lines) == {1, 3, 5, 7}


def test_a_gift_files_own_numbers_are_said_to_be_lost(cli, tmp_path):
    """Moodle's GIFT example titles a question Q8: in a file qbank did not write, that
    number (the bank numbers its questions in order) was lost without a word, where any
    other title is named; Q001 too."""
    source = tmp_path / "numbers.gift"
    source.write_text(
        "::Q8:: How are you? {}\n\n::Q001:: And you? {}\n\n::<b>Q9</b> &amp; more:: Why? {}\n",
        encoding="utf-8",
    )
    result = cli("import", source, "-o", tmp_path / "numbers.yaml")
    assert result.exit_code == 0, result.output
    # a title of HTML as Moodle shows it, as a Moodle XML name is (it was said with its tags)
    for line, title in ((1, "Q8"), (3, "Q001"), (5, "Q9 & more")):
        said = f"numbers.gift:{line}: question '[^']+': its title '{title}' is not kept"
        assert re.search(said, result.stderr), result.stderr


def test_an_import_says_each_kind_of_loss_of_a_few_questions_and_counts_the_rest(cli, tmp_path):
    """A hostile trial: 50,000 multiple-choice questions printed 150,000 lines on stderr,
    three a question. Each kind (a loss without its question's name, line or title) is
    said of five questions, then counted in one line where the rest begin; a loss of
    another kind is said, however late it comes."""
    questions = [  # no right answer (no '='), so that the hint is wanting
        f"::T{n}::Pick {n}? {{~a ~b{' ####Because.' if n == 3 else ''}}}" for n in range(12)
    ]
    source = tmp_path / "many.gift"
    source.write_text("\n\n".join([*questions, "::D::Just read this."]) + "\n", encoding="utf-8")
    result = cli("import", source, "-o", tmp_path / "many.yaml")
    assert result.exit_code == 0, result.output
    feedback = "no general feedback (####) to take the hint from"
    essay = (
        "a multiple-choice question becomes an essay question; its choices follow its text, "
        "its answers are kept as text in the note"
    )
    title = "its title {}is not kept (a bank question has none)"
    said = [
        [
            f"{source}:{2 * n + 1}: question 'pick-{n}': {m}"
            for m in (feedback, essay, title.format(f"'T{n}' "))
        ]
        for n in range(5)
    ]
    del said[3][0]  # it has its feedback
    assert result.stderr.splitlines() == [
        *(line for lines in said for line in lines),
        f"{source}:11: question 'pick-5': {feedback}",
        f"{source}:11: and 7 more questions: {essay}",
        f"{source}:11: and 8 more questions: {title.format('')}",
        f"{source}:13: and 6 more questions: {feedback}",
        f"{source}:25: question 'just-read-this': a description (text Moodle shows between "
        "questions, with nothing to answer) becomes a question, as it comes after questions "
        "(only one before them becomes its section's description); move its text into the "
        "question after it if it belongs",
    ]
    six = tmp_path / "six.gift"
    six.write_text("\n\n".join(f"Pick {n}? {{=a ~b ####Why.}}" for n in range(6)), encoding="utf-8")
    result = cli("import", six, "-o", tmp_path / "six.yaml")
    assert result.exit_code == 0, result.output
    essay = essay.replace("its text, ", "its text, its right answer opens the hint, and ")
    assert result.stderr.splitlines() == [  # the sixth is said as the others: no line counts one
        f"{six}:{2 * n + 1}: question 'pick-{n}': {essay}" for n in range(6)
    ]
    moodle = tmp_path / "random.xml"  # what makes no question is counted as a loss is
    drawn = '<question type="random"><name><text>R</text></name></question>\n'
    essay_xml = (
        '<question type="essay"><name><text>E</text></name><questiontext format="html">'
        '<text>Why?</text></questiontext><generalfeedback format="html"><text>h</text>'
        "</generalfeedback></question>\n"
    )
    moodle.write_text(f"<quiz>\n{drawn * 8}{essay_xml}</quiz>\n", encoding="utf-8")
    result = cli("import", moodle, "-o", tmp_path / "random.yaml")
    assert result.exit_code == 0, result.output
    random = (
        "a random question is not imported: Moodle draws one of its category's questions in "
        "its place at each attempt, and it has no text of its own"
    )
    assert result.stderr.splitlines() == [
        *(f"{moodle}:{line}: {random}" for line in range(2, 7)),
        f"{moodle}:7: and 3 more questions: {random}",
        f"{moodle}:10: question 'why': its name 'E' is not kept: a bank question has none (put "
        "it in the question's text or note if it matters)",
    ]


def test_losses_that_name_their_own_words_or_sizes_are_counted_too(cli, tmp_path):
    """A kind was the whole message, so a loss that names its question's words, a file
    of its own or its length was of a kind of its own: 20,000 unclosed GIFT questions
    printed 20,001 lines, 3,000 long Moodle questions linking a file each 6,000 (a
    review). What a message names in quotes, and its numbers, are set aside for its kind."""
    unclosed = tmp_path / "unclosed.gift"
    unclosed.write_text(
        "\n\n".join([*(f"Is {w} a thing? {{=yes ~no" for w in "abcdefgh"), "Fine? {}"]) + "\n",
        encoding="utf-8",
    )
    result = cli("import", unclosed, "-o", tmp_path / "u.yaml")
    lines = result.stderr.splitlines()
    assert len(lines) <= 7, result.stderr  # the five, 'and 3 more', and what has no question
    assert any(": and 3 more questions: " in line and "'…'" in line for line in lines), lines
    long = tmp_path / "long.xml"
    essay = (
        '<question type="essay"><name><text>N{n}</text></name><questiontext format="html">'
        '<text><![CDATA[<p>{text} <a href="@@PLUGINFILE@@/f{n}.mp3">listen</a></p>]]></text>'
        '</questiontext><graderinfo format="html"><text>G</text></graderinfo></question>'
    )
    long.write_text(
        "<quiz>\n"
        + "\n".join(essay.format(n=n, text=f"Case {n}. " + "word " * (220 + n)) for n in range(8))
        + "\n</quiz>\n",
        encoding="utf-8",
    )
    result = cli("import", long, "-o", tmp_path / "l.yaml")
    assert result.exit_code == 0, result.output
    counted = [line for line in result.stderr.splitlines() if ": and 3 more questions: " in line]
    assert len(counted) >= 2, result.stderr  # the long texts, and the files linked
    assert len(result.stderr.splitlines()) <= 5 * 3 + len(counted) + 2, result.stderr


def test_canvas_names_the_qti_file_canvas_imports(cli, tmp_path):
    """A trial typed `--format canvas`, as the README sells Canvas, and was refused with a
    list that did not say which format Canvas takes."""
    bank = FIXTURES / "minimal.yaml"
    for args in (["lms", "--format", "Canvas"], ["all", "--lms", "canvas"]):
        out = tmp_path / args[0]
        result = cli(*args, "--bank", bank, "--out", out)
        assert result.exit_code == 0, result.output
        assert (out / "minimal-qti.zip").is_file()


def test_a_canvas_qti_quiz_is_told_apart_from_moodle_xml(cli, tmp_path):
    """A trial: Canvas's QTI export of a quiz, as its .xml or its .zip, got "not Moodle XML:
    no <quiz>" or the list of what import reads, which said nothing of QTI. Both are read
    now (test_canvas_import.py); the package's manifest unzipped is told what to import."""
    said = (
        "a QTI file that import does not read: it reads a Canvas quiz export (QTI 1.2: the "
        ".zip Canvas writes, or the assessment .xml inside it), Moodle XML and GIFT. For a "
        "package unzipped, import its .zip"
    )
    built = cli("lms", "--format", "qti", "--bank", FIXTURES / "minimal.yaml", "--out", tmp_path)
    assert built.exit_code == 0, built.output
    package = tmp_path / "minimal-qti.zip"
    entries = _zip(package)
    _, data = _assessment(entries)
    assessment = tmp_path / "quiz.xml"
    assessment.write_bytes(data)
    manifest = tmp_path / "imsmanifest.xml"  # the package unzipped: 'no <quiz>' (a trial)
    manifest.write_bytes(entries["imsmanifest.xml"])
    result = cli("import", manifest, "-o", tmp_path / "back.yaml")
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert result.stderr.startswith(f"{manifest}:") and said in result.stderr, result.output
    assert not (tmp_path / "back.yaml").exists()
    for source in (assessment, package):
        result = cli("import", source, "-o", tmp_path / f"{source.stem}.yaml")
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    other = tmp_path / "other.zip"  # a zip of something else: what import reads, as before
    with zipfile.ZipFile(other, "w") as written:
        written.writestr("notes.txt", "x")
    result = cli("import", other)
    assert result.exit_code == 1 and "import reads a spreadsheet saved as CSV" in result.stderr


def test_a_gift_line_of_no_break_spaces_is_no_blank_line(cli, tmp_path):
    """Moodle's reader ends a question at a line that PHP's trim() leaves empty (blanks,
    tabs, NUL, \\x0b); a line of no-break spaces split one question in two here, its first
    part without its answers."""
    source = tmp_path / "nb.gift"
    source.write_text("What is 2+2?\n\u00a0\n{=4 ~3}\n", encoding="utf-8")
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    (question,) = load_bank(tmp_path / "nb.yaml").questions
    assert question.question == "What is 2+2?\n\na. 4\nb. 3" and "4 (100%)" in question.note


def test_a_gift_mark_never_runs_on_to_the_next_comment_line(cli, tmp_path):
    """A second review: comment lines were joined with a blank, so '// [tag:one' and
    '// two]' made the tag 'one // two'; Moodle joins them with line breaks, which end a
    mark, and trims a value as PHP does (an em space stays)."""
    source = tmp_path / "q.gift"
    from qbank.bank.gift import marks

    source.write_text("// [tag:one\n// two] [tag:b]\n::Q1:: What is one? {}\n", encoding="utf-8")
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    (question,) = load_bank(tmp_path / "q.yaml").questions
    assert question.tags == ("b",)
    assert marks("// [tag:\u2003t\u00a0]", "tag") == ["\u2003t\u00a0"]


def test_a_links_address_comes_back_from_moodle_as_it_was(cli, tmp_path):
    """A link's `&`, `\\`, `%41`, parentheses and an `&amp;` are the same address after a
    Moodle round trip (a trial's `?x=1&y=2` came back `?x=1%26y=2`: one parameter)."""
    _moodle_round_trip(
        cli,
        tmp_path,
        "title: Links\nmarkup: markdown\nquestions:\n  - id: a\n    section: S\n"
        "    question: Which?\n    hint: |\n"
        "      [l0](https://example.com/a?b=1&c=2) [l1](https://example.com/c?x=1&amp;y=2)\n"
        "      [l2](https://example.com/p%41th\\\\x) [l3](<https://example.com/(paren)>)\n"
        "      [l4](https://example.com/d?q=\\&amp;)\n",
    )

    def addresses(path: Path) -> list[str]:
        bank = load_bank(path)
        spans = bank.rich_text(bank.questions[0].hint).blocks[0].spans
        return [s.href for s in spans if s.href]

    before = addresses(tmp_path / "bank.yaml")
    assert before == [
        "https://example.com/a?b=1&c=2",
        "https://example.com/c?x=1&y=2",
        "https://example.com/p%41th\\x",
        "https://example.com/(paren)",
        "https://example.com/d?q=&amp;",
    ]
    assert addresses(tmp_path / "back.yaml") == before
    # an '&' that starts no character reference is written as typed (it came back '\\&',
    # which Moodle's GIFT Markdown showed with its backslash)
    assert (
        "[l0](https://example.com/a?b=1&c=2)" in load_bank(tmp_path / "back.yaml").questions[0].hint
    )


@pytest.mark.parametrize("fmt", ["moodle", "gift"])
def test_a_section_name_that_starts_or_ends_with_a_slash_stays_one_category(cli, tmp_path, fmt):
    """Moodle splits a category path at each lone `/` (`split_category_path`); a section
    '/etc paths' was written `Title///etc paths`, which read as the title's own name with
    '//etc paths' in it. A blank pads such a name, as Moodle's own export does, and both
    Moodle's split and `import` give back the title and each section. A name with GIFT's
    specials or Markdown's marks goes on its `$CATEGORY:` line as it is, in a Markdown bank
    too: Moodle's GIFT import takes the rest of that line whole, unescaping nothing (an
    escaped `\\:` would stay a placeholder there, question/format/gift/format.php), as
    gift-pegjs does."""
    marked = "*Stars* and _under_: {a} = ~b #c"
    bank = tmp_path / "slash.yaml"
    bank.write_text(
        f"title: Paths\nmarkup: markdown\nsections: [/etc paths, Ends with/, AI/ML, '{marked}']\n"
        "questions:\n"
        "  - {id: a, section: /etc paths, question: A?, hint: A.}\n"
        "  - {id: b, section: Ends with/, question: B?, hint: B.}\n"
        "  - {id: c, section: AI/ML, question: C?, hint: C.}\n"
        f"  - {{id: d, section: '{marked}', question: D?, hint: D.}}\n",
        encoding="utf-8",
    )
    assert cli("lms", "--format", fmt, "--bank", bank, "--out", tmp_path).exit_code == 0
    (written,) = [p for p in tmp_path.iterdir() if p.name.startswith("slash-")]
    split = set(_moodle_categories(written.read_text(encoding="utf-8")))
    assert ("Paths", "/etc paths") in split and ("Paths", "Ends with/") in split
    assert ("Paths", "AI/ML") in split and ("Paths", marked) in split
    if fmt == "gift":
        (parsed,) = gift_parse(written)
        titles = [q["title"] for q in parsed["questions"] if q["type"] == "Category"]
        assert "$course$/top/Paths/" + marked in titles, titles
    assert cli("import", written, "-o", tmp_path / "back.yaml").exit_code == 0
    back = load_bank(tmp_path / "back.yaml")
    assert back.title == "Paths"
    assert [s.name for s in back.sections] == ["/etc paths", "Ends with/", "AI/ML", marked]


@pytest.mark.parametrize("fmt", ["moodle", "gift"])
def test_a_categorys_name_reaches_moodle_as_typed(cli, tmp_path, fmt):
    """Moodle cleans a category's name as it cleans a question's (split_category_path:
    PARAM_TEXT, strip_tags) and shows it through format_string, its filters too where
    'Filter all strings' is on: a section 'A<B & C' was the category 'A', 'R&amp;D' showed
    'R&D', and '$$x$$' or '[tex]' could be set as a formula. Each name is written as a
    question's is, and Moodle's split, strip_tags and display give the section as typed,
    as `import` does."""
    typed = ["A<B & C", "R&amp;D", "$$x$$ or \\(y\\)", "[tex]z[/tex] <b>bold</b>"]
    listed = ", ".join(f"'{name}'" for name in typed)
    bank = tmp_path / "names.yaml"
    bank.write_text(
        f"title: 'Q&A <1>'\nsections: [{listed}]\nquestions:\n"
        + "".join(
            f"  - {{id: q{n}, section: '{name}', question: Q?, hint: H.}}\n"
            for n, name in enumerate(typed)
        ),
        encoding="utf-8",
    )
    sections = [s.name for s in load_bank(bank).sections]
    assert sections[2] == "$$x$$ or \\(y\\)"  # the test's own premise
    written = _written(cli, bank, fmt, tmp_path / fmt)
    formula = re.compile(r"\\[(\[]|\$\$|\[tex\]", re.IGNORECASE)
    paths = _moodle_categories(written.read_text(encoding="utf-8"))
    for path in paths:  # what strip_tags leaves, and no formula for the filters
        assert all(re.sub(r"<[^>]*>", "", n) == n and not formula.search(n) for n in path), path
    assert [tuple(map(html.unescape, p)) for p in paths if len(p) > 1] == [  # Moodle shows
        ("Q&A <1>", name) for name in sections
    ]
    if fmt == "gift":
        (parsed,) = gift_parse(written)
        titles = [q["title"] for q in parsed["questions"] if q["type"] == "Category"]
        assert [html.unescape(t.split("/", 3)[3].replace("//", "/")) for t in titles] == sections
    assert cli("import", written, "-o", tmp_path / "back.yaml").exit_code == 0
    back = load_bank(tmp_path / "back.yaml")
    assert (back.title, [s.name for s in back.sections]) == ("Q&A <1>", sections)


@pytest.mark.parametrize("fmt", ["moodle", "gift"])
def test_a_categorys_name_fits_moodles_255_characters_as_written(cli, tmp_path, fmt):
    """Moodle keeps 255 characters of a category's name, each character reference as
    written: a section of 100 '<' was a name of 500 ('&#60;' each) and a title of 25
    'R&amp;D ' one of 300, more than its database column holds. Each is cut at a word
    before it is written, so that it fits written, never inside a reference. Two sections
    whose names are one when cut so go into one category in Moodle's import, which finds a
    category by its name (create_category_path): a warning names both, with what to do."""
    title, section = "R&amp;D " * 24 + "R&amp;D", "<" * 50 + " " + "<" * 49
    bank = tmp_path / "long.yaml"
    bank.write_text(
        f"title: '{title}'\nquestions:\n"
        f"  - {{id: a, section: '{section}', question: Q?, hint: H.}}\n"
        f"  - {{id: b, section: '{'<' * 50} {'>' * 49}', question: Q?, hint: H.}}\n",
        encoding="utf-8",
    )
    result = cli("lms", "--bank", bank, "--format", fmt, "--out", tmp_path / fmt)
    assert result.exit_code == 0, result.output
    assert (
        f"long.yaml:4: warning: section '{'<' * 50} {'>' * 49}' goes to Moodle into one "
        f"category with section '{section}' (line 3)" in result.output
    ), result.output
    (written,) = (tmp_path / fmt).iterdir()
    path, _ = [p for p in _moodle_categories(written.read_text(encoding="utf-8")) if len(p) > 1]
    assert max(map(len, path)) <= 255, path
    shown = [html.unescape(name) for name in path]
    assert shown == ["R&amp;D " * 20 + "R&amp;D\u2026", "<" * 50 + "\u2026"], shown
    assert cli("import", written, "-o", tmp_path / "back.yaml").exit_code == 0


def _moodle_categories(text: str) -> list[tuple[str, ...]]:
    """The category paths of a Moodle XML or GIFT file as Moodle's split_category_path reads
    them (each lone '/' parts two names, '//' is a '/', each name trimmed), under top."""
    paths = [p.removesuffix("]]>") for p in re.findall(r"\$course\$/top/[^<\n]*", text)]
    return [
        tuple(n.replace("//", "/").strip() for n in re.split(r"(?<!/)/(?!/)", p)[2:]) for p in paths
    ]


@pytest.mark.parametrize("fmt", ["moodle", "gift"])
def test_nested_moodle_categories_go_back_to_moodle_nested(cli, tmp_path, fmt):
    """A review: a bank imported from Moodle's categories top/A, top/A/B and top/A/B/C (each
    with questions) named its sections 'A' (the bank's title too), 'B' and 'B / C'; the LMS
    files gave them back as categories A/A, A/B and one named 'B / C' inside A, so a round
    trip through Moodle moved A's questions and flattened C. Each name of a nested section
    is now a category inside the one before, and a section named as the bank is its
    category; `import` reads the same bank back. A category's ID number, which a section has
    no place for, is said to be left (it was dropped unsaid)."""
    source = _moodle_file(
        tmp_path / "nested.xml",
        *(
            f'<question type="category"><category><text>$course$/top/{path}</text></category>'
            f'<info format="html"><text>About {path[-1]}.</text></info>'
            f"<idnumber>cat-{n}</idnumber></question>"
            + _essay_element(f"Q{n}", f"In {path[-1]}?", "Yes.")
            for n, path in enumerate(["A", "A/B", "A/B/C"], start=1)
        ),
    )
    first = tmp_path / "first.yaml"
    imported = cli("import", source, "-o", first)
    assert f"{source}:4: category 'A / B': its ID number 'cat-2' is not kept" in imported.output
    assert [s.name for s in load_bank(first).sections] == ["A", "B", "B / C"]
    exported = cli("lms", "--format", fmt, "--bank", first, "--out", tmp_path)
    assert exported.exit_code == 0, exported.output
    (written,) = tmp_path.glob("first-*")
    assert set(_moodle_categories(written.read_text(encoding="utf-8"))) == {
        ("A",),
        ("A", "B"),
        ("A", "B", "C"),
    }
    assert cli("import", written, "-o", tmp_path / "back.yaml").exit_code == 0
    back, bank = load_bank(tmp_path / "back.yaml"), load_bank(first)
    assert [(q.section, q.question) for q in back.questions] == [
        (q.section, q.question) for q in bank.questions
    ]
    assert [(s.name, s.description) for s in back.sections] == [
        (s.name, s.description) for s in bank.sections
    ]
    # a section named as the bank with a language of its own is a category of its own, which
    # gives it back (the bank's category took it: lost, and the bank came back Markdown)
    own = first.read_text("utf-8").replace('\n  - "A"\n', '\n  - {name: "A", language: de}\n')
    first.write_text(own, "utf-8")
    written.unlink()
    assert cli("lms", "--format", fmt, "--bank", first, "--out", tmp_path).exit_code == 0
    assert ("A", "A") in _moodle_categories(written.read_text(encoding="utf-8"))
    assert cli("import", written, "-o", tmp_path / "own.yaml").exit_code == 0
    back = load_bank(tmp_path / "own.yaml")
    assert (back.title, back.markup, [s.language for s in back.sections]) == (
        "A",
        "plain",
        ["de", "", ""],
    )
    # 'B / C' lies inside the section 'B'; a lone 'Input / Output' is most likely one name,
    # said at its line with how to keep it one category (it went to Moodle nested, unsaid)
    assert "goes to Moodle" not in exported.output
    lone = tmp_path / "lone.yaml"
    lone.write_text(
        "title: T\nsections:\n  - Input / Output\n  - A / B\n  - A / C\n"
        "questions:\n"
        + "".join(
            f"  - {{id: {n}, section: {s}, question: {n}?, hint: H.}}\n"
            for n, s in (("a", "Input / Output"), ("b", "A / B"), ("c", "A / C"))
        ),
        "utf-8",
    )
    result = cli("lms", "--format", fmt, "--bank", lone, "--out", tmp_path / "lone")
    assert result.exit_code == 0, result.output
    assert result.output.count("goes to Moodle") == 1
    assert (
        f"{lone}:3: warning: section 'Input / Output' goes to Moodle as the category 'Output' "
        "inside 'Input', as Moodle reads ' / ' in a category's path, and no other section is "
        "in 'Input'; if it is one name, write it 'Input/Output', which stays one category"
    ) in result.output


def test_a_moodle_category_with_a_slash_in_its_name_is_said_to_come_back_nested(cli, tmp_path):
    """A review: Moodle's category 'TCP / IP' (written 'TCP // IP') came in as the section
    'TCP / IP', which the LMS files give back as IP inside TCP, moving its questions
    unsaid. The import says so, and how to keep it one category."""
    source = _moodle_file(
        tmp_path / "slash.xml",
        '<question type="category"><category><text>$course$/top/Networks/TCP // IP</text>'
        "</category></question>" + _essay_element("Q", "What is TCP?", "A protocol."),
    )
    result = cli("import", source, "-o", tmp_path / "slash.yaml")
    assert result.exit_code == 0, result.output
    assert (
        "the category 'TCP / IP' has ' / ' in its name, which the bank's LMS files read as a "
        "category inside another: they would give its questions back in 'IP' inside 'TCP'; "
        "rename its section in the bank (as 'TCP/IP') to keep it one category"
    ) in result.output


# -- the look's words (lms/words.toml) ----------------------------------------------------

# a French teacher's lms/words.toml: every word translated, a French space before the colon
FRENCH = {
    "hint": "Indice",
    "competency": "Compétence",
    "note": "Remarque",
    "look_for": "À chercher",
    "follow_ups": "Relances",
    "anchors": "Repères",
    "minutes": "Durée",
    "group": "Groupe",
    "sources": "Références",
    "role": "Poste",
    "organisation": "Établissement",
    "reviewed": "Faits vérifiés",
    "language": "Langue",
    "rubric": "Barème",
    "tags": "Étiquettes",
    "competencies": "Compétences",
    "weight": "\u00a0(poids {weight})",
    "after_label": "\u00a0: ",
}


def _french_look(folder: Path, **changes: str) -> Path:
    words = folder / "lms" / "words.toml"
    words.parent.mkdir(parents=True)
    lines = [f"{key} = {json.dumps(value)}" for key, value in (FRENCH | changes).items()]
    words.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_the_built_in_lms_words_are_the_headings_import_reads():
    """The LMS files of the built-in look are those qbank wrote before the words were the
    look's: import finds their headings by these English words."""
    from qbank.bank.html_text import BANK_HEADINGS, GRADER_HEADINGS
    from qbank.exporters.lms.words import load_words

    assert load_words() == GRADER_HEADINGS | BANK_HEADINGS | {
        "weight": " (weight {weight})",
        "after_label": ": ",
        "table": "Table",
    }


def test_a_tables_box_is_named_in_the_looks_words(cli, tmp_path):
    """A French look's lms/words.toml names a table's scrolling box in every LMS file, in
    a question's text, its grader's text and a category's or the quiz's description: a screen
    reader on a French quiz said 'Table', the word set in the code. A look from before the
    word (FRENCH has none) names it 'Table'."""
    bank = FIXTURES / "markdown" / "tables-fr.yaml"
    for words, named in (({"table": "Tableau"}, "Tableau"), ({}, "Table")):
        look = _french_look(tmp_path / named / "look", **words)
        out = tmp_path / named / "out"
        for fmt in ("moodle", "qti", "gift", "blackboard"):
            result = cli("lms", "--format", fmt, "--bank", bank, "--out", out, "--templates", look)
            assert result.exit_code == 0, result.output
        xml = etree.parse(next(out.glob("*-moodle.xml")))
        texts = {
            kind: [t.text for t in xml.iterfind(f".//{kind}/text")]
            for kind in ("questiontext", "graderinfo", "info")
        }
        entries = _zip(next(out.glob("*-qti.zip")))
        quiz = _strip_namespaces(_assessment(entries)[1])
        asked = [m.text for m in quiz.iter("mattext")]
        (meta,) = [data for name, data in entries.items() if name.endswith("assessment_meta.xml")]
        described = etree.fromstring(meta).findtext("{*}description")
        (parsed,) = gift_parse(next(out.glob("*-gift.txt")))
        stems = [q["stem"]["text"] for q in parsed["questions"] if q["type"] == "Essay"]
        board = next(out.glob("*-blackboard.txt")).read_text("utf-8").split("\t")
        found = {
            "moodle": texts,
            "qti": [*asked, described],
            "gift": stems,
            "blackboard": board[1:3],
        }
        for fmt, shown in found.items():
            labels = re.findall(r'role="group" tabindex="0" aria-label="([^"]*)"', str(shown))
            assert labels and set(labels) == {named}, (fmt, labels)
        assert str(texts["info"]).count("aria-label=") == 2  # the bank's and the section's
        assert str(texts["graderinfo"]).count("aria-label=") == 1  # the hint's
        assert f'aria-label="{named}"' in described  # the quiz's description


@pytest.mark.parametrize("path", [DEFAULT_BANK, FIXTURES / "lms-bank-fields.yaml"])
def test_a_looks_words_head_what_graders_read_and_import_reads_them_back(cli, tmp_path, path):
    """A French teacher's trial: Moodle XML and Blackboard wrote 'Hint', 'Look for', 'Rating
    scale' and '(weight 2)' whatever the look, and no words file could translate them. In
    the look's words, the file imports back into the same bank, every field in place."""
    look = _french_look(tmp_path / "look")
    out = tmp_path / "out"
    for fmt in ("moodle", "blackboard"):
        result = cli("lms", "--format", fmt, "--bank", path, "--out", out, "--templates", look)
        assert result.exit_code == 0, result.output
    (xml,) = out.glob("*-moodle.xml")
    (board,) = out.glob("*-blackboard.txt")
    for written in (xml.read_text("utf-8"), board.read_text("utf-8")):
        english = [w for w in grading_words() if f">{w}<" in written]
        assert not english and "(weight" not in written and "</strong>: " not in written
        assert '<h4 class="qbank-hint">Indice</h4>' in written
    bank = load_bank(path)
    back = _imported(xml, tmp_path / "back.xml")
    assert (back.title, back.role, back.description) == (bank.title, bank.role, bank.description)
    assert (back.rubric, back.vocabulary) == (bank.rubric, bank.vocabulary)
    assert [(c.name, c.description, c.weight) for c in back.competencies] == [
        (c.name, c.description, c.weight) for c in bank.competencies
    ]
    _same_questions(back, bank, FIELDS, exact=True)


def grading_words() -> list[str]:
    from qbank.bank.html_text import BANK_HEADINGS, GRADER_HEADINGS

    return [*GRADER_HEADINGS.values(), *BANK_HEADINGS.values()]


def test_a_look_says_where_its_lms_words_would_lose_import_its_way(cli, tmp_path):
    """The weight and the mark after a label are found by their shape on import: a look
    that breaks it is told so by check, with the file and the key, before a build."""
    look = _french_look(tmp_path / "look", after_label=" puis ", weight=" poids {weight}")
    bank = FIXTURES / "lms-bank-fields.yaml"
    result = cli("check", "--bank", bank, "--lms", "moodle", "--templates", look)
    assert result.exit_code == 1, result.output
    where = look / "lms" / "words.toml"
    assert f"{where}: after_label: ' puis ' should be one mark" in result.output
    assert f"{where}: weight: ' poids {{weight}}' should be {{weight}} in parentheses" in (
        result.output
    )


def test_anchors_at_either_middle_of_an_even_scale_come_back_from_moodle(cli, tmp_path):
    """A trial: a 1-4 rubric's anchors at 1, 2 and 4 passed check (an even scale's middle
    is either of its two) but import dropped them, asking for 3. And each section's own
    language came back as the bank's."""
    back = _moodle_round_trip(
        cli,
        tmp_path,
        "title: T\nrubric:\n"
        + "".join(f"  - {{score: {n}, label: L{n}, anchor: A{n}.}}\n" for n in (1, 2, 3, 4))
        + "sections:\n  - {name: Grundlagen, language: de}\n  - {name: Redes, language: es}\n"
        "questions:\n"
        "  - {id: a, section: Grundlagen, question: Q?, hint: H., anchors: {1: x, 2: y, 4: z}}\n"
        "  - {id: b, section: Redes, question: Q?, hint: H., anchors: {1: x, 3: y, 4: z}}\n",
    )
    assert [q.anchors for q in back.questions] == [
        ((1, "x"), (2, "y"), (4, "z")),
        ((1, "x"), (3, "y"), (4, "z")),
    ]
    assert [(s.name, s.language) for s in back.sections] == [("Grundlagen", "de"), ("Redes", "es")]


def _moodle_file(path: Path, *questions: str) -> Path:
    """A Moodle XML file of these `<question>` elements."""
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n",
        encoding="utf-8",
    )
    return path


def _essay_element(name: str, text: str, graderinfo: str = "", feedback: str = "") -> str:
    """A Moodle essay question; its texts are HTML."""
    return (
        f'<question type="essay"><name><text>{name}</text></name>'
        f'<questiontext format="html"><text><![CDATA[{text}]]></text></questiontext>'
        f'<generalfeedback format="html"><text><![CDATA[{feedback}]]></text></generalfeedback>'
        f'<graderinfo format="html"><text><![CDATA[{graderinfo}]]></text></graderinfo>'
        "</question>"
    )


@pytest.mark.parametrize(
    "empty", ["<p><br></p>", '<p dir="ltr" style="text-align: left;"><br></p>', "<p>&nbsp;</p>"]
)
def test_grader_information_empty_but_for_the_editors_markup_leaves_the_hint_to_feedback(
    cli, tmp_path, empty
):
    """Two trials: Moodle's editor leaves `<p><br></p>` in grader information a teacher
    emptied; it was taken as the hint, and the whole import refused ("'hint' is empty")
    though the general feedback could serve, as it does when the field is missing. An empty
    item of qbank's lists there, as the editor leaves one after the last, is left out: it
    refused the whole import ("'look_for' has an empty item")."""
    item = f"<li>{empty}</li>"
    source = _moodle_file(
        tmp_path / "m.xml",
        _essay_element("TLS", "<p>Explain TLS.</p>", empty, "<p>Handshake, session keys.</p>"),
        _essay_element("DNS", "<p>Explain DNS.</p>", empty),
        _essay_element(
            "ARP",
            "<p>Explain ARP.</p>",
            f"<h4>Hint</h4><p>h</p><h4>Look for</h4><ul><li>Cache</li>{item}<li>Spoof</li>{item}"
            f"</ul><h4>Follow-ups</h4><ul>{item}</ul><h4>Sources</h4><ul><li>RFC &lt;<a href="
            f'"https://example.org/826">https://example.org/826</a>&gt;</li>{item}</ul>',
        ),
        '<question type="shortanswer"><name><text>Two</text></name><questiontext><text>1 + 1?'
        "</text></questiontext><generalfeedback><text>Two.</text></generalfeedback><answer "
        f'fraction="100"><text>2</text><feedback format="html"><text><![CDATA[{empty}]]></text>'
        "</feedback></answer></question>",
    )
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    tls, dns, arp, two = load_bank(tmp_path / "m.yaml").questions
    assert (arp.look_for, arp.follow_ups) == (("Cache", "Spoof"), ())
    assert [(s.title, s.url) for s in arp.sources] == [("RFC", "https://example.org/826")]
    assert two.note == "Answers:\n2 (100%)"  # no ", feedback: " of nothing
    assert tls.hint == "Handshake, session keys." and not tls.note
    assert dns.hint == "(The Moodle file gave no grader information or feedback.)"
    assert f"{source}:4: question 'explain-dns': no grader information or general " in (
        result.output
    )


def test_a_gift_question_right_under_its_category_line_is_kept(cli, tmp_path):
    """Two trials: a question on the line after `$CATEGORY:`, with no blank line between,
    was read as more of the category's name, and left out of the bank without a word."""
    source = tmp_path / "b.gift"
    source.write_text(
        "$CATEGORY: Security/Network\n// [id:net-1] [tag:fw]\n::Q1::What does a firewall do?{\n"
        "####It filters traffic.\n}\n\n::Q2::Second?{####Yes.}\n",
        encoding="utf-8",
    )
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "b.yaml")
    assert [s.name for s in bank.sections] == ["Network"]
    first, second = bank.questions
    assert (first.id, first.section, first.question, first.hint, first.tags) == (
        "net-1",
        "Network",
        "What does a firewall do?",
        "It filters traffic.",
        ("fw",),
    )
    assert second.section == "Network"
    assert f"{source}:3: question 'net-1': it follows a $CATEGORY line with no blank line" in (
        result.output
    )


def test_a_moodle_random_question_is_skipped_with_its_line(cli, tmp_path):
    """A trial: Moodle 3 exports a quiz's random question (text "0"), which came in as an
    essay with the id '0' and the question '0'."""
    random = (
        '<question type="random"><name><text>Random (A)</text></name><questiontext '
        'format="html"><text>0</text></questiontext><generalfeedback format="html"><text>'
        "</text></generalfeedback><idnumber></idnumber></question>"
    )
    source = _moodle_file(
        tmp_path / "m.xml", random, _essay_element("Real", "Real question?", "Real hint")
    )
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    (question,) = load_bank(tmp_path / "m.yaml").questions
    assert (question.id, question.question) == ("real-question", "Real question?")
    assert f"{source}:3: a random question is not imported: Moodle draws one" in result.output
    alone = _moodle_file(tmp_path / "alone.xml", random)
    result = cli("import", alone)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{alone}:1: the file has no questions\n{alone}:3: a random question is not" in (
        result.output
    )


def test_a_gift_html_texts_pictures_are_named_as_not_imported(cli, tmp_path):
    """A trial: a picture of GIFT's [html] text (Moodle's export writes @@PLUGINFILE@@)
    became its alt text in brackets, or nothing in a plain bank, without a word, where
    Moodle XML's import names it."""
    source = tmp_path / "p.gift"
    source.write_text(
        '::Pic::[html]<p>See <img src\\="@@PLUGINFILE@@/diagram%20one.png" alt\\="diagram"></p>'
        "{####<p>Look at it.</p>}\n\n::M::[markdown]Just *md*{####Yes.}\n\n"
        '::P::[html]<p>Pic <img src\\="https://example.com/a.png" alt\\="remote"></p>{####No.}\n',
        encoding="utf-8",
    )
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    pic, _, remote = load_bank(tmp_path / "p.yaml").questions
    assert pic.question == "See [diagram]" and remote.question == "Pic [remote]"
    said = "1 picture is not imported, as GIFT carries no files"
    assert f"{source}:1: question 'see-diagram': {said}" in result.output
    assert "@@PLUGINFILE@@/diagram%20one.png; its alt text stands in brackets" in result.output
    assert f"{source}:5: question 'pic-remote': {said}" in result.output
    plain = tmp_path / "plain.gift"  # no [markdown] text: a plain bank, whose alt text stands
    plain.write_text(source.read_text(encoding="utf-8").split("\n\n")[0], encoding="utf-8")
    result = cli("import", plain)
    assert result.exit_code == 0, result.output
    (question,) = load_bank(tmp_path / "plain.yaml").questions
    assert question.question == "See [diagram]"
    assert f"{plain}:1: question 'see-diagram': {said}" in result.output
    assert "@@PLUGINFILE@@/diagram%20one.png; its alt text stands in brackets\n" in (result.output)


def test_a_gift_markdown_pictures_not_beside_the_file_are_their_alt_text_and_named(cli, tmp_path):
    """A trial: a GIFT file imported outside its bank's folder, one of whose [markdown]
    pictures was not beside it, refused the whole import. Another: `qbank import
    output/bank-gift.txt` run in the bank's folder, where the picture is, was told to
    'import the file from the folder of the bank it came from', as it had: import reads
    the pictures beside the file, and says so, with what to copy where."""
    (tmp_path / "images").mkdir()
    shutil.copy(FIXTURES / "markdown" / "images" / "flow.png", tmp_path / "images" / "flow.png")
    source = tmp_path / "p.gift"
    source.write_text(
        "::Q1::[markdown]See ![the flow](images/flow.png){####Yes.}\n\n// [id:gone]\n"
        "::Q2::[markdown]See ![the gone one](images/gone.png) and `![x](images/gone.png)`"
        " and ![far](https://example.com/far.png){####![web](@@PLUGINFILE@@/w.png)}\n",
        encoding="utf-8",
    )
    (tmp_path / "out").mkdir()
    result = cli("import", source, "-o", tmp_path / "out" / "p.yaml")
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "out" / "p.yaml")
    kept, left = bank.questions
    assert [p.path for p in bank.pictures([kept.question])] == ["images/flow.png"]
    assert (tmp_path / "out" / "images" / "flow.png").is_file()
    assert left.question == "See [the gone one] and `![x](images/gone.png)` and [far]"
    assert left.hint == "[web]"
    looked = tmp_path.resolve() / "images" / "gone.png"
    assert (
        f"{source}:4: question 'gone': the picture 'images/gone.png' is not "
        f"imported: it is not beside the GIFT file, where import looked for it ({looked}); its "
        "alt text stands in brackets (import reads a GIFT file's pictures from the file's own "
        "folder, not the one it is run in: copy the GIFT file into the folder of the bank it "
        "came from and import that copy, or copy the picture beside the file)"
    ) in result.output
    assert (
        f"{source}:4: question 'gone': 2 pictures are not imported, as GIFT "
        "carries no files (a [markdown] text's pictures beside the file come along): "
        "https://example.com/far.png, @@PLUGINFILE@@/w.png; their alt text stands in brackets"
    ) in result.output
    assert "flow.png" not in result.output


@pytest.mark.parametrize("markdown", [False, True])
def test_superscripts_tables_and_struck_text_of_moodle_html_keep_their_meaning(
    cli, tmp_path, markdown
):
    """Two trials: x<sup>2</sup> came in as x2, H<sub>2</sub>O as H2O, a table's cells
    glued ('PortService'; a Markdown bank's table of words is a Markdown table now, and one
    with merged cells, which no Markdown table holds, a row a line), and struck-through text
    and a video were dropped, unsaid. Each
    in a plain bank and a Markdown one (the <em> makes it one), from Moodle XML and from
    GIFT's [html] alike."""
    html_text = (
        "<p>Which " + ("<em>service</em>" if markdown else "service") + " is on which port?</p>"
        "<table><tr><th>Port</th><th>Service</th></tr><tr><td>80</td><td>HTTP</td></tr>"
        + ("" if markdown else '<tr><td colspan="2">and more</td></tr>')
        + "</table><p>Error rate 10<sup>-3</sup>, H<sub>2</sub>O, x<sub>i</sub>, 2<sup>n+1</sup>, "
        '<s>old</s> new <iframe src="https://example.com/v"></iframe></p>'
    )
    said = (
        "its HTML showed what bank text cannot: a table is written a row a line, its cells "
        "apart by ' | '; the subscript 'i' is written _(i); the superscript 'n+1' is written "
        "^(n+1); the struck-through text 'old' is kept without its line; the embedded iframe "
        "'https://example.com/v' is not imported"
    )
    shown = "Error rate 10⁻³, H₂O, x_(i), 2^(n+1), old new"
    gift_html = html_text.replace("=", "\\=")
    for source in (
        _moodle_file(tmp_path / "m.xml", _essay_element("T", html_text, "<p>See table</p>")),
        tmp_path / "g.gift",
    ):
        if source.suffix == ".gift":  # a [markdown] text makes a GIFT file's bank Markdown
            also = "\n\n::M::[markdown]*Yes*?{####Yes.}" if markdown else ""
            source.write_text(f"::T::[html]{gift_html}{{####See table}}{also}\n", "utf-8")
        result = cli("import", source)
        assert result.exit_code == 0, result.output
        bank = load_bank(source.with_suffix(".yaml"))
        question = bank.questions[0]
        assert bank.markup == ("markdown" if markdown else "plain")
        if markdown:  # a Markdown table holds a table of words (a plain bank, none)
            assert question.question == (
                "Which *service* is on which port?\n\n| Port | Service |\n| --- | --- |\n"
                "| 80 | HTTP |\n\n" + shown.replace("_", "\\_")
            )
        else:
            assert question.question == (
                "Which service is on which port?\n\nPort | Service\n80 | HTTP\nand more\n\n" + shown
            )
        if markdown:
            said = said.replace("a table is written a row a line, its cells apart by ' | '; ", "")
        assert f"{source}:" in result.output and said in result.output


@pytest.mark.parametrize("markdown", [False, True])
def test_moodle_multi_language_text_comes_in_one_language_and_is_said(cli, tmp_path, markdown):
    """A trial: a multilingual Moodle site's question, `<span lang="en" class="multilang">`
    then the same in German (Moodle's multi-language filter shows one), came in as both
    texts glued ('...membrane.Beschreiben Sie...'), and `{mlang en}...{mlang}{mlang fr}...`
    (the multilang2 plugin's) with its marks, unsaid. The first language's text is kept,
    as Moodle shows a reader of none of them, and the others are named; in a plain bank and
    a Markdown one, from Moodle XML and GIFT's [html] alike, and a category's name (the
    section's) alike, in Moodle XML and in GIFT's $CATEGORY line."""
    bold = "<strong>cell membrane</strong>" if markdown else "cell membrane"
    spans = (
        f'<p dir="ltr"><span lang="en" class="multilang">Describe the {bold}.</span>'
        '<span lang="de" class="multilang">Beschreiben Sie die Zellmembran.</span></p>'
    )
    blocks = "<p>{mlang en}Osmosis?{mlang}{mlang fr,fr_ca}Osmose ?{mlang}</p>"
    category = (  # its name in Moodle's categories, as a multilingual site writes it
        '<question type="category"><category><text>$course$/top/{mlang en}Cells{mlang}'
        "{mlang de}Zellen{mlang}</text></category></question>"
    )
    moodle = _moodle_file(
        tmp_path / "m.xml",
        category,
        _essay_element("A", spans, "<p>Bilayer</p>"),
        _essay_element("B", blocks, "x"),
    )
    gift_spans = spans.replace("=", "\\=")  # GIFT's escapes, as Moodle's export writes
    gift_blocks = blocks.replace("{", "\\{").replace("}", "\\}")
    gift = tmp_path / "g.gift"
    gift.write_text(  # Moodle's GIFT export writes a category's name unescaped
        "$CATEGORY: $course$/top/{mlang en}Cells{mlang}{mlang de}Zellen{mlang}\n\n"
        f"::A::[html]{gift_spans}{{####Bilayer}}\n\n::B::[html]{gift_blocks}{{####x}}\n",
        "utf-8",
    )
    for source in (moodle, gift):
        result = cli("import", source)
        assert result.exit_code == 0, result.output
        first, second = load_bank(source.with_suffix(".yaml")).questions
        assert first.question == (
            "Describe the **cell membrane**." if markdown else "Describe the cell membrane."
        )
        assert second.question == "Osmosis?"
        assert (
            "its text in several languages for Moodle's multi-language filter is kept in en, "
            "the first, as Moodle shows it to a reader of none of them; the de text is left out"
        ) in result.output
        assert "the fr and fr_ca text is left out" in result.output
        assert first.section == "Cells"  # its marks came into a GIFT section's name
    assert (
        f"{moodle}:3: category 'Cells': its name or description showed what bank text cannot: "
        "its text in several languages"
    ) in cli("import", moodle, "-o", tmp_path / "again.yaml").output


def test_a_questions_texts_in_several_languages_all_come_in_in_one(cli, tmp_path):
    """A review: a question text in German first and its grader information in English
    first came in half German, half English, each text taking its own first language. The
    language most of the file's texts give first is kept for every text that gives it
    (German: the question text's, met first), said with the languages left out; `--lang`
    names another."""
    question = (
        '<p><span lang="de" class="multilang">Was ist Osmose?</span>'
        '<span lang="en" class="multilang">What is osmosis?</span></p>'
    )
    hint = "<p>{mlang en}Water moves.{mlang}{mlang de}Wasser wandert.{mlang}</p>"
    moodle = _moodle_file(tmp_path / "m.xml", _essay_element("A", question, hint))
    gift = tmp_path / "g.gift"
    asked = question.replace("=", "\\=")  # GIFT's escapes
    escaped = hint.replace("{", "\\{").replace("}", "\\}")
    gift.write_text(f"::A::[html]{asked}{{####{escaped}}}\n", "utf-8")
    for source in (moodle, gift):
        result = cli("import", source)
        assert result.exit_code == 0, result.output
        bank = load_bank(source.with_suffix(".yaml"))
        assert bank.language == "de"  # the bank's, as its texts are
        (back,) = bank.questions
        assert (back.question, back.hint) == ("Was ist Osmose?", "Wasser wandert.")
        assert (
            "kept in de, the language most of the file's texts give first, where this one "
            "gives en first; the en text is left out"
        ) in result.output
        english = source.with_name(f"en-{source.stem}.yaml")
        result = cli("import", source, "--lang", "en", "-o", english)
        assert result.exit_code == 0, result.output
        bank = load_bank(english)
        assert bank.language == "en"
        (back,) = bank.questions
        assert (back.question, back.hint) == ("What is osmosis?", "Water moves.")
        assert "kept in en, the language --lang names, where this one gives de" in result.output
        # a language no text gives is refused; each text came in in its own first language,
        # half German, half English, unsaid (a review); EN-us is Moodle's en_us
        result = cli("import", source, "--lang", "EN-us", "-o", tmp_path / "us.yaml")
        assert result.exit_code == 1 and result.output.startswith(
            f"{source}:1: --lang en_us: none of this file's texts is given in en_us; they "
            "come in de and en: name one of these"
        ), result.output
    # a file in one language that gives none: --lang names its texts' language
    gift.write_text("::A::Osmosis?{####Water moves.}\n", "utf-8")
    result = cli("import", gift, "--lang", "de", "-o", tmp_path / "one.yaml")
    assert result.exit_code == 0, result.output
    assert load_bank(tmp_path / "one.yaml").language == "de"
    assert f"{gift}:1: the bank's language is de, as --lang names it: the file gives none" in (
        result.output
    )


def test_texts_of_moodles_own_format_in_several_languages_come_in_in_one(cli, tmp_path):
    """A review: multilang2 blocks ({mlang de}...{mlang}) in Moodle's own format (GIFT's
    default, a Moodle XML short answer's moodle_auto_format), which Moodle's filters read
    there, came in with their marks and every language, while the bank was said to be in
    one. They come in in the file's language as [html] text does, said of the text."""
    asked, right = (
        f"{{mlang en}}{en}{{mlang}}{{mlang de}}{de}{{mlang}}"
        for en, de in (("What moves?", "Was wandert?"), ("Water", "Wasser"))
    )
    moodle = _moodle_file(
        tmp_path / "m.xml",
        '<question type="shortanswer"><name><text>A</text></name>'
        f'<questiontext format="moodle_auto_format"><text>{asked}</text></questiontext>'
        f'<answer fraction="100" format="moodle_auto_format"><text>{right}</text></answer>'
        "</question>",
    )
    gift = tmp_path / "g.gift"
    asked, right = (text.replace("{", "\\{").replace("}", "\\}") for text in (asked, right))
    gift.write_text(f"::A::{asked}{{={right}}}\n", "utf-8")
    for source in (moodle, gift):
        result = cli("import", source, "--lang", "de")
        assert result.exit_code == 0, result.output
        bank = load_bank(source.with_suffix(".yaml"))
        assert (bank.language, bank.questions[0].question) == ("de", "Was wandert?")
        assert bank.questions[0].note == "Antworten:\nWasser (100%)"  # in the bank's language
        assert "the en text is left out" in result.output
        # no HTML in the file: said of its text (it was 'its HTML showed ...': a trial)
        assert "question 'was-wandert': its text showed what bank text" in result.output


def test_the_banks_language_is_the_one_its_texts_come_in_when_all_give_it(cli, tmp_path):
    """A review: a bank imported in one of a file's languages had no language (or the one
    qbank's category gave), whatever its texts came in. Moodle's code is a language tag;
    a file whose texts do not all give the language kept gives the bank none, said so."""
    both = "<p>{mlang fr_ca}Osmose ?{mlang}{mlang en}Osmosis?{mlang}</p>"
    moodle = _moodle_file(tmp_path / "m.xml", _essay_element("A", both, both.replace("?", ".")))
    said = "the bank's language is fr-CA, the one its texts come in (Moodle's fr_ca)"
    _imports_in(cli, moodle, "fr-CA", said)
    other = "<p>{mlang de}Wasser.{mlang}{mlang en}Water.{mlang}</p>"
    _moodle_file(moodle, _essay_element("A", both, other))
    said = (
        "the bank's language is not set: 1 of the file's 2 texts in several languages do not "
        "give fr_ca, so those come in in another"
    )
    _imports_in(cli, moodle, "", said)
    # --lang in a language tag's spelling (fr-CA, as the bank writes it) names fr_ca
    english_first = "<p>{mlang en}Osmosis?{mlang}{mlang fr_ca}Osmose ?{mlang}</p>"
    _moodle_file(moodle, _essay_element("A", english_first, "x"))
    _imports_in(cli, moodle, "fr-CA", "the bank's language is fr-CA", "--lang", "fr-CA")
    assert load_bank(moodle.with_name("m-fr-CA.yaml")).questions[0].question == "Osmose ?"
    # a country's code where the language's belongs is no bank's language (it failed the
    # whole import with a problem at the 'language' it made)
    _moodle_file(moodle, _essay_element("A", "{mlang jp}Nani?{mlang}{mlang en}What?{mlang}"))
    said = "the bank's language is not set: jp is a country's code, the language's is ja"
    _imports_in(cli, moodle, "", said)
    # and --lang ja, as that said, named no text, with no word of jp's (a trial)
    result = cli("import", moodle, "--lang", "ja", "-o", tmp_path / "ja.yaml")
    assert result.exit_code == 1
    assert "they come in jp and en (jp stands for ja there): name one" in result.output
    assert [language_tag(code) for code in ("de", "pt_br", "sr_lt", "de_kids", "1x")] == [
        "de",
        "pt-BR",
        "sr-Latn",
        "de",
        None,
    ]


def test_answers_and_names_in_several_languages_come_in_in_the_files(cli, tmp_path):
    """A review: a German question's answers, their feedback and its name each took their
    own first language (English), in Moodle XML and GIFT alike; they follow the file's
    language as its texts do, said with them."""

    def spans(*texts: tuple[str, str]) -> str:
        return "".join(
            f'<span lang="{code}" class="multilang">{text}</span>' for code, text in texts
        )

    asked = spans(("de", "Was wandert?"), ("en", "What moves?"))
    water = spans(("en", "Water"), ("de", "Wasser"))
    right, salt, name = (
        f"{{mlang en}}{en}{{mlang}}{{mlang de}}{de}{{mlang}}"
        for en, de in (("Right", "Richtig"), ("Salt", "Salz"), ("Osmosis", "Osmose"))
    )
    moodle = _moodle_file(
        tmp_path / "m.xml",
        f'<question type="multichoice"><name><text>{name}</text></name>'
        f'<questiontext format="html"><text><![CDATA[<p>{asked}</p>]]></text></questiontext>'
        f'<answer fraction="100" format="html"><text><![CDATA[{water}]]></text>'
        f'<feedback format="html"><text>{right}</text></feedback></answer>'
        f'<answer fraction="0" format="html"><text>{salt}</text></answer></question>',
    )
    gift = tmp_path / "g.gift"
    water, right, salt, name, asked = (  # GIFT's escapes
        text.replace("=", "\\=").replace("{", "\\{").replace("}", "\\}")
        for text in (water, right, salt, name, asked)
    )
    gift.write_text(f"::{name}::[html]{asked}{{={water}#{right} ~{salt}}}\n", "utf-8")
    for source in (moodle, gift):
        result = cli("import", source, "--lang", "de")
        assert result.exit_code == 0, result.output
        (back,) = load_bank(source.with_suffix(".yaml")).questions
        assert back.note == "Antworten:\nWasser (100%), Feedback: Richtig\nSalz (0%)"
        assert "kept in de, the language --lang names, where this one gives en first" in (
            result.output
        )
        assert "'Osmose' is not kept" in result.output


def test_a_moodle_formula_is_kept_as_its_tex_and_said(cli, tmp_path):
    """A trial: a maths question's formulas, `$$x^2=4$$` and `\\(x\\)`, which Moodle's
    MathJax filter sets, came in as their TeX, unsaid: every artifact shows the TeX, and so
    does Moodle once the bank is sent back (its LMS files keep the filter off such text).
    From Moodle XML and GIFT's [html] alike; a file qbank wrote, whose `\\&#40;` the filter
    does not set, is not said to hold one."""
    moodle = _moodle_file(
        tmp_path / "m.xml", _essay_element("F", r"<p>Solve $$x^2=4$$ for \(x\).</p>", "Two")
    )
    gift = tmp_path / "g.gift"
    gift.write_text(r"::F::[html]<p>Solve $$x^2\=4$$ for \\(x\\).</p>{####Two}" + "\n", "utf-8")
    said = (
        "2 formulas, '$$x^2=4$$' the first, which Moodle's MathJax filter sets, are kept as "
        "their TeX (the booklet, the cards and the pages show it so, as does Moodle from "
        "qbank's LMS files)"
    )
    for source in (moodle, gift):
        result = cli("import", source)
        assert result.exit_code == 0, result.output
        assert said in result.output
        assert load_bank(source.with_suffix(".yaml")).questions[0].question == (
            r"Solve $$x^2=4$$ for \(x\)."
        )
    result = cli(
        "lms", "--bank", tmp_path / "m.yaml", "--out", tmp_path / "out", "--format", "moodle"
    )
    assert result.exit_code == 0, result.output
    result = cli("import", tmp_path / "out" / "m-moodle.xml", "-o", tmp_path / "again.yaml")
    assert result.exit_code == 0 and "MathJax" not in result.output, result.output


def test_bold_and_italic_of_a_spans_style_come_in_and_underlined_text_is_said(cli, tmp_path):
    """A trial: text pasted from Word into Moodle's editor, `<span style="font-weight:
    bold;">Read</span>`, came in without its bold, unsaid, and the bank was a plain one;
    from Moodle XML and GIFT's [html] alike. A stray `</b>` inside such a span leaves the
    rest of the text as it was. Underlined text (`<u>`, or TinyMCE's span) lost its line
    unsaid; it is said."""
    html_text = (
        '<p><span style="font-weight: bold;">Read</span> the <span style="font-style:'
        'italic">extract</span> <span style="font-weight:normal">now</span>.</p>'
        '<p><span style="FONT-WEIGHT: 700">a</b></span> b</p>'
        '<p><u>key</u> <span style="text-decoration: underline;">word</span></p>'
    )
    moodle = _moodle_file(tmp_path / "m.xml", _essay_element("W", html_text, "Yes"))
    gift = tmp_path / "g.gift"
    gift.write_text(f"::W::[html]{html_text.replace(':', chr(92) + ':')}{{####Yes}}\n", "utf-8")
    for source in (moodle, gift):
        result = cli("import", source)
        assert result.exit_code == 0, result.output
        bank = load_bank(source.with_suffix(".yaml"))
        assert bank.markup == "markdown"
        assert bank.questions[0].question == "**Read** the *extract* now.\n\n**a** b\n\nkey word"
        assert "its underlined text is kept without its line" in result.output


def test_a_heading_of_moodle_html_comes_in_bold(cli, tmp_path):
    """A review: a question text headed `<h3>Scenario</h3>`, as Moodle's editor writes a
    heading, came in as a paragraph like the text under it, and the bank was a plain one. A
    bank's text has no headings (sections are), so it is a paragraph of bold text in a
    Markdown bank; from Moodle XML and GIFT's [html] alike."""
    asked = "<h3>Scenario</h3><p>A mail <em>arrives</em>.</p><h4>Task</h4><p>Triage it.</p>"
    moodle = _moodle_file(tmp_path / "m.xml", _essay_element("S", asked, "<h5>Yes</h5>"))
    gift = tmp_path / "g.gift"
    gift.write_text(f"::S::[html]{asked}{{####[html]<h5>Yes</h5>}}\n", "utf-8")
    for source in (moodle, gift):
        assert cli("import", source).exit_code == 0
        bank = load_bank(source.with_suffix(".yaml"))
        assert bank.markup == "markdown"
        question = bank.questions[0]
        assert question.question == "**Scenario**\n\nA mail *arrives*.\n\n**Task**\n\nTriage it."
        assert question.hint == "**Yes**"


def test_an_italic_variable_a_cells_paragraphs_and_a_raise_across_paragraphs(cli, tmp_path):
    """A review: x<sup><em>n</em>+1</sup> came in as x*^(n*+1), whose stars every artifact
    showed; a table whose cells hold <p> (a paste from Word) came in a cell a line with a
    lone '|' between; and a <sup> closed in a later paragraph raised that paragraph's
    italic 12 in a Markdown bank."""
    html_text = (
        "<p>Why does x<sup><em>n</em>+1</sup> outgrow T<sub><em>i</em>-1</sub>?</p>"
        "<table><tr><td><p>Port</p><p>number</p></td><td><p>Service</p></td></tr>"
        "<tr><td><p>22</p></td><td><p>SSH</p></td></tr></table>"
        "<p>Area in m<sup>2</p><p>Answer: <i>12</i></sup> exactly</p>"
    )
    source = _moodle_file(tmp_path / "m.xml", _essay_element("T", html_text, "<p>See.</p>"))
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "m.yaml")
    (question,) = bank.questions
    assert bank.markup == "markdown"
    assert question.question == (
        "Why does x^(*n*+1) outgrow T\\_(*i*-1)?\n\nPort number | Service\n\n22 | SSH\n\n"
        "Area in m2\n\nAnswer: *12* exactly"
    )
    # as the artifacts show it: no star, the variables in italics
    assert "*" not in bank.flat(question.question)
    emphasised = [
        s.text for b in bank.rich_text(question.question).blocks for s in b.spans if s.emphasis
    ]
    assert emphasised == ["n", "i", "12"]
    plain = _moodle_file(
        tmp_path / "p.xml",
        _essay_element(
            "T",
            html_text.replace("<em>", "")
            .replace("</em>", "")
            .replace("<i>", "")
            .replace("</i>", ""),
            "<p>See.</p>",
        ),
    )
    result = cli("import", plain)
    assert result.exit_code == 0, result.output
    assert load_bank(tmp_path / "p.yaml").questions[0].question == (
        "Why does x^(n+1) outgrow T_(i-1)?\n\nPort number | Service\n22 | SSH\n\nArea in m2\n\n"
        "Answer: 12 exactly"
    )


@pytest.mark.parametrize("fmt", ["gift", "moodle"])
def test_a_link_to_a_file_in_moodle_is_its_text_and_named(cli, tmp_path, fmt):
    """A trial: Moodle's GIFT example links to `@@PLUGINFILE@@/bonjour.mp3`, and its whole
    import was refused ('not a web or mail address'); the link's text comes in, the address
    named, and a web link beside it (a Markdown bank) stays a link."""
    html_text = '<a href="@@PLUGINFILE@@/bonjour.mp3">Listen to this:</a><br>What language is it?'
    richer = 'Read <a href="https://example.org/">this</a> and <a href="notes.txt">these</a>.'
    if fmt == "gift":
        source = tmp_path / "l.gift"
        escaped = [t.replace("=", "\\=").replace(":", "\\:") for t in (html_text, richer)]
        source.write_text(
            f"::A::[html]{escaped[0]}{{####Fine.}}\n\n::B::[html]{escaped[1]}{{####Good.}}\n",
            encoding="utf-8",
        )
    else:
        source = tmp_path / "l.xml"
        source.write_text(
            '<?xml version="1.0" encoding="UTF-8"?><quiz>'
            + "".join(
                f'<question type="essay"><name><text>{n}</text></name><questiontext '
                f'format="html"><text><![CDATA[{t}]]></text></questiontext><generalfeedback>'
                f"<text>Fine.</text></generalfeedback></question>"
                for n, t in (("A", html_text), ("B", richer))
            )
            + "</quiz>",
            encoding="utf-8",
        )
    result = cli("import", source, "-o", tmp_path / "l.yaml")
    assert result.exit_code == 0, result.output
    first, second = load_bank(tmp_path / "l.yaml").questions
    assert first.question == "Listen to this:\\\nWhat language is it?"
    assert second.question == "Read [this](https://example.org/) and these."
    assert re.search(
        f"{source.name}:1: question '[^']+': its HTML showed what bank text cannot: the link to "
        "'@@PLUGINFILE@@/bonjour.mp3' is kept as its text only",
        result.stderr,
    ), result.stderr
    assert "the link to 'notes.txt' is kept as its text only" in result.stderr


def test_gift_text_in_moodles_own_format_shows_its_html_as_moodle_does(cli, tmp_path):
    """A trial: GIFT's default format (Moodle's own, as a hand-written file has it) shows
    HTML, as Moodle does, but the bank showed 'Who is <b>buried</b> in Grant&apos;s tomb?'
    as typed; a line break stays one, and text with no tag stays as written."""
    source = tmp_path / "m.gift"
    source.write_text(
        "Who is <b>buried</b> in Grant&apos;s tomb?\nSay why.{####It is <i>nobody</i>.}\n\n"
        "Is x < y here? {=<b>Yes</b>#<i>Right</i>}\n",
        encoding="utf-8",
    )
    result = cli("import", source, "-o", tmp_path / "m.yaml")
    assert result.exit_code == 0, result.output
    first, second = load_bank(tmp_path / "m.yaml").questions
    assert first.question == "Who is **buried** in Grant's tomb?\\\nSay why."
    assert first.hint == "It is *nobody*."
    assert second.question == "Is x < y here?"
    assert second.note == "Answers:\\\nYes (100%), feedback: Right"
    # a '<' that starts no HTML tag is a comparison: 'Is x<y and y>z in C?' became
    # 'Is xz in C?' without a word (a review)
    source.write_text("Is x<y and y>z in C?{}\n\nIs a <b and c> d, &amp; e?{}\n", "utf-8")
    result = cli("import", source, "-o", tmp_path / "lt.yaml")
    assert result.exit_code == 0, result.output
    first, second = load_bank(tmp_path / "lt.yaml").questions
    assert first.question == "Is x<y and y>z in C?"
    assert second.question == "Is a <b and c> d, &amp; e?"


def test_a_line_break_right_after_pre_is_no_line_of_the_code(cli, tmp_path):
    """Moodle's GIFT example writes `<pre>` and its code on the next line; HTML drops that
    first line break, but the code block began with a blank line."""
    source = tmp_path / "pre.gift"
    source.write_text(
        "::Q::[html]<p>What does it print?</p>\n<pre>\n    test() \\{\n    \\}\n</pre>{}\n",
        encoding="utf-8",
    )
    result = cli("import", source, "-o", tmp_path / "pre.yaml")
    assert result.exit_code == 0, result.output
    (question,) = load_bank(tmp_path / "pre.yaml").questions
    assert question.question == "What does it print?\n\n```\n    test() {\n    }\n```"


def test_gift_html_text_keeps_its_bold_and_lists_in_a_markdown_bank(cli, tmp_path):
    """A trial: GIFT's [html] text, which Moodle's own GIFT export writes, lost its bold,
    italics and lists (a plain bank), where the same HTML from Moodle XML makes a Markdown
    bank that keeps them. HTML with a code span alone still makes a plain bank."""
    source = tmp_path / "h.gift"
    source.write_text(
        "::T::[html]<p>Look at <b>bold</b> and <ul><li>one</li><li>two</li></ul></p>"
        "{####<p>fb <i>it</i></p>}\n\n::C::[html]<p>Run <code>ls</code>.</p>{####Lists.}\n",
        encoding="utf-8",
    )
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "h.yaml")
    rich, code = bank.questions
    assert bank.markup == "markdown"
    assert (rich.question, rich.hint) == ("Look at **bold** and\n\n- one\n- two", "fb *it*")
    assert code.question == "Run `ls`."
    plain = tmp_path / "plain.gift"
    plain.write_text(source.read_text(encoding="utf-8").split("\n\n")[1], encoding="utf-8")
    result = cli("import", plain)
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "plain.yaml")
    assert bank.markup == "plain" and bank.questions[0].question == "Run `ls`."


def test_what_html_shows_otherwise_is_named_five_times_then_counted(cli, tmp_path):
    """A question of many struck-through words names five and counts the rest, each cut
    short, so that one warning stays a line a reader can take in."""
    struck = "".join(f"<s>word {n} {'x' * 60}</s> " for n in range(8))
    source = _moodle_file(tmp_path / "m.xml", _essay_element("T", f"<p>{struck}</p>", "Hint."))
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    (line,) = [said for said in result.output.splitlines() if "its HTML showed" in said]
    assert line.count("the struck-through text 'word ") == 5 and line.endswith("; and 3 more")
    assert len(line[line.index("its HTML showed") :]) < 550


def test_raised_text_nested_deep_or_in_code_is_read_at_once_and_as_typed():
    """A hostile test: 100,000 <sup> inside each other (600 KB) took minutes, each close
    copying the text inside it; and a code span's x<sup>2</sup> came out of the code."""
    import threading

    from qbank.bank.html_markdown import html_blocks, markdown_text
    from qbank.bank.html_text import html_text

    crafted = "<sup>" * 100_000 + "n" + "</sup>" * 100_000
    done: list[object] = []
    worker = threading.Thread(
        target=lambda: done.append((html_text(crafted), html_blocks(crafted, lambda _: None))),
        daemon=True,
    )
    worker.start()
    worker.join(20)  # it takes half a second
    assert done, "reading nested <sup> did not return within 20 s"
    code = "<p><b>Run</b> <code>x<sup>2</sup></code></p>"
    assert markdown_text(html_blocks(code, lambda _: None)[0]) == "**Run** `x2`"


def test_a_category_path_longer_than_a_sections_name_leaves_out_its_first_names(cli, tmp_path):
    """A hostile trial: a deep Moodle category path, joined by ' / ', passed the 100
    characters of a section's name and refused the whole import, said at line 1. Its first
    names are left out while it is too long, said at its first question's line."""
    names = [f"Level {n} " + "x" * 25 for n in range(1, 6)]
    source = tmp_path / "deep.gift"
    source.write_text(
        "::Q1::First?{####Yes.}\n\n$CATEGORY: $course$/top/" + "/".join(names) + "\n\n"
        "::Q2::Second?{####Yes.}\n",
        encoding="utf-8",
    )
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "deep.yaml")
    section = bank.questions[1].section
    assert section == "\u2026 / " + " / ".join(names[3:]) and len(section) <= 100
    assert f"{source}:5: the category '{names[1]}" in result.output  # under the title
    assert f"its section is '{section}'" in result.output


def test_a_text_longer_than_a_bank_takes_is_imported_whole_and_said(cli, tmp_path):
    """A trial: a real Moodle export's scenario question of 1,771 characters refused the
    whole import, and nothing was written; the user could only cut it in Moodle."""
    scenario = "Scenario: the SOC sees unusual outbound traffic. " * 36
    hint = "Isolate the host, keep the logs. " * 310
    item = "Names the egress filter and the proxy logs. " * 23
    source = _moodle_file(
        tmp_path / "m.xml",
        _essay_element("What is phishing", "<p>What is phishing?</p>", "<p>Lures.</p>"),
        _essay_element("Long", f"<p>{scenario}</p>", "<p>Contain it.</p>"),
        _essay_element(
            "Graded",
            "<p>Triage the alert.</p>",
            f"<h4>Hint</h4><p>{hint}</p><h4>Look for</h4><ul><li>Short.</li><li>{item}</li></ul>",
        ),
    )
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    said = "a bank takes; it is imported whole, and `qbank check` refuses it until you shorten"
    assert (
        f"{source}:4: question 'scenario-soc-sees-unusual-outbound-traffic': its question "
        f"text is {len(scenario.strip()):,} characters long, more than the 1,000 {said} it in "
        "the bank (a scenario may move into the hint or the note)\n"
    ) in result.output
    assert (
        f"{source}:5: question 'triage-alert': its hint is {len(hint.strip()):,} characters "
        f"long, more than the 10,000 {said} it in the bank (some of it may move into the note)"
    ) in result.output
    assert (
        f"{source}:5: question 'triage-alert': its look-for item 2 is {len(item.strip()):,} "
        f"characters long, more than the 1,000 {said} it in the bank, or split it"
    ) in result.output
    assert "'what-phishing'" not in result.output
    written = tmp_path / "m.yaml"
    raw = yaml.safe_load(written.read_text(encoding="utf-8"))["questions"]
    assert [q["question"] for q in raw] == [
        "What is phishing?",
        scenario.strip(),
        "Triage the alert.",
    ]
    assert (raw[2]["hint"], raw[2]["look_for"]) == (hint.strip(), ["Short.", item.strip()])
    checked = cli("check", "--bank", written)
    assert checked.exit_code == 1 and "Traceback" not in checked.output
    lines = written.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines, 1) if 'question: "Scenario:' in line)
    assert (
        f"{written}:{at}: question 'scenario-soc-sees-unusual-outbound-traffic': 'question' is "
        f"{len(scenario.strip()):,} characters long, more than the 1,000"
    ) in checked.output
    gift = tmp_path / "g.gift"  # GIFT's import is the same
    gift.write_text(f"::Q1::{scenario}{{####Contain it.}}\n", encoding="utf-8")
    result = cli("import", gift)
    assert result.exit_code == 0, result.output
    assert (
        f"{gift}:1: question 'scenario-soc-sees-unusual-outbound-traffic': its question text is "
        in (result.output)
    )
    (question,) = yaml.safe_load((tmp_path / "g.yaml").read_text(encoding="utf-8"))["questions"]
    assert question["question"] == scenario.strip()


def test_unclosed_tags_are_read_at_once_and_as_before():
    """Python's HTML parser scanned to the end for each '<' left open: 20,000 unclosed
    `<img a` in a question's HTML took a minute to import (a review). Such a '<' is text,
    as the parser read it, now at once."""
    import time

    from qbank.bank.html_markdown import html_blocks
    from qbank.bank.html_text import text_from_html

    for markup in ("x <img a", "a<b>bold</b> c <d", "<p>x</p><img a<img b", "x < y"):
        assert (
            text_from_html(markup)
            == {
                "x <img a": "x <img a",
                "a<b>bold</b> c <d": "abold c <d",
                "<p>x</p><img a<img b": "x\n\n<img a<img b",
                "x < y": "x < y",
            }[markup]
        )
    started = time.process_time()
    text_from_html("<img a" * 20_000)
    html_blocks("<img a" * 20_000, lambda src: None)
    assert time.process_time() - started < 5  # seconds: a minute before
    # Moodle's multi-language blocks and formulas left open, each read to the end once
    # (a review: minutes)
    started = time.process_time()
    opened = '<span lang="en" class="multilang">' * 20_000 + "</span>{mlang en}" * 20_000
    text_from_html(opened + "\\(" * 20_000 + "{mlang}")
    assert time.process_time() - started < 5
    # spans styled to keep blanks left open, then end tags of another element: each end
    # tag searched them all (quadratic: 20,000 took 19 s)
    started = time.process_time()
    styled = '<span style="white-space:pre">' * 20_000 + "a  b" + "</b>" * 20_000
    text_from_html(styled)
    html_blocks(styled, lambda src: None)
    assert time.process_time() - started < 5


# a text as Moodle's editors and tools write one: runs of blanks and tabs in a sentence,
# across a tag too; `&nbsp;` beside a blank (TinyMCE's typed double space), and an
# ideographic space, which HTML keeps as characters; a <pre>, a code span and a span styled
# to keep its blanks (as qbank's own LMS files write one), whose blanks show as typed
_BLANKS_HTML = (
    "<p>What  is \t a <b>SIEM</b> , and\n   what   <i> is</i>  not?   <br>  Say\u3000so.</p>"
    "<p>Two&nbsp; blanks,&nbsp;&nbsp;three &nbsp; here; <code>ls  -l</code>  and "
    '<span style="white-space:pre-wrap">kept  as\ttyped</span>  then.</p>'
    "<pre>col1    col2</pre>"
)
_BLANKS_SHOWN = [
    "What is a SIEM , and what is not?",
    "Say\u3000so.",
    "Two\u00a0 blanks,\u00a0\u00a0three \u00a0 here; ls  -l and kept  as\ttyped then.",
    "col1    col2",
]


@pytest.mark.parametrize("markup", ["plain", "markdown"])
def test_runs_of_blanks_come_in_as_moodle_shows_them(cli, tmp_path, markup):
    """A review: a run of blanks or a tab in a sentence of an LMS's HTML ('What  is   a
    <b>SIEM</b>?') came in as typed, which every artifact showed so (and the LMS files
    kept, in a span that keeps blanks), while Moodle's page showed one space. A run of
    ASCII spaces and tabs is one space, across tags too, and none starts or ends a line;
    a no-break space (`&nbsp;`) and an ideographic one are characters, kept; a <pre>, a code
    span and text styled `white-space:pre-wrap` keep theirs. So in the question's text, the
    general feedback (the hint) and a choice's text and feedback (the note)."""
    text = _BLANKS_HTML
    if markup == "plain":  # no tag a plain bank would lose
        text = re.sub(r"<(/?)[bi]>", r"<\1span>", text).replace("pre>", "code>")
    source = _moodle_file(
        tmp_path / "m.xml",
        _essay_element("Blanks", text, feedback="<p>Look   for\tit .</p>"),
        '<question type="multichoice"><name><text>Pick</text></name><questiontext '
        'format="html"><text><![CDATA[<p>Pick  one.</p>]]></text></questiontext><answer '
        'fraction="100" format="html"><text><![CDATA[<p>Log   everything</p>]]></text>'
        '<feedback format="html"><text><![CDATA[Yes ,\tall  of it.]]></text></feedback>'
        "</answer></question>",
    )
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "m.yaml")
    assert bank.markup == markup
    blanks, pick = bank.questions
    shown = blanks.question.replace("**", "").replace("*", "").replace("`", "")
    shown = shown.replace("\\\n", "\n").replace("```\n", "").replace("\n```", "")
    lines = [line for line in shown.splitlines() if line]
    assert lines == _BLANKS_SHOWN, blanks.question
    assert blanks.hint == "Look for it ."
    assert pick.question == "Pick one."
    assert "Log everything (100%), feedback: Yes , all of it." in pick.note, pick.note


def test_a_picture_inside_a_sentence_is_said_to_follow_its_paragraph(tmp_path):
    """A review: Moodle shows `<p>Look at <img> and say ...</p>` with the picture in the
    sentence; a bank's picture is a block of its own (a Markdown bank's `![alt](a.png)` in
    a sentence follows its paragraph in every artifact too), so it comes in after the
    paragraph, unsaid, and 'Look at and say' pointed at nothing. Import says so at the
    question, with the words, for the teacher to reword them; a picture alone in its
    paragraph, or after a line break that ends its words, stays where it stood, unsaid."""
    data = base64.b64encode((FIXTURES / "markdown" / "images" / "flow.png").read_bytes())
    source = tmp_path / "m.xml"
    inside = (
        _with_file("a.png", "/", data.decode())
        .replace("<p>Look: <img", "<p>Look at <img")
        .replace('alt="a picture"></p>', 'alt="a picture"> and say what it shows.</p>')
    )
    source.write_text(inside, "utf-8")
    result = run_cli("import", source)
    assert result.exit_code == 0, result.output
    (question,) = load_bank(tmp_path / "m.yaml").questions
    assert question.question == "Look at and say what it shows.\n\n![a picture](a.png)"
    said = re.search(rf"^{re.escape(str(source))}:3: question '[^']+': (.*)$", result.stderr, re.M)
    assert said is not None, result.stderr
    assert (
        "the picture 'a.png' stood among the words 'Look at and say what it shows.', and a "
        "bank's picture is a block of its own: it follows that paragraph now" in said[1]
    ), said[1]
    for n, alone in enumerate(
        (
            '<p><img src="@@PLUGINFILE@@/a.png" alt="a picture"></p><p>Say.</p>',
            '<p>Below:<br><img src="@@PLUGINFILE@@/a.png" alt="a picture"></p>',
        )
    ):
        (tmp_path / str(n)).mkdir()
        source = tmp_path / str(n) / "m.xml"
        source.write_text(re.sub(r"<p>Look at .*?</p>", alone, inside), "utf-8")
        result = run_cli("import", source)
        assert result.exit_code == 0, result.output
        assert "stood among the words" not in result.output


def test_an_exact_gift_number_is_its_number_alone(cli, tmp_path):
    """'{#47:0}' read 'Answer: 47 ± 0' in the hint and the note, where a Moodle XML file's
    exact number (a numerical question's, a cloze gap's) reads '47' (a review)."""
    source = tmp_path / "n.gift"
    source.write_text("101111 in denary? {#47:0}\n\nPi? {#3.14:0.01}\n", encoding="utf-8")
    result = cli("import", source, "-o", tmp_path / "n.yaml")
    assert result.exit_code == 0, result.output
    read = [(q.hint, q.note) for q in load_bank(tmp_path / "n.yaml").questions]
    assert read == [
        ("Answer: 47", "Answers:\n47 (100%)"),
        ("Answer: 3.14 ± 0.01", "Answers:\n3.14 ± 0.01 (100%)"),
    ]


def test_a_gift_description_that_opens_its_category_is_its_sections_description(cli, tmp_path):
    """A GIFT block of text with no answer part is a description item to Moodle's import
    (qformat_gift: no '{' and no '}'); it became a question with the stand-in hint. By the
    Moodle XML reader's rule (imported.Descriptions), the one that opens its category, or a
    file without categories, before its questions, is its section's description, said with
    what a section cannot keep; one after questions, or followed by no question, stays a
    question, said with why. A '}' with no '{' is refused by Moodle's import: said, left out."""
    source = tmp_path / "described.gift"
    source.write_text(
        "::Intro:: Read the case first.\n\n"
        "Why? {####Because.}\n\n"
        "$CATEGORY: $course$/top/Data\n\n"
        "// [id:data-intro] [tag:week1]\n::About <b>data</b>:: [html]<p>Data representation: "
        "read me before the next questions.</p>\n\n"
        "What is a bit? {####A binary digit.}\n\n"
        "Now the bytes.\n\n"
        "What is a byte? {####Eight bits.}\n\n"
        "$CATEGORY: $course$/top/Empty\n\n"
        "Nothing follows.\n\n"
        "A stray } here.\n",
        encoding="utf-8",
    )
    result = cli("import", source, "-o", tmp_path / "described.yaml")
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "described.yaml")
    assert [(s.name, s.description) for s in bank.sections] == [
        ("General", "Read the case first."),
        ("Data", "Data representation: read me before the next questions."),
        ("Empty", ""),
    ]
    assert [q.question for q in bank.questions] == [
        "Why?",
        "What is a bit?",
        "Now the bytes.",
        "What is a byte?",
        "Nothing follows.",
    ]
    said = " ".join(result.stderr.split())
    item = "a description (text Moodle shows between questions, with nothing to answer)"
    assert (
        f"{source}:1: {item} opens section 'General' (the questions before any category), and "
        "is its description: it opens the section in the booklet and on the study page, and "
        "the bank's GIFT file gives it as a comment before its $CATEGORY line (which Moodle "
        "passes over), its Moodle XML as the category's description; its title 'Intro' is not "
        "kept, as a section has none"
    ) in said
    assert (
        f"{source}:8: {item} opens category 'Data', and is its description: it opens the section"
    ) in said
    assert (
        "its title 'About data', its id 'data-intro' and its tags ('week1') are not kept, as a "
        "section has none"
    ) in said
    kept = f"{source}:12: question 'now-bytes': {item} becomes a question, as it comes after "
    assert kept in said
    assert (
        f"{source}:18: question 'nothing-follows': {item} becomes a question, as no question of "
        "its category 'Empty' follows it"
    ) in said
    assert "the hint is a placeholder" not in said
    assert (
        f"{source}:20: the question 'A stray }} here.' is not imported: its answer part, "
        "closed by '}', is not opened by '{'"
    ) in said


def test_a_gift_description_in_a_section_qbanks_file_describes_is_a_question(cli, tmp_path):
    """A GIFT file qbank wrote describes its sections in comments, read once the file is
    read: a description item added after a described section's $CATEGORY line, by the rule
    alone that section's description, would give way to the comment and be lost. It stays
    a question, said with why, as in a Moodle XML category with a description."""
    bank = tmp_path / "described.yaml"
    bank.write_text(
        "title: T\nsections:\n  - name: S\n    description: Networks.\n"
        "questions:\n  - {id: q, section: S, question: Q?, hint: H.}\n",
        encoding="utf-8",
    )
    exported = _gift_of(cli, bank, tmp_path / "o")
    text = exported.read_text(encoding="utf-8")
    category = "$CATEGORY: $course$/top/T/S\n\n"
    assert category in text
    exported.write_text(text.replace(category, category + "Read me first.\n\n"), encoding="utf-8")
    result = cli("import", exported, "-o", tmp_path / "back.yaml")
    assert result.exit_code == 0, result.output
    back = load_bank(tmp_path / "back.yaml")
    assert [(s.name, s.description) for s in back.sections] == [("S", "Networks.")]
    assert [q.question for q in back.questions] == ["Read me first.", "Q?"]
    assert "becomes a question, as its category already has a description" in result.stderr


# -- tables ---------------------------------------------------------------------------------

TABLES = FIXTURES / "markdown" / "tables.yaml"


def _asked(bank: Bank) -> list[tuple]:
    """Each question's text and hint as their trees."""
    return [bank.rich_text(t).blocks for q in bank.questions for t in (q.question, q.hint)]


@pytest.mark.parametrize("fmt", ["moodle", "gift", "qti"])
def test_a_banks_tables_go_to_the_lms_as_tables_and_come_back_as_written(cli, tmp_path, fmt):
    """A Markdown table goes to each LMS as an HTML table its cleaner keeps (its header row
    <th scope="col"> in a <thead>, each column's alignment and the rules as inline styles, in a
    box that scrolls sideways), as Moodle's importer, gift-pegjs and the QTI DTD read it: GIFT's
    text as [html], since Moodle's Markdown keeps GitHub's `\\|` in code as typed. Imported
    again, each table comes back a Markdown table, the same tree as the bank's, every
    character kept (a code cell's pipe, `<script>`, Hebrew, emoji, an empty cell)."""
    bank = load_bank(TABLES)
    written = _written(cli, TABLES, fmt, tmp_path / fmt)
    if fmt == "moodle":
        questions, _ = moodle_import(written)
        shown = [q["questiontext"] + q["generalfeedback"] + q["graderinfo"] for q in questions]
        assert all(q["format"] == "html" for q in questions)
    elif fmt == "gift":
        (parsed,) = gift_parse(written)
        stems = [q["stem"] for q in parsed["questions"] if q["type"] == "Essay"]
        assert stems[0]["format"] == "html" and "<table" in stems[0]["text"]
        shown = [stems[0]["text"]]
    else:
        _, data = _assessment(_zip(written))
        assert etree.DTD(str(qti_dtd())).validate(_strip_namespaces(data))
        shown = [html.unescape(data.decode("utf-8"))]
    page = lxml.html.fromstring(f"<div>{''.join(shown)}</div>")
    tables = page.findall(".//table")
    assert tables and all(t.find("thead/tr/th").get("scope") == "col" for t in tables)
    assert all("overflow-x: auto" in t.getparent().get("style") for t in tables)
    if fmt == "moodle":
        cells = [[c.text_content() for c in row] for row in tables[1].findall(".//tr")]
        assert cells[0] == ["Log", "Records", "Kept for"]
        aligned = [c.get("style").rsplit("text-align: ", 1)[1] for c in tables[1].find(".//tr")]
        assert aligned == ["left", "center", "right"]
        mark = next(t for t in tables if t.find(".//th").text_content() == "Mark")
        marks = [[c.text_content() for c in row] for row in mark.findall(".//tr")]
        assert marks[1][2] == "a | b is a pipe inside code"
        assert marks[2][1] == "failed — see <script>alert(1)</script>"
    suffix = {"moodle": "xml", "gift": "gift", "qti": "zip"}[fmt]
    back = _imported(written, tmp_path / f"back.{suffix}")
    assert _asked(back) == _asked(bank)
    assert sum(isinstance(b, Table) for blocks in _asked(back) for b in walk(blocks)) == 7


@pytest.mark.parametrize(
    ("markup", "written", "said"),
    [
        # as Canvas's and Moodle's editors write a table: <tbody> only, its first row <th>,
        # a cell's text in a <p>, alignment as a style or the old attribute
        (
            '<table><tbody><tr><th style="text-align: center;">Port</th><th>Service</th></tr>'
            '<tr><td style="text-align: center;"><p>80</p></td><td align="right">'
            "<code>a|b</code> <strong>web</strong></td></tr><tr><td>443</td></tr>"
            "</tbody></table>",
            "| Port | Service |\n| :-: | --: |\n| 80 | `a\\|b` **web** |\n| 443 |  |",
            None,
        ),
        (
            "<table><tr><td>a</td><td>b</td></tr></table>",
            "|  |  |\n| --- | --- |\n| a | b |",
            "a table without a header row (no <th> cells in its first row) has an empty one",
        ),
        (
            '<table><tr><th>A</th><th>B</th></tr><tr><td colspan="2">both</td></tr></table>',
            "A | B\n\nboth",
            "as a Markdown table cannot hold merged cells",
        ),
        (
            "<table><tr><th>A</th><th>B</th></tr><tr><td><ul><li>x</li></ul></td><td>y</td>"
            "</tr></table>",
            None,
            "as a Markdown table cannot hold a list, a quote, code, a picture or a table",
        ),
        (
            "<table><tr><th>A</th><th>B</th></tr><tr><td><table><tr><th>C</th></tr><tr><td>c"
            "</td></tr></table></td><td>y</td></tr></table>",
            None,
            "as a Markdown table cannot hold a list, a quote, code, a picture or a table",
        ),
        (
            "<table><tr><th>A</th><th>B</th></tr><tr><td>x<br>z</td><td>y</td></tr></table>",
            "A | B\n\nx\\\nz | y",
            "as a Markdown table cannot hold a line break or two paragraphs in a cell",
        ),
    ],
)
def test_an_lms_table_comes_in_as_a_markdown_table_where_one_holds_it(markup, written, said):
    """An LMS's table of words comes in as a Markdown table (its header the first row of
    <th>, or an empty one, said; each column's alignment as its cells have it), which the
    bank reads back as the same tree; one a Markdown table cannot hold (merged cells, a list
    or a line break in a cell) comes in a row a line, as before, saying why."""
    blocks, _, changes = html_blocks(markup, lambda src: None)
    text = markdown_text(blocks)
    if written is not None:
        assert text == written
    tables = [b for b in blocks if isinstance(b, Table)]
    assert bool(tables) == (said is None or "empty one" in said)
    if said is None:
        assert changes == []
    else:
        assert any(said in change for change in changes), changes
    tree = MarkdownReader(None).parse(text, lambda line, message, column=0: None)
    assert tree.blocks == blocks
