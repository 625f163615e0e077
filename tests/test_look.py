"""One reader for the look: every template file is checked key by key, and one run reports
every problem of every file as FILE:LINE: [table] key: message, with exit 1 and nothing
built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import own_look
from readback import artifact_text, html_data

import qbank
import qbank.debrief.words  # noqa: F401 (each reader declares the shape of what it reads)
import qbank.exporters.anki  # noqa: F401
import qbank.exporters.booklet  # noqa: F401
import qbank.exporters.cards  # noqa: F401
import qbank.exporters.html  # noqa: F401
import qbank.exporters.lms  # noqa: F401
import qbank.exporters.packet  # noqa: F401
from qbank import look
from qbank.exporters import exporters, on_request
from qbank.look import LookError
from qbank.paths import BUILTIN_TEMPLATES, Templates

FIXTURE_BANK = Path(__file__).parent / "fixtures" / "minimal.yaml"


def _line(path: Path, written: str) -> int:
    """The line of the file at `path` that `written` starts on, as an editor counts."""
    text = path.read_text(encoding="utf-8")
    assert written in text, (path, written)
    return text[: text.index(written)].count("\n") + 1


def test_the_built_in_look_passes():
    assert look.check_all(Templates()) == []  # and warns of nothing: each word uses its {}
    for name in look.declared():
        assert look.values(name, Templates())


def test_the_built_in_look_is_checked_once_and_a_looks_own_files_at_every_build(
    tmp_path, monkeypatch
):
    """A build without --templates checked the built-in files again (2.4 ms a build, of
    thousands in the suite's processes); each build still gets values of its own, and a
    look's own file is checked at every build, as it may change between two."""
    look.check_all(Templates())
    shapes_checked = []
    real = look._missing_together
    monkeypatch.setattr(look, "_missing_together", lambda p: shapes_checked.append(1) or real(p))
    mine = look.values(look.THEME_FILE, Templates())
    mine["colors"]["muted"] = "#123456"
    assert look.check_all(Templates()) == []
    assert shapes_checked == []
    assert look.values(look.THEME_FILE, Templates())["colors"]["muted"] != "#123456"
    folder = own_look(tmp_path, {look.THEME_FILE: ("[colors]", "[colors]")})
    for _ in range(2):
        assert look.check_all(Templates.of(folder), [look.THEME_FILE]) == []
    assert len(shapes_checked) == 2


def test_every_toml_template_has_a_shape():
    files = {p.relative_to(BUILTIN_TEMPLATES).as_posix() for p in BUILTIN_TEMPLATES.rglob("*.toml")}
    assert files == set(look.declared())


def test_each_exporter_names_the_look_files_it_reads():
    """What a build checks before it runs: every file its exporters read, declared beside
    its reader; the debrief names its own."""
    from qbank.debrief import LOOK

    read = {name for e in exporters() + on_request() for name in e.look} | set(LOOK)
    assert read == set(look.declared())
    # the study page's look is its page, style, script and words, and the scale's labels
    assert {e.name: e.look for e in exporters()}["html"] == (
        "html/words.toml",
        "packet/rubric.toml",
    )


def test_a_build_checks_only_the_look_its_exporters_read(cli, tmp_path):
    folder = own_look(
        tmp_path / "look", {"packet/theme.toml": ('text = "#1f2328"', 'text = "blue"')}
    )
    result = cli("html", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 0, result.output  # the study page reads no Word theme
    result = cli("packet", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 1 and "[colors] text: 'blue'" in result.output


def test_one_run_reports_every_problem_of_every_file(cli, tmp_path):
    folder = own_look(
        tmp_path / "look",
        {
            "theme.toml": ('muted = "#57606a"\n', ""),
            "booklet/words.toml": ('part = "PART {number}"', 'part = "PART {nmber}"'),
            "packet/theme.toml": ('text = "#1f2328"', 'text = "blue"'),
            "packet/rubric.toml": ("score = 2\n", "score = 1\n"),
        },
    )
    out = tmp_path / "out"
    result = cli("all", "--bank", FIXTURE_BANK, "--out", out, "--templates", folder)
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    # a key the file lacks is said at its table's header; the scores at the first that does
    # not rise (the second level's)
    theme, words = folder / "theme.toml", folder / "booklet" / "words.toml"
    packet, rubric = folder / "packet" / "theme.toml", folder / "packet" / "rubric.toml"
    second_score = _line(rubric, 'score = 1\nlabel = "Limited"')
    expected = [
        f"{theme}:{_line(theme, '[colors]')}: [colors] muted: missing",
        f"{words}:{_line(words, 'part = ')}: part: unknown placeholder {{nmber}} (this text "
        "may use {number})",
        f"{packet}:{_line(packet, 'text = ')}: [colors] text: 'blue' should be a colour "
        "written '#rrggbb'",
        f"{rubric}:{second_score}: [[levels]] score: the scores must rise from one level to "
        "the next",
    ]
    for line in expected:
        assert any(line in shown for shown in lines), (line, result.output)
    assert "internal error" not in result.output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    "name,old,new,message",
    [
        (
            "theme.toml",
            "body_size = 10",
            "body_size = '10'",
            "[booklet] body_size: '10' should be a number",
        ),
        (
            "theme.toml",
            'regular = "NotoSans-Regular.ttf"',
            'regular = "NotoSans-Regularr.ttf"',
            "[fonts] regular: 'NotoSans-Regularr.ttf': no such file in",
        ),
        (
            "theme.toml",
            'regular = "NotoSans-Regular.ttf"',
            'regular = "/etc/passwd"',  # a path reached any file, and a non-font one crashed
            "[fonts] regular: '/etc/passwd': a font of the look's own lies in its folder",
        ),
        (
            "theme.toml",
            'regular = "NotoSans-Regular.ttf"',
            'regular = "../fonts/NotoSans-Regular.ttf"',
            "[fonts] regular: '../fonts/NotoSans-Regular.ttf': a font of the look's own lies in "
            "its folder",
        ),
        (  # a cut fallback font has no space: a trial's text ran its words together
            "theme.toml",
            'regular = "NotoSans-Regular.ttf"',
            'regular = "DejaVuSans-Letters.ttf"',
            "[fonts] regular: 'DejaVuSans-Letters.ttf' holds only the few characters qbank "
            "draws with it where the others lack them, no space nor Latin letter; choose one of",
        ),
        (
            "theme.toml",
            "index = 17,",
            "index = -17,",
            "[cards.question_size] index: -17 should be from 0.5 to 200",
        ),
        (  # TOML's date, as written (it showed as datetime.date(1979, 5, 27))
            "theme.toml",
            "body_size = 10",
            "body_size = 1979-05-27",
            "[booklet] body_size: 1979-05-27 should be a number",
        ),
        (
            "theme.toml",
            "move_whole_max_blank = 0.4",
            "move_whole_max_blank = nan",
            "[booklet] move_whole_max_blank: nan should be a number",
        ),
        (
            "packet/theme.toml",
            'font = "body"',
            'font = "bodyy"',
            "[styles.Normal] font: 'bodyy' is not one of [fonts]",
        ),
        # a font of no name: the packet's text took the reader's default font
        (
            "packet/theme.toml",
            'body = "Calibri"',
            'body = " "',
            '[fonts] body: names no font; write a font\'s name, as "Calibri"',
        ),
        (
            "packet/theme.toml",
            "notes_lines = 6",
            "notes_lines = 6.5",
            "[layout] notes_lines: 6.5 should be a whole number",
        ),
        (
            "packet/theme.toml",
            "form = [0.14, 0.23, 0.14, 0.17, 0.14, 0.18]",
            "form = [0.5, 0.5, 0.5]",
            "[columns] form: the fractions add up to 1.5, more than 1",
        ),
        (
            "packet/rubric.toml",
            'footer = "{title} · Candidate: {candidate}"',
            'footer = "{title"',
            "[labels] footer: a lone { or }",
        ),
        (
            "packet/debrief.toml",
            "calibration_ratings = 3",
            "calibration_rating = 3",
            "[flags] calibration_rating: unknown key; did you mean 'calibration_ratings'?",
        ),
        (
            "booklet/words.toml",
            '[study]\ntitle = "Study edition"',
            "[study]\ntitle = 3",
            "[study] title: 3 should be text in quotes",
        ),
        # a thirteenth month shifted every date of the cover by a month (a Spanish trial)
        (
            "booklet/words.toml",
            'months = [\n    "January",',
            'months = [\n    "ene", "January",',
            "months: needs exactly 12 entries, not 13",
        ),
        # a button with no words, and so no name for a screen reader (a Spanish trial)
        (
            "html/words.toml",
            'show_answer = "Show answer"',
            'show_answer = " "',
            "show_answer: is empty; write the words it stands for",
        ),
        (
            "html/words.toml",
            'show_answer = "Show answer"',
            'show_answer = "\\u200b"',
            "show_answer: is empty; write the words it stands for",
        ),
        # a language written by its name, as the bank's is told the tag to write
        (
            "html/words.toml",
            'language = "en"',
            'language = "español"',
            'language: \'español\' should be a language tag in quotes, as "en", "de" or '
            '"pt-BR"; for español, write "es"',
        ),
        # a country's code and an underscore, as the bank's are told (a review)
        (
            "html/words.toml",
            'language = "en"',
            'language = "jp"',
            'language: \'jp\' should be a language tag in quotes, as "en", "de" or '
            "\"pt-BR\"; 'jp' is a country's code, the language's is \"ja\"",
        ),
        (
            "cards/calibration.toml",
            'language = "en"',
            'language = "pt_BR"',
            'language: \'pt_BR\' should be a language tag in quotes, as "en", "de" or '
            '"pt-BR"; write it with a hyphen: "pt-BR"',
        ),
        # a blank label printed an empty one: the fillable packet's 'Not rated' button
        (
            "packet/rubric.toml",
            'not_rated = "Not rated"',
            'not_rated = " "',
            "[labels] not_rated: is empty; write the words it stands for",
        ),
        (
            "booklet/words.toml",
            'hint = "HINT"',
            'hint = ""',
            "hint: is empty; write the words it stands for",
        ),
        # the cards' words, an edition's and the packets' footer were taken blank, and
        # printed nothing where they go
        (
            "theme.toml",
            'note_label = "Note:"',
            'note_label = " "',
            "[cards] note_label: is empty; write the words it stands for",
        ),
        (
            "booklet/words.toml",
            '[workshop]\ntitle = "Workshop handout"',
            '[workshop]\ntitle = ""',
            "[workshop] title: is empty; write the words it stands for",
        ),
        (
            "packet/rubric.toml",
            'label = "Solid"',
            'label = "\u200b"',
            "levels[3] label: is empty; write the words it stands for",
        ),
        # a format the study page's script does not read showed as typed (a review)
        (
            "html/words.toml",
            'questions = "{total} questions"',
            'questions = "{total:,} questions"',
            "questions: {total:,}: a placeholder is its name in braces, as {total}",
        ),
        # one unbroken word of 10,000 letters as a gutter label kept a build busy for minutes
        (
            "booklet/words.toml",
            'hint = "HINT"',
            f'hint = "{"H" * 1001}"',
            "hint: is 1,001 characters long, more than the 1,000 a text of the look may hold; "
            "shorten it",
        ),
        # a question label's word that the booklet's gutter, or the number after it, cannot take
        (
            "packet/rubric.toml",
            'question_label = "Q"',
            'question_label = "Frage "',
            "[labels] question_label: 'Frage ' should be a letter or an abbreviation of at most 3 "
            "characters, without digits, blanks, braces or < > & ('Q', 'F', 'Nr.'): the "
            "question's number follows it",
        ),
        # markup, which went into the deck's Number field as it was (a review)
        (
            "anki/words.toml",
            'question_label = "Q"',
            'question_label = "<i>"',
            "question_label: '<i>' should be a letter",
        ),
        (
            "theme.toml",
            'question_label = "Q"',
            'question_label = "Q1"',
            "[cards] question_label: 'Q1' should be a letter",
        ),
        # a brand's colour typed as its guide or a style sheet writes it, or with a digit lost
        *(
            ("theme.toml", 'text = "#1f2328"', f'text = "{typed}"', f"[colors] text: {said}")
            for typed, said in (
                ("0B3D2E", "'0B3D2E' should be a colour written '#rrggbb': write '#0B3D2E'"),
                (
                    "rgb(11, 61, 46)",
                    "'rgb(11, 61, 46)' should be a colour written '#rrggbb': write '#0b3d2e'",
                ),  # fmt: skip
                (
                    "#0B3D2",
                    "'#0B3D2' should be a colour written '#rrggbb' (this has 5 digits; "
                    "a colour has 6: copy it from the brand's guide)",
                ),  # fmt: skip
                (
                    "green",
                    "'green' should be a colour written '#rrggbb' (a colour's name is "
                    "not read: write its code from the brand's guide)",
                ),  # fmt: skip
            )
        ),
    ],
)
def test_each_kind_of_mistake_names_the_file_and_the_key(tmp_path, name, old, new, message):
    """Each at the line of its key (an array's first, an inline table's)."""
    folder = own_look(tmp_path / "look", {name: (old, new)})
    from qbank.paths import Templates

    with pytest.raises(look.LookError) as caught:
        look.check_all(Templates.of(folder))
    key = next(line for line in new.splitlines() if " = " in line)
    assert f"{folder / name}:{_line(folder / name, key)}: {message}" in str(caught.value)


def test_a_word_blank_on_purpose_stays_blank(tmp_path):
    """The words that mean something blank (no line for the candidate's name in the footer,
    the deck's 'section' tag, an edition's blurb: the bank's description) are taken so;
    every other word of the look is refused blank."""
    blank = {
        "packet/rubric.toml": ('candidate_blank = "_' + "_" * 23 + '"', 'candidate_blank = ""'),
        "anki/words.toml": ('section_tag = "section"', 'section_tag = " "'),
        # the cover's line and the PDF's subject: the bank's description
        "booklet/words.toml": (
            'blurb = "Questions only, with space to write your answers."',
            'blurb = ""',
        ),
    }
    assert look.check_all(Templates.of(own_look(tmp_path / "look", blank))) == []


@pytest.mark.parametrize(
    "name, old, new",
    [
        # pages that say only their number
        ("packet/rubric.toml", 'footer = "{title} · Candidate: {candidate}"', 'footer = ""'),
        # a handout's cover without its paragraph on how to use it
        (
            "booklet/words.toml",
            'how_to = """Write your answer on the lines below each question. The minutes '
            'beside a \\\nquestion are a guide to how long to spend on it."""',
            'how_to = ""',
        ),
    ],
)
def test_a_text_left_out_on_purpose_is_taken(tmp_path, name, old, new):
    """A look from before blank texts were refused that leaves out the packets' footer or
    an edition's how-to paragraph built, and printed nothing there, as meant; refused, it
    had no way to leave them out."""
    blank = {name: (old, new)}
    assert look.check_all(Templates.of(own_look(tmp_path / "look", blank))) == []


def test_a_key_an_earlier_qbank_read_is_a_warning_and_a_misspelt_one_an_error(cli, tmp_path):
    """A --templates folder copied from an earlier qbank still builds: the rubric words it
    used for the anchors' old row are named, with what to do, and section_questions, which
    no page printed and a Spanish trial translated for nothing; a misspelt key stays an
    error."""
    notes = 'notes = "Notes"\n'
    old_words = (
        'anchors = "For this question"\nanchor_between = "Between {below} and {above}"\n'
        'section_questions = "{count} preguntas"\n'
    )
    folder = own_look(tmp_path / "look", {"packet/rubric.toml": (notes, old_words + notes)})
    out = tmp_path / "out"
    result = cli("packet", "--bank", FIXTURE_BANK, "--out", out, "--templates", folder)
    assert result.exit_code == 0, result.output
    rubric = folder / "packet" / "rubric.toml"
    anchors, between = _line(rubric, "anchors = "), _line(rubric, "anchor_between = ")
    assert result.stderr.splitlines() == [
        f"{rubric}:{anchors}: warning: [labels] anchors: not used any more (each anchor is a "
        "row of its own, with its score and label); remove it",
        f"{rubric}:{between}: warning: [labels] anchor_between: not used any more (a score the "
        "bank gives no anchor for is left out); remove it",
        f"{rubric}:{between + 1}: warning: [labels] section_questions: not used any more (no "
        "page prints a section's number of questions); remove it",
    ]
    assert [p.suffix for p in out.iterdir()] == [".docx"]
    misspelt = own_look(tmp_path / "misspelt", {"packet/rubric.toml": (notes, "note_s = 'N'\n")})
    result = cli("packet", "--bank", FIXTURE_BANK, "--out", out, "--templates", misspelt)
    assert result.exit_code == 1
    assert "[labels] note_s: unknown key; did you mean 'notes'?" in result.stderr


@pytest.mark.parametrize(
    ("name", "before", "old_line", "key"),
    [
        (
            "packet/theme.toml",
            "interview_minutes = ",
            "default_minutes = 10",
            "[layout] default_minutes",
        ),
        ("packet/theme.toml", "plan = ", "plan_panel = [0.1, 0.9]", "[columns] plan_panel"),
        (
            "packet/rubric.toml",
            "time_plan_intro = ",
            'time_plan_panel_intro = "Yours"',
            "[labels] time_plan_panel_intro",
        ),
        (
            "packet/rubric.toml",
            "running_order_intro = ",
            'asked_by = "Asked by"',
            "[labels] asked_by",
        ),
    ],
)
def test_a_key_of_the_first_days_looks_is_a_warning_to_remove_it(
    tmp_path, name, before, old_line, key
):
    """Keys of a look copied in qbank's first days, which no qbank since reads, were
    'unknown key' and exit 1 (an upgrade trial): each is a warning at its line that says
    why it is not read and to remove it."""
    text = (BUILTIN_TEMPLATES / name).read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith(before))
    folder = own_look(tmp_path / "look", {name: (line, f"{old_line}\n{line}")})
    path = folder / name
    (warning,) = look.check_all(Templates.of(folder), [name])
    assert warning.startswith(
        f"{path}:{_line(path, old_line)}: warning: {key}: not used any more ("
    )
    assert warning.endswith("); remove it")


def test_the_first_days_footer_names_the_candidate_and_says_what_to_write(cli, tmp_path):
    """The packets' footer of a look from qbank's first days ended 'Candidate: ____' for a
    name written by hand: a packet made --candidate printed the blank line on every page,
    and a warning said only that {candidate} was not used (an upgrade trial). Its blank line
    is read as {candidate}, and the warning says to write it there."""
    import zipfile

    first_days = 'footer = "{title} · Candidate: ________________________"'
    now = 'footer = "{title} · Candidate: {candidate}"'
    folder = own_look(tmp_path / "look", {"packet/rubric.toml": (now, first_days)})
    out = tmp_path / "out"
    result = cli(
        "packet",
        "--bank",
        FIXTURE_BANK,
        "--candidate",
        "Jo Ko",
        "--templates",
        folder,
        "--out",
        out,
    )
    assert result.exit_code == 0, result.output
    rubric = folder / "packet" / "rubric.toml"
    assert result.stderr.splitlines() == [
        f"{rubric}:{_line(rubric, 'footer = ')}: warning: [labels] footer: its blank line "
        "'________________________' is read as {candidate}, the candidate's name (or "
        "candidate_blank's line when there is none); write {candidate} in its place"
    ]
    (packet,) = out.glob("*.docx")
    with zipfile.ZipFile(packet) as archive:
        footers = "".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")
        )
    assert "Candidate: Jo Ko" in footers and "____" not in footers
    # a blank line for another name is the look's own, kept as written (a review)
    interviewer = 'footer = "{title} · Interviewer: ________"'
    folder = own_look(tmp_path / "look2", {"packet/rubric.toml": (now, interviewer)})
    out = tmp_path / "out2"
    args = ("--candidate", "Jo Ko", "--templates", folder, "--out", out)
    result = cli("packet", "--bank", FIXTURE_BANK, *args)
    assert result.exit_code == 0, result.output
    assert "read as {candidate}" not in result.stderr
    (packet,) = out.glob("*.docx")
    with zipfile.ZipFile(packet) as archive:
        footers = "".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")
        )
    assert "Interviewer: ________" in footers and "Jo Ko" not in footers


def test_a_theme_from_before_the_fonts_of_fit_builds_and_names_the_key_it_dropped(cli, tmp_path):
    """The packet's [fit] of the last version: an average character width, no bold or code
    font to measure with. The build measures in the fonts qbank brings and says what to
    remove."""
    new = 'measure_bold_font = "NotoSans-Bold.ttf"'
    fit = own_look(tmp_path / "look", {"packet/theme.toml": (new, "character_width_em = 0.53")})
    theme = fit / "packet" / "theme.toml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace('measure_code_font = "NotoSansMono-Regular.ttf"', ""), "utf-8")
    out = tmp_path / "out"
    result = cli("packet", "--bank", FIXTURE_BANK, "--out", out, "--templates", fit)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{theme}:{_line(theme, 'character_width_em')}: warning: [fit] character_width_em: not "
        "used any more (texts are measured word by word in measure_font, measure_bold_font "
        "and measure_code_font); remove it"
    ]
    assert [p.suffix for p in out.iterdir()] == [".docx"]


# Each length that can leave a page no room has a bound, and a look with every one of them
# at its bound still builds every artifact (a trial's packet with margin_mm = 100 worked
# for ever; line_spacing_mm = 250 filled memory with empty pages)
LONGEST = {  # file: {table: {key: its bound}}
    "theme.toml": {
        "booklet": {
            **dict.fromkeys(
                "margin_top_mm margin_bottom_mm margin_left_mm margin_right_mm "
                "header_from_edge_mm footer_from_edge_mm".split(),
                50,
            ),
            "gutter_mm": 30,
            "cover_drop_mm": 100,
            "line_spacing_mm": 20,
        },
        "cards": {
            "padding_mm": 8,
            "band_height_mm": 5,
            "gap_mm": 8,
            "label_size": 14,
            "part_size": 14,
            "min_size": 10,
        },
    },
    "packet/theme.toml": {
        "page": {"margin_mm": 40, "footer_mm": 30},
        "layout": {"line_mm": 20, "field_mm": 40, "scorecard_row_mm": 20},
    },
}


def _longest_look(folder: Path, over: int = 0) -> Path:
    import re

    for name, tables in LONGEST.items():
        text = (BUILTIN_TEMPLATES / name).read_text(encoding="utf-8")
        for table, values in tables.items():
            start = text.index(f"\n[{table}]")
            end = text.find("\n[", start + 1)
            end = len(text) if end < 0 else end
            part = text[start:end]
            for key, value in values.items():
                part, found = re.subn(rf"(?m)^{key} = [0-9.]+", f"{key} = {value + over}", part)
                assert found == 1, key
            text = text[:start] + part + text[end:]
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_every_length_past_its_bound_is_refused(cli, tmp_path):
    folder = _longest_look(tmp_path / "look", over=1)
    result = cli("check", "--templates", folder, "--bank", FIXTURE_BANK)
    assert result.exit_code == 1
    for name, tables in LONGEST.items():
        for table, values in tables.items():
            for key, value in values.items():
                said = f"{folder / name}:[0-9]+: \\[{table}\\] {key}: {value + 1} should be from"
                assert re.search(said, result.output), said


@pytest.mark.slow
def test_a_look_with_every_length_at_its_bound_builds_everything(cli, tmp_path):
    from helpers import FIXTURES

    folder = _longest_look(tmp_path / "look")
    bank = FIXTURES / "markdown" / "rich.yaml"
    for paper in ("a4", "letter"):
        out = tmp_path / paper
        for command in ("all", "packet --format pdf --all", "cards --card a7"):
            result = cli(*command.split(), "--templates", folder, "--bank", bank, "--paper", paper,
                         "--out", out)  # fmt: skip
            assert result.exit_code == 0, (command, result.output)
    # the smallest card holds a row of code at these lengths, and a code block's rows run on
    # over its cards (it was refused as a look without room when a code line's rows did not
    # fit one card)
    result = cli("cards", "--card", "business", "--templates", folder, "--bank", bank,
                 "--out", tmp_path / "business")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output


def test_a_layout_error_of_an_own_look_names_the_look(cli, tmp_path, monkeypatch):
    """Every value in range, but together they leave a part no room: reportlab's
    LayoutError is the look's, said as such; with the built-in look it stays qbank's bug."""
    from reportlab.platypus.doctemplate import LayoutError

    import qbank.exporters.html as html

    def too_large(*args, **options):
        raise LayoutError("Flowable <Paragraph> too large on page 1")

    # the page's writer and preflight stand in for a PDF's layout here
    monkeypatch.setattr(html, "write_page", too_large)
    monkeypatch.setattr(html, "render_page", too_large)
    folder = own_look(tmp_path / "look", {"theme.toml": ("body_size = 10", "body_size = 11")})
    result = cli("html", "--templates", folder, "--bank", FIXTURE_BANK, "--out", tmp_path)
    assert result.exit_code == 1
    assert result.output.startswith(f"{folder}: the look leaves a part of the page no room (")
    result = cli("html", "--bank", FIXTURE_BANK, "--out", tmp_path)
    assert result.exit_code == 1 and "internal error" in result.output


def test_a_column_of_no_width_is_measured_not_broken_for_ever():
    from qbank.wordml.fit import lines_of

    class Face:
        def advance(self, text: str) -> float:
            return 500.0 * len(text)

    assert lines_of("a word", Face(), 10, 0) >= 2
    assert lines_of("a word", Face(), 10, -50) >= 2


def test_a_booklet_past_the_pages_its_text_could_fill_stops(cli, tmp_path, monkeypatch):
    """A part split for ever into empty pages filled memory for minutes; past the pages its
    text could fill, the booklet stops, said as the look's under --templates. The limit
    leaves a long code block its pages (a question of 4,950 code lines made 70 and was
    refused)."""
    import qbank.exporters.booklet as booklet

    lines = "\n".join(["      x"] * 2000)
    bank = tmp_path / "long.yaml"
    bank.write_text(
        "title: L\nmarkup: markdown\nquestions:\n  - id: a\n    section: S\n    question: Q?\n"
        f"    hint: |\n      ```\n{lines}\n      ```\n",
        encoding="utf-8",
    )
    assert cli("booklet", "--bank", bank, "--out", tmp_path / "long").exit_code == 0
    monkeypatch.setattr(booklet, "PAGE_LIMIT_BASE", -10_000)  # as if every page were empty
    folder = own_look(tmp_path / "look", {"theme.toml": ("body_size = 10", "body_size = 11")})
    result = cli("booklet", "--bank", bank, "--templates", folder, "--out", tmp_path / "o")
    assert result.exit_code == 1
    assert result.output.startswith(f"{folder}: the look leaves a part of the page no room (")
    assert "the booklet ran past" in result.output


@pytest.mark.parametrize("command", ["check", "packet", "qbank.build"])
def test_check_names_a_debrief_look_that_no_longer_matches_the_packets(cli, tmp_path, command):
    """The packet's recommendation options translated, the debrief's `not_a_step` left in
    English: `check` and `packet` say so before the interviews, with the options to write
    (only `debrief` did, after them, refusing the filled packets: a panel trial), and so
    does the library's build of the packets (it built them); a debrief.toml of its own is
    checked as well."""
    look = own_look(
        tmp_path / "look",
        {"packet/rubric.toml": ('"No decision"]', '"Sin decisión"]')},
    )

    def refusal() -> str:  # what the command or the library call refuses, "" for none
        if command == "qbank.build":
            try:
                qbank.build(FIXTURE_BANK, tmp_path / "out", ["packet"], templates=look)
            except LookError as refused:
                return str(refused)
            return ""
        given = (command, "--bank", FIXTURE_BANK, "--templates", look, "--out", tmp_path / "out")
        result = cli(*given)
        assert result.exit_code in (0, 1), result.output
        return result.stderr if result.exit_code else ""

    said = refusal()
    assert not (tmp_path / "out").exists()
    assert "not_a_step: 'No decision' is not an option of packet/rubric.toml" in said
    assert "'Yes', 'Strong yes', 'Sin decisión': name those" in said
    own_look(look, {"packet/debrief.toml": ('["No decision"]', '["Sin decisión"]')})
    assert refusal() == ""
    own_look(look, {"packet/debrief.toml": ("calibration_ratings", "calibration_rating")})
    said = refusal()
    assert "debrief.toml" in said
    assert "calibration_rating: unknown key; did you mean 'calibration_ratings'?" in said


def test_check_names_a_problem_of_the_lms_words_without_being_asked_for_lms(cli, tmp_path):
    """A translated lms/words.toml was checked only by `check --lms moodle`: `check
    --templates` passed a look whose Moodle files would then not build."""
    look = own_look(tmp_path / "look", {"lms/words.toml": ('hint = "Hint"', 'hnit = "Indice"')})
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", look)
    assert result.exit_code == 1
    assert "lms/words.toml" in result.stderr and "hnit: unknown key" in result.stderr


def test_a_problem_names_the_line_its_key_stands_on(cli, tmp_path):
    """FILE:LINE: message, as every other file's error (a French teacher's trial: the key
    was named, but not where it was); a key the file lacks has no line of its own."""
    folder = own_look(
        tmp_path / "look",
        {
            "booklet/words.toml": ('follow_ups = "FOLLOW-UP"', 'folow_ups = "SUITES"'),
            "packet/theme.toml": ('font = "heading"\nsize = 16', 'font = "heading"\nsize = "16"'),
        },
    )
    words, theme = folder / "booklet" / "words.toml", folder / "packet" / "theme.toml"
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", folder)
    assert result.exit_code == 1
    heading = _line(theme, 'size = "16"')
    assert result.stderr.splitlines() == [  # in the order of the files' paths
        f"{words}:{_line(words, 'folow_ups')}: folow_ups: unknown key; did you mean 'follow_ups'?",
        f"""{theme}:{heading}: [styles."Heading 1"] size: '16' should be a number""",
    ]


def test_a_looks_problems_are_in_the_order_of_their_lines_each_with_its_place(tmp_path):
    """A file's problems were said in the order of its keys' checks, line 5 before line 4,
    and a library's host could only take the text apart to place them (a library trial):
    a LookError's problems are in the order of the files and their lines, each a text
    with its `file`, `line` and `message`."""
    folder = own_look(
        tmp_path / "look",
        {
            "booklet/words.toml": (
                'contents = "Contents"\nquestion_label = "Q"',
                "question_label = 5\ncontents = 3",
            ),
            "packet/theme.toml": ('text = "#1f2328"', 'text = "blue'),
        },
    )
    words, theme = folder / "booklet" / "words.toml", folder / "packet" / "theme.toml"
    with pytest.raises(LookError) as caught:
        look.check_all(Templates.of(folder))
    problems = caught.value.problems
    assert [(p.file, p.line, p.column, p.message) for p in problems] == [
        (
            str(words),
            _line(words, "question_label"),
            0,
            "question_label: 5 should be text in quotes",
        ),
        (str(words), _line(words, "contents"), 0, "contents: 3 should be text in quotes"),
        (
            str(theme),
            _line(theme, "text = "),
            13,
            "cannot read the template: a text in quotes is closed by the same quote on its line; "
            'write: text = "blue"',
        ),
    ]
    assert str(caught.value) == "\n".join(problems)
    assert problems[0] == f"{words}:{problems[0].line}: {problems[0].message}"


def test_the_lines_of_keys_however_they_are_written():
    """The scan that places a problem: headers, arrays of tables, dotted and quoted keys; a
    value's later lines (an array's, a long string's) hold no key, whatever they look like."""
    import tomllib

    text = (
        "# a comment = 1\n"  # 1
        'top = "a # not a comment"  # one\n'  # 2
        '"quoted key" = 2\n'  # 3
        "dotted . key = 3\n"  # 4
        "months = [\n"  # 5
        '  "a", "b = c",\n'  # 6
        '  "[not_a_table]", { inline = 1 },\n'  # 7
        "]\n"  # 8
        'long = """\n'  # 9
        "fake = 1\n"  # 10
        '[fake] \\""" still text\n'  # 11
        '"""\n'  # 12
        "literal = '''x'''\n"  # 13
        '[ booklet . "in.side" ]   # a table\n'  # 14
        "size = 1\n"  # 15
        "[[levels]]\n"  # 16
        "score = 1\n"  # 17
        "[[levels]]\n"  # 18
        "score = 2\n"  # 19
        "[[levels.notes]]\n"  # 20
        "said = 'x'\n"  # 21
    )
    tomllib.loads(text)  # a file that has parsed: the scan only reads such
    assert look.key_lines(text) == {
        ("top",): 2,
        ("quoted key",): 3,
        ("dotted", "key"): 4,
        ("months",): 5,
        ("long",): 9,
        ("literal",): 13,
        ("booklet", "in.side"): 14,
        ("booklet", "in.side", "size"): 15,
        ("levels",): 16,
        ("levels", 0): 16,
        ("levels", 0, "score"): 17,
        ("levels", 1): 18,
        ("levels", 1, "score"): 19,
        ("levels", 1, "notes"): 20,
        ("levels", 1, "notes", 0): 20,
        ("levels", 1, "notes", 0, "said"): 21,
    }


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            'contents = "Contents\n',
            ":1:21: cannot read the template: a text in quotes is closed by the same quote on "
            'its line; write: contents = "Contents"',
        ),
        ('hint = "H"\nmonths = ["a",\n"b"', ":3:4: cannot read the template: Unclosed array"),
        # a trial: a text without its quotes, in tomllib's words alone ("Invalid value")
        (
            "contents = Table of contents\n",
            ":1:12: cannot read the template: Invalid value: a text is written in straight "
            'double quotes; write: contents = "Table of contents"',
        ),
        (
            "contents = \u201cContents\u201d  # the heading\n",
            ":1:12: cannot read the template: Invalid value: \u201c is not a quote to TOML, only "
            'straight quotes " are; write: contents = "Contents"',
        ),
        (
            "note = 45 minutes\n",
            ":1:11: cannot read the template: Expected newline or end of document after a "
            "statement: a number is digits alone, and a text is in straight double quotes; "
            'write: note = 45, or note = "45 minutes"',
        ),
    ],
)
def test_a_file_that_is_not_toml_names_the_line_and_column(cli, tmp_path, text, said):
    """As the bank's reader says a YAML error: FILE:LINE:COL: message (tomllib said the
    place at the message's end, in words)."""
    words = tmp_path / "look" / "booklet" / "words.toml"
    words.parent.mkdir(parents=True)
    words.write_text(text, encoding="utf-8")
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", tmp_path / "look")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{words}{said}"]


def test_a_misspelt_key_is_said_once(cli, tmp_path):
    """The unknown key that is the near miss of a missing one says both ('did you mean');
    a key missing with no near miss is still said."""
    text = (BUILTIN_TEMPLATES / "booklet" / "words.toml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^note = .*\n", "", text).replace("follow_ups =", "folow_ups =")
    words = tmp_path / "look" / "booklet" / "words.toml"
    words.parent.mkdir(parents=True)
    words.write_text(text, encoding="utf-8")
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", tmp_path / "look")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{words}: note: missing",
        f"{words}:{_line(words, 'folow_ups')}: folow_ups: unknown key; did you mean 'follow_ups'?",
    ]


def test_a_word_that_leaves_out_its_placeholder_is_a_warning(cli, tmp_path):
    """`questions = "questions"` printed "... questions" with no count, and said nothing.
    A translation may mean to ("une question"), so it is a warning at the word's line,
    from check and from a build alike, and the look builds."""
    folder = own_look(
        tmp_path / "look",
        {
            "booklet/words.toml": ('questions = "{n} questions"', 'questions = "questions"'),
            "html/words.toml": ('step = "Question {n} of {total}"', 'step = "Question {n}"'),
            "packet/rubric.toml": ('subtotal = "Subtotal · {section}"', 'subtotal = "Sous-total"'),
        },
    )
    words, page = folder / "booklet" / "words.toml", folder / "html" / "words.toml"
    rubric = folder / "packet" / "rubric.toml"
    booklet_warning = (
        f"{words}:{_line(words, 'questions = ')}: warning: questions: the placeholder {{n}} is "
        "not used, so what it stands for is not shown"
    )
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", folder)
    assert result.exit_code == 0, result.output
    for said in (
        booklet_warning,
        f"{page}:{_line(page, 'step = ')}: warning: step: the placeholder {{total}} is not "
        "used, so what it stands for is not shown",
        f"{rubric}:{_line(rubric, 'subtotal = ')}: warning: [labels] subtotal: the placeholder "
        "{section} is not used, so what it stands for is not shown",
    ):
        assert said in result.stderr.splitlines(), (said, result.stderr)
    result = cli("booklet", "--bank", FIXTURE_BANK, "--templates", folder, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert booklet_warning in result.stderr.splitlines()
    assert list((tmp_path / "o").glob("*.pdf"))


def test_a_file_of_only_the_changed_words_is_one_line_saying_what_to_do(cli, tmp_path):
    """A translator's words.toml with only the words they changed: 124 lines of 'missing'
    (a trial), and not a word of where to start from. Now one line, at the file, naming the
    first keys and the count, and `qbank templates`; the keys it does hold are checked."""
    words = tmp_path / "look" / "booklet" / "words.toml"
    words.parent.mkdir(parents=True)
    words.write_text('hint = "ПОДСКАЗКА"\nnote = 3\n', encoding="utf-8")
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", tmp_path / "look")
    assert result.exit_code == 1
    kind = look.SHAPES["booklet/words.toml"].kind
    total = len(set(kind.keys) - kind.optional - kind.later) - 2  # all it must hold, but two
    assert result.stderr.splitlines() == [
        f"{words}: {total} keys of the built-in file are missing here (contents, part, "
        f"in_this and {total - 3} more): a file of the look replaces the built-in one whole, "
        "so it holds every key; `qbank templates FOLDER` writes the built-in files into a "
        "new FOLDER, to start from and change",
        f"{words}:2: note: 3 should be text in quotes",
    ]


PALE = '"#FFEE88" (its question numbers, labels and name in the header) on white paper has contrast'


@pytest.mark.parametrize(
    "name, edits, key, said",
    [
        (  # a section's colour: pale text on paper
            "theme.toml",
            [('"#1a7f37"', '"#FFEE88"')],
            "sections = ",
            f"[colors] sections[2]: {PALE} 1.17:1; text needs 4.5:1 (WCAG 2.2, 1.4.3): choose "
            "a darker colour",
        ),
        (  # a shade behind good text: the shade's line
            "theme.toml",
            [('code_background = "#f2f4f7"', 'code_background = "#555555"')],
            "code_background = ",
            '[colors] code_background: "#555555" under a note\'s code in "#57606a" ([colors] '
            "muted) has contrast 1.16:1; text needs 4.5:1 (WCAG 2.2, 1.4.3): choose a lighter "
            "colour",
        ),
        (  # the packet's: its worst use, the smallest text in it
            "packet/theme.toml",
            [('accent = "#0b5cad"', 'accent = "#FFEE88"')],
            "accent = ",
            '[colors] accent: "#FFEE88" ([styles."Packet Label"], 8.5 pt bold) on white paper '
            "has contrast 1.17:1; text needs 4.5:1 (WCAG 2.2, 1.4.3): choose a darker colour",
        ),
        (  # the study page's: pale links, and a white label on a pale button
            "html/style.css",
            [("--accent: #0b5cad;", "--accent: #FFEE88;")],
            "--accent: #FFEE88",
            '--accent: "#FFEE88" (links) on "#ffffff" (--bg) has contrast 1.17:1; text needs '
            "4.5:1 (WCAG 2.2, 1.4.3): choose a darker colour",
        ),
        (  # a shade behind text that reads on the page: the shade's, in its scheme
            "html/style.css",
            [("--code-bg: #262c36;", "--code-bg: #aaaaaa;")],
            "--code-bg: #aaaaaa",
            '--code-bg in the dark scheme: "#aaaaaa" under code\'s comments in "#9da7b3" '
            "(--tok-comment in the dark scheme) has contrast 1.04:1; text needs 4.5:1 (WCAG "
            "2.2, 1.4.3): choose a darker colour",
        ),
        (  # the deck's: a brand's amber for the card's number, never measured (a brand trial)
            "anki/style.css",
            [("--qb-accent: #0b5cad;", "--qb-accent: #FFEE88;")],
            "--qb-accent: #FFEE88",
            '--qb-accent: "#FFEE88" (the card\'s number and links) on "#ffffff" '
            "(--qb-background) has contrast 1.17:1; text needs 4.5:1 (WCAG 2.2, 1.4.3): choose "
            "a darker colour",
        ),
        (  # large text (24 pt bold) needs 3:1, which #8f8f8f has; 4.5:1 at 10.5 pt
            "packet/theme.toml",
            [
                ('shade = "#e9eef5"', 'shade = "#e9eef5"\ngrey = "#8f8f8f"'),
                (
                    'size = 24\nbold = true\ncolor = "accent"',
                    'size = 24\nbold = true\ncolor = "grey"',
                ),
            ],
            None,
            None,
        ),
        (
            "packet/theme.toml",
            [
                ('shade = "#e9eef5"', 'shade = "#e9eef5"\ngrey = "#8f8f8f"'),
                (
                    'size = 24\nbold = true\ncolor = "accent"',
                    'size = 10.5\nbold = true\ncolor = "grey"',
                ),
            ],
            "grey = ",
            '[colors] grey: "#8f8f8f" ([styles.Title], 10.5 pt bold) on white paper has contrast '
            "3.23:1; text needs 4.5:1 (WCAG 2.2, 1.4.3): choose a darker colour",
        ),
    ],
)
def test_a_colour_text_cannot_be_read_in_or_on_is_a_warning_at_its_line(
    cli, tmp_path, name, edits, key, said
):
    """A section's '#FFEE88' printed pale Q numbers and headers nobody could read, without a
    word: text against what it stands on falls short of WCAG's least contrast (4.5:1, 3:1 for
    large text). A warning at the colour's line; the look still builds."""
    path = tmp_path / "look" / name
    path.parent.mkdir(parents=True)
    text = (BUILTIN_TEMPLATES / name).read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", tmp_path / "look")
    assert result.exit_code == 0, result.output
    look_said = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert look_said == ([f"{path}:{_line(path, key)}: warning: {said}"] if key else [])


LABEL_FILES = (
    "booklet/words.toml",
    "theme.toml",
    "packet/rubric.toml",
    "anki/words.toml",
    "html/words.toml",
)


def test_a_question_label_the_looks_files_give_apart_is_warned_at_each(cli, tmp_path):
    """A translator set 'P' in three of the five files that hold the question label: the
    deck and the packet said Q7 without a word (a Spanish trial). Each file that says
    otherwise is warned at its line; one the look does not have, as the built-in one."""
    changed = {n: ('question_label = "Q"', 'question_label = "P"') for n in LABEL_FILES[:2]}
    changed["anki/words.toml"] = ('question_label = "Q"', 'question_label = "P"')
    changed["packet/rubric.toml"] = ("", "")  # as built in: Q
    folder = own_look(tmp_path / "look", changed)  # html/words.toml: the built-in one
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", folder)
    assert result.exit_code == 0, result.output
    rubric = folder / "packet" / "rubric.toml"
    ours = "the 'P' of booklet/words.toml, theme.toml and anki/words.toml"
    assert [line for line in result.stderr.splitlines() if "question_label" in line] == [
        f"{rubric}:{_line(rubric, 'question_label')}: warning: question_label 'Q' is not {ours}: "
        'each artifact prints its own; write question_label = "P" here too',
        f"{folder / 'html' / 'words.toml'}: warning: the built-in html/words.toml labels "
        f"questions 'Q', not {ours}: copy it into the look (`qbank templates FOLDER` writes "
        'it) and write question_label = "P" there',
    ]


@pytest.mark.parametrize(("word", "shown"), [("F", "F"), (None, "Q")])
def test_the_question_label_is_the_looks_word_in_every_artifact(cli, tmp_path, word, shown):
    """The Q of Q1 was English in every artifact, whatever the look: each words file's
    question_label gives it (a German look's F1: booklet, cards, packet, deck and study
    page); a look from before it shows Q1."""
    new = f'question_label = "{word}"' if word else ""
    look_folder = own_look(
        tmp_path / "look", {n: ('question_label = "Q"', new) for n in LABEL_FILES}
    )
    out = tmp_path / "out"
    result = cli("all", "--bank", FIXTURE_BANK, "--templates", look_folder, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    built = sorted(out.iterdir())
    assert {p.suffix for p in built} == {".pdf", ".apkg", ".docx", ".html"}
    other = "Q" if shown == "F" else "F"
    for path in built:
        text = artifact_text(path)
        assert re.search(rf"\b{shown}1\b", text) and not re.search(rf"\b{other}1\b", text), path
    (page,) = out.glob("*.html")
    assert html_data(page)["questions"][0]["label"] == f"{shown}1"


def test_a_look_copied_before_later_words_and_styles_builds_with_the_built_in_ones(cli, tmp_path):
    """A look copied two days earlier (without the booklet's 'rated' and 'follow_ups', the
    rubric's competency labels, the packet's Packet Code Block style) was refused whole,
    and once let through stopped the DOCX packet with an internal error (a brand trial):
    the built-in words and style stand in, and it builds."""
    later_words = ("follow_ups", "rated", "rated_intro", "sources", "facts_checked")
    later_labels = ("competency", "coverage_title", "coverage_intro", "why_time", "fill_in_pdf")
    later_labels += ("asked_by_other",)

    folder = tmp_path / "look"
    (folder / "booklet").mkdir(parents=True)
    (folder / "packet").mkdir()
    (folder / "booklet" / "words.toml").write_text(_without("booklet/words.toml", later_words))
    (folder / "packet" / "rubric.toml").write_text(_without("packet/rubric.toml", later_labels))
    theme = (BUILTIN_TEMPLATES / "packet" / "theme.toml").read_text(encoding="utf-8")
    start = theme.index('[styles."Packet Code Block"]')
    end = theme.index("[styles.", start + 1)
    (folder / "packet" / "theme.toml").write_text(theme[:start] + theme[end:])
    bank = tmp_path / "code.yaml"  # a code block: the Packet Code Block's
    bank.write_text(
        "title: Code\nmarkup: markdown\nquestions:\n  - id: run\n    section: Basics\n"
        "    question: How do you run the tests?\n    hint: |\n      Type:\n\n"
        "      ```\n      make test\n      ```\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    said = {}
    for command in ("booklet", "packet"):
        result = cli(command, "--bank", bank, "--templates", folder, "--out", out)
        assert result.exit_code == 0, result.output
        said[command] = result.stderr
    assert "make test" in artifact_text(out / "code-packet.docx")
    # each file says once which words the built-in English stands in for: a translated
    # look printed 'asked by Ben' mid-page without a word
    rubric, words = folder / "packet" / "rubric.toml", folder / "booklet" / "words.toml"
    added = "qbank added since this look was copied are missing here, so the built-in English"
    assert said["packet"].splitlines() == [
        f"{rubric}:{_line(rubric, '[labels]')}: warning: 6 words {added} prints in their place: "
        'competency = "Competency", coverage_title = "Competencies", '
        'coverage_intro = "Which competency each question of this\u2026", '
        'asked_by_other = "asked by {names}" and 2 more (why_time, fill_in_pdf); add them '
        "under [labels] in the look's language"  # lines to paste there, as TOML reads them
    ]
    assert said["booklet"].splitlines() == [
        *said["packet"].splitlines(),  # the booklet reads the rubric's default minutes
        f"{words}: warning: 5 words {added} prints in their place: follow_ups = "
        '"FOLLOW-UP", rated = "RATED", rated_intro = "How answers are rated", sources = '
        '"SOURCES" and 1 more (facts_checked); add them above [study] in the look\'s language',
    ]
    # followed as said, the lines above [study], the look has every word; pasted at the
    # file's end they went into its last table, refused there (a review)
    text = words.read_text(encoding="utf-8")
    built_in = (BUILTIN_TEMPLATES / "booklet" / "words.toml").read_text(encoding="utf-8")
    lines = re.findall(rf"(?m)^(?:{'|'.join(later_words)}) *= .*\n", built_in)
    words.write_text(text.replace("[study]", f"{''.join(lines)}[study]", 1), encoding="utf-8")
    result = cli("check", "--bank", bank, "--templates", folder)
    assert result.exit_code == 0 and str(words) not in result.stderr, result.stderr


def test_words_missing_from_two_tables_are_told_at_each_table(tmp_path, monkeypatch):
    """A file lacking later words in two of its tables is told a warning at each table's
    heading, with the lines to paste under it; one warning said '[guide] scale_intro =
    ...', which pasted as said is no TOML. packet/rubric.toml's [guide] is given a later
    word here, as no file of the look has them in two tables yet."""
    from dataclasses import replace

    shape = look.SHAPES["packet/rubric.toml"]
    guide = replace(shape.kind.keys["guide"], later=frozenset({"scale_intro"}))
    kind = replace(shape.kind, keys={**shape.kind.keys, "guide": guide})
    monkeypatch.setitem(look.SHAPES, "packet/rubric.toml", replace(shape, kind=kind))
    rubric = own_look(tmp_path / "look", {"packet/rubric.toml": ('not_rated = "Not rated"', "")})
    rubric = rubric / "packet" / "rubric.toml"
    text = re.sub(r"(?m)^scale_intro = .*\n", "", rubric.read_text(encoding="utf-8"))
    rubric.write_text(text, encoding="utf-8")
    warnings = look.check_all(Templates.of(tmp_path / "look"), ["packet/rubric.toml"])
    added = "qbank added since this look was copied is missing here, so the built-in English"
    assert warnings == [
        f"{rubric}:{_line(rubric, '[guide]')}: warning: a word {added} prints in its place: "
        'scale_intro = "Score the answer you heard against the\u2026"; add it under [guide] '
        "in the look's language",
        f"{rubric}:{_line(rubric, '[labels]')}: warning: a word {added} prints in its place: "
        'not_rated = "Not rated"; add it under [labels] in the look\'s language',
    ]


def test_words_of_a_table_the_file_lacks_are_told_with_its_heading(tmp_path):
    """theme.toml copied before its [cards] table: the cards' words are told to go under a
    line [cards] at the file's end; 'add them under [cards]' sent the user looking for a
    table the file has not."""
    theme = (BUILTIN_TEMPLATES / "theme.toml").read_text(encoding="utf-8")
    (tmp_path / "look").mkdir()
    path = tmp_path / "look" / "theme.toml"
    path.write_text(theme[: theme.index("[cards]")], encoding="utf-8")
    (warning,) = look.check_all(Templates.of(tmp_path / "look"), ["theme.toml"])
    assert warning.startswith(f"{path}: warning: 8 words qbank added since")
    assert warning.endswith(
        "add them in the look's language at the file's end, under a line [cards]"
    )


def _without(name: str, keys: tuple[str, ...]) -> str:
    """The built-in file `name` without the lines of `keys` (a look copied before them)."""
    text = (BUILTIN_TEMPLATES / name).read_text(encoding="utf-8")
    return re.sub(rf"(?m)^(?:{'|'.join(keys)}) *= .*\n", "", text)


def test_a_look_from_the_first_days_builds_and_debriefs_with_the_built_in_keys(cli, tmp_path):
    """A look copied in qbank's first days lacks the packet's interview length, the
    debrief's columns, the Packet Source style, the rubric's source and group labels and
    the debrief's competency words: it was refused whole, by the packet and the debrief
    (an upgrade trial). The built-in keys stand in; the packet and its debrief build."""
    from filling import Filled, fill

    folder = tmp_path / "look"
    (folder / "packet").mkdir(parents=True)
    theme = _without("packet/theme.toml", ("interview_minutes", "debrief_[a-z]+"))
    start = theme.index('[styles."Packet Source"]')
    theme = theme[:start] + theme[theme.index("[styles.", start + 1) :]
    (folder / "packet" / "theme.toml").write_text(theme, encoding="utf-8")
    rubric = ("sources", "facts_checked", "page_of", "candidate_blank", "group[a-z_]+")
    (folder / "packet" / "rubric.toml").write_text(_without("packet/rubric.toml", rubric))
    debrief = ("unrated_mark", "weighted_[a-z]+", "competenc[a-z_]+", "spread", "changed")
    (folder / "packet" / "debrief.toml").write_text(_without("packet/debrief.toml", debrief))
    bank = tmp_path / "old.yaml"
    bank.write_text(
        "title: Old\nquestions:\n  - id: why\n    section: Basics\n    question: Why?\n"
        "    hint: Because.\n    sources:\n      - {title: Manual, url: 'https://example.org/'}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = cli("packet", "--bank", bank, "--templates", folder, "--out", out)
    assert result.exit_code == 0, result.output
    assert "Sources" in artifact_text(out / "old-packet.docx")
    header = {"candidate": "Jo", "interviewer": "Ann", "interview-date": "2026-12-01"}
    filled = fill(out / "old-packet.docx", tmp_path / "filled.docx", Filled(header, {"why": [4]}))
    result = cli("debrief", filled, "--bank", bank, "--templates", folder, "--out", out)
    assert result.exit_code == 0, result.output
    assert "Jo" in artifact_text(out / "old-debrief-jo.docx")


OLD_LOOKS = Path(__file__).parent / "fixtures" / "old-looks"


@pytest.mark.parametrize(
    ("snapshot", "commands", "warned"),
    [
        (  # the first days' theme.toml had no [booklet] nor [cards]; the packet's no
            # [columns], [fit] nor plan words, and a key no qbank reads now
            "596f97c",
            (("booklet",), ("cards",), ("packet",), ("packet", "--format", "pdf")),
            ("packet/theme.toml", "scorecard_question_chars = ", "[layout] scorecard_question"),
        ),
        (  # the debrief's first comparison column
            "ea18a54",
            (("packet",),),
            ("packet/theme.toml", "debrief_candidate = ", "[columns] debrief_candidate"),
        ),
        (  # the card of the note type with a Sources field, which the released one has not
            "ad60a36",
            (("anki",),),
            ("anki/back.html", "{{#Sources}}", "{{#Sources}}...{{/Sources}}: the deck's notes"),
        ),
        ("f787780", (("html",),), None),  # the study page's words before import_too_large
    ],
)
def test_a_look_copied_from_an_earlier_qbank_builds(cli, tmp_path, snapshot, commands, warned):
    """The files of a look as an earlier qbank's `templates/` held them (tests/fixtures/
    old-looks/<commit>: only those refused at HEAD) were refused by check and by the
    artifacts that read them, for a key or a table added since, a key retired or a card's
    field dropped (a review): each builds, the built-in look standing in for what it lacks,
    with a warning at the line of what to remove."""
    import shutil

    folder = shutil.copytree(OLD_LOOKS / snapshot, tmp_path / "look")
    out = tmp_path / "out"
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", folder)
    assert result.exit_code == 0, result.output
    for command in commands:
        built = cli(*command, "--bank", FIXTURE_BANK, "--templates", folder, "--out", out)
        assert built.exit_code == 0, built.output
    if warned:
        name, written, said = warned
        path = folder / name
        assert f"{path}:{_line(path, written)}: warning: {said}" in result.stderr
    for path in out.iterdir():  # each artifact holds the bank's questions
        assert "And y?" in artifact_text(path), path


@pytest.mark.parametrize(
    "old,new,at_line,message",
    [
        # a colour the packet draws in by its name, left out: an internal error (KeyError)
        ('shade = "#e9eef5"', "#", "[colors]", "[colors] shade: missing"),
        ('writing_line = "#b7bfc7"', "#", "[colors]", "[colors] writing_line: missing"),
        # misspelt: said at the misspelt key, not at the four styles that name 'accent'
        (
            'accent = "#0b5cad"',
            'acent = "#0b5cad"',
            "acent = ",
            "[colors] acent: did you mean 'accent'? qbank reads 'accent', which this table lacks",
        ),
    ],
)
def test_a_colour_the_packet_draws_in_missing_is_told_at_its_table(
    cli, tmp_path, old, new, at_line, message
):
    """packet/theme.toml's [colors] may hold colours of the look's own, but not lack those
    qbank draws the packet and the debrief in (a designer's trial: 'internal error: packet:
    KeyError: 'shade'')."""
    folder = own_look(tmp_path / "look", {"packet/theme.toml": (old, new)})
    theme = folder / "packet" / "theme.toml"
    out = tmp_path / "out"
    result = cli("packet", "--bank", FIXTURE_BANK, "--out", out, "--templates", folder)
    assert result.exit_code == 1, result.output
    assert f"{theme}:{_line(theme, at_line)}: {message}" in result.output.splitlines()
    assert "internal error" not in result.output and "is not one of [colors]" not in result.output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    "command,name,old,new,said_at,said",
    [
        (
            "html",
            "html/style.css",
            "body {\n",
            "body {{\n",
            "body {{",
            "this '{' is never closed, and a browser reads every rule after it as inside its "
            "block, so they may not apply: close it with '}' where its rule ends",
        ),
        (  # the '}' that closes .card's block stands after its block has ended
            "anki",
            "anki/style.css",
            "  --qb-muted: #57606a;\n",
            "  --qb-muted: #57606a; }\n",
            "background-color: var(--qb-background);\n}",
            "this '}' closes no '{' (the block before it ends at line {ended}), and a "
            "browser leaves out the rule after it: take out the one too many",
        ),
        ("anki", "anki/rich.css", "{", "{ {", "{ {", "this '{' is never closed"),
    ],
)
def test_a_style_sheets_brace_without_its_match_is_a_warning_at_its_line(
    cli, tmp_path, command, name, old, new, said_at, said
):
    """The build goes on, but a browser reads the rules after an open '{' as inside its
    block: 'body {{' left the study page in the browser's font and black without a word
    (a designer's trial). A '}' too many is said where the browser finds it, with the line
    where the block before it ended, where the one too many often is."""
    folder = own_look(tmp_path / "look", {name: (old, new)})
    sheet = folder / name
    result = cli(command, "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 0, result.output
    line = _line(sheet, said_at) + said_at.count("\n")
    said = said.replace("{ended}", str(_line(sheet, new)))
    expected = f"{sheet}:{line}: warning: {said}"
    assert any(shown.startswith(expected) for shown in result.output.splitlines()), result.output


def test_a_looks_scale_apart_from_the_one_a_banks_anchors_are_keyed_by_is_a_warning(cli, tmp_path):
    """A bank without a `rubric:` keys its anchors by the default 1 to 5 (the loader reads
    no look); a designer's packet/rubric.toml of four levels printed each question's '5'
    anchor beside rating boxes of 1 to 4, and its '3' as 'Exceeds', without a word. A
    look that keeps the scores 1 to 5, whatever its labels, is said nothing of."""
    levels = (BUILTIN_TEMPLATES / "packet" / "rubric.toml").read_text(encoding="utf-8")
    fifth = levels[levels.index("[[levels]]\nscore = 5") : levels.index("[guide]")]
    folder = own_look(tmp_path / "look", {"packet/rubric.toml": (fifth, "")})
    rubric = folder / "packet" / "rubric.toml"
    bank = FIXTURE_BANK.parent / "interview-bank.yaml"
    first_level = _line(rubric, "[[levels]]\nscore = 1")
    for command in ("packet", "html", "check"):
        result = cli(command, "--bank", bank, "--out", tmp_path / "out", "--templates", folder)
        assert result.exit_code == 0, result.output
        said = [line for line in result.output.splitlines() if "[[levels]]" in line]
        assert said == [
            f"{rubric}:{first_level}: warning: [[levels]]: the look's scale is "
            "1 to 4, but the bank has no `rubric:` of its own, so its questions' anchors are "
            "scores of 1 to 5 and are labelled by the look's scale; 12 questions (first "
            "'authn-authz') have an anchor at 5, which no interviewer can tick: give the bank a "
            "`rubric:` with the look's levels (check then reads its anchors by it), or keep "
            "the look's scores 1 to 5"
        ], result.output
    relabelled = own_look(
        tmp_path / "relabelled", {"packet/rubric.toml": ('label = "Solid"', 'label = "Gut"')}
    )
    result = cli("packet", "--bank", bank, "--out", tmp_path / "out", "--templates", relabelled)
    assert result.exit_code == 0 and "[[levels]]" not in result.output, result.output


def test_a_text_left_as_built_in_that_names_a_word_the_look_changed_is_a_warning(cli, tmp_path):
    """A designer's 'Hint given' became 'Hilfestellung gegeben' on every rating row while
    the guide still said to tick 'Hint given', and the study page's tally said '0 Good'
    beside buttons renamed; a text the look rewrote itself is its own, and said nothing of."""
    folder = own_look(
        tmp_path / "look",
        {
            "packet/rubric.toml": ('hint_given = "Hint given"', 'hint_given = "Hilfe gegeben"'),
            "html/words.toml": ('good = "Good"', 'good = "Sitzt"'),
        },
    )
    rubric, words = folder / "packet" / "rubric.toml", folder / "html" / "words.toml"
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", folder)
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "still says" in line]
    tally = "tally = "
    assert said == [
        f"{rubric}:{_line(rubric, 'steps = [')}: warning: [guide] steps: still says 'Hint given', "
        "where the look now says 'Hilfe gegeben' ([labels] hint_given): say it so here too",
        f"{words}:{_line(words, tally)}: warning: tally: still says 'Good', where the look now "
        "says 'Sitzt' (good): say it so here too",
        *(
            f"{words}:{_line(words, key + ' = ')}: warning: {key}: still says 'Good', where the "
            "look now says 'Sitzt' (good): say it so here too"
            for key in ("section_tally", "key_rate", "summary_text")
        ),
    ], result.output
    rewritten = own_look(
        tmp_path / "rewritten",
        {"html/words.toml": ('good = "Good"', 'good = "Sitzt"')},
    )
    text = words.read_text(encoding="utf-8")
    for key in ("tally", "section_tally", "key_rate", "summary_text"):
        line = next(x for x in text.splitlines() if x.startswith(key + " = "))
        own = rewritten / "html" / "words.toml"
        own.write_text(
            own.read_text(encoding="utf-8").replace(line, line.replace("Good", "Sitzt")),
            encoding="utf-8",
        )
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", rewritten)
    assert result.exit_code == 0 and "still says" not in result.output, result.output


def test_a_lower_case_word_renamed_is_named_by_a_text_only_in_quotes(cli, tmp_path):
    """The debrief's 'given' (after 'Hint') set as 'gegeben' was said to be still in five
    sentences ('not among the files given', 'with a hint given'), where it is a word of the
    sentence, not the label (a German look's trial). A label of capitals ('Good') is looked
    for whole, as before; a lower-case one only in quotes, as a text names a label."""
    folder = own_look(
        tmp_path / "look",
        {"packet/debrief.toml": ('hint_given = "given"', 'hint_given = "gegeben"')},
    )
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", folder)
    assert result.exit_code == 0 and "still says" not in result.output, result.output


def test_a_scales_label_renamed_is_no_word_the_recommendations_still_say(cli, tmp_path):
    """A level's label is one of its scale, as a recommendation is one of its options:
    'Strong' relabelled 'Good' was said to be still in the options 'Strong no' and 'Strong
    yes', to be made 'Good no' (a review); a month or a number word is one of a list too."""
    folder = own_look(
        tmp_path / "look", {"packet/rubric.toml": ('label = "Strong"', 'label = "Good"')}
    )
    result = cli("check", "--bank", FIXTURE_BANK, "--templates", folder)
    assert result.exit_code == 0 and "still says" not in result.output, result.output


def test_the_card_templates_and_the_pages_style_are_told_with_the_toml_files_at_once(cli, tmp_path):
    """A designer's typo in the deck's style sheet and another in the page's were said one
    a build, and neither beside a words file's problem, which stopped the build first."""
    folder = own_look(
        tmp_path / "look",
        {
            "anki/style.css": ("--qb-text: #1f2328;", "--qb-text: #1f232;"),
            "anki/front.html": ("{{Question}}", "{{Questoin}}"),
            "html/style.css": ("--fg: #1f2328;", "--fg: #1f232;"),
            "booklet/words.toml": ('part = "PART {number}"', 'part = "PART {nmber}"'),
        },
    )
    out = tmp_path / "out"
    result = cli("all", "--bank", FIXTURE_BANK, "--out", out, "--templates", folder)
    assert result.exit_code == 1, result.output
    deck_style, page_style = folder / "anki" / "style.css", folder / "html" / "style.css"
    front, words = folder / "anki" / "front.html", folder / "booklet" / "words.toml"
    for expected in (
        f"{deck_style}:{_line(deck_style, '--qb-text: #1f232;')}: --qb-text: '#1f232' is not a "
        "colour",
        f"{front}:{_line(front, '{{Questoin}}')}: {{{{Questoin}}}} names no field",
        f"{page_style}:{_line(page_style, '--fg: #1f232;')}: --fg: '#1f232' is not a colour",
        f"{words}:{_line(words, 'part = ')}: part: unknown placeholder {{nmber}}",
    ):
        assert any(line.startswith(expected) for line in result.output.splitlines()), (
            expected,
            result.output,
        )
    assert not out.exists() or not any(out.iterdir())


def test_a_key_written_under_another_table_is_told_where_it_belongs(cli, tmp_path):
    """A designer's `accent` moved under [booklet] was 'unknown key' there; a word of the
    booklet written at the file's end fell into its last table, [workshop]."""
    theme_text = (BUILTIN_TEMPLATES / "theme.toml").read_text(encoding="utf-8")
    moved = theme_text.replace('accent = "#0b5cad"\n', "").replace(
        "[booklet]\n", '[booklet]\naccent = "#0b5cad"\n'
    )
    folder = own_look(tmp_path / "look", {"theme.toml": (theme_text, moved)})
    words = folder / "booklet" / "words.toml"
    words.parent.mkdir()
    words.write_text(
        (BUILTIN_TEMPLATES / "booklet" / "words.toml").read_text(encoding="utf-8")
        + 'more_sections_one = "and one more"\ncontents = "Inhalt"\n',
        encoding="utf-8",
    )
    theme = folder / "theme.toml"
    result = cli(
        "booklet", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", folder
    )
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert (
        f"{theme}:{_line(theme, 'accent = ')}: [booklet] accent: unknown key; it belongs "
        "in [colors]" in lines
    )
    last = len(words.read_text(encoding="utf-8").splitlines())
    assert (
        f"{words}:{last}: [workshop] contents: unknown key; it belongs above the file's first table"
        in lines
    )
    assert f"{words}:{last - 1}: [workshop] more_sections_one: unknown key" in lines  # in none


def test_a_huge_line_of_a_look_is_said_in_a_screenful(cli, tmp_path):
    """A theme line pasted 10,000 times on one line (mutation fuzzing) was quoted whole in
    what to write instead, 150 kB of one line; a line said is cut past 2,000 characters."""
    look = own_look(
        tmp_path / "look", {"theme.toml": ("meta_size = 7.5", "meta_size = 7.5" * 10_000)}
    )
    result = cli("check", "--bank", qbank.paths.DEFAULT_BANK, "--templates", look)
    assert result.exit_code == 1
    (said,) = [line for line in result.output.splitlines() if "theme.toml:51:" in line]
    assert said.startswith(f"{look / 'theme.toml'}:51:16: cannot read the template")
    assert re.search(r"…\(14\d,\d{3} characters more\)…", said)
    assert said.endswith('meta_size = 7.5"')
    assert len(result.output) < 3 * 2_000
