"""A Markdown spreadsheet's pictures: `qbank import --markup markdown` and `--into` read
image paths relative to the sheet, name each problem by the sheet's row, and write paths
that name the same file from the bank's folder; the bank then loads with the pictures."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES

from qbank.bank import load_bank

FLOW = FIXTURES / "markdown" / "images" / "flow.png"


def sheet(folder: Path, *hints: str, name: str = "sheet.csv") -> Path:
    """A sheet of one question per hint, in `folder`, with flow.png in folder/pics."""
    (folder / "pics").mkdir(parents=True, exist_ok=True)
    shutil.copy(FLOW, folder / "pics" / "flow.png")
    path = folder / name
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "question", "hint", "look_for"])
        for n, hint in enumerate(hints, start=1):
            writer.writerow(
                [f"q{n}", f"Question {n}?", hint, "A point\n![the flow](pics/flow.png)"]
            )
    return path


def pictures(bank_path: Path) -> list[tuple[str, bytes]]:
    bank = load_bank(bank_path)
    return [
        (picture.path, picture.data)
        for q in bank.questions
        for text in (q.hint, *q.look_for)
        for picture in bank.rich_text(text).pictures()
    ]


def test_a_sheet_beside_its_bank_keeps_its_text(cli, tmp_path):
    source = sheet(tmp_path, "See ![the flow](pics/flow.png) first.")
    result = cli("import", source, "--markup", "markdown")
    assert result.exit_code == 0, result.output
    out = tmp_path / "sheet.yaml"
    text = out.read_text(encoding="utf-8")
    assert "markup: markdown" in text and "![the flow](pics/flow.png)" in text
    assert pictures(out) == [("pics/flow.png", FLOW.read_bytes())] * 2


def test_a_bank_written_elsewhere_names_the_sheets_pictures_from_its_folder(cli, tmp_path):
    source = sheet(tmp_path / "sheets" / "week 1", "See ![the flow](<pics/flow.png>) first.")
    out = tmp_path / "bank.yaml"
    result = cli("import", source, "--markup", "markdown", "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "![the flow](sheets/week%201/pics/flow.png)" in text
    assert pictures(out) == [("sheets/week 1/pics/flow.png", FLOW.read_bytes())] * 2
    assert cli("check", "--bank", out, "--strict").exit_code == 0


def test_into_a_markdown_bank_moves_the_paths_to_the_banks_folder(cli, tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n"
        "  - id: q1\n    section: S\n    question: Old?\n    hint: Old hint.\n",
        encoding="utf-8",
    )
    source = sheet(tmp_path / "incoming", "New ![the flow](pics/flow.png) hint.")
    result = cli("import", source, "--into", bank)
    assert result.exit_code == 0, result.output
    assert "![the flow](incoming/pics/flow.png)" in bank.read_text(encoding="utf-8")
    assert pictures(bank) == [("incoming/pics/flow.png", FLOW.read_bytes())] * 2


@pytest.mark.parametrize(
    ("hint", "said"),
    [
        ("![the flow](pics/missing.png)", "the image 'pics/missing.png' does not exist"),
        ("![the flow](../flow.png)", "the image '../flow.png' is outside the sheet's folder"),
        ("![](pics/flow.png)", "the image 'pics/flow.png' has no alt text"),
        ("![the flow](https://example.com/f.png)", "is a web address"),
    ],
)
def test_a_bad_picture_is_named_by_the_sheets_row_and_nothing_is_written(cli, tmp_path, hint, said):
    shutil.copy(FLOW, tmp_path / "flow.png")  # beside the sheet's folder: still out of it
    source = sheet(tmp_path / "sheets", "A fine hint.", hint)
    out = tmp_path / "bank.yaml"
    result = cli("import", source, "--markup", "markdown", "-o", out)
    assert result.exit_code == 1
    assert f"{source}:3: " in result.stderr and said in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_picture_outside_the_banks_folder_is_refused_by_row(cli, tmp_path):
    source = sheet(tmp_path / "sheets", "![the flow](pics/flow.png)")
    (tmp_path / "banks").mkdir()
    out = tmp_path / "banks" / "bank.yaml"
    result = cli("import", source, "--markup", "markdown", "-o", out)
    assert result.exit_code == 1
    assert f"{source}:2: the image 'pics/flow.png' is outside the folder of the bank" in (
        result.stderr
    )
    assert not out.exists()


def test_markup_is_for_spreadsheets(cli, tmp_path):
    gift = tmp_path / "q.gift"
    gift.write_text("::q1:: What is it? {}\n", encoding="utf-8")
    result = cli("import", gift, "--markup", "markdown")
    assert result.exit_code == 1
    assert "--markup markdown is for a spreadsheet" in result.stderr


def test_a_sheet_exported_to_another_folder_names_the_pictures_from_there(cli, tmp_path):
    """Export writes a Markdown bank's image paths relative to the sheet, as import reads
    them: the sheet comes back into the bank unchanged, and a folder from which import could
    not reach the pictures is refused, naming them."""
    bank = tmp_path / "bank" / "rich.yaml"
    shutil.copytree(FIXTURES / "markdown", bank.parent)
    sheet = tmp_path / "rich.csv"
    assert cli("export", "--bank", bank, "-o", sheet).exit_code == 0
    text = sheet.read_text(encoding="utf-8")
    assert "](bank/images/flow.png)" in text and "](images/" not in text
    before = bank.read_text(encoding="utf-8")
    result = cli("import", sheet, "--into", bank)
    assert result.exit_code == 0, result.output
    assert bank.read_text(encoding="utf-8") == before
    (tmp_path / "aside").mkdir()
    refused = cli("export", "--bank", bank, "-o", tmp_path / "aside" / "rich.csv")
    assert refused.exit_code == 1
    # the folder to write into, named: 'a folder that holds the pictures' was read as one
    # with a copy of them, still refused (a trial)
    assert (
        f"the image 'images/flow.png' is outside {tmp_path / 'aside'}, where the sheet goes, "
        "and `import` takes a picture only from the sheet's folder or below it; write the "
        f"sheet into the bank's folder, {bank.parent.resolve()}, or a folder above it"
    ) in refused.stderr
    assert not (tmp_path / "aside" / "rich.csv").exists()


def test_a_markdown_sheet_imported_as_plain_is_told_so(cli, tmp_path):
    """A Markdown bank exported and imported without --markup became a plain bank, its
    fences, pictures and **strong** shown as typed in every artifact, and nothing said."""
    source = sheet(tmp_path, "Plain first.", "Then **this** one.")
    result = cli("import", source, "-o", tmp_path / "plain.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"{source}:2: warning: question 'q1': the sheet's texts look like Markdown (a picture, "
        "![...](...)); a plain bank shows them as typed. For Markdown, import with --markup "
        "markdown (into an existing bank: set `markup: markdown` in it)\n"
    )
    result = cli("import", source, "--markup", "markdown", "-o", tmp_path / "md.yaml")
    assert result.exit_code == 0 and result.stderr == "", result.output
    plain = tmp_path / "plain.csv"
    plain.write_text('question,hint\nWhat is `ls`?,"- lists files\n- in a folder"\n')
    result = cli("import", plain, "-o", tmp_path / "p.yaml")
    assert result.exit_code == 0 and result.stderr == "", result.output  # plain text's own
