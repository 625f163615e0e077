"""What a grader reads beside a learner's answer, shared by the LMS formats.

Learners see the question alone; the hint, the editor's note, the signals of a strong
answer, the follow-ups, the question's anchors and its sources go to the grader (Moodle's
`graderinfo`, Blackboard's example answer). The text is HTML with a heading before each part,
always the same words, so that `qbank import` reads our own export back into its fields.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from qbank.bank.html_text import GRADER_HEADINGS
from qbank.exporters.lms.texts import Attachments
from qbank.model import Bank, Question, RubricLevel
from qbank.paths import Templates
from qbank.rubric import load_wording
from qbank.text import to_html

Scale = Sequence[RubricLevel]


def rubric(bank: Bank, templates: Templates | None = None) -> tuple[RubricLevel, ...]:
    """The scale answers are scored on: the bank's own, else the packet's default in the
    build's look (packet/rubric.toml of --templates, else the built-in one)."""
    return bank.rubric or load_wording(templates).levels


def top_score(bank: Bank, scale: Scale = ()) -> int:
    """The most points an answer earns: the top score of `scale` (the build's rubric)."""
    return max(level.score for level in (scale or rubric(bank)))


def is_interview_bank(bank: Bank) -> bool:
    """A bank written for interviews (it names a role or a rubric): its hints are for the
    interviewer, so learners see none unless `--feedback hint` says so."""
    return bool(bank.role or bank.rubric)


def learners_see_hint(bank: Bank, feedback: str | None) -> bool:
    if feedback is None:
        return not is_interview_bank(bank)
    return feedback == "hint"


def question_anchors(question: Question) -> Mapping[int, str]:
    """The question's own anchors by score (its `anchors:`), when it has them."""
    return dict(question.anchors)


def grader_html(
    bank: Bank, question: Question, texts: Attachments | None = None, scale: Scale = ()
) -> str:
    """The grader's text as HTML: a heading, then the part, for each part the question
    has. The pictures of a Markdown bank's texts go to `texts` (by default nowhere: each
    is its alt text)."""
    texts = texts or Attachments(bank, None)
    parts = [_part("hint", texts.block(question.hint))]
    competency = bank.competency(question.competency)
    if competency is not None:
        parts.append(
            _part(
                "competency",
                f"<p><strong>{to_html(competency.name)}</strong>: "
                f"{texts.inline(competency.description)}</p>",
            )
        )
    if question.note:
        parts.append(_part("note", texts.block(question.note)))
    if question.look_for:
        parts.append(_part("look_for", _list(texts, question.look_for)))
    if question.follow_ups:
        parts.append(_part("follow_ups", _list(texts, question.follow_ups)))
    anchors = question_anchors(question)
    if anchors:
        labels = {level.score: level.label for level in (scale or rubric(bank))}
        items = "".join(
            f"<li><strong>{score} {html.escape(labels.get(score, ''), quote=False)}"
            f"</strong>: {to_html(text)}</li>"
            for score, text in sorted(anchors.items())
        )
        parts.append(_part("anchors", f"<ul>{items}</ul>"))
    if question.minutes:
        parts.append(_part("minutes", f"<p>{question.minutes}</p>"))
    if question.sources:
        items = "".join(
            f'<li>{html.escape(s.title, quote=False)} &lt;<a href="{html.escape(s.url)}">'
            f"{html.escape(s.url, quote=False)}</a>&gt;</li>"
            for s in question.sources
        )
        parts.append(_part("sources", f"<ul>{items}</ul>"))
    return "".join(parts)


def _part(key: str, body: str) -> str:
    return f"<h4>{GRADER_HEADINGS[key]}</h4>{body}"


def _list(texts: Attachments, items: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{texts.inline(item)}</li>" for item in items) + "</ul>"
