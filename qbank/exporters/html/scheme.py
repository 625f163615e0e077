"""Whether the study page's text can be read in the colours of its style.css: a look that
set `--accent: #FFEE88` put the primary button's white label on a pale band, and pale
links on white, and the build said nothing.

The colours are the custom properties of style.css's `:root` blocks (`--fg: #1f2328;`),
one block a scheme: the top one, and each inside an `@media` (the dark scheme, print),
whose properties stand over the top one's as the cascade has it. Each pair of TEXT_ON is
measured as the theme's colours are (look.contrast_warnings): at 1rem, text needs 4.5:1.
Colours written otherwise (rgb(), names) are not measured; the browser tests check the
built-in page whole (axe).
"""

from __future__ import annotations

import re

from qbank import look
from qbank.look import Ink, Keys
from qbank.paths import Templates

STYLE = "html/style.css"
# the text style.css draws: its colour's property, the property of what it stands on, and
# what it is. A warning stands at the text's colour, or at the ground's where the text
# reads on the page (--bg); a primary button's label, at the button's.
TEXT_ON = (
    ("--fg", "--bg", "the text"),
    ("--muted", "--bg", "muted text"),
    ("--accent", "--bg", "links"),
    ("--on-accent", "--accent", "a primary button's label"),
    ("--fg", "--surface", "a panel's text"),
    ("--muted", "--surface", "a panel's muted text"),
    ("--fg", "--code-bg", "code"),
    ("--again", "--bg", "the 'again' rating"),
    ("--hard", "--bg", "the 'hard' rating"),
    ("--good", "--bg", "the 'good' rating"),
    ("--danger", "--bg", "errors and the reset button"),
    *(
        (f"--tok-{token}", "--code-bg", f"code's {token}s")
        for token in ("keyword", "string", "comment", "number", "name")
    ),
)
LABEL = "--on-accent"  # set to suit its button's colour, never the page's
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_DECLARATION = re.compile(r"(--[A-Za-z0-9_-]+)\s*:\s*([^;{}]*?)\s*(?=[;}]|$)")
_SAID = {"dark": "in the dark scheme", "print": "in print"}


def contrast_warnings(templates: Templates) -> list[str]:
    """`FILE:LINE: warning: ...` for each colour of the look's style.css that text is
    drawn in, or on, with too little contrast, in each scheme."""
    path = templates.path(STYLE)
    found, lines = _schemes(templates.read(STYLE))
    inks = [
        Ink(
            (scheme, ink),
            what,
            (scheme, ground),
            blame_ground=True if ink == LABEL else None,
            paper=(scheme, "--bg"),
        )
        for scheme in found
        for ink, ground, what in TEXT_ON
    ]
    return [
        f"{path}:{lines.get(problem.keys, lines.get(('', problem.keys[1])))}: warning: {problem}"
        for problem in look.contrast_warnings(found, inks, _named)
    ]


def _named(keys: Keys) -> str:
    scheme, name = keys
    return f"{name} {_SAID.get(str(scheme), f'in {scheme}')}" if scheme else str(name)


def _scheme(media: list[str]) -> str:
    """The scheme a `:root` block inside these `@media` blocks sets: '' (the page's own),
    'dark', 'print', or the media as written."""
    said = " ".join(media)
    if "prefers-color-scheme:dark" in said.replace(" ", "").lower():
        return "dark"
    return "print" if said.lower() == "@media print" else said


def _schemes(text: str) -> tuple[dict[str, dict[str, str]], dict[Keys, int]]:
    """Each scheme's custom properties, by the `@media` it stands in ('' for none), and the
    line each is set on. A light scan: braces in a string would mislead it."""
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
            if prelude == ":root":
                scheme = _scheme([p for p, _ in opened])
                for declared in _DECLARATION.finditer(text, body, brace.start()):
                    own.setdefault(scheme, {})[declared[1]] = declared[2]
                    lines[(scheme, declared[1])] = text.count("\n", 0, declared.start()) + 1
        start = brace.end()
    top = own.get("", {})
    return {scheme: {**top, **values} for scheme, values in own.items()}, lines
