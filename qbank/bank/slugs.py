"""Question ids made from question text: a slug, unique in the bank, proposed for a new
question (`check --fix-ids`, and check's advice where a question's `- id:` line is
missing) or a spreadsheet row without one (`import`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
ENGLISH_SMALL_WORDS = _STOP_WORDS["en"]  # a text in English holds many (bank/imported.py)


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


# an id as typed in a file ('- id: q1', 'id: "q1"', '{id: q1, ...}')
_ID_TYPED = re.compile(r"""\bid:[ \t]+["']?([^\s"',}\]]+)""")


def ids_typed(text: str) -> set[str]:
    """The ids a bank's text holds, as typed: those an id proposed in check's advice (for
    a question whose `- id:` line is missing) must not take."""
    return set(_ID_TYPED.findall(text))
