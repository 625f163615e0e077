"""The bank's field names, and the characters that mean something at the start of a
value: to YAML, or as a word processor's bullets and quotes.
"""

from __future__ import annotations

# Characters that mean something to YAML at the start of a plain value, and what
INDICATORS = {
    "`": "a reserved character",
    "@": "a reserved character",
    "*": "an alias (a reference to an &anchor)",
    "&": "an anchor name",
    "!": "a tag",
    "%": "a directive",
    "[": "the start of a list",
    "{": "the start of a mapping",
    "|": "the start of a block of lines",
    ">": "the start of a folded block",
}


CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u201a"  # “ ” ‘ ’ „ ‚
CURLY_OPENING = "\u201c\u2018\u201e\u201a"  # “ ‘ „ ‚
CURLY_CLOSING = "\u201d\u2019\u201c"  # ” ’, and “ which closes German „…“


# Fields whose value is a list: a `[` or `{` there is YAML's own list or mapping
# keys whose value is a list or a mapping, not text (`anchors` maps scores to text)
LIST_KEYS = frozenset(
    {"sections", "questions", "rubric", "tags", "look_for", "follow_ups", "competencies", "anchors"}
)
TEXT_LIST_KEYS = frozenset({"tags", "look_for", "follow_ups"})
QUESTION_KEYS = (
    "id",
    "section",
    "question",
    "hint",
    "tags",
    "look_for",
    "follow_ups",
    "minutes",
    "note",
    "sources",
    "group",
    "competency",
    "anchors",
)

# Every key a bank has at some level: a line starting with one of them is meant as a key
FIELDS = frozenset(
    {
        "anchor", "anchors", "competencies", "competency", "description", "follow_ups", "group",
        "hint", "id", "label", "look_for", "markup", "minutes", "name", "note", "question",
        "questions", "reviewed", "role", "rubric", "score", "section", "sections", "sources",
        "tags", "title", "url", "weight", "organisation", "logo", "language",
    }
)  # fmt: skip
# the bullets of word processors, as a list pasted from one starts its lines
PASTED_BULLETS = "\u2022\u00b7\u2013\u25aa\u25e6"
