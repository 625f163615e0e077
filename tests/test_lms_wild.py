"""LMS files that real Moodle, Canvas and Blackboard courses wrote (tests/fixtures/lms-wild/,
each one's source in its README), brought in with `qbank import` and sent back out with
`qbank lms`: what comes in, what is said of what does not, and what goes back."""

from __future__ import annotations

import base64
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES
from lxml import etree

from qbank.bank import load_bank

WILD = FIXTURES / "lms-wild"
BLACKBOARD = (
    "a Blackboard test or pool export, which import does not read: it reads Moodle XML and "
    "GIFT. Where the pool came from a bank, keep the bank as the source and give Blackboard "
    "its file with qbank lms --format blackboard"
)


def _import(cli, tmp_path: Path, name: str) -> str:
    """Import the fixture `name` in a folder of its own as bank.yaml: what import said."""
    source = tmp_path / name
    shutil.copy(WILD / name, source)
    result = cli("import", source, "-o", tmp_path / "bank.yaml")
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    return result.stderr


def _imported(cli, tmp_path: Path, name: str):
    """The fixture `name` imported: the bank, what import said."""
    said = _import(cli, tmp_path, name)
    return load_bank(tmp_path / "bank.yaml"), said


@pytest.mark.parametrize(
    "name",
    [
        "moodle-multianswer.xml",
        "moodle-old-image-tag.xml",
        "moodle-nested-categories.xml",
        "moodle-html-chars-in-idnumbers.xml",
        "qas-all-trimmed.xml",
        "qas-ddmarker.xml",
        "moodle-multilang.xml",
        "gift-questions.gift.txt",
        "gift-questions-in-category.gift.txt",
    ],
)
def test_every_moodle_file_comes_in_and_each_thing_left_behind_is_named_at_its_line(
    cli, tmp_path, name
):
    said = _import(cli, tmp_path, name)  # (one holds a text longer than `check` takes)
    assert yaml.safe_load((tmp_path / "bank.yaml").read_text(encoding="utf-8"))["questions"]
    for line in said.splitlines():  # FILE:LINE: message, never a bare exception's words
        assert re.match(rf"{re.escape(str(tmp_path / name))}:\d+: \S", line), line


def test_moodles_pictures_come_beside_the_bank_as_the_file_holds_them(cli, tmp_path):
    """Moodle's own export: `@@PLUGINFILE@@` pictures as base64 `<file>`s, in the text and
    in the general feedback (the hint); each comes beside the bank with its bytes."""
    bank, _ = _imported(cli, tmp_path, "moodle-multianswer.xml")
    (question,) = bank.questions
    files = {
        file.get("name"): base64.b64decode(file.text)
        for file in etree.parse(str(WILD / "moodle-multianswer.xml")).iter("file")
    }
    assert set(files) == {"arizona_2.png", "california-state-flag.png", "moodle.png"}
    for name, data in files.items():
        assert (tmp_path / name).read_bytes() == data
    assert "![California flag](california-state-flag.png)" in question.question
    assert "![Moodle logo](moodle.png)" in question.hint
    assert "(5) Paris (correct; Congratulations!)" in question.note


def test_a_picture_moved_out_of_its_line_leaves_one_space(cli, tmp_path):
    """Moodle showed 'California [flag] or Arizona [flag]'; with the flags after the
    paragraph, the blanks on either side of one were both kept, 'California  or Arizona',
    which every artifact then showed as typed (Moodle XML in a `white-space:pre-wrap`); the
    blank before the line break after them shows none either. A bank's picture is a block
    of its own, so the flags follow the paragraph: import says so at the question."""
    bank, said = _imported(cli, tmp_path, "moodle-multianswer.xml")
    (question,) = bank.questions
    assert "California or Arizona\\\n" in question.question, question.question
    assert "the 2 pictures stood among the words 'California or Arizona * San" in said, said
    assert (
        "a bank's picture is a block of its own: they follow that paragraph now; reword a "
        "sentence that points at them ('look at the pictures below')" in said
    ), said
    result = cli("lms", "--format", "moodle", "--bank", tmp_path / "bank.yaml", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    written = (tmp_path / "bank-moodle.xml").read_text(encoding="utf-8")
    assert "pre-wrap" not in written and "California or Arizona" in written


def test_moodle_and_gift_go_back_out_with_their_texts(cli, tmp_path):
    """Exported again in its own format, each question's text is there as it came in: an
    entity (`&quot;`) as its character, Moodle 1.9's picture as a `<file>`."""
    _imported(cli, tmp_path, "moodle-old-image-tag.xml")
    result = cli("lms", "--format", "moodle", "--bank", tmp_path / "bank.yaml", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    written = etree.parse(str(tmp_path / "bank-moodle.xml"))
    texts = [t.text for t in written.iterfind("question[@type='essay']/questiontext/text")]
    assert 'the old "image" field that was used in Moodle 1.9' in texts[1]
    assert [f.get("name") for f in written.iterfind("question/questiontext/file")] == [
        "moodle.png",
        "moodle.png",
    ]
    gift = tmp_path / "gift"
    gift.mkdir()
    _imported(cli, gift, "gift-questions-in-category.gift.txt")
    result = cli("lms", "--format", "gift", "--bank", gift / "bank.yaml", "--out", gift)
    assert result.exit_code == 0, result.output
    written_gift = (gift / "bank-gift.txt").read_text(encoding="utf-8")
    assert "$CATEGORY: $course$/top/Bank/Default for New Features" in written_gift
    assert "Modular Object-Oriented Dynamic Learning Environment" in written_gift


def test_a_blackboard_export_is_told_as_blackboards_not_canvass(cli, tmp_path):
    """A trial: Blackboard's test or pool export (its QTI `.dat`, as `.xml` or as it is, the
    zip around it, or its manifest unzipped) was told as "a QTI quiz, as Canvas exports
    one", with Canvas's advice, as "not Moodle XML: no <quiz>", or as a file of no kind
    import reads."""
    pool = tmp_path / "pool.xml"
    shutil.copy(WILD / "blackboard-pool-multiple-answer.xml", pool)
    manifest = tmp_path / "imsmanifest.xml"  # as Blackboard writes it
    manifest.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest identifier="man00001" '
        'xmlns:bb="http://www.blackboard.com/content-packaging/"><organizations/><resources>'
        '<resource bb:file="res00001.dat" bb:title="Chapter 07" identifier="res00001" '
        'type="assessment/x-bb-qti-pool" xml:base="res00001"/></resources></manifest>\n',
        encoding="utf-8",
    )
    package = tmp_path / "pool.zip"
    with zipfile.ZipFile(package, "w") as written:
        written.write(manifest, "imsmanifest.xml")
        written.write(pool, "res00001.dat")
        written.writestr(".bb-package-info", "#Bb PackageInfo Property File\n")
    data = tmp_path / "res00001.dat"  # as the zip holds it, taken out
    shutil.copy(pool, data)
    sources = ((pool, f"{pool}:2: "), (manifest, f"{manifest}:2: "), (package, f"{package}: "))
    for source, at in (*sources, (data, f"{data}: ")):
        result = cli("import", source, "-o", tmp_path / "back.yaml")
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert result.stderr.startswith(at), result.stderr
        assert BLACKBOARD in result.stderr and "Canvas" not in result.stderr, result.stderr
    assert not (tmp_path / "back.yaml").exists()


def test_one_canvas_question_saved_alone_comes_in(cli, tmp_path):
    """A Canvas QTI `<item>` kept alone (as a converter's tests keep one) was "not Moodle
    XML: no <quiz>", then refused as a Canvas quiz; it is one question, read as a quiz's."""
    source = tmp_path / "essay.qti.xml"
    shutil.copy(WILD / "canvas-essay-item.qti.xml", source)
    # as Canvas's zip names each quiz's QTI (non_cc_assessments/<id>.xml.qti), taken out
    named = tmp_path / "g1.xml.qti"
    shutil.copy(source, named)
    for given in (source, named):
        result = cli("import", given, "-o", tmp_path / f"{given.stem}.yaml")
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
        bank = load_bank(tmp_path / f"{given.stem}.yaml")
        assert [(q.question, q.hint) for q in bank.questions] == [
            ("What do you think?", "You thought!")
        ]


@pytest.mark.parametrize("rich", [False, True])
def test_a_real_courses_exam_html_comes_in_as_moodle_shows_it(cli, tmp_path, rich):
    """A Dutch university's exam bank as Moodle exported it (SomersICTS/Moodle2QTI's
    src/main/resources/DB-20201014-b.xml; it carries no licence, so its shape is written
    here, not its words): a paragraph wrapped and indented in the HTML's source came in as
    'van een         database', and a question's jQuery <script> as its text. A page shows
    the one as one space and the other (and a <style>, as Word's pastes bring) not at all;
    the script is named, what it did being lost."""
    bold = "<b>Gegeven</b>" if rich else "Gegeven"
    source = tmp_path / "exam.xml"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n  <question type="essay">\n'
        "    <name><text>Verklaring</text></name>\n"
        '    <questiontext format="html"><text><![CDATA[<style>p.MsoNormal {margin: 0}</style>'
        f'<p class="MsoNormal"><span lang="NL">{bold} is het diagram van een\n'
        "database die gegevens bijhoudt.</span></p>\n\n<script>\n    window.onload = "
        "function() {\n        require(['jquery'], function($) { $('input').attr('size', 20); "
        "});\n    };\n</script>]]></text></questiontext>\n  </question>\n</quiz>\n",
        encoding="utf-8",
    )
    result = cli("import", source, "-o", tmp_path / "bank.yaml")
    assert result.exit_code == 0, result.output
    (question,) = load_bank(tmp_path / "bank.yaml").questions
    shown = "**Gegeven**" if rich else "Gegeven"
    assert question.question == f"{shown} is het diagram van een database die gegevens bijhoudt."
    assert f"{source}:3: question " in result.stderr
    assert "a script (code the LMS's page runs, which no artifact runs) is not imported" in (
        result.stderr
    )


@pytest.mark.parametrize("rich", [False, True])
def test_a_table_indented_in_its_source_keeps_one_blank_each_side_of_its_bars(cli, tmp_path, rich):
    """The same exam bank's tables, each cell on its own indented lines of source (as an
    editor's HTML view writes them), came in as 'pnr   |  pnaam': the blanks between the
    cells' tags stood beside the bars."""
    indent = "\n" + " " * 16

    def cell(text: str, bold: bool) -> str:
        shown = f"<b>{text}</b>" if bold else text
        return f'{indent}    <td width="50">{indent}        <p>{shown}</p>{indent}    </td>'

    rows = "".join(
        f"{indent}<tr>"
        + "".join(cell(text, rich and row[0] == "pnr") for text in row)
        + f"{indent}</tr>"
        for row in (("pnr", "pnaam"), ("435", "Jansen"))
    )
    source = tmp_path / "tables.xml"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n  <question type="essay">\n'
        "    <name><text>Tabel</text></name>\n"
        '    <questiontext format="html"><text><![CDATA[<p>Gegeven is de tabel:</p>\n'
        f'<table border="1">{indent}<tbody>{rows}{indent}</tbody>\n</table>]]></text>'
        "</questiontext>\n  </question>\n</quiz>\n",
        encoding="utf-8",
    )
    result = cli("import", source, "-o", tmp_path / "bank.yaml")
    assert result.exit_code == 0, result.output
    (question,) = load_bank(tmp_path / "bank.yaml").questions
    head = "**pnr** | **pnaam**" if rich else "pnr | pnaam"
    assert head in question.question and "435 | Jansen" in question.question, question.question


def test_a_drag_and_drop_onto_a_picture_keeps_its_picture_and_its_zones(cli, tmp_path):
    """A drag-and-drop-markers question came in as 'This is a simple test' alone: the
    picture its markers are dropped on (a `<file>` of the question, not of its text) and
    where each marker goes were left out unsaid, and its two Moodle hints were said twice."""
    bank, said = _imported(cli, tmp_path, "qas-ddmarker.xml")
    (question,) = bank.questions
    (file,) = etree.parse(str(WILD / "qas-ddmarker.xml")).iterfind("question/file")
    assert (tmp_path / "portrait (1).png").read_bytes() == base64.b64decode(file.text)
    assert question.id == "this-simple-test", question.id
    assert question.question == "This is a simple test\n\n![picture](<portrait (1).png>)"
    assert "(2) Marker2: polygon 10,10;40,10;10,40" in question.note
    assert "its items and where each is dropped on its picture are kept" in said
    assert said.count("Moodle hint") == 1 and "its 2 Moodle hints are kept" in said, said


def test_a_drag_and_drop_onto_an_image_names_its_items_pictures(cli, tmp_path):
    """Moodle's ddimageortext, as its export writes one (its items placed by left and top,
    an item may be a picture, a `<file>` of its `<drag>`): the picture to drop on comes
    along, each zone is in the note, and the items' pictures, which do not, are named."""
    picture = next(etree.parse(str(WILD / "qas-ddmarker.xml")).iterfind("question/file")).text
    source = tmp_path / "where.xml"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n  <question type="ddimageortext">\n'
        "    <name><text>Where</text></name>\n"
        '    <questiontext format="html"><text><![CDATA[<p>Put the logo on the map.</p>]]>'
        "</text></questiontext>\n"
        f'    <file name="map.png" path="/" encoding="base64">{picture}</file>\n'
        "    <drag><no>1</no><text>Logo</text><draggroup>1</draggroup>"
        f'<file name="logo.png" path="/" encoding="base64">{picture}</file></drag>\n'
        "    <drag><no>2</no><text>North</text><draggroup>1</draggroup></drag>\n"
        "    <drop><text></text><no>1</no><choice>1</choice><xleft>10</xleft><ytop>20</ytop>"
        "</drop>\n    <drop><text></text><no>2</no><choice>2</choice><xleft>5</xleft>"
        "<ytop>1</ytop></drop>\n  </question>\n</quiz>\n",
        encoding="utf-8",
    )
    result = cli("import", source, "-o", tmp_path / "bank.yaml")
    assert result.exit_code == 0, result.output
    (question,) = load_bank(tmp_path / "bank.yaml").questions
    assert question.question.endswith("![picture](map.png)") and (tmp_path / "map.png").exists()
    assert "(1) Logo: left 10, top 20" in question.note
    assert "the pictures of its drag items (1) are not imported" in result.stderr


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        (
            None,
            [
                ("English", "English"),
                ("English", "English"),
                (
                    "Hello! This text is common for all languages because it is outside of all "
                    "lang blocks. Bye!",
                    "Before България Middle България After",
                ),
            ],
        ),
        (
            "fr_ca",
            [
                ("Québécois", "Français"),
                ("Deutsch", "Français"),
                (
                    "Hello! This text is common for all languages because it is outside of all "
                    "lang blocks. Bye!",
                    "Before Français Middle Français After",
                ),
            ],
        ),
        (
            "es_mx",
            [
                ("Québécois", "English"),
                ("Deutsch", "Français"),
                (
                    "¡Hola! This text is common for all languages because it is outside of all "
                    "lang blocks.",
                    "Before България Middle България After",
                ),
            ],
        ),
    ],
)
def test_multi_language_texts_come_in_as_moodle_shows_a_reader_of_one(cli, tmp_path, lang, texts):
    """The inputs of Moodle's multi-language filter's tests and the multilang2 plugin's, in
    essays: each text comes in in one language for the whole file (--lang's, else the one
    most texts give first, English here), as Moodle shows it to a reader of that language:
    a child language's parent where the text does not give the child (`fr` for `fr_ca`, as
    both filters fall back; the first language came in), multilang2's `{mlang other}` where
    it gives neither (its first language came in, and the import said 'kept in other'),
    else its first. Each question says, at its line, which text it kept and which it left
    out; a block given in several languages at once (`{mLaNg eN , FR,Es }`) is the same
    text in each, and nothing is said of it (it said the fr and es texts were left out)."""
    name = "moodle-multilang.xml"
    source = tmp_path / name
    shutil.copy(WILD / name, source)
    result = cli(
        "import", source, "-o", tmp_path / "bank.yaml", *(["--lang", lang] if lang else [])
    )
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    said = result.stderr
    for line in said.splitlines():
        assert re.match(rf"{re.escape(str(source))}:\d+: \S", line), line
    bank = load_bank(tmp_path / "bank.yaml")
    assert [(q.question, q.hint) for q in bank.questions[:3]] == texts
    last = bank.questions[3]
    assert last.question.startswith("Some non-filtered content plus some content in Spanish")
    assert last.hint == "Todo el texto está en español"
    assert "fr and es text is left out" not in said and "FR" not in said
    other = re.search(rf"^{re.escape(str(source))}:29: question '[^']+': (.*)$", said, re.M)
    assert other is not None, said
    if lang == "es_mx":
        assert "kept in es_mx, the language --lang names" in other[1], other[1]
        assert "the 'other' (any other language's) and it text is left out" in other[1]
    else:
        assert (
            "kept as the text for other languages ({mlang other}), which Moodle shows a reader "
            f"of {lang or 'en'}, where it gives no {lang or 'en'} of its own; the es, es_mx and "
            "it text is left out"
        ) in other[1], other[1]
    if lang == "fr_ca":
        assert (
            f"{source}:9: question 'quebecois': its HTML showed what bank text cannot: its text "
            "in several languages for Moodle's multi-language filter is kept in fr_ca, the "
            "language --lang names; the fr and en text is left out; its text in several "
            "languages for Moodle's multi-language filter is kept in fr, which Moodle shows a "
            "reader of fr_ca, where it gives no fr_ca of its own; the en text is left out"
        ) in said, said
