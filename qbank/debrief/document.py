"""The debrief as DOCX, in the packet's look: one document per candidate, and a comparison.

The frame (styles, page, footer, saving with pinned dates), the XML writer and the tables
are the Word kit's (qbank/wordml/), in the packet's theme; the words are
templates/packet/debrief.toml. Interviewers' text (notes, key evidence) is set literally,
backticks and line breaks as typed.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from docx.document import Document

from qbank.debrief.summarise import (
    DISAGREEMENT,
    Calibration,
    CompetencyScore,
    Debrief,
    MemberScore,
    Rating,
    SectionScore,
    decimal_comma,
    fixed,
    interview_date,
    number,
    percent,
)
from qbank.debrief.words import Words
from qbank.direction import closed, contained
from qbank.exporters import Job
from qbank.exporters.packet.identity import DEBRIEF_SHEET
from qbank.model import Bank, RubricLevel
from qbank.rich import Paragraph as RichParagraph
from qbank.rich import Table, address_after, as_plain_bank, walk
from qbank.rubric import Said, join_pieces
from qbank.text import is_right_to_left
from qbank.units import mm_to_twips, twips_to_points
from qbank.wordml.document import (
    Frame,
    add_paragraph_style,
    letterhead,
    new_document,
    package,
    write_footer,
    write_package,
)
from qbank.wordml.fit import BOLD_WIDER, PageFit, lines_of
from qbank.wordml.tables import TABLE_STYLES, Tables, rich_table
from qbank.wordml.theme import Theme
from qbank.wordml.wml import CELL_MARGIN, Wml

KEEP_TOGETHER = 12  # flags for discussion that stay on one page with their heading
# a note of this many lines at most, as printed, stays on one page
NOTE_TOGETHER = 6
# the Questions table's question column: at least this share of the width
QUESTION_LEAST = 0.25
# a word measured in the fit's font, Noto Sans, is this much wider in DejaVu Sans, which
# LibreOffice shows without Carlito or Noto Sans (some 6 %: 'communicatio|n' broke)
WORD_SLACK = 1.1
# the competency table's first column at its narrowest, and each interviewer's column at
# the narrowest the first may leave it
COMPETENCY_FIRST, MEMBER_LEAST = 0.22, 0.1
COMPARISON_HEAD_LEAST = 7.0  # the comparison's heads' size at the smallest, in points
NO_BREAK_SPACE = "\u00a0"
_SCORE_SLASH = re.compile(r"(?<=\d) / (?=\d)")  # '7 / 15'
_NUMBER_WORD = re.compile(r"(?<=\d) (?=[^\W\d_])")  # '3 unrated', '11 ratings'


class Layout:
    """Makes the parts of debrief documents."""

    def __init__(self, bank: Bank, theme: Theme, words: Words, timestamp: int) -> None:
        self.bank = bank
        self.theme = theme
        self.words = words
        self.say = words.say
        self.timestamp = timestamp
        # the tables of each question's text, which the notes show under its heading
        self.question_tables = {q.id: _tables(bank, q.question) for q in bank.questions}
        document, self.wml, self.letterhead = self._new_document()
        self.tables = Tables(self.wml, theme)
        self.fit = PageFit(theme)
        self.scale: tuple[RubricLevel, ...] = bank.rubric or words.packet.levels
        # 3,58 in a German debrief: the decimal mark of the bank's language
        self.comma = decimal_comma(bank.language)
        # every debrief document has this frame (styles, page, footer, properties): made once
        # for each footer, the comparison's and each candidate's
        self.frames: dict[Said, Frame] = {}
        self.footer = self.say.pieces("footer", title=bank.title)
        self.frames[self.footer] = self.framed(document, self.footer)

    def _new_document(self) -> tuple[Document, Wml, str]:
        """A new document of the debrief's look, and the top of its first page (the
        organisation and its logo, whose picture the document's package then holds)."""
        # its words in the look's language (packet/debrief.toml's, else the packet's), the
        # bank's texts and what the interviewers typed in the bank's: a German bank's 'Panel
        # debrief' was spell-checked as German
        document, wml = new_document(self.theme, self.bank.language, self.say.language)
        if any(self.question_tables.values()):  # their styles, in a debrief that shows one
            for name in TABLE_STYLES:
                add_paragraph_style(document, wml, self.theme, name)
        top = letterhead(document, wml, self.theme, self.bank.organisation, self.bank.logo)
        return document, wml, top

    def framed(self, document: Document, footer: Said) -> Frame:
        """`document`'s package, `footer` on each page."""
        page_of = self.words.packet.labels["page_of"]
        write_footer(document, self.wml, footer, page_of, self.fit, self.bank.title)
        return package(
            document, self.bank.title, self.say("subtitle"), self.timestamp, DEBRIEF_SHEET
        )

    def candidate_footer(self, candidate: str) -> Said:
        """A candidate's debrief's footer, that names them on each page (printed pages of
        several candidates' debriefs named none: a panel trial); a look from before the
        words has the comparison's."""
        if "candidate_footer" not in self.say.labels:
            return self.footer
        return self.say.pieces("candidate_footer", title=self.bank.title, candidate=candidate)

    def number(self, value: float) -> str:
        return number(value, self.comma)

    def percent(self, share: float) -> str:  # 63 % in French, German ... (percent_space)
        return percent(share, self.bank.language)

    def fixed(self, value: float, places: int = 2, sign: bool = False) -> str:
        shown = fixed(value, places, sign)
        return shown.replace(".", ",") if self.comma else shown

    def holds(
        self, style: str, texts: Sequence[str], whole: bool = False, size: float | None = None
    ) -> float:
        """The share of the width a column in `style` (at `size`, where not the style's)
        needs to hold the widest word of `texts` whole (Word and LibreOffice break inside a
        word a column cannot hold), or each of `texts` on one line (`whole`: a figure, '7
        (1 unrated)', read as one)."""
        widest = max((self.fit.widest_word(style, t, whole, size) for t in texts), default=0.0)
        # a bold word's measure is DejaVu Sans Bold's already (fit.BOLD_WIDER): the slack
        # on it too gave a bold column a tenth more than it holds
        slack = 1.0 if self.theme.styles[style].get("bold") else WORD_SLACK
        return (widest * slack + 2 * twips_to_points(CELL_MARGIN)) / self.fit.width

    def two_lines(self, style: str, text: str) -> float:
        """The share a column in `style` needs to hold `text` on two lines at most, broken
        at a space or after a hyphen (as Word and LibreOffice break it), never in a word."""
        breaks = [m.end() for m in re.finditer(r"-(?=\S)|\s+", text)]
        halves = [[text[:at].rstrip(), text[at:].lstrip()] for at in breaks]
        return min(
            (self.holds(style, half, whole=True) for half in halves),
            default=self.holds(style, [text], whole=True),
        )

    def needs(self, texts: Sequence[str], head: str) -> float:
        """The share a column needs to hold the widest word of its `texts` and `head`."""
        return max(self.holds("Packet Cell", texts), self.holds("Packet Cell Head", [head]))

    def figure(self, score: float | None, count: int, two_ticked: int = 0) -> str:
        """A score and its marks as `scored` shows them, '7 (1 unrated)' (at its widest,
        '8.88', where there is none), to measure."""
        return self.number(8.88 if score is None else score) + self.unrated(count, two_ticked)

    def figures(self, texts: Sequence[str], head: str, bold: bool = False) -> float:
        """The share a column of figures needs to hold each on one line, at least '8.88',
        and its head's widest word (in bold: the head's style, a total's)."""
        style = "Packet Cell Head" if bold else "Packet Cell"
        rounding = 1 / self.fit.width  # a point, for the twips the columns round to
        return max(
            self.holds(style, [*texts, self.number(8.88)], whole=True) + rounding,
            self.holds("Packet Cell Head", [head]),
        )

    @staticmethod
    def widen(
        fractions: list[float],
        needs: Mapping[int, float],
        spare: dict[int, float],
        whole: bool = False,
    ) -> None:
        """Each column of `needs` (by index) widened to hold its words whole, in turn,
        taken from the givers of `spare` (by index: the share each can give), in order;
        `whole`: only a column the givers can give all its need (a figure on one line)."""
        for at, need in needs.items():
            short = need - fractions[at]
            if whole and sum(r for g, r in spare.items() if g != at) < short:
                continue
            for giver in spare:
                grow = min(max(0.0, need - fractions[at]), spare[giver])
                fractions[at] += grow
                fractions[giver] -= grow
                spare[giver] -= grow

    def head(self, width: int, text: str | Said, own: bool = False, **options: object) -> str:
        """A head cell of a bank's text (a section, a name), or of the look's words (`own`)."""
        return self.tables.head_cell(width, text, own=own, **options)

    def cell(
        self, width: int, text: str | Said, *, align: str | None = None, **options: object
    ) -> str:
        return self.wml.text_cell(width, text, align=align, **options)

    def literal_cell(
        self,
        width: int,
        text: str | Sequence[Said],
        *,
        bold: bool = False,
        keep_next: bool | None = None,
        own: bool = False,
    ) -> str:
        """A cell of an interviewer's text, as typed, or of the look's words (`own`): one
        paragraph per line; or of lines in pieces (names in the look's words)."""
        wml, keep = self.wml, keep_next
        lines = [((line, own),) for line in text.split("\n")] if isinstance(text, str) else text
        paragraphs = "".join(
            wml.paragraph("Packet Cell", wml.said(pieces, bold=bold, literal=True), keep_next=keep)
            for pieces in lines
        )
        return wml.cell(width, paragraphs, valign="top")

    def heading(self, key: str, intro_key: str, **values: object) -> str:
        wml = self.wml
        title = wml.own_para("Heading 1", self.say(key))
        return title + wml.own_para("Packet Meta", self.say(intro_key, **values), keep_next=True)

    def table(
        self,
        fractions: Sequence[float],
        heads: Sequence[str],
        rows: list[str],
        keep_next: bool | None = None,
    ) -> tuple[list[int], str]:
        """A table of `rows` under a head row of `heads`, which `keep_next` keeps with the
        first of them."""
        widths = self.tables.columns(*fractions)
        keep = {"keep_next": keep_next}
        head = self.wml.row(
            [self.head(w, h, True, **keep) for w, h in zip(widths, heads, strict=True)],
            header=True,
        )
        return widths, self.wml.table(widths, [head, *rows])

    def save(self, body: list[str], job: Job, filename: str, footer: Said = ()) -> Path:
        body.append(self.wml.closing())  # Word wants a paragraph after a final table
        footer = footer or self.footer
        if footer not in self.frames:
            document, _, top = self._new_document()
            if top != self.letterhead:  # the body names the logo's part by its relationship
                raise RuntimeError("the debrief's documents relate their logo differently")
            self.frames[footer] = self.framed(document, footer)
        write_package(self.frames[footer], body, job.write(filename), job.timestamp)
        return job.out_dir / filename

    def form(self, rows: Sequence[tuple[str, Said]]) -> str:
        """Labels and values (in pieces, as Wml.said takes them), a line under each value,
        like the packet's header."""
        wml = self.wml
        widths = self.tables.columns(*self.theme.fractions("debrief_form"))
        cells = [
            wml.row(
                [
                    self.head(widths[0], label, valign="bottom", own=True),
                    wml.cell(
                        widths[1],
                        wml.paragraph("Packet Cell", wml.said(value, literal=True)),
                        bottom_line=True,
                        valign="bottom",
                    ),
                ],
                height=self.tables.field_height,
            )
            for label, value in rows
        ]
        return wml.table(widths, cells, borders=())

    def date(self, day: str) -> tuple[str, bool]:
        """A day read from the packets (interview_date's 2026-12-05) as the look writes a
        date (packet/rubric.toml [dates]: 5. Dezember 2026), the look's words; one read as
        typed as it is, the interviewer's."""
        try:
            return self.words.packet.date(datetime.date.fromisoformat(day)), True
        except ValueError:
            return day, False

    # -- one candidate -------------------------------------------------------------------

    def candidate(self, debrief: Debrief) -> list[str]:
        wml, say = self.wml, self.say
        # one form for a day however it was typed, where it can be only one (05/12/2026 is
        # shown as typed): 2026-12-05 and 5 December 2026 were listed side by side
        dates = [
            self.date(day)
            for day in sorted(
                {
                    interview_date(v.date, self.bank.language, self.words.packet.months)
                    for v in debrief.verdicts
                    if v.date.strip()
                }
            )
        ]
        ours = is_right_to_left(self.wml.own_language)  # the look's words' direction
        names = ", ".join(contained(v.interviewer, ours) for v in debrief.verdicts)
        subtitle = ((f"{say('subtitle')} \u00b7 ", True), (debrief.candidate, False))
        out = [
            self.letterhead,
            wml.para("Title", self.bank.title),
            wml.paragraph("Subtitle", wml.said(subtitle, literal=True)),
            self.form(
                [
                    (say("candidate"), ((debrief.candidate, False),)),
                    (say("role"), ((debrief.role, False),)),
                    (say("interviewers"), ((names, False),)),
                    (say("dates"), join_pieces([(day,) for day in dates], ", ")),
                ]
            ),
            wml.paragraph("Normal"),
            self.changes(debrief),
            self.scores(debrief),
            self.competencies(debrief),
            self.flags(debrief),
            self.verdicts(debrief),
            self.questions(debrief),
            self.notes(debrief),
        ]
        return out

    def out_of(self, score: float, maximum: float) -> str:
        """A score out of its maximum, '7 / 15', on one line (see `kept_figure`)."""
        return kept_figure(f"{self.number(score)} / {self.number(maximum)}")

    def unrated(self, count: int, two_ticked: int = 0) -> str:
        """The marks of a score that questions no rating counts for lower: ' (1 unrated)',
        and apart from them those with two scores ticked, ' (1 two ticked)' (they were
        '1 unrated', as if the interviewer had skipped the question: a coordinator's
        reading; a look from before the words says them in the built-in ones)."""
        if count and two_ticked and "both_marks" in self.say.labels:
            # ' (1 unrated) (1 two ticked)': two brackets in a row (a new-user trial)
            return kept_figure(" " + self.say("both_marks", unrated=count, count=two_ticked))
        key = "unrated_mark_one" if count == 1 and "unrated_mark_one" in self.say.labels else ""
        shown = " " + self.say(key or "unrated_mark", count=count) if count else ""
        if two_ticked:
            shown += " " + self.say("two_ticked_mark", count=two_ticked)
        return kept_figure(shown)

    def scored(self, shown: str, count: int, two_ticked: int = 0) -> Said:
        """A score as shown ('3,5', '9 / 10') and its marks (`unrated`), the look's words."""
        return (shown, False), (self.unrated(count, two_ticked), True)

    def two_ticked(self, debrief: Debrief) -> Said:
        """Each rating left out for two scores ticked, in one line that says what that
        does to the scores (the tables' marks alone did not say which question), in
        pieces: the look's words and labels ('Q4'), the interviewers' names in them the
        bank's; () without any."""
        if not debrief.double_ticks:
            return ()
        which = join_pieces(
            [
                (
                    (f"{self.words.packet.label(r.question)} (", True),
                    (r.interviewer, False),
                    (": " + " + ".join(map(str, r.ticked)) + ")", True),
                )
                for r in debrief.double_ticks
            ],
            "; ",
        )
        return self.say.pieces("two_ticked_note", ratings=which)

    def changes(self, debrief: Debrief) -> str:
        """The questions reworded in the bank since the packets were built (read with
        --accept-changes): the debrief shows the bank's words now."""
        if not debrief.changed:
            return ""
        wml = self.wml
        out = [self.heading("changed", "changed_intro")]
        for line in debrief.reworded:
            right_to_left, line = wml.said_right_to_left(line)
            item = wml.run("\u2022\t") + wml.said(line)
            out.append(wml.paragraph("Packet Item", item, right_to_left=right_to_left))
        return "".join(out)

    def competencies(self, debrief: Debrief) -> str:
        """Per competency: each interviewer's score (the mean of their ratings of its
        questions), the panel's mean and the spread, shaded where they disagree; then the
        total weighted by the bank's weights."""
        if not debrief.competencies:
            return ""
        wml, say = self.wml, self.say
        people = [v.interviewer for v in debrief.verdicts]
        # the weight's column holds its head on one line, in LibreOffice without Carlito too
        # (at 0.09 an interview trial's read "Weigh / t")
        weight, mean, spread = 0.11, 0.13, 0.13
        # the first holds each competency's longest word where the interviewers' columns
        # leave room ('telecommunicatio|ns' broke in a fixed 0.22: a review)
        room = 1 - weight - mean - spread - MEMBER_LEAST * len(people)
        need = self.holds("Packet Cell Head", [c.competency for c in debrief.competencies])
        first = max(COMPETENCY_FIRST, min(need, room))
        share = (1 - first - weight - mean - spread) / len(people)
        heads = [say("competency"), say("weight"), *people, say("panel_mean"), say("spread")]
        # the panel's mean and the spread hold their heads and marks whole, from what the
        # other columns leave: a German look's 'Gremiums|mittel' and '4 (1 unbewerte|t)' broke
        # and each figure on one line, '2.17 (1 unrated)', '2 · far apart', an interviewer's
        # '1 (1 unrated)' too, where the others leave the room (they wrapped: a review)
        fractions = [first, weight, *[share] * len(people), mean, spread]
        means = [self.figure(c.mean, c.unrated, c.two_ticked) for c in debrief.competencies]
        needs = {-2: self.figures(means, heads[-2], bold=True)}
        apart = [c.spread for c in debrief.competencies if (c.spread or 0) >= DISAGREEMENT]
        needs[-1] = self.figures([say("disagree", spread=self.number(s)) for s in apart], heads[-1])
        spare = {-1: fractions[-1] - needs[-1], 1: fractions[1] - self.needs(["88"], heads[1])}
        # a competency's name gives up to its hyphens, where it breaks at its words
        parts = [c.competency.replace("-", "- ") for c in debrief.competencies]
        spare[0] = fractions[0] - self.holds("Packet Cell Head", parts)
        for at, who in enumerate(people, start=2):
            scored = [m for c in debrief.competencies for m in c.members if m.interviewer == who]
            # as shown: a score's figure, or 'not rated' (measured as '8.88 (1 unrated)', it
            # took a panel of three's room from the others: a review)
            shown = [self.member_score(m) for m in scored]
            mine = [plain(t) for t in shown]
            needs[at] = self.figures(mine, who)
            spare[at] = fractions[at] - needs[at]
        self.widen(fractions, needs, {at: max(0.0, room) for at, room in spare.items()})
        widths = self.tables.columns(*fractions)
        own = [True, True, *[False] * len(people), True, True]  # the look's words, or names
        rows = [
            wml.row(
                [self.head(*head) for head in zip(widths, heads, own, strict=True)], header=True
            )
        ]
        for c in debrief.competencies:
            mine = {m.interviewer: m for m in c.members}
            cells = [
                self.competency_cell(widths[0], c),
                self.cell(widths[1], str(c.weight), align="right"),
            ]
            for w, who in zip(widths[2:-2], people, strict=True):
                m = mine.get(who)
                text = "\u2013" if m is None else self.member_score(m)
                cells.append(self.cell(w, text, align="right", own=True))
            shown = (
                "\u2013"
                if c.mean is None
                else self.scored(self.number(c.mean), c.unrated, c.two_ticked)
            )
            cells.append(self.head(widths[-2], shown, fill=None, align="right", own=True))
            disagree = c.spread is not None and c.spread >= DISAGREEMENT
            spread_text = "\u2013" if c.spread is None else self.number(c.spread)
            if disagree:
                spread_text = say("disagree", spread=spread_text)
            fill = "shade" if disagree else None
            cells.append(self.cell(widths[-1], spread_text, align="right", fill=fill, own=True))
            rows.append(wml.row(cells, height=self.tables.field_height))
        weighted = debrief.weighted
        if weighted is not None:
            top = self.scale[-1].score
            line = say(
                "weighted_line",
                score=self.number(weighted),
                top=top,
                share=self.percent(weighted / top),
            )
            label = say("weighted_total") + self.weighted_mark(debrief)
            rows.append(
                wml.row(
                    [
                        self.head(
                            sum(widths[:-2]), label, span=len(widths) - 2, align="right", own=True
                        ),
                        self.head(sum(widths[-2:]), line, span=2, align="right", own=True),
                    ],
                    height=self.tables.field_height,
                )
            )
        heading = self.heading("competencies", "competencies_intro", flag=DISAGREEMENT)
        return heading + wml.table(widths, rows)

    def competency_cell(self, width: int, c: CompetencyScore) -> str:
        """A competency's name, and under it its coverage, '2 of 4 questions asked, 1
        rated' (the look's `coverage`): a mean of one question read as the competency's."""
        wml = self.wml
        name = wml.paragraph("Packet Cell Head", wml.text(c.competency))
        said = self.say("coverage", asked=c.asked, rated=c.rated, count=c.tied)
        kept = re.sub(r"(?<=\d) ", NO_BREAK_SPACE, said)  # '2 of' over '4 questions'
        return wml.cell(width, name + wml.paragraph("Packet Meta", wml.own(kept)))

    def weighted_mark(self, debrief: Debrief) -> str:
        """After the weighted total, where a competency asked has no rating it counts: the
        competencies it rests on, ' (on 3 of 4 competencies)' (a hiring manager's trial
        read '3 / 4 (75%)' as the whole panel's, its 'not rated' row left out unsaid). It
        wraps between its words, a number held to the word before it ('of 8'): held whole,
        LibreOffice cut it inside 'compe tencies' in the comparison's narrow column, and
        with plain spaces left '8' alone on a line."""
        if debrief.weighted is None:
            return ""
        left_out = len(debrief.weighted_left_out)
        return self.rests_on("weighted_rests_on", left_out, len(debrief.competencies))

    def rests_on(self, key: str, left_out: int, count: int) -> str:
        """' (on 3 of 4 competencies)', the look's `key` said of `count` less `left_out`;
        nothing where none is left out. A number is held to the word before it."""
        if not left_out:
            return ""
        mark = self.say(key, rated=count - left_out, count=count)
        return " " + re.sub(r" (?=\d)", NO_BREAK_SPACE, mark)

    def section_score(self, s: SectionScore, shown: str) -> str | Said:
        """A section's score as shown ('7', '7 / 10') with its marks, or, where none of its
        questions has a rating, the look's 'not rated': no score, where a 0 read as the
        candidate's."""
        if not s.rated:
            return self.say("section_not_rated")
        return self.scored(shown, s.unrated, s.two_ticked)

    def total_score(self, debrief: Debrief, shown: str) -> str | Said:
        """The total as shown with its marks, or 'not rated' where no question was."""
        if debrief.share is None:
            return self.say("section_not_rated")
        return self.scored(shown, debrief.unrated, debrief.two_ticked)

    def out_of_section(self, s: SectionScore) -> str:
        return self.out_of(s.score, s.maximum)

    def compared_total(self, d: Debrief) -> str | Said:
        """The comparison's total, '38 / 55 (1 unrated)', without the sections it rests on
        (`compared_mark`, a line of its own under it)."""
        return self.total_score(d, self.out_of(d.total, d.maximum))

    def compared_mark(self, d: Debrief, sections: Sequence[str]) -> str:
        """Under a candidate's total in the comparison, where it rests on fewer of the
        table's `sections` than all, the sections it rests on, '(on 2 of 3 sections)', as
        their debrief says it after its total (`total_mark`); nothing where it rests on all,
        or on none ('not rated'). Counted of the table's sections, a section their panel
        did not ask too: '15 / 15' of two sections rated stood beside '23 / 30' of three, read
        as a hiring manager reads it, with only a 'not rated' far from the total (a
        line of its own: after the marks, '(3 unrated) (on 2 of 3 sections)', it would be
        two brackets in a row, which a new-user trial misread)."""
        if d.share is None:
            return ""
        rated = sum(1 for s in d.sections if s.rated and s.section in sections)
        return self.rests_on("total_rests_on", len(sections) - rated, len(sections)).strip()

    def compared_total_cell(self, width: int, d: Debrief, sections: Sequence[str]) -> str:
        """The comparison's total cell: the total, in bold, and under it the sections it
        rests on where they are not all (`compared_mark`)."""
        mark = self.compared_mark(d, sections)
        if not mark:
            return self.head(width, self.compared_total(d), align="right")
        wml = self.wml
        total = self.compared_total(d)
        runs = wml.said(total) if not isinstance(total, str) else wml.own(total)
        paragraphs = wml.paragraph("Packet Cell Head", runs, align="right")
        paragraphs += wml.paragraph("Packet Cell", wml.own(mark), align="right")
        return wml.cell(width, paragraphs, fill="shade")

    def out_of_rated(self, maximum: int, share: float | None) -> str:
        """The most the questions rated could score; a dash where none was rated."""
        return "\u2013" if share is None else str(maximum)

    def share_shown(self, share: float | None) -> str:
        return "\u2013" if share is None else self.percent(share)

    def total_mark(self, debrief: Debrief) -> str:
        """After the total, where a section asked has no rating, the sections it rests on,
        ' (on 2 of 3 sections)', kept as the weighted total's is (`weighted_mark`)."""
        if debrief.share is None:
            return ""
        left_out = len(debrief.sections_left_out)
        return self.rests_on("total_rests_on", left_out, len(debrief.sections))

    def member_score(self, m: MemberScore) -> str | Said:
        """An interviewer's score of a competency as the table shows it: the figure and
        its marks (`scored`), the ticks where two scores were ticked, or 'not rated'."""
        if m.score is None and m.two_ticked and not m.unrated:
            # the ticks, where the score would be
            ticks = "; ".join(" + ".join(map(str, t)) for t in m.two_ticked)
            return self.say("two_ratings", scores=ticks)
        if m.score is None:
            return self.say("not_rated")
        return self.scored(self.number(m.score), m.unrated, len(m.two_ticked))

    def scores(self, debrief: Debrief) -> str:
        wml, say = self.wml, self.say
        heads = [say(k) for k in ("section", "questions", "score", "maximum", "share")]
        # the numbers' columns hold their heads and marks whole, from what the sections'
        # names leave: a German look's '38 (3 unbewertet' broke before its ')'
        fractions = self.theme.fractions("debrief_scores")
        # and each figure on one line, '7 (1 unrated)' (it wrapped: a review), or 'not rated'
        figures = [self.figure(s.score, s.unrated, s.two_ticked) for s in debrief.sections]
        figures.append(self.figure(debrief.total, debrief.unrated, debrief.two_ticked))
        figures.append(say("section_not_rated"))
        needs = {at: self.needs(["100 %"], heads[at]) for at in (1, 3, 4)}
        needs[2] = self.figures(figures, heads[2], bold=True)  # the total's bold
        names = self.holds("Packet Cell Head", [heads[0], *(s.section for s in debrief.sections)])
        self.widen(fractions, needs, {0: max(0.0, fractions[0] - names)})
        widths = self.tables.columns(*fractions)
        rows = []
        for s in debrief.sections:
            with wml.written_in(self.bank.language_of(s.section)):  # its name, in its own
                name = self.head(widths[0], s.section, fill=None)
            rows.append(
                wml.row(
                    [
                        name,
                        self.cell(widths[1], str(s.questions), align="right"),
                        self.cell(
                            widths[2], self.section_score(s, self.number(s.score)), align="right"
                        ),
                        self.cell(widths[3], self.out_of_rated(s.maximum, s.share), align="right"),
                        self.cell(widths[4], self.share_shown(s.share), align="right"),
                    ],
                    height=self.tables.field_height,
                )
            )
        questions = sum(s.questions for s in debrief.sections)
        total = [
            self.head(widths[0], say("total") + self.total_mark(debrief), True),
            self.head(widths[1], str(questions), align="right"),
            self.head(
                widths[2], self.total_score(debrief, self.number(debrief.total)), align="right"
            ),
            self.head(widths[3], self.out_of_rated(debrief.maximum, debrief.share), align="right"),
            self.head(widths[4], self.share_shown(debrief.share), align="right"),
        ]
        rows.append(wml.row(total, height=self.tables.field_height))
        weighted = debrief.weighted
        if weighted is not None:  # the competencies' weighted mean, beside the sections'
            top = self.scale[-1].score
            rows.append(
                wml.row(
                    [
                        self.head(
                            widths[0],
                            say("weighted_total") + self.weighted_mark(debrief),
                            True,
                            fill=None,
                        ),
                        self.cell(widths[1], "", align="right"),
                        self.cell(widths[2], self.number(weighted), align="right"),
                        self.cell(widths[3], str(top), align="right"),
                        self.cell(widths[4], self.percent(weighted / top), align="right"),
                    ],
                    height=self.tables.field_height,
                )
            )
        _, table = self.table(fractions, heads, rows)
        note = self.two_ticked(debrief)
        if note:  # under the table whose marks it explains
            right_to_left, note = self.wml.said_right_to_left(note)
            said = self.wml.said(note, literal=True)
            table += self.wml.paragraph("Packet Meta", said, right_to_left=right_to_left)
        return self.heading("scores", "scores_intro") + table

    def flags(self, debrief: Debrief) -> str:
        wml, say = self.wml, self.say
        out = [self.heading("discussion", "discussion_intro")]
        # what the scores show, then what the packets given leave out (said on the command
        # line too, and only there until a trial's committee missed a third interviewer)
        flags = [*debrief.discussion, *debrief.left_out]
        if not flags:
            out.append(wml.own_para("Normal", say("nothing_flagged")))
        # a short list keeps together with its heading: its last lines stood alone at the
        # top of the next page (a longer one may break, as Word would have to anyway)
        together = len(flags) <= KEEP_TOGETHER
        for n, flag in enumerate(flags, start=1):
            keep = together and n < len(flags)
            right_to_left, flag = wml.said_right_to_left(flag)
            bullet = wml.run("\u2022\t") + wml.said(flag, literal=True)
            out.append(
                wml.paragraph("Packet Item", bullet, keep_next=keep, right_to_left=right_to_left)
            )
        return "".join(out)

    def verdicts(self, debrief: Debrief) -> str:
        wml, say = self.wml, self.say
        count = len(debrief.verdicts)
        label = self.theme.fractions("debrief_form")[0]
        widths = self.tables.columns(label, *[(1 - label) / count] * count)
        # the names and recommendations keep with the key evidence: a trial's table ended
        # a page, its key evidence alone at the top of the next
        keep = {"keep_next": True}
        names = [self.head(widths[0], say("interviewer"), True, **keep)] + [
            self.head(w, v.interviewer, **keep)
            for w, v in zip(widths[1:], debrief.verdicts, strict=True)
        ]
        top = {"fill": None, "valign": "top"}
        choices = [self.head(widths[0], say("recommendation"), True, **top, **keep)]
        evidence = [self.head(widths[0], say("evidence"), True, **top)]
        for w, v in zip(widths[1:], debrief.verdicts, strict=True):
            if v.recommendation:
                shown = v.recommendation
            elif v.ticked:
                shown = say("two_recommendations", options=" + ".join(v.ticked))
            else:
                shown = say("no_recommendation")
            # the look's option, or its words for none or two
            choices.append(self.literal_cell(w, shown, bold=True, own=True, **keep))
            evidence.append(self.literal_cell(w, v.evidence))
        rows = [
            wml.row(names, header=True),
            wml.row(choices, height=self.tables.field_height),
            wml.row(evidence, can_split=True),
        ]
        return self.heading("recommendations", "recommendations_intro") + wml.table(widths, rows)

    def rating_text(self, r: Rating) -> tuple[str, bool]:
        """The rating as the debrief shows it ('4 Strong'), and whether it is in the look's
        words: a bank's own scale is the bank's."""
        if r.score is not None:
            label = next((lv.label for lv in self.scale if lv.score == r.score), "")
            return f"{r.score} {label}".strip(), not self.bank.rubric
        if r.ticked:
            return self.say("two_ratings", scores=" + ".join(str(s) for s in r.ticked)), True
        return self.say("not_rated"), True

    def questions(self, debrief: Debrief) -> str:
        """Per question asked: its label and opening, the competency it rates when the bank
        has competencies, who asked it, the rating, the hint and the signals seen."""
        wml, say = self.wml, self.say
        heads = [say(k) for k in ("question", "question", "asked_by", "rating", "hint", "look_for")]
        heads[0] = self.words.packet("plan_question")
        # the competency beside the question: an interviewer reading the debrief could not
        # see which competency a question rated
        rated = bool(self.bank.competencies)
        if rated:
            heads[2:2] = [say("competency")]
        texts = []
        for r in debrief.ratings:
            q = r.question
            # '3 / 5' on one line, in a column as narrow as its words too
            seen = self.out_of(len(r.look_for), len(q.look_for)) if q.look_for else "\u2013"
            hint = say("hint_given") if r.hint_given else ""
            label, opening = self.words.packet.label(q), self.bank.opening(q.question)
            row = [label, opening, r.interviewer, self.rating_text(r)[0], hint, seen]
            if rated:
                row.insert(2, q.competency or "\u2013")
            texts.append(row)
        fractions = self.question_columns(heads, texts, names=2 if rated else None)
        widths = self.tables.columns(*fractions)
        rows = []
        section = None
        for r, row in zip(debrief.ratings, texts, strict=True):
            q = r.question
            # the section's name and the question in the section's language, as the packet
            # says them (a trial's English section was German here)
            with wml.written_in(self.bank.language_of(q.section)):
                asked = self.cell(widths[1], row[1])
                if q.section != section:
                    section = q.section
                    shade = {"fill": "section_shade", "keep_next": True}
                    head = self.head(self.tables.width, section, span=len(widths), **shade)
                    rows.append(wml.row([head]))
            rating, own = self.rating_text(r)
            cells = [
                self.head(widths[0], row[0], True, fill=None),
                asked,
                wml.cell(widths[-4], wml.paragraph("Packet Cell", wml.run(r.interviewer))),
                self.cell(widths[-3], rating, own=own),
                self.cell(widths[-2], row[-2], own=True),
                self.cell(widths[-1], row[-1], align="right"),
            ]
            if rated:
                cells.insert(2, self.cell(widths[2], row[2]))
            rows.append(wml.row(cells))
        _, table = self.table(fractions, heads, rows, keep_next=True)
        # under the recommendations, its heading kept with its first rows: on a page of its
        # own, the page before ended half empty (a review)
        return self.heading("questions_title", "questions_intro") + table

    def question_columns(
        self, heads: Sequence[str], texts: Sequence[Sequence[str]], names: int | None = None
    ) -> list[float]:
        """The share of each column of the Questions table (`texts`: each row's cells, the
        question's second). Each column beside the question holds its longest word, its
        head's too (a German look's 'Hinwei|s', 'gegebe|n', 'Merkmal|e' broke inside the
        word), and each of its texts on one line ('Edsger Dijkstra', '1 No evidence')
        where that makes the table no longer, by the estimate, up to the look's share
        (theme.toml's debrief_questions); the question takes the rest. It had a fixed 43 %
        less the competency's, a quarter of the width with the bundled bank's names: its
        rows ran five to nine lines, and the table over three pages (a review).

        The column `names` (the competencies') holds each name whole, hyphens and all,
        where the question keeps as wide a column beside it, else the longest word of its
        names, a word ending at a hyphen too, and a name on two lines or one only where the
        question still keeps as wide a column: held whole, 'austausch-mit-fachbereichen' took
        a third of the width, more than the question kept (a review)."""
        look = self.theme.fractions("debrief_questions")
        caps = [look[0], *([1.0] if len(heads) > len(look) else []), *look[2:]]
        caps.insert(1, 0.0)  # the question's, which takes the rest
        columns = [[row[at] for row in texts] for at in range(len(heads))]
        beside = [at for at in range(len(heads)) if at != 1]
        rounding = 1 / self.fit.width  # a point, for the twips the columns round to
        labels = self.holds("Packet Cell Head", [*columns[0], heads[0]]) + rounding
        least, most = {0: labels}, {0: labels}
        for at in beside[1:]:
            least[at] = self.needs(columns[at], heads[at]) + rounding
            whole = self.holds("Packet Cell", columns[at], whole=True) + rounding
            most[at] = max(least[at], min(caps[at], whole))
        middle: dict[int, float] = {}  # the names' column holding each on two lines at most
        if names is not None and 1 - sum(least.values()) < least[names]:
            # each name whole, hyphens and all, would leave the question less than it: its
            # words break after their hyphens as printed, and it is held on one line or two
            # only where the question keeps as wide a column
            named, columns[names] = columns[names], [n.replace("-", "- ") for n in columns[names]]
            least[names] = self.needs(columns[names], heads[names]) + rounding
            two = max(self.two_lines("Packet Cell", name) for name in named) + rounding
            if least[names] < two < most[names]:
                middle[names] = two
        if 1 - QUESTION_LEAST - sum(least.values()) < 0:
            # words wider than the room the others leave (a competency's name, a
            # double-barrelled name) break after their hyphens, as Word and LibreOffice break
            # them: held whole, they left the question less than its least, and the shares
            # scaled down below broke every other column inside its words ('Q|3', 'Grac|e',
            # 'Hin|t')
            for at in beside[1:]:
                parts = [part for text in columns[at] for part in re.split(r"(?<=-)", text)]
                least[at] = min(least[at], self.needs(parts, heads[at]) + rounding)
        fit, margins = self.fit, 2 * twips_to_points(CELL_MARGIN)

        def lines(column: Sequence[str], share: float) -> list[int]:
            room = (share * fit.width - margins) / WORD_SLACK  # as LibreOffice draws it
            return [lines_of(text, fit.cell_metrics, fit.cell_size, room) for text in column]

        beside_lines = {
            (at, share): lines(columns[at], share)
            for at in beside
            for share in {least[at], most[at]}
        }
        # the heads' row too, in bold as much wider as the fit takes it
        head_lines = {
            (at, share): lines([heads[at]], share / BOLD_WIDER)[0]
            for at in beside
            for share in {least[at], most[at]}
        }
        choices = [
            tuple(sorted({least[at], most[at], *([middle[at]] if at in middle else [])}))
            for at in beside
        ]
        for at, share in middle.items():
            beside_lines[at, share] = lines(columns[at], share)
            head_lines[at, share] = lines([heads[at]], share / BOLD_WIDER)[0]
        best: tuple[tuple[int, int], list[float]] | None = None
        for shares in itertools.product(*choices):
            question = 1 - sum(shares)
            if question < QUESTION_LEAST and best is not None:
                continue
            if names is not None and least[names] < shares[beside.index(names)] > question:
                continue  # names on fewer lines where the question keeps less than them
            rows = [beside_lines[at, share] for at, share in zip(beside, shares, strict=True)]
            asked = lines(columns[1], max(question, QUESTION_LEAST))
            total = sum(max(cells) for cells in zip(asked, *rows, strict=True))
            total += max(head_lines[at, share] for at, share in zip(beside, shares, strict=True))
            wrapped = sum(n > 1 for cells in rows for n in cells)
            if best is None or (total, wrapped) < best[0]:
                fractions = list(shares)
                fractions.insert(1, question)
                best = ((total, wrapped), fractions)
        assert best is not None
        fractions = best[1]
        lack = QUESTION_LEAST - fractions[1]
        widest = max(beside, key=lambda at: fractions[at])
        if lack > 0 and fractions[widest] - lack >= fractions[widest] / 2:
            # a word too wide for any room (a name of 35 letters): its column gives the
            # question what it lacks, and breaks inside that word alone; all scaled down
            # together broke every column inside its words ('Q1|1', 'give|n')
            fractions[widest] -= lack
            fractions[1] = QUESTION_LEAST
        if fractions[1] < QUESTION_LEAST:  # the words beside it leave it less: theirs shrink
            scale = (1 - QUESTION_LEAST) / (1 - fractions[1])
            fractions = [share * scale for share in fractions]
            fractions[1] = QUESTION_LEAST
        return fractions

    def notes(self, debrief: Debrief) -> str:
        """Per question: who asked it, the rating, the signals seen and the notes."""
        wml, say = self.wml, self.say
        out = [self.heading("notes", "notes_intro")]
        previous = None
        for r in debrief.ratings:
            q = r.question
            if q is not previous:
                # its first paragraph: a question's code (in the packet) stood in the
                # heading as ordinary text
                with wml.written_in(self.bank.language_of(q.section)):
                    opening = wml.text(self.bank.opening(q.question))
                heading = wml.own(f"{self.words.packet.label(q)}\t") + opening
                out.append(wml.paragraph("Heading 2", heading))
                with wml.written_in(self.bank.language_of(q.section)):
                    out += [self.question_table(t) for t in self.question_tables[q.id]]
                previous = q
            # the paragraph runs as the signals or the note under the rating line do (the
            # packet set a signal so): by its first letter, the interviewer's, an English
            # bank's Hebrew signal ran left to right (a trial of a Hebrew panel)
            below = "\n".join(r.look_for) if r.look_for else r.notes
            right_to_left = wml.runs_right_to_left(below) if below else None
            name = r.interviewer
            if right_to_left is not None:
                name = closed(name, right_to_left)
            meta: list[Said] = [((name, False),), (self.rating_text(r),)]
            if r.hint_given:
                meta.append(((f"{say('hint')} {say('hint_given')}", True),))
            pieces = join_pieces(meta, " \u00b7 ")
            # the rating line opens the paragraph after the heading: the note's where no
            # signal was ticked, else the signals' (a line each, kept together, before the
            # note). A heading, a rating line, a paragraph a signal and the note, chained
            # by keep-with-next, left the heading alone or with the rating at a page's
            # foot in LibreOffice, the rest over the page (visual reviews); a heading and
            # one paragraph it keeps
            size = self.theme.size("Packet Meta")  # its look, as its paragraph's
            opening = wml.said(pieces, bold=True, literal=True, color="muted", size=size)
            if not r.look_for:
                out.append(
                    self.note(r.notes, opening, right_to_left)
                    if r.notes
                    else self.no_notes(opening)
                )
                continue
            turned = bool(right_to_left)
            seen = [
                wml.run("\u2611\u00a0") + wml.text(contained(signal, turned))
                for signal in r.look_for
            ]
            runs = "<w:r><w:br/></w:r>".join([opening, *seen])  # the signals indented
            kept = {"keep_next": True, "keep_lines": True}
            out.append(wml.paragraph("Packet Item", runs, **kept, right_to_left=right_to_left))
            out.append(self.note(r.notes) if r.notes else self.no_notes())
        return "".join(out)

    def question_table(self, table: Table) -> str:
        """A table of a question's text under its heading, where the heading's opening
        words stand (the rest of the text stands there as ' …', its tables not): as the
        packet draws it (wordml.tables.rich_table), its cells' words as a plain bank's,
        code as code and a link's address after its words."""
        indent = mm_to_twips(float(self.theme.styles["Heading 2"].get("indent_mm", 0)))
        layout = self.fit.table_layout(table, self.tables.width - indent)

        def runs(cell: RichParagraph, size: float | None) -> str:
            return self.wml.text(_cell_words(cell), size=size)

        return rich_table(
            self.wml,
            layout,
            table,
            runs,
            self.theme.size,
            indent=indent,
            room=self.tables.width - indent,
            keep_next=True,  # with the rating line under it, as the heading above
        )

    def no_notes(self, opening: str = "") -> str:
        """'(no notes)', after the rating line's runs (`opening`) if given: the question's
        last line, which keeps with nothing, as a note's (in the style's keep, every
        question after it was chained into one block)."""
        runs = self.wml.own(self.say("no_notes"))
        if opening:
            runs = f"{opening}<w:r><w:br/></w:r>{runs}"
        return self.wml.paragraph("Packet Meta", runs, keep_next=False, keep_lines=True)

    def note(self, text: str, opening: str = "", right_to_left: bool | None = None) -> str:
        """An interviewer's note, as typed: one paragraph, a line break where a line
        ended (a run each line), that keeps with nothing after it. A short one (up to
        NOTE_TOGETHER lines as printed, a typed line that wraps counted as its lines)
        stays on one page, and a longer one leaves no line alone at the foot or the top
        of one (widow control). A note's last line stood alone at the top of a page (a
        review); a paragraph a line, kept together by keep-with-next, did so in
        LibreOffice too, which moves only the last two of such a chain; a long paragraph
        kept together left the page before it half empty (a review). `opening`: the
        rating line's runs, the paragraph's first line (see notes); `right_to_left` the
        paragraph's direction, where its runs' is not (see Wml.paragraph)."""
        room = self.fit.width / WORD_SLACK  # as LibreOffice draws it without Carlito
        printed = lines_of(text, self.fit.metrics, self.theme.size("Normal"), room)
        together = printed + bool(opening) <= NOTE_TOGETHER
        # a run a line, each read as the line it is (a run of several lines reads as one)
        lines = [opening] if opening else []
        turned = self.wml.runs_right_to_left(text) if right_to_left is None else right_to_left
        lines += [self.wml.run(contained(line, turned)) for line in text.split("\n")]
        runs = "<w:r><w:br/></w:r>".join(lines)
        return self.wml.paragraph(
            "Normal", runs, keep_lines=together, widow_control=True, right_to_left=right_to_left
        )

    # -- several candidates -----------------------------------------------------------------

    def comparison(self, debriefs: Sequence[Debrief], calibration: Sequence[Calibration]) -> str:
        """Candidates by sections (the bank's order), the total and every interviewer's
        recommendation; then the calibration. Set on a landscape page (see write_debriefs)."""
        wml, say = self.wml, self.say
        size = self.comparison_head_size(debriefs)
        heads, figures, needs, least = self.comparison_heads(debriefs, size)
        weighted = any(d.weighted is not None for d in debriefs)
        sections = heads[1 : len(heads) - (4 if weighted else 3)]  # then total, ratings ...
        first, last = self.theme.fractions("debrief_comparison")
        fractions = [first, *shared(1 - first - last, needs), last]
        # where the heads need more than their share, it comes from the candidates' and the
        # recommendations' columns, down to their longest words, then from what the others
        # leave; then, where room is left, each figure on one line, the total's first ('59 /
        # 110 (3 unrated)'): six sections broke 'Intermedi|ate' and 'Behavior|al' and wrapped
        # every figure (a review)
        words = {at: needs[at - 1] for at in figures}
        total = len(sections) + 1  # its figure whole before the others', from their words'
        wants = {at: self.figures(f, heads[at], bold=at == total) for at, f in figures.items()}
        wants = {at: max(words[at], want) for at, want in wants.items()}
        for want, floor in ((words, words), ({total: wants[total]}, words), (wants, wants)):
            # the heads' and the total's from the text columns first, the figures' from
            # what the others' figures leave first
            givers = (
                [*floor.items(), *least.items()]
                if want is wants
                else [*least.items(), *floor.items()]
            )
            spare = {at: fractions[at] - need for at, need in givers}
            spare = {at: max(0.0, room) for at, room in spare.items()}
            self.widen(fractions, want, spare, whole=want is not words)
        widths = self.tables.columns(*fractions)
        own = [True, *[False] * len(sections), *[True] * (len(heads) - len(sections) - 1)]
        # the heads alone smaller, where they must be: the candidates' names and totals,
        # and the calibration's heads, were set as small (a review)
        small = {"size": None if size == self.theme.size("Packet Cell Head") else size}
        rows = [
            wml.row(
                [self.head(*head, **small) for head in zip(widths, heads, own, strict=True)],
                header=True,
            )
        ]
        for d in debriefs:
            scores = {s.section: s for s in d.sections}
            cells = [self.head(widths[0], d.candidate, fill=None)]
            for w, name in zip(widths[1:], sections, strict=False):
                s = scores.get(name)
                text = "\u2013" if s is None else self.section_score(s, self.out_of_section(s))
                cells.append(self.cell(w, text, align="right"))
            at = len(sections) + 1
            cells.append(self.compared_total_cell(widths[at], d, sections))
            one = d.rated == 1 and "rests_on_one" in say.labels  # "1 ratings" (a trial)
            unrated, two_ticked = d.unrated, d.two_ticked
            rests = say("rests_on_one" if one else "rests_on", ratings=d.rated, unrated=unrated)
            if two_ticked and not one and "rests_on_two_ticked" in say.labels:
                # '10 ratings, 1 unrated (1 two ticked)' read as one of the unrated
                rests = say(
                    "rests_on_two_ticked", ratings=d.rated, unrated=unrated, count=two_ticked
                )
            elif two_ticked:
                rests += " " + say("two_ticked_mark", count=two_ticked)
            # '11 ratings,' over '3 unrated' where it wraps, never '11' over 'ratings'
            cells.append(self.cell(widths[at + 1], kept_figure(rests), align="right", own=True))
            if weighted:
                top = self.scale[-1].score
                shown = "\u2013" if d.weighted is None else self.out_of(d.weighted, top)
                shown += self.weighted_mark(d)
                cells.append(self.cell(widths[at + 2], shown, align="right"))
            verdicts = [
                say.pieces(
                    "verdict",
                    interviewer=v.interviewer,
                    recommendation=((self.recommendation(v.recommendation), True),),
                )
                if "verdict" in say.labels
                else (
                    (v.interviewer, False),
                    (f": {self.recommendation(v.recommendation)}", True),
                )
                for v in d.verdicts
            ]
            cells.append(self.literal_cell(widths[-1], verdicts))
            rows.append(wml.row(cells, height=self.tables.field_height))
        out = [
            self.letterhead,
            wml.para("Title", self.bank.title),
            wml.own_para("Subtitle", say("comparison_subtitle", count=len(debriefs))),
            self.heading("comparison", "comparison_intro"),
            wml.table(widths, rows),
            *self.comparison_gaps(debriefs),
            self.calibration(calibration),
        ]
        return "".join(out)

    def recommendation(self, option: str) -> str:
        """An interviewer's recommendation in the comparison, the look's option, or its
        words for none, on one line: 'Grace Hopper: Strong' over 'yes' read as two. An
        option longer than the look's share of the column ('Hire without reservation for
        the platform team') wraps between its words: bound on one line, it broke inside
        them ('reservatio|n')."""
        shown = option or self.say("no_recommendation")
        kept = shown.replace(" ", NO_BREAK_SPACE)
        _, share = self.theme.fractions("debrief_comparison")
        return kept if self.holds("Packet Cell", [kept]) <= share else shown

    def comparison_head_size(self, debriefs: Sequence[Debrief]) -> float:
        """The size of the comparison's heads: the style's, or less where they do not fit
        whole (six sections' broke 'Intermedi|ate'), in half points, down to
        COMPARISON_HEAD_LEAST."""
        size = self.theme.size("Packet Cell Head")
        while size > COMPARISON_HEAD_LEAST and not self.comparison_fits(debriefs, size):
            size -= 0.5
        return size

    def comparison_heads(
        self, debriefs: Sequence[Debrief], size: float | None = None
    ) -> tuple[list[str], dict[int, list[str]], list[float], dict[int, float]]:
        """The comparison's heads, its figures by column (`comparison_figures`), the share
        each column between needs to hold the longest word of its head (at `size`, where
        not its style's) and its figures, and the least the first and the last can have."""
        say = self.say
        asked = {s.section for d in debriefs for s in d.sections}
        sections = [s.name for s in self.bank.sections if s.name in asked]
        weighted = any(d.weighted is not None for d in debriefs)
        extra = [say("ratings")] + ([say("weighted_total")] if weighted else [])
        heads = [say("candidate"), *sections, say("total"), *extra, say("recommendations")]
        # each column between holds its head's longest word, the rest shared evenly: an even
        # share of seven broke 'Observabilit|y' (LibreOffice without Carlito: a panel trial);
        # 'Scenario-Based' breaks at its hyphen, between words
        needs = [
            self.holds("Packet Cell Head", [h.replace("-", "- ")], size=size) for h in heads[1:-1]
        ]
        # and its figures' longest words ('unrated)'), bold as the total's are
        figures = self.comparison_figures(debriefs, sections, weighted)
        for at, shown in figures.items():
            needs[at - 1] = max(needs[at - 1], self.holds("Packet Cell Head", shown))
        # and under the total, the words of '(on 2 of 3 sections)', which wraps between them
        marks = [m for d in debriefs if (m := self.compared_mark(d, sections))]
        total = len(sections)
        needs[total] = max(needs[total], self.holds("Packet Cell", marks))
        names = [d.candidate for d in debriefs]
        verdicts = [
            f"{v.interviewer}: {self.recommendation(v.recommendation)}"
            for d in debriefs
            for v in d.verdicts
        ]
        first = self.holds("Packet Cell Head", [heads[0]], size=size)
        least = {0: max(first, self.holds("Packet Cell Head", names))}
        last = self.holds("Packet Cell Head", [heads[-1]], size=size)
        least[-1] = max(last, self.holds("Packet Cell", verdicts))
        return heads, figures, needs, least

    def comparison_fits(self, debriefs: Sequence[Debrief], size: float) -> bool:
        """Whether the comparison's heads fit whole at `size` beside its first and last
        columns."""
        _, _, needs, least = self.comparison_heads(debriefs, size)
        return sum(needs) + sum(least.values()) <= 1

    def comparison_figures(
        self, debriefs: Sequence[Debrief], sections: Sequence[str], weighted: bool
    ) -> dict[int, list[str]]:
        """The comparison's figures by column (the total's first), as its rows show them,
        to measure: '7 / 15 (1 unrated)', '19 ratings, 3 unrated', '3.29 / 5'."""
        total = len(sections) + 1
        figures: dict[int, list[str]] = {total: []}
        for at, name in enumerate(sections, start=1):
            scores = [s for d in debriefs for s in d.sections if s.section == name]
            figures[at] = [plain(self.section_score(s, self.out_of_section(s))) for s in scores]
        figures[total] = [plain(self.compared_total(d)) for d in debriefs]
        rests = [self.say("rests_on", ratings=d.rated, unrated=d.unrated) for d in debriefs]
        figures[total + 1] = [kept_figure(r) for r in rests]
        if weighted:
            top = self.scale[-1].score
            marks = {self.weighted_mark(d) for d in debriefs}
            figures[total + 2] = [self.out_of(8.88, top) + mark for mark in sorted(marks)]
        return figures

    def comparison_gaps(self, debriefs: Sequence[Debrief]) -> list[str]:
        """Under the comparison, each candidate's panel's gaps (a packet not given, a blank
        one left out), as their debrief says them: a panel of one packet in three stood
        beside full ones, its total no less comparable to the eye (a panel trial)."""
        wml, say = self.wml, self.say
        gaps = [
            (d.candidate, gap)
            for d in debriefs
            for gap in (*d.left_out, self.two_ticked(d))  # a rating left out too
            if gap
        ]
        if not gaps or "comparison_gaps" not in say.labels:  # a look from before the words
            return []
        out = [wml.own_para("Packet Meta", say("comparison_gaps"), keep_next=True)]
        for n, (candidate, gap) in enumerate(gaps, start=1):
            item = wml.run("\u2022\t") + wml.run(f"{candidate}: ", bold=True)
            item += wml.said(gap, literal=True)
            out.append(wml.paragraph("Packet Item", item, keep_next=n < len(gaps)))
        return out

    def calibration(self, calibration: Sequence[Calibration]) -> str:
        wml, say = self.wml, self.say
        minimum = self.words.calibration_ratings
        out = [self.heading("calibration", "calibration_intro", minimum=minimum)]
        if not calibration:
            out.append(wml.own_para("Normal", say("no_calibration", minimum=minimum)))
            return "".join(out)
        widths = self.tables.columns(*self.theme.fractions("debrief_calibration"))
        rows = []
        for c in calibration:
            values = [
                str(c.ratings),
                str(c.candidates),
                self.fixed(c.mean),
                self.fixed(c.panel_mean),
                self.fixed(c.mean - c.panel_mean, sign=True),
            ]
            cells = [self.head(widths[0], c.interviewer, fill=None)]
            cells += [
                self.cell(w, v, align="right") for w, v in zip(widths[1:], values, strict=True)
            ]
            rows.append(wml.row(cells, height=self.tables.field_height))
        heads = [
            say(k)
            for k in (
                "interviewer",
                "ratings",
                "candidates",
                "their_mean",
                "panel_mean",
                "difference",
            )
        ]
        _, table = self.table(self.theme.fractions("debrief_calibration"), heads, rows)
        out.append(table)
        return "".join(out)


def _tables(bank: Bank, text: str) -> list[Table]:
    """The tables of a Markdown bank's text, in order (none in a plain bank)."""
    tree = bank.rich_text(text)
    return [b for b in walk(tree.blocks) if isinstance(b, Table)] if tree else []


def _cell_words(cell: RichParagraph) -> str:
    """A table cell's words as a plain bank writes them (code spans in backticks), a
    link's address after its words as the packet prints it."""
    spans = [
        replace(span, text=f"{span.text} ({span.href})") if address_after(span) else span
        for span in cell.spans
    ]
    return as_plain_bank(tuple(spans))


def plain(shown: str | Said) -> str:
    """What a cell shows, in one text: to measure."""
    return shown if isinstance(shown, str) else "".join(text for text, _ in shown)


def kept_figure(text: str) -> str:
    """`text` with no line break inside a figure: between a number and the word after it
    ('3 unrated', '11 ratings') or around the slash of a score ('7 / 15'). The comparison's
    narrow columns broke '7 / 15 (1' over 'unrated)'; where they wrap now, it is '7 / 15'
    over '(1 unrated)'."""
    text = _SCORE_SLASH.sub(f"{NO_BREAK_SPACE}/{NO_BREAK_SPACE}", text)
    return _NUMBER_WORD.sub(NO_BREAK_SPACE, text)


def shared(room: float, needs: Sequence[float]) -> list[float]:
    """`room` shared by columns each of which needs at least its `needs`: evenly, but a
    column that needs more than an even share has its need and the others share the rest;
    evenly when the needs together are more than the room."""
    given: dict[int, float] = {}
    while sum(given.values()) <= room:
        free = [n for n in range(len(needs)) if n not in given]
        left = room - sum(given.values())
        if not free:  # every column at its need: the room left shared among them
            return [need + left / len(needs) for need in needs]
        each = left / len(free)
        grow = [n for n in free if needs[n] > each]
        if not grow:
            return [given.get(n, each) for n in range(len(needs))]
        given.update((n, needs[n]) for n in grow)
    return [room / len(needs)] * len(needs)


def write_debriefs(
    job: Job,
    named: Sequence[tuple[str, Debrief]],
    comparison: tuple[str, Sequence[Calibration]] | None,
    theme: Theme,
    words: Words,
) -> list[Path]:
    """A document per candidate (`named`: file name and debrief) and, when `comparison`
    gives a file name and the calibration, the candidates compared."""
    layout = Layout(job.bank, theme, words, job.timestamp)
    written = [
        layout.save(layout.candidate(d), job, filename, layout.candidate_footer(d.candidate))
        for filename, d in named
    ]
    if comparison is not None:
        filename, calibration = comparison
        debriefs = [d for _, d in named]
        # a column per section fits the names of six sections only across the page
        across = replace(theme, page_width=theme.page_height, page_height=theme.page_width)
        layout = Layout(job.bank, across, words, job.timestamp)
        written.append(layout.save([layout.comparison(debriefs, calibration)], job, filename))
    return written
