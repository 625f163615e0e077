"""The image paths of a spreadsheet's Markdown cells, moved from the sheet's folder to the
folder of the bank they go into.

A sheet's `![alt](diagrams/flow.png)` is relative to the sheet, as a bank's is relative to
the bank. The bank a sheet makes is first checked beside the sheet (spreadsheet.py), so a
missing picture or a path out of the sheet's folder is named by its row. When the bank is
written to another folder (`import -o`, `import --into`), each path is rewritten to name
the same file from there; a picture outside the bank's folder is refused, since the bank
could not show it.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt

# an image's destination as written: `![alt](` then `<a path>` or a path without blanks
_IMAGE = re.compile(r"(!\[(?:[^\]\\]|\\.)*\]\(\s*)(<[^>\n]*>|[^\s()]+)")


def image_paths(text: str, md: MarkdownIt) -> set[str]:
    """The paths of the images `text` shows, as the bank reader reads them."""
    found = set()
    for token in md.parse(text):
        for child in token.children or ():
            if child.type == "image":
                found.add(unquote(str(child.attrGet("src") or "")))
    return found


def rebased(text: str, sheet: Path, bank: Path, md: MarkdownIt) -> tuple[str, list[str]]:
    """`text` with each image path relative to the folder `bank` instead of the folder
    `sheet` (both resolved), and a message for each picture it cannot move."""
    written = image_paths(text, md)
    moved: dict[str, str] = {}
    problems = []
    for path in sorted(written):
        target = (sheet / PurePosixPath(path)).resolve()
        if not target.is_relative_to(bank):
            problems.append(
                f"the image '{path}' is outside the folder of the bank it goes into ({bank}); "
                "copy it into that folder, or keep the sheet beside the bank"
            )
            continue
        moved[path] = target.relative_to(bank).as_posix()
    if problems or all(old == new for old, new in moved.items()):
        return text, problems

    def move(match: re.Match[str]) -> str:
        destination = match[2]
        path = unquote(destination[1:-1] if destination.startswith("<") else destination)
        if path not in moved:
            return match[0]
        return match[1] + quote(moved[path], safe="/-._~!$&'*+,;=:@")

    result = _IMAGE.sub(move, text)
    if image_paths(result, md) != set(moved.values()):  # an image the pattern did not see
        unmoved = sorted(written - {p for p in written if moved[p] in image_paths(result, md)})
        return text, [
            f"the image '{path}' could not be moved to the bank's folder; write it simply, "
            "as in ![a diagram](diagrams/flow.png)"
            for path in unmoved or sorted(written)
        ]
    return result, []
