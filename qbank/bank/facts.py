"""Checks for the fields that say where a bank's facts come from and how it is organised:
the bank's review date and tag vocabulary, and a question's sources and overlap group.

Each check takes the checker walking the bank (as a `Reader`: bank/reader.py), so its
problems carry their node's line and join every other problem of the bank in one report.
"""

from __future__ import annotations

import re
from datetime import date

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qbank.bank.reader import Reader
from qbank.bank.syntax import name_and_description, quoted
from qbank.model import Source, Tag
from qbank.text import did_you_mean, holds_line_break

TAG_KEYS = ("name", "description")
SOURCE_KEYS = ("title", "url")
GROUP_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")  # ASCII digits: \d takes "２"
_URL = re.compile(r"https?://[^\s/]+\S*")
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/?#]\S*)?", re.IGNORECASE)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# what the advice on a source writes for the title or address it cannot know: typed as
# written, each is told what to put in its place (a title of these words was taken)
_ANY_TITLE = "the page's title"
_ANY_URL = "https://the page's address"
_STANDS_FOR = {
    _ANY_TITLE: "the page's own title: write it in its place, as the page shows it, in the quotes",
    _ANY_URL: "the page's own address: open the page in a browser, copy the address from its "
    "address bar, and paste it in its place, in the quotes",
}


def reviewed(checker: Reader, node: Node | None) -> date | None:
    """`reviewed: YYYY-MM-DD`, quoted or not (YAML reads an unquoted one as a date)."""
    if checker.absent(node):
        return None
    assert node is not None
    value = node.value.strip() if isinstance(node, ScalarNode) else ""
    found = _DATE.fullmatch(value)
    if isinstance(node, ScalarNode) and node.tag in (_TIMESTAMP, "tag:yaml.org,2002:str"):
        if found:
            try:
                return date(*(int(part) for part in found.groups()))
            except ValueError:
                checker.problem(node, f"'reviewed' is not a day of the calendar: {value}")
                return None
    shown = value if isinstance(node, ScalarNode) else "a list or mapping"
    checker.problem(
        node,
        f"'reviewed' must be the day the facts were checked, as YYYY-MM-DD "
        f"(e.g. 2026-11-30), not {shown}",
    )
    return None


def vocabulary(checker: Reader, node: Node | None) -> tuple[Tag, ...]:
    """The top-level `tags:` list: each a mapping with `name` and a one-line `description`."""
    if checker.absent(node):
        return ()
    assert node is not None
    if not isinstance(node, SequenceNode) or not node.value:
        checker.problem(
            node, "'tags' must be a list of tags, each with a name and a one-line description"
        )
        return ()
    tags: list[Tag] = []
    first: dict[str, int] = {}
    for item in node.value:
        if not isinstance(item, MappingNode):
            checker.problem(
                item, name_and_description(item, "tags", "when a question carries this tag")
            )
            # a name alone is still listed: a question carrying it is not told it is not
            name = item.value.strip() if isinstance(item, ScalarNode) else ""
            if name and name not in first:
                first[name] = checker.line(item)
                tags.append(Tag(name, ""))
            continue
        fields = checker.mapping(item, TAG_KEYS, "tags: ")
        name = checker.text(fields, "name", "tags: ", item, required=True)
        description = checker.text(fields, "description", "tags: ", item, required=True)
        if name is None or description is None:
            continue
        where = f"tags: '{name}': "
        if name in first:
            checker.problem(item, f"{where}listed twice; first on line {first[name]}")
            continue
        if holds_line_break(description):
            checker.problem(fields["description"], f"{where}the description must be one line")
        first[name] = checker.line(item)
        tags.append(Tag(name, description))
    return tuple(tags)


def question_tags(checker: Reader, node: Node | None, known: tuple[Tag, ...], where: str) -> None:
    """With a vocabulary, every tag of a question must be one of it."""
    if not known or checker.absent(node) or not isinstance(node, SequenceNode):
        return
    names = [t.name for t in known]
    for item in node.value:
        if isinstance(item, ScalarNode) and item.value.strip() and item.value.strip() not in names:
            tag = item.value.strip()
            checker.problem_here(
                item,
                f"{where}tag '{tag}' is not in the bank's 'tags' list{did_you_mean(tag, names)}"
                " (add it there with a description, or use one of the listed tags)",
            )


def _source_alone(text: str, in_brackets: bool = True) -> str:
    """What to write for a source typed as a web address or a title alone, or both in one
    text (an item of a list `in_brackets`, or under a dash)."""
    # in its place: right in `sources: [...]` and under a dash alike ('- {...}' typed into
    # the brackets was invalid YAML, a trial)
    url = _address(_unwrapped(text))
    if url:
        return (
            "a source needs a title as well as its address: write "
            f"{{title: {quoted(_ANY_TITLE)}, url: {quoted(url)}}} in its place"
        )
    pages = _pages(text)
    repeated = "".join(_typed_again(url, len(titles)) for url, titles in pages.items())
    if text and (apart := _title_and_address(text)):
        title, url = apart
        return (
            f"a source's title and its address go apart{repeated}: write "
            f"{{title: {quoted(title)}, url: {quoted(url)}}} in its place"
        )
    if len(pages) > 1:
        # 'See https://a.org/x and https://b.org/y' was told the title 'See and https://...'
        written = [
            f"{{title: {quoted(_title_of(titles))}, url: {quoted(url)}}}"
            for url, titles in pages.items()
        ]
        said = f"a source is one page, a title and its address{repeated}: write"
        if in_brackets:
            return f"{said} {', '.join(written)} in its place"
        # under a dash, the two on its line were invalid YAML ('did not find expected '-'')
        dashed = " and ".join(f"- {page}" for page in written)
        return f"{said} {dashed} in its place, each on a line of its own"
    if pages:  # one address typed twice, or a link whose text is its address
        (url,) = pages
        return (
            f"a source needs a title as well as its address{repeated}: write "
            f"{{title: {quoted(_ANY_TITLE)}, url: {quoted(url)}}} in its place"
        )
    if text:
        return (
            "a source needs a web address as well as its title: write "
            f"{{title: {quoted(text)}, url: {quoted(_ANY_URL)}}} in its place"
        )
    return "each source must be a title and a web address: - {title: ..., url: https://...}"


def _typed_again(url: str, count: int) -> str:
    """' (https://a.org/x is typed twice; once is enough)' for an address typed more than
    once in a source, which is still one page: it was told as two sources of one address."""
    if count < 2:
        return ""
    times = "twice" if count == 2 else f"{count} times"
    return f" ({url} is typed {times}; once is enough)"


def _title_of(titles: list[str]) -> str:
    """The title a page's Markdown link gives it, else the words a user replaces."""
    return next(filter(None, titles), _ANY_TITLE)


def _pages(text: str) -> dict[str, list[str]]:
    """The web pages a source typed as one text names, in the order typed, each address
    once (typed twice, it is one page) with the title of each time it is typed: a Markdown
    link's text ('[Docs](...)'), else ''. '[Docs](https://a.org/x) https://b.org/y' is two
    pages: it was told the title '[Docs](https://a.org/x)' beside the second address."""
    pages: dict[str, list[str]] = {}
    for found in _LINK_OR_WORD.finditer(text):
        title, url = (found[1] or "").strip(), _address(_unwrapped(found[2] or found[0]))
        if url:  # a link whose text is its address ('[https://a.org](...)') gives no title
            pages.setdefault(url, []).append("" if _address(_unwrapped(title)) else title)
    return pages


def _address(text: str) -> str:
    """`text` as a source's url, when it is a web address: as written, or as a browser's
    bar shows it ('www.rae.es/dpd', which 'Node.js' is not) with https:// before it; ''
    when it is none."""
    if _URL.fullmatch(text):
        return text
    bare = _HOST.fullmatch(text) and ("/" in text or text.lower().startswith("www."))
    return f"https://{text}" if bare else ""


def _unwrapped(word: str) -> str:
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


_MARKDOWN_LINK = r"\[([^\]]+)\]\((\S+)\)"
_LINK_OR_WORD = re.compile(rf"{_MARKDOWN_LINK}|\S+")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|<\s*>|\[\s*\]")
_BETWEEN = " \t:;,|-\u2013\u2014"  # what parts a title from its address: 'Manual: https://...'


def _title_and_address(text: str) -> tuple[str, str] | None:
    """A source typed as one text that holds its title and its web address ('Python docs
    https://docs.python.org/3/', '[Python docs](https://...)', 'Manual (www.rae.es/dpd)'):
    the two, the address as a url takes it. The advice said url: "https://the page's
    address" beside the whole text as its title, and followed as said was refused again."""
    pages = _pages(text)
    if len(pages) != 1:  # none, or two pages in one source (said by _source_alone)
        return None
    ((url, _),) = pages.items()
    # the words around the address, each time it is typed taken out; a Markdown link's
    # text in its place ('[Python docs](...) and more': the words after it were dropped)
    title = re.sub(_MARKDOWN_LINK, r"\1", text)
    for word in title.split():
        if _address(_unwrapped(word)) == url:
            title = title.replace(word, " ")
    title = _EMPTY_BRACKETS.sub(" ", title)
    for opener, closer in ("()", "<>", "[]"):  # 'Manual (see' of 'Manual (see x.org/a)'
        if title.count(opener) > title.count(closer):
            title = title[: title.rindex(opener)]
    title = " ".join(title.split()).strip(_BETWEEN)
    # 'https://d.org/q (Docs)': the title is the words in the brackets, when they are
    # one pair ('(Docs) (PDF)' was told the title 'Docs) (PDF')
    for opener, closer in ("()", "<>", "[]"):
        inner = title[1:-1]
        if title[:1] + title[-1:] == opener + closer and not {opener, closer} & set(inner):
            title = inner.strip(_BETWEEN)
    return (title, url) if any(c.isalnum() for c in title) else None


def sources(checker: Reader, node: Node | None, where: str) -> tuple[Source, ...]:
    """A question's `sources:`: a list of mappings with `title` and an http(s) `url`."""
    if checker.absent(node):
        return ()
    assert node is not None
    if not isinstance(node, SequenceNode):
        checker.problem(
            node,
            f"{where}'sources' must be a list, even of one source: put it in brackets, "
            "sources: [{title: ..., url: ...}], or under 'sources:' on a line of its own that "
            "starts with '- '",
        )
        return ()
    found: list[Source] = []
    first: dict[str, int] = {}  # each source's address, and its line
    split = _split_in_two(node)
    for item in node.value:
        typed = _typed_as_text(item)
        if typed is not None:
            checker.problem(item, f"{where}{_source_alone(typed, bool(node.flow_style))}")
            continue
        assert isinstance(item, MappingNode)
        if item in split:
            if split[item] is not None:
                checker.problem(item, f"{where}{split[item]}")
            continue
        fields = checker.mapping(item, SOURCE_KEYS, f"{where}source: ")
        title = checker.text(fields, "title", f"{where}source: ", item, required=True)
        url = checker.text(fields, "url", f"{where}source: ", item, required=True)
        for key, typed in (("title", title), ("url", url)):
            if typed is not None and (instead := _STANDS_FOR.get(_as_advised(typed))):
                checker.problem(
                    fields[key], f"{where}source {key}: {quoted(typed)} stands for {instead}"
                )
                title = url = None
        if url is not None and not _URL.fullmatch(url):
            # a web address as a browser's bar shows it (`rae.es/dpd`), or in the brackets
            # of a page's text (`<https://...>`): the one to write
            meant = _unwrapped(url.strip())
            meant = f"https://{meant}" if _HOST.fullmatch(meant) else _address(meant)
            bare = f"; write url: {quoted(meant)}" if meant else ""
            checker.problem(
                fields["url"],
                f"{where}source url must be a web address starting with https:// or http:// "
                f"and holding no spaces{bare}",
            )
            continue
        if title is not None and url is not None:
            if url in first:  # a source's line copied twice, listed twice without a word
                checker.problem_here(
                    fields["url"],
                    f"warning: {where}source {url} is listed twice, first on line {first[url]}, "
                    "and so in every artifact; delete one",
                    warning=True,
                )
            first.setdefault(url, checker.line(item))
            found.append(Source(title, url))
    return tuple(found)


_ADDRESS_WORDS = frozenset({*SOURCE_KEYS, "link", "href", "uri", "address", "web", "website"})


def _typed_as_text(item: Node) -> str | None:
    """A source typed as one text: a text, or a title and its address with a colon between
    ('- Python docs: https://docs.python.org/3/'), which YAML reads as a key and its value
    (told as an unknown key 'Python docs', a missing title and a missing url). None for a
    source written as its fields."""
    if not isinstance(item, MappingNode):
        return item.value.strip() if isinstance(item, ScalarNode) else ""
    if len(item.value) != 1:
        return None
    key, value = item.value[0]
    if not isinstance(key, ScalarNode) or not isinstance(value, ScalarNode):
        return None
    if key.value.casefold() in _ADDRESS_WORDS or not _pages(f"{key.value} {value.value}"):
        return None  # a key of the user's for the address ('link: https://...'), no title
    return f"{key.value}: {value.value}"


def _split_in_two(node: SequenceNode) -> dict[Node, str | None]:
    """The sources written as a title and an address, each under a dash of its own ('-
    title: ...', then '- url: ...'): two sources to YAML, told as one missing its url and
    the other its title. The second of each pair with what to do, the first with None."""
    split: dict[Node, str | None] = {}
    for first, second in zip(node.value, node.value[1:], strict=False):
        keys = [
            tuple(k.value for k, _ in item.value) if isinstance(item, MappingNode) else ()
            for item in (first, second)
        ]
        if sorted(keys) != [("title",), ("url",)] or first in split:
            continue
        if node.flow_style or first.flow_style or second.flow_style:
            continue  # '- {title: ...}': the braces would be left alone without their dash
        (upper,), (lower,) = keys
        split[first] = None
        split[second] = (
            f"source: the '- ' before '{lower}:' starts a second source, so the {upper} on "
            f"line {first.start_mark.line + 1} is one source and this line another: put two "
            f"spaces in place of this '- ', '{lower}:' under '{upper}:'"
        )
    return split


def _as_advised(typed: str) -> str:
    """A title or address as the advice's words would be typed: curly apostrophes straight."""
    return " ".join(typed.replace("\u2019", "'").split()).casefold()


def group(checker: Reader, fields: dict[str, Node], where: str, at: Node) -> str | None:
    """A question's `group:`, a name like an id."""
    name = checker.text(fields, "group", where, at)
    if name is not None and not GROUP_PATTERN.fullmatch(name):
        checker.problem(
            fields["group"], f"{where}group must be lowercase letters, digits and single hyphens"
        )
        return None
    return name


def lone_groups(checker: Reader, members: dict[str, list[tuple[int, str]]]) -> None:
    """A group names two or more questions; a group of one is most likely a typo.
    `members` maps each group to the (line, "question 'id': ") of every question in it,
    also of questions refused for other problems, so a typo is found in the same report."""
    shared = [name for name, found in members.items() if len(found) > 1]
    for name, found in members.items():
        if len(found) == 1:
            line, where = found[0]
            checker.problem(
                line,
                f"{where}group '{name}' has no other question{did_you_mean(name, shared)} "
                "(a group names questions that probe the same thing, so an interviewer "
                "asks one of them)",
            )
