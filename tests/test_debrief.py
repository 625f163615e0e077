"""`qbank debrief`: filled-in packets of a 3-interviewer panel for 3 candidates, read back.

The packets are built by `qbank packet --panel 3` and filled in the way Word does it
(tests/filling.py); the same packets saved by LibreOffice must read back the same.
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import os
import re
import shutil
import zipfile
from contextlib import contextmanager
from pathlib import Path

import docx
import pytest
from filling import Filled, fill, libreoffice_convert, libreoffice_missing, question_ids
from helpers import FIXTURES, labelled_look, own_look
from readback import as_read

from qbank.debrief import read_debrief
from qbank.debrief.read import read_packet
from qbank.debrief.spreadsheet import COLUMNS, rows
from qbank.errors import OptionError, QbankError
from qbank.look import check_all
from qbank.paths import BUILTIN_TEMPLATES, Templates
from qbank.rubric import load_wording

PACKET_WORDS = BUILTIN_TEMPLATES / "packet"

BANK = FIXTURES / "debrief-bank.yaml"
INTERVIEWERS = ("Grace Hopper", "Alan Turing", "Edsger Dijkstra")
QUESTIONS = (
    "cia-triad",
    "authn-authz",
    "threat-model",
    "guardrails",
    "prompt-leak",
    "poisoned-index",
)
LABELS = dict(zip(QUESTIONS, ("Q1", "Q2", "Q3", "Q4", "Q5", "Q6"), strict=True))
LOOK_FOR = {
    "cia-triad": ["confidentiality", "integrity", "availability"],
    "authn-authz": ["identity vs permission", "an example"],
    "threat-model": ["assets", "threats", "mitigations"],
    "guardrails": ["trade-offs", "a recommendation"],
    "prompt-leak": ["containment", "evidence", "rotation"],
    "poisoned-index": ["provenance", "logs"],
}
# What each candidate's panel wrote: ratings per question (whoever asked it), the boxes
# ticked, notes, and each interviewer's recommendation (by panel position) and evidence.
CANDIDATES = {
    "Ada Lovelace": {
        "scores": {
            "cia-triad": 4,
            "authn-authz": 5,
            "threat-model": 4,
            "guardrails": 4,
            "prompt-leak": 1,
            "poisoned-index": 2,
        },
        "hints": {"cia-triad", "prompt-leak"},
        "look_for": {"cia-triad": [1, 3], "threat-model": [1, 2, 3], "prompt-leak": [2]},
        "recommendations": ["strong-yes", "yes", "no"],
    },
    "Bob Müller": {
        "scores": dict.fromkeys(QUESTIONS, 3),
        "hints": set(),
        "look_for": {"guardrails": [2]},
        "recommendations": ["yes", "yes", "yes"],
    },
    "Chloé O'Brien": {
        "scores": {
            "cia-triad": 2,
            "authn-authz": 3,
            "threat-model": 2,
            "prompt-leak": 3,
            "poisoned-index": 3,
        },  # guardrails left unrated
        "hints": {"authn-authz"},
        "look_for": {},
        "recommendations": ["yes", "no", "no-decision"],
    },
}
OPTIONS = {"strong-yes": "Strong yes", "yes": "Yes", "no": "No", "no-decision": "No decision"}


def note(candidate: str, qid: str) -> str:
    """Notes as typed: several lines, markup characters, code spans, a blank line, accents."""
    first = f"{candidate} on {qid}: said `rm -rf /` & <b>not</b> {{{{x}}}}"
    return f"{first}\n  indented second line, 50% sure\n\nlast line \u2014 fin"


def evidence(candidate: str, member: int) -> str:
    return f"Evidence from {INTERVIEWERS[member - 1]} about {candidate}\nsecond point"


@pytest.fixture(scope="module")
def panel(tmp_path_factory) -> tuple[Path, dict[int, list[str]]]:
    """The three blank packets of a 3-interviewer panel, and who asks what."""
    from helpers import run_cli

    out = tmp_path_factory.mktemp("packets")
    result = run_cli("packet", "--bank", BANK, "--panel", "3", "--out", out)
    assert result.exit_code == 0, result.output
    asks = {m: question_ids(out / f"debrief-bank-packet-{m}.docx") for m in (1, 2, 3)}
    assert sorted(q for qs in asks.values() for q in qs) == sorted(QUESTIONS)
    return out, asks


def filled_for(candidate: str, member: int, asks: list[str]) -> Filled:
    spec = CANDIDATES[candidate]
    return Filled(
        header={
            "candidate": candidate,
            "interviewer": INTERVIEWERS[member - 1],
            "interview-date": "2026-11-30",
        },
        scores={q: [spec["scores"][q]] for q in asks if q in spec["scores"]},
        hints={q for q in asks if q in spec["hints"]},
        look_for={q: spec["look_for"][q] for q in asks if q in spec["look_for"]},
        notes={q: note(candidate, q) for q in asks},
        recommendations=[spec["recommendations"][member - 1]],
        evidence=evidence(candidate, member),
    )


@pytest.fixture(scope="module")
def filled(panel, tmp_path_factory) -> list[Path]:
    """Nine packets: three candidates, each seen by the same three interviewers."""
    blank, asks = panel
    out = tmp_path_factory.mktemp("filled")
    paths = []
    for index, candidate in enumerate(CANDIDATES, start=1):
        for member in (1, 2, 3):
            source = blank / f"debrief-bank-packet-{member}.docx"
            target = out / f"candidate{index}-interviewer{member}.docx"
            paths.append(fill(source, target, filled_for(candidate, member, asks[member])))
    return paths


@pytest.fixture(scope="module")
def result(filled, tmp_path_factory):
    out = tmp_path_factory.mktemp("debrief")
    return out, read_debrief(filled, BANK, out)


def asker(asks: dict[int, list[str]], qid: str) -> int:
    return next(m for m, qs in asks.items() if qid in qs)


def german_bank(tmp_path: Path, language: str = "de") -> Path:
    """The debrief bank as a bank in `language`, by the same name (its packets' bank)."""
    bank = tmp_path / BANK.name
    text = BANK.read_text(encoding="utf-8")
    said = f"\nlanguage: {language}\nquestions:"
    bank.write_text(text.replace("\nquestions:", said, 1), encoding="utf-8")
    return bank


def test_the_files_written(result):
    out, outcome = result
    names = sorted(p.name for p in outcome.written)
    assert names == [
        "debrief-bank-debrief-ada-lovelace.csv",
        "debrief-bank-debrief-ada-lovelace.docx",
        "debrief-bank-debrief-bob-müller.csv",
        "debrief-bank-debrief-bob-müller.docx",
        "debrief-bank-debrief-chloé-o-brien.csv",
        "debrief-bank-debrief-chloé-o-brien.docx",
        "debrief-bank-debrief-comparison.docx",
    ]
    assert sorted(p.name for p in out.iterdir()) == names  # nothing else, no temporary file
    # each page of a candidate's debrief names them; printed together, pages of three
    # debriefs named none (a panel trial)
    footers = {
        name: docx.Document(str(out / name)).sections[0].footer.paragraphs[0].text.split("\t")[0]
        for name in names
        if name.endswith(".docx")
    }
    title = "Platform Security Engineer · Panel debrief"
    assert footers == {
        f"debrief-bank-debrief-{stem}.docx": f"{title} · {name} · confidential"
        for stem, name in (
            ("ada-lovelace", "Ada Lovelace"),
            ("bob-müller", "Bob Müller"),
            ("chloé-o-brien", "Chloé O'Brien"),
        )
    } | {"debrief-bank-debrief-comparison.docx": f"{title} · confidential"}


def test_totals_per_section_and_overall(result):
    _, outcome = result
    scores = {
        d.candidate: ([(s.section, s.score, s.maximum) for s in d.sections], d.total, d.maximum)
        for d in outcome.debriefs
    }
    assert scores == {
        "Ada Lovelace": ([("Basics", 9, 10), ("Design", 8, 10), ("Incidents", 3, 10)], 20, 30),
        "Bob Müller": ([("Basics", 6, 10), ("Design", 6, 10), ("Incidents", 6, 10)], 18, 30),
        # Design's other question unrated: left out of its score and maximum alike
        "Chloé O'Brien": ([("Basics", 5, 10), ("Design", 2, 5), ("Incidents", 6, 10)], 13, 25),
    }


def test_flags_for_discussion(result, panel):
    _, asks = panel
    _, outcome = result
    who = {q: INTERVIEWERS[asker(asks, q) - 1] for q in QUESTIONS}
    flags = {d.candidate: list(d.flags) for d in outcome.debriefs}
    assert flags == {
        "Ada Lovelace": [
            f"Recommendations are 2 steps apart: {INTERVIEWERS[0]} (Strong yes), "
            f"{INTERVIEWERS[1]} (Yes), {INTERVIEWERS[2]} (No).",
            "Incidents scored 30% of its maximum on the questions rated, far below the other "
            "sections (85% on average).",
            f"Q1 was rated 4 (Strong) by {who['cia-triad']}, with a hint given.",
        ],
        "Bob Müller": [],
        # Design is 2 of 10 with Q4 unrated: 2 of 5 on its rated question, 15 points under
        # the others, so no flag; it read 20% 'far below' for an interviewer's gap, which
        # the line after names
        # a Yes and a No: one step apart, but on both sides of the hiring line ("agree"
        # hid a split panel)
        "Chloé O'Brien": [
            "Recommendations fall on both sides of the hiring line: "
            f"{INTERVIEWERS[0]} (Yes), {INTERVIEWERS[1]} (No).",
            f"Q4 has no rating from {who['guardrails']}.",
        ],
    }


def test_a_hint_on_the_middle_of_a_three_level_scale_is_no_high_rating(cli, tmp_path):
    """hint_top_levels = 2, the top two of the built-in 1 to 5, flagged a hint given on
    'Met', the middle of a bank's Missed, Met, Exceeded, as a high rating: the levels it
    counts from the top stop above the scale's middle, so only 'Exceeded' is. Its
    questions without notes end their keep-with-next chain."""
    bank = FIXTURES / "packet-rubric.yaml"
    assert cli("packet", "--bank", bank, "--all", "--out", tmp_path).exit_code == 0
    (packet,) = tmp_path.glob("*.docx")
    form = Filled(
        {"candidate": "Ada", "interviewer": "Cy", "interview-date": "2026-12-05"},
        scores={"ticket-triage": [2], "angry-customer": [3]},
        hints={"ticket-triage", "angry-customer"},
        recommendations=["yes"],
    )
    filled = fill(packet, tmp_path / "filled.docx", form)
    (debrief,) = read_debrief([filled], bank, tmp_path / "out").debriefs
    assert debrief.flags == ("Q2 was rated 3 (Exceeded) by Cy, with a hint given.",)
    # '(no notes)' keeps with nothing, as a note's last line: in the Packet Meta style,
    # which keeps with the next, it chained every question after it into a block longer
    # than a page, which LibreOffice broke after a heading ('Q6' alone at a page's foot,
    # its interviewer and rating over the page: a Spanish trial)
    (written,) = (tmp_path / "out").glob("*.docx")
    # (the rating line opens its paragraph: tests/test_debrief_print.py)
    empty = [p for p in docx.Document(written).paragraphs if p.text.endswith("\n(no notes)")]
    assert len(empty) == 2
    assert all(p.paragraph_format.keep_with_next is False for p in empty)
    # 0 levels flag none (scale[-0:] was every level: each hint given was flagged)
    none = own_look(tmp_path / "look", {"packet/debrief.toml": ("levels = 2", "levels = 0")})
    (debrief,) = read_debrief([filled], bank, tmp_path / "o", templates=Templates(none)).debriefs
    assert debrief.flags == ()


def test_the_discussion_keeps_together_with_its_heading(result):
    """Each point for discussion but the last keeps with the next, so a short list moves
    to the next page whole with its heading: its last points stood alone at the top of a
    page, a trial saw."""
    out, outcome = result
    paragraphs = docx.Document(out / "debrief-bank-debrief-ada-lovelace.docx").paragraphs
    start = next(n for n, p in enumerate(paragraphs) if p.text == "For discussion")
    points = [p for p in paragraphs[start + 2 :] if p.text.startswith("\u2022\t")]
    points = points[: len(outcome.debriefs[0].flags)]
    assert len(points) == 3
    assert [bool(p.paragraph_format.keep_with_next) for p in points] == [True, True, False]


def test_the_recommendations_keep_with_the_key_evidence(result):
    """The interviewers' names and recommendations keep with the next row: a trial's table
    ended page 1, its key evidence alone at the top of page 2. Labels and values stand at
    the top of their rows."""
    out, _ = result
    document = docx.Document(out / "debrief-bank-debrief-ada-lovelace.docx")
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Interviewer"]
    heads = [r.cells[0].text for r in table.rows]
    assert heads == ["Interviewer", "Recommendation", "Key evidence"]
    kept = [
        all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs)
        for r in table.rows
    ]
    assert kept[:2] == [True, True]
    # each row's label stands level with its values: 'Recommendation' stood a line below
    # 'Yes' beside it, centred where they are at the top (a hiring manager's trial)
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for row in table.rows[1:]:
        aligned = {c._tc.find(f"{W}tcPr/{W}vAlign").get(f"{W}val") for c in row.cells}
        assert aligned == {"top"}, row.cells[0].text


def test_csv_has_a_row_per_candidate_question_and_interviewer(result, panel):
    out, _ = result
    _, asks = panel
    rows = []  # a CSV per candidate, in the order of the candidates
    for name in ("ada-lovelace", "bob-müller", "chloé-o-brien"):
        path = out / f"debrief-bank-debrief-{name}.csv"
        with path.open(encoding="utf-8-sig", newline="") as source:
            rows += list(csv.DictReader(source))
    expected = []
    for index, (candidate, spec) in enumerate(CANDIDATES.items(), start=1):
        for qid in QUESTIONS:
            member = asker(asks, qid)
            seen = [LOOK_FOR[qid][n - 1] for n in spec["look_for"].get(qid, [])]
            score = spec["scores"].get(qid)
            expected.append(
                {
                    "candidate": candidate,
                    "question": LABELS[qid],
                    "question_id": qid,
                    "interviewer": INTERVIEWERS[member - 1],
                    "rating": "unrated" if score is None else str(score),
                    "hint_given": "yes" if qid in spec["hints"] else "no",
                    "look_for_seen": str(len(seen)),
                    "look_for_total": str(len(LOOK_FOR[qid])),
                    "look_for": "; ".join(seen),
                    "notes": note(candidate, qid),
                    "recommendation": OPTIONS[spec["recommendations"][member - 1]],
                    "packet": f"candidate{index}-interviewer{member}.docx",
                    "key_evidence": evidence(candidate, member),
                }
            )
    keys = list(expected[0])
    shown = [{k: row[k] for k in keys} for row in rows]
    shown = [{**row, "packet": Path(row["packet"]).name} for row in shown]
    assert shown == expected


def test_csv_says_why_a_rating_does_not_count_and_the_sections_covered(result, panel):
    """A sheet pivoted on `rating` could not tell a rating not given from a score, nor a
    section's coverage, which the DOCX says: a numeric `score` (empty where none counts),
    why none counts, the questions of the row's section asked and rated, and the sections
    the total rests on; the columns before them keep their places (a sheet built on them)."""
    out, _ = result
    assert COLUMNS[:25] == (
        *"candidate section question question_id question_text interviewer rating".split(),
        *"hint_given look_for_seen look_for_total look_for notes recommendation".split(),
        *"packet competency competency_weight competency_interviewer_score".split(),
        *"competency_panel_mean competency_spread competency_disagreement".split(),
        *"weighted_total key_evidence scorecard_unread scorecard_differs".split(),
        "weighted_total_rests_on",
    )
    path = out / "debrief-bank-debrief-chloé-o-brien.csv"
    with path.open(encoding="utf-8-sig", newline="") as source:
        read = list(csv.reader(source))
    assert read[0] == list(COLUMNS)
    new = ["score", "not_rated_because", "section_questions_asked", "section_questions_rated"]
    shown = {row[3]: dict(zip(COLUMNS, row, strict=True)) for row in read[1:]}
    assert {q: [shown[q][k] for k in new] for q in QUESTIONS} == {
        "cia-triad": ["2", "", "2", "2"],
        "authn-authz": ["3", "", "2", "2"],
        "threat-model": ["2", "", "2", "1"],
        "guardrails": ["", "no score ticked", "2", "1"],  # left unrated
        "prompt-leak": ["3", "", "2", "2"],
        "poisoned-index": ["3", "", "2", "2"],
    }
    assert {row["total_rests_on"] for row in shown.values()} == {"3 of 3 sections"}


def test_the_sheets_reasons_and_coverage_are_in_the_looks_words(filled, tmp_path):
    """A German look's debrief sheet said 'no score ticked' and '3 of 3 sections' beside
    its German DOCX (a new-user trial): not_rated_because and total_rests_on are the look's
    words; a look from before them keeps the built-in ones."""
    from qbank.paths import Templates

    look = tmp_path / "look" / "packet"
    look.mkdir(parents=True)
    words = (BUILTIN_TEMPLATES / "packet" / "debrief.toml").read_text(encoding="utf-8")
    german = {
        'sheet_no_score = "no score ticked"': 'sheet_no_score = "keine Punktzahl angekreuzt"',
        'sheet_sections = "{rated} of {count} sections"': (
            'sheet_sections = "{rated} von {count} Abschnitten"'
        ),
    }
    translated = words
    for english, own in german.items():
        assert english in words
        translated = translated.replace(english, own)
    sheet = "debrief-bank-debrief-chloé-o-brien.csv"

    def said(folder: str, text: str) -> set[tuple[str, str]]:
        (look / "debrief.toml").write_text(text, encoding="utf-8")
        read_debrief(filled, BANK, tmp_path / folder, templates=Templates(tmp_path / "look"))
        with (tmp_path / folder / sheet).open(encoding="utf-8-sig", newline="") as source:
            read = list(csv.DictReader(source))
        return {(row["not_rated_because"], row["total_rests_on"]) for row in read}

    assert said("de", translated) == {
        ("", "3 von 3 Abschnitten"),
        ("keine Punktzahl angekreuzt", "3 von 3 Abschnitten"),
    }
    old = "\n".join(line for line in words.splitlines() if not line.startswith("sheet_"))
    assert said("old", old) == {("", "3 of 3 sections"), ("no score ticked", "3 of 3 sections")}


def docx_paragraphs(path: Path, read: bool = False) -> list[str]:
    """The text of each paragraph, a line break as a newline (a note's lines); `read`: as
    a reader reads it (readback.as_read)."""
    document = docx.Document(str(path))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    texts = [
        "".join("\n" if e.tag == f"{w}br" else e.text or "" for e in p.iter(f"{w}t", f"{w}br"))
        for p in document.element.body.iter(f"{w}p")
    ]
    return [as_read(t) for t in texts] if read else texts


def own_labels(folder: Path, notes: str, evidence: str | None = None) -> Path:
    """A look in `folder` whose packets call their notes `notes` (and their key evidence
    `evidence`): the folder to give --templates."""
    rubric = (PACKET_WORDS / "rubric.toml").read_text(encoding="utf-8")
    rubric = rubric.replace('notes = "Notes"', f'notes = "{notes}"')
    if evidence is not None:
        rubric = rubric.replace('"Key evidence for the debrief"', f'"{evidence}"')
    (folder / "packet").mkdir(parents=True)
    (folder / "packet" / "rubric.toml").write_text(rubric, encoding="utf-8")
    return folder


def every_paragraph(document) -> list:
    """A python-docx document's paragraphs, those in tables included, to type into."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))]


def test_the_debrief_holds_every_note_and_evidence_verbatim(result):
    out, _ = result
    for candidate, slug in zip(
        CANDIDATES, ("ada-lovelace", "bob-müller", "chloé-o-brien"), strict=True
    ):
        text = "\n".join(docx_paragraphs(out / f"debrief-bank-debrief-{slug}.docx"))
        for qid in QUESTIONS:
            assert note(candidate, qid) in text
        for member in (1, 2, 3):
            assert evidence(candidate, member) in text


def test_the_comparison_names_a_panel_whose_packets_are_not_all_given(filled, tmp_path):
    """Ada's third packet not given: the comparison says so under its table, where her
    total stood beside full panels' unmarked (a panel trial)."""
    given = [p for p in filled if p.name != "candidate1-interviewer3.docx"]
    read_debrief(given, BANK, tmp_path)
    text = docx_paragraphs(tmp_path / "debrief-bank-debrief-comparison.docx")
    at = text.index(
        "What the packets given leave out of some candidates' panels, so that their totals "
        "are not like for like:"
    )
    assert text[at + 1].startswith("\u2022Ada Lovelace: candidate1-interviewer1.docx: ")
    assert "not among the files given" in text[at + 1]
    assert text[at + 2] == "Calibration"


def test_the_comparisons_columns_hold_their_heads_longest_word(filled, tmp_path):
    """An even share of the columns broke a long head inside its word ('Observabilit|y' in
    a bank of four sections, LibreOffice without Carlito: a panel trial); here a look's
    word for 'Ratings'. Its column holds it in DejaVu Sans Bold, which LibreOffice draws."""
    from docx.oxml.ns import qn
    from reportlab.pdfbase.ttfonts import TTFont

    from qbank.paths import Templates

    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")  # LibreOffice's
    if not dejavu.exists():
        libreoffice_missing("DejaVu Sans Bold is not installed: apt-get install fonts-dejavu-core")

    word = "Bewertungsgrundlagen"
    look = tmp_path / "look"
    (look / "packet").mkdir(parents=True)
    words = (BUILTIN_TEMPLATES / "packet" / "debrief.toml").read_text(encoding="utf-8")
    words = words.replace('"({count} unrated)"', '"({count} unbewertet)"')
    (look / "packet" / "debrief.toml").write_text(
        words.replace('ratings = "Ratings"', f'ratings = "{word}"'), encoding="utf-8"
    )
    read_debrief(filled, BANK, tmp_path / "out", templates=Templates(look))
    document = docx.Document(str(tmp_path / "out" / "debrief-bank-debrief-comparison.docx"))
    table = document.tables[0]
    heads = [c.text for c in table.rows[0].cells]
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    twips = int(grid[heads.index(word)].get(qn("w:w")))
    # the head's 9 points, less the cell's margins (85 twips each side)
    assert (twips - 2 * 85) / 20 >= TTFont("DejaVuSans-Bold", str(dejavu)).stringWidth(word, 9)
    # and each figure on one line where the text columns give the room, the total's bold:
    # they wrapped, '8 / 20 (1 | unrated)', '59 / 110 | (3 unrated)' (a review)
    from readback import words_too_wide

    figures, cut = words_too_wide(table, slice(1, 4), whole=True)
    totals, cut_too = words_too_wide(table, slice(4, 5), bold=True, whole=True)
    assert cut + cut_too == []
    assert any("unbewertet)" in f for f in figures | totals), figures | totals


def test_the_comparisons_heads_stay_whole(tmp_path):
    """The bundled bank's six sections broke the comparison's heads inside the word,
    'Intermedi|ate', 'Behavior|al', 'competen|cy' (a review): each head's words fit their
    column, the heads smaller where they must, and each figure's words theirs."""
    from helpers import run_cli
    from readback import words_too_wide

    bank = FIXTURES.parent.parent / "bank" / "ai-cybersecurity-analyst.yaml"
    packets = []
    for candidate in ("Ada Lovelace", "Bob Stone"):
        out = tmp_path / candidate.split()[0]
        result = run_cli("packet", "--bank", bank, "--out", out, "--candidate", candidate)
        assert result.exit_code == 0, result.output
        [packet] = out.glob("*.docx")
        asks = question_ids(packet)
        scores = {q: [n % 5 + 1] for n, q in enumerate(asks) if n % 7}  # some unrated
        header = {"candidate": candidate, "interviewer": "Grace Hopper"}
        filled = Filled(header=header, scores=scores, recommendations=["strong-yes"])
        packets.append(fill(packet, tmp_path / f"{candidate}.docx", filled))
    outcome = read_debrief(packets, bank, tmp_path / "out")
    [path] = [p for p in outcome.written if p.name.endswith("comparison.docx")]
    table = docx.Document(str(path)).tables[0]
    heads = [c.text for c in table.rows[0].cells]
    shown, too_wide = words_too_wide(table, slice(1, -1))
    assert too_wide == []
    assert {"Intermediate", "Behavioral", "competency", "unrated)"} <= shown, heads


def test_the_comparison_shows_candidates_by_section_and_calibration(result, panel):
    out, outcome = result
    text = "\n".join(docx_paragraphs(out / "debrief-bank-debrief-comparison.docx", read=True))
    for row in ("20 / 30", "18 / 30", "13 / 25 (1 unrated)", "9 / 10", "2 / 5 (1 unrated)"):
        assert row in text
    assert text.index("Basics") < text.index("Design") < text.index("Incidents")
    assert f"{INTERVIEWERS[2]}: No decision" in text
    # each interviewer rated two questions for each of three candidates (one fewer
    # for Chloé's unrated question): shown, with the number of ratings
    _, asks = panel
    document = docx.Document(str(out / "debrief-bank-debrief-comparison.docx"))
    calibration = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert calibration[0] == [
        "Interviewer",
        "Ratings",
        "Candidates",
        "Their mean",
        "Panel mean",
        "Difference",
    ]
    everyone = [s for spec in CANDIDATES.values() for s in spec["scores"].values()]
    for member, name in enumerate(INTERVIEWERS, start=1):
        theirs = [
            spec["scores"][q]
            for spec in CANDIDATES.values()
            for q in asks[member]
            if q in spec["scores"]
        ]
        row = next(r for r in calibration if r[0] == name)
        mean, panel_mean = sum(theirs) / len(theirs), sum(everyone) / len(everyone)
        assert row[1:] == [
            str(len(theirs)),
            "3",
            f"{mean:.2f}",
            f"{panel_mean:.2f}",
            f"{mean - panel_mean:+.2f}",
        ]


def test_the_comparisons_recommendations_are_in_the_looks_words(filled, tmp_path):
    """'Françoise Lefèvre: Favorable' kept its English colon in a French look (a trial):
    each interviewer's recommendation is the look's `verdict`; a look from before it keeps
    the colon."""
    from qbank.paths import Templates

    look = tmp_path / "look" / "packet"
    look.mkdir(parents=True)
    words = (BUILTIN_TEMPLATES / "packet" / "debrief.toml").read_text(encoding="utf-8")
    old = 'verdict = "{interviewer}: {recommendation}"'
    assert old in words
    (look / "debrief.toml").write_text(
        words.replace(old, 'verdict = "{interviewer}\u00a0: {recommendation}"'), encoding="utf-8"
    )
    read_debrief(filled, BANK, tmp_path / "fr", templates=Templates(tmp_path / "look"))
    text = "\n".join(docx_paragraphs(tmp_path / "fr" / "debrief-bank-debrief-comparison.docx"))
    # the look's no-break space before the colon, and the option on one line
    assert f"{INTERVIEWERS[2]}\u00a0: No\u00a0decision" in text
    (look / "debrief.toml").write_text(words.replace(old, ""), encoding="utf-8")
    read_debrief(filled, BANK, tmp_path / "old", templates=Templates(tmp_path / "look"))
    text = "\n".join(docx_paragraphs(tmp_path / "old" / "debrief-bank-debrief-comparison.docx"))
    assert f"{INTERVIEWERS[2]}: No\u00a0decision" in text


def test_one_rating_is_said_in_the_singular(panel, tmp_path):
    """'1 ratings, 0 unrated' (a French trial's '1 notes'): one rating takes rests_on_one."""
    blank, asks = panel
    packet = blank / "debrief-bank-packet-1.docx"
    paths = []
    for name, rated in (("Ada", asks[1][:1]), ("Bob", asks[1][:2])):
        form = Filled(
            {"candidate": name, "interviewer": "Cy", "interview-date": "2026-12-05"},
            scores={qid: [3] for qid in rated},
            recommendations=["yes"],
        )
        paths.append(fill(packet, tmp_path / f"{name}.docx", form))
    read_debrief(paths, BANK, tmp_path / "out")
    document = docx.Document(str(tmp_path / "out" / "debrief-bank-debrief-comparison.docx"))
    cells = [as_read(c.text) for t in document.tables for row in t.rows for c in row.cells]
    unrated = len(asks[1]) - 1
    assert f"1 rating, {unrated} unrated" in cells and f"2 ratings, {unrated - 1} unrated" in cells
    assert "1 ratings" not in " ".join(cells)


def test_a_french_debrief_sets_a_space_before_percent(filled, tmp_path):
    """'65%' in a French debrief, whose decimal comma was already French (a trial): in a
    bank in French, German or Spanish, a no-break space stands before the sign."""
    copy = tmp_path / "fr" / BANK.name
    copy.parent.mkdir()
    copy.write_text(
        BANK.read_text(encoding="utf-8").replace("title:", "language: fr\ntitle:", 1),
        encoding="utf-8",
    )
    outcome = read_debrief(filled, copy, tmp_path / "out")
    documents = [d for d in (tmp_path / "out").glob("*.docx")]
    cells = [t for path in documents for t in docx_paragraphs(path)]
    shares = [m[1] for t in cells if (m := re.fullmatch(r"\d+(\D?)%", t))]  # the share cells
    assert shares and set(shares) == {"\u202f"}, shares
    assert outcome.debriefs and all(
        "%" not in f or "\u202f%" in f for d in outcome.debriefs for f in d.flags
    )


def ruled_lines(path: Path) -> tuple[int, int]:
    """The paragraphs with a rule under them, and how many of them have a neighbour whose
    rule is the same (which Word and LibreOffice merge into one group, one rule)."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def rule(p) -> tuple | None:
        bottom = p.find(f"{w}pPr/{w}pBdr/{w}bottom")
        return None if bottom is None else tuple(sorted(bottom.attrib.items()))

    paragraphs = list(docx.Document(str(path)).element.body.iter(f"{w}p"))
    rules = [rule(p) for p in paragraphs]
    equal = sum(
        1
        for p, r in zip(paragraphs, rules, strict=True)
        if r is not None
        and (after := p.getnext()) is not None
        and after.tag == f"{w}p"
        and rule(after) == r
    )
    return sum(r is not None for r in rules), equal


def test_a_libreoffice_round_trip_reads_back_the_same(
    filled, panel, result, built_for, named_panel, tmp_path
):
    """LibreOffice drops w:tag and moves w:alias around the box's paragraph (CLIENTS.md):
    the same scores, boxes, notes and recommendations must come back.

    Four of the nine packets make the trip (LibreOffice takes ~0.1 s of CPU a packet):
    Ada's three, which ask every question and tick every kind of box (hints, a rating each,
    the first, second and third look-for signal, three recommendations), and Chloé's with
    her unrated question and her accented name; and packets built for Bob, and for Ada by
    a panel named with --interviewer, their Candidate and Interviewer fields cleared, which
    keep the names they were built for (custom properties)."""
    _, asks = panel
    trip = [*filled[:3], filled[6 + asker(asks, "guardrails") - 1]]
    bobs = typed_for(built_for, tmp_path / "bob", "Bob Müller", {1: ""})[0]
    alans = named_seat(named_panel, 2, tmp_path / "alan", "")
    *saved, bobs_saved, alans_saved = libreoffice_convert(
        [*trip, bobs, alans], tmp_path / "saved", "docx:MS Word 2007 XML", tmp_path / "profile"
    )
    wording = load_wording()
    bob, alan = read_packet(bobs_saved, wording), read_packet(alans_saved, wording)
    assert bob.identity == read_packet(bobs, wording).identity
    assert (bob.identity.candidate, bob.header["candidate"]) == ("Bob Müller", "")
    (debrief,) = read_debrief([bobs_saved], BANK, tmp_path / "bob-out").debriefs
    assert debrief.candidate == "Bob Müller"
    assert alan.identity == read_packet(alans, wording).identity
    assert (alan.identity.interviewers, alan.header["interviewer"]) == (INTERVIEWERS, "")
    assert alan.interviewer == "Alan Turing"
    wording = load_wording()
    for original, resaved in zip(trip, saved, strict=True):
        a, b = read_packet(original, wording), read_packet(resaved, wording)
        assert (b.identity, b.header, b.role, b.answers, b.recommendations, b.evidence) == (
            a.identity,
            a.header,
            a.role,
            a.answers,
            a.recommendations,
            a.evidence,
        )
    # every ruled notes line stays drawn: LibreOffice draws a run of paragraphs with equal
    # borders as one rule under the last, and a trial's re-saved packet lost its lines
    for original, resaved in zip(trip, saved, strict=True):
        rules, equal = ruled_lines(resaved)
        assert rules == ruled_lines(original)[0] > 20 and equal == 0
    # the debrief of the saved packets: Ada's whole panel made the trip, so hers is the
    # one the nine packets gave; Chloé's unrated question is still unrated
    after = read_debrief(saved, BANK, tmp_path / "out")
    (ada,) = [d for d in after.debriefs if d.candidate == "Ada Lovelace"]
    (before,) = [d for d in result[1].debriefs if d.candidate == "Ada Lovelace"]
    assert [(r.question.id, r.score, r.notes) for r in ada.ratings] == [
        (r.question.id, r.score, r.notes) for r in before.ratings
    ]
    assert ada.flags == before.flags and ada.flags
    unrated, incomplete = after.warnings  # Chloé's packet alone made the trip
    who = INTERVIEWERS[asker(asks, "guardrails") - 1]
    assert (
        unrated == f"{saved[3]}: Q4: no rating ticked; ask {who} for the score, then tick it at Q4"
    )
    # the packet the panel is read from, not at fault (it read as if it were: a trial)
    assert incomplete.startswith(f"{saved[3]}: as this packet records it, the panel for ")
    assert "but the packets of interviewers 1 and 2 of 3 are not among the files given" in (
        incomplete
    )


def test_a_later_candidates_debrief_keeps_the_earlier_ones_csv(cli, filled, tmp_path):
    """One CSV for a run was written over by the next: a coordinator who debriefs each
    candidate on the day lost the earlier ones' rows, and `qbank usage` counted one."""
    for first in (0, 3):  # one candidate's three packets, then another's
        result = cli("debrief", *filled[first : first + 3], "--bank", BANK, "--out", tmp_path)
        assert result.exit_code == 0, result.output
    sheets = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert sheets == [
        "debrief-bank-debrief-ada-lovelace.csv",
        "debrief-bank-debrief-bob-müller.csv",
    ]
    usage = cli("usage", tmp_path, "--bank", BANK)
    assert usage.exit_code == 0, usage.output
    assert "2 earlier candidates" in usage.output


def test_the_cli_prints_the_files_and_warnings(cli, filled, panel, tmp_path):
    result = cli("debrief", *filled, "--bank", BANK, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    chloe = filled[6 + asker(panel[1], "guardrails") - 1]
    who = INTERVIEWERS[asker(panel[1], "guardrails") - 1]
    said = f"{chloe}: Q4: no rating ticked; ask {who} for the score, then tick it at Q4\n"
    assert result.stderr == said
    assert str(tmp_path / "debrief-bank-debrief-ada-lovelace.csv") in result.stdout
    strict = cli("debrief", *filled, "--bank", BANK, "--out", tmp_path / "strict", "--strict")
    assert strict.exit_code == 1
    assert "--strict: 1 problem found" in strict.output
    assert not (tmp_path / "strict").exists() or not any((tmp_path / "strict").iterdir())


def test_a_packet_from_another_bank_is_refused(cli, filled, tmp_path):
    other = FIXTURES / "packet-platform-security.yaml"
    result = cli("debrief", filled[0], "--bank", other, "--out", tmp_path)
    assert result.exit_code == 1
    assert result.output == (
        f"{filled[0]}: this packet was built from the bank 'debrief-bank' "
        "(Platform Security Engineer), not from 'packet-platform-security' "
        f"({other}); give that bank with --bank\n"
    )
    assert not list(tmp_path.iterdir())


def test_a_renamed_copy_of_the_bank_reads_its_packets_and_says_so(cli, filled, panel, tmp_path):
    """The packet records the bank file's name; a copy under another name, with the same
    questions and scale, is the same bank. Edited too, it is another bank."""
    copy = tmp_path / "bank-v2.yaml"
    text = BANK.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    result = cli("debrief", filled[0], "--bank", copy, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"{filled[0]}: this packet names the bank 'debrief-bank'; read against {copy}, "
        "whose questions it asked and whose rating scale are the same"
    )
    assert list((tmp_path / "out").glob("bank-v2-debrief-*.csv"))
    strict = cli("debrief", filled[0], "--bank", copy, "--out", tmp_path / "s", "--strict")
    assert strict.exit_code == 1 and "names the bank 'debrief-bank'" in strict.stderr
    asked = filled[asker(panel[1], "cia-triad") - 1]
    edited = text.replace("How does the CIA triad apply", "How does the CIA triad relate")
    copy.write_text(edited, encoding="utf-8")
    result = cli("debrief", asked, "--bank", copy, "--out", tmp_path / "edited")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{asked}: this packet was built from the bank ")


def test_a_packet_whose_questions_were_edited_is_refused(cli, filled, panel, tmp_path):
    _, asks = panel
    edited = tmp_path / "debrief-bank.yaml"
    text = BANK.read_text(encoding="utf-8")
    text = text.replace("How does the CIA triad apply", "How does the CIA triad relate")
    text = text.replace("[trade-offs, a recommendation]", "[trade-offs]")
    text = text.replace("Contain, preserve evidence", "Contain, keep evidence")
    edited.write_text(text.replace("  - id: poisoned-index", "  - id: poisoned-store"), "utf-8")
    packets = [filled[asker(asks, q) - 1] for q in ("cia-triad", "guardrails", "prompt-leak")]
    packets.append(filled[asker(asks, "poisoned-index") - 1])
    # each question by the look's label, P1, as the debrief prints it (they said Q1)
    given = (
        *dict.fromkeys(packets),
        "--bank",
        edited,
        "--templates",
        labelled_look(tmp_path / "look"),
    )
    result = cli("debrief", *given, "--out", tmp_path / "o")
    assert result.exit_code == 1
    accepted = cli("debrief", *given, "--out", tmp_path / "a", "--accept-changes")
    assert accepted.exit_code == 1
    assert "P4: the look-for signals of guardrails changed" in accepted.output
    assert "P5:" not in accepted.output  # reworded: read
    expected = {
        f"{filled[asker(asks, 'cia-triad') - 1]}: P1: the question text of cia-triad changed in "
        "the bank since the packet was built; debrief with the bank the packet was built from, "
        "or build and fill in a new packet",
        # a signal removed, not reworded: a tick would stand for another signal (it was
        # called wording, which --accept-changes read, ticks against the wrong signals)
        f"{filled[asker(asks, 'guardrails') - 1]}: P4: the look-for signals of guardrails changed "
        "in the bank since the packet was built (the packet has 2 look-for boxes, the bank 1 "
        "signal: added or removed, so its ticks cannot be matched to them); debrief with the "
        "bank the packet was built from, or build and fill in a new packet",
        f"{filled[asker(asks, 'prompt-leak') - 1]}: P5: the hint, note, follow-ups or anchors "
        "of prompt-leak changed in the bank since the packet was built; debrief with the bank "
        "the packet was built from, or build and fill in a new packet (only its wording "
        "changed: --accept-changes reads it anyway)",
        f"{filled[asker(asks, 'poisoned-index') - 1]}: poisoned-index: the bank has no question "
        "with this id any more (removed or renamed since the packet was built)",
    }
    assert set(result.output.splitlines()) == expected


def test_a_document_that_is_no_packet_is_refused(cli, tmp_path):
    plain = tmp_path / "letter.docx"
    docx.Document().save(str(plain))
    result = cli("debrief", plain, "--bank", BANK, "--out", tmp_path / "o")
    assert result.exit_code == 1
    assert result.output == (
        f"{plain}: not a qbank interviewer packet (its custom properties do not name a bank); "
        "only packets made by `qbank packet` can be read back\n"
    )
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    result = cli("debrief", broken, "--bank", BANK, "--out", tmp_path / "o")
    assert result.exit_code == 1
    assert result.output == (  # it was Python's 'File is not a zip file'
        f"{broken}: the file is damaged or is not a Word document; ask its interviewer to "
        "save the packet again as Word (.docx) and give that file\n"
    )


# -- validation: one case each, with the exact message ------------------------------------


def _case(panel, tmp_path, change, look: Path | None = None) -> tuple[list[Path], list[str]]:
    """A panel of three packets for Ada, filled as above but for `change`; the warnings,
    as --strict refuses them (before any file is written: the writing is tested above),
    debriefed in `look` (a --templates folder) if one is given."""
    blank, asks = panel
    forms = {m: filled_for("Ada Lovelace", m, asks[m]) for m in (1, 2, 3)}
    sources = {m: blank / f"debrief-bank-packet-{m}.docx" for m in (1, 2, 3)}
    change(forms, sources, asks)
    paths = [fill(sources[m], tmp_path / f"p{m}.docx", forms[m]) for m in forms]
    with pytest.raises(QbankError) as refused:
        read_debrief(paths, BANK, tmp_path / "out", strict=True, templates=Templates.of(look))
    *warnings, last = refused.value.message.split("\n")
    assert last == f"--strict: {len(warnings)} problem{'s' * (len(warnings) != 1)} found"
    # the debrief's document says what the packets leave out in the look's words, the
    # built-in ones as the command says it, each packet by its file's name
    for problem in refused.value.problems:
        said = "".join(text for text, _ in problem.said)
        assert not said or said == str(problem).replace(f"{tmp_path}{os.sep}", "")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    return paths, warnings


def test_a_question_with_no_rating(panel, tmp_path):
    def change(forms, sources, asks):
        forms[2].scores.pop(asks[2][0])

    paths, warnings = _case(panel, tmp_path, change)
    label = LABELS[panel[1][2][0]]
    # what to do, as the scorecard's warnings say it: 'no rating ticked' alone gave a
    # hiring manager's trial no next step
    said = f"no rating ticked; ask {INTERVIEWERS[1]} for the score, then tick it at {label}"
    assert warnings == [f"{paths[1]}: {label}: {said}"]


def test_a_question_with_three_ratings_says_three_in_the_csv(panel, tmp_path):
    """The CSV's reason a rating does not count said 'two scores ticked' of three (a
    review): it says how many."""

    def change(forms, sources, asks):
        forms[1].scores[asks[1][1]] = [1, 2, 4]

    paths, _ = _case(panel, tmp_path, change)
    label = LABELS[panel[1][1][1]]
    (debrief,) = read_debrief(paths, german_bank(tmp_path), tmp_path / "loose").debriefs
    (row,) = [r for r in rows([debrief]) if r[2] == label and r[5] == INTERVIEWERS[0]]
    assert row[COLUMNS.index("score")] == ""
    assert row[COLUMNS.index("not_rated_because")] == "3 scores ticked"


def test_a_question_with_two_ratings(panel, tmp_path):
    def change(forms, sources, asks):
        forms[1].scores[asks[1][1]] = [2, 4]

    paths, warnings = _case(panel, tmp_path, change)
    label = LABELS[panel[1][1][1]]
    assert warnings == [f"{paths[0]}: {label}: 2 and 4 are both ticked; the rating is not counted"]
    # the debrief's discussion says so too (it said 'no rating from', as if none was ticked);
    # in a German bank's, the note under the scores names the interviewer in German, its
    # words and the label in the look's English (the whole note was English)
    from readback import run_languages

    loose = read_debrief(paths, german_bank(tmp_path), tmp_path / "loose")
    (debrief,) = loose.debriefs
    said = f"{label} has two ratings ticked by {INTERVIEWERS[0]} (2 + 4), so neither counts."
    assert said in debrief.flags
    languages = run_languages(docx.Document(str(loose.written[0])))
    # its '2 + 4' a formula, kept on one line by a no-break space (textkit.kept_spaces)
    assert languages[f"{label} ("] == languages[": 2\u00a0+ 4)"] == {"en"}
    assert languages[INTERVIEWERS[0]] == {None}
    assert not any(f.startswith(f"{label} has no rating") for f in debrief.flags)
    # and the CSV, where it said 'unrated', as for a question skipped
    (row,) = [r for r in rows([debrief]) if r[2] == label and r[5] == INTERVIEWERS[0]]
    assert row[COLUMNS.index("rating")] == "2 + 4"
    assert row[COLUMNS.index("score")] == ""  # no number a sheet sums
    assert row[COLUMNS.index("not_rated_because")] == "2 scores ticked"
    # a --templates debrief.toml from before the words still reads, and says two ticks with
    # the built-in words, as other later words (it said '(1 unrated)', as if skipped)
    from qbank.paths import Templates

    old = tmp_path / "old-look"
    (old / "packet").mkdir(parents=True)
    words = (BUILTIN_TEMPLATES / "packet" / "debrief.toml").read_text(encoding="utf-8")
    (old / "packet" / "debrief.toml").write_text(
        "".join(line for line in words.splitlines(True) if "two_ticked" not in line),
        encoding="utf-8",
    )
    (before,) = read_debrief(paths, BANK, tmp_path / "old", templates=Templates(old)).debriefs
    assert said in before.flags
    [document] = (tmp_path / "old").glob("*.docx")
    text = "\n".join(as_read(c.text) for t in docx.Document(str(document)).tables for c in t._cells)
    assert "(1 two ticked)" in text and "(1 unrated)" not in text


def test_a_recommendation_missing_or_ticked_twice(panel, tmp_path):
    def change(forms, sources, asks):
        forms[1].recommendations = []
        forms[3].recommendations = ["no", "yes"]

    paths, warnings = _case(panel, tmp_path, change)
    assert warnings == [
        f"{paths[0]}: no overall recommendation ticked",
        f"{paths[2]}: No and Yes are both ticked as the overall recommendation; none is counted",
    ]
    # the debrief's discussion names who gave none, for the committee (only the command's
    # warning did); a look from before the words says it in English and is told so
    said = f"{INTERVIEWERS[0]} gave no overall recommendation."
    (debrief,) = read_debrief(paths, BANK, tmp_path / "loose").debriefs
    assert said in debrief.flags
    two = f"{INTERVIEWERS[2]} ticked two overall recommendations (No + Yes), so neither counts."
    assert two in debrief.flags
    words = (PACKET_WORDS / "debrief.toml").read_text(encoding="utf-8")
    line = next(x for x in words.splitlines(True) if x.startswith("flag_no_recommendation"))
    old = own_look(tmp_path / "old", {"packet/debrief.toml": (line, "")})
    (before,) = read_debrief(paths, BANK, tmp_path / "o", templates=Templates(old)).debriefs
    assert said in before.flags
    (warning,) = check_all(Templates(old), ["packet/debrief.toml"])
    assert 'flag_no_recommendation = "{who} gave no overall recommendation."' in warning


@pytest.mark.parametrize(
    ("typed", "told"),
    [
        (None, "the header field 'Date' is empty"),
        # a date no calendar has was listed as typed, unsaid (a trial)
        *(
            (
                day,
                f"the header field 'Date' says '{day}', which is no day of a calendar; the "
                "debrief lists it as typed (correct the field to the day of the interview, as "
                "in 2026-12-06 or 6 Dec 2026)",
            )
            for day in ("yesterday", "31/02/2026")
        ),
    ],
)
def test_a_header_field_left_empty_or_no_date(panel, tmp_path, typed, told):
    def change(forms, sources, asks):
        if typed is None:
            forms[3].header.pop("interview-date")
        else:
            forms[3].header["interview-date"] = typed

    paths, warnings = _case(panel, tmp_path, change)
    assert warnings == [f"{paths[2]}: {told}"]


def test_a_header_typed_beside_its_empty_control_is_read(panel, tmp_path):
    """A name and a date typed into the header's cells land beside their controls, which
    show nothing to click in, and the debrief said each field was empty and named its file
    'no-name' (a trial): the cell's text is read when its control holds none."""
    from lxml import etree

    blank, asks = panel
    forms = {m: filled_for("Ada Lovelace", m, asks[m]) for m in (1, 2, 3)}
    paths = [
        fill(blank / f"debrief-bank-packet-{m}.docx", tmp_path / f"p{m}.docx", forms[m])
        for m in forms
    ]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    typed = docx.Document(paths[2])
    for sdt in typed.element.body.iter(f"{w}sdt"):
        tag = sdt.find(f"{w}sdtPr/{w}tag")
        if tag is None or tag.get(f"{w}val") not in ("candidate", "interviewer", "interview-date"):
            continue
        content = sdt.find(f"{w}sdtContent")
        text = "".join(t.text or "" for t in content.iter(f"{w}t"))
        for child in list(content):
            content.remove(child)
        content.append(etree.SubElement(content, f"{w}r"))  # empty, as the packet makes it
        run = etree.Element(f"{w}r")
        etree.SubElement(run, f"{w}t").text = text
        sdt.addnext(run)  # typed after the control, in its cell
    typed.save(paths[2])
    outcome = read_debrief(paths, BANK, tmp_path / "out")
    assert not [w for w in outcome.warnings if "header field" in w], outcome.warnings
    (debrief,) = outcome.debriefs
    assert debrief.candidate == "Ada Lovelace"

    # another control's value in the cell is not the candidate's name (a hostile trial)
    import copy

    from qbank.debrief.read import read_packet

    crafted = docx.Document(paths[0])
    controls = {
        sdt.find(f"{w}sdtPr/{w}tag").get(f"{w}val"): sdt
        for sdt in crafted.element.body.iter(f"{w}sdt")
        if sdt.find(f"{w}sdtPr/{w}tag") is not None
    }
    candidate = controls["candidate"]
    for child in list(candidate.find(f"{w}sdtContent")):
        child.getparent().remove(child)
    candidate.addnext(copy.deepcopy(controls["interviewer"]))
    crafted.save(tmp_path / "crafted.docx")
    packet = read_packet(tmp_path / "crafted.docx", load_wording())
    assert packet.header["candidate"] == "" and packet.header["interviewer"]


@pytest.mark.parametrize(
    ("first", "again"),
    # Word's AutoCorrect types O’Neill where a browser's field keeps O'Neill (a panel trial)
    [("Grace Hopper", " grace  hopper"), ("Siobhán O'Neill", "siobhán o\u2019neill")],
)
def test_the_same_interviewer_twice_in_one_panel(panel, tmp_path, first, again):
    def change(forms, sources, asks):
        forms[1].header["interviewer"] = first
        forms[3].header["interviewer"] = again

    paths, warnings = _case(panel, tmp_path, change)
    # what it does and what to do: a coordinator's trial's Edsger typed Grace's name, and
    # the debrief's tables showed Grace twice, her recommendations two steps apart
    assert warnings == [
        f"{paths[2]}: the interviewer {again.strip()} also filled in {paths[0]} for this "
        "candidate; both count under that name (if one of the two is a slip, correct its "
        "field 'Interviewer')"
    ]


def test_a_question_rated_in_two_packets_of_one_panel(panel, tmp_path):
    def change(forms, sources, asks):  # the third interviewer was handed packet 1 again
        sources[3] = sources[1]
        forms[3] = filled_for("Ada Lovelace", 3, asks[1])

    # each question by the look's label, P2, as the debrief prints it (it said Q2)
    paths, warnings = _case(panel, tmp_path, change, labelled_look(tmp_path / "look"))
    first, second = (LABELS[qid].replace("Q", "P") for qid in panel[1][1][:2])
    assert warnings == [
        f"{paths[0]}: as this packet records it, the panel for Ada Lovelace "
        "had 3 interviewers, but the packet of "
        "interviewer 3 of 3 is not among the files given; the debrief covers only the packets "
        "given",
        f"{paths[2]}: {first}: also rated in {paths[0]} for this candidate",
        f"{paths[2]}: {second}: also rated in {paths[0]} for this candidate",
    ]


def test_one_interview_given_twice_is_refused(panel, tmp_path):
    """One interviewer's packet given twice (its DOCX and its PDF, both sent out, or a copy)
    counted twice in every score: 3.31 became 3.51, with a warning on stderr alone."""
    blank, asks = panel
    forms = {m: filled_for("Ada Lovelace", m, asks[m]) for m in (1, 2, 3)}
    sources = {m: blank / f"debrief-bank-packet-{m}.docx" for m in (1, 2, 3)}
    paths = [fill(sources[m], tmp_path / f"p{m}.docx", forms[m]) for m in forms]
    again = fill(sources[1], tmp_path / "p1-again.docx", forms[1])
    look = Templates(labelled_look(tmp_path / "look"))  # its questions P1 ... (they said Q1)
    with pytest.raises(QbankError) as refused:
        read_debrief([*paths, again], BANK, tmp_path / "out", templates=look)
    labels = [LABELS[qid].replace("Q", "P") for qid in asks[1]]
    listed = ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else labels[0]
    assert refused.value.message == (
        f"{again}: {forms[1].header['interviewer']} also rated {listed} in {paths[0]} for "
        "this candidate: one interview given twice would count twice in every score; give "
        "one of the two packets"
    )
    assert not (tmp_path / "out").exists()
    # two interviews by one interviewer, the second given twice: the copy is caught against
    # the second, not only against the first (a third packet escaped)
    forms[2].header["interviewer"] = forms[1].header["interviewer"]
    second = fill(sources[2], tmp_path / "p2-same.docx", forms[2])
    copy = fill(sources[2], tmp_path / "p2-copy.docx", forms[2])
    with pytest.raises(QbankError) as refused:
        read_debrief([paths[0], second, paths[2], copy], BANK, tmp_path / "out")
    assert refused.value.message.startswith(f"{copy}: {forms[2].header['interviewer']} also rated")
    assert f" in {second} for this candidate" in refused.value.message


def test_the_packet_records_its_bank_build_and_questions(panel):
    blank, asks = panel
    packet = read_packet(blank / "debrief-bank-packet-2.docx", load_wording())
    identity = packet.identity
    assert (identity.bank, identity.member, identity.panel) == ("debrief-bank", 2, 3)
    assert identity.settings == "panel=3 paper=a4 seed=1"
    assert [qid for qid, _ in identity.questions] == asks[2]
    assert packet.role == "Senior Platform Security Engineer"
    assert packet.header == {"candidate": "", "interviewer": "", "interview-date": ""}


def test_nothing_is_written_when_the_build_fails(filled, tmp_path, monkeypatch):
    from qbank.debrief import spreadsheet

    def broken(path, debriefs, words=str, label=None, say=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("qbank.debrief.write_csv", broken)
    assert spreadsheet.write_csv is not broken
    with pytest.raises(QbankError) as error:  # a full disk: one line, never a traceback
        read_debrief(filled, BANK, tmp_path)
    # as a build's step says it
    assert str(error.value) == f"debrief: cannot write {tmp_path}: No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_a_packet_scored_on_another_scale_is_refused(cli, filled, tmp_path):
    rescaled = tmp_path / "debrief-bank.yaml"
    scale = (
        "rubric:\n"
        "  - {score: 1, label: Missed, anchor: Did not answer.}\n"
        "  - {score: 2, label: Met, anchor: Answered it.}\n"
        "  - {score: 3, label: Exceeded, anchor: Went further.}\n"
    )
    text = BANK.read_text(encoding="utf-8")
    rescaled.write_text(text.replace("sections:\n", scale + "sections:\n", 1), "utf-8")
    result = cli("debrief", filled[0], "--bank", rescaled, "--out", tmp_path / "o")
    assert result.exit_code == 1
    assert result.output == (
        f"{filled[0]}: the rating scale changed since the packet was built (the packet scores "
        "1 2 3 4 5, the bank now 1 2 3); debrief with the bank and look the packet was built "
        "with (a look of your own: --templates FOLDER, the folder whose packet/rubric.toml it "
        "used), or build and fill in a new packet\n"
    )
    # the same scores, a label renamed: said as such ("or its labels changed" left it open)
    five = "\n".join(
        f"  - {{score: {n}, label: Level {n}, anchor: At level {n}.}}" for n in range(1, 6)
    )
    rescaled.write_text(text.replace("sections:\n", f"rubric:\n{five}\nsections:\n", 1), "utf-8")
    result = cli("debrief", filled[0], "--bank", rescaled, "--out", tmp_path / "o")
    assert result.exit_code == 1
    assert result.output.startswith(
        f"{filled[0]}: the rating scale's labels changed since the packet was built (both "
        "score 1 2 3 4 5); debrief with"
    )


def test_notes_are_found_under_labels_of_ones_own_words(cli, tmp_path):
    """A packet built with --templates may call its notes anything: the debrief finds them
    by the packet's structure, without those templates."""
    look = own_labels(tmp_path / "look", "Observations", "Why")
    args = ("--all", "--templates", look, "--out", tmp_path / "blank")
    assert cli("packet", "--bank", BANK, *args).exit_code == 0
    blank = tmp_path / "blank" / "debrief-bank-packet-all.docx"
    asks = question_ids(blank)
    form = filled_for("Ada Lovelace", 1, asks)
    packet = fill(blank, tmp_path / "filled.docx", form, labels=("Observations", "Why"))
    read = read_packet(packet, load_wording())
    assert {q: a.notes for q, a in read.answers.items()} == form.notes
    assert read.evidence == form.evidence


@pytest.mark.parametrize("where", ["current folder", "packets' folder"])
def test_debrief_finds_the_packets_bank_by_its_name(cli, filled, tmp_path, monkeypatch, where):
    packets = tmp_path / "filled"
    packets.mkdir()
    for path in filled[:3]:
        (packets / path.name).write_bytes(path.read_bytes())
    (tmp_path / "other.yaml").write_text("questions: []\n", encoding="utf-8")  # not its bank
    bank_folder = tmp_path if where == "current folder" else packets
    (bank_folder / BANK.name).write_bytes(BANK.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = cli("debrief", *(f"filled/{p.name}" for p in filled[:3]), "--out", "debrief")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "debrief/debrief-bank-debrief-ada-lovelace.docx"


def test_debrief_without_the_bank_says_where_it_looked(cli, filled, tmp_path, monkeypatch):
    missing = os.strerror(errno.ENOENT)
    monkeypatch.chdir(tmp_path)
    result = cli("debrief", filled[0], "--out", "debrief")
    assert result.exit_code == 2
    looked = (
        "the packets were built from the bank 'debrief-bank', but no debrief-bank.yaml is in "
        f"this folder and {filled[0].parent}; give it with --bank"
    )
    assert result.stderr.strip() == looked
    # a packet that cannot be read is said with it, the bank's line last, nothing written:
    # it was said alone, the damaged packet a run later
    (tmp_path / "damaged.docx").write_text("not a packet", encoding="utf-8")
    both = cli("debrief", "damaged.docx", filled[0], "--out", "debrief")
    assert both.exit_code == 1, both.output
    damaged, bank = both.stderr.splitlines()
    assert damaged.startswith("damaged.docx: the file is damaged or is not a Word document")
    assert bank == looked
    assert not (tmp_path / "debrief").exists()
    # so is a --bank that cannot be read
    given = cli("debrief", "damaged.docx", filled[0], "--bank", "nope.yaml", "--out", "debrief")
    assert given.exit_code == 1
    assert given.stderr.splitlines() == [damaged, "nope.yaml: cannot read the bank: " + missing]
    assert not (tmp_path / "debrief").exists()


def test_the_debriefs_options_are_checked_as_a_builds(filled, tmp_path):
    with pytest.raises(OptionError, match="--strict 'yes': give true or false"):
        read_debrief(filled, BANK, tmp_path, strict="yes")
    assert list(tmp_path.iterdir()) == []


def test_the_debrief_reports_progress_as_a_build_does(filled, tmp_path):
    done: list[int] = []

    @contextmanager
    def progress(items: int, steps: int):
        done.append(items)
        yield done.append

    read_debrief(filled, BANK, tmp_path, progress=progress)
    # a step a packet read and one for the writing (a library trial: it was told once, every
    # packet read, so a nightly job could neither show the reading nor stop it)
    assert done == [len(filled) + 1, *[1] * (len(filled) + 1)]

    class Stop(Exception):
        pass

    @contextmanager
    def stopped(items: int, steps: int):
        def advance(n: int) -> None:
            raise Stop

        yield advance

    with pytest.raises(Stop):  # raised after the first packet: nothing more read or written
        read_debrief(filled, BANK, tmp_path / "stopped", progress=stopped)
    assert not (tmp_path / "stopped").exists()


def test_a_packet_given_twice_is_read_once(cli, filled, tmp_path):
    """A shell pattern that matches a packet twice, or a link to it: the packet counts once
    (it counted twice, and every row of the CSV showed twice), and the debrief says so."""
    link = tmp_path / "link.docx"
    link.symlink_to(filled[0])
    once = cli("debrief", *filled[:3], "--bank", BANK, "--out", tmp_path / "once")
    twice = cli(
        "debrief", *filled[:3], filled[0], link, "--bank", BANK, "--out", tmp_path / "twice"
    )
    assert once.exit_code == twice.exit_code == 0, twice.output
    assert twice.stderr.splitlines() == [
        *once.stderr.splitlines(),
        f"{filled[0]}: given more than once; it is read once",
        f"{link}: the same file as {filled[0]}; it is read once",
    ]
    (csv_name,) = [p.name for p in (tmp_path / "once").glob("*.csv")]
    assert (tmp_path / "twice" / csv_name).read_bytes() == (
        tmp_path / "once" / csv_name
    ).read_bytes()


def test_packets_built_from_the_example_bank_find_it(cli, tmp_path, monkeypatch):
    """In a folder without a bank, `packet` builds from the bundled example bank; `debrief`
    of that packet finds the same bank without --bank."""
    monkeypatch.chdir(tmp_path)
    built = cli("packet", "--candidate", "Ada Lovelace", "--count", "3")
    assert built.exit_code == 0, built.output
    [packet] = (tmp_path / "output").glob("*.docx")
    result = cli("debrief", rated(packet, "Alex Kim"), "--out", "debrief")
    assert result.exit_code == 0, result.output
    assert "debrief/ai-cybersecurity-analyst-debrief-ada-lovelace.docx" in result.stdout


def test_the_coordinators_sheet_among_the_packets_is_left_out_with_a_warning(cli, tmp_path):
    """`qbank packet --interviewer A --interviewer B` writes the panel's sheet beside the
    packets, so `debrief packets/*.docx` is given it too: it holds no ratings."""
    out = tmp_path / "packets"
    names = ("--interviewer", "Alex Kim", "--interviewer", "Sam Lee", "--candidate", "Jo")
    assert cli("packet", "--bank", BANK, *names, "--out", out).exit_code == 0
    sheet = out / "debrief-bank-packet-jo-panel.docx"
    blank = cli("debrief", *sorted(out.glob("*.docx")), "--bank", BANK, "--out", tmp_path / "b")
    assert blank.exit_code == 1
    assert "no packet given is filled in" in blank.stderr
    filled = tmp_path / "filled"
    filled.mkdir()
    for packet in sorted(out.glob("*.docx")):  # every question rated: no gap for --strict
        if packet != sheet:
            asks = question_ids(packet)
            everything = Filled(
                header={"candidate": "Jo", "interview-date": "2026-12-01"},
                scores={qid: [3] for qid in asks},
                recommendations=["yes"],
            )
            fill(packet, filled / packet.name, everything)
    shutil.copy(sheet, filled / sheet.name)
    result = cli("debrief", *sorted(filled.glob("*.docx")), "--bank", BANK, "--out", tmp_path / "d")
    assert result.exit_code == 0, result.output
    said = f"{filled / sheet.name}: the panel's coordinator sheet, which holds no ratings; left out"
    assert said in result.stderr.splitlines()
    strict = cli(
        "debrief",
        *sorted(filled.glob("*.docx")),
        "--bank",
        BANK,
        "--strict",
        "--out",
        tmp_path / "strict",
    )
    assert strict.exit_code == 0, strict.output
    assert strict.stderr.splitlines()[0].endswith("which holds no ratings; left out")
    alone = cli("debrief", sheet, "--bank", BANK, "--out", tmp_path / "alone")
    assert alone.exit_code == 1
    assert alone.stderr.splitlines()[:2] == [
        f"{sheet}: the panel's coordinator sheet, which holds no ratings; left out",
        "no interviewer packet among the files given, only the panel's coordinator sheet or a "
        "debrief; give the packets the interviewers filled in",
    ]
    # a trial: the debrief goes into the packets' folder too (output/, by default), and
    # `debrief output/*.docx` again refused it as "not a qbank interviewer packet"
    (debrief,) = (tmp_path / "d").glob("*.docx")
    shutil.copy(debrief, filled / debrief.name)
    again = cli("debrief", *sorted(filled.glob("*.docx")), "--bank", BANK, "--out", tmp_path / "e")
    assert again.exit_code == 0, again.output
    said = f"{filled / debrief.name}: a debrief qbank wrote, not a filled-in packet; left out"
    assert said in again.stderr.splitlines()
    # a debrief of an earlier qbank has no custom properties to say so (a review)
    older = filled / debrief.name
    with zipfile.ZipFile(debrief) as source, zipfile.ZipFile(older, "w") as target:
        for item in source.infolist():
            if item.filename != "docProps/custom.xml":
                target.writestr(item, source.read(item))
    assert "docProps/custom.xml" not in zipfile.ZipFile(older).namelist()
    again = cli("debrief", *sorted(filled.glob("*.docx")), "--bank", BANK, "--out", tmp_path / "f")
    assert again.exit_code == 0, again.output
    assert said in again.stderr.splitlines()


def test_a_packet_that_lost_its_properties_is_refused_by_name_not_left_out_as_a_debrief(
    cli, tmp_path
):
    """A filled packet of the bank 'debrief-bank' whose docProps/custom.xml is gone (a zip
    entry renamed: mutation fuzzing) was taken for a debrief of an older qbank, by the word
    in its name, and left out: "no interviewer packet among the files given", naming no
    file. A packet has boxes, a debrief none: it is refused, named."""
    assert cli("packet", "--bank", BANK, "--out", tmp_path).exit_code == 0
    (packet,) = tmp_path.glob("*.docx")
    assert "debrief" in packet.stem
    damaged = tmp_path / "damaged" / packet.name
    damaged.parent.mkdir()
    with zipfile.ZipFile(packet) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            if item.filename != "docProps/custom.xml":
                target.writestr(item, source.read(item))
    result = cli("debrief", damaged, "--bank", BANK, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{damaged}: not a qbank interviewer packet (its custom properties do not name a "
        "bank); only packets made by `qbank packet` can be read back"
    ]
    assert not (tmp_path / "out").exists()


def rated(packet: Path, interviewer: str) -> Path:
    """`packet` with a 3 ticked for each question, by `interviewer`, written over it."""
    scores = {q: [3] for q in question_ids(packet)}
    return fill(packet, packet, Filled({"interviewer": interviewer}, scores=scores))


def test_candidates_whose_names_differ_only_in_accents_are_named(cli, tmp_path):
    """'José Ruiz' on one packet and 'Jose Ruiz' on another: debriefed as typed, apart,
    with a warning that they may be one candidate (a new-user trial's report)."""
    for name in ("José Ruiz", "Jose Ruiz"):
        assert cli("packet", "--bank", BANK, "--candidate", name, "--out", tmp_path).exit_code == 0
    packets = [rated(p, "Alex Kim") for p in sorted(tmp_path.glob("*.docx"))]
    result = cli("debrief", *packets, "--bank", BANK, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    alike = [line for line in result.stderr.splitlines() if "only in accents" in line]
    assert len(alike) == 1 and "'Jose Ruiz'" in alike[0] and "'José Ruiz'" in alike[0]


@pytest.mark.parametrize(
    "names", [("Rene\u0301 Roy", "Ren\u00e9 Roy"), ("Zo\u00eb O'Brien", "Zo\u00eb O\u2019Brien")]
)
def test_names_alike_but_for_a_mark_that_is_no_accent_are_not_named(cli, tmp_path, names):
    """A Japanese voiced mark makes another name (ジュン, シュン); é typed as e and a
    combining accent is the same name as é, and one candidate; so is an apostrophe typed
    straight or curly, as Word's AutoCorrect makes it (a panel trial: two candidates, or
    a warning that the field named another than the one the packet was built for)."""
    from qbank.debrief.validate import _without_accents

    assert _without_accents("佐藤 ジュン") != _without_accents("佐藤 シュン")
    assert _without_accents("Ana Ruíz") == "Ana Ruiz"
    for name in names:
        folder = tmp_path / name.encode("unicode_escape").decode()
        assert cli("packet", "--bank", BANK, "--candidate", name, "--out", folder).exit_code == 0
    packets = [rated(p, f"Panel {n}") for n, p in enumerate(sorted(tmp_path.rglob("*.docx")))]
    result = cli("debrief", *packets, "--bank", BANK, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "only in accents" not in result.stderr
    assert len(list((tmp_path / "out").glob("*-debrief-*.docx"))) == 1  # one candidate


def test_a_panel_packet_under_a_misspelt_name_is_said_to_be_given(panel, tmp_path):
    """Interviewer 3 typed 'Ada Lovelase': the panel is all there, one name is a slip. The
    debrief says so of each, and never that a given packet is missing (a review's find)."""

    def change(forms, sources, asks):
        forms[3].header["candidate"] = "Ada Lovelase"

    paths, warnings = _case(panel, tmp_path, change)
    assert not [w for w in warnings if "not among the files given" in w]
    slips = [w for w in warnings if "wrote the candidate as" in w]
    assert (
        f"{paths[2]}: interviewer 3 of 3 of the panel for Ada Lovelace wrote the candidate as "
        in (slips[0] if slips[0].startswith(str(paths[2])) else slips[1])
    )


def test_a_missing_list_of_a_damaged_panel_is_short(panel, tmp_path):
    """A packet edited to say it is '1 of 999999': the missing ones are counted, not listed
    (a review's find: 7.9 MB of numbers)."""
    from qbank.debrief.validate import _missing_members
    from qbank.debrief.words import load_words

    blank, asks = panel
    path = fill(
        blank / "debrief-bank-packet-1.docx",
        tmp_path / "p1.docx",
        filled_for("Ada Lovelace", 1, asks[1]),
    )
    packet = read_packet(path, load_wording())
    huge = dataclasses.replace(packet, identity=dataclasses.replace(packet.identity, panel=999_999))
    (said,) = _missing_members([huge], load_words().say, [huge])
    assert len(said.message) < 400 and "and 999990 more of 999999" in said.message


def test_packets_of_two_banks_are_named_by_file(cli, tmp_path):
    """ "The packets come from different banks ('sre', 'dba')" named no file."""
    other = FIXTURES / "packet-platform-security.yaml"
    for bank in (BANK, other):
        assert cli("packet", "--bank", bank, "--out", tmp_path).exit_code == 0
    mine, theirs = tmp_path / f"{BANK.stem}-packet.docx", tmp_path / f"{other.stem}-packet.docx"
    result = cli("debrief", mine, theirs, "--out", tmp_path / "o")
    assert result.exit_code == 2  # a usage error: the command asks for one bank's packets
    banks = f"the packets come from different banks ('{BANK.stem}': {mine}, "
    banks += f"'{other.stem}': {theirs})"
    assert banks in result.output
    damaged = tmp_path / "damaged.docx"
    damaged.touch()
    both = cli("debrief", mine, damaged, theirs, "--out", tmp_path / "o")
    assert both.exit_code == 1
    empty, two = both.stderr.splitlines()
    assert empty.startswith(f"{damaged}: the file is empty") and two.startswith(banks)


def test_a_german_banks_debrief_writes_decimal_commas(filled, result, tmp_path):
    """A trial's German debrief said "3.58 / 5": the bank's language gives the decimal mark
    of its debrief's numbers (the CSV keeps points, for programs)."""
    import re

    outcome = read_debrief(filled, german_bank(tmp_path), tmp_path / "out")
    english = {p.name: p for p in result[1].written}
    german = [p for p in outcome.written if p.suffix == ".docx"]
    assert len(german) == 4
    decimals = spaced = 0
    for path in german:
        said = "\n".join(docx_paragraphs(path))
        before = "\n".join(docx_paragraphs(english[path.name]))
        assert not re.search(r"\d\.\d", said), path.name
        spaced += said.count("\u00a0%")  # German's space before % (the notes keep their own)
        said = said.replace("\u00a0%", "%")
        assert said == re.sub(r"(\d)\.(\d)", r"\1,\2", before)
        decimals += len(re.findall(r"\d,\d", said))
    assert decimals >= 5 and spaced >= 5


@pytest.mark.parametrize(("bank_language", "look_language"), [("", ""), ("de", ""), ("de", "de")])
def test_the_debriefs_words_are_in_the_looks_language(
    filled, tmp_path, bank_language, look_language
):
    """A German bank's debrief said all of it was German, its English words too: Word
    spell-checked 'For discussion' as German, and nothing was hyphenated. The look's words
    say the look's language (English built in), the bank's texts and what the interviewers
    typed the bank's, the document's; an English bank's debrief, or one of a look in the
    bank's language, says none."""
    from readback import run_languages

    bank = german_bank(tmp_path, bank_language) if bank_language else BANK
    look = None
    if look_language:  # translated, and saying so
        look = own_look(
            tmp_path / "look",
            {
                "packet/rubric.toml": ('language = "en"', f'language = "{look_language}"'),
                "packet/debrief.toml": ('"For discussion"', '"Zur Diskussion"'),
            },
        )
    templates = Templates(look) if look else None
    outcome = read_debrief(filled[:3], bank, tmp_path / "out", templates=templates)
    (path,) = [p for p in outcome.written if p.suffix == ".docx"]
    document = docx.Document(str(path))
    languages = run_languages(document)
    footer = run_languages(document, document.sections[0].footer._element)
    tagged = {lang for found in (languages, footer) for langs in found.values() for lang in langs}
    # hyphenated, each run by its language's rules, where the bank's is not English
    settings = document.settings.element
    hyphenated = settings.find(f"{{{settings.nsmap['w']}}}autoHyphenation") is not None
    assert hyphenated is (bank_language == "de")
    if bank_language != "de" or look_language:
        assert tagged == {None}
        return
    assert tagged == {None, "en"}
    for words in ("For discussion", "Recommendation", "Key evidence", "Panel debrief \u00b7"):
        assert languages[words] == {"en"}, words
    assert languages["Q1"] == languages["Interview dates"] == {"en"}
    assert footer["\u00b7 Panel debrief \u00b7"] == footer["\u00b7 confidential"] == {"en"}
    # a flag for discussion: its words the look's, the names in it the bank's (below); the
    # whole line was English, 'Grace Hopper' too
    assert languages["steps apart:"] == languages["(Strong yes)"] == {"en"}
    # the bank's, an interviewer's
    for text in (
        "Basics",
        "Ada Lovelace",
        "Grace Hopper",
        "second point",
        note("Ada Lovelace", "cia-triad").split("\n")[0],
    ):
        assert languages[text] == {None}, text
    assert footer["Ada Lovelace"] == {None}


GERMAN_DEBRIEF = {
    '"Panel debrief"': '"Panel-Auswertung"',
    '"For discussion"': '"Zur Diskussion"',
    '"Recommendation"': '"Empfehlung"',
    '"Key evidence"': '"Wichtigste Belege"',
    '"Interview dates"': '"Gesprächstermine"',
}


def translated_debrief(folder: Path, language: str | None) -> Path:
    """A look whose packet/debrief.toml alone is translated, each of its labels (German
    where GERMAN_DEBRIEF says, marked elsewhere), with `language` written in it if given;
    its packet/rubric.toml the built-in's, which says "en"."""
    text = (BUILTIN_TEMPLATES / "packet/debrief.toml").read_text(encoding="utf-8")
    head, labels = text.split("[labels]\n", 1)
    for english, german in GERMAN_DEBRIEF.items():
        assert english in labels, english
        labels = labels.replace(english, german)
    labels = re.sub(r'(?m)^(\w+ = ")(?!Panel-|Zur |Empf|Wicht|Gespr)', r"\1DE ", labels)
    if language:
        head = f'language = "{language}"\n' + head
    (folder / "packet").mkdir(parents=True)
    (folder / "packet/debrief.toml").write_text(head + "[labels]\n" + labels, encoding="utf-8")
    return folder


@pytest.mark.parametrize("language", [None, "de"])
def test_a_debrief_translated_alone_says_its_language_or_is_told(filled, tmp_path, language):
    """A look whose packet/debrief.toml alone was translated into German, its rubric.toml's
    language still "en": the debrief of an English bank was tagged English throughout, so
    Word spell-checked 'Zur Diskussion' as English, and nothing was said. The file's own
    `language` is its words' (tagged so, the bank's texts untagged); without it, a warning
    says where to write it."""
    from readback import run_languages

    look = translated_debrief(tmp_path / "look", language)
    outcome = read_debrief(filled[:3], BANK, tmp_path / "out", templates=Templates(look))
    told = [w for w in outcome.warnings if "packet/debrief.toml" in w]
    (path,) = [p for p in outcome.written if p.suffix == ".docx"]
    languages = run_languages(docx.Document(str(path)))
    if language is None:
        assert told == [
            f"qbank: {look / 'packet/debrief.toml'}: its words are not the built-in English "
            'ones, but their language is "en" (packet/rubric.toml\'s), which Word and '
            "LibreOffice spell-check and hyphenate them by; write the tag of the language "
            'they are in at the top of this file, as in language = "de" (German) or "fr" (French)'
        ]
        assert languages["Zur Diskussion"] == {None}  # the document's, English: as told
        return
    assert told == []
    for words in ("Zur Diskussion", "Empfehlung", "Wichtigste Belege", "Panel-Auswertung \u00b7"):
        assert languages[words] == {"de"}, words
    for text in ("Basics", "Ada Lovelace", "Grace Hopper", "second point"):
        assert languages[text] == {None}, text  # the bank's, English: the document's


def test_a_debrief_look_with_a_few_words_changed_in_english_is_not_told(filled, tmp_path):
    """A look that rewords a heading or two in English is no translation: no warning."""
    look = own_look(
        tmp_path / "look", {"packet/debrief.toml": ('"For discussion"', '"To talk through"')}
    )
    outcome = read_debrief(filled[:3], BANK, tmp_path / "out", templates=Templates(look))
    assert [w for w in outcome.warnings if "packet/debrief.toml" in w] == []


def test_the_tables_hold_a_looks_words_whole(filled, tmp_path):
    """A German look's debrief broke its words inside narrow columns (a trial): in the
    questions' table 'Hinwei|s', 'gegebe|n', 'Gesehene Merkmal|e', in the scores' '38 (1
    unbewertet' over ')'. Each word of the questions' rating, hint and signals columns and
    of the scores' numbers, heads too, fits its column, as measured in Noto Sans and the
    10 % more that LibreOffice's DejaVu Sans takes."""
    from readback import words_too_wide

    words = (BUILTIN_TEMPLATES / "packet/debrief.toml").read_text(encoding="utf-8")
    for english, german in (
        ('hint = "Hint"', 'hint = "Hinweis"'),
        ('hint_given = "given"', 'hint_given = "gegeben"'),
        ('look_for = "Look for seen"', 'look_for = "Gesehene Merkmale"'),
        ('"({count} unrated)"', '"({count} unbewertet)"'),
    ):
        assert english in words
        words = words.replace(english, german)
    (tmp_path / "look/packet").mkdir(parents=True)
    (tmp_path / "look/packet/debrief.toml").write_text(words, encoding="utf-8")
    templates = Templates(tmp_path / "look")
    outcome = read_debrief(filled[6:], BANK, tmp_path / "out", templates=templates)
    (path,) = [p for p in outcome.written if p.suffix == ".docx"]
    tables = {t.rows[0].cells[0].text: t for t in docx.Document(str(path)).tables}
    questions, too_wide = words_too_wide(tables["Q"], slice(-3, None))
    scores, too_wide_too = words_too_wide(tables["Section"], slice(1, None), bold=True)
    # and each figure on one line, the total's '38 (3 unbewertet)' (English too: a review)
    figures, cut = words_too_wide(tables["Section"], slice(2, 3), bold=True, whole=True)
    assert too_wide + too_wide_too + cut == []
    shown = questions | scores
    assert {"Hinweis", "gegeben", "Merkmale", "unbewertet)"} <= shown
    assert any(f.endswith(" (1 unbewertet)") for f in figures), figures


def test_a_sections_texts_are_in_its_own_language(filled, tmp_path):
    """A German bank's English section said its name and questions were German in the
    debrief, as the packet does not (a trial): Word spell-checked 'What do you do first?'
    as German. They say the section's language; the notes typed under them, the
    interviewer's, stay the bank's."""
    from readback import run_languages

    bank = tmp_path / BANK.name
    text = BANK.read_text(encoding="utf-8").replace("\nquestions:", "\nlanguage: de\nquestions:")
    bank.write_text(text.replace("  - Incidents\n", "  - {name: Incidents, language: en}\n"))
    outcome = read_debrief(filled[:3], bank, tmp_path / "out")
    (path,) = [p for p in outcome.written if p.suffix == ".docx"]
    document = docx.Document(str(path))
    languages = run_languages(document)
    tables: dict[str, set[str | None]] = {}  # a flag's words run on with the name in them
    for table in document.tables:
        for text, found in run_languages(document, table._element).items():
            tables.setdefault(text, set()).update(found)
    assert tables["Incidents"] == {"en"}  # in the scores, the questions' table
    assert languages["The chatbot leaks its system prompt. What do you do first?"] == {"en"}
    assert languages["Basics"] == {None}
    assert languages[note("Ada Lovelace", "prompt-leak").split("\n")[0]] == {None}


@pytest.mark.parametrize(
    ("language", "comma"),
    [("de", True), ("de-DE", True), ("pt-BR", True), ("fr-CA", True), ("de-CH", False),
     ("es-MX", False), ("en", False), ("ja", False), ("", False)],
)  # fmt: skip
def test_the_decimal_mark_follows_the_language_and_its_region(language, comma):
    """A review: Swiss German and Mexican Spanish write a point, and a flag's numbers kept
    theirs in a German debrief."""
    from qbank.debrief.summarise import decimal_comma, number

    assert decimal_comma(language) is comma
    assert number(2.5, decimal_comma(language)) == ("2,5" if comma else "2.5")


@pytest.mark.parametrize("own_words", [False, True])
def test_notes_typed_beside_their_label_are_read(cli, tmp_path, own_words):
    """Word puts the cursor at the end of 'Notes' when one clicks beside it: what is typed
    there, on the label's line, is a note too (the debrief said '(no notes)')."""
    args: tuple = ()
    labels = ("Notes", "Key evidence for the debrief")
    if own_words:
        args = ("--templates", own_labels(tmp_path / "look", "Observations"))
        labels = ("Observations", labels[1])
    assert cli("packet", "--bank", BANK, "--all", *args, "--out", tmp_path).exit_code == 0
    blank = tmp_path / "debrief-bank-packet-all.docx"
    asks = question_ids(blank)
    form = filled_for("Ada Lovelace", 1, asks)
    form.notes = {asks[0]: "on the lines"}
    document = docx.Document(fill(blank, tmp_path / "filled.docx", form, labels=labels))
    beside = [p for p in every_paragraph(document) if p.text in labels]
    beside[0].add_run(": typed beside the label")  # the first question's notes
    beside[1].add_run(" \u2014 and beside the second")
    beside[-1].add_run(" strong hire")  # the key evidence
    document.save(tmp_path / "beside.docx")
    read = read_packet(tmp_path / "beside.docx", load_wording())
    assert read.answers[asks[0]].notes == "typed beside the label\non the lines"
    assert read.answers[asks[1]].notes == "and beside the second"
    assert all(not read.answers[q].notes for q in asks[2:])
    assert read.evidence == "strong hire\n" + form.evidence


# a German look's words for a packet not given, one or more (gap_list joins them)
GERMAN_GAPS = {
    "gap_missing": "{file}: Das Panel für {candidate} hatte {size} Interviewende, aber die "
    "Pakete der Interviewenden {members} von {size} fehlen unter den Dateien",
    "gap_missing_one": "{file}: Das Panel für {candidate} hatte {size} Interviewende, aber "
    "das Paket der Person {members} von {size} fehlt unter den Dateien",
    "gap_list": "{items} und {last}",
}


def test_a_packet_left_blank_is_left_out_and_says_so(cli, panel, tmp_path):
    """A packet sent out and never filled in counted as zeros in every score: 68% with
    two interviewers became 45% with the third's blank packet (a new-user trial)."""
    from qbank.debrief.validate import NOT_FILLED_IN

    blank, asks = panel
    forms = {m: filled_for("Ada Lovelace", m, asks[m]) for m in (1, 2, 3)}
    forms[3] = Filled(header=forms[3].header)  # names and date typed, nothing else
    sources = {m: blank / f"debrief-bank-packet-{m}.docx" for m in (1, 2, 3)}
    paths = [fill(sources[m], tmp_path / f"p{m}.docx", forms[m]) for m in forms]
    three = read_debrief(paths, BANK, tmp_path / "three")
    assert f"{paths[2]}: {NOT_FILLED_IN}; it is left out of the debrief" in three.warnings
    two = read_debrief(paths[:2], BANK, tmp_path / "two")
    assert [dataclasses.replace(d, left_out=()) for d in three.debriefs] == [
        dataclasses.replace(d, left_out=()) for d in two.debriefs
    ]
    # the committee's document says it too, by the file's name (it said it on the terminal
    # only: a trial's panel read as two interviewers with no word of the third)
    left_out = f"p3.docx: {NOT_FILLED_IN}; it is left out of the debrief"
    assert three.debriefs[0].gaps[0] == left_out
    (document,) = [p for p in three.written if p.suffix == ".docx"]
    assert left_out in [p.text.lstrip("\u2022\t") for p in every_paragraph(docx.Document(document))]
    assert any("packet of interviewer 3 of 3 is not among" in g for g in two.debriefs[0].gaps)
    # in a German look's words, one packet or two not given, tagged as its German, the
    # names in it in the bank's language; the command's warnings stay English. It was
    # qbank's English in the German debrief
    from readback import run_languages

    german = own_look(tmp_path / "look", {"packet/rubric.toml": ('e = "en"', 'e = "de"')})
    words = (BUILTIN_TEMPLATES / "packet" / "debrief.toml").read_text(encoding="utf-8")
    for key, said in GERMAN_GAPS.items():
        words = re.sub(rf"(?m)^{key} = .*$", f'{key} = "{said}"', words)
    (german / "packet" / "debrief.toml").write_text(words, encoding="utf-8")
    english = german_bank(tmp_path, "en")  # its names apart from the look's German
    for given, members in ((paths[:2], "3"), (paths[:1], "2 und 3")):
        read = read_debrief(given, english, tmp_path / members, templates=Templates(german))
        assert any("not among the files given" in w for w in read.warnings)
        (document,) = [p for p in read.written if p.suffix == ".docx"]
        languages = run_languages(docx.Document(str(document)))
        many = "_one" if len(given) == 2 else ""
        line = GERMAN_GAPS[f"gap_missing{many}"].format(
            file="p1.docx", candidate="Ada Lovelace", size=3, members=members
        )
        assert read.debriefs[0].gaps == (line,)
        assert languages[": Das Panel für"] == {"de"}
        assert languages["Ada Lovelace"] == {None}
    assert languages["und"] == {"de"}  # the look's '2 und 3'
    # given blank is given: not also "not among the files given" (a review)
    assert not any("not among the files given" in g for g in three.debriefs[0].gaps)
    assert not any("not among the files given" in w for w in three.warnings)
    with pytest.raises(QbankError) as refused:
        read_debrief(paths[2:], BANK, tmp_path / "none")
    assert refused.value.message == (
        f"{paths[2]}: {NOT_FILLED_IN}\n"
        "no packet given is filled in; give the packets the interviewers filled in"
    )
    assert not (tmp_path / "none").exists()
    # blank beside packets refused: in the same list, in the order given, whether a filled
    # packet is given too or not; it was told a run later, once those were mended. Left
    # out only of a debrief that a filled packet makes (a review)
    damaged = tmp_path / "damaged.docx"
    damaged.write_text("not a packet", encoding="utf-8")
    for given, after in (
        ([paths[2], damaged, paths[0]], "; it is left out of the debrief"),
        ([paths[2], damaged], ""),
    ):
        said = cli("debrief", *given, "--bank", BANK, "--out", tmp_path / "refused")
        assert said.exit_code == 1, said.output
        blank_line, damaged_line = said.stderr.splitlines()
        assert blank_line == f"{paths[2]}: {NOT_FILLED_IN}{after}"
        assert damaged_line.startswith(f"{damaged}: the file is damaged or is not a Word document")
        assert not (tmp_path / "refused").exists()
    # a single note or tick is something filled in
    forms[3].notes = {asks[3][0]: "arrived late, asked no questions"}
    noted = fill(sources[3], tmp_path / "p3-noted.docx", forms[3])
    assert len(read_debrief([*paths[:2], noted], BANK, tmp_path / "n").debriefs[0].ratings) > len(
        two.debriefs[0].ratings
    )


def test_two_copies_of_one_packet_without_a_name_are_one_interview(panel, tmp_path):
    """With the Interviewer field left empty, a packet and its copy were read as two
    interviewers, 'Interviewer 1 (no name)' twice, and counted twice (a new-user trial)."""
    from qbank.debrief.validate import UNNAMED

    blank, asks = panel
    form = filled_for("Ada Lovelace", 1, asks[1])
    del form.header["interviewer"]
    source = blank / "debrief-bank-packet-1.docx"
    one, copy = (fill(source, tmp_path / f"{n}.docx", form) for n in ("one", "copy"))
    with pytest.raises(QbankError) as refused:
        read_debrief([one, copy], BANK, tmp_path / "out")
    assert refused.value.message.startswith(
        f"{copy}: interviewer 1 of 3 (no name typed) also rated "
    )
    assert refused.value.message.endswith("give one of the two packets" + UNNAMED)
    # unnamed packets of two interviewers of the panel are two interviews
    other = filled_for("Ada Lovelace", 2, asks[2])
    del other.header["interviewer"]
    second = fill(blank / "debrief-bank-packet-2.docx", tmp_path / "two.docx", other)
    assert len(read_debrief([one, second], BANK, tmp_path / "ok").debriefs) == 1


def _debriefed_question(cli, tmp_path, question: str) -> tuple[list[str], dict[str, str]]:
    """The debrief of one packet of a Markdown bank of one question (its YAML block's
    lines `question`), rated 3: its DOCX's paragraphs and its CSV's row."""
    bank = tmp_path / "one.yaml"
    bank.write_text(
        "title: One\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n    hint: H.\n"
        f"    question: |\n{question}",
        encoding="utf-8",
    )
    assert cli("packet", "--bank", bank, "--out", tmp_path).exit_code == 0
    packet = tmp_path / "one-packet.docx"
    filled = fill(packet, tmp_path / "f.docx", Filled({"interviewer": "A"}, scores={"q": [3]}))
    read_debrief([filled], bank, tmp_path / "d")
    written = next((tmp_path / "d").glob("*.docx"))
    (sheet,) = (tmp_path / "d").glob("*.csv")
    (row,) = list(csv.DictReader(sheet.open(encoding="utf-8-sig")))
    return docx_paragraphs(written), row


def test_a_question_with_code_is_named_by_its_first_paragraph(cli, tmp_path):
    """A new-user trial: the debrief's table and note headings held a Go question's code
    as ordinary text, a row of 12 lines; they name it by its first paragraph, as the
    packet's time plan does."""
    code = "      Find the leak:\n\n      ```go\n      func f() { go g() }\n      ```\n"
    text, row = _debriefed_question(cli, tmp_path, code)
    assert "Find the leak: \u2026" in text
    assert not [p for p in text if "func f()" in p]
    # the CSV's cell holds its words, not its Markdown (a visual review found the fences),
    # on one line, as a bookmark names the question: its code made a row of many lines
    assert row["question_text"] == "Find the leak:"


def test_the_csv_names_a_question_with_a_picture_by_its_words_on_one_line(cli, tmp_path):
    """A new user's trial: the CSV's question_text held the question's picture's alt text
    on a second line, as if it were asked. A spreadsheet's cell names the question on one
    line, as the booklet's bookmark does: its paragraphs' words, the picture left out."""
    from PIL import Image

    Image.new("RGB", (40, 20), "white").save(tmp_path / "topology.png")
    question = (
        "      The diagram shows our setup.\n      App-2 times out.\n\n"
        "      ![Load balancer with two app servers](topology.png)\n\n"
        "      What happens to *users*?\n"
    )
    _, row = _debriefed_question(cli, tmp_path, question)
    said = "The diagram shows our setup. App-2 times out. What happens to users?"
    assert row["question_text"] == said


def test_what_is_typed_beside_a_label_is_told_from_the_label_the_packet_records(cli, tmp_path):
    """A review: the same words typed beside both 'Notes' labels were taken for the label
    (the most common text), and a look's 'Notes for the panel' read as 'Notes' plus a note
    'for the panel' in a packet nobody filled in. A packet records its labels; the reader
    strips exactly those, and a minus after them stays ('-2 for syntax')."""
    look = own_labels(tmp_path / "look", "Notes for the panel", "Belege")
    args = ("--all", "--templates", look, "--out", tmp_path)
    assert cli("packet", "--bank", BANK, *args).exit_code == 0
    blank = tmp_path / "debrief-bank-packet-all.docx"
    untouched = read_packet(blank, load_wording())  # without the look: nothing read
    assert not any(a.notes for a in untouched.answers.values()) and not untouched.evidence
    # nor from a packet built before packets recorded their labels (a review: each of its
    # questions read the note "for the panel")
    import re
    import zipfile

    older = tmp_path / "older.docx"
    with zipfile.ZipFile(blank) as source, zipfile.ZipFile(older, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/custom.xml":
                data = re.sub(rb'<property[^>]*name="qbank\.[a-z]+-label".*?</property>', b"", data)
                assert b"-label" not in data
            target.writestr(info, data)
    before = read_packet(older, load_wording())
    assert before.identity.labels == ("", "")
    assert not any(a.notes for a in before.answers.values()) and not before.evidence
    asks = question_ids(blank)
    document = docx.Document(blank)
    labels = [
        p for p in every_paragraph(document) if p.text.endswith(("Notes for the panel", "Belege"))
    ]
    typed = [": strong", ": strong", " -2 for syntax", " \u2014 asked twice"]
    for paragraph, text in zip(labels, typed, strict=False):
        paragraph.add_run(text)
    labels[-1].add_run(" hire")  # the key evidence
    document.save(tmp_path / "typed.docx")
    read = read_packet(tmp_path / "typed.docx", load_wording())
    notes = [read.answers[q].notes for q in asks]
    assert notes[:4] == ["strong", "strong", "-2 for syntax", "asked twice"]
    assert read.evidence == "hire"


def test_a_note_typed_beside_the_label_of_a_notes_page_of_its_own_is_read(cli, tmp_path):
    """A question whose notes take a page of their own labels them 'Q6 · Notes': what is
    typed beside that label is a note, and the label alone is none (a blank packet of the
    bundled bank read 'Q6 · Notes' as a note, and so as filled in)."""
    out = tmp_path / "p"
    bank = FIXTURES.parent.parent / "bank" / "ai-cybersecurity-analyst.yaml"
    assert cli("packet", "--bank", bank, "--count", "3", "--out", out).exit_code == 0
    (packet,) = out.glob("*.docx")
    assert not any(a.notes for a in read_packet(packet, load_wording()).answers.values())
    document = docx.Document(packet)
    (named, *_) = [p for p in every_paragraph(document) if p.text.endswith(" \u00b7 Notes")]
    label = named.text.split(" \u00b7 ")[0]
    named.add_run(": sure of it")
    document.save(tmp_path / "typed.docx")
    read = read_packet(tmp_path / "typed.docx", load_wording())
    assert [a.notes for a in read.answers.values() if a.notes] == ["sure of it"], label


def test_an_older_packets_labels_are_told_from_what_was_typed_beside_them():
    """A packet built before packets recorded their labels: its label is ours when it
    begins with ours (what was typed beside it is a note), an older look's own label when
    three areas or more say it alike (a third review: a common start of what two
    interviewers typed, 'Notes g', was taken for the label)."""
    from qbank.debrief.read import _area_label

    assert _area_label(["Notes good", "Notes great"], "Notes") == "Notes"
    assert _area_label(["Notes: good start", "Notes: good grasp"], "Notes") == "Notes"
    assert _area_label(["Notes ok", "Notes ok"], "Notes") == "Notes"
    assert _area_label(["Notes for the panel"] * 4, "Notes") == "Notes for the panel"
    assert _area_label(["Observations", "Observations: x", "Observations"], "Notes") == (
        "Observations"
    )


def test_packets_of_two_builds_of_a_panel_are_named_as_such(panel, tmp_path):
    """Seat 2 of another build of the panel (--seed 2), with seats 1 and 3 of the first: the
    debrief said seat 2 of one build and seats 1 and 3 of the other were missing, both
    against the first file given, and nothing of two plans mixed (a trial)."""
    from helpers import run_cli

    blank, asks = panel
    other = tmp_path / "seed2"
    assert (
        run_cli("packet", "--bank", BANK, "--panel", "3", "--seed", "2", "--out", other).exit_code
        == 0
    )
    sources = {1: blank / "debrief-bank-packet-1.docx", 3: blank / "debrief-bank-packet-3.docx"}
    sources[2] = other / "debrief-bank-packet-seed2-2.docx"
    paths = [
        fill(
            sources[m],
            tmp_path / f"p{m}.docx",
            filled_for("Ada Lovelace", m, question_ids(sources[m])),
        )
        for m in (1, 2, 3)
    ]
    said = read_debrief(paths, BANK, tmp_path / "out").warnings
    mixed = [w for w in said if "different builds of the panel" in w]
    assert mixed == [
        f"{paths[0]}: the packets for Ada Lovelace come from 2 different builds of the panel, "
        "each with its own questions (p1.docx and p3.docx; p2.docx); debrief the packets of "
        "one build together"
    ]
    missing = [w for w in said if "not among the files given" in w]
    assert any(w.startswith(f"{paths[1]}: ") and "interviewers 1 and 3 of 3" in w for w in missing)
    assert any(w.startswith(f"{paths[0]}: ") and "interviewer 2 of 3 is" in w for w in missing)


def test_one_plan_printed_on_a4_and_letter_is_one_build(panel, tmp_path):
    """The paper deals no other question: seat 2 printed on Letter among seats 1 and 3 on A4
    was said to come from 'different builds, each with its own questions' (a review)."""
    from helpers import run_cli

    blank, _ = panel
    letter = tmp_path / "letter"
    built = run_cli("packet", "--bank", BANK, "--panel", "3", "--paper", "letter", "--out", letter)
    assert built.exit_code == 0, built.output
    sources = {1: blank / "debrief-bank-packet-1.docx", 3: blank / "debrief-bank-packet-3.docx"}
    sources[2] = letter / "debrief-bank-packet-2.docx"
    paths = [
        fill(source, tmp_path / f"p{m}.docx", filled_for("Ada Lovelace", m, question_ids(source)))
        for m, source in sorted(sources.items())
    ]
    said = read_debrief(paths, BANK, tmp_path / "out").warnings
    assert not any("different builds" in w or "not among the files" in w for w in said), said


def test_a_blank_packet_goes_to_the_panel_it_belongs_to_and_no_other(panel, tmp_path):
    """A review: a blank packet named 'ada  lovelace' was not Ada's (the panels tell names
    apart case and spacing aside, the blank packets did not), and a blank packet with no
    name went into every panel whose seat it could fill, hiding Bob's missing one."""
    blank, asks = panel
    source = {m: blank / f"debrief-bank-packet-{m}.docx" for m in (1, 2, 3)}

    def seat(name: str, m: int, candidate: str) -> Path:
        return fill(source[m], tmp_path / name, filled_for(candidate, m, asks[m]))

    nobody = {"candidate": "", "interviewer": "Edsger Dijkstra", "interview-date": "2026-11-30"}
    paths = [seat(f"ada{m}.docx", m, "Ada Lovelace") for m in (1, 2)]
    paths += [seat(f"bob{m}.docx", m, "Bob Müller") for m in (1, 2)]
    paths.append(fill(source[3], tmp_path / "seat3.docx", Filled(header=nobody)))
    out = read_debrief(paths, BANK, tmp_path / "two")
    assert not any("seat3.docx" in gap for d in out.debriefs for gap in d.gaps)
    missing = [w for w in out.warnings if "interviewer 3 of 3 is not among" in w]
    assert len(missing) == 2  # Ada's and Bob's: the unnamed blank could be either's
    named = dict(nobody, candidate="ada  lovelace")
    paths[-1] = fill(source[3], tmp_path / "ada3.docx", Filled(header=named))
    out = read_debrief(paths, BANK, tmp_path / "named")
    (ada,) = [d for d in out.debriefs if d.candidate == "Ada Lovelace"]
    assert any("ada3.docx" in gap for gap in ada.gaps)
    assert not any("not among" in gap for gap in ada.gaps)


def test_one_unnamed_seat_on_a4_and_letter_is_one_interview_given_twice(panel, tmp_path):
    """The same seat filled twice with no interviewer's name, once printed on A4 and once
    on Letter, counted twice where two A4 copies were refused (a review)."""
    from helpers import run_cli

    blank, asks = panel
    letter = tmp_path / "letter"
    built = run_cli("packet", "--bank", BANK, "--panel", "3", "--paper", "letter", "--out", letter)
    assert built.exit_code == 0, built.output
    paths = []
    for n, source in enumerate(
        (blank / "debrief-bank-packet-2.docx", letter / "debrief-bank-packet-2.docx")
    ):
        form = filled_for("Ada Lovelace", 2, asks[2])
        form.header["interviewer"] = ""
        paths.append(fill(source, tmp_path / f"p{n}.docx", form))
    with pytest.raises(QbankError) as refused:
        read_debrief(paths, BANK, tmp_path / "out")
    assert "one interview given twice would count twice" in refused.value.message


# -- the candidate a packet was built for (packet --candidate) ----------------------------


@pytest.fixture(scope="module")
def built_for(tmp_path_factory) -> tuple[Path, dict[int, list[str]]]:
    """A 3-interviewer panel built for Ada and the same built for Bob, and who asks what."""
    from helpers import run_cli

    out = tmp_path_factory.mktemp("built-for")
    for name in ("Ada Lovelace", "Bob Müller"):
        built = run_cli("packet", "--bank", BANK, "--panel", "3", "--candidate", name, "--out", out)
        assert built.exit_code == 0, built.output
    asks = {m: question_ids(out / f"debrief-bank-packet-ada-lovelace-{m}.docx") for m in (1, 2, 3)}
    return out, asks


def typed_for(built_for, folder: Path, candidate: str, typed: dict[int, str]) -> list[Path]:
    """The panel built for `candidate`, filled in as Ada's is, each Candidate field as
    `typed` has it (as built where it has none)."""
    blank, asks = built_for
    folder.mkdir(exist_ok=True)
    paths = []
    for m in (1, 2, 3):
        form = filled_for("Ada Lovelace", m, asks[m])
        form.header["candidate"] = typed.get(m, candidate)
        source = blank / f"debrief-bank-packet-{slug(candidate)}-{m}.docx"
        paths.append(fill(source, folder / f"{slug(candidate)}-{m}.docx", form))
    return paths


def slug(name: str) -> str:
    from qbank.text import slug

    return slug(name)


def debriefed(cli, paths: list[Path], out: Path) -> tuple[list[str], list[str]]:
    """The debrief's files written, by name, and its warnings."""
    result = cli("debrief", *paths, "--bank", BANK, "--out", out)
    assert result.exit_code == 0, result.output
    return sorted(p.name for p in out.iterdir()), result.stderr.splitlines()


def test_a_candidate_field_edited_or_cleared_is_the_built_for_candidates(cli, built_for, tmp_path):
    """A trial: one interviewer's Candidate changed to 'J. Reyes', or left empty, split the
    panel into two debriefs and a comparison, each saying the other's packets were not
    given. The packet records the candidate it was built for, and is debriefed as theirs."""
    typed = {2: "A. Lovelace", 3: ""}
    paths = typed_for(built_for, tmp_path, "Ada Lovelace", typed)
    files, warnings = debriefed(cli, paths, tmp_path / "out")
    assert files == [
        "debrief-bank-debrief-ada-lovelace.csv",
        "debrief-bank-debrief-ada-lovelace.docx",
    ]
    assert (
        f"{paths[1]}: the packet was built for Ada Lovelace, but its Candidate field says "
        "'A. Lovelace'; it is debriefed with the panel for Ada Lovelace" in warnings
    )
    assert (
        f"{paths[2]}: the header field 'Candidate' is empty; it is debriefed with the panel "
        "for Ada Lovelace, whom the packet was built for" in warnings
    )
    assert not [w for w in warnings if "not among the files given" in w], warnings
    document = docx_paragraphs(tmp_path / "out" / files[1])
    assert any("Ada Lovelace" in p for p in document[:3]), document[:3]
    # a slip, a surname alone, the name reversed, and the case and spacing aside: the panel
    for n, name in enumerate(("Ada Lovelase", "Lovelace", "Lovelace, Ada", "ada  LOVELACE")):
        paths = typed_for(built_for, tmp_path / f"t{n}", "Ada Lovelace", {1: "", 3: name})
        files, warnings = debriefed(cli, paths, tmp_path / f"out{n}")
        assert files == [
            "debrief-bank-debrief-ada-lovelace.csv",
            "debrief-bank-debrief-ada-lovelace.docx",
        ]
        said = [w for w in warnings if w.startswith(f"{paths[2]}: the packet was built for")]
        assert len(said) == (n < 3), warnings


def test_a_packet_built_for_one_candidate_and_used_for_another(cli, built_for, tmp_path):
    """A packet of Ada's panel whose Candidate field names Bob, for whom the other packets
    given were built, is Bob's; one that names a candidate no packet was built for and is
    no short form or slip of Ada's name is that candidate's (a packet used again), and Ada's
    panel says where its third packet went, not that it was not given."""
    ada = typed_for(built_for, tmp_path / "ada", "Ada Lovelace", {3: "Bob Müller"})
    bob = typed_for(built_for, tmp_path / "bob", "Bob Müller", {})
    files, warnings = debriefed(cli, [*ada, *bob[:2]], tmp_path / "out")
    assert "debrief-bank-debrief-bob-müller.docx" in files and len(files) == 5
    assert (
        f"{ada[2]}: the packet was built for Ada Lovelace, but its Candidate field says "
        "'Bob Müller', for whom other packets given were built; it is debriefed with their "
        "panel" in warnings
    )
    bobs = [w for w in warnings if "the panel for Bob Müller" in w]
    assert not bobs, bobs  # his third seat is Ada's packet, typed for him
    used = typed_for(built_for, tmp_path, "Ada Lovelace", {3: "Grace Kelly"})
    files, warnings = debriefed(cli, used, tmp_path / "used")
    assert "debrief-bank-debrief-grace-kelly.docx" in files
    assert (
        f"{used[2]}: the packet was built for Ada Lovelace, but its Candidate field says "
        "'Grace Kelly'; it is debriefed apart, for Grace Kelly (a packet used again for "
        "another candidate): if the candidate was Ada Lovelace, correct the Candidate field"
    ) in warnings
    assert not [w for w in warnings if "for Ada Lovelace had 3 interviewers" in w], warnings
    assert (
        f"{used[2]}: interviewer 3 of 3 of the panel for Ada Lovelace wrote the candidate as "
        "'Grace Kelly'; it is debriefed apart: correct the Candidate field if it is the same "
        "candidate" in warnings
    )


# -- the interviewers a panel was built for (packet --interviewer) -----------------------


@pytest.fixture(scope="module")
def named_panel(tmp_path_factory) -> tuple[dict[int, Path], dict[int, list[str]]]:
    """Ada's panel built with each interviewer's name: each seat's packet, and what it asks."""
    from helpers import run_cli

    out = tmp_path_factory.mktemp("named")
    names = [arg for name in INTERVIEWERS for arg in ("--interviewer", name)]
    built = run_cli("packet", "--bank", BANK, "--candidate", "Ada Lovelace", *names, "--out", out)
    assert built.exit_code == 0, built.output
    seats = {
        m: out / f"debrief-bank-packet-ada-lovelace-{slug(name)}.docx"
        for m, name in enumerate(INTERVIEWERS, start=1)
    }
    return seats, {m: question_ids(path) for m, path in seats.items()}


def named_seat(named_panel, m: int, folder: Path, interviewer: str | None = None) -> Path:
    """Seat `m` of the named panel filled in as Ada's is; its Interviewer field as
    `interviewer` has it (as built when None)."""
    seats, asks = named_panel
    form = filled_for("Ada Lovelace", m, asks[m])
    if interviewer is None:
        del form.header["interviewer"]
    else:
        form.header["interviewer"] = interviewer
    folder.mkdir(exist_ok=True)
    return fill(seats[m], folder / f"seat{m}.docx", form)


def test_an_interviewer_field_cleared_is_named_as_the_packet_was_built(cli, named_panel, tmp_path):
    """A trial: an interviewer who cleared the Interviewer field was 'Interviewer 2 (no
    name)' in every table, and the missing packets were 'interviewers 2 and 4 of 4',
    though the coordinator's sheet named them. The packet records the panel's names."""
    paths = [named_seat(named_panel, 1, tmp_path), named_seat(named_panel, 2, tmp_path, "")]
    files, warnings = debriefed(cli, paths, tmp_path / "out")
    assert warnings == [
        f"{paths[1]}: the header field 'Interviewer' is empty; the debrief names Alan Turing, "
        "whom the packet was built for",
        f"{paths[0]}: as this packet records it, the panel for Ada Lovelace "
        "had 3 interviewers, but the packet of "
        "interviewer 3 (Edsger Dijkstra) of 3 is not among the files given; the debrief "
        "covers only the packets given",
    ]
    sheet = tmp_path / "out" / "debrief-bank-debrief-ada-lovelace.csv"
    with sheet.open(encoding="utf-8-sig", newline="") as source:
        who = {row["interviewer"] for row in csv.DictReader(source)}
    assert who == {"Grace Hopper", "Alan Turing"}
    document = " ".join(docx_paragraphs(tmp_path / "out" / files[1]))
    assert "Alan Turing" in document and "no name" not in document
    # two seats not given are named too; a name typed is the interviewer's, whoever the
    # packet was built for (another interviewer may stand in), with a warning naming both
    # (a name pasted into the filled-in field, 'EEwa Kowalska-Nowakwa Kowalska-Nowak', went
    # into every table unsaid: a panel trial)
    alone = [named_seat(named_panel, 2, tmp_path / "alone", "Barbara Liskov")]
    files, warnings = debriefed(cli, alone, tmp_path / "alone-out")
    assert warnings == [
        f"{alone[0]}: the header field 'Interviewer' says 'Barbara Liskov', but the packet "
        "was built for Alan Turing; the debrief names 'Barbara Liskov' (correct the field "
        "if that is a slip)",
        f"{alone[0]}: as this packet records it, the panel for Ada Lovelace "
        "had 3 interviewers, but the packets of "
        "interviewers 1 (Grace Hopper) and 3 (Edsger Dijkstra) of 3 are not among the files "
        "given; the debrief covers only the packets given",
    ]
    sheet = tmp_path / "alone-out" / "debrief-bank-debrief-ada-lovelace.csv"
    with sheet.open(encoding="utf-8-sig", newline="") as source:
        assert {row["interviewer"] for row in csv.DictReader(source)} == {"Barbara Liskov"}
    # two copies of one seat, neither with a name typed, are one interview given twice
    from qbank.debrief.validate import UNNAMED

    copies = [named_seat(named_panel, 1, tmp_path / f"copy{n}", "") for n in (1, 2)]
    result = cli("debrief", *copies, "--bank", BANK, "--out", tmp_path / "copies")
    assert result.exit_code == 1
    assert f"{copies[1]}: Grace Hopper also rated " in result.stderr
    assert result.stderr.rstrip().endswith(UNNAMED)


def test_a_french_looks_role_label_reads_back_with_its_no_break_space(tmp_path, cli):
    """A look's 'Rôle :' is written with a no-break space before its colon, which keeps
    them on one line (Wml.kept_spaces): the debrief read the label as another and warned
    that the role, which qbank fills in itself, was empty (a review); so were 'Notes :' and
    'Preuves :', each told typed over."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: Banque\nlanguage: fr\nrole: Ingénieur\nsections: [Bases]\nquestions:\n"
        "  - {id: q1, section: Bases, question: Pourquoi ?, hint: Parce que., minutes: 5}\n",
        encoding="utf-8",
    )
    rubric = (BUILTIN_TEMPLATES / "packet/rubric.toml").read_text(encoding="utf-8")
    for old, new in [
        ('role = "Role"', 'role = "Rôle :"'),
        ('notes = "Notes"', 'notes = "Notes :"'),
        ('evidence = "Key evidence for the debrief"', 'evidence = "Preuves :"'),
    ]:
        assert old in rubric
        rubric = rubric.replace(old, new, 1)
    look = tmp_path / "look"
    (look / "packet").mkdir(parents=True)
    (look / "packet" / "rubric.toml").write_text(rubric, encoding="utf-8")
    out = tmp_path / "out"
    assert cli("packet", "--bank", bank, "--all", "--templates", look, "--out", out).exit_code == 0
    (packet,) = out.glob("*.docx")
    header = {"candidate": "Jean Dupont", "interviewer": "Ann", "interview-date": "2026-12-01"}
    filled = Filled(header=header, scores={"q1": [3]}, notes={"q1": "ok"}, recommendations=[])
    labels = ("Notes\u00a0:", "Preuves\u00a0:")  # as the packet writes them
    filled_in = fill(packet, tmp_path / "f.docx", filled, labels)
    read = read_packet(filled_in, load_wording(Templates(look)))
    assert read.role == "Ingénieur"
    # its notes' and key evidence's labels too: each was told 'typed over', its words the
    # notes' first line (a second review)
    assert read.answers["q1"].notes == "ok"
    assert read.answers["q1"].notices == [] and read.notices == []
