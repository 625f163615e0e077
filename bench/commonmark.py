#!/usr/bin/env python3
"""A probe of CommonMark, construct by construct, through every artifact: some 200 small
examples from the spec's sections (tabs, breaks, headings, code, HTML blocks, link
definitions, quotes, lists, escapes, entities, code spans, emphasis, links, images,
autolinks, raw HTML, line breaks) and the GitHub habits CommonMark lacks, each the
question, hint, look-for signal, note, follow-up or section description of generated
banks. Each bank is checked (refused examples are told with check's message, and left out
of the builds), built (`all`, the fillable packet, every LMS file, the text exports) and
read back (PDF text, python-docx, an Anki collection, the study page in Chromium); every
example's words must come back, in order, as CommonMark renders them (markdown-it, raw
HTML off), once, in each artifact that shows its field.

    .venv/bin/python bench/commonmark.py [--out DIR]   # prints what differs; 0 when none

Needs the test extras (pytest's tests/readback.py, anki, Playwright with Chromium).
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
# bench/markdown.py is no `markdown` for anki's backend to import
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "tests"))

from readback import docx_text, pdf_text  # noqa: E402

QBANK = Path(sys.executable).parent / "qbank"
# the field each example goes into, by its number; a field no artifact shows is not one
FIELDS = ("question", "hint", "look_for", "hint", "note", "question", "description", "hint")
FIELDS += ("follow_ups",)
PER_BANK = 12
# {K} marks where an example's tag word goes (Zq001); without one, the tag word is a
# paragraph of its own before the example
EXAMPLES = [
    # --- tabs
    ("tabs", "{K}\n\n\tcode after a tab tabone"),
    ("tabs", "{K}\n\n  \tcode after blanks and a tab tabtwo"),
    ("tabs", "- {K} item\n\n\tparagraph of the item after a tab tabthree"),
    ("tabs", "{K}\n\n```\na\tb\tc tabfour\n```"),
    ("tabs", ">\t{K} quote after a tab"),
    ("tabs", "{K} inline\ttab between words"),
    # --- thematic breaks
    ("hr", "{K} before\n\n***\n\nafter a rule"),
    ("hr", "{K} before\n\n- - -\n\nafter spaced rule"),
    ("hr", "{K} before\n\n___\n\nafter underscores"),
    ("hr", "{K} literal \\--- escaped rule"),
    ("hr", "{K}\n\n+++ not a rule plusses"),
    ("hr", "{K}\n\n--\nnot a rule two dashes"),
    # --- ATX headings
    ("atx", "# {K} heading one"),
    ("atx", "{K}\n\n###### six hashes"),
    ("atx", "{K}\n\n####### seven hashes is a paragraph"),
    ("atx", "{K}\n\n#5 bolt is no heading"),
    ("atx", "{K}\n\n\\## escaped heading"),
    ("atx", "{K} text # not a heading mid-line"),
    # --- setext
    ("setext", "{K} setext one\n==="),
    ("setext", "{K} setext two\n---"),
    ("setext", "{K} setext\nover two lines\n==="),
    ("setext", "{K} not setext\n\\==="),
    # --- indented code
    ("indented", "{K}\n\n    indented code line one\n    indented line two"),
    ("indented", "{K}\n\n    chunk1\n\n    chunk2 after blank"),
    ("indented", "{K} paragraph\n    continuation not code"),
    ("indented", "{K}\n\n        eight spaces keeps four"),
    # --- fenced code
    ("fenced", "{K}\n\n```\nplain fenced <b>tag</b> &amp; kept\n```"),
    ("fenced", "{K}\n\n~~~\ntilde fence tildes\n~~~"),
    ("fenced", "{K}\n\n````\nlonger fence holds\n```\ninside\n````"),
    ("fenced", "{K}\n\n```python title=x.py\nprint('info string')\n```"),
    ("fenced", "{K}\n\n~~~ ruby startline=3 `weird`\ndef foo; end\n~~~"),
    ("fenced", "{K}\n\n```\nunclosed fence runs to end\nsecond line"),
    ("fenced", "{K}\n\n```\n\n  \n```"),
    ("fenced", "{K}\n\n ```\n aaa indented fence\naaa\n  ```"),
    ("fenced", "{K}\n\n``` ```\naaa backticks in info"),
    ("fenced", "{K}\n\n```\nkeep   three   blanks\n```"),
    ("fenced", '{K}\n\n```sh\n$ echo "\\$HOME" \\\\ backslash\n```'),
    ("fenced", "{K}\n\n```\nfence with trailing blank line\n\n```"),
    # --- HTML blocks (raw HTML off)
    ("htmlblock", "{K}\n\n<div>\n*inside div*\n</div>"),
    ("htmlblock", "{K}\n\n<!-- a comment htmlcomment -->"),
    ("htmlblock", "{K}\n\n<table><tr><td>cell htmltd</td></tr></table>"),
    ("htmlblock", "{K}\n\n<?php echo 'pi'; ?>"),
    ("htmlblock", "{K}\n\n<script>alert('xss')</script>"),
    # --- link reference definitions
    ("refdef", "{K} [refone]\n\n[refone]: https://example.org/one"),
    ("refdef", '{K} [Ref Two][]\n\n[ref two]: https://example.org/two "Title two"'),
    ("refdef", "{K} [text three][r3]\n\n[r3]:\n  https://example.org/three\n  'title'"),
    ("refdef", "[r4]: https://example.org/four\n\n{K} definition alone above"),
    ("refdef", "{K} [undefined ref] shows brackets"),
    ("refdef", "{K} [relative][r6]\n\n[r6]: /local/path"),
    # --- paragraphs, blank lines
    ("para", "{K} para one\n\npara two"),
    ("para", "  {K} leading blanks stripped\n   and here"),
    ("para", "{K} trailing blanks   \nnext line hard break"),
    ("para", "\n\n{K} after blank lines\n\n\n\nend"),
    ("para", "{K} soft\nbreak joins"),
    # --- block quotes
    ("quote", "> {K} quoted\n> second quoted line"),
    ("quote", "> {K} lazy\ncontinuation line"),
    ("quote", "> {K} one\n\n> two separate quotes"),
    ("quote", "> {K} outer\n>> inner nested"),
    ("quote", ">{K} no space after marker"),
    ("quote", "> - {K} list in quote\n> - second"),
    ("quote", "> ```\n> {K} code in quote\n> ```"),
    ("quote", "> {K}\n>\n> quote with blank inside"),
    ("quote", "   > {K} indented three"),
    ("quote", "{K}\n\n> foo\n---"),
    # --- list items and lists
    ("list", "- {K} tight one\n- tight two"),
    ("list", "- {K} loose one\n\n- loose two"),
    ("list", "7. {K} start seven\n8. eight"),
    ("list", "1) {K} paren one\n2) paren two"),
    ("list", "0. {K} start zero\n1. one"),
    ("list", "003. {K} leading zeros"),
    ("list", "123456789. {K} nine digits"),
    ("list", "1234567890. {K} ten digits not a list"),
    ("list", "- {K} a\n  - b\n    - c\n      - d four deep"),
    ("list", "- {K} a\n  - b\n    - c three deep"),
    ("list", "{K} paragraph\n- list interrupts"),
    ("list", "{K} paragraph\n1. ordered interrupts"),
    ("list", "{K} paragraph\n2. two cannot interrupt"),
    ("list", "- {K} foo\n+ plus new list\n* star third"),
    ("list", "1. {K} dot\n1) paren new list"),
    ("list", "- {K} item\n\n      indented code in item"),
    ("list", "1. {K} item\n\n   ```\n   fenced in item\n   ```"),
    ("list", "- {K} item\n\n  > quote in item"),
    ("list", "-\n  {K} empty first line item"),
    ("list", "- {K}\n-\n- empty middle item"),
    ("list", "*\t{K} star tab"),
    ("list", "- [ ] {K} task open\n- [x] task done"),
    ("list", "- {K} item one\n\n\n- two after two blanks"),
    ("list", "1. {K} a\n\n   para two of item\n2. b"),
    ("list", "- {K} lazy item\ncontinued lazily"),
    ("list", "- {K} a\n - b\n  - c\n   - d siblings"),
    ("list", "10. {K} ten\n    - nested under wide marker"),
    # --- backslash escapes
    ("escape", "{K} \\*not emphasis\\* \\_x\\_ \\`tick\\`"),
    (
        "escape",
        "{K} all \\!\\\"\\#\\$\\%\\&\\'\\(\\)\\*\\+\\,\\-\\.\\/\\:\\;\\<\\=\\>\\?"
        "\\@\\[\\\\\\]\\^\\_\\`\\{\\|\\}\\~",
    ),
    ("escape", "{K} not escaped \\a \\1 \\é"),
    ("escape", "{K} `code \\* keeps backslash`"),
    ("escape", "{K} \\&amp; entity escaped"),
    ("escape", "{K} double \\\\*emph\\\\*"),
    ("escape", "{K} backslash hard\\\nbreak"),
    ("escape", "{K} ends with backslash\\"),
    ("escape", "{K} C:\\Users\\path\\file"),
    ("escape", "{K} \\[not a link\\](https://example.org)"),
    # --- entities
    ("entity", "{K} &amp; &lt; &gt; &quot;"),
    ("entity", "{K} &#35; &#1234; &#992; &#0;"),
    ("entity", "{K} &#X22; &#XD06; &#xcab;"),
    (
        "entity",
        "{K} a&nbsp;b &copy; &AElig; &Dcaron; &frac34; &HilbertSpace; "
        "&ClockwiseContourIntegral; &ngE;",
    ),
    ("entity", "&nbsp;{K} entity first"),
    ("entity", "{K} last entity&nbsp;"),
    ("entity", "{K} invalid &nbsp &x; &#; &#x; &#87654321; &ThisIsNotDefined; &hi?;"),
    ("entity", "{K} &copy uncompleted"),
    ("entity", "{K} `f&ouml;&ouml;` in code"),
    ("entity", "{K}\n\n```\nf&ouml;&ouml; in fence\n```"),
    ("entity", "{K} &#42;foo&#42; not emphasis"),
    ("entity", "{K} &#9;tab entity &#10;newline entity"),
    ("entity", "{K} [link](https://example.org/&auml;)"),
    # --- code spans
    ("codespan", "{K} `foo` plain"),
    ("codespan", "{K} `` foo ` bar `` double"),
    ("codespan", "{K} ` `` ` padded"),
    ("codespan", "{K} `  ``  ` two blanks"),
    ("codespan", "{K} ` a` one side"),
    ("codespan", "{K} `\u00a0b\u00a0` nbsp kept"),
    ("codespan", "{K} ` ` and `  ` blanks only"),
    ("codespan", "{K} ``\nfoo\nbar  \nbaz\n`` lines"),
    ("codespan", "{K} `foo   bar \nbaz` inner"),
    ("codespan", "{K} `foo\\`bar` backslash"),
    ("codespan", "{K} *foo`*` precedence"),
    ("codespan", '{K} `<a href="`">`'),
    ("codespan", "{K} ```foo`` unmatched"),
    ("codespan", "{K} `foo unclosed"),
    ("codespan", "{K} `foo``bar``"),
    # --- emphasis
    ("emph", "{K} *foo bar*"),
    ("emph", "{K} a * foo bar*"),
    ("emph", '{K} a*"foo"*'),
    ("emph", "{K} foo*bar* intraword star"),
    ("emph", "{K} _foo bar_"),
    ("emph", "{K} foo_bar_ intraword underscore"),
    ("emph", "{K} snake_case_name stays"),
    ("emph", "{K} __foo__bar"),
    ("emph", "{K} *foo**bar*"),
    ("emph", "{K} *foo**bar**baz*"),
    ("emph", "{K} ***strong emph***"),
    ("emph", "{K} **foo*bar*baz**"),
    ("emph", "{K} *foo _bar* baz_"),
    ("emph", '{K} **foo "*bar*" foo**'),
    ("emph", "{K} foo***bar***baz"),
    ("emph", "{K} ** is not an empty emphasis"),
    ("emph", "{K} ****foo****"),
    ("emph", "{K} _____foo_____"),
    ("emph", "{K} *foo [bar](https://example.org/e)*"),
    ("emph", "{K} **a\nb** over a line"),
    ("emph", "{K} пристаням_стремятся_"),
    ("emph", "{K} *(*foo*)*"),
    # --- links
    ("link", "{K} [inline](https://example.org/in)"),
    ("link", '{K} [titled](https://example.org/t "The title")'),
    ("link", "{K} [angle](<https://example.org/a b>)"),
    ("link", "{K} [empty]()"),
    ("link", "{K} [nested [brackets]](https://example.org/n)"),
    ("link", "{K} [link *emph* `code`](https://example.org/c)"),
    (
        "link",
        "{K} [full][fr] [collapsed][] [shortcut]\n\n[fr]: https://example.org/f\n"
        "[collapsed]: https://example.org/c\n[shortcut]: https://example.org/s",
    ),
    ("link", "{K} [rel](/relative/path)"),
    ("link", "{K} [mail](mailto:someone@example.org)"),
    ("link", "{K} [parens](https://example.org/a_(b))"),
    ("link", "{K} [js](javascript:alert(1))"),
    ("link", "{K} [foo [bar](https://example.org/inner)](https://example.org/outer)"),
    ("link", "{K} [https://example.org/same](https://example.org/same)"),
    ("link", "{K} [Grö](https://de.wikipedia.org/wiki/Größe)"),
    ("link", "{K} [a](https://example.org/q?x=1&y=2)"),
    ("link", "{K} [a\nb](https://example.org/twoline)"),
    # --- images
    ("image", "{K}\n\n![alt pic *emph*](pic.png)"),
    ("image", '{K} inline ![inline pic](pic.png "title") in text'),
    ("image", "{K} ![missing alt]()"),
    ("image", "{K} ![ref pic][rp]\n\n[rp]: pic.png"),
    ("image", "{K} [![pic in link](pic.png)](https://example.org/pl)"),
    # --- autolinks
    ("autolink", "{K} <https://example.org/auto>"),
    ("autolink", "{K} <mailto:foo@example.org>"),
    ("autolink", "{K} <foo@example.org>"),
    ("autolink", "{K} <ftp://example.org/file>"),
    ("autolink", "{K} <https://example.org/a b> with blank"),
    ("autolink", "{K} https://example.org/bare not linkified"),
    ("autolink", "{K} <irc://foo.bar:2233/baz>"),
    ("autolink", "{K} <made up>"),
    # --- raw inline HTML (off)
    ("rawhtml", "{K} <b>bold tag</b>"),
    ("rawhtml", "{K} H<sub>2</sub>O"),
    ("rawhtml", "{K} line<br>break"),
    ("rawhtml", '{K} <a href="https://example.org/h">anchor</a>'),
    ("rawhtml", "{K} <!-- inline comment -->"),
    ("rawhtml", '{K} a <span style="color:red">red</span> word'),
    ("rawhtml", "{K} List<String> generic"),
    ("rawhtml", "{K} x < y > z"),
    # --- hard and soft breaks
    ("breaks", "{K} two blanks  \nhard"),
    ("breaks", "{K} backslash\\\nhard"),
    ("breaks", "{K} many blanks        \nhard"),
    ("breaks", "{K} *emph  \nbroken*"),
    ("breaks", "{K} `code  \nspan`"),
    ("breaks", "{K} hard at end  "),
    ("breaks", "{K} soft\nbreak\nthree lines"),
    ("breaks", "- {K} item  \n  hard in item"),
    ("breaks", "> {K} quote\\\n> hard in quote"),
    # --- GitHub habits
    ("gfm", "{K} ~~strike~~ text"),
    ("gfm", "{K} ~single tilde~"),
    ("gfm", "- [ ] {K} task one\n- [x] task two"),
    ("gfm", "{K}\n\n| a | b |\n| --- | --- |\n| 1 | 2 |"),
    ("gfm", "{K}\n\n| a | b |\n|---|---|"),
    ("gfm", "{K} a | b pipe in text"),
    ("gfm", "{K} footnote[^1]\n\n[^1]: the note"),
    ("gfm", "{K} footnote mark alone[^n]"),
    ("gfm", "{K} :smile: :+1: emoji"),
    ("gfm", "{K}\n\n<details>\n<summary>More</summary>\n\nhidden text\n\n</details>"),
    ("gfm", "{K} $E = mc^2$ inline math"),
    ("gfm", "{K}\n\n$$\n\\sum_{i=1}^n i\n$$"),
    ("gfm", "{K} www.example.org bare www"),
    ("gfm", "{K} @mention and #123 issue"),
    ("gfm", "{K} \\(x^2\\) latex parens"),
    ("gfm", "{K} 2*3*4 product"),
    ("gfm", "{K}\n\n```diff\n- old\n+ new\n```"),
    ("gfm", "{K}\n\n> [!NOTE]\n> An alert"),
]


def tag_word(n: int) -> str:
    return f"Zq{n:03d}"


def with_tag(n: int, example: str) -> str:
    tag = tag_word(n)
    return example.replace("{K}", tag) if "{K}" in example else f"{tag}\n\n{example}"


class _Literal(str):
    """A text YAML writes as a `|` block where it can."""


yaml.SafeDumper.add_representer(
    _Literal,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    ),
)


def write_banks(folder: Path, left_out: set[int]) -> dict[int, dict]:
    """The banks of every example but `left_out`, PER_BANK a bank; what went where."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (60, 40), (200, 40, 40)).save(folder / "pic.png")
    placed: dict[int, dict] = {}
    numbers = [n for n in range(len(EXAMPLES)) if n not in left_out]
    for first in range(0, len(numbers), PER_BANK):
        name = f"probe{first // PER_BANK:02d}"
        sections, questions = [], []
        for n in numbers[first : first + PER_BANK]:
            field, text = FIELDS[n % len(FIELDS)], with_tag(n, EXAMPLES[n][1])
            section: dict = {"name": f"Section {n}"}
            question: dict = {
                "id": f"ex-{n:03d}",
                "section": f"Section {n}",
                "question": "What is the probe question?",
                "hint": "A filler hint.",
            }
            if field == "description":
                section["description"] = _Literal(text)
            elif field in ("look_for", "follow_ups"):
                question[field] = [_Literal(text)]
            else:
                question[field] = _Literal(text)
            sections.append(section)
            questions.append(question)
            placed[n] = {"bank": name, "field": field, "kind": EXAMPLES[n][0], "text": text}
        bank = {"title": name, "markup": "markdown", "sections": sections}
        bank["questions"] = questions
        (folder / f"{name}.yaml").write_text(
            yaml.safe_dump(bank, allow_unicode=True, sort_keys=False, width=1000), "utf-8"
        )
    return placed


def qbank(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([QBANK, *map(str, args)], capture_output=True, text=True)


def refused(folder: Path) -> dict[int, str]:
    """The examples `check` refuses, each with its message."""
    said: dict[int, str] = {}
    for bank in sorted(folder.glob("probe*.yaml")):
        for line in qbank("check", "--bank", bank).stderr.splitlines():
            found = re.search(r"question 'ex-(\d+)'|section 'Section (\d+)'", line)
            if found and ": warning: " not in line:
                said.setdefault(int(found[1] or found[2]), line.split(": ", 1)[1])
    return said


def build(folder: Path) -> None:
    for bank in sorted(folder.glob("probe*.yaml")):
        out = folder / "out" / bank.stem
        runs = [
            ("all", "--all", "--lms", "moodle"),
            ("packet", "--all", "--format", "pdf"),
            *(("lms", "--format", kind) for kind in ("qti", "gift", "blackboard")),
        ]
        for args in runs:
            done = qbank(*args, "--bank", bank, "--out", out)
            if done.returncode:
                sys.exit(f"{bank}: {' '.join(args)} failed:\n{done.stderr}")
        qbank("export", "--bank", bank, "--format", "anki-tsv", "-o", out / "anki.txt")


def _visible(markup: str) -> str:
    markup = re.sub(r"<style>.*?</style>|<script.*?</script>", " ", markup, flags=re.S)
    markup = re.sub(r"</?span\b[^>]*>", "", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def _deck(path: Path) -> str:
    from anki.collection import Collection, ImportAnkiPackageRequest

    with tempfile.TemporaryDirectory() as tmp:
        collection = Collection(str(Path(tmp) / "c.anki2"))
        collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(path)))
        cards = [collection.get_card(c).answer() for c in collection.find_cards("")]
        collection.close()
    return "\n".join(map(_visible, cards))


def _pages(paths: list[Path]) -> dict[Path, str]:
    """Each study page's text in Chromium, every answer shown."""
    from playwright.sync_api import sync_playwright

    shell = Path("/usr/lib/chromium/chromium-headless-shell")
    chromium = shell if shell.exists() else Path("/usr/bin/chromium")
    shown = {}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"])
        page = browser.new_page()
        for path in paths:
            page.goto(path.as_uri())
            page.evaluate(
                '() => document.querySelectorAll("button.reveal").forEach(b => b.click())'
            )
            shown[path] = page.evaluate("() => document.querySelector('main').innerText")
        browser.close()
    return shown


def read_back(folder: Path) -> dict[str, dict[str, str]]:
    """Each bank's artifacts as the text a reader sees."""
    built = sorted((folder / "out").iterdir())
    pages = _pages([out / f"{out.name}.html" for out in built])
    texts = {}
    for out in built:
        name = out.name
        moodle = (out / f"{name}-moodle.xml").read_text("utf-8")
        moodle = re.sub(
            r"<!\[CDATA\[|\]\]>", "", " ".join(re.findall(r"<text>(.*?)</text>", moodle, re.S))
        )
        with zipfile.ZipFile(out / f"{name}-qti.zip") as archive:
            qti = " ".join(
                archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml")
            )
        qti = " ".join(
            html.unescape(m) for m in re.findall(r"<mattext[^>]*>(.*?)</mattext>", qti, re.S)
        )
        texts[name] = {
            "booklet": pdf_text(out / f"{name}-booklet.pdf"),
            "workshop": pdf_text(out / f"{name}-workshop.pdf"),
            "cards": pdf_text(out / f"{name}-flashcards.pdf"),
            "packet-pdf": pdf_text(out / f"{name}-packet-all.pdf"),
            "packet-docx": docx_text(out / f"{name}-packet-all.docx"),
            "anki": _deck(out / f"{name}.apkg"),
            "html": pages[out / f"{name}.html"],
            "moodle": _visible(moodle),
            "qti": _visible(qti),
            "blackboard": _visible((out / f"{name}-blackboard.txt").read_text("utf-8")),
            "anki-tsv": _visible(_front_and_back(out / "anki.txt")),
        }
    return texts


def _front_and_back(path: Path) -> str:
    """Anki's text import's Front and Back columns (its GUID column may hold a '<')."""
    lines = [line for line in path.read_text("utf-8").splitlines(True) if line[:1] != "#"]
    return "\n".join(" ".join(row[:2]) for row in csv.reader(lines, delimiter="\t"))


class _Chunks(HTMLParser):
    """CommonMark's HTML as its visible words, cut at each block and link: what must come
    back in order, whatever an artifact puts between (a bullet, a number, an address)."""

    BREAKS = frozenset("p li pre blockquote ul ol hr a br".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.words = ""

    def cut(self) -> None:
        if squashed := "".join(self.words.split()):
            self.chunks.append(squashed)
        self.words = ""

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.BREAKS:
            self.cut()

    def handle_endtag(self, tag) -> None:
        if tag in self.BREAKS:
            self.cut()

    def handle_data(self, data) -> None:
        self.words += data


def expected(text: str) -> list[str]:
    chunks = _Chunks()
    chunks.feed(MarkdownIt("commonmark", {"html": False}).render(text))
    chunks.cut()
    return chunks.chunks


def _squash(text: str) -> str:
    return "".join(text.split()).replace("\u21aa", "").replace("\u200b", "")


# artifacts that show a text more than once by design: a packet's plan, scorecard and page;
# Moodle's question name and text, a hint as feedback and as what graders read
SHOWN_TWICE = frozenset({"packet-pdf", "packet-docx", "moodle"})


def compare(placed: dict[int, dict], texts: dict[str, dict[str, str]]) -> dict[int, dict]:
    """Per example and artifact: ok, absent (a field it does not show), missing (the
    first chunk not found in order after the tag word) or shown N times."""
    found: dict[int, dict] = {}
    for n, where in placed.items():
        tag, chunks = tag_word(n), expected(where["text"])
        found[n] = {}
        for artifact, text in texts[where["bank"]].items():
            shown = _squash(text)
            starts = [m.start() for m in re.finditer(tag, shown)]
            if not starts:
                found[n][artifact] = "absent"
                continue
            missing = None
            for start in starts:
                cursor, missing = max(0, start - 60), None
                for chunk in chunks:
                    at = shown.find(chunk, cursor, cursor + 400 + len(chunk))
                    if at < 0:
                        missing = chunk
                        break
                    cursor = at + len(chunk)
                if missing is None:
                    break
            if missing is not None:
                found[n][artifact] = f"missing {missing!r}: {shown[starts[0] : starts[0] + 80]!r}"
            elif len(starts) > 1 and artifact not in SHOWN_TWICE:
                found[n][artifact] = f"shown {len(starts)} times"
            else:
                found[n][artifact] = "ok"
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="the banks and artifacts (a temporary folder)")
    parser.add_argument("--read", action="store_true", help="read back --out's, built before")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.out or Path(tmp)
        write_banks(folder, set())
        no = refused(folder)
        for bank in folder.glob("probe*.yaml"):
            bank.unlink()
        placed = write_banks(folder, set(no))
        if not (args.read and args.out):
            build(folder)
        found = compare(placed, read_back(folder))
        (folder / "found.json").write_text(json.dumps(found, indent=1, ensure_ascii=False))
    print(f"{len(EXAMPLES)} examples; {len(no)} refused by check:")
    for n, message in sorted(no.items()):
        print(f"  {n:3} {EXAMPLES[n][0]:9} {EXAMPLES[n][1]!r:50.50} {message[:100]}")
    differ = {
        n: {a: r for a, r in res.items() if r not in ("ok", "absent")} for n, res in found.items()
    }
    differ = {n: res for n, res in differ.items() if res}
    print(f"{len(placed)} built; {len(differ)} differ from CommonMark in some artifact:")
    for n, res in sorted(differ.items()):
        print(f"  {n:3} {placed[n]['kind']:9} {placed[n]['field']:11} {EXAMPLES[n][1]!r}")
        for artifact, result in res.items():
            print(f"        {artifact}: {result}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
