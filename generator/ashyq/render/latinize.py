"""A Kazakh page, feed or calendar rewritten in the Latin alphabet, every other byte kept.

A small tokenizer walks the markup (tags, comments, text) and rewrites only
what a reader sees: text nodes and the attributes that are read out or shown
(:data:`VISIBLE`). It never transliterates URLs, ids, class names, scripts,
styles or code (``<code>``, ``<pre>``, ``<kbd>``, ``<samp>``), nor text an
element declares to be in a language of its own (``lang="ru"``, or the
language switcher's ``lang="kk"`` link to the Cyrillic edition). The page's
own language becomes ``kk-Latn``; the edition's absolute addresses
(``<base>kk/…``, as in the canonical link, feed links and the feed addresses
shown for copying) move to ``<base>kk-latn/…``, except ``hreflang``
alternates, which name the other editions on purpose. Relative links need no
change: the Latin edition mirrors the Kazakh one folder for folder.

The JSON data blocks of the theme (``#__config``, ``#__ashyq``: interface
strings for scripts) are parsed, their strings transliterated, and written
back the way Jinja's ``tojson`` writes them; ``#__ashyq``'s ``lang`` names the
Latin edition's search shards. Feeds (:func:`latin_feed`) and calendars
(:func:`latin_calendar`) change in their text, language and addresses alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from icalendar.parser import Contentline
from jinja2.utils import htmlsafe_json_dumps

from ..translit import to_latin

if TYPE_CHECKING:
    from .context import SiteContext

LATIN_TAG = "kk-Latn"  # BCP 47: Kazakh in the Latin script
LATIN_DIR = "kk-latn"  # the edition's folder and its search shards' name
SOURCE = "kk"
LATIN_NAME = "Qazaqşa"  # the edition's name in its own script, as the language switcher shows it

# Attributes a reader sees or hears; everything else (URLs, ids, classes, values scripts compare) is kept.
VISIBLE = frozenset({"title", "alt", "placeholder", "label", "aria-label", "aria-description",
                     "aria-roledescription", "aria-placeholder", "aria-valuetext", "data-label", "data-shown",
                     "data-pagefind-filter", "data-pagefind-meta", "data-pagefind-sort"})
VISIBLE_PREFIXES = ("data-label-",)
META_VISIBLE = frozenset({"description", "author", "keywords", "og:title", "og:description", "og:site_name",
                          "twitter:title", "twitter:description"})
URL_ATTRS = frozenset({"href", "src"})
KEEP_TEXT = frozenset({"code", "pre", "kbd", "samp"})  # code: shown as written, never transliterated
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr", "param"})

_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_ATTR = re.compile(r"""(\s+)([^\s"'>/=]+)(?:(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_URL = re.compile(r"(?:https?|webcal)://[^\s<>\"']+")
_TEXT_CHANGES = re.compile(r"[\u0400-\u052f]|&#|://")  # a text without these is the same in both editions
_CHAR_REF = re.compile(r"&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));")


def latin_enabled(ctx: SiteContext) -> bool:
    """Whether the portal publishes the Latin edition: ``latin_edition: true`` and a Kazakh edition to derive it from."""
    return bool(ctx.portal.config.latin_edition) and SOURCE in ctx.langs


def editions(ctx: SiteContext) -> list[tuple[str, str]]:
    """(folder, language tag) of every edition the site publishes, the Latin one right after Kazakh."""
    out = []
    for lang in ctx.langs:
        out.append((lang, lang))
        if lang == SOURCE and latin_enabled(ctx):
            out.append((LATIN_DIR, LATIN_TAG))
    return out


@dataclass(frozen=True)
class Rewrite:
    """The Kazakh edition's addresses and the Latin edition's."""

    base: str  # the site's base URL, ending in "/"

    @cached_property
    def _edition(self) -> re.Pattern[str]:
        """The Kazakh edition's root: absolute (any scheme: https, webcal) or from the host's root."""
        parts = urlsplit(self.base)
        host, path = re.escape(parts.netloc), re.escape(parts.path or "/")
        return re.compile(rf"((?:[A-Za-z][A-Za-z0-9+.-]*:)?//{host}{path}|{path}){SOURCE}/")

    def url(self, value: str) -> str:
        """An address in the Kazakh edition as the same address in the Latin one; any other kept as it is."""
        m = self._edition.match(value)
        return f"{m.group(1)}{LATIN_DIR}/{value[m.end():]}" if m else value

    def text(self, value: str) -> str:
        """Reader's text: letters transliterated, URLs in it kept (the edition's own moved to the Latin one)."""
        if "&#" in value:
            value = _CHAR_REF.sub(_cyrillic_ref, value)
        if "://" not in value:
            return to_latin(value)
        out, at = [], 0
        for m in _URL.finditer(value):
            out += [to_latin(value[at:m.start()]), self.url(m.group())]
            at = m.end()
        out.append(to_latin(value[at:]))
        return "".join(out)

    def urls_in(self, value: str) -> str:
        """Code and other kept text: only the edition's own addresses change."""
        return _URL.sub(lambda m: self.url(m.group()), value) if "://" in value else value

    def touches_pattern(self) -> Callable[[str], re.Match[str] | None]:
        """Finds what may change in a start tag: Cyrillic, a language, an address of the edition."""
        root = re.escape(f"{urlsplit(self.base).path or '/'}{SOURCE}/")
        return re.compile(rf"[\u0400-\u052f]|lang|&#|{root}").search


def _cyrillic_ref(m: re.Match[str]) -> str:
    """A character reference to a Cyrillic letter, as the letter (it is transliterated next)."""
    code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
    return chr(code) if 0x400 <= code <= 0x52F else m.group()


def _attrs(tag: str) -> dict[str, str]:
    return {m.group(2).lower(): (m.group(4) or m.group(5) or m.group(6) or "") for m in _ATTR.finditer(tag)}


def _rewrite_attrs(tag: str, fn: Callable[[str, str], str]) -> str:
    """``tag`` with each attribute value replaced by ``fn(name, value)``, quoting and spacing kept."""
    def one(m: re.Match[str]) -> str:
        if m.group(3) is None:
            return m.group()
        value, quote = next((v, q) for v, q in ((m.group(4), '"'), (m.group(5), "'"), (m.group(6), ""))
                            if v is not None)
        new = fn(m.group(2).lower(), value)  # transliteration adds no quote or space: the quoting holds
        return m.group() if new == value else f"{m.group(1)}{m.group(2)}{m.group(3)}{quote}{new}{quote}"
    head = _TAG_NAME.match(tag).end()  # type: ignore[union-attr]
    return tag[:head] + _ATTR.sub(one, tag[head:])


class _Scopes:
    """Open elements whose text is kept: code, and text in a declared language of its own."""

    def __init__(self) -> None:
        self._open: list[list] = []  # [tag name, nesting depth of that name]

    def __bool__(self) -> bool:
        return bool(self._open)

    def start(self, name: str, keep: bool) -> None:
        for scope in self._open:
            if scope[0] == name:
                scope[1] += 1
        if keep:
            self._open.append([name, 1])

    def end(self, name: str) -> None:
        for scope in reversed(self._open):
            if scope[0] == name:
                scope[1] -= 1
                if scope[1] == 0:
                    self._open.remove(scope)
                break


def _json_block(tag: str, body: str) -> str:
    """A theme data block with its strings transliterated; ``__ashyq``'s ``lang`` names the search shards."""
    try:
        data = json.loads(body)
    except ValueError:
        return body
    latin = _strings(data)
    if _attrs(tag).get("id") == "__ashyq" and isinstance(latin, dict):
        latin["lang"] = LATIN_DIR
    return str(htmlsafe_json_dumps(latin, sort_keys=True))


def _strings(value):
    if isinstance(value, str):
        return to_latin(value)
    if isinstance(value, list):
        return [_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: _strings(v) for k, v in value.items()}
    return value


_HTML = re.compile(r"(?P<raw><(?P<rn>script|style)\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*>)(?P<body>.*?)(?=</(?P=rn)\s*>|\Z)"
                   r"|</(?P<en>[A-Za-z][^\s/>]*)[^>]*>"
                   r"|(?P<tag><(?P<tn>[A-Za-z][^\s/>]*)(?:\"[^\"]*\"|'[^']*'|[^'\">])*>)"
                   r"|(?P<other><!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?.*?\?>)"
                   r"|(?P<text>[^<]+|<)", re.S | re.I)


def latin_html(page: str, rw: Rewrite) -> str:
    """A page of the Kazakh edition as the Latin edition's page."""
    out: list[str] = []
    scopes = _Scopes()
    root_seen = False
    touches, changes = rw.touches_pattern(), _TEXT_CHANGES.search  # most pieces change in nothing: skip them fast
    for m in _HTML.finditer(page):
        kind = m.lastgroup
        if kind == "text":
            text = m.group()
            out.append(text if not changes(text) else rw.urls_in(text) if scopes else rw.text(text))
        elif kind == "tag":
            tag, name = m.group("tag"), m.group("tn").lower()
            opens = name not in VOID and not tag.endswith("/>")
            if not touches(tag):
                out.append(tag)
                if opens and (scopes or name in KEEP_TEXT):
                    scopes.start(name, name in KEEP_TEXT)
                continue
            attrs = _attrs(tag)
            is_root = name == "html" and not root_seen
            root_seen = root_seen or name == "html"
            own_lang = "lang" in attrs and not is_root and attrs["lang"] != LATIN_TAG
            out.append(_rewrite_attrs(tag, _attr_fn(name, attrs, is_root, bool(scopes) or own_lang, rw)))
            if opens:
                scopes.start(name, own_lang or name in KEEP_TEXT)
        elif kind == "en":
            if scopes:
                scopes.end(m.group("en").lower())
            out.append(m.group())
        elif kind == "body":
            tag, body = m.group("raw"), m.group("body")
            out.append(tag)
            out.append(_json_block(tag, body) if 'type="application/json"' in tag and not scopes else body)
        else:
            out.append(m.group())
    return _mark_current("".join(out))


def _attr_fn(name: str, attrs: dict[str, str], is_root: bool, kept: bool, rw: Rewrite) -> Callable[[str, str], str]:
    meta_visible = name == "meta" and (attrs.get("name") or attrs.get("property") or "").lower() in META_VISIBLE

    def fn(attr: str, value: str) -> str:
        if attr == "lang" and is_root:
            return LATIN_TAG if value == SOURCE else value
        if attr in URL_ATTRS:
            return value if "hreflang" in attrs else rw.url(value)
        if kept:
            return value
        if attr in VISIBLE or attr.startswith(VISIBLE_PREFIXES) or (attr == "content" and meta_visible):
            return rw.text(value)
        return value
    return fn


_SWITCHER = re.compile(r'<nav class="ashyq-lang".*?</nav>', re.S)
_CURRENT_ITEM = re.compile(r'(<li class="ashyq-lang__item)(">\s*<a [^>]*hreflang="' + LATIN_TAG + r'"[^>]*?)(>)')


def _mark_current(page: str) -> str:
    """The language switcher marks the Latin edition as the current one (the copy marked the Kazakh one)."""
    def fix(m: re.Match[str]) -> str:
        nav = m.group().replace(" ashyq-lang__item--current", "").replace(' aria-current="page"', "")
        return _CURRENT_ITEM.sub(r'\1 ashyq-lang__item--current\2 aria-current="page"\3', nav)
    return _SWITCHER.sub(fix, page)


def latin_feed(xml: str, rw: Rewrite) -> str:
    """An Atom or RSS feed of the Kazakh edition as the Latin edition's feed."""
    out: list[str] = []
    for m in _HTML.finditer(xml):
        kind, piece = m.lastgroup, m.group()
        if kind == "text":
            out.append(rw.text(piece))
        elif kind == "tag":
            out.append(_rewrite_attrs(piece, lambda attr, value: _feed_attr(attr, value, rw)))
        elif piece.startswith("<![CDATA["):
            out.append("<![CDATA[" + rw.text(piece[9:-3]) + "]]>")
        else:
            out.append(piece)
    return "".join(out).replace(f"<language>{SOURCE}</language>", f"<language>{LATIN_TAG}</language>")


def _feed_attr(attr: str, value: str, rw: Rewrite) -> str:
    if attr in ("xml:lang", "hreflang"):
        return LATIN_TAG if value == SOURCE else value
    if attr in ("href", "src", "url", "uri"):
        return rw.url(value)
    if attr in ("label", "title"):
        return rw.text(value)
    return value


# iCalendar properties whose value is text a reader sees (RFC 5545 TEXT, and the calendar's name).
ICS_TEXT = frozenset({"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CATEGORIES", "CONTACT", "RESOURCES",
                      "NAME", "X-WR-CALNAME", "X-WR-CALDESC"})
ICS_URL = frozenset({"URL", "SOURCE", "ATTACH"})
_ICS_LINE = re.compile(r'^([A-Za-z0-9-]+)((?:;(?:[^:";]|"[^"]*")*)*):(.*)$', re.S)
_ICS_PARAM = re.compile(r'(;[A-Za-z0-9-]+=)("[^"]*"|[^;:]*)')


def latin_calendar(ics: str, rw: Rewrite) -> str:
    """An iCalendar file of the Kazakh edition as the Latin edition's: its text, ``LANGUAGE`` and addresses.

    Lines are unfolded, rewritten and folded again the way the ``icalendar`` library folds them
    (``Contentline``), so an unchanged line keeps its bytes. UIDs are kept: an event is the same
    event in every edition.
    """
    out = []
    for line in ics.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n"):
        m = _ICS_LINE.match(line)
        if m is None:
            out.append(line)
            continue
        name, params, value = m.group(1).upper(), m.group(2), m.group(3)
        params = _ICS_PARAM.sub(lambda p: p.group(1) + _ics_param(p.group(1), p.group(2), rw), params)
        if name in ICS_TEXT:
            value = rw.text(value)
        elif name in ICS_URL:
            value = rw.url(value)
        out.append(Contentline(f"{m.group(1)}{params}:{value}").to_ical().decode("utf-8"))
    return "\r\n".join(out)


def _ics_param(key: str, value: str, rw: Rewrite) -> str:
    key = key.upper()
    if key == ";LANGUAGE=":
        return LATIN_TAG if value == SOURCE else value
    return rw.text(value) if key == ";CN=" else value  # a person's or a council's name
