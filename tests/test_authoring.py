"""Starting a bank: `qbank new`, `qbank schema` and `qbank check --fix-ids`."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from readback import artifact_text, squash

from qbank import authoring
from qbank.bank import load_bank
from qbank.errors import BankError
from qbank.paths import SCHEMA


@pytest.mark.usefixtures("serial_builds")
def test_new_then_check_then_all_from_an_empty_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("new", "x.yaml")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qbank.toml", "schema.json", "x.yaml"]
    assert result.stdout == "x.yaml\nschema.json\nqbank.toml\n"  # every file it wrote
    check = cli("check")  # the folder's bank, named in qbank.toml
    assert check.exit_code == 0, check.output
    assert check.output == "x.yaml: 2 questions: Basics 1, Scenarios 1\n"
    built = cli("all")
    assert built.exit_code == 0, built.output
    bank = load_bank(tmp_path / "x.yaml")
    for line in built.output.splitlines():
        if line.endswith((".pdf", ".docx", ".apkg")):
            text = squash(artifact_text(tmp_path / line))
            assert squash(bank.questions[-1].question) in text, line


def test_the_starter_shows_every_field_and_says_when_to_quote(tmp_path, cli):
    path = tmp_path / "bank.yaml"
    result = cli(
        "new", path, "--title", "Cloud: the basics", "--section", "Ops #1", "--section", "yes"
    )
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=schema.json"
    assert "double quotes" in text and "': '" in text and "' #'" in text
    for field in (
        "title:", "description:", "role:", "reviewed:", "tags:", "sections:", "rubric:",
        "questions:", "id:", "section:", "question:", "hint:", "look_for:", "follow_ups:",
        "minutes:", "note:", "sources:", "group:", "competencies:", "competency:", "anchors:",
    ):  # fmt: skip
        assert f" {field}" in text or text.startswith(field) or f"\n{field}" in text, field
    bank = load_bank(path)
    assert bank.title == "Cloud: the basics"
    assert bank.markup == "markdown"  # a new bank starts in Markdown, with a list and code
    # a study bank until its writer names a role: the LMS files show learners its hints
    assert bank.role == ""
    hint = bank.rich_text(bank.questions[0].hint)
    assert [type(b).__name__ for b in hint.blocks] == ["Paragraph", "ListBlock", "CodeBlock"]
    assert hint.blocks[2].language == "python"
    assert [s.name for s in bank.sections] == ["Ops #1", "yes"]
    assert [q.section for q in bank.questions] == ["Ops #1", "yes"]


def test_the_starters_commented_fields_pass_check_once_uncommented(tmp_path, cli):
    """A one-section starter with its optional competencies and anchors uncommented (the
    `# name:` lines only) is a bank that check passes, its question measured and anchored."""
    path = tmp_path / "bank.yaml"
    assert cli("new", path, "--section", "Only").exit_code == 0
    keys = ("competencies:", "- {name:", "competency:", "anchors:", "1:", "3:", "5:")
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        opened = re.sub(r"^(\s*)# ", r"\1", line)
        lines.append(opened if opened.strip().startswith(keys) else line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("check", "--bank", path, "--strict")
    assert result.exit_code == 0, result.output
    [question] = load_bank(path).questions
    assert question.competency == "example-skill"
    assert [score for score, _ in question.anchors] == [1, 3, 5]


def test_a_second_new_bank_says_which_bank_plain_commands_use(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("new", "first.yaml").exit_code == 0
    result = cli("new", "second.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "second.yaml\n"
    assert result.stderr == (
        "qbank.toml: names first.yaml, so commands without --bank still use that bank; give "
        '--bank second.yaml, or name it in qbank.toml (bank = "second.yaml")\n'
    )


def test_a_new_bank_beside_a_folders_only_bank_names_no_default(cli, tmp_path, monkeypatch):
    """A new-user trial: `new y.yaml` beside x.yaml, the folder's bank (found as its only
    one, no qbank.toml), wrote a qbank.toml naming y.yaml: every command switched banks
    without a word. Now it writes none, and says that commands will ask."""
    monkeypatch.chdir(tmp_path)
    assert cli("new", "x.yaml").exit_code == 0
    (tmp_path / "qbank.toml").unlink()
    result = cli("new", "y.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "y.yaml\n"
    assert not (tmp_path / "qbank.toml").exists()
    assert result.stderr == (
        "y.yaml: this folder also holds x.yaml, so commands without --bank there now ask which "
        'bank to use; give --bank y.yaml, or name one in qbank.toml (bank = "y.yaml")\n'
    )
    asked = cli("check")
    assert asked.exit_code == 2 and "this folder holds 2 banks" in asked.stderr


def test_new_never_overwrites(cli, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("title: mine\n", encoding="utf-8")
    result = cli("new", path)
    assert result.exit_code == 1
    assert result.output == f"{path}: already exists; qbank never overwrites it\n"
    assert path.read_text(encoding="utf-8") == "title: mine\n"


def test_new_keeps_a_foreign_schema_json_and_writes_its_own_beside(cli, tmp_path):
    (tmp_path / "schema.json").write_text("{}", encoding="utf-8")
    assert cli("new", tmp_path / "b.yaml").exit_code == 0
    assert (tmp_path / "schema.json").read_text() == "{}"
    first = (tmp_path / "b.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=qbank.schema.json"
    assert (tmp_path / "qbank.schema.json").read_text(encoding="utf-8") == SCHEMA.read_text()


def test_a_refused_new_or_import_writes_no_schema(cli, tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("title: mine\n", encoding="utf-8")
    assert cli("new", mine).exit_code == 1
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("question,hint\n,no question\n", encoding="utf-8")
    assert cli("import", sheet).exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.yaml", "sheet.csv"]


def test_a_schema_file_or_link_of_someone_else_is_never_touched(cli, tmp_path):
    target = tmp_path / "theirs.json"
    target.write_text('{"$id": "theirs"}', encoding="utf-8")
    (tmp_path / "schema.json").symlink_to(target)
    (tmp_path / "qbank.schema.json").write_text("{}", encoding="utf-8")
    result = cli("new", tmp_path / "b.yaml")
    assert result.exit_code == 0, result.output
    assert target.read_text() == '{"$id": "theirs"}'
    assert (tmp_path / "schema.json").is_symlink()
    assert (tmp_path / "qbank.schema.json").read_text() == "{}"
    text = (tmp_path / "b.yaml").read_text(encoding="utf-8")
    assert "$schema" not in text and load_bank(tmp_path / "b.yaml").title == "B"


def test_an_older_qbank_schema_is_brought_up_to_date(cli, tmp_path):
    old = json.loads(SCHEMA.read_text(encoding="utf-8"))
    old["description"] = "an older qbank's schema"
    (tmp_path / "schema.json").write_text(json.dumps(old), encoding="utf-8")
    assert cli("new", tmp_path / "b.yaml").exit_code == 0
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == SCHEMA.read_text()


def test_check_says_when_the_banks_schema_is_an_earlier_qbanks(cli, tmp_path):
    """The schema.json that `qbank new` wrote stays as it was through an upgrade, and an
    editor it guides marked the fields added since (`language:`) as not allowed, while
    check said nothing (an upgrade trial): check names them, at the bank's $schema line,
    and what writes this qbank's schema; with it, nothing is said."""
    old = json.loads(SCHEMA.read_text(encoding="utf-8"))
    del old["properties"]["language"], old["$defs"]["question"]["properties"]["anchors"]
    (tmp_path / "schema.json").write_text(json.dumps(old), encoding="utf-8")
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "# yaml-language-server: $schema=schema.json\ntitle: B\nquestions:\n"
        "  - {id: a, section: S, question: Q?, hint: H.}\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    assert (
        f"{bank}:1: warning: schema.json is the bank format of an earlier qbank, without "
        "anchors and language, which an editor it guides marks as mistakes; `qbank schema > "
        "schema.json` in the bank's folder writes this qbank's"
    ) in result.stderr.splitlines()
    (tmp_path / "schema.json").write_text(SCHEMA.read_text(encoding="utf-8"), encoding="utf-8")
    assert "schema.json" not in cli("check", "--bank", bank).stderr


def test_export_never_writes_over_its_bank_nor_import_over_its_sheet(cli, tmp_path):
    bank = tmp_path / "bank.yaml"
    assert cli("new", bank).exit_code == 0
    before = bank.read_bytes()
    link = tmp_path / "link.yaml"
    os.link(bank, link)  # the same file by another name
    for out in (bank, link):
        result = cli("export", "--bank", bank, "--force", "-o", out)
        assert result.exit_code == 1
        assert result.output == f"{out}: is the bank being exported; choose another -o\n"
    assert bank.read_bytes() == before
    sheet = tmp_path / "sheet.csv"
    assert cli("export", "--bank", bank, "-o", sheet).exit_code == 0
    sheet_bytes = sheet.read_bytes()
    result = cli("import", sheet, "-o", sheet)
    assert result.exit_code == 1
    assert result.output == f"{sheet}: is the spreadsheet being read; choose another -o\n"
    assert sheet.read_bytes() == sheet_bytes


def test_schema_prints_the_json_schema(cli):
    result = cli("schema")
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "qbank question bank"
    assert result.output == SCHEMA.read_text(encoding="utf-8")


BANK_WITHOUT_IDS = """\
# my bank
title: Mine   # a comment that stays
questions:
  # the first one
  - section: Ops
    question: "What is a SOC?"   # trailing comment
    hint: A team.
  - id: what-soc
    section: Ops
    question: Also a SOC?
    hint: Same.
  -
    section: Ops
    question: What is a SOC?
    hint: Again.
  - {section: Ops, question: "Flow: style?", hint: Yes.}
"""


def test_fix_ids_writes_ids_in_place_keeping_everything_else(cli, tmp_path):
    path = tmp_path / "bank.yaml"
    path.write_bytes(BANK_WITHOUT_IDS.replace("\n", "\r\n").encode())
    with pytest.raises(BankError, match="missing 'id'"):  # a build still refuses it
        load_bank(path)
    result = cli("check", "--fix-ids", "--bank", path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == [
        f"{path}:5: added id: what-soc-2",
        f"{path}:14: added id: what-soc-3",
        f"{path}:18: added id: flow-style",
    ]
    expected = (
        BANK_WITHOUT_IDS.replace(
            '  - section: Ops\n    question: "What is a SOC?"',
            '  - id: what-soc-2\n    section: Ops\n    question: "What is a SOC?"',
        )
        .replace(
            "  -\n    section: Ops\n    question: What is a SOC?",
            "  -\n    id: what-soc-3\n    section: Ops\n    question: What is a SOC?",
        )
        .replace("{section: Ops, question", "{id: flow-style, section: Ops, question")
    )
    assert path.read_bytes() == expected.replace("\n", "\r\n").encode()
    assert [q.id for q in load_bank(path).questions] == [
        "what-soc-2", "what-soc", "what-soc-3", "flow-style"
    ]  # fmt: skip
    again = cli("check", "--fix-ids", "--bank", path)
    assert again.exit_code == 0 and "added id" not in again.output


def test_fix_ids_spells_letters_in_ascii_and_says_when_it_cannot(cli, tmp_path):
    """Ids are for good: "Größe" made groe, Russian and Greek questions made question,
    question-2 ... with no word said."""
    path = tmp_path / "bank.yaml"
    texts = [
        "Größe und Straße?",
        "Какой йогурт?",  # й was taken apart by NFKD before it was spelt: kakoi
        "Что такое UTF-8?",
        "Τι είναι το Unicode;",
        "日本語の改行は？",
        "Question design - what makes one fair?",  # a good id that starts "question-"
    ]
    path.write_text(
        "title: T\nquestions:\n"
        + "".join(f"  - {{section: S, question: {t}, hint: H.}}\n" for t in texts),
        encoding="utf-8",
    )
    result = cli("check", "--fix-ids", "--bank", path)
    assert result.exit_code == 0, result.output
    assert [q.id for q in load_bank(path).questions] == [
        "grosse-und-strasse", "kakoy-yogurt", "chto-takoe-utf-8", "ti-einai-unicode",
        "question",
        "question-design-what-makes-one-fair",
    ]  # fmt: skip
    (said,) = [line for line in result.stderr.splitlines() if "change it now" in line]
    assert "added id: question (" in said  # not question-design-...: a good id
    assert said.endswith(
        "change it now to words that name the question, since an id is kept for good)"
    )


def test_fix_ids_keeps_words_whole_and_names_languages(cli, tmp_path):
    """An apostrophe took a word apart ('what-s'), ™ became letters ('donetm'), and C++
    and C# were both 'c' (an edge-bank trial)."""
    path = tmp_path / "bank.yaml"
    texts = [
        "What's O(n²) cost?", "When is a task done™?", "C++ vs C#?", "It’s F# or c++?",
        "Pourquoi l'été ?",
        # Japanese between two English words parts them, as a blank would: 'UTF-8とShift_JIS'
        # made 'utf-8shift-jis' (h40a's Japanese trial); full-width letters are spelt
        "UTF-8とShift_JISの違いは？", "ＴＬＳとDNSの関係",
    ]  # fmt: skip
    path.write_text(
        "title: T\nquestions:\n"
        + "".join(f'  - {{section: S, question: "{t}", hint: H.}}\n' for t in texts),
        encoding="utf-8",
    )
    result = cli("check", "--fix-ids", "--bank", path)
    assert result.exit_code == 0, result.output
    assert [q.id for q in load_bank(path).questions] == [
        "whats-o-n2-cost", "when-task-done", "cpp-vs-csharp", "its-fsharp-cpp",
        "pourquoi-l-ete", "utf-8-shift-jis", "tls-dns",
    ]  # fmt: skip


def test_new_refuses_what_check_would_refuse_and_writes_nothing(cli, tmp_path):
    path = tmp_path / "x.yaml"
    result = cli("new", path, "--section", "Basics", "--section", "basics")
    assert result.exit_code == 1
    assert result.output == (
        f"{path}: sections 'Basics' and 'basics' differ only in case; rename one of them\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("typed", "named"),
    [("curso", "curso.yaml"), ("curso.txt", "curso.yaml"), ("mi curso", "mi curso.yaml")],
)
def test_new_without_yaml_says_the_name_to_give(cli, tmp_path, typed, named):
    """A trial typed `qbank new curso` and was told only that a bank's name ends in .yaml.
    The command said runs as typed in a shell: 'qbank new mi curso.yaml' was two names."""
    result = cli("new", tmp_path / typed)
    assert result.exit_code == 1
    said, command = result.output.rstrip("\n").split("; run qbank ")
    assert said == f"{tmp_path / typed}: a bank's name ends in .yaml"
    assert list(tmp_path.iterdir()) == []
    assert shlex.split(command) == ["new", str(tmp_path / named)]
    assert cli(*shlex.split(command)).exit_code == 0


@pytest.mark.parametrize(
    ("words", "posix", "windows"),
    [
        (("new", "curso.yaml"), "new curso.yaml", "new curso.yaml"),
        (("new", "mi curso.yaml"), "new 'mi curso.yaml'", 'new "mi curso.yaml"'),
        (("import", 'a "b".csv'), """import 'a "b".csv'""", r'import "a \"b\".csv"'),
        # cmd ran 'qbank new Q' of a bare Q&A.yaml, and PowerShell refused its '&'
        (("new", "Q&A.yaml"), "new 'Q&A.yaml'", 'new "Q&A.yaml"'),
        (("new", "O'Neil(2).yaml"), "new 'O'\"'\"'Neil(2).yaml'", 'new "O\'Neil(2).yaml"'),
        (("new", "50%;v2.yaml"), "new '50%;v2.yaml'", 'new "50%;v2.yaml"'),
    ],
)
def test_a_command_in_advice_is_quoted_for_the_shell_it_is_typed_in(words, posix, windows):
    """Windows' cmd keeps single quotes as part of a word ('mi / curso.yaml' were its two
    names): there the advice quotes in double quotes, which PowerShell reads too."""
    assert authoring._command(*words, windows=False) == posix
    assert shlex.split(posix) == list(words)
    assert authoring._command(*words, windows=True) == windows


def test_new_in_a_missing_folder_says_so(cli, tmp_path):
    result = cli("new", tmp_path / "sub" / "x.yaml")
    assert result.exit_code == 1
    assert (
        result.output == f"{tmp_path / 'sub'}: no such folder; create it first, or choose another\n"
    )


# -- check --fix-ids edits the file as an editor would (issue 27) -------------------------


def _unfixed(tmp_path: Path, text: str = BANK_WITHOUT_IDS) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_fix_ids_keeps_the_inode_mode_and_hard_links(cli, tmp_path):
    path = _unfixed(tmp_path)
    path.chmod(0o600)
    twin = tmp_path / "twin.yaml"
    os.link(path, twin)
    inode = path.stat().st_ino
    result = cli("check", "--fix-ids", "--bank", path)
    assert result.exit_code == 0, result.output
    assert path.stat().st_ino == inode and twin.stat().st_ino == inode
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    assert "id: what-soc-2" in twin.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if "backup" in p.name] == []


def test_fix_ids_keeps_the_access_control_list(cli, tmp_path):
    """An ACL that lets another user (uid 4242) read and write the bank, and one more
    (4343) only read it, stays as it was: getfacl shows the same entries after the edit."""
    if not shutil.which("setfacl") or not shutil.which("getfacl"):
        pytest.skip("needs setfacl and getfacl (Debian: apt-get install acl)")
    path = _unfixed(tmp_path)
    entries = "u:4242:rw-,u:4343:r--"
    done = subprocess.run(["setfacl", "-m", entries, path], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"this file system keeps no ACLs: {done.stderr.strip()}")

    def acl() -> str:
        shown = ["getfacl", "--omit-header", "--numeric", path]
        return subprocess.run(shown, capture_output=True, text=True, check=True).stdout

    before = acl()
    assert "user:4242:rw-" in before and "user:4343:r--" in before
    result = cli("check", "--fix-ids", "--bank", path)
    assert result.exit_code == 0, result.output
    assert "id: what-soc-2" in path.read_text(encoding="utf-8")
    assert acl() == before


def test_fix_ids_writes_through_a_link_to_its_target(cli, tmp_path):
    real = _unfixed(tmp_path)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    result = cli("check", "--fix-ids", "--bank", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert [q.id for q in load_bank(real).questions][0] == "what-soc-2"


def test_fix_ids_refuses_a_read_only_bank(cli, tmp_path):
    path = _unfixed(tmp_path)
    path.chmod(0o444)
    result = cli("check", "--fix-ids", "--bank", path)
    assert result.exit_code == 1
    assert result.output == f"{path}: the bank is read-only; make it writable to add ids\n"
    assert path.read_text(encoding="utf-8") == BANK_WITHOUT_IDS


def test_fix_ids_refuses_a_bank_saved_meanwhile(cli, tmp_path, monkeypatch):
    from qbank.bank import ids

    path = _unfixed(tmp_path)
    saved = BANK_WITHOUT_IDS + "  - {id: mine, section: Ops, question: New?, hint: Mine.}\n"
    propose = ids.fix_ids

    def while_an_editor_saves(data):
        path.write_text(saved, encoding="utf-8")  # the same size is no excuse either
        return propose(data)

    monkeypatch.setattr(ids, "fix_ids", while_an_editor_saves)
    result = cli("check", "--fix-ids", "--bank", path)
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}: the bank changed while qbank read it")
    assert path.read_text(encoding="utf-8") == saved


@pytest.mark.parametrize(
    ("text", "what", "line"),
    [
        (
            "title: T\nsections: [Ops]\nquestions:\n  - &q {section: Ops, question: A?, "
            "hint: H.}\n  - *q\n",
            "an anchor (&)",
            4,
        ),
        (
            "title: T\nsections: [Ops]\nquestions:\n  - ? section\n    : Ops\n"
            "    question: A?\n    hint: H.\n",
            "an explicit key (? key)",
            4,
        ),
    ],
    ids=["anchor", "explicit-key"],
)
def test_fix_ids_refuses_anchors_and_explicit_keys_honestly(cli, tmp_path, text, what, line):
    path = _unfixed(tmp_path, text)
    result = cli("check", "--fix-ids", "--bank", path)
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}:{line}: the bank uses {what}")
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("command", ["import", "export"])
def test_import_into_a_folder_that_is_not_there_says_so(cli, tmp_path, command):
    """As `new` does: it said 'cannot make a temporary folder for the build' (export too, a
    trial; of a Markdown bank with a picture, that the picture was outside the folder); a
    file where the folder would be said 'no such folder' (a review)."""
    sheet = tmp_path / "s.csv"
    sheet.write_text("question,hint\nWhy?,Because.\n", encoding="utf-8")
    if command == "import":
        args = ["import", sheet, "-o", tmp_path / "missing" / "b.yaml"]
    else:
        picture = Path(__file__).parent / "fixtures" / "markdown" / "images" / "flow.png"
        shutil.copy(picture, tmp_path / "img.png")
        bank = tmp_path / "b.yaml"
        bank.write_text(
            "title: T\nmarkup: markdown\nquestions:\n  - id: a\n    section: S\n"
            "    question: '![A diagram](img.png)'\n    hint: H.\n",
            encoding="utf-8",
        )
        args = ["export", "--bank", bank, "-o", tmp_path / "missing" / "b.csv"]
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{tmp_path / 'missing'}: no such folder; create it first, or choose another -o\n"
    )
    (tmp_path / "missing").write_text("x", encoding="utf-8")
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path / 'missing'}: is a file, not a folder; choose another -o\n"


def test_a_german_banks_ids_spell_umlauts_as_german_does(cli, tmp_path):
    """A trial's German bank got 'fuhrt' (another word) for 'führt': with `language: de`,
    ä ö ü are ae oe ue in the ids that fix-ids and import --into make, and in the id check
    offers; ß is ss in every bank."""
    bank = tmp_path / "de.yaml"
    bank.write_text(
        "title: T\nlanguage: de\nquestions:\n  - section: S\n"
        "    question: Wie führen Sie ein Gespräch über Größe?\n    hint: H.\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank, "--fix-ids")
    assert result.exit_code == 0, result.output
    # and without the German small words ("ein"), as id_slug leaves them out
    assert f"{bank}:4: added id: wie-fuehren-sie-gespraech-ueber-groesse\n" in result.stderr
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("question,hint,section\nWas prüfen Sie zuerst?,H.,S\n", encoding="utf-8")
    assert cli("import", sheet, "--into", bank).exit_code == 0
    assert 'id: "was-pruefen-sie-zuerst"' in bank.read_text(encoding="utf-8")
    bank.write_text(
        "title: T\nlanguage: de\nquestions:\n  - {id: konfliktlösung, section: S, "
        "question: Q?, hint: H.}\n",
        encoding="utf-8",
    )
    assert "such as konfliktloesung" in cli("check", "--bank", bank).stderr
    bank.write_text(bank.read_text(encoding="utf-8").replace("language: de", "language: fi"))
    assert "such as konfliktlosung" in cli("check", "--bank", bank).stderr
