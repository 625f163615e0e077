"""Check filled-in packets: refuse those that do not belong to the bank, warn about gaps.

A packet from another bank, or whose questions or rating scale changed in the bank since it
was built, cannot be read against this bank: `refusals` names what differs. What an
interviewer left out or filled in twice is a warning (`FILE: Q7: message`): the debrief
shows it, and `--strict` makes it fail. Each is made as a PacketProblem, the packet and its
message apart, and said as its text.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from types import MappingProxyType

from qbank.debrief.filled import FilledPacket, name_key, panel_candidate
from qbank.debrief.summarise import is_a_date
from qbank.debrief.words import Words
from qbank.errors import PacketProblem
from qbank.exporters.packet.identity import (
    PARTS,
    WORDING,
    fingerprint,
    recorded,
    rubric_fingerprint,
)
from qbank.model import Bank, Question, RubricLevel
from qbank.numbering import QUESTION_LABEL, label_word, question_label
from qbank.rubric import Said, Wording, join_pieces, said_text
from qbank.text import and_list, shorten, slug

# the debrief's line for a question reworded since its packet was built, by the parts of
# WORDING that changed (packet/debrief.toml's words: a German committee reads them)
CHANGED_LINES = {
    frozenset({PARTS[2]}): "changed_look_for",
    frozenset({PARTS[3]}): "changed_guide",
    WORDING: "changed_both",
}


def refusals(
    packet: FilledPacket,
    bank: Bank,
    scale: Sequence[RubricLevel],
    wording: Wording,
    accept_changes: bool = False,
) -> list[PacketProblem]:
    """Why `packet` cannot be read against `bank`, one message per difference, each question
    by the look's label (`wording`'s: 'P3'). With `accept_changes`, a question whose wording
    alone changed (WORDING) is no reason.

    A packet that names another bank is refused only when its questions or scale differ
    from `bank`'s: a bank file renamed or copied since is the same bank (renamed_bank)."""
    problems = _differences(packet, bank, scale, _labels(bank, wording), accept_changes)
    file, identity = packet.path, packet.identity
    if problems and identity.bank != recorded(bank.name):
        return [
            PacketProblem(
                file,
                f"this packet was built from the bank '{identity.bank}' "
                f"({identity.title}), not from '{bank.name}' ({bank.source}); "
                f"give that bank with --bank",
            )
        ]
    return problems


def unknown_recommendations(packet: FilledPacket, wording: Wording) -> list[PacketProblem]:
    """A ticked recommendation that is none of the look's options: a DOCX box whose tag was
    edited by hand ('recommendation:evil' was counted as a recommendation, where the PDF's
    field refuses a value outside its options), or a packet built with another look."""
    options = {slug(option) for option in wording.recommendations}
    return [
        PacketProblem(
            packet.path,
            f"a ticked recommendation box says {shorten(value, 40)!r}, which is "
            f"none of the options ({', '.join(wording.recommendations)}); the packet was edited "
            "by another program, or built with a look of your own (--templates FOLDER, the folder "
            "it was built with): fill in a fresh copy of the packet",
        )
        for value in dict.fromkeys(packet.recommendations)
        if value not in options
    ]


def renamed_bank(packet: FilledPacket, bank: Bank) -> PacketProblem | None:
    """A warning for a packet that names another bank than `bank`, whose questions and
    scale it has all the same (refusals found none)."""
    if packet.identity.bank == recorded(bank.name):
        return None
    return PacketProblem(
        packet.path,
        f"this packet names the bank '{packet.identity.bank}'; read against "
        f"{bank.source}, whose questions it asked and whose rating scale are the same",
    )


def _labels(bank: Bank, wording: Wording) -> dict[str, str]:
    """Each question's label by its id, in the look's word ('P3'), as the debrief prints it:
    a message beside it that said 'Q3' named another question to a Polish panel's eyes."""
    return {q.id: wording.label(q) for q in bank.questions}


def _differences(
    packet: FilledPacket,
    bank: Bank,
    scale: Sequence[RubricLevel],
    labels: dict[str, str],
    accept_changes: bool,
) -> list[PacketProblem]:
    file, identity = packet.path, packet.identity
    problems = []
    by_id = {q.id: q for q in bank.questions}
    for qid, parts in identity.questions:
        q = by_id.get(qid)
        if q is None:
            problems.append(
                PacketProblem(
                    file,
                    f"{qid}: the bank has no question with this id any more "
                    "(removed or renamed since the packet was built)",
                )
            )
            continue
        changed = [name for name, a, b in zip(PARTS, parts, fingerprint(q), strict=False) if a != b]
        answer = packet.answers.get(qid)
        # signals added or removed, not reworded: a tick would stand for another signal
        recounted = PARTS[2] in changed and answer is not None and answer.boxes != len(q.look_for)
        if len(parts) != len(PARTS):  # the packet's own record damaged, not the bank changed
            problems.append(
                PacketProblem(
                    file,
                    f"{labels[qid]}: the packet's record of {qid} is damaged (it holds "
                    f"{len(parts)} parts, where a packet writes {len(PARTS)}); the packet was "
                    "edited by another program: fill in a fresh copy of the packet",
                )
            )
            continue
        if accept_changes:
            changed = [n for n in changed if n not in WORDING or (n == PARTS[2] and recounted)]
        if changed:
            problems.append(
                PacketProblem(
                    file,
                    f"{labels[qid]}: the {' and the '.join(changed)} of {qid} changed in "
                    "the bank since the packet was built"
                    + (
                        f" (the packet has {_count(answer.boxes, 'look-for box', 'look-for boxes')}"
                        f", the bank {_count(len(q.look_for), 'signal', 'signals')}: added or "
                        "removed, so its ticks cannot be matched to them)"
                        if recounted and answer is not None
                        else ""
                    )
                    + "; debrief with the bank the packet was built from, or build and fill in a "
                    "new packet"
                    + (
                        " (only its wording changed: --accept-changes reads it anyway)"
                        if not accept_changes and set(changed) <= WORDING and not recounted
                        else ""
                    ),
                )
            )
    now = rubric_fingerprint(scale)
    if identity.rubric != now:
        before, after = identity.rubric.rsplit(" ", 1)[0], now.rsplit(" ", 1)[0]
        what = (
            f"the rating scale's labels changed since the packet was built (both score {after})"
            if before == after
            else f"the rating scale changed since the packet was built (the packet scores "
            f"{before}, the bank now {after})"
        )
        problems.append(
            PacketProblem(
                file,
                f"{what}; debrief with the bank and look the packet was built with (a "
                "look of your own: --templates FOLDER, the folder whose packet/rubric.toml it "
                "used), or build and fill in a new packet",
            )
        )
    else:  # the packet's scale is the bank's: every ticked score must be on it
        problems += _values_outside(packet, by_id, scale, labels)
    return problems


def reworded(packets: Sequence[FilledPacket], bank: Bank, words: Words) -> list[Said]:
    """The questions whose wording (WORDING) changed in the bank since `packets` were
    built, each once, in the debrief's words, in pieces: 'Q3 threat-model: the look-for
    signals changed', the label the look's, the id the bank's."""
    by_id = {q.id: q for q in bank.questions}
    found: dict[str, set[str]] = {}
    for packet in packets:
        for qid, parts in packet.identity.questions:
            q = by_id.get(qid)
            if q is None or len(parts) != len(PARTS):
                continue
            for name, a, b in zip(PARTS, parts, fingerprint(q), strict=True):
                if a != b and name in WORDING:
                    found.setdefault(qid, set()).add(name)
    return [
        words.say.pieces(
            CHANGED_LINES[frozenset(found[q.id])],
            label=((words.packet.label(q), True),),
            id=q.id,
        )
        for q in bank.questions
        if q.id in found
    ]


def _values_outside(
    packet: FilledPacket,
    by_id: dict[str, Question],
    scale: Sequence[RubricLevel],
    labels: dict[str, str],
) -> list[PacketProblem]:
    """A box whose tag was edited to a score off the scale, or to a signal the question
    does not have: counting it would make a debrief of '19980%'."""
    scores = [level.score for level in scale]
    problems = []
    for qid, answer in packet.answers.items():
        q = by_id.get(qid)
        label = labels.get(qid, qid)
        if answer.rating_held:
            problems.append(
                PacketProblem(
                    packet.path,
                    f"{label} ({qid}): the rating holds '{answer.rating_held}', "
                    f"which is none of the scores ({', '.join(map(str, scores))}); a program "
                    "other than a PDF reader wrote it: open the packet in a PDF reader, choose "
                    f"the rating of {label} again, save it and debrief again",
                )
            )
        for score in answer.scores:
            if score not in scores:
                problems.append(
                    PacketProblem(
                        packet.path,
                        f"{label}: a box ticked as the score "
                        f"{_number(score)}, which is not on the packet's scale "
                        f"({', '.join(map(str, scores))}); the packet was edited: tick one of "
                        "the packet's own boxes",
                    )
                )
        signals = len(q.look_for) if q else 0
        if answer.boxes and answer.boxes != signals:
            continue  # signals added or removed in the bank: said as such (_differences)
        for number in answer.look_for:
            if number is None or not 1 <= number <= signals:
                problems.append(
                    PacketProblem(
                        packet.path,
                        f"{label}: a box ticked as look-for signal "
                        f"{_number(number)}, but the question has {signals}; the packet was edited",
                    )
                )
    return problems


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _number(value: int | None) -> str:
    return "of a tag that holds no number" if value is None else str(value)


NOT_FILLED_IN = "nothing is filled in (no rating, ticked box, note or recommendation)"


def filled_in(packet: FilledPacket) -> bool:
    """Whether an interviewer wrote anything but the header: a packet sent out and never
    filled in would count as zeros in every score, as if the candidate had said nothing."""
    return bool(
        packet.recommendations
        or packet.evidence.strip()
        or any(
            a.scores or a.look_for or a.hint_given or a.notes.strip()
            for a in packet.answers.values()
        )
    )


def scorecard_ratings(
    packet: FilledPacket, bank: Bank, scale: Sequence[RubricLevel], wording: Wording
) -> list[PacketProblem]:
    """Take a question's rating from the packet's scorecard where no box is ticked: the
    packet asks the interviewer to copy each score there, and a score written there alone
    was read as unrated (a trial); a scorecard that says otherwise than the box is said.
    A warning for each: the scorecard is read from the label it shows ('Q8') against the
    bank's, so a row of another question is never read as this one's."""
    by_id = {q.id: q for q in bank.questions}
    warnings = []
    rows: dict[str, list[str]] = {}
    for label, cell in packet.scorecard:
        rows.setdefault(label, []).append(cell)
    asked = {by_id[qid].label for qid in packet.answers if qid in by_id}

    def shown(label: str) -> str:  # the look's word for a row read as 'Q8' (F8)
        return question_label(int(label.removeprefix(QUESTION_LABEL)), label_word(wording.labels))

    if strays := [shown(label) for label in rows if label not in asked]:
        warnings.append(
            PacketProblem(
                packet.path,
                f"the scorecard has rows for {', '.join(strays[:5])}"
                f"{', ...' if len(strays) > 5 else ''}, which this packet does not ask; they are "
                "not read",
            )
        )
    for qid, answer in packet.answers.items():
        q = by_id.get(qid)
        if q is None or q.label not in rows:
            continue
        if len(rows[q.label]) > 1:  # a row copied, or relabelled: which one is meant?
            if any(_written_score(cell, scale, wording) for cell in rows[q.label]):
                warnings.append(
                    PacketProblem(
                        packet.path,
                        f"{shown(q.label)}: the scorecard has "
                        f"{len(rows[q.label])} rows for {shown(q.label)}; none of them is read",
                    )
                )
            continue
        typed = _typed(rows[q.label][0], scale, wording)  # quoted as typed: '4 out of 5'
        written = _written_score(rows[q.label][0], scale, wording)
        if not written:
            continue
        score = _score_written(written, scale, wording)
        where = shown(q.label)  # the question, as each message starts
        quoted = f"'{shorten(typed, 40)}'"
        said = f"the scorecard says {quoted}"
        # a score changed ('3 (was 4)'): the panel is told, whatever is ticked
        _, earlier = _revision(written, scale, wording)
        changed = f", a rating changed from {earlier} to {score}" if earlier and score else ""
        ask, choices = "", ()
        if score is None:
            why, ask, choices = _no_score(written, scale, wording)
            said += why
        if len(answer.scores) > 1 or (score is None and not answer.scores):
            # said in one line with what is ticked: it was two lines (a coordinator's trial);
            # what to ask only where no box is ticked, which would count instead
            if not answer.scores:
                answer.scorecard_unread = typed
                if ask:  # what makes the warning go: a tick that counts, and a scorecard
                    # that agrees with it where a tick alone would be told apart from it
                    said += f"; {ask}, then tick it at {where}"
                    said += "" if choices else " and write it on the scorecard"
            answer.scorecard_said = said
        elif score is None and answer.scores[0] in choices:
            pass  # of the two scores written ('3-4', '3.5'), the one ticked: as advised
        elif changed and answer.scores == [score]:
            warnings.append(PacketProblem(packet.path, f"{where}: {said}{changed}, as ticked"))
        elif score is None:
            warnings.append(PacketProblem(packet.path, f"{where}: {said}; it is not read"))
        elif not answer.scores:
            answer.scores = [score]
            warnings.append(
                PacketProblem(
                    packet.path,
                    f"{where}: no rating ticked; the rating {score} is taken from the scorecard"
                    + (f" ({quoted})" if typed != str(score) else "")
                    + changed,
                )
            )
        elif len(answer.scores) == 1 and answer.scores[0] != score:
            answer.scorecard_differs = typed
            warnings.append(
                PacketProblem(
                    packet.path,
                    f"{where}: the ticked rating is {answer.scores[0]}, but the scorecard says "
                    f"{quoted if typed != str(score) else score}{changed}; the ticked rating is "
                    "counted"
                    # the tick may be the score before the change: which stands?
                    + (f"; ask the interviewer whether they give {score}" if changed else ""),
                )
            )
    return warnings


# the words a score is written with, in the language the interviewer types in, whatever the
# bank's: 'out of' before a score's top ('4 von 5' was no score, with nothing to ask), and
# 'to', 'or' or 'and' between the two scores of a range ('3 bis 4' and '3 und 4' were too).
# Dutch writes '3 of 4' for a range, English 3 out of 4: English's is read, and the
# interviewer asked all the same. Hebrew writes its 'of' joined to the top ('4 מ-5').
# What is scored, 'stars' or 'points', is no matter, after the top ('4 out of 5 stars') or
# with none ('4 stars'); 'percent' is a share of the most, which is told ('80 Prozent').
# A decimal mark said as a word ('3 punto 5', '3 Komma 5') or a half after the whole ('3 e
# mezzo', '3 and a half') lies between two scores, as '3.5' does (it was no score, with
# nothing to ask); 'doubt' is a word that makes a score a guess ('3 (maybe)'), asked;
# 'earlier' one before the score a changed one replaced ('3 (was 4)'), read and told;
# 'given_by' one before whose score it is ('3 (from Grace)'), asked; 'self' the interviewer
# themself after it, whose own score it is ('4 (per my notes)', '3 (לפי דעתי)': _given_by)
SCORE_WORDS = {
    "en": {
        "out_of": ("out of", "of"),
        "between": ("to", "or", "and"),
        "units": ("stars", "star", "points", "point", "pts", "pt"),
        "percent": ("percent", "per cent"),
        "point": ("point",),
        "half": ("and a half", "and half"),
        "doubt": (
            "maybe",
            "perhaps",
            "possibly",
            "probably",
            "approx",
            "approximately",
            "tbc",
            "to be confirmed",
            "not sure",
            "unsure",
            # a score left to settle: '3 - TBD' was read as 3, unasked (a review)
            "tbd",
            "to be decided",
            "tentative",
            "provisional",
            "pending",
            # or one the cell itself says was not given: '3 - not asked', read as 3
            "not asked",
            "skipped",
        ),
        # a score given as another's: '3 (from Grace)' was read as 3, unasked (a trial)
        "given_by": (
            "from",
            "per",
            "as per",
            "according to",
            "same as",
            "copied from",
            "agreed with",
            "borrowed from",
        ),
        "self": ("I", "me", "my", "mine", "myself"),
        "earlier": (
            "was",
            "previously",
            "prev",
            "formerly",
            "originally",
            "initially",
            "from",
            "changed from",
            "revised from",
            "down from",
            "up from",
            "instead of",
        ),
    },
    "de": {
        "out_of": ("von",),
        "between": ("bis", "oder", "und"),
        "units": ("Sterne", "Sternen", "Stern", "Punkte", "Punkten", "Punkt", "Pkt"),
        "percent": ("Prozent",),
        "point": ("Komma",),
        "half": ("einhalb", "und ein halb", "und einhalb"),
        "doubt": ("vielleicht", "etwa", "ungefähr", "ca", "circa", "vorläufig"),
        "given_by": ("laut", "übernommen von", "gleich wie"),
        "self": ("ich", "mir", "mich", "mein", "meine", "meiner", "meinem", "meinen"),
        "earlier": ("war", "vorher", "zuvor", "statt", "ursprünglich", "geändert von"),
    },
    "fr": {
        "out_of": ("sur",),
        "between": ("à", "ou", "et"),
        "units": ("étoiles", "étoile", "points", "point"),
        "percent": ("pour cent",),
        "point": ("virgule",),
        "half": ("et demi", "et demie"),
        "doubt": ("peut-être", "environ", "à confirmer", "provisoire"),
        "given_by": ("selon", "d'après", "repris de"),
        "self": ("moi", "mon", "ma", "mes"),
        "earlier": ("était", "avant", "auparavant", "initialement", "au lieu de"),
    },
    "es": {  # ó: before 2010
        "out_of": ("de", "sobre"),
        "between": ("a", "o", "ó", "y"),
        "units": ("estrellas", "estrella", "puntos", "punto"),
        "percent": ("por ciento",),
        "point": ("coma", "punto"),
        "half": ("y medio", "y media"),
        "doubt": ("quizás", "quizá", "tal vez"),
        "given_by": ("según",),
        "self": ("mí", "mi", "mis"),
        "earlier": ("era", "antes", "antes era", "en vez de", "en lugar de"),
    },
    "pt": {
        "out_of": ("de",),
        "between": ("a", "ou", "e"),
        "units": ("estrelas", "estrela", "pontos", "ponto"),
        "percent": ("por cento",),
        "point": ("vírgula", "ponto"),
        "half": ("e meio", "e meia"),
        "doubt": ("talvez",),
        "earlier": ("era", "antes", "antes era", "em vez de"),
    },
    "it": {
        "out_of": ("su",),
        "between": ("a", "o", "e"),
        "units": ("stelle", "stella", "punti", "punto"),
        "percent": ("per cento",),
        "point": ("punto", "virgola"),
        "half": ("e mezzo", "e mezza"),
        "doubt": ("forse",),
        "earlier": ("era", "prima", "prima era", "invece di"),
    },
    "nl": {
        "out_of": ("van", "uit", "op"),
        "between": ("tot", "en"),
        "units": ("sterren", "ster", "punten", "punt"),
        "percent": ("procent",),
        "point": ("komma",),
        "half": ("en een half", "en half"),
        "doubt": ("misschien", "ongeveer"),
        "earlier": ("was", "eerst", "voorheen", "in plaats van"),
    },
    "sv": {
        "out_of": ("av",),
        "between": ("till", "eller", "och"),
        "percent": ("procent",),
        "point": ("komma",),
        "half": ("och en halv",),
    },
    "da": {
        "out_of": ("ud af", "af"),
        "between": ("til", "eller", "og"),
        "percent": ("procent",),
        "point": ("komma",),
        "half": ("og en halv",),
    },
    "pl": {
        "out_of": ("z",),
        "between": ("do", "lub", "albo", "i"),
        "percent": ("procent",),
        "point": ("przecinek",),
        "half": ("i pół",),
    },
    "cs": {
        "out_of": ("z",),
        "between": ("až", "nebo", "a"),
        "percent": ("procent",),
        "point": ("celá",),
        "half": ("a půl",),
    },
    "ru": {
        "out_of": ("из",),
        "between": ("до", "или", "и"),
        "percent": ("процентов",),
        "point": ("запятая",),
        "half": ("с половиной",),
    },
    "uk": {
        "out_of": ("з", "із"),
        "between": ("до", "або", "і", "та"),
        "percent": ("відсотків",),
        "point": ("кома",),
        "half": ("з половиною",),
    },
    # maqaf (U+05BE) or a hyphen between Hebrew's 'of' and the top it is joined to
    # ... and a score changed, '3 (היה 4)', '3 (كان 4)': they were no score, with nothing to
    # ask (a trial of a Hebrew panel)
    "he": {
        "out_of": ("מתוך", "מ-", "מ\u05be"),
        "between": ("עד", "או"),
        "percent": ("אחוז",),
        "doubt": ("אולי", "בערך"),
        "given_by": ("לפי", "כמו"),
        "self": ("דעתי", "הערכתי", "התרשמותי", "עצמי"),  # my opinion, estimate, impression
        "earlier": ("היה", "הייתה", "קודם", "קודם היה", "לפני כן", "במקום"),
    },
    "ar": {
        "out_of": ("من",),
        "between": ("إلى", "أو"),
        "percent": ("بالمئة", "بالمائة"),
        "doubt": ("ربما", "تقريبا", "تقريباً"),
        "given_by": ("حسب", "وفق", "مثل"),
        "self": ("رأيي", "تقديري", "انطباعي", "نفسي"),  # my opinion, estimate, impression
        "earlier": ("كان", "كانت", "سابقا", "سابقاً", "بدلا من", "بدلاً من", "بدل"),
    },
    "fa": {"out_of": ("از",), "between": ("تا", "یا"), "percent": ("درصد",)},
    # what is scored after a score, joined to it as Japanese and Chinese write it: '4点'
    # (Japanese), '4分' (Chinese); each was no score, with nothing to ask (h40a's trial).
    # Japanese and Korean say a score out of a top with the top first, 'full marks' and
    # 'of' between: '5点(満点)中4点', '5点満点で4点', '5점 만점에 4점', '5점 중 4점'; and a
    # word of doubt joined to the score ('たぶん4'): each was no score, with nothing to ask
    "ja": {
        "units": ("点",),
        "full_marks": ("満点",),
        "among": ("中", "で", "のうち"),
        "doubt": ("たぶん", "多分", "おそらく", "恐らく"),
    },
    "zh": {"units": ("分",), "doubt": ("大概", "也许", "可能")},
    "ko": {
        "units": ("점",),
        "full_marks": ("만점",),
        "among": ("에", "중"),
        "doubt": ("아마", "아마도"),
    },
}


def _any_word(kind: str) -> str:
    """A pattern of SCORE_WORDS' words of `kind` in every language, the longest first ('out
    of' before 'of')."""
    said = {word for words in SCORE_WORDS.values() for word in words.get(kind, ())}
    ordered = sorted(said, key=lambda word: (-len(word), word))
    return "(?:{})".format("|".join(word.replace(" ", r"\s+") for word in ordered))


# the slash or an 'out of' before a top, and what is scored after it ('stars'), if said
_OVER = rf"(?:/|\b{_any_word('out_of')})"
_UNIT = rf"{_any_word('units')}\b"
_UNITS = rf"(?:\s*{_UNIT})?"
# an arrow from a score to the one that replaced it ('4 -> 3')
_ARROW = r"\s*(?:->|=>|[\u2192\u21d2\u27f6\u2794\u279d])\s*"
# a score changed, with the one it replaced after it in brackets or after a comma or a dash
# ('3 (was 4)', '3, previously 4', '3 - vorher 4', Arabic's comma too: '3، كان 4'), or before
# it and an arrow ('4 -> 3'), the last of a chain of them ('3 -> 4 -> 5', which was no score,
# with nothing to ask: a trial): '3 (was 4)' was no score, with nothing to ask (a review)
_REVISED = re.compile(
    rf"(?P<now>.+?)\s*(?:[(\[]|[,;\u060c\u061b]|\s[-\u2013\u2014])\s*{_any_word('earlier')}(?!\w)\s*:?\s*"
    r"(?P<was>[^()\[\]]+?)\s*[)\]]?\.?"
    rf"|(?P<before>[^()\[\]]+){_ARROW}(?P<after>.+?)\.?",
    re.IGNORECASE,
)


def _revision(written: str, scale: Sequence[RubricLevel], wording: Wording) -> tuple[str, str]:
    """The score `written` gives now and the earlier one it says it replaced, as written
    ('3 (was 4)': '3' and '4'); `written` and '' where it says none, or no score before
    ('3 (was unsure)'). A cell longer than two scores with their labels and the words
    between is none: 'a - was ' 2,000 times was read as one change inside another."""
    if len(written) > 3 * _longest(scale, wording):
        return written, ""
    if changed := _REVISED.fullmatch(written):
        arrow = changed["now"] is None  # '4 -> 3': the earlier first
        now, was = changed.group("after", "before") if arrow else changed.group("now", "was")
        if arrow:  # of a chain, '3 -> 4 -> 5', the score the last one replaced
            was = re.split(_ARROW, was)[-1].strip()
        if re.search(r"\d", was) or _score_as_written(was, scale, wording) is not None:
            return now, was
    return written, ""


# a score typed in full-width digits, letters and signs, as a Japanese or Chinese keyboard
# types them ('４点', '４／５', '３．５', 'Ｓｔｒｏｎｇ', '４？'), and the ideographic space and
# full stop: read as their half-width twins; '４／５' and '３．５' were no score, nothing to
# ask (h40a's Japanese trial)
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: " ", 0x3002: "."}


def _typed(cell: str, scale: Sequence[RubricLevel], wording: Wording) -> str:
    """What was typed in a scorecard's score cell: the cell without the packet's own '/ 5',
    its spaces as one."""
    top = scale[-1].score if scale else 0
    return " ".join(cell.replace(wording("out_of", max=top), " ").split())


# the digits a score may be written in: ASCII's, Arabic's and Persian's (Python's int() reads
# each as its number)
_DIGITS = (
    "0123456789",
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
)


def _written_score(cell: str, scale: Sequence[RubricLevel], wording: Wording) -> str:
    """The score written in a scorecard's score cell: what was typed, without a '/5' or
    'out of 5' of the scale's top."""
    top = scale[-1].score if scale else 0
    # stars counted, and a cry after the score left off: '3 stars!' (no score, a trial)
    written = _stars_counted(_typed(cell, scale, wording).translate(_HALF_WIDTH)).rstrip("! ")
    # the top in digits or in the look's words, as the score may be: 'four out of five'
    said = wording.number_words[top : top + 1] if 0 <= top < len(wording.number_words) else []
    # ... and in Arabic's digits ('٤ من ٥', a review) or Persian's
    digits = {str(top).translate(str.maketrans("0123456789", ten)) for ten in _DIGITS}
    tops = "|".join([*sorted(digits), *map(re.escape, said)])
    # '/5' typed over the packet's, or '4 out of 5' as people say it (a hiring manager's trial)
    over = rf"{_OVER}\s*(?:{tops}){_UNITS}\s*\.?\s*$"
    written = re.sub(over, " ", written, flags=re.IGNORECASE)
    # the top first, as Japanese and Korean write it: '5点満点中4点', '5점 만점에 4점'
    marks = _any_word("full_marks")
    first = rf"^\s*(?:{tops})\s*{_any_word('units')}\s*(?:{marks})?\s*{_any_word('among')}\s*"
    written = re.sub(first, "", written)
    # and after a score that its label follows, or stands in brackets after: '4/5 (Strong)',
    # 'Strong (4/5)' (which was told as a range, 4 and 5)
    number = "|".join([r"\d", *(rf"\b{re.escape(word)}" for word in wording.number_words)])
    over = rf"({number})\s*{_OVER}\s*(?:{tops})\b{_UNITS}(?=\s*\W|\s+\D)"
    written = re.sub(over, r"\1", written, flags=re.IGNORECASE)
    # and what is scored after a score with no top: '4 stars', '4 Sterne' (no score, a trial),
    # before its label too: '3 stars (Solid)' (no score, a trial)
    unit = rf"({number})\s*{_UNIT}(?:\s*\.?\s*$|(?=\s*[(\[:\-\u2013\u2014]))"
    written = re.sub(unit, r"\1", written, flags=re.IGNORECASE)
    written = " ".join(written.split()).strip("/ ")
    # and the score said twice, the second in brackets: '3 (3/5)', '★★★★☆ (4/5)' (no score)
    written = re.sub(r"^(\d{1,6}) ?[(\[](\1)[)\]]$", r"\1", written)
    # a decimal mark or a half said in words: '3 punto 5' is 3.5, '3 e mezzo' 3½ (a trial)
    point = rf"(\d{{1,6}})\s+{_any_word('point')}\s+(\d{{1,6}})"
    written = re.sub(rf"^{point}$", r"\1.\2", written, flags=re.IGNORECASE)
    return re.sub(
        rf"^(\d{{1,6}})\s*{_any_word('half')}$", "\\1\u00bd", written, flags=re.IGNORECASE
    )


# stars as a rating site shows them, the filled ones first: '★★★☆☆' is 3 out of 5, '★★★½'
# 3½, '⭐⭐⭐' 3; and one after a number, '3 ★', is what is scored (each was no score)
_FILLED, _EMPTY = "\u2605\u2b50", "\u2606"
_STAR_RUN = re.compile(f"(?:[{_FILLED}]\ufe0f?)+\u00bd?(?:[{_EMPTY}]\ufe0f?)*")


def _stars_counted(typed: str) -> str:
    """`typed` with its stars said in words: '3 out of 5' for '★★★☆☆'."""

    def counted(run: re.Match[str]) -> str:
        filled = sum(run[0].count(star) for star in _FILLED)
        half, empty = "\u00bd" if "\u00bd" in run[0] else "", run[0].count(_EMPTY)
        return f"{filled}{half}" + (f" out of {filled + bool(half) + empty}" if empty else "")

    typed = re.sub(f"(\\d)\\s*[{_FILLED}]\ufe0f?(?![{_FILLED}{_EMPTY}])", r"\1 stars", typed)
    return _STAR_RUN.sub(counted, typed)


# a score out of a top: '8 out of 10', '2/10', after the scale's own top is taken off
_OUT_OF = re.compile(rf"\d\s*{_OVER}\s*(\d{{1,6}}){_UNITS}\.?$", re.IGNORECASE)
# the tops people give marks out of: '4/5' on a scale of 1 to 10 is 4 out of 5, not 4 or 5
_MARKED_OUT_OF = (5, 10)
# what lies between two scores of a range: '3-4', '3 – 4', 'Solid to Strong', '3 or 4', '3 bis 4'
# ... and '3〜4', as Japanese writes a range (its wave dash, or a tilde)
_BETWEEN = re.compile(rf"\s*[-\u2013\u2014/~\u301c]\s*|\s+{_any_word('between')}\s+", re.IGNORECASE)


def _no_score(
    written: str, scale: Sequence[RubricLevel], wording: Wording
) -> tuple[str, str, tuple[int, ...]]:
    """Why `written` is no score of the scale, what to ask its interviewer ('' where
    nothing is to ask), and the scores of the scale they wrote to choose from: a range of
    two scores or a score between two ('3-4', '3.5'), one to choose, or a score out of
    another top ('8 out of 10', which the debrief does not convert), else no score. A
    changed score is the one it gives now ('3? (was 4)' is '3?': _revision)."""
    written, _ = _revision(written, scale, wording)
    scores = [level.score for level in scale]
    listed = f"which is no score of the scale ({', '.join(map(str, scores))})"
    if doubt := _DOUBT.search(written):  # '3?': the score, if it is one, to ask about
        written = re.sub(r"[(\[]\s*[)\]]", "", _DOUBT.sub(" ", written))
        written = " ".join(written.split()).strip("()[]:,.-\u2013\u2014 ")
        if (score := _score_written(written, scale, wording)) is not None:
            return (
                f", {score} with a doubt ('{doubt[0].strip()}')",
                f"ask the interviewer whether they give {score}",
                (score,),
            )
    if (given := _given_by(written)) and (
        score := _score_written(given["score"], scale, wording)
    ) is not None:
        return (
            f", {score} given as another's ('{given['said']}')",
            f"ask the interviewer whether they give {score} themselves",
            (score,),
        )
    # a cell longer than two scores with their labels is no range: trying each dash of a
    # long one took time as its length squared (a hostile packet of 32,000 characters: 13 s)
    # '3/4' is a range, '2/5' on a scale of 1 to 10 is 2 out of 5 (a review: '2 and 5'), and
    # so is '4/5' there: 5 and 10 are the tops people give marks out of, and told as a range,
    # a tick of 4 beside it would count without a word where 8 was meant
    slash = re.fullmatch(r"(\d{1,6})\s*/\s*(\d{1,6})\.?", written)
    # (on a scale of 1 to 7, '4/5' is 4 or 5, as on 1 to 5 '3/4' is: a review)
    marked = slash is not None and int(slash[2]) in _MARKED_OUT_OF and scores[-1] >= 10
    ranged = not slash or (abs(int(slash[2]) - int(slash[1])) == 1 and not marked)
    short = len(written) <= 2 * _longest(scale, wording)
    splits = _BETWEEN.finditer(written) if ranged and short else ()
    if both := _number_and_label(written, scale, wording):  # neither a range nor no score
        number, label = both
        return (
            f", but {number.score} is {number.label} and {label.label} is {label.score}",
            "ask the interviewer which one they give",
            (number.score, label.score),
        )
    for between in splits:
        ends = written[: between.start()], written[between.end() :]
        low, high = (_score_written(end, scale, wording) for end in ends)
        if low is not None and high is not None and low != high:
            return (
                f", two scores of the scale ({low} and {high}), not one",
                "ask the interviewer which one they give",
                (low, high),
            )
    if (value := _fraction(written)) is not None:
        below = [score for score in scores if score < value]
        above = [score for score in scores if score > value]
        if below and above and value not in scores:
            return (
                f", which lies between two scores of the scale ({below[-1]} and {above[0]})",
                "ask the interviewer which one they give",
                (below[-1], above[0]),
            )
    ask = "ask the interviewer for the score on the scale"
    if top := _OUT_OF.search(_in_digits(written, wording)):  # 'eight out of ten' too
        return f", a score out of {int(top[1])}, {listed}", ask, ()
    # a share of the most, which is 4 on a scale of 1 to 5 as 80 % of 5, but 4.2 as 80 % of
    # the way from 1 to 5: not converted (it was no score, with nothing to ask)
    if _PERCENT.fullmatch(written):
        return f", a percentage, {listed}", ask, ()
    # 'Strong Yes' (Greenhouse's), or '3 - Highly Recommend', a level of Workday's scale of
    # three: it was no score, with nothing to ask, and a 3 beside it no 3 of this scale
    verdicts = _verdicts(wording)
    if _plain(written) in verdicts:
        return f", a recommendation, {listed}", ask, ()
    found = _SCORE_AND_WORDS.fullmatch(written)
    if found and _plain(found[2]) in verdicts:
        score = _number_written(found[1].casefold(), wording)
        if score in scores:
            return (
                f", {score} with a recommendation ('{found[2]}'), which may be another scale's",
                f"ask the interviewer whether they give {score}",
                (score,),
            )
    # a whole number past the scale's ends, '7' or 'seven' on a scale of 1 to 5 (the one a
    # panel used to another scale gives): it was no score, with nothing to ask (a hiring
    # manager's trial)
    if re.fullmatch(r"\d{1,6}\.?", _in_digits(written, wording)):
        return f", {listed}", ask, ()
    return f", {listed}", "", ()


# a share of the most: '80%', '87,5 %', '80 Prozent'
_PERCENT = re.compile(
    rf"\d{{1,3}}(?:[.,]\d{{1,6}})?\s*(?:%|{_any_word('percent')}\b)", re.IGNORECASE
)


def _in_digits(written: str, wording: Wording) -> str:
    """`written` with each of the look's number words in digits: 'eight out of ten' is 8
    out of 10."""
    said = {word.casefold(): str(number) for number, word in enumerate(wording.number_words)}
    return re.sub(r"\w+", lambda word: said.get(word[0].casefold(), word[0]), written)


def _fraction(written: str) -> float | None:
    """The number with a fraction that `written` is: '3.5', '3,5' with a decimal comma as
    most of Europe writes it, '3½', '3 1/2' (which was told as a score out of 2); None
    where it is none."""
    if decimal := re.fullmatch(r"\d{1,6}[.,]\d{1,6}", written):
        return float(decimal[0].replace(",", "."))
    if half := re.fullmatch(r"(\d{1,6})(?:\s*\u00bd|\s+1\s*/\s*2)", written):
        return int(half[1]) + 0.5
    return None


def _longest(scale: Sequence[RubricLevel], wording: Wording) -> int:
    """The most characters one score of `scale` is written in, with its label and what
    lies between a range's two: 'four (No evidence) or '."""
    number = max([len(str(level.score)) for level in scale] + list(map(len, wording.number_words)))
    return number + max((len(level.label) for level in scale), default=0) + 8


# a number below zero, wherever it stands: '-4', '(-4)', 'Strong (-4)', 'Strong: -4'; not
# a dash between a score and its label ('Strong - 4', '4 - Strong')
_BELOW_ZERO = re.compile(r"(?:^|[\s(\[:])[-\u2212\u2013\u2014]\d")


def _score_written(written: str, scale: Sequence[RubricLevel], wording: Wording) -> int | None:
    """The score of the scale that `written` says: its number, in digits or in the look's
    words ('four'), its label ('Strong'), or both as the scale's table shows them ('4
    (Strong)', '4 - Strong', 'Strong (4)'), a full stop after any ('4.'); None when it
    says none, a number below zero ('-4'), or a number and another score's label ('4
    (Solid)': which was meant?). A changed score is the one it gives now ('3 (was 4)' is
    3: _revision)."""
    return _score_as_written(_revision(written, scale, wording)[0], scale, wording)


def _score_as_written(written: str, scale: Sequence[RubricLevel], wording: Wording) -> int | None:
    """_score_written's score of `written` as it stands, a change and all."""
    if _BELOW_ZERO.search(written):
        return None  # '-4', '(-4)', '—4', 'Strong -4' are no 4 (a review)
    key = _plain(written)
    # '3+' is a 3 with its shade, as '4-' is a 4, unless the scale has such a label ('B+')
    for typed in dict.fromkeys((key, key.rstrip("+").rstrip())):
        for level in scale:
            if typed == _plain(level.label) or _number_written(typed, wording) == level.score:
                return level.score
    both = _number_and_label(written, scale, wording)
    if both:
        return both[0].score if both[0] == both[1] else None
    return _described(written, scale, wording)


# a score and words after it, apart by a dash, a colon or brackets: '3 - Meets', '3 (Meets
# expectations)', as an applicant tracking system writes a level of its own scale
_SCORE_AND_WORDS = re.compile(r"(\w+)\s*(?:[-\u2013\u2014:]\s*|[(\[]\s*)([^\d()\[\]]+?)[)\]]?\.?")


def _described(written: str, scale: Sequence[RubricLevel], wording: Wording) -> int | None:
    """The score of `written` that is a score of the scale with words of its own after it
    ('3 - Meets', Workday's; it was no score), or None: where the words are no description
    but a recommendation ('3 - Strong yes'), a doubt ('3 (maybe)'), or hold a number or a
    label of the scale ('3 - Solid to Strong'), which _no_score tells."""
    found = _SCORE_AND_WORDS.fullmatch(written)
    if not found or not re.search(r"[^\W\d_]", found[2]) or _given_by(written):
        return None
    score = _number_written(found[1].casefold(), wording)
    words = _plain(found[2])
    labels = [_plain(level.label) for level in scale]
    if (
        score not in [level.score for level in scale]
        or _in_digits(words, wording) != words  # 'four', a number word
        or any(re.search(rf"(?<!\w){re.escape(label)}(?!\w)", words) for label in labels)
        or _DOUBT.search(found[2])
        or words in _verdicts(wording)
    ):
        return None
    return score


# what makes a score a guess: a question mark, a tilde before it ('~3'), 'ish' after it, or
# a word of doubt ('3 (maybe)', '3 vielleicht')
_DOUBT = re.compile(
    # a digit may follow the word, as Japanese writes it joined: 'たぶん4'
    rf"\?|^\s*[~\u2248]|(?<=\d)\s*ish\b|\b{_any_word('doubt')}(?![^\W\d])",
    re.IGNORECASE,
)
# a score given as another's, with who gave it ('3 (from Grace)', '3, laut Anna'): no score
# of the interviewer's own, which ratings made apart are meant to be (asked, as a doubt is)
_GIVEN_BY = re.compile(
    rf"(?P<score>.+?)\s*(?:[(\[]|[,;:\u060c]|\s[-\u2013\u2014])?\s*"
    rf"(?P<said>{_any_word('given_by')}\s+(?P<who>[^\d()\[\]]*[^\W\d_][^\d()\[\]]*?))"
    r"\s*[)\]]?\.?",
    re.IGNORECASE,
)
# in any case ('3 (From Me)', '3 (selon Moi)'), but for the words that are names too, as
# names are written: 'Ma' or 'Mi' is a colleague's ('3 (from Ma)' was read as the
# interviewer's own, where French and Spanish say 'my'; h42c's review, then h42g's)
_SELF = re.compile(_any_word("self"), re.IGNORECASE)
_NAMES_TOO = frozenset({"Ma", "Mi"})


def _given_by(written: str) -> re.Match[str] | None:
    """A score given as another's (_GIVEN_BY) where the words after 'from' name someone: a
    name's first letter, a capital or one of a script without capitals (Hebrew's, Arabic's),
    and no word of the interviewer's own ('from me', 'לפי דעתי'). 'From memory', 'per my
    notes', 'from the code sample', 'selon moi' say where a score comes from, not who gave
    it: they were asked as another's (a review), and are read as before."""
    given = _GIVEN_BY.fullmatch(written)
    if given is None:
        return None
    first = given["who"].split()[0].strip("'\"\u2018\u2019\u201c\u201d")
    if first[:1].islower() or (_SELF.fullmatch(first) and first not in _NAMES_TOO):
        return None
    return given


# what an applicant tracking system's scorecard rates with, which is a recommendation and no
# score of a scale: Greenhouse's 'Definitely Not' to 'Strong Yes', Workday's and Lever's 'Strong
# Hire' to 'Strong No Hire' and 'Highly Recommend' (with the look's own recommendations)
VERDICTS = (
    "definitely not",
    "strong no",
    "no",
    "yes",
    "strong yes",
    "strong hire",
    "hire",
    "no hire",
    "do not hire",
    "strong no hire",
    "strong do not hire",
    "highly recommend",
    "recommend",
    # a panel's own leanings: '3 - Lean no' was read as 3 (a review)
    "lean yes",
    "lean no",
    "weak yes",
    "weak no",
    "do not recommend",
    "highly recommended",
    "recommended",
    "not recommended",
)


def _verdicts(wording: Wording) -> set[str]:
    """The recommendations a scorecard's cell may hold, as _plain makes them."""
    return {_plain(verdict) for verdict in (*VERDICTS, *wording.recommendations)}


def _number_and_label(
    written: str, scale: Sequence[RubricLevel], wording: Wording
) -> tuple[RubricLevel, RubricLevel] | None:
    """The levels of the scale of the number and of the label that `written` holds, the
    number first or last ('4 (Solid)', 'Solid - 4'); None where it holds no such two, or a
    number below zero."""
    if _BELOW_ZERO.search(written):
        return None
    key = _plain(written)
    by_score = {level.score: level for level in scale}
    by_label = {_plain(level.label): level for level in scale}
    first, _, rest = key.partition(" ")
    most, _, last = key.rpartition(" ")
    for number, label in ((first, rest), (last, most)):  # 'Strong (4)' too (a review)
        score = _number_written(number, wording)
        if score in by_score and label in by_label:
            return by_score[score], by_label[label]
    return None


def _number_written(text: str, wording: Wording) -> int | None:
    """The number `text` says, in digits ('4', and '4.0' or '4,0' of a rater who gives
    halves) or in the look's words ('four')."""
    whole = re.sub(r"[.,]0{1,2}$", "", text)  # not '1,000', a thousand
    if whole.isdecimal() and len(whole) < 7:
        return int(whole)
    said = [word.casefold() for word in wording.number_words]
    return said.index(text) if text in said else None


def _plain(text: str) -> str:
    """`text` as a score is compared: case, brackets, dashes, colons and a full stop at its
    end aside (a plus is kept: a scale's labels may be grades, 'B' and 'B+')."""
    apart = text.casefold().translate(str.maketrans("()[]:-\u2013\u2014", " " * 8))
    return " ".join(apart.removesuffix(".").split())


# how an option is marked in a packet (FilledPacket.marked), as what to do says it
MARK_VERBS = MappingProxyType({"ticked": "tick", "chosen": "choose"})


def packet_warnings(packet: FilledPacket, bank: Bank, wording: Wording) -> list[PacketProblem]:
    """What one interviewer left out or ticked twice."""
    file = packet.path
    warnings = []
    for key, label in (
        ("candidate", wording("candidate")),
        ("interviewer", wording("interviewer")),
        ("interview-date", wording("date")),
    ):
        if not packet.header.get(key):
            warnings.append(
                PacketProblem(
                    file, f"the header field '{label}' is empty" + _built_for(packet, key)
                )
            )
    typed = packet.header.get("interview-date", "").strip()
    if typed and not is_a_date(typed, bank.language, wording.months):
        # 'yesterday', '31/02/2026': listed as typed in the debrief, unsaid (a trial)
        warnings.append(
            PacketProblem(
                file,
                f"the header field '{wording('date')}' says '{typed}', which is no day of a "
                "calendar; the debrief lists it as typed (correct the field to the day of the "
                "interview, as in 2026-12-06 or 6 Dec 2026)",
            )
        )
    if not packet.role:
        warnings.append(PacketProblem(file, f"the header field '{wording('role')}' is empty"))
    typed = packet.header.get("interviewer", "")
    built = packet.identity.interviewer_name(packet.identity.member)
    if typed and built and name_key(typed) != name_key(built):
        # a colleague may fill in another's packet, so the typed name counts; but a name
        # pasted into the filled-in one reads 'EEwa Kowalska-Nowakwa Kowalska-Nowak', which
        # went into every table of the debrief unsaid (a panel trial)
        warnings.append(
            PacketProblem(
                file,
                f"the header field '{wording('interviewer')}' says '{typed}', but the "
                f"packet was built for {built}; the debrief names '{typed}' (correct the field "
                "if that is a slip)",
            )
        )
    by_id = {q.id: q for q in bank.questions}
    for qid, answer in packet.answers.items():
        label = wording.label(by_id[qid])  # the look's word, 'P4', as the debrief prints it
        warnings += [PacketProblem(file, f"{label}: {notice}") for notice in answer.notices]
        if answer.not_rated:  # on purpose: no rating was forgotten
            warnings.append(
                PacketProblem(file, f"{label}: no rating ('{wording('not_rated')}' chosen)")
            )
        elif not answer.scores:
            said = f"; {answer.scorecard_said}" if answer.scorecard_said else ""
            if not said:  # what to do, as the scorecard's warnings say it (a hiring
                # manager's trial read 'Q8: no rating ticked' and knew no next step)
                who = packet.interviewer or "the interviewer"
                mark = MARK_VERBS.get(packet.marked, "tick")
                said = f"; ask {who} for the score, then {mark} it at {label}"
            warnings.append(PacketProblem(file, f"{label}: no rating {packet.marked}{said}"))
        elif len(answer.scores) > 1:
            ticked = _both_or_all(str(s) for s in answer.scores)
            said = f", and {answer.scorecard_said}" if answer.scorecard_said else ""
            warnings.append(
                PacketProblem(file, f"{label}: {ticked} ticked{said}; the rating is not counted")
            )
    warnings += [PacketProblem(file, notice) for notice in packet.notices]
    options = {slug(option): option for option in wording.recommendations}
    if not packet.recommendations:
        warnings.append(PacketProblem(file, f"no overall recommendation {packet.marked}"))
    elif len(packet.recommendations) > 1:
        ticked = _both_or_all(options.get(r, r) for r in packet.recommendations)
        warnings.append(
            PacketProblem(file, f"{ticked} ticked as the overall recommendation; none is counted")
        )
    return warnings


def _built_for(packet: FilledPacket, field: str) -> str:
    """What the debrief takes for an empty header field from the packet's own record."""
    if field == "candidate" and packet.identity.candidate:
        return (
            f"; it is debriefed with the panel for {packet.identity.candidate}, whom the "
            "packet was built for"
        )
    if field == "interviewer" and packet.interviewer:
        return f"; the debrief names {packet.interviewer}, whom the packet was built for"
    return ""


def settle_candidates(packets: Sequence[FilledPacket]) -> list[PacketProblem]:
    """Settle the candidate each packet built for one (--candidate) is debriefed for, and
    say it of each filled in whose Candidate field names another. Such a packet is its
    built-for candidate's, its field left empty or written short ('J. Reyes', 'Reyes,
    Jordan') or one slip apart ('Jordan Reyez'), unless the field names the candidate that
    another packet given was built for: theirs. A name that is none of these is another
    candidate, the packet used again for them: it is debriefed as typed. A packet built
    for no candidate is debriefed as typed, as before packets recorded one."""
    built = {name_key(p.identity.candidate): p.identity.candidate for p in packets}
    built.pop("", None)
    warnings = []
    for packet in packets:
        meant, typed = packet.identity.candidate, packet.header.get("candidate", "")
        if not meant:
            continue
        if not typed.strip() or name_key(typed) == name_key(meant):
            packet.settled = meant  # an empty field is said by packet_warnings
            continue
        other = built.get(name_key(typed))
        if other is not None:
            packet.settled = other
            said = ", for whom other packets given were built; it is debriefed with their panel"
        elif _alike(typed, meant) or _short_form(typed, meant):
            packet.settled = meant
            said = f"; it is debriefed with the panel for {meant}"
        else:
            packet.settled = typed
            said = (
                f"; it is debriefed apart, for {typed} (a packet used again for another "
                f"candidate): if the candidate was {meant}, correct the Candidate field"
            )
        if filled_in(packet):
            warnings.append(
                PacketProblem(
                    packet.path,
                    f"the packet was built for {meant}, but its Candidate field "
                    f"says '{typed}'{said}",
                )
            )
    return warnings


def _short_form(typed: str, full: str) -> bool:
    """Whether `typed` is the name `full` written short: each of its words one of those
    of `full`, or the start of one, in any order ('J. Reyes', 'Reyes, Jordan', 'Jordan'),
    case and accents aside."""

    def words(name: str) -> list[str]:
        return [w for w in re.split(r"[\s.,]+", _without_accents(name).casefold()) if w]

    left = words(full)
    for word in words(typed):
        match = next((w for w in left if w == word), None) or next(
            (w for w in left if w.startswith(word)), None
        )
        if match is None:
            return False
        left.remove(match)
    return bool(words(typed))


def panel_warnings(
    panel: Sequence[FilledPacket],
    bank: Bank,
    words: Words,
    given: Sequence[FilledPacket] = (),
    blank: Sequence[FilledPacket] = (),
) -> list[PacketProblem]:
    """Between the packets of one candidate: one interviewer twice, one question twice, and
    the packets of a panel build that are not among them; `given`, every packet given, tells
    one given under another candidate's name from one not given at all, and `blank`, this
    panel's packets given with nothing filled in (said as such), are given. Each is said in
    qbank's English, and in the debrief's words (`words.say`) for its document."""
    warnings = _missing_members(panel, words.say, given, blank)
    by_name: dict[str, FilledPacket] = {}
    rated: dict[str, FilledPacket] = {}
    wording, say = words.packet, words.say
    labels = _labels(bank, wording)
    for packet in panel:
        name = name_key(packet.interviewer)
        if name and name in by_name:
            warnings.append(
                PacketProblem(
                    packet.path,
                    f"the interviewer {packet.interviewer} also filled in "
                    f"{by_name[name].path} for this candidate; both count under that name (if "
                    f"one of the two is a slip, correct its field '{wording('interviewer')}')",
                    say.pieces(
                        "gap_interviewer_twice",
                        file=packet_file(packet),
                        interviewer=packet.interviewer,
                        other=packet_file(by_name[name]),
                        field=((wording("interviewer"), True),),
                    ),
                )
            )
        by_name.setdefault(name, packet)
        for qid, answer in packet.answers.items():
            if not answer.scores:
                continue
            if qid in rated:
                warnings.append(
                    PacketProblem(
                        packet.path,
                        f"{labels[qid]}: also rated in {rated[qid].path} for this candidate",
                        say.pieces(
                            "gap_rated_twice",
                            file=packet_file(packet),
                            label=((labels[qid], True),),
                            other=packet_file(rated[qid]),
                        ),
                    )
                )
            rated.setdefault(qid, packet)
    return warnings


UNNAMED = (
    " (if two interviewers filled in copies of one packet, type each one's name in its "
    "Interviewer field)"
)


def given_twice(panel: Sequence[FilledPacket], bank: Bank, wording: Wording) -> list[PacketProblem]:
    """One interviewer's two packets for one candidate that rate the same questions: one
    interview given twice (its DOCX and its PDF, both sent out), which would count twice in
    every score; a problem, not a warning (a warning left the totals counted twice)."""
    labels = _labels(bank, wording)
    by_name: dict[object, list[FilledPacket]] = {}
    problems = []
    for packet in panel:
        name: object = name_key(packet.interviewer)
        if not name:  # no name typed: copies of one packet of one build are one interviewer's
            name = (build(packet), packet.identity.member)  # printed on any paper
        for other in by_name.get(name, []):  # each earlier one of theirs
            both = [
                labels[qid]
                for qid, answer in packet.answers.items()
                if answer.scores and other.answers.get(qid) and other.answers[qid].scores
            ]
            if both:
                listed = and_list(both)
                who = packet.interviewer or (
                    f"interviewer {packet.identity.member} of {packet.identity.panel} "
                    "(no name typed)"
                )
                problems.append(
                    PacketProblem(
                        packet.path,
                        f"{who} also rated {listed} in "
                        f"{other.path} for this candidate: one interview given twice would count "
                        "twice in every score; give one of the two packets"
                        + ("" if packet.header.get("interviewer") else UNNAMED),
                    )
                )
                break
        by_name.setdefault(name, []).append(packet)
    return problems


def build(packet: FilledPacket) -> tuple[str, str, int]:
    """The panel build a packet is of: its bank, the settings that dealt its questions and
    the panel's size. The paper it was printed on deals no other question: one plan on A4
    and on Letter is one build (it was said to be two, "each with its own questions")."""
    dealt = " ".join(s for s in packet.identity.settings.split() if not s.startswith("paper="))
    return (packet.identity.bank, dealt, packet.identity.panel)


def blanks_by_panel(
    panels: Sequence[Sequence[FilledPacket]], blank: Sequence[FilledPacket]
) -> list[list[FilledPacket]]:
    """The packets given with nothing filled in that belong to each panel, so that its
    document says they were given blank: those of its candidate (told apart as the panels
    are), and one with no candidate's name that completes a build of that panel alone (or
    of the one panel there is); one that could complete several belongs to none."""
    found: list[list[FilledPacket]] = [[] for _ in panels]
    for packet in blank:
        if packet.candidate_key:
            owners = [n for n, p in enumerate(panels) if p[0].candidate_key == packet.candidate_key]
        elif len(panels) == 1:
            owners = [0]
        else:
            owners = [
                n
                for n, panel in enumerate(panels)
                if any(build(p) == build(packet) for p in panel)
                and all(p.identity.member != packet.identity.member for p in panel)
            ]
        if len(owners) == 1:
            found[owners[0]].append(packet)
    return found


def packet_file(packet: FilledPacket) -> Said:
    """A packet as the debrief's document names it: by its file's name, which the panel
    knows it by, not by the path it was given as on one person's disk."""
    return ((packet.path.name, True),)


def _listed(items: Sequence[Said], say: Wording) -> Said:
    """'2 and 3', '1, 2 and 3' in the debrief's words (gap_list), each item in its pieces."""
    if len(items) < 2:
        return tuple(piece for item in items for piece in item)
    return say.pieces("gap_list", items=join_pieces(items[:-1], ", "), last=items[-1])


def _missing_members(
    panel: Sequence[FilledPacket],
    say: Wording,
    given: Sequence[FilledPacket],
    blank: Sequence[FilledPacket] = (),
) -> list[PacketProblem]:
    """For each panel build among one candidate's packets (its bank, settings and size),
    the members whose packets are not among them (a packet given blank is among them), in
    qbank's English and in the debrief's words (`say`)."""
    members: dict[tuple[str, str, int], set[int]] = {}
    for packet in panel:
        if packet.identity.panel > 1:
            members.setdefault(build(packet), set()).add(packet.identity.member)
    for packet in blank:
        if build(packet) in members:
            members[build(packet)].add(packet.identity.member)
    warnings = []
    first, name = panel[0], panel_candidate(panel)
    candidate = name or "this candidate"
    said_candidate = ((name, False),) if name else say.pieces("gap_unnamed")
    if len(members) > 1:  # two plans of the panel, each dealing its own questions
        files = [" and ".join(p.path.name for p in panel if build(p) == key) for key in members]
        builds = [
            _listed([packet_file(p) for p in panel if build(p) == key], say) for key in members
        ]
        warnings.append(
            PacketProblem(
                first.path,
                f"the packets for {candidate} come from "
                f"{len(members)} different builds of the panel, each with its own questions "
                f"({'; '.join(files)}); debrief the packets of one build together",
                say.pieces(
                    "gap_builds",
                    file=packet_file(first),
                    candidate=said_candidate,
                    count=len(members),
                    files=join_pieces(builds, "; "),
                ),
            )
        )
    for key, present in members.items():
        size = key[2]
        first = next(p for p in panel if build(p) == key)  # a packet of this build, named
        missing = [n for n in range(1, size + 1) if n not in present]
        elsewhere = {  # under a name so like this one that it is likely a slip
            p.identity.member: p
            for p in given
            if build(p) == key
            and p.identity.member in missing
            and p not in panel
            and (
                _alike(p.candidate, name)
                or (p.identity.candidate and name_key(p.identity.candidate) == name_key(name))
            )
        }
        for member, packet in sorted(elsewhere.items()):
            warnings.append(
                PacketProblem(
                    packet.path,
                    f"interviewer {member} of {size} of the panel for "
                    f"{candidate} wrote the candidate as "
                    f"'{packet.candidate}'; it is debriefed apart: correct the Candidate field if "
                    "it is the same candidate",
                    say.pieces(
                        "gap_elsewhere",
                        file=packet_file(packet),
                        member=member,
                        size=size,
                        candidate=said_candidate,
                        written=packet.candidate,
                    ),
                )
            )
        absent = [n for n in missing if n not in elsewhere]
        if not absent:
            continue
        known = [p for p in [*panel, *blank] if build(p) == key]  # who knows the seats' names
        seats = [_seat(n, known) for n in absent[:8]]
        shown = [said_text(seat) for seat in seats]
        more = len(absent) - 8
        shown += [f"{more} more"] if more > 0 else []
        seats += [say.pieces("gap_more", count=more)] if more > 0 else []
        which = and_list(shown)
        some = "packets of interviewers" if len(absent) > 1 else "packet of interviewer"
        warnings.append(
            PacketProblem(
                first.path,
                # the packet the panel is read from, which is not at fault: 'asa.docx: the
                # panel ... had 3 interviewers, but ... 2 (Tomás Ó Briain) ... not among the
                # files given' read as if Åsa's packet were (a hiring manager's trial)
                f"as this packet records it, the panel for {candidate} had {size} "
                f"interviewers, but the {some} {which} of {size} "
                f"{'are' if len(absent) > 1 else 'is'} not among the files given; the debrief "
                "covers only the packets given",
                say.pieces(
                    "gap_missing_one" if len(absent) == 1 else "gap_missing",
                    file=packet_file(first),
                    candidate=said_candidate,
                    size=size,
                    members=_listed(seats, say),
                ),
            )
        )
    return warnings


def _seat(member: int, packets: Sequence[FilledPacket]) -> Said:
    """Interviewer `member` of a panel, by name where a packet of its build records the
    panel's names (--interviewer): '2 (Tom Becker)', the name in the bank's language."""
    name = next((n for p in packets if (n := p.identity.interviewer_name(member))), "")
    if not name:
        return ((str(member), False),)
    return ((str(member), False), (" (", True), (name, False), (")", True))


def _alike(one: str, other: str) -> bool:
    """Names one slip apart ('Lovelace', 'Lovelase'), told apart from two candidates."""
    a, b = (" ".join(_without_accents(n).split()).casefold() for n in (one, other))
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def alike_candidates(panels: Sequence[Sequence[FilledPacket]]) -> list[PacketProblem]:
    """A warning for each candidate whose name differs from another's only in accents
    ('Ana Ruíz', 'Ana Ruiz'): debriefed apart, as typed, but likely one person."""
    seen: dict[str, FilledPacket] = {}
    warnings = []
    for panel in panels:
        packet = panel[0]
        key = " ".join(_without_accents(packet.candidate).split()).casefold()
        if key in seen:
            other = seen[key]
            warnings.append(
                PacketProblem(
                    packet.path,
                    f"the candidate '{packet.candidate}' differs from "
                    f"'{other.candidate}' ({other.path}) only in accents; they are debriefed as "
                    "two candidates: if they are one, correct the Candidate field of one of them",
                )
            )
        seen.setdefault(key, packet)
    return warnings


def _without_accents(name: str) -> str:
    """`name` with the accents of its Latin letters left off (é, ü, ñ, å), and nothing
    else changed: a Japanese voiced mark (ジ, シ) makes another sound, not an accent."""
    out: list[str] = []
    for char in unicodedata.normalize("NFD", name):
        if unicodedata.combining(char) and out and out[-1].isascii() and out[-1].isalpha():
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def _both_or_all(items: Iterable[str]) -> str:
    """'2 and 4 are both', or '1, 3 and 5 are all': the boxes ticked together."""
    names = list(items)
    listed = and_list(names)
    return f"{listed} are {'both' if len(names) == 2 else 'all'}"
