"""Individual identification numbers (IIN, ЖСН / ИИН) in any grouping.

An IIN is 12 digits: the birth date YYMMDD, a century/sex digit 1-6, a
serial number and a control digit. A BIN (an organisation's number,
published on purpose) has 4, 5 or 6 in its 5th place, so its "day" is 40 or
more and never passes as a date. Runs the detector on normalised text (see
:mod:`.normalise`): digits are ASCII, dashes are ``-``, spaces single.
"""

from __future__ import annotations

import datetime as dt
import re

from .hit import Found

__all__ = ["find_iins", "is_valid_iin"]

# The control digit: weights 1..11 first, the second set when the first
# gives 10; a second 10 means the number cannot be an IIN.
_IIN_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_IIN_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

# The 7th digit: century and sex (odd = male, even = female).
_IIN_CENTURY = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}

# A run of digit groups joined by one separator: a space, or a dot, dash or
# slash with a space on either side at most — "850312300127", "850312 300 127",
# "8503 1230 0127", "850.312.300.127", "850312-300127", "850312- 300127" (a
# line wrapped after the dash). A Latin letter or digit glued to the run
# means a code such as an IBAN (KZ86125KZT…); a Cyrillic label glued on
# ("ИИН850312300127") still counts.
_SEP = r"(?: ?[.\-/] ?| )"
_RUN_RE = re.compile(rf"(?<![0-9A-Za-z])[0-9]+(?:{_SEP}[0-9]+)*(?![0-9A-Za-z])")
_GROUP_RE = re.compile(r"[0-9]+")

# A currency or multiplier after the run: an amount ("850 312 300 127 тенге").
_AMOUNT_AFTER_RE = re.compile(r" ?(?:тенге|теңге|тг\b|₸|kzt|млн|млрд|тыс|руб|usd|eur|\$|%)", re.I)


def _iin_control(digits: str) -> int | None:
    """Control digit for the first 11 digits, or None when none exists."""
    d = [int(c) for c in digits[:11]]
    for weights in (_IIN_WEIGHTS_1, _IIN_WEIGHTS_2):
        r = sum(x * w for x, w in zip(d, weights, strict=True)) % 11
        if r != 10:
            return r
    return None


def is_valid_iin(digits: str) -> bool:
    """True when ``digits`` is a well-formed IIN of a person.

    Twelve ASCII digits; YYMMDD a real date in the century the 7th digit
    (1-6) names; the 12th digit equal to the control digit. A BIN fails by
    construction: its 5th digit (4, 5 or 6) makes the day 40 or more.
    """
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        return False
    century = _IIN_CENTURY.get(digits[6])
    if century is None:
        return False
    try:
        dt.date(century + int(digits[0:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return False
    control = _iin_control(digits)
    return control is not None and control == int(digits[11])


def find_iins(text: str) -> list[Found]:
    """Every valid IIN in ``text``: a whole run of groups, or consecutive groups of it.

    Groups are never split, so twelve digits inside a longer unbroken number
    are not an IIN, and all groups of one IIN share one separator; but
    "ИИН 850312 300127 8 701 …" (an IIN and a phone with no comma between)
    still yields the IIN.
    """
    hits: list[Found] = []
    for run in _RUN_RE.finditer(text):
        if run.end() - run.start() < 12 or _AMOUNT_AFTER_RE.match(text, run.end()):
            continue
        groups = [(m.start() + run.start(), m.end() + run.start()) for m in _GROUP_RE.finditer(run.group())]
        # An IIN is typed with one separator ("850 312 300 127", "8503.1230.0127"); a change
        # of separator is a boundary between two numbers ("23-07-2027 - 20-12-2021").
        seps = [text[a[1] : b[0]] for a, b in zip(groups, groups[1:], strict=False)]
        taken = -1
        for i in range(len(groups)):
            if groups[i][0] < taken:
                continue
            size = 0
            for j in range(i, len(groups)):
                size += groups[j][1] - groups[j][0]
                if size >= 12:
                    break
            if size != 12 or len(set(seps[i:j])) > 1:
                continue
            start, end = groups[i][0], groups[j][1]
            digits = "".join(text[s:e] for s, e in groups[i : j + 1])
            if is_valid_iin(digits):
                hits.append(Found("iin", start, end, digits))
                taken = end
    return hits
