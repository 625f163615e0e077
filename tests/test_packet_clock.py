"""`qbank packet --start HH:MM`: the plan in clock times, the header's start and end filled
in, a panel's interviews back to back (`--gap M` apart), and the coordinator's sheet's slot
for each; read back from the DOCX with python-docx and from the PDF with pypdf/pdfplumber."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx.table import Table
from helpers import FIXTURES
from pypdf import PdfReader
from readback import docx_document, pdf_pages

BANK = FIXTURES / "packet-platform-security.yaml"
PANEL = ("Ann Lee", "Ben Ode", "Cy Ra")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# --start 09:30 --minutes 45, three interviews back to back
SLOTS = [("09:30", "10:15"), ("10:15", "11:00"), ("11:00", "11:45")]


def build(cli, out: Path, *args: str) -> list[Path]:
    """The panel of three on the clock, as a user builds it; the files written."""
    names = [a for name in PANEL for a in ("--interviewer", name)]
    result = cli("packet", "--bank", BANK, "--out", out, "--start", "09:30", "--minutes", "45",
                 *names, *args)  # fmt: skip
    assert result.exit_code == 0, result.output
    return [Path(line) for line in result.stdout.split()]


@pytest.fixture(scope="module")
def docx_panel(tmp_path_factory) -> list[Path]:
    from helpers import run_cli

    return build(run_cli, tmp_path_factory.mktemp("clock"))


def field(document, tag: str) -> str:
    """What a content control of the header holds (python-docx's cell text leaves it out)."""
    (sdt,) = document.element.body.xpath(f'.//w:sdt[w:sdtPr/w:tag/@w:val="{tag}"]')
    return "".join(t.text or "" for t in sdt.iter(f"{W}t"))


def tables(document) -> list[list[list[str]]]:
    return [
        [[cell.text for cell in row.cells] for row in Table(t, document._body).rows]
        for t in document.element.body.iter(f"{W}tbl")
    ]


def plans(document) -> list[list[list[str]]]:
    """Each time plan's rows under its head (Q ... Start, Minutes, Ends)."""
    return [rows[1:] for rows in tables(document) if rows[0][-1] == "Ends"]


def minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def assert_runs_on(rows: list[list[str]], start: str, end: str) -> None:
    """A plan from `start`: each row starts where the one before ends, its minutes apart,
    in clock times (HH:MM), and the wrap-up ends within the slot up to `end`."""
    assert rows[0][-3] == start and rows[0][2].startswith("Introduction")
    for before, row in zip(rows, rows[1:], strict=False):
        assert row[-3] == before[-1]
    for row in rows:
        assert len(row[-3]) == len(row[-1]) == 5, row  # 09:30, never 9:30 or 0:00
        assert minutes(row[-1]) - minutes(row[-3]) == int(row[-2].rstrip("*"))
    assert rows[-1][2].startswith("Wrap-up") and minutes(rows[-1][-1]) <= minutes(end)


def test_each_packets_plan_and_header_are_in_clock_times(docx_panel):
    packets = docx_panel[:3]
    for path, (start, end) in zip(packets, SLOTS, strict=True):
        document = docx_document(path)
        assert (field(document, "start-time"), field(document, "end-time")) == (start, end)
        (plan,) = plans(document)
        assert_runs_on(plan, start, end)


def test_the_coordinators_sheet_lists_each_interviewers_slot(docx_panel):
    document = docx_document(docx_panel[3])
    assert docx_panel[3].name.endswith("-panel.docx")
    assert (field(document, "start-time"), field(document, "end-time")) == ("09:30", "11:45")
    (who,) = [rows for rows in tables(document) if rows[0][0] == "Interviewer"]
    assert who[0] == ["Interviewer", "Name", "Time", "Questions", "Minutes"]
    assert [row[2] for row in who[1:]] == [f"{a}–{b}" for a, b in SLOTS]
    orders = plans(document)
    assert len(orders) == 3
    for rows, (start, end) in zip(orders, SLOTS, strict=True):
        assert_runs_on(rows, start, end)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert [h for h in headings if h.startswith("Interviewer")] == [
        f"Interviewer {n} · {name} · {a}–{b}"
        for n, (name, (a, b)) in enumerate(zip(PANEL, SLOTS, strict=True), start=1)
    ]


def test_the_sheets_questions_per_section_are_headed_by_the_names(docx_panel):
    """Its other tables name the panel: 1, 2, 3 here beside Ann, Ben and Cy there read as
    another order (a hiring manager's trial)."""
    document = docx_document(docx_panel[3])
    (balance,) = [rows for rows in tables(document) if rows[0][0] == "Section"]
    assert balance[1][1:-1] == list(PANEL)


def test_a_gap_between_the_interviews_and_a_panel_past_midnight(cli, tmp_path):
    """A time on a later day than its document's first says so, as a timetable does,
    '00:15 (+1)': the plan said 00:15 beside 23:45 with nothing to tell it from the
    morning. Each packet counts from its interview's start (the second's, wholly after
    midnight, is unmarked: nothing in it is on the day before); the coordinator's sheet
    from the panel's start."""
    result = cli("packet", "--bank", BANK, "--out", tmp_path, "--start", "11.30 pm",
                 "--minutes", "45", "--panel", "3", "--gap", "10")  # fmt: skip
    assert result.exit_code == 0, result.output
    *packets, sheet = (Path(line) for line in result.stdout.split())
    later = "\u00a0(+1)"
    slots = [("23:30", "00:15" + later), ("00:25", "01:10"), ("01:20", "02:05")]
    for path, (start, end) in zip(packets, slots, strict=True):
        document = docx_document(path)
        assert (field(document, "start-time"), field(document, "end-time")) == (start, end)
        (plan,) = plans(document)
        assert plan[0][-3] == start
    (first,) = plans(docx_document(packets[0]))  # its questions done before midnight
    assert not any(later in row[-3] + row[-1] for row in first), first
    # the sheet: every time after its first midnight marked, the header's end too
    document = docx_document(sheet)
    assert (field(document, "start-time"), field(document, "end-time")) == (
        "23:30",
        "02:05" + later,
    )
    (who,) = [rows for rows in tables(document) if rows[0][0] == "Interviewer"]
    spans = ["23:30–00:15", "00:25–01:10", "01:20–02:05"]
    assert [row[2] for row in who[1:]] == [span + later for span in spans]
    for rows in plans(document)[1:]:
        assert all(t.endswith(later) for row in rows for t in (row[-3], row[-1])), rows
    assert "past midnight, ending at 02:05 the next day" in result.stderr


def test_a_packet_past_midnight_marks_its_later_times(cli, tmp_path):
    """A plan that runs past midnight, in the DOCX and the fillable PDF alike: each time
    after it '00:05 (+1)', on one line of its column, the end field too."""
    for form in ("docx", "pdf"):
        result = cli("packet", "--bank", BANK, "--out", tmp_path / form, "--start", "23:45",
                     "--minutes", "45", "--format", form)  # fmt: skip
        assert result.exit_code == 0, result.output
        (path,) = (Path(line) for line in result.stdout.split())
        if form == "docx":
            document = docx_document(path)
            header = (field(document, "start-time"), field(document, "end-time"))
            (plan,) = plans(document)
            rows = [(row[-3], row[-1]) for row in plan]
        else:
            fields = PdfReader(path).get_fields()
            header = (fields["start-time"]["/V"], fields["end-time"]["/V"])
            lines = pdf_pages(path)[0].text(artifacts=False).splitlines()
            time = r"(\d\d:\d\d(?:[ \u00a0]\(\+1\))?)"
            timed = [re.fullmatch(rf"(?:.*? )?{time} \d+\*? {time}", line) for line in lines]
            rows = [m.groups() for m in timed if m]
            rows = [tuple(t.replace(" (", "\u00a0(") for t in row) for row in rows]  # as typed
        assert header == ("23:45", "00:30\u00a0(+1)")
        assert rows[0][0] == "23:45" and len(rows) >= 4, rows
        times = [t for row in rows for t in row]
        assert any(t.endswith("\u00a0(+1)") for t in times), rows
        for t in times:  # after midnight marked, before it not
            assert t.endswith("\u00a0(+1)") == t.startswith("00:"), rows


def test_the_fillable_pdf_has_the_same_clock(cli, tmp_path):
    *packets, sheet = build(cli, tmp_path, "--format", "pdf")
    assert [p.suffix for p in packets] == [".pdf"] * 3 and sheet.suffix == ".docx"
    for path, (start, end) in zip(packets, SLOTS, strict=True):
        fields = PdfReader(path).get_fields()
        assert (fields["start-time"]["/V"], fields["end-time"]["/V"]) == (start, end)
        # the plan's rows as the first page's text has them: '... 09:32 3 09:35'
        lines = pdf_pages(path)[0].text(artifacts=False).splitlines()
        timed = [re.fullmatch(r"(.*) (\S+) (\d+\*?) (\S+)", line) for line in lines]
        rows = [["", "", *m.groups()] for m in timed if m and ":" in m[2] and ":" in m[4]]
        assert_runs_on(rows, start, end)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("9:30", "09:30"), ("09:30", "09:30"), ("9.30", "09:30"), ("14h30", "14:30"),
     ("14h", "14:00"), ("2:30 pm", "14:30"), ("9am", "09:00"), ("12am", "00:00"),
     ("12:15 PM", "12:15"), ("１４：３０", "14:30"), (" 23:59 ", "23:59")],
)  # fmt: skip
def test_start_reads_the_times_a_calendar_reads(typed, kept):
    from qbank.exporters.packet import START

    assert START.check(typed) == kept
    assert START.check(kept) == kept


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("25:00", "no clock shows 25:00"),
        ("9:60", "no clock shows 9:60"),
        ("13pm", "with am or pm, the hour is 1 to 12"),
        ("9", "give the time of day as HH:MM on a 24-hour clock"),
        ("0930", "give the time of day as HH:MM"),
        ("9:5", "give the time of day as HH:MM"),
        ("noon", "give the time of day as HH:MM"),
        ("9:30:00", "give the time of day as HH:MM"),
    ],
)
def test_a_time_no_clock_reads_is_a_usage_error(cli, tmp_path, typed, said):
    result = cli("packet", "--bank", BANK, "--out", tmp_path, "--start", typed)
    assert result.exit_code == 2, result.output
    assert said in result.output and "such as 09:30 or 14:00" in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--gap", "10", "--panel", "2"], "--gap 10: the minutes between a panel's interviews"),
        (["--gap", "10", "--start", "9:00"], "this is one interview: leave out --gap"),
    ],
)
def test_gap_needs_a_panel_on_the_clock(cli, tmp_path, args, said):
    result = cli("packet", "--bank", BANK, "--out", tmp_path, *args)
    assert result.exit_code == 2, result.output
    assert said in result.output


def test_the_library_takes_start_as_the_command_line_does(tmp_path):
    import qbank
    from qbank.errors import OptionError

    (path,) = qbank.build(BANK, tmp_path, "packet", options={"start": "14.30", "minutes": 45})
    document = docx_document(path)
    assert (field(document, "start-time"), field(document, "end-time")) == ("14:30", "15:15")
    with pytest.raises(OptionError, match="no clock shows 24:00"):
        qbank.build(BANK, tmp_path, "packet", options={"start": "24:00"})
