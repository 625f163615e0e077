"""The PDF booklet read back as a reader gets it: text, outline, links, pages, metadata."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import FIXTURES, own_look, run_cli
from pypdf import PdfReader
from readback import pdf_pages, pdf_text, printed_pages, squash, unwrapped, words
from reportlab.pdfbase.pdfmetrics import stringWidth

from qbank.bank import load_bank
from qbank.exporters import get
from qbank.job import Job
from qbank.lifecycle import run
from qbank.paths import DEFAULT_BANK
from qbank.pdf import fit_width, load_theme
from qbank.text import plain

EPOCH = 1795651200  # 26 November 2026, 00:00 UTC
LOOK = load_theme().table("booklet")
GUTTER_END = (LOOK["margin_left_mm"] + LOOK["gutter_mm"] - 2) * 72 / 25.4
LABEL = re.compile(r"Q\d+$")
FOOT = LOOK["margin_bottom_mm"] * 72 / 25.4  # the bottom margin
SPACING = LOOK["line_spacing_mm"] * 72 / 25.4  # between writing lines
BLURB = "Questions only, with space to write your answers."
FIDELITY = FIXTURES / "booklet-fidelity.yaml"
LONG_HINT = FIXTURES / "booklet-long-hint.yaml"
LITERAL = FIXTURES / "booklet-literal.yaml"
HEADER = 20 * 72 / 25.4  # the running header stands above this


def build(out: Path, bank: Path, *options: str):
    result = run_cli("booklet", "--bank", bank, "--out", out, *options)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """Both editions of the bundled bank, built once for the module."""
    out = tmp_path_factory.mktemp("booklet")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        result = build(out, DEFAULT_BANK)
    name = DEFAULT_BANK.stem
    study, workshop = out / f"{name}-booklet.pdf", out / f"{name}-workshop.pdf"
    assert result.stdout.splitlines() == [str(study), str(workshop)]
    return {"study": study, "workshop": workshop}


@pytest.fixture(scope="module")
def bank():
    return load_bank(DEFAULT_BANK)


def outline_titles(path: Path) -> list[str | list[str]]:
    return [
        [e.title for e in entry] if isinstance(entry, list) else entry.title
        for entry in PdfReader(path).outline
    ]


def everything_a_reader_can_find(path: Path) -> str:
    """Page text, bookmark titles and metadata: all a PDF shows of its text."""
    reader = PdfReader(path)
    titles = []
    for entry in outline_titles(path):
        titles += entry if isinstance(entry, list) else [entry]
    metadata = [str(v) for v in (reader.metadata or {}).values()]
    return squash("\n".join([pdf_text(path), *titles, *metadata]))


def test_every_question_is_in_both_editions_and_every_hint_in_the_study_edition(editions, bank):
    study, workshop = (
        unwrapped(pdf_text(editions["study"])),
        unwrapped(pdf_text(editions["workshop"])),
    )
    for q in bank.questions:
        assert words(bank, q.question) in study, q.id
        assert words(bank, q.question) in workshop, q.id
        assert words(bank, q.hint) in study, q.id
        for text in (q.note, *q.look_for):
            if text:
                assert words(bank, text) in study, (q.id, text)
        # the follow-ups after the hint and before the note, which may speak of them
        hint = study.index(words(bank, q.hint))
        for follow_up in q.follow_ups:
            at = study.index(words(bank, follow_up), hint)
            assert not q.note or at < study.index(words(bank, q.note), hint), (q.id, follow_up)


def test_the_workshop_handout_holds_no_hint_note_look_for_or_follow_up(editions, bank):
    found = unwrapped(everything_a_reader_can_find(editions["workshop"]))
    for q in bank.questions:
        for text in (q.hint, q.note, *q.look_for, *q.follow_ups):
            if text:
                assert words(bank, text) not in found, (q.id, text)
    for label in ("HINT", "NOTE", "LOOKFOR", "FOLLOW-UP"):
        assert label not in found


def test_the_outline_holds_contents_and_the_sections_with_their_questions_nested(editions, bank):
    for path in editions.values():
        titles = outline_titles(path)
        sections = [t for t in titles if isinstance(t, str)]
        assert sections == ["Contents", *(s.name for s in bank.sections)]
        nested = [t for t in titles if isinstance(t, list)]
        assert len(nested) == 6 and titles[2::2] == nested
        for section, entries in zip(bank.sections, nested, strict=True):
            questions = bank.questions_in(section)
            assert [e.split()[0] for e in entries] == [q.label for q in questions]
            for entry, q in zip(entries, questions, strict=True):  # one space, as read
                title = f"{q.label} {' '.join(plain(q.question).split())}"
                assert entry == title or entry[:-1] in title and entry.endswith("\u2026")
        assert sum(len(entries) for entries in nested) == 50
        reader = PdfReader(path)
        assert reader.get_destination_page_number(reader.outline[0]) == 1


def test_outline_titles_hold_no_run_of_whitespace(built):
    for path in built("booklet", "--bank", FIDELITY).out.glob("*.pdf"):
        titles = [
            t
            for entry in outline_titles(path)
            for t in (entry if isinstance(entry, list) else [entry])
        ]
        assert "Q1 What does a question with double spaces look like in a bookmark?" in titles
        assert "Section with a tab" in titles
        assert not [t for t in titles if re.search(r"\s\s|[\t\n]", t)]


def test_each_bookmark_opens_the_page_of_its_question(editions, bank):
    reader = PdfReader(editions["study"])
    pages = [page.text() for page in pdf_pages(editions["study"])]
    questions = iter(bank.questions)
    for entry in reader.outline[1:]:  # after Contents
        if not isinstance(entry, list):
            text = pages[reader.get_destination_page_number(entry)]
            assert "PART" in text and entry.title in text
            continue
        for bookmark in entry:
            question = next(questions)
            text = pages[reader.get_destination_page_number(bookmark)]
            assert squash(plain(question.question))[:40] in squash(text)


def test_the_contents_lists_each_section_with_its_page_as_a_link(editions, bank):
    for path in editions.values():
        reader, pages = PdfReader(path), pdf_pages(path)
        assert pages[1].text().startswith("Contents")
        lines = [line.text for line in pages[1].text_lines()]
        targets = [
            reader.get_page_number(a.get_object()["/Dest"][0].get_object())
            for a in reader.pages[1]["/Annots"]
        ]
        assert len(targets) == len(bank.sections)
        for number, (section, target) in enumerate(zip(bank.sections, targets, strict=True), 1):
            opening = pages[target].text()
            assert f"PART {number}" in opening and section.name in opening
            assert f"{number} {section.name} {target + 1}" in lines, section.name


def test_every_page_after_the_cover_says_page_x_of_y(editions):
    """Y counts the pages of text; a right-hand page has its number at its outer edge, at
    the right, and a left-hand page at the left (a print shop's trial: every number stood
    at the left, at the binding of the right-hand pages), and an odd number of pages of
    text ends with a blank one (printed on both sides, copies shared a sheet)."""
    for path in editions.values():
        pages = printed_pages(path)
        # a blank page after an odd number of text pages (the bundled bank's 55 and 35), none
        # after an even one
        assert len(pdf_pages(path)) == len(pages) + len(pages) % 2
        assert "page 1 of" not in pages[0].text()
        for number, page in enumerate(pages[1:], 2):
            lines = [line.text for line in page.text_lines()]  # Y is a form, drawn apart
            assert f"page {number} of {len(pages)}" in " ".join(lines)
            (word,) = [w for w in page.words() if w.text == "page" and w.top > page.height - 60]
            assert word.x0 > page.width / 2 if number % 2 else word.x0 < page.width / 2, number
        assert PdfReader(path).trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == (
            "/DuplexFlipLongEdge"
        )


def test_the_running_header_names_the_bank_and_the_current_section(editions, bank):
    section_of = {q.label: q.section for q in bank.questions}
    current = None
    for page in printed_pages(editions["study"])[2:]:
        lines = page.text_lines()
        header = " ".join(line.text for line in lines if line.top < HEADER)
        body = [line.text for line in lines if line.top >= HEADER]
        part = re.fullmatch(r"PART (\d+)", body[0])
        if part:  # a section opening has no running header
            assert header == ""
            current = bank.sections[int(part.group(1)) - 1].name
        else:
            assert header == f"{bank.title} {current}"
        labels = [m.group(1) for line in body if (m := re.match(r"(Q\d+) ", line))]
        assert {section_of[label] for label in labels} <= {current}


def gutter_labels(path: Path) -> list[list[tuple[str, float]]]:
    """The words in the gutter (Q numbers, HINT, NOTE, LOOK FOR) of each page, top down."""
    return [
        sorted(((w.text, w.top) for w in page.words() if w.x1 < GUTTER_END), key=lambda w: w[1])
        for page in pdf_pages(path)
    ]


def test_a_question_never_ends_a_page_without_its_hint(editions, built):
    long_hint = built("booklet", "--bank", LONG_HINT) / "booklet-long-hint-booklet.pdf"
    for path in (editions["study"], long_hint):
        for page in gutter_labels(path):
            words = [w for w, _ in page]
            for i, word in enumerate(words):
                if LABEL.match(word) and words[i + 1 : i + 2] != ["(cont.)"]:
                    assert words[i + 1 : i + 2] == ["HINT"], (path.name, words)


def test_a_workshop_question_has_the_lines_of_its_minutes_the_last_on_a_page_too(editions, bank):
    expected = {
        q.label: min(LOOK["lines_base"] + LOOK["lines_per_minute"] * q.minutes, LOOK["lines_max"])
        if q.minutes
        else LOOK["lines_without_minutes"]
        for q in bank.questions
    }
    counted = {}
    workshop = editions["workshop"]
    for page, gutter in zip(pdf_pages(workshop), gutter_labels(workshop), strict=True):
        labels = [(t, top) for t, top in gutter if LABEL.match(t)]
        tops = [line.top for line in page.lines if line.x0 >= GUTTER_END]
        tops = [y for y in tops if y < page.height - FOOT]  # not the cover's rules
        for i, (label, top) in enumerate(labels):
            below = labels[i + 1][1] if i + 1 < len(labels) else page.height
            counted[label] = sum(top < y < below for y in tops)
            spacing = sorted(y for y in tops if top < y < below)
            gaps = {round(b - a, 1) for a, b in zip(spacing, spacing[1:], strict=False)}
            assert gaps == {round(LOOK["line_spacing_mm"] * 72 / 25.4, 1)}, label
    assert counted == expected


def test_a_long_hint_flows_on_to_the_next_page(built):
    path = built("booklet", "--bank", LONG_HINT) / "booklet-long-hint-booklet.pdf"
    long = next(q for q in load_bank(LONG_HINT).questions if q.id == "long-hint")
    pages = [squash(page.text()) for page in pdf_pages(path)]
    first = next(i for i, text in enumerate(pages) if squash(long.question) in text)
    hint = squash(long.hint)
    low, high = 0, len(hint)  # the longest start of the hint on the question's page
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if hint[:mid] in pages[first] else (low, mid - 1)
    assert 200 < low < len(hint)
    assert hint[low:] in pages[first + 1]


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_the_page_size_follows_paper(built, paper, size):
    for path in built("booklet", "--bank", LITERAL, "--paper", paper).out.glob("*.pdf"):
        for page in PdfReader(path).pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


@pytest.mark.usefixtures("serial_builds")
def test_all_passes_paper_to_the_booklet(tmp_path):
    result = run_cli("all", "--bank", LITERAL, "--out", tmp_path, "--paper", "letter")
    assert result.exit_code == 0, result.output
    page = PdfReader(tmp_path / "booklet-literal-workshop.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


def test_edition_builds_one_of_them(tmp_path):
    result = build(tmp_path, LITERAL, "--edition", "workshop")
    assert result.stdout.splitlines() == [str(tmp_path / "booklet-literal-workshop.pdf")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["booklet-literal-workshop.pdf"]


def test_metadata_holds_title_subject_keywords_and_the_banks_date(editions, bank):
    for edition, path in editions.items():
        reader = PdfReader(path)
        meta = reader.metadata
        assert meta.title == bank.title
        if edition == "study":
            assert meta.subject == f"Study edition: {bank.description}"
        else:  # the bank's description promises hints; the handout has none
            assert meta.subject == "Workshop handout: " + BLURB
        assert meta.keywords.split(", ") == list(bank.tags)
        assert meta.creation_date == datetime.fromtimestamp(EPOCH, tz=UTC)
        assert "26 November 2026" in pdf_pages(path)[0].text()


def test_markup_characters_greek_and_cyrillic_are_shown_literally(built):
    result = built("booklet", "--bank", LITERAL, "--paper", "a4")
    literal = load_bank(LITERAL)
    study = result / "booklet-literal-booklet.pdf"
    workshop = result / "booklet-literal-workshop.pdf"
    # the paths written and no warning: the font has every character of this bank
    assert result.output.splitlines() == [str(study), str(workshop)]
    for pdf in (study, workshop):
        text = squash(pdf_text(pdf))
        for shown in (literal.title, *(s.name for s in literal.sections)):
            assert squash(shown) in text, shown
        for q in literal.questions:
            assert squash(q.question) in text
            assert all(squash(tag) in text for tag in q.tags)
    text = unwrapped(pdf_text(study))  # a line going on inside code starts with a mark
    assert squash(literal.description) in text
    hint = literal.questions[0].hint
    assert squash(plain(hint)) in text
    assert "`" in hint and "`" not in text  # backticks mark code, they are not shown
    for q in literal.questions:
        for shown in (q.hint, q.note, *q.look_for):
            if shown:
                assert squash(plain(shown)) in text, shown
    chars = [c for page in pdf_pages(study) for c in page.chars if not c.generated]
    line = "".join(c.text for c in chars)
    start = line.index("<i>code</i>")
    code = chars[start : start + len("<i>code</i>")]
    assert {("Mono" in c.font) for c in code} == {True}
    before = chars[line.index("not bold")]
    assert "Mono" not in before.font and "Bold" not in before.font


def test_a_character_no_font_has_is_named_on_stderr(cli, tmp_path):
    path = FIXTURES / "booklet-boxes.yaml"
    result = cli("booklet", "--bank", path, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{path}:3: warning: question 'devanagari-and-emoji': the PDF fonts have no glyph for "
        "U+0939 \u0939, U+093F \u093f, U+0928 \u0928, U+094D \u094d, U+0926 \u0926, "
        "U+0940 \u0940 in its question; the PDFs draw each as a box"
    ]


def test_progress_counts_each_question_once_for_both_editions(tmp_path, bank):
    done = []
    job = Job(bank=bank, out_dir=tmp_path, timestamp=EPOCH, advance=done.append)
    run(job, [(get("booklet"), {})], workers=1)
    assert sum(done) == len(bank.questions)


def test_the_handout_cover_says_what_it_holds_and_the_study_cover_shows_the_description(
    editions, bank
):
    study = pdf_pages(editions["study"])[0].text()
    workshop = pdf_pages(editions["workshop"])[0].text()
    assert squash(bank.description) in squash(study) and BLURB not in study
    assert squash(BLURB) in squash(workshop)
    assert squash(bank.description) not in everything_a_reader_can_find(editions["workshop"])


def test_a_blurb_left_blank_is_the_banks_description(tmp_path):
    """A look's blurb of a blank (' '), which the look takes as it takes '', prints the
    bank's description on the cover and in the subject, as '' does; it printed a blank
    line and the subject 'Study edition:  '."""
    look = own_look(tmp_path / "look", {"booklet/words.toml": ('blurb = ""', 'blurb = " "')})
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\ndescription: Questions on firewalls.\nquestions:\n  - {id: a, section: S, "
        "question: Why?, hint: Because.}\n",
        encoding="utf-8",
    )
    args = ("booklet", "--edition", "study", "--bank", bank, "--templates", look)
    result = run_cli(*args, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    study = tmp_path / "b-booklet.pdf"
    assert PdfReader(study).metadata.subject == "Study edition: Questions on firewalls."
    assert "Questions on firewalls." in pdf_pages(study)[0].text()


def test_bank_text_is_kept_as_typed_in_subject_and_indentation(built):
    study = built("booklet", "--bank", FIDELITY) / "booklet-fidelity-booklet.pdf"
    description = load_bank(FIDELITY).description
    assert description.endswith(":")
    assert PdfReader(study).metadata.subject == f"Study edition: {description}"
    lines = {line.text: line.x0 for line in pdf_pages(study)[2].text_lines()}
    space = 10 * 0.26  # a space of the body font is about a quarter of its size
    margin = lines["back at the margin"]
    assert lines["1. indented by two spaces"] - margin == pytest.approx(2 * space, abs=1)
    assert lines["deeper, by six"] - margin == pytest.approx(6 * space, abs=1)


def test_the_running_header_flattens_tabs_and_line_breaks(built):
    workshop = built("booklet", "--bank", FIDELITY) / "booklet-fidelity-workshop.pdf"
    headers = [
        "".join(c.text for c in page.chars if c.top < HEADER and not c.generated)
        for page in printed_pages(workshop)[3:]  # after the section's opening page
    ]
    assert len(headers) == 2  # drawn as typed but one space for each tab and line break
    for header in headers:
        assert "Tabs and breaks in a title" in header and "Section with a tab" in header


def test_a_running_header_in_chinese_is_drawn_and_a_long_one_fits(cli, tmp_path):
    """A trial's Chinese title and section name left the running header blank: it was drawn
    in Noto Sans alone, which has no Chinese. It now draws them as the pages' text, in the
    fallback font, and a title too long for the line is cut by the widths of those fonts."""
    title = "数据科学家面试" * 12
    questions = "".join(
        f"  - {{id: q{n}, section: 统计学, question: 什么是方差{n}？, hint: 离散程度。}}\n"
        for n in range(60)
    )
    bank = tmp_path / "zh.yaml"
    bank.write_text(f"title: {title}\nquestions:\n{questions}", encoding="utf-8")
    out = tmp_path / "out"
    assert cli("booklet", "--bank", bank, "--out", out).exit_code == 0
    pages = pdf_pages(out / "zh-booklet.pdf")
    checked = 0
    for page in pages[3:]:  # after the section's opening page
        header = [c for c in page.chars if c.top < HEADER and not c.generated]
        text = "".join(c.text for c in header)
        assert text.startswith("数据科学家面试") and "\u2026" in text and text.endswith("统计学")
        assert all("Droid" in c.font for c in header if c.text not in " \u2026")
        assert max(c.x1 for c in header) <= page.width - 24 * 72 / 25.4 + 0.5
        title_end = max(c.x1 for c in header if c.text == "\u2026")
        section_start = min(c.x0 for c in header if c.text == "统")
        assert title_end < section_start
        checked += 1
    assert checked >= 2


def test_fit_width_keeps_what_fits_and_cuts_the_rest_with_an_ellipsis():
    font = load_theme().fonts.regular
    assert fit_width("Short", font, 10, 100) == "Short"
    cut = fit_width("A long title " * 20, font, 10, 100)
    assert cut.endswith("\u2026") and stringWidth(cut, font, 10) <= 100
    assert stringWidth(cut[:-1] + "e\u2026", font, 10) > 100 or cut[-2] == " "


def test_a_sections_numbers_are_named_as_runs():
    """A bank may interleave its sections: the rich fixture's Detection holds Q1 and Q4,
    which 'Q1–Q4' would misname."""
    from qbank.numbering import label_ranges

    assert label_ranges([1, 4]) == "Q1, Q4"
    assert label_ranges([2, 3]) == "Q2\u2013Q3"
    assert label_ranges([1, 2, 3, 7, 9, 10]) == "Q1\u2013Q3, Q7, Q9\u2013Q10"
    assert label_ranges([5]) == "Q5"
    # 1,000 questions alternating with another section's: one line, not a page
    assert label_ranges(list(range(1, 2000, 2))) == "Q1, Q3, Q5, Q7, Q9, \u2026, Q1999"


def test_a_banks_language_is_the_documents_language(tmp_path):
    """`language: de`: each PDF's catalog says /Lang de, and the DOCX packet's text is
    German to Word (its default run language), so a screen reader reads it in German; a
    bank that says none leaves the PDFs without /Lang and the DOCX in the template's."""
    import docx
    from pypdf import PdfReader

    import qbank

    for language, expected in (("language: de\n", "de"), ("", None)):
        bank = tmp_path / f"b{expected}.yaml"
        bank.write_text(
            f"title: Fragen\n{language}questions:\n"
            "  - {id: a, section: S, question: Was filtert eine Firewall?, hint: Verkehr.}\n",
            encoding="utf-8",
        )
        out = tmp_path / f"out{expected}"
        written = qbank.build(bank, out, ["booklet", "cards", "packet"], workers=1)
        for pdf in (p for p in written if p.suffix == ".pdf"):
            assert PdfReader(pdf).trailer["/Root"].get("/Lang") == expected, pdf
        (packet,) = (p for p in written if p.suffix == ".docx")
        langs = docx.Document(packet).styles.element.xpath("//w:docDefaults//w:lang/@w:val")
        assert langs == [expected or "en-US"]


def test_a_section_name_wider_than_its_column_in_the_booklet_breaks_where_it_hyphenates(
    tmp_path,
):
    """A German section's name of one word wider than its column on the cover and in the
    contents, and than the page as its title, was cut at any letter there, with no hyphen
    ('...verantwortlichkeitsdokum' / 'entation'); it breaks where German hyphenates it,
    with a '-', as the cards and the PDF packet break such a word."""
    import qbank

    name = "Informationssicherheitsmanagementsystemverantwortlichkeitsdokumentation"
    bank = tmp_path / "de.yaml"
    bank.write_text(
        f"title: T\nlanguage: de\nquestions:\n  - {{id: a, section: {name}, question: F?, "
        "hint: H.}\n",
        encoding="utf-8",
    )
    written = qbank.build(bank, tmp_path / "out", ["booklet"], workers=1)
    for path in written:
        for page in PdfReader(path).pages[:3]:  # the cover, the contents, its opening
            lines = page.extract_text().splitlines()
            at = next(i for i, line in enumerate(lines) if name[:20] in line)
            first = next(w for w in lines[at].split() if w.startswith(name[:20]))
            assert first.endswith("-") and name.startswith(first[:-1]), (path.name, lines[at])


def test_a_docx_in_an_east_asian_or_right_to_left_language_says_so_where_word_reads_it():
    """Word reads CJK text by a run's eastAsia language and right-to-left text by its bidi
    one: a Japanese or Hebrew bank sets those too (a review's find: Japanese read as en-US,
    Hebrew as Arabic)."""
    from qbank.wordml.document import new_document
    from qbank.wordml.theme import load_theme

    def langs(language: str) -> dict:
        document, _ = new_document(load_theme(), language)
        (lang,) = document.styles.element.xpath("//w:docDefaults//w:lang")
        return {k.split("}")[1]: v for k, v in lang.attrib.items()}

    # their Latin text keeps English (a Japanese val broke English words in LibreOffice)
    assert langs("ja") == {"val": "en-US", "eastAsia": "ja", "bidi": "ar-SA"}
    assert langs("he-IL") == {"val": "en-US", "eastAsia": "en-US", "bidi": "he-IL"}
    assert langs("de") == {"val": "de", "eastAsia": "en-US", "bidi": "ar-SA"}


def test_a_link_and_a_source_open_their_address_from_where_they_are_drawn(cli, tmp_path):
    """A link's words and address, and each source, are a link in the study edition: a
    reader clicks them as on the page and the card (a review found no address in any PDF
    that opened). Each link's box holds the words it is drawn around."""
    import pypdfium2

    bank = tmp_path / "links.yaml"
    bank.write_text(
        "title: Links\nmarkup: markdown\nquestions:\n  - id: a\n    section: S\n"
        "    question: Which standard?\n"
        "    hint: See [the standard](https://example.org/std?a=1&b=2) first.\n"
        "    sources: [{title: The guide, url: 'https://example.org/guide'},"
        " {title: Größe, url: 'https://de.wikipedia.org/wiki/Größe'}]\n",
        encoding="utf-8",
    )
    assert cli("booklet", "--bank", bank, "--out", tmp_path).exit_code == 0
    pdf = pypdfium2.PdfDocument(tmp_path / "links-booklet.pdf")
    found = []
    for page in pdf:
        text = page.get_textpage()
        for annotation in range(pypdfium2.raw.FPDFPage_GetAnnotCount(page)):
            handle = pypdfium2.raw.FPDFPage_GetAnnot(page, annotation)
            try:
                if pypdfium2.raw.FPDFAnnot_GetSubtype(handle) != pypdfium2.raw.FPDF_ANNOT_LINK:
                    continue
                rect = pypdfium2.raw.FS_RECTF()
                pypdfium2.raw.FPDFAnnot_GetRect(handle, rect)
                action = pypdfium2.raw.FPDFLink_GetAction(pypdfium2.raw.FPDFAnnot_GetLink(handle))
                if pypdfium2.raw.FPDFAction_GetType(action) != pypdfium2.raw.PDFACTION_URI:
                    continue  # the contents' links to their pages
                size = pypdfium2.raw.FPDFAction_GetURIPath(pdf, action, None, 0)
                buffer = (pypdfium2.raw.ctypes.c_char * size)()
                pypdfium2.raw.FPDFAction_GetURIPath(pdf, action, buffer, size)
                url = bytes(buffer)[: size - 1].decode()
                words = text.get_text_bounded(rect.left, rect.bottom, rect.right, rect.top)
                found.append((url, " ".join(words.split())))
            finally:
                pypdfium2.raw.FPDFPage_CloseAnnot(handle)
    urls = {url for url, _ in found}
    # in ASCII, as a PDF holds an address (reportlab wrote 'Größe' in Latin-1, a review)
    assert urls == {
        "https://example.org/std?a=1&b=2",
        "https://example.org/guide",
        "https://de.wikipedia.org/wiki/Gr%C3%B6%C3%9Fe",
    }
    words = " ".join(w for _, w in found)
    assert "the standard" in words and "The guide" in words
    assert "first" not in words  # the words after the link are no part of it


def test_code_in_bold_in_a_section_description_is_bold_code(cli, tmp_path):
    """A section's description '**bold `code`**' set its code in the regular code face, a
    question's text in the bold one (a review): reportlab reads a <b> outside a face as the
    face's regular, so the bold goes inside it."""
    from readback import pdf_pages

    bank = tmp_path / "d.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nsections:\n"
        "  - {name: S, description: 'Plain `plaincode` and **bold `boldcode`**.'}\n"
        "questions:\n  - {id: a, section: S, question: Why?, hint: Because.}\n",
        encoding="utf-8",
    )
    assert cli("booklet", "--bank", bank, "--out", tmp_path).exit_code == 0
    fonts = {
        word.text.strip("."): word.chars[0].font
        for page in pdf_pages(tmp_path / "d-booklet.pdf")
        for word in page.words()
        if "code" in word.text
    }
    assert "Mono-Bold" in fonts["boldcode"] and "Mono-Regular" in fonts["plaincode"], fonts


INTERVIEW_HOW_TO = (
    "Each question is followed by a hint to a strong answer and, where the bank has them, an "
    "editor's note and the points an interviewer looks for."
)
INTERVIEW_RULE = "* A question without a time given counts 5 minutes, as in the interviewer packet."


@pytest.mark.parametrize("role", ["", "role: Analyst\n"], ids=["study-bank", "interview-bank"])
def test_a_study_banks_contents_speak_to_learners_and_an_interview_banks_of_interviewers(
    tmp_path, role
):
    """A lecturer's bank (no role, no rubric: not for interviews) got a contents page that
    told of 'the interviewer packet' and 'the points an interviewer looks for': it has
    neither. A bank for interviews keeps those words."""
    bank = tmp_path / "stats.yaml"
    bank.write_text(
        f"title: Statistics\n{role}questions:\n"
        "  - {id: a, section: Tests, question: What is a p-value?, hint: A chance., minutes: 4}\n"
        "  - {id: b, section: Tests, question: What is power?, hint: A chance too.}\n",
        encoding="utf-8",
    )
    build(tmp_path, bank, "--edition", "study")
    contents = squash(pdf_pages(tmp_path / "stats-booklet.pdf")[1].text())
    if role:
        assert squash(INTERVIEW_HOW_TO) in contents
        assert squash(INTERVIEW_RULE) in contents
    else:
        assert "interview" not in contents.casefold()
        assert (
            squash(
                "Each question is followed by a hint to a strong answer and, where the bank has "
                "them, an editor's note and the points a good answer makes."
            )
            in contents
        )
        assert squash("* A question without a time given counts 5 minutes.") in contents


def test_the_bundled_interview_banks_contents_say_what_an_interviewer_looks_for(editions):
    contents = squash(pdf_pages(editions["study"])[1].text())
    assert squash(INTERVIEW_HOW_TO) in contents, contents[-300:]
