"""The debrief of the bundled bank as an interviewer hands it over, printed by LibreOffice:
a candidate seen by a panel of two, one seen by a panel of three, and the two compared.

Its tables held their words, but not their figures ('7 / 15 (1' over 'unrated)'), the
questions' table gave the question a quarter of the width and ran over three pages, and a
note's last line stood alone at the top of a page (a review). Each test reads the DOCX's
properties and, where the layout is the point, LibreOffice's PDF of it.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from filling import Filled, fill, libreoffice_convert, question_ids
from helpers import run_cli
from readback import as_read, pdf_pages, words_too_wide

from qbank.paths import BUILTIN_TEMPLATES
from qbank.text import slug

BANK = Path(__file__).resolve().parent.parent / "bank" / "ai-cybersecurity-analyst.yaml"
PANELS = {
    "Ada Lovelace": ("Grace Hopper", "Alan Turing"),
    "Bob Stone": ("Grace Hopper", "Alan Turing", "Edsger Dijkstra"),
}
RECOMMENDATIONS = ("strong-yes", "yes", "no")
# each note's lines after its first, which must never open a page alone
LATER_LINES = ("A second line: the trade-offs named, not weighed.", "Third line, short.")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ALONE = "Claire Martin"  # who interviewed the candidate seen by one
SIGNALS_PANEL = ("Grace Hopper", "Alan Turing", "Edsger Dijkstra")


def note(candidate: str, qid: str) -> str:
    first = f"{candidate} answered {qid} with a worked example of a logging pipeline and alerts."
    return "\n".join((first, *LATER_LINES))


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """By name ("two", "three", "comparison", "one", "signals"), each debrief and
    LibreOffice's PDF of it, printed in one conversion (its start-up is most of its time)."""
    base = tmp_path_factory.mktemp("print")
    filled: dict[str, list[Path]] = {}
    for c, (candidate, people) in enumerate(PANELS.items()):
        folder = base / candidate.split()[0]
        names = [a for who in people for a in ("--interviewer", who)]
        built = run_cli("packet", "--bank", BANK, "--out", folder, "--candidate", candidate, *names)
        assert built.exit_code == 0, built.output
        filled[candidate] = []
        for m, who in enumerate(people):
            [packet] = [p for p in folder.glob("*.docx") if who.split()[0].lower() in p.name]
            asks = question_ids(packet)
            header = {"candidate": candidate, "interviewer": who, "interview-date": "2026-12-05"}
            form = Filled(
                header,
                # every fourth question left unrated: '7 / 15 (1 unrated)'
                scores={q: [(n + m + c) % 5 + 1] for n, q in enumerate(asks) if (n + m) % 4},
                hints={asks[1]},
                look_for={asks[0]: [1, 2]},
                notes={q: note(candidate, q) for q in asks},
                recommendations=[RECOMMENDATIONS[(m + c) % 3]],
                evidence=f"Evidence from {who}\nsecond point",
            )
            filled[candidate].append(fill(packet, base / f"{candidate[0]}{m}.docx", form))
    # one interviewer, the packet's eight questions rated, a note of two lines each, as a
    # visual review filled it: the seventh question's heading and rating ended page 3
    folder = base / "Amelie"
    built = run_cli("packet", "--bank", BANK, "--out", folder, "--candidate", "Amélie Dupont")
    assert built.exit_code == 0, built.output
    [packet] = folder.glob("*.docx")
    asks = question_ids(packet)
    header = {"candidate": "Amélie Dupont", "interviewer": ALONE, "interview-date": "2026-12-01"}
    said = "Amélie Dupont : a cité « l'effet de bord » ; 50 % juste."
    two_lines = {q: f"{said}\nDeuxième ligne, 3 000 € d'économies ?" for q in asks}
    form = Filled(
        header,
        scores={q: [(n + 2) % 5 + 1] for n, q in enumerate(asks)},
        hints={asks[1]},
        look_for={asks[0]: [1]},
        notes=two_lines,
        recommendations=["yes"],
        evidence="Très bonne explication du code ; hésite sur YAML.\nÀ revoir : `rsync --delete`.",
    )
    alone = [fill(packet, base / "amelie.docx", form, ("Notes", "Key evidence for the debrief"))]
    signals = ticked_signals(base / "ticked")
    debriefs = {}
    for name, paths in (
        ("two", filled["Ada Lovelace"]),
        ("three", filled["Bob Stone"]),
        ("comparison", [*filled["Ada Lovelace"], *filled["Bob Stone"]]),
        ("one", alone),
        ("signals", signals),
    ):
        result = run_cli("debrief", "--bank", BANK, "--out", base / name, *paths)
        assert result.exit_code == 0, result.output
        written = sorted((base / name).glob("*.docx"))
        [document] = [p for p in written if ("comparison" in p.name) == (name == "comparison")]
        debriefs[name] = document.rename(base / f"{name}.docx")  # one conversion, one name each
    pdfs = libreoffice_convert(list(debriefs.values()), base / "pdf", "pdf", base / "profile")
    return {name: (path, pdf) for (name, path), pdf in zip(debriefs.items(), pdfs, strict=True)}


def ticked_signals(folder: Path) -> list[Path]:
    """A panel of three's packets, a signal or up to three ticked on every question and
    notes of one to five lines, as a visual review filled them: 'Q5 ...' and 'Alan Turing ·
    2 Limited' ended page 4, its signals and note over the page."""
    names = [a for who in SIGNALS_PANEL for a in ("--interviewer", who)]
    built = run_cli("packet", "--bank", BANK, "--out", folder, "--candidate", "Ada", *names)
    assert built.exit_code == 0, built.output
    paths = []
    for m, who in enumerate(SIGNALS_PANEL):
        [packet] = [p for p in folder.glob("*.docx") if who.split()[0].lower() in p.name]
        asks = question_ids(packet)
        said = f"{who} on this question: she named the trade-off and weighed it."
        form = Filled(
            {"candidate": "Ada", "interviewer": who},
            scores={q: [(n + m) % 5 + 1] for n, q in enumerate(asks)},
            look_for={q: [1, 2, 3][: (2 * n + m) % 3 + 1] for n, q in enumerate(asks)},
            notes={q: "\n".join([said] * ((7 * n + 3 * m) % 5 + 1)) for n, q in enumerate(asks)},
            recommendations=["yes"],
        )
        paths.append(fill(packet, folder / f"filled-{m}.docx", form))
    return paths


def table_headed(path: Path, head: str):
    """The DOCX's table whose first cell says `head`."""
    return next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == head)


def shares(table) -> list[float]:
    grid = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.iter(f"{W}gridCol")]
    return [w / sum(grid) for w in grid]


def text_of(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def body_lines(page) -> list:
    """A page's lines of text above its footer."""
    return [line for line in page.text_lines() if line.bottom < page.height - 55]


def test_the_questions_table_gives_the_question_the_room_the_others_leave(printed):
    """Fixed shares gave the question 21 % of the width beside a competency's, names' and
    ratings' columns that held each on one line with room to spare: its rows ran five to
    nine lines, and a panel of three's table over three pages. The columns beside it hold
    their words whole, and their texts on one line where that makes no row taller; the
    question has the rest, and the table takes less than two pages."""
    for name in ("two", "three"):
        debrief, pdf = printed[name]
        table = table_headed(debrief, "Q")
        heads = [c.text for c in table.rows[0].cells]
        assert heads == [
            "Q",
            "Question",
            "Competency",
            "Asked by",
            "Rating",
            "Hint",
            "Look for seen",
        ]
        assert shares(table)[1] > 0.3, shares(table)  # it had 0.21
        shown, too_wide = words_too_wide(table, slice(2, None))
        assert too_wide == [] and {"Grace", "Hopper", "given"} <= shown, too_wide
    _, pdf = printed["three"]
    high = 0.0  # the height of the table's parts, page by page
    for page in pdf_pages(pdf):
        lines = body_lines(page)
        top = next((line.top for line in lines if line.text.startswith("Q Question")), None)
        if top is None:
            top = next((line.top for line in lines if line.text.startswith("Q ")), None)
        if top is None:
            continue
        ends = [line.top for line in lines if line.text == "Notes" and line.top > top]
        below = [line.bottom for line in lines if line.top >= top and line.top < min(ends or [1e9])]
        high += max(below) - top
    text_height = pdf_pages(pdf)[0].height - 2 * 51  # the page less its margins
    assert 0 < high < 2 * text_height, high


def test_the_questions_follow_the_recommendations_on_their_page(printed):
    """'Questions' began a page of its own, and the page before ended half empty: it follows
    the recommendations, its heading and intro kept with the table's first rows."""
    for name in ("two", "three"):
        debrief, pdf = printed[name]
        body = docx.Document(str(debrief)).element.body
        [heading] = [p for p in body.iterchildren(f"{W}p") if text_of(p) == "Questions"]
        assert heading.find(f"{W}pPr/{W}pageBreakBefore") is None
        pages = {
            line.text: page.number
            for page in pdf_pages(pdf)
            for line in body_lines(page)
            if line.text in ("Recommendations", "Questions")
        }
        assert pages["Questions"] == pages["Recommendations"], pages


def test_a_notes_lines_keep_together_and_none_stands_alone(printed):
    """A note's last line stood alone at the top of a page, its question's heading and the
    rest at the foot of the one before; a paragraph a line chained by keep-with-next did so
    too in LibreOffice, which moves only the last two of a chain. A note is a paragraph,
    its lines kept together where it is short, and widow control where it is not."""
    for name in ("two", "three"):
        debrief, pdf = printed[name]
        body = docx.Document(str(debrief)).element.body
        notes = [p for p in body.iterchildren(f"{W}p") if text_of(p).endswith(LATER_LINES[-1])]
        assert notes
        for paragraph in notes:
            # as typed, after the rating line where no signal was ticked (see below)
            opened = " \u00b7 " in text_of(paragraph)
            assert len(paragraph.findall(f".//{W}br")) == len(LATER_LINES) + opened
            props = paragraph.find(f"{W}pPr")
            assert props.find(f"{W}widowControl") is not None
            assert props.find(f"{W}keepLines") is not None
        for page in pdf_pages(pdf)[1:]:
            opening = body_lines(page)[0].text
            assert opening not in LATER_LINES, (name, page.number, opening)


def test_the_comparison_keeps_each_figure_whole(printed):
    """The comparison's figures wrapped at their words, '7 / 15 (1' over 'unrated)',
    'Grace Hopper: Strong' over 'yes', and its heads' smaller size was the whole
    document's: the candidates' names and the calibration were set 8 pt too. A figure
    wraps between the score and its marks only ('7 / 15' over '(1 unrated)'), no-break
    spaces holding each part whole, and the heads alone are smaller."""
    debrief, pdf = printed["comparison"]
    document = docx.Document(str(debrief))
    assert document.styles["Packet Cell Head"].font.size.pt == 9  # the look's
    table = table_headed(debrief, "Candidate")
    sizes = {
        int(size.get(f"{W}val")) / 2
        for cell in table.rows[0].cells
        for size in cell._tc.iter(f"{W}sz")
    }
    assert len(sizes) == 1 and 7 <= sizes.pop() < 9
    rows = table._tbl.findall(f"{W}tr")
    for row in [*rows[1:], *document.tables[-1]._tbl.findall(f"{W}tr")]:
        assert next(row.iter(f"{W}sz"), None) is None  # names, totals, calibration: 9 pt
    kept = {
        as_read(part)
        for row in table.rows[1:]
        for cell in row.cells
        for part in re.split(r"[^\S\u00a0]+", cell.text)
        if "\u00a0" in part
    }
    assert {"(1 unrated)", "Strong yes"} <= kept, kept
    assert any(part.endswith(" ratings,") for part in kept), kept
    lines = [as_read(line.text) for page in pdf_pages(pdf) for line in body_lines(page)]
    for part in kept:
        assert any(part in line for line in lines), (part, lines)
    # and as wide as the words need at the heads' size (its words in DejaVu Sans)
    _, too_wide = words_too_wide(table, slice(1, -1))
    assert too_wide == []


def test_a_panel_of_three_sets_each_interviewers_score_on_one_line(printed):
    """A panel of three's competency scores wrapped, '3 (1' over 'unrated)': each
    interviewer's column was measured for '8.88 (1 unrated)' where it showed 'not
    rated', which took the room another's figure needed. Each holds its figures whole."""
    debrief, pdf = printed["three"]
    table = table_headed(debrief, "Competency")
    figures, cut = words_too_wide(table, slice(2, 5), whole=True)
    assert cut == []
    marked = [f for f in figures if f.endswith("(1 unrated)")]
    assert marked, figures
    lines = [as_read(line.text) for page in pdf_pages(pdf) for line in body_lines(page)]
    for figure in marked:
        assert any(figure in line for line in lines), (figure, lines)


LONG_NAME = "Maximiliana Wolfeschlegelsteinhausenbergerdorff-Sigmaringen"
PEOPLE = ("Grace Hopper", "Alan Turing")


@pytest.mark.parametrize(
    ("competency", "people", "too_wide"),
    [
        ("risk-communication-to-executive-stakeholders-and-regulators", PEOPLE, []),
        # a part wider than any room: it breaks alone, in the names' column
        ("risk-communication", (PEOPLE[0], LONG_NAME), [LONG_NAME.split()[1].split("-")[0] + "-"]),
    ],
)  # fmt: skip
def test_a_long_name_breaks_alone_not_the_other_columns(tmp_path, competency, people, too_wide):
    """A competency's name or an interviewer's wider than the room the other columns leave
    was held whole: the question fell below its least, and the shares scaled down broke
    every other column inside its words ('Q|3', 'Grac|e Hop|per', 'Hin|t'). The name breaks
    after its hyphens, as Word and LibreOffice break it, a part wider than any room inside
    itself, and the other columns hold their words."""
    bank = tmp_path / BANK.name
    bank.write_text(BANK.read_text(encoding="utf-8").replace("risk-communication", competency))
    names = [a for who in people for a in ("--interviewer", who)]
    built = run_cli("packet", "--bank", bank, "--out", tmp_path / "p", "--candidate", "Ada", *names)
    assert built.exit_code == 0, built.output
    paths = []
    packets = [p for p in (tmp_path / "p").glob("*.docx") if not p.stem.endswith("-panel")]
    for m, packet in enumerate(sorted(packets)):
        asks = question_ids(packet)
        scores = {q: [n % 5 + 1] for n, q in enumerate(asks)}
        form = Filled({"candidate": "Ada"}, scores=scores, hints={asks[1]})
        paths.append(fill(packet, tmp_path / f"{m}.docx", form))
    result = run_cli("debrief", "--bank", bank, "--out", tmp_path / "d", *paths)
    assert result.exit_code == 0, result.output
    [document] = (tmp_path / "d").glob("*.docx")
    table = table_headed(document, "Q")
    assert competency in {c.text for row in table.rows for c in row.cells}
    labels, wide = words_too_wide(table, slice(0, 1), bold=True)
    assert wide == [] and "Q3" in labels, wide
    shown, wide = words_too_wide(table, slice(2, None))
    assert set(wide) == set(too_wide) and {"Grace", "Hopper", "Hint", "given"} <= shown, wide
    assert shares(table)[1] >= 0.24, shares(table)


def test_a_looks_long_recommendation_wraps_between_its_words(tmp_path):
    """The comparison kept each recommendation on one line with no-break spaces ('Strong
    yes'): a look's long option ('Hire without reservation for the platform team') then
    broke inside its words, 'reservatio|n' and 'tea|m'. It wraps between them; a short one
    is still kept whole."""
    long = "Hire without reservation for the platform team"
    rubric = (BUILTIN_TEMPLATES / "packet/rubric.toml").read_text(encoding="utf-8")
    options = 'options = ["Strong no", "No", "Yes", "Strong yes", "No decision"]'
    assert options in rubric
    (tmp_path / "look/packet").mkdir(parents=True)
    (tmp_path / "look/packet/rubric.toml").write_text(
        rubric.replace(options, f'options = ["No", "Strong yes", "{long}", "No decision"]'),
        encoding="utf-8",
    )
    look = ("--templates", tmp_path / "look")
    paths = []
    for c, (candidate, option) in enumerate((("Ada", long), ("Bob", "Strong yes"))):
        folder = tmp_path / candidate
        built = run_cli("packet", "--bank", BANK, "--out", folder, "--candidate", candidate, *look)
        assert built.exit_code == 0, built.output
        [packet] = folder.glob("*.docx")
        header = {"candidate": candidate, "interviewer": "Grace Hopper"}
        scores = {q: [3] for q in question_ids(packet)}
        form = Filled(header, scores=scores, recommendations=[slug(option)])
        paths.append(fill(packet, tmp_path / f"{c}.docx", form))
    result = run_cli("debrief", "--bank", BANK, "--out", tmp_path / "d", *look, *paths)
    assert result.exit_code == 0, result.output
    [document] = (tmp_path / "d").glob("*comparison*.docx")
    table = table_headed(document, "Candidate")
    shown, too_wide = words_too_wide(table, slice(-1, None))
    assert too_wide == [] and {"reservation", "team"} <= shown, too_wide
    verdicts = [as_read(row.cells[-1].text) for row in table.rows[1:]]
    assert any(f"Grace Hopper: {long}" in v for v in verdicts), verdicts
    assert any("Strong\u00a0yes" in row.cells[-1].text for row in table.rows[1:])


def test_a_long_note_typed_as_one_paragraph_is_not_kept_on_one_page(tmp_path):
    """A note was kept on one page by the lines typed: one long paragraph, a single line
    typed, was kept whole and left the page before it half empty (a review). A note is
    counted by its lines as printed: a short one is kept together, a long one has widow
    control alone."""
    built = run_cli("packet", "--bank", BANK, "--out", tmp_path / "p", "--candidate", "Ada")
    assert built.exit_code == 0, built.output
    [packet] = (tmp_path / "p").glob("*.docx")
    asks = question_ids(packet)
    long = " ".join(["She weighed the rate limits against a second region's cost."] * 20)
    notes = {asks[0]: long, asks[1]: "Short and sweet.\nTwo lines."}
    form = Filled({"candidate": "Ada"}, scores={q: [3] for q in asks}, notes=notes)
    result = run_cli(
        "debrief", "--bank", BANK, "--out", tmp_path / "d", fill(packet, tmp_path / "f.docx", form)
    )
    assert result.exit_code == 0, result.output
    [document] = (tmp_path / "d").glob("*.docx")
    body = docx.Document(str(document)).element.body
    kept = {}
    for paragraph in body.iterchildren(f"{W}p"):
        if text_of(paragraph).endswith((long, "Short and sweet.Two lines.")):
            props = paragraph.find(f"{W}pPr")
            assert props.find(f"{W}widowControl") is not None
            kept[text_of(paragraph).split("Two lines.")[0][-5:]] = (
                props.find(f"{W}keepLines") is not None
            )
    assert kept == {"cost.": False, "weet.": True}


def test_a_questions_heading_and_rating_never_end_a_page_without_its_note(printed):
    """A question's heading and its rating line stood at a page's foot, the note over the
    page ('Q27 ...', 'Claire Martin · 3 Solid' | the note: a visual review): three paragraphs
    chained by keep-with-next, of which LibreOffice kept the first two. The rating line
    opens the note's paragraph where no signal was ticked: a heading and one paragraph."""
    for name, people in (("one", (ALONE,)), *((n, PANELS[c]) for n, c in (
        ("two", "Ada Lovelace"), ("three", "Bob Stone")
    ))):  # fmt: skip
        _, pdf = printed[name]
        pages = pdf_pages(pdf)
        for page in pages[:-1]:
            last = body_lines(page)[-1].text
            assert not last.startswith(tuple(f"{who} \u00b7 " for who in people)), (
                name,
                page.number,
                last,
            )


def test_a_questions_heading_keeps_its_rating_and_signals_where_signals_were_ticked(printed):
    """With signals ticked, a question printed as its heading, a rating line, a paragraph a
    signal and its note, chained by keep-with-next, and LibreOffice left the heading alone
    or with the rating line at a page's foot, the signals over the page ('Q5 ...', 'Alan
    Turing · 2 Limited' | '☑ Inference requests ...': a visual review). The rating line and
    the signals are one paragraph kept together: a heading and one paragraph it keeps."""
    heading = docx.Document(str(printed["signals"][0])).styles["Heading 2"].font.size.pt
    _, pdf = printed["signals"]
    pages = pdf_pages(pdf)
    ends = []
    for page in pages[:-1]:
        last = body_lines(page)[-1]
        if last.text.startswith(tuple(f"{who} \u00b7 " for who in SIGNALS_PANEL)):
            ends.append((page.number, "rating", last.text))
        if max(c.size for c in last.chars) >= heading - 0.5:  # a question's heading
            ends.append((page.number, "heading", last.text))
    assert len(pages) > 5 and ends == [], ends
