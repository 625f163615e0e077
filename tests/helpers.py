"""What tests share besides fixtures: where the fixture banks are, running the CLI in-process.

A plain module (tests import it as `from helpers import ...`), never `from conftest import`:
pytest imports conftest.py itself, and a second import under another name gives a second copy.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import os
import select
import threading
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

import qbank
from qbank.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


@functools.cache
def qbank_imports() -> dict[Path, tuple[ast.Import | ast.ImportFrom, ...]]:
    """Every import statement of each of qbank's modules, read from its source (at the top,
    inside a function or under TYPE_CHECKING alike), parsed once per test process for the
    tests of imports (test_layers, test_structure): a parse and walk of every module is
    about 0.3 s."""
    return {
        path: tuple(
            node
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Import | ast.ImportFrom)
        )
        for path in sorted(Path(qbank.__file__).parent.rglob("*.py"))
    }


def run_cli(*args: str | Path) -> Result:
    """Run the CLI in-process, as a user would from the shell; never raises."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)


def check_text(folder: Path, text: str) -> tuple[Path, Result]:
    """`qbank check` on a bank holding `text`, written to `folder/b.yaml`."""
    bank = folder / "b.yaml"
    bank.write_text(text, encoding="utf-8")
    return bank, run_cli("check", "--bank", bank)


def texts_bank(path: Path, texts: list[str], head: str = "") -> Path:
    """A bank at `path` of a question per text of `texts`, the text its question and its
    hint (in double quotes), `head` (top-level lines) after its title."""
    path.write_text(
        f"title: T\n{head}questions:\n"
        + "".join(
            f'  - {{id: q{n}, section: S, question: "{t}", hint: "{t}"}}\n'
            for n, t in enumerate(texts)
        ),
        encoding="utf-8",
    )
    return path


def markdown_bank(path: Path, question: str, lines: list[str]) -> Path:
    """A Markdown bank at `path` of one question, whose hint holds `lines` (as a | block)."""
    hint = "".join(f"      {line}\n" for line in lines)
    path.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: {question}\n    hint: |\n{hint}",
        encoding="utf-8",
    )
    return path


def code_bank(path: Path, language: str, lines: list[str]) -> Path:
    """A Markdown bank at `path` of one question, whose hint is a block of code."""
    return markdown_bank(path, "What does it do?", [f"```{language}", *lines, "```"])


def picture_bank(folder: Path, picture: str, data: bytes) -> Path:
    """A Markdown bank in `folder` of one question that shows the picture `data`, saved
    there as `picture`."""
    (folder / picture).write_bytes(data)
    bank = folder / "pic.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: q\n    section: S\n"
        f"    question: |\n      Explain the diagram.\n\n      ![A diagram]({picture})\n"
        "    hint: Names the parts.\n",
        encoding="utf-8",
    )
    return bank


def full_pipe() -> tuple[int, int, int]:
    """A pipe whose buffer is full (read end, write end, bytes in it): a process writing to
    it waits there until the test reads."""
    read, write = os.pipe()
    os.set_blocking(write, False)
    filled = 0
    for size in (4096, 1):
        with contextlib.suppress(BlockingIOError):
            while True:
                filled += os.write(write, b"." * size)
    os.set_blocking(write, True)
    return read, write, filled


def drain(read: int, filled: int, timeout: float = 120) -> bytes:
    """Everything written to the pipe after the `filled` bytes, once every writer has gone."""
    data = b""
    deadline = time.monotonic() + timeout
    with os.fdopen(read, "rb", buffering=0) as pipe:
        while piece := _read(pipe, deadline):
            data += piece
    assert data[:filled] == b"." * filled
    return data[filled:]


def _read(pipe, deadline: float) -> bytes:
    ready, _, _ = select.select([pipe], [], [], max(0.0, deadline - time.monotonic()))
    assert ready, "the build did not end"
    return pipe.read(65536)


def own_look(folder: Path, edits: dict[str, tuple[str, str]]) -> Path:
    """A --templates folder: for each file (`packet/rubric.toml`), the built-in text with
    one replacement."""
    from qbank.paths import BUILTIN_TEMPLATES

    for name, (old, new) in edits.items():
        text = (BUILTIN_TEMPLATES / name).read_text(encoding="utf-8")
        assert old in text, (name, old)
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def labelled_look(folder: Path, word: str = "P") -> Path:
    """A --templates folder whose packet questions are `word`1, `word`2 ... (a Polish
    look's question_label: P1)."""
    label = f'question_label = "{word}"'
    return own_look(folder, {"packet/rubric.toml": ('question_label = "Q"', label)})


PLAN_HEADS = ("Początek", "Minuty", "Zakończenie")  # a Polish look's heads of the time plan


def plan_heads_look(folder: Path) -> Path:
    """A --templates folder whose time plan's time columns are headed PLAN_HEADS, words
    longer than the English ones."""
    line = "plan_start = {!r}\nplan_minutes = {!r}\nplan_cumulative = {!r}".format
    english = line("Start", "Minutes", "Ends").replace("'", '"')
    return own_look(folder, {"packet/rubric.toml": (english, line(*PLAN_HEADS).replace("'", '"'))})


def interleaved(enter: Callable[[Callable[[], None]], None], inside: Callable[[], None]):
    """Two threads each in what `enter(body)` runs `body` inside of, at once, the first to
    enter leaving first: `inside()` runs in the second while the first is still in, and
    again after the first has left."""
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        enter(lambda: (first_in.set(), second_in.wait(10)))
        first_out.set()

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    enter(lambda: (second_in.set(), inside(), first_out.wait(10), inside()))
    thread.join()


# hints of tall pictures that took two pages, each a picture's letter or words between
SHARED_PAGE_HINTS = (("a", "The second one, after the change:", "b"), ("a", "b", "c"))


def designs_bank(folder: Path, hint: tuple[str, ...]) -> Path:
    """A Markdown bank in `folder` whose first question's hint shows, after 'Compare
    them:', the blocks of `hint` (a letter: a tall picture of its own, a.png ...; else a
    paragraph) and then 'The last.'; a short question after it."""
    from PIL import Image

    names = [block for block in hint if len(block) == 1]
    for name, colour in zip(names, ("#8c959f", "#d0d7de", "#a0b0c0"), strict=False):
        Image.new("RGB", (500, 1100), colour).save(folder / f"{name}.png")  # each its own
    blocks = [f"![Design {b}]({b}.png)" if b in names else b for b in hint]
    text = "".join(f"\n      {block}\n" for block in ["Compare them:", *blocks, "The last."])
    bank = folder / "designs.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: compare\n    section: S\n"
        f"    question: Which design is safer?\n    hint: |{text}"
        "  - {id: next, section: S, question: A short one?, hint: Yes.}\n",
        encoding="utf-8",
    )
    return bank


def two_pictures_bank(folder: Path, size: tuple[int, int], after: str = "", more: str = "") -> Path:
    """A Markdown bank in `folder` whose question's hint shows two pictures of `size` (in
    pixels) in a row, a.png and b.png, then the paragraph `after`; `more`: questions after
    it, as YAML lines."""
    from PIL import Image

    for name, colour in (("a.png", "#8c959f"), ("b.png", "#d0d7de")):
        Image.new("RGB", size, colour).save(folder / name)
    tail = f"\n      {after}\n" if after else ""
    bank = folder / "two.yaml"
    bank.write_text(
        "title: T\nmarkup: markdown\nquestions:\n  - id: compare\n    section: S\n"
        "    question: Which of the two designs is safer?\n    hint: |\n"
        "      Compare them:\n\n      ![The first design](a.png)\n\n"
        f"      ![The second design](b.png)\n{tail}{more}",
        encoding="utf-8",
    )
    return bank
