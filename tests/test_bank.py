"""The loader: every problem reported once, as FILE:LINE: message, exit 1, no traceback."""

from __future__ import annotations

import re

import pytest
from helpers import FIXTURES, check_text, run_cli

from qbank.bank import load_bank, parse_bank
from qbank.errors import BankError
from qbank.paths import DEFAULT_BANK
from qbank.text import plain

SECTION_COUNTS = {
    "Beginner": 5,
    "Intermediate": 10,
    "Advanced": 10,
    "Scenario-Based": 10,
    "AI Workflow & Tools": 10,
    "Behavioral": 5,
}


def seed_hints() -> dict[str, list[str]]:
    """The seed's hints by section; each section's first hint loses its 'N questions' glue."""
    lines = (FIXTURES / "seed.txt").read_text(encoding="utf-8").splitlines()
    hints: dict[str, list[str]] = {}
    current = None
    for line in lines[3:]:
        if line in SECTION_COUNTS:
            current = line
            hints[current] = []
        elif line.strip():
            assert current is not None
            glued = re.match(r"(\d+) questions(.*)", line)
            if glued and not hints[current]:
                assert int(glued.group(1)) == SECTION_COUNTS[current]
                line = glued.group(2)
            hints[current].append(line)
    return hints


def test_default_bank_matches_the_seed(default_bank):
    seed = (FIXTURES / "seed.txt").read_text(encoding="utf-8").splitlines()
    assert default_bank.title == seed[1]
    assert default_bank.description == seed[2]
    expected = seed_hints()
    assert [s.name for s in default_bank.sections] == list(SECTION_COUNTS)
    for section in default_bank.sections:
        hints = [q.hint for q in default_bank.questions_in(section)]
        assert hints == expected[section.name], section.name
    assert [q.number for q in default_bank.questions] == list(range(1, 51))


def test_default_bank_is_complete(default_bank):
    tags = [t for q in default_bank.questions for t in q.tags]
    assert set(tags) == {t.name for t in default_bank.vocabulary}
    assert 12 <= len(default_bank.vocabulary) <= 18
    for q in default_bank.questions:
        assert 1 <= len(q.tags) <= 4, q.id
        assert 3 <= len(q.look_for) <= 6, q.id
        assert q.minutes and q.minutes > 0, q.id
        assert q.question.rstrip().endswith(("?", ".")), q.id
        assert q.question.strip() != q.hint.strip(), q.id
        assert all(tags.count(t) >= 2 for t in q.tags), q.id
    owasp = [q for q in default_bank.questions if "LLM05" in q.hint]
    assert len(owasp) == 1 and "2026" in owasp[0].note
    assert "LLM02 Sensitive Information Disclosure, LLM03 Excessive Agency" in owasp[0].note


def test_default_bank_declares_its_schema():
    first = DEFAULT_BANK.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema.json"


def test_check_summarises_the_default_bank(cli):
    result = cli("check")
    assert result.exit_code == 0, result.output
    assert "50 questions: Beginner 5, Intermediate 10, Advanced 10, Scenario-Based 10, " in (
        result.stdout
    )
    assert result.stdout.rstrip().endswith("AI Workflow & Tools 10, Behavioral 5")


def test_check_and_all_say_once_that_a_banks_added_words_are_english(cli, tmp_path):
    """A Spanish bank's artifacts said 'Hint', 'Contents' and '1 No evidence' with no word
    of why (a trial): check and `all` say it once, with the command that copies the look
    to translate, on stderr as the folder's notes, not as a warning (--strict passes);
    with the look's own words it is not said. An English bank's is not (the default bank's
    summary above, and every English build's stderr)."""
    bank = tmp_path / "es.yaml"
    bank.write_text(
        "title: T\nlanguage: es\nquestions:\n"
        "  - {id: q, section: S, question: ¿Qué?, hint: Eso.}\n",
        encoding="utf-8",
    )
    note = (
        "qbank: the bank is in es, the words qbank adds around it in English (Hint, Contents, "
        "the rating scale, the cover's date): `qbank templates look` copies them into look/ "
        "to translate, then build with --templates look"
    )
    checked = cli("check", "--strict", "--bank", bank)
    assert checked.exit_code == 0 and checked.stderr.splitlines() == [note], checked.output
    assert checked.stdout.splitlines() == [f"{bank}: 1 question: S 1"]
    built = cli("all", "--bank", bank, "--out", tmp_path / "out")
    assert built.exit_code == 0 and built.stderr.splitlines() == [note], built.output
    assert cli("templates", str(tmp_path / "look")).exit_code == 0
    translated = cli("check", "--bank", bank, "--templates", tmp_path / "look")
    assert translated.exit_code == 0 and translated.stderr == "", translated.output
    # its words translated, its language left as copied: tagged English (a review)
    words = tmp_path / "look" / "packet" / "rubric.toml"
    text = words.read_text(encoding="utf-8")
    words.write_text(text.replace('"Rating scale"', '"Escala"'), encoding="utf-8")
    left = cli("check", "--bank", bank, "--templates", tmp_path / "look")
    assert left.stderr.splitlines() == [
        f"qbank: {words}: its words are not the built-in English ones, but its language still "
        'says "en", which Word and LibreOffice spell-check and hyphenate them by; if they are '
        'in es, write language = "es" there'
    ], left.output
    words.write_text(text.replace('language = "en"', 'language = "es"'), encoding="utf-8")
    assert cli("check", "--bank", bank, "--templates", tmp_path / "look").stderr == ""


def test_minimal_bank_loads():
    bank = load_bank(FIXTURES / "minimal.yaml")
    assert bank.title == "Minimal bank"
    assert [(s.name, s.description) for s in bank.sections] == [
        ("Basics", "The first steps."),
        ("Depth", ""),
    ]
    first, second = bank.questions
    assert (first.id, first.label, first.tags, first.minutes, first.line) == (
        "first",
        "Q1",
        ("one", "two"),
        3,
        7,
    )
    assert (second.label, second.look_for, second.minutes, second.note) == ("Q2", (), None, None)


BAD_BANKS = [
    (
        "bad-malformed.yaml",
        [
            "5:15: question 'a': invalid YAML: this quote is never closed on its line, so YAML "
            'reads on to the end of the file; end it with a straight quote: question: "unclosed"',
            '        question: "unclosed',
            "                  ^",
        ],
    ),
    (
        "bad-toplevel-list.yaml",
        ["1: the bank must be a mapping with title and questions, not a list"],
    ),
    ("bad-missing-field.yaml", ["3: question 'no-hint': missing 'hint'"]),
    ("bad-empty-field.yaml", ["6: question 'blank-hint': 'hint' is empty"]),
    (
        "bad-types.yaml",
        [
            "7: question 'typed': 'tags' must be a list of text, not text; write it as a list "
            "in brackets: tags: [security]",
            "8: question 'typed': 'minutes' must be a whole number from 1 to 240, not five",
        ],
    ),
    (
        "bad-duplicate-id.yaml",
        [
            "7: question 'same': duplicate id; first used on line 3; give this question an id "
            "of its own, such as same-2"
        ],
    ),
    ("bad-duplicate-key.yaml", ["7: question 'twice': duplicate key 'hint'; first on line 6"]),
    (
        "bad-unknown-section.yaml",
        [
            "5:14: question 'lost': unknown section 'Advanced'; sections are: Basics, Depth",
            "        section: Advanced",
            "                 ^",
        ],
    ),
    (
        "bad-id.yaml",
        [
            "3: question 'Bad_ID': id must be lowercase letters a to z (no accents), digits and "
            "single hyphens, such as bad-id"
        ],
    ),
    (
        "bad-python-tag.yaml",
        [
            "5: tag '!!python/object/apply:os.system' is not allowed: a bank holds only text, "
            "numbers and lists"
        ],
    ),
    (
        "bad-many.yaml",
        [
            "7: question 'ok': duplicate id; first used on line 3; give this question an id of its "
            "own, such as ok-2",
            "9: question 'ok': 'question' is empty",
            "11: question 'ok': 'minutes' must be a whole number from 1 to 240, not 0",
            "12: question 3: missing 'id'; add one (lowercase letters, digits and hyphens), "
            "or let `qbank check --fix-ids` give one to each question without",
        ],
    ),
]


@pytest.mark.parametrize(("name", "messages"), BAD_BANKS, ids=[b[0] for b in BAD_BANKS])
def test_bad_bank_reports_every_problem(cli, name, messages, tmp_path):
    path = FIXTURES / name
    for command in (["check"], ["all", "--out", tmp_path]):
        result = cli(*command, "--bank", path)
        assert result.exit_code == 1, result.output
        # an excerpt (the source line and a caret) follows a message with a column
        assert result.stderr.splitlines() == [
            m if m.startswith(" ") else f"{path}:{m}" for m in messages
        ]
        assert "Traceback" not in result.output and result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_python_tag_runs_nothing(tmp_path, monkeypatch):
    marker = tmp_path / "pwned"
    text = (
        "title: t\nquestions:\n  - id: a\n    section: s\n"
        f"    question: !!python/object/apply:os.system ['touch {marker}']\n    hint: h\n"
    )
    with pytest.raises(BankError):
        parse_bank(text, source="evil.yaml")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "1: the bank is empty; it needs a title and questions"),
        ("title: t\n", "1: missing 'questions'"),
        (
            "title: t\nquestions: []\n",
            "2: 'questions' is empty; a bank needs at least one question",
        ),
        (
            "title: t\nquestions:\n  - id: a\n    section: s\n    question: q\n    hint: h\n"
            "    hnt: typo\n",
            "7: question 'a': unknown key 'hnt'; did you mean 'hint'? known keys: id, section, "
            "question, hint, tags, "
            "look_for, follow_ups, minutes, note, sources, group, competency, anchors",
        ),
        # a trial: "question 1 must be a mapping, not text", and a source's address alone
        (
            "title: t\nquestions:\n  - What is a data lake?\n",
            "3: question 1 is text alone; a question is its fields, each on a line of its own: "
            'write - question: "What is a data lake?", and id:, section: and hint: under it, '
            "in line with question:",
        ),
        (
            "title: t\nquestions:\n  - id: a\n    section: s\n    question: q\n    hint: h\n"
            "    sources:\n      - https://example.org/\n",
            "8: question 'a': a source needs a title as well as its address: write "
            '{title: "the page\'s title", url: "https://example.org/"} in its place',
        ),
        # a trial deleted the line 'questions:': each question was read as a section, and
        # each of its keys was told as no key of a section (70 lines), after "missing
        # 'questions'" and a warning for each competency
        (
            "title: t\ncompetencies:\n  - {name: c, description: d}\nsections:\n  - A\n"
            "  - id: a\n    section: A\n    question: q\n    hint: h\n"
            "  - id: b\n    section: A\n    question: q2\n    hint: h\n",
            "6: a question (id:, question:) in the list of 'sections': questions go under "
            "'questions:', written at the margin on a line of its own above the first of them",
        ),
        # a trial: "each section must be a name or a mapping, not a number"
        (
            "title: t\nsections:\n  - A\n  - 2024\nquestions:\n  - id: a\n    section: A\n"
            "    question: q\n    hint: h\n",
            '4:5: section name: YAML reads 2024 as a number, not text; put it in quotes: - "2024"'
            "\n      - 2024\n        ^",
        ),
        # a list's item typed with its dash against its text ('-Names it'): one text to
        # YAML, and the brackets told kept it whole, the dash in it ('["-Names it - Other"]')
        (
            "title: t\nquestions:\n  - id: a\n    section: s\n    question: q\n    hint: h\n"
            "    look_for:\n      -Names it\n      - Other\n",
            "8: question 'a': 'look_for' must be a list of text, not text: a list's item starts "
            "with '- ', a dash and a space; write: - Names it",
        ),
        # a trial: a misspelt hint was said twice, as missing too (at the question's id)
        (
            "title: t\nquestions:\n  - id: a\n    section: s\n    question: q\n    hnt: typo\n",
            "6: question 'a': unknown key 'hnt'; did you mean 'hint'? known keys: id, section, "
            "question, hint, tags, "
            "look_for, follow_ups, minutes, note, sources, group, competency, anchors",
        ),
        (
            "title: t\nquestions:\n  - id: a\n    section: s\n"
            '    question: "bell \\a"\n    hint: h\n',
            "5:21: question 'a': 'question' holds the control character U+0007, which YAML "
            "makes of '\\a' inside double quotes (a TeX command's start, as in \\bar or "
            "\\frac, is read so); write the text in 'single quotes', where a backslash is "
            "itself, or write \\\\ for each backslash\n"
            '        question: "bell \\a"\n'
            "                        ^",
        ),
        (
            "title: t\nquestions:\n  - id: a\n    section: s\n    question: ''\n    hint: h\n",
            "5: question 'a': 'question' is empty",
        ),
        # a trial: a hint or a look-for signal of a zero-width space alone showed its label
        # over nothing in every artifact
        (
            "title: t\nquestions:\n  - id: a\n    section: s\n    question: q\n"
            '    hint: "\\u200b"\n',
            "6: question 'a': 'hint' is empty: it holds nothing visible, only U+200B "
            "(ZERO WIDTH SPACE); write the hint",
        ),
        (
            "title: t\nquestions:\n  - id: a\n    section: s\n    question: q\n    hint: h\n"
            '    look_for: ["\\u2060\\ufeff"]\n',
            "7: question 'a': 'look_for' has an empty item: it holds nothing visible, only "
            "U+2060 (WORD JOINER) and U+FEFF (ZERO WIDTH NO-BREAK SPACE); delete the item, "
            "or write it",
        ),
        (  # not 'write the 1'
            "title: t\nquestions:\n  - id: a\n    section: s\n    question: q\n    hint: h\n"
            '    anchors: {1: "\\u200b", 3: b, 5: c}\n',
            "7: question 'a': anchors: '1' is empty: it holds nothing visible, only U+200B "
            "(ZERO WIDTH SPACE); write what an answer at 1 holds",
        ),
        (
            "title: t\nrubric: [{score: 1, label: a, anchor: b}, {score: 1, label: c, anchor: d}]\n"
            "questions:\n  - id: a\n    section: s\n    question: q\n    hint: h\n",
            "2: rubric: scores must rise from one level to the next",
        ),
    ],
)
def test_more_problems(text, message):
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    assert str(caught.value) == f"b.yaml:{message}"


@pytest.mark.parametrize("key", ["questons", "Questions", "question", "items"])
def test_the_questions_under_a_misspelt_key_are_checked_in_the_same_check(key):
    """A misspelt `questions:` hid its questions' problems until it was mended, a check
    more; 'items:' was told 'did you mean 'title'?'."""
    text = (
        f"title: t\nsections: [A]\n{key}:\n  - id: a\n    section: A\n    question: q\n"
        "  - id: b\n    section: B\n    question: q\n    hint: h\n"
    )
    told = _problems(text)
    assert told[0].startswith(f"b.yaml:3: unknown key '{key}'; did you mean 'questions'?")
    assert told[1:3] == [
        "b.yaml:4: question 'a': missing 'hint'",
        "b.yaml:8:14: question 'b': unknown section 'B'; sections are: A",
    ]
    # the key mended: the same problems, no more
    assert _problems(text.replace(f"\n{key}:\n", "\nquestions:\n")) == told[1:]


@pytest.mark.parametrize(("key", "meant"), [("logos", "logo"), ("roles", "role")])
def test_a_list_under_a_misspelt_key_of_text_is_told_the_key_alone(key, meant):
    """A list under a misspelt key of text was checked as that key's too, and told to be
    a block of text ('logo: |'), advice that led to a second mistake (a review)."""
    text = (
        f"title: t\n{key}:\n  - a.png\nquestions:\n"
        "  - id: a\n    section: A\n    question: q\n    hint: h\n"
    )
    told = _problems(text)
    assert len(told) == 1 and told[0].startswith(f"b.yaml:2: unknown key '{key}'"), told
    assert f"did you mean '{meant}'?" in told[0]


def _problems(text: str) -> list[str]:
    """What a check of the bank `text` (as b.yaml) tells, a line each."""
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    return str(caught.value).splitlines()


def test_a_note_that_shows_nothing_is_left_out_with_a_warning():
    """A note of a zero-width space alone (a tiny-bank trial) printed 'Note' over nothing
    in the booklet, the cards, both packets, the deck and the study page."""
    warnings = []
    text = "title: t\nquestions:\n  - id: a\n    section: s\n    question: q\n    hint: h\n"
    bank = parse_bank(text + '    note: "\\u200b"\n', source="b.yaml", warn=warnings.append)
    assert bank.questions[0].note is None
    assert [str(w).splitlines()[0] for w in warnings] == [
        "b.yaml:7:11: warning: question 'a': 'note' is left out: it holds nothing visible, "
        "only U+200B (ZERO WIDTH SPACE); delete it, or write the note"
    ]


def test_bom_and_windows_line_endings_load():
    text = "\ufefftitle: t\r\nquestions:\r\n  - id: a\r\n    section: s\r\n    question: q\r\n"
    bank = parse_bank((text + '    hint: "two\\nlines"\r\n').encode("utf-8"), source="w.yaml")
    assert bank.title == "t" and bank.questions[0].hint == "two\nlines"


def test_not_utf8_names_the_line():
    with pytest.raises(BankError) as caught:
        parse_bank(b"title: t\nquestions:\n  - id: caf\xe9\n", source="l.yaml")
    assert str(caught.value) == (
        "l.yaml:3: not UTF-8 text: byte 0xe9 (it looks like Windows-1252, which older Windows "
        "editors write). Save the bank as UTF-8: in VS Code click the encoding in the status "
        'bar, then "Save with Encoding" and "UTF-8"; in Notepad choose File > Save As, '
        'Encoding "UTF-8"'
    )


def test_missing_bank_file(cli, tmp_path):
    result = cli("check", "--bank", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path / 'nope.yaml'}: cannot read the bank")


def test_a_fractional_minute_is_shown_as_written():
    text = "title: t\nquestions:\n  - id: a\n    section: s\n    question: q\n    hint: h\n"
    with pytest.raises(BankError) as caught:
        parse_bank(text + "    minutes: 2.5\n", source="m.yaml")
    assert (
        str(caught.value)
        == "m.yaml:7: question 'a': 'minutes' must be a whole number from 1 to 240, not 2.5"
    )


def test_line_numbers_count_only_line_feeds(cli):
    """Raw U+2028, U+2029 and U+0085 are line breaks to YAML but not to editors: the
    warning on line 10 is reported on line 10, not 13."""
    path = FIXTURES / "hostile-line-separators.yaml"
    result = cli("check", "--bank", path)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0].startswith(
        f"{path}:10:26: warning: question 'next-line': 'hint' stops before ' #'"
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_columns_after_separators_and_lone_carriage_returns(newline):
    text = newline.join(
        ["title: t", "questions:", "  - id: a", "    section: s", '    question: "x\ry\u2028z"']
    )
    with pytest.raises(BankError) as caught:
        parse_bank(text + newline + "    hint: 42" + newline, source="s.yaml")
    assert str(caught.value).splitlines()[0] == (
        "s.yaml:6:11: question 'a': 'hint': YAML reads 42 as a number, not text; put it in "
        'quotes: hint: "42"'
    )


@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_character_yaml_refuses_is_shown_where_it_is_and_visibly(as_bytes):
    """libyaml gives a byte offset: after accented letters it must still point at the
    character, and the excerpt shows a control character as its picture, never raw."""
    text = 'title: t\nquestions:\n  - id: a\n    question: "\u00e9\u00e9\u00e9\u00e9 \x1b[31m"\n'
    with pytest.raises(BankError) as caught:
        parse_bank(text.encode("utf-8") if as_bytes else text, source="c.yaml")
    assert str(caught.value).splitlines() == [
        "c.yaml:4:21: invalid YAML: the character U+001B is not allowed",
        '        question: "\u00e9\u00e9\u00e9\u00e9 \u241b[31m"',
        "                        ^",
    ]


def test_a_character_yaml_refuses_after_a_syntax_error_is_said_as_one(tmp_path):
    """libyaml reads its text in chunks: a control character past the first error (200 kB
    on) was met only when the bank, mended as the first problem says, was read again, and
    that ReaderError was an internal error (found by mutation fuzzing)."""
    long = "word " * 40_000
    bank, result = check_text(
        tmp_path,
        "title: t\nquestions:\n  - id: a\n    section: S\n    question: Why: this\n"
        f"    hint: {long}\n  - id: b\n    section: S\n    question: Q\n"
        '    hint: "x \x1b y"\n',
    )
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert f"{bank}:5:18: question 'a': invalid YAML: ': '" in result.output
    assert result.output.splitlines()[-3:] == [
        f"{bank}:10:14: invalid YAML: the character U+001B is not allowed",
        '        hint: "x \u241b y"',
        "                 ^",
    ]


def test_a_key_typed_thousands_of_times_is_told_without_rereading_its_question(
    tmp_path, monkeypatch
):
    """A line pasted 10,000 times ('hint:' again and again: mutation fuzzing) read the rest
    of its question again for each, to see whether a second question started there: 23 s
    for a 190 kB bank. The rest is read only where no key repeats below (a count of the
    readings, not a time)."""
    from qbank.bank.checks import Checker

    readings: list[int] = []
    second_question = Checker._second_question

    def counted(self, node, again, keys, first):
        readings.append(first)
        return second_question(self, node, again, keys, first)

    monkeypatch.setattr(Checker, "_second_question", counted)
    bank, result = check_text(
        tmp_path,
        "title: t\nquestions:\n  - id: a\n    section: S\n    question: Q?\n"
        + "    hint: H.\n" * 2_000,
    )
    assert result.exit_code == 1
    # the first 500 of its 1,999 problems one by one, then how many more (errors.BankError)
    assert result.output.count("duplicate key 'hint'; first on line 6") == 500
    assert "and 1,499 more problems from here" in result.output
    assert len(readings) <= 1, len(readings)


def test_a_problem_found_twice_is_said_once(tmp_path):
    """A picture out of the bank's folder shown 10,000 times on one line (mutation fuzzing)
    was told 10,000 times, word for word: 2 MB of one line."""
    (tmp_path / "x.png").write_bytes(b"")
    folder = tmp_path / "bank"
    folder.mkdir()
    bank, result = check_text(
        folder,
        "title: t\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        '    question: "Look: ' + "![a](../x.png) " * 3 + '"\n    hint: H.\n',
    )
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{bank}:6: question 'q': 'question': the image '../x.png' is outside the bank's "
        f"folder ({tmp_path / 'x.png'}); copy it into the folder (a symbolic link out of the "
        "folder is refused too)"
    ]


def test_a_character_yaml_refuses_on_a_mended_line_waits_for_the_next_check(tmp_path):
    """The refused character on the very line the first problem mends (its text put in
    quotes) was said of the line as mended: a column one too far, and a quote the user
    never wrote in its excerpt. As every problem of a mended line, it is told at the next
    check, once the line is written as the first problem says."""
    long = "word " * 40_000
    text = f"title: t\nquestions:\n  - id: a\n    section: S\n    question: Why: {long}\x1b end\n"
    bank, result = check_text(tmp_path, text)
    assert result.exit_code == 1, result.output
    assert [line.split(": ")[0] for line in result.output.splitlines() if "YAML" in line] == [
        f"{bank}:5:18"
    ]
    mended = text.replace("question: Why: ", 'question: "Why: ').replace(" end\n", ' end"\n')
    bank, result = check_text(tmp_path, mended)
    column = mended.split("\n")[4].index("\x1b") + 1
    assert result.output.startswith(
        f"{bank}:5:{column}: invalid YAML: the character U+001B is not allowed\n"
    )


def test_a_lone_surrogate_in_text_is_refused():
    with pytest.raises(BankError) as caught:
        parse_bank("title: t\nquestions: [\ud800]\n", source="s.yaml")
    assert str(caught.value).splitlines()[0] == (
        "s.yaml:2:13: invalid YAML: a lone surrogate, which is no character"
    )


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*$", re.MULTILINE)


def test_the_bundled_bank_in_markdown_prints_every_word_as_written(default_bank):
    """The bundled bank is Markdown, and that took no word from it: every hint reads as the
    seed's, and every text's words are those a plain bank shows (inline code without its
    backticks), a fenced block's code being the lines between its fences. A `*`, `_` or
    `<`, a leading `1.` or `#` taken as markup would drop or change a character here."""
    assert default_bank.markup == "markdown"
    seed = [hint for hints in seed_hints().values() for hint in hints]
    assert len(seed) == 50
    for question, written in zip(default_bank.questions, seed, strict=True):
        assert default_bank.rich_text(question.hint).plain() == plain(written), question.id
    assert len(default_bank.rich) > 300
    for text, tree in default_bank.rich.items():
        expected = plain(text) if not tree.code_blocks() else plain(_FENCE.sub("", text))
        assert "".join(tree.plain().split()) == "".join(expected.split()), text


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xa5\x84",
            "a zip archive (a Word or Excel document is one)",
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
    ],
)
def test_a_document_given_as_a_bank_is_named_for_what_it_is(cli, tmp_path, head, kind):
    """A DOCX or PDF passed as --bank: not UTF-8 advice on saving with an encoding, but what
    the file is and what qbank reads."""
    bank = tmp_path / "bank.yaml"
    bank.write_bytes(head + bytes(range(256)))
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{bank}:1: not a text file but {kind}; qbank reads banks and spreadsheets as text (a "
        "bank in YAML, a spreadsheet saved as CSV)\n"
    )


def test_a_missing_or_empty_id_is_refused(cli, tmp_path):
    """A question without an id is told about check --fix-ids, which gives it one; an
    empty id (which --fix-ids leaves alone) is named as empty."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - {section: S, question: Q?, hint: H.}\n"
        '  - {id: "", section: S, question: R?, hint: H.}\n',
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{bank}:3: question 1: missing 'id'; add one (lowercase letters, digits and hyphens), "
        "or let `qbank check --fix-ids` give one to each question without\n"
        f"{bank}:4: question 2: 'id' is empty\n"
    )


def test_a_name_whose_accents_are_stored_apart_is_told_so(tmp_path):
    """'Général' typed as é, and copied as e and a combining accent (as macOS and some
    copying write it): the two look the same, so "did you mean 'Général'?" made no sense."""
    composed, apart = "G\u00e9n\u00e9ral", "Ge\u0301ne\u0301ral"
    text = (
        f"title: T\nsections: [{composed}]\ntags: [{{name: {composed}, description: d}}]\n"
        f"questions:\n  - {{id: a, section: {apart}, question: Q?, hint: H., tags: [{apart}]}}\n"
    )
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    message = str(caught.value)
    assert f"unknown section '{apart}'; it looks like '{composed}' but its accents are" in message
    assert f"tag '{apart}' is not in the bank's 'tags' list; it looks like '{composed}'" in message
    assert "did you mean" not in message


@pytest.mark.parametrize(
    "key,field", [("answer", "hint"), ("Category", "section"), ("notes", "note")]
)
def test_another_tools_name_for_a_field_is_told_the_field(key, field):
    """`answer:` is what a spreadsheet's header or another tool calls the hint; qbank import
    reads it so, and check suggests it (it suggested nothing)."""
    text = f"title: T\nquestions:\n  - {{id: a, section: S, question: Q?, hint: H., {key}: x}}\n"
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    assert f"unknown key '{key}'; did you mean '{field}'?" in str(caught.value)


@pytest.mark.parametrize(
    "written,told",
    [
        ("jp", "'jp' is a country's code, the language's is ja"),
        ("cn-Hans", "'cn' is a country's code, the language's is zh"),
        ("zh_CN", "write it with a hyphen: zh-CN"),
        # a trial wrote its language's name (a section's `language:` is read alike)
        ("español", "for español, write es"),
        ("Spanish", "for Spanish, write es"),
    ],
)
def test_a_language_written_as_a_country_or_with_an_underscore_is_told_the_tag(written, told):
    # kr is Kanuri's code in ISO 639-1, so Korea's country code is not refused
    kanuri = "title: T\nlanguage: kr\nquestions:\n  - {id: a, section: S, question: Q?, hint: H.}\n"
    assert parse_bank(kanuri, source="k.yaml").language == "kr"
    """`language: jp` passed, and a screen reader found no Japanese voice for it; `zh_CN`
    was refused without a word of what to write."""
    question = "{id: a, section: S, question: Q?, hint: H.}"
    text = f"title: T\nlanguage: {written}\nquestions:\n  - {question}\n"
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    assert (
        "b.yaml:2: 'language' must be a language tag such as en, de or pt-BR (BCP 47), "
        f"not {written}; {told}" in str(caught.value)
    )


def test_an_id_with_an_accent_is_told_the_letters_and_given_one_in_ascii(tmp_path):
    """A trial's 'konfliktlösung' was told "lowercase letters", which ö is, and offered no
    id; 'Größe' is spelt as ids are made."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - {id: konfliktlösung, section: S, question: Q?, hint: H.}\n"
        "  - {id: Größe_X, section: S, question: R?, hint: H.}\n",
        encoding="utf-8",
    )
    with pytest.raises(BankError) as caught:
        load_bank(bank)
    assert [p.message for p in caught.value.problems] == [
        "question 'konfliktlösung': id must be lowercase letters a to z (no accents), digits "
        "and single hyphens, such as konfliktlosung",
        "question 'Größe_X': id must be lowercase letters a to z (no accents), digits and "
        "single hyphens, such as grosse-x",
    ]
    # an id the bank has is not offered (a review: following the advice gave a duplicate)
    bank.write_text(
        bank.read_text(encoding="utf-8")
        + "  - {id: grosse-x, section: S, question: T?, hint: H.}\n",
        encoding="utf-8",
    )
    with pytest.raises(BankError) as caught:
        load_bank(bank)
    assert caught.value.problems[1].message.endswith("such as grosse-x-2")


def test_a_slip_in_the_sections_list_is_one_problem_there(tmp_path):
    """A trial listed 'Pipeline' and filed every question under 'Pipelines': eight
    "unknown section" problems, each at a question, where the one slip was in the list."""
    text = (
        "title: T\nsections:\n  - name: Basics\n  - name: Pipeline\nquestions:\n"
        "  - {id: a1, section: Basics, question: Q?, hint: H.}\n"
        "  - {id: a2, section: Pipelines, question: Q?, hint: H.}\n"
        "  - {id: a3, section: Pipelines, question: Q?, hint: H.}\n"
    )
    bank, result = check_text(tmp_path, text)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{bank}:4: section 'Pipeline' is listed here, but no question is in it, and 2 "
        "questions are in 'Pipelines' (lines 7, 8), which the list does not name; if they are "
        "one section, spell it one way: here, write Pipelines\n"
    )
    # one question astray, or a listed section some question is in: at the question
    for questions in ("a2", "a1"):
        text = text.replace("{id: a3, section: Pipelines", "{id: a3, section: Pipeline")
        if questions == "a1":
            text = text.replace("{id: a1, section: Basics", "{id: a1, section: Pipeline")
        bank, result = check_text(tmp_path, text)
        assert result.exit_code == 1
        assert "7:23: question 'a2': unknown section 'Pipelines'; did you mean 'Pipeline'?" in (
            result.stderr
        ), result.stderr


def test_two_slips_near_one_listed_section_are_said_at_their_questions(tmp_path):
    """A review: 'Pipeline' and 'Pipelnes' both near the listed 'Pipelines' got two
    contradictory "here, write ..." at the list: each question is told, as before."""
    bank, result = check_text(
        tmp_path,
        "title: T\nsections: [Pipelines, Security]\nquestions:\n"
        "  - {id: a1, section: Pipeline, question: Q?, hint: h}\n"
        "  - {id: a2, section: Pipeline, question: Q?, hint: h}\n"
        "  - {id: a3, section: Pipelnes, question: Q?, hint: h}\n"
        "  - {id: a4, section: Pipelnes, question: Q?, hint: h}\n"
        "  - {id: a5, section: Security, question: Q?, hint: h}\n",
    )
    told = [line for line in result.stderr.splitlines() if line.startswith(str(bank))]
    assert [line.split(": ")[1] for line in told] == [
        "question 'a1'",
        "question 'a2'",
        "question 'a3'",
        "question 'a4'",
    ]


def test_a_section_name_on_two_lines_is_refused_once_at_its_place(tmp_path):
    """A trial's sheet cell 'Voca' / 'bulario' (or "Voca\\nbulario" typed) made a section
    whose name broke each message in two, the FILE:LINE line among them: said where it is
    written, once a name (the list's, not again at each of its questions), with the line
    to write."""
    bank, result = check_text(
        tmp_path,
        'title: T\nsections:\n  - "A\\nB"\n  - {name: "C\\u2028D"}\nquestions:\n'
        '  - {id: a1, section: "A\\nB", question: Q?, hint: h}\n'
        '  - {id: a2, section: "E\\u2029F", question: Q?, hint: h}\n',
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{bank}:3: section: a section's name must be one line: join its lines, 'A B'",
        f"{bank}:4: section: a section's name must be one line: join its lines, 'C D'",
        f"{bank}:7: question 'a2': a section's name must be one line: join its lines, 'E F'",
    ]
    csv = tmp_path / "s.csv"
    csv.write_text('id,section,question,hint\na,"Voca\nbulario",Why?,yes\n', encoding="utf-8")
    result = run_cli("import", csv, "-o", tmp_path / "s.yaml")
    assert result.exit_code == 1 and not (tmp_path / "s.yaml").exists()
    assert result.stderr.splitlines() == [
        f"{csv}:2: section: a section's name must be one line: join its lines, 'Voca bulario'"
    ]


def test_a_language_tag_longer_than_bcp_47s_is_refused():
    """An 18,002-character tag was taken and written into every PDF and DOCX (a hostile test);
    a section's language is checked the same way."""
    tag = "en" + "-abcdefgh" * 4  # 38 characters, each part well formed
    for where in (f"language: {tag}\n", f"sections:\n  - {{name: S, language: {tag}}}\n"):
        text = f"title: T\n{where}questions:\n  - {{id: a, section: S, question: Q?, hint: H.}}\n"
        with pytest.raises(BankError) as caught:
            parse_bank(text, source="b.yaml")
        assert "'language' is a language tag of 38 characters; one has at most 35" in str(
            caught.value
        )
    assert parse_bank(text.replace(tag, "en-GB"), source="b.yaml").sections[0].language == "en-GB"


def test_a_sections_wrong_language_names_the_section(tmp_path):
    """A review: a section's 'language: jp' was said without the section's name, and a
    question of a list whose every entry was refused was told 'sections are: ' and no
    more."""
    bank, result = check_text(
        tmp_path,
        "title: T\nsections:\n  - {name: Uno, language: jp}\n  - {language: es}\n"
        "questions:\n  - {id: a, section: Uno, question: Q?, hint: h}\n",
    )
    assert result.stderr.splitlines() == [
        f"{bank}:3: section 'Uno': 'language' must be a language tag such as en, de or pt-BR "
        "(BCP 47), not jp; 'jp' is a country's code, the language's is ja",
        f"{bank}:4: section: missing 'name'",
    ]
    bank, result = check_text(
        tmp_path,
        "title: T\nsections:\n  - {language: es}\n"
        "questions:\n  - {id: a, section: Uno, question: Q?, hint: h}\n",
    )
    assert result.stderr.splitlines()[:2] == [
        f"{bank}:3: section: missing 'name'",
        f"{bank}:5:22: question 'a': unknown section 'Uno'; the list of 'sections' names none",
    ]
    # a name on two lines, refused, is named joined, as it is to be written: the message
    # broke in two, its second line with no FILE:LINE
    bank, result = check_text(
        tmp_path,
        'title: T\nsections:\n  - {name: "Voca\\nbulario", language: jp}\n'
        "questions:\n  - {id: a, section: Voca bulario, question: Q?, hint: h}\n",
    )
    assert f"{bank}:3: section 'Voca bulario': 'language' must" in result.stderr
    # and its description's picture that is not there (a trial's GIFT file imported from
    # its output folder was told 'section: 'description': the image ...', at line 1)
    bank, result = check_text(
        tmp_path,
        "title: T\nmarkup: markdown\nsections:\n  - name: Uno\n"
        "    description: '![A schema](nope.png)'\n"
        "questions:\n  - {id: a, section: Uno, question: Q?, hint: h}\n",
    )
    assert result.stderr.startswith(
        f"{bank}:5: section 'Uno': 'description': the image 'nope.png' does not exist"
    ), result.stderr


def test_tags_written_as_text_are_shown_as_the_list_to_write():
    """A new-user trial wrote `tags: concurrency, go` and was told only that tags must be a
    list; the message now shows the list, and writing it as shown loads."""
    text = "title: T\nquestions:\n  - {id: a, section: S, question: Q?, hint: H.}\n"
    broken = text.replace("hint: H.}", "hint: H., tags: 'concurrency, go, C++: basics, 42, yes'}")
    with pytest.raises(BankError) as refused:
        parse_bank(broken, source="b.yaml")
    message = str(refused.value).splitlines()[0]
    advice = 'tags: [concurrency, go, "C++: basics", "42", "yes"]'
    assert message.endswith(f"write it as a list in brackets: {advice}")
    fixed = parse_bank(text.replace("hint: H.}", f"hint: H., {advice}}}"), source="b.yaml")
    assert fixed.questions[0].tags == ("concurrency", "go", "C++: basics", "42", "yes")
    # a duplicate id's suggestion is free among all ids, later ones too (a review)
    ids = "  - {id: a, section: S, question: Q?, hint: H.}\n"
    three = "title: T\nquestions:\n" + ids * 2 + ids.replace("id: a,", "id: a-2,")
    with pytest.raises(BankError) as refused:
        parse_bank(three, source="b.yaml")
    assert str(refused.value).splitlines()[0].endswith("such as a-3")
    with pytest.raises(BankError) as refused:  # three copies: each offered its own
        parse_bank("title: T\nquestions:\n" + ids * 3, source="b.yaml")
    offered = [line.rsplit(" ", 1)[1] for line in str(refused.value).splitlines()]
    assert offered == ["a-2", "a-3"]
    # and a look-for signal with a comma is not told to split (only tags are)
    signal = text.replace("hint: H.}", "hint: H., look_for: 'mentions TLS, not SSL'}")
    with pytest.raises(BankError) as refused:
        parse_bank(signal, source="b.yaml")
    assert 'look_for: ["mentions TLS, not SSL"]' in str(refused.value)  # one, whole


@pytest.mark.parametrize(
    ("written", "message"),
    [
        # a statistics lecturer's TeX in double quotes: '\b' of '\bar' is a backspace to YAML
        (
            '"What is $\\bar{x}$?"',
            "5:25: question 'a': 'question' holds the control character U+0008, which YAML "
            "makes of '\\b' inside double quotes (a TeX command's start, as in \\bar or "
            "\\frac, is read so); write the text in 'single quotes', where a backslash is "
            "itself, or write \\\\ for each backslash",
        ),
        # and '\s' of '\sqrt' no escape at all: 'found unknown escape character'
        (
            '"What is $\\sqrt{n}$?"',
            "5:25: question 'a': invalid YAML: inside double quotes a backslash starts an "
            "escape, as \\n starts a line break, and YAML cannot read '\\s' as one (a TeX "
            "command, \\sqrt, or a Windows path, C:\\Users, starts so); write the text in "
            "'single quotes', where a backslash is itself, or write \\\\ for each backslash",
        ),
        # a Windows path: 'did not find expected hexdecimal number'
        (
            '"Open C:\\Users\\me"',
            "5:23: question 'a': invalid YAML: inside double quotes a backslash starts an "
            "escape, as \\n starts a line break, and YAML cannot read '\\U' as one (a TeX "
            "command, \\sqrt, or a Windows path, C:\\Users, starts so); write the text in "
            "'single quotes', where a backslash is itself, or write \\\\ for each backslash",
        ),
    ],
)
def test_a_backslash_in_double_quotes_is_told_in_words(written, message):
    """A lecturer typed TeX in double quotes: '$\\bar{x}$' was refused as holding "the
    control character U+0008", and '$\\sqrt{n}$' as "found unknown escape character", with
    nothing to act on. Each is told at the backslash, with what YAML made of it and what to
    write instead."""
    text = (
        f"title: t\nquestions:\n  - id: a\n    section: s\n    question: {written}\n    hint: h\n"
    )
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    first, excerpt, caret = str(caught.value).splitlines()
    assert first == f"b.yaml:{message}"
    assert excerpt.strip() == f"question: {written}"
    assert caret.index("^") - excerpt.index("q") == int(message.split(":")[1]) - 5


def test_a_tex_command_that_yaml_reads_as_a_tab_or_a_line_break_is_warned_of():
    """A lecturer's "$\\theta$" in double quotes loaded as a tab and 'heta', and "$\\nu$" as
    a line break and 'u', in every artifact, with no word: each is warned of at its
    backslash. A tab or a line break written so ('\\t', '\\n' before a blank) is not."""
    warnings = []
    text = (
        "title: t\nquestions:\n  - id: a\n    section: s\n"
        '    question: "Is $\\theta$ or $\\nu$ the rate?"\n'
        '    hint: "a\\tb \\t c\\nd \\n e"\n'
    )
    bank = parse_bank(text, source="b.yaml", warn=warnings.append)
    assert bank.questions[0].question == "Is $\theta$ or $\nu$ the rate?"
    said = [str(w).splitlines() for w in warnings]
    assert [lines[0] for lines in said] == [
        f"b.yaml:5:{column}: warning: question 'a': 'question': YAML reads '\\{command}' inside "
        f"double quotes as {made} and '{rest}', not TeX's \\{command}; qbank typesets no TeX, "
        "so write the formula in Unicode (θ, ×, ≠, ν), or, to show the TeX, write the text in "
        "'single quotes'"
        for column, command, made, rest in (
            (20, "theta", "a tab", "heta"),
            (32, "nu", "a line break", "u"),
        )
    ]
    assert said[0][2].index("^") - said[0][1].index("q") == 20 - 5


def test_a_tab_or_a_line_break_before_a_word_is_no_tex_command():
    """A review: 'Name\\tan example' (a tab, then 'an') and 'First line.\\ne.g. this' (a
    line break, then 'e.g.') were warned of as TeX's \\tan and \\ne, with advice (single
    quotes) that undid the tab and the line break the writer meant. Such a command is TeX
    in a text that holds a formula ($), and is warned of there."""
    warnings = []
    text = (
        "title: t\nquestions:\n  - id: a\n    section: s\n"
        '    question: "Name\\tan example, value\\tan other?"\n'
        '    hint: "First line.\\ne.g. this, \\ni.e. that, \\neg."\n'
        '    note: "Is $a \\ne b$?"\n'
    )
    bank = parse_bank(text, source="b.yaml", warn=warnings.append)
    assert bank.questions[0].question == "Name\tan example, value\tan other?"
    said = [str(w).splitlines()[0] for w in warnings]
    assert said == [
        "b.yaml:7:18: warning: question 'a': 'note': YAML reads '\\ne' inside double quotes "
        "as a line break and 'e', not TeX's \\ne; qbank typesets no TeX, so write the formula "
        "in Unicode (θ, ×, ≠, ν), or, to show the TeX, write the text in 'single quotes'"
    ], said
