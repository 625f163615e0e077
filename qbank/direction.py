"""Right-to-left text in the PDFs: each line in the order it is read on paper.

reportlab draws a line's characters left to right in the order they come, and its own
bidirectional support needs rlbidi, which is not on PyPI. So the booklet's lines
(booklet.layout.Typesetter), the paragraphs (reportlab_fixes.Paragraph) and the one-line
strings of the canvas (pdf.FallbackCanvas) are put into visual order here, with the
Unicode bidirectional algorithm (UAX #9) of python-bidi: a Hebrew word is drawn from its
last letter to its first, a Latin word or a number inside it stays left to right. A text
runs right to left when its language is written so, else when its first strong character
is (UAX #9's P2 and P3), as on the study page and the deck; its levels are resolved line by line.
python-bidi's Python module is the one that gives each character's level; it follows the
algorithm before Unicode 6.3, without isolates and without bracket pairs, which are
resolved here (BD16 and N0, `_resolve_brackets`): without them 'len(x)' or 'O(1)' in a
Hebrew line printed as '(len(x' and '(O(1', its closing bracket turned and moved to the
far side of the Latin (a review). A reversed letter's marks (its points)
stay before it, as readers expect (reportlab_fixes.MarkedText puts them over it), and a
bracket at a right-to-left level is drawn as its mirror image. The PDF's text holds the
characters in the order drawn, which readers turn back into the bank's order as they copy.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from bidi import algorithm
from bidi.mirror import MIRRORED

from qbank.rich import Block, Paragraph, span_text, walk
from qbank.text import has_right_to_left, is_right_to_left


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


def visual_order(
    text: str, right_to_left: bool, code: frozenset[int] = frozenset()
) -> list[tuple[int, bool]]:
    """Each character of `text` (one line) in the order drawn, left to right: its place in
    `text` and whether it is drawn mirrored (a bracket at a right-to-left level). The
    line's direction is right to left with `right_to_left`. The characters at the places
    `code` holds are a code span's, which reads left to right as one piece (_as_code)."""
    storage = algorithm.get_empty_storage()
    storage["base_level"] = int(right_to_left)
    storage["base_dir"] = "R" if right_to_left else "L"
    algorithm.get_embedding_levels(_as_code(_as_read(text), code), storage)
    chars = storage["chars"]
    for n, char in enumerate(chars):
        char["at"] = n
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage, False)
    _resolve_brackets(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    chars = storage["chars"]
    return [
        (char["at"], bool(char["level"] % 2) and unicodedata.mirrored(text[char["at"]]) == 1)
        for char in chars
    ]


def _as_code(text: str, code: frozenset[int]) -> str:
    """`text` with each character of a code span (at the places `code` holds) that a
    left-to-right isolate of its own would set so as a letter written left to right,
    where the algorithm reads it: python-bidi has no isolates, and a span's closing quote,
    between it and Hebrew, went to the Hebrew's side ('(`ResultType != "0"`)' in a Hebrew
    line printed '("ResultType != "0)': a Hebrew panel's trial). A blank or a sign between
    two right-to-left letters stays theirs (N1), and a number after one stays a number
    (W7), so that a Hebrew string in code still reads from the right as a phrase; its
    letters may be in a font of their own (the code font has none), so the letters around
    are looked for on the whole line."""
    if not code:
        return text
    kinds = [_LETTER.get(unicodedata.bidirectional(c)) for c in text]
    before, last = [], "L"
    for kind in kinds:
        before.append(last)
        last = kind or last
    after, last = [""] * len(text), "L"
    for n in range(len(text) - 1, -1, -1):
        after[n] = last
        last = kinds[n] or last
    out = list(text)
    for n in code:
        number = unicodedata.bidirectional(text[n]) in ("EN", "AN")
        if kinds[n] is None and not (before[n] == "R" and (number or after[n] == "R")):
            out[n] = "a"
    return "".join(out)


_LETTER = {"L": "L", "R": "R", "AL": "R"}  # a strong character's direction


def visual_runs(
    pieces: list[str],
    right_to_left: bool,
    mirror: Callable[[int, str], str],
    code: Callable[[int], bool] | None = None,
) -> list[tuple[int, str]]:
    """`pieces` (the texts of one line, each in a style or font of its own, in the bank's
    order) as the runs drawn left to right: the index of the piece each run is of, and its
    characters in visual order; a character drawn mirrored as `mirror` (the piece's index,
    the character) gives it. `code`: whether a piece (by its index) is a code span's."""
    text = "".join(pieces)
    owner = [n for n, piece in enumerate(pieces) for _ in piece]
    spans = frozenset(at for at, n in enumerate(owner) if code and code(n))
    runs: list[tuple[int, list[str]]] = []
    for at, mirrored in visual_order(text, right_to_left, spans):
        char = mirror(owner[at], text[at]) if mirrored else text[at]
        if runs and runs[-1][0] == owner[at]:
            runs[-1][1].append(char)
        else:
            runs.append((owner[at], [char]))
    return [(n, "".join(chars)) for n, chars in runs]


_MOST_OPEN = 63  # BD16's stack of open brackets: a deeper line pairs no more


def _bracket_pairs(chars: list[dict]) -> list[tuple[int, int]]:
    """The bracket pairs of a level run's characters (BD16): each opening bracket with the
    closing one that matches it, neither of them in a pair inside the other's."""
    pairs, open_ = [], []
    for n, char in enumerate(chars):
        if char["orig"] != "ON" or char["type"] != "ON":
            continue
        kind = unicodedata.category(char["ch"])
        if kind == "Ps" and char["ch"] in MIRRORED:
            if len(open_) == _MOST_OPEN:
                break
            open_.append((MIRRORED[char["ch"]], n))
        elif kind == "Pe":
            for depth in range(len(open_) - 1, -1, -1):
                if open_[depth][0] == char["ch"]:
                    pairs.append((open_[depth][1], n))
                    del open_[depth:]
                    break
    return sorted(pairs)


def _strong(bidi_type: str) -> str | None:
    """The direction a resolved type counts as for a bracket pair (N0): a number as R."""
    return "L" if bidi_type == "L" else "R" if bidi_type in ("R", "EN", "AN") else None


def _resolve_brackets(storage: dict) -> None:
    """N0 of the bidirectional algorithm: a bracket pair takes the direction of the text it
    holds where that is its run's own, else of the text before it where that agrees, so
    both of a pair face the same way ('len(x)' whole in a Hebrew line)."""
    for run in storage["runs"]:
        chars = storage["chars"][run["start"] : run["start"] + run["length"]]
        for opening, closing in _bracket_pairs(chars):
            own = "R" if chars[opening]["level"] % 2 else "L"
            inside = {_strong(c["type"]) for c in chars[opening + 1 : closing]} - {None}
            if not inside:
                continue
            if own not in inside:
                before = (_strong(c["type"]) for c in reversed(chars[:opening]))
                if next((t for t in before if t), run["sor"]) != own:
                    own = "R" if own == "L" else "L"
            chars[opening]["type"] = chars[closing]["type"] = own


# UAX #9's explicit formatting characters: what opens an embedding or override (LRE, RLE,
# LRO, RLO), what opens an isolate (LRI, RLI, FSI), and what closes each (PDF, PDI)
_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")
_ISOLATES = frozenset("\u2066\u2067\u2068")
_POP_EMBEDDING, _POP_ISOLATE = "\u202c", "\u2069"
_OPENING = re.compile(f"[{''.join(sorted(_EMBEDDINGS | _ISOLATES))}]")


def contained(text: str, right_to_left: bool | None = None) -> str:
    """`text` (a line someone typed: a name, a line of a note) with the embeddings,
    overrides and isolates it leaves open closed at its end (a PDF or a PDI each, as UAX #9
    matches them), so that it turns only itself, as it did where it was typed; and where it
    opened an embedding or override, a mark of its paragraph's direction (right to left
    with `right_to_left`; none where None) after it: the text after a closed override
    still starts at the override's level (UAX #9, X10's sos), and a number and the blanks
    before it were read with it. A packet's interviewer named 'Alan<U+202E>Turing' turned
    the rest of the debrief's rating line too, '3 Solid' read 'diloS 3', and a note's line
    the lines under it (Word runs a paragraph's line breaks as one text; a hostile trial).
    Every character typed is kept."""
    if not _OPENING.search(text):
        return text  # the common case, at C's speed
    stack: list[str] = []
    embedded = False
    for char in text:
        if char in _EMBEDDINGS or char in _ISOLATES:
            stack.append(char)
            embedded = embedded or char in _EMBEDDINGS
        elif char == _POP_EMBEDDING and stack and stack[-1] in _EMBEDDINGS:
            stack.pop()  # a PDF closes no isolate, nor what is opened outside it
        elif char == _POP_ISOLATE and any(c in _ISOLATES for c in stack):
            while stack.pop() not in _ISOLATES:
                pass  # a PDI closes its isolate and what was left open inside it
    closers = "".join(_POP_ISOLATE if c in _ISOLATES else _POP_EMBEDDING for c in reversed(stack))
    mark = _MARKS[right_to_left] if embedded and right_to_left is not None else ""
    return text + closers + mark


def contained_lines(text: str, right_to_left: bool | None = None) -> str:
    """`text`, each of its lines `contained`."""
    return "\n".join(contained(line, right_to_left) for line in text.split("\n"))


# the marks that close a name in a paragraph that runs the other way (UAX #9's LRM and RLM)
_MARKS = {False: "\u200e", True: "\u200f"}


def closed(text: str, right_to_left: bool) -> str:
    """`text` (a name, or names with their scores) with a mark of its paragraph's direction
    (right to left with `right_to_left`) after each letter that runs against it where no
    other letter follows before a number or the text's end: a number after a name joined
    it, 'Grace Hopper · 4' one run in a Hebrew line, read from the right as '4 · Grace
    Hopper' apart from its label, and in an English line 'דנה כהן 3, יוסי לוי 4' read the
    two names in the wrong order, each score beside the other's name."""
    against = ("L",) if right_to_left else ("R", "AL")
    out: list[str] = []
    upcoming = ""  # the kind of the next letter or number after the character at hand
    for char in reversed(text):
        kind = unicodedata.bidirectional(char)
        if kind in against and upcoming in ("", "EN", "AN"):
            out.append(_MARKS[right_to_left])
        out.append(char)
        if kind in ("L", "R", "AL", "EN", "AN"):
            upcoming = kind
    return "".join(reversed(out))


def item_right_to_left(item: tuple[Block, ...], language: str) -> bool:
    """Whether a list item (its blocks) is set right to left, its bullet or number on the
    right (as Chromium draws `<ul dir="rtl">`): as its first paragraph is, when that holds
    right-to-left text, in a language written so or from a right-to-left first letter;
    an item without a paragraph as the language is written."""
    first = next((b for b in walk(item) if isinstance(b, Paragraph)), None)
    if first is None:
        return is_right_to_left(language)
    return runs_right_to_left(span_text(first.spans), language)


def runs_right_to_left(text: str, language: str) -> bool:
    """Whether a paragraph of `text` in `language` runs right to left: when it holds a
    right-to-left letter and its language is written so, or its first letter is such."""
    return has_right_to_left(text) and (is_right_to_left(language) or starts_right_to_left(text))
