"""Home addresses: an apartment number after a street or a house.

Runs on normalised text (see :mod:`.normalise`), where a line wrapped
inside a paragraph is already joined. The apartment — ``кв. 45``,
``квартира № 45``, ``пәтер 45`` or, in Kazakh order, ``45 пәтер`` /
``45-пәтерде`` — makes it a home; offices (``каб. 305``, ``кабинет``,
``офис``) are simply not on the list.
"""

from __future__ import annotations

import re

from .hit import Found

__all__ = ["find_addresses"]

# Letters of Kazakh, Russian and English (used with re.IGNORECASE) to say
# "not glued to a word" without Python's \b, which counts digits as letters.
_LETTERS = "a-zа-яёәғқңөұүһі"
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"

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


def find_addresses(text: str) -> list[Found]:
    hits: list[Found] = []
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
            value = " ".join(text[start : m.end()].casefold().split())
            hits.append(Found("address", start, m.end(), value))
    return hits
