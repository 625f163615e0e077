"""The booklet's own line breaker (qbank/exporters/booklet/layout.py) on hostile text."""

from __future__ import annotations

import re
from random import Random

import pytest
from helpers import FIXTURES, run_cli
from pypdf import PdfReader
from readback import pdf_pages, pdf_text, squash
from reportlab.lib.colors import black

from qbank.bank import load_bank
from qbank.exporters.booklet.layout import TextFont, Typesetter
from qbank.pdf import load_theme

SHY = "\u00ad"


@pytest.fixture(scope="module")
def font() -> TextFont:
    return TextFont(load_theme().fonts.regular, 10, black)


def test_soft_hyphens_break_a_word_only_at_a_line_end(font):
    setter = Typesetter()
    random = Random(16)
    for _ in range(200):
        words = [
            SHY.join(
                "".join(random.choices("abW", k=random.randint(0, 7)))
                for _ in range(random.randint(1, 40))
            )
            for _ in range(random.randint(1, 4))
        ]
        text = " ".join(words)
        width = random.uniform(20, 300)
        lines = ["".join(t for _, _, t in pieces) for pieces in setter.lines([(text, font)], width)]
        assert not any(SHY in line for line in lines)
        for line in lines:
            assert setter.measure(line.rstrip(), font) <= width + 1e-6 or len(line) == 1, line
        # every character kept in order; a "-" only at the end of a line
        assert not any("-" in line[:-1] for line in lines)
        kept = "".join(line.removesuffix("-") for line in lines).replace(" ", "")
        assert kept == text.replace(SHY, "").replace(" ", "")


def test_a_word_that_fits_keeps_its_soft_hyphens_out_of_sight(font):
    setter = Typesetter()
    lines = setter.lines([(f"in{SHY}ter{SHY}view and ex{SHY}am{SHY}ple", font)], 500)
    assert [[t for _, _, t in line] for line in lines] == [["interview and example"]]


def test_the_booklet_draws_soft_hyphens_only_at_breaks(tmp_path):
    bank = FIXTURES / "hostile-soft-hyphens.yaml"
    result = run_cli("booklet", "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "hostile-soft-hyphens-booklet.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert SHY not in text
    assert "Is example kept whole when it fits?" in text
    assert "Yes: interview." in text
    lines = [line for line in text.splitlines() if line.startswith("abab")]
    assert len(lines) > 3 and all(line.endswith("-") for line in lines[:-1])


def test_a_long_description_flows_over_pages_and_stops_above_the_cover_foot(tmp_path):
    bank = load_bank(FIXTURES / "hostile-long-description.yaml")
    result = run_cli(
        "booklet", "--bank", FIXTURES / "hostile-long-description.yaml", "--out", tmp_path
    )
    assert result.exit_code == 0, result.output
    path = tmp_path / "hostile-long-description-booklet.pdf"
    pages = pdf_pages(path)
    words = pages[0].words()
    foot = max(w.top for w in words)  # the date and the edition's name
    rule = max(line.top for line in pages[0].lines)  # the rule above them
    assert max(w.bottom for w in words if w.top < foot - 1) < rule
    assert len(pages) > 3  # the description ran on past the cover
    text = pdf_text(path)  # without running headers and footers
    assert squash(bank.title) in squash(text)
    # every word, in order (the cover's foot, the date, falls between two pages)
    at = 0
    for word in bank.description.split():
        at = text.index(word, at) + len(word)


def test_gutter_labels_of_ones_own_words_stay_in_the_gutter(tmp_path):
    """Labels translated in a look's words.toml ran into the text beside them ('RESPUESTA
    ORIENTAUna valoración...', a visual review): a label breaks at its spaces over the
    first rows, and a word wider than the gutter is set smaller; one that no gutter holds
    puts its label above its part."""
    from qbank.paths import BUILTIN_TEMPLATES

    look = tmp_path / "look" / "booklet"
    look.mkdir(parents=True)
    words = (BUILTIN_TEMPLATES / "booklet" / "words.toml").read_text(encoding="utf-8")
    labels = {
        'hint = "HINT"': 'hint = "RESPUESTA ORIENTATIVA"',
        'follow_ups = "FOLLOW-UP"': 'follow_ups = "PREGUNTAS DE SEGUIMIENTO"',
        'look_for = "LOOK FOR"': 'look_for = "BEWERTUNGSGESICHTSPUNKTE"',
        # drawn in the fallback font (it was blank), cut where a line may break
        'note = "NOTE"': 'note = "编辑说明与提示信（参考）息的内容"',
    }
    for old, new in labels.items():
        assert old in words
        words = words.replace(old, new)
    (look / "words.toml").write_text(words, encoding="utf-8")
    bank = FIXTURES.parent.parent / "bank" / "ai-cybersecurity-analyst.yaml"
    args = ("--section", "Beginner", "--templates", tmp_path / "look", "--out", tmp_path)
    result = run_cli("booklet", "--bank", bank, *args)
    assert result.exit_code == 0, result.output
    (booklet,) = tmp_path.glob("*-booklet-*.pdf")
    wanted = {"RESPUESTA", "ORIENTATIVA", "PREGUNTAS", "DE", "SEGUIMIENTO"}
    wanted.add("BEWERTUNGSGESICHTSPUNKTE")  # whole, above its list
    seen = set()
    for page in pdf_pages(booklet)[2:]:
        words_ = page.words()
        for label in (w for w in words_ if w.text in wanted):
            seen.add(label.text)
            assert min(c.size for c in label.chars) >= 6
            beside = [
                w
                for w in words_
                if w is not label and abs(w.bottom - label.bottom) < 2 and w.x0 > label.x0
            ]
            if label.text == "BEWERTUNGSGESICHTSPUNKTE":
                assert not beside, beside[:1]
            else:
                size = label.chars[0].size  # the label's words, the same size
                text = [w for w in beside if w.chars[0].size != size]
                assert all(w.x0 >= label.x1 + 5 for w in text), (label.text, text[:1])
    assert seen == wanted
    label = "编辑说明与提示信（参考）息的内容"
    chinese = [c for page in pdf_pages(booklet) for c in page.chars if c.text in label]
    assert chinese and all("Droid" in c.font or "WenQuanYi" in c.font for c in chinese)
    from qbank.text import NO_LINE_END, NO_LINE_START

    rows = [
        line.text.split()[0]
        for page in pdf_pages(booklet)
        for line in page.text_lines()
        if line.x0 < 70 and line.text[:1] in label
    ]
    assert len(rows) > 1  # the label is cut over lines
    assert not [r for r in rows if r[0] in NO_LINE_START or r[-1] in NO_LINE_END or "-" in r]


RUSSIAN_LABELS = {
    "hint": "ПОДСКАЗКА",
    "follow_ups": "ДОПОЛНИТЕЛЬНЫЕ ВОПРОСЫ",
    "note": "ПРИМЕЧАНИЕ",
    "look_for": "НА ЧТО ОБРАТИТЬ ВНИМАНИЕ",
    "sources": "ИСТОЧНИКИ",
}


def test_a_translated_gutter_label_is_set_whole_at_one_size_clear_of_the_text(tmp_path):
    """Russian labels were shrunk word by word and cut inside a word: 'ДОПОЛНИТЕЛЬН-' /
    'ЫЕ' small over 'ВОПРОСЫ' full size, 'НА ЧТО ОБРАТИТЬ ВНИМАНИЕ' over three lines,
    'ПОДСКАЗКА' all but touching the hint (a review). Every label is set at one size,
    breaks between its words only, over two lines at most here (the gutter widens for
    the longest word), and stands clear of the text beside it."""
    from qbank.paths import BUILTIN_TEMPLATES

    look = tmp_path / "look" / "booklet"
    look.mkdir(parents=True)
    words = (BUILTIN_TEMPLATES / "booklet" / "words.toml").read_text(encoding="utf-8")
    for key, label in RUSSIAN_LABELS.items():
        words = re.sub(rf'^{key} = ".*?"', f'{key} = "{label}"', words, flags=re.M)
    (look / "words.toml").write_text(words, encoding="utf-8")
    bank = FIXTURES / "booklet-russian-labels.yaml"
    args = ("--edition", "study", "--templates", tmp_path / "look", "--out", tmp_path)
    result = run_cli("booklet", "--bank", bank, *args)
    assert result.exit_code == 0, result.output
    pages = pdf_pages(tmp_path / "booklet-russian-labels-booklet.pdf")
    (page,) = [p for p in pages if "Конфиденциальность" in p.text()]
    words_ = page.words()
    text_x = min(w.x0 for w in words_ if w.text == "Конфиденциальность,")
    q1 = max((w for w in words_ if w.text == "Q1"), key=lambda w: w.top)  # the question's
    gutter = [
        w
        for w in words_
        if w.x1 < text_x and w.top > q1.bottom and not any(c.artifact for c in w.chars)
    ]
    sizes = {c.size for w in gutter for c in w.chars}
    assert len(sizes) == 1 and min(sizes) >= 6, sizes
    labels = " ".join(RUSSIAN_LABELS.values()).split()
    assert sorted(w.text for w in gutter) == sorted(labels)  # whole words, no hyphen
    assert max(w.x1 for w in gutter) <= text_x - 5  # a clear gap, some 2 mm
    lines = {}
    for w in gutter:
        lines.setdefault(round(w.top), []).append(w.text)
    for label in RUSSIAN_LABELS.values():
        first = label.split()[0]
        rows = [row for row in lines.values() if row[0] == first]
        assert rows, label
    assert len(lines) <= 1 + 2 + 1 + 2 + 1, lines  # two lines at most a label
    assert len(lines) < len(labels)  # some share a line


def test_japanese_lines_break_between_characters_but_never_before_a_closing_mark(tmp_path):
    """A visual review: Japanese text, which has no spaces, was one long word to the
    booklet: a line broke early where a whole 'word' did not fit, or wherever the width
    ran out, so lines began with 。 or ）. Lines now break between its characters, and a
    closing mark stays on the line before (kinsoku)."""
    from qbank.text import NO_LINE_START

    sentence = "キャッシュの無効化戦略（TTL、書き込み時の削除）を三つ挙げ、"
    sentence += "それぞれの長所と短所を述べてください。"
    bank = tmp_path / "ja.yaml"
    bank.write_text(
        f"title: 質問集\nlanguage: ja\nquestions:\n  - id: a\n    section: 基本\n"
        f"    question: 質問？\n    hint: {sentence * 6}\n",
        encoding="utf-8",
    )
    result = run_cli("booklet", "--bank", bank, "--edition", "study", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    page = next(p for p in pdf_pages(tmp_path / "ja-booklet.pdf") if "キャッシュ" in p.text())
    body = [
        line.text.removeprefix("HINT ")
        for line in page.text_lines()
        if sum(c.text in sentence and not c.text.isascii() for c in line.chars) > 5
    ]
    assert len(body) >= 4
    assert not [text for text in body if text[0] in NO_LINE_START]
    rows = [line for line in page.text_lines() if line.text.removeprefix("HINT ") in body]
    right = max(line.x1 for line in rows)  # and each line but the last runs to the margin
    assert all(line.x1 > right - 14 for line in rows[:-1]), body


@pytest.mark.parametrize("language", ["language: ko\n", ""])
def test_korean_lines_break_at_blanks_only_its_chinese_characters_too(tmp_path, language):
    """h41b's Korean trial: Korean puts blanks between its words and breaks lines there
    only (word-break: keep-all, as Korean sites set it). The booklet broke its Chinese
    characters as Chinese is broken: '大韓' at a line's end, '民國憲法의' on the next, and a
    line began with the particle '은' of '憲法은'. Each line now ends at a blank; in a bank
    that says no language too (a word holding Hangul is Korean's: it broke '大韓|民國')."""
    sentence = "「민감 정보」를 다루는 《개인정보 보호법》과 『정보통신망법』에서는 "
    sentence += "大韓民國憲法의 사생활 보호를 구체화합니다. "
    hint = (sentence * 6).strip()
    bank = tmp_path / "ko.yaml"
    bank.write_text(
        f"title: 질문집\n{language}questions:\n  - id: a\n    section: 기본\n"
        f"    question: 무엇인가요?\n    hint: {hint}\n",
        encoding="utf-8",
    )
    result = run_cli("booklet", "--bank", bank, "--edition", "study", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    page = next(p for p in pdf_pages(tmp_path / "ko-booklet.pdf") if "민감" in p.text())
    body = [
        line.text.removeprefix("HINT ")
        for line in page.text_lines()
        if line.text.removeprefix("HINT ").replace(" ", "") in hint.replace(" ", "")
    ]
    assert len(body) >= 4, body
    assert " ".join(body) == hint, body  # a line broken inside a word gains a blank


def test_a_looks_word_the_pdf_fonts_lack_is_named_with_its_file_and_key(tmp_path):
    """A script the PDF fonts lack in booklet/words.toml (the review's Hebrew, drawn since;
    Ethiopic here) printed as boxes with a warning that named the upper-cased text ("the
    look's words 'PART 1'") but not its file nor its key (a review): each character is
    named once, with the file and key that hold it, the edition's table too."""
    from qbank.paths import BUILTIN_TEMPLATES

    look = tmp_path / "look" / "booklet"
    look.mkdir(parents=True)
    words = (BUILTIN_TEMPLATES / "booklet" / "words.toml").read_text(encoding="utf-8")
    for old, new in {
        'part = "PART {number}"': 'part = "ክፍል {number}"',
        'title = "Workshop handout"': 'title = "የሥራ ወረቀት"',
        '"January"': '"ጥር"',
    }.items():
        assert old in words
        words = words.replace(old, new)
    (look / "words.toml").write_text(words, encoding="utf-8")
    args = ("--templates", tmp_path / "look", "--out", tmp_path)
    result = run_cli("booklet", "--bank", FIXTURES / "minimal.yaml", *args)
    assert result.exit_code == 0, result.output
    file = tmp_path / "look" / "booklet" / "words.toml"
    warned = [line for line in result.stderr.splitlines() if "no glyph" in line]
    assert warned == [
        f"{file}: part: warning: the PDF fonts have no glyph for U+12AD ክ, U+134D ፍ, "
        "U+120D ል; the PDFs draw each as a box",
        f"{file}: months (item 1): warning: the PDF fonts have no glyph for U+1325 ጥ, "
        "U+122D ር; the PDFs draw each as a box",
        f"{file}: [workshop] title: warning: the PDF fonts have no glyph for U+12E8 የ, "
        "U+1225 ሥ, U+122B ራ, U+12C8 ወ, U+1228 ረ, U+1240 ቀ, U+1275 ት; the PDFs draw each as a box",
    ], result.stderr


def _french_sentence(very: int, markup: str = "plain") -> str:
    bonjour = "**bonjour**" if markup == "markdown" else "bonjour"  # a run of its own
    return f"Pourquoi le narrateur dit-il {'très ' * very}« {bonjour} » ?"


def _french_questions(section: str, markup: str = "plain", count: int = 16) -> str:
    """Questions whose texts put such marks everywhere on a line, at every length."""
    said = "Il répond : « non » ; puis il crie « au revoir » !"
    return "".join(
        f"  - {{id: {section.lower()}{k}, section: {section},"
        f' question: "{_french_sentence(k, markup)}",'
        f' hint: "{said} {_french_sentence(k + 3, markup)}"}}\n'
        for k in range(count)
    )


def _lines(pages) -> list[str]:
    """The text of each line on `pages`, its blanks left out, the lines of cards side by
    side on a sheet apart (they share a baseline, so text_lines joins them)."""
    lines = []
    for page in pages:
        for line in page.text_lines():
            chars = line.chars
            cuts = [i for i in range(1, len(chars)) if chars[i].x0 - chars[i - 1].x1 > 12]
            for start, end in zip([0, *cuts], [*cuts, len(chars)], strict=True):
                lines.append("".join(c.text for c in chars[start:end]))
    return lines


def _line_ends(pages) -> list[str]:
    """The first and the last character of each line of text on `pages` (_lines)."""
    return [line[0] + line[-1] for line in _lines(pages)]


def _broken_at_a_mark(ends: list[str]) -> list[str]:
    return [e for e in ends if e[0] in "?!;:»" or e[1] == "«"]


def test_french_marks_keep_the_space_before_them_on_their_line(font):
    """French sets a space before ? ! ; : » and after «; the booklet broke its lines
    there (a French teacher's trial). In French they keep with their word, as typed; in
    a text of no language said such a space breaks as any other."""
    setter = Typesetter()
    for very in range(12):
        text = _french_sentence(very)
        for width in range(60, 260, 3):
            lines = setter.lines([(text, font)], width, language="fr-CA")
            french = ["".join(t for _, _, t in line) for line in lines]
            assert " ".join(french) == text
            assert not [line for line in french if line[0] in "?»" or line.endswith("«")]
    other = [setter.lines([(_french_sentence(8), font)], w) for w in range(60, 260, 3)]
    assert any(line[0][2].startswith("?") for lines in other for line in lines)


@pytest.mark.parametrize("markup", ["plain", "markdown"])
@pytest.mark.parametrize(
    ("command", "made"),
    [
        (("booklet",), ("booklet", "workshop")),
        (("cards",), ("flashcards",)),
        (("packet", "--format", "pdf", "--all"), ("packet-all",)),
    ],
    ids=["booklet", "cards", "packet"],
)
def test_french_pdfs_never_break_a_line_before_a_question_mark(tmp_path, command, made, markup):
    """A French teacher's trial: typed the ordinary way, 'dit-il « bonjour » ?' has a plain
    space before '?' and '»' and after '«', and the PDFs broke lines there: a line began
    with '» ?' or '?' alone, or ended with '«'. Such a space now keeps with its mark in a
    French bank's PDFs, and stays the plain space typed in their text."""
    bank = tmp_path / "fr.yaml"
    text = f"title: Lecture\nlanguage: fr\nmarkup: {markup}\nquestions:\n"
    bank.write_text(text + _french_questions("Lecture", markup), encoding="utf-8")
    result = run_cli(*command, "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    for name in made:
        pages = pdf_pages(tmp_path / f"fr-{name}.pdf")
        ends = _line_ends(pages)
        assert len(ends) > 40
        assert not _broken_at_a_mark(ends), name
        text = "".join(c.text for page in pages for c in page.chars)
        # each of those spaces is the plain one typed (no no-break space stands in); a
        # text shortened to one line may end '«…' (the packet's time plan)
        assert "« bonjour » ?" in text, name
        assert set(re.findall(r"«(?!…)(.)|»(.)[?!;]", text)) == {(" ", ""), ("", " ")}, name


def test_a_french_section_of_another_languages_bank_keeps_its_marks_spaced(tmp_path):
    """A section in French (its own `language`) keeps the space before its marks; the
    English bank's other section breaks there as it always did."""
    bank = tmp_path / "mixed.yaml"
    head = "title: T\nlanguage: en\nsections: [{name: Lecture, language: fr}, Reading]\n"
    questions = _french_questions("Lecture") + _french_questions("Reading")
    bank.write_text(f"{head}questions:\n{questions}", encoding="utf-8")
    result = run_cli("booklet", "--bank", bank, "--edition", "study", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    pages = pdf_pages(tmp_path / "mixed-booklet.pdf")
    reading = next(p.number for p in pages if "Q17 " in p.text())  # its first question
    assert not _broken_at_a_mark(_line_ends(pages[: reading - 1]))
    assert _broken_at_a_mark(_line_ends(pages[reading - 1 :]))


def test_code_keeps_its_spaces_breakable_in_french_text():
    """'a ? b : c' in code is no French: only the text's spaces before its marks are kept
    on one line (a review)."""
    from qbank.pdf import join_kept_spaces
    from qbank.text import LAYOUT_SPACE

    markup = 'Voici : <font face="Mono">a ? b : c</font> <b>fin</b> !'
    joined = join_kept_spaces(markup, "Mono")
    assert joined == markup.replace("Voici :", f"Voici{LAYOUT_SPACE}:").replace(
        "</b> !", f"</b>{LAYOUT_SPACE}!"
    )


def test_the_booklets_code_keeps_its_spaces_breakable_in_french_text(font):
    """The booklet's own line breaker kept 'a ? b' in a code span together as French (a
    review): code may break before its '?', the text's '?' stays with its word."""
    code = TextFont(font.name, font.size, font.color, background=black)
    runs = [("Que ", font), ("abcdefgh ? k", code), (" ici ?", font)]
    lines = [
        "".join(t for _, _, t in pieces) for pieces in Typesetter().lines(runs, 50, language="fr")
    ]
    assert lines == ["Que", "abcdefgh", "? k ici ?"]


def _percent_sentence(very: int) -> str:
    return (
        f"Of {'very ' * very}rare events 0.1 % are malicious; the rest, 99.9 ‰, are not; "
        "each costs 3.000 € or 20 $, takes 8 GB at 40 MHz, or £ 20, or CHF 50."
    )


def test_a_number_keeps_its_percent_sign_on_its_line_in_any_language(font):
    """'99 %' (the SI Brochure's style, and French, German, Spanish typography) broke its
    line before the sign in a booklet: a line began with '%.' (a statistics bank's probe).
    The space stays as typed, and only the line breaking keeps it; 'a % b' in code, and a
    space before a % that follows no number, break as any other."""
    setter = Typesetter()
    for very in range(10):
        text = _percent_sentence(very)
        for width in range(60, 260, 3):
            lines = ["".join(t for _, _, t in line) for line in setter.lines([(text, font)], width)]
            assert " ".join(lines) == text
            assert not [line for line in lines if line[0] in "%‰€$GM" or line[-1] in "£F"]
    other = [setter.lines([("word %" * 30, font)], w) for w in range(60, 200, 7)]
    assert any(line[0][2].startswith("%") for lines in other for line in lines)


def test_a_power_of_ten_keeps_its_unit_on_its_line(font):
    """'c/n = 2.0 × 10⁸' ended a line of a science teacher's booklet and 'm/s.' began the
    next: an exponent in raised digits ends its number, which keeps its unit."""
    text = "Speed in glass: c/n = 2.0 × 10⁸ m/s, and Nₐ = 6.022 × 10²³ mol⁻¹ of 47 µF."
    setter = Typesetter()
    for width in range(60, 260, 3):
        lines = ["".join(t for _, _, t in line) for line in setter.lines([(text, font)], width)]
        assert " ".join(lines) == text
        assert not [line for line in lines if line.startswith(("m/s", "mol", "µF"))], lines


def test_a_fractions_last_group_of_digits_stays_on_its_line(font):
    """'0.000 004' ended a line of a science teacher's card and '7 = 4.7 × 10⁻⁶' began the
    next: a fraction's last, shorter group of digits stays with the number (SI style)."""
    text = "Standard form: 0.000 004 7 = 4.7 × 10⁻⁶, and π ≈ 3.141 59 in class."
    setter = Typesetter()
    for width in range(70, 260, 3):
        lines = ["".join(t for _, _, t in line) for line in setter.lines([(text, font)], width)]
        assert " ".join(lines) == text
        assert not [line for line in lines if line.startswith(("7 =", "59 "))], lines


def _built_lines(tmp_path, command, made, head: str, sentence, later: int):
    """For each PDF `made` of a bank of 12 questions in section S, under `head` (its title
    and more), each question `sentence(k)` and its hint `sentence(k + later)`: its name, its
    line ends (_line_ends, more than 30) and its text."""
    bank = tmp_path / "lines.yaml"
    questions = "".join(
        f'  - {{id: q{k}, section: S, question: "{sentence(k)}", hint: "{sentence(k + later)}"}}\n'
        for k in range(12)
    )
    bank.write_text(f"{head}\nquestions:\n{questions}", encoding="utf-8")
    result = run_cli(*command, "--bank", bank, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    for name in made:
        pages = pdf_pages(tmp_path / f"lines-{name}.pdf")
        ends = _line_ends(pages)
        assert len(ends) > 30
        yield name, ends, "".join(c.text for page in pages for c in page.chars)


@pytest.mark.parametrize(
    ("command", "made"),
    [(("booklet", "--edition", "study"), ("booklet",)), (("cards",), ("flashcards",))],
    ids=["booklet", "cards"],
)
def test_the_pdfs_never_begin_a_line_with_a_numbers_percent_sign(tmp_path, command, made):
    built = _built_lines(tmp_path, command, made, "title: Rates", _percent_sentence, 5)
    for name, ends, text in built:
        assert not [e for e in ends if e[0] in "%‰€$GM" or e[1] in "£F"], name
        assert "0.1 % are" in text and "99.9 ‰," in text and "3.000 € or" in text, name
        assert "8 GB at 40 MHz" in text and "£ 20" in text and "CHF 50" in text, name


def _time_sentence(very: int) -> str:
    return f"Called {'very ' * very}late by 3 a.m., by 3 p.m., by 10 am, by 2 PM or by 15:00 h."


@pytest.mark.parametrize(
    ("command", "made"),
    [(("booklet", "--edition", "study"), ("booklet",)), (("cards",), ("flashcards",))],
    ids=["booklet", "cards"],
)
def test_the_pdfs_keep_a_time_of_day_with_its_half_of_the_day(tmp_path, command, made):
    """'3 a.m.' ended a card's line with '3' and began the next with 'a.m.' (a new user's
    trial): a time of day keeps its 'a.m.', 'pm' or 'h' on its line, as a number its unit."""
    built = _built_lines(tmp_path, command, made, "title: Times", _time_sentence, 5)
    for name, _, text in built:
        pages = pdf_pages(tmp_path / f"lines-{name}.pdf")
        starts = ("a.m.", "p.m.", "am", "PM", "h.")
        assert not [line for line in _lines(pages) if line.startswith(starts)], name
        assert all(time in text for time in ("3 a.m.", "3 p.m.", "10 am", "2 PM", "15:00 h"))


def _grouped_sentence(very: int) -> str:
    return (
        f"Un panier {'très ' * very}cher coûte 3 000 € ; le stock compte 12 500 articles,"
        " 1 000 000 de clients et 2 999,50 € en moyenne."
    )


@pytest.mark.parametrize(
    ("command", "made"),
    [(("booklet", "--edition", "study"), ("booklet",)), (("cards",), ("flashcards",))],
    ids=["booklet", "cards"],
)
def test_the_pdfs_never_break_a_number_between_its_groups_of_digits(tmp_path, command, made):
    """A French teacher's cards broke '3 000 €' as '3' over '000 €': a number's groups of
    three digits, set apart by a space, stay on one line, the space as typed."""
    head = "title: Prix\nlanguage: fr"
    for name, ends, text in _built_lines(tmp_path, command, made, head, _grouped_sentence, 7):
        # a leading group is 1, 2 or 3 and the groups after it 0, 5 or 9: no line starts
        # with a group after the first
        assert not [e for e in ends if e[0] in "059"], name
        assert "3 000 €" in text and "1 000 000 de" in text and "2 999,50 €" in text, name


def test_a_german_titles_long_words_are_set_whole_on_the_cover_and_a_sections_opening(
    tmp_path,
):
    """A print trial: a German bank's title broke 'Arbeitssicherheitsschulungsu|nterlagen'
    on the cover, where the line ended, with no hyphen; a section's name at its opening did
    the same. Such a title is set smaller, all of it, until its widest word fits."""
    title = "Arbeitssicherheitsschulungsunterlagen für Gefährdungsbeurteilungsverantwortliche"
    section = "Arbeitsschutzorganisationsverantwortlichkeiten"
    bank = tmp_path / "de.yaml"
    bank.write_text(
        f"title: {title}\nlanguage: de\nquestions:\n  - id: a\n    section: {section}\n"
        "    question: Wer?\n    hint: Sie.\n",
        encoding="utf-8",
    )
    result = run_cli("booklet", "--bank", bank, "--edition", "workshop", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    pages = pdf_pages(tmp_path / "de-workshop.pdf")
    words = {w.text for w in pages[0].words()}
    assert {
        "Arbeitssicherheitsschulungsunterlagen",
        "Gefährdungsbeurteilungsverantwortliche",
    } <= words
    opening = next(p for p in pages[2:] if "Wer?" in p.text())
    assert section in {w.text for w in opening.words()}
