"""`qbank debrief` by competency: a named panel of three over the structured-interview bank,
every question pinned to a known interviewer, filled in the way Word ticks boxes
(tests/filling.py) with known scores, one question left unrated; then `--accept-changes`.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import docx
import pytest
from filling import Filled, fill, question_ids
from helpers import FIXTURES, labelled_look, own_look
from readback import as_read, run_languages

from qbank.debrief import read_debrief
from qbank.errors import QbankError
from qbank.paths import Templates

BANK = FIXTURES / "interview-bank.yaml"
ASKS = {
    "A": ("authn-authz", "threat-model", "guardrails", "prompt-leak"),
    "B": ("service-secrets", "abuse-cases", "segmentation", "log-sources"),
    "C": ("explain-risk", "post-mortem", "alert-fatigue", "poisoned-index"),
}
SCORES = {  # segmentation is left unrated
    "authn-authz": 2,
    "threat-model": 4,
    "guardrails": 3,
    "prompt-leak": 5,
    "service-secrets": 4,
    "abuse-cases": 4,
    "log-sources": 3,
    "explain-risk": 3,
    "post-mortem": 5,
    "alert-fatigue": 1,
    "poisoned-index": 4,
}
# competency: (weight, {interviewer: their score}, panel mean, spread)
EXPECTED = {
    "threat-modeling": (2, {"A": "4", "B": "4"}, "4", "0"),
    "incident-response": (1, {"A": "5", "C": "4"}, "4.5", "1"),
    "secure-design": (1, {"A": "3", "B": "not rated"}, "3 (1 unrated)", "–"),
    "identity": (1, {"A": "2", "B": "4"}, "3", "2 · far apart"),
    "detection": (1, {"B": "3", "C": "1"}, "2", "2 · far apart"),
    "communication": (1, {"C": "4"}, "4", "–"),
}
# (2 * 4 + 4.5 + 3 + 3 + 2 + 4) / 7
WEIGHTED = "3.5"
# Bob's B ticks two scores of log-sources (Basics, detection): every other rating is 3
BOB_TWO_TICKED = ("log-sources", [3, 4])


@pytest.fixture(scope="module")
def packets(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    """The panel's packets for two candidates, filled in; the bank they were built from."""
    from helpers import run_cli

    base = tmp_path_factory.mktemp("panel")
    bank = base / "interview-bank.yaml"
    shutil.copy(BANK, bank)
    pins = [a for who, ids in ASKS.items() for q in ids for a in ("--include", f"{q}@{who}")]
    filled = {}
    for candidate in ("Ada Lovelace", "Bob Stone"):
        out = base / candidate.split()[0]
        names = [a for who in ASKS for a in ("--interviewer", who)]
        result = run_cli(
            "packet", "--bank", bank, "--out", out, "--candidate", candidate, *names, *pins
        )
        assert result.exit_code == 0, result.output
        for who in ASKS:
            [packet] = out.glob(f"*-{who.lower()}.docx")
            assert set(question_ids(packet)) == set(ASKS[who])
            scores: dict = SCORES if candidate == "Ada Lovelace" else dict.fromkeys(SCORES, 3)
            if candidate == "Bob Stone":
                scores[BOB_TWO_TICKED[0]] = BOB_TWO_TICKED[1]
            filled[f"{candidate}/{who}"] = fill(
                packet,
                base / f"{candidate.split()[0]}-{who}.docx",
                Filled(
                    header={
                        "candidate": candidate,
                        "interviewer": who,
                        "interview-date": "2026-12-01",
                    },
                    scores={
                        q: scores[q] if isinstance(scores[q], list) else [scores[q]]
                        for q in ASKS[who]
                        if q in scores
                    },
                    recommendations=["yes"],
                ),
            )
    return bank, filled


@pytest.fixture(scope="module")
def debriefed(packets, tmp_path_factory):
    bank, filled = packets
    out = tmp_path_factory.mktemp("debrief")
    outcome = read_debrief(list(filled.values()), bank, out)
    return out, outcome


def test_the_competency_table_holds_a_looks_words_whole(packets, tmp_path):
    """A German look's debrief broke the panel mean's head and marks inside the word,
    'Gremiums|mittel', '4 (1 unbewerte|t)' (a trial): its words, and the spread's, fit their
    columns, which take the room the others leave (the weight's, the spread's, the
    interviewers', the competencies'); on a panel of three that is room for 'Mittelwert'."""
    from readback import words_too_wide

    bank, filled = packets
    edit = ('panel_mean = "Panel mean"', 'panel_mean = "Mittelwert des Gremiums"')
    look = own_look(tmp_path / "look", {"packet/debrief.toml": edit})
    words = (look / "packet/debrief.toml").read_text(encoding="utf-8")
    words = words.replace('"({count} unrated)"', '"({count} unbewertet)"')
    (look / "packet/debrief.toml").write_text(words, encoding="utf-8")
    outcome = read_debrief(list(filled.values()), bank, tmp_path / "out", templates=Templates(look))
    ada = next(p for p in outcome.written if p.name.endswith("ada-lovelace.docx"))
    tables = docx.Document(str(ada)).tables
    (table,) = [t for t in tables if t.rows[0].cells[0].text == "Competency"]
    shown, too_wide = words_too_wide(table, slice(-2, None), bold=True)
    # and each figure on one line, '2.17 (1 unrated)', '2 · far apart' (a review)
    figures, cut = words_too_wide(table, slice(-2, -1), bold=True, whole=True)
    spreads, cut_too = words_too_wide(table, slice(-1, None), whole=True)
    figures |= spreads
    assert too_wide + cut + cut_too == []
    assert {"Mittelwert", "unbewertet)"} <= shown
    assert any("unbewertet)" in f for f in figures), figures
    assert any("far apart" in f for f in figures), figures


def table_after(path: Path, heading: str, lines: bool = False) -> list[list[str]]:
    """The table under `heading`, each cell's text (`lines`: its paragraphs a line each)."""
    document = docx.Document(str(path))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    seen = False
    for child in document.element.body.iterchildren():
        text = "".join(t.text or "" for t in child.iter(f"{w}t"))
        if child.tag == f"{w}p" and text == heading:
            seen = True
        elif seen and child.tag == f"{w}tbl":
            return [
                [
                    ("\n" if lines else "").join(
                        as_read("".join(t.text or "" for t in p.iter(f"{w}t")))
                        for p in c.iter(f"{w}p")
                    )
                    for c in r.iterchildren(f"{w}tc")
                ]
                for r in child.iterchildren(f"{w}tr")
            ]
    raise AssertionError(f"no table after {heading!r}")


def competency_rows(path: Path) -> list[list[str]]:
    """The Competencies table, each competency by its name alone (the coverage under it
    is `coverage`'s)."""
    rows = table_after(path, "Competencies", lines=True)
    return [[row[0].split("\n")[0], *(c.replace("\n", "") for c in row[1:])] for row in rows]


def coverage(path: Path) -> dict[str, str]:
    """Each competency's coverage, as the line under its name says it."""
    rows = table_after(path, "Competencies", lines=True)[1:-1]
    return dict(row[0].split("\n", 1) for row in rows)


def test_the_debrief_scores_each_competency(debriefed):
    out, outcome = debriefed
    rows = competency_rows(out / "interview-bank-debrief-ada-lovelace.docx")
    assert rows[0] == ["Competency", "Weight", "A", "B", "C", "Panel mean", "Spread"]
    for row in rows[1:-1]:
        weight, scores, mean, spread = EXPECTED[row[0]]
        shown = {who: row[2 + i] for i, who in enumerate("ABC") if row[2 + i] != "–"}
        assert (row[1], shown, row[5], row[6]) == (str(weight), scores, mean, spread)
    assert [r[0] for r in rows[1:-1]] == list(EXPECTED)
    # under each name, the questions the bank ties to it that were asked and rated: a
    # competency's mean of one rating read as its whole (a hiring manager's trial)
    covered = coverage(out / "interview-bank-debrief-ada-lovelace.docx")
    assert covered == {
        name: f"2 of 2 questions asked, {1 if name == 'secure-design' else 2} rated"
        for name in EXPECTED
    }
    assert rows[-1] == ["Weighted by competency", "3.5 / 5 (70%)"]
    ada = next(d for d in outcome.debriefs if d.candidate == "Ada Lovelace")
    talk = (
        "Talk it through: the answers may have differed (interviewers may have asked "
        "different questions of it), or the scoring."
    )
    assert f"Scores on identity lie 2 levels apart: A 2, B 4. {talk}" in ada.flags
    assert f"Scores on detection lie 2 levels apart: B 3, C 1. {talk}" in ada.flags
    assert not any("threat-modeling" in f or "incident" in f for f in ada.flags)


def test_unrated_questions_are_marked_and_left_out_of_the_scores(debriefed):
    """A question nobody rated counted 0 in its section's score and the total, but was
    left out of the competencies' and the weighted total's means, so that the figures of
    one debrief disagreed (two new-user trials): it is left out of its section's score and
    maximum alike, and marked."""
    out, _ = debriefed
    rows = table_after(out / "interview-bank-debrief-ada-lovelace.docx", "Scores")
    assert rows[1:] == [
        ["Basics", "4", "12", "20", "60%"],
        ["Design", "4", "11 (1 unrated)", "15", "73%"],  # of its 3 questions rated
        ["Incidents", "4", "15", "20", "75%"],
        ["Total", "12", "38 (1 unrated)", "55", "69%"],
        ["Weighted by competency", "", WEIGHTED, "5", "70%"],
    ]
    compared = table_after(out / "interview-bank-debrief-comparison.docx", "Candidates compared")
    assert compared[0][:7] == [
        "Candidate",
        "Basics",
        "Design",
        "Incidents",
        "Total",
        "Ratings",
        "Weighted by competency",
    ]
    assert compared[1][:7] == [
        "Ada Lovelace",
        "12 / 20",
        "11 / 15 (1 unrated)",
        "15 / 20",
        "38 / 55 (1 unrated)",
        "11 ratings, 1 unrated",
        "3.5 / 5",
    ]
    assert compared[2][5:7] == ["10 ratings, 1 unrated, 1 two ticked", "3 / 5"]


def test_two_scores_ticked_are_said_in_every_table_that_reads_scores(packets, debriefed):
    """An interviewer who ticked two scores of a question had them said in the CSV
    ('3 + 4'), but every score table of the debrief counted the question unrated, as if
    it had been skipped. Each says the two ticks apart, and a line under the scores says
    which question, whose, and that neither score counts."""
    _, filled = packets
    out, outcome = debriefed
    qid, ticked = BOB_TWO_TICKED
    bob = next(d for d in outcome.debriefs if d.candidate == "Bob Stone")
    label = next(r.question.label for r in bob.ratings if r.question.id == qid)
    document = out / "interview-bank-debrief-bob-stone.docx"
    scores = table_after(document, "Scores")
    # Basics: 3 of its 4 questions rated 3, log-sources left out; Design: segmentation unrated
    assert scores[1:4] == [
        ["Basics", "4", "9 (1 two ticked)", "15", "60%"],
        ["Design", "4", "9 (1 unrated)", "15", "60%"],
        ["Incidents", "4", "12", "20", "60%"],
    ]
    assert scores[4] == ["Total", "12", "30 (1 unrated, 1 two ticked)", "50", "60%"]
    texts = [p.text for p in docx.Document(str(document)).paragraphs]
    note = (
        "Two scores ticked, so neither counts: the means leave the rating out, and a question "
        f"no other interviewer rated is left out of its section's score, as an unrated one is. "
        f"{label} (B: 3\u00a0+ 4)."
    )  # '3 + 4' a formula, kept on one line by a no-break space (textkit.kept_spaces)
    assert texts[texts.index("Scores") + 2] == note
    competencies = {r[0]: r[2:7] for r in competency_rows(document)[1:-1]}
    assert competencies["detection"] == ["–", "3 + 4 (two ticked)", "3", "3 (1 two ticked)", "–"]
    assert competencies["secure-design"][1] == "not rated"
    compared = table_after(out / "interview-bank-debrief-comparison.docx", "Candidates compared")
    assert compared[2][1:6] == [
        "9 / 15 (1 two ticked)",
        "9 / 15 (1 unrated)",
        "12 / 20",
        "30 / 50 (1 unrated, 1 two ticked)",
        "10 ratings, 1 unrated, 1 two ticked",  # not one of the unrated
    ]
    comparison = docx.Document(str(out / "interview-bank-debrief-comparison.docx"))
    assert f"•\tBob Stone: {note}" in [p.text for p in comparison.paragraphs]
    questions = table_after(document, "Questions")
    assert [r[4] for r in questions if r[0] == label] == ["3 + 4 (two ticked)"]
    said = f"{filled['Bob Stone/B']}: {label}: 3 and 4 are both ticked; the rating is not counted"
    assert said in outcome.warnings


def test_the_csv_carries_the_competencies(debriefed):
    out, _ = debriefed
    path = out / "interview-bank-debrief-ada-lovelace.csv"  # a CSV per candidate
    with path.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.DictReader(source))
    assert {r["candidate"] for r in rows} == {"Ada Lovelace"}
    assert len(rows) == 12
    for row in rows:
        weight, scores, mean, spread = EXPECTED[row["competency"]]
        assert row["competency_weight"] == str(weight)
        assert row["competency_interviewer_score"] == scores[row["interviewer"]].replace(
            "not rated", ""
        )
        assert row["competency_panel_mean"] == mean.split(" ")[0]
        assert row["competency_spread"] == spread.split(" ")[0].replace("–", "")
        assert row["competency_disagreement"] == ("yes" if "far apart" in spread else "no")
        assert row["weighted_total"] == WEIGHTED
        assert row["weighted_total_rests_on"] == "6 of 6 competencies"
        expected = SCORES.get(row["question_id"])
        assert row["rating"] == ("unrated" if expected is None else str(expected))


LONG = "Incident response and telecommunications"  # a competency's name of a long word


# a German committee's names, long, their words joined by hyphens as a bank's names are
GERMAN = {
    "threat-modeling": "risiken-und-bedrohungen",
    "incident-response": "reaktion-auf-vorfälle",
    "secure-design": "sicheres-systemdesign",
    "identity": "identität-und-zugriff",
    "detection": "erkennung-und-überwachung",
    "communication": "austausch-mit-fachbereichen",
}
# the German look's words of the Questions table and of the scale
GERMAN_WORDS = {
    "packet/debrief.toml": {
        'question = "Question"': 'question = "Frage"',
        'competency = "Competency"': 'competency = "Kompetenz"',
        'asked_by = "Asked by"': 'asked_by = "Befragt von"',
        'rating = "Rating"': 'rating = "Bewertung"',
        'hint = "Hint"': 'hint = "Hinweis"',
        'hint_given = "given"': 'hint_given = "gegeben"',
        'look_for = "Look for seen"': 'look_for = "Gesehene Merkmale"',
    },
    "packet/rubric.toml": {
        'language = "en"': 'language = "de"',
        'label = "No evidence"': 'label = "Keine Belege"',
        'label = "Limited"': 'label = "Begrenzt"',
        'label = "Solid"': 'label = "Solide"',
        'label = "Strong"': 'label = "Stark"',
        'label = "Exceptional"': 'label = "Herausragend"',
    },
}


def test_a_weighted_total_says_the_competencies_it_rests_on(packets, tmp_path):
    """A hiring manager's trial: a competency whose questions were all 'Not rated' showed
    'not rated' in the competencies table, but the weighted total left it out unsaid, read
    as the whole panel's. The total says the competencies it rests on, in the DOCX's two
    tables and in the CSV, which names the one left out."""
    from helpers import run_cli

    from qbank.bank import load_bank

    bank, earlier = packets
    competency = {q.id: q.competency for q in load_bank(bank).questions}
    pins = [a for who, ids in ASKS.items() for q in ids for a in ("--include", f"{q}@{who}")]
    names = [a for who in ASKS for a in ("--interviewer", who)]
    blank = tmp_path / "blank"
    result = run_cli(
        "packet", "--bank", bank, "--out", blank, "--candidate", "Cy Young", *names, *pins
    )
    assert result.exit_code == 0, result.output
    filled = []
    for who in ASKS:
        [packet] = blank.glob(f"*-{who.lower()}.docx")
        scores = {q: [3] for q in ASKS[who] if competency[q] != "communication"}
        header = {"candidate": "Cy Young", "interviewer": who, "interview-date": "2026-12-01"}
        form = Filled(header=header, scores=scores, recommendations=["yes"])
        filled.append(fill(packet, tmp_path / f"{who}.docx", form))
    out = tmp_path / "out"
    ada = [path for key, path in earlier.items() if key.startswith("Ada")]
    read_debrief([*ada, *filled], bank, out)
    document = out / "interview-bank-debrief-cy-young.docx"
    competencies = competency_rows(document)
    assert competencies[-2][0] == "communication" and "not rated" in competencies[-2]
    mark = "(on 5 of 6 competencies)"
    assert competencies[-1] == [f"Weighted by competency {mark}", "3 / 5 (60%)"]
    scores = table_after(document, "Scores")
    assert scores[-1] == [f"Weighted by competency {mark}", "", "3", "5", "60%"]
    compared = table_after(out / "interview-bank-debrief-comparison.docx", "Candidates compared")
    assert [row[6] for row in compared[1:]] == ["3.5 / 5", f"3 / 5 {mark}"]
    with (out / "interview-bank-debrief-cy-young.csv").open(encoding="utf-8-sig") as source:
        rows = list(csv.DictReader(source))
    assert {r["weighted_total"] for r in rows} == {"3"}
    rests_on = "5 of 6 competencies (not rated: communication)"
    assert {r["weighted_total_rests_on"] for r in rows} == {rests_on}
    # a look from before the words marks it in the built-in ones
    line = next(
        line
        for line in (Templates().path("packet/debrief.toml")).read_text().splitlines()
        if line.startswith("weighted_rests_on")
    )
    older = own_look(tmp_path / "look", {"packet/debrief.toml": (line, "")})
    read_debrief(filled, bank, tmp_path / "older", templates=Templates(older))
    older_rows = competency_rows(tmp_path / "older" / document.name)
    assert older_rows[-1][0] == f"Weighted by competency {mark}"


def german_look(folder: Path) -> Path:
    """A --templates folder with GERMAN_WORDS in place of the built-in English."""
    from qbank.paths import BUILTIN_TEMPLATES

    for name, words in GERMAN_WORDS.items():
        text = (BUILTIN_TEMPLATES / name).read_text(encoding="utf-8")
        for english, german in words.items():
            assert english in text, english
            text = text.replace(english, german, 1)
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# names shorter than the column's head, 'Competency'
SHORT = {
    "threat-modeling": "tm",
    "incident-response": "ir",
    "secure-design": "sd",
    "identity": "id",
    "detection": "de",
    "communication": "co",
}


def renamed_debrief(folder: Path, names: dict[str, str], look: Path | None = None) -> Path:
    """Interviewer A's debrief of Ada, every question rated 3, over the bank with its
    competencies renamed as `names` says (in the `look` given, the packet's too)."""
    from helpers import run_cli

    templates = ("--templates", look) if look else ()

    folder.mkdir()
    bank = folder / "interview-bank.yaml"
    text = BANK.read_text(encoding="utf-8")
    for old, new in names.items():
        text = re.sub(rf"\b{old}\b", new, text)
    bank.write_text(text, encoding="utf-8")
    pins = [a for q in ASKS["A"] for a in ("--include", f"{q}@A")]
    built = run_cli(
        "packet", "--bank", bank, "--out", folder, "--interviewer", "A", *pins, *templates
    )
    assert built.exit_code == 0, built.output
    [packet] = folder.glob("*-packet-a.docx")
    form = Filled({"candidate": "Ada", "interviewer": "A"}, scores={q: [3] for q in ASKS["A"]})
    fill(packet, folder / "filled.docx", form)
    result = run_cli(
        "debrief", "--bank", bank, "--out", folder / "out", folder / "filled.docx", *templates
    )
    assert result.exit_code == 0, result.output
    return folder / "out" / "interview-bank-debrief-ada.docx"


@pytest.fixture(scope="module")
def printed(packets, tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Debriefs and their print in LibreOffice (PDF), all in one conversion (its start-up
    is most of its time): "ada", Ada's of the panel's packets; "long" and "short",
    renamed_debrief's with a competency's name of a long word and with names of two letters."""
    from filling import libreoffice_convert
    from helpers import run_cli

    folder = tmp_path_factory.mktemp("printed")
    bank, filled = packets
    ada = [p for key, p in filled.items() if key.startswith("Ada")]
    result = run_cli("debrief", "--bank", bank, "--out", folder / "ada", *ada)
    assert result.exit_code == 0, result.output
    debriefs = {
        "ada": folder / "ada" / "interview-bank-debrief-ada-lovelace.docx",
        "long": renamed_debrief(folder / "long", {"incident-response": LONG}),
        # named apart from "long"'s: one conversion writes the PDFs by the files' names
        "short": renamed_debrief(folder / "short", SHORT).rename(folder / "short.docx"),
        # German names, in the built-in look and in a German one
        "german-en": renamed_debrief(folder / "de-en", GERMAN).rename(folder / "german-en.docx"),
        "german-de": renamed_debrief(folder / "de-de", GERMAN, german_look(folder / "look")).rename(
            folder / "german-de.docx"
        ),
    }
    pdfs = libreoffice_convert(list(debriefs.values()), folder / "pdf", "pdf", folder / "profile")
    return {key: (docx, pdf) for (key, docx), pdf in zip(debriefs.items(), pdfs, strict=True)}


def test_the_questions_table_names_each_questions_competency(cli, packets, printed, tmp_path):
    """The Questions table had no competency column: an interviewer reading the debrief
    could not see which competency each question rated. It has one when the bank has
    competencies, each name whole on the page as LibreOffice prints it; a bank without
    them keeps its six columns."""
    from readback import pdf_pages

    from qbank.bank import load_bank

    bank, _ = packets
    debrief, pdf = printed["ada"]
    rows = table_after(debrief, "Questions")
    assert rows[0] == ["Q", "Question", "Competency", "Asked by", "Rating", "Hint", "Look for seen"]
    by_label = {q.label: q.competency for q in load_bank(bank).questions}
    asked = [row for row in rows[1:] if len(row) > 1]
    assert len(asked) == sum(map(len, ASKS.values()))
    assert all(row[2] == by_label[row[0]] for row in asked)
    words = [w.text for page in pdf_pages(pdf) for w in page.words()]
    for name in {row[2] for row in asked}:
        assert words.count(name) >= sum(row[2] == name for row in asked), (name, words)

    plain = FIXTURES / "debrief-bank.yaml"
    assert not load_bank(plain).competencies
    assert cli("packet", "--bank", plain, "--out", tmp_path / "plain").exit_code == 0
    [packet] = (tmp_path / "plain").glob("*.docx")
    one = Filled(header={"candidate": "Ada", "interviewer": "A"}, recommendations=["yes"])
    fill(packet, tmp_path / "one.docx", one)
    result = cli("debrief", "--bank", plain, "--out", tmp_path / "plain", tmp_path / "one.docx")
    assert result.exit_code == 0, result.output
    [plain_debrief] = (tmp_path / "plain").glob("*-debrief-*.docx")
    rows = table_after(plain_debrief, "Questions")
    assert rows[0] == ["Q", "Question", "Asked by", "Rating", "Hint", "Look for seen"]


def test_a_long_competency_name_breaks_between_words_only(printed):
    """The competency table's first column was a fixed 22 % of the width: a name of a
    long word, 'Incident response and telecommunications', printed 'telecommunicatio' over
    's' (a review). The column holds each name's longest word, as LibreOffice prints it."""
    from readback import pdf_pages

    debrief, pdf = printed["long"]
    assert [row[0] for row in competency_rows(debrief)][1:3] == [
        "threat-modeling",
        LONG,
    ]
    assert coverage(debrief)["threat-modeling"] == "1 of 2 questions asked, 1 rated"
    words = [w.text for w in pdf_pages(pdf)[0].words()]
    assert "telecommunications" in words, words


@pytest.mark.parametrize("look", ["en", "de"])
def test_a_long_competency_name_breaks_between_words_leaving_the_question_its_room(printed, look):
    """A competency's name was held whole, hyphens and all, wherever the question kept its
    least beside it: 'austausch-mit-fachbereichen' took 32 % of the width, more than the
    question's 31 % (a review). A name breaks after its hyphens, never inside a word, and
    the question keeps the widest column, in the built-in look and in a German one
    (whose heads are wider); LibreOffice prints each name's words whole."""
    from readback import pdf_pages, words_too_wide

    debrief, pdf = printed[f"german-{look}"]
    tables = docx.Document(str(debrief)).tables
    (table,) = [t for t in tables if t.rows[0].cells[1].text in {"Question", "Frage"}]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    grid = [int(col.get(f"{w}w")) for col in table._tbl.iter(f"{w}gridCol")]
    shares = [width / sum(grid) for width in grid]
    assert shares[1] == max(shares) and shares[2] < shares[1], shares
    shown, too_wide = words_too_wide(table, slice(2, 3))
    assert too_wide == [] and {"reaktion-", "fachbereichen"} <= shown
    # as printed: each piece of a name on a line is its words whole, up to a hyphen
    names = list(GERMAN.values())
    pieces = {
        name[start:end]
        for name in names
        for start in [0, *(m.end() for m in re.finditer("-", name))]
        for end in [*(m.end() for m in re.finditer("-", name)), len(name)]
        if end > start
    }
    # PDFium reads LibreOffice's 'zugriff' as 'zugrif' and 'f', touching on one line: one
    # word (a word broken over two lines stays two)
    joined: list[str] = []
    last = None
    for page in pdf_pages(pdf):
        for word in page.words():
            same = last is not None and abs(word.top - last.top) < 1 and word.x0 - last.x1 < 1
            if same and joined:
                joined[-1] += word.text
            else:
                joined.append(word.text)
            last = word
    # the names' words as printed ('retrieval-' of a question, or its 'system', is none)
    named = [w for w in joined if any(w in n for n in names) and ("-" in w or w in pieces)]
    assert len(named) >= 2 * len(names) and set(named) <= pieces, named


def test_the_questions_table_holds_its_competency_head_whole(printed):
    """Names of a few letters gave the Questions table's competency column the least
    share, which LibreOffice without Carlito printed 'Competen' over 'cy' (a Spanish
    trial's 'modelado', 'calidad'). The column holds its head's word too."""
    from readback import pdf_pages

    debrief, pdf = printed["short"]
    asked = [row for row in table_after(debrief, "Questions")[1:] if len(row) > 1]
    assert asked and all(row[2] in SHORT.values() for row in asked)
    heads = [w.text for page in pdf_pages(pdf) for w in page.words() if w.text[:6] == "Compet"]
    assert "Competency" in heads and set(heads) <= {"Competency", "Competencies"}, heads


def test_interview_dates_are_listed_in_one_form_where_they_can_be_one_day(cli, packets, tmp_path):
    """Dates typed in the packets were listed as typed: 2026-12-05 beside 5 December 2026
    (a review). A date that can be only one day is listed as 2026-12-05; 05/12/2026, which
    may be 12 May, stays as typed."""
    bank, _ = packets
    typed = {"A": "2026-12-05", "B": "5 December 2026", "C": "05/12/2026"}
    filled = []
    for who, date in typed.items():
        [packet] = (bank.parent / "Ada").glob(f"*-{who.lower()}.docx")
        header = {"candidate": "Ada Lovelace", "interviewer": who, "interview-date": date}
        form = Filled(header, scores={q: [3] for q in ASKS[who]}, recommendations=["yes"])
        filled.append(fill(packet, tmp_path / f"{who}.docx", form))
    result = cli("debrief", "--bank", bank, "--out", tmp_path / "out", *filled)
    assert result.exit_code == 0, result.output
    debrief = tmp_path / "out" / "interview-bank-debrief-ada-lovelace.docx"
    form = dict(table_after(debrief, "Panel debrief \u00b7 Ada Lovelace"))
    assert form["Interview dates"] == "05/12/2026, 2026-12-05"
    # the same bank in German: 05.12.2026 is 5 December there (a trial listed three days)
    german = tmp_path / "de" / bank.name
    german.parent.mkdir()
    german.write_text("language: de\n" + bank.read_text(encoding="utf-8"), encoding="utf-8")
    typed = {"A": "05.12.2026", "B": "2026-12-05", "C": "05/12/2026"}
    for who, date in typed.items():
        [packet] = (bank.parent / "Ada").glob(f"*-{who.lower()}.docx")
        header = {"candidate": "Ada Lovelace", "interviewer": who, "interview-date": date}
        form = Filled(header, scores={q: [3] for q in ASKS[who]}, recommendations=["yes"])
        fill(packet, tmp_path / f"{who}.docx", form)
    result = cli("debrief", "--bank", german, "--out", tmp_path / "de-out", *filled)
    assert result.exit_code == 0, result.output
    debrief = tmp_path / "de-out" / "interview-bank-debrief-ada-lovelace.docx"
    form = dict(table_after(debrief, "Panel debrief \u00b7 Ada Lovelace"))
    assert form["Interview dates"] == "05/12/2026, 2026-12-05"

    from qbank.debrief.summarise import interview_date

    one_day = ["2026/12/5", "Dec. 5, 2026", " 5th  December 2026"]
    assert [interview_date(t) for t in one_day] == ["2026-12-05"] * 3
    assert [interview_date(t) for t in ("25/12/2026", "12/25/2026", "05.05.2026")] == [
        "2026-12-25",
        "2026-12-25",
        "2026-05-05",
    ]
    # two readings, a day no calendar has, a year of two digits, another language's month
    for kept in ("05.12.2026", "12/5/2026", "31/02/2026", "05/12/26", "5 Dezember 2026"):
        assert interview_date(kept) == kept
    # a German panel's 05.12.2026 and 5. Dezember 2026 (in a look whose months are German)
    # were listed beside 2026-12-05 as three days (a trial): dots put the day first in a
    # language that writes dates so, and the look's own months are read as English ones are
    german = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August")
    german += ("September", "Oktober", "November", "Dezember")
    typed = ("05.12.2026", "5. Dezember 2026", "5. dezember 2026", "5 December 2026")
    assert {interview_date(t, "de", german) for t in typed} == {"2026-12-05"}
    assert interview_date("05.12.2026", "de-CH") == interview_date("05.12.2026", "fr-CH")
    assert interview_date("05.12.2026", "fr-CH") == "2026-12-05"
    for language in ("", "en", "fr"):  # no such convention: two readings, kept as typed
        assert interview_date("05.12.2026", language, german) == "05.12.2026"
    assert interview_date("05/12/2026", "de") == "05/12/2026"

    # a packet's date that is no day is warned of (validate); the forms people write are days
    from qbank.debrief.summarise import is_a_date

    days = ("2026-12-06", "6 Dec 2026", "Dec 6, 2026", "06/12/2026", "12/6/2026", "05/12/26")
    assert all(is_a_date(day) for day in (*days, "6.12.2026", "5. Dezember 2026")), days
    assert is_a_date("5. Dezember 2026", "de", german)
    assert not any(map(is_a_date, ("yesterday", "31/02/2026", "2026-02-31", "31 Feb 2026")))
    # with its weekday or its time, as a calendar or a phone writes it
    timed = ("Sat 6 Dec 2026", "Saturday, December 6, 2026", "2026-12-06 14:00", "6.12.2026 9.30")
    assert all(map(is_a_date, timed))
    # a form not known is taken on trust: a month first with a time, another language's
    # words, a date without its year, ISO's T (a review: each was warned of as no day)
    trusted = ("Dec 6, 2026 14:00", "6 de diciembre de 2026", "2026年12月6日", "6 Dec")
    assert all(map(is_a_date, (*trusted, "6 декабря 2026 г.", "2026-12-06T14:00"))), trusted
    # a time with seconds after it, and a weekday before a day no calendar has (a review)
    assert is_a_date("6.12.2026 14.30.00") and is_a_date("6 Dec 2026 14.00.00")
    assert not is_a_date("Mon 31 Feb 2026") and not is_a_date("31 February 2026 14:00")
    assert not any(map(is_a_date, ("next Tuesday", "Mon 31/02/2026", "Tuesday")))


def test_accept_changes_reads_reworded_questions_only(packets, tmp_path):
    bank, filled = packets
    text = bank.read_text(encoding="utf-8")
    edited = tmp_path / "interview-bank.yaml"
    # a German bank's: the lines' words are the look's, in its language, the ids the bank's
    reworded = text.replace(
        "[assets, trust boundaries, mitigations]", "[assets, edges, mitigations]"
    )
    edited.write_text("language: de\n" + reworded, encoding="utf-8")
    # each question by the look's label, as the debrief prints it (they said Q5 beside P5)
    look = Templates(labelled_look(tmp_path / "look"))
    with pytest.raises(QbankError) as refused:
        read_debrief(list(filled.values()), edited, tmp_path / "refused", templates=look)
    first = str(refused.value).splitlines()[0]
    assert first.endswith(
        "P5: the look-for signals of threat-model changed in the bank since the packet was "
        "built; debrief with the bank the packet was built from, or build and fill in a new "
        "packet (only its wording changed: --accept-changes reads it anyway)"
    )
    outcome = read_debrief(
        list(filled.values()), edited, tmp_path / "out", accept_changes=True, templates=look
    )
    assert outcome.debriefs[0].changed == ("P5 threat-model: the look-for signals changed",)
    document = docx.Document(str(tmp_path / "out" / "interview-bank-debrief-ada-lovelace.docx"))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Changed since the packets were built")
    assert texts[start + 2] == "•\tP5 threat-model: the look-for signals changed"
    assert start < texts.index("Scores")
    languages = run_languages(document)
    assert languages["P5"] == languages[": the look-for signals changed"] == {"en"}
    assert languages["threat-model"] == {None}
    # a translated look's words (they were qbank's English under its German heading)
    german = labelled_look(tmp_path / "german")
    english, said = "the look-for signals changed", "die Look-for-Signale wurden geändert"
    line = '"{label} {id}: %s"'
    own_look(german, {"packet/debrief.toml": (line % english, line % said)})
    words = german / "packet" / "rubric.toml"
    words.write_text(words.read_text(encoding="utf-8").replace('"en"', '"de"'), encoding="utf-8")
    read = list(filled.values()), edited, tmp_path / "de"
    translated = read_debrief(*read, accept_changes=True, templates=Templates(german))
    assert translated.debriefs[0].changed == (f"P5 threat-model: {said}",)
    # a changed id is still refused
    renamed = tmp_path / "renamed" / "interview-bank.yaml"
    renamed.parent.mkdir()
    renamed.write_text(text.replace("id: threat-model\n", "id: threat-modelling\n"))
    with pytest.raises(QbankError) as still:
        read_debrief(list(filled.values()), renamed, tmp_path / "still", accept_changes=True)
    assert "threat-model: the bank has no question with this id any more" in str(still.value)


EARLIER = {  # three earlier debriefs: who was asked what
    "2026-10-debrief.csv": {
        "Cand One": (
            "authn-authz",
            "log-sources",
            "explain-risk",
            "threat-model",
            "guardrails",
            "prompt-leak",
            "post-mortem",
        )
    },
    "2026-11-debrief.csv": {
        "Cand Two": (
            "log-sources",
            "explain-risk",
            "threat-model",
            "abuse-cases",
            "guardrails",
            "prompt-leak",
            "post-mortem",
        )
    },
    "2026-12-debrief.csv": {"Cand Three": ("threat-model", "prompt-leak", "post-mortem")},
}
UNASKED = {"service-secrets", "segmentation", "poisoned-index", "alert-fatigue"}


@pytest.fixture(scope="module")
def earlier(tmp_path_factory) -> Path:
    from qbank.debrief.spreadsheet import COLUMNS

    folder = tmp_path_factory.mktemp("earlier")
    for name, asked in EARLIER.items():
        with (folder / name).open("w", encoding="utf-8-sig", newline="") as target:
            writer = csv.DictWriter(target, COLUMNS)
            writer.writeheader()
            for candidate, ids in asked.items():
                for qid in ids:
                    writer.writerow({"candidate": candidate, "question_id": qid, "rating": "3"})
    (folder / "notes.csv").write_text("not,a,debrief\n")  # passed over
    return folder


def test_fresh_against_chooses_unasked_questions_first_while_coverage_holds(cli, earlier, tmp_path):
    from filling import question_ids

    from qbank.bank import load_bank

    bank = load_bank(BANK)
    by_id = {q.id: q for q in bank.questions}
    fresh = cli("packet", "--bank", BANK, "--out", tmp_path / "f", "--fresh-against", earlier)
    plain = cli("packet", "--bank", BANK, "--out", tmp_path / "p")
    assert fresh.exit_code == plain.exit_code == 0, fresh.output
    [fresh_packet] = (tmp_path / "f").iterdir()
    [plain_packet] = (tmp_path / "p").iterdir()
    chosen = set(question_ids(fresh_packet))
    assert UNASKED <= chosen
    assert not UNASKED <= set(question_ids(plain_packet))  # the test can fail
    assert {by_id[q].competency for q in chosen} == {c.name for c in bank.competencies}
    # of the two questions of a competency, the less asked one: abuse-cases (1) over
    # threat-model (3), explain-risk (2) over post-mortem (3)
    assert {"abuse-cases", "explain-risk"} <= chosen
    assert not {"threat-model", "post-mortem"} & chosen
    counts = {}
    for asked in EARLIER.values():
        for ids in asked.values():
            for qid in ids:
                counts[qid] = counts.get(qid, 0) + 1
    said = ", ".join(f"{q.label} {counts.get(q.id, 0)}" for q in bank.questions if q.id in chosen)
    text = [p.text for p in docx.Document(str(fresh_packet)).paragraphs]
    assert (
        "Chosen fresh against earlier debriefs (files: 3; candidates: 3); times each question "
        "was "
        f"asked before: {said}." in text
    )


def test_usage_prints_how_often_each_question_was_asked(cli, earlier, tmp_path):
    result = cli("usage", earlier, "--bank", BANK)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "3 debrief CSVs, 3 earlier candidates; each question and how many of them were asked it:",
        "  Q1  authn-authz      1",
        "  Q2  service-secrets  0",
        "  Q3  log-sources      2",
        "  Q4  explain-risk     2",
        "  Q5  threat-model     3",
        "  Q6  abuse-cases      1",
        "  Q7  guardrails       2",
        "  Q8  segmentation     0",
        "  Q9  prompt-leak      3",
        " Q10  poisoned-index   0",
        " Q11  alert-fatigue    0",
        " Q12  post-mortem      3",
    ]
    # one debrief of one candidate (a first-hour trial read "1 debrief CSVs, 1 earlier
    # candidates")
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(earlier / "2026-10-debrief.csv", one)
    single = cli("usage", one, "--bank", BANK)
    assert single.stdout.splitlines()[0] == (
        "1 debrief CSV, 1 earlier candidate; each question and how many of them were asked it:"
    )
    # by the look's label, as the packets and the debrief name each question (it said Q1)
    polish = cli("usage", earlier, "--bank", BANK, "--templates", labelled_look(tmp_path / "pl"))
    assert polish.stdout.splitlines()[1:3] == [
        "  P1  authn-authz      1",
        "  P2  service-secrets  0",
    ]
    empty = cli("usage", earlier / "nothing", "--bank", BANK)
    assert empty.exit_code == 1
    assert empty.stderr.strip() == (
        f"{earlier / 'nothing'}: no such folder; give the folder of earlier debrief CSVs"
    )


def test_a_debrief_saved_again_with_semicolons_is_counted(cli, earlier, tmp_path):
    """A debrief CSV opened and saved by a spreadsheet in a European language has ';'
    between its cells: it was passed over without a word, and its candidate's questions
    counted as never asked (a review)."""
    import shutil

    folder = tmp_path / "earlier"
    shutil.copytree(earlier, folder)
    saved = folder / "2026-11-debrief.csv"
    with saved.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    with saved.open("w", encoding="utf-8-sig", newline="") as target:
        csv.writer(target, delimiter=";").writerows(rows)
    assert ";" in saved.read_text(encoding="utf-8-sig").splitlines()[0]
    counted, again = (cli("usage", f, "--bank", BANK) for f in (earlier, folder))
    assert again.exit_code == 0, again.output
    assert again.stdout == counted.stdout


def test_a_debrief_saved_again_that_cannot_be_read_is_said_at_its_line(cli, earlier, tmp_path):
    """A debrief CSV saved again with ';' whose header row does not match its rows (the
    header's commas kept), or whose question_id column was deleted, counted as a debrief
    of nobody interviewed, without a word (a review): it is refused at its line."""
    import shutil

    with (earlier / "2026-11-debrief.csv").open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    cases = {
        "header": (
            rows,
            2,
            "this row has no question id (its cells are separated by ';', the header row's by ',')",
        ),
        "column": (
            [row[:3] + row[4:] for row in rows],
            1,
            "this debrief CSV's header row has no 'question_id' column (read with ';'",
        ),
    }
    for case, (written, line, said) in cases.items():
        folder = tmp_path / case
        shutil.copytree(earlier, folder)
        saved = folder / "2026-11-debrief.csv"
        with saved.open("w", encoding="utf-8-sig", newline="") as target:
            if case == "header":  # the header row as it was, the rows saved with ';'
                target.write(",".join(written[0]) + "\r\n")
                csv.writer(target, delimiter=";").writerows(written[1:])
            else:
                csv.writer(target, delimiter=";").writerows(written)
        for args in (("usage", folder), ("packet", "--fresh-against", folder, "--out", tmp_path)):
            result = cli(*args, "--bank", BANK)
            assert result.exit_code == 1, result.output
            assert result.stderr.startswith(f"{saved}:{line}: {said}"), result.stderr
            assert "Traceback" not in result.output


def test_a_csv_of_another_kind_naming_question_ids_is_passed_over(cli, earlier, tmp_path):
    """A sheet of the user's whose header holds 'related_question_ids' was taken for a
    broken debrief and refused, as 'question_id' was looked for anywhere in the header
    (a review); a column of that name alone makes a debrief."""
    import shutil

    folder = tmp_path / "earlier"
    shutil.copytree(earlier, folder)
    (folder / "reading-list.csv").write_text(
        "title,related_question_ids\nOWASP,a b\n", encoding="utf-8"
    )
    counted, again = (cli("usage", f, "--bank", BANK) for f in (earlier, folder))
    assert again.exit_code == 0, again.output
    assert again.stdout == counted.stdout


def test_a_csv_that_is_a_device_or_a_pipe_is_refused_at_once(cli, tmp_path):
    """A hostile trial: a link to /dev/zero named z.csv took 18 GB before it was killed, and
    a FIFO hung `usage` and `packet --fresh-against` for ever."""
    import os

    for name, make in (("zero", lambda p: p.symlink_to("/dev/zero")), ("fifo", os.mkfifo)):
        folder = tmp_path / name
        folder.mkdir()
        make(folder / "x.csv")
        for args in (("usage", folder), ("packet", "--fresh-against", folder, "--out", tmp_path)):
            result = cli(*args, "--bank", BANK)
            assert result.exit_code == 1, result.output
            assert "is a device, a pipe or a socket, not a debrief CSV file" in result.stderr


def test_a_quote_left_open_in_a_debrief_csv_is_refused_where_it_opens(cli, tmp_path):
    """A hostile trial: Ann,"first,3 took the rows below it into her question id, so
    `usage` counted Bob's and Cid's interviews nowhere and `packet --fresh-against` said
    nothing. A note over several lines, quoted, is no damage."""
    header = "candidate,question_id,rating,notes\n"
    cases = {
        "open": (
            'Ann,authn-authz,3,"ok"\nAnn,"log-sources,3\nBob,log-sources,4\nCid,guardrails,2\n',
            3,
            'a cell here opens with a quote (") that is never closed, so every line after it',
        ),
        "closed-late": (
            'Ann,"log-sources,3\nBob,log-sources,4\nCid,guardrails,2"\n',
            2,
            "the question id cell here holds a line break, which no question id does: a "
            'quote (") opens it here and closes only on line 4, so lines 2 to 4 are read as '
            "one cell",
        ),
        "joined": (
            'Ann,"log-sources,3",x\n',
            2,
            "the question id cell here holds ',', the separator of the cells, which no question "
            "id does",
        ),
        "more-after": (
            'Ann,log-sources,3,"a note\nover two lines"\nBob,"guardrails"x,4\n',
            4,
            'a cell here opens with a quote (") that is closed on this line before more of the '
            "cell",
        ),
    }
    for case, (rows, line, said) in cases.items():
        folder = tmp_path / case
        folder.mkdir()
        (folder / "x-debrief.csv").write_text(header + rows, encoding="utf-8")
        for args in (("usage", folder), ("packet", "--fresh-against", folder, "--out", tmp_path)):
            result = cli(*args, "--bank", BANK)
            assert result.exit_code == 1, (case, result.output)
            assert result.stderr.startswith(f"{folder / 'x-debrief.csv'}:{line}: {said}"), (
                result.stderr
            )
            assert result.stderr.rstrip().endswith(
                'close the quote where the cell ends (a quote inside a cell is written twice: ""), '
                "or write the file again with `qbank debrief`"
            )
    long = tmp_path / "long"  # a cell past the csv module's limit is no quote after it
    long.mkdir()
    (long / "x-debrief.csv").write_text(
        f'{header}Ann,log-sources,3,"{"y" * 200_000}"\nBob,"guardrails"x,4\n', encoding="utf-8"
    )
    result = cli("usage", long, "--bank", BANK)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"{long / 'x-debrief.csv'}:2: a cell of the row that starts here holds more than "
        "131,072 characters, far more than a debrief's notes; shorten it, or write the file "
        "again with `qbank debrief`\n"
    )
    whole = tmp_path / "whole"
    whole.mkdir()
    (whole / "x-debrief.csv").write_text(
        header + 'Ann,log-sources,3,"said ""no"",\nthen, later, yes"\nBob,log-sources,4,\n',
        encoding="utf-8",
    )
    result = cli("usage", whole, "--bank", BANK)
    assert result.exit_code == 0, result.output
    assert "  Q3  log-sources      2" in result.stdout.splitlines()


def test_a_control_character_in_a_question_id_is_never_printed(cli, tmp_path):
    """A hostile trial: a NUL in a debrief CSV's question id went to the terminal raw in
    the list of ids no longer in the bank; a mark that turns the text's direction too."""
    (tmp_path / "x-debrief.csv").write_text(
        "candidate,question_id\nAnn,log-sources\nBob,sec\x00ond\nCid,old\u202eid\nDee,gone\n",
        encoding="utf-8",
    )
    result = cli("usage", tmp_path, "--bank", BANK)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "not in the bank any more: gone, 'old\\u202eid', 'sec\\x00ond'"
    )


def test_a_header_cell_with_a_character_that_does_not_show_is_said_with_it(cli, tmp_path):
    """A hostile trial: a byte-order mark saved twice before 'candidate' was told only that
    the header row has no 'candidate' column, which it shows."""
    for case, text, which in (
        ("bom", "\ufeff\ufeffcandidate,question_id\nAnn,log-sources\n", "U+FEFF (a byte-order"),
        ("nul", "candidate,question\x00_id\nAnn,log-sources\n", "U+0000, so"),
    ):
        folder = tmp_path / case
        folder.mkdir()
        (folder / "x-debrief.csv").write_text(text, encoding="utf-8")
        result = cli("usage", folder, "--bank", BANK)
        assert result.exit_code == 1, result.output
        seen = "candidate" if case == "bom" else "question_id"
        assert result.stderr.startswith(
            f"{folder / 'x-debrief.csv'}:1: this debrief CSV's header cell '{seen}' holds a "
            f"character that does not show, {which}"
        ), result.stderr
        assert f"no '{seen}' column" in result.stderr
        assert f"type '{seen}' in its place" in result.stderr


def test_a_debrief_csv_not_in_utf8_is_said_at_its_line_with_how_to_save_it(cli, tmp_path):
    """A hostile trial: a debrief CSV in Windows-1252 or UTF-16 was refused at the file
    alone, with Python's words ('utf-8' codec can't decode byte 0xeb in position 24)."""
    text = "candidate,question_id\nAnn,log-sources\nZoë,guardrails\n"
    for case, encoding, line, said in (
        ("cp1252", "cp1252", 3, "not UTF-8 text: byte 0xeb (it looks like Windows-1252"),
        ("utf16", "utf-16", 1, "not UTF-8 text but UTF-16"),
    ):
        folder = tmp_path / case
        folder.mkdir()
        (folder / "x-debrief.csv").write_bytes(text.encode(encoding))
        for args in (("usage", folder), ("packet", "--fresh-against", folder, "--out", tmp_path)):
            result = cli(*args, "--bank", BANK)
            assert result.exit_code == 1, result.output
            assert result.stderr.startswith(f"{folder / 'x-debrief.csv'}:{line}: {said}")
            assert "Save the debrief CSV as UTF-8: in Excel choose" in result.stderr


def test_a_score_rounds_its_halves_up_as_people_do():
    """3.125 (a weighted mean of 3, 3 and 3.5 by weights 2, 1 and 1) reads 3.13, not
    float formatting's 3.12 (a new-user trial's report)."""
    from qbank.debrief.summarise import number

    assert [number(v) for v in (3.125, 3.0, 3.5, 10 / 3, 2.675)] == [
        "3.13",
        "3",
        "3.5",
        "3.33",
        "2.68",
    ]


def test_a_share_rounds_its_halves_up_too():
    from qbank.debrief.summarise import fixed, percent

    assert [percent(0.625), percent(0.5), fixed(-0.125, sign=True), fixed(0.125, sign=True)] == [
        "63%",
        "50%",
        "-0.13",
        "+0.13",
    ]


def test_a_section_nobody_rated_shows_no_score_and_is_left_out_of_the_total(packets, tmp_path):
    """A hiring manager's trial read 'Quality & operations 25 %, Total 50 %' beside a
    weighted total of 72 %: a question nobody rated counted 0 in its section and the
    total, but was left out of the competencies' means. Every figure rests on the ratings
    given: a section none of whose questions was rated shows 'not rated', no 0, and the
    total, out of the questions rated, says the sections it rests on; the section, total
    and weighted figures agree."""
    from helpers import run_cli

    from qbank.bank import load_bank

    bank, earlier = packets
    section = {q.id: q.section for q in load_bank(bank).questions}
    pins = [a for who, ids in ASKS.items() for q in ids for a in ("--include", f"{q}@{who}")]
    names = [a for who in ASKS for a in ("--interviewer", who)]
    blank = tmp_path / "blank"
    result = run_cli(
        "packet", "--bank", bank, "--out", blank, "--candidate", "Di Prince", *names, *pins
    )
    assert result.exit_code == 0, result.output
    filled = []
    for who in ASKS:
        [packet] = blank.glob(f"*-{who.lower()}.docx")
        scores = {q: [3] for q in ASKS[who] if section[q] != "Design"}  # Design: none rated
        header = {"candidate": "Di Prince", "interviewer": who, "interview-date": "2026-12-01"}
        form = Filled(header=header, scores=scores, recommendations=["yes"])
        filled.append(fill(packet, tmp_path / f"{who}.docx", form))
    out = tmp_path / "out"
    ada = [path for key, path in earlier.items() if key.startswith("Ada")]
    read_debrief([*ada, *filled], bank, out)
    document = out / "interview-bank-debrief-di-prince.docx"
    assert table_after(document, "Scores")[1:] == [
        ["Basics", "4", "12", "20", "60%"],
        ["Design", "4", "not rated", "–", "–"],
        ["Incidents", "4", "12", "20", "60%"],
        ["Total (on 2 of 3 sections)", "12", "24 (4 unrated)", "40", "60%"],
        ["Weighted by competency (on 4 of 6 competencies)", "", "3", "5", "60%"],
    ]
    comparison = out / "interview-bank-debrief-comparison.docx"
    compared = table_after(comparison, "Candidates compared", lines=True)
    assert coverage(document)["threat-modeling"] == "2 of 2 questions asked, 0 rated"
    di = next(row for row in compared if row[0] == "Di Prince")
    assert di[1:6] == [
        "12 / 20",
        "not rated",
        "12 / 20",
        "24 / 40 (4 unrated)\n(on 2 of 3 sections)",  # as Di's debrief says it
        "8 ratings, 4 unrated",
    ]
    ada = next(row for row in compared if row[0].startswith("Ada"))
    assert "\n" not in ada[4] and "sections" not in ada[4]  # every section rated
    texts = [p.text for p in docx.Document(str(document)).paragraphs]
    assert not any("Design scored" in t for t in texts)  # no share to call far below
    with (out / "interview-bank-debrief-di-prince.csv").open(encoding="utf-8-sig") as source:
        rows = list(csv.DictReader(source))
    assert {r["rating"] for r in rows if r["section"] == "Design"} == {"unrated"}
    # the sheet says the section's coverage and the total's, as the DOCX does
    design = {(r["score"], r["not_rated_because"], r["section_questions_rated"]) for r in rows
              if r["section"] == "Design"}  # fmt: skip
    assert design == {("", "no score ticked", "0")}
    assert {r["section_questions_asked"] for r in rows if r["section"] == "Design"} == {"4"}
    assert {r["total_rests_on"] for r in rows} == {"2 of 3 sections (not rated: Design)"}
    assert {r["weighted_total"] for r in rows} == {"3"}
    rests_on = "4 of 6 competencies (not rated: threat-modeling; secure-design)"
    assert {r["weighted_total_rests_on"] for r in rows} == {rests_on}


def test_a_look_from_before_says_a_section_not_rated_in_the_built_in_words(tmp_path):
    """A look whose packet/debrief.toml predates section_not_rated and total_rests_on
    reads, with the built-in words in their place."""
    from qbank.debrief.words import load_words

    lines = [
        line
        for line in Templates().path("packet/debrief.toml").read_text().splitlines()
        if line.startswith(("section_not_rated", "total_rests_on"))
    ]
    assert len(lines) == 2
    older = own_look(tmp_path / "look", {"packet/debrief.toml": ("\n".join(lines), "")})
    say = load_words(Templates(older)).say
    assert say("section_not_rated") == "not rated"
    assert say("total_rests_on", rated=2, count=3) == "(on 2 of 3 sections)"


def test_a_panel_that_rated_nothing_shows_no_total(packets, tmp_path):
    """Every question 'not rated' (the recommendations given): no section's score nor the
    total is a 0 the candidate scored, and nothing is divided by nothing."""
    from helpers import run_cli

    bank, _ = packets
    pins = [a for who, ids in ASKS.items() for q in ids for a in ("--include", f"{q}@{who}")]
    names = [a for who in ASKS for a in ("--interviewer", who)]
    blank = tmp_path / "blank"
    result = run_cli(
        "packet", "--bank", bank, "--out", blank, "--candidate", "Ed Nobody", *names, *pins
    )
    assert result.exit_code == 0, result.output
    filled = []
    for who in ASKS:
        [packet] = blank.glob(f"*-{who.lower()}.docx")
        header = {"candidate": "Ed Nobody", "interviewer": who, "interview-date": "2026-12-01"}
        form = Filled(header=header, scores={}, recommendations=["no"])
        filled.append(fill(packet, tmp_path / f"{who}.docx", form))
    read_debrief(filled, bank, tmp_path / "out")
    scores = table_after(tmp_path / "out" / "interview-bank-debrief-ed-nobody.docx", "Scores")
    assert scores[1:] == [
        ["Basics", "4", "not rated", "–", "–"],
        ["Design", "4", "not rated", "–", "–"],
        ["Incidents", "4", "not rated", "–", "–"],
        ["Total", "12", "not rated", "–", "–"],
    ]
