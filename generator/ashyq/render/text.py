"""Escaping and formatting for pages: record text is data, never markup.

Record fields are escaped for both HTML and Markdown before they reach a
page; Markdown bodies (protocols, reports) keep their Markdown but lose any
raw HTML, so nothing a record holds can run in a reader's browser.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_date
from markupsafe import Markup, escape

TZ = ZoneInfo("Asia/Almaty")
BABEL_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}

# Backslash-escapable in Python-Markdown; escaping them keeps titles literal.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A '<' that would open a tag, comment or processing instruction in a body.
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")


def clean(text: str) -> str:
    """Drop control characters that XML and browsers reject."""
    return _CONTROL.sub("", text)


def md(text: object) -> Markup:
    """Inline record text for a Markdown context: literal, one line."""
    value = clean(str(text or "")).replace("\r", " ").replace("\n", " ")
    value = str(escape(value))
    return Markup(_MD_SPECIAL.sub(r"\\\1", value))


def md_body(text: str | None) -> Markup:
    """A record's Markdown body with raw HTML neutralised (shown as text)."""
    return Markup(_TAG_OPEN.sub("&lt;", clean(text or "")))


def html_text(text: object) -> Markup:
    """Record text inside an HTML block: escaped, line breaks kept."""
    value = escape(clean(str(text or "")))
    return Markup(str(value).replace("\n", "<br>"))


def as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(TZ)
        return value.date()
    return value


def format_date(value: dt.date | dt.datetime | None, lang: str) -> str:
    """'2026 ж. 21 наурыз' / '21 марта 2026 г.'"""
    day = as_date(value)
    if day is None:
        return "—"
    return _babel_date(day, "long", locale=BABEL_LOCALES.get(lang, lang))


def format_size(size: int, lang: str) -> str:
    units = {"kk": ("Б", "КБ", "МБ"), "ru": ("Б", "КБ", "МБ"), "en": ("B", "KB", "MB")}[lang if lang in ("kk", "ru") else "en"]
    if size < 1024:
        return f"{size} {units[0]}"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} {units[1]}"
    return f"{size / 1024 / 1024:.1f} {units[2]}".replace(".", ",")
