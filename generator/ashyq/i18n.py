"""Strings in kk, ru and en: messages for secretaries and the portal's interface.

Catalogues are flat YAML files, one key per string, so a translator sees
every string and a test can check that no language misses a key:
``locales/<lang>.yml`` holds messages for secretaries, ``locales/<area>.<lang>.yml``
the strings of one part of the portal, keys ``<area>.*`` only (pages, feeds, guides).

A string that counts something is a mapping of CLDR plural categories
(``{one: …, few: …, many: …, other: …}``; Kazakh needs one/other, Russian
all four); Babel picks the category for the number, so no language's grammar
is written in code.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any, Union

import yaml
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

LOCALES = Path(__file__).parent / "locales"
MESSAGE_LANGS = ("kk", "ru", "en")
# The parameter holding the number a plural string agrees with, when ``n`` is not given.
COUNT_PARAMS = ("n", "count", "days")

Entry = Union[str, dict[str, str]]
BABEL_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}


@functools.cache
def catalogue(lang: str) -> dict[str, Entry]:
    merged: dict[str, Entry] = {}
    for path in sorted(LOCALES.glob(f"*{lang}.yml")):
        if path.name == f"{lang}.yml" or path.name.endswith(f".{lang}.yml"):
            with path.open(encoding="utf-8") as fh:
                merged.update(yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {})
    return merged


@functools.cache
def _plural_form(lang: str):
    return Locale.parse(lang).plural_form


def plural_category(lang: str, n: int | float) -> str:
    """The CLDR plural category (one, few, many, other …) of ``n`` in ``lang``."""
    return _plural_form(lang)(abs(n))


def _choose(lang: str, forms: dict[str, str], params: dict[str, Any]) -> str:
    number = next((params[p] for p in COUNT_PARAMS if isinstance(params.get(p), (int, float))), None)
    if number is None:
        return forms["other"]
    return forms.get(plural_category(lang, number), forms["other"])


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(lang: str, key: str, /, **params: Any) -> str:
    """The string ``key`` in ``lang`` (falling back to kk), with ``params`` filled in.

    For a plural string the number is ``n`` (or ``count``, ``days``)."""
    template = catalogue(lang).get(key)
    if template is None:
        lang, template = "kk", catalogue("kk").get(key, key)
    if isinstance(template, dict):
        template = _choose(lang, template, params)
    return template.format_map(_Safe(params)) if params else template


def localised(lang: str, params: dict[str, Any]) -> dict[str, Any]:
    """``params`` as the reader's language writes them: dates in words (Babel's long format), fractions
    with the local decimal sign."""
    out: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            out[name] = _babel_date(value, "long", locale=BABEL_LOCALES.get(lang, lang))
        elif isinstance(value, float):
            # A setting may hold any number (1e25, inf): Babel's decimal arithmetic refuses some; say it as written.
            try:
                out[name] = format_decimal(value, "#,##0.0##", locale=BABEL_LOCALES.get(lang, lang))
            except (ArithmeticError, ValueError):
                out[name] = repr(value)
        else:
            out[name] = value
    return out


def message(lang: str, key: str, /, **params: Any) -> str:
    """``t`` for a finding's message: its parameters localised (:func:`localised`)."""
    text = t(lang, key, **localised(lang, params))
    # A Russian date ends with a full stop («… 2026 г.»): the sentence's own is not doubled.
    return text.replace("г..", "г.") if any(isinstance(v, dt.date) for v in params.values()) else text
