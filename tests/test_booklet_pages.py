"""Where the booklet's pages break: look-for lists kept whole, no page that starts with a
stray part of a question, '(cont.)' where a question must run on, and banks with many
sections."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, SHARED_PAGE_HINTS, designs_bank, run_cli, two_pictures_bank
from pypdf import PdfReader
from readback import pdf_pages, pdf_text, printed_pages, squash
from reportlab.platypus import Paragraph

import qbank
from qbank.bank import load_bank
from qbank.exporters.booklet.parts import load_words
from qbank.paths import DEFAULT_BANK
from qbank.pdf import load_theme
from qbank.text import plain

LOOK = load_theme().table("booklet")
HEAD = (LOOK["margin_top_mm"] - 3) * 72 / 25.4  # below the running header
FOOT = LOOK["margin_bottom_mm"] * 72 / 25.4
OPENING = re.compile(r"PART \d+$")
QUESTION = re.compile(r"Q\d+ (?!\(cont\.\))")
CONTINUED = re.compile(r"Q\d+ \(cont\.\)$")


def build(out: Path, bank: Path, *options: str) -> None:
    result = run_cli("booklet", "--bank", bank, "--out", out, *options)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module", params=["a4", "letter"])
def study(request, tmp_path_factory) -> Path:
    """The bundled bank's study edition on each paper."""
    out = tmp_path_factory.mktemp(f"pages-{request.param}")
    build(out, DEFAULT_BANK, "--edition", "study", "--paper", request.param)
    return out / f"{DEFAULT_BANK.stem}-booklet.pdf"


def body_lines(path: Path) -> list[list[str]]:
    """The text lines of each page between the running header and the footer."""
    return [
        [line.text for line in page.text_lines() if HEAD < line.top < page.height - FOOT]
        for page in printed_pages(path)
    ]


def test_every_look_for_list_stays_on_one_page(study):
    pages = [squash(page.text()) for page in pdf_pages(study)]
    for q in load_bank(DEFAULT_BANK).questions:
        items = [squash(plain(item)) for item in q.look_for]
        assert any(all(item in page for item in items) for page in pages), q.label


def test_no_page_starts_with_a_stray_part_of_a_question(study):
    """A page starts with a part opening, a question, or the labelled rest of the question
    that the page before began or continued: the bundled bank's questions, with their
    anchors, follow-ups, notes and artefacts, are too long to move whole to a new page
    every time (a long one may run over two page breaks)."""
    pages = body_lines(study)
    for number, lines in enumerate(pages[2:], 3):
        first = lines[0]
        assert OPENING.match(first) or QUESTION.match(first) or CONTINUED.match(first), (
            study.name,
            number,
            first,
        )
        if CONTINUED.match(first):
            label = first.split()[0]
            began = [line for line in pages[number - 2] if line.startswith(f"{label} ")]
            assert began, (study.name, number, first)
            if CONTINUED.match(began[0]):  # a third page: it began on the one before that
                earlier = [line for line in pages[number - 3] if line.startswith(f"{label} ")]
                assert earlier and not CONTINUED.match(earlier[0]), (study.name, number, first)


def test_a_page_is_left_part_empty_only_to_keep_a_sections_last_question_whole(study):
    """Each part of a question kept with the next (the hint with how it is rated, that with
    the follow-ups, the note with the look-for list, that with every reference) made chains
    that moved whole: pages two-thirds empty, 55 pages for 52 (a visual review). A page
    ends with more than the look's move_whole_max_blank of it empty only before a section's
    opening, or before the last question of a section, which moves whole to the next page
    (the pages are as many either way)."""
    bank = load_bank(DEFAULT_BANK)
    last = {bank.questions_in(section)[-1].label for section in bank.sections}
    pages, texts = printed_pages(study), body_lines(study)
    for number, (page, lines) in enumerate(zip(pages, texts, strict=True), 1):
        after = texts[number] if number < len(pages) else ["PART 0"]
        if number < 3 or not lines or OPENING.match(after[0]) or after[0].split()[0] in last:
            continue
        bottom = max(line.bottom for line in page.text_lines() if line.text in lines)
        frame = page.height - FOOT - HEAD
        blank = (page.height - FOOT - bottom) / frame
        assert blank <= LOOK["move_whole_max_blank"] + 0.05, (study.name, number, after[0])


def test_the_rest_of_a_question_names_the_part_it_goes_on_with(study):
    """'Q4 (cont.)' was followed by the middle of a note in italics, with nothing to say it
    was the editor's note (a visual review): the part's label stands beside its first row
    on the new page, as page furniture."""
    words = load_words()
    labels = tuple(words[k] for k in ("hint", "rated", "follow_ups", "note", "look_for", "sources"))
    continued = [lines for lines in body_lines(study) if CONTINUED.match(lines[0])]
    assert continued
    for lines in continued:
        assert lines[1].startswith(labels), lines[:2]


def test_a_parts_label_of_two_lines_is_shown_whole_where_the_part_goes_on(tmp_path):
    """Only the first line of a label the gutter breaks was shown again ('NOTE DE LA' of
    'NOTE DE LA RÉDACTION': a review)."""
    from qbank.paths import BUILTIN_TEMPLATES

    look = tmp_path / "look" / "booklet"
    look.mkdir(parents=True)
    words = (BUILTIN_TEMPLATES / "booklet" / "words.toml").read_text(encoding="utf-8")
    (look / "words.toml").write_text(
        words.replace('note = "NOTE"', 'note = "NOTE DE LA RÉDACTION"'), encoding="utf-8"
    )
    note = " ".join(["Une longue note de la rédaction qui continue."] * 120)
    bank = tmp_path / "b.yaml"
    bank.write_text(
        f"title: T\nquestions:\n  - {{id: q, section: S, question: Q?, hint: H, note: '{note}'}}\n",
        encoding="utf-8",
    )
    build(tmp_path / "out", bank, "--edition", "study", "--templates", tmp_path / "look")
    pages = body_lines(tmp_path / "out" / "b-booklet.pdf")
    continued = [lines for lines in pages if CONTINUED.match(lines[0])]
    assert continued
    for lines in continued:
        assert lines[1].startswith("NOTE DE LA ") and lines[2].startswith("RÉDACTION "), lines[:3]


def test_the_page_before_a_section_opening_holds_more_than_a_tail(study):
    pages = body_lines(study)
    openings = [i for i, lines in enumerate(pages) if i > 2 and OPENING.match(lines[0])]
    assert len(openings) == 5
    for i in openings:
        assert any(QUESTION.match(line) for line in pages[i - 1]), (study.name, i)


@pytest.mark.parametrize("edition", ["study", "workshop"])
def test_short_sections_share_a_page_and_a_long_one_starts_its_own(tmp_path, edition):
    """Every section started a page: 40 sections of a question each made 46 pages, 40 of
    them nineteen-twentieths blank (a trial). A section of a few questions opens under the
    one before when that one is as short and the page has room, its opening with its first
    question; a longer section, and the section after it, start a page, as the bundled
    bank's do, with no running header above their opening."""
    build(tmp_path, FIXTURES / "booklet-small-sections.yaml", "--edition", edition)
    (path,) = tmp_path.glob("*.pdf")
    bank = load_bank(FIXTURES / "booklet-small-sections.yaml")
    pages = body_lines(path)[2:]  # after the cover and the contents
    openings = [[i for i, line in enumerate(lines) if OPENING.match(line)] for lines in pages]
    assert sum(map(len, openings)) == len(bank.sections)
    # a page a section before, and more for the long one
    assert len(pages) <= len(bank.sections) - 3, [lines[:2] for lines in pages]
    assert max(map(len, openings)) >= 2  # one-question sections two or three to a page
    for lines, at in zip(pages, openings, strict=True):
        for i in at:  # its name, then its first question on the same page
            assert any(QUESTION.match(line) for line in lines[i:]), lines
    long, after = (lines for lines in pages if lines[1] in ("Long", "After"))
    assert OPENING.match(long[0]) and OPENING.match(after[0])
    assert not any(OPENING.match(line) for line in long[1:] + after[1:])
    assert len(pages[-1]) > 1  # 'After' starts a page of its own
    for page in printed_pages(path)[2:]:  # openings at a page's top: no header above
        top = [line.text for line in page.text_lines() if line.top < HEAD]
        if page.text_lines() and OPENING.match(
            next(line.text for line in page.text_lines() if line.top >= HEAD)
        ):
            assert not top, top


def test_a_section_opening_that_runs_on_never_stands_alone_at_a_pages_foot(tmp_path):
    """A print trial: a short section's opening ('PART 2', its name and counts) stood at
    the foot of a page and its first question at the top of the next: kept together, they
    were measured without the space above the opening, which fitted but for those 40 pt.
    The first question's hint leaves just that room on the page."""
    bank = tmp_path / "runs-on.yaml"
    bank.write_text(
        "title: Runs on\nquestions:\n"
        f"  - {{id: a, section: A, question: First?, hint: {' '.join(['word'] * 250)}}}\n"
        f"  - {{id: b, section: B, question: Second?, hint: {' '.join(['text'] * 200)}}}\n",
        encoding="utf-8",
    )
    build(tmp_path, bank, "--edition", "study")
    pages = body_lines(tmp_path / "runs-on-booklet.pdf")
    (opening,) = [lines for lines in pages if "PART 2" in lines]
    assert "Q2 Second?" in opening, opening


def test_a_question_that_must_run_on_says_so_at_the_top_of_the_next_page(built):
    path = FIXTURES / "booklet-long-hint.yaml"
    pdf = built("booklet", "--bank", path) / "booklet-long-hint-booklet.pdf"
    pages = body_lines(pdf)
    continued = [(i, lines[0]) for i, lines in enumerate(pages) if CONTINUED.match(lines[0])]
    long = next(q for q in load_bank(path).questions if q.id == "long-hint")
    assert [label for _, label in continued] == [f"{long.label} (cont.)"]
    at = continued[0][0]
    assert any(line.startswith(f"{long.label} ") for line in pages[at - 1])
    # the label is page furniture: the hint reads on unbroken
    assert squash(long.hint) in squash(pdf_text(pdf))


def many_sections(folder: Path, count: int) -> Path:
    data = {
        "title": "Many sections",
        "description": "One question in each of many sections.",
        "sections": [f"Section number {n}" for n in range(1, count + 1)],
        "questions": [
            {
                "id": f"q{n}",
                "section": f"Section number {n}",
                "question": f"Question {n}?",
                "hint": f"Hint {n}.",
                "minutes": 2,
            }
            for n in range(1, count + 1)
        ],
    }
    path = folder / "many-sections.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_bank_of_forty_sections_lists_what_fits_on_the_cover_and_all_in_the_contents(
    tmp_path,
):
    """The cover's list of 40 sections ran on to a second page, under no heading (a
    trial): the cover lists the sections that fit, then how many more the contents list."""
    build(tmp_path, many_sections(tmp_path, 40))
    names = [f"Section number {n}" for n in range(1, 41)]
    for path in tmp_path.glob("*.pdf"):
        reader = PdfReader(path)
        texts = [page.text() for page in pdf_pages(path)]
        contents = next(i for i, text in enumerate(texts) if text.startswith("Contents"))
        assert contents == 1  # the cover is one page
        cover = re.findall(r"^Section number \d+", texts[0], re.MULTILINE)
        assert 10 < len(cover) < 40 and cover == names[: len(cover)]
        more = 40 - len(cover)
        assert f"and {more} more sections: see the contents {more} questions" in texts[0]
        assert "40 questions" in texts[0]
        opening = next(i for i, text in enumerate(texts) if text.startswith("PART 1"))
        listed = "\n".join(texts[contents:opening])
        assert re.findall(r"^Section number \d+$", listed, re.MULTILINE) == names
        links = [a for page in reader.pages[contents:opening] for a in page.get("/Annots", [])]
        assert len(links) == 40
        sections = [e.title for e in reader.outline if not isinstance(e, list)]
        assert sections == ["Contents", *names]


@pytest.mark.parametrize(
    ("count", "words", "paper"), [(9, 90, "letter"), (9, 110, "a4"), (14, 0, "letter")]
)
def test_a_cover_of_a_long_description_and_many_sections_stays_one_page(
    tmp_path, count, words, paper
):
    """Nine sections under a 90-word description on Letter, or fourteen on a handout, left
    the last section's row and the count alone on the second page, under a running header
    (a print trial): the cover gives up its drop from the top, then sets its text a little
    smaller, before its list runs over."""
    bank = many_sections(tmp_path, count)
    data = yaml.safe_load(bank.read_text(encoding="utf-8"))
    if words:
        data["description"] = " ".join(
            ["Replication consensus storage observability"] * (words // 4)
        )
    bank.write_text(yaml.safe_dump(data), encoding="utf-8")
    build(tmp_path, bank, "--paper", paper)
    for path in tmp_path.glob("*.pdf"):
        texts = [page.text() for page in pdf_pages(path)]
        assert texts[1].startswith("Contents"), (path.name, texts[1][:80])
        names = re.findall(r"^Section number \d+", texts[0], re.MULTILINE)
        assert names == [f"Section number {n}" for n in range(1, count + 1)], path.name
        assert f"{count} questions" in texts[0]


def test_the_cover_list_measures_each_section_once_however_often_it_splits(tmp_path, monkeypatch):
    # The cover's list of 400 sections runs over many pages; each split measured every row
    # left again, so that the booklet's work grew with the square of the sections.
    calls = []
    wrap = Paragraph.wrap
    monkeypatch.setattr(Paragraph, "wrap", lambda self, *a: calls.append(1) or wrap(self, *a))
    # One edition is enough: both lay out the same cover.
    for count in (100, 400):
        calls.clear()
        bank = many_sections(tmp_path, count)
        qbank.build(bank, tmp_path / f"out{count}", ["booklet"], {"edition": "study"})
        per_section = len(calls) / count
        assert per_section < 10, (count, per_section)  # 6 now; before: 14 at 100, growing


def test_a_question_of_many_look_for_items_and_sources_builds(cli, tmp_path):
    """The runaway-page guard counted a question's, hint's and note's text only: one
    question of 300 look-for items and 300 sources, each within its limit, passed `check`
    and stopped the booklet with an internal error (a hostile trial)."""
    items = ", ".join(f'"signal {n} {"word " * 180}"' for n in range(300))
    sources = ", ".join(f"{{title: s{n}, url: 'https://example.org/{n}'}}" for n in range(300))
    bank = tmp_path / "many.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - id: q\n    section: A\n    question: What?\n"
        f"    hint: Because.\n    look_for: [{items}]\n    sources: [{sources}]\n",
        encoding="utf-8",
    )
    result = cli("booklet", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output


def test_a_list_is_never_parted_from_its_lead_in_nor_a_quote_from_its_last_line(cli, tmp_path):
    """A review's booklet ended a page on 'Remember the three options:' and began the next
    with the list; another began a page with a quote's last bullet alone. Questions too long
    to move whole, whose hints grow a line each, put those lines at every place on a page."""
    from readback import pdf_pages

    questions = "".join(
        f"  - id: q{n}\n    section: S\n    question: Question {n}?\n    hint: |\n"
        f"      {'Filler words to fill a line of the hint. ' * (60 + 2 * n)}\n\n"
        "      > Remember the three options:\n      >\n      > 1. processes\n"
        "      > 2. asyncio\n      > 3. native code\n      >\n      > - and never busy-wait\n"
        for n in range(24)
    )
    bank = tmp_path / "lists.yaml"
    bank.write_text(f"title: T\nmarkup: markdown\nquestions:\n{questions}", encoding="utf-8")
    assert cli("booklet", "--bank", bank, "--out", tmp_path).exit_code == 0
    ends, starts = [], []
    for page in pdf_pages(tmp_path / "lists-booklet.pdf"):
        lines = [line.text for line in page.text_lines() if not line.chars[0].artifact]
        if lines:
            ends.append(lines[-1])
            starts.append(lines[0])
    assert not [line for line in ends if line.endswith("three options:")], ends
    assert not [line for line in starts if "never busy-wait" in line], starts


@pytest.mark.parametrize("where", ["bank", "section"])
def test_a_description_of_many_lines_builds(cli, tmp_path, where):
    """A section's or the bank's description of 5,000 lines passed `check` and stopped the
    booklet with an internal error: the runaway-page guard left descriptions out (a review)."""
    lines = json.dumps("x\n" * 5000)
    described = (
        f"description: {lines}\nsections:\n  - S\n"
        if where == "bank"
        else f"sections:\n  - {{name: S, description: {lines}}}\n"
    )
    bank = tmp_path / "d.yaml"
    bank.write_text(
        f"title: T\n{described}questions:\n  - {{id: a, section: S, question: Q?, hint: H.}}\n",
        encoding="utf-8",
    )
    result = cli("booklet", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output


def test_a_long_description_keeps_its_blank_lines_and_its_code_across_paragraph_cuts(cli, tmp_path):
    """Set as paragraphs of some lines each: a description whose every line is inside one
    code span could not be cut, and stopped the booklet with an internal error; a blank
    line between two of its paragraphs was lost where a cut fell after it (a review)."""
    from readback import pdf_pages

    spaced = "".join(f"Paragraph {n}.\\n\\n" for n in range(30))
    code = "`" + "\\n".join(f"line {n}" for n in range(30)) + "`"
    bank = tmp_path / "d.yaml"
    bank.write_text(
        f'title: T\nsections:\n  - {{name: S, description: "{spaced}"}}\n'
        f'  - {{name: C, description: "{code}"}}\nquestions:\n'
        "  - {id: a, section: S, question: Q?, hint: H.}\n"
        "  - {id: b, section: C, question: R?, hint: I.}\n",
        encoding="utf-8",
    )
    result = cli("booklet", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    tops = [
        line.top
        for page in pdf_pages(tmp_path / "d-booklet.pdf")
        for line in page.text_lines()
        if line.text.startswith("Paragraph ")
    ]
    gaps = {round(b - a, 1) for a, b in zip(tops, tops[1:], strict=False) if b > a}
    assert len(gaps) == 1, gaps  # every paragraph as far from the next, cut or not


def test_a_line_or_two_of_writing_room_is_not_carried_to_the_next_page():
    """A long question's writing lines ran a line over its page: the next page held
    'Q4 (cont.)' and that one line (a visual review). Fewer than three lines of room are
    left out rather than carried on; three or more go on, and so does text."""
    from reportlab.lib.colors import black

    from qbank.exporters.booklet.layout import Breaking, Row, Rows, ruled_rows

    text = Row(20, 15, keep=True)  # the question's text, kept with its lines
    continued = Breaking(page=800, continued=lambda: Row(12, 10, artifact=True))
    for lines, fit, parts in ((6, 5, 1), (6, 4, 1), (6, 3, 2)):
        block = Rows([text, *ruled_rows(lines, 20, black, 0.5, 0)], continued)
        block._postponed = True  # at a page's top: it splits where it must
        split = block.split(400, 20 + 20 * fit)
        assert len(split) == parts, (lines, fit)
        assert len(split[0].rows) == 1 + fit
    words = Rows([text, *[Row(20, 15) for _ in range(6)]], continued)
    words._postponed = True
    assert len(words.split(400, 20 + 20 * 5)) == 2  # text is never left out


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_question_showing_a_picture_ends_a_page_rather_than_move_whole(tmp_path, paper):
    """A question whose text and hint each show a tall picture moved whole to a new page,
    leaving three quarters of the one before blank, and split there after the hint's
    lead-in, parting it from its picture (a print trial): the question and its picture end
    the page they start on, and the hint goes on on the next, its lead-in with its picture."""
    from PIL import Image

    Image.new("RGB", (400, 2000), "#8c959f").save(tmp_path / "tall.png")
    bank = tmp_path / "tall.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n"
        "  - {id: first, section: S, question: What is a short question?, hint: A hint.}\n"
        "  - id: diagram\n    section: S\n"
        "    question: |\n      Read the diagram.\n\n      ![A tall flow chart](tall.png)\n"
        "    hint: |\n      Steps in order.\n\n      ![A tall flow chart](tall.png)\n\n"
        "      The steps run top to bottom.\n"
        "  - {id: third, section: S, question: Another short one?, hint: Yes.}\n",
        encoding="utf-8",
    )
    build(tmp_path / "out", bank, "--edition", "study", "--paper", paper)
    pdf = tmp_path / "out" / "tall-booklet.pdf"
    pages = body_lines(pdf)
    pictures = [len(page.images) for page in PdfReader(pdf).pages]
    held = [n for n, lines in enumerate(pages) if any(QUESTION.match(line) for line in lines)]
    assert held == [2, 3], pages[2:]
    assert [line.split()[0] for line in pages[2] if QUESTION.match(line)] == ["Q1", "Q2"]
    assert pictures[2:4] == [1, 1]
    assert pages[3][:2] == ["Q2 (cont.)", "HINT Steps in order."], pages[3]
    assert [line.split()[0] for line in pages[3] if QUESTION.match(line)] == ["Q3"]


def test_a_question_of_two_pictures_in_a_row_holds_on_one_page_under_its_sections_opening(
    tmp_path,
):
    """A section's first question whose hint shows two tall pictures in a row moved to the
    next page and was split there after its first picture, the section's opening alone on
    its page (a print trial on Letter); then it was split under the opening, the second
    picture alone on the next page under 'Q1 (cont.)': each capped at half a page, the two
    never shared one. In a row each is at most 0.35 of a page (rich.PICTURE_SHARE): the
    opening, the question, both pictures and the words after them fill one page."""
    more = "  - {id: next, section: S, question: A short one?, hint: Yes.}\n"
    bank = two_pictures_bank(tmp_path, (1200, 1600), "The second one.", more)
    build(tmp_path / "out", bank, "--edition", "study", "--paper", "letter")
    pdf = tmp_path / "out" / "two-booklet.pdf"
    pages = body_lines(pdf)
    assert OPENING.match(pages[2][0]), pages[2]
    assert "Q1 Which of the two designs is safer?" in pages[2], pages[2]
    assert pages[2][-1] == "The second one.", pages[2]
    assert [len(page.images) for page in PdfReader(pdf).pages] == [0, 0, 2, 0]


@pytest.mark.parametrize(
    ("hint", "paper"), [(SHARED_PAGE_HINTS[0], "letter"), (SHARED_PAGE_HINTS[1], "a4")]
)
def test_the_pictures_of_a_hint_share_its_page_under_its_sections_opening(tmp_path, hint, paper):
    """Two tall pictures with a few words between them, each at half a page, or three in
    a row, each at 0.35 of it, took two pages: the first under the question, the rest on
    the next (a print review). Each is made smaller, down to a fifth of the page
    (rich.PICTURE_LEAST_SHARE), so that the section's opening, the question and all its
    pictures with the words between them share a page."""
    bank = designs_bank(tmp_path, hint)
    build(tmp_path / "out", bank, "--edition", "study", "--paper", paper)
    pdf = tmp_path / "out" / "designs-booklet.pdf"
    pages = body_lines(pdf)
    assert OPENING.match(pages[2][0]), pages[2]
    assert "Q1 Which design is safer?" in pages[2], pages[2]
    assert "The last." in pages[2], pages[2]
    pictures = [len(page.images) for page in PdfReader(pdf).pages]
    assert pictures[2] == sum(len(block) == 1 for block in hint), pictures


@pytest.mark.parametrize(("count", "paper"), [(14, "letter"), (14, "a4"), (40, "letter")])
def test_a_contents_page_that_runs_on_is_headed_so_and_never_holds_one_entry(
    tmp_path, count, paper
):
    """A handout's contents of fourteen sections on Letter left the last entry alone on a
    second page, under no heading, and on A4 the notes under the list alone (a print
    trial): the entries before go on with them, and the page is headed 'Contents (cont.)',
    as a question that goes on is."""
    words = load_words()
    continued = words["continued"].format(label=words["contents"])
    build(tmp_path, many_sections(tmp_path, count), "--paper", paper)
    for path in tmp_path.glob("*.pdf"):
        pages = [page.text() for page in pdf_pages(path)]
        opening = next(i for i, text in enumerate(pages) if text.startswith("PART 1"))
        first = next(i for i, text in enumerate(pages) if text.startswith(words["contents"]))
        contents = pages[first:opening]  # after a cover that runs on, too
        assert contents[0].startswith(f"{words['contents']}\n"), (path.name, contents[0][:40])
        assert len(contents) >= 2, path.name  # the contents run on
        for text in contents[1:]:
            assert text.startswith(f"{continued}\n"), (path.name, text[:40])
        entries = [re.findall(r"^Section number \d+$", text, re.MULTILINE) for text in contents]
        assert [n for page in entries for n in page] == [
            f"Section number {n}" for n in range(1, count + 1)
        ]
        assert min(len(page) for page in entries) >= 2, (path.name, entries)
        # a bank with no role or rubric: the study edition's how_to for learners
        how_to = words["workshop"]["how_to"]
        if "workshop" not in path.name:
            how_to = words["study_how_to_for_learners"]
        assert squash(how_to) in squash(contents[-1]), path.name


@pytest.mark.parametrize("only", [False, True], ids=["first", "only"])
def test_a_sections_first_question_shares_its_openings_page_in_the_handout(tmp_path, only):
    """A workshop trial: a section's first question, its code and the writing lines of its
    minutes too tall for the room under the section's opening, moved whole to the next page
    and left the opening alone on its page (three times in a handout of 18 pages). It stays
    under the opening, its lines going on over the page, a few kept with it; a section's
    only question too."""
    code = "".join(f"      line_{n} = compute({n}, retries=3)\n" for n in range(26))
    more = "" if only else "  - {id: b, section: A, question: And then?, hint: H., minutes: 3}\n"
    bank = tmp_path / "tall.yaml"
    bank.write_text(
        "title: Tall\nmarkup: markdown\nquestions:\n"
        "  - id: a\n    section: A\n    minutes: 20\n    hint: H.\n    question: |\n"
        "      What does this print?\n\n      ```python\n" + code + "      ```\n" + more,
        encoding="utf-8",
    )
    build(tmp_path, bank, "--edition", "workshop")
    pages = body_lines(tmp_path / "tall-workshop.pdf")
    (opening,) = [lines for lines in pages if "PART 1" in lines]
    assert "Q1 What does this print?" in opening, opening
    (after,) = [lines for lines in pages if lines and lines[0] == "Q1 (cont.)"]
    assert after == ["Q1 (cont.)"] + ([] if only else ["Q2 And then?", "3 min"]), after


@pytest.mark.parametrize(
    ("edition", "paper"), [("study", "a4"), ("workshop", "a4"), ("study", "letter")]
)
def test_a_sections_first_question_with_one_tall_picture_stays_under_its_opening(
    tmp_path, edition, paper
):
    """A programming teacher's trial: a section's first question, long, its hint a plain
    sentence and a tall picture (160 x 900 px) kept with it, moved whole to the next page
    and left the section's opening alone on its page; only two or more pictures were made
    smaller to share a page. One is too, as a card's is, its shape kept: the opening's page
    is its first question's, and the picture fits the page's frame. In the handout, the
    picture in the question's text, with the few writing lines kept with it, likewise."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTImage
    from PIL import Image

    Image.new("RGB", (160, 900), "#8c959f").save(tmp_path / "tall.png")
    sentence = (
        "Explain, in your own words and with an example from a program you wrote this term,"
        " what happens when a function is called with a mutable default argument."
    )
    picture = "\n\n      ![A tall diagram](tall.png)\n"
    question, hint = f"{' '.join([sentence] * 6)}", "A plain sentence first."
    if edition == "study":
        hint += picture
    else:
        question += picture
    bank = tmp_path / "tall.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: first\n    section: S\n"
        f"    minutes: 10\n    question: |\n      {question}\n    hint: |\n      {hint}\n"
        "  - {id: second, section: S, question: A short one?, hint: Yes.}\n",
        encoding="utf-8",
    )
    build(tmp_path / "out", bank, "--edition", edition, "--paper", paper)
    pdf = tmp_path / "out" / f"tall-{edition}.pdf"
    if edition == "study":
        pdf = pdf.with_name("tall-booklet.pdf")
    pages = body_lines(pdf)
    (opening,) = [n for n, lines in enumerate(pages) if any(OPENING.match(t) for t in lines)]
    assert any(line.startswith("Q1 Explain") for line in pages[opening]), pages[opening]
    found = []  # (page, its height, the picture's box)
    for number, sheet in enumerate(extract_pages(pdf)):
        stack = [sheet]
        while stack:
            item = stack.pop()
            stack += getattr(item, "_objs", None) or []
            if isinstance(item, LTImage):
                found.append((number, sheet.height, item.bbox))
    ((number, height, (left, bottom, right, top)),) = found
    assert number == opening
    assert FOOT - 1 <= bottom and top <= height - HEAD + 1, (bottom, top)
    assert (right - left) / (top - bottom) == pytest.approx(160 / 900, rel=0.05)


@pytest.mark.parametrize("edition", ["study", "workshop"])
def test_a_questions_minutes_stand_under_its_first_line_before_its_picture_or_code(
    tmp_path, edition
):
    """A data-science trial: the minutes of a question that shows a picture ('8 min') stood
    under the picture, where a question of words alone has them under its line; a code
    block's, a table's and a list's under the block too. Each question's tags and minutes
    stand under its first line, as far below it as a plain question's, and above its
    picture; those of a question whose code comes before its words, under its words."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from PIL import Image

    Image.new("RGB", (600, 300), "#8c959f").save(tmp_path / "curve.png")
    blocks = {
        "picture": "![A learning curve](curve.png)",
        "code": "```python\n      scaler.fit(X)\n      ```",
        "table": "| split | loss |\n      | --- | --- |\n      | train | 0.1 |",
        "list": "- bias\n      - variance",
    }
    questions = "".join(
        f"  - id: {kind}\n    section: S\n    tags: [{kind}]\n    minutes: {n + 5}\n"
        f"    hint: H.\n    question: |\n      What does this {kind} show?\n\n      {block}\n"
        for n, (kind, block) in enumerate(blocks.items())
    )
    bank = tmp_path / "ds.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n"
        "  - {id: plain, section: S, tags: [plain], minutes: 4, hint: H., question: Why?}\n"
        + questions
        + "  - id: first\n    section: S\n    tags: [first]\n    minutes: 9\n    hint: H.\n"
        "    question: |\n      ```python\n      print(1)\n      ```\n\n"
        "      What does it print?\n",
        encoding="utf-8",
    )
    build(tmp_path / "out", bank, "--edition", edition)
    name = "ds-booklet.pdf" if edition == "study" else "ds-workshop.pdf"
    pdf = tmp_path / "out" / name
    metas = (
        {"Why?": "plain \u00b7 4 min"}
        | {
            f"What does this {kind} show?": f"{kind} \u00b7 {n + 5} min"
            for n, kind in enumerate(blocks)
        }
        | {"What does it print?": "first \u00b7 9 min"}
    )
    gaps, picture_tops = {}, []  # by question: the space from its line down to its minutes
    for page, shown in zip(printed_pages(pdf), pdfium.PdfDocument(pdf), strict=False):
        lines = page.text_lines()
        for line, after in zip(lines, lines[1:], strict=False):
            words = line.text.split(" ", 1)[1] if QUESTION.match(line.text) else line.text
            if words in metas:
                assert after.text == metas[words], (line.text, after.text)
                gaps[words] = (after.top - line.bottom, after.bottom)
        height = shown.get_height()
        for image in shown.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
            picture_tops.append(height - image.get_bounds()[3])
    assert sorted(gaps) == sorted(metas), gaps
    for words, (gap, _) in gaps.items():
        assert abs(gap - gaps["Why?"][0]) < 0.5, (words, gap, gaps["Why?"][0])
    (top,) = picture_tops
    assert gaps["What does this picture show?"][1] < top, (gaps, top)
