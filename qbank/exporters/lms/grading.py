"""What a grader reads beside a learner's answer, shared by the LMS formats.

Learners see the question alone; the hint, the editor's note, the signals of a strong
answer, the follow-ups, the question's anchors, minutes, group and sources go to the grader
(Moodle's `graderinfo`, Blackboard's example answer). The text is HTML with a heading before
each part, in the words of the look's lms/words.toml (words.py), written so that `qbank
import` reads our own export back into its fields whatever those words are. What the bank
says about itself (its role, rating scale, tags and competencies) goes to its Moodle
category the same way (`bank_info`), and a section's own language to its own
(`section_info`).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from qbank.bank.html_text import heading
from qbank.bank.imported import STAND_IN_HINTS
from qbank.exporters.lms.texts import Attachments, plain_html
from qbank.exporters.lms.words import Words, load_words
from qbank.model import Bank, Question, RubricLevel, Section
from qbank.rubric import scale as bank_scale

Scale = Sequence[RubricLevel]


def top_score(bank: Bank, scale: Scale = ()) -> int:
    """The most points an answer earns: the top score of `scale` (the build's rubric)."""
    return max(level.score for level in (scale or bank_scale(bank)))


def learners_see_hint(bank: Bank, feedback: str | None) -> bool:
    """A bank for interviews (Bank.for_interviews) has hints for the interviewer, so
    learners see none unless `--feedback hint` says so."""
    if feedback is None:
        return not bank.for_interviews
    return feedback == "hint"


def shows_hint(question: Question, show_hint: bool) -> bool:
    """Whether learners see this question's hint: when the bank shows hints, each but the
    stand-in `qbank import` writes where a file gave none, which is no feedback (a Moodle
    file's round trip told learners '(The Moodle file gave no grader information or
    feedback.)')."""
    return show_hint and question.hint.strip() not in STAND_IN_HINTS


def left_out_for_graders(bank: Bank, fmt: str, show_hint: bool) -> str | None:
    """What a format with no place for graders' text (GIFT, Canvas's QTI) leaves out of
    the bank, said once; None when the bank has none of it."""
    present = [
        (not show_hint, "hints"),
        (any(q.competency for q in bank.questions), "competencies"),
        (any(q.note for q in bank.questions), "notes"),
        (any(q.look_for for q in bank.questions), "look-for signals"),
        (any(q.follow_ups for q in bank.questions), "follow-ups"),
        (any(q.anchors for q in bank.questions), "anchors"),
        (any(q.minutes for q in bank.questions), "minutes"),
        (any(q.group for q in bank.questions), "groups"),
        (any(q.sources for q in bank.questions), "sources"),
    ]
    names = [name for there, name in present if there]
    if not names or not bank.questions:
        return None
    listed = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    advice = "" if show_hint else ", or --feedback hint to show learners the hint"
    return (
        f"{bank.source}: {fmt} has no place for what graders read, so the file holds no "
        f"{listed}; the moodle and blackboard formats give them to graders{advice}"
    )


def question_anchors(question: Question) -> Mapping[int, str]:
    """The question's own anchors by score (its `anchors:`), when it has them."""
    return dict(question.anchors)


def grader_html(
    bank: Bank,
    question: Question,
    texts: Attachments | None = None,
    scale: Scale = (),
    words: Words | None = None,
) -> str:
    """The grader's text as HTML: a heading, then the part, for each part the question
    has, in `words` (the built-in look's by default). The pictures of a Markdown bank's
    texts go to `texts` (by default nowhere: each is its alt text)."""
    texts = texts or Attachments(bank, None)
    say = words or load_words()
    after = html.escape(say["after_label"], quote=False)

    def part(key: str, body: str) -> str:
        return heading(key, say[key]) + body

    language = bank.language_of(question.section)
    parts = [part("hint", texts.block(question.hint, language))]
    competency = bank.competency(question.competency)
    if competency is not None:
        parts.append(
            part(
                "competency",
                f"<p{texts.said(competency.name + competency.description, language)}>"
                f"<strong>{plain_html(competency.name)}</strong>{after}"
                f"{texts.inline(competency.description)}</p>",
            )
        )
    if question.note:
        parts.append(part("note", texts.block(question.note, language)))
    if question.look_for:
        parts.append(part("look_for", _list(texts, question.look_for, language)))
    if question.follow_ups:
        parts.append(part("follow_ups", _list(texts, question.follow_ups, language)))
    anchors = question_anchors(question)
    if anchors:
        labels = {level.score: level.label for level in (scale or bank_scale(bank))}
        items = "".join(
            f"<li{texts.said(text, language)}>"
            f"<strong>{score} {html.escape(labels.get(score, ''), quote=False)}"
            f"</strong>{after}{plain_html(text)}</li>"
            for score, text in sorted(anchors.items())
        )
        parts.append(part("anchors", f"<ul>{items}</ul>"))
    if question.minutes:
        parts.append(part("minutes", f"<p>{question.minutes}</p>"))
    if question.group:  # questions that probe the same thing: an interviewer asks one
        said = texts.said(question.group, language)
        parts.append(part("group", f"<p{said}>{plain_html(question.group)}</p>"))
    if question.sources:
        items = "".join(
            f"<li{texts.said(s.title, language)}>"
            f'{html.escape(s.title, quote=False)} &lt;<a href="{html.escape(s.url)}">'
            f"{html.escape(s.url, quote=False)}</a>&gt;</li>"
            for s in question.sources
        )
        parts.append(part("sources", f"<ul>{items}</ul>"))
    return "".join(parts)


def _list(texts: Attachments, items: tuple[str, ...], language: str) -> str:
    """Items, each saying its direction in a `language` written right to left."""
    said = [(texts.said(item, language), texts.inline(item)) for item in items]
    return "<ul>" + "".join(f"<li{attribute}>{shown}</li>" for attribute, shown in said) + "</ul>"


def bank_info(bank: Bank, texts: Attachments, words: Words | None = None) -> str:
    """What the bank says about itself, for its LMS category: the description, then under
    headings (in `words`, written so that `qbank import` reads them back) the role, the
    organisation, the day its facts were checked, its language, the
    bank's own rating scale, its tag vocabulary and its competencies with their weights,
    each part only when the bank has it."""
    say = words or load_words()
    language = bank.language
    parts = [texts.inline(bank.description, language)]
    if bank.role:
        said = texts.said(bank.role, language)
        parts.append(f"{heading('role', say['role'])}<p{said}>{plain_html(bank.role)}</p>")
    for key in ("organisation", "reviewed", "language"):
        if value := getattr(bank, key):
            parts.append(f"{heading(key, say[key])}<p>{plain_html(str(value))}</p>")
    if bank.rubric:
        levels = [
            (f"{v.score} {plain_html(v.label)}", "", plain_html(v.anchor)) for v in bank.rubric
        ]
        parts.append(_labelled("rubric", levels, say, texts, language))
    if bank.vocabulary:
        tags = [(plain_html(t.name), "", plain_html(t.description)) for t in bank.vocabulary]
        parts.append(_labelled("tags", tags, say, texts, language))
    if bank.competencies:
        named = [
            (plain_html(c.name), _weight(c.weight, say), texts.inline(c.description))
            for c in bank.competencies
        ]
        parts.append(_labelled("competencies", named, say, texts, language))
    return "".join(parts)


def section_info(
    bank: Bank, section: Section, texts: Attachments, words: Words | None = None
) -> str:
    """A section's category text: its description, then its own language (a section in
    German in an English bank) under the bank's heading for one, so that `qbank import`
    gives the section its language back."""
    info = texts.inline(section.description, bank.language_of(section))
    if section.language:
        say = words or load_words()
        info += f"{heading('language', say['language'])}<p>{plain_html(section.language)}</p>"
    return info


def _weight(weight: int, words: Words) -> str:
    """The remark after a competency's name: its weight, when it weighs more than one."""
    return html.escape(words["weight"].format(weight=weight), quote=False) if weight != 1 else ""


def _labelled(
    key: str,
    items: list[tuple[str, str, str]],
    words: Words,
    texts: Attachments,
    language: str,
) -> str:
    """A part of the bank's text: its heading, then a `<strong>label</strong> remark: text`
    item for each (label, remark, text), the `:` the look's `after_label`, each saying its
    direction in a `language` written right to left."""
    after = html.escape(words["after_label"], quote=False)
    entries = "".join(
        f"<li{texts.said(html.unescape(label + text), language)}><strong>{label}</strong>"
        f"{remark}{after}{text}</li>"
        for label, remark, text in items
    )
    return f"{heading(key, words[key])}<ul>{entries}</ul>"
