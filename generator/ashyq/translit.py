"""Kazakh Cyrillic -> the Kazakh Latin alphabet of 2021, letter by letter.

The legal ground is the Decree of the President of the Republic of Kazakhstan
No. 569 of 26 October 2017 «On the transfer of the Kazakh alphabet from the
Cyrillic to the Latin script», which set up the National Commission for the
transition. The decree's own table (as amended by Decree No. 637 of
19 February 2018) wrote Á, Ǵ, Ń, Ó, Ú, Ý and the digraphs Sh, Ch; the
improved alphabet the Commission presented on 28 January 2021 (transition
planned for 2023–2031) replaced them with one letter per sound, and that is
the table used here (its 31 letters, and Ç for ч, a sound of loanwords):

    A a  Ä ä  B b  D d  E e  F f  G g  Ğ ğ  H h  I ı  İ i  J j  K k  L l  M m
    N n  Ñ ñ  O o  Ö ö  P p  Q q  R r  S s  Ş ş  T t  U u  Ū ū  Ü ü  V v  Y y  Z z

і is dotless ı (I), и and й are dotted i (İ), ы is y, ұ is ū, ү is ü, х and һ
are both h. Letters the alphabet has no place for (they occur in Russian
loanwords) are written with its letters: ц ts, щ şş, ё io, ю iu, я ia, э e;
ъ and ь are dropped. Every character that is not Cyrillic is kept, so the
function is safe on text that mixes scripts, numbers and punctuation, and on
text already in Latin (it is returned unchanged).

The result is deterministic and in NFC (every letter above is one code point).
Case follows the source letter; a Cyrillic capital that becomes two letters
(Ц -> Ts) is written in capitals (TS) inside a word written in capitals.
"""

from __future__ import annotations

import re

# Cyrillic small letter -> Latin; the capitals follow in TABLE below.
LOWER: dict[str, str] = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io",
    "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū",
    "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ç", "ш": "ş", "щ": "şş", "ъ": "",
    "ы": "y", "і": "ı", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
# Latin lower case -> upper case, spelled out: Python's str.upper() turns "i" into "I", not "İ".
_UPPER = {"i": "İ", "ı": "I"}


def _upper(latin: str) -> str:
    return "".join(_UPPER.get(ch, ch.upper()) for ch in latin)


def _title(latin: str) -> str:
    return _upper(latin[:1]) + latin[1:]


# The alphabet as (Cyrillic, Latin) pairs: capital and small letter, capitals written in title case.
TABLE: dict[str, str] = {**LOWER, **{cyr.upper(): _title(lat) for cyr, lat in LOWER.items()}}
_CAPS_WORD = {cyr.upper(): _upper(lat) for cyr, lat in LOWER.items() if len(lat) > 1}
_TRANSLATE = str.maketrans(TABLE)
CYRILLIC = re.compile("[\u0400-\u052f]")
_TWO_LETTER_CAPITAL = re.compile(f"[{''.join(_CAPS_WORD)}]")


def _is_upper(ch: str) -> bool:
    return ch.isalpha() and ch.isupper()


def _capitals(text: str) -> str:
    """Two-letter capitals (Ц, Щ, Ё, Ю, Я) in capitals where a neighbouring letter is a capital.

    The next letter decides; at the end of a word, the one before (ЦОН -> TSON, Ц. -> Ts., ЮЮ -> İUİU).
    """
    out = []
    for i, ch in enumerate(text):
        if ch in _CAPS_WORD:
            after = text[i + 1] if i + 1 < len(text) else ""
            before = text[i - 1] if i > 0 else ""
            if _is_upper(after) or (not after.isalpha() and _is_upper(before)):
                out.append(_CAPS_WORD[ch])
                continue
        out.append(ch)
    return "".join(out)


def to_latin(text: str) -> str:
    """``text`` with every Kazakh Cyrillic letter written in the 2021 Latin alphabet; the rest unchanged."""
    if not CYRILLIC.search(text):
        return text
    if _TWO_LETTER_CAPITAL.search(text):
        text = _capitals(text)  # a word in capitals keeps its capitals: ЦОН -> TSON, not TsON
    return text.translate(_TRANSLATE)


def has_cyrillic(text: str) -> bool:
    return CYRILLIC.search(text) is not None
