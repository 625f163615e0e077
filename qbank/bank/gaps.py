"""The gaps of a Moodle question whose answers stand in its text: a cloze question's
embedded answers (`{1:MULTICHOICE:=California#OK~Arizona#Wrong}`, qtype_multianswer) and a
select-missing-words or drag-and-drop-into-text question's `[[n]]` (qtype_gapselect,
qtype_ddwtos).

A bank question is read aloud or printed for the candidate, so no answer may stay in its
text: each gap becomes a numbered blank, `_____ (1)`, and what the gap takes (the answers
with their marks and feedback, or the choices and the right one) goes to the note, a line a
gap. The syntax is Moodle's own (question/type/multianswer/questiontype.php): a field is
`{weight:TYPE:answers}`, its answers apart by `~`, each `=` or `%100%` for right, `%50%`
for partly right, `#` before its feedback, `\\` before a `}`, `#`, `~` or `/` that is the
answer's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from qbank.bank.html_text import text_from_html
from qbank.bank.imported import ENGLISH, Labels

# Moodle's cloze types; the longer first, so that MULTICHOICE_V is never read as
# MULTICHOICE and '_V' (the answers part being optional, nothing made it try again: a review)
_TYPES = "|".join(
    sorted(
        (
            "MULTICHOICE MC MULTICHOICE_S MCS MULTICHOICE_V MCV MULTICHOICE_VS MCVS "
            "MULTICHOICE_H MCH MULTICHOICE_HS MCHS MULTIRESPONSE MR MULTIRESPONSE_S MRS "
            "MULTIRESPONSE_H MRH MULTIRESPONSE_HS MRHS NUMERICAL NM SHORTANSWER SA MW "
            "SHORTANSWER_C SAC MWC"
        ).split(),
        key=len,
        reverse=True,
    )
)
# a field, its answers and its closing brace when it has them (one without is not a gap
# Moodle reads, but its words would give the answer away all the same)
_FIELD = re.compile(rf"\{{([0-9]*):({_TYPES})(?::((?:\\.|[^\\}}])*))?(\}}?)", re.DOTALL)
_APART = re.compile(r"(?<!\\)~")
_FEEDBACK = re.compile(r"(?<![\\&])#")  # `&#39;` is a character, not the feedback's start
_FRACTION = re.compile(r"(=|%(-?[0-9]+(?:[.,][0-9]*)?)%)?(.*)", re.DOTALL)
_NUMBER = r"-?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][-+]?[0-9]+)?"
_TOLERANCE = re.compile(rf"({_NUMBER}):({_NUMBER})")
_ESCAPED = re.compile(r"\\([}#~/\\])")
_CHOICE = re.compile(r"\[\[([0-9]{1,9})\]\]")
GAP_TYPES = {"gapselect", "ddwtos"}  # the `[[n]]` kinds; a cloze question is "cloze"
_BLANK_TEXT = re.compile(r"(?:\\?_){5} \([0-9]+\)")  # a blank as bank text, escaped or not


@dataclass
class Gaps:
    """A question text with its gaps blank, what each gap takes (a line a gap), and what
    the question's warning says of them."""

    markup: str
    lines: list[str]
    said: str
    right: list[str]  # what gets full marks in each gap that has it, `(1) Paris`


def blank(number: int) -> str:
    return f"_____ ({number})"


def without_blanks(text: str) -> str:
    """A question's words without its blanks: what its id is made from (a blank's number
    is no word of it: 'The [[1]] [[2]] on the [[3]]' made '1-2-3')."""
    return _BLANK_TEXT.sub(" ", text)


def gaps(kind: str, markup: str, question: etree._Element, labels: Labels = ENGLISH) -> Gaps | None:
    """The gaps of a question of `kind` whose text is `markup`, or None when it has none;
    the note's lines headed in `labels`'s language."""
    if kind == "cloze":
        return _cloze(markup, labels)
    if kind in GAP_TYPES:
        return _choices(markup, question, labels)
    return None


def _cloze(markup: str, labels: Labels) -> Gaps | None:
    lines: list[str] = []
    unread: list[str] = []
    right: list[str] = []

    def field(found: re.Match[str]) -> str:
        number = len(lines) + 1
        alternatives = [a for a in _APART.split(found[3] or "") if a.strip()]
        answers = [_answer(found[2], a) for a in alternatives]
        if found[3] is None or not found[4] or not any(answers):
            typed = " ".join(text_from_html(found[0]).split())
            lines.append(f"({number}) as typed, not a gap Moodle reads: {typed}")
            unread.append(str(number))
        else:
            lines.append(f"({number}) " + ", ".join(filter(None, answers)))
            if best := _best(found[2], alternatives):
                right.append(f"({number}) {best}")
        return blank(number)

    blanked = _FIELD.sub(field, markup)
    if not lines:
        return None
    said = _each_gap(len(lines), "answers and feedback")
    if unread:
        said += (
            f"; {_numbered(unread)} not written as Moodle reads a gap (no answers, or no "
            "closing '}'), and the note holds it as typed"
        )
    return Gaps(blanked, [f"{labels.gaps}{labels.colon}", *lines], said, right)


def _best(kind: str, alternatives: list[str]) -> str:
    """The first of a cloze field's answers that gets full marks, as the note writes it
    without its marks and feedback; empty when none does."""
    for alternative in alternatives:
        fraction, text, _ = _parts(kind, alternative)
        if fraction == 100 and text and text != "any other answer":
            return text
    return ""


def _parts(kind: str, alternative: str) -> tuple[float, str, list[str]]:
    """One answer of a cloze field: its fraction, its text as shown, its feedback."""
    found = _FRACTION.fullmatch(alternative)
    assert found is not None  # `(.*)` takes anything
    fraction = 100.0 if found[1] == "=" else float(found[2].replace(",", ".")) if found[2] else 0
    answer, *feedback = _FEEDBACK.split(found[3], maxsplit=1)
    text = _shown(answer)
    if kind in ("NUMERICAL", "NM") and (tolerance := _TOLERANCE.fullmatch(text)):
        # an exact answer is the number alone, as a numerical question's is ('47 ± 0': a trial)
        exact = float(tolerance[2].replace(",", ".")) == 0
        text = tolerance[1] if exact else f"{tolerance[1]} ± {tolerance[2]}"
    elif text == "*" and kind not in ("NUMERICAL", "NM"):
        text = "any other answer"
    return fraction, text, feedback


def _answer(kind: str, alternative: str) -> str:
    """One answer of a cloze field as the note lists it: `Paris (correct; Well done)`."""
    fraction, text, feedback = _parts(kind, alternative)
    if not text:
        return ""
    marks = []
    if fraction == 100:
        marks.append("correct")
    elif fraction:
        marks.append(f"{fraction:g}%")
    if said := _shown("".join(feedback)):
        marks.append(said)
    return f"{text} ({'; '.join(marks)})" if marks else text


def _shown(markup: str) -> str:
    """An answer's or feedback's HTML as one line of text, its escapes undone (text
    without a tag or an entity is read as it is: a field of 500,000 answers took seconds)."""
    text = _ESCAPED.sub(r"\1", markup)
    return " ".join((text_from_html(text) if "<" in text or "&" in text else text).split())


def _choices(markup: str, question: etree._Element, labels: Labels) -> Gaps | None:
    """The gaps of a select-missing-words or drag-and-drop-into-text question: `[[n]]` is a
    gap whose right choice is the question's nth, offered with the others of its group."""
    choices = [
        (
            " ".join(text_from_html((choice.findtext("text") or "").strip()).split()),
            (choice.findtext("group") or "1").strip() or "1",
        )
        for choice in question
        if choice.tag in ("selectoption", "dragbox")
    ]
    lines: list[str] = []
    right: list[str] = []

    def gap(found: re.Match[str]) -> str:
        number = len(lines) + 1
        at = int(found[1])
        if 1 <= at <= len(choices):
            text, group = choices[at - 1]
            lines.append(f"({number}) {text} (from group {group})")
            right.append(f"({number}) {text}")
        else:
            lines.append(f"({number}) no choice {at} in the file, which has {len(choices)}")
        return blank(number)

    blanked = _CHOICE.sub(gap, markup)
    if not lines and not choices:
        return None
    groups: dict[str, list[str]] = {}
    for text, group in choices:
        groups.setdefault(group, []).append(text)
    if len(groups) == 1:  # one group: no gap is told apart by its group
        lines = [re.sub(r" \(from group [^()]*\)$", "", line) for line in lines]
        listed = [", ".join(*groups.values())]
    else:
        listed = [f"group {group}: {', '.join(texts)}" for group, texts in groups.items()]
    said = _each_gap(len(lines), "right choice") + " and lists the choices"
    heading = f"{labels.gaps}{labels.colon}"
    return Gaps(blanked, [heading, *lines, f"{labels.choices} " + "; ".join(listed)], said, right)


def _each_gap(count: int, what: str) -> str:
    """What the warning says of a question's `count` gaps, `what` of each in the note."""
    if count == 0:
        return "its text has no gap"
    if count == 1:
        return f"its gap is a blank in the question ({blank(1)}), and the note has its {what}"
    return (
        f"each of its {count} gaps is a blank in the question ({blank(1)} to "
        f"{blank(count)}), and the note has each one's {what}"
    )


def _numbered(numbers: list[str]) -> str:
    if len(numbers) == 1:
        return f"gap {numbers[0]} is"
    return f"gaps {', '.join(numbers[:-1])} and {numbers[-1]} are"
