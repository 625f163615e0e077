"""Structured interviews in the artifacts: a bank with six competencies and anchors on every
question (tests/fixtures/interview-bank.yaml), built once, read back as its users get it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from filling import libreoffice_convert
from helpers import FIXTURES, own_look
from readback import apkg_text, docx_document, html_data, pdf_pages, pdf_text, squash

from qbank.bank import load_bank
from qbank.model import Bank

BANK = FIXTURES / "interview-bank.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK)


@pytest.fixture(scope="module")
def everything(built):
    """`all` of the bank, as test_check builds it (one build per test process)."""
    return built("all", "--bank", BANK)


def cell_text(cell) -> str:
    return " ".join(p.text for p in cell.paragraphs).strip()


def rating_tables(document) -> list:
    """The rating row's table of each question: the one whose first cell holds score 1."""
    found = []
    for outer in document.tables:
        for row in outer.rows:
            for cell in row.cells:
                for table in cell.tables:
                    if table.rows and "Hint given" in cell_text(table.rows[0].cells[-1]):
                        found.append(table)
    return found


def test_packet_shows_each_questions_anchors_under_its_rating_row(everything, bank):
    """A row per anchor under the boxes: the score and its label, then the anchor's text
    across the other columns (under its own box, a sixth of the width, an anchor took a
    dozen lines and its row left half a page empty when it moved to the next page)."""
    document = docx_document(everything / "interview-bank-packet.docx")
    tables = rating_tables(document)
    by_first_anchor = {q.anchors[0][1]: q for q in bank.questions}
    seen = 0
    for table in tables:
        # the boxes' row: '1 No evidence', ..., 'Hint given' (the box is a content control)
        heads = [cell_text(c).strip("\u2610 ").split(maxsplit=1) for c in table.rows[0].cells]
        labels = {int(score): label for score, label in heads[:-1]}
        rows = [[cell_text(c) for c in row.cells] for row in table.rows[1:]]
        q = by_first_anchor[rows[0][1]]
        assert len(rows) == len(q.anchors)
        for (score, text), row in zip(q.anchors, rows, strict=True):
            assert row[0] == f"{score} {labels[score]}"
            assert set(row[1:]) == {text}  # one cell spanning the other columns
        seen += 1
    assert seen == len(tables) >= 4


def test_study_artifacts_show_anchors_after_the_hint_and_the_handout_never(everything, bank):
    """Each anchor beside its score and the score's label on the scale, as the packet has
    them (a visual review: the booklet, the page and the deck gave bare scores)."""
    from qbank.rubric import scale_labels

    labels = scale_labels(bank)
    study = squash(pdf_text(everything / "interview-bank-booklet.pdf"))
    workshop = squash(pdf_text(everything / "interview-bank-workshop.pdf"))
    deck = squash(apkg_text(everything / "interview-bank.apkg"))
    page = {q["id"]: q for q in html_data(everything / "interview-bank.html")["questions"]}
    for q in bank.questions:
        first = squash(q.anchors[0][1])
        hint = study.index(squash(q.hint))
        assert study.index("Howanswersarerated", hint) < study.index(first, hint)
        score, text = q.anchors[-1]
        assert squash(f"{score} {labels[score]} \u00b7 {text}") in study
        assert first not in workshop
        # the Note field (after the hint on the card's back) opens with them
        assert squash(q.question) + squash(q.hint) in deck
        score = q.anchors[0][0]
        assert f"{q.section}Howanswersarerated{score}{squash(labels[score])}{first}" in deck
        assert page[q.id]["anchors"] == [list(a) for a in q.anchors]
    scale = html_data(everything / "interview-bank.html")["scale"]
    assert scale == {str(score): label for score, label in labels.items()}
    assert "Howanswersarerated" not in workshop


PANEL = ("--panel", "3", "--interviewer", "A", "--interviewer", "B", "--interviewer", "C")
PINS = ("--include", "segmentation@B", "--include", "post-mortem")


@pytest.fixture(scope="module")
def panel(built):
    return built("packet", "--bank", BANK, "--candidate", "Ada Lovelace", *PANEL, *PINS)


def grid(document, heading: str) -> list[list[str]]:
    """The rows of the table after the paragraph `heading`, as text (a cell's paragraphs on
    lines of their own)."""
    body = document.element.body
    seen = False
    for child in body.iterchildren():
        if child.tag == f"{W}p" and text_of(child) == heading:
            seen = True
        elif seen and child.tag == f"{W}tbl":
            return [
                ["\n".join(map(text_of, c.iter(f"{W}p"))) for c in row.iterchildren(f"{W}tc")]
                for row in child.iterchildren(f"{W}tr")
            ]
    raise AssertionError(f"no table after {heading!r}")


def text_of(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def controls(document) -> dict[str, str]:
    """The text of each content control, by its tag."""
    return {
        sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val"): text_of(sdt)
        for sdt in document.element.body.iter(f"{W}sdt")
        if sdt.find(f"{W}sdtPr/{W}tag") is not None
    }


def packet_ids(document) -> set[str]:
    return {
        tag.get(f"{W}val").split(":")[0]
        for tag in document.element.body.iter(f"{W}tag")
        if tag.get(f"{W}val", "").endswith(":score:1")
    }


def test_a_named_panel_covers_every_competency(panel, bank):
    names = [f"interview-bank-packet-ada-lovelace-{n}.docx" for n in ("a", "b", "c")]
    assert sorted(p.name for p in panel.out.iterdir()) == sorted(
        [*names, "interview-bank-packet-ada-lovelace-panel.docx"]
    )
    by_id = {q.id: q for q in bank.questions}
    covered = set()
    documents = dict(zip("ABC", (docx_document(panel / name) for name in names), strict=True))
    asks = {who: packet_ids(document) for who, document in documents.items()}
    for who, document in documents.items():
        asked = asks[who]
        covered |= {by_id[q].competency for q in asked}
        # the interviewer's field holds the name; the first page has the grid
        fields = controls(document)
        assert fields["interviewer"] == who and fields["candidate"] == "Ada Lovelace"
        rows = grid(document, "Competencies")
        labels = rows[0][1:-1]
        # each competency with the line that says what it means, under its name
        assert [r[0] for r in rows[1:]] == [f"{c.name}\n{c.description}" for c in bank.competencies]
        for row in rows[1:]:
            marked = {label for label, cell in zip(labels, row[1:-1], strict=True) if cell}
            mine = {by_id[q].label for q in asked if by_id[q].competency == row[0].split("\n")[0]}
            assert marked == mine
            # one this packet leaves to a colleague says who asks it, not 'not covered' (a
            # trial read that as a gap in the panel's interview)
            others = [
                other
                for other in "ABC"
                if other != who
                and any(by_id[q].competency == row[0].split("\n")[0] for q in asks[other])
            ]
            assert row[-1] == (str(len(mine)) if mine else f"asked by {', '.join(others)}")
    assert covered == {c.name for c in bank.competencies}
    sheet = docx_document(panel / "interview-bank-packet-ada-lovelace-panel.docx")
    text = [p.text for p in sheet.paragraphs]
    assert "The panel covers all 6 competencies." in text
    rows = grid(sheet, "The panel covers all 6 competencies.")
    assert rows[0] == ["Competency", "A", "B", "C", "Coverage"]
    for row in rows[1:]:
        assert row[-1] in ("Covered (1)", "Covered (2)")
        assert any(row[1:4])
    fields = controls(sheet)
    assert fields["candidate"] == "Ada Lovelace"
    assert [fields[f"name-{n}"] for n in (1, 2, 3)] == ["A", "B", "C"]


def test_included_questions_are_in_their_packets(panel):
    asked = {
        who: packet_ids(docx_document(panel / f"interview-bank-packet-ada-lovelace-{who}.docx"))
        for who in "abc"
    }
    assert "segmentation" in asked["b"]
    assert sum("post-mortem" in ids for ids in asked.values()) == 1


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ("--minutes", "20", "--include", "threat-model", "--include", "segmentation"),
            "--include threat-model --include segmentation: the interviewer must ask 20 "
            "minutes of included questions, but the 20-minute interview leaves 15 for "
            "questions after 5 for the introduction and wrap-up: 5 minutes too many; include "
            "fewer questions or give --minutes 25 or more",
        ),
        (
            ("--include", "threat-modle"),
            "--include threat-modle: no question has the id 'threat-modle'; did you mean "
            "'threat-model'?",
        ),
        (
            (*PANEL, "--include", "threat-model@D"),
            "--include threat-model@D: 'D' is not an interviewer of this panel; after @ give "
            "one of: A, B, C",
        ),
        (
            ("--panel", "2", "--interviewer", "A"),
            "--panel 2 with 1 --interviewer names: give one name per interviewer, or leave "
            "out --panel (the names make the panel)",
        ),
    ],
)
def test_includes_and_names_that_cannot_be(cli, tmp_path, args, message):
    result = cli("packet", "--bank", BANK, "--out", tmp_path, *args)
    assert result.exit_code == 2
    assert result.stderr.strip() == message
    assert not list(tmp_path.iterdir())


def test_a_short_interview_says_which_competencies_it_leaves_out(cli, tmp_path):
    """Three of six competencies fit 15 minutes; of those that keep three coverable, one of
    a section not asked yet is taken first (it took a second Design question, which left
    Basics out for no more competencies: a trial's SRE bank lost a whole section so)."""
    result = cli("packet", "--bank", BANK, "--out", tmp_path, "--minutes", "20")
    assert result.exit_code == 0
    why = "the bank's shortest one takes 5 minutes, more than the time left"
    # said as a warning of the bank, as the sections that do not fit are (a first-hour
    # trial read a line that began '--minutes 20:' for an error)
    assert result.stderr.splitlines()[0] == f"{BANK}: warning: --minutes 20: " + " ".join(
        f"This interview has no question on {c}: {why}."
        for c in ("secure-design", "detection", "communication")
    )
    assert "fits in the time left" not in result.stderr  # every section asked
    [packet] = tmp_path.iterdir()
    rows = grid(docx_document(packet), "Competencies")
    assert [r[-1] for r in rows[1:]].count("not covered") == 3


def test_libreoffice_shows_the_anchors_and_the_grids(everything, panel, bank, tmp_path):
    """The packet and the panel's packets and coordinator's sheet, opened and printed by
    LibreOffice (one call): the anchors and both grids are on the page."""
    from filling import Filled, fill, question_ids

    from qbank.debrief import read_debrief

    sheet = panel / "interview-bank-packet-ada-lovelace-panel.docx"
    member = panel / "interview-bank-packet-ada-lovelace-b.docx"
    asks = question_ids(member)  # and a debrief of it, with a hint given
    form = Filled({"interviewer": "B"}, scores={q: [3] for q in asks}, hints=set(asks))
    filled = fill(member, tmp_path / "filled.docx", form)
    debrief = read_debrief([filled], BANK, tmp_path / "debrief").written[0]
    pdfs = libreoffice_convert(
        [everything / "interview-bank-packet.docx", sheet, member, debrief],
        tmp_path,
        "pdf",
        tmp_path / "profile",
    )
    # the debrief's Hint column holds its word whole ('give' then 'n' on the next line
    # without Carlito, a new-user trial)
    words = [w.text for page in pdf_pages(pdfs[-1]) for w in page.words()]
    assert words.count("given") >= len(asks) and "give" not in words
    packet, coordinator, member_pdf = (squash(pdf_text(p)) for p in pdfs[:3])
    for text in (packet, member_pdf):
        shown = [q for q in bank.questions if all(squash(t) in text for _, t in q.anchors)]
        assert len(shown) >= 3
        assert squash("Competency") in text and squash("communication") in text
    assert squash("The panel covers all 6 competencies.") in coordinator
    assert squash("Competency A B C Coverage") in coordinator
    assert squash("Candidate Ada Lovelace") in coordinator
    assert squash("Interviewer B") in member_pdf


def test_the_pdf_packet_fills_in_the_interviewer(cli, tmp_path):
    import pypdf

    result = cli(
        "packet", "--bank", BANK, "--out", tmp_path, "--format", "pdf", "--interviewer", "Alex Kim"
    )
    assert result.exit_code == 0, result.output
    fields = pypdf.PdfReader(tmp_path / "interview-bank-packet-alex-kim.pdf").get_fields()
    assert fields["interviewer"].get("/V") == "Alex Kim"


def test_the_pdf_packet_keeps_each_questions_anchors_on_its_boxes_page(cli, tmp_path, bank):
    """In the fillable PDF, a row per anchor (its score and label, then its text across the
    other columns) sits under the rating boxes on the same page, with the notes' label: the
    anchors once moved to the next page alone, in narrow columns, away from the boxes."""
    import pypdf

    result = cli("packet", "--bank", BANK, "--out", tmp_path, "--format", "pdf")
    assert result.exit_code == 0, result.output
    [packet] = tmp_path.iterdir()
    reader = pypdf.PdfReader(packet)
    pages = pdf_pages(packet)
    # the default scale's words (templates/packet/rubric.toml): the bank has no rubric
    rubric = tomllib.loads((FIXTURES.parent.parent / "templates/packet/rubric.toml").read_text())
    labels = {level["score"]: level["label"] for level in rubric["levels"]}
    checked = 0
    for number, page in enumerate(reader.pages):
        boxes = [a.get_object().get("/T") for a in page.get("/Annots") or ()]
        text = squash(pages[number].text(artifacts=False))
        for q in bank.questions:
            if f"{q.id}_hint-given" not in boxes:
                continue
            for score, anchor in q.anchors:
                assert squash(f"{score} {labels[score]} {anchor}") in text, (q.id, score)
            assert text.index(squash(q.anchors[-1][1])) < text.rindex("NOTES")
            checked += 1
    assert checked >= 4


@pytest.mark.parametrize("words", ["short", "long"])
def test_a_question_without_anchors_shows_a_short_scale_under_its_boxes(cli, tmp_path, words):
    """A question without anchors has the scale's own descriptions under its boxes, in the
    rows a question's anchors take, where each takes a line there and the question has a
    page of its own, in the DOCX and the PDF; a question with anchors keeps its own.
    Longer descriptions, and a compact packet, leave them to the guide's rating scale:
    repeated under every question, they took a quarter to half of each page from its notes,
    and a compact packet's questions went from two or three a page to one (a trial)."""
    import pypdf

    more = "" if words == "short" else " As thin as that across every part of the question."
    scale = [(1, "Poor", "Wrong or silent about it." + more)]
    scale += [(2, "Fair", "Right in outline but thin." + more)]
    scale.append((3, "Good", "Right and thorough with examples." + more))
    bank = tmp_path / "r.yaml"
    bank.write_text(
        "title: R\nrubric:\n"
        + "".join(f"  - {{score: {n}, label: {lab}, anchor: {text}}}\n" for n, lab, text in scale)
        + "questions:\n  - {id: plain, section: S, question: Plain one?, hint: H.}\n"
        "  - id: own\n    section: S\n    question: Own one?\n    hint: H.\n"
        "    anchors: {1: Says nothing of owning., 2: Some owning., 3: Owns it all.}\n",
        encoding="utf-8",
    )
    own = [(1, "Poor", "Says nothing of owning."), (2, "Fair", "Some owning.")]
    own.append((3, "Good", "Owns it all."))
    reminder = scale if words == "short" else []
    for compact in ([], ["--compact"]):
        for extra in ([], ["--format", "pdf"]):
            built = cli("packet", "--bank", bank, "--out", tmp_path, "--all", *compact, *extra)
            assert built.exit_code == 0, built.output
        name = "r-packet-all-compact" if compact else "r-packet-all"
        tables = rating_tables(docx_document(tmp_path / f"{name}.docx"))
        shown = [[[cell_text(c) for c in row.cells][:2] for row in t.rows[1:]] for t in tables]
        assert shown == [
            [[f"{score} {label}", text] for score, label, text in ([] if compact else reminder)],
            [[f"{score} {label}", text] for score, label, text in own],
        ]
        reader = pypdf.PdfReader(tmp_path / f"{name}.pdf")
        pages = pdf_pages(tmp_path / f"{name}.pdf")
        for qid, rows in (("plain", [] if compact else reminder), ("own", own)):
            (page,) = [
                squash(pages[n].text(artifacts=False))
                for n, p in enumerate(reader.pages)
                if f"{qid}_hint-given" in [a.get_object().get("/T") for a in p.get("/Annots") or ()]
            ]
            boxes = page.index(squash("Hint given"))
            for score, label, text in rows:
                assert boxes < page.index(squash(f"{score} {label} {text}")) < page.rindex("NOTES")
            if compact:  # under neither question (the guide's may end above them)
                after = page[page.find(squash("Plain one?")) :]
                assert all(squash(text) not in after for _, _, text in scale)
            elif qid == "own" or not rows:  # the guide's scale stands pages before
                assert squash(scale[0][2]) not in page


def test_the_grid_lists_the_questions_when_a_column_each_would_break_their_labels(cli, tmp_path):
    """A column per question while each holds its label ('Q10') on one line, else one
    column listing them per competency: in 15 columns LibreOffice stood 'Q10' a letter a
    line. The interview bank's 12 questions (--all) no longer fit across; 8 still do."""
    for args, across in ((["--all"], False), (["--count", "8"], True)):
        out = tmp_path / str(across)
        assert cli("packet", "--bank", BANK, "--out", out, *args).exit_code == 0
        (packet,) = out.iterdir()
        rows = grid(docx_document(packet), "Competencies")
        asked = packet_ids(docx_document(packet))
        if across:
            assert len(rows[0]) == len(asked) + 2 and rows[0][1] == "Q1"
        else:
            assert rows[0] == ["Competency", "Questions", "Count"]  # two "Questions" before
            listed = [label for row in rows[1:] for label in row[1].split(", ") if label]
            assert sorted(listed) == sorted(f"Q{n}" for n in range(1, len(asked) + 1))
    # the PDF packet decides by the same rule (it went across up to 16 columns)
    for args, across in ((["--all"], False), (["--count", "8"], True)):
        pdf = tmp_path / f"pdf-{across}"
        assert cli("packet", "--bank", BANK, "--out", pdf, *args, "--format", "pdf").exit_code == 0
        (packet,) = pdf.iterdir()
        first = pdf_pages(packet)[0].text()
        assert ("Competency Q1 Q" in " ".join(first.split())) is across
        assert ("Q9, Q10" in first) is not across
        if across:  # a mark a reader sees: a trial saw the cell's bullet as barely a dot
            chars = pdf_pages(packet)[0].chars
            marks = [c for c in chars if c.text == "\u2022"]
            label = chars["".join(c.text for c in chars).index("Competency")]
            assert marks and min(c.size for c in marks) >= 2.5 * label.size
        # each competency with what it means, as in the DOCX's grid
        opening = squash(" ".join(page.text() for page in pdf_pages(packet)[:2]))
        for competency in load_bank(BANK).competencies:
            assert squash(f"{competency.name} {competency.description}") in opening


@pytest.mark.parametrize(
    ("spread", "expected"),
    [
        # 8 questions over 2 competencies: 4 each is the even share, no flag (it said
        # 'Covered 4 times' of every competency, a panel qbank itself dealt)
        ({"a": 4, "b": 4}, {"a": "Covered (4)", "b": "Covered (4)"}),
        # the bank's other questions were all asked: nothing the coordinator could ask
        # instead, so no flag (it said 'past its share' of a panel of the whole bank)
        ({"a": 6, "b": 1, "c": 1}, {"a": "Covered (6)", "b": "Covered (1)", "c": "Covered (1)"}),
        # b and c have questions left to ask instead of a's
        (
            {"a": 6, "b": 3, "c": 3},
            {"a": "Covered (6): past its share", "b": "Covered (1)", "c": "Covered (1)"},
        ),
        # a weighs 3 of 5: its share of 8 questions is 5, and 6 is not past it
        (
            {"a": (6, 3), "b": 3, "c": 3},
            {"a": "Covered (6)", "b": "Covered (1)", "c": "Covered (1)"},
        ),
    ],
)
def test_the_coordinator_flags_a_competency_past_its_share(cli, tmp_path, spread, expected):
    """The flag says what the coordinator can act on: a competency asked past its share of
    the panel's questions by the bank's weights, where the bank has another competency's
    question to ask instead."""
    weights = {c: n[1] if isinstance(n, tuple) else 1 for c, n in spread.items()}
    spread = {c: n[0] if isinstance(n, tuple) else n for c, n in spread.items()}
    competencies = "".join(
        f"  - {{name: {c}, description: What {c} is., weight: {weights[c]}}}\n" for c in spread
    )
    questions = "".join(
        f"  - {{id: {c}{n}, section: S, competency: {c}, question: Q {c}{n}?, hint: H.}}\n"
        for c, count in spread.items()
        for n in range(count)
    )
    bank = tmp_path / "spread.yaml"
    bank.write_text(
        f"title: Spread\ncompetencies:\n{competencies}questions:\n{questions}", encoding="utf-8"
    )
    out = tmp_path / "out"
    # the bank whole, or 4 questions each (8): every a and one each of b and c
    chosen = (
        ["--all"]
        if sum(spread.values()) <= 8
        else ["--count", "4", *[f"--include=a{n}" for n in range(spread["a"])]]
    )
    result = cli("packet", "--bank", bank, "--out", out, *chosen, "--panel", "2")
    assert result.exit_code == 0, result.output
    (sheet,) = out.glob("*-panel.docx")
    document = docx_document(sheet)
    heading = next(p.text for p in document.paragraphs if p.text.startswith("The panel covers"))
    rows = grid(document, heading)
    assert {row[0]: row[-1] for row in rows[1:]} == {
        f"{c}{f' (weight {weights[c]})' if weights[c] > 1 else ''}\nWhat {c} is.": flag
        for c, flag in expected.items()
    }


def test_the_coordinator_is_not_told_of_a_share_the_bank_cannot_meet(cli, tmp_path):
    """A hiring manager's trial: 12 questions over 4 competencies, incidents weighing 3
    with 5 of them, all asked by a panel of three; the sheet said 'Covered (5): past its
    share' of an even 3, which the coordinator could do nothing about."""
    spread = {"incidents": (5, 3), "design": (3, 1), "people": (2, 1), "writing": (2, 1)}
    bank = tmp_path / "trial.yaml"
    bank.write_text(
        "title: Trial\ncompetencies:\n"
        + "".join(
            f"  - {{name: {c}, description: What {c} is., weight: {w}}}\n"
            for c, (_, w) in spread.items()
        )
        + "questions:\n"
        + "".join(
            f"  - {{id: {c}{n}, section: S, competency: {c}, question: Q {c}{n}?, hint: H.}}\n"
            for c, (count, _) in spread.items()
            for n in range(count)
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    panel = [f"--interviewer={who}" for who in ("Ann", "Ben", "Cy")]
    result = cli("packet", "--bank", bank, "--out", out, "--all", *panel)
    assert result.exit_code == 0, result.output
    (sheet,) = out.glob("*-panel.docx")
    document = docx_document(sheet)
    heading = next(p.text for p in document.paragraphs if p.text.startswith("The panel covers"))
    checks = {row[0].split("\n")[0]: row[-1] for row in grid(document, heading)[1:]}
    assert checks == {
        "incidents (weight 3)": "Covered (5)",
        "design": "Covered (3)",
        "people": "Covered (2)",
        "writing": "Covered (2)",
    }


def test_the_coordinators_sheet_shows_each_competencys_weight(cli, tmp_path):
    """The coordinator balances the panel: a competency that weighs 3 in the debrief's
    total showed as its name alone."""
    bank = tmp_path / "weights.yaml"
    bank.write_text(
        "title: Weights\ncompetencies:\n"
        "  - {name: incidents, description: Handles incidents., weight: 3}\n"
        "  - {name: design, description: Designs systems.}\n"
        "questions:\n"
        + "".join(
            f"  - {{id: {c}{n}, section: S, competency: {c}, question: Q {c}{n}?, hint: H.}}\n"
            for c in ("incidents", "design")
            for n in range(2)
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert cli("packet", "--bank", bank, "--out", out, "--all", "--panel", "2").exit_code == 0
    (sheet,) = out.glob("*-panel.docx")
    document = docx_document(sheet)
    heading = next(p.text for p in document.paragraphs if p.text.startswith("The panel covers"))
    assert [row[0] for row in grid(document, heading)[1:]] == [
        "incidents (weight 3)\nHandles incidents.",
        "design\nDesigns systems.",
    ]
    # a look copied before the key existed still builds a panel (the names alone)
    from qbank.paths import BUILTIN_TEMPLATES

    old = tmp_path / "old" / "packet"
    old.mkdir(parents=True)
    rubric = (BUILTIN_TEMPLATES / "packet" / "rubric.toml").read_text(encoding="utf-8")
    kept = [line for line in rubric.splitlines() if not line.startswith("competency_weighted")]
    (old / "rubric.toml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    again = tmp_path / "again"
    result = cli("packet", "--bank", bank, "--out", again, "--all", "--panel", "2",
                 "--templates", tmp_path / "old")  # fmt: skip
    assert result.exit_code == 0, result.output
    (sheet,) = again.glob("*-panel.docx")
    document = docx_document(sheet)
    names = [row[0].split("\n")[0] for row in grid(document, heading)[1:]]
    assert names == ["incidents", "design"]


def test_a_long_competency_name_stays_whole_in_both_grids(cli, tmp_path):
    """A German bank's "Bedrohungsmodellierungsk|ompetenz" broke in the grid's first
    column (28 % of the width) beside two wide question columns: the first column holds
    its longest word where the question columns leave room, in the DOCX and the PDF."""
    bank = tmp_path / "de.yaml"
    long = "Bedrohungsmodellierungskompetenz"
    bank.write_text(
        f"title: T\nlanguage: de\ncompetencies:\n  - {{name: {long}, description: "
        "Erkennt Angriffsflächen in Softwarearchitekturentwürfen.}\n"
        "  - {name: Reaktion, description: Reagiert.}\nquestions:\n"
        f"  - {{id: q1, section: S, question: Q1?, hint: h, competency: {long}}}\n"
        "  - {id: q2, section: S, question: Q2?, hint: h, competency: Reaktion}\n",
        encoding="utf-8",
    )
    for extra in ([], ["--format", "pdf"]):
        assert cli("packet", "--bank", bank, "--out", tmp_path, *extra).exit_code == 0
    lines = [line.text for line in pdf_pages(tmp_path / "de-packet.pdf")[0].text_lines()]
    assert long in lines and "Softwarearchitekturentwürfen." in " ".join(lines), lines
    rows = grid(docx_document(tmp_path / "de-packet.docx"), "Competencies")
    assert rows[1][0].startswith(long)
    table = next(
        t
        for t in docx_document(tmp_path / "de-packet.docx").tables
        if t.rows[0].cells[0].text == "Competency"
    )
    widths = [c.width for c in table.rows[0].cells]
    assert widths[0] > 0.3 * sum(widths)  # wider than the 28 % it had


def test_the_rating_scale_holds_a_translated_head_whole(cli, tmp_path):
    """A Spanish look's 'Puntuación' broke 'Puntua|ción' in the rating scale's first
    column, the theme's 9 % of the width: the score's and the label's columns hold their
    longest word, head included, in the DOCX and the PDF (a Spanish trial)."""
    look = own_look(tmp_path / "look", {"packet/rubric.toml": ('"Score"', '"Puntuación"')})
    bank = tmp_path / "es.yaml"
    bank.write_text("title: T\nquestions:\n  - {id: q, section: S, question: Q?, hint: h}\n")
    for extra in ([], ["--format", "pdf"]):
        built = cli("packet", "--bank", bank, "--out", tmp_path, "--templates", look, *extra)
        assert built.exit_code == 0, built.output
    pages = pdf_pages(tmp_path / "es-packet.pdf")
    (page,) = [p for p in pages if "Did not address the question" in p.text()]
    assert "Puntuación" in [word for line in page.text_lines() for word in line.text.split()]
    table = next(
        t
        for t in docx_document(tmp_path / "es-packet.docx").tables
        if t.rows[0].cells[0].text == "Puntuación"
    )
    widths = [c.width for c in table.rows[0].cells]
    assert widths[0] > 0.12 * sum(widths)  # wider than the 9 % it had


def test_a_short_interview_covers_the_weightiest_competency_it_can(cli, tmp_path):
    """Room for one of two competencies: the bank's weight 3 one, not the first listed (a
    trial's slot kept a weight 1 competency and dropped a weight 2 one)."""
    bank = tmp_path / "w.yaml"
    bank.write_text(
        "title: W\ncompetencies:\n  - {name: light, description: Light.}\n"
        "  - {name: heavy, description: Heavy., weight: 3}\nquestions:\n"
        "  - {id: a, section: One, question: A?, hint: A., competency: light, minutes: 10}\n"
        "  - {id: b, section: Two, question: B?, hint: B., competency: heavy, minutes: 10}\n",
        encoding="utf-8",
    )
    result = cli("packet", "--bank", bank, "--out", tmp_path, "--minutes", "15")
    assert result.exit_code == 0, result.output
    assert "This interview has no question on light:" in result.stderr
    assert "no question on heavy" not in result.stderr


def test_a_competency_whose_one_question_shares_a_section_leaves_that_section_to_it(cli, tmp_path):
    """alpha's one question is in X; beta has one in X and one in Y. Taking the weightier
    beta's X question first left alpha only X, and Y went unasked (a review of the weight
    rule): the hardest competency to place goes first, so both sections are asked."""
    bank = tmp_path / "p.yaml"
    bank.write_text(
        "title: P\ncompetencies:\n  - {name: alpha, description: A.}\n"
        "  - {name: beta, description: B., weight: 2}\nsections: [X, Y]\nquestions:\n"
        "  - {id: a-x, section: X, question: A?, hint: A., competency: alpha, minutes: 5}\n"
        "  - {id: b-x, section: X, question: B?, hint: B., competency: beta, minutes: 5}\n"
        "  - {id: b-y, section: Y, question: C?, hint: C., competency: beta, minutes: 6}\n",
        encoding="utf-8",
    )
    result = cli("packet", "--bank", bank, "--out", tmp_path, "--minutes", "16")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # every section and competency asked


def test_the_weightier_competency_is_covered_though_it_has_more_questions(cli, tmp_path):
    """Room for one of two competencies, the weight 3 one with two questions: fewest
    questions first took the weight 1 one's single question (a review of the order)."""
    bank = tmp_path / "w.yaml"
    bank.write_text(
        "title: W\ncompetencies:\n  - {name: light, description: Light.}\n"
        "  - {name: heavy, description: Heavy., weight: 3}\nquestions:\n"
        "  - {id: a, section: One, question: A?, hint: A., competency: light, minutes: 10}\n"
        "  - {id: b, section: Two, question: B?, hint: B., competency: heavy, minutes: 10}\n"
        "  - {id: c, section: Three, question: C?, hint: C., competency: heavy, minutes: 10}\n",
        encoding="utf-8",
    )
    result = cli("packet", "--bank", bank, "--out", tmp_path, "--minutes", "15")
    assert result.exit_code == 0, result.output
    assert "no question on light:" in result.stderr and "no question on heavy" not in result.stderr


def test_a_panel_too_short_for_every_competency_leaves_out_the_lightest(cli, tmp_path):
    """Two 12-minute interviews, 7 minutes each for questions, room for one competency
    each: the weight 2 ones, not the weight 1 one with the fewest questions (three
    12-minute interviews of a trial's SRE bank left out a weight 2 competency and covered
    a weight 1 one)."""
    bank = tmp_path / "w.yaml"
    bank.write_text(
        "title: W\ncompetencies:\n  - {name: light, description: Light.}\n"
        "  - {name: heavy, description: Heavy., weight: 2}\n"
        "  - {name: broad, description: Broad., weight: 2}\nquestions:\n"
        "  - {id: a, section: One, question: A?, hint: A., competency: light, minutes: 5}\n"
        + "".join(
            f"  - {{id: {c}{n}, section: Two, question: {c}{n}?, hint: H., "
            f"competency: {c}, minutes: 5}}\n"
            for c in ("heavy", "broad")
            for n in (1, 2)
        ),
        encoding="utf-8",
    )
    result = cli("packet", "--bank", bank, "--out", tmp_path, "--minutes", "12", "--panel", "2")
    assert result.exit_code == 0, result.output
    assert "no question on light:" in result.stderr
    assert "no question on heavy" not in result.stderr
    assert "no question on broad" not in result.stderr
    # the coordinator's sheet counts section One, which nobody asks, too: it left it out
    sheet = docx_document(tmp_path / "w-packet-12min-panel.docx")
    heading = next(p for p in sheet.paragraphs if p.text == "Questions per section")
    table = next(t for t in sheet.tables if t._tbl.getprevious() is heading._p)
    counts = [[c.text for c in row.cells] for row in table.rows[2:]]
    assert counts == [["One", "0", "0", "0"], ["Two", "1", "1", "2"]]
    # each packet's grid: the competency the other seat asks says so, by its number where
    # the seat has no name; the one the whole panel leaves out is 'not covered'
    for seat, other in ((1, 2), (2, 1)):
        rows = grid(docx_document(tmp_path / f"w-packet-12min-{seat}.docx"), "Competencies")
        said = {row[0].split("\n")[0]: row[-1] for row in rows[1:]}
        assert said.pop("light") == "not covered"
        assert sorted(said.values()) == ["1", f"asked by Interviewer {other}"], said
        # its head fits both a count and who asks: 'Count' stood over 'asked by …'
        assert rows[0][-1] == "Count, or who asks it"
    # a panel of names is said apart from the minutes ('--minutes 12 2 interviewers' ran on)
    bob = "Bob `B` Wolfeschlegelsteinhausen"
    ann = "Anne-Marie Okonkwo-Smith"
    names = ("--interviewer", ann, "--interviewer", bob)
    result = cli("packet", "--bank", bank, "--out", tmp_path / "named", "--minutes", "12", *names)
    assert result.exit_code == 0, result.output
    # a double-barrelled name stays whole in Bob's grid: its hyphens do not break (through
    # LibreOffice it broke 'asked by Anne-' 'Marie Okonkwo-' 'Smith'), read back as '-'
    document = docx_document(tmp_path / "named/w-packet-12min-bob-b-wolfeschlegelsteinhausen.docx")
    (cell,) = [c for c in document.tables[1].columns[-1].cells if "asked by" in c.text]
    assert cell.text == f"asked by {ann}"
    assert "-" not in text_of(cell._tc) and len(cell._tc.findall(f".//{W}noBreakHyphen")) == 2
    names += ("--format", "pdf")
    result = cli("packet", "--bank", bank, "--out", tmp_path / "named", "--minutes", "12", *names)
    assert result.stderr.startswith(
        f"{bank}: warning: --minutes 12, 2 interviewers (--interviewer given 2 times): This "
        "interview has no question on light:"
    ), result.stderr
    # a section none of the panel asks is said once, not once for each interviewer, as
    # '(interviewer 1)' when Anne-Marie was named
    assert result.stderr.count("No question from One fits") == 1, result.stderr
    assert "(interviewer" not in result.stderr
    # the fillable PDF's grid likewise, by the colleague's name as given (no code span),
    # its long word whole: the column widens for it (it broke in the count column's 16 %)
    texts = {}
    for seat, other in (("anne-marie-okonkwo-smith", bob), ("bob-b-wolfeschlegelsteinhausen", ann)):
        texts[seat] = text = pdf_text(tmp_path / f"named/w-packet-12min-{seat}.pdf")
        assert squash(f"asked by {other}") in squash(text)
        assert squash("Count, or who asks it") in squash(text)
        assert squash(text).count(squash("not covered")) == 1
    assert "Wolfeschlegelsteinhausen" in texts["anne-marie-okonkwo-smith"].split()
    assert {"Anne-Marie", "Okonkwo-Smith"} <= set(texts["bob-b-wolfeschlegelsteinhausen"].split())


def test_the_competency_grids_heads_keep_their_longest_word_whole(cli, tmp_path):
    """The competency grid's last column widened for the words of its cells, not its head's:
    a Polish look's 'Liczba lub przeprowadzający' over 'asked by Interviewer 2' broke
    'przeprowadz|ający', in LibreOffice and in the fillable PDF (on A4, the narrower). The
    coordinator's grid gave each interviewer a fixed share, too narrow for a name's word."""
    word = "przeprowadzający"
    look = own_look(
        tmp_path / "look",
        {"packet/rubric.toml": ('"Count, or who asks it"', f'"Liczba lub {word}"')},
    )
    bank = tmp_path / "c.yaml"
    text = (
        "title: C\ncompetencies:\n  - {name: one, description: One.}\n"
        "  - {name: two, description: Two.}\nquestions:\n"
        "  - {id: a, section: S, question: A?, hint: A., competency: one}\n"
        "  - {id: b, section: S, question: B?, hint: B., competency: two}\n"
    )
    bank.write_text(text, encoding="utf-8")
    given = ("--bank", bank, "--all", "--panel", "2", "--paper", "a4", "--templates", look)
    assert cli("packet", *given, "--out", tmp_path).exit_code == 0
    table = docx_document(tmp_path / "c-packet-all-1.docx").tables[1]
    assert table.rows[0].cells[-1].text == f"Liczba lub {word}"
    assert holds_head_word(table, -1, word)
    assert cli("packet", *given, "--format", "pdf", "--out", tmp_path).exit_code == 0
    assert word in pdf_text(tmp_path / "c-packet-all-1.pdf").split()
    # the coordinator's competency x interviewer grid: each name's column its longest word
    # ('Nowako|wski' broke in four columns of a tenth of A4, beside described competencies)
    seats = ("Ewa Kowalska", "Jan Nowakowski", "Anna Wiśniewska", "Piotr Zieliński")
    bank.write_text(text + text.split("questions:\n")[1].replace("id: ", "id: more-"), "utf-8")
    given = ("--bank", bank, "--all", "--paper", "a4")
    given += tuple(a for name in seats for a in ("--interviewer", name))
    assert cli("packet", *given, "--out", tmp_path / "sheet").exit_code == 0, given
    sheet = docx_document(tmp_path / "sheet" / "c-packet-all-panel.docx")
    (table,) = [t for t in sheet.tables if t.rows[0].cells[1].text == seats[0]]
    for column, name in enumerate(seats, start=1):
        assert holds_head_word(table, column, max(name.split(), key=len)), name


def holds_head_word(table, column: int, word: str) -> bool:
    """Whether `word` in a head cell's bold 9 points fits the table's `column` on one line,
    less the cell's margins (85 twips each side), in LibreOffice's DejaVu Sans, where
    installed."""
    from docx.oxml.ns import qn
    from reportlab.pdfbase.ttfonts import TTFont

    twips = int(table._tbl.tblGrid.findall(qn("w:gridCol"))[column].get(qn("w:w")))
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    if not dejavu.exists():
        return True
    return (twips - 2 * 85) / 20 >= TTFont("DejaVuSans-Bold", str(dejavu)).stringWidth(word, 9)


def test_a_short_panel_covers_a_light_competency_that_fits_beside_the_weighty(cli, tmp_path):
    """Two 15-minute interviews, 10 minutes each for questions: one covers the weight 3 and
    2 competencies with 3-minute questions, the other has room for the weight 1 one's
    8-minute question. Taking the weightiest first, both interviews took the short
    questions, and the light competency was left out, as it had not been before (a
    review)."""
    bank = tmp_path / "w.yaml"
    questions = [("c0", 3), ("c0", 3), ("c0", 3), ("c0", 15), ("c1", 8), ("c1", 15)]
    questions += [("c2", 3), ("c2", 8)]
    bank.write_text(
        "title: W\ncompetencies:\n  - {name: c0, description: C0., weight: 2}\n"
        "  - {name: c1, description: C1.}\n  - {name: c2, description: C2., weight: 3}\n"
        "questions:\n"
        + "".join(
            f"  - {{id: q{n}, section: S, question: Q{n}?, hint: H., competency: {c}, "
            f"minutes: {m}}}\n"
            for n, (c, m) in enumerate(questions)
        ),
        encoding="utf-8",
    )
    result = cli("packet", "--bank", bank, "--out", tmp_path, "--minutes", "15", "--panel", "2")
    assert result.exit_code == 0, result.output
    assert "no question on" not in result.stderr, result.stderr


def test_a_tall_grid_may_go_on_over_a_page_after_its_first_rows(cli, tmp_path):
    """Every row of the DOCX's competency grid was kept with the next: the bundled bank's
    eight described competencies made one block taller than a page, and LibreOffice pushed
    it, with the title page's summary, to page 3 (a visual review). The heading, its words,
    the head row and the first two rows stand together; the rows after may break, each
    under the head row again; the coordinator's sheet likewise."""
    assert cli("packet", "--out", tmp_path).exit_code == 0
    assert cli("packet", "--panel", "2", "--out", tmp_path).exit_code == 0
    for name, heading in (
        ("ai-cybersecurity-analyst-packet.docx", "Competencies"),
        ("ai-cybersecurity-analyst-packet-panel.docx", "Competencies covered"),
    ):
        body = docx_document(tmp_path / name).element.body
        children = list(body.iterchildren())
        at = next(n for n, c in enumerate(children) if c.tag == f"{W}p" and text_of(c) == heading)
        table = next(c for c in children[at:] if c.tag == f"{W}tbl")
        rows = list(table.iterchildren(f"{W}tr"))

        def keeps(p) -> bool:  # keep-with-next set, and not turned off (w:val="0")
            mark = p.find(f"{W}pPr/{W}keepNext")
            return mark is not None and mark.get(f"{W}val") not in ("0", "false")

        kept = [any(keeps(p) for p in r.iter(f"{W}p")) for r in rows]
        assert len(rows) == 9 and kept == [True, True] + [False] * 7, (name, kept)
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None  # repeated on each page
