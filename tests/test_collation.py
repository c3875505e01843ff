"""Alphabetical order in Kazakh and Russian (ICU through PyICU), numbers in number order, plural forms.

Code-point order puts every Kazakh letter (Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І) after Я; the collator puts each in
its place in the Kazakh alphabet, and «№8» before «№36».
"""

from __future__ import annotations

import random

import pytest

from ashyq.collation import sort_key, sorted_names
from ashyq.i18n import t
from ashyq.regions import region_of

KAZAKH_ALPHABET = "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я".split()


def test_the_kazakh_alphabet_in_its_own_order():
    shuffled = KAZAKH_ALPHABET[:]
    random.Random(13).shuffle(shuffled)
    assert sorted_names(shuffled, "kk") == KAZAKH_ALPHABET
    assert sorted_names([c.lower() for c in shuffled], "kk") == [c.lower() for c in KAZAKH_ALPHABET]
    assert sorted(shuffled) != KAZAKH_ALPHABET  # what code-point order would have given


def test_kazakh_names():
    names = ["Яковлев Ерлан", "Әбдірахманова Әйгерім", "Ыбыраева Жанар", "Іскаков Дархан", "Үсенов Марат",
             "Ұлықбекова Дина", "Уәлиева Гүлнар", "Қасымова Зарина", "Күзембаев Асқар", "Ғалымов Бауыржан",
             "Гүлмира Сейітова", "Абаев Нұрлан", "Өмірзақов Қайрат", "Оспанова Ләззат", "Һасенов Ілияс",
             "Хасенова Айгүл", "Ңұрбаев Ерік", "Нұрланов Серік"]
    assert sorted_names(names, "kk") == [
        "Абаев Нұрлан", "Әбдірахманова Әйгерім", "Гүлмира Сейітова", "Ғалымов Бауыржан", "Күзембаев Асқар",
        "Қасымова Зарина", "Нұрланов Серік", "Ңұрбаев Ерік", "Оспанова Ләззат", "Өмірзақов Қайрат",
        "Уәлиева Гүлнар", "Ұлықбекова Дина", "Үсенов Марат", "Хасенова Айгүл", "Һасенов Ілияс",
        "Ыбыраева Жанар", "Іскаков Дархан", "Яковлев Ерлан"]


def test_russian_names_keep_yo_beside_ye():
    assert sorted_names(["Ёлкин", "Жуков", "Егоров", "Ежов", "Яковлев", "Абрамов"], "ru") == \
        ["Абрамов", "Егоров", "Ежов", "Ёлкин", "Жуков", "Яковлев"]


@pytest.mark.parametrize("lang,template", [("kk", "№{} қоғамдық кеңес"), ("ru", "Общественный совет №{}")])
def test_numbers_in_number_order(lang: str, template: str):
    names = [template.format(n) for n in (36, 8, 100, 1, 10, 2)]
    assert sorted_names(names, lang) == [template.format(n) for n in (1, 2, 8, 10, 36, 100)]
    assert sort_key("2-кеңес", lang) < sort_key("10-кеңес", lang)


@pytest.mark.parametrize("n,councils,events", [
    (1, "1 совет", "Ещё 1 событие"), (2, "2 совета", "Ещё 2 события"), (5, "5 советов", "Ещё 5 событий"),
    (11, "11 советов", "Ещё 11 событий"), (21, "21 совет", "Ещё 21 событие"), (22, "22 совета", "Ещё 22 события")])
def test_russian_plurals(n: int, councils: str, events: str):
    assert t("ru", "nav.n-councils", n=n) == councils
    assert t("ru", "nav.later", n=n).startswith(events + " ")


def test_kazakh_counts_take_no_plural_ending():
    assert t("kk", "nav.n-councils", n=1) == "1 кеңес"
    assert t("kk", "nav.n-councils", n=22) == "22 кеңес"


class _Info:
    def __init__(self, kind: str, kk: str, ru: str):
        self.type, self.region = kind, {"kk": kk, "ru": ru}


class _Council:
    def __init__(self, kind: str, kk: str, ru: str = ""):
        self.info = _Info(kind, kk, ru or kk)


@pytest.mark.parametrize("kind,kk,ru,region", [
    ("district", "Батыс Қазақстан облысы, Жаңақала ауданы", "Западно-Казахстанская область", "west-kazakhstan"),
    ("city", "Алматы қаласы", "город Алматы", "almaty"),
    ("oblast", "Алматы облысы", "Алматинская область", "almaty-oblast"),
    ("district", "Қазақстан Республикасы, Шымкент қаласы, Абай ауданы", "", "shymkent"),
    ("ministry", "Астана қаласы", "город Астана", "national"),
    ("village", "Ұлытау облысы, Жезқазған қаласы", "", "ulytau"),
])
def test_a_council_is_listed_under_the_region_its_text_names_first(kind, kk, ru, region):
    assert region_of(_Council(kind, kk, ru)).id == region


def test_a_region_no_list_knows_is_its_own_group():
    found = region_of(_Council("district", "Белгісіз өлке"))
    assert not found.known and found.name("kk") == "Белгісіз өлке"
