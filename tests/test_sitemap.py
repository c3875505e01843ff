"""The site's root files: the language redirect and the sitemap honour ``languages``; a sitemap past the
protocol's 50,000 URLs becomes an index of parts."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ashyq.render.context import SiteContext
from ashyq.synthetic import write_portal
from ashyq.validate import check_portal
from ashyq.write import sitemap
from ashyq.write.sitemap import write_root_files

TODAY = dt.date(2026, 11, 21)


def _root_files(tmp_path, extra: str = "", pages: tuple[str, ...] = ()):
    root = write_portal(tmp_path / "portal", councils=1, today=TODAY)
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    result = check_portal(root, TODAY)
    assert result.portal is not None
    langs = tuple(result.portal.config.languages)
    ctx = SiteContext(result.portal, result.findings, result.dates, TODAY, langs)
    site = tmp_path / "site"
    for lang in langs:
        (site / lang).mkdir(parents=True)
    folders = sitemap.page_folders(f"{page}/index.html" if page else "index.html" for page in ("", *pages))
    write_root_files(ctx, site, {lang: folders for lang in langs})
    return site


def test_the_sitemap_lists_folders_of_index_pages_but_assets_search_and_404():
    assert sitemap.page_folders(["index.html", "a/index.html", "a/b/index.html", "404.html", "404/index.html",
                                 "assets/x/index.html", "search/index.html", "c/page.html"]) == ["", "a/", "a/b/"]


def test_a_kazakh_only_root_page_links_no_russian_edition(tmp_path):
    site = _root_files(tmp_path, "languages: [kk]\n")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="kk/"' in index and 'url=kk/"' in index
    assert "ru/" not in index and "Русский" not in index
    assert "/ru/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_bilingual_root_page_links_both_editions(tmp_path):
    index = (_root_files(tmp_path) / "index.html").read_text(encoding="utf-8")
    assert '<a href="kk/" hreflang="kk" lang="kk">Қазақша</a> · <a href="ru/" hreflang="ru" lang="ru">Русский</a>' in index
    assert 'url=kk/"' in index


SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _locs(path):
    return [loc.text for loc in ET.parse(path).getroot().iter(f"{SM}loc")]


def test_past_the_limit_the_sitemap_is_an_index_of_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(sitemap, "SITEMAP_LIMIT", 3)
    site = _root_files(tmp_path, pages=("a", "b", "c"))  # 4 pages in each of 2 editions: 8 URLs
    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == f"{SM}sitemapindex"
    parts = _locs(site / "sitemap.xml")
    assert [p.rsplit("/", 1)[1] for p in parts] == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    urls = [url for n in (1, 2, 3) for url in _locs(site / f"sitemap-{n}.xml")]
    assert [len(_locs(site / f"sitemap-{n}.xml")) for n in (1, 2, 3)] == [3, 3, 2]
    assert len(urls) == len(set(urls)) == 8 and all(u.endswith(("/kk/", "/ru/", "a/", "b/", "c/")) for u in urls)
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert robots.endswith("/sitemap.xml\n")


def test_within_the_limit_one_sitemap_holds_every_page(tmp_path):
    site = _root_files(tmp_path, pages=("a",))
    assert ET.parse(site / "sitemap.xml").getroot().tag == f"{SM}urlset"
    assert len(_locs(site / "sitemap.xml")) == 4 and not list(site.glob("sitemap-*.xml"))
