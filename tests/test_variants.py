"""Builds people can tell apart: every variant writes a name that says what it holds, and
the default packet is one interview that covers the sections."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from filling import libreoffice_convert
from helpers import FIXTURES, PLAN_HEADS, plan_heads_look, run_cli
from readback import docx_document

from qbank.naming import artifact_name, slug

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STEM = "ai-cybersecurity-analyst"


def written(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [line.rsplit("/", 1)[-1] for line in result.stdout.splitlines()]


def test_slugs_say_what_a_selection_holds():
    assert slug("AI Workflow & Tools") == "ai-workflow-tools"
    assert slug("Jane  Doe") == "jane-doe"
    assert slug("Zoë Ünal") == "zoë-ünal"  # letters of any script stay
    assert artifact_name("b", "apkg") == "b.apkg"
    assert artifact_name("b", "docx", kind="packet", variant=["45min", "seed3"]) == (
        "b-packet-45min-seed3.docx"
    )
    assert artifact_name("b", "docx", kind="packet", variant=["x"], part="1", name="j") == (
        "j-packet-1.docx"
    )
    long = artifact_name("b", "pdf", variant=[f"tag{i}" for i in range(60)])
    other = artifact_name("b", "pdf", variant=[f"tag{i}" for i in range(61)])
    assert len(long.encode()) < 200 and long != other


VARIANTS = [
    (["anki"], f"{STEM}.apkg"),
    (["anki", "--section", "advanced"], f"{STEM}-advanced.apkg"),
    (["anki", "--tag", "prompt-injection"], f"{STEM}-prompt-injection.apkg"),
    (["html", "--section", "advanced"], f"{STEM}-advanced.html"),
    (["packet"], f"{STEM}-packet.docx"),
    (["packet", "--all"], f"{STEM}-packet-all.docx"),
    (["packet", "--count", "8", "--seed", "3"], f"{STEM}-packet-8q-seed3.docx"),
    (["packet", "--minutes", "45"], f"{STEM}-packet-45min.docx"),
    (["packet", "--minutes", "45", "--seed", "3"], f"{STEM}-packet-45min-seed3.docx"),
    (["packet", "--candidate", "Jane Doe"], f"{STEM}-packet-jane-doe.docx"),
    (["packet", "--all", "--compact"], f"{STEM}-packet-all-compact.docx"),
    (["packet", "--candidate", "John Roe"], f"{STEM}-packet-john-roe.docx"),
    (["packet", "--name", "round-2"], "round-2-packet.docx"),
    (["cards", "--section", "Beginner"], f"{STEM}-flashcards-beginner.pdf"),
]


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> tuple[Path, dict[tuple[str, ...], list[str]]]:
    """Every variant of VARIANTS built one after another into one folder, as a user might:
    the folder, and what each command printed."""
    out = tmp_path_factory.mktemp("variants")
    return out, {tuple(args): written(run_cli(*args, "--out", out)) for args, _ in VARIANTS}


@pytest.mark.parametrize(("args", "name"), VARIANTS)
def test_every_variant_has_its_own_name(variants, args, name):
    assert variants[1][tuple(args)] == [name]


def test_variants_never_overwrite_each_other(variants):
    """Built into one folder, each variant is still there under its own name."""
    out, printed = variants
    names = [name for names in printed.values() for name in names]
    assert len(set(names)) == len(names) == len(VARIANTS)
    assert sorted(p.name for p in out.iterdir()) == sorted(names)


def test_candidate_fills_the_candidate_field_and_the_footer(variants):
    document = docx_document(variants[0] / f"{STEM}-packet-jane-doe.docx")
    fields = {
        sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val"): "".join(t.text for t in sdt.iter(f"{W}t"))
        for sdt in document.element.body.iter(f"{W}sdt")
        if sdt.find(f"{W}sdtPr/{W}text") is not None
    }
    assert fields["candidate"] == "Jane Doe"
    assert fields["interviewer"] == ""
    footer = "".join(p.text for p in document.sections[0].footer.paragraphs)
    assert "Candidate: Jane Doe" in footer


@pytest.mark.parametrize(
    "bad",
    ["a/b", "..", " ", ".qbank-tmp-x", "x" * 181, "a\nb", "-x", "a\u2028b", "a\x85b", "\u202eevil"],
)
def test_a_name_with_a_folder_is_refused(cli, tmp_path, bad):
    """A usage error (exit 2), as click's own: also qbank's temporary folders' prefix, a line
    break (the written file's path was two lines of the output, which lists one a line) and
    a leading '-' (a hostile trial)."""
    result = cli("anki", "--name", bad, "--out", tmp_path)
    assert result.exit_code == 2
    assert "--name" in result.stderr and "Traceback" not in result.output
    assert not tmp_path.exists() or not list(tmp_path.iterdir())


def test_all_with_a_name_writes_each_file_once(cli, tmp_path):
    # the two-question bank: the names are the same whatever the bank holds
    args = ("--bank", FIXTURES / "minimal.yaml", "--section", "Basics", "--out", tmp_path)
    names = written(cli("all", "--name", "study", *args))
    assert names == [
        "study-booklet.pdf",
        "study-workshop.pdf",
        "study.apkg",
        "study-packet.docx",
        "study-flashcards.pdf",
        "study.html",
    ]


def test_count_and_minutes_that_cannot_be_met_are_a_usage_error(cli, tmp_path):
    result = cli("packet", "--count", "20", "--minutes", "45", "--out", tmp_path)
    assert result.exit_code == 2
    assert "--count 20 --minutes 45: the 20 shortest questions take" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_all_refuses_a_selection(cli, tmp_path):
    result = cli("packet", "--all", "--count", "3", "--out", tmp_path)
    assert result.exit_code == 2 and "--all takes every question" in result.stderr


def interview(document) -> tuple[list[str], int]:
    """The sections asked and the clock at the end of the wrap-up, from the plan table."""
    tables = [t for t in document.tables if t.rows[0].cells[-1].text == "Ends"]
    rows = [[c.text for c in r.cells] for r in tables[0].rows[1:]]
    hours, minutes = rows[-1][5].split(":")
    return [r[1] for r in rows[1:-1]], int(hours) * 60 + int(minutes)


def test_the_default_packet_is_one_interview_over_every_section(variants, default_bank):
    document = docx_document(variants[0] / f"{STEM}-packet.docx")
    sections, end = interview(document)
    assert end <= 60
    assert set(sections) == {s.name for s in default_bank.sections}
    text = "\n".join(p.text for p in document.paragraphs)
    assert "A slot of 60 minutes" in text  # the cover states the length


def test_a_panel_of_three_is_three_disjoint_interviews(cli, tmp_path, default_bank):
    names = written(cli("packet", "--panel", "3", "--out", tmp_path))
    asked = []
    for name in names[:3]:
        document = docx_document(tmp_path / name)
        sections, end = interview(document)
        assert end <= 60
        assert set(sections) == {s.name for s in default_bank.sections}
        asked += [p.text.split("\t")[0] for p in document.paragraphs if re.match(r"Q\d+\t", p.text)]
    assert len(asked) == len(set(asked)) and len(asked) >= 18


def test_minutes_45_covers_every_section_the_shortest_questions_allow(variants, default_bank):
    document = docx_document(variants[0] / f"{STEM}-packet-45min.docx")
    sections, end = interview(document)
    assert end <= 45
    if default_bank.competencies:
        # the picker covers competencies first, while the time left allows: a competency
        # left out has no question short enough for the minutes that remain
        by_label = {q.label: q for q in default_bank.questions}
        tables = [t for t in document.tables if t.rows[0].cells[-1].text == "Ends"]
        asked = [by_label[r.cells[0].text] for r in tables[0].rows[2:-1]]
        covered = {q.competency for q in asked}
        assert len(covered) == len(asked) >= 5
        for c in default_bank.competencies:
            if c.name not in covered:
                left = min(
                    q.planned_minutes for q in default_bank.questions if q.competency == c.name
                )
                assert left > 45 - end, (c.name, left, end)
        return
    shortest = sum(
        min(q.planned_minutes for q in default_bank.questions_in(s)) for s in default_bank.sections
    )
    if shortest + 5 <= 45:
        assert set(sections) == {s.name for s in default_bank.sections}
    else:
        assert len(set(sections)) == len(default_bank.sections) - 1


def test_qbank_paper_sets_the_paper_once_and_an_option_overrides_it(cli, tmp_path, monkeypatch):
    from pypdf import PdfReader

    bank = FIXTURES / "minimal.yaml"  # the paper is the same whatever the bank holds

    def width(*args: str) -> float:
        (name,) = written(cli("cards", "--bank", bank, "--out", tmp_path, *args))
        return float(PdfReader(tmp_path / name).pages[0].mediabox.width)

    monkeypatch.setenv("QBANK_PAPER", "Letter")  # choices take any case
    assert round(width()) == 612
    assert round(width("--paper", "A4")) == 595  # the option comes first
    (name,) = written(cli("packet", "--bank", bank, "--out", tmp_path))
    section = docx_document(tmp_path / name).sections[0]
    assert round(section.page_width.inches, 2) == 8.5
    monkeypatch.setenv("QBANK_PAPER", "a5")
    result = cli("cards", "--out", tmp_path)
    assert result.exit_code == 2 and "QBANK_PAPER" in result.stderr
    monkeypatch.delenv("QBANK_PAPER")
    assert round(width()) == 595  # the default


@pytest.mark.slow
def test_libreoffice_never_breaks_a_packet_label_inside_a_word(variants, tmp_path):
    """LibreOffice without Calibri sets labels in a wider font (DejaVu Sans on Debian): the
    label columns leave room for their longest word."""
    packet = variants[0] / f"{STEM}-packet-jane-doe.docx"
    # and a bank of long section names, for the plan's section column ("Troubleshooti|ng")
    sections = ["Troubleshooting", "Containerisation", "Observability"]
    # and a long title, whose footer broke the page label over two lines
    bank = tmp_path / "long.yaml"
    bank.write_text(
        f"title: {'Reliability engineering interview for distributed systems ' * 2}\n"
        "questions:\n"
        + "".join(f"  - {{id: q{n}, section: {s}, question: Q{n}?, hint: h}}\n"
                  for n, s in enumerate(sections))
        , encoding="utf-8",
    )  # fmt: skip
    # and a look whose time plan's heads are longer words than the English ("Począ|tek")
    look = plan_heads_look(tmp_path / "look")
    assert run_cli("packet", "--bank", bank, "--templates", look, "--out", tmp_path).exit_code == 0
    pdfs = libreoffice_convert(
        [packet, tmp_path / "long-packet.docx"], tmp_path / "pdf", "pdf", tmp_path / "lo"
    )
    import pypdfium2

    def lines(pdf: Path) -> list[str]:  # PDFium's text: a line each that LibreOffice set
        return [
            line.strip()
            for page in pypdfium2.PdfDocument(pdf)
            for line in page.get_textpage().get_text_range().splitlines()
        ]

    shown = lines(pdfs[0])
    assert "Interviewer's" in " ".join(shown)
    assert not [line for line in shown if line.startswith(("'s", "s signature"))], shown
    shown = lines(pdfs[1])
    broken = [
        (above, below)
        for above, below in zip(shown, shown[1:], strict=False)
        for w in sections
        for k in range(2, len(w) - 1)
        if above.endswith(w[:k]) and below.startswith(w[k:])
    ]
    assert all(w in shown for w in sections) and not broken, broken
    words = " ".join(shown).split()
    assert all(head in words for head in PLAN_HEADS), shown
    footer = r"Reliability .* · Candidate: _+ Page 1 of \d+"  # on one line
    assert any(re.fullmatch(footer, line) for line in shown), shown


def test_a_question_without_minutes_counts_the_same_in_booklet_and_packet(cli, tmp_path):
    from pypdf import PdfReader

    bank = tmp_path / "timed.yaml"
    bank.write_text(
        "title: Timed\nquestions:\n"
        "  - {id: a, section: S, question: First?, hint: One., minutes: 4}\n"
        "  - {id: b, section: S, question: Second?, hint: Two.}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert cli("booklet", "--edition", "study", "--bank", bank, "--out", out).exit_code == 0
    text = " ".join(p.extract_text() for p in PdfReader(out / "timed-booklet.pdf").pages)
    text = " ".join(text.split())
    assert "about 9 minutes*" in text
    assert "A question without a time given counts 5 minutes" in text
    assert cli("packet", "--all", "--bank", bank, "--out", out).exit_code == 0
    document = docx_document(out / "timed-packet-all.docx")
    plan = [t for t in document.tables if t.rows[0].cells[-1].text == "Ends"][0]
    assert [r.cells[4].text for r in plan.rows[2:-1]] == ["4", "5*"]
    notes = "\n".join(p.text for p in document.paragraphs)
    assert "counted as 5 minutes, as in the study booklet" in notes


@pytest.mark.parametrize("option", ["--candidate", "--interviewer"])
@pytest.mark.parametrize(
    "name", ["Jane\x01Doe", "\u202eJane", "Jane\u2028Doe", "Jane\nDoe", "Jane\tDoe", "J" * 101]
)
def test_a_name_with_a_control_character_or_too_long_is_refused(cli, tmp_path, option, name):
    """A control character, a line break or separator, or a mark that turns the text's
    direction (U+202E shows a file's 'gpj.exe' as 'exe.jpg', a hostile trial), or more than
    100 characters: refused alike for the candidate and an interviewer (an interviewer's line
    break was folded to a blank where the candidate's was refused, and only the interviewer's
    name had a length)."""
    result = cli("packet", option, name, "--out", tmp_path)
    assert result.exit_code == 2 and option in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_names_blanks_are_folded_alike(cli, tmp_path):
    """Runs of blanks in both names are one blank, as the packet shows them."""
    from pypdf import PdfReader

    given = ("--candidate", "  Jane   Doe ", "--interviewer", "Ann  Lee", "--format", "pdf")
    assert cli("packet", *given, "--out", tmp_path).exit_code == 0
    fields = PdfReader(tmp_path / "ai-cybersecurity-analyst-packet-jane-doe-ann-lee.pdf")
    values = {k: v.get("/V") for k, v in fields.get_fields().items()}
    assert values["candidate"] == "Jane Doe" and values["interviewer"] == "Ann Lee"


def grouped_bank(tmp_path) -> Path:
    bank = tmp_path / "grouped.yaml"
    rows = "".join(
        f"  - {{id: q{n}, section: S{n % 2}, question: Q{n}?, hint: H., minutes: 3"
        + (", group: same}\n" if n < 4 else "}\n")
        for n in range(8)
    )
    bank.write_text(f"title: Grouped\nquestions:\n{rows}", encoding="utf-8")
    return bank


def test_the_panel_sheet_shows_each_group_spread_over_the_interviewers(cli, tmp_path):
    bank = grouped_bank(tmp_path)
    names = written(cli("packet", "--panel", "2", "--bank", bank, "--out", tmp_path))
    sheet = docx_document(tmp_path / names[-1])
    text = [p.text for p in sheet.paragraphs]
    (line,) = [t for t in text if t.startswith("same: ")]
    assert "(Interviewer 1)" in line and "(Interviewer 2)" in line
    for name in names[:2]:
        document = docx_document(tmp_path / name)
        asked = {p.text.split("\t")[0] for p in document.paragraphs if p.text.startswith("Q")}
        assert len(asked & {"Q1", "Q2", "Q3", "Q4"}) <= 1  # q0..q3 are the group


def test_dealing_a_group_larger_than_the_panel_warns(cli, tmp_path):
    bank = grouped_bank(tmp_path)
    result = cli("packet", "--all", "--panel", "2", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0
    assert "asks two questions of group same" in result.stderr


@pytest.mark.parametrize(
    "option",
    [
        ["--count", "100000000000"],
        ["--seed", "99999999999999999999999"],
        ["--seed", "-5"],
        ["--minutes", "99999999999"],
        ["--panel", "99999999"],
        ["--offset-x", "1e308"],
    ],
)
def test_a_number_out_of_range_is_a_usage_error(cli, tmp_path, option):
    """Before any work: a panel of 99,999,999 would first deal for minutes."""
    command = "cards" if option[0] == "--offset-x" else "packet"
    result = cli(command, "--bank", FIXTURES / "minimal.yaml", *option, "--out", tmp_path)
    assert result.exit_code == 2
    assert f"Invalid value for '{option[0]}'" in result.output
    assert "the least is" in result.output or "the most is" in result.output
    assert not any(tmp_path.iterdir())


def test_names_of_many_bytes_still_make_a_file_name_the_file_system_takes(cli, tmp_path):
    """A hundred Ä and a hundred Ö (two bytes each) as --candidate and --interviewer passed
    `check`, then the packet failed: 'File name too long' (a review). The interviewer's
    part of the name is cut by bytes, as the rest is."""
    given = ("--candidate", "Ä" * 100, "--interviewer", "Ö" * 100, "--out", tmp_path)
    assert cli("check", *given).exit_code == 0
    result = cli("packet", *given)
    assert result.exit_code == 0, result.output
    (written,) = tmp_path.glob("*.docx")
    assert len(written.name.encode()) <= 255 and "öö" in written.name


def test_names_that_cut_alike_or_have_no_letter_name_files_of_their_own(cli, tmp_path):
    """Two interviewers alike in their first 60 bytes made one file name, written twice
    (a review); a candidate named by an emoji named the whole bank's file; 'Rene' and an
    acute typed apart named another file than 'Renée' (a hostile trial)."""
    long = "Alexandra Konstantinopoulou-Papadimitriou van der Berg-Smith Senior "
    given = ("--interviewer", long + "A", "--interviewer", long + "B")
    assert cli("packet", *given, "--out", tmp_path / "panel").exit_code == 0
    written = sorted(p.name for p in (tmp_path / "panel").glob("*.docx"))
    assert len(written) == 3 and len(set(written)) == 3  # two packets and the sheet
    assert cli("packet", "--candidate", "\U0001f600", "--out", tmp_path / "e").exit_code == 0
    (emoji,) = (tmp_path / "e").glob("*.docx")
    assert emoji.name != "ai-cybersecurity-analyst-packet.docx"
    for name in ("Rene\u0301e", "Ren\u00e9e"):
        assert cli("packet", "--candidate", name, "--out", tmp_path / "r").exit_code == 0
    assert [p.name for p in (tmp_path / "r").glob("*.docx")] == [
        "ai-cybersecurity-analyst-packet-ren\u00e9e.docx"
    ]
