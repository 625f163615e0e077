"""Right-to-left text in the PDFs: each line in the order it is read on paper.

reportlab draws a line's characters left to right in the order they come, and its own
bidirectional support needs rlbidi, which is not on PyPI. So the booklet's lines
(booklet.layout.Typesetter), the paragraphs (reportlab_fixes.Paragraph) and the one-line
strings of the canvas (pdf.FallbackCanvas) are put into visual order here, with the
Unicode bidirectional algorithm (UAX #9) of python-bidi: a Hebrew word is drawn from its
last letter to its first, a Latin word or a number inside it stays left to right. A text
runs right to left when its language is written so, else when its first strong character
is (UAX #9's P2 and P3: the deck's dir="auto"); its levels are resolved line by line.
python-bidi's Python module is the one that gives each character's level; it follows the
algorithm before Unicode 6.3, without bracket pairs (BD16) and isolates: '[a] b' opening a
right-to-left line has its brackets turned apart. A reversed letter's marks (its points)
stay before it, as readers expect (reportlab_fixes.MarkedText puts them over it), and a
bracket at a right-to-left level is drawn as its mirror image. The PDF's text holds the
characters in the order drawn, which readers turn back into the bank's order as they copy.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from bidi import algorithm

# the strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, N'Ko ... and their
# presentation forms): a text without one is drawn as it comes, and costs one search
RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\u200f\u202b\u202e\u2067\ufb1d-\ufdff\ufe70-\ufefc"
    "\U00010800-\U00010fff\U0001e800-\U0001efff\U0010fb50-\U0010fefc]"
)


def has_right_to_left(text: str) -> bool:
    """Whether `text` holds a character written right to left."""
    return not text.isascii() and RIGHT_TO_LEFT.search(text) is not None


def starts_right_to_left(text: str) -> bool:
    """Whether the first strong character of `text` is one written right to left (P2)."""
    return algorithm.get_base_level(_as_read(text)) == 1


def _as_read(text: str) -> str:
    """`text` with each stand-in (shaping.py's Arabic forms, reportlab_fixes' blanks) as
    the character it stands for, whose direction the algorithm knows: a stand-in is a
    private character, taken as written left to right."""
    if max(text, default="\0") < "\U000f0000":
        return text
    return "".join(chr(ord(c) & 0xFFFF) if c >= "\U000f0000" else c for c in text)


def visual_order(text: str, right_to_left: bool) -> list[tuple[int, bool]]:
    """Each character of `text` (one line) in the order drawn, left to right: its place in
    `text` and whether it is drawn mirrored (a bracket at a right-to-left level). The
    line's direction is right to left with `right_to_left`."""
    storage = algorithm.get_empty_storage()
    storage["base_level"] = int(right_to_left)
    storage["base_dir"] = "R" if right_to_left else "L"
    algorithm.get_embedding_levels(_as_read(text), storage)
    chars = storage["chars"]
    for n, char in enumerate(chars):
        char["at"] = n
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    chars = storage["chars"]
    return [
        (char["at"], bool(char["level"] % 2) and unicodedata.mirrored(text[char["at"]]) == 1)
        for char in chars
    ]


def visual_runs(
    pieces: list[str], right_to_left: bool, mirror: Callable[[int, str], str]
) -> list[tuple[int, str]]:
    """`pieces` (the texts of one line, each in a style or font of its own, in the bank's
    order) as the runs drawn left to right: the index of the piece each run is of, and its
    characters in visual order; a character drawn mirrored as `mirror` (the piece's index,
    the character) gives it."""
    text = "".join(pieces)
    owner = [n for n, piece in enumerate(pieces) for _ in piece]
    runs: list[tuple[int, list[str]]] = []
    for at, mirrored in visual_order(text, right_to_left):
        char = mirror(owner[at], text[at]) if mirrored else text[at]
        if runs and runs[-1][0] == owner[at]:
            runs[-1][1].append(char)
        else:
            runs.append((owner[at], [char]))
    return [(n, "".join(chars)) for n, chars in runs]
