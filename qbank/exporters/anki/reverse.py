"""Which questions a two-way deck (--reverse) gives a reverse card: the hint as its prompt,
the question to recall.

A reverse card asks what its question's card answers, so both sides must be a prompt a
learner can read at a glance and an answer they can say: one short line of text each. A
hint of a paragraph, a list, a quote, a code block or a picture, or a question that holds
one, makes no reverse card ('el perro' / 'the dog' does; 'What does this query miss?'
with its code does not). Inline code (`ls -l`) is a word of the line. What else the
question's card shows after its hint (the note, the points to look for) the reverse card
shows after its question (templates/anki/reverse-back.html).
"""

from __future__ import annotations

from qbank.model import Bank, Question
from qbank.rich import CodeBlock, ListBlock, Paragraph, Picture, Quote
from qbank.text import holds_line_break, one_line, shows_nothing

# the characters of a side's one line, at most: a prompt read at a glance on a phone's card
# (two rows of it), as a word and its article, a phrase or a short definition are
LONGEST = 80
_BLOCK_WORDS = {Picture: "a picture", CodeBlock: "code", ListBlock: "a list", Quote: "a quote"}


def one_way_reason(bank: Bank, question: Question) -> str | None:
    """Why `question` gets no reverse card, in words for the bank's author; None when it
    gets one."""
    if shows_nothing(question.hint):
        return "it has no hint to ask from"
    for side, text in (("hint", question.hint), ("question", question.question)):
        tree = bank.rich_text(text)
        block = (
            next((b for b in tree.blocks if not isinstance(b, Paragraph)), None) if tree else None
        )
        if block is not None:
            return f"its {side} holds {_BLOCK_WORDS[type(block)]}"
        flat = bank.flat(text).strip()
        if (tree is not None and len(tree.blocks) > 1) or holds_line_break(flat):
            return f"its {side} is more than one line"
        if len(one_line(flat)) > LONGEST:
            return f"its {side} is longer than {LONGEST} characters"
    return None


def prompt_key(bank: Bank, question: Question) -> str:
    """What a learner reads on `question`'s reverse card, as two prompts are the same: its
    hint's words on one line, in any case ('The dog' and 'the dog ' ask the same)."""
    return one_line(bank.flat(question.hint)).casefold()
