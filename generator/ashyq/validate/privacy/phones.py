"""Kazakhstan phone numbers, mobile and landline, with any separators.

Runs on normalised text (see :mod:`.normalise`): ASCII digits, ``-`` for
every dash, single spaces. Between two digits a secretary types a space, a
dash, a dot, a slash, a parenthesis, or a couple of them:
``+7 (701) 234-56-78``, ``8.701.234.56.78``, ``8/701/2345678``,
``+7 701 234 5678``, ``87012345678``, ``8 (7172) 74-00-00``.
"""

from __future__ import annotations

import re

from .hit import Found

__all__ = ["find_phones", "is_kz_number"]

_PSEP = r"[ .\-/()]{0,3}"

# Prefix and ten more digits. Not glued to a word, a slash ("№ 12-3/456",
# URLs) or a plus. The digit count is fixed, so a 12-digit IIN or BIN,
# whose next character is a digit, never matches.
_PHONE_RE = re.compile(rf"(?<![\w/+])(?:\+ ?7|8|7)(?:{_PSEP}[0-9]){{10}}(?![0-9])")

# A mobile number without the prefix, only when typed in phone groups:
# "(701) 234-56-78", "701 234 56 78", "701.234.5678". A bare 10-digit run is
# too often something else to report.
_PHONE_LOCAL_RE = re.compile(
    r"(?<![\w/+])"
    r"(?:\(7(?:0[0-9]|47|[5-7][0-9])\)|7(?:0[0-9]|47|[5-7][0-9]))"
    r"[ .\-]?[0-9]{3}[ .\-](?:[0-9]{2}[ .\-][0-9]{2}|[0-9]{4})"
    r"(?![0-9])"
)

# "87 500 000 000" is 87.5 billion tenge, not 8 750 000 00 00: thousands
# groups (1-3 digits, then only groups of exactly 3, one separator) are an amount.
_THOUSANDS_RE = re.compile(r"[0-9]{1,3}(?P<sep>[ .])[0-9]{3}(?:(?P=sep)[0-9]{3})+")

# A currency or a multiplier right after the digits also means an amount.
_AMOUNT_AFTER_RE = re.compile(r" *(?:тенге|теңге|тг\b|₸|kzt|млн|млрд|тыс|руб|usd|eur|\$|%)", re.I)

# A document number: "№ 8-701/234-56-78", "исх. № 7 701 …".
_NUMBER_SIGN_BEFORE_RE = re.compile(r"(?:№|No\.?|N) ?$")

# Digit groups right before the match: the match may be the tail of an amount.
_GROUPS_BEFORE_RE = re.compile(r"(?:[0-9]+[ .])+$")


def is_kz_number(national: str) -> bool:
    """A 10-digit national number: mobile 700-709, 747, 750-779; city 71x, 72x."""
    if len(national) != 10 or national[0] != "7":
        return False
    code = int(national[:3])
    return 700 <= code <= 729 or code == 747 or 750 <= code <= 779


def _is_amount_or_reference(text: str, start: int, end: int) -> bool:
    s = text[start:end]
    if _THOUSANDS_RE.fullmatch(s) or _AMOUNT_AFTER_RE.match(text, end):
        return True
    before = _GROUPS_BEFORE_RE.search(text, max(0, start - 40), start)
    if before and _THOUSANDS_RE.fullmatch(text[before.start() : end]):
        return True  # "1 287 500 000 000": the tail of an amount is no phone
    return bool(_NUMBER_SIGN_BEFORE_RE.search(text, max(0, start - 4), start))


def find_phones(text: str) -> list[Found]:
    hits: list[Found] = []
    pos = 0
    while (m := _PHONE_RE.search(text, pos)) is not None:
        s = m.group()
        pos = m.start() + 1
        digits = re.sub(r"\D", "", s)
        if not is_kz_number(digits[-10:]):
            continue
        if s.count("(") != s.count(")") or s.endswith(("(", "-")):
            continue
        if _is_amount_or_reference(text, m.start(), m.end()):
            continue
        hits.append(Found("phone", m.start(), m.end(), digits[-10:]))
        pos = m.end()
    for m in _PHONE_LOCAL_RE.finditer(text):
        if re.search(r"[0-9][ .\-/]$", text[max(0, m.start() - 2) : m.start()]):
            continue  # "8 701 …" is found above; "12 701 …" is part of something else
        if _is_amount_or_reference(text, m.start(), m.end()):
            continue
        hits.append(Found("phone", m.start(), m.end(), re.sub(r"\D", "", m.group())))
    return hits
