"""Look-alikes for the personal-data scan: numbers and addresses a protocol is full of.

Every generator takes the random source and the council whose records the
sentence is in (its declared contacts are the ones allowed) and returns one
Kazakh or Russian sentence that holds no personal data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from ashyq.models import Council
from privacy_corpus import LANDLINE_FORMATS, PHONE_FORMATS, make_bin

Lookalike = Callable[[random.Random, Council], str]

_MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
              "ноября", "декабря")
_MONTHS_KK = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
              "қараша", "желтоқсан")


def _day(r: random.Random) -> dt.date:
    return dt.date(2020, 1, 1) + dt.timedelta(days=r.randint(0, 3000))


def _thousands(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def _date(r: random.Random, c: Council) -> str:
    d, h = _day(r), r.randint(8, 18)
    return r.choice((
        f"Заседание состоялось {d:%d.%m.%Y} в {h}:00, протокол опубликован {_day(r):%d.%m.%Y}.",
        f"Отырыс {d:%d.%m.%Y} ж. сағат {h}:30-да өтті.",
        f"Дата проведения: {d.isoformat()}, время: {h:02d}:00–{h + 2:02d}:30.",
        f"Ответ получен {d.day} {_MONTHS_RU[d.month - 1]} {d.year} года.",
        f"Жауап {d.year} жылғы {d.day} {_MONTHS_KK[d.month - 1]}да келді.",
        f"Срок исполнения: {d:%d.%m.%Y} – {_day(r):%d.%m.%Y}.",
    ))


def _iso_datetime(r: random.Random, c: Council) -> str:
    return f"Жарияланды: {_day(r).isoformat()}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:00+05:00."


def _time(r: random.Random, c: Council) -> str:
    h = r.randint(8, 17)
    return r.choice((f"Время проведения: {h}:00–{h + 2}:30 (по времени Астаны).",
                     f"Қабылдау сағат {h}.00-ден {h + 1}.00-ге дейін.", f"Перерыв с {h}:00 до {h}:45."))


def _bin(r: random.Random, c: Council) -> str:
    b = make_bin(r)
    shown = r.choice((b, f"{b[:6]} {b[6:]}", f"{b[:4]} {b[4:8]} {b[8:]}", f"{b[:3]} {b[3:6]} {b[6:9]} {b[9:]}",
                      f"{b[:6]}\u00ad{b[6:]}"))
    return r.choice((f"ОО «Зеленый город» (БИН {shown}) участвовало в слушаниях.",
                     f"«Жасыл қала» ҚБ (БСН {shown}) өтінішін қарау."))


def _iban(r: random.Random, c: Council) -> str:
    return f"Реквизиты: ИИК KZ{r.randint(10, 99)}{r.randint(100, 999)}KZT{r.randint(10**12, 10**13 - 1)}, БИК HSBKKZKX."


def _protocol(r: random.Random, c: Council) -> str:
    n = r.choice((f"{r.randint(1, 99)}/{r.randint(100, 999)}-{r.randint(1000, 9999)}",
                  f"{r.randint(1, 20)}-{r.randint(1, 99):02d}/{r.randint(1, 9999)}",
                  f"{r.randint(1, 99)}-{r.randint(1, 9)}/{r.randint(100, 999)}",
                  f"{r.randint(7, 8)}-{r.randint(700, 779)}/{r.randint(1000000, 9999999)}"))
    return r.choice((f"Протокол № {n} от {_day(r):%d.%m.%Y}.", f"Исх. № {n} от {_day(r):%d.%m.%Y}.",
                     f"Аудандық мәслихаттың № {n} шешімі."))


def _law(r: random.Random, c: Council) -> str:
    return r.choice(("Закон Республики Казахстан от 2 ноября 2015 года № 383-V «Об общественных советах».",
                     "2024 жылғы 16 қаңтардағы № 17-НҚ бұйрық.",
                     f"Постановление акимата от {_day(r):%d.%m.%Y} № {r.randint(1, 9)}-{r.randint(1, 99):02d}/"
                     f"{r.randint(100, 999)}."))


def _amount(r: random.Random, c: Council) -> str:
    n = r.randint(10**9, 10**12 - 1)
    shown = _thousands(n, r.choice((" ", "\u00a0", ".", "\u202f")))
    cur = r.choice(("тенге", "тг", "теңге", "₸", "млн тенге", "тыс. тенге", "KZT"))
    return r.choice((f"Выделено {shown} {cur} на реализацию программы.", f"Бюджеті — {shown} {cur}.",
                     f"Объём финансирования составил {shown},{r.randint(0, 99):02d} {cur}."))


def _budget_code(r: random.Random, c: Council) -> str:
    code = (f"{r.randint(1, 13):02d} {r.randint(1, 9)} {r.randint(100, 999)} {r.randint(1, 99):03d} "
            f"{r.randint(0, 99):03d}")
    return r.choice((f"Бюджетная программа {r.randint(100, 299)} «Обеспечение деятельности», подпрограмма "
                     f"{r.randint(1, 99):03d}, код {code}.", f"Бюджеттік сыныптама коды {code}.",
                     f"КБК {r.randint(101101, 306199)}, программа {r.randint(1, 99):03d}."))


def _postal(r: random.Random, c: Council) -> str:
    return r.choice((f"{r.choice(('050', '010', '100', '160'))}{r.randint(0, 999):03d}, г. Алматы, площадь "
                     "Республики, 4.",
                     f"{r.choice(('010', '090'))}{r.randint(0, 999):03d}, Астана қаласы, Бейбітшілік көшесі, 11."))


def _pages(r: random.Random, c: Council) -> str:
    a = r.randint(1, 700)
    return r.choice((f"См. с. {a}–{a + r.randint(1, 30)} и стр. {r.randint(1, 9)}, {a}-{a + 4}.",
                     f"Баяндама, {a}-{a + 12} беттер."))


def _years(r: random.Random, c: Council) -> str:
    y = r.randint(2015, 2030)
    return r.choice((f"План на {y}–{y + 2} годы и на {y + 1}-{y + 3} гг.", f"{y}-{y + 2} жылдарға арналған жоспар."))


def _votes(r: random.Random, c: Council) -> str:
    return f"Голосовали: за — {r.randint(5, 25)}, против — {r.randint(0, 3)}, воздержались — {r.randint(0, 3)}."


def _area_quarter(r: random.Random, c: Council) -> str:
    return (f"Ремонт помещения площадью {r.randint(20, 900)} кв. м по ул. Абая, {r.randint(1, 99)} — во "
            f"{r.choice(('I', 'II', 'III', 'IV'))} кв. {r.randint(2024, 2028)} года.")


def _office(r: random.Random, c: Council) -> str:
    return r.choice((f"Заседание пройдёт в здании акимата, ул. Бейбітшілік, д. {r.randint(1, 99)}, "
                     f"каб. {r.randint(100, 999)}.",
                     f"Отырыс Бейбітшілік көшесі, {r.randint(1, 99)} үй, {r.randint(100, 999)} кабинетте өтеді.",
                     f"Приём граждан: ул. Достык, {r.randint(1, 99)}, офис {r.randint(1, 99)}."))


def _declared(c: Council) -> list[str]:
    info = c.info
    return [p for p in (*info.official_contacts.phones, info.contacts.phone or "")
            if sum(ch.isdigit() for ch in p) >= 10]


def _official_phone(r: random.Random, c: Council) -> str:
    national = "".join(ch for ch in r.choice(_declared(c)) if ch.isdigit())[-10:]
    formats = LANDLINE_FORMATS if not national.startswith(("70", "747", "75", "76", "77")) else PHONE_FORMATS
    name = r.choice([n for n in formats if "wrapped" not in n])
    shown = formats[name](national, r)
    return r.choice((f"Приёмная совета: {shown} (пн–пт, 9:00–18:00).", f"Кеңестің ресми телефоны: {shown}.",
                     f"Справки по телефону {shown}, call-центр 1414."))


def _hotline(r: random.Random, c: Council) -> str:
    return r.choice(("Единый контакт-центр 1414, бесплатный номер 8 800 080 7777.", "Бірыңғай байланыс орталығы 1406.",
                     "Телефон доверия 111, экстренные службы 112, полиция 102.", "Call-центр: 8-800-080-88-87."))


def _official_email(r: random.Random, c: Council) -> str:
    info = c.info
    box = r.choice(("press", "info", "kense", "priemnaya", "hr", "kenes.2026"))
    domains = [*info.official_contacts.domains, info.contacts.email.rpartition("@")[2]]
    domain = r.choice(domains)
    address = r.choice((f"{box}@{domain}", f"{box}@{r.choice(('hr', 'press', 'kenes'))}.{domain}",
                        *info.official_contacts.emails, info.contacts.email.upper()))
    return r.choice((f"Предложения направлять на {address}.", f"Ұсыныстарды {address} мекенжайына жіберіңіз.",
                     f"Официальная почта: {address}; сайт: {info.contacts.website}"))


def _state_email(r: random.Random, c: Council) -> str:
    address = r.choice(("kenes@astana.gov.kz", "press@akorda.kz", "info@enu.edu.kz", "kanc@parlam.kz",
                        f"obl{r.randint(1, 20)}@gov.kz", "akimat@mangystau.gov.kz"))
    return f"Жауап {address} мекенжайынан {_day(r):%d.%m.%Y} келді."


def _website(r: random.Random, c: Council) -> str:
    return (f"Протокол опубликован на https://www.gov.kz/memleket/entities/dsm/press/news/"
            f"{r.randint(100000, 999999)}?lang=ru.")


def _statistics(r: random.Random, c: Council) -> str:
    n = r.randint(10**9, 10**12 - 1)
    return r.choice((f"Население охвачено: {_thousands(r.randint(10**6, 10**7), ' ')} человек, объём — "
                     f"{_thousands(n, ' ')} (в тенге, по данным на 01.01.{r.randint(2020, 2026)}).",
                     f"Жиынтық көрсеткіш: {_thousands(n, ' ')}; өсім {r.randint(1, 30)},{r.randint(0, 9)} %.",
                     f"Код КАТО {r.randint(10**8, 10**9 - 1)}, кадастровый номер {r.randint(1, 25):02d}-"
                     f"{r.randint(100, 399)}-{r.randint(1, 999):03d}-{r.randint(1, 9999):03d}."))


def _table_row(r: random.Random, c: Council) -> str:
    cells = [str(r.randint(2020, 2026)), str(r.randint(1, 999)), str(r.randint(1, 999)), str(r.randint(1, 99)),
             str(r.randint(1, 99))]
    return "| " + " | ".join(cells) + " |"


def _number_dates(r: random.Random, c: Council) -> str:
    d = _day(r)
    return r.choice((f"Период: {d:%d-%m-%Y} — {_day(r):%d-%m-%Y}.", f"Даты: {d:%d.%m.%Y}, {_day(r):%d.%m.%Y}, "
                     f"{_day(r):%d.%m.%Y}.", f"Время: {r.randint(8, 12)}.00-{r.randint(13, 18)}.30, "
                     f"{d:%d.%m.%y} {_day(r):%d.%m.%y}."))


def _extension(r: random.Random, c: Council) -> str:
    phone = r.choice(_declared(c))
    return f"Приёмная: {phone} (вн. {r.randint(100, 9999)}), факс {phone}."


LOOKALIKES: dict[str, Lookalike] = {
    "statistics / KATO / cadastre": _statistics, "table row": _table_row, "dates in a row": _number_dates,
    "declared phone with extension": _extension,
    "date": _date, "ISO date-time": _iso_datetime, "time": _time, "BIN": _bin, "IBAN": _iban,
    "protocol number": _protocol, "law / decree number": _law, "amount": _amount, "budget code": _budget_code,
    "postal code": _postal, "page numbers": _pages, "year range": _years, "votes": _votes,
    "area / quarter": _area_quarter, "office address": _office, "declared official phone": _official_phone,
    "hotline": _hotline, "declared e-mail / domain": _official_email, "state-domain e-mail": _state_email,
    "web address": _website,
}
