"""The study page in a real browser: Debian's Chromium, driven by Playwright for Python.

One browser serves the whole session. Most tests share one tab (`study`): a new page costs
Chromium a renderer, several times what a navigation costs, so the tab navigates instead, and
after each test its saved ratings are cleared and its media emulation reset, as in a fresh
profile (the page keeps nothing else). A test that needs its own clock or screen opens a
fresh context (`open_page`). Every page a test opens is watched: a console error, an
uncaught exception or any request other than the page files it opened fails the test.

Without Chromium or Playwright these tests are skipped, saying why; QBANK_REQUIRE_BROWSER=1
(set by CI) makes that a failure instead.
"""

from __future__ import annotations

import contextlib
import html
import io
import itertools
import json
import math
import os
import re
import shutil
import struct
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, code_bank, markdown_bank, own_look, run_cli

from qbank.bank import load_bank
from qbank.model import Bank, Question
from qbank.paths import BUILTIN_TEMPLATES, DEFAULT_BANK
from qbank.text import plain

try:
    from playwright.sync_api import expect

    # an expectation waits for the page this long (5 s by default): on a loaded machine an
    # import read through FileReader has taken longer, and a passing run waits no longer
    expect.set_options(timeout=20_000)
except ImportError:  # the browser fixture says what is missing
    expect = None

# Chromium's headless shell where it is installed: the same Blink as the browser, without
# its window's machinery, which Playwright itself runs for headless tests. Over this file
# it takes 15 s of CPU where the full browser in its headless mode takes 27 (bench/RESULTS.md).
HEADLESS_SHELL = Path("/usr/lib/chromium/chromium-headless-shell")  # Debian's package
CHROMIUM = Path(
    os.environ.get("QBANK_CHROMIUM")
    or (HEADLESS_SHELL if HEADLESS_SHELL.exists() else "/usr/bin/chromium")
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
PAGE_SIZE = 60  # questions the page draws at once (app.js)
CLOCK_START = 1_764_115_200  # seconds since the epoch, for the tests that control time


pytestmark = pytest.mark.slow  # a real Chromium, one per session


def _missing_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return (
            f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium-headless-shell,"
            " or chromium)"
        )
    return None


@pytest.fixture(scope="session")
def browser():
    missing = _missing_browser()
    if missing:
        if os.environ.get("QBANK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"QBANK_REQUIRE_BROWSER=1, but {missing}")
        pytest.skip(f"browser tests need Chromium: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def build_page(bank: Path, out: Path, look: Path | None = None) -> Path:
    """The page of `bank`, in the look of the folder `look` if given."""
    result = run_cli("html", "--bank", bank, "--out", out, *(("--templates", look) if look else ()))
    assert result.exit_code == 0, result.output
    (written,) = result.stdout.splitlines()
    return Path(written)


def built_page(built, bank: Path | None = None) -> Path:
    """The page of `bank` (the bundled bank if None), built once per test process."""
    if bank is None:
        return built("html") / f"{DEFAULT_BANK.stem}.html"
    return built("html", "--bank", bank) / f"{bank.stem}.html"


@pytest.fixture(scope="session")
def bundled_page(built) -> Path:
    return built_page(built)


@pytest.fixture(scope="session")
def bundled_bank() -> Bank:
    return load_bank(DEFAULT_BANK)


class Watched:
    """A page, with everything it logs and requests."""

    def __init__(self, context):
        self.context = context
        self.files: set[str] = set()
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page = self.new_page()

    def new_page(self):
        page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        page.on("pageerror", lambda e: self.problems.append(f"uncaught: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: self.problems.append(f"unexpected dialog: {d.message}"))
        return page

    def open(self, path: Path, page=None, fragment: str = ""):
        """Load the page file at `path`: a new document of a new history entry, even when
        only a fragment differs, or nothing."""
        page = page or self.page
        url = path.resolve().as_uri()
        self.files.add(url)
        # else only the fragment would change, without a load; and Chromium makes a load of
        # the same address a reload, which gives back the place the last test left there
        if page.url.split("#")[0] == url:
            page.goto("about:blank")
        page.goto(url + fragment)  # the load event: the page's script has run by then
        assert page.evaluate("document.documentElement.dataset.ready") == "true"
        return page

    def check(self) -> None:
        assert self.problems == []
        assert {url.split("#")[0] for url in self.requests} <= self.files


def reveal_all(page) -> int:
    """Every question's answer shown, by one call that clicks each reveal button (the
    handler a click runs), not a round trip per question (each a scroll into view and a
    wait for the button to be stable, 40 ms); how many there were, every one now open."""
    revealed = page.evaluate(
        """() => { const buttons = [...document.querySelectorAll("button.reveal")];
            buttons.forEach(b => b.click()); return buttons.length; }"""
    )
    assert revealed and page.locator("button.reveal[aria-expanded=false]").count() == 0
    return revealed


@pytest.fixture(scope="module")
def tab(browser) -> Iterator[Watched]:
    context = browser.new_context(accept_downloads=True)
    yield Watched(context)
    context.close()


@pytest.fixture
def study(tab) -> Iterator:
    """study(path, fragment="") -> the shared tab's page, showing that page file."""
    tab.files.clear()
    tab.problems.clear()
    tab.requests.clear()
    yield lambda path, fragment="": tab.open(path, fragment=fragment)
    page = tab.page
    if page.url.startswith("file:"):  # every page file shares one localStorage
        page.evaluate("localStorage.clear()")
    page.emulate_media(media="screen", color_scheme="light")  # a new context's defaults
    tab.check()


@pytest.fixture
def open_page(browser) -> Iterator:
    """open_page(path, **context options) -> a Watched page in a fresh context, loaded."""
    opened: list[Watched] = []

    def open_(path: Path, clock: bool = False, **options) -> Watched:
        watched = Watched(browser.new_context(accept_downloads=True, **options))
        if clock:  # time stands still, and moves only when the test says
            watched.page.clock.install(time=CLOCK_START)
        watched.open(path)
        if clock:
            watched.page.clock.pause_at(CLOCK_START + 3600)
        opened.append(watched)
        return watched

    yield open_
    for watched in opened:
        watched.context.close()
    for watched in opened:
        watched.check()


def labels(page) -> list[str]:
    return page.locator("#questions article.question .number").all_inner_texts()


def card(page, label: str):
    return page.locator(f"article#{label.lower()}")


def test_reveal_a_hint_by_click_and_by_space(study, bundled_page, bundled_bank):
    page = study(bundled_page)
    first, second = bundled_bank.questions[:2]
    one = card(page, first.label)
    answer = one.locator(".answer")
    assert answer.is_hidden()
    one.locator(".reveal").click()
    assert answer.is_visible()
    assert one.locator(".reveal").get_attribute("aria-expanded") == "true"
    assert one.locator(".answer p.text").first.inner_text() == plain(first.hint)
    # the keyboard: from inside a question, j moves to the next one; Space reveals it
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == second.label.lower()
    page.keyboard.press(" ")
    assert card(page, second.label).locator(".answer").is_visible()
    # a digit shows the answer and rates it, on a question never opened (a trial: the
    # key threw, as the answer is made when first shown) and on one opened then hidden
    third, fourth = bundled_bank.questions[2:4]
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == third.label.lower()
    page.keyboard.press("2")
    assert card(page, third.label).locator(".answer").is_visible()
    assert card(page, third.label).locator(".badge").inner_text() == "Hard"
    page.keyboard.press("j")
    page.keyboard.press(" ")
    page.keyboard.press(" ")
    assert card(page, fourth.label).locator(".answer").is_hidden()
    page.keyboard.press("3")
    assert card(page, fourth.label).locator(".answer").is_visible()
    assert card(page, fourth.label).locator(".badge").inner_text() == "Good"
    # j and k show a question taller than the window from its top: focus alone showed
    # its middle, its number and question above the screen (a phone trial)
    page.set_viewport_size({"width": 1280, "height": 300})
    for key, question in (("k", third), ("j", fourth)):
        page.keyboard.press(key)
        top = "document.activeElement.getBoundingClientRect().top"
        assert page.evaluate("document.activeElement.id") == question.label.lower()
        assert 0 <= page.evaluate(top) < 20, key
    page.set_viewport_size({"width": 1280, "height": 720})  # a new context's
    # the keys of one character can be turned off (WCAG 2.1.4), and stay off after a load;
    # Space on a focused card still shows its answer, as a button's would
    page.locator("details.keys").evaluate("e => e.open = true")
    page.get_by_label("Keys of one character", exact=False).uncheck()
    # a load at once read the storage without the choice (1 CI run): as a later visit would
    persisted(page, "() => localStorage.getItem('qbank-shortcuts') === 'off'")
    fourth_card = card(page, fourth.label)
    fourth_card.focus()
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == fourth.label.lower()
    page.keyboard.press("1")
    assert fourth_card.locator(".badge").inner_text() == "Good"
    page.keyboard.press(" ")
    assert fourth_card.locator(".answer").is_hidden()
    # each question is named once by its heading: "Q1 ...", no "link to this question"
    name = page.evaluate("document.getElementById('q1').ariaLabelledByElements?.[0]?.id")
    heading = page.get_by_role("heading", level=3).first
    assert heading.evaluate("h => h.textContent").startswith(first.label + " ")
    assert page.locator("article.question a.number[aria-label]").count() == 0
    assert name in (None, "q1-heading")
    # a deep link opens on its question
    study(bundled_page, fragment="#q7")
    assert page.evaluate("document.activeElement.id") == "q7"
    assert not page.locator("#shortcuts").is_checked()  # the choice kept over the load
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == "q7"


def test_anchors_show_after_the_hint(study, built):
    """A question's anchors, after its hint, as "How answers are rated": score with its
    label on the scale (the packet's words: a visual review missed them), and text."""
    from qbank.rubric import scale_labels

    bank_path = FIXTURES / "interview-bank.yaml"
    page = study(built_page(built, bank_path))
    for q in load_bank(bank_path).questions[:2]:
        one = card(page, q.label)
        one.locator(".reveal").click()
        headings = one.locator(".answer h4").all_inner_texts()
        assert headings[:2] == ["Hint", "How answers are rated"]
        labels = scale_labels(load_bank(bank_path))
        shown = [f"{s} {labels[s]}" for s, _ in q.anchors]
        assert one.locator(".anchors dt").all_inner_texts() == shown
        assert one.locator(".anchors dd").all_inner_texts() == [plain(t) for _, t in q.anchors]


def test_a_questions_sources_show_after_its_answer_as_links(study, bundled_page, bundled_bank):
    """The page left out a question's sources, which the booklet, the deck and the packets
    list (a trial): each shows under "Sources", its title then its address; the title is
    the link, which a screen reader's list of links names (it read each address out in
    full: a phone trial)."""
    page = study(bundled_page)
    cited = [q for q in bundled_bank.questions if q.sources]
    assert cited
    for q in cited[:3]:
        one = card(page, q.label)
        one.locator(".reveal").click()
        assert one.locator(".answer h4").all_inner_texts()[-1] == "Sources"
        items = one.locator(".sources li")
        assert items.all_inner_texts() == [f"{s.title} \u2014 {s.url}" for s in q.sources]
        links = one.locator(".sources a")
        assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
            s.url for s in q.sources
        ]
        assert links.all_inner_texts() == [s.title for s in q.sources]
    # a screen reader is told the link opens a tab of its own, after its name (WCAG G201)
    expect(links.first).to_have_accessible_description("opens in a new tab")
    expect(links.first).to_have_accessible_name(q.sources[0].title)
    # a link opens a tab of its own, the page left as it was: followed in the page's tab,
    # and back, the open answers, the search and a practice run were gone (a learner's trial)
    page.context.route("https://**", lambda route: route.fulfill(body="elsewhere"))
    try:
        with page.context.expect_page() as opened:
            links.first.click()
        opened.value.close()
    finally:
        page.context.unroute("https://**")
    assert page.url.startswith("file:") and links.first.is_visible()
    uncited = next(q for q in bundled_bank.questions if not q.sources)
    one = card(page, uncited.label)
    one.locator(".reveal").click()
    assert one.locator(".sources").count() == 0


def searched(bank: Bank, words: str) -> list[str]:
    """What the page's search finds: everything a question's answer shows, its id, and
    its section's name and description."""
    from qbank.rubric import scale_labels

    labels = scale_labels(bank)
    about = {s.name: s.description for s in bank.sections}

    def hay(q: Question) -> str:
        parts = [q.label, q.id, q.question, q.hint, q.note or "", " ".join(q.tags), q.section]
        parts += [about.get(q.section, "") or "", *q.look_for, *q.follow_ups]
        parts += [labels.get(score, "") for score, _ in q.anchors]
        parts += [text for _, text in q.anchors] + [source.title for source in q.sources]
        return "\n".join(plain(p) for p in parts).lower()

    return [q.label for q in bank.questions if all(w in hay(q) for w in words.lower().split())]


def test_search_and_filter(study, bundled_page, bundled_bank):
    page = study(bundled_page)
    assert labels(page) == [q.label for q in bundled_bank.questions]
    search = page.locator("#search")
    search.press_sequentially("prompt injection")
    expected = searched(bundled_bank, "prompt injection")
    assert 0 < len(expected) < len(bundled_bank.questions)
    assert labels(page) == expected
    assert page.locator("#count").inner_text() == (
        f"{len(expected)} of {len(bundled_bank.questions)} questions match"
    )
    # Enter goes on to the first question found, as a phone keyboard's Search key (it did
    # nothing: the keyboard stayed over the list, a learner's trial)
    search.press("Enter")
    assert page.evaluate("document.activeElement.id") == expected[0].lower()
    search.press("Escape")
    assert len(labels(page)) == len(bundled_bank.questions)
    # a second Esc leaves the box, and j goes on to the first question (a learner's trial:
    # j, k and the digits were typed into the box, and only Tab got out)
    search.press("Escape")
    page.keyboard.press("j")
    assert (
        search.input_value() == ""
        and page.evaluate("document.activeElement.id") == bundled_bank.questions[0].label.lower()
    )
    # an answer open stays open through a search that keeps its question, and after it (a
    # phone trial: each keystroke drew the list again, every answer closed)
    first, other = bundled_bank.questions[0], bundled_bank.questions[1]
    page.locator(f"#{first.label.lower()} .reveal").click()
    search.fill(first.id)
    expanded = page.locator(f"#{first.label.lower()} .reveal").get_attribute("aria-expanded")
    search.press("Escape")
    assert expanded == "true" and page.locator(f"#{first.label.lower()} .answer").is_visible()
    assert page.locator(f"#{other.label.lower()} .reveal").get_attribute("aria-expanded") == "false"
    page.locator(f"#{first.label.lower()} .reveal").click()  # closed again, for what follows
    # a question's id finds it: a spreadsheet's ids were found nowhere (a trial)
    some = bundled_bank.questions[7]
    search.fill(some.id)
    assert some.label in labels(page) and labels(page) == searched(bundled_bank, some.id)
    search.press("Escape")

    section = bundled_bank.sections[2]
    page.select_option("#section-filter", label=section.name)
    assert labels(page) == [q.label for q in bundled_bank.questions_in(section)]
    tag = bundled_bank.questions_in(section)[0].tags[0]
    page.select_option("#tag-filter", label=tag)
    assert labels(page) == [q.label for q in bundled_bank.questions_in(section) if tag in q.tags]
    page.select_option("#section-filter", value="")
    assert labels(page) == [q.label for q in bundled_bank.questions if tag in q.tags]
    clear = page.get_by_role("button", name="Clear the search and filters")
    # shown while a filter is set, not only when nothing matches (a phone trial)
    assert clear.is_visible()
    page.locator("#search").fill("zzzz-nothing")
    assert labels(page) == []
    assert page.locator("#count").inner_text().startswith("0 of")
    # nothing matches: a way back to every question (an accessibility trial found none)
    clear.click()
    assert len(labels(page)) == len(bundled_bank.questions) and clear.is_hidden()
    assert (
        page.locator("#search").input_value() == ""
        and page.evaluate("document.activeElement.id") == "search"
    )
    assert page.locator("#tag-filter").input_value() == ""


def test_a_filter_with_nothing_to_choose_is_left_out(study, bundled_page, tmp_path):
    """A trial's bank had no tags, and the page offered a Tag filter whose only choice was
    "All tags". A bank without tags shows no tag filter, one of a single section no section
    filter, nor its one section's progress nor a choice of it for practice (a phone trial:
    two controls that changed nothing); the bundled bank, with both, shows both."""
    bank = tmp_path / "plain.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - {id: a, section: S, question: Q?, hint: H.}\n",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    assert page.locator("#tag-filter").is_hidden()
    assert page.locator("#section-filter").is_hidden()
    assert page.locator("#rating-filter").is_visible()
    assert page.locator("#by-section").is_hidden()
    page.locator("#practice-open").click()
    assert page.locator("#practice-sections").is_hidden()
    page = study(bundled_page)
    assert page.locator("#tag-filter").is_visible()
    assert page.locator("#section-filter").is_visible()
    assert page.locator("#by-section").is_visible()
    page.locator("#practice-open").click()
    assert page.locator("#practice-sections").is_visible()


def rate(page, label: str, rating: str) -> None:
    one = card(page, label)
    if one.locator(".answer").is_hidden():
        one.locator(".reveal").click()
    one.locator(f'.rating[data-rating="{rating}"]').click()


def stored(page, qid: str) -> None:
    """Wait until another document of the page's origin reads `qid`'s rating from
    localStorage: Chromium hands a write to its browser process on its own time, and a
    reload at once has read the storage without it (1 run in about 50)."""
    persisted(
        page,
        """(qid) => Object.keys(localStorage).some(key =>
             key.startsWith("qbank:") && (JSON.parse(localStorage.getItem(key)).ratings
               || {})[qid])""",
        qid,
    )


def persisted(page, condition: str, arg: object = None) -> None:
    """Wait until another document of the page's origin finds `condition` (a function of
    `arg`) true of localStorage (see `stored`). It polls on a timer, not on animation
    frames, which a page in the background may never get, and loads the document again if
    its storage has not seen the write by then (a wait of 30 s failed 1 run in about 20)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    other = page.context.new_page()
    try:
        for attempt in range(3):
            other.goto("about:blank")
            other.goto(page.url.split("#")[0] + "#none")  # the page reads only what is stored
            try:
                other.wait_for_function(condition, arg=arg, polling=50, timeout=10_000)
                return
            except PlaywrightTimeout:
                if attempt == 2:
                    raise
    finally:
        other.close()


def test_a_rating_survives_a_reload_and_a_rebuild(study, tmp_path, bundled_bank):
    source = tmp_path / "bank" / DEFAULT_BANK.name
    source.parent.mkdir()
    shutil.copy(DEFAULT_BANK, source)
    path = build_page(source, tmp_path / "out")
    page = study(path)
    third = bundled_bank.questions[2]
    rate(page, third.label, "good")
    rate(page, bundled_bank.questions[3].label, "again")
    assert page.locator("#overall-text").inner_text().startswith("1 Good, 0 Hard, 1 Again")

    stored(page, third.id)
    page.reload()
    page.wait_for_selector("html[data-ready]", state="attached")
    assert card(page, third.label).locator(".badge").inner_text() == "Good"
    assert page.locator("#overall-text").inner_text().startswith("1 Good, 0 Hard, 1 Again")

    edited = "A corrected hint, written after the rating."
    text = source.read_text(encoding="utf-8").replace(third.hint, edited, 1)
    assert edited in text
    source.write_text(text, encoding="utf-8")
    build_page(source, tmp_path / "out")
    page.reload()
    page.wait_for_selector("html[data-ready]", state="attached")
    third_card = card(page, third.label)
    third_card.locator(".reveal").click()
    assert third_card.locator(".answer p.text").first.inner_text() == edited
    assert third_card.locator(".badge").inner_text() == "Good"
    good = third_card.locator('.rating[data-rating="good"]')
    assert good.get_attribute("aria-pressed") == "true"
    page.select_option("#rating-filter", value="again")
    assert labels(page) == [bundled_bank.questions[3].label]


# the browser's storage turned off, localStorage and sessionStorage alike
NO_STORAGE = (
    "for (const name of ['localStorage', 'sessionStorage']) Object.defineProperty(window, name,"
    " {get() { throw new DOMException('off', 'SecurityError'); }})"
)


def ready(page) -> None:
    page.wait_for_selector("html[data-ready]", state="attached")


@pytest.mark.parametrize("storage", ["on", "off"])
def test_a_reload_keeps_the_search_the_filters_and_the_answers_open(
    open_page, bundled_page, bundled_bank, axe_source, storage
):
    """A phone reloads a tab it dropped from memory, and a learner presses F5: the search,
    the filters and the answers open were gone, the list back at its start. They come back
    with the page's entry in the tab's history, with the browser's storage turned off too;
    the address stays the page's, and a link to a question (#q5) opened in another tab
    shows every question, no one's search."""
    watched = open_page(bundled_page, viewport=PHONE)
    page = watched.page
    if storage == "off":
        page.context.add_init_script(NO_STORAGE)
        page.reload()
        ready(page)
    address = page.url
    section = bundled_bank.sections[2]
    expected = [q.label for q in bundled_bank.questions_in(section)]
    expected = [label for label in searched(bundled_bank, "prompt") if label in expected]
    assert expected == ["Q16", "Q17", "Q22"]  # else no test of the filters together
    if storage == "on":  # rated out of the rating filter (with storage off, lost by a reload)
        rate(page, "Q17", "good")
        card(page, "Q17").locator(".reveal").click()
        expected.remove("Q17")
    page.select_option("#section-filter", label=section.name)
    page.select_option("#rating-filter", value="none")
    page.locator("#search").press_sequentially("prompt")
    card(page, "Q22").locator(".reveal").click()
    count = page.locator("#count").inner_text()
    assert labels(page) == expected
    page.reload()  # at once: the place is written as the page is left
    ready(page)
    assert page.locator("#search").input_value() == "prompt"
    assert page.locator("#section-filter").input_value() == "2"
    assert page.locator("#rating-filter").input_value() == "none"
    assert labels(page) == expected and page.locator("#count").inner_text() == count
    assert card(page, "Q22").locator(".reveal").get_attribute("aria-expanded") == "true"
    expect(card(page, "Q22").locator(".answer")).to_be_visible()
    assert card(page, "Q16").locator(".reveal").get_attribute("aria-expanded") == "false"
    expect(page.get_by_role("button", name="Clear the search and filters")).to_be_visible()
    assert page.url == address  # nothing of the place in the address
    assert axe_violations(page, axe_source) == []
    # a second reload, after the list changed again, keeps the latest place
    page.locator("#search").fill("")
    page.reload()
    ready(page)
    assert page.locator("#search").input_value() == ""
    unrated = [q.label for q in bundled_bank.questions_in(section) if q.label != "Q17"]
    assert labels(page) == (unrated if storage == "on" else [*unrated[:1], "Q17", *unrated[1:]])
    # a link to a question, opened apart: the question among every question
    shared = watched.new_page()
    watched.open(bundled_page, page=shared, fragment="#q5")
    assert shared.locator("#search").input_value() == ""
    assert shared.locator("#section-filter").input_value() == ""
    assert len(labels(shared)) == len(bundled_bank.questions)
    expect(card(shared, "Q5")).to_be_focused()


def test_a_search_that_hides_the_linked_question_takes_its_link_from_the_address(
    open_page, bundled_page, bundled_bank
):
    """Opened at a question's link (#q7), then searched so that Q7 is hidden: a reload
    kept the search and the address still named Q7, a question the page did not show, and
    opening that address again in the tab showed nothing new (a review). The address loses
    the link once the question is hidden; the link opened again shows the question."""
    watched = open_page(bundled_page, viewport=PHONE)
    page = watched.open(bundled_page, fragment="#q7")
    expect(card(page, "Q7")).to_be_focused()
    hidden = searched(bundled_bank, "prompt")
    assert hidden and "Q7" not in hidden  # else no test of a hidden question
    page.locator("#search").press_sequentially("prompt")
    page.reload()  # at once: the place is written as the page is left
    ready(page)
    assert page.locator("#search").input_value() == "prompt"
    assert labels(page) == hidden
    assert "#" not in page.url
    page.goto(page.url + "#q7")  # the link again: a new entry, every question
    expect(card(page, "Q7")).to_be_focused()
    assert page.locator("#search").input_value() == ""


def test_back_after_a_link_to_a_hidden_question_gives_back_the_search_and_filters(
    open_page, bundled_page, bundled_bank
):
    """A question's link in the practice summary, to a question the search and filters
    hid, clears them to show it; Back left them cleared, the learner's search gone. Back
    gives them back, with the list they showed behind the summary it left (the run kept in
    the entry too), and the summary's Back that list; Forward the question again."""
    page = open_page(bundled_page).page
    first = bundled_bank.sections[0]
    page.select_option("#section-filter", label=first.name)
    page.locator("#search").press_sequentially("detect")
    before = labels(page)
    assert 0 < len(before) < len(bundled_bank.questions_in(first))
    # a practice run of one question of the second section, finished at once
    page.locator("#practice-open").click()
    page.locator("#practice-section-1").check()
    page.locator("#count-input").fill("1")
    page.locator("#practice-setup button[type=submit]").click()
    page.locator("#finish").click()
    link = page.locator("#summary-table a.number")
    label = link.inner_text()
    assert label not in before
    link.click()
    expect(card(page, label)).to_be_focused()
    assert page.locator("#search").input_value() == ""
    page.go_back()
    assert page.locator("#search").input_value() == "detect"
    assert page.locator("#section-filter").input_value() == "0"
    expect(page.locator("#practice-summary")).to_be_visible()
    page.locator("#practice-summary .practice-close").click()
    assert labels(page) == before and page.locator("#browse").is_visible()
    page.go_forward()
    expect(card(page, label)).to_be_focused()
    assert page.locator("#search").input_value() == ""


def practice_run(page, count: int) -> None:
    """A practice run of `count` questions of every section, started."""
    page.locator("#practice-open").click()
    page.locator("#count-input").fill(str(count))
    page.locator("#practice-setup button[type=submit]").click()


def practised(page) -> str:
    return page.locator("#practice-question .number").inner_text()


def summary_rows(page) -> list[list[str]]:
    rows = page.locator("#summary-table tbody tr")
    return [rows.nth(i).locator("th, td").all_inner_texts() for i in range(rows.count())]


def test_a_reload_and_a_dropped_tab_keep_a_practice_run_its_ratings_and_its_clock(
    open_page, bundled_page, bundled_bank
):
    """A phone that drops the tab in a practice run, or a reload, brought back the list: the
    run, where it was, its ratings and its clock lost. They come back with the page's entry
    of the tab's history: the same questions in their order, the one shown with its answer
    open, the time each took, the clock at the time used (not the time away, paused or
    not), focus on the control that had it; and an ended run's summary."""
    minutes = {q.label: q.minutes or 5 for q in bundled_bank.questions}
    page = open_page(bundled_page, clock=True, viewport=PHONE).page
    address = page.url
    practice_run(page, 4)
    order = [practised(page)]
    page.clock.run_for(20_000)
    rate(page, "practice-" + order[0].lower(), "good")
    order.append(practised(page))
    page.clock.run_for(10_000)
    rate(page, "practice-" + order[1].lower(), "hard")
    order.append(practised(page))
    page.clock.run_for(15_000)
    third = page.locator("#practice-question article")
    third.locator(".reveal").click()
    third.locator('.rating[data-rating="again"]').focus()
    left = f"{minutes[order[2]] - 1}:45 left"
    expect(page.locator("#timer")).to_have_text(left)

    page.reload()  # at once: the run is written as the page is left
    ready(page)
    assert page.locator("#browse").is_hidden() and page.locator("#practice-run").is_visible()
    assert page.locator("#practice-step").inner_text() == "Question 3 of 4"
    assert practised(page) == order[2]
    assert third.locator(".reveal").get_attribute("aria-expanded") == "true"
    expect(third.locator(".answer")).to_be_visible()
    expect(third.locator('.rating[data-rating="again"]')).to_be_focused()
    expect(page.locator("#timer")).to_have_text(left)
    page.clock.run_for(5_000)  # and it runs on
    expect(page.locator("#timer")).to_have_text(f"{minutes[order[2]] - 1}:40 left")
    assert page.url == address

    # the tab put away, then dropped an hour later: nothing written after it was hidden
    page.evaluate(
        """() => { Object.defineProperty(document, "hidden", {value: true, configurable: true});
            document.dispatchEvent(new Event("visibilitychange"));
            history.replaceState = () => {}; }"""
    )
    page.clock.run_for(3_600_000)
    page.reload()
    ready(page)
    assert practised(page) == order[2]
    expect(page.locator("#timer")).to_have_text(f"{minutes[order[2]] - 1}:40 left")
    page.clock.run_for(5_000)
    # paused, it stays paused
    page.locator("#pause").click()
    page.reload()
    ready(page)
    expect(page.locator("#timer")).to_have_text(f"{minutes[order[2]] - 1}:35 left")
    assert page.locator("#timer-state").inner_text() == "Paused"
    expect(page.get_by_role("button", name="Resume", exact=True)).to_be_visible()
    page.locator("#pause").click()
    page.clock.run_for(5_000)
    third.locator('.rating[data-rating="again"]').click()
    order.append(practised(page))
    assert len(set(order)) == 4
    page.locator("#finish").click()
    rows = summary_rows(page)
    assert [row[0].split(" ")[0] for row in rows] == order
    assert [row[2:] for row in rows] == [
        ["0:20", "Good"], ["0:10", "Hard"], ["0:30", "Again"], ["0:00", "not rated"]
    ]  # fmt: skip
    text = page.locator("#summary-text").inner_text()
    page.reload()
    ready(page)
    assert page.locator("#practice-summary").is_visible() and page.locator("#browse").is_hidden()
    assert summary_rows(page) == rows and page.locator("#summary-text").inner_text() == text
    expect(page.locator("#summary-heading")).to_be_focused()
    # the summary's Back: the list, and a reload keeps it
    page.locator("#practice-summary .practice-close").click()
    page.reload()
    ready(page)
    assert page.locator("#browse").is_visible() and page.locator("#practice").is_hidden()
    expect(page.locator("#practice-open")).to_be_focused()


def put_away(page, hidden: bool) -> None:
    """The tab hidden (another tab or app in front) or shown again, as the page sees it.
    Chromium's headless shell never hides a page: another page brought to the front, its
    window minimised (Browser.setWindowBounds) or frozen (Page.setWebLifecycleState), it
    stays "visible" and fires no visibilitychange. So the document says it and the event
    fires, as a browser with a screen does."""
    page.evaluate(
        """(hidden) => {
            const state = {hidden, visibilityState: hidden ? "hidden" : "visible"};
            for (const [name, value] of Object.entries(state))
                Object.defineProperty(document, name, {value, configurable: true});
            document.dispatchEvent(new Event("visibilitychange")); }""",
        hidden,
    )


def test_a_practice_clock_stops_while_the_tab_is_hidden(open_page, bundled_page, bundled_bank):
    """A learner who went to another app in a practice run came back to a clock that had
    run on, the time away counted as the question's. It stops while the tab is hidden and
    goes on when it shows again; a paused clock stays paused; the summary's times are the
    time spent on each question."""
    minutes = {q.label: q.minutes or 5 for q in bundled_bank.questions}
    page = open_page(bundled_page, clock=True, viewport=PHONE).page
    practice_run(page, 2)
    first = practised(page)
    page.clock.run_for(10_000)
    put_away(page, True)
    page.clock.run_for(600_000)
    put_away(page, False)
    expect(page.locator("#timer")).to_have_text(f"{minutes[first] - 1}:50 left")
    page.clock.run_for(5_000)
    expect(page.locator("#timer")).to_have_text(f"{minutes[first] - 1}:45 left")
    assert page.locator("#timer-state").inner_text() == ""
    # paused, then away and back: still paused, at the same time
    page.locator("#pause").click()
    put_away(page, True)
    page.clock.run_for(60_000)
    put_away(page, False)
    page.clock.run_for(3_000)
    expect(page.locator("#timer")).to_have_text(f"{minutes[first] - 1}:45 left")
    assert page.locator("#timer-state").inner_text() == "Paused"
    expect(page.get_by_role("button", name="Resume", exact=True)).to_be_visible()
    page.locator("#pause").click()
    page.clock.run_for(5_000)
    rate(page, "practice-" + first.lower(), "good")
    second = practised(page)
    page.clock.run_for(7_000)
    put_away(page, True)  # away when the question's time would have run out
    page.clock.run_for(minutes[second] * 60_000)
    put_away(page, False)
    page.clock.run_for(1_000)
    expect(page.locator("#timer")).to_have_text(f"{minutes[second] - 1}:52 left")
    page.locator("#finish").click()
    rows = summary_rows(page)
    assert [row[2:] for row in rows] == [["0:20", "Good"], ["0:08", "not rated"]]
    assert page.locator("#summary-text").inner_text().startswith("2 questions in 0:28")


def test_a_reload_and_a_dropped_tab_keep_the_practice_setup(
    open_page, bundled_page, bundled_bank, axe_source
):
    """A learner who set up a practice run (minutes, not a count; two sections) and reloaded,
    or whose phone dropped the tab, found the list and the setup's defaults. The setup comes
    back with the page's entry of the tab's history, as a run does, with what was chosen and
    focus where it was; the choices stay for the next run after a reload in a run too."""
    page = open_page(bundled_page, viewport=PHONE).page
    names = [bundled_bank.sections[1].name, bundled_bank.sections[3].name]

    def choices() -> list:
        ticked = page.locator("#practice-sections input:checked")
        return [
            page.locator("#by-minutes").is_checked(),
            page.locator("#count-input").input_value(),
            page.locator("#minutes-input").input_value(),
            [page.locator(f"label[for='{ticked.nth(i).get_attribute('id')}']").inner_text()
             for i in range(ticked.count())],
        ]  # fmt: skip

    page.locator("#practice-open").click()
    page.locator("#count-input").fill("3")
    page.locator("#by-minutes").check()
    page.locator("#minutes-input").fill("12")
    for name in names:
        page.get_by_role("checkbox", name=name, exact=True).check()
    chosen = choices()
    assert chosen == [True, "3", "12", names]
    page.reload()  # at once: the setup is written as the page is left
    ready(page)
    assert page.locator("#browse").is_hidden() and page.locator("#practice-setup").is_visible()
    assert choices() == chosen
    expect(page.get_by_role("checkbox", name=names[1], exact=True)).to_be_focused()
    assert axe_violations(page, axe_source) == []
    # a phone's dropped tab: written as the tab was put away, nothing after
    page.locator("#minutes-input").fill("25")
    put_away(page, True)
    page.evaluate("history.replaceState = () => {}")
    page.reload()
    ready(page)
    chosen[2] = "25"
    assert page.locator("#practice-setup").is_visible() and choices() == chosen
    expect(page.locator("#minutes-input")).to_be_focused()
    # back to the list, reloaded: the list, and Practice shows the same choices
    page.locator("#practice-setup .practice-close").click()
    page.reload()
    ready(page)
    assert page.locator("#browse").is_visible() and page.locator("#practice").is_hidden()
    page.locator("#practice-open").click()
    assert choices() == chosen
    # a run started from them, reloaded, then ended: Practise again shows them still
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#practice-run")).to_be_visible()
    page.reload()
    ready(page)
    expect(page.locator("#practice-run")).to_be_visible()
    page.locator("#finish").click()
    page.locator("#practice-again").click()
    assert choices() == chosen


def test_a_reload_keeps_the_focus_on_the_control_that_had_it(open_page, bundled_page):
    """A reload put a keyboard's user back at the page's top, wherever focus had been. It
    comes back to the control that had it: a question's rating button, a question, the
    search box."""
    page = open_page(bundled_page, viewport=PHONE).page
    card(page, "Q5").locator(".reveal").click()
    # the answer's write done (400 ms after the click), so that focus alone moves next
    page.wait_for_function(
        "id => history.state?.qbank?.open.includes(id)",
        arg=card(page, "Q5").get_attribute("data-id"),
        polling=50,
    )
    hard = card(page, "Q5").locator('.rating[data-rating="hard"]')
    hard.focus()
    page.reload()
    ready(page)
    expect(hard).to_be_focused()
    card(page, "Q7").focus()
    page.reload()
    ready(page)
    expect(card(page, "Q7")).to_be_focused()
    page.locator("#search").focus()
    page.reload()
    ready(page)
    expect(page.locator("#search")).to_be_focused()


def test_back_to_a_practice_summary_from_a_questions_link(open_page, bundled_page):
    """A question's link in an ended run's summary shows it in the list; Back gave the list,
    the summary gone. Back gives the summary again, Forward the question."""
    page = open_page(bundled_page).page
    practice_run(page, 2)
    page.locator("#skip").click()
    page.locator("#practice-question .reveal").click()
    page.locator('#practice-question .rating[data-rating="good"]').click()
    rows = summary_rows(page)
    link = page.locator("#summary-table a.number").last
    label = link.inner_text()
    link.click()
    expect(card(page, label)).to_be_focused()
    assert page.locator("#practice").is_hidden()
    page.go_back()
    expect(page.locator("#practice-summary")).to_be_visible()
    assert page.locator("#browse").is_hidden() and summary_rows(page) == rows
    page.go_forward()
    expect(card(page, label)).to_be_focused()
    assert page.locator("#practice").is_hidden()


def test_a_practice_run_whose_question_left_the_bank_is_not_taken_up(study, tmp_path, bundled_bank):
    """The page rebuilt from a bank that lost a question of the run: a reload shows the
    list, as before a run (its questions are no longer those it asked), the ratings given
    in the run kept with the others."""
    source = tmp_path / "bank" / DEFAULT_BANK.name
    source.parent.mkdir()
    shutil.copy(DEFAULT_BANK, source)
    path = build_page(source, tmp_path / "out")
    page = study(path)
    practice_run(page, len(bundled_bank.questions))
    first = practised(page)
    rate(page, "practice-" + first.lower(), "good")
    second = next(q for q in bundled_bank.questions if q.label == practised(page))
    stored(page, next(q.id for q in bundled_bank.questions if q.label == first))
    text = source.read_text(encoding="utf-8")
    assert text.count(f"id: {second.id}\n") == 1
    source.write_text(text.replace(f"id: {second.id}\n", f"id: {second.id}-new\n"), "utf-8")
    build_page(source, tmp_path / "out")
    page.reload()
    ready(page)
    assert page.locator("#browse").is_visible() and page.locator("#practice").is_hidden()
    assert page.locator("#practice-open").is_enabled()
    expect(card(page, first).locator(".badge")).to_have_text("Good")


def test_esc_from_a_question_clears_the_search_and_filters_and_keeps_the_question(
    open_page, bundled_page, bundled_bank, axe_source
):
    """Esc cleared the search only from the search box: from a question, where Enter had
    taken the learner, it did nothing. From anywhere in the list it clears the search and
    filters, focus kept on the same control of the same question, where it was on the
    screen (as a browser's find bar closes on the match); a screen reader hears the new
    count. It never takes Esc from an input method (it cleared the box), the reset dialog,
    which closes, nor from a practice run, and does nothing with nothing to clear."""
    page = open_page(bundled_page, viewport=PHONE).page
    total = len(bundled_bank.questions)
    page.select_option("#section-filter", label=bundled_bank.sections[2].name)
    page.locator("#search").press_sequentially("prompt")
    assert labels(page) == ["Q16", "Q17", "Q22"]
    button = card(page, "Q22").locator(".reveal")
    button.click()
    button.focus()
    top = button.evaluate("b => b.getBoundingClientRect().top")
    page.keyboard.press("Escape")
    assert len(labels(page)) == total
    assert page.locator("#search").input_value() == ""
    assert page.locator("#section-filter").input_value() == ""
    expect(card(page, "Q22").locator(".reveal")).to_be_focused()
    assert card(page, "Q22").locator(".reveal").get_attribute("aria-expanded") == "true"
    assert abs(button.evaluate("b => b.getBoundingClientRect().top") - top) < 2
    expect(page.locator("#count")).to_have_text(f"{total} questions")
    assert axe_violations(page, axe_source) == []
    scrolled = page.evaluate("scrollY")
    page.keyboard.press("Escape")  # nothing to clear: nothing moves
    assert page.evaluate("scrollY") == scrolled
    expect(card(page, "Q22").locator(".reveal")).to_be_focused()
    # from the question itself (j), the rating filter set
    page.select_option("#rating-filter", value="none")
    page.locator("#search").fill("alert")
    page.locator("#search").press("Enter")  # on to the first question found
    expect(card(page, "Q17")).to_be_focused()
    page.keyboard.press("Escape")
    expect(card(page, "Q17")).to_be_focused()
    assert page.locator("#rating-filter").input_value() == "" and len(labels(page)) == total
    # an input method's Esc cancels what it composes: the search stays
    page.locator("#search").fill("alert")
    page.locator("#search").dispatch_event("keydown", {"key": "Escape", "isComposing": True})
    assert page.locator("#search").input_value() == "alert"
    # the reset dialog takes its own Esc: it closes, the search stays
    page.evaluate("document.getElementById('keep').open = true")
    page.locator("#reset").click()
    page.keyboard.press("Escape")
    expect(page.locator("#reset-dialog")).to_be_hidden()
    assert page.locator("#search").input_value() == "alert"
    assert labels(page) == searched(bundled_bank, "alert")
    # nor from a practice run: it goes on, and the search waits behind it
    page.locator("#practice-open").click()
    page.locator("#count-input").fill("1")
    page.locator("#practice-setup button[type=submit]").click()
    page.locator("#practice-question .reveal").focus()
    page.keyboard.press("Escape")
    expect(page.locator("#practice-run")).to_be_visible()
    page.locator("#finish").click()
    page.locator("#practice-summary .practice-close").click()
    assert page.locator("#search").input_value() == "alert"


def test_practice_mode_with_a_controlled_clock(open_page, bundled_page, bundled_bank):
    """Count mode under a clock the test moves, then minutes mode."""
    page = open_page(bundled_page, clock=True).page
    section = bundled_bank.sections[0]
    in_section = {q.label: q for q in bundled_bank.questions_in(section)}
    page.locator("#practice-open").click()
    assert page.locator("#browse").is_hidden()
    page.locator("#count-input").fill("2")
    page.get_by_role("checkbox", name=section.name, exact=True).check()
    page.get_by_role("button", name="Start").click()
    assert page.locator("#practice-step").inner_text() == "Question 1 of 2"
    label = page.locator("#practice-question .number").inner_text()
    assert label in in_section
    minutes = in_section[label].minutes
    assert page.locator("#timer").inner_text() == f"{minutes}:00 left"

    # in a run the number is no link, which left the run (a trial); the skip link leads
    # to the practice, as the list it leads to is hidden
    assert page.locator("#practice-question .number").evaluate("e => e.localName") == "span"
    assert page.locator("a.skip").get_attribute("href") == "#practice-heading"
    page.clock.run_for(30_000)
    assert page.locator("#timer").inner_text() == f"{minutes - 1}:30 left"
    page.locator("#pause").click()
    assert page.locator("#timer-state").inner_text() == "Paused"
    # its name says what it does next, without a pressed state ("Resume, pressed")
    resume = page.get_by_role("button", name="Resume", exact=True)
    assert resume.is_visible() and resume.get_attribute("aria-pressed") is None
    # and a screen reader hears it: a focused button's new name is not read out by every
    # one (JAWS read the old name), so the status line says it (a phone trial)
    assert page.locator("#status").inner_text() == "Paused"
    page.clock.run_for(120_000)
    assert page.locator("#timer").inner_text() == f"{minutes - 1}:30 left"
    page.locator("#pause").click()
    assert page.locator("#status").inner_text() == f"{minutes - 1}:30 left"
    page.clock.run_for(minutes * 60_000)
    assert page.locator("#timer").inner_text() == "0:00 left"
    assert page.locator("#timer-state").inner_text() == "Time is up"

    practised = page.locator("#practice-question article")
    practised.locator(".reveal").click()
    # its answer's headings stand under its h4 question: h5 (they were its siblings)
    assert practised.locator(".answer h5").first.inner_text() == "Hint"
    assert practised.locator(".answer h4").count() == 0
    practised.locator('.rating[data-rating="hard"]').click()
    assert page.locator("#practice-step").inner_text() == "Question 2 of 2"
    second = page.locator("#practice-question .number").inner_text()
    assert second in in_section and second != label
    page.clock.run_for(65_000)
    page.locator("#finish").click()

    assert page.locator("#practice-summary").is_visible()
    rows = page.locator("#summary-table tbody tr")
    assert rows.count() == 2
    first_row = rows.nth(0).locator("td").all_inner_texts()
    assert first_row[0] == str(minutes)
    assert first_row[2] == "Hard"
    # 30 s, then paused, then the whole limit: the limit plus 30 s of use
    assert first_row[1] == f"{minutes}:30"
    assert rows.nth(1).locator("td").all_inner_texts()[1:] == ["1:05", "not rated"]
    summary = page.locator("#summary-text").inner_text()
    assert summary.startswith(f"2 questions in {minutes + 1}:35")
    assert "Hard 1" in summary
    # the rating made in practice is a rating like any other
    page.locator(".practice-close").last.click()
    assert card(page, label).locator(".badge").inner_text() == "Hard"
    assert page.locator("a.skip").get_attribute("href") == "#questions"

    # minutes mode: the questions fit the time
    page.locator("#practice-open").click()
    page.locator("#by-minutes").check()
    page.locator("#minutes-input").fill("12")
    page.get_by_role("button", name="Start").click()
    # a run is not thrown away by the Practice button beside it (a trial lost one so)
    assert page.locator("#practice-open").is_disabled()
    page.locator("#finish").click()
    assert page.locator("#practice-open").is_enabled()
    page.locator("#practice-again").click()
    page.locator("#minutes-input").fill("1")
    page.get_by_role("button", name="Start").click()
    assert page.locator("#practice-error").inner_text().startswith("No question fits 1 minute:")
    # a new choice clears it (a trial saw it stay); the page's own words say what is wrong,
    # not the browser's, in the browser's language (a Spanish trial saw English)
    page.locator("#minutes-input").fill("0.5")
    assert page.locator("#practice-error").inner_text() == ""
    page.get_by_role("button", name="Start").click()
    assert page.locator("#practice-error").inner_text().startswith("No question fits 0.5 minutes")
    page.locator("#by-count").check()
    page.locator("#count-input").fill("0")
    page.get_by_role("button", name="Start").click()
    assert page.locator("#practice-error").inner_text() == (
        "Give a whole number of questions, 1 or more."
    )
    page.locator("#count-input").fill("5")
    page.locator("#by-minutes").check()

    # minutes mode picks questions that fit, from every section when none is chosen
    page.get_by_role("checkbox", name=section.name, exact=True).uncheck()
    page.locator("#minutes-input").fill("15")
    page.get_by_role("button", name="Start").click()
    limits = {q.label: q.minutes or 5 for q in bundled_bank.questions}
    picked = []
    while page.locator("#practice-run").is_visible():
        picked.append(page.locator("#practice-question .number").inner_text())
        assert page.locator("#practice-step").inner_text().startswith(f"Question {len(picked)} of")
        page.locator("#skip").click()
    assert picked and len(set(picked)) == len(picked)
    assert sum(limits[label] for label in picked) <= 15
    assert page.locator("#summary-table tbody tr").count() == len(picked)


def test_export_then_import_into_a_fresh_profile(study, bundled_page, bundled_bank, tmp_path):
    """The fresh profile is the same tab with the page's storage emptied, which is all the
    page can tell of a new profile (it keeps nothing else), and far cheaper than one."""
    page = study(bundled_page)
    rated = {bundled_bank.questions[0].label: "Good", bundled_bank.questions[9].label: "Again"}
    for label, rating in rated.items():
        rate(page, label, rating.lower())
    with page.expect_download() as download:
        page.locator("#export").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"{bundled_bank.name}-progress.json"
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert exported["bank"] == bundled_bank.name
    assert len(exported["ratings"]) == 2

    page.evaluate("localStorage.clear()")
    fresh = study(bundled_page)
    assert fresh.locator("#overall-text").inner_text().startswith("0 Good")
    with fresh.expect_file_chooser() as chooser:
        fresh.locator("#import").click()
    chooser.value.set_files(saved)
    for label, rating in rated.items():
        expect(card(fresh, label).locator(".badge")).to_have_text(rating)
    expect(fresh.locator("#keep-status")).to_contain_text("Imported 2 ratings")

    other = tmp_path / "other.json"
    other.write_text(json.dumps(exported | {"bank": "another-bank"}), encoding="utf-8")
    with fresh.expect_file_chooser() as chooser:
        fresh.locator("#import").click()
    chooser.value.set_files(other)
    expect(fresh.locator("#keep-status")).to_contain_text("another-bank")

    # a bank that is no text threw in the page (a hostile trial); a rating that is a list
    # was read as its text
    odd = exported | {"bank": {"toString": 1}}
    odd["ratings"] = {bundled_bank.questions[1].id: {"rating": ["good"], "at": 9e12}}
    for value, said in (
        (odd, "not a progress file exported"),
        (exported | {"ratings": odd["ratings"]}, "Imported 0 ratings"),
        # dated past tomorrow: it would never give way to a later rating (a hostile trial)
        (
            exported | {"ratings": {bundled_bank.questions[1].id: {"rating": "good", "at": 1e308}}},
            "Imported 0 ratings",
        ),  # fmt: skip
    ):
        other.write_text(json.dumps(value), encoding="utf-8")
        with fresh.expect_file_chooser() as chooser:
            fresh.locator("#import").click()
        chooser.value.set_files(other)
        expect(fresh.locator("#keep-status")).to_contain_text(said)
    # more ratings than the browser keeps for the page: nothing of them, and a rating given
    # after still survives a reload (every later save failed without a word)
    long = "y" * 10_000  # few ids, each long: 7 million characters, over Chromium's quota
    huge = exported | {"ratings": {f"x{n}{long}": {"rating": "good", "at": 1} for n in range(700)}}
    other.write_text(json.dumps(huge, separators=(",", ":")), encoding="utf-8")
    with fresh.expect_file_chooser() as chooser:
        fresh.locator("#import").click()
    chooser.value.set_files(other)
    expect(fresh.locator("#keep-status")).to_contain_text("more ratings than this browser keeps")
    question = bundled_bank.questions[2]
    rate(fresh, question.label, "hard")
    kept = f"JSON.parse(localStorage.getItem('qbank:{bundled_bank.name}')).ratings"
    assert fresh.evaluate(f"{kept}[{json.dumps(question.id)}].rating") == "hard"
    rate(fresh, question.label, "hard")  # unrated again: the reset below counts the first two

    # reset asks first; keeping is the default
    fresh.locator("#reset").click()
    assert fresh.locator("#reset-dialog").is_visible()
    fresh.keyboard.press("Enter")
    expect(fresh.locator("#reset-dialog")).to_be_hidden()
    expect(fresh.locator("#overall-text")).to_contain_text("1 Good")
    fresh.locator("#reset").click()
    fresh.get_by_role("button", name="Reset", exact=True).click()
    expect(fresh.locator("#overall-text")).to_contain_text("0 Good, 0 Hard, 0 Again")
    # the reset reached the browser's storage before the reload reads it (see `stored`);
    # another document that reads no ratings at all has not seen the writes yet: it waits
    # (its null threw in the condition, which failed the wait at once, 1 run in about 30)
    key = json.dumps(f"qbank:{bundled_bank.name}")
    persisted(
        fresh,
        f"""() => localStorage.getItem({key}) !== null
              && Object.keys(JSON.parse(localStorage.getItem({key})).ratings).length === 0""",
    )
    fresh.reload()
    fresh.wait_for_selector("html[data-ready]", state="attached")
    assert fresh.locator("#overall-text").inner_text().startswith("0 Good, 0 Hard, 0 Again")
    # nothing to remove: the dialog says so, with no red button that removes nothing
    fresh.locator("#reset").click()
    expect(fresh.locator("#reset-text")).to_have_text("There are no ratings to remove yet.")
    assert fresh.locator("#reset-dialog button[value=reset]").is_hidden()
    fresh.keyboard.press("Escape")


def test_print_is_the_study_edition_without_controls(study, bundled_page, bundled_bank):
    page = study(bundled_page)
    rate(page, bundled_bank.questions[0].label, "good")  # a rated question has a badge
    page.emulate_media(media="print")
    # the page fills every answer on the print media's change event, which Chromium sends
    # a moment after emulate_media returns (a printer's beforeprint comes first): read the
    # page once it has (read at once, Q2's answer was still empty in one run of ten)
    page.wait_for_function(
        "() => [...document.querySelectorAll('article.question .answer')]"
        ".every((answer) => answer.firstChild)"
    )
    for selector in ("button", "input", "select", "#progress", "#count", ".badge"):
        assert page.locator(selector).count() > 0, selector
        assert page.locator(selector).filter(visible=True).count() == 0, selector
    answers = page.locator("article.question .answer")
    assert answers.count() == len(bundled_bank.questions)
    assert answers.filter(visible=False).count() == 0
    # what the printed page holds: the rendered text under the print style
    text = page.locator("body").inner_text()
    squashed = "".join(text.split())
    for q in bundled_bank.questions:
        assert "".join(plain(q.hint).split()) in squashed, q.label
    lines = text.splitlines()
    for control in ("Show answer", "Export progress", "Your progress", "Practice", "Search"):
        assert control not in lines
    assert text.count("Hint") == len(bundled_bank.questions)
    # printed from a phone at night: the code's colours are the day's, on white paper (a
    # trial printed strings at 1.5:1)
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate(
        "() => [...new Set([...document.querySelectorAll('[class^=tok-], [class*=\" tok-\"]')]"
        ".map((token) => getComputedStyle(token).color))]"
    )
    assert len(colours) >= 3
    assert all(_contrast(colour, "rgb(255, 255, 255)") >= 4.5 for colour in colours), colours


def hostile_banks() -> list[str]:
    """The hostile banks that build (hostile-refused-* are refused by the loader)."""
    names = [p.name for p in FIXTURES.glob("hostile-*.yaml")]
    return sorted(n for n in names if not n.startswith("hostile-refused-")) + ["html-rtl.yaml"]


# What a page shows, read in one call: a call per element would cost more than the page.
# Every answer is opened first (each is built when first shown) by its button's click handler.
SHOWN = """() => {
  const texts = (root, selector, how = 'textContent') =>
    [...root.querySelectorAll(selector)].map((e) => e[how]);
  const reveals = [...document.querySelectorAll('.reveal')];
  reveals.forEach((button) => button.click());
  return {
    title: document.title,
    h1: texts(document, 'h1', 'innerText'),
    scripts: document.querySelectorAll('script').length,
    revealed: reveals.filter((b) => b.getAttribute('aria-expanded') === 'true').length,
    made: texts(document, '#questions *', 'localName'),
    questions: [...document.querySelectorAll('#questions article.question')].map((a) => ({
      id: a.id,
      question: texts(a, '.question-head .text'),
      codes: texts(a, '.question-head code', 'innerText'),
      hint: texts(a, '.answer p.text').slice(0, 1),
      items: texts(a, '.answer li'),
      tags: texts(a, '.tag', 'innerText'),
    })),
  };
}"""


# The questions with code spans, which the page shows as code elements; the others have none.
CODE_SPANS = {
    ("hostile-markup.yaml", "q2"): ["rm -rf /", "<tag>"],
    ("html-rtl.yaml", "q1"): ["<script>"],
}


@pytest.mark.parametrize("name", hostile_banks())
def test_hostile_text_shows_literally(study, built, name):
    bank = load_bank(FIXTURES / name)
    shown = study(built_page(built, FIXTURES / name)).evaluate(SHOWN)
    assert shown["title"] == bank.title
    assert shown["h1"] == [bank.title]
    assert shown["revealed"] == len(bank.questions)
    assert [one["id"] for one in shown["questions"]] == [q.label.lower() for q in bank.questions]
    for q, one in zip(bank.questions, shown["questions"], strict=True):
        assert one["question"] == [plain(q.question)]
        assert one["codes"] == CODE_SPANS.get((name, one["id"]), [])
        assert one["hint"] == [plain(q.hint)]
        assert one["items"] == [plain(t) for t in (*q.follow_ups, *q.look_for)]
        assert one["tags"] == list(q.tags)
    # nothing in the bank became an element: only the page's own kinds of element
    assert set(shown["made"]) <= {
        "section",
        "h2",
        "p",
        "article",
        "h3",
        "a",
        "span",
        "button",
        "div",
        "h4",
        "ul",
        "li",
        "code",
    }
    assert shown["scripts"] == 2


def contrast_failures(page) -> list[str]:
    """Text whose colour on its background is under WCAG AA's 4.5:1."""
    return page.evaluate(
        """() => {
        const rgb = (s) => s.match(/[\\d.]+/g).map(Number);
        const lum = ([r, g, b]) => {
          const c = [r, g, b].map((v) => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
          return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        };
        const background = (e) => {
          for (; e; e = e.parentElement) {
            const c = rgb(getComputedStyle(e).backgroundColor);
            if (c.length < 4 || c[3] > 0) return c;
          }
          return rgb(getComputedStyle(document.documentElement).backgroundColor);
        };
        const failures = [];
        for (const e of document.querySelectorAll('body *')) {
          const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
          if (!own || !e.checkVisibility()) continue;
          const style = getComputedStyle(e);
          const a = lum(rgb(style.color)), b = lum(background(e));
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          if (ratio < 4.5) failures.push(e.localName + '.' + e.className + ' ' + ratio.toFixed(2));
        }
        return failures;
      }"""
    )


def test_contrast_and_visible_focus(study, bundled_page, bundled_bank):
    """Both schemes on one load: the colours follow the media query alone (no script reads
    it), so switching the emulated scheme is as good as loading the page in it."""
    page = study(bundled_page)
    for q, rating in zip(bundled_bank.questions, ("again", "hard", "good"), strict=False):
        rate(page, q.label, rating)
    page.locator("#by-section").evaluate("e => e.open = true")
    page.locator("details.keys").evaluate("e => e.open = true")
    # in a short window the opened panel scrolls on its own: its foot (the keys, the
    # reset) stayed below the window until the end of the page was reached
    size = page.viewport_size
    page.set_viewport_size({"width": 1280, "height": 600})
    try:
        box = page.evaluate(
            "(() => { const p = document.querySelector('#progress');"
            " return [p.getBoundingClientRect().bottom, p.scrollHeight > p.clientHeight]; })()"
        )
        assert box[0] <= 600 and box[1], box
    finally:
        page.set_viewport_size(size)
    # a pressed rating is named by its word ("Good"), its tick drawn only
    first = card(page, bundled_bank.questions[2].label)
    assert first.get_by_role("button", name="Good", exact=True, pressed=True).count() == 1
    # forced colours: the filled part of a progress bar stands apart from its track (it was
    # a void: the browser replaced its colour with the page's)
    page.emulate_media(forced_colors="active")
    try:
        from PIL import Image

        shot = Image.open(io.BytesIO(page.locator("#overall").screenshot())).convert("RGB")
        middle = shot.height // 2
        filled, track = shot.getpixel((4, middle)), shot.getpixel((shot.width - 5, middle))
        assert filled != track, (filled, track)
    finally:
        page.emulate_media(forced_colors="none")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (
            scheme == "dark"
        )
        assert contrast_failures(page) == [], scheme
        page.locator("#practice-open").click()
        assert contrast_failures(page) == [], scheme
        page.locator(".practice-close").first.click()
        # keyboard focus is visible on every control it reaches
        page.locator("body").focus()
        for _ in range(8):
            page.keyboard.press("Tab")
            outline = page.evaluate(
                "(() => { const s = getComputedStyle(document.activeElement);"
                " return [document.activeElement.localName, s.outlineStyle, s.outlineWidth]; })()"
            )
            assert outline[1] != "none" and outline[2] == "3px", (scheme, outline)


def png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_phone_width(open_page, bundled_page, tmp_path):
    page = open_page(bundled_page, viewport=PHONE, device_scale_factor=2).page
    # the progress panel, above the questions in one column, leaves most of the first
    # screen to them: its summaries and Practice share rows (it took 310 of 740 pixels)
    panel = page.evaluate("document.querySelector('#progress').getBoundingClientRect().height")
    assert panel <= PHONE["height"] / 3, panel
    # the title lines up with the panels under it, and the search box shows its whole hint
    # (it read 'question, hint, nc')
    left = "s => document.querySelector(s).getBoundingClientRect().left"
    title = page.evaluate(f"({left})('.masthead h1')")
    assert title == page.evaluate(f"({left})('#progress')") == page.evaluate(f"({left})('#search')")
    hint_room = page.evaluate(
        """() => { const box = document.querySelector('#search'), style = getComputedStyle(box);
        const pen = document.createElement('canvas').getContext('2d');
        pen.font = style.font;
        return box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
          - pen.measureText(box.placeholder).width; }"""
    )
    assert hint_room >= 0, hint_room
    # the on-screen keyboard leaves 300 pixels: a search typed there shows its box and,
    # under the three drop-downs, how many questions match (they hid it: a phone trial)
    page.set_viewport_size({"width": PHONE["width"], "height": 300})
    page.locator("#search").fill("detection")
    boxes = "['#search', '#count'].map(s => document.querySelector(s).getBoundingClientRect())"
    boxes += ".map(r => [Math.round(r.top), Math.round(r.bottom)])"
    (search_top, _), (_, count_bottom) = page.evaluate(boxes)
    assert search_top >= 0 and count_bottom <= 300, page.evaluate(boxes)
    page.locator("#search").fill("")
    page.set_viewport_size(PHONE)
    card(page, "Q1").locator(".reveal").click()
    no_sideways_scroll = "document.documentElement.scrollWidth <= innerWidth"
    assert page.evaluate(no_sideways_scroll)
    shot = tmp_path / "phone.png"
    page.screenshot(path=shot)
    assert png_size(shot) == (720, 1480)
    page.locator("#practice-open").click()
    assert page.evaluate(no_sideways_scroll)
    page.get_by_role("button", name="Start").click()
    assert page.evaluate(no_sideways_scroll)
    page.locator("#finish").click()
    assert page.evaluate(no_sideways_scroll)
    # the summary's headings and numbers break at spaces only ("Mi/nu/tes", "0:0/2" when
    # the columns shrank to a letter each): no word of theirs is drawn on two lines
    broken = page.evaluate(
        """() => [...document.querySelectorAll('#summary-table thead th, #summary-table td')]
        .flatMap(cell => { const words = [], text = cell.firstChild;
          for (const m of (text?.textContent ?? '').matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(text, m.index); range.setEnd(text, m.index + m[0].length);
            if (range.getClientRects().length > 1) words.push(m[0]);
          }
          return words; })"""
    )
    assert page.locator("#summary-table td").count() == 3 and broken == []
    # every control is big enough to tap
    small = page.evaluate(
        "[...document.querySelectorAll('button')].filter(b => b.checkVisibility())"
        ".map(b => b.getBoundingClientRect()).filter(r => r.height < 40).length"
    )
    assert small == 0
    # and every link at least 24 by 24 CSS pixels, WCAG 2.2's target size (a question's
    # number link was 23 by 23)
    links = page.evaluate(
        "[...document.querySelectorAll('a')].filter(a => a.checkVisibility())"
        ".map(a => a.getBoundingClientRect()).filter(r => r.width < 24 || r.height < 24)"
        ".length"
    )
    assert links == 0


# A big bank: the bundled bank's 50 questions repeated with new ids. 1,000 in the suite: 17
# pages' worth, and a search there matches 240 (four pages), which is all that drawing a page
# at a time needs; bench/run.py sets QBANK_KEYSTROKES and times the keystrokes on 5,000.
BIG = 5000 if os.environ.get("QBANK_KEYSTROKES") else 1000
SEARCHED = "prompt inj"


@pytest.fixture(scope="session")
def big_page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    data = yaml.safe_load(DEFAULT_BANK.read_text(encoding="utf-8"))
    base = data["questions"]
    data["questions"] = [
        base[n % len(base)] | {"id": f"{base[n % len(base)]['id']}-{n}"} for n in range(BIG)
    ]
    bank = folder / "big.yaml"
    # JSON is YAML too, and far quicker to write
    bank.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return build_page(bank, folder)


def test_search_on_5000_questions_draws_a_page_at_a_time(
    study, big_page, bundled_bank, record_property
):
    """The list draws at most PAGE_SIZE questions, so a keystroke costs the same on any
    bank (BIG questions: 5,000 for the benchmark, fewer in the suite). The time per
    keystroke is recorded (bench/RESULTS.md), not asserted."""
    copies, rest = divmod(BIG, len(bundled_bank.questions))
    assert rest == 0
    matches = copies * len(searched(bundled_bank, SEARCHED))
    assert matches > 3 * PAGE_SIZE
    page = study(big_page)
    assert page.locator("article.question").count() == PAGE_SIZE
    page.evaluate(
        """() => {
        window.keystrokes = [];
        const search = document.getElementById('search');
        search.addEventListener('keydown', () => { window.started = performance.now(); });
        search.addEventListener('input', () => {
          document.body.offsetHeight;  // the layout of the new list, inside the measure
          window.keystrokes.push(performance.now() - window.started);
        });
      }"""
    )
    page.locator("#search").press_sequentially(SEARCHED)
    times = page.evaluate("window.keystrokes")
    assert len(times) == len(SEARCHED)
    shown = f"{matches} of {BIG} questions match, {PAGE_SIZE} shown"
    assert page.locator("#count").inner_text() == shown
    assert page.locator("article.question").count() == PAGE_SIZE
    # the status region speaks a change only: the same words are not written again
    page.evaluate(
        """() => { window.said = 0; new MutationObserver(() => window.said++).observe(
             document.getElementById('count'), {childList: true, characterData: true,
             subtree: true}); document.getElementById('search')
             .dispatchEvent(new Event('input')); }"""
    )
    assert page.evaluate("window.said") == 0
    page.locator("#more").click()
    assert page.locator("article.question").count() == 2 * PAGE_SIZE
    # focus goes on to the first question the button added (it was left behind)
    focused = page.evaluate("document.activeElement.id")
    assert focused == page.locator("article.question").nth(PAGE_SIZE).get_attribute("id")
    assert page.locator("#count").inner_text() == shown.replace(
        f"{PAGE_SIZE} shown", f"{2 * PAGE_SIZE} shown"
    )
    if os.environ.get("QBANK_KEYSTROKES"):  # bench/run.py records them in bench/RESULTS.md
        Path(os.environ["QBANK_KEYSTROKES"]).write_text(json.dumps(times), encoding="utf-8")
    times.sort()
    record_property("search_keystroke_ms_median", round(times[len(times) // 2], 1))
    record_property("search_keystroke_ms_max", round(times[-1], 1))
    print(f"search keystroke on {BIG:,} questions: median {times[len(times) // 2]:.1f} ms")


def test_an_id_named_like_a_javascript_property_keeps_its_rating(study, built, tmp_path):
    """Progress lives in an object without a prototype: the id `constructor` was taken
    for Object.prototype.constructor, and an imported rating for it was dropped."""
    path = built_page(built, FIXTURES / "html-js-names.yaml")
    page = study(path)
    progress = tmp_path / "progress.json"
    progress.write_text(
        json.dumps(
            {
                "format": "qbank-progress",
                "version": 1,
                "bank": "html-js-names",
                "ratings": {
                    "constructor": {"rating": "good", "at": 1},
                    "hasownproperty": {"rating": "again", "at": 1},
                    "not-on-this-page": {"rating": "good", "at": 1},
                },
            }
        ),
        encoding="utf-8",
    )
    with page.expect_file_chooser() as chooser:
        page.locator("#import").click()
    chooser.value.set_files(progress)
    # a rating of a question the page does not hold is kept for it, and said apart (a
    # trial's "Imported 2 ratings" counted one of a question not in the bank)
    expect(page.locator("#keep-status")).to_contain_text(
        "Imported 2 ratings, and 1 rating of questions not on this page, kept for them"
    )
    expect(card(page, "Q1").locator(".badge")).to_have_text("Good")
    expect(card(page, "Q2").locator(".badge")).to_have_text("Again")
    stored(page, "constructor")  # a reload at once read the storage without it (a review)
    page.reload()
    page.wait_for_selector("html[data-ready]", state="attached")
    assert page.locator("#overall-text").inner_text().startswith("1 Good, 0 Hard, 1 Again")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_shows_pictures_under_its_csp_and_highlights_code(browser, built, scheme):
    """A Markdown bank's page (tests/fixtures/markdown/rich.yaml)."""
    page_path = built("html", "--bank", FIXTURES / "markdown" / "rich.yaml") / "rich.html"
    text = page_path.read_text(encoding="utf-8")
    csp = html.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    )
    assert "img-src data:" in csp and "default-src 'none'" in csp
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        violations = []
        page.on("console", lambda m: violations.append(m.text) if "Content" in m.text else None)
        page.goto(page_path.as_uri())
        for button in page.query_selector_all("button.reveal"):
            button.click()
        images = page.evaluate(
            "[...document.images].map(i => [i.alt, i.complete && i.naturalWidth > 0])"
        )
        assert len(images) == 3 and all(loaded for _, loaded in images), images
        assert all(alt for alt, _ in images)
        colours = page.evaluate(
            """() => {
              const keyword = document.querySelector('figure.code .tok-keyword');
              const plain = keyword.closest('code');
              return [getComputedStyle(keyword).color, getComputedStyle(plain).color,
                      document.querySelector('figure.code figcaption').textContent];
            }"""
        )
        assert colours[0] != colours[1]  # keywords stand out from the code around them
        assert colours[2] in ("Kusto", "Python")
        assert violations == []
        # a picture and the logo stay on white in forced colours (Windows' contrast themes):
        # the system's black ground took the white's place, a diagram's black lines on it
        # (a phone trial); a logo made here, as this bank has none
        page.evaluate("""() => document.querySelector('.masthead').insertAdjacentHTML(
            'afterbegin', '<p class="organisation"><img class="logo" alt="Logo"></p>')""")
        page.emulate_media(forced_colors="active")
        grounds = page.evaluate(
            "[...document.images].map(i => getComputedStyle(i).backgroundColor)"
        )
        assert grounds == ["rgb(255, 255, 255)"] * 4, grounds
        # and a code block keeps a box apart from the text, its grey ground gone there
        edge = page.evaluate(
            """() => { const s = getComputedStyle(document.querySelector('figure.code pre'));
                return [s.borderTopWidth, s.borderTopColor, s.color]; }"""
        )
        assert edge[0] == "1px" and edge[1] == edge[2], edge
        page.emulate_media(forced_colors="none")
        # printed, a link says where it leads (on paper "the pickle docs" led nowhere)
        page.emulate_media(media="print")
        link = page.get_by_role("link", name="the pickle docs")
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert after == '" (https://docs.python.org/3/library/pickle.html)"', after
    finally:
        context.close()


def test_a_tall_picture_fits_a_phones_window(study, tmp_path):
    """A trial's 60 x 900 px picture ran past a 740 px screen: a picture is at most 60% of
    the window tall, its shape kept, so that a picture in a question leaves its 'Show
    answer' button on the screen (at 85% it did not, a visual review)."""
    from PIL import Image

    Image.new("RGB", (60, 900), (200, 30, 30)).save(tmp_path / "tall.png")
    bank = tmp_path / "tall.yaml"
    bank.write_text(
        "title: Tall\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: |\n      Q?\n\n      ![A tall diagram](tall.png)\n"
        "    hint: |\n      ![A tall diagram](tall.png)\n",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    viewport = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        below = page.evaluate(
            "(() => { document.images[0].scrollIntoView({block: 'start'});"
            " const b = document.querySelector('button.reveal').getBoundingClientRect();"
            " return b.bottom <= window.innerHeight; })()"
        )
        assert below, "the question's picture pushed 'Show answer' off the screen"
        page.locator("button.reveal").first.click()
        width, height = page.evaluate(
            "(() => { const r = document.images[0].getBoundingClientRect();"
            " return [r.width, r.height]; })()"
        )
    finally:
        page.set_viewport_size(viewport)
    assert height <= 0.6 * PHONE["height"] + 1
    assert width / height == pytest.approx(60 / 900, rel=0.05)


def test_a_tab_in_code_reaches_the_tab_stop_of_the_pdfs(study, tmp_path):
    """A code line's hanging indent (a negative text-indent) moved its tab stops: a trial's
    Makefile recipe stood 1.5em in, not a tab. Each tab reaches the next stop of every
    TAB_STOP columns, as in the PDFs, and copies as a tab."""
    from qbank.highlight import TAB_STOP

    bank = tmp_path / "make.yaml"
    code = ["```make", "test:", "\tpytest -q", "lint:\t# a tab before this", "\t\tmypy", "```"]
    hint = "".join(f"      {line}\n" for line in code)
    bank.write_text(
        "title: Tabs\nmarkup: markdown\nquestions:\n  - id: make\n    section: S\n"
        f"    question: Why does make fail?\n    hint: |\n{hint}",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    page.locator("button.reveal").first.click()
    columns = page.evaluate(
        """() => { const lines = [...document.querySelectorAll('figure.code .line')];
            const left = (line, word) => { const text = line.textContent;
                const node = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
                let at = text.indexOf(word), seen = 0, n;
                while ((n = node.nextNode())) {
                    if (at < seen + n.length) { const r = document.createRange();
                        r.setStart(n, at - seen); r.setEnd(n, at - seen + 1);
                        return r.getBoundingClientRect().left; }
                    seen += n.length; } };
            const origin = left(lines[0], 't'), next = left(lines[0], 'e');
            const advance = next - origin;
            return [[0, 't'], [1, 'p'], [2, 'l'], [2, '#'], [3, 'm']].map(
                ([i, w]) => Math.round((left(lines[i], w) - origin) / advance)); }"""
    )
    assert columns == [0, TAB_STOP, 0, 2 * TAB_STOP, 2 * TAB_STOP]
    assert page.locator("figure.code .line").all_text_contents() == code[1:-1]


def test_a_wrapped_code_line_marks_each_further_row_at_phone_width(browser, built):
    """As in the PDFs, each row a long code line wraps onto starts with a ↪ in the hanging
    indent: one mark a row from the line's second row down, none on a line that fits; the
    marks are no text (nothing to copy, nothing for a screen reader)."""
    page_path = built("html", "--bank", FIXTURES / "markdown" / "rich.yaml") / "rich.html"
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(page_path.as_uri())
        for button in page.query_selector_all("button.reveal"):
            button.click()
        lines = page.evaluate(
            """() => [...document.querySelectorAll('figure.code .line')].map(line => {
                const mark = getComputedStyle(line, '::before');
                const row = parseFloat(getComputedStyle(line).lineHeight);
                return {text: line.textContent, rows: Math.round(line.offsetHeight / row),
                        top: parseFloat(mark.top) / row, content: mark.content,
                        shown: Math.round((line.offsetHeight - parseFloat(mark.top)) / row)};
            })"""
        )
        wrapped = [line for line in lines if "untrusted input" in line["text"]]
        assert wrapped and wrapped[0]["rows"] >= 3, lines
        for line in lines:
            assert line["content"].startswith('"\u21aa') and line["top"] == pytest.approx(1)
            assert line["shown"] == line["rows"] - 1  # a mark on each further row, no more
        assert all(line["shown"] == 0 for line in lines if len(line["text"]) < 20)
        copied = page.evaluate(
            """() => { const code = [...document.querySelectorAll('figure.code code')]
                         .find(c => c.textContent.includes('untrusted input'));
                       const range = document.createRange(); range.selectNodeContents(code);
                       getSelection().removeAllRanges(); getSelection().addRange(range);
                       return getSelection().toString(); }"""
        )
        assert "\u21aa" not in copied and "untrusted input" in copied
        # a code span's further rows too (the note's command), as in the PDFs: it ran on
        # unmarked; the marks are no text, and the page scrolls no wider than the phone
        page.wait_for_selector(".go-on", state="attached", timeout=10_000)
        rows = page.evaluate(f"() => ({CODE_SPAN_ROWS})('pickletools')")
        assert len(rows) > 1 and [mark for _, mark in rows] == [False] + [True] * (len(rows) - 1)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # an option's hyphens stay on one row with its name at every phone's width, and each
        # further row still shows its mark: 'pickletools -' over '-annotate' read as '- -', and
        # 'python -' over 'm' at 408 px (a learner's trial); so does a hyphen inside a word
        # with the character after it ('2026-01-' over '01', a UUID's groups: a trial), and
        # the file's name, wider than a row, still breaks within the phone's width
        for width in range(318, 420, 4):  # 390: the trial's phone
            page.set_viewport_size({"width": width, "height": PHONE["height"]})
            page.evaluate(TWO_FRAMES)  # the marks are set again a frame after a resize
            rows = page.evaluate(f"() => ({CODE_SPAN_ROWS})('pickletools')")
            assert [mark for _, mark in rows] == [False] + [True] * (len(rows) - 1), rows
            assert not any(re.search(r"(^| )-+$|\w-$", text) for text, _ in rows), (width, rows)
            assert "".join(text for text, _ in rows) == PICKLETOOLS
            assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


PICKLETOOLS = (
    "python -m pickletools --annotate model-2026-01-01-3f2a9c1e-7b4d-4e0a-9c8f-2d1b5e6a7c30.pkl"
)
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
# the rows of the code span holding `word`, each [its text, whether its mark shows first]
CODE_SPAN_ROWS = """(word) => {
    const code = [...document.querySelectorAll('code:not(pre code)')]
      .find(c => c.textContent.includes(word));
    const range = document.createRange(), rows = [];
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, before = (node.parentNode === code ? node : node.parentNode)
        .previousSibling;
      const marked = before !== null && before.nodeType === Node.ELEMENT_NODE
        && getComputedStyle(before, '::before').content.includes('\u21aa');
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const top = Math.round(range.getBoundingClientRect().top);
        if (!rows.length || top > rows.at(-1)[2] + 2) rows.push(['', i === 0 && marked, top]);
        rows.at(-1)[0] += node.data[i];
      }
    }
    return rows.map(([text, mark]) => [text, mark]);
}"""


def test_a_bank_that_interleaves_its_sections_shows_each_once(study, tmp_path):
    """A trial's page showed "Foundations", "AWS Networking", then each again
    "(continued)", where the booklet groups each section once: so does the page, each
    question keeping its number."""
    bank = tmp_path / "mixed.yaml"
    bank.write_text(
        "title: T\nsections: [A, B]\nquestions:\n"
        "  - {id: a1, section: A, question: First of A?, hint: h}\n"
        "  - {id: b1, section: B, question: First of B?, hint: h}\n"
        "  - {id: a2, section: A, question: Second of A?, hint: h}\n",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    shown = page.evaluate(
        """() => [...document.querySelectorAll('section.section')].map(s => [
            s.querySelector('h2').textContent,
            [...s.querySelectorAll('h3')].map(h => h.textContent.replace(/\\s+/g, ' ').trim())])"""
    )
    assert [name for name, _ in shown] == ["A", "B"]
    assert [len(qs) for _, qs in shown] == [2, 1]
    assert shown[0][1][0].startswith("Q1") and shown[0][1][1].startswith("Q3"), shown
    assert shown[1][1][0].startswith("Q2"), shown


# A code line's first visible character's left and the left of its wrapped rows (in a
# page's script: `starts(line)` -> [rows, first, further rows' least left])
LINE_STARTS = """const starts = (line) => {
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    let node, first = null;
    while (!first && (node = walker.nextNode())) {
      const at = node.textContent.search(/\\S/);
      if (at >= 0) { const r = document.createRange(); r.setStart(node, at);
                     r.setEnd(node, at + 1); first = r.getBoundingClientRect(); }
    }
    const range = document.createRange(); range.selectNodeContents(line);
    const rows = [...range.getClientRects()].filter(r => r.width > 0);
    const top = Math.min(...rows.map(r => r.top));
    const later = rows.filter(r => r.top > top + 2);
    return [later.length, first.left, Math.min(...later.map(r => r.left))]; };"""


# whether a code line's first character that is no blank stands on the line's first row
ON_FIRST_ROW = """(line) => {
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    let node, first = null;
    while (!first && (node = walker.nextNode())) {
      const at = node.textContent.search(/\\S/);
      if (at >= 0) { const r = document.createRange(); r.setStart(node, at);
                     r.setEnd(node, at + 1); first = r.getBoundingClientRect(); }
    }
    const range = document.createRange(); range.selectNodeContents(line);
    const top = Math.min(...[...range.getClientRects()].map(r => r.top));
    return first.top < top + 2; }"""


# a code line's rows, and the words of its last text cut over two rows
PARTED = """(line) => {
    const node = line.lastChild.nodeType === 3 ? line.lastChild : line.lastChild.firstChild;
    const rows = new Set(), parted = [];
    for (const m of node.textContent.matchAll(/\\S+/g)) {
      const r = document.createRange(); r.setStart(node, m.index);
      r.setEnd(node, m.index + m[0].length);
      const tops = new Set([...r.getClientRects()].map(b => Math.round(b.top)));
      tops.forEach(t => rows.add(t)); if (tops.size > 1) parted.push(m[0]);
    }
    return [rows.size, parted]; }"""
WORDS = "# the capacity is exactly what the queue holds before a sender blocks " * 3
# a command in a code block, its options and its file's dated name at 30 offsets, so that
# some fall at a row's end
COMMANDS = [
    f"  - run: cd {'a' * k} && python -m pip install --upgrade -r req-2026-01-01.txt"
    for k in range(30)
]
# each code line's [text, the top of each of its characters' rows]
CHARACTER_ROWS = """(selector) => [...document.querySelectorAll(selector)].map(line => {
    const tops = [], range = document.createRange();
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) { const node = walker.currentNode;
      for (let i = 0; i < node.data.length; i++) { range.setStart(node, i);
        range.setEnd(node, i + 1); tops.push(Math.round(range.getBoundingClientRect().top)); } }
    return [line.textContent, tops]; })"""


def parted_options(lines: list) -> list[tuple[str, str]]:
    """The options ('--upgrade', '-m') and the hyphens inside a word with the character
    after them ('-0' of '2026-01-01') of CHARACTER_ROWS's lines set over two rows."""
    from qbank.text import KEPT_IN_CODE

    return [
        (text, found.group())
        for text, tops in lines
        for found in KEPT_IN_CODE.finditer(text)
        if len(set(tops[found.start() : found.end()])) > 1
    ]


def test_a_wrapped_code_lines_rows_keep_its_indentation(study, tmp_path):
    """A trial's wrapped YAML went on at the margin, where it read as a key of its own: a
    line's further rows start at its own indentation (a tab counts 4), right of the mark.
    A deep line of one long word starts on its first row: its first row held only its
    indentation, and its key read as a continuation (a review at phone width)."""
    long = "CustomerGatewayId: !Ref " + "CustomerGatewayOfTheHeadOffice" * 3
    word = "level_three_key_with_a_really_long_name_that_wraps: value"
    code = ["Resources:", "  Vpn:", f"      {long}", f"\t{long}", f"      {word}"]
    code += [*COMMANDS, f"  {WORDS}"]
    bank = code_bank(tmp_path / "y.yaml", "yaml", code)
    page = study(build_page(bank, tmp_path / "out"))
    page.set_viewport_size(PHONE)
    page.click("button.reveal")
    starts = page.evaluate(
        "() => { " + LINE_STARTS + " return [...document.querySelectorAll('figure.code .line')]"
        ".slice(2).map(starts); }"
    )
    for rows, first, second in starts:
        assert rows >= 1 and second > first + 1, starts
    on_first = page.evaluate(
        f"() => [...document.querySelectorAll('figure.code .line')].map({ON_FIRST_ROW})"
    )
    assert all(on_first), on_first
    # what an indented line holds together at its start is drawn in the line's colour: it
    # took the muted grey of the page's description, which shared its class (a code trial)
    colours = page.evaluate(
        """() => [...document.querySelectorAll('figure.code .line[style*="--i"]')].map(line =>
          [getComputedStyle(line.firstElementChild).color, getComputedStyle(line).color])"""
    )
    assert colours and all(lead == line for lead, line in colours), colours
    # a line of words breaks at its blanks: 'capacit' | 'y' (word-break: break-all, a trial)
    split = page.evaluate(
        f"() => ({PARTED})([...document.querySelectorAll('figure.code .line')].pop())"
    )
    assert split[0] > 1 and not split[1], split
    # a command's option stays on one row with its name, its text as typed: at a phone's
    # width 18 of the 30 lines broke 'python -' over 'm' or 'pip install -' over '-upgrade'
    for width in (PHONE["width"], 390):
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        lines = page.evaluate(f"() => ({CHARACTER_ROWS})('figure.code .line')")
        assert [text for text, _ in lines] == code and not parted_options(lines)
    copied = page.evaluate(
        """() => { const range = document.createRange();
            range.selectNodeContents(document.querySelector('figure.code code'));
            getSelection().removeAllRanges(); getSelection().addRange(range);
            return getSelection().toString(); }"""
    )
    assert copied == "\n".join(code), copied


# the text of `root` (a selector, <main> by default) as [node, offset, character] in `chars`,
# `top` the top of the character at a node's offset, and `found` empty: the start of the
# functions below
TEXT_CHARS = """
    const found = [], walker = document.createTreeWalker(document.querySelector(root || 'main'),
      NodeFilter.SHOW_TEXT);
    const top = (node, i) => { const r = document.createRange(); r.setStart(node, i);
      r.setEnd(node, i + 1); const b = r.getClientRects()[0]; return b ? b.top : null; };
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    const chars = texts.flatMap(n => [...n.data].map((c, i) => [n, i, c]));
"""


# each plain space French keeps (before ? ! ; : », after «), and any language's between a
# number and its % ‰ ‱, whose two sides stand on two rows: [the character before, the one
# after]
FRENCH_BREAKS = (
    "(root) => {"
    + TEXT_CHARS
    + """
    for (let k = 1; k < chars.length - 1; k++) {
      if (chars[k][2] !== ' ') continue;
      let a = k - 1, b = k + 1;
      while (b < chars.length && chars[b][2] === ' ') b++;
      if (b >= chars.length) continue;
      // a word and its mark (a run of marks may wrap between them, as it must)
      const kept = '?!;:»'.includes(chars[b][2]) && chars[a][2].trim()
        && !'?!;:»'.includes(chars[a][2])
        || chars[a][2] === '«' && chars[b][2].trim()
        || /\\p{Nd}/u.test(chars[a][2]) && /[%‰‱GM]/u.test(chars[b][2])
        || 'F£'.includes(chars[a][2]) && /\\p{Nd}/u.test(chars[b][2]);
      if (!kept) continue;
      // rows are a line (24 px) apart; code's font stands 3 px higher on its row where it is
      // DejaVu Sans Mono (no Noto Sans Mono installed), which read as a break after `code`
      const [ta, tb] = [top(chars[a][0], chars[a][1]), top(chars[b][0], chars[b][1])];
      if (ta !== null && tb !== null && Math.abs(ta - tb) > 8)
        found.push([chars[a][2], chars[b][2]]);
      k = b - 1;
    }
    return found; }"""
)


def test_french_marks_stay_on_the_line_of_their_word(study, tmp_path):
    """A French question typed the ordinary way ('bonjour » ?') wrapped before its '?' or
    '»' on a phone, or after its '«' (a visual review): as in the PDFs, never there. Nor
    does a number before its % ‰ ‱ ('50 %'), in any language. The spaces stay the plain
    ones typed."""
    sentence = "Pourquoi le narrateur dit-il très très « bonjour » ?"
    rows = "".join(
        f"  - {{id: q{n}, section: S, question: '{'ab ' * n}{sentence}',"
        f" hint: 'Est-ce{' x' * n} *vraiment* ? Un « *mot* » et `code` ? Fin ; et *là* :'}}\n"
        for n in range(24)
    )
    # a run of marks may still wrap between them: it ran far past a phone's width (a review)
    rows += "  - {id: marks, section: S, question: 'a' , hint: 'b" + " ?" * 300 + "'}\n"
    # a number and its percent sign stay on one line in any language, as in the PDFs: a
    # phone's line broke at '50 |%' (in French too)
    rows += "".join(
        f"  - {{id: {section.lower()}{n}, section: {section},"
        f" question: '{'ab ' * n}Taux de 50 % ou 3 ‰, 8 GB, £ 20 ou CHF 50 en tout',"
        f" hint: '{'x ' * n}Anteil **12 %** und 7 ‱ und ٥٠ %'}}\n"
        for n in range(12)
        for section in ("S", "D")
    )
    sections = "sections: [S, {name: D, language: de}]\n"
    bank = tmp_path / "fr.yaml"
    bank.write_text(
        f"title: Français\nlanguage: fr\nmarkup: markdown\n{sections}questions:\n{rows}",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    page.set_viewport_size(PHONE)
    assert reveal_all(page) == 49
    assert page.evaluate(FRENCH_BREAKS) == []
    assert "« bonjour » ?" in page.locator("#q1").inner_text()
    german = page.locator("article[data-id=d1]")  # a section in German: kept all the same
    assert "Taux de 50 % ou 3 ‰, 8 GB, £ 20 ou CHF 50 en tout" in german.inner_text()
    assert german.locator(".kept").count() == 8
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_french_marks_stay_on_the_line_of_their_word_on_anki_cards(browser, tmp_path):
    """The same on a deck's cards, in Anki's reviewer at a phone's width: a French card
    broke 'Pourquoi' over '?' where the PDFs and the study page keep them (a French
    teacher's trial); a German section's marks are no matter, its numbers kept all the
    same."""
    sentence = "Pourquoi le narrateur dit-il très très « bonjour » ?"
    rows = "".join(
        f"  - {{id: q{n}, section: S, question: '{'ab ' * n}{sentence}',"
        f" hint: 'Est-ce{' x' * n} *vraiment* ? Un « *mot* » et `code` ? Fin ; et *là* :'}}\n"
        for n in range(0, 24, 2)
    )
    rows += "  - {id: de, section: D, question: 'Warum 50 % ?', hint: 'Darum 12 %'}\n"
    bank = tmp_path / "fr.yaml"
    bank.write_text(
        "title: Français\nlanguage: fr\nmarkup: markdown\n"
        f"sections: [S, {{name: D, language: de}}]\nquestions:\n{rows}",
        encoding="utf-8",
    )
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    answers, media = reviewer_cards(tmp_path / "fr.apkg", tmp_path)
    cards = "".join(f'<section class="card">{answer}</section>' for answer in answers)
    with phone_card(browser, media / "cards.html", cards) as page:
        assert page.evaluate(FRENCH_BREAKS, "body") == []
        shown = page.locator("body").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert shown.count("« bonjour » ?") == 12 and "Warum 50 % ?" in shown
    (german,) = [answer for answer in answers if "Warum" in answer]
    # the German card: its two numbers kept, not its '?'
    assert german.count('<span style="white-space:nowrap"> </span>') == 2


# each plain space between two digits whose sides stand on two rows: [the text before it,
# the text after it]
DIGIT_BREAKS = (
    "(root) => {"
    + TEXT_CHARS
    + """
    for (let k = 1; k < chars.length - 1; k++) {
      const [a, b] = [chars[k - 1], chars[k + 1]];
      if (chars[k][2] !== ' ' || !/\\p{Nd}/u.test(a[2]) || !/\\p{Nd}/u.test(b[2])) continue;
      const [ta, tb] = [top(a[0], a[1]), top(b[0], b[1])];
      if (ta !== null && tb !== null && Math.abs(ta - tb) > 8)
        found.push([a[0].data.slice(0, a[1] + 1), b[0].data.slice(b[1])]);
    }
    return found; }"""
)


def _grouped_numbers_bank(path: Path) -> Path:
    """A French bank whose texts hold numbers in groups of three digits at every place of
    a line, and no other blank between two digits."""
    rows = "".join(
        f"  - {{id: q{n}, section: S, question: '{'ab ' * n}Un panier de 3 000 € ?',"
        f" hint: '{'x ' * n}Des cas : 2 999,99 €, 3 000 € et 10 000 000 *éléments*.'}}\n"
        for n in range(24)
    )
    path.write_text(
        f"title: Prix\nlanguage: fr\nmarkup: markdown\nquestions:\n{rows}", encoding="utf-8"
    )
    return path


def test_a_numbers_groups_of_digits_stay_on_one_line_on_the_page_and_a_card(
    browser, study, tmp_path
):
    """A French teacher's trial at a phone's width: the study page and Anki's reviewer broke
    '3 000 €' as '3' over '000 €', and '10 000 000' likewise, where the booklet keeps them
    (qbank.text.kept_spaces). The spaces stay the plain ones typed."""
    bank = _grouped_numbers_bank(tmp_path / "prix.yaml")
    page = study(build_page(bank, tmp_path / "out"))
    page.set_viewport_size(PHONE)
    assert reveal_all(page) == 24
    assert page.evaluate(DIGIT_BREAKS, "main") == []
    assert "Des cas : 2 999,99 €, 3 000 € et 10 000 000 éléments." in page.inner_text("main")
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    answers, media = reviewer_cards(tmp_path / "prix.apkg", tmp_path)
    cards = "".join(f'<section class="card">{answer}</section>' for answer in answers)
    with phone_card(browser, media / "cards.html", cards) as card:
        assert card.evaluate(DIGIT_BREAKS, "body") == []
        assert card.locator("body").inner_text().count("3 000 € et 10 000 000 éléments") == 24


def test_a_range_of_numbers_stays_on_one_row_of_the_page(study, tmp_path):
    """A nursing educator's trial: Chromium breaks after an en dash, and the deck set
    'morphine 5–' over '10 mg'; the page keeps each range whole (in a .kept span, as the
    deck does), in a table's cell too, its text as typed."""
    table = ["| test | range |", "| --- | --: |", "| sodium | 135–145 |"]
    question = "Dose of morphine 5–10 mg?"
    bank = markdown_bank(tmp_path / "ranges.yaml", question, [*table, "", "Naloxone 0,1–0,4 mg."])
    page = study(build_page(bank, tmp_path / "out"))
    page.set_viewport_size(PHONE)
    assert reveal_all(page) == 1
    kept = page.evaluate("""() => [...document.querySelectorAll("main .kept")]
        .map(span => span.textContent)""")
    assert kept == ["5–10", " ", "135–145", "0,1–0,4", " "]
    assert "Naloxone 0,1–0,4 mg." in page.inner_text("main")


def test_a_unit_at_the_end_of_a_cell_or_a_line_stays_with_its_number_on_the_page(study, tmp_path):
    """An SRE manager's trial: the study page read a table's cell '5 min' on into the next
    row's 'mitigate', '5 minmitigate', no unit, and left its space free to break ('30 min',
    the last cell, was kept). Each block's text, and each line's, is read apart."""
    bank = tmp_path / "units.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: How long?\n    hint: |\n      | step | target |\n      | --- | --: |\n"
        "      | acknowledge | 5 min |\n      | mitigate | 30 min |\n\n"
        "      Wait 10 ms\\\n      then retry.\n",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    assert reveal_all(page) == 1
    kept = page.evaluate(
        """() => [...document.querySelectorAll("main .kept")].map(span =>
            span.previousSibling.data.slice(-2) + "|" + span.nextSibling.data.slice(0, 3))"""
    )
    assert kept == ["5|min", "30|min", "10|ms"]


# each plain space before a formula's relation or operation (one of SIGNS, a blank after
# it), and after the leading sign of '= − 5', whose two sides stand on two rows: [the text
# before it, the text after it]
FORMULA_BREAKS = (
    "([root, signs]) => {"
    + TEXT_CHARS
    + """
    for (let k = 1; k < chars.length - 2; k++) {
      const [a, b, c] = [chars[k - 1], chars[k + 1], chars[k + 2]];
      if (chars[k][2] !== ' ' || !a[2].trim()) continue;
      const before = signs.includes(b[2]) && c[2] === ' ' && !signs.includes(a[2]);
      const leading = a[2] === '−' && k > 2 && chars[k - 3][2] === '=';
      if (!before && !leading) continue;
      const [ta, tb] = [top(a[0], a[1]), top(b[0], b[1])];
      if (ta !== null && tb !== null && Math.abs(ta - tb) > 8)
        found.push([a[0].data.slice(0, a[1] + 1), b[0].data.slice(b[1])]);
    }
    return found; }"""
)


def test_a_formula_breaks_only_after_its_signs_on_the_page_and_a_card(browser, study, tmp_path):
    """A maths teacher's trial at a phone's width: the study page and Anki's reviewer broke
    'a² + b²' over '= c²', as the booklet did; a formula breaks after a relation or an
    operation (qbank.text.FORMULA_SPACE), never before one nor after a leading sign. The
    spaces stay the plain ones typed, and a copy gives the text as typed."""
    sentence = (
        "so a² + b² = c² holds, and 3² + 4² = 9 + 16 = 25 = c², and x = − 5 ≤ y + 2 × z,"
        " while CH₄ + 2 O₂ → CO₂ + 2 H₂O burns."
    )
    rows = "".join(
        f"  - {{id: q{n}, section: S, question: '{'ab ' * n}{sentence}',"
        f" hint: '{'x ' * n}Then *{sentence}*'}}\n"
        for n in range(24)
    )
    bank = tmp_path / "formulas.yaml"
    bank.write_text(f"title: Formulas\nmarkup: markdown\nquestions:\n{rows}", encoding="utf-8")
    signs = "=≤→+×"
    page = study(build_page(bank, tmp_path / "out"))
    page.set_viewport_size(PHONE)
    assert reveal_all(page) == 24
    assert page.evaluate(FORMULA_BREAKS, ["main", signs]) == []
    assert page.inner_text("main").count(sentence) == 48
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    answers, media = reviewer_cards(tmp_path / "formulas.apkg", tmp_path)
    cards = "".join(f'<section class="card">{answer}</section>' for answer in answers)
    with phone_card(browser, media / "cards.html", cards) as card:
        assert card.evaluate(FORMULA_BREAKS, ["body", signs]) == []
        assert card.locator("body").inner_text().count(sentence) == 48


def test_a_code_line_indented_deeper_than_a_row_stays_in_its_box(study, tmp_path):
    """A line of 44 blanks and a key ran out of its box at phone width: its indentation and
    first character were held together on a row they did not fit (a review)."""
    bank = code_bank(tmp_path / "y.yaml", "yaml", ["a:", f"{' ' * 44}deeply_nested_key: value"])
    page = study(build_page(bank, tmp_path / "out"))
    page.set_viewport_size(PHONE)
    page.click("button.reveal")
    widths = page.evaluate(
        "() => [...document.querySelectorAll('figure.code pre')]"
        ".map(p => [p.scrollWidth, p.clientWidth])"
    )
    assert widths and all(scroll <= client for scroll, client in widths), widths


def test_a_code_block_set_in_columns_scrolls_in_its_own_box(browser, study, tmp_path, axe_source):
    """kubectl's pods in a code block broke at their blanks on a phone, each row's columns
    scattered over three rows (a review): a block set in columns keeps each row whole and
    scrolls sideways in its own box (WCAG 1.4.10 allows it), which Tab reaches, the arrow
    keys scroll and a screen reader names; the page does not scroll, other code still
    wraps, and on paper the table's lines break as any code's."""
    table = [
        "NAME                         READY   STATUS             RESTARTS   AGE",
        "payments-api-7d9f8b6c4-x2x9z 1/1     Running            0          3d",
        "payments-worker-5c8d7-abcde  0/1     CrashLoopBackOff   42         3d",
    ]
    code = ["def check(pods):", f"    return [p for p in pods if {' and '.join(['p.ok'] * 9)}]"]
    fences = [["```text", *table, "```", ""], ["```python", *code, "```"]]
    hint = "".join(f"      {line}\n" for fence in fences for line in fence)
    bank = tmp_path / "pods.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: Which pod fails?\n    hint: |\n{hint}",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    page.set_viewport_size(PHONE)
    page.click("button.reveal")
    rows = """box => [...box.querySelectorAll('.line')].map(line =>
        Math.round(line.offsetHeight / parseFloat(getComputedStyle(line).lineHeight)))"""
    boxes = page.locator("figure.code pre")
    assert boxes.nth(0).evaluate(rows) == [1, 1, 1]
    assert boxes.nth(1).evaluate(rows)[1] > 1  # code as before: its long line wraps
    assert boxes.nth(0).evaluate("box => box.scrollWidth > box.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert 'group "Code"' in page.locator("#q1 .answer").aria_snapshot()
    page.locator("#q1 .reveal").focus()
    page.keyboard.press("Tab")  # from its Hide answer button to the table's box
    assert page.evaluate("document.activeElement.localName") == "pre"
    page.keyboard.press("ArrowRight")
    expect(boxes.nth(0)).not_to_have_js_property("scrollLeft", 0)
    page.evaluate(axe_source)
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]}))
            .violations.map(v => [v.id, v.nodes.map(n => n.target.join(" "))])"""
    )
    assert violations == []
    page.emulate_media(media="print")
    assert boxes.nth(0).evaluate(rows)[0] > 1
    # so does the deck's card at a phone's width (its rows broke there: a phone trial)
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    (answer,), media = reviewer_cards(tmp_path / "pods.apkg", tmp_path)
    with phone_card(browser, media / "card.html", answer) as card:
        boxes = card.locator("figure.qb-code pre")
        assert boxes.nth(0).evaluate(rows.replace("'.line'", "'.qb-line'")) == [1, 1, 1]
        assert boxes.nth(1).evaluate(rows.replace("'.line'", "'.qb-line'"))[1] > 1
        assert boxes.nth(0).evaluate("box => box.scrollWidth > box.clientWidth")
        assert card.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_wrapped_code_lines_rows_keep_its_indentation_in_anki(browser, tmp_path):
    """The same in Anki's reviewer: the card's HTML and the deck's style file; a command's
    option in the code on a deck's card and on a text import's."""
    long = "CustomerGatewayId: !Ref " + "CustomerGatewayOfTheHeadOffice" * 3
    word = "level_three_key_with_a_really_long_name_that_wraps: value"
    code = ["Resources:", f"      {long}", f"      {word}", *COMMANDS, f"  {WORDS}"]
    bank = code_bank(tmp_path / "y.yaml", "yaml", code)
    result = run_cli("anki", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    (answer,), media = reviewer_cards(tmp_path / "y.apkg", tmp_path)
    with phone_card(browser, media / "card.html", answer) as page:
        rows, first, second = page.evaluate(
            "() => { " + LINE_STARTS + " return starts(document.querySelectorAll('.qb-line')[1]); }"
        )
        on_first = page.evaluate(
            f"() => [...document.querySelectorAll('.qb-line')].map({ON_FIRST_ROW})"
        )
        split = page.evaluate(f"() => ({PARTED})([...document.querySelectorAll('.qb-line')].pop())")
        widths = []
        for width in (PHONE["width"], 390):
            page.set_viewport_size({"width": width, "height": PHONE["height"]})
            widths.append(page.evaluate(f"() => ({CHARACTER_ROWS})('.qb-line')"))
        # a text import's card (Anki's Basic note type, none of our style: bare_code) too
        from qbank.exporters.anki import FieldText

        loaded = load_bank(bank)
        field = FieldText(loaded)(loaded.questions[0].hint)
        page.set_content(f'<style>{BASIC_STYLE}</style><div class="card">{field}</div>')
        ((text, tops),) = page.evaluate(f"() => ({CHARACTER_ROWS})('pre')")
    assert text == "".join(code)  # its lines apart by <br>, no text
    ends = itertools.accumulate(map(len, code))
    bare = [[line, tops[end - len(line) : end]] for line, end in zip(code, ends, strict=True)]
    widths.append(bare)
    assert rows >= 1 and second > first + 1, (rows, first, second)
    assert all(on_first), on_first
    assert split[0] > 1 and not split[1], split
    # of the 30 lines, 18 broke after an option's hyphens on a card at 360 px, 3 on a text
    # import's at 390 px
    for lines in widths:
        assert [text for text, _ in lines] == code and not parted_options(lines)


# a call's arguments at 12 offsets, so that some end a row inside a name; a method's
# chain, a tab's indentation, a number's point and a list without blanks
CALLS = [
    *(
        f"    {'x' * k} = some_function_name(first_argument_value, second_argument_value)"
        for k in range(12)
    ),
    "\tanswer = self.configuration.retry_policy.maximum_attempts_allowed()",
    "rate = 3.14159265358979 * radius_in_millimetres * radius_in_millimetres",
    "pairs = zip(first_column_values,second_column_values,third_values)",
]


def mid_name_breaks(lines: list) -> list[tuple[str, str]]:
    """Each row of CALLS's lines set that starts inside a name or a number: the line and
    the two characters about the break. A row may start after a blank, '(', '[', '{',
    ',', or a '.' that a name follows."""
    parted = []
    for text, tops in lines:
        for i in range(1, len(text)):
            if tops[i] > tops[i - 1] and not (
                text[i - 1] in " \t([{," or (text[i - 1] == "." and not text[i].isdigit())
            ):
                parted.append((text, text[i - 1 : i + 1]))
    return parted


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_long_code_line_breaks_after_a_calls_parenthesis_or_comma_on_a_phone(
    browser, tmp_path, scheme
):
    """A programming teacher's trial: on a phone, the study page and the deck's card broke
    a long call inside a name ('first_argume' over 'nt_value'), where a row could have
    ended after 'some_function_name(' or after ', '. A code line breaks at its blanks and
    after '(', '[', '{', ',' and a name's '.' (a <wbr>, which adds no text), inside a name
    only where a name is wider than a row; copied, the code is the bank's, tabs too."""
    bank = code_bank(tmp_path / "calls.yaml", "python", CALLS)
    found = {}
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(build_page(bank, tmp_path / "out").as_uri())
        page.click("button.reveal")
        found["page"] = page.evaluate(f"() => ({CHARACTER_ROWS})('figure.code .line')")
        page.locator("figure.code").screenshot(path=tmp_path / f"page-{scheme}.png")
        copied = page.evaluate(
            """() => { const range = document.createRange();
                range.selectNodeContents(document.querySelector('figure.code code'));
                getSelection().removeAllRanges(); getSelection().addRange(range);
                return [getSelection().toString(),
                        document.querySelector('figure.code code').innerText]; }"""
        )
        assert copied == ["\n".join(CALLS)] * 2, copied
    finally:
        context.close()
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    (answer,), media = reviewer_cards(tmp_path / "calls.apkg", tmp_path)
    night = "card nightMode" if scheme == "dark" else "card"  # Anki's night mode
    with phone_card(browser, media / "card.html", answer, night) as card:
        found["card"] = card.evaluate(f"() => ({CHARACTER_ROWS})('.qb-line')")
        card.locator("figure.qb-code").screenshot(path=tmp_path / f"card-{scheme}.png")
        copied = card.evaluate(
            """() => { const range = document.createRange();
                range.selectNodeContents(document.querySelector('figure.qb-code code'));
                getSelection().removeAllRanges(); getSelection().addRange(range);
                return getSelection().toString(); }"""
        )
        assert copied.split("\n") == CALLS, copied
    for where, lines in found.items():
        assert [text for text, _ in lines] == CALLS, where
        assert any(len(set(tops)) > 1 for _, tops in lines), where  # it wraps at all
        assert not mid_name_breaks(lines), (where, mid_name_breaks(lines))


AXE = Path(__file__).resolve().parent.parent / "build" / "node" / "node_modules" / "axe-core"


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's script, which .ci/run installs into build/node; a skip without it here,
    a failure with QBANK_REQUIRE_AXE=1 (CI)."""
    script = AXE / "axe.min.js"
    if not script.exists():
        reason = f"no axe-core at {script} (.ci/run installs it: npm install axe-core@4)"
        if os.environ.get("QBANK_REQUIRE_AXE") == "1":
            pytest.fail(f"QBANK_REQUIRE_AXE=1, but {reason}")
        pytest.skip(reason)
    return script.read_text(encoding="utf-8")


# Each bank in both schemes and at both widths, each scheme at both widths: every pair of
# values of two of the three choices is run once (a pairwise design), in half the runs of
# every combination; an axe run over the bundled bank with every answer shown takes 2 s
AXE_CASES = [
    (DEFAULT_BANK, "light", 1000),
    (DEFAULT_BANK, "dark", PHONE["width"]),
    (FIXTURES / "markdown" / "rich.yaml", "dark", 1000),
    (FIXTURES / "markdown" / "rich.yaml", "light", PHONE["width"]),
]


@pytest.mark.parametrize(("bank", "scheme", "width"), AXE_CASES)
def test_axe_finds_no_violation(browser, built, axe_source, bank, scheme, width):
    """Every answer shown (code blocks, lists, pictures included), in both schemes, at
    desktop and phone width: axe-core reports no violation of any impact."""
    page_path = built("html", "--bank", bank) / f"{bank.stem}.html"
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(page_path.as_uri())
        reveal_all(page)  # one call, not a round trip per question: the test's slowest part
        page.evaluate(axe_source)  # through the devtools protocol: the page's CSP stays
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ["violations"]}))
                .violations.map(v => [v.id, v.nodes.map(n => n.target.join(" "))])"""
        )
        assert violations == []
        alts = page.evaluate("[...document.images].map(i => i.alt)")
        assert all(alts)
    finally:
        context.close()


# the summary table's cells, row by row: [text shown before it, its left, its top]
SUMMARY_CELLS = """() => [...document.querySelectorAll('#summary-table tbody tr')].map(row =>
    [...row.cells].map(cell => { const box = cell.getBoundingClientRect();
      return [getComputedStyle(cell, '::before').content, box.left, box.top]; }))"""


def test_the_practice_summary_reflows_at_twice_the_text_size_on_a_phone(
    open_page, bundled_page, axe_source
):
    """At 200 % text on a phone the summary's table ran 200 px past the screen, to be read
    scrolling both ways (WCAG 1.4.10, an accessibility trial): each row stacks, its facts
    after their columns' names, which a screen reader still hears as the table's columns;
    at the text's own size a phone and a desktop show the table as before."""
    page = open_page(bundled_page, viewport=PHONE).page
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    page.locator("#practice-open").click()
    page.locator("#count-input").fill("2")
    page.locator("#practice-setup button[type=submit]").click()
    # the step, its clock and the question's first line are on the screen: focus alone
    # centred a question taller than the screen, the three above its top (a phone trial)
    tops = "['#practice-step', '#timer', '#practice-question .question'].map(s =>"
    tops += " document.querySelector(s).getBoundingClientRect().top)"
    for _ in range(2):
        assert all(-1 < top < PHONE["height"] / 2 for top in page.evaluate(tops))  # a fraction
        page.locator("#practice-question .reveal").click()
        page.locator('#practice-question .rating[data-rating="good"]').click()
    expect(page.locator("#practice-summary")).to_be_visible()
    wrap = "(() => { const t = document.querySelector('#practice-summary .table-wrap');"
    widths = page.evaluate(f"{wrap} return [t.scrollWidth, t.clientWidth]; }})()")
    assert widths[0] <= widths[1], widths
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    rows = page.evaluate(SUMMARY_CELLS)
    assert len(rows) == 2
    for head, *facts in rows:
        # shown, with no words of their own for a screen reader (after the '/')
        assert [shown for shown, _, _ in facts] == [
            f'"{name}: " / ""' for name in ("Minutes", "Time used", "Rating")
        ]
        assert all(top > head[2] for _, _, top in facts)  # under the question, not beside it
    heard = page.locator("#summary-table").aria_snapshot()
    for name in ("Question", "Minutes", "Time used", "Rating"):
        assert f'columnheader "{name}"' in heard
    assert "Minutes:" not in heard  # the names shown are not read out twice
    page.evaluate(axe_source)
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]}))
            .violations.map(v => [v.id, v.nodes.map(n => n.target.join(" "))])"""
    )
    assert violations == []
    # a look's own app.js from before the stacked rows names no cell: no ': ' stands alone
    # before each fact (a review)
    page.evaluate("document.querySelectorAll('#summary-table [data-label]')"
                  ".forEach(cell => cell.removeAttribute('data-label'))")  # fmt: skip
    rows = page.evaluate(SUMMARY_CELLS)
    assert all(shown == "none" for _, *facts in rows for shown, _, _ in facts), rows

    # the reset dialog, taller than the window here, opens at its start with its heading
    # focused: focus on its foot's button scrolled the question it asks away (a phone trial)
    page.locator("#practice-summary .practice-close").click()
    page.evaluate("document.getElementById('keep').open = true")
    page.locator("#reset").click()
    dialog = page.locator("#reset-dialog")
    assert dialog.evaluate("d => d.scrollHeight > d.clientHeight")  # else no test of it
    expect(page.locator("#reset-heading")).to_be_focused()
    assert dialog.evaluate("d => d.scrollTop") == 0
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    page.evaluate("document.documentElement.style.fontSize = ''")
    for width in (PHONE["width"], 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for head, *facts in page.evaluate(SUMMARY_CELLS):
            assert all(shown == "none" for shown, _, _ in facts)
            assert [top for _, _, top in facts] == [head[2]] * 3  # one row of a table
            assert [left for _, left, _ in facts] == sorted(left for _, left, _ in facts)


def reviewer_cards(deck: Path, folder: Path) -> tuple[list[str], Path]:
    """The answer side of each card of `deck` as Anki's reviewer renders it, once imported
    into a fresh collection in `folder`, and the collection's media folder."""
    from anki.collection import Collection, ImportAnkiPackageRequest

    col = Collection(str(folder / "collection.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(deck)))
        return [col.get_card(c).answer() for c in col.find_cards("")], Path(col.media.dir())
    finally:
        col.close()


# the style sheet of Anki's Basic note type, which a text import's cards take
BASIC_STYLE = (
    ".card { font-family: arial; font-size: 20px; text-align: center; color: black;"
    " background-color: white; }"
)


def card_page(path: Path, html_text: str, classes: str = "card") -> Path:
    """A page holding a card's HTML as the reviewer's body does, written at `path`."""
    path.write_text(
        '<!doctype html><html><head><meta charset="utf-8"></head>'
        f'<body class="{classes}">{html_text}</body></html>',
        encoding="utf-8",
    )
    return path


@contextlib.contextmanager
def phone_card(browser, path: Path, html_text: str, classes: str = "card") -> Iterator:
    """A tab of a phone's width showing a card's HTML (`card_page`, written at `path`)."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(card_page(path, html_text, classes).as_uri())
        page.wait_for_load_state("load")
        yield page
    finally:
        context.close()


# Each row of each line of a card's code blocks as Chromium sets it, and the room a further
# row of that line has, in characters of its code (the rows of a line after the first stand
# in from its start by its hanging indent)
CODE_LINE_ROWS = """() => [...document.querySelectorAll('pre .qb-line')].map(line => {
    const range = document.createRange(), rows = [];
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    let cell = 0;
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (!box) continue;
        cell = Math.max(cell, box.width);
        if (!rows.length || box.top > rows.at(-1)[1] + 2) rows.push(['', box.top, box.left]);
        rows.at(-1)[0] += node.data[i];
      }
    }
    const pre = line.closest('pre'), style = getComputedStyle(pre);
    const right = pre.getBoundingClientRect().left + pre.clientLeft + pre.clientWidth
      - parseFloat(style.paddingRight);
    const room = rows.length > 1 ? Math.floor((right - rows[1][2]) / cell + 0.01) : 0;
    return [rows.map(row => row[0]), room];
})"""

CARD_CODE = (
    "The quick brown fox jumps over the lazy dog while the interviewer reads the whole of"
    " the configuration aloud to everyone",
    "curl -fsSL https://example.com/a/very/long/path/to/the/installer/script/install.sh | sh",
    "token: aGVsbG8gd29ybGQgdGhpcyBpcyBhIHZlcnkgbG9uZyBiYXNlNjQgc3RyaW5nIGdvaW5n=",
    'run(["kubectl", "get", "pods", "--all-namespaces", "--output=wide"], check=True)',
)


def test_a_cards_code_line_breaks_at_its_blanks_and_in_a_token_only_wider_than_a_row(
    browser, tmp_path
):
    """A visual review: an Anki card broke a code line inside a word where a break at a
    blank was possible. At a phone's width (360 px, and the widths about it, so that each
    word meets a row's end), a code block's lines of words, a command with an address
    wider than the card, a base64 token and an argument list break at their blanks, and
    inside a token only where it is wider than a row: the address and the token start a
    row of their own and are cut where the row ends. overflow-wrap: anywhere cuts a token
    only where no blank leaves a break (CSS's emergency break); it was Chromium's break
    after a hyphen that cut '"--' from 'all-namespaces"', which no CSS property forgoes: an
    option's start after an opening quote is kept whole now, as after a blank."""
    bank = tmp_path / "code.yaml"
    block = "".join(f"      {line}\n" for line in CARD_CODE)
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: What does it do?\n    hint: |\n      ```text\n{block}      ```\n",
        encoding="utf-8",
    )
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    (answer,), media = reviewer_cards(tmp_path / "code.apkg", tmp_path)
    wrong, cut = [], set()
    with phone_card(browser, media / "card.html", answer) as page:
        for width in (360, *range(320, 424, 8)):
            page.set_viewport_size({"width": width, "height": PHONE["height"]})
            lines = page.evaluate(CODE_LINE_ROWS)
            assert ["".join(rows) for rows, _ in lines] == list(CARD_CODE)
            for rows, room in lines:
                text = "".join(rows)
                starts = list(itertools.accumulate(map(len, rows), initial=0))
                for at, row, after in zip(starts[1:], rows, rows[1:], strict=False):
                    if row[-1].isspace() or after[0].isspace():
                        continue  # at a blank
                    before = re.search(r"\S+$", text[:at])[0]
                    token = before + re.match(r"\S+", text[at:])[0]
                    if len(token) <= room:
                        wrong.append((width, row, after))
                    cut.add(token)
                    # where it starts, a row starts: it went to the next row whole first
                    assert at - len(before) in starts, (width, token, rows)
    assert not wrong, wrong
    assert {t for t in cut if t.startswith(("https:", "aGVsbG8"))} == {
        CARD_CODE[1].split()[2],
        CARD_CODE[2].split()[1],
    }


def test_a_plain_cards_blanks_and_tabs_show_as_typed_in_anki(browser, tmp_path):
    """A plain bank's card squeezed 'with    spaces<TAB>and tab' and set an indented line
    at the margin, where the study page keeps them (an Anki trial). A command's option in
    code stays whole on its row at a phone's width, as on the study page: 'pickletools -'
    over '-annotate' read as '- -annotate' (a learner's trial)."""
    bank = tmp_path / "blanks.yaml"
    bank.write_text(
        "title: B\nquestions:\n  - id: q\n    section: S\n"
        '    question: "Line two with    spaces\\tand tab"\n'
        '    hint: "Kept:\\n  indented line"\n    note: "a   b"\n'
        f"    follow_ups: ['Then `{PICKLETOOLS}` shows what it runs?']\n",
        encoding="utf-8",
    )
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    (answer,), media = reviewer_cards(tmp_path / "blanks.apkg", tmp_path)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(card_page(media / "card.html", answer).as_uri())
        shown = page.evaluate(
            "() => ['.qb-question', '.qb-hint > div[dir]', '.qb-note']"
            ".map(s => document.querySelector(s).innerText)"
        )
        # a long word breaks where its language hyphenates it, with a hyphen, on a phone that
        # has its rules ('Informationssicherheitsm|anagementsystem': a phone trial); not code
        # has its rules ... in a language not English, as the DOCX packet (a review)
        hyphens = page.evaluate(
            "() => { document.querySelector('.qb-question').lang = 'de';"
            " document.querySelector('.qb-hint').lang = 'en';"
            " return ['.qb-question', '.qb-hint', '.qb code', '.qb-note']"
            ".map(s => document.querySelector(s))"
            ".map(e => [getComputedStyle(e).hyphens, getComputedStyle(e).hyphenateLimitChars]) }"
        )
        broken = []
        for width in range(318, 420, 4):  # 390: the trial's phone
            page.set_viewport_size({"width": width, "height": PHONE["height"]})
            rows = [text for text, _ in page.evaluate(f"() => ({CODE_SPAN_ROWS})('pickletools')")]
            assert "".join(rows) == PICKLETOOLS
            broken += [(width, rows) for text in rows if re.search(r"(^| )-+$|\w-$", text)]
    finally:
        context.close()
    assert shown[0] == "Line two with    spaces\tand tab"
    assert hyphens == [["auto", "10 4 4"]] + [["manual", "10 4 4"]] * 3, hyphens
    assert shown[1] == "Kept:\n  indented line" and shown[2].endswith("a   b")
    assert not broken, broken


@pytest.mark.parametrize("night", [False, True])
def test_a_markdown_cards_code_takes_its_style_from_the_decks_media_file(
    browser, built, tmp_path, night
):
    """The Anki card as the reviewer shows it: the answer's HTML (with the note type's style)
    in a page whose base is the collection's media folder, the body of class "card" (and
    "nightMode" at night). The code block's look comes from rich.css, which the deck carries
    as a media file linked from the field: it loads, so the code wraps on its background and
    its keywords stand out, by day and at night."""
    deck = built("anki", "--bank", FIXTURES / "markdown" / "rich.yaml") / "rich.apkg"
    answers, media = reviewer_cards(deck, tmp_path)
    (answer,) = [a for a in answers if "qb-keyword" in a][:1]
    (linked,) = [a for a in answers if "the pickle docs</a>" in a][:1]  # a Markdown link
    classes = "card nightMode" if night else "card"
    card = card_page(media / "card.html", answer, classes)
    # from the hint's heading to its first line: a paragraph before code stood a line lower
    # than a hint of one paragraph, code first half a line (a learner's trial)
    hint_gap = """() => { const text = document.createRange();
        text.selectNodeContents(document.querySelector('.qb-hint > div[dir]'));
        const tops = [...text.getClientRects()].filter(r => r.height).map(r => r.top);
        return Math.min(...tops)
          - document.querySelector('.qb-hint .qb-heading').getBoundingClientRect().bottom; }"""
    link_card = card_page(media / "link.html", linked, classes)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(link_card.as_uri())
        page.wait_for_load_state("load")
        gaps = [page.evaluate(hint_gap)]
        link, behind = page.evaluate(
            """() => {
              const link = [...document.querySelectorAll('.qb a')]
                .find(a => !a.closest('.qb-references'));
              let at = link;
              while (at && ['rgba(0, 0, 0, 0)', 'transparent']
                  .includes(getComputedStyle(at).backgroundColor)) at = at.parentElement;
              return [getComputedStyle(link).color,
                      at ? getComputedStyle(at).backgroundColor : 'rgb(255, 255, 255)'];
            }"""
        )
        page.goto(card.as_uri())
        page.wait_for_load_state("load")
        gaps.append(page.evaluate(hint_gap))
        looks = page.evaluate(
            """() => {
              const pre = document.querySelector('.qb figure.qb-code pre');
              const keyword = pre.querySelector('.qb-keyword');
              const style = getComputedStyle(pre);
              const gap = pre.querySelector('.qb-line').getBoundingClientRect().top
                - pre.getBoundingClientRect().top - parseFloat(style.paddingTop);
              return [style.whiteSpace, style.backgroundColor, style.color,
                      getComputedStyle(keyword).color, gap];
            }"""
        )
        # code is set in its own weight (a trial saw a question's code all bold), and a
        # number in code is not the card's number (which is bold)
        weights = page.evaluate(
            """() => [[...document.querySelectorAll('.qb pre')]
                        .map(pre => getComputedStyle(pre).fontWeight),
                      [...document.querySelectorAll('pre .qb-number')]
                        .map(n => getComputedStyle(n).fontWeight),
                      [...document.querySelectorAll('.qb-meta > .qb-number')]
                        .map(n => getComputedStyle(n).fontWeight),
                      [...document.querySelectorAll('.qb-meta > .qb-number, pre .qb-number')]
                        .map(n => getComputedStyle(n).color),
                      [...document.querySelectorAll('.qb-line')].map(line => {
                        const mark = getComputedStyle(line, '::before');
                        return [mark.content.slice(0, 2), mark.top, mark.position]; })]"""
        )
    finally:
        context.close()
    code, numbers, card_number, colours, marks = weights  # pre's weight holds in a question too
    # a wrapped row starts with a ↪ under the first, as on the page (a trial read a wrapped
    # row as a line of its own)
    assert marks and all(m[0] == '"\u21aa' and m[2] == "absolute" for m in marks), marks
    assert code and set(code) == {"400"} and numbers and set(numbers) == {"400"}
    assert card_number == ["700"]
    # the card's number in its own colour, not a number token's (a review)
    assert colours[0] not in colours[1:]  # the card's number comes first in the page
    # a link in a text reads on its background at night too (the browser's blue: 2:1)
    assert _contrast(link, behind) >= 4.5, (link, behind)
    # code first, and a paragraph before code, right under the heading, as one paragraph is
    assert all(abs(hint) < 1 for hint in gaps), gaps
    white_space, background, text, keyword, gap = looks
    assert abs(gap) < 1  # the first line at the top of the block, no empty row above it
    assert white_space == "pre-wrap"  # rich.css loaded: no line runs off a phone's screen
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert keyword != text
    # the night colours are light on a dark background, the day ones dark on a light one
    assert (_luminance(text) > _luminance(background)) == night


def test_a_right_to_left_card_reads_from_the_right_in_anki(browser, built, tmp_path):
    """A trial's Arabic card stood flush left, its words out of order at the line's end: the
    question and the hint take their own direction (dir="auto"), aligned to their start. In
    an Arabic bank a quote's bar stands on its right, and an Arabic look-for item's marker
    inside its panel on the right (the bar stood on the left, the marker out of the panel).
    In a look whose question label is Arabic the dot between the card's number and its
    section has room on both sides, 'س1 · أساس' read from the right (a phone trial's Hebrew card
    said 'ש1 ·יסודות', the dot against the section's name). That line and a heading of
    the look in Arabic stand on the right, over the text they head (on the left, they stood
    apart from it across the card), and so do the tags of an Arabic bank, the first at the
    card's right edge (they ran from the left)."""
    look = tmp_path / "look"
    (look / "anki").mkdir(parents=True)
    words = (BUILTIN_TEMPLATES / "anki" / "words.toml").read_text(encoding="utf-8")
    (look / "anki" / "words.toml").write_text(
        words.replace('question_label = "Q"', 'question_label = "س"').replace(
            'follow_ups = "Follow-ups"', 'follow_ups = "أسئلة المتابعة"'
        ),
        encoding="utf-8",
    )
    bank = tmp_path / "rtl.yaml"
    bank.write_text(
        "title: RTL\nmarkup: markdown\nlanguage: ar\nquestions:\n  - id: a\n    section: أساس\n"
        "    question: ما هو حقن الأوامر؟\n    hint: |\n      هجوم يغيّر تعليمات النظام:\n\n"
        "      > SQL هجوم\n\n"
        "      ```python\n      a = b + 2;\n      ```\n    look_for: [SQL هجوم, SQL]\n"
        "    follow_ups: [لماذا؟]\n    tags: [sql, حقن]\n",
        encoding="utf-8",
    )
    assert run_cli("anki", "--bank", bank, "--out", tmp_path, "--templates", look).exit_code == 0
    answers, media = reviewer_cards(tmp_path / "rtl.apkg", tmp_path)
    page_path = card_page(media / "rtl.html", "".join(answers))
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(page_path.as_uri())
        shown = page.evaluate(
            """() => [...document.querySelectorAll('.qb-question > div, .qb-hint > div > div')]
                 .map(e => [e.matches(':dir(rtl)'), getComputedStyle(e).textAlign])"""
        )
        # code reads left to right inside it (a review: `a = b + 2;` showed `;a = b + 2`)
        code = page.evaluate("getComputedStyle(document.querySelector('.qb pre')).direction")
        bar = page.evaluate(
            """() => { const quote = getComputedStyle(document.querySelector('.qb blockquote'));
                 return [quote.direction, quote.borderRightWidth, quote.borderLeftWidth]; }"""
        )
        room = page.evaluate(
            """() => [...document.querySelectorAll('.qb-look-for li')].map(li => {
                 const list = li.parentElement.getBoundingClientRect();
                 const item = li.getBoundingClientRect();
                 return [getComputedStyle(li).direction, Math.round(list.right - item.right),
                         Math.round(item.left - list.left)]; })"""
        )
        # room on the right of the words of the number line and of a heading, and of its box
        flush = page.evaluate(
            """() => [...document.querySelectorAll('.qb-meta, .qb-follow-ups .qb-heading')]
                 .map(e => { const words = document.createRange(); words.selectNodeContents(e);
                   return Math.round(e.getBoundingClientRect().right
                                     - words.getBoundingClientRect().right); })"""
        )
        # and of the tags, the first ('sql') on the right
        tags = page.evaluate(
            """() => { const row = document.querySelector('.qb-tags').getBoundingClientRect();
                 return [...document.querySelectorAll('.qb-tag')].map(e =>
                   [e.textContent, Math.round(row.right - e.getBoundingClientRect().right)]); }"""
        )
        # the section's name ends, then the dot, then the number, from the left
        meta = page.locator(".qb-meta")
        ends = meta.evaluate(
            """m => { const name = document.createRange();
                 name.selectNodeContents(m.querySelector('.qb-section'));
                 const x = m.getBoundingClientRect().left;
                 return [name.getBoundingClientRect().right - x,
                         m.querySelector('.qb-number').getBoundingClientRect().left - x]; }"""
        )
        from PIL import Image

        shot = Image.open(io.BytesIO(meta.screenshot())).convert("L")
        inked = [
            x
            for x in range(math.ceil(ends[0]) + 1, math.floor(ends[1]) - 1)
            if min(shot.getpixel((x, y)) for y in range(shot.height)) < 160
        ]
    finally:
        context.close()
    assert flush == [0, 0], flush  # the number line, the heading
    assert tags[0] == ["sql", 0] and tags[1][1] > 0, tags
    assert inked, ends
    assert inked[0] - ends[0] >= 3 and ends[1] - inked[-1] >= 3, (ends, inked)
    assert shown and all(rtl and align == "start" for rtl, align in shown), shown
    assert code == "ltr"
    assert bar == ["rtl", "3px", "0px"], bar
    # each item's marker has its room on the side the item starts: the right for Arabic
    (rtl, right, _), (ltr, _, left) = room
    assert (rtl, ltr) == ("rtl", "ltr") and right >= 15 and left >= 15, room


def _contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two CSS rgb() colours."""

    def relative(colour: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", colour)[:3]]
        red, green, blue = (
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
        )
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((relative(one), relative(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _seen_over(colour: str, ground: str) -> str:
    """The colour a computed `colour` (rgb() or rgba()) shows over an opaque `ground`."""
    top, below = (re.findall(r"[\d.]+", c) for c in (colour, ground))
    alpha = float(top[3]) if len(top) > 3 else 1.0
    pairs = zip(top[:3], below[:3], strict=True)
    mixed = (round(float(a) * alpha + float(b) * (1 - alpha)) for a, b in pairs)
    return "rgb({}, {}, {})".format(*mixed)


def _luminance(colour: str) -> float:
    red, green, blue = (int(v) for v in re.findall(r"\d+", colour)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_search_reads_kana_arabic_and_hebrew_as_they_are_typed(study, tmp_path):
    """Half-width ｶﾀｶﾅ, as some keyboards type it, finds カタカナ (a trial found nothing);
    so does かたかな, as a search site reads the two kana alike (a learner's trial: いんでっくす
    found nothing where インデックス stood); か and が stay two letters, both ways (か found
    が, its first part once decomposed: a review). Arabic and Hebrew
    are typed without their vowel marks, and Arabic without its hamza or its stretching
    tatweel, as Chromium's own find reads them:
    a phone trial's مفتاحا found nothing where the hint says مفتاحاً. Hebrew's maqaf, geresh
    and gershayim are found as a phone's keyboard types them, - ' and " (a phone trial's ה-API
    found nothing where the hint says ה־API)."""
    bank = tmp_path / "ja.yaml"
    bank.write_text(
        "title: 日本語\nlanguage: ja\nquestions:\n"
        "  - {id: a, section: 基本, question: カタカナとは？, hint: 文字。}\n"
        "  - {id: b, section: 基本, question: かきくけこ？, hint: 文字。}\n"
        "  - {id: c, section: 基本, question: がぎぐげご？, hint: 文字。}\n"
        "  - {id: d, section: عربي, question: ما التشفير؟, hint: مفتاحاً واحداً في إسلام كتـــاب.}\n"
        "  - {id: e, section: עברית, question: מה זה?, hint: שָׁלוֹם עוֹלָם.}\n"
        "  - {id: f, section: עברית, question: מה ה־API של צה״ל?, hint: ג׳ונס.}\n",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    typed_and_found = (("ｶﾀｶﾅ", ["Q1"]), ("カタカナ", ["Q1"]), ("かき", ["Q2"]), ("がぎ", ["Q3"]),
                       ("かたかな", ["Q1"]), ("カキ", ["Q2"]), ("ｶﾞｷﾞ", ["Q3"]),
                       ("か", ["Q1", "Q2"]), ("が", ["Q3"]),
                       ("مفتاحا واحدا", ["Q4"]), ("اسلام", ["Q4"]), ("كتاب", ["Q4"]),
                       ("مفتاحاً", ["Q4"]), ("שלום עולם", ["Q5"]), ("ה-api", ["Q6"]),
                       ("ה־API", ["Q6"]), ('צה"ל', ["Q6"]), ("צה״ל", ["Q6"]), ("ג'ונס", ["Q6"]),
                       ("ה-", ["Q6"]), ("ה־", ["Q6"]))  # fmt: skip
    for typed, found in typed_and_found:
        page.locator("#search").fill(typed)
        assert labels(page) == found, typed


def test_search_reads_everything_shown_and_german_as_it_is_typed(study, tmp_path):
    """A visual review: a word of a question's anchors or of its section's description gave
    "0 of 16", and in a German bank "ausser" and "ueberwachen" found neither "außer" nor
    "überwachen"."""
    bank = tmp_path / "de.yaml"
    bank.write_text(
        "title: Fragen\nlanguage: de\n"
        "sections:\n  - {name: Betrieb, description: Pipelines überwachen.}\n  - Anderes\n"
        "questions:\n  - {id: a, section: Betrieb, question: Was tun?, hint: Alarme.,"
        " anchors: {1: Nichts außer Logs., 3: Metriken., 5: Lineage.}}\n"
        "  - {id: b, section: Anderes, question: Blaue Queue?, hint: Nein.}\n",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    for typed, found in (("ausser", ["Q1"]), ("ueberwachen", ["Q1"]), ("lineage", ["Q1"]),
                         ("queue", ["Q2"]), ("außer", ["Q1"]), ("ue", ["Q1", "Q2"]),
                         ("ae", []), ("blau", ["Q2"]), ("blaue", ["Q2"])):  # fmt: skip
        page.locator("#search").fill(typed)
        assert labels(page) == found, typed


def test_a_banks_language_marks_its_texts_and_the_controls_stay_english(study, tmp_path):
    """A German bank (`language: de`): a screen reader reads the title, the description,
    the questions and the section names in German, and the page's own controls in English
    (WCAG 3.1.2, language of parts)."""
    bank = tmp_path / "de.yaml"
    bank.write_text(
        "title: Vorstellungsgespräch\nlanguage: de\ndescription: Fragen für Bewerber.\n"
        "sections:\n  - Grundlagen\n  - {name: العربية, language: ar, description: أسئلة.}\n"
        "questions:\n  - {id: a, section: Grundlagen, question: Was filtert eine Firewall?, "
        "hint: Den Verkehr.}\n  - {id: b, section: Grundlagen, question: Prüfen Sie die Regeln?, "
        "hint: Ja.}\n  - {id: c, section: العربية, question: ما هو الجدار الناري؟, hint: نعم., "
        "look_for: [حماية]}\n",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    # search ignores accents, as a browser's find does: 'prufen' finds 'Prüfen'
    for typed in ("prufen", "PRÜFEN"):
        page.locator("#search").fill(typed)
        assert labels(page) == ["Q2"], typed
    # a section's name finds its questions (a trial: "Bash & Unix" found none)
    page.locator("#search").fill("grundlagen")
    assert labels(page) == ["Q1", "Q2"]
    page.locator("#search").fill("")
    page.locator("article.question .reveal").first.click()
    page.locator("#q3 .reveal").click()
    spoken = "s => document.querySelector(s).closest('[lang]').lang"
    expected = {  # the bank's texts in its language, the page's controls in English
        "#title": "de",
        ".masthead .lead": "de",
        "article.question .question-text, article.question h3 .text": "de",
        "article.question .answer p.text": "de",
        "article.question .section-name": "de",
        "#section-filter option:nth-child(2)": "de",
        "#practice-open": "en",
        "label[for=search]": "en",
        "#progress-heading": "en",
        "article.question .reveal": "en",
        "article.question .rating": "en",
        "article.question .answer h4": "en",
        "#section-filter option:first-child": "en",
        # a section in a language of its own (`language: ar`): its name, its description
        # and its questions' texts in it (a screen reader read Arabic with an English voice)
        "#section-filter option:nth-child(3)": "ar",
        "#q3 h3 .text": "ar",
        "#q3 .section-name": "ar",
        "#q3 .answer p.text": "ar",
        "#q3 .answer li": "ar",
        "#q3 .answer h4": "en",
        "#questions section:nth-of-type(2) .section-head": "ar",
        "#questions section:nth-of-type(2) .section-about": "ar",
        "#by-section li:nth-child(2) .name": "ar",
    }
    assert {s: page.evaluate(f"({spoken})('{s}')") for s in expected} == expected
    # a long word breaks where its language hyphenates it, with a hyphen, on a phone that
    # has the language's rules ('Prüfungsfrage|n' at 200 %: a phone trial); code does not
    hyphens = """s => { const e = document.querySelector(s);
        const kept = ['code', 'kbd', 'span'].map(t => e.appendChild(document.createElement(t)));
        kept[2].className = 'address';
        const text = getComputedStyle(e);
        return [text.hyphens, text.hyphenateLimitChars,
                ...kept.map(k => getComputedStyle(k).hyphens)]; }"""
    manual = ["manual"] * 3  # code, a key, an address: as typed (a review)
    for shown in ("#title", "#q1 h3 .text", "#q1 .answer p.text", "#q3 .answer li"):
        assert page.evaluate(f"({hyphens})('{shown}')") == ["auto", "10 4 4", *manual]
    # not the look's English words, as the DOCX packet's English is not (a review)
    assert page.evaluate(f"({hyphens})('#practice-open')") == ["manual", "10 4 4", *manual]
    # its look-for items read from the right, with room for their bullets on the right,
    # inside the card (they hung outside it)
    room = page.evaluate(
        """() => { const li = document.querySelector('#q3 .answer li');
             const list = li.parentElement.getBoundingClientRect();
             const item = li.getBoundingClientRect();
             return [getComputedStyle(li).direction, list.right - item.right,
                     item.left - list.left]; }"""
    )
    assert room[0] == "rtl" and room[1] >= 15 and room[2] < 1, room


def test_each_paragraph_item_and_quote_takes_its_own_direction(study, tmp_path):
    """An Arabic quote or list inside an English hint reads right to left, its bar and its
    markers on the right (the hint's one dir="auto" followed its first, English, letters);
    code reads left to right, in an Arabic hint too. In a Hebrew bank, a paragraph, item,
    quote or heading holding a Hebrew letter reads right to left though it starts with a
    Latin word, as in the PDFs ('TCP אמין; UDP מהיר' stood flush left); one without
    stays left to right."""
    bank = tmp_path / "rtl.yaml"
    hint = [
        "|",
        "  Arabic is written right to left.",
        "",
        "  > اللغة العربية تُكتب من اليمين إلى اليسار.",
        "",
        "  - عنصر عربي",
        "  - عنصر ثان",
    ]
    arabic = ["|", "  مثال:", "", "  ```python", "  print('مرحبا')", "  ```"]
    hebrew = ["|", "  TCP אמין; UDP מהיר", "", "  > TCP מאשר כל חבילה", ""]
    hebrew += ["  - UDP מהיר", "  - TCP"]
    indent = "\n      "
    bank.write_text(
        "title: Directions\nmarkup: markdown\nlanguage: he\nquestions:\n"
        "  - id: a\n    section: S\n    question: Which way?\n"
        f"    hint: {indent.join(hint)}\n"
        "  - id: b\n    section: S\n    question: أي اتجاه؟\n"
        f"    hint: {indent.join(arabic)}\n"
        "  - id: c\n    section: S\n    question: TCP או UDP?\n"
        f"    hint: {indent.join(hebrew)}\n",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    for button in page.locator("article.question .reveal").all():
        button.click()
    direction = (
        "s => [...document.querySelectorAll(s)].map(e => e.matches(':dir(rtl)') ? 'rtl' : 'ltr')"
    )
    assert page.evaluate(f"({direction})('#q1 .answer .text > p')") == ["ltr"]
    assert page.evaluate(f"({direction})('#q1 .answer blockquote')") == ["rtl"]
    assert page.evaluate(f"({direction})('#q1 .answer li')") == ["rtl", "rtl"]
    sides = page.evaluate(
        """() => {
      const quote = document.querySelector('#q1 .answer blockquote');
      const item = document.querySelector('#q1 .answer li').getBoundingClientRect();
      const list = document.querySelector('#q1 .answer ul').getBoundingClientRect();
      const style = getComputedStyle(quote);
      return [style.borderRightWidth, style.borderLeftWidth, item.right < list.right];
    }"""
    )
    assert sides == ["3px", "0px", True]  # the bar on the right, the items' indent too
    assert page.evaluate(f"({direction})('#q2 .answer .text > p')") == ["rtl"]
    assert page.evaluate(f"({direction})('#q2 .answer pre')") == ["ltr"]
    # a question's heading takes its words' direction, not its number's (a trial: an
    # Arabic question's second line stood flush left); the number reads left to right
    assert page.evaluate(f"({direction})('.question-head')") == ["ltr", "rtl", "rtl"]
    assert page.evaluate(f"({direction})('.question-head .number')") == ["ltr"] * 3
    assert page.evaluate(f"({direction})('#q3 .answer .text > p, #q3 .answer blockquote')") == [
        "rtl",
        "rtl",
    ]
    assert page.evaluate(f"({direction})('#q3 .answer li')") == ["rtl", "rtl"]


# every text of the page's own language that holds a word (two letters or more) holds the
# mark each word was given; bank texts, in the bank's language, are left out
UNMARKED = """mark => {
  const page = document.documentElement.lang, found = [];
  const own = (node) => (node.closest("[lang]") || document.documentElement).lang === page;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (own(node.parentElement) && /\\p{L}{2,}/u.test(text) && !text.includes(mark)
        && !node.parentElement.closest("script, style")) found.push(text);
  }
  for (const element of document.querySelectorAll("[aria-label], [placeholder], [title]")) {
    for (const name of ["aria-label", "placeholder", "title"]) {
      const text = element.getAttribute(name);
      if (text && own(element) && /\\p{L}{2,}/u.test(text) && !text.includes(mark)) {
        found.push(text);
      }
    }
  }
  return found;
}"""


def test_a_look_with_its_own_words_translates_every_control(study, tmp_path):
    """Each word of html/words.toml given a mark, the page in that look shows no word of its
    own without it, in every state a learner reaches: the list with every answer shown and a
    rating given, practice with a mistake, a question and its clock, the summary, the reset
    dialog. Bank texts keep the bank's language; the controls take the words' (`de`)."""
    mark = "ẞ"
    words = tomllib.loads((BUILTIN_TEMPLATES / "html" / "words.toml").read_text("utf-8"))
    lines = ['language = "de"']
    lines += [
        f"{key} = {json.dumps(mark + value)}" for key, value in words.items() if key != "language"
    ]
    # one match in words of its own: "1 questions sur 15 correspondent" (a French trial)
    lines.append(f'questions_match_one = "{mark}{{n}} question sur {{total}} correspond"')
    lines = [
        line for line in lines if not line.startswith("questions_match_one = ") or "sur" in line
    ]
    look = tmp_path / "look" / "html"
    look.mkdir(parents=True)
    (look / "words.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # the anchors' scale labels are the interview's words (packet/rubric.toml)
    rubric = (BUILTIN_TEMPLATES / "packet" / "rubric.toml").read_text("utf-8")
    (tmp_path / "look" / "packet").mkdir()
    (tmp_path / "look" / "packet" / "rubric.toml").write_text(
        rubric.replace('label = "', f'label = "{mark}'), encoding="utf-8"
    )
    bank = tmp_path / "fr.yaml"
    bank.write_text(
        "title: Entretien\nlanguage: fr\nsections: [Bases, Réseaux]\nquestions:\n"
        "  - {id: a, section: Bases, question: Que filtre un pare-feu ?, hint: Le trafic.,"
        " minutes: 4, tags: [réseau], note: Une note., look_for: [Les ports],"
        " follow_ups: [Et ensuite ?], anchors: {1: Rien., 3: Un peu., 5: Tout.},"
        " sources: [{title: La norme, url: 'https://example.org/norme'}]}\n"
        "  - {id: b, section: Réseaux, question: Qu'est-ce qu'un VLAN ?, hint: Un réseau.}\n",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out", tmp_path / "look"))
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.evaluate("document.querySelector('#q1 h3 .text').closest('[lang]').lang") == "fr"
    unmarked = lambda: page.evaluate(f"({UNMARKED})({json.dumps(mark)})")  # noqa: E731
    for reveal in page.locator("article.question .reveal").all():
        reveal.click()
    page.locator("#q1 .rating.good").click()
    assert unmarked() == []
    assert page.locator("#q1 .reveal").inner_text() == mark + "Hide answer"
    assert page.locator("#count").inner_text() == mark + "2 questions"
    page.locator("#search").fill("VLAN")
    assert page.locator("#count").inner_text() == mark + "1 question sur 2 correspond"
    page.locator("#search").fill("")
    page.locator("#practice-open").click()
    page.locator("#by-minutes").check()
    page.locator("#minutes-input").fill("1")
    page.locator("#practice-setup button[type=submit]").click()
    assert page.locator("#practice-error").inner_text() == (
        f"{mark}No question fits {mark}1 minute: the shortest takes {mark}4 minutes."
    )
    assert unmarked() == []
    page.locator("#by-count").check()
    page.locator("#count-input").fill("1")
    page.locator("#practice-setup button[type=submit]").click()
    page.locator("#pause").click()
    assert page.locator("#timer-state").inner_text() == mark + "Paused"
    assert unmarked() == []
    page.locator("#finish").click()
    assert page.locator("#practice-summary").is_visible()
    assert unmarked() == []
    page.locator("#practice-summary .practice-close").click()
    page.evaluate("document.getElementById('keep').open = true")
    page.locator("#reset").click()
    assert page.locator("#reset-text").inner_text() == (
        mark + "This removes this bank's ratings from this browser (" + mark + "1 rating). "
        "Export them first to keep a copy."
    )
    assert unmarked() == []
    page.locator("#reset-dialog button[value=cancel]").click()


def test_a_numbered_list_has_room_for_its_widest_number(study, tmp_path):
    """'10.' touched the card's edge at phone width (a review): each item of a numbered list
    stands in by at least the width of its list's widest number, whatever its start."""
    bank = tmp_path / "ol.yaml"
    items = "".join(f"      {n}. item {n}\n" for n in range(7, 12))
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: a\n    section: S\n"
        f"    question: Steps?\n    hint: |\n{items}",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    page.set_viewport_size(PHONE)
    page.click("button.reveal")
    room = page.evaluate(
        """() => [...document.querySelectorAll('.answer ol > li')].map(li => {
             const probe = document.createElement('span');
             probe.textContent = '11.\\u00a0';
             li.append(probe);
             const width = probe.getBoundingClientRect().width;
             probe.remove();
             const edge = li.closest('.answer').getBoundingClientRect().left;
             return li.getBoundingClientRect().left - edge - width; })"""
    )
    assert len(room) == 5 and min(room) >= 0, room


def test_longer_words_of_a_look_fit_a_phone(study, tmp_path):
    """A Spanish look at phone width (a trial): 'Todas las secciones' was cut off in its
    select, 'Las preguntas que quepan, en minutos' wrapped under its radio button, and the
    practice summary's table ran past the screen."""
    words = (BUILTIN_TEMPLATES / "html" / "words.toml").read_text("utf-8")
    for key, value in {
        "all_sections": "Todas las secciones",
        "all_tags": "Todas las etiquetas",
        "by_minutes": "Las preguntas que quepan, en minutos",
        "summary_used": "Tiempo empleado",
        "summary_rating": "Valoración",
        "summary_question": "Pregunta",
    }.items():
        words = re.sub(rf'(?m)^{key} = "[^"]*"', f'{key} = "{value}"', words)
    look = tmp_path / "look" / "html"
    look.mkdir(parents=True)
    (look / "words.toml").write_text(words.replace('language = "en"', 'language = "es"'), "utf-8")
    bank = tmp_path / "es.yaml"
    bank.write_text(
        "title: T\nlanguage: es\nsections: [Fundamentos, Depuración]\nquestions:\n"
        "  - {id: a, section: Fundamentos, question: ¿Qué es una variable en Python y cómo se"
        " crea?, hint: H., tags: [básico], minutes: 3}\n"
        "  - {id: b, section: Depuración, question: ¿Cómo depuras?, hint: H., tags: [pdb]}\n",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out", tmp_path / "look"))
    page.set_viewport_size(PHONE)
    room = page.evaluate(
        """() => ['section-filter', 'tag-filter'].map(id => {
             const select = document.getElementById(id), probe = document.createElement('span');
             probe.style.font = getComputedStyle(select).font;
             probe.textContent = select.options[select.selectedIndex].text;
             document.body.append(probe);
             const text = probe.getBoundingClientRect().width;
             probe.remove();
             return select.clientWidth - text; })"""
    )
    assert min(room) > 20, room  # the text and the select's arrow
    page.locator("#practice-open").click()
    radio, label = page.evaluate(
        "[document.getElementById('by-minutes'), document.querySelector('label[for=by-minutes]')]"
        ".map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; })"
    )
    middle = (radio[0] + radio[1]) / 2
    assert label[0] <= middle <= label[1], (radio, label)  # beside its radio button
    page.locator("#practice-setup button[type=submit]").click()
    page.locator("#finish").click()
    widths = page.evaluate(
        "(() => { const t = document.querySelector('#practice-summary .table-wrap');"
        " return [t.scrollWidth, t.clientWidth]; })()"
    )
    assert widths[0] <= widths[1], widths
    # laid out from the right, as a look in Arabic or Hebrew is (test_html.py: its dir):
    # the skip link waiting at the left made the page scroll 999 px sideways, and the
    # table's columns stood at their cells' left (a phone trial)
    page.evaluate("document.documentElement.dir = 'rtl'")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#summary-table th')).textAlign")
        == "start"
    )
    page.evaluate("document.documentElement.dir = 'ltr'")
    page.locator("#practice-summary .practice-close").click()


def test_a_section_name_of_one_word_stays_whole_beside_its_tally_at_twice_the_text_size(
    open_page, tmp_path
):
    """'By section' on a phone at twice the text size (a learner's trial): the tally
    ('0/7 Good') kept its width beside each name and cut 'Networ|king' with no hyphen, a word
    narrower than the panel. The tally goes under the name, at the end of the row, when the
    two do not fit side by side; a name wider than the whole row still breaks."""
    bank = tmp_path / "two.yaml"
    bank.write_text(
        "title: T\nsections: [Networking, Security basics]\nquestions:\n"
        "  - {id: a, section: Networking, question: Q?, hint: H.}\n"
        "  - {id: b, section: Security basics, question: Q?, hint: H.}\n",
        encoding="utf-8",
    )
    page = open_page(build_page(bank, tmp_path / "out"), viewport=PHONE, has_touch=True).page
    page.evaluate("document.getElementById('by-section').open = true")
    # each row: its name, the lines each of its words takes, whether the tally is beside the
    # name (tops alike), above the bar, and at the row's end
    rows = """() => [...document.querySelectorAll('#section-progress li')].map(row => {
        const [name, bar, tally] = row.children, text = name.firstChild, range = new Range();
        const lines = [...text.data.matchAll(/\\S+/g)].map(word => {
            range.setStart(text, word.index);
            range.setEnd(text, word.index + word[0].length);
            return range.getClientRects().length; });
        const [n, b, t] = [name, bar, tally].map(e => e.getBoundingClientRect());
        return [name.textContent, lines, n.top === t.top, t.bottom <= b.top,
                Math.round(row.getBoundingClientRect().right - t.right)]; })"""
    # at the reader's size, each row's name and tally side by side above its bar, as before
    assert page.evaluate(rows) == [
        ["Networking", [1], True, True, 0],
        ["Security basics", [1, 1], True, True, 0],
    ]
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate(rows) == [
        ["Networking", [1], False, True, 0],
        ["Security basics", [1, 1], False, True, 0],
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("storage", ["off", "full"])
def test_a_browser_that_keeps_no_rating_says_so_on_screen(
    open_page, bundled_page, bundled_bank, storage, tmp_path
):
    """Storage turned off showed its notice only in the hidden status line, which the first
    rating's words then replaced; a full store never said it (an accessibility trial). The
    notice is on screen, an alert, and stays after the ratings."""
    page = open_page(bundled_page).page
    if storage == "off":
        script = (
            "Object.defineProperty(window, 'localStorage', "
            "{get() { throw new DOMException('off', 'SecurityError'); }})"
        )
    else:
        script = (
            "const set = Storage.prototype.setItem; Storage.prototype.setItem = function (k, v) {"
            " if (k.startsWith('qbank:')) throw new DOMException('full', 'QuotaExceededError');"
            " return set.call(this, k, v); }"
        )
    page.context.add_init_script(script)
    page.reload()
    page.wait_for_selector("html[data-ready]", state="attached")
    notice = page.locator("#storage-notice")
    assert notice.get_attribute("role") == "alert"
    if storage == "full":  # nothing failed yet
        expect(notice).to_be_hidden()
    rate(page, "Q1", "good")
    rate(page, "Q2", "hard")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(
        "This browser does not keep progress for this page: export it to keep it."
    )
    expect(page.locator("#status")).to_have_text("Q2 rated Hard.")  # said apart from it
    # an import says that its ratings last this visit only (it said they were kept)
    progress = tmp_path / "progress.json"
    progress.write_text(
        json.dumps(
            {
                "format": "qbank-progress",
                "version": 1,
                "bank": bundled_bank.name,
                "ratings": {bundled_bank.questions[2].id: {"rating": "good", "at": 1}},
            }
        ),
        encoding="utf-8",
    )
    page.evaluate("document.getElementById('keep').open = true")
    with page.expect_file_chooser() as chooser:
        page.locator("#import").click()
    chooser.value.set_files(progress)
    expect(page.locator("#keep-status")).to_contain_text("This browser does not keep progress")
    assert page.locator("#keep-status").inner_text().startswith("Imported 1 rating")


def test_the_readers_own_text_size_sizes_every_text(study, bundled_page):
    """The body's text was set in pixels: a reader's larger default size grew the headings
    and labels but not the hints or the buttons' words (an accessibility trial)."""
    page = study(bundled_page)
    card(page, "Q1").locator(".reveal").click()
    sizes = """() => ['.answer p', '.reveal', '.lead', '#overall-text'].map(s =>
        parseFloat(getComputedStyle(document.querySelector(s)).fontSize))"""
    before = page.evaluate(sizes)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    after = page.evaluate(sizes)
    assert [round(a / b, 2) for a, b in zip(after, before, strict=True)] == [2.0] * 4


def test_what_an_accessibility_trial_found_in_the_list_and_the_practice(open_page, bundled_page):
    """A question's summary link to the question the address already names did nothing;
    an answer opened from the keyboard opened below the screen; fifty 'Show answer' buttons
    did not say whose; a refused count was not tied to its field."""
    page = open_page(bundled_page, viewport={"width": 1280, "height": 800}).page
    page.goto(bundled_page.resolve().as_uri() + "#q3")
    page.wait_for_selector("html[data-ready]", state="attached")
    reveal = card(page, "Q5").locator(".reveal")
    described = reveal.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text() == "Q5"

    # Space on a card at the foot of the screen brings its answer into view
    five = card(page, "Q5")
    page.evaluate(
        "el => window.scrollBy(0, el.getBoundingClientRect().top - innerHeight + 60)",
        five.element_handle(),
    )
    five.focus()
    page.keyboard.press(" ")
    expect(five.locator(".answer")).to_be_visible()
    box = page.evaluate("el => el.getBoundingClientRect().toJSON()", five.element_handle())
    assert box["top"] >= 0 and (box["bottom"] <= 800 or box["top"] < 20), box
    # and Enter on its Show answer button, which a keyboard's Tab reaches
    six = card(page, "Q6")
    page.evaluate(
        "el => window.scrollBy(0, el.getBoundingClientRect().top - innerHeight + 120)",
        six.element_handle(),
    )
    six.locator(".reveal").focus()
    page.keyboard.press("Enter")
    expect(six.locator(".answer")).to_be_visible()
    box = page.evaluate("el => el.getBoundingClientRect().toJSON()", six.element_handle())
    assert box["top"] >= 0 and (box["bottom"] <= 800 or box["top"] < 20), box

    # a refused count marks its field, tied to the message; a change clears both
    page.locator("#practice-open").click()
    page.locator("#count-input").fill("0")
    page.locator("#practice-setup button[type=submit]").click()
    count = page.locator("#count-input")
    assert count.get_attribute("aria-invalid") == "true"
    assert count.get_attribute("aria-describedby") == "practice-error"
    count.fill("2")
    assert count.get_attribute("aria-invalid") is None

    # from the question, Tab meets its answer's button before Pause, Skip and Finish (they
    # came first, above the question)
    page.locator("#practice-setup button[type=submit]").click()
    assert page.evaluate("document.activeElement.classList.contains('question')")
    # and says which step it is: the region that names it is entered once, and the second
    # question was heard without its 'Question 2 of 2' (a phone trial)
    focused = page.locator("#practice-question .question")
    expect(focused).to_have_accessible_description("Question 1 of 2")
    met = []
    for _ in range(4):
        page.keyboard.press("Tab")
        met.append(page.evaluate("document.activeElement.id || document.activeElement.className"))
    assert met == ["reveal controls", "pause", "skip", "finish"], met

    page.locator("#skip").click()
    expect(focused).to_be_focused()
    expect(focused).to_have_accessible_description("Question 2 of 2")
    # a summary's link to the question the address names (#q3) leaves the practice for it
    page.locator("#finish").click()
    expect(page.locator("#practice-summary")).to_be_visible()
    link = page.locator("#summary-table tbody a").first
    link.evaluate("a => { a.href = '#q3'; }")  # whichever question the run took first
    link.click()
    expect(page.locator("#practice")).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "q3"


def axe_violations(page, axe_source: str) -> list:
    """What axe-core finds wrong with the page as it stands (its script put in through the
    devtools protocol: the page's CSP stays)."""
    page.evaluate(axe_source)
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]}))
            .violations.map(v => [v.id, v.nodes.map(n => n.target.join(" "))])"""
    )


def test_space_on_a_question_shows_its_answer_by_its_button_which_says_expanded(
    open_page, bundled_page, axe_source
):
    """Space or Enter on a focused question showed its answer, and a screen reader heard
    nothing: the question has no expanded state (a learner's trial). Focus goes on to its
    Show answer button, which says "expanded" (APG's disclosure), and every key of the page
    works from there, in the list and in a practice run."""
    page = open_page(bundled_page).page
    page.keyboard.press("j")
    expect(card(page, "Q1")).to_be_focused()
    page.keyboard.press(" ")
    button = card(page, "Q1").locator(".reveal")
    expect(button).to_be_focused()
    assert button.aria_snapshot() == '- button "Hide answer" [expanded]'
    expect(card(page, "Q1").locator(".answer")).to_be_visible()
    assert axe_violations(page, axe_source) == []
    page.keyboard.press(" ")  # the button's own Space hides it again
    assert button.aria_snapshot() == '- button "Show answer"'
    page.keyboard.press("Enter")
    expect(card(page, "Q1").locator(".answer")).to_be_visible()
    page.keyboard.press("2")  # rates the question the button is in
    expect(card(page, "Q1").locator(".badge")).to_have_text("Hard")
    page.keyboard.press("j")
    expect(card(page, "Q2")).to_be_focused()
    page.keyboard.press("Enter")
    expect(card(page, "Q2").locator(".reveal")).to_be_focused()
    assert card(page, "Q2").locator(".reveal").aria_snapshot().endswith("[expanded]")
    page.keyboard.press("k")
    expect(card(page, "Q1")).to_be_focused()
    page.keyboard.press("Enter")  # an open answer: the button hides it
    assert button.aria_snapshot() == '- button "Show answer"'
    page.keyboard.press("/")
    expect(page.locator("#search")).to_be_focused()
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    expect(card(page, "Q1")).to_be_focused()
    # a practice run: its question takes focus; Space goes on to its button, 3 rates it
    page.locator("#practice-open").click()
    page.locator("#count-input").fill("2")
    page.locator("#practice-setup button[type=submit]").click()
    first = page.locator("#practice-question .question")
    expect(first).to_be_focused()
    page.keyboard.press(" ")
    shown = page.locator("#practice-question .reveal")
    expect(shown).to_be_focused()
    assert shown.aria_snapshot() == '- button "Hide answer" [expanded]'
    assert axe_violations(page, axe_source) == []
    page.keyboard.press("3")
    expect(page.locator("#practice-step")).to_have_text("Question 2 of 2")
    expect(page.locator("#practice-question .question")).to_be_focused()


def test_a_question_rated_out_of_the_rating_filter_is_counted_apart(
    open_page, bundled_page, bundled_bank, axe_source
):
    """With the Rating filter on "Not rated", a question rated stays in the list, so that
    focus stays on it, but the count still said "20 questions" over 19 not rated (a
    learner's trial): it says how many match and how many were rated since (words.toml's
    rated_since), and its status region says so too."""
    total = len(bundled_bank.questions)
    page = open_page(bundled_page).page
    page.locator("#rating-filter").select_option("none")
    count = page.locator("#count")
    expect(count).to_have_text(f"{total} questions")
    rate(page, "Q2", "good")
    expect(card(page, "Q2")).to_be_visible()
    since = "rated since the filter was set"
    said = f"{total - 1} of {total} questions match, and 1 {since}"
    assert count.aria_snapshot() == f"- status: {said}"
    card(page, "Q3").focus()
    page.keyboard.press("1")  # the keyboard's rating too
    expect(count).to_have_text(f"{total - 2} of {total} questions match, and 2 {since}")
    assert axe_violations(page, axe_source) == []
    page.locator("#rating-filter").select_option("good")  # counted anew
    expect(count).to_have_text(f"1 of {total} questions match")
    rate(page, "Q2", "hard")
    expect(count).to_have_text(f"0 of {total} questions match, and 1 {since}")
    # a rating that still matches changes nothing: with "Any" rating, and Again rated again
    page.locator("#rating-filter").select_option("")
    rate(page, "Q2", "again")
    expect(count).to_have_text(f"{total} questions")
    page.locator("#rating-filter").select_option("again")
    rate(page, "Q2", "again")
    expect(count).to_have_text(f"2 of {total} questions match")


def test_a_code_blocks_language_is_heard_once(browser, study, tmp_path, axe_source):
    """A code block's language was heard twice, as the figure's name and as its visible
    caption ("Python" "Python"): the caption is only seen, and the name said once, the
    figure's, or its box's when it is set in columns and scrolls; a block without a
    caption (```text) is named as before."""
    fences = [
        ["```python", "def check(pods):", "    return pods", "```", ""],
        [
            "```console",
            "NAME      READY   STATUS",
            "api-7d9f  1/1     Running",
            "worker-5  0/1     CrashLoopBackOff",
            "```",
            "",
        ],
        ["```text", "NAME      READY", "api-7d9f  1/1", "```"],
    ]
    hint = "".join(f"      {line}\n" for fence in fences for line in fence)
    bank = tmp_path / "code.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: Which pod fails?\n    hint: |\n{hint}",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    page.click("button.reveal")
    figures = page.locator("#q1 figure.code")
    expect(figures.nth(0).locator("figcaption")).to_have_text("Python")  # seen as before
    heard = [" ".join(figures.nth(i).aria_snapshot().split()) for i in range(3)]
    assert heard[0] == '- figure "Python": - code: "def check(pods): return pods"', heard[0]
    assert heard[1].startswith('- figure "Shell session": - group: - code: NAME'), heard[1]
    assert heard[2].startswith('- figure: - group "Code": - code: NAME'), heard[2]
    assert all(said.count("Python") + said.count("Shell session") <= 1 for said in heard)
    assert axe_violations(page, axe_source) == []


def test_a_code_blocks_language_is_heard_once_on_an_anki_card(browser, tmp_path, axe_source):
    """The same on a deck's card: its figure was named by its caption, which a screen reader
    then read again ("Python" "Python"). The caption is only seen, as on the page, on a
    deck's card and a text import's (Anki's Basic note type: bare_code)."""
    from qbank.exporters.anki import FieldText

    bank = code_bank(tmp_path / "code.yaml", "python", ["def check(pods):", "    return pods"])
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    (answer,), media = reviewer_cards(tmp_path / "code.apkg", tmp_path)
    loaded = load_bank(bank)
    imported = FieldText(loaded)(loaded.questions[0].hint)
    with phone_card(browser, media / "card.html", answer) as page:
        figure = page.locator("figure.qb-code")
        expect(figure.locator("figcaption")).to_have_text("Python")  # seen as before
        heard = " ".join(figure.aria_snapshot().split())
        # the card's figure (the test's page around it is no reviewer's)
        page.evaluate(axe_source)
        found = page.evaluate(
            """async () => (await axe.run("figure.qb-code", {resultTypes: ["violations"]}))
                .violations.map(v => v.id)"""
        )
        assert found == []
        page.set_content(f'<div class="card">{imported}</div>')
        bare = " ".join(page.locator("figure").aria_snapshot().split())
        expect(page.locator("figcaption")).to_have_text("Python")
    for said in (heard, bare):
        assert said == '- figure "Python": - code: "def check(pods): return pods"', said


def test_a_questions_line_of_facts_is_labelled_for_a_screen_reader(study, bundled_page):
    """The line under a question read 'Linux linux performance Good' to a screen reader:
    the tags and the rating are said to be what they are (html/words.toml tags_said,
    rating_said), unseen; the rating's words only once the question is rated."""
    page = study(bundled_page)
    meta = card(page, "Q1").locator(".meta")
    assert "Tags:" in meta.aria_snapshot() and "Your rating:" not in meta.aria_snapshot()
    rate(page, "Q1", "good")
    assert "Your rating: Good" in " ".join(meta.aria_snapshot().split())
    visible = meta.evaluate(
        "m => [...m.querySelectorAll('.visually-hidden')].map(e => e.getBoundingClientRect().width)"
    )
    assert all(width <= 1 for width in visible)


def test_two_lists_one_after_the_other_stand_apart(study, browser, tmp_path):
    """CommonMark makes two lists of bullets then numbers (or of '1.' then '1)'): the page
    showed them as one list, the items as close across the change as within a list. Two
    loose lists (their items a blank line apart) stood as far apart as their items, on the
    page and on the deck's card."""
    loose = "      - f\n\n      - g\n\n      1. h\n\n      2. i\n"
    bank = tmp_path / "lists.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: a\n    section: S\n"
        "    question: Steps?\n    hint: |\n      - a\n      - b\n\n      1. c\n      2. d\n\n"
        f"      1) e\n  - id: b\n    section: S\n    question: More?\n    hint: |\n{loose}",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    for reveal in page.locator("button.reveal").all():
        reveal.click()
    tops = "(root) => [...root.querySelectorAll('li')].map(li => li.getBoundingClientRect().top)"
    steps = [
        [after - before for before, after in itertools.pairwise(found)]
        for found in page.locator(".answer").evaluate_all(f"answers => answers.map({tops})")
    ]
    assert len(steps[0]) == 4 and min(steps[0][1], steps[0][3]) > max(steps[0][0], steps[0][2]) + 4
    assert len(steps[1]) == 3 and steps[1][1] > max(steps[1][0], steps[1][2]) + 4, steps
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    answers, media = reviewer_cards(tmp_path / "lists.apkg", tmp_path)
    (card,) = [answer for answer in answers if "More?" in answer]
    context = browser.new_context()
    try:
        reviewer = context.new_page()
        reviewer.goto(card_page(media / "card.html", card).as_uri())
        # measured once the card's fonts are in and two frames have drawn: a full run under
        # load once read the second list's items as far apart as the lists (cause not found)
        on_card = reviewer.evaluate(
            "async () => { await document.fonts.ready;"
            " await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"
            f" return ({tops})(document); }}"
        )
    finally:
        context.close()
    card_steps = [after - before for before, after in itertools.pairwise(on_card)]
    assert card_steps[1] > max(card_steps[0], card_steps[2]) + 4, (card_steps, card)


def printed_pages(page, path: Path) -> list[list[str]]:
    """The lines of text of each page of `page` printed to the PDF file `path`."""
    import pypdf

    page.emulate_media(media="print")  # else the screen's, once a test emulated a screen
    page.pdf(path=str(path))
    return [
        [line.strip() for line in sheet.extract_text().splitlines() if line.strip()]
        for sheet in pypdf.PdfReader(path).pages
    ]


def test_a_printed_sections_heading_and_description_stay_with_its_first_question(study, tmp_path):
    """A phone trial's printout ended a page with a section's heading and description, its
    first question on the next page: the heading was kept with what follows it, but the
    description under it was not."""
    sections = "".join(f"  - {{name: Part {n}, description: About part {n}.}}\n" for n in range(12))
    questions = "".join(
        f"  - id: q{n}\n    section: Part {n}\n    question: Question {n}?\n    hint: |\n"
        + "".join(f"      - Step {n}.{i} of the answer.\n" for i in range(3 + 5 * (n % 4)))
        for n in range(12)
    )
    bank = tmp_path / "parts.yaml"
    bank.write_text(
        f"title: T\nmarkup: markdown\nsections:\n{sections}questions:\n{questions}",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    pages = printed_pages(page, tmp_path / "parts.pdf")
    assert len(pages) > 2  # page breaks to test
    heads = {f"Part {n}" for n in range(12)} | {f"About part {n}." for n in range(12)}
    assert [lines[-1] for lines in pages if lines[-1] in heads] == []
    assert any(lines[0] in heads for lines in pages[1:])  # a section went on to the next page


def test_a_printed_tall_picture_stays_on_its_questions_page(study, tmp_path):
    """A phone trial printed a 300 x 1400 px diagram at its full height: it ran over two
    pages, its question alone at the foot of the first. On paper a picture is at most half
    a page tall, as in the booklet, its shape kept, on the page of its question."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTImage, LTTextContainer
    from PIL import Image

    Image.new("RGB", (300, 1400), (30, 90, 200)).save(tmp_path / "stack.png")
    bank = tmp_path / "stack.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: |\n      Name one control per layer.\n\n"
        "      ![A stack of layers](stack.png)\n"
        "    hint: One per layer.\n",
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    printed_pages(page, tmp_path / "stack.pdf")

    def inside(item, kind):
        if isinstance(item, kind):
            yield item
        for child in getattr(item, "_objs", None) or ():
            yield from inside(child, kind)

    found = []  # (page, its height, the picture's box, the page's text)
    for number, sheet in enumerate(extract_pages(tmp_path / "stack.pdf")):
        text = "".join(t.get_text() for t in inside(sheet, LTTextContainer))
        found += [(number, sheet.height, image.bbox, text) for image in inside(sheet, LTImage)]
    ((number, height, (left, bottom, right, top), text),) = found  # on one page, whole
    assert "Name one control per layer." in text
    assert 0 <= bottom and top <= height and top - bottom <= height / 2 + 1
    assert (right - left) / (top - bottom) == pytest.approx(300 / 1400, rel=0.05)


# Each run kept whole (.kept) that sticks out of its block's text, once three frames have
# drawn: app.js measures them again in the frame after the one that changed their size
KEPT_OUTSIDE = """async () => {
    for (let i = 0; i < 3; i++) await new Promise(r => requestAnimationFrame(r));
    return [...document.querySelectorAll('.kept')].filter(kept => kept.offsetParent)
      .map(kept => {
        let block = kept.parentElement;
        while (getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
        const box = block.getBoundingClientRect(), style = getComputedStyle(block);
        const right = box.left + block.clientLeft + block.clientWidth
          - parseFloat(style.paddingRight);
        return [kept.textContent, kept.getBoundingClientRect().right - right];
      }).filter(([, out]) => out > 1); }"""


def test_code_kept_whole_breaks_where_it_is_wider_than_its_row(study, tmp_path):
    """A phone trial at twice the text size: a PowerShell line's '-AzNetworkSecurityRuleConfig',
    a run a line never breaks in (after a word's hyphen), ran 230 px out of its box, and the
    phone showed the whole page zoomed out to fit it; a cmdlet's longer name did so at the
    text's own size. Such a run breaks where it is wider than its row; the others stay whole,
    and it is whole again on a wider screen."""
    bank = code_bank(
        tmp_path / "cmdlet.yaml",
        "powershell",
        [
            "Add-AzNetworkSecurityRuleConfig -Name rdp -Access Allow -Priority 100",
            "pip install --upgrade qbank",
        ],
    )
    bank.write_text(
        bank.read_text(encoding="utf-8").replace(
            "What does it do?", "What does `Get-AzureADServicePrincipalOwnedObject` list?"
        ),
        encoding="utf-8",
    )
    page = study(build_page(bank, tmp_path / "out"))
    viewport = page.viewport_size
    page.locator("button.reveal").click()
    upgrade = page.locator("pre .kept", has_text="--upgrade")
    try:
        page.set_viewport_size(PHONE)
        assert page.evaluate(KEPT_OUTSIDE) == []  # the cmdlet's name in the question
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert page.evaluate(KEPT_OUTSIDE) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert len(upgrade.evaluate("kept => [...kept.getClientRects()]")) == 1
        page.evaluate("document.documentElement.style.fontSize = ''")
        page.set_viewport_size({"width": 1000, "height": 800})
        assert page.evaluate(KEPT_OUTSIDE) == []
        whole = page.locator(".kept", has_text="-AzNetworkSecurityRuleConfig")
        assert len(whole.evaluate("kept => [...kept.getClientRects()]")) == 1
    finally:
        page.evaluate("document.documentElement.style.fontSize = ''")
        page.set_viewport_size(viewport)


def test_a_run_of_code_wider_than_a_cards_row_fills_its_rows_in_anki(browser, tmp_path):
    """A phone trial: 'Get-AzureADServicePrincipalOwnedObject', its '-AzureAD...' kept on
    one row (text.WORD_HYPHEN), ran out of a 360 px card, which scrolled sideways. At a
    phone's widths, inline and in a code block, the card is no wider than the screen, every
    character is shown, and a kept run that a row holds still starts a row whole."""
    long = "Get-AzureADServicePrincipalOwnedObjectWithAnEvenLongerName"
    bank = tmp_path / "long.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: What does `{long} -ObjectId x` list?\n    hint: |\n"
        f"      Run `pip install --upgrade qbank` first.\n\n      ```powershell\n"
        f"      PS> {long} -ObjectId $id\n      ```\n",
        encoding="utf-8",
    )
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    (answer,), media = reviewer_cards(tmp_path / "long.apkg", tmp_path)
    with phone_card(browser, media / "card.html", answer) as page:
        for width in range(320, 424, 16):
            page.set_viewport_size({"width": width, "height": PHONE["height"]})
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert page.evaluate("document.body.innerText").count(long[3:]) == 2
            # '--upgrade' is a run a row holds: its two hyphens on one row
            rows = page.evaluate(
                """() => {
                  const span = [...document.querySelectorAll('code span')]
                    .find(s => s.textContent === '--upgrade');
                  return [...span.getClientRects()].length;
                }"""
            )
            assert rows == 1, width


# Each web address in the body's text, as Chromium sets it: its rows (the characters on
# each), how wide it is on one row, and how wide its paragraph's rows are
ADDRESS_ROWS = r"""() => {
  const found = [];
  const blocks = [...document.querySelectorAll('p, li, .qb-hint > div, .answer .text')]
    .filter(b => !b.querySelector('p, li, div') && b.getClientRects().length);
  for (const block of blocks) {
    const chars = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    while (walker.nextNode())
      for (let i = 0; i < walker.currentNode.data.length; i++) chars.push([walker.currentNode, i]);
    const text = chars.map(([node, i]) => node.data[i]).join('');
    for (const match of text.matchAll(/https?:\/\/\S+/g)) {
      const rows = [];
      for (let k = match.index; k < match.index + match[0].length; k++) {
        const range = document.createRange();
        range.setStart(chars[k][0], chars[k][1]);
        range.setEnd(chars[k][0], chars[k][1] + 1);
        const box = range.getClientRects()[0];
        if (!rows.length || Math.abs(rows[rows.length - 1].top - box.top) > 4)
          rows.push({top: box.top, text: '', right: 0});
        rows[rows.length - 1].text += text[k];
        rows[rows.length - 1].right = box.right;
      }
      const whole = document.createElement('span');
      whole.style.whiteSpace = 'nowrap';
      whole.textContent = match[0];
      block.append(whole);
      const width = whole.getBoundingClientRect().width;
      whole.remove();
      const style = getComputedStyle(block);
      const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      const room = block.clientWidth - padding;
      const right = block.getBoundingClientRect().left + block.clientLeft + block.clientWidth;
      found.push({address: match[0], rows: rows.map(r => r.text), width, room,
                  inside: rows.every(r => r.right <= right + 0.5)});
    }
  }
  return found;
}"""
ADDRESS = "https://example.org/search?q=kql&lang=en"
SHORT_ADDRESS = "https://ex.org/s?q=kql&lang=en"


def _address_bank(path: Path) -> Path:
    """A bank whose hint shows web addresses with a query: in a paragraph, as a link's
    text, short and long."""
    longer = ADDRESS + "&page=2&sort=relevance&filter=tables&view=compact"
    hint = (
        f"Search at {ADDRESS} for it.\n\n      Or open [{ADDRESS}]({ADDRESS}) there.\n\n"
        f"      See {SHORT_ADDRESS} now.\n\n      Then [{SHORT_ADDRESS}]({SHORT_ADDRESS}) or"
        f" that.\n\n      A long one {longer} too.\n"
    )
    path.write_text(
        "title: U\nmarkup: markdown\nquestions:\n  - id: q1\n    section: S\n"
        f"    question: Where do you search?\n    hint: |\n      {hint}",
        encoding="utf-8",
    )
    return path


def _addresses_kept_whole(page, widths) -> list[str]:
    """At each of `widths`, each address that fits its paragraph's row on one row, and
    each wider one broken inside the row; what was found else."""
    wrong, seen = [], set()
    for width in widths:
        page.set_viewport_size({"width": width, "height": 740})
        for found in page.evaluate(ADDRESS_ROWS):
            seen.add((found["address"], len(found["rows"]) == 1))
            assert "".join(found["rows"]) == found["address"]  # every character, in order
            if found["width"] <= found["room"] - 0.5 and len(found["rows"]) > 1:
                wrong.append(f"{width} px: {found['rows']} fits a row of {found['room']:.0f}")
            if not found["inside"]:
                wrong.append(f"{width} px: {found['rows']} runs out of its row")
    # the short address on one row, the long ones broken, at some width each
    assert {(SHORT_ADDRESS, True), (ADDRESS, False)} <= seen, seen
    return wrong


def test_a_web_address_that_fits_a_row_stays_whole_on_an_anki_card(browser, tmp_path):
    """A review: an Anki card at a phone's width broke 'https://example.org/search?' from
    'q=kql&lang=en' at a row's end, where the address would have fitted the next row
    whole; in a paragraph and as a link's text alike. From 320 to 416 px, an address that
    fits a row stands on one, and one wider breaks inside its row."""
    bank = _address_bank(tmp_path / "urls.yaml")
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    answers, media = reviewer_cards(tmp_path / "urls.apkg", tmp_path)
    cards = "".join(f'<section class="card">{answer}</section>' for answer in answers)
    with phone_card(browser, media / "cards.html", cards) as page:
        assert _addresses_kept_whole(page, range(320, 417, 8)) == []
        shown = page.locator("body").inner_text()
    assert f"Search at {ADDRESS} for it." in shown and f"Then {SHORT_ADDRESS} or" in shown


def test_a_web_address_that_fits_a_row_stays_whole_on_the_study_page(open_page, tmp_path):
    """The same on the study page, whose rows broke the address at its '?' from 392 to
    416 px, where it fitted the next row whole."""
    page = open_page(build_page(_address_bank(tmp_path / "urls.yaml"), tmp_path)).page
    page.locator(".reveal").first.click()
    assert _addresses_kept_whole(page, range(320, 417, 8)) == []
    shown = page.locator(".answer").first.inner_text()
    assert f"Search at {ADDRESS} for it." in shown and f"Then {SHORT_ADDRESS} or" in shown


def test_a_cards_back_has_its_parts_as_headings_to_a_screen_reader(browser, study, tmp_path):
    """A phone trial: a card's "Hint", "Follow-ups" and "Note" were plain text to a screen
    reader, no heading to go to, and "Hint TODO" read as one phrase. The study page's
    answer has them in the same order (its Note stood before the Follow-ups, which it may
    speak of), as the booklet has."""
    bank = tmp_path / "parts.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - id: q\n    section: S\n    question: Why log it?\n"
        "    hint: To see it.\n    follow_ups: [And then?]\n    note: Ask for an example.\n"
        "    look_for: [Names a log]\n",
        encoding="utf-8",
    )
    assert run_cli("anki", "--bank", bank, "--out", tmp_path).exit_code == 0
    (answer,), media = reviewer_cards(tmp_path / "parts.apkg", tmp_path)
    with phone_card(browser, media / "card.html", answer) as page:
        headings = page.get_by_role("heading", level=2).all_text_contents()
    assert [h.strip() for h in headings] == ["Hint", "Follow-ups", "Note", "Look for"], headings
    page = study(build_page(bank, tmp_path / "html"))
    page.locator(".reveal").first.click()
    headings = page.locator(".answer").get_by_role("heading", level=4).all_text_contents()
    assert headings == ["Hint", "Follow-ups", "Note", "Look for"], headings


# the number line of a card as drawn, with what its parts' ::before draw (no innerText)
META_LINE = """() => [...document.querySelector('.qb-meta').childNodes].map(node => {
    if (node.nodeType !== 1) return node.textContent;
    const before = getComputedStyle(node, '::before').content;
    return (before === 'none' ? '' : JSON.parse(before)) + node.textContent;
  }).join('')"""


@pytest.mark.parametrize(
    ("front", "shown"),
    [
        ("", "Q1 · Syntax"),  # the built-in look
        ("swapped", "Syntax · Q1"),
        ("no number", "Syntax"),
    ],
)
def test_the_dot_on_a_cards_number_line_stands_between_its_parts(browser, tmp_path, front, shown):
    """The dot of a card's number line goes between its number and its section, in either
    order: a look that put the section first (a learner's trial of a look of their own)
    showed '· Syntax Q1', one without the number '· Syntax', the dot drawn before the
    section wherever it stood."""
    number = '<span class="qb-number">{{Number}}</span>'
    section = '<span class="qb-section">{{Section}}</span>'
    meta = f"{number} {section}"
    edits = {"": meta, "swapped": f"{section} {number}", "no number": section}
    look = own_look(tmp_path / "look", {"anki/front.html": (meta, edits[front])})
    bank = tmp_path / "b.yaml"
    bank.write_text("title: B\nquestions:\n  - {id: a, section: Syntax, question: A?, hint: H.}\n")
    result = run_cli("anki", "--bank", bank, "--out", tmp_path, "--templates", look)
    assert result.exit_code == 0, result.output
    answers, media = reviewer_cards(tmp_path / "b.apkg", tmp_path)
    with phone_card(browser, media / "cards.html", answers[0]) as page:
        line = page.evaluate(META_LINE)
    assert " ".join(line.replace("\xa0", " ").split()) == shown


@pytest.mark.parametrize("night", [False, True])
def test_a_reverse_card_asks_from_the_hint_as_a_question_card_asks(browser, tmp_path, night):
    """A two-way deck's reverse card (`anki --reverse`) as the reviewer shows it on a phone,
    by day and at night: its prompt, the hint, is set as a question card's question is (the
    same size and colour, on the card's background), and its answer, the question, stands
    under the rule as large; both in the night's colours at night."""
    bank = FIXTURES / "vocabulary.yaml"
    assert run_cli("anki", "--bank", bank, "--out", tmp_path, "--reverse").exit_code == 0
    answers, media = reviewer_cards(tmp_path / "vocabulary-two-way.apkg", tmp_path)
    (reverse,) = [a for a in answers if "qb-reverse" in a and "tener" in a]
    (forward,) = [a for a in answers if "qb-reverse" not in a and "tener" in a]
    classes = "card nightMode" if night else "card"
    style = """() => [...document.querySelectorAll('.qb-question')].map(e => {
        const s = getComputedStyle(e);
        return [e.innerText.trim(), s.fontSize, s.color, getComputedStyle(document.body)
          .backgroundColor, e.getBoundingClientRect().width > 0];
      })"""
    shown = {}
    context = browser.new_context(viewport=PHONE)
    try:
        for name, answer in (("forward", forward), ("reverse", reverse)):
            page = context.new_page()
            page.goto(card_page(media / f"{name}.html", answer, classes).as_uri())
            page.wait_for_load_state("load")
            shown[name] = page.evaluate(style)
            if os.environ.get("QBANK_SHOTS"):  # to look at: QBANK_SHOTS=folder
                suffix = "night" if night else "day"
                page.screenshot(path=f"{os.environ['QBANK_SHOTS']}/{name}-{suffix}.png")
    finally:
        context.close()
    [(question, size, colour, background, drawn)] = shown["forward"]
    assert question == "tener" and drawn
    prompt, answer = shown["reverse"]
    assert prompt == ["to have", size, colour, background, True]
    assert answer == ["tener", size, colour, background, True]
    dark = background not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert dark == night


# a look's rules for a reverse card alone: its whole card (the reviewer's body, which holds
# the card's root element) by day, and a mark after its number line; the question's card
# keeps the look's own
REVERSE_RULES = """
.card:has(.qb-reverse):not(.nightMode):not(.night_mode) { --qb-background: #fff7e0; }
.qb-reverse .qb-meta::after { content: " \\21C4"; color: var(--qb-muted); }
"""


def test_a_looks_style_tells_a_reverse_card_by_its_class(browser, tmp_path):
    """A two-way deck's two kinds of card share one style sheet (the look's style.css), and
    the reviewer's body is the same on both: what a look can tell a reverse card by is the
    `qb-reverse` class on each root element of its templates, front and back. A look's rules
    for it reach the reverse card on a phone, both sides, and not the question's card."""
    style = (BUILTIN_TEMPLATES / "anki" / "style.css").read_text(encoding="utf-8")
    look = tmp_path / "look"
    (look / "anki").mkdir(parents=True)
    (look / "anki" / "style.css").write_text(style + REVERSE_RULES, encoding="utf-8")
    bank = FIXTURES / "vocabulary.yaml"
    result = run_cli("anki", "--bank", bank, "--out", tmp_path, "--reverse", "--templates", look)
    assert result.exit_code == 0, result.output
    from anki.collection import Collection, ImportAnkiPackageRequest

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(tmp_path / "vocabulary-two-way.apkg"))
        )
        sides = {}
        for card_id in col.find_cards("Id:tener"):
            card = col.get_card(card_id)
            kind = card.template()["name"]
            sides[kind, "front"], sides[kind, "back"] = card.question(), card.answer()
        media = Path(col.media.dir())
    finally:
        col.close()
    drawn = """() => [getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.querySelector('.qb-meta'), '::after').content,
        document.querySelector('.qb-question').innerText.trim()]"""
    shown = {}
    for (kind, side), text in sides.items():
        with phone_card(browser, media / f"{kind}-{side}.html", text) as page:
            shown[kind, side] = page.evaluate(drawn)
            if os.environ.get("QBANK_SHOTS"):  # to look at: QBANK_SHOTS=folder
                page.screenshot(path=f"{os.environ['QBANK_SHOTS']}/look-{kind}-{side}.png")
    assert shown == {
        ("Question", "front"): ["rgb(255, 255, 255)", "none", "tener"],
        ("Question", "back"): ["rgb(255, 255, 255)", "none", "tener"],
        ("Reverse", "front"): ["rgb(255, 247, 224)", '" ⇄"', "to have"],
        ("Reverse", "back"): ["rgb(255, 247, 224)", '" ⇄"', "to have"],
    }


@pytest.mark.parametrize("markup", ["plain", "markdown"])
def test_an_lms_text_imported_and_sent_back_shows_in_moodle_as_it_did(browser, tmp_path, markup):
    """A review: a Moodle question's text with runs of blanks and tabs in its sentences
    ('What  is   a <b>SIEM</b>?') came in as typed, and went back to Moodle in a span that
    keeps blanks: Moodle showed 'What  is   a SIEM?' where it had shown 'What is a SIEM?'.
    Imported, then written as Moodle XML, the text shows in Chromium (as on Moodle's page,
    whose stylesheet sets no `white-space` on a question's text) as the original did, line
    for line: a no-break space and an ideographic one kept, a <pre>'s blanks and those of a
    span styled to keep them too. (A code span's blanks come in as typed, as a bank's code
    is: Moodle squeezed them in the original, and shows them once sent back.)"""
    text = (
        "<p>What  is \t a <b>SIEM</b> , and\n   what   <i> is</i>  not?   <br>  Say\u3000so."
        "</p><p>Two&nbsp; blanks,&nbsp;&nbsp;three &nbsp; here, "
        '<span style="white-space:pre-wrap">kept  as\ttyped</span>  then.</p>'
        "<p>\t Last  one. </p>"
    )
    if markup == "markdown":
        text += "<pre>col1    col2\n  indented</pre>"
    else:
        text = re.sub(r"<(/?)[bi]>", r"<\1span>", text)
    source = tmp_path / "m.xml"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz><question type="essay"><name><text>B'
        f'</text></name><questiontext format="html"><text><![CDATA[{text}]]></text>'
        "</questiontext></question></quiz>\n",
        encoding="utf-8",
    )
    result = run_cli("import", source)
    assert result.exit_code == 0, result.output
    assert load_bank(tmp_path / "m.yaml").markup == markup
    result = run_cli("lms", "--format", "moodle", "--bank", tmp_path / "m.yaml", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    written = (tmp_path / "m-moodle.xml").read_text(encoding="utf-8")
    back = re.search(r"<questiontext[^>]*>\s*<text><!\[CDATA\[(.*?)\]\]></text>", written, re.S)
    assert back is not None, written
    page = browser.new_page()
    try:

        def shown(fragment: str) -> list[str]:
            page.set_content(f"<!DOCTYPE html><html><body><div>{fragment}</div></body></html>")
            lines = page.inner_text("div").splitlines()
            return [line for line in lines if line.strip()]

        before = shown(text)
        assert before[0] == "What is a SIEM , and what is not?", before  # (Chromium's own)
        assert shown(back[1]) == before, back[1]
    finally:
        page.close()


TABLES_BANK = FIXTURES / "markdown" / "tables.yaml"


@contextlib.contextmanager
def revealed_page(browser, path: Path, scheme: str) -> Iterator:
    """A tab of a phone's width in the colour `scheme` showing the page at `path`, every
    answer open."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        reveal_all(page)
        yield page
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_banks_tables_on_the_study_page_at_phone_width(browser, built, axe_source, scheme):
    """GitHub's tables on the study page: a <table> whose header row is <th scope="col"> in a
    <thead>, each column aligned as written, in a box named and reached by the keyboard that
    scrolls sideways where the table is wider than a phone (eight columns), not the page;
    every character of a cell shown literally (`<script>`, a pipe, Hebrew read right to
    left); a search finds a cell's words; axe finds nothing wrong; printed, the table is the
    page's width and scrolls nowhere."""
    path = built("html", "--bank", TABLES_BANK) / "tables.html"
    with revealed_page(browser, path, scheme) as page:
        tables = page.evaluate(
            """() => [...document.querySelectorAll('.md-table')].map(box => {
                const table = box.querySelector('table');
                return {role: box.getAttribute('role'), name: box.getAttribute('aria-label'),
                  tab: box.tabIndex, wide: box.scrollWidth > box.clientWidth + 1,
                  overflow: getComputedStyle(box).overflowX,
                  head: [...table.querySelectorAll('thead th')].map(th =>
                    [th.scope, th.textContent, getComputedStyle(th).textAlign]),
                  rows: [...table.querySelectorAll('tbody tr')].map(tr =>
                    [...tr.cells].map(td => [td.textContent, getComputedStyle(td).textAlign,
                                            getComputedStyle(td).direction])),
                  right: box.getBoundingClientRect().right}; })"""
        )
        page_width = page.evaluate("document.documentElement.scrollWidth")
        assert axe_violations(page, axe_source) == []
        page.locator("#search").fill("rundll32")
        found = labels(page)
        page.locator("#search").fill("incident commander")
        found_in_a_list = labels(page)
        page.locator("#search").fill("")
        # on paper: A4's width less the print margins, at 96 dpi; each column as wide as its
        # longest word (12 characters at most), the words of none broken
        page.set_viewport_size({"width": 720, "height": 1000})
        page.emulate_media(media="print")
        printed = page.evaluate(
            """() => [...document.querySelectorAll('.md-table')].map(box =>
                [box.scrollWidth <= box.clientWidth + 1,
                 box.querySelector('table').getBoundingClientRect().right
                   <= document.documentElement.clientWidth])"""
        )
        # the eight columns' words whole: no cell's text has a row narrower than its word
        broken = page.evaluate(
            """() => { const out = [];
              for (const cell of document.querySelectorAll('.md-table td, .md-table th')) {
                const range = document.createRange();
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                  const text = walker.currentNode.data;
                  for (const m of text.matchAll(/\\S+/g)) {
                    if (m[0].length > 12 || m[0].includes('-')) continue;  // a hyphen breaks
                    range.setStart(walker.currentNode, m.index);
                    range.setEnd(walker.currentNode, m.index + m[0].length);
                    if (range.getClientRects().length > 1) out.push(m[0]);
                  } } }
              return out; }"""
        )
    assert page_width == PHONE["width"]  # the page never scrolls sideways
    assert len(tables) == 10
    assert all(t["right"] <= PHONE["width"] for t in tables)
    assert all(t["role"] == "group" and t["name"] == "Table" and t["tab"] == 0 for t in tables)
    wide = [t for t in tables if t["wide"]]
    assert [t["head"][0][1] for t in wide] == ["Approach"] and wide[0]["overflow"] == "auto"
    assert len(wide[0]["head"]) == 8
    logs = next(t for t in tables if t["head"][0][1] == "Log")
    assert [align for _, _, align in logs["head"]] == ["left", "center", "right"]
    assert all(scope == "col" for t in tables for scope, _, _ in t["head"])
    assert [[text, align] for text, align, _ in logs["rows"][0]] == [
        ["SigninLogs", "left"],
        ["sign-ins, failed and successful", "center"],
        ["30 days", "right"],
    ]
    marks = next(t for t in tables if t["head"][0][1] == "Mark")
    assert marks["rows"][0][2][0] == "a | b is a pipe inside code"
    assert marks["rows"][1][1][0] == "failed — see <script>alert(1)</script>"
    assert marks["rows"][1][2][0] == "1 < 2 && 3 > 2"
    assert marks["rows"][2][2][0::2] == ["שלום עולם", "rtl"]
    assert marks["rows"][3][0][0] == "🔥👩🏽‍💻" and marks["rows"][4][0][0] == ""
    assert found == ["Q2"] and found_in_a_list == ["Q3"]
    assert printed and all(inside and fits for inside, fits in printed), printed
    assert broken == [], broken


@pytest.mark.parametrize("night", [False, True])
def test_a_markdown_cards_table_scrolls_in_the_card_by_day_and_at_night(
    browser, built, tmp_path, night
):
    """An Anki card of a table as the reviewer shows it at a phone's width: the deck's
    rich.css loads for it (a link in the field), the header row a header on its own ground,
    columns aligned as written, the eight-column table scrolling in its own box while the
    card keeps the phone's width; its cell text readable on the night background."""
    deck = built("anki", "--bank", TABLES_BANK) / "tables.apkg"
    answers, media = reviewer_cards(deck, tmp_path)
    (answer,) = [a for a in answers if "Approach" in a]
    assert '<div class="qb-table" role="group" tabindex="0" aria-label="Table">' in answer
    assert '<table><thead><tr><th scope="col">Approach</th>' in answer
    classes = "card nightMode" if night else "card"
    with phone_card(browser, media / "card.html", answer, classes) as page:
        looks = page.evaluate(
            """() => { const box = document.querySelector('.qb-table');
                const th = box.querySelector('thead th'), td = box.querySelector('tbody td');
                return [document.documentElement.scrollWidth, box.scrollWidth > box.clientWidth,
                  getComputedStyle(box).overflowX, getComputedStyle(th).backgroundColor,
                  getComputedStyle(td).color, getComputedStyle(th).textAlign,
                  box.querySelectorAll('thead th[scope=col]').length,
                  getComputedStyle(box).backgroundColor]; }"""
        )
        page.screenshot(path=str(tmp_path / f"card-{night}.png"))
    width, scrolls, overflow, header, text, align, columns, ground = looks
    assert width <= PHONE["width"] and scrolls and overflow == "auto", looks
    # the header's ground a shade of the box's own, seen through (rich.css: --qb-head)
    header_ground = _seen_over(header, ground)
    assert header_ground != _seen_over(ground, ground) and align == "start", looks
    assert columns == 8
    assert (_luminance(text) > _luminance(header_ground)) == night


EDGES_BANK = FIXTURES / "markdown" / "table-edges.yaml"

# each table's box: whether its table is wider than it, and where on the whole page to read
# its edges and the ground beside it (the room of what holds it: the card, a panel, the
# question's box)
TABLE_BOXES = """(selector) => [...document.querySelectorAll(selector)].map(box => {
    const r = box.getBoundingClientRect(), x = window.scrollX, y = window.scrollY;
    return [box.scrollWidth > box.clientWidth + 1, r.left + x, r.right + x,
            r.top + r.height / 2 + y]; })"""


def table_edges(page, selector: str) -> list[tuple[bool, bool, bool, bool, bool]]:
    """Each of the page's table boxes (`selector`): whether its table is wider than it, and
    whether its left and its right edge are drawn unlike the ground beside the box, as it
    opens and then scrolled to its end. Read with the tables unseen (each box keeps its size
    and scrolls as before): what shows is the box's own drawing, not a cell's words."""
    from PIL import Image

    page.evaluate(  # through the CSSOM, which the page's CSP allows
        "(s) => document.querySelectorAll(s + ' table')"
        ".forEach(t => { t.style.visibility = 'hidden'; })",
        selector,
    )
    boxes = page.evaluate(TABLE_BOXES, selector)
    shots = []
    for scrolled in (False, True):
        if scrolled:
            page.evaluate(
                "(s) => document.querySelectorAll(s).forEach(b => b.scrollLeft = b.scrollWidth)",
                selector,
            )
        shots.append(Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB"))

    def unlike(shot, x: float, y: float, ground: tuple[int, ...]) -> bool:
        seen = shot.getpixel((int(x), int(y)))
        return sum(abs(a - b) for a, b in zip(seen, ground, strict=True)) > 30

    edges = []
    for wide, left, right, middle in boxes:
        seen = []
        for shot in shots:
            ground = shot.getpixel((int(left) - 4, int(middle)))
            seen += [unlike(shot, x, middle, ground) for x in (left + 2, right - 3)]
        edges.append((wide, *seen))
    return edges


@pytest.mark.parametrize("night", [False, True])
def test_a_cards_table_wider_than_a_phone_shows_an_edge_where_it_goes_on(
    browser, built, tmp_path, axe_source, night
):
    """A table wider than a phone's card scrolled sideways in its box with nothing to show
    that it did: a shadow stands at each edge past which it goes on, on the card's ground
    and in a panel's (the note's), by day and at night, and none on a table that fits; the
    card keeps the phone's width. A column of one short word is as narrow as its word and
    its cell's room (each cell was 3em at least: a column of numbers stood 74 px wide)."""
    deck = built("anki", "--bank", EDGES_BANK) / "table-edges.apkg"
    (answer,), media = reviewer_cards(deck, tmp_path)
    classes = "card nightMode" if night else "card"
    with phone_card(browser, media / "card.html", answer, classes) as page:
        width = page.evaluate("document.documentElement.scrollWidth")
        numbers = page.evaluate(
            """() => { const th = document.querySelector('.qb-question th');
                return [th.textContent, th.getBoundingClientRect().width,
                        parseFloat(getComputedStyle(th).fontSize)]; }"""
        )
        page.evaluate(axe_source)
        found = page.evaluate(
            """async () => (await axe.run(".qb", {resultTypes: ["violations"]}))
                .violations.map(v => [v.id, v.nodes.map(n => n.target.join(" "))])"""
        )
        page.screenshot(path=str(tmp_path / f"card-{night}.png"), full_page=True)
        edges = table_edges(page, ".qb-table")
    assert width <= PHONE["width"] and found == [], (width, found)
    where = ["question", "hint", "note", "note"]
    shown = list(zip(where, edges, strict=True))
    assert [wide for wide, *_ in edges] == [False, True, True, False], shown
    # as it opens: its right edge shaded where it goes on; at its end, its left edge
    for place, (wide, left, right, left_at_end, right_at_end) in zip(where, edges, strict=True):
        assert (left, right, left_at_end, right_at_end) == (False, wide, wide, False), place
    heading, shown, size = numbers
    assert heading == "#" and shown < 3 * size, numbers


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_pages_table_wider_than_a_phone_shows_an_edge_where_it_goes_on(
    browser, built, axe_source, scheme
):
    """The same on the study page, in its light and dark scheme: a shadow at each edge of a
    table's box past which the table goes on, none on a table that fits; the page keeps the
    phone's width; a column of one short word as narrow as it."""
    path = built("html", "--bank", EDGES_BANK) / "table-edges.html"
    with revealed_page(browser, path, scheme) as page:
        width = page.evaluate("document.documentElement.scrollWidth")
        numbers = page.evaluate(
            """() => { const th = document.querySelector('.md-table th');
                return [th.textContent, th.getBoundingClientRect().width,
                        parseFloat(getComputedStyle(th).fontSize)]; }"""
        )
        found = axe_violations(page, axe_source)
        edges = table_edges(page, ".md-table")
    assert width == PHONE["width"] and found == [], (width, found)
    assert [wide for wide, *_ in edges] == [False, True, True, False], edges
    for wide, left, right, left_at_end, right_at_end in edges:
        assert (left, right, left_at_end, right_at_end) == (False, wide, wide, False), edges
    heading, shown, size = numbers
    assert heading == "#" and shown < 3 * size, numbers
