"""Files qbank reads that are not a bank, made hostile: an import's category path, a study
page's look, qbank.toml, a zip given to import, earlier debrief CSVs. Each is read within
bounds of time and memory and ends in a result or `FILE[:LINE]: message` with exit 1,
never a traceback or "internal error"; each case is made small here, in a generator."""

from __future__ import annotations

import re
import time
import tracemalloc

import pytest
from helpers import FIXTURES, run_cli
from test_untrusted_packets import _empty_entries

from qbank.paths import BUILTIN_TEMPLATES


def test_a_category_path_of_many_names_imports_in_a_moment(tmp_path):
    # 60,000 names: 40 s when each name left out joined the rest again
    gift = tmp_path / "deep.gift"
    names = "/".join(f"n{i}" for i in range(60_000))
    gift.write_text(f"$CATEGORY: {names}\n\n::Q:: Why? {{####Because.}}\n", encoding="utf-8")
    started = time.monotonic()
    result = run_cli("import", gift, "-o", "-")
    assert time.monotonic() - started < 10
    assert result.exit_code == 0, result.output
    assert 'section: "General"' not in result.stdout
    assert "n59999" in result.stdout and "\u2026 / " in result.stdout


def test_a_long_run_of_blanks_in_an_imports_html_comes_in_in_a_moment(tmp_path):
    # 60,000 spaces before a line break of the HTML's source: 39 s when each blank of the
    # run was tried anew as the start of the blanks before a break
    source = tmp_path / "spaces.xml"
    text = "<p>a" + " " * 60_000 + "x\nb</p>"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n  <question type="essay">\n'
        "    <name><text>Q</text></name>\n"
        f'    <questiontext format="html"><text><![CDATA[{text}]]></text></questiontext>\n'
        "  </question>\n</quiz>\n",
        encoding="utf-8",
    )
    started = time.monotonic()
    result = run_cli("import", source, "-o", "-")
    assert time.monotonic() - started < 10
    assert result.exit_code == 0, result.output
    assert 'question: "a x b"' in result.stdout  # the run one space, as a page shows it


def test_a_study_page_look_that_refreshes_to_an_address_is_refused(tmp_path):
    # no policy stops a refresh: the page went to the address when opened (a hostile look)
    meta = '<meta charset="utf-8">'
    page = (BUILTIN_TEMPLATES / "html" / "page.html").read_text(encoding="utf-8")
    assert meta in page
    own = tmp_path / "look" / "html" / "page.html"
    own.parent.mkdir(parents=True)
    refresh = '<meta http-equiv="Refresh" content="0;url=https://evil.example/">'
    own.write_text(page.replace("</body>", f"{refresh}</body>"), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(
        "html", "--bank", FIXTURES / "minimal.yaml", "--out", out, "--templates", own.parent.parent
    )
    assert result.exit_code == 1, result.output
    assert result.output == (
        f'{own}: a <meta http-equiv="refresh"> sends the page to another address, which the '
        "page's policy cannot stop; remove it\n"
    )
    assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        ("x = " + "[" * 100_000 + "]" * 100_000, "nested too deeply; each setting is one text"),
        (
            "x = " + "{a = " * 20_000 + "1" + "}" * 20_000,
            "nested too deeply; each setting is one text",
        ),
        ("x = 1" + "0" * 5_000, "a number too long to read; each setting is one text"),
        # 300 MB of it read on for over a minute
        (f'x = "{"A" * 1_000_001}"', "larger than 1 MB; not qbank's settings"),
    ],
    ids=["arrays", "tables", "number", "large"],
)
def test_a_hostile_qbank_toml_is_said_in_words(tmp_path, monkeypatch, settings, said):
    (tmp_path / "minimal.yaml").write_bytes((FIXTURES / "minimal.yaml").read_bytes())
    (tmp_path / "qbank.toml").write_text(settings + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check")
    assert result.exit_code == 1
    assert result.output == f"qbank.toml: {said}\n"


def test_a_zip_of_a_million_names_is_told_from_a_quiz_within_bounds(tmp_path):
    # import looks for a QTI quiz's manifest in a .zip: zipfile read its list of entries
    # whole, 255 MB of names in 32 s and 950 MB; it is read within the packets' bound
    many = tmp_path / "many.zip"
    many.write_bytes(_empty_entries((4 << 20) // 47 + 1))  # 46 bytes and a name each
    tracemalloc.start()
    try:
        result = run_cli("import", many, "-o", "-")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1
    assert result.output.startswith(f"{many}: import reads a spreadsheet saved as CSV")
    assert peak < 2 * many.stat().st_size  # 5.5 times, in the objects zipfile makes


@pytest.mark.parametrize(
    ("inside", "said"),
    [
        (
            "<b>" * 300 + "</b>" * 300,
            "its elements nest more than 256 deep, which no Moodle export does: it was written "
            "by another program, or edited; export it from Moodle again",
        ),
        ("A" * 10_000_001, "a text, or a file's content (a picture of 7 MB or more), is longer"),
    ],
    ids=["deep", "long"],
)
def test_libxml2s_limits_in_moodle_xml_are_said_in_words(tmp_path, inside, said):
    # were libxml2's "Excessive depth in document: 256, use XML_PARSE_HUGE option" and
    # "Resource limit exceeded: Text node too long, try XML_PARSE_HUGE"
    quiz = tmp_path / "quiz.xml"
    quiz.write_text(
        '<?xml version="1.0"?>\n<quiz><question type="essay"><questiontext format="html">'
        f"<text>{inside}</text></questiontext></question></quiz>\n",
        encoding="utf-8",
    )
    result = run_cli("import", quiz, "-o", "-")
    assert result.exit_code == 1
    assert re.fullmatch(rf"{re.escape(str(quiz))}:2:\d+: {re.escape(said)}.*\n", result.output)
    assert "XML_PARSE_HUGE" not in result.output


def test_earlier_debriefs_are_counted_within_a_bound_of_rows(tmp_path, monkeypatch):
    # 49 MB of short rows, 4.4 million, ran out of 2 GB: an internal error after 48 s
    from qbank.debrief import usage

    monkeypatch.setattr(usage, "MAX_ROWS", 1_000, raising=False)
    monkeypatch.setattr(usage, "GONE_NAMED", 3, raising=False)
    folder = tmp_path / "earlier"
    folder.mkdir()
    rows = "".join(f"Ann,old-{i}\n" for i in range(600))
    (folder / "a-debrief.csv").write_text(f"candidate,question_id\n{rows}", encoding="utf-8")
    bank = FIXTURES / "minimal.yaml"
    result = run_cli("usage", folder, "--bank", bank)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "not in the bank any more: old-0, old-1, old-10 and 597 more"
    )
    (folder / "b-debrief.csv").write_text(f"candidate,question_id\n{rows}", encoding="utf-8")
    result = run_cli("usage", folder, "--bank", bank)
    assert result.exit_code == 1
    assert result.output == (
        f"{folder / 'b-debrief.csv'}:402: the debrief CSVs in its folder hold more than 1,000 "
        "rows together, far more than years of interviews (5 interviewers asking 50 questions "
        "of 2,000 candidates); move the oldest ones, or a CSV that is no debrief, out of the "
        "folder\n"
    )


@pytest.mark.parametrize(
    ("rows", "line", "said"),
    [
        ("Why?,Because.\n" * 6, 7, "more than the 5 questions an import makes; split the sheet"),
        (",\n" * 30 + "Why?,Because.\n", 21, "more than 20 rows, most of them blank; delete the"),
    ],
    ids=["questions", "blank"],
)
def test_a_sheet_is_read_within_a_bound_of_rows(tmp_path, monkeypatch, rows, line, said):
    # 1 million rows of 'a,b' took 103 s and 1.1 GB to be refused as a bank past 20 MB;
    # 4.5 million ran out of 2 GB; 9 million blank ones ran past a minute
    from qbank.bank import spreadsheet

    monkeypatch.setattr(spreadsheet, "MAX_QUESTIONS", 5, raising=False)
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 20, raising=False)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("question,hint\n" + rows, encoding="utf-8")
    result = run_cli("import", sheet, "-o", "-")
    assert result.exit_code == 1
    assert result.output.startswith(f"{sheet}:{line}: {said}"), result.output


def test_a_long_code_line_of_many_short_tokens_is_set_for_screens_in_linear_time():
    """A review: one code line of 10,000 characters of '-x(' (a hint's limit), thousands
    of tokens, kept runs and breaks, took 13.5 s in the study page's and the deck's code
    (each token was looked up in every run); the same line of calls 0.37 s. The line comes
    back whole, its breaks outside its kept runs."""
    import html

    from qbank.rich import CodeBlock
    from qbank.rich_html import code

    for text in ("-x(" * 3333, "a.b.c(d, e) " * 833):
        started = time.process_time()
        shown = code(CodeBlock("python", text))
        assert time.process_time() - started < 2  # seconds: 13.5 before
        plain = re.sub(r"<[^>]*>", "", re.sub(r"<figcaption[^>]*>.*?</figcaption>", "", shown))
        assert html.unescape(plain).replace("\n", "") == text


def test_a_long_code_line_is_cut_for_print_in_linear_time():
    """The PDFs' cuts of a long code line (a hint's limit: 10,000 characters of '-x(', of
    'a,', a 3,000-character name, and commas before a name no line holds), in a code block
    (highlight.wrap) and a code span (text.separator_cuts, text.forced_cuts), each place
    to cut found once: forced_cuts looked at every separator of the word for each cut
    (0.067 s a line before; a build's full cost is in bench/RESULTS.md). Every character
    comes back, in order."""
    from qbank.highlight import wrap
    from qbank.text import forced_cuts, separator_cuts

    for text in ("-x(" * 3333, "a," * 5000, "n" * 3000, "a," * 4900 + "n" * 150):
        widths = [1.0] * len(text)
        started = time.process_time()
        pieces = wrap([("", text)], 25, len)
        cut = separator_cuts(text, widths, 25, code=True)
        forced = forced_cuts(text, widths, 25, code=True)
        assert time.process_time() - started < 2  # seconds: some 0.03 here
        assert "".join(t for piece in pieces for _, t in piece) == text
        assert all(len("".join(t for _, t in piece)) <= 25 for piece in pieces)
        for cuts in (cut, forced):
            assert cuts is None or cuts == sorted(cuts), text[:9]


def test_a_rebuild_that_takes_out_thousands_of_questions_says_so_on_a_short_line():
    """A review: 5,000 questions taken out were said on one line of 99,204 characters, its
    Browse search naming every id, sorted as text ('q-1', 'q-10', 'q-100'). Past 50 ids the
    advice is the deck's; the ids named are the earlier deck's first, in its order."""
    from types import SimpleNamespace

    from qbank.exporters.anki.changes import learners_to_tell
    from qbank.exporters.anki.dates import Dates, Place

    places = {f"g{i}": Place("7", f"q-{i}", ("Bank::01 Basics",)) for i in range(5000)}
    package = SimpleNamespace(decks=[SimpleNamespace(name="Bank::01 Basics", notes=[])])
    (said,) = learners_to_tell("deck.apkg", Dates(places=places), package, 7)
    assert len(said) < 600
    assert "5000 questions of the deck" in said  # (text.counted, as qbank counts)
    assert "('q-0', 'q-1', 'q-2', 'q-3', 'q-4' and 4,995 more)" in said
    assert "delete the deck in Anki and import this one" in said
    few = dict(list(places.items())[:3])
    (said,) = learners_to_tell("deck.apkg", Dates(places=few), package, 7)
    assert said.endswith("(search Id:q-0 or Id:q-1 or Id:q-2)")


def test_a_rebuild_of_a_large_deck_with_every_question_moved_is_said_in_a_moment():
    """A review: a deck of 5,000 questions, each in a sub-deck of its own, rebuilt with
    every question in another sub-deck took 10 s to say what learners must rename (each
    move searched the whole earlier deck; 20,000 took 207 s). Each sub-deck renamed is
    still said, with its question."""
    from types import SimpleNamespace

    from qbank.exporters.anki.changes import learners_to_tell
    from qbank.exporters.anki.dates import Dates, Place

    count, model = 5000, SimpleNamespace(model_id=7)
    places = {f"g{i}": Place("7", f"q-{i}", (f"Bank::{i:04d} old",)) for i in range(count)}
    package = SimpleNamespace(
        decks=[
            SimpleNamespace(
                name=f"Bank::{i:04d} new", notes=[SimpleNamespace(guid=f"g{i}", model=model)]
            )
            for i in range(count)
        ]
    )
    started = time.process_time()
    said = learners_to_tell("deck.apkg", Dates(places=places), package, 7)
    assert time.process_time() - started < 2  # seconds: 10 before
    assert len(said) == count
    assert said[0].startswith(
        "deck.apkg: warning: the sub-deck '0000 old' is '0000 new' now (1 question: 'q-0')"
    )
