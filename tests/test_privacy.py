"""Personal data in published text (rule ``privacy.personal-data``).

Written as a secretary or reviewer would check the scanner: real-looking
sentences in Russian and Kazakh, the numbers a protocol is full of (dates,
amounts, protocol and law numbers, votes, BINs) and the personal data that
must not slip through (IIN, personal phone and e-mail, home address).
"""

from __future__ import annotations

import dataclasses

import pytest
from buildkit import with_control

from ashyq.validate.privacy import (
    ORGANISATIONAL_DOMAIN_SUFFIXES,
    PrivacyHit,
    is_valid_iin,
    line_col,
    scan_text,
)



def wrong_control(number: str) -> str:
    return number[:11] + str((int(number[11]) + 1) % 10)


# A man born 12 March 1985, a woman born 25 July 2003.
IIN_MAN = with_control("85031230012")
IIN_WOMAN = with_control("03072560078")
# An NGO's BIN: registered January 2008, 5th digit 4 (legal entity).
BIN_NGO = with_control("08014000012")


def kinds(text: str, **kw) -> list[str]:
    return [h.kind for h in scan_text(text, **kw)]


# ---------------------------------------------------------------- IIN


def test_generated_iins_are_valid():
    assert is_valid_iin(IIN_MAN)
    assert is_valid_iin(IIN_WOMAN)


def test_iin_with_wrong_control_digit_is_invalid():
    assert not is_valid_iin(wrong_control(IIN_MAN))
    assert not is_valid_iin(wrong_control(IIN_WOMAN))


@pytest.mark.parametrize(
    "first11",
    [
        "85023030012",  # 30 February
        "85131230012",  # month 13
        "85031200012",  # 7th digit 0: no century
        "85031270012",  # 7th digit 7: no century
    ],
)
def test_iin_needs_real_birth_date_and_century_digit(first11):
    assert not is_valid_iin(with_control(first11))


def test_bin_is_not_an_iin():
    # same control digit, but its "day" is 40 or more
    assert not is_valid_iin(BIN_NGO)
    assert not is_valid_iin(with_control("99125000123"))


@pytest.mark.parametrize(
    "value", ["", "85031230012", IIN_MAN + "0", "8503123001a2", "８５０３１２３００１２１"]
)
def test_is_valid_iin_rejects_wrong_shape(value):
    assert not is_valid_iin(value)


def test_iin_caught_in_russian_sentence():
    text = f"Заявитель Ахметов А.Б. (ИИН {IIN_MAN}) выступил по второму вопросу."
    hits = scan_text(text)
    assert [(h.kind, h.text) for h in hits] == [("iin", IIN_MAN)]
    assert text[hits[0].start : hits[0].end] == IIN_MAN


def test_iin_caught_in_kazakh_sentence():
    text = f"Өтініш беруші Сейітова Г.М., ЖСН: {IIN_WOMAN}, жиналысқа қатысты."
    assert [(h.kind, h.text) for h in scan_text(text)] == [("iin", IIN_WOMAN)]


def test_iin_typed_in_groups_is_caught():
    grouped = f"{IIN_MAN[:6]} {IIN_MAN[6:9]} {IIN_MAN[9:]}"
    hits = scan_text(f"ИИН {grouped} указан в заявлении.")
    assert [(h.kind, h.text) for h in hits] == [("iin", grouped)]


def test_iin_with_wrong_control_digit_not_flagged_in_text():
    assert scan_text(f"Номер обращения {wrong_control(IIN_MAN)} зарегистрирован.") == []


def test_bin_of_organisation_not_flagged():
    text = f"ОО «Зеленый город» (БИН {BIN_NGO}) — қоғамдық бірлестік, БСН {BIN_NGO}."
    assert scan_text(text) == []


def test_iin_inside_longer_digit_run_not_flagged():
    assert scan_text(f"Код документа 9{IIN_MAN}3 в реестре.") == []


# ---------------------------------------------------------------- phone


@pytest.mark.parametrize(
    "phone",
    [
        "+7 701 123 45 67",
        "+7 (701) 123-45-67",
        "8 (701) 123-45-67",
        "8 701 123 45 67",
        "87011234567",
        "+77011234567",
        "+7-747-123-45-67",
        "8 775 123 4567",
        "+7 (7172) 74-00-00",
        "8 7172 740000",
        "8 (727) 250-00-00",
        "(701) 123-45-67",
    ],
)
def test_phone_formats_caught(phone):
    hits = scan_text(f"Контактный телефон: {phone}, звонить после 18:00.")
    assert [(h.kind, h.text) for h in hits] == [("phone", phone)]


def test_phone_caught_in_kazakh_sentence():
    text = "Байланыс үшін ұялы телефон: 8 777 555 12 34 (жұмыс күндері)."
    assert [(h.kind, h.text) for h in scan_text(text)] == [("phone", "8 777 555 12 34")]


@pytest.mark.parametrize(
    "text",
    [
        "Заседание состоялось 2026-03-21 в 10:00.",
        "Отырыс 21.03.2026 ж. сағат 15:30-да өтті.",
        "Время проведения: 10:00–12:30 (по времени Астаны).",
        "Протокол № 12-3/456 от 21 марта 2026 года.",
        "Выделено 1 250 000 тенге, всего 87 500 000 000 тенге.",
        "Бюджет бағдарламасы: 87500000000 теңге.",
        "Закон Республики Казахстан от 2 ноября 2015 года № 383-V.",
        "План на 2024–2026 годы и на 2025-2027 гг.",
        "Голосовали: за — 12, против — 0, воздержались — 1.",
        "Номер записи 850312300120 в журнале.",  # 12 digits, not a valid IIN
        f"Организация с БИН {BIN_NGO} участвовала.",
        "Единый контакт-центр 1414, бесплатный номер 8 800 080 7777.",
        "Постановление акимата от 12.01.2026 № 8-01/123.",
        "Рост показателя на 7,5 % по сравнению с 2025 годом.",
    ],
)
def test_numbers_of_a_protocol_are_not_phones(text):
    assert scan_text(text) == []


def test_allowed_official_phone_matches_in_any_format():
    text = "Приёмная совета: 8 (7172) 55-66-77. Пресс-служба: +7 701 000 11 22."
    allowed = ["+7 7172 556677", "87010001122"]
    assert scan_text(text, allowed=allowed) == []


def test_allowed_phone_does_not_hide_other_numbers():
    text = "Приёмная: +7 (7172) 55-66-77; мобильный секретаря 8 701 234 56 78."
    hits = scan_text(text, allowed=["+7 (7172) 55-66-77"])
    assert [(h.kind, h.text) for h in hits] == [("phone", "8 701 234 56 78")]


def test_a_text_seen_before_is_judged_with_the_contacts_of_each_call():
    """What the detectors find in a text is remembered (the same short values fill every record); which of
    it a council published on purpose is asked anew each time."""
    text = "Приёмная: 8 701 234 56 78"
    assert scan_text(text, allowed=["87012345678"]) == []
    assert [(h.kind, h.text, h.start) for h in scan_text(text)] == [("phone", "8 701 234 56 78", 10)]
    assert scan_text(text, allowed=["+7 701 234 56 78"]) == []
    assert [h.text for h in scan_text(text + " ")] == ["8 701 234 56 78"]


# ---------------------------------------------------------------- e-mail


@pytest.mark.parametrize(
    "email", ["aigerim.s@gmail.com", "ivanov1985@mail.ru", "a_b@yandex.kz", "Petrov@Inbox.ru"]
)
def test_personal_email_caught(email):
    hits = scan_text(f"Предложения направлять на {email}.")
    assert [(h.kind, h.text) for h in hits] == [("email", email)]


def test_organisational_email_not_flagged():
    assert ".gov.kz" in ORGANISATIONAL_DOMAIN_SUFFIXES
    text = (
        "Официальная почта: kenes@astana.gov.kz; "
        "баспасөз қызметі: press@akorda.kz; университет: info@enu.edu.kz."
    )
    assert scan_text(text) == []


def test_allowed_email_compared_case_insensitively():
    text = "Совет принимает обращения на OS.Kenes@Gmail.com и на chair.private@mail.ru."
    hits = scan_text(text, allowed=["os.kenes@gmail.com"])
    assert [(h.kind, h.text) for h in hits] == [("email", "chair.private@mail.ru")]


def test_allowed_as_single_string_is_one_contact():
    assert scan_text("Почта: os.kenes@gmail.com", allowed="os.kenes@gmail.com") == []


# ---------------------------------------------------------------- address


@pytest.mark.parametrize(
    "address",
    [
        "ул. Абая, д. 12, кв. 45",
        "пр. Республики, дом 3, квартира 17",
        "мкр. Самал-2, д. 58, кв. 9",
        "Абая 12, кв. 45",
    ],
)
def test_russian_home_address_caught(address):
    hits = scan_text(f"Заявитель проживает по адресу: г. Астана, {address}.")
    assert [(h.kind, h.text) for h in hits] == [("address", address)]


@pytest.mark.parametrize(
    "address",
    ["Абай көшесі, 12 үй, 45 пәтер", "Сарыарқа даңғылы, 5-үй, 103-пәтер"],
)
def test_kazakh_home_address_caught(address):
    hits = scan_text(f"Тұрғын мекенжайы: Астана қ., {address}.")
    assert [(h.kind, h.text) for h in hits] == [("address", address)]


@pytest.mark.parametrize(
    "text",
    [
        "Заседание пройдёт в здании акимата, ул. Бейбітшілік, д. 11, каб. 305.",
        "Место: пр. Мәңгілік Ел, 8, Дом министерств, кабинет 305.",
        "Приём граждан: ул. Достык, 5, офис 12.",
        "Отырыс Бейбітшілік көшесі, 11 үй, 305 кабинетте өтеді.",
    ],
)
def test_office_address_is_not_home_address(text):
    assert scan_text(text) == []


def test_quarter_and_square_metres_are_not_flats():
    text = (
        "Ремонт помещения по ул. Абая, 12 площадью 120 кв. м запланирован "
        "во II кв. 2026 года, отчёт — в 1 кв. 2027 г."
    )
    assert scan_text(text) == []


# ---------------------------------------------------------------- masking


def test_masked_never_contains_the_original():
    text = (
        f"ИИН {IIN_MAN}; тел. +7 701 123 45 67; 8 (7172) 74-00-00; "
        "почта a@mail.ru, aigerim.s@gmail.com; адрес ул. Абая, д. 12, кв. 45."
    )
    hits = scan_text(text)
    assert sorted({h.kind for h in hits}) == ["address", "email", "iin", "phone"]
    for hit in hits:
        assert hit.text not in hit.masked
        assert "•" in hit.masked


def test_masked_shapes_are_recognisable_but_hide_details():
    iin, phone, email = scan_text(f"{IIN_MAN}, +7 701 123 45 67, aigerim.s@gmail.com")
    assert iin.masked.startswith(IIN_MAN[:2]) and iin.masked.endswith(IIN_MAN[-1])
    assert IIN_MAN[:6] not in iin.masked  # the birth date stays hidden
    assert phone.masked == "+7 701 ••• •• 67"
    assert email.masked == "a•••@gmail.com"


# ---------------------------------------------------------------- positions


def test_line_col_on_multiline_text():
    text = "бірінші жол\nвторая строка\n\nтел. 8 701 123 45 67"
    assert line_col(text, 0) == (1, 1)
    assert line_col(text, text.index("вторая")) == (2, 1)
    assert line_col(text, text.index("строка")) == (2, 8)
    assert line_col(text, text.index("\n\n") + 1) == (3, 1)
    assert line_col(text, len(text)) == (4, len("тел. 8 701 123 45 67") + 1)
    with pytest.raises(ValueError):
        line_col(text, len(text) + 1)


def test_line_col_points_at_the_hit_in_a_markdown_body():
    body = "## Қатысқандар\n\n- Сейітова Г.М.\n- Ахметов А.Б., тел. +7 701 123 45 67\n"
    (hit,) = scan_text(body)
    assert line_col(body, hit.start) == (4, body.splitlines()[3].index("+7") + 1)


def test_hits_sorted_by_start_and_text_matches_offsets():
    text = (
        "Почта petrov@mail.ru.\n"
        f"ИИН {IIN_WOMAN}\n"
        "Тел. 87011234567, адрес: ул. Абая, д. 1, кв. 2"
    )
    hits = scan_text(text)
    assert [h.kind for h in hits] == ["email", "iin", "phone", "address"]
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    for h in hits:
        assert text[h.start : h.end] == h.text


def test_hit_is_frozen():
    hit = PrivacyHit("phone", 0, 11, "87011234567")
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.kind = "iin"  # type: ignore[misc]


# ---------------------------------------------------------------- a whole protocol

PROTOCOL = f"""\
# Хаттама № 3 / Протокол № 3

**Астана қ. әкімдігі жанындағы Қоғамдық кеңестің отырысы**

Күні: 2026 жылғы 21 наурыз (2026-03-21), сағат 10:00–12:30.
Өтетін орны: Астана қ., Бейбітшілік көшесі, 11 үй, 305 кабинет.
Қатысқандар: 14 мүше (барлығы 15). Кворум бар.
Төраға — Жұмабекова А.С., хатшы — Ким О.В.

Күн тәртібі:
1. 2026–2028 жылдарға арналған бюджет бағдарламасының жобасы туралы
   (сомасы 87 500 000 000 теңге, 1-кіші бағдарлама — 1 250 000 теңге).
2. «Қоғамдық кеңестер туралы» 2015 жылғы 2 қарашадағы № 383-V Заңының
   5-бабы 1-тармағының 1) тармақшасы бойынша ұсынымдар.
3. «Жасыл қала» ҚБ (БСН {BIN_NGO}) өтінішін қарау.

Дауыс беру: қолдағаны — 12, қарсы — 0, қалыс қалғаны — 2.
Шешім: ұсынымдарды 2026 жылдың II тоқсанында әкімдікке жіберу.
Ресми байланыс: kenes@astana.gov.kz, +7 (7172) 55-66-77. Бірыңғай байланыс орталығы 1414.

---

Дата: 21.03.2026, время: 10:00–12:30.
Место проведения: г. Астана, ул. Бейбитшилик, д. 11, каб. 305 (здание акимата).
Присутствовали: 14 из 15 членов совета. Приглашены: руководитель управления
финансов, представители ОО «Зеленый город» (БИН {BIN_NGO}).

Слушали: о проекте бюджетной программы на 2026–2028 годы (объём
87 500 000 000 тенге, в том числе 1 250 000 тенге на информирование населения).
Площадь помещения для приёма граждан — 120 кв. м, ремонт во II кв. 2026 года.
Основание: пп. 1) п. 1 ст. 5 Закона РК № 383-V, постановление акимата
от 12.01.2026 № 8-01/123, исх. № 12-3/456 от 14.03.2026.

Голосовали: за — 12, против — 0, воздержались — 2. Рост показателя на 7,5 %.
Решили: направить рекомендации в акимат в срок до 31.03.2026; ответ — в течение
10 рабочих дней. Протокол опубликовать на https://astana.gov.kz/ru/kenes/2026/3.
Официальные контакты: kenes@astana.gov.kz, press@akorda.kz, 8 (7172) 55-66-77,
бесплатная линия 8 800 080 7777.
"""


def test_realistic_bilingual_protocol_has_no_personal_data():
    assert scan_text(PROTOCOL, allowed=["+7 (7172) 55-66-77"]) == []


def test_one_personal_phone_in_the_protocol_is_found_on_its_line():
    leaked = PROTOCOL.replace("хатшы — Ким О.В.", "хатшы — Ким О.В. (8 701 234 56 78)")
    hits = scan_text(leaked, allowed=["kenes@astana.gov.kz", "87172556677"])
    assert [(h.kind, h.text) for h in hits] == [("phone", "8 701 234 56 78")]
    line, _ = line_col(leaked, hits[0].start)
    assert "хатшы" in leaked.splitlines()[line - 1]
