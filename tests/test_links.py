"""A link checker over the whole output of the sample build.

Every ``href`` and ``src`` of every HTML file is resolved the way a browser
resolves it (relative to the page's URL under the base URL) and must name a
file of the output (a folder means its ``index.html``). Links to other sites,
``mailto:`` and ``tel:`` are not the portal's and are skipped; absolute links
to the portal's own base URL map onto the output. Fragments are checked
against the ``id``s of the target page. Every broken link is reported at once.

Known bugs are listed in :data:`KNOWN`: their links are left out of the main
checks and each has a strict xfail test of its own, so a new broken link
still fails at once and a fixed bug shows up as XPASS.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from buildkit import LANGS, Site, sample_site, walk_links

# Links broken by a known bug (reported, with a strict xfail test of its own), by a pattern on the link's
# value: left out of the main check so that any other broken link still fails at once. Empty when all is well.
KNOWN: dict[str, re.Pattern[str]] = {}
PAGEFIND = re.compile(r"(^|/)pagefind/pagefind-ui\.(js|css)$")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return sample_site(tmp_path_factory)


def known_bug(value: str) -> str | None:
    return next((name for name, pattern in KNOWN.items() if pattern.search(value)), None)


def resolve_all(site: Site) -> tuple[list[tuple[Path, str, str, str]], int]:
    """``([(page, tag, value, target site path)], number of links checked)``; fragments kept apart."""
    out, count = [], 0
    for file, tag, _attr, value in walk_links(site):
        target = site.local_target(file, value)
        if target is None:
            continue
        count += 1
        out.append((file, tag, value, target[0] + ("#" + target[1] if target[1] else "")))
    return out, count


def exists(site: Site, path: str) -> bool:
    file = site.file_of(path)
    return file.is_file()


def report(site: Site, broken: list[tuple[Path, str, str]], what: str) -> str:
    by_target: dict[str, list[str]] = defaultdict(list)
    for file, value, target in broken:
        by_target[f"{value!r} -> {target}"].append(file.relative_to(site.out).as_posix())
    lines = [f"{len(broken)} {what} ({len(by_target)} distinct):"]
    for link, pages in sorted(by_target.items(), key=lambda kv: -len(kv[1]))[:60]:
        lines.append(f"  {link}  on {len(pages)} page(s), e.g. {pages[0]}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def links(site: Site) -> list[tuple[Path, str, str, str]]:
    resolved, count = resolve_all(site)
    assert count > 1000, f"only {count} internal links found: is the checker reading the pages?"
    return resolved


def test_every_internal_link_leads_to_a_file(site: Site, links):
    broken = []
    for file, _tag, value, target in links:
        path = target.split("#", 1)[0]
        if known_bug(value):
            continue
        if not exists(site, path):
            broken.append((file, value, path))
    assert not broken, report(site, broken, "broken links")


def test_every_fragment_names_an_anchor_of_its_page(site: Site, links):
    broken = []
    for file, tag, value, target in links:
        if "#" not in target or tag not in ("a", "area"):
            continue
        path, fragment = target.split("#", 1)
        target_file = site.file_of(path)
        if not target_file.is_file() or target_file.suffix != ".html" or known_bug(value):
            continue
        if fragment not in site.parsed(target_file).ids:
            broken.append((file, value, target))
    assert not broken, report(site, broken, "links to missing anchors")


def test_the_root_redirect_and_the_sitemap_point_into_the_output(site: Site):
    html = site.html("")
    targets = re.findall(r'url=([^"\s>]+)', html) + [v for _t, _a, v in site.page("").links]
    for value in targets:
        target = site.local_target(site.out / "index.html", value)
        assert target is None or exists(site, target[0]), f"index.html: {value!r} is broken"
    robots = (site.out / "robots.txt").read_text(encoding="utf-8") if (site.out / "robots.txt").is_file() else ""
    for url in re.findall(r"(?im)^sitemap:\s*(\S+)", robots):
        assert url.startswith(site.base_url) and exists(site, url[len(site.base_url):]), f"robots.txt: {url}"


def test_attachments_are_published_beside_their_pages(site: Site, links):
    attachments = [(f, v, t) for f, _tag, v, t in links if "/attachments/" in t]
    assert attachments, "no page links an attachment"
    for lang in LANGS:
        assert any(t.startswith(f"{lang}/") for _f, _v, t in attachments), f"no {lang} page links an attachment"


def test_every_page_loads_the_pagefind_ui_from_the_site_root(site: Site, links):
    """The search box needs ``<out>/pagefind/pagefind-ui.{js,css}`` on every page, however deep."""
    by_page: dict[Path, set[str]] = defaultdict(set)
    for file, _tag, value, target in links:
        if PAGEFIND.search(value):
            by_page[file].add(target.split("#", 1)[0])
    pages = [p for lang in LANGS for p in site.pages(lang)]
    without = [site.site_path_of(p) for p in pages if len(by_page.get(p, ())) < 2]
    assert not without, f"{len(without)} pages do not load the Pagefind UI, e.g. {without[:5]}"
    wrong = sorted({t for targets in by_page.values() for t in targets
                    if t not in ("pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css")})
    assert not wrong, f"Pagefind UI linked from the wrong place: {wrong[:10]}"
    assert exists(site, "pagefind/pagefind-ui.js") and exists(site, "pagefind/pagefind-ui.css")
