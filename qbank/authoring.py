"""Starting and converting a bank: `new`, `schema`, `import`, `export` and `check --fix-ids`.

Library functions the command line maps onto; none of them overwrites a bank.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath

import yaml

from qbank.atomic import Transaction
from qbank.bank import MAX_BANK_BYTES, _Loader, ids, load_bank, no_collection, parse_bank
from qbank.bank.imported import BLACKBOARD_NOT_READ, QTI_NOT_READ
from qbank.bank.sheet_base import BASE_HEADER, three_way
from qbank.bank.slugs import unique_id
from qbank.bank.spreadsheet import (
    as_the_banks,
    ids_numbered_from,
    questions_by_text,
    read_spreadsheet,
    read_table,
    sheet_bank,
    sheet_questions,
    write_spreadsheet,
)
from qbank.bank.update import Changes, merged_text, on_sheet_rows, sections_misspelt
from qbank.bank.writer import quote
from qbank.errors import BankError, QbankError
from qbank.model import Bank
from qbank.paths import BUILTIN_TEMPLATES, SCHEMA, Templates, builtin_template_names, read_text
from qbank.project import CONFIG, banks_in, read_settings
from qbank.text import agrees, and_list, counted
from qbank.untrusted import Archive, open_regular

SCHEMA_NAME = "schema.json"
SCHEMA_ID = "https://qbank.invalid/schema/bank.json"  # the $id of bank/schema.json
OWN_SCHEMA_NAME = "qbank.schema.json"  # when the folder's schema.json is someone else's
DEFAULT_SECTIONS = ("Basics", "Scenarios")


def schema_text() -> str:
    return SCHEMA.read_text(encoding="utf-8")


def schema_name(folder: Path) -> str | None:
    """The name under which qbank's schema is, or may be written, in `folder`: what a
    bank there names on its `$schema` line. A file of that name that is not qbank's
    schema (or a link, a folder) is never touched; None when both names are someone
    else's."""
    for name in (SCHEMA_NAME, OWN_SCHEMA_NAME):
        path = folder / name
        if not os.path.lexists(path) or _ours(path):
            return name
    return None


def place_schema(folder: Path, name: str | None) -> Path | None:
    """Write qbank's schema as `folder / name` (from `schema_name`), unless it is there
    already; an older qbank schema is brought up to date. The path written, or None."""
    if name is None:
        return None
    path = folder / name
    if _same(path, schema_text()):
        return None
    if os.path.lexists(path) and not _ours(path):  # appeared since schema_name looked
        return None
    try:
        replace_file(path, schema_text().encode("utf-8"))
    except QbankError:  # a bank without its schema still loads
        return None
    return path


_MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")


def schema_behind(bank_path: Path) -> str | None:
    """A warning when the schema that a bank's `$schema=` line names for its editor is an
    earlier qbank's, without fields this one reads: an editor marks them as mistakes. The
    schema `qbank new` wrote beside a bank stayed as it was through every upgrade (an
    upgrade trial: `language:` underlined as not allowed)."""
    try:
        head = bank_path.read_text(encoding="utf-8").split("\n")[:20]
    except (OSError, UnicodeDecodeError):
        return None
    line, name = next(
        ((n, m.group(1)) for n, text in enumerate(head, 1) if (m := _MODELINE.match(text))),
        (0, ""),
    )
    path = bank_path.parent / name
    if not name or "/" in name or not _ours(path) or _same(path, schema_text()):
        return None
    missing = sorted(_fields(json.loads(schema_text())) - _fields(json.loads(path.read_bytes())))
    if not missing:
        return None
    return (
        f"{bank_path}:{line}: warning: {name} is the bank format of an earlier qbank, "
        f"without {and_list(missing)}, which an editor it guides marks as mistakes; "
        f"`qbank schema > {name}` in the bank's folder writes this qbank's"
    )


def _fields(schema: dict) -> set[str]:
    """The names of a bank schema's fields: the bank's and a question's."""
    question = schema.get("$defs", {}).get("question", {}).get("properties", {})
    return set(schema.get("properties", {})) | set(question)


def _ours(path: Path) -> bool:
    """A regular file (not a link) holding a qbank bank schema, of this or an older
    version."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        return json.loads(path.read_bytes()[: 1 << 20]).get("$id") == SCHEMA_ID
    except (OSError, ValueError, AttributeError):
        return False


def _same(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def write_new_file(path: Path, text: str) -> None:
    """Write `path` whole, or not at all; an existing file is never replaced."""
    _write_whole(path, text.encode("utf-8"), only_new=True)


def _resolved(folder: Path) -> Path:
    """Where `folder` leads, links followed, though it may not exist yet: its nearest
    existing folder's place, and the rest of its names."""
    missing: list[str] = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder.name)
        folder = folder.parent
    return folder.resolve().joinpath(*reversed(missing))


def write_pictures(folder: Path, pictures: dict[str, bytes]) -> list[Path]:
    """Write an imported bank's pictures under `folder`, each whole or not at all, and
    return the files and folders it made (for `unwrite`). A file already there is kept when
    it holds the same bytes, and refused otherwise, before anything is written; a failure
    or a stop while writing takes back what was written."""
    targets = [(folder / PurePosixPath(path), data) for path, data in pictures.items()]
    inside = folder.resolve()
    for target, data in targets:
        # where its folders lead: a link out of the bank's folder took a picture elsewhere,
        # which `check` then refused (a hostile trial)
        if not _resolved(target.parent).is_relative_to(inside):
            raise QbankError(
                f"{target}: its folder leads outside the bank's folder (a symbolic link); a "
                "bank's pictures stay in its folder: remove the link, or write the bank "
                "elsewhere with -o"
            )
        if target.exists() and (not target.is_file() or target.read_bytes() != data):
            raise QbankError(f"{target}: already exists; qbank never overwrites it")
    made: list[Path] = []
    try:
        for target, data in targets:
            if target.exists():
                continue
            made += reversed([p for p in target.parents if not p.exists()])
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise QbankError(f"{target}: cannot write: {exc.strerror}") from None
            _write_whole(target, data, only_new=True)
            made.append(target)
    except BaseException:  # a stop (Ctrl-C) too: no picture without its bank (a hostile trial)
        unwrite(made)
        raise
    return made


def unwrite(made: list[Path]) -> None:
    """Take back what write_pictures made: its files, then its folders left empty."""
    for path in reversed(made):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink()


SETTINGS_TEXT = """\
# qbank's settings for this folder. A command run here without --bank uses this bank;
# an option on the command line wins over each setting. Remove a # to use a line.
bank = {bank}
# out = "output"            # the folder for the artifacts
# paper = "letter"          # a4 (the default) or letter
# templates = "look"        # your own look: qbank templates look, then edit its files
# organisation = "Example Ltd"  # on the booklet's cover, the packet's header, the study page
# logo = "logo.png"         # an image beside the bank, shown with the organisation
"""


def place_settings(bank: Path) -> Path | None:
    """Write qbank.toml beside a new bank, naming it, unless the folder has one already;
    the path written, or None."""
    path = bank.parent / CONFIG
    if path.exists() or _other_banks(bank):
        return None
    write_new_file(path, SETTINGS_TEXT.format(bank=_toml_string(bank.name)))
    return path


def other_bank_note(bank: Path) -> str:
    """What to know when the folder's qbank.toml names another bank than the new one: the
    commands run without --bank keep using that one."""
    named = read_settings(bank.parent).bank
    if named is None and (others := _other_banks(bank)):
        names = ", ".join(p.name for p in others)
        folder = "this folder" if str(bank.parent) == "." else str(bank.parent)
        return (
            f"{bank.name}: {folder} also holds {names}, so commands without --bank there now "
            "ask which "
            f"bank to use; give {_command('--bank', bank.name)}, or name one in "
            f"{bank.parent / CONFIG} "
            f'(bank = "{bank.name}")'
        )
    if named is None or named.resolve() == bank.resolve():
        return ""
    return (
        f"{bank.parent / CONFIG}: names {named.name}, so commands without --bank still use "
        f"that bank; give {_command('--bank', bank.name)}, or name it in {CONFIG} "
        f'(bank = "{bank.name}")'
    )


def _other_banks(bank: Path) -> list[Path]:
    """The banks beside `bank` in its folder: a qbank.toml naming the new one would change,
    without a word, the bank that commands without --bank use there."""
    return [p for p in banks_in(bank.parent) if p.resolve() != bank.resolve()]


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def starter_bank(title: str, sections: Sequence[str], schema: str | None) -> str:
    """A bank that shows every field once, with one example question per section."""
    sections = list(dict.fromkeys(s.strip() for s in sections if s.strip())) or list(
        DEFAULT_SECTIONS
    )
    taken: set[str] = set()
    questions = []
    for number, section in enumerate(sections, start=1):
        text = f"Example question {number} for {section}: what would you ask here?"
        qid = unique_id(f"example {number} {section}", taken)
        taken.add(qid)
        form = _STARTER_QUESTION if number == 1 else _SHORT_QUESTION
        questions.append(form.format(id=qid, section=quote(section), question=quote(text)))
    section_lines = "\n".join(
        f"  - name: {quote(name)}\n    description: {quote(f'What {name} covers.')}"
        if i == 0
        else f"  - {quote(name)}"
        for i, name in enumerate(sections)
    )
    return _STARTER.format(
        modeline=f"# yaml-language-server: $schema={schema}\n" if schema else "",
        title=quote(title),
        role=quote(title),
        sections=section_lines,
        questions="\n".join(questions),
    )


_STARTER = """\
{modeline}# A qbank question bank. In its folder, `qbank check` checks it and `qbank all` builds
# everything (qbank.toml names it); from another folder, add --bank and its path.
#
# Quoting: put text in "double quotes" when it contains ': ' or ' #', starts with one of
# ` * & ! % @ [ {{ | > ' " or a blank, or would otherwise read as something else: yes, no,
# on, off, true, false, null, a number or a date. Inside double quotes write \\" for a
# quote and \\\\ for a backslash. Quoting every text is always safe.
title: {title}
# Texts are Markdown: **strong**, *emphasis*, `code`, lists, code blocks in ``` fences and
# pictures, ![what it shows](diagram.png), beside this file. `markup: plain` shows every
# character as typed instead.
markup: markdown
description: "One paragraph under the title: who the bank is for."  # optional
# role: {role}  # optional: the job it interviews for (the packet's header names it, else
# the title); a role makes this an interview bank, whose LMS files keep its hints from learners
# language: en  # optional: the texts' language (de, pt-BR), for screen readers
# reviewed: 2026-01-31  # optional: the day the facts were last checked (check --stale)

# optional: the tag vocabulary; when given, every question tag must be one of these
tags:
  - {{name: example, description: "Rule for when a question carries this tag."}}

# optional: what an interview measures; once one question names a competency, every
# question does (see docs/bank-format.md)
# competencies:
#   - {{name: example-skill, description: "What this skill covers."}}

# optional: sections in order; a name, or a name with a description for the booklet
sections:
{sections}

# optional: the packet's rating scale, lowest first (default: 1 to 5)
# rubric:
#   - {{score: 1, label: "No evidence", anchor: "Did not address the question."}}
#   - {{score: 2, label: "Solid", anchor: "Covered the main points."}}

questions:
{questions}"""

_STARTER_QUESTION = """\
  - id: {id}  # permanent: lowercase letters, digits, hyphens; never reuse one
    section: {section}
    question: {question}
    # the hint is the answer, which the workshop handout and a card's front leave out: code
    # the candidate must read goes in the question, as a block too (question: |)
    hint: |  # a | block keeps its lines: a list and a code block
      What a structured answer covers:

      1. the main risk, named;
      2. what to do first.

      ```python
      print("code is highlighted in every artifact")
      ```
    tags: [example]  # optional
    look_for:  # optional: signals of a strong answer (tick boxes in the packet)
      - "Names the main risk"
    follow_ups:  # optional
      - "What would you do first?"
    minutes: 5  # optional: whole minutes to ask and answer
    note: "An editor's note shown after the hint."  # optional
    sources:  # optional: where the facts come from
      - {{title: "A primary source", url: "https://example.org/"}}
    # group: same-thing  # optional: shared by questions that probe the same thing
    # competency: example-skill  # optional: one of the bank's competencies
    # anchors:  # optional: what an answer at the lowest, a middle and the top score holds
    #   1: "Names no risk."
    #   3: "Names the main risk."
    #   5: "Names the main risk, what to do first, and why."
"""

_SHORT_QUESTION = """\
  - id: {id}
    section: {section}
    question: {question}
    hint: "What a structured answer covers."
    minutes: 5
"""


def _command(*words: str | Path, windows: bool = os.name == "nt") -> str:
    """A command's words for a message, each quoted as a shell would need it to stay one
    word: 'import 'my sheet.csv' --into bank.yaml' (typed as said, a name with a blank was
    two; a review). On Windows in double quotes, which cmd and PowerShell both read
    ('import "my sheet.csv"'): cmd keeps single quotes as part of the word."""
    if windows:
        return " ".join(_windows_word(str(word)) for word in words)
    return " ".join(shlex.quote(str(word)) for word in words)


# what cmd or PowerShell reads as more than a name's letters outside double quotes: 'qbank
# new Q&A.yaml' ran 'qbank new Q' in cmd, and PowerShell refused the '&'
_WINDOWS_SYNTAX = re.compile(r"[&|<>^()%!;,=`'$@{}#]")


def _windows_word(word: str) -> str:
    """`word` as cmd and PowerShell both read it as one word: in double quotes where it
    holds a blank or what either reads as syntax (_WINDOWS_SYNTAX)."""
    quoted = subprocess.list2cmdline([word])
    if quoted == word and _WINDOWS_SYNTAX.search(word):
        return f'"{word}"'
    return quoted


def new_bank(path: Path, title: str | None, sections: Sequence[str]) -> list[Path]:
    """Write a starter bank at `path`, and beside it qbank's schema and a qbank.toml that
    names the bank where the folder has neither; the paths written, the bank first."""
    if path.suffix.lower() not in (".yaml", ".yml"):
        named = path.with_name(f"{path.stem if path.suffix else path.name.rstrip('.')}.yaml")
        # quoted where a shell would split it: 'qbank new mi curso.yaml' was two names
        command = f"qbank {_command('new', named)}"
        raise QbankError(f"{path}: a bank's name ends in .yaml; run {command}")
    if not path.parent.is_dir():
        raise QbankError(f"{path.parent}: no such folder; create it first, or choose another")
    title = title or path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    text = starter_bank(title or "My bank", sections, SCHEMA_NAME)
    try:  # a starter that `check` would refuse is never written
        parse_bank(text, source=str(path), name=path.stem)
    except BankError as error:
        said = {re.sub(r" \(line \d+\)", "", p.message) for p in error.problems}
        raise QbankError("\n".join(f"{path}: {message}" for message in sorted(said))) from None
    schema = schema_name(path.parent)
    write_new_file(path, starter_bank(title or "My bank", sections, schema))
    written = [path, place_schema(path.parent, schema)]  # only once the bank is written
    written.append(place_settings(path))
    return [p for p in written if p is not None]


def import_spreadsheet(
    source: Path,
    out: Path | None,
    title: str | None,
    warn: Callable[[str], None] | None = None,
    markup: str = "plain",
) -> Path:
    """Write the questions of a CSV/TSV file as a bank; nothing is written on a problem.
    A Markdown sheet's image paths, relative to the sheet, are rewritten for `out`."""
    _refuse_what_is_no_sheet(source)
    out = out or source.with_suffix(".yaml")
    _folder_exists(out)
    if _same_file(source, out):
        raise QbankError(f"{out}: is the spreadsheet being read; choose another -o")
    if out.exists() or out.is_symlink():  # a sheet of the bank's, edited: it updates it
        raise QbankError(
            f"{out}: already exists; qbank never overwrites it. To update that bank from the "
            f"sheet: qbank {_command('import', source, '--into', out)}; else write another file "
            "with -o"
        )
    _, text = read_spreadsheet(source, title, warn, markup, bank_folder=out.parent)
    if warn is not None:
        _ids_numbered_by_a_spreadsheet(source, out, warn)
    write_imported_bank(out, text)
    return out


def _ids_numbered_by_a_spreadsheet(source: Path, out: Path, warn: Callable[[str], None]) -> None:
    """Says where a new bank's ids are the numbers a spreadsheet reads in the ids a bank
    beside it gives the same questions ('7' for '007'): a sheet whose ids Calc wrote back
    so made a bank of other ids without a word, and a deck built from it starts those
    cards again (a trial). Without such a bank, a sheet's '7' may have been typed so."""
    others = banks_in(out.parent)
    table = read_table(source) if others else None
    for other in others:
        assert table is not None
        try:
            found = ids_numbered_from(table, load_bank(other))
        except QbankError:  # a bank that does not load is no evidence
            continue
        if found:
            row, typed, qid = found[0]
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            warn(
                f"{source}:{row}: warning: the id '{typed}'{more} is the number a spreadsheet "
                f"reads in the id '{qid}' that {other} gives the same question, so the new "
                "bank's ids are not that bank's (a spreadsheet writes an id typed 007 back as "
                "7, and a deck built from the new bank starts such cards again): to keep "
                "them, update that bank with "
                f"`qbank {_command('import', source, '--into', other)}`, or "
                "format the id column as text and type the ids again"
            )


def _folder_exists(out: Path) -> None:
    """A file `import` or `export` writes (an imported bank, a sheet) goes into a folder
    that is there, as `new`'s does."""
    if out.parent.is_dir():
        return
    if out.parent.exists():
        raise QbankError(f"{out.parent}: is a file, not a folder; choose another -o")
    raise QbankError(f"{out.parent}: no such folder; create it first, or choose another -o")


def write_imported_bank(out: Path, text: str) -> None:
    """Write bank `text` as the new file `out`, naming qbank's schema beside it, which is
    written only once the bank is."""
    schema = schema_name(out.parent) if out.parent.is_dir() else None
    modeline = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    write_new_file(out, modeline + text)
    place_schema(out.parent, schema)


def update_from_spreadsheet(
    source: Path,
    bank_path: Path,
    warn: Callable[[str], None] | None = None,
    prefer: str | None = None,
) -> Changes:
    """Update the bank at `bank_path` from the sheet at `source`, editing its text (see
    qbank.bank.update); written through a transaction once the result passes every check,
    else nothing changes. A field the bank changed since the sheet was exported keeps the
    bank's text where the sheet's is as exported, and one both changed otherwise refuses
    the sheet unless `prefer` ("sheet" or "bank") says which wins (qbank.bank.sheet_base)."""
    _refuse_what_is_no_sheet(source, into=True)
    bank = load_bank(bank_path)
    ids = {q.id for q in bank.questions}
    known = {c.name: (c.description, c.weight) for c in bank.competencies}
    scale = [(level.score, level.label, level.anchor) for level in bank.rubric or ()]
    asked = questions_by_text(bank)
    columns, questions, rows, unmarked, cut, bases = sheet_questions(
        source,
        ids,
        warn,
        bank.markup,
        bank_path.parent,
        known=known,
        language=bank.language,
        rubric=scale,
        asked=asked,
        vocabulary=[(tag.name, tag.description) for tag in bank.vocabulary],
    )
    as_the_banks(bank, questions, rows, unmarked, asked, source, warn, cut, bases)
    three = three_way(bank, columns, questions, rows, bases, source, prefer)
    kept_rows = [n for n in range(len(questions)) if n not in three.left_out]
    questions, rows = [questions[n] for n in kept_rows], [rows[n] for n in kept_rows]
    if three.unread and warn is not None:
        rows_said = ", ".join(map(str, three.unread[:5])) + (
            ", ..." if len(three.unread) > 5 else ""
        )
        warn(
            f"{source}:{three.unread[0]}: warning: the '{BASE_HEADER}' cell of row "
            f"{rows_said} is not the one qbank wrote for its question, so the row is "
            "imported as the sheet has it, over any change made in the bank since the export"
        )
    # the conflicts and the sections' slips, said together, by row
    if problems := three.problems + sections_misspelt(bank, questions, rows, source):
        raise BankError(sorted(problems, key=lambda p: p.line))
    # edited as fix_ids edits it: through a link to its target, in its own inode, so that
    # its mode (a private bank's 600), owner and links stay (a new file took the umask's)
    target, before, data = _bank_to_edit(bank_path)
    text = data.decode("utf-8-sig")
    merged, changes = merged_text(text, bank, columns, questions, str(bank_path))
    changes.kept, changes.chosen = three.kept, three.chosen
    changes.left_out = list(three.left_out.values())
    try:  # every check, or nothing
        parse_bank(merged, source=str(bank_path), name=bank_path.stem)
    except BankError as error:  # a problem of the sheet's rows, said at its row
        raise BankError(on_sheet_rows(error.problems, merged, questions, rows, source)) from None
    if merged != text:
        if not before.st_mode & 0o222:
            raise QbankError(f"{bank_path}: the bank is read-only; make it writable to update it")
        bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
        edit_in_place(
            target,
            data,
            (bom + merged).encode("utf-8"),
            before,
            shown_as=bank_path,
            again=_command("import", source, "--into", bank_path),
        )
    return changes


# a QTI 1.2 file's root, after its prolog and comments: a quiz, or one item kept alone
# (a DOCTYPE before it read a Canvas quiz as Moodle XML, and was refused in Moodle's words)
_QTI_ROOT = re.compile(
    r"(?:\ufeff)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*"
    r"(?:<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>\s*)?(?:<!--.*?-->\s*)*<(?:\w+:)?(?:questestinterop|item)\b",
    re.DOTALL,
)
_GIFT_START = re.compile(r"\s*(\$CATEGORY:|::|//)")
# what `import --into` says of a Canvas quiz export, which `import` alone reads
_CANVAS_INTO = (
    "a Canvas quiz export, which import --into does not read: it updates a bank from a "
    "spreadsheet saved as CSV or TSV. Import the quiz without --into to make a bank of it"
)
_WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")
# the question types of Blackboard's upload format, which starts each row with one
_BLACKBOARD_ROW = re.compile(r"(ESS|MC|MA|TF|FIB|FIB_PLUS|SR|NUM|ORD|MAT|OP|JUMBLED_SENTENCE)\t")


def _refuse_what_is_no_sheet(source: Path, into: bool = False) -> None:
    """A file that `import` cannot read as a spreadsheet, said with what to do instead."""
    suffix = source.suffix.lower()
    reads = "import --into reads a spreadsheet saved as CSV or TSV (.csv, .tsv, .txt)"
    if not into:
        reads = (
            "import reads a spreadsheet saved as CSV or TSV (.csv, .tsv, .txt), Moodle XML "
            "(.xml), GIFT (.gift) or a Canvas quiz export (.zip)"
        )
    if suffix in (".zip", ".imscc") and (names := _content_package(source)):
        said = BLACKBOARD_NOT_READ if ".bb-package-info" in names else _CANVAS_INTO
        raise QbankError(f"{source}: {said}")
    if suffix in (".qti", ".dat") and (said := _qti_file(source)):
        raise QbankError(f"{source}: {_CANVAS_INTO if said == QTI_NOT_READ else said}")
    if suffix in _WORKBOOKS:
        raise QbankError(
            f"{source}: {reads}, not a workbook; save the sheet as CSV UTF-8 (Excel: File > "
            "Save As > CSV UTF-8; LibreOffice: File > Save As > Text CSV, UTF-8) and import "
            "that"
        )
    if suffix not in (".csv", ".tsv", ".txt"):
        raise QbankError(f"{source}: {reads}")
    if suffix == ".txt":
        try:
            with source.open("rb") as file:
                start = file.read(200).decode("utf-8-sig", "replace")
        except OSError:
            return  # the reader says why it cannot be read
        if _BLACKBOARD_ROW.match(start):
            raise QbankError(
                f"{source}: a Blackboard upload file, which import does not read (its rows "
                "hold no ids or sections); import the bank's Moodle XML or GIFT file instead"
            )


def _qti_file(source: Path) -> str:
    """What import says of a QTI file named as a package holds one: Canvas's `<id>.xml.qti`
    (its non_cc_assessments/), Blackboard's `res00001.dat`; '' for any other file. Only the
    file's start is read."""
    try:
        with source.open("rb") as file:
            start = file.read(4096).decode("utf-8", "replace")
    except OSError:
        return ""  # the reader says why it cannot be read
    if not re.search(r"<(?:questestinterop|assessment|item)\b", start):
        return ""
    return BLACKBOARD_NOT_READ if "<bbmd_" in start else QTI_NOT_READ


def _content_package(source: Path) -> set[str]:
    """The names in `source` where it is an IMS content package (a zip with an
    imsmanifest.xml at its top), as Canvas exports a quiz's QTI and Blackboard a test or
    pool (with its `.bb-package-info` beside); else none. Only the zip's list of names is
    read."""
    if not source.is_file():
        return set()
    try:  # within the bound of its list of names: 255 MB of them took 32 s and 950 MB
        with Archive(source, "package") as package:
            names = package.names()
    except QbankError:
        return set()
    return names if "imsmanifest.xml" in names else set()


def import_kind(source: Path) -> str:
    """What `import` reads `source` as: 'moodle' (.xml), 'gift' (.gift, or a .txt that
    starts as GIFT does), else 'spreadsheet' (whose reader refuses a Blackboard upload file,
    looked for first: its first row's question may hold GIFT's braces)."""
    suffix = source.suffix.lower()
    if suffix == ".qti" or (suffix in (".zip", ".imscc") and _content_package(source)):
        return "qti"  # Canvas's quiz export, its course export, a bare `<id>.xml.qti`
    if suffix == ".xml":
        try:
            with source.open("rb") as file:
                start = file.read(4096).decode("utf-8", "replace")
        except OSError:
            return "moodle"  # its reader says why it cannot be read
        return "qti" if _QTI_ROOT.match(start) else "moodle"
    if suffix == ".gift":
        return "gift"
    if suffix == ".txt":
        try:
            with source.open("rb") as file:
                start = file.read(4096).decode("utf-8-sig", "replace")
        except OSError:
            return "spreadsheet"  # its reader says why it cannot be read
        if _BLACKBOARD_ROW.match(start):
            return "spreadsheet"
        if _GIFT_START.match(start) or re.search(r"\{[^\t]*\}", start.split("\n", 1)[0]):
            return "gift"
    return "spreadsheet"


def import_questions(
    source: Path,
    out: Path | None,
    title: str | None,
    warn: Callable[[str], None] | None = None,
    markup: str = "plain",
    language: str | None = None,
) -> tuple[Path, list[str]]:
    """Write the questions of a spreadsheet, a Moodle XML or a GIFT file as a bank; nothing
    is written on a problem. Returns the bank's path and a message for each thing of the
    file that the bank could not carry. `markup` is the spreadsheet's texts' (a Moodle or
    GIFT file says its own); `language` the one a Moodle or GIFT file's texts given in
    several languages come in (default: the one most of them give first)."""
    if import_kind(source) == "spreadsheet":
        _moodle_only(source, language)
        return import_spreadsheet(source, out, title, warn, markup), []
    _plain_only(source, markup)
    out = out or source.with_suffix(".yaml")
    _folder_exists(out)
    if _same_file(source, out):
        raise QbankError(f"{out}: is the file being read; choose another -o")
    text, losses, pictures = _imported(source, title, out.stem, language)
    if out.exists():  # before any picture is written beside it
        raise QbankError(
            f"{out}: already exists; qbank never overwrites it: write another file with -o"
        )
    for path in pictures:  # a picture written first stood where the bank was to go
        if out.parent / PurePosixPath(path) in (out, out.parent / CONFIG):
            raise QbankError(
                f"{source}: a picture in it is named {path!r}, the name of the "
                f"{'bank' if out.name == PurePosixPath(path).name else 'settings file'} "
                "this import writes; rename the picture in the file, or write the bank "
                "elsewhere with -o"
            )
    made = write_pictures(out.parent, pictures)
    try:
        write_imported_bank(out, text)
    except BaseException:  # the pictures go with the bank they belong to
        unwrite(made)
        raise
    return out, losses


def import_text(
    source: Path,
    title: str | None,
    name: str,
    warn: Callable[[str], None] | None = None,
    markup: str = "plain",
    language: str | None = None,
) -> tuple[str, list[str]]:
    """The bank `import_questions` would write, as text (for `-o -`), named `name`, and
    what the file held that the bank could not carry. A Markdown sheet's image paths stay
    as written: relative to the sheet, as they are checked. The text alone has no room for
    the pictures of a Moodle or GIFT file: they are named as not written."""
    if import_kind(source) == "spreadsheet":
        _moodle_only(source, language)
        return spreadsheet_bank_text(source, title, warn, markup), []
    _plain_only(source, markup)
    text, losses, pictures = _imported(source, title, name, language)
    if pictures and import_kind(source) in ("moodle", "qti"):  # a GIFT file's lie beside it already
        losses.append(
            f"{source}: {counted(len(pictures), 'picture')} {agrees(len(pictures), 'is', 'are')}"
            f" not written, since -o - writes the bank's text only ({', '.join(pictures)}); give"
            f" -o FILE to write {agrees(len(pictures), 'it', 'them')} beside it"
        )
    return text, losses


def _imported(
    source: Path, title: str | None, name: str, language: str | None = None
) -> tuple[str, list[str], dict[str, bytes]]:
    """A Moodle XML or GIFT file's bank text, its losses and its pictures by path."""
    from qbank.bank.gift import read_gift
    from qbank.bank.imported import imported_bank
    from qbank.bank.moodle import read_moodle
    from qbank.bank.qti import read_qti

    kind = import_kind(source)
    moodle = kind in ("moodle", "qti")  # whose pictures come from the file itself
    if kind == "qti":
        read = read_qti(source, language)
    else:
        read = read_moodle(source, language) if moodle else read_gift(source, language)
    bank, text, losses = imported_bank(read, name, title)
    files = dict(read.files)  # a Moodle file's own; a GIFT file's lie beside it
    if not moodle:  # written beside the bank, so that its paths, the GIFT file's, still hold
        for q in bank.questions:
            shown = (q.question, q.hint, q.note or "", *q.look_for, *q.follow_ups)
            files.update((p.path, p.data) for p in bank.pictures(shown))
    return text, losses, files


# what `export --format` writes, with the file's extension
EXPORT_FORMATS = {"csv": "csv", "tsv": "tsv", "anki-tsv": "txt", "quizlet": "txt"}


def spreadsheet_bank_text(
    source: Path,
    title: str | None,
    warn: Callable[[str], None] | None = None,
    markup: str = "plain",
) -> str:
    """The bank `import_spreadsheet` would write, as text (for `-o -`)."""
    _refuse_what_is_no_sheet(source)
    return read_spreadsheet(source, title, warn, markup)[1]


def _plain_only(source: Path, markup: str) -> None:
    if markup != "plain":
        raise QbankError(
            f"{source}: --markup {markup} is for a spreadsheet; a Moodle XML or GIFT file "
            "says the format of its own texts"
        )


def _moodle_only(source: Path, language: str | None) -> None:
    if language is not None:
        raise QbankError(
            f"{source}: --lang {language} is for a Moodle XML or GIFT file, whose texts may give "
            "several languages; a spreadsheet's texts are in one"
        )


def copy_templates(folder: Path) -> tuple[list[Path], list[Path]]:
    """Copy every built-in template file into `folder` (made if missing), ready to edit and
    use with --templates; a file already there is kept, never overwritten. The files
    written, and those kept."""
    if folder.exists() and not folder.is_dir():
        raise QbankError(f"{folder}: is a file, not a folder")
    written, kept = [], []
    for name in builtin_template_names():
        target = folder / name
        if target.exists():
            kept.append(target)
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise QbankError(f"{target.parent}: cannot make the folder: {exc.strerror}") from None
        write_new_file(target, read_text(BUILTIN_TEMPLATES / name))
        written.append(target)
    return written, kept


def spreadsheet_text(
    bank_path: Path,
    fmt: str,
    warn: Callable[[str], None] | None = None,
    templates: Path | None = None,
) -> str:
    """The bank's questions as `export_spreadsheet` writes them (for `-o -`), but for a
    Markdown bank's picture paths, which stay relative to the bank: where the standard
    output goes is not known here."""
    return export_text(load_bank(bank_path), fmt, warn, templates)


def export_text(
    bank: Bank,
    fmt: str,
    warn: Callable[[str], None] | None = None,
    templates: Path | None = None,
    sheet_folder: Path | None = None,
) -> str:
    """The bank's questions in the `export --format` named `fmt`; what flashcard text
    leaves out (pictures) goes to `warn`. The Anki TSV's headings are the look's (the
    folder `templates` over the built-in one). A CSV or TSV written into `sheet_folder`
    names a Markdown bank's pictures from there, as `import` reads them (sheet_bank)."""
    if fmt in ("anki-tsv", "quizlet"):
        from qbank.study_text import anki_tsv, pictures_left_out, quizlet_text

        anki = fmt == "anki-tsv"
        for warning in pictures_left_out(bank, "Anki's text import" if anki else "Quizlet", anki):
            if warn is not None:
                warn(warning)
        if anki:
            return anki_tsv(bank, Templates.of(templates))
        return quizlet_text(bank)
    # each row's base is of the bank's own text, which import compares it with
    shown = bank if sheet_folder is None else sheet_bank(bank, sheet_folder)
    return write_spreadsheet(shown, tab=fmt == "tsv", warn=warn, based_on=bank)


def export_spreadsheet(
    bank_path: Path,
    fmt: str,
    out: Path | None,
    force: bool = False,
    warn: Callable[[str], None] | None = None,
    templates: Path | None = None,
) -> Path:
    """Write the bank's questions as CSV or TSV (lossless, for `import`), as Anki's text
    import reads them (anki-tsv) or as Quizlet's import box takes them (quizlet); an
    existing file (the spreadsheet the bank came from, perhaps) is replaced only when
    `force` says so."""
    bank = load_bank(bank_path)
    kind = "" if fmt in ("csv", "tsv") else f"-{fmt}"
    out = out or Path(f"{bank.name}{kind}.{EXPORT_FORMATS[fmt]}")
    _folder_exists(out)
    if _same_file(bank_path, out):
        raise QbankError(f"{out}: is the bank being exported; choose another -o")
    if not force and out.exists():  # before anything is said of what it would hold
        raise QbankError(f"{out}: already exists; choose another -o, or --force to replace it")
    text = export_text(bank, fmt, warn, templates, sheet_folder=out.absolute().parent)
    if fmt == "csv":  # Excel opens a CSV without the mark in the system's code page
        text = "\ufeff" + text
    if not force:
        write_new_file(out, text)
        return out
    replace_file(out, text.encode("utf-8"))
    return out


def _same_file(read: Path, written: Path) -> bool:
    """Whether writing `written` would write over `read` (the same file, by any name)."""
    try:
        return os.path.samefile(read, written)
    except OSError:  # `written` does not exist yet (or cannot be looked at): not the same
        return False


def _bank_to_edit(bank_path: Path) -> tuple[Path, os.stat_result, bytes]:
    """The file a bank's path leads to (through any link), its status as read and its
    bytes (one past the limit, for the loader to refuse), for `edit_in_place`."""
    target = Path(os.path.realpath(bank_path))
    try:
        with open_regular(target, "bank") as file:
            return target, os.fstat(file.fileno()), file.read(MAX_BANK_BYTES + 1)
    except OSError as exc:
        raise QbankError(f"{bank_path}: cannot read the bank: {exc.strerror}") from None


def fix_ids(bank_path: Path) -> list[tuple[int, str]]:
    """Write an id into the bank for each question without one; (line, id) of each.

    The file is edited as an editor saves it: through a symbolic link to its target, into
    the same inode, so its mode, owner, ACLs and hard links stay. The new text is loaded
    and compared with the old (the same questions, each now with an id) before anything
    is written; a read-only bank, or one that changed since it was read, is refused."""
    target, before, data = _bank_to_edit(bank_path)
    if len(data) > MAX_BANK_BYTES:
        return []  # the check that follows refuses it
    try:
        with no_collection():  # as in loading: 20,000 questions took 1.6 times as long each
            fixed, added = ids.fix_ids(data)
    except ids.Unfixable as exc:
        raise QbankError(f"{bank_path}:{exc}") from None
    if not added:
        return []
    if not before.st_mode & 0o222:
        raise QbankError(f"{bank_path}: the bank is read-only; make it writable to add ids")
    with no_collection():
        _same_questions(bank_path, data, fixed)
    edit_in_place(target, data, fixed, before, shown_as=bank_path)
    return added


def _same_questions(path: Path, old: bytes, new: bytes) -> None:
    """Refuse `new` unless it holds what `old` does, each question with an id added."""

    def read(data: bytes) -> object:
        try:
            return yaml.load(data.decode("utf-8-sig"), Loader=_Loader)  # noqa: S506 (safe)
        except (UnicodeDecodeError, yaml.YAMLError):
            return None

    was, now = read(old), read(new)
    same = isinstance(was, dict) and isinstance(now, dict) and was.keys() == now.keys()
    if same:
        for key in was:
            if key != "questions":
                same = same and was[key] == now[key]
        old_questions, new_questions = was.get("questions"), now.get("questions")
        same = (
            same
            and isinstance(old_questions, list)
            and isinstance(new_questions, list)
            and len(old_questions) == len(new_questions)
            and all(
                isinstance(q, dict)
                and isinstance(n, dict)
                and {k: v for k, v in n.items() if k != "id" or "id" in q} == q
                for q, n in zip(old_questions, new_questions, strict=True)
            )
        )
    if not same:
        raise QbankError(
            f"{path}: ids cannot be added without changing what the bank says (an unusual "
            "layout); add them by hand: check names each question without one"
        )


def edit_in_place(
    path: Path,
    old: bytes,
    new: bytes,
    before: os.stat_result,
    *,
    shown_as: Path,
    again: str = "check --fix-ids",
) -> None:
    """Write `new` into the file at `path` (which held `old` at `before`), keeping its
    inode. A copy of `old` is written and read back first; if the edit fails midway the
    old text is put back, or, if even that fails, the message says where the copy is.
    `again`: the command to run again when the file changed meanwhile."""
    now = _status(path)
    if (
        now is None
        or (now.st_ino, now.st_size, now.st_mtime_ns)
        != (before.st_ino, before.st_size, before.st_mtime_ns)
        or hashlib.sha256(_read(path)).digest() != hashlib.sha256(old).digest()
    ):
        raise QbankError(
            f"{shown_as}: the bank changed while qbank read it (saved in an editor?); "
            f"nothing was written; run {again} again"
        )
    try:
        fd, copy = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".qbank-backup", dir=path.parent
        )
        with os.fdopen(fd, "wb") as out:
            out.write(old)
            out.flush()
            os.fsync(out.fileno())
        if _read(Path(copy)) != old:
            raise OSError(errno.EIO, "the copy of the bank does not read back")
    except OSError as exc:
        raise QbankError(f"{shown_as}: cannot write beside the bank: {exc.strerror}") from None
    try:
        with open(path, "r+b") as file:
            with contextlib.suppress(OSError, AttributeError):  # room first: no full disk midway
                os.posix_fallocate(file.fileno(), 0, len(new))
            file.write(new)
            file.truncate(len(new))
            file.flush()
            os.fsync(file.fileno())
        if _read(path) != new:
            raise OSError(errno.EIO, "the bank does not read back as written")
    except OSError as exc:
        try:
            with open(path, "r+b") as file:
                file.write(old)
                file.truncate(len(old))
        except OSError:
            raise QbankError(
                f"{shown_as}: cannot write the bank ({exc.strerror}), nor put it back; its "
                f"previous text is in {copy}"
            ) from None
        os.unlink(copy)
        raise QbankError(
            f"{shown_as}: cannot write the bank: {exc.strerror}; it is unchanged"
        ) from None
    os.unlink(copy)


def _identity(status: os.stat_result) -> tuple[int, int, int]:
    """What tells a file changed: its inode, size and modification time."""
    return status.st_ino, status.st_size, status.st_mtime_ns


def _status(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def replace_file(path: Path, data: bytes) -> None:
    """Put `data` at `path` whole: the old file stays until the new one is complete. Only
    a regular file is ever replaced (never a device such as /dev/null, nor a folder)."""
    if (path.exists() or path.is_symlink()) and not path.is_file():
        raise QbankError(f"{path}: not a regular file; qbank replaces only files it could write")
    _write_whole(path, data)


def _write_whole(path: Path, data: bytes, *, only_new: bool = False) -> None:
    """The one way qbank writes a file outside a build: the build's transaction, with the
    file's folder as its output folder, so the file is whole or absent, in the mode the
    umask gives."""
    if only_new and (path.exists() or path.is_symlink()):
        raise QbankError(f"{path}: already exists; qbank never overwrites it")
    try:
        with Transaction(path.parent) as transaction:
            transaction.stage(path.name, only_new=only_new).write_bytes(data)
            transaction.commit()
    except OSError as exc:
        raise QbankError(f"{path}: cannot write: {exc.strerror}") from None
