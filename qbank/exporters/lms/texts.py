"""Bank text as HTML for an LMS, and the pictures that HTML shows.

A plain bank's text is escaped, its code spans `<code>` (`plain_html`). A Markdown
bank's text is rendered from its tree (rich_html), not handed to the LMS as Markdown:
Moodle's own Markdown is PHP Markdown Extra, which reads some CommonMark differently
(nested lists need four spaces there), and Canvas has none, so HTML is what shows the
same in every LMS. A code block is a plain `<pre><code class="language-x">`, CommonMark's
own HTML for it, since an LMS cleans away our highlighting's classes and has no
stylesheet for them. Nor does a code span hold the spans that keep a command's option on
its row in the deck and the study page (qbank.text.kept_options): a teacher searches and
edits the LMS's stored HTML, where '"install --upgrade"' found no text whose option stood
in a span of its own (Moodle's text filter matches that HTML), and an editor carries such a
span's style on to what is typed beside it. A short code span with an option in it is kept
on one line whole instead, by a style of its own <code>, and a longer one breaks at its
blanks only, its words in runs of at most 30 characters, a run with an option in it in one
span of that style (qbank.text.plain_code_html).

Each picture is a file that travels with the text (Moodle's `<file>` elements, the files
of a Canvas package), under its path as written in the bank when that is a clean relative
path, so an import puts it back where the bank had it.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath
from urllib.parse import quote

from qbank import rich_html
from qbank.bank.images import PICTURE_SUFFIXES
from qbank.exporters.lms.words import TABLE_WORD, Words, load_words
from qbank.model import Bank, Question
from qbank.rich import CodeBlock, Paragraph, Picture, RichText, span_text, walk
from qbank.text import plain_code_html, to_html

Address = Callable[[str], str]  # a picture's path -> its address in the LMS's HTML

# Moodle's MathJax filter, on in a new site, typesets a text whose HTML holds \( or \[ or
# $$ as typed (filter/mathjaxloader/classes/text_filter.php: it looks for them in the HTML
# before it is shown, and only what it wraps is typeset); the character after the
# backslash, or the second dollar, as a character reference shows the same and is not
# found (a teacher's trial: '\(v = f\lambda\)' would have been set as a formula)
_MATHJAX_OPENERS = (("\\(", "\\&#40;"), ("\\[", "\\&#91;"), ("$$", "$&#36;"))
# and the TeX filter's `[tex]...[/tex]`, in any case (filter/tex/classes/text_filter.php),
# which the MathJax filter too sets where it keeps the TeX filter's ways: its `[` as a
# character reference is not found either
_TEX_OPENER = re.compile(r"\[(?=tex\])", re.IGNORECASE)


def mathjax_literal(html_text: str) -> str:
    """HTML that Moodle's MathJax and TeX filters leave as it is (see _MATHJAX_OPENERS)."""
    for typed, kept in _MATHJAX_OPENERS:
        html_text = html_text.replace(typed, kept)
    return _TEX_OPENER.sub("&#91;", html_text)


# what Moodle's format_string keeps as a character reference, '&' and up to 8 letters,
# digits or '#' and ';' (replace_ampersands_not_followed_by_entity)
_REFERENCE = re.compile(r"&(?=[a-zA-Z0-9#]{1,8};)")


def name_literal(name: str) -> str:
    """A name that Moodle shows as typed, a question's or a category's. Moodle cleans a
    name as text (clean_question_name, and split_category_path for each category of a
    path: PARAM_TEXT, strip_tags) and shows it as HTML (format_string; s() in its field,
    which keeps numeric references): so a '<' is `&#60;`, which strip_tags leaves
    ('Compare a<b and c>d' was named 'Compare ad'), an '&' that would start a reference
    `&#38;` ('&amp;' showed '&'), and what Moodle's MathJax and TeX filters would set as a
    formula, where 'Filter all strings' is on, is guarded as in the texts
    (mathjax_literal)."""
    return mathjax_literal(_REFERENCE.sub("&#38;", name).replace("<", "&#60;"))


# the characters Moodle keeps of a name, a question's or a category's (its database's
# column), each character reference counted whole
MAX_NAME = 255


def literal_length(name: str) -> int:
    """How many characters Moodle stores of `name` as name_literal writes it."""
    return len(name_literal(name))


# what Moodle takes out of a tag (clean_param PARAM_TAG, which core_tag_tag::normalize
# applies to each tag an import gives a question, from Moodle XML or GIFT alike): control
# characters, '<', '>' and '`'; then a run of blanks is one space, and it keeps 50
# characters (TAG_MAX_LENGTH). Its GIFT import reads no tag with the first in it at all
# (qformat_gift::extract_idnumber_and_tags_from_comment)
TAG_REFUSED = re.compile(r"[\x00-\x1f\x7f-\x9f<>`]")
TAG_MAX_LENGTH = 50


def moodle_tag(tag: str) -> str:
    """The tag as Moodle keeps it (TAG_REFUSED)."""
    return re.sub(" {2,}", " ", TAG_REFUSED.sub("", tag)).strip()[:TAG_MAX_LENGTH]


def tags_changed(bank: Bank) -> list[str]:
    """A warning for each question's tag that Moodle keeps otherwise (moodle_tag): it took
    '<' out of 'x<y' unsaid, and GIFT's import left the tag out."""
    said = []
    for question in bank.questions:
        for tag in question.tags:
            if (kept := moodle_tag(tag)) == tag:
                continue
            becomes = f"keeps the tag '{tag}' as '{kept}'" if kept else f"leaves out '{tag}'"
            said.append(
                f"{bank.location(question)}: warning: question '{question.id}': Moodle "
                f"{becomes} (a tag there holds no <, > or `, and {TAG_MAX_LENGTH} characters "
                "at most); to have one tag everywhere, write it so in the bank"
            )
    return said


# a tab or a run of blanks, which HTML shows as one space unless a style keeps them, and an
# LMS's page has none for a question's text: a trial's 'Tabs<TAB>here and   three spaces'
# showed 'Tabs here and three spaces' in Moodle and Canvas (the study page and the deck
# keep them). Moodle's HTMLPurifier and Canvas's sanitizer keep `white-space: pre-wrap`
SQUEEZED = re.compile(r"\t| {2}")
KEEP_BLANKS = '<span style="white-space:pre-wrap">'


def plain_html(text: str, separators: bool = False) -> str:
    """A plain text's HTML for an LMS: every character literal, its code spans `<code>` with
    nothing else in them (see the module's word on kept options), in a span that shows its
    tabs and runs of blanks as typed where it holds any (SQUEEZED)."""
    shown = to_html(text, separators, code=plain_code_html)
    return f"{KEEP_BLANKS}{shown}</span>" if SQUEEZED.search(text) else shown


def squeezed(bank: Bank, text: str) -> bool:
    """Whether an LMS's page would squeeze tabs or runs of blanks of the text (SQUEEZED): a
    plain text's anywhere, a Markdown text's in the words of its paragraphs (not its
    indentation, nor its code blocks, which a <pre> keeps)."""
    tree = bank.rich_text(text)
    if tree is None:
        return bool(SQUEEZED.search(text))
    words = (span_text(b.spans) for b in walk(tree.blocks) if isinstance(b, Paragraph))
    return any(SQUEEZED.search(w) for w in words)


def pictures_warning(
    bank: Bank, question: Question, texts: Sequence[str], fmt: str, remedy: str
) -> str | None:
    """A line naming the pictures of `texts` that a format with no files (`fmt`) cannot
    carry, and what to do (`remedy`); None when they show none."""
    paths = list(dict.fromkeys(p.path for p in bank.pictures(texts)))
    if not paths:
        return None
    return (
        f"{bank.location(question)}: question '{question.id}': {fmt} cannot carry "
        f"pictures ({', '.join(paths)}): {remedy}"
    )


def code_html(block: CodeBlock) -> str:
    language = f' class="language-{html.escape(block.language)}"' if block.language else ""
    return f"<pre><code{language}>{html.escape(block.text, quote=False)}</code></pre>"


def picture_path(picture: Picture) -> str:
    """Where the picture's file goes: its path as written when that is a plain relative
    path (no `.`, `..` or empty folder names) whose suffix is its kind's, else a name made
    from its content: a WebP made PNG for every artifact went as 'map.webp' holding a PNG,
    which an LMS serves as a WebP, and import renamed."""
    parts = picture.path.split("/")
    suffix = PurePosixPath(picture.path).suffix.lower().lstrip(".")
    if suffix in PICTURE_SUFFIXES[picture.kind] and all(
        p not in ("", ".", "..") and p.isprintable() for p in parts
    ):
        return picture.path
    digest = hashlib.sha256(picture.data).hexdigest()[:16]
    ending = PICTURE_SUFFIXES[picture.kind][0]
    return f"{PurePosixPath(picture.path).stem or 'picture'}-{digest}.{ending}"


def file_address(prefix: str, path: str) -> str:
    """A file's address in HTML: the LMS's prefix, then the path with each name
    percent-encoded, as Moodle's and Canvas's editors write it."""
    return prefix + "/".join(quote(part, safe="") for part in path.split("/"))


class Attachments:
    """Renders texts and keeps the pictures they show: one per Moodle text element, one
    for a whole Canvas package. Without an address (where no file can travel: a Moodle
    category's description, Blackboard's upload), a picture is its alt text in brackets. A
    table's box is named in `words` (the look's lms/words.toml; the built-in look's by
    default)."""

    def __init__(self, bank: Bank, address: Address | None, words: Words | None = None) -> None:
        self.bank = bank
        self.table_label = (words or load_words())[TABLE_WORD]
        self.files: dict[str, Picture] = {}  # path -> picture, in order of use
        self._source = self._attach if address is not None else None
        self._address = address

    def _attach(self, picture: Picture) -> str:
        path = picture_path(picture)
        self.files.setdefault(path, picture)
        assert self._address is not None
        return self._address(path)

    def inline(self, text: str, language: str = "") -> str:
        """The text's HTML: one paragraph as bare text, more as blocks. In a `language`,
        each says it and, written right to left, its direction (language_attributes), a
        bare text in a <div>: an LMS's page runs left to right unless its own language is
        written so, and set an Arabic bank's 'ما هو TCP؟' from the left, its question mark
        read first and 'TCP' before its first words. No text is no HTML at all."""
        tree = self.bank.rich_text(text)
        if tree is None or (len(tree.blocks) == 1 and isinstance(tree.blocks[0], Paragraph)):
            shown = plain_html(text, separators=True) if tree is None else self._render(tree)
            if tree is not None and squeezed(self.bank, text):
                shown = f"{KEEP_BLANKS}{shown}</span>"
            said = self.said(text, language)
            return f"<div{said}>{shown}</div>" if said and shown else shown
        return self._render(tree, language)

    def said(self, text: str, language: str) -> str:
        """The attributes of an element that holds the text in `language`
        (language_attributes); '' for none."""
        return language_attributes(self.bank.words(text), language)

    def block(self, text: str, language: str = "") -> str:
        """The text's HTML as blocks: a plain text one paragraph; each saying its `language`
        and direction, as `inline` says."""
        tree = self.bank.rich_text(text)
        if tree is None:
            said = language_attributes(text, language)
            return f"<p{said}>{plain_html(text, separators=True)}</p>"
        return rich_html.blocks(
            tree.blocks,
            self._source,
            code_html=code_html,
            code_span=plain_code_html,
            direction=_attributes(language),
            table_label=self.table_label,
            bare=True,
        )

    def _render(self, tree: RichText, language: str = "") -> str:
        return rich_html.render(
            tree,
            self._source,
            code_html,
            _attributes(language),
            code_span=plain_code_html,
            table_label=self.table_label,
            bare=True,
        )


def language_attributes(words: str, language: str) -> str:
    """The attributes of an element that holds bank text of these words in `language`: its
    `lang`, and in a language written right to left its direction
    (rich_html.direction_attribute); '' for a bank without a language. An LMS's page says
    the site's language (Moodle's <html lang="en">), so a screen reader read a German bank's
    question in its English voice, and the browser hyphenated and spell-checked it as
    English. Moodle's HTMLPurifier (XHTML 1.0 Transitional: `lang` on every element of its
    Common attributes, `xml:lang` added) and Canvas's sanitizer (`lang` on all) keep it."""
    if not language:
        return ""
    return f' lang="{html.escape(language)}"' + rich_html.direction_attribute(words, language)


def _attributes(language: str) -> rich_html.Direction:
    """The attributes of a Markdown text's block of words: its language and direction
    (language_attributes), and a style that shows its tabs and runs of blanks as typed
    where it holds any (SQUEEZED), as the study page and the deck show a Markdown
    paragraph's (CommonMark keeps them in the text; an LMS's page squeezed them)."""

    def said(words: str) -> str:
        kept = ' style="white-space:pre-wrap"' if SQUEEZED.search(words) else ""
        return language_attributes(words, language) + kept

    return said
