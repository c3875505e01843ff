"""The site's root files: the language redirect and the sitemap honour ``languages``."""

from __future__ import annotations

import datetime as dt

from ashyq.render.context import SiteContext
from ashyq.synthetic import write_portal
from ashyq.validate import check_portal
from ashyq.write.sitemap import write_root_files

TODAY = dt.date(2026, 11, 21)


def _root_files(tmp_path, extra: str = ""):
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
        (site / lang / "index.html").write_text("<html></html>", encoding="utf-8")
    write_root_files(ctx, site)
    return site


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
