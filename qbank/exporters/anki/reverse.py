"""Which questions a two-way deck (--reverse) gives a reverse card: the hint as its prompt,
the question to recall.

A reverse card asks what its question's card answers, so both sides must be a prompt a
learner can read at a glance and an answer they can say: one short line of text each. A
hint of a paragraph, a list, a quote, a code block, a picture or a table, or a question that holds
one, makes no reverse card ('el perro' / 'the dog' does; 'What does this query miss?'
with its code does not). Inline code (`ls -l`) is a word of the line. What else the
question's card shows after its hint (the note, the points to look for) the reverse card
shows after its question (templates/anki/reverse-back.html).
"""

from __future__ import annotations

from qbank.model import Bank, Question
from qbank.rich import CodeBlock, ListBlock, Paragraph, Picture, Quote, Table
from qbank.text import holds_line_break, one_line, shows_nothing

# the characters of a side's one line, at most: a prompt read at a glance on a phone's card
# (two rows of it), as a word and its article, a phrase or a short definition are
LONGEST = 80
# How many positions among the new cards a reverse card stands after its question's card.
# Anki's import keeps a new card's position (its `due`) as the deck gives it, and its
# scheduler, with its default options (gather by deck, "card type, then order gathered"),
# gives a section's new cards in position order; the two cards are notes of their own, so
# burying siblings never keeps them apart. The same position as its question's would show
# 'the dog' right after 'el perro', its answer still on the screen; after the bank's last
# question, a learner met none of the 40 reverse cards before every question's card. From
# the eleventh question on, each position holds a question's card and an earlier one's
# reverse card (the one of the lower card id first), so a reverse card comes some 20 new
# cards after its question's: with Anki's 20 new cards a day, the next day (the order
# measured with the `anki` package, in a fresh collection and over a studied one-way deck).
REVERSE_LAG = 10
_BLOCK_WORDS = {
    Picture: "a picture",
    CodeBlock: "code",
    ListBlock: "a list",
    Quote: "a quote",
    Table: "a table",
}


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


def reverse_position(question: Question) -> int:
    """Where `question`'s reverse card stands among the new cards (Anki's `due` of a new
    card), as its question's card stands at its number: `REVERSE_LAG` after it."""
    return question.number + REVERSE_LAG


def prompt_key(bank: Bank, question: Question) -> str:
    """What a learner reads on `question`'s reverse card, as two prompts are the same: its
    hint's words on one line, in any case ('The dog' and 'the dog ' ask the same)."""
    return one_line(bank.flat(question.hint)).casefold()
