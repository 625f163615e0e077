"""A question heading's number and text stay apart in whatever font the reader's program
draws them: here LibreOffice with only Debian's default fonts, where Calibri and its twin
Carlito are missing and DejaVu Sans, which is wider, stands in."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from filling import libreoffice_convert, libreoffice_missing
from readback import pdf_pages

from qbank.paths import DEFAULT_BANK

GAP = 4.0  # points: a visible space at 13 pt; 2.1 pt was "Q13How" (CLIENTS.md)
# Debian's default fonts answer a request for Calibri with DejaVu Sans; a machine with more
# fonts (fonts-noto-core) answers with a narrower one. This makes it DejaVu Sans everywhere.
AS_ON_DEBIAN = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <test name="family"><string>Calibri</string></test>
    <edit name="family" mode="assign" binding="strong"><string>DejaVu Sans</string></edit>
  </match>
</fontconfig>
"""


def carlito_installed() -> bool:
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout
    return "carlito" in listed.lower() or "calibri" in listed.lower()


@pytest.mark.slow
def test_every_heading_keeps_a_gap_in_libreoffice_without_carlito(cli, tmp_path, monkeypatch):
    if carlito_installed():
        libreoffice_missing(
            "Carlito or Calibri is installed, so LibreOffice does not substitute a wider font"
        )
    fonts = tmp_path / "fonts.conf"
    fonts.write_text(AS_ON_DEBIAN, encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(fonts))
    result = cli("packet", "--bank", DEFAULT_BANK, "--all", "--compact", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert cli("packet", "--bank", DEFAULT_BANK, "--out", tmp_path).exit_code == 0
    pdf, packet = libreoffice_convert(
        [
            tmp_path / f"{DEFAULT_BANK.stem}-{name}.docx"
            for name in ("packet-all-compact", "packet")
        ],
        tmp_path / "pdf",
        "pdf",
        tmp_path / "lo",
    )
    assert_no_page_of_only_notes(packet)
    gaps = {}
    for page in pdf_pages(pdf):
        # a heading's characters: 13 pt, on one baseline, starting with its number
        lines: dict[float, list] = {}
        for char in page.chars:
            if abs(char.size - 13) < 0.5 and not char.generated and char.text.strip():
                lines.setdefault(round(char.baseline, 1), []).append(char)
        for chars in lines.values():
            chars.sort(key=lambda c: c.x0)
            text = "".join(c.text for c in chars)
            label = re.match(r"Q\d+", text)
            if label:
                end = label.end()
                gaps[label[0]] = chars[end].x0 - chars[end - 1].x1
    assert len(gaps) == 50, sorted(gaps)
    assert (
        "DejaVuSans-Bold"
        in subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=False
        ).stdout
        or shutil.which("pdffonts") is None
    )
    narrow = {label: round(gap, 1) for label, gap in gaps.items() if gap < GAP}
    assert not narrow, narrow


def assert_no_page_of_only_notes(pdf) -> None:
    """Each page of the default packet holds text above its footer: a question's notes lines
    that spill onto a page of their own leave an interviewer a page with nothing else."""
    pages = pdf_pages(pdf)
    margin = 18 * 72 / 25.4  # templates/packet/theme.toml; the footer is below it
    bare = [
        number
        for number, page in enumerate(pages, start=1)
        if not [word for word in page.words() if word.bottom < page.height - margin]
    ]
    assert not bare, f"pages with nothing but notes lines: {bare} of {len(pages)}"
