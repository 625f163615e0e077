"""Assemble the page from templates/html/: the skeleton, its style, its script, the data.

The Content-Security-Policy lets the page run only its own inline script and style, named
by their SHA-256 hashes computed here, and allows no request of any kind.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from qbank.contrast import css_colour_typo
from qbank.errors import QbankError, refusals
from qbank.exporters.html.data import bank_data, script_json
from qbank.exporters.html.words import PAGE_WORDS, WORDS_FILE, load_words, word
from qbank.model import Bank
from qbank.numbering import LABEL_KEY, label_word
from qbank.paths import Templates
from qbank.rubric import scale_labels
from qbank.text import and_list, did_you_mean, is_right_to_left

# @@NAME@@ in page.html: each at least once, the inlined style, script and data just once
SLOTS = ("LANG", "TITLE", "CSP", "STYLE", "SCRIPT", "DATA")
OPTIONAL_SLOTS = ("ORGANISATION", "DIR")  # a page.html of an older look may leave them out
ONCE = ("CSP", "STYLE", "SCRIPT", "DATA")
# @@name@@ in capitals is a slot; @@key@@ in small letters a word of html/words.toml
_SLOT = re.compile(r"@@([A-Za-z_]+)@@")
# what would end the element early, in the style and the script we inline
_CLOSERS = {
    "style.css": re.compile(r"</style|<!--", re.I),
    "app.js": re.compile(r"</script|<!--", re.I),
}
# a comment of the style beside one of these goes whole: nothing can join across it (CSS
# reads a comment as nothing at all, neither a blank nor a character)
_APART = frozenset("{}();:,[]")


def page_template(name: str, templates: Templates) -> str:
    """html/NAME of a build's look, checked: nothing in it may end its element early."""
    return _checked(name, templates.path(f"html/{name}"), templates.read(f"html/{name}"))


def template_problems(templates: Templates) -> list[str]:
    """What `page_template` refuses in each of the page's templates of the look."""
    names = ("page.html", "style.css", "app.js")
    return refusals(lambda name: page_template(name, templates), names)


@lru_cache(maxsize=16)
def _checked(name: str, path: Path, text: str) -> str:
    """The template `name`'s `text`, read from `path`, checked and as the page carries it:
    kept by its text, so that a process's builds check a look's files once (the style's
    comments taken out, the page's slots and policy: 4.5 ms a build of the built-in look).
    A template with a problem raises, and is checked again the next time."""
    original = text
    if name == "style.css":  # as the page carries it: a comment could hide a closer
        if typo := css_colour_typo(text):
            raise QbankError(f"{path}:{typo[0]}: {typo[1]}")
        text = without_comments(text)
    closer = _CLOSERS.get(name)
    if closer and (found := closer.search(text)):
        element = "style" if name == "style.css" else "script"
        raise QbankError(
            f"{path}{_line_of_closer(name, original, closer)}: {found.group()!r} would end the "
            f"page's <{element}> element early, and what follows would break the page: take it "
            f"out (the file needs no </{element}>, and no <!-- comment)"
        )
    if name == "page.html":
        found = _SLOT.findall(text)
        slots = [name for name in found if name.isupper()]
        for name in sorted(set(found) - set(slots)):
            kind = PAGE_WORDS.keys.get(name)
            if name == "language":
                raise QbankError(
                    f"{path}: @@language@@: `language` in {WORDS_FILE} is the page's language "
                    "tag, which the page sets itself; it is no word to show"
                )
            if kind is None:
                line = text.count("\n", 0, text.index(f"@@{name}@@")) + 1
                raise QbankError(
                    f"{path}:{line}: unknown word @@{name}@@ ({WORDS_FILE} has no key "
                    f"{name!r}{did_you_mean(name, PAGE_WORDS.keys)})"
                )
            if kind.placeholders:  # only the script fills them in
                said = ", ".join(f"{{{p}}}" for p in kind.placeholders)
                raise QbankError(
                    f"{path}: the word @@{name}@@ takes {said}, which only the page's script "
                    "fills in; use a word without braces here"
                )
        for slot in SLOTS:
            if slots.count(slot) != 1 and (slot in ONCE or slot not in slots):
                once = " exactly once" if slot in ONCE else ""
                raise QbankError(f"{path}: needs @@{slot}@@{once}")
        if unknown := sorted(set(slots) - set(SLOTS) - set(OPTIONAL_SLOTS)):
            raise QbankError(f"{path}: unknown slot @@{unknown[0]}@@")
        if _policy_in_force(text) != "@@CSP@@":
            raise QbankError(
                f"{path}: @@CSP@@ must be the content of a <meta http-equiv="
                '"Content-Security-Policy"> element in <head>, before anything but <meta> '
                "and <title> (not in a comment, nor another attribute): without it the page "
                "may fetch from anywhere"
            )
        if _refreshes(text):
            raise QbankError(
                f'{path}: a <meta http-equiv="refresh"> sends the page to another address, '
                "which the page's policy cannot stop; remove it"
            )
    return text


def _line_of_closer(name: str, original: str, closer: re.Pattern[str]) -> str:
    """':LINE' of the first closer in the `original` text of the template `name` that the
    page would carry, as an editor counts its lines (a style's comments are taken out, and
    the lines they leave blank: _checked looks in what is left), or '' for a closer made
    only by taking a comment out. The style's first line whose text up to it carries one
    is found by halving (more text never carries fewer), then the closer on it: taking the
    comments out of the text up to each closer took 6 minutes for 16,000 of them in
    comments, 190 KB (h42c's review)."""

    def carried(end: int) -> bool:
        return name != "style.css" or closer.search(without_comments(original[:end])) is not None

    ends = [found.end() for found in re.finditer("\n", original)] + [len(original)]
    low, high = 0, len(ends) - 1  # the index of the first line whose text up to its end does
    if not carried(ends[high]):
        return ""
    while low < high:
        middle = (low + high) // 2
        if carried(ends[middle]):
            high = middle
        else:
            low = middle + 1
    for found in closer.finditer(original, ends[low - 1] if low else 0):
        if found.start() >= ends[low] or carried(found.end()):
            return f":{original.count(chr(10), 0, found.start()) + 1}"
    return ""


# what may stand before the policy: elements of the head that fetch nothing
_BEFORE_POLICY = frozenset(("html", "head", "meta", "title"))


class _Policy(HTMLParser):
    """The content of the page's Content-Security-Policy <meta> element, if one comes
    before anything it governs (a comment is no element: its text is skipped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.policy: str | None = None
        self.governed = False  # a script, style, link or another element came first
        self.refresh = False  # a <meta http-equiv="refresh">, which no policy stops
        self.titled = False  # inside <title>, whose text is the head's

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # anything but the head's own elements: an <iframe>, <object>, <video> or <svg>'s
        # <image> ends the head, so a browser ignores the policy after it, and each fetched
        # its address (a hostile trial's look)
        if tag not in _BEFORE_POLICY and self.policy is None:
            self.governed = True
        self.titled = tag == "title" or self.titled
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta" and values.get("http-equiv", "").strip().lower() == "refresh":
            self.refresh = True
        if (
            tag == "meta"
            and values.get("http-equiv", "").lower() == "content-security-policy"
            and self.policy is None
            and not self.governed
        ):
            self.policy = values.get("content", "")

    def handle_endtag(self, tag: str) -> None:
        self.titled = self.titled and tag != "title"

    def handle_data(self, data: str) -> None:
        # text outside the title ends the head as an element does
        if data.strip() and not self.titled and self.policy is None:
            self.governed = True


# how much of a page the policy's reader takes at a time: the policy comes in <head>, so
# the reader stops at its first piece, where it read the whole page (a bank's 100 KB of
# data and the script: a fifth of check's time)
POLICY_PIECE = 4096


def _policy_in_force(page: str) -> str | None:
    """The content of the page's policy in force (`_Policy`), read up to where it is
    known: at the policy, or at what it would govern first."""
    parser = _Policy()
    for start in range(0, len(page), POLICY_PIECE):
        parser.feed(page[start : start + POLICY_PIECE])
        if parser.policy is not None or parser.governed:
            return parser.policy
    parser.close()
    return parser.policy


def _refreshes(page: str) -> bool:
    """Whether the page holds a <meta http-equiv="refresh"> anywhere (not in a comment):
    it loads another address, here or on the web, whatever the policy says."""
    parser = _Policy()
    parser.feed(page)
    parser.close()
    return parser.refresh


def without_comments(style: str) -> str:
    """The style as the page carries it: its comments, 2.7 KB of the built-in one, the
    lines they leave blank and each line's indentation taken out (the size budget's bytes
    go to what a learner uses).
    One pass, as CSS's tokenizer reads it: a string, an unquoted url() and an escaped
    character are no comment's start, and a comment left open runs to the end. The closers
    are looked for in what this gives (page_template): a comment inside '</' + '/**/style>'
    made a closer of the style once taken out (a hostile trial), and a regular expression
    took minutes over 300,000 unclosed '/*' (the same)."""
    kept: list[str] = []
    start = i = 0
    end = len(style)
    while i < end:
        char = style[i]
        if char == "\\":
            i += 2
        elif char in "\"'":  # a string ends at its quote, or at a line's end unescaped
            i += 1
            while i < end and style[i] not in (char, "\n"):
                # an escape, and '\\' before a line's end (CRLF one) carries the string on
                crlf = style.startswith("\\\r\n", i)
                i += 3 if crlf else 2 if style[i] == "\\" else 1
            i += 1
        elif char in "uU" and style[i : i + 4].lower() == "url(":
            i += 4
            while i < end and style[i] in " \t\n":
                i += 1
            if i < end and style[i] not in "\"'":  # unquoted: to its ')'
                close = style.find(")", i)
                i = end if close < 0 else close + 1
        elif style.startswith("/*", i):
            close = style.find("*/", i + 2)
            after = end if close < 0 else close + 2
            kept.append(style[start:i])
            before_char = style[i - 1] if i else " "
            after_char = style[after] if after < end else " "
            # elsewhere an empty comment stays: its neighbours would join as one token
            # ('0/**/auto' is two values, '0auto' one), and a blank would change a
            # selector ('a.b/**/.c' is one element, 'a.b .c' a descendant: a review)
            if not (
                before_char.isspace()
                or after_char.isspace()
                or before_char in _APART
                or after_char in _APART
            ):
                kept.append("/**/")
            start = i = after
        else:
            i += 1
    kept.append(style[start:])
    # a line's blanks at either end go (its indentation: 0.3 KB of the built-in style), but
    # an escaped one ('\\ ' at a line's end: without its blank, the backslash would escape
    # the line's end instead) and those after an escaped line's end, in a string
    lines = []
    for line in "".join(kept).split("\n"):
        if not (lines and lines[-1].rstrip("\r").endswith("\\")):
            line = line.lstrip(" \t")
        lines.append(line if line.rstrip(" \t").endswith("\\") else line.rstrip(" \t"))
    last = len(lines) - 1  # the first and the last stay: where the style starts and ends
    return "\n".join(line for n, line in enumerate(lines) if line or n in (0, last))


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(style: str, script: str) -> str:
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src {csp_hash(script)}",
            f"style-src {csp_hash(style)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def organisation_html(bank: Bank) -> str:
    """The organisation's name and logo above the title, or nothing; the name as text
    (escaped), the logo inlined as a data: URL, which the page's policy allows for images."""
    if not bank.organisation and bank.logo is None:
        return ""
    parts = []
    if bank.logo is not None:
        data = base64.b64encode(bank.logo.data).decode("ascii")
        alt = html.escape(bank.organisation, quote=True)
        parts.append(
            f'<img class="logo" src="data:image/{bank.logo.kind};base64,{data}" alt="{alt}" '
            f'width="{bank.logo.width}" height="{bank.logo.height}">'
        )
    if bank.organisation:
        parts.append(f'<span dir="auto">{html.escape(bank.organisation)}</span>')
    return f'<p class="organisation">{"".join(parts)}</p>'


def organisation_left_out(bank: Bank, templates: Templates) -> list[str]:
    """A warning when the look's page.html, copied before the study page showed the
    organisation, has no @@ORGANISATION@@ where the bank gives one or a logo: the page was
    built without them, and said nothing (an upgrade trial)."""
    text = page_template("page.html", templates)
    if not (bank.organisation or bank.logo) or "@@ORGANISATION@@" in text:
        return []
    shown = [f"the organisation {bank.organisation!r}"] if bank.organisation else []
    shown += ["the logo"] if bank.logo else []
    heading = next(
        (n for n, line in enumerate(text.split("\n"), 1) if "<h1" in line),
        None,
    )
    place = f"{templates.path('html/page.html')}" + (f":{heading}" if heading else "")
    return [
        f"{place}: warning: page.html has no @@ORGANISATION@@, so {and_list(shown)} "
        "is not on the study page; write @@ORGANISATION@@ on a line of its own above the "
        "page's heading, as the built-in page.html has it"
    ]


def render_page(bank: Bank, templates: Templates | None = None) -> str:
    """The whole page as text, in the look of `templates` (the built-in look when none is
    given). Slots and words are filled in one pass over the skeleton only, so no inserted
    text is ever read for slots again."""
    templates = templates or Templates()
    style = page_template("style.css", templates)
    script = page_template("app.js", templates)
    words = load_words(templates)
    data = bank_data(bank, scale_labels(bank, templates), label_word(words))
    # the page's words for app.js; the language and the labels' word are said in the data
    data["words"] = {k: v for k, v in words.items() if k not in ("language", LABEL_KEY)}
    values = {
        "LANG": html.escape(words["language"]),
        "DIR": "rtl" if is_right_to_left(words["language"]) else "ltr",
        "TITLE": html.escape(bank.title),
        "ORGANISATION": organisation_html(bank),
        "CSP": html.escape(content_security_policy(style, script)),
        "STYLE": style,
        "SCRIPT": script,
        "DATA": script_json(data),
    }
    page = _SLOT.sub(
        lambda m: (
            values[m.group(1)] if m.group(1).isupper() else html.escape(word(words, m.group(1)))
        ),
        page_template("page.html", templates),
    )
    if _policy_in_force(page) != content_security_policy(style, script):
        # the skeleton was checked; this is the last word on what a learner opens
        raise QbankError("html: the built page does not carry its content security policy")
    return page


def write_page(bank: Bank, path: Path, templates: Templates) -> None:
    path.write_text(render_page(bank, templates), encoding="utf-8", newline="\n")
