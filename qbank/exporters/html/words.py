"""The study page's own words (templates/html/words.toml): its buttons, filters, headings
and messages, and the language they are in.

page.html names a word as @@key@@ (lower case), filled in when the page is built; app.js
reads them all from the page's data, and fills in their {placeholders} itself.
"""

from __future__ import annotations

from qbank import look
from qbank.paths import Templates

WORDS_FILE = "html/words.toml"


PAGE_WORDS = look.words(
    """
    skip_to_questions
    skip_to_practice
    needs_script
    find_questions
    search
    search_placeholder
    section
    all_sections
    tag
    all_tags
    rating
    any_rating
    not_rated
    questions_one: total
    questions: total
    questions_match: n total
    questions_match_one: n total
    questions_shown: counted shown
    rated_since: counted n
    clear_filters
    tags_said
    rating_said
    show_more
    show_n_more: n rest
    continued: section
    continued_again: section n
    minutes: minutes
    show_answer
    hide_answer
    hint
    note
    look_for
    follow_ups
    rated_intro
    sources
    again
    hard
    good
    rate_yourself: label
    rated_as: label rating
    your_progress
    tally: good hard again none total
    section_tally: good total
    by_section
    keep_progress
    keep_note
    export
    import
    reset
    no_storage
    exported: file
    not_json
    not_progress
    other_bank: other bank
    ratings_one
    ratings: n
    imported: ratings
    imported_and_kept: ratings kept
    import_too_large
    reset_heading
    reset_text: ratings
    nothing_to_reset
    keep_mine
    reset_confirm
    was_reset
    keyboard
    key_search
    key_move
    key_space
    key_answer
    key_rate
    key_escape
    key_clear
    shortcuts
    practice
    how_long
    by_count
    count_label
    by_minutes
    minutes_label
    from_sections
    start
    back
    step: n total
    time_left: time
    time_is_up
    time_is_up_said
    paused
    pause
    resume
    skip
    finish
    bad_count
    bad_minutes
    nothing_fits: minutes shortest
    minutes_one
    minutes_n: n
    summary
    summary_text: questions used planned good hard again none
    summary_question
    summary_minutes
    summary_used
    summary_rating
    summary_not_rated
    practise_again
    code
    opens_new_tab
    table
    """,
    # a words file of an earlier look may lack these: LATER_WORDS stand in
    later=[
        *"clear_filters tags_said rating_said questions_match_one code".split(),
        "import_too_large",  # a look of 5 Dec lacks it
        "opens_new_tab",  # and of 6 Dec this
        "rated_since",  # and of 7 Dec this
        "table",  # and of 8 Dec this
    ],  # none blank: each names a button, a heading or a message, an empty one nothing
)
# the words a look's file from before they were added may lack, as the built-in look says them
LATER_WORDS = {
    "clear_filters": "Clear the search and filters",
    "tags_said": "Tags:",
    "rating_said": "Your rating:",
    "questions_match_one": "{n} of {total} questions match",
    "code": "Code",
    "import_too_large": "This file holds more ratings than this browser keeps for the page: "
    "nothing was imported.",
    "opens_new_tab": "opens in a new tab",
    "rated_since": "{counted}, and {n} rated since the filter was set",
    "table": "Table",
}
# the page's words and their language; the later ones stay so (a look's file from
# before `code` was added was refused for lacking it)
HTML_WORDS = look.with_label_word(
    look.Table({**PAGE_WORDS.keys, "language": look.LANGUAGE_TAG}, later=PAGE_WORDS.later)
)
look.declare(WORDS_FILE, HTML_WORDS)


def load_words(templates: Templates | None = None) -> dict[str, str]:
    """The page's words of a build's look (`templates`; the built-in look when none), as
    written: {placeholders} and {{ }} are read where each is shown."""
    return LATER_WORDS | look.values(WORDS_FILE, templates or Templates())


def word(words: dict[str, str], key: str) -> str:
    """A word without placeholders, as it shows: {{ and }} read as the brace they stand for."""
    return words[key].format()
