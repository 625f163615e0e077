"""Flashcards as text that study apps import: Anki's text import and Quizlet's.

`export --format anki-tsv` is a file that Anki's File > Import reads with its default
options: the first two columns fill the Basic note type's two fields (by place, not by name,
so that an Anki in another language maps them too), the back holding what the deck's back
shows, a `#deck:` line with the bank's title, GUIDs made from the bank's identity and the
question id (genanki's guid_for, as the .apkg makes them), so two banks with the same ids
never touch each other's notes, and the tags of the .apkg.

`export --format quizlet` is text to paste into Quizlet's import box: term, a tab,
definition; cards end with QUIZLET_ROW_SEPARATOR, so a line break inside a card is kept.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Mapping
from html import escape

import genanki

from qbank.errors import QbankError
from qbank.exporters.anki import (
    FieldText,
    anki_literal,
    deck_name,
    directed,
    identity,
    in_language,
    lang_attribute,
    load_words,
    note_field,
    section_tag,
)
from qbank.model import Bank, Question
from qbank.paths import Templates
from qbank.rubric import scale_labels
from qbank.text import HEADING_ROLE, RowWriter, anki_tag_path, plain, to_html

QUIZLET_ROW_SEPARATOR = ";;;"  # typed into Quizlet's "Between rows: Custom" box

# What Anki names its Basic note type in each language it is set up in (its translations'
# notetypes-basic-name, as the `anki` package gives them; es and gl in two Unicode forms):
# a `#notetype:` line naming a note type the collection lacks is passed over, and with none
# found the import takes the note type last used to add notes (a Cloze one made every card
# "No cloze found on card" in a German Anki, whose Basic is Einfach). A line per name, the
# English last, so that the last one the collection has wins and an English Anki's Basic is
# taken as before. tests/test_study_text.py checks the list against the `anki` package.
BASIC_NOTE_TYPE_NAMES = (
    "Alap",
    "Basies",
    "Basilare",
    "Basique",
    "Basis",
    "Baza",
    "Bunúsach",
    "Bàsica",
    "Ba\u0301sica",
    "Básica",
    "Ba\u0301sico",
    "Básico",
    "Cơ bản",
    "De bază",
    "Einfach",
    "Elementari",
    "Grundläggande",
    "Grundlæggende",
    "Grunnleggende",
    "Oddiy",
    "Oinarrizkoa",
    "Osnovna",
    "Perusmalli",
    "Podstawowy",
    "Põhimudel",
    "sampu",
    "Temel",
    "Základní",
    "Základný",
    "Βασικό",
    "Базавая",
    "Базовий",
    "Основен",
    "Основно",
    "Простая",
    "Қарапайым",
    "Үндсэн",
    "Հիմնական",
    "בסיסי",
    "עיקרדיק",
    "أساسي",
    "ئاساسى",
    "ମୌଳିକ",
    "พื้นฐาน",
    "基本",
    "基本型",
    "问答题",
    "Basic",
)


def anki_back(
    question: Question,
    html: Callable[[str], str] = to_html,
    words: dict[str, str] | None = None,
    labels: Mapping[int, str] | None = None,
    language: str = "",
) -> str:
    """The back of a Basic note: the hint, the note and sources, the signals of a strong
    answer, under the headings the deck's back shows (`words`, of anki/words.toml); `html`
    makes a text's HTML (a Markdown bank's from its tree); the bank's texts say their
    `language`."""
    say = words or load_words()
    hint = escape(say["hint"])
    shown = in_language(html(question.hint), language)
    parts = [f'<div class="qb-hint"><b>{hint}</b><br>{shown}</div>']
    note = note_field(question, html, say, labels, _bold_heading, language)
    if note:
        parts.append(note)
    if question.look_for:
        items = "".join(directed("li", html(item), language) for item in question.look_for)
        heading = escape(say["look_for"])
        said = lang_attribute(language)
        parts.append(f'<div class="qb-look-for"><b>{heading}</b><ul{said}>{items}</ul></div>')
    return "".join(parts)


def _bold_heading(text: str) -> str:
    """A heading of the back in bold, as the hint's: Basic has no style sheet for the
    deck's heading class, which left "Follow-ups" and "Note" plain among their items."""
    return f'<div class="qb-heading" {HEADING_ROLE}><b>{text}</b></div>'


def anki_tsv(bank: Bank, templates: Templates | None = None) -> str:
    """The bank as a file for Anki's text import (File > Import), Basic note type. A
    Markdown bank's texts are HTML made from their trees, as in the deck; a picture is its
    alt text in brackets, since a text file carries no media (pictures_left_out)."""
    words = load_words(templates)
    html = FieldText(bank, words=words)
    labels = scale_labels(bank, templates)
    out = io.StringIO(newline="")
    out.write("#separator:tab\n#html:true\n")
    out.writelines(f"#notetype:{name}\n" for name in BASIC_NOTE_TYPE_NAMES)
    out.write(f"#deck:{deck_name(bank.title)}\n")
    # no #columns line: Anki maps named columns by the note type's field names, and a Basic
    # note type in another language (German's Vorderseite/Rückseite) took every back empty;
    # without names the text and the back fill its first two fields, whatever they are called
    out.write("#guid column:3\n#tags column:4\n")
    writer = RowWriter(out, delimiter="\t", lineterminator="\n")
    for question in bank.questions:
        tags = [section_tag(question.section, words), *map(anki_tag_path, question.tags)]
        language = bank.language_of(question.section)
        text = functools.partial(html, language=language)
        writer.writerow(
            [
                anki_literal(in_language(text(question.question), language)),
                anki_literal(anki_back(question, text, words, labels, language)),
                genanki.guid_for(identity(bank), question.id),
                " ".join(tags),
            ]
        )
    return out.getvalue()


def pictures_left_out(bank: Bank, fmt: str, backs: bool = True) -> list[str]:
    """A warning for each question whose pictures a text export shows as their alt text:
    in its question and hint, and with `backs` (Anki's back) its note, look-for signals and
    follow-ups too."""
    said = []
    for question in bank.questions:
        texts = [question.question, question.hint]
        if backs:
            texts += [question.note or "", *question.look_for, *question.follow_ups]
        names = sorted({p.path for p in bank.pictures(texts)})
        if names:
            shows = "shows as its" if len(names) == 1 else "show as their"
            said.append(
                f"{bank.location(question)}: question '{question.id}': {fmt} carries no "
                f"pictures, so {', '.join(names)} {shows} alt text; the .apkg deck "
                "(qbank anki) carries them"
            )
    return said


def quizlet_text(bank: Bank) -> str:
    """Term (the question) and definition (the hint) per card, for Quizlet's import box:
    a tab between them, QUIZLET_ROW_SEPARATOR and a line break after each card. A tab
    inside a text becomes a space, since Quizlet would split the card there."""
    rows = []
    for question in bank.questions:
        cells = []
        for text in (question.question, question.hint):
            # a Markdown bank's words without their markup (its code keeps its backticks);
            # a plain bank's as the booklet shows them, code spans without theirs
            words = bank.flat(text) if bank.markup == "markdown" else plain(text)
            shown = words.replace("\t", " ")
            if QUIZLET_ROW_SEPARATOR in shown:
                raise QbankError(
                    f"{bank.location(question)}: question '{question.id}' contains "
                    f"'{QUIZLET_ROW_SEPARATOR}', which ends a Quizlet card; write it otherwise"
                )
            cells.append(shown)
        rows.append("\t".join(cells))
    return "".join(f"{row}{QUIZLET_ROW_SEPARATOR}\n" for row in rows)
