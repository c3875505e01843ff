"""A hostile record, as a careless or malicious newcomer might write it: every output still parses.

Markup (``<script>``, ``]]>``, ``</title>``), ``&``, both kinds of quotes,
emoji, a 5,000-character text, control characters (written as YAML escapes
in double-quoted strings, the only way YAML holds them) and spreadsheet
formulas. Feeds, calendars, JSON, CSV and the subscribe block must parse and
show the text as text.
"""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import markdown
import pytest

from ashyq.render.context import SiteContext
from ashyq.render.feeds import feed_links
from ashyq.render.feedtext import SUMMARY_LIMIT
from ashyq.render.subscribe import subscribe_markdown

from test_feeds import BASE, C1, C2, build_portal, context, render

LONG = "Ұзын мәтін " * 455  # 5,005 characters
MEETING = r'''---
id: 2026-66
title:
  kk: "<script>alert('kk')</script> & \"қос\" 'жалғыз' 🎉\x07 ]]> </title>"
  ru: "<script>alert(1)</script> & \"двойные\" 'одинарные' 🎉\x1b\x7f ]]>"
date: 2026-12-03
time: "11:00"
place:
  kk: "Зал & <i>\"бас\"</i>\x0b\x0c"
  ru: "Зал & <i>\"главный\"</i>\x0b"
online: "https://meet.example.kz/a?b=1&c=<2>"
agenda:
  - title:
      kk: "LONG_TEXT"
      ru: "Повестка & <b>жирный</b>\u0085\ud7ff"
    speaker: "Әбенов \"Асқар\" <br>"
created: 2026-11-02
---
<!-- lang: kk -->
<script>alert('body')</script> Хаттама & мәтін.

<!-- lang: ru -->
<script>alert('body')</script> Протокол & текст.
'''.replace("LONG_TEXT", LONG)

RECOMMENDATION = r'''id: 2026-r66
title:
  kk: "=HYPERLINK(\"http://evil.example\",\"click\")"
  ru: "@SUM(1+1) \x07"
text:
  kk: "-2+3"
  ru: "+7 727 000 00 00"
addressee:
  kk: "Әкімдік <b>&amp;</b>"
  ru: "Акимат \"кавычки\""
basis: "5.1.3"
sent: 2026-10-01
created: 2026-10-01
'''

COUNCIL_NAME = r'''  kk: "Кеңес <img src=x onerror=alert(1)> & [сілтеме](javascript:alert(1)) *қалың* _көлбеу_ # 🎉\x07"
  ru: "Совет <img src=x onerror=alert(1)> & [ссылка](javascript:alert(1)) `код` | труба \x07"
'''

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteContext, Path, list[str]]:
    tmp = tmp_path_factory.mktemp("hostile")
    root = build_portal(tmp, with_git=False)
    council = root / "councils" / C1
    (council / "meetings" / "2026-66.md").write_text(MEETING, encoding="utf-8")
    (council / "recommendations" / "2026-r66.yml").write_text(RECOMMENDATION, encoding="utf-8")
    info = root / "councils" / C2 / "council.yml"
    text = info.read_text(encoding="utf-8")
    start = text.index("name:\n") + len("name:\n")
    end = text.index("\n", text.index("  ru:", start)) + 1
    info.write_text(text[:start] + COUNCIL_NAME + text[end:], encoding="utf-8")
    ctx = context(root)
    rec = ctx.portal.councils[C1].find("meeting", "2026-66")
    assert rec is not None and "\x07" in rec.title.kk and len(rec.agenda[0].title.kk) > 5000
    assert "\x07" in ctx.portal.councils[C2].info.name.kk
    site = tmp / "site"
    return ctx, site, render(ctx, site)


def test_the_hostile_record_loads(built):
    ctx, _, _ = built
    rec = ctx.portal.councils[C1].find("meeting", "2026-66")
    assert rec.title.ru.startswith("<script>alert(1)</script> & \"двойные\"")


def test_feeds_parse_and_show_the_text_escaped(built):
    _, site, written = built
    feeds = [rel for rel in written if rel.endswith(".xml")]
    assert feeds
    for rel in feeds:
        raw = (site / rel).read_bytes()
        assert not CONTROL.search(raw.decode("utf-8")), rel
        d = feedparser.parse(raw)
        assert not d.bozo, (rel, d.get("bozo_exception"))
    atom = (site / "ru/councils/council-001/all.atom.xml").read_text(encoding="utf-8")
    assert "<script>" not in atom and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in atom
    d = feedparser.parse(atom.encode("utf-8"))
    entry = next(e for e in d.entries if e.id.endswith("/meetings/2026-66/"))
    assert "🎉" in entry.title and "&" in entry.title and "]]&gt;" in atom
    assert len(entry.summary) <= SUMMARY_LIMIT
    kk = (site / "kk/feeds/meetings.atom.xml").read_text(encoding="utf-8")
    assert "&lt;/title&gt;" in kk and "</title>\n" not in kk.split("<entry", 1)[1].split("2026-66")[0][-5:]
    rss = (site / "ru/councils/council-001/all.rss.xml").read_text(encoding="utf-8")
    # the RSS description is read as HTML: markup in the text arrives escaped twice
    assert "&amp;lt;i&amp;gt;" in rss and "&amp;lt;b&amp;gt;жирный" in rss
    item = next(e for e in feedparser.parse(rss.encode("utf-8")).entries if e.id.endswith("/meetings/2026-66/"))
    assert "<i>" not in item.summary and "&lt;i&gt;&quot;главный&quot;&lt;/i&gt;" in item.summary.replace('"', "&quot;")
    assert html.unescape(item.summary.split("<br />")[3]) == 'Место: Зал & <i>"главный"</i> · ' \
        "https://meet.example.kz/a?b=1&c=<2>."


def test_calendars_parse_and_keep_the_text(built):
    _, site, written = built
    for rel in (r for r in written if r.endswith(".ics")):
        raw = (site / rel).read_bytes()
        assert not CONTROL.search(raw.decode("utf-8").replace("\r\n", "")), rel
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), rel
        cal = icalendar.Calendar.from_ical(raw)
        assert cal.walk("VEVENT")
    cal = icalendar.Calendar.from_ical((site / "ru/calendar.ics").read_bytes())
    ev = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("council-001-meeting-2026-66@"))
    assert "<script>alert(1)</script> & \"двойные\" 'одинарные' 🎉 ]]>" in str(ev["SUMMARY"])
    assert str(ev["LOCATION"]) == "Зал & <i>\"главный\"</i>"
    assert "https://meet.example.kz/a?b=1&c=<2>" in str(ev["DESCRIPTION"])


def test_json_is_valid_and_keeps_the_text(built):
    _, site, written = built
    for rel in (r for r in written if r.endswith(".json") and not r.startswith("data/schema/")):
        doc = json.loads((site / rel).read_text(encoding="utf-8"))
        name = "council" if rel.startswith("data/councils/") else Path(rel).stem
        schema = json.loads((site / f"data/schema/{name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(schema).validate(doc)
    meetings = json.loads((site / "data/meetings.json").read_text(encoding="utf-8"))["data"]
    m = next(x for x in meetings if x["id"] == f"{C1}/meeting/2026-66")
    assert m["name"]["kk"] == "<script>alert('kk')</script> & \"қос\" 'жалғыз' 🎉 ]]> </title>"
    assert m["agendaItem"][0]["name"]["kk"] == LONG  # the long text in full
    assert m["agendaItem"][0]["name"]["ru"] == "Повестка & <b>жирный</b>\ud7ff"
    assert m["protocol"]["ru"].startswith("<script>alert('body')</script>")
    councils = json.loads((site / "data/councils.json").read_text(encoding="utf-8"))["data"]
    assert "\x07" not in next(c for c in councils if c["id"] == C2)["name"]["kk"]


def test_csv_reads_and_defuses_formulas(built):
    _, site, _ = built
    with open(site / "data/recommendations.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    row = next(r for r in rows if r["recommendation"] == "2026-r66")
    assert row["title_kk"] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert row["title_ru"] == "'@SUM(1+1) "
    assert row["addressee_kk"] == "Әкімдік <b>&amp;</b>"
    with open(site / "data/meetings.csv", encoding="utf-8-sig", newline="") as fh:
        meetings = list(csv.DictReader(fh))
    m = next(r for r in meetings if r["meeting"] == "2026-66")
    assert m["title_ru"] == "<script>alert(1)</script> & \"двойные\" 'одинарные' 🎉 ]]>"
    assert m["place_kk"] == "Зал & <i>\"бас\"</i>"
    for path in (site / "data").glob("*.csv"):
        assert not CONTROL.search(path.read_text(encoding="utf-8-sig").replace("\r\n", "")), path.name


def test_subscribe_block_escapes_the_council_name(built):
    ctx, _, _ = built
    for lang in ("kk", "ru"):
        block = subscribe_markdown(ctx, lang, C2)
        assert "\x07" not in block
        assert "<img" not in block and "&lt;img src=x onerror=alert\\(1\\)&gt;" in block
        page = markdown.markdown(block, extensions=["tables"])
        assert "<img" not in page
        hrefs = re.findall(r'href="([^"]+)"', page)
        assert hrefs and all(h.startswith((BASE, "webcal://")) for h in hrefs), hrefs
        assert "<em>" not in page and "<strong>" not in page
        assert html.escape("<img src=x onerror=alert(1)>") in page


def test_feed_link_titles_are_plain_text(built):
    ctx, _, _ = built
    links = feed_links(ctx, "ru", C2)
    for link in links:
        assert "\x07" not in link["title"]
    assert len(links) == 2
    for link in links:  # the theme escapes the title as text
        assert link["title"].startswith("Совет <img src=x onerror=alert(1)>")
