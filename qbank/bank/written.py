"""What the advice on a bank gives its author to write: a text quoted as a person types it
for YAML, and a source typed as one text ('Docs https://...', '[A](https://a.org) [B](...)')
written as its pages, each a title and an address apart.

syntax/values.py tells such a source when YAML cannot read it (a Markdown link at the start of the
value), facts.py when YAML reads it as a text; both read it here, below them, so one check
tells every page of it whichever finds it (two links were told to be quoted whole, and only
the next check told them as two sources).
"""

from __future__ import annotations

import re

import yaml

WEB_ADDRESS = re.compile(r"https?://[^\s/]+\S*")
HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/?#]\S*)?", re.IGNORECASE)
# what the advice on a source writes for the title or address it cannot know: typed as
# written, each is told what to put in its place (a title of these words was taken)
ANY_TITLE = "the page's title"
ANY_URL = "https://the page's address"


def spaces(count: int) -> str:
    """An indentation as advice says it: '4 spaces', '1 space'."""
    return f"{count} space{'s' if count != 1 else ''}"


def colon_typed(after: str) -> str:
    """The colon YAML took for a key's, named as the user typed it, by `after`, what follows
    it on its line: 'Remember:' ends the line, and was told as ': ' (a colon and a space);
    so does 'Remember:   # a comment', whose comment is no text."""
    if comment_apart(after)[0]:
        return "': ' (a colon and a space)"
    return "a colon at the end of the line"


_COMMENT = re.compile(r"(?:^|[ \t])#")
# A comment right after a plain value that looks like the value's own text: `#` followed by a
# letter or digit (`#1 priority`), not `# ` as a comment is written
COMMENT_AFTER = re.compile(r"[ \t]+#([^\s#][^\n]*)")


def comment_apart(line: str) -> tuple[str, str]:
    """A value typed on one line, and the YAML comment after it with the blanks before it,
    as typed ('Remember:', '   # a comment'), or '': advice that quotes the value keeps the
    comment out of the quotes, where it would be text in every artifact."""
    start, stripped = 0, line.lstrip()
    if stripped[:1] in ("'", '"'):  # a quoted part first ('"Issue #42": fix it'): no comment
        begin = len(line) - len(stripped)
        start = line.find(stripped[0], begin + 1) + 1 or len(line)
    found = _COMMENT.search(line, start)
    text = (line[: found.start()] if found else line).rstrip()
    return text.lstrip(), line[len(text) :].rstrip() if found else ""


def typed_again(url: str, count: int) -> str:
    """' (https://a.org/x is typed twice; once is enough)' for an address typed more than
    once in a source, which is still one page: it was told as two sources of one address."""
    if count < 2:
        return ""
    times = "twice" if count == 2 else f"{count} times"
    return f" ({url} is typed {times}; once is enough)"


def title_of(titles: list[str]) -> str:
    """The title a page's Markdown link gives it, else the words a user replaces."""
    return next(filter(None, titles), ANY_TITLE)


def pages(text: str) -> dict[str, list[str]]:
    """The web pages a source typed as one text names, in the order typed, each address
    once (typed twice, it is one page) with the title of each time it is typed: a Markdown
    link's text ('[Docs](...)'), else ''. '[Docs](https://a.org/x) https://b.org/y' is two
    pages: it was told the title '[Docs](https://a.org/x)' beside the second address."""
    pages: dict[str, list[str]] = {}
    for found in _LINK_OR_WORD.finditer(text):
        title, url = (found[1] or "").strip(), address(unwrapped(found[2] or found[0]))
        if url:  # a link whose text is its address ('[https://a.org](...)') gives no title
            pages.setdefault(url, []).append("" if address(unwrapped(title)) else title)
    return pages


def address(text: str) -> str:
    """`text` as a source's url, when it is a web address: as written, or as a browser's
    bar shows it ('www.rae.es/dpd', which 'Node.js' is not) with https:// before it; ''
    when it is none."""
    if WEB_ADDRESS.fullmatch(text):
        return text
    bare = HOST.fullmatch(text) and ("/" in text or text.lower().startswith("www."))
    return f"https://{text}" if bare else ""


def unwrapped(word: str) -> str:
    """A word that may be an address, without the brackets around it or the stop after
    it ('<https://...>', '(docs.python.org/3/).'); a bracket of its own stays, as the ')'
    of 'https://en.wikipedia.org/wiki/Foo_(bar)'."""
    word = word.rstrip(".,;:")
    for opener, closer in ("()", "<>", "[]"):
        if word.startswith(opener) and word.endswith(closer):
            word = word[1:-1]
        elif word.startswith(opener) and closer not in word:
            word = word[1:]
        elif word.endswith(closer) and opener not in word:
            word = word[:-1]
    return word.rstrip(".,;:")


_MARKDOWN_LINK = r"\[([^\[\]]+)\]\((\S+)\)"  # its text holds no bracket: '[See [Docs](...)]'
_LINK_OR_WORD = re.compile(rf"{_MARKDOWN_LINK}|\S+")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|<\s*>|\[\s*\]")
_BETWEEN = " \t:;,|-\u2013\u2014"  # what parts a title from its address: 'Manual: https://...'


def title_and_address(text: str) -> tuple[str, str] | None:
    """A source typed as one text that holds its title and its web address ('Python docs
    https://docs.python.org/3/', '[Python docs](https://...)', 'Manual (www.rae.es/dpd)'):
    the two, the address as a url takes it. The advice said url: "https://the page's
    address" beside the whole text as its title, and followed as said was refused again."""
    named = pages(text)
    if len(named) != 1:  # none, or two pages in one source (written_sources)
        return None
    ((url, _),) = named.items()
    # the words around the address, each time it is typed taken out; a Markdown link's
    # text in its place ('[Python docs](...) and more': the words after it were dropped)
    # the words before a link lead to it ('See [Docs](...)'): its own text is its title
    link = re.search(_MARKDOWN_LINK, text)
    if link and not address(unwrapped(link[1])):
        text = text[link.start() :]
    title = re.sub(_MARKDOWN_LINK, r"\1", text)
    for word in title.split():
        if address(unwrapped(word)) == url:
            title = title.replace(word, " ")
    title = _EMPTY_BRACKETS.sub(" ", title)
    for opener, closer in ("()", "<>", "[]"):  # 'Manual (see' of 'Manual (see x.org/a)'
        if title.count(opener) > title.count(closer):
            title = title[: title.rindex(opener)]
        elif title.count(closer) > title.count(opener) and title.endswith(closer):
            title = title[:-1]  # the ']' of '[See [Docs](...)]', its '[' left before the link
    title = " ".join(title.split()).strip(_BETWEEN)
    # 'https://d.org/q (Docs)': the title is the words in the brackets, when they are
    # one pair ('(Docs) (PDF)' was told the title 'Docs) (PDF')
    for opener, closer in ("()", "<>", "[]"):
        inner = title[1:-1]
        if title[:1] + title[-1:] == opener + closer and not {opener, closer} & set(inner):
            title = inner.strip(_BETWEEN)
    return (title, url) if any(c.isalnum() for c in title) else None


def written_sources(text: str) -> list[str]:
    """Each page that a source typed as one text names, as the source to write in its
    place, '{title: "Docs", url: "https://..."}'; [] when it names none."""
    if apart := title_and_address(text):
        return [_written(*apart)]
    return [_written(title_of(titles), url) for url, titles in pages(text).items()]


def _written(title: str, url: str) -> str:
    return f"{{title: {quoted(title)}, url: {quoted(url)}}}"


def quoted(text: str) -> str:
    """`text` as a quoted YAML scalar a person would write on one line: double quotes unless
    the text holds a double quote or a backslash, else single quotes with `'` doubled; a
    text over lines in double quotes, each line break written \\n."""
    text = text.rstrip()
    if "\n" in text:  # a line break: on one line, only double quotes hold it, as \n
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def list_in_brackets(inner: str) -> str:
    """A list in brackets typed as one text ('[a, b]', found in quotes), to write without
    the quotes: as typed when YAML reads it as a list of texts or numbers, else its items
    between its commas, each in quotes that YAML would read otherwise ('[Why is it?,
    How?]', which YAML cannot read, was told to be quoted whole, one item); '' for any
    other text."""
    if not (inner.startswith("[") and inner.endswith("]")) or "\n" in inner:
        return ""
    try:
        items = yaml.safe_load(inner)
    except yaml.YAMLError:
        items = None
    # a number among them ('[a, 3]') is told next, as in any list
    good = isinstance(items, list) and items
    if good and all(isinstance(i, str | int) and not isinstance(i, bool) for i in items):
        return inner
    texts = [part.strip() for part in inner[1:-1].split(",") if part.strip()]
    written = f"[{', '.join(as_item(t, '[', ']') for t in texts)}]"
    try:
        return written if texts and yaml.safe_load(written) == texts else ""
    except yaml.YAMLError:
        return ""


def as_value(text: str) -> str:
    """`text` written after a field's `: `: as typed when it is in quotes already or YAML reads
    it back so, else in quotes ('The answer: privacy' would be a key inside a key)."""
    if text[:1] in "\"'":
        return text
    try:
        plain = yaml.safe_load(f"field: {text}") == {"field": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else quoted(text)


def as_item(text: str, before: str = "- ", after: str = "") -> str:
    """`text` written after a list's '- ' (or between `before` and `after`, '[' and ']'):
    as it is where YAML reads it back so, else in quotes ('[x] done' would be a list in
    brackets, 'no' false, 'Why?' in brackets ends before the comma after it)."""
    try:
        plain = yaml.safe_load(f"{before}{text}{after}") == [text]
    except yaml.YAMLError:
        plain = False
    return text if plain else quoted(text)


def joined_lines(
    lines: list[str], first: int, comments: bool = False
) -> tuple[str, str, list[str]]:
    """A text typed over `lines` (the first on line `first`) joined on one line, as YAML
    joins them, ', its lines 6-9 joined on one line' to say so, and, with `comments` (a
    plain text's lines, where ' #' starts one), their comments, to stand after the closing
    quote (a comment was put in the quotes: text in every artifact). A blank line between
    two parts paragraphs, as in a block (key: |), written \\n\\n in the quotes: the lines
    joined with a space alone lost them, silently (a review); each blank line more is one
    \\n more, as a block keeps it (three blank lines were written as one, \\n\\n, and the
    text lost two of them, where a plain bank's artifacts show each)."""
    paragraphs, gaps, kept = [""], [], []  # gaps: the blank lines after each paragraph
    for line in lines:
        if comments:
            line, comment = comment_apart(line)
            kept.append(comment.strip())
        if text := line.strip():
            paragraphs[-1] = f"{paragraphs[-1]} {text}".lstrip()
        elif paragraphs[-1]:
            paragraphs.append("")
            gaps.append(1)
        elif gaps:
            gaps[-1] += 1
    if len(paragraphs) > 1 and not paragraphs[-1]:  # blank lines at the end: no paragraph
        paragraphs.pop()
        gaps.pop()
    last = first + len(lines) - 1
    said = f", its lines {first}-{last} joined on one line"
    for count in sorted(set(gaps)):
        breaks = "\\n" * (count + 1)
        said += (
            f", {breaks} between its paragraphs"
            if count == 1
            else f", {breaks} where {count} blank lines part its paragraphs"
        )
    parted = zip(gaps, paragraphs[1:], strict=True)
    text = paragraphs[0] + "".join("\n" * (count + 1) + paragraph for count, paragraph in parted)
    return text, said, [comment for comment in kept if comment]


# what the advice says of a comment it writes after a text it puts in quotes
COMMENT_KEPT = ", its comment after the closing quote, no part of the text"


def comment_kept(comment: str) -> str:
    """COMMENT_KEPT where the line to write ends with a comment the author typed
    (`comment`), which the advice keeps out of the quotes: said, so that it is not taken
    for text to put in them (as '- "Ask: why? # note"')."""
    return COMMENT_KEPT if comment else ""


# what the advice says of the comments of a text over lines that it writes on one line, or
# as a block, each comment on a line of its own above it
COMMENTS_ABOVE = ", its comments on lines of their own above it, no part of the text"


def comments_apart(
    said: str, written: str, comments: list[str], line: str, start: int, lines: tuple[int, int]
) -> tuple[str, str]:
    """The end of advice that writes `written` (a text in quotes, after its '- ' or key)
    in place of the text typed on `lines` (the first, `line`, holds it from `start`), and
    `said` of it (', its lines 8-9 joined on one line'), its comments apart: no part of the
    text. One goes after the closing quote, as typed; more, each on a line of its own above
    it, as lines to write below the message (joined after the quote, '# a # b', they were
    one comment, not the author's). The advice's words after `said`, and those lines."""
    if len(comments) < 2:
        comment = "".join(comments)
        comment = comment if comment[:1].isspace() or not comment else f" {comment}"
        return f"{said}{comment_kept(comment)}: {written}{comment}", ""
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    below = [*(indent + comment.strip() for comment in comments), line[:start] + written]
    first, last = lines
    return (
        f"{said}{COMMENTS_ABOVE}: replace lines {first}-{last} with the lines below",
        "\n".join(below),
    )
