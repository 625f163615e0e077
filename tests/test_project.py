"""The bank of the folder a command runs in, and its settings (qbank.toml)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from helpers import FIXTURES

from qbank.paths import DEFAULT_BANK

MINIMAL = (FIXTURES / "minimal.yaml").read_bytes()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_folders_only_bank_is_used(cli, folder):
    (folder / "my.yaml").write_bytes(MINIMAL)
    (folder / "docker-compose.yaml").write_text("services: {}\n", encoding="utf-8")
    result = cli("html")
    assert result.exit_code == 0, result.output
    assert result.stdout == "output/my.html\n"
    assert result.stderr == ""


@pytest.mark.usefixtures("serial_builds")
def test_all_in_a_folder_holding_only_my_yaml_builds_my(cli, folder):
    (folder / "my.yaml").write_bytes(MINIMAL)
    result = cli("all")
    assert result.exit_code == 0, result.output
    names = [os.path.basename(line) for line in result.stdout.splitlines()]
    assert names and all(name.startswith("my") for name in names), names


def test_a_broken_bank_is_still_the_folders_bank(cli, folder):
    (folder / "my.yaml").write_text("title: x\nquestions:\n  - id: [\n", encoding="utf-8")
    result = cli("check")
    assert result.exit_code == 1
    assert result.stderr.startswith("my.yaml:")


@pytest.mark.parametrize(
    ("bank", "said"),
    [
        *(
            (
                MINIMAL.replace(b"\nquestions:", f"\n{key}:".encode()),
                f"unknown key '{key}'; did you mean 'questions'?",
            )
            for key in ("questons", "Questions", "question")
        ),
        # saved as Notepad's "Unicode" (UTF-16 with its mark)
        (MINIMAL.decode("utf-8").encode("utf-16"), "uno.yaml:1: not UTF-8 text but UTF-16"),
    ],
)
def test_a_bank_check_cannot_read_is_still_the_folders_bank(cli, folder, bank, said):
    """A trial's bank had `questons:`, another was saved as UTF-16: check said there was no
    bank in the folder, checked the bundled example's 50 questions and exited 0. Another
    tool's list key is no bank."""
    (folder / "uno.yaml").write_bytes(bank)
    (folder / "mkdocs.yml").write_text("suggestions:\n  - a\nsessions: [b]\n", encoding="utf-8")
    # a review: another tool's `my_questions:` was a second bank, and a hidden file counted
    (folder / "quiz.yml").write_text("my_questions:\n  - a\n", encoding="utf-8")
    (folder / ".qestions.yaml").write_bytes(MINIMAL)
    result = cli("check")
    assert result.exit_code == 1
    assert said in result.stderr
    assert "bundled" not in result.stderr and result.stdout == ""
    # the misspelt key alone: "missing 'questions'" was said too, at the title's line
    assert "missing 'questions'" not in result.stderr


@pytest.mark.parametrize(
    ("names", "said"),
    [
        (
            ["b.yaml", "a.yaml"],
            "this folder holds 2 banks (a.yaml, b.yaml); choose one with --bank, or name it in "
            'qbank.toml (bank = "a.yaml")',
        ),
        # a trial saved its bank from Notepad as dataeng.yaml.txt: check said there was no
        # bank and built the bundled example's instead
        (
            ["dataeng.yaml.txt"],
            "no bank in this folder, but dataeng.yaml.txt holds one: its name ends in '.txt', "
            "as Notepad saves it; rename it to dataeng.yaml, or give it with --bank "
            '"dataeng.yaml.txt"',
        ),
    ],
)
def test_banks_a_command_cannot_choose_from_are_a_usage_error_naming_them(cli, folder, names, said):
    (folder / "notes.txt").write_text("not a bank\n", encoding="utf-8")
    for name in names:  # two banks, each its own text
        (folder / name).write_bytes(MINIMAL + f"# {name}\n".encode())
    result = cli("check")
    assert result.exit_code == 2
    assert result.stderr.strip() == said
    assert cli("check", "--bank", names[0]).exit_code == 0


@pytest.mark.parametrize(
    ("copies", "said"),
    [
        (["uno (1).yaml"], "uno (1).yaml holds the same text as uno.yaml, so uno.yaml is used; "
         "delete the copy, or move it out of this folder"),
        (["Copy of uno.yaml", "uno (1).yaml"], "Copy of uno.yaml and uno (1).yaml hold the same "
         "text as uno.yaml, so uno.yaml is used; delete the copies, or move them out of this "
         "folder"),
    ],
)  # fmt: skip
def test_a_copy_of_the_bank_beside_it_is_passed_over_and_said(cli, folder, copies, said):
    """A second download of the bank, or a synced folder's copy ('uno (1).yaml'), made the
    folder hold two banks, and each command stopped to ask which, of one text."""
    for name in ("uno.yaml", *copies):
        (folder / name).write_bytes(MINIMAL)
    result = cli("check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("uno.yaml: ")
    assert result.stderr.splitlines()[0] == f"qbank: {said}"  # then the bank's warnings


def test_a_copy_beside_two_banks_is_named_as_a_copy_not_a_bank_to_choose(cli, folder):
    """'uno (1).yaml' beside 'uno.yaml' and another bank was counted as a third bank, and
    the name suggested for qbank.toml was the copy's (a review)."""
    (folder / "uno.yaml").write_bytes(MINIMAL)
    (folder / "uno (1).yaml").write_bytes(MINIMAL)
    (folder / "zwei.yaml").write_bytes(MINIMAL + b"# zwei\n")
    result = cli("check")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "this folder holds 2 banks (uno.yaml, zwei.yaml); choose one with --bank, or name it "
        'in qbank.toml (bank = "uno.yaml"); uno (1).yaml is a copy of uno.yaml'
    )


@pytest.mark.parametrize("edited", [False, True])
def test_a_utf16_copy_beside_the_bank_is_passed_over_or_named(cli, folder, edited):
    """A copy of the bank saved as Notepad's "Unicode" (UTF-16) beside it made the folder
    hold two banks, said with no word that they were one or which qbank cannot read. The
    same text is passed over with a note and the bank used; another text is named."""
    (folder / "uno.yaml").write_bytes(MINIMAL)
    text = MINIMAL.decode("utf-8").replace("\n", "\r\n")  # as Notepad saves it
    text = text.replace("questions:", "questions:  # edited") if edited else text
    (folder / "uno-unicode.yaml").write_bytes(text.encode("utf-16"))
    result = cli("check")
    if edited:
        assert result.exit_code == 2
        assert result.stderr.strip() == (
            "this folder holds 2 banks (uno-unicode.yaml, uno.yaml); choose one with --bank, "
            'or name it in qbank.toml (bank = "uno.yaml"); uno-unicode.yaml is saved as '
            'UTF-16 (Windows\' "Unicode"), which qbank reads once saved as UTF-8'
        )
        # both UTF-16: neither is said as the one to name (a review: uno-unicode.yaml was)
        (folder / "uno.yaml").write_bytes(MINIMAL.decode("utf-8").encode("utf-16"))
        both = cli("check")
        assert both.exit_code == 2
        assert both.stderr.strip() == (
            "this folder holds 2 banks (uno-unicode.yaml, uno.yaml), each saved as UTF-16 "
            '(Windows\' "Unicode"), which qbank reads once saved as UTF-8: save the one you '
            "mean as UTF-8 (Notepad: Save as, Encoding UTF-8), then choose it with --bank or "
            "name it in qbank.toml"
        )
    else:
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("uno.yaml: ")
        assert result.stderr.splitlines()[0] == (
            "qbank: uno-unicode.yaml holds uno.yaml's text saved as UTF-16 (Windows' "
            '"Unicode"), which qbank does not read, so uno.yaml is used; delete the copy, or '
            "move it out of this folder"
        )


@pytest.mark.parametrize(
    ("files", "passed_over"),
    [
        ((), ""),
        # a trial's bank keyed its questions in Spanish: its name was not said
        (("uno.yaml",), " (uno.yaml has no top-level 'questions:' list)"),
    ],
)
def test_without_a_bank_the_bundled_one_is_used_and_said(cli, folder, files, passed_over):
    for name in files:
        (folder / name).write_bytes(MINIMAL.replace(b"\nquestions:", b"\npreguntas:"))
    (folder / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")  # unsaid
    checks_the_example(
        cli, passed_over, "give yours with --bank, or start one with: qbank new my-bank.yaml"
    )


def checks_the_example(cli, passed_over: str, what: str) -> None:
    """`qbank check` here checks the bundled example bank, and says so: the YAML files
    it passed over (`passed_over`), then what to do (`what`)."""
    result = cli("check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{DEFAULT_BANK}: 50 questions")
    assert result.stderr == (
        f"qbank: no bank in this folder{passed_over}, so the bundled example bank "
        f"({DEFAULT_BANK.name}) is used; {what}\n"
    )


def test_in_a_folder_of_a_banks_folder_the_bank_above_is_named(cli, folder, monkeypatch):
    """A trial wrote its bank by hand (no qbank.toml), and ran qbank in its img/ folder:
    the bundled example was used, and it was told to give its bank with --bank, with no
    word of the one in the folder above."""
    (folder / "sre.yaml").write_bytes(MINIMAL)
    (folder / "img").mkdir()
    monkeypatch.chdir(folder / "img")
    above = Path("..") / "sre.yaml"
    said = f"the folder above holds sre.yaml: run qbank there, or give it with --bank {above}"
    checks_the_example(cli, "", said)


def test_qbank_toml_names_the_bank_and_sets_out_and_paper(cli, folder):
    (folder / "a.yaml").write_bytes(MINIMAL)
    (folder / "b.yaml").write_bytes(MINIMAL)
    (folder / "qbank.toml").write_text(
        'bank = "b.yaml"\nout = "built"\npaper = "letter"\n', encoding="utf-8"
    )
    result = cli("booklet", "--edition", "study")
    assert result.exit_code == 0, result.output
    assert result.stdout == "built/b-booklet.pdf\n"
    from pypdf import PdfReader

    width = float(PdfReader(folder / "built" / "b-booklet.pdf").pages[0].mediabox.width)
    assert round(width) == 612  # letter
    result = cli("booklet", "--edition", "study", "--out", "here", "--paper", "a4")
    assert result.stdout == "here/b-booklet.pdf\n"  # options win
    assert round(float(PdfReader(folder / "here" / "b-booklet.pdf").pages[0].mediabox.width)) == 595


@pytest.mark.parametrize("named", [True, False])
def test_a_folder_inside_the_banks_is_the_banks(cli, folder, monkeypatch, named):
    """A trial ran `qbank html` in its bank's img/ folder and got the bundled example's page
    in img/output/, with only a note. As git finds its repository, the nearest qbank.toml
    above names the bank (or has the only one beside it) and the output folder."""
    (folder / "my.yaml").write_bytes(MINIMAL)
    (folder / "qbank.toml").write_text('bank = "my.yaml"\n' if named else "", encoding="utf-8")
    inside = folder / "img" / "deeper"
    inside.mkdir(parents=True)
    monkeypatch.chdir(inside)
    result = cli("html")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == f"{folder / 'output' / 'my.html'}\n"
    assert not (inside / "output").exists()


def test_a_folders_own_bank_wins_over_a_qbank_toml_above(cli, folder, monkeypatch):
    """A review: a ~/qbank.toml took over every bank under the home folder, and a broken one
    above failed even a command given --bank."""
    (folder / "home.yaml").write_bytes(MINIMAL)
    (folder / "qbank.toml").write_text('bank = "home.yaml"\npaper = "a5"\n', encoding="utf-8")
    other = folder / "projects" / "other"
    other.mkdir(parents=True)
    (other / "other.yaml").write_bytes(MINIMAL)
    monkeypatch.chdir(other)
    result = cli("html")
    assert result.exit_code == 0, result.output
    assert result.stdout == "output/other.html\n" and result.stderr == ""
    (other / "other.yaml").rename(other / "elsewhere.yml.txt")
    assert cli("html", "--bank", "elsewhere.yml.txt").exit_code == 0  # the broken toml unread
    assert cli("html").exit_code == 1  # a folder of no bank: the toml above is its project's


def test_a_bank_qbank_toml_names_that_is_not_there_is_said_at_its_line(cli, folder):
    """A trial renamed its bank: 'nada.yaml: cannot read the bank: No such file or
    directory' said nothing of qbank.toml, where that name came from."""
    (folder / "curso.yaml").write_bytes(MINIMAL)
    (folder / "qbank.toml").write_text('# ours\nbank = "nada.yaml"\n', encoding="utf-8")
    result = cli("check")
    assert result.exit_code == 1
    assert result.stderr == (
        "qbank.toml:2: bank = 'nada.yaml': no such file (the folder holds curso.yaml); name "
        "the bank's file there, or give one with --bank\n"
    )
    assert cli("check", "--bank", "curso.yaml").exit_code == 0


def test_qbank_toml_mistakes_are_named(cli, folder):
    """Each at its key's line; a misspelt one with what it likely meant (a trial's `papel`
    was named with neither)."""
    (folder / "qbank.toml").write_text(
        'paper = "a5"\ncolour = "red"\n\n# ours\npapel = "letter"\n', encoding="utf-8"
    )
    result = cli("check")
    assert result.exit_code == 1
    settings = "(settings are: bank, out, paper, templates, organisation, logo)"
    assert result.stderr.splitlines() == [
        "qbank.toml:1: paper = 'a5': give a4 or letter",
        f"qbank.toml:2: unknown setting 'colour' {settings}",
        f"qbank.toml:5: unknown setting 'papel'; did you mean 'paper'? {settings}",
    ]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (
            "paper = letter",
            "qbank.toml:1:9: Invalid value: a text is written in straight double quotes; "
            'write: paper = "letter"',
        ),
        (
            'organisation: "Acme Data"',
            "qbank.toml:1:13: Expected '=' after a key in a key/value pair: a setting is "
            "written with '=', not ':'; write: organisation = \"Acme Data\"",
        ),
        # what it says to write is TOML that reads back as typed (a review: it said
        # organisation = Acme Data, title = "C", out = "C:\\Users\\me", each wrong again)
        (
            "organisation: Acme Data",
            "qbank.toml:1:13: Expected '=' after a key in a key/value pair: a setting is "
            "written with '=', not ':'; write: organisation = \"Acme Data\"",
        ),
        (
            "organisation = C# Guild  # ours",
            "qbank.toml:1:16: Invalid value: a text is written in straight double quotes; "
            'write: organisation = "C# Guild"',
        ),
        # a closing quote left out: tomllib said "Illegal character '\n'" (a review)
        (
            'organisation = "Acme Data',
            "qbank.toml:1:26: a text in quotes is closed by the same quote on its line; "
            'write: organisation = "Acme Data"',
        ),
        (
            "out = C:\\Users\\me\\out",
            "qbank.toml:1:7: Invalid value: a text is written in straight single quotes; "
            "write: out = 'C:\\Users\\me\\out'",
        ),
    ],
)
def test_qbank_toml_that_is_not_toml_says_what_to_write(cli, folder, line, said):
    """A trial: 'qbank.toml: Invalid value (at line 5, column 9)', in tomllib's words, the
    place after them, and nothing to write."""
    (folder / "qbank.toml").write_text(line + "\n", encoding="utf-8")
    result = cli("check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [said]


def test_new_writes_qbank_toml_once_and_files_follow_the_umask(cli, folder):
    old = os.umask(0o022)
    try:
        assert cli("new", "one.yaml").exit_code == 0
        assert cli("new", "two.yaml").exit_code == 0
        assert cli("export", "--bank", "one.yaml").exit_code == 0
        assert cli("import", "one.csv", "-o", "three.yaml").exit_code == 0
    finally:
        os.umask(old)
    assert 'bank = "one.yaml"' in (folder / "qbank.toml").read_text(encoding="utf-8")
    for name in ("one.yaml", "two.yaml", "qbank.toml", "one.csv", "three.yaml"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o644, name
    assert cli("check").stdout.startswith("one.yaml: 2 questions")


@pytest.mark.parametrize("command", ["anki", "html", "packet", "cards", "check"])
def test_every_command_takes_the_paper_a_script_passes(cli, folder, command):
    (folder / "my.yaml").write_bytes(MINIMAL)
    result = cli(command, "--paper", "letter", "--out", "o")
    assert result.exit_code == 0, result.output


def test_dash_output_is_the_standard_output(cli, folder):
    (folder / "my.yaml").write_bytes(MINIMAL)
    result = cli("export", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("question,hint,id,section")
    (folder / "my.csv").write_text(result.stdout, encoding="utf-8")
    bank = cli("import", "my.csv", "-o", "-")
    assert bank.exit_code == 0, bank.output
    assert "questions:" in bank.stdout
    assert sorted(p.name for p in folder.iterdir()) == ["my.csv", "my.yaml"]


def test_templates_copies_the_look_for_templates_and_never_overwrites(cli, folder):
    from qbank.paths import BUILTIN_TEMPLATES, builtin_template_names

    first = cli("templates", "look")
    assert first.exit_code == 0, first.output
    names = builtin_template_names()
    assert first.stdout.splitlines() == [f"look/{name}" for name in names]
    for name in names:
        assert (folder / "look" / name).read_bytes() == (BUILTIN_TEMPLATES / name).read_bytes()
    own = folder / "look" / "theme.toml"
    own.write_text(own.read_text(encoding="utf-8") + "\n# mine\n", encoding="utf-8")
    again = cli("templates", "look")
    assert again.exit_code == 0 and again.stdout == ""
    assert again.stderr == f"look: kept {len(names)} files already there (never overwritten)\n"
    assert own.read_text(encoding="utf-8").endswith("# mine\n")
    (folder / "my.yaml").write_bytes(MINIMAL)
    built = cli("html", "--templates", "look")
    assert built.exit_code == 0 and built.stderr == "", built.output
