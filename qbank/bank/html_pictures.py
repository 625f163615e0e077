"""The pictures an imported file's HTML texts show (Moodle XML, GIFT), found for one question
at a time: each comes along, claimed for the new bank (imported.Read.claim), or stays
behind, its alt text in brackets, taken down with why for the question's messages.

A picture is a file of the text's element, `@@PLUGINFILE@@/path` in its HTML (a Moodle XML
`<file>`, base64: GIFT carries none), or given in its `data:` address, as an editor may
paste one, which is written beside the bank as `picture-<digest>.png`. Either is checked as
a picture beside a bank is (images.py): one larger than an image may be, damaged, or of
another kind (an SVG drawing, a PDF) stays behind.
"""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import unquote

from qbank.bank.html_markdown import html_blocks
from qbank.bank.html_text import link_change, one_language
from qbank.bank.images import MAX_IMAGE_BYTES, checked, sniff
from qbank.bank.imported import Read, picture_refused, pictures_left, shown_address
from qbank.rich import Block

PLUGINFILE = "@@PLUGINFILE@@/"
# the base64 text of the largest image a bank takes, with room for line breaks
MAX_FILE_TEXT = (MAX_IMAGE_BYTES + 2) // 3 * 4 * 77 // 76 + 4
# a text element's files by path: the bytes, or why the file cannot come along (damaged,
# larger than a picture may be), which the question that shows it says
Files = dict[str, bytes | str]
# a picture's data: address, its media type's parameters allowed and 'jpg' for 'jpeg' (a
# real JPEG written `data:image/jpg` was left out: a hostile trial); the bytes say its kind
_DATA = re.compile(
    r"data:image/(?:png|jpe?g|gif|webp|tiff?|bmp)(?:;[a-z0-9-]{1,40}=[^;,]{1,80}){0,5};base64,",
    re.IGNORECASE,
)


class HtmlPictures:
    """The pictures of one question's HTML texts, and the files they link to."""

    def __init__(self, read: Read) -> None:
        self.read = read
        self.question()

    def question(self) -> None:
        """Start on the next question: none of its pictures taken down yet."""
        self.lost: list[str] = []  # the src of each that is no file of the question
        self.unfit: list[str] = []  # the src of each that is no picture qbank draws
        self.refused: dict[str, str] = {}  # the src of each damaged or too large, and why
        self.shown: set[tuple[int, str]] = set()  # (its element's files, path) of each
        self.unlinked: list[str] = []  # the files its texts link to, which stay behind
        self.changes: list[str] = []  # what its texts show otherwise than their HTML
        # what said them: 'its text' where one is in Moodle's own format, read as HTML
        # (a GIFT question of plain text in two languages was said to have HTML: a trial)
        self.whose = "its HTML"

    def in_one_language(self, markup: str) -> str:
        """`markup` in the file's language where it gives several (one_language, as the
        texts are), the choice said with the question's texts: for an answer, its feedback
        or a name read on one line (each took its own first language: a review)."""
        markup, said = one_language(markup, self.read.multilang)
        self.changes += said
        return markup

    def blocks(self, files: Files, markup: str) -> tuple[tuple[Block, ...], list[str]]:
        """The blocks of `markup`, whose pictures are among `files` (its element's), and
        what they show otherwise than its HTML; the pictures that stay behind, and the
        files it links to, taken down."""

        def locate(src: str) -> str | None:
            if src[:5].lower() == "data:":
                return self.pasted(src)
            path = unquote(src[len(PLUGINFILE) :]) if src.startswith(PLUGINFILE) else None
            if path is None or path not in files:
                return None
            self.shown.add((id(files), path))
            data = files[path]
            if isinstance(data, str):  # damaged, or larger than a picture may be
                self.refused[src] = data
                return None
            if sniff(data) is None:  # an SVG drawing, say, which Moodle shows
                self.unfit.append(src)
                return None
            return self.read.claim(path, data)

        def unlinked(address: str) -> str | None:
            """A link to one of the question's files (a sound, a text file) is its text:
            the file is named as left behind; any other address is a change."""
            path = unquote(address[len(PLUGINFILE) :]) if address.startswith(PLUGINFILE) else ""
            if path not in files:
                return link_change(address)
            self.shown.add((id(files), path))
            self.unlinked.append(path)
            return None

        unfit = len(self.unfit)
        blocks, lost, changes = html_blocks(markup, locate, unlinked, self.read.multilang)
        said = {*self.unfit[unfit:], *self.refused}
        self.lost += [src for src in lost if src not in said]
        return blocks, changes

    def pasted(self, src: str) -> str | None:
        """The path beside the new bank of a picture given in its `data:` address (as an
        editor may paste one), named by its content; checked as a `<file>` is."""
        found = _DATA.match(src)
        if found is None:  # an SVG drawing, say
            self.unfit.append(src)
            return None
        shown = f"the picture {shown_address(src)}"
        if len(src) - found.end() > MAX_FILE_TEXT:
            self.refused[src] = (
                f"{shown} is more than the {MAX_IMAGE_BYTES // 1_000_000} MB an image may be"
            )
            return None
        try:
            data = base64.b64decode("".join(src[found.end() :].split()), validate=True)
        except (binascii.Error, ValueError):
            self.refused[src] = f"the data of {shown} is not valid base64"
            return None
        if isinstance(why := checked(data, shown), str):
            self.refused[src] = why
            return None
        return self.read.claim("", data)  # no name: its content's digest (Read.claim)

    def left_behind(self, lost_because: str) -> list[str]:
        """The question's losses of pictures that stay behind: those that are no file of
        it, `lost_because`; those of another kind; those refused, each with why."""
        said = [pictures_left(self.lost, lost_because)] if self.lost else []
        if self.unfit:
            said.append(
                pictures_left(self.unfit, "a bank takes PNG, JPEG, GIF, WebP, TIFF and BMP only")
            )
        return said + list(map(picture_refused, dict.fromkeys(self.refused.values())))
