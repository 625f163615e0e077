"""The golden text dumps of tests/fixtures/minimal.yaml: what each artifact says, page by page,
as reviewable text under tests/golden/. `make golden` rewrites them (python tests/golden_dump.py);
test_golden compares a fresh build with them, so any change to what a reader sees shows up
as a diff to review and commit."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader
from readback import apkg_text, docx_text

import qbank

HERE = Path(__file__).parent
BANK = HERE / "fixtures" / "minimal.yaml"
GOLDEN = HERE / "golden"
EPOCH = "1764115200"  # 2025-11-26: a fixed build time, so dates in the artifacts never move


def dumps(out: Path) -> dict[str, str]:
    """File name in tests/golden -> its text, from a fresh build of BANK into `out`."""
    pinned = {"SOURCE_DATE_EPOCH": EPOCH, "QBANK_PAPER": "a4"}
    saved = {name: os.environ.get(name) for name in pinned}
    os.environ.update(pinned)
    try:
        built = qbank.build(BANK, out, ["booklet", "anki", "packet", "cards"], workers=1)
    finally:
        for name, value in saved.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value
    texts: dict[str, str] = {}
    for path in sorted(built):
        if path.suffix == ".pdf":
            pages = PdfReader(path).pages
            text = "".join(
                f"--- page {n} ---\n{page.extract_text()}\n" for n, page in enumerate(pages, 1)
            )
        elif path.suffix == ".docx":
            text = docx_text(path) + "\n"
        else:
            text = apkg_text(path) + "\n"
        texts[path.name + ".txt"] = text
    return texts


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        texts = dumps(Path(tmp))
    GOLDEN.mkdir(exist_ok=True)
    for old in GOLDEN.glob("*.txt"):
        if old.name not in texts:
            old.unlink()
    for name, text in texts.items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
        print(GOLDEN / name, file=sys.stderr)


if __name__ == "__main__":
    main()
