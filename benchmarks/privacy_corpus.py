"""A generated corpus for the personal-data scan (used by ``privacy_bench.py`` and the tests).

Seeded and deterministic. Planted items: IINs, phones, e-mails and home
addresses in Kazakh and Russian sentences, in many formats, with the
invisible characters a word processor leaves (soft hyphen, zero-width space,
non-breaking hyphen, thin and narrow spaces, NBSP, full-width digits), and
wrapped across lines as in a Markdown paragraph. Look-alikes that must pass:
dates, times, BINs, IBANs, protocol and law numbers, amounts, budget codes,
postal codes, page numbers, year ranges, and the contacts a council declares
(its domains, its hotline and reception numbers, state domains).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from ashyq.models import Council
from ashyq.models.council import CouncilInfo

# --------------------------------------------------------------- councils


def _council(slug: str, email: str, phone: str, website: str, domains: list[str], phones: list[str],
             emails: tuple[str, ...] = ()) -> Council:
    text = {"kk": slug, "ru": slug}
    info = CouncilInfo.model_validate({
        "name": text, "type": "ministry", "host_body": text, "region": text,
        "term": {"start": "2025-01-01", "end": "2027-12-31"},
        "contacts": {"email": email, "phone": phone, "website": website},
        "official_contacts": {"domains": domains, "phones": phones, "emails": list(emails)},
    })
    return Council(slug, f"councils/{slug}", info=info)


COUNCILS: dict[str, Council] = {c.slug: c for c in (
    _council("minzdrav", "kenes@minzdrav.gov.kz", "+7 7172 74 36 00", "https://www.gov.kz/memleket/entities/dsm",
             ["minzdrav.gov.kz", "dsm.gov.kz"], ["+7 7172 74 37 00", "1406", "8 800 080 88 87"]),
    _council("telecom", "kenes@telecom.kz", "+7 727 258 58 58", "https://telecom.kz/",
             ["kazakhtelecom.kz"], ["8 (727) 250-00-00", "160"], ("press.telecom@gmail.com",)),
    _council("almaty", "kenes@almaty.gov.kz", "+7 727 271 66 66", "https://almaty.gov.kz/",
             [], ["109", "+7 727 272 02 02"]),
)}

# --------------------------------------------------------------- values

_W1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def _control(first11: str) -> int | None:
    d = [int(c) for c in first11]
    for w in (_W1, _W2):
        r = sum(x * y for x, y in zip(d, w, strict=True)) % 11
        if r != 10:
            return r
    return None


def make_iin(rng: random.Random) -> str:
    while True:
        year, month, day = rng.randint(1940, 2012), rng.randint(1, 12), rng.randint(1, 28)
        century = (3 if year < 2000 else 5) + rng.randint(0, 1)
        first11 = f"{year % 100:02d}{month:02d}{day:02d}{century}{rng.randint(0, 9999):04d}"
        if (c := _control(first11)) is not None:
            return first11 + str(c)


def make_bin(rng: random.Random) -> str:
    while True:
        first11 = f"{rng.randint(0, 25):02d}{rng.randint(1, 12):02d}{rng.choice('456')}{rng.randint(0, 3)}" \
                  f"{rng.randint(0, 99999):05d}"
        if (c := _control(first11)) is not None:
            return first11 + str(c)


_MOBILE = ("700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778")
_CITY = ("7172", "727", "7212", "7252", "7112", "7142", "7182", "7222", "71141", "7132")


def make_mobile(rng: random.Random) -> str:
    return rng.choice(_MOBILE) + f"{rng.randint(0, 9999999):07d}"


def make_landline(rng: random.Random) -> str:
    code = rng.choice(_CITY)
    return code + f"{rng.randint(200000, 999999):d}".rjust(10 - len(code), "2")[: 10 - len(code)]


_STREETS_RU = ("ул. Абая", "пр. Республики", "мкр. Самал-2", "ул. Кенесары", "пр. Назарбаева", "ул. Толе би")
_STREETS_KK = ("Абай көшесі", "Сарыарқа даңғылы", "Кенесары көшесі", "Төле би көшесі", "Мәңгілік Ел даңғылы")

# --------------------------------------------------------------- formats

Fmt = Callable[[str, random.Random], str]


def _groups(value: str, sizes: tuple[int, ...], sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        out.append(value[i : i + size])
        i += size
    return sep.join(out)


def _insert(value: str, char: str, rng: random.Random) -> str:
    i = rng.randint(1, len(value) - 1)
    return value[:i] + char + value[i:]


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

IIN_FORMATS: dict[str, Fmt] = {
    "plain": lambda v, r: v,
    "6-6 space": lambda v, r: _groups(v, (6, 6), " "),
    "6-3-3": lambda v, r: _groups(v, (6, 3, 3), " "),
    "3-3-3-3": lambda v, r: _groups(v, (3, 3, 3, 3), " "),
    "4-4-4": lambda v, r: _groups(v, (4, 4, 4), " "),
    "6-6 dash": lambda v, r: _groups(v, (6, 6), "-"),
    "dots 3-3-3-3": lambda v, r: _groups(v, (3, 3, 3, 3), "."),
    "dots 4-4-4": lambda v, r: _groups(v, (4, 4, 4), "."),
    "en dash 6-6": lambda v, r: _groups(v, (6, 6), "–"),
    "soft hyphen": lambda v, r: _insert(v, "\u00ad", r),
    "zero-width space": lambda v, r: _insert(v, "\u200b", r),
    "nbsp 6-3-3": lambda v, r: _groups(v, (6, 3, 3), "\u00a0"),
    "thin space 3-3-3-3": lambda v, r: _groups(v, (3, 3, 3, 3), "\u2009"),
    "narrow nbsp 4-4-4": lambda v, r: _groups(v, (4, 4, 4), "\u202f"),
    "nb hyphen 6-6": lambda v, r: _groups(v, (6, 6), "\u2011"),
    "full-width": lambda v, r: v.translate(_FULLWIDTH),
    "wrapped 6-6": lambda v, r: _groups(v, (6, 6), "\n"),
    "wrapped 4-4-4": lambda v, r: _groups(v, (4, 4), " ") + "\n  " + v[8:],
}


def _mob(v: str, pattern: str) -> str:
    """Fill ``pattern``'s 'X's with the 10 national digits."""
    digits = iter(v)
    return "".join(next(digits) if ch == "X" else ch for ch in pattern)


PHONE_FORMATS: dict[str, Fmt] = {
    "+7 (XXX) XXX-XX-XX": lambda v, r: _mob(v, "+7 (XXX) XXX-XX-XX"),
    "8 (XXX) XXX-XX-XX": lambda v, r: _mob(v, "8 (XXX) XXX-XX-XX"),
    "+7 XXX XXX XX XX": lambda v, r: _mob(v, "+7 XXX XXX XX XX"),
    "8XXXXXXXXXX": lambda v, r: "8" + v,
    "+7XXXXXXXXXX": lambda v, r: "+7" + v,
    "dots 8.XXX.XXX.XX.XX": lambda v, r: _mob(v, "8.XXX.XXX.XX.XX"),
    "slashes 8/XXX/XXXXXXX": lambda v, r: _mob(v, "8/XXX/XXXXXXX"),
    "+7 XXX XXX XXXX": lambda v, r: _mob(v, "+7 XXX XXX XXXX"),
    "dashes 8-XXX-XXX-XX-XX": lambda v, r: _mob(v, "8-XXX-XXX-XX-XX"),
    "+7(XXX)XXXXXXX": lambda v, r: _mob(v, "+7(XXX)XXXXXXX"),
    "no prefix (XXX) XXX-XX-XX": lambda v, r: _mob(v, "(XXX) XXX-XX-XX"),
    "nbsp": lambda v, r: _mob(v, "+7\u00a0XXX\u00a0XXX\u00a0XX\u00a0XX"),
    "nb hyphens": lambda v, r: _mob(v, "8\u2011XXX\u2011XXX\u2011XX\u2011XX"),
    "thin spaces": lambda v, r: _mob(v, "+7\u2009XXX\u2009XXX\u2009XX\u2009XX"),
    "narrow nbsp": lambda v, r: _mob(v, "8\u202fXXX\u202fXXX\u202fXX\u202fXX"),
    "soft hyphen": lambda v, r: _insert("8" + v, "\u00ad", r),
    "zero-width space": lambda v, r: _insert("+7" + v, "\u200b", r),
    "full-width": lambda v, r: ("8" + v).translate(_FULLWIDTH),
    "wrapped": lambda v, r: _mob(v, "+7 XXX\nXXX XX XX"),
    "wrapped after dash": lambda v, r: _mob(v, "8 (XXX) XXX-\n  XX-XX"),
    "second of two wrapped": lambda v, r: "8 701 000 00 00\n" + _mob(v, "8 XXX XXX XX XX"),
    "after an IIN": lambda v, r: _groups(make_iin(r), (6, 3, 3), " ") + " " + _mob(v, "8 XXX XXX XX XX"),
    "after a number": lambda v, r: f"{r.randint(1, 99)} " + _mob(v, "8 XXX XXX XX XX"),
}
LANDLINE_FORMATS: dict[str, Fmt] = {
    "8 (city) XX-XX-XX": lambda v, r: f"8 ({v[:-6]}) {v[-6:-4]}-{v[-4:-2]}-{v[-2:]}",
    "+7 city XXXXXX": lambda v, r: f"+7 {v[:-6]} {v[-6:]}",
    "8-city-XX-XX-XX": lambda v, r: f"8-{v[:-6]}-{v[-6:-4]}-{v[-4:-2]}-{v[-2:]}",
    "dots": lambda v, r: f"8.{v[:-6]}.{v[-6:-4]}.{v[-4:-2]}.{v[-2:]}",
}


def _at(local: str, domain: str, at: str, dot: str = ".") -> str:
    return f"{local}{at}{domain.replace('.', dot)}"


EMAIL_FORMATS: dict[str, Fmt] = {
    "plain": lambda v, r: v,
    "capitals": lambda v, r: v.upper(),
    "[at]": lambda v, r: _at(*v.split("@"), " [at] "),
    "(at) + dot": lambda v, r: _at(*v.split("@"), " (at) ", " dot "),
    "собака": lambda v, r: _at(*v.split("@"), " собака "),
    "[at] + [dot]": lambda v, r: _at(*v.split("@"), "[at]", "[dot]"),
    "at + dot words": lambda v, r: _at(*v.split("@"), " at ", " dot "),
    "(собака) + (точка)": lambda v, r: _at(*v.split("@"), " (собака) ", " (точка) "),
    "spaced @": lambda v, r: _at(*v.split("@"), " @ "),
    "full-width @": lambda v, r: v.replace("@", "＠"),
    "soft hyphen": lambda v, r: _insert(v, "\u00ad", r),
    "state-domain disguise": lambda v, r: v.split("@")[0] + "@" + r.choice(
        ("gmail", "yandex", "outlook", "icloud", "inbox", "mail.ru", "yandex.kz", "bk.ru")) + ".gov.kz",
    "wrapped [at]": lambda v, r: _at(*v.split("@"), " [at]\n"),
    "[ AT ] capitals": lambda v, r: _at(*v.split("@"), " [ AT ] "),
    "plus tag": lambda v, r: v.replace("@", "+kenes@"),
}
ADDRESS_FORMATS: dict[str, Fmt] = {
    "ru street, д., кв.": lambda v, r: f"{r.choice(_STREETS_RU)}, д. {r.randint(1, 200)}, кв. {r.randint(1, 400)}",
    "ru дом, квартира": lambda v, r: f"{r.choice(_STREETS_RU)}, дом {r.randint(1, 200)}, квартира {r.randint(1, 400)}",
    "ru name house, кв.": lambda v, r: f"Абая {r.randint(1, 200)}, кв. {r.randint(1, 400)}",
    "kk үй, пәтер": lambda v, r: f"{r.choice(_STREETS_KK)}, {r.randint(1, 200)} үй, {r.randint(1, 400)} пәтер",
    "kk N-үй, N-пәтер": lambda v, r: f"{r.choice(_STREETS_KK)}, {r.randint(1, 200)}-үй, {r.randint(1, 400)}-пәтер",
    "nbsp": lambda v, r: (f"{r.choice(_STREETS_RU)},\u00a0д.\u00a0{r.randint(1, 200)},"
                          f"\u00a0кв.\u00a0{r.randint(1, 400)}"),
    "wrapped": lambda v, r: f"{r.choice(_STREETS_RU)}, д. {r.randint(1, 200)},\nкв. {r.randint(1, 400)}",
}
