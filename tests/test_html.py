"""The study page as a file: its data, its escaping, its policy and its size.

What the page does in a browser is tests/test_html_browser.py."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from helpers import FIXTURES, own_look
from readback import html_data

from qbank.exporters.html.data import script_json, text_data
from qbank.exporters.html.page import render_page
from qbank.paths import BUILTIN_TEMPLATES, Templates
from qbank.text import plain

HOSTILE = "</script><!-- <script>alert(1)</script> & \u2028 \u2029 {{c1::x}} عربي 🔒"


def test_script_json_cannot_close_its_element():
    encoded = script_json({"text": HOSTILE})
    for unsafe in ("<", ">", "&", "\u2028", "\u2029"):
        assert unsafe not in encoded
    assert json.loads(encoded) == {"text": HOSTILE}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no code", "no code"),
        ("run `rm -rf /` now", ["run ", "rm -rf /", " now"]),
        ("`a` and `b`", ["", "a", " and ", "b"]),
        ("unpaired ` stays", "unpaired ` stays"),
    ],
)
def test_code_spans_are_split_once_for_the_page(text, expected):
    assert text_data(text) == expected


def test_the_page_keeps_a_number_with_the_signs_the_pdfs_keep_it_with():
    """The page's script keeps '50 %', '5 km', 'CHF 50' and '3 000' on one line as qbank.text does
    for the PDFs: one list of signs, units and codes, read twice (one added to one only
    would break on one of them)."""
    from qbank.text import (
        CURRENCY_CODES,
        CURRENCY_SIGNS,
        DECIMAL_GROUP_SPACE,
        DIGIT_GROUP_SPACE,
        NUMBER_SIGNS,
        SUPERSCRIPT_DIGITS,
        UNIT_SYMBOLS,
    )

    script = (BUILTIN_TEMPLATES / "html" / "app.js").read_text(encoding="utf-8")
    word = "[\\p{L}\\p{N}_]"  # what Python's \\w is
    # DIGIT_GROUP_SPACE, its lookbehind of one to three digits written once, as JavaScript
    # allows and Python's re does not
    groups = "(?<=(?<!\\w)\\d{1,3}) (?=\\d{3}(?!\\d))"
    assert DIGIT_GROUP_SPACE == (
        "(?:(?<=(?<!\\w)\\d)|(?<=(?<!\\w)\\d\\d)|(?<=(?<!\\w)\\d\\d\\d)) (?=\\d{3}(?!\\d))"
    )
    groups = groups.replace("\\w", word).replace("\\d", "\\p{Nd}")
    # DECIMAL_GROUP_SPACE, its lookbehind of one to three groups written once likewise
    decimals = "(?<=\\d[.,]\\d{3}(?: \\d{3}){0,2}) (?=\\d\\d?(?!\\d))"
    assert DECIMAL_GROUP_SPACE == (
        "(?:(?<=\\d[.,]\\d{3})|(?<=\\d[.,]\\d{3} \\d{3})|(?<=\\d[.,]\\d{3} \\d{3} \\d{3}))"
        " (?=\\d\\d?(?!\\d))"
    )
    decimals = decimals.replace("\\d", "\\p{Nd}")
    assert (
        f"const NUMBER = /{groups}|{decimals}"
        f"|(?<=[\\p{{Nd}}{SUPERSCRIPT_DIGITS}]) +(?=[{NUMBER_SIGNS}]"
        f"|(?:{UNIT_SYMBOLS}|{CURRENCY_CODES})(?!{word}))"
        f"|(?<=(?<!\\p{{Nd}} )[{CURRENCY_SIGNS}]) +(?=\\p{{Nd}})"
        f"|(?<=(?<!\\p{{Nd}} )(?<!{word})(?:{CURRENCY_CODES})) +(?=\\p{{Nd}})/gu;"
    ) in script


def test_the_page_breaks_a_formula_by_the_expression_the_pdfs_break_it_by():
    """The page's script keeps a formula's blank before a relation or an operation, and
    after a leading sign, by qbank.text's FORMULA_PATTERN as it is (written so that
    JavaScript reads it as Python does: no \\w, no \\d), its relations and operations put
    in for its § as FORMULA_SPACE has them."""
    from qbank.text import FORMULA_OPERATIONS, FORMULA_PATTERN, FORMULA_RELATIONS

    script = (BUILTIN_TEMPLATES / "html" / "app.js").read_text(encoding="utf-8")
    assert "\\w" not in FORMULA_PATTERN and "\\d" not in FORMULA_PATTERN
    signs = FORMULA_RELATIONS + FORMULA_OPERATIONS
    assert (
        f'const FORMULA = new RegExp(String.raw`{FORMULA_PATTERN}`.replaceAll("§", "{signs}"),'
        ' "gu");'
    ) in script


def test_the_page_keeps_a_range_of_numbers_by_the_expression_the_deck_does():
    """The page's script keeps '5–10' whole by qbank.text's NUMBER_RANGE_PATTERN as it is."""
    from qbank.text import NUMBER_RANGE_PATTERN

    script = (BUILTIN_TEMPLATES / "html" / "app.js").read_text(encoding="utf-8")
    assert "\\d" not in NUMBER_RANGE_PATTERN
    assert f"const RANGE = /{NUMBER_RANGE_PATTERN}/u;" in script


def test_the_page_keeps_an_option_in_code_whole_as_the_deck_does():
    """The page's script keeps an option's start and a hyphen inside a word in code on one
    row by the expression that qbank.text gives the deck (read twice, a change to one only
    would break on the other)."""
    from qbank.text import CODE_BREAK, KEPT_IN_CODE

    script = (BUILTIN_TEMPLATES / "html" / "app.js").read_text(encoding="utf-8")
    # Python's \w is [\p{L}\p{N}_]
    pattern = KEPT_IN_CODE.pattern.replace("[\\w-]", "[\\p{L}\\p{N}_-]")
    pattern = pattern.replace("\\w", "[\\p{L}\\p{N}_]")
    assert f"const CODE_KEPT = /({pattern})/gu;" in script
    # and breaks a code line where the deck does (a <wbr>), by the same expression
    pattern = CODE_BREAK.pattern.replace("[^\\W\\d]", "[\\p{L}_]")
    pattern = pattern.replace("\\w", "[\\p{L}\\p{N}_]")
    assert f"const CODE_BREAK = /{pattern}/gu;" in script


def test_page_of_the_bundled_bank(built, default_bank):
    page = built("html")  # the browser tests open this build too
    path = page / f"{default_bank.name}.html"
    assert page.output.splitlines() == [str(path)]
    # The bundled bank's page was 149,936 bytes before the sourced notes of 2026-12-04 (#24, #37,
    # #44) added about 4 KB and Markdown about 2 KB (its code as highlighted tokens): 158 KB,
    # about 110 KB of it the bank's text; since then the page's own features about 7 KB (each
    # text's blocks in their own direction: 0.3 KB; tab stops, print colours for code, the
    # headings' direction, search and the practice fixes of the eighth session: 1.5 KB, comments
    # included; the tenth session's accessibility fixes: 2.6 KB). The questions' sources, shown
    # since the eleventh session as in the other artifacts, are 14 KB of the bank's own text
    # (171.0 to 184.9 KB). The page's own words, translatable since the thirteenth session
    # (html/words.toml), travel in its data for the script: 4.7 KB (190.3 KB); the same
    # session's fixes for phones, imports and longer words 1.7 KB (192.0 KB); the fourteenth
    # session's accessibility fixes (a notice of storage, what import and export did, links
    # to the address's question, answers opened in view, a button that clears the filters,
    # the facts under a question labelled for a screen reader) 4.1 KB, comments included
    # (196.1 KB); the fifteenth's code lines that break at their blanks, French marks kept
    # on their word's line, ids searched and a match's own words 2.7 KB (198.9 KB). Then the
    # style lost 0.4 KB said twice, and came without its comments (2.5 KB): 197.3 KB. A
    # number kept on one line with its % sign, in any language, 0.3 KB (200.7 KB). A code
    # span's further rows marked with ↪, as in the PDFs, 1.3 KB (202.0 KB). A paragraph with a
    # right-to-left letter in a right-to-left language set right to left, as in the PDFs,
    # 1.3 KB, comments included (203.5 KB). The twenty-second session's keyboard and link
    # fixes of a learner's trial and kana read alike in search, 0.6 KB (204.1 KB); a code
    # span's option kept on one row, 0.4 KB, made room for by shorter comments in the script;
    # a code block's too, across its tokens, 0.6 KB (204.7 KB). A unit's symbol and a
    # currency's code kept with their number, 0.7 KB (205.9 KB). The style without its lines'
    # indentation, 0.3 KB (205.7 KB). Long words hyphenated where a phone can, 0.1 KB (205.8
    # KB). A hyphenated word in code kept on its row, 0.1 KB (206.0 KB). A number's groups of
    # digits kept on one line ('3 000 €'), 0.1 KB (206.1 KB). A kept run of code wider than
    # its row broken, and printed pictures and section descriptions kept with their
    # questions (a phone trial), 1.3 KB (207.4 KB). A web address kept whole on a row that
    # holds it, 0.9 KB (208.3 KB). A number's exponent in raised digits ('10⁸ m/s') and the
    # mole's, the farad's and the electronvolt's symbols kept with it, 0.1 KB (208.4 KB). A
    # formula broken only after its relations and operations, as TeX breaks one, its signs
    # written once in the script, 1.3 KB (209.8 KB). A function's name kept with its
    # argument ('sin θ'), 0.1 KB (209.9 KB). A section's tally under a name it leaves no room
    # for (a learner's trial), 36 bytes (209,987). A code line broken after a call's '(' or
    # ',' and a name's '.', made room for by shorter comments in the script (209,990). Then
    # a screen reader's trial, the budget raised from 210,000 by the least its three fixes
    # took, each a few lines of the script and their comment: a code block's language heard
    # once, Space on a question moving focus to its Show answer button, a question rated out
    # of the Rating filter counted apart, 0.7 KB (210,722). The learner's place kept over a
    # reload and Back (history.state) and Esc that clears the filters from anywhere, focus
    # kept on the question, 4.7 KB (215,456). A link to a question the filters hide taken
    # from the address (a review), 0.5 KB (215,992). A practice run and the focus kept over a
    # reload and Back, made room for by shorter comments in the script (215,992). No break
    # after the '[' of a short index ('choices[0]'), 45 bytes (216,037). A Markdown bank's
    # tables (GitHub's) drawn as tables, in a box that scrolls sideways, named and reached by
    # the keyboard, aligned as written, searched: the script 1.1 KB, the style 0.3 KB, the
    # box's name among the page's words 16 bytes (217,452); printed, each column as wide as
    # its longest word (an eight-column table broke 'Signatu/res' on paper), 0.4 KB
    # (217,874). A practice clock stopped while the tab is hidden, 174 bytes (218,048). The
    # practice setup's choices kept over a reload and a dropped tab, 872 bytes (218,920). A
    # table's box shaded at each edge past which it goes on, as on the deck's cards, 0.3 KB,
    # made room for by shorter comments in the script (218,919). Each cell's, item's and
    # line's text read apart for its kept spaces ('5 min' at a table cell's end, an SRE
    # manager's trial), 366 bytes (219,285). A ward's units kept with their number ('88/50
    # mmHg'), 57 bytes (219,342), and a comparison that leads a number ('(≥ 0.5 mL/kg/h)'),
    # 126 bytes (219,468), and a range of numbers kept whole ('5–10 mg'), 193 bytes
    # (219,661): a nursing educator's trial. The budget stands some 80 bytes above the page:
    # whatever grows it more is weighed here.
    assert path.stat().st_size < 219_741
    data = html_data(path)
    assert data["bank"] == default_bank.name
    assert [q["label"] for q in data["questions"]] == [q.label for q in default_bank.questions]
    assert [q["id"] for q in data["questions"]] == [q.id for q in default_bank.questions]
    first = data["questions"][0]
    assert "".join(first["hint"]) == plain(default_bank.questions[0].hint)


def test_a_words_file_from_before_the_later_words_builds_the_page(cli, tmp_path, fixture_path):
    """A look's html/words.toml copied before the words added later (the code box's name,
    the clear button, ...) was refused for lacking them, where the built-in words were to
    stand in (words.LATER_WORDS)."""
    from qbank.exporters.html.words import LATER_WORDS

    text = (BUILTIN_TEMPLATES / "html" / "words.toml").read_text(encoding="utf-8")
    text = re.sub(rf"(?m)^(?:{'|'.join(LATER_WORDS)}) = .*\n", "", text)
    assert not any(re.search(rf"(?m)^{key} = ", text) for key in LATER_WORDS)
    look = tmp_path / "look" / "html"
    look.mkdir(parents=True)
    (look / "words.toml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = cli(
        "html", "--bank", fixture_path("minimal.yaml"), "--out", out, "--templates", look.parent
    )
    assert result.exit_code == 0, result.output
    words = html_data(out / "minimal.html")["words"]
    assert all(words[key] == said for key, said in LATER_WORDS.items())


def test_the_page_carries_its_style_without_its_comments(cli, tmp_path, fixture_path):
    """style.css's comments say why to whoever edits it: 2.7 KB of the page's size budget
    that no learner used. A look's own style loses its comments too, and nothing else: a
    string's or an unquoted url()'s '/*' is no comment."""
    built = cli("html", "--bank", fixture_path("minimal.yaml"), "--out", tmp_path / "page")
    assert built.exit_code == 0, built.output
    (page,) = (tmp_path / "page").iterdir()
    style = re.search(r"<style>(.*?)</style>", page.read_text(encoding="utf-8"), re.S).group(1)
    assert "/*" not in style and "*/" not in style
    assert "\n\n" not in style and " \n" not in style  # nor the lines they stood on
    assert "\n " not in style  # nor the lines' indentation (0.3 KB)
    source = (BUILTIN_TEMPLATES / "html" / "style.css").read_text(encoding="utf-8")
    assert len(source) - len(style) > 2500
    assert "\n.table-wrap { overflow-x: auto; }\n" in style

    look = tmp_path / "look" / "html"
    look.mkdir(parents=True)
    (look / "style.css").write_text(
        "/* the look's own */\np::before { content: '/* a */'; } /* why */\n"
        'q::after { content: "*/ b"; background: url(data:image/gif;base64,R0/*lGOD) }\n',
        encoding="utf-8",
    )
    look_page = tmp_path / "look-page"
    built = cli(
        "html",
        "--bank",
        fixture_path("minimal.yaml"),
        "--out",
        look_page,
        "--templates",
        tmp_path / "look",
    )
    assert built.exit_code == 0, built.output
    (page,) = look_page.iterdir()
    style = re.search(r"<style>(.*?)</style>", page.read_text(encoding="utf-8"), re.S).group(1)
    assert style == (
        "\np::before { content: '/* a */'; }\n"
        'q::after { content: "*/ b"; background: url(data:image/gif;base64,R0/*lGOD) }\n'
    )


@pytest.mark.parametrize(
    "hidden",
    [
        "<//**/style><meta http-equiv='refresh' content='0;url=https://evil.example'>",
        "<!/**/-- a --><meta http-equiv='refresh' content='0;url=https://evil.example'>",
    ],
)
def test_a_closer_a_comment_hides_never_ends_the_style(cli, tmp_path, fixture_path, hidden):
    """'</' + '/**/style>' became '</style>' once the comment came out, and a meta refresh
    took the learner to another site (a hostile trial). A comment between two characters
    that could join stays, empty, so no closer is ever made; the page's one style element
    holds the rest as text (and the closers are looked for after, all the same)."""
    look = tmp_path / "look" / "html"
    look.mkdir(parents=True)
    (look / "style.css").write_text(f"p {{ color: red; }}\n{hidden}\n", encoding="utf-8")
    out = tmp_path / "out"
    for command in ("html", "check"):
        result = cli(
            command, "--bank", fixture_path("minimal.yaml"), "--out", out,
            "--templates", tmp_path / "look",
        )  # fmt: skip
        assert result.exit_code == 0, (command, result.output)
    tags: list[str] = []

    class Tags(HTMLParser):  # as a browser reads the page: the style's text is no tag
        def handle_starttag(self, tag, attrs):
            tags.append(tag)

    page = (out / "minimal.html").read_text(encoding="utf-8")
    Tags().feed(page)
    assert tags.count("style") == 1 and tags.count("meta") == page.count("<meta") - 1
    assert "http-equiv='refresh'" in page  # in the style's text, inert


def test_a_processs_builds_check_each_page_template_once_a_changed_one_again(tmp_path, monkeypatch):
    """Every page built took the built-in style's comments out and checked its templates
    again (4.5 ms a build); a look's file changed between two builds is read as it is now."""
    from qbank.exporters.html import page

    style = page.page_template("style.css", Templates())
    taken_out = []
    real = page.without_comments
    monkeypatch.setattr(page, "without_comments", lambda s: taken_out.append(s) or real(s))
    assert page.page_template("style.css", Templates()) == style
    assert taken_out == []
    look = own_look(tmp_path, {"html/style.css": ("{", "{ /* one */")})
    for comment in ("two", "three"):
        assert page.page_template("style.css", Templates.of(look)) == style
        own = look / "html" / "style.css"
        own.write_text(own.read_text(encoding="utf-8").replace("{ /*", f"{{ /* {comment}", 1))
    assert len(taken_out) == 2


def test_a_processs_builds_measure_a_style_sheets_colours_once_a_changed_one_again(
    tmp_path, monkeypatch
):
    """Every build and check scanned the style sheet again for its colours' contrast (0.7 ms
    a sheet); a look's sheet changed between two builds is measured as it is now."""
    from qbank import stylesheet
    from qbank.exporters.html.scheme import contrast_warnings

    assert contrast_warnings(Templates()) == []
    scanned = []
    real = stylesheet._schemes
    monkeypatch.setattr(stylesheet, "_schemes", lambda *a: scanned.append(a) or real(*a))
    assert contrast_warnings(Templates()) == []
    assert scanned == []
    look = own_look(tmp_path, {"html/style.css": ("--accent: #0b5cad;", "--accent: #0b5cad;")})
    assert contrast_warnings(Templates.of(look)) == []
    sheet = look / "html" / "style.css"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("#0b5cad", "#ffee88", 1))
    said = contrast_warnings(Templates.of(look))
    assert said and all(line.startswith(f"{sheet}:11: warning: ") for line in said), said
    assert len(scanned) == 2


def test_comments_come_out_in_one_pass_and_keep_tokens_apart():
    """300,000 unclosed '/*' (900 KB, under a template's limit) kept a build and `check`
    busy for minutes, as a regular expression tried each (a hostile trial); a comment
    between two values kept them apart ('0/**/auto' is two, '0auto' one); an upper-case
    URL( and an escaped '/' open no comment."""
    import time

    from qbank.exporters.html.page import without_comments

    for hostile in ('"/*a' * 300_000, "url(x" * 200_000, "/*a" * 300_000, "a " * 500_000):
        started = time.process_time()
        without_comments(hostile)
        assert time.process_time() - started < 5, hostile[:10]  # seconds: minutes before
    assert without_comments("p { margin: 0/* two */auto; }") == "p { margin: 0/**/auto; }"
    assert without_comments("a.b/* one */.c{}") == "a.b/**/.c{}"  # no blank: not a descendant
    assert without_comments("a {/* x */b: c;/* y */}") == "a {b: c;}"
    assert without_comments("a { b: c; }/* x */\nd {}") == "a { b: c; }\nd {}"
    assert without_comments("i { background: URL(a/*b) }") == "i { background: URL(a/*b) }"
    assert without_comments("i::after { content: \\/*; }") == "i::after { content: \\/*; }"
    assert without_comments("p {}\n/* open to the end") == "p {}\n"
    assert without_comments(".a\\ \n{}") == ".a\\ \n{}"  # an escaped blank stays
    carried = 'i::after { content: "a\\\r\n/* in the string */" }'
    assert without_comments(carried) == carried  # the string carries on over CRLF
    # each line's indentation goes, but in a string carried on over its line's end
    assert without_comments("a {\n  b: c;\n\t}") == "a {\nb: c;\n}"
    carried = 'i::after { content: "a\\\n  b" }'
    assert without_comments(carried) == carried


COLUMNS = {  # a code block's lines, and whether the page keeps them in their columns
    "pods": (
        [
            "NAME            READY   STATUS             RESTARTS",
            "payments-api    1/1     Running            0",
            "ledger-worker   0/1     CrashLoopBackOff   42",
        ],
        True,
    ),
    "right-aligned": (["  PID TTY      CMD", " 1234 pts/0    bash", "   56 pts/0    ps"], True),
    "tabs": (["id\tname", "1\tAda", "22\tGrace"], True),
    "keys lined up": (["name:    web", "port:    80", "image:   nginx:1.27"], True),
    "comments lined up": (["x = 1  # one", "y = 2  # two", "z = x + y"], True),
    "code": (["def f(x):", "    if x:  # a comment", "        return x", "    return 0"], False),
    "two comments of five": (["a = 1  # one", "b = 2  # two", "c = a", "d = b", "e = c"], False),
    # a hostile trial: a box of 52,000 px to scroll, where the ↪ breaks were promised
    "a line wider than any table": (["a  b", "c  d", "x" * 6000], False),
    "indented": (["a:", "  b:  1", "  c: 2", "  d: 3", "  e: 4"], False),
    "one line": (["a     b     c"], False),
}


def test_a_code_block_set_in_columns_is_marked_for_the_page(cli, tmp_path):
    """A table in a code block (kubectl's pods) wrapped on a phone at its blanks, its
    columns scattered (a review): such a block is told to the page, which keeps its rows
    whole; code whose lines only begin alike, or two comments of five lined up, is not."""
    bank = tmp_path / "columns.yaml"
    fences = [["```", *lines, "```", ""] for lines, _ in COLUMNS.values()]
    hint = "".join(f"      {line}\n" for fence in fences for line in fence)
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: What do they show?\n    hint: |\n{hint}",
        encoding="utf-8",
    )
    built = cli("html", "--bank", bank, "--out", tmp_path / "page")
    assert built.exit_code == 0, built.output
    blocks = html_data(tmp_path / "page" / "columns.html")["questions"][0]["hint"]["blocks"]
    marked = {name: block.get("cols", False) for name, block in zip(COLUMNS, blocks, strict=True)}
    assert marked == {name: kept for name, (_, kept) in COLUMNS.items()}


def test_markdown_costs_the_page_only_its_highlighted_code(default_bank):
    """The bundled bank is Markdown: its texts are sent once (a text of words and inline
    code exactly as a plain bank's), so the page outgrows the same bank read as plain text
    by little more than the code of its fenced blocks, which arrives as tokens."""
    assert default_bank.markup == "markdown"
    as_plain = replace(default_bank, markup="plain")
    code = sum(
        len(block.text.encode())
        for tree in default_bank.rich.values()
        for block in tree.code_blocks()
    )
    assert code > 1000  # the bank's artefacts
    grown = len(render_page(default_bank).encode()) - len(render_page(as_plain).encode())
    assert grown < 1.5 * code


def test_policy_names_the_inline_script_and_style_by_hash(default_bank):
    page = render_page(default_bank)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    policy = policy.replace("&#x27;", "'")
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and "http" not in policy

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) == 1 and len(styles) == 1
    assert f"script-src 'sha256-{digest(scripts[0])}'" in policy
    assert f"style-src 'sha256-{digest(styles[0])}'" in policy
    # one executable script, one data block, and nothing else can end them
    assert page.count("<script") == 2 and page.count("</script") == 2


@pytest.mark.parametrize("before", [0, 4090, 4096])
def test_the_policy_is_read_up_to_where_it_is_known(monkeypatch, before):
    """The page's policy is read from its <head>, not from its whole text, wherever it
    falls in the pieces the reader takes; a style before it still governs."""
    from qbank.exporters.html import page as page_module

    fed: list[str] = []
    feed = page_module._Policy.feed
    monkeypatch.setattr(
        page_module._Policy, "feed", lambda self, text: fed.append(text) or feed(self, text)
    )
    head = "<!doctype html><html><head>" + " " * before
    meta = '<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;">'
    rest = "<style>p{}</style></head><body>" + "<p>data</p>" * 10_000
    assert page_module._policy_in_force(head + meta + rest) == "default-src 'none'"
    assert sum(map(len, fed)) < len(rest)
    assert page_module._policy_in_force(head + rest + meta) is None


def test_hostile_text_cannot_leave_the_data(built):
    page = (built("html", "--bank", FIXTURES / "html-rtl.yaml") / "html-rtl.html").read_text(
        encoding="utf-8"
    )
    assert page.count("<script") == 2 and page.count("</script") == 2
    assert "<!-- not" not in page
    # the title is the one bank text outside the data, escaped
    assert "<title>اتجاهات — כיוונים and &lt;b&gt;mixed&lt;/b&gt; 🧭</title>" in page


def test_a_bank_file_name_that_is_not_utf8(tmp_path, cli, fixture_path):
    """Linux file names may hold any byte: the page is named after the file and keys its
    ratings like the Anki deck does, with the odd byte as an escape."""
    bank = tmp_path / os.fsdecode(b"caf\xe9.yaml")
    shutil.copy(fixture_path("minimal.yaml"), bank)
    result = cli("html", "--bank", bank, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    (page,) = (tmp_path / "out").iterdir()
    assert os.fsencode(page.name) == b"caf\xe9.html"
    assert html_data(page)["bank"] == "caf\\xe9"


@pytest.mark.parametrize(
    "style, said",
    [
        (
            "p { color: red }\n/* </style> in a comment is taken out */\n</style><script>x()",
            ":3: '</style' would end the page's <style> element early",
        ),
        # a typo of five digits: the page's text took the browser's black (a brand trial)
        (":root {\n  --fg: #0B3D2;\n}", ":2: --fg: '#0B3D2' is not a colour; write '#' and 6"),
    ],
)
def test_check_finds_a_broken_page_template(cli, tmp_path, style, said):
    """`check` runs the page's preflight: a style that would end its element, or a colour
    that is none, is named."""
    look = tmp_path / "look" / "html"
    look.mkdir(parents=True)
    (look / "style.css").write_text(style)
    result = cli("check", "--templates", tmp_path / "look")
    assert result.exit_code == 1
    assert f"{look / 'style.css'}{said}" in result.output


def test_a_closer_after_many_in_comments_is_told_at_its_line_at_once(cli, tmp_path, monkeypatch):
    """A style's '</style' after 16,000 others in comments (190 KB, under a template's
    limit) took 6 minutes to be told, its comments taken out of the text up to each one
    (h42c's review): the comments are taken out of a few prefixes, found by halving (a
    count, not a time: 16,000 before), and it is told at its line."""
    from qbank.exporters.html import page

    taken: list[int] = []

    def counted(style: str) -> str:
        taken.append(len(style))
        return without(style)

    without = page.without_comments
    monkeypatch.setattr(page, "without_comments", counted)
    look = tmp_path / "look" / "html"
    look.mkdir(parents=True)
    (look / "style.css").write_text("/* </style> */\n" * 16_000 + "p {}\n</style>\n")
    result = cli("check", "--templates", tmp_path / "look")
    assert len(taken) < 40, len(taken)  # log2(16,002 lines) and a few
    assert result.exit_code == 1
    said = ":16002: '</style' would end the page's <style> element early"
    assert f"{look / 'style.css'}{said}" in result.output, result.output


def test_check_names_each_fault_of_the_pages_words(cli, tmp_path):
    """html/words.toml is read like every words file of the look: a placeholder the page
    does not fill, a language that is no language tag and a missing word are each named,
    all at once; a page.html naming a word the file does not have is named too."""
    look = tmp_path / "look" / "html"
    look.mkdir(parents=True)
    words = (BUILTIN_TEMPLATES / "html" / "words.toml").read_text(encoding="utf-8")
    words = words.replace('step = "Question {n} of {total}"', 'step = "Frage {n} von {all}"')
    words = words.replace('language = "en"', 'language = "German"')
    words = words.replace('hint = "Hint"\n', "")
    (look / "words.toml").write_text(words, encoding="utf-8")
    result = cli("check", "--templates", tmp_path / "look")
    assert result.exit_code == 1
    where = str(look / "words.toml")
    lines = words.split("\n")
    step = 1 + next(i for i, line in enumerate(lines) if line.startswith("step = "))
    language = 1 + next(i for i, line in enumerate(lines) if line.startswith("language = "))
    assert f"{where}:{step}: step: unknown placeholder {{all}} (this text may use {{n}}, " in (
        result.output
    )
    assert f"{where}:{language}: language: 'German' should be a language tag" in result.output
    assert f"{where}: hint: missing" in result.output  # at the file's top: no line of its own
    (look / "words.toml").unlink()
    skeleton = (BUILTIN_TEMPLATES / "html" / "page.html").read_text(encoding="utf-8")
    keyboard = skeleton[: skeleton.index("@@keyboard@@")].count("\n") + 1
    for written, said in (
        # at its line, with the word meant (a designer's trial)
        (
            "@@keybaord@@",
            f":{keyboard}: unknown word @@keybaord@@ (html/words.toml has no key 'keybaord'; "
            "did you mean 'keyboard'?)",
        ),
        ("@@language@@", "@@language@@: `language` in html/words.toml is the page's language tag"),
        # a word the script fills in was an internal error (KeyError: 'n'), a review's
        ("@@show_n_more@@", "the word @@show_n_more@@ takes {n}, {rest}, which only the page's"),
    ):
        (look / "page.html").write_text(skeleton.replace("@@keyboard@@", written))
        result = cli("check", "--templates", tmp_path / "look")
        assert result.exit_code == 1
        shown = f"page.html{said}" if said.startswith(":") else f"page.html: {said}"
        assert shown in result.output, result.output
        assert "internal error" not in result.output


def test_the_pages_words_are_escaped_and_take_their_language(tmp_path, default_bank):
    """A word of html/words.toml shows as written, markup and braces included, and the page's
    language is the words' own."""
    look = tmp_path / "look" / "html"
    look.mkdir(parents=True)
    words = (BUILTIN_TEMPLATES / "html" / "words.toml").read_text(encoding="utf-8")
    words = words.replace('search = "Search"', 'search = "<b>Suche</b> & {{Feld}}"')
    words = words.replace('language = "en"', 'language = "de"')
    (look / "words.toml").write_text(words, encoding="utf-8")
    page = render_page(default_bank, Templates(tmp_path / "look"))
    assert page.startswith('<!DOCTYPE html>\n<html lang="de" dir="ltr">')
    assert '<label for="search">&lt;b&gt;Suche&lt;/b&gt; &amp; {Feld}</label>' in page
    assert "@@" not in page


@pytest.mark.parametrize(
    ("language", "direction"),
    [("ar", "rtl"), ("he", "rtl"), ("fa-IR", "rtl"), ("ckb", "rtl"), ("az-Arab", "rtl"),
     ("pa-Arab", "rtl"), ("ku", "ltr"), ("sd-Deva", "ltr"), ("en", "ltr"), ("ja", "ltr")],
)  # fmt: skip
def test_a_look_in_a_right_to_left_language_lays_the_page_out_from_the_right(
    tmp_path, default_bank, language, direction
):
    """A look whose words are Arabic or Hebrew (html/words.toml language = "ar") set its
    labels, its panel and its summaries' markers left to right, as English is (a phone
    trial): the page takes the direction of its words' language, as the browser's own
    Intl.Locale says it (its script where the tag names one: az-Arab, sd-Deva)."""
    look = own_look(
        tmp_path / "look", {"html/words.toml": ('language = "en"', f'language = "{language}"')}
    )
    page = render_page(default_bank, Templates(look))
    assert page.startswith(f'<!DOCTYPE html>\n<html lang="{language}" dir="{direction}">')
