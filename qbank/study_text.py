"""Flashcards as text that study apps import: Anki's text import and Quizlet's.

`export --format anki-tsv` is a file that Anki's File > Import reads with its default
options: Front/Back columns of the Basic note type, the back holding what the deck's back
shows, a `#deck:` line with the bank's title, GUIDs made from the bank's identity and the
question id (genanki's guid_for, as the .apkg makes them), so two banks with the same ids
never touch each other's notes, and the tags of the .apkg.

`export --format quizlet` is text to paste into Quizlet's import box: term, a tab,
definition; cards end with QUIZLET_ROW_SEPARATOR, so a line break inside a card is kept.
"""

from __future__ import annotations

import csv
import io

import genanki

from qbank.errors import QbankError
from qbank.exporters.anki import deck_name, identity, note_field
from qbank.model import Bank, Question
from qbank.text import anki_tag, plain, to_html

QUIZLET_ROW_SEPARATOR = ";;;"  # typed into Quizlet's "Between rows: Custom" box


def anki_back(question: Question) -> str:
    """The back of a Basic note: the hint, the note and sources, the signals of a strong
    answer, under the headings the deck's back shows."""
    parts = [f'<div class="qb-hint"><b>Hint</b><br>{to_html(question.hint)}</div>']
    note = note_field(question)
    if note:
        parts.append(note)
    if question.look_for:
        items = "".join(f"<li>{to_html(item)}</li>" for item in question.look_for)
        parts.append(f'<div class="qb-look-for"><b>Look for</b><ul>{items}</ul></div>')
    return "".join(parts)


def anki_tsv(bank: Bank) -> str:
    """The bank as a file for Anki's text import (File > Import), Basic note type."""
    out = io.StringIO(newline="")
    out.write("#separator:tab\n#html:true\n#notetype:Basic\n")
    out.write(f"#deck:{deck_name(bank.title)}\n")
    out.write("#columns:Front\tBack\tGUID\tTags\n#guid column:3\n#tags column:4\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for question in bank.questions:
        tags = [f"section::{anki_tag(question.section)}", *map(anki_tag, question.tags)]
        writer.writerow(
            [
                to_html(question.question),
                anki_back(question),
                genanki.guid_for(identity(bank), question.id),
                " ".join(tags),
            ]
        )
    return out.getvalue()


def quizlet_text(bank: Bank) -> str:
    """Term (the question) and definition (the hint) per card, for Quizlet's import box:
    a tab between them, QUIZLET_ROW_SEPARATOR and a line break after each card. A tab
    inside a text becomes a space, since Quizlet would split the card there."""
    rows = []
    for question in bank.questions:
        cells = []
        for text in (question.question, question.hint):
            shown = plain(text).replace("\t", " ")
            if QUIZLET_ROW_SEPARATOR in shown:
                raise QbankError(
                    f"{bank.location(question)}: question '{question.id}' contains "
                    f"'{QUIZLET_ROW_SEPARATOR}', which ends a Quizlet card; write it otherwise"
                )
            cells.append(shown)
        rows.append("\t".join(cells))
    return "".join(f"{row}{QUIZLET_ROW_SEPARATOR}\n" for row in rows)
