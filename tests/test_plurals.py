"""Counted strings agree with their number as Babel's CLDR plural rules say."""

from __future__ import annotations

import pytest

from ashyq.i18n import catalogue, plural_category, t

RU_MEMBERS = {1: "1 член;", 2: "2 члена;", 5: "5 членов;", 11: "11 членов;", 21: "21 член;", 22: "22 члена;"}


@pytest.mark.parametrize("n, want", sorted(RU_MEMBERS.items()))
def test_russian_council_size_agrees_with_the_number(n, want):
    assert f"в совете {want}" in t("ru", "composition.size", count=n, low=9, high=15)


@pytest.mark.parametrize("n, want", [(1, "фрагмент "), (2, "фрагмента "), (5, "фрагментов "), (11, "фрагментов "),
                                     (21, "фрагмент "), (22, "фрагмента ")])
def test_russian_attachment_count_agrees_with_the_number(n, want):
    assert f"{n} {want}" in t("ru", "attachments.personal-data-more", count=n)


@pytest.mark.parametrize("n", [1, 5])
def test_kazakh_uses_one_and_other(n):
    assert plural_category("kk", n) == ("one" if n == 1 else "other")
    assert f"кеңесте {n} мүше бар;" in t("kk", "composition.size", count=n, low=9, high=15)
    assert f"{n} мүше;" in t("kk", "composition.one-per-organisation", count=n, bin="123456789012")


def test_english_singular_and_plural():
    assert "1 member comes" in t("en", "composition.one-per-organisation", count=1, bin="1")
    assert "3 members come" in t("en", "composition.one-per-organisation", count=3, bin="1")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_plural_entry_has_the_categories_its_language_needs(lang):
    from babel import Locale

    needed = set(Locale.parse(lang).plural_form.tags) | {"other"}
    wrong = {key: sorted(needed - set(forms)) for key, forms in catalogue(lang).items()
             if isinstance(forms, dict) and needed - set(forms)}
    assert wrong == {}


def test_a_plural_string_without_a_number_uses_other():
    assert t("ru", "composition.size") == catalogue("ru")["composition.size"]["other"]
