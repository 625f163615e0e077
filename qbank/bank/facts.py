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
from qbank.bank.syntax import name_and_description
from qbank.bank.written import (
    ANY_TITLE,
    ANY_URL,
    HOST,
    WEB_ADDRESS,
    address,
    pages,
    quoted,
    title_and_address,
    typed_again,
    unwrapped,
    written_sources,
)
from qbank.model import Source, Tag
from qbank.text import did_you_mean, holds_line_break

TAG_KEYS = ("name", "description")
SOURCE_KEYS = ("title", "url")
GROUP_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")  # ASCII digits: \d takes "２"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STANDS_FOR = {
    ANY_TITLE: "the page's own title: write it in its place, as the page shows it, in the quotes",
    ANY_URL: "the page's own address: open the page in a browser, copy the address from its "
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
    written = written_sources(text)
    repeated = "".join(typed_again(url, len(titles)) for url, titles in pages(text).items())
    if len(written) > 1:
        # 'See https://a.org/x and https://b.org/y' was told the title 'See and https://...'
        said = f"a source is one page, a title and its address{repeated}: write"
        if in_brackets:
            return f"{said} {', '.join(written)} in its place"
        # under a dash, the two on its line were invalid YAML ('did not find expected '-'')
        dashed = " and ".join(f"- {page}" for page in written)
        return f"{said} {dashed} in its place, each on a line of its own"
    if written:  # one address, typed once or twice, with or without its title
        said = (
            "a source's title and its address go apart"
            if title_and_address(text)
            else "a source needs a title as well as its address"
        )
        return f"{said}{repeated}: write {written[0]} in its place"
    if text:
        return (
            "a source needs a web address as well as its title: write "
            f"{{title: {quoted(text)}, url: {quoted(ANY_URL)}}} in its place"
        )
    return "each source must be a title and a web address: - {title: ..., url: https://...}"


def sources(checker: Reader, node: Node | None, where: str) -> tuple[Source, ...]:
    """A question's `sources:`: a list of mappings with `title` and an http(s) `url`."""
    if checker.absent(node):
        return ()
    assert node is not None
    if not isinstance(node, SequenceNode):
        written = written_sources(node.value) if isinstance(node, ScalarNode) else []
        write = (
            f"write sources: [{', '.join(written)}]"
            if written
            else "put it in brackets, sources: [{title: ..., url: ...}], or under 'sources:' "
            "on a line of its own that starts with '- '"
        )
        checker.problem(node, f"{where}'sources' must be a list, even of one source: {write}")
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
        if url is not None and not WEB_ADDRESS.fullmatch(url):
            # a web address as a browser's bar shows it (`rae.es/dpd`), or in the brackets
            # of a page's text (`<https://...>`): the one to write
            meant = unwrapped(url.strip())
            meant = f"https://{meant}" if HOST.fullmatch(meant) else address(meant)
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
    if key.value.casefold() in _ADDRESS_WORDS or not pages(f"{key.value} {value.value}"):
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
                "asks one of them; if the others were taken out, remove this 'group' line)",
            )
