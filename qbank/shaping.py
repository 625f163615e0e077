"""Arabic letters joined in the PDFs: each in the form its neighbours give it.

An Arabic letter takes one of up to four forms (alone, first, middle or last of a word's
joined letters), and lam and alef make one; reportlab draws each character's own glyph
with no shaping (its shaping needs uharfbuzz, through Paragraph styles that the
per-character font fallback and the booklet's own lines do not go through). So a run of
Arabic text is given here, by arabic-reshaper, as Unicode's presentation forms (U+FB50 to
U+FDFF, U+FE70 to U+FEFF), which Noto Sans Arabic draws; each as a stand-in of its own
(SHAPED_STAND_IN after it), which the font draws as that form and whose text reads back as
the letters it stands for (reportlab_fixes.QbankFont), never as the form: copying gives
the bank's letters, and a presentation form typed into the bank stays itself. Marks
(harakat) are kept, in their place; the only ligatures are lam with alef, which Arabic
writes as one. Not a shaper: no mark is placed by the font's own anchors, and the scripts
of India and South-East Asia, whose letters reorder and combine, stay boxes.
"""

from __future__ import annotations

import re
import unicodedata

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.reshaper_config import default_config

SHAPED_STAND_IN = 0x100000  # Supplementary Private Use Area-B: U+10FE91 is U+FE91 drawn
PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
ARABIC = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_LAM_ALEF = "ARABIC LIGATURE LAM WITH ALEF"
_RESHAPER = ArabicReshaper(
    configuration={
        **{key: key.startswith(_LAM_ALEF) for key in default_config if "LIGATURE" in key},
        "delete_harakat": False,  # every character of the bank is drawn
        "shift_harakat_position": False,
        "delete_tatweel": False,
        "support_ligatures": True,
        "use_unshaped_instead_of_isolated": False,
    }
)


def is_stand_in(code: int) -> bool:
    """Whether `code` is the stand-in of a presentation form (see `shaped`)."""
    return PRESENTATION.match(chr(code - SHAPED_STAND_IN)) is not None if code > 0xFFFFF else False


def shaped(text: str) -> str:
    """`text` with its Arabic letters in the forms their neighbours give them, as stand-ins
    (a presentation form typed into it is kept as it is)."""
    if not ARABIC.search(text):
        return text
    out = []
    for n, piece in enumerate(re.split(f"({PRESENTATION.pattern}+)", text)):
        if n % 2:  # typed as presentation forms: drawn and read back as they are
            out.append(piece)
            continue
        formed = _RESHAPER.reshape(piece)
        out.append(
            "".join(chr(SHAPED_STAND_IN + ord(c)) if PRESENTATION.match(c) else c for c in formed)
        )
    return "".join(out)


def read_as(code: int) -> str:
    """The letters a stand-in of `shaped` reads back as (lam-alef: two)."""
    return unicodedata.normalize("NFKC", chr(code - SHAPED_STAND_IN))
