"""The "Subscribe" block of the portal home and every council page, in kk or ru.

Feeds, calendars and open data, each with one line on how to use it: a
Markdown fragment for the home page's Markdown template, the same parts for
the council page's HTML template. Every address is absolute
(a reader or calendar app needs the full URL, and it is shown for copying).
Record text (a council's name) is escaped for Markdown and HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..i18n import t
from ..models import Council
from . import urls
from .context import SiteContext
from ..kinds import registry
from .feeds import FeedSpec, council_feeds, feed_title, portal_feeds
from .feedtext import council_name, one_line

# Characters Python-Markdown lets a backslash escape; escaping them keeps text literal.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md_text(text: object) -> str:
    """Record text as literal inline Markdown: one line, HTML-escaped, Markdown-escaped."""
    value = html.escape(one_line(text), quote=True)
    return _MD_SPECIAL.sub(r"\\\1", value)


def record_csv_names() -> list[str]:
    """The CSV files of the record types, in registration order."""
    return [table.name for rt in registry.record_types() for table in rt.data.csv]


def _link(label: str, url: str) -> str:
    # Labels are our own strings (escaped anyway); URLs are built from the base URL and slugs.
    return f"[{md_text(label)}]({url})"


def _code(url: str) -> str:
    return f"`{url}`"


def _webcal(url: str) -> str:
    return re.sub(r"^https?://", "webcal://", url)


@dataclass(frozen=True)
class Subscribe:
    """What the block offers, as plain text and absolute addresses; :func:`subscribe_markdown` and the
    HTML templates' ``subscribe`` macro (``_macros.html.j2``) lay it out."""

    council: str | None  # the council's name; None on the portal home
    feeds: list[tuple[str, str, str]]  # (title, Atom address, RSS address)
    calendars: list[tuple[str, str, str]]  # (label, webcal:// address, https:// address)
    calendar_apps: list[str]  # how to subscribe in Google Calendar, Outlook and Apple Calendar
    data: list[tuple[str, str]]  # (label, address)


def subscribe_parts(ctx: SiteContext, lang: str, council: Council | str | None = None) -> Subscribe:
    """The block of the portal home (``council`` None) or of a council's page."""
    slug = council.slug if isinstance(council, Council) else council
    council_obj = ctx.portal.councils.get(slug) if slug else None
    specs = [FeedSpec(name, lang, slug) for name in council_feeds(ctx, slug)] if slug else []
    specs += [FeedSpec(name, lang, None) for name in (("all",) if slug else portal_feeds())]
    feeds = [(feed_title(ctx, spec), ctx.url(spec.path("atom")), ctx.url(spec.path("rss"))) for spec in specs]
    calendars = []
    for cal_slug in ([slug, None] if slug else [None]):
        url = ctx.url(urls.calendar(lang, cal_slug))
        label = (t(lang, "ical.name.council", council=council_name(ctx.portal.councils.get(cal_slug), lang))
                 if cal_slug else t(lang, "subscribe.calendar-portal"))
        calendars.append((label, _webcal(url), url))
    apps = [t(lang, f"subscribe.calendar-{app}") for app in ("google", "outlook", "apple")]
    data = [(t(lang, "subscribe.data-council"), ctx.url(urls.data(f"councils/{slug}.json")))] if slug else []
    data += [(t(lang, f"subscribe.csv.{name}") + " (CSV)", ctx.url(urls.data(f"{name}.csv")))
             for name in [*record_csv_names(), "members", "councils", "findings", "indicator"]]
    data += [(t(lang, "subscribe.zip") + " (ZIP)", ctx.url(urls.data("ashyq-data.zip"))),
             (t(lang, "subscribe.data-page"), ctx.url(urls.portal_page(lang, "data")))]
    return Subscribe(council_name(council_obj, lang) if council_obj is not None else None, feeds, calendars, apps,
                     data)


def subscribe_markdown(ctx: SiteContext, lang: str, council: Council | str | None = None, level: int = 3) -> str:
    """The subscribe block for the portal home (``council`` None) or a council page, in Markdown.

    The page gives the block its title ("Жазылу" / "Подписка", key
    ``subscribe.heading``); the block starts with one sentence, then three
    parts (feeds, calendars, data) headed at Markdown heading ``level``.
    """
    parts = subscribe_parts(ctx, lang, council)
    h2 = "#" * level
    intro = (t(lang, "subscribe.intro-council", council=md_text(parts.council)) if parts.council is not None
             else t(lang, "subscribe.intro-portal"))
    # Feeds: a table, so that every link stands alone in its cell (no link inside running text).
    lines = [intro, "", f"{h2} {t(lang, 'subscribe.feeds')}", "", t(lang, "subscribe.feeds-how"), "",
             f"| {t(lang, 'subscribe.col-feed')} | Atom | RSS | {t(lang, 'subscribe.col-address')} |",
             "|---|---|---|---|"]
    lines += [f"| {md_text(title)} | {_link('Atom', atom)} | {_link('RSS', rss)} | {_code(atom)} |"
              for title, atom, rss in parts.feeds]
    lines += ["", f"{h2} {t(lang, 'subscribe.calendars')}", "", t(lang, "subscribe.calendars-how"), "",
              f"| {t(lang, 'subscribe.col-calendar')} | {t(lang, 'subscribe.col-subscribe')} | "
              f"{t(lang, 'subscribe.col-download')} | {t(lang, 'subscribe.col-address')} |",
              "|---|---|---|---|"]
    lines += [f"| {md_text(label)} | {_link(t(lang, 'subscribe.calendar-open'), webcal)} | "
              f"{_link(t(lang, 'subscribe.calendar-download'), url)} | {_code(url)} |"
              for label, webcal, url in parts.calendars]
    lines += ["", *(f"- {how}" for how in parts.calendar_apps), ""]
    # Data: one link per list item, nothing around it.
    lines += [f"{h2} {t(lang, 'subscribe.data')}", "", t(lang, "subscribe.data-how"), ""]
    lines += [f"- {_link(label, url)}" for label, url in parts.data]
    lines.append("")
    return "\n".join(lines)
