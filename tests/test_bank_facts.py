"""The bank's facts fields: `reviewed`, the `tags` vocabulary, and a question's `sources`
and `group`; read by the loader, reported as FILE:LINE: message, checked by `check --stale`."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import docx
import pypdfium2
import pytest
from anki.collection import Collection, ImportAnkiPackageRequest
from docx.text.paragraph import Paragraph
from helpers import FIXTURES, run_cli
from readback import pdf_text, squash

from qbank.bank import load_bank, parse_bank
from qbank.errors import BankError
from qbank.lifecycle import select
from qbank.lint import add_months, bank_warnings, staleness
from qbank.model import Source
from qbank.paths import DEFAULT_BANK

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ANY = "the page's title"  # what the advice on a source writes for a title it cannot know


def test_facts_fields_are_read():
    bank = load_bank(FIXTURES / "facts.yaml")
    assert bank.reviewed == date(2026, 11, 2)
    assert [t.name for t in bank.vocabulary] == ["injection", "privacy", "unused"]
    assert bank.vocabulary[0].description.startswith("Attacks that smuggle")
    first, second, third = bank.questions
    assert first.sources == (
        Source(
            "OWASP Top 10 for LLM Applications 2026, LLM01 Prompt Injection",
            "https://github.com/GenAI-Security-Project/GenAI-LLM-Top10/blob/main/2026/final/"
            "LLM01_PromptInjection.md",
        ),
        Source("Second source: <b>&amp;</b>", "https://example.org/a?b=1&c=2"),
    )
    assert first.group == second.group == "injection-defined"
    assert third.group is None and third.sources == ()


def test_fields_are_optional():
    bank = load_bank(FIXTURES / "minimal.yaml")
    assert bank.reviewed is None and bank.vocabulary == ()
    assert all(q.sources == () and q.group is None for q in bank.questions)


def test_bad_facts_are_reported_at_once(cli):
    path = FIXTURES / "bad-facts.yaml"
    result = cli("check", "--bank", path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        m if m.startswith(" ") else f"{path}:{m}"  # the excerpt under a message with a column
        for m in (
            "2: 'reviewed' is not a day of the calendar: 2026-02-30",
            "5: tags: 'injection': listed twice; first on line 4",
            "6: tags: missing 'description'",
            "12:12: question 'one': tag 'injecton' is not in the bank's 'tags' list; did you "
            "mean 'injection'? (add it there with a description, or use one of the listed tags)",
            "        tags: [injecton, privacy]",
            "               ^",
            "12:22: question 'one': tag 'privacy' is not in the bank's 'tags' list (add it there "
            "with a description, or use one of the listed tags)",
            "        tags: [injecton, privacy]",
            "                         ^",
            "13: question 'one': group must be lowercase letters, digits and single hyphens",
            "15: question 'one': source: missing 'url'",
            "16: question 'one': source url must be a web address starting with https:// or "
            "http:// and holding no spaces",
            "17: question 'one': a source needs a web address as well as its title: write "
            '{title: "just text", url: "https://the page\'s address"} in its place',
            "27: question 'three': group 'extractoin' has no other question; did you mean "
            "'extraction'? (a group names questions that probe the same thing, so an "
            "interviewer asks one of them; if the others were taken out, remove this 'group' "
            "line)",
            "28: question 'three': 'sources' must be a list, even of one source: put it in "
            "brackets, sources: [{title: ..., url: ...}], or under 'sources:' on a line of its "
            "own that starts with '- '",
        )
    ]


BASE = "title: t\n{top}questions:\n  - {{id: a, section: s, question: q?, hint: h{extra}}}\n"


@pytest.mark.parametrize(
    ("top", "extra", "message"),
    [
        ("reviewed: 30.11.2026\n", "", "2: 'reviewed' must be the day the facts were checked"),
        ("reviewed: 2026-11-30 10:00:00\n", "", "2: 'reviewed' must be the day"),
        ("reviewed: [2026]\n", "", "2: 'reviewed' must be the day"),
        # a name alone, as a question's tags are written: what to write (a trial was told
        # 'must be a mapping')
        (
            "tags: [plain]\n",
            "",
            "2: tags: 'plain' needs a one-line description as well as its name: write "
            '{name: "plain", description: "when a question carries this tag"} in its place',
        ),
        ("tags: []\n", "", "2: 'tags' must be a list of tags"),
        (
            "tags:\n  - name: x\n    description: |\n      two\n      lines\n",
            "",
            "4: tags: 'x': the description must be one line",
        ),
        ("", ", group: [a]", "3:55: question 'a': 'group' must be text, not a list"),
        ("", ", sources: [{title: t, url: 'ftp://x'}]", "3: question 'a': source url must"),
        # a trial typed the address as the browser's bar shows it
        (
            "",
            ", sources: [{title: t, url: www.rae.es/dpd}]",
            "3: question 'a': source url must be a web address starting with https:// or "
            'http:// and holding no spaces; write url: "https://www.rae.es/dpd"',
        ),
        # in brackets, as a page's text or an e-mail shows it: the address without them
        (
            "",
            ", sources: [{title: t, url: '<https://a.org/x>'}]",
            "3: question 'a': source url must be a web address starting with https:// or "
            'http:// and holding no spaces; write url: "https://a.org/x"',
        ),
        # and so typed alone: an address, not a title ('{title: "www.rae.es/dpd", url: ...}')
        (
            "",
            ", sources: [www.rae.es/dpd]",
            "3: question 'a': a source needs a title as well as its address: write "
            '{title: "the page\'s title", url: "https://www.rae.es/dpd"} in its place',
        ),
        # a Markdown link whose text is its address: no title (it was told the address)
        (
            "",
            ", sources: ['[https://a.org/x](https://a.org/x)']",
            "3: question 'a': a source needs a title as well as its address: write "
            '{title: "the page\'s title", url: "https://a.org/x"} in its place',
        ),
        # the advice's words typed as written: what to put in their place (the title was
        # taken, the address told only that it holds spaces)
        (
            "",
            ', sources: [{title: t, url: "https://the page\'s address"}]',
            "3: question 'a': source url: \"https://the page's address\" stands for the page's "
            "own address: open the page in a browser, copy the address from its address bar, "
            "and paste it in its place, in the quotes",
        ),
        (
            "",
            ", sources: [{title: \"The page’s title\", url: 'https://a.org/x'}]",
            "3: question 'a': source title: \"The page’s title\" stands for the page's own "
            "title: write it in its place, as the page shows it, in the quotes",
        ),
        # a source typed as text, not in a list: the line to write (it was told to write
        # sources: [{title: ..., url: ...}], the dots to fill in)
        (
            "",
            ", sources: 'See [Docs](https://a.org/x) and https://b.org/y'",
            "3: question 'a': 'sources' must be a list, even of one source: write sources: "
            '[{title: "Docs", url: "https://a.org/x"}, {title: "the page\'s title", url: '
            '"https://b.org/y"}]',
        ),
        # a key of the user's for the address is no title (it was told the title 'link')
        ("", ", sources: [{link: 'https://a.org/x'}]", "source: unknown key 'link'"),
        ("", ", sources: [{title: t, url: 'https://x', note: n}]", "unknown key 'note'"),
    ],
)
def test_bad_values_name_the_field(top, extra, message):
    with pytest.raises(BankError) as caught:
        parse_bank(BASE.format(top=top, extra=extra), source="b.yaml")
    assert any(str(p).startswith("b.yaml:") and message in str(p) for p in caught.value.problems), (
        caught.value.problems
    )


@pytest.mark.parametrize(
    ("typed", "title", "url"),
    [
        ("Python docs https://docs.python.org/3/", "Python docs", "https://docs.python.org/3/"),
        ("'Manual: https://example.org/a?b=1'", "Manual", "https://example.org/a?b=1"),
        # not quoted: a key and its value to YAML (an unknown key 'Manual', and the source
        # missing its title and its url)
        ("Manual: https://example.org/a?b=1", "Manual", "https://example.org/a?b=1"),
        ("'[Manual](https://example.org/m)'", "Manual", "https://example.org/m"),
        # the words after a link: they were dropped from the title told
        ("'[Manual](https://example.org/m), part 2'", "Manual, part 2", "https://example.org/m"),
        # the words before a link lead to it: they were told in the title ('See Manual')
        ("'See [Manual](https://example.org/m)'", "Manual", "https://example.org/m"),
        (
            "'See [the Manual](https://example.org/m), part 2'",
            "the Manual, part 2",
            "https://example.org/m",
        ),
        ("Diccionario (www.rae.es/dpd).", "Diccionario", "https://www.rae.es/dpd"),
        # the title in brackets after its address (it was told the title '(Docs)')
        ("https://d.org/q (Docs)", "Docs", "https://d.org/q"),
        # two pairs of brackets keep theirs (it was told the title 'Docs) (PDF')
        ("https://d.org/q (Docs) (PDF)", "(Docs) (PDF)", "https://d.org/q"),
    ],
)
def test_a_source_typed_with_its_address_is_told_the_two_apart(typed, title, url):
    """A title and an address typed as one source are told apart, the address as typed;
    the advice kept the whole text as the title beside url: "https://the page's address",
    which followed as said was refused again (a first bank)."""
    with pytest.raises(BankError) as caught:
        parse_bank(BASE.format(top="", extra=f", sources: [{typed}]"), source="b.yaml")
    (problem,) = caught.value.problems
    written = f'{{title: "{title}", url: "{url}"}}'
    assert str(problem) == (
        "b.yaml:3: question 'a': a source's title and its address go apart: write "
        f"{written} in its place"
    )
    bank = parse_bank(BASE.format(top="", extra=f", sources: [{written}]"), source="b.yaml")
    assert bank.questions[0].sources == (Source(title, url),)


@pytest.mark.parametrize(
    ("typed", "titles"),
    [
        ("See https://a.org/x and https://b.org/y", ("the page's title", "the page's title")),
        # a Markdown link and an address: its title was told '[Docs](https://a.org/x)'
        # beside the second address
        ("'[Docs](https://a.org/x) https://b.org/y'", ("Docs", "the page's title")),
    ],
)
def test_two_addresses_in_one_source_are_told_to_be_two_sources(typed, titles):
    """'See https://a.org/x and https://b.org/y' was told to write the title 'See and
    https://b.org/y' beside the first address (a review)."""
    with pytest.raises(BankError) as caught:
        parse_bank(BASE.format(top="", extra=f", sources: [{typed}]"), source="b.yaml")
    pages = [
        f'{{title: "{title}", url: "https://{x}"}}'
        for title, x in zip(titles, ("a.org/x", "b.org/y"), strict=True)
    ]
    assert [str(p) for p in caught.value.problems] == [
        "b.yaml:3: question 'a': a source is one page, a title and its address: write "
        f"{', '.join(pages)} in its place"
    ]
    # followed as said, each title written in, the bank is taken
    written = BASE.format(top="", extra=f", sources: [{', '.join(pages)}]").replace(ANY, "A page")
    assert [s.url for s in parse_bank(written, source="b.yaml").questions[0].sources] == [
        "https://a.org/x",
        "https://b.org/y",
    ]


@pytest.mark.parametrize(
    ("typed", "said", "written"),
    [
        (
            "https://a.org/x https://a.org/x",
            "a source needs a title as well as its address",
            '{title: "the page\'s title", url: "https://a.org/x"}',
        ),
        (
            "Docs https://a.org/x a.org/x",
            "a source's title and its address go apart",
            '{title: "Docs", url: "https://a.org/x"}',
        ),
    ],
)
def test_an_address_typed_twice_in_one_source_is_one_page(typed, said, written):
    """The same address twice was told as two sources of one address, '{..., url:
    "https://a.org/x"}, {..., url: "https://a.org/x"}' (the first hour of a new bank)."""
    with pytest.raises(BankError) as caught:
        parse_bank(BASE.format(top="", extra=f", sources: [{typed}]"), source="b.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"b.yaml:3: question 'a': {said} (https://a.org/x is typed twice; once is enough): "
        f"write {written} in its place"
    ]
    # followed as said, its title written in, the bank is taken, with the one page
    written = BASE.format(top="", extra=f", sources: [{written}]").replace(ANY, "A page")
    bank = parse_bank(written, source="b.yaml")
    assert [s.url for s in bank.questions[0].sources] == ["https://a.org/x"]


def test_two_addresses_under_a_dash_are_told_each_on_a_line_of_its_own():
    """Under 'sources:' with a dash, the two sources written on its line as told were
    invalid YAML (a review)."""
    bank = (
        "title: t\nquestions:\n  - id: a\n    section: s\n    question: q?\n    hint: h\n"
        "    sources:\n      - {}\n"
    )
    with pytest.raises(BankError) as caught:
        parse_bank(bank.format("See https://a.org/x and https://b.org/y"), source="b.yaml")
    pages = [f'{{title: "the page\'s title", url: "https://{x}"}}' for x in ("a.org/x", "b.org/y")]
    assert [str(p) for p in caught.value.problems] == [
        "b.yaml:8: question 'a': a source is one page, a title and its address: write "
        f"- {pages[0]} and - {pages[1]} in its place, each on a line of its own"
    ]
    # followed as said, each title written in, the bank is taken
    written = bank.format(f"{pages[0]}\n      - {pages[1]}").replace(ANY, "A page")
    assert [s.url for s in parse_bank(written, source="b.yaml").questions[0].sources] == [
        "https://a.org/x",
        "https://b.org/y",
    ]


@pytest.mark.parametrize(("upper", "lower"), [("title", "url"), ("url", "title")])
def test_a_source_split_by_a_second_dash_is_told_to_be_one(upper, lower):
    """'- title: ...' then '- url: ...' under 'sources:' are two sources to YAML: they were
    told as one missing its url and the other its title (the first hour of a new bank)."""
    typed = {"title": "Python docs", "url": "https://docs.python.org/3/"}

    def bank(dash: str) -> str:
        return (
            "title: t\nquestions:\n  - id: a\n    section: s\n    question: q?\n    hint: h\n"
            f"    sources:\n      - {upper}: {typed[upper]}\n      {dash}{lower}: {typed[lower]}\n"
        )

    with pytest.raises(BankError) as caught:
        parse_bank(bank("- "), source="b.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"b.yaml:9: question 'a': source: the '- ' before '{lower}:' starts a second source, "
        f"so the {upper} on line 8 is one source and this line another: put two spaces in "
        f"place of this '- ', '{lower}:' under '{upper}:'"
    ]
    # followed as said, the bank is taken
    sources = parse_bank(bank("  "), source="b.yaml").questions[0].sources
    assert sources == (Source(typed["title"], typed["url"]),)


def test_a_source_listed_twice_is_said_in_a_warning():
    """A source's line copied twice was listed twice in every artifact, without a word; it
    still is, as typed."""
    warnings = []
    page = "{title: Docs, url: 'https://a.org/x'}"
    text = BASE.format(top="", extra=f", sources: [{page}, {page}]")
    bank = parse_bank(text, source="b.yaml", warn=warnings.append)
    assert bank.questions[0].sources == (Source("Docs", "https://a.org/x"),) * 2
    assert [str(w).splitlines()[0] for w in warnings] == [
        "b.yaml:3:116: warning: question 'a': source https://a.org/x is listed twice, first on "
        "line 3, and so in every artifact; delete one"
    ]


def test_a_comma_after_a_plain_text_is_said_in_a_warning():
    """'title: Python docs,' and 'url: https://...,' as JSON parts fields: the commas were
    kept in the source's title and link without a word (the link then goes nowhere)."""
    warnings = []
    text = (
        "title: t\nquestions:\n  - id: a\n    section: s\n    question: q?\n    hint: h\n"
        "    sources:\n      - title: Docs,\n        url: URL\n"
    )
    typed = text.replace("URL", "https://a.org/x,")
    bank = parse_bank(typed, source="b.yaml", warn=warnings.append)
    assert bank.questions[0].sources == (Source("Docs,", "https://a.org/x,"),)  # as typed
    said = "which YAML keeps as part of the text (a comma parts fields only inside { }); if it "
    assert [str(w).splitlines()[0] for w in warnings] == [
        f"b.yaml:8:20: warning: question 'a': source: 'title' ends with ',', {said}is not "
        "meant to be seen, take it off: title: Docs",
        f"b.yaml:9:29: warning: question 'a': source: 'url' ends with ',', {said}is not meant "
        "to be seen, take it off: url: https://a.org/x",
    ]
    quoted = text.replace("URL", '"https://a.org/x,"')  # in quotes: meant
    assert parse_bank(quoted, source="b.yaml", warn=warnings.append).questions[0].sources
    assert len(warnings) == 3


def test_a_tag_given_as_a_name_alone_is_said_once():
    """At the bank's list, with what to write; the question that carries it is not told
    too that it is not in the list (following that, a second entry of it was a tag listed
    twice)."""
    text = BASE.format(top="tags: [plain, {name: b, description: c}]\n", extra=", tags: [plain]")
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "b.yaml:2: tags: 'plain' needs a one-line description as well as its name: write "
        '{name: "plain", description: "when a question carries this tag"} in its place'
    ]


def test_a_date_elsewhere_is_not_text():
    with pytest.raises(BankError) as caught:
        parse_bank(BASE.format(top="", extra=", note: 2026-11-30"), source="b.yaml")
    assert [str(p).splitlines()[0] for p in caught.value.problems] == [
        "b.yaml:3:54: question 'a': 'note': YAML reads 2026-11-30 as a date, not text; put it "
        'in quotes: note: "2026-11-30"'
    ]


def test_reviewed_may_be_quoted():
    bank = parse_bank(BASE.format(top="reviewed: '2026-01-31'\n", extra=""), source="b.yaml")
    assert bank.reviewed == date(2026, 1, 31)


def test_reviewed_in_full_width_digits_is_refused():
    """A review: '２０２５-01-02' passed as a day (Python's int reads full-width digits),
    while an import writes such a value quoted for check to refuse."""
    with pytest.raises(BankError) as caught:
        top = "reviewed: '\uff12\uff10\uff12\uff15-01-02'\n"
        parse_bank(BASE.format(top=top, extra=""), source="b.yaml")
    assert "'reviewed' must be the day the facts were checked" in str(caught.value)


def test_staleness_counts_calendar_months():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2025, 11, 30), 14) == date(2027, 1, 30)
    today = date(2026, 11, 30)
    assert staleness(date(2026, 5, 30), 6, today) is None
    assert "more than 6 months ago" in staleness(date(2026, 5, 29), 6, today)
    assert "no 'reviewed' date" in staleness(None, 6, today)
    assert "still to come" in staleness(date(2026, 12, 1), 6, today)


def test_staleness_is_one_of_the_banks_warnings():
    bank = parse_bank(BASE.format(top="reviewed: 2020-01-01\n", extra=""), source="b.yaml")
    stale = bank_warnings(bank, stale_months=12, today=date(2026, 1, 1))
    assert stale[-1].startswith("b.yaml: warning: the facts were last checked on 2020-01-01")
    assert not any("last checked" in w for w in bank_warnings(bank))


def test_check_stale_warns_and_passes(cli, tmp_path):
    old = tmp_path / "old.yaml"
    old.write_text(BASE.format(top="reviewed: 2020-01-01\n", extra=""), encoding="utf-8")
    result = cli("check", "--bank", old, "--stale", "12")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"{old}: warning: the facts were last checked on 2020-01-01, more than 12 months "
        "ago; check them against their sources and update 'reviewed'\n"
    )
    assert cli("check", "--bank", old).stderr == ""
    assert cli("check", "--bank", old, "--stale", "0").exit_code == 2
    far = cli("check", "--bank", old, "--stale", "100000")  # past the calendar's year 9999
    assert far.exit_code == 2 and "not in the range 1<=x<=1200" in far.output


# -- what the artifacts show -----------------------------------------------------------


@pytest.fixture
def facts_artifacts(built, serial_builds) -> Path:
    """`all` of facts.yaml, built once per test process (test_check builds the same)."""
    return built("all", "--bank", FIXTURES / "facts.yaml").out


def test_booklet_shows_sources_and_review_date(facts_artifacts):
    study = pdf_text(facts_artifacts / "facts-booklet.pdf")
    cover = study.split("Contents")[0]
    assert "Facts checked 2 November 2026" in cover
    owasp = squash(
        "SOURCES OWASP Top 10 for LLM Applications 2026, LLM01 Prompt Injection \u2014 "
        "https://github.com/GenAI-Security-Project/GenAI-LLM-Top10/blob/main/2026/final/"
        "LLM01_PromptInjection.md"
    )
    body = squash(study)
    assert owasp in body
    assert squash("Second source: <b>&amp;</b> \u2014 https://example.org/a?b=1&c=2") in body
    assert body.index(owasp) < body.index(squash("Q2 How would you explain"))
    assert body.count("SOURCES") == 1  # only the question that cites any
    handout = pdf_text(facts_artifacts / "facts-workshop.pdf")
    assert "Facts checked 2 November 2026" in handout and "example.org" not in handout


def test_anki_back_lists_sources_as_links(facts_artifacts, tmp_path):
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        request = ImportAnkiPackageRequest(package_path=str(facts_artifacts / "facts.apkg"))
        col.import_anki_package(request)
        [note_id] = col.find_notes('"Id:injection-basics"')
        card = col.get_note(note_id).cards()[0]
        back = card.answer()
        links = re.findall(r'<a href="([^"]+)">', back)
        assert links == [
            "https://github.com/GenAI-Security-Project/GenAI-LLM-Top10/blob/main/2026/final/"
            "LLM01_PromptInjection.md",
            "https://example.org/a?b=1&amp;c=2",
        ]
        shown = html.unescape(
            re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", back, flags=re.S))
        )
        shown = " ".join(shown.split())
        assert "Sources" in shown and "Second source: <b>&amp;</b> \u2014" in shown
        # the title is the link (a screen reader's list of links names it: a phone trial)
        assert re.search(r'<a href="https://example.org/a\?b=1&amp;c=2">Second source', back)
        [other] = col.find_notes('"Id:privacy-only"')
        assert "Sources" not in col.get_note(other).cards()[0].answer().split("</style>")[-1]
    finally:
        col.close()


def test_packet_lists_sources_in_small_print(facts_artifacts):
    document = docx.Document(str(facts_artifacts / "facts-packet.docx"))
    body = document.element.body
    paragraphs = [Paragraph(p, document._body) for p in body.iter(f"{W}p")]
    sources = [p for p in paragraphs if p.style.name == "Packet Source"]
    assert [p.text for p in sources] == [
        "Sources: OWASP Top 10 for LLM Applications 2026, LLM01 Prompt Injection \u2014 "
        "https://github.com/GenAI-Security-Project/GenAI-LLM-Top10/blob/main/2026/final/"
        "LLM01_PromptInjection.md",
        "Second source: <b>&amp;</b> \u2014 https://example.org/a?b=1&c=2",
    ]
    sizes = {p.style.name: p.style.font.size.pt for p in paragraphs if p.style.font.size}
    assert sizes["Packet Source"] < sizes["Packet Note"] < sizes["Packet Hint"]
    assert any(p.text == "Facts checked 2026-11-02" for p in paragraphs[:20])


# -- the bundled bank ------------------------------------------------------------------


def test_bundled_bank_cites_a_source_for_every_note(default_bank):
    noted = [q for q in default_bank.questions if q.note]
    assert len(noted) >= 10
    for q in noted:
        assert q.sources, q.id
        assert all(s.url.startswith("https://") for s in q.sources), q.id
    assert default_bank.reviewed is not None
    assert staleness(default_bank.reviewed, 12, date(2026, 12, 4)) is None


def test_bundled_bank_tag_rule_is_written_in_every_description(default_bank):
    for tag in default_bank.vocabulary:
        assert tag.description.startswith("A strong answer must "), tag.name
    eu = [q for q in default_bank.questions if "EU AI Act" in q.question + q.hint]
    assert len(eu) == 2 and all(q.tags == ("regulation",) for q in eu)
    assert all("regulation" not in q.tags for q in default_bank.questions if q not in eu)


def pdfium_text(path: Path) -> str:
    """Every page's text as PDFium reads it, at C speed; running headers and footers too,
    which name no question."""
    pdf = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def test_tag_builds_of_the_bundled_bank_give_distinct_useful_sets(tmp_path):
    """Each tag chooses a set of its own, of 2 questions to a quarter of the bank; a booklet
    built with --tag holds exactly that set (one build: every tag goes through the same
    selection, lifecycle.select, which the loop asks for each tag)."""
    bank = load_bank(DEFAULT_BANK)
    seen: dict[frozenset[str], str] = {}
    for tag in bank.vocabulary:
        chosen = {q.id for q in bank.questions if tag.name in q.tags}
        assert {q.id for q in select(bank, tags=[tag.name]).questions} == chosen
        assert 2 <= len(chosen) <= len(bank.questions) // 4, (tag.name, len(chosen))
        key = frozenset(chosen)
        assert key not in seen, f"--tag {tag.name} gives the same set as --tag {seen.get(key)}"
        seen[key] = tag.name
    tag = bank.vocabulary[0].name
    result = run_cli("booklet", "--tag", tag, "--edition", "study", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    [study] = [Path(line) for line in result.stdout.splitlines()]
    assert "-booklet" in study.name, study
    text = squash(pdfium_text(study))
    for q in bank.questions:  # the booklet holds exactly the tagged questions
        shown = squash(f"{q.label}{q.question}".replace("`", "")) in text
        assert shown == (tag in q.tags), (tag, q.id)


def test_bundled_bank_groups_the_overlapping_questions(default_bank):
    groups: dict[str, list[str]] = {}
    for q in default_bank.questions:
        if q.group:
            groups.setdefault(q.group, []).append(q.id)
    assert groups == {
        "model-extraction": [
            "model-extraction-defenses",
            "scenario-model-extraction",
            "scenario-suspected-model-theft",
            "model-watermarking",
        ],
        "third-party-model-vetting": [
            "third-party-model-assessment",
            "scenario-unvetted-open-source-model",
            "open-model-acceptance-testing",
        ],
        "pipeline-security-gates": ["secure-mlops-pipeline", "ai-security-cicd-stage"],
        "security-versus-speed": ["security-vs-deadline-pushback", "secure-by-design-approach"],
        "eu-ai-act": ["eu-ai-act-risk-tiers", "scenario-eu-ai-act-readiness"],
        "adversarial-examples": ["white-box-vs-black-box-attacks", "fgsm-adversarial-examples"],
    }
