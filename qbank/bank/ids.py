"""Question ids made from question text: a slug, unique in the bank, proposed for a new
question (`check --fix-ids`) or a spreadsheet row without one (`import`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qbank.bank import _Loader
from qbank.bank.checks import _scalar_text
from qbank.text import ascii_slug, primary

# what a slug would take apart or spell as letters of their own: the apostrophe of an
# English contraction ("what-s" of What's), the marks ™ ® ℠ ("donetm" of Done™: NFKD
# spells ™ as TM), and the names C++, C# and F# ("c-vs-c" of "C++ vs C#": an edge-bank
# trial)
_INSIDE_WORD = re.compile(
    r"(?<=\w)['\u2019](?=(?:s|t|re|ll|ve|d|m)\b)|[\u2122\u00ae\u2120\u00a9]", re.IGNORECASE
)  # an English contraction's: French "l'été" stays two words (l-ete, not lete: a review)
_PLUS_PLUS = re.compile(r"(?<![\w+])([A-Za-z])\+\+(?![\w+])")
_SHARP = re.compile(r"(?<![\w#])([CFcf])#(?![\w#])")
MAX_WORDS = 6
MAX_WORD_LETTERS = 20  # a made id stays a name a person reads: at most 6 x 20 letters
# the small words an id leaves out, by the bank's language: articles, the commonest
# prepositions, 'and', 'or', 'is' and what makes a question ('do', French 'qu' and the 't'
# of 'appelle-t-on'), as ASCII spells them (French 'à' is 'a', German 'für' 'fuer'); a
# French sheet's 'Qu'appelle-t-on un ...' was cut by the English words, its 'on' left out
# and 'qu' and 't' kept ('qu-appelle-t'). A language without words here takes English's
_STOP = {
    "en": "a an the of to in on for and or is are do does",
    "fr": "le la les l un une des du de d a au aux en dans sur pour et ou est sont qu que t",
    "de": "der die das den dem des ein eine einen einem einer eines von zu zum zur im in am an "
    "auf fuer und oder ist sind",
    "es": "el la los las lo un una unos unas de del al a en por para y o es son que",
    "it": "il lo la i gli le l un una uno di del della dei delle a al alla in nel nella per da "
    "e o sono che",
    "pt": "o a os as um uma uns umas de do da dos das em no na nos nas por para e ou sao que",
    "nl": "de het een van in op voor te aan en of is zijn",
}
_STOP_WORDS = {language: frozenset(words.split()) for language, words in _STOP.items()}


def id_slug(text: str, language: str = "") -> str:
    """The slug of `text` in ASCII letters (a code span's backticks dropped, so `nmap`'s
    word stays whole), at most MAX_WORDS words of at most MAX_WORD_LETTERS letters (small
    words of `language`, _STOP, left out when others remain);
    "question" when no letter or digit survives (a text in Chinese, Arabic ...)."""
    text = _INSIDE_WORD.sub("", text.replace("`", ""))
    text = _SHARP.sub(r"\1sharp", _PLUS_PLUS.sub(r"\1pp", text))
    words = [word for word in ascii_slug(text, language).split("-") if word]
    stop = _STOP_WORDS.get(primary(language), _STOP_WORDS["en"])
    kept = [w for w in words if w not in stop] or words
    # and each word cut at MAX_WORD_LETTERS: a word of 974 letters made an id as long (a
    # hostile trial), and a refusal of 100 KB that named it
    return "-".join(w[:MAX_WORD_LETTERS] for w in kept[:MAX_WORDS]) or "question"


def unique_id(
    text: str,
    taken: Iterable[str] | set[str],
    tried: dict[str, int] | None = None,
    language: str = "",
) -> str:
    """A slug of `text` that is not in `taken`: -2, -3, ... is added when it is. `tried`
    remembers, across calls, the last number each slug reached, so that 20,000 questions
    of one text get their ids in linear time rather than trying -2 to -20000 each.
    `language`: the bank's, which spells some letters its own way (see ascii_slug)."""
    taken = taken if isinstance(taken, set) else set(taken)
    base = id_slug(text, language)
    n = 1 if tried is None else tried.get(base, 1)
    candidate = base if n == 1 else f"{base}-{n}"
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    if tried is not None:
        tried[base] = n
    return candidate


class Unfixable(ValueError):
    """A bank whose ids cannot be added by editing lines (anchors, explicit keys)."""


def fix_ids(data: bytes) -> tuple[bytes, list[tuple[int, str]]]:
    """The bank file's bytes with an id for each question without one, made from its text:
    a new `id:` line (or entry, in a `{...}` mapping) at the question's first key; every
    other character stays as it was. Also the (line, id) of each id added. Unfixable when
    the bank uses anchors, aliases or explicit `? key`s, which a line added at a question
    could change the meaning of."""
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
        root = yaml.compose(text, Loader=_Loader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return data, []  # the check that follows reports why the bank cannot be read
    missing, taken = _without_id(root)
    if not missing:
        return data, []
    _refuse_what_lines_cannot_edit(text)
    lines = text.splitlines(keepends=True)
    new_ids: list[str] = []
    tried: dict[str, int] = {}
    language = _scalar_text(root, "language") or ""
    for node in missing:
        text = _scalar_text(node, "question") or "question"
        new_ids.append(unique_id(text, taken, tried, language))
        taken.add(new_ids[-1])
    for node, new in reversed(list(zip(missing, new_ids, strict=True))):  # from the end,
        first_key = node.value[0][0].start_mark  # so the lines above stay where they are
        line = lines[first_key.line]
        head, tail = line[: first_key.column], line[first_key.column :]
        if node.flow_style:
            lines[first_key.line] = f"{head}id: {new}, {tail}"
        else:
            ending = line[len(line.rstrip("\r\n")) :] or "\n"
            lines[first_key.line] = f"{head}id: {new}{ending}{' ' * first_key.column}{tail}"
    added, inserted = [], 0  # each id's line in the new text
    for node, new in zip(missing, new_ids, strict=True):
        added.append((node.value[0][0].start_mark.line + 1 + inserted, new))
        inserted += 0 if node.flow_style else 1
    data = "".join(lines).encode("utf-8")
    return (b"\xef\xbb\xbf" + data if bom else data), added


def _refuse_what_lines_cannot_edit(text: str) -> None:
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
            what = "an anchor (&)" if isinstance(token, yaml.AnchorToken) else "an alias (*)"
        elif isinstance(token, yaml.KeyToken) and text[token.start_mark.index] == "?":
            what = "an explicit key (? key)"
        else:
            continue
        raise Unfixable(
            f"{token.start_mark.line + 1}: the bank uses {what}, and an id added to a "
            "question there might change what it repeats or means; add the ids by hand "
            "(check names each question without one)"
        )


def _without_id(root: Node | None) -> tuple[list[MappingNode], set[str]]:
    """The question mappings that have no `id` key, and the ids the others have."""
    if not isinstance(root, MappingNode):
        return [], set()
    questions = next(
        (v for k, v in root.value if isinstance(k, ScalarNode) and k.value == "questions"), None
    )
    if not isinstance(questions, SequenceNode):
        return [], set()
    missing, taken = [], set()
    for item in questions.value:
        if not isinstance(item, MappingNode) or not item.value:
            continue
        qid = _scalar_text(item, "id")
        if qid is None and not any(k.value == "id" for k, _ in item.value):
            missing.append(item)
        elif qid:
            taken.add(qid)
    return missing, taken
