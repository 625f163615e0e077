"""`markup: markdown` banks: the reader parses each text once into qbank.rich's tree, refuses
what the artifacts cannot show with FILE:LINE naming the question, and checks every image
before anything is built."""

from __future__ import annotations

import os

import pytest
from helpers import FIXTURES, check_text
from hypothesis import example, given, settings
from hypothesis import strategies as st

from qbank.bank import load_bank, parse_bank
from qbank.bank.markdown import MarkdownReader, _Builder
from qbank.errors import BankError
from qbank.rich import (
    CodeBlock,
    ListBlock,
    Paragraph,
    Picture,
    Quote,
    RichText,
    Span,
    Table,
    span_text,
)

MARKDOWN = FIXTURES / "markdown"


def _bank(body: str, markup: str = "markdown") -> str:
    return (
        f"title: T\nmarkup: {markup}\nquestions:\n  - id: q\n    section: S\n"
        f"    question: Q?\n    hint: |\n" + "".join(f"      {line}\n" for line in body.split("\n"))
    )


def _problems(text: str) -> str:
    with pytest.raises(BankError) as caught:
        parse_bank(text, source=str(MARKDOWN / "inline.yaml"))
    return str(caught.value)


def test_a_plain_bank_has_no_trees_and_keeps_its_text():
    bank = parse_bank(_bank("*not* emphasis", markup="plain"), source="b.yaml")
    assert bank.markup == "plain"
    assert bank.rich_text(bank.questions[0].hint) is None
    assert bank.questions[0].hint == "*not* emphasis"


def test_the_tree_holds_the_subset():
    bank = load_bank(MARKDOWN / "rich.yaml")
    assert bank.markup == "markdown"
    kql = bank.rich_text(bank.questions[0].hint)
    assert kql is not None
    assert isinstance(kql.blocks[1], CodeBlock)
    assert kql.blocks[1].language == "kql"
    assert kql.blocks[1].text.splitlines()[0] == "SigninLogs"
    assert Span("slow", emphasis=True) in kql.blocks[2].spans
    review = bank.rich_text(bank.questions[1].hint)
    steps = review.blocks[1]
    assert isinstance(steps, ListBlock) and steps.ordered and len(steps.items) == 3
    nested = steps.items[1][1]
    assert isinstance(nested, ListBlock) and not nested.ordered
    assert isinstance(nested.items[1][1], ListBlock)  # the third level
    assert isinstance(review.blocks[2], Quote)
    note = bank.rich_text(bank.questions[1].note)
    link = [s for s in note.blocks[0].spans if s.href]
    assert link == [Span("the pickle docs", href="https://docs.python.org/3/library/pickle.html")]
    # the text stays as written, for the spreadsheet export
    assert bank.questions[1].note.startswith("See [the pickle docs](")


@pytest.mark.parametrize(("typed", "start"), [("0. zero", 0), ("0) zero", 0), ("007. seven", 7)])
def test_a_numbered_list_counts_from_its_first_number(typed, start):
    """CommonMark's `<ol start="0">`: a list typed from 0 was counted from 1 in every artifact."""
    bank = parse_bank(_bank(f"{typed}\nnext"), source="b.yaml")
    (numbered,) = bank.rich_text(bank.questions[0].hint).blocks
    assert isinstance(numbered, ListBlock) and numbered.ordered and numbered.start == start


def test_pictures_carry_their_bytes_kind_and_size():
    bank = load_bank(MARKDOWN / "rich.yaml")
    question = bank.questions[2]
    pictures = [
        *bank.rich_text(question.question).pictures(),
        *bank.rich_text(question.hint).pictures(),
        *bank.rich_text(question.follow_ups[0]).pictures(),
    ]
    assert [(p.kind, p.width, p.height) for p in pictures] == [
        ("png", 480, 240),
        ("jpeg", 320, 200),
        ("gif", 64, 64),
    ]
    assert pictures[0].alt == "A user sends a request to the model, which calls a tool"
    assert pictures[0].data == (MARKDOWN / "images" / "flow.png").read_bytes()
    # a picture inside a sentence follows its paragraph
    follow = bank.rich_text(question.follow_ups[0]).blocks
    assert isinstance(follow[0], Paragraph) and isinstance(follow[1], Picture)
    assert follow[0].spans == (Span("And if the tool is read-only?"),)


def test_raw_html_and_entities_are_text():
    bank = parse_bank(_bank("<b>bold</b> & <script>x</script>"), source="b.yaml")
    tree = bank.rich_text(bank.questions[0].hint)
    assert tree.plain() == "<b>bold</b> & <script>x</script>"


@pytest.mark.parametrize(
    "body,line,words",
    [
        ("Intro\n\n# A heading", 10, "a heading"),
        ("Intro\n\nUnderlined\n==========", 10, "a heading"),
        ("Intro\n\n---", 10, "horizontal rule"),
        ("| a | b |\n| - | - |\n| 1 | 2 | 3 |", 10, "this table row has 3 cells but its header 2"),
        ("| a | b |\n| - | - |\n| ![x](p.png) | 2 |", 10, "a picture inside a table's cell"),
        ("- in a list:\n\n  | a | b |\n  | - | - |\n  | 1 | 2 | 3 |", 12, "has 3 cells"),
        ("- one\n  - two\n    - three\n      - four", 11, "nested more than 3 levels"),
        ("[file](notes.txt)", 8, "not a web or mail address"),
        # after a code span over a line end: it was told at the line before
        ("`a\nb` [file](notes.txt)", 9, "not a web or mail address"),
    ],
)
def test_what_the_subset_lacks_is_refused_at_its_line(body, line, words):
    message = _problems(_bank(body))
    assert f"inline.yaml:{line}: question 'q': 'hint': " in message
    assert words in message


def test_a_script_link_stays_text():
    bank = parse_bank(_bank("[click](javascript:alert(1))"), source="b.yaml")
    tree = bank.rich_text(bank.questions[0].hint)
    assert tree.blocks == (Paragraph((Span("[click](javascript:alert(1))"),)),)


def test_an_address_stays_as_written():
    """markdown-it percent-encodes letters past ASCII and writes a host in punycode: the
    printed artifacts showed "(https://de.wikipedia.org/wiki/Gr%C3%B6%C3%9Fe)", and an
    autolink twice, as its text and as its encoded address."""
    body = (
        "[Größe](https://de.wikipedia.org/wiki/Größe), <https://bücher.example/Straße>, "
        "[mail](mailto:prüfer@example.org) and <https://x.org/a%20b>"
    )
    bank = parse_bank(_bank(body), source="b.yaml")
    spans = bank.rich_text(bank.questions[0].hint).blocks[0].spans
    assert [(s.text, s.href) for s in spans if s.href] == [
        ("Größe", "https://de.wikipedia.org/wiki/Größe"),
        ("https://bücher.example/Straße", "https://bücher.example/Straße"),
        ("mail", "mailto:prüfer@example.org"),
        ("https://x.org/a%20b", "https://x.org/a%20b"),
    ]


def test_a_flow_text_reports_the_line_of_its_key():
    text = "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
    text += "    question: Q?\n    hint: '# Not a heading in YAML, but one in Markdown'\n"
    assert "inline.yaml:7: question 'q': 'hint': a heading" in _problems(text)


def test_markup_must_be_known():
    message = _problems("title: T\nmarkup: html\nquestions: []\n")
    assert "inline.yaml:2: 'markup' must be plain or markdown, not html" in message


@pytest.mark.parametrize("written,meant", [("Markdown", "markdown"), ("PLAIN", "plain")])
def test_markup_is_read_in_any_case(written, meant):
    """`markup: Markdown` means markdown, as `--paper Letter` means letter: it was refused."""
    bank = parse_bank(_bank("**bold**", markup=written), source="b.yaml")
    assert bank.markup == meant
    assert (bank.rich_text(bank.questions[0].hint) is not None) == (meant == "markdown")
    assert "not Markdwn" in _problems(_bank("x", markup="Markdwn"))


@pytest.mark.parametrize(
    "case,words",
    [
        ("bomb", "10,000 × 10,000 pixels, more than the 25 megapixels"),
        ("outside", "is outside the bank's folder"),
        ("symlink", "is outside the bank's folder"),
        ("truncated", "is a damaged or truncated PNG file"),
        ("text", "is not a PNG, JPEG, GIF, WebP, TIFF or BMP picture"),
        ("remote", "is a web address; builds are offline"),
        ("no-alt", "has no alt text"),
    ],
)
def test_hostile_images_are_refused_by_check_and_build_writes_nothing(cli, tmp_path, case, words):
    bank = MARKDOWN / f"hostile-{case}.yaml"
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    assert f"hostile-{case}.yaml:14: question '{case}': 'hint': the image " in result.output
    assert words in result.output
    assert "Traceback" not in result.output
    out = tmp_path / "out"
    result = cli("all", "--bank", bank, "--out", out)
    assert result.exit_code == 1, result.output
    assert words in result.output
    assert not out.exists() or not any(out.iterdir())


def test_an_image_used_many_times_is_read_once(tmp_path, monkeypatch):
    from qbank.bank import images

    (tmp_path / "a.png").write_bytes((MARKDOWN / "images" / "flow.png").read_bytes())
    calls = []
    real = images.checked
    monkeypatch.setattr(images, "checked", lambda *a: calls.append(a) or real(*a))
    hint = " ".join(f"![flow {i}](a.png)" for i in range(50))
    bank = parse_bank(_bank(hint), source=str(tmp_path / "b.yaml"))
    assert len(bank.rich_text(bank.questions[0].hint).pictures()) == 50
    assert len(calls) == 1


def test_a_code_line_wraps_after_a_space_else_anywhere():
    """Pieces no wider than the room, every character kept in order; a piece ends after
    its last space when that leaves it at least half full, else at the room's edge."""
    from qbank.highlight import wrap

    def text(piece):
        return "".join(t for _, t in piece)

    line = [("", "Hi, the parcel never arrived, please "), ("k", "refund"), ("", " me now")]
    pieces = wrap(line, 20, len)
    assert [text(p) for p in pieces] == [
        "Hi, the parcel ",
        "never arrived, ",
        "please refund me now",
    ]
    assert pieces[-1] == [("", "please "), ("k", "refund"), ("", " me now")]  # roles kept
    long = [("n", "a_name_with_no_space_anywhere_in_it"), ("", " x")]
    assert [text(p) for p in wrap(long, 10, len)] == [
        "a_name_wit",
        "h_no_space",
        "_anywhere_",
        "in_it x",
    ]
    late = [("", "abcdefgh ijklmnop")]  # a space past the piece's middle: cut after it
    assert [text(p) for p in wrap(late, 12, len)] == ["abcdefgh ", "ijklmnop"]
    early = [("", "ab cdefghijklmnop")]  # a space in its first half: cut at the edge
    assert [text(p) for p in wrap(early, 12, len)] == ["ab cdefghijk", "lmnop"]


def test_a_code_line_without_a_late_space_wraps_after_a_hyphen_or_a_slash():
    """A trial's A7 card cut a comment's 'heteroscedasticity-consisten|t': a piece with no
    space past its middle ends after its last hyphen or slash past it, before cutting a
    word anywhere; a space past the middle still comes first."""
    from qbank.highlight import wrap

    def pieces(text: str, width: int) -> list[str]:
        return ["".join(t for _, t in p) for p in wrap([("c", text)], width, len)]

    comment = "# heteroscedasticity-consistent standard errors"
    assert pieces(comment, 25) == ["# heteroscedasticity-", "consistent standard ", "errors"]
    assert pieces("aaaa bbbb-cccccccccccccc", 12) == ["aaaa bbbb-", "cccccccccccc", "cc"]
    assert pieces("see /usr/local/share/qbank", 18) == ["see /usr/local/", "share/qbank"]
    assert pieces("C:\\Users\\Public\\Documents", 20) == ["C:\\Users\\Public\\", "Documents"]
    assert pieces("abcdefgh ij-klmnop", 14) == ["abcdefgh ", "ij-klmnop"]  # the space first
    assert pieces("a-bcdefghijklmnop", 8) == ["a-bcdefg", "hijklmno", "p"]  # too early a hyphen
    # a dot, a bracket or an operator too, before a word is cut ('network.cal|ls': a review)
    call = 'logger = logging.getLogger("retry.decorator.for.network.calls"))'
    # (where the study page breaks it first: before a name that a dot follows)
    assert pieces(call, 60) == [
        'logger = logging.getLogger("retry.decorator.for.',
        'network.calls"))',
    ]
    assert pieces("x=compute(alpha,betagammadelta)", 20) == ["x=compute(alpha,", "betagammadelta)"]


def test_a_code_line_breaks_where_the_study_page_does():
    """A programming teacher's card cut 'retrieved_docume|nts': a piece with no space past
    its middle ends where the study page may break the line (qbank.text.CODE_BREAK: after
    an opening bracket, a comma, a name's dot before a call) before any other separator,
    and after an early one where the name after it then fits a line whole; a name wider
    than a line is cut at the line's end, as before."""
    from qbank.highlight import wrap

    def pieces(text: str, width: int) -> list[str]:
        return ["".join(t for _, t in p) for p in wrap([("c", text)], width, len)]

    call = "summary = summarizer.pipeline.summaries.generate_summary(documents=retrieved_documents)"
    assert pieces(call, 26) == [
        "summary = summarizer.",
        "pipeline.summaries.",
        "generate_summary(",
        "documents=",
        "retrieved_documents)",
    ]
    assert pieces("x = " + "a" * 20, 12) == ["x = aaaaaaaa", "aaaaaaaaaaaa"]


# texts made mostly of what the plain-text shortcut takes, with every character that could
# make markup sometimes among them
_TEXT = st.lists(
    st.sampled_from([*"ab Zé1.-+=)#>*_`[]!<&~\\\t\r\n\x00\u3000\u2028\xa0", "1. ", "- "])
    | st.characters(codec="utf-8"),
    max_size=12,
).map("".join)


@settings(max_examples=200)
@given(text=_TEXT)
@example(text="")
@example(text="\u3000")
@example(text="  x")
@example(text="x  ")
@example(text="1) x")
@example(text="9. x")
@example(text="+ x")
@example(text="=x")
def test_the_plain_text_shortcut_gives_what_markdown_it_gives(text):
    """A text with no markup skips markdown-it (the most of a bank's texts): its tree is the
    one markdown-it's parse gives."""
    shortcut = MarkdownReader(None).parse(text, lambda line, message, column=0: None)
    problems: list[tuple[int, str]] = []
    reader = MarkdownReader(None)
    parsed = RichText(
        _Builder(
            reader,
            lambda line, message, column=0: problems.append((line, message)),
            text.split("\n"),
        ).blocks(reader.md.parse(text))
    )
    assert shortcut == parsed


@pytest.mark.parametrize(
    "body,warned",
    [
        ("Run this:\n\n```sql\nSELECT 1;\n\n- a list the writer meant as text", True),
        ("- an item:\n\n  ```\n  code\n\n- the next item", True),
        ("```sql\nSELECT 1;\n```\n\nAfter.", False),
        ("````\n```\nnested\n````", False),
        # in a quote, the closing line holds the quote's mark (a review's case)
        ("> ```\n> code\n> ```\n\nAfter.", False),
        ("> ```\n> code\n\nAfter.", True),
        # a '>' inside the code is code: this fence is never closed (a review's case)
        ("```markdown\n> ```", True),
    ],
)
def test_a_code_block_never_closed_is_a_warning_at_its_fence(body, warned):
    """CommonMark runs an unclosed fence to the end of its text or list item: a trial's
    list after a forgotten ``` became code without a word. The bank still loads."""
    said: list[str] = []
    parse_bank(_bank(body), source="b.yaml", warn=said.append)
    fence = 8 + next(n for n, line in enumerate(body.split("\n")) if "```" in line)
    expected = [
        f"b.yaml:{fence}: warning: question 'q': 'hint': the code block opened here with "
        f"{'```'} is never closed, so the rest of the text is code; end it with {'```'} on a "
        "line of its own"
    ]
    assert [str(w) for w in said] == (expected if warned else [])


@pytest.mark.parametrize(
    "body,warned",
    [
        ("See:\n\n![Heap](images/heap diagram.png)", True),
        ('See ![Heap](images/heap diagram.png "a title") here', True),
        ("See `![x](a b)`, code", False),
        ("A [link](to somewhere) is not a picture", False),
        # written to show the characters (a review's case)
        (r"Escaped: \![Heap](a b) is text", False),
    ],
)
def test_a_picture_path_with_a_blank_is_a_warning(body, warned):
    """CommonMark reads ![Heap](images/heap diagram.png) as text: a trial's picture showed
    as these characters in every artifact, and check said nothing."""
    said: list[str] = []
    parse_bank(_bank(body), source="b.yaml", warn=said.append)
    if not warned:
        assert said == []
        return
    line, text = next((8 + n, text) for n, text in enumerate(body.split("\n")) if "![" in text)
    column = 7 + text.index("![")  # the hint's lines stand 6 blanks in
    (warning,) = map(str, said)
    assert warning.startswith(
        f"b.yaml:{line}:{column}: warning: question 'q': 'hint': ![Heap](images/"
    )
    assert "write it in angle brackets, ![Heap](<images/heap diagram.png" in warning


def test_the_advice_for_a_picture_path_with_a_blank_keeps_its_title():
    """A review: the advice put the title inside the angle brackets, which names no file."""
    said: list[str] = []
    parse_bank(_bank('See ![Flow](my diagram.png "The flow").'), source="b.yaml", warn=said.append)
    (warning,) = map(str, said)
    assert warning.endswith(
        'write it in angle brackets, ![Flow](<my diagram.png> "The flow"), or with %20 for '
        "each blank"
    )


@pytest.mark.parametrize(
    ("typed", "said", "written"),
    [
        # it was 'save the picture in the bank's folder and give its path, as in
        # diagrams/flow.png', a path of no picture the writer has
        (
            "![x](https://example.org/img/x.png?v=2)",
            "the image 'https://example.org/img/x.png?v=2' is a web address; builds are "
            "offline and reproducible, so save the picture as x.png in the bank's folder and "
            "write x.png as its path",
            "![x](x.png)",
        ),
        (
            "![x](https://example.org/my%20cell.png)",
            "so save the picture as my cell.png in the bank's folder and write <my cell.png> "
            "as its path",
            "![x](<my cell.png>)",
        ),
        (
            "![x](my cell.png)",
            "write it in angle brackets, ![x](<my cell.png>)",
            "![x](<my cell.png>)",
        ),
        # a bracket left unpaired and an entity in the name, which CommonMark reads as
        # markup: told again once followed (a review)
        (
            "![x](https://example.org/chart%29.png)",
            "save the picture as chart).png in the bank's folder and write chart\\).png as",
            "![x](chart\\).png)",
        ),
        (
            "![x](https://example.org/a%26amp;b.png)",
            "save the picture as a&amp;b.png in the bank's folder and write a\\&amp;b.png as",
            "![x](a\\&amp;b.png)",
        ),
    ],
)
def test_the_advice_on_a_pictures_path_is_a_line_check_accepts(cli, tmp_path, typed, said, written):
    """A picture's path that is a web address, or that holds a blank, is told the markup to
    write once the picture is saved beside the bank; written so, check says nothing."""
    bank = tmp_path / "p.yaml"
    for picture in ("x.png", "my cell.png", "chart).png", "a&amp;b.png"):
        (tmp_path / picture).write_bytes((MARKDOWN / "images" / "flow.png").read_bytes())
    bank.write_text(_bank(f"See {typed} here."), encoding="utf-8")
    told = cli("check", "--bank", bank)
    assert said in told.stderr, told.stderr
    bank.write_text(_bank(f"See {written} here."), encoding="utf-8")
    followed = cli("check", "--bank", bank)
    assert (followed.exit_code, followed.stderr) == (0, ""), followed.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
def test_a_picture_that_turns_into_a_pipe_is_refused_not_waited_on(tmp_path, monkeypatch):
    """A picture swapped for a pipe between the look at its name and its reading (a hostile
    test's loop): read without waiting, it is refused as no file; opened as a file, the
    build waited for a writer for ever."""
    import threading
    from pathlib import Path

    from qbank.bank.images import ImageFiles

    os.mkfifo(tmp_path / "p.png")
    (tmp_path / "real.png").write_bytes(b"png")
    regular = (tmp_path / "real.png").stat()
    real_stat = Path.stat
    # what a look at the name saw a moment before: a regular file
    monkeypatch.setattr(
        Path, "stat", lambda self, **kw: regular if self.name == "p.png" else real_stat(self, **kw)
    )
    found: list = []
    reader = threading.Thread(target=lambda: found.append(ImageFiles(tmp_path).read("p.png")))
    reader.daemon = True
    reader.start()
    reader.join(10)
    if reader.is_alive():  # let the stuck open go, then fail
        os.close(os.open(tmp_path / "p.png", os.O_WRONLY | os.O_NONBLOCK))
    assert found == ["the image 'p.png' is not a file"]


def test_a_link_to_a_script_or_a_file_is_shown_as_typed_and_said(cli, tmp_path):
    """CommonMark shows `[x](javascript:...)` and `![a](file:///...)` as their characters:
    safe, but the writer meant a link or a picture and was told nothing (a hostile trial).
    Code is code, and a web link is a link."""
    bank = tmp_path / "js.yaml"
    bank.write_text(
        "title: J\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: 'Click [here](javascript:alert(1)) or `[x](javascript:y)` or"
        " [ok](https://example.org).'\n"
        "    hint: See ![a](file:///etc/passwd).\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{bank}:6:22: warning: question 'q': 'question': [here](javascript:alert(1)) is shown as "
        "these characters, not as a link: qbank makes no link to a javascript: address (a "
        "link goes to https://, http:// or mailto:, a picture is a file beside the bank)",
        f"{bank}:7:15: warning: question 'q': 'hint': ![a](file:///etc/passwd) is shown as these "
        "characters, not as a picture: its path is one on the computer it was written on, "
        "which no other computer has: copy passwd into the bank's folder and write ![a](passwd)",
    ]


COPY = "on the computer it was written on, which no other computer has: copy "


@pytest.mark.parametrize(
    ("path", "said"),
    [
        # told 'is a web address' (C: read as an address's scheme), or to be relative
        (r"C:\Users\Ana\Pictures\cell.png", f"is a path {COPY}cell.png into the bank's folder"),
        ("C:/Users/Ana/cell.png", f"is a path {COPY}cell.png into the bank's folder"),
        ("/home/ana/cell.png", f"is a path {COPY}cell.png into the bank's folder"),
        # with a blank: told to put it in angle brackets, and that qbank makes no picture to
        # a c: address
        (
            r"C:\Users\Ana Lopez\cell 1.png",
            f"is shown as these characters, not as a picture: its path is one {COPY}cell 1.png "
            "into the bank's folder and write ![a cell](<cell 1.png>)",
        ),
        (
            "file:///C:/Users/Ana/cell%201.png",
            f"its path is one {COPY}cell 1.png into the bank's folder and write "
            "![a cell](<cell 1.png>)",
        ),
    ],
)
def test_a_picture_on_the_writers_computer_is_told_to_be_copied_beside_the_bank(path, said):
    """A picture's path pasted from the writer's computer (a first bank): each is one
    message, the name to write once the picture is copied beside the bank."""
    told: list[object] = []
    try:
        parse_bank(_bank(f"![a cell]({path})"), source="b.yaml", warn=told.append)
    except BankError as refused:
        told.extend(refused.problems)
    assert len(told) == 1 and said in str(told[0]), told


def test_a_picture_path_that_is_a_folder_says_so(cli, tmp_path):
    """A folder named like a picture was 'cannot be read: Is a directory' (a hostile trial)."""
    (tmp_path / "flow.png").mkdir()
    bank = tmp_path / "d.yaml"
    bank.write_text(
        "title: D\nmarkup: markdown\nquestions:\n"
        "  - {id: q, section: S, question: 'See ![a](flow.png)', hint: h}\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    assert "the image 'flow.png' is a folder, not a picture file" in result.stderr


def test_a_link_whose_scheme_is_in_capitals_is_a_link(cli, tmp_path):
    """'HTTPS://EXAMPLE.ORG' is a web address (schemes are case-insensitive, RFC 3986 3.1);
    it was refused as 'not a web or mail address' (a review)."""
    bank = tmp_path / "up.yaml"
    bank.write_text(
        "title: U\nmarkup: markdown\nquestions:\n"
        "  - {id: q, section: S, question: 'See [x](HTTPS://EXAMPLE.ORG/a)', hint: h}\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0 and result.stderr == "", result.output


def test_html_strikethrough_and_footnotes_shown_as_typed_are_said(cli, tmp_path):
    """A science lecturer's H<sub>2</sub>O, ~~z-test~~ and [^1] with its note were printed as
    typed in every artifact without a word: each is a warning naming what to write instead.
    Code is code, a tag that is not formatting (a security bank's <script>) is text meant, and
    so are Java's Pair<S, T> and Box<B> and a regex's [^0-9] (a review: they were warned)."""
    bank = tmp_path / "typed.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: What is H<sub>2</sub>O, and what does `<b>` or a <script> tag do?\n"
        "    hint: |\n      The ~~z-test~~ t-test.\n\n      As Wickham says.[^1]\n\n"
        "      [^1]: Wickham, ggplot2.\n"
        "  - id: java\n    section: S\n    question: What are Pair<S, T>, Box<B> and <U, R>?\n"
        "    hint: The regex [^0-9] and a <b lang=en> tag.\n"
        "  - id: upper\n    section: S\n    question: What is CO<SUB>2</SUB>?\n    hint: H.\n"
        "  - id: code\n    section: S\n    question: Q?\n    hint: |\n"
        "      ```markdown\n      Text with a note[^c].\n\n      [^c]: In code.\n      ```\n\n"
        "      Escaped \\[^2] is meant.\n\n      [^2]: A note of it.\n"
        "  - id: next\n    section: S\n    question: Next?\n    hint: |\n"
        "      See this[^n].\n      [^n]: Its note, on the next line.\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{bank}:6:24: warning: question 'q': 'question': <sub>: HTML in a Markdown text is shown "
        "as typed, so write the character itself (H₂O, x², a line break as a backslash at the "
        "line's end, **bold**, *italic*), or, to show the tag, put it in `backticks`",
        f"{bank}:8:11: warning: question 'q': 'hint': ~~z-test~~: qbank's Markdown has no "
        "strikethrough, so it is shown as typed, tildes and all; delete the tildes, and the "
        "words if they are wrong, or say it in words ('not the z-test but the t-test')",
        f"{bank}:10:23: warning: question 'q': 'hint': [^1]: qbank's Markdown has no footnotes, so "
        "it is shown as typed; write the note's words in the text, where its mark stands",
        f"{bank}:16:34: warning: question 'java': 'hint': <b lang=en>: HTML in a Markdown text is "
        "shown as typed, so write the character itself (H₂O, x², a line break as a backslash "
        "at the line's end, **bold**, *italic*), or, to show the tag, put it in `backticks`",
        f"{bank}:19:25: warning: question 'upper': 'question': <SUB>2</SUB>: HTML in a Markdown "
        "text is shown as typed, so write the character itself (H₂O, x², **bold**, *italic*), "
        "or, to show the tag, put it in `backticks`",
        f"{bank}:38:15: warning: question 'next': 'hint': [^n]: qbank's Markdown has no footnotes, "
        "so it is shown as typed; write the note's words in the text, where its mark stands",
    ]


def test_bold_that_markdown_shows_as_its_stars_in_japanese_is_said(cli, tmp_path):
    """h40a's Japanese trial: '**「速いハッシュ」**は' printed its four stars in every
    artifact, unwarned: CommonMark closes bold after '」' only before a blank or a mark,
    and Japanese has no blanks. The stars inside the brackets are bold, and said nothing
    of; so are stars around words, a product's with blanks, and Python's **kwargs."""
    bank = tmp_path / "ja.yaml"
    bank.write_text(
        "title: T\nlanguage: ja\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: 「**速い**」ハッシュは**危険**ですか？\n"
        "    hint: |\n      **「速いハッシュ」**は攻撃者にも速い。\n\n"
        "      *（例）*を見よ。5 * 3 * 2 と f(**kwargs) と **kwargs or **options も。\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    why = (
        "Markdown shows these stars as typed, not as bold or italics: stars between a "
        "bracket or a mark (「」（）、。) and a letter count only with a blank beside them; "
        "put them inside the brackets (「**速い**」は), or around words alone"
    )
    assert [line for line in result.stderr.splitlines() if "stars" in line] == [
        f"{bank}:9:7: warning: question 'q': 'hint': **「速いハッシュ」**: {why}",
        f"{bank}:11:7: warning: question 'q': 'hint': *（例）*: {why}",
    ]


def test_stars_of_file_patterns_are_not_said_to_be_bold(cli, tmp_path):
    """Stars typed as a file pattern's, 'file*.tmp and cache*.tmp', are shown as typed,
    as they are meant: check said they were bold or italics to be put inside Japanese
    brackets (a review of the warning above, which is for stars beside such a mark)."""
    bank = tmp_path / "globs.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Which files does the nightly job delete?\n"
        "    hint: It deletes file*.tmp and cache*.tmp, and logs*.txt and logs*.\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    assert "Markdown shows these stars" not in result.output, result.output


def test_notation_that_markdown_reads_as_its_own_is_said(cli, tmp_path):
    """A physics teacher's \\(v = f\\lambda\\) showed as (v = f\\lambda) and 2*3*4 with an
    italic 3 in every artifact, and check said nothing (a trial). Italics meant, code,
    backslashes written twice and Markdown's own escaped brackets (\\[Enter\\], warned
    about as a formula: a review) are not warned about; nor is bold inside a word, or
    emphasis in Chinese, which has no blanks to put around it (both were told they were
    italics, quoted with one star each: a code trial)."""
    bank = tmp_path / "physics.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: wave\n    section: S\n"
        "    question: 'Why is \\(v = f\\lambda\\)?'\n"
        "    hint: |\n      Work it out.\n\n      The volume is 2*3*4 cm³.\n"
        "  - id: fine\n    section: S\n    question: Is *this* meant, and `\\(x\\)` and"
        " \\\\(y\\\\)?\n    hint: 'Yes: **bold**, a*b in `2*3*4`; press \\[Enter\\] \\[sic\\]. "
        "Un**frigging**believable: 这是*重点*，和**返回值**是'\n"
        "  - {id: power, section: S, question: What is 2**3**2 in Python?, hint: 'It is 512.'}\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{bank}:6:23: warning: question 'wave': 'question': \\(v = f\\lambda\\) is shown as "
        "(v = f\\lambda): Markdown reads a backslash before a bracket as keeping the bracket "
        "only, and qbank typesets no TeX: write the formula in Unicode (x², √2, a/b, λ), or, "
        "to show the backslashes, write each twice (\\\\( and \\\\)), or put it in "
        "`backticks`",
        f"{bank}:10:21: warning: question 'wave': 'hint': 2*3*4: a * between two characters starts "
        "italics in Markdown, so '3' is in italics and its stars are not shown; for a product "
        "write × (2 × 3), or write \\* to show a star",
        # a power, between digits: bold (a second review: warned no longer, once bold inside
        # a word was not)
        f"{bank}:15:47: warning: question 'power': 'question': 2**3**2: ** between two digits "
        "starts bold in Markdown, so '3' is in bold and its stars are not shown; for a power "
        "write 2³ or 2^3, or put it in `backticks`",
    ]


def test_a_product_of_brackets_that_markdown_makes_italics_is_said(tmp_path):
    """A data scientist's '(a+b)*(a-b) = a^2 - b^2, and 3*(x+1)' showed in every artifact
    with '(a-b) = a^2 - b^2, and 3' in italics and both stars gone, and check said
    nothing (h49a's trial): it said so of 2*3*4 only, stars between letters or digits.
    Italics meant inside brackets, (*see below*), and Python's f(*args) are not warned."""
    bank, result = check_text(
        tmp_path,
        "title: T\nmarkup: markdown\nquestions:\n  - id: square\n    section: S\n"
        "    question: Is (a+b)*(a-b) = a^2 - b^2, and 3*(x+1)*2 = 6x + 6?\n"
        "    hint: Yes (*see below*); f(*args) and g(**kwargs) take any.\n",
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{bank}:6:18: warning: question 'square': 'question': (a+b)*(a-b) = a^2 - b^2, and "
        "3*(x+1)*2: a * between two characters starts italics in Markdown, so '(a-b) = a^2 "
        "- b^2, and 3' is in italics and its stars are not shown; for a product write × "
        "(2 × 3), or write \\* to show a star",
    ]


def test_a_comparison_that_starts_a_line_and_markdown_makes_a_quote_is_said(tmp_path):
    """A data scientist's hint line '>50% drop in usage' showed in every artifact as a
    quote of '50% drop in usage', its > gone, and check said nothing (h49a's trial). A
    > right before a digit or '=' is a comparison; a quote meant has a blank after its >
    (or a word), an escaped \\> is shown, and a > in code is code: none is warned of."""
    bank, result = check_text(
        tmp_path,
        "title: T\nmarkup: markdown\nquestions:\n  - id: churn\n    section: S\n"
        "    question: Which customers churn?\n"
        "    hint: |\n      Those with a\n\n      >50% drop in usage, or\n\n"
        "      - >=3 complaints.\n"
        "  - id: fine\n    section: S\n    question: Who said it?\n"
        "    hint: |\n      > 50 years ago, he said\n\n      >Quoted words\n\n"
        "      \\>50% of them\n\n      ```\n      >5\n      ```\n",
    )
    assert result.exit_code == 0, result.output
    why = (
        "a > at the start of a line starts a quote in Markdown, so the > is not shown; "
        "write \\> to show it{}, or put a blank after the > to quote the line"
    )
    assert result.stderr.splitlines() == [
        f"{bank}:10:7: warning: question 'churn': 'hint': '>50% drop in usage, or' is shown "
        "as a quote of '50% drop in usage, or': " + why.format(" (\\>50%)"),
        f"{bank}:12:9: warning: question 'churn': 'hint': '>=3 complaints.' is shown as a "
        "quote of '=3 complaints.': " + why.format(" (\\>=3)"),
    ]


def test_a_formula_line_that_markdown_makes_a_list_item_is_said(tmp_path):
    """A data scientist's hint 'the p-value' then '- p < 0.05 means ...' on the next line
    showed in every artifact as a list item, its minus gone, and check said nothing (h49h's
    trial). A bullet's line that goes on a formula ('- b^2 = 4ac', '+ 3x + 1'), alone in its
    list, or one after a line that stops at an operator, is told; a list meant is not: of
    two items or more, after a line ending with ':' or 'where', nested under an item, or of
    words ('- a - apple'), nor an escaped \\- or a line after a blank."""
    bank, result = check_text(
        tmp_path,
        "title: T\nmarkup: markdown\nquestions:\n  - id: test\n    section: S\n"
        "    question: When is it significant?\n"
        "    hint: |\n      Compare the p-value\n      - p < 0.05 means significant.\n"
        "  - id: roots\n    section: S\n    question: One root?\n"
        "    hint: |\n      When the discriminant is zero,\n      - b^2 = 4ac.\n"
        "  - id: poly\n    section: S\n    question: What is y?\n"
        "    hint: |\n      It is y = 2x^2 +\n      + 3x + 1, a parabola.\n"
        "  - id: fine\n    section: S\n    question: Which lists are meant?\n"
        "    hint: |\n      The steps\n      - clean the data\n      - fit the model\n\n"
        "      Where:\n      - n = sample size\n\n      where\n      - p = success\n"
        "      - q = 1 - p\n\n      Options\n      - a - apple\n\n      The test\n"
        "      \\\\- p < 0.05\n\n      - p < 0.05 alone\n\n      - The p-value\n"
        "        - p < 0.05 nested\n",
    )
    assert result.exit_code == 0, result.output
    told = [
        (9, "test", "- p < 0.05 means significant.", "p"),
        (15, "roots", "- b^2 = 4ac.", "b^2"),
        (21, "poly", "+ 3x + 1, a parabola.", "3x"),
    ]
    assert result.stderr.splitlines() == [
        f"{bank}:{row}:7: warning: question '{name}': 'hint': '{typed}' is shown as a list "
        f"item, '{typed[2:]}' after a bullet: a {typed[0]} and a blank at the start of a line "
        f"start a list in Markdown, even right after a line of text, so the {typed[0]} is not "
        f"shown; write \\{typed[0]} to show it (\\{typed[0]} {first}), or join the line to "
        "the one above it"
        for row, name, typed, first in told
    ]


def test_an_inequality_chain_is_not_said_to_be_html(tmp_path):
    """'a<b>c' and '2<i>5', an inequality's chain in a data scientist's bank, were told to
    be HTML (h49h's trial), though every artifact shows them as typed, as meant: a
    one-letter tag between letters or digits that nothing closes is no HTML; one closed
    ('x<b>bold</b>', over a line end too) or with a blank beside it still is."""
    bank, result = check_text(
        tmp_path,
        "title: T\nmarkup: markdown\nquestions:\n  - id: chain\n    section: S\n"
        "    question: When is a<b>c, 0<x>1 and 2<i>5?\n"
        "    hint: If a<b>c then a<c.\n"
        "  - id: tags\n    section: S\n    question: Is it a <b>c?\n"
        "    hint: |\n      And a<b>c\n      then</b>, and x<u>y.\n",
    )
    assert result.exit_code == 0, result.output
    said = result.stderr.splitlines()
    assert [line.partition(": HTML in a Markdown text is shown as typed")[0] for line in said] == [
        f"{bank}:10:23: warning: question 'tags': 'question': <b>",
        f"{bank}:12:12: warning: question 'tags': 'hint': <b>",
    ]
    assert all(line.endswith("or, to show the tag, put it in `backticks`") for line in said)


def test_a_python_dunder_name_that_markdown_makes_bold_is_said(cli, tmp_path):
    """A programming teacher's '__init__' and '__name__ == "__main__"', written outside
    backticks, showed as a bold 'init', 'name' and 'main' without their underscores in every
    artifact, and check said nothing (a teacher's trial), as it says of 2*3*4. Bold meant
    (**init**, or __two words__), a name in code, escaped underscores and underscores inside
    a name (snake_case, a__b__c) are not warned about."""
    bank = tmp_path / "python.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: dunder\n    section: S\n"
        "    question: What does __init__ do?\n"
        '    hint: |\n      Read it.\n\n      It runs when __name__ == "__main__".\n'
        "  - id: fine\n    section: S\n    question: Is **init** meant, and `__init__`?\n"
        "    hint: 'Yes: __two words__, \\_\\_init\\_\\_, snake_case_name and a__b__c.'\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{bank}:6:25: warning: question 'dunder': 'question': __init__: two underscores each side "
        "of a word make it bold in Markdown, so 'init' is in bold and its underscores are not "
        "shown; put a name in `backticks` (`__init__`), or write \\_\\_ to show underscores",
        f"{bank}:10:20: warning: question 'dunder': 'hint': __name__: two underscores each side "
        "of a word make it bold in Markdown, so 'name' is in bold and its underscores are not "
        "shown; put a name in `backticks` (`__name__`), or write \\_\\_ to show underscores",
    ]


def test_a_table_is_read_into_its_cells_with_their_alignment():
    """GitHub's tables were refused ("no artifact draws one"): each is a Table, its cells
    inline text, a short row filled with empty cells."""
    body = (
        "Tests:\n\n| Test | Use | n |\n| :-- | :-: | --: |\n| t-test | two *means* | 30 |\n| χ² |"
    )
    bank = parse_bank(_bank(body), source="b.yaml")
    tree = bank.rich_text(bank.questions[0].hint)
    assert isinstance(tree.blocks[1], Table)
    table = tree.blocks[1]
    assert table.align == ("left", "center", "right")
    assert [span_text(cell.spans) for cell in table.header] == ["Test", "Use", "n"]
    assert table.rows[0][1].spans == (Span("two "), Span("means", emphasis=True))
    assert [cell.spans for cell in table.rows[1]] == [(Span("χ²"),), (), ()]
    assert tree.plain() == "Tests:\nTest | Use | n\nt-test | two means | 30\nχ² |  | "


def test_a_picture_inside_a_sentence_leaves_one_blank(tmp_path):
    """'Inline picture ![x](p.png) in a sentence.' read 'Inline picture  in a sentence.' in
    every artifact (a science lecturer's trial); the picture follows the paragraph."""
    from PIL import Image

    Image.new("RGB", (4, 4)).save(tmp_path / "p.png")
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n    question: Q?\n"
        "    hint: |\n      Inline picture ![a dot](p.png) in a sentence, *and ![b](p.png) here*.\n"
        "      Line ends with a picture ![a dot](p.png)\n      and goes on, *then ![a](p.png)*\n"
        "      so.\n",
        encoding="utf-8",
    )
    tree = load_bank(bank).rich_text(load_bank(bank).questions[0].hint)
    assert tree.plain().split("\n")[0] == (
        "Inline picture in a sentence, and here. Line ends with a picture and goes on, then so."
    )


def test_a_comment_on_a_code_blocks_last_line_is_a_comment():
    """Bash's lexer reads a comment only before a newline: on a block's last line, '1',
    '|| true' and 'set' were coloured as a number, a string and a builtin (a visual
    review). The lines are still the code's own, no line added."""
    from qbank.highlight import lines

    code = "set -e\nx=1 # grep exits 1 when nothing matches; without '|| true' set -e kills it"
    found = lines(code, "bash")
    assert len(found) == 2 and "".join(t for _, t in found[1]) == code.split("\n")[1]
    assert found[1][-1] == (
        "comment",
        "# grep exits 1 when nothing matches; without '|| true' set -e kills it",
    )
    assert lines("a = 1\n", "python")[-1] == [] and len(lines("a = 1\n", "python")) == 2


def test_an_opening_shows_a_backtick_of_the_words_as_typed():
    """A question's opening, shown as a plain bank's text (the time plan, the debrief),
    made code of "\\`literal\\`", a Markdown text's own backticks (a review)."""
    from qbank.bank import parse_bank
    from qbank.text import runs

    bank = parse_bank(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        '    question: "Why is \\\\`literal\\\\` here and `code` there?"\n    hint: H\n',
        source="t.yaml",
        name="t",
    )
    shown = list(runs(bank.opening(bank.questions[0].question)))
    assert "".join(r.text for r in shown) == "Why is `literal` here and code there?"
    assert [r.text for r in shown if r.code] == ["`", "`", "code"]
    # a backtick that pairs with none is written as it is: fenced, a time plan cut to 160
    # characters showed "use `` `…" (a review)
    one = parse_bank(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: 'Press the \\` key, then *Enter*.'\n    hint: H\n",
        source="t.yaml",
        name="t",
    )
    assert one.opening(one.questions[0].question) == "Press the ` key, then Enter."


def test_a_pictures_name_longer_than_the_system_takes_is_a_problem_at_its_line():
    """A hostile trial: a picture's name of 300 characters ended `check` and `import` with
    'internal error: OSError: File name too long'."""
    message = _problems(_bank(f"![long]({'x' * 300}.png)"))
    assert f"the image '{'x' * 300}.png' cannot be found: File name too long" in message


def test_pictures_that_share_a_page_are_made_smaller_alike_down_to_their_least():
    """rich.shared_heights: pictures that fit stay as they are; else each the same share of
    its own height, none below the least (nor its own height where lower); and where even
    that does not fit, none is made smaller (None)."""
    from qbank.rich import shared_heights as shared

    assert shared([100.0, 100.0], 250.0, 40.0) == [100.0, 100.0]
    assert shared([300.0, 100.0], 200.0, 80.0) == pytest.approx([120.0, 80.0], abs=0.1)
    assert shared([300.0, 30.0], 130.0, 80.0) == pytest.approx([100.0, 30.0], abs=0.1)
    assert shared([300.0, 300.0], 150.0, 80.0) is None


@pytest.mark.parametrize(
    ("beside", "said"),
    [
        # not copied beside the bank: it was told where it was looked for, not what to do
        (None, "; copy the picture there, or correct its path"),
        ("plant-cell.png", "; copy the picture there, or correct its path"),
        # there, but with other capitals or another suffix
        ("Cell.PNG", "; did you mean 'Cell.PNG'?"),
        ("cell.jpg", "; did you mean 'cell.jpg'?"),
    ],
)
def test_a_missing_picture_says_to_copy_it_or_names_the_one_beside_it(tmp_path, beside, said):
    if beside:
        (tmp_path / beside).write_bytes((MARKDOWN / "images" / "flow.png").read_bytes())
        if (tmp_path / "cell.png").exists():
            pytest.skip("a file system that ignores capitals (macOS, Windows) finds it")
    with pytest.raises(BankError) as caught:
        parse_bank(_bank("![a cell](cell.png)"), source=str(tmp_path / "b.yaml"))
    (problem,) = caught.value.problems
    assert problem.message == (
        f"question 'q': 'hint': the image 'cell.png' does not exist (looked for "
        f"{tmp_path.resolve() / 'cell.png'}){said}"
    )


def test_a_lone_variable_between_latex_delimiters_is_said(cli, tmp_path):
    """A maths teacher's \\(x\\) showed as '(x)' in every artifact, unwarned, as did \\[a + b\\]:
    the warning took only a command, a power, an index or an '=' for a formula. Letters
    that are each a variable alone read as one too; Markdown's own escaped brackets around
    a word (\\[Enter\\], \\[sic\\]) or a reference's number (\\[1\\]) are still meant."""
    bank = tmp_path / "maths.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n"
        "  - {id: q1, section: S, question: 'What is \\(x\\) here?',"
        " hint: 'And \\[a + b\\]? Press \\[Enter\\] \\[sic\\], see \\[1\\].'}\n"
        "  - {id: q2, section: S, question: 'Is `\\(x\\)` \\\\(y\\\\)?',"
        " hint: 'It is \\(2n\\).'}\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    why = (
        "Markdown reads a backslash before a bracket as keeping the bracket only, and qbank "
        "typesets no TeX: write the formula in Unicode (x², √2, a/b, λ), or, to show the "
        "backslashes, write each twice"
    )
    assert result.stderr.splitlines() == [
        f"{bank}:4:45: warning: question 'q1': 'question': \\(x\\) is shown as (x): {why}"
        " (\\\\( and \\\\)), or put it in `backticks`",
        f"{bank}:4:70: warning: question 'q1': 'hint': \\[a + b\\] is shown as [a + b]: {why}"
        " (\\\\[ and \\\\]), or put it in `backticks`",
        f"{bank}:5:72: warning: question 'q2': 'hint': \\(2n\\) is shown as (2n): {why}"
        " (\\\\( and \\\\)), or put it in `backticks`",
    ]


def test_a_line_markdown_reads_lazily_into_a_list_item_or_a_quote_is_said(cli, tmp_path):
    """A teacher's hint, '- second point' then 'Try both queries and compare.' unindented,
    showed that line as part of the second bullet in every artifact, and check said nothing:
    CommonMark reads a paragraph's further line into the list item (or the quote) it
    stands in however little it is indented (a "lazy continuation line", as markdownlint's
    and pymarkdown's users ask to be told). A bullet hard-wrapped without its indent is
    one too; so is a line in a nested item indented only as far as the outer one's text,
    and a quote's line without its >. Not what CommonMark reads as laid out: a line
    indented as far as its item's text (with a tab, or under '10.'), a paragraph after a
    blank line, a code block's lines (fenced, or indented in an item), a quote's lines that
    each start with >, a paragraph outside any list; nor a plain bank's text."""
    bank = tmp_path / "lazy.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: joins\n    section: S\n"
        "    question: Which join is faster?\n"
        "    hint: |\n      - first point\n      - second point\n"
        "      Try both queries and compare.\n"
        "    note: |\n      1. a long point that\n      wraps here\n"
        "  - id: nested\n    section: S\n    question: Why?\n"
        "    hint: |\n      - outer\n        - inner\n        more\n"
        "    note: |\n      > a quoted line\n      My comment on it.\n"
        "  - id: deep\n    section: S\n    question: Where?\n"
        "    hint: |\n      > > a line quoted twice\n      > once\n"
        "    note: |\n      > - a quoted item\n      > not under it\n"
        "  - id: fine\n    section: S\n"
        "    question: |\n      - first point\n      - second point\n"
        "        Try both queries and compare.\n\n      After the list.\n"
        "    hint: |\n      10. a long point that\n          wraps here\n      - a tab\n"
        "      \tindented\n      - outer\n        - inner\n          more\n"
        "    note: |\n      ```\n      - a\n      b\n      ```\n\n      - code:\n\n"
        "            - a\n        b\n\n      > a\n      > b\n\n      a paragraph\n"
        "      on two lines\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    item = (
        "is read as part of the list item above it, since it is not indented under that "
        "item: to keep it in the item, indent it as far as the item's text ({}); to start a "
        "paragraph after the list, put a blank line before it"
    )
    quote = (
        "is read as part of the quote above it, since it does not start with {0} as the "
        "quote's lines do: to keep it in the quote, start it with {0}; to start a paragraph "
        "after the quote, put a blank line before it"
    )
    assert result.stderr.splitlines() == [
        f"{bank}:10:7: warning: question 'joins': 'hint': 'Try both queries and compare.' "
        + item.format("2 spaces"),
        f"{bank}:13:7: warning: question 'joins': 'note': 'wraps here' " + item.format("3 spaces"),
        f"{bank}:20:9: warning: question 'nested': 'hint': 'more' " + item.format("4 spaces"),
        f"{bank}:23:7: warning: question 'nested': 'note': 'My comment on it.' "
        + quote.format(">"),
        f"{bank}:29:7: warning: question 'deep': 'hint': '> once' " + quote.format("> >"),
        f"{bank}:32:7: warning: question 'deep': 'note': '> not under it' "
        + item.format("2 spaces after the >"),
        # an indented code block, which is no lazy line, but is said to be better fenced
        f"{bank}:57:13: warning: question 'fine': 'note': '- a' is indented 4 spaces or more "
        "past the text around, so Markdown shows it as code, in monospace: if it is words, "
        "indent it as the text above is; if it is code, write it between two lines of ``` "
        "with the language after the first (```python), as qbank's code blocks are, which "
        "the artifacts caption with the language's name",
    ]
    plain = tmp_path / "plain.yaml"
    plain.write_text(bank.read_text(encoding="utf-8").replace("markdown", "plain"), "utf-8")
    result = cli("check", "--bank", plain)
    assert result.exit_code == 0, result.output
    assert result.stderr == "", result.stderr


def test_an_indented_code_block_is_said_with_the_fence_to_write(cli, tmp_path):
    """In a YAML block a teacher indents freely: a paragraph indented four spaces past the
    text before it, after a blank line, is CommonMark's indented code block, shown in
    monospace in every artifact, and check said nothing. Every such block is said (as
    markdownlint's MD046 does with `style: fenced`): words meant are indented as the text
    above, code meant is fenced, which names its language. A wrapped line indented deeper,
    a fence, and a nested list up to three spaces past its item's text are no code."""
    bank = tmp_path / "indented.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: para\n    section: S\n"
        "    question: Q?\n    hint: |\n      First point.\n\n"
        "          Second point, indented by accident.\n"  # line 10
        "    note: |\n      1. a step\n\n             more words of the step\n"  # 14
        "  - id: code\n    section: S\n    question: Which?\n    hint: |\n      Run:\n\n"
        "          SELECT 1;\n          SELECT 2;\n"  # 21
        "  - id: fine\n    section: S\n    question: |\n      A line that\n"
        "          wraps deeper.\n\n      ```sql\n      SELECT 1;\n      ```\n"
        "    hint: |\n      - a\n          - b, three spaces past a's text\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    advice = (
        "indented 4 spaces or more past the text around, so Markdown shows {0} as code, in "
        "monospace: if {1} words, indent {0} as the text above is; if {1} code, write {0} "
        "between two lines of ``` with the language after the first (```python), as qbank's "
        "code blocks are, which the artifacts caption with the language's name"
    )
    one, lines = advice.format("it", "it is"), advice.format("them", "they are")
    assert result.stderr.splitlines() == [
        f"{bank}:10:11: warning: question 'para': 'hint': 'Second point, indented by "
        f"accident.' is {one}",
        f"{bank}:14:14: warning: question 'para': 'note': 'more words of the step' is {one}",
        f"{bank}:21:11: warning: question 'code': 'hint': 'SELECT 1;' and the lines after it "
        f"are {lines}",
    ]
    # what every artifact shows: a code block with no language
    hint = load_bank(bank).questions[0].hint
    assert load_bank(bank).rich_text(hint).blocks[1] == CodeBlock(
        "", "Second point, indented by accident."
    )


def test_a_block_indented_less_than_its_items_text_is_said(cli, tmp_path):
    """'1. a' then '  - b': a list indented two spaces under a numbered item, which its
    writer meant nested, is a list after the numbered one in CommonMark (the item's text
    starts three spaces in), and '  1. b' is the item after 'a'; a paragraph after a blank
    line so indented leaves the item too. Each is said with the indent that nests it. Not
    said: a list indented as far as the item's text or up to three past it (nested as
    meant), one blank past the marker (no indent meant), nor a plain bank's text."""
    bank = tmp_path / "nested.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: short\n    section: S\n"
        "    question: Q?\n    hint: |\n      1. first\n        - under it\n"  # line 9
        "      1. second\n\n        Its words.\n"  # 12
        "    note: |\n      1. first\n        1. under it\n"  # 15
        "  - id: quoted\n    section: S\n    question: Quoted?\n"
        "    hint: |\n      > 10. ten\n      >   - under it\n"  # 21
        "  - id: fine\n    section: S\n    question: Fine?\n"
        "    hint: |\n      1. first\n         - under it\n      - a\n          - b\n"
        "    note: |\n      - a\n       - b\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    said = (
        "is indented {0} spaces{2}, less than the text of the item above it ({1} spaces), so "
        "Markdown does not nest it in that item but {3}: to nest it, indent it {1} spaces{2}; "
        "{4}, do not indent it"
    )
    after = "to put it after the list"
    assert result.stderr.splitlines() == [
        f"{bank}:9:9: warning: question 'short': 'hint': '- under it' "
        + said.format(2, 3, "", "starts a list of its own after that list", after),
        f"{bank}:12:9: warning: question 'short': 'hint': 'Its words.' "
        + said.format(2, 3, "", "puts the paragraph after the list", after),
        f"{bank}:15:9: warning: question 'short': 'note': '1. under it' "
        + said.format(2, 3, "", "reads it as the item after that one", "to make it the next item"),
        f"{bank}:21:11: warning: question 'quoted': 'hint': '- under it' "
        + said.format(2, 4, " after the >", "starts a list of its own after that list", after),
    ]
    plain = tmp_path / "plain.yaml"
    plain.write_text(bank.read_text(encoding="utf-8").replace("markdown", "plain"), "utf-8")
    assert cli("check", "--bank", plain).stderr == ""


def test_a_list_indented_as_code_under_text_is_joined_and_said(cli, tmp_path):
    """'- a' then '      - b': a nested list indented four spaces past its item's text is
    no list nor code but words of the item, 'a - b', in every artifact; so is a list
    indented so under a paragraph. Said with the indent that starts the list. A wrapped
    line indented deeper, or a number other than 1 (which starts no list inside a
    paragraph), is not."""
    bank = tmp_path / "joined.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Q?\n    hint: |\n      - a\n            - b\n"  # line 9
        "    note: |\n      The steps:\n          1. one\n          2. two\n"  # 12
        "  - id: fine\n    section: S\n    question: Fine?\n"
        "    hint: |\n      A line that\n          wraps, in 2024\n          2. as said\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    said = (
        "past the text above it, 4 or more, so Markdown joins it to that text instead of "
        "starting a list: to start a list there, indent it as far as that text is"
    )
    assert result.stderr.splitlines() == [
        f"{bank}:9:13: warning: question 'q': 'hint': '- b' is indented 4 spaces {said}",
        f"{bank}:12:11: warning: question 'q': 'note': '1. one' is indented 4 spaces {said}",
    ]


def test_a_habit_in_code_is_not_said_for_its_characters_outside_code(cli, tmp_path):
    """'`~~old~~` is GitHub's strikethrough, which qbank shows as \\~~old\\~~': the code
    span was warned about, since the words outside code held its characters (escaped);
    and a habit both in code and outside was said at the code's column. The warnings
    read the words outside code by their place."""
    bank = tmp_path / "code.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Q?\n    hint: |\n"
        "      `~~old~~` is GitHub's strikethrough, shown as \\~~old\\~~ here.\n\n"
        "      Slack's `:tada:` is shown as \\:tada: and `==x==` as \\==x==.\n"
        "    note: 'Type `~/a~` and see ~/a~ here'\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{bank}:11:32: warning: question 'q': 'note': ~/a~: qbank's Markdown has no "
        "strikethrough, so it is shown as typed, tildes and all; delete the tildes, and the "
        "words if they are wrong, or say it in words ('not the z-test but the t-test')",
    ]


def test_a_footnote_whose_note_reads_as_a_links_address_is_said_as_a_footnote(cli, tmp_path):
    """'[^1]: Wickham.' is a link's definition to CommonMark (one word, no blank): the mark
    [^1] became a link, refused as "the link address 'Wickham.' is not a web or mail
    address", which said nothing of footnotes; with an address as its note it was shown
    as a link '^1', unwarned. Both say it is a footnote. A link by reference is a link."""
    bank = tmp_path / "notes.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: word\n    section: S\n"
        "    question: Q?\n    hint: |\n      As Wickham says.[^1]\n\n      [^1]: Wickham.\n"
        "  - id: address\n    section: S\n    question: Which?\n    hint: |\n"
        "      See the docs.[^docs]\n\n      [^docs]: https://example.org/docs\n"
        "  - id: fine\n    section: S\n    question: Fine?\n    hint: |\n"
        "      A [link][ref] here.\n\n      [ref]: https://example.org\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1, result.output
    said = (
        "is a footnote's mark, and qbank's Markdown has no footnotes: it reads the note's "
        "line, {0}, as the address of a link; write the note's words in the text, where its "
        "mark stands"
    )
    assert result.stderr.splitlines()[:2] == [
        f"{bank}:15:20: warning: question 'address': 'hint': [^docs] "
        + said.format("[^docs]: https://example.org/docs"),
        f"{bank}:8: question 'word': 'hint': [^1] " + said.format("[^1]: Wickham."),
    ]


def test_a_warning_on_a_paragraphs_further_line_is_at_its_own_line_and_column(cli, tmp_path):
    """The picture, link and notation warnings, and the lazy line's, gave the paragraph's
    first line and no column: an editor's problem matcher (VS Code's, vim's quickfix)
    jumped to the paragraph's start, not to the markup, which may stand lines below it,
    in a quote's list item. Each is at its own line and column now; one on one line after
    its key is at the key's line, at its column there."""
    bank = tmp_path / "where.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        "    question: Q?\n    hint: |\n"
        "      > - Look at\n"  # 8
        "      >   the diagram ![Heap](images/heap diagram.png) and\n"
        "      >   [this](javascript:go()) then\n"
        "      >   \\(v = f\\lambda\\) and\n"
        "      > end\n"  # 12: lazily in the item
        "\n      Words,\n      then 2*3*4.\n\n      Say\n        __init__ twice.\n\n"
        "      Or 2**3**2.\n"  # 20
        "    note: 'Then ![a](file:///etc/passwd) here.'\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    places = [line.split(": warning: ")[0] for line in result.stderr.splitlines()]
    assert places == [
        f"{bank}:9:23",
        f"{bank}:10:11",
        f"{bank}:11:11",
        f"{bank}:12:7",
        f"{bank}:15:12",
        f"{bank}:18:9",
        f"{bank}:20:10",
        f"{bank}:21:17",
    ], result.stderr


def test_a_texts_words_leave_its_tables_out_unless_nothing_else_is_said():
    """The words naming a question in one line (a bookmark, an LMS question's name) read
    its table's rows after the ask, as they leave out its code and pictures."""
    table = "| Log | Kept |\n| --- | --- |\n| SigninLogs | 30 days |"
    bank = parse_bank(_bank(f"Which log?\n\n{table}"), source="b.yaml")
    assert bank.words(bank.questions[0].hint) == "Which log?"
    bank = parse_bank(_bank(table), source="b.yaml")
    assert bank.words(bank.questions[0].hint) == "Log | Kept\nSigninLogs | 30 days"


@pytest.mark.parametrize(
    ("key", "words"),
    [("look_for", "a tick box in the interviewer's packet"), ("follow_ups", "one-line prompt")],
)
def test_a_table_in_a_look_for_signal_or_a_follow_up_is_refused_at_its_line(key, words):
    """A look-for signal is a tick box in the packet and a follow-up a one-line prompt: a
    table in one is refused at the item's line, saying where a table goes instead; the same
    table in the hint builds."""
    table = "| Log | Kept |\n| --- | --: |\n| SigninLogs | 30 days |"
    item = "".join(f"        {line}\n" for line in table.split("\n"))
    text = _bank("Words.") + f"    {key}:\n      - Names the log\n      - |\n{item}"
    said = _problems(text)
    assert said.splitlines()[0].startswith(
        f"{MARKDOWN / 'inline.yaml'}:11:9: question 'q': an item of '{key}' holds a table: "
    ), said
    assert words in said and "the note" in said
    bank = parse_bank(_bank(table), source="b.yaml")
    assert bank.rich_text(bank.questions[0].hint).plain() == "Log | Kept\nSigninLogs | 30 days"


@pytest.mark.parametrize(
    "rows",
    [
        "| Layer | Name |\n| 4 | Transport |\n| 3 | Network |",  # no line of dashes
        "| Layer | Name |\n| --- |\n| 4 | Transport |",  # one --- for two columns
    ],
)
def test_table_rows_without_a_line_of_dashes_under_the_header_are_warned_of(cli, tmp_path, rows):
    """Rows written as a table's with no `| --- | --- |` line under the first (or one with
    too few ---) are no table in GitHub's Markdown: one paragraph, its bars shown as typed.
    `check` said nothing of it (a networking instructor's trial); it warns at the first
    row's line, saying what to add. A real table and a line with a bar or two are not
    warned of."""
    bank = tmp_path / "b.yaml"
    bank.write_text(_bank(f"The layers:\n\n{rows}\n\nA | B, or `a | b`."), encoding="utf-8")
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0, result.output
    (said,) = [line for line in result.stderr.splitlines() if "warning" in line]
    assert said.startswith(f"{bank}:10:7: warning: "), said
    assert "| --- | --- |" in said and "under its first row" in said, said
    table = "| Layer | Name |\n| --- | --- |\n| 4 | Transport |"
    bank.write_text(_bank(f"The layers:\n\n{table}\n\nA | B, or `a | b`."), encoding="utf-8")
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr


def test_a_bar_inside_code_in_a_table_row_is_told_with_the_code_to_write():
    """A shell pipe in a command's cell (`cat log | wc -l`) ends the cell in GitHub's
    tables: the message names that code and gives it back with \\| to paste, rather than
    the words past the header's cells (a networking instructor's trial: "'wc -l`' and what
    follows it are not shown")."""
    table = "| Task | Command |\n| --- | --- |\n| Count | `cat access.log | wc -l` |"
    said = _problems(_bank(table))
    assert said.startswith(f"{MARKDOWN / 'inline.yaml'}:10: question 'q': 'hint': "), said
    assert "the | inside `cat access.log | wc -l` ends a table's cell" in said
    assert "(`cat access.log \\| wc -l`)" in said and "wc -l`'" not in said
    fixed = table.replace("log | wc", "log \\| wc")
    bank = parse_bank(_bank(fixed), source="b.yaml")
    (cell,) = bank.rich_text(bank.questions[0].hint).blocks[0].rows[0][1:]
    assert span_text(cell.spans) == "cat access.log | wc -l"
