"""`qbank import` of Moodle XML that qbank did not write: Moodle's other question types and
what their files hold (small files in the shape of Moodle's own test fixtures), read back as
the bank and the warnings a teacher gets."""

from __future__ import annotations

import base64
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml
from helpers import run_cli
from lxml import etree
from PIL import Image
from readback import pdf_text

from qbank.bank import load_bank
from qbank.model import Bank


def _moodle_file(path: Path, *questions: str) -> Path:
    """A Moodle XML file of these `<question>` elements, one a line from line 3."""
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n",
        encoding="utf-8",
    )
    return path


def _imported(source: Path) -> tuple[Bank, str]:
    """The bank `qbank import` writes of `source`, and what it said."""
    result = run_cli("import", source, "-o", source.with_suffix(".yaml"))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return load_bank(source.with_suffix(".yaml")), result.output


def _question(kind: str, text: str, *rest: str, name: str = "Q") -> str:
    return (
        f'<question type="{kind}"><name><text>{name}</text></name>'
        f'<questiontext format="html"><text><![CDATA[{text}]]></text></questiontext>'
        '<generalfeedback format="html"><text>Feedback.</text></generalfeedback>'
        + "".join(rest)
        + "</question>"
    )


def test_a_cloze_questions_answers_go_to_the_note_and_its_gaps_are_blanks(tmp_path):
    """A cloze question's fields were its text, answer key and all, printed in the workshop
    handout that holds no answers."""
    text = (
        "<p>San Francisco: {1:MULTICHOICE:=California#OK~Arizona#Wrong}<br>"
        "Capital: {2:SHORTANSWER:%100%Paris#Yes!~%50%Marseille#Second city~*#No}<br>"
        r"Pi: {1:NUMERICAL:=3.14:0.01}, a brace: {1:SA:=\}#Right} and {1:MULTICHOICE}</p>"
    )
    source = _moodle_file(tmp_path / "cloze.xml", _question("cloze", text))
    bank, said = _imported(source)
    (question,) = bank.questions
    assert question.question == (
        "San Francisco: _____ (1)\nCapital: _____ (2)\nPi: _____ (3), a brace: _____ (4) and "
        "_____ (5)"
    )
    assert question.id == "san-francisco-capital-pi-brace"
    assert question.note == (
        "Gaps:\n(1) California (correct; OK), Arizona (Wrong)\n"
        "(2) Paris (correct; Yes!), Marseille (50%; Second city), any other answer (No)\n"
        "(3) 3.14 ± 0.01 (correct)\n(4) } (correct; Right)\n"
        "(5) as typed, not a gap Moodle reads: {1:MULTICHOICE}"
    )
    assert (
        f"{source}:3: question '{question.id}': a cloze question becomes an essay question; "
        "each of its 5 gaps is a blank in the question (_____ (1) to _____ (5)), and the note "
        "has each one's answers and feedback; gap 5 is not written as Moodle reads a gap "
        "(no answers, or no closing '}'), and the note holds it as typed"
    ) in said


def test_a_cloze_field_of_a_suffixed_type_is_a_blank_too(tmp_path):
    """MULTICHOICE_V, MCV, SHORTANSWER_C ... were read as MULTICHOICE and '_V', so the
    field stayed in the question, answer key and all (a review)."""
    text = (
        "A {1:MULTICHOICE_V:=Paris~Lyon}, b {1:MCV:=x~y}, c {1:SHORTANSWER_C:=Secret}, "
        "d {1:MWC:=w}, e {1:MULTIRESPONSE_HS:=r~s}"
    )
    source = _moodle_file(tmp_path / "suffixed.xml", _question("cloze", text))
    bank, _ = _imported(source)
    (question,) = bank.questions
    assert question.question == ("A _____ (1), b _____ (2), c _____ (3), d _____ (4), e _____ (5)")
    assert (
        "Paris" in question.note and "Secret" in question.note and "as typed" not in (question.note)
    )


def test_a_cloze_questions_blanks_in_a_markdown_bank_stay_as_typed_and_come_back_alike(tmp_path):
    """A trial: in a Markdown bank (the <strong> makes it one) each blank came in as
    `\\_\\_\\_\\_\\_ (1)`, where the bank shows `_____ (1)` alike, and the bank sent to
    Moodle and imported again was not the same bank (one blank escaped, one not)."""
    text = "<p><strong>Capitals</strong>: France {1:SA:=Paris}, Peru {1:SA:=Lima}.</p>"
    bank, _ = _imported(_moodle_file(tmp_path / "cloze.xml", _question("cloze", text)))
    (question,) = bank.questions
    assert question.question == "**Capitals**: France _____ (1), Peru _____ (2)."
    result = run_cli(
        "lms", "--bank", tmp_path / "cloze.yaml", "--out", tmp_path, "--format", "moodle"
    )
    assert result.exit_code == 0, result.output
    again, _ = _imported((tmp_path / "cloze-moodle.xml").rename(tmp_path / "again.xml"))
    assert again.questions == bank.questions


def test_an_essays_marks_and_the_files_it_asks_for_are_said_as_not_kept(tmp_path):
    """A trial: an essay worth 10 beside one worth 5, and one that asks for files with its
    answer (or files alone), came in with neither said; sent back to Moodle, each was worth
    the rating scale's top score and asked for a text alone. Equal marks are not said (a
    bank's questions weigh the same, as they did)."""
    source = _moodle_file(
        tmp_path / "essays.xml",
        _question("essay", "Report?", "<defaultgrade>10.0000000</defaultgrade>"),
        _question(
            "essay", "Upload?", "<defaultgrade>5</defaultgrade><attachments>-1</attachments>"
        ),
        _question(
            "essay",
            "Scan?",
            "<defaultgrade>5</defaultgrade><responseformat>noinline</responseformat>",
        ),
    )
    _, said = _imported(source)
    assert (
        f"{source}:3: the questions' default marks (10 and 5) are not kept: a bank's LMS files "
        "mark every question out of its rating scale's top score; set other marks again in the LMS"
    ) in said
    assert (
        f"{source}:4: question 'upload': the files it asks for with its answer (any number in "
        "Moodle's attachments) are not kept: a bank's LMS files ask for a text alone; set them "
        "again in the LMS"
    ) in said
    assert f"{source}:5: question 'scan': its answer is files alone, no text" in said
    source.write_text(source.read_text().replace(">10.0000000<", ">5<"))
    assert "default marks" not in _imported(source.rename(tmp_path / "equal.xml"))[1]


def test_a_text_in_moodles_own_format_that_holds_html_is_read_as_moodle_shows_it(tmp_path):
    """A trial: `format="moodle_auto_format"` text (Moodle's own format, in older exports)
    with a tag or a character reference came in with its tags shown, 'Testing <b>Kappa</b>:
    R&amp;D', where Moodle shows 'Testing **Kappa**: R&D', as GIFT's default format is
    read; one with a '<' that starts no tag is read as typed."""
    source = _moodle_file(
        tmp_path / "auto.xml",
        '<question type="essay"><name><text>K</text></name>'
        '<questiontext format="moodle_auto_format"><text>Testing &lt;b&gt;Kappa&lt;/b&gt;: '
        "R&amp;amp;D\nnext</text></questiontext>"
        '<graderinfo format="moodle_auto_format"><text>x&lt;y and y&gt;z</text></graderinfo>'
        "</question>",
    )
    bank, _ = _imported(source)
    (question,) = bank.questions
    assert (question.question, question.hint) == ("Testing **Kappa**: R&D\\\nnext", "x\\<y and y>z")


def test_a_select_missing_words_questions_choices_go_to_the_note(tmp_path):
    """A gapselect or ddwtos question became 'The [[1]] [[2]] on the [[3]].', its choices
    lost without a word, and its id '1-2-3'."""
    choices = "".join(
        f"<{tag}><text>{word}</text><group>{group}</group></{tag}>"
        for tag in ("selectoption",)
        for word, group in (("cat", 1), ("sat", 2), ("mat", 1), ("dog", 1), ("stood", 2))
    )
    boxes = choices.replace("selectoption>", "dragbox>")
    source = _moodle_file(
        tmp_path / "gaps.xml",
        _question("gapselect", "The [[1]] [[2]] on the [[3]].", choices),
        _question("ddwtos", "<p>A [[4]] [[5]] by the [[9]].</p>", boxes),
    )
    bank, said = _imported(source)
    first, second = bank.questions
    assert (first.id, first.question) == ("the-on-the", "The _____ (1) _____ (2) on the _____ (3).")
    assert first.note == (
        "Gaps:\n(1) cat (from group 1)\n(2) sat (from group 2)\n(3) mat (from group 1)\n"
        "Choices: group 1: cat, mat, dog; group 2: sat, stood"
    )
    assert second.question == "A _____ (1) _____ (2) by the _____ (3)."
    assert second.note.startswith("Gaps:\n(1) dog (from group 1)\n(2) stood (from group 2)\n")
    assert "(3) no choice 9 in the file, which has 5\n" in second.note
    assert (
        f"{source}:3: question 'the-on-the': a gapselect question becomes an essay question; "
        "each of its 3 gaps is a blank in the question (_____ (1) to _____ (3)), and the note "
        "has each one's right choice and lists the choices"
    ) in said
    assert f"{source}:4: question '{second.id}': a ddwtos question becomes" in said


def test_a_link_to_an_attached_file_is_its_text_and_the_file_is_named(tmp_path):
    """A link to an attached mp3 (or text file) refused the whole import: 'the link address
    '@@PLUGINFILE@@/bonjour.mp3' is not a web or mail address'."""
    sound = (
        '<questiontext format="html"><text><![CDATA[<p><a href="@@PLUGINFILE@@/bonjour.mp3">'
        "Listen to this greeting:</a> what language is it?</p>]]></text>"
        '<file name="bonjour.mp3" path="/" encoding="base64">SUQzBAAAAAAA</file></questiontext>'
    )
    source = _moodle_file(
        tmp_path / "links.xml",
        '<question type="essay"><name><text>Greeting</text></name>'
        f"{sound}<generalfeedback><text>French.</text></generalfeedback></question>",
        _question("essay", '<p>Read <a href="/mod/page/view.php?id=3">the page</a> first.</p>'),
        _question("essay", '<p>See <a href="https://example.org/">the site</a>.</p>'),
    )
    bank, said = _imported(source)
    sound_question, page, site = bank.questions
    assert sound_question.question == "Listen to this greeting: what language is it?"
    assert page.question == "Read the page first."
    assert site.question == "See [the site](https://example.org/)."
    assert (
        f"{source}:3: question '{sound_question.id}': the file(s) its text links to are not "
        "imported: 'bonjour.mp3'; a bank links only to web and mail addresses, so each link "
        "is its text (attach the file in the LMS, or put it on the web and link to its address)"
    ) in said
    assert "file(s) that its texts do not show" not in said
    assert (
        f"{source}:4: question '{page.id}': its HTML showed what bank text cannot: the link to "
        "'/mod/page/view.php?id=3' is kept as its text only, since a bank links to web or "
        "mail addresses; give the file's web address in the bank"
    ) in said


def _category(path: str) -> str:
    return f'<question type="category"><category><text>{path}</text></category></question>'


def test_a_top_categorys_own_questions_keep_their_place_before_its_sub_categories(tmp_path):
    """A top category holding questions and sub-categories is the title, and its own
    questions were a section placed last: the booklet read Q2 to Q3, then Q1."""
    source = _moodle_file(
        tmp_path / "nested.xml",
        _category("$course$/Pi"),
        _question("essay", "Pi question?"),
        _category("$course$/Pi/Rho"),
        _question("essay", "Rho question?"),
        _category("$course$/Pi/Sigma"),
        _question("essay", "Sigma question?"),
    )
    bank, _ = _imported(source)
    assert bank.title == "Pi"
    assert [s.name for s in bank.sections] == ["Pi", "Rho", "Sigma"]
    assert [q.id for q in bank.questions] == ["pi-question", "rho-question", "sigma-question"]


def test_the_hint_import_stands_in_is_no_feedback_for_learners(tmp_path):
    """The stand-in hint of a question whose file gave none went back to learners as
    general feedback by `qbank lms --format moodle|gift|qti`."""
    source = _moodle_file(
        tmp_path / "course.xml",
        '<question type="essay"><name><text>A</text></name><questiontext format="html">'
        "<text>No feedback here?</text></questiontext></question>",
        _question("essay", "Feedback here?"),
    )
    gift = tmp_path / "course.gift"
    gift.write_text("::A::No feedback in GIFT?{}\n\n::B::Feedback in GIFT?{####Yes.}\n", "utf-8")
    for imported in (source, gift):
        bank = imported.with_name(f"{imported.suffix[1:]}.yaml")
        result = run_cli("import", imported, "-o", bank)
        assert result.exit_code == 0, result.output
        stand_in = load_bank(bank).questions[0].hint
        assert stand_in.startswith(f"(The {'Moodle' if imported == source else 'GIFT'} file")
        out = tmp_path / f"{imported.suffix[1:]}-out"
        for fmt in ("moodle", "gift", "qti"):
            result = run_cli("lms", "--format", fmt, "--bank", bank, "--out", out)
            assert result.exit_code == 0, result.output
        moodle = etree.parse(out / f"{bank.stem}-moodle.xml").getroot()
        general = [q.findtext("generalfeedback/text") for q in moodle.iterfind("question")]
        assert [text for text in general if text] == ["Feedback." if imported == source else "Yes."]
        assert stand_in in moodle.findtext("question[@type='essay']/graderinfo/text")
        lines = (out / f"{bank.stem}-gift.txt").read_text("utf-8")
        assert lines.count("####") == 1 and stand_in not in lines
        with zipfile.ZipFile(out / f"{bank.stem}-qti.zip") as qti:
            assert not any(stand_in in qti.read(name).decode() for name in qti.namelist())


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def test_a_moodle_1_9_picture_comes_beside_the_bank(tmp_path):
    """Moodle 1.9's <image> and <image_base64> picture was left out without a word."""
    picture = base64.b64encode(_png()).decode()
    source = _moodle_file(
        tmp_path / "old.xml",
        _question(
            "essay",
            "What does the <b>logo</b> show?",
            f"<image>old/course/logo.png</image>\n<image_base64>{picture}</image_base64>",
        ),
    )
    bank, said = _imported(source)
    (question,) = bank.questions
    assert question.question == "What does the **logo** show?\n\n![picture](logo.png)"
    assert (tmp_path / "logo.png").read_bytes() == _png()
    assert "not imported" not in said


def test_pictures_of_answers_their_feedback_and_hints_come_beside_the_bank(tmp_path):
    """The pictures of a multiple-choice question's answers (flags), of their feedback
    (thumbs) and of its hints were named as left behind, the question text's written beside
    the bank; one that is no file of the question is named as it is in the text."""
    picture = base64.b64encode(_png()).decode()
    answers = (
        '<answer fraction="100" format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/fr.png" '
        'alt="French flag"> French]]></text>'
        f'<file name="fr.png" path="/" encoding="base64">{picture}</file>'
        '<feedback format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/up.png"> Yes]]></text>'
        f'<file name="up.png" path="/" encoding="base64">{picture}</file></feedback></answer>'
        '<answer fraction="0" format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/de.png" '
        'alt="German flag"> German]]></text></answer>'
        '<hint format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/map.png" alt="A map">]]>'
        f'</text><file name="map.png" path="/" encoding="base64">{picture}</file></hint>'
    )
    source = _moodle_file(
        tmp_path / "flags.xml", _question("multichoice", "Which language?", answers)
    )
    bank, said = _imported(source)
    (question,) = bank.questions
    assert bank.markup == "markdown"
    assert question.note == (
        "Answers:\\\n[French flag] French (100%), feedback: [picture] Yes\\\n[German flag] "
        "German (0%)\n\n![French flag](fr.png)\n\n![picture](up.png)\n\nMoodle hint: "
        "![A map](map.png)"
    )
    assert [p.alt for p in bank.pictures([question.note])] == ["French flag", "picture", "A map"]
    assert all((tmp_path / name).read_bytes() == _png() for name in ("fr.png", "up.png", "map.png"))
    assert (
        f"{source}:3: question 'which-language': 1 picture is not imported, as the question holds "
        "no such file: @@PLUGINFILE@@/de.png; its alt text stands in brackets"
    ) in said
    assert said.count("not imported") == 1


def test_each_other_type_is_named_after_its_article(tmp_path):
    """'a essayautograde question', 'a ordering question'."""
    source = _moodle_file(
        tmp_path / "types.xml",
        *(_question(kind, f"{kind.title()} question?") for kind in ("essayautograde", "matching")),
    )
    _, said = _imported(source)
    assert "question 'essayautograde-question': an essayautograde question becomes" in said
    assert "question 'matching-question': a matching question becomes" in said


def test_a_numerical_answers_tolerance_is_in_the_note(tmp_path):
    """'42 (100%)' where the file said 42 ± 0.001."""
    answers = (
        '<answer fraction="100"><text>42</text><tolerance>0.001</tolerance></answer>'
        '<answer fraction="0"><text>13</text><tolerance>0</tolerance></answer>'
    )
    source = _moodle_file(tmp_path / "n.xml", _question("numerical", "What is it?", answers))
    bank, _ = _imported(source)
    assert bank.questions[0].note == "Answers:\n42 ± 0.001 (100%)\n13 (0%)"


def test_an_exact_numerical_answer_is_its_number_alone_in_a_cloze_gap_too(tmp_path):
    """A cloze gap with no tolerance ('{1:NUMERICAL:=47:0}') read '47 ± 0' in the hint and
    the note (a trial), where a numerical question's reads '47'; one with a tolerance keeps it."""
    text = "<p>101111 is {1:NUMERICAL:=47:0} and pi is {1:NUMERICAL:=3.14:0.01~%50%3:0,0}.</p>"
    exact = '<answer fraction="100"><text>47</text><tolerance>0.0</tolerance></answer>'
    source = _moodle_file(
        tmp_path / "n.xml",
        _question("cloze", text),
        _question("numerical", "What is 101111 in denary?", exact),
    )
    bank, _ = _imported(source)
    cloze, numerical = bank.questions
    assert cloze.hint == "Answers:\n(1) 47\n(2) 3.14 ± 0.01\n\nFeedback."
    assert cloze.note == "Gaps:\n(1) 47 (correct)\n(2) 3.14 ± 0.01 (correct), 3 (50%)"
    assert (numerical.hint, numerical.note) == ("Answer: 47\n\nFeedback.", "Answers:\n47 (100%)")


def test_an_ordering_questions_note_gives_the_right_order(tmp_path):
    """The note read 'Modular (1.0000000%); Object (2.0000000%); ...'."""
    answers = "".join(
        f'<answer fraction="{place}.0000000" format="moodle_auto_format"><text>{word}</text>'
        "</answer>"
        for place, word in ((2, "Object"), (1, "Modular"), (3, "Oriented"))
    )
    source = _moodle_file(tmp_path / "o.xml", _question("ordering", "Put them in order.", answers))
    bank, _ = _imported(source)
    assert bank.questions[0].note == "Right order: Modular, Object, Oriented"


def test_a_questions_name_left_out_is_said_once_or_at_the_question_it_names_otherwise(tmp_path):
    """A Moodle question's name was dropped without a word (GIFT's title is said): a name
    that repeats the start of its text is said once for the file, any other at its
    question, a name of HTML as the text it shows (it was said as '<b>Q1</b> &amp; more'),
    any other as typed, and a control character as Python writes it."""
    source = _moodle_file(
        tmp_path / "names.xml",
        _question("essay", "<p>What is DNS resolution?</p>", name="What is DNS"),
        _question("essay", "Explain TCP's handshake.", name="Explain TCP&apos;s hand"),
        _question("essay", "Which language is spoken?", name="Greeting"),
        _question("essay", "Which port?", name="Q4 Which port?"),  # qbank's own name
        _question("essay", "Why?", name="<![CDATA[<b>Q1</b> &amp; <i>more</i>]]>&#155;[2J"),
        _question("essay", "Where?", name="<![CDATA[x<y &amp; <b>z</b>]]>"),
    )
    _, said = _imported(source)
    assert (
        f"{source}:3: 2 questions' names (Moodle's <name>) not kept: a bank question has "
        "none, and each only repeats the start of its question's text\n"
    ) in said
    assert (
        f"{source}:5: question 'which-language-spoken': its name 'Greeting' is not kept: a "
        "bank question has none (put it in the question's text or note if it matters)"
    ) in said
    assert "question 'why': its name 'Q1 & more\\x9b[2J' is not kept" in said
    assert "question 'where': its name 'x<y &amp; <b>z</b>' is not kept" in said
    assert said.count("not kept") == 4


def test_a_file_cut_short_is_said_so(tmp_path):
    """A truncated export said 'not well-formed XML: Premature end of data in tag file line
    19', which does not tell a teacher what happened or what to do."""
    whole = _moodle_file(tmp_path / "whole.xml", _question("essay", "Why?")).read_text("utf-8")
    for name, end in (("text", whole.index(">Q<") + 2), ("tag", whole.index("</quiz>") + 4)):
        cut = tmp_path / f"{name}.xml"
        cut.write_text(whole[:end], encoding="utf-8")
        result = run_cli("import", cut, "-o", "-")
        assert result.exit_code == 1 and "Traceback" not in result.output
        inside = " inside <text> (opened at line 3)" if name == "text" else ""
        assert result.stderr == (
            f"{cut}:{3 if name == 'text' else 4}: the file ends early{inside}: it was cut "
            "short, as a download or a copy that stopped is; export it from Moodle again\n"
        )


def _import_in_a_process_of_its_own(source):
    """`qbank import source`, in a process of its own: a regular expression that runs too
    long holds the interpreter till it ends, so only the timeout can stop it."""
    subprocess.run(
        [sys.executable, "-c", "from qbank.cli import main; main()", "import", source],
        capture_output=True,
        timeout=20,  # it takes a second
        check=True,
    )


def test_a_cloze_field_of_a_long_number_is_read_at_once(tmp_path):
    """A hostile test: a numerical field of 200,000 digits took minutes, its number read
    every way its digits could split (a number with a decimal mark and without)."""
    text = "Value? {1:NUMERICAL:=" + "1" * 200_000 + "x:1}"
    source = _moodle_file(tmp_path / "long.xml", _question("cloze", text))
    _import_in_a_process_of_its_own(source)
    # its note is longer than a bank takes: imported whole, and said (imported.too_long)
    (question,) = yaml.safe_load(source.with_suffix(".yaml").read_text("utf-8"))["questions"]
    assert question["question"] == "Value? _____ (1)"


def test_an_answer_of_many_unclosed_picture_tags_is_read_at_once(tmp_path):
    """A hostile test: an answer of 40,000 '<img a' before one '>' took a minute, each
    `<img` searched to that '>' for its picture's address."""
    answer = '<answer fraction="100" format="html"><text><![CDATA[' + "<img a" * 40_000 + ">]]>"
    source = _moodle_file(
        tmp_path / "tags.xml", _question("multichoice", "Which?", answer + "</text></answer>")
    )
    _import_in_a_process_of_its_own(source)
    (question,) = yaml.safe_load(source.with_suffix(".yaml").read_text("utf-8"))["questions"]
    assert question["note"] == "Answers:\n[picture] (100%)"


def test_what_gets_full_marks_is_the_hint_on_the_flashcards_back(tmp_path):
    """A new-user trial (a teacher's 60 Moodle questions): a choice, true-false, numerical or
    matching question with no feedback had '(The Moodle file gave no grader information or
    feedback.)' on its flashcard's back, the right answer in the note alone; one with
    general feedback ('Place values: 8, 4, 2, 1.') never said its answer."""

    def answer(fraction: int, text: str) -> str:
        return f'<answer fraction="{fraction}" format="html"><text>{text}</text></answer>'

    def bare(kind: str, text: str, *rest: str) -> str:  # no general feedback
        return _question(kind, text, *rest).replace("Feedback.", "")

    source = _moodle_file(
        tmp_path / "y10.xml",
        _question(
            "multichoice", "<p>1101 in denary?</p>", answer(100, "13"), answer(0, "11")
        ).replace("Feedback.", "Place values: 8, 4, 2, 1."),
        bare(
            "multichoice",
            "Which are bigger than a megabyte?",
            "<single>false</single>",
            answer(50, "gigabyte"),
            answer(-100, "kilobyte"),
            answer(50, "terabyte"),
        ),
        bare(
            "truefalse",
            "A bus has no single point of failure.",
            answer(0, "true"),
            answer(100, "false"),
        ),
        bare(
            "numerical",
            "A 40 MB file over 10 Mbps: seconds?",
            '<answer fraction="100"><text>32</text><tolerance>0.5</tolerance></answer>',
            "<units><unit><multiplier>1</multiplier><unit_name>s</unit_name></unit></units>",
        ),
        bare(
            "matching",
            "Match the units.",
            "<subquestion><text>nibble</text><answer><text>4 bits</text></answer></subquestion>"
            "<subquestion><text></text><answer><text>9 bits</text></answer></subquestion>",
        ),
        bare("cloze", "Layers: Application, {1:SHORTANSWER:=Transport~Physical}, Link."),
        bare(
            "shortanswer",
            "Which device joins networks?",
            answer(100, "router"),
            answer(100, "a router"),
        ),
    )
    bank, said = _imported(source)
    assert [q.hint for q in bank.questions] == [
        "Answer: 13\n\nPlace values: 8, 4, 2, 1.",
        "Answers: gigabyte; terabyte",
        "Answer: False",
        "Answer: 32 ± 0.5 s",
        "Answers:\nnibble -> 4 bits",
        "Answers:\n(1) Transport",
        "Answer: router",
    ]
    assert "no grader information" not in said
    assert (
        f"{source}:3: question '1101-denary': a multichoice question becomes an essay "
        "question; its choices follow its text, its right answer opens the hint, and its "
        "answers are kept" in said
    )
    result = run_cli("cards", "--bank", source.with_suffix(".yaml"), "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    shown = " ".join(pdf_text(tmp_path / "out" / "y10-flashcards.pdf").split())
    for hint in ("Answer: 13", "Answers: gigabyte; terabyte", "Answer: False", "32 ± 0.5 s"):
        assert hint in shown
    assert "gave no grader information" not in shown


def test_an_id_number_a_bank_spells_otherwise_is_kept_as_a_bank_writes_it(tmp_path):
    """A new-user trial: a teacher's ID numbers 'DR-001', 'NET_02' ... were each replaced
    by an id made of the question's text ('what-denary-value-binary-number-1101'), so the
    Moodle XML sent back gave Moodle none of them."""
    given = ["DR-001", "NET_02", "Q 3", "Dr-001", "dr-005", "DR-005", "Größe-1"]
    source = _moodle_file(
        tmp_path / "ids.xml",
        *(
            _question("essay", f"Question {n}?", f"<idnumber>{idnumber}</idnumber>")
            for n, idnumber in enumerate(given)
        ),
    )
    bank, said = _imported(source)
    assert [q.id for q in bank.questions] == [
        "dr-001",
        "net-02",
        "q-3",
        "question-3",  # 'dr-001' is another question's already
        "dr-005",
        "question-5",  # and so is 'dr-005', given as it is
        "question-6",
    ]
    assert (
        f"{source}:3: question 'dr-001': its ID number 'DR-001' is the id 'dr-001', as a bank "
        "writes an id (lowercase letters, digits and single hyphens); the LMS files give "
        "Moodle 'dr-001' as its ID number, not 'DR-001'"
    ) in said
    assert "the id 'Dr-001' is not one a bank takes" in said
    result = run_cli(
        "lms", "--format", "moodle", "--bank", source.with_suffix(".yaml"), "--out", tmp_path
    )
    assert result.exit_code == 0, result.output
    written = etree.parse(str(tmp_path / "ids-moodle.xml"))
    assert written.xpath("//question[@type='essay']/idnumber/text()")[:3] == [
        "dr-001",
        "net-02",
        "q-3",
    ]


def test_a_choice_or_matching_questions_choices_follow_its_text_in_the_handout(tmp_path):
    """A new-user trial: 'Select all the units that are bigger than a megabyte.' came in
    without its choices (they were in the note alone), so neither the workshop handout nor
    the study page let anyone answer it; nor 'Match each unit to its size.'."""
    answers = "".join(
        f'<answer fraction="{fraction}" format="html"><text><![CDATA[<p>{text}</p>]]></text>'
        "</answer>"
        for fraction, text in ((50, "gigabyte"), (-100, "kilobyte"), (50, "terabyte"))
    )
    source = _moodle_file(
        tmp_path / "units.xml",
        _question(
            "multichoice",
            "<p>Select <strong>all</strong> the units bigger than a megabyte.</p>",
            "<single>false</single><answernumbering>ABCD</answernumbering>",
            answers,
        ),
        _question(
            "matching",
            "<p>Match each unit to its size.</p>",
            "<subquestion><text>nibble</text><answer><text>4 bits</text></answer></subquestion>"
            "<subquestion><text>byte</text><answer><text>8 bits</text></answer></subquestion>"
            "<subquestion><text></text><answer><text>3 bits</text></answer></subquestion>",
        ),
        _question("multichoice", "Pick one.", "<answernumbering>none</answernumbering>", answers),
    )
    bank, said = _imported(source)
    choice, matching, bare = bank.questions
    assert choice.question == (
        "Select **all** the units bigger than a megabyte.\n\n"
        "A. gigabyte\\\nB. kilobyte\\\nC. terabyte"
    )
    assert choice.id == "select-all-units-bigger-than-megabyte"  # its own words alone
    blank = "\\_" * 5  # five underscores, as Markdown shows them
    assert matching.question == (
        f"Match each unit to its size.\n\nnibble: {blank}\\\nbyte: {blank}\\\n"
        "Choices: 3 bits; 4 bits; 8 bits"
    )
    assert bare.question.endswith("Pick one.\n\ngigabyte\\\nkilobyte\\\nterabyte")
    assert "its choices follow its text" in said
    assert "its items and choices follow its text" in said
    result = run_cli("booklet", "--bank", source.with_suffix(".yaml"), "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    handout = " ".join(pdf_text(tmp_path / "out" / "units-workshop.pdf").split())
    for shown in ("A. gigabyte B. kilobyte C. terabyte", "nibble: _____ byte: _____"):
        assert shown in handout
    assert "Choices: 3 bits; 4 bits; 8 bits" in handout
    assert "Answer" not in handout  # the handout holds no answers


def test_moodles_own_words_for_a_default_category_are_not_the_banks_description(tmp_path):
    """A new-user trial: every Moodle 4 export's course category says 'The default category
    for questions shared in context 'Y10 Computing'.', which became the bank's description,
    the first words on the booklet's cover and the study page."""
    source = _moodle_file(
        tmp_path / "y10.xml",
        '<question type="category"><category><text>$course$/top/Default for Y10 Computing'
        '</text></category><info format="moodle_auto_format"><text>The default category for '
        "questions shared in context 'Y10 Computing'.</text></info></question>",
        '<question type="category"><category><text>$course$/top/Default for Y10 Computing/'
        'Networks</text></category><info format="html"><text><![CDATA[<p>GCSE 1.3.</p>]]>'
        "</text></info></question>",
        _question("essay", "Explain a LAN."),
    )
    bank, said = _imported(source)
    assert (bank.title, bank.description) == ("Default for Y10 Computing", "")
    assert [s.description for s in bank.sections] == ["GCSE 1.3."]  # a teacher's, kept
    assert (
        f"{source}:3: category 'Default for Y10 Computing': its description is Moodle's own"
    ) in said
    result = run_cli("booklet", "--bank", source.with_suffix(".yaml"), "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "default category" not in pdf_text(tmp_path / "out" / "y10-booklet.pdf")


def test_html_outside_cdata_is_read_as_html_and_said(tmp_path):
    """A matching question's `<text><p>Canada</p></text>` (HTML outside CDATA, which Moodle's
    export never writes but a hand-made file does) read as empty, unsaid: its items were
    gone from the handout and the hint. Every text reads such tags as HTML (a plain-text
    answer as its words), said at its question, as Moodle's own import refuses them."""
    source = _moodle_file(
        tmp_path / "m.xml",
        '<question type="matching"><name><text>Match the capitals</text></name>\n'
        '<questiontext format="html"><text><p>Match the <em>capitals</em> &amp; more.</p>'
        "</text></questiontext>\n"
        '<generalfeedback format="html"><text>Well <!-- a remark --> done.</text>'
        "</generalfeedback>\n"
        '<subquestion format="html"><text><p>Canada</p></text>'
        "<answer><text>Ottawa</text></answer></subquestion>\n"
        '<subquestion format="html"><text>France <i>(Europe)</i></text>'
        "<answer><text><b>Paris</b></text></answer></subquestion>\n"
        '<hint format="html"><text><p>Think <strong>north</strong>.</p></text></hint>\n'
        "</question>",
    )
    bank, said = _imported(source)
    (question,) = bank.questions
    blank = r"\_\_\_\_\_"  # a Markdown bank's, for the emphasis
    assert question.question == (
        f"Match the *capitals* & more.\n\nCanada: {blank}\\\nFrance (Europe): {blank}\\\n"
        "Choices: Ottawa; Paris"
    )
    assert question.hint == (
        "Answers:\\\nCanada -> Ottawa\\\nFrance (Europe) -> Paris\n\nWell done."
    )
    assert question.note == (
        "Answers:\\\nCanada -> Ottawa\\\nFrance (Europe) -> Paris\n\nMoodle hint: Think **north**."
    )
    assert (
        f"{source}:3: question '{question.id}': its text at lines 4, 5, 6 and 2 more holds tags "
        "(<p>, <em>, <i>, <b> and <strong>) outside <![CDATA[ ... ]]>, which Moodle's export "
        "never writes: read as HTML"
    ) in said


def _description(text: str, feedback: str = "") -> str:
    return (
        '<question type="description"><name><text>Read me</text></name><questiontext '
        f'format="html"><text><![CDATA[<p>{text}</p>]]></text></questiontext><generalfeedback '
        f'format="html"><text>{feedback}</text></generalfeedback></question>'
    )


def test_a_description_that_opens_its_category_is_its_sections_description(tmp_path):
    """A trial: Moodle's description item 'Data representation: read me before the next
    questions.' (text between questions, nothing to answer) became Q1, with the stand-in
    hint on a flashcard's back. One that opens its category describes the section; one
    between questions, in a category described already, or followed by no question stays a
    question, each said with why; the Moodle XML sent back imports as the same bank."""
    top = "$course$/top/Default for Y10"
    source = _moodle_file(
        tmp_path / "y10.xml",
        _category(f"{top}/Data"),
        _description("Data representation: read me before the next questions."),
        _question("essay", "What is a bit?"),
        _description("Now the bytes."),
        _question("essay", "What is a byte?"),
        '<question type="category"><category><text>'
        f'{top}/Networks</text></category><info format="html"><text>GCSE 1.3.</text></info>'
        "</question>",
        _description("About networks."),
        _question("essay", "Explain a LAN."),
        _category(f"{top}/Empty"),
        _description("Nothing follows."),
    )
    bank, said = _imported(source)
    assert [(s.name, s.description) for s in bank.sections] == [
        ("Data", "Data representation: read me before the next questions."),
        ("Networks", "GCSE 1.3."),
        ("Empty", ""),
    ]
    assert [q.question for q in bank.questions] == [
        "What is a bit?",
        "Now the bytes.",
        "What is a byte?",
        "About networks.",
        "Explain a LAN.",
        "Nothing follows.",
    ]
    described = (
        f"{source}:4: a description (text Moodle shows between questions, with nothing to "
        f"answer) opens category 'Default for Y10 / Data', and is its description"
    )
    assert described in said
    kept = "a description (text Moodle shows between questions, with nothing to answer) "
    kept += "becomes a question, as"
    assert f"{source}:6: question 'now-bytes': {kept} it comes after questions of" in said
    assert f"{source}:9: question 'about-networks': {kept} its category already has" in said
    assert f"{source}:12: question 'nothing-follows': {kept} no question of its" in said
    assert "no grader information or general feedback" not in said
    yaml_bank = source.with_suffix(".yaml")
    result = run_cli("booklet", "--bank", yaml_bank, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    booklet = " ".join(pdf_text(tmp_path / "out" / "y10-booklet.pdf").split())
    assert "Data Data representation: read me before the next questions." in booklet
    assert "Q1 What is a bit?" in booklet
    result = run_cli("lms", "--bank", yaml_bank, "--format", "moodle", "--out", tmp_path / "lms")
    assert result.exit_code == 0, result.output
    back, _ = _imported(tmp_path / "lms" / "y10-moodle.xml")
    assert back.sections == bank.sections
    assert [q.question for q in back.questions] == [q.question for q in bank.questions]


def test_a_description_longer_than_a_sections_stays_a_question(tmp_path):
    """One of 12,500 characters opening its category, as its section's description, refused
    the whole import (a section's description takes 10,000): it stays a question, said."""
    source = _moodle_file(
        tmp_path / "long.xml",
        _category("$course$/top/A"),
        _description("word " * 2500),
        _question("essay", "What is a bit?"),
    )
    result = run_cli("import", source)
    assert result.exit_code == 0, result.output  # `qbank check` says what to shorten
    bank = yaml.safe_load(source.with_suffix(".yaml").read_text(encoding="utf-8"))
    assert bank["sections"] == ["A"]
    assert [len(q["question"]) for q in bank["questions"]] == [12_499, 14]
    assert "becomes a question, as it is longer than the 10,000 characters" in result.output


def test_a_descriptions_name_id_number_and_tags_are_said_where_they_are_not_kept(tmp_path):
    """A description that opens its category becomes its section's description: its name,
    ID number and tags, which a section has no place for, went unsaid; one followed by no
    question, a question, kept its ID number but its name went unsaid (a review)."""
    own = "<idnumber>DESC-1</idnumber><tags><tag><text>week1</text></tag></tags>"
    source = _moodle_file(
        tmp_path / "d.xml",
        _category("$course$/top/Data"),
        _description("Look before the next questions.").replace("</question>", own + "</question>"),
        _question("essay", "What is a bit?"),
        _category("$course$/top/Empty"),
        _description("Nothing follows."),
    )
    bank, said = _imported(source)
    assert [(s.name, s.description) for s in bank.sections][0] == (
        "Data",
        "Look before the next questions.",
    )
    assert (
        f"{source}:4: a description (text Moodle shows between questions, with nothing to "
        "answer) opens category 'Data', and is its description: it opens the section in the "
        "booklet and on the study page, and Moodle XML gives it as the category's description; "
        "its name 'Read me', its ID number 'DESC-1' and its tags ('week1') are not kept, as a "
        "section has none"
    ) in " ".join(said.split())
    assert f"{source}:7: question 'nothing-follows': its name 'Read me' is not kept" in said


def test_a_name_that_stands_in_for_an_empty_text_is_not_said_to_be_lost(tmp_path):
    """Moodle's editor leaves '<p><br></p>' in a text a teacher emptied: the name stands in
    for it, said, and was also said to be 'not kept' (a review)."""
    source = _moodle_file(
        tmp_path / "empty-moodle.xml",
        _question("essay", "<p><br></p>", name="Explain TCP"),
    )
    bank, said = _imported(source)
    assert bank.questions[0].question == "Explain TCP"
    assert f"{source}:3: question 'explain-tcp': no question text; its name stands in" in said
    assert "is not kept" not in said


def test_a_category_path_holding_tags_outside_cdata_is_read_as_its_words(tmp_path):
    """A category's path with HTML outside CDATA ('$course$/top/<b>Data</b> &amp; more')
    was read as HTML, whose '</b>' the path's '/' split: the section was 'b> & more'."""
    source = _moodle_file(
        tmp_path / "path.xml",
        '<question type="category"><category><text>$course$/top/<b>Data</b> &amp; more'
        "</text></category></question>",
        _question("essay", "What is a bit?"),
    )
    bank, said = _imported(source)
    assert [s.name for s in bank.sections] == ["Data & more"]
    assert f"{source}:3: category 'Data & more': its text at line 3 holds tags (<b>)" in said


def test_a_description_that_opens_a_file_without_categories_describes_its_section(tmp_path):
    """A hand-made file (or another tool's) with no category puts its questions in the
    section 'General'; its opening description became a question 'as it comes before any
    category'. It is that section's description, as one opening a category is; one after
    the questions stays a question, said with why."""
    source = _moodle_file(
        tmp_path / "plain.xml",
        _description("Read the case study before you answer."),
        _question("essay", "What is a bit?"),
        _description("The end."),
        _question("essay", "What is a byte?"),
    )
    bank, said = _imported(source)
    assert [(s.name, s.description) for s in bank.sections] == [
        ("General", "Read the case study before you answer.")
    ]
    assert [q.question for q in bank.questions] == [
        "What is a bit?",
        "The end.",
        "What is a byte?",
    ]
    assert (
        f"{source}:3: a description (text Moodle shows between questions, with nothing to "
        "answer) opens section 'General' (the questions before any category), and is its "
        "description"
    ) in " ".join(said.split())
    assert f"{source}:5: question 'end': a description" in said
    assert "before any category, and a bank's sections" not in said
    result = run_cli("booklet", "--bank", source.with_suffix(".yaml"), "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    booklet = " ".join(pdf_text(tmp_path / "out" / "plain-booklet.pdf").split())
    assert "General Read the case study before you answer. 3 questions" in booklet


def test_a_description_before_the_first_category_and_no_question_stays_a_question(tmp_path):
    """An opening description followed by a category, not by a question, has no section to
    describe: it stays a question in 'General', said, where it once was; the cap and order
    of questions are those of every question (Read.add)."""
    source = _moodle_file(
        tmp_path / "first.xml",
        _description("Welcome to the quiz."),
        _category("$course$/top/Data"),
        _question("essay", "What is a bit?"),
    )
    bank, said = _imported(source)
    assert [(q.section, q.question) for q in bank.questions] == [
        ("General", "Welcome to the quiz."),
        ("Data", "What is a bit?"),
    ]
    assert (
        f"{source}:3: question 'welcome-quiz': a description (text Moodle shows between "
        "questions, with nothing to answer) becomes a question, as no question follows it "
        "before the file's first category"
    ) in " ".join(said.split())


def test_a_true_false_question_shows_its_two_choices_from_moodle_xml_and_gift(tmp_path):
    """A Moodle or GIFT true-false question came in as its statement alone: the workshop
    handout showed 'A bus has no single point of failure.' with no word that it asks for
    true or false. 'True' and 'False' follow it, lettered, as Moodle's page shows them
    (whatever order the file gives its answers in), as a choice question's choices do."""
    answers = (
        '<answer fraction="100" format="moodle_auto_format"><text>false</text></answer>'
        '<answer fraction="0" format="moodle_auto_format"><text>true</text></answer>'
    )
    xml = _moodle_file(
        tmp_path / "tf.xml",
        _question("truefalse", "A bus has no single point of failure.", answers),
    )
    gift = tmp_path / "tf-gift.gift"
    gift.write_text("A bus has no single point of failure. {F}\n", encoding="utf-8")
    for source in (xml, gift):
        bank, said = _imported(source)
        (question,) = bank.questions
        assert question.question == "A bus has no single point of failure.\n\na. True\nb. False"
        assert question.hint.startswith("Answer: False")
        assert "choices follow its text" in said
        out = tmp_path / f"out-{source.stem}"
        result = run_cli("booklet", "--bank", source.with_suffix(".yaml"), "--out", out)
        assert result.exit_code == 0, result.output
        handout = " ".join(pdf_text(next(out.glob("*workshop*.pdf"))).split())
        assert "A bus has no single point of failure. a. True b. False" in handout, handout


def test_the_words_import_writes_are_in_the_files_language(tmp_path):
    """A French Moodle teacher's true-false and matching questions came in with 'Answer:
    False', 'True'/'False' and 'Choices:' among French words. Where the import knows the
    language (--lang, the one the file's texts in several languages come in, a file qbank
    wrote), its words are in it: French here, with French's space before the colon; a file
    that gives none keeps English."""

    def answer(fraction: int, text: str) -> str:
        return f'<answer fraction="{fraction}"><text>{text}</text></answer>'

    matching = (
        "<subquestion><text>quartet</text><answer><text>4 bits</text></answer></subquestion>"
        "<subquestion><text>octet</text><answer><text>8 bits</text></answer></subquestion>"
    )
    source = _moodle_file(
        tmp_path / "fr.xml",
        _question("truefalse", "Un bus a un point unique de défaillance.", answer(100, "true"))
        + "\n"
        + _question("matching", "Associez.", matching),
    )
    result = run_cli("import", source, "--lang", "fr", "-o", tmp_path / "fr.yaml")
    assert result.exit_code == 0, result.output
    statement, pairs = load_bank(tmp_path / "fr.yaml").questions
    assert statement.question.endswith("\n\na. Vrai\nb. Faux")
    assert statement.hint.startswith("Réponse\u00a0: Vrai")
    assert (statement.note or "").startswith("Réponses\u00a0:\n")
    assert "Choix\u00a0: 4 bits; 8 bits" in pairs.question
    assert pairs.hint.startswith("Réponses\u00a0:\nquartet -> 4 bits")
    # in several languages, French most: the same words, with no --lang
    spans = '<span lang="{}" class="multilang">{}</span>'
    both = spans.format("fr", "Le ciel est bleu.") + spans.format("en", "The sky is blue.")
    several = _moodle_file(
        tmp_path / "multi.xml", _question("truefalse", both, answer(100, "true"))
    )
    bank, _ = _imported(several)
    assert bank.questions[0].hint.startswith("Réponse\u00a0: Vrai"), bank.questions[0].hint
    english, _ = _imported(
        _moodle_file(tmp_path / "en.xml", _question("truefalse", "Sky?", answer(100, "true")))
    )
    assert english.questions[0].hint.startswith("Answer: True")


def test_the_notes_labels_are_in_the_files_language(tmp_path):
    """The labels import writes in a note and a hint around a Moodle file's own parts were
    English in a French bank ('General feedback', 'Right order', 'Gaps:', 'Moodle hint',
    'Answer template', ', feedback:', and the hint written where the file gives none); with
    --lang fr they are the words of Moodle's French language pack where it has them."""
    ordering = "".join(
        f'<answer fraction="{place}" format="moodle_auto_format"><text>{word}</text></answer>'
        for place, word in ((2, "Objet"), (1, "Module"))
    )
    chosen = (
        '<answer fraction="100"><text>Paris</text><feedback><text>Oui</text></feedback></answer>'
        '<answer fraction="0"><text>Lyon</text></answer>'
        '<hint format="html"><text>Pensez au nord.</text></hint>'
    )
    essay = (
        '<graderinfo format="html"><text>Cite deux ports.</text></graderinfo>'
        '<responsetemplate format="html"><text>Port :</text></responsetemplate>'
    )
    source = _moodle_file(
        tmp_path / "fr.xml",
        _question("ordering", "Dans l'ordre ?", ordering),
        _question("cloze", "<p>Capitale : {1:SHORTANSWER:=Paris}</p>"),
        _question("multichoice", "Capitale ?", chosen),
        _question("essay", "Quels ports ?", essay),
        '<question type="essay"><name><text>V</text></name><questiontext format="html">'
        "<text>Pourquoi ?</text></questiontext></question>",
    )
    result = run_cli("import", source, "--lang", "fr", "-o", tmp_path / "fr.yaml")
    assert result.exit_code == 0, result.output
    bank = load_bank(tmp_path / "fr.yaml")
    order, cloze, capital, ports, why = bank.questions
    colon = "\u00a0: "
    assert order.hint.startswith(f"Ordre correct{colon}Module, Objet")
    assert (cloze.note or "").startswith("Trous\u00a0:\n(1) Paris")
    assert f"Paris (100%), feedback{colon}Oui" in (capital.note or "")
    assert f"Indice Moodle{colon}Pensez au nord." in (capital.note or "")
    assert f"Feedback général{colon}Feedback." in (ports.note or "")
    assert f"Modèle de réponse{colon}Port :" in (ports.note or "")
    assert why.hint == (
        "(Le fichier Moodle ne donnait ni information pour l'évaluateur ni feedback.)"
    )
    written = " ".join(f"{q.question} {q.hint} {q.note}" for q in bank.questions)
    english = ("General feedback", "Right order", "Gaps", "Moodle hint", "Answer template")
    assert not [word for word in english if word in written], written
    assert ", feedback: " not in written and "The Moodle file" not in written


def test_a_gift_files_notes_labels_are_in_the_language_lang_names(tmp_path):
    """A GIFT file's answers' feedback ('feedback:') and the hint written where the file
    gives none were English in a German bank; with --lang de they are German."""
    source = tmp_path / "de.gift"
    source.write_text("Welche Farbe? {=Rot#Richtig ~Blau#Nein}\n\nWarum? {}\n", encoding="utf-8")
    result = run_cli("import", source, "--lang", "de", "-o", tmp_path / "de.yaml")
    assert result.exit_code == 0, result.output
    colour, why = load_bank(tmp_path / "de.yaml").questions
    assert (colour.note or "").startswith("Antworten:\nRot (100%), Feedback: Richtig\n")
    assert why.hint == "(Die GIFT-Datei gab kein Feedback.)"


def test_a_question_with_no_text_is_named_where_a_teacher_finds_it(tmp_path):
    """A GIFT question with a title and no text ('::Ports::{}') was refused, and the whole
    file with it, as "question 'question': 'question' is empty"; its title stands in for
    its text, as a Moodle XML question's name does. One with nothing to stand in is left
    out, said at its line, and the others come in."""
    source = tmp_path / "empty.gift"
    source.write_text("::Ports and services::{}\n\nWhy? {}\n\n{}\n", encoding="utf-8")
    bank, said = _imported(source)
    assert [(q.id, q.question) for q in bank.questions] == [
        ("ports-services", "Ports and services"),
        ("why", "Why?"),
    ]
    assert f"{source}:1: question 'ports-services': no question text; its title stands in" in said
    assert "its title 'Ports and services' is not kept" not in said
    assert (
        f"{source}:5: a question with no text, and no name or title to stand in for it, is not "
        "imported: write its text in the file, or delete it there"
    ) in said
    assert "'question'" not in said
    unnamed = '<question type="essay"><name><text></text></name><questiontext format="html">'
    xml = _moodle_file(
        tmp_path / "empty-moodle.xml",
        f"{unnamed}<text><![CDATA[<p><br></p>]]></text></questiontext></question>",
        _question("essay", "Why?"),
    )
    bank, said = _imported(xml)
    assert [q.question for q in bank.questions] == ["Why?"]
    assert f"{xml}:3: a question with no text, and no name or title" in said
