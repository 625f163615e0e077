"""Checks on a composed bank, node by node, so each problem carries its node's line.

Only plain text, numbers, lists and mappings get through; every problem is collected.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qbank.bank import facts, structure
from qbank.bank.images import copied_here
from qbank.bank.logo import read_logo
from qbank.bank.material import material_in_hint, misplaced
from qbank.bank.slugs import ids_typed, unique_id
from qbank.bank.source import Source
from qbank.bank.syntax import (
    CURLY_CLOSING,
    CURLY_OPENING,
    CURLY_QUOTES,
    PASTED_BULLETS,
    QUESTION_KEYS,
    item_left_of_list,
    too_deep,
)
from qbank.bank.written import (
    COMMENT_AFTER,
    as_item,
    as_value,
    colon_typed,
    comment_apart,
    comment_kept,
    comments_apart,
    joined_lines,
    list_in_brackets,
    quoted,
)
from qbank.bank.written import spaces as _spaces
from qbank.errors import Problem
from qbank.model import (
    DEFAULT_SCORES,
    Bank,
    Competency,
    Logo,
    Question,
    RubricLevel,
    Section,
    Tag,
)
from qbank.rich import RichText, Table, walk
from qbank.text import (
    LANGUAGE,
    LANGUAGE_LONGEST,
    and_list,
    anki_tag,
    ascii_slug,
    closest,
    did_you_mean,
    holds_line_break,
    language_advice,
    one_line,
    shorten,
    shows_nothing,
    unseen_characters,
)

if TYPE_CHECKING:  # loaded by a bank of `markup: markdown` (markdown-it: 20 ms of a start)
    from qbank.bank.markdown import MarkdownReader

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_YAML_TAG = "tag:yaml.org,2002:"
_STR, _INT, _NULL = _YAML_TAG + "str", _YAML_TAG + "int", _YAML_TAG + "null"
# a list item YAML reads as text without quotes: it starts with a letter, is no true/false
# or null word, and holds none of the characters flow YAML reads as its own
_PLAIN_ITEM = re.compile(r"(?!(?i:y|n|yes|no|true|false|on|off|null)$)[^\W\d_][\w .+/-]*")
# "timestamp": an unquoted `reviewed: 2026-11-30`; any other field refuses it as not text
_PLAIN_TAGS = {
    _YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}

# the keys of the bank that hold a list
_LISTS = frozenset({"questions", "sections", "competencies", "rubric", "tags"})
TOP_KEYS = (
    "title",
    "description",
    "role",
    "organisation",
    "logo",
    "language",
    "reviewed",
    "markup",
    "tags",
    "competencies",
    "sections",
    "questions",
    "rubric",
)
MARKUPS = ("plain", "markdown")
# The fields that are CommonMark in a `markup: markdown` bank; the title, names, ids, tags
# and rubric labels stay plain text, since they are headings, keys and labels
RICH_KEYS = frozenset({"description", "question", "hint", "note", "look_for", "follow_ups"})
# Other names people give a question's fields (a spreadsheet's headers, other tools' words):
# `qbank import` reads a column so named as that field, and check suggests the field
# a word processor's bullet before a list's item, pasted ('• ', '▪ ')
_PASTED_BULLET = re.compile(f"[*+{PASTED_BULLETS}][ \t]")
# a question's field a new user gives a picture in; a picture goes in a text
_PICTURE_KEYS = frozenset(
    {"picture", "pictures", "image", "images", "img", "diagram", "figure", "photo"}
)
# a question's field a new user gives the question its own rating scale in; a bank has one
_SCALE_KEYS = frozenset({"rubric", "scale", "rating_scale", "rating", "ratings", "levels"})
SYNONYMS = {
    "answer": "hint",
    "back": "hint",
    "front": "question",
    "category": "section",
    "topic": "section",
    "tag": "tags",
    "lookfor": "look_for",
    "followups": "follow_ups",
    "follow_up": "follow_ups",
    "notes": "note",
    "guid": "id",
    "source": "sources",
}
# the fields' words in the languages of most banks after English, by language: a sheet made
# by hand is headed in its maker's ('Question;Réponse;Catégorie' was refused: no 'hint'
# column). Read as SYNONYMS are, but never offered for a typo ('minuts' is 'minutes', not
# 'minutos'); a new bank's language is the one its sheet's headers are in (header_language)
HEADER_LANGUAGE_NAMES = {
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
}  # the languages of OTHER_LANGUAGES, as a message names them
OTHER_LANGUAGES = {
    "fr": {
        "question": ("énoncé",),
        "hint": ("réponse", "reponse", "indice", "corrigé"),
        "section": ("catégorie", "rubrique", "thème", "partie", "chapitre"),
        "tags": ("étiquettes", "motsclés"),
        "minutes": ("durée",),
        "note": ("remarque",),
        "look_for": ("attendus",),
        "follow_ups": ("relances",),
        "competency": ("compétence",),
        "group": ("groupe",),
        "anchors": ("descripteurs",),
    },
    "de": {
        "question": ("frage",),
        "hint": ("antwort", "lösung", "hinweis"),
        "section": ("abschnitt", "kategorie", "thema", "kapitel"),
        "tags": ("schlagwörter", "stichwörter", "schlagworte"),
        "minutes": ("minuten", "dauer"),
        "note": ("notiz", "anmerkung", "bemerkung"),
        "sources": ("quellen",),
        "look_for": ("woraufachten",),
        "follow_ups": ("nachfragen",),
        "competency": ("kompetenz",),
        "group": ("gruppe",),
        "anchors": ("verhaltensanker",),
    },
    "es": {
        "question": ("pregunta", "enunciado"),
        "hint": ("respuesta", "pista", "solución"),
        "section": ("sección", "categoría", "tema", "capítulo"),
        "tags": ("etiquetas",),
        "minutes": ("minutos", "duración"),
        "note": ("nota",),
        "sources": ("fuentes",),
        "look_for": ("quéobservar",),
        "follow_ups": ("seguimiento",),
        "competency": ("competencia",),
        "group": ("grupo",),
        "anchors": ("descriptores",),
    },
    "it": {
        "question": ("domanda",),
        "hint": ("risposta", "soluzione", "suggerimento"),
        "section": ("sezione", "categoria", "argomento", "capitolo"),
        "tags": ("etichette",),
        "minutes": ("minuti", "durata"),
        "note": ("nota",),
        "sources": ("fonti",),
        "look_for": ("cosaosservare",),
        "follow_ups": ("approfondimenti",),
        "competency": ("competenza",),
        "group": ("gruppo",),
        "anchors": ("descrittori",),
    },
    "pt": {
        "question": ("pergunta",),
        "hint": ("resposta", "dica", "solução"),
        "section": ("seção", "secção", "capítulo", "categoria", "tema"),
        "tags": ("etiquetas",),
        "minutes": ("minutos",),
        "note": ("nota",),
        "sources": ("fontes",),
        "look_for": ("oqueobservar",),
        "follow_ups": ("aprofundamentos",),
        "competency": ("competência",),
        "group": ("grupo",),
        "anchors": ("descritores",),
    },
    "nl": {
        "question": ("vraag",),
        "hint": ("antwoord", "oplossing"),
        "section": ("sectie", "categorie", "onderwerp", "hoofdstuk"),
        "tags": ("trefwoorden", "labels"),
        "minutes": ("minuten", "duur"),
        "note": ("notitie", "opmerking"),
        "sources": ("bronnen",),
        "look_for": ("letop",),
        "follow_ups": ("vervolgvragen",),
        "competency": ("competentie",),
        "group": ("groep",),
        "anchors": ("gedragsankers",),
    },
}
# the header `export` writes for each field in a bank of one of those languages, as its
# teacher would head the column, so that the sheet comes back in the words it went in
# ('Question;Réponse;Thème' came back 'question;hint;section'); each reads back as its
# field through OTHER_LANGUAGES (a test reads every one; French 'Question' and 'Sources' as
# the fields' own names, which are French words too), and 'id' stays as it is
SHEET_HEADERS = {
    "fr": {
        "question": "Question",
        "hint": "Réponse",
        "section": "Thème",
        "tags": "Étiquettes",
        "look_for": "Attendus",
        "follow_ups": "Relances",
        "minutes": "Durée",
        "note": "Remarque",
        "group": "Groupe",
        "sources": "Sources",
        "competency": "Compétence",
        "anchors": "Descripteurs",
    },
    "de": {
        "question": "Frage",
        "hint": "Antwort",
        "section": "Abschnitt",
        "tags": "Schlagwörter",
        "look_for": "Worauf achten",
        "follow_ups": "Nachfragen",
        "minutes": "Minuten",
        "note": "Notiz",
        "group": "Gruppe",
        "sources": "Quellen",
        "competency": "Kompetenz",
        "anchors": "Verhaltensanker",
    },
    "es": {
        "question": "Pregunta",
        "hint": "Respuesta",
        "section": "Sección",
        "tags": "Etiquetas",
        "look_for": "Qué observar",
        "follow_ups": "Seguimiento",
        "minutes": "Minutos",
        "note": "Nota",
        "group": "Grupo",
        "sources": "Fuentes",
        "competency": "Competencia",
        "anchors": "Descriptores",
    },
    "it": {
        "question": "Domanda",
        "hint": "Risposta",
        "section": "Sezione",
        "tags": "Etichette",
        "look_for": "Cosa osservare",
        "follow_ups": "Approfondimenti",
        "minutes": "Minuti",
        "note": "Nota",
        "group": "Gruppo",
        "sources": "Fonti",
        "competency": "Competenza",
        "anchors": "Descrittori",
    },
    "pt": {
        "question": "Pergunta",
        "hint": "Resposta",
        "section": "Tema",
        "tags": "Etiquetas",
        "look_for": "O que observar",
        "follow_ups": "Aprofundamentos",
        "minutes": "Minutos",
        "note": "Nota",
        "group": "Grupo",
        "sources": "Fontes",
        "competency": "Competência",
        "anchors": "Descritores",
    },
    "nl": {
        "question": "Vraag",
        "hint": "Antwoord",
        "section": "Onderwerp",
        "tags": "Labels",
        "look_for": "Let op",
        "follow_ups": "Vervolgvragen",
        "minutes": "Minuten",
        "note": "Opmerking",
        "group": "Groep",
        "sources": "Bronnen",
        "competency": "Competentie",
        "anchors": "Gedragsankers",
    },
}


def _words_of(fields: dict[str, tuple[str, ...]]) -> set[str]:
    return {word for words in fields.values() for word in words}


FIELD_WORDS = {
    **SYNONYMS,
    **{
        word: key
        for fields in OTHER_LANGUAGES.values()
        for key, words in fields.items()
        for word in words
    },
}
_LANGUAGES_OF_WORD = {
    word: {language for language, fields in OTHER_LANGUAGES.items() if word in _words_of(fields)}
    for word in FIELD_WORDS
    if word not in SYNONYMS
}


def header_language(words: Iterable[str]) -> str | None:
    """The language of a sheet's headers (their keys: casefolded, blanks as '_'), where
    those in another language than English are all of one (French: 'réponse', 'thème'),
    else None: words of several ('nota', Spanish, Italian or Portuguese) agree on one or
    on none."""
    found: set[str] | None = None
    for word in words:
        languages = _LANGUAGES_OF_WORD.get(word.replace("_", ""), _LANGUAGES_OF_WORD.get(word))
        if languages is not None:
            found = set(languages) if found is None else found & languages
    return next(iter(found)) if found is not None and len(found) == 1 else None


SECTION_KEYS = ("name", "description", "language")
RUBRIC_KEYS = ("score", "label", "anchor")
# Unicode's control characters (category Cc) less tab and line break, surrogates, U+FFFE/F
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# the control characters YAML makes of a backslash and a letter in double quotes, by letter
_CONTROL_ESCAPES = {
    **{"\x00": "0", "\x07": "a", "\x08": "b", "\x0b": "v", "\x0c": "f", "\x1b": "e"},
    "\r": "r",  # TeX's \\rho, \\right
}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)  # an escape in double quotes, '\\' one too
# TeX's commands whose backslash and first letter are YAML's tab or line break in double
# quotes: '$\\theta$' was a tab and 'heta' in every artifact, with no warning (a statistics
# lecturer's trial)
_TEX_AFTER_ESCAPE = re.compile(r"\\([tn][A-Za-z]+)")
_TEX_COMMANDS = frozenset(
    "theta tau times tan tanh text textbf textit textrm tilde top triangle to nu neq ne nabla"
    " not notin neg ni newline nmid nleq ngeq nolimits".split()
)
# those whose letters after the tab or line break are words people write there ('Name\tan
# example', 'First line.\ne.g. ...', '\ni.e.'): read as TeX only in a text that holds a
# formula's sign ($, a brace, a backslash written as \\); else the tab or the line break
# was meant, and the warning's advice (single quotes) would undo it
_TEX_OR_WORD = frozenset("tan ne ni neg".split())
_TEX_AROUND = re.compile(r"[$}{]|\\\\")
# Limits: see docs/bank-format.md ("Limits") and schema.json, which state the same numbers
MINUTES_RANGE = (1, 240)
SCORE_RANGE = (1, 100)
RUBRIC_LEVELS = (2, 10)
# The longest text of each field, in characters: far beyond a real bank's (the bundled one's
# longest question is 229, hint 318), short enough that every artifact lays it out at a cost
# that stays small. A question at its limit fits an index card's front; a longer hint
# continues on further cards (a warning names it), as it flows on in the booklet.
LENGTHS = {
    "id": 200,
    "title": 200,
    "role": 200,
    "organisation": 200,
    "section": 100,
    "description": 10_000,
    "question": 1_000,
    "hint": 10_000,
    "note": 10_000,  # it follows the hint on a card's back
    "item": 1_000,  # each of look_for and follow_ups, each anchor
    # a rubric level's label: a few words beside its score in every grid (one of 1,000
    # characters made a rating row taller than the fillable packet's page)
    "label": 100,
}
# the longest text of each of a question's fields, by its key (each item of a list)
QUESTION_LENGTHS = {
    "question": LENGTHS["question"],
    "hint": LENGTHS["hint"],
    "note": LENGTHS["note"],
    "look_for": LENGTHS["item"],
    "follow_ups": LENGTHS["item"],
}
ALIAS_GROWTH = 10  # how many times its file's size a bank may become as aliases expand
_DECIMAL = re.compile(r"0|[1-9][0-9]*")
_NUMBER = re.compile(r"[-+]?[0-9]+(?:[.,][0-9]+)?(?:[eE][-+]?[0-9]+)?")  # what reads as one
# What YAML 1.1 also reads as an integer (PyYAML's resolver): sign, 0b, 0x, octal, base 60
_YAML_INT = re.compile(r"[-+]?(?:0b[0-1_]+|0x[0-9a-fA-F_]+|0[0-7_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)")


def _expanded_size(root: Node, limit: int) -> int | None:
    """Characters of the bank with every alias written out (each value counts one more for
    its separator), stopping above `limit`; None when an alias is inside what it repeats."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack[-1]
        key = id(node)
        if key in sizes:
            stack.pop()
            continue
        if isinstance(node, ScalarNode):
            sizes[key] = len(node.value) + 1
            stack.pop()
            continue
        children = (
            node.value
            if isinstance(node, SequenceNode)
            else [part for pair in node.value for part in pair]
        )
        waiting = [child for child in children if id(child) not in sizes]
        if waiting and key not in open_nodes:
            open_nodes.add(key)
            stack.extend(waiting)
            continue
        if waiting:  # its children were all done before it is seen again, unless it is in one
            return None
        sizes[key] = min(1 + sum(sizes[id(child)] for child in children), limit + 1)
        open_nodes.discard(key)
        stack.pop()
    return sizes[id(root)]


def _within(written: str, low: int, high: int) -> bool:
    """Whether `written` is a whole number from `low` to `high` in plain decimal digits;
    its length first: int() of more than 4,300 digits raises, an internal error (a random
    trial: a quote typed before a rubric's score of 4,400 digits)."""
    fits = _DECIMAL.fullmatch(written) and len(written) <= len(str(high))
    return bool(fits) and low <= int(written) <= high


def _int_form(written: str) -> str:
    """Why YAML 1.1 reads `written` as another number than its digits say."""
    digits = written.lstrip("+-")
    if digits != written:
        return "the sign is not a digit"
    if ":" in digits:
        return "':' means base 60"
    if digits.startswith(("0x", "0b")):
        return "0x means hexadecimal" if digits[1] == "x" else "0b means binary"
    if "_" in digits:
        return "'_' between digits is skipped"
    return "a leading 0 means octal"


def _list_in_quotes(node: Node) -> str:
    """The list in brackets that a text in quotes holds whole ('"[a, b]"'), to write
    without the quotes (list_in_brackets); '' for any other node."""
    if not isinstance(node, ScalarNode) or node.style not in ("'", '"'):
        return ""
    return list_in_brackets(node.value.strip())


def _pairs_as_items(node: MappingNode) -> list[str]:
    """A mapping's pairs of text as list items, `"key: value"` each (in quotes, since a
    colon and a blank make a pair); none where a pair holds more than text."""
    pairs = [(k, v) for k, v in node.value if isinstance(k, ScalarNode)]
    if len(pairs) != len(node.value) or not all(isinstance(v, ScalarNode) for _, v in pairs):
        return []
    return [quoted(f"{k.value}: {v.value}" if v.value else k.value) for k, v in pairs]


def _text_pairs(node: MappingNode, lines: list[str]) -> bool:
    """Whether a mapping's pairs are all texts, and its lines' comments can be told apart
    from them (its texts plain, or none of its lines with a comment)."""
    texts = all(isinstance(part, ScalarNode) for pair in node.value for part in pair)
    return texts and (_plain_pairs(node) or not any(comment_apart(t)[1] for t in lines))


def _plain_pairs(node: MappingNode) -> bool:
    """Whether a mapping's keys and values are all plain texts (none in quotes, none a list
    or a mapping): lines of text whose ': ' YAML took for keys, whose ' #' is a comment."""
    return all(
        isinstance(part, ScalarNode) and not part.style for pair in node.value for part in pair
    )


def _shortened(written: str) -> str:
    """A value as written, cut when it is long (a 4,300-digit number, a pasted paragraph)."""
    if len(written) <= 24:
        return written
    unit = "digits" if written.isdigit() else "characters"
    return f"{written[:12]}… ({len(written):,} {unit})"


_DASHED = re.compile(r"-[^\s-]")  # an item's dash typed against its text ('-Names it')
_ANCHOR = re.compile(r"&([^ \t\r\n,\[\]{}]+)")
# a field's name glued by its colon to its text, a key to YAML ('note:"It needs')
_GLUED_KEY = re.compile(r"(?P<key>[a-z_]+):(?P<text>\S.*)", re.S)
# a key 'hint "Implications', 'hint The answer' or 'hint the answer' (not 'hint 2' or
# 'question text', one word in lower case, which name another key)
_FIELD_THEN_TEXT = re.compile(r"([a-z_]+)[ \t]+(?:[\"'A-Z]|\S+[ \t]+\S).*", re.S)
_ID_ITEM = re.compile(r"[ \t]*-[ \t]+id:")  # an item's id line ('  - id: a2')
_KEY_MARK = re.compile(r"\?(?:[ \t]|$)")  # YAML's mark of a key: '? ' ('- ? Why')
# the comment YAML read where a value was typed ('hint: #include <x>', 'hint: # TODO'),
# what no_value shows as the text that was meant
_VALUE_A_COMMENT = re.compile(r"[ \t]+(#[^\n\r]*[^\s#][^\n\r]*)")


def _after_blank(text: str, char: str, follows: str | None) -> bool:
    """Whether `char` occurs after blanks that follow one of `follows` (any character of
    the same line when None). str.find, since a regex scan of a large bank is slow."""
    index = text.find(char)
    while index >= 0:
        before = index
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        if before < index and before > 0:
            previous = text[before - 1]
            if previous in follows if follows is not None else previous not in "\r\n":
                return True
        index = text.find(char, index + 1)
    return False


def _as_block(shown: str, indented: bool = True) -> str:
    """The advice to write the lines under a text's key as a block, which keeps them."""
    key = shown.strip()
    lines = "as they are" if indented else f"indented more than '{key}'"
    return (
        f"write it as a block, whose lines YAML keeps as text: {key} | on the first line, "
        f"your lines under it {lines}"
    )


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _STR:
        return "text"
    if node.tag == _NULL:
        return "empty"
    if node.tag == _INT:
        return "a number"
    return {"bool": "true/false", "float": "a number", "timestamp": "a date"}.get(
        node.tag.removeprefix(_YAML_TAG), "?"
    )


def _section_on_lines(name: str, where: str) -> str:
    """A section's name that holds a line break (a spreadsheet's cell, or "\\n" typed):
    a heading, a bookmark and a line of each message."""
    return f"{where}a section's name must be one line: join its lines, '{one_line(name)}'"


def _question_fields(node: MappingNode) -> list[str]:
    """The fields of a question that a mapping holds, which no section has (id, question)."""
    keys = [k.value for k, _ in node.value if isinstance(k, ScalarNode)]
    return [k for k in ("id", "question") if k in keys]


def _unique_from(node: MappingNode) -> int:
    """The position in `node` from which on no key's name is given twice."""
    seen: set[str] = set()
    for position in range(len(node.value) - 1, -1, -1):
        key = node.value[position][0]
        if isinstance(key, ScalarNode):
            if key.value in seen:
                return position + 1
            seen.add(key.value)
    return 0


def _holds_questions(node: Node) -> bool:
    """A list whose first item has a question's fields (id, question)."""
    return (
        isinstance(node, SequenceNode)
        and bool(node.value)
        and isinstance(node.value[0], MappingNode)
        and bool(_question_fields(node.value[0]))
    )


_APOSTROPHE = re.compile(r"(?<=\w)\u2019(?=\w)")  # shouldn’t, O’Brien


class Checker:
    """Walks the node tree once, collecting problems and building the model."""

    def __init__(self, source: Source, owner: str = "bank", long_texts: bool = False) -> None:
        self.lines = source
        self.source = source.name
        self.owner = owner  # what the file is, for messages about paths relative to it
        # whether a question's texts may be longer than QUESTION_LENGTHS: an import brings
        # them in whole and says so at the file's line (imported.py); `check` refuses them
        self.long_texts = long_texts
        self.bank_language = ""  # the bank's `language`, once read
        self.written_ids: set[str] = set()  # the questions' ids as written
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.section_lines: dict[str, int] = {}  # each declared section's line
        # names of the sections' list said to hold a line break: a question of that section
        # is not told again (a sheet's cell gave both, one row said twice)
        self.sections_on_lines: set[str] = set()
        self.refused: set[int] = set()  # nodes with a refused tag: reported once, then skipped
        self.aliased: list[Node] = []  # nodes reached a second time: through an alias
        self.vocabulary: tuple[Tag, ...] = ()  # the bank's `tags:` list, once read
        self.groups: dict[str, list[tuple[int, str]]] = {}  # group: (line, where) of members
        self.markdown: MarkdownReader | None = None  # set by `markup: markdown`
        self.rich: dict[str, RichText] = {}  # each Markdown text's tree, by its text
        self.text_lines: dict[str, int] = {}  # see Bank.text_lines
        self.competencies: tuple[Competency, ...] = ()  # the bank's `competencies:`, once read
        self.misspelt: set[str] = set()  # known keys an unknown key was taken for
        # the values of unknown keys taken for a known one, by id: that key is not missing
        self.meant: dict[int, str] = {}
        self.questions_in_sections = False  # questions: left out, its items read as sections
        self.scores: tuple[int, ...] = DEFAULT_SCORES  # the rubric's, once read
        self.measured: set[str] = set()  # the competencies questions name
        self.unnamed: list[tuple[int, str]] = []  # (line, where) of questions naming none
        # whether any value might start with an anchor or end before a comment: most banks
        # have neither, and then text needs no look at its source
        self.look_at_source = _after_blank(source.text, "&", ":-") or _after_blank(
            source.text, "#", None
        )

    def line(self, node: Node) -> int:
        return self.lines.line(node.start_mark)

    def problem(self, node: Node | int, message: str) -> None:
        line = node if isinstance(node, int) else self.line(node)
        self.problems.append(Problem(self.source, line, message))

    def problem_here(
        self, node: Node, message: str, warning: bool = False, advice: str = ""
    ) -> None:
        """A problem shown at the node's column, with its source line and a caret, and the
        lines to write (`advice`) under them."""
        found = replace(self.lines.problem(node.start_mark.index, message), advice=advice)
        (self.warnings if warning else self.problems).append(found)

    # -- generic node checks -------------------------------------------------------------

    def refuse_tags(self, root: Node) -> None:
        """Refuse any tag beyond plain text, numbers, lists and mappings, anywhere."""
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                self.aliased.append(node)
                continue
            seen.add(id(node))
            if node.tag not in _PLAIN_TAGS:
                shown = node.tag.replace(_YAML_TAG, "!!")
                message = f"tag '{shown}' is not allowed: a bank holds only text, numbers and lists"
                if shown == "!!merge":  # `<<: *defaults`, which PyYAML reads and YAML 1.2 dropped
                    message = (
                        "'<<' (YAML's merge key) is not taken: write each key in the item "
                        "itself; an alias (*name) may still repeat one value, as in hint: *same"
                    )
                if isinstance(node, ScalarNode) and not shown.startswith("!!"):
                    # `question: !important thing`: text that starts with `!`
                    self.problem_here(
                        node,
                        f"{message}; YAML reads ! at the start of a value as a tag, so put the "
                        f"whole text in quotes: {quoted(shown + ' ' + node.value)}",
                    )
                else:
                    self.problem(node, message)
                self.refused.add(id(node))
                continue
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    stack.extend((key, value))
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)

    def aliases_bounded(self, root: Node) -> bool:
        """Aliases (`*name`) repeat what an anchor (`&name`) marks; nested, a few lines can
        stand for billions of characters. The bank as aliases expand it may be at most
        `ALIAS_GROWTH` times the file's size, and an alias may not sit inside what it repeats."""
        limit = ALIAS_GROWTH * max(len(self.lines.text), 1)
        size = _expanded_size(root, limit)
        first = min(self.aliased, key=lambda node: node.start_mark.index)
        anchor = _ANCHOR.match(self.lines.text, first.start_mark.index)
        name = anchor.group(1) if anchor else "name"
        if size is None:
            self.problem(
                first,
                f"the alias *{name} repeats the list or mapping it is inside, which never ends; "
                "write the text out instead",
            )
            return False
        if size > limit:
            self.problem(
                first,
                f"the aliases *{name} repeat what &{name} marks here until the bank would "
                f"hold more than {ALIAS_GROWTH} times the file's text; write the text out where "
                "it is needed, or repeat less of it",
            )
            return False
        return True

    def mapping(self, node: MappingNode, keys: tuple[str, ...], where: str) -> dict[str, Node]:
        """Fields of a mapping by name; duplicate and unknown keys are problems."""
        fields: dict[str, Node] = {}
        first_line: dict[str, int] = {}
        second_item = False  # a second id: the next item's lines, its dash left out
        unique_from: int | None = None  # where the keys stop repeating: _second_question
        spilt = self._spilt_values(node, keys, where)
        for position, (key_node, value_node) in enumerate(node.value):
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                if id(key_node) not in self.refused:  # a refused tag is said once
                    self.problem(key_node, f"{where}key must be a name, not {_kind(key_node)}")
                continue
            key = key_node.value
            if key in fields:
                if second_item:
                    continue  # said once, at its id
                if key == "id" and isinstance(value_node, ScalarNode):
                    second_item = True
                    self.problem(
                        key_node,
                        f"{where}a second 'id' (the first is on line {first_line[key]}); "
                        f"a new item of the list starts with '- ', in line with the dash "
                        f"above: write - id: {value_node.value}",
                    )
                    continue
                if unique_from is None:
                    unique_from = _unique_from(node)
                # a question's fields read a second time repeat none of their names: a key
                # typed 10,000 times was 10,000 readings of the rest of its mapping, 23 s
                if position >= unique_from and (
                    second := self._second_question(node, key_node, keys, first_line[key])
                ):
                    second_item = True
                    self.problem(key_node, f"{where}{second}")
                    continue
                self.problem(
                    key_node, f"{where}duplicate key '{key}'; first on line {first_line[key]}"
                )
                continue
            if id(key_node) in spilt:  # the rest of a value after its comma: said once
                if spilt[id(key_node)]:
                    self.problem(key_node, spilt[id(key_node)])
                continue
            said = None if key in keys else self._colon_left_out(key_node, value_node, keys)
            if said and any(other.value == said[0] for other, _ in node.value):
                said = None  # its field is there too: 'hint: H.' and 'hint The answer: x'
            if said:
                self.meant[id(value_node)] = said[0]  # (that field is not missing)
                self.problem(key_node, f"{where}{said[1]}")
            elif key not in keys:
                known = ", ".join(keys)
                synonym = FIELD_WORDS.get(key.casefold().replace("-", "_"))
                close = synonym if synonym in keys else closest(key, keys)
                if "questions" in keys and _holds_questions(value_node):
                    close = "questions"  # 'items:' over questions is not 'title:'
                hint = f"did you mean '{close}'? " if close else ""
                if "question" in keys and key.casefold() in _PICTURE_KEYS:
                    # 'images' is close to 'tags', which takes no picture
                    close = ""
                    hint = self._where_a_picture_goes(value_node)
                elif "question" in keys and key.casefold().replace("-", "_") in _SCALE_KEYS:
                    # a question of its own scale (pass or fail) was told an unknown key
                    # and the known ones, none of which is a scale (a hiring manager's trial)
                    close = ""
                    hint = (
                        "every question is rated on the bank's one scale: write 'rubric:' "
                        "at the top of the bank, not under a question, and give this "
                        "question 'anchors:', what an answer at each score of that scale "
                        "holds for it; "
                    )
                if close:
                    self.misspelt.add(close)
                    self.meant[id(value_node)] = close
                self.problem(key_node, f"{where}unknown key '{key}'; {hint}known keys: {known}")
            fields[key] = value_node
            first_line[key] = self.line(key_node)
        return fields

    def _second_question(
        self, node: MappingNode, again: ScalarNode, keys: tuple[str, ...], first: int
    ) -> str | None:
        """A question's fields from `again` on, a field it has already, read as the fields of
        a second question whose `- id:` line was deleted: none of them an id, none twice, and
        a question's text among them and above them, and its section where the fields above
        have one (a line typed twice, 'hint:' or 'section:', is a key twice). What to
        write, with an id made from that question's text; None when they are not."""
        if "question" not in keys:
            return None
        rest = [key for key, _ in node.value if key.start_mark.index >= again.start_mark.index]
        names = [key.value for key in rest if isinstance(key, ScalarNode)]
        above = {
            key.value for key, _ in node.value if key.start_mark.index < again.start_mark.index
        }
        needed = {"question"} | ({"section"} & above)
        if "id" in names or len(set(names)) < len(names) or not needed <= set(names):
            return None
        if "question" not in above:  # ('section:' typed twice above it: one question's)
            return None
        number = self.line(again) - 1
        while number > 1 and self.lines.line_text(number).strip()[:1] in ("", "#"):
            number -= 1
        if _ID_ITEM.match(self.lines.line_text(number)):
            return None  # its '- id:' line is there, in another list: told as such
        texts = [
            value.value
            for key, value in node.value
            if key in rest and key.value == "question" and isinstance(value, ScalarNode)
        ]
        new_id = unique_id(texts[0], ids_typed(self.lines.text)) if texts else "new-question"
        dash = self.lines.text.rfind("-", 0, node.start_mark.index)
        column = dash - (self.lines.text.rfind("\n", 0, dash) + 1)
        where_dash = f"indented {_spaces(column)}" if column else "at the margin"
        return (
            f"'{again.value}' again (first on line {first}): the lines from here "
            "read as a second question whose '- id:' line is missing; write "
            f"- id: {new_id} above this line, its dash {where_dash} as on line {self.line(node)}"
        )

    def _colon_left_out(
        self, key: ScalarNode, value: Node, keys: tuple[str, ...]
    ) -> tuple[str, str] | None:
        """A field's name and its text with no colon between them, or no blank after its
        colon, a colon in the text ('hint "Implications: privacy"', 'note:"It needs: data"'):
        one key to YAML ('note:"It needs'), where two colons in the text are its error
        (syntax/keys.py: no_colon, item_key_without_space). The field, and what to write."""
        spaced, glued = _FIELD_THEN_TEXT.fullmatch(key.value), _GLUED_KEY.fullmatch(key.value)
        field = spaced[1] if spaced else glued["key"] if glued else None
        if key.style or field not in keys:
            return None
        typed = self.lines.text[key.start_mark.index : value.end_mark.index]
        if "\n" in typed:
            return None
        text = as_value(typed[len(field) + (0 if spaced else 1) :].strip())
        if spaced:
            said = f"'{field}' needs a colon and a space after it, then its value"
        else:
            said = f"'{field}' needs a space after its colon"
        return field, f"{said}; write: {field}: {text}"

    def _where_a_picture_goes(self, node: Node) -> str:
        """A picture given as a question's field ('picture: p.png'): where a picture goes."""
        path = node.value.strip().replace("\\", "/") if isinstance(node, ScalarNode) else ""
        shown = path
        if not path or any(c in path for c in "<>\n"):
            shown = "diagrams/flow.png"
        elif any(c in path for c in " ()"):
            shown = f"<{path}>"  # CommonMark's form of a path with spaces or brackets
        markup = "" if self.markdown else ", in a bank with 'markup: markdown' at its top"
        return (
            "a picture goes in the text of the question, its hint or its note, where it is to "
            f"show, as ![what it shows]({shown}){markup}; "
        )

    def _spilt_values(self, node: MappingNode, keys: tuple[str, ...], where: str) -> dict:
        """In a mapping inside { }, the words after a comma of an unquoted value ('anchor:
        Solid, with examples') read as keys without a value: for the first of each such
        run, by its node's id, the value as typed, to write in quotes; "" for the others.
        Each was told 'unknown key 'with examples'; known keys: ...' (a panel trial)."""
        if not node.flow_style:
            return {}
        found: dict[int, str] = {}
        pairs = node.value
        for index, (key, value) in enumerate(pairs):
            plain = isinstance(value, ScalarNode) and not value.style and value.value
            if not (isinstance(key, ScalarNode) and key.value in keys and plain):
                continue
            rest = []
            for after, nothing in pairs[index + 1 :]:
                if not (
                    isinstance(after, ScalarNode)
                    and not after.style  # plain: None, or "" from libyaml
                    and after.value not in keys
                    and isinstance(nothing, ScalarNode)
                    and nothing.tag == _NULL
                    and nothing.start_mark.index == nothing.end_mark.index
                ):
                    break
                rest.append(after)
            if rest:
                typed = self.lines.text[value.start_mark.index : rest[-1].end_mark.index]
                found |= dict.fromkeys(map(id, rest), "")
                found[id(rest[0])] = (
                    f"{where}'{rest[0].value}' is read as a key: inside {{ }} a comma ends a "
                    f"value; write the value in quotes, {key.value}: "
                    f"{quoted(typed)}"
                )
        return found

    def absent(self, node: Node | None) -> bool:
        """No value to check: missing, null, or already refused for its tag."""
        return (
            node is None
            or id(node) in self.refused
            or (isinstance(node, ScalarNode) and node.tag == _NULL)
        )

    def logo(self, fields: dict[str, Node], root: Node) -> Logo | None:
        """The image `logo:` names, a file beside the bank, checked as every image is."""
        name = self.text(fields, "logo", "", root)
        if name is None:
            return None
        folder = Path(self.source).parent
        try:
            return read_logo(folder / name, folder)
        except ValueError as why:
            # a path on the writer's computer, not found here: told as a picture's is (it
            # was 'no such file (the logo is an image file beside the bank)')
            copy = None if os.path.isfile(folder / name) else copied_here(name)
            beside = "(the logo is an image file beside the bank)"
            told = f"a path {copy}" if copy else f"{why} {beside}"
            self.problem_here(fields["logo"], f"'logo': {name}: {told}")
            return None

    def text(
        self,
        fields: dict[str, Node],
        key: str,
        where: str,
        at: Node,
        required: bool = False,
        limit: int | None = None,
        missing: str = "",
        write: str = "",
    ) -> str | None:
        """The text of `fields[key]`, checked; None when there is none. A `required` one
        that is absent (`missing` says so, else a general message) or blank is a problem;
        `write` says what to write in one that shows nothing, else 'write the KEY'."""
        node = fields.get(key)
        if node is not None and id(node) in self.refused:
            return None
        if self.absent(node):
            if required and key not in {self.meant.get(id(n)) for n in fields.values()}:
                said = self.no_value(node, f"{where}'{key}'", f"{key}: ")
                said = said or missing or f"{where}missing '{key}'"
                self.problem(node if node is not None else at, said)
            elif (
                not required
                and isinstance(node, ScalarNode)
                and not node.value
                and COMMENT_AFTER.match(self.lines.text, node.start_mark.index)
            ):
                # 'note: #1 rule' made no note, unsaid ('note: ~' says none, as meant, and
                # 'note:  # none yet' is a comment written as one)
                said = self.no_value(node, f"{where}'{key}'", f"{key}: ")
                if said is not None:
                    self.warnings.append(Problem(self.source, self.line(node), f"warning: {said}"))
            return None
        if not isinstance(node, ScalarNode) or node.tag != _STR:
            self.not_text(node, f"{where}'{key}'", f"{key}: ")
            return None
        value = node.value.strip()
        if not value:
            if required:
                self.problem(node, f"{where}'{key}' is empty")
            return None
        if shows_nothing(value):
            # a zero-width space alone: every artifact showed its label over nothing
            unseen = f"it holds nothing visible, only {unseen_characters(value)}"
            if required:
                action = write or f"write the {key}"
                self.problem(node, f"{where}'{key}' is empty: {unseen}; {action}")
            else:
                self.problem_here(
                    node,
                    f"warning: {where}'{key}' is left out: {unseen}; delete it, or write the {key}",
                    warning=True,
                )
            return None
        self.check_characters(node, value, f"{where}'{key}'")
        self.check_plain_text(node, f"{where}'{key}'", f"{key}: ")
        if limit is not None:
            self.check_length(node, value, f"{where}'{key}'", limit)
        if key in RICH_KEYS and not self.shows_something(node, value, f"{where}'{key}'"):
            return None
        return value

    def shows_something(self, node: ScalarNode, value: str, what: str) -> bool:
        """In a Markdown bank, parse `value`; a text that is markup with no words in it
        (`>`, a link with a blank text) is a problem, which every artifact would otherwise
        show as nothing, or fail on."""
        said = len(self.problems)
        tree = self.parse_rich(node, value, what)
        if (
            tree is None
            or tree.pictures()
            or tree.plain(markers=False).strip()
            or len(self.problems) > said
        ):
            return True  # (a text refused already, a table say, is told so once)
        self.problem(
            node,
            f"{what} shows nothing: as Markdown, {shorten(one_line(value), 40)!r} is markup "
            "with no words in it; write the text, or put \\ before a character meant to be seen",
        )
        return False

    def parse_rich(self, node: ScalarNode, value: str, what: str) -> RichText | None:
        """In a Markdown bank, parse `value` into its tree; each problem at its own line
        when the text is a `|` block, whose lines are the file's lines."""
        if self.markdown is None:
            return None
        first = self.first_line(node)

        def report(offset: int, message: str, column: int = 0) -> None:
            line = first + offset if node.style == "|" else first
            if message.startswith("warning: "):  # the text builds, perhaps not as meant
                said = f"warning: {what}: {message.removeprefix('warning: ')}"
                at = self.text_column(node, value, offset, line, column) if column else 0
                self.warnings.append(Problem(self.source, line, said, at))
            else:
                self.problem(line, f"{what}: {message}")

        tree = self.rich[value] = self.markdown.parse(value, report)
        if node.style == "|":
            self.text_lines.setdefault(value, first)
        return tree

    def first_line(self, node: ScalarNode) -> int:
        """The file's line of a text's first line: a `|` block's, whose lines are the
        file's lines from there on, its blank lines above it aside; else the key's."""
        first = self.line(node)
        if node.style == "|":
            first += 1 + node.value[: len(node.value) - len(node.value.lstrip())].count("\n")
        return first

    def hint_material(
        self, fields: dict[str, Node], where: str, texts: tuple[str, str], language: str
    ) -> None:
        """Warn, at its line, of the code block, table or picture of a question's hint that
        the question points at (`texts`: the question and the hint, in `language`) while
        showing none of its own (material.py)."""
        question, hint = texts
        block = material_in_hint(self.rich[question], self.rich[hint], language)
        if block is None:
            return
        node = fields["hint"]
        line = self.first_line(node) + block.line if node.style == "|" else self.line(node)
        interview = self.markdown is not None and self.markdown.interview
        said = misplaced(block, self.rich[question], interview, fields["question"].style == "|")
        self.warnings.append(Problem(self.source, line, f"warning: {where}{said}"))

    def text_column(self, node: ScalarNode, value: str, offset: int, line: int, column: int) -> int:
        """The file's column of `column` (1-based) in line `offset` of the text `value`
        (on the file's `line`): a `|` block's line stands in the file after its indent, a
        text on one line after its key (and quote); 0 where the file writes it otherwise
        (folded, or with escapes)."""
        written = self.lines.line_text(line)
        if node.style == "|":
            text = value.split("\n")[offset] if offset < value.count("\n") + 1 else ""
            return len(written) - len(text) + column if text and written.endswith(text) else 0
        start, end = node.start_mark, node.end_mark
        if start.line != end.line or "\n" in value:
            return 0
        quoted = node.style in ("'", '"')
        raw = self.lines.text[start.index + quoted : end.index - quoted]
        return start.column + quoted + column if raw == value else 0

    def check_length(self, node: Node, value: str, what: str, limit: int) -> None:
        if len(value) > limit:
            self.problem(
                node,
                f"{what} is {len(value):,} characters long, more than the {limit:,} that every "
                "artifact can lay out; shorten it",
            )

    def not_text(self, node: Node, what: str, shown: str) -> None:
        """Text was expected. A value YAML read as a number, true/false or a list in
        brackets is most likely text that needs quotes: name it and say so."""
        if isinstance(node, ScalarNode) and node.tag != _NULL and not node.style:
            self.problem_here(
                node,
                f"{what}: YAML reads {node.value} as {_kind(node)}, not text; put it in quotes: "
                f"{shown}{quoted(node.value)}",
            )
        elif isinstance(node, MappingNode) and not node.flow_style and node.value:
            self.colon_in_text(node, what, shown)
        elif getattr(node, "flow_style", False):
            written = self.lines.text[node.start_mark.index : node.end_mark.index]
            self.problem_here(
                node,
                f"{what} must be text, not {_kind(node)}; if it is text, put it in quotes: "
                f"{shown}{quoted(written)}",
            )
        elif isinstance(node, SequenceNode) and node.value and shown.endswith(": "):
            # lines typed as a list under a text's key ('hint:', then '- a point'): a block
            # keeps them, a list in Markdown (it was told 'must be text, not a list')
            line, column = self.lines.position(node.start_mark.index)
            above = self.lines.line_text(line - 1)  # the key's line ('hint:')
            indented = column - 1 > len(above) - len(above.lstrip())
            self.problem(node, f"{what} must be text, not a list; {_as_block(shown, indented)}")
        else:
            self.problem(node, f"{what} must be text, not {_kind(node)}")

    def colon_in_text(self, node: MappingNode, what: str, shown: str) -> None:
        """Text that holds ': ', unquoted: YAML reads it as `key: value` fields. On one
        line, the text in quotes; over lines, a block (`hint: |`), which keeps them."""
        written = self.lines.text[node.start_mark.index : node.end_mark.index].strip()
        if _KEY_MARK.match(written) and "\n" not in written:  # '- ? Why': no colon at all
            text, comment = comment_apart(written)
            self.problem_here(
                node,
                f"{what}: YAML reads '? ' at the start of a value as the mark of a key; put "
                f"the whole text in quotes{comment_kept(comment)}: {shown}{quoted(text)}{comment}",
            )
            return
        first = node.value[0][0]
        name = first.value if isinstance(first, ScalarNode) else "?"
        line = self.lines.text[first.end_mark.index :].partition("\n")[0]
        after = line[line.find(":") + 1 :]  # after its colon ('Remarque :' has a space before)
        # 'the ': ' (a colon and a space) in it', 'the colon at the end of the line'
        typed = colon_typed(after)
        colon = "the " + typed.removeprefix("a ") + " in it" * typed.startswith("'")
        why = f"{what}: YAML reads the text as fields, the first named '{name}', because of {colon}"
        lines = written.split("\n")
        if shown == "- " and self.field_too_deep(node, what):
            return
        if len(lines) == 1:
            text, comment = comment_apart(written)
            quote = (
                f"put the whole text in quotes{comment_kept(comment)}: "
                f"{shown}{quoted(text)}{comment}"
            )
            self.problem_here(node, f"{why}; {quote}")
        elif shown == "- " and _text_pairs(node, lines):
            # a list's item over lines ('- Ask them: now' over '    more'): quoted whole, as
            # syntax/keys.py tells it in line with its text; '- |' over its lines was hard to write.
            # Each line of pairs ('- Ask: a' over '  Then: b') is a key of one mapping to YAML,
            # an item told as fields, the first named 'Ask', and to write it as a block
            if len(node.value) > 1:
                names = and_list([f"'{k.value}'" for k, _ in node.value])
                why = (
                    f"{what}: YAML reads this item as a mapping of {len(node.value)} keys, "
                    f"{names}, not as one text, because a line with ': ' in it starts a key"
                )
            first = self.lines.line(node.start_mark)
            text, said, comments = joined_lines(lines, first, comments=_plain_pairs(node))
            typed = self.lines.line_text(first)
            dash = len(typed[: node.start_mark.column].rstrip()) - 1
            said, below = comments_apart(
                said, f"- {quoted(text)}", comments, typed, dash, (first, first + len(lines) - 1)
            )
            self.problem_here(node, f"{why}; put the whole text in quotes{said}", advice=below)
        else:
            self.problem_here(node, f"{why}; {_as_block(shown)}")

    def field_too_deep(self, node: MappingNode, what: str) -> bool:
        """A list's item of text whose next line is a question's field, indented as the
        item's text ('- Ask: why' over '  minutes: 5'): it was told to quote 'minutes: 5'
        into the item. Told as syntax.too_deep says, and the item's text before it as any;
        True when so told."""
        at = next((i for i, (k, _) in enumerate(node.value) if i and k.value in QUESTION_KEYS), 0)
        field = node.value[at][0]
        first, item = self.lines.line(field.start_mark), self.lines.line(node.start_mark)
        end = node.value[-1][1].end_mark.index
        last = self.lines.position(max(end - 1, field.start_mark.index))[0]
        last = max((n for n in range(first, last + 1) if self._written(n)), default=first)
        typed = self.lines.line_text(item)
        dash = len(typed[: node.start_mark.column].rstrip()) - 1  # the item's, before its text
        said = too_deep(self.lines, field.value, (first, last), item, dash) if at else None
        if said is None:
            return False
        self.problem_here(field, f"{what}: {said}")
        # the item's own text, before the field: told as any
        self.colon_in_text(
            MappingNode(node.tag, node.value[:at], node.start_mark, field.start_mark), what, "- "
        )
        return True

    def _written(self, line: int) -> str:
        """Line `line`'s text, '' when it is blank or a comment alone."""
        text = self.lines.line_text(line).strip()
        return "" if text.startswith("#") else text

    def check_plain_text(self, node: ScalarNode, what: str, shown: str) -> None:
        """Text YAML took differently from what was typed, seen from the source: a value
        cut at ` #` (a comment to YAML), and `&name` at its start (an anchor to YAML)."""
        if node.style:
            return
        value = node.value
        if (
            len(value) > 1
            and value[0] in CURLY_OPENING
            and value[-1] in CURLY_CLOSING
            # ‘a’ and ‘b’ is no wrapping; the apostrophe of ‘shouldn’t’ is no quote
            and not any(c in CURLY_QUOTES for c in _APOSTROPHE.sub("", value[1:-1]))
        ):
            self.lines_warning(
                node.start_mark.index,
                f"{what} is wrapped in curly quotes {value[0]}…{value[-1]}, which YAML keeps as "
                "part of the text, so every artifact prints them; if they are not meant to be "
                f"seen, write: {shown}{quoted(value[1:-1].strip())}",
            )
        if value.endswith(",") and len(value) > 1:
            # 'title: Python docs,' as JSON or the fields in braces part them: a plain text
            # ends at a comma only there, so this one is the text's own, in every artifact
            self.lines_warning(
                node.end_mark.index - 1,
                f"{what} ends with ',', which YAML keeps as part of the text (a comma parts "
                "fields only inside { }); if it is not meant to be seen, take it off: "
                f"{shown}{value[:-1].rstrip()}",
            )
        for number in range(node.start_mark.line + 2, node.end_mark.line + 2):
            line = self.lines.line_text(number)
            if line.lstrip(" ").startswith("- "):  # a list item, to the eye
                self.lines_warning(
                    self.lines.starts[number - 1] + len(line) - len(line.lstrip(" ")),
                    f"{what} runs on into line {number}, which starts with '- ': YAML reads "
                    "that line as more of the same text, not as an item of its own; if it is "
                    "one, line its dash up with the others', and if the dash belongs to the "
                    "text, write the text as a block (key: |)",
                )
                break
        if not self.look_at_source:
            return
        text = self.lines.text
        start = node.start_mark.index
        anchor = _ANCHOR.match(text, start) if text[start : start + 1] == "&" else None
        if anchor is not None:
            name = anchor.group(1)
            if f"*{name}" not in text:
                written = f"&{name} {node.value}"
                self.problem_here(
                    node,
                    f"{what}: YAML reads &{name} at the start of a value as an anchor and drops "
                    f"it; put the whole text in quotes: {shown}{quoted(written)}",
                )
        end = node.end_mark.index
        cut = COMMENT_AFTER.match(text, end) if text[end : end + 1] in (" ", "\t") else None
        if cut is not None:
            self.lines_warning(
                cut.start(1) - 1,
                f"{what} stops before ' #', because YAML reads the rest of the line as a "
                f'comment: "#{cut.group(1).strip()}" is dropped; put the whole text in '
                f"quotes: {shown}{quoted(node.value + cut.group(0))}",
            )

    def no_value(self, node: Node | None, what: str, shown: str) -> str | None:
        """What made a text's value none, where it was typed: '~' or 'null', or a text
        starting with '#' (a C '#include', a '#hashtag'), which YAML reads as a comment;
        `shown` is what goes before the text (`hint: `, `- `)."""
        if not isinstance(node, ScalarNode) or node.tag != _NULL:
            return None
        if node.value:  # ~, null, Null, NULL
            return (
                f"{what} is {node.value}, which YAML reads as no value; write the text, or, "
                f"if it is {node.value}, put it in quotes: {shown}{quoted(node.value)}"
            )
        comment = _VALUE_A_COMMENT.match(self.lines.text, node.start_mark.index)
        if comment is None:
            return None
        typed = comment.group(1).rstrip()
        return (
            f"{what} is empty: YAML reads '{typed}' after it as a comment, as it does a '#' "
            f"after a blank; if that is the text, put it in quotes: {shown}{quoted(typed)}"
        )

    def lines_warning(self, index: int, message: str) -> None:
        self.warnings.append(self.lines.problem(index, f"warning: {message}"))

    def text_list(
        self, fields: dict[str, Node], key: str, where: str, limit: int | None = None
    ) -> tuple[str, ...]:
        node = fields.get(key)
        if self.absent(node):
            return ()
        if not isinstance(node, SequenceNode):
            listed = ""
            lines = self._lines_of(node)
            if isinstance(node, ScalarNode) and (first := self._dashed_alone(node)):
                # '-Names it' on its own line, over '- Reads logs': one text to YAML, which
                # brackets kept whole
                listed = f": a list's item starts with '- ', a dash and a space; write: - {first}"
            elif len(lines) > 1:
                # a line an item with no '- ': 'tags: [sql grouping]' lost the user's two
                bullet = {line[:2] for line in lines}
                pasted = len(bullet) == 1 and _PASTED_BULLET.fullmatch(bullet.pop())
                items = [line[2:].strip() for line in lines] if pasted else lines
                shown = [i if _PLAIN_ITEM.fullmatch(i) else quoted(i) for i in items]
                how = (
                    f"write '- ' in place of each '{lines[0][0]}'"
                    if pasted
                    else "put '- ' before each"
                )
                dashed = [as_item(item) for item in items]
                misread = [i for i, item in zip(dashed, items, strict=True) if i != item]
                if misread:  # '- [x] done' is a list in a list to YAML
                    how += ", and quotes around an item YAML would read otherwise"
                line = self.lines.line_text(node.start_mark.line + 1)
                if line[: node.start_mark.column].strip():  # 'tags: - sql' is refused
                    how = f"move '{lines[0]}' to a line of its own below '{key}:', then {how}"
                listed = (
                    f": its {len(lines)} lines are one text to YAML, as none starts with '- '; "
                    f"{how} ('- {(misread or dashed)[0]}'), or write the list in brackets on "
                    f"the line of '{key}:', in place of them: {key}: [{', '.join(shown)}]"
                )
            elif bracketed := _list_in_quotes(node):
                # '"[a, b]"': told to write '["[a", b, "c]"]', brackets in its first and last
                items = ", and put quotes around each item YAML would read otherwise"
                items = "" if bracketed == node.value.strip() else items
                listed = (
                    "; the brackets are inside the quotes, so YAML reads one text: take the "
                    f"quotes away{items}: {key}: {bracketed}"
                )
            elif key == "tags" and isinstance(node, ScalarNode) and node.tag == _STR:
                typed = node.value.strip()
                if typed[:1] == "(" and typed[-1:] == ")" and "(" not in typed[1:-1]:
                    # 'tags: (a, b)': in brackets ('(a), (b)' are each a tag's own)
                    typed = typed[1:-1]
                elif typed[-1:] == "]" and "[" not in typed:  # 'tags: a, b]': its [ left out
                    typed = typed[:-1]
                items = [part.strip() for part in typed.split(",") if part.strip()]
                shown = [i if _PLAIN_ITEM.fullmatch(i) else quoted(i) for i in items]
                if shown:
                    listed = f"; write it as a list in brackets: {key}: [{', '.join(shown)}]"
            elif isinstance(node, ScalarNode) and node.tag == _STR and node.value.strip():
                listed = f"; write it as a list in brackets: {key}: [{quoted(node.value.strip())}]"
            elif isinstance(node, MappingNode) and (items := _pairs_as_items(node)):
                # `follow_ups: {a: b}`, braces for brackets: each pair as its item's text
                listed = f"; write it as a list in brackets: {key}: [{', '.join(items)}]"
            self.problem(node, f"{where}'{key}' must be a list of text, not {_kind(node)}{listed}")
            return ()
        items = []
        shown = "" if node.flow_style else "- "
        for item in node.value:
            if isinstance(item, ScalarNode) and item.tag not in (_STR, _NULL) and not item.style:
                self.not_text(item, f"{where}'{key}'", shown)
            elif isinstance(item, MappingNode) and not item.flow_style and item.value:
                self.colon_in_text(item, f"{where}'{key}'", shown)
            elif said := self.no_value(item, f"{where}an item of '{key}'", shown):
                self.problem(item, said)
            elif not isinstance(item, ScalarNode) or item.tag != _STR:
                self.problem(item, f"{where}each of '{key}' must be text, not {_kind(item)}")
            elif not item.value.strip():
                self.problem(item, f"{where}'{key}' has an empty item")
            elif shows_nothing(item.value):
                self.problem(
                    item,
                    f"{where}'{key}' has an empty item: it holds nothing visible, only "
                    f"{unseen_characters(item.value.strip())}; delete the item, or write it",
                )
            else:
                self.check_characters(item, item.value.strip(), f"{where}'{key}'")
                self.check_plain_text(item, f"{where}'{key}'", shown)
                if limit is not None:
                    self.check_length(item, item.value.strip(), f"{where}each of '{key}'", limit)
                if key not in RICH_KEYS or self.shows_something(
                    item, item.value.strip(), f"{where}an item of '{key}'"
                ):
                    items.append(item.value.strip())
                    self.refuse_table(item, key, where)
        return tuple(items)

    # why an item of these lists holds no table: what each is in the interviewer's packet
    _NO_TABLE = {
        "look_for": "each look-for signal is a tick box in the interviewer's packet, with a "
        "line of words beside it, where no table fits; write the signal as words ('Names the "
        "log each source keeps'), and the table in the hint or the note",
        "follow_ups": "each follow-up is a one-line prompt the interviewer reads out, where no "
        "table fits; write the prompt as words, and the table in the question, the hint or "
        "the note",
    }

    def refuse_table(self, item: ScalarNode, key: str, where: str) -> None:
        """A Markdown table in an item of `look_for` or `follow_ups` is refused (_NO_TABLE)."""
        tree = self.rich.get(item.value.strip())
        if key in self._NO_TABLE and tree is not None:
            if any(isinstance(block, Table) for block in walk(tree.blocks)):
                self.problem_here(
                    item, f"{where}an item of '{key}' holds a table: {self._NO_TABLE[key]}"
                )

    def _lines_of(self, node: Node) -> list[str]:
        """The lines of a plain text over several lines, as written; [] for any other node."""
        if not isinstance(node, ScalarNode) or node.style or node.tag != _STR:
            return []
        written = self.lines.text[node.start_mark.index : node.end_mark.index]
        return [line.strip() for line in written.splitlines() if line.strip()]

    def _dashed_alone(self, node: ScalarNode) -> str:
        """The text after the dash of a line of its own that starts `node` with a dash typed
        against it ('-Names it'); '' for any other text."""
        line = self.lines.line_text(node.start_mark.line + 1)
        before, typed = line[: node.start_mark.column], line[node.start_mark.column :]
        alone = not before.strip() and not node.style and _DASHED.match(typed)
        return typed[1:].strip() if alone else ""

    def whole_number(
        self, fields: dict[str, Node], key: str, where: str, low: int, high: int
    ) -> int | None:
        """A whole number from `low` to `high` in plain decimal digits. YAML 1.1 also reads
        017 (octal), 0x10, 1:30 (base 60), +5 and 1_000 as numbers: those are refused with
        what YAML made of them, so a typo never becomes another number."""
        node = fields.get(key)
        if self.absent(node):
            return None
        assert node is not None
        what = f"{where}'{key}' must be a whole number from {low} to {high}"
        if not isinstance(node, ScalarNode) or node.style or node.tag in (_STR, _NULL):
            if isinstance(node, ScalarNode) and node.tag == _STR and not node.style:
                self.problem(node, f"{what}, not {_shortened(node.value)}")  # 10^100, 5 min
            elif isinstance(node, ScalarNode) and node.tag == _STR and node.value.strip():
                # quoted: '"5"' (write it without quotes), or a sheet's '-1' and '1e3',
                # which were said to be "not text" although a number was typed
                value = node.value.strip()
                if _within(value, low, high):
                    self.problem(node, f"{what}, not the text '{value}'; write it without quotes")
                elif _NUMBER.fullmatch(value):
                    self.problem(node, f"{what}, not {_shortened(value)}")
                else:
                    self.problem(node, f"{what}, not the text '{_shortened(value)}'")
            else:
                self.problem(node, f"{what}, not {_kind(node)}")
            return None
        written = node.value
        if node.tag == _INT and written.startswith("-") and _DECIMAL.fullmatch(written[1:]):
            # '-1' was told "YAML reads -1 as -1 (the sign is not a digit)"
            kind = "a positive whole number" if low > 0 else "a whole number"
            self.problem(node, f"{where}'{key}' must be {kind} from {low} to {high}, not {written}")
            return None
        if node.tag == _INT and _DECIMAL.fullmatch(written):
            if len(written) <= len(str(high)) and low <= int(written) <= high:
                return int(written)
        elif node.tag == _INT and _YAML_INT.fullmatch(written):
            try:
                read = f" as {yaml.constructor.SafeConstructor().construct_yaml_int(node)}"
            except ValueError:  # more digits than Python converts
                read = ""
            self.problem(
                node,
                f"{what}, in plain digits: YAML reads {_shortened(written)}{read} "
                f"({_int_form(written)})",
            )
            return None
        self.problem(node, f"{what}, not {_shortened(written)}")
        return None

    def check_characters(self, node: Node, value: str, what: str) -> None:
        """Characters no artifact can hold: control characters but tab and line break,
        lone surrogates and the non-characters U+FFFE and U+FFFF."""
        if getattr(node, "style", None) == '"' and "\\" in self._raw(node):
            self._tex_escapes(node, what)
        found = _FORBIDDEN.search(value)
        if found:
            code = ord(found.group())
            message = f"{what} holds the control character U+{code:04X}"
            escape = self._escaped(node, found.group())
            if escape is None:
                self.problem(node, message)
                return
            # a lecturer's "What is $\bar{x}$?" was told of U+0008 alone: YAML made it of
            # the '\b' of TeX's \bar, in double quotes
            self.problems.append(
                self.lines.problem(
                    escape,
                    f"{message}, which YAML makes of '\\{_CONTROL_ESCAPES[found.group()]}' "
                    "inside double quotes (a TeX command's start, as in \\bar or \\frac, "
                    "is read so); write the text in 'single quotes', where a backslash is "
                    "itself, or write \\\\ for each backslash",
                )
            )

    def _raw(self, node: Node) -> str:
        """The text of `node` as written in the bank."""
        return self.lines.text[node.start_mark.index : node.end_mark.index]

    def _tex_escapes(self, node: Node, what: str) -> None:
        """A warning at each TeX command in double quotes that YAML reads as a tab or a
        line break and letters ('\\theta' as a tab and 'heta'), which loads, and which
        no artifact shows as typed. A tab or line break before a word ('\tan example',
        '\ne.g.') is TeX only in a text that holds a formula (_TEX_OR_WORD)."""
        start = node.start_mark.index
        formula = _TEX_AROUND.search(self.lines.text, start, node.end_mark.index) is not None
        for escape in _ESCAPE.finditer(self.lines.text, start, node.end_mark.index):
            command = _TEX_AFTER_ESCAPE.match(self.lines.text, escape.start())
            if command is None or command[1] not in _TEX_COMMANDS:
                continue
            if command[1] in _TEX_OR_WORD and not formula:
                continue
            made = "a tab" if escape[1] == "t" else "a line break"
            rest = command[1][1:]
            self.warnings.append(
                self.lines.problem(
                    escape.start(),
                    f"warning: {what}: YAML reads '\\{command[1]}' inside double quotes as "
                    f"{made} and '{rest}', not TeX's \\{command[1]}; qbank typesets no TeX, "
                    "so write the formula in Unicode (θ, ×, ≠, ν), or, to show the TeX, "
                    "write the text in 'single quotes'",
                )
            )

    def _escaped(self, node: Node, control: str) -> int | None:
        """Where, in the bank's text, the escape of double-quoted `node` starts that YAML
        made `control` of ('\\b' of a backspace); None where it is written otherwise."""
        letter = _CONTROL_ESCAPES.get(control)
        if letter is None or getattr(node, "style", None) != '"':
            return None
        start, end = node.start_mark.index, node.end_mark.index
        for escape in _ESCAPE.finditer(self.lines.text, start, end):
            if escape[1] == letter:
                return escape.start()
        return None

    # -- the bank ------------------------------------------------------------------------

    def bank(self, root: Node | None, *, name: str) -> Bank | None:
        if root is None:
            self.problem(1, "the bank is empty; it needs a title and questions")
            return None
        self.refuse_tags(root)
        if self.aliased and not self.aliases_bounded(root):
            return None
        if not isinstance(root, MappingNode):
            self.problem(
                root, f"the bank must be a mapping with title and questions, not {_kind(root)}"
            )
            return None
        fields = self.mapping(root, TOP_KEYS, "")
        # a list under a misspelt key of a list ('questons:') is checked as that key's, so
        # that its questions' problems come in this check, not in the one after the key is
        # mended; a list under a key of text ('logos:', 'roles:') is not: 'logo' was then told
        # to be a block of text too (a review)
        for value in list(fields.values()):
            meant = self.meant.get(id(value))
            if meant in _LISTS and meant not in fields and isinstance(value, SequenceNode):
                fields[meant] = value
        markup = self.markup(fields.get("markup"))
        # a bank with a role or a rubric is for interviews (Bank.for_interviews, told here
        # from the nodes, before the bank is made, for the advice its texts are given)
        if self.markdown is not None:
            self.markdown.interview = any(
                not self.absent(node) and bool(str(node.value).strip() if is_text else node.value)
                for node, is_text in ((fields.get("role"), True), (fields.get("rubric"), False))
            )
        title = self.text(fields, "title", "", root, required=True, limit=LENGTHS["title"])
        description = self.text(fields, "description", "", root, limit=LENGTHS["description"]) or ""
        role = self.text(fields, "role", "", root, limit=LENGTHS["role"]) or ""
        organisation = self.text(fields, "organisation", "", root, limit=LENGTHS["organisation"])
        logo = self.logo(fields, root)
        language = self.bank_language = self.language(fields.get("language"))
        reviewed = facts.reviewed(self, fields.get("reviewed"))
        self.vocabulary = facts.vocabulary(self, fields.get("tags"))
        self.competencies = structure.competencies(self, fields.get("competencies"))
        declared = self.sections(fields.get("sections"))
        rubric = self.rubric(fields.get("rubric"))
        if rubric:
            self.scores = tuple(level.score for level in rubric)
        questions = self.questions(fields.get("questions"), root, declared)
        facts.lone_groups(self, self.groups)
        node = fields.get("questions")
        total = len(node.value) if isinstance(node, SequenceNode) else 0
        structure.coverage(self, total, self.measured, self.unnamed)
        if declared is None:  # sections named by the questions alone, in order of appearance
            first: dict[str, int] = {}
            for q in questions:
                first.setdefault(q.section, q.line)
            self.distinct_sections(first.items())
        if self.problems or title is None:
            return None
        if declared is None:
            sections = tuple(  # each at its first question's line
                Section(name, position=i, line=line) for i, (name, line) in enumerate(first.items())
            )
        else:
            used = {q.section for q in questions}
            kept = [s for s in declared if s.name in used]
            for unused in (s for s in declared if s.name not in used):
                self.warnings.append(
                    Problem(
                        self.source,
                        self.section_lines[unused.name],
                        f"warning: section '{unused.name}' has no question; the artifacts "
                        "leave it out",
                    )
                )
            sections = tuple(replace(s, position=i) for i, s in enumerate(kept))
        return Bank(
            title=title,
            description=description,
            role=role,
            organisation=organisation or "",
            logo=logo,
            language=language,
            sections=sections,
            questions=tuple(questions),
            rubric=rubric,
            name=name,
            source=self.source,
            reviewed=reviewed,
            vocabulary=self.vocabulary,
            markup=markup,
            rich=self.rich,
            text_lines=self.text_lines,
            competencies=self.competencies,
            pictures_modified=self.markdown.images.newest if self.markdown else 0,
            places=self.places(
                fields,
                {"title": title, "description": description, "organisation": organisation or ""},
                sections,
            ),
        )

    def places(
        self, fields: dict[str, Node], texts: dict[str, str], sections: tuple[Section, ...]
    ) -> dict[str, tuple[int, str]]:
        """Where the bank's own texts stand (see Bank.places): `texts` (its title,
        description and organisation, by key) and each declared section's description."""
        found: dict[str, tuple[int, str]] = {}
        for key, text in texts.items():
            if text and key in fields:
                found.setdefault(text, (self.line(fields[key]), f"the bank's {key}"))
        for section in sections:
            if section.description and section.name in self.section_lines:
                line = self.section_lines[section.name]
                what = f"the description of section '{section.name}'"
                found.setdefault(section.description, (line, what))
        return found

    def language(self, node: Node | None, where: str = "") -> str:
        """The language the bank's texts are in, as a tag (BCP 47: en, de, pt-BR); empty
        when not given. `where` starts each problem (a section's: "section 'Uno': ")."""
        if self.absent(node):
            return ""
        assert node is not None
        value = node.value.strip() if isinstance(node, ScalarNode) else None
        if value is not None and len(value) > LANGUAGE_LONGEST and LANGUAGE.fullmatch(value):
            self.problem(
                node,
                f"{where}'language' is a language tag of {len(value):,} characters; one has at "
                f"most {LANGUAGE_LONGEST} (BCP 47), as en, de or pt-BR",
            )
            return ""
        hint = "" if value is None else language_advice(value)
        if hint is not None:
            shown = value if value is not None else _kind(node)
            self.problem(
                node,
                f"{where}'language' must be a language tag such as en, de or pt-BR (BCP 47), "
                f"not {shown}{hint}",
            )
            return ""
        return value

    def markup(self, node: Node | None) -> str:
        """`markup: markdown` makes the bank's texts CommonMark; the default is plain. In
        any case (`Markdown`), as an option's choice and qbank.toml's paper are taken."""
        if self.absent(node):
            return "plain"
        assert node is not None
        written = node.value.strip() if isinstance(node, ScalarNode) else None
        value = written.lower() if written is not None and written.isascii() else written
        if value not in MARKUPS:
            shown = written if written is not None else _kind(node)
            self.problem(node, f"'markup' must be plain or markdown, not {shown}")
            return "plain"
        if value == "markdown":
            from qbank.bank.markdown import MarkdownReader

            folder = Path(self.source).parent if self.source else None
            self.markdown = MarkdownReader(folder, self.owner)
        return value

    def sections(self, node: Node | None) -> tuple[Section, ...] | None:
        if self.absent(node):
            return None
        if not isinstance(node, SequenceNode):
            self.problem(node, f"'sections' must be a list, not {_kind(node)}")
            return None
        if not node.value:  # an empty list declares nothing: order by first appearance
            return None
        sections: list[Section] = []
        first = self.section_lines
        for item in node.value:
            language = ""
            if isinstance(item, ScalarNode) and item.tag == _STR:
                name, description = item.value.strip(), ""
                self.check_characters(item, name, "section name")
                self.check_plain_text(item, "section name", "- ")
                self.check_length(item, name, "section name", LENGTHS["section"])
            elif isinstance(item, MappingNode) and _question_fields(item):
                if not self.questions_in_sections:  # said once, not at each of their keys
                    self.questions_in_sections = True
                    shown = ", ".join(f"{k}:" for k in _question_fields(item))
                    self.problem(
                        item,
                        f"a question ({shown}) in the list of 'sections': questions go under "
                        "'questions:', written at the margin on a line of its own above the "
                        "first of them",
                    )
                continue
            elif isinstance(item, MappingNode):
                fields = self.mapping(item, SECTION_KEYS, "section: ")
                name = (
                    self.text(
                        fields, "name", "section: ", item, required=True, limit=LENGTHS["section"]
                    )
                    or ""
                )
                # its description's problems name it, as a question's name the question
                named = f"section '{one_line(name)}': " if name else "section: "
                description = (
                    self.text(fields, "description", named, item, limit=LENGTHS["description"])
                    or ""
                )
                language = self.language(fields.get("language"), named)
            elif isinstance(item, ScalarNode) and item.tag != _NULL:
                self.not_text(item, "section name", "- ")
                continue
            else:
                self.problem(
                    item,
                    "each section must be a name, or a name with a description ({name: ..., "
                    f"description: ...}}), not {_kind(item)}",
                )
                continue
            if not name:
                if isinstance(item, ScalarNode):
                    self.problem(item, "a section name is empty")
                continue
            if holds_line_break(name):
                at = item if isinstance(item, ScalarNode) else fields["name"]
                self.problem(at, _section_on_lines(name, "section: "))
                self.sections_on_lines.add(name)
                continue
            if name in first:
                self.problem(item, f"section '{name}' is listed twice; first on line {first[name]}")
                continue
            first[name] = self.line(item)
            sections.append(Section(name, description, language=language, line=first[name]))
        self.distinct_sections(first.items())
        return tuple(sections)

    def distinct_sections(self, named: Iterable[tuple[str, int]]) -> None:
        """Refuse two section names that would be one where they are shown or used: names
        that differ only in case or Unicode normalisation (--section, a reader's eye), or
        that Anki would file under one section tag (it folds case, and `anki_tag` blanks and
        hyphens alike)."""
        by_key: dict[str, tuple[str, int]] = {}
        for name, line in named:
            folded = unicodedata.normalize("NFC", name).casefold()
            tag = anki_tag(name).casefold()
            other = by_key.get(folded) or by_key.get(tag)
            if other is None:
                by_key[folded] = by_key[tag] = (name, line)
                continue
            if unicodedata.normalize("NFC", other[0]) == unicodedata.normalize("NFC", name):
                how = "are one text in two Unicode forms (an accent as one character or two)"
            elif unicodedata.normalize("NFC", other[0]).casefold() == folded:
                how = "differ only in case"
            else:
                how = f"would be one section tag in Anki, '{anki_tag(name)}'"
            self.problem(
                line,
                f"sections '{other[0]}' (line {other[1]}) and '{name}' {how}; rename one of them",
            )

    def rubric(self, node: Node | None) -> tuple[RubricLevel, ...] | None:
        if self.absent(node):
            return None
        low, high = RUBRIC_LEVELS
        if not isinstance(node, SequenceNode) or not low <= len(node.value) <= high:
            count = f", not {len(node.value)}" if isinstance(node, SequenceNode) else ""
            self.problem(node, f"'rubric' must be a list of {low} to {high} levels{count}")
            return None
        levels: list[RubricLevel] = []
        for item in node.value:
            if not isinstance(item, MappingNode):
                self.problem(item, f"each rubric level must be a mapping, not {_kind(item)}")
                continue
            fields = self.mapping(item, RUBRIC_KEYS, "rubric: ")
            score = self.whole_number(fields, "score", "rubric: ", *SCORE_RANGE)
            if "score" not in fields:
                self.problem(item, "rubric: missing 'score'")
            where = "rubric: " if score is None else f"rubric: score {score}: "
            label = self.text(fields, "label", where, item, required=True, limit=LENGTHS["label"])
            anchor = self.text(fields, "anchor", where, item, required=True, limit=LENGTHS["item"])
            if score is not None:
                if levels and score <= levels[-1].score:
                    self.problem(item, "rubric: scores must rise from one level to the next")
                # a level missing its label or anchor is refused above, but its score still
                # judges the questions' anchors: every problem at once, none made up
                levels.append(RubricLevel(score, label or "", anchor or ""))
        return tuple(levels)

    def questions(
        self, node: Node | None, root: Node, declared: tuple[Section, ...] | None
    ) -> list[Question]:
        if node is None:
            # the list under a misspelt key ('questons:') is said as that key, once
            if not self.questions_in_sections and "questions" not in self.misspelt:
                self.problem(root, "missing 'questions'")
            return []
        if not isinstance(node, SequenceNode):
            self.problem(node, f"'questions' must be a list, not {_kind(node)}")
            return []
        if not node.value:
            self.problem(node, "'questions' is empty; a bank needs at least one question")
            return []
        section_names = None if declared is None else {s.name for s in declared}
        first_line: dict[str, int] = {}
        self.suggested_ids: set[str] = set()  # free ids offered for duplicates so far
        # each duplicated id's next number to offer: the numbers below it are taken or
        # offered (50,000 rows of one id counted up from 2 each time: minutes)
        self.next_number: dict[str, int] = {}
        # every id as written, so that an id offered for a wrong one is none of them
        self.written_ids = {
            value.value
            for item in node.value
            if isinstance(item, MappingNode)
            for key, value in item.value
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode)
        }
        questions = []
        self.unknown_sections: dict[str, list[tuple[Node, str]]] = {}
        self.used_sections: set[str] = set()
        for number, item in enumerate(node.value, start=1):
            question = self.question(item, number, section_names, declared, first_line)
            if question is not None:
                questions.append(question)
        self.report_unknown_sections(declared or ())
        return questions

    def report_unknown_sections(self, declared: tuple[Section, ...]) -> None:
        """Questions in a section the list does not name. When several are in one name a
        slip away from a listed section that no question is in, the slip is in the list:
        one problem there, not one a question (a trial's "Pipeline" for "Pipelines")."""
        names = ", ".join(s.name for s in declared)
        # in the list's order: of names alike but for case (refused, and still read), the
        # suggestion was the one a set gave first, which changed from run to run
        listed = dict.fromkeys(s.name for s in declared)
        near = {section: closest(section, listed) for section in self.unknown_sections}
        spellings = Counter(near.values())  # two spellings near one listed name: at each
        for section, places in self.unknown_sections.items():
            close = near[section]
            if (
                close is not None
                and close not in self.used_sections
                and len(places) > 1
                and spellings[close] == 1
                and close in self.section_lines
            ):
                lines = ", ".join(str(self.line(n)) for n, _ in places[:5])
                more = ", …" if len(places) > 5 else ""
                self.problem(
                    self.section_lines[close],
                    f"section '{close}' is listed here, but no question is in it, and "
                    f"{len(places)} questions are in '{section}' (lines {lines}{more}), which "
                    f"the list does not name; if they are one section, spell it one way: "
                    f"here, write {section}",
                )
                continue
            hint = did_you_mean(section, listed)
            hint += " " if hint.endswith("?") else "; "
            # a list whose every entry was refused names none (a review: 'sections are: ')
            known = f"sections are: {names}" if listed else "the list of 'sections' names none"
            for node, where in places:
                self.problem_here(node, f"{where}unknown section '{section}'{hint}{known}")

    def question(
        self,
        node: Node,
        number: int,
        section_names: set[str] | None,
        declared: tuple[Section, ...] | None,
        first_line: dict[str, int],
    ) -> Question | None:
        if not isinstance(node, MappingNode):
            if isinstance(node, ScalarNode) and node.tag == _STR and node.value.strip():
                write = (
                    f"write - question: {quoted(node.value.strip())}, and id:, section: and "
                    "hint: under it, in line with question:"
                )
                item = item_left_of_list(self.lines, self.line(node))
                if item is not None:  # (a trial's follow-up moved left: told 'a question')
                    above, indent, listed, qid = item
                    whose = f" of question '{qid}'" if qid else ""
                    self.problem(
                        node,
                        f"question {number} is text alone, in line with the questions' "
                        f"dashes, under the items of '{listed}'{whose}; if it is one of them, "
                        f"indent its dash {_spaces(indent)}, as the item on line {above} is; "
                        f"if it is a question, {write}",
                    )
                else:
                    self.problem(
                        node,
                        f"question {number} is text alone; a question is its fields, each on "
                        f"a line of its own: {write}",
                    )
            else:
                self.problem(
                    node,
                    f"question {number} must be its fields (- id: ..., then section:, "
                    f"question: and hint: under it), not {_kind(node)}",
                )
            return None
        raw_id = _scalar_text(node, "id")
        where = f"question '{raw_id}': " if raw_id else f"question {number}: "
        fields = self.mapping(node, QUESTION_KEYS, where)
        count = len(self.problems)
        qid = self.text(
            fields,
            "id",
            where,
            node,
            required=True,
            missing=f"{where}missing 'id'; add one (lowercase letters, digits and hyphens), or "
            "let `qbank check --fix-ids` give one to each question without",
        )
        if qid is not None:
            if not ID_PATTERN.fullmatch(qid):
                # a letter with an accent is spelt as ids are made (ü u, ß ss): "lowercase
                # letters" alone left "konfliktlösung" unexplained (a trial)
                suggested = ascii_slug(qid, self.bank_language)
                base, n = suggested, 1
                while suggested in self.written_ids:  # 'grosse' is taken: grosse-2
                    n += 1
                    suggested = f"{base}-{n}"
                such_as = f", such as {suggested}" if ID_PATTERN.fullmatch(suggested) else ""
                if len(suggested) > LENGTHS["id"]:  # no advice that check then refuses
                    such_as = f", and at most {LENGTHS['id']} characters"
                self.problem(
                    fields["id"],
                    f"{where}id must be lowercase letters a to z (no accents), digits and single "
                    f"hyphens{such_as}",
                )
            elif len(qid) > LENGTHS["id"]:
                # 100,000 characters passed check and built a fillable packet whose form
                # fields, named by the id, the debrief refused as damaged (a hostile trial)
                self.problem(
                    fields["id"],
                    f"question '{shorten(qid, 60)}': id is {len(qid):,} characters long, more "
                    f"than the {LENGTHS['id']} an id may have (the fillable packet names its "
                    "form fields by it); shorten it",
                )
            elif qid in first_line:
                n = self.next_number.get(qid, 2)
                # every id, later ones too, and those offered
                while f"{qid}-{n}" in self.written_ids or f"{qid}-{n}" in self.suggested_ids:
                    n += 1
                self.suggested_ids.add(f"{qid}-{n}")
                self.next_number[qid] = n + 1
                self.problem(
                    fields["id"],
                    f"{where}duplicate id; first used on line {first_line[qid]}; give this "
                    f"question an id of its own, such as {qid}-{n}",
                )
            else:
                first_line[qid] = self.line(node)
        section = self.text(fields, "section", where, node, required=True, limit=LENGTHS["section"])
        if section is not None and holds_line_break(section):
            if section not in self.sections_on_lines:
                self.problem(fields["section"], _section_on_lines(section, where))
            section = None
        if section is not None and section_names is not None and section not in section_names:
            self.unknown_sections.setdefault(section, []).append((fields["section"], where))
        elif section is not None:
            self.used_sections.add(section)
        limits = {} if self.long_texts else QUESTION_LENGTHS
        text = self.text(
            fields, "question", where, node, required=True, limit=limits.get("question")
        )
        hint = self.text(fields, "hint", where, node, required=True, limit=limits.get("hint"))
        if self.markdown is not None and text in self.rich and hint in self.rich:
            sections = {s.name: s.language for s in declared or ()}
            language = sections.get(section or "") or self.bank_language
            self.hint_material(fields, where, (text, hint), language)
        tags = self.text_list(fields, "tags", where)
        facts.question_tags(self, fields.get("tags"), self.vocabulary, where)
        look_for = self.text_list(fields, "look_for", where, limits.get("look_for"))
        follow_ups = self.text_list(fields, "follow_ups", where, limits.get("follow_ups"))
        minutes = self.whole_number(fields, "minutes", where, *MINUTES_RANGE)
        note = self.text(fields, "note", where, node, limit=limits.get("note"))
        sources = facts.sources(self, fields.get("sources"), where)
        group = facts.group(self, fields, where, node)
        if group is not None:
            self.groups.setdefault(group, []).append((self.line(fields["group"]), where))
        competency = structure.competency(self, fields, where, node)
        if "competency" in fields and not self.absent(fields["competency"]):
            self.measured.add(competency or "")
            if isinstance(fields["competency"], SequenceNode):  # refused, but they are named
                self.measured.update(str(n.value) for n in fields["competency"].value)
        else:
            self.unnamed.append((self.line(node), where))
        anchors = structure.anchors(
            self, fields.get("anchors"), self.scores, where, _key_line(self, node, "anchors")
        )
        if len(self.problems) > count or not (qid and section and text and hint):
            return None
        return Question(  # what every question has, then what it may have
            qid,
            number,
            section,
            text,
            hint,
            tags=tags,
            look_for=look_for,
            follow_ups=follow_ups,
            minutes=minutes,
            note=note,
            sources=sources,
            group=group,
            competency=competency,
            anchors=anchors,
            line=self.line(node),
        )


def _key_line(checker: Checker, node: MappingNode, key: str) -> int:
    """The line of a mapping's `key:` (a block mapping's value starts on the next line)."""
    for key_node, _ in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return checker.line(key_node)
    return checker.line(node)


def _scalar_text(node: MappingNode, key: str) -> str | None:
    for key_node, value_node in node.value:
        if key_node.value == key and isinstance(value_node, ScalarNode) and value_node.value:
            return value_node.value.strip()
    return None
