"""Personal data as it really arrives: pasted from Word, wrapped, obfuscated — and what must still pass.

One named test per case of issue 8 (item 5): invisible separators inside an
IIN or a phone, phones with dots or slashes, IINs in any grouping, numbers and
addresses wrapped across a Markdown line break, obfuscated e-mails, state
domains matched as real suffixes; the look-alikes a protocol is full of; and
the contacts a council declares once in ``council.yml``. The last tests run
the real ``ashyq check`` on a portal on disk.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from buildkit import with_control
import yaml

from ashyq.validate.privacy import PrivacyHit, line_col, normalise, scan_text



IIN = with_control("85031230012")  # a man born 12 March 1985
BIN = with_control("08014000012")  # an NGO registered January 2008
G = {"6-6": (6, 6), "6-3-3": (6, 3, 3), "3-3-3-3": (3, 3, 3, 3), "4-4-4": (4, 4, 4)}


def grouped(value: str, sizes: tuple[int, ...], sep: str) -> str:
    out, i = [], 0
    for n in sizes:
        out.append(value[i : i + n])
        i += n
    return sep.join(out)


def found(text: str, **kw) -> list[tuple[str, str]]:
    """(kind, original text) of every hit; the text is always the original slice."""
    hits = scan_text(text, **kw)
    for h in hits:
        assert text[h.start : h.end] == h.text
    return [(h.kind, h.text) for h in hits]


# ---------------------------------------------------------------- invisible separators


@pytest.mark.parametrize("char", ["\u00ad", "\u200b", "\u2060", "\ufeff"], ids=["soft-hyphen", "zwsp", "wj", "bom"])
def test_invisible_character_inside_an_iin(char):
    planted = IIN[:6] + char + IIN[6:]
    assert found(f"Заявитель (ИИН {planted}) выступил.") == [("iin", planted)]


@pytest.mark.parametrize("sep", ["\u00a0", "\u2009", "\u202f", "\u2011", "\u2013"],
                         ids=["nbsp", "thin", "narrow-nbsp", "nb-hyphen", "en-dash"])
def test_word_processor_separators_inside_an_iin(sep):
    planted = grouped(IIN, G["6-3-3"], sep)
    assert found(f"ЖСН: {planted}, өтініш берді.") == [("iin", planted)]


@pytest.mark.parametrize("phone", [
    "+7\u00a0701\u00a0234\u00a056\u00a078",
    "8\u2011701\u2011234\u201156\u201178",
    "+7\u2009701\u2009234\u200956\u200978",
    "8\u202f701\u202f234\u202f56\u202f78",
    "8701\u00ad2345678",
    "+7701\u200b2345678",
    "８７０１２３４５６７８",
], ids=["nbsp", "nb-hyphen", "thin", "narrow-nbsp", "soft-hyphen", "zwsp", "full-width"])
def test_word_processor_characters_inside_a_phone(phone):
    assert found(f"Тел. {phone}, после 18:00.") == [("phone", phone)]


def test_mask_of_a_pasted_number_prints_on_one_line_without_invisible_characters():
    (hit,) = scan_text("тел. 8\u2011701\u00ad234\n56\u200b78 далее")
    assert "\n" not in hit.masked and "\u00ad" not in hit.masked and "\u200b" not in hit.masked
    assert hit.masked.endswith("78") and "234" not in hit.masked


# ---------------------------------------------------------------- phones


@pytest.mark.parametrize("phone", [
    "+7 (701) 234-56-78", "8.701.234.56.78", "8/701/2345678", "+7 701 234 5678", "87012345678",
    "+7(701)2345678", "8-701-234-56-78", "701.234.56.78", "8.7172.74.00.00", "8/7172/740000",
])
def test_phone_with_any_separators(phone):
    assert found(f"Байланыс: {phone}.") == [("phone", phone)]


def test_two_phones_on_two_wrapped_lines_are_both_found():
    text = "Тел.: 8 701 234 56 78\n8 777 123 45 67 (вечером)."
    assert [k for k, _ in found(text)] == ["phone", "phone"]


def test_phone_right_after_an_iin_without_a_comma_is_found():
    text = f"ИИН {grouped(IIN, G['6-3-3'], ' ')} 8 701 234 56 78"
    assert [k for k, _ in found(text)] == ["iin", "phone"]


# ---------------------------------------------------------------- IIN groupings


@pytest.mark.parametrize("grouping", sorted(G))
@pytest.mark.parametrize("sep", [" ", ".", "-"], ids=["space", "dot", "dash"])
def test_iin_in_any_grouping(grouping, sep):
    planted = grouped(IIN, G[grouping], sep)
    assert found(f"ИИН {planted} указан в заявлении.") == [("iin", planted)]


def test_bin_in_any_grouping_is_not_flagged():
    for sizes in G.values():
        assert found(f"ОО «Жасыл қала» (БИН {grouped(BIN, sizes, ' ')}).") == []


def test_dates_in_a_row_are_not_an_iin_even_when_twelve_digits_pass_the_check():
    # "23-07-2027 - 20-12" are 12 digits with a valid date and control digit; the separators differ
    assert found("Период: 23-03-2027 — 19-11-2023, срок: 23.07.2027 – 20.12.2021.") == []


# ---------------------------------------------------------------- line wraps


def test_phone_wrapped_across_a_line_break_is_found_at_its_first_line():
    body = ("## Протокол\n\nВыступил житель Ахметов А.Б., который просил связаться с ним по\n"
            "телефону +7 701\n234 56 78 после заседания.\n")
    (hit,) = scan_text(body)
    assert hit.kind == "phone" and hit.text == "+7 701\n234 56 78"
    assert line_col(body, hit.start)[0] == 4


def test_iin_wrapped_inside_a_list_item_is_found():
    body = f"- Заявитель Ахметов А.Б., ИИН {IIN[:6]}\n  {IIN[6:]}, выступил.\n"
    assert found(body) == [("iin", f"{IIN[:6]}\n  {IIN[6:]}")]


def test_address_wrapped_across_a_line_break_is_found():
    body = "Жалоба жителя: г. Алматы, ул. Абая, д. 10,\nкв. 25, о шуме.\n"
    assert found(body) == [("address", "ул. Абая, д. 10,\nкв. 25")]


def test_paragraphs_and_list_items_are_not_glued_together():
    norm = normalise("Итого 2026\n\n- 8 пунктов\n1. 701 вопрос\n# 234")
    assert norm.text == "Итого 2026\n\n- 8 пунктов\n1. 701 вопрос\n# 234"


def test_normalised_offsets_map_back_to_the_original():
    text = "тел.\u00a0+7\u2009701\u2011234\u00ad56\n  78."
    norm = normalise(text)
    assert norm.text == "тел. +7 701-23456 78."
    m = re.search(r"\+7.*78", norm.text)
    start, end = norm.span(m.start(), m.end())
    assert text[start:end] == "+7\u2009701\u2011234\u00ad56\n  78"


# ---------------------------------------------------------------- e-mails


@pytest.mark.parametrize("email", [
    "aigerim [at] gmail.com", "aigerim (at) mail dot ru", "aigerim собака mail.ru", "aigerim[at]mail[dot]ru",
    "aigerim at gmail dot com", "aigerim (собака) yandex (точка) kz", "aigerim @ gmail.com", "aigerim＠gmail.com",
    "AIGERIM [AT] GMAIL.COM",
])
def test_obfuscated_email_is_found(email):
    hits = scan_text(f"Пишите: {email}, отвечу.")
    assert [(h.kind, h.text) for h in hits] == [("email", email)]
    assert hits[0].masked.lower().startswith("a•••@")


@pytest.mark.parametrize("email", ["name@gmail.gov.kz", "name@mail.ru.gov.kz", "name@yandex.gov.kz",
                                   "name@evilgov.kz", "name@gov.kz.example.com"])
def test_state_domain_is_a_real_suffix_not_a_disguise(email):
    assert found(f"Почта: {email}") == [("email", email)]


@pytest.mark.parametrize("email", ["kenes@astana.gov.kz", "obl@gov.kz", "press@akorda.kz", "info@enu.edu.kz"])
def test_state_domains_pass(email):
    assert found(f"Почта: {email}") == []


def test_words_at_and_dog_in_a_sentence_are_not_addresses():
    assert found("Meet at 10.00 at the akimat; собака породы алабай, точка на карте.") == []


# ---------------------------------------------------------------- look-alikes


@pytest.mark.parametrize("text", [
    "Протокол № 12/345-6789 от 21.03.2026.",
    "Исх. № 8-701/2345678 от 14.03.2026.",
    "Выделено 1 234 567 890 тг, всего 87 012 345 678 тенге.",
    "Бюджет: 87.500.000.000 теңге; 7\u00a0701\u00a0234\u00a0567 ₸.",
    "Бюджетная программа 253, подпрограмма 015, код 01 1 112 001 000.",
    "Опубликовано 2026-03-21T10:00:00+05:00, время 10:00–12:30, с 9.00 до 18.00.",
    "050001, г. Алматы, площадь Республики, 4.",
    "См. с. 7–12 и стр. 701–712; план на 2024–2026 годы, 2025-2027 жж.",
    "Код КАТО 751110000, кадастровый номер 20-317-003-123, ИИК KZ86125KZT5004100100.",
    f"БСН {BIN}, БИН {grouped(BIN, G['4-4-4'], ' ')}.",
])
def test_numbers_of_a_protocol_are_not_personal_data(text):
    assert found(text) == []


# ---------------------------------------------------------------- declared contacts


def test_declared_domain_allows_its_addresses_and_sub_domains_only():
    allowed = ["@kazakhtelecom.kz"]
    assert found("press@kazakhtelecom.kz, hr@astana.kazakhtelecom.kz", allowed=allowed) == []
    assert found("x@notkazakhtelecom.kz", allowed=allowed) == [("email", "x@notkazakhtelecom.kz")]


def test_public_mail_service_is_never_a_declared_domain():
    assert found("ivanov@gmail.com", allowed=["@gmail.com", "gmail.com", "https://gmail.com"]) == [
        ("email", "ivanov@gmail.com")]


def test_declared_hotline_allowed_in_any_format():
    text = "Горячая линия: 8.727.250.00.00, +7 (727) 250-00-00, 87272500000."
    assert found(text, allowed=["+7 727 250 00 00"]) == []


def test_hit_keeps_its_canonical_value():
    (hit,) = scan_text("a (at) mail dot ru")
    assert hit == PrivacyHit("email", 0, len("a (at) mail dot ru"), "a (at) mail dot ru")
    assert hit.value == "a@mail.ru"


# ---------------------------------------------------------------- the real check

JAN = "meetings/2026-01.md"
OFFICIAL = {"domains": ["kazakhtelecom.kz"], "phones": ["+7 727 250 00 00", "160"], "emails": ["press.kt@gmail.com"]}
BODY = ("## Протокол\n\nОбращения принимаются на press@kazakhtelecom.kz и press.kt@gmail.com, по телефону\n"
        "8 (727) 250-00-00 и по короткому номеру 160; сайт https://telecom.kz/.\n")


def test_undeclared_official_contacts_are_flagged(portal):
    portal.edit_yaml(JAN, lambda d: None, body={"kk": BODY, "ru": BODY})
    masked = sorted(f["params"]["masked"] for f in portal.findings().of("privacy.personal-data"))
    assert masked == sorted(["p•••@kazakhtelecom.kz", "p•••@gmail.com", "8 (727) •••-••-00"] * 2)


def test_declared_official_contacts_pass_everywhere_in_the_council(portal):
    portal.edit_yaml("council.yml", lambda d: d.update(official_contacts=OFFICIAL))
    portal.edit_yaml(JAN, lambda d: None, body={"kk": BODY, "ru": BODY})
    assert portal.findings().of("privacy.personal-data") == []


def test_contacts_website_and_email_domain_are_declared_automatically(portal):
    portal.edit_yaml("council.yml", lambda d: d["contacts"].update(email="kenes@kazakhtelecom.kz",
                                                                   website="https://www.telecom.kz/ru"))
    text = "## Протокол\n\nПишите на hr@kazakhtelecom.kz или press@telecom.kz.\n"
    portal.edit_yaml(JAN, lambda d: None, body={"kk": text, "ru": text})
    assert portal.findings().of("privacy.personal-data") == []


def test_wrapped_phone_in_a_protocol_is_reported_on_its_first_line(portal):
    ru = "## Протокол\n\nЖитель просил перезвонить ему по номеру +7\u00a0701\n234\u201156\u201178 вечером.\n"
    portal.edit_yaml(JAN, lambda d: None, body={"kk": "## Хаттама\n\nТалқыланды.\n", "ru": ru})
    f = portal.findings().one("privacy.personal-data")
    assert f["line"] == portal.line_of(JAN, "перезвонить") and f["field"] == "body.ru"
    assert "234" not in f["message"] and "\n" not in f["message"]


def test_bad_declared_domain_is_a_data_error(portal):
    portal.edit_yaml("council.yml", lambda d: d.update(official_contacts={"domains": ["not a domain"]}))
    code, report = portal.check()
    f = report.one("data.type")
    assert f["file"] == portal.file("council.yml") and f["field"] == "official_contacts.domains[1]"
    assert f["line"] == portal.line_of("council.yml", "not a domain") and code == 1


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_reference_example_declares_contacts_and_passes(portal, lang):
    page = Path(__file__).parents[1] / "content" / lang / "reference" / "council.md"
    example = re.search(r'```yaml title="councils/aksu-district/council.yml"\n(.*?)```', page.read_text("utf-8"),
                        re.S).group(1)
    data = yaml.safe_load(example)
    assert data["official_contacts"]["domains"] and data["official_contacts"]["phones"]
    portal.write("council.yml", example)
    phone = data["official_contacts"]["phones"][0]
    domain = data["official_contacts"]["domains"][0]
    text = f"## Протокол\n\nЖауап: press@{domain}, {phone}, {data['contacts']['email']}.\n"
    portal.edit_yaml(JAN, lambda d: None, body={"kk": text, "ru": text})
    report = portal.findings()
    assert [f for f in report.findings if f["file"] == portal.file("council.yml") and f["kind"] != "compliance"] == []
    assert report.of("privacy.personal-data") == []
