"""CommonMark's constructs, each as its writer typed it, read back from the artifacts: every
character shown as CommonMark renders it, in every artifact alike (a probe of some 200
examples, one a construct of the spec's sections, found the cases below)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import check_text
from readback import apkg_text, pdf_text, squash

from qbank.bank import parse_bank
from qbank.rich import CodeBlock, Paragraph


def _bank(folder: Path, question: str, hint: str) -> Path:
    path = folder / "b.yaml"
    path.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: {question}\n    hint: |\n"
        + "".join(f"      {line}\n" for line in hint.split("\n")),
        encoding="utf-8",
    )
    return path


def _tree(text: str):
    bank = parse_bank(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: Q?\n    hint: {text}\n",
        source="t.yaml",
        warn=lambda _: None,
    )
    return bank.rich_text(bank.questions[0].hint)


def test_a_code_block_never_closed_keeps_its_last_character(cli, tmp_path):
    """A fence left open at the end of a text (a `|` block's last line, the common case
    of a forgotten ```) ran to the end as CommonMark says, but lost the text's last
    character: 'SELECT 1;' showed 'SELECT 1' in every artifact."""
    bank = _bank(tmp_path, "Q?", "Run this:\n\n```sql\nSELECT 1;")
    assert _tree('"Run:\\n\\n```\\nSELECT 1;"').blocks[-1] == CodeBlock("", "SELECT 1;")
    assert _tree('"> ```\\n> a;"').blocks[-1].blocks == (CodeBlock("", "a;"),)
    for command, name in (("booklet", "b-booklet.pdf"), ("anki", "b.apkg")):
        result = cli(command, "--bank", bank, "--out", tmp_path)
        assert result.exit_code == 0, result.output
        read = pdf_text if name.endswith(".pdf") else apkg_text
        assert "SELECT1;" in squash(read(tmp_path / name)), name


def test_an_escaped_backtick_is_shown_on_the_cards_and_the_pdf_packet(cli, tmp_path):
    """'\\`literal\\`' is two backticks shown as typed to CommonMark (the booklet and the
    page showed them); the flashcards and the fillable packet read the pair as a code span
    of their own and showed 'literal' in code, its backticks gone."""
    bank = _bank(tmp_path, "'Why is \\`tick\\` here?'", "A \\`tock\\` and `code` and \\*star\\*.")
    for command, name in (("cards", "b-flashcards.pdf"), ("packet", "b-packet-all.pdf")):
        more = ("--all", "--format", "pdf") if command == "packet" else ()
        result = cli(command, "--bank", bank, "--out", tmp_path, *more)
        assert result.exit_code == 0, result.output
        text = squash(pdf_text(tmp_path / name))
        assert "Whyis`tick`here?" in text, name
        assert "A`tock`andcodeand*star*." in text, name


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("'&nbsp;Indented'", "\u00a0Indented"),
        ("'Kept&nbsp;'", "Kept\u00a0"),
        ("'&#8195;Em space'", "\u2003Em space"),
        ("'A&nbsp;b'", "A\u00a0b"),
    ],
)
def test_a_blank_written_as_an_entity_at_a_paragraphs_end_is_kept(typed, shown):
    """CommonMark strips a paragraph's spaces and tabs at its ends, not a character an
    entity writes: '&nbsp;' first or last in a paragraph is a no-break space there."""
    tree = _tree(typed)
    (paragraph,) = tree.blocks
    assert isinstance(paragraph, Paragraph)
    assert "".join(span.text for span in paragraph.spans) == shown


def test_an_html_comment_link_or_folded_part_shown_as_typed_is_said(cli, tmp_path):
    """GitHub hides '<!-- a remark -->', links '<a href>' and folds '<details>'; qbank's
    Markdown reads no HTML, so each was shown as typed in every artifact (an editor's
    remark to every candidate), unwarned. Code, and a backslash before it, are meant."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nrole: Analyst\nquestions:\n  - id: q\n    section: S\n"
        "    question: Q?  <!-- TODO check the figure -->\n"
        '    hint: |\n      See <a href="https://example.org/x">the guide</a>.\n\n'
        "      <details>\n      <summary>Answer</summary>\n\n      Hidden.\n\n"
        "      </details>\n"
        "    note: |\n      A remark\n      <!-- spread over\n      two lines -->\n"
        "  - id: meant\n    section: S\n    question: What does `<!-- x -->` do?\n"
        '    hint: |\n      Escaped \\<!-- x --> and \\<a href="https://e.org">e</a>.\n\n'
        "      ```html\n      <details><!-- c --></details>\n      ```\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    comment = (
        "an HTML comment is shown as typed, to every reader, since qbank's Markdown reads no "
        "HTML; delete it, keep the remark as a YAML comment (a line starting with #) outside "
        "the text, or, to show it, put it in `backticks`"
    )
    assert result.stderr.splitlines() == [
        f"{bank}:7:19: warning: question 'q': 'question': <!-- TODO check the figure -->: "
        f"{comment}",
        f"{bank}:9:11: warning: question 'q': 'hint': <a href=\"https://example.org/x\">the "
        "guide</a>: HTML in a Markdown text is shown as typed, so write the link as "
        "[the guide](https://example.org/x)",
        f"{bank}:11:7: warning: question 'q': 'hint': <details>: HTML in a Markdown text is shown "
        "as typed, and every artifact shows a text whole (no part of it folds away): remove "
        "the tags, and put what is for the interviewer alone in the note, or, to show the "
        "tags, put them in `backticks`",
        f"{bank}:19:7: warning: question 'q': 'note': <!-- spread over: {comment}",
    ]


def test_each_kind_of_piece_shown_as_typed_in_a_paragraph_is_said(cli, tmp_path):
    """A comment before a link written as HTML, in one paragraph: the link's warning waited
    for the comment to go, one check after another (a review)."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Q?\n    hint: |\n"
        '      <!-- old --> See <a href="https://example.org">it</a>, ~~not~~ H<sub>2</sub>O.\n',
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    where = f"{bank}:8:"
    lines = result.stderr.splitlines()
    assert all(line.startswith(where) for line in lines), result.stderr
    said = [line.removeprefix(where).split(": ")[4] for line in lines]
    columns = [line.removeprefix(where).split(":")[0] for line in lines]
    assert said == [
        "<!-- old -->",
        '<a href="https://example.org">it</a>',
        "~~not~~",
        "<sub>",
    ], result.stderr
    assert columns == ["7", "24", "62", "71"], result.stderr


def test_tex_between_dollars_is_said_to_be_shown_as_typed(cli, tmp_path):
    """GitHub's Markdown typesets '$E = mc^2$' and '$$\\frac{a}{b}$$'; qbank shows them
    as typed, and said nothing (a probe of CommonMark's constructs). Prices, a lone dollar,
    code and an escaped dollar are meant."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Why does $E = mc^2$ hold?\n    hint: |\n"
        "      It costs $5 and $10, or US$20; `$x^2$` is code, \\$y^2$ escaped.\n\n"
        "      $$\\frac{a}{b}$$\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    advice = (
        "qbank typesets no TeX, so a formula between dollars is shown as typed, dollars and "
        "all; write it in Unicode (E = mc², x₁ + x₂, √2, a/b, ≤), or, to show the TeX, put it "
        "in `backticks`"
    )
    assert result.stderr.splitlines() == [
        f"{bank}:6:24: warning: question 'q': 'question': $E = mc^2$: {advice}",
        f"{bank}:10:7: warning: question 'q': 'hint': $$\\frac{{a}}{{b}}$$: {advice}",
    ]


def test_a_task_lists_box_shown_as_typed_is_said_once_a_list(cli, tmp_path):
    """GitHub draws '- [ ] item' as a box to tick; CommonMark shows '[ ]' as typed, a
    bullet before it, in every artifact, unwarned. An escaped, coded or linked bracket is
    meant."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nrole: Analyst\nquestions:\n  - id: q\n    section: S\n"
        "    question: Q?\n    hint: |\n      Steps:\n\n"
        "      - [ ] isolate the host\n      - [x] keep the disk\n\n"
        "      1. [X] then this\n"
        "  - id: meant\n    section: S\n    question: Meant?\n    hint: |\n"
        "      - \\[ ] escaped\n      - `[ ]` in code\n      - [x](https://example.org) a link\n"
        "      - [x]y no blank\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    said = (
        ": qbank's Markdown has no task lists, so the box is shown as typed; write the item "
        "without it (a look-for signal is a tick box in the packet already)"
    )
    assert result.stderr.splitlines() == [
        f"{bank}:11:7: warning: question 'q': 'hint': - [ ]{said}",
        f"{bank}:14:7: warning: question 'q': 'hint': 1. [X]{said}",
    ]


def test_a_link_with_no_address_says_so(cli, tmp_path):
    """'[the guide]()' was refused as "the link address '' is not a web or mail address",
    which names no address to write and no way out."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n    question: Q?\n"
        "    hint: |\n      Read [the guide]() and [this one](<>).\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    said = (
        f"{bank}:8: question 'q': 'hint': a link with no address ([words] then empty "
        "parentheses); write its address between them, as in [words](https://example.org), "
        "or leave out the brackets and parentheses to show the words alone"
    )
    # the two links' one problem, at one line, is said once (errors.BankError)
    assert result.stderr.splitlines() == [said]


def test_brackets_then_parentheses_meant_as_typed_are_told_how_to_show(tmp_path):
    """A data scientist's 'a probability lies in [0, 1](inclusive)' was refused as "the link
    address 'inclusive' is not a web or mail address; a link must start with https://":
    no link was meant, and nothing said how to keep the words (h49a's trial). The
    refusal now shows the escape that keeps brackets and parentheses as typed."""
    bank, result = check_text(
        tmp_path,
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n    question: Q?\n"
        "    hint: |\n      Probabilities\n      lie in [0, 1](inclusive).\n",
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{bank}:9: question 'q': 'hint': the link address 'inclusive' is not a web or mail "
        "address; a link must start with https://, http:// or mailto:, and brackets then "
        "parentheses meant as typed show so with a \\ before the ]: [0, 1\\](inclusive)"
    ]


def test_a_picture_with_no_path_says_what_is_missing(cli, tmp_path):
    """'![the sign-in flow]()' was refused as "the image '' must be a path relative to the
    bank's file", which names no picture and says nothing of the empty parentheses."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n    question: Q?\n"
        "    hint: |\n      See this:\n\n      ![the sign-in flow]()\n"
        "  - id: bare\n    section: S\n    question: Bare?\n    hint: 'And ![]( )'\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{bank}:10: question 'q': 'hint': the picture ![the sign-in flow]() has no file between "
        "its parentheses; write the picture's path there, relative to the bank's file, as in "
        "![the sign-in flow](diagrams/flow.png)",
        f"{bank}:14: question 'bare': 'hint': the picture ![]() has no file between its "
        "parentheses; write the picture's path there, relative to the bank's file, as in "
        "![what it shows](diagrams/flow.png)",
    ]


# what GitHub, Slack and Obsidian read as formatting, qbank shows as typed: each is said at
# its line and column, with what to write instead
HABITS = (
    "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
    "    question: Is the ~z-test~ right here?\n"  # line 6
    "    hint: |\n"
    "      > [!WARNING]\n"  # 8
    "      > Never on production.\n\n"
    "      Well done :tada: and see [[Incident response]].\n"  # 11
    "  - id: marked\n    section: S\n    question: What is ==the key idea==?\n"  # 14
    "    hint: 'The :+1: sign'\n"  # 15
)


def test_github_slack_and_obsidian_habits_are_said_at_their_column(cli, tmp_path):
    """'~z-test~', '> [!WARNING]', ':tada:', '[[Incident response]]' and '==the key
    idea==' reached every artifact as typed, and check said nothing (GitHub, Slack and
    Obsidian draw them)."""
    bank = tmp_path / "b.yaml"
    bank.write_text(HABITS, encoding="utf-8")
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    emoji = (
        "qbank's Markdown has no emoji codes, so it is shown as typed, colons and all; type "
        "the emoji itself (Windows key + . on Windows, Ctrl + Cmd + Space on a Mac), or leave "
        "it out"
    )
    assert result.stderr.splitlines() == [
        f"{bank}:6:22: warning: question 'q': 'question': ~z-test~: qbank's Markdown has no "
        "strikethrough, so it is shown as typed, tildes and all; delete the tildes, and the "
        "words if they are wrong, or say it in words ('not the z-test but the t-test')",
        f"{bank}:8:9: warning: question 'q': 'hint': [!WARNING]: qbank's Markdown has no "
        "alerts, so the mark is shown as typed, at the start of a plain quote; write the word "
        "instead, as in > **Warning:** and the text",
        f"{bank}:11:17: warning: question 'q': 'hint': :tada:: {emoji}",
        f"{bank}:11:32: warning: question 'q': 'hint': [[Incident response]]: qbank's Markdown "
        "has no wiki links, so it is shown as typed, brackets and all; write the words alone, "
        "or a link to a page, [words](https://...)",
        f"{bank}:14:23: warning: question 'marked': 'question': ==the key idea==: qbank's "
        "Markdown has no highlighting, so it is shown as typed, equals signs and all; write "
        "**bold** to make the words stand out",
        f"{bank}:15:16: warning: question 'marked': 'hint': :+1:: {emoji}",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Copy it to ~/backups/ and then to ~/archive/ tonight.",
        "Here x ~ y, and it takes ~5 to ~10 minutes; notes.txt~ is a backup.",
        "On C:\\\\Users\\\\me, at 10:30:00, in the ratio 1:2:3 (and 16:9).",
        "In C++ std::vector::push_back, IPv6 fe80::1, and Sphinx's :class:`Foo`.",
        "Is a==b true when x == y, or a===b, and == alone?",
        "A matrix [[1, 2], [3, 4]], or [[1, 2]], and a shell's [[ -f x ]].",
        "Ask @alice about #123, and see www.example.com or https://example.com/a:b:c.",
        "Code `==x==`, `~y~`, `:smile:` and `[[z]]` is code.",
        "Escaped \\~y~, \\==x==, \\:smile: and \\[[z]] are meant.",
        "A slice x[:end:] and a time of 9:30 or a score of 3:1.",
        "> [!] is no alert, nor is > [!not closed",
        # a docstring's fields and Sphinx's roles outside code, and SQLite's ':memory:'
        # (a review: each was told to be typed as an emoji)
        "It takes :param x: the value, gives :return: the sum, :rtype: int, :raises: E.",
        "Sphinx's :class: and :func: roles, and SQLite's ':memory:' or \":memory:\".",
        "At 12:30:45, in a:b:c, and IPv6's fe80::1:2 or ::ffff:1.",
    ],
)
def test_what_reads_as_typed_anyway_is_not_said(cli, tmp_path, text):
    """Tildes, equals signs, colons and brackets that prose and code use as typed: a home
    folder, about, a time, a ratio, C++'s scope, a comparison, a matrix, a shell test, a
    mention and an issue number, bare web addresses (shown whole, as typed), code and
    escapes."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: Q?\n    hint: |\n      {text}\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    assert result.stderr == "", result.stderr


@pytest.mark.parametrize("text,column", [("It is ==the key==", 18), ("Well done :tada:", 22)])
def test_a_text_with_only_a_highlight_or_an_emoji_code_is_said(cli, tmp_path, text, column):
    """A text with no other Markdown skips the parser (most of a bank's texts): one whose
    only markup is '==' or ':tada:' must still be read to be said."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: Q?\n    hint: '{text}'\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"{bank}:7:{column}: warning:"), result.stderr


@pytest.mark.parametrize("interview", ["role: Analyst\n", ""])
def test_the_advice_on_a_folded_part_and_a_task_box_fits_the_bank(cli, tmp_path, interview):
    """'<details>' and '- [ ]' were told to put the part "for the interviewer alone in the
    note" and that "a look-for signal is a tick box in the packet already", also in a study
    bank, which has no interviewer and no packet to speak of."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        f"title: T\nmarkup: markdown\n{interview}questions:\n  - id: q\n    section: S\n"
        "    question: Q?\n    hint: |\n      <details>\n\n      - [ ] the step\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    folded, boxed = result.stderr.splitlines()
    assert ("interviewer" in folded) == ("look-for" in boxed) == bool(interview), result.stderr
    if not interview:
        assert folded.endswith(
            "remove the tags, and put an answer to keep back in the hint, which a card shows "
            "on its back, or, to show the tags, put them in `backticks`"
        )
        assert boxed.endswith("so the box is shown as typed; write the item without it")
