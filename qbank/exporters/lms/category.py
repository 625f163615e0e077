"""Where a section's questions go in an LMS question bank: a category under the bank's title."""

from __future__ import annotations

from qbank.model import Bank, Section
from qbank.text import one_line

# Moodle's question bank of the course the file is imported into
COURSE_TOP = "$course$/top"


def category_name(name: str) -> str:
    """One category of a path: a single line, with `/` doubled as Moodle writes it
    (`qformat_default::assemble_category_path`), so a section named 'AI/ML' stays one
    category; a name that starts or ends with `/` gets a blank there, as Moodle's does, so
    that its doubled `/` never touches the path's own (a section '/etc paths' went into its
    neighbour's name, `Title///etc paths`)."""
    escaped = one_line(name).replace("/", "//")
    if escaped.startswith("/"):
        escaped = " " + escaped
    if escaped.endswith("/"):
        escaped += " "
    return escaped


def bank_category(bank: Bank) -> str:
    return f"{COURSE_TOP}/{category_name(bank.title)}"


def section_category(bank: Bank, section: Section) -> str:
    return f"{bank_category(bank)}/{category_name(section.name)}"
