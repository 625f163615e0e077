"""Read a filled-in PDF packet (`qbank packet --format pdf`) back, like a DOCX one.

The packet's identity is in the document information (packet.fillable), its answers in
form fields named after the questions. A PDF comes back from any program: every value is
checked against what the packet could hold, and a value it could not (a rating off the
scale, a ticked box whose value is not /Yes, a field of another type) refuses the file
with a message that names the field. pypdf reads the form, the way every filler stores it:
a field's value is in /V, or only in the /AS of the widget that is on.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

from qbank.debrief.filled import HEADER_FIELDS, Answer, FilledPacket, packet_identity
from qbank.errors import FileError
from qbank.exporters.packet.identity import (
    PREFIX,
    UNRATED,
    Identity,
    recommendation_value,
    score_value,
)
from qbank.patches import SharedPatch
from qbank.rubric import Wording
from qbank.text import shorten, slug
from qbank.untrusted import open_regular, read_regular

# a --all packet of a 5,000-question bank is about 60 MB (a page and some fields a question)
MAX_PDF_BYTES = 256 << 20
MAX_TEXT = 100_000  # characters of one field: far more than an interview's notes
MAX_FIELDS = 100_000
MAX_NAME = 1_000  # characters of a field's full name; a packet's are some tens
MAX_DEPTH = 32  # fields above a field, as _inherited walks them
# what one stream of a packet may inflate to, and how many object streams it may hold: a
# 68 KB object stream inflated to 70 MB, and forty of them took a gigabyte (pypdf's own
# limit is 75 MB a stream, with no bound on their number); a packet of ours has none, and a
# reader that saves with object streams writes a few of some kilobytes each
MAX_STREAM_BYTES = 4 << 20
MAX_OBJECT_STREAMS = 64
MAX_OBJECT_STREAM_BYTES = 16 << 20  # all of them together, inflated
_LIMITS = {
    name: MAX_STREAM_BYTES
    for name in (
        "maximum_declared_stream_length",
        "array_based_stream_maximum_output_length",
        "jbig2_maximum_output_length",
        "lzw_maximum_output_length",
        "run_length_maximum_output_length",
        "zlib_maximum_output_length",
        "brotli_maximum_output_length",
    )
}
# a stream past MAX_STREAM_BYTES: told 'damaged ... save it again', which saving again
# never mends (a review)
TOO_LARGE = (
    f"a part of it is larger than the debrief reads ({MAX_STREAM_BYTES >> 20} MB once "
    "unpacked; a packet has no such part): a picture or a scan added to it, or no packet; "
    "give the packet without what was added"
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# a file pypdf cannot read: it was 'not a PDF document that can be read (Broken xref
# table)', pypdf's words; a reason of qbank's own (a bound, a loop) is kept as `{why}`
DAMAGED = (
    "the file is damaged or is not a PDF{why}; ask its interviewer to open the packet in "
    "the PDF reader they filled it in with, save it again with its Save (or the browser's "
    "Download button) and give that file; printing it to a PDF would lose its fields"
)


# the kinds of form field (/FT) as a refusal says them
_FIELD_KINDS = {
    "/Tx": "text",
    "/Btn": "a button",
    "/Ch": "a list to choose from",
    "/Sig": "a signature",
    None: "of no kind",
}


class _NamedTwice(Exception):
    """Two form fields of one name: which one a reader shows is not the packet's to say."""


class _Unreadable(Exception):
    """What qbank itself found wrong in the file, in words told to the user."""


def is_pdf(path: Path) -> bool:
    """Whether the file at `path` says it is a PDF (QbankError when it is no regular file)."""
    try:
        with open_regular(path, "packet") as file:
            return file.read(1024).lstrip().startswith(b"%PDF-")
    except OSError as exc:
        raise FileError(path, f"cannot read the packet: {exc.strerror}") from None


class _QuietPypdf:
    """pypdf's logger at CRITICAL while any thread reads a packet (qbank.patches), and at
    its level before as the last of them ends: two debriefs in threads left it at CRITICAL
    for the rest of the process, and a host program heard no more of pypdf's warnings (a
    library trial). A host thread's own pypdf warnings are still not heard meanwhile."""

    def __init__(self) -> None:
        self.level = logging.NOTSET
        self.patch = SharedPatch("quiet pypdf", self._make, self._undo)

    def _make(self) -> None:
        log = logging.getLogger("pypdf")
        self.level = log.level
        log.setLevel(logging.CRITICAL)

    def _undo(self) -> None:
        logging.getLogger("pypdf").setLevel(self.level)


_quiet_pypdf = _QuietPypdf().patch.held


def read_pdf_packet(path: Path, wording: Wording) -> FilledPacket:
    """The PDF packet at `path` as filled in; QbankError when it cannot be read back.
    pypdf's own warnings ("EOF marker not found", an object that is not there) stay off
    the standard error: what a packet lacks is said by qbank, naming the file."""
    data = read_regular(
        path, "packet", MAX_PDF_BYTES, f"larger than {MAX_PDF_BYTES >> 20} MB; no packet of ours is"
    )
    with _quiet_pypdf():
        return _read(path, data, wording)


def _read(path: Path, data: bytes, wording: Wording) -> FilledPacket:
    # strict: a cross-reference that does not hold is an error, not rebuilt by reading
    # every object stream of the file (a 400 KB file took 125 s), and a missing object is
    # not searched for through the whole file each time it is asked for (77 s for 1,000)
    try:  # pypdf reads objects when they are first asked for: the fields' values too
        with apply_configuration(**_LIMITS):
            reader = PdfReader(io.BytesIO(data), strict=True)
            # a reader's "protect with a password"; one protected only against changes has
            # an empty password to open it, as every reader opens it
            if reader.is_encrypted and not reader.decrypt(""):
                raise FileError(
                    path,
                    "the PDF is protected by a password, so its fields cannot be "
                    "read; open it, remove the security in its settings (its properties' "
                    "Security: No Security), save it and give it again; printing it to a PDF "
                    "would lose the fields",
                )
            _inflate_object_streams(reader)
            info = reader.metadata or {}
            properties = {
                str(key)[1:]: str(value)
                for key, value in info.items()
                if str(key).startswith("/" + PREFIX) and isinstance(value, str)
            }
            fields = _fields(reader)
            if not properties and not fields:
                raise FileError(
                    path,
                    "a PDF without form fields, which names no bank: a printed copy "
                    "of a packet (Print > Save as PDF keeps how it looks, not its fields), or "
                    "no packet at all; give the filled-in packet itself, saved with the PDF "
                    "reader's Save or the browser's Download button",
                )
            identity = packet_identity(path, properties, "its document information does")
            return _Form(path, fields, wording).packet(identity)
    except _Unreadable as exc:
        raise _unreadable(path, str(exc)) from None
    except _NamedTwice as exc:
        raise FileError(
            path,
            f"two form fields are named '{exc}', and the debrief cannot tell which one its "
            "interviewer filled in; the packet was changed by a program other than a PDF "
            "reader: fill in a fresh copy of the packet",
        ) from None
    except LimitReachedError:  # the bound of _LIMITS, qbank's own: saving again keeps it
        raise FileError(path, TOO_LARGE) from None
    except (PyPdfError, OSError, ValueError, TypeError, KeyError, AttributeError):
        # pypdf's own reading raises any of these, and AssertionError, on a crafted file
        raise _unreadable(path) from None
    except AssertionError:
        raise _unreadable(path, "an object is not what its reference says") from None
    except RecursionError:
        raise _unreadable(path, "nested too deep") from None


def _unreadable(path: Path, why: str = "") -> FileError:
    return FileError(path, DAMAGED.format(why=f" ({why})" if why else ""))


def _inflate_object_streams(reader: PdfReader) -> None:
    """Inflate the object streams that the cross-reference names (pypdf keeps what it
    inflated), within MAX_OBJECT_STREAMS of them and MAX_OBJECT_STREAM_BYTES in all: 250
    streams of 4 MB of blanks took a gigabyte and 84 s, and a count of '/ObjStm' in the
    file's bytes missed the name spelt '/ObjSt#6D'."""
    streams = sorted({stream for stream, _ in reader.xref_objStm.values()})
    if len(streams) > MAX_OBJECT_STREAMS:
        raise _Unreadable(
            f"more than {MAX_OBJECT_STREAMS} object streams; no PDF reader saves a packet so"
        )
    inflated = 0
    for number in streams:
        stream = reader.get_object(number)
        inflated += len(stream.get_data()) if isinstance(stream, StreamObject) else 0
        if inflated > MAX_OBJECT_STREAM_BYTES:
            raise _Unreadable(
                f"its object streams inflate to more than {MAX_OBJECT_STREAM_BYTES >> 20} MB"
            )


def _fields(reader: PdfReader) -> dict[str, DictionaryObject]:
    """Every terminal field of the form by its full name (no dots in ours)."""
    root = reader.trailer["/Root"]
    form = root.get("/AcroForm")
    found: dict[str, DictionaryObject] = {}
    if form is None:
        return found
    form = form.get_object()
    # each with the objects above it: a field that is its own kid (or its kid's) looped for
    # ever; one listed twice, or shared by two parents, is read again under each
    queue: list[tuple[Any, str, frozenset[int]]] = [
        (ref, "", frozenset()) for ref in form.get("/Fields", ArrayObject())
    ]
    read = 0
    while queue:
        ref, prefix, above = queue.pop(0)
        number = getattr(ref, "idnum", None)
        if number in above:
            raise _Unreadable("a form field is its own kid, or a kid of its kid")
        read += 1
        if read > MAX_FIELDS:
            raise _Unreadable(f"more than {MAX_FIELDS} form fields")
        field = ref.get_object()
        if not isinstance(field, DictionaryObject):
            continue
        name = field.get("/T")
        full = f"{prefix}.{name}" if prefix and name is not None else str(name or prefix)
        if len(full) > MAX_NAME or len(above) >= MAX_DEPTH:  # ours are short, one level
            raise _Unreadable("a form field's name is too long, or nested too deep")
        kids = field.get("/Kids")
        named_kids = [k for k in kids or () if "/T" in k.get_object()] if kids else []
        if named_kids:
            here = above | {number} if number is not None else above
            queue += [(kid, full, here) for kid in named_kids]
        elif full in found and found[full] is not field:
            # two fields of one name are refused, whichever is shown: a field of no widget,
            # listed before the one shown, was read in its place, a note or rating that no
            # PDF reader shows or prints (a hostile trial)
            raise _NamedTwice(full)
        elif full:
            found[full] = field
        if len(found) + len(queue) > MAX_FIELDS:
            raise _Unreadable(f"more than {MAX_FIELDS} form fields")
    return found


class _Form:
    """The fields of one packet, read with their types checked."""

    def __init__(self, path: Path, fields: Mapping[str, DictionaryObject], wording: Wording):
        self.path, self.fields, self.wording = path, fields, wording

    def refuse(self, name: str, message: str) -> FileError:
        return FileError(
            self.path,
            f"the form field '{name}' {message}; the packet was changed by a "
            "program other than a PDF reader: fill in a fresh copy of the packet",
        )

    def _field(self, name: str, kind: str) -> DictionaryObject | None:
        field = self.fields.get(name)
        if field is None:
            return None
        found = _inherited(field, "/FT")
        if found != kind:
            # in words: a field whose kind was taken away was said to be "None" (fuzzing)
            shown = _FIELD_KINDS.get(None if found is None else str(found), "of another kind")
            raise self.refuse(name, f"is {shown}, where the packet has {_FIELD_KINDS[kind]}")
        return field

    def text(self, name: str) -> str:
        field = self._field(name, "/Tx")
        if field is None:
            return ""
        value = _inherited(field, "/V")
        if value is None:
            return ""
        if not isinstance(value, str) or isinstance(value, NameObject):  # a Name is a str
            raise self.refuse(
                name, f"holds {type(value).__name__.removesuffix('Object')}, not text"
            )
        if len(value) > MAX_TEXT:
            raise self.refuse(name, f"holds {len(value):,} characters, more than {MAX_TEXT:,}")
        text = str(value).replace("\r\n", "\n").replace("\r", "\n")
        # a control character no reader types (a NUL, a backspace) as the DOCX reader
        # gives it, U+FFFD, so that it never reaches the debrief's CSV
        return _CONTROL.sub("\ufffd", text)

    def _on(self, name: str) -> Any:
        """The raw value of a check box or radio group; None when nothing is ticked."""
        field = self._field(name, "/Btn")
        if field is None:
            return None
        value = _inherited(field, "/V")
        if value is None or value == "/Off":
            value = self._shown(field)
        return None if value is None or value == "/Off" else value

    def rating(self, qid: str, scores: Mapping[str, int]) -> tuple[int | None, str]:
        """The score of a question's rating group (`scores`: export value -> score), blanks
        around it aside ('s4 ', and '4' as a script writes it); none where its 'not rated'
        button is chosen, as where none is; else what the field holds
        in its place ('four'), for validate to refuse by the question's label (this named
        the field's id only, and said nothing of what to do: a trial)."""
        value = self._on(f"{qid}_rating")
        if value is None:
            return None, ""
        if not isinstance(value, str):  # a Name is a str
            raise self.refuse(f"{qid}_rating", f"holds {_shown(value)}, not the name of a box")
        key = str(value).removeprefix("/").strip()
        if key in ("", "Off", UNRATED):  # 'not rated' chosen: the way back from a score
            return None, ""
        # a score as digits, of a length int() takes (5,000 of them raise ValueError)
        number = score_value(int(key)) if key.isdecimal() and len(key) < 7 else ""
        score = scores.get(key, scores.get(number))
        return (score, "") if score is not None else (None, shorten(key, 40))

    def choice(self, name: str, allowed: Mapping[str, Any]) -> Any:
        """The value of a check box or radio group among `allowed` (export value -> what
        it means); None when nothing is ticked."""
        value = self._on(name)
        if value is None:
            return None
        if isinstance(value, NameObject):
            key = str(value)[1:]
        elif isinstance(value, str) and value.startswith("/"):
            key = value[1:]  # pypdf's filler writes a radio group's /V as text
        else:
            raise self.refuse(name, f"holds {_shown(value)}, not the name of a box")
        if key == "Off":
            return None
        if key not in allowed:
            options = ", ".join(allowed)
            raise self.refuse(name, f"holds '{key}', which is none of its options ({options})")
        return allowed[key]

    @staticmethod
    def _shown(field: DictionaryObject) -> Any:
        """The on-state of the widget that shows one: what a filler that sets only /AS
        leaves."""
        widgets = [k.get_object() for k in field.get("/Kids", ())] or [field]
        for widget in widgets:
            state = widget.get("/AS") if isinstance(widget, DictionaryObject) else None
            if isinstance(state, NameObject) and state != "/Off":
                return state
        return None

    def packet(self, identity: Identity) -> FilledPacket:
        answers = {qid: Answer() for qid, _ in identity.questions}
        scale = [int(s) for s in identity.rubric.split()[:-1] if s.isascii() and s.isdigit()]
        scores = {score_value(s): s for s in scale}
        ticked = {"Yes": True}
        for qid, answer in answers.items():
            score, answer.rating_held = self.rating(qid, scores)
            answer.not_rated = self._on(f"{qid}_rating") in (f"/{UNRATED}", UNRATED)
            answer.scores = [] if score is None else [score]
            answer.hint_given = bool(self.choice(f"{qid}_hint-given", ticked))
            n = 1
            while f"{qid}_look-for_{n}" in self.fields:
                if self.choice(f"{qid}_look-for_{n}", ticked):
                    answer.look_for.append(n)
                n += 1
            answer.boxes = n - 1
            answer.notes = self.text(f"{qid}_notes").strip("\n")
        options = {
            recommendation_value(n, option): option
            for n, option in enumerate(self.wording.recommendations, start=1)
        }
        recommendation = self.choice("recommendation", {v: slug(o) for v, o in options.items()})
        header = {name: self.text(name).strip() for name in HEADER_FIELDS}
        return FilledPacket(
            path=self.path,
            identity=identity,
            role=self.text("role").strip(),
            header=header,
            answers=answers,
            recommendations=[] if recommendation is None else [recommendation],
            evidence=self.text("key-evidence").strip("\n"),
            marked="chosen",
        )


def _inherited(field: DictionaryObject, key: str) -> Any:
    """A field's own `key`, else its parent's (fields inherit /FT and /V)."""
    seen = 0
    node: Any = field
    while isinstance(node, DictionaryObject) and seen < 32:
        if key in node:
            return node[key].get_object() if hasattr(node[key], "get_object") else node[key]
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
        seen += 1
    return None


def _shown(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")
