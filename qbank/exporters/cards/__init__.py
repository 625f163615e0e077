"""Printable cut-out flashcards: `<bank>-flashcards.pdf`.

Each sheet of fronts (questions) is followed by its sheet of backs (hints), placed so that
every back lands behind its own front when the PDF is printed double-sided (see
grid.py). Every face carries the card's number and section, so a dropped stack can be
sorted again. Text shrinks to fit its card; what does not fit even at the smallest size
continues on further cards marked 'cont.', with a warning naming the question (or, with
--no-overflow, is refused). Never clipped.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from qbank import look, rich_markup
from qbank.direction import item_right_to_left
from qbank.errors import BuildError, QbankError
from qbank.exporters import Exporter, Job, Option
from qbank.exporters.cards.blocks import CardPicture, CodeLine, Widths
from qbank.exporters.cards.calibration import Calibration, write_calibration
from qbank.exporters.cards.face import LATER_WORDS, SUBJECTS, Block, Face, FaceLayout, Text
from qbank.exporters.cards.grid import CARD_SIZES, DUPLEX_MODES, CardGrid, Duplex
from qbank.highlight import TAB_STOP
from qbank.model import Question
from qbank.naming import artifact_name
from qbank.numbering import LABEL_KEY, label_word, question_label
from qbank.paper import A4, PAPER, Paper
from qbank.pdf import (
    PRINTER_MARGIN,
    PdfText,
    Theme,
    document_info,
    load_theme,
    new_canvas,
    print_at_actual_size,
)
from qbank.pdf_pictures import PdfPictures
from qbank.text import one_line, to_reportlab
from qbank.units import mm

OFFSET_LIMIT_MM = 20.0  # more than any printer drifts; a bigger value is a typo


@dataclass(frozen=True)
class Card:
    front: Face
    back: Face


@dataclass(frozen=True)
class Printing:
    """The cards' options (EXPORTER's), as one build takes them."""

    card: str = "index"
    paper: Paper = A4
    duplex: Duplex = "long"
    cut_lines: bool = False
    no_overflow: bool = False
    offset_x: float = 0.0  # mm
    offset_y: float = 0.0
    calibrate: bool = False

    @property
    def offset(self) -> tuple[float, float]:
        return (self.offset_x * mm, self.offset_y * mm)


def build(job: Job, **options: object) -> list[Path]:
    """The flashcards, or with --calibrate the calibration sheet alone."""
    printing = Printing(**options)  # type: ignore[arg-type]
    if printing.calibrate:
        return [_calibration_sheet(job, printing)]
    theme, grid, layout, cards = _laid_out(job, printing)
    if printing.no_overflow:  # each text too long is told before a card is drawn
        cards = iter(list(cards))
    name = job.filename("pdf", "flashcards")
    how = (printing.duplex, printing.cut_lines, printing.offset)
    write_cards(job.write(name), job, theme, layout, grid, cards, *how)
    return [job.out_dir / name]


def preflight(job: Job, **options: object) -> None:
    """What `build` would refuse or warn about, nothing drawn: for the cards, missing
    glyphs, text continued on a second card, with --no-overflow text that does not fit."""
    printing = Printing(**options)  # type: ignore[arg-type]
    if printing.calibrate:
        _check_calibration(printing)
    else:
        for _ in _laid_out(job, printing)[3]:  # each card laid out, to be told its problems
            pass


def _check_calibration(printing: Printing) -> None:
    if printing.duplex == "none":
        raise QbankError("--calibrate tests double-sided printing: use --duplex long or short")


def _calibration_sheet(job: Job, printing: Printing) -> Path:
    """Write `calibration-<card>-<paper>-<duplex>.pdf`: the sheet depends on the printing,
    not on the bank, so its name says how it prints."""
    _check_calibration(printing)
    theme = load_theme(job.templates)
    settings = [printing.card, printing.paper.name, printing.duplex]
    if printing.offset != (0, 0):  # x1-5mm, x-1-5mm
        settings += [f"x{printing.offset_x:g}mm", f"y{printing.offset_y:g}mm"]
    name = artifact_name("calibration", "pdf", variant=settings, name=job.name)
    grid = CardGrid.fit(printing.paper.size, CARD_SIZES[printing.card], PRINTER_MARGIN)
    sheet = Calibration(grid, printing.duplex, printing.offset, printing.card, printing.paper.name)
    words = look.values("cards/calibration.toml", job.templates)
    write_calibration(job.write(name), theme, job.timestamp, sheet, words)
    return job.out_dir / name


def _laid_out(job: Job, printing: Printing) -> tuple[Theme, CardGrid, FaceLayout, Iterator[Card]]:
    """The bank's cards laid out on their grid, each problem warned about or refused as
    they are laid out (lay_out)."""
    theme = load_theme(job.templates)
    if printing.duplex == "none" and printing.offset != (0, 0):
        job.warn(
            "warning: --offset-x and --offset-y move the backs of duplex sheets; "
            "--duplex none prints no backs, so they are ignored"
        )
    paper, card, duplex = printing.paper, printing.card, printing.duplex
    grid = _grid(paper, card, duplex)
    if duplex != "none" and (past := _backs_past_the_paper(grid, printing.offset)):
        job.warn(
            f"warning: --offset-x {printing.offset_x:g} --offset-y {printing.offset_y:g} moves "
            f"the cards' backs {past} the paper, where nothing is printed: those parts of "
            "them are cut off. A printer's drift is seldom more than a few millimetres: "
            "measure it with qbank cards --calibrate, whose scales read up to 10 mm"
        )
    layout = FaceLayout(theme, grid.card)
    cards = lay_out(job, theme, layout, card, printing.no_overflow, _Fits(theme, paper, duplex))
    return theme, grid, layout, cards


def _backs_past_the_paper(grid: CardGrid, offset: tuple[float, float]) -> str:
    """How far `offset` moves the grid's backs past the paper's edges ('4.2 mm past the top
    edge of'); '' when they stay on it (offsets past about 12 mm put a row's header off a
    Letter sheet, without a word: a print trial)."""
    dx, dy = offset
    width, height = grid.page
    past = {
        "left": -(grid.left + dx),
        "right": grid.right + dx - width,
        "bottom": -(grid.bottom + dy),
        "top": grid.top + dy - height,
    }
    said = [
        f"{amount / mm:.1f} mm past the {edge} edge"
        for edge, amount in past.items()
        if amount > 0.05 * mm
    ]
    return " and ".join(said) + " of" if said else ""


def _grid(paper: Paper, card: str, duplex: str) -> CardGrid:
    return CardGrid.fit(paper.size, CARD_SIZES[card], PRINTER_MARGIN, fold=duplex == "none")


@dataclass(frozen=True)
class _Fits:
    """Which card sizes a question's text fits, for advice that names only what helps."""

    theme: Theme
    paper: Paper
    duplex: str

    def cards(self, front: list[Text], back: list[Text], like: FaceLayout) -> list[str]:
        """The card sizes that hold `front` and `back`, laid out as `like` lays them out (its
        code lines and pictures: without them a code line that no card holds was said to
        fit the others, and each size's advice named the others: a hostile trial)."""
        fitting = []
        for name in CARD_SIZES:
            try:
                layout = FaceLayout(self.theme, _grid(self.paper, name, self.duplex).card)
            except ValueError:  # the card does not fit this paper
                continue
            layout.runs, layout.code_line, layout.picture = like.runs, like.code_line, like.picture
            layout.language = like.language
            sizes = layout.values
            if (
                layout.fit(front, sizes["question_size"][name]) is not None
                and layout.fit(back, sizes["hint_size"][name]) is not None
            ):
                fitting.append(name)
        return fitting


def lay_out(
    job: Job, theme: Theme, layout: FaceLayout, card: str, no_overflow: bool, fits: _Fits
) -> Iterator[Card]:
    """Every question's card(s), text fitted, one question after another as they are
    drawn: a sheet's cards are let go once it is written (all of them were held to the
    end, 5,000 questions' cards about 200 MB). Text that does not fit even at the smallest
    size continues on further cards with a warning; with `no_overflow` a BuildError names
    every such question instead, once all are laid out."""
    bank, values = job.bank, layout.values
    pdf_text = PdfText(theme, bank, job.warn)
    layout.runs = pdf_text.runs
    for section in bank.sections:  # named in every face's header
        pdf_text.check(section.name, next(iter(bank.questions_in(section)), None))
    theme_file = job.templates.path("theme.toml")
    for key in (LABEL_KEY, "first_part", "next_part", "other_side", "note_label"):  # its words
        pdf_text.check(
            values.get(key, LATER_WORDS.get(key, "")), where=f"{theme_file}: [cards] {key}"
        )
    colors = {s.name: theme.section_color(s) for s in bank.sections}
    note_label = to_reportlab(values["note_label"], theme.fonts.code)
    question_size = values["question_size"][card]
    hint_size = values["hint_size"][card]
    labelled = f"<b>{note_label}</b> "
    rich = RichFaces(pdf_text, theme, layout) if bank.markup == "markdown" else None

    # the above at once: the canvas reads `layout.runs` before the first card is laid out
    def one_by_one() -> Iterator[Card]:
        overflowing: list[str] = []
        for question in bank.questions:
            if rich is not None:
                front_texts = rich.texts(question.question, "body", question)
                back_texts = rich.texts(question.hint, "body", question)
                if question.note:
                    back_texts += rich.texts(question.note, "note", question, labelled)
            else:
                front_texts = [(pdf_text.markup(question.question, question), "body")]
                back_texts = [(pdf_text.markup(question.hint, question), "body")]
            if question.note and rich is None:
                note = pdf_text.markup(question.note, question)
                back_texts.append((f"{labelled}{note}", "note"))
            layout.language = pdf_text.language(question)
            # the back first: a question's code is set no larger than the back's text
            layout.code_cap = hint_size
            backs = layout.fit(back_texts, hint_size)
            layout.code_cap = backs[0] if backs is not None else layout.min_size
            fronts = layout.fit(front_texts, question_size)
            if fronts is None or backs is None:
                what = _overflow_message(question, fronts is None, backs is None, card, layout)
                if no_overflow:
                    helps = [c for c in fits.cards(front_texts, back_texts, layout) if c != card]
                    overflowing.append(f"{bank.location(question)}: {what}; {_advice(helps)}")
                    continue
                job.warn(
                    f"{bank.location(question)}: warning: {what}; it continues on a 'cont.' card "
                    "(--no-overflow makes this an error)"
                )
            front_parts = (
                [fronts[1]] if fronts is not None else layout.paginate(front_texts, question_size)
            )
            back_parts = [backs[1]] if backs is not None else layout.paginate(back_texts, hint_size)
            color, direction = colors[question.section], pdf_text.direction(question)
            yield from _cards(question, color, direction, front_parts, back_parts, layout)
            job.advance(1)
        if overflowing:
            raise BuildError("\n".join(overflowing))

    return one_by_one()


class RichFaces:
    """A Markdown bank's texts as the pieces of a face (rich_markup), with the code lines
    and pictures of cards/blocks.py."""

    def __init__(self, pdf_text: PdfText, theme: Theme, layout: FaceLayout) -> None:
        self.pdf_text = pdf_text
        self.fonts = theme.fonts
        shade, mark = theme.color("code_background"), theme.color("muted")
        pictures = PdfPictures()  # the build's one PDF
        widths: Widths = {}
        # code at the size of the text around it, as inline code is: a card's text is
        # already at the smallest legible size when it needs room, and a smaller code
        # size would be a size of its own on the sheet
        layout.code_line = lambda piece, size: CodeLine(
            list(piece.line),
            self.fonts.code,
            self.fonts.code_bold,
            size,
            pdf_text.runs,
            shade,
            mark,
            widths,
        )
        layout.picture = lambda piece, tallest: CardPicture(
            piece.picture, pictures(piece.picture.data), tallest
        )
        self.question: Question | None = None  # whose texts are being laid out
        rules = (theme.color("muted"), theme.color("rule"))
        layout.table = lambda piece, style, width: pdf_text.table(
            piece.table, style, width, rules, self.question, least=layout.min_size, stack=True
        )

    def texts(self, text: str, kind: str, question: Question, label: str = "") -> list[Text]:
        self.pdf_text.check(text, question)
        self.question = question  # a table's cells are of its language (PdfText.table)
        tree = self.pdf_text.bank.rich_text(text)
        # a code line is drawn from its tokens (CodeLine), never from markup
        language = self.pdf_text.language(question)
        pieces = (
            rich_markup.pieces(
                tree,
                self.fonts.code,
                code_markup=False,
                right_to_left=lambda item: item_right_to_left(item, language),
            )
            if tree
            else []
        )
        drawn = [replace(p, markup=self.pdf_text.drawable(p.markup, question)) for p in pieces]
        drawn = self._widest_lines(drawn)
        room = rich_markup.marker_room(drawn, self.fonts.regular)
        drawn = [replace(p, marker_room=room) for p in drawn]
        if label:  # 'Note' before the first paragraph, or on a line of its own
            if drawn and drawn[0].kind == "text":
                drawn[0] = replace(drawn[0], markup=label + drawn[0].markup)
            else:
                drawn.insert(0, rich_markup.Piece(label))
        return [(piece, kind) for piece in drawn]

    def _widest_lines(self, pieces: list[rich_markup.Piece]) -> list[rich_markup.Piece]:
        """Each code line with the width of its block's widest line at 1 pt, so that a
        face sets the block small enough to keep its lines whole when it can (a table typed
        in a code block lost its columns to wrapping on a half-empty card)."""
        out = list(pieces)
        blocks: list[list[int]] = []  # the indexes of each block's lines
        for i, piece in enumerate(out):
            if piece.kind != "code":
                continue
            if piece.first or not blocks or blocks[-1][-1] != i - 1:
                blocks.append([])
            blocks[-1].append(i)
        for block in blocks:
            widest = max(self._line_width(out[k]) for k in block)
            for k in block:
                out[k] = replace(out[k], widest=widest)
        return out

    def _line_width(self, piece: rich_markup.Piece) -> float:
        text = "".join(t for _, t in piece.line).expandtabs(TAB_STOP)
        return sum(stringWidth(t, f, 1) for t, f in self.pdf_text.runs(text, self.fonts.code))


def _cards(
    question: Question,
    color: Color,
    direction: str | None,
    front_parts: list[list[Block]],
    back_parts: list[list[Block]],
    layout: FaceLayout,
) -> list[Card]:
    """One card, or several when a face's text runs over: each of those is marked
    '(1/2)', '(cont. 2/2)', and a face whose text is done repeats it if it fit one card."""
    count = max(len(front_parts), len(back_parts))

    def face(parts: list[list[Block]], k: int, part: str, centred: bool) -> Face:
        if k < len(parts):
            blocks = parts[k]
        elif len(parts) == 1:
            blocks = parts[0]
        else:
            other_side = to_reportlab(layout.values["other_side"], layout.theme.fonts.code)
            fitted = layout.fit([(other_side, "note")], layout.min_size)
            blocks = fitted[1] if fitted else []
        label = question_label(question.number, label_word(layout.values))
        return Face(label, question.section, color, tuple(blocks), part, centred, direction)

    cards = []
    for k in range(count):
        key = "first_part" if k == 0 else "next_part"
        words = layout.values.get(key, LATER_WORDS[key])
        part = "" if count == 1 else words.format(part=k + 1, parts=count)
        front = face(front_parts, k, part, centred=len(front_parts) == 1)
        cards.append(Card(front, face(back_parts, k, part, centred=False)))
    return cards


def _overflow_message(
    question: Question, front: bool, back: bool, card: str, layout: FaceLayout
) -> str:
    # the back holds the note too: a hint that fit with its note on the next card was said
    # not to fit; and each face that runs over is named (a code block's question and hint
    # on a business card were said to be "the question" alone)
    texts = (["question"] if front else []) + (["hint"] if back else [])
    if back and question.note:
        texts.append("note")
    what = texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"
    does = "does" if len(texts) == 1 else "do"
    return (
        f"question '{question.id}': the {what} of {question.label} "
        f"{does} not fit a{'n' if card[0] in 'aeiou' else ''} {card} card even at "
        f"{layout.min_size:g} pt"
    )


def _advice(cards: list[str]) -> str:
    """Only the choices that make the text fit: shortening it, a card size it fits, or
    letting it continue on a second card."""
    bigger = f"choose --card {' or '.join(cards)}, " if cards else ""
    return f"shorten it, {bigger}or leave out --no-overflow to continue it on a second card"


def write_cards(
    path: Path,
    job: Job,
    theme: Theme,
    layout: FaceLayout,
    grid: CardGrid,
    cards: Iterable[Card],
    duplex: Duplex,
    cut_lines: bool,
    offset: tuple[float, float],
) -> None:
    bank = job.bank
    words = LATER_WORDS | layout.values  # the look's, as the booklet's title and subject are
    title = words["title"].format(title=bank.title)
    info = document_info(bank, title, words[SUBJECTS[duplex]].format(count=len(bank.questions)))
    canvas = new_canvas(path, grid.page, theme, info, job.timestamp)
    canvas.text_runs = layout.runs  # a face's label and part in the fonts that draw them
    print_at_actual_size(canvas, duplex)
    marked: set[str] = set()
    cards = iter(cards)
    while sheet := list(itertools.islice(cards, grid.per_sheet)):
        # each section in the outline, at the first sheet that holds its cards: a bank of
        # forty sections printed 306 pages without a way to find one (a trial)
        for section in dict.fromkeys(card.front.section for card in sheet):
            if section not in marked:
                key = f"section-{len(marked)}"
                canvas.bookmarkPage(key)
                canvas.addOutlineEntry(one_line(section), key, level=0)
                marked.add(section)
        draw_cut_guides(canvas, theme, grid, cut_lines)
        for index, card in enumerate(sheet):
            layout.draw(canvas, card.front, *grid.slot(index, "front", duplex))
            if duplex == "none":
                layout.draw(canvas, card.back, *grid.slot(index, "back", duplex))
        canvas.showPage()
        if duplex != "none":
            canvas.translate(*offset)
            for index, card in enumerate(sheet):
                layout.draw(canvas, card.back, *grid.slot(index, "back", duplex))
            canvas.showPage()
    canvas.save()


def draw_cut_guides(canvas: Canvas, theme: Theme, grid: CardGrid, cut_lines: bool) -> None:
    """Crop marks in the margin, in line with every cut, and never inside the grid, so no
    mark crosses a card; fold marks likewise, with the fold itself dashed. With `cut_lines`,
    a light dashed line along every cut as well. On the fronts' sheets only: a duplex
    printer puts a back 1-2 mm off its front, so a mark on the backs would stand that far
    inside a card cut from the fronts' side (cut with the fronts up, as card and label
    tools and print shops mark and cut one side).

    A mark is shortened to stop short of the paper's edge: many printers leave the outer
    few millimetres blank, and a mark printed only in part misleads the cut."""
    values = theme.table("cards")
    gap = values["crop_mark_offset_mm"] * mm
    length = values["crop_mark_length_mm"] * mm
    edge = values["crop_mark_edge_mm"] * mm
    page_width, page_height = grid.page

    def outward(start: float, direction: int, far_edge: float) -> list[tuple[float, float]]:
        """A mark from `start` away from the grid, stopping `edge` short of the paper's
        edge at `far_edge`; none if the margin has no room for it."""
        end = start + direction * length
        end = max(end, far_edge + edge) if direction < 0 else min(end, far_edge - edge)
        return [(start, end)] if (end - start) * direction > 0 else []

    vertical = outward(grid.bottom - gap, -1, 0) + outward(grid.top + gap, 1, page_height)
    horizontal = outward(grid.left - gap, -1, 0) + outward(grid.right + gap, 1, page_width)

    def marks(xs: list[float], ys: list[float]) -> None:
        """Marks above and below the grid at each x, left and right of it at each y."""
        for start, end in vertical:
            for x in xs:
                canvas.line(x, start, x, end)
        for start, end in horizontal:
            for y in ys:
                canvas.line(start, y, end, y)

    canvas.saveState()
    canvas.setLineWidth(values["line_width"])
    canvas.setStrokeColor(HexColor(values["crop_mark"]))
    marks(grid.cut_xs(), grid.cut_ys())
    if grid.fold:
        canvas.setStrokeColor(HexColor(values["fold_line"]))
        canvas.setDash(2, 2)
        marks(grid.fold_xs(), [])
        for x in grid.fold_xs():
            canvas.line(x, grid.bottom, x, grid.top)
    if cut_lines:
        canvas.setStrokeColor(HexColor(values["cut_line"]))
        canvas.setDash(3, 3)
        for x in grid.cut_xs():
            canvas.line(x, grid.bottom, x, grid.top)
        for y in grid.cut_ys():
            canvas.line(grid.left, y, grid.right, y)
    canvas.restoreState()


def _offset_option(name: str, direction: str) -> Option:
    return Option(
        name,
        type=float,
        minimum=-OFFSET_LIMIT_MM,
        maximum=OFFSET_LIMIT_MM,
        default=0.0,
        metavar="MM",
        help=f"Move the backs {direction} to correct a printer's duplex drift; "
        "--calibrate measures it.",
    )


EXPORTER = Exporter(
    name="cards",
    cost=4.0,
    look=("theme.toml", "cards/calibration.toml"),
    summary="Printable cut-out flashcards that line up when printed double-sided.",
    build=build,
    preflight=preflight,
    needs_bank=lambda options: not options.get("calibrate"),
    options=(
        Option(
            "card",
            choices=tuple(CARD_SIZES),
            default=Printing.card,
            show_default=True,
            help="Card size: index 3 x 5 in, business 3.5 x 2 in, a7 74 x 105 mm.",
        ),
        PAPER,
        Option(
            "duplex",
            choices=DUPLEX_MODES,
            default=Printing.duplex,
            show_default=True,
            help="How the printer turns the sheet: flip on the long edge, the short edge, "
            "or none (fold-over cards: front and back side by side).",
        ),
        Option(
            "cut_lines",
            type=bool,
            help="Add a light dashed line on every cut, on the fronts (cut with them up).",
        ),
        Option(
            "no_overflow",
            type=bool,
            help="Refuse text too long for one card even at the smallest size, instead of "
            "continuing it on a 'cont.' card with a warning.",
        ),
        _offset_option("offset_x", "right (negative: left)"),
        _offset_option("offset_y", "up (negative: down)"),
        Option(
            "calibrate",
            type=bool,
            help="Write only calibration-CARD-PAPER-DUPLEX.pdf, one sheet that measures the "
            "duplex drift (with the cards and the offsets drawn); needs no bank.",
        ),
    ),
)
