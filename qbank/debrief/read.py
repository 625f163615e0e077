"""Read a filled-in interviewer packet back: its identity, header, boxes, notes and evidence.

A tick box is a checkbox content control. Word records its state in `w14:checked` (and
swaps the glyph); LibreOffice keeps that state but drops `w:tag` and moves `w:alias` onto a
new content control around the paragraph that holds the box (see CLIENTS.md). So a box is
known by its own tag, else its own alias, else the alias of the content control around it
and its place there; the packet gives tag and alias the same value ('q-id:score:3').

Notes and key evidence are typed onto the ruled lines under their label: the paragraphs
after the label that follows a question's 'hint given' box (or the recommendation boxes),
up to the next heading, label or box, and whatever follows the label on its own line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from qbank.debrief.filled import (
    HEADER_FIELDS,
    Answer,
    FilledPacket,
    PanelSheet,
    packet_identity,
)
from qbank.errors import FileError, QbankError
from qbank.exporters.packet.identity import Identity
from qbank.numbering import QUESTION_LABEL, question_label
from qbank.rubric import Wording
from qbank.text import NO_BREAK_SPACES, shorten
from qbank.untrusted import Archive, open_regular
from qbank.wordml.properties import read_custom_properties
from qbank.wordml.tables import TABLE_STYLE_IDS
from qbank.wordml.wml import W14_NS, W_NS

W, W14 = f"{{{W_NS}}}", f"{{{W14_NS}}}"
TICKED_GLYPH = "\u2612"
# style ids of the paragraphs that end a notes area (python-docx's ids, kept by LibreOffice)
NOTES_END_STYLES = {"Heading1", "Heading2", "PacketLabel", "PacketCellHead", "Title"}
BLOCK_END_STYLE = "PacketBlockEnd"
# a packet saved by LibreOffice in its own format, or in Word's before DOCX: the two were
# "not a Word document ... only packets made by qbank packet" and "File is not a zip file"
# (a review), where saving it again as DOCX is all it takes
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls: a compound file
ODF = b"application/vnd.oasis.opendocument"  # the mimetype entry of .odt and its kin
SAVED_AS = (
    "the packet was saved as {form}, which the debrief cannot read; open it and save it "
    "as Word (.docx), then give that file"
)
# a file that is no zip archive, or one cut short: it was 'not a DOCX document that can
# be read (File is not a zip file)', the zip library's words
DAMAGED = (
    "the file is damaged or is not a Word document{why}; ask its interviewer to save the "
    "packet again as Word (.docx) and give that file"
)


# tracked changes whose text is gone from the document as it reads: a deletion holds
# w:delText (never read), but Word keeps a move's old place as w:moveFrom around plain
# w:t, as ECMA-376's own example does, and LibreOffice keeps it so (moved text was read
# twice, at its old place and its new one: a review); a w:del around w:t is gone as well
_REMOVED = (f"{W}del", f"{W}moveFrom")


def _shown(element: etree._Element) -> Iterator[etree._Element]:
    """The text nodes of `element` (w:t, tabs and line breaks) that a reader sees: not in
    a tracked deletion, nor in a run of hidden text (w:vanish, Font > Hidden), which Word
    neither shows nor prints, and which the debrief read as the notes (a hostile trial)."""
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if next(node.iterancestors(*_REMOVED), None) is None and not _hidden(node.getparent()):
            yield node


def _hidden(run: etree._Element | None) -> bool:
    """Whether the run `run` is hidden text by its own properties."""
    vanish = run.find(f"{W}rPr/{W}vanish") if run is not None else None
    return vanish is not None and vanish.get(f"{W}val", "true") not in ("0", "false", "off")


# a packet's no-break spaces read as spaces: the packet keeps a French label's 'Rôle :'
# together with one (Wml.kept_spaces), and Word's French typing puts them there too
_AS_SPACE = str.maketrans(dict.fromkeys(NO_BREAK_SPACES, " "))


def _spaced(label: str) -> str:
    """A label as it is compared: each no-break space a space."""
    return label.translate(_AS_SPACE)


def _text(element: etree._Element) -> str:
    """What a reader sees in `element`: w:t, with tabs and line breaks."""
    return "".join(_node_text(node) for node in _shown(element))


def _value(sdt_pr: etree._Element | None, name: str) -> str | None:
    if sdt_pr is None:
        return None
    found = sdt_pr.find(f"{W}{name}")
    return None if found is None else found.get(f"{W}val")


def _one_box_an_option(path: Path, sdt: etree._Element, name: str, seen: set[str]) -> None:
    """A recommendation box retagged by hand as another option ('Yes' beside a box tagged
    strong-yes) was read as that option without a word (a hostile trial): two boxes of one
    option, or a box whose tag and alias disagree, are refused as edited."""
    sdt_pr = sdt.find(f"{W}sdtPr")
    tag, alias = _value(sdt_pr, "tag"), _value(sdt_pr, "alias")
    if name in seen or (tag and alias and tag != alias):
        option = name.partition(":")[2]
        raise FileError(
            path,
            f"the recommendation box '{shorten(option, 40)}' was edited by another "
            "program (two boxes, or a box whose name and title disagree); fill in a fresh "
            "copy of the packet",
        )
    seen.add(name)


def _box_name(sdt: etree._Element) -> str | None:
    """A box's own tag, else its own alias, else what the content control around it says.

    LibreOffice's control around a paragraph also takes in the paragraphs that follow it
    and keeps the first alias only: the third look-for box of a question sits in a control
    aliased 'q-id:look-for:1'. So the n-th box inside such a control is that alias's
    number plus n - 1."""
    sdt_pr = sdt.find(f"{W}sdtPr")
    name = _value(sdt_pr, "tag") or _value(sdt_pr, "alias")
    if name:
        return name
    for outer in sdt.iterancestors(f"{W}sdt"):
        alias = _value(outer.find(f"{W}sdtPr"), "alias")
        if not alias:
            continue
        inside = [box.getparent().getparent() for box in outer.iter(f"{W14}checkbox")]
        position = inside.index(sdt)
        if position == 0:
            return alias
        stem, _, first = alias.rpartition(":")
        # an alias edited by hand may end in '²' or 5,000 digits: no box number then
        return f"{stem}:{int(first) + position}" if re.fullmatch(r"[0-9]{1,6}", first) else None
    return None


def _is_ticked(checkbox: etree._Element, sdt: etree._Element) -> bool:
    checked = checkbox.find(f"{W14}checked")
    if checked is not None:
        return checked.get(f"{W14}val", "1").lower() in ("1", "true", "on")
    content = sdt.find(f"{W}sdtContent")
    return content is not None and TICKED_GLYPH in _text(content)


def read_packet(path: Path, wording: Wording) -> FilledPacket:
    """The packet at `path` (a DOCX, or a PDF of `qbank packet --format pdf`) as filled
    in; QbankError when it is not a readable packet."""
    from qbank.debrief.read_pdf import is_pdf, read_pdf_packet  # pypdf only for PDFs

    if is_pdf(path):
        return read_pdf_packet(path, wording)
    if path.is_file() and path.stat().st_size == 0:  # it was "not a DOCX document" (a trial)
        raise FileError(path, "the file is empty; the packet was not saved whole: save again")
    with open_regular(path, "packet") as file:
        if file.read(len(OLE_SIGNATURE)) == OLE_SIGNATURE:
            raise FileError(path, SAVED_AS.format(form="a Word 97-2003 document (.doc)"))
    with Archive(path, "packet", DAMAGED) as archive:
        properties = read_custom_properties(archive)
        try:
            body = archive.xml("word/document.xml")
        except KeyError:
            odf = "mimetype" in archive.names() and archive.read("mimetype").startswith(ODF)
            if odf:
                raise archive.error(SAVED_AS.format(form="an OpenDocument file (.odt)")) from None
            raise archive.error(
                "not a Word document (it holds no word/document.xml); only packets made by "
                "`qbank packet` can be read back"
            ) from None
        if (
            not properties
            and "debrief" in path.stem.casefold()
            and next(body.iter(f"{W14}checkbox"), None) is None
            and _by_qbank(archive)
        ):
            # a debrief of a qbank from before its custom properties said so, left in
            # output/ beside the packets (a review); a packet has boxes, and one of a bank
            # named debrief-bank, its properties lost, was left out as a debrief (fuzzing)
            raise PanelSheet(path, "a debrief qbank wrote, not a filled-in packet; left out")
    identity = packet_identity(path, properties, "its custom properties do")
    return _read_body(path, identity, body, wording)


_DC = "{http://purl.org/dc/elements/1.1/}"


def _by_qbank(archive: Archive) -> bool:
    """Whether the document's core properties say qbank made it (every DOCX it writes
    does; a filled-in packet keeps its custom properties too)."""
    try:
        creator = archive.xml("docProps/core.xml").find(f"{_DC}creator")
    except (KeyError, QbankError):
        return False
    return creator is not None and (creator.text or "").strip() == "qbank"


def _read_body(
    path: Path, identity: Identity, body: etree._Element, wording: Wording
) -> FilledPacket:
    answers = {qid: Answer() for qid, _ in identity.questions}
    packet = FilledPacket(path, identity, "", {}, answers, [], "")
    field_aliases = {
        wording("candidate"): "candidate",
        wording("interviewer"): "interviewer",
        wording("date"): "interview-date",
    }
    role_label = _spaced(wording("role"))
    current: str | None = None  # the question whose boxes came last
    # the paragraphs of the notes area being read; None for a ruled line left as it was
    collecting: list[str | None] | None = None
    label_text = ""  # the whole paragraph of its label
    label_cell: etree._Element | None = None  # the table cell the label stands in, if any
    pasted: tuple[etree._Element, etree._Element] | None = None  # the row and cell read last
    where: tuple[str, str | None] | None = None
    role_next = False
    # the label after a question's 'hint given' box opens its notes; the one after the
    # recommendation boxes opens the key evidence (whatever the labels say)
    next_label: str | None = None

    # each notes area: where it belongs, its label's paragraph and the lines under it
    areas: list[tuple[tuple[str, str | None], str, list[str | None]]] = []

    def finish() -> None:
        nonlocal collecting
        if collecting is not None and where is not None:
            areas.append((where, label_text, collecting))
        collecting = None

    sdt_tag = f"{W}sdt"
    options_seen: set[str] = set()  # the recommendation boxes, each once
    for paragraph in body.iter(f"{W}p"):
        style = _value(paragraph.find(f"{W}pPr"), "pStyle")
        # most paragraphs are ruled lines: look for boxes and fields only where controls are
        controls = paragraph.find(f".//{sdt_tag}") is not None
        if collecting is not None:
            if style in NOTES_END_STYLES or controls:
                finish()
            else:
                cell = next(paragraph.iterancestors(f"{W}tc"), None)
                if cell is not None and cell is not label_cell:  # a table typed or pasted in
                    pasted = _table_line(paragraph, cell, pasted, collecting)
                    continue
                pasted = None
                collecting.append(None if _untouched(paragraph) else _text(paragraph))
                continue
        if controls:
            for sdt in paragraph.iter(sdt_tag):
                checkbox = sdt.find(f"{W}sdtPr/{W14}checkbox")
                if checkbox is not None:
                    name = _box_name(sdt)
                    if name and name.startswith("recommendation:"):
                        _one_box_an_option(path, sdt, name, options_seen)
                    if name:
                        ticked = _is_ticked(checkbox, sdt)
                        current = _record_box(packet, name, ticked) or current
                        if name.endswith(":hint-given"):
                            next_label = "notes"
                        elif name.startswith("recommendation:"):
                            next_label = "evidence"
                        else:
                            next_label = None
                    continue
                sdt_pr = sdt.find(f"{W}sdtPr")
                name = _value(sdt_pr, "tag") or field_aliases.get(_value(sdt_pr, "alias") or "")
                if name in HEADER_FIELDS and name not in packet.header:
                    shown = sdt_pr is not None and sdt_pr.find(f"{W}showingPlcHdr") is not None
                    content = sdt.find(f"{W}sdtContent")
                    value = "" if shown or content is None else _text(content)
                    if not value.strip():  # typed beside the empty control, in its cell
                        value = _beside(sdt)
                    packet.header[name] = value.strip()
        if style not in ("PacketCell", "PacketCellHead", "PacketLabel"):
            continue
        text = _text(paragraph).strip()
        if role_next and style == "PacketCell" and not packet.role:
            packet.role = text
            role_next = False
        if style == "PacketCellHead" and _spaced(text) == role_label and not packet.role:
            role_next = True
        if style == "PacketLabel" and next_label:
            where = (next_label, current if next_label == "notes" else None)
            label_text = _spaced(_text(paragraph))  # 'Notes :' as its look has it
            label_cell = next(paragraph.iterancestors(f"{W}tc"), None)
            pasted = None
            collecting = []
            next_label = None
    finish()
    for kind in ("notes", "evidence"):
        mine = [area for area in areas if area[0][0] == kind]
        recorded = _spaced(identity.labels[0 if kind == "notes" else 1])
        word = identity.label_word
        named = [_unnamed(text, word) for _, text, _ in mine]
        label = _area_label(named, _spaced(wording(kind)), recorded)
        for (_, qid), text, ruled in mine:
            typed, replaced = _beside_label(text, label, bool(recorded), word)
            lines = _as_typed([typed, *ruled])
            while lines and not lines[-1].strip():
                lines.pop()
            while lines and not lines[0].strip():
                lines.pop(0)
            said = (
                f"the label '{shorten(label, 40)}' was typed over; what stands in its place "
                f"is read as {'key evidence' if kind == 'evidence' else 'notes'}"
            )
            if kind == "evidence":
                packet.evidence = "\n".join(lines)
                packet.notices += [said] if replaced else []
            elif qid in answers:
                answers[qid].notes = "\n".join(lines)
                answers[qid].notices += [said] if replaced else []
    packet.scorecard = _scorecard(body, identity.label_word)
    for name in HEADER_FIELDS:
        packet.header.setdefault(name, "")
    return packet


def _scorecard(body: etree._Element, word: str) -> list[tuple[str, str]]:
    """The scorecard's rows: the label each shows, as `word` is 'Q' ('Q8' for the German
    packet's 'F8': validate reads it against the bank's), and what its score cell holds (the
    packet's '/ 5' with what was written there). The packet asks the interviewer to copy
    each score there, and some write it there alone. Its cells hold no content control to
    know them by: a question's row is one of three cells that starts with a label ('Q8'),
    in the table of most such rows (a row copied in, one more than the questions, had the
    whole scorecard passed over without a word: a hostile trial). A table of a question's
    text (its cells of the Packet Table styles) is none: a bank's table of 'Q1'... 'Q8' in three
    columns was read as the scorecard."""
    found: list[tuple[str, str]] = []
    for table in body.iter(f"{W}tbl"):
        first = next(table.iter(f"{W}p"), None)
        if first is not None and _value(first.find(f"{W}pPr"), "pStyle") in TABLE_STYLE_IDS:
            continue
        rows = []
        for row in table.findall(f"{W}tr"):
            cells = row.findall(f"{W}tc")
            label = _text(cells[0]).strip() if len(cells) == 3 else ""
            if labelled := re.fullmatch(_label(word), label):
                written = " ".join(_text(p) for p in cells[2].iter(f"{W}p"))
                rows.append((question_label(int(labelled[1])), written))
        if rows and len(rows) >= len(found):
            found = rows
    return found


def _table_line(
    paragraph: etree._Element,
    cell: etree._Element,
    last: tuple[etree._Element, etree._Element] | None,
    lines: list[str | None],
) -> tuple[etree._Element, etree._Element] | None:
    """A paragraph of a table in a notes area (a table pasted from Excel): a line per row,
    its cells apart by a tab, as Excel copies them as text; a cell's paragraphs apart by a
    space. A cell a line each ran the rows' cells together in one column (a trial).
    Returns the row and cell now read last."""
    row = cell.getparent()
    text = _text(paragraph)
    if last is not None and last[0] is row and lines and lines[-1] is not None:
        joint = " " if last[1] is cell else "\t"
        lines[-1] += joint + text if text or joint == "\t" else ""
    else:
        lines.append(text)
    return row, cell


def _untouched(paragraph: etree._Element) -> bool:
    """Whether `paragraph` is a notes area's paragraph as the packet has it, nothing in its
    runs (nothing typed, nor typed and deleted; LibreOffice saves an empty run in each): a
    ruled line (a rule under it), or the empty paragraph that ends the question's block,
    after which notes typed on go on."""
    ruled = paragraph.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None
    ends = _value(paragraph.find(f"{W}pPr"), "pStyle") == BLOCK_END_STYLE
    empty = all(part.tag == f"{W}rPr" for run in paragraph.iter(f"{W}r") for part in run)
    return (ruled or ends) and empty


def _as_typed(lines: list[str | None]) -> list[str]:
    """A notes area's lines, each run of ruled lines left empty (None) between two typed
    ones as one blank line: notes typed on, and past, the last ruled lines came back with
    a dozen blank lines in their middle (a trial). A blank line typed as such (a line break,
    a paragraph of one's own) stays."""
    out: list[str] = []
    for line in lines:
        if line is not None:
            out.append(line)
        elif out and out[-1] != "":
            out.append("")
    return out


def _beside(control: etree._Element) -> str:
    """The text of the table cell (else the paragraph) that holds an empty header control,
    but any control's: a name or a date typed into the cell lands beside a control that
    shows nothing (the cursor goes before or after it), and was read as empty (a trial).
    No control's text is read: its own placeholder (in a tracked change too), nor another
    field's value (a crafted packet's copy of the interviewer's control: a hostile trial)."""
    holder = next(control.iterancestors(f"{W}tc"), None)
    if holder is None:
        holder = control.getparent()
    texts = []
    for paragraph in holder.iter(f"{W}p"):
        outside = (node for node in _shown(paragraph) if not _in_a_control(node, holder))
        texts.append("".join(_node_text(node) for node in outside).strip())
    return " ".join(t for t in texts if t)


def _in_a_control(node: etree._Element, holder: etree._Element) -> bool:
    """Whether `node` stands in a content control within `holder`."""
    for ancestor in node.iterancestors():
        if ancestor is holder:
            return False
        if ancestor.tag == f"{W}sdt":
            return True
    return False


def _node_text(node: etree._Element) -> str:
    """One node's part of `_text`."""
    if node.tag == f"{W}t":
        return node.text or ""
    if node.tag == f"{W}tab":
        return "\t" if node.getparent().tag == f"{W}r" else ""
    return "\n"


def _area_label(texts: list[str], ours: str, recorded: str = "") -> str:
    """The words a packet's notes areas (or its key evidence) are labelled with: those it
    records (a packet built since it does); else ours when a label says just them; else,
    as its templates may have called them anything, what most of those labels say, or what
    they all begin with ('Notes for the panel' of an older packet's look is not 'Notes'
    and a note 'for the panel')."""
    if recorded and any(recorded in text for text in texts):  # words typed before it too
        return recorded  # (it is written as one line: a label of two blanks is not it)
    if not texts or ours in texts:
        return ours
    if all(text.startswith(ours) for text in texts):
        # an older look's own label ('Notes for the panel') stands alike on three areas
        # or more; words typed beside ours differ, or stand on fewer
        alike = len(set(texts)) == 1 and len(texts) >= 3
        return texts[0] if alike else ours
    counts = {text: texts.count(text) for text in texts}
    most = max(counts.values())
    if most > 1 and list(counts.values()).count(most) == 1:
        return next(text for text, n in counts.items() if n == most)
    return os.path.commonprefix(texts).rstrip() if len(texts) > 1 else ours


# what may part a label from what is typed after it: blanks, a colon or the like, a dash
# with a blank after it ('Notes -2 for syntax' keeps its minus)
_AFTER_LABEL = re.compile(
    r"[ \t\u3000]*(?:[:;,\uff1a\uff1b\uff0c\u3001][ \t\u3000]*|\.(?=\s)\s*|[-\u2013\u2014][ \t]+)?"
)


def _label(word: str) -> str:
    """The pattern of a question's label (numbering.question_label) in a packet whose word
    is `word`: 'Q6', 'F6'; its number the group."""
    return re.escape(word) + "([0-9]{1,9})"


def _unnamed(text: str, word: str = QUESTION_LABEL) -> str:
    """A notes label's text without the question it names, if it names one: a page of
    notes of its own names its question before the label, 'Q6 · Notes'."""
    found = re.match(_label(word) + " \u00b7 ", text)
    return text[found.end() :] if found else text


def _beside_label(
    text: str, label: str, recorded: bool = True, word: str = QUESTION_LABEL
) -> tuple[str, bool]:
    """What an interviewer typed on the line of a notes area's label, and whether the label
    is gone from it. Word and LibreOffice put the cursor after 'Notes' when one clicks
    beside it, or before it when one clicks at the line's start; what is typed before it is
    a note too, and so is what was typed over it (both were lost without a word: a review).
    A label typed over is told by the label the packet records: an older packet's, a look's
    words of its own, is no note where the label found is not in it."""
    if not text.startswith(label):
        text = _unnamed(text, word)
    at = text.find(label) if label else -1
    if at < 0:
        return (text.strip(), bool(text.strip())) if recorded else ("", False)
    # 'Q6 · ' of a notes page of its own, when typed before
    before = re.sub(r"(?:^|\s)" + _label(word) + " \u00b7 $", "", text[:at]).strip()
    rest = text[at + len(label) :]
    after = rest[_AFTER_LABEL.match(rest).end() :]
    return " ".join(part for part in (before, after) if part), False


def _record_box(packet: FilledPacket, name: str, ticked: bool) -> str | None:
    """Note a box's state; the question it belongs to, if any."""
    kind, _, rest = name.partition(":")
    if kind == "recommendation":
        if ticked:
            packet.recommendations.append(rest)
        return None
    qid, what = kind, rest
    answer = packet.answers.get(qid)
    if answer is None:
        return None
    box, _, number = what.partition(":")
    if box == "look-for":
        answer.boxes += 1
    if box == "hint-given":
        answer.hint_given = answer.hint_given or ticked
    elif ticked and box in ("score", "look-for"):
        # a tag edited by hand may say anything ('²', 5,000 digits): such a number is kept
        # as out of every scale, for validate to refuse by name
        value = int(number) if re.fullmatch(r"-?[0-9]{1,6}", number) else None
        (answer.scores if box == "score" else answer.look_for).append(value)
    return qid
