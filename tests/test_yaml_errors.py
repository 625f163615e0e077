"""YAML mistakes in words a person can act on: `FILE:LINE:COLUMN: message`, the source line
and a caret under the column. One fixture per mistake, each message pinned exactly."""

from __future__ import annotations

import re

import pytest
from helpers import FIXTURES, check_text, run_cli

from qbank.bank import load_bank, parse_bank
from qbank.errors import BankError, Problem

# fixture: [(LINE:COLUMN, message, source line, caret line), ...] as `check` prints them
MISTAKES = [
    (
        # an item's '- ' inside brackets, as a message's '- {...}' typed there (a trial)
        "yaml-dash-in-brackets.yaml",
        [
            (
                "7:16",
                (
                    "invalid YAML: inside [ ] a list's items stand apart by commas, with no "
                    "'- ' before them ('- ' starts an item on a line of its own); write: "
                    'look_for: ["the team\'s rules", state]  # [- kept]'
                ),
                '        look_for: [- "the team\'s rules", - state]  # [- kept]',
                "                   ^",
            ),
        ],
    ),
    (
        # and on a line of its own inside brackets left open: the item is inside them (it
        # was told to put the item inside the brackets); each such line at once (they were
        # mended a line a check), a quoted item's too (told to quote its line whole)
        "yaml-dash-in-brackets-lines.yaml",
        [
            (
                f"{line}:7",
                (
                    "invalid YAML: inside [ ] a list's items stand apart by commas, with no "
                    f"'- ' before them ('- ' starts an item on a line of its own); write: {write}"
                ),
                f"          {written}",
                "          ^",
            )
            for line, written, write in (
                (8, "- rules,", "rules,"),
                (9, '- "the team\'s state",', '"the team\'s state",'),
                (10, "- logs, - alerts]", "logs, alerts]"),
            )
        ],
    ),
    (
        # a field indented like the items of the list above it
        "yaml-key-among-items.yaml",
        [
            (
                "10:7",
                (
                    "invalid YAML: this key is indented 6 spaces, as the items of 'look_for' "
                    "above are; indent it 4 spaces, as 'look_for:' on line 7 is"
                ),
                "          follow_ups:",
                "          ^",
            ),
        ],
    ),
    (
        # the middle anchor outdented: YAML stumbles only on the line after it
        "yaml-anchor-out-of-step.yaml",
        [
            (
                "9:5",
                (
                    "invalid YAML: this line is indented 4 spaces, but the lines above and "
                    "below it 6 spaces; line them up"
                ),
                "        3: Names rules.",
                "        ^",
            ),
        ],
    ),
    (
        # a `|` block whose text starts at the key's column: YAML ends the block at once
        "yaml-block-not-indented.yaml",
        [
            (
                "7:5",
                (
                    "invalid YAML: the text of 'hint: |' must be indented more than 'hint:'; "
                    "start each of its lines with 6 spaces"
                ),
                "        Filters traffic.",
                "        ^",
            ),
        ],
    ),
    (
        # a quote and nothing after it (an empty text once crashed the explanation)
        "yaml-quote-alone.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: this quote is never closed on its line, so YAML reads on "
                    'into line 6; end it with a straight quote: question: ""'
                ),
                '        question: "',
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-curly-closing-quote.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: this text ends with ”, a curly quote, which does not end the "
                    '" it starts with, so YAML reads on into line 6; end it with a straight '
                    'quote: question: "What does a firewall do?"'
                ),
                '        question: "What does a firewall do?”',
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-unclosed-quote.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: this quote is never closed on its line, so YAML reads on "
                    'into line 6; end it with a straight quote: question: "What does a '
                    'firewall do?"'
                ),
                '        question: "What does a firewall do?',
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-outdented-key.yaml",
        [
            (
                "6:4",
                (
                    "invalid YAML: this key is indented 3 spaces, but 'question' on line 5 is "
                    "indented 4 spaces; line them up"
                ),
                "       hint: Filters traffic.",
                "       ^",
            ),
        ],
    ),
    (
        "yaml-outdented-item.yaml",
        [
            (
                "9:6",
                (
                    "invalid YAML: this list item is indented 5 spaces, but the item on line 8 "
                    "is indented 6 spaces; line them up"
                ),
                "         - state",
                "         ^",
            ),
        ],
    ),
    (
        "yaml-no-break-space-indent.yaml",
        [
            (
                "6:3",
                (
                    "invalid YAML: a no-break space (U+00A0) at line 6, column 3, where YAML "
                    "needs normal spaces; replace it with a normal space"
                ),
                "      \xa0 hint: Filters traffic.",
                "      ^",
            ),
        ],
    ),
    (
        "yaml-pasted-bullets.yaml",
        [
            (
                "6:32",
                (
                    "invalid YAML: the lines under 'hint' that start with '- ' are read as a "
                    "list, not as its text; write the text as a block, which keeps your lines "
                    "as they are: replace lines 6-8 with the lines below"
                ),
                "        hint: It filters traffic by:",
                "                                   ^",
                "    hint: |",
                "      It filters traffic by:",
                "      - source and destination",
                "      - port and protocol",
            ),
        ],
    ),
    (
        "yaml-pasted-bullets-with-colon.yaml",
        [
            (
                "7:15",
                (
                    "invalid YAML: ': ' (a colon and a space) in the text of 'hint', which runs "
                    "over 3 lines, starts a new key to YAML; write the text as a block, which "
                    "keeps your lines as they are: replace lines 6-8 with the lines below"
                ),
                "          • source: where it comes from",
                "                  ^",
                "    hint: |",
                "      It filters traffic by",
                "      • source: where it comes from",
                "      • port",
            ),
        ],
    ),
    (
        "yaml-multiline-colon.yaml",
        [
            (
                "7:18",
                (
                    "invalid YAML: ': ' (a colon and a space) in the text of 'hint', which runs "
                    "over 2 lines, starts a new key to YAML; write the text as a block, which "
                    "keeps your lines as they are: replace lines 6-7 with the lines below"
                ),
                "          for example: deny by default.",
                "                     ^",
                "    hint: |",
                "      It filters traffic by rules,",
                "      for example: deny by default.",
            ),
        ],
    ),
    (
        "yaml-curly-wrapped.yaml",
        [
            (
                "5:15",
                (
                    "warning: question 'first': 'question' is wrapped in curly quotes “…”, "
                    "which YAML keeps as part of the text, so every artifact prints them; if "
                    'they are not meant to be seen, write: question: "What does a firewall do?"'
                ),
                "        question: “What does a firewall do?”",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-colon.yaml",
        [
            (
                "5:23",
                (
                    "invalid YAML: ': ' (a colon and a space) inside text starts a new key to "
                    'YAML; put the whole text in quotes: question: "Scenario: a node fails at '
                    'night. What do you check first?"'
                ),
                "        question: Scenario: a node fails at night. What do you check first?",
                "                          ^",
            ),
        ],
    ),
    (
        "yaml-comment-cut.yaml",
        [
            (
                "6:26",
                (
                    "warning: question 'first': 'hint' stops before ' #', because YAML reads "
                    'the rest of the line as a comment: "#1 priority, then the rest" is '
                    'dropped; put the whole text in quotes: hint: "surge upgrades #1 priority, '
                    'then the rest"'
                ),
                "        hint: surge upgrades #1 priority, then the rest",
                "                             ^",
            ),
        ],
    ),
    (
        "yaml-curly-quotes.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: “ is not a quote to YAML, only straight quotes \" and ' "
                    'are; write: question: "Scenario: a node fails. What do you check first?"'
                ),
                "        question: “Scenario: a node fails. What do you check first?”",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-misaligned-item.yaml",
        [
            (
                "7:4",
                (
                    "invalid YAML: this list item is indented 3 spaces, but the item on line 3 "
                    "is indented 2 spaces; line them up"
                ),
                "       - id: second",
                "       ^",
            ),
        ],
    ),
    (
        "yaml-no-break-space.yaml",
        [
            (
                "6:10",
                (
                    "invalid YAML: a no-break space (U+00A0) at line 6, column 10, where YAML "
                    "needs normal spaces; replace it with a normal space"
                ),
                "        hint:\xa0Filters traffic.",
                "             ^",
            ),
        ],
    ),
    (
        "yaml-number-as-text.yaml",
        [
            (
                "5:15",
                (
                    "question 'first': 'question': YAML reads 42 as a number, not text; put it "
                    'in quotes: question: "42"'
                ),
                "        question: 42",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-section-case.yaml",
        [
            (
                "5:14",
                (
                    "question 'first': unknown section 'basics'; did you mean 'Basics'? "
                    "sections are: Basics, Depth"
                ),
                "        section: basics",
                "                 ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-ampersand.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads & at the start of a value as an anchor name; put "
                    'the whole text in quotes: question: "& then what happens?"'
                ),
                "        question: & then what happens?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-at.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads @ at the start of a value as a reserved "
                    'character; put the whole text in quotes: question: "@mentions in a chat '
                    'bot: what can go wrong?"'
                ),
                "        question: @mentions in a chat bot: what can go wrong?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-backtick.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads ` at the start of a value as a reserved "
                    'character; put the whole text in quotes: question: "`kubectl drain` does '
                    'what?"'
                ),
                "        question: `kubectl drain` does what?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-bang.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads ! at the start of a value as a tag; put the "
                    'whole text in quotes: question: "!important in CSS: when is it a smell?"'
                ),
                "        question: !important in CSS: when is it a smell?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-brace.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads { at the start of a value as the start of a "
                    'mapping; put the whole text in quotes: question: "{user} in a prompt '
                    'template: what is the risk?"'
                ),
                "        question: {user} in a prompt template: what is the risk?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-bracket.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads [ at the start of a value as the start of a "
                    'list; put the whole text in quotes: question: "[Draft] What is a SIEM?"'
                ),
                "        question: [Draft] What is a SIEM?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-double-quote.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: the text starts with a quote, so YAML takes the quoted part "
                    'as the value; put the whole text in quotes: question: \'"Zero trust" '
                    "means what?'"
                ),
                '        question: "Zero trust" means what?',
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-greater.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads > at the start of a value as the start of a "
                    'folded block; put the whole text in quotes: question: "> 90% CPU on a '
                    'node: what next?"'
                ),
                "        question: > 90% CPU on a node: what next?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-percent.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads % at the start of a value as a directive; put "
                    'the whole text in quotes: question: "%d in a format string: what is the '
                    'risk?"'
                ),
                "        question: %d in a format string: what is the risk?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-pipe.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads | at the start of a value as the start of a "
                    'block of lines; put the whole text in quotes: question: "| in a shell '
                    'command: what does it do?"'
                ),
                "        question: | in a shell command: what does it do?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-single-quote.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: the text starts with a quote, so YAML takes the quoted part "
                    "as the value; put the whole text in quotes: question: \"'Zero trust' "
                    'means what?"'
                ),
                "        question: 'Zero trust' means what?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-starts-with-star.yaml",
        [
            (
                "5:15",
                (
                    "invalid YAML: YAML reads * at the start of a value as an alias (a "
                    'reference to an &anchor); put the whole text in quotes: question: "*args '
                    'in Python: what are they?"'
                ),
                "        question: *args in Python: what are they?",
                "                  ^",
            ),
        ],
    ),
    (
        "yaml-tag-case.yaml",
        [
            (
                "10:17",
                (
                    "question 'first': tag 'privacy' is not in the bank's 'tags' list; did you "
                    "mean 'Privacy'? (add it there with a description, or use one of the listed "
                    "tags)"
                ),
                "        tags: [ops, privacy]",
                "                    ^",
            ),
        ],
    ),
    (
        "yaml-tab.yaml",
        [
            (
                "5:1",
                (
                    "invalid YAML: a tab in the indentation; YAML indents with spaces only, so "
                    "replace the tab with 4 spaces"
                ),
                "    \tquestion: What does a firewall do?",
                "    ^",
            ),
        ],
    ),
    (
        # a Makefile's tab where the block's spaces go (a trial was told to replace it)
        "yaml-tab-in-code.yaml",
        [
            (
                "12:1",
                (
                    "invalid YAML: a tab in the indentation of the text of 'hint: |'; YAML "
                    "indents with spaces only: start the line with 6 spaces, as the text's "
                    "other lines, and put a tab the text needs (a Makefile's) after them"
                ),
                "    \tpytest -q",
                "    ^",
            ),
        ],
    ),
    (
        # a line of code at the key's column (a trial was told to write a `key: |` block)
        "yaml-code-line-at-key.yaml",
        [
            (
                "12:5",
                (
                    "invalid YAML: this line is indented 4 spaces, no more than 'hint:' on "
                    "line 7, so YAML ends the text of 'hint: |' above it and reads this line "
                    "as a key; if it belongs to that text (a line of code), indent it 6 "
                    "spaces, as the text's first line on line 8 is, then the line's own indent"
                ),
                "        return 3",
                "        ^",
            ),
        ],
    ),
    (
        "yaml-yes-no.yaml",
        [
            (
                "7:17",
                (
                    "question 'first': 'tags': YAML reads yes as true/false, not text; put it "
                    'in quotes: "yes"'
                ),
                "        tags: [ops, yes, no]",
                "                    ^",
            ),
            (
                "7:22",
                (
                    "question 'first': 'tags': YAML reads no as true/false, not text; put it "
                    'in quotes: "no"'
                ),
                "        tags: [ops, yes, no]",
                "                         ^",
            ),
            (
                "9:9",
                (
                    "question 'first': 'look_for': YAML reads on as true/false, not text; put "
                    'it in quotes: - "on"'
                ),
                "          - on",
                "            ^",
            ),
        ],
    ),
    (
        # a text that starts with [ and has no ]: YAML reads on for the end of its list
        "yaml-unclosed-bracket-text.yaml",
        [
            (
                "6:11",
                (
                    "invalid YAML: YAML reads [ at the start of a value as the start of a "
                    'list; put the whole text in quotes: hint: "[Draft, filters traffic."'
                ),
                "        hint: [Draft, filters traffic.",
                "              ^",
            ),
        ],
    ),
    (
        # a list in brackets that is never closed
        "yaml-unclosed-list.yaml",
        [
            (
                "7:11",
                (
                    "invalid YAML: this [ starts a list that is never closed with ] (YAML "
                    "read on to line 8 for it); end the list with ] on this line, or put a "
                    "text that starts with it in quotes"
                ),
                "        tags: [network, basics",
                "              ^",
            ),
        ],
    ),
    (
        # a field's colon forgotten
        "yaml-key-without-colon.yaml",
        [
            (
                "6:5",
                (
                    "invalid YAML: 'hint' needs a colon and a space after it, then its value; "
                    "write: hint: Filters traffic."
                ),
                "        hint Filters traffic.",
                "        ^",
            ),
        ],
    ),
    (
        # a text's second line written where the keys start
        "yaml-text-at-key-indent.yaml",
        [
            (
                "7:5",
                (
                    "invalid YAML: this line is neither 'key: value' nor a list item ('- '); "
                    "if it goes on with the text of the line above, indent it more than that "
                    "line's key, or write that text as a block (key: |)"
                ),
                "        in both directions.",
                "        ^",
            ),
        ],
    ),
    (
        # a line of a | block indented less than the block's first line
        "yaml-block-line-outdented.yaml",
        [
            (
                "8:7",
                (
                    "invalid YAML: this line of the text of 'hint: |' is indented 6 spaces, "
                    "less than the text's first line on line 7 (8 spaces), so YAML ends the "
                    "text above it; indent it 8 spaces like the others"
                ),
                "          in both directions.",
                "          ^",
            ),
        ],
    ),
    (
        # a * where YAML expects a list: a reference to nothing
        "yaml-undefined-alias.yaml",
        [
            (
                "7:11",
                (
                    "invalid YAML: *security is a reference to YAML, to a value marked "
                    "&security earlier in the file, and there is none; write the value out, "
                    "and put a text that starts with * in quotes"
                ),
                "        tags: *security",
                "              ^",
            ),
        ],
    ),
    (
        # a list item indented under the one above: YAML reads it as that item's text
        "yaml-item-runs-on.yaml",
        [
            (
                "9:7",
                (
                    "warning: question 'first': 'look_for' runs on into line 9, which starts "
                    "with '- ': YAML reads that line as more of the same text, not as an item "
                    "of its own; if it is one, line its dash up with the others', and if the "
                    "dash belongs to the text, write the text as a block (key: |)"
                ),
                "          - state",
                "          ^",
            ),
        ],
    ),
    (
        # a field indented one space more than the block above it: a key out of line, not
        # a line of the block's text (which would swallow it)
        "yaml-key-after-block.yaml",
        [
            (
                "8:6",
                (
                    "invalid YAML: this key is indented 5 spaces, but 'hint' on line 6 is "
                    "indented 4 spaces; line them up"
                ),
                "         look_for: [rules]",
                "         ^",
            ),
        ],
    ),
    (
        # a text's second line that starts with a field's name: both readings are offered
        "yaml-text-starts-with-a-field.yaml",
        [
            (
                "6:5",
                (
                    "invalid YAML: 'question' needs a colon and a space after it, then its "
                    "value; if this line goes on with the text above, indent it more than "
                    "that line's key; else write: question: of the day?"
                ),
                "        question of the day?",
                "        ^",
            ),
        ],
    ),
    (
        # a key indented one less than its question's, under a list (a trial's: the
        # advice was to make 'minutes' a block holding the anchors)
        "yaml-key-under-items.yaml",
        [
            (
                "9:4",
                (
                    "invalid YAML: this key is indented 3 spaces, but 'follow_ups' on line 7 is "
                    "indented 4 spaces; line them up"
                ),
                "       minutes: 5",
                "       ^",
            ),
        ],
    ),
    (
        # one more than its question's keys, less than the list's items (it was PyYAML's
        # 'did not find expected key')
        "yaml-key-between-items.yaml",
        [
            (
                "9:6",
                (
                    "invalid YAML: this key is indented 5 spaces, but 'follow_ups' on line 7 is "
                    "indented 4 spaces; line them up"
                ),
                "         minutes: 5",
                "         ^",
            ),
        ],
    ),
    (
        # a block's text that starts at its key's column (it was told to line a list item
        # up with the question's dash)
        "yaml-block-list-not-indented.yaml",
        [
            (
                "7:5",
                (
                    "invalid YAML: the text of 'hint: |' must be indented more than 'hint:'; "
                    "start each of its lines with 6 spaces"
                ),
                "        - By rules",
                "        ^",
            ),
        ],
    ),
    (
        # a value on the key's line and a list under it (it was told to quote the item,
        # quotes and all)
        "yaml-value-and-items.yaml",
        [
            (
                "7:15",
                (
                    "invalid YAML: 'look_for' has a text on its own line (\"Names rules\") and "
                    "a list under it; a list keeps every item on a line of its own: write "
                    "'look_for:' alone, and put the text under it as the first item, - "
                    '"Names rules"'
                ),
                '        look_for: "Names rules"',
                "                  ^",
            ),
        ],
    ),
    (
        # a list item under a text field: a list key forgotten above it (a review's case)
        "yaml-item-under-text.yaml",
        [
            (
                "7:7",
                (
                    "invalid YAML: this list item is under 'hint', which holds a text on its own "
                    "line (6), not a list; if the item belongs to follow_ups, look_for or tags, "
                    "write that key on a line of its own above it"
                ),
                "          - And a proxy?",
                "          ^",
            )
        ],
    ),
    (
        # an item under a [ ] list: a second list
        "yaml-item-under-flow-list.yaml",
        [
            (
                "8:7",
                (
                    "invalid YAML: 'tags' is written as a [ ] list on line 7, and this item "
                    "under it starts a list of its own; put the item inside the brackets, or "
                    "write 'tags:' alone with every item on a line of its own under it"
                ),
                "          - c",
                "          ^",
            )
        ],
    ),
    (
        # ': ' in a note after a list of sources: told to line 'note' up with the source's url
        "yaml-colon-after-nested-list.yaml",
        [
            (
                "10:14",
                (
                    "invalid YAML: ': ' (a colon and a space) inside text starts a new key to "
                    'YAML; put the whole text in quotes: note: "see: this"'
                ),
                "        note: see: this",
                "                 ^",
            )
        ],
    ),
    (
        # a curly quote before items: the quote first, not the items
        "yaml-curly-quote-before-items.yaml",
        [
            (
                "7:15",
                (
                    "invalid YAML: this text ends with ”, a curly quote, which does not end the "
                    '" it starts with, so YAML reads on into line 8; end it with a straight '
                    'quote: look_for: "Names rules"'
                ),
                '        look_for: "Names rules”',
                "                  ^",
            )
        ],
    ),
    (
        # a key three columns left of its question's: told to line up with 'questions' for a while
        "yaml-key-far-left.yaml",
        [
            (
                "6:2",
                (
                    "invalid YAML: this key is indented 1 space, but 'question' on line 5 is "
                    "indented 4 spaces; line them up"
                ),
                "     hint: H.",
                "     ^",
            )
        ],
    ),
    (
        # a source's url left of its title: told to line up with 'sources' for a while
        "yaml-source-key-outdented.yaml",
        [
            (
                "9:6",
                (
                    "invalid YAML: this key is indented 5 spaces, but 'title' on line 8 is "
                    "indented 8 characters in, after its dash; line them up"
                ),
                "         url: https://example.org",
                "         ^",
            )
        ],
    ),
    (
        # an item under sources written [ ]: called a text for a while
        "yaml-item-under-flow-sources.yaml",
        [
            (
                "8:7",
                (
                    "invalid YAML: 'sources' is written as a [ ] list on line 7, and this item "
                    "under it starts a list of its own; put the item inside the brackets, or "
                    "write 'sources:' alone with every item on a line of its own under it"
                ),
                "          - https://b.org",
                "          ^",
            )
        ],
    ),
]
# load, with a warning; the rest are refused
WARNINGS = {"yaml-comment-cut.yaml", "yaml-curly-wrapped.yaml", "yaml-item-runs-on.yaml"}


# the id of the question each mistake stands in, which a YAML error names first, as the
# bank's other problems do (a trial's messages did not say which question to look at)
IN_QUESTION = (
    dict.fromkeys((m[0] for m in MISTAKES), "first")
    | dict.fromkeys(
        (
            "yaml-item-under-text.yaml",
            "yaml-item-under-flow-list.yaml",
            "yaml-colon-after-nested-list.yaml",
            "yaml-curly-quote-before-items.yaml",
            "yaml-key-far-left.yaml",
            "yaml-source-key-outdented.yaml",
            "yaml-item-under-flow-sources.yaml",
        ),
        "a",
    )
    | {"yaml-misaligned-item.yaml": "second"}
)  # the item indented wrong is the second


@pytest.mark.parametrize(("name", "expected"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_yaml_mistake_is_explained(cli, name, expected):
    path = FIXTURES / name
    result = cli("check", "--bank", path)
    assert result.exit_code == (0 if name in WARNINGS else 1), result.output
    lines = []
    for location, message, *shown in expected:
        if message.startswith("invalid YAML"):
            message = f"question '{IN_QUESTION[name]}': {message}"
        lines += [f"{path}:{location}: {message}", *shown]
    assert result.stderr.splitlines() == lines
    assert "Traceback" not in result.output


def test_every_yaml_fixture_is_pinned():
    assert sorted(p.name for p in FIXTURES.glob("yaml-*.yaml")) == sorted(m[0] for m in MISTAKES)


# The mistakes of the new-user trial, and the text each field must hold once the advice is
# followed: the advice must neither fail again nor change what the user wrote.
TRIAL = {
    "yaml-curly-closing-quote.yaml": ("question", "What does a firewall do?"),
    "yaml-unclosed-quote.yaml": ("question", "What does a firewall do?"),
    "yaml-outdented-key.yaml": ("hint", "Filters traffic."),
    "yaml-outdented-item.yaml": ("look_for", ("rules", "state")),
    # an apostrophe in a quoted item is no quote of its own: its next dash was kept, and
    # the line to write was the line written
    "yaml-dash-in-brackets.yaml": ("look_for", ("the team's rules", "state")),
    "yaml-dash-in-brackets-lines.yaml": (
        "look_for",
        ("rules", "the team's state", "logs", "alerts"),
    ),
    "yaml-no-break-space-indent.yaml": ("hint", "Filters traffic."),
    "yaml-pasted-bullets.yaml": (
        "hint",
        "It filters traffic by:\n- source and destination\n- port and protocol",
    ),
    "yaml-pasted-bullets-with-colon.yaml": (
        "hint",
        "It filters traffic by\n• source: where it comes from\n• port",
    ),
    "yaml-multiline-colon.yaml": (
        "hint",
        "It filters traffic by rules,\nfor example: deny by default.",
    ),
    "yaml-curly-wrapped.yaml": ("question", "What does a firewall do?"),
    "yaml-colon.yaml": ("question", "Scenario: a node fails at night. What do you check first?"),
    "yaml-curly-quotes.yaml": ("question", "Scenario: a node fails. What do you check first?"),
    "yaml-misaligned-item.yaml": ("id", "first"),
    "yaml-no-break-space.yaml": ("hint", "Filters traffic."),
    "yaml-starts-with-backtick.yaml": ("question", "`kubectl drain` does what?"),
    "yaml-key-among-items.yaml": ("follow_ups", ("And a proxy?",)),
    "yaml-anchor-out-of-step.yaml": (
        "anchors",
        ((1, "Names no rule."), (3, "Names rules."), (5, "Names rules and state.")),
    ),
    "yaml-starts-with-double-quote.yaml": ("question", '"Zero trust" means what?'),
    "yaml-unclosed-bracket-text.yaml": ("hint", "[Draft, filters traffic."),
    "yaml-key-without-colon.yaml": ("hint", "Filters traffic."),
    "yaml-key-after-block.yaml": ("look_for", ("rules",)),
    "yaml-block-line-outdented.yaml": ("hint", "Filters traffic by rules,\nin both directions."),
    "yaml-key-under-items.yaml": ("minutes", 5),
    "yaml-key-between-items.yaml": ("minutes", 5),
    "yaml-colon-after-nested-list.yaml": ("note", "see: this"),
    "yaml-key-far-left.yaml": ("hint", "H."),
}
_WRITE = re.compile(r"(?:write|put the whole text in quotes|end it with a straight quote): (.*)$")
_LINE_UP = re.compile(
    r"indented (\d+) spaces?, (?:but .* on line (\d+) is indented (\d+)"
    r"|as the items of .* indent it (\d+)|but the lines above and below it (\d+)"
    r"|less than .* indent it (\d+))"
)
_BLOCK = re.compile(r"replace lines (\d+)-(\d+) with the lines below$")


def follow(advice: list[str], lines: list[str]) -> list[str]:
    """`lines` of a bank changed as the first message in `advice` (check's stderr) says."""
    head = re.match(r".*?:(\d+):(\d+): (.*)$", advice[0])
    number, message = int(head[1]), head[3]
    lines = list(lines)
    if block := _BLOCK.search(message):
        first, last = int(block[1]), int(block[2])
        return [*lines[: first - 1], *advice[3:], *lines[last:]]
    if "no-break space" in message:
        columns = re.search(r"columns? ([\d, and]+),", message)[1]
        text = list(lines[number - 1])
        for column in re.findall(r"\d+", columns):
            assert text[int(column) - 1] == "\xa0"
            text[int(column) - 1] = " "
        lines[number - 1] = "".join(text)
        return lines
    if line_up := _LINE_UP.search(message):
        spaces = int(line_up[3] or line_up[4] or line_up[5] or line_up[6])
        lines[number - 1] = " " * spaces + lines[number - 1].lstrip(" ")
        return lines
    written = _WRITE.search(message)[1]
    if written.startswith("- "):
        at = lines[number - 1].index("- ")
    else:  # the key with its colon, else where the line's text starts
        key = written.split(":")[0] + ":"
        line = lines[number - 1]
        at = line.index(key) if key in line else len(line) - len(line.lstrip(" "))
    lines[number - 1] = lines[number - 1][:at] + written
    return lines


@pytest.mark.parametrize("name", sorted(TRIAL))
def test_following_the_advice_gives_a_bank_that_passes_check(cli, tmp_path, name):
    path = tmp_path / name
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    advice = cli("check", "--bank", FIXTURES / name).stderr.splitlines()
    starts = [n for n, said in enumerate(advice) if said.startswith(f"{FIXTURES / name}:")]
    for start, end in zip(starts, [*starts[1:], len(advice)], strict=True):  # each problem
        lines = follow(advice[start:end], lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("check", "--bank", path)
    assert result.exit_code == 0 and result.stderr == "", result.output
    field, text = TRIAL[name]
    question = load_bank(path).questions[0]
    assert getattr(question, field) == text


def test_an_items_dash_typed_twice_in_brackets_is_said_once():
    """'[- - a, - b]' was told 'write: [- a, b]', then, that followed, 'write: [a, b]' (a
    review): the line to write has every dash of an item off."""
    typed = "- {id: a, section: S, question: q, hint: h, look_for: [- - a, - b]}"
    text = f"title: T\nquestions:\n  {typed}\n"
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    (problem,) = caught.value.problems
    written = "- {id: a, section: S, question: q, hint: h, look_for: [a, b]}"
    assert problem.message.endswith(f"write: {written}")
    fixed = parse_bank(f"title: T\nquestions:\n  {written}\n", source="b.yaml")
    assert fixed.questions[0].look_for == ("a", "b")


@pytest.mark.parametrize(
    ("typed", "meant"), [("'it's broken", "it's broken"), ("'don't and can't", "don't and can't")]
)
def test_a_single_quote_left_open_before_an_apostrophe_is_told_without_it(typed, meant):
    """A text opened with ' and never closed, its apostrophe taken for its end, was told
    to be quoted whole with its opening quote ('hint: "'it's broken"'), which put the quote
    in the hint (the first hour of a new bank)."""
    text = "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: {}\n"
    with pytest.raises(BankError) as caught:
        parse_bank(text.format(typed), source="b.yaml")
    (problem,) = caught.value.problems
    written = f'hint: "{meant}"'
    assert str(problem) == (
        "b.yaml:6:11: question 'a': invalid YAML: the text starts with ' and is never closed, "
        "and an apostrophe in it ends it to YAML; put it in double quotes instead: "
        f"{written}\n        hint: {typed}\n              ^"
    )
    assert parse_bank(text.format(written[6:]), source="b.yaml").questions[0].hint == meant


LINK = "[Python docs](https://docs.python.org/3/)"
SOURCE = '{title: "Python docs", url: "https://docs.python.org/3/"}'


APART = ", and a source's title and its address go apart"


@pytest.mark.parametrize(
    ("typed", "told", "written"),
    [
        (f"    sources:\n      - {LINK}\n", f"{APART}; write", f"- {SOURCE}"),
        (f"    sources: {LINK}\n", f"{APART}; write", f"sources: [{SOURCE}]"),
        # words after the link: told to quote the whole text, then that it must be a list
        (
            f"    sources: {LINK} and more\n",
            f"{APART}, the words after the link in its title; write",
            f"sources: [{SOURCE.replace('docs', 'docs and more', 1)}]",
        ),
        # a word before the link, the brackets around the two: it was told the title
        # 'See [Python docs]'
        (f"    sources: [See {LINK}]\n", f"{APART}; write", f"sources: [{SOURCE}]"),
        # two links: told to quote the whole text, and only the next check told two sources
        (
            f"    sources: {LINK} [Guide](https://a.org/g)\n",
            ", and each page is a source of its own, its title and its address apart; write",
            f'sources: [{SOURCE}, {{title: "Guide", url: "https://a.org/g"}}]',
        ),
        (
            f"    look_for:\n      - {LINK} read\n",
            "; put the whole text in quotes",
            f'- "{LINK} read"',
        ),
    ],
)
def test_a_markdown_link_at_a_values_start_is_told_what_to_write(typed, told, written):
    """A Markdown link pasted as a source or a signal, not in quotes, was YAML's "did not
    find expected '-' indicator" (the first hour of a new bank); as a source on the key's
    line, it was told to be quoted, and then to be a list."""
    text = "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
    with pytest.raises(BankError) as caught:
        parse_bank(text + typed, source="b.yaml")
    (problem,) = caught.value.problems
    assert problem.message == (
        f"question 'a': invalid YAML: YAML reads [ at the start of a value as the start of a "
        f"list{told}: {written}"
    )
    lines = (text + typed).splitlines()  # followed as said, the bank is taken
    line = lines[problem.line - 1]
    lines[problem.line - 1] = line[: len(line) - len(line.lstrip())] + written
    question = parse_bank("\n".join(lines), source="b.yaml").questions[0]
    assert len(question.sources) == written.count("url:") or question.look_for == (f"{LINK} read",)


def test_lines_with_a_dash_in_brackets_are_said_within_a_reading_budget(cli, monkeypatch):
    """Each further such line reads the bank again: 25 at the end of a bank of 4 MB took
    34 s (a review). Past DASHED_TEXT_READ characters read again, the rest wait for the
    next check."""
    from qbank.bank import syntax

    bank = FIXTURES / "yaml-dash-in-brackets-lines.yaml"
    every = cli("check", "--bank", bank).stderr.count(f"{bank}:")
    assert every == 3
    size = len(bank.read_text(encoding="utf-8"))
    monkeypatch.setattr(syntax, "DASHED_TEXT_READ", size + 10)  # one reading again
    assert cli("check", "--bank", bank).stderr.count(f"{bank}:") == 2


@pytest.mark.parametrize(
    ("name", "fixed", "code"),
    [
        ("yaml-tab-in-code.yaml", "      \tpytest -q", "test:\n\tpytest -q"),
        ("yaml-code-line-at-key.yaml", "          return 3", "def f():\n    return 3\nprint(f())"),
    ],
)
def test_advice_on_a_code_line_keeps_the_code(cli, tmp_path, name, fixed, code):
    """The line written as the advice says: the bank passes, and the code keeps its tab or
    its indent."""
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    lines[11] = fixed
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("check", "--bank", path)
    assert result.exit_code == 0 and result.stderr == "", result.output
    (block,) = load_bank(path).rich_text(load_bank(path).questions[0].hint).code_blocks()
    assert block.text == code


@pytest.mark.parametrize(
    ("indented", "told"),
    [
        # a hint's lines pasted with a tab each: told one line a check, from the last up,
        # and not how many spaces
        (
            "\t  Multiply:\n\t\n\t  ```\n\t  x = 1\n\t  ```\n",
            " of lines 7-11; YAML indents with spaces only, so replace each tab with 6 spaces",
        ),
        ("\tMultiply.\n", "; YAML indents with spaces only, so replace the tab with 6 spaces"),
    ],
)
def test_tabs_indenting_a_block_are_told_at_once_with_the_spaces_to_write(indented, told):
    text = "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: |\n"
    with pytest.raises(BankError) as caught:
        parse_bank(f"{text}{indented}    minutes: 3\n", source="b.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (7, 1)
    assert problem.message == f"question 'a': invalid YAML: a tab in the indentation{told}"
    followed = indented.replace("\t", " " * 6)  # as told
    assert (
        parse_bank(f"{text}{followed}    minutes: 3\n", source="b.yaml").questions[0].minutes == 3
    )


def test_a_yaml_error_names_the_question_whose_lines_hold_it(tmp_path, cli):
    """The question of the line, whichever key comes first in it; none outside the list."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nquestions:\n  - id: one\n    section: S\n    question: Q?\n    hint: H.\n"
        "  - section: S\n    question: Scenario: a node fails\n    id: 'two'\n    hint: H.\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.stderr.startswith(f"{bank}:8:23: question 'two': invalid YAML: ': '")
    bank.write_text("title: T: U\nquestions:\n  - id: one\n", encoding="utf-8")
    assert cli("check", "--bank", bank).stderr.startswith(f"{bank}:1:9: invalid YAML")


# the questions after a first one, 40 lines and more: a quote left open in the first was
# said at the file's end ('this quote is never closed; end the text with the same quote',
# no line to write), or at the apostrophe of the last question YAML ended it with
_MORE = "".join(f"  - id: b{n}\n    section: A\n    question: Q?\n    hint: h\n" for n in range(12))
REVIEWED = [
    # a list's first item on its key's line: YAML's "block sequence entries are not allowed
    # in this context", and with items under it, to write it as a block of text
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n    follow_ups: - Why?\n",
        "8:17: question 'a1': invalid YAML: an item's '- ' starts a line of its own under "
        "'follow_ups:', not this line; on this line, write the list in brackets: "
        'follow_ups: ["Why?"]\n',
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n    look_for: - a\n      - b\n",
        "8:15: question 'a1': invalid YAML: an item's '- ' starts a line of its own under "
        "'look_for:', not this line: put - a on the next line, in line with the items under it\n",
    ),
    # the same as a question's last field, the next question's dash under it (a review:
    # told to put the item in line with 'the items under it', the next question's)
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n    follow_ups: - Why?\n"
        "  - id: a2\n    section: A\n    question: Q?\n    hint: h\n",
        "8:17: question 'a1': invalid YAML: an item's '- ' starts a line of its own under "
        "'follow_ups:', not this line; on this line, write the list in brackets: "
        'follow_ups: ["Why?"]\n',
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: - first point\n"
        "  - id: a2\n    section: A\n    question: Q?\n    hint: h\n",
        "7:11: question 'a1': invalid YAML: YAML reads '- ' at the start of a value as a "
        'list\'s item; put the whole text in quotes: hint: "- first point"\n',
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n    anchors: - 1: none\n"
        "      3: some\n",
        "8:14: question 'a1': invalid YAML: the scores of 'anchors' go each on a line of its own "
        "under it, with no '- ': put 1: none on the next line, indented more than 'anchors:'\n",
    ),
    # fields in braces with no comma between two of them (the starter bank writes sources
    # so): "this { starts a mapping that is never closed with }", which it is
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n    sources:\n"
        "      - {title: Python docs url: https://docs.python.org/3/}\n",
        "9:29: question 'a1': invalid YAML: inside { } a comma goes between one field and the "
        "next; write: - {title: Python docs, url: https://docs.python.org/3/}\n",
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n"
        '    sources: [{title: "Python docs" url: "https://docs.python.org/3/"}]\n',
        "8:37: question 'a1': invalid YAML: inside { } a comma goes between one field and the "
        'next; write: sources: [{title: "Python docs", url: "https://docs.python.org/3/"}]\n',
    ),
    # a question's dash typed against its first field: "mapping values are not allowed in
    # this context", at the line under it; named as the question, as other messages are
    (
        "  -id: a1\n    section: A\n    question: Q?\n    hint: h\n",
        "4:3: question 'a1': invalid YAML: a list's item starts with '- ', a dash and a space; "
        "write: - id: a1\n",
    ),
    # a text that starts with '- ': in quotes, and with lines under it, a block
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: - first point\n",
        "7:11: question 'a1': invalid YAML: YAML reads '- ' at the start of a value as a "
        'list\'s item; put the whole text in quotes: hint: "- first point"\n',
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: - first point\n"
        "      - second point\n",
        "7:11: question 'a1': invalid YAML: the lines under 'hint' that start with '- ' are "
        "read as a list, not as its text; write the text as a block",
    ),
    (
        f"  - id: a1\n    section: A\n    question: Q?\n    hint: 'never closed\n{_MORE}",
        "7:11: question 'a1': invalid YAML: this quote is never closed on its line, so YAML "
        'reads on to the end of the file; end it with a straight quote: hint: "never closed"\n',
    ),
    (
        f"  - id: a1\n    section: A\n    question: Q?\n    hint: 'never closed\n{_MORE}"
        "  - id: c1\n    section: A\n    question: Q?\n    hint: It's h: yes\n",
        "7:11: question 'a1': invalid YAML: this quote is never closed on its line, so YAML "
        'reads on into line 8; end it with a straight quote: hint: "never closed"\n',
    ),
    # a quote left open inside brackets: 'end the text with the same quote', or a bracket
    # never closed when a later apostrophe closed it, with no line to write
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n    tags: ['open, b]\n"
        "  - id: a2\n    section: A\n    question: Q?\n    hint: It's h\n",
        "8:12: question 'a1': invalid YAML: this quote is never closed on its line, so YAML "
        'reads on into line 9; end it with a straight quote: tags: ["open", b]; or, if the '
        'comma belongs to the text: tags: ["open, b"]\n',
    ),
    (
        "  - {id: a1, section: A, question: Q?, hint: 'open}\n",
        "4:46: question 'a1': invalid YAML: this quote is never closed on its line, so YAML "
        "reads on to the end of the file; end it with a straight quote: - {id: a1, section: A, "
        'question: Q?, hint: "open"}\n',
    ),
    # the text holding a bracket of its own, '[x]': the line ends it after that bracket
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n"
        "    look_for: ['Uses [x] well, b]\n",
        "8:16: question 'a1': invalid YAML: this quote is never closed on its line, so YAML "
        'reads on to the end of the file; end it with a straight quote: look_for: ["Uses [x] '
        'well", b]; or, if the comma belongs to the text: look_for: ["Uses [x] well, b"]\n',
    ),
    # an apostrophe ending a text in ' inside brackets: told as a bracket never closed
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n"
        "    look_for: [a, 'O'Brien's rule']\n",
        "8:19: question 'a1': invalid YAML: the text starts with ' and an apostrophe in it ends "
        "it to YAML; put it in double quotes instead: look_for: [a, \"O'Brien's rule\"]\n",
    ),
    # a source typed as text on its key's line, told to be quoted and then to be a list:
    # in brackets, it is told next as a source (facts.py)
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n"
        "    sources: Python docs: https://docs.python.org/3/\n",
        "8:25: question 'a1': invalid YAML: ': ' (a colon and a space) inside text starts a new "
        'key to YAML; put the whole text in quotes: sources: ["Python docs: '
        'https://docs.python.org/3/"]\n',
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n"
        "    sources: [A](https://a.org/) and [B](https://b.org/)\n",
        "8:14: question 'a1': invalid YAML: YAML reads [ at the start of a value as the start "
        "of a list, and each page is a source of its own, its title and its address apart; "
        'write: sources: [{title: "A", url: "https://a.org/"}, {title: "B", url: '
        '"https://b.org/"}]\n',
    ),
    # a list in brackets over lines: it was told 'end the text with the same quote', no line
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n"
        "    tags: [one,\n      'two,\n      three]\n",
        "9:7: question 'a1': invalid YAML: this quote is never closed on its line, so YAML reads "
        "on to the end of the file; end it with a straight quote, the list on one line in "
        'place of lines 8-10: tags: [one, "two", three]; or, if the comma belongs to the text: '
        'tags: [one, "two, three"]\n',
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n"
        "    look_for: [\n      'it's broken,\n      b\n    ]\n",
        "9:7: question 'a1': invalid YAML: the text starts with ' and an apostrophe in it ends "
        "it to YAML; put it in double quotes instead, the list on one line in place of lines "
        '8-11: look_for: ["it\'s broken", b]; or, if the comma belongs to the text: '
        'look_for: ["it\'s broken, b"]\n',
    ),
    # a text that starts with an apostrophe ('70s): the advice alone dropped it
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: '70s music was loud\n",
        "7:11: question 'a1': invalid YAML: this quote is never closed on its line, so YAML "
        'reads on to the end of the file; end it with a straight quote: hint: "70s music was '
        "loud\"; or, if its ' belongs to the text ('70s), put the whole text in double quotes: "
        'hint: "\'70s music was loud"\n',
    ),
    # a line of code out of its block, and another question after it: the code's line is
    # the cause, not the next question's dash YAML stumbled on
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: |\n      It prints 3:\n"
        "        def f():\n    return 3\n      print(f())\n  - id: a2\n    section: A\n"
        "    question: Q2?\n    hint: h\n",
        "10:5: question 'a1': invalid YAML: this line is indented 4 spaces, no more than "
        "'hint:' on line 7,",
    ),
    # a line of code that starts with a field's name is still code (a review: `name =
    # input()` was told "'name' needs a colon")
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: |\n      Read it:\n"
        "        x = 1\n    name = input()\n  - id: a2\n    section: A\n    question: Q2?\n"
        "    hint: h\n",
        "10:5: question 'a1': invalid YAML: this line is indented 4 spaces, no more than "
        "'hint:' on line 7,",
    ),
    # a field without its colon after a block is a key, not a line of the block's text
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: |\n      text\n"
        '    note "remember this"\n',
        "9:5: question 'a1': invalid YAML: 'note' needs a colon and a space after it",
    ),
    # a field indented with a tab after a block: a key, not the block's text, in line with
    # the block's key (it was told 'replace the tab with spaces', no number said)
    (
        "  - id: a1\n    question: Q?\n    hint: |\n      text\n\tsection: A\n",
        "8:1: question 'a1': invalid YAML: a tab in the indentation; YAML indents with spaces "
        "only, so replace the tab with 4 spaces",
    ),
    # a Makefile's tab after its block's indentation is the text's: the key indented wrong
    # below it is the error (a trial was told to fix the tab, which was right)
    (
        "  - id: a\n    section: S\n    question: |\n      test:\n      \tgo test ./...\n"
        "    hint: h\n  - id: b\n   section: S\n    question: q\n    hint: h\n",
        "11:4: question 'b': invalid YAML: this key is indented 3 spaces, but 'id' on line 10 "
        "is indented 4 characters in, after its dash; line them up",
    ),
    # after the list: no question holds the line
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\ntitle: Interview: backend\n",
        "8:17: invalid YAML: ': '",
    ),
    # a trial: an id without its colon was blamed on the next line, with advice to quote a
    # section already in quotes, or in YAML's own words
    (
        '  - id a1\n    section: "A"\n    question: Q?\n    hint: h\n',
        "4:5: invalid YAML: 'id' needs a colon and a space after it, then its value; "
        "write: - id: a1\n",
    ),
    (
        "  - id a1\n    section: A\n    question: Q?\n    hint: h\n",
        "4:5: invalid YAML: 'id' needs a colon and a space after it, then its value; "
        "write: - id: a1\n",
    ),
    # a review: a block's line that starts with a field's name is text, not a key without
    # its colon, and the error is the line below
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: |\n      hint the candidate\n"
        '    note: "say "hello" now"\n',
        "9:11: question 'a1': invalid YAML: the text is in \" quotes and holds a \" too",
    ),
    # quotes that close and open the outer ones are to be seen: quote the whole text
    (
        '  - id: a1\n    section: A\n    question: Q?\n    hint: "Yes" or "No"\n',
        "7:11: question 'a1': invalid YAML: the text starts with a quote, so YAML takes the "
        'quoted part as the value; put the whole text in quotes: hint: \'"Yes" or "No"\'\n',
    ),
    # a quote inside a text in the same quotes: the other quotes, not quotes around both
    (
        '  - id: a1\n    section: A\n    question: "Why not a "FLOAT"?"\n    hint: h\n',
        "6:15: question 'a1': invalid YAML: the text is in \" quotes and holds a \" too, "
        "which ends it to YAML; put it in single quotes instead: "
        "question: 'Why not a \"FLOAT\"?'\n",
    ),
    (
        "  - id: a1\n    section: A\n    question: 'Why shouldn't it?'\n    hint: h\n",
        "6:15: question 'a1': invalid YAML: the text is in ' quotes and holds a ' too, which "
        'ends it to YAML; put it in double quotes instead: question: "Why shouldn\'t it?"\n',
    ),
    # no blank after a field's colon
    (
        "  - id: a1\n    section: A\n    question: Q?\n    minutes:3\n    hint: h\n",
        "7:5: question 'a1': invalid YAML: 'minutes' needs a space after its colon; "
        "write: minutes: 3\n",
    ),
    # a text after the field that YAML would read otherwise is quoted in the advice: 'hint:
    # #1 reason: privacy' is a comment (h40d's review)
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint #1 reason: privacy\n",
        "7:5: question 'a1': invalid YAML: 'hint' needs a colon and a space after it, then its "
        'value; write: hint: "#1 reason: privacy"\n',
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint:#1 reason\n",
        "7:5: question 'a1': invalid YAML: 'hint' needs a space after its colon; "
        'write: hint: "#1 reason"\n',
    ),
    # ... and a '#' inside the text that YAML would cut there, as check then warned (h42c's
    # review); a comment written as one stays out of the quotes
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint Use rule #1 first.\n",
        "7:5: question 'a1': invalid YAML: 'hint' needs a colon and a space after it, then its "
        'value; write: hint: "Use rule #1 first."\n',
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint Use rule one.  # TODO\n",
        "7:5: question 'a1': invalid YAML: 'hint' needs a colon and a space after it, then its "
        "value; write: hint: Use rule one.  # TODO\n",
    ),
    # an anchor's text holding ': ', its score no key to the advice: it was libyaml's
    # 'mapping values are not allowed in this context'
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n    anchors:\n"
        "      1: Names: none\n",
        "9:15: question 'a1': invalid YAML: ': ' (a colon and a space) inside text starts a new "
        'key to YAML; put the whole text in quotes: 1: "Names: none"\n',
    ),
    # a tab and spaces after it: the spaces are the key's indentation too (6 were told)
    (
        "  - id: a1\n\t  section: A\n    question: Q?\n    hint: h\n",
        "5:1: question 'a1': invalid YAML: a tab in the indentation; YAML indents with spaces "
        "only, so replace the tab with 2 spaces\n",
    ),
    # a tab before an anchor, below a question's block: no block holds the line
    (
        "  - id: a1\n    section: A\n    question: |\n      Q?\n    hint: h\n    anchors:\n"
        "      1: none\n\t  3: some\n",
        "11:1: question 'a1': invalid YAML: a tab in the indentation; YAML indents with spaces "
        "only, so replace the tab with 4 spaces\n",
    ),
    # a question's dash indented wrong: the question it starts is named, not the one above
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n"
        "   - id: a2\n    section: A\n    question: Q2?\n    hint: h\n",
        "8:4: question 'a2': invalid YAML: this list item is indented 3 spaces",
    ),
    # a trial: a question's '- ' deleted, its id left in line with the dashes, was told to
    # line the id up with the question above (which would merge the two), naming that one
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n"
        "  id: a2\n    section: A\n    question: Q2?\n    hint: h\n",
        "8:3: question 'a2': invalid YAML: this key is in line with the dash on line 4; a new "
        "item of the list starts with '- ', as that one does: write - id: a2\n",
    ),
    # a trial: a key one space right of its question's keys, under a list written in line
    # with its key, was "did not find expected key (while parsing a block mapping ...)"
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n    look_for:\n"
        "    - one\n    - two\n     minutes: 3\n",
        "11:6: question 'a1': invalid YAML: this key is indented 5 spaces, but 'look_for' on "
        "line 8 is indented 4 spaces; line them up\n",
    ),
    # a trial's mistakes in valid YAML: a hint on the lines under its key, with ': ' in
    # them, was "'hint' must be text, not a mapping", in YAML's word and with nothing to do
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint:\n"
        "      Freshness: is the data on time\n      Volume: row counts\n",
        "8:7: question 'a1': 'hint': YAML reads the text as fields, the first named "
        "'Freshness', because of the ': ' (a colon and a space) in it; write it as a block, "
        "whose lines YAML keeps as text: hint: | on the first line, your lines under it as "
        "they are\n",
    ),
    # a quote left open in a question in braces over lines: 'question: "Why?,"', the comma
    # of the braces kept in the text, and the question not named
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n"
        "  - {id: a2, section: A,\n     question: 'Why?,\n     hint: h}\n",
        "9:16: question 'a2': invalid YAML: this quote is never closed on its line, so YAML "
        "reads on to the end of the file; end it with a straight quote, the mapping on one "
        "line in place of "
        'lines 8-10: - {id: a2, section: A, question: "Why?", hint: h}\n',
    ),
    # and with a comment's line among them, left out of the line to write: it was told
    # the quote's line alone, whose advice then gave a brace never closed (a review)
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n"
        "  - {id: a2, section: A,\n     question: 'Why?,\n     # asked first\n     hint: h}\n",
        "9:16: question 'a2': invalid YAML: this quote is never closed on its line, so YAML "
        "reads on to the end of the file; end it with a straight quote, the mapping on one "
        "line in place of "
        'lines 8-11: - {id: a2, section: A, question: "Why?", hint: h}\n',
    ),
    # a list's ] left out, a question's block above it: the next question's dash was told
    # out of line with the block's key ('this key is indented 2 spaces, but 'hint' ...')
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: |\n      1. one\n"
        "    tags: [a, b\n\n  - id: a2\n    section: A\n    question: Q?\n    hint: h\n",
        "9:11: question 'a1': invalid YAML: this [ starts a list that is never closed with ] ",
    ),
    # a hint's points typed as a list under its key: 'must be text, not a list', no more
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint:\n      - one\n      - two\n",
        "8: question 'a1': 'hint' must be text, not a list; write it as a block, whose lines "
        "YAML keeps as text: hint: | on the first line, your lines under it as they are\n",
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint:\n    - one\n    - two\n",
        "8: question 'a1': 'hint' must be text, not a list; write it as a block, whose lines "
        "YAML keeps as text: hint: | on the first line, your lines under it indented more "
        "than 'hint:'\n",
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n    look_for:\n"
        "      - Routes alerts: to an owner\n",
        "9:9: question 'a1': 'look_for': YAML reads the text as fields, the first named "
        "'Routes alerts', because of the ': ' (a colon and a space) in it; put the whole "
        'text in quotes: - "Routes alerts: to an owner"\n',
    ),
    # and over lines, indented more than its text: told '- | on the first line, your
    # lines under it as they are', hard to write for an item
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n    look_for:\n"
        "      - Routes alerts: to an owner\n          who acts\n",
        "9:9: question 'a1': 'look_for': YAML reads the text as fields, the first named "
        "'Routes alerts', because of the ': ' (a colon and a space) in it; put the whole "
        'text in quotes, its lines 9-10 joined on one line: - "Routes alerts: to an owner who '
        'acts"\n',
    ),
    # a trial: a look-for signal without its '- ' was "neither 'key: value' nor a list
    # item", and anchors whose first was written '- 1: ...' YAML's "did not find expected
    # '-' indicator (while parsing a block collection from line 9)"
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n    look_for:\n"
        "      - one\n      two\n",
        "10:7: question 'a1': invalid YAML: this line is in line with the list item on line 9, "
        "but does not start with '- ' as an item does; write: - two, or, if these lines are "
        "no list, take the '- ' off line 9\n",
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n    anchors:\n"
        "      - 1: none\n      3: some\n      5: all\n",
        "10:7: question 'a1': invalid YAML: this line is in line with the list item on line 9, "
        "but 'anchors' holds a line per score, with no '- ': take the '- ' off line 9, in line "
        "with this one\n",
    ),
    # a trial: a no-break space pasted before a question's last key, and a blank line
    # before the next question, was YAML's "mapping values are not allowed in this
    # context" at the next question's id
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n\u00a0   minutes: 6\n\n"
        "  - id: a2\n    section: A\n    question: Q?\n    hint: h\n",
        "8:1: question 'a1': invalid YAML: a no-break space (U+00A0) at line 8, column 1, "
        "where YAML needs normal spaces; replace it with a normal space\n",
    ),
    # a list's one item typed on the key's line: "must be a list of text, not text"
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n"
        "    look_for: Starts from data, not guesses\n",
        "8: question 'a1': 'look_for' must be a list of text, not text; write it as a list "
        'in brackets: look_for: ["Starts from data, not guesses"]\n',
    ),
    # braces for brackets (a trial): it said "not a mapping", a word with nothing to do
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n"
        "    follow_ups: {Why now: soon, And then}\n",
        "8: question 'a1': 'follow_ups' must be a list of text, not a mapping; write it as a "
        'list in brackets: follow_ups: ["Why now: soon", "And then"]\n',
    ),
    # a trial: "must be a whole number from 1 to 240, in plain digits: YAML reads -1 as -1
    # (the sign is not a digit)"
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: h\n    minutes: -1\n",
        "8: question 'a1': 'minutes' must be a positive whole number from 1 to 240, not -1\n",
    ),
    # a colon ending a line of text, as typed: it was told as "': ' (a colon and a space)"
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: Remember:\n",
        "7:19: question 'a1': invalid YAML: a colon at the end of the line inside text starts a "
        'new key to YAML; put the whole text in quotes: hint: "Remember:"\n',
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint:\n      Remember:\n",
        "8:7: question 'a1': 'hint': YAML reads the text as fields, the first named 'Remember', "
        "because of the colon at the end of the line; put the whole text in quotes: "
        'hint: "Remember:"\n',
    ),
    # a text opening with a backtick, a comment after it: the comment stays outside the
    # quotes (a review: '"`ls` lists files   # cmd"' put it in every artifact)
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: `ls` lists files   # cmd\n",
        "7:11: question 'a1': invalid YAML: YAML reads ` at the start of a value as a reserved "
        "character; put the whole text in quotes, its comment after the closing quote, no part "
        'of the text: hint: "`ls` lists files"   # cmd\n',
    ),
    # a '#' in a quoted part is no comment (a review: told to write '"Issue' #42": fix it)
    (
        '  - id: a1\n    section: A\n    question: Q?\n    hint:\n      "Issue #42": fix it\n',
        "8:7: question 'a1': 'hint': YAML reads the text as fields, the first named 'Issue #42', "
        "because of the ': ' (a colon and a space) in it; put the whole text in quotes: "
        "hint: '\"Issue #42\": fix it'\n",
    ),
    # and with French typography's space before it (a review: told "': '")
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint:\n      Remarque :\n",
        "8:7: question 'a1': 'hint': YAML reads the text as fields, the first named 'Remarque', "
        "because of the colon at the end of the line; put the whole text in quotes: "
        'hint: "Remarque :"\n',
    ),
    # and a comment after it stays a comment, outside the quotes: it was told to quote
    # "Remember:   # a comment", which puts the comment in the text of every artifact
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: Remember:   # a comment\n",
        "7:19: question 'a1': invalid YAML: a colon at the end of the line inside text starts a "
        "new key to YAML; put the whole text in quotes, its comment after the closing quote, no "
        'part of the text: hint: "Remember:"   # a comment\n',
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint:\n      Remember:  # a comment\n",
        "8:7: question 'a1': 'hint': YAML reads the text as fields, the first named 'Remember', "
        "because of the colon at the end of the line; put the whole text in quotes, its comment "
        'after the closing quote, no part of the text: hint: "Remember:"  # a comment\n',
    ),
    (
        "  - id: a1\n    section: A\n    question: Q?\n    hint: It checks\n      the rules:\n"
        "      deny first\n",
        "8:16: question 'a1': invalid YAML: a colon at the end of the line in the text of "
        "'hint', which runs over 3 lines, starts a new key to YAML; write the text as a block, "
        "which keeps your lines as they are: replace lines 7-9 with the lines below\n",
    ),
]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # A trial left out a question's `- `: its keys joined the question above, and each
        # was "duplicate key" of that question, seven lines naming the wrong question.
        (
            "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
            "    hint: h\n    id: a2\n    section: A\n    question: Q2?\n    hint: h2\n",
            "8: question 'a1': a second 'id' (the first is on line 4); a new item of the list "
            "starts with '- ', in line with the dash above: write - id: a2",
        ),
        # A trial deleted the line 'questions:': its questions became items of 'sections',
        # told as "missing 'questions'", a warning for each competency and each question
        # key as no key of a section.
        (
            "competencies:\n  - {name: c1, description: D.}\nsections:\n  - A\n"
            "  - id: a\n    section: A\n    question: Q?\n    hint: H.\n    competency: c1\n",
            "6: a question (id:, question:) in the list of 'sections': questions go under "
            "'questions:', written at the margin on a line of its own above the first of them",
        ),
        # A trial moved a look-for item left, to the questions' dashes, a field after it:
        # told libyaml's "mapping values are not allowed in this context" at the field,
        # naming no question.
        (
            "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
            "    hint: h\n    look_for:\n      - One\n  - Two\n    minutes: 5\n",
            "10:3: question 'a1': invalid YAML: this list item is indented 2 spaces, but the "
            "item on line 9 is indented 6 spaces; line them up\n      - Two\n      ^",
        ),
        # ... and the question's last list's item so, told as a question of text alone
        (
            "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
            "    hint: h\n    follow_ups:\n      - One?\n  - Two?\n",
            "10: question 2 is text alone, in line with the questions' dashes, under the items "
            "of 'follow_ups' of question 'a1'; if it is one of them, indent its dash 6 spaces, "
            'as the item on line 9 is; if it is a question, write - question: "Two?", and '
            "id:, section: and hint: under it, in line with question:",
        ),
    ],
)
def test_a_question_out_of_its_place_is_one_problem(tmp_path, text, said):
    bank, result = check_text(tmp_path, f"title: T\n{text}")
    assert result.exit_code == 1
    assert result.stderr == f"{bank}:{said}\n"


def test_a_merge_key_is_said_once_as_what_to_write_instead(tmp_path):
    """`<<: *base` (YAML 1.1's merge key, which PyYAML reads) was "tag '!!merge' is not
    allowed" and "key must be a name, not ?": two lines a person who wrote no tag cannot
    act on. It is one line that says what to write; an alias of one value still works."""
    bank, result = check_text(
        tmp_path,
        "title: T\nsections: [A]\nquestions:\n  - &base\n    id: a1\n    section: A\n"
        "    question: Q?\n    hint: &same h\n  - <<: *base\n    id: a2\n    question: Q2?\n"
        "    hint: *same\n",
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"{bank}:9: '<<' (YAML's merge key) is not taken: write each key in the item itself; "
        "an alias (*name) may still repeat one value, as in hint: *same\n"
        f"{bank}:9: question 'a2': missing 'section'\n"
    )


@pytest.mark.parametrize(("questions", "said"), REVIEWED)
def test_a_yaml_error_near_a_block_or_past_the_list_is_placed_right(cli, tmp_path, questions, said):
    bank = tmp_path / "b.yaml"
    bank.write_text(f"title: T\nsections: [A]\nquestions:\n{questions}", encoding="utf-8")
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    # the first syntax problem; the bank's others are told with it, on lines not mended
    # told with the bank's other problems, on the lines not mended, in the order of lines
    assert f"\n{bank}:{said}" in f"\n{result.stderr}", result.stderr


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("‘Why shouldn’t money be a FLOAT?’", True),  # a trial: the apostrophe hid the quotes
        ("‘O’Brien’s rule’", True),
        ("‘a’ and ‘b’", False),  # two quoted words, not one text in quotes
    ],
)
def test_single_curly_quotes_around_a_text_warn_past_its_apostrophes(tmp_path, text, warned):
    _, result = check_text(
        tmp_path,
        f"title: T\nsections: [A]\nquestions:\n  - id: a1\n    section: A\n"
        f"    question: {text}\n    hint: h\n",
    )
    assert result.exit_code == 0
    assert ("is wrapped in curly quotes ‘…’" in result.stderr) == warned, result.stderr


@pytest.mark.parametrize(
    ("items", "key", "value"),
    [
        ("questions:\n  - {id: a1, section: A, question: Q?, hint: VALUE}\n", "hint", "R, s."),
        (
            "rubric:\n  - {score: 1, label: Weak, anchor: W.}\n"
            "  - {score: 2, label: Solid, anchor: VALUE}\n"
            "questions:\n  - {id: a1, section: A, question: Q?, hint: H.}\n",
            "anchor",
            "Konkretne przykłady, kompromisy nazwane, wnioski.",
        ),
    ],
)
def test_a_comma_in_a_value_inside_braces_is_told_with_the_value_to_quote(
    tmp_path, items, key, value
):
    """An unquoted value with commas inside { } is one line saying to quote it, the value
    as typed: each word run after a comma was 'unknown key 'state'; known keys: ...', which
    a Polish trial's rubric anchors got twice on one line. Quoted as said, it passes."""
    text = "title: T\nsections: [A]\n" + items
    bank, result = check_text(tmp_path, text.replace("VALUE", value))
    assert result.exit_code == 1
    said = f'write the value in quotes, {key}: "{value}"\n'
    assert result.stderr.count("\n") == 1 and result.stderr.endswith(said), result.stderr
    bank.write_text(text.replace("VALUE", f'"{value}"'), encoding="utf-8")
    assert run_cli("check", "--bank", bank).exit_code == 0


def test_a_quote_left_open_in_a_long_list_is_read_again_a_few_times_only(tmp_path, monkeypatch):
    """The line to write for a quote left open in brackets is found by reading the line
    again for each place its text may end: a line of 20,000 commas that YAML reads as no
    list took seconds, and ten times as many, ten times as long again (a review)."""
    import yaml

    from qbank.bank.syntax import brackets

    calls = []
    real = yaml.compose

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(brackets.yaml, "compose", counted)
    tags = "['a" + ",{" * 2000 + "]"
    bank, result = check_text(
        tmp_path,
        f"title: T\nquestions:\n  - id: a\n    section: S\n    question: Q?\n    tags: {tags}\n",
    )
    assert result.exit_code == 1
    assert "this quote is never closed on its line" in result.stderr
    assert len(calls) <= 2 * brackets.ENDS_TRIED


FIRST_HOUR = """\
title: T
sections: [A]
questions:
  - id: 010
    section: A
    question: What is a join: explain
    hint: "Combines rows
  - id: b
    section: A
    question: What is NULL?
   hint: Absence of a value
  - id: b
    section: A
    question: Q
    hint: *aggregates
  - id: d
    section: A
    question: Q
    hint: @@ROWCOUNT
  - id: e
    section: A
    question: Q
    hint: % matches
  - id: f
    section: A
    question: Q
\thint: yes
  - id: g
    section: A
    question: Q
    hint: Write #include first
"""


def test_a_new_users_mistakes_are_told_in_one_check():
    """A new user's first bank: a colon, a quote left open, a key out of line, '*', '@',
    '%' and a tab were each told in a check of its own, and the number for an id, the
    duplicate id and the ' #include' cut from a hint only at the eighth; each is told at
    once now, as the check after the others were mended told it. The 'yes' on the line of
    the tab waits: its line is told as written."""
    warned: list[str] = []
    with pytest.raises(BankError) as caught:
        parse_bank(FIRST_HOUR, source="b.yaml", warn=warned.append)
    told = [(p.line, p.message.split(": ")[1]) for p in caught.value.problems]
    assert told == [
        (4, "'id'"),
        (6, "invalid YAML"),
        (7, "invalid YAML"),
        (11, "invalid YAML"),
        (
            12,
            "duplicate id; first used on line 8; give this question an id of its own, such as b-2",
        ),
        (15, "invalid YAML"),
        (19, "invalid YAML"),
        (23, "invalid YAML"),
        (27, "invalid YAML"),
    ]
    assert [w.split(": ")[1:3] for w in warned] == [["warning", "question 'g'"]]
    # written as each says, the bank is taken but for what the mended lines hold: the 'yes'
    lines = FIRST_HOUR.splitlines()
    for problem in caught.value.problems:
        if "quotes: " in problem.message or "quote: " in problem.message:
            line = lines[problem.line - 1]
            written = re.split(r"(?:quotes|quote|write): ", problem.message)[-1]
            lines[problem.line - 1] = line[: len(line) - len(line.lstrip())] + written
    lines[10], lines[26], lines[3] = (
        "    hint: Absence of a value",
        "    hint: yes",
        '  - id: "010"',
    )
    lines[11] = "  - id: c"
    with pytest.raises(BankError) as again:
        parse_bank("\n".join(lines), source="b.yaml")
    assert [(p.line, p.message) for p in again.value.problems] == [
        (27, "question 'f': 'hint': YAML reads yes as true/false, not text; put it in quotes: "
         'hint: "yes"')
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("first", "named"), [("id: a1\n  question: Q", "question 'a1': "), ("question: Q", "")]
)
def test_questions_at_the_margin_with_no_questions_key_are_told_to_write_it(first, named):
    """Questions written under the sections with no 'questions:' above them: the first
    was told to be indented as the sections' items, which made it one of them; followed,
    the next check told to write 'questions:' and take the indent back."""
    text = f"title: T\nsections:\n  - A\n- {first}\n  section: A\n  hint: h\n- id: a2\n"
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.message) == (
        4,
        f"{named}invalid YAML: a question ({first.split(':')[0]}:) after the list of "
        "'sections', with no 'questions:' above it: questions go under 'questions:', written at "
        "the margin on a line of its own above the first of them",
    )


@pytest.mark.parametrize(
    ("key", "bullet", "lines", "items"),
    [
        ("tags", "", ["sql", "grouping"], "[sql, grouping]"),
        (
            "look_for",
            "",
            ["Names the table", "Uses an index, not a scan"],
            '[Names the table, "Uses an index, not a scan"]',
        ),
        # a word processor's bullets pasted: told to write '- ' in their place (it was
        # told to put '- ' before them, '- • says why', the bullet kept in the text)
        ("look_for", "\u2022 ", ["Names the table", "Says why"], "[Names the table, Says why]"),
    ],
)
def test_a_list_written_a_line_an_item_without_dashes_is_told_as_its_items(
    key, bullet, lines, items
):
    """A list's items written each on a line under its key with no '- ' are one text to
    YAML; it was told to write `tags: [sql grouping]`, one tag, the user's two lost. Followed
    either way, the items are the lines."""
    head = "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
    typed = "".join(f"      {bullet}{line}\n" for line in lines)
    with pytest.raises(BankError) as caught:
        parse_bank(f"{head}    {key}:\n{typed}", source="b.yaml")
    (problem,) = caught.value.problems
    how = f"write '- ' in place of each '{bullet[0]}'" if bullet else "put '- ' before each"
    assert problem.message == (
        f"question 'a': '{key}' must be a list of text, not text: its {len(lines)} lines are one "
        f"text to YAML, as none starts with '- '; {how} ('- {lines[0]}'), or write "
        f"the list in brackets on the line of '{key}:', in place of them: {key}: {items}"
    )
    dashed = typed.replace(f"      {bullet}", "      - ")
    dashed_bank = parse_bank(f"{head}    {key}:\n{dashed}", source="b.yaml")
    bracketed = parse_bank(f"{head}    {key}: {items}\n", source="b.yaml")
    for bank in (dashed_bank, bracketed):
        assert getattr(bank.questions[0], key) == tuple(lines)


def the_problem(text: str) -> Problem:
    """The one problem of a bank holding `text`."""
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    (problem,) = caught.value.problems
    return problem


def test_a_texts_next_line_holding_a_colon_is_told_to_be_a_block():
    """A hint over two lines whose second holds ': ' ('Tip: ...') was libyaml's "mapping
    values are not allowed in this context": the line was taken for the key that owns the
    text, a key not known ('Tip'), and no text over lines was found."""
    text = (
        "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n"
        "    hint: first line\n      Tip: read the plan\n"
    )
    problem = the_problem(text)
    assert (problem.line, problem.message) == (
        7,
        "question 'a': invalid YAML: ': ' (a colon and a space) in the text of 'hint', which runs "
        "over 2 lines, starts a new key to YAML; write the text as a block, which keeps your "
        "lines as they are: replace lines 6-7 with the lines below",
    )
    assert problem.advice == "    hint: |\n      first line\n      Tip: read the plan"
    written = text.replace(
        "    hint: first line\n      Tip", "    hint: |\n      first line\n      Tip"
    )
    assert (
        parse_bank(written, source="b.yaml").questions[0].hint == "first line\nTip: read the plan"
    )


def test_mistakes_after_a_text_over_lines_or_a_question_without_its_dash_are_told_too():
    """The checks after a text over lines to write as a block, and after a question's id
    without its '- ', told nothing more."""
    text = (
        "title: T\nsections: [A]\nquestions:\n  - id: a1\n    section: A\n"
        '    question: What: now\n    hint: first "line" C:\\dir\n      second: line\n'  # 6-8
        "  - id: a2\n    section: A\n     question: Q\n     hint: h\n"  # 9-12
        "  - id: a3\n    section: A\n    question: Q\n    hint: 'it's fine'\n"  # 13-16
        "  id: a4\n    section: A\n    question: Q\n    hint: h\n"  # 17-20
        "  - id: a5\n    section: A\n    question: Q\n    hint: h\n    look_for:\n"  # 21-25
        "    - one: two\n    - three\n"
    )
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    assert [p.line for p in caught.value.problems] == [6, 8, 11, 16, 17, 26]


@pytest.mark.parametrize(
    ("typed", "said", "lines", "step"),
    [
        # a whole question a space to the left
        (
            " - id: b\n   section: S\n   question: q\n   look_for:\n   - x\n   hint: h\n",
            "this list item is indented 1 space, but the item on line 3 is indented 2 spaces",
            (7, 12),
            1,
        ),
        # two keys of a question a space to the right, one with its items
        (
            "  - id: b\n    section: S\n     question: q\n     look_for:\n       - x\n"
            "     hint: h\n",
            "this key is indented 5 spaces, but 'section' on line 8 is indented 4 spaces",
            (9, 12),
            -1,
        ),
        # a key a space to the left, its items under it, its siblings after them in line
        # (since 1fcf36f they were told to move with it, as its value's lines)
        (
            "  - id: b\n    section: S\n   look_for:\n      - x\n    question: q\n    hint: h\n",
            "this key is indented 3 spaces, but 'section' on line 8 is indented 4 spaces",
            (9, 10),
            1,
        ),
    ],
)
def test_lines_indented_alike_are_told_at_once(typed, said, lines, step):
    """A question, or its keys, indented a space off were told a line a check, each next
    one told against the line above as mended; the lines that move with the first are
    named, and moved as said, the bank is taken."""
    head = "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
    text = head + typed
    with pytest.raises(BankError) as caught:
        parse_bank(text, source="b.yaml")
    (problem,) = caught.value.problems
    first, last = lines
    more = "more" if step > 0 else "less"
    assert problem.message == (
        f"question 'b': invalid YAML: {said}; line them up, lines {first}-{last} each 1 space "
        f"{more}"
    )
    written = text.splitlines()
    for n in range(first - 1, last):
        written[n] = " " + written[n] if step > 0 else written[n][1:]
    assert parse_bank("\n".join(written), source="b.yaml").questions[1].look_for == ("x",)


@pytest.mark.parametrize(
    ("first", "why", "written"),
    [
        (
            '"Rolls back" and then runs the',
            "the text starts with a quote, so YAML takes the quoted part as the value",
            "'\"Rolls back\" and then runs the checks, in no particular order.'",
        ),
        (
            "*Rolls back* and then runs the",
            "YAML reads * at the start of a value as an alias (a reference to an &anchor)",
            '"*Rolls back* and then runs the checks, in no particular order."',
        ),
    ],
)
def test_a_text_over_lines_told_to_be_quoted_is_quoted_whole(first, why, written):
    """A text over two lines that starts with a quote or a '*' was told to quote its first
    line alone; followed, YAML told the second 'did not find expected key'. Its lines are
    joined in the quotes, as YAML joins them."""
    head = "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n"
    with pytest.raises(BankError) as caught:
        parse_bank(f"{head}    hint: {first}\n      checks, in no particular order.\n", source="b")
    (problem,) = caught.value.problems
    assert problem.message == (
        f"question 'a': invalid YAML: {why}; put the whole text in quotes, its lines 6-7 joined "
        f"on one line: hint: {written}"
    )
    hint = parse_bank(f"{head}    hint: {written}\n", source="b").questions[0].hint
    assert hint == f"{first} checks, in no particular order."


def test_the_first_of_a_mappings_lines_indented_more_is_told_so():
    """The first anchor indented a space more than the others: the second, a text in quotes,
    was told to be put in quotes, and followed, told so again, quotes on quotes."""
    text = (
        "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
        '    anchors:\n       1: "None."\n      3: "Some."\n      5: "All."\n'
    )
    problem = the_problem(text)
    assert (problem.line, problem.column, problem.message) == (
        8,
        8,
        "question 'a': invalid YAML: this line is indented 7 spaces, but the lines under it 6 "
        "spaces; line them up",
    )
    anchors = parse_bank(text.replace('       1: "', '      1: "'), source="b").questions[0].anchors
    assert len(anchors) == 3


SOURCES = (
    "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
    '    sources:\n      - title: "A b"\n        url: "https://a.example/x"\n'
)


@pytest.mark.parametrize(
    ("typed", "column", "said"),
    [
        # a source's title in quotes whole, its item a tab or two spaces out of line: told to
        # be quoted, and once quoted, told so again, quotes on quotes (a random trial)
        ("\t", 1, "a tab in the indentation; YAML indents with spaces only, so replace the "
         "tab with 6 spaces"),
        ("        ", 9, "this list item is indented 8 spaces, but the item on line 8 is "
         "indented 6 spaces; line them up"),
    ],
)  # fmt: skip
def test_a_sources_item_out_of_line_is_told_as_such_not_its_quotes(typed, column, said):
    text = f'{SOURCES}{typed}- title: "C d"\n        url: "https://a.example/y"\n'
    problem = the_problem(text)
    assert (problem.line, problem.column, problem.message) == (
        10,
        column,
        f"question 'a': invalid YAML: {said}",
    )
    mended = text.replace(f'{typed}- title: "C', '      - title: "C')  # as told
    assert len(parse_bank(mended, source="b").questions[0].sources) == 2


@pytest.mark.parametrize(
    ("typed", "spaces", "items"),
    [
        # an item after its sibling item of text
        ('\t- "Two."\n    minutes: 3\n', 6, ("One.", "Two.")),
        ("\tminutes: 3\n", 4, ("One.",)),  # a key after a list of texts: its key's sibling
    ],
)
def test_a_tab_after_a_lists_item_of_text_is_told_its_spaces(typed, spaces, items):
    """Told 'replace the tab with spaces', no number said (a random trial)."""
    text = (
        "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
        f'    look_for:\n      - "One."\n{typed}'
    )
    problem = the_problem(text)
    assert (problem.line, problem.column) == (9, 1)
    assert problem.message.endswith(f"so replace the tab with {spaces} spaces")
    question = parse_bank(text.replace("\t", " " * spaces), source="b").questions[0]
    assert (question.look_for, question.minutes) == (items, 3)


def test_the_last_anchor_a_space_out_of_line_is_told_so():
    """The last anchor indented a space less than the others, its text over two lines
    above it: told libyaml's 'did not find expected key' (a random trial)."""
    text = (
        "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
        '    anchors:\n      1: "None."\n      3: Some,\n        not all.\n     5: "All."\n'
    )
    problem = the_problem(text)
    assert (problem.line, problem.column, problem.message) == (
        11,
        6,
        "question 'a': invalid YAML: this key is indented 5 spaces, but '3' on line 9 is "
        "indented 6 spaces; line them up",
    )
    anchors = parse_bank(text.replace('     5: "', '      5: "'), source="b").questions[0].anchors
    assert len(anchors) == 3


def test_a_questions_field_indented_as_its_anchors_is_told_where_it_goes():
    """'note:' indented as the anchors: told 'not a score; write a score' (a random trial),
    then to indent it as 'anchors:' is, no number of spaces said (a random trial)."""
    text = (
        "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
        '    anchors:\n      1: "None."\n      3: "Some."\n      5: "All."\n      note: Time it.\n'
    )
    problem = the_problem(text)
    assert (problem.line, problem.message) == (
        11,
        "question 'a': anchors: 'note' is a field of the question, indented as the anchors "
        "are; indent it 4 spaces, as 'anchors:' on line 7 is, below the anchors",
    )
    mended = text.replace("      note:", "    note:")
    assert parse_bank(mended, source="b").questions[0].note == "Time it."
    # 'anchors:' the question's first key, after its dash: 4 spaces too (2, the dash's: a
    # review)
    first = (
        '  - anchors:\n      1: "None."\n      3: "Some."\n      5: "All."\n      note: Time it.\n'
        "    id: a\n    section: S\n    question: q\n    hint: h\n"
    )
    first = "title: T\nquestions:\n" + first
    assert "indent it 4 spaces, as 'anchors:' on line 3 is" in the_problem(first).message


@pytest.mark.parametrize(
    ("key", "typed", "written"),
    [
        ("tags", '"[supply-chain, red-teaming]"', "[supply-chain, red-teaming]"),
        ("look_for", "'[Names it, Says why]'", "[Names it, Says why]"),
        # a list YAML cannot read so: told to be quoted whole, one item ('["[Why is it?,
        # How?]"]'); 'yes' is no text
        ("look_for", '"[Why is it?, How?]"', '["Why is it?", "How?"]'),
        ("tags", '"[a, yes]"', '[a, "yes"]'),
    ],
)
def test_a_list_in_brackets_inside_quotes_is_told_to_lose_its_quotes(key, typed, written):
    """Told to write 'tags: ["[supply-chain", "red-teaming]"]', brackets in its first and
    last tag (a random trial)."""
    text = "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
    problem = the_problem(f"{text}    {key}: {typed}\n")
    assert problem.message.endswith(f": {key}: {written}")
    assert "take the quotes away" in problem.message
    question = parse_bank(f"{text}    {key}: {written}\n", source="b").questions[0]
    assert len(getattr(question, key)) == 2


@pytest.mark.parametrize(
    ("before", "said"),
    [
        # after the anchors, indented as they are: libyaml's 'found character that cannot
        # start any token' at the code's first line (a random trial)
        (
            '    anchors:\n      1: "None."\n      3: "Some."\n      5: "All."\n',
            "line 11: question 'a': invalid YAML: this key is indented 6 spaces, as the items "
            "of 'anchors' above are; indent it 4 spaces, as 'anchors:' on line 7 is",
        ),
        # any other key's text in line with it, a few lines above its code
        (
            "    minutes: 3\n",
            "line 9: question 'a': invalid YAML: the text of 'note: |' must be indented more "
            "than 'note:'; start each of its lines with 6 spaces",
        ),
    ],
)
def test_a_block_whose_text_is_in_line_with_its_key_is_told_above_its_code(before, said):
    indent = "      " if "anchors" in before else "    "
    lines = ["note: |", "Show it.", "", "More.", "", "Artefact:", "", "```yaml", "a: 1", "```"]
    text = "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
    text += before + "".join(f"{indent}{line}\n" if line else "\n" for line in lines)
    problem = the_problem(text)
    assert f"line {problem.line}: {problem.message}" == said


def test_a_blocks_mark_in_quotes_is_told_to_lose_them():
    """'note: "|"' over the note's lines: libyaml's 'did not find expected key' (a random
    trial)."""
    text = (
        "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
        '    note: "|"\n      Show it.\n\n      ```yaml\n      a: 1\n      ```\n    minutes: 3\n'
    )
    problem = the_problem(text)
    assert (problem.line, problem.column, problem.message) == (
        7,
        11,
        "question 'a': invalid YAML: in quotes, | is text to YAML, not the start of a text "
        "over lines, so the lines under it are read as keys; write: note: |",
    )
    note = parse_bank(text.replace('"|"', "|"), source="b").questions[0].note
    assert note.startswith("Show it.\n\n```yaml")


@pytest.mark.parametrize("quote", ['"', ""])
def test_the_second_of_three_anchors_indented_more_is_told_so(quote):
    """3 indented a space more than 1 and 5: 1 was told to be the odd one, and 5 to be put
    in quotes, again and again (a review)."""
    text = (
        "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
        f"    anchors:\n      1: {quote}None.{quote}\n       3: {quote}Some.{quote}\n"
        f"      5: {quote}All.{quote}\n"
    )
    problem = the_problem(text)
    assert (problem.line, problem.column, problem.message) == (
        9,
        8,
        "question 'a': invalid YAML: this line is indented 7 spaces, but the lines above and "
        "below it 6 spaces; line them up",
    )
    anchors = parse_bank(text.replace("       3:", "      3:"), source="b").questions[0].anchors
    assert len(anchors) == 3


def test_a_field_a_space_too_deep_under_a_text_to_quote_stays_out_of_its_quotes():
    """'     hint: h' under 'question: *Q what is it' was joined into the question's quotes,
    and check said 'missing hint' (a review)."""
    text = "title: T\nquestions:\n  - id: a\n    section: S\n    question: *Q what is it\n"
    with pytest.raises(BankError) as caught:
        parse_bank(f"{text}     hint: h\n", source="b.yaml")
    (problem,) = caught.value.problems
    assert problem.message.endswith('put the whole text in quotes: question: "*Q what is it"')


@pytest.mark.parametrize(
    ("lines", "whole"),
    [
        (["over lines"], "open quote over lines"),
        # a line of the text starting '#', inside the quote no comment: told to close the
        # quote on its first line, and then libyaml's words
        (["# not a comment", "and on"], "open quote # not a comment and on"),
    ],
)
def test_a_quote_left_open_over_lines_is_told_to_take_in_its_lines(lines, whole):
    """'hint: "open quote' over '      over lines': told to close it on its first line, and
    then its second line as libyaml's 'did not find expected key' (a review)."""
    text = "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n"
    more = "".join(f"      {line}\n" for line in lines)
    problem = the_problem(f'{text}    hint: "open quote\n{more}    minutes: 3\n')
    assert (problem.line, problem.message) == (
        6,
        "question 'a': invalid YAML: this quote is never closed on its line, so YAML reads on "
        f"to the end of the file; put the whole text in quotes, its lines 6-{6 + len(lines)} "
        f'joined on one line: hint: "{whole}"',
    )
    mended = parse_bank(f'{text}    hint: "{whole}"\n    minutes: 3\n', source="b")
    assert mended.questions[0].hint == whole


@pytest.mark.parametrize(
    ("markup", "opened", "key", "said"),
    [
        ("", '"First one', "hint", "put the whole text in quotes"),
        ("markup: markdown\n", "@First one", "hint", "put the whole text in quotes"),
        ("", "'It's the first one", "note", "put it in double quotes instead"),
    ],
)
def test_a_text_joined_on_one_line_keeps_its_paragraphs(markup, opened, key, said):
    """A blank line between a text's lines, joined on one line by the advice, was dropped:
    followed as told, the text lost its paragraphs, silently (a review). The advice is
    followed to tell the mistakes below it in the same check."""
    lines = f'    {key}: {opened}\n      goes on.\n\n      Then the second \\ "one".\n'
    bank = f"title: T\n{markup}questions:\n  - id: a\n    section: S\n    question: q\n"
    bank += "    hint: h\n" if key != "hint" else ""
    below = "  - id: b\n    section: S\n    hint: h\n    question: @q\n"
    with pytest.raises(BankError) as caught:  # and a mistake below it, in the same check
        parse_bank(f"{bank}{lines}    minutes: 3\n{below}", source="b.yaml")
    problem, *_, last = caught.value.problems
    first = bank.count("\n") + 1
    assert (last.line, last.message[-14:]) == (first + 8, 'question: "@q"')
    told = f"{said}, its lines {first}-{first + 3} joined on one line, \\n\\n between its "
    told += "paragraphs: "
    assert told in problem.message
    written = problem.message.split(told)[1]
    mended = parse_bank(f"{bank}    {written}\n    minutes: 3\n", source="b")
    text = getattr(mended.questions[0], key)
    assert text == opened.lstrip("'\"") + ' goes on.\n\nThen the second \\ "one".'
    if markup:
        assert len(mended.rich_text(text).blocks) == 2


def test_the_questions_after_one_a_space_out_and_as_far_out_move_with_it():
    """Five questions at ' - id:' after one at '  - id:': a check each (a review)."""
    first = "  - id: q0\n    section: S\n    question: Q?\n    hint: H.\n"
    out = "".join(f" - id: q{i}\n   section: S\n   question: Q?\n   hint: H.\n" for i in (1, 2))
    problem = the_problem(f"title: T\nquestions:\n{first}{out}")
    assert (problem.line, problem.message) == (
        7,
        "question 'q1': invalid YAML: this list item is indented 1 space, but the item on "
        "line 3 is indented 2 spaces; line them up, lines 7-14 each 1 space more",
    )
    moved = "".join(f" {line}\n" for line in out.splitlines())
    assert len(parse_bank(f"title: T\nquestions:\n{first}{moved}", source="b").questions) == 3


ASKED = "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n    hint: h\n"
TABBED = "a tab in the indentation; YAML indents with spaces only, so "


@pytest.mark.parametrize(
    ("typed", "line", "said", "written"),
    [
        # the line above a text in quotes whole is the cause: its line was told libyaml's
        # words (a review), and before that to be quoted, again and again
        (
            '    anchors:\n      1 "None."\n      3: "Some."\n      5: "All."\n',
            8,
            "this line has no ':' after its score, so YAML reads it and the line under it "
            'as one text; write: 1: "None."',
            ('      1 "None."', '      1: "None."'),
        ),
        (
            '    look_for:\n      • "Names it"\n      - "Says why: clearly"\n',
            8,
            "this line starts with '•', which YAML does not read as a list's dash; write '- ' "
            'in its place: - "Names it"',
            ("•", "-"),
        ),
        (
            '    sources:\n      • title: "A b"\n        url: "https://a.example/x"\n',
            8,
            "this line starts with '•', which YAML does not read as a list's dash; write '- ' "
            'in its place: - title: "A b"',
            ("•", "-"),
        ),
        # a field after the anchors, told to line up with their scores, then told back
        (
            '    anchors:\n      1: "None."\n      3: "Some."\n      5: "All."\n     minutes: 3\n',
            11,
            "this key is indented 5 spaces, but 'anchors' on line 7 is indented 4 spaces; "
            "line them up",
            ("     minutes", "    minutes"),
        ),
        # a list's item in a quote left open over lines: told to close it on its first
        # line, and then libyaml's "did not find expected '-' indicator"
        (
            '    look_for:\n      - "Ask them\n        # what\n        more\n    minutes: 3\n',
            8,
            "this quote is never closed on its line, so YAML reads on to the end of the file; "
            'put the whole text in quotes, its lines 8-10 joined on one line: - "Ask them # '
            'what more"',
            ('"Ask them\n        # what\n        more', '"Ask them # what more"'),
        ),
        # a list's item of text holding ': ' over lines, in line with its text: told to
        # indent the line more, then to write the item as a block, then clean (three checks)
        *(
            (
                f"    look_for:\n      - {first}: now\n        more\n      - b\n",
                8,
                "': ' (a colon and a space) inside text starts a new key to YAML; put the whole "
                f'text in quotes, its lines 8-9 joined on one line: - "{first}: now more"',
                (f"{first}: now\n        more", f'"{first}: now more"'),
            )
            for first in ("Ask them", "Remember")
        ),
        # a next question's tab after a list's item: told the item's spaces, 6, where 2 is,
        # then no number of spaces; after a list of sources, or a block, no number either
        *(
            (
                f"{above}\t- id: b\n    section: S\n    question: q\n    hint: h\n",
                above.count("\n") + 7,
                "a tab in the indentation; YAML indents with spaces only, so replace the tab "
                "with 2 spaces",
                ("\t", "  "),
            )
            for above in (
                '    look_for:\n      - "Names it"\n\n',
                '    sources:\n      - title: "A b"\n        url: "https://a.example/x"\n',
                "    note: |\n      line one\n      line two\n",
            )
        ),
        # a tab in the middle of an item's keys, after a block's text, after the anchors:
        # told 'replace the tab with spaces', no number said; after the anchors, their
        # scores' 6 spaces, then told to line the key up with 'anchors:'
        *(
            (f"{above}{tab}minutes: 3\n", above.count("\n") + 7, f"{TABBED}{fix}", (tab, "    "))
            for above, tab, fix in (
                ("", "    \t", "delete the tab"),
                (
                    "    note: |\n      ```\n      code\n      ```\n",
                    "\t",
                    "replace the tab with 4 spaces",
                ),
                (
                    '    anchors:\n      1: "None."\n      3: "Some."\n      5: "All."\n',
                    "  \t",
                    "replace the tab with 2 spaces",
                ),
            )
        ),
        (
            '    sources:\n      - title: "A b"\n        \turl: "https://a.example/x"\n',
            9,
            f"{TABBED}delete the tab",
            ("        \turl", "        url"),
        ),
        # a quote left open before a number or a list in brackets: told to close it, and
        # then to take the quotes away (a random trial)
        *(
            (
                f"    {key}: {typed}\n",
                7,
                "this quote is never closed on its line, so YAML reads on to the end of the "
                f"file; {what} takes no quotes: write: {key}: {written}",
                (typed, written),
            )
            for key, typed, what, written in (
                ("minutes", '"7', "a number", "7"),
                ("minutes", "'7", "a number", "7"),
                ("look_for", '"[Why is it?, How?]', "a list in brackets", '["Why is it?", "How?"]'),
            )
        ),
        # and before a block's mark: told to quote its lines joined on one line, code too
        (
            '    note: "|\n      line one\n\n      ```\n      code\n      ```\n',
            7,
            "this quote is never closed on its line, so YAML reads on to the end of the file; "
            "the mark | of a text over lines takes no quotes: write: note: |",
            ('"|', "|"),
        ),
        # a tab after the 2 spaces a question's dash takes: no spaces to replace it with
        (
            '    look_for:\n      - "Names it"\n  \t- id: b\n    section: S\n'
            "    question: q\n    hint: h\n",
            9,
            "a tab in the indentation; YAML indents with spaces only, so delete the tab",
            ("  \t", "  "),
        ),
        # a block's mark in a quote left open with no lines under it is the text: told to
        # write 'hint: |' alone, an empty hint (a review)
        (
            '    note: "|\n    minutes: 3\n',
            7,
            "this quote is never closed on its line, so YAML reads on to the end of the file; "
            'end it with a straight quote: note: "|"',
            ('"|', '"|"'),
        ),
        # blanks after the tab count too: told 2 more, and followed, the field was the
        # block's text (a review)
        (
            "    note: |\n      code\n\t  minutes: 3\n",
            9,
            f"{TABBED}replace the tab with 2 spaces",
            ("\t", "  "),
        ),
        (
            '    look_for:\n      - "Names it"\n\t  - id: b\n    section: S\n'
            "    question: q\n    hint: h\n",
            9,
            f"{TABBED}delete the tab",
            ("\t  - id", "  - id"),
        ),
    ],
)
def test_what_a_review_found_is_told_where_it_is_and_once(typed, line, said, written):
    problem = the_problem(ASKED + typed)
    assert (problem.line, problem.message.split(": ", 1)[1]) == (line, f"invalid YAML: {said}")
    assert parse_bank(ASKED + typed.replace(*written), source="b").questions


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ("    look_for:\n      - Remember: now\n        more\n", 8),
        ('    sources:\n      - title: "A b"\n        \turl: "https://a.example/x"\n', 9),
        # a tab in a block's text, a line of it indented less (a random trial: 4 banks of
        # 50 took three checks)
        ("    note: |\n      one\n\ttwo\n", 9),
        ("    note: |\n      one\n     two\n      three\n", 9),
    ],
)
def test_advice_is_followed_to_the_next_mistake(typed, line):
    """'- Remember: now' over '  more', told to be quoted, a tab told to be deleted or to be
    the spaces of a block's other lines, a block's line told to be indented as they are,
    were not followed by the check, whose next mistake waited for the next check."""
    below = "  - id: b\n    section: S\n    hint: h\n    question: @q\n"
    with pytest.raises(BankError) as caught:
        parse_bank(f"{ASKED}{typed}{below}", source="b")
    assert [p.line for p in caught.value.problems] == [line, typed.count("\n") + 10]


@pytest.mark.parametrize(
    ("lines", "whole"),
    [
        (["over lines"], "It's open over lines"),
        # a line starting '#' inside the quote: told 'note: "It's open"', then libyaml's words
        (["# over", "lines"], "It's open # over lines"),
    ],
)
def test_an_apostrophe_in_single_quotes_over_lines_is_told_with_its_lines(lines, whole):
    """Told 'note: "It's open"', its second line then libyaml's words (a review)."""
    more = "".join(f"      {line}\n" for line in lines)
    problem = the_problem(f"{ASKED}    note: 'It's open\n{more}    minutes: 3\n")
    assert problem.message.endswith(
        f"put it in double quotes instead, its lines 7-{7 + len(lines)} joined on one line: "
        f'note: "{whole}"'
    )
    mended = parse_bank(f'{ASKED}    note: "{whole}"\n    minutes: 3\n', source="b")
    assert mended.questions[0].note == whole


def test_pasted_bullets_with_a_colon_in_an_item_are_told_as_bullets():
    """'• Names it: clearly' over '• b': told to indent the line more (a review)."""
    problem = the_problem(f"{ASKED}    look_for:\n      • Names it: clearly\n      • b\n")
    assert (problem.line, problem.message.split(": ", 1)[1]) == (
        8,
        "invalid YAML: lines 8-9 start with '•', which YAML does not read as a list's dash; "
        "write '- ' in place of each '•', and put an item with ': ' in it in quotes",
    )
    mended = f'{ASKED}    look_for:\n      - "Names it: clearly"\n      - b\n'
    assert parse_bank(mended, source="b").questions[0].look_for == ("Names it: clearly", "b")


def test_a_quote_closed_by_one_of_its_texts_own_over_lines_is_told_with_its_lines():
    """'note: "Ask them' over 'about C# and "things"': told to close the quote on its first
    line, and then libyaml's words (a review)."""
    problem = the_problem(f'{ASKED}    note: "Ask them\n      about C# and "things"\n')
    assert problem.message.endswith(
        "put the whole text in quotes, its lines 7-8 joined on one line: "
        "note: 'Ask them about C# and \"things\"'"
    )
    mended = parse_bank(f"{ASKED}    note: 'Ask them about C# and \"things\"'\n", source="b")
    assert mended.questions[0].note == 'Ask them about C# and "things"'


def test_a_long_run_of_tabs_and_spaces_is_told_in_time(monkeypatch):
    """A hostile trial: a run of 8,000 lines of tabs and spaces ('\\t  - b' over '  \\t  -
    a') was told each line's spaces, each line mended and the bank read again for the next
    (14 s; 4,000 lines 3 s). A run longer than TAB_LINES_TOLD is told to replace each tab
    with spaces, as before; a short one still its spaces."""
    from qbank.bank.syntax import tabs

    widths = []
    width = tabs._tab_width
    monkeypatch.setattr(tabs, "_tab_width", lambda *args: widths.append(1) or width(*args))

    def bank(lines: int) -> str:
        run = "".join("  \t  - a\n" if n % 2 else "\t  - b\n" for n in range(lines))
        return "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n" + (
            f"    hint: h\n    look_for:\n{run}"
        )

    problem = the_problem(bank(4000))
    assert problem.message.endswith("so replace each tab with spaces"), problem.message
    assert len(widths) < 10, len(widths)
    problem = the_problem(bank(4))
    assert problem.message.endswith(
        "so start each of these lines with 8 spaces, in place of its tabs and spaces"
    )
    mended = bank(4).replace("  \t  - a", " " * 8 + "- a").replace("\t  - b", " " * 8 + "- b")
    assert parse_bank(mended, source="b").questions[0].look_for == ("b", "a", "b", "a")


def test_a_run_of_tabs_and_spaces_is_told_without_reading_the_bank_again_a_line(monkeypatch):
    """A hostile trial: each line of a run told its spaces joined the bank's whole text and
    indexed its lines again, 400 runs of 98 lines in a bank of 40,000 taking 17 s (1.6 s
    before the lines were told each). The lines mended are read as such, the bank once."""
    from qbank.bank.source import Source

    made = []
    init = Source.__init__
    monkeypatch.setattr(Source, "__init__", lambda self, *a: made.append(1) or init(self, *a))
    run = "".join("  \t  - a\n" if n % 2 else "\t  - b\n" for n in range(90))
    text = "title: T\nquestions:\n  - id: a\n    section: S\n    question: q\n"
    problem = the_problem(f"{text}    hint: h\n    look_for:\n{run}")
    assert problem.message.endswith(
        "start each of these lines with 8 spaces, in place of its tabs and spaces"
    )
    assert len(made) < 10, len(made)


def test_the_problems_after_the_first_are_told_without_indexing_the_bank_again(monkeypatch):
    """A hostile trial: 400 runs of tabs in 40,000 lines, each run told and mended in turn,
    split, compared and indexed the bank's whole text again for each (its lines' starts,
    and the lines each mending changed), four fifths of its check (bench/RESULTS.md). The
    bank mended is kept as its lines, whose starts follow from their lengths."""
    from qbank.bank.source import Source

    indexed = []
    starts = Source.starts
    monkeypatch.setattr(
        Source,
        "starts",
        property(lambda self: indexed.append(self._starts is None) or starts.fget(self)),
    )
    run = "".join("  \t  - a\n" if n % 2 else "\t  - b\n" for n in range(6))
    question = "  - id: q{}\n    section: S\n    question: q\n    hint: h\n    look_for:\n"
    text = "title: T\nquestions:\n" + "".join(question.format(n) + run for n in range(30))
    with pytest.raises(BankError) as raised:
        parse_bank(text, source="b")
    told = [p for p in raised.value.problems if "a tab in the indentation" in p.message]
    assert len(told) == 30
    assert sum(indexed) <= 2, sum(indexed)


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("\u2028", "a line separator (U+2028)"),
        ("\u2029", "a paragraph separator (U+2029)"),
        ("\x85", "a next-line character (U+0085)"),
        ("\r", "a carriage return (CR) alone"),
    ],
)
@pytest.mark.parametrize("block", [False, True])
def test_an_invisible_line_break_pasted_into_a_text_is_named_where_it_is(
    cli, tmp_path, typed, named, block
):
    """PyYAML ends a line at these where an editor shows none: a hint pasted with one was
    "did not find expected key (while parsing a block mapping from line 1)", and the
    excerpt broke its own line in the terminal at a U+2028."""
    hint = f"|\n      Rotate{typed} the keys." if block else f"Rotate{typed} the keys."
    bank = tmp_path / "b.yaml"
    bank.write_bytes(
        "title: T\nsections: [A]\nquestions:\n  - id: a1\n    section: A\n"
        f"    question: Q?\n    hint: {hint}\n    minutes: 3\n".encode()
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    line, column = (8, 13) if block else (7, 17)
    first, shown, caret = result.stderr.split("\n")[:3]
    assert first == (
        f"{bank}:{line}:{column}: question 'a1': invalid YAML: {named} at line {line}, column "
        f"{column}, which YAML reads as the end of a line though an editor may show none (text "
        "pasted from a web page or a PDF can hold one); delete it, or put a space in its place"
    )
    # the excerpt shows the character as a picture, on one line, the caret under it
    assert shown.index(" the keys.") - 1 == caret.index("^")
    assert shown[caret.index("^")] in "\u2424\ufffd\u240d"


def test_a_file_whose_lines_end_cr_alone_is_read_as_such(cli, tmp_path):
    """An old Mac file's lines end with CR alone: PyYAML reads them, and no CR is blamed."""
    bank = tmp_path / "b.yaml"
    bank.write_bytes(
        b"title: T\rsections: [A]\rquestions:\r  - id: a1\r    section: A\r"
        b"    question: Q?\r    hint: H.\r"
    )
    assert cli("check", "--bank", bank).exit_code == 0


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        # YAML's own words: "mapping keys are not allowed in this context"
        (
            "hint: ? Why not",
            "7:11: question 'a1': invalid YAML: YAML reads '? ' at the start of a value as the "
            'mark of a key; put the whole text in quotes: hint: "? Why not"',
        ),
        # "mapping values are not allowed in this context"
        (
            "hint: : it depends",
            "7:11: question 'a1': invalid YAML: YAML reads ': ' at the start of a value as a "
            'key\'s colon; put the whole text in quotes: hint: ": it depends"',
        ),
        # "missing 'hint'", the hint typed on its line
        (
            "hint: #include <stdio.h> first",
            "7: question 'a1': 'hint' is empty: YAML reads '#include <stdio.h> first' after it "
            "as a comment, as it does a '#' after a blank; if that is the text, put it in "
            'quotes: hint: "#include <stdio.h> first"',
        ),
        (
            "hint: ~",
            "7: question 'a1': 'hint' is ~, which YAML reads as no value; write the text, or, "
            'if it is ~, put it in quotes: hint: "~"',
        ),
        # a list's item: "each of 'look_for' must be text, not empty"
        (
            "hint: H.\n    look_for:\n      - #1 priority\n      - Two",
            "9: question 'a1': an item of 'look_for' is empty: YAML reads '#1 priority' after "
            "it as a comment, as it does a '#' after a blank; if that is the text, put it in "
            'quotes: - "#1 priority"',
        ),
        (
            "hint: H.\n    look_for:\n      - null\n      - Two",
            "9: question 'a1': an item of 'look_for' is null, which YAML reads as no value; "
            'write the text, or, if it is null, put it in quotes: - "null"',
        ),
        # "YAML reads the text as fields, the first named 'Why', because of the colon at the
        # end of the line": there is no colon
        (
            "hint: H.\n    look_for:\n      - ? Why not\n      - Two",
            "9:9: question 'a1': 'look_for': YAML reads '? ' at the start of a value as the "
            'mark of a key; put the whole text in quotes: - "? Why not"',
        ),
    ],
)
def test_a_value_yaml_reads_as_a_mark_a_comment_or_none_is_told_what_to_write(
    cli, tmp_path, typed, said
):
    bank = tmp_path / "b.yaml"
    head = "title: T\nsections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
    bank.write_text(f"{head}    {typed}\n", encoding="utf-8")
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    assert result.stderr.split("\n")[0] == f"{bank}:{said}"
    # the line it says to write passes
    written = said.rsplit("quotes: ", 1)[1]
    mistyped = typed.split("\n")[-2 if "look_for" in typed else 0].strip()
    fixed = bank.read_text(encoding="utf-8").replace(mistyped, written)
    bank.write_text(fixed, encoding="utf-8")
    assert cli("check", "--bank", bank).exit_code == 0, fixed


def test_an_optional_text_typed_as_a_comment_is_warned_and_none_is_not(cli, tmp_path):
    """'note: #1 rule' made a question with no note, unsaid; 'note: ~' says none, as meant,
    and so does 'note:  # none yet'; only a '#' against its word may be the text."""
    bank = tmp_path / "b.yaml"
    typed = "title: T\nsections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
    bank.write_text(f"{typed}    hint: H.\n    note: #1 rule of thumb\n", encoding="utf-8")
    result = cli("check", "--bank", bank)
    assert result.exit_code == 0
    assert result.stderr.split("\n")[0] == (
        f"{bank}:8: warning: question 'a1': 'note' is empty: YAML reads '#1 rule of thumb' "
        "after it as a comment, as it does a '#' after a blank; if that is the text, put it "
        'in quotes: note: "#1 rule of thumb"'
    )
    # nor is a comment written as one ('# ' then words: a review)
    for none in ("~", " # none yet"):
        bank.write_text(f"{typed}    hint: H.\n    note: {none}\n", encoding="utf-8")
        result = cli("check", "--bank", bank)
        assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("typed", "line", "said"),
    [
        (
            "  - id:a1\n    section: A\n    question: Q?\n    hint: H.\n",
            4,
            "7: question 'a1': invalid YAML: 'id' needs a space after its colon; write: - id: a1",
        ),
        (
            "  - id: a1\n    section: A\n    question: Q?\n    hint: H.\n    sources:\n"
            '      - title:"The guide"\n        url: "https://example.org/guide"\n',
            9,
            "14: question 'a1': invalid YAML: 'title' needs a space after its colon; write: - "
            'title: "The guide"',
        ),
        # a field's text in quotes holding ': ' twice: "mapping values are not allowed" at
        # the second colon
        (
            "  - id: a1\n    section: A\n    question: Q?\n    hint: H.\n"
            '    note:"It needs: the data: all of it"\n',
            8,
            "9: question 'a1': invalid YAML: 'note' needs a space after its colon; write: note: "
            '"It needs: the data: all of it"',
        ),
        # ... once: "unknown key 'note:"It needs'" (the key, glued to its text up to the ': ')
        (
            "  - id: a1\n    section: A\n    question: Q?\n    hint: H.\n"
            '    note:"It needs: the data"\n',
            8,
            " question 'a1': 'note' needs a space after its colon; write: note: "
            '"It needs: the data"',
        ),
        # a score under 'anchors:', the first: "mapping values are not allowed" at the next
        (
            "  - id: a1\n    section: A\n    question: Q?\n    hint: H.\n    anchors:\n"
            '      1:"Guesses"\n      3: "Knows"\n      5: "Teaches"\n',
            9,
            "8: question 'a1': invalid YAML: '1' needs a space after its colon; write: 1: "
            '"Guesses"',
        ),
    ],
)
def test_an_items_first_field_with_no_space_after_its_colon_is_told_on_its_line(
    cli, tmp_path, typed, line, said
):
    """'- title:"A"' is a text to YAML, and the field under it "mapping values are not
    allowed in this context", said at the next line."""
    bank = tmp_path / "b.yaml"
    bank.write_text(f"title: T\nsections: [A]\nquestions:\n{typed}", encoding="utf-8")
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    assert result.stderr.split("\n")[0] == f"{bank}:{line}:{said}"
    written = said.rsplit("write: ", 1)[1]
    lines = bank.read_text(encoding="utf-8").split("\n")
    typed = lines[line - 1]
    lines[line - 1] = typed[: len(typed) - len(typed.lstrip(" "))] + written
    bank.write_text("\n".join(lines), encoding="utf-8")
    assert cli("check", "--bank", bank).exit_code == 0


def test_a_field_indented_past_the_dashes_of_the_list_above_is_told_to_line_up(cli, tmp_path):
    """'follow_ups:' three spaces deeper than the question's fields, under items of
    'look_for': YAML's "did not find expected '-' indicator (while parsing a block collection
    from line 9)"; the next question's alike is told in the same check."""
    question = (
        "  - id: {id}\n    section: A\n    question: Q?\n    hint: H.\n    look_for:\n"
        "      - One\n      - Two\n{indent}follow_ups:\n      - Why?\n"
    )
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nsections: [A]\nquestions:\n"
        + question.format(id="a1", indent=" " * 7)
        + question.format(id="a2", indent=" " * 9),
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    told = [line for line in result.stderr.split("\n") if line.startswith(str(bank))]
    assert told == [
        f"{bank}:11:8: question 'a1': invalid YAML: this key is indented 7 spaces, more than "
        "the dashes of the items of 'look_for' above (6 spaces); indent it 4 spaces, as "
        "'look_for:' on line 8 is",
        f"{bank}:20:10: question 'a2': invalid YAML: this key is indented 9 spaces, more than "
        "the dashes of the items of 'look_for' above (6 spaces); indent it 4 spaces, as "
        "'look_for:' on line 17 is",
    ]
    fixed = re.sub("^ +follow_ups", "    follow_ups", bank.read_text(encoding="utf-8"), flags=re.M)
    bank.write_text(fixed, encoding="utf-8")
    assert cli("check", "--bank", bank).exit_code == 0


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        # YAML's "did not find expected key (while parsing a block mapping from line 4)"
        (
            "tags: [one, two]]",
            "8:21: question 'a1': invalid YAML: the list in brackets ends before this, and YAML "
            "reads nothing after it on its line but a comment; write: tags: [one, two]",
        ),
        (
            "tags: [one, two],",
            "8:21: question 'a1': invalid YAML: the list in brackets ends before this, and YAML "
            "reads nothing after it on its line but a comment; write: tags: [one, two]",
        ),
        (
            "tags: [one, two] three",
            "8:22: question 'a1': invalid YAML: the list in brackets ends before this, and YAML "
            "reads nothing after it on its line but a comment; write: tags: [one, two], or, if "
            "'three' belongs in the list, put it inside the brackets",
        ),
        # a text is no list: told to be quoted whole, as before
        (
            "hint: [Draft] see the guide",
            "8:11: question 'a1': invalid YAML: YAML reads [ at the start of a value as the "
            'start of a list; put the whole text in quotes: hint: "[Draft] see the guide"',
        ),
        # a list's brackets typed as parentheses, or its [ left out: they were kept in its
        # items ('tags: ["(one", "two)"]')
        (
            "tags: (one, two)",
            "8: question 'a1': 'tags' must be a list of text, not text; write it as a list in "
            "brackets: tags: [one, two]",
        ),
        (
            "tags: one, two]",
            "8: question 'a1': 'tags' must be a list of text, not text; write it as a list in "
            "brackets: tags: [one, two]",
        ),
        # each tag in its own parentheses: none is cut apart from its own ('"one)"')
        (
            "tags: (one), (two three)",
            "8: question 'a1': 'tags' must be a list of text, not text; write it as a list in "
            'brackets: tags: ["(one)", "(two three)"]',
        ),
    ],
)
def test_a_list_in_brackets_with_more_after_it_is_told_what_to_write(cli, tmp_path, typed, said):
    bank = tmp_path / "b.yaml"
    head = "title: T\nsections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
    hint = "" if typed.startswith("hint") else "    hint: H.\n"
    bank.write_text(f"{head}{hint}    {typed}\n", encoding="utf-8")
    if not hint:
        said = said.replace("8:", "7:", 1)
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    assert result.stderr.split("\n")[0] == f"{bank}:{said}"
    written = said.rsplit("write: ", 1)[-1].split(", or,")[0]
    written = said.rsplit("quotes: ", 1)[1] if "quotes: " in said else written
    written = said.rsplit("brackets: ", 1)[1] if "brackets: " in said else written
    bank.write_text(f"{head}{hint}    {written}\n", encoding="utf-8")
    assert cli("check", "--bank", bank).exit_code == 0


# A mistake a random trial made, which YAML told in its own words (quoted in each case's
# comment), often at a line after its cause: (the bank after "title: T\n", the first problem
# told after the bank's path, or every problem told, and the fix its advice asks for, which
# check then passes, where the advice is a line to write)
A_TRIALS_MISTAKES = {
    # "found character that cannot start any token" at the fence under a line of JSON
    # indented left of its block (a mapping to YAML)
    "json-out-of-its-block": (
        "markup: markdown\nsections: [A]\nquestions:\n  - id: a1\n    section: A\n"
        "    question: Q?\n    hint: H.\n    note: |\n      The log:\n\n      ```json\n"
        '      {"ts": 1, "ip": "203.0.113.1"}\n   {"ts": 2, "ip": "203.0.113.2"}\n      ```\n',
        "14:4: question 'a1': invalid YAML: this line is indented 3 spaces, no more than "
        "'note:' on line 9, so YAML ends the text of 'note: |' above it and reads this line "
        "as a key; if it belongs to that text (a line of code), indent it 6 spaces, as the "
        "text's first line on line 10 is, then the line's own indent",
        ('   {"ts": 2', '      {"ts": 2'),
    ),
    # "mapping values are not allowed in this context" at the note's next line: its first
    # line, at the column of 'note:', holding ': ', is a key to YAML
    "a-blocks-first-line-at-its-keys-column": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint: H.\n    note: |\n    OWASP's list advises it: log every call.\n\n"
        "      Artefact for the follow-up (show it):\n",
        "9:5: question 'a1': invalid YAML: the text of 'note: |' must be indented more than "
        "'note:'; start each of its lines with 6 spaces",
        ("    OWASP", "      OWASP"),
    ),
    # "did not find expected key" at the second item, which had its dash
    "a-lists-first-item-without-its-dash": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint: H.\n    follow_ups:\n      "Spread over accounts: how?"\n      - "And then?"\n',
        "9:7: question 'a1': invalid YAML: this line is in line with the list item on line "
        "10, but does not start with '- ' as an item does; write: - "
        '"Spread over accounts: how?"',
        ('      "Spread', '      - "Spread'),
    ),
    # "did not find expected '-' indicator (while parsing a block collection from line 4)"
    "a-stray-quote-after-a-mapping-in-braces": (
        'tags:\n  - {name: agents, description: "Agents that call tools."} "\n'
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint: "H."\n    tags: [agents]\n',
        "3:60: invalid YAML: the mapping in braces ends before this, and YAML reads nothing "
        "after it on its line but a comment; write: - {name: agents, description: "
        '"Agents that call tools."}',
        ('tools."} "', 'tools."}'),
    ),
    # ... and a text of a question's list is no mapping: quoted
    "a-text-item-in-braces": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint: H.\n    look_for:\n      - {x} is a set\n",
        "9:9: question 'a1': invalid YAML: YAML reads { at the start of a value as the start "
        'of a mapping; put the whole text in quotes: - "{x} is a set"',
        ("- {x} is a set", '- "{x} is a set"'),
    ),
    # "mapping values are not allowed in this context" at the colon inside the quotes
    "a-fields-colon-left-out-before-quotes-holding-colons": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint "Implications: privacy. Defenses: noise."\n',
        "7:5: question 'a1': invalid YAML: 'hint' needs a colon and a space after it, then "
        'its value; write: hint: "Implications: privacy. Defenses: noise."',
        ('hint "', 'hint: "'),
    ),
    # "found character that cannot start any token" at the fence six lines on: YAML read
    # 'Properties:' as a key whose value is the code's next lines
    "a-blocks-line-at-its-keys-column-stumbled-on-later": (
        "markup: markdown\nsections: [A]\nquestions:\n  - id: a1\n    section: A\n"
        "    question: Q?\n    hint: H.\n    note: |\n      ```yaml\n      Guardrail:\n"
        "    Properties:\n" + "".join(f"        key{n}: value\n" for n in range(5)) + "      ```\n",
        "12:5: question 'a1': invalid YAML: this line is indented 4 spaces, no more than "
        "'note:' on line 9, so YAML ends the text of 'note: |' above it and reads this line "
        "as a key; if it belongs to that text (a line of code), indent it 6 spaces, as the "
        "text's first line on line 10 is, then the line's own indent",
        ("    Properties", "        Properties"),
    ),
    # "did not find expected key (while parsing a block mapping from line 9)"
    "a-sources-item-past-the-fields-of-the-one-above": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint: H.\n    sources:\n      - title: "One"\n        url: "https://a.example/1"\n'
        '         - title: "Two"\n        url: "https://a.example/2"\n',
        "11:10: question 'a1': invalid YAML: this list item is indented 9 spaces, but the item "
        "on line 9 is indented 6 spaces; line them up",
        ('         - title: "Two"', '      - title: "Two"'),
    ),
    # "did not find expected '-' indicator (while parsing a block collection from line 3)";
    # at the column of 'anchors:', the next score was told to line up with it, and then
    # the question's key '1' a number; the bank's other problem is told in the same check
    **{
        f"an-anchors-first-score-{spaces}-spaces-in": (
            "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
            f"    hint: H.\n    anchors:\n{' ' * spaces}1: Guesses.\n      3: Knows.\n"
            "      5: Teaches.\n  - id: a2\n    section: A\n    question: Q?\n    hint: H.\n"
            "    minutes: lots\n",
            [
                f"9:{spaces + 1}: question 'a1': invalid YAML: this score is indented {spaces} "
                "spaces, no more than 'anchors:' on line 8, so it is none of its scores; "
                "indent it 6 spaces, under 'anchors:'",
                "16: question 'a2': 'minutes' must be a whole number from 1 to 240, not lots",
            ],
            None,
        )
        for spaces in (3, 4)
    },
    # "did not find expected key (while parsing a block mapping from line 1)"
    "a-line-of-stray-marks-between-questions": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint: H.\n,\n  - id: a2\n    section: A\n    question: Q?\n    hint: H.\n",
        "8:1: invalid YAML: this line is neither 'key: value' nor a list item ('- '); delete "
        "it, or, if it goes on with the text of the line above, indent it more than that "
        "line's key",
        ("\n,\n", "\n"),
    ),
    # "did not find expected key (while parsing a block mapping from line 4)": a whole
    # question pasted four spaces too deep after another's anchors
    "a-question-pasted-in-deeper": (
        "sections: [A]\nquestions:\n"
        + "".join(
            f"{pad}- id: {qid}\n{pad}  section: A\n{pad}  question: Q?\n{pad}  hint: H.\n"
            f"{pad}  anchors:\n{pad}    1: Guesses.\n{pad}    3: Knows.\n{pad}    5: Teaches.\n"
            for pad, qid in (("  ", "a1"), ("      ", "a2"))
        ),
        "12:7: question 'a2': invalid YAML: this list item is indented 6 spaces, but the item "
        "on line 4 is indented 2 spaces; line them up, lines 12-19 each 4 spaces less",
        None,
    ),
    # "mapping values are not allowed in this context" in 'def load(path:': 'hint: |'
    # deleted, the code was more of the question's text
    "code-under-a-fields-text": (
        "markup: markdown\nsections: [A]\nquestions:\n  - id: a1\n    section: A\n"
        "    question: Review this function. What is unsafe?\n      ```python\n"
        "      def load(path: str) -> dict:\n          return pickle.load(open(path, 'rb'))\n"
        "      ```\n",
        "8:7: question 'a1': invalid YAML: the code from this line on is indented under "
        "'question:' on line 7, which has its text on its line, so YAML reads the code as "
        "more of that text; code goes in a block of the field it belongs to: write that "
        "field's name and '|' (hint: |, note: |) on a line above it, indented 4 spaces",
        ("      ```python", "    hint: |\n      ```python"),
    ),
    # "did not find expected alphabetic or numeric character": a text broken before
    # '**KQL**', its next line at the margin, an alias to YAML
    "a-texts-next-line-at-the-margin": (
        "markup: markdown\nsections: [A]\nquestions:\n  - id: a1\n    section: A\n"
        "    question: What does this\n**KQL** query find?\n    hint: H.\n",
        "8:1: invalid YAML: this line is neither 'key: value' nor a list item ('- '); delete "
        "it, or, if it goes on with the text of the line above, indent it more than that "
        "line's key",
        ("\n**KQL", "\n      **KQL"),
    ),
    # "did not find expected node content" at the file's end: a list in brackets over
    # lines, each item with its comma, left open
    "a-list-left-open-after-a-comma": (
        "sections: [A]\nquestions: [\n  {id: a1, section: A, question: Q?, hint: H.},\n",
        "3:12: invalid YAML: this [ starts a list that is never closed with ] (YAML read on "
        "to line 5 for it); end the list with ] on this line, or put a text that starts with "
        "it in quotes",
        ("H.},\n", "H.}]\n"),
    ),
    # "mapping values are not allowed in this context": the line 'questions:' deleted, the
    # first question went on with the title's text
    "the-questions-line-deleted": (
        "sections: [A]\n  - id: a1\n    section: A\n    question: Q?\n    hint: H.\n",
        "3:1: question 'a1': invalid YAML: a question (id:) under 'sections:', with no "
        "'questions:' above it: questions go under 'questions:', written at the margin on a "
        "line of its own above the first of them",
        ("[A]\n", "[A]\nquestions:\n"),
    ),
    # "did not find expected key (while parsing a block mapping from line 2)": the first
    # section's '- ' deleted
    "a-sections-first-item-without-its-dash": (
        "sections:\n  name: Basics\n  - name: Depth\nquestions:\n  - id: a1\n"
        "    section: Basics\n    question: Q?\n    hint: H.\n  - id: a2\n"
        "    section: Depth\n    question: Q?\n    hint: H.\n",
        "3:3: invalid YAML: this line is in line with the list item on line 4, but does not "
        "start with '- ' as an item does; write: - name: Basics",
        ("  name: Basics", "  - name: Basics"),
    ),
    # "did not find expected key (while parsing a block mapping from line 3)": a rubric
    # level's 'anchor:' out of line ('anchor' was no field the advice knew)
    "a-rubric-levels-anchor-out-of-line": (
        "rubric:\n  - score: 1\n    label: Missed\n anchor: Did not answer.\n"
        "  - score: 2\n    label: Met\n    anchor: Answered.\n"
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint: H.\n",
        "5:2: invalid YAML: this key is indented 1 space, but 'label' on line 4 is indented 4 "
        "spaces; line them up",
        (" anchor: Did", "    anchor: Did"),
    ),
    # "mapping values are not allowed in this context" at the next score: the first has no
    # colon after it, a text starting with a quote
    "an-anchors-score-without-its-colon-before-a-quote": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint: H.\n    anchors:\n      1 "All of them" with no order.\n'
        "      3: Audit logs.\n      5: A list tied to the threats.\n",
        "9:7: question 'a1': invalid YAML: this line has no ':' after its score, so YAML reads "
        "it and the line under it as one text; write: 1: '\"All of them\" with no order.'",
        ('1 "All of them" with no order.', "1: '\"All of them\" with no order.'"),
    ),
    # "did not find expected <document start>": a byte-order mark on the second line (a
    # line moved, or a file joined to another)
    "a-byte-order-mark-past-the-files-start": (
        "\ufeffsections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint: H.\n",
        "2:1: invalid YAML: a byte-order mark (U+FEFF, unseen in an editor) at line 2, column 1, "
        "which belongs only at a file's very start; delete it",
        ("\ufeff", ""),
    ),
    # "did not find expected key (while parsing a block mapping from line 1)": the line
    # 'sections:' deleted, its items under the title
    "a-lists-key-deleted-under-a-margin-value": (
        'description: "D."\n  - A\n  - B\nquestions:\n  - id: a1\n    section: A\n'
        "    question: Q?\n    hint: H.\n  - id: a2\n    section: B\n    question: Q?\n"
        "    hint: H.\n",
        "3:3: invalid YAML: this list item is under 'description:', which has its value on its "
        "line, so no key holds the list; write the key it belongs to (sections:, tags:, "
        "competencies:) at the margin on a line of its own above it",
        ('"D."\n', '"D."\nsections:\n'),
    ),
    # "mapping values are not allowed in this context": anchors in braces, their key's
    # colon left out
    "a-fields-colon-left-out-before-braces": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint: H.\n    anchors {1: Guesses., 3: Knows., 5: Teaches.}\n",
        "8:5: question 'a1': invalid YAML: 'anchors' needs a colon and a space after it, then "
        "its value; write: anchors: {1: Guesses., 3: Knows., 5: Teaches.}",
        ("anchors {", "anchors: {"),
    ),
    # "did not find expected '-' indicator (while parsing a block collection from line 3)":
    # a comma after a quoted item
    "a-comma-after-a-quoted-item": (
        'sections:\n  - "A:B",\n  - C\nquestions:\n  - id: a1\n    section: "A:B"\n'
        "    question: Q?\n    hint: H.\n  - id: a2\n    section: C\n    question: Q?\n"
        "    hint: H.\n",
        "3:10: invalid YAML: ',' after the text's closing quote, where YAML reads nothing but a "
        'comment; delete it: - "A:B"',
        ('"A:B",', '"A:B"'),
    ),
    # "did not find expected key": 'anchors:' deleted, its scores under the note above
    "the-anchors-line-deleted": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint: H.\n    note: "A note."\n      1: Guesses.\n      3: Knows.\n'
        "      5: Teaches.\n",
        "9:7: question 'a1': invalid YAML: this score is under 'note:' on line 8, which has its "
        "value on its line, so no key holds the scores; write 'anchors:' on a line of its own "
        "above it, indented 4 spaces",
        ('"A note."\n', '"A note."\n    anchors:\n'),
    ),
    # "did not find expected node content": a field glued to a quoted text whose ': ' is
    # followed by a ']'
    "a-field-glued-to-a-quoted-text": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint:"Moodle splits it: ]]> in two."\n',
        "7:9: question 'a1': invalid YAML: 'hint' needs a space after its colon; write: hint: "
        '"Moodle splits it: ]]> in two."',
        ('hint:"', 'hint: "'),
    ),
    # "mapping values are not allowed in this context": ': ' on the fourth line of a text
    # over lines (only on its second was it told)
    "a-colon-lines-down-a-text-over-lines": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint: It starts here\n      and goes on\n      and on\n      then says: this\n",
        "10:16: question 'a1': invalid YAML: ': ' (a colon and a space) in the text of 'hint', "
        "which runs over 4 lines, starts a new key to YAML; write the text as a block, which "
        "keeps your lines as they are: replace lines 7-10 with the lines below",
        ("hint: It", "hint: |\n      It"),
    ),
    # "did not find expected '-' indicator": a comma after a source in braces
    "a-comma-after-a-source-in-braces": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint: H.\n    sources:\n      - {title: Cours, url: "https://example.org/c"},\n'
        "    minutes: 3\n",
        "9:53: question 'a1': invalid YAML: the mapping in braces ends before this, and YAML "
        "reads nothing after it on its line but a comment; write: - {title: Cours, url: "
        '"https://example.org/c"}',
        ('/c"},', '/c"}'),
    ),
    # "unknown key 'title:"A'": the title glued to its text (with two colons in it, YAML's
    # "did not find expected <document start>" at line 2)
    "the-title-glued-to-a-quoted-text": (
        'title:"A: B"\ndescription: D.\n',
        "1: 'title' needs a space after its colon; write: title: \"A: B\"",
        None,
    ),
    # ... "did not find expected <document start>" at line 2, a ' # ' in it a comment
    "the-title-glued-to-a-quoted-text-with-a-comment-mark": (
        'title:"Ends ]]> = # : x"\ndescription: D.\n',
        "1:6: invalid YAML: 'title' needs a space after its colon; write: title: "
        '"Ends ]]> = # : x"',
        None,
    ),
    "the-title-glued-to-a-quoted-text-with-two-colons": (
        'title:"A: B: C"\ndescription: D.\n',
        "1:6: invalid YAML: 'title' needs a space after its colon; write: title: \"A: B: C\"",
        None,
    ),
    # "did not find expected node content": a text in braces whose opening quote was
    # deleted, starting with a ':'
    "a-quote-closed-not-opened-in-braces": (
        "sections: [':Lead']\nquestions:\n"
        '  - {id: a1, section: :Lead", question: "Q?", hint: "H."}\n',
        "4:23: question 'a1': invalid YAML: this text ends with \" but does not start with "
        "one, so YAML reads its first character as YAML's own; put \" at its start too: "
        '":Lead"',
        ('section: :Lead"', 'section: ":Lead"'),
    ),
    # "found character that cannot start any token": the same in a list, at an '@'
    "a-quote-closed-not-opened-in-brackets": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint: H.\n    look_for: [@SUM(A1:A9)", "-minus"]\n',
        "8:16: question 'a1': invalid YAML: this text ends with \" but does not start with "
        "one, so YAML reads its first character as YAML's own; put \" at its start too: "
        '"@SUM(A1:A9)"',
        ("[@SUM", '["@SUM'),
    ),
    # "did not find expected '-' indicator": a stray quote after a quoted item
    "a-stray-quote-after-a-quoted-item": (
        'sections:\n  - "Trail:" "\n  - B\nquestions:\n  - id: a1\n    section: "Trail:"\n'
        "    question: Q?\n    hint: H.\n  - id: a2\n    section: B\n    question: Q?\n"
        "    hint: H.\n",
        "3:14: invalid YAML: '\"' after the text's closing quote, where YAML reads nothing but "
        'a comment; delete it: - "Trail:"',
        ('"Trail:" "', '"Trail:"'),
    ),
    # "did not find expected key": the first source's '- title:' line deleted
    "the-first-sources-title-line-deleted": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint: H.\n    sources:\n        url: https://example.org/y\n"
        "      - title: Y, second edition\n        url: https://example.org/y2\n",
        "9:9: question 'a1': invalid YAML: the first item of 'sources' has no '- ' before its "
        "first field, so YAML reads its fields as those of 'sources' itself; a list's item "
        "starts with '- ', as the one on line 10 does: write - url: https://example.org/y, "
        "indented 6 spaces",
        None,
    ),
    # "did not find expected key (while parsing a block mapping from line 4)" four lines
    # down: a text opened with ' and ended with ", quoted values between
    "a-text-opened-with-one-quote-ended-with-the-other": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint: H.\n    note: '=guarded by hand\"\n  - id: a2\n    section: A\n"
        '    question: "Tab?"\n    hint: "\'plain stays"\n',
        "8:11: question 'a1': invalid YAML: this text starts with ' and ends with \", which "
        "ends none, so YAML reads on into line 9; end it with a straight quote: note: "
        '"=guarded by hand"',
        ("'=guarded by hand\"", '"=guarded by hand"'),
    ),
    # '10:30' on a line that goes on with the hint's text, ': ' on the line under it: the
    # colon in the text is the mistake, not a score missing its space ('write: 10: 30', a
    # review)
    "a-texts-next-line-starting-with-a-time": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint: Meet at\n      10:30\n      then: lunch\n",
        "9:11: question 'a1': invalid YAML: ': ' (a colon and a space) in the text of 'hint', "
        "which runs over 3 lines, starts a new key to YAML; write the text as a block, which "
        "keeps your lines as they are: replace lines 7-9 with the lines below",
        ("hint: Meet", "hint: |\n      Meet"),
    ),
    # with one colon in it, 'hint "Implications: privacy"' is a key to YAML, not an error:
    # it was "missing 'hint'" and "unknown key 'hint "Implications'" (two colons were told as
    # the colon left out; 'hint 2: ...' stays an unknown key)
    **{
        f"a-fields-colon-left-out-before-{quote}-quotes-with-one-colon": (
            "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
            f"    hint {quote}Implications: privacy{quote}\n    minutes: 3\n",
            [
                "7: question 'a1': 'hint' needs a colon and a space after it, then its value; "
                f"write: hint: {quote}Implications: privacy{quote}"
            ],
            (f"hint {quote}", f"hint: {quote}"),
        )
        for quote in ("'", '"')
    },
    # "did not find expected key": 'sources:' deleted, its items under the note above
    "the-sources-line-deleted": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint: H.\n    note: "A note."\n      - title: "Guide"\n'
        '        url: "https://example.org/guide"\n',
        "9:7: question 'a1': invalid YAML: this list item is under 'note:', which has its value "
        "on its line, so no key holds the list; write the key it belongs to (sources:, "
        "look_for:, follow_ups:) in line with 'note:' on a line of its own above it",
        ('"A note."\n', '"A note."\n    sources:\n'),
    ),
    # "mapping values are not allowed in this context": a field indented a space deeper
    # than the lines of the text over lines above it, read as more of that text
    "a-field-deeper-after-a-text-over-lines": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: It starts\n"
        "      and goes on\n      and on\n       hint: H.\n",
        "9:8: question 'a1': invalid YAML: this key is indented 7 spaces, but 'question' on line "
        "6 is indented 4 spaces; line them up",
        ("       hint", "    hint"),
    ),
    # "did not find expected key" at the next question's dash: a field moved to the margin
    # in a bank whose questions' dashes stand there
    "a-field-at-the-margin-among-questions-there": (
        "sections: [A]\nquestions:\n- id: a1\n  section: A\n  question: Q?\n  hint: H.\n"
        "minutes: 2\n- id: a2\n  section: A\n  question: Q?\n  hint: H.\n",
        "8:1: invalid YAML: 'minutes' at the margin is a field of the question "
        "above: indent it 2 spaces, as 'hint:' on line 7 is",
        ("\nminutes", "\n  minutes"),
    ),
    # "unknown key 'hint The answer'" and "missing 'hint'": a field's name, then its text
    # with a colon in it, the field's own colon left out
    "a-fields-colon-left-out-before-a-text-with-a-colon": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint The answer: privacy\n",
        [
            "7: question 'a1': 'hint' needs a colon and a space after it, then its value; "
            'write: hint: "The answer: privacy"'
        ],
        ("hint The answer: privacy", 'hint: "The answer: privacy"'),
    ),
    # ... but not where the question has that field already: the advice made it twice
    "a-field-and-its-name-then-a-text-with-a-colon": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint: H.\n    hint The answer: privacy\n",
        [
            "8: question 'a1': unknown key 'hint The answer'; known keys: id, section, question, "
            "hint, tags, look_for, follow_ups, minutes, note, sources, group, competency, anchors"
        ],
        ("    hint The answer: privacy\n", ""),
    ),
    # "duplicate key 'section'", then 'question' and 'hint': a question's '- id:' line
    # deleted, its fields read as more of the question above
    "a-questions-id-line-deleted": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint: H.\n    section: A\n    question: A1?\n    hint: H.\n",
        [
            "8: question 'a1': 'section' again (first on line 5): the lines from here read as a "
            "second question whose '- id:' line is missing; write - id: a1-2 above this "
            "line, its dash indented 2 spaces as on line 4"
        ],
        ("    hint: H.\n    section", "    hint: H.\n  - id: a1-2\n    section"),
    ),
    # a line typed twice is a key twice, not a second question: 'hint:' again, with fields
    # after it but no question's text, was told to take '- id: new-question' above it, and
    # 'question:' again in a bank with sections to start a question with none
    "a-hint-typed-twice": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint: H.\n    minutes: 5\n    hint: Another.\n    tags: [x]\n",
        ["9: question 'a1': duplicate key 'hint'; first on line 7"],
        ("    hint: Another.\n", ""),
    ),
    "a-questions-text-typed-twice": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    question: Why?\n    hint: H.\n",
        ["7: question 'a1': duplicate key 'question'; first on line 6"],
        ("    question: Why?\n", ""),
    ),
    # and 'section:' typed twice above the question's text: those above are no question
    "a-section-typed-twice": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    section: A\n"
        "    question: Q?\n    hint: H.\n",
        ["6: question 'a1': duplicate key 'section'; first on line 5"],
        ("    section: A\n    section: A\n", "    section: A\n"),
    ),
    # "this list item is indented 7 spaces, but the item on line 9 is indented 6": a
    # look-for item one space off its list, told as swapped with the last follow-up, which
    # it would fit under 'follow_ups:' (random trials of the bundled bank)
    "a-list-item-one-space-off": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint: H.\n    look_for:\n      - "Logs"\n       - "Alerts"\n'
        '      - "Owners"\n    follow_ups:\n      - "And then?"\n    minutes: 5\n',
        "10:8: question 'a1': invalid YAML: this list item is indented 7 spaces, but the item "
        "on line 9 is indented 6 spaces; line them up",
        ('       - "Alerts"', '      - "Alerts"'),
    ),
    # "did not find expected key (while parsing a block mapping from line 1)" at the second
    # question's dash: '  - id: a1' deleted, the first's fields were those of 'questions';
    # once told to dash its first field, then that the question has no id: two checks
    "the-first-questions-id-line-deleted": (
        "sections: [A]\nquestions:\n    section: A\n    question: Why log it?\n"
        "    hint: H.\n    look_for:\n      - One\n  - id: a2\n    section: A\n"
        "    question: Q?\n    hint: H.\n",
        "4:5: invalid YAML: the first item of 'questions' has no '- id:' line, so YAML reads "
        "its fields as those of 'questions' itself; a list's item starts with '- ', as the one on "
        "line 9 does: write - id: why-log-it above this line, indented 2 spaces",
        ("questions:\n", "questions:\n  - id: why-log-it\n"),
    ),
    # ... its text a block: the id was made of its '|' ('question')
    "the-first-questions-id-line-deleted-its-text-a-block": (
        "sections: [A]\nquestions:\n    section: A\n    question: |\n      Why log it?\n"
        "    hint: H.\n  - id: a2\n    section: A\n    question: Q?\n    hint: H.\n",
        "4:5: invalid YAML: the first item of 'questions' has no '- id:' line, so YAML reads "
        "its fields as those of 'questions' itself; a list's item starts with '- ', as the one on "
        "line 8 does: write - id: why-log-it above this line, indented 2 spaces",
        ("questions:\n", "questions:\n  - id: why-log-it\n"),
    ),
    # ... its text in quotes, starting with a '|' of its own: the id was made of the line
    # under it, the hint's (h42c's review)
    "the-first-questions-id-line-deleted-its-text-quoted-with-a-bar": (
        'sections: [A]\nquestions:\n    section: A\n    question: "|x| is what?"\n'
        "    hint: The length.\n  - id: a2\n    section: A\n    question: Q?\n    hint: H.\n",
        "4:5: invalid YAML: the first item of 'questions' has no '- id:' line, so YAML reads "
        "its fields as those of 'questions' itself; a list's item starts with '- ', as the one on "
        "line 7 does: write - id: x-what above this line, indented 2 spaces",
        ("questions:\n", "questions:\n  - id: x-what\n"),
    ),
    # "mapping values are not allowed in this context" at a note's first line, under the
    # anchors: 'note: |' moved three lines down, under its text (random trials: 1 edit in
    # 20 that moved or swapped a line was told in YAML's words)
    "a-blocks-key-moved-under-its-text": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint: H.\n    anchors:\n      1: "Guesses."\n      3: "Half."\n'
        '      5: "Names the cause."\n'
        "      The hint is not the cause: the tool is: see OWASP.\n\n      Artefact:\n"
        "    note: |\n      ```python\n      run(cmd)\n      ```\n",
        "15:5: question 'a1': invalid YAML: this line seems out of its place: the lines around "
        "it read as YAML when it stands above line 12 ('The hint is not the cause: the tool "
        "…'); move it there, or where it belongs",
        (
            "      The hint is not the cause: the tool is: see OWASP.\n\n      Artefact:\n"
            "    note: |\n",
            "    note: |\n      The hint is not the cause: the tool is: see OWASP.\n\n"
            "      Artefact:\n",
        ),
    ),
    # "this line is in line with the list item on line 9, but does not start with '- '":
    # a follow-up and an anchor's score swapped, each among the other's
    "a-follow-up-and-a-score-swapped": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint: H.\n    follow_ups:\n      - "What would you log?"\n'
        '      3: "Covers most of it."\n    minutes: 5\n    anchors:\n      1: "Guesses."\n'
        '      - "And then?"\n      5: "Names the cause."\n',
        "10:7: question 'a1': invalid YAML: this line and line 14 ('- \"And then?\"') seem "
        "swapped: the lines around them read as YAML with the two exchanged; exchange them",
        (
            '      3: "Covers most of it."\n    minutes: 5\n    anchors:\n'
            '      1: "Guesses."\n      - "And then?"\n',
            '      - "And then?"\n    minutes: 5\n    anchors:\n      1: "Guesses."\n'
            '      3: "Covers most of it."\n',
        ),
    ),
    # "found character that cannot start any token" at a code block's closing fence, which
    # a line moved down left under 'sources:'
    "a-fields-key-moved-above-a-blocks-last-line": (
        "markup: markdown\nsections: [A]\nquestions:\n  - id: a1\n    section: A\n"
        "    question: Q?\n    hint: H.\n    note: |\n      The code:\n\n      ```python\n"
        "      import pickle\n    sources:\n      ```\n"
        '      - title: "Python documentation: pickle"\n'
        '        url: "https://docs.python.org/3/library/pickle.html"\n',
        "14:5: question 'a1': invalid YAML: this line seems out of its place: the lines around "
        "it read as YAML when it stands under line 15 ('```'); move it there, or where it "
        "belongs",
        ("    sources:\n      ```\n", "      ```\n    sources:\n"),
    ),
    # the advice once was 'write: hint: A: B', which YAML refuses again
    "a-glued-colon-before-a-text-with-a-colon": (
        "sections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        "    hint:Read it: slowly\n",
        [
            "7: question 'a1': 'hint' needs a space after its colon; write: hint: "
            '"Read it: slowly"'
        ],
        ("hint:Read it: slowly", 'hint: "Read it: slowly"'),
    ),
}


@pytest.mark.parametrize(("text", "said", "fix"), A_TRIALS_MISTAKES.values(), ids=A_TRIALS_MISTAKES)
def test_a_trials_mistake_is_told_at_its_cause_and_its_advice_passes(
    cli, tmp_path, text, said, fix
):
    bank = tmp_path / "b.yaml"
    head = "" if text.startswith("title") else "title: T\n"  # (a mistake in the title's line)
    bank.write_text(f"{head}{text}", encoding="utf-8")
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    told = [line for line in result.stderr.split("\n") if line.startswith(str(bank))]
    if isinstance(said, list):
        assert told == [f"{bank}:{one}" for one in said]
    else:
        assert told[0] == f"{bank}:{said}"
    if fix is not None:
        assert fix[0] in text
        bank.write_text(f"{head}{text.replace(*fix)}", encoding="utf-8")
        assert cli("check", "--bank", bank).exit_code == 0


def test_an_id_line_out_of_its_list_is_not_told_missing(tmp_path):
    """A question's '- id:' line indented as the follow-ups above it is told where it stands;
    the check of the bank mended so read its fields as the question above's, and told to
    write a '- id:' line above them, which is there (random trials of a bank of `new`)."""
    text = (
        "title: T\nsections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        '    hint: H.\n    follow_ups:\n      - "Why?"\n    - id: a2\n    section: A\n'
        "    question: Q2?\n    hint: H.\n"
    )
    bank, result = check_text(tmp_path, text)
    assert result.exit_code == 1
    assert f"{bank}:10:5: question 'a2': invalid YAML: this list item" in result.stderr
    assert "'- id:' line is missing" not in result.stderr, result.stderr


def test_lines_swapped_in_a_long_bank_are_found_by_reading_the_blocks_around_them(
    tmp_path, monkeypatch
):
    """Each try of a line moved or two swapped reads the questions around the mistake, not
    the whole bank: 130 tries of a bank of 2,000 questions took seconds."""
    import yaml

    from qbank.bank import syntax

    read: list[int] = []
    real = yaml.compose

    def counted(text, *args, **kwargs):
        read.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(syntax.yaml, "compose", counted)
    question = (
        "  - id: q{n}\n    section: A\n    question: Q?\n    hint: H.\n    follow_ups:\n"
        '      - "What would you log?"\n      - "Why?"\n    anchors:\n      1: "Guesses."\n'
        '      3: "Half."\n      5: "Names the cause."\n'
    )
    questions = [question.format(n=n) for n in range(2000)]
    swapped = (
        questions[1000].replace('      - "Why?"', "@").replace('      3: "Half."', '      - "Why?"')
    )
    questions[1000] = swapped.replace("@", '      3: "Half."')
    text = "title: T\nsections: [A]\nquestions:\n" + "".join(questions)
    bank, result = check_text(tmp_path, text)
    assert result.exit_code == 1
    assert "seem swapped" in result.stderr, result.stderr
    assert sum(read) <= 2 * len(text)


@pytest.mark.parametrize("typed", ["\u2028", "\u2029", "\x85"])
@pytest.mark.parametrize(
    "hint",
    ['"one{}two"', "'it''s{}two'", '"one\n      two{}three"'],  # over lines too
)
def test_a_line_break_kept_in_quotes_is_not_blamed_for_the_mistake_under_it(
    cli, tmp_path, typed, hint
):
    """In quotes, YAML keeps a U+2028 as the text's own (a bank may hold one): the mistake
    on the next line ('note: a: b') is the one told."""
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: T\nsections: [A]\nquestions:\n  - id: a1\n    section: A\n    question: Q?\n"
        f"    hint: {hint.format(typed)}\n    note: a: b\n",
        encoding="utf-8",
    )
    result = cli("check", "--bank", bank)
    assert result.exit_code == 1
    line = 8 + hint.count("\n")
    assert result.stderr.split("\n")[0] == (
        f"{bank}:{line}:12: question 'a1': invalid YAML: ': ' (a colon and a space) inside "
        'text starts a new key to YAML; put the whole text in quotes: note: "a: b"'
    )


def test_hidden_line_breaks_in_quotes_are_tried_on_the_last_lines_only(cli, tmp_path, monkeypatch):
    """Each U+2028 tried reads the bank twice: 3,000 of them in quotes over a list left open
    were tried all (a review's worry), where a hidden break splits its own line, where YAML
    stumbles or on the next."""
    from qbank.bank.syntax import invisible

    items = "".join(
        f'  {{id: q{n}, section: A, question: "Q\u2028{n}?", hint: "H."}},\n' for n in range(300)
    )
    bank = tmp_path / "b.yaml"
    bank.write_text(f"title: T\nsections: [A]\nquestions: [\n{items}", encoding="utf-8")
    reads = []
    misread_at = invisible._misread_at
    monkeypatch.setattr(invisible, "_misread_at", lambda *a: reads.append(a) or misread_at(*a))
    result = cli("check", "--bank", bank)
    assert result.stderr.startswith(f"{bank}:3:12: invalid YAML: this [ starts a list")
    assert len(reads) <= invisible.HIDDEN_BREAK_LINES * invisible.HIDDEN_BREAKS_TRIED


class _Sliced(str):
    """A line that counts the characters of the slices taken of it."""

    taken = 0

    def __getitem__(self, key):  # type: ignore[override]
        part = super().__getitem__(key)
        if isinstance(key, slice):
            self.taken += len(part)
        return part


def test_a_long_line_of_quoted_texts_is_read_once_for_its_quotes(tmp_path):
    """A tag line pasted 50,000 times on one line (mutation fuzzing): whether a quote
    starts a text was asked of everything before it, again for each quote, 70 s for a
    4 MB line. The line is read once (a count of the characters sliced, not a time)."""
    from qbank.bank.syntax.brackets import _quoted_or_comment

    item = '{name: "x:y", description: "A tag, with <b>markup</b>."}  - '
    line = _Sliced(item * 2_000)
    spans = _quoted_or_comment(line)
    assert len(spans) == 4_000
    assert line.taken <= len(line), line.taken
    bank, result = check_text(tmp_path, f"title: t\ntags:\n  - {item * 2_000}\nquestions: []\n")
    assert result.exit_code == 1
    assert result.output.startswith(f"{bank}:3:5: invalid YAML: YAML reads {{ at the start")


def test_what_to_write_instead_of_a_huge_line_is_said_in_a_screenful(tmp_path):
    """A line pasted 50,000 times on one line (mutation fuzzing) was quoted whole in what to
    write instead: 2.6 MB of one line. A line said is cut past 2,000 characters, saying how
    much is left out."""
    bank, result = check_text(
        tmp_path,
        "title: t\nquestions:\n  - id: a\n    section: S\n    question: Q?\n"
        f"    hint: {'Word: more words. ' * 20_000}\n",
    )
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"{bank}:6:15: question 'a': invalid YAML: ': '")
    assert 'put the whole text in quotes: hint: "Word: more words. Word:' in first
    assert "…(358," in first and first.endswith('Word: more words."')
    assert len(result.output) < 3 * 2_000
