"""Spreadsheets in and out: `qbank import` and `qbank export --format csv|tsv`."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import os
import shlex
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, run_cli
from hypothesis import example, given
from hypothesis import strategies as st

from qbank.bank import load_bank
from qbank.bank.spreadsheet import read_spreadsheet, split_list, write_spreadsheet
from qbank.bank.writer import question_yaml
from qbank.errors import BankError, QbankError
from qbank.model import Bank
from qbank.paths import DEFAULT_BANK
from qbank.text import formula_guarded, formula_unguarded

# every hostile bank that loads (hostile-refused-* are refused by the loader, by design)
LOADS = [p for p in sorted(FIXTURES.glob("hostile-*.yaml")) if "-refused-" not in p.name]
ROUND_TRIP = [DEFAULT_BANK, *LOADS]
LIBREOFFICE = FIXTURES / "spreadsheet-libreoffice.csv"  # saved by LibreOffice Calc 7.4


# a row without a hint, told as the sheet names its column (a trial's 'Answer' was told as
# "missing 'hint'", a word the sheet did not have)
EMPTY_HINT = (
    "the 'hint' cell (column B) is empty; every row needs one: the answer, which the study "
    "edition shows"
)


def questions(bank: Bank) -> list[dict]:
    """Everything a question holds but where it was read from."""
    return [{k: v for k, v in dataclasses.asdict(q).items() if k != "line"} for q in bank.questions]


@pytest.mark.parametrize("tab", [False, True], ids=["csv", "tsv"])
@pytest.mark.parametrize("path", ROUND_TRIP, ids=lambda p: p.stem)
def test_export_then_import_gives_the_same_questions(tmp_path, path, tab):
    bank = load_bank(path)
    sheet = tmp_path / f"{path.stem}.{'tsv' if tab else 'csv'}"
    sheet.write_text(write_spreadsheet(bank, tab=tab), encoding="utf-8", newline="")
    again, text = read_spreadsheet(sheet)
    assert questions(again) == questions(bank)
    assert [s.name for s in again.sections] == [s.name for s in bank.sections]


def test_cli_round_trip_writes_a_bank_that_checks(cli, tmp_path):
    sheet, bank = tmp_path / "bank.csv", tmp_path / "again.yaml"
    assert cli("export", "--bank", DEFAULT_BANK, "-o", sheet).exit_code == 0
    result = cli("import", sheet, "-o", bank)  # the bundled bank is Markdown: told so
    assert result.exit_code == 0
    assert "the sheet's texts look like Markdown (a ``` code fence)" in result.stderr
    bank.unlink()
    result = cli("import", sheet, "-o", bank, "--markup", "markdown")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{bank}\n"
    # the bundled bank's description and organisation are not in the sheet: said
    assert "not that bank's description, language or organisation" in result.stderr
    assert cli("check", "--bank", bank).exit_code == 0
    assert questions(load_bank(bank)) == questions(load_bank(DEFAULT_BANK))
    assert load_bank(bank).markup == "markdown"
    # the $schema line names a schema that exists beside the new bank
    first = bank.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema.json"
    assert (tmp_path / "schema.json").read_text() == (
        DEFAULT_BANK.parent / "schema.json"
    ).read_text()


@pytest.mark.parametrize("name", ["spreadsheet-libreoffice.csv", "spreadsheet-libreoffice-bom.csv"])
def test_a_libreoffice_sheet_with_semicolons_imports(name):
    bank, _ = read_spreadsheet(FIXTURES / name)
    first, second, third = bank.questions
    assert first.question == 'What does "least privilege" mean; and why?'
    assert first.hint == "Give each account only the access it needs.\nReview it quarterly."
    assert first.section == "Basics" and first.minutes == 4
    assert first.tags == ("iam", "basics")
    assert first.look_for == ("Names a concrete example", "Mentions review")
    assert first.follow_ups == ("How do you find unused rights?",)
    assert first.id == "what-least-privilege-mean-why"
    assert second.question == "Über-café: a façade attack #1?"
    assert second.hint == "Ja: #1 priority — résumé, naïve, 東京."
    assert second.note == "Checked 2026" and second.section == "Scenario-Based"
    assert third.question == "Leading blanks and <b>tags</b> &amp; {{c1::cloze}}"
    assert third.hint == "%s and `code`"
    assert [s.name for s in bank.sections] == ["Basics", "Scenario-Based"]


def test_windows_1252_is_refused_with_how_to_save_as_utf8(cli, tmp_path):
    out = tmp_path / "out.yaml"
    result = cli("import", FIXTURES / "spreadsheet-cp1252.csv", "-o", out)
    assert result.exit_code == 1
    assert result.output == (
        f"{FIXTURES / 'spreadsheet-cp1252.csv'}:2: not UTF-8 text: byte 0xe9 (it looks like "
        'Windows-1252, which Excel\'s plain "CSV" writes). Save the sheet as UTF-8: in Excel '
        'choose "CSV UTF-8 (Comma delimited)"; in LibreOffice Calc tick "Edit filter '
        'settings" and choose "Unicode (UTF-8)"\n'
    )
    assert not out.exists()


def test_bad_rows_are_reported_by_row_and_nothing_is_written(cli, tmp_path):
    source = FIXTURES / "spreadsheet-bad-rows.csv"
    out = tmp_path / "out.yaml"
    result = cli("import", source, "-o", out)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{source}:3: {EMPTY_HINT.replace('hint', 'Hint')}",
        f"{source}:4: question 'first': duplicate id; first used on row 2; give this question "
        "an id of its own, such as first-2",
        f"{source}:4: question 'first': 'minutes' must be a whole number from 1 to 240, not the "
        "text 'soon'",
    ]
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_headers_are_case_insensitive_with_synonyms_and_ids_are_made(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "QUESTION,Answer,Category,Look For,follow-ups\n"
        "What is a SOC?,A team.,Ops,watches;responds,Who staffs it?\n"
        "What is a SOC?,Again.,Ops,,\n",
        encoding="utf-8",
    )
    bank, _ = read_spreadsheet(sheet)
    assert [q.id for q in bank.questions] == ["what-soc", "what-soc-2"]
    assert bank.questions[0].look_for == ("watches", "responds")
    assert bank.questions[0].follow_ups == ("Who staffs it?",)
    assert bank.title == "Sheet"


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("Question;Réponse;Catégorie;Étiquettes;Durée;Remarque", "fr"),
        ("Frage;Antwort;Kategorie;Schlagwörter;Minuten;Notiz", "de"),
        ("Pregunta;Respuesta;Categoría;Etiquetas;Minutos;Notas", "es"),
        ("Domanda;Risposta;Argomento;Etichette;Minuti;Note", "it"),
        ("Pergunta;Resposta;Tema;Etiquetas;Minutos;Nota", "pt"),
        ("Vraag;Antwoord;Onderwerp;Labels;Minuten;Opmerking", "nl"),
        ("Question;Antwort;Section;Tags;Minutes;Note", "de"),
        ("Question;Answer;Tema;Tags;Minutos;Nota", None),  # Spanish or Portuguese
    ],
)
def test_a_sheet_headed_in_another_language_is_read(tmp_path, header, language):
    """A French teacher's own sheet, headed 'Question;Réponse;Catégorie', was refused with
    "no 'hint' column": a sheet made by hand is headed in its maker's language. The words
    of French, German, Spanish, Italian, Portuguese and Dutch for the fields are read as
    those fields, typed with their accents or decomposed (as macOS may save them); and the
    new bank is in the headers' language where they say one (its French cards broke
    'Pourquoi' over '?': a review), which is said."""
    from qbank.bank.checks import HEADER_LANGUAGE_NAMES, OTHER_LANGUAGES

    assert HEADER_LANGUAGE_NAMES.keys() == OTHER_LANGUAGES.keys()
    sheet = tmp_path / "feuille.csv"
    for text in (header, unicodedata.normalize("NFD", header)):
        sheet.write_text(f"{text}\nQ?;R.;Réseau;net;5;N.\n", encoding="utf-8")
        said: list[str] = []
        bank, _ = read_spreadsheet(sheet, warn=said.append)
        (question,) = bank.questions
        assert (question.question, question.hint, question.section) == ("Q?", "R.", "Réseau")
        assert (question.tags, question.minutes, question.note) == (("net",), 5, "N.")
        assert bank.language == (language or "")
        told = [f"{sheet}:1: the headers are in {HEADER_LANGUAGE_NAMES[language]}: the bank says "
                f"`language: {language}` (its texts set and read as "
                f"{HEADER_LANGUAGE_NAMES[language]}); change or delete that line if its "
                "questions are in another language"] if language else []  # fmt: skip
        assert said == told


def test_unknown_columns_are_skipped_with_one_warning_naming_the_closest(tmp_path):
    """A column of the user's own is skipped with a warning. A header one letter off a
    field's name ('minuts', 'Secton') is refused: skipped, its cells were lost without a
    word (a trial's whole sheet landed in one section). A field's name in the singular or
    the plural ('Tag', 'Hints') is that field."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("question,Hints,Tag,Owner,Difficult\nQ?,H.,a,me,hard\n", encoding="utf-8")
    said = []
    bank, _ = read_spreadsheet(sheet, warn=said.append)
    assert said == [
        f"{sheet}:1: warning: skipped the columns 'Owner', 'Difficult', which a bank has no "
        "field for; columns are: question, hint, id, section, tags, look_for, follow_ups, "
        "minutes, note, group, sources, competency, anchors (also: answer, category, topic)"
    ]
    assert (bank.questions[0].hint, bank.questions[0].tags) == ("H.", ("a",))
    # a plural of a synonym is its field too; a second 'Questions' is the user's own column
    sheet.write_text("Questions,Answers,Categories,question\nQ?,H.,Lab,Q2?\n", encoding="utf-8")
    bank, _ = read_spreadsheet(sheet, warn=said.append)
    q = bank.questions[0]
    assert (q.question, q.hint, q.section) == ("Q2?", "H.", "Lab")
    assert "skipped the column 'Questions' (did you mean 'question'?)" in said[-1]
    sheet.write_text("question,hint,minuts,Secton\nQ?,H.,3,Lab\n", encoding="utf-8")
    with pytest.raises(BankError) as refused:
        read_spreadsheet(sheet, warn=said.append)
    assert [str(p) for p in refused.value.problems] == [
        f"{sheet}:1: the column '{typo}' is no field of a bank; did you mean '{field}'? Rename "
        f"its header to {field}, or to a name of your own if the column is not that field (a "
        "column qbank does not know is skipped)"
        for typo, field in (("minuts", "minutes"), ("Secton", "section"))
    ]


def test_a_calc_sheet_with_line_breaks_and_extra_columns_is_told_by_its_rows(cli, tmp_path):
    """Rows as Calc and Excel number them: a cell's line breaks make a row taller, not new
    rows (SIEM is row 4 and MFA row 5, on lines 7 and 9 of the file)."""
    source = FIXTURES / "spreadsheet-calc-rows.csv"
    result = cli("import", source, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{source}:1: warning: skipped the columns 'Difficulty', 'Owner', which a bank has no "
        "field for; columns are: question, hint, id, section, tags, look_for, follow_ups, "
        "minutes, note, group, sources, competency, anchors (also: answer, category, topic)",
        f"{source}:4: question 'what-siem': 'minutes' must be a whole number from 1 to 240, "
        "not the text 'soon'",
        f"{source}:5: the 'Hint' cell (column B) is empty; every row needs one: the answer, "
        "which the study edition shows",
    ]
    assert not (tmp_path / "out.yaml").exists()
    fixed = tmp_path / "fixed.csv"
    text = source.read_text(encoding="utf-8").replace(",soon,", ",5,")
    fixed.write_text(text.replace("MFA?,,", "MFA?,Two factors.,"), encoding="utf-8")
    assert cli("import", fixed, "-o", tmp_path / "out.yaml").exit_code == 0
    bank = load_bank(tmp_path / "out.yaml")
    assert bank.questions[0].hint == "It filters traffic:\n- by address\n- by port"
    assert bank.questions[1].question == "What is a VPN?\n(two lines)"


def test_list_cells_split_on_line_breaks_first_then_semicolons():
    assert split_list("a; b") == ["a", "b"]
    assert split_list("a; b\nc") == ["a; b", "c"]
    assert split_list("one;\n") == ["one;"]
    assert split_list("x y", words=True) == ["x", "y"]


def test_the_tsv_is_a_sheet_with_no_anki_headers_and_keeps_a_tag_with_a_blank(cli, tmp_path):
    """The TSV is the CSV's twin: a header row, no `#guid column` (Anki took each bare id for
    a GUID, and a second bank's `q1` overwrote the first bank's card) and no `#tags column`,
    whose blanks split a lone tag 'with space' in two on the way back (a trial's findings)."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nquestions:\n"
        "  - {id: q1, section: S, question: Q?, hint: H., tags: [with space]}\n"
        "  - {id: q2, section: S, question: R?, hint: I., tags: [a, b c]}\n",
        encoding="utf-8",
    )
    tsv = tmp_path / "b.tsv"
    assert cli("export", "--bank", bank, "--format", "tsv", "-o", tsv).exit_code == 0
    text = tsv.read_bytes().decode("utf-8")
    header = "question\thint\tid\tsection\ttags\tqbank base (do not edit)\r\n"
    assert text.startswith(header) and "#" not in text
    assert cli("import", tsv, "-o", tmp_path / "back.yaml").exit_code == 0
    tags = [q.tags for q in load_bank(tmp_path / "back.yaml").questions]
    assert tags == [("with space",), ("a", "b c")]


def test_export_never_replaces_a_file_without_force(cli, tmp_path):
    sheet = tmp_path / "mine.csv"
    sheet.write_text("keep me", encoding="utf-8")
    result = cli("export", "--bank", DEFAULT_BANK, "-o", sheet)
    assert result.exit_code == 1 and sheet.read_text() == "keep me"
    assert cli("export", "--bank", DEFAULT_BANK, "-o", sheet, "--force").exit_code == 0
    # a CSV file starts with UTF-8's byte-order mark, which Excel needs to read it as UTF-8
    # (a trial saw every accent garbled without it); the TSV, which Excel opens as text, and
    # the standard output have no mark
    assert sheet.read_text(encoding="utf-8").startswith("\ufeffquestion,hint,id,section")
    tsv = tmp_path / "mine.tsv"
    assert cli("export", "--bank", DEFAULT_BANK, "--format", "tsv", "-o", tsv).exit_code == 0
    assert tsv.read_text(encoding="utf-8").startswith("question\thint\tid\tsection")
    assert cli("export", "--bank", DEFAULT_BANK, "-o", "-").stdout.startswith("question,")


def test_export_force_replaces_only_a_regular_file(cli, tmp_path):
    pipe = tmp_path / "pipe"  # not a file to replace, as /dev/null is not (for root too)
    os.mkfifo(pipe)
    result = cli("export", "--bank", DEFAULT_BANK, "-o", pipe, "--force")
    assert result.exit_code == 1
    assert (
        result.output == f"{pipe}: not a regular file; qbank replaces only files it could write\n"
    )
    assert pipe.is_fifo()


def test_import_never_replaces_a_bank(cli, tmp_path):
    out = tmp_path / "bank.yaml"
    out.write_text("mine", encoding="utf-8")
    result = cli("import", LIBREOFFICE, "-o", out)
    assert result.exit_code == 1 and out.read_text() == "mine"


def test_an_item_with_a_line_break_cannot_be_a_list_cell(tmp_path):
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - id: a\n    section: S\n    question: Q?\n    hint: H.\n"
        '    look_for: ["one\\ntwo"]\n',
        encoding="utf-8",
    )
    with pytest.raises(QbankError, match=r"b.yaml:3: question 'a': a look_for item holds a line"):
        write_spreadsheet(load_bank(bank), tab=False)


def test_a_row_without_a_question_is_named_by_its_row_beside_the_others(cli, tmp_path):
    source = tmp_path / "rows.csv"
    source.write_text("question,Answer\nFirst?,One.\n,Two.\nThird?,\n", encoding="utf-8")
    result = cli("import", source, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{source}:3: the 'question' cell is empty; every row needs one",
        f"{source}:4: {EMPTY_HINT.replace('hint', 'Answer')}",
    ]


INTO = FIXTURES / "spreadsheet-into-bank.yaml"


def edited_sheet(cli, tmp_path, edit, bank: Path = INTO) -> Path:
    """`bank` exported as a sheet, its rows changed by `edit` as a user would in Calc."""
    sheet = tmp_path / "sheet.csv"
    assert cli("export", "--bank", bank, "-o", sheet, "--force").exit_code == 0
    with sheet.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(edit(rows))
    return sheet


def test_import_into_updates_by_id_adds_and_reports_and_keeps_the_rest(cli, tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_bytes(INTO.read_bytes())

    def edit(rows):
        header, *body = rows
        body = [
            [c.replace("Filters traffic.", "Filters traffic by rules.") for c in r] for r in body
        ]
        body = [r for r in body if "Old question?" not in r]
        extra = dict.fromkeys(header, "") | {
            "question": "What is DNS?",
            "hint": "Names to addresses.",
            "section": "Network",
            "tags": "net",
            "minutes": "4",
        }
        return [[*header, "Difficulty"], *([*r, "easy"] for r in body), [*extra.values(), "x"]]

    result = cli("import", edited_sheet(cli, tmp_path, edit), "--into", bank)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{bank}\n"
    said = result.stderr.splitlines()
    assert said[1:] == [
        f"{bank}: questions: 1 updated (first), 1 added (what-dns), 1 unchanged",
        f"{bank}: sections added: Network",
        f"{bank}:31: question 'gone' is not in the sheet; kept in the bank (delete it there if "
        "it should go)",
    ]
    before, after = INTO.read_text(encoding="utf-8"), bank.read_text(encoding="utf-8")
    expected = before.replace(
        # the comment after a value the sheet changed stays (it was lost: a trial)
        "    hint: Filters traffic.  # the one thing it does\n",
        '    hint: "Filters traffic by rules."  # the one thing it does\n',
    ).replace(
        "    description: The ground floor.\n",
        '    description: The ground floor.\n  - name: "Network"\n',
    ) + (
        '\n  - id: "what-dns"\n    section: "Network"\n    question: "What is DNS?"\n'
        '    hint: "Names to addresses."\n    tags:\n      - "net"\n    minutes: 4\n'
    )
    assert after == expected  # comments, vocabulary, description and layout kept
    loaded = load_bank(bank)
    assert [t.name for t in loaded.vocabulary] == ["ops", "net"]
    assert [q.id for q in loaded.questions] == ["first", "second", "gone", "what-dns"]
    unchanged = edited_sheet(cli, tmp_path, lambda rows: rows, bank)
    again = cli("import", unchanged, "--into", bank)
    assert again.exit_code == 0 and bank.read_text(encoding="utf-8") == after


def test_a_bank_with_competencies_comes_back_from_its_sheet_unchanged(cli, tmp_path):
    """Export writes each competency cell as 'name (weight 2): description'; --into reads
    it as the bank's competency, named alone too, and refuses one described otherwise."""
    bank = tmp_path / "bank.yaml"
    bank.write_bytes((FIXTURES / "interview-bank.yaml").read_bytes())
    before = bank.read_text(encoding="utf-8")
    for edit in (
        lambda rows: rows,
        lambda rows: [[c.split(" (weight")[0] for c in r] for r in rows],
    ):
        result = cli("import", edited_sheet(cli, tmp_path, edit, bank), "--into", bank)
        assert result.exit_code == 0, result.output
        assert bank.read_text(encoding="utf-8") == before
    weighted = next(c for c in load_bank(bank).competencies if c.weight > 1)
    told = f"{weighted.name} (weight {weighted.weight}): {weighted.description}"

    def reworded(rows):
        return [[c.replace(told, f"{weighted.name}: Something else.") for c in r] for r in rows]

    result = cli("import", edited_sheet(cli, tmp_path, reworded, bank), "--into", bank)
    assert result.exit_code == 1
    assert (
        f"competency '{weighted.name}' is described here otherwise than in the bank "
        f"('{weighted.description}', weight {weighted.weight}); import --into keeps"
    ) in result.stderr
    assert bank.read_text(encoding="utf-8") == before


def test_import_into_refuses_a_result_that_fails_check_and_writes_nothing(cli, tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_bytes(INTO.read_bytes())

    def edit(rows):
        return [[c.replace("ops", "opps") for c in r] for r in rows]

    def and_a_bad_row(rows):  # another row's mistake of its own: both are said at once
        minutes = rows[0].index("minutes")
        return [
            r[:minutes] + ["cinco"] + r[minutes + 1 :] if r[2] == "second" else r
            for r in edit(rows)
        ]

    for change in (edit, and_a_bad_row):
        sheet = edited_sheet(cli, tmp_path, change)
        result = cli("import", sheet, "--into", bank)
        assert result.exit_code == 1
        # said at the sheet's row that holds it: the line of the bank as the update would
        # have written it was in no file (a trial saw bank.yaml:197 in a bank of 179 lines)
        assert result.stderr.startswith(
            f"{sheet}:2: question 'first': tag 'opps' is not in the bank's 'tags' list; did "
            "you mean 'ops'?"
        )
        assert bank.read_bytes() == INTO.read_bytes()
    # a trial's unknown tag was said only once its sheet's other rows were mended
    assert f"{sheet}:3: question 'second': 'minutes' must be a whole number" in result.stderr


def test_a_price_given_another_currency_in_the_sheet_updates_the_bank(cli, tmp_path):
    """A review: the bank's note '$5' typed '5 €' in the sheet was kept '$5', said as what a
    spreadsheet writes of it; no spreadsheet writes a currency the text did not have."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - {id: a, section: S, question: Q, hint: H, note: $5}\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "calc.csv"
    sheet.write_text("question,hint,id,section,note\nQ,H,a,S,5 €\n", encoding="utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0 and "1 updated (a)" in result.stderr, result.output
    assert load_bank(bank).questions[0].note == "5 €"


@pytest.mark.parametrize(
    ("number", "own", "saved"),
    [
        ("100000", "0.10", "0.1"),
        ("1.00E+05", "0.10", "0.1"),
        # Calc in German, its cells saved as shown (a trial)
        ("100000", "12:30", "12:30:00"),
        ("100000", "50%", "50.00%"),
        ("100000", "(5)", "-5"),
        # Calc in English, detecting special numbers (measured)
        ("100000", "$5", "$5.00"),
        ("100000", "1,000,000", "1000000"),
        ("100000", "5-", "-5"),
        ("100000", "1:2", "01:02:00 AM"),
        # a date, saved as shown, or not, or in German; a truth value (measured)
        ("100000", "1/2", "01/02/26"),
        ("100000", "1/2", "01/02/2026"),
        ("100000", "1/2", "2026-01-02"),
        ("100000", "1.5.", "01.05.26"),
        ("100000", "Jan-24", "01.01.24"),
        ("100000", "true", "TRUE"),
        # Calc in French: a column formatted with thousands, with no-break spaces, and the
        # bank's grouped number read as a number and written bare (measured)
        ("100000", "1000", "1\u00a0000"),
        ("100000", "1 000", "1000"),
        ("100000", "1\u00a0000", "1000"),
        ("100000", "-12\u202f345", "-12345"),
    ],
)
def test_numbers_a_spreadsheet_rewrote_are_read_as_the_banks_texts(
    cli, tmp_path, number, own, saved
):
    """LibreOffice Calc opened an export and saved the id '1e5' and the question '1e5' as
    100000 (or, its cells' contents saved as shown, 1.00E+05), the note '0.10' as 0.1 (a
    trial): --into added the question again as '100000', or refused '1.00E+05' as no id.
    The row is the bank's question, its numbers kept as the bank writes them, each said by
    its row."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n"
        f"  - {{id: 1e5, section: S, question: 1e5, hint: H, note: '{own}'}}\n",
        encoding="utf-8",
    )
    before = bank.read_bytes()
    sheet = tmp_path / "calc.csv"
    sheet.write_text(
        f"question,hint,id,section,note\n{number},H,{number},S,{saved}\n", encoding="utf-8"
    )
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert "0 updated, 0 added, 1 unchanged" in result.stderr
    assert bank.read_bytes() == before
    said = f"{sheet}:2: warning: the id '{number}' is the number a spreadsheet reads in the bank's"
    assert f"{said} id '1e5'" in result.stderr
    said = f"{sheet}:2: warning: question '1e5': its note '{saved}' is the bank's '{own}' as a "
    assert said in result.stderr


def test_a_new_questions_text_a_spreadsheet_made_a_date_is_told(cli, tmp_path):
    """A new user's trial: a new row's hint typed 1/2 in LibreOffice Calc was saved as
    01/02/26, and the bank and its cards said 01/02/26, with no word. A new question has no
    text of the bank's to keep, so the row says what was most likely typed and how to keep
    it: in the order of a French or British sheet too (14/7 saved as 14/07/26, which was
    passed over), and in a list's item. A spreadsheet gives a day and month the year it
    reads them in, so a date of another year (14/07/1789, typed so) or of its year first
    is left alone."""
    import datetime

    yy = f"{datetime.date.today().year % 100:02d}"
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - {id: a, section: S, question: Q, hint: H}\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "calc.csv"
    sheet.write_text(
        f"question,hint,id,section,note,look_for\nQ,H,a,S,,\nPile ?,01/02/{yy},,S,,\n"
        f"Quand ?,14/07/1789,,S,2026-01-02,\n01.05.{yy},Oui.,,S,,\n"
        f'Part ?,14/07/{yy},,S,,\nLook ?,H,,S,,"Says half\n03/04/{yy}"\n',
        encoding="utf-8",
    )
    said = "is a date as a spreadsheet writes one; if {} was typed there, the spreadsheet read"
    again = "it as a date: type it again as text ('{}, an apostrophe first), or format the "
    again += "column as text, and import the sheet again"
    for args in (("--into", bank), ("-o", tmp_path / "new.yaml")):
        result = cli("import", sheet, *args)
        assert result.exit_code == 0, result.output
        warned = [line for line in result.stderr.splitlines() if "is a date as" in line]
        assert warned == [
            f"{sheet}:3: warning: question 'pile': its hint '01/02/{yy}' {said.format('1/2')} "
            + again.format("1/2"),
            f"{sheet}:5: warning: question '01-05-{yy}': its question '01.05.{yy}' "
            f"{said.format('1.5.')} " + again.format("1.5."),
            f"{sheet}:6: warning: question 'part': its hint '14/07/{yy}' "
            f"{said.format('14/7')} " + again.format("14/7"),
            f"{sheet}:7: warning: question 'look': an item of its look_for '03/04/{yy}' "
            f"{said.format('3/4')} " + again.format("3/4"),
        ], result.stderr


def test_an_id_a_spreadsheet_showed_as_a_number_is_told_so(cli, tmp_path):
    """Calc saved the id 1e5 as shown, 1.00E+05 (a trial): a new bank's import said only
    'such as 1-00e-05'."""
    sheet = tmp_path / "calc.csv"
    sheet.write_text("question,hint,id\nQ?,H,1.00E+05\n", encoding="utf-8")
    result = cli("import", sheet, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{sheet}:2: question '1.00E+05': id must be ")
    assert result.stderr.endswith(
        "; '1.00E+05' is a number as a spreadsheet shows it, which it made of an id such as "
        "1e5: format the id column as text and type the id again\n"
    )


def test_a_sheet_imported_again_updates_its_questions_and_adds_none(cli, tmp_path):
    """A sheet kept as the master copy, without ids, imported again with --into added each
    question again ('q-two-2'), and one whose id '007' a spreadsheet wrote back as '7'
    was added too (a trial): a row without an id is the bank's question of its text, and
    a row whose id the bank lacks, of a question no row names, updates it and says so."""
    sheet = tmp_path / "master.csv"
    sheet.write_text("question,hint,section\nQ one?,H1,S\nQ two?,H2,S\n", encoding="utf-8")
    bank = tmp_path / "bank.yaml"
    assert cli("import", sheet, "-o", bank).exit_code == 0
    ids = [q.id for q in load_bank(bank).questions]
    sheet.write_text("question,hint,section\nQ one?,H1,S\nQ two?,H2 now,S\n", encoding="utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert f"1 updated ({ids[1]}), 0 added, 1 unchanged" in result.stderr
    assert [(q.id, q.hint) for q in load_bank(bank).questions] == [
        (ids[0], "H1"),
        (ids[1], "H2 now"),
    ]

    bank.write_text(bank.read_text(encoding="utf-8").replace(ids[0], "007"), encoding="utf-8")
    sheet.write_text("id,question,hint,section\n7,Q one?,H1 now,S\n", encoding="utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert "1 updated (007), 0 added" in result.stderr
    said = f"{sheet}:2: warning: the id '7' is the number a spreadsheet reads in the bank's"
    assert f"{said} id '007'" in result.stderr
    assert [(q.id, q.hint) for q in load_bank(bank).questions][0] == ("007", "H1 now")

    # questions asked twice in the same words (a warning, not an error) are matched in
    # order: the second was added again, the first of its text taken twice (a review)
    twice = tmp_path / "twice.yaml"
    twice.write_text(
        "title: T\nquestions:\n  - {id: a, section: S, question: Same?, hint: H1}\n"
        "  - {id: b, section: S, question: Same?, hint: H2}\n",
        encoding="utf-8",
    )
    sheet.write_text("question,hint,section\nSame?,H1 now,S\nSame?,H2 now,S\n", encoding="utf-8")
    result = cli("import", sheet, "--into", twice)
    assert result.exit_code == 0 and "2 updated (a, b), 0 added" in result.stderr, result.output
    assert [(q.id, q.hint) for q in load_bank(twice).questions] == [
        ("a", "H1 now"),
        ("b", "H2 now"),
    ]

    # a sheet saved with its accents decomposed (NFD) is the same text (a hostile trial)
    accented = tmp_path / "accented.yaml"
    accented.write_text(
        "title: T\nquestions:\n"
        "  - {id: a, section: S, question: Qu'est-ce qu'une clé ?, hint: H}\n",
        encoding="utf-8",
    )
    decomposed = unicodedata.normalize("NFD", "Qu'est-ce qu'une clé ?")
    sheet.write_text(f"question,hint,section\n{decomposed},H now,S\n", encoding="utf-8")
    result = cli("import", sheet, "--into", accented)
    assert result.exit_code == 0 and "1 updated (a), 0 added" in result.stderr, result.output
    # and is not written decomposed, nor said to be updated when nothing else changed
    assert load_bank(accented).questions[0].question == "Qu'est-ce qu'une clé ?"
    result = cli("import", sheet, "--into", accented)
    assert result.exit_code == 0 and "0 updated, 0 added, 1 unchanged" in result.stderr


def test_import_into_refuses_a_section_one_slip_from_the_banks(cli, tmp_path):
    """'Basic' for 'Basics' silently made a section of one question; a section unlike the
    bank's ('Week 2' beside 'Week 1' is unlike) is still added."""
    bank = tmp_path / "bank.yaml"
    bank.write_bytes(INTO.read_bytes())

    def slip(rows):
        return [*rows, ["New?", "New.", "new", "Basic"], ["Other?", "O.", "other", "basics."]]

    def header(rows):  # question, hint, id, section: the columns the rows above fill
        return [["question", "hint", "id", "section"], *rows[1:]]

    sheet = edited_sheet(cli, tmp_path, lambda rows: slip(header([r[:4] for r in rows])))
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{sheet}:5: question 'new': section 'Basic' is not one of the bank's; did you mean "
        "'Basics'? (a new section this like one the bank has is taken for a slip: to add it, "
        "add it to the bank by hand first)"
    )
    assert lines[1].startswith(f"{sheet}:6: question 'other': section 'basics.' is not one")
    assert bank.read_bytes() == INTO.read_bytes()
    sheet.write_text("question,hint,id,section\nWeek two?,W.,week-2,Basics 2\n", encoding="utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.stderr
    assert "sections added: Basics 2" in result.stderr


def test_tags_typed_with_commas_are_tags(cli, tmp_path):
    """A colleague adds a tag to "ops" as "ops, net": one tag 'ops, net' went into the
    LMS files."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        'question,hint,tags\nQ?,H.,"ops, net"\nR?,H.,a;b\nS?,H.,"1,000-rows"\n', encoding="utf-8"
    )
    result = cli("import", sheet, "-o", "-")
    assert result.exit_code == 0, result.stderr
    bank = yaml.safe_load(result.stdout)
    # a tag with a comma and no blank after it (an export writes one alone in its cell)
    # stays one, so the round trip stays lossless (a review)
    tags = [q["tags"] for q in bank["questions"]]
    assert tags == [["ops", "net"], ["a", "b"], ["1,000-rows"]]
    # ... and said, in case it was meant as two (a review: "shell,i18n" went in silently)
    assert f"{sheet}:4: warning: question 's': the tag '1,000-rows' holds a comma" in (
        result.stderr
    )


def test_sections_that_would_be_one_are_said_at_their_rows(cli, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("question,hint,section\nA?,a,Beta\nB?,b,Alpha\nC?,c,alpha\n", encoding="utf-8")
    result = cli("import", sheet, "-o", "-")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{sheet}:4: sections 'Alpha' (row 3) and 'alpha' differ only in case"
    )


def test_a_section_refused_in_the_list_names_every_row_that_holds_it(cli, tmp_path):
    """A trial's section cell on two lines ("Voca\\nbulario") was refused at its first row
    alone: each run named one more row to fix, of a column typed down the sheet."""
    sheet = tmp_path / "sheet.csv"
    cell = '"Voca\nbulario"'
    rows = "".join(f"{q}?,h,{cell}\n" for q in "ABC") + "D?,h,Otra\nE?,h,alpha\nF?,h,Alpha\n"
    sheet.write_text(f"question,hint,section\n{rows}G?,h,Alpha\n", encoding="utf-8")
    result = cli("import", sheet, "-o", "-")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f"{sheet}:2: section: a section's name must be one line: join its lines, "
        "'Voca bulario'; rows 3\u20134 have this section too",
        f"{sheet}:7: sections 'alpha' (row 6) and 'Alpha' differ only in case; rename one "
        "of them; row 8 has this section too",
    ]


# -- sheets from other people (issue 27) ---------------------------------------------------


@pytest.mark.parametrize("tab", [False, True], ids=["csv", "tsv"])
def test_formula_cells_are_guarded_on_export_and_unguarded_on_import(tmp_path, tab):
    """OWASP's CSV injection: a cell starting with = + - @ tab or CR gets a leading
    apostrophe, which import takes off again; the round trip stays lossless. So does a text
    that a spreadsheet reads as a number and writes back otherwise ('007')."""
    import csv
    import io

    bank = load_bank(FIXTURES / "formula-cells.yaml")
    text = write_spreadsheet(bank, tab=tab)
    lines = text.split("\r\n")
    while lines[0].startswith("#"):  # Anki's headers before a TSV's rows
        lines.pop(0)
    rows = list(
        csv.reader(io.StringIO("\r\n".join(lines), newline=""), delimiter="\t" if tab else ",")
    )
    cells = [cell for row in rows[0 if tab else 1 :] for cell in row if cell]
    assert "'=cmd|' /C calc'!A0" in cells and "'+1 then -1" in cells
    assert "''=already guarded by hand" in cells and "'plain apostrophe stays" in cells
    assert {"'007", "'1e5", "'0.10", "'1234567890123456789", "100000", "5"} <= set(cells)
    assert {"'1/2", "'Sept2"} <= set(cells)
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    sheet = tmp_path / f"cells.{'tsv' if tab else 'csv'}"
    sheet.write_text(text, encoding="utf-8", newline="")
    assert questions(read_spreadsheet(sheet)[0]) == questions(bank)


# LibreOffice Calc 7.4 opened a sheet of such texts in English (`,`) and in German (`;`),
# detecting special numbers and not, and saved it back: these came back otherwise ...
CALC_REWRITES = {
    "dates": ["1.5.", "31.12.", "01.05.", "3.4.2025", "3.4.25", "1.2.3", "2025-3-4", "25-3-4"]
    + ["2025-03-04 10:00", "2025-03-04T10:00", "Mar 4 2025", "Mar 4, 2025"],
    "times": ["1:2", "0:5", "100:30", "12:30:5", "10 am", "10am", "3 pm", "1:30 PM"],
    "numbers": ["1,000.5", "1,000,000", "1.000,5", "1.000.000", "5 %", "5-", "10-", "1,5-"]
    + ["$5", "5 $", "$1,000", "($5)", "€5", "5 €", "1.000 €", "$-5", "$ -5", "$(5)", "$+5"]
    + ["€-5", "5 -"],
    "words": ["true", "True", "false", "wahr", "falsch", "Wahr"],
}
# ... and these as typed
CALC_KEEPS = ["3-4", "1-2", "12-05", "2-3 hours", "3.4", "12.05", "13.13.", "31.2.", "1.5.125"]
CALC_KEEPS += ["1.2.3.4", "2025-03-04", "2025-2-30", "2025-03", "3-4-2025", "1:60", "13 pm"]
CALC_KEEPS += ["10:30 a.m.", "1 1/2", "Q1 2025", "5%-", "1,00,000", "£5", "% 5", "TRUE", "yes"]


@pytest.mark.parametrize("kind", sorted(CALC_REWRITES))
def test_texts_calc_rewrites_are_guarded_and_those_it_keeps_are_not(kind):
    """A text that Calc rewrites as a date or a time ('1.5.' came back 05/01/26, '1:2'
    01:02:00) is guarded as '1/2' and '007' are, and import takes the guard off; one it
    keeps stays as typed, without an apostrophe to puzzle over in the sheet."""
    for text in CALC_REWRITES[kind]:
        assert formula_guarded(text, numbers=True) == "'" + text, text
        assert formula_unguarded("'" + text, numbers=True) == text, text
    assert [t for t in CALC_KEEPS if formula_guarded(t, numbers=True) != t] == []


def test_a_line_break_typed_in_a_markdown_cell_shows_and_a_banks_joined_lines_come_back(
    tmp_path,
):
    """A trial: 'Línea uno', 'dos', 'tres' typed on three lines of a cell, imported into a
    Markdown bank, printed as one line (CommonMark joins a paragraph's lines): each line
    break of a cell is one now, a backslash at its line's end. A Markdown bank's own lines
    that Markdown joins, its line breaks of either kind, and a code span over two lines
    go to a sheet and come back as they were, twice (into the bank itself too)."""
    sheet = tmp_path / "typed.csv"
    sheet.write_text('question,hint\n"Línea uno\ndos\ntres","- a\nlazy\n- b"\n', "utf-8")
    (typed,) = read_spreadsheet(sheet, markup="markdown")[0].questions
    assert typed.question == "Línea uno\\\ndos\\\ntres"
    assert typed.hint == "- a\\\nlazy\n- b"  # a list item's lines; the items stay items

    bank_path = tmp_path / "md.yaml"
    bank_path.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: |-\n      A long question whose line\n      Markdown joins.\n"
        "    hint: |-\n      Kept\\\n      apart, `code\n      span`, and\t\n"
        "      two  \n      blanks\n"
        "    note: 'C:\\\n\n      \\\n\n      x\\\\\n\n      y'\n",
        encoding="utf-8",
    )
    bank = load_bank(bank_path)
    assert "line\nMarkdown" in bank.questions[0].question  # the test's own premise
    sheet.write_text(write_spreadsheet(bank, tab=False), encoding="utf-8", newline="")
    assert questions(read_spreadsheet(sheet, markup="markdown")[0]) == questions(bank)
    before = bank_path.read_bytes()
    for _ in range(2):
        result = run_cli("import", sheet, "--into", bank_path)
        assert result.exit_code == 0 and "0 updated" in result.stderr, result.output
        assert bank_path.read_bytes() == before


def test_a_cells_list_marks_come_off_and_a_banks_own_stay_through_a_round_trip(tmp_path):
    """'- Mentions policy' typed a line an item was printed '• - Mentions policy' (a trial):
    the marks people type before each line of a list cell ('- ', '• ', '1. ') come off
    when every line has one; an item of the bank that starts so itself comes back whole."""
    sheet = tmp_path / "marks.csv"
    sheet.write_text(
        "question,hint,section,look_for,follow_ups,note\n"
        'Q1?,H,S,"- Mentions policy\n- Names who","• Why?\n• How?","- not a list"\n'
        'Q2?,H,S,"1. first\n2) second","-v is a flag\nanother",x\n',
        encoding="utf-8",
    )
    one, two = read_spreadsheet(sheet)[0].questions
    assert one.look_for == ("Mentions policy", "Names who") and one.follow_ups == ("Why?", "How?")
    assert one.note == "- not a list"  # a text, not a list
    assert two.look_for == ("first", "second") and two.follow_ups == ("-v is a flag", "another")

    bank_path = tmp_path / "own.yaml"
    bank_path.write_text(
        "title: T\nquestions:\n  - id: q\n    section: S\n    question: Q?\n    hint: H\n"
        "    look_for: ['1. Identify', '2. Contain']\n    follow_ups: ['- a; b']\n"
        "    tags: ['- a, b']\n",
        encoding="utf-8",
    )
    bank = load_bank(bank_path)
    sheet.write_text(write_spreadsheet(bank, tab=False), encoding="utf-8", newline="")
    assert questions(read_spreadsheet(sheet)[0]) == questions(bank)
    # the bank's own export, back into it, twice: nothing changes ('1. Identify' became
    # '- 1. Identify', then '- - 1. Identify': a review)
    before = bank_path.read_bytes()
    for _ in range(2):
        result = run_cli("import", sheet, "--into", bank_path)
        assert result.exit_code == 0 and "0 updated" in result.stderr, result.output
        assert bank_path.read_bytes() == before
    # a sheet an earlier qbank exported, without the mark that keeps them, updates the bank
    # without taking its own marks off ('1. Identify' became 'Identify': a review)
    sheet.write_text(
        'id,question,hint,section,look_for\nq,Q?,H,S,"1. Identify\n2. Contain"\n',
        encoding="utf-8",
    )
    result = run_cli("import", sheet, "--into", bank_path)
    assert result.exit_code == 0 and "0 updated" in result.stderr, result.output
    assert load_bank(bank_path).questions[0].look_for == ("1. Identify", "2. Contain")
    # a numbered list that gains a step keeps its numbers, the new one's too (a review)
    sheet.write_text(
        'id,question,hint,section,look_for\nq,Q?,H,S,"1. Identify\n2. Contain\n3. Recover"\n'
    )
    result = run_cli("import", sheet, "--into", bank_path)
    assert result.exit_code == 0 and "1 updated (q)" in result.stderr, result.output
    assert load_bank(bank_path).questions[0].look_for == ("1. Identify", "2. Contain", "3. Recover")
    # but a list typed without them is the sheet's: the marks were undone (a review)
    sheet.write_text('id,question,hint,section,look_for\nq,Q?,H,S,"Identify\nContain"\n')
    result = run_cli("import", sheet, "--into", bank_path)
    assert result.exit_code == 0 and "1 updated (q)" in result.stderr, result.output
    assert load_bank(bank_path).questions[0].look_for == ("Identify", "Contain")


def test_what_a_spreadsheet_trial_typed_is_read_as_it_meant(cli, tmp_path):
    """Minutes '05' were refused with YAML's octal rule; tags 'first aid , CPR' in a cell
    of ';' were one tag (with a warning of a comma 'with no blank after it'); a title row
    above the columns' names said only "no 'question' column" (a trial)."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "question,hint,section,minutes,tags\n"
        'Q1?,H,S,05,"Health and Safety; first aid , CPR"\nQ2?,H,S,010,"x; y, z"\n',
        encoding="utf-8",
    )
    result = cli("import", sheet, "-o", tmp_path / "bank.yaml")
    assert result.exit_code == 0 and "comma" not in result.stderr, result.output
    one, two = load_bank(tmp_path / "bank.yaml").questions
    assert (one.minutes, two.minutes) == (5, 10)
    assert one.tags == ("Health and Safety", "first aid", "CPR") and two.tags == ("x", "y", "z")

    sheet.write_text("Training bank 2024,,\n,,\nquestion,hint,section\nQ?,H,S\n", encoding="utf-8")
    result = cli("import", sheet, "-o", tmp_path / "other.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{sheet}:1: no 'question' column; it is required. This row is read as the columns' "
        "names ('Training bank 2024'): delete any title or blank rows above the names, and "
        "name a column 'question'\n"
    )
    # a row of names that lacks one: no advice about title rows (a review)
    sheet.write_text("question,section,tags\nQ?,S,t\n", encoding="utf-8")
    result = cli("import", sheet, "-o", tmp_path / "other.yaml")
    assert result.stderr == (
        f"{sheet}:1: no 'hint' column; it is required: name a column 'hint' (or 'answer')\n"
    )
    # but a title that is a field's name is a title ('Questions' above the names: a review)
    sheet.write_text("Questions,,\nquestion,hint,section\nQ?,H,S\n", encoding="utf-8")
    result = cli("import", sheet, "-o", tmp_path / "other.yaml")
    assert "delete any title or blank rows above the names" in result.stderr


def test_an_import_onto_its_bank_says_how_to_update_it(cli, tmp_path):
    """A sheet imported again onto the bank it made was 'already exists', and no more (a
    trial): the refusal names import --into, each name quoted as a shell reads it (a review:
    'my master.csv' typed as said was two words)."""
    sheet = tmp_path / "my master.csv"
    sheet.write_text("question,hint,section\nQ?,H,S\n", encoding="utf-8")
    bank = tmp_path / "my master.yaml"
    assert cli("import", sheet).exit_code == 0 and bank.exists()
    before = bank.read_bytes()
    result = cli("import", sheet)
    assert result.exit_code == 1 and bank.read_bytes() == before
    assert result.stderr == (
        f"{bank}: already exists; qbank never overwrites it. To update that bank from the "
        f"sheet: qbank import '{sheet}' --into '{bank}'; else write another file with -o\n"
    )
    command = result.stderr.split("sheet: qbank ")[1].split(";")[0]
    assert cli(*shlex.split(command)).exit_code == 0  # typed as said, it runs


def test_a_bank_text_that_reads_as_an_error_value_comes_back_from_its_sheet(tmp_path):
    """A hint that is 'Err:509' (a question about that error) was exported bare, and the
    import refused it: export guards it as a formula, and import takes the guard off (a
    hostile trial)."""
    bank_path = tmp_path / "err.yaml"
    bank_path.write_text(
        "title: T\nquestions:\n  - {id: q, section: S, question: What is it?, hint: 'Err:509'}\n"
        "  - {id: r, section: S, question: '#N/A', hint: \"'#REF!\"}\n",
        encoding="utf-8",
    )
    bank = load_bank(bank_path)
    sheet = tmp_path / "err.csv"
    sheet.write_text(write_spreadsheet(bank, tab=False), encoding="utf-8", newline="")
    assert "'Err:509" in sheet.read_text(encoding="utf-8")
    assert questions(read_spreadsheet(sheet)[0]) == questions(bank)


def test_rows_left_without_a_section_by_a_merged_cell_are_said(cli, tmp_path):
    """A section cell merged over its questions' rows is in the CSV's first row only: the
    others went to "General" without a word (a review)."""
    sheet = tmp_path / "merged.csv"
    sheet.write_text(
        "question,hint,section\nQ1?,H,Networks\nQ2?,H,\nQ3?,H,\nQ4?,H,Crypto\n",
        encoding="utf-8",
    )
    result = cli("import", sheet, "-o", tmp_path / "merged.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{sheet}:3: warning: rows 3, 4 have no section, so their questions are in 'General'; "
        "a cell merged over several rows keeps its text in the first of them only: type the "
        "section in each row"
    ]
    assert [q.section for q in load_bank(tmp_path / "merged.yaml").questions] == [
        "Networks",
        "General",
        "General",
        "Crypto",
    ]
    # a sheet that names no section at all is in 'General' as it means to be
    sheet.write_text("question,hint,section\nQ1?,H,\nQ2?,H,\n", encoding="utf-8")
    result = cli("import", sheet, "-o", tmp_path / "none.yaml")
    assert result.exit_code == 0 and "section" not in result.stderr, result.output


def test_import_into_keeps_the_banks_section_where_a_merge_left_its_cell_blank(cli, tmp_path):
    """A hostile trial: the bank's own export with its section cells merged moved 19,980 of
    its 20,000 questions to 'General'. A blank cell keeps the bank's section; a new
    question's is 'General'."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: B\nquestions:\n  - {id: a, section: Alpha, question: A?, hint: H}\n"
        "  - {id: b, section: Alpha, question: B?, hint: H}\n"
        "  - {id: c, section: Beta, question: C?, hint: H}\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "b.csv"
    sheet.write_text(
        "id,question,hint,section\na,A?,H,Alpha\nb,B?,H,\nc,C?,H,Beta\nd,D?,H,\n",
        encoding="utf-8",
    )
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert "the bank's questions among them keep their sections" in result.stderr
    sections = {q.id: q.section for q in load_bank(bank).questions}
    assert sections == {"a": "Alpha", "b": "Alpha", "c": "Beta", "d": "General"}


def test_a_byte_order_mark_saved_twice_is_no_part_of_a_columns_name(tmp_path):
    """'\ufeff\ufeffquestion': "the column 'question' is no field; did you mean
    'question'?" (a hostile trial)."""
    sheet = tmp_path / "bom.csv"
    sheet.write_bytes("\ufeff\ufeffquestion,hint,section\nQ?,H,S\n".encode())
    (question,) = read_spreadsheet(sheet)[0].questions
    assert (question.question, question.hint) == ("Q?", "H")


def test_a_formula_that_failed_is_refused_at_its_row(cli, tmp_path):
    """'Err:509', what LibreOffice Calc saved for a formula it could not read, was a
    question of every artifact, and '#NAME?' or '#REF!' from Excel too (a trial). It says
    how to keep a text that starts with '=' as text: "type the text in the cell" was what a
    new user's trial had done ('= affecte ; == compare.' typed in Calc saved Err:509)."""
    sheet = tmp_path / "errors.csv"
    sheet.write_text(
        "question,hint,section,Owner,minutes\n#NAME?,H,S,#REF!,\nQ2,#DIV/0!,S,,#N/A\n"
        "Err:509,x,S,,\nWhy is #N/A shown?,It is an error value,S,,\n",
        encoding="utf-8",
    )
    result = cli("import", sheet, "-o", tmp_path / "bank.yaml")
    assert result.exit_code == 1 and not (tmp_path / "bank.yaml").exists()
    said = (
        "the spreadsheet's mark of a formula that failed, not text; a cell typed starting "
        "with =, + or - is a formula to a spreadsheet: type its text again after an "
        "apostrophe ('= ...), which keeps it as text (a text that is only such a mark goes "
        "in the bank itself)"
    )
    assert result.stderr.splitlines()[1:] == [  # after the one about the column skipped
        f"{sheet}:2: column A (question) holds '#NAME?', {said}",
        f"{sheet}:3: column B (hint) holds '#DIV/0!', {said}",
        # once: not again as minutes that are "not the text '#N/A'" (a review)
        f"{sheet}:3: column E (minutes) holds '#N/A', {said}",
        f"{sheet}:4: column A (question) holds 'Err:509', {said}",
    ], result.stderr


def test_an_open_quote_is_an_error_at_its_row(cli, tmp_path):
    sheet = FIXTURES / "spreadsheet-open-quote.csv"
    result = cli("import", sheet, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert result.output == (
        f'{sheet}:3: a cell here opens with a quote (") that is never closed, so rows 3 to 5 '
        "would be read as one cell; close the quote, or double a quote inside a quoted "
        'cell ("")\n'
    )
    assert not (tmp_path / "out.yaml").exists()


def test_utf16_is_read_with_its_mark_or_without_and_named_where_unclear(cli, tmp_path):
    """Excel's "Unicode Text" and Calc's "Unicode" save UTF-16 with a byte-order mark: it
    was refused (a trial). Without the mark (iconv's UTF-16LE) it was refused too, or an
    ASCII sheet's header read as 'q u e s t i o n': it is read where every other byte
    of most characters is zero, and told as UTF-16 where its bytes do not say so."""
    result = cli("import", FIXTURES / "spreadsheet-utf16.csv", "-o", "-")
    assert result.exit_code == 0, result.output
    assert 'question: "Café?"' in result.stdout
    sheet = tmp_path / "no-mark.csv"
    for order in ("utf-16-le", "utf-16-be"):
        sheet.write_bytes("question,hint\nCafé?,Так.\n".encode(order))
        result = cli("import", sheet, "-o", "-")
        assert result.exit_code == 0, result.output
        assert 'question: "Café?"' in result.stdout and 'hint: "Так."' in result.stdout
    # a sheet in Cyrillic, most of its characters no ASCII one, was read as UTF-8, its
    # header told as 'q u e s t i o n ' (a review): its header's ASCII tells the order
    sheet.write_bytes("question,hint\nЧто такое память?,Хранилище данных\n".encode("utf-16-le"))
    result = cli("import", sheet, "-o", "-")
    assert result.exit_code == 0, result.output
    assert 'question: "Что такое память?"' in result.stdout
    # an odd count of bytes, which no order reads; in Cyrillic it was read as UTF-8 (a trial)
    for text in ("Café?,Yes.", "Что такое память?,Хранилище данных"):
        sheet.write_bytes(f"question,hint\n{text}\n".encode("utf-16-le") + b"\n")
        result = cli("import", sheet, "-o", tmp_path / "out.yaml")
        assert result.exit_code == 1
        assert result.output.startswith(
            f'{sheet}:1: not UTF-8 text but UTF-16 (which Excel\'s "Unicode Text" and '
            'Windows\' "Unicode" write). Save the sheet as UTF-8'
        ), result.output


def test_a_cell_past_the_csv_limit_is_named_at_the_row_it_starts(cli, tmp_path):
    sheet = tmp_path / "long.csv"
    cell = "\n".join(["x" * 999] * 200)  # 200,000 characters over 200 lines
    sheet.write_text(f'question,hint\nFirst?,"{cell}"\n', encoding="utf-8")
    result = cli("import", sheet, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert result.output.startswith(
        f"{sheet}:2: a cell of the row that starts here holds more than 131,072 characters"
    )


def test_a_sheet_must_be_a_file_within_the_banks_limit(cli, tmp_path):
    fifo = tmp_path / "sheet.csv"
    os.mkfifo(fifo)
    result = cli("import", fifo, "-o", tmp_path / "a.yaml")
    assert (result.exit_code, result.output) == (
        1,
        f"{fifo}: is a device, a pipe or a socket, not a spreadsheet file\n",
    )
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as out:
        out.write("question,hint\n")
        out.write("Why?,Because.\n" * 1_500_000)  # 21 MB
    result = cli("import", big, "-o", tmp_path / "b.yaml")
    assert (result.exit_code, result.output) == (
        1,
        f"{big}: the spreadsheet is larger than 20 MB, the most a bank may hold; split it "
        "into several sheets\n",
    )


def test_competencies_and_anchors_come_from_their_cells(tmp_path):
    """A competency is described once (with its weight) and named on other rows; anchors
    are one `score: text` a line. The sheet's competencies become the bank's list."""
    sheet = tmp_path / "structured.csv"
    sheet.write_text(
        "question,hint,competency,anchors\n"
        'Q one?,H one,"triage (weight 2): Sorts alerts by harm.","1: Names none.\n'
        '3: Names one.\n5: Names three, ranked."\n'
        "Q two?,H two,triage,\n",
        encoding="utf-8",
    )
    bank, _ = read_spreadsheet(sheet)
    assert [(c.name, c.description, c.weight) for c in bank.competencies] == [
        ("triage", "Sorts alerts by harm.", 2)
    ]
    first, second = bank.questions
    assert first.competency == second.competency == "triage"
    assert first.anchors == ((1, "Names none."), (3, "Names one."), (5, "Names three, ranked."))
    assert (
        write_spreadsheet(bank, tab=False)
        .splitlines()[1]
        .startswith(
            'Q one?,H one,q-one,General,triage (weight 2): Sorts alerts by harm.,"1: Names none.'
        )
    )


def test_a_competency_without_one_description_is_reported_on_its_row(tmp_path):
    sheet = tmp_path / "vague.csv"
    sheet.write_text(
        "question,hint,competency,anchors\n"
        "Q one?,H one,triage: Sorts alerts.,\n"
        "Q two?,H two,triage: Sorts alerts by harm.,\n"
        "Q three?,H three,forensics,five: all of it\n",
        encoding="utf-8",
    )
    with pytest.raises(BankError) as caught:
        read_spreadsheet(sheet)
    assert [str(p) for p in caught.value.problems] == [
        f"{sheet}:3: competency 'triage' is described differently on row 2; give it one "
        "description (and weight) wherever a row repeats it",
        f"{sheet}:4: anchors: 'five: all of it' is not a score and what an answer at it holds; "
        "write one a line, e.g. '3: Names two controls and what each stops'",
        f"{sheet}:4: competency 'forensics' is described on no row; write it once as "
        "'forensics: the one line an interviewer reads about it'",
    ]


def test_a_sheet_whose_bank_would_pass_the_limit_names_it(cli, tmp_path):
    """11 MB of backslashes, each written twice in the bank: 22 MB, over its 20 MB."""
    sheet = tmp_path / "slashes.csv"
    slashes = "\\" * 10_000
    with sheet.open("w", encoding="utf-8") as out:
        out.write("question,hint\n")
        for number in range(1_100):
            out.write(f'Question {number}?,"{slashes}"\n')
    result = cli("import", sheet, "-o", tmp_path / "out.yaml")
    assert (result.exit_code, result.output) == (
        1,
        f"{sheet}:1: the bank made of this sheet would be larger than 20 MB, the most a bank "
        "may hold; split the sheet into several\n",
    )
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize(
    "name,content,said",
    [
        ("q.xlsx", b"PK\x03\x04", "not a workbook; save the sheet as CSV UTF-8"),
        ("q.zip", b"PK\x03\x04", "GIFT (.gift) or a Canvas quiz export (.zip)"),
        ("q.txt", b"ESS\tWhat is DNS?\tNames to addresses.\n", "a Blackboard upload file"),
        # braces on the first row made it GIFT: one garbage question, exit 0 (a trial)
        ("q.txt", b"ESS\tWhat does {x} mean in C?\tA block.\n", "a Blackboard upload file"),
    ],
)
def test_a_file_import_cannot_read_is_named_with_what_to_do(cli, tmp_path, name, content, said):
    """A trial's .xlsx and QTI zip were told 'import reads .csv and .tsv files' (it reads
    Moodle XML and GIFT too, and a workbook need only be saved as CSV), and qbank's own
    Blackboard file 'no question column'."""
    source = tmp_path / name
    source.write_bytes(content)
    result = cli("import", source, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1 and result.stderr.startswith(f"{source}: ")
    assert said in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize(
    "sheet,said",
    [
        # a quote opened in the last row's cell took in the file's end: 'missing hint'
        (
            'question,hint\nWhat is pH?,Acidity\n"What is a salt?,Ionic compound\n',
            '3: a cell here opens with a quote (") that is never closed, so the rest of the '
            "row would be read as one cell",
        ),
        # the same with no line break at the file's end (it said 'missing hint' still)
        (
            'question,hint\nWhat is pH?,Acidity\n"What is a salt?,Ionic compound',
            '3: a cell here opens with a quote (") that is never closed, so the rest of the '
            "row would be read as one cell",
        ),
        # 'Anwser' is one letter off 'answer', a name of the hint's column
        ("question,Anwser\nQ?,A.\n", "1: the column 'Anwser' is no field of a bank; did you "),
        # a number that is no whole number is named: it read 'not text'
        (
            "question,hint,minutes\nQ?,A.,3.5\n",
            "2: question 'q': 'minutes' must be a whole number from 1 to 240, not 3.5",
        ),
        # a column headed in French is named as typed beside its field (a teacher's 'Durée'
        # was told of 'minutes' alone)
        (
            "Question;Réponse;Durée\nQ ?;R.;5 min\n",
            "2: question 'q': 'minutes' (column 'Durée') must be a whole number from 1 to 240,"
            " not the text '5 min'",
        ),
    ],
)
def test_a_sheets_mistakes_are_named_as_they_are(cli, tmp_path, sheet, said):
    source = tmp_path / "sheet.csv"
    source.write_text(sheet, encoding="utf-8")
    result = cli("import", source, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert f"{source}:{said}" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "sheet,expected",
    [
        # a quote of an unquoted cell above (5") leaves the file odd, not the last row
        ('question,hint\nThe 5" screen?,Yes\nWhat is it?,"Line one\nline two"\n', None),
        ('question,hint\nThe 5" screen?,Yes\n"Is a, b?"\n', f"3: {EMPTY_HINT}"),
        # a quote opened in a later cell of the last row, with no final line break
        ('question,hint,tags\nWhat?,"Acid, base,chem', "2: a cell here opens with a quote"),
        # two headers naming one field, each named as written
        ("question,Hints,Answers\nQ?,A,B\n", "1: the columns 'Hints' and 'Answers' both name"),
    ],
)
def test_quotes_and_headers_a_review_tried(cli, tmp_path, sheet, expected):
    source = tmp_path / "sheet.csv"
    source.write_text(sheet, encoding="utf-8")
    result = cli("import", source, "-o", tmp_path / "out.yaml")
    if expected is None:
        assert result.exit_code == 0, result.output
        assert load_bank(tmp_path / "out.yaml").questions[1].hint == "Line one\nline two"
    else:
        assert result.exit_code == 1 and f"{source}:{expected}" in result.stderr, result.stderr


@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40))
@example("a\nb")
@example("first line\n\n```python\n    indented()\n```\n")
@example("a \nb")
@example("  indented first\nline")
@example("a\nb\n\n")
@example("a\u2028b\nc")
def test_a_written_text_reads_back_as_it_was(text):
    """Every text reads back character for character, a text of lines as a `|` block."""
    lines = question_yaml({"id": "a", "hint": text})
    assert yaml.safe_load("\n".join(lines) + "\n") == [{"id": "a", "hint": text}]


_MARKDOWN_PIECES = ["a", "é", " ", "  ", "\t", "\\", "\n", "\n\n", "`", "- ", "1. ", "> ", "# "]
_MARKDOWN_PIECES += ["```\n", "    ", "---", "=", "_", "&lt;"]


@given(st.lists(st.sampled_from(_MARKDOWN_PIECES), max_size=16).map("".join))
@example("b\\  \n    ```\n>   b")  # two blanks after a backslash: joined, in markdown-it
@example("---\\\n\t  b")  # a line break's backslash off would make '---' a rule
@example("x\\ \ny")  # the blank off would make the backslash a line break
def test_a_markdown_banks_text_comes_back_from_its_cell_as_it_shows(text):
    """What a Markdown bank's text is in a sheet's cell (_breaks_marked) reads back
    (_breaks_kept) as the text itself, but for one blank at the end of a line Markdown
    joins to the next, which it drops anyway."""
    from qbank.bank.markdown import parser
    from qbank.bank.spreadsheet import _breaks_kept, _breaks_marked

    back = _breaks_kept({"question": _breaks_marked(text)}, parser())["question"]
    for typed, read in zip(text.split("\n"), back.split("\n"), strict=True):
        assert typed == read or (typed == read + " " and not read.endswith(" ")), back


def test_an_updated_text_of_lines_stays_a_block(cli, tmp_path):
    """`import --into` wrote a changed hint of several lines as one escaped line."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - id: a\n    section: S\n    question: Q?\n"
        "    hint: |\n      First line.\n      Second line.\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        'id,question,hint\na,Q?,"First line.\nSecond line.\nThird line."\n', encoding="utf-8"
    )
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert bank.read_text(encoding="utf-8").endswith(
        "    hint: |-\n      First line.\n      Second line.\n      Third line.\n"
    )
    # a blank line inside the block stays empty: no trailing blanks in the writer's file
    sheet.write_text('id,question,hint\na,Q?,"One.\n\nTwo."\n', encoding="utf-8")
    assert cli("import", sheet, "--into", bank).exit_code == 0
    text = bank.read_text(encoding="utf-8")
    assert "    hint: |-\n      One.\n\n      Two.\n" in text
    assert not [line for line in text.splitlines() if line != line.rstrip()]


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes and links")
def test_import_into_keeps_the_banks_mode_and_writes_through_its_link(cli, tmp_path):
    """`import --into` wrote a new file: a private bank (600) became readable by all (644),
    and a bank reached by a link became a file of its own beside a target left unchanged."""
    real = tmp_path / "real" / "bank.yaml"
    real.parent.mkdir()
    real.write_text(
        "title: T\nquestions:\n  - id: a\n    section: S\n    question: Q?\n    hint: H.\n",
        encoding="utf-8",
    )
    real.chmod(0o600)
    inode = real.stat().st_ino
    link = tmp_path / "bank.yaml"
    link.symlink_to(real)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,section,question,hint\na,S,Q?,New hint.\n", encoding="utf-8")
    result = cli("import", sheet, "--into", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert 'hint: "New hint."' in real.read_text(encoding="utf-8")
    assert (real.stat().st_mode & 0o777, real.stat().st_ino) == (0o600, inode)
    real.chmod(0o400)  # read-only: refused, unchanged
    sheet.write_text("id,section,question,hint\na,S,Q?,Newer hint.\n", encoding="utf-8")
    result = cli("import", sheet, "--into", link)
    assert result.exit_code == 1 and "the bank is read-only" in result.output
    assert 'hint: "New hint."' in real.read_text(encoding="utf-8")


def test_a_bank_saved_during_an_import_into_it_says_to_run_the_import_again(
    cli, tmp_path, monkeypatch
):
    """It said "run check --fix-ids again", the advice of the other command that edits."""
    from qbank import authoring

    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - {id: a, section: S, question: Q?, hint: H.}\n", "utf-8"
    )
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,question,hint\na,Q?,New.\n", encoding="utf-8")
    merged = authoring.merged_text

    def saved_meanwhile(text, *args):
        with bank.open("a", encoding="utf-8") as file:  # an editor saves the bank
            file.write("# saved\n")
        return merged(text, *args)

    monkeypatch.setattr(authoring, "merged_text", saved_meanwhile)
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 1
    assert result.output.strip().endswith(f"run import {sheet} --into {bank} again")
    assert bank.read_text(encoding="utf-8").endswith("# saved\n")


def test_import_into_edits_a_question_written_in_braces_in_place(cli, tmp_path):
    """A `- {id: a, ...}` question's lines were rewritten as `hint: ...` without its `}`:
    the bank no longer read, and the import was refused with an error about the bank."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T  # keep this comment\nquestions:\n"
        "  - {id: a, section: S, question: Q?, hint: H., note: Old note.}  # and this one\n"
        "  - id: b\n    section: S\n    question: R?\n    hint: I.\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        'id,section,question,hint,note,tags\na,S,Q?,"New, with a comma.",,x; y\nb,S,R?,I.,,\n',
        encoding="utf-8",
    )
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    text = bank.read_text(encoding="utf-8")
    assert text.splitlines()[2] == (
        '  - {id: a, section: S, question: Q?, hint: "New, with a comma.", '
        'tags: ["x", "y"]}  # and this one'
    )
    question = load_bank(bank).questions[0]
    assert (question.hint, question.note, question.tags) == ("New, with a comma.", None, ("x", "y"))


def test_a_cell_without_a_heading_is_named_by_its_column_and_text(cli, tmp_path):
    """A trial's rows, one cell too long, were told only "a cell outside the named columns
    has text" at their row."""
    from qbank.bank.spreadsheet import column_letter

    assert [column_letter(n) for n in (0, 3, 25, 26, 27, 701, 702)] == [
        "A", "D", "Z", "AA", "AB", "ZZ", "AAA"
    ]  # fmt: skip
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("question,hint,section\nA?,a,S,stray text\nB?,b,S\n", encoding="utf-8")
    result = cli("import", sheet, "-o", "-")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{sheet}:2: column D has text ('stray text') but no heading; give the column a "
        "heading (a field of a bank), or move the text into a named column\n"
    )


def test_a_sheet_of_a_few_questions_says_the_rest_are_kept_in_one_line(cli, tmp_path):
    bank = tmp_path / "bank.yaml"
    rows = "".join(f"  - {{id: q{n}, section: S, question: Q{n}?, hint: H.}}\n" for n in range(7))
    bank.write_text(f"title: T\nquestions:\n{rows}", encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("question,hint,id,section\nNew?,N.,new,S\n", encoding="utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.stderr
    said = "is not in the sheet; kept in the bank (delete it there if it should go)"
    assert result.stderr.splitlines()[1:] == [
        *(f"{bank}:{3 + n}: question 'q{n}' {said}" for n in range(5)),
        f"{bank}:8: and 2 more questions: not in the sheet; kept in the bank (delete them there "
        "if they should go)",
    ]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_tags_with_commas_come_back_from_their_export(cli, tmp_path, fmt):
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n"
        '  - {id: a, section: S, question: Q?, hint: H., tags: ["c,c++", "x"]}\n'
        '  - {id: b, section: S, question: R?, hint: H., tags: ["1,000-rows"]}\n',
        encoding="utf-8",
    )
    sheet = tmp_path / f"sheet.{fmt}"
    assert cli("export", "--bank", bank, "--format", fmt, "-o", sheet).exit_code == 0
    result = cli("import", sheet, "-o", "-")
    assert result.exit_code == 0, result.stderr
    back = yaml.safe_load(result.stdout)
    assert [q["tags"] for q in back["questions"]] == [["c,c++", "x"], ["1,000-rows"]]


@pytest.mark.parametrize(
    ("new", "known", "slip"),
    [
        ("Memory & Pointer", "Memory & Pointers", True),
        ("basics.", "Basics", True),
        ("Regex and Parsing", "Regex {and} Parsing", True),
        # another section, not a slip (a review: C++ was taken for C, Part II for Part I)
        ("C++", "C", False),
        ("C#", "C", False),
        ("Part II", "Part I", False),
        ("Section B", "Section A", False),
        ("Networking II", "Networking I", False),
        ("Week 3", "Week 2", False),
    ],
)
def test_a_section_is_a_slip_only_when_its_words_are(new, known, slip):
    from qbank.bank.update import _near

    assert _near(new, known) is slip


def test_import_into_adds_a_section_to_a_list_in_brackets(cli, tmp_path):
    """`sections: [Basics]` took a `- "Networking"` line under it: invalid YAML, and an
    internal error (a review)."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nsections: [Basics]\nquestions:\n  - id: b1\n    section: Basics\n"
        "    question: Q b1\n    hint: h\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,section,question,hint\nn1,Networking,Q n1,h\n", encoding="utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert bank.read_text(encoding="utf-8").splitlines()[1] == 'sections: [Basics, "Networking"]'
    assert [s.name for s in load_bank(bank).sections] == ["Basics", "Networking"]
    # YAML's trailing comma (a review: `[A, B,]` became `[A, B,, "Newer"]`)
    for written, made in (
        ("[Basics,]", '[Basics, "Networking",]'),
        ("[\n    Basics,\n  ]", '[\n    Basics,\n   "Networking",]'),
    ):
        bank.write_text(
            f"title: T\nsections: {written}\nquestions:\n  - id: b1\n    section: Basics\n"
            "    question: Q b1\n    hint: h\n",
            encoding="utf-8",
        )
        result = cli("import", sheet, "--into", bank)
        assert result.exit_code == 0, result.output
        assert f"sections: {made}\n" in bank.read_text(encoding="utf-8")
        assert [s.name for s in load_bank(bank).sections] == ["Basics", "Networking"]


def test_a_sheet_of_more_columns_than_a_bank_could_use_is_refused_at_its_header(cli, tmp_path):
    """A header of a million columns took 50 s: each unknown one was matched against every
    field's name. A sheet may have 1,000 columns; its header row says so."""
    sheet = tmp_path / "wide.csv"
    names = ["question", "hint", *(f"c{n}" for n in range(1_000))]
    sheet.write_text(",".join(names) + "\nq,h\n", encoding="utf-8")
    result = cli("import", sheet, "-o", "-")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{sheet}:1: 1,002 columns, more than the 1,000 a sheet of questions may have; "
        "delete the columns qbank does not read\n"
    )
    fine = tmp_path / "fine.csv"
    fine.write_text(",".join(names[:1_000]) + "\nq,h\n", encoding="utf-8")
    assert cli("import", fine, "-o", "-").exit_code == 0


def test_a_sheet_of_a_bank_with_its_own_rubric_goes_back_into_it(cli, tmp_path):
    """A bank rated 1 to 3 exports its anchors keyed 1, 2, 3; the sheet goes back --into it
    on that scale (it was read on the default 1 to 5 and refused), edited anchor included.
    Imported as a new bank, which no rubric comes with, the refusal says why and what to do."""
    bank = tmp_path / "r.yaml"
    bank.write_text(
        "title: Rubric three\nrubric:\n  - {score: 1, label: Low, anchor: Poor.}\n"
        "  - {score: 2, label: Mid, anchor: Ok.}\n  - {score: 3, label: High, anchor: Great.}\n"
        "questions:\n  - id: q1\n    section: S\n    question: What?\n    hint: This.\n"
        "    anchors: {1: a, 2: b, 3: c}\n",
        encoding="utf-8",
    )
    for kind in ("tsv", "csv"):
        sheet = tmp_path / f"r.{kind}"
        assert cli("export", "--bank", bank, "--format", kind, "-o", sheet).exit_code == 0
        result = cli("import", sheet, "--into", bank)
        assert result.exit_code == 0, result.output
        assert "0 updated, 0 added, 1 unchanged" in result.output
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("3: c", "3: c, edited"), "utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert load_bank(bank).questions[0].anchors[-1] == (3, "c, edited")
    result = cli("import", sheet, "-o", tmp_path / "new.yaml")
    assert result.exit_code == 1
    assert "the highest score (5) is missing; a sheet holds no rubric, so its anchors are read" in (
        result.stderr
    )
    assert f"`import {sheet} --into BANK`" in result.stderr
    assert not (tmp_path / "new.yaml").exists()


def test_minutes_that_are_no_whole_number_are_named_as_typed(cli, tmp_path):
    """A sheet's '-1' and '1e3' were refused as "not text", though a number was typed (a
    hostile trial); a bank's quoted "5" is told to lose its quotes, a quoted "0" not."""
    sheet = tmp_path / "m.csv"
    sheet.write_text("question,hint,minutes\nQ?,H,-1\nR?,I,1e3\nS?,J,soon\n", encoding="utf-8")
    result = cli("import", sheet, "-o", tmp_path / "m.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{sheet}:2: question 'q': 'minutes' must be a whole number from 1 to 240, not -1",
        f"{sheet}:3: question 'r': 'minutes' must be a whole number from 1 to 240, not 1e3",
        f"{sheet}:4: question 's': 'minutes' must be a whole number from 1 to 240, not the text "
        "'soon'",
    ]
    bank = tmp_path / "q.yaml"
    for quoted, said in (
        ('"5"', "not the text '5'; write it without quotes"),
        ('"0"', "not 0"),
    ):
        bank.write_text(
            "title: T\nquestions:\n"
            f"  - {{id: a, section: S, question: Q?, hint: H, minutes: {quoted}}}\n",
            encoding="utf-8",
        )
        result = cli("check", "--bank", bank)
        assert result.stderr.splitlines()[0].endswith(
            f"must be a whole number from 1 to 240, {said}"
        )


def test_anchors_off_the_scale_say_why_only_where_a_new_bank_is_made(cli, tmp_path):
    """A new bank from a sheet reads anchors on 1 to 5, and says so once, at the first
    anchors problem ('7 is not a score' too); a problem that several rows share is said once,
    at the first, naming the others: a bank of 4 levels printed the same line for each of its
    9 questions (a trial). Updating a bank without a rubric, the same problem suggested the
    very command just run (a review)."""
    sheet = tmp_path / "s.csv"
    four = "".join(f'{n}?,H,{n},S,"1: a\n3: b\n4: c"\n' for n in "cdef")
    sheet.write_text(f'question,hint,id,section,anchors\nQ?,H,q,S,"1: a\n7: b"\n{four}', "utf-8")
    result = cli("import", sheet, "-o", tmp_path / "new.yaml")
    assert result.exit_code == 1
    must = (
        "'anchors' must describe at least the lowest, a middle and the highest score (1, 3 and 5)"
    )
    why = (
        "a sheet holds no rubric, so its anchors are read on the default scale (1 to 5): to keep "
        f"a bank's own scale, update the bank from the sheet with `import {sheet} --into BANK`"
    )
    assert result.stderr.splitlines() == [
        f"{sheet}:2: question 'q': anchors: 7 is not a score of the rubric; its scores are 1, 2, "
        f"3, 4, 5; the middle score (3) and the highest score (5) are missing, and {must}; {why}",
        f"{sheet}:3: questions 'c', 'd' and 2 more (rows 3–6): {must}; the highest score "
        "(5) is missing; read on the default scale too, as row 2 says",
    ]
    bank = tmp_path / "b.yaml"
    bank.write_text("title: T\nquestions:\n  - {id: q, section: S, question: Q?, hint: H}\n")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 1
    assert "7 is not a score" in result.stderr and "--into BANK" not in result.stderr
    # a problem of another field, of a question whose id holds "anchors": no word of scales
    sheet.write_text("question,hint,id,minutes\nQ?,H,anchors-basics,soon\n", "utf-8")
    result = cli("import", sheet, "-o", tmp_path / "other.yaml")
    assert result.stderr.strip() == (
        f"{sheet}:2: question 'anchors-basics': 'minutes' must be a whole number from 1 to 240, "
        "not the text 'soon'"
    )


def test_an_anchors_cell_with_a_score_twice_or_on_one_line_is_refused(cli, tmp_path):
    """'1: a' and '1: b' in one cell kept 'b' and dropped 'a' without a word, and '1: a; 3:
    b; 5: c' was read as one anchor (a hostile trial)."""
    sheet = tmp_path / "a.csv"
    sheet.write_text(
        'question,hint,anchors\nQ?,H,"1: a\n1: b\n3: c\n5: d"\nR?,I,"1: a; 3: b; 5: c"\n',
        encoding="utf-8",
    )
    result = cli("import", sheet, "-o", tmp_path / "a.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f"{sheet}:2: anchors: score 1 is given twice; give it one line",
        f"{sheet}:3: anchors: '1: a; 3: b; 5: c' holds more than one score; write one a line",
    ]
    assert not (tmp_path / "a.yaml").exists()


def test_an_id_made_of_a_long_word_is_cut_short(cli, tmp_path):
    """A hostile trial: a question of one 974-letter word made an id as long, and a refusal
    that named it ran to 100 KB. A made id keeps 20 letters of a word."""
    sheet = tmp_path / "long.csv"
    sheet.write_text(f"question,hint,section\nWhat is {'x' * 974}?,H,S\n", encoding="utf-8")
    result = cli("import", sheet, "-o", tmp_path / "long.yaml")
    assert result.exit_code == 0, result.output
    assert load_bank(tmp_path / "long.yaml").questions[0].id == "what-" + "x" * 20


def test_a_cell_longer_than_a_spreadsheet_keeps_is_told_on_export_and_a_cut_one_on_import(
    cli, tmp_path
):
    """Excel keeps 32,767 characters of a cell and LibreOffice Calc cut a 35,629-character
    look_for cell there saving .xlsx (a trial): the sheet came back shorter, unsaid, and
    --into took the list's last items off the bank."""
    bank = tmp_path / "bank.yaml"
    items = "".join(f"      - '{n} {'x' * 990}'\n" for n in range(33))
    bank.write_text(
        f"title: T\nquestions:\n  - id: long\n    section: S\n    question: Q?\n    hint: H.\n"
        f"    look_for:\n{items}",
        encoding="utf-8",
    )
    sheet = tmp_path / "sheet.csv"
    result = cli("export", "--bank", bank, "-o", sheet)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(
        f"{bank}:3: warning: question 'long': its look_for cell holds 32,791 characters, "
        "more than the 32,767 a spreadsheet cell keeps"
    )
    rows = list(csv.reader(sheet.open(encoding="utf-8-sig", newline="")))
    rows[1][4] = rows[1][4][:32_767]  # as the spreadsheet saves it
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    result = cli("import", sheet, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert f"{sheet}:2: warning: question 'long': column E (look_for) holds 32,767 " in (
        result.stderr
    )
    before = bank.read_bytes()  # the bank's own list, not the cut one, stays
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.stderr
    assert bank.read_bytes() == before
    assert f"{sheet}:2: warning: question 'long': its look_for cell is the start of the " in (
        result.stderr
    )


def test_a_new_bank_whose_ids_a_spreadsheet_made_numbers_is_told_so(cli, tmp_path):
    """A sheet whose ids 007 and 010 Calc saved as 7 and 10, imported as a new bank beside
    the bank it came from, made '7' and '10' without a word (a trial): said once, at the
    first such row, with how to keep them. A bank whose 007 asks another question is no
    evidence: a '7' may have been typed so."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nsections: [S]\nquestions:\n"
        "  - {id: '007', section: S, question: Q one?, hint: H}\n"
        "  - {id: '010', section: S, question: Q two?, hint: H}\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,question,hint,section\nx,Q new?,H,S\n7,Q one?,H,S\n10,Q two?,H,S\n")
    result = cli("import", sheet, "-o", tmp_path / "new.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("warning") == 1
    assert (
        f"{sheet}:3: warning: the id '7' (and 1 more) is the number a spreadsheet reads in the "
        f"id '007' that {bank} gives the same question, so the new bank's ids are not that "
        "bank's (a spreadsheet writes an id typed 007 back as 7, and a deck built from the new "
        f"bank starts such cards again): to keep them, update that bank with `qbank import "
        f"{sheet} --into {bank}`, or format the id column as text and type the ids again"
    ) in result.stderr
    sheet.write_text("id,question,hint,section\n7,Q other?,H,S\n")
    result = cli("import", sheet, "-o", tmp_path / "other.yaml")
    assert result.exit_code == 0 and "warning" not in result.stderr, result.output


def test_ids_a_spreadsheet_made_one_number_update_the_question_of_their_row(cli, tmp_path):
    """The ids 01 and 001, both written back as 1 by a spreadsheet, went to the bank's ids
    by name: the row of 01 updated 001 and the row of 001 updated 01, each question taking
    the other's text (a review). The row's question tells which it is."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nsections: [S]\nquestions:\n"
        '  - {id: "01", section: S, question: Alpha?, hint: alpha}\n'
        '  - {id: "001", section: S, question: Beta?, hint: beta}\n',
        encoding="utf-8",
    )
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,question,hint,section\n1,Alpha?,alpha now,S\n1,Beta?,beta,S\n")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    questions = [(q.id, q.question, q.hint) for q in load_bank(bank).questions]
    assert questions == [("01", "Alpha?", "alpha now"), ("001", "Beta?", "beta")]


def test_a_row_without_its_hint_has_its_other_cells_told_in_the_same_run(tmp_path):
    """A row with its hint left empty was told that alone; its minutes of 'ten' came at
    the next import."""
    sheet = tmp_path / "q.csv"
    sheet.write_text("question,hint,minutes\nWhat?,This,5\nWhy?,,ten\n", encoding="utf-8")
    with pytest.raises(BankError) as caught:
        read_spreadsheet(sheet)
    assert [str(p) for p in caught.value.problems] == [
        f"{sheet}:3: {EMPTY_HINT}",
        f"{sheet}:3: question 'why': 'minutes' must be a whole number from 1 to 240, not the "
        "text 'ten'",
    ]


# -- import --into against what the sheet said when it was exported (qbank.bank.sheet_base) --

BASE = "qbank base (do not edit)"
FIRST_HINT, SECOND_HINT = "Filters traffic by rules.", "A private tunnel.\nEncrypted."


def stale_sheet(cli, tmp_path, edit) -> tuple[Path, Path]:
    """A copy of INTO exported as a sheet, then two of its hints edited in the bank (as a
    teacher does in the YAML), then the old sheet's rows changed by `edit`."""
    bank = tmp_path / "cours.yaml"
    bank.write_bytes(INTO.read_bytes())
    sheet = edited_sheet(cli, tmp_path, lambda rows: rows, bank)
    text = bank.read_text(encoding="utf-8")
    text = text.replace("Filters traffic.", FIRST_HINT).replace("A tunnel.", "A private tunnel.")
    bank.write_text(text, encoding="utf-8")
    with sheet.open(encoding="utf-8", newline="") as source:
        rows = list(csv.reader(source))
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(edit(rows))
    return bank, sheet


def cell(rows, qid, column, text):
    """`rows` with the cell of question `qid` in `column` (a header) set to `text`."""
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("id")] == qid:
            row[header.index(column)] = text
    return rows


def hints(bank: Path) -> dict[str, str]:
    return {q.id: q.hint for q in load_bank(bank).questions}


def test_a_stale_sheet_keeps_the_banks_newer_text_and_says_so(cli, tmp_path):
    """A new user's trial: the hints of two questions edited in the bank after the export,
    other rows edited in the old sheet; the import put both old hints back, said only as
    '2 updated'. The export's base column tells the bank's edits from the sheet's."""
    bank, sheet = stale_sheet(cli, tmp_path, lambda rows: cell(rows, "gone", "hint", "Older."))
    assert open(sheet, encoding="utf-8").readline().rstrip().endswith(f",{BASE}")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert hints(bank) == {"first": FIRST_HINT, "second": SECOND_HINT, "gone": "Older."}
    assert result.stderr.splitlines()[:2] == [
        f"{bank}: questions: 1 updated (gone), 0 added, 2 unchanged",
        f"{bank}: kept the bank's newer text, changed in the bank since the sheet was exported "
        "and not in the sheet: first (hint), second (hint)",
    ]


def test_a_field_changed_in_both_refuses_the_sheet_unless_told_which_wins(cli, tmp_path):
    bank, sheet = stale_sheet(cli, tmp_path, lambda rows: cell(rows, "first", "hint", "Blocks."))
    before = bank.read_bytes()
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 1
    assert bank.read_bytes() == before  # nothing written
    assert result.stderr.splitlines() == [
        f"{sheet}:2: question 'first': its hint was changed both in this sheet and in the bank "
        f"({bank}:13, which now has '{FIRST_HINT}') since the sheet was exported. Make this "
        "hint cell the text you want and import with --prefer sheet, or import with --prefer "
        "bank to keep the bank's; or export the bank again and make your changes in the new "
        "sheet"
    ]
    result = cli("import", sheet, "--into", bank, "--prefer", "bank")
    assert result.exit_code == 0, result.output
    assert bank.read_bytes() == before
    assert f"{bank}: changed in both since the sheet was exported, kept the bank's (--prefer " \
        "bank): first (hint)" in result.stderr  # fmt: skip
    result = cli("import", sheet, "--into", bank, "--prefer", "sheet")
    assert result.exit_code == 0, result.output
    assert hints(bank) == {"first": "Blocks.", "second": SECOND_HINT, "gone": "Old."}
    assert cli("import", sheet, "-o", tmp_path / "new.yaml", "--prefer", "bank").exit_code == 2


def test_fields_changed_on_one_side_each_merge_and_a_change_made_alike_is_none(cli, tmp_path):
    """The comparison is by field: the bank's hint and the sheet's minutes of one question
    both stay; the same text typed on both sides is no conflict."""

    def edit(rows):
        cell(rows, "first", "minutes", "5")
        return cell(rows, "second", "hint", SECOND_HINT.rstrip("\n"))

    bank, sheet = stale_sheet(cli, tmp_path, edit)
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    got = {q.id: (q.hint, q.minutes) for q in load_bank(bank).questions}
    assert got == {"first": (FIRST_HINT, 5), "second": (SECOND_HINT, 4), "gone": ("Old.", 2)}


def test_the_base_goes_with_its_row_through_sorting_and_moved_or_deleted_columns(cli, tmp_path):
    def edit(rows):
        header, *body = rows
        order = [header.index(BASE), *(n for n, h in enumerate(header) if h not in (BASE, "tags"))]
        body = sorted(body, key=lambda r: r[header.index("id")], reverse=True)
        rows = [[r[n] for n in order] + ["mine"] for r in [header, *body]]
        rows[0][-1] = "Difficulty"
        return cell(rows, "gone", "hint", "Older.")

    bank, sheet = stale_sheet(cli, tmp_path, edit)
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert hints(bank) == {"first": FIRST_HINT, "second": SECOND_HINT, "gone": "Older."}


def test_a_sheet_without_a_base_imports_as_before_and_a_foreign_base_is_told(cli, tmp_path):
    """An older export or a hand-made sheet has no base: the sheet's text is taken, as it
    always was. A base cell that is not its row's (copied from another row) is said."""

    def edit(rows):
        at = rows[0].index(BASE)
        rows[2][at] = rows[1][at]  # second's row holds first's base
        return rows

    bank, sheet = stale_sheet(cli, tmp_path, lambda rows: [r[:-1] for r in rows])
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert hints(bank) == {"first": "Filters traffic.", "second": "A tunnel.\nEncrypted.",
                           "gone": "Old."}  # fmt: skip
    bank, sheet = stale_sheet(cli, tmp_path, edit)
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert hints(bank)["second"] == "A tunnel.\nEncrypted."
    assert (
        f"{sheet}:3: warning: the '{BASE}' cell of row 3 is not the one qbank wrote for its "
        "question, so the row is imported as the sheet has it" in result.stderr
    )

    def damaged(rows):  # of the right length, a character no base holds (it was read)
        at = rows[0].index(BASE)
        rows[2][at] = rows[2][at][:-1] + "\u00e9"
        return rows

    bank, sheet = stale_sheet(cli, tmp_path, damaged)
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert (
        f"{sheet}:3: warning: the '{BASE}' cell of row 3 is not the one qbank wrote for its "
        "question, so the row is imported as the sheet has it" in result.stderr
    )


def test_a_row_copied_from_another_banks_sheet_is_imported_as_it_is_and_told(cli, tmp_path):
    """A review's trial: a question's row copied from the sheet of another bank (a copy of
    this one, edited) was compared with that bank's base, and its hint dropped as "the
    bank's newer text". Its base is not this bank's: the row is imported, and that said."""
    other = tmp_path / "other.yaml"
    other.write_text(
        INTO.read_text(encoding="utf-8").replace("Filters traffic.", "Other."), encoding="utf-8"
    )
    theirs = tmp_path / "theirs.csv"
    assert cli("export", "--bank", other, "-o", theirs).exit_code == 0
    copied = list(csv.reader(io.StringIO(theirs.read_text(encoding="utf-8-sig"))))
    at = copied[0].index("id")

    def edit(rows):
        return [next((c for c in copied if c[at] == r[at] == "first"), r) for r in rows]

    bank, sheet = stale_sheet(cli, tmp_path, edit)
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert hints(bank)["first"] == "Other."
    assert f"{sheet}:2: warning: the '{BASE}' cell of row 2 is not the one" in result.stderr


def test_a_cell_a_spreadsheet_rewrote_unchanged_keeps_the_banks_newer_text(cli, tmp_path):
    """A review's trial: a sheet saved decomposed (é as e and an accent, as macOS may) and a
    hint 1/2 that a spreadsheet wrote back as the date 01/02/26 are cells as exported; the
    bank's later edits of them were refused as changed on both sides."""
    bank, sheet = tmp_path / "cours.yaml", tmp_path / "s.csv"
    bank.write_text(
        "title: T\nquestions:\n"
        "  - {id: a, section: S, question: Qu'est-ce qu'un café ?, hint: '1/2'}\n",
        encoding="utf-8",
    )
    assert cli("export", "--bank", bank, "-o", sheet).exit_code == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    rows = cell(rows, "a", "hint", f"01/02/{datetime.date.today().year % 100:02}")
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([[unicodedata.normalize("NFD", c) for c in r] for r in rows])
    text = bank.read_text(encoding="utf-8").replace("café", "café noir").replace("1/2", "1/3")
    bank.write_text(text, encoding="utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert [(q.question, q.hint) for q in load_bank(bank).questions] == [
        ("Qu'est-ce qu'un café noir ?", "1/3")
    ]
    assert f"{bank}: kept the bank's newer text" in result.stderr


def test_a_new_bank_from_a_sheet_with_its_base_says_what_it_does_not_hold(cli, tmp_path):
    """A new bank made of an exported sheet has its questions, and nothing of the base but
    one line: the bank-wide fields that a sheet does not hold are not in it (a French bank
    made again of its sheet lost its language, unsaid: a new user's trial), and --into
    updates the bank it came from. A sheet without the column is told nothing."""
    sheet = tmp_path / "s.csv"
    assert cli("export", "--bank", INTO, "-o", sheet).exit_code == 0
    result = cli("import", sheet, "-o", tmp_path / "new.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"{sheet}: warning: this sheet was exported from a bank (its column '{BASE}'); a new "
        "bank made of it holds its questions and sections, not that bank's description, "
        "language or organisation: set them in the new bank, or import with --into that "
        "bank to update it\n"
    )
    assert questions(load_bank(tmp_path / "new.yaml")) == questions(load_bank(INTO))
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert rows[0][-1] == BASE
    with (tmp_path / "plain.csv").open("w", encoding="utf-8", newline="") as plain:
        csv.writer(plain).writerows(row[:-1] for row in rows)
    result = cli("import", tmp_path / "plain.csv", "-o", tmp_path / "plain.yaml")
    assert result.exit_code == 0 and result.stderr == "", result.output


@pytest.mark.parametrize(
    "options", ["44,34,76", "59,34,65535"], ids=["comma-utf8", "semicolon-utf16"]
)
def test_a_stale_sheet_saved_by_libreoffice_calc_keeps_the_banks_newer_text(cli, tmp_path, options):
    """The base survives Calc's save, with ';' as the delimiter and in UTF-16 ("Unicode")
    too; Calc opens the sheet as its import dialog would, in UTF-8."""
    from filling import libreoffice_convert, libreoffice_missing

    if not Path("/usr/lib/libreoffice/program/libsclo.so").exists():
        libreoffice_missing(
            "LibreOffice Calc is not installed: apt-get install libreoffice-calc-nogui"
        )
    bank, sheet = stale_sheet(cli, tmp_path, lambda rows: cell(rows, "gone", "hint", "Older."))
    (saved,) = libreoffice_convert(
        [sheet],
        tmp_path / "calc",
        f"csv:Text - txt - csv (StarCalc):{options}",
        tmp_path / "lo",
        infilter="CSV:44,34,76",
    )
    result = cli("import", saved, "--into", bank)
    assert result.exit_code == 0, result.output
    assert hints(bank) == {"first": FIRST_HINT, "second": SECOND_HINT, "gone": "Older."}
    assert "first (hint), second (hint)" in result.stderr


def test_a_markdown_banks_sheet_in_another_folder_keeps_the_banks_newer_text(cli, tmp_path):
    """The sheet names the pictures from its own folder and import names them from the
    bank's again: the base is of the bank's own text, so that an unchanged row is as
    exported (a base of the sheet's paths made each picture's text a change of both)."""
    folder = tmp_path / "bank"
    folder.mkdir()
    bank = folder / "rich.yaml"
    bank.write_bytes((FIXTURES / "markdown" / "rich.yaml").read_bytes())
    shutil.copytree(FIXTURES / "markdown" / "images", folder / "images")
    sheet = tmp_path / "rich.csv"
    assert cli("export", "--bank", bank, "-o", sheet).exit_code == 0
    assert "](bank/images/flow.png)" in sheet.read_text(encoding="utf-8-sig")
    newer = bank.read_text(encoding="utf-8").replace("calls a tool]", "calls a tool, now]")
    bank.write_text(newer, encoding="utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert bank.read_text(encoding="utf-8") == newer
    assert "not in the sheet: architecture (question)" in result.stderr


def without_gone(bank: Path) -> None:
    """`bank` (a copy of INTO) without its question 'gone', as a teacher deletes it."""
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text[: text.index("\n  - id: gone")] + "\n", encoding="utf-8")


def test_a_question_deleted_from_the_bank_is_not_added_again_by_a_stale_sheet(cli, tmp_path):
    bank, sheet = stale_sheet(cli, tmp_path, lambda rows: cell(rows, "first", "minutes", "5"))
    without_gone(bank)
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert [q.id for q in load_bank(bank).questions] == ["first", "second"]
    assert (
        f"{bank}: not added again, deleted from the bank since the sheet was exported: gone (to "
        f"add one again, empty its row's cell in the column '{BASE}')" in result.stderr
    )
    # its row edited in the sheet: the teacher says which side wins
    bank, sheet = stale_sheet(cli, tmp_path, lambda rows: cell(rows, "gone", "hint", "Older."))
    without_gone(bank)
    before = bank.read_bytes()
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 1
    assert bank.read_bytes() == before
    assert result.stderr.splitlines() == [
        f"{sheet}:4: question 'gone' was deleted from the bank ({bank}) since the sheet was "
        "exported, and its row was changed here. Import with --prefer sheet to add it again, "
        "or with --prefer bank to leave it out; or delete this row"
    ]
    assert cli("import", sheet, "--into", bank, "--prefer", "bank").exit_code == 0
    assert bank.read_bytes() == before
    assert cli("import", sheet, "--into", bank, "--prefer", "sheet").exit_code == 0
    assert hints(bank)["gone"] == "Older."


def test_a_sheet_of_another_bank_adds_its_questions(cli, tmp_path):
    """Questions copied from another bank's sheet are new to this one, not deleted."""
    sheet, bank = tmp_path / "other.csv", tmp_path / "b.yaml"
    assert cli("export", "--bank", INTO, "-o", sheet).exit_code == 0
    bank.write_text(
        "title: T\nsections: [Basics]\nquestions:\n"
        "  - {id: own, section: Basics, question: Mine?, hint: Mine.}\n",
        encoding="utf-8",
    )
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert [q.id for q in load_bank(bank).questions] == ["own", "first", "second", "gone"]


def test_a_conflict_and_a_section_slip_are_said_in_one_run(cli, tmp_path):
    def edit(rows):
        cell(rows, "first", "hint", "Blocks.")
        return cell(rows, "second", "section", "Basic")

    bank, sheet = stale_sheet(cli, tmp_path, edit)
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 1
    said = result.stderr.splitlines()
    assert [line.split(": question")[0] for line in said] == [f"{sheet}:2", f"{sheet}:3"]
    assert "its hint was changed both" in said[0] and "did you mean 'Basics'?" in said[1]


def test_a_sheets_base_is_read_as_sheets_exported_before_wrote_it(tmp_path):
    """The base column's format: the codes of the bank's name, the id and each field in a
    fixed order (sheet_base.SHEET_FIELDS, which also orders the sheet's columns). A new
    field, or fields reordered, would read every sheet exported before as changed on both
    sides: such a change gives the format a new mark (qb2-), and this pin says so."""
    from qbank.bank.sheet_base import fingerprint

    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n"
        "  - {id: a, section: S, question: Q?, hint: H, tags: [x], minutes: 5}\n",
        encoding="utf-8",
    )
    loaded = load_bank(bank)
    said = "the base's format changed: give it a new mark, and read qb1- as before"
    assert fingerprint(loaded, loaded.questions[0]) == (
        "qb1-qgaw7pes22wkkqq4yxvosdhfwhcex6j4mtqsrpviwn"
    ), said


def test_a_bank_renamed_since_the_export_still_leaves_out_what_it_deleted(cli, tmp_path):
    """The base holds the bank's file name: a bank renamed since the export (cours.yaml as
    cours-2027.yaml) took every row of its old sheet for another bank's, and a question
    deleted since was added again. A sheet whose rows are the bank's questions is its own,
    whatever the file is called now; a sheet of another bank is still not."""
    old, sheet = stale_sheet(cli, tmp_path, lambda rows: cell(rows, "second", "minutes", "6"))
    without_gone(old)
    bank = old.rename(tmp_path / "cours-2027.yaml")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert [(q.id, q.hint, q.minutes) for q in load_bank(bank).questions] == [
        ("first", FIRST_HINT, 3),
        ("second", SECOND_HINT, 6),
    ]
    assert "not added again, deleted from the bank since the sheet was exported: gone" in (
        result.stderr
    )
    assert "is not the one qbank wrote" not in result.stderr


def test_a_question_whose_id_the_bank_changed_keeps_the_banks_newer_text(cli, tmp_path):
    """A question's id changed in the bank after the export ('first' as 'firewall'), and
    its hint edited: the stale sheet's row, matched by its question, was said to have a
    base 'not the one qbank wrote' and put the old hint back over the bank's newer one."""
    bank, sheet = stale_sheet(cli, tmp_path, lambda rows: cell(rows, "first", "minutes", "5"))
    text = bank.read_text(encoding="utf-8").replace("- id: first", "- id: firewall")
    bank.write_text(text, encoding="utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert [(q.id, q.hint, q.minutes) for q in load_bank(bank).questions] == [
        ("firewall", FIRST_HINT, 5),
        ("second", SECOND_HINT, 4),
        ("gone", "Old.", 2),
    ]
    assert "is not the one qbank wrote" not in result.stderr
    assert f"{bank}: kept the bank's newer text" in result.stderr


@pytest.mark.parametrize(
    ("exported", "written"),
    [
        ("0.10", "0.1"),
        ("2.50", "2.5"),
        ("007", "7"),
        (".5", "0.5"),
        # Calc in French (measured): a column formatted with thousands, a number grouped
        # read as a number and written bare, with a decimal comma
        ("1000", "1\u00a0000"),
        ("1000", "1\u202f000"),
        ("1 000", "1000"),
        ("1\u00a0000,50", "1000,5"),
    ],
)
def test_a_number_a_spreadsheet_rewrote_where_the_bank_changed_it_is_as_exported(
    cli, tmp_path, exported, written
):
    """A hint '0.10' that a spreadsheet wrote back as '0.1', changed in the bank since to
    '0.15': the sheet's cell is the exported number, not a change, so the bank's newer text
    stays; the import was refused as changed on both sides."""
    bank, sheet = tmp_path / "cours.yaml", tmp_path / "s.csv"
    bank.write_text(
        "title: T\nquestions:\n"
        f"  - {{id: a, section: S, question: What rate?, hint: '{exported}'}}\n"
        "  - {id: b, section: S, question: Why?, hint: Because.}\n",
        encoding="utf-8",
    )
    assert cli("export", "--bank", bank, "-o", sheet).exit_code == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    rows = cell(cell(rows, "a", "hint", written), "b", "hint", "Because it is.")
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    text = bank.read_text(encoding="utf-8").replace(f"'{exported}'", "'0.15'")
    bank.write_text(text, encoding="utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert [q.hint for q in load_bank(bank).questions] == ["0.15", "Because it is."]
    # a number the sheet did change is still a change of both
    rows = cell(rows, "a", "hint", "0.2")
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    text = bank.read_text(encoding="utf-8").replace("'0.15'", "'0.25'")
    bank.write_text(text, encoding="utf-8")
    assert cli("import", sheet, "--into", bank).exit_code == 1


def test_a_sheet_of_another_bank_with_the_same_ids_is_imported_as_it_is_and_told(cli, tmp_path):
    """Another bank's sheet whose ids are this bank's ('first', 'second'), with other texts:
    its base was taken for this bank's under an older name, its cells for 'as exported',
    and the bank's own texts kept, so that the import changed nothing but said 'kept the
    bank's newer text'. Its rows are imported as the sheet has them, and that is said."""
    sheet, bank = tmp_path / "other.csv", tmp_path / "b.yaml"
    assert cli("export", "--bank", INTO, "-o", sheet).exit_code == 0
    bank.write_text(
        "title: T\nsections: [Basics]\nquestions:\n"
        "  - {id: first, section: Basics, question: Mine?, hint: Mine.}\n"
        "  - {id: second, section: Basics, question: Also mine?, hint: Also mine.}\n",
        encoding="utf-8",
    )
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert [(q.id, q.hint) for q in load_bank(bank).questions] == [
        ("first", "Filters traffic."),
        ("second", "A tunnel.\nEncrypted."),
        ("gone", "Old."),
    ]
    assert f"{sheet}:2: warning: the '{BASE}' cell of row 2, 3 is not the one" in result.stderr
    assert "kept the bank's newer text" not in result.stderr


def test_a_row_added_between_two_rows_is_added_between_their_questions(cli, tmp_path):
    """A new user's trial: a question added in the sheet between two others went to the
    bank's end, and so to the end of its section in every artifact. It goes after the
    bank's question of the row above it; one at the sheet's top before the first (its
    comment kept above the first); and a field added to the question above a new one stays
    with its question (a tag added to the bank's last question went to the new one)."""
    bank = tmp_path / "bank.yaml"
    bank.write_bytes(INTO.read_bytes())

    def edit(rows):
        header = rows[0]
        new = dict.fromkeys(header, "")

        def row(qid, question):
            return [{**new, "id": qid, "question": question, "hint": "H.", "section": "Basics"}
                    .get(name, "") for name in header]  # fmt: skip

        rows = cell(rows, "gone", "tags", "ops")
        return [rows[0], row("top", "Top?"), rows[1], row("mid", "Mid?"), row("mid2", "Mid 2?"),
                *rows[2:], row("end", "End?")]  # fmt: skip

    sheet = edited_sheet(cli, tmp_path, edit, bank)
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    loaded = load_bank(bank)
    assert [q.id for q in loaded.questions] == [
        "top",
        "first",
        "mid",
        "mid2",
        "second",
        "gone",
        "end",
    ]
    assert [(q.id, q.tags) for q in loaded.questions if q.tags] == [
        ("first", ("ops",)),
        ("gone", ("ops",)),
    ]
    text = bank.read_text(encoding="utf-8")
    assert "\n  # the first one\n  - id: first\n" in text
    assert '    hint: "H."\n\n  # the first one\n' in text
    assert '    minutes: 3\n\n  - id: "mid"\n' in text
    assert '    minutes: 2\n    tags:\n      - "ops"\n\n  - id: "end"\n' in text

    # the rest of the file as it was
    def new(qid: str, question: str) -> str:
        return (
            f'  - id: "{qid}"\n    section: "Basics"\n    question: "{question}"\n    hint: "H."\n'
        )

    into = INTO.read_text(encoding="utf-8")
    mids = "\n" + new("mid", "Mid?") + "\n" + new("mid2", "Mid 2?")
    tagged = '    minutes: 2\n    tags:\n      - "ops"\n\n' + new("end", "End?")
    assert text == (
        into.replace("  # the first one\n", new("top", "Top?") + "\n  # the first one\n")
        .replace("    minutes: 3\n", "    minutes: 3\n" + mids)
        .replace("    minutes: 2\n", tagged)
    )  # fmt: skip


def test_a_row_whose_id_the_bank_changed_is_told_so_and_updates_it(cli, tmp_path):
    """The bank changed a question's id since the export ('first' as 'firewall'): its row
    was said to have an id 'a spreadsheet may read as a number' where its question was
    unchanged, and, where the sheet had changed the question too, to be a question
    'deleted from the bank' (or added as a new one). The base says the row was exported
    as 'first' with the question the bank now has as 'firewall': the row updates it."""
    bank, sheet = stale_sheet(
        cli,
        tmp_path,
        lambda rows: cell(rows, "first", "question", "What does a firewall do today?"),
    )
    text = bank.read_text(encoding="utf-8").replace("- id: first", "- id: firewall")
    bank.write_text(text, encoding="utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert [(q.id, q.question, q.hint) for q in load_bank(bank).questions][0] == (
        "firewall",
        "What does a firewall do today?",
        FIRST_HINT,
    )
    said = f"{sheet}:2: warning: question 'first' is 'firewall' in the bank now (its id was "
    assert said + "changed there since the sheet was exported): the row updates 'firewall'" in (
        result.stderr
    )
    assert "spreadsheet may read" not in result.stderr
    # its question unchanged in the sheet: the same words, not a spreadsheet's number
    bank, sheet = stale_sheet(cli, tmp_path, lambda rows: cell(rows, "first", "minutes", "5"))
    text = bank.read_text(encoding="utf-8").replace("- id: first", "- id: firewall")
    bank.write_text(text, encoding="utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert said in result.stderr and "spreadsheet may read" not in result.stderr


def test_a_row_added_in_a_sheet_sorted_by_another_column_goes_to_its_sections_questions(
    cli, tmp_path
):
    """A sheet sorted by its questions, not its sections, had a new question of 'Alpha'
    under a row of 'Beta': it was written among Beta's questions in the bank's file, away
    from its own section's (a review). It goes after the nearest row above of its section,
    else before the nearest below, else after its section's last question in the bank."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        'title: "Two"\nsections:\n  - "Alpha"\n  - "Beta"\nquestions:\n'
        + "".join(
            f'\n  - id: "{qid}"\n    section: "{section}"\n    question: "{q}"\n    hint: "H."\n'
            for qid, section, q in (
                ("q1", "Alpha", "Quel prix ?"),
                ("q2", "Alpha", "Zèbre ?"),
                ("q3", "Beta", "Arbre ?"),
                ("q4", "Beta", "Maison ?"),
            )
        ),
        encoding="utf-8",
    )

    def edit(rows):
        header, *body = rows
        body.sort(key=lambda row: row[header.index("question")])  # Arbre, Maison, Quel, Zèbre

        def new(qid, section):
            fields = {"id": qid, "question": f"{qid}?", "hint": "N.", "section": section}
            return [fields.get(name, "") for name in header]

        # a1 under Arbre (Beta): no row of Alpha above it, so before Quel (q1)
        # a2 under Quel (q1, Alpha): after it; b1 at the top, Beta: before Arbre (q3)
        # a3 at the end under Zèbre (q2, Alpha): after q2
        return [header, new("b1", "Beta"), body[0], new("a1", "Alpha"), body[1], body[2],
                new("a2", "Alpha"), body[3], new("a3", "Alpha")]  # fmt: skip

    result = cli("import", edited_sheet(cli, tmp_path, edit, bank), "--into", bank)
    assert result.exit_code == 0, result.output
    assert [q.id for q in load_bank(bank).questions] == [
        "a1", "q1", "a2", "q2", "a3", "b1", "q3", "q4",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "meant"),
    [("Question;Reponce;Thème", "'Reponce' meant to be 'reponse'"),
     ("Frage;Antwrot;Thema", "'Antwrot' meant to be 'antwort'"),
     ("question;hitn;section", "'hitn' meant to be 'hint'")],
)  # fmt: skip
def test_a_misspelt_required_header_in_any_language_is_named(tmp_path, header, meant):
    """A French sheet's 'Reponce' was told only "name a column 'hint' (or 'answer')", in
    English: the column a required field misses is named with the word it is close to."""
    sheet = tmp_path / "s.csv"
    sheet.write_text(f"{header}\nQ?;R.;S\n", encoding="utf-8")
    with pytest.raises(BankError) as error:
        read_spreadsheet(sheet)
    (problem,) = error.value.problems
    assert problem.message == (
        "no 'hint' column; it is required: name a column 'hint' (or 'answer'); is the "
        f"column {meant}?"
    )


@pytest.mark.parametrize(("language", "separator"), [("fr", ";"), ("pt-BR", ";"), ("en", ",")])
def test_a_bank_in_a_language_of_decimal_commas_is_exported_with_semicolons(
    cli, tmp_path, language, separator
):
    """Excel opens a CSV by the list separator of the computer's region, ';' where a comma
    is the decimal mark, and set a comma-separated sheet in one column there (a French
    teacher's trial: the sheet made in ';' came back in ','). A bank in such a language is
    exported with ';', which import reads back as it is."""
    bank, sheet = tmp_path / "cours.yaml", tmp_path / "cours.csv"
    bank.write_text(
        f"title: T\nlanguage: {language}\nquestions:\n"
        "  - {id: a, section: S, question: 'Combien, et pourquoi ?', hint: '1,5 ; 2'}\n",
        encoding="utf-8",
    )
    assert cli("export", "--bank", bank, "-o", sheet).exit_code == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig")), delimiter=separator))
    assert (
        rows[0][:4]
        == {
            "fr": ["Question", "Réponse", "id", "Thème"],
            "pt-BR": ["Pergunta", "Resposta", "id", "Tema"],
            "en": ["question", "hint", "id", "section"],
        }[language]
    )
    assert rows[1][:4] == ["Combien, et pourquoi ?", "1,5 ; 2", "a", "S"]
    before = bank.read_bytes()
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert bank.read_bytes() == before and "1 unchanged" in result.stderr


EVERY_FIELD = FIXTURES / "spreadsheet-every-field.yaml"
# a bank's language, and the headers export writes for it: those of import's languages in
# their words, any other's in English (the fields' names)
HEADED = {
    "en": "question,hint,id,section,tags,look_for,follow_ups,minutes,note,group,sources,"
    "competency,anchors",
    "fr": "Question;Réponse;id;Thème;Étiquettes;Attendus;Relances;Durée;Remarque;Groupe;"
    "Sources;Compétence;Descripteurs",
    "de-CH": "Frage;Antwort;id;Abschnitt;Schlagwörter;Worauf achten;Nachfragen;Minuten;Notiz;"
    "Gruppe;Quellen;Kompetenz;Verhaltensanker",
    "es": "Pregunta;Respuesta;id;Sección;Etiquetas;Qué observar;Seguimiento;Minutos;Nota;"
    "Grupo;Fuentes;Competencia;Descriptores",
    "it": "Domanda;Risposta;id;Sezione;Etichette;Cosa osservare;Approfondimenti;Minuti;Nota;"
    "Gruppo;Fonti;Competenza;Descrittori",
    "pt-BR": "Pergunta;Resposta;id;Tema;Etiquetas;O que observar;Aprofundamentos;Minutos;Nota;"
    "Grupo;Fontes;Competência;Descritores",
    "nl": "Vraag;Antwoord;id;Onderwerp;Labels;Let op;Vervolgvragen;Minuten;Opmerking;Groep;"
    "Bronnen;Competentie;Gedragsankers",
    "ja": "question,hint,id,section,tags,look_for,follow_ups,minutes,note,group,sources,"
    "competency,anchors",
    "ar": "question,hint,id,section,tags,look_for,follow_ups,minutes,note,group,sources,"
    "competency,anchors",
}


def every_field_bank(folder: Path, language: str) -> Path:
    bank = folder / f"{language}.yaml"
    text = EVERY_FIELD.read_text(encoding="utf-8")
    bank.write_text(text.replace("language: en", f"language: {language}"), encoding="utf-8")
    return bank


def test_a_banks_sheet_is_headed_in_its_language_and_comes_back_unchanged(cli, tmp_path):
    """A French teacher who imported 'Question;Réponse;Thème' got 'question;hint;section'
    back: a bank in a language whose words import reads is exported headed in them, and
    each header reads back as its field, into the bank (nothing changed) and as a new bank
    (in that language); a bank in another language is headed in English."""
    for language, header in HEADED.items():
        bank = every_field_bank(tmp_path, language)
        sheet = tmp_path / f"{language}.csv"
        assert cli("export", "--bank", bank, "-o", sheet).exit_code == 0
        text = sheet.read_text(encoding="utf-8-sig")
        separator = ";" if ";" in header else ","
        assert text.splitlines()[0] == f"{header}{separator}qbank base (do not edit)"
        before = bank.read_bytes()
        result = cli("import", sheet, "--into", bank)
        assert result.exit_code == 0, result.output
        assert bank.read_bytes() == before and "2 unchanged" in result.stderr, result.stderr
        said: list[str] = []
        again, _ = read_spreadsheet(sheet, warn=said.append)
        assert questions(again) == questions(load_bank(bank))
        read = language.split("-")[0] if separator == ";" else ""
        assert again.language == read
        lost = "description, language or organisation"
        if read:  # a region of it is not in its headers ('pt-BR' came back 'pt', unsaid)
            lost = "description, organisation or its language's region"
            lost += f" (its headers give '{read}')"
        assert f"not that bank's {lost}:" in said[-1]


def test_a_banks_sheet_in_its_language_comes_back_unchanged_from_libreoffice_calc(cli, tmp_path):
    """Calc opens each sheet as its import dialog does, by its separator, and saves it as
    CSV: its headers still name their fields, and nothing changed."""
    from filling import libreoffice_convert, libreoffice_missing

    if not Path("/usr/lib/libreoffice/program/libsclo.so").exists():
        libreoffice_missing(
            "LibreOffice Calc is not installed: apt-get install libreoffice-calc-nogui"
        )
    by_separator: dict[str, list[Path]] = {",": [], ";": []}
    (tmp_path / "sheets").mkdir()
    for language, header in HEADED.items():
        bank = every_field_bank(tmp_path, language)
        sheet = tmp_path / "sheets" / f"{language}.csv"
        assert cli("export", "--bank", bank, "-o", sheet).exit_code == 0
        by_separator[";" if ";" in header else ","].append(sheet)
    for separator, sheets in by_separator.items():
        code = ord(separator)
        libreoffice_convert(
            sheets,
            tmp_path / "calc",
            f"csv:Text - txt - csv (StarCalc):{code},34,76",
            tmp_path / "lo",
            infilter=f"CSV:{code},34,76",
        )
    for language, header in HEADED.items():
        saved = tmp_path / "calc" / f"{language}.csv"
        assert saved.read_text(encoding="utf-8-sig").startswith(header)
        bank = tmp_path / f"{language}.yaml"
        before = bank.read_bytes()
        result = cli("import", saved, "--into", bank)
        assert result.exit_code == 0, result.output
        assert bank.read_bytes() == before and "2 unchanged" in result.stderr, result.stderr


def french_calc(profile: Path) -> Path:
    """A LibreOffice profile whose locale is French (Tools > Options > Language Settings >
    Locale setting), as a French teacher's Calc reads and writes numbers."""
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items '
        'xmlns:oor="http://openoffice.org/2001/registry"><item '
        'oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" '
        'oor:op="fuse"><value>fr-FR</value></prop></item></oor:items>\n',
        encoding="utf-8",
    )
    return profile


def test_numbers_in_digit_groups_come_back_unchanged_from_a_french_calc(cli, tmp_path):
    """Calc in a French locale read the bank's '1 000' (a space or a no-break space) as a
    number and saved it '1000', in a CSV and through an .xlsx alike: import --into took it
    for a change. Export guards such a cell, as it does '0.10', and the sheet comes back
    as it went, a number and a thousand's group alike."""
    from filling import libreoffice_convert, libreoffice_missing

    if not Path("/usr/lib/libreoffice/program/libsclo.so").exists():
        libreoffice_missing(
            "LibreOffice Calc is not installed: apt-get install libreoffice-calc-nogui"
        )
    bank, sheet = tmp_path / "prix.yaml", tmp_path / "prix.csv"
    bank.write_text(
        "title: Prix\nlanguage: fr\nquestions:\n"
        "  - {id: a, section: S, question: Combien ?, hint: '1\u00a0000', note: '2 500'}\n"
        "  - {id: b, section: S, question: Et là ?, hint: '1000', note: '12\u00a0345,5'}\n",
        encoding="utf-8",
    )
    before = bank.read_bytes()
    assert cli("export", "--bank", bank, "-o", sheet).exit_code == 0
    profile = french_calc(tmp_path / "lo")
    opened = "CSV:59,34,76"
    saved_as = "csv:Text - txt - csv (StarCalc):59,34,76"
    (csv_saved,) = libreoffice_convert([sheet], tmp_path / "calc", saved_as, profile, opened)
    (xlsx,) = libreoffice_convert(
        [sheet], tmp_path / "xlsx", "xlsx:Calc MS Excel 2007 XML", profile, opened
    )
    (xlsx_saved,) = libreoffice_convert([xlsx], tmp_path / "xlsx-csv", saved_as, profile)
    for saved in (csv_saved, xlsx_saved):
        result = cli("import", saved, "--into", bank)
        assert result.exit_code == 0, result.output
        assert "2 unchanged" in result.stderr, result.stderr
        assert bank.read_bytes() == before


@pytest.mark.parametrize(
    ("header", "question", "made"),
    [
        (
            "Question;Réponse",
            "Qu'appelle-t-on un algorithme glouton ?",
            "appelle-on-algorithme-glouton",
        ),
        (
            "Frage;Antwort",
            "Was ist der Unterschied zwischen Größe und Länge?",
            "was-unterschied-zwischen-groesse-laenge",
        ),
        ("Pregunta;Respuesta", "¿Qué es un algoritmo de ordenación?", "algoritmo-ordenacion"),
        ("Domanda;Risposta", "Che cosa è il routing di un pacchetto?", "cosa-routing-pacchetto"),
        ("Pergunta;Resposta", "O que é uma função de hash?", "funcao-hash"),
        (
            "Vraag;Antwoord",
            "Wat is het verschil tussen een lijst en een tupel?",
            "wat-verschil-tussen-lijst-tupel",
        ),
        (
            "question;hint",
            "What is the difference between a list and a tuple?",
            "what-difference-between-list-tuple",
        ),
    ],
)
def test_a_new_questions_id_leaves_out_the_small_words_of_its_sheets_language(
    cli, tmp_path, header, question, made
):
    """A French sheet's 'Qu'appelle-t-on un algorithme glouton ?' was given the id
    'qu-appelle-t-un-algorithme-glouton': the English small words, which left out 'on' and
    kept 'qu', 't' and 'un'. A new bank's ids leave out those of its headers' language, and
    spell it as check --fix-ids does in a bank of that language (German 'Länge' as 'laenge'),
    and so do the new rows of a sheet imported into a bank of that language."""
    sheet = tmp_path / "feuille.csv"
    sheet.write_text(f"{header}\n{question};R.\n", encoding="utf-8")
    bank, _ = read_spreadsheet(sheet)
    assert [q.id for q in bank.questions] == [made]
    language = bank.language or "en"
    into = tmp_path / "cours.yaml"
    into.write_text(
        f"title: T\nlanguage: {language}\nquestions:\n"
        "  - {id: a, section: General, question: Q?, hint: H.}\n",
        encoding="utf-8",
    )
    result = cli("import", sheet, "--into", into)
    assert result.exit_code == 0, result.output
    assert [q.id for q in load_bank(into).questions] == ["a", made]
    # check --fix-ids makes the same id in such a bank
    fixed = tmp_path / "fix.yaml"
    fixed.write_text(
        f"title: T\nlanguage: {language}\nquestions:\n  - section: S\n"
        f"    question: {json.dumps(question, ensure_ascii=False)}\n    hint: H.\n",
        encoding="utf-8",
    )
    assert cli("check", "--fix-ids", "--bank", fixed).exit_code == 0
    assert [q.id for q in load_bank(fixed).questions] == [made]


class _CountedIds(set):
    """A set of ids that counts what is read of it: a question asked, or its items copied
    into a union."""

    read = 0

    def __contains__(self, item: object) -> bool:
        _CountedIds.read += 1
        return super().__contains__(item)

    def __or__(self, other):  # type: ignore[override]
        _CountedIds.read += len(self) + len(other)
        return set(self) | set(other)


def test_a_row_pasted_thousands_of_times_offers_each_a_free_id_at_once(tmp_path, monkeypatch):
    """A row pasted 50,000 times (mutation fuzzing) made import --into run for minutes: each
    duplicate id's free number was counted up from 2 over a new union of every id. Each id
    goes on from the number it offered last (a count of what is read, not a time)."""
    from qbank.bank.checks import Checker

    def kept(self, ids: set[str]) -> None:
        self.__dict__["_written"] = _CountedIds(ids)

    monkeypatch.setattr(
        Checker,
        "written_ids",
        property(lambda self: self.__dict__.get("_written", set()), kept),
        raising=False,
    )
    _CountedIds.read = 0
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "id,section,question,hint\n" + "same,S,Why?,Because.\n" * 2_000, encoding="utf-8"
    )
    result = run_cli("import", sheet, "-o", tmp_path / "new.yaml")
    assert result.exit_code == 1
    said = [line for line in result.output.splitlines() if "duplicate id" in line]
    # the first 500 of its 1,999 problems one by one, then how many more (errors.BankError)
    assert len(said) == 500
    assert said[0].endswith("such as same-2") and said[-1].endswith("such as same-501")
    assert "and 1,499 more problems from here" in result.output
    assert not (tmp_path / "new.yaml").exists()
    assert _CountedIds.read < 10 * 2_000, _CountedIds.read
