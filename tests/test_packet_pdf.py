"""`qbank packet --format pdf`: the fillable PDF packet, filled by real fillers and read back.

One panel of three interviewers is filled three ways: interviewer 1 in pdf.js (the engine
Firefox fills forms with, under Node), interviewer 2 through pypdf's form filling, and
interviewer 3 as a DOCX ticked the way Word ticks. The debrief of that panel must be the
one of the same answers given in three DOCX packets. poppler (pdftoppm) and PDFium
(pypdfium2, forms initialised) render every filled packet, and every ticked box and typed
note must show inside its field; `qpdf --check` must pass before and after filling.

Without node and pdfjs-dist (build/node, installed by .ci/run), qpdf or pdftoppm the tests
that need them skip, saying why; QBANK_REQUIRE_PDFJS=1 (CI) makes that a failure.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from filling import (
    Filled,
    fill,
    fill_pdf_with_pdfium,
    fill_pdf_with_pdfjs,
    fill_pdf_with_pypdf,
    pdf_values,
    pdfjs_lines,
    question_ids,
    widget_rects,
)
from helpers import FIXTURES, labelled_look, run_cli
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, NameObject, NumberObject, TextStringObject
from reportlab.pdfbase.ttfonts import TTFontFile

from qbank.bank import load_bank
from qbank.debrief import read_debrief
from qbank.debrief.read import read_packet
from qbank.debrief.validate import packet_warnings
from qbank.exporters.packet.acroform import TYPED_SIZE
from qbank.exporters.packet.fillable import TYPING_FONT
from qbank.paths import DEFAULT_BANK
from qbank.rubric import load_wording
from qbank.text import shorten, slug

BANK = FIXTURES / "debrief-bank.yaml"
CANDIDATE = "José Łukasz – Nowak"
INTERVIEWERS = ("Łukasz Kowalski", "José García", "Ada – Byron")
SCORES = {
    "cia-triad": 4,
    "authn-authz": 5,
    "threat-model": 2,
    "guardrails": 3,
    "prompt-leak": 1,
    "poisoned-index": 4,
}
HINTS = {"authn-authz", "prompt-leak", "threat-model"}
LOOK_FOR = {"cia-triad": [1, 3], "threat-model": [2], "prompt-leak": [1, 2, 3], "guardrails": [2]}
RECOMMENDATIONS = ("strong-yes", "no", "yes")


def note(qid: str) -> str:
    """Notes as typed: several lines, markup characters, non-Latin-1 text, a blank line,
    and a line longer than any field is wide (it scrolls, and is read back whole)."""
    return (
        f"José said – on {qid}: `rm -rf /` & <b>not</b> {{{{x}}}}\n"
        "  Łukasz asked the follow-up, 50% sure\n\n" + "a long line that runs on " * 12 + "— fin"
    )


def filled_for(member: int, asks: list[str]) -> Filled:
    return Filled(
        header={
            "candidate": CANDIDATE,
            "interviewer": INTERVIEWERS[member - 1],
            "interview-date": "2026-12-03",
        },
        scores={q: [SCORES[q]] for q in asks},
        hints={q for q in asks if q in HINTS},
        look_for={q: LOOK_FOR[q] for q in asks if q in LOOK_FOR},
        notes={q: note(q) for q in asks},
        recommendations=[RECOMMENDATIONS[member - 1]],
        evidence=f"Evidence from {INTERVIEWERS[member - 1]} – Łukasz\nsecond point",
    )


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> tuple[Path, dict[int, list[str]]]:
    """The blank packets of one 3-interviewer panel, as PDF and as DOCX, and who asks what."""
    out = tmp_path_factory.mktemp("blank")
    for fmt in ("pdf", "docx"):
        result = run_cli("packet", "--bank", BANK, "--panel", "3", "--format", fmt, "--out", out)
        assert result.exit_code == 0, result.output
    asks = {m: question_ids(out / f"debrief-bank-packet-{m}.docx") for m in (1, 2, 3)}
    return out, asks


@pytest.fixture(scope="module")
def panels(blank, tmp_path_factory) -> dict[str, list[Path]]:
    """The panel filled three ways (pdf.js, pypdf, Word), and the same answers in DOCX."""
    out, asks = blank
    filled = tmp_path_factory.mktemp("filled")
    forms = {m: filled_for(m, asks[m]) for m in (1, 2, 3)}
    pdf = {m: out / f"debrief-bank-packet-{m}.pdf" for m in (1, 2, 3)}
    docx = {m: out / f"debrief-bank-packet-{m}.docx" for m in (1, 2, 3)}
    mixed = [
        fill_pdf_with_pdfjs(pdf[1], filled / "interviewer1-pdfjs.pdf", forms[1]),
        fill_pdf_with_pypdf(pdf[2], filled / "interviewer2-pypdf.pdf", forms[2]),
        fill(docx[3], filled / "interviewer3-word.docx", forms[3]),
    ]
    words = [fill(docx[m], filled / f"interviewer{m}.docx", forms[m]) for m in (1, 2, 3)]
    return {"mixed": mixed, "docx": words}


def outcome_without_paths(outcome) -> list:
    """What a debrief says, without the packets' file names."""
    return [
        (
            d.candidate,
            d.role,
            [
                (r.question.id, r.interviewer, r.score, r.ticked, r.hint_given, r.look_for, r.notes)
                for r in d.ratings
            ],
            [(v.interviewer, v.recommendation, v.ticked, v.evidence, v.date) for v in d.verdicts],
            [(s.section, s.questions, s.score, s.maximum) for s in d.sections],
            d.flags,
        )
        for d in outcome.debriefs
    ]


def test_a_panel_filled_three_ways_debriefs_as_an_all_docx_panel(panels, blank, tmp_path):
    _, asks = blank
    mixed = read_debrief(panels["mixed"], BANK, tmp_path / "mixed")
    words = read_debrief(panels["docx"], BANK, tmp_path / "docx")
    assert outcome_without_paths(mixed) == outcome_without_paths(words)
    assert mixed.warnings == words.warnings == []
    (debrief,) = mixed.debriefs
    assert debrief.candidate == CANDIDATE
    assert [(s.section, s.score, s.maximum) for s in debrief.sections] == [
        ("Basics", 9, 10),
        ("Design", 5, 10),
        ("Incidents", 5, 10),
    ]
    assert (debrief.total, debrief.maximum) == (19, 30)
    by_id = {r.question.id: r for r in debrief.ratings}
    for qid, score in SCORES.items():
        member = next(m for m, qs in asks.items() if qid in qs)
        rating = by_id[qid]
        assert (rating.score, rating.interviewer, rating.notes) == (
            score,
            INTERVIEWERS[member - 1],
            note(qid),
        )
        assert rating.hint_given == (qid in HINTS)
    verdicts = {v.interviewer: (v.recommendation, v.evidence) for v in debrief.verdicts}
    assert verdicts == {
        INTERVIEWERS[0]: ("Strong yes", f"Evidence from {INTERVIEWERS[0]} – Łukasz\nsecond point"),
        INTERVIEWERS[1]: ("No", f"Evidence from {INTERVIEWERS[1]} – Łukasz\nsecond point"),
        INTERVIEWERS[2]: ("Yes", f"Evidence from {INTERVIEWERS[2]} – Łukasz\nsecond point"),
    }
    assert debrief.flags == (
        f"Recommendations are 2 steps apart: {INTERVIEWERS[0]} (Strong yes), "
        f"{INTERVIEWERS[1]} (No), {INTERVIEWERS[2]} (Yes).",
        f"Q2 was rated 5 (Exceptional) by {by_id['authn-authz'].interviewer}, with a hint given.",
    )


def test_the_cli_debriefs_pdf_and_docx_packets_in_one_call(cli, panels, tmp_path):
    result = cli("debrief", *panels["mixed"], "--bank", BANK, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert (tmp_path / "debrief-bank-debrief-josé-łukasz-nowak.docx").exists()


def test_the_candidate_a_pdf_packet_was_built_for_survives_its_fillers(cli, blank, tmp_path):
    """The names --candidate and --interviewer built the packets for are in the PDF's
    document information after pdf.js and pypdf filled it: a Candidate field written short
    or cleared there is debriefed with the panel, where the panel split in two, and an
    Interviewer field cleared is named as built (a trial)."""
    names = [arg for name in INTERVIEWERS for arg in ("--interviewer", name)]
    options = ("--candidate", CANDIDATE, *names, "--format", "pdf", "--out", tmp_path)
    built = cli("packet", "--bank", BANK, *options)
    assert built.exit_code == 0, built.output
    pdf = {
        m: tmp_path / f"debrief-bank-packet-josé-łukasz-nowak-{slug(name)}.pdf"
        for m, name in enumerate(INTERVIEWERS, start=1)
    }
    forms = {m: filled_for(m, blank[1][m]) for m in (1, 2, 3)}  # names deal no question
    forms[1].header["candidate"], forms[2].header["candidate"] = "J. Nowak", ""
    forms[1].header["interviewer"] = ""
    paths = [
        fill_pdf_with_pdfjs(pdf[1], tmp_path / "pdfjs.pdf", forms[1]),
        fill_pdf_with_pypdf(pdf[2], tmp_path / "pypdf.pdf", forms[2]),
        fill_pdf_with_pdfjs(pdf[3], tmp_path / "as-built.pdf", forms[3]),
    ]
    for path in paths:
        identity = read_packet(path, load_wording()).identity
        assert (identity.candidate, identity.interviewers) == (CANDIDATE, INTERVIEWERS)
    result = cli("debrief", *paths, "--bank", BANK, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == [
        "debrief-bank-debrief-josé-łukasz-nowak.docx"
    ]
    assert result.stderr.splitlines() == [
        f"{paths[0]}: the packet was built for {CANDIDATE}, but its Candidate field says "
        f"'J. Nowak'; it is debriefed with the panel for {CANDIDATE}",
        f"{paths[0]}: the header field 'Interviewer' is empty; the debrief names "
        f"{INTERVIEWERS[0]}, whom the packet was built for",
        f"{paths[1]}: the header field 'Candidate' is empty; it is debriefed with the panel "
        f"for {CANDIDATE}, whom the packet was built for",
    ]


# -- what the packet holds ----------------------------------------------------------------


def test_the_pdf_packet_asks_what_the_docx_packet_asks(blank):
    out, asks = blank
    wording = load_wording()
    for member in (1, 2, 3):
        pdf = read_packet(out / f"debrief-bank-packet-{member}.pdf", wording)
        docx = read_packet(out / f"debrief-bank-packet-{member}.docx", wording)
        assert pdf.identity == docx.identity
        assert [qid for qid, _ in pdf.identity.questions] == asks[member]
        assert (pdf.role, pdf.header) == (docx.role, docx.header)
    text = "\n".join(p.extract_text() for p in PdfReader(out / "debrief-bank-packet-1.pdf").pages)
    text = " ".join(text.split())
    bank = {q.id: q for q in load_bank(BANK).questions}
    for label in (
        "Time plan",
        "How to run this interview",
        "Rating scale",
        "What a strong answer covers",
        "Look for",
        "Rating",
        "Hint given",
        "Notes",
        "Scorecard",
        "Overall recommendation",
        "Strong yes",
        "No decision",
        "Key evidence for the debrief",
        "Interviewer's signature",
        "a note longer than its field is saved in smaller type, so that it prints whole",
    ):
        assert label.casefold() in text.casefold(), label
    assert "Page 1 of" in text
    for qid in asks[1]:
        q = bank[qid]
        for part in (q.question, q.hint, *q.look_for):
            assert " ".join(part.split()) in text, part


def fields_by_name(path: Path) -> dict[str, DictionaryObject]:
    return {
        name: field.indirect_reference.get_object()
        for name, field in (PdfReader(path).get_fields() or {}).items()
    }


def test_every_field_is_built_to_fill_everywhere(blank):
    out, asks = blank
    path = out / "debrief-bank-packet-1.pdf"
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root and "/AA" not in root and "/Names" not in root
    assert "/NeedAppearances" not in root["/AcroForm"]
    names = set()
    text_tips: dict[str, str] = {}  # each text field's tooltip: a screen reader's name
    for number, page in enumerate(reader.pages):
        widgets = [a.get_object() for a in page.get("/Annots", ())]
        if not widgets:
            continue
        assert page["/Tabs"] == "/S", number
        tops = []
        for widget in widgets:
            field = widget if "/T" in widget else widget["/Parent"].get_object()
            name = str(field["/T"])
            names.add(name)
            assert re.fullmatch(r"[a-z0-9_-]+", name), name
            assert widget["/F"] & 4, f"{name}: not printed"
            assert not {"/AA", "/A"} & (set(widget) | set(field)), f"{name}: an action"
            assert "/DA" in widget or "/DA" in field, name
            # pdf.js reads a tooltip (a screen reader's name) from the widget alone
            assert str(widget.get("/TU", "")).strip(), f"{name}: no tooltip in Firefox"
            if field["/FT"] == "/Tx":
                text_tips[name] = str(widget["/TU"])
            normal = widget["/AP"]["/N"]
            if field["/FT"] == "/Btn":
                states = sorted(str(k) for k in normal)
                assert len(states) == 2 and "/Off" in states, (name, states)
                (on,) = [s for s in states if s != "/Off"]
                assert re.fullmatch(r"/[a-z0-9-]+|/Yes", on), on
            else:
                assert normal.get_object().get_data() is not None
            left, bottom, right, top = (float(v) for v in widget["/Rect"])
            tops.append((-round(top), left))
        # widgets in reading order: row by row down the page, left to right in a row
        assert tops == sorted(tops), number
    # no two text fields are named alike: the interview's date and the signature's were both
    # 'Date' to a screen reader (a filling trial)
    assert len(set(text_tips.values())) == len(text_tips), text_tips
    expected = {"role", "candidate", "interviewer", "interview-date", "start-time", "end-time"}
    expected |= {"recommendation", "key-evidence", "signature", "signature-date"}
    for qid in asks[1]:
        expected |= {f"{qid}_rating", f"{qid}_hint-given", f"{qid}_notes"}
        expected |= {f"{qid}_look-for_{n}" for n in range(1, 4) if f"{qid}_look-for_{n}" in names}
    assert names == expected
    fields = fields_by_name(path)
    rating = fields[f"{asks[1][0]}_rating"]
    states = [set(map(str, kid.get_object()["/AP"]["/N"])) for kid in rating["/Kids"]]
    # 'Not rated' first, at the end of the label's line above the scores
    on = ["/unrated", "/s1", "/s2", "/s3", "/s4", "/s5"]
    assert states == [{state, "/Off"} for state in on], states
    # each button says its score, as the words beside it do (the group's tip alone named none)
    levels = ["Not rated", "1 No evidence", "2 Limited", "3 Solid", "4 Strong", "5 Exceptional"]
    tips = [str(kid.get_object()["/TU"]) for kid in rating["/Kids"]]
    assert tips == [f"{rating['/TU']}: {level}" for level in levels], tips
    # a date typed as the debrief reads it, '5 December 2026', is whole on a printed copy (a
    # trial's was cut to '5 December 202'): 2 pt inside the border on each side
    font = TTFontFile(str(TYPING_FONT))
    typed = sum(font.hmetrics[font.charToGlyph[ord(c)]][0] for c in "5 December 2026")
    left, _, right, _ = (float(v) for v in fields["interview-date"]["/Rect"])
    assert right - left - 4 >= typed * TYPED_SIZE / font.unitsPerEm, right - left
    recommendation = [str(kid.get_object()["/TU"]) for kid in fields["recommendation"]["/Kids"]]
    assert recommendation[0] == "Overall recommendation: Strong no", recommendation


def tool_or_skip(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    reason = f"{name} is not installed (apt-get install qpdf poppler-utils, as .ci/run does)"
    if os.environ.get("QBANK_REQUIRE_PDFJS") == "1":
        pytest.fail(f"QBANK_REQUIRE_PDFJS=1 but {reason}")
    pytest.skip(reason)


def test_qpdf_finds_no_error_before_or_after_filling(blank, panels):
    qpdf = tool_or_skip("qpdf")
    out, _ = blank
    for path in [*(out / f"debrief-bank-packet-{m}.pdf" for m in (1, 2, 3)), *panels["mixed"][:2]]:
        done = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0 and "No syntax or stream encoding errors" in done.stdout, (
            path,
            done.stdout,
            done.stderr,
        )


# -- what the fillers' output looks like in poppler and PDFium --------------------------

SCALE = 1.5  # pixels per point


def render_poppler(path: Path, folder: Path) -> list:
    """Every page of `path` as poppler draws it, in grey, one pdftoppm run per file."""
    from PIL import Image

    pdftoppm = tool_or_skip("pdftoppm")
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / path.stem
    subprocess.run([pdftoppm, "-r", str(72 * SCALE), "-gray", str(path), str(stem)], check=True)
    return [Image.open(page).convert("L") for page in sorted(folder.glob(f"{path.stem}-*.pgm"))]


def render_pdfium(path: Path, folder: Path) -> list:
    """Every page of `path` as PDFium (Chrome's engine) draws it with forms initialised."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    document.init_forms()
    pages = [
        page.render(scale=SCALE, may_draw_forms=True).to_pil().convert("L") for page in document
    ]
    document.close()
    return pages


def changed_pixels(before, after, rect: tuple[float, ...], height: float) -> int:
    """Pixels inside `rect` (points, PDF space) that differ clearly between two renders."""
    from PIL import ImageChops

    left, bottom, right, top = rect
    box = (
        int(left * SCALE) + 2,
        int((height - top) * SCALE) + 2,
        int(right * SCALE) - 2,
        int((height - bottom) * SCALE) - 2,
    )
    difference = ImageChops.difference(before.crop(box), after.crop(box))
    return sum(1 for value in difference.tobytes() if value > 60)


@pytest.mark.parametrize("renderer", ["poppler", "pdfium"])
def test_every_tick_and_note_shows_inside_its_field(renderer, blank, panels, tmp_path):
    render = render_poppler if renderer == "poppler" else render_pdfium
    out, asks = blank
    renders: dict[Path, list] = {}
    for member, path in ((1, panels["mixed"][0]), (2, panels["mixed"][1])):
        original = out / f"debrief-bank-packet-{member}.pdf"
        values = pdf_values(filled_for(member, asks[member]))
        reader = PdfReader(path)
        missing = []
        for number, page in enumerate(reader.pages, start=1):
            height = float(page.mediabox.top)
            widgets = [a.get_object() for a in page.get("/Annots", ())]
            shown = []
            for widget in widgets:
                field = widget if "/T" in widget else widget["/Parent"].get_object()
                name = str(field["/T"])
                if name not in values or name in ("candidate",):
                    continue  # the candidate's field was blank in neither
                if field["/FT"] == "/Btn" and widget is not field:  # a radio button
                    if f"/{values[name]}" not in widget["/AP"]["/N"]:
                        continue  # not the chosen one
                shown.append((name, [float(v) for v in widget["/Rect"]]))
            if not shown:
                continue
            if original not in renders:
                renders[original] = render(original, tmp_path / f"{renderer}-blank-{member}")
            if path not in renders:
                renders[path] = render(path, tmp_path / f"{renderer}-filled-{member}")
            before, after = renders[original][number - 1], renders[path][number - 1]
            for name, rect in shown:
                least = 40 if name.endswith(("_notes", "key-evidence")) else 8
                if changed_pixels(before, after, rect, height) < least:
                    missing.append(f"{path.name} page {number}: {name}")
        assert missing == [], renderer


# -- refusals --------------------------------------------------------------------------------


def test_refusals_read_as_those_of_a_docx_packet(cli, panels, tmp_path):
    """A packet of another bank, or of an edited question, is refused with the DOCX's
    words: only the file's name differs."""
    other = FIXTURES / "packet-platform-security.yaml"
    edited = tmp_path / "debrief-bank.yaml"
    text = BANK.read_text(encoding="utf-8")
    for old, new in (
        ("How does the CIA triad apply", "How does the CIA triad relate"),
        ("[trade-offs, a recommendation]", "[trade-offs]"),
        ("Contain, preserve evidence", "Contain, keep evidence"),
        ("  - id: poisoned-index", "  - id: poisoned-store"),
    ):
        text = text.replace(old, new)
    edited.write_text(text, "utf-8")
    pdf, docx = panels["mixed"][1], panels["docx"][1]  # interviewer 2, both ways
    for bank in (other, edited):
        said = []
        for path in (pdf, docx):
            result = cli("debrief", path, "--bank", bank, "--out", tmp_path / "o")
            assert result.exit_code == 1
            said.append(result.output.replace(str(path), "FILE"))
        assert said[0] == said[1] and "FILE: " in said[0]


def tampered(source: Path, target: Path, change) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    fields = {
        str(f["/T"]): f
        for f in (a.get_object() for a in writer._root_object["/AcroForm"]["/Fields"])
    }
    change(fields)
    with open(target, "wb") as out:
        writer.write(out)
    return target


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda f, q: f[f"{q}_notes"].__setitem__(NameObject("/V"), NumberObject(7)),
            "the form field '{q}_notes' holds Number, not text",
        ),
        (  # a Name is a str to pypdf: it was read as the text '/evil'
            lambda f, q: f[f"{q}_notes"].__setitem__(NameObject("/V"), NameObject("/evil")),
            "the form field '{q}_notes' holds Name, not text",
        ),
        (
            lambda f, q: f[f"{q}_hint-given"].__setitem__(NameObject("/FT"), NameObject("/Tx")),
            "the form field '{q}_hint-given' is text, where the packet has a button",
        ),
        (  # mutation fuzzing: it was "is None" and "is /Ch"
            lambda f, q: f[f"{q}_hint-given"].__delitem__("/FT"),
            "the form field '{q}_hint-given' is of no kind, where the packet has a button",
        ),
        (
            lambda f, q: f[f"{q}_notes"].__setitem__(NameObject("/FT"), NameObject("/Ch")),
            "the form field '{q}_notes' is a list to choose from, where the packet has text",
        ),
        (
            lambda f, q: f[f"{q}_hint-given"].__setitem__(
                NameObject("/V"), TextStringObject("maybe")
            ),
            "the form field '{q}_hint-given' holds 'maybe', not the name of a box",
        ),
    ],
)
def test_values_a_packet_cannot_hold_are_refused(cli, panels, blank, tmp_path, change, message):
    _, asks = blank
    qid = asks[2][0]
    path = tampered(panels["mixed"][1], tmp_path / "tampered.pdf", lambda f: change(f, qid))
    result = cli("debrief", path, "--bank", BANK, "--out", tmp_path / "o")
    assert result.exit_code == 1
    assert result.output == (
        f"{path}: {message.format(q=qid)}; the packet was changed by a program other than a "
        "PDF reader: fill in a fresh copy of the packet\n"
    )
    assert not (tmp_path / "o").exists()


def test_a_rating_a_script_wrote_is_read_or_refused_by_its_questions_label(
    cli, panels, blank, tmp_path
):
    """A script that fills the rating with '4 ' or 'four' (text, not a button's name) had
    the whole debrief refused by the field's id, 'graceful-degradation_rating', and told to
    'fill in a fresh copy' (a trial): blanks around a score are read, and a value that is no
    score is refused by the question's label, saying what to do."""
    _, asks = blank
    qid = asks[2][0]
    label = next(q.label for q in load_bank(BANK).questions if q.id == qid).replace("Q", "P")
    look = labelled_look(tmp_path / "look")  # its label, P3, as the debrief prints it (Q3)

    def rated(value, name: str) -> Path:
        change = lambda f: f[f"{qid}_rating"].__setitem__(NameObject("/V"), value)  # noqa: E731
        return tampered(panels["mixed"][1], tmp_path / name, change)

    spaced = rated(TextStringObject("4 "), "spaced.pdf")
    result = cli("debrief", spaced, "--bank", BANK, "--out", tmp_path / "read")
    assert result.exit_code == 0, result.output
    (sheet,) = (tmp_path / "read").glob("*.csv")
    with sheet.open(encoding="utf-8-sig", newline="") as source:
        ratings = {row["question_id"]: row["rating"] for row in csv.DictReader(source)}
    assert ratings[qid] == "4"
    digits = "9" * 5000  # more than int() takes: a refusal, not a traceback
    for value, held in (
        (TextStringObject("four"), "four"),
        (NameObject("/s9"), "s9"),
        (TextStringObject(digits), shorten(digits, 40)),
    ):
        path = rated(value, f"{held}.pdf")
        result = cli(
            "debrief", path, *panels["mixed"][::2], "--bank", BANK, "--out", tmp_path / "o",
            "--templates", look,
        )  # fmt: skip
        assert result.exit_code == 1
        assert result.output == (
            f"{path}: {label} ({qid}): the rating holds '{held}', which is none of the scores "
            "(1, 2, 3, 4, 5); a program other than a PDF reader wrote it: open the packet in "
            f"a PDF reader, choose the rating of {label} again, save it and debrief again\n"
        )
        assert not (tmp_path / "o").exists()  # nor the other packets' debrief (docs/interviews.md)


def test_a_pdf_that_is_no_packet_is_refused(cli, tmp_path):
    from pypdf import PdfWriter

    plain = tmp_path / "letter.pdf"
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    with open(plain, "wb") as out:
        writer.write(out)
    result = cli("debrief", plain, "--bank", BANK, "--out", tmp_path / "o")
    assert result.exit_code == 1
    # a trial printed the filled-in packet to a PDF, which keeps no field and no bank:
    # "not a qbank interviewer packet" said nothing of what had gone wrong
    assert result.output == (
        f"{plain}: a PDF without form fields, which names no bank: a printed copy of a packet "
        "(Print > Save as PDF keeps how it looks, not its fields), or no packet at all; give "
        "the filled-in packet itself, saved with the PDF reader's Save or the browser's "
        "Download button\n"
    )
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 20)
    result = cli("debrief", broken, "--bank", BANK, "--out", tmp_path / "o")
    assert result.exit_code == 1
    # one line, and what to do: it was 'not a PDF document that can be read (...)', pypdf's
    # words, and pypdf's own "EOF marker not found" came first, naming no file
    assert result.output == (
        f"{broken}: the file is damaged or is not a PDF; ask its interviewer to open the "
        "packet in the PDF reader they filled it in with, save it again with its Save (or the "
        "browser's Download button) and give that file; printing it to a PDF would lose its "
        "fields\n"
    )


def test_accept_changes_reads_a_reworded_pdf_packet_as_a_docx_one(panels, tmp_path):
    from qbank.errors import QbankError

    reworded = tmp_path / "debrief-bank.yaml"
    text = BANK.read_text(encoding="utf-8")
    reworded.write_text(
        text.replace("Contain, preserve evidence", "Contain, keep evidence"), "utf-8"
    )
    outcomes = []
    for packets in (panels["mixed"], panels["docx"]):
        with pytest.raises(QbankError) as refused:
            read_debrief(packets, reworded, tmp_path / "refused")
        assert "--accept-changes reads it anyway" in refused.value.message
        outcome = read_debrief(packets, reworded, tmp_path / "out", accept_changes=True)
        outcomes.append(outcome)
    mixed, words = outcomes
    assert mixed.debriefs[0].changed == words.debriefs[0].changed != ()
    assert outcome_without_paths(mixed) == outcome_without_paths(words)


def test_a_notes_field_keeps_its_label_and_never_shrinks_below_the_themes_lines(built):
    """The bundled bank's 60-minute PDF packet: each question's notes field has its label
    just above it on its page; one that the question leaves too little room for starts the
    next page, its label naming the question, and fills that page."""
    from readback import pdf_pages

    from qbank.exporters.packet.fillable import mm
    from qbank.paths import DEFAULT_BANK
    from qbank.wordml.theme import load_theme

    path = built("packet", "--format", "pdf") / f"{DEFAULT_BANK.stem}-packet.pdf"
    theme = load_theme()
    least = theme.integer("notes_lines") * float(theme.layout["line_mm"]) * mm
    reader, pages = PdfReader(path), pdf_pages(path)
    moved = 0
    for number, page in enumerate(reader.pages):
        height = float(page.mediabox.height)
        for annotation in page.get("/Annots") or []:
            field = annotation.get_object()
            if not str(field.get("/T", "")).endswith("_notes"):
                continue
            x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
            assert y1 - y0 >= least - 1, (number + 1, y1 - y0)
            top = height - y1  # from the page's top, as the words are
            words = pages[number].words()
            label = [w for w in words if w.text == "NOTES" and top - 20 < w.bottom <= top + 1]
            assert label, (number + 1, "no NOTES label just above the field")
            line = [w.text for w in words if abs(w.bottom - label[0].bottom) < 1]
            if line != ["NOTES"]:  # "Q6 · NOTES": the field starts a page of its own
                moved += 1
                assert re.fullmatch(r"Q\d+ · NOTES", " ".join(line)), line
                assert y1 - y0 > height / 2
            else:  # the label stands apart from the rating's table above it, as RATING from
                # what it follows: it stood against the table's last rule (a trial)
                above = [s.bottom for s in pages[number].shapes if s.bottom <= label[0].top]
                assert label[0].top - max(above) >= 5, (number + 1, label[0].top - max(above))
    assert moved  # the bundled bank has such a question; the test would pass without one


def test_the_time_plan_keeps_its_heading_and_each_section_name_whole(built):
    """The bundled bank's PDF packet: the plan's heading is on the page of its first rows,
    and its Section column holds 'Scenario-Based' on one line."""
    from qbank.paths import DEFAULT_BANK

    path = built("packet", "--format", "pdf") / f"{DEFAULT_BANK.stem}-packet.pdf"
    pages = [page.extract_text() for page in PdfReader(path).pages]
    (page,) = [text for text in pages if "Time plan" in text]
    assert "Introduction: who you are" in page
    lines = page.splitlines()
    assert any("Scenario-Based" in line for line in lines), lines


def test_the_time_plan_keeps_a_translated_head_whole(cli, tmp_path):
    """A look's words over the plan's time columns hold their longest word on one line: a
    Polish look's 'Początek' broke 'Począ|tek' in the start's column (a panel trial)."""
    from helpers import PLAN_HEADS, plan_heads_look

    look = plan_heads_look(tmp_path / "look")
    given = ("--format", "pdf", "--bank", FIXTURES / "minimal.yaml", "--templates", look)
    assert cli("packet", *given, "--out", tmp_path / "out").exit_code == 0
    (path,) = (tmp_path / "out").glob("*.pdf")
    (page,) = [p.extract_text() for p in PdfReader(path).pages if "Time plan" in p.extract_text()]
    assert all(head in page.split() for head in PLAN_HEADS), page


def test_a_section_name_of_one_long_word_still_builds(cli, tmp_path):
    """The Section column widens to its longest word, at most by half the question's: an
    84-letter name (names may hold 100) made the question's column negative. The question's
    column left so narrow breaks a German word wider than it where German hyphenates it,
    with a '-': it was cut at any letter, 'Informationssicherheitsm|anagementsystem'."""
    bank = tmp_path / "long.yaml"
    name = "Sicherheitsüberprüfungsverfahrensbeschreibung" * 2
    word = "Informationssicherheitsmanagementsystem"
    bank.write_text(
        f"title: Long\nlanguage: de\nquestions:\n  - {{id: a, section: {name[:84]},"
        f" question: Wie baut man ein {word} auf?, hint: H.}}\n",
        encoding="utf-8",
    )
    result = cli("packet", "--format", "pdf", "--bank", bank, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    (path,) = (tmp_path / "out").glob("*.pdf")
    (page,) = [p.extract_text() for p in PdfReader(path).pages if "Time plan" in p.extract_text()]
    # the pieces that end a line with a '-' of their own, in the word's order
    pieces = [line.split()[-1][:-1] for line in page.splitlines() if line.endswith("-")]
    assert pieces and word.startswith("".join(pieces)), page


def test_a_compact_packet_keeps_a_section_heading_with_its_first_question(cli, tmp_path):
    """`--compact`: a section's heading and description go to the next page with a first
    question too tall for the rest of the page (they were left alone at its foot)."""
    hint = "A hint that runs on for a while as a reference answer does. " * 60
    bank = tmp_path / "tall.yaml"
    bank.write_text(
        "title: Tall\nsections:\n  - {name: Opening, description: What the section asks.}\n"
        f"questions:\n  - {{id: a, section: Opening, question: First?, hint: {hint}}}\n",
        encoding="utf-8",
    )
    result = cli(
        "packet", "--format", "pdf", "--compact", "--all", "--bank", bank, "--out", tmp_path
    )
    assert result.exit_code == 0, result.output
    pages = [
        page.extract_text() for page in PdfReader(tmp_path / "tall-packet-all-compact.pdf").pages
    ]
    (heading,) = [n for n, text in enumerate(pages) if "What the section asks." in text]
    assert "First?" in pages[heading]


def test_a_control_character_typed_into_a_field_never_reaches_the_csv(cli, panels, tmp_path):
    """A NUL or a backspace in a PDF field went raw into the debrief's CSV (a DOCX packet's
    shows U+FFFD, which XML gives it)."""
    from pypdf.generic import TextStringObject

    path = tampered(
        panels["mixed"][1],
        tmp_path / "nul.pdf",
        lambda f: f["candidate"].__setitem__(NameObject("/V"), TextStringObject("Jane\x00Do\x08e")),
    )
    result = cli("debrief", path, "--bank", BANK, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    (sheet,) = (tmp_path / "o").glob("*.csv")
    text = sheet.read_text(encoding="utf-8-sig")
    assert "\x00" not in text and "\x08" not in text
    assert "Jane\ufffdDo\ufffde" in text


def test_a_long_title_gives_way_to_the_candidates_name_in_the_footer(cli, tmp_path):
    """A trial's footer cut the candidate's name ("Jürgen Groß-Öz…") on every page: printed
    pages part, and the name is what tells whose they are."""
    from readback import pdf_pages

    bank = tmp_path / "long.yaml"
    title = "Teamleitung Kundenservice, strukturiertes Interview für die Stelle im Kundendialog"
    bank.write_text(
        f'title: "{title}"\nquestions:\n  - {{id: a, section: S, question: Q?, hint: H.}}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    name = "Jürgen Groß-Özdemir"
    assert (
        cli(
            "packet", "--bank", bank, "--candidate", name, "--format", "pdf", "--out", out
        ).exit_code
        == 0
    )
    (packet,) = out.iterdir()
    for page in pdf_pages(packet):
        (footer,) = [line for line in page.text().splitlines() if "Candidate:" in line]
        assert footer.endswith(f"… · Candidate: {name}")
        assert footer.startswith(title[:20])


def test_names_in_chinese_are_drawn_in_the_fields_and_the_footer(cli, tmp_path):
    """A trial's Chinese interviewer, candidate and role left their fields and the footer
    blank: the fields drew them in the typing font (Noto Sans), the footer in the page's,
    neither of which has Chinese. Both now draw what their font lacks in the fallback that
    the pages' text uses; the fields keep their values for the debrief."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from readback import pdf_pages

    bank = tmp_path / "zh.yaml"
    bank.write_text(
        "title: 面试\nrole: 数据科学家\n"
        "questions:\n  - {id: a, section: S, question: Q?, hint: H.}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = cli(
        "packet", "--bank", bank, "--candidate", "王小明 Jane", "--interviewer", "李小龍",
        "--format", "pdf", "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (packet,) = out.iterdir()
    fields = {k: v.get("/V") for k, v in PdfReader(packet).get_fields().items()}
    assert {fields["role"], fields["candidate"], fields["interviewer"]} == {
        "数据科学家", "王小明 Jane", "李小龍",
    }  # fmt: skip
    # pdf.js (Firefox) looks for the font /DA names in a field's appearance resources first:
    # without it there, a name typed over in Firefox fell to Helvetica, which has no 'Ł' or
    # '≥', so pdf.js dropped the field's look and set NeedAppearances on the whole packet
    for name, field in PdfReader(packet).get_fields().items():
        if field.get("/FT") == "/Tx" and field.get("/V"):
            widget = field.indirect_reference.get_object()
            font = str(widget["/DA"]).split()[0]
            assert font in widget["/AP"]["/N"]["/Resources"]["/Font"], name

    def drawn(chars, text: str) -> set[str]:  # the fonts that draw `text`'s characters
        found = "".join(c.text for c in chars)
        start = found.index(text)
        return {c.font for c in chars[start : start + len(text)]}

    footer = [c for c in pdf_pages(packet)[1].chars if c.artifact or c.top > 780]
    assert all("Droid" in font for font in drawn(footer, "王小明"))
    # the fields as a printer draws them: flattened into the page, then read back
    document = pdfium.PdfDocument(packet)
    assert pdfium_c.FPDFPage_Flatten(document[0].raw, pdfium_c.FLAT_PRINT) == 1
    flat = tmp_path / "flat.pdf"
    document.save(flat)
    chars = pdf_pages(flat)[0].chars
    for name in ("数据科学家", "王小明", "李小龍"):
        assert all("Droid" in font for font in drawn(chars, name)), name
    assert drawn(chars, "Jane") == {"NotoSans-Regular"}


@pytest.mark.parametrize("rows", [1, 3, 12, 13, 14, 15, 24, 25, 26, 100])
def test_a_long_tables_last_chunk_never_holds_a_row_alone(rows):
    """A trial's time plan put its wrap-up row alone on a page, under a repeated head: a
    table is drawn in chunks of 12 rows, and the last took the one row left."""
    from qbank.exporters.packet.fillable import chunk_starts

    starts = chunk_starts(rows)
    sizes = [b - a for a, b in zip(starts, [*starts[1:], rows], strict=True)]
    assert sum(sizes) == rows and starts[0] == 0
    assert all(0 < size <= 12 for size in sizes)
    assert len(sizes) == 1 or sizes[-1] >= 3, sizes


def test_the_scorecard_keeps_a_french_no_break_space(tmp_path):
    """The scorecard's short question text kept the words but made U+202F a plain blank."""
    bank = tmp_path / "fr.yaml"
    bank.write_text(
        "title: FR\nlanguage: fr\nquestions:\n"
        '  - {id: a, section: S, question: "Le tri est-il stable\u202f?", hint: Oui.}\n',
        encoding="utf-8",
    )
    assert run_cli("packet", "--bank", bank, "--format", "pdf", "--out", tmp_path).exit_code == 0
    pages = [page.extract_text() for page in PdfReader(tmp_path / "fr-packet.pdf").pages]
    shown = [line for text in pages for line in text.splitlines() if "stable" in line]
    assert len(shown) >= 2 and all("stable\u202f?" in line for line in shown), shown


def test_the_scorecard_cuts_a_long_question_after_a_word(tmp_path):
    """The fillable packet's scorecard cut a question too long for its row inside a word
    ('what security risks do they introd…', a French bank's 'Quand gagne-t-on 50 % de mé…'),
    where the DOCX packet's cuts after one: a visual review of both. Each row shows the
    question's start up to a whole word."""
    from readback import pdf_pages

    result = run_cli("packet", "--format", "pdf", "--out", tmp_path)  # the bundled bank
    assert result.exit_code == 0, result.output
    (packet,) = tmp_path.glob("*.pdf")
    questions = {q.label: q.question for q in load_bank(DEFAULT_BANK).questions}
    page = next(p for p in reversed(pdf_pages(packet)) if "Scorecard" in p.text())
    rows = [line.text.split(" ", 1) for line in page.text_lines() if "\u2026" in line.text]
    shown = {label: text.rsplit("\u2026", 1)[0].rstrip() for label, text in rows}
    assert len(shown) >= 5 and set(shown) <= set(questions)
    for label, start in shown.items():
        whole = " ".join(questions[label].split())
        assert whole.startswith(start) and whole[len(start)] in " ,;:", (label, start)


def test_the_scorecard_cuts_a_question_after_a_word_not_inside_a_number(tmp_path):
    """Cut after a word, a question's '1 000 000 €' was cut inside: 'a budget of 1…' or
    'of 1 000…' on the scorecard, a number a thousand times smaller (a review). A number's
    groups, and its sign, are one word there, as on a line."""
    from readback import pdf_pages

    # the number at the row's end, a few characters further each time
    fillers = [" ".join(["so"] * n) for n in range(14, 28)]
    questions = "".join(
        f'  - id: "q{n}"\n    section: "S"\n    question: "Why is it {filler} hard to run a'
        ' team on 1 000 000 € a year for a whole company?"\n    hint: "H."\n'
        for n, filler in enumerate(fillers)
    )
    bank = tmp_path / "bank.yaml"
    bank.write_text(f'title: "Budget"\nsections:\n  - "S"\nquestions:\n{questions}')
    out = tmp_path / "out"
    result = run_cli("packet", "--bank", bank, "--format", "pdf", "--out", out, "--all")
    assert result.exit_code == 0, result.output
    (packet,) = out.glob("*.pdf")
    page = next(p for p in reversed(pdf_pages(packet)) if "Scorecard" in p.text())
    cut = [line.text for line in page.text_lines() if "\u2026" in line.text]
    assert len(cut) == len(fillers), cut
    assert not [line for line in cut if re.search(r"\d\u2026|\d [\d€]*\u2026", line)], cut


def test_signs_typed_into_a_field_are_drawn(tmp_path):
    """A visual review typed 'SpO₂ ≥ 94 % ... ≈ 2,6 mL/h' into a notes field in PDFium
    (Chrome's filler): '≥' and '≈' were blank, for Noto Sans, the font fillers typed in,
    has no relation signs. Fillers type in the theme's monospace font, which has them."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from readback import pdf_pages

    result = run_cli("packet", "--bank", BANK, "--format", "pdf", "--out", tmp_path / "p")
    assert result.exit_code == 0, result.output
    (packet,) = (tmp_path / "p").glob("*.pdf")
    widgets = (
        (number, annotation.get_object())
        for number, page in enumerate(PdfReader(packet).pages)
        for annotation in page.get("/Annots", [])
    )
    number, notes = next((n, w) for n, w in widgets if str(w.get("/T", "")).endswith("_notes"))
    left, bottom, right, top = (float(v) for v in notes["/Rect"])
    typed = "SpO\u2082 \u2265 94 % \u00f7 160 \u2248 2,6 mL/h \u2212 5 \u2192 \u2264 \u2260 \u00b1"
    document = pdfium.PdfDocument(packet)
    document.init_forms()
    page = document[number]
    form = document.formenv.raw
    pdfium_c.FORM_OnAfterLoadPage(page.raw, form)
    x, y = left + 10, top - 10
    pdfium_c.FORM_OnLButtonDown(form, page.raw, 0, x, y)
    pdfium_c.FORM_OnLButtonUp(form, page.raw, 0, x, y)
    for char in typed:
        pdfium_c.FORM_OnChar(form, page.raw, ord(char), 0)
    pdfium_c.FORM_ForceToKillFocus(form)
    filled = tmp_path / "filled.pdf"
    document.save(filled)
    document.close()
    flat = pdfium.PdfDocument(filled)
    assert pdfium_c.FPDFPage_Flatten(flat[number].raw, pdfium_c.FLAT_PRINT) == 1
    flat.save(tmp_path / "flat.pdf")
    chars = pdf_pages(tmp_path / "flat.pdf")[number].chars
    assert typed.replace(" ", "") in "".join(c.text for c in chars).replace(" ", "")
    from reportlab.pdfbase.ttfonts import TTFontFile

    from qbank.paths import FONTS

    signs = [c for c in chars if c.text in typed and not c.text.isascii()]
    for font in {c.font for c in signs}:  # each drawn by a font that has it (not glyph 0)
        has = TTFontFile(str(FONTS / f"{font}.ttf")).charToGlyph
        assert all(ord(c.text) in has for c in signs if c.font == font), font


LONG_NOTE = "\n".join(
    f"{n}: she weighed the rate limits against the cost of a second region, point {n}."
    for n in range(1, 41)
)


@pytest.mark.parametrize("filler", ["pdfium", "pdfjs"])
def test_a_score_taken_back_reads_unrated_and_a_long_note_prints_whole(filler, blank, tmp_path):
    """Two limits a filling trial measured in both fillers. A score, once chosen, could not
    be cleared (a second click keeps a radio button on, whatever NoToggleToOff says): the
    rating's 'Not rated' button, chosen after a score, is read by the debrief as no rating.
    And a note typed past its field was cut on paper at the field's foot: its type size is
    automatic (/DA 0 Tf), which both fillers honour when they draw what is typed, so that
    40 lines in the field of a 5-minute question print whole (PDFium's print flattening)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from readback import pdf_pages, within

    out, asks = blank
    packet, qid = out / "debrief-bank-packet-1.pdf", asks[1][0]
    filled = tmp_path / f"{filler}.pdf"
    if filler == "pdfium":  # as a user clicks: a score, then 'Not rated'
        clicks = [(f"{qid}_rating", "s3"), (f"{qid}_rating", "unrated")]
        fill_pdf_with_pdfium(packet, filled, clicks, {f"{qid}_notes": LONG_NOTE})
    else:
        fill_pdf_with_pdfjs(
            packet, filled, Filled(header={}, notes={qid: LONG_NOTE}, unrated={qid})
        )
    assert fields_by_name(filled)[f"{qid}_rating"]["/V"] == "/unrated"
    read = read_packet(filled, load_wording())
    answer = read.answers[qid]
    assert (answer.scores, answer.rating_held, answer.notes) == ([], "", LONG_NOTE)
    # said as chosen, not as forgotten ('no rating chosen', as the questions left alone: a
    # PDF's rating is chosen from a list, and they were told 'no rating ticked')
    bank = load_bank(BANK)
    label = next(q.label for q in bank.questions if q.id == qid)
    warnings = [str(warning) for warning in packet_warnings(read, bank, load_wording())]
    assert f"{filled}: {label}: no rating ('Not rated' chosen)" in warnings, warnings
    assert not any(w.startswith(f"{filled}: {label}: no rating chosen") for w in warnings)
    other = re.compile(r".*: no rating chosen; ask .+ for the score, then choose it at \S+")
    assert any(other.fullmatch(w) for w in warnings), warnings  # its other one
    assert not any("ticked" in w for w in warnings), warnings
    ((number, (left, bottom, right, top), _),) = widget_rects(packet, f"{qid}_notes")
    document = pdfium.PdfDocument(filled)
    assert pdfium_c.FPDFPage_Flatten(document[number].raw, pdfium_c.FLAT_PRINT) == 1
    document.save(tmp_path / "printed.pdf")
    document.close()
    page = pdf_pages(tmp_path / "printed.pdf")[number]
    box = (left, page.height - top, right, page.height - bottom)
    lines = [w for w in page.text_lines() if re.match(r"\d+: she", w.text)]
    assert [w.text for w in lines] == LONG_NOTE.splitlines()
    assert all(within(w, box) for w in lines), [w.text for w in lines if not within(w, box)]


PARAGRAPH = "She weighed the rate limits against the cost of a second region and chose well."


def test_pdfjs_cuts_a_paragraph_past_what_the_field_holds_at_its_first_size(blank, tmp_path):
    """What pdf.js (Firefox) draws of a key evidence typed as one paragraph, from its own
    layout (tests/pdfjs_lines.mjs: the look Firefox prints and saves). A paragraph that only
    just fits is drawn whole, every line inside the field. One word more, and pdf.js keeps
    the size and draws a line below the field, cut in print, in poppler and everywhere the
    saved look is shown, and longer paragraphs lose up to a quarter of their lines: pdf.js
    checks the fit of a size by the lines' count times the size, then sets them 1.35 times
    the size apart (pdfjs-dist 4.10.38, src/core/annotation.js:2612, _computeFontSize; the
    same in 6.5.438). The field's height, width, font and /DA enter the check and the
    drawing alike, so no packet can make up for it (a sweep of field heights from 40 to 488
    points: 33 to 85% of paragraph lengths cut). PDFium (Chrome) draws the same paragraph
    whole, and the debrief reads it whole from either; and pdf.js draws the same words
    typed as lines whole (docs/clients/pdf-readers.md's advice). This test fails once pdf.js
    draws the paragraph whole: then docs/clients/pdf-readers.md is to be told."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from readback import pdf_pages, within

    out, _ = blank
    packet = out / "debrief-bank-packet-1.pdf"
    words = " ".join([PARAGRAPH] * 12).split(" ")
    texts = [" ".join(words[:n]) for n in range(1, len(words) + 1)]
    # the same words typed as lines of about 40 characters, a line break before each
    # reaches the field's edge: 4 to 24 lines
    lines_of_40 = [" ".join(words[n : n + 7]) for n in range(0, len(words), 7)]
    lined = ["\n".join(lines_of_40[:n]) for n in range(4, len(lines_of_40) + 1, 4)]
    (left, bottom, right, top), layouts = pdfjs_lines(packet, "key-evidence", texts + lined)
    layouts, lined_layouts = layouts[: len(texts)], layouts[len(texts) :]
    font = TTFontFile(str(TYPING_FONT))  # what pdf.js types in: the field's /DA font

    def outside(lines: list) -> list[str]:
        """The lines whose descenders or capitals pass the field's foot or head."""
        return [
            text
            for text, baseline, size in lines
            if baseline + font.descent / 1000 * size < bottom
            or baseline + font.capHeight / 1000 * size > top
        ]

    first = layouts[0][0][2]  # a word's size: the largest pdf.js sets
    at_first = [n for n, lines in enumerate(layouts) if lines[0][2] == first]
    only_just = max(n for n in at_first if not outside(layouts[n]))
    held, past = layouts[only_just], layouts[only_just + 1]
    # the paragraph that only just fits: every word drawn, every line inside the field
    assert len(held) >= 4, [text for text, _, _ in held]  # the theme's 4 ruled lines, typed
    assert " ".join(t.strip() for t, _, _ in held).split() == texts[only_just].split()
    changed = "pdf.js no longer cuts it: say so in docs/clients/pdf-readers.md"
    # one word more: the same size, one line more, below the field
    assert past[0][2] == first and len(past) == len(held) + 1, changed
    assert outside(past) == [past[-1][0]], changed
    assert max(len(outside(lines)) / len(lines) for lines in layouts) > 0.2, changed
    # typed as lines, each is drawn, and inside the field, however many (the docs' advice)
    for typed, lines in zip(lined, lined_layouts, strict=True):
        assert [text.strip() for text, _, _ in lines] == typed.split("\n")
        assert not outside(lines), (typed.count("\n") + 1, outside(lines))
    # PDFium, as in Chrome: the paragraph pdf.js cut, pasted in and printed, is whole
    typed = texts[only_just + 1]
    filled = fill_pdf_with_pdfium(packet, tmp_path / "pdfium.pdf", [], {"key-evidence": typed})
    ((number, _, _),) = widget_rects(packet, "key-evidence")
    document = pdfium.PdfDocument(filled)
    page = document[number]
    assert pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT) == 1
    page.close()
    document.save(tmp_path / "printed.pdf")
    document.close()
    page = pdf_pages(tmp_path / "printed.pdf")[number]
    box = (left, page.height - top, right, page.height - bottom)
    lines = [w for w in page.text_lines() if w.text in typed]
    assert " ".join(w.text for w in lines).split() == typed.split()
    assert all(within(w, box) for w in lines), [w.text for w in lines if not within(w, box)]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_title_that_fits_beside_the_page_number_is_whole_in_the_footer(cli, tmp_path, paper):
    """A visual review: 'Entrevista ... Cuidados Intensivo…' was cut with two inches of the
    line free (the footer kept 30% of the width for 'Page 3 of 15')."""
    from readback import pdf_pages

    bank = tmp_path / "uci.yaml"
    title = "Entrevista para Enfermera/o de Cuidados Intensivos (UCI)"
    bank.write_text(
        f'title: "{title}"\nquestions:\n  - {{id: a, section: S, question: Q?, hint: H.}}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ("--format", "pdf", "--paper", paper, "--out", out)
    assert cli("packet", "--bank", bank, *args).exit_code == 0
    (packet,) = out.iterdir()
    for page in pdf_pages(packet):
        footer = page.text_lines()[-1]
        assert footer.text.startswith(f"{title} · Candidate: ____"), footer.text
        (number,) = [w for w in page.words() if w.text == "Page"]
        assert max(c.x1 for c in footer.chars if c.x1 < number.x0) < number.x0 - 8


def test_a_hints_list_hangs_and_its_quote_stands_in(cli, tmp_path):
    """A visual review: in the fillable packet a list item's second line went back to the
    margin, under its number, and a quote's second line too (one paragraph of lines, the
    quote a first-line indent)."""
    from readback import pdf_pages

    long = "un texto largo que sigue y sigue " * 4
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: a\n    section: S\n"
        "    question: Q?\n    hint: |\n      Primero:\n\n"
        f"      1. Inicio {long}fin.\n      2. Segundo.\n\n      > Cita {long}final.\n",
        encoding="utf-8",
    )
    assert cli("packet", "--bank", bank, "--format", "pdf", "--out", tmp_path).exit_code == 0
    (packet,) = tmp_path.glob("*.pdf")
    page = next(p for p in pdf_pages(packet) if "Primero" in p.text())
    lines = page.text_lines()
    at = {name: next(i for i, line in enumerate(lines) if line.text.startswith(name))
          for name in ("Primero", "1.", "2.", "Cita")}  # fmt: skip
    paragraph = lines[at["Primero"]].x0
    item_text = next(w for w in page.words() if w.text == "Inicio").x0
    assert lines[at["1."]].x0 == pytest.approx(paragraph, abs=1)  # the number at the margin
    assert lines[at["1."] + 1].x0 == pytest.approx(item_text, abs=1)  # the next line hangs
    assert at["2."] > at["1."] + 1
    quote = lines[at["Cita"]].x0
    assert quote > paragraph + 5 and lines[at["Cita"] + 1].x0 == pytest.approx(quote, abs=1)


def test_a_japanese_banks_pdf_packet_says_its_fields_cannot_draw_japanese(cli, tmp_path):
    """A visual review typed Japanese notes into the fillable packet: its field font has no
    kanji, so the interviewer saw blanks (the debrief read them whole). The build says so,
    and which packet shows them."""
    bank = tmp_path / "ja.yaml"
    bank.write_text(
        "title: 質問\nlanguage: ja\nquestions:\n"
        "  - {id: a, section: 基本, question: 何？, hint: 答え。}\n",
        encoding="utf-8",
    )
    result = cli("packet", "--bank", bank, "--format", "pdf", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert "--format pdf: a ja bank's interviewers may type notes" in result.stderr
    assert "the DOCX packet shows what is typed" in result.stderr
    docx_build = cli("packet", "--bank", bank, "--out", tmp_path / "docx")
    assert "--format pdf" not in docx_build.stderr


def test_a_page_that_opens_inside_a_question_is_headed_with_its_number(tmp_path):
    """A long hint pushes a question's rating row and notes to the next page, where they
    stood unnamed (a review: printed, page 8 began 'RATING'); that page is headed 'Q1
    (cont.)', and no page where a question starts is."""
    from readback import pdf_pages

    hint = "".join(f"      - step {n}: a line of the answer's outline\n" for n in range(130))
    bank = tmp_path / "long.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: a\n    section: S\n"
        f"    question: Long?\n    hint: |\n{hint}"
        "  - {id: b, section: S, question: Short?, hint: Yes.}\n",
        encoding="utf-8",
    )
    assert len(load_bank(bank).questions) == 2
    result = run_cli("packet", "--bank", bank, "--out", tmp_path, "--all", "--format", "pdf")
    assert result.exit_code == 0, result.output
    heads = [page.text().split("\n", 1)[0] for page in pdf_pages(tmp_path / "long-packet-all.pdf")]
    continued = [n for n, head in enumerate(heads) if head.endswith("(cont.)")]
    assert continued and all(heads[n] == "Q1 (cont.)" for n in continued), heads
    starts = [n for n, page in enumerate(heads) if page.startswith(("Q1\t", "Q2", "S"))]
    assert not set(starts) & set(continued)


def test_a_packet_saved_with_a_password_says_how_to_read_it(blank, tmp_path):
    """A PDF reader's "protect with a password" made the debrief say "not a PDF document
    that can be read (File has not been decrypted)" (a hostile trial): it says what to do."""
    from pypdf import PdfWriter

    out, _ = blank
    writer = PdfWriter(clone_from=PdfReader(out / "debrief-bank-packet-1.pdf"))
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as file:
        writer.write(file)
    result = run_cli("debrief", locked, "--bank", BANK, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{locked}: the PDF is protected by a password")
    # printing to a PDF, as it advised too, keeps no field to read (a first-hour trial)
    assert "remove the security in its settings" in result.stderr
    assert "printing it to a PDF would lose the fields" in result.stderr
    # protected against changes only: it opens without a password, and is read
    writer = PdfWriter(clone_from=PdfReader(out / "debrief-bank-packet-1.pdf"))
    writer.encrypt("", owner_password="owner")
    with locked.open("wb") as file:
        writer.write(file)
    result = run_cli("debrief", locked, "--bank", BANK, "--out", tmp_path / "out")
    assert "protected by a password" not in result.output
    assert "nothing is filled in" in result.output  # read: a blank packet


def test_the_pdf_scorecard_says_the_debrief_adds_the_scores(blank):
    """The fillable packet's scorecard asked to copy each score and add the subtotals, with
    no field to type them in (an interview trial): on screen the debrief does it."""
    from readback import pdf_text

    out, _ = blank
    text = " ".join(pdf_text(out / "debrief-bank-packet-1.pdf").split())
    assert "the debrief reads each score from its question page and adds them up" in text
    assert "Copy each score from its question page" not in text


def test_the_pdf_packets_links_and_sources_open_their_address(tmp_path):
    """An interviewer on screen could not open a hint's link or a source (a review found no
    URI link in any PDF); an address with a quote and '<' stays whole in its attribute."""
    bank = tmp_path / "links.yaml"
    bank.write_text(
        "title: Links\nmarkup: markdown\nquestions:\n  - id: a\n    section: S\n"
        "    question: Which standard?\n"
        "    hint: 'See [the standard](https://example.org/std?a=1&b=\"2\") first.'\n"
        "    sources: [{title: The guide, url: 'https://example.org/guide?x=<1>'}]\n",
        encoding="utf-8",
    )
    result = run_cli("packet", "--bank", bank, "--out", tmp_path, "--format", "pdf")
    assert result.exit_code == 0, result.output
    uris = {
        str(annotation.get_object()["/A"]["/URI"])
        for page in PdfReader(tmp_path / "links-packet.pdf").pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/Subtype") == "/Link"
    }
    # in ASCII, as a PDF holds an address: '"' and '<' percent-encoded
    assert uris == {"https://example.org/std?a=1&b=%222%22", "https://example.org/guide?x=%3C1%3E"}


def test_the_competency_grid_starts_under_its_heading_and_runs_on(built):
    """The bundled bank's grid of eight competencies with their meanings moved whole to the
    second page and over it to the third, leaving the first half empty under its heading (a
    print shop's trial): its rows part over pages, two at least on either side, the head row
    over each part, and the meanings' column is as wide as the marks leave it."""
    from readback import pdf_pages

    from qbank.paths import DEFAULT_BANK

    (path,) = built("packet", "--format", "pdf").out.glob("*.pdf")
    pages = pdf_pages(path)
    first, second = (page.text() for page in pages[:2])
    assert "Competencies" in first
    names = [c.name for c in load_bank(DEFAULT_BANK).competencies]
    on_first = [name for name in names if name in first]
    on_second = [name for name in names if name in second]
    assert len(on_first) >= 2 and len(on_second) >= 2
    assert on_first + on_second == names
    assert first.count("Competency") == second.count("Competency") == 1  # the head row


def test_a_grid_longer_than_two_pages_has_its_head_row_on_each(cli, tmp_path):
    """Eight competencies with meanings of 990 characters: the grid's rows went on from the
    top of a page with no head row over them (a review), and its heading stood alone."""
    meaning = ("Decides what to log and how to detect abuse of an AI system. " * 17)[:990]
    competencies = "".join(
        f"  - {{name: c{n}, description: {meaning.strip()}}}\n" for n in range(8)
    )
    questions = "".join(
        f"  - {{id: q{n}, section: S, competency: c{n}, question: Q{n}?, hint: H.}}\n"
        for n in range(8)
    )
    bank = tmp_path / "comp.yaml"
    bank.write_text(
        f"title: Comp\ncompetencies:\n{competencies}questions:\n{questions}", encoding="utf-8"
    )
    result = cli("packet", "--format", "pdf", "--count", "8", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    from readback import pdf_pages

    grid = [p.text() for p in pdf_pages(tmp_path / "comp-packet-8q.pdf")]
    grid = [text for text in grid if "Decides what to log" in text]
    assert len(grid) >= 3  # the grid's pages
    assert "Competencies" in grid[0]  # its heading over its first rows
    for text in grid:  # each with the head row over its rows
        assert "Competency" in text.replace("Competencies", ""), text[:200]


def test_a_questions_later_paragraphs_are_set_as_the_question(cli, tmp_path):
    """A Markdown question's first paragraph was set as the question and the ask after its
    quote and code in small body text, where an interviewer could miss it (a visual
    review): its paragraphs are all the question's, its code and quote the items' size."""
    from readback import pdf_pages

    bank = tmp_path / "mq.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n    question: |\n"
        "      Our policy says:\n\n      > Every service may call every other one.\n\n"
        "      What can go wrong with this rule?\n    hint: H.\n",
        encoding="utf-8",
    )
    assert cli("packet", "--format", "pdf", "--bank", bank, "--out", tmp_path).exit_code == 0
    page = next(p for p in pdf_pages(tmp_path / "mq-packet.pdf") if "service" in p.text())
    words = {w.text: w for w in page.words()}
    ask, lead, quoted = words["wrong"], words["policy"], words["service"]
    style = {
        name: next(c for c in page.chars if abs(c.x0 - w.x0) < 0.01 and abs(c.top - w.top) < 1)
        for name, w in (("ask", ask), ("lead", lead), ("quoted", quoted))
    }
    assert style["ask"].font == style["lead"].font and "Bold" in style["ask"].font
    assert style["ask"].size == style["lead"].size > style["quoted"].size
    # the quote with its bar, as in the booklet and on the cards (a visual review)
    rule = (0x8C / 255, 0x95 / 255, 0x9F / 255)  # templates/packet/theme.toml's rule colour
    bars = [
        r
        for r in page.rects
        if r.fill
        and all(abs(a - b) < 0.01 for a, b in zip(r.fill, rule, strict=True))
        and r.x1 < quoted.x0
        and r.top <= quoted.top <= r.bottom
    ]
    assert len(bars) == 1


def test_the_time_plan_names_a_question_by_its_opening_and_its_ask(cli, tmp_path):
    """The time plan named a Markdown question by its first paragraph ('Our policy says:
    …'), which told the interviewer nothing, and a long question took a row of 20 lines (a
    visual review): its first paragraph, then its last, where the ask stands, cut after a
    word at 160 characters, in both packets."""
    from readback import docx_document, pdf_pages

    long = " ".join(["Describe how the service talks to its database and why."] * 8)
    lead = " ".join(["Our policy, which the board approved last spring, says this:"] * 4)
    bank = tmp_path / "plan.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n    question: |\n"
        "      Our policy says:\n\n      > Every service may call every other one.\n\n"
        "      What can go wrong with this rule?\n    hint: H.\n"
        f"  - id: r\n    section: S\n    question: {long}\n    hint: H.\n"
        f"  - id: s\n    section: S\n    question: |\n      {lead}\n\n      > A rule.\n\n"
        "      Which question does it leave open?\n    hint: H.\n",
        encoding="utf-8",
    )
    for fmt in ("pdf", "docx"):
        given = ("packet", "--all", "--format", fmt, "--bank", bank, "--out", tmp_path)
        assert cli(*given).exit_code == 0
    pages = pdf_pages(tmp_path / "plan-packet-all.pdf")
    text = " ".join(" ".join(p.text() for p in pages if "Interview plan" in p.text()).split())
    tables = docx_document(tmp_path / "plan-packet-all.docx").tables
    cells = [cell.text for table in tables for cell in table._cells]
    for shown in (text, " ".join(" ".join(c.split()) for c in cells)):
        assert "Our policy says: \u2026 What can go wrong with this rule?" in shown
        assert long not in shown and long[:100] in shown
        # a long opening is cut before its ask, which stays (a review)
        assert "Which question does it leave open?" in shown and lead not in shown


def test_the_guides_steps_hang_their_lines_under_their_text(built):
    """A step's second line stood 9 pt right of its first line's text (a visual review):
    the number hangs in the indentation, the lines of its text start together."""
    from readback import pdf_pages

    (path,) = built("packet", "--format", "pdf").out.glob("*.pdf")
    page = next(p for p in pdf_pages(path) if "How to run this interview" in p.text())
    words = {w.text: w for w in page.words()}
    first, second = words["Before"], words["listen"]  # step 1's lines
    assert abs(first.x0 - second.x0) < 0.5 and words["1."].x1 < first.x0


def test_a_grid_heading_keeps_a_row_when_the_rest_would_be_too_few_to_go_on(cli, tmp_path):
    """Four described competencies, two of whose rows fit under the heading: two would go
    on, fewer than the three a part that goes on holds, so the grid moved whole and its
    heading stood alone at the page's foot (a review). One row stays, three go on."""
    from readback import pdf_pages

    meaning = "Competency described at some length. " * 14
    competencies = "".join(
        f'  - {{name: c{n}, description: "{meaning.strip()}"}}\n' for n in range(4)
    )
    questions = "".join(
        f"  - {{id: q{n}, section: S, competency: c{n % 4}, question: Q{n}?, hint: H.}}\n"
        for n in range(8)
    )
    bank = tmp_path / "grid4.yaml"
    bank.write_text(f"title: G\ncompetencies:\n{competencies}questions:\n{questions}", "utf-8")
    given = ("packet", "--format", "pdf", "--all", "--bank", bank, "--out", tmp_path)
    assert cli(*given).exit_code == 0
    pages = [p.text() for p in pdf_pages(tmp_path / "grid4-packet-all.pdf")]
    first = next(text for text in pages if "Competencies" in text)
    assert "c0\n" in first  # a row under the heading
    later = pages[pages.index(first) + 1]
    assert all(f"c{n}\n" in later for n in (1, 2, 3)) and "Competency" in later


def test_no_label_stands_alone_at_a_pages_foot(tmp_path):
    """'WHAT A STRONG ANSWER COVERS' was the last line of a page and the hint under it
    started the next, headed 'Q2 (cont.)' (a trial). Questions of 18 to 41 code lines
    bring each label of a question (follow-ups, strong answer, look for, rating) to a
    page's foot in turn: none ends a page, in the full packet or the compact one (the
    notes' label ends one above its field, which is drawn, not text)."""
    from readback import pdf_pages

    wording = load_wording()
    keys = ("follow_ups", "strong_answer", "look_for", "rating")
    labels = {wording(key).upper() for key in keys}
    questions = []
    for lines in range(18, 42):
        code = "".join(f"      line {n}: value = {n * 37 % 101}\n" for n in range(lines))
        questions.append(
            f"  - id: q{lines}\n    section: S\n    question: |\n      ```\n{code}      ```\n"
            "    hint: A plain paragraph hint, no code at all.\n"
            "    follow_ups: [Why that one?, And then?]\n    look_for: [A reason, A limit]\n"
        )
    bank = tmp_path / "tall.yaml"
    bank.write_text("title: T\nmarkup: markdown\nquestions:\n" + "".join(questions), "utf-8")
    for compact in ((), ("--compact",)):
        result = run_cli(
            "packet", "--bank", bank, "--out", tmp_path, "--all", "--format", "pdf", *compact
        )
        assert result.exit_code == 0, result.output
        (path,) = tmp_path.glob(f"tall-packet-all{'-compact' if compact else ''}.pdf")
        ends = []
        for page in pdf_pages(path):
            lines = [line.text for line in page.text_lines() if " of " not in line.text]
            ends.append(lines[-1] if lines else "")
        assert not [(n, end) for n, end in enumerate(ends, start=1) if end in labels], ends


def test_a_compact_question_follows_the_notes_of_the_one_before(tmp_path):
    """`--compact`: where a question's notes did not fit under it they went to the next
    page, and the next question started the page after, leaving the notes alone on theirs
    (6 pages of 148: a trial); a question that fits under them follows them there."""
    from readback import pdf_pages

    questions = []
    for lines in range(30, 42):  # questions whose notes go over to the next page, in turn
        code = "".join(f"      line {n}: value = {n * 37 % 101}\n" for n in range(lines))
        questions.append(
            f"  - id: q{lines}\n    section: S\n    question: |\n      ```\n{code}      ```\n"
            "    hint: A plain paragraph hint, no code at all.\n"
            f"  - {{id: short{lines}, section: S, question: Short {lines}?, hint: Yes.}}\n"
        )
    bank = tmp_path / "tall.yaml"
    bank.write_text("title: T\nmarkup: markdown\nquestions:\n" + "".join(questions), "utf-8")
    args = ("--bank", bank, "--out", tmp_path, "--all", "--compact", "--format", "pdf")
    result = run_cli("packet", *args)
    assert result.exit_code == 0, result.output
    pages = [page.text() for page in pdf_pages(tmp_path / "tall-packet-all-compact.pdf")]
    alone = [text for text in pages if text.split("\n")[:2][-1] == "NOTES" and "?" not in text]
    assert not alone, alone
    heads = [text.split("\n")[:3] for text in pages]
    followed = [h for h in heads if h[0].endswith("(cont.)") and h[1:] == ["NOTES", h[2]]]
    assert followed and all(re.match(r"Q\d+\s+Short", h[2]) for h in followed), heads


def test_a_question_or_signal_taller_than_a_page_runs_on_to_the_next(tmp_path):
    """A question of 120 short code lines (a bank may hold it: 1,000 characters) stopped
    the build with an internal error, and a look-for signal so long too: their lines run
    on over pages, none lost, in the full packet and the compact one."""
    from readback import pdf_pages

    code = "".join(f"      line{n}\n" for n in range(120))
    signal = code.replace("      ", "        ")
    bank = tmp_path / "tall.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n"
        f"  - id: a\n    section: S\n    question: |\n      ```\n{code}      ```\n    hint: H.\n"
        f"  - id: b\n    section: S\n    question: Q?\n    hint: H.\n    look_for:\n      - |\n"
        f"        ```\n{signal}        ```\n",
        encoding="utf-8",
    )
    for compact in ((), ("--compact",)):
        args = ("--bank", bank, "--out", tmp_path, "--all", "--format", "pdf", *compact)
        result = run_cli("packet", *args)
        assert result.exit_code == 0, result.output
        (path,) = tmp_path.glob(f"tall-packet-all{'-compact' if compact else ''}.pdf")
        words = [w.text for page in pdf_pages(path) for w in page.words()]
        lost = [n for n in range(120) if words.count(f"line{n}") < 2]  # the plan shows some
        assert not lost, lost


def test_a_long_not_rated_leaves_the_rating_label_its_line(tmp_path):
    """A look's long 'not rated' took the whole line but the label's longest word: the
    label stood a word a line, 'BEWERTUNG' over 'DER' over 'ANTWORT' ... (a review). The
    header's labels, too, keep their words whole, as the DOCX's: a German look's
    'Interviewer/in' stood 'Interviewer/' over 'in' (a trial)."""
    look = tmp_path / "look"
    assert run_cli("templates", look).exit_code == 0
    rubric = look / "packet" / "rubric.toml"
    words = rubric.read_text(encoding="utf-8")
    words = re.sub(r"(?m)^rating = .*$", 'rating = "Bewertung der Antwort auf einer Skala"', words)
    long = "Nicht bewertet, weil die Frage aus Zeitgründen ausgelassen wurde und keine Antwort"
    words = re.sub(r"(?m)^not_rated = .*$", f'not_rated = "{long}"', words)
    words = re.sub(r"(?m)^interviewer = .*$", 'interviewer = "Interviewer/in"', words)
    rubric.write_text(words, encoding="utf-8")
    out = tmp_path / "out"
    args = ("--bank", BANK, "--out", out, "--templates", look, "--format", "pdf")
    result = run_cli("packet", *args, "--count", "1")
    assert result.exit_code == 0, result.output
    (packet,) = out.glob("*.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(packet).pages)
    assert re.search(r"(?m)^BEWERTUNG DER ANTWORT AUF EINER SKALA$", text), text
    assert re.search(r"(?m)^Interviewer/in$", text), text


def test_a_code_span_in_the_hint_stands_on_the_booklets_ground(cli, tmp_path):
    """A visual review: the PDF packet's code spans (in the box of what a strong answer
    covers) had no ground, where the booklet's have one. Each span stands on one ground
    now, drawn by the booklet's rule (as tall and as far below its baseline for its size),
    darker than the box it stands in; prose has none."""
    from readback import code_runs, grounds, pdf_pages

    bank = tmp_path / "spans.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Which command?\n    hint: It runs `kubectl get pods`, reads `-A` and"
        " checks `restartCount > 3 && ready` first.\n"
        "    note: |\n      Then:\n\n      ```\n      x = compute(y)\n      ```\n",
        encoding="utf-8",
    )
    assert cli("packet", "--format", "pdf", "--bank", bank, "--out", tmp_path).exit_code == 0
    assert cli("booklet", "--bank", bank, "--out", tmp_path).exit_code == 0
    spans = ("kubectl get pods", "-A", "restartCount > 3 && ready")

    def shapes(path: Path) -> list[tuple[float, float, float]]:
        """Each span's ground: how far above and below its baseline, in ems, and its fill."""
        page = next(p for p in pdf_pages(path) if "restartCount" in p.text())
        runs = code_runs(page)[: len(spans)]  # the note's code block after them
        assert ["".join(c.text for c in run) for run in runs] == list(spans)
        found = []
        for run in runs:
            (ground,) = grounds(page, run)  # one for the whole span, over its blanks
            size, baseline = run[0].size, run[0].baseline
            above, below = (baseline - ground.top) / size, (ground.bottom - baseline) / size
            found.append((round(above, 2), round(below, 2), sum(ground.fill)))
        prose = [c for c in page.chars if c.text in "reads" and "Mono" not in c.font]
        assert prose and not any(grounds(page, [c]) for c in prose)
        return found

    packet, booklet = shapes(tmp_path / "spans-packet.pdf"), shapes(tmp_path / "spans-booklet.pdf")
    # a code block's line in the note's paragraph stands on no span's ground (it had one)
    page = next(p for p in pdf_pages(tmp_path / "spans-packet.pdf") if "compute" in p.text())
    (line,) = [run for run in code_runs(page) if "compute" in "".join(c.text for c in run)]
    assert "".join(c.text for c in line) == "x = compute(y)"
    assert not grounds(page, line)
    assert [s[:2] for s in packet] == [s[:2] for s in booklet]
    box = sum(int(c, 16) / 255 for c in ("f6", "f8", "fa"))  # the packet's hint_background
    assert all(fill < box - 0.03 for _, _, fill in packet)


@pytest.mark.parametrize("hard_break", ["\\", "  "])
def test_a_code_span_alone_on_a_hard_broken_line_of_a_note_has_its_ground(
    cli, tmp_path, hard_break
):
    """A review: a note's code span alone on a line of its own after a hard break (a line
    ending in a backslash or two blanks) stood on no ground, taken for a line of a code
    block, while the span on the line before had one. Both have one now; a code block's
    line in the same note still has none."""
    from readback import code_runs, grounds, pdf_pages

    bank = tmp_path / "broken.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Which command?\n    hint: A hint.\n"
        f"    note: |\n      Then `z` alone:{hard_break}\n      `compute(y)`\n\n"
        "      ```\n      x = compute(y)\n      ```\n",
        encoding="utf-8",
    )
    assert cli("packet", "--format", "pdf", "--bank", bank, "--out", tmp_path).exit_code == 0
    page = next(p for p in pdf_pages(tmp_path / "broken-packet.pdf") if "alone" in p.text())
    runs = {"".join(c.text for c in run): run for run in code_runs(page)}
    assert set(runs) == {"z", "compute(y)", "x = compute(y)"}
    assert len(grounds(page, runs["z"])) == 1
    assert len(grounds(page, runs["compute(y)"])) == 1
    assert not grounds(page, runs["x = compute(y)"])


def test_a_korean_banks_pdf_packet_breaks_its_lines_at_blanks_only(tmp_path):
    """h41b's Korean trial: Korean puts blanks between its words and breaks lines there
    only (word-break: keep-all), a word's Chinese characters and brackets included. The
    fillable packet set a Korean bank's question, follow-ups and signals with no language,
    and broke them as Chinese: '大韓民' ended a line before '國憲法의'. Every word of
    each text now stands whole on one line."""
    from readback import pdf_pages

    sentence = "「민감 정보」를 다루는 《개인정보 보호법》에서 大韓民國憲法의 사생활 보호를 "
    sentence += "구체화합니다."
    text = " ".join([sentence] * 4)
    bank = tmp_path / "ko.yaml"
    bank.write_text(
        f"title: 질문집\nlanguage: ko\nquestions:\n  - id: a\n    section: 기본\n"
        f"    question: {text}\n    hint: {text} {text}\n"
        f"    follow_ups: ['{text}']\n    look_for: ['{text}']\n",
        encoding="utf-8",
    )
    result = run_cli("packet", "--bank", bank, "--all", "--format", "pdf", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    korean = re.compile("[\uac00-\ud7af\u4e00-\u9fff]")
    words = {*sentence.split(), "질문집", "기본"}  # and the title and the section
    shown = [
        line.text
        for page in pdf_pages(tmp_path / "ko-packet-all.pdf")
        for line in page.text_lines()
        if "구체화" in page.text()
    ]
    broken = [
        line
        for line in shown
        # the plan's row shortened to one line ends in '…'
        if any(korean.search(w) and w.rstrip("…") not in words for w in line.split())
    ]
    assert len(shown) > 10
    assert not broken, broken


ASKED = "How would you find out why a service that ran well for months now answers slowly"
# a competency's meaning long enough that six of them fill most of page 1
MEANING = "Decides what to log and how to detect abuse of a system, with alerts a team can triage."


def plan_bank(folder: Path, count: int, minutes: int = 4, skills: int = 3, **words: str) -> Path:
    """A bank of `count` questions of `minutes` each, one section, over `skills`
    competencies: its questions `asked` (two lines of the plan), its competencies `meant`."""
    asked, meant = words.get("asked", ASKED), words.get("meant", "What the candidate does.")
    competencies = "".join(
        f"  - {{name: skill-{n}, description: '{meant}'}}\n" for n in range(skills)
    )
    questions = "".join(
        f"  - {{id: q{n}, section: Operations, competency: skill-{n % skills},"
        f" question: '{asked} ({n})?', hint: H., minutes: {minutes}}}\n"
        for n in range(count)
    )
    bank = folder / f"plan-{count}-{skills}-{len(asked)}.yaml"
    bank.write_text(f"title: Plan\ncompetencies:\n{competencies}questions:\n{questions}", "utf-8")
    return bank


def plan_packet(folder: Path, bank: Path, paper: str, *options: str) -> Path:
    out = folder / f"{bank.stem}-{paper}"
    given = ("packet", "--format", "pdf", "--bank", bank, "--paper", paper, *options)
    result = run_cli(*given, "--out", out)
    assert result.exit_code == 0, result.output
    (path,) = out.glob("*.pdf")
    return path


def plan_parts(path: Path) -> list[tuple[int, list[str]]]:
    """The time plan's rows read back from each page it stands on, top down: (the page's
    number, the rows by their first words: 'Q1'..., 'introduction', 'wrap_up')."""
    from readback import pdf_pages

    wording = load_wording()
    headings = {wording("time_plan"), wording("plan_title")}
    buffers = {wording(key): key for key in ("introduction", "wrap_up")}
    parts: list[tuple[int, list[str]]] = []
    for page in pdf_pages(path):
        lines = [line.text for line in page.text_lines()]
        if wording.guide["title"] in lines:
            break  # the guide starts a page of its own
        if not parts:
            lines = lines[
                next((n for n, line in enumerate(lines) if line in headings), len(lines)) :
            ]
            if not lines:
                continue
        rows = []
        for line in lines:  # a row's cells on one baseline make one line
            label = re.match(r"Q\d+\b", line)
            buffer = [key for words, key in buffers.items() if line.startswith(words)]
            rows += [label.group()] if label else buffer
        parts.append((page.number, rows))
    return parts


def row_pitch(path: Path) -> float:
    """How far apart the tops of the plan's rows Q1 and Q2 stand, in points."""
    from readback import pdf_pages

    for page in pdf_pages(path):
        tops = {line.text.split()[0]: line.top for line in page.text_lines()}
        if "Q1" in tops and "Q2" in tops:
            return tops["Q2"] - tops["Q1"]
    raise AssertionError("no plan rows Q1 and Q2")


@pytest.mark.parametrize(
    ("paper", "count", "asked"), [("a4", 9, ASKED), ("letter", 11, "Why")], ids=["a4", "letter"]
)
def test_a_time_plan_a_little_too_tall_for_page_one_fits_it_tightened(
    tmp_path, paper, count, asked
):
    """A trial's plan went on to page 2 with its last three rows, leaving them alone there
    (the guide starts a page of its own); the DOCX fits it on page 1 with tighter rows. It
    stands whole on page 1, its rows closer than those of a plan with room to spare, but
    by no more than their padding gives."""
    bank = plan_bank(tmp_path, count, asked=asked)
    tight = plan_packet(tmp_path, bank, paper)
    rows = [label for _, label in [("intro", "introduction")]] + [
        f"Q{n}" for n in range(1, count + 1)
    ]
    assert plan_parts(tight) == [(1, [*rows, "wrap_up"])]
    roomy = plan_packet(tmp_path, plan_bank(tmp_path, 3, asked=asked), paper)
    assert plan_parts(roomy)[0][0] == 1
    # tighter, by no more than the 4 pt the padding gives
    assert row_pitch(roomy) - 4.01 <= row_pitch(tight) < row_pitch(roomy), (tight, roomy)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_time_plan_that_would_leave_a_few_rows_at_the_foot_of_page_one_moves_whole(
    tmp_path, paper
):
    """Six competencies with their meanings leave room for two of the plan's rows under its
    heading on page 1: they stood there alone, the rest on page 2. The plan, which fits
    page 2, stands there whole, heading and all."""
    bank = plan_bank(tmp_path, 9, skills=6, meant=MEANING)
    parts = plan_parts(plan_packet(tmp_path, bank, paper))
    rows = ["introduction", *(f"Q{n}" for n in range(1, 10)), "wrap_up"]
    assert parts == [(2, rows)]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_long_time_plan_leaves_enough_rows_on_either_side_of_each_break(tmp_path, paper):
    """A plan of 58 questions (--all) runs over three pages: each page holds a quarter of
    its rows (eight at most asked of a long plan) at least, the last page too, and each
    page's rows follow the last page's: none lost, none twice."""
    from qbank.exporters.packet.breaks import MOST_LEAST_ROWS

    bank = plan_bank(tmp_path, 58, minutes=2)
    parts = plan_parts(plan_packet(tmp_path, bank, paper, "--all"))
    assert len(parts) >= 3, parts
    assert [page for page, _ in parts] == list(range(parts[0][0], parts[0][0] + len(parts)))
    assert all(len(rows) >= MOST_LEAST_ROWS for _, rows in parts), parts
    every = [row for _, rows in parts for row in rows]
    assert every == ["introduction", *(f"Q{n}" for n in range(1, 59)), "wrap_up"]


@pytest.mark.parametrize(
    ("heights", "first", "movable", "breaks"),
    [
        ([10] * 13, 200, True, []),  # fits
        ([10] * 13, 95, True, [9]),  # nine here, four go on
        ([10] * 13, 105, True, [9]),  # ten would fit: three would go on alone
        ([10] * 13, 35, True, None),  # three here: the table moves whole
        ([10] * 13, 35, False, [3]),  # ... unless it starts a page
        ([10] * 10, 75, True, [6]),  # a quarter of ten rows is three: four at the fewest
        ([10] * 59, 95, True, [9, 19, 29, 39, 49]),  # a page holds ten rows
        ([10] * 52, 95, True, [9, 19, 28, 36, 44]),  # eight on the last pages, not three
    ],
)
def test_page_breaks_leave_enough_rows_on_either_side(heights, first, movable, breaks):
    from qbank.exporters.packet.breaks import page_breaks

    assert page_breaks(heights, first, 100, movable=movable) == breaks
