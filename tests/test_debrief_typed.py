"""`qbank debrief` of DOCX packets as interviewers leave them in Word and LibreOffice: text
moved under Track Changes, words typed over a label or past the ruled lines, scores
written on the scorecard only; each read back from the debrief's CSV.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Sequence
from copy import deepcopy
from pathlib import Path

import docx
import pytest
from filling import Filled, fill, libreoffice_convert, question_ids
from helpers import FIXTURES
from lxml import etree
from readback import docx_text

from qbank.paths import BUILTIN_TEMPLATES

BANK = FIXTURES / "debrief-bank.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    """A packet of every question of the fixture bank."""
    from helpers import run_cli

    out = tmp_path_factory.mktemp("packet")
    result = run_cli("packet", "--bank", BANK, "--all", "--out", out)
    assert result.exit_code == 0, result.output
    return out / "debrief-bank-packet-all.docx"


def form(asks: list[str], notes: dict[str, str]) -> Filled:
    return Filled(
        header={"candidate": "Ada", "interviewer": "Grace", "interview-date": "2026-12-05"},
        scores={q: [3] for q in asks},
        notes=notes,
        recommendations=["yes"],
        evidence="solid",
    )


def edit(path: Path, change) -> Path:
    """`path` with `change(body)` made to its document.xml, saved in place."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    body = etree.fromstring(dict((i.filename, d) for i, d in entries)["word/document.xml"])
    change(body)
    xml = etree.tostring(body, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in entries:
            out.writestr(info.filename, xml if info.filename == "word/document.xml" else data)
    return path


def paragraph(body, text: str):
    return next(p for p in body.iter(f"{W}p") if "".join(p.itertext()) == text)


def run(text: str, tag: str = f"{W}t"):
    element = etree.Element(f"{W}r")
    t = etree.SubElement(element, tag)
    t.text = text
    t.set(XML_SPACE, "preserve")
    return element


def tracked(kind: str, *children):
    change = etree.Element(f"{W}{kind}", {f"{W}id": "1", f"{W}author": "Ann"})
    change.extend(children)
    return change


def debriefed(cli, packet: Path, out: Path) -> tuple[dict[str, dict[str, str]], str]:
    """The debrief's CSV rows by question id, and what the command printed."""
    result = cli("debrief", packet, "--bank", BANK, "--out", out)
    assert result.exit_code == 0, result.output
    (sheet,) = out.glob("*.csv")
    with sheet.open(encoding="utf-8-sig", newline="") as source:
        return {row["question_id"]: row for row in csv.DictReader(source)}, result.output


def test_text_moved_or_deleted_under_track_changes_is_read_where_it_stands(cli, blank, tmp_path):
    """Word keeps a move's old place as w:moveFrom around plain w:t (ECMA-376's example,
    and LibreOffice after a round trip): the moved line was read twice (a review)."""
    asks = question_ids(blank)
    notes = {asks[0]: "first line\nsecond line\nthird line"}
    packet = fill(blank, tmp_path / "filled.docx", form(asks, notes))

    def change(body):
        first, second, third = (paragraph(body, t) for t in notes[asks[0]].split("\n"))
        moved = second.find(f"{W}r")
        second.append(tracked("moveFrom", moved))  # its old place, as Word keeps it
        first.insert(1, tracked("moveTo", run("second line ")))
        gone = third.find(f"{W}r")
        third.append(tracked("del", gone))  # a deletion around w:t, not w:delText
        third.append(tracked("ins", run("third, retyped")))
        third.append(run(" and struck", f"{W}delText"))

    rows, _ = debriefed(cli, edit(packet, change), tmp_path / "out")
    assert rows[asks[0]]["notes"] == "second line first line\n\nthird, retyped"


def test_notes_typed_before_or_over_their_label_are_read(cli, blank, tmp_path):
    """A click at the start of the 'Notes' line types before the label, and a selected
    label is typed over: both notes were lost without a word (a review). What stands before
    the label is a note, and a label typed over is read as notes and said."""
    asks = question_ids(blank)
    notes = {q: "on the lines" for q in asks[:3]}
    packet = fill(blank, tmp_path / "filled.docx", form(asks, notes))

    def change(body):
        labels = [p for p in body.iter(f"{W}p") if "".join(p.itertext()) == "Notes"]
        labels[0].find(f"{W}r").addprevious(run("Typed before. "))
        labels[1].find(f"{W}r").addnext(run(": and after"))
        labels[1].find(f"{W}r").addprevious(run("Before "))
        for label in (labels[2], paragraph(body, "Key evidence for the debrief")):
            for old in label.findall(f"{W}r"):
                label.remove(old)
            label.append(run("Typed over the label."))

    rows, output = debriefed(cli, edit(packet, change), tmp_path / "out")
    assert [rows[q]["notes"] for q in asks[:4]] == [
        "Typed before.\non the lines",
        "Before and after\non the lines",
        "Typed over the label.\non the lines",
        "",
    ]
    (document,) = (tmp_path / "out").glob("*.docx")
    shown = [p.text for p in docx.Document(str(document)).tables[-2].rows[2].cells]
    assert shown[-1] == "Typed over the label.\nsolid"  # the key evidence
    said = [line for line in output.splitlines() if "typed over" in line]
    assert said == [
        f"{packet}: Q3: the label 'Notes' was typed over; what stands in its place is read "
        "as notes",
        f"{packet}: the label 'Key evidence for the debrief' was typed over; what stands in "
        "its place is read as key evidence",
    ]


def test_a_table_pasted_into_the_notes_is_read_a_row_a_line(cli, blank, tmp_path):
    """A table pasted from Excel into the notes came back a cell a line, 'Metric', 'Before',
    'After', '40' ... in one column (a panel trial): a row is a line, its cells apart by a
    tab as Excel copies them as text, a cell's paragraphs by a space, an empty cell kept."""
    asks = question_ids(blank)
    notes = {asks[0]: "Her numbers:\nafter the table"}
    packet = fill(blank, tmp_path / "filled.docx", form(asks, notes))
    cells = [[["Metric"], ["Before"], ["After"]], [["Pages", "a week"], [], ["12"]]]

    def change(body):
        table = etree.Element(f"{W}tbl")
        for row in cells:
            tr = etree.SubElement(table, f"{W}tr")
            for lines in row:
                tc = etree.SubElement(tr, f"{W}tc")
                for line in lines or [""]:
                    etree.SubElement(tc, f"{W}p").append(run(line))
        paragraph(body, "Her numbers:").addnext(table)

    rows, _ = debriefed(cli, edit(packet, change), tmp_path / "out")
    assert rows[asks[0]]["notes"] == (
        "Her numbers:\nMetric\tBefore\tAfter\nPages a week\t\t12\nafter the table"
    )
    assert rows[asks[1]]["notes"] == ""


def typed_past_the_lines(blank: Path, target: Path) -> Path:
    """`blank` filled in, its first question's notes typed on past the ruled lines."""
    asks = question_ids(blank)
    notes = {asks[0]: "first\n\nafter one empty line"}
    packet = fill(blank, target, form(asks, notes))

    def change(body):
        first = paragraph(body, "first")
        for _ in range(2):  # Shift+Enter twice
            first.append(etree.fromstring(f'<w:r xmlns:w="{W[1:-1]}"><w:br/></w:r>'))
        first.append(run("same paragraph"))
        last = paragraph(body, "after one empty line")
        while last.getnext() is not None and last.getnext().tag == f"{W}p":
            last = last.getnext()  # the area's last ruled line, or the block's end
        assert not "".join(last.itertext())
        for text in ("and on", "past the lines"):  # Enter at the end of the last line
            typed = deepcopy(last)
            typed.append(run(text))
            last.addnext(typed)

    return edit(packet, change)


SCORECARD = {"Q1": "four", "Q2": "Strong", "Q3": "5", "Q4": "3", "Q5": "3.5"}


def written_on_the_scorecard(blank: Path, target: Path) -> Path:
    """`blank` filled in but for three ratings, and SCORECARD written on its scorecard."""
    asks = question_ids(blank)
    filled = form(asks, {})
    for qid in (asks[0], asks[1], asks[4]):
        filled.scores.pop(qid)
    return on_the_scorecard(fill(blank, target, filled), SCORECARD)


def on_the_scorecard(packet: Path, written: dict[str, str]) -> Path:
    """`packet` with each text of `written` in the score cell of the scorecard's row that
    its key labels ('Q1'), before the cell's '/ 5'."""

    def change(body):
        for row in body.iter(f"{W}tr"):
            cells = row.findall(f"{W}tc")
            label = "".join(cells[0].itertext()) if len(cells) == 3 else ""
            if label in written:
                cells[2].find(f"{W}p").insert(1, run(written[label]))

    return edit(packet, change)


@pytest.fixture(scope="module")
def resaved(blank, tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """By name, a packet edited as typed_past_the_lines and written_on_the_scorecard make
    it, and the same saved again in LibreOffice: all saved in one conversion (its start-up
    is most of its time)."""
    folder = tmp_path_factory.mktemp("typed")
    packets = [
        typed_past_the_lines(blank, folder / "past-the-lines.docx"),
        written_on_the_scorecard(blank, folder / "scorecard.docx"),
    ]
    saved = libreoffice_convert(packets, folder / "lo", "docx", folder / "profile")
    return {p.name: (p, again) for p, again in zip(packets, saved, strict=True)}


def test_notes_typed_past_the_ruled_lines_keep_one_blank_line_before_them(
    cli, blank, resaved, tmp_path
):
    """Notes typed on past a notes area's last ruled line came back with a dozen blank
    lines in their middle, one per ruled line left empty (a trial): a run of empty ruled
    lines is one blank line; a blank line typed inside a paragraph stays as typed."""
    asks = question_ids(blank)
    # LibreOffice saves an empty run in each line left empty: the same lines are read
    for path in resaved["past-the-lines.docx"]:
        rows, _ = debriefed(cli, path, tmp_path / f"out-{path.parent.name}")
        assert rows[asks[0]]["notes"] == (
            "first\n\nsame paragraph\n\nafter one empty line\n\npast the lines\nand on"
        )


@pytest.mark.parametrize(
    ("to", "form"),
    [("odt", "an OpenDocument file (.odt)"), ("doc", "a Word 97-2003 document (.doc)")],
)
def test_a_packet_saved_as_odt_or_doc_is_told_to_be_saved_as_docx(cli, blank, tmp_path, to, form):
    """LibreOffice saves in its own format unless told otherwise: such a packet was 'not a
    Word document ... only packets made by `qbank packet`', and a .doc 'File is not a zip
    file' (a review)."""
    (saved,) = libreoffice_convert([blank], tmp_path, to, tmp_path / "profile")
    result = cli("debrief", saved, "--bank", BANK, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == (
        f"{saved}: the packet was saved as {form}, which the debrief cannot read; open it and "
        "save it as Word (.docx), then give that file\n"
    )


def test_a_score_written_on_the_scorecard_alone_is_read_and_said(cli, blank, resaved, tmp_path):
    """The DOCX packet says 'Copy each score from its question page' to its scorecard; a
    score written there but not ticked was read as unrated, and a scorecard that said
    otherwise than the box went unseen (a trial). Read after LibreOffice's round trip too,
    which keeps no content control's tag (the scorecard has none: its rows are read)."""
    asks = question_ids(blank)
    for path in resaved["scorecard.docx"]:
        rows, output = debriefed(cli, path, tmp_path / f"out-{path.parent.name}")
        assert [rows[q]["rating"] for q in asks] == ["4", "4", "3", "3", "unrated", "3"]
        said = [line for line in output.splitlines() if "scorecard" in line or "Q5" in line]
        assert said == [
            f"{path}: Q1: no rating ticked; the rating 4 is taken from the scorecard ('four')",
            f"{path}: Q2: no rating ticked; the rating 4 is taken from the scorecard ('Strong')",
            f"{path}: Q3: the ticked rating is 3, but the scorecard says 5; the ticked rating "
            "is counted",
            # one line: it was two, the scorecard's 'it is not read', then 'no rating ticked'
            # a half between two scores is told so, and what to do (a hiring manager's trial:
            # it was 'which is no score of the scale (1, 2, 3, 4, 5)')
            f"{path}: Q5: no rating ticked; the scorecard says '3.5', which lies between two "
            "scores of the scale (3 and 4); ask the interviewer which one they give, then tick "
            "it at Q5",
        ]


def scorecard_only(cli, blank: Path, tmp_path: Path, written: dict[str, str], unticked: int):
    """The packet filled in with its first `unticked` questions' boxes left alone and
    `written` on its scorecard, its debrief's CSV rows and what the command printed."""
    filled = form(question_ids(blank), {})
    for qid in question_ids(blank)[:unticked]:
        filled.scores.pop(qid)
    packet = on_the_scorecard(fill(blank, tmp_path / "p.docx", filled), written)
    return packet, *debriefed(cli, packet, tmp_path / "out")


def test_a_score_written_with_its_label_or_a_full_stop_is_read(cli, blank, tmp_path):
    """A coordinator's trial: '4 (Strong)', as the scale's table shows a score, and '4.' were
    told 'no score of the scale', which they are. A number with another level's label is
    none: which of the two was meant?"""
    asks = question_ids(blank)
    written = {"Q1": "4 (Strong)", "Q2": "4.", "Q3": "two - limited", "Q4": "4 - Solid"}
    # the label first, and a number below zero, which is none (a review)
    written |= {"Q5": "Strong (4)", "Q6": "Strong (-4)"}
    packet, rows, output = scorecard_only(cli, blank, tmp_path, written, unticked=6)
    assert [rows[q]["rating"] for q in asks[:6]] == ["4", "4", "2", "unrated", "4", "unrated"]
    # a score and a label that disagree are told so: '4 - Solid' was 'two scores of the
    # scale (4 and 3)', '4 (Solid)' 'no score of the scale' (a review)
    assert (
        f"{packet}: Q4: no rating ticked; the scorecard says '4 - Solid', but 4 is Strong and "
        "Solid is 3; ask the interviewer which one they give, then tick it at Q4\n"
    ) in output


def test_a_scorecard_as_a_panel_types_it_is_read_or_told_with_what_to_ask(cli, blank, tmp_path):
    """A panel's trial: '3 stars!', '3 stars (Solid)' and stars as a rating site shows them
    were no score, with nothing to ask, and '3 punto 5' (3.5, as an Italian says it) and
    Greenhouse's 'Strong Yes' too. Each is read, or told with what to ask; '3?' is asked,
    where reading it as 3 would take a guess for a score."""
    asks = question_ids(blank)
    written = {"Q1": "3 stars!", "Q2": "3 stars (Solid)", "Q3": "3 punto 5"}
    written |= {"Q4": "Strong Yes", "Q5": "3?", "Q6": "\u2605\u2605\u2605\u2606\u2606"}
    packet, rows, output = scorecard_only(cli, blank, tmp_path, written, unticked=6)
    assert [rows[q]["rating"] for q in asks] == ["3", "3", "unrated", "unrated", "unrated", "3"]
    assert [line for line in output.splitlines() if line.startswith(f"{packet}: Q")] == [
        f"{packet}: Q1: no rating ticked; the rating 3 is taken from the scorecard ('3 stars!')",
        f"{packet}: Q2: no rating ticked; the rating 3 is taken from the scorecard "
        "('3 stars (Solid)')",
        f"{packet}: Q6: no rating ticked; the rating 3 is taken from the scorecard "
        "('\u2605\u2605\u2605\u2606\u2606')",
        f"{packet}: Q3: no rating ticked; the scorecard says '3 punto 5', which lies between "
        "two scores of the scale (3 and 4); ask the interviewer which one they give, then tick "
        "it at Q3",
        f"{packet}: Q4: no rating ticked; the scorecard says 'Strong Yes', a recommendation, "
        "which is no score of the scale (1, 2, 3, 4, 5); ask the interviewer for the score on "
        "the scale, then tick it at Q4 and write it on the scorecard",
        f"{packet}: Q5: no rating ticked; the scorecard says '3?', 3 with a doubt ('?'); ask "
        "the interviewer whether they give 3, then tick it at Q5",
    ]
    # the sheet quotes what is not read, as typed
    assert [rows[q]["scorecard_unread"] for q in asks[2:5]] == ["3 punto 5", "Strong Yes", "3?"]


def test_a_score_changed_on_the_scorecard_is_read_as_it_is_now_and_told(cli, blank, tmp_path):
    """A review: '3 (was 4)' was no score, with nothing to ask, and a panel should know that a
    score was changed. The score now is read, and the change told, whatever is ticked; a
    tick of the score before the change is counted, and the interviewer asked."""
    asks = question_ids(blank)
    written = {"Q1": "3 (was 4)", "Q2": "3 (was 4)", "Q3": "2, previously 3", "Q4": "2 -> 3"}
    packet, rows, output = scorecard_only(cli, blank, tmp_path, written, unticked=1)
    assert [rows[q]["rating"] for q in asks[:4]] == ["3", "3", "3", "3"]  # 3 ticked but Q1
    assert [line for line in output.splitlines() if line.startswith(f"{packet}: Q")] == [
        f"{packet}: Q1: no rating ticked; the rating 3 is taken from the scorecard "
        "('3 (was 4)'), a rating changed from 4 to 3",
        f"{packet}: Q2: the scorecard says '3 (was 4)', a rating changed from 4 to 3, as ticked",
        f"{packet}: Q3: the ticked rating is 3, but the scorecard says '2, previously 3', a "
        "rating changed from 3 to 2; the ticked rating is counted; ask the interviewer whether "
        "they give 2",
        f"{packet}: Q4: the scorecard says '2 -> 3', a rating changed from 2 to 3, as ticked",
    ]


def test_a_chain_of_changes_is_told_as_its_last_change():
    """'3 -> 4 -> 5' was no score, with nothing to ask (a trial of a Hebrew panel): it is 5
    now, changed from 4, as '4 -> 5' is; the warning quotes the cell whole."""
    from qbank.debrief import validate
    from qbank.model import RubricLevel
    from qbank.paths import Templates
    from qbank.rubric import load_wording

    scale = tuple(RubricLevel(n, f"Level {n}", "") for n in range(1, 6))
    wording = load_wording(Templates())
    assert validate._revision("3 -> 4 -> 5", scale, wording) == ("5", "4")
    assert validate._revision("2 \u2192 3 \u2192 4.", scale, wording) == ("4", "3")
    assert validate._revision("3 (היה 4)", scale, wording) == ("3", "4")


def test_a_scorecard_other_than_the_tick_is_for_the_panels_discussion(cli, blank, tmp_path):
    """A hiring manager's trial: an interviewer ticked 4 at Q5, then wrote '3 (was 4)' on
    the scorecard; the command said to ask her whether she gives 3, but the committee's
    debrief showed '4 Excellent' and nothing to discuss. A scorecard whose score is other
    than the one box ticked is in the discussion, quoted as typed; one that agrees with the
    tick, or a range that holds it, is not."""
    asks = question_ids(blank)
    filled = form(asks, {})
    for qid, score in zip(asks, [4, 4, 3, 4, 3], strict=False):
        filled.scores[qid] = [score]
    written = {"Q1": "3 (was 4)", "Q2": "2", "Q3": "3", "Q4": "3-4", "Q5": "3 (was 4)"}
    packet = on_the_scorecard(fill(blank, tmp_path / "p.docx", filled), written)
    rows, _ = debriefed(cli, packet, tmp_path / "out")
    assert [rows[q]["rating"] for q in asks[:5]] == ["4", "4", "3", "4", "3"]  # as ticked
    # the sheet says it too, beside the tick, in a column of its own
    assert [rows[q]["scorecard_differs"] for q in asks[:5]] == ["3 (was 4)", "2", "", "", ""]
    assert [rows[q]["scorecard_unread"] for q in asks[:5]] == [""] * 5
    (debrief,) = (tmp_path / "out").glob("*.docx")
    shown = [p.text.removeprefix("\u2022\t") for p in docx.Document(str(debrief)).paragraphs]
    assert [text for text in shown if "the scorecard says" in text] == [
        "Q1 is counted as 4, as Grace ticked it, but the scorecard says '3 (was 4)'.",
        "Q2 is counted as 4, as Grace ticked it, but the scorecard says '2'.",
    ]


def test_a_score_out_of_the_scales_top_is_read_and_a_range_or_another_top_is_refused(
    cli, blank, tmp_path
):
    """A hiring manager's trial: '4 out of 5' on a scale of 1 to 5 was 'no score of the
    scale', and a range ('3-4', 'Solid to Strong') was told so too, never that it is two
    scores of which the interviewer should choose one. Out of another top ('8 out of 10',
    '2/10') is no score of this scale, and said so; '4/5.' was read as a range of 4 and 5."""
    asks = question_ids(blank)
    written = {
        "Q1": "4 out of 5",
        "Q2": "3-4 out of 5",
        "Q3": "Solid to Strong",
        "Q4": "8/10",
    }
    written |= {"Q5": "4/5.", "Q6": "2/10"}
    packet, rows, output = scorecard_only(cli, blank, tmp_path, written, unticked=5)
    assert [rows[q]["rating"] for q in asks] == ["4", "unrated", "unrated", "unrated", "4", "3"]
    # the sheet quotes what the discussion quotes: it said 'unrated' alone
    assert [rows[q]["scorecard_unread"] for q in asks] == (
        # '8/10' guarded as the bank's sheet guards it: a spreadsheet read it as 10 August
        ["", "3-4 out of 5", "Solid to Strong", "'8/10", "", ""]
    )
    from qbank.debrief.spreadsheet import _scorecard_cell

    # Excel reads '3-4' as 4 March, where LibreOffice keeps it: guarded too (a review)
    assert [
        _scorecard_cell(t)
        for t in ("3-4", "3 - 4", "1-2-26", "3/4", "1.2.26", "=1", "3.5", "3-4 out of 5")
    ] == (["'3-4", "'3 - 4", "'1-2-26", "'3/4", "'1.2.26", "'=1", "3.5", "3-4 out of 5"])
    assert [line for line in output.splitlines() if "scorecard" in line] == [
        # quoted as typed (a review: said '4' alone, or not quoted at all)
        f"{packet}: Q1: no rating ticked; the rating 4 is taken from the scorecard ('4 out of 5')",
        f"{packet}: Q5: no rating ticked; the rating 4 is taken from the scorecard ('4/5.')",
        f"{packet}: Q6: the scorecard says '2/10', a score out of 10, which is no score of the "
        "scale (1, 2, 3, 4, 5); it is not read",
        f"{packet}: Q2: no rating ticked; the scorecard says '3-4 out of 5', two scores of "
        "the scale (3 and 4), not one; ask the interviewer which one they give, then tick it "
        "at Q2",
        f"{packet}: Q3: no rating ticked; the scorecard says 'Solid to Strong', two scores of "
        "the scale (3 and 4), not one; ask the interviewer which one they give, then tick it "
        "at Q3",
        f"{packet}: Q4: no rating ticked; the scorecard says '8/10', a score out of 10, "
        "which is no score of the scale (1, 2, 3, 4, 5); ask the interviewer for the score "
        "on the scale, then tick it at Q4 and write it on the scorecard",
    ]
    # the committee's discussion quotes it: it said 'Q2 has no rating from Grace.' alone
    (debrief,) = (tmp_path / "out").glob("*.docx")
    shown = [p.text.removeprefix("\u2022\t") for p in docx.Document(str(debrief)).paragraphs]
    flags = [text for text in shown if "no rating" in text]
    assert flags == [
        "Q2 has no rating from Grace; the scorecard says '3-4 out of 5'.",
        "Q3 has no rating from Grace; the scorecard says 'Solid to Strong'.",
        "Q4 has no rating from Grace; the scorecard says '8/10'.",
    ]
    # a look translated before flag_unread says its own flag_unanswered: it had the English
    # words among German ones (a review)
    words = (BUILTIN_TEMPLATES / "packet" / "debrief.toml").read_text(encoding="utf-8")
    words = re.sub(r"(?m)^flag_unread = .*\n", "", words).replace(
        '"{label} has no rating from {who}."', '"{label} hat keine Bewertung von {who}."'
    )
    (tmp_path / "de" / "packet").mkdir(parents=True)
    (tmp_path / "de" / "packet" / "debrief.toml").write_text(words, encoding="utf-8")
    args = ("--templates", tmp_path / "de", "--out", tmp_path / "de-out")
    assert cli("debrief", packet, "--bank", BANK, *args).exit_code == 0
    (debrief,) = (tmp_path / "de-out").glob("*.docx")
    shown = [p.text.removeprefix("\u2022\t") for p in docx.Document(str(debrief)).paragraphs]
    assert [text for text in shown if "Grace" in text and "Q2" in text] == [
        "Q2 hat keine Bewertung von Grace."
    ]


def test_a_tick_as_the_scorecards_advice_says_clears_its_warning(cli, blank, tmp_path):
    """A review: with '3-4' written and nothing ticked, the debrief said 'ask the
    interviewer which one they give, and tick it'; with 4 ticked, the same row was 'two
    scores ...; it is not read', which --strict fails on still. A tick of one of the two
    scores written ('3-4', '3.5') is the interviewer's choice, and counts without a word;
    one of neither, or beside another top's score, is still said."""
    asks = question_ids(blank)
    filled = form(asks, {})
    for qid, score in zip(asks, [4, 3, 2, 4, 4, 3], strict=False):
        filled.scores[qid] = [score]
    written = {"Q1": "3-4", "Q2": "3.5", "Q3": "3-4", "Q4": "8 out of 10", "Q5": "2 out of 5"}
    written["Q6"] = "4 (Solid)"  # 3 ticked: the label's score
    packet = on_the_scorecard(fill(blank, tmp_path / "p.docx", filled), written)
    rows, output = debriefed(cli, packet, tmp_path / "out")
    assert [rows[q]["rating"] for q in asks] == ["4", "3", "2", "4", "4", "3"]
    assert [line for line in output.splitlines() if line.startswith(f"{packet}: Q")] == [
        f"{packet}: Q3: the scorecard says '3-4', two scores of the scale (3 and 4), not one; "
        "it is not read",
        f"{packet}: Q4: the scorecard says '8 out of 10', a score out of 10, which is no score "
        "of the scale (1, 2, 3, 4, 5); it is not read",
        # as typed: it was 'the scorecard says 2', the '2 out of 5' it was read from unsaid
        f"{packet}: Q5: the ticked rating is 4, but the scorecard says '2 out of 5'; the "
        "ticked rating is counted",
    ]


def test_two_boxes_ticked_are_said_with_what_the_scorecard_says(cli, blank, tmp_path):
    """A coordinator's trial: 3 and 4 ticked and '3.5' written, the interviewer between
    two, was told in two lines, 'the scorecard says '3.5' ... it is not read' and '3 and 4
    are both ticked'; and a scorecard's 4 beside them went unsaid."""
    asks = question_ids(blank)
    filled = form(asks, {})
    filled.scores[asks[0]] = filled.scores[asks[1]] = [3, 4]
    packet = on_the_scorecard(fill(blank, tmp_path / "p.docx", filled), {"Q1": "3.5", "Q2": "4"})
    rows, output = debriefed(cli, packet, tmp_path / "out")
    assert [rows[q]["rating"] for q in asks[:2]] == ["3 + 4", "3 + 4"]  # as before
    assert [line for line in output.splitlines() if "Q1" in line or "Q2" in line] == [
        f"{packet}: Q1: 3 and 4 are both ticked, and the scorecard says '3.5', which lies "
        "between two scores of the scale (3 and 4); the rating is not counted",
        f"{packet}: Q2: 3 and 4 are both ticked, and the scorecard says '4'; the rating is "
        "not counted",
    ]


def test_a_scorecard_row_copied_or_of_another_question_spoils_only_its_own(cli, blank, tmp_path):
    """A hostile trial: one row copied into the scorecard (one more than its questions) had
    the whole scorecard passed over without a word. Each row is read by its label: a label
    written twice is read for neither, one of no question the packet asks is named."""
    import copy

    asks = question_ids(blank)
    filled = form(asks, {})
    for qid in (asks[0], asks[1]):
        filled.scores.pop(qid)
    packet = fill(blank, tmp_path / "filled.docx", filled)
    written = {"Q1": "4", "Q2": "2"}

    def change(body):
        rows = [r for r in body.iter(f"{W}tr") if len(r.findall(f"{W}tc")) == 3]
        card = [r for r in rows if "".join(r.findall(f"{W}tc")[0].itertext()) in written]
        for row in card:
            label = "".join(row.findall(f"{W}tc")[0].itertext())
            row.findall(f"{W}tc")[2].find(f"{W}p").insert(1, run(written[label]))
        twice, stray = copy.deepcopy(card[1]), copy.deepcopy(card[1])
        card[1].addnext(twice)  # Q2 twice
        label = stray.findall(f"{W}tc")[0].find(f".//{W}t")
        label.text = "Q40"
        card[1].addnext(stray)

    edit(packet, change)
    rows, output = debriefed(cli, packet, tmp_path / "out")
    assert [rows[q]["rating"] for q in asks[:2]] == ["4", "unrated"]
    said = [
        line
        for line in output.splitlines()
        if line.startswith(f"{packet}: ") and "scorecard" in line.removeprefix(str(packet))
    ]
    assert said == [
        f"{packet}: the scorecard has rows for Q40, which this packet does not ask; they are "
        "not read",
        f"{packet}: Q1: no rating ticked; the rating 4 is taken from the scorecard",
        f"{packet}: Q2: the scorecard has 2 rows for Q2; none of them is read",
    ]


def test_words_typed_before_a_looks_own_label_are_told_from_it(cli, tmp_path):
    """A packet built with a look of its own records its labels: what is typed before the
    key evidence's own label ('Belege', read without that look) is the evidence, not the
    label typed over."""
    from qbank.paths import BUILTIN_TEMPLATES

    rubric = (BUILTIN_TEMPLATES / "packet" / "rubric.toml").read_text(encoding="utf-8")
    look = tmp_path / "look" / "packet"
    look.mkdir(parents=True)
    (look / "rubric.toml").write_text(
        rubric.replace('"Key evidence for the debrief"', '"Belege"'), encoding="utf-8"
    )
    args = ("--all", "--templates", look.parent, "--out", tmp_path)
    assert cli("packet", "--bank", BANK, *args).exit_code == 0
    blank = tmp_path / "debrief-bank-packet-all.docx"
    packet = fill(
        blank, tmp_path / "filled.docx", form(question_ids(blank), {}), ("Notes", "Belege")
    )

    def change(body):
        paragraph(body, "Belege").find(f"{W}r").addprevious(run("Strong hire. "))

    rows, output = debriefed(cli, edit(packet, change), tmp_path / "out")
    assert "typed over" not in output
    (document,) = (tmp_path / "out").glob("*.docx")
    shown = [p.text for p in docx.Document(str(document)).tables[-2].rows[2].cells]
    assert shown[-1] == "Strong hire.\nsolid"


def test_a_packet_in_a_looks_own_language_says_its_date_and_reads_its_number_words(cli, tmp_path):
    """The packet wrote the bank's facts-checked date as ISO (2026-12-05) and the debrief
    read a score written in words on the scorecard in English only ('four'), whatever the
    look: a German look's [dates] and [numbers] say 'am 5. Dezember 2026' and read 'vier'.
    Its question labels are F1, F2 ... (question_label), and the debrief reads the
    scorecard's row F1 as Q1's. A look from before them writes ISO, reads English and
    labels Q1, as the built-in look does. A question left unrated is told by that label
    too: 'Q4: no rating ticked' stood beside the debrief's P4 in a Polish look."""
    bank = tmp_path / "debrief-bank.yaml"
    text = BANK.read_text(encoding="utf-8")
    bank.write_text(text.replace("\nrole:", "\nreviewed: 2026-12-05\nrole:", 1), encoding="utf-8")
    rubric = (BUILTIN_TEMPLATES / "packet" / "rubric.toml").read_text(encoding="utf-8")
    german = (
        rubric.replace('format = "{year}-{mm}-{dd}"', 'format = "{day}. {month} {year}"')
        .replace('"November", "December"', '"November", "Dezember"')
        .replace('"three", "four", "five"', '"drei", "vier", "fünf"')
        .replace('"Facts checked {date}"', '"Fakten geprüft am {date}"')
        .replace('question_label = "Q"', 'question_label = "F"')
    )
    start = rubric.index("# How the packet writes a date")
    older = rubric[:start] + rubric[rubric.index("# Labels on the pages.") :]
    older = re.sub(r"(?m)^question_label = .*\n", "", older)
    for name, words, said, label, written, score in (
        ("de", german, "Fakten geprüft am 5. Dezember 2026", "F", "Vier", "4"),
        ("older", older, "Facts checked 2026-12-05", "Q", "five", "5"),
    ):
        look = tmp_path / name / "look"
        (look / "packet").mkdir(parents=True)
        (look / "packet" / "rubric.toml").write_text(words, encoding="utf-8")
        out = tmp_path / name / "out"
        result = cli("packet", "--bank", bank, "--all", "--templates", look, "--out", out)
        assert result.exit_code == 0, result.output
        (blank,) = out.glob("*.docx")
        paragraphs = [p.text for p in docx.Document(blank).paragraphs]
        assert said in paragraphs and f"{label}1\t" in " ".join(paragraphs)
        asks = question_ids(blank)
        filled = form(asks, {})
        filled.scores.pop(asks[0])
        filled.scores.pop(asks[1])  # left unrated, its label the look's too (a panel trial)
        packet = fill(blank, tmp_path / name / "filled.docx", filled)

        def change(body, written=written, label=label):
            for row in body.iter(f"{W}tr"):  # the scorecard's: three cells
                cells = row.findall(f"{W}tc")
                if len(cells) == 3 and "".join(cells[0].itertext()) == f"{label}1":
                    cells[2].find(f"{W}p").insert(1, run(written))

        edit(packet, change)
        args = ("--bank", bank, "--templates", look, "--out", tmp_path / name / "debrief")
        result = cli("debrief", packet, *args)
        assert result.exit_code == 0, result.output
        assert f"filled.docx: {label}1: no rating ticked; the rating {score} is taken from " in (
            result.output  # the look's word, as the scorecard's row (a review: 'Q1')
        )
        assert f"the rating {score} is taken from the scorecard ('{written}')" in result.output
        assert f"filled.docx: {label}2: no rating ticked; ask " in result.output
        assert f"for the score, then tick it at {label}2\n" in result.output
        (debrief,) = (tmp_path / name / "debrief").glob("*.docx")
        assert f"{label}1\t" in " ".join(p.text for p in docx.Document(debrief).paragraphs)
        # and the CSV's question column says it as the debrief does (it said Q1 beside F1)
        (sheet,) = (tmp_path / name / "debrief").glob("*.csv")
        with sheet.open(encoding="utf-8-sig", newline="") as source:
            labels = {row["question_id"]: row["question"] for row in csv.DictReader(source)}
        assert labels[asks[0]] == f"{label}1"
        # the interview's date as the look writes one (it was ISO in a German debrief)
        day = said.removeprefix("Fakten geprüft am ").removeprefix("Facts checked ")
        assert day in docx_text(debrief), docx_text(debrief)


def test_a_long_scorecard_cell_is_read_in_time_its_length_alone(monkeypatch):
    """A hostile trial: a cell of 'a - ' 8,000 times was tried as a range at each of its
    dashes, both halves read again each time (13 s; 128,000 characters 130 s). A cell
    longer than two scores with their labels is no range: its score is read at most twice."""
    from qbank.debrief import validate
    from qbank.paths import Templates
    from qbank.rubric import load_wording

    wording = load_wording(Templates())
    reads = []
    read = validate._score_written
    monkeypatch.setattr(validate, "_score_written", lambda *args: reads.append(1) or read(*args))
    why, *_ = validate._no_score("a - " * 8000, wording.levels, wording)
    assert why.startswith(", which is no score of the scale") and len(reads) <= 2
    # nor is it a score changed, one inside another (a recursion without end)
    assert validate._score_written("a - was " * 2000, wording.levels, wording) is None
    # a range as short as a score's label still is one
    assert validate._no_score("No evidence - Limited", wording.levels, wording)[0] == (
        ", two scores of the scale (1 and 2), not one"
    )


@pytest.mark.parametrize(
    ("written", "why"),
    [
        # a review: told 'two scores of the scale (2 and 5)'
        ("2 / 5", ", a score out of 5, which is no score of the scale (1, 2, ..., 10)"),
        ("2/5.", ", a score out of 5, which is no score of the scale (1, 2, ..., 10)"),
        # most likely 4 out of 5: it was told as a range, and a tick of 4 (where 8 was meant)
        # then counted without a word
        ("4/5", ", a score out of 5, which is no score of the scale (1, 2, ..., 10)"),
        ("4 / 5", ", a score out of 5, which is no score of the scale (1, 2, ..., 10)"),
        ("7/8", ", two scores of the scale (7 and 8), not one"),  # neighbours: a range
        ("2 - 5", ", two scores of the scale (2 and 5), not one"),
    ],
)
def test_a_score_out_of_another_top_on_a_scale_of_ten_is_told_as_such(written, why):
    from qbank.debrief import validate
    from qbank.model import RubricLevel
    from qbank.paths import Templates
    from qbank.rubric import load_wording

    wording = load_wording(Templates())
    ten = tuple(RubricLevel(n, f"Level {n}", "") for n in range(1, 11))
    told, _, choices = validate._no_score(written, ten, wording)
    assert told.replace("3, 4, 5, 6, 7, 8, 9", "...") == why
    assert bool(choices) == ("two scores" in why)  # a tick of one of a range's counts


@pytest.mark.parametrize(
    ("cell", "read"),
    # a scale of grades: 'B+' was read as B (2), '3 (B+)' as no score, 'A+' as A (4)
    [("B+", 3), ("A+", 5), ("3 (B+)", 3), ("b+.", 3), ("C+", 1), ("B", 2), ("A", 4)],
)
def test_a_plus_of_a_scales_own_label_is_that_label(cell, read):
    assert read_or_told(cell, labels=("C", "B", "B+", "A", "A+")) == read


def test_a_slash_between_neighbours_on_a_scale_of_seven_is_a_range():
    """'4/5' is a score out of 5 on a scale of 1 to 10 alone: on 1 to 7 it is 4 or 5 (it was
    told as a score out of 5)."""
    assert read_or_told("4/5", top=7) == (
        ", two scores of the scale (4 and 5), not one",
        ASK_CHOICE,
    )


def read_or_told(cell: str, top: int = 5, labels: Sequence[str] = ()) -> int | tuple[str, str]:
    """What the debrief makes of a scorecard's cell on a scale of 1 to `top` (its levels
    'Level 1' and on, or `labels`): the score it reads, or why it is none and what to ask
    the interviewer."""
    from qbank.debrief import validate
    from qbank.model import RubricLevel
    from qbank.paths import Templates
    from qbank.rubric import load_wording

    wording = load_wording(Templates())
    labels = labels or [f"Level {n}" for n in range(1, top + 1)]
    scale = tuple(RubricLevel(n, label, "") for n, label in enumerate(labels, 1))
    written = validate._written_score(cell, scale, wording)
    score = validate._score_written(written, scale, wording)
    return score if score is not None else validate._no_score(written, scale, wording)[:2]


ASK_SCORE = "ask the interviewer for the score on the scale"
ASK_CHOICE = "ask the interviewer which one they give"
NO_SCORE = "which is no score of the scale (1, 2, 3, 4, 5)"
RANGES = ["3 bis 4", "3 oder 4", "3 à 4", "3 ou 4", "3 a 4", "3 o 4", "3 ó 4", "3 tot 4"]
RANGES += ["3 till 4", "3 eller 4", "3 lub 4", "3 až 4", "3 или 4", "3 ДО 4", "3 або 4"]
RANGES += ["Level 3 bis level 4"]
# two scores with an 'and' between, which was no score with nothing to ask
RANGES += ["3 und 4", "3 and 4", "Level 3 and Level 4", "3 et 4", "3 y 4", "3 en 4", "3 и 4"]
BETWEEN_3_4 = ", which lies between two scores of the scale (3 and 4)"
# 3.5 in words, as a panel says it: '3 punto 5' was no score, with nothing to ask
HALVES = ["3 punto 5", "3 virgola 5", "3 punto 5 su 5", "3 Komma 5", "3 point 5", "3 virgule 5"]
HALVES += ["3 coma 5", "3 e mezzo", "3 and a half", "3 et demi", "3 y medio", "3 einhalb"]
HALVES += ["3,5/5", "\u2605\u2605\u2605\u00bd", "\u2605\u2605\u2605\u00bd\u2606 "]
DOUBTS = [("3?", "?"), ("3 (?)", "?"), ("~3", "~"), ("3ish", "ish"), ("3 (maybe)", "maybe")]
DOUBTS += [
    ("approx. 3", "approx"),
    ("Level 3?", "?"),
    ("3 - Meets?", "?"),
    ("3 vielleicht", "vielleicht"),
    # ... in Hebrew and Arabic: it was no score, with nothing to ask (a trial)
    ("3 (אולי)", "אולי"),
    ("ربما 3", "ربما"),
    # a score left to settle, as a panel writes it: '3 - TBD' was read as 3, unasked (a review)
    ("3 - TBD", "TBD"),
    ("3 (tentative)", "tentative"),
    ("3 (pending)", "pending"),
    ("3, provisional", "provisional"),
    ("3 à confirmer", "à confirmer"),
    ("3 vorläufig", "vorläufig"),
    ("3 - not asked", "not asked"),
    ("3 (skipped)", "skipped"),
    # no score before it: no change, and a doubt
    ("3 (was unsure)", "unsure"),
    # ... in Japanese, Chinese and Korean, the word joined to the score as they write it:
    # it was no score, with nothing to ask
    ("たぶん3", "たぶん"),
    ("３点（多分）", "多分"),
    ("大概3分", "大概"),
    ("아마 3점", "아마"),
]
GIVEN_BY = [("3 (from Grace)", "from Grace"), ("3, laut Anna", "laut Anna")]
GIVEN_BY += [("Level 3 - same as Bob", "same as Bob"), ("3 (לפי דנה)", "לפי דנה")]
# a name that is a word of 'my' in another language ('ma', 'mi'): it was read as 3, unasked
GIVEN_BY += [("3 (from Ma)", "from Ma"), ("3 (per Mi)", "per Mi")]


@pytest.mark.parametrize(
    "cell",
    # interviewers type in their own language, whatever the bank's: each was 'no score of
    # the scale (1, 2, 3, 4, 5)', with nothing to ask
    ["4 von 5", "4 sur 5", "4 de 5", "4 sobre 5", "4 su 5", "4 van 5", "4 uit 5", "4 op 5"]
    + ["4 z 5", "4 ИЗ 5", "4 з 5", "4 av 5", "4 ud af 5", "4 Out Of 5", "4 of 5"]
    + ["4 מתוך 5", "4 من 5", "٤ من ٥", "٤/٥", "۴ از ۵"]
    # a rater who gives halves writes the whole ones so: they were no score, nothing to ask
    + ["4.0", "4,0 von 5", "4.00/5"]
    # a plus is the score's shade, as a dash is ('4-'): they were no score, nothing to ask
    + ["4+", "Level 4+", "4 + / 5"]
    # the top in the look's words, as the score may be: it was no score, nothing to ask
    + ["four out of five", "4 of Five."]
    # the top between the score and its label: no score with nothing to ask, and 'Level 4
    # (4/5)' a range, 4 and 5
    + ["4/5 (Level 4)", "Level 4 (4/5)", "4 von 5 - Level 4", "four out of five: Level 4"]
    # what is scored after the top: no score, with nothing to ask
    + ["4 out of 5 stars", "4/5 Points.", "4 von 5 Sternen", "4 sur 5 étoiles"]
    # ... and after a score with no top, and Hebrew's 'of' joined to the top: no score,
    # with nothing to ask
    + ["4 stars", "four Stars.", "4 Sterne", "4 Punkte", "4 étoiles", "4 puntos", "4 ster"]
    + ["4 מ-5", "4 מ\u05be5"]
    # a cry after the score, and what is scored before its label: no score, nothing to ask
    + ["4 stars!", "4 stars (Level 4)", "4 Stars (Level 4).", "4!", "Level 4!", "four!"]
    + ["4/5 stars!", "4 out of 5!", "4 pts", "4 Pkt."]
    # stars as a rating site shows them, filled first: no score, with nothing to ask
    + ["\u2605\u2605\u2605\u2605\u2606", "\u2605\u2605\u2605\u2605", "\u2b50\ufe0f" * 4]
    + ["4 \u2605", "\u2605\u2605\u2605\u2605\u2606 (4/5)", "4 (4/5)"]
    # a score with another scale's words for it, as Workday writes a level: no score
    + ["4 - Meets", "4 \u2013 Exceeds Expectations", "4 (Meets expectations)", "4: Meets"]
    # a score changed, with the one it replaced: '4 (was 3)' was no score, nothing to ask
    + ["4 (was 3)", "4, previously 5", "4 - vorher 3", "4 (changed from 3)", "4 [was: 5]."]
    + ["3 -> 4", "3 \u2192 4", "4 (était 5)", "4 (antes 3)", "4/5 (was 3/5)", "4 (was 3.5)"]
    + ["Level 4 (was Level 3)", "four (previously three)"]
    # a chain of changes, and a change in Hebrew's or Arabic's words, as a panel in Tel Aviv
    # or Cairo writes it: they were no score, with nothing to ask (a trial)
    + ["2 -> 3 -> 4", "3 \u2192 5 \u2192 4.", "4 (היה 3)", "4 (במקום 5)", "4 - קודם 3"]
    + ["4 (كان 3)", "4 (سابقاً 5)", "4، بدلا من 3"]
    # full-width, as a Japanese keyboard types it, and what is scored joined to the score,
    # as Japanese and Chinese write it: no score, with nothing to ask (h40a's trial)
    + ["４", "4点", "４点", "４／５", "４点（Level 4）", "４。", "4分"]
    # the top first, as Japanese and Korean say a score out of one: no score, nothing to ask
    + [
        "5点中4点",
        "５点中４点",
        "5点満点中4点",
        "５点満点で４点",
        "4점",
        "5점 만점에 4점",
        "5점 중 4점",
    ],
)
def test_a_score_as_interviewers_write_it_in_their_language_is_read(cell):
    assert read_or_told(cell) == 4


@pytest.mark.parametrize(
    ("cell", "told"),
    [
        ("4 (per my notes)", 4),
        ("4 (from memory)", 4),
        ("4 - from the take-home", 4),
        ("4 (selon moi)", 4),
        ("4 (לפי דעתי)", 4),
        ("4 (حسب رأيي)", 4),
        # ... in capitals too, but 'Ma' and 'Mi', which are names as well (h42g's review)
        ("4 (From Me)", 4),
        ("4 (selon Moi)", 4),
        ("4 (from Myself)", 4),
        ("4/5 from me", (", which is no score of the scale (1, 2, 3, 4, 5)", "")),
        ("4 per the rubric", (", which is no score of the scale (1, 2, 3, 4, 5)", "")),
    ],
)
def test_a_score_from_the_interviewers_own_notes_is_no_score_given_as_anothers(cell, told):
    """'From' or 'per' before no one's name says where a score comes from, not who gave it:
    '4 (per my notes)' and '4 (לפי דעתי)' (in my opinion), read as 4 before, and '4/5 from
    me' were asked as 'given as another's' (a review); they are read, or told, as before."""
    assert read_or_told(cell) == told


@pytest.mark.parametrize(
    ("cell", "told"),
    [
        ("8 von 10", (f", a score out of 10, {NO_SCORE}", ASK_SCORE)),
        ("7 sur 20.", (f", a score out of 20, {NO_SCORE}", ASK_SCORE)),
        ("8 out of 10 stars", (f", a score out of 10, {NO_SCORE}", ASK_SCORE)),
        # in the look's number words: it was no score, with nothing to ask
        ("eight out of ten", (f", a score out of 10, {NO_SCORE}", ASK_SCORE)),
        ("Eight of Ten.", (f", a score out of 10, {NO_SCORE}", ASK_SCORE)),
        # 80 % of 5 is 4, 80 % of the way from 1 to 5 is 4.2: it was no score, nothing to ask
        ("80%", (f", a percentage, {NO_SCORE}", ASK_SCORE)),
        ("87,5 %", (f", a percentage, {NO_SCORE}", ASK_SCORE)),
        # ... in the interviewer's words: it was no score, with nothing to ask
        ("80 Prozent", (f", a percentage, {NO_SCORE}", ASK_SCORE)),
        ("80 per cent", (f", a percentage, {NO_SCORE}", ASK_SCORE)),
        ("75 pour cent", (f", a percentage, {NO_SCORE}", ASK_SCORE)),
        ("80 procent", (f", a percentage, {NO_SCORE}", ASK_SCORE)),
        ("8 מ-10", (f", a score out of 10, {NO_SCORE}", ASK_SCORE)),
        ("3-4 su 5", (", two scores of the scale (3 and 4), not one", ASK_CHOICE)),
        # a range in the interviewer's words: it was no score, with nothing to ask
        *((r, (", two scores of the scale (3 and 4), not one", ASK_CHOICE)) for r in RANGES),
        # a decimal comma is a half as '3.5' is: it was no score, with nothing to ask
        ("3,5", (", which lies between two scores of the scale (3 and 4)", ASK_CHOICE)),
        # full-width, and a range as Japanese writes it: no score, nothing to ask (h40a)
        ("３．５", (", which lies between two scores of the scale (3 and 4)", ASK_CHOICE)),
        ("３〜４", (", two scores of the scale (3 and 4), not one", ASK_CHOICE)),
        ("3,5 von 5", (", which lies between two scores of the scale (3 and 4)", ASK_CHOICE)),
        ("3.5 / 5", (", which lies between two scores of the scale (3 and 4)", ASK_CHOICE)),
        # it was no score with nothing to ask, and '3 1/2' a score out of 2
        ("3½", (", which lies between two scores of the scale (3 and 4)", ASK_CHOICE)),
        ("3 1/2 / 5", (", which lies between two scores of the scale (3 and 4)", ASK_CHOICE)),
        ("4/5 (Level 3)", (", but 4 is Level 4 and Level 3 is 3", ASK_CHOICE)),
        # Hebrew's and Arabic's words: they were no score, with nothing to ask
        ("8 מתוך 10", (f", a score out of 10, {NO_SCORE}", ASK_SCORE)),
        ("٨ من ١٠", (f", a score out of 10, {NO_SCORE}", ASK_SCORE)),
        ("3 או 4", (", two scores of the scale (3 and 4), not one", ASK_CHOICE)),
        # a thousand is no score (it was read as 1)
        ("1,000", (f", {NO_SCORE}", "")),
        # a whole number past the scale's ends, as a panel used to another scale writes it:
        # it was no score, with nothing to ask (a hiring manager's trial)
        *((c, (f", {NO_SCORE}", ASK_SCORE)) for c in ("7", "7/5", "seven", "0", "6.")),
        # a decimal mark or a half said in words, as '3.5' is: no score, nothing to ask
        *((c, (BETWEEN_3_4, ASK_CHOICE)) for c in HALVES),
        ("\u2605\u2605\u2605\u2606", (f", a score out of 4, {NO_SCORE}", ASK_SCORE)),
        # a recommendation (Greenhouse's, Workday's, the look's): no score, nothing to ask
        ("Strong Yes", (f", a recommendation, {NO_SCORE}", ASK_SCORE)),
        ("Definitely Not", (f", a recommendation, {NO_SCORE}", ASK_SCORE)),
        ("strong hire!", (f", a recommendation, {NO_SCORE}", ASK_SCORE)),
        ("No decision", (f", a recommendation, {NO_SCORE}", ASK_SCORE)),
        # ... beside a number, a level of another scale (Workday's of three): not read as 3
        *(
            (
                f"3 - {v}",
                (
                    f", 3 with a recommendation ('{v}'), which may be another scale's",
                    "ask the interviewer whether they give 3",
                ),
            )
            for v in ("Highly Recommend", "Strong Yes", "Lean no", "Weak yes")
        ),
        # a score changed is the one it gives now, which may be no score of the scale
        ("3? (was 4)", (", 3 with a doubt ('?')", "ask the interviewer whether they give 3")),
        ("3-4 (was 5)", (", two scores of the scale (3 and 4), not one", ASK_CHOICE)),
        # '3 or 4' as a panel writes it, or 3 out of 4: either way the interviewer is asked
        # to choose a score of the scale, and a tick of 3 or of 4 then counts
        ("3/4", (", two scores of the scale (3 and 4), not one", ASK_CHOICE)),
        # a score given with a doubt: '3 (maybe)' would have been read as 3
        *(
            (c, (f", 3 with a doubt ('{d}')", "ask the interviewer whether they give 3"))
            for c, d in DOUBTS
        ),
        # a score given as another's: '3 (from Grace)' was read as 3, unasked (a trial)
        *(
            (
                c,
                (
                    f", 3 given as another's ('{d}')",
                    "ask the interviewer whether they give 3 themselves",
                ),
            )
            for c, d in GIVEN_BY
        ),
    ],
)
def test_a_score_in_another_language_out_of_another_top_a_range_or_a_half_is_told(cell, told):
    assert read_or_told(cell) == told
