"""Where a section's questions go in an LMS question bank: a category under the bank's
title, nested as the section's name nests it ('Networks / Routing': Routing inside
Networks, as an import of Moodle's nested categories names it)."""

from __future__ import annotations

from qbank.exporters.lms.texts import MAX_NAME, literal_length, name_literal
from qbank.model import NESTED, Bank, Section
from qbank.text import one_line, shorten

# Moodle's question bank of the course the file is imported into
COURSE_TOP = "$course$/top"


def category_name(name: str) -> str:
    """One category of a path: a single line, with `/` doubled as Moodle writes it
    (`qformat_default::assemble_category_path`), so a section named 'AI/ML' stays one
    category; a name that starts or ends with `/` gets a blank there, as Moodle's does, so
    that its doubled `/` never touches the path's own (a section '/etc paths' went into its
    neighbour's name, `Title///etc paths`). Moodle cleans and shows a category's name as
    a question's (split_category_path: PARAM_TEXT; format_string), so it is written as one
    (name_literal): a section 'A<B & C' was the category 'A', and '$$x$$' a formula; and cut
    at a word so that it fits Moodle's 255 characters as written, each reference whole (a
    section of 100 '<' was 500 characters, more than Moodle's database keeps)."""
    fitted = shorten(one_line(name), MAX_NAME, literal_length, at_word=True)
    escaped = name_literal(fitted).replace("/", "//")
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
    A section named as the bank, without a description or a language of its own, is the
    bank's own category: an import of a category with questions and categories inside it
    names the bank after it and its questions' section alike (they went back into a category
    of its name inside it). One with a language has a category of its own, which carries it
    (the bank's took it: lost, and Moodle XML's import read the bank as Markdown)."""
    if section.name == bank.title and not section.description.strip() and not section.language:
        return bank_category(bank)
    return "/".join([bank_category(bank), *map(category_name, _nested(section))])


def _nested(section: Section) -> list[str]:
    """The names of the categories a section is, the outermost first: its name's parts
    apart by ' / ' (one, where a part is blank)."""
    names = section.name.split(NESTED)
    return names if all(name.strip() for name in names) else [section.name]


def nested_by_its_name(bank: Bank) -> list[str]:
    """A warning for each section named with ' / ' that no other section shares the first
    name of ('Input / Output' alone): most likely one name, which the LMS files make a
    category inside another, as Moodle reads ' / ' in a category's path (format.php's
    split_category_path), and which a name without blanks around '/' keeps whole."""
    said = []
    for section in bank.sections:
        names = _nested(section)
        if len(names) < 2 or section.name == bank.title:
            continue
        outer = names[0]
        if any(other.name.split(NESTED)[0] == outer for other in bank.sections if other != section):
            continue
        whole = section.name.replace(NESTED, "/")
        said.append(
            f"{bank.source}:{section.line}: warning: section '{section.name}' goes to Moodle "
            f"as the category '{names[-1]}' inside '{NESTED.join(names[:-1])}', as Moodle "
            f"reads ' / ' in a category's path, and no other section is in '{outer}'; if it "
            f"is one name, write it '{whole}', which stays one category"
        )
    return said


def merged_by_cutting(bank: Bank) -> list[str]:
    """A warning for each section whose category, its name cut to Moodle's 255 characters
    (category_name), is another section's: Moodle's import finds a category by its name and
    parent (qformat_default::create_category_path) and puts the questions of both in the
    first one it made, with the first's description, unsaid."""
    said = []
    first: dict[str, Section] = {}
    for section in bank.sections:
        path = section_category(bank, section)
        other = first.setdefault(path, section)
        if other is section:
            continue
        said.append(
            f"{bank.source}:{section.line}: warning: section '{section.name}' goes to Moodle "
            f"into one category with section '{other.name}' (line {other.line}): Moodle keeps "
            f"the first {MAX_NAME} characters of a category's name as it stores it (a '<' "
            "or '&' there takes up to 5), and cut so, the two names are the same; to keep "
            "them apart, make them differ in their first words"
        )
    return said
