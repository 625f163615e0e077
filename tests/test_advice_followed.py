"""YAML mistakes whose advice, followed word for word by a script (advice.py), did not lead
to the text the author meant: each bank is checked, mended as each message says until
`check` passes, and read back."""

from __future__ import annotations

import pytest
from advice import followed, told
from helpers import check_text

from qbank.bank import load_bank

QUESTION = "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n"
ROUNDS = 4  # checks at most, each followed in full: a mistake a check, and the next shown


def mended(tmp_path, text: str) -> tuple[list[list[str]], object]:
    """Every check's messages while the bank is mended as they say, and the bank read back
    once `check` passes."""
    messages = []
    for _ in range(ROUNDS):
        bank, result = check_text(tmp_path, text)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        if result.exit_code == 0:
            return messages, load_bank(bank)
        problems = told(result.stderr, str(bank))
        assert problems, result.stderr
        messages.append([p.message for p in problems])
        lines = text.split("\n")
        for problem in sorted(problems, key=lambda p: -p.line):  # lower lines keep their place
            after = followed(lines, problem)
            assert after is not None, f"not followed as worded: {problem.message}"
            lines = after
        text = "\n".join(lines)
    raise AssertionError(f"still refused after {ROUNDS} checks: {messages}")


@pytest.mark.parametrize(
    ("typed", "said", "look_for"),
    [
        # told 'write it as a block ...: - | on the first line, your lines under it as they
        # are', which left the author to find where '- |' and the lines go
        (
            "      - Ask: a\n        Then: b\n      - plain\n",
            "'look_for': YAML reads this item as a mapping of 2 keys, 'Ask' and 'Then', not as "
            "one text, because a line with ': ' in it starts a key; put the whole text in "
            'quotes, its lines 8-9 joined on one line: - "Ask: a Then: b"',
            ("Ask: a Then: b", "plain"),
        ),
        (
            "      - Ask: why? # note\n        Then: b\n        And: c\n",
            "'look_for': YAML reads this item as a mapping of 3 keys, 'Ask', 'Then' and 'And', "
            "not as one text, because a line with ': ' in it starts a key; put the whole text "
            "in quotes, its lines 8-10 joined on one line, its comment after the closing "
            'quote, no part of the text: - "Ask: why? Then: b And: c" # note',
            ("Ask: why? Then: b And: c",),
        ),
    ],
)
def test_an_item_of_pairs_over_lines_is_told_as_a_mapping_to_quote(tmp_path, typed, said, look_for):
    messages, bank = mended(tmp_path, f"{QUESTION}    hint: h\n    look_for:\n{typed}")
    assert messages == [[f"question 'a': {said}"]]
    assert bank.questions[0].look_for == look_for


@pytest.mark.parametrize(
    ("typed", "said", "look_for"),
    [
        # told "this line is neither 'key: value' nor a list item ...", the older advice
        (
            "      - Ask them: why? # note\n        more words\n      - plain\n",
            "invalid YAML: ': ' (a colon and a space) inside text starts a new key to YAML; put "
            "the whole text in quotes, its lines 8-9 joined on one line, its comment after the "
            'closing quote, no part of the text: - "Ask them: why? more words" # note',
            ("Ask them: why? more words", "plain"),
        ),
        # its comment was put in the quotes, a text of every artifact
        (
            "      - Ask them: now\n        more # note\n",
            "invalid YAML: ': ' (a colon and a space) inside text starts a new key to YAML; put "
            "the whole text in quotes, its lines 8-9 joined on one line, its comment after the "
            'closing quote, no part of the text: - "Ask them: now more" # note',
            ("Ask them: now more",),
        ),
        # on one line: the comment kept out of the quotes, and now said so
        (
            "      - Ask: why? # note\n      - plain\n",
            "'look_for': YAML reads the text as fields, the first named 'Ask', because of the "
            "': ' (a colon and a space) in it; put the whole text in quotes, its comment after "
            'the closing quote, no part of the text: - "Ask: why?" # note',
            ("Ask: why?", "plain"),
        ),
    ],
)
def test_an_item_with_a_comment_after_its_colon_is_quoted_and_its_comment_kept(
    tmp_path, typed, said, look_for
):
    messages, bank = mended(tmp_path, f"{QUESTION}    hint: h\n    look_for:\n{typed}")
    assert messages == [[f"question 'a': {said}"]]
    assert bank.questions[0].look_for == look_for


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        # a tab after spaces on one line, spaces after a tab on the next
        (
            "\t  hint: h\n  \tlook_for:\n      - a\n",
            " of lines 6-7; YAML indents with spaces only, so start each of these lines with 4 "
            "spaces, in place of its tabs and spaces",
        ),
        (
            "  \thint: h\n\t  minutes: 3\n    look_for:\n      - a\n",
            " of lines 6-7; YAML indents with spaces only, so start each of these lines with 4 "
            "spaces, in place of its tabs and spaces",
        ),
        # more blanks around the tab than the line's spaces: the tab alone stands for none
        (
            "\t hint: h\n   \t  look_for:\n      - a\n",
            " of lines 6-7; YAML indents with spaces only, so start each of these lines with 4 "
            "spaces, in place of its tabs and spaces",
        ),
        # the same tab, then spaces after it on one line alone
        (
            "\thint: h\n\t  minutes: 3\n    look_for:\n      - a\n",
            " of lines 6-7; YAML indents with spaces only, so start each of these lines with 4 "
            "spaces, in place of its tabs and spaces",
        ),
        # a key and its list, each line's spaces its own
        (
            "    hint: h\n\t  look_for:\n\t    - a\n",
            " of lines 7-8; YAML indents with spaces only, so start line 7 with 4 spaces and line "
            "8 with 10 spaces, in place of their tabs and spaces",
        ),
        ("\t\thint: h\n    look_for:\n      - a\n", "; YAML indents with spaces only, so start "
         "the line with 4 spaces, in place of its tabs and spaces"),
    ],
)  # fmt: skip
def test_tabs_in_a_mixed_run_are_told_the_spaces_of_each_line(tmp_path, typed, said):
    """Told 'replace each tab with spaces', no number said: the author was left to count."""
    messages, bank = mended(tmp_path, f"{QUESTION}{typed}")
    assert messages == [[f"question 'a': invalid YAML: a tab in the indentation{said}"]]
    assert (bank.questions[0].hint, bank.questions[0].look_for) == ("h", ("a",))


@pytest.mark.parametrize(
    ("blank", "said", "breaks"),
    [
        ([3], "\\n\\n\\n\\n where 3 blank lines part its paragraphs", ["\n\n\n\n"]),
        (
            [1, 2],
            "\\n\\n between its paragraphs, \\n\\n\\n where 2 blank lines part its paragraphs",
            ["\n\n", "\n\n\n"],
        ),
    ],
)
@pytest.mark.parametrize("markup", ["", "markup: markdown\n"])
def test_blank_lines_joined_on_one_line_are_kept_as_typed(tmp_path, blank, said, breaks, markup):
    """Three blank lines between a text's paragraphs were written as one, \\n\\n: followed,
    the text lost two of them, where a plain bank's artifacts show each line as typed."""
    lines = ['    hint: "First one', "      goes on."]
    parts = ["Then: the second.", "And the third."][: len(blank)]
    for count, part in zip(blank, parts, strict=True):
        lines += [""] * count + [f"      {part}"]
    text = f"title: T\n{markup}questions:\n  - id: a\n    section: S\n    question: q\n"
    messages, bank = mended(tmp_path, text + "\n".join(lines) + "\n")
    [[message]] = messages
    assert said in message
    meant = "First one goes on." + "".join(b + p for b, p in zip(breaks, parts, strict=True))
    assert bank.questions[0].hint == meant
    if markup:
        assert len(bank.rich_text(meant).blocks) == len(parts) + 1


@pytest.mark.parametrize(
    ("second", "said", "comments"),
    [
        ("", "its comment after the |", ["    question: | # first"]),
        # '| # first # second' made the two comments one (a review)
        (
            " # second",
            "its comments on lines of their own above it",
            ["    # first", "    # second"],
        ),
    ],
)
def test_a_comment_after_a_line_of_a_text_told_as_a_block_stays_a_comment(
    tmp_path, second, said, comments
):
    """A text over lines with ': ' in it is told to be written as a block, which kept a
    comment after one of its lines inside the block, where it is text: '# c' was printed
    in every artifact (a review). One comment goes after the block's '|'; more, each on a
    line of its own above the block, as typed."""
    text = QUESTION.replace(
        "question: q\n", f"question: Why: this # first\n      and more{second}\n    hint: H\n"
    )
    messages, bank = mended(tmp_path, text)
    assert messages == [
        [
            "question 'a': invalid YAML: ': ' (a colon and a space) in the text of 'question', "
            "which runs over 2 lines, starts a new key to YAML; write the text as a block, "
            f"which keeps your lines as they are, {said}, no part of the text: replace lines "
            "5-6 with the lines below"
        ]
    ]
    assert bank.questions[0].question.rstrip("\n") == "Why: this\nand more"
    written = (tmp_path / "b.yaml").read_text(encoding="utf-8").split("\n")
    assert written[4 : 4 + len(comments)] == comments


@pytest.mark.parametrize(
    ("typed", "said", "written", "look_for"),
    [
        (  # an item of pairs (checks.py)
            "      - Ask: why? # a\n        Then: b # b\n",
            "'look_for': YAML reads this item as a mapping of 2 keys, 'Ask' and 'Then', not as "
            "one text, because a line with ': ' in it starts a key; put the whole text in "
            "quotes, its lines 8-9 joined on one line",
            '      - "Ask: why? Then: b"',
            "Ask: why? Then: b",
        ),
        (  # an item whose words before its colon are no key (syntax/keys.py)
            "      - Ask them: why? # a\n        more words # b\n",
            "invalid YAML: ': ' (a colon and a space) inside text starts a new key to YAML; put "
            "the whole text in quotes, its lines 8-9 joined on one line",
            '      - "Ask them: why? more words"',
            "Ask them: why? more words",
        ),
        (  # an item that starts with a character YAML reserves, over three lines
            "      - `ls` lists # a\n        the files # b\n        here # c\n",
            "invalid YAML: YAML reads ` at the start of a value as a reserved character; put "
            "the whole text in quotes, its lines 8-10 joined on one line",
            '      - "`ls` lists the files here"',
            "`ls` lists the files here",
        ),
    ],
)
def test_the_comments_of_a_text_quoted_on_one_line_stay_comments_of_their_own(
    tmp_path, typed, said, written, look_for
):
    """The comments after the lines of a text told to be quoted on one line were joined
    after its closing quote, '- "..." # a # b': one comment, not the author's two. Each is
    written on a line of its own above the text, in the order typed."""
    messages, bank = mended(tmp_path, f"{QUESTION}    hint: h\n    look_for:\n{typed}")
    assert messages == [
        [
            f"question 'a': {said}, its comments on lines of their own above it, no part of "
            f"the text: replace lines 8-{7 + typed.count(chr(10))} with the lines below"
        ]
    ]
    assert bank.questions[0].look_for == (look_for,)
    lines = (tmp_path / "b.yaml").read_text(encoding="utf-8").split("\n")
    comments = [f"      {c}" for c in ("# a", "# b", "# c") if c in typed]
    assert lines[7:] == [*comments, written, ""]


@pytest.mark.parametrize(
    ("typed", "said", "minutes", "note"),
    [
        (
            "      - Ask: why\n        minutes: 5\n",
            "'minutes' on line 9 is a field of a question, but it is indented as the text of the "
            "item on line 8, so YAML takes it for part of that item; it is probably the "
            "question's own field, indented too deep: move it left, to the question's fields: "
            "indent it 4 spaces, as 'look_for:' on line 7 is",
            5,
            None,
        ),
        (
            "      - Ask: why\n        minutes: 5\n        note: |\n          a\n            b\n",
            "'minutes' on line 9 is a field of a question, but it is indented as the text of the "
            "item on line 8, so YAML takes it and the lines under it, to line 12, for part of "
            "that item; it is probably the question's own field, indented too deep: move them "
            "left, to the question's fields, in line with 'look_for:' on line 7; line them up, "
            "lines 9-12 each 4 spaces less",
            5,
            "a\n  b",
        ),
    ],
)
def test_a_question_field_under_an_item_is_moved_left_not_quoted_into_it(
    tmp_path, typed, said, minutes, note
):
    """'- Ask: why' over '  minutes: 5' was told as a mapping of two keys to quote on one
    line: followed, 'minutes: 5' became words of the item and the question had no minutes.
    A key that is a question's field is told to move left; other keys are quoted as before
    (test_an_item_of_pairs_over_lines_is_told_as_a_mapping_to_quote)."""
    messages, bank = mended(tmp_path, f"{QUESTION}    hint: h\n    look_for:\n{typed}")
    assert messages == [
        [
            "question 'a': 'look_for': YAML reads the text as fields, the first named 'Ask', "
            "because of the ': ' (a colon and a space) in it; put the whole text in quotes: "
            '- "Ask: why"',
            f"question 'a': 'look_for': {said}",
        ]
    ]
    question = bank.questions[0]
    assert (question.look_for, question.minutes, question.note) == (("Ask: why",), minutes, note)


def test_a_tab_in_the_indentation_of_code_in_a_block_keeps_the_codes_own_indent(tmp_path):
    """A line of code in a 'note: |' block indented with a tab before the block's spaces
    end and spaces after it, the code's own: each line was told to start with the block's
    6 spaces alone, and followed, the code lost its indentation ('return 1' under 'if x:',
    in line with it). The spaces after the tab are kept, after the block's."""
    lines = ["      def f(x):", "    \t    if x:", "\t        return 1", "      done"]
    typed = "".join(f"{line}\n" for line in lines)
    messages, bank = mended(tmp_path, f"{QUESTION}    hint: h\n    note: |\n{typed}")
    assert messages == [
        [
            "question 'a': invalid YAML: a tab in the indentation of the text of 'note: |'; "
            f"YAML indents with spaces only: start the line with {6 + own} spaces, the text's "
            f"6, as its other lines, and the {own} after the tab, the line's own indent"
            for own in (4, 8)
        ]
    ]
    assert bank.questions[0].note == "def f(x):\n    if x:\n        return 1\ndone"


@pytest.mark.parametrize(
    ("typed", "line", "look_for", "note"),
    [
        ("      - Names it\n        minutes: 5\n", 9, ("Names it",), None),
        ('      - "Names it"\n        minutes: 5\n', 9, ("Names it",), None),
        (
            "      - Names it\n        and more\n        minutes: 5\n        note: |\n"
            "          a\n",
            10,
            ("Names it and more",),
            "a",
        ),
    ],
)
def test_a_question_field_under_an_item_yaml_cannot_read_is_moved_left(
    tmp_path, typed, line, look_for, note
):
    """The same field under an item of text with no ': ' in it ('- Names it' over '
    minutes: 5'), which YAML cannot read at all: it was told in libyaml's words ('mapping
    values are not allowed in this context', "did not find expected '-' indicator")."""
    messages, bank = mended(tmp_path, f"{QUESTION}    hint: h\n    look_for:\n{typed}")
    [[message]] = messages
    assert message.startswith(
        f"question 'a': invalid YAML: 'minutes' on line {line} is a field of a question, but "
        "it is indented as the text of the item on line 8"
    ), message
    question = bank.questions[0]
    assert (question.look_for, question.minutes, question.note) == (look_for, 5, note)


@pytest.mark.parametrize(
    "typed",
    [
        # the bank's own tags, no question's list
        "title: T\ntags:\n  - prompt-injection\n    minutes: 5\nquestions:\n  - id: a\n",
        # a line typed as an item of the questions: the fields under it are its own
        "title: T\nquestions:\n  - id: a\n  more words # d\n    section: S\n    question: q\n",
    ],
)
def test_a_field_under_an_item_of_no_questions_list_is_not_told_as_the_questions(tmp_path, typed):
    """Only the lists of a question's text (look_for, follow_ups, tags) hold items a
    question's field can be indented under by mistake. Told of the fields of a question's
    item, check's own mending took them out of the question, whose other problems were told
    after the first as 'missing section' (a trial of one-edit mistakes)."""
    _, result = check_text(tmp_path, typed)
    assert result.exit_code == 1
    assert "is a field of a question" not in result.stderr, result.stderr
    assert "missing 'section'" not in result.stderr, result.stderr
