"""Text handling shared by every exporter.

Bank text is plain text: every character is shown as typed, except `backtick spans`, which
are inline code. Each output format has its own escaping (reportlab's paragraph markup,
Anki's HTML), and both are made here from one parse.
"""

from __future__ import annotations

import bisect
import csv
import datetime
import difflib
import functools
import html
import itertools
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TextIO
from urllib.parse import quote

ELLIPSIS = "\u2026"

# A span opens with a run of backticks and closes with a run of the same length, as in
# Markdown; a backtick with no partner is an ordinary character.
# A language tag (BCP 47) as people write them: a language, then subtags (en, de, pt-BR,
# zh-Hant, sr-Latn-RS)
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
LANGUAGE_LONGEST = 35  # characters: the length RFC 5646 asks every reader to take
# languages written by name, in English or in their own words, as a trial wrote `language:
# español`: the tag to write instead (the languages qbank's PDFs draw, and Europe's most
# taught); the bank's and the look's readers say it
LANGUAGE_NAMES = {
    **dict.fromkeys(("english", "inglés"), "en"),
    **dict.fromkeys(("german", "deutsch", "alemán"), "de"),
    **dict.fromkeys(("spanish", "español", "espanol", "castellano"), "es"),
    **dict.fromkeys(("french", "français", "francais", "francés"), "fr"),
    **dict.fromkeys(("italian", "italiano"), "it"),
    **dict.fromkeys(("portuguese", "português", "portugues", "portugués"), "pt"),
    **dict.fromkeys(("dutch", "nederlands"), "nl"),
    **dict.fromkeys(("polish", "polski"), "pl"),
    **dict.fromkeys(("swedish", "svenska"), "sv"),
    **dict.fromkeys(("danish", "dansk"), "da"),
    **dict.fromkeys(("norwegian", "norsk"), "nb"),
    **dict.fromkeys(("finnish", "suomi"), "fi"),
    **dict.fromkeys(("czech", "čeština"), "cs"),
    **dict.fromkeys(("greek", "ελληνικά"), "el"),
    **dict.fromkeys(("turkish", "türkçe"), "tr"),
    **dict.fromkeys(("russian", "русский"), "ru"),
    **dict.fromkeys(("ukrainian", "українська"), "uk"),
    **dict.fromkeys(("chinese", "中文"), "zh"),
    **dict.fromkeys(("japanese", "日本語"), "ja"),
    **dict.fromkeys(("korean", "한국어"), "ko"),
    **dict.fromkeys(("hebrew", "עברית"), "he"),
    **dict.fromkeys(("arabic", "العربية"), "ar"),
    **dict.fromkeys(("persian", "farsi", "فارسی"), "fa"),
}


# countries' codes that people write for their language, and are no language's code in
# ISO 639-1 (kr is Kanuri's, so Korea's is left alone): a screen reader would read the texts
# in no voice
COUNTRY_NOT_LANGUAGE = {
    "jp": "ja",
    "cn": "zh",
    "gr": "el",
    "cz": "cs",
    "dk": "da",
    "ua": "uk",
    "vn": "vi",
    "il": "he",
    "ir": "fa",
    "rs": "sr",
}


def language_advice(value: str, quote: str = "") -> str | None:
    """None for a language tag the bank and the look take; else what to write, for the end
    of the message that refuses `value` ('' when nothing better is known): a country's code
    ('jp': the language's is ja), an underscore (pt_BR: pt-BR), a language's name (español:
    es). `quote` goes around a tag offered (a look's TOML wants it in quotes)."""
    tag = value.replace("_", "-")
    country = COUNTRY_NOT_LANGUAGE.get(tag.split("-")[0].casefold())
    if is_language_tag(value) and not country:
        return None
    if country:
        given = tag.split("-")[0]
        return f"; '{given}' is a country's code, the language's is {quote}{country}{quote}"
    if tag != value and is_language_tag(tag):
        return f"; write it with a hyphen: {quote}{tag}{quote}"
    if named := LANGUAGE_NAMES.get(value.casefold()):
        return f"; for {value}, write {quote}{named}{quote}"
    return ""


def is_language_tag(value: object) -> bool:
    """Whether `value` is a language tag a bank, a look or an LMS file may give."""
    return (
        isinstance(value, str)
        and len(value) <= LANGUAGE_LONGEST
        and bool(LANGUAGE.fullmatch(value))
    )


_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


# A line break, a line separator or a paragraph separator: each is shown as a new line
# (HTML and reportlab would fold the separators into spaces).
_LINE_BREAK = re.compile("[\n\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    code: bool = False


def runs(text: str) -> Iterator[Run]:
    """Split text into plain runs and code runs (the code without its backticks)."""
    position = 0
    for match in _CODE_SPAN.finditer(text):
        code = match.group(2)
        if code.strip() == "":
            continue
        if match.start() > position:
            yield Run(text[position : match.start()])
        # Markdown strips one space each side so that `` `x` `` can show a backtick
        if len(code) > 2 and code[0] == " " and code[-1] == " " and code.strip():
            code = code[1:-1]
        yield Run(code, code=True)
        position = match.end()
    if position < len(text):
        yield Run(text[position:])


def counted(number: int, one: str, many: str = "") -> str:
    """'1 question', '2 questions' ('1 is', '2 are' with `many`): a count and the word that
    agrees with it, where a message said '1 of 4 questions have them'."""
    return f"{number} {agrees(number, one, many)}"


def agrees(number: int, one: str, many: str = "") -> str:
    """`one` for the number 1, else `many` (`one` with an s when not given): the noun or the
    verb that agrees with a count ('1 of 4 questions has them')."""
    return one if number == 1 else many or one + "s"


def and_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def date_words(day: datetime.date, pattern: str, months: Sequence[str] = ()) -> str:
    """`day` as a look's `pattern` writes it (look.DATE's placeholders): '{year}-{mm}-{dd}'
    is 2026-12-05, '{day}. {month} {year}' with German `months` 5. Dezember 2026."""
    month = months[day.month - 1] if months else ""
    return pattern.format(
        year=day.year, month=month, mm=f"{day.month:02}", dd=f"{day.day:02}", day=day.day
    )


def plain(text: str) -> str:
    """The text as a reader sees it: code spans without their backticks."""
    return "".join(run.text for run in runs(text))


# Anki splits deck and tag names at '::' and trims ':' and blanks from each part's ends
# (rslib: decks/name.rs `normalized_deck_name_component`, tags); so a colon that would join
# another, or stands at an end, becomes the fullwidth colon U+FF1A: it looks like a colon
# and is no separator.
_ANKI_COLON = re.compile(r"(?<=:):|:(?=:)|^:|:$")


def slug(text: str) -> str:
    """The one slug rule: 'AI Workflow & Tools' -> 'ai-workflow-tools', words of letters
    and digits (of any script) in lower case, joined by hyphens. File names, question ids
    (of the text folded to ASCII) and a recommendation's tag are each a slug."""
    return re.sub(r"[\W_]+", "-", text.casefold()).strip("-")


def anki_name(text: str) -> str:
    """Bank text as one part of an Anki deck name: one line (whitespace, tabs and line
    breaks collapse to one space), NFC as Anki stores it, and never a '::' or an edge ':'.
    The loader uses it too, to refuse two sections that Anki would take as one."""
    return _ANKI_COLON.sub("\uff1a", unicodedata.normalize("NFC", one_line(text)))


def anki_tag(text: str) -> str:
    """Bank text as an Anki tag: `anki_name` with hyphens for its blanks, no-break spaces
    included, since Anki splits tags at each of them (its text import at U+00A0, U+202F and
    U+2007 too) and trims them from a tag's parts. Anki compares tags ignoring case."""
    return "-".join(anki_name(text).split())


def anki_tag_path(text: str) -> str:
    """A question's tag as an Anki tag whose `::` make a hierarchy, as Anki's own tags do
    (`nsi::algo::tris` files under nsi, then algo): each part as `anki_tag`, an empty part
    left out, as Anki leaves it out; a tag of colons only stays one tag, and so does one under
    `section`, the hierarchy of the deck's own section tags."""
    parts = [part for part in map(anki_tag, text.split("::")) if part]
    if not parts or parts[0].casefold() == "section":
        return anki_tag(text)
    return "::".join(parts)


# spaces that join the words beside them: no-break, figure, and the narrow one French sets
# before ? ! ; and :
NO_BREAK_SPACES = "\u00a0\u2007\u202f"
# A blank that reportlab must neither drop nor break at, and a PDF's text must read as a
# plain space: a code line's indentation, a run of blanks, list indents (a private character
# that qbank's PDF fonts draw as their space; reportlab_fixes.QbankFont)
LAYOUT_SPACE = "\U000f0020"
_LINE_BLANKS = re.compile(f"[^\\S{NO_BREAK_SPACES}]+")


# French sets a space between a word and the ? ! ; : or » after it, and between « and the
# word after it ('Pourquoi ?', '« bonjour »'). People type it as a plain space; French
# typography (Word's and LibreOffice's French autocorrect, LaTeX's babel-french) never
# breaks a line there, and the PDFs broke lines that started with '» ?' or ended with '«'
# (a French teacher's trial). Such a space stays as typed: only the line breaking keeps it.
SPACE_KEPT_BEFORE = "?!;:»"
SPACE_KEPT_AFTER = "«"
_KEPT_SPACE = re.compile(f"(?<=[{SPACE_KEPT_AFTER}]) +(?=\\S)|(?<=\\S) +(?=[{SPACE_KEPT_BEFORE}])")


# A number and the percent sign after it ('99 %', as the SI Brochure, 9th edition, 5.4.7,
# and French, German or Spanish typography set it) are one on a line in any language: a
# line of a booklet began with '%.' (a statistics bank's probe). Per mille and per ten
# thousand alike, the degree of '20 °C', and a currency sign after its amount, as Spanish,
# French or German write it ('3.000 €' broke before '€' on a Spanish bank's cards). A unit
# in letters is kept too where it is a symbol of the SI or of computing ('5 km', '10 ms',
# '8 GB', '20 kg': SI Brochure 5.4.3) that no language's word spells: not 's', 'a', 'in',
# 'ha' (Spanish 'en 2024 ha crecido'), 'l' (Italian 'nel 2024 l'azienda'), 'bar' or 'em';
# and so is a currency's sign or code before its amount ('€ 3.000', '$ 20', 'CHF 50'), or
# its code after it ('50 CHF'). A number may end in an exponent of Unicode's raised digits,
# as a science teacher types a power of ten: '2.0 × 10⁸' ended a line of a booklet and
# 'm/s.' began the next, as did '6.022 × 10²³' and 'mol⁻¹' (the mole, the farad, the
# decimetre and the electronvolt are the SI's symbols too: '4 mol', '47 µF', '2.0 dm³').
# A time of day keeps its half of the day as the hour keeps its 'h' ('15:00 h'): '3 a.m.',
# '3 p.m.', '10 am', '2 PM' broke after the number on a card (a new user's trial); German's
# '2 am Tag' kept so costs nothing. A ward's units are kept as the SI's: a card set '88/50'
# over 'mmHg' (a nursing educator's trial), and so are a dose's 'mcg', 'mEq', 'IU' (French
# 'UI'), a pulse's 'bpm', a pressure's 'cmH₂O', and the decilitre and microlitre of a lab's
# results.
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
NUMBER_SIGNS = "%‰‱°€$£¥¢₹₽₩₺₴₪₫₱₦₡₲₵₸₼₾₿"
CURRENCY_SIGNS = NUMBER_SIGNS[4:]
# as patterns, which the study page's script holds too (html/app.js)
UNIT_SYMBOLS = (
    "[nµμmcdk]?m[²³]?|[µμmk]?g|[nµμm]s|min|h|[kMGT]?Hz|[kMG]?bit|[kKMGTP]?B|[KMGTP]iB|[KMGT]b"
    "|[kKMGT]?bps|[mk]?V|[kMG]?eV|[mk]A|[mkMGT]?Wh?|[kM]?Ω|[kM]?J|kcal|k?N|[hkMG]?Pa|mbar|K"
    "|[mµμk]?mol|[pnµμm]F|[dµμm]?L|ml|dBm?|px|pt|dpi|ppi|fps|rpm|[GT]?FLOPS|IOPS|ft|lbs?|oz"
    "|[aApP][.]?[mM][.]?|mmHg|cmH₂O|mcg|mEq|IU|UI|bpm"
)
CURRENCY_CODES = (
    "EUR|USD|GBP|CHF|JPY|CNY|INR|RUB|BRL|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|RON|TRY|ZAR"
    "|MXN|KRW|HKD|SGD|ILS|AED|SAR|UAH"
)
# A number's groups of three digits set apart by a space ('3 000 €', '10 000 000', '2 999,99':
# French, and the SI Brochure's style in any language) are one number on a line: a French
# bank's cards, study page and deck broke '3' over '000 €' (a French teacher's trial). The
# group before the space is one to three digits that continue no word or longer number
# ('Q1 100', 'en 2024 120' break as typed), the one after it three digits that end the number.
DIGIT_GROUP_SPACE = (
    "(?:(?<=(?<!\\w)\\d)|(?<=(?<!\\w)\\d\\d)|(?<=(?<!\\w)\\d\\d\\d)) (?=\\d{3}(?!\\d))"
)
# After a decimal sign the SI Brochure groups a fraction's digits in threes too, its last
# group shorter ('43 279.168 29', '0.000 004 7'): a science teacher's card broke '0.000 004'
# over '7'. The last group stays with the number where up to three groups of three stand
# between it and the decimal sign, which follows a digit (German's '3.000 12', three
# thousand then twelve, reads so too: a rare pair kept on one line, which costs nothing).
DECIMAL_GROUP_SPACE = (
    "(?:(?<=\\d[.,]\\d{3})|(?<=\\d[.,]\\d{3} \\d{3})|(?<=\\d[.,]\\d{3} \\d{3} \\d{3}))"
    " (?=\\d\\d?(?!\\d))"
)
# A range of numbers with an en dash ('5–10 mg', '36.1–37.2 °C', '0,1–0,4 mg') is one on a
# line: Chromium breaks after an en dash (UAX #14's class BA), and a phone's card set
# 'morphine 5–' over '10 mg' and a table's cell '135–' over '145' (a nursing educator's
# trial). The PDFs break at blanks, so only the study page and the deck hold each range in
# a span no line breaks in, whole (Anki's search finds a word a span parts no more). As the
# study page's script holds it (html/app.js): no \d.
NUMBER_RANGE_PATTERN = "(?<![0-9.,])[0-9]+(?:[.,][0-9]+)?–[0-9]+(?:[.,][0-9]+)?"
NUMBER_RANGE = re.compile(NUMBER_RANGE_PATTERN)
# each of its matches is a blank: the search tries the lookbehinds at a blank alone, not at
# every character
_DIGIT_GROUP = re.compile(f"(?= )(?:{DIGIT_GROUP_SPACE}|{DECIMAL_GROUP_SPACE})")
_KEPT_NUMBER_SPACE = re.compile(
    f"{DIGIT_GROUP_SPACE}|{DECIMAL_GROUP_SPACE}"
    f"|(?<=[\\d{SUPERSCRIPT_DIGITS}]) +"
    f"(?=[{NUMBER_SIGNS}]|(?:{UNIT_SYMBOLS}|{CURRENCY_CODES})(?!\\w))"
    # not a sign or code after an amount, which goes with it ('3.000 € 8 GB')
    f"|(?<=(?<!\\d )[{CURRENCY_SIGNS}]) +(?=\\d)"
    f"|(?<=(?<!\\d )(?<!\\w)(?:{CURRENCY_CODES})) +(?=\\d)"
)


# an alternative _first_characters reads: characters and classes of listed characters, each
# optional where a '?' follows it; no escape, range, negation, group, repeat or wildcard
_PLAIN_ALTERNATIVE = re.compile(r"(?:\[[^\]\\^-]+\]\??|[^\\\[\]()|?*+.^${}]\??)+")


def _first_characters(alternatives: str) -> str:
    """The characters that a match of `alternatives` (a pattern of alternatives made of
    characters and classes, each optional where a '?' follows it, as UNIT_SYMBOLS and
    CURRENCY_CODES are) may start with. Any other pattern (an escape, a range, a group) is
    refused when qbank is imported: read as characters, '[a-z]' would start with 'a', '-' or
    'z' alone, and the quick test would pass over every unit that starts otherwise."""
    first: set[str] = set()
    for alternative in alternatives.split("|"):
        if _PLAIN_ALTERNATIVE.fullmatch(alternative) is None:
            raise ValueError(
                f"{alternative!r} among the unit symbols or currency codes holds an escape, a "
                "range, a group or a repeat, which _first_characters does not read: write it "
                "as characters and classes of listed characters"
            )
        for part, optional in re.findall(r"(\[[^\]]*\]|.)(\??)", alternative):
            first.update(part.strip("[]"))
            if not optional:
                break
    return "".join(sorted(first))


# what a text that holds such a space holds, the quick test before the search (in markup
# or a document's XML too, which may say it where it holds none)
_NUMBER_MARK = re.compile(
    f"[{NUMBER_SIGNS}]|(?<!\\w)"
    # a unit or a code starts with one of these letters: a word that does not is passed
    # over without trying each of them in turn
    f"(?=[{_first_characters(f'{UNIT_SYMBOLS}|{CURRENCY_CODES}')}])"
    f"(?:{UNIT_SYMBOLS}|{CURRENCY_CODES})(?!\\w)"
)
_DIGIT = re.compile(f"[\\d{SUPERSCRIPT_DIGITS}]")
_NEAR_DIGIT = re.compile(f"(?<=[\\d{SUPERSCRIPT_DIGITS}]) +| +(?=\\d)")
# A formula typed in a text ('a² + b² = c²', '2 H₂ + O₂ → 2 H₂O', 'x ≤ −5') breaks where TeX
# breaks a formula in a paragraph: "A formula will be broken only after a relation symbol
# like = or < or →, or after a binary operation symbol like + or − or ×" (Knuth, The TeXbook,
# ch. 18, "Line breaking", p. 173; ch. 14 counts the \relpenalty and \binoppenalty after
# them among a paragraph's breakpoints). A maths teacher's booklet set 'a² + b²' over
# '= c²'. So the blank before a relation or an operation is kept on its line, and the one
# after it is where the line may break. A sign that opens a formula, or follows a relation,
# an operation, an opening bracket or a comma, is no operation but the sign of what follows
# it (the TeXbook's Appendix G, rule 5, and its answer on '$x++1$': "the first + will become
# a Bin atom, the second an Ord"), and no line breaks after it either ('x = − 5', 'part,
# − 8 ≤ x'). A hyphen-minus, an asterisk or a middle dot between blanks is an operation only
# between two of a formula's terms (a number, a lone letter, a bracket, a function's name:
# 'n - 1', 'x * y', 'm · v'), not a dash between words ('Anki - a program'); a sign
# written against its number ('−5 °C', 'from 10 to +5') stands before no blank and changes
# nothing. A chemical equation's coefficient keeps its formula ('2 H₂O'). Code is code: its
# blanks are its own (each caller leaves code out). The pattern holds no \w nor \d, so
# that the study page's script reads it as it is (html/app.js, FORMULA, the signs put in for
# its § there as here).
FORMULA_RELATIONS = "=≠<>≤≥≦≧≈≉≡≢≅≃∼∝≪≫≺≻→←↔⇒⇐⇔⇌⇋⇄⟶⟵⟷⟹⟸⟺↦∈∉∋∌⊂⊃⊆⊇⊊⊋∥⊥∣"
FORMULA_OPERATIONS = "+−×÷±∓∗⋅∘∪∩∧∨⊕⊗⊖∖"
# a hyphen-minus, a star and a middle dot are operations between two terms only: a middle dot
# parts words too ('Basics · 4 min', qbank's own labels), as a hyphen does ('Anki - a program')
_BETWEEN_TERMS = "\\-*"
# the relations typed in ASCII, the longest first
_ASCII_RELATIONS = "<=>|<->|<=|>=|!=|==|:=|->|=>"
_LEADING_SIGNS = "+−±∓-"
# the relations that compare, which may lead a number as a word does ('≥ 90 %': at least)
_COMPARISONS = "=≠<>≤≥≈"
# the Latin letters of a word, and its lower-case ones (× and ÷ left out)
_LOWER_LETTERS = "a-zß-öø-ÿ"
_LETTERS = f"A-ZÀ-ÖØ-Þ{_LOWER_LETTERS}"
# a formula's variables: a lone Latin or Greek letter, raised and lowered digits and letters
# after it, primes, a factorial, a fraction
_VARIABLE = "A-Za-zΑ-Ωα-ω"
_RAISED_LOWERED = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₙₘₖₗₚₛₜ"
_FRACTIONS = "½⅓⅔¼¾⅕⅙⅛"
_TERM_END = (
    f"(?:(?<=[0-9{_RAISED_LOWERED}{_FRACTIONS}′″)\\]}}!])|(?<=(?<![{_VARIABLE}])[{_VARIABLE}]))"
)
_TERM_START = (
    f"(?:[0-9{_FRACTIONS}(\\[{{√∛∜∑∏∫∞∂∇−±]|[{_VARIABLE}](?![{_VARIABLE}])"
    f"|(?:sin|cos|tan|log|ln|exp|lim)(?![{_VARIABLE}]))"
)
# FORMULA_SPACE with its relations and operations written once, as §, as the study page's
# script holds it (a page of every bank carries it)
FORMULA_PATTERN = (
    # before a relation or an operation, after a term (not after another sign: 'x = − 5'
    # breaks after its '=')
    f"(?<=[^\\s§(\\[{{,;:*\\-]) +(?=(?:{_ASCII_RELATIONS}|[§]) +[^\\s])"
    # before a minus, a times or a dot between two terms; not a dot before a count ('Part 2
    # · 4 min', qbank's own label)
    f"|{_TERM_END} +(?=(?:[{_BETWEEN_TERMS}]|·(?! +[0-9]+ +[^\\s0-9§(\\[{{√\\-])) +{_TERM_START})"
    # after a leading sign: at a text's or a line's start, after an opening bracket, or
    # after a relation, an operation or a comma and a blank; and after a function's name,
    # before its argument ('sin θ', 'log 2', 'ln (x)'), where TeX's '\sin θ' has no
    # breakpoint (a physics teacher's card set 'v₀·sin' over 'θ'), not after a word that
    # ends so ('cousin x')
    f"|(?:(?<=(?<![^\\n])[{_LEADING_SIGNS}])|(?<=[(\\[{{][{_LEADING_SIGNS}])"
    f"|(?<=[§,;:] [{_LEADING_SIGNS}])|(?<=(?<![{_VARIABLE}])(?:sin|cos|tan|log|exp|lim))"
    f"|(?<=(?<![{_VARIABLE}])ln)) +(?={_TERM_START})"
    # after a chemical equation's coefficient, before its formula ('2 H₂O', '3 H₂': mhchem
    # sets them '2H2O', no place to break)
    f"|(?:(?<=(?<![^\\s(])[0-9])|(?<=(?<![^\\s(])[0-9][0-9])) +(?=[A-Z][A-Za-z]*[₀-₉])"
    # after a comparison that leads a number: at a line's start or after an opening bracket,
    # or after a comma, a colon or a word's lower-case letters and a blank ('(≥ 0.5 mL/kg/h)',
    # 'si < 10/min', 'review; ≥ 7': 'at least', 'under' of the number; a phone's card set
    # 'output (≥' over '0.5 mL/kg/h)', a nursing educator's trial); after a term ('x ≥ 5',
    # 'SpO₂ ≥ 90 %', 'ΔT = 12') it is a relation
    f"|(?:(?<=(?<![^\\n(\\[{{])[{_COMPARISONS}])|(?<=[,;:] [{_COMPARISONS}])"
    f"|(?<=[{_LETTERS}][{_LOWER_LETTERS}] [{_COMPARISONS}])) +(?=[0-9])"
)
# each run it finds starts at a blank: the search tries its lookbehinds at a blank alone
FORMULA_SPACE = re.compile(
    "(?= )(?:" + FORMULA_PATTERN.replace("§", FORMULA_RELATIONS + FORMULA_OPERATIONS) + ")"
)
# a character reference in HTML's or reportlab's markup text ('&lt;', which a formula's '<'
# is written as)
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);")
# what a text that holds such a blank holds, the quick test before the search: a sign (or a
# function's name) with a blank after it, alone (in markup or a document's XML too, its '<'
# and '>' written as references, a run's text after a tag's '>', and the blank after the
# tags that close the sign's own run: the PDFs draw '−', '≤' and '→' in a fallback font,
# each in a <font> tag, and a text whose formulas held no other sign kept none of their
# blanks, a card setting 'divide by n' over '− 1': a statistics lecturer's trial)
_FORMULA_MARK = re.compile(
    f"(?:^|[\\s(\\[{{>])(?:{_ASCII_RELATIONS}|[{FORMULA_RELATIONS}{FORMULA_OPERATIONS}"
    f"{_BETWEEN_TERMS}·]|&lt;|&gt;)(?:<[^<>]*>)* "
    # or a function's name with a blank after it ('sin θ')
    f"|(?<![{_VARIABLE}])(?:sin|cos|tan|log|ln|exp|lim) "
)


# the characters after or before which a space may be kept (a quick test before the search)
SPACED_MARKS = SPACE_KEPT_BEFORE + SPACE_KEPT_AFTER + NUMBER_SIGNS


# the languages written right to left, as Chromium's Intl.Locale (CLDR's character order)
# says of each: ISO 639-1's, and the ISO 639-3 ones of Arabic, Hebrew and Syriac script it
# knows; and the scripts written so, for a tag that names its script (az-Arab, sd-Deva)
RIGHT_TO_LEFT_LANGUAGES = frozenset(
    "ae ar dv fa he iw ji ks ps sd ug ur yi arc azb bal bqi ckb glk lrc mzn nqo syr sdh prs pnb"
    " skr hnd khw brh bgn ota haz aii cld jpr jrb lad sam mde apc apd arq ary arz acm ajp aeb"
    " shu ssh uzs trw".split()
)
RIGHT_TO_LEFT_SCRIPTS = frozenset("arab hebr syrc thaa nkoo adlm rohg mand samr mend yezi".split())


# the strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, N'Ko ... and their
# presentation forms): a text without one is drawn as it comes, and costs one search
RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\u200f\u202b\u202e\u2067\ufb1d-\ufdff\ufe70-\ufefc"
    "\U00010800-\U00010fff\U0001e800-\U0001efff\U0010fb50-\U0010fefc]"
)


def has_right_to_left(text: str) -> bool:
    """Whether `text` holds a character written right to left."""
    return not text.isascii() and RIGHT_TO_LEFT.search(text) is not None


def is_right_to_left(language: str) -> bool:
    """Whether text in `language` (a language tag: ar, fa-IR, az-Arab) is written right to
    left: by its script subtag where it has one, else by its language."""
    language_subtag, *rest = re.split("[-_]", language.casefold())
    script = next((part for part in rest if len(part) == 4 and part.isalpha()), None)
    if script is not None:
        return script in RIGHT_TO_LEFT_SCRIPTS
    return language_subtag in RIGHT_TO_LEFT_LANGUAGES


def primary(language: str) -> str:
    """A language tag's language alone: 'de' of 'de-CH', lower case."""
    # as re.split("[-_]", language)[0], at a quarter of its cost: the booklet asks at each
    # paragraph's lines
    return language.partition("-")[0].partition("_")[0].lower()


def keeps_marks_spaced(language: str) -> bool:
    """Whether text in `language` (a language tag: fr, fr-CA) keeps the spaces beside its
    marks on one line with them: French does (see SPACE_KEPT_BEFORE)."""
    return primary(language) == "fr"


def may_keep_number_spaces(text: str) -> bool:
    """Whether `text` (or markup holding it) may hold a space that kept_spaces keeps beside
    a number: a quick test, whose false yes costs the search."""
    if _DIGIT.search(text) is None:
        return False
    return _NUMBER_MARK.search(text) is not None or _DIGIT_GROUP.search(text) is not None


def may_keep_spaces(text: str, language: str = "") -> bool:
    """Whether `text` (or markup holding it) may hold a space that kept_spaces keeps in
    `language`: a quick test, whose false yes costs the search."""
    if keeps_marks_spaced(language) and any(mark in text for mark in SPACED_MARKS):
        return True
    return may_keep_number_spaces(text) or may_keep_formula_spaces(text)


def markup_text(markup: str, start: int = 0, end: int | None = None) -> tuple[str, list[int]]:
    """The text of `markup` (HTML's or reportlab's, tags set aside by the caller) from
    `start` to `end`, and the place in `markup` of each of its characters: a character
    reference ('&lt;') as the character it stands for, so that kept_spaces reads a formula's
    '<'; one that stands for two (a rare named one) as a NUL, which no rule reads. The text
    between references is taken whole: read a character at a time, it took 11 million
    calls in a profile of a third of the test suite."""
    end = len(markup) if end is None else end
    text: list[str] = []
    where: list[int] = []
    at = start
    for found in _CHARACTER_REFERENCE.finditer(markup, start, end):
        text.append(markup[at : found.start()])
        where.extend(range(at, found.start()))
        char = html.unescape(found[0])
        text.append(char if len(char) == 1 else "\0")
        where.append(found.start())
        at = found.end()
    text.append(markup[at:end])
    where.extend(range(at, end))
    return "".join(text), where


def may_keep_formula_spaces(text: str) -> bool:
    """Whether `text` (or markup holding it) may hold a blank that kept_spaces keeps in a
    formula (FORMULA_SPACE): a quick test, whose false yes costs the search. A relation in
    markup is read as its characters: 'a &lt;= b' is 'a <= b'."""
    if "&" in text:
        text = html.unescape(text)
    return _FORMULA_MARK.search(text) is not None


def kept_spaces(text: str, language: str = "") -> list[tuple[int, int]]:
    """The (start, end) of each run of plain spaces in `text` that no line may break at: a
    run between a number and a sign of NUMBER_SIGNS, a unit's symbol of UNIT_SYMBOLS or a
    currency's code after it, or a currency's sign or code and the amount after it, in any
    language; in French
    (`language`, see keeps_marks_spaced), also a run between a word and a mark of
    SPACE_KEPT_BEFORE, or after one of SPACE_KEPT_AFTER and before a word; in a formula, in
    any language, a run before a relation or an operation, or after a leading sign
    (FORMULA_SPACE). A no-break space keeps its words together anyway."""
    found = _kept_number_spaces(text)
    if may_keep_formula_spaces(text):
        spans = set(found)
        found += [m.span() for m in FORMULA_SPACE.finditer(text) if m.span() not in spans]
    if keeps_marks_spaced(language):
        found += [m.span() for m in _KEPT_SPACE.finditer(text)]
    return sorted(found)


def _kept_number_spaces(text: str) -> list[tuple[int, int]]:
    """The runs of _KEPT_NUMBER_SPACE in `text`: tried only at the blanks beside a digit,
    which each of them is (a search at every character took four times as long)."""
    found: list[tuple[int, int]] = []
    if _DIGIT.search(text) is None:
        return found
    for near in _NEAR_DIGIT.finditer(text):
        kept = _KEPT_NUMBER_SPACE.match(text, near.start())
        if kept is not None and (not found or found[-1] != kept.span()):
            found.append(kept.span())
    return found


def line_words(text: str) -> list[str]:
    """The words of `text` between the blanks a line may end at: a no-break space is part
    of a word ("stable\u202f?" is one), where str.split would cut it."""
    return [word for word in _LINE_BLANKS.split(text) if word]


def holds_line_break(text: str) -> bool:
    """A line break in `text` (a newline, or Unicode's line or paragraph separator): what
    a name or a one-line description may not hold, as it is a heading or a label's line."""
    return "\n" in text or "\u2028" in text or "\u2029" in text


def one_line(text: str) -> str:
    """Bank text for a single line (a header, a label, a bookmark, a property): any run of
    whitespace, tabs and line breaks included, becomes one space, so that no control
    character is drawn; a no-break space stays itself."""
    return " ".join(line_words(text))


def shorten(
    text: str, room: float, measure: Callable[[str], float] = len, *, at_word: bool = False
) -> str:
    """`text` as it is if `measure(text)` is within `room`; else its longest start that is
    within `room` with an ellipsis after it: cut after the last whole word that fits if
    `at_word` (and a word fits), else anywhere; never inside a quote or bracket left open
    (cut before it, or, where that would drop more than half, close it after the ellipsis).
    `measure` is `len` for a limit in characters, or a width in the font of a line."""
    if measure(text) <= room:
        return text
    low, high = 0, len(text)  # the longest start that fits with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle] + ELLIPSIS) <= room:
            low = middle
        else:
            high = middle - 1
    end = low
    # a space that kept_spaces keeps on a line ends no word: '1 000 000 €' was cut after
    # its '1', a number a thousand times smaller
    kept: set[int] = set()
    if at_word:
        kept = {at for start, stop in kept_spaces(text) for at in range(start, stop)}
        cut = _word_end(text, low + 1, kept)  # a space may end the part that fits
        if cut > 0:
            end = cut
    pairs = _pairs(text)
    shown = _before_unclosed(text[:end].rstrip(), pairs)
    closers = ""
    if shown is None:  # a quote opened early: closed after the ellipsis, where it fits
        while end > 0:
            closers = "".join(reversed([pairs[m] for _, m in _unclosed(text[:end], pairs)]))
            if measure(text[:end].rstrip() + ELLIPSIS + closers) <= room:
                break
            # a word less, with `at_word` ('«Una cita larga d…»' was cut inside a word)
            end = max(_word_end(text, end, kept), 0) if at_word else end - 1
        shown = text[:end].rstrip()
        closers = "".join(reversed([pairs[m] for _, m in _unclosed(shown, pairs)]))
    return (shown.rstrip(",;:") if at_word else shown) + ELLIPSIS + (closers if shown else "")


def _word_end(text: str, before: int, kept: Collection[int]) -> int:
    """The last space of `text` before index `before` that is not in `kept`, or -1."""
    cut = text.rfind(" ", 0, before)
    while cut > 0 and cut in kept:
        cut = text.rfind(" ", 0, cut)
    return cut


# the quotes and brackets a shortened text may cut inside of, each with the mark that
# closes it ('Piensa en el «de…' was left open on a packet's plan): English's “ is closed
# by ”, German's and Polish's „ by “ or ” (its two closers: the first is the one written
# after the ellipsis). A straight " is no pair (an inch mark: '27" Monitor'), nor ’ alone
# (an apostrophe)
PAIRS = {
    "“": "”", "„": "“”", "‘": "’", "‚": "‘’", "(": ")", "[": "]", "{": "}",
    "「": "」", "『": "』", "《": "》", "〈": "〉", "【": "】", "（": "）",
}  # fmt: skip


def _pairs(text: str) -> dict[str, str]:
    """PAIRS with the guillemets as `text` uses them: French and Spanish open with «,
    German and Danish with » ('Er sagte »Hallo«'), whichever comes first in it."""
    german = 0 <= text.find("»") < text.find("«") or ("»" in text and "«" not in text)
    guillemets = {"»": "«", "›": "‹"} if german else {"«": "»", "‹": "›"}
    return (
        {opener: closers[0] for opener, closers in PAIRS.items()}
        | guillemets
        | {f"{opener}+": closers for opener, closers in PAIRS.items() if len(closers) > 1}
    )


def _unclosed(text: str, pairs: dict[str, str]) -> list[tuple[int, str]]:
    """The quotes and brackets of `pairs` (_pairs) opened in `text` and not closed, with
    where each is, the first opened first."""
    opened: list[tuple[int, str]] = []
    for at, char in enumerate(text):
        if opened and char in pairs.get(f"{opened[-1][1]}+", pairs[opened[-1][1]]):
            opened.pop()
        elif char in pairs:
            opened.append((at, char))
    return opened


def _before_unclosed(text: str, pairs: dict[str, str]) -> str | None:
    """`text` cut before the first quote or bracket it leaves open, when that keeps at
    least half of it ('Piensa en el' of 'Piensa en el «de'), else None (to close them); `text`
    itself when it leaves none open."""
    opened = _unclosed(text, pairs)
    if not opened:
        return text
    before = text[: opened[0][0]].rstrip()
    return before if len(before) * 2 >= len(text) else None


# HTML that no line breaks in: an inline style, as a text import's Basic note type has no
# style sheet of ours
NO_BREAK = '<span style="white-space:nowrap">'
# a card back's heading ("Hint", "Note", "Follow-ups") to a screen reader: they were plain
# text, no heading to go to (a phone trial); as templates/anki/back.html says it
HEADING_ROLE = 'role="heading" aria-level="2"'
# A run of code kept on its row (KEPT_IN_CODE) longer than this, in characters, may be wider
# than a phone's row (some 20 of a question's code at its size on a card): in the class
# qb-wide, which the deck's style sheet lets break where it is wider than a row (a phone
# trial's 'Get-AzureADServicePrincipalOwnedObject' ran 80 px out of a 360 px card)
KEPT_NARROW = 20
WIDE_NO_BREAK = '<span style="white-space:nowrap" class="qb-wide">'


def no_break(length: int) -> str:
    """The opening tag of a run of code of `length` characters that no line breaks in."""
    return NO_BREAK if length <= KEPT_NARROW else WIDE_NO_BREAK


# A word that holds a web address, with what opens and closes it ('(https://x.org/a?b=c).'),
# in text or in HTML's text between its tags
ADDRESS_WORD = re.compile(r"[^\s<>]*[A-Za-z][A-Za-z0-9+.-]*://[^\s<>]+")
# HTML whose text a row breaks wherever it must (an inline style, as NO_BREAK)
BREAKS_ANYWHERE = '<span style="overflow-wrap:anywhere">'


# In a web address, each run of its signs (? / = & . -) with the letter or digit beside it
# on either side: a run no line breaks in (address_html)
_ADDRESS_SIGNS = re.compile(r"[^\W_]?[\W_](?:[^\W_]?[\W_])*[^\W_]?")


def address_html(address: str) -> str:
    """A web address as HTML that a row takes whole where it fits one, and breaks at the
    row's width where it is wider: each of its signs in a span no line breaks in with the
    characters beside it (_ADDRESS_SIGNS), so that a browser finds no place to break the
    address but the last resort of overflow-wrap. Chromium broke
    'https://example.org/search?' from 'q=kql&lang=en' at a row's end where the address
    fitted the next row whole (a review). Every character literal."""
    runs = [found.span() for found in _ADDRESS_SIGNS.finditer(address)]
    return f"{BREAKS_ANYWHERE}{kept_options(address, runs)}</span>"


# A command's option in code ('--upgrade', '-r', '--'): whole when its name (up to a blank
# or '=') is at most 18 characters, else its hyphens and the character after them. A line
# never breaks in it: Chromium broke a code span between the hyphens or after them, 'pip
# install -' over '-upgrade', which a learner read and typed as '- -upgrade' (a trial).
# After a blank, or an opening quote or bracket: an argument list's '["get", "--all-
# namespaces"]' broke on a card after '"--' (a visual review), where the row after held it.
OPTION_START = re.compile(r"""(?<![^\s"'(\[{])(?:-+[^\s=-][^\s=]{0,17}(?![^\s=])|-+[^\s-]|--+)""")
# A hyphenated word in code ('2026-01-01', 'max-width', a UUID): a line never breaks after
# one of its hyphens. Chromium broke a code span there, '2026-01-' over '01', a UUID's groups
# over two rows of a card (a trial), which read as two words; a U+2011 in its place would be
# copied and typed. Whole when it is at most 18 characters, as an option is (a search of a
# card's stored HTML finds it: docs/clients/anki.md), else each hyphen with the word after
# it, so that a word wider than a phone's row still breaks where the row ends, before a
# hyphen, and each of its words is found whole (with the character after it alone,
# 'grid-template-columns' was stored 'grid<span>-t</span>emplate...': a search for
# 'columns' found nothing, a review).
WORD_HYPHEN = re.compile(r"(?<![\w-])(?=[\w-]{3,18}(?![\w-]))\w+(?:-\w+)+|(?<=\w)-\w+")
# Where no line of code breaks: an option's start and each hyphen inside a word. The study
# page's script keeps the same runs, by this very expression (html/app.js: its \w spelled
# [\p{L}\p{N}_], Python's \w).
KEPT_IN_CODE = re.compile(f"{OPTION_START.pattern}|{WORD_HYPHEN.pattern}")
# Where a code line may break besides its blanks, on a screen (a <wbr>, which adds no text
# to what is copied): after an opening bracket or a comma that no blank follows, and after
# a dot before a name that a dot or a bracket follows ('self.' | 'retry_policy.limit()'),
# not a number's, a file's ('install.sh') nor an address's. A phone's row ended a long call
# inside a name, 'first_argume' over 'nt_value', where 'some_function_name(' could have
# ended it (a programming teacher's trial). Not after the '[' of a short index closed on
# the same row ('choices[0]', 'row["id"]', 'xs[i + 1]'): a row ended 'choices[' over '0]'.
# The study page's script breaks by the same expression (html/app.js: its \w spelled
# [\p{L}\p{N}_], its [^\W\d] [\p{L}_]).
CODE_BREAK = re.compile(
    r"(?<=[({,])(?=[^\s)\]}])|(?<=\[)(?=[^\s)\]}])(?![^\[\](){},\n]{1,16}\])"
    r"|(?<=\w\.)(?=[^\W\d]\w*[.(\[])"
)


def code_html(code: str) -> str:
    """An inline code span's HTML: every character literal, each option's start and each
    hyphen inside a word (KEPT_IN_CODE) in a span no line breaks in, and nothing added to
    the text."""
    return f"<code>{kept_options(code)}</code>"


# The longest code span with an option in it that an LMS file keeps on one line whole: a
# phone's 320 pixels hold some 32 characters of Moodle's or Canvas's code (13 to 14 px)
KEPT_WHOLE = 30


def plain_code_html(code: str) -> str:
    """An inline code span's HTML for the LMS files, whose stored HTML a teacher searches
    and edits: its characters with as few tags between them as keep each option
    (OPTION_START) on its row ('"install --upgrade"' finds no text whose option is in a span
    of its own; Moodle's text filter matches the stored HTML). Chromium broke
    'pip install --upgrade' in Moodle's code as 'pip install -' over '-upgrade'. One of at
    most KEPT_WHOLE characters with an option in it has no line break at all, a style on
    the <code> itself; a longer one breaks at blanks only, between runs of its words of at
    most KEPT_WHOLE characters each (kept_words), those with an option in a span no line
    breaks in; Moodle's HTMLPurifier and Canvas's sanitizer keep both styles."""
    if not OPTION_START.search(code):
        return f"<code>{html.escape(code, quote=False)}</code>"
    if len(code) <= KEPT_WHOLE:
        return f'<code style="white-space:nowrap">{html.escape(code, quote=False)}</code>'
    return f"<code>{kept_options(code, kept_words(code))}</code>"


def kept_words(code: str) -> list[tuple[int, int]]:
    """Where a line of a long code span may not break, as (start, end): runs of its words,
    each as many as fit in KEPT_WHOLE characters, that hold an option (OPTION_START); in a
    word longer than that, the option's start alone (kept_runs)."""
    words: list[tuple[int, int]] = []
    for word in re.finditer(r"\S+", code):
        if words and word.end() - words[-1][0] <= KEPT_WHOLE:
            words[-1] = (words[-1][0], word.end())
        else:
            words.append(word.span())
    kept: list[tuple[int, int]] = []
    for start, end in words:
        if end - start > KEPT_WHOLE:  # a run longer than a phone's line is no option's
            # start ('-' * 40, a rule: a review); a teacher's search of the stored HTML
            # finds '2026-01-01' only with its hyphens in no span of their own
            runs = kept_runs(code[start:end], words=False)
            kept += [(start + a, start + b) for a, b in runs if b - a <= KEPT_WHOLE]
        elif OPTION_START.search(code[start:end]):
            kept.append((start, end))
    return kept


def kept_options(code: str, runs: list[tuple[int, int]] | None = None) -> str:
    """`code` as HTML, every character literal, each option's start and each hyphen inside
    a word (KEPT_IN_CODE: the deck's, a long one in the class the deck lets break where it
    is wider than a row, no_break), or each of `runs` (start, end: the LMS files', whose
    stored HTML stays as it was), in a span no line breaks in (NO_BREAK)."""
    parts, at = [], 0
    for start, end in kept_runs(code) if runs is None else runs:
        kept = html.escape(code[start:end], quote=False)
        opening = no_break(end - start) if runs is None else NO_BREAK
        parts += [html.escape(code[at:start], quote=False), f"{opening}{kept}</span>"]
        at = end
    parts.append(html.escape(code[at:], quote=False))
    return "".join(parts)


def kept_runs(code: str, lead: int = 0, words: bool = True) -> list[tuple[int, int]]:
    """Where no line of `code` may break, as (start, end): its first `lead` characters
    (a code block line's indentation and first character), each option's start and, with
    `words`, each hyphen inside a word (KEPT_IN_CODE); runs that overlap made one. Runs
    that only meet stay two, so that 'a-b-c-d...' may break between them where it must
    (before a hyphen, where no line breaks unless the word is wider than the row)."""
    runs = [(0, lead)] if lead else []
    for match in (KEPT_IN_CODE if words else OPTION_START).finditer(code):
        if runs and match.start() < runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], match.end()))
        else:
            runs.append(match.span())
    return runs


def code_breaks(code: str, runs: Sequence[tuple[int, int]] | None = None) -> list[int]:
    """Where a line of `code` may break besides its blanks, rising: each place CODE_BREAK
    finds outside the runs no line breaks in (`runs`, by default kept_runs(code)). The
    study page and the deck put a <wbr> there, and the PDFs prefer it to a cut inside a
    name (highlight.wrap, separator_cuts)."""
    runs = kept_runs(code) if runs is None else runs
    starts = [start for start, _ in runs]  # sorted, the runs apart or only meeting

    def kept(at: int) -> bool:
        i = bisect.bisect_left(starts, at) - 1  # the last run that starts before `at`
        return i >= 0 and at < runs[i][1]

    return [found.start() for found in CODE_BREAK.finditer(code) if not kept(found.start())]


def to_html(text: str, separators: bool = False, code: Callable[[str], str] = code_html) -> str:
    """HTML for Anki fields: every character literal, code spans as <code> (`code`: by
    default `code_html`, its options kept whole), breaks kept. With `separators`, a line or
    paragraph separator (U+2028, U+2029) stays before the <br> it is shown as, which a
    browser does not draw, so that an import gives it back.

    Quotes stay as they are: the text only ever stands between tags, never in an attribute,
    and Anki's search matches a field's stored text (`model's`, not `model&#x27;s`)."""
    parts = []
    for run in runs(text):
        parts.append(code(run.text) if run.code else html.escape(run.text, quote=False))
    if separators:
        return _LINE_BREAK.sub(lambda m: m[0].strip("\n") + "<br>", "".join(parts))
    return _LINE_BREAK.sub("<br>", "".join(parts))


def to_reportlab(text: str, code_font: str, code: bool = True) -> str:
    """reportlab Paragraph markup: every character literal, code spans in `code_font`
    (none when not `code`: a text whose spans were taken off already, backticks its own)."""
    parts = []
    for run in runs(text) if code else [Run(text)]:
        escaped = _escape_reportlab(run.text)
        parts.append(f'<font face="{code_font}">{escaped}</font>' if run.code else escaped)
    return _LINE_BREAK.sub("<br/>", "".join(parts))


def _escape_reportlab(text: str) -> str:
    # reportlab's parser also unescapes entities and collapses runs of spaces; escape the
    # markup characters and keep runs of spaces with layout spaces after the first.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"  +", lambda m: " " + LAYOUT_SPACE * (len(m.group()) - 1), escaped)


def missing_characters(text: str, has_glyph) -> list[str]:
    """Characters of `text` (once each, in order) for which `has_glyph(codepoint)` is false."""
    # each distinct character once: a long text repeats a few dozen characters
    return [c for c in dict.fromkeys(text) if not c.isspace() and not has_glyph(ord(c))]


def shows_nothing(text: str) -> bool:
    """Blank, or only characters that draw nothing besides blanks (format characters: a
    zero-width space, a word joiner, U+FEFF): a text every artifact shows as empty."""
    # the first character that is neither a blank nor a format character settles it: most
    # texts' first (the loader asks this of every text of a bank)
    for c in text:
        if not c.isspace() and unicodedata.category(c) != "Cf":
            return False
    return True


def unseen_characters(text: str) -> str:
    """The characters of a text that `shows_nothing`, each once, for a message:
    'U+200B (ZERO WIDTH SPACE)'."""
    unseen = dict.fromkeys(c for c in text if not c.isspace())
    return and_list([f"U+{ord(c):04X} ({unicodedata.name(c, 'unnamed')})" for c in unseen])


def describe_characters(chars: Iterable[str]) -> str:
    """'U+1F600 😀, U+4E2D 中' for a warning message."""
    return ", ".join(f"U+{ord(c):04X} {c}" for c in chars)


def _folded(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word closest to `word`, ignoring case and how its accents are stored, or
    None when none is close; of known words alike but for case or accents, the first."""
    by_folded: dict[str, str] = {}
    for k in known:
        by_folded.setdefault(_folded(k), k)
    close = difflib.get_close_matches(_folded(word), list(by_folded), n=1, cutoff=0.6)
    return by_folded[close[0]] if close else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """'; did you mean 'x'?' for the closest known word, ignoring case, or nothing. A word
    that differs only in how its accents are stored (é as one character, or as e and a
    combining mark, as macOS and some copying write it) looks the same as the known one, so
    the question would make no sense: it says so instead."""
    close = closest(word, known)
    if close is None:
        return ""
    if unicodedata.normalize("NFC", word) == unicodedata.normalize("NFC", close):
        return (
            f"; it looks like '{close}' but its accents are stored as separate marks (or the"
            " other way round), as some editors and copying write them: type it again"
        )
    return f"; did you mean '{close}'?"


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's "CSV
# injection"): `=cmd|' /C calc'!A0`. A leading apostrophe makes it text in Excel,
# LibreOffice and Google Sheets. LibreOffice Calc 7.4 shows the apostrophe of a CSV it
# opens (a trial saw '=-log10([H+]) in its cell), and import takes it off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# what Excel and LibreOffice Calc write in a cell whose formula failed, when it is saved:
# a text that is one of these is guarded as a formula is, so that import, which refuses a
# cell that holds one, takes it back (a hostile trial's hint "Err:509")
ERROR_VALUE = re.compile(
    r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!"
    r"|BUSY!|UNKNOWN!|GETTING_DATA)|Err:\d{3}",
    re.IGNORECASE,  # Excel reads '#n/a' as #N/A
)


# a text that a spreadsheet reads as a number, and writes back as it shows that number
# (a comma before the decimals in much of Europe: 1,00E+05), with a percent sign (50%,
# which Calc may save as 50.00%), or in brackets, an accountant's negative ((5) as -5).
# LibreOffice Calc 7.4 also read (measured, as _DAY_MONTH was) a number with its thousands
# grouped (1,000,000.5 in English, 1.000.000,5 in German, detecting special numbers or
# not: 1000000.5), with a blank before its percent sign (5 %: 5.00%), a minus after it
# (5-: -5), or with a currency's sign before or after it ($5 and 5 $ in English: $5.00;
# 5 € and €5 in German: 5.00), its sign before a minus or brackets ($-5, $ -5 and $(5) in
# English: -$5.00) or a blank before a minus after it (5 -: -5). In a French locale it read
# digits grouped by a space or a no-break space (1 000, 1 000,5) and wrote them back
# 1000 and 1000,5; it kept them grouped by a narrow no-break space, which newer French
# locales group with, as text (measured: LibreOffice 7.4, locale fr-FR, CSV and .xlsx)
_GROUP_BLANKS = " \u00a0\u202f"
_NUMBER = re.compile(
    r"(?P<currency>[$€]\s?)?(?P<minus>\()?(?P<sign>[-+])?(?(currency)|(?:[$€]\s?)?)"
    r"(?P<number>(?:(?P<plain>[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)"
    r"|(?P<commas>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?)"
    r"|(?P<dots>[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]*)?)"
    rf"|(?P<blanks>[0-9]{{1,3}}(?P<blank>[{_GROUP_BLANKS}])[0-9]{{3}}(?:(?P=blank)[0-9]{{3}})*"
    r"(?:,[0-9]*)?))"
    r"(?:[eE][-+]?[0-9]{1,3})?)(?:\s?[$€])?(?:(?P<percent>\s?%)|(?P<after>\s?-))?(?(minus)\))"
)
# a time of day or a duration as LibreOffice Calc 7.4 reads it, detecting special numbers:
# 12:30, 1:2 (01:02:00), 100:30, 10 am and 1:30 PM (01:30:00 PM); 13 pm, 1:60 and
# 10:30 a.m. stay text (measured)
_TIME = re.compile(
    r"(?P<h>[0-9]{1,9})(?::(?P<m>[0-5]?[0-9])(?::(?P<s>[0-5]?[0-9]))?)?(?:\s?(?P<half>[ap]m))?",
    re.IGNORECASE,
)


def _seconds(time: re.Match[str]) -> int | None:
    """The seconds since midnight of a `_TIME` match, or None where it is no time (a bare
    number, an hour past 12 before am or pm)."""
    hours, half = int(time["h"]), (time["half"] or "").lower()
    if time["m"] is None and not half or half and hours > 12:
        return None
    if half:
        hours = hours % 12 + (12 if half == "pm" else 0)
    return hours * 3600 + int(time["m"] or 0) * 60 + int(time["s"] or 0)


def as_number(text: str) -> Decimal | None:
    """The number a spreadsheet reads in `text` ('007', '1e5', '0.10', '1,5', '50%', '(5)',
    '1,000,000', '$5', '5-', a time of day as the part of a day it is: '12:30', '10 am'),
    or None."""
    text = text.strip()
    if (time := _TIME.fullmatch(text)) and (seconds := _seconds(time)) is not None:
        return Decimal(seconds) / 86_400
    if (found := _NUMBER.fullmatch(text)) is None:
        return None
    digits = found["number"]
    if found["commas"]:
        digits = digits.replace(",", "")
    elif found["dots"]:
        digits = digits.replace(".", "")
    elif found["blanks"]:
        digits = digits.replace(found["blank"], "")
    number = Decimal(digits.replace(",", "."))
    number = number / 100 if found["percent"] else number
    negative = [bool(found["minus"]), found["sign"] == "-", bool(found["after"])].count(True) % 2
    return -number if negative else number


# a number as a spreadsheet writes it back: no zero before its digits or after its
# decimals, no exponent, and at most the 15 digits a spreadsheet's number holds
# (LibreOffice Calc 7.4 saved 1234567890123456789 as 1.23456789012346E+018: measured)
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]*[1-9])?")


# a number's digits grouped in threes as French groups them (1 000, -12 345,5): what
# LibreOffice Calc in a French locale wrote for a number in a column formatted with
# thousands, with no-break spaces (measured, as _NUMBER was)
_GROUPED = re.compile(
    rf"(?P<whole>-?[0-9]{{1,3}}(?P<blank>[{_GROUP_BLANKS}])[0-9]{{3}}(?:(?P=blank)[0-9]{{3}})*)"
    r"(?P<decimals>,[0-9]+)?"
)


def number_spellings(cell: str) -> list[str]:
    """The texts a spreadsheet most often writes back as the number `cell` (as it writes
    numbers: _PLAIN_NUMBER, or with a decimal comma, as a French or German one does): with
    zeros after its decimals (0.10 as 0.1, 2.0 as 2), before its digits (007 as 7) or no
    zero before its point (.5 as 0.5), and, for one whole or with a decimal comma, its
    digits grouped as French groups them (1 000 as 1000); `cell` itself first. A number in
    groups (1 000, as a spreadsheet shows a column formatted with thousands) is any text of
    that number ungrouped (1000). A number spelt otherwise (1e5 as 100000) is not among
    them."""
    if (grouped := _GROUPED.fullmatch(cell)) is not None:
        whole = grouped["whole"].replace(grouped["blank"], "")
        return list(dict.fromkeys([cell, *number_spellings(whole + (grouped["decimals"] or ""))]))
    comma = "," in cell
    if comma and ("." in cell or cell.count(",") > 1):
        return []
    plain = cell.replace(",", ".")
    if not _PLAIN_NUMBER.fullmatch(plain):
        return []
    sign, digits = ("-", plain[1:]) if plain.startswith("-") else ("", plain)
    whole, _, decimals = digits.partition(".")
    # a whole number is how an English spreadsheet writes 2.0 and a French one 2,0
    points = (",",) if comma else (".", ",") if not decimals else (".",)
    spellings = [cell]
    for point in points:
        for before in ("", "0", "00", "000"):
            for after in ("", "0", "00", "000", "0000"):
                tail = decimals + after
                spellings.append(sign + before + whole + (point + tail if tail else ""))
                if whole == "0" and tail and not before:
                    spellings.append(sign + point + tail)
                if len(whole) > 3 and not before and point == ",":
                    groups = [whole[max(0, end - 3) : end] for end in range(len(whole), 0, -3)]
                    spellings += [
                        sign + blank.join(reversed(groups)) + (point + tail if tail else "")
                        for blank in _GROUP_BLANKS
                    ]
    return list(dict.fromkeys(spellings))


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# a text that a spreadsheet reads as a date: LibreOffice Calc, detecting special numbers,
# saved 1/2 as 01/02/26 and Jan-24 as 01/24/26 (measured); Excel made the gene SEPT2 a
# date, 2-Sep, and MARCH1 1-Mar (Ziemann, Eren and El-Osta, Genome Biology 2016)
_DATE = re.compile(
    rf"[0-9]{{1,4}}/[0-9]{{1,2}}(?:/[0-9]{{1,4}})?|{_MONTH}[-/ ]?[0-9]{{1,4}}(?:,? [0-9]{{1,4}})?"
    rf"|[0-9]{{1,2}}[-/ ]{_MONTH}(?:[-/ ][0-9]{{2,4}})?",
    re.IGNORECASE,
)
# dates LibreOffice Calc 7.4 rewrote too, detecting special numbers (measured: a sheet of
# 200 texts opened in English, and in German with `;`, and saved back): a day and month as
# German writes them, 1.5. and 3.4.2025 (05/01/26, 04/03/25), and a date with its year
# first but a month or day without its zero, 2025-3-4, or a time after it (2025-03-04,
# 2025-03-04 10:00:00). It kept 3-4, 12-05, 2-3 hours, 3.4 and 2025-03-04 as typed, and a
# day no month has (31.2., 13.13., 2025-2-30)
_DAY_MONTH = re.compile(r"(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?:[0-9]{1,2}|[0-9]{4,5})?")
_YEAR_FIRST = re.compile(
    r"(?:[0-9]{2}|[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"
    r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
)
_AS_WRITTEN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # a date as Calc writes it back
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # 29.2. is a date in a leap year


def _a_date(text: str) -> bool:
    """Whether a spreadsheet reads `text` as a date (or a date and time) and writes it
    back otherwise."""
    if _DATE.fullmatch(text):
        return True
    found = _DAY_MONTH.fullmatch(text) or _YEAR_FIRST.fullmatch(text)
    if found is None or _AS_WRITTEN.fullmatch(text):
        return False
    month, day = int(found["m"]), int(found["d"])
    return 1 <= month <= 12 and 1 <= day <= _DAYS[month - 1]


# words Calc reads as a truth value and writes back in capitals: true and True (English),
# wahr and falsch (German), as TRUE and FALSE (measured, as _DAY_MONTH was)
_TRUTHS = frozenset({"true", "false", "wahr", "falsch"})


def rewritten_number(text: str) -> bool:
    """Whether a spreadsheet reads `text` as a number, a date or a time and writes it back
    otherwise: LibreOffice Calc saved the id 007 as 7, 1e5 as 100000 or 1.00E+05, 0.10 as
    0.1, 1/2 as 01/02/26 (a trial), 1.5. as 05/01/26 and 1:2 as 01:02:00 (measured)."""
    if _a_date(text.strip()):
        return True
    if text.strip().casefold() in _TRUTHS and text.strip() not in ("TRUE", "FALSE"):
        return True
    if as_number(text) is None:
        return False
    plain = _PLAIN_NUMBER.fullmatch(text)
    return plain is None or sum(c.isdigit() for c in text.lstrip("-0.")) > 15


# a date as LibreOffice Calc 7.4 writes one back (measured): 01/02/26 or, its cells not
# saved as shown, 01/02/2026 (English: month first); 01.05.26 or 01.05.2026 (German);
# 2025-03-04 (its year first)
_WRITTEN_DATES = (
    re.compile(r"(?P<m>[0-9]{2})/(?P<d>[0-9]{2})/(?P<y>[0-9]{2}|[0-9]{4})"),
    re.compile(r"(?P<d>[0-9]{2})\.(?P<m>[0-9]{2})\.(?P<y>[0-9]{2}|[0-9]{4})"),
    re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})"),
)
# the dates Calc reads in a text, as (year or None, month, day): 1/2 is the 2nd of
# January in English, Jan-24 the 24th of January in English and January 2024 in German
_READ_DATES = (
    re.compile(r"(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})(?:/(?P<y>[0-9]{1,4}))?"),
    re.compile(r"(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{1,2}|[0-9]{4,5})?"),
    re.compile(r"(?P<y>[0-9]{2}|[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"),
    re.compile(rf"(?P<month>{_MONTH})[-/ ]?(?P<d>[0-9]{{1,2}}),? (?P<y>[0-9]{{1,4}})", re.I),
    re.compile(rf"(?P<month>{_MONTH})[-/ ]?(?P<d>[0-9]{{1,2}})", re.I),
    re.compile(rf"(?P<month>{_MONTH})[-/ ]?(?P<y>[0-9]{{2}}|[0-9]{{4}})", re.I),
)
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def _full_year(year: str) -> int:
    """A year as Calc reads it: 0 to 29 are 2000 to 2029, 30 to 99 1930 to 1999."""
    number = int(year)
    return number if len(year) > 2 else number + (2000 if number < 30 else 1900)


def _read_dates(text: str) -> set[tuple[int | None, int, int]]:
    found = set()
    for pattern in _READ_DATES:
        if read := pattern.fullmatch(text):
            named = read.groupdict()
            name = named.get("month")
            month = _MONTHS.index(name[:3].lower()) + 1 if name else int(named["m"])
            year = _full_year(named["y"]) if named.get("y") else None
            found.add((year, month, int(named.get("d") or 1)))
    return found


def written_as_date(cell: str, text: str) -> bool:
    """Whether `cell` is the date a spreadsheet reads in `text`, as it writes it back: the
    bank's 1/2 saved by LibreOffice Calc as 01/02/26, 01/02/2026 or 2026-01-02, 1.5. as
    01.05.26 (a text without its year is of any year: the one Calc opened it in)."""
    written = next((w for p in _WRITTEN_DATES if (w := p.fullmatch(cell.strip()))), None)
    if written is None:
        return False
    date = (_full_year(written["y"]), int(written["m"]), int(written["d"]))
    readings = _read_dates(text.strip())
    return date in readings or (None, *date[1:]) in readings


def typed_as_date(cell: str, years: Collection[int] | None = None) -> str | None:
    """What was most likely typed where `cell` is only a date of one of `years` as a
    spreadsheet writes one back (01/02/26 or 01/02/2026: 1/2, as LibreOffice Calc in English
    reads it, 14/07/26: 14/7 in French or British English; 01.05.26: 1.5., in German), else
    None: a new question's hint typed 1/2 came back 01/02/26, said nowhere (a new user's
    trial). A spreadsheet gives a day and month typed the year it reads them in, so a date
    of another year (14/07/1789) was typed so; one of its year first (2026-01-02) is most
    likely meant. `years`: this one and the last by default (a sheet typed in December).
    """
    if years is None:
        this = datetime.date.today().year
        years = (this, this - 1)
    for pattern in _WRITTEN_DATES[:2]:
        if written := pattern.fullmatch(cell.strip()):
            year = int(written["y"])
            if not any(year in (y, y % 100) for y in years):
                return None
            month, day = int(written["m"]), int(written["d"])
            if "/" in cell and month > 12:  # day first, as most of the world writes it
                month, day = day, month
            if not (1 <= month <= 12 and 1 <= day <= _DAYS[month - 1]):
                return None
            first, second = cell.strip().replace(".", "/").split("/")[:2]
            if "/" in cell:
                return f"{int(first)}/{int(second)}"
            return f"{int(first)}.{int(second)}."
    return None


def written_as_truth(cell: str, text: str) -> bool:
    """Whether `cell` is the truth value a spreadsheet reads in `text` as it writes it
    back: the bank's true saved as TRUE, wahr as TRUE, or as WAHR by a German Calc."""
    truths = {"true": True, "wahr": True, "false": False, "falsch": False}
    said, own = truths.get(cell.strip().casefold()), truths.get(text.strip().casefold())
    return said is not None and said == own and cell.strip() != text.strip()


def _needs_guard(text: str, numbers: bool = False) -> bool:
    # a text that already starts with the guard is guarded again, so that removing one
    # guard on import gives back exactly what was exported
    bare = text.lstrip("'")
    return (
        bare.startswith(FORMULA_START)
        or ERROR_VALUE.fullmatch(bare.strip()) is not None
        or (numbers and rewritten_number(bare))
    )


def formula_guarded(text: str, numbers: bool = False) -> str:
    """`text` as a spreadsheet cell that no spreadsheet takes for a formula; with `numbers`,
    nor for a number it would write back otherwise (a bank's sheet, whose texts must come
    back as they went: not a debrief's scores)."""
    return "'" + text if _needs_guard(text, numbers) else text


def formula_unguarded(cell: str, numbers: bool = False) -> str:
    """A cell's text with the guard of `formula_guarded` taken off again."""
    return cell[1:] if cell.startswith("'") and _needs_guard(cell[1:], numbers) else cell


class RowWriter:
    """A csv.writer for rows a program other than a spreadsheet reads too: a row whose first
    cell starts with '#' is written with every cell quoted, since Anki's text import (and
    qbank's, for Anki's `#key:value` headers) takes a line that starts with '#' for a
    comment or a header, and dropped such a question without a word."""

    def __init__(self, out: TextIO, delimiter: str, lineterminator: str) -> None:
        self._plain = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)
        self._quoted = csv.writer(
            out, delimiter=delimiter, lineterminator=lineterminator, quoting=csv.QUOTE_ALL
        )

    def writerow(self, row: Sequence[str]) -> None:
        hashed = bool(row) and row[0].startswith("#")
        (self._quoted if hashed else self._plain).writerow(row)


# Letters that have no ASCII letter inside them (NFKD keeps them whole), as they are
# written in ASCII: Latin ones, Greek (ELOT 743, without its accents) and Cyrillic (Russian
# and Ukrainian, as in passports): "Größe" is grosse, not groe; "что" chto, not nothing
_SPELT = str.maketrans(
    dict(
        pair.split(":")
        for pair in (
            "ß:ss æ:ae œ:oe ø:o đ:d ł:l þ:th ð:d ı:i ħ:h "
            "α:a β:v γ:g δ:d ε:e ζ:z η:i θ:th ι:i κ:k λ:l μ:m ν:n ξ:x ο:o π:p ρ:r σ:s ς:s "
            "τ:t υ:y φ:f χ:ch ψ:ps ω:o "
            "а:a б:b в:v г:g д:d е:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t "
            "у:u ф:f х:kh ц:ts ч:ch ш:sh щ:shch ъ: ы:y ь: э:e ю:yu я:ya і:i ї:yi є:ye ґ:g"
        ).split()
    )
)


# German writes its umlauts as ae, oe and ue where it cannot write them (Grösse, Mueller)
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def ascii_slug(text: str, language: str = "") -> str:
    """The slug of `text` with its letters spelt in ASCII ("Größe" grosse, "что" chto); in
    a German bank (`language` de), ä ö ü as ae oe ue ("Prüfung" pruefung)."""
    folded = unicodedata.normalize("NFC", text).casefold()
    if language.split("-")[0].casefold() == "de":
        folded = folded.translate(_GERMAN)
    # spelt before NFKD takes й and ї apart (и + breve: "kakoi" for какой), and after, for
    # the letters under an accent it takes off (Greek ά, έ)
    folded = folded.translate(_SPELT)
    spelt = unicodedata.normalize("NFKD", folded).translate(_SPELT)
    # a character of a script written without blanks (Chinese, Japanese, Thai ...) parts
    # the Latin words beside it, as a blank would: 'UTF-8とShift_JIS' was 'utf-8shift-jis'
    # (h40a's trial); after NFKD, which spells full-width 'ＴＬＳ' as TLS
    spelt = "".join(" " if without_blanks(c) else c for c in spelt)
    return slug(spelt.encode("ascii", "ignore").decode())


# Where a word too wide for a line (an address, an ARN, a list of networks) breaks in print:
# after one of these, as a URL is broken, never inside "://" or "//"; after a list's
# separators first, then a path's, rather than inside a number or a name, where that still
# leaves half a line
BREAK_AFTER = frozenset("/-:,;=&?#|\\._@+~%")
_TIERS = (frozenset(",;"), frozenset("/?&=#|\\"))


def separator_cuts(
    chars: str,
    widths: Sequence[float],
    limit: float,
    first: float | None = None,
    keep_host: bool = True,
    code: bool = False,
) -> list[int] | None:
    """Where to cut `chars` (a word wider than `limit`, each character `widths[i]` wide)
    so that each piece fits `limit` (the first `first`, the rest of a line it starts on):
    after a character of BREAK_AFTER, the longest piece that fits, unless a shorter one
    ending at a list's (then a path's) separator still fills half the line. The index each
    further piece starts at; None when some piece would have no such place (the caller
    then cuts between any two characters, as before). An address's scheme and host stay
    whole unless not `keep_host` (for a host wider than a line). A word of `code` breaks
    where a screen breaks it (code_breaks: after an opening bracket, a comma, a name's dot
    before a call) rather than at a separator, where that fills half the line, and never
    inside a name ('conversation_' then 'history' on a card, a programming teacher's
    trial): at no separator between two of a name's characters."""
    if _BREAKS_ANYWHERE.search(chars):
        return None  # Chinese, Japanese, Thai...: a line breaks between any two characters
    # an address's scheme and host stay whole: no line ends on a bare "https://" or
    # "https://github."
    allowed, calls = _places(chars, keep_host, code)
    cuts: list[int] = []
    start = used = 0.0  # the width before the current piece, and to this character
    places: list[tuple[int, float, int]] = []  # (cut, width up to it, tier) in this piece
    room = limit if first is None else first
    for i, char in enumerate(chars):
        used += widths[i]
        while used - start > room:
            if not places:
                return None  # no place to break in what fits
            cut, width, _ = places[-1]  # the longest piece
            for tier in range(1, len(_TIERS) + 2):  # unless a list's, a path's, fills half
                found = [p for p in places if p[2] == tier and p[1] - start >= room / 2]
                if found:
                    cut, width, _ = found[-1]
                    break
            cuts.append(cut)
            start, room = width, limit
            places = [p for p in places if p[0] > cut]  # the places past it stay
        if i + 1 in allowed:
            # a screen's break in code first, then a list's, then a path's separator
            tier = next((n for n, t in enumerate(_TIERS, start=2) if char in t), 0)
            places.append((i + 1, used, 1 if i + 1 in calls else tier))
    return marks_kept(chars, widths, limit, cuts)


def _last_between(places: list[int], start: int, end: int) -> int:
    """The last of `places` (sorted) after `start` and at most `end`; 0 when none is."""
    k = bisect.bisect_right(places, end) - 1
    return places[k] if k >= 0 and places[k] > start else 0


def _in_a_name(chars: str, at: int) -> bool:
    """Whether a cut at `at` parts two characters of a name (letters, digits, '_')."""
    return 0 < at < len(chars) and _NAME_CHAR.match(chars[at - 1 : at + 1]) is not None


_NAME_CHAR = re.compile(r"\w\w")


# the most of a line's width that punctuation may hang past its end rather than stand on
# a line of its own
HUNG_SHARE = 0.1


def marks_kept(chars: str, widths: Sequence[float], limit: float, cuts: list[int]) -> list[int]:
    """`cuts` (where `chars` is cut into lines `limit` wide) but those that would leave a
    piece of punctuation alone on its line, a lone '_' or ').': it ends the line before,
    past the line's end by its width, as punctuation hangs in the margin (a review)."""
    pieces = zip(cuts, [*cuts[1:], len(chars)], strict=False)
    return [cut for cut, end in pieces if not _hangs(chars, widths, limit, cut, end)]


def hung_from(word: str, widths: Sequence[float], limit: float) -> int:
    """Where the punctuation that ends `word` starts when it may hang past the end of a
    line `limit` wide (see marks_kept), else `word`'s length: a word cut between any two
    characters is never cut there."""
    end = len(word)
    while end and not word[end - 1].isalnum():
        end -= 1
    return end if _hangs(word, widths, limit, end, len(word)) else len(word)


def _hangs(chars: str, widths: Sequence[float], limit: float, start: int, end: int) -> bool:
    """Whether chars[start:end] is punctuation alone, narrow enough to hang."""
    piece = chars[start:end]
    if not piece or any(c.isalnum() for c in piece):
        return False
    return sum(widths[start:end]) <= limit * HUNG_SHARE


def _cut_places(word: str, keep_host: bool = True) -> list[int]:
    """Where separator_cuts may cut `word`: after a separator (not inside an address's
    '://'), past its scheme and host unless not `keep_host`."""
    host = _SCHEME_AND_HOST.match(word) if keep_host else None
    whole = host.end() if host else 0
    return [
        i + 1
        for i, char in enumerate(word[:-1])
        if char in BREAK_AFTER and not (char in ":/" and word[i + 1] == "/") and i >= whole
    ]


def _places(word: str, keep_host: bool, code: bool) -> tuple[set[int], set[int]]:
    """Where separator_cuts may cut `word`, and of those where a screen breaks it, in
    `code` (see separator_cuts)."""
    allowed = set(_cut_places(word, keep_host))
    if not code:
        return allowed, set()
    # nor inside an address's host ('https://api.' then 'example.com(')
    host = _SCHEME_AND_HOST.match(word) if keep_host else None
    calls = {at for at in code_breaks(word) if not host or at > host.end()}
    return {at for at in allowed if not _in_a_name(word, at)} | calls, calls


def separator_pieces(word: str, code: bool = False, keep_host: bool = True) -> list[str]:
    """The pieces of `word` that separator_cuts never cuts inside (in `code`, as it cuts
    code; an address's host one piece unless not `keep_host`): a line that holds the widest
    of them breaks the word at its separators alone."""
    bounds = [0, *sorted(_places(word, keep_host, code)[0]), len(word)]
    return [word[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def cell_pieces(word: str, code: bool = False) -> list[str]:
    """The pieces of `word` that a table's column keeps whole: a word of `code`, an address
    or a path between its separators (separator_pieces, the host's dots among them: a
    column is narrower than a line, and a host wider than it is cut there), any other word
    whole. A cell's address, measured whole, took the most room of its column and left the
    others too narrow for their words ('succ' then 'essful' on a card, a review)."""
    if code or _holds_address(word) or _PATH_WORD.search(word):
        return separator_pieces(word, code, keep_host=False)
    return [word]


_SCHEME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-")


def _holds_address(word: str) -> bool:
    """Whether ADDRESS_WORD finds an address in `word`, in time linear in its length: a
    '://' with a character after it, and a scheme before it that holds a letter. The
    pattern's own search backtracks over every start: a cell's word of 2,000 letters took
    seconds, one of 9,000 hung `qbank check`."""
    at = word.find("://")
    while at != -1:
        if at + 3 < len(word) and word[at + 3] not in "<>" and not word[at + 3].isspace():
            start = at
            while start and word[start - 1] in _SCHEME_CHARS:
                start -= 1
            if any(char.isascii() and char.isalpha() for char in word[start:at]):
                return True
        at = word.find("://", at + 1)
    return False


# A word that names a file's path ('/var/log/auth.log', '~/.ssh/config', 'C:\Windows',
# 'docs/a/b.md'), with what opens it: a path's root, or two separators. Not 'and/or', nor
# '</script>' in prose, which a column keeps whole as any word
_PATH_WORD = re.compile(r"^[(\[{\"'“‘]*(?:[~.]{0,2}/|[A-Za-z]:\\)|[/\\][^/\\]+[/\\]")


def _regional(char: str) -> bool:  # a flag's letter: a flag is two
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def _joins(char: str, before: str) -> bool:
    """Whether `char` draws as one with `before` whatever comes before that (a flag's
    letters aside): a combining mark, a keycap's square, a variation selector, a skin tone,
    a tag, a joiner or what one joins."""
    return bool(
        unicodedata.combining(char)
        or char in "\u200d\u20e3"
        or "\ufe00" <= char <= "\ufe0f"
        or "\U0001f3fb" <= char <= "\U0001f3ff"
        or "\U000e0020" <= char <= "\U000e007f"
        or before == "\u200d"
    )


def joined_to_the_one_before(chars: str) -> list[bool]:
    """For each character of `chars`, whether it draws as one with the character before it,
    so that a line never ends between them (_joins, or a flag's second letter: a review
    found a run of flags broken between a flag's two letters, a keycap before its square);
    in one pass, where asking of each place walked back over a run of flags each time."""
    found = []
    flags = 0  # the flag letters in a row before
    before = ""
    for char in chars:
        if _regional(char):
            found.append(flags % 2 == 1)
            flags += 1
        else:
            found.append(_joins(char, before))
            flags = 0
        before = char
    return found


def goes_with_the_one_before(chars: str, at: int) -> bool:
    """Whether chars[at] draws as one with the character before it (see
    joined_to_the_one_before)."""
    return joined_to_the_one_before(chars[: at + 1])[at]


def forced_cuts(
    chars: str,
    widths: Sequence[float],
    limit: float,
    first: float | None = None,
    code: bool = False,
) -> list[int]:
    """Where to cut `chars`, a token that separator_cuts cannot cut so that each piece
    fits `limit` (the first `first`, the rest of a line it goes on; a piece between two
    separators wider than the line): after the last separator that fits (in `code`, the
    last place separator_cuts cuts code at, where the piece has one: a name wider than a
    card's line left the rest of the call cut inside its names, 'model_' then 'name'),
    else between two characters (never inside what draws as one:
    joined_to_the_one_before). Each place is found by bisection: a line of 10,000
    characters of 'a,' is cut in linear time."""
    places = sorted(_cut_places(chars, keep_host=False))
    kinds = [sorted(_places(chars, False, True)[0]), places] if code else [places]
    joined = joined_to_the_one_before(chars)
    cuts: list[int] = []
    start, used = 0, 0.0  # where the piece starts, and its width so far
    for i, width in enumerate(widths):
        # again while the rest after a separator's cut is still too wide (a review: a
        # piece after a separator at its start ran 6 pt past the line)
        while i > start and used + width > (limit if cuts or first is None else first):
            at = next((p for kind in kinds if (p := _last_between(kind, start, i))), i)
            while at == i and at > start + 1 and joined[at]:
                at -= 1
            cuts.append(at)
            start, used = at, sum(widths[at:i])
        used += width
    return marks_kept(chars, widths, limit, cuts)


# A word wider than its line (a German compound on a card: 'Informationssicherheits-
# managementsystem') breaks where its language hyphenates it, with a visible hyphen, as
# LibreOffice, Word and TeX break it; it was cut at whatever letter met the line's end. Only
# a word of letters (its own hyphens and the marks beside it aside): an address, a number,
# an identifier has no syllables. A word longer than this is no word of a language.
HYPHENATED_LONGEST = 80
# A compound's own hyphen is where a German typesetter breaks it first (Duden: at the
# hyphen written): taken where the piece before it fills this share of the line, though
# a hyphenation point further on would fill more ('Ende-zu-En-' / 'de-Transport...': a
# review)
OWN_HYPHEN_FILL = 0.5
_WORD_IN_MARKS = re.compile(r"[^\w\s]*?([^\W\d_]+(?:-[^\W\d_]+)*)[^\w\s]*")


@functools.cache
def _hyphenation(language: str) -> Any:
    """The hyphenation dictionary of `language` (a language tag: de, de-CH, pt-BR), one of
    LibreOffice's that pyphen ships; None where it has none. Kept by the tag: a dictionary
    is a file of the package, the same for every build. pyphen is imported here, when a
    word is wider than its line, as its import lists its dictionaries (some 35 ms)."""
    import pyphen

    found = pyphen.language_fallback(language.replace("-", "_")) if language else None
    return pyphen.Pyphen(lang=found) if found else None


def hyphenation_points(token: str, language: str) -> list[int]:
    """Where `token` (a word between blanks, with the marks beside it:
    'Wiederherstellungszeitvorgaben?') may break with a hyphen in `language`, as its
    hyphenation dictionary says: indexes into `token`, each a place a line may end at with
    a '-' added; none for a token that is not letters (an address, a number, code), or in
    a language with no dictionary (or none given)."""
    if len(token) > HYPHENATED_LONGEST or _BREAKS_ANYWHERE.search(token):
        return []  # no word; Thai, Chinese...: a line breaks between two letters, no hyphen
    found = _WORD_IN_MARKS.fullmatch(token)
    dictionary = _hyphenation(language) if found else None
    if dictionary is None or found is None:
        return []
    points, at = [], found.start(1)
    for part in found[1].split("-"):
        if part.islower() or part.istitle():  # a name in capitals or in camelCase: none
            points += [at + point for point in dictionary.positions(part)]
        at += len(part) + 1
    return points


def hyphenated_cuts(
    chars: str,
    widths: Sequence[float],
    limit: float,
    first: float,
    points: Sequence[int],
    hyphen: float,
) -> list[int] | None:
    """Where to cut `chars`, a word wider than `limit` (each character `widths[i]` wide),
    at its hyphenation `points` (hyphenation_points: the piece before one ends in a '-',
    `hyphen` wide) or after a hyphen of its own, so that each piece fits `limit`, the first
    `first`: the longest piece that fits each time, or the word's own hyphen where the
    piece to it fills at least half the line (OWN_HYPHEN_FILL: 'Ende-zu-' / 'Ende-Trans-',
    where 'Ende-zu-En-' was longer). None when some piece has no such place."""
    own = {i + 1 for i, c in enumerate(chars[:-1]) if c == "-"}
    places = sorted({*points, *own})
    ends = list(itertools.accumulate(widths, initial=0.0))  # the width of chars[:i]
    added = {point: hyphen for point in points if chars[point - 1] != "-"}
    cuts: list[int] = []
    start, room, k = 0, first, 0
    while ends[-1] - ends[start] > room:
        best = hyphened = None
        while k < len(places) and ends[places[k]] - ends[start] + added.get(places[k], 0) <= room:
            best, k = places[k], k + 1
            if best in own:
                hyphened = best
        if best is None or best <= start:
            return None
        if hyphened is not None and ends[hyphened] - ends[start] >= OWN_HYPHEN_FILL * room:
            best, k = hyphened, places.index(hyphened) + 1
        cuts.append(best)
        start, room = best, limit
    return cuts


# scripts written without blanks between words, whose lines break between any two characters
_BREAKS_ANYWHERE = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)
# after what opens it: a printed link's '(https://www.' broke at the line's end (a trial)
_SCHEME_AND_HOST = re.compile(r"[(\[{<«‹“‘\"']*[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")


# the languages written in Chinese, Japanese and Korean characters (their primary subtags)
EAST_ASIAN = frozenset({"zh", "ja", "ko"})

# Chinese and Japanese are written without spaces: a line may break between any two of
# their characters, and between one of them and a Latin word, but never before a closing
# mark, a small kana or the prolonged sound mark, nor after an opening bracket or a
# currency sign (JIS X 4051's kinsoku, as UAX #14 has it for these classes). Korean puts
# spaces between its words, and breaks there only.
# Hangul beside a Chinese character or a bracket is one word with it ('《보호법》에서',
# '憲法은'), and a Korean text breaks at its blanks only, Chinese characters too (CSS's
# word-break: keep-all, as Korean sites set it): the booklet set '大韓' then '民國憲法의'
# and a card '《개인정보 보호법》' then '에서' (h41b's Korean trial)
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]")
_SENTENCE_ENDS = frozenset("。．！？")
_CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3200-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff9f\uffe0-\uffef\U00020000-\U0003ffff]"
)
NO_LINE_START = frozenset(
    "、。，．・：；？！゛゜ヽヾゝゞ々ー〜～‐ゃゅょっぁぃぅぇぉゎゕゖャュョッァィゥェォヮヵヶ"
    "ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ）〕］｝〉》」』】〙〗〟’”｠»)]},.!?:;%‰℃°％"
    "｡｣､･ｧｨｩｪｫｬｭｮｯｰﾞﾟ…‥‼⁇⁈⁉"
)
NO_LINE_END = frozenset("（〔［｛〈《「『【〘〖〝‘“｟«([{｢￥＄￡€$£¥")
# a number or a word typed in full-width digits and letters ('２０４８ビット', 'ＴＬＳ') is
# one, as its half-width twin is: '３０' then '７２ビット' broke a number over two lines
# (h40a's Japanese trial); a full-width comma or point inside a number ('４，０００') too
_FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULL_WIDTH_DIGIT_MARKS = frozenset("\uff0c\uff0e")  # before a digit ('，Ｔ' breaks)
_FULL_WIDTH_DIGITS = frozenset("\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19")


def without_blanks(char: str) -> bool:
    """Whether `char` is of a script written without blanks between words (Chinese,
    Japanese, Thai ...): there emphasis stands between two characters, as it must."""
    return bool(_BREAKS_ANYWHERE.match(char) or _CJK.match(char))


def cjk_break(before: str, after: str, language: str = "") -> bool:
    """Whether a line may break between two characters with no space between them: beside
    a Chinese or Japanese one, save before a mark no line starts with or after one no line
    ends with, and never inside a run of the same mark ('……', '——') nor inside a number or
    a word of full-width digits and letters ('２０４８'); never beside Hangul but after a
    sentence's end, nor at all in Korean (`language`), whose lines break at blanks."""
    if not (_CJK.match(before) or _CJK.match(after)) or before == after in "…‥—―":
        return False
    if primary(language) == "ko" or _HANGUL.match(before):
        return False
    if _HANGUL.match(after) and before not in _SENTENCE_ENDS:  # '。한국어도.' breaks
        return False
    if unicodedata.category(after).startswith("M"):  # a combining mark, a variation selector
        return False
    if _FULL_WIDTH_ALNUM.match(after) and (
        _FULL_WIDTH_ALNUM.match(before)
        or (before in _FULL_WIDTH_DIGIT_MARKS and after in _FULL_WIDTH_DIGITS)
    ):
        return False
    return after not in NO_LINE_START and before not in NO_LINE_END


_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def breaking_language(text: str, language: str) -> str:
    """The language a paragraph of `text` breaks its lines in: `language`, or Korean where
    none is said and the text holds Hangul, no kana, and fewer Chinese characters than
    Hangul (a Korean bank that says no language broke '大韓|民國憲法의' as Chinese breaks,
    where Korean keeps a word whole; a Chinese sentence naming '한국어' is still Chinese)."""
    if language or not _HANGUL.search(text) or _KANA.search(text):
        return language
    return "ko" if len(_HANGUL.findall(text)) >= len(_HAN.findall(text)) else language


def cjk_segments(text: str, language: str = "") -> list[str]:
    """`text` (a word: no blanks) in the pieces a line may break between (`cjk_break`,
    in `language`); the whole text when it holds no Chinese or Japanese."""
    if not _CJK.search(text) or primary(language) == "ko":
        return [text]
    pieces, start = [], 0
    for i in range(1, len(text)):
        if cjk_break(text[i - 1], text[i]):
            pieces.append(text[start:i])
            start = i
    pieces.append(text[start:])
    return pieces


def ascii_address(address: str) -> str:
    """A link's address as a PDF holds it: 7-bit ASCII (PDF 32000-1, 12.6.4.7, URI actions),
    each other character percent-encoded in UTF-8 as a browser sends it, and what is
    already encoded kept (reportlab wrote 'Größe' in Latin-1 and Greek in UTF-16, which a
    reader opened as another address)."""
    # a '%' that starts no escape is a '%' of the address: %25 (an address with '%zz' was
    # written as it was, which is no URI, a hostile trial)
    address = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", address)
    return quote(address, safe="!#$%&'()*+,/:;=?@[]~")


# the marks that turn the direction of what follows: U+202E in a file's name shows
# 'gpj.exe' as 'exe.jpg' (the embeddings, overrides and isolates, LRM, RLM and ALM)
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


def has_control(text: str) -> bool:
    """Whether `text` holds a control character, a lone surrogate, a line or paragraph
    separator (U+2028, U+2029) or a mark that turns the text's direction: none belongs in
    a name given on the command line, which the output and the files' names show on one
    line, in the order typed."""
    return any(
        unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") or c in BIDI_CONTROLS for c in text
    )


def csv_delimiter(body: str) -> str:
    """The separator of a CSV file's text: `;` when its first line has more of them than
    commas (a spreadsheet saved in a European language), a tab when it has only tabs, else
    `,`."""
    first = body.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","
