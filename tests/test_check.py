"""`check` guarantees the build: it takes the options of `all`, reports what `all` would
refuse as errors and what it would warn about as warnings, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES, check_text, run_cli
from PIL import Image

# The hostile banks go through the same check-then-all in test_hostile.py, which reads
# every artifact of that `all` back: one build serves both.
BANKS = sorted(p for p in FIXTURES.glob("*.yaml") if not p.stem.startswith("hostile-"))
CARD_BANKS = sorted(
    p for p in FIXTURES.glob("*.yaml") if p.stem.startswith(("cards-", "booklet-", "hostile-long"))
)


def check_then_all(tmp_path: Path, built, bank: Path, *options: str):
    """`check` the bank; if it passes, `all` with the same options must succeed (built once
    per test process by conftest's `built`) and warn about nothing that check did not.
    Returns that build, or None when check refused the bank."""
    out = tmp_path / "out"
    checked = run_cli("check", "--bank", bank, "--out", out, *options)
    assert checked.exit_code in (0, 1), checked.output
    assert not out.exists(), "check wrote something"
    if checked.exit_code == 1:
        return None
    try:
        made = built("all", "--bank", bank, *options)
    except AssertionError as failed:
        raise AssertionError(f"check passed but all failed:\n{failed}") from None
    # what the build warns about, check warned about first; its other lines are the paths
    for line in made.output.splitlines():
        assert line in checked.stderr.splitlines() or Path(line).parent == made.out, line
    return made


@pytest.mark.slow
@pytest.mark.usefixtures("serial_builds")
@pytest.mark.parametrize("bank", BANKS, ids=lambda p: p.stem)
def test_when_check_passes_all_succeeds(tmp_path, built, bank):
    check_then_all(tmp_path, built, bank)


@pytest.mark.slow
@pytest.mark.usefixtures("serial_builds")
@pytest.mark.parametrize("bank", CARD_BANKS, ids=lambda p: p.stem)
def test_when_check_passes_all_succeeds_with_small_cards_and_no_overflow(tmp_path, built, bank):
    options = ("--card", "business", "--no-overflow", "--paper", "letter")
    check_then_all(tmp_path, built, bank, *options)


def test_check_reports_what_the_build_refuses_with_the_same_words(tmp_path):
    bank = FIXTURES / "cards-overflow.yaml"
    checked = run_cli("check", "--bank", bank, "--no-overflow")
    built = run_cli("all", "--bank", bank, "--out", tmp_path, "--no-overflow")
    assert checked.exit_code == built.exit_code == 1
    assert "does not fit an index card" in checked.stderr
    assert checked.stderr == built.stderr
    assert list(tmp_path.iterdir()) == []


def test_check_finds_a_packet_option_that_cannot_work(tmp_path):
    bank = FIXTURES / "minimal.yaml"
    checked = run_cli("check", "--bank", bank, "--minutes", "1")
    assert checked.exit_code == 2  # a usage error, as the build's
    assert checked.stderr.splitlines()[-1].startswith("--minutes 1: no question fits")


def test_strict_turns_warnings_into_exit_1():
    bank = FIXTURES / "booklet-boxes.yaml"
    plain = run_cli("check", "--bank", bank)
    assert plain.exit_code == 0
    assert "warning: question 'devanagari-and-emoji': the PDF fonts have no glyph" in plain.stderr
    strict = run_cli("check", "--bank", bank, "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.endswith(f"{bank}: 1 warning (--strict)\n")


def test_overflow_is_a_warning_naming_the_question():
    bank = FIXTURES / "cards-overflow.yaml"
    result = run_cli("check", "--bank", bank)
    assert result.exit_code == 0
    assert result.stderr == (
        f"{bank}:7: warning: question 'walkthrough': the hint of Q2 does not fit an index card "
        "even at 7 pt; it continues on a 'cont.' card (--no-overflow makes this an error)\n"
    )
    assert run_cli("check", "--bank", bank, "--strict").exit_code == 1


def test_duplicated_texts_and_missing_minutes_are_warnings(tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n"
        "  - {id: a, section: S, question: What is a SOC?, hint: H., minutes: 3}\n"
        "  - {id: b, section: S, question: what is a  SOC?, hint: H.}\n"
        # the same text, é composed and decomposed (a hostile trial)
        "  - {id: c, section: S, question: Une clé ?, hint: H., minutes: 3}\n"
        "  - {id: d, section: S, question: Une cle\u0301 ?, hint: H., minutes: 3}\n",
        encoding="utf-8",
    )
    result = run_cli("check", "--bank", bank)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{bank}:4: warning: question 'b': the same question text as question 'a' (line 3)",
        f"{bank}:6: warning: question 'd': the same question text as question 'c' (line 5)",
        f"{bank}:4: warning: question 'b': no 'minutes', while 3 of 4 questions have them; "
        "the booklet's section times (and a packet's time plan) count this one as 5 minutes",
    ]


def test_a_tag_in_other_capitals_is_a_warning_once(tmp_path):
    """'Legal, legal, LEGAL' passed: the study page listed three tags and Anki one (a
    spreadsheet trial). Each other spelling is named once, with the first one's question."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n"
        "  - {id: a, section: S, question: A?, hint: H, tags: [legal, Legal]}\n"
        "  - {id: b, section: S, question: B?, hint: H, tags: [LEGAL, Legal, ops]}\n",
        encoding="utf-8",
    )
    result = run_cli("check", "--bank", bank)
    assert result.exit_code == 0
    said = (
        "only in capitals; the Anki deck makes them one tag, the study page two: write them alike"
    )
    assert result.stderr.splitlines() == [
        f"{bank}:3: warning: question 'a': the tag 'Legal' differs from the tag 'legal' of "
        f"question 'a' (line 3) {said}",
        f"{bank}:4: warning: question 'b': the tag 'LEGAL' differs from the tag 'legal' of "
        f"question 'a' (line 3) {said}",
    ]


def test_a_look_for_or_follow_up_item_written_as_a_list_is_a_warning(tmp_path):
    """A look-for item written '- nested?' showed under two bullets, '• •', in the booklet
    and the PDF packet (a trial): each item is a point of a list already, so check says
    so, at its question, for each such item; a dash inside an item is no list."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n"
        "  - id: a\n    section: S\n    question: A?\n    hint: H\n"
        '    look_for: ["- nested?\\n  - list", Names a - b trade-off]\n'
        "    follow_ups: [Why?, '1. First']\n",
        encoding="utf-8",
    )
    result = run_cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    said = (
        "and each item is a point of one already: the booklet and the packets show it under "
        "two bullets; write each point as an item of its own"
    )
    assert result.stderr.splitlines() == [
        f"{bank}:4: warning: question 'a': follow_ups item 2 is written as a list ('1. First'), "
        + said,
        f"{bank}:4: warning: question 'a': look_for item 1 is written as a list ('- nested?'), "
        + said,
    ]


def test_a_hint_that_is_a_placeholder_is_a_warning(tmp_path):
    """A phone trial: a colleague's 'hint: TODO' reached a learner's card and study page as
    the answer, and check said nothing. A placeholder alone, in any case and with marks
    around it, is a warning, and so is a note to the writer that starts with one ('TODO: ask
    Dana', a review); a hint that says more is not; past five, one warning."""
    bank = tmp_path / "bank.yaml"
    hints = ["TODO", "'[TBD]'", "'fixme:'", "Todo lists help.", "'...'"]
    hints += ['"TODO: ask Dana which ports the firewall in the lab leaves open"']
    # a word that starts with one is no note: German's 'Todo-Liste' (a review)
    hints += ["Todo-Listen speichern ihre Aufgaben im Browser.", "TODO-MVC shows one app."]
    bank.write_text(
        "title: T\nquestions:\n"
        + "".join(
            f"  - id: q{n}\n    section: S\n    question: Q{n}?\n    hint: {hint}\n"
            for n, hint in enumerate(hints)
        ),
        encoding="utf-8",
    )
    result = run_cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    said = "which learners and interviewers see as the answer; write what a strong answer covers"
    assert result.stderr.splitlines() == [
        f"{bank}:{3 + 4 * n}: warning: question 'q{n}': its hint is a placeholder "
        f"('{shown}'), {said}"
        for n, shown in (
            (0, "TODO"),
            (1, "[TBD]"),
            (2, "fixme:"),
            (4, "..."),
            (5, "TODO: ask Dana which ports the firewall…"),
        )
    ]
    bank.write_text(
        "title: T\nquestions:\n"
        + "".join(
            f"  - id: q{n}\n    section: S\n    question: Q{n}?\n    hint: TODO\n" for n in range(7)
        ),
        encoding="utf-8",
    )
    result = run_cli("check", "--bank", bank)
    assert result.stderr.splitlines() == [
        f"{bank}:3: warning: 7 questions have a placeholder for a hint ('TODO' ...): 'q0' "
        f"(line 3), 'q1' (line 7), 'q2' (line 11) and 4 more, {said}"
    ]


def test_a_hint_that_is_a_bracketed_note_to_its_writer_is_a_placeholder(tmp_path):
    """'[TBD] the ports' is a note to the hint's writer, as lint's comment says it is, but
    only '[TBD]' alone or before a colon was one (a review)."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - id: q\n    section: S\n    question: Q?\n"
        '    hint: "[TBD] the lab\'s ports"\n',
        encoding="utf-8",
    )
    result = run_cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{bank}:3: warning: question 'q': its hint is a placeholder ('[TBD] the lab's "
        "ports'), which learners and interviewers see as the answer; write what a strong "
        "answer covers"
    ]


def test_many_questions_without_minutes_are_one_warning(tmp_path):
    """A course's bank with minutes on 2 of 25 questions printed 23 warnings; five are still
    said one by one."""
    for count, lines in ((8, 1), (5, 5)):
        bank = tmp_path / f"bank{count}.yaml"
        rows = [f"  - {{id: q{n}, section: S, question: Q{n}?, hint: H.}}\n" for n in range(count)]
        bank.write_text(
            # for interviews (a role): the packet's time plan is named
            "title: T\nrole: Analyst\nquestions:\n"
            "  - {id: timed, section: S, question: Q?, hint: H., "
            "minutes: 3}\n" + "".join(rows),
            encoding="utf-8",
        )
        result = run_cli("check", "--bank", bank)
        assert result.exit_code == 0
        warnings = [w for w in result.stderr.splitlines() if "warning" in w]
        assert len(warnings) == lines
        if count == 8:
            assert warnings == [
                f"{bank}:5: warning: 8 questions have no 'minutes', while 1 of 9 questions "
                "has them: 'q0' (line 5), 'q1' (line 6), 'q2' (line 7) and 5 more; the "
                "packet's time plan guesses for those (give every question 'minutes', or none)"
            ]


def test_an_unused_section_is_a_warning(tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nsections:\n  - Used\n  - name: Spare\n    description: Later.\n"
        "questions:\n  - {id: a, section: Used, question: Q?, hint: H.}\n",
        encoding="utf-8",
    )
    result = run_cli("check", "--bank", bank)
    assert result.exit_code == 0
    assert result.stderr == (
        f"{bank}:4: warning: section 'Spare' has no question; the artifacts leave it out\n"
    )
    assert run_cli("check", "--bank", bank, "--strict").exit_code == 1


@pytest.mark.usefixtures("serial_builds")
def test_all_takes_every_exporters_options(tmp_path):
    result = run_cli(
        "all", "--bank", FIXTURES / "minimal.yaml", "--out", tmp_path, "--count", "1",
        "--edition", "study", "--card", "business", "--cut-lines",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert "minimal-booklet.pdf" in names and "minimal-workshop.pdf" not in names


@pytest.mark.parametrize(
    "target, options",
    [
        ("all", {"lms": "gift"}),
        ("packet", {"panel": 2, "format": "pdf"}),
        ("packet", {"all": True, "panel": 3}),
        ("cards", {"calibrate": True}),
    ],
    ids=["all-gift", "pdf-panel", "docx-all-panel", "calibration"],
)
def test_check_writes_no_file_even_into_a_folder_of_its_own(tmp_path, monkeypatch, target, options):
    """Every exporter has a preflight: check asks no exporter for a file to write (the build
    of a throwaway folder it once made for the deck, the packet and the LMS files), nor
    makes a Word document, whose pages warn of nothing (half of check's time)."""
    from qbank import lifecycle
    from qbank.job import Job
    from qbank.wordml import document

    def refuse(job, filename):
        raise AssertionError(f"check asked to write {filename}")

    def refuse_document(*args):
        raise AssertionError("check made a Word document")

    monkeypatch.setattr(Job, "write", refuse)
    monkeypatch.setattr(document, "new_document", refuse_document)
    bank = FIXTURES / "hostile-scripts.yaml"
    warned: list[str] = []
    lifecycle.check(bank, tmp_path / "out", [target], options, warn=warned.append)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("format", ["pdf", "docx"])
def test_the_packets_preflight_warns_as_its_build_does(tmp_path, format):
    """The packet's preflight chooses the questions and makes each packet's pages (a PDF's
    story, which finds the glyphs its fonts lack) without saving: the same warnings."""
    from qbank import lifecycle

    bank = FIXTURES / "hostile-scripts.yaml"
    # 10 minutes each: neither interviewer has time for the Symbols question
    options = {"panel": 2, "format": format, "minutes": 10}
    checked: list[str] = []
    built: list[str] = []
    lifecycle.check(bank, tmp_path / "out", ["packet"], options, warn=checked.append)
    lifecycle.build(bank, tmp_path / "out", ["packet"], options, warn=built.append)
    assert checked == built
    # said once for the panel, as neither interviewer has time for it
    assert len([w for w in built if "No question from Symbols fits" in w]) == 1, built
    assert any("the PDF fonts have no glyph" in w for w in built) == (format == "pdf")


def test_the_loaders_warnings_come_with_its_errors(cli, tmp_path):
    """A bank with an error and a text YAML cut short: both at once, not the warning only
    once the error is fixed (a new-user trial's report)."""
    bank = tmp_path / "both.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - id: a\n    section: S\n"
        "    question: What is #1 priority?\n    hint: h\n    minutes: lots\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{bank}:5:23: warning: question 'a': 'question' stops before")
    assert f"{bank}:7: question 'a': 'minutes' must be a whole number from 1 to 240, not lots" in (
        lines
    )


@pytest.mark.parametrize(
    ("field", "written", "what"),
    [
        ("hint", '">"', "'hint'"),  # a trial's: the booklet failed with an internal error
        ("hint", '"`` ``"', "'hint'"),
        ("hint", '"[ ](https://example.com)"', "'hint'"),
        ("question", '"- "', "'question'"),
        ("look_for", '[">"]', "an item of 'look_for'"),
        # a table of empty cells
        ("question", '"| |\\n|---|\\n| |"', "'question'"),
    ],
)
def test_a_markdown_text_that_shows_nothing_is_a_problem_not_a_failed_build(
    tmp_path, field, written, what
):
    fields = {"id": "a", "section": "S", "question": "Q?", "hint": "H."} | {field: written}
    item = ", ".join(f"{k}: {v}" for k, v in fields.items())
    bank, result = check_text(tmp_path, f"title: T\nmarkup: markdown\nquestions:\n  - {{{item}}}\n")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{bank}:4: question 'a': {what} shows nothing: as Markdown, "
    ), result.stderr
    built = run_cli("booklet", "--bank", bank, "--out", tmp_path / "out")
    assert built.exit_code == 1
    assert "internal error" not in built.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_competency_with_a_wrong_description_is_still_named(tmp_path):
    """Its questions were told the bank had no competencies list, under the one problem."""
    bank, result = check_text(
        tmp_path,
        "title: T\ncompetencies:\n  - name: c1\nquestions:\n"
        "  - {id: a, section: S, question: Q?, hint: H., competency: c1}\n",
    )
    assert result.exit_code == 1
    assert result.stderr == f"{bank}:3: competencies: missing 'description'\n"


@pytest.mark.parametrize(
    ("markup", "said"),
    [
        ("", ", in a bank with 'markup: markdown' at its top"),
        ("markup: markdown\n", ""),
    ],
)
def test_a_picture_given_as_a_key_is_told_where_a_picture_goes(tmp_path, markup, said):
    """'picture: diagrams/p.png' under a question, as a new user writes it: it was told as
    an unknown key and the list of known ones, none of which takes a picture."""
    bank, result = check_text(
        tmp_path,
        f"title: T\n{markup}questions:\n  - id: a\n    section: S\n    question: q\n"
        "    hint: h\n    picture: diagrams/p.png\n",
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{bank}:{8 if markup else 7}: question 'a': unknown key 'picture'; a picture goes in "
        "the text of the question, its hint or its note, where it is to show, as "
        f"![what it shows](diagrams/p.png){said}; known keys: id, "
    ), result.stderr


@pytest.mark.parametrize("key", ["rubric", "scale", "rating-scale"])
def test_a_rating_scale_given_to_a_question_is_told_the_banks_one(tmp_path, key):
    """A question given a scale of its own ('rubric:' under it, pass or fail), as a hiring
    manager wrote one: it was told as an unknown key and the list of known ones, which
    says neither that a bank has one scale nor where it goes."""
    bank, result = check_text(
        tmp_path,
        "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
        f"    {key}:\n      - {{score: 1, label: Fail, anchor: x}}\n"
        "      - {score: 2, label: Pass, anchor: y}\n",
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{bank}:7: question 'a': unknown key '{key}'; every question is rated on the bank's "
        "one scale: write 'rubric:' at the top of the bank, not under a question, and give "
        "this question 'anchors:', what an answer at each score of that scale holds for it; "
        "known keys: id, "
    ), result.stderr


@pytest.mark.parametrize(
    ("key", "path", "written"),
    [
        ("images", "p.png", "p.png"),  # was 'did you mean 'tags'?'
        ("picture", "diagrams\\p.png", "diagrams/p.png"),  # was told with its '\\'
        ("image", "my pic (1).png", "<my pic (1).png>"),  # was told 'diagrams/flow.png'
    ],
)
def test_the_picture_advice_once_followed_loads(tmp_path, key, path, written):
    """The markup the advice shows, written in the question, makes a bank that loads."""
    (tmp_path / "diagrams").mkdir()
    Image.new("RGB", (20, 10)).save(tmp_path / path.replace("\\", "/"))
    head = "title: T\nmarkup: markdown\nquestions:\n  - id: a\n    section: S\n"
    bank, result = check_text(tmp_path, f"{head}    question: q\n    hint: h\n    {key}: {path}\n")
    told = f"![what it shows]({written})"
    assert f"unknown key '{key}'; a picture goes in " in result.stderr, result.stderr
    assert f", as {told}; known keys: " in result.stderr, result.stderr
    bank, result = check_text(tmp_path, f"{head}    question: 'q {told}'\n    hint: h\n")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("typed", "told", "followed"),
    [
        # a word processor's ticked boxes pasted: '- [x] done' is a list in a list to YAML
        (
            "    look_for:\n      \u2022 [x] done\n      \u2022 Names it\n",
            "write '- ' in place of each '\u2022', and quotes around an item YAML would read "
            "otherwise ('- \"[x] done\"')",
            '    look_for:\n      - "[x] done"\n      - Names it\n',
        ),
        # the first item on the key's line: 'tags: - sql' is refused
        (
            "    tags: sql\n      grouping\n",
            "move 'sql' to a line of its own below 'tags:', then put '- ' before each ('- sql')",
            "    tags:\n      - sql\n      - grouping\n",
        ),
        (
            "    look_for: \u2022 Names it\n      \u2022 [x] done\n",
            "move '\u2022 Names it' to a line of its own below 'look_for:', then write '- ' in "
            "place of each '\u2022', and quotes around an item YAML would read otherwise "
            "('- \"[x] done\"')",
            '    look_for:\n      - Names it\n      - "[x] done"\n',
        ),
    ],
)
def test_a_list_without_dashes_is_told_in_words_that_load_once_followed(
    tmp_path, typed, told, followed
):
    """A list's items a line each with no '- ': the advice, followed, makes a bank that
    loads, and so does the list in brackets it shows."""
    head = "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
    bank, result = check_text(tmp_path, head + typed)
    assert f"; {told}, or write the list in brackets on the line of " in result.stderr, (
        result.stderr
    )
    bracketed = result.stderr.rsplit(", in place of them: ", 1)[1]
    for written in (followed, f"    {bracketed}"):
        bank, result = check_text(tmp_path, head + written)
        assert result.exit_code == 0, (written, result.stderr)
