"""Filled-in packets from other people, read within limits as data (issue 27).

Each case is a packet made from a real one (built once here) and damaged the way a
hostile colleague, a careless editor or a broken disk would. Each ends in exit 1 and one
`FILE: message` line per problem, never a traceback or "internal error", and writes
nothing.
"""

from __future__ import annotations

import os
import re
import time
import tracemalloc
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from bidi import get_display
from filling import Filled, fill, question_ids
from helpers import FIXTURES, labelled_look, run_cli

from qbank.debrief.read import read_packet
from qbank.errors import QbankError
from qbank.rubric import load_wording
from qbank.untrusted import MAX_ENTRY_BYTES

BANK = FIXTURES / "debrief-bank.yaml"


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("packet")
    result = run_cli("packet", "--bank", BANK, "--out", out)
    assert result.exit_code == 0, result.output
    return out / "debrief-bank-packet.docx"


@pytest.fixture(scope="module")
def good(blank, tmp_path_factory) -> Path:
    """The packet well filled in: every question rated 3, one recommendation."""
    asks = question_ids(blank)
    filled = Filled(
        header={"candidate": "Ada", "interviewer": "Grace", "interview-date": "2026-11-30"},
        scores={q: [3] for q in asks},
        recommendations=["yes"],
    )
    return fill(blank, tmp_path_factory.mktemp("good") / "good.docx", filled)


def entries(path: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def rewritten(source: Path, target: Path, change) -> Path:
    """`source` with each entry's data passed through change(name, data)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info, data in entries(source):
            out.writestr(info.filename, change(info.filename, data))
    return target


def patched(source: Path, target: Path, header: bytes, offset: int, value: int) -> Path:
    """`source` with one byte set in every local or central header (`header` its magic)."""
    data = bytearray(source.read_bytes())
    for found in re.finditer(re.escape(header), data):
        data[found.start() + offset] = value(data[found.start() + offset])
    target.write_bytes(data)
    return target


def refused(path: Path, tmp_path: Path, *expected: str, options: tuple = ()) -> list[str]:
    """Run the debrief of `path` (with `options`); assert exit 1, each line `FILE: message`,
    nothing written; the lines."""
    out = tmp_path / "debrief"
    result = run_cli("debrief", path, "--bank", BANK, "--out", out, *options)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    lines = result.output.splitlines()
    assert lines and all(line.startswith(f"{path}: ") for line in lines), lines
    for text in expected:
        assert any(text in line for line in lines), (text, lines)
    assert not out.exists() or not any(out.iterdir())
    return lines


def refused_peak(path: Path, tmp_path: Path, *expected: str) -> int:
    """`refused`, and the most memory it took in this process, in bytes."""
    tracemalloc.start()
    try:
        refused(path, tmp_path, *expected)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_well_filled_packet_reads(good, tmp_path):
    result = run_cli("debrief", good, "--bank", BANK, "--out", tmp_path)
    assert result.exit_code == 0, result.output


# -- damaged archives ----------------------------------------------------------------------


def test_not_a_zip_and_a_cut_short_one(good, tmp_path):
    noise = tmp_path / "noise.docx"
    noise.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    refused(noise, tmp_path, f"{noise}: {DAMAGED}")
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert refused(cut, tmp_path) == [f"{cut}: {DAMAGED}"]  # no 'File is not a zip file'


DAMAGED = (
    "the file is damaged or is not a Word document; ask its interviewer to save the packet "
    "again as Word (.docx) and give that file"
)


def test_a_damaged_entry(good, tmp_path):
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + 100  # inside its deflate stream
    data[start : start + 64] = bytes(64)
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(data)
    refused(damaged, tmp_path, "word/document.xml is damaged or cut short")


def test_an_encrypted_packet(good, tmp_path):
    locked = patched(good, tmp_path / "locked.docx", b"PK\x01\x02", 8, lambda b: b | 1)
    refused(locked, tmp_path, "is encrypted; save the packet without a password")


def test_an_unknown_compression_method(good, tmp_path):
    odd = patched(good, tmp_path / "odd.docx", b"PK\x01\x02", 10, lambda b: 99)
    refused(odd, tmp_path, "compressed with method 99, which a Word document never uses")


def test_a_name_inside_that_is_not_utf8(good, tmp_path):
    data = good.read_bytes().replace(b"webSettings", b"webSe\xff\xfeings")
    (tmp_path / "named.docx").write_bytes(data)
    named = patched(
        tmp_path / "named.docx", tmp_path / "named.docx", b"PK\x01\x02", 9, lambda b: b | 8
    )
    refused(named, tmp_path, "a name inside it is not UTF-8")


def test_a_dtd_with_entities_is_refused(good, tmp_path):
    laughs = (
        b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )

    def change(name, data):
        return data.replace(b"?>", b"?>" + laughs, 1) if name == "word/document.xml" else data

    refused(rewritten(good, tmp_path / "dtd.docx", change), tmp_path, "declares a document type")


def test_a_billion_laughs_and_a_deep_tree_are_said_in_words(good, tmp_path):
    """libxml2's own words came through: "Maximum entity amplification factor exceeded, see
    xmlCtxtSetMaxAmplification" and "Excessive depth in document: 256, use XML_PARSE_HUGE"."""
    entities = b'<!ENTITY l0 "ha">' + b"".join(
        b'<!ENTITY l%d "%s">' % (n, b"".join(b"&l%d;" % (n - 1) for _ in range(10)))
        for n in range(1, 9)
    )
    laughs = b"<!DOCTYPE w:document [" + entities + b"]>"

    def bomb(name, data):
        if name != "word/document.xml":
            return data
        data = data.replace(b"?>", b"?>" + laughs, 1)
        return data.replace(b"<w:t>", b"<w:t>&l8;", 1)

    packet = rewritten(good, tmp_path / "laughs.docx", bomb)
    (line,) = refused(packet, tmp_path, "word/document.xml declares a document type")
    assert "amplification" not in line

    def deep(name, data):
        if name != "word/document.xml":
            return data
        return data.replace(b"<w:body>", b"<w:body>" + b"<w:p>" * 300 + b"</w:p>" * 300, 1)

    packet = rewritten(good, tmp_path / "deep.docx", deep)
    (line,) = refused(packet, tmp_path)
    assert (
        line
        == f"{packet}: word/document.xml nests its elements too deep to read; a packet never does"
    )


# -- zip bombs: refused in under a second and 100 MB ---------------------------------------


def _bomb(good: Path, target: Path, size: int) -> Path:
    """`good` with a document.xml of `size` bytes of blanks (a megabyte deflates to 1 kB)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info, data in entries(good):
            if info.filename != "word/document.xml":
                out.writestr(info.filename, data)
                continue
            with out.open("word/document.xml", "w") as entry:
                block = b" " * (1 << 20)
                for _ in range(size >> 20):
                    entry.write(block)
    return target


def _lie(bomb: Path, target: Path, declared: int) -> Path:
    """`bomb` whose document.xml declares `declared` bytes, in both of its headers."""
    data = bytearray(bomb.read_bytes())
    with zipfile.ZipFile(bomb) as archive:
        info = archive.getinfo("word/document.xml")
    size = declared.to_bytes(4, "little")
    local = info.header_offset
    data[local + 22 : local + 26] = size  # the local header's uncompressed size
    central = next(
        found.start()
        for found in re.finditer(rb"PK\x01\x02", data)
        if data[found.start() + 46 :].startswith(b"word/document.xml")
    )
    data[central + 24 : central + 28] = size  # and the central directory's
    assert info.file_size > declared
    target.write_bytes(data)
    return target


@pytest.fixture(scope="module")
def bombs(good, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    # just over the cap: a bomb of gigabytes is refused the same way, but takes longer to make
    honest = _bomb(good, folder / "honest.docx", MAX_ENTRY_BYTES + (1 << 20))
    return {"honest": honest, "lying": _lie(honest, folder / "lying.docx", 100_000)}


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("honest", f"more than the {MAX_ENTRY_BYTES >> 20} MB a packet entry may hold"),
        ("lying", "does not inflate to the size and checksum it declares"),
    ],
)
def test_a_zip_bomb_costs_little(bombs, kind, message):
    words = load_wording()
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(QbankError) as error:
        read_packet(bombs[kind], words)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert message in str(error.value)
    assert str(error.value).startswith(f"{bombs[kind]}: word/document.xml ")
    assert elapsed < 1.0, elapsed
    assert peak < 100 << 20, peak


def _empty_entries(count: int, zip64: bool = False) -> bytes:
    """A zip archive of `count` empty stored entries, written directly (zipfile takes a
    second for 90,000); with `zip64`, its list's size only in a zip64 end record (the end
    record's own says 0, which zipfile passes over)."""
    import struct
    import zlib

    crc = zlib.crc32(b"")
    local, central = bytearray(), bytearray()
    for n in range(count):
        name = b"%d" % n
        central += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, crc, 0, 0, len(name), 0, 0, 0, 0,
            0, len(local),
        ) + name  # fmt: skip
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, crc, 0, 0, len(name), 0)
        local += name
    shown = min(count, 0xFFFF)  # zipfile reads the list by its size, not by this count
    size = 0 if zip64 else len(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, shown, shown, size, len(local), 0)
    if zip64:
        at = len(local) + len(central)
        end = (
            struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count,
                        len(central), len(local))
            + struct.pack("<4sLQL", b"PK\x06\x07", 0, at, 1)
            + end
        )  # fmt: skip
    return bytes(local + central + end)


def test_a_packet_of_a_million_entries_is_refused_before_they_are_read(tmp_path):
    """1.5 million empty entries (117 MB) took 8 s and 650 MB before the first check: zipfile
    reads the list of entries whole. The list's size, as the archive's end record gives it,
    is checked first, and it is what zipfile reads."""
    from qbank.untrusted import _directory_size

    for zip64 in (False, True):  # zip64: the size zipfile reads, whatever the end record says
        few = tmp_path / "few.docx"
        few.write_bytes(_empty_entries(2_000, zip64))
        with zipfile.ZipFile(few) as archive, few.open("rb") as file:
            assert len(archive.infolist()) == 2_000
            assert _directory_size(file) == 2_000 * 46 + sum(len(str(n)) for n in range(2_000))
    hidden = tmp_path / "hidden.docx"
    hidden.write_bytes(_empty_entries((4 << 20) // 47 + 1, zip64=True))
    refused(hidden, tmp_path, "its list of entries is larger than 4 MB")
    many = tmp_path / "many.docx"
    many.write_bytes(_empty_entries((4 << 20) // 47 + 1))  # 46 bytes and a name each
    peak = refused_peak(many, tmp_path, "its list of entries is larger than 4 MB")
    assert peak < 2 * many.stat().st_size  # it was 5.5 times, in the objects zipfile makes


def test_a_bomb_that_tells_its_ratio(good, tmp_path):
    """A true size under the cap, but inflating a thousandfold: no packet is made so."""
    bomb = _bomb(good, tmp_path / "dense.docx", 32 << 20)
    refused(bomb, tmp_path, "would inflate", "(a zip bomb?)")


# -- not a file ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.pdf", "empty.docx"])
def test_an_empty_file_says_it_is_empty(tmp_path, name):
    """An empty packet.pdf was 'not a DOCX document that can be read (File is not a zip
    file)' (a hostile trial)."""
    empty = tmp_path / name
    empty.write_bytes(b"")
    refused(empty, tmp_path, "the file is empty; the packet was not saved whole")


def test_a_fifo_or_a_device_is_refused_by_type(tmp_path):
    fifo = tmp_path / "packet.docx"
    os.mkfifo(fifo)
    refused(fifo, tmp_path, "is a device, a pipe or a socket, not a packet file")
    refused(Path("/dev/zero"), tmp_path, "is a device, a pipe or a socket, not a packet file")


# -- values outside their meaning ----------------------------------------------------------


def _retagged(good: Path, target: Path, score: str) -> Path:
    """`good` with Q1's ticked score box tagged `score` (as a hand edit would)."""

    def change(name, data):
        if name != "word/document.xml":
            return data
        # the ticked box of the first question: its tag and alias say ':score:3'
        return re.sub(rb":score:3\"", f':score:{score}"'.encode(), data, count=2)

    return rewritten(good, target, change)


@pytest.mark.parametrize(
    ("score", "shown"),
    [("999", "999"), ("-7", "-7"), ("0", "0"), ("\u00b2", None), ("9" * 5000, None)],
    ids=["999", "-7", "0", "superscript", "5000-digits"],
)
def test_a_score_off_the_scale_is_refused(good, tmp_path, score, shown):
    packet = _retagged(good, tmp_path / "edited.docx", score)
    said = f"the score {shown}" if shown else "the score of a tag that holds no number"
    lines = refused(packet, tmp_path, said, "not on the packet's scale (1, 2, 3, 4, 5)")
    assert lines == [
        f"{packet}: Q1: a box ticked as {said}, which is not on the packet's "
        "scale (1, 2, 3, 4, 5); the packet was edited: tick one of the packet's "
        "own boxes"
    ]


@pytest.mark.parametrize("value", ["evil", "x" * 100_000])
def test_a_recommendation_off_the_options_is_refused(good, tmp_path, value):
    """The ticked recommendation box's tag edited by hand ('recommendation:evil') was read
    as a recommendation, where the PDF's field refuses a value outside its options (a
    hostile trial); a tag of 100,000 characters is named in 40."""

    def change(name, data):
        if name != "word/document.xml":
            return data
        return data.replace(b"recommendation:yes", f"recommendation:{value}".encode())

    packet = rewritten(good, tmp_path / "edited.docx", change)
    (line,) = refused(packet, tmp_path, "a ticked recommendation box says")
    assert "none of the options (Strong no, No, Yes, Strong yes, No decision)" in line
    assert len(line) < len(str(packet)) + 400


def _identity(good: Path, target: Path, key: str, value: str) -> Path:
    def change(name, data):
        if name != "docProps/custom.xml":
            return data
        pattern = rf'(name="qbank\.{key}"><vt:lpwstr>)[^<]*'.encode()
        return re.sub(pattern, lambda m: m[1] + value.encode(), data)

    return rewritten(good, target, change)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("questions", "0", "qbank.questions is '0', not a count from 1 up"),
        ("questions", "-5", "qbank.questions is '-5', not a count from 1 up"),
        ("questions", "\u00b2", "qbank.questions is '\u00b2', not a count from 1 up"),
        ("questions", "9" * 5001, "not a count from 1 up"),
        ("questions", "40", "qbank.questions says 40, but the packet lists fewer"),
        ("interviewer", "4 of 3", "qbank.interviewer says '4 of 3', more than the panel"),
        ("interviewer", "1 of 0", "its panel is '0', not a count from 1 up"),
        ("q2", "cia-triad 0 0 0 0", "the question cia-triad is listed twice (qbank.q2)"),
    ],
)
def test_an_identity_that_contradicts_itself(good, tmp_path, key, value, message):
    packet = _identity(good, tmp_path / "identity.docx", key, value)
    lines = refused(packet, tmp_path, "the packet's identity is damaged: ", message)
    assert len(lines) == 1


def test_a_recorded_name_is_shown_without_controls_and_cut_short(tmp_path):
    """A hostile trial: a packet's recorded candidate of escape codes rang the bell and
    cleared the terminal in a warning, a direction mark turned it, and one of a million
    characters made a warning of 2 MB. A recorded name is one line, its control characters
    and direction marks U+FFFD, cut short."""
    result = run_cli("packet", "--bank", BANK, "--out", tmp_path, "--candidate", "Ada Lovelace")
    assert result.exit_code == 0, result.output
    (blank,) = tmp_path.glob("*.docx")
    asks = question_ids(blank)
    filled = Filled(
        header={"candidate": "Grace Hopper", "interviewer": "Alan", "interview-date": "2026-11-30"},
        scores={q: [3] for q in asks},
        recommendations=["yes"],
    )
    packet = fill(blank, tmp_path / "filled.docx", filled)
    # what XML holds of them (a PDF's document information holds C0 controls too, and
    # takes the same reading)
    crafted = "Ada\u202e[2J\u2028" + "x" * 1_000_000
    packet = _identity(packet, tmp_path / "crafted.docx", "candidate", escape(crafted))
    result = run_cli("debrief", packet, "--bank", BANK, "--out", tmp_path / "out")
    assert "\u202e" not in result.output and "\u2028" not in result.output
    assert "Ada\ufffd[2J xxx" in result.output and len(result.output) < 5_000


def test_a_direction_override_typed_turns_only_its_own_text(blank, tmp_path):
    """A hostile trial: an interviewer named 'Alan<U+202E>Turing' turned the rest of the
    debrief's rating line, '3 Solid' read 'diloS 3' (LibreOffice drew it so, and UAX #9
    says so), and an override in a note's line turned the lines under it too, which Word
    runs as one text with it. Each typed line turns only itself: every character is kept,
    and the look's words and the next line read as written."""
    asks = question_ids(blank)
    filled = Filled(
        header={
            "candidate": "Ada",
            "interviewer": "Alan\u202eTuring",
            "interview-date": "2026-11-30",
        },
        scores={q: [3] for q in asks},
        recommendations=["yes"],
        notes={asks[0]: "Said \u202eyes to all\nThen asked about keys 4/5"},
    )
    packet = fill(blank, tmp_path / "filled.docx", filled)
    result = run_cli("debrief", packet, "--bank", BANK, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    (debrief,) = (tmp_path / "out").glob("*.docx")
    controls = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))
    shown = [
        # as a reader draws the paragraph left to right, its line breaks one text (U+2028)
        get_display(p.text.replace("\n", "\u2028"), base_dir="L").translate(controls)
        for p in docx.Document(debrief).paragraphs
        if "Turing" in p.text
    ]
    assert len(shown) == len(asks)
    assert all(line.startswith("AlangniruT \u00b7 3 Solid") for line in shown), shown
    assert "Said lla ot sey\u2028Then asked about keys 4/5" in shown[0]


def test_a_candidate_named_like_the_comparison(blank, good, tmp_path):
    """ "Comparison" would be named like the comparison of the candidates; it is numbered."""
    asks = question_ids(blank)
    filled = Filled(
        header={"candidate": "Comparison", "interviewer": "Alan", "interview-date": "2026-11-30"},
        scores={q: [4] for q in asks},
        recommendations=["no"],
    )
    other = fill(blank, tmp_path / "comparison.docx", filled)
    out = tmp_path / "out"
    result = run_cli("debrief", good, other, "--bank", BANK, "--out", out)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "debrief-bank-debrief-ada.csv",
        "debrief-bank-debrief-ada.docx",
        "debrief-bank-debrief-comparison-2.csv",
        "debrief-bank-debrief-comparison-2.docx",
        "debrief-bank-debrief-comparison.docx",
    ]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = docx.Document(str(out / names[4])).element.body
    text = "".join(t.text or "" for t in body.iter(f"{w}t"))
    assert "Ada" in text and "Comparison" in text  # the comparison of both, kept whole


def test_a_packet_name_that_is_not_utf8(good, tmp_path):
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.docx"))
    odd.write_bytes(good.read_bytes())
    out = tmp_path / "out"
    result = run_cli("debrief", odd, "--bank", BANK, "--out", out)
    assert result.exit_code == 0, result.output
    (sheet,) = out.glob("*.csv")
    csv_text = sheet.read_text(encoding="utf-8-sig")
    assert "caf\ufffd.docx" in csv_text


def test_a_questions_record_cut_short_blames_the_packet(good, tmp_path):
    """A fingerprint of one part said "the the packet's record of it of cia-triad changed in
    the bank": garbled, and the bank blamed for the packet's damage."""
    packet = _identity(good, tmp_path / "record.docx", "q1", "cia-triad 0")
    # the question by the look's label, P1, as the debrief prints it (it said Q1)
    look = labelled_look(tmp_path / "look")
    (line,) = refused(packet, tmp_path, options=("--templates", look))
    assert line == (
        f"{packet}: P1: the packet's record of cia-triad is damaged (it holds 1 parts, where a "
        "packet writes 4); the packet was edited by another program: fill in a fresh copy of "
        "the packet"
    )


# -- PDF packets built by hand --------------------------------------------------------------


def _pdf(objects: list[bytes], tail: bytes = b"") -> bytes:
    """A PDF of `objects` (1 0 obj, 2 0 obj, ...) with a classic cross-reference table."""
    out, offsets = b"%PDF-1.5\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    size = len(objects) + 1
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, table)


def test_a_form_field_that_is_its_own_kid_is_refused_at_once(tmp_path):
    """A 300-byte PDF whose field lists itself as its kid held the debrief for ever."""
    path = tmp_path / "loop.pdf"
    path.write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>",
                b"<< /Type /Pages /Kids [] /Count 0 >>",
                b"<< /T (a) /Kids [3 0 R] >>",
            ]
        )
    )
    started = time.monotonic()
    refused(path, tmp_path, "the file is damaged or is not a PDF (a form field is its own kid")
    assert time.monotonic() - started < 10


def _object_stream_bomb(fields: int, blanks: int, kind: bytes = b"/ObjStm") -> bytes:
    """A PDF whose form's fields each stand in an object stream of its own padded with
    `blanks` blanks, found through a cross-reference stream; `kind` the streams' /Type as
    spelt in the file."""
    import struct
    import zlib

    out, offsets = bytearray(b"%PDF-1.5\n"), {}
    refs = b" ".join(b"%d 0 R" % (3 + i) for i in range(fields))
    for number, body in (
        (1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + refs + b"] >> >>"),
        (2, b"<< /Type /Pages /Kids [] /Count 0 >>"),
    ):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    for i in range(fields):
        head = b"%d 0 " % (3 + i)
        data = zlib.compress(head + b"<< /T (f%d) /FT /Tx /V (x) >>" % i + b" " * blanks, 9)
        offsets[3 + fields + i] = len(out)
        out += b"%d 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>" % (
            3 + fields + i,
            len(head),
            len(data),
        )
        out += b"\nstream\n" + data + b"\nendstream\nendobj\n"
    xref = 3 + 2 * fields
    rows = struct.pack(">BIH", 0, 0, 65535)
    for number in range(1, xref + 1):
        if 3 <= number < 3 + fields:  # in its object stream, the first object there
            rows += struct.pack(">BIH", 2, number + fields, 0)
        else:
            rows += struct.pack(">BIH", 1, offsets.get(number, len(out)), 0)
    at = len(out)
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % (
        xref,
        xref + 1,
        len(rows),
    )
    out += rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % at
    return bytes(out)


def test_a_stream_that_inflates_past_its_bound_is_refused_small(tmp_path):
    """Fields in object streams of 70 MB of blanks (68 KB compressed each) cost 270 MB and
    11 s for two, a gigabyte for forty. A stream inflates to 4 MB at most, a PDF's object
    streams to 16 MB together, and there are 64 at most, however '/ObjStm' is spelt."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_object_stream_bomb(3, 40 << 20))
    peak = refused_peak(path, tmp_path, "a part of it is larger than the debrief reads (4 MB")
    assert peak < 48 << 20, peak
    cases = {
        "many": (_object_stream_bomb(65, 0), "more than 64 object streams"),
        "spelt": (_object_stream_bomb(65, 0, b"/ObjSt#6D"), "more than 64 object streams"),
        "together": (_object_stream_bomb(6, 3 << 20), "inflate to more than 16 MB"),
    }
    for case, (data, said) in cases.items():
        pdf = tmp_path / f"{case}.pdf"
        pdf.write_bytes(data)
        assert refused_peak(pdf, tmp_path, said) < 48 << 20, case


def test_a_field_listed_twice_is_read_once(blank, tmp_path):
    """The walk of the fields refused any object it met twice, so a packet whose form lists
    a field twice (a filler's slip, harmless) was refused as damaged."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    built = run_cli("packet", "--bank", BANK, "--format", "pdf", "--out", tmp_path / "p")
    assert built.exit_code == 0, built.output
    (packet,) = (tmp_path / "p").glob("*.pdf")
    writer = PdfWriter(clone_from=PdfReader(packet))
    fields = writer._root_object["/AcroForm"]["/Fields"]
    fields.append(fields[0])
    writer._root_object["/AcroForm"][NameObject("/Fields")] = fields
    twice = tmp_path / "twice.pdf"
    with twice.open("wb") as file:
        writer.write(file)
    result = run_cli("debrief", twice, "--bank", BANK, "--out", tmp_path / "d")
    # read, and found blank: not refused as damaged
    from qbank.debrief.validate import NOT_FILLED_IN

    assert result.exit_code == 1 and f"{twice}: {NOT_FILLED_IN}\n" in result.output
    assert "damaged" not in result.output


def test_a_second_field_of_one_name_is_refused(tmp_path):
    """A field of no widget, named as the notes are and listed first, was read in their
    place: a note that no PDF reader shows or prints reached the debrief (a hostile trial)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    built = run_cli("packet", "--bank", BANK, "--format", "pdf", "--out", tmp_path / "p")
    assert built.exit_code == 0, built.output
    (packet,) = (tmp_path / "p").glob("*.pdf")
    writer = PdfWriter(clone_from=PdfReader(packet))
    form = writer._root_object["/AcroForm"]
    name = next(n for n in PdfReader(packet).get_fields() if n.endswith("_notes"))
    hidden = DictionaryObject(
        {
            NameObject("/T"): TextStringObject(name),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/V"): TextStringObject("a note nobody sees"),
        }
    )
    form[NameObject("/Fields")] = ArrayObject([writer._add_object(hidden), *form["/Fields"]])
    twice = tmp_path / "twice.pdf"
    with twice.open("wb") as file:
        writer.write(file)
    assert refused(twice, tmp_path) == [
        f"{twice}: two form fields are named '{name}', and the debrief cannot tell which one "
        "its interviewer filled in; the packet was changed by a program other than a PDF "
        "reader: fill in a fresh copy of the packet"
    ]


def test_hidden_text_in_a_note_is_not_read(blank, tmp_path):
    """A run of hidden text (Font > Hidden, w:vanish), which Word neither shows nor prints,
    was read into the debrief as the interviewer's note (a hostile trial)."""
    asks = question_ids(blank)
    filled = Filled(
        header={"candidate": "Ada", "interviewer": "Grace", "interview-date": "2026-11-30"},
        scores={q: [3] for q in asks},
        notes={asks[0]: "Seen note"},
        recommendations=["yes"],
    )
    noted = fill(blank, tmp_path / "noted.docx", filled)
    run = '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> unseen</w:t></w:r>'
    hidden = rewritten(
        noted,
        tmp_path / "hidden.docx",
        lambda name, data: (
            data.replace(b"Seen note</w:t></w:r>", b"Seen note</w:t></w:r>" + run.encode())
            if name == "word/document.xml"
            else data
        ),
    )
    assert b"unseen" in dict((i.filename, d) for i, d in entries(hidden))["word/document.xml"]
    out = tmp_path / "debrief"
    result = run_cli("debrief", hidden, "--bank", BANK, "--out", out)
    assert result.exit_code == 0, result.output
    (sheet,) = out.glob("*.csv")
    text = sheet.read_text(encoding="utf-8-sig")
    assert "Seen note" in text and "unseen" not in text


def test_a_pdf_whose_cross_reference_does_not_hold_is_refused_without_a_search(tmp_path):
    """A second review: a wrong startxref made pypdf rebuild the cross-reference, reading
    every object stream of the file (100 of 4 MB: 125 s); a /Fields of 1,000 objects that
    are not there searched the whole file for each (77 s for 20 MB); fields nested 400 deep
    under one 1 MB name took 838 MB; an object stream without its /Type was an internal
    error. Each is refused at once: the packet is read strictly, names and depth bounded."""
    import zlib

    payload = zlib.compress(b"0 0 " * (1 << 20), 9)
    stream = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n"
    rebuilt = (
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"
        + b"".join(
            b"%d 0 obj " % (10 + n) + stream % len(payload) + payload + b"\nendstream\nendobj\n"
            for n in range(20)
        )
        + b"trailer << /Size 30 /Root 1 0 R >>\nstartxref\n999999999\n%%EOF\n"
    )
    catalog = b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] >> >>"
    missing = _pdf([catalog % b" ".join(b"%d 0 R" % n for n in range(100, 1100)), b"null"])
    chain = [catalog % b"3 0 R", b"null"]
    chain += [b"<< /T (%s) /Kids [%d 0 R] >>" % (b"n" * 40, n + 1) for n in range(3, 60)]
    chain.append(b"<< /T (leaf) /FT /Tx /V (x) >>")
    cases = {
        "rebuilt": (rebuilt, "the file is damaged or is not a PDF; ask"),
        "missing": (missing, "the file is damaged or is not a PDF; ask"),
        "deep": (_pdf(chain), "nested too deep"),
    }
    for case, (data, said) in cases.items():
        pdf = tmp_path / f"{case}.pdf"
        pdf.write_bytes(data)
        started = time.monotonic()
        refused(pdf, tmp_path, said)
        assert time.monotonic() - started < 10, case


def test_a_zips_end_records_are_read_as_zipfile_reads_them(tmp_path):
    """A second review: an end record whose entry counts spell its own signature, and a
    zip64 end record with a 64 KB comment after the end record, each hid a 4 MB list from
    the check (818 MB)."""
    import struct

    count = (4 << 20) // 53 + 1  # 46 bytes and a 7-byte name each
    directory = b"".join(
        struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0,
                    0, 0, 0, 0) + b"%07d" % n
        for n in range(count)
    )  # fmt: skip
    size = len(directory)
    inner = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0x4B50, 0x0605, size, 0, 0)
    zip64 = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, size, 0)
    zip64 += struct.pack("<4sLQL", b"PK\x06\x07", 0, size, 1)
    far = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0, 0xFFFFFFFF, 0xFFFF)
    for name, data in (("inner", directory + inner), ("far", directory + zip64 + far)):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(data + (b"\0" * 0xFFFF if name == "far" else b""))
        peak = refused_peak(path, tmp_path, "its list of entries is larger than 4 MB")
        assert peak < 2 * path.stat().st_size, name


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the ticked Yes box's tag alone says strong-yes: its title still says yes
        (b'<w:tag w:val="recommendation:yes"/>', b'<w:tag w:val="recommendation:strong-yes"/>'),
        # tag and title both: two boxes of one option
        (b'"recommendation:yes"', b'"recommendation:strong-yes"'),
    ],
)
def test_a_recommendation_box_retagged_as_another_option_is_refused(good, tmp_path, old, new):
    """A box printed beside 'Yes' retagged as strong-yes was read as 'Strong yes' without a
    word (a hostile trial)."""

    def change(name, data):
        return data.replace(old, new) if name == "word/document.xml" else data

    packet = rewritten(good, tmp_path / "retagged.docx", change)
    (line,) = refused(packet, tmp_path, "the recommendation box 'strong-yes' was edited")
    assert "fill in a fresh copy" in line


def test_pdf_packets_read_in_two_threads_at_once_leave_pypdfs_logger_as_it_was(
    tmp_path, monkeypatch
):
    """Two debriefs in threads, each reading a PDF packet: the first to finish put back the
    'pypdf' logger's level, the second then put back the CRITICAL the first had set, and a
    host program heard none of pypdf's warnings for the rest of the process (a library
    trial)."""
    import logging
    import threading

    from helpers import interleaved

    from qbank.debrief import read_pdf

    packet = tmp_path / "packet.pdf"
    packet.write_bytes(b"%PDF-1.7\n")
    bodies = {}  # what each thread does while it reads its packet (read_pdf._read)
    monkeypatch.setattr(read_pdf, "_read", lambda *_: bodies.pop(threading.get_ident())())

    def enter(body) -> None:
        bodies[threading.get_ident()] = body
        read_pdf.read_pdf_packet(packet, None)

    log = logging.getLogger("pypdf")
    levels = []
    interleaved(enter, lambda: levels.append(log.level))
    assert levels == [logging.CRITICAL] * 2
    assert log.level == logging.NOTSET


def test_an_archive_of_one_large_entry_says_its_one_limit(tmp_path):
    """A deck's one collection may inflate to the bytes the whole deck may: its refusal said
    '256 MB a deck entry may hold (256 MB in all)', one limit twice (a review)."""
    from qbank.untrusted import Archive

    deck = tmp_path / "old.apkg"
    with zipfile.ZipFile(deck, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", bytes(2 << 20))
    with Archive(deck, "deck", most=1 << 20) as archive, pytest.raises(QbankError) as error:
        archive.read("collection.anki2")
    assert str(error.value) == (
        f"{deck}: collection.anki2 inflates to 2,097,152 bytes, more than the 1 MB a deck "
        "entry may hold"
    )
