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

from qbank import stylesheet
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


def contrast_warnings(templates: Templates) -> list[str]:
    """`FILE:LINE: warning: ...` for each colour of the look's style.css that text is
    drawn in, or on, with too little contrast, in each scheme."""
    return stylesheet.contrast_warnings(templates, STYLE, TEXT_ON, _scheme, LABEL)


def _scheme(prelude: str, media: list[str]) -> str | None:
    """The scheme a `:root` block inside these `@media` blocks sets: '' (the page's own),
    'dark', 'print', or the media as written; None for another block."""
    if prelude != ":root":
        return None
    said = " ".join(media)
    if "prefers-color-scheme:dark" in said.replace(" ", "").lower():
        return "dark"
    return "print" if said.lower() == "@media print" else said
