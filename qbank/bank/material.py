"""A question whose material (its code block, table or picture) sits in its hint alone.

"What does this alert fire on?" with the alert's rule written in the hint prints with
nothing to read on the workshop handout and on a card's front, which leave the hint out,
and an interviewer reading the packet finds the rule under the hint, among the answer.
The bank's content decides: the question is words alone (no code block, table, picture,
list or quote of its own), its hint shows a code block, table or picture, and the question
points at something to read, in a word of its language ('this', 'these', 'following',
'below'), or ends with a colon that nothing follows. A hint's table or code as the
answer ("Compare the four approaches." over a table) is no such question: the question
points at nothing.
"""

from __future__ import annotations

import re

from qbank.rich import CodeBlock, Paragraph, Picture, RichText, Table, walk
from qbank.text import one_line, primary, shorten

Material = CodeBlock | Table | Picture
KINDS = {CodeBlock: "code block", Table: "table", Picture: "picture"}

# the words that point at something shown with the question, by its language: 'this' and
# 'these' ('this query'), 'following', 'below'; not a word that is as often another one
# (French 'ce' of 'qu'est-ce que', Italian 'sotto' of 'sotto attacco'), nor 'here', which
# points at the situation as often ("what would you ask here?" of `qbank new`'s bank).
# English's count in every language: a bank in Spanish may ask in English, as a
# vocabulary bank's "What does this picture show?"
_POINTERS = {
    "en": "this these following below",
    "fr": "cet cette ces ceci suivant suivante suivants suivantes ci-dessous voici",
    "de": "dieser diese dieses diesen diesem folgende folgenden folgender folgendes unten",
    "es": "este esta estos estas esto siguiente siguientes abajo",
    "it": "questo questa questi queste seguente seguenti",
    "pt": "este esta estes estas isto esse essa esses essas seguinte seguintes abaixo",
    "nl": "deze dit volgende hieronder",
}
_POINTER_WORDS = {language: frozenset(words.split()) for language, words in _POINTERS.items()}
# Chinese and Japanese write no blanks between words: these point wherever they stand
_POINTER_MARKS = {
    "zh": ("这", "以下", "下面", "如下"),
    "ja": ("この", "これ", "次の", "以下", "下記"),
}
_WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？]")
_COLONS = (":", "\uff1a")  # and the full-width one of Chinese and Japanese


def material_in_hint(question: RichText, hint: RichText, language: str) -> Material | None:
    """The first code block, table or picture of `hint` when `question` (in `language`,
    a tag) is words alone and points at something to read: a pointer word in its first
    sentence (a later one may point back at the scenario before it: "A user pastes a key.
    How do you detect this?"), anywhere when the hint opens with that block, or a colon
    that ends it; else None."""
    if any(not isinstance(block, Paragraph) for block in question.blocks):
        return None  # its own code, table, picture, list or quote is what it points at
    found = next((block for block in walk(hint.blocks) if isinstance(block, Material)), None)
    if found is None:
        return None
    prose = _prose(question)
    if prose.rstrip().endswith(_COLONS):
        return found
    first = _SENTENCE_END.split(prose, maxsplit=1)[0]
    opens = hint.blocks[0] is found
    return found if _points(first, language) or (opens and _points(prose, language)) else None


def misplaced(block: Material, question: RichText, interview: bool, as_block: bool) -> str:
    """What to tell of `block`, found by material_in_hint: what the reader misses, and how
    to move it; `interview`: the bank is for interviews (its packet shows the hint);
    `as_block`: the question is written as a `|` block already."""
    kind = KINDS[type(block)]
    asked = shorten(one_line(question.plain()), 61, at_word=True)
    packet = (
        ", and the interviewer's packet shows it only under the hint, with the answer"
        if interview
        else ""
    )
    how = (
        ""
        if as_block
        else f" (write question: | and, on the lines under it, the question and the {kind}, "
        "indented as the hint's lines are)"
    )
    return (
        f"the question points at something to read ('{asked}'), but the {kind} is in its "
        "hint, which the workshop handout and the front of a card leave out: there the "
        f"question shows nothing to read{packet}; move the {kind} into the question, under "
        f"its words{how}"
    )


def _prose(text: RichText) -> str:
    """The words of a text's paragraphs, each code span a blank: a name's dots
    (`client.chat.create()`) end no sentence, and its words point at nothing."""
    return " ".join(
        "".join(" " if span.code else span.text for span in block.spans)
        for block in walk(text.blocks)
        if isinstance(block, Paragraph)
    )


def _points(words: str, language: str) -> bool:
    """Whether `words` hold a word of `language` that points at something shown."""
    tongue = primary(language)
    if any(mark in words for mark in _POINTER_MARKS.get(tongue, ())):
        return True
    pointers = _POINTER_WORDS["en"] | _POINTER_WORDS.get(tongue, frozenset())
    return any(word.casefold() in pointers for word in _WORD.findall(words))
