"""Presentation helpers: escaping for pages, and the one date format and language fallback.

Pages, feeds, calendars and data files all format dates with
:func:`format_date` and pick a text's language with :func:`text_in` (defined
next to :class:`~ashyq.models.Text`, re-exported here), so they cannot disagree.

Record text is data, never markup.

Generated pages are Markdown with raw HTML blocks in places. Record text is
printed in exactly one form that is literal in both: every character that
means something to HTML or to Markdown (and its extensions: tables, attribute
lists, definition lists) is written as a numeric character reference, which
Python-Markdown leaves alone and browsers show as the character. The page
templates apply it to every value that is not already :class:`Markup` (see
``pages.environment``), so a template cannot print record text any other way.
Markdown bodies go through :mod:`ashyq.render.sanitize` instead.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from urllib.parse import quote, urlsplit

from babel.dates import format_date as _babel_date
from markupsafe import Markup, escape

from ..clock import local_date

BABEL_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}

# HTML's own specials plus Python-Markdown's backslash-escapable characters and the attr_list/def_list ones.
_LITERAL = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#+-.!|~:="}
_RULE_ID = re.compile(r"[a-z0-9][a-z0-9.\-/]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """Drop control characters that XML and browsers reject."""
    return _CONTROL.sub("", text)


class Elsewhere(str):
    """Record text shown on a page of another language (the fallback of :func:`text_in`).

    An HTML template prints it inside ``<span lang="…">`` so that a screen reader reads Kazakh text on a
    Russian page as Kazakh (WCAG 3.1.2); as a string it is the text itself, and a Markdown template prints
    it as any other text.
    """

    lang: str

    def __new__(cls, text: str, lang: str) -> Elsewhere:
        self = super().__new__(cls, text)
        self.lang = lang
        return self

    def __html__(self) -> str:
        return f'<span lang="{self.lang}">{escape(str(self))}</span>'


def literal(text: object) -> str:
    """``text`` as character references where HTML or Markdown would read markup; newlines kept."""
    return clean(str(text if text is not None else "")).translate(_LITERAL)


def md(text: object) -> Markup:
    """Record text for a page, literal in Markdown and in HTML (also inside quoted attributes): one line."""
    if isinstance(text, Markup):
        return text
    return Markup(" ".join(literal(text).splitlines()) if text is not None else "")


def html_text(text: object) -> Markup:
    """Record text inside an HTML element: literal, line breaks kept as ``<br>``."""
    return Markup("<br>".join(literal(text).splitlines()))


def text_block(text: object) -> Markup:
    """A multi-line plain-text field as its own raw HTML block: paragraphs at blank lines, never Markdown."""
    paragraphs = [p for p in re.split(r"\n\s*\n", literal(text).strip()) if p.strip()]
    if not paragraphs:
        return Markup("")
    inner = "\n".join(f"<p>{'<br>'.join(line.strip() for line in p.splitlines())}</p>" for p in paragraphs)
    return Markup(f'\n<div class="ashyq-text">\n{inner}\n</div>\n')


@lru_cache(maxsize=16384)  # pages link the same few relative paths (``../``, ``../2025-01/``) over and over
def href(path: str) -> Markup:
    """A relative link target made of record values (file names): every unsafe character percent-encoded."""
    return Markup(quote(path, safe="/#"))


def web_url(url: str) -> Markup | None:
    """An http(s) address from a record, percent-encoded where it could break out; ``None`` if not http(s)."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    # Parentheses and quotes encoded too: the address may sit in a Markdown link or an HTML attribute.
    return Markup(quote(clean(url), safe="/:?#[]@!$&*+,;=%~-._").replace("&", "&amp;"))


def anchor(value: str) -> Markup:
    """An id the portal itself makes (a rule, a region), never one from a record, as is: for code spans,
    ``#fragments`` and ``{ #id }`` attribute lists, where a character reference would not be read back.
    Anything that is not such an id is printed literal."""
    return Markup(value) if _RULE_ID.fullmatch(value) else md(value)


def rule_id(rule: str) -> Markup:
    """A rule id (from the catalogue, never from a record) as is, for code spans and #anchors."""
    return anchor(rule)


def url_link(url: str | None) -> Markup:
    """An http(s) address as a link showing the address itself; anything else as plain text."""
    if not url:
        return Markup("")
    target = web_url(url)
    if target is None:
        return md(url)
    return Markup(f'<a href="{target}">{md(url)}</a>')


def format_date(value: dt.date | dt.datetime | None, lang: str, missing: str = "—") -> str:
    """'2026 ж. 21 наурыз' / '21 марта 2026 г.' (Babel, long format) of the local day; ``missing`` for none."""
    day = local_date(value)
    if day is None:
        return missing
    return _long_date(day, lang)


@lru_cache(maxsize=8192)  # feeds and calendars format the same few hundred days over and over
def _long_date(day: dt.date, lang: str) -> str:
    return _babel_date(day, "long", locale=BABEL_LOCALES.get(lang, lang))


def format_month(day: dt.date, lang: str) -> str:
    """'қараша 2026' / 'ноябрь 2026': a month standing alone (Babel's stand-alone month name)."""
    text = _babel_date(day, "LLLL y", locale=BABEL_LOCALES.get(lang, lang))
    return text[:1].upper() + text[1:]


def format_size(size: int, lang: str) -> str:
    units = {"kk": ("Б", "КБ", "МБ"), "ru": ("Б", "КБ", "МБ"), "en": ("B", "KB", "MB")}[lang if lang in ("kk", "ru") else "en"]
    if size < 1024:
        return f"{size} {units[0]}"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} {units[1]}"
    return f"{size / 1024 / 1024:.1f} {units[2]}".replace(".", ",")
