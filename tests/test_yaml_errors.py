"""YAML mistakes in words a person can act on: `FILE:LINE:COLUMN: message`, the source line
and a caret under the column. One fixture per mistake, each message pinned exactly."""

from __future__ import annotations

import pytest
from helpers import FIXTURES

# fixture: [(LINE:COLUMN, message, source line, caret line), ...] as `check` prints them
MISTAKES = [
    (
        "yaml-colon.yaml",
        [
            (
                "5:23",
                (
                    "invalid YAML: ': ' (a colon and a space) inside text starts a new key to "
                    'YAML; put the whole text in quotes: question: "Scenario: a node fails at '
                    'night. What do you check first?"'
                ),
                "        question: Scenario: a node fails at night. What do you check first?",
                "                          ^",
            ),
        ],
    ),
    (
        "yaml-comment-cut.yaml",
        [
            (
                "6:26",
                (
                    "warning: question 'first': 'hint' stops before ' #', because YAML reads "
                    'the rest of the line as a comment: "#1 priority, then the rest" is '
                    'dropped; put the whole text in quotes: hint: "surge upgrades #1 priority, '
                    'then the rest"'
                ),
                "        hint: surge upgrades #1 priority, then the rest",
                "                             ^",
            ),
        ],
    ),
    (
        "yaml-curly-quotes.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: “ is not a quote to YAML, only straight quotes \" and ' "
                    'are; write: question: "Scenario: a node fails. What do you check first?"'
                ),
                "        question: “Scenario: a node fails. What do you check first?”",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-misaligned-item.yaml",
        [
            (
                "7:4",
                (
                    "invalid YAML: this list item is indented 3 spaces, but the item on line 3 "
                    "is indented 2 spaces; line them up"
                ),
                "       - id: second",
                "       ^",
            ),
        ],
    ),
    (
        "yaml-no-break-space.yaml",
        [
            (
                "6:10",
                (
                    "invalid YAML: a no-break space (U+00A0) where YAML needs an ordinary "
                    "space; retype it as a plain space"
                ),
                "        hint:\xa0Filters traffic.",
                "             ^",
            ),
        ],
    ),
    (
        "yaml-number-as-text.yaml",
        [
            (
                "5:15",
                (
                    "question 'first': 'question': YAML reads 42 as a number, not text; put it "
                    'in quotes: question: "42"'
                ),
                "        question: 42",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-section-case.yaml",
        [
            (
                "5:14",
                (
                    "question 'first': unknown section 'basics'; did you mean 'Basics'? "
                    "sections are: Basics, Depth"
                ),
                "        section: basics",
                "                 ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-ampersand.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads & at the start of a value as an anchor name; put "
                    'the whole text in quotes: question: "& then what happens?"'
                ),
                "        question: & then what happens?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-at.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads @ at the start of a value as a reserved "
                    'character; put the whole text in quotes: question: "@mentions in a chat '
                    'bot: what can go wrong?"'
                ),
                "        question: @mentions in a chat bot: what can go wrong?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-backtick.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads ` at the start of a value as a reserved "
                    'character; put the whole text in quotes: question: "`kubectl drain` does '
                    'what?"'
                ),
                "        question: `kubectl drain` does what?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-bang.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads ! at the start of a value as a tag; put the "
                    'whole text in quotes: question: "!important in CSS: when is it a smell?"'
                ),
                "        question: !important in CSS: when is it a smell?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-brace.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads { at the start of a value as the start of a "
                    'mapping; put the whole text in quotes: question: "{user} in a prompt '
                    'template: what is the risk?"'
                ),
                "        question: {user} in a prompt template: what is the risk?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-bracket.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads [ at the start of a value as the start of a "
                    'list; put the whole text in quotes: question: "[Draft] What is a SIEM?"'
                ),
                "        question: [Draft] What is a SIEM?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-double-quote.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: the text starts with a quote, so YAML takes the quoted part "
                    'as the value; put the whole text in quotes: question: \'"Zero trust" '
                    "means what?'"
                ),
                '        question: "Zero trust" means what?',
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-greater.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads > at the start of a value as the start of a "
                    'folded block; put the whole text in quotes: question: "> 90% CPU on a '
                    'node: what next?"'
                ),
                "        question: > 90% CPU on a node: what next?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-percent.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads % at the start of a value as a directive; put "
                    'the whole text in quotes: question: "%d in a format string: what is the '
                    'risk?"'
                ),
                "        question: %d in a format string: what is the risk?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-pipe.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads | at the start of a value as the start of a "
                    'block of lines; put the whole text in quotes: question: "| in a shell '
                    'command: what does it do?"'
                ),
                "        question: | in a shell command: what does it do?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-single-quote.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: the text starts with a quote, so YAML takes the quoted part "
                    "as the value; put the whole text in quotes: question: \"'Zero trust' "
                    'means what?"'
                ),
                "        question: 'Zero trust' means what?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-star.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads * at the start of a value as an alias (a "
                    'reference to an &anchor); put the whole text in quotes: question: "*args '
                    'in Python: what are they?"'
                ),
                "        question: *args in Python: what are they?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-tag-case.yaml",
        [
            (
                "10:17",
                (
                    "question 'first': tag 'privacy' is not in the bank's 'tags' list; did you "
                    "mean 'Privacy'? (add it there with a description, or use one of the listed "
                    "tags)"
                ),
                "        tags: [ops, privacy]",
                "                    ^",
            ),
        ],
    ),
    (
        "yaml-tab.yaml",
        [
            (
                "5:1",
                (
                    "invalid YAML: a tab in the indentation; YAML indents with spaces only, so "
                    "replace the tab with spaces"
                ),
                "    \tquestion: What does a firewall do?",
                "    ^",
            ),
        ],
    ),
    (
        "yaml-yes-no.yaml",
        [
            (
                "7:17",
                (
                    "question 'first': 'tags': YAML reads yes as true/false, not text; put it "
                    'in quotes: "yes"'
                ),
                "        tags: [ops, yes, no]",
                "                    ^",
            ),
            (
                "7:22",
                (
                    "question 'first': 'tags': YAML reads no as true/false, not text; put it "
                    'in quotes: "no"'
                ),
                "        tags: [ops, yes, no]",
                "                         ^",
            ),
            (
                "9:9",
                (
                    "question 'first': 'look_for': YAML reads on as true/false, not text; put "
                    'it in quotes: - "on"'
                ),
                "          - on",
                "            ^",
            ),
        ],
    ),
]
WARNINGS = {"yaml-comment-cut.yaml"}  # loads, with a warning; the rest are refused


@pytest.mark.parametrize(("name", "expected"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_yaml_mistake_is_explained(cli, name, expected):
    path = FIXTURES / name
    result = cli("check", "--bank", path)
    assert result.exit_code == (0 if name in WARNINGS else 1), result.output
    lines = []
    for location, message, source_line, caret in expected:
        lines += [f"{path}:{location}: {message}", source_line, caret]
    assert result.stderr.splitlines() == lines
    assert "Traceback" not in result.output


def test_every_yaml_fixture_is_pinned():
    assert sorted(p.name for p in FIXTURES.glob("yaml-*.yaml")) == sorted(m[0] for m in MISTAKES)
