"""A large portal's compliance overview, split by region, with a hostile region text in a ``council.yml``.

A region no table names is its own group: its name is the council's free text, shown on the overview and
as its page's title, and its page's address is a hash of it. The text must stay text: escaped in both
editions, no tag of it in the page, the address plain ASCII.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from buildkit import build_ok
from test_fastpath import many_councils

HOSTILE = "<script>alert('өңір')</script> & \"ауыл\" ]]> **қалың**"


def test_a_hostile_region_text_stays_text_on_the_overview_and_its_page(tmp_path: Path):
    root = many_councils(tmp_path / "portal")
    info = root / "councils" / "extra-001" / "council.yml"
    data = yaml.safe_load(info.read_text(encoding="utf-8"))
    data["type"] = "district"  # a type that takes its region from the text
    data["region"] = {"kk": HOSTILE, "ru": HOSTILE}
    info.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = tmp_path / "site"
    build_ok(root, site)
    for lang in ("kk", "ru"):
        overview = (site / lang / "compliance" / "index.html").read_text(encoding="utf-8")
        article = overview[overview.index("<article"):overview.index("</article>")]
        assert "<script>alert" not in article and "<strong>қалың" not in article
        links = dict((html.unescape(re.sub(r"<[^>]+>", "", text)), href)
                     for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', article))
        href = links[HOSTILE]  # the region's name, shown as written
        assert re.fullmatch(r"other-[0-9a-f]{10}/", href), href
        page = (site / lang / "compliance" / href / "index.html").read_text(encoding="utf-8")
        body = page[page.index("<article"):page.index("</article>")]
        assert "<script>alert" not in body and "<strong>қалың" not in body
        title = html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", body).group(1)))
        assert HOSTILE in title
        assert "extra-001/compliance/" in body  # the council is on its region's page
