"""Advance widths of the characters of a TrueType font of qbank/fonts, read from the file.

The DOCX packet measures text with these (Word lays the page out, not us) without loading a
PDF library. The widths are those reportlab reads from the same file (a test compares them):
in thousandths of the font size, for every character the font's Unicode cmap maps.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import cache

from qbank.paths import FONTS


@dataclass(frozen=True)
class Metrics:
    widths: dict[int, float]  # code point -> advance, in 1/1000 of the font size
    missing: float  # the advance to count for a character the font lacks

    def advance(self, text: str) -> float:
        """The width of `text` in thousandths of the font size."""
        widths, missing = self.widths, self.missing
        return sum(widths.get(ord(c), missing) for c in text)


@cache
def metrics(filename: str, missing: float = 1000) -> Metrics:
    """The metrics of qbank/fonts/`filename`; a character it lacks counts `missing` (an em
    by default: CJK and the like are that wide)."""
    return Metrics(advances((FONTS / filename).read_bytes()), missing)


def advances(data: bytes) -> dict[int, float]:
    tables = _tables(data)
    units_per_em = _u16(data, tables["head"] + 18)
    metric_count = _u16(data, tables["hhea"] + 34)
    glyph_count = _u16(data, tables["maxp"] + 4)
    hmtx = tables["hmtx"]
    glyph_widths = [_u16(data, hmtx + 4 * g) for g in range(metric_count)]
    glyph_widths += [glyph_widths[-1]] * (glyph_count - metric_count)  # the last repeats
    scale = 1 if units_per_em == 1000 else 1000 / units_per_em
    widths = {
        char: glyph_widths[glyph] * scale
        for char, glyph in _char_to_glyph(data, tables["cmap"]).items()
        if glyph < glyph_count
    }
    if 0x20 in widths:  # a no-break space is as wide as a space
        widths[0xA0] = widths[0x20]
    elif 0xA0 in widths:
        widths[0x20] = widths[0xA0]
    return widths


def _tables(data: bytes) -> dict[str, int]:
    (count,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for i in range(count):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag.decode("latin-1")] = offset
    return tables


def _u16(data: bytes, offset: int) -> int:
    return struct.unpack_from(">H", data, offset)[0]


def _char_to_glyph(data: bytes, cmap: int) -> dict[int, int]:
    """The Unicode subtable the way reportlab picks it: the last Windows one, else a
    Unicode-platform one (formats 4 and 12, which every font of qbank/fonts uses)."""
    chosen = None
    for i in range(_u16(data, cmap + 2)):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if platform == 3 or (platform == 0 and encoding != 5 and chosen is None):
            chosen = cmap + offset
    if chosen is None:
        raise ValueError("the font has no Unicode cmap")
    fmt = _u16(data, chosen)
    mapping: dict[int, int] = {}
    if fmt == 4:
        segments = _u16(data, chosen + 6) // 2
        ends = struct.unpack_from(f">{segments}H", data, chosen + 14)
        starts = struct.unpack_from(f">{segments}H", data, chosen + 16 + 2 * segments)
        deltas = struct.unpack_from(f">{segments}h", data, chosen + 16 + 4 * segments)
        ranges_at = chosen + 16 + 6 * segments
        ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
        limit = chosen + _u16(data, chosen + 2)
        for n in range(segments):
            for char in range(starts[n], ends[n] + 1):
                if ranges[n] == 0:
                    glyph = (char + deltas[n]) & 0xFFFF
                else:
                    at = ranges_at + 2 * n + ranges[n] + 2 * (char - starts[n])
                    glyph = _u16(data, at) if at < limit else 0
                    glyph = (glyph + deltas[n]) & 0xFFFF if glyph else 0
                mapping[char] = glyph
    elif fmt == 12:
        (groups,) = struct.unpack_from(">I", data, chosen + 12)
        for n in range(groups):
            start, end, glyph = struct.unpack_from(">III", data, chosen + 16 + 12 * n)
            for char in range(start, end + 1):
                mapping[char] = glyph + char - start
    else:
        raise ValueError(f"cmap format {fmt} is not read")
    return mapping
