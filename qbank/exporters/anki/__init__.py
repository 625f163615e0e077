"""The Anki deck: one note per question, in a sub-deck per section, written with genanki.

What lets a corrected bank update the cards already in a learner's collection:
- a note's GUID comes from the bank's file name and the question id, never from its text;
- the note type and the decks have ids derived from fixed names, the same in every build;
- a note changed since the deck built before at the same path carries the build's time
  (SOURCE_DATE_EPOCH, else the latest mtime of the bank file, its pictures and the look's
  own files the deck is made of) as its modification time, and an unchanged one the date
  it had there (dates.py); the note type likewise. Anki takes an incoming note, and its
  note type's style, only when it is newer, so a learner's own tags and edits stay on
  every note the author did not change.

The note type's schema is frozen as the last release shipped it: name "qbank question v1", the
same id, the 8 fields of `FIELDS` in that order, the one card template's name. Anki compares a
schema on import: with its default options (merge note types off) a deck whose schema differs
updates no note at all; measured with the `anki` package, a deck that added one field gave
"conflict 50, updated 0" and a second note type. New content goes inside an existing field (the
sources are in the Note field); template text and CSS may change freely, since Anki takes them
with the next newer deck. A field that truly must be added needs a note type and a deck of
their own, and a migration note telling learners what happens to the old cards.

A two-way deck (--reverse) is that deck and a reverse card for each question whose two
sides are short lines (`reverse`): a note of a note type of its own ("qbank reverse v1",
its id and its one card template, reverse-front.html and reverse-back.html), with the
question's fields and an identity of its own. Its question's note stays as the one-way
deck has it, so either deck imported after the other updates the question's card in
place, its reviews kept, and adds or keeps the reverse card (measured with the `anki`
package). The reverse card is not the question note's second card, as Anki's "Basic (and
reversed card)" makes it: that second template would change the schema of "qbank question
v1", and a note type of its own under the same GUIDs was "conflict" for every note of a
one-way deck imported before. So Anki does not bury the two as siblings (off by default);
a reverse card comes new some way after its question's card instead (reverse.REVERSE_LAG).

Because Anki keeps the note type of whichever deck came last, every bank's note type is the
same: style.css, whatever the bank's markup. What only Markdown texts need (code, quotes,
pictures: rich.css) travels as a media file of the deck, "_qbank-rich-<hash>.css", linked from
each field that shows such a block. A plain deck imported after a Markdown one therefore
leaves its code styled, and a plain bank's deck is what it was before Markdown existed. Anki
keeps media files whose names start with "_" (its manual's advice for fonts and styles), so
"Check Media" never calls the file unused.
"""

from __future__ import annotations

import functools
import hashlib
import html
import itertools
import json
import re
import sqlite3
import zipfile
from collections import Counter
from collections.abc import Callable, Mapping
from contextlib import closing
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import chevron
import genanki

from qbank import look, rich_html, stylesheet
from qbank.contrast import css_colour_typo
from qbank.errors import SAID_OF_A_KIND, QbankError, refusals
from qbank.exporters import Exporter, Job, Option
from qbank.exporters.anki.changes import learners_to_tell
from qbank.exporters.anki.dates import Dates, earlier_dates, keep_dates
from qbank.exporters.anki.reverse import one_way_reason, prompt_key, reverse_position
from qbank.exporters.html.page import without_comments
from qbank.model import Bank, Question, Section
from qbank.numbering import label_word, question_label
from qbank.paths import Templates
from qbank.reproducible import ZIP_LATEST, pinned_entry
from qbank.rich import Picture
from qbank.rubric import scale_labels
from qbank.text import (
    ADDRESS_WORD,
    HEADING_ROLE,
    NO_BREAK,
    NUMBER_RANGE,
    address_html,
    anki_name,
    anki_tag,
    anki_tag_path,
    kept_spaces,
    markup_text,
    may_keep_spaces,
    shows_nothing,
    to_html,
)

# the schema learners' collections hold since the first release; see the module's docstring
NOTE_TYPE_NAME = "qbank question v1"
FIELDS = ("Question", "Hint", "Number", "Section", "TagList", "Note", "LookFor", "Id")
CARD_NAME = "Question"
# The seconds a deck's notes and note type are dated after the bank's time: one more for
# each qbank that says an unchanged bank otherwise in them (the Note field's headings, the
# card's templates and style). Anki takes a note only when it is newer, so a deck that an
# upgraded qbank built of the same bank updated nothing: the learner kept the earlier
# release's cards (an upgrade trial). Raise it with every such change (test_anki's
# fingerprint of every field and every kind of text says when).
EDITION = 28
# the note type's files; rich.css goes with the deck as a media file (see the docstring)
TEMPLATE_FILES = ("front.html", "back.html", "style.css")
RICH_STYLE = "rich.css"
# the reverse cards' note type (--reverse; see the docstring), and its card template's files
REVERSE_NOTE_TYPE_NAME = "qbank reverse v1"
REVERSE_CARD_NAME = "Reverse"
REVERSE_FILES = ("reverse-front.html", "reverse-back.html")
REVERSE_NAME = "two-way"  # the word its file's name adds: <bank>-two-way.apkg
# the card templates that must name a field for Anki to make a card
FRONTS = ("front.html", "reverse-front.html")
STYLE = "anki/style.css"
# the text style.css draws: its colour's property, what it stands on, and what it is
TEXT_ON = (
    ("--qb-text", "--qb-background", "the text"),
    ("--qb-muted", "--qb-background", "the card's section and sources"),
    ("--qb-accent", "--qb-background", "the card's number and links"),
    ("--qb-text", "--qb-panel", "the text of the follow-ups, note and look-for panels"),
    ("--qb-muted", "--qb-panel", "a panel's heading"),
)
# what rich.css styles: a field holding one of these links the style sheet (a quote of a
# right-to-left bank says its direction, <blockquote dir="rtl">)
_NEEDS_RICH_STYLE = re.compile(
    r'<figure class="qb-code"|<blockquote[ >]|<img class="qb-picture"|<a href='
    r'|<div class="qb-table"'
)


def _card_scheme(prelude: str, media: list[str]) -> str | None:
    """The scheme a block of style.css sets its colours for: '' for a card's own (`.card`),
    'dark' for night mode (`.card.nightMode, ...`), None for another block. The deck's
    amber accent on white was never measured (a brand trial), where the study page's
    was."""
    if media:
        return None
    if prelude == ".card":
        return ""
    return "dark" if "nightmode" in prelude.replace("_", "").lower() else None


def stable_id(*names: str) -> int:
    """An id for Anki from fixed names: the same in every build, in genanki's usual range."""
    digest = hashlib.sha256("\x1f".join(names).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def note_type(templates: Templates | None = None) -> genanki.Model:
    """The note type, with the card templates of a build's look (anki/ of `templates`; the
    built-in look when none is given). One for every bank, plain or Markdown: its style is
    style.css alone, so no deck imported later takes another bank's look away."""
    templates = templates or Templates()
    texts = {name: _template(templates, name) for name in TEMPLATE_FILES}
    return _note_type(texts["front.html"], texts["back.html"], texts["style.css"])


def reverse_note_type(templates: Templates | None = None) -> genanki.Model:
    """The reverse cards' note type (--reverse), with the card templates of a build's look:
    the fields of `FIELDS`, the question's card's style."""
    templates = templates or Templates()
    texts = {name: _template(templates, name) for name in (*REVERSE_FILES, "style.css")}
    return _note_type(
        texts["reverse-front.html"],
        texts["reverse-back.html"],
        texts["style.css"],
        REVERSE_NOTE_TYPE_NAME,
        REVERSE_CARD_NAME,
    )


def template_problems(templates: Templates) -> list[str]:
    """What `_template` refuses in each of the look's card templates and style sheets."""
    return refusals(
        lambda name: _template(templates, name), (*TEMPLATE_FILES, *REVERSE_FILES, RICH_STYLE)
    )


def rich_style(templates: Templates | None = None) -> tuple[str, bytes]:
    """rich.css of a build's look as the deck's media file: its name, from a hash of its
    bytes (a changed look is a new file, never one that other decks' cards already use),
    and the bytes."""
    data = _template(templates or Templates(), RICH_STYLE).encode("utf-8")
    return f"_qbank-rich-{hashlib.sha256(data).hexdigest()[:16]}.css", data


# the Sources field of the note type of 30 Nov (v2), which the released one (v1) has not:
# a question's sources are in its Note, so a card of a look copied then showed them there
# and its Sources part, empty, showed nothing; Anki refuses a card naming no field
_SOURCES_FIELD = re.compile(
    r"\{\{\s*#\s*Sources\s*\}\}.*?\{\{\s*/\s*Sources\s*\}\}|\{\{\s*Sources\s*\}\}", re.DOTALL
)


def _template(templates: Templates, name: str) -> str:
    """anki/`name` of the look, refused with its line when Anki could not use it; a part
    for the Sources field of 30 Nov is left out (`sources_warnings` says so)."""
    text = templates.read(f"anki/{name}")
    if name.endswith(".html"):
        text = _SOURCES_FIELD.sub("", text)
    problem = template_problem(name, text)
    if problem:
        line, message = problem
        where = templates.path(f"anki/{name}")
        raise QbankError(f"{where}:{line}: {message}" if line else f"{where}: {message}")
    return text


# what Anki fills in beside a note's own fields (its manual's "Special Fields")
ANKI_SPECIAL_FIELDS = ("FrontSide", "Tags", "Type", "Deck", "Subdeck", "CardFlag", "Card")
# a field as a card template names it: {{Question}}, {{#Hint}}, {{text:Note}}, {{^Id}},
# {{tts en_US:Hint}}; the field's name is what follows the last colon, whatever its
# characters, as Anki reads it: {{Look-For}} passed the check and each card then showed
# Anki's "there is no field called 'Look-For'" instead of its back (a look's trial). The
# tag is found by its braces and its name read by _field_name: one expression with blanks
# allowed on each side of the name tried every split of a tag's blanks, 10 s for a tag of
# 200 spaces and a stray brace (a review)
_FIELD_TAG = re.compile(r"\{\{([^{}]*)\}\}")


def _field_name(tag: re.Match[str]) -> str:
    """The field a template's tag (_FIELD_TAG) names: what follows its last colon
    ({{text:Note}}, {{tts en_US:Hint}}), else what follows its section's mark ({{#Hint}}),
    without the blanks around it."""
    inside = tag[1]
    if ":" in inside:
        return inside.rsplit(":", 1)[1].strip()
    inside = inside.strip()
    return (inside[1:] if inside[:1] in ("#", "^", "/") else inside).strip()


# what would make Anki fetch from the network as a card shows: Anki has no CSP, so a
# template copied from the web could send every review to a stranger's server
_REMOTE = re.compile(
    r"""(?:\b(?:src|href|srcset|action|poster|data)\s*=\s*["']?\s*|url\(\s*["']?\s*|@import\s+["']?\s*)"""
    r"(?:https?:|//|ftp:|wss?:)",
    re.IGNORECASE,
)


# the same as the browser reads it: an address anywhere in an attribute (srcset's second
# picture, a refresh's url=), a CSS string (image-set("https:...")), or after one of these;
# and a script, which can make any address (a hostile trial: each of these fetched in
# Chromium, as Anki's reviewer is, and a script sent the card's text away)
_ADDRESS = re.compile(r"""(?:\b(?:https?|ftp|wss?):|(?:[=("',]|url=)\s*//)""", re.IGNORECASE)
# an on...= handler is an attribute of its own: 'data-online=' or 'x:onclick=' is none
_SCRIPT = re.compile(
    r"""<script\b|(?<![\w\-.:])on[a-z]+\s*=|\bjavascript:|\bexpression\s*\(""", re.IGNORECASE
)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\f]?|(.))")


def _as_read(line: str) -> str:
    """A template's line with its character references (&#104;) and CSS escapes (\\68)
    undone, as Anki's browser reads the address they spell."""
    line = html.unescape(line)
    return _CSS_ESCAPE.sub(
        lambda m: chr(min(int(m[1], 16), 0x10FFFF) or 0xFFFD) if m[1] else m[2], line
    )


def _reaches_out(text: str) -> tuple[int, str] | None:
    """The line and the words of the first part of a card template that would contact a
    server or run a script as a card shows, or None."""
    remote = _REMOTE.search(text)
    if remote:
        return _line(text, remote), (
            f"a remote address ({remote.group().strip()}...): Anki has no "
            "content security policy, so each card shown would contact that server; "
            "put the file in the deck's media or leave it out"
        )
    for number, line in enumerate(text.splitlines(), 1):
        seen = _as_read(line)
        if found := _SCRIPT.search(seen):
            return number, (
                f"a script ({found.group().strip()}...): Anki has no content security "
                "policy, so a card's script could send what it shows to any server; qbank's "
                "cards need none, so leave it out"
            )
        if found := _REMOTE.search(seen) or _ADDRESS.search(seen):
            return number, (
                f"a remote address ({found.group().strip()}...), as Anki reads it: Anki "
                "has no content security policy, so each card shown would contact that "
                "server; put the file in the deck's media or leave it out"
            )
    return None


def _style_reaches_out(style: str) -> tuple[int, str] | None:
    """_reaches_out of a style sheet as a browser reads it, its comments left out (html.
    page.without_comments): a designer's note of the brand guide's address fetches nothing,
    and refused the deck (a review). At the first line whose style up to it reaches out."""
    if _reaches_out(without_comments(style)) is None:
        return None
    lines = style.splitlines(keepends=True)
    low, high = 1, len(lines)  # more lines never reach out less: the first that does
    while low < high:
        middle = (low + high) // 2
        if _reaches_out(without_comments("".join(lines[:middle]))) is None:
            low = middle + 1
        else:
            high = middle
    found = _reaches_out(without_comments("".join(lines[:low])))
    return None if found is None else (low, found[1])


# what a '<' starts a tag, a comment or a declaration before (HTML's tag open state): a
# '<' before anything else is text ('a < b'), and a comment after it still a comment
_TAG_OPEN = re.compile("<[A-Za-z!/?]")


class _Shown(HTMLParser):
    """Where each part of a card template starts, as a browser parses it, and whether it
    fetches nothing however it is written: a comment, or text between tags (a style's or a
    script's content is no text). After a '<' that may start a tag and starts none, each
    part is taken as one that may: the parser reads an unclosed tag at the end as text,
    Anki's own markup after the template may close it. A '<' before any other character
    ('a < b') is text to a browser (HTML's tag open state, _TAG_OPEN), and to the parser."""

    def __init__(self, template: str) -> None:
        super().__init__(convert_charrefs=False)
        self.template = template
        self.starts = [0, *(found.end() for found in re.finditer("\n", template))]
        self.parts: list[tuple[tuple[int, int], bool]] = []  # (line, column), inert
        self.unsure = False

    def at(self, line: int, column: int) -> int:
        """The index in the template of a part's (line, column)."""
        return self.starts[line - 1] + column

    def _part(self, inert: bool) -> None:
        self.parts.append((self.getpos(), inert and not self.unsure))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._part(False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._part(False)

    def handle_endtag(self, tag: str) -> None:
        self._part(False)

    def handle_decl(self, decl: str) -> None:
        self._part(False)

    def unknown_decl(self, data: str) -> None:
        self._part(False)

    def handle_pi(self, data: str) -> None:
        self._part(False)

    def handle_comment(self, data: str) -> None:
        self._part(True)

    def handle_entityref(self, name: str) -> None:
        self._part(self.cdata_elem is None)

    def handle_charref(self, name: str) -> None:
        self._part(self.cdata_elem is None)

    def handle_data(self, data: str) -> None:
        # the parser gives an unclosed tag at the end its '<' alone: what follows it says
        opens = data.startswith("<") and _TAG_OPEN.match(self.template, self.at(*self.getpos()))
        self.unsure = self.unsure or bool(opens)
        self._part(self.cdata_elem is None)


# any character but one that ends a line for str.splitlines
_NO_LINE_END = re.compile("[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _no_notes(template: str) -> str:
    """A card template with its HTML comments and the text between its tags blanked, their
    lines kept: neither fetches anything. A designer's '<!-- brand guide: https://... -->'
    refused the deck, and so did a footer's 'Interview guide: https://wiki...' (reviews).
    Parsed as a browser parses it: a '<!--' inside an attribute's value or a style element
    is no comment, and an address after it is still found."""
    parser = _Shown(template)
    parser.feed(template)
    parser.close()
    at = [parser.at(*where) for where, _ in parser.parts] + [len(template)]
    kept = [template[: at[0]]]
    for n, (_, inert) in enumerate(parser.parts):
        part = template[at[n] : at[n + 1]]
        kept.append(_NO_LINE_END.sub(" ", part) if inert else part)
    return "".join(kept)


# what Anki fills in with a bank's text unescaped: the deck's and the tags' names (the bank's
# title, sections and tags, as typed) and a field through the text: filter, which strips the
# character references that keep "<b>" and "[sound:x]" words (a hostile test's look)
_UNESCAPED = re.compile(
    r"\{\{\s*[#^/]?\s*(?:(?:[\w-]+:)*\s*(?:Tags|Deck|Subdeck)|(?:[\w-]+:)*text:[^}]*)\s*\}\}",
    re.IGNORECASE,
)


def _line(text: str, found: re.Match[str]) -> int:
    return text.count("\n", 0, found.start()) + 1


def _unmatched_tag(text: str) -> tuple[int, str] | None:
    """The first '{{' of a card template that no '}}' closes, or section that its closing
    tag does not match, at its line. chevron's own words for these name no line a reader
    can use ('last open tag is "Question} <div ...", line 6' for a '{{#Question}' on line
    1: a designer's trial); a template that changes its delimiters ('{{=') is left to it."""
    opened: list[tuple[str, int]] = []  # each open section's name and line
    start = text.find("{{")
    # the line of `start`, its breaks counted on from the tag before: counted from the top
    # for each tag, a template of 80,000 tags (1 MB) took 50 s (h42c's review)
    line, counted = 1, 0
    while start >= 0:
        line, counted = line + text.count("\n", counted, start), start
        end, following = text.find("}}", start + 2), text.find("{{", start + 2)
        if end < 0 or 0 <= following < end or "\n" in text[start:end]:
            shown = text[start:].split("\n", 1)[0][:40]
            return line, f"'{shown}' has no '}}}}' to close its tag on its line"
        tag = text[start + 2 : end].strip()
        if tag.startswith("="):
            return None
        name = tag[1:].strip()
        if tag[:1] in "#^":
            opened.append((name, line))
        elif tag[:1] == "/":
            if not opened:
                return line, (
                    f"{{{{/{name}}}}} closes no section: there is no {{{{#{name}}}}} before it"
                )
            top, at = opened.pop()
            if top != name:
                return line, (
                    f"{{{{/{name}}}}} stands where the section {{{{#{top}}}}} of line {at} "
                    f"ends: write {{{{/{top}}}}} there"
                )
        start = text.find("{{", end + 2)
    if opened:
        name, at = opened[-1]
        return at, (
            f"{{{{#{name}}}}} is never closed: write {{{{/{name}}}}} where what it shows "
            "only when the field has text ends"
        )
    return None


def sources_warnings(templates: Templates) -> list[str]:
    """A warning at each part of the look's cards for the Sources field of 30 Nov, which
    the build leaves out: of the question's card and of the reverse card, whose templates
    are checked in every build (a reverse-back.html naming {{Sources}} lost it without a
    word)."""
    said = []
    for name in (n for n in (*TEMPLATE_FILES, *REVERSE_FILES) if n.endswith(".html")):
        text = templates.read(f"anki/{name}")
        for found in _SOURCES_FIELD.finditer(text):
            said.append(
                f"{templates.path(f'anki/{name}')}:{_line(text, found)}: warning: "
                f"{_shown(found.group())}: the deck's notes have no Sources field (a "
                "question's sources show in its {{Note}}), so this is left out; remove it "
                f"(the fields are {', '.join(FIELDS)})"
            )
    return said


def _shown(part: str) -> str:
    """A part of a card template as a warning names it: its first and last tag when long."""
    tags = re.findall(r"\{\{[^}]*\}\}", part)
    return part if len(tags) < 2 else f"{tags[0]}...{tags[-1]}"


@functools.lru_cache(maxsize=32)  # by the file's text: each build read them again, 1 ms
def template_problem(name: str, text: str) -> tuple[int, str] | None:
    """Why the Anki template file `name` cannot be used (a line, 0 for the whole file, and
    a message), or None."""
    if name.endswith(".html") and (unmatched := _unmatched_tag(text)):
        return unmatched
    if name.endswith(".html"):
        try:
            chevron.render(text, {})  # genanki renders with chevron to find a card's fields
        except chevron.ChevronError as exc:
            return 0, "not a valid card template: " + " ".join(str(exc).split())
    checked = _style_reaches_out(text) if name.endswith(".css") else _reaches_out(_no_notes(text))
    if reaching := checked:
        return reaching
    typo = css_colour_typo(text) if name.endswith(".css") else None
    if typo:
        return typo
    unescaped = _UNESCAPED.search(text) if name.endswith(".html") else None
    if unescaped:
        return _line(text, unescaped), (
            f"{unescaped.group()} shows text as markup: Anki puts the deck's and the tags' "
            "names in as they are, and a text: filter undoes the escaping that keeps a bank's "
            "<b> and [sound:...] words; name one of the note's fields ({{Question}}, ...) "
            "without a text: filter"
        )
    for field in _FIELD_TAG.finditer(text) if name.endswith(".html") else ():
        if (named := _field_name(field)) not in FIELDS and named not in ANKI_SPECIAL_FIELDS:
            return _line(text, field), (
                f"{field.group()} names no field of the deck's notes, and Anki would show "
                f"an error on every card; the fields are {', '.join(FIELDS)} (translate the "
                "words around them, not their names)"
            )
    if name in FRONTS and not any(_field_name(f) in FIELDS for f in _FIELD_TAG.finditer(text)):
        return 0, (
            f"the front names no field ({{{{{'Hint' if name in REVERSE_FILES else 'Question'}}}}} "
            "or another of "
            f"{', '.join(FIELDS)}); Anki would make no card of any note"
        )
    return None


@cache
def _note_type(
    front: str, back: str, css: str, name: str = NOTE_TYPE_NAME, card: str = CARD_NAME
) -> genanki.Model:
    return genanki.Model(
        model_id=stable_id(name),
        name=name,
        fields=[{"name": field} for field in FIELDS],
        templates=[{"name": card, "qfmt": front, "afmt": back}],
        css=css,
        sort_field_index=FIELDS.index("Question"),
    )


def identity(bank: Bank) -> str:
    """The bank's identity for its notes and decks (`Bank.identity`, shared with the study
    page)."""
    return bank.identity


def deck_name(*parts: str) -> str:
    """A nested deck's name: its parts cleaned by `anki_name`, so that no bank text nests,
    blanks or merges a deck ('::' is Anki's deck separator)."""
    return "::".join(anki_name(part) for part in parts)


class Media:
    """The pictures of a Markdown bank's notes, each named by its content's hash: the same
    picture once however many notes show it, and the same name in every build."""

    def __init__(self, style: tuple[str, bytes] | None = None) -> None:
        self.files: dict[str, bytes] = {}
        self.style = style  # rich.css as `rich_style` gives it

    def styled(self, field: str) -> str:
        """`field`, led by a link to rich.css when it shows code, a quote, a picture, a table or a
        link."""
        if self.style is None or not _NEEDS_RICH_STYLE.search(field):
            return field
        name, data = self.style
        self.files[name] = data
        return f'<link rel="stylesheet" href="{name}">{field}'

    def name(self, picture: Picture) -> str:
        digest = hashlib.sha256(picture.data).hexdigest()[:32]
        name = f"qbank-{digest}.{'jpg' if picture.kind == 'jpeg' else picture.kind}"
        self.files[name] = picture.data
        return name


class FieldText:
    """Bank text as field HTML: a plain bank's as `to_html` makes it; a Markdown bank's
    from its tree, its pictures added to `media`. A number stays on one line with its
    percent sign, and in French a word with its mark (`with_kept_spaces`)."""

    def __init__(
        self, bank: Bank, media: Media | None = None, words: Mapping[str, str] | None = None
    ) -> None:
        self.bank = bank
        self.media = media
        # a table's box is heard by the look's word (anki/words.toml), as the study page's
        self.table_label = (words or load_words())[TABLE_WORD]

    def __call__(self, text: str, language: str = "") -> str:
        """`text`'s HTML, each of its paragraphs, lists and quotes in the direction of its
        words in `language` (rich_html.direction_attribute)."""
        tree = self.bank.rich_text(text)
        if tree is None:
            return with_kept_spaces(with_whole_addresses(to_html(text)), language)
        direction = functools.partial(rich_html.direction_attribute, language=language)
        if self.media is None:  # no style sheet of ours where it shows
            field = rich_html.render(
                tree,
                None,
                rich_html.bare_code,
                direction,
                bare=True,
                table_label=self.table_label,
            )
            return with_kept_spaces(with_whole_addresses(field), language)
        field = rich_html.render(
            tree, self.media.name, direction=direction, table_label=self.table_label
        )
        return self.media.styled(with_kept_spaces(with_whole_addresses(field), language))


def with_whole_addresses(field: str) -> str:
    """`field`'s HTML with each web address in its text (not in code) as `address_html`
    sets it: whole on a row where it fits one (a phone's card broke
    'https://example.org/search?' from 'q=kql&lang=en', which fitted the next row)."""
    if "://" not in field:
        return field
    parts = _TAG.split(field)  # text, tag, text, ...
    code = 0  # the <code> elements a text stands in
    for n, part in enumerate(parts):
        if n % 2:
            code += part.startswith("<code") - part.startswith("</code")
        elif not code and "://" in part:
            parts[n] = ADDRESS_WORD.sub(lambda found: address_html(html.unescape(found[0])), part)
    return "".join(parts)


# A number and the % ‰ ‱ typed after it with a space ('50 %') stay on one line, as in the
# PDFs and on the study page: a phone's card broke between them; and in French, a word and
# the ? ! ; : » typed after it, or « and the word after it ('Pourquoi ?'), which a phone's
# card broke apart where the PDFs and the study page keep them (a French teacher's trial).
# Each such run of spaces stands in a span that no line breaks at (the box holding a space
# rules the break after it, CSS Text 3), its characters the plain ones typed. Not in code,
# whose blanks are its own.
KEPT_SPACES = NO_BREAK
_TAG = re.compile(r"(<[^>]*>)")
# a tag that ends a block or starts one: the texts on either side are read apart, as a
# line break parts them ('5 min' in a table's cell, 'mitigate' in the next row's first,
# were read '5 minmitigate', no unit, and a phone's card broke '5' from 'min': a trial)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|td|th|blockquote|pre|br|h[1-6])\b",
    re.IGNORECASE,
)


def with_kept_spaces(field: str, language: str = "") -> str:
    """`field`'s HTML with each run of spaces between a number and its percent sign (in
    its text, across tags too: '<em>50</em> %'), and in a text in French (`language`)
    between a word and its mark, in a span no line breaks at (text.kept_spaces); and each
    range of numbers ('5–10', text.NUMBER_RANGE) in one."""
    parts = _TAG.split(field)  # text, tag, text, ...
    code = 0  # the <code> elements a text stands in
    in_code = [False]  # whether each text is code's, whose characters stand apart
    apart = [""]  # what reads before each text: a line break after a block's tag
    for tag in parts[1::2]:
        code += tag.startswith("<code") - tag.startswith("</code")
        in_code.append(bool(code))
        apart.append("\n" if _BLOCK_TAG.match(tag) else "")
    # the quick test, on the text the search reads: a deck of 5,000 questions spent 4 s
    # reading each field (code's text read as the text's, as at first, hid '`x`CHF 5')
    shown = "".join(
        before + ("\0" if coded else text)
        for text, coded, before in zip(parts[::2], in_code, apart, strict=True)
    )
    if "–" not in shown and not may_keep_spaces(html.unescape(shown), language):
        return field
    texts = []  # the texts, a reference ('&lt;') as its character
    where = []  # the place in the texts' HTML of each (-1: a block's line break)
    at = 0
    for part, coded, before in zip(parts[::2], in_code, apart, strict=True):
        text, places = markup_text(part)
        texts.append(before + ("\0" * len(text) if coded else text))
        where.extend([-1] * len(before) + [at + place for place in places])
        at += len(part)
    text = "".join(texts)
    runs = [*kept_spaces(text, language), *(m.span() for m in NUMBER_RANGE.finditer(text))]
    kept = {where[at] for start, end in runs for at in range(start, end)}
    if not kept:
        return field
    out, at = [], 0
    for n, part in enumerate(parts):
        if n % 2:
            out.append(part)
            continue
        for keep, run in itertools.groupby(range(at, at + len(part)), kept.__contains__):
            chars = [part[i - at] for i in run]
            out.append(f"{KEPT_SPACES}{''.join(chars)}</span>" if keep else "".join(chars))
        at += len(part)
    return "".join(out)


# the headings the card templates cannot hold (templates/anki/words.toml), the word of the
# cards' question labels, and the one before a section's name in a note's tags
SECTION_TAG = "section_tag"
TABLE_WORD = "table"  # names a table's box (rich_html.table)
ANKI_WORDS = look.with_label_word(
    look.words(
        "\n".join(
            ("hint", "look_for", "rated", "follow_ups", "note", "sources", SECTION_TAG, TABLE_WORD)
        ),
        later=(SECTION_TAG, TABLE_WORD),
        may_be_blank=(SECTION_TAG,),  # a blank one says 'section'
    )
)
look.declare("anki/words.toml", ANKI_WORDS)


def section_tag(section: str, words: Mapping[str, str] | None = None) -> str:
    """A note's tag for its `section`: the look's word, then the section's name as a tag
    ('section::Incident-response'; a Spanish look's 'sección::Edad-Media'). A file from
    before the word, or a blank one, says 'section'."""
    word = (words or {}).get(SECTION_TAG, "")
    if shows_nothing(word):  # blanks too: ' ' made '::Edad-Media'
        word = "section"
    return f"{anki_tag(word)}::{anki_tag(section)}"


def load_words(templates: Templates | None = None) -> dict[str, str]:
    """The Anki headings of a build's look (`templates`; the built-in look when none), each
    with `{{` and `}}` read as the brace they stand for, as in every words file."""
    found = look.values("anki/words.toml", templates or Templates())
    found = look.with_later("anki/words.toml", found, ANKI_WORDS.later)  # a look from before
    return {key: value.format() for key, value in found.items()}


def note_fields(
    question: Question,
    to_html: Callable[[str], str] = to_html,
    words: dict[str, str] | None = None,
    labels: Mapping[int, str] | None = None,
    language: str = "",
) -> list[str]:
    """The note's fields as HTML, in `FIELDS` order; every bank character shows as typed,
    and the bank's texts say their `language` (the section's, else the bank's)."""
    tags = " ".join(f'<span class="qb-tag">{html.escape(tag)}</span>' for tag in question.tags)
    look_for = "".join(directed("li", to_html(item), language) for item in question.look_for)
    said = lang_attribute(language)
    return [
        in_language(to_html(question.question), language),
        in_language(to_html(question.hint), language),
        html.escape(question_label(question.number, label_word(words or {}))),
        # the section's name as typed, no markup: Anki searches a field's text as stored
        # ('section:Datenschutz' found no note once it said its language: a review)
        html.escape(question.section),
        in_language(tags, language),
        note_field(question, to_html, words, labels, language=language),
        f"<ul{said}>{look_for}</ul>" if look_for else "",
        question.id,
    ]


def lang_attribute(language: str) -> str:
    """` lang="fr"` for an element of bank text in `language`; '' when the bank says none.
    A screen reader reads a card's text in the voice of its language (the study page marks
    it; the deck marked nothing: a phone trial)."""
    return f' lang="{html.escape(language)}"' if language else ""


def in_language(field: str, language: str) -> str:
    """A field's HTML in an element that says its `language`, and its direction where the
    language is written right to left."""
    if not (language and field):
        return field
    return directed("div", field, language, lang_attribute(language))


def directed(tag: str, field: str, language: str, said: str = "") -> str:
    """`field`'s HTML in a `tag` element (with the attributes `said`) that says, in a
    language written right to left, its direction: right to left where it holds such a
    letter, as the PDFs set it (the template's dir="auto" went by its first letter alone)."""
    return f"<{tag}{said}{rich_html.direction_attribute(field, language)}>{field}</{tag}>"


def note_field(
    question: Question,
    to_html: Callable[[str], str] = to_html,
    words: dict[str, str] | None = None,
    labels: Mapping[int, str] | None = None,
    heading_of: Callable[[str], str] | None = None,
    language: str = "",
) -> str:
    """The Note field: how answers are rated (the question's anchors, after the hint as in
    the booklet), the follow-ups, the editor's note and the sources, each under its heading
    (`words`, of the look's anki/words.toml; `heading_of` makes its HTML, the deck's style
    sheet's class by default). They live here because a field of their own would change the
    note type's schema. The bank's texts say their `language`; the headings are the look's."""
    heading_of = heading_of or _styled_heading
    said = lang_attribute(language)
    say = words or load_words()
    parts = []
    if question.anchors:
        items = "".join(
            f"<dt>{_scored(score, (labels or {}).get(score, ''))}</dt>"
            + directed("dd", to_html(text), language, said)
            for score, text in question.anchors
        )  # the scale's labels are the look's words, as the page has them: each text says
        # its language (a Spanish card's '1 No evidence' was spoken as Spanish)
        heading = heading_of(html.escape(say["rated"]))
        parts.append(f'<div class="qb-anchors">{heading}<dl>{items}</dl></div>')
    if question.follow_ups:  # before the note, which may speak of them
        items = "".join(directed("li", to_html(item), language) for item in question.follow_ups)
        heading = heading_of(html.escape(say["follow_ups"]))
        parts.append(f'<div class="qb-follow-ups">{heading}<ul{said}>{items}</ul></div>')
    if question.note:
        heading = heading_of(html.escape(say["note"]))
        body = in_language(to_html(question.note), language)
        parts.append(f'<div class="qb-note">{heading}{body}</div>')
    if question.sources:  # the title the link, as a screen reader's list of links names
        # it (each address was read out in full: a phone trial), the address shown after
        items = "".join(
            directed(
                "li",
                f'<a href="{html.escape(s.url)}">{html.escape(s.title)}</a> \u2014 '
                f"{address_html(s.url)}",
                language,
            )
            for s in question.sources
        )
        heading = heading_of(html.escape(say["sources"]))
        parts.append(f'<div class="qb-references">{heading}<ol{said}>{items}</ol></div>')
    return "".join(parts)


# What Anki reads in a field's text as its own markup, not the bank's words: a sound or TTS
# tag ([sound:x.mp3], [anki:tts]) and LaTeX ([latex], [$], [$$]), found by their opening
# bracket; and MathJax's \( \) and \[ \], which its reviewer typesets (MathJax 3 with
# processEscapes off: ts/mathjax/index.ts), so they can only be kept from it by its
# default `mathjax_ignore` class
_ANKI_BRACKET = re.compile(r"\[(?=sound:|/?anki:|/?latex\]|/?\$\$?\])", re.IGNORECASE)
_MATHJAX = re.compile(r"\\[()\[\]]")


def anki_literal(field: str) -> str:
    """A field's HTML that Anki shows as it stands: the bracket that opens one of its tags
    as a character reference (`&#91;sound:x]` shows "[sound:x]" and plays nothing), and a
    field holding a MathJax delimiter in an element MathJax leaves alone."""
    field = _ANKI_BRACKET.sub("&#91;", field)
    if _MATHJAX.search(field):
        # a div: a field may hold blocks, and every field stands in a div of the templates
        field = f'<div class="mathjax_ignore">{field}</div>'
    return field


def _scored(score: int, label: str) -> str:
    """An anchor's score and its label on the scale ('5 Exceptional'), as the packet has
    them; the score alone when the scale has no label for it."""
    return f"{score} {html.escape(label)}" if label else str(score)


def _styled_heading(text: str) -> str:
    """A heading of the Note field, set by the deck's style sheet (anki/style.css), and a
    heading to a screen reader, as the hint's (templates/anki/back.html): "Follow-ups" and
    "Note" were plain text among their items, no heading to go to (a phone trial)."""
    return f'<div class="qb-heading" {HEADING_ROLE}>{text}</div>'


def question_note(
    bank: Bank,
    question: Question,
    model: genanki.Model,
    text: FieldText | None = None,
    words: dict[str, str] | None = None,
    labels: Mapping[int, str] | None = None,
) -> genanki.Note:
    language = bank.language_of(question.section)
    field_text = functools.partial(text or FieldText(bank, words=words), language=language)
    fields = note_fields(question, field_text, words, labels, language)
    return genanki.Note(
        model=model,
        fields=[anki_literal(f) for f in fields],
        tags=[section_tag(question.section, words), *map(anki_tag_path, question.tags)],
        guid=genanki.guid_for(identity(bank), question.id),
        due=question.number,  # new cards come in bank order
    )


def section_deck_name(bank: Bank, section: Section) -> str:
    """'Title::01 Beginner': Anki lists decks alphabetically, so the section's place in the
    whole bank leads its name and the sub-decks keep the bank's order (a filtered build
    keeps the numbers of the whole bank)."""
    return deck_name(bank.title, f"{section.position + 1:02d} {section.name}")


def section_deck(bank: Bank, section: Section, described: FieldText | None = None) -> genanki.Deck:
    """The section's deck, its description's HTML made by `described` (no pictures)."""
    return genanki.Deck(
        deck_id=stable_id("qbank deck", identity(bank), section.name),
        name=section_deck_name(bank, section),
        description=(described or FieldText(bank))(section.description),
    )


class ReverseCards:
    """The reverse cards of a two-way deck (--reverse), question by question: a note for
    each question that can have one (anki.reverse), a warning at each that cannot, and at
    each whose card would ask what an earlier one asks."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.model = reverse_note_type(job.templates)
        self.prompts: dict[str, Question] = {}  # each card's prompt, and its first question
        # the questions that get none past the first few, and why
        self.one_way: list[tuple[Question, str]] = []
        self.said = 0  # of those said one by one

    def said_last(self) -> None:
        """One warning for the questions without a reverse card past the first few said
        one by one: `--reverse` on an interview bank said 50 lines, one a question."""
        if not self.one_way:
            return
        bank, (first, _) = self.job.bank, self.one_way[0]
        more = len(self.one_way)
        named = ", ".join(repr(q.id) for q, _ in self.one_way[:10])
        named += f" and {more - 10:,} others" if more > 10 else ""
        whys = Counter(why for _, why in self.one_way)
        self.job.warn(
            f"{bank.location(first)}: warning: --reverse: and {more:,} more "
            f"question{'s' if more != 1 else ''} from here get no reverse card "
            f"({'; '.join(f'{n:,} as {why}' for why, n in whys.most_common())}): {named}"
        )

    def note_of(self, question: Question, note: genanki.Note) -> genanki.Note | None:
        """The note of `question`'s reverse card: the fields and tags of its question's
        `note`, under the reverse note type and an identity of its own; None when it has
        none."""
        bank, warn = self.job.bank, self.job.warn
        if why := one_way_reason(bank, question):
            if self.said < SAID_OF_A_KIND:
                self.said += 1
                warn(
                    f"{bank.location(question)}: warning: --reverse: question '{question.id}' "
                    f"gets no reverse card, as {why}"
                )
            else:
                self.one_way.append((question, why))
            return None
        first = self.prompts.setdefault(prompt_key(bank, question), question)
        if first is not question:  # synonyms: 'the dog' for el perro and for el can
            warn(
                f"{bank.location(question)}: warning: --reverse: question '{question.id}' "
                f"has the hint of question '{first.id}' (line {first.line}), so their "
                "reverse cards ask the same; make each hint say which is meant"
            )
        return genanki.Note(
            model=self.model,
            fields=list(note.fields),
            tags=list(note.tags),
            guid=genanki.guid_for(identity(bank), question.id, REVERSE_CARD_NAME),
            due=reverse_position(question),
        )


def build_package(job: Job, media: Media | None = None, reverse: bool = False) -> genanki.Package:
    """The decks and notes, with `reverse` a reverse card for each question that can have
    one (anki.reverse); a Markdown bank's pictures go into `media`."""
    bank = job.bank
    words = load_words(job.templates)
    text = FieldText(bank, media, words)
    described = FieldText(bank, words=words)  # a deck's description, which shows no picture
    top = genanki.Deck(
        deck_id=stable_id("qbank deck", identity(bank)),
        name=deck_name(bank.title),
        description=described(bank.description),
    )
    decks = [top]
    # read from the templates once, not once per note
    model = note_type(job.templates)
    reverse_cards = ReverseCards(job) if reverse else None
    for said in sources_warnings(job.templates):
        job.warn(said)
    for said in [
        *(
            w
            for name in (STYLE, f"anki/{RICH_STYLE}")
            for w in stylesheet.brace_warnings(job.templates, name)
        ),
        *stylesheet.contrast_warnings(job.templates, STYLE, TEXT_ON, _card_scheme),
    ]:
        job.warn(said)
    labels = scale_labels(bank, job.templates)
    for section in bank.sections:
        deck = section_deck(bank, section, described)
        questions = bank.questions_in(section)
        for question in questions:
            note = question_note(bank, question, model, text, words, labels)
            deck.add_note(note)
            if reverse_cards and (reversed_note := reverse_cards.note_of(question, note)):
                deck.add_note(reversed_note)
        decks.append(deck)
        job.advance(len(questions))
    if reverse_cards:
        reverse_cards.said_last()
    return genanki.Package(decks)


def write_package(
    package: genanki.Package,
    target: Path,
    timestamp: int,
    media: Media | None = None,
    earlier: Dates | None = None,
) -> None:
    """genanki's `write_to_file` with nothing left to the clock: the notes' time is
    `timestamp`, or an `earlier` deck's date of a note (and of the note type) that says
    what it said there (dates.py); ids count up from `timestamp`, and the zip entries carry
    it too. The media files are entries "0", "1"... in name order, which the `media` entry
    maps to their names."""
    with closing(sqlite3.connect(":memory:")) as db:
        # Anki ids are milliseconds; at 0 the first note would get id 0
        ids = itertools.count(max(timestamp, 1) * 1000)
        package.write_to_db(db.cursor(), timestamp, ids)
        keep_dates(db, earlier or Dates(), timestamp)
        db.commit()
        collection = db.serialize()
    files = sorted((media.files if media is not None else {}).items())
    index = json.dumps({str(i): name for i, (name, _) in enumerate(files)}).encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in (("collection.anki2", collection), ("media", index)):
            archive.writestr(pinned_entry(name, timestamp), data)
        for i, (_, data) in enumerate(files):
            archive.writestr(pinned_entry(str(i), timestamp), data)


def build(job: Job, reverse: bool = False) -> list[Path]:
    # a two-way deck holds more than the whole bank's deck: a name of its own
    name = job.filename("apkg", variant=(REVERSE_NAME,) if reverse else ())
    media = Media(rich_style(job.templates))
    # as new as the look's files it is made of: Anki takes a note type's new style, and a
    # note's new headings, only from a newer deck
    files = (*TEMPLATE_FILES, *(REVERSE_FILES if reverse else ()), RICH_STYLE)
    made_of = (*(f"anki/{n}" for n in files), *EXPORTER.look)
    when = deck_time(job.time_with(made_of))
    target = job.write(name)  # first: a file the build reads (its bank) is refused here
    # the deck this build replaces, still in place, dates what the bank did not change, so
    # learners keep their own tags and edits on those notes (dates.py); the first two-way
    # deck takes them from the one-way deck beside it, and the first one-way deck from the
    # two-way one: their question notes are the same notes (a review: a workshop that
    # turned to the two-way deck after an edit replaced every learner's tags)
    other = job.filename("apkg", variant=() if reverse else (REVERSE_NAME,))
    earlier_at = next(
        (p for p in (job.out_dir / name, job.out_dir / other) if p.exists() or p.is_symlink()),
        job.out_dir / name,
    )
    earlier = earlier_dates(earlier_at, job.warn)
    package = build_package(job, media, reverse)
    write_package(package, target, when, media, earlier)
    for said in learners_to_tell(str(earlier_at), earlier, package, stable_id(NOTE_TYPE_NAME)):
        job.warn(said)
    return [job.out_dir / name]


def deck_time(timestamp: int) -> int:
    """The time of a deck built at `timestamp`: later by its EDITION, within the zip's dates."""
    return min(timestamp + EDITION, ZIP_LATEST)


def preflight(job: Job, reverse: bool = False) -> None:
    """What `build` would refuse, without writing the deck: card templates Anki cannot use
    (`note_type`), and every note's fields made as the deck has them; the collection's
    database and the zip are never written."""
    build_package(job, Media(rich_style(job.templates)), reverse)


EXPORTER = Exporter(
    name="anki",
    summary="An Anki deck (.apkg): a note per question, a sub-deck per section.",
    build=build,
    preflight=preflight,
    look=("anki/words.toml", "packet/rubric.toml"),  # the scale's labels of the anchors
    template_problems=template_problems,
    options=(
        Option(
            "reverse",
            type=bool,
            help="Anki: also a reverse card for each question whose question and hint are "
            "short lines (vocabulary: 'the dog' asks for 'el perro'), on its own schedule.",
        ),
    ),
)
