"""Fill in an interviewer packet the way Word does, and round-trip packets through LibreOffice.

Word ticks a box by setting `w14:checked` to 1 and swapping the glyph to the checked one;
it types into a text content control by replacing its content with runs; typed notes go
into the ruled paragraphs under the 'Notes' label, a line each.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import pytest
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W, W14 = f"{{{W_NS}}}", f"{{{W14_NS}}}"


@dataclass
class Filled:
    """What an interviewer writes into one packet."""

    header: dict[str, str]  # tag -> text: candidate, interviewer, interview-date
    scores: dict[str, list[int]] = field(default_factory=dict)  # question id -> ticked scores
    hints: set[str] = field(default_factory=set)  # question ids with 'hint given' ticked
    look_for: dict[str, list[int]] = field(default_factory=dict)  # question id -> ticked
    notes: dict[str, str] = field(default_factory=dict)  # question id -> lines typed
    recommendations: list[str] = field(default_factory=list)  # slugs ticked
    evidence: str = ""
    # question ids whose 'not rated' is chosen: the PDF's radio button (a DOCX leaves its
    # boxes unticked)
    unrated: set[str] = field(default_factory=set)


def _boxes(body) -> dict[str, object]:
    found = {}
    for checkbox in body.iter(f"{W14}checkbox"):
        sdt = checkbox.getparent().getparent()
        found[sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val")] = sdt
    return found


def _tick(sdt) -> None:
    sdt.find(f"{W}sdtPr/{W14}checkbox/{W14}checked").set(f"{W14}val", "1")
    glyph = next(sdt.find(f"{W}sdtContent").iter(f"{W}t"))
    glyph.text = "\u2612"


def _run(text: str):
    run = etree.Element(f"{W}r")
    t = etree.SubElement(run, f"{W}t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _type_lines(label_paragraph, text: str) -> None:
    """Type `text` onto the ruled lines after `label_paragraph`, a line on each."""
    lines = text.split("\n")
    paragraph = label_paragraph
    for line in lines:
        paragraph = paragraph.getnext()
        while paragraph.tag != f"{W}p":
            paragraph = paragraph.getnext()
        if line:
            paragraph.append(_run(line))


def question_ids(packet: Path) -> list[str]:
    """The ids of the questions a packet asks, in order (from its score boxes)."""
    with zipfile.ZipFile(packet) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    ids: list[str] = []
    for tag in _boxes(body):
        qid, _, what = tag.partition(":")
        if what == "score:1":
            ids.append(qid)
    return ids


def fill(
    packet: Path,
    target: Path,
    filled: Filled,
    labels: tuple[str, str] = ("Notes", "Key evidence for the debrief"),
) -> Path:
    """`packet` as `filled` in, saved to `target`; `labels` are the packet's words over
    the notes and the key evidence."""
    with zipfile.ZipFile(packet) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    body = etree.fromstring(dict((i.filename, d) for i, d in entries)["word/document.xml"])
    boxes = _boxes(body)
    for qid, scores in filled.scores.items():
        for score in scores:
            _tick(boxes[f"{qid}:score:{score}"])
    for qid in filled.hints:
        _tick(boxes[f"{qid}:hint-given"])
    for qid, numbers in filled.look_for.items():
        for n in numbers:
            _tick(boxes[f"{qid}:look-for:{n}"])
    for option in filled.recommendations:
        _tick(boxes[f"recommendation:{option}"])
    for sdt in body.iter(f"{W}sdt"):
        tag = sdt.find(f"{W}sdtPr/{W}tag")
        if tag is not None and tag.get(f"{W}val") in filled.header:
            content = sdt.find(f"{W}sdtContent")
            for child in list(content):
                content.remove(child)
            content.append(_run(filled.header[tag.get(f"{W}val")]))
    # a question whose notes start the next page has them labelled with its number there,
    # 'Q6 · Notes': passed over, the notes of every question after it went to the one before
    label_paragraphs = [
        p
        for p in body.iter(f"{W}p")
        if (text := "".join(p.itertext())) in labels or text.endswith(f" \u00b7 {labels[0]}")
    ]
    order = question_ids(packet)
    for qid, label in zip(order, label_paragraphs, strict=False):
        if qid in filled.notes:
            _type_lines(label, filled.notes[qid])
    if filled.evidence:
        _type_lines(label_paragraphs[-1], filled.evidence)
    xml = etree.tostring(body, xml_declaration=True, encoding="UTF-8", standalone=True)
    # the fastest deflate: most of a packet is its styles, compressed again on every save
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info, data in entries:
            out.writestr(info.filename, xml if info.filename == "word/document.xml" else data)
    return target


def soffice_or_skip() -> str:
    """The soffice program; a skip saying why when it is missing, or a failure when
    QBANK_REQUIRE_LIBREOFFICE=1 (CI, where .ci/run installs it)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    libreoffice_missing(
        "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    )


def libreoffice_missing(reason: str) -> NoReturn:
    """A skip saying `reason`, what LibreOffice or what it draws with is missing; a failure
    when QBANK_REQUIRE_LIBREOFFICE=1 (CI, where .ci/run installs it)."""
    if os.environ.get("QBANK_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail(f"QBANK_REQUIRE_LIBREOFFICE=1 but {reason}")
    pytest.skip(reason)


# A profile LibreOffice has started with once in this test process: a new profile's first
# start fills it (its configuration, its gallery, a trial of its drawing), a quarter of the
# CPU of a small file's conversion; a test's new profile begins as a copy of this one, as a
# user's LibreOffice starts with the profile it made the first time
_started_profile: list[Path] = []


def _keep_started(profile: Path) -> None:
    import atexit
    import tempfile

    kept = Path(tempfile.mkdtemp(prefix="qbank-lo-profile-")) / "profile"
    shutil.copytree(profile, kept)
    atexit.register(shutil.rmtree, kept.parent, ignore_errors=True)
    _started_profile.append(kept)


def libreoffice_convert(
    paths: list[Path], out_dir: Path, to: str, profile: Path, infilter: str | None = None
) -> list[Path]:
    """Open and save `paths` in LibreOffice, all in one call (its start-up dominates), with
    the profile folder `profile` (a new one starts as a copy of one already started);
    `infilter` opens them as that filter says (`CSV:44,34,76`: a CSV in UTF-8, as Calc's
    import dialog does, where the command line alone took it for Latin-1).

    A start that exits with an error before writing anything is tried once more: under a
    load average of 8 one full run saw soffice exit 1 on a packet that the same command
    converted at once alone (a speed trial), LibreOffice's own start-up, not the file. A
    file it cannot convert fails both times, with what soffice said each time."""
    soffice = soffice_or_skip()
    fresh = not profile.exists()
    if fresh and _started_profile:
        shutil.copytree(_started_profile[0], profile)
        fresh = False
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = "." + to.split(":")[0]
    converted = [out_dir / (p.stem + suffix) for p in paths]
    said = []
    for _ in range(2):
        done = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                *([f"--infilter={infilter}"] if infilter else []),
                "--convert-to",
                to,
                "--outdir",
                str(out_dir),
                *map(str, paths),
            ],
            capture_output=True,
            timeout=300,
        )
        if done.returncode == 0 and all(p.exists() for p in converted):
            if fresh:
                _keep_started(profile)
            return converted
        said.append(f"exit {done.returncode}: {done.stderr.decode(errors='replace')[-800:]}")
    missing = [p for p in converted if not p.exists()]
    raise AssertionError(f"LibreOffice did not write {missing or converted}: {said}")


# -- PDF packets (qbank packet --format pdf) ---------------------------------------------

NODE_DIR = Path(__file__).resolve().parent.parent / "build" / "node"  # .ci/run installs here
PDFJS_FILLER = Path(__file__).resolve().parent / "pdfjs_fill.mjs"
PDFJS_LINES = Path(__file__).resolve().parent / "pdfjs_lines.mjs"


def pdf_values(filled: Filled) -> dict[str, object]:
    """`filled` as form field values: text, True for a box to tick, the export value of
    the radio button to choose."""
    values: dict[str, object] = dict(filled.header)
    for qid, scores in filled.scores.items():
        assert len(scores) == 1, "a radio group holds one rating"
        values[f"{qid}_rating"] = f"s{scores[0]}"
    for qid in filled.unrated:
        values[f"{qid}_rating"] = "unrated"
    for qid in filled.hints:
        values[f"{qid}_hint-given"] = True
    for qid, numbers in filled.look_for.items():
        for n in numbers:
            values[f"{qid}_look-for_{n}"] = True
    for qid, text in filled.notes.items():
        values[f"{qid}_notes"] = text
    if filled.recommendations:
        (values["recommendation"],) = filled.recommendations
    if filled.evidence:
        values["key-evidence"] = filled.evidence
    return values


def fill_pdf_with_pypdf(packet: Path, target: Path, filled: Filled) -> Path:
    """pypdf's form filling, as a script would do it: its own text appearances, and
    NeedAppearances left alone."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(packet))
    values = {
        name: (
            "/Yes"
            if value is True
            else f"/{value}"
            if name.endswith(("_rating", "recommendation"))
            else value
        )
        for name, value in pdf_values(filled).items()
    }
    writer.update_page_form_field_values(None, values, auto_regenerate=False)
    with open(target, "wb") as out:
        writer.write(out)
    return target


def pdfjs_or_skip() -> tuple[str, Path]:
    """node and the pdfjs-dist package; a skip saying why when either is missing, or a
    failure when QBANK_REQUIRE_PDFJS=1 (CI, where .ci/run installs them)."""
    node = shutil.which("node")
    package = NODE_DIR / "node_modules" / "pdfjs-dist"
    if node and (package / "legacy" / "build" / "pdf.mjs").exists():
        return node, package
    reason = (
        "pdf.js is not installed: install node, then "
        f"npm install --prefix {NODE_DIR} pdfjs-dist@4 (as .ci/run does)"
    )
    if os.environ.get("QBANK_REQUIRE_PDFJS") == "1":
        pytest.fail(f"QBANK_REQUIRE_PDFJS=1 but {reason}")
    pytest.skip(reason)


def fill_pdf_with_pdfjs(packet: Path, target: Path, filled: Filled) -> Path:
    """Fill `packet` in pdf.js as Firefox does (annotation storage, then saveDocument)."""
    import json

    node, package = pdfjs_or_skip()
    values = target.with_suffix(".json")
    values.write_text(json.dumps(pdf_values(filled), ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [node, str(PDFJS_FILLER), str(package), str(packet), str(target), str(values)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    values.unlink()
    return target


def pdfjs_lines(
    packet: Path, name: str, texts: list[str]
) -> tuple[tuple[float, ...], list[list[tuple[str, float, float]]]]:
    """What pdf.js draws of each of `texts` typed into the text field `name` of `packet`
    (its own layout, as Firefox prints the field and saves its look): the widget's
    rectangle, and for each text its lines as (text, baseline, type size), in page space."""
    import json
    import tempfile

    node, package = pdfjs_or_skip()
    with tempfile.TemporaryDirectory() as folder:
        listed = Path(folder) / "texts.json"
        listed.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run(
            [node, str(PDFJS_LINES), str(package), str(packet), name, str(listed)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    drawn = json.loads(done.stdout)
    layouts = [[(text, y, size) for text, y, size in lines] for lines in drawn["layouts"]]
    return tuple(drawn["rect"]), layouts


def widget_rects(packet: Path, name: str) -> list[tuple[int, tuple[float, ...], str]]:
    """The widgets of the field `name`: each one's page (from 0), its rectangle and, for a
    button, its on-state ('' for a text field)."""
    from pypdf import PdfReader

    found = []
    for number, page in enumerate(PdfReader(packet).pages):
        for annotation in page.get("/Annots", ()):
            widget = annotation.get_object()
            field = widget if "/T" in widget else widget["/Parent"].get_object()
            if str(field["/T"]) == name:
                states = [str(s)[1:] for s in widget["/AP"]["/N"] if s != "/Off"]
                rect = tuple(float(v) for v in widget["/Rect"])
                found.append((number, rect, states[0] if field["/FT"] == "/Btn" else ""))
    return found


def fill_pdf_with_pdfium(
    packet: Path, target: Path, clicks: list[tuple[str, str]], pasted: dict[str, str]
) -> Path:
    """Fill `packet` in PDFium (Chrome's and Edge's engine) through its form API, as a user
    does: click each (field, on-state) of `clicks` in turn, then click into each text field
    of `pasted` and paste its text there (typing it a key at a time takes seconds)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(packet)
    document.init_forms()
    form = document.formenv.raw
    loaded = {}

    def click(number: int, rect: tuple[float, ...], inset: float | None = None) -> object:
        if number not in loaded:
            loaded[number] = document[number]
            pdfium_c.FORM_OnAfterLoadPage(loaded[number].raw, form)
        page = loaded[number].raw
        left, bottom, right, top = rect
        x, y = (
            ((left + right) / 2, (bottom + top) / 2)
            if inset is None
            else (left + inset, top - inset)
        )
        pdfium_c.FORM_OnMouseMove(form, page, 0, x, y)  # the pointer enters the widget
        pdfium_c.FORM_OnLButtonDown(form, page, 0, x, y)
        pdfium_c.FORM_OnLButtonUp(form, page, 0, x, y)
        return page

    for name, state in clicks:
        ((number, rect, _),) = [w for w in widget_rects(packet, name) if w[2] == state]
        click(number, rect)
    for name, text in pasted.items():
        ((number, rect, _),) = widget_rects(packet, name)
        page = click(number, rect, inset=10)
        typed = (text.replace("\n", "\r\n") + "\0").encode("utf-16-le")
        pdfium_c.FORM_ReplaceSelection(
            form, page, ctypes.cast(ctypes.c_char_p(typed), pdfium_c.FPDF_WIDESTRING)
        )
    pdfium_c.FORM_ForceToKillFocus(form)
    document.save(target)
    document.close()
    return target
