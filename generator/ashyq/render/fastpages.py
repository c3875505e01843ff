"""Record, section, member, council and the portal's pages without MkDocs' per-page cost.

Each page is rendered from its template, converted by one reused
Python-Markdown instance configured exactly as the edition's ``mkdocs.yml``
(extensions, their settings, and MkDocs' own title extraction), and poured
into the shell of its chrome (:mod:`ashyq.render.chrome`). Two worker
processes share the work council by council, a council's pages in every
language in one process (its revision histories are read from git once);
they are forked after the shells exist, so each inherits the portal, and
replaced by fresh forks after :data:`ROUND` councils each. The portal's pages of
a language are one share more, their articles taken from the cache shelf while
what they show holds (:mod:`.pagememo`).
"""

from __future__ import annotations

import functools
import hashlib
import html
from collections.abc import Callable
from concurrent.futures import Executor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from mkdocs.config import load_config
from mkdocs.structure.pages import _ExtractTitleTreeprocessor

from ..rounds import ROUND
from .chrome import Shell, councils_listed, is_fast, mkdocs_url, shell_key, shell_keys, shell_markdown, shell_src
from .context import SiteContext
from .files import write_file
from .htmlpage import file_title, is_html_template
from .pages import Renderer, environment
from .pagememo import PageMemo
from .sitepages import SitePage, SitePages, dest_of

WORKERS = 2
PORTAL_SHARE = "*portal-"  # the portal's pages of a language: one share (no council's slug starts so)
# A worker renders ROUND councils (ashyq.rounds) before a fresh fork takes its place: a worker that lived
# through a national build held a third of the portal again (+343 MB each at 1,350 councils).


@dataclass
class Edition:
    """What the fast pages of one language need: its pages, its MkDocs config and its shells."""

    pages: SitePages
    config_file: Path
    site: Path  # the edition's output folder
    shells: dict[tuple[str, str], Shell] = field(default_factory=dict)


class Converter:
    """Markdown to the page's HTML, title and TOC, as MkDocs' ``Page.render`` and the theme do it."""

    def __init__(self, config_file: Path):
        config = load_config(str(config_file))
        self.site_name = config.site_name
        self.md = markdown.Markdown(extensions=config.markdown_extensions,
                                    extension_configs=config.mdx_configs or {})
        self.title = _ExtractTitleTreeprocessor()
        self.title._register(self.md)

    def convert(self, text: str, src_uri: str) -> tuple[str, str, list[dict]]:
        self.md.reset()
        self.title.title = None
        content = self.md.convert(text)
        # render/mkdocs_hooks.py: a title taken from a heading becomes plain text.
        title = html.unescape(self.title.title) if self.title.title else file_title(src_uri)
        if "<h1" not in content:  # theme/partials/content.html: the fallback heading
            content = f"<h1>{html.escape(title or self.site_name, quote=True)}</h1>\n{content}"
        content = content.replace('<a class="headerlink" ', '<a class="headerlink" data-pagefind-ignore ')
        return content, title, list(getattr(self.md, "toc_tokens", []))


def write_shells(pages: SitePages, docs: Path) -> None:
    """One placeholder page per chrome of the edition's fast pages, for MkDocs to render."""
    for key in shell_keys(pages):
        target = docs / shell_src(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(shell_markdown(key), encoding="utf-8")


def read_shells(edition: Edition) -> None:
    """Cut the rendered shells into parts and take them out of the site."""
    for key in shell_keys(edition.pages):
        dest = dest_of(shell_src(key))
        path = edition.site / dest
        edition.shells[key] = Shell.parse(path.read_text(encoding="utf-8"), mkdocs_url(dest))
        path.unlink()
        folder = path.parent
        while folder != edition.site and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


_STATE: dict[str, object] = {}  # set before the workers fork: they inherit it


def _render_council(parts: list[tuple[str, list[str]]]) -> int:
    """One council's pages, each language's in turn: what the council's pages share in every language (its
    revision histories read back from git, its members' activity) is worked out once, in this process."""
    return sum(_render_chunk(lang, src_uris) for lang, src_uris in parts)


def _render_chunk(lang: str, src_uris: list[str]) -> int:
    ctx: SiteContext = _STATE["ctx"]  # type: ignore[assignment]
    edition: Edition = _STATE["editions"][lang]  # type: ignore[index]
    cache: dict = _STATE.setdefault("cache", {})  # type: ignore[assignment]
    if lang not in cache:
        # A Markdown converter only for a type whose templates are still Markdown (a plugin's, say).
        # Whether the menu lists the councils is asked once per edition: it scans every page.
        cache[lang] = (Renderer(ctx, lang, edition.pages, fast=True),
                       functools.cache(lambda: Converter(edition.config_file)), councils_listed(edition.pages))
    renderer, converter, listed = cache[lang]
    memo: PageMemo | None = _STATE.get("memo")  # type: ignore[assignment]
    for src in src_uris:
        page = edition.pages.by_src[src]
        make = functools.partial(_article, renderer, converter, page)
        content, title, toc = make() if memo is None else memo.article(renderer, page, make)  # the portal's kept
        html_text = edition.shells[shell_key(page, listed)].fill(title, mkdocs_url(page), toc, content,
                                                                 renderer.meta(page).get("feeds", ()))
        write_file(f"{edition.site}/{page.dest_uri}", html_text.encode("utf-8"))
    return len(src_uris)


def _article(renderer: Renderer, converter: Callable[[], Converter], page: SitePage,
             data: dict | None = None) -> tuple[str, str, list[dict]]:
    """A page's article, title and table of contents; ``data``: its context, if worked out already."""
    if is_html_template(page.template):
        rendered = renderer.render_html(page, data)
        return rendered.content, rendered.title, rendered.toc
    return converter().convert(renderer.render(page, front_matter=False, data=data), page.src_uri)


def _compile_templates(editions: dict[str, Edition]) -> None:
    """Compile every template the fast pages use before the workers fork: they inherit them, compiled once."""
    names = {page.template for edition in editions.values() for page in edition.pages
             if is_fast(page) and page.template}
    html = environment(html=True)
    names.update(html.list_templates(filter_func=is_html_template))  # what they import and include too
    for name in sorted(names):
        environment(html=is_html_template(name)).get_template(name)


def council_pages(pages: SitePages) -> dict[str, list[SitePage]]:
    """An edition's fast pages by council (a council's pages are rendered, or reused, together)."""
    by_council: dict[str, list[SitePage]] = {}
    for page in pages:
        if is_fast(page) and page.kind != "portal":
            assert page.council is not None
            by_council.setdefault(page.council.slug, []).append(page)
    return by_council


def council_chunks(editions: dict[str, Edition], reuse: Callable[[str, str, list[SitePage]], bool] | None = None
                   ) -> dict[str, list[tuple[str, list[str]]]]:
    """Council -> ``(language, its pages' sources there)`` of the pages to render, one worker's share each;
    first the portal's pages of each language (never reused: they show every council), the largest shares."""
    chunks: dict[str, list[tuple[str, list[str]]]] = {}
    for lang, edition in editions.items():
        chunks[f"{PORTAL_SHARE}{lang}"] = [(lang, [p.src_uri for p in edition.pages.of_kind("portal")])]
    for lang, edition in editions.items():
        for slug, pages in council_pages(edition.pages).items():
            if reuse is None or not reuse(lang, slug, pages):
                chunks.setdefault(slug, []).append((lang, [p.src_uri for p in pages]))
    return chunks


def chrome_hash(edition: Edition) -> str:
    """What the edition's shells are: a fast page reused from a previous build must have had the same."""
    h = hashlib.sha256()
    for key in sorted(edition.shells):
        shell = edition.shells[key]
        h.update(repr((key, shell.parts, shell.toc_open, shell.toc_label, shell.skip, shell.feed, shell.menu_label))
                 .encode())
    return h.hexdigest()


def render_fast_pages(ctx: SiteContext, editions: dict[str, Edition], workers: int | Callable[[], int] = WORKERS,
                      pool: Callable[[int], AbstractContextManager[Executor]] | None = None,
                      reuse: Callable[[str, str, list[SitePage]], bool] | None = None,
                      memo: PageMemo | None = None, portal: bool | None = None) -> int:
    """Write every fast page of every edition, its shells read already (:func:`read_shells`); returns how
    many were rendered.

    ``reuse(lang, council, pages)`` may bring a council's pages over from a previous build instead
    (:mod:`ashyq.write.incremental`); ``memo`` gives the portal's pages an earlier build rendered from the
    same inputs (:mod:`.pagememo`); ``portal`` True renders only the portal's pages, False only the
    councils', None both. ``pool(workers)`` gives the
    forked workers (``write/procs.py``: ``forked_pool``); without it, or with ``workers`` fixed at one, the
    pages are rendered here. ``workers`` may be asked before each round: a build gives one worker while its side
    lane runs (its round is the other core's work, and each process copies what it reads).
    """
    _STATE.clear()
    _STATE.update(ctx=ctx, editions=editions, memo=memo)
    _compile_templates(editions)
    chunks = {share: parts for share, parts in council_chunks(editions, reuse).items()
              if portal is None or share.startswith(PORTAL_SHARE) is portal}
    try:
        count = workers if callable(workers) else (lambda: workers)
        if pool is None or len(chunks) <= 1 or (not callable(workers) and workers <= 1):
            return sum(map(_render_council, chunks.values()))
        todo, done = list(chunks.values()), 0
        while todo:
            now = max(count(), 1)
            with pool(now) as executor:
                done += sum(executor.map(_render_council, todo[:now * ROUND]))
            del todo[:now * ROUND]
        return done
    finally:
        _STATE.clear()
