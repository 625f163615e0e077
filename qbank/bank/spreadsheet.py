"""Reading and writing a bank's questions as a spreadsheet: CSV or TSV, one row a question.

Reading accepts what spreadsheets really write: a UTF-8 byte-order mark, `;` as the
delimiter (Excel and LibreOffice in much of Europe), line breaks inside quoted cells, and
Anki's text-import headers (`#separator:tab`, `#columns:...`). A list cell holds one item a
line, or items split on `;` when it has no line break. The rows become bank YAML that the
YAML reader checks, so a spreadsheet is held to every rule a bank file is; a problem is
reported as `FILE:ROW: message`, ROW counted as the spreadsheet shows it.

Writing gives the columns back in the same form, a header row and a row a question, in CSV
or TSV alike. The TSV carries no Anki headers: Anki mapped its columns to no field of a note
type (every back came in empty) and took each bare id for a GUID, which another bank's id
overwrote; `export --format anki-tsv` is the file for Anki (qbank.study_text).
"""

from __future__ import annotations

import bisect
import csv
import difflib
import io
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from markdown_it import MarkdownIt

from qbank.bank import MAX_BANK_BYTES, no_collection, parse_bank
from qbank.bank.checks import (
    FIELD_WORDS,
    HEADER_LANGUAGE_NAMES,
    RICH_KEYS,
    SHEET_HEADERS,
    SYNONYMS,
    header_language,
)
from qbank.bank.imported import MAX_QUESTIONS
from qbank.bank.markdown import paragraph_breaks, parser
from qbank.bank.sheet_base import (
    BASE_HEADER,
    BASE_KEY,
    SHEET_FIELDS,
    exported_question,
    fingerprint,
    question_codes,
)
from qbank.bank.sheet_images import rebased
from qbank.bank.slugs import unique_id
from qbank.bank.source import looks_utf16, not_utf8, utf16_problem
from qbank.bank.writer import LIST_KEYS, Value, bank_yaml
from qbank.errors import BankError, Problem, QbankError
from qbank.model import Bank, Question, Source
from qbank.numbering import label_ranges
from qbank.text import (
    ERROR_VALUE,
    RowWriter,
    and_list,
    as_number,
    csv_delimiter,
    formula_guarded,
    formula_unguarded,
    one_line,
    primary,
    shorten,
    typed_as_date,
    written_as_date,
    written_as_truth,
)
from qbank.untrusted import read_regular

# the loader's key order; question and hint come first so that Anki's import maps them to
# the note's Front and Back
COLUMNS = (*SHEET_FIELDS[:2], "id", *SHEET_FIELDS[2:])
REQUIRED = ("question", "hint")
DEFAULT_SECTION = "General"
_SOURCE = re.compile(r"(?P<title>.*?)\s*<(?P<url>\S+)>")
# a competency cell: its name, then (on at least one row) its weight and the one line that
# describes it, as the bank's `competencies:` list holds them: "name (weight 2): description"
_COMPETENCY = re.compile(
    r"(?P<name>[^:]*?)\s*(?:\(weight (?P<weight>[0-9]{1,9})\))?\s*(?::\s*(?P<say>.*))?", re.S
)
_ANCHOR = re.compile(r"(?P<score>[0-9]{1,9})\s*:\s*(?P<text>.*)")  # a score as written
_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}


# the most characters Excel keeps in a cell, counted as it counts them, in UTF-16 units
# (Microsoft KB 211878: "Worksheet cells can contain a maximum of 32,767 characters");
# LibreOffice Calc 7.4 cuts a longer cell there, unsaid, when it saves a sheet as .xlsx (a
# trial: a look_for cell of 35,629 came back from an .xlsx holding 32,767)
CELL_LIMIT = 32_767


def cell_length(cell: str) -> int:
    """A cell's length as Excel counts it: an emoji is two."""
    return len(cell.encode("utf-16-le")) // 2


SKIPPED = "?"  # the key of a column that is no field of a bank: its cells are not read
# columns a sheet may have: a bank's fields are some twenty, and a header of a million took
# 50 s (each unknown column is matched against every field's name for a suggestion)
MAX_COLUMNS = 1_000
# rows of a sheet, blank ones too: as a GIFT or Moodle file, at most MAX_QUESTIONS make
# questions; 1 million rows of 'a,b' (4 MB) took 103 s and 1.1 GB to be refused as a bank
# past 20 MB, 4.5 million ran out of 2 GB, and 9 million blank ones ran past a minute (a
# hostile trial)
MAX_ROWS = 200_000


@dataclass(frozen=True)
class Table:
    """A spreadsheet's header and data rows, each row with its number in the sheet."""

    columns: tuple[str, ...]  # a field's name, "" for an unnamed column, SKIPPED
    rows: list[tuple[int, list[str]]]
    header_row: int
    tags_by_blanks: bool = False  # Anki's `#tags column`: tags are separated by blanks
    skipped: tuple[str, ...] = ()  # the headers of the columns skipped, as written
    headers: tuple[str, ...] = ()  # every column's header, as written


def read_spreadsheet(
    path: Path,
    title: str | None = None,
    warn: Callable[[str], None] | None = None,
    markup: str = "plain",
    bank_folder: Path | None = None,
    known: Mapping[str, tuple[str, int]] | None = None,
    rubric: Sequence[tuple[int, str, str]] = (),
    into: bool = False,
    numbered: Mapping[int, tuple[str, str]] | None = None,
    vocabulary: Sequence[tuple[str, str]] = (),
) -> tuple[Bank, str]:
    """The questions of the CSV/TSV file at `path` as a checked bank, and its YAML text.
    Columns that are no field of a bank are skipped, said once on `warn`. A Markdown
    sheet's image paths are relative to the sheet, and are checked there; with
    `bank_folder` (where the bank will be written) the text names them from there.
    `known`: the competencies of the bank the sheet updates (`import --into`), by name;
    `rubric` its rating scale (score, label, anchor), which the rows' anchors are keyed by;
    `into`: the sheet updates a bank (else it makes a new one); `numbered`: the rows whose
    id is a bank's read as a number (ids_read_as_numbers); `vocabulary`: the tags (name,
    description) of the bank it updates, which the rows' tags are checked against with the
    rest of each row (a trial's unknown tag was said only once its row's minutes were
    mended)."""
    with no_collection():  # nothing is garbage until the end (20,000 rows: 1.3 times each)
        return _read_spreadsheet(
            path, title, warn, markup, bank_folder, known, rubric, into, numbered, vocabulary
        )


def _read_spreadsheet(
    path: Path,
    title: str | None,
    warn: Callable[[str], None] | None,
    markup: str,
    bank_folder: Path | None,
    known: Mapping[str, tuple[str, int]] | None = None,
    rubric: Sequence[tuple[int, str, str]] = (),
    into: bool = False,
    numbered: Mapping[int, tuple[str, str]] | None = None,
    vocabulary: Sequence[tuple[str, str]] = (),
) -> tuple[Bank, str]:
    source = str(path)
    table = read_table(path, warn)
    # a new bank's language: the one its headers are in ('Réponse', 'Thème': French), so
    # that its artifacts set French typography and a screen reader reads French (a French
    # sheet's bank had none, and its cards broke 'Pourquoi' over '?': a review); its new
    # ids are made with that language's small words left out (slugs.id_slug)
    language = "" if into else header_language(map(_normal, table.headers)) or ""
    questions, problems = _questions(table, source, language=language, numbered=numbered)
    competencies, more = _competencies(questions, source, known)
    problems += more
    if markup == "markdown":
        md = parser()
        questions = [(row, _breaks_kept(q, md)) for row, q in questions]
    sections = list(dict.fromkeys(str(q["section"]) for _, q in questions))

    def as_yaml() -> tuple[str, list[int]]:
        return bank_yaml(
            title or path.stem.replace("_", " ").replace("-", " ").strip().capitalize() or "Bank",
            sections,
            [q for _, q in questions],
            competencies=competencies,
            markup=markup,
            rubric=rubric,
            vocabulary=vocabulary,
            language=language,
        )

    text, starts = as_yaml()
    if len(text.encode("utf-8")) > MAX_BANK_BYTES:  # escapes make a bank longer than its sheet
        raise BankError(
            [
                Problem(
                    source,
                    table.header_row,
                    f"the bank made of this sheet would be larger than "
                    f"{MAX_BANK_BYTES // 1_000_000} MB, the most a bank may hold; split the "
                    "sheet into several",
                )
            ]
        )
    try:
        bank = parse_bank(text, source=source, name=path.stem, owner="sheet")
    except BankError as error:  # YAML lines back to the spreadsheet's rows
        rows = [row for row, _ in questions]
        # the `sections:` list, a line each: a section's line stands for its rows, the
        # first named first
        listed = text.splitlines().index("sections:") + 2
        held: dict[str, list[int]] = {}
        for row, q in questions:
            held.setdefault(str(q["section"]), []).append(row)
        at = {listed + i: held[name] for i, name in enumerate(sections)}
        problems += [
            _in_column(_a_number_id(_on_row(p, starts, rows, at)), table) for p in error.problems
        ]
        if not into:  # a new bank: no rubric comes with a sheet, its anchors are on 1 to 5
            problems = _on_default_scale(problems, source)
    if problems:
        raise BankError(sorted(problems, key=lambda p: p.line))
    if markup == "plain" and warn is not None and (sign := _markdown_sign(questions)):
        row, qid, what = sign
        warn(
            f"{source}:{row}: warning: question '{qid}': the sheet's texts look like Markdown "
            f"({what}); a plain bank shows them as typed. For Markdown, import with --markup "
            "markdown (into an existing bank: set `markup: markdown` in it)"
        )
    if not into:  # every row is a new question (with --into, as_the_banks says it)
        for row, fields in questions:
            _dates_a_sheet_made(fields, f"{source}:{row}", warn)
        if warn is not None and language:
            named = HEADER_LANGUAGE_NAMES[language]
            warn(
                f"{source}:{table.header_row}: the headers are in {named}: the bank says "
                f"`language: {language}` (its texts set and read as {named}); change or "
                "delete that line if its questions are in another language"
            )
        if warn is not None and any(_bases(table).values()):
            # a French bank made again of its sheet lost its language, unsaid (a trial); a
            # sheet headed in French gives it (said above)
            lost = "description, language or organisation"
            if language:  # (its headers give the language, not a region: pt, not pt-BR)
                lost = "description, organisation or its language's region"
                lost += f" (its headers give '{language}')"
            warn(
                f"{source}: warning: this sheet was exported from a bank (its column "
                f"'{BASE_HEADER}'); a new bank made of it holds its questions and sections, "
                f"not that bank's {lost}: set them in the new bank, or import with --into "
                "that bank to update it"
            )
    if warn is not None and (comma := _tag_with_comma(questions)):
        row, qid, tag = comma
        said = (
            "on a line of its own, so it is one tag; if it is more, write each on a line"
            if re.search(r",\s", tag)
            else "with no blank after it, so it is one tag; if it is two, write a blank after "
            "the comma, or one tag a line"
        )
        warn(f"{source}:{row}: warning: question '{qid}': the tag '{tag}' holds a comma {said}")
    if warn is not None:
        for row, qid, column in _cut_cells(table, questions):
            warn(
                f"{source}:{row}: warning: question '{qid}': column {column} holds "
                f"{CELL_LIMIT:,} characters, the most a spreadsheet cell keeps (Excel, and "
                "LibreOffice Calc saving .xlsx, cut the rest): its end was most likely cut; "
                "compare it with the bank"
            )
    if warn is not None and (unplaced := _rows_without_section(table, questions)):
        rows = ", ".join(map(str, unplaced[:5])) + (", ..." if len(unplaced) > 5 else "")
        which = f"row {rows} has" if len(unplaced) == 1 else f"rows {rows} have"
        goes = (
            f"the bank's questions among them keep their sections, a new one is in "
            f"'{DEFAULT_SECTION}'"
            if into
            else f"so {'its question is' if len(unplaced) == 1 else 'their questions are'} in "
            f"'{DEFAULT_SECTION}'"
        )
        warn(
            f"{source}:{unplaced[0]}: warning: {which} no section, {goes}; a cell merged over "
            "several rows keeps its text in the first of them only: type the section in each row"
        )
    if markup == "markdown" and bank_folder is not None:
        if moved := _images_moved(questions, path, bank_folder):
            raise BankError(moved)
        text, _ = as_yaml()
    return bank, text


# the loader's words for anchors read against a scale, after the question they are of (an
# id or a section holding "anchors" is no such problem)
_OFF_THE_SCALE = re.compile(
    r"question '(?P<id>[^']*)': (?P<kind>'anchors' must|anchors: \S+ is not a score)"
)


_BAD_ID = re.compile(r"question '(?P<id>[^']*)': id must be ")


def _a_number_id(problem: Problem) -> Problem:
    """A problem of an id that is a number as a spreadsheet shows it (1.00E+05), with
    where it came from: 'such as 1-00e-05' alone left the row's id a mystery (a trial)."""
    found = _BAD_ID.match(problem.message)
    if found is None or as_number(found["id"]) is None:
        return problem
    return replace(
        problem,
        message=f"{problem.message}; '{found['id']}' is a number as a spreadsheet shows it, "
        "which it made of an id such as 1e5: format the id column as text and type the id "
        "again",
    )


def _on_default_scale(problems: list[Problem], source: str) -> list[Problem]:
    """The problems, with those of rows' anchors said once a kind, at its first row and
    naming the kind's other questions, and why they were read on the default scale said
    once: a bank of its own scale printed the same long line for each question (a trial)."""
    kinds: dict[str, list[tuple[Problem, str]]] = {}
    kept: list[Problem] = []
    for problem in sorted(problems, key=lambda p: p.line):
        if found := _OFF_THE_SCALE.search(problem.message):
            kind = problem.message[: found.start()] + problem.message[found.start("kind") :]
            kinds.setdefault(kind, []).append((problem, found["id"]))
        else:
            kept.append(problem)
    why = (
        "; a sheet holds no rubric, so its anchors are read on the default scale (1 to 5): to "
        f"keep a bank's own scale, update the bank from the sheet with `import {source} --into "
        "BANK`"
    )
    first_row = 0
    for kind, said in kinds.items():
        first = said[0][0]
        ids = list(dict.fromkeys(qid for _, qid in said))
        who = f"question '{ids[0]}'"
        if len(ids) > 1:
            named = [f"'{qid}'" for qid in ids[: 2 if len(ids) > 3 else 3]]
            more = [f"{len(ids) - 2:,} more"] if len(ids) > 3 else []
            rows = label_ranges(sorted({p.line for p, _ in said}), word="")
            who = f"questions {and_list(named + more)} (rows {rows})"
        kept.append(replace(first, message=f"{who}: {kind}{why}"))
        first_row = first_row or first.line
        why = f"; read on the default scale too, as row {first_row} says"
    return kept


# What a Markdown text has and a plain one rarely does (a plain text's `code` and its lines
# starting "- " are plain text's own)
_MARKDOWN_SIGNS = (
    (re.compile(r"^[ \t]*(?:```|~~~)", re.M), "a ``` code fence"),
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]+\)"), "a picture, ![...](...)"),
    (re.compile(r"\[[^\]\n]+\]\((?:https?|mailto):[^)\n]*\)"), "a link, [...](...)"),
    (re.compile(r"\*\*[^*\n]+\*\*"), "**strong**"),
)


def _blank_sections(table: Table) -> frozenset[int]:
    """The rows of a sheet with a section column whose section cell is empty."""
    if "section" not in table.columns:
        return frozenset()
    column = table.columns.index("section")
    return frozenset(
        row for row, cells in table.rows if column >= len(cells) or not cells[column].strip()
    )


def _rows_without_section(table: Table, questions: list[tuple[int, dict[str, Value]]]) -> list[int]:
    """The rows of questions with an empty section cell in a sheet whose other rows name
    theirs: a section merged over its questions' rows, which a CSV holds in the first row
    only (a review: the others were in "General" without a word)."""
    blank = _blank_sections(table)
    empty = [row for row, _ in questions if row in blank]
    return empty if len(empty) < len(questions) else []


def _cut(table: Table) -> dict[int, dict[int, str]]:
    """Each row's cells as long as a spreadsheet keeps, not a character more (cut there,
    most likely), by their column's index."""
    found: dict[int, dict[int, str]] = {}
    for row, cells in table.rows:
        for n, cell in enumerate(cells[: len(table.columns)]):
            if cell_length(cell) == CELL_LIMIT:
                found.setdefault(row, {})[n] = cell
    return found


def _cut_cells(
    table: Table, questions: list[tuple[int, dict[str, Value]]]
) -> list[tuple[int, str, str]]:
    """The row, question id and column (its letter and field) of each cut cell (_cut)."""
    ids = {row: str(fields.get("id", "")) for row, fields in questions}
    return [
        (row, ids[row], f"{column_letter(n)} ({table.columns[n]})")
        for row, cells in _cut(table).items()
        if row in ids
        for n in cells
    ]


def _tag_with_comma(questions: list[tuple[int, dict[str, Value]]]) -> tuple[int, str, str] | None:
    """The first row with a tag such as "shell,i18n": one tag (a tag may hold a comma, as
    "1,000-rows" does), which a colleague may have meant as two."""
    for row, fields in questions:
        for tag in fields.get("tags") or ():
            if isinstance(tag, str) and "," in tag:
                return row, str(fields.get("id", "")), tag
    return None


def _markdown_sign(questions: list[tuple[int, dict[str, Value]]]) -> tuple[int, str, str] | None:
    """The first row whose texts look like Markdown: its row, its id and what it has."""
    for row, fields in questions:
        for key in sorted(RICH_KEYS.intersection(fields)):
            value = fields[key]
            for text in value if isinstance(value, list) else [value]:
                for pattern, what in _MARKDOWN_SIGNS:
                    if isinstance(text, str) and pattern.search(text):
                        return row, str(fields.get("id", "")), what
    return None


def _images_moved(
    questions: list[tuple[int, dict[str, Value]]], sheet: Path, bank_folder: Path
) -> list[Problem]:
    """Each Markdown text's image paths rewritten from the sheet's folder to the bank's
    (see sheet_images), in place; a problem for each picture that cannot move."""
    md = parser()
    folders = sheet.parent.resolve(), bank_folder.resolve()
    problems = []
    for row, fields in questions:
        for key in RICH_KEYS.intersection(fields):
            value = fields[key]
            texts = value if isinstance(value, list) else [value]
            moved = []
            for text in texts:
                assert isinstance(text, str)
                result, said = rebased(text, *folders, md)
                moved.append(result)
                problems += [Problem(str(sheet), row, message) for message in said]
            fields[key] = moved if isinstance(value, list) else moved[0]
    return problems


def _unmarked_utf16(data: bytes) -> str | None:
    """The text of UTF-16 without a byte-order mark (as iconv's UTF-16LE and Python's
    utf-16-le write it; it was refused as UTF-16) where its bytes tell their order
    (_utf16_order), and none is NUL."""
    if len(data) % 2 or (order := _utf16_order(data)) is None:
        return None
    try:
        text = data.decode(order)
    except UnicodeDecodeError:  # a lone half of a surrogate pair
        return None
    return None if "\x00" in text else text


def _utf16_order(data: bytes) -> str | None:
    """The order of the bytes of `data` read as UTF-16 without a byte-order mark, where
    they tell it: ASCII characters, a zero byte beside each, in one order alone (read the
    other way they are CJK characters, U+7100 for 'q'), more than half its characters or,
    where its text is in another script (Cyrillic, whose bytes are no zeros: it was read as
    UTF-8, its header told as 'q u e s t i o n ', a review), at least its header's 8 and
    none the other way; None where they do not."""
    head = data[: min(len(data), 65_536) // 2 * 2]  # its first 32,768 characters tell
    if b"\x00" not in head:
        return None
    ascii_ = {
        order: sum(1 for c, h in zip(chars, highs, strict=True) if h == 0 and 0 < c < 0x80)
        for order, chars, highs in (
            ("utf-16-le", head[0::2], head[1::2]),
            ("utf-16-be", head[1::2], head[0::2]),
        )
    }
    (order, most), (_, other) = sorted(ascii_.items(), key=lambda counted: -counted[1])
    return order if most * 4 > len(head) or most >= 8 and not other else None


_SAVE_AS_UTF8 = (
    'Save the sheet as UTF-8: in Excel choose "CSV UTF-8 (Comma delimited)"; in '
    'LibreOffice Calc tick "Edit filter settings" and choose "Unicode (UTF-8)"'
)


def _decode(data: bytes, source: str) -> str:
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            # UTF-16 with its byte-order mark, which Excel's "Unicode Text (*.txt)" saves
            # (H. Yang, 'Saving Files in "Unicode Text (*.txt)" Option': little-endian, with
            # the mark) and LibreOffice Calc's "Unicode" too; it was refused (a trial)
            return data.decode("utf-16")
        # UTF-8 reads ASCII UTF-16 as letters and NULs, 'q u e s'
        if (text := _unmarked_utf16(data)) is not None:
            return text
        # one of an odd count of bytes, which no order reads (a byte added at its end), in
        # Cyrillic was read as UTF-8, its header told as 'q u e s t i o n ' (a trial)
        if looks_utf16(data) or _utf16_order(data) is not None:
            raise BankError([utf16_problem(source, _SAVE_AS_UTF8)])
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        writer = 'Excel\'s plain "CSV" writes'
        raise BankError([not_utf8(data, exc, source, _SAVE_AS_UTF8, writer)]) from None


def read_table(path: Path, warn: Callable[[str], None] | None = None) -> Table:
    """The sheet at `path`; the columns it skips are said on `warn`."""
    source = str(path)
    data = read_regular(
        path,
        "spreadsheet",
        MAX_BANK_BYTES,
        f"the spreadsheet is larger than {MAX_BANK_BYTES // 1_000_000} MB, the most a bank "
        "may hold; split it into several sheets",
    )
    table = parse_table(_decode(data, source), source, tab=path.suffix.lower() == ".tsv")
    if table.skipped and warn is not None:
        warn(
            f"{source}:{table.header_row}: warning: skipped the column"
            f"{'s' if len(table.skipped) > 1 else ''} {', '.join(table.skipped)}, which a "
            f"bank has no field for; columns are: {', '.join(COLUMNS)} (also: answer, "
            "category, topic)"
        )
    return table


def sheet_questions(
    path: Path,
    taken: Collection[str],
    warn: Callable[[str], None] | None = None,
    markup: str = "plain",
    bank_folder: Path | None = None,
    known: Mapping[str, tuple[str, int]] | None = None,
    language: str = "",
    rubric: Sequence[tuple[int, str, str]] = (),
    asked: Mapping[str, Sequence[str]] | None = None,
    vocabulary: Sequence[tuple[str, str]] = (),
) -> tuple[
    tuple[str, ...],
    list[dict[str, Value]],
    list[int],
    list[dict[str, list[str]]],
    list[dict[str, str]],
    list[str],
]:
    """The sheet's columns (by field), its questions' fields, the row of each, the list
    fields whose marks import took off (with_bank_marks) and the cells a spreadsheet most
    likely cut, by their field (as typed, for as_the_banks), and each row's base cell
    (sheet_base, "" where it has none), checked
    as `import` checks them; a row without an id gets the id of a question `asked` maps
    its question's text to (the bank's, in order, so that a sheet imported again updates
    them), else
    one that is none of `taken`. In a Markdown bank, image paths are checked beside the
    sheet and rewritten for `bank_folder`. `known`: the bank's competencies, which a row
    names (the bank describes them), `rubric` its rating scale and `vocabulary` its tags."""
    known = known or {}
    table = read_table(path)
    numbered = ids_read_as_numbers(table, taken, asked or {})
    # every row's problems, by its row
    read_spreadsheet(
        path,
        warn=warn,
        markup=markup,
        known=known,
        rubric=rubric,
        into=True,
        numbered=numbered,
        vocabulary=vocabulary,
    )
    for row, (typed, qid) in numbered.items():
        if warn is not None:
            warn(
                f"{path}:{row}: warning: the id '{typed}' is the number a spreadsheet reads in "
                f"the bank's id '{qid}', which no row names: the row is read as '{qid}' (a "
                "spreadsheet may read an id such as 007 or 1e5 as a number and write it as 7 "
                "or 1.00E+05; format the id column as text)"
            )
    unmarked: dict[int, dict[str, list[str]]] = {}
    questions, _ = _questions(table, str(path), taken, language, asked or {}, unmarked, numbered)
    if markup == "markdown":
        md = parser()
        questions = [(row, _breaks_kept(q, md)) for row, q in questions]
    blank, cut, bases = _blank_sections(table), _cut(table), _bases(table)
    for row, fields in questions:
        if row in blank:  # the bank's question keeps its own (as_the_banks)
            fields["section"] = ""
    _competencies(questions, str(path), known)  # each competency cell becomes its name
    if markup == "markdown" and bank_folder is not None:
        if moved := _images_moved(questions, path, bank_folder):
            raise BankError(moved)
    return (
        table.columns,
        [fields for _, fields in questions],
        [row for row, _ in questions],
        [unmarked.get(row, {}) for row, _ in questions],
        [{table.columns[n]: cell for n, cell in cut.get(row, {}).items()} for row, _ in questions],
        [bases.get(row, "") for row, _ in questions],
    )


def _bases(table: Table) -> dict[int, str]:
    """Each row's cell of export's fingerprints (sheet_base), guard off, by its row."""
    if BASE_KEY not in table.columns:
        return {}
    at = table.columns.index(BASE_KEY)
    return {
        row: formula_unguarded(cells[at], numbers=True)
        for row, cells in table.rows
        if at < len(cells)
    }


def ids_read_as_numbers(
    table: Table, ids: Collection[str], asked: Mapping[str, Sequence[str]] | None = None
) -> dict[int, tuple[str, str]]:
    """The rows whose id is the number a spreadsheet read in one of the bank's `ids` that no
    row names, as it wrote it (7 for 007, 100000 or 1.00E+05 for 1e5), with that id and the
    bank's: LibreOffice Calc saved '1e5' so, and the sheet was refused for an id that is no
    id, or the question added again (a trial). Where the number is that of several such ids
    (01 and 001 both came back 1), a row is the one `asked` gives its question's text, and
    a row no text tells is none of them: the first by name was updated with the other's
    row (a review)."""
    if "id" not in table.columns:
        return {}
    column = table.columns.index("id")
    asked_column = table.columns.index("question") if "question" in table.columns else None
    typed = [
        (row, cells[column].strip(), cells) for row, cells in table.rows if column < len(cells)
    ]
    named = {qid for _, qid, _ in typed}
    by_number: dict[Decimal, list[str]] = {}
    for qid in sorted(ids):
        if qid not in named and (number := as_number(qid)) is not None:
            by_number.setdefault(number, []).append(qid)
    wanted = [
        (row, qid, by_number[number], cells)
        for row, qid, cells in typed
        if qid not in ids and (number := as_number(qid)) is not None and number in by_number
    ]
    found = {}
    for row, qid, candidates, cells in wanted:  # first the rows whose question tells them
        text = cells[asked_column] if asked_column is not None and asked_column < len(cells) else ""
        told = (asked or {}).get(same_text(formula_unguarded(text, numbers=True)), ())
        if same := next((c for c in candidates if c in told), None):
            candidates.remove(same)
            found[row] = (qid, same)
    for row, qid, candidates, _ in wanted:  # then each other row, where one id is left
        if row not in found and len(candidates) == 1:
            found[row] = (qid, candidates.pop())
    return dict(sorted(found.items()))


def ids_numbered_from(table: Table, bank: Bank) -> list[tuple[int, str, str]]:
    """The rows whose id is the number a spreadsheet reads in the id `bank` gives the row's
    question, in the same words ('7' of '007'), with the id as the row has it and the
    bank's: a sheet whose ids Calc wrote back as numbers, imported as a new bank, made '7'
    of '007' without a word (a trial)."""
    if "id" not in table.columns or "question" not in table.columns:
        return []
    at, asked_at = table.columns.index("id"), table.columns.index("question")
    asked = questions_by_text(bank)
    found = []
    for row, cells in table.rows:
        if max(at, asked_at) >= len(cells) or (number := as_number(typed := cells[at])) is None:
            continue
        text = same_text(formula_unguarded(cells[asked_at], numbers=True))
        ids = (i for i in asked.get(text, ()) if i != typed.strip() and as_number(i) == number)
        if (qid := next(ids, None)) is not None:
            found.append((row, typed.strip(), qid))
    return found


def parse_table(text: str, source: str, tab: bool = False) -> Table:
    """Rows of a CSV/TSV text, with Anki's `#key:value` header lines honoured."""
    # the lines before the header, one at a time: the whole sheet as a list of its lines
    # took 500 MB for 9 million blank rows (a hostile trial)
    settings: dict[str, str] = {}
    skipped = at = 0
    line, after = _line_at(text, at)
    while line and re.match(r"#[a-z ]+:", line):
        key, _, value = line[1:].rstrip("\r\n").partition(":")
        settings[key.strip()] = value
        skipped, at = skipped + 1, after
        line, after = _line_at(text, at)
    if line and re.fullmatch(r"sep=.\r?\n?", line):  # Excel's hint
        settings.setdefault("separator", line[4])
        skipped, at = skipped + 1, after
    body = text[at:]
    separator = settings.get("separator")
    if separator is not None:
        delimiter = _SEPARATORS.get(separator.strip().lower(), separator[:1] or ",")
    elif tab:
        delimiter = "\t"
    else:
        delimiter = csv_delimiter(body)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []  # each row with the file line it ends on
    filled = 0  # rows with a cell that is not blank: the header and the questions
    try:
        for cells in reader:
            filled += any(c.strip() for c in cells)
            if filled > MAX_QUESTIONS + 1 or len(rows) >= MAX_ROWS:
                raise BankError([Problem(source, skipped + len(rows) + 1, _too_many_rows(filled))])
            rows.append((skipped + reader.line_num, cells))
    except csv.Error as exc:  # named at the row where the cell began, not where it failed
        began = skipped + len(rows) + 1
        said = f"{exc} (in the row that starts here)"
        if "field limit" in str(exc):  # the csv module's words for a cell past its limit
            said = (
                f"a cell of the row that starts here holds more than "
                f"{csv.field_size_limit():,} characters, far more than any field of a bank "
                "may; shorten it, or close a quote left open before it"
            )
        raise BankError([Problem(source, began, said)]) from None
    _refuse_an_open_quote(body, rows, skipped, source, delimiter)
    # A row's number is the one Calc and Excel show: a quoted line break in a cell makes a
    # row taller, not a new row (the header lines Anki reads are rows there too).
    starts = [(skipped + number, cells) for number, (_, cells) in enumerate(rows, start=1)]
    if "columns" in settings:
        names = settings["columns"].split(delimiter)
        anki_tags = "tags column" in settings
        columns, unknown = _columns(names, source, skipped)
        return Table(columns, starts, skipped, anki_tags, unknown, tuple(names))
    while starts and not any(c.strip() for c in starts[0][1]):
        starts.pop(0)
    if not starts:
        raise BankError([Problem(source, 1, "the spreadsheet has no header row")])
    header_row, header = starts.pop(0)
    anki_tags = "tags column" in settings
    columns, unknown = _columns(header, source, header_row)
    return Table(columns, starts, header_row, anki_tags, unknown, tuple(header))


# where str.splitlines ends a line
_LINE_END = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _line_at(text: str, at: int) -> tuple[str, int]:
    """The line of `text` that starts at `at`, with its end, as str.splitlines(keepends=True)
    gives it, and where the next one starts."""
    end = _LINE_END.search(text, at)
    after = end.end() if end else len(text)
    return text[at:after], after


def _too_many_rows(filled: int) -> str:
    """Why a sheet is refused at its row past MAX_QUESTIONS questions or MAX_ROWS rows."""
    if filled > MAX_QUESTIONS + 1:
        return (
            f"more than the {MAX_QUESTIONS:,} questions an import makes; split the sheet and "
            "import each part"
        )
    return (
        f"more than {MAX_ROWS:,} rows, most of them blank; delete the empty rows (as at the "
        "sheet's end) and save it again"
    )


def _refuse_an_open_quote(
    body: str, rows: list[tuple[int, list[str]]], skipped: int, source: str, delimiter: str
) -> None:
    """A quote that opens a cell and never closes takes in every row after it, silently
    (Python's csv, like Excel, reads on to the end): the last row then holds an odd number
    of quotes, and runs over several lines to the end of the file, or, on one line, has a
    cell holding the file's last line break or the row's delimiters. A quote of an
    unquoted cell elsewhere (a 5" screen) leaves the file odd, not the last row."""
    if not rows or body.count('"') % 2 == 0:
        return
    began = (rows[-2][0] if len(rows) > 1 else skipped) + 1
    end = rows[-1][0]
    last = "\n".join(body.split("\n")[began - skipped - 1 : end - skipped])
    if last.count('"') % 2 == 0:
        return
    cells = rows[-1][1]
    swallowed = any(cell.endswith(("\n", "\r")) or delimiter in cell for cell in cells)
    if end > began or swallowed:
        taken = f"rows {began} to {end}" if end > began else "the rest of the row"
        raise BankError(
            [
                Problem(
                    source,
                    began,
                    f'a cell here opens with a quote (") that is never closed, so {taken} '
                    "would be read as one cell; close the quote, or double a quote inside a "
                    'quoted cell ("")',
                )
            ]
        )


def _normal(name: str) -> str:
    # a byte-order mark saved twice ('\ufeffquestion') is no part of the name (a hostile
    # trial was told 'question' is no field, did you mean 'question'?)
    # and a header saved decomposed (as macOS may: 'Re\u0301ponse') is its composed name
    name = unicodedata.normalize("NFC", name.replace("\ufeff", ""))
    return re.sub(r"[\s\-]+", "_", name.strip().casefold())


def _field(name: str) -> str:
    """The field a column's header names, through its synonyms ('Answer': hint), or the
    header made a key when it names none."""
    key = _normal(name)
    return FIELD_WORDS.get(key.replace("_", ""), FIELD_WORDS.get(key, key))


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"  # competencies, categories
    return word.removesuffix("s")


# the field each singular of a field's name or synonym stands for: 'tag', 'hints',
# 'competencies', 'categories', 'answers' name their field surely
_BY_SINGULAR = {_singular(name): FIELD_WORDS.get(name, name) for name in (*COLUMNS, *FIELD_WORDS)}


def _fields(names: list[str]) -> list[str]:
    """The field of each header: its own name or synonym's, else its singular's or plural's
    ('Hints', 'Categories') unless another header names that field itself (then a second
    'Questions' column is a column of the user's own)."""
    exact = [_field(name) for name in names]
    found = []
    for key in exact:
        if key and key not in COLUMNS:
            other = _BY_SINGULAR.get(_singular(key))
            if other is not None and other not in exact:
                key = other
        found.append(key)
    return found


def _columns(names: list[str], source: str, row: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The field of each column, and the headers of the columns skipped (with the field
    each one most likely meant)."""
    if len(names) > MAX_COLUMNS:  # each unknown one is matched against every field name
        raise BankError(
            [
                Problem(
                    source,
                    row,
                    f"{len(names):,} columns, more than the {MAX_COLUMNS:,} a sheet of questions "
                    "may have; delete the columns qbank does not read",
                )
            ]
        )
    columns: list[str] = []
    skipped: list[str] = []
    problems = []
    fields = _fields(names)
    for name, key in zip(names, fields, strict=True):
        if not key:
            columns.append("")  # an unnamed column: its cells must stay empty
            continue
        if _normal(name) == _normal(BASE_HEADER):  # export's fingerprints (sheet_base)
            key = BASE_KEY
        elif key not in COLUMNS:  # a column of the user's own (Difficulty, Owner): not ours
            close = difflib.get_close_matches(key, COLUMNS, n=1)
            typo = difflib.get_close_matches(key, [*COLUMNS, *SYNONYMS], n=1, cutoff=0.8)
            if typo and SYNONYMS.get(typo[0], typo[0]) not in fields:
                # 'Secton': its cells would be dropped, every question in one section
                problems.append(
                    Problem(
                        source,
                        row,
                        f"the column '{name.strip()}' is no field of a bank; did you mean "
                        f"'{typo[0]}'? Rename its header to {typo[0]}, or to a name of your "
                        "own if the column is not that field (a column qbank does not know "
                        "is skipped)",
                    )
                )
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            skipped.append(f"'{name.strip()}'{hint}")
            columns.append(SKIPPED)
            continue
        if key in columns:
            other = names[columns.index(key)].strip()
            said = (
                f"the column '{name.strip()}' is there twice"
                if other.casefold() == name.strip().casefold()
                else f"the columns '{other}' and '{name.strip()}' both name the field "
                f"'{key}'; keep one"
            )
            problems.append(Problem(source, row, said))
        columns.append(key)
    for key in REQUIRED:
        if key not in columns and not problems:
            also = " (or 'answer')" if key == "hint" else ""
            # the columns' names, one missing: two or more name fields ('Questions' alone
            # is a title that names one: a review)
            if sum(field in COLUMNS for field in columns) > 1:
                said = f"no '{key}' column; it is required: name a column '{key}'{also}"
                said += _misspelt_as(key, names, columns)
            else:  # a title above the names, most likely
                found = ", ".join(
                    f"'{shorten(one_line(n.strip()), 30)}'" for n in names[:6] if n.strip()
                )
                found += ", ..." if len(names) > 6 else ""
                said = (
                    f"no '{key}' column; it is required. This row is read as the columns' "
                    f"names ({found or 'it is empty'}): delete any title or blank rows "
                    f"above the names, and name a column '{key}'{also}"
                )
            problems.append(Problem(source, row, said))
    if problems:
        raise BankError(problems)
    return tuple(columns), tuple(skipped)


def _misspelt_as(key: str, names: Sequence[str], columns: Sequence[str]) -> str:
    """'; is the column 'Reponce' meant to be 'réponse'?' for a skipped column whose header
    is close to a word of `key`'s in any language: a French sheet's 'Reponce' was told only
    to name a column 'hint' (or 'answer'), in English (a review)."""
    words = [key, *(word for word, field in FIELD_WORDS.items() if field == key)]
    for name, column in zip(names, columns, strict=False):
        close = difflib.get_close_matches(_normal(name), words, 1, 0.75)
        if column == SKIPPED and close:
            return f"; is the column '{name.strip()}' meant to be '{close[0]}'?"
    return ""


def same_text(text: str) -> str:
    """A question's text as import --into compares it with the bank's: without the blanks
    at its ends, its characters composed (NFC): a sheet saved in decomposed form (é as e
    and an accent, as macOS may) matched none and added every accented question again (a
    hostile trial)."""
    return unicodedata.normalize("NFC", text.strip())


class FirstFree:
    """The first of a list of ids that is not `taken`, each list read from where the last
    call left it: linear in all, where a scan from the start each time was quadratic in
    the rows of one text (5,000 rows of one question)."""

    def __init__(self) -> None:
        self._at: dict[int, int] = {}  # by the list's identity: where its free ids start

    def __call__(self, ids: Sequence[str], taken: Collection[str]) -> str | None:
        at = self._at.get(id(ids), 0)
        while at < len(ids) and ids[at] in taken:
            at += 1
        self._at[id(ids)] = at + 1
        return ids[at] if at < len(ids) else None


# what the teacher typed was taken as a formula: "type the text in the cell" was what a
# trial had done already ('= affecte ; == compare.' gave Err:509)
_TYPED_AS_FORMULA = (
    "a cell typed starting with =, + or - is a formula to a spreadsheet: type its text "
    "again after an apostrophe ('= ...), which keeps it as text (a text that is only "
    "such a mark goes in the bank itself)"
)


def _questions(
    table: Table,
    source: str,
    taken_before: Collection[str] = (),
    language: str = "",
    asked: Mapping[str, Sequence[str]] | None = None,
    unmarked: dict[int, dict[str, list[str]]] | None = None,
    numbered: Mapping[int, tuple[str, str]] | None = None,
) -> tuple[list[tuple[int, dict[str, Value]]], list[Problem]]:
    """The rows as question fields, and the problems of rows that cannot be one. A row
    without an id takes the first id `asked` gives its question's text that no row names
    nor took before it. `unmarked` is given, by row, the list fields whose items' marks
    were taken off (split_list), with the items as typed."""
    problems = []
    found: list[tuple[int, dict[str, str]]] = []
    for row, cells in table.rows:
        if not any(c.strip() for c in cells):
            continue  # spreadsheets keep empty rows at the end
        # export's guard against formulas comes off again: the round trip is lossless
        # a cell that is an error value as it stands, before export's guard comes off
        failed = [
            (n, c.strip())
            for n, c in enumerate(cells)
            if n < len(table.columns) and table.columns[n] in COLUMNS
            if ERROR_VALUE.fullmatch(c.strip())
        ]
        cells = [
            formula_unguarded(c, numbers=True).replace("\r\n", "\n").replace("\r", "\n")
            for c in cells
        ]
        outside = [
            (n, c)
            for n, c in enumerate(cells)
            if c.strip() and (n >= len(table.columns) or not table.columns[n])
        ]
        if outside:
            n, text = outside[0]
            problems.append(
                Problem(
                    source,
                    row,
                    f"column {column_letter(n)} has text ('{shorten(one_line(text), 40)}') but "
                    "no heading; give the column a heading (a field of a "
                    "bank), or move the text into a named column",
                )
            )
            continue
        for n, text in failed:  # 'Err:509' was the question of every artifact (a trial)
            problems.append(
                Problem(
                    source,
                    row,
                    f"column {column_letter(n)} ({table.columns[n]}) holds '{text}', the "
                    f"spreadsheet's mark of a formula that failed, not text; {_TYPED_AS_FORMULA}",
                )
            )
        if failed:  # its other cells' problems would speak of the error value again
            continue
        named = {
            k: c for k, c in zip(table.columns, cells, strict=False) if k in COLUMNS and c.strip()
        }
        if numbered and row in numbered:  # the bank's id, as ids_read_as_numbers found it
            named["id"] = numbered[row][1]
        if "question" not in named:  # else its id, made from the question, would be nonsense
            problems.append(
                Problem(source, row, "the 'question' cell is empty; every row needs one")
            )
            continue
        if "hint" in table.columns and "hint" not in named:  # said as the sheet names it
            n = table.columns.index("hint")
            header = table.headers[n].strip() if n < len(table.headers) else "hint"
            problems.append(
                Problem(
                    source,
                    row,
                    f"the '{header}' cell (column {column_letter(n)}) is empty; every row needs "
                    "one: the answer, which the study edition shows",
                )
            )
            # read on, so that its other cells are told in the same run; a bank with a
            # problem is never written, so the stand-in reaches no artifact
            named["hint"] = "(empty)"
        found.append((row, named))
    if problems and not found:
        raise BankError(problems)
    if not found:
        raise BankError([Problem(source, table.header_row, "the spreadsheet has no questions")])
    claimed = {cells["id"].strip() for _, cells in found if "id" in cells}  # by the sheet
    first_free = FirstFree()
    taken = claimed | set(taken_before)
    questions: list[tuple[int, dict[str, Value]]] = []
    tried: dict[str, int] = {}  # unique_id's memory: linear in rows of one question
    for row, cells in found:
        fields: dict[str, Value] = {}
        for key in COLUMNS:
            if key == "id":
                fields["id"] = cells["id"].strip() if "id" in cells else ""
                if not fields["id"]:
                    # the bank's question of the same text: a sheet without ids imported
                    # again added each of its questions once more (a trial)
                    same = first_free((asked or {}).get(same_text(cells["question"]), ()), claimed)
                    fields["id"] = same or ""
                    claimed.add(same or "")
                if not fields["id"]:
                    fields["id"] = unique_id(cells.get("question", ""), taken, tried, language)
                    taken.add(str(fields["id"]))
            elif key == "section":
                fields["section"] = cells.get("section", DEFAULT_SECTION).strip()
            elif key not in cells:
                continue
            elif key == "sources":
                fields["sources"] = [_source(item) for item in split_list(cells[key])]
            elif key == "anchors":
                anchors, wrong = _anchors(cells[key])
                fields["anchors"] = anchors
                problems += [Problem(source, row, f"anchors: {said}") for said in wrong]
            elif key in LIST_KEYS:
                tags = key == "tags"
                fields[key] = split_list(cells[key], tags and table.tags_by_blanks, tags)
                if unmarked is not None and not tags and _all_marked(cells[key]):
                    typed = [p.strip() for p in cells[key].split("\n") if p.strip()]
                    unmarked.setdefault(row, {})[key] = typed
            elif key == "minutes" and re.fullmatch(r"0+[0-9]+", cells[key].strip()):
                fields[key] = cells[key].strip().lstrip("0") or "0"  # "05" in a sheet: 5
            else:
                fields[key] = cells[key].strip()
        questions.append((row, {k: fields[k] for k in _LOADER_ORDER if k in fields}))
    return questions, problems


_LOADER_ORDER = ("id", "section", "question", "hint", *COLUMNS[4:])


def _anchors(cell: str) -> tuple[dict[str, str], list[str]]:
    """An anchors cell, one "score: text" a line, as {score: text}, and what is wrong with
    it, in words: a line not of that form, a score given twice (the first was dropped
    without a word, a hostile trial), anchors written on one line after ';'."""
    anchors: dict[str, str] = {}
    wrong = []
    for item in (line.strip() for line in cell.split("\n")):
        found = _ANCHOR.fullmatch(item)
        if found and found["score"] in anchors:
            wrong.append(f"score {found['score']} is given twice; give it one line")
        elif found and _ANOTHER_ON_THE_LINE.search(found["text"]):
            wrong.append(f"'{shorten(item, 60)}' holds more than one score; write one a line")
        elif found:
            anchors[found["score"]] = found["text"].strip()
        elif item:
            wrong.append(
                f"'{item}' is not a score and what an answer at it holds; write one a line, "
                "e.g. '3: Names two controls and what each stops'"
            )
    return anchors, wrong


# '1: a; 3: b': anchors written on one line, as a list cell's items may be
_ANOTHER_ON_THE_LINE = re.compile(r";\s*[0-9]{1,3}\s*:")


def _competencies(
    questions: list[tuple[int, dict[str, Value]]],
    source: str,
    known: Mapping[str, tuple[str, int]] | None = None,
) -> tuple[list[tuple[str, str, int]], list[Problem]]:
    """The competencies the rows name, as (name, description, weight) in order of first
    use; each question's cell becomes just the name. A competency needs its description on
    at least one row, and the same one wherever a row repeats it. Updating a bank
    (`known`, its competencies), a row names one of the bank's, described as the bank
    does it or not at all: the bank's list is edited in the bank."""
    found: dict[str, tuple[str, int, int]] = {}  # name: (description, weight, row)
    first: dict[str, int] = {}
    problems = []
    for row, fields in questions:
        cell = fields.get("competency")
        if not isinstance(cell, str):
            continue
        parts = _COMPETENCY.fullmatch(cell)
        assert parts is not None  # every part of the pattern is optional
        name = parts["name"]
        fields["competency"] = name
        if known is not None:
            problems += _known_competency(source, row, name, parts, known)
            continue
        first.setdefault(name, row)
        if parts["say"] is None:
            continue
        said = (parts["say"].strip(), int(parts["weight"] or 1))
        if name in found and found[name][:2] != said:
            problems.append(
                Problem(
                    source,
                    row,
                    f"competency '{name}' is described differently on row {found[name][2]}; "
                    "give it one description (and weight) wherever a row repeats it",
                )
            )
        found.setdefault(name, (*said, row))
    for name, row in first.items():
        if name not in found:
            problems.append(
                Problem(
                    source,
                    row,
                    f"competency '{name}' is described on no row; write it once as "
                    f"'{name}: the one line an interviewer reads about it'",
                )
            )
    # one left undescribed is listed all the same, so the loader reports no second problem
    # for it; the problems above keep that bank from being written
    listed = [(name, *found.get(name, ("-", 1, 0))[:2]) for name in first]
    if known is not None:  # the bank's, for the checks of the sheet's rows
        listed = [(name, *said) for name, said in known.items()]
    return listed, problems


def _known_competency(
    source: str, row: int, name: str, parts: re.Match[str], known: Mapping[str, tuple[str, int]]
) -> list[Problem]:
    """The problem with a row's competency cell when the sheet updates a bank (one that is
    not the bank's is the loader's to report, naming the question)."""
    if name not in known:
        return []
    said = (parts["say"].strip(), int(parts["weight"] or 1)) if parts["say"] else None
    if said is not None and said != known[name]:
        description, weight = known[name]
        return [
            Problem(
                source,
                row,
                f"competency '{name}' is described here otherwise than in the bank "
                f"('{description}', weight {weight}); import --into keeps the bank's list "
                "of competencies as it is: change it in the bank, and give the name alone "
                "or the bank's words here",
            )
        ]
    return []


def column_letter(index: int) -> str:
    """A spreadsheet's name of the column at `index` (0-based): A, B, ... Z, AA, AB ..."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


# a list's marks that people type before each item of a cell, one item a line
_ITEM_MARK = re.compile(r"\s*(?:[-*\u2022\u2013\u25aa\u25e6]|\d{1,3}[.)])[ \t]+")


def questions_by_text(bank: Bank) -> dict[str, list[str]]:
    """Each question text of `bank` (same_text), with the ids of its questions in order:
    what `import --into` matches the sheet's rows without an id by."""
    found: dict[str, list[str]] = {}
    for q in bank.questions:
        found.setdefault(same_text(q.question), []).append(q.id)
    return found


def as_the_banks(
    bank: Bank,
    questions: list[dict[str, Value]],
    rows: list[int],
    unmarked: list[dict[str, list[str]]],
    asked: Mapping[str, list[str]],
    source: Path,
    warn: Callable[[str], None] | None,
    cut: Sequence[Mapping[str, str]] = (),
    bases: Sequence[str] = (),
) -> None:
    """The sheet's rows (`questions`, from sheet_questions) read as the bank's questions
    they stand for: an id a spreadsheet or the bank changed (the rows' `bases` say which),
    the bank's list marks, the way its characters are composed and the cells a
    spreadsheet cut (`cut`, by question)."""
    _ids_a_sheet_changed(bank, questions, rows, asked, bases, source, warn)
    by_id = {q.id: q for q in bank.questions}
    for n, (fields, marks, row) in enumerate(zip(questions, unmarked, rows, strict=True)):
        question = by_id.get(str(fields["id"]))
        if fields.get("section") == "":  # a cell a merge left blank: the bank's section
            # (its questions went to 'General': a hostile trial), a new question's General
            fields["section"] = question.section if question is not None else DEFAULT_SECTION
        if question is not None:
            with_bank_marks(fields, question, marks)
            _as_the_bank_writes_it(fields, question)
            _numbers_as_the_banks(fields, question, f"{source}:{row}", warn)
            if n < len(cut):
                _cut_as_the_banks(bank, fields, question, cut[n], f"{source}:{row}", warn)
        else:
            _dates_a_sheet_made(fields, f"{source}:{row}", warn)


def _cut_as_the_banks(
    bank: Bank,
    fields: dict[str, Value],
    question: Question,
    cut: Mapping[str, str],
    where: str,
    warn: Callable[[str], None] | None,
) -> None:
    """The fields whose cell a spreadsheet cut where the bank's is longer (the start of the
    bank's cell, as export writes it) keep the bank's: an .xlsx saved by LibreOffice Calc
    took the last items of a long look_for list off the bank, told only as a warning (a
    trial)."""
    for key, cell in cut.items():
        own = formula_guarded(_cell(bank, question, key), numbers=True)
        if cell_length(own) <= CELL_LIMIT or not own.startswith(cell.replace("\r\n", "\n")):
            continue
        value = getattr(question, key)
        fields[key] = list(value) if isinstance(value, tuple) else value
        if warn is not None:
            warn(
                f"{where}: warning: question '{question.id}': its {key} cell is the start of "
                f"the bank's, cut at {CELL_LIMIT:,} characters; kept the bank's {key}"
            )


def _ids_a_sheet_changed(
    bank: Bank,
    questions: list[dict[str, Value]],
    rows: list[int],
    asked: Mapping[str, list[str]],
    bases: Sequence[str],
    source: Path,
    warn: Callable[[str], None] | None,
) -> None:
    """A row whose id the bank lacks but whose question is the bank's, which no row names,
    updates that question (the first of its text that no row names), and says so: a
    spreadsheet that read the id '007' as a number wrote it back as '7', and the import
    added the question again (a trial). A row whose base says it was exported with its id
    and a question the bank has under another id now, which no row names, updates that
    one: the bank changed the id since (the row was told 'a spreadsheet may read an id as a
    number', or, its question edited in the sheet, 'deleted from the bank')."""
    ids = {q.id for q in bank.questions}
    named = {str(fields["id"]) for fields in questions}
    first_free = FirstFree()
    by_code: dict[str, list[str]] | None = None  # the bank's ids by their question's code
    for n, (fields, row) in enumerate(zip(questions, rows, strict=True)):
        qid = str(fields["id"])
        if qid in ids:
            continue
        same = first_free(asked.get(same_text(str(fields.get("question", ""))), ()), named)
        exported = exported_question(bases[n], qid) if n < len(bases) else None
        if same is None and exported is not None:
            if by_code is None:
                by_code = question_codes(bank)
            same = first_free(by_code.get(exported, ()), named)
        if same is None:
            continue
        fields["id"] = same
        named.add(same)
        if warn is not None and exported is not None:
            warn(
                f"{source}:{row}: warning: question '{qid}' is '{same}' in the bank now (its "
                "id was changed there since the sheet was exported): the row updates "
                f"'{same}'"
            )
        elif warn is not None:
            warn(
                f"{source}:{row}: warning: the id '{qid}' is not the bank's, but the question "
                f"is that of '{same}', which no row names: the row is read as '{same}' (a "
                "spreadsheet may read an id such as 007 as a number and write it as 7; "
                "format the id column as text)"
            )


def _currencies(text: str) -> set[str]:
    """The currency signs of a number: a spreadsheet keeps the bank's ($5 as $5.00) or drops
    it (5 € as 5.00), but never writes another; '5 €' typed over the bank's '$5' was kept as
    '$5' (a review)."""
    return set(text) & {"$", "€"}


def _dates_a_sheet_made(
    fields: Mapping[str, Value], where: str, warn: Callable[[str], None] | None
) -> None:
    """Says a new question's text that is only a date as a spreadsheet writes one back: a
    hint typed 1/2 in LibreOffice Calc came back 01/02/26, and a card said so, with no word
    (a new user's trial); a bank's own text is kept instead (_numbers_as_the_banks)."""
    if warn is None:
        return
    for key in ("question", "hint", "note", "look_for", "follow_ups"):
        value = fields.get(key)
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        for text in items:
            if isinstance(text, str) and (typed := typed_as_date(text)):
                what = f"its {key}" if isinstance(value, str) else f"an item of its {key}"
                warn(
                    f"{where}: warning: question '{fields['id']}': {what} '{text}' is a date "
                    f"as a spreadsheet writes one; if {typed} was typed there, the spreadsheet "
                    f"read it as a date: type it again as text ('{typed}, an apostrophe "
                    "first), or format the column as text, and import the sheet again"
                )


def _numbers_as_the_banks(
    fields: dict[str, Value], question: Question, where: str, warn: Callable[[str], None] | None
) -> None:
    """A row's texts that are the bank's number, date or truth value as a spreadsheet
    writes it (a note '0.10' came back '0.1', a question '1e5' as '100000', from LibreOffice
    Calc: a trial; a hint '1/2' as '01/02/26', 'true' as 'TRUE': measured) keep the bank's
    text, and say so."""
    for key, value in fields.items():
        own = getattr(question, key, None)
        if key == "id" or not isinstance(value, str) or not isinstance(own, str) or value == own:
            continue
        number = as_number(value)
        if (
            number is not None
            and number == as_number(own)
            and _currencies(value) <= _currencies(own)
        ):
            what = "number"
        elif written_as_date(value, own):
            what = "date"
        elif written_as_truth(value, own):
            what = "truth value"
        else:
            continue
        fields[key] = own
        if warn is not None:
            warn(
                f"{where}: warning: question '{question.id}': its {key} '{value}' is the bank's "
                f"'{own}' as a spreadsheet writes the {what} it reads in it; kept '{own}' "
                f"(format the {key} column as text to keep such texts as typed)"
            )


def _as_the_bank_writes_it(fields: dict[str, Value], question: Question) -> None:
    """A row's texts that are the bank's but for how their characters are composed (a
    sheet saved in NFD) as the bank writes them: each accented question was reported
    updated and rewritten decomposed (a review)."""

    def same(a: object, b: object) -> bool:
        return isinstance(a, str) and isinstance(b, str) and same_text(a) == same_text(b)

    for key, value in fields.items():
        own = getattr(question, key, None)
        if same(value, own):
            fields[key] = own  # type: ignore[assignment]
        elif isinstance(value, list) and isinstance(own, tuple) and len(value) == len(own):
            fields[key] = [b if same(a, b) else a for a, b in zip(value, own, strict=True)]


def with_bank_marks(
    fields: dict[str, Value], question: Question, unmarked: Mapping[str, list[str]]
) -> None:
    """A row's lists whose marks import took off (`unmarked`: the items as typed) as the
    bank writes them: the bank's own items when the list is theirs without their marks, all
    and in order ('1. Identify', which an earlier qbank exported without the mark that keeps
    it, came back as 'Identify': a review); the items as typed, marks and all, where every
    item of the bank's list has a mark of its own (a numbered list that gained a step lost
    every number). Items that kept marks of their own are as the sheet has them: the
    bank's export writes '- 1. Contain' so that they do ('- - 1. Contain' came of a second
    round trip: a review). A list edited otherwise is the sheet's."""
    for key, typed in unmarked.items():
        own = getattr(question, key)
        items = fields.get(key)
        if not isinstance(items, list) or all(_ITEM_MARK.match(i) for i in items):
            continue
        if items == [_ITEM_MARK.sub("", i, count=1) for i in own]:
            fields[key] = list(own)
        elif own and all(_ITEM_MARK.match(i) for i in own):
            fields[key] = list(typed)


def _all_marked(cell: str) -> bool:
    """Whether a cell of several lines has a list mark before each (split_list takes them
    off)."""
    return "\n" in cell and all(_ITEM_MARK.match(p) for p in cell.split("\n") if p.strip())


def split_list(cell: str, words: bool = False, commas: bool = False) -> list[str]:
    """A list cell's items: one a line when it has a line break (each line's list mark,
    '- ', '• ' or '1. ', taken off when every line has one), else split on `;`, else
    (for Anki's space-separated tags) on blanks, else (`commas`: tags, which a colleague
    types as "shell, i18n") on a comma and the blank after it: a tag such as "1,000-rows",
    which an export writes alone in its cell, stays one."""
    if commas and ";" in cell and "\n" not in cell:  # tags: "first aid , CPR; x" is three
        tags = (t.strip() for part in cell.split(";") for t in re.split(r"\s*,\s+", part))
        return [t for t in tags if t]
    if "\n" in cell:
        parts = [p for p in cell.split("\n") if p.strip()]
        if _all_marked(cell):  # '- Mentions policy' was '• - Mentions'
            parts = [_ITEM_MARK.sub("", p, count=1) for p in parts]
    elif ";" in cell or not (words or commas):
        parts = cell.split(";")
    elif words:
        parts = cell.split()
    else:
        parts = re.split(r"\s*,\s+", cell)
    return [p.strip() for p in parts if p.strip()]


def _source(item: str) -> Source:
    found = _SOURCE.fullmatch(item)
    if found:
        return Source(found["title"], found["url"])
    return Source(item, "")  # the loader names what is missing


def _in_column(problem: Problem, table: Table) -> Problem:
    """A problem that names a field whose column is headed otherwise ('Durée' for
    minutes) names the column too: a teacher who typed 'Durée' was told of 'minutes' alone
    (a trial)."""
    for field, header in zip(table.columns, table.headers, strict=False):
        said = f": '{field}' "
        if field and header.strip().casefold() != field and said in problem.message:
            named = f": '{field}' (column '{header.strip()}') "
            return replace(problem, message=problem.message.replace(said, named, 1))
    return problem


def _on_row(
    problem: Problem, starts: list[int], rows: list[int], at: Mapping[int, list[int]]
) -> Problem:
    """A problem in the generated YAML, placed on the spreadsheet row it came from (and a
    line it names, as in "first used on line 8", named as that row); `at`: the rows of
    lines before the questions (a section's line in `sections:`, the rows that name it).
    A section's problem is said at its first row and names the others, each a cell to
    change: at its first alone, a column typed down the sheet took a run a row (a trial)."""

    def row_of(line: int) -> int:  # bisect: a sheet of 20,000 bad rows stays linear
        if line in at:
            return at[line][0]
        index = bisect.bisect_right(starts, line) - 1
        return rows[index] if index >= 0 else 1

    message = re.sub(r"\bline (\d+)", lambda m: f"row {row_of(int(m[1]))}", problem.message)
    if others := at.get(problem.line, [])[1:]:
        has = "row {} has" if len(others) == 1 else "rows {} have"
        message += f"; {has.format(label_ranges(others, word=''))} this section too"
    return Problem(problem.file, row_of(problem.line), message)


# -- writing -------------------------------------------------------------------------------


def sheet_bank(bank: Bank, sheet_folder: Path) -> Bank:
    """`bank` as a sheet written into `sheet_folder` holds it: a Markdown text's image
    paths relative to the sheet, as `import` reads them, instead of to the bank. A picture
    outside that folder is an error, since `import` would refuse it from there."""
    folder = Path(bank.source).parent.resolve()
    if bank.markup != "markdown" or folder == sheet_folder.resolve():
        return bank
    md = parser()
    problems = []

    def moved(q: Question, text: str) -> str:
        result, said = rebased(text, folder, sheet_folder.resolve(), md)
        problems.extend(
            Problem(
                bank.source,
                q.line,
                f"question '{q.id}': {_exported(message, sheet_folder, folder)}",
            )
            for message in said
        )
        return result

    questions = []
    for q in bank.questions:
        changes: dict[str, object] = {}
        for key in RICH_KEYS - {"description"}:
            value = getattr(q, key)
            if isinstance(value, tuple):
                changes[key] = tuple(moved(q, text) for text in value)
            elif isinstance(value, str):
                changes[key] = moved(q, value)
        questions.append(replace(q, **changes))
    if problems:  # a picture shown in several fields of a question is named once
        raise BankError(list(dict.fromkeys(problems)))
    return replace(bank, questions=tuple(questions))


def _exported(message: str, sheet_folder: Path, bank_folder: Path) -> str:
    """sheet_images' word for a picture that cannot move, said of an export. It said to
    write the sheet into 'a folder that holds the pictures', and a copy of them put there
    was still outside (a trial): `import` takes a picture's path from the sheet's folder."""
    path = re.search(r"the image '([^']*)'", message)
    name = f"the image '{path[1]}'" if path else "an image"
    return (
        f"{name} is outside {sheet_folder}, where the sheet goes, and `import` takes a "
        "picture only from the sheet's folder or below it; write the sheet into the bank's "
        f"folder, {bank_folder}, or a folder above it"
    )


# a Markdown text's cells: a line break typed in a cell shows in the bank (a trial's three
# lines printed as one), and a bank's own line that Markdown joins to the next goes to the
# sheet with one blank at its end, which CommonMark drops, so that it comes back joined
_BROKEN_TEXTS = ("question", "hint", "note")


def _breaks_kept(question: dict[str, Value], md: MarkdownIt) -> dict[str, Value]:
    """The question of a sheet for a Markdown bank, its texts' line breaks kept
    (_lines_kept)."""
    kept = dict(question)
    for key in _BROKEN_TEXTS:
        if isinstance(text := kept.get(key), str):
            kept[key] = _lines_kept(text, md)
    return kept


def _lines_kept(text: str, md: MarkdownIt | None = None) -> str:
    """A cell's text for a Markdown bank: each line break inside a paragraph is a line
    break, a backslash at its line's end, unless its line ends in one blank, the mark of a
    bank's joined line (_breaks_marked), which comes off."""
    lines = text.split("\n")
    for at, hard in paragraph_breaks(text, md).items():
        line = lines[at]
        if hard or line.endswith("  "):
            continue
        if not line.endswith(" "):
            lines[at] = line + "\\"
        elif (len(line) - 1 - len(line[:-1].rstrip("\\"))) % 2 == 0:
            lines[at] = line[:-1]  # unless a backslash before it would then break the line
    return "\n".join(lines)


def _breaks_marked(text: str) -> str:
    """A Markdown bank's text for its cell, which _lines_kept reads back as it is: a line
    Markdown joins to the next ends in a blank, and a line break's backslash comes off
    (the cell's line break is one) where that leaves the text's blocks as they were. A
    line that ends in one blank before Markdown joins it comes back without it, which
    Markdown drops anyway."""
    marked = text
    for bare in (True, False):
        lines = text.split("\n")
        for at, hard in paragraph_breaks(text).items():
            line = lines[at]
            if hard and bare and line.endswith("\\"):
                lines[at] = line[:-1]
            elif not hard and not line.endswith(" "):
                lines[at] = line + " "
        marked = "\n".join(lines)
        if _lines_kept(marked) == text:
            break
    return marked


# the languages whose countries write a decimal comma, where Excel opens a CSV by its
# list separator, ';', and set a comma-separated sheet in one column (a French teacher's
# trial: the export came back comma-separated, where the sheet was ';'): a bank in one of
# them is exported with ';', which import reads as it reads ','
SEMICOLON_LANGUAGES = frozenset(
    "fr de es it pt nl da fi sv nb nn no is pl cs sk sl hr sr bs hu ro bg ru uk be tr el lt "
    "lv et ca gl eu id vi az kk".split()
)


def write_spreadsheet(
    bank: Bank,
    tab: bool,
    warn: Callable[[str], None] | None = None,
    based_on: Bank | None = None,
) -> str:
    """The bank's questions as CSV (`tab` false; `;` as its separator in a language of
    SEMICOLON_LANGUAGES) or TSV: a header row (in the bank's language where SHEET_HEADERS
    has its words, else the fields' names), then a row each,
    which ends in its base (sheet_base) of the same question of `based_on` (the bank
    itself where `bank` is the one made for the sheet's folder: sheet_bank); a cell longer
    than a spreadsheet keeps is said on `warn`."""
    bases = [fingerprint(based_on or bank, q) for q in (based_on or bank).questions]
    used = [
        key
        for key in COLUMNS
        if key in ("question", "hint", "id", "section")
        or any(getattr(q, key) for q in bank.questions)
    ]
    out = io.StringIO(newline="")
    language = primary(bank.language or "en")
    semicolon = language in SEMICOLON_LANGUAGES
    writer = RowWriter(
        out, delimiter="\t" if tab else ";" if semicolon else ",", lineterminator="\r\n"
    )
    # headed in the bank's language where import reads its words, else in English
    headers = SHEET_HEADERS.get(language, {})
    writer.writerow([*(headers.get(key, key) for key in used), BASE_HEADER])
    for q, base in zip(bank.questions, bases, strict=True):
        cells = [formula_guarded(_cell(bank, q, key), numbers=True) for key in used]
        for key, cell in zip(used, cells, strict=True):
            if warn is not None and (length := cell_length(cell)) > CELL_LIMIT:
                warn(
                    f"{bank.location(q)}: warning: question '{q.id}': its {key} cell holds "
                    f"{length:,} characters, more than the {CELL_LIMIT:,} a spreadsheet "
                    "cell keeps: Excel, and LibreOffice Calc saving .xlsx, cut the rest, and "
                    f"the sheet comes back with a shorter {key}; shorten it, or edit this "
                    "question in the bank"
                )
        # what the row said when written, for import --into's three-way update
        writer.writerow([*cells, formula_guarded(base, numbers=True)])
    return out.getvalue()


def _cell(bank: Bank, q: Question, key: str) -> str:
    value = getattr(q, key)
    if value is None:
        return ""
    if key == "competency":
        c = bank.competency(value)
        assert c is not None  # the loader refuses a name the bank does not list
        weight = f" (weight {c.weight})" if c.weight != 1 else ""
        return f"{c.name}{weight}: {c.description}"
    if key == "anchors":
        value = tuple(f"{score}: {text}" for score, text in value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        broken = bank.markup == "markdown" and key in _BROKEN_TEXTS
        return _breaks_marked(value) if broken else value
    items = [f"{s.title} <{s.url}>" if isinstance(s, Source) else s for s in value]
    for item in items:
        if "\n" in item:
            raise QbankError(
                f"{bank.location(q)}: question '{q.id}': a {key} item holds a line break, "
                "which a spreadsheet list cell cannot keep (one item a line); write it on one line"
            )
    # one item holding `;` (a tag, a comma) would be split on it; a line break makes it one
    # item a line
    alone = len(items) == 1 and (";" in items[0] or (key == "tags" and "," in items[0]))
    if (len(items) > 1 or alone) and all(_ITEM_MARK.match(i) for i in items):
        items = [f"- {item}" for item in items]  # the mark import takes off, not their own
    joined = "\n".join(items)
    return joined + "\n" if alone else joined
