"""How the code is put together, where a user would notice: a Word file built without a PDF
library, text measured in the PDFs' own units, the same paper in every artifact."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from helpers import FIXTURES, qbank_imports
from reportlab.lib import pagesizes, units
from reportlab.pdfbase.ttfonts import TTFontFile

import qbank
from qbank import paper
from qbank import units as qunits
from qbank.fontmetrics import advances
from qbank.paths import FONTS
from qbank.text import one_line, shorten


def modules_after(statement: str) -> set[str]:
    """The top-level modules a fresh interpreter has loaded after `statement`."""
    code = f"{statement}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in done.stdout.splitlines()[-1].split()}


@pytest.mark.slow
def test_the_packet_exporter_loads_no_pdf_library():
    # nor python-docx: each format's library is imported by the build that needs it
    loaded = modules_after("import qbank.exporters.packet")
    assert not loaded & {"reportlab", "docx", "pypdf"}
    assert "qbank" in loaded


@pytest.mark.slow
def test_the_study_page_builds_without_a_pdf_or_word_library(tmp_path):
    # the exporters' run imported reportlab to catch its LayoutError, for every exporter
    loaded = modules_after(
        "from qbank.cli import main\n"
        f"main(['html', '--bank', {str(FIXTURES / 'minimal.yaml')!r}, '--out', "
        f"{str(tmp_path)!r}], standalone_mode=False)"
    )
    assert (tmp_path / "minimal.html").exists()
    assert not loaded & {"reportlab", "docx", "genanki", "pypdf"}


@pytest.mark.slow
def test_a_build_loads_only_the_code_its_artifacts_need(tmp_path):
    """The command line loaded the debrief's readers and checks, and with them the packet
    exporter, to declare `debrief`'s options at its start (about 30 ms of every cold
    command), and the spreadsheets' and imports' readers for `export`'s; a plain bank
    loaded markdown-it; `all` loaded the LMS formats' modules it builds only with --lms."""
    code = (
        "import sys\nfrom qbank.cli import main\n"
        "for command in (['booklet'], ['all']):\n"
        f"    main([*command, '--bank', {str(FIXTURES / 'minimal.yaml')!r}, '--out', "
        f"{str(tmp_path)!r}], standalone_mode=False)\n"
        "    print('loaded:', *sorted(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = [line.split()[1:] for line in done.stdout.splitlines() if line.startswith("loaded:")]
    booklet, every = map(set, loaded)
    assert not {m for m in booklet if m.startswith(("qbank.debrief", "qbank.exporters.packet"))}
    assert not {m for m in booklet if m.startswith(("qbank.authoring", "markdown_it"))}
    assert "qbank.exporters.packet" in every and "qbank.exporters.lms" in every
    assert not {
        m
        for m in every
        if m.startswith("qbank.exporters.lms.") and m != "qbank.exporters.lms.words"
    }


def test_the_list_of_commands_loads_no_authoring_code():
    """`qbank --help` asks each command for its line of help: export's --format was added
    there, and loaded the spreadsheets' and imports' readers (h42g's review); a command's
    late options are added when the command itself is used."""
    code = (
        "import sys, contextlib, io\nfrom qbank.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'], standalone_mode=False)\n"
        "print('loaded:', *sorted(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("loaded:")]
    loaded = line.split()[1:]
    assert "qbank.cli" in loaded and "qbank.authoring" not in loaded


@pytest.mark.slow
def test_the_authoring_commands_load_no_pdf_word_or_anki_library(tmp_path):
    # `check` does load them: it runs every exporter's preflight (issue 11)
    loaded = modules_after(
        "from qbank.cli import main\n"
        f"main(['export', '-o', {str(tmp_path / 'bank.csv')!r}], standalone_mode=False)"
    )
    assert "qbank" in loaded and "yaml" in loaded
    assert not loaded & {"reportlab", "docx", "genanki", "lxml"}


def test_only_the_command_line_imports_click():
    importers = set()
    for path, nodes in qbank_imports().items():
        for node in nodes:
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(name.split(".")[0] == "click" for name in names):
                importers.add(path.name)
    # errors.py: qbank's errors are click exceptions, so the command line shows them
    assert importers == {"cli.py", "errors.py"}


@pytest.mark.parametrize("font", sorted(FONTS.glob("*.ttf")), ids=lambda p: p.name)
def test_font_widths_are_those_reportlab_reads(font):
    assert advances(font.read_bytes()) == TTFontFile(str(font)).charWidths


def test_units_and_paper_are_reportlabs_numbers():
    assert (qunits.inch, qunits.cm, qunits.mm) == (units.inch, units.cm, units.mm)
    assert {p.name: p.size for p in paper.PAPERS.values()} == {
        "a4": pagesizes.A4,
        "letter": pagesizes.LETTER,
    }


def test_one_line_and_shorten():
    assert one_line("Section\twith a tab\nand a break") == "Section with a tab and a break"
    assert shorten("short", 10) == "short"
    assert shorten("a long title here", 10) == "a long ti\u2026"
    assert shorten("a long title here", 10, at_word=True) == "a long\u2026"
    assert shorten("a, b; long", 6, at_word=True) == "a, b\u2026"
    assert shorten("unbreakable", 5, at_word=True) == "unbr\u2026"
    assert len(shorten("x" * 300, 255)) == 255
    # never a quote or bracket left open at the cut (a Spanish packet's plan): cut before
    # it, or, where the quote holds most of what fits, closed after the ellipsis
    assert shorten("Piensa en el «desafío» y dime", 18, at_word=True) == "Piensa en el\u2026"
    assert shorten("«Una cita larga de alguien» dice", 20) == "«Una cita larga de\u2026»"
    assert shorten("Name (the „long“ one) here", 20) == "Name (the „long“ o\u2026)"
    # a quote closed as its language closes it is no quote left open, nor an inch mark one
    # (a review: each got a stray mark after the ellipsis), and a closed quote's cut stays
    # at a word
    polish = "Opowiedz o „projekcie” który prowadziłeś w zeszłym roku, o zespole"
    assert shorten(polish, 40, at_word=True) == "Opowiedz o „projekcie” który\u2026"
    german = "Er sagte »Hallo« und ging dann ganz schnell weg nach Hause"
    assert shorten(german, 40, at_word=True) == "Er sagte »Hallo« und ging dann ganz\u2026"
    assert shorten("Sie sagte »ja, das ist gut so« und ging", 20) == "Sie sagte\u2026"
    inch = 'Ein 27" Monitor stehen auf dem Tisch neben dem Fenster'
    assert shorten(inch, 30, at_word=True) == 'Ein 27" Monitor stehen auf\u2026'
    assert shorten("«Una cita larga de alguien» dice", 19, at_word=True) == "«Una cita larga\u2026»"


def test_the_layout_in_the_developers_guide_names_every_module_and_only_those():
    guide = Path(qbank.__file__).parent.parent / "docs" / "development.md"
    layout = guide.read_text(encoding="utf-8").split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`(?:qbank/)?([\w/]+\.py)`", layout))
    package = Path(qbank.__file__).parent
    modules = {p.name for p in package.glob("*.py") if p.name != "__init__.py"}
    assert modules <= {Path(n).name for n in named}, "docs/development.md's Layout misses a module"
    existing = {p.relative_to(package).as_posix() for p in package.rglob("*.py")}
    missing = [
        n
        for n in named
        if n != "generate.py" and n not in existing and not any(e.endswith(n) for e in existing)
    ]
    assert missing == []


def test_every_subpackage_ships():
    root = Path(qbank.__file__).parent.parent
    declared = set(
        tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(root).parts)
        for p in (root / "qbank").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert found <= declared, "add the new package to [tool.setuptools] packages"
