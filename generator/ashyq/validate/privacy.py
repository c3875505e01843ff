"""Find personal data in text before it is published (rule ``privacy.personal-data``).

Law No. 383-V (art. 7 p.2 sub. 5, as seed 000 paraphrases it) and seed 003
(«список участников (с согласия)») allow a council to publish a person's data
only with that person's consent. Secretaries paste protocols from Word, and
an IIN, a mobile number or a home address slips in easily. This module finds:

* ``iin``     an individual identification number: 12 digits, a real birth
              date, a century/sex digit 1-6 and a correct control digit. A
              BIN (an organisation's number, published on purpose) has 4, 5 or
              6 in its 5th place, so its "day" is 40 or more and never passes.
* ``phone``   a Kazakhstan mobile or city number (+7 / 8 / 7 and 10 digits,
              or a grouped mobile number without the prefix).
* ``email``   an address that is not on an organisational domain.
* ``address`` a home address: an apartment number (кв. / квартира / пәтер)
              after a street or house.

What the council publishes on purpose (its official e-mail and phone, the
press service) is passed as ``allowed`` and never reported. Everything here is
pattern matching on plain text: a hit is a strong hint for a human reviewer,
not a legal judgement, and a miss is possible (see the limits in each section).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "ORGANISATIONAL_DOMAIN_SUFFIXES",
    "PrivacyHit",
    "is_valid_iin",
    "line_col",
    "scan_text",
]

#: E-mail domains of state bodies and institutions. An address on one of
#: these (or on the bare domain itself, e.g. ``press@akorda.kz``) is an office
#: address, never a private one. Everything else (gmail.com, mail.ru,
#: yandex.kz, inbox.ru, an NGO's own domain …) is reported unless ``allowed``.
ORGANISATIONAL_DOMAIN_SUFFIXES: tuple[str, ...] = (
    ".gov.kz",
    ".kz.gov",
    ".edu.kz",
    ".parlam.kz",
    ".akorda.kz",
)

_MASK = "•"

# Letters of Kazakh, Russian and English (used with re.IGNORECASE) to say
# "not glued to a word" without Python's \b, which counts digits as letters.
_LETTERS = "a-zа-яёәғқңөұүһі"
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"


# ---------------------------------------------------------------- the hit


@dataclass(frozen=True)
class PrivacyHit:
    """One piece of personal data found in a text."""

    kind: str  # "iin" | "phone" | "email" | "address"
    start: int  # character offsets in the scanned text
    end: int
    text: str  # the matched text

    @property
    def masked(self) -> str:
        """The hit with most of it hidden, safe to print in a CI log.

        Logs of a public repository are public too, so the mask never
        shows the whole value: an IIN keeps 2 leading and 1 trailing digit
        (the birth date stays hidden), a phone keeps its operator or city
        code and the last 2 digits, an e-mail keeps the first letter and the
        domain, an address keeps its words and hides every number.
        """
        if self.kind == "iin":
            return _mask_digits(self.text, keep_head=2, keep_tail=1)
        if self.kind == "phone":
            n_digits = sum(ch.isdigit() for ch in self.text)
            # "+7 701" / "8 (7172)" → keep prefix and 3-digit code; no prefix → the code
            return _mask_digits(self.text, keep_head=max(n_digits - 7, 1), keep_tail=2)
        if self.kind == "email":
            local, _, domain = self.text.partition("@")
            return f"{local[:1]}{_MASK * 3}@{domain}"
        # an address: the street may stay, the house and flat numbers may not
        return re.sub(r"\d", _MASK, self.text)


def _mask_digits(text: str, *, keep_head: int, keep_tail: int) -> str:
    """Replace digits with the mask except the first and last few; keep separators."""
    total = sum(ch.isdigit() for ch in text)
    keep_head = min(keep_head, max(total - keep_tail - 1, 0))  # always hide ≥ 1 digit
    out: list[str] = []
    seen = 0
    for ch in text:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep_head or seen > total - keep_tail else _MASK)
        else:
            out.append(ch)
    return "".join(out)


# ---------------------------------------------------------------- positions


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` (``len(text)`` allowed)."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"offset {offset} outside text of length {len(text)}")
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


# ---------------------------------------------------------------- IIN

# The IIN control digit: weights 1..11 first, the second set when the first
# gives 10; a second 10 means the number cannot be an IIN.
_IIN_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_IIN_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

# The 7th digit: century and sex (odd = male, even = female).
_IIN_CENTURY = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}

# Twelve digits on their own. A Latin letter next to them means a code such
# as an IBAN (KZ86125KZT…), published for organisations, so that is no IIN;
# a Cyrillic label glued on ("ИИН850312300127") still counts.
_IIN_PLAIN_RE = re.compile(r"(?<![0-9A-Za-z])[0-9]{12}(?![0-9A-Za-z])")

# The same number typed in groups, "850312 300 127" or "850312-300127".
# The first group must be the 6-digit date, so amounts ("1 250 000") never
# fit, and no digit may stand one separator away on either side, so it is
# not a slice of a longer grouped number.
_IIN_GROUPED_RE = re.compile(
    r"(?<![0-9A-Za-z])(?<![0-9][ \u00a0-])"
    r"[0-9]{6}[ \u00a0-][0-9]{3}[ \u00a0-]?[0-9]{3}"
    r"(?![0-9A-Za-z])(?![ \u00a0-][0-9])"
)


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


def _find_iins(text: str) -> list[PrivacyHit]:
    hits = []
    for regex in (_IIN_PLAIN_RE, _IIN_GROUPED_RE):
        for m in regex.finditer(text):
            if is_valid_iin(re.sub(r"\D", "", m.group())):
                hits.append(PrivacyHit("iin", m.start(), m.end(), m.group()))
    return hits


# ---------------------------------------------------------------- phone

# Between two digits of a phone a secretary types a space, a dash, a
# parenthesis, or a couple of them: "+7 (701) 123-45-67". Dots are left out:
# they make dates (21.03.2026) and section numbers.
_PSEP = r"[ \u00a0\-–()]{0,3}"

# Prefix and ten more digits: +7 701 123 45 67, 8 (7172) 74-00-00,
# 87011234567, +77011234567. Not glued to a word, a slash ("№ 12-3/456",
# URLs) or a plus, and not right after "digit space" (the middle of a long
# amount). The digit count is fixed, so a 12-digit IIN or BIN, whose next
# character is a digit, never matches.
_PHONE_RE = re.compile(
    rf"(?<![\w/+])(?<![0-9][ \u00a0])"
    rf"(?:\+[ \u00a0]?7|8|7)"
    rf"(?:{_PSEP}[0-9]){{10}}"
    rf"(?![0-9])"
)

# A mobile number without the prefix, only when typed in phone groups:
# "(701) 123-45-67", "701 123 45 67". A bare 10-digit run is too often
# something else to report.
_PHONE_LOCAL_RE = re.compile(
    r"(?<![\w/+])(?<![0-9][ \u00a0])"
    r"(?:\(7(?:0[0-9]|47|[5-7][0-9])\)|7(?:0[0-9]|47|[5-7][0-9]))"
    r"[ \u00a0-]?[0-9]{3}[ \u00a0-][0-9]{2}[ \u00a0-][0-9]{2}"
    r"(?![0-9])"
)

# "87 500 000 000" is 87.5 billion tenge, not 8 750 000 00 00: thousands
# groups (1-3 digits, then only groups of exactly 3) are an amount.
_THOUSANDS_RE = re.compile(r"[0-9]{1,3}(?:[ \u00a0][0-9]{3})+")

# A currency or a multiplier right after the digits also means an amount.
_AMOUNT_AFTER_RE = re.compile(
    r"[ \u00a0]*(?:тенге|теңге|тг\b|₸|kzt|млн|млрд|тыс|руб|usd|eur|\$|%)", re.I
)


def _is_kz_number(national: str) -> bool:
    """A 10-digit national number: mobile 700-709, 747, 750-779; city 71x, 72x."""
    if len(national) != 10 or national[0] != "7":
        return False
    code = int(national[:3])
    return 700 <= code <= 729 or code == 747 or 750 <= code <= 779


def _find_phones(text: str) -> list[PrivacyHit]:
    hits = []
    for m in _PHONE_RE.finditer(text):
        s = m.group()
        digits = re.sub(r"\D", "", s)
        if not _is_kz_number(digits[-10:]):
            continue
        if s.count("(") != s.count(")") or s.endswith(("(", "-", "–")):
            continue
        if _THOUSANDS_RE.fullmatch(s) or _AMOUNT_AFTER_RE.match(text, m.end()):
            continue
        hits.append(PrivacyHit("phone", m.start(), m.end(), s))
    for m in _PHONE_LOCAL_RE.finditer(text):
        if _AMOUNT_AFTER_RE.match(text, m.end()):
            continue
        hits.append(PrivacyHit("phone", m.start(), m.end(), m.group()))
    return hits


# ---------------------------------------------------------------- e-mail

# Local part, "@", dotted domain ending in a letters-only TLD; a full stop
# ending the sentence is not taken into the domain.
_EMAIL_RE = re.compile(r"(?<![\w.%+-])[\w.%+-]+@(?:[\w-]+\.)+[^\W\d_]{2,}(?![\w-])")


def _is_organisational(domain: str) -> bool:
    domain = domain.lower()
    return any(
        domain.endswith(suffix) or domain == suffix.lstrip(".")
        for suffix in ORGANISATIONAL_DOMAIN_SUFFIXES
    )


def _find_emails(text: str) -> list[PrivacyHit]:
    hits = []
    for m in _EMAIL_RE.finditer(text):
        if not _is_organisational(m.group().rpartition("@")[2]):
            hits.append(PrivacyHit("email", m.start(), m.end(), m.group()))
    return hits


# ---------------------------------------------------------------- address

# The apartment: "кв. 45", "квартира № 45", "пәтер 45" or, in Kazakh order,
# "45 пәтер" / "45-пәтерде". A number is required, so "кв. м" (square metres)
# never matches; "пәтерлі" (having flats) is not the word. Offices ("каб.
# 305", "кабинет", "офис") are simply not on the list.
_APT_RE = re.compile(
    rf"""
      (?<![{_LETTERS}])(?:квартира|кв\.?|пәтер)[ \u00a0]*№?[ \u00a0]*
          (?P<num>[0-9]{{1,4}}[{_LETTERS}]?)(?![0-9{_LETTERS}])
    | (?<![0-9])(?P<num_kk>[0-9]{{1,4}})[ \u00a0]*-?[ \u00a0]*
          пәтер(?:і|де|ге|ден)?(?![{_LETTERS}])
    """,
    re.I | re.X,
)

# After the number: an area ("45 кв. м", "пәтер 45 шаршы метр") is no flat.
_AREA_AFTER_RE = re.compile(r"[ \u00a0]*(?:кв\.?[ \u00a0]*м|м2|м²|шаршы)", re.I)
# "в II кв. 2026 года", "1 кв. 2026 г.": "кв." is also a quarter of a year.
_YEAR_AFTER_RE = re.compile(r"[ \u00a0]*(?:г\.|гг\.?|года?\b|году\b|ж\.|жыл)", re.I)
_QUARTER_BEFORE_RE = re.compile(r"(?:\b(?:I|II|III|IV)|[1-4](?:-?(?:й|го|м))?)[ \u00a0]*$")

# What makes the text before the apartment an address: a street (Russian
# marker before the name, Kazakh after it) or a house ("д. 12", "12 үй").
_STREET_OR_HOUSE_RE = re.compile(
    rf"""
      (?<![{_LETTERS}])(?:ул|пр|пр-т|пр-кт|просп|мкр|мкр-н|пер|б-р|бул|наб|пл)\.
    | (?<![{_LETTERS}])(?:улица|проспект|микрорайон|переулок|бульвар|шоссе
                         |набережная|площадь|мкр-н|мкр|пр-т)(?![{_LETTERS}])
    | (?:[{_UPPER}][\w-]*[ \u00a0]+)?
      (?:көшесі|к-сі|көш\.|даңғылы|даң\.|шағын[ \u00a0]+ауданы|ш/а|ықшам[ \u00a0]+ауданы
         |тұйық[ \u00a0]+көшесі|алаңы)(?![{_LETTERS}])
    | (?<![{_LETTERS}])(?:д\.|дом)[ \u00a0]*№?[ \u00a0]*[0-9]
    | [0-9]+[ \u00a0]*-?[ \u00a0]*үй(?![{_LETTERS}])
    | (?<![{_LETTERS}])үй[ \u00a0]*№?[ \u00a0]*[0-9]
    """,
    re.I | re.X,
)

# Without a marker: "Абая 12, кв. 45" — a capitalised name, the house number,
# then the apartment. (Case-sensitive on purpose: the name is capitalised.)
_NAME_HOUSE_RE = re.compile(
    rf"[{_UPPER}][\w-]+,?[ \u00a0]+[0-9]{{1,4}}[{_LETTERS}]?(?:/[0-9]+)?,?[ \u00a0]*$"
)



def _looks_like_quarter(text: str, m: re.Match[str], num: str) -> bool:
    """True for a quarter of a year ("II кв. 2026 г."), which is not a flat."""
    if not (len(num) == 4 and num[:2] in ("19", "20")):
        return False
    return bool(
        _YEAR_AFTER_RE.match(text, m.end())
        or _QUARTER_BEFORE_RE.search(text, max(0, m.start() - 8), m.start())
    )


# How far back an address may start: on the same line, after the previous
# flat, at most this many characters ("ул. Абая, д. 12, корп. 3, " is 25).
_ADDRESS_WINDOW = 60


def _find_addresses(text: str) -> list[PrivacyHit]:
    hits = []
    prev_end = 0
    for m in _APT_RE.finditer(text):
        window_floor, prev_end = prev_end, m.end()
        num = m.group("num") or m.group("num_kk")
        if _AREA_AFTER_RE.match(text, m.end()):
            continue
        if _looks_like_quarter(text, m, num):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        w_start = max(line_start, window_floor, m.start() - _ADDRESS_WINDOW)
        window = text[w_start : m.start()]
        start = None
        marker = _STREET_OR_HOUSE_RE.search(window)
        # the house number (a digit) must lie between the marker and the flat
        if marker and any(ch.isdigit() for ch in window[marker.start() :]):
            start = w_start + marker.start()
        else:
            named = _NAME_HOUSE_RE.search(window)
            if named:
                start = w_start + named.start()
        if start is not None:
            hits.append(PrivacyHit("address", start, m.end(), text[start : m.end()]))
    return hits


# ---------------------------------------------------------------- scanning


def _allowed_keys(allowed: Iterable[str]) -> set[tuple[str, str]]:
    """Normalise the official contacts: e-mails case-insensitively, numbers by digits."""
    if isinstance(allowed, str):  # one contact passed bare
        allowed = (allowed,)
    keys: set[tuple[str, str]] = set()
    for item in allowed:
        raw = item.strip()
        if raw.lower().startswith("mailto:"):
            raw = raw[len("mailto:") :]
        if "@" in raw:
            keys.add(("email", raw.lower()))
            continue
        digits = re.sub(r"\D", "", raw)
        if len(digits) >= 10:
            keys.add(("phone", digits[-10:]))
        if len(digits) == 12:
            keys.add(("iin", digits))
        keys.add(("address", " ".join(raw.casefold().split())))
    return keys


def _key(hit: PrivacyHit) -> tuple[str, str]:
    if hit.kind == "email":
        return ("email", hit.text.lower())
    if hit.kind == "phone":
        return ("phone", re.sub(r"\D", "", hit.text)[-10:])
    if hit.kind == "iin":
        return ("iin", re.sub(r"\D", "", hit.text))
    return ("address", " ".join(hit.text.casefold().split()))


def scan_text(text: str, *, allowed: Iterable[str] = ()) -> list[PrivacyHit]:
    """Every piece of personal data in ``text``, sorted by start offset.

    ``allowed`` lists contacts published on purpose (the council's official
    e-mail and phone, a press service): phones compare by their last 10
    digits, e-mails case-insensitively. Overlapping hits are reduced to the
    earliest (then longest) one, so one number is reported once.
    """
    found = _find_iins(text) + _find_phones(text) + _find_emails(text) + _find_addresses(text)
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    hits: list[PrivacyHit] = []
    if not found:
        return hits
    keys = _allowed_keys(allowed)  # only when there is something to compare
    last_end = -1
    for hit in found:
        if hit.start < last_end:
            continue
        last_end = hit.end
        if _key(hit) not in keys:
            hits.append(hit)
    return hits
