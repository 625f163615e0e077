"""Questions read from another program's file (Moodle XML, GIFT) made into a checked bank.

A reader gives what it found: the bank's title and description, the sections with their
descriptions, each question's fields with the line it starts on, and what it could not
carry, named per question. The fields become bank YAML that the YAML reader checks, so an
imported bank is held to every rule a bank file is; a problem is reported on the line of the
file it came from.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from qbank.bank import MAX_BANK_BYTES, parse_bank
from qbank.bank.checks import LENGTHS, QUESTION_LENGTHS
from qbank.bank.html_text import Kept, language_tag, name_text
from qbank.bank.images import PICTURE_SUFFIXES, sniff
from qbank.bank.slugs import ENGLISH_SMALL_WORDS, unique_id
from qbank.bank.structure import ANCHOR_LENGTH
from qbank.bank.writer import Value, bank_yaml, quote
from qbank.errors import BankError, Problem, a_few_of_each_kind
from qbank.model import NESTED, Bank
from qbank.text import COUNTRY_NOT_LANGUAGE, agrees, and_list, counted, shorten
from qbank.untrusted import read_regular

MAX_BYTES = 20_000_000  # as a bank file
DEFAULT_SECTION = "General"
# prefixes of a Moodle category path that name where the bank lives, not a section
_CONTEXTS = {"$course$", "$system$", "$module$", "$cat1$", "$coursecategory$", "top"}
SEPARATOR = "\x1f"  # between the names of a category path until the sections are named
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# an id a teacher typed in Moodle that a bank's id spells otherwise ('DR-001', 'NET_02',
# 'Q 3'): ASCII letters and digits, separated by marks, each kept (lowercase) in its id
_NEAR_ID = re.compile(r"[A-Za-z0-9]+(?:[-_ .:/]+[A-Za-z0-9]+)*")
_KEY_ORDER = (
    "id", "section", "question", "hint", "tags", "look_for", "follow_ups", "minutes", "note",
    "group", "sources", "competency", "anchors",
)  # fmt: skip


class Loss(str):
    """What a question loses, said with its own name (its title, the id it gives); `kind`
    says it without, the same words for every question, by which a file's losses are
    said of a few questions and counted for the rest."""

    kind: str

    def __new__(cls, said: str, kind: str) -> Loss:
        loss = super().__new__(cls, said)
        loss.kind = kind
        return loss


@dataclass
class Found:
    """One question as a reader found it."""

    line: int
    fields: dict[str, Value]
    given_id: str = ""  # the id the file gives (Moodle's idnumber, GIFT's [id:...])
    losses: list[str] = field(default_factory=list)  # what the bank cannot carry
    number: int | None = None  # its number in the bank, when its name is qbank's "Q7"
    id_text: str = ""  # the words its id is made from, when not its question's
    # the file it is in, where the one read holds several (a Canvas course export's quizzes)
    source: str = ""


# a picture of a Markdown text, whose alt text and path are no words of its id (a short
# question with its picture came in as 'this-simple-test-picture-portrait-1')
_PICTURE = re.compile(r"!\[[^\]]*\]\((?:<[^>]*>|[^)]*)\)")
# what import says of a QTI file it does not read: QTI 2's item or test, or the manifest of
# a content package unzipped (a Canvas quiz export, its zip or its QTI 1.2 .xml, it reads)
QTI_NOT_READ = (
    "a QTI file that import does not read: it reads a Canvas quiz export (QTI 1.2: the .zip "
    "Canvas writes, or the assessment .xml inside it), Moodle XML and GIFT. For a package "
    "unzipped, import its .zip, or the assessment .xml its imsmanifest.xml names; for QTI 2, "
    "export the quiz from its LMS as QTI 1.2 for Canvas, or copy its questions into a "
    "spreadsheet saved as CSV and import that"
)
# what import says of Blackboard's own export of a test or pool: QTI 1.2 with its `bbmd_`
# fields, or the zip around it (a `.bb-package-info` beside the manifest), which was told
# as Canvas's quiz, with Canvas's advice
BLACKBOARD_NOT_READ = (
    "a Blackboard test or pool export, which import does not read: it reads Moodle XML and "
    "GIFT. Where the pool came from a bank, keep the bank as the source and give Blackboard "
    "its file with qbank lms --format blackboard; else copy the pool's questions into a "
    "spreadsheet saved as CSV and import that"
)


# the questions an import may make: ten times the 5,000-question bank of bench/run.py
MAX_QUESTIONS = 50_000


@dataclass(frozen=True)
class Labels:
    """The words an import writes into the bank around the file's own: the label of what
    gets full marks (`Answer: 13`), of the answers the note lists and of a matching
    question's choices, a true/false question's two choices, the labels of the parts of a
    question the note keeps (`General feedback: ...`), and the hint it writes where the
    file gives none (words for the teacher, never feedback for learners, which the LMS
    exports leave out). A bank in French got 'Answer:' on every flashcard's back, the rest
    of the card in French. A label's colon is `colon` (French sets a no-break space before
    it)."""

    answer: str = "Answer:"
    answers: str = "Answers:"
    choices: str = "Choices:"
    true: str = "True"
    false: str = "False"
    general_feedback: str = "General feedback"
    right_feedback: str = "Feedback when right"  # Canvas's correct_fb
    wrong_feedback: str = "Feedback when wrong"  # Canvas's general_incorrect_fb
    feedback: str = "feedback"  # what a learner who chose an answer is told, on its line
    moodle_hint: str = "Moodle hint"  # shown before another try
    answer_template: str = "Answer template"  # an essay's responsetemplate
    drop_zones: str = "Drop zones on the picture"
    right_order: str = "Right order"
    gaps: str = "Gaps"
    nothing: str = "(none)"  # a matching item's answer where it has none
    no_moodle_hint: str = "(The Moodle file gave no grader information or feedback.)"
    no_gift_hint: str = "(The GIFT file gave no feedback.)"
    no_canvas_hint: str = "(The Canvas quiz gave no general feedback or right answer.)"
    colon: str = ":"

    def label(self, word: str) -> str:
        """`word` as a label before its text: 'General feedback: ', 'Feedback général : '."""
        return f"{word}{self.colon} "


# In the languages qbank already knows a bank's words in (checks.SHEET_HEADERS, the
# spreadsheet's headers), by primary language subtag. The words Moodle shows are its own
# language packs' (lang/XX/question.php: 'true'/'false', 'generalfeedback',
# 'correctfeedback', 'incorrectfeedback', 'feedback' and 'hintn' without its number;
# qtype_essay's 'responsetemplate'; qtype_ddmarker's 'dropzones'; qtype_truefalse's
# 'true'/'false'), as Moodle 4.x ships them (read in the packs kept by projectestac/odissea,
# html/langpacks/XX/), Italian's 'per ogni risposta corretta' capitalised as a label. The
# others had no source: the answer labels, 'Right order', 'Gaps', '(none)' and the
# sentences of a hint the file did not give are qbank's own.
LABELS = {
    "en": Labels(),
    "fr": Labels(
        "Réponse\u00a0:",
        "Réponses\u00a0:",
        "Choix\u00a0:",
        "Vrai",
        "Faux",
        general_feedback="Feedback général",
        right_feedback="Pour toutes réponses correctes",
        wrong_feedback="Pour toute réponse incorrecte",
        feedback="feedback",
        moodle_hint="Indice Moodle",
        answer_template="Modèle de réponse",
        drop_zones="Zones de chute",
        right_order="Ordre correct",
        gaps="Trous",
        nothing="(aucune)",
        no_moodle_hint="(Le fichier Moodle ne donnait ni information pour l'évaluateur ni "
        "feedback.)",
        no_gift_hint="(Le fichier GIFT ne donnait pas de feedback.)",
        no_canvas_hint="(Le test Canvas ne donnait ni feedback général ni bonne réponse.)",
        colon="\u00a0:",
    ),
    "de": Labels(
        "Antwort:",
        "Antworten:",
        "Auswahl:",
        "Wahr",
        "Falsch",
        general_feedback="Allgemeines Feedback",
        right_feedback="Für jede richtige Antwort",
        wrong_feedback="Für jede falsche Antwort",
        feedback="Feedback",
        moodle_hint="Moodle-Hinweis",
        answer_template="Antwortvorlage",
        drop_zones="Dropzonen",
        right_order="Richtige Reihenfolge",
        gaps="Lücken",
        nothing="(keine)",
        no_moodle_hint="(Die Moodle-Datei gab weder Informationen für die Bewertung noch "
        "Feedback.)",
        no_gift_hint="(Die GIFT-Datei gab kein Feedback.)",
        no_canvas_hint="(Der Canvas-Test gab weder allgemeines Feedback noch eine richtige "
        "Antwort.)",
    ),
    "es": Labels(
        "Respuesta:",
        "Respuestas:",
        "Opciones:",
        "Verdadero",
        "Falso",
        general_feedback="Retroalimentación general",
        right_feedback="Para cualquier respuesta correcta",
        wrong_feedback="Para cualquier respuesta incorrecta",
        feedback="retroalimentación",
        moodle_hint="Pista de Moodle",
        answer_template="Plantilla de respuesta",
        drop_zones="Zonas para soltar",
        right_order="Orden correcto",
        gaps="Huecos",
        nothing="(ninguna)",
        no_moodle_hint="(El archivo de Moodle no daba información para el calificador ni "
        "retroalimentación.)",
        no_gift_hint="(El archivo GIFT no daba retroalimentación.)",
        no_canvas_hint="(El examen de Canvas no daba retroalimentación general ni respuesta "
        "correcta.)",
    ),
    "it": Labels(
        "Risposta:",
        "Risposte:",
        "Opzioni:",
        "Vero",
        "Falso",
        general_feedback="Feedback generale",
        right_feedback="Per ogni risposta corretta",
        wrong_feedback="Per ciascuna risposta sbagliata",
        feedback="feedback",
        moodle_hint="Suggerimento di Moodle",
        answer_template="Modello di risposta",
        drop_zones="Aree di rilascio",
        right_order="Ordine corretto",
        gaps="Spazi vuoti",
        nothing="(nessuna)",
        no_moodle_hint="(Il file Moodle non dava informazioni per il valutatore né feedback.)",
        no_gift_hint="(Il file GIFT non dava feedback.)",
        no_canvas_hint="(Il quiz Canvas non dava feedback generale né risposta corretta.)",
    ),
    "pt": Labels(
        "Resposta:",
        "Respostas:",
        "Opções:",
        "Verdadeiro",
        "Falso",
        general_feedback="Feedback geral",
        right_feedback="Para qualquer resposta correta",
        wrong_feedback="Para qualquer resposta incorreta",
        feedback="feedback",
        moodle_hint="Ajuda do Moodle",
        answer_template="Modelo de resposta",
        drop_zones="Áreas de arrastar e soltar",
        right_order="Ordem correta",
        gaps="Lacunas",
        nothing="(nenhuma)",
        no_moodle_hint="(O ficheiro Moodle não dava informação para o avaliador nem feedback.)",
        no_gift_hint="(O ficheiro GIFT não dava feedback.)",
        no_canvas_hint="(O teste Canvas não dava feedback geral nem resposta correta.)",
    ),
    "nl": Labels(
        "Antwoord:",
        "Antwoorden:",
        "Keuzes:",
        "Waar",
        "Onwaar",
        general_feedback="Algemene feedback vraag",
        right_feedback="Voor elk juist antwoord",
        wrong_feedback="Voor elk fout antwoord",
        feedback="feedback",
        moodle_hint="Moodle-hint",
        answer_template="Antwoordsjabloon",
        drop_zones="Neerzetzones",
        right_order="Juiste volgorde",
        gaps="Open plekken",
        nothing="(geen)",
        no_moodle_hint="(Het Moodle-bestand gaf geen informatie voor de beoordelaar en geen "
        "feedback.)",
        no_gift_hint="(Het GIFT-bestand gaf geen feedback.)",
        no_canvas_hint="(De Canvas-test gaf geen algemene feedback en geen juist antwoord.)",
    ),
}
ENGLISH = LABELS["en"]
# the hints an import writes where the file gives none, in every language: no hint a
# learner is shown (grading.shows_hint)
STAND_IN_HINTS = frozenset(
    hint
    for labels in LABELS.values()
    for hint in (labels.no_moodle_hint, labels.no_gift_hint, labels.no_canvas_hint)
)


def labels_for(tag: str) -> Labels:
    """The labels for a language tag (`fr-CA`: French's), English for any other."""
    return LABELS.get(tag.split("-")[0].lower(), ENGLISH)


@dataclass
class Read:
    """What a reader found in a file."""

    source: str
    title: str = ""
    description: str = ""
    sections: dict[str, str] = field(default_factory=dict)  # name -> description, in order
    section_languages: dict[str, str] = field(default_factory=dict)  # name -> its own tag
    competencies: dict[str, str] = field(default_factory=dict)  # name -> description
    weights: dict[str, int] = field(default_factory=dict)  # a competency's, when given
    role: str = ""
    organisation: str = ""
    reviewed: str = ""  # YYYY-MM-DD, from a category qbank wrote
    language: str = ""  # the bank's language tag, from a category qbank wrote
    # the language a text given in several for Moodle's multi-language filters comes in
    multilang: Kept | None = None
    rubric: list[tuple[int, str, str]] = field(default_factory=list)  # score, label, anchor
    vocabulary: list[tuple[str, str]] = field(default_factory=list)  # tag, description
    questions: list[Found] = field(default_factory=list)
    # a file qbank wrote: its questions as it holds them, grouped by category in the order
    # of the bank's sections, before its numbers put them in the bank's order
    in_file: list[Found] = field(default_factory=list)
    markup: str = "plain"  # "markdown" when the texts hold more than plain text can
    # the pictures the texts show, by their path beside the new bank
    files: dict[str, bytes] = field(default_factory=dict)
    # what the file holds that makes no question, each with its line and why
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def add(self, found: Found, in_line_order: bool = False) -> None:
        """One more question, after the others, or with `in_line_order` in its place by its
        line in the one file read (a description found to be a question once the file is
        read comes before the questions after it; a Canvas package's files each count their
        own lines, so its questions keep the order read); more than MAX_QUESTIONS is a
        problem at the file (a GIFT file of 9 MB made 1.5 million questions and took 7.8
        GB)."""
        if len(self.questions) >= MAX_QUESTIONS:
            raise BankError(
                [
                    Problem(
                        self.source,
                        found.line,
                        f"more than the {MAX_QUESTIONS:,} questions an import makes; "
                        "split the file and import each part",
                    )
                ]
            )
        if in_line_order and self.questions and self.questions[-1].line > found.line:
            at = bisect.bisect_right(self.questions, found.line, key=lambda q: q.line)
            self.questions.insert(at, found)
        else:
            self.questions.append(found)

    @property
    def labels(self) -> Labels:
        """The words written around the file's own in the language its texts are known so
        far to be in: the bank's, as a file qbank wrote gives it (its category or comment,
        before its questions), else the one its texts come in (--lang, or the one most of
        its texts in several languages give); English where none is known."""
        kept = self.multilang.language if self.multilang is not None else ""
        return labels_for(self.language or language_tag(kept) or "")

    def claim(self, path: str, data: bytes) -> str:
        """The path a picture the file holds at `path` takes beside the new bank: that path,
        unless another picture took it, then one with its content's digest in the name; a
        name that is no picture's (`.git/hooks/pre-commit`, `Makefile`, `-rf` were written
        beside the bank: a hostile trial), or none (a `data:` address's), is its content's
        digest and its kind's suffix."""
        if not picture_name(path, data):
            kind = sniff(data) or "png"
            digest = hashlib.sha256(data).hexdigest()[:12]
            path = f"picture-{digest}.{PICTURE_SUFFIXES[kind][0]}"
        if self.files.setdefault(path, data) == data:
            return path
        pure = PurePosixPath(path)
        digest = hashlib.sha256(data).hexdigest()[:12]
        return self.claim(str(pure.with_name(f"{pure.stem}-{digest}{pure.suffix}")), data)


# what a description item (text Moodle shows between questions, with nothing to answer:
# Moodle XML's type 'description', GIFT's text with no answer part) is called in messages
DESCRIPTION = "a description (text Moodle shows between questions, with nothing to answer)"


class Descriptions:
    """The description items of one file, by one rule for Moodle XML and GIFT. A bank holds
    no text between questions: the item that opens its category, before its questions,
    becomes its section's description (a trial's 'Data representation: read me before the
    next questions' became a numbered question with the stand-in hint); any other stays a
    question, as before, said with why in place of the stand-in hint's message. A file's
    questions before any category are the section 'General' (DEFAULT_SECTION): an item
    that opens the file, before any question, is its description, as one opening a
    category is."""

    def __init__(self, read: Read, stand_in: str = "", carried: str = "") -> None:
        self.read = read
        self.stand_in = stand_in  # the loss said of a question with the stand-in hint
        self.carried = carried  # how the bank's LMS files give a section's description
        self.asked: set[str] = set()  # the sections with a question so far
        # the items that describe their sections: each with what of it a section has no
        # place for, and what makes it a question, should none of its section follow
        self.opening: dict[str, tuple[Found, list[str], Callable[[], None]]] = {}

    def why_kept(
        self, section: str, text: str, shown: str, pictured: bool, feedback: bool = False
    ) -> str:
        """Why the item in `section` stays a question, or empty when it opens its section:
        `text` as the file writes it, `shown` as the bank's text, whether it shows a picture
        (which a category's description in Moodle XML cannot carry) and whether it has
        general feedback."""
        if section in self.asked:
            return (
                f"it comes after questions{' of its category' if section else ''} (only one "
                "before them becomes its section's description); move its text into the "
                "question after it if it belongs"
            )
        if self.read.sections.get(section):
            return "its category already has a description (a section has one)"
        if not text.strip():
            return "it has no text"
        if pictured:
            return "it shows a picture, which a category's description in Moodle XML cannot carry"
        if feedback:
            return "it has general feedback, for which a section's description has no place"
        if len(shown.strip()) > LENGTHS["description"]:  # the bank refused the whole import
            return (
                f"it is longer than the {LENGTHS['description']:,} characters a section's "
                "description may be"
            )
        return ""

    def question(self, found: Found, section: str, why: str = "") -> None:
        """A question of `section`; an item kept as a question says `why`."""
        if why:
            self._kept(found, why)
        self.asked.add(section)

    def open(
        self, section: str, found: Found, lost: list[str], as_question: Callable[[], None]
    ) -> None:
        """The item that opens `section`: its description, unless no question of it follows
        (`settle`); `lost` names what of it a section has no place for (its name, id, tags),
        and `as_question` says what a question says of it otherwise."""
        self.read.sections[section] = str(found.fields["question"])
        self.opening[section] = (found, lost, as_question)

    def settle(self, described: Collection[str] = ()) -> None:
        """Once the file is read: an item that opens a section no question of which follows
        is a question in its place (no section would show it), said, as is one of a section
        `described` otherwise (a GIFT file qbank wrote gives its descriptions in comments);
        any other is said to be its section's description, with what it loses."""
        for key, (found, lost, as_question) in self.opening.items():
            named = _section_named(key)
            if key not in self.asked or key in described:
                self.read.sections[key] = ""
                why = (
                    "its category already has a description (a section has one)"
                    if key in described
                    else f"no question of its {named} follows it"
                    if key
                    else "no question follows it before the file's first category"
                )
                self._kept(found, why)
                as_question()
                self.read.add(found, in_line_order=True)
                continue
            said = [
                f"{DESCRIPTION} opens {named}, and is its description: it opens the section in "
                f"the booklet and on the study page, and {self.carried}"
            ]
            said += [str(loss) for loss in found.losses if loss != self.stand_in]
            if lost:
                said.append(
                    f"{and_list(lost)} {'is' if len(lost) == 1 else 'are'} not kept, as a "
                    "section has none (put what matters into its description)"
                )
            self.read.skipped.append((found.line, "; ".join(said)))

    def _kept(self, found: Found, why: str) -> None:
        found.losses[:] = [loss for loss in found.losses if loss != self.stand_in]
        found.losses.insert(0, f"{DESCRIPTION} becomes a question, as {why}")


def _section_named(key: str) -> str:
    """A section, as messages name it before its sections are named: its category's path,
    or the section of the questions before any category."""
    if not key:
        return f"section {DEFAULT_SECTION!r} (the questions before any category)"
    return f"category {key.replace(SEPARATOR, NESTED)!r}"


def picture_name(path: str, data: bytes) -> bool:
    """Whether `path` names a picture file as a bank would: folders and a name that start
    with no dot or dash, and the suffix of the picture's kind."""
    parts = PurePosixPath(path).parts
    kind = sniff(data)
    return (
        bool(parts)
        and all(part[:1] not in (".", "-", "/") for part in parts)
        and kind is not None
        and PurePosixPath(path).suffix.lower().lstrip(".") in PICTURE_SUFFIXES[kind]
    )


def read_file(path: Path) -> bytes:
    """The bytes of a file to import: a regular file (never a pipe or a device), refused
    past MAX_BYTES."""
    too_large = f"larger than {MAX_BYTES // 1_000_000} MB, the most a bank may hold"
    return read_regular(path, "question", MAX_BYTES, too_large)


def _bank_id(given: str) -> str:
    """The id a bank writes for an id given otherwise ('dr-001' for 'DR-001'), or empty
    when its characters are not all a bank id's (a letter with an accent, a '#')."""
    if ID.fullmatch(given) or not _NEAR_ID.fullmatch(given):
        return ""
    return re.sub(r"[^a-z0-9]+", "-", given.lower())


def imported_bank(read: Read, name: str, title: str | None = None) -> tuple[Bank, str, list[str]]:
    """The checked bank, its YAML text, and a `FILE:LINE: question 'id': ...` message for
    each thing the bank could not carry."""
    for found in [f for f in read.questions if not str(f.fields.get("question", "")).strip()]:
        # was refused as "question 'question': 'question' is empty", naming nothing to find
        read.questions.remove(found)
        read.skipped.append(
            (
                found.line,
                "a question with no text, and no name or title to stand in for it, is not "
                "imported: write its text in the file, or delete it there",
            )
        )
    if not read.questions:
        # what kept each question out, a few of each kind (20,000 unclosed ones: 20,001 lines)
        skipped = a_few_of_each_kind(_said(read, []))
        raise BankError([Problem(read.source, 1, "the file has no questions"), *skipped])
    taken = {f.given_id for f in read.questions if ID.fullmatch(f.given_id)}
    # said with the rest; its small words left out of new ids ('Prüft ein Filter' made
    # pruft-ein-filter, a review)
    language = _language(read)
    questions = []
    used: set[str] = set()  # the ids given so far, and unique_id's memory: linear in size
    tried: dict[str, int] = {}
    for found in read.questions:
        fields = dict(found.fields)
        near = _bank_id(found.given_id)
        if ID.fullmatch(found.given_id) and found.given_id not in used:
            qid = found.given_id
        elif near and near not in taken and near not in used:
            # a trial's 60 Moodle questions, ids 'DR-001'..., each got one made of its
            # text ('what-denary-value-binary-number-1101'): the teacher's ids were lost
            qid = near
            taken.add(qid)
            found.losses.insert(
                0,
                Loss(
                    f"its ID number {found.given_id!r} is the id {qid!r}, as a bank writes "
                    "an id (lowercase letters, digits and single hyphens); the LMS files give "
                    f"Moodle {qid!r} as its ID number, not {found.given_id!r}",
                    "its ID number is written as a bank writes an id (lowercase letters, "
                    "digits and single hyphens), and so the LMS files give it to Moodle",
                ),
            )
        else:
            # (a choice question's words too: 'which-mask-24-copy-one-my' of its picture)
            text = _PICTURE.sub(" ", found.id_text or str(fields.get("question", "")))
            qid = unique_id(text, taken, tried, language)
            taken.add(qid)
            if found.given_id:
                taken_by = "lowercase letters, digits and single hyphens, once in the file"
                found.losses.insert(
                    0,
                    Loss(
                        f"the id {found.given_id!r} is not one a bank takes ({taken_by}); it "
                        f"is now {qid!r}",
                        f"the id it gives is not one a bank takes ({taken_by}); it has another",
                    ),
                )
        fields["id"] = qid
        used.add(qid)
        found.losses += too_long(fields)
        fields.setdefault("section", DEFAULT_SECTION)
        questions.append({k: fields[k] for k in _KEY_ORDER if k in fields})
    if not language and not _say_unknown_direction(read, questions):
        _say_unknown_latin(read, questions)
    messages = list(map(str, a_few_of_each_kind(_said(read, [str(q["id"]) for q in questions]))))
    # in the order of their first questions in the file: a top category's own questions,
    # whose section is named after the title, came last (the booklet read Q2 to Q5, then
    # Q1); a file qbank wrote holds them in the bank's order of sections (the bank's order
    # of questions turned a bank's [Basics, Later] round where Later's came first)
    met = (str(f.fields.get("section", DEFAULT_SECTION)) for f in read.in_file)
    sections = list(dict.fromkeys([*met, *(str(q["section"]) for q in questions)]))
    text, starts = bank_yaml(
        title or read.title or name.replace("_", " ").replace("-", " ").strip().capitalize(),
        sections,
        questions,
        description=read.description,
        section_descriptions=read.sections,
        section_languages=read.section_languages,
        competencies=[
            (name, about, read.weights.get(name, 1)) for name, about in read.competencies.items()
        ],
        markup=read.markup,
        role=read.role,
        organisation=read.organisation,
        reviewed=read.reviewed,
        language=language,
        rubric=read.rubric,
        vocabulary=read.vocabulary,
    )
    if len(text.encode("utf-8")) > MAX_BANK_BYTES:  # escapes make a bank longer than its file
        raise BankError(
            [
                Problem(
                    read.source,
                    1,
                    f"the bank it makes would be larger than {MAX_BANK_BYTES // 1_000_000} MB, "
                    "the most a bank may hold; split the file and import each part",
                )
            ]
        )
    try:
        bank = _checked(read, text, name)
    except BankError as error:
        lines = [f.line for f in read.questions]
        raise BankError(sorted(_placed(p, starts, lines) for p in error.problems)) from None
    return bank, text, messages


def _language(read: Read) -> str:
    """The bank's language: the one qbank's category gives, the bank's own word for its
    texts (those without several languages among them); else the one its texts in several
    languages come in where every such text gives it (Moodle's code as a language tag:
    fr_ca is fr-CA), said, or none, said with why (the bank had none, whatever language its
    texts came in: a review); of a file in one language that gives none, --lang's, said."""
    kept = read.multilang
    if kept is not None and not kept.given and read.language:  # --lang, of a file in one
        said = (
            f"--lang {kept.language}: none of this file's texts is given in several languages, "
            "so there is none to choose"
        )
        if language_tag(kept.language) != read.language:
            said += (
                f"; the bank's language is {read.language}, as the file gives it: change "
                "language: in the bank if the other is right"
            )
        read.skipped.append((1, said))
    if kept is None or (read.language and not kept.given):
        return read.language
    tag = language_tag(kept.language)
    if read.language:
        if tag != read.language:
            read.skipped.append(
                (
                    1,
                    f"the bank's language is {read.language}, as its category gives it, though "
                    f"its texts in several languages come in in {kept.language}; change "
                    "language: in the bank if theirs is right",
                )
            )
        return read.language
    # a country's code where the language's belongs ({mlang jp}) failed the whole import
    country = COUNTRY_NOT_LANGUAGE.get(tag.split("-")[0]) if tag else None
    if tag is None or country or kept.missing:
        if tag is None:
            why = f"{kept.language} is no language code"
        elif country:
            why = f"{kept.language} is a country's code, the language's is {country}"
        else:
            why = (
                f"{kept.missing} of the file's {kept.given} texts in several languages do not "
                f"give {kept.language}, so those come in in another"
            )
        said = f"the bank's language is not set: {why}; write language: in the bank if one is"
        read.skipped.append((1, said))
        return ""
    code = f" (Moodle's {kept.language})" if kept.language != tag else ""
    if not kept.given:
        # a file in one language that gives none (GIFT has no field for it, and Moodle's
        # export drops qbank's comment): --lang is its texts' (a German bank came back
        # with none, and --lang de only said to write it in the bank: a trial)
        said = f"the bank's language is {tag}, as --lang names it: the file gives none"
    else:
        said = f"the bank's language is {tag}, the one its texts come in{code}"
    read.skipped.append((1, said))
    return tag


# the letters of the scripts written right to left that a bank's language may be told by,
# and the tags to give (a GIFT file Moodle wrote, or an older qbank, gives no language)
_SCRIPTS = (
    ("Hebrew", re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]"), "he", "yi for Yiddish"),
    (
        "Arabic",
        re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"),
        "ar",
        "fa for Persian, ur for Urdu",
    ),
)


def _script(texts: list[str]) -> tuple[str, str, str] | None:
    """The script written right to left that more than half of the letters of `texts` are
    in (its name, the language tag to give, and others), if one is."""
    letters = sum(c.isalpha() for text in texts for c in text)
    for name, script, tag, others in _SCRIPTS:
        if letters and sum(len(script.findall(text)) for text in texts) * 2 > letters:
            return name, tag, others
    return None


def _say_unknown_direction(read: Read, questions: list[dict[str, Value]]) -> bool:
    """Where no language came with the file and the texts are plainly in Hebrew or Arabic
    letters, what line to add to the bank: without one, a text that starts with a Latin
    word ('TCP או UDP?') runs from the left in the booklet, and the LMS files and the
    study page say no direction. For the bank when all its sections are in one such
    script, else for each section that is, at its first question. Whether it said one."""
    by_section: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    for found, fields in zip(read.questions, questions, strict=True):
        name = str(fields["section"])
        texts = by_section.setdefault(name, [])
        given = (str(fields.get(key, "")) for key in ("question", "hint"))
        texts += [text for text in given if text not in STAND_IN_HINTS]
        first.setdefault(name, found.line)
    scripts = {name: _script(texts) for name, texts in by_section.items()}
    unsaid = {name: found for name, found in scripts.items() if name not in read.section_languages}
    why = "the file gives none"
    one = set(scripts.values())
    if not read.section_languages and len(one) == 1 and (found := one.pop()) is not None:
        script, tag, others = found
        read.skipped.append(
            (
                1,
                f"the bank's language is unknown ({why}), though its texts are in {script} "
                f"letters: without it a text that starts with a Latin word is laid out from the "
                f"left; add the line 'language: {tag}' under 'title:' in the bank ({others})",
            )
        )
        return True
    said = False
    for name, found in unsaid.items():
        if found is None:
            continue
        script, tag, others = found
        if name in read.sections and read.sections[name]:
            where = f"add the line 'language: {tag}' under its 'name:', lined up with 'name:'"
        else:
            where = (
                f"replace its line '- {quote(name)}' under 'sections:' with "
                f"'- {{name: {quote(name)}, language: {tag}}}'"
            )
        read.skipped.append(
            (
                first[name],
                f"section '{name}': its language is unknown ({why}), though its questions are "
                f"in {script} letters: without it a text that starts with a Latin word is laid "
                f"out from the left; in the bank, {where} ({others})",
            )
        )
        said = True
    return said


# the Latin letters with a mark, or of their own (ß, æ, ø), that English texts all but never
# hold: texts with more than one in 200 of their letters so (German has about one in 50,
# French, Spanish and Portuguese more), and fewer than one word in ten of English's
# commonest small words (about one in five in English), are in another language; a
# question in English on Schrödinger's cat and a café (a few words, three such letters)
# is not
_LATIN_OWN = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_WORD = re.compile(r"[^\W\d_]+")


def _say_unknown_latin(read: Read, questions: list[dict[str, Value]]) -> None:
    """Where no language came with the file (GIFT has no field for one, and Moodle's GIFT
    export drops qbank's comment) and its texts plainly hold letters English does not use,
    that the bank's language is unknown, with what to do: a German bank came back from
    Moodle with none, unsaid, and its study page and the LMS files said no language (a
    trial). Said for the bank once, with its most frequent such letters."""
    if read.section_languages:
        return
    given = (str(fields.get(key, "")) for fields in questions for key in ("question", "hint"))
    texts = [text for text in given if text not in STAND_IN_HINTS]
    letters = sum(c.isalpha() for text in texts for c in text)
    own = Counter(c.lower() for text in texts for c in _LATIN_OWN.findall(text))
    words = [word for text in texts for word in _WORD.findall(text.lower())]
    english = sum(word in ENGLISH_SMALL_WORDS for word in words)
    if not letters or own.total() * 200 <= letters or english * 10 >= len(words):
        return
    shown = ", ".join(c for c, _ in own.most_common(4))
    read.skipped.append(
        (
            1,
            f"the bank's language is unknown (the file gives none), though its texts hold "
            f"letters English does not use ({shown}): import it again with --lang xx, xx "
            "their language's code (de, es, fr ...), or add the line 'language: xx' under "
            "'title:' in the bank, so that its artifacts say it",
        )
    )


def _said(read: Read, ids: list[str]) -> Iterator[tuple[Problem, str]]:
    """What the file held that makes no question, and what each question (of `ids`) lost,
    in the file's order, each with its kind: a loss without its question's name."""
    skipped = deque(Problem(read.source, line, why) for line, why in sorted(read.skipped))
    for found, qid in zip(read.questions, ids, strict=True):
        while skipped and skipped[0].line < found.line:
            problem = skipped.popleft()
            yield problem, kind_of(problem.message)
        for loss in found.losses:
            yield (
                Problem(found.source or read.source, found.line, f"question '{qid}': {loss}"),
                getattr(loss, "kind", None) or kind_of(loss),
            )
    yield from ((problem, kind_of(problem.message)) for problem in skipped)


# what a message names of its own question (its words, a file, a picture, in quotes) and
# its numbers (a length, a count): set aside, they leave the message's kind
_OWN = re.compile(r"'[^'\n]'|'[^'\n]*'|\"[^\"\n]*\"|\d[\d,.]*\d|\d")


def kind_of(message: str) -> str:
    """A message with what it names of its own question ('…') and its numbers (…) set
    aside: 3,000 questions each too long or linking a file of their own, or 20,000 left out
    each named by its words, said a line each, grouped by nothing (a review)."""

    def aside(found: re.Match[str]) -> str:
        said = found.group()
        if said[0] not in "'\"":
            return "…"
        return said if len(said) == 3 else "'…'"  # a mark in quotes ('{') stays

    return _OWN.sub(aside, message)


def _checked(read: Read, text: str, name: str) -> Bank:
    """The bank text checked as a bank file is; the pictures are read from a folder of
    their own, as they will lie beside the new bank."""
    if not read.files:
        return parse_bank(text, source=read.source, name=name, long_texts=True)
    with tempfile.TemporaryDirectory(prefix="qbank-import-") as folder:
        for path, data in read.files.items():
            target = Path(folder) / PurePosixPath(path)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            except (OSError, RecursionError) as exc:  # a name too long, folders 1,000 deep
                why = getattr(exc, "strerror", None) or "folders nested too deep"
                raise BankError(
                    [
                        Problem(
                            read.source,
                            1,
                            f"the picture {path if len(path) <= 60 else path[:57] + '...'!r} "
                            "cannot be written under its name "
                            f"({why}); give it a shorter name and fewer folders in the file",
                        )
                    ]
                ) from None
        try:
            where = str(Path(folder) / "bank.yaml")
            return parse_bank(text, source=where, name=name, long_texts=True)
        except BankError as error:
            problems = [Problem(read.source, p.line, p.message, p.column) for p in error.problems]
            raise BankError(problems) from None


# what to do with each of a question's texts that is too long, by its key
_SHORTEN = {
    "question": "shorten it in the bank (a scenario may move into the hint or the note)",
    "hint": "shorten it in the bank (some of it may move into the note)",
    "note": "shorten it in the bank",
    "look_for": "shorten it in the bank, or split it into several items",
    "follow_ups": "shorten it in the bank, or split it into several follow-ups",
    "anchors": "shorten it in the bank",
}
_NAMED = {"question": "question text", "look_for": "look-for item", "follow_ups": "follow-up"}


def too_long(fields: dict[str, Value]) -> list[str]:
    """Each of a question's texts that is longer than a bank takes, said with what to do:
    it comes in whole (a real Moodle scenario of 1,771 characters refused the whole import),
    and `check` refuses it at the bank's line until it is shortened."""
    said = []
    limits = {**QUESTION_LENGTHS, "anchors": ANCHOR_LENGTH}
    for key, limit in limits.items():
        value = fields.get(key)
        if isinstance(value, str):
            texts = [(f"its {_NAMED.get(key, key)}", value)]
        elif isinstance(value, dict):
            texts = [(f"its anchor for {score}", str(text)) for score, text in value.items()]
        elif isinstance(value, list):
            texts = [(f"its {_NAMED[key]} {n}", str(text)) for n, text in enumerate(value, 1)]
        else:
            continue
        for what, text in texts:
            if len(text.strip()) > limit:
                said.append(
                    f"{what} is {len(text.strip()):,} characters long, more than the {limit:,} "
                    "a bank takes; it is imported whole, and `qbank check` refuses it until "
                    f"you {_SHORTEN[key]}"
                )
    return said


def listed_answer(text: str, fraction: str, feedback: str = "", labels: Labels = ENGLISH) -> str:
    """An answer of a question that becomes an essay, as its note lists it: `text
    (fraction%)`, then what a learner who chose it is told, on one line, labelled in
    `labels`'s language."""
    listed = f"{text} ({fraction}%)"
    if feedback.strip():
        listed += f", {labels.label(labels.feedback)}{' '.join(feedback.split())}"
    return listed


def as_fraction(given: str | None) -> float:
    """An answer's fraction (Moodle XML's `fraction`, GIFT's `%50%`) as a number: 0 where
    it is none, as PHP reads a string that is no number ('nan', 'inf' and 'infinity' among
    them, which Python's float() takes)."""
    try:
        number = float(given or "0")
    except ValueError:
        return 0.0
    return number if math.isfinite(number) else 0.0


def full_marks(scored: list[tuple[float, str]], several: bool) -> list[str]:
    """The answers that get full marks, of (fraction, text): each one worth marks where
    several are chosen (a multichoice question's `single` false), else the first of the
    best (a short answer's other spellings and a choice as good stay in the note); none
    when no answer gets any (or only a short answer's `*`, any other answer)."""
    best = max((fraction for fraction, _ in scored), default=0.0)
    if best <= 0:
        return []
    if several:
        return [text for fraction, text in scored if fraction > 0]
    text = next(text for fraction, text in scored if fraction == best)
    return [] if text.strip() in ("", "*") else [text]


def answer_hint(
    right: list[str],
    a_line_each: bool,
    literal: Callable[[str], str],
    labels: Labels = ENGLISH,
) -> str:
    """What gets full marks as the bank's text that opens the hint: 'Answer: 13',
    'Answers: gigabyte; terabyte', or a matching question's pairs and a cloze question's
    gaps a line each, labelled in `labels`'s language; empty when nothing does."""
    if a_line_each and right:
        return literal("\n".join([labels.answers, *right]))
    if right:
        label = labels.answers if len(right) > 1 else labels.answer
        return literal(f"{label} {'; '.join(right)}")
    return ""


def choices_shown(choices: list[str], numbering: str = "abc") -> str:
    """A choice question's choices as they follow its text, a line each, labelled as
    Moodle's `answernumbering` labels them ('abc', 'ABCD', '123', 'iii', 'IIII', 'none');
    nothing for a single choice, which is no choice."""
    if len(choices) < 2:
        return ""
    return "\n".join(
        f"{_numbered(numbering, at)}{' '.join(text.split())}" for at, text in enumerate(choices)
    )


def true_or_false(answer: str, labels: Labels = ENGLISH) -> str:
    """A true/false question's answer as the bank shows it: 'true' and 'True' as `labels`
    say them ('Vrai' in French), any other words (a Canvas quiz's own) capitalized."""
    said = " ".join(answer.split())
    return {"true": labels.true, "false": labels.false}.get(said.lower(), said.capitalize())


def true_false_shown(choices: list[str] | None = None, labels: Labels = ENGLISH) -> str:
    """A true/false question's two choices as they follow its text, lettered as a choice
    question's are, 'True' before 'False' as Moodle's page shows them (or `choices` as an
    LMS wrote them, each as the answer that opens the hint shows it): without them a
    learner of the booklet or a card could not tell it asks for true or false."""
    return choices_shown([true_or_false(c, labels) for c in choices or ("true", "false")])


def items_shown(items: list[str], targets: list[str], labels: Labels = ENGLISH) -> str:
    """A matching question's items, each with a blank, then the answers offered to each,
    in the order of the alphabet (Moodle shuffles them: the order written gave the pairs
    away)."""
    offered = sorted(set(targets), key=str.casefold)
    return "\n".join(
        [*(f"{item}: _____" for item in items), f"{labels.choices} " + "; ".join(offered)]
    )


def _numbered(numbering: str, at: int) -> str:
    """The label Moodle puts before the choice at `at` (qtype_multichoice's
    `answernumbering`: 'abc', 'ABCD', '123', 'iii', 'IIII' or 'none'), with its blank."""
    if numbering == "none":
        return ""
    if numbering == "123":
        return f"{at + 1}. "
    if numbering in ("iii", "IIII"):
        roman = _roman(at + 1)
        return f"{roman if numbering == 'IIII' else roman.lower()}. "
    letter = chr(ord("a") + at % 26)
    return f"{letter.upper() if numbering == 'ABCD' else letter}. "


def _roman(number: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                          (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                          (4, "IV"), (1, "I")):  # fmt: skip
        while number >= value:
            out, number = out + digits, number - value
    return out


def pictures_left(lost: list[str], why: str) -> str:
    """The loss of the pictures a question's texts show that the bank cannot take: each by
    its address in the file, and `why`; their alt text stands in their place."""
    shown = ", ".join(map(shown_address, lost))
    n = len(lost)
    return (
        f"{counted(n, 'picture')} {agrees(n, 'is', 'are')} not imported, as {why}: {shown}; "
        f"{agrees(n, 'its', 'their')} alt text stands in brackets"
    )


def picture_refused(why: str) -> str:
    """The loss of a picture the bank refuses (damaged, too large, not found), `why` saying
    so: its alt text stands in its place."""
    return f"{why}; it is not imported, and its alt text stands in brackets"


def shown_address(src: str) -> str:
    """A picture's address as a message shows it: a `data:` address by its scheme, its
    media type and the start of its data (its whole base64 ran to kilobytes), any other
    cut short."""
    if src[:5].lower() == "data:":
        head, _, payload = src.partition(",")
        return f"{shorten(head, 60)},{shorten(payload, 9)}"
    return shorten(src, 100)


def in_bank_order(read: Read) -> None:
    """The questions of a file qbank wrote, in the bank's order: its exports group them by
    section (a category each), so a bank whose sections interleave comes back renumbered
    unless their numbers, Q1 to Qn, put them back. A question whose name is no number (one
    renamed in the LMS) takes a number no question has, between those of the numbered
    questions before and after it in its section (the one with the nearer bound after it
    first, the smallest free); with none free there, it comes right after the numbered
    question before it in its section, else right before the one after it, else after the
    numbered one before it in the file. A file that numbers no question, or one number
    twice, is left in its own order."""
    questions = read.questions
    given = [found.number for found in questions if found.number is not None]
    if not given or len(set(given)) != len(given):
        return
    read.in_file = list(questions)
    sections = [found.fields.get("section", "") for found in questions]
    free = sorted(set(range(1, max(len(questions), *given) + 1)).difference(given))
    # the numbers of the nearest numbered questions on either side, in the question's
    # section and in the file, found in one pass each way (a search from each question
    # took minutes for 40,000 renamed ones)
    before = _nearest_numbers(questions, sections)
    after = _nearest_numbers(questions[::-1], sections[::-1])[::-1]
    keys: dict[int, tuple[int, int, int]] = {}
    renamed = []  # (the numbers it may take: below `upper`, above `lower`; its place)
    for at, found in enumerate(questions):
        if found.number is not None:
            keys[at] = (found.number, 0, at)
        else:
            renamed.append((after[at][0] or len(free) + max(given) + 1, before[at][0] or 0, at))
    # the one whose bound ends first takes the first number free after its lower bound:
    # every question whose neighbours leave numbers free gets one
    onward = list(range(len(free) + 1))  # the first index from here on still free, or after

    def first_free(index: int) -> int:
        root = index
        while onward[root] != root:
            root = onward[root]
        while onward[index] != root:  # the path shortened, so that each is walked once
            onward[index], index = root, onward[index]
        return root

    for upper, lower, at in sorted(renamed):
        index = first_free(bisect.bisect_right(free, lower))
        if index < len(free) and free[index] < upper:
            keys[at] = (free[index], 0, at)
            onward[index] = index + 1
            continue
        (in_section, in_file), (next_in_section, next_in_file) = before[at], after[at]
        for number, side in (
            (in_section, 1),
            (next_in_section, -1),
            (in_file, 1),
            (next_in_file, -1),
        ):
            if number is not None:
                keys[at] = (number, side, at)
                break
    order = sorted(range(len(questions)), key=keys.__getitem__)
    # said: a teacher's own 'Q2 Routing' reordered unsaid (a review); a question put back
    # among another section's is the export's own grouping, not the teacher's order
    if (moved := _first_moved_in_its_section(order, sections)) is not None:
        read.skipped.append(
            (
                questions[moved].line,
                "the questions come in the order their names number them ('Q1 ...' to "
                "'Qn ...', as qbank names the questions it exports), not in the file's; "
                "rename them in the LMS to keep the file's order",
            )
        )
    questions[:] = [questions[at] for at in order]


def _first_moved_in_its_section(order: list[int], sections: list[Value]) -> int | None:
    """The first question of `order` (places in the file) that comes before a question of
    its section which the file has before it; None when each section keeps the file's
    order, as a bank whose sections interleave does in its own export."""
    latest: dict[str, int] = {}  # each section's latest place met
    for at in order:
        section = str(sections[at])
        if latest.get(section, -1) > at:
            return next(a for a in order if str(sections[a]) == section and a > at)
        latest[section] = at
    return None


def _nearest_numbers(
    questions: list[Found], sections: list[Value]
) -> list[tuple[int | None, int | None]]:
    """For each question, the number of the nearest numbered question before it in its
    section (its section's questions standing together) and in the file; None for none."""
    nearest: list[tuple[int | None, int | None]] = []
    in_section = in_file = None
    for at, found in enumerate(questions):
        if at and sections[at] != sections[at - 1]:
            in_section = None
        nearest.append((in_section, in_file))
        if found.number is not None:
            in_section = in_file = found.number
    return nearest


def nested_too_deep(source: str, line: int) -> Problem:
    """The problem of a question whose HTML nests quotes or lists too deep to read."""
    return Problem(
        source,
        line,
        "the question's text has quotes or lists inside each other too deep to read; "
        "flatten them in the file",
    )


def category_parts(path: str) -> list[str]:
    """A Moodle category path's names (XML and GIFT alike), without the context at its
    start: `//` is a `/` inside a name, as in Moodle's `split_category_path`, and each
    name the text Moodle shows (name_text: '&#60;' is '<', as the LMS files write it)."""
    names = [n.replace("//", "/").strip() for n in re.split(r"(?<!/)/(?!/)", path)]
    names = [name_text(n).strip() for n in names]
    while names and names[0] in _CONTEXTS:
        names.pop(0)
    return [n for n in names if n]


def name_sections(read: Read, paths: list[list[str]]) -> None:
    """Name the sections of questions whose section is a category path (names joined by
    SEPARATOR). The title is the first category that every path starts with, when there is
    one (qbank's exports put the sections under the bank's title); a section is the rest of
    its path, a nested category's names joined by ' / '."""
    firsts = {p[0] for p in paths}
    common = len(firsts) == 1 and any(len(p) > 1 for p in paths)
    if common:
        read.title = firsts.pop()
    renamed = {}
    first_line = {}
    for found in read.questions:
        first_line.setdefault(str(found.fields.get("section", "")), found.line)
    for key, about in read.sections.items():
        if not key:  # the questions before any category, described by a description item
            renamed[key] = DEFAULT_SECTION
            continue
        parts = key.split(SEPARATOR)
        if common and parts == [read.title]:
            read.description = about
            continue
        parts = parts[1:] if common else parts
        renamed[key] = _within_a_sections_name(parts)
        for name in (n for n in parts if NESTED in n):  # Moodle's 'TCP // IP' (a review)
            outer, inner = name.rsplit(NESTED, 1)
            read.skipped.append(
                (
                    first_line.get(key, 1),
                    f"the category '{shorten(name, 80)}' has ' / ' in its name, which the "
                    f"bank's LMS files read as a category inside another: they would give "
                    f"its questions back in '{shorten(inner, 40)}' inside "
                    f"'{shorten(outer, 40)}'; rename its section in the bank (as "
                    f"'{shorten(name.replace(NESTED, '/'), 80)}') to keep it one category",
                )
            )
        if renamed[key] != NESTED.join(parts):  # a deep category path: said, not refused
            read.skipped.append(
                (
                    first_line.get(key, 1),
                    f"the category '{shorten(NESTED.join(parts), 80)}' is longer than the "
                    f"{SECTION_LONGEST} characters a section's name may have: its section is "
                    f"'{renamed[key]}'",
                )
            )
    sections: dict[str, str] = {}
    for key, about in read.sections.items():  # a category 'General' keeps the file's opening
        if key in renamed and (about or renamed[key] not in sections):
            sections[renamed[key]] = about
    read.sections = sections
    read.section_languages = {
        renamed[k]: tag for k, tag in read.section_languages.items() if k in renamed
    }
    for found in read.questions:
        key = str(found.fields.get("section", ""))
        if key:
            found.fields["section"] = renamed.get(key, read.title)


SECTION_LONGEST = LENGTHS["section"]  # the most characters of a section's name


def _within_a_sections_name(parts: list[str]) -> str:
    """A nested category's names joined by ' / ', its first ones left out ('… / ') while
    it is longer than a section's name may be (a deep Moodle path refused the whole import,
    said at line 1: a hostile trial); its last name cut short if that alone is."""
    name = NESTED.join(parts)
    if len(name) <= SECTION_LONGEST or len(parts) < 2:
        return shorten(name, SECTION_LONGEST)
    # the most names from the end that fit after '… / ', counted as they are added: a
    # name joined again for each one left out took 4 s for 20,000 names and hours for a
    # GIFT file's $CATEGORY of 500,000 (a hostile trial)
    start, length = len(parts) - 1, len(parts[-1])
    while start > 1 and 1 + 2 * len(NESTED) + len(parts[start - 1]) + length <= SECTION_LONGEST:
        start -= 1
        length += len(NESTED) + len(parts[start])
    return shorten("\u2026" + NESTED + NESTED.join(parts[start:]), SECTION_LONGEST)


def _placed(problem: Problem, starts: list[int], lines: list[int]) -> Problem:
    """A problem in the generated YAML, placed on the line of the file it came from."""

    def line_of(line: int) -> int:
        # the last question that starts at or before `line` (`starts` ascend): a search of
        # every start for each problem took minutes for 40,000 questions with one each
        index = bisect.bisect_right(starts, line) - 1
        return lines[index] if index >= 0 else 1

    message = re.sub(r"\bline (\d+)", lambda m: f"line {line_of(int(m[1]))}", problem.message)
    return Problem(problem.file, line_of(problem.line), message)
