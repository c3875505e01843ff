"""The "Subscribe" block of the portal home and every council page, in kk or ru.

A Markdown fragment the page templates include as is: feeds, calendars and
open data, each with one line on how to use it. Every address is absolute
(a reader or calendar app needs the full URL, and it is shown for copying).
Record text (a council's name) is escaped for Markdown and HTML.
"""

from __future__ import annotations

import html
import re

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


def subscribe_markdown(ctx: SiteContext, lang: str, council: Council | str | None = None, level: int = 3) -> str:
    """The subscribe block for the portal home (``council`` None) or a council page.

    The page gives the block its title ("Жазылу" / "Подписка", key
    ``subscribe.heading``); the block starts with one sentence, then three
    parts (feeds, calendars, data) headed at Markdown heading ``level``.
    """
    slug = council.slug if isinstance(council, Council) else council
    council_obj = ctx.portal.councils.get(slug) if slug else None
    h2 = "#" * level
    lines: list[str] = []
    if council_obj is not None:
        lines += [t(lang, "subscribe.intro-council", council=md_text(council_name(council_obj, lang))), ""]
    else:
        lines += [t(lang, "subscribe.intro-portal"), ""]

    # Feeds: a table, so that every link stands alone in its cell (no link inside running text).
    lines += [f"{h2} {t(lang, 'subscribe.feeds')}", "", t(lang, "subscribe.feeds-how"), "",
              f"| {t(lang, 'subscribe.col-feed')} | Atom | RSS | {t(lang, 'subscribe.col-address')} |",
              "|---|---|---|---|"]
    specs = [FeedSpec(name, lang, slug) for name in council_feeds(ctx, slug)] if slug else []
    specs += [FeedSpec(name, lang, None) for name in (("all",) if slug else portal_feeds())]
    for spec in specs:
        atom = ctx.url(spec.path("atom"))
        rss = ctx.url(spec.path("rss"))
        lines.append(f"| {md_text(feed_title(ctx, spec))} | {_link('Atom', atom)} | {_link('RSS', rss)} | "
                     f"{_code(atom)} |")
    lines.append("")

    # Calendars
    lines += [f"{h2} {t(lang, 'subscribe.calendars')}", "", t(lang, "subscribe.calendars-how"), "",
              f"| {t(lang, 'subscribe.col-calendar')} | {t(lang, 'subscribe.col-subscribe')} | "
              f"{t(lang, 'subscribe.col-download')} | {t(lang, 'subscribe.col-address')} |",
              "|---|---|---|---|"]
    for cal_slug in ([slug, None] if slug else [None]):
        url = ctx.url(urls.calendar(lang, cal_slug))
        label = (t(lang, "ical.name.council", council=council_name(ctx.portal.councils.get(cal_slug), lang))
                 if cal_slug else t(lang, "subscribe.calendar-portal"))
        lines.append(f"| {md_text(label)} | {_link(t(lang, 'subscribe.calendar-open'), _webcal(url))} | "
                     f"{_link(t(lang, 'subscribe.calendar-download'), url)} | {_code(url)} |")
    lines += ["", t(lang, "subscribe.calendar-google"), t(lang, "subscribe.calendar-outlook"),
              t(lang, "subscribe.calendar-apple"), ""]

    # Data: one link per list item, nothing around it.
    lines += [f"{h2} {t(lang, 'subscribe.data')}", "", t(lang, "subscribe.data-how"), ""]
    if slug:
        lines.append(f"- {_link(t(lang, 'subscribe.data-council'), ctx.url(urls.data(f'councils/{slug}.json')))}")
    for name in [*record_csv_names(), "members", "councils", "findings", "indicator"]:
        lines.append(f"- {_link(t(lang, f'subscribe.csv.{name}') + ' (CSV)', ctx.url(urls.data(f'{name}.csv')))}")
    lines.append(f"- {_link(t(lang, 'subscribe.zip') + ' (ZIP)', ctx.url(urls.data('ashyq-data.zip')))}")
    lines.append(f"- {_link(t(lang, 'subscribe.data-page'), ctx.url(urls.portal_page(lang, 'data')))}")
    lines.append("")
    return "\n".join(lines)
