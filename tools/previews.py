#!/usr/bin/env python3
"""`make previews`: the first page of each PDF artifact as a PNG, for the README.

A tool of the repository, not of qbank: it is not installed with the package. Uses
pypdfium2 (a wheel from PyPI, in the test extra), so no system tool is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from qbank.atomic import Transaction

SCALE = 110 / 72  # 110 dpi: sharp in a README, small in the repository


def render_first_pages(pdfs: list[Path], folder: Path) -> list[Path]:
    try:
        import pypdfium2
    except ImportError:
        raise SystemExit("previews need pypdfium2: pip install -e '.[test]'") from None
    folder.mkdir(parents=True, exist_ok=True)
    with Transaction(folder, inputs=pdfs) as transaction:
        for pdf in pdfs:
            document = pypdfium2.PdfDocument(str(pdf))
            try:
                image = document[0].render(scale=SCALE).to_pil()
            finally:
                document.close()
            image.save(transaction.stage(f"{pdf.stem}.png"), format="PNG", optimize=True)
        transaction.commit()
    return transaction.targets


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        raise SystemExit("usage: tools/previews.py OUTPUT_FOLDER PREVIEW_FOLDER")
    pdfs = sorted(Path(argv[0]).glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDF in {argv[0]}: build the artifacts first (make)")
    for path in render_first_pages(pdfs, Path(argv[1])):
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
