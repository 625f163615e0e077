"""Whether text can be read in the colours of a look's style sheet (the study page's
html/style.css, the deck's anki/style.css): a look that set `--accent: #FFEE88` put the
primary button's white label on a pale band, and pale links on white, and the build said
nothing.

The colours are custom properties (`--fg: #1f2328;`) of the blocks a sheet sets them in,
one block a scheme (the page's `:root`, and the same inside `@media` for the dark scheme
and print; a card's `.card`, and `.card.nightMode` at night), whose properties stand over
the page's own as the cascade has it. Each pair the sheet's reader names (`text_on`: text's
colour, what it stands on, and what it is) is measured as the theme's colours are
(look.contrast_warnings): at 1rem, text needs 4.5:1. Colours written otherwise (rgb(),
names) are not measured.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from qbank import look
from qbank.look import Ink, Keys
from qbank.paths import Templates

# what a block sets, from its selector and the @media blocks it stands in: a scheme's name
# ('' for the page's own, 'dark', 'print'), or None for a block that sets none
BlockScheme = Callable[[str, list[str]], str | None]
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_DECLARATION = re.compile(r"(--[A-Za-z0-9_-]+)\s*:\s*([^;{}]*?)\s*(?=[;}]|$)")
_SAID = {"dark": "in the dark scheme", "print": "in print"}


def contrast_warnings(
    templates: Templates,
    name: str,
    text_on: Sequence[tuple[str, str, str]],
    block_scheme: BlockScheme,
    label: str = "",
) -> list[str]:
    """`FILE:LINE: warning: ...` for each colour of the look's style sheet `name` that text
    is drawn in, or on, with too little contrast, in each scheme. A warning stands at the
    text's colour, or at the ground's where the text reads on the page (the first pair's
    ground); the `label` colour's (a button's label), at the button's."""
    path = str(templates.path(name))
    said = _warnings(path, templates.read(name), tuple(text_on), block_scheme, label)
    return list(said)


# kept by the sheet's text: a build and a check read the same sheets, each 0.7 ms to scan
@lru_cache(maxsize=16)
def _warnings(
    path: str,
    text: str,
    text_on: tuple[tuple[str, str, str], ...],
    block_scheme: BlockScheme,
    label: str,
) -> tuple[str, ...]:
    found, lines = _schemes(text, block_scheme)
    page = text_on[0][1]
    inks = [
        Ink(
            (scheme, ink),
            what,
            (scheme, ground),
            blame_ground=True if ink == label else None,
            paper=(scheme, page),
        )
        for scheme in found
        for ink, ground, what in text_on
    ]
    return tuple(
        f"{path}:{lines.get(problem.keys, lines.get(('', problem.keys[1])))}: warning: {problem}"
        for problem in look.contrast_warnings(found, inks, _named)
    )


def _named(keys: Keys) -> str:
    scheme, name = keys
    return f"{name} {_SAID.get(str(scheme), f'in {scheme}')}" if scheme else str(name)


def _schemes(
    text: str, block_scheme: BlockScheme
) -> tuple[dict[str, dict[str, str]], dict[Keys, int]]:
    """Each scheme's custom properties, by the block they stand in, and the line each is
    set on. A light scan: braces in a string would mislead it."""
    text = _COMMENT.sub(lambda comment: re.sub(r"[^\n]", " ", comment.group()), text)
    own: dict[str, dict[str, str]] = {}
    lines: dict[Keys, int] = {}
    opened: list[tuple[str, int]] = []  # each open block's prelude, and where its body starts
    start = 0
    for brace in re.finditer(r"[{}]", text):
        if brace.group() == "{":
            prelude = re.split(r"[;{}]", text[start : brace.start()])[-1]
            opened.append((" ".join(prelude.split()), brace.end()))
        elif opened:
            prelude, body = opened.pop()
            scheme = block_scheme(prelude, [p for p, _ in opened])
            if scheme is not None:
                for declared in _DECLARATION.finditer(text, body, brace.start()):
                    own.setdefault(scheme, {})[declared[1]] = declared[2]
                    lines[(scheme, declared[1])] = text.count("\n", 0, declared.start()) + 1
        start = brace.end()
    top = own.get("", {})
    return {scheme: {**top, **values} for scheme, values in own.items()}, lines


def brace_warnings(templates: Templates, name: str) -> list[str]:
    """`FILE:LINE: warning: ...` at the first brace of the look's style sheet `name` that
    no brace matches. The build goes on, but a browser then reads the rules after an open
    '{' as inside its block, and drops a rule after a '}' too many: a look's 'body {{' left
    the study page in the browser's font and black, and the build said nothing (a
    designer's trial)."""
    return list(_brace_warnings(str(templates.path(name)), templates.read(name)))


@lru_cache(maxsize=16)
def _brace_warnings(path: str, text: str) -> tuple[str, ...]:
    opened: list[int] = []  # where each open block's '{' stands
    closed = -1  # where the last '}' that closed an outermost block stands
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char == "\\":  # an escaped character is no brace, quote nor comment
            i += 2
            continue
        if text.startswith("/*", i):
            close = text.find("*/", i + 2)
            i = end if close < 0 else close + 2
            continue
        if char in "\"'":  # a string ends at its quote, or at its line's end
            i += 1
            while i < end and text[i] not in (char, "\n"):
                i += 2 if text[i] == "\\" else 1
        elif char == "{":
            opened.append(i)
        elif char == "}":
            if not opened:
                ended = _line(text, closed)
                before = f" (the block before it ends at line {ended})" if closed >= 0 else ""
                return (
                    f"{path}:{_line(text, i)}: warning: this '}}' closes no '{{'{before}, and a "
                    "browser leaves out the rule after it: take out the one too many",
                )
            opened.pop()
            if not opened:
                closed = i
        i += 1
    if opened:
        return (
            f"{path}:{_line(text, opened[0])}: warning: this '{{' is never closed, and a "
            "browser reads every rule after it as inside its block, so they may not apply: "
            "close it with '}' where its rule ends",
        )
    return ()


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1
