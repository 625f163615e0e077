"""Where a section's questions go in an LMS question bank: a category under the bank's
title, nested as the section's name nests it ('Networks / Routing': Routing inside
Networks, as an import of Moodle's nested categories names it)."""

from __future__ import annotations

from qbank.model import NESTED, Bank, Section
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
    """The section's category path: a nested section's names each a category inside the one
    before (Moodle's split_category_path splits at each lone '/'); it went back to Moodle as
    one category named 'A / B'. A name with a blank part ('A /  / B') stays one category.
    A section named as the bank, without a description, is the bank's own category: an import
    of a category with questions and categories inside it names the bank after it and its
    questions' section alike (they went back into a category of its name inside it)."""
    if section.name == bank.title and not section.description.strip():
        return bank_category(bank)
    names = section.name.split(NESTED)
    if not all(name.strip() for name in names):
        names = [section.name]
    return "/".join([bank_category(bank), *map(category_name, names)])
