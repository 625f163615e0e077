"""The bank's `competencies:` vocabulary, a question's `competency:` and its `anchors:`: what
the loader builds from them, and each rule's exact message."""

from __future__ import annotations

import pytest
from helpers import FIXTURES

from qbank.bank import load_bank, parse_bank
from qbank.errors import BankError
from qbank.lint import bank_warnings

HEAD = """title: t
competencies:
  - name: threat-modeling
    description: Finds what can go wrong.
  - name: incident-response
    description: Acts when it does.
    weight: 2
questions:
"""


def question(qid: str, extra: str = "") -> str:
    return f"  - id: {qid}\n    section: s\n    question: {qid}?\n    hint: h\n{extra}"


ANCHORS = "    anchors:\n      1: None.\n      3: Some.\n      5: All.\n"


def refused(text: str) -> list[str]:
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    return str(caught.value).splitlines()


def loaded(text: str) -> tuple[object, list[str]]:
    warnings: list[str] = []
    bank = parse_bank(text, source="b.yaml", warn=warnings.append)
    return bank, warnings + bank_warnings(bank)


def test_the_fixture_bank_reads_into_the_model():
    bank = load_bank(FIXTURES / "interview-bank.yaml")
    assert [(c.name, c.weight) for c in bank.competencies] == [
        ("threat-modeling", 2),
        ("incident-response", 1),
        ("secure-design", 1),
        ("identity", 1),
        ("detection", 1),
        ("communication", 1),
    ]
    first = bank.questions[0]
    assert first.competency == "identity"
    assert first.anchors == (
        (1, "Confuses the two or names only passwords."),
        (3, "Tells them apart with one example from a web application."),
        (5, "Tells them apart, places each in a request's path and names a failure of each."),
    )
    assert all(q.anchors and q.competency for q in bank.questions)


def test_unknown_competency_says_did_you_mean():
    text = HEAD + question("a", "    competency: threat-modelling\n" + ANCHORS)
    text += question("b", "    competency: incident-response\n")
    assert refused(text) == [
        "b.yaml:13:17: question 'a': competency 'threat-modelling' is not in the bank's "
        "'competencies' list; did you mean 'threat-modeling'? (add it there with a "
        "description, or use one of: threat-modeling, incident-response)",
        "        competency: threat-modelling",
        "                    ^",
    ]


def test_a_list_of_competencies_says_to_name_one():
    """A new-user trial wrote `competency: [go-mastery, system-design]` and was told to put
    it in quotes, which names a competency that does not exist."""
    text = HEAD + question("a", "    competency: [threat-modeling, incident-response]\n")
    assert refused(text) == [
        "b.yaml:13:17: question 'a': competency: a question measures one competency, so give "
        "one name (competency: threat-modeling), not a list; split a question that tests two "
        "into two questions",
        "        competency: [threat-modeling, incident-response]",
        "                    ^",
    ]
    warned: list[str] = []  # not that the two it names have no question
    with pytest.raises(BankError):
        parse_bank(text, source="b.yaml", warn=warned.append)
    assert not [w for w in warned if "has no question" in w]


@pytest.mark.parametrize(
    ("others", "share"), [(2, "2 of 3 questions name"), (1, "1 of 2 questions names")]
)
def test_missing_competency_once_others_name_one(others, share):
    text = HEAD + question("a", "    competency: threat-modeling\n") + question("b")
    if others == 2:
        text += question("c", "    competency: incident-response\n")
    assert refused(text) == [
        f"b.yaml:14: question 'b': no 'competency', while {share} one; name the "
        "competency this question measures (one of the bank's 'competencies')"
    ]


def test_competency_without_a_list():
    text = "title: t\nquestions:\n" + question("a", "    competency: x\n")
    assert refused(text)[0] == (
        "b.yaml:7:17: question 'a': competency 'x' is named, but the bank has no "
        "'competencies' list; add one at the top level, each competency with a name and a "
        "one-line description"
    )


def test_competency_list_rules():
    text = (
        "title: t\ncompetencies:\n  - name: a\n    description: A.\n    weight: 0\n"
        "  - name: A\n    description: two\n\n      lines\n  - just a name\n"
        "questions:\n" + question("q", "    competency: just a name\n")
    )
    # the question naming 'just a name' is not told it is not in the list: it is, its
    # description missing (it was, and of a list of names alone, that there was no list)
    assert refused(text) == [
        "b.yaml:5: competencies: 'a': 'weight' must be a whole number from 1 to 100, not 0",
        "b.yaml:6: competencies: 'A': the same name as 'a'; first on line 3",
        "b.yaml:10: competencies: 'just a name' needs a one-line description as well as its "
        'name: write {name: "just a name", description: "what this skill covers"} in its place',
    ]


def test_an_unused_competency_is_a_warning():
    text = HEAD + question("a", "    competency: threat-modeling\n")
    bank, warnings = loaded(text)
    assert warnings == [
        "b.yaml:5: warning: competency 'incident-response' has no question; no interview can "
        "cover it, and the coverage grids show it as uncovered"
    ]
    assert bank.competency("incident-response").weight == 2


def test_anchor_outside_the_rubric_names_its_line():
    text = HEAD + question(
        "a", "    anchors:\n      1: None.\n      3: Some.\n      5: All.\n      6: More.\n"
    )
    assert refused(text) == [
        "b.yaml:17: question 'a': anchors: 6 is not a score of the rubric; its scores are "
        "1, 2, 3, 4, 5"
    ]


def test_an_anchor_outside_the_rubric_in_place_of_its_highest_is_told_once():
    """'6:' where the highest score, 5, belongs was told twice: 6 is no score, at its line,
    and 5 is missing, at 'anchors:'. One message says both, at the score to mend; a second
    score out of the rubric is told alone."""
    text = HEAD + question("a", "    anchors:\n      0: None.\n      3: Some.\n      6: All.\n")
    assert refused(text + question("b", "    anchors:\n      1: N.\n      3: S.\n")) == [
        "b.yaml:14: question 'a': anchors: 0 is not a score of the rubric; its scores are "
        "1, 2, 3, 4, 5; the lowest score (1) and the highest score (5) are missing, and "
        "'anchors' must describe at least the lowest, a middle and the highest score "
        "(1, 3 and 5)",
        "b.yaml:16: question 'a': anchors: 6 is not a score of the rubric; its scores are "
        "1, 2, 3, 4, 5",
        "b.yaml:21: question 'b': 'anchors' must describe at least the lowest, a middle and "
        "the highest score (1, 3 and 5); the highest score (5) is missing",
    ]


def test_an_anchor_outside_the_rubric_is_told_its_texts_problems_in_the_same_check():
    """Curly quotes pasted around the text of a score out of the rubric were told only
    once its score was mended, a check later (a first bank)."""
    warnings: list[str] = []
    text = HEAD + question("a", ANCHORS + "      6: \u201cMore.\u201d\n")
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml", warn=warnings.append)
    assert [p.message for p in caught.value.problems] == [
        "question 'a': anchors: 6 is not a score of the rubric; its scores are 1, 2, 3, 4, 5"
    ]
    (warning,) = [w for w in warnings if "anchors" in w]
    assert warning.startswith("b.yaml:17:10: warning: question 'a': anchors: '6' is wrapped ")


def test_anchors_follow_the_banks_own_rubric():
    rubric = (
        "rubric:\n  - {score: 1, label: Low, anchor: a}\n  - {score: 2, label: Mid, anchor: b}\n"
        "  - {score: 3, label: Good, anchor: c}\n  - {score: 4, label: Top, anchor: d}\n"
    )
    text = "title: t\n" + rubric + "questions:\n"
    good = question("a", "    anchors: {1: x, 3: y, 4: z}\n")
    bank, warnings = loaded(text + good + question("b", "    anchors: {1: x, 2: y, 4: z}\n"))
    assert bank.questions[0].anchors == ((1, "x"), (3, "y"), (4, "z"))
    assert warnings == []
    assert refused(text + question("a", "    anchors: {1: x, 5: z}\n")) == [
        "b.yaml:12: question 'a': anchors: 5 is not a score of the rubric; its scores are "
        "1, 2, 3, 4; a middle score (2 or 3) and the highest score (4) are missing, and "
        "'anchors' must describe at least the lowest, a middle and the highest score "
        "(1, 2 or 3 and 4)",
    ]


def test_anchors_need_the_lowest_middle_and_highest():
    text = "title: t\nquestions:\n" + question("a", "    anchors:\n      1: x\n      '5': y\n")
    assert refused(text) == [
        "b.yaml:7: question 'a': 'anchors' must describe at least the lowest, a middle and "
        "the highest score (1, 3 and 5); the middle score (3) is missing"
    ]
    text = "title: t\nquestions:\n" + question("a", "    anchors: {1: x, 3.0: y, 5: z}\n")
    assert refused(text)[0] == (
        "b.yaml:7: question 'a': anchors: '3.0' is not a score; write a score of the rubric "
        "(1, 2, 3, 4, 5) as plain digits"
    )


def test_questions_without_anchors_are_named_once_others_have_them():
    text = "title: t\nquestions:\n" + question("a", ANCHORS) + question("b")
    _, warnings = loaded(text)
    assert warnings == [
        "b.yaml:11: warning: question 'b': no 'anchors', while 1 of 2 questions has them; "
        "interviewers score this one against the rubric's general anchors only"
    ]


def test_the_default_scores_are_the_default_rubrics():
    from qbank.model import DEFAULT_SCORES
    from qbank.rubric import load_wording

    assert tuple(level.score for level in load_wording().levels) == DEFAULT_SCORES


def test_an_anchor_without_text_is_named_as_such():
    """`3:` with nothing after it is an anchor left empty, not a missing score."""
    text = "title: t\nquestions:\n" + question(
        "a", "    anchors:\n      1: x\n      3:\n      5: z\n"
    )
    assert refused(text) == [
        "b.yaml:9: question 'a': anchors: 3 has no text; write what an answer at 3 holds"
    ]


def test_a_misspelt_competencies_list_is_one_problem_not_one_per_question():
    """`competences:` is named with its likely spelling; the questions that name a
    competency of it are not each told that the bank has no list."""
    text = (
        "title: t\ncompetences:\n  - {name: a, description: d}\nquestions:\n"
        + question("x", "    competency: a\n")
        + question("y", "    competency: a\n")
    )
    [only] = refused(text)
    assert only.startswith("b.yaml:2: unknown key 'competences'; did you mean 'competencies'?")


def test_a_rubric_level_without_its_anchor_still_judges_the_questions_anchors():
    """A new-user trial: a level missing 'anchor' was left out of the scale, so the
    questions' anchors were judged against the other scores ('1 is not a score of the
    rubric'), and the right problems came only once the first was fixed."""
    text = (
        "title: t\nrubric:\n  - {score: 1, label: Weak}\n  - {score: 2, label: OK, anchor: A.}\n"
        "  - {score: 3, label: Strong, anchor: B.}\nquestions:\n"
    ) + question("a", "    anchors:\n      1: x\n      2: y\n      3: z\n")
    assert refused(text) == ["b.yaml:3: rubric: score 1: missing 'anchor'"]
