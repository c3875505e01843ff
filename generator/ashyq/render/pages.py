"""Render an edition's pages (:mod:`ashyq.render.sitepages`) into a plain MkDocs docs tree.

A page from a template (``templates/pages/*.md.j2`` and each record type's
``pages/``) is rendered with the data its subject needs; generated text is
written as it comes; hand-written files are copied. Record lists live on
index pages; the navigation stays short, which keeps MkDocs' build linear in
the number of pages.
"""

from __future__ import annotations

import functools
import posixpath
import shutil
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.utils import get_relative_url
from markupsafe import Markup, escape

from ..attachments import publishable
from ..deadlines import response_status
from ..i18n import t
from ..models import Council, Record, text_of
from ..models.common import text_in
from ..kinds.recommendation.model import Recommendation
from ..rules import catalogue
from ..kinds import registry
from . import jinjacall, sitepages, urls
from .chrome import is_fast, mkdocs_url
from .bodies import FOLDER as BODIES, feed_links as body_feed_links, page_context as body_context
from .context import SiteContext
from .feeds import feed_links
from .htmlpage import Headings, RenderedPage, docs_source, file_title, is_html_template, markdown_heading, page_of
from .files import copy_attachments, copy_regular_file
from .members_page import member_context, section_extra
from .indicator import format_percent
from .pagedata import PageData
from .revisionpage import with_revisions
from .sitepages import SitePage, SitePages, unsearched
from .sanitize import markdown_blocks
from .searchfacets import hooks as search_hooks, markdown_title
from .wording import translator
from .text import (Elsewhere, anchor, format_date, format_month, format_size, href, html_text, md, rule_id,
                   text_block, url_link,
                   web_url)

if TYPE_CHECKING:
    from .pagememo import PageMemo

TEMPLATES = sitepages.TEMPLATES



def environment(html: bool = False) -> jinja2.Environment:
    # The shared templates, then each type's own folder (a plugin type brings its page templates).
    folders = tuple(dict.fromkeys([str(TEMPLATES), *(str(rt.template_dir) for rt in registry.record_types())]))
    return _environment_for(folders, html)


def keep_compiled(folder: Path | None, watch: bool = False) -> None:
    """Keep the compiled templates in ``folder`` (:func:`ashyq.load.cache.cache_folder`) from one run to the
    next: a build compiled some forty templates again, two seconds of a warm build. Jinja compares each
    template's source with the one its kept copy was compiled from. Call before the first page is rendered;
    None keeps none (``--no-cache``).

    Unless ``watch`` (``ashyq serve``, whose rebuilds run in one process while templates may be edited), a
    template once loaded is not looked at again: Jinja would ``stat`` its file on each of the ~100,000 uses
    of a 200-council build."""
    for html in (False, True):  # the two environments compile the same source differently: apart
        env = environment(html=html)
        env.auto_reload = watch
        env.bytecode_cache = None if folder is None else jinja2.FileSystemBytecodeCache(
            str(folder), f"{'html' if html else 'md'}-%s.cache")


@jinja2.pass_context
def _body(context: jinja2.runtime.Context, text: str | None) -> Markup:
    """A record's Markdown body, sanitised, its headings made by the page's ``h()``."""
    return markdown_blocks(text, context.get("h") or markdown_heading)


@functools.cache
def _environment_for(folders: tuple[str, ...], html: bool) -> jinja2.Environment:
    """Markdown templates (``*.md.j2``) print every value literal in Markdown and HTML (``md``);
    HTML templates (``*.html.j2``) need only HTML's escaping, which autoescape gives."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(folders)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=None if html else md,  # every value is literal text unless it is already Markup (render/text.py)
    )
    env.context_class = jinjacall.Context  # calls from templates without Jinja's per-call checks
    env.filters.update(markdown=_body, html_text=html_text, text_block=text_block, url_link=url_link)
    if not html:
        env.filters["md"] = md
    return env


class Renderer(PageData):
    """Renders the pages of one language edition."""

    def __init__(self, ctx: SiteContext, lang: str, site_pages: SitePages | None = None, fast: bool = False):
        self.ctx = ctx
        self.lang = lang
        self.site_pages = site_pages  # the edition's pages, which links resolve against
        # Fast pages (render/chrome.py) never pass through MkDocs: links from and to them are final URLs.
        self.fast = fast
        self._published: dict[str, set[str]] = {}
        self.env = environment()
        self.html_env = environment(html=True)
        self._records: dict[str, dict[str, Record]] = {}  # council slug -> uid -> record: no scan per finding
        self._related: dict[str, dict[tuple[str, str], list[Record]]] = {}  # council slug -> its links
        self._links: tuple[str, dict[str, Markup]] = ("", {})  # a folder's links (see ``helpers``)
        self._names: dict[tuple[str, str], str] = {}  # (council slug, member id) -> name (``member_name``)
        self._memories: dict[str, tuple[str, dict]] = {}  # see ``council_memory``

    def council_memory(self, name: str, slug: str) -> dict:
        """A memory called ``name`` for what a council's pages repeat (render/members_page.py, revisionpage.py);
        it lasts while that council's pages are rendered, and the next council starts it empty."""
        held = self._memories.get(name)
        if held is None or held[0] != slug:
            held = self._memories[name] = (slug, {})
        return held[1]

    # -- helpers available in templates -------------------------------------------------
    def t(self, key: str, **params: Any) -> str:
        return t(self.lang, key, **params)

    def text(self, value) -> str:
        shown, used = text_in(value, self.lang)
        return Elsewhere(shown, used) if shown and used != self.lang else shown

    def date(self, value) -> str:
        return format_date(value, self.lang)

    def helpers(self, page: SitePage) -> dict[str, Any]:
        here = mkdocs_url(page)
        # Pages side by side in one folder (a council's meetings) link alike to any page outside that folder
        # (the members, the sections): worked out once per folder and target while that folder's pages last.
        folder = here[:here.rstrip("/").rfind("/") + 1] if here.endswith("/") and here != "./" else None
        if folder is not None and self._links[0] != folder:
            self._links = (folder, {})
        shared = self._links[1] if folder is not None else {}

        def link(site_path: str) -> Markup:
            known = shared.get(site_path)
            if known is not None:
                return known
            target = self.site_pages.by_url.get(site_path) if self.site_pages else None
            if target is not None:
                # Final URLs, never docs paths for MkDocs to rewrite: a link may stand in raw HTML (an HTML
                # page, or a macro's table on a Markdown page), which MkDocs leaves as it is.
                made = href(get_relative_url(target.mkdocs_url, here))
                if folder is not None and not target.mkdocs_url.startswith(folder):  # not a sibling or within one
                    shared[site_path] = made
                return made
            # A page this edition does not build (a record a reference names but that is missing): its URL.
            return href(posixpath.relpath(site_path, page.url) + "/")

        def attachment(council: Council, file: str) -> dict[str, Any]:
            """Link, type and size of an attached file, for its label."""
            path = self.ctx.portal.root / council.path / file
            target = f"{urls.COUNCILS}/{council.slug}/{file}"
            return {"type": Path(file).suffix.lstrip(".").upper() or "—",
                    "size": format_size(path.stat().st_size if path.is_file() else 0, self.lang),
                    "href": href(get_relative_url(target, here)
                                 if ((self.fast and is_fast(page)) or is_html_template(page.template))
                                 and file in self.published(council)
                                 # MkDocs leaves a link to a file it does not publish as it is.
                                 else posixpath.relpath(target, posixpath.dirname(page.src_uri) or "."))}

        def finding_where(council: Council, finding) -> Markup:
            """A link to where a finding is: its record, else the council section it concerns."""
            record = self.record_by_uid(council, finding.record)
            if record is not None:
                label, target = self.label(record), link(urls.record(self.lang, record))
            else:
                section = "members" if finding.rule.startswith("composition") else "reports" \
                    if finding.rule.startswith(("report", "plan")) else None
                label = self.t(f"ui.section-{section}") if section else council.name(self.lang)
                target = link(urls.council(self.lang, council.slug, section))
            if is_html_template(page.template):
                return Markup(f'<a href="{target}">{escape(label)}</a>')
            return Markup(f"[{md(label)}]({target})")

        return {
            "lang": self.lang, "record_types": sitepages.council_types(page.council), "ctx": self.ctx, "finding_where": finding_where, "t": translator(self.lang, page.council), "text": self.text, "date": self.date, "link": link,
            "urls": urls, "today": self.ctx.today, "size": lambda n: format_size(n, self.lang),
            "rule_title": self.rule_title, "month": lambda day: format_month(day, self.lang),
            "percent": lambda value: format_percent(value, self.lang),
            "status": self.status, "label": self.label, "kind_name": self.kind_name, "council_name": self.council_name, "member_name": self.member_name,
            "attachment": attachment, "finding_source": self.finding_source,
            "abs_url": lambda site_path: web_url(self.ctx.url(site_path)),
            "rule_id": rule_id, "anchor": anchor, "filter_choices": self.filters,
        }

    def published(self, council: Council) -> set[str]:
        """The council's files the build copies (render/files.py), which MkDocs links to as files."""
        if council.slug not in self._published:
            self._published[council.slug] = set(publishable(council, self.ctx.portal.root,
                                                            self.ctx.portal.config.attachments))
        return self._published[council.slug]

    def label(self, record: Record) -> str:
        """The record's one display name (its type's ``label``)."""
        return registry.of(record).label(record, self.lang)[0] or record.id

    def kind_name(self, record: Record) -> str:
        return self.t(f"ui.kind-{record.KIND}")

    def rule_title(self, rule_id: str) -> str:
        return catalogue().get(rule_id, {}).get("title", {}).get(self.lang, rule_id)

    def finding_source(self, rule_id: str) -> str:
        source = catalogue().get(rule_id, {}).get("source") or {}
        return (source.get("ref") or {}).get(self.lang, "")

    def council_name(self, slug: str) -> str:
        council = self.ctx.portal.councils.get(slug)
        return council.name(self.lang) if council else slug

    def member_name(self, council: Council, member_id: str) -> str:
        # A meeting page names each attendee and voter: 88,000 times at 200 councils, once per person here.
        key = (council.slug, member_id)
        name = self._names.get(key)
        if name is None:
            member = council.composition.member(member_id) if council.composition else None
            name = self._names[key] = text_of(member.name, self.lang) if member else member_id
        return name

    def record_by_uid(self, council: Council, uid: str | None) -> Record | None:
        if council.slug not in self._records:
            self._records[council.slug] = {r.uid: r for r in reversed(list(council.records()))}  # first wins
        return self._records[council.slug].get(uid) if uid else None

    def status(self, record: Record) -> tuple[str, str]:
        """(badge variant, label) for a record's state."""
        if isinstance(record, Recommendation):
            state = response_status(record, self.ctx.calendar, self.ctx.today).state
            variant = {"answered": "ok", "late": "warn", "pending": "pending", "overdue": "overdue"}[state]
            return variant, self.t(f"ui.response-{state}")
        rt = registry.of(record)
        if rt.badge is not None:
            variant, key = rt.badge(record)
            return variant, self.t(key)
        status = getattr(record, "status", None)
        if status:
            variant = {"held": "ok", "planned": "pending", "postponed": "warn", "cancelled": "cancelled"}[status]
            return variant, self.t(f"ui.status-{status}")
        return "ok", ""

    # -- what each page shows ----------------------------------------------------------
    def context(self, page: SitePage) -> dict[str, Any]:
        """The data a page's template shows, computed from its subject."""
        council = page.council
        if page.kind == "portal" and (page.name or "").split("/")[0] == BODIES:
            return body_context(self, page.name or "")
        if page.kind == "portal":
            if page.name == "calendar-month":
                return self.calendar_month(page.part or "")
            if page.name == "calendar-part":
                return self.calendar_part(page.part or "")
            if page.name == "compliance-region":
                return self.compliance_region(page.part or "")
            return {"home": self.home, "councils": self.councils_index, "calendar": self.calendar,
                    "overdue": self.overdue_page,
                    "compliance": self.compliance_overview}[page.name or ""]()
        assert council is not None
        base = {"council": council}
        if page.kind == "council":
            return {**base, **self.council_summary(council)}
        if page.kind == "record" and page.record is not None:
            return {**base, "record": page.record, **self.record_extra(council, page.record)}
        if page.kind == "member":
            return {**base, **member_context(self, council, page.name or "")}
        section = page.name
        extra: dict[str, Any] = {}
        if section == "recommendations":
            extra["rows"] = self.overdue_rows([council], everything=True)
        if section == "compliance":
            extra["findings"] = self.ctx.council_findings(council)
        if section == "members":
            extra.update(self.composition_summary(council), **section_extra(self, council))
        rt = registry.by_folder().get(section or "")
        if rt is not None and rt.section_data is not None:  # a type's own section page (a maslikhat's map)
            extra.update(rt.section_data(self, council))
        return {**base, "records": council.of(rt.kind) if rt else [], **extra}

    def meta(self, page: SitePage) -> dict[str, Any]:
        """A page's front matter: a council's page announces its feeds, a state body's page its own; the portal's
        and the councils' lists are kept out of the search index (:func:`.sitepages.unsearched`)."""
        if unsearched(page.kind, page.name):
            return {"search": {"exclude": True}}
        if page.kind == "portal" and (page.name or "").startswith(BODIES + "/"):
            return {"feeds": body_feed_links(self.ctx, self.lang, (page.name or "").split("/", 1)[1])}
        return self.feeds_meta(page.council) if page.kind == "council" and page.council else {}

    def feeds_meta(self, council: Council) -> dict[str, Any]:
        links = feed_links(self.ctx, self.lang, council)
        return {"feeds": links} if links else {}

    # -- writing --------------------------------------------------------------------------
    def render(self, page: SitePage, front_matter: bool = True, data: dict[str, Any] | None = None) -> str:
        """The page's docs file: Markdown, or an HTML page marked for the MkDocs hook (render/htmlpage.py).

        Without ``front_matter``, a Markdown page's body only: the fast path puts its feeds in the head itself.
        ``data``: the page's :meth:`context`, when the caller worked it out already (render/pagememo.py).
        """
        if page.generate is not None:
            return page.generate(self.lang)
        assert page.template is not None
        if is_html_template(page.template):
            return docs_source(self.render_html(page, data), self.meta(page) if front_matter else {})
        template = self.env.get_template(page.template)
        helpers = self.helpers(page)
        shown = self.context(page) if data is None else data
        body = template.render(**helpers, **shown, h=markdown_heading)
        if page.kind == "record":  # every type's record page: its corrections and revision history
            body = with_revisions(self, page, body, helpers=helpers)
        if page.council is not None:  # search filters and a result title naming the council
            body += search_hooks(self, page.council, page.record, markdown_title(body), title=page.kind != "council")
        meta = self.meta(page) if front_matter else {}
        if meta:
            import yaml

            head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
            return f"---\n{head}---\n\n{body}"
        return body

    def render_html(self, page: SitePage, data: dict[str, Any] | None = None) -> RenderedPage:
        """A page of an HTML template: its article, title and table of contents, no Markdown involved."""
        assert page.template is not None
        h = Headings(self.t("layout.permalink"))
        helpers = self.helpers(page)
        shown = self.context(page) if data is None else data
        body = self.html_env.get_template(page.template).render(**helpers, **shown, h=h)
        if page.kind == "record":
            body = with_revisions(self, page, body, h, helpers)
        if page.council is not None:  # search filters and a result title naming the council
            body += search_hooks(self, page.council, page.record, h.title, title=page.kind != "council")
        return page_of(body, h, file_title(page.src_uri))


def write_docs(ctx: SiteContext, pages: SitePages, docs: Path, fast: bool = False,
               kept: Collection[str] = frozenset(), memo: PageMemo | None = None) -> int:
    """Write the docs tree of one edition into ``docs``; returns the number of pages written.

    With ``fast``, the pages outside the menu (``chrome.is_fast``) are left to :mod:`ashyq.render.fastpages`.
    The attachments of the councils ``kept`` are left out: their folders come over whole from the previous build.
    ``memo`` gives the pages an earlier build rendered from the same inputs (:mod:`.pagememo`).
    """
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    renderer = Renderer(ctx, pages.lang, pages, fast)
    count = 0
    for page in pages:
        if fast and is_fast(page):
            continue
        target = docs / page.src_uri
        if page.source is not None:
            count += copy_regular_file(page.source, target)  # never through a link, even one made since the check
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(memo.render(renderer, page) if memo else renderer.render(page), encoding="utf-8")
        count += 1
    # Attachments are served beside the council's pages; only the files records link to.
    copy_attachments(ctx.portal, docs, kept)
    return count
