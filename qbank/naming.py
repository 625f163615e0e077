"""Artifact file names, one rule for every exporter.

A build of the whole bank keeps its plain name (`<bank>.apkg`, `<bank>-packet.docx`), the
name `make` expects. A build that holds anything else says what it holds, so it never
overwrites the whole-bank artifact and `make` never takes it for one:
`<bank>-advanced.apkg`, `<bank>-packet-45min-seed3.docx`, `<bank>-packet-jane-doe.docx`.
`--name STEM` replaces `<bank>` and the words of the selection; the kind of artifact
(`-booklet`, `-packet`) and what tells one build's files apart (`-1`, `-panel`) stay, so
`all --name STEM` never writes one file twice.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable

from qbank.atomic import PREFIX as TEMPORARY_PREFIX
from qbank.errors import OptionError
from qbank.text import has_control, slug

# Room for the kind, a panel number and the extension within the usual 255-byte limit
MAX_STEM_BYTES = 180


def check_stem(name: str) -> str:
    """A `--name` value as given, refused when it is not a plain file-name stem."""
    if not name.strip() or name in {".", ".."} or "/" in name or "\\" in name or "\0" in name:
        raise OptionError(
            f"--name {name!r}: give a file name without a folder or an extension, "
            "such as --name jane-doe"
        )
    if len(name.encode("utf-8", "surrogateescape")) > MAX_STEM_BYTES:
        raise OptionError(f"--name: at most {MAX_STEM_BYTES} bytes, for the file system")
    # a control character (a line break made one written file two lines of the output,
    # which lists a file a line), or a leading '-', which other programs read as an option
    if has_control(name) or name.startswith("-"):
        raise OptionError(
            f"--name {name!r}: give a name of letters, digits and punctuation that does not "
            "start with '-', such as --name jane-doe"
        )
    if name.startswith(TEMPORARY_PREFIX):
        raise OptionError(
            f"--name {name!r}: names that start with {TEMPORARY_PREFIX} are qbank's own "
            "temporary folders; choose another"
        )
    return name


MAX_PART_BYTES = 60  # an interviewer's part of a file name: with the stem, within 255 bytes


def within_bytes(text: str, most: int) -> str:
    """`text`'s longest start that is at most `most` bytes in UTF-8, whole characters."""
    return text.encode("utf-8", "surrogateescape")[:most].decode("utf-8", "ignore")


def name_part(text: str, most: int = MAX_PART_BYTES) -> str:
    """A person's name as part of a file name: its slug within `most` bytes, a cut one
    with a hash of the whole (two long names alike in their first 60 bytes made one file
    name, which the build then wrote twice)."""
    whole = slug(unicodedata.normalize("NFC", text))  # 'Rene' + U+0301 is 'Renée'
    if len(whole.encode("utf-8", "surrogateescape")) <= most:
        return whole
    digest = hashlib.sha256(whole.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return within_bytes(whole, most - 9).strip("-") + "-" + digest


def _word(variant: str) -> str:
    """A variant word's slug; one of no letter or digit (an emoji, a dot) a hash of it, so
    that it never names the whole bank's file."""
    return (
        slug(variant)
        or "x" + hashlib.sha256(variant.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    )


def artifact_name(
    bank: str,
    ext: str,
    *,
    kind: str = "",
    variant: Iterable[str] = (),
    part: str = "",
    name: str | None = None,
) -> str:
    """`<bank>[-kind][-variant...][-part].ext`, or `<name>[-kind][-part].ext` with --name.

    `variant` are words (any text) that say how the content differs from the whole bank;
    each becomes a slug. A long variant is shortened and keeps a hash of the rest, so two
    different selections never share a name.
    """
    if name is not None:
        return "-".join(w for w in (name, kind, part) if w) + f".{ext}"
    words = [bank, kind, *(_word(v) for v in variant)]
    stem = "-".join(w for w in words if w)
    raw = stem.encode("utf-8", "surrogateescape")
    if len(raw) > MAX_STEM_BYTES:
        digest = hashlib.sha256(raw).hexdigest()[:8]
        stem = raw[: MAX_STEM_BYTES - 9].decode("utf-8", "ignore") + "-" + digest
    return "-".join(w for w in (stem, part) if w) + f".{ext}"
