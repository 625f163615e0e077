"""What keeps a TrueType file from being drawn and embedded in the PDFs: a look's own font
(theme.toml names it; look.own_fonts reads it) is checked here before any build uses it,
so that a file reportlab cannot cut glyphs from is said at its key's line, never an
internal error in the middle of a build.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

# a composite glyph's component flags (the OpenType specification, 'glyf' table)
_WORDS, _SCALE, _XY_SCALE, _TWO_BY_TWO, _MORE = 0x0001, 0x0008, 0x0040, 0x0080, 0x0020
# the bytes of a component's transform, by its flags: as reportlab reads them, a scale first
_TRANSFORM_BYTES = {
    flags: 2 if flags & _SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
    for flags in range(0x100)
    if flags == flags & (_SCALE | _XY_SCALE | _TWO_BY_TWO)
}


def font_file_problems(path: Path, value: str, face: str | None) -> tuple[str | None, str | None]:
    """What keeps the PDFs from drawing text in the font file at `path` (`value`, as
    theme.toml names it), and, when nothing does and `face` is given, what it prints in
    the wrong style as that face (_variable_style): the file is parsed once for both
    (a large font takes 30 ms or more)."""
    try:
        font = TTFontFile(str(path))
    except Exception as exc:
        return _unread(path, value, exc), None
    problem = _drawing_problem(font, path, value)
    if problem is None and face is not None:
        return None, _variable_style(font, value, face)
    return problem, None


def _unread(path: Path, value: str, exc: Exception) -> str:
    """What a file that reportlab cannot parse as a font is, in a designer's words."""
    if isinstance(exc, TTFError):
        said = str(exc)
        if "postscript outlines" in said:
            return (
                f"{value!r} holds PostScript (CFF) outlines, which the PDFs cannot embed; "
                "use the font's TrueType version (.ttf)"
            )
        return _not_truetype(path, value, said)
    # reportlab's parser on a damaged file: struct.error, KeyError...
    return f"{value!r} is not a TrueType font qbank can read: the file is damaged or cut short"


def _drawing_problem(font: TTFontFile, path: Path, value: str) -> str | None:
    """What keeps the PDFs from drawing text in `font`, parsed from `path` (`value`, as
    theme.toml names it): not a TrueType font reportlab reads, PostScript outlines, a
    licence that forbids embedding, no space (its words would run together), or a glyph
    of its characters that cannot be cut out; None when it can."""
    try:
        if 0x20 not in font.charToGlyph:
            return (
                f"{value!r} has no space character, so its words would run together; "
                "choose a font for text"
            )
        licence = _embedding_refused(font)
        if licence:
            return f"{value!r}: its licence {licence}, so no PDF may carry it; choose another font"
        damaged = _damaged_glyph(font)
        if damaged:
            return f"{value!r} is damaged: {damaged}; use a sound copy of the font"
    except Exception as exc:  # reportlab's tables read on demand: TTFError, struct.error...
        return _unread(path, value, exc)
    return None


def _variable_style(font: TTFontFile, value: str, face: str) -> str | None:
    """What a variable font (one with an 'fvar' table) prints as the `face` of theme.toml:
    reportlab embeds its default style alone, so a variable font named for bold printed
    its default weight, regular, without a word (a brand trial). None when that default
    suits the face: weight 600 or more for a bold face, 350 to 500 for another, and no
    italic axis at upright for an italic face."""
    try:
        fvar = font.get_table("fvar") if "fvar" in font.table else b""
        start, count, size = struct.unpack_from(">H2xHH", fvar, 4) if fvar else (0, 0, 0)
        axes = {
            fvar[at : at + 4]: struct.unpack_from(">i", fvar, at + 8)[0] / 65536
            for at in range(start, start + count * size, size)
        }
    except Exception:  # a damaged 'fvar': _drawing_problem has read the rest
        return None
    if not fvar:
        return None
    weight = axes.get(b"wght", 400)
    bold = "bold" in face
    if (weight >= 600 if bold else 350 <= weight <= 500) and not (
        "italic" in face and axes.get(b"ital") == 0
    ):
        return None
    style = f"weight {weight:g}" + (", upright" if axes.get(b"ital") == 0 else "")
    return (
        f"{value!r} is a variable font, and the PDFs print only its default style ({style}), "
        f"so nothing prints {face.replace('_', ' ')}; name the face's own .ttf file (a "
        "variable font's download has them, in its 'static' folder)"
    )


# the first bytes of font files that are not TrueType, and what each is, in a designer's words
_OTHER_FORMATS = {
    b"wOF2": "a WOFF2 web font",
    b"wOFF": "a WOFF web font",
}


def _not_truetype(path: Path, value: str, said: str) -> str:
    """What a file that reportlab does not read as TrueType is, and what to use instead: a
    web font renamed .ttf was 'Not a recognized TrueType font: version=0x774F4632' (a brand
    trial), words a designer cannot act on. A file that starts as a font does keeps
    reportlab's words (`said`) of what is wrong in it."""
    with open(path, "rb") as file:
        start = file.read(4)
    if start in (b"\0\1\0\0", b"true", b"OTTO"):
        said = said.replace(f'"{path}"', "the file").replace(str(path), "the file")
        return f"{value!r} is not a TrueType font qbank can read ({said})"
    what = _OTHER_FORMATS.get(start, "not a font file")
    return (
        f"{value!r} is {what}, whatever its name; the PDFs embed TrueType fonts: use the "
        "font's .ttf file, as its maker ships it for desktop use"
    )


def _embedding_refused(font: Any) -> str | None:
    """What the font's licence says against the PDFs carrying its characters, from its
    OS/2 table's fsType (the OpenType specification, OS/2 table, fsType: bits 0 to 3 the
    usage permission, of which 2 alone is 'restricted license embedding'; bit 8 'no
    subsetting'; bit 9 'bitmap embedding only'). reportlab's own test of it lets such a
    font through."""
    if "OS/2" not in font.table:
        return None
    table = font.get_table("OS/2")
    if len(table) < 10:
        return None
    fs_type = int.from_bytes(table[8:10], "big")
    if fs_type & 0x000F == 0x0002:
        return "forbids embedding it in a document (restricted licence embedding)"
    if fs_type & 0x0200:
        return "allows embedding its bitmaps only, and a PDF of qbank's draws outlines"
    if fs_type & 0x0100:
        return "allows embedding it only whole, and the PDFs carry the characters they use"
    return None


def _damaged_glyph(font: Any) -> str | None:
    """What would stop reportlab cutting any of the font's characters out of it, as a build
    does (TTFontFile.makeSubset): a character whose glyph is past the font's glyphs, a
    glyph whose place in the 'loca' table lies outside the 'glyf' table, or a composite
    glyph whose part is past the glyphs or whose record runs off its glyph. Each glyph a
    character reaches is read once. A font that passed a check of its ASCII alone stopped
    a build with an internal error at its 'é' or at the '·' qbank prints (a hostile
    trial)."""
    count = font.numGlyphs
    places = font.glyphPos
    glyf = font.get_table("glyf") if "glyf" in font.table else b""
    if len(places) < count + 1:
        return "its 'loca' table is shorter than its glyphs"
    for code, glyph in font.charToGlyph.items():
        if not 0 <= glyph < count:
            return f"the glyph of U+{code:04X} is past the font's {count:,} glyphs"
    todo = sorted(set(font.charToGlyph.values()) | {0})
    seen = set(todo)
    while todo:
        glyph = todo.pop()
        start, end = places[glyph], places[glyph + 1]
        if not 0 <= start <= end <= len(glyf):
            return f"glyph {glyph} lies outside the 'glyf' table"
        if end == start:
            continue  # empty: a space
        if end - start < 10:
            return f"glyph {glyph} is shorter than a glyph's header"
        if struct.unpack_from(">h", glyf, start)[0] >= 0:
            continue  # a simple glyph: reportlab copies its bytes as they are
        at, flags = start + 10, _MORE
        while flags & _MORE:
            if at + 4 > end:
                return f"composite glyph {glyph} runs off its end"
            flags, part = struct.unpack_from(">HH", glyf, at)
            if part >= count:
                return f"composite glyph {glyph} is made of glyph {part}, past its {count:,}"
            if part not in seen:
                seen.add(part)
                todo.append(part)
            at += 4 + (4 if flags & _WORDS else 2)
            at += _TRANSFORM_BYTES[flags & (_SCALE | _XY_SCALE | _TWO_BY_TWO)]
    return None
