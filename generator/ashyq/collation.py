"""Alphabetical order in Kazakh and Russian, with numbers in number order.

Names are sorted by ICU's collator (PyICU) for the page's language: CLDR's
Kazakh tailoring puts Ә after А, Ғ after Г, Қ after К, Ң after Н, Ө after О,
Ұ and Ү after У, Һ after Х and І after Ы, as the Kazakh alphabet does; the
Russian one keeps Ё beside Е. Numeric collation makes «№8» come before
«№36» and «2-кеңес» before «10-кеңес». Python's own ``sorted`` compares code
points, which puts every Kazakh letter after Я.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TypeVar

import icu

T = TypeVar("T")


@functools.cache
def collator(lang: str) -> icu.Collator:
    coll = icu.Collator.createInstance(icu.Locale(lang if lang in ("kk", "ru") else "kk"))
    coll.setAttribute(icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON)
    return coll


def sort_key(text: str | None, lang: str) -> bytes:
    """A key that orders ``text`` as the language's alphabet does (numbers by value)."""
    return collator(lang).getSortKey(text or "")


def sorted_by(items: Iterable[T], lang: str, key: Callable[[T], str]) -> list[T]:
    """``items`` in alphabetical order of ``key(item)`` in ``lang``."""
    coll = collator(lang)
    return sorted(items, key=lambda item: coll.getSortKey(key(item) or ""))


def sorted_names(names: Iterable[str], lang: str) -> list[str]:
    return sorted_by(names, lang, lambda name: name)
