"""`qbank import` of a Canvas quiz export (QTI 1.2): the zip Canvas writes for a quiz, its
assessment alone, and a bank's own `qbank lms --format qti` brought back. The fixture
(tests/fixtures/canvas-quiz/, its README) is in the shape Canvas's exporter writes."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from helpers import FIXTURES
from PIL import Image
from pypdf import PdfReader

from qbank.bank import load_bank

QUIZ = FIXTURES / "canvas-quiz"
ASSESSMENT = "i0c8e7a3f5b2d41c6a9e0f1b2c3d4e5f6/i0c8e7a3f5b2d41c6a9e0f1b2c3d4e5f6.xml"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 30), (20, 40, 120)).save(out, "PNG")
    return out.getvalue()


def _export(target: Path, **replaced: str | bytes) -> Path:
    """The fixture zipped as Canvas zips a quiz's export, its entries `replaced` (a name
    with None left out)."""
    entries: dict[str, str | bytes | None] = {
        path.relative_to(QUIZ).as_posix(): path.read_bytes()
        for path in sorted(QUIZ.rglob("*"))
        if path.is_file() and path.name != "README.md"
    }
    entries["web_resources/Uploaded Media/subnet.png"] = _png()
    entries.update(replaced)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            if data is not None:
                package.writestr(name, data)
    return target


def _imported(cli, source: Path, out: Path, *options: str):
    """The bank `qbank import` makes of `source` at `out` (its folder made), and the
    command's result."""
    out.parent.mkdir(exist_ok=True)
    result = cli("import", source, *options, "-o", out)
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    return load_bank(out), result


def test_a_canvas_quiz_export_comes_in_with_its_answers_and_its_picture(cli, tmp_path):
    source = _export(tmp_path / "quiz-export.zip")
    out = tmp_path / "bank" / "networks.yaml"
    bank, result = _imported(cli, source, out)
    assert bank.title == "Networks & Protocols: week 3"
    assert bank.description == "Open book."
    # a question group is a section; the rest are in the quiz's own
    assert [s.name for s in bank.sections] == [
        "Networks & Protocols: week 3",
        "Services & numbers",
    ]
    by_id = {q.id: q for q in bank.questions}
    essay = by_id["explain-why-subnet-below-needs-router"]
    assert essay.hint == "Look for: different networks; a router forwards between them."
    assert "![Two subnets](subnet.png)" in essay.question
    assert (out.parent / "subnet.png").read_bytes() == _png()
    choice = by_id["which-mask-24"]
    assert choice.question.endswith("a. 255.255.255.0\\\nb. 255.255.0.0\\\nc. 255.0.0.0")
    assert choice.hint == "Answer: 255.255.255.0\n\n24 ones, then 8 zeros."
    assert "255.255.0.0 (0%), feedback: That is a /16." in (choice.note or "")
    assert "Feedback when wrong: Count the ones." in (choice.note or "")
    assert by_id["switch-forwards-frames-by-mac-address"].hint == "Answer: True"
    assert by_id["which-transport-layer-protocols"].hint == "Answers: TCP; UDP"
    short = by_id["which-service-turns-name-into-address"]
    assert short.section == "Services & numbers" and short.hint == "Answer: DNS"
    assert "Domain Name System (100%)" in (short.note or "")
    assert by_id["how-many-usable-hosts-29-give"].hint == "Answer: 6 ± 0.5"
    matching = by_id["match-each-device-its-layer"]
    assert "Choices: Layer 2; Layer 3; Layer 7" in matching.question
    assert matching.hint == "Answers:\\\nRouter -> Layer 3\\\nSwitch -> Layer 2"
    blanks = by_id["https-runs-over-proto-port-port"]
    assert blanks.question == "HTTPS runs over _____ (proto) on port _____ (port)."
    assert blanks.hint == "Answers:\\\n(proto) TCP\\\n(port) 443"
    assert "(proto) TCP; tcp" in (blanks.note or "")
    assert "(layer) network / transport" in by_id["ip-works-at-layer-layer"].question
    at = f"{source}/{ASSESSMENT}"
    said = result.stderr.splitlines()
    assert (
        f"{at}:663: question 'upload-your-packet-capture-notes': a file-upload question "
        "becomes an essay question: a bank's LMS files ask for a text, not a file; set it "
        "again in Canvas"
    ) in said
    assert (
        f"{at}:306: the question group 'Services & numbers' picks 1 of its 2 questions at "
        "each attempt; all 2 come in, in the section 'Services & numbers'"
    ) in said
    assert any("question 'which-mask-24': a multiple-choice question becomes" in s for s in said)
    # what a learner reads in the booklet: the choices after the text, the answer in the hint
    built = cli("booklet", "--bank", out, "--out", tmp_path / "out")
    assert built.exit_code == 0, built.output
    booklet = tmp_path / "out" / "networks-booklet.pdf"  # not the handout, -workshop.pdf
    text = " ".join(page.extract_text() for page in PdfReader(booklet).pages)
    assert "Which mask is a /24?" in text and "b. 255.255.0.0" in text
    assert "Answer: 255.255.255.0" in text


def test_the_assessment_alone_comes_in_its_picture_said_as_left_behind(cli, tmp_path):
    source = tmp_path / "quiz.xml"
    shutil.copy(QUIZ / ASSESSMENT, source)
    result = cli("import", source, "-o", tmp_path / "bank.yaml")
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "bank.yaml")
    assert len(bank.questions) == 10
    assert "[Two subnets]" in bank.questions[0].question
    assert (
        f"{source}:11: question 'explain-why-subnet-below-needs-router': 1 picture is not "
        "imported, as a quiz's file alone holds no pictures (import the quiz's .zip "
        "export to bring them): $IMS-CC-FILEBASE$/Uploaded%20Media/subnet.png; its alt "
        "text stands in brackets"
    ) in result.stderr


@pytest.mark.parametrize("markdown", [False, True])
def test_a_bank_sent_to_canvas_comes_back_as_it_was(cli, tmp_path, markdown):
    """The round trip: a bank, `qbank lms --format qti --feedback hint`, `qbank import`:
    each question's text and hint, in the bank's order (their titles' numbers), and a
    Markdown bank's pictures at their own paths."""
    if markdown:
        shutil.copytree(FIXTURES / "markdown", tmp_path / "src")
        original = tmp_path / "src" / "rich.yaml"
    else:
        (tmp_path / "src").mkdir()
        original = tmp_path / "src" / "bank.yaml"
        shutil.copy(FIXTURES / "lms-bank-fields.yaml", original)
    sent = cli(
        "lms", "--format", "qti", "--feedback", "hint", "--bank", original, "--out", tmp_path
    )
    assert sent.exit_code == 0, sent.output
    package = next(tmp_path.glob("*-qti.zip"))
    back = tmp_path / "back" / "bank.yaml"
    back.parent.mkdir()
    result = cli("import", package, "-o", back)
    assert result.exit_code == 0, result.output
    before, after = load_bank(original), load_bank(back)
    assert [(q.question, q.hint) for q in after.questions] == [
        (q.question, q.hint) for q in before.questions
    ]
    assert after.title == before.title
    for picture in before.pictures([q.question for q in before.questions]):
        assert (back.parent / picture.path).read_bytes() == picture.data


def test_what_a_hostile_export_holds_is_refused_or_left_behind(cli, tmp_path):
    doctype = (
        (QUIZ / ASSESSMENT)
        .read_text()
        .replace(
            "<questestinterop",
            '<!DOCTYPE q [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<questestinterop',
            1,
        )
    )
    source = _export(tmp_path / "doctype.zip", **{ASSESSMENT: doctype})
    result = cli("import", source, "-o", tmp_path / "a.yaml")
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "declares a document type" in result.stderr
    # a manifest that names a file outside the package, and a picture's path that climbs
    manifest = (
        (QUIZ / "imsmanifest.xml")
        .read_text()
        .replace(f'<file href="{ASSESSMENT}"/>', '<file href="../../etc/passwd"/>')
    )
    source = _export(tmp_path / "outside.zip", **{"imsmanifest.xml": manifest})
    result = cli("import", source, "-o", tmp_path / "b.yaml")
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert result.stderr.startswith(
        f"{source}: its manifest names the quiz file '../../etc/passwd', which lies outside"
    ), result.stderr
    climbing = (
        (QUIZ / ASSESSMENT)
        .read_text()
        .replace("Uploaded%20Media/subnet.png", "../../../tmp/evil.png")
    )
    source = _export(
        tmp_path / "climb.zip",
        **{ASSESSMENT: climbing, "web_resources/../../../tmp/evil.png": _png()},
    )
    (tmp_path / "c").mkdir()
    result = cli("import", source, "-o", tmp_path / "c" / "bank.yaml")
    assert result.exit_code == 0, result.output
    assert not list((tmp_path / "c").glob("**/*.png")) and not (tmp_path / "evil.png").exists()
    assert "1 picture is not imported" in result.stderr
    # a zip bomb: an entry that inflates a thousandfold is refused before it is inflated
    bomb = (QUIZ / ASSESSMENT).read_text() + "<!--" + " " * (2 << 20) + "-->"
    source = _export(tmp_path / "bomb.zip", **{ASSESSMENT: bomb})
    result = cli("import", source, "-o", tmp_path / "e.yaml")
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert result.stderr.startswith(f"{source}: {ASSESSMENT} would inflate"), result.stderr
    assert "(a zip bomb?)" in result.stderr
    # not a zip at all
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    result = cli("import", broken, "-o", tmp_path / "d.yaml")
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert result.stderr.startswith(f"{broken}: ")


def test_a_course_export_brings_its_quizzes_canvas_copies_and_question_banks(cli, tmp_path):
    """Canvas's course export (.imscc) lists each quiz as Common Cartridge QTI, of the types CC
    knows only, and keeps its own copy of each quiz, and each question bank (an
    `objectbank`), in non_cc_assessments/: those are read, each question once."""
    quiz = (QUIZ / ASSESSMENT).read_text()
    cc_copy = quiz.replace("essay_question", "cc.essay.v0p1").replace("question_type", "cc_profile")
    ident = ASSESSMENT.split("/")[0]
    manifest = (
        (QUIZ / "imsmanifest.xml")
        .read_text()
        .replace('type="imsqti_xmlv1p2"', 'type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment"')
        .replace(ASSESSMENT, f"{ident}/assessment_qti.xml")
    )
    bank = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2">\n'
        '  <objectbank ident="ib1">\n    <qtimetadata>\n      <qtimetadatafield>\n'
        "        <fieldlabel>bank_title</fieldlabel>\n        <fieldentry>Routing pool"
        "</fieldentry>\n      </qtimetadatafield>\n    </qtimetadata>\n"
        + quiz[quiz.index("      <item ident=") : quiz.index("      </item>") + 14]
        + "  </objectbank>\n</questestinterop>\n"
    )
    source = _export(
        tmp_path / "course.imscc",
        **{
            ASSESSMENT: None,
            f"{ident}/assessment_qti.xml": cc_copy,
            "imsmanifest.xml": manifest,
            f"non_cc_assessments/{ident}.xml.qti": quiz,
            "non_cc_assessments/ib1.xml.qti": bank,
        },
    )
    result = cli("import", source, "-o", tmp_path / "course.yaml")
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    imported = load_bank(tmp_path / "course.yaml")
    assert [s.name for s in imported.sections] == [
        "Networks & Protocols: week 3",
        "Services & numbers",
        "Routing pool",
    ]
    assert imported.questions[-1].section == "Routing pool"
    assert len(imported.questions) == 11
    assert imported.questions[0].question.startswith("Explain why the subnet")
    assert "![Two subnets](subnet.png)" in imported.questions[0].question
    # a question's message names its own file of the export, where its line is
    quiz_file = f"{source}/non_cc_assessments/{ident}.xml.qti"
    assert (
        f"{quiz_file}:663: question 'upload-your-packet-capture-notes': a file-upload "
        "question becomes an essay question"
    ) in result.stderr
    assert f"the question group 'Services & numbers' (in {quiz_file}, line 306) picks 1" in (
        result.stderr
    )


def test_import_into_a_bank_tells_a_canvas_export_to_be_imported_alone(cli, tmp_path):
    """`--into` updates a bank from a sheet: a quiz export there was told that import does
    not read Canvas's QTI at all, which it now does without --into."""
    source = _export(tmp_path / "quiz-export.zip")
    bank = tmp_path / "bank.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", bank)
    result = cli("import", source, "--into", bank)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert result.stderr.startswith(
        f"{source}: a Canvas quiz export, which import --into does not read"
    )
    assert "Import the quiz without --into" in result.stderr


def test_a_choices_picture_comes_along_after_the_answers(cli, tmp_path):
    """Canvas writes a choice with HTML as `text/html` (html_mat_text): its picture is
    claimed beside the bank and shown after the answers in the note, as a Moodle
    answer's is; its alt text stands on its answer's line."""
    quiz = (QUIZ / ASSESSMENT).read_text()
    plain = '<mattext texttype="text/plain">255.0.0.0</mattext>'
    assert plain in quiz
    pictured = (
        '<mattext texttype="text/html">&lt;p&gt;255.0.0.0 &lt;img '
        'src="$IMS-CC-FILEBASE$/Uploaded%20Media/subnet.png" alt="a /8"&gt;&lt;/p&gt;</mattext>'
    )
    source = _export(tmp_path / "q.zip", **{ASSESSMENT: quiz.replace(plain, pictured)})
    result = cli("import", source, "-o", tmp_path / "q.yaml")
    assert result.exit_code == 0, result.output
    choice = next(q for q in load_bank(tmp_path / "q.yaml").questions if q.id == "which-mask-24")
    note = choice.note or ""
    assert "255.0.0.0 [a /8] (0%)" in note
    assert note.index("![a /8](subnet.png)") > note.index("255.0.0.0 [a /8] (0%)")


def test_a_quiz_qbank_wrote_comes_back_in_the_banks_order_a_question_renamed(cli, tmp_path):
    """qbank titles each item 'Qn ...'; Canvas keeps titles, and a teacher may rename one
    ('Question'): the others' numbers still put the bank's order back."""
    original = tmp_path / "bank.yaml"
    shutil.copy(FIXTURES / "debrief-bank.yaml", original)
    sent = cli(
        "lms", "--format", "qti", "--feedback", "hint", "--bank", original, "--out", tmp_path
    )
    assert sent.exit_code == 0, sent.output
    package = next(tmp_path.glob("*-qti.zip"))
    with zipfile.ZipFile(package) as written:
        entries = {name: written.read(name) for name in written.namelist()}
    name = next(n for n in entries if n.endswith(".xml") and "/" in n and "meta" not in n)
    text = entries[name].decode()
    start = text.index("      <item ")
    items = text[start : text.index("    </section>")].split("      <item ")[1:]
    assert len(items) >= 4
    items = [f"      <item {item}" for item in items]
    items[1] = re.sub(r'title="Q2 [^"]*"', 'title="Question"', items[1])
    moved = items[2:3] + items[:2] + items[3:]  # Q3 first, as a teacher may drag it
    entries[name] = (text[:start] + "".join(moved) + text[text.index("    </section>") :]).encode()
    changed = tmp_path / "changed.zip"
    with zipfile.ZipFile(changed, "w") as written:
        for entry, data in entries.items():
            written.writestr(entry, data)
    result = cli("import", changed, "-o", tmp_path / "back.yaml")
    assert result.exit_code == 0, result.output
    before, after = load_bank(original), load_bank(tmp_path / "back.yaml")
    assert [q.question for q in after.questions] == [q.question for q in before.questions]


def test_a_question_of_a_type_import_does_not_know_is_said_as_such(cli, tmp_path):
    """New Quizzes' `ordering_question` (or a type to come): its text comes in, and its
    answers are said to be left behind, not 'kept in the note' (there is none)."""
    quiz = (QUIZ / ASSESSMENT).read_text().replace("essay_question", "ordering_question", 1)
    source = _export(tmp_path / "q.zip", **{ASSESSMENT: quiz})
    result = cli("import", source, "-o", tmp_path / "q.yaml")
    assert result.exit_code == 0, result.output
    assert (
        "question 'explain-why-subnet-below-needs-router': a question of Canvas's type "
        "'ordering_question' becomes an essay question; import does not know its answers, "
        "which are not imported (set them again in Canvas)"
    ) in result.stderr


def test_a_quiz_the_manifest_names_and_the_zip_lacks_is_said_not_dropped(cli, tmp_path):
    """An export cut short (a second quiz's file missing) came in as its first quiz alone,
    exit 0, the other quiz's questions lost unsaid."""
    second = '<resource identifier="i2" type="imsqti_xmlv1p2"><file href="i2/quiz%20two.xml"/>'
    manifest = (QUIZ / "imsmanifest.xml").read_text()
    manifest = manifest.replace("</resources>", f"{second}</resource></resources>", 1)
    source = _export(tmp_path / "cut.zip", **{"imsmanifest.xml": manifest})
    result = cli("import", source, "-o", tmp_path / "a.yaml")
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert result.stderr.startswith(
        f"{source}: its manifest names the quiz file 'i2/quiz two.xml', which the zip does not hold"
    ), result.stderr
    assert not (tmp_path / "a.yaml").exists()


def test_an_assessment_that_is_not_well_formed_is_said_at_its_line_in_the_zip(cli, tmp_path):
    """An '&' written bare (an export edited by hand) was said as libxml2's words with no
    line of the file: '... is not well-formed XML (xmlParseEntityRef: no name, ...)'."""
    quiz = (QUIZ / ASSESSMENT).read_text()
    line = quiz[: quiz.index("Networks &amp; Protocols")].count("\n") + 1
    source = _export(
        tmp_path / "edited.zip", **{ASSESSMENT: quiz.replace("Networks &amp;", "Networks &", 1)}
    )
    result = cli("import", source, "-o", tmp_path / "a.yaml")
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert result.stderr.startswith(f"{source}/{ASSESSMENT}:{line}:"), result.stderr
    assert "an '&' that starts no character reference; write it '&amp;'" in result.stderr
    assert "xmlParse" not in result.stderr


def test_a_question_whose_text_is_in_several_materials_keeps_them_all(cli, tmp_path):
    """A text split into two `material`s (as a QTI file of another tool's may write it)
    came in as its first part alone, the rest lost unsaid."""
    quiz = (QUIZ / ASSESSMENT).read_text()
    start = quiz.index("<presentation>") + len("<presentation>")
    second = (
        '<material><mattext texttype="text/plain">Answer in 3 &lt; 4 words.</mattext></material>'
    )
    end = quiz.index("</material>", start) + len("</material>")
    source = _export(tmp_path / "split.zip", **{ASSESSMENT: quiz[:end] + second + quiz[end:]})
    out = tmp_path / "a.yaml"
    result = cli("import", source, "-o", out)
    assert result.exit_code == 0, result.output
    first = load_bank(out).questions[0].question
    assert first.endswith("Answer in 3 < 4 words."), first
    assert "\n" in first  # a block of its own, not glued to the first part's words


def test_a_question_whose_text_is_inside_a_flow_keeps_it(cli, tmp_path):
    """QTI 1.2's `<flow>` around a text (another tool's file) was refused as "'question'
    is empty", the text being there."""
    quiz = (QUIZ / ASSESSMENT).read_text()
    start = quiz.index("<presentation>") + len("<presentation>")
    end = quiz.index("</material>", start) + len("</material>")
    flowed = f"{quiz[:start]}<flow>{quiz[start:end]}</flow>{quiz[end:]}"
    source = _export(tmp_path / "flow.zip", **{ASSESSMENT: flowed})
    out = tmp_path / "a.yaml"
    result = cli("import", source, "-o", out)
    assert result.exit_code == 0, result.output
    assert "Explain why the subnet below needs a router." in load_bank(out).questions[0].question


def test_a_picture_given_as_qti_matimage_is_said_as_left_behind(cli, tmp_path):
    """A `<matimage>` beside the text (another tool's way of giving a picture) was dropped
    unsaid."""
    quiz = (QUIZ / ASSESSMENT).read_text()
    start = quiz.index("<presentation>")
    end = quiz.index("</material>", start)
    image = '<matimage imagtype="image/png" uri="media/diagram.png"/>'
    source = _export(tmp_path / "m.zip", **{ASSESSMENT: quiz[:end] + image + quiz[end:]})
    result = cli("import", source, "-o", tmp_path / "a.yaml")
    assert result.exit_code == 0, result.output
    said = "1 picture or media file given as QTI's <matimage>, <mataudio> or <matvideo> "
    assert f"{said}('media/diagram.png') is not imported" in result.stderr, result.stderr


def test_an_entry_compressed_otherwise_is_said_in_canvas_words(cli, tmp_path):
    """An entry compressed with bzip2 (a zip made again by another program) was told to be
    saved again 'from Word or LibreOffice'."""
    source = tmp_path / "bz.zip"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_BZIP2) as package:
        for path in sorted(QUIZ.rglob("*")):
            if path.is_file() and path.name != "README.md":
                package.write(path, path.relative_to(QUIZ).as_posix())
    result = cli("import", source, "-o", tmp_path / "a.yaml")
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert result.stderr.startswith(
        f"{source}: imsmanifest.xml is compressed with method 12, which Canvas never uses"
    ), result.stderr
    assert "Word" not in result.stderr and "export the quiz from Canvas again" in result.stderr


def test_questions_put_in_the_order_their_titles_number_say_so(cli, tmp_path):
    """A teacher's own titles 'Q2 Routing' then 'Q1 Intro', read as qbank's numbering (which
    puts a bank sent to Canvas back in its order), reordered the quiz without a word (a
    review): the import says so at the first question moved; a quiz titled otherwise
    keeps its order and says nothing."""
    said = "the questions come in the order their names number them ('Q1 ...' to 'Qn ...'"
    result = cli("import", _export(tmp_path / "plain.zip"), "-o", tmp_path / "plain.yaml")
    assert result.exit_code == 0 and said not in result.output, result.output
    text = (QUIZ / ASSESSMENT).read_text(encoding="utf-8")
    for item, title in (('<item ident="i1a2b', "Q2 Routing"), ('<item ident="i2b3c', "Q1 Intro")):
        at = text.index(item)
        end = text.index(">", at)
        text = text[:at] + text[at:end].replace('title="Question"', f'title="{title}"') + text[end:]
    source = _export(tmp_path / "named.zip", **{ASSESSMENT: text})
    result = cli("import", source, "-o", tmp_path / "named.yaml")
    assert result.exit_code == 0, result.output
    asked = [q.question.split("\n")[0] for q in load_bank(tmp_path / "named.yaml").questions]
    assert asked[:2] == ["Which mask is a /24?", "Explain why the subnet below needs a router."]
    assert f"{source}/{ASSESSMENT}:66: {said}" in result.output, result.output


def test_a_broken_quiz_file_is_said_in_canvas_words_not_moodles(cli, tmp_path):
    """The XML reader Moodle's and Canvas's imports share told a broken Canvas quiz of
    Moodle: 'as Moodle's export does', 'export it from Moodle again', 'which Moodle XML
    never has'."""
    quiz = (QUIZ / ASSESSMENT).read_text()
    cases = {
        "amp": (quiz.replace("Networks &amp;", "Networks &", 1), "as Canvas's export does"),
        "nbsp": (quiz.replace("Networks &amp;", "Networks&nbsp;", 1), "'&amp;nbsp;'"),
        "cut": (quiz[: len(quiz) // 2], "export the quiz from Canvas again"),
        "doctype": (
            quiz.replace("<questestinterop", "<!DOCTYPE q>\n<questestinterop", 1),
            "which Canvas's quiz export never has",
        ),
    }
    for name, (text, said) in cases.items():
        alone = tmp_path / f"{name}.xml"
        alone.write_text(text)
        packaged = _export(tmp_path / f"{name}.zip", **{ASSESSMENT: text})
        for source in (alone, packaged):
            result = cli("import", source, "-o", tmp_path / f"{name}.yaml")
            assert result.exit_code == 1 and "Traceback" not in result.output, result.output
            if name == "doctype" and source == packaged:  # the archive's own words
                said = "a quiz export never holds one"
            assert said in result.stderr and "Moodle" not in result.stderr, (name, result.stderr)


def test_a_true_false_question_shows_its_two_choices(cli, tmp_path):
    """A Canvas true/false question came in as its statement alone: the workshop handout
    and the flashcard's front showed 'A switch forwards frames by MAC address.' with no
    word that it asks for true or false. Its two choices follow it, lettered, as a choice
    question's do."""
    source = _export(tmp_path / "quiz-export.zip")
    out = tmp_path / "bank" / "networks.yaml"
    out.parent.mkdir()
    result = cli("import", source, "-o", out)
    assert result.exit_code == 0, result.output
    question = next(q for q in load_bank(out).questions if q.hint == "Answer: True")
    assert question.question == "A switch forwards frames by MAC address.\n\na. True\\\nb. False"
    assert question.id == "switch-forwards-frames-by-mac-address"  # of its words alone
    assert (
        "question 'switch-forwards-frames-by-mac-address': a true/false question becomes an "
        "essay question; its choices follow its text, its right answer opens the hint"
    ) in result.stderr
    built = cli("booklet", "--bank", out, "--out", tmp_path / "out")
    assert built.exit_code == 0, built.output
    handout = next((tmp_path / "out").glob("*workshop*.pdf"))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(handout).pages).split())
    assert "A switch forwards frames by MAC address. a. True b. False" in text


def _emptied(quiz: str, ident: str, keep_choices: bool) -> str:
    """The quiz with the text of the item `ident` (its first `mattext`) made empty, or its
    whole presentation, choices and all."""
    at = quiz.index(f'<item ident="{ident}')
    start = quiz.index("<presentation>", at)
    if keep_choices:
        text = quiz.index('<mattext texttype="text/html">', start)
        text += len('<mattext texttype="text/html">')
        return quiz[:text] + quiz[quiz.index("</mattext>", text) :]
    end = quiz.index("</presentation>", start)
    return quiz[:start] + "<presentation>" + quiz[end:]


def test_a_question_with_no_text_is_named_as_canvas_shows_it(cli, tmp_path):
    """A question whose text is empty was said as "question 'question': 'question' is
    empty" and the whole import refused, naming nothing a teacher could find in Canvas;
    one with choices alone took the id 'true-b-false'. Each is named by its place in the
    quiz (and its title, where the teacher gave one): left out where it has nothing to ask,
    the rest imported; kept with its choices, its id of that name."""
    quiz = (QUIZ / ASSESSMENT).read_text()
    quiz = _emptied(quiz, "i1a2b3c4d5e6f708192a3b4c5d6e7f801", keep_choices=False)
    quiz = _emptied(quiz, "i3c4d5e6f708192a3b4c5d6e7f8091a2b", keep_choices=True)
    at = quiz.index('<item ident="i3c4d5e6f708192a3b4c5d6e7f8091a2b"')
    quiz = quiz[:at] + quiz[at:].replace('title="Question"', 'title="Switches"', 1)
    line = quiz[:at].count("\n") + 1
    source = _export(tmp_path / "q.zip", **{ASSESSMENT: quiz})
    out = tmp_path / "q.yaml"
    result = cli("import", source, "-o", out)
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    at = f"{source}/{ASSESSMENT}"
    assert (
        f"{at}:11: the quiz's question 1 has no text, and is not imported: write its text "
        "in Canvas and export the quiz again"
    ) in result.stderr.splitlines()
    assert (
        f"{at}:{line}: question 'question-3-switches': it is the quiz's question 3 ('Switches'), "
        "which has no text in Canvas, only its choices: write its question in the bank"
    ) in result.stderr.splitlines()
    questions = load_bank(out).questions
    assert len(questions) == 9
    assert questions[1].id == "question-3-switches"
    assert questions[1].question == "a. True\nb. False"
    assert "'question'" not in result.stderr


def test_lang_names_a_canvas_quizs_language(cli, tmp_path):
    """`--lang` with a Canvas quiz was refused ('a Canvas quiz gives its texts in one
    language'), untested; Canvas's export names no language, so it is the new bank's, as
    for a GIFT file in one language, and said."""
    source = _export(tmp_path / "quiz-export.zip")
    for given, tag in (("de", "de"), ("fr_ca", "fr-CA"), ("pt-BR", "pt-BR")):
        out = tmp_path / f"{given}.yaml"
        result = cli("import", source, "--lang", given, "-o", out)
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
        assert load_bank(out).language == tag
        said = f"the bank's language is {tag}, as --lang names it: the file gives none"
        assert said in result.stderr and "Moodle" not in result.stderr, result.stderr
    result = cli("import", source, "--lang", "d e", "-o", tmp_path / "bad.yaml")
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "'d e' is no language code; give one as Moodle writes it" in result.output


def test_one_picture_under_two_names_keeps_both_and_no_word_of_the_id(cli, tmp_path):
    """The same picture under two names in one export (a teacher uploaded it twice), each
    with its own alt text, comes along as both files, each alt text where it stood; and a
    choice question's pictures are no words of its id, as a question's are ('which-mask-
    24-copy-one-my' was made of the alt text and the file's name)."""
    quiz = (QUIZ / ASSESSMENT).read_text()
    asked = "Which mask is a /24?&lt;/p&gt;"
    shown = (
        '&lt;p&gt;&lt;img src="$IMS-CC-FILEBASE$/Uploaded%20Media/my%20copy.png" '
        'alt="Copy one"&gt;&lt;img src="$IMS-CC-FILEBASE$/Uploaded%20Media/subnet.png" '
        'alt="Again"&gt;&lt;/p&gt;'
    )
    source = _export(
        tmp_path / "q.zip",
        **{
            ASSESSMENT: quiz.replace(asked, asked + shown, 1),
            "web_resources/Uploaded Media/my copy.png": _png(),
        },
    )
    (tmp_path / "bank").mkdir()
    out = tmp_path / "bank" / "q.yaml"
    result = cli("import", source, "-o", out)
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    choice = next(q for q in load_bank(out).questions if q.question.startswith("Which mask"))
    assert choice.id == "which-mask-24"
    assert "![Copy one](<my copy.png>)" in choice.question
    assert "![Again](subnet.png)" in choice.question
    assert (out.parent / "my copy.png").read_bytes() == (out.parent / "subnet.png").read_bytes()


def test_the_words_import_writes_are_in_the_language_lang_names(cli, tmp_path):
    """'Answer:', 'Answers:', 'Choices:' and a true/false question's 'True' and 'False'
    were English in a bank whose every other word is German; with `--lang de` they are
    German, as Moodle's language pack shows a true/false question's choices, and so are the
    note's labels ('Feedback when right') and the hint written where the quiz gives none."""
    source = _export(tmp_path / "quiz-export.zip")
    out = tmp_path / "bank" / "de.yaml"
    out.parent.mkdir()
    result = cli("import", source, "--lang", "de", "-o", out)
    assert result.exit_code == 0, result.output
    by_text = {q.question.split("\n")[0]: q for q in load_bank(out).questions}
    switch = by_text["A switch forwards frames by MAC address."]
    assert switch.question.endswith("a. Wahr\\\nb. Falsch") and switch.hint == "Antwort: Wahr"
    mask = by_text["Which mask is a /24?"]
    assert mask.hint.startswith("Antwort: 255.255.255.0")
    assert (mask.note or "").startswith("Antworten:\\\n255.255.255.0 (100%)")
    assert by_text["Which are transport-layer protocols?"].hint == "Antworten: TCP; UDP"
    matching = next(q for q in by_text.values() if "Layer 7" in q.question)
    assert "Auswahl: Layer 2; Layer 3; Layer 7" in matching.question
    assert matching.hint.startswith("Antworten:\\\n")
    assert "Answer" not in " ".join(f"{q.question} {q.hint}" for q in by_text.values())
    # the note's labels too: Moodle's German pack's words for Canvas's feedback parts
    assert "255.255.255.0 (100%), Feedback: Yes: three full octets." in (mask.note or "")
    assert "Für jede richtige Antwort: Well done." in (mask.note or "")
    assert "Für jede falsche Antwort: Count the ones." in (mask.note or "")
    assert "Router -> Layer 3, Feedback: Routers read IP addresses." in (matching.note or "")
    notes = " ".join(f"{q.hint} {q.note}" for q in by_text.values())
    assert "Feedback when" not in notes and ", feedback:" not in notes
    assert "(Der Canvas-Test gab weder allgemeines Feedback noch eine richtige Antwort.)" in notes
    built = cli("cards", "--bank", out, "--out", tmp_path / "out")
    assert built.exit_code == 0, built.output
    cards = next((tmp_path / "out").glob("*flashcards*.pdf"))
    shown = " ".join(" ".join(page.extract_text() for page in PdfReader(cards).pages).split())
    assert "Antwort: Wahr" in shown and "a. Wahr b. Falsch" in shown


def test_a_quiz_qbank_wrote_comes_back_in_the_language_it_says(cli, tmp_path):
    """qbank's QTI export says the bank's language (the assessment's xml:lang), and a
    section's own on its questions' texts; import read neither, and a French bank came back
    with no language, the hint it wrote where the quiz gave none in English. Without --lang
    it is the quiz's, a section's own where every question of it says one; --lang still
    names the bank's language."""
    bank = tmp_path / "fr.yaml"
    bank.write_text(
        "title: Réseaux\nlanguage: fr\nsections:\n  - {name: العربية, language: ar}\n"
        "questions:\n  - {id: a, section: العربية, question: ما هو TCP؟, hint: بروتوكول.}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = cli("lms", "--format", "qti", "--bank", bank, "--out", out, "--feedback", "none")
    assert result.exit_code == 0, result.output
    (quiz,) = out.glob("*.zip")
    read, _ = _imported(cli, quiz, tmp_path / "back" / "fr.yaml")
    assert read.language == "fr"
    assert [(s.name, s.language) for s in read.sections] == [("Réseaux", "ar")]
    assert read.questions[0].hint.startswith("(Le test Canvas ne donnait ni")
    named, _ = _imported(cli, quiz, tmp_path / "back" / "de.yaml", "--lang", "de")
    assert named.language == "de" and [s.language for s in named.sections] == [""]
    assert named.questions[0].hint.startswith("(Der Canvas-Test")
