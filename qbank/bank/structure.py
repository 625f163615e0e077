"""Checks for what makes an interview structured: the bank's `competencies:` vocabulary, the
one competency each question measures, and a question's `anchors:`, what an answer at each
score of the rubric sounds like for that question.

Each check takes the checker walking the bank (as a `Reader`: bank/reader.py), so its
problems carry their node's line and join every other problem of the bank in one report.
"""

from __future__ import annotations

import re
import unicodedata

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qbank.bank.reader import Reader
from qbank.bank.syntax import FIELDS, name_and_description
from qbank.errors import Problem
from qbank.model import Competency
from qbank.text import agrees, did_you_mean, holds_line_break

COMPETENCY_KEYS = ("name", "description", "weight")
WEIGHT_RANGE = (1, 100)
ANCHOR_LENGTH = 1_000  # characters, as each look-for item
_DECIMAL = re.compile(r"0|[1-9][0-9]{0,5}")


def competencies(checker: Reader, node: Node | None) -> tuple[Competency, ...]:
    """The top-level `competencies:` list: each a mapping with `name`, a one-line
    `description` and an optional whole-number `weight`."""
    if checker.absent(node):
        return ()
    assert node is not None
    what = (
        "'competencies' must be a list of competencies, each with a name and a one-line description"
    )
    if not isinstance(node, SequenceNode) or not node.value:
        checker.problem(node, what)
        return ()
    found: list[Competency] = []
    first: dict[str, tuple[str, int]] = {}  # folded name: (name, line)
    for item in node.value:
        if not isinstance(item, MappingNode):
            checker.problem(
                item, name_and_description(item, "competencies", "what this skill covers")
            )
            # a name alone is still named, as one of a wrong description is (below)
            name = item.value.strip() if isinstance(item, ScalarNode) else ""
            folded = unicodedata.normalize("NFC", name).casefold()
            if name and folded not in first:
                first[folded] = (name, checker.line(item))
                found.append(Competency(name, "", 1, checker.line(item)))
            continue
        fields = checker.mapping(item, COMPETENCY_KEYS, "competencies: ")
        name = checker.text(fields, "name", "competencies: ", item, required=True, limit=100)
        description = checker.text(
            fields, "description", "competencies: ", item, required=True, limit=1_000
        )
        where = f"competencies: '{name}': "
        weight = checker.whole_number(fields, "weight", where, *WEIGHT_RANGE)
        if name is None:
            continue
        # a competency whose description is wrong is still named, so the questions that
        # name it are not told that there is no such competency (its problem is said)
        description = description or ""
        if holds_line_break(name):
            checker.problem(fields["name"], f"{where}the name must be one line")
            continue
        folded = unicodedata.normalize("NFC", name).casefold()
        if folded in first:
            other, line = first[folded]
            same = "listed twice" if other == name else f"the same name as '{other}'"
            checker.problem(item, f"{where}{same}; first on line {line}")
            continue
        if holds_line_break(description):
            checker.problem(fields["description"], f"{where}the description must be one line")
        line = checker.line(item)
        first[folded] = (name, line)
        found.append(Competency(name, description, 1 if weight is None else weight, line))
    return tuple(found)


def competency(checker: Reader, fields: dict[str, Node], where: str, at: Node) -> str | None:
    """A question's `competency:`, one name of the bank's `competencies:` list."""
    given = fields.get("competency")
    if isinstance(given, SequenceNode):  # quoting it, as for other lists, names none
        names = [n.value for n in given.value if isinstance(n, ScalarNode)]
        first = names[0] if names else "name"
        checker.problem_here(
            given,
            f"{where}competency: a question measures one competency, so give one name "
            f"(competency: {first}), not a list; split a question that tests two into two "
            "questions",
        )
        return None
    name = checker.text(fields, "competency", where, at, limit=100)
    if name is None:
        return None
    known = [c.name for c in checker.competencies]
    if not known and "competencies" in checker.misspelt:
        return None  # the list is there under a misspelt key, which is reported
    if not known:
        checker.problem_here(
            fields["competency"],
            f"{where}competency '{name}' is named, but the bank has no 'competencies' list; "
            "add one at the top level, each competency with a name and a one-line description",
        )
        return None
    if name not in known:
        checker.problem_here(
            fields["competency"],
            f"{where}competency '{name}' is not in the bank's 'competencies' list"
            f"{did_you_mean(name, known)} (add it there with a description, or use one of: "
            f"{', '.join(known)})",
        )
        return None
    return name


def anchors(
    checker: Reader, node: Node | None, scores: tuple[int, ...], where: str, line: int
) -> tuple[tuple[int, str], ...]:
    """A question's `anchors:`: a mapping from scores of the rubric to what an answer at
    that score holds. The lowest, a middle and the highest score must be there; a score
    left out lies between its neighbours. `line` is the line of the `anchors:` key."""
    if checker.absent(node):
        return ()
    assert node is not None
    shown = ", ".join(map(str, scores))
    if not isinstance(node, MappingNode):
        checker.problem(
            node,
            f"{where}'anchors' must map scores of the rubric ({shown}) to what an answer at "
            "that score holds, e.g. '1: Names no control.'",
        )
        return ()
    given: dict[int, str] = {}
    lines: dict[int, int] = {}
    outside: list[tuple[Node, int]] = []  # the scores not of the rubric, told below
    for key, value in node.value:
        written = key.value if isinstance(key, ScalarNode) else ""
        # `3:` and `"3":` alike; not `03` or `3.0`, which YAML reads as other numbers
        if not (isinstance(key, ScalarNode) and _DECIMAL.fullmatch(written)):
            # a field of the question indented as the anchors ('note:'): told to write a score
            meant = written in FIELDS and written not in ("score", "label", "description")
            # the number, as the other advice: the key's column, after a question's dash
            # where 'anchors:' is its first key ('  - anchors:' is 4, a review)
            above = checker.lines.line_text(line)
            spaces = len(above) - len(above.lstrip(" -"))
            checker.problem(
                key,
                f"{where}anchors: '{written}' is "
                + (
                    f"a field of the question, indented as the anchors are; indent it "
                    f"{spaces} space{'s' if spaces != 1 else ''}, as 'anchors:' on line {line} "
                    "is, below the anchors"
                    if meant
                    else f"not a score; write a score of the rubric ({shown}) as plain digits"
                ),
            )
            continue
        score = int(written)
        # its text's problems too, in the same check as a score out of the rubric (curly
        # quotes around it were told only once its score was mended)
        text = checker.text(
            {str(score): value},
            str(score),
            f"{where}anchors: ",
            key,
            required=True,
            limit=None if checker.long_texts else ANCHOR_LENGTH,
            missing=f"{where}anchors: {score} has no text; write what an answer at {score} holds",
            write=f"write what an answer at {score} holds",
        )
        if score not in scores:
            outside.append((key, score))
            continue
        if score in given:
            checker.problem(
                key, f"{where}anchors: {score} is given twice; first on line {lines[score]}"
            )
            continue
        lines[score] = checker.line(key)
        if text is not None:
            given[score] = text
    if not given and not node.value:
        checker.problem(
            node, f"{where}'anchors' is empty; give at least the scores {needed_scores(scores)}"
        )
        return ()
    low, middles, high = scores[0], middle_scores(scores), scores[-1]
    missing = [] if low in lines else [f"the lowest score ({low})"]
    if not any(s in lines for s in middles):
        both = " or ".join(map(str, middles))
        missing.append(
            f"the middle score ({both})" if len(middles) == 1 else f"a middle score ({both})"
        )
    if high not in lines:
        missing.append(f"the highest score ({high})")
    needed = (
        f"'anchors' must describe at least the lowest, a middle and the highest score "
        f"({needed_scores(scores)})"
    )
    lacking = f"{' and '.join(missing)} {agrees(len(missing), 'is', 'are')} missing"
    # a score out of the rubric is often the one missing (5 on a scale of 1 to 4): both
    # told once, at the score to mend (the missing one was told apart, at 'anchors:')
    told = f"; {lacking}, and {needed}" if missing and lines else ""
    for key, score in outside:
        checker.problem(
            key,
            f"{where}anchors: {score} is not a score of the rubric; its scores are {shown}{told}",
        )
        told = ""
    if missing and lines and not outside:
        checker.problem(line, f"{where}{needed}; {lacking}")
    return tuple(sorted(given.items()))


def middle_scores(scores: tuple[int, ...]) -> tuple[int, ...]:
    """The middle score, or the two of an even scale (either will do)."""
    half = len(scores) // 2
    return (scores[half],) if len(scores) % 2 else (scores[half - 1], scores[half])


def needed_scores(scores: tuple[int, ...]) -> str:
    middles = " or ".join(map(str, middle_scores(scores)))
    return f"{scores[0]}, {middles} and {scores[-1]}"


def coverage(
    checker: Reader, total: int, measured: set[str], unnamed: list[tuple[int, str]]
) -> None:
    """Once a question names a competency, every question must: the coverage grids and the
    debrief's totals count each question once, under its competency. `measured` holds the
    competencies questions name and `unnamed` the (line, "question 'id': ") of the questions
    that name none, of all `total` questions, also those refused for other problems. A
    listed competency that no question measures is a warning."""
    if measured and unnamed:
        named = total - len(unnamed)
        for line, where in unnamed:
            checker.problem(
                line,
                f"{where}no 'competency', while {named} of {total} questions "
                f"{agrees(named, 'names', 'name')} one; name the competency this question "
                "measures (one of the bank's 'competencies')",
            )
    if not total:
        return  # no question was read at all: that is the problem said, not each competency
    for c in checker.competencies:
        if c.name not in measured:
            checker.warnings.append(
                Problem(
                    checker.source,
                    c.line,
                    f"warning: competency '{c.name}' has no question; no interview can "
                    "cover it, and the coverage grids show it as uncovered",
                )
            )
