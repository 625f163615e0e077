#!/usr/bin/env python3
"""Benchmark of Markdown banks (issue 21): a 5,000-question Markdown bank with 1,000 code
blocks and 200 pictures against the same bank without them (time and peak memory of
`generate.py all`, a fresh process each), and the hostile texts at two sizes, ten times
apart, in-process (parse, highlight, render): linear means about ten times the time.

    .venv/bin/python bench/markdown.py            # print the figures
    .venv/bin/python bench/markdown.py --record   # also write them into bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import yaml  # noqa: E402
from run import machine, measure, record_section  # noqa: E402

from qbank import highlight, rich_html, rich_markup  # noqa: E402
from qbank.bank import load_bank  # noqa: E402
from qbank.bank.markdown import MarkdownReader  # noqa: E402
from qbank.paths import DEFAULT_BANK  # noqa: E402

HEADING = "## Markdown banks"
SIZE, CODE_BLOCKS, PICTURES = 5000, 1000, 200
RATIO = 1.5  # the rich bank's time and memory at most this many times the plain one's
# each block differs (its function's name and one word), so that no cache keyed by content
# makes 1,000 blocks cost as little as one
CODE = """```python
def is_injection_{n}(prompt: str) -> bool:
    # a naive filter, for the candidate to criticise
    return any(word in prompt.lower() for word in ("ignore previous", "system prompt {n}"))
```"""


def pictures(folder: Path) -> list[str]:
    from PIL import Image

    names = []
    for n in range(PICTURES):
        image = Image.new("RGB", (320, 180), (n % 256, (n * 7) % 256, (n * 13) % 256))
        name = f"picture-{n:03d}.png"
        image.save(folder / name)
        names.append(name)
    return names


def banks(folder: Path) -> tuple[Path, Path]:
    """The bank with code blocks and pictures, and the same bank without them."""
    base = load_bank(DEFAULT_BANK)
    names = pictures(folder)
    plain, rich = [], []
    for n in range(SIZE):
        q = base.questions[n % len(base.questions)]
        item = {"id": f"{q.id}-r{n // len(base.questions)}", "section": q.section}
        item |= {"question": q.question, "hint": q.hint, "look_for": list(q.look_for)}
        plain.append(dict(item))
        hint = q.hint
        if n % (SIZE // CODE_BLOCKS) == 0:
            hint += "\n\n" + CODE.format(n=n)
        if n % (SIZE // PICTURES) == 0:
            picture = names[n // (SIZE // PICTURES)]
            hint += f"\n\n![Diagram {n} of the request flow]({picture})"
        rich.append(item | {"hint": hint})
    paths = []
    for name, questions in (("plain", plain), ("rich", rich)):
        data = {"title": base.title, "markup": "markdown", "questions": questions}
        path = folder / f"markdown-{name}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        paths.append(path)
    return paths[0], paths[1]


def render(text: str, folder: Path) -> float:
    """Seconds to parse one text and render it for every format."""
    started = time.process_time()  # CPU: the shared machine's load does not count
    reader = MarkdownReader(folder)
    tree = reader.parse(text, lambda line, message: None)
    rich_html.render(tree, lambda picture: "x.png")
    rich_markup.pieces(tree, "qbank-code")
    for block in tree.code_blocks():
        for line in highlight.lines(block.text, block.language):
            highlight.wrap(line, 400, lambda s: 6.0 * len(s))
    return time.process_time() - started


def hostile(folder: Path) -> list[tuple[str, int, float, float]]:
    flow = ROOT / "tests" / "fixtures" / "markdown" / "images" / "flow.png"
    (folder / "one.png").write_bytes(flow.read_bytes())
    cases = {
        "code block of N lines": lambda n: "```python\n" + "x = 1  # a line\n" * n + "```",
        "N nested list items": lambda n: "".join("  " * i + "- item\n" for i in range(n)),
        "N emphasis markers": lambda n: "*a* " * (n // 2),
        "a picture N times": lambda n: "\n\n".join(f"![flow {i}](one.png)" for i in range(n)),
    }
    sizes = {
        "code block of N lines": 1000,
        "N nested list items": 100,
        "N emphasis markers": 1000,
        "a picture N times": 500,
    }
    rows = []
    for name, make in cases.items():
        small = sizes[name]
        times = [min(render(make(n), folder) for _ in range(3)) for n in (small, small * 10)]
        rows.append((name, small, times[0], times[1]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="write bench/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        plain, rich = banks(folder)
        results = {}
        for name, path in (("without", plain), ("with", rich)):
            out = folder / f"out-{name}"
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds, peak = measure(["all", "--bank", str(path)], out)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = sum(getattr(after, f) - getattr(before, f) for f in ("ru_utime", "ru_stime"))
            results[name] = (seconds, cpu, peak)
            print(f"{name}: {seconds:.1f} s, {cpu:.1f} s CPU, {peak:.0f} MB", flush=True)
        rows = hostile(folder)
    (t0, c0, m0), (t1, c1, m1) = results["without"], results["with"]
    lines = [
        HEADING,
        "",
        f"Measured by `bench/markdown.py` on {machine()}: `generate.py all` on a {SIZE:,}-question",
        f"Markdown bank with {CODE_BLOCKS:,} code blocks and {PICTURES} pictures (320 x 180 PNG)",
        "against the same bank without them, each a fresh process.",
        "",
        f"Load average {os.getloadavg()[0]:.1f} at the end: on a shared machine the wall time",
        "waits for a core, so the CPU time (the process and its workers) is the figure to read.",
        "",
        "| bank | wall seconds | CPU seconds | peak MB |",
        "|---|---|---|---|",
        f"| without code blocks and pictures | {t0:.1f} | {c0:.1f} | {m0:.0f} |",
        f"| with them | {t1:.1f} | {c1:.1f} | {m1:.0f} |",
        f"| ratio (target at most {RATIO}) | {t1 / t0:.2f} | {c1 / c0:.2f} | {m1 / m0:.2f} |",
        "",
        "Hostile texts, parsed, highlighted and rendered for HTML and PDF markup in-process",
        "(CPU seconds, best of 3); linear is a ratio near 10. The bank reader refuses most of",
        "these before any renderer sees them (a text of more than 10,000 characters, a list",
        "deeper than three), so these bound the renderers themselves.",
        "",
        "| text | N | seconds at N | seconds at 10 N | ratio |",
        "|---|---|---|---|---|",
    ]
    for name, small, first, second in rows:
        lines.append(f"| {name} | {small:,} | {first:.4f} | {second:.4f} | {second / first:.1f} |")
    section = "\n".join(lines) + "\n"
    print(section)
    if args.record:
        record_section(HEADING, section)


if __name__ == "__main__":
    main()
