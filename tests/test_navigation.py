"""Finding one's way in a 40-council portal: regions and types on the home page, the calendar filtered in
the browser, faceted search, and feeds a reader can follow (per council and type; answers as entries).

One real ``ashyq build`` of a synthetic portal (``ashyq.synthetic.write_portal``, councils spread over
the national level, the three cities and the oblasts), its search index cut into several shards so the
facets are checked across the merge the search box does; headless Chromium (Debian's) for the filters
and Pagefind's own JavaScript API; feedparser for the feeds.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from collections import Counter
from pathlib import Path

import feedparser
import pytest
import yaml

from buildkit import Site, once, run_ashyq, serve_folder
from test_browser import CHROMIUM_ARGS, CHROMIUM, QuietHandler, sync_api  # skips without a browser

from ashyq.regions import CITIES, REGIONS, region_of
from ashyq.synthetic import write_portal

COUNCILS = 40
HUB = "https://hub.example.kz/"
TODAY = "2026-09-20"  # the synthetic councils still have meetings ahead in October and November
UNANSWERED = ("council-005", "council-012", "council-026")  # their 2026-r2 answer is missing: overdue


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    def make(folder: Path) -> Site:
        root = write_portal(folder / "portal", councils=COUNCILS, today=dt.date.fromisoformat(TODAY))
        config = yaml.safe_load((root / "site_config.yml").read_text(encoding="utf-8"))
        config["websub_hub"] = HUB
        (root / "site_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        for slug in UNANSWERED:
            path = root / "councils" / slug / "recommendations" / "2026-r2.yml"
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data.pop("response")
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        old = os.environ.get("ASHYQ_SEARCH_SHARD_PAGES")
        os.environ["ASHYQ_SEARCH_SHARD_PAGES"] = "1500"  # several shards per language, merged by the search box
        try:
            proc = run_ashyq("build", root, "--out", folder / "site", "--today", TODAY)
            assert proc.returncode == 0, proc.stdout + proc.stderr
        finally:
            if old is None:
                os.environ.pop("ASHYQ_SEARCH_SHARD_PAGES")
            else:
                os.environ["ASHYQ_SEARCH_SHARD_PAGES"] = old
        return Site(root, folder / "site", proc.stdout)
    return once(tmp_path_factory, "navigation-40", make)


@pytest.fixture(scope="module")
def server(site: Site):
    with serve_folder(site.out, QuietHandler) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str):
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        context.set_default_timeout(20_000)
        errors: list[str] = []
        tab = context.new_page()
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.errors = errors
        try:
            yield tab
        finally:
            chromium.close()


def _article(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("<article"):text.index("</article>")]


def _slug(href: str) -> str:
    return re.search(r"councils/([^/]+)/", href).group(1)


# --------------------------------------------------------------------- the home page and the council index


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_home_page_groups_councils_by_region_and_type_with_counts(site: Site, lang: str):
    expected = Counter(region_of(c).id for c in site.portal.councils.values())
    assert len(expected) > 10  # national level, the three cities and many oblasts
    page = _article(site.out / lang / "index.html")
    heading = {"kk": "Өңірлер бойынша", "ru": "По регионам"}[lang]
    part = page[page.index(heading):page.index({"kk": "Кеңес түрлері бойынша", "ru": "По типам советов"}[lang])]
    found = [(html.unescape(rid), html.unescape(name), n) for rid, name, n in
             re.findall(r'<li><a href="councils/#region-([^"]+)">([^<]+)</a> — (\d+) ', part)]
    assert {rid: int(n) for rid, _name, n in found} == dict(expected)
    assert [name for _rid, name, _n in found][0] == REGIONS["national"].name(lang)
    assert sum(int(n) for _r, _name, n in found) == COUNCILS
    # At national scale the home page counts; the councils themselves are on the index.
    assert 'href="councils/council-' not in part
    types = page[page.index({"kk": "Кеңес түрлері бойынша", "ru": "По типам советов"}[lang]):]
    counts = [int(n) for n in re.findall(r"<li>[^<]+ — (\d+) ", types)]
    assert sum(counts) == COUNCILS


def test_the_council_index_has_a_section_per_region_in_number_order(site: Site):
    page = _article(site.out / "ru" / "councils" / "index.html")
    sections = re.findall(r'<h2 id="region-([\w-]+)">', page)
    cities = [s for s in sections if s in CITIES]
    assert sections[0] == "national" and cities and sections[1:1 + len(cities)] == cities  # then the cities
    assert cities == [c for c in ("almaty", "astana", "shymkent") if c in cities]  # alphabetical: Алматы, Астана
    options = re.findall(r'<option value="council&#45;(\d+)"', page)
    assert [int(n) for n in options] == list(range(1, COUNCILS + 1))  # «№8» before «№36»
    for region in sections:
        block = page[page.index(f'id="region-{region}"'):]
        block = block[:block.index("</table>")]
        by_type: dict[str, list[int]] = {}
        for number, kind in re.findall(r">Общественный совет №(\d+)</a></td>\s*<td[^>]*>([^<]+)</td>", block):
            by_type.setdefault(kind, []).append(int(number))
        assert by_type, region
        for kind, numbers in by_type.items():
            assert numbers == sorted(numbers), (region, kind)


# --------------------------------------------------------------------- the calendar's filters, in the browser


def _visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        "article tbody tr", "rows => rows.filter(r => r.offsetParent !== null)"
                           ".map(r => r.querySelector('a[href*=\"councils/\"]').getAttribute('href'))")


def test_the_calendar_filters_by_council_and_month(site: Site, server: str, page):
    static = _article(site.out / "ru" / "calendar" / "index.html")
    months = re.findall(r'data-month="(\d{4}-\d{2})"', static)
    assert len(months) >= 2, months
    page.goto(server + "ru/calendar/", wait_until="networkidle")
    form = page.locator("form[data-ashyq-filter]")
    form.wait_for(state="visible")
    everything = _visible_rows(page)
    by_council = Counter(_slug(href) for href in everything)
    council, count = by_council.most_common(1)[0]
    assert len(by_council) > 5

    page.select_option("#ashyq-filter-council", council)
    rows = _visible_rows(page)
    assert len(rows) == count and {_slug(h) for h in rows} == {council}
    assert f"council={council}" in page.url
    assert page.locator(".ashyq-filter__status").inner_text() == f"Показано: {count} из {len(everything)}"

    page.select_option("#ashyq-filter-council", "")
    page.select_option("#ashyq-filter-month", months[1])
    rows = _visible_rows(page)
    assert rows and len(rows) < len(everything)
    shown = page.eval_on_selector_all("[data-ashyq-group][data-month]",
                                      "gs => gs.filter(g => !g.hidden).map(g => g.dataset.month)")
    assert shown == [months[1]]

    # A region narrows the councils offered, and a shared address opens the same filtered list.
    region = page.eval_on_selector(f"#ashyq-filter-council option[value='{council}']", "o => o.dataset.region")
    page.goto(server + f"ru/calendar/?region={region}&council={council}", wait_until="networkidle")
    assert page.locator("#ashyq-filter-council").input_value() == council
    offered = page.eval_on_selector_all("#ashyq-filter-council option[value]:not([value=''])",
                                        "os => os.filter(o => !o.hidden).map(o => o.dataset.region)")
    assert offered and set(offered) == {region}
    assert {_slug(h) for h in _visible_rows(page)} == {council}
    page.locator("form[data-ashyq-filter] button[type=reset]").click()
    # Playwright's own polling: a predicate given as a string would be eval'd, which the site's CSP forbids.
    sync_api.expect(page.locator("article tbody tr:not([hidden])")).to_have_count(len(everything))
    assert not page.errors


def test_without_script_the_calendar_is_a_plain_list_by_month(site: Site):
    static = _article(site.out / "kk" / "calendar" / "index.html")
    assert re.search(r"<form [^>]*data-ashyq-filter[^>]*hidden", static)
    today = dt.date.fromisoformat(TODAY)
    months = re.findall(r'data-month="(\d{4}-\d{2})"', static)
    assert months == sorted(months) and months[0] >= f"{today:%Y-%m}"  # this month first


def test_the_overdue_list_s_filters_name_only_the_councils_with_an_overdue_response(site: Site):
    """Its choices of council, region and type are those of its rows (render/pagedata.py: ``overdue_page``), not
    every council of the portal, most of which would show nothing."""
    for lang in ("kk", "ru"):
        page = (site.out / lang / "overdue" / "index.html").read_text(encoding="utf-8")
        form = page[page.index("<form class=\"ashyq-filter\""):page.index("</form>")]
        councils = set(re.findall(r'<option value="(council-\d+)"', form))
        assert councils == set(UNANSWERED), (lang, councils)
        regions = set(re.findall(r'<option value="([^"]*)">', form.split('id="ashyq-filter-council"')[0]))
        assert regions == {region_of(site.portal.councils[slug]).id for slug in UNANSWERED} | {""}, regions


def test_the_overdue_list_filters_by_region(site: Site, server: str, page):
    page.goto(server + "kk/overdue/", wait_until="networkidle")
    page.locator("form[data-ashyq-filter]").wait_for(state="visible")
    everything = _visible_rows(page)
    assert {_slug(h) for h in everything} == set(UNANSWERED)
    region = region_of(site.portal.councils[_slug(everything[0])]).id
    page.select_option("#ashyq-filter-region", region)
    rows = _visible_rows(page)
    assert rows and all(region_of(site.portal.councils[_slug(h)]).id == region for h in rows)


# --------------------------------------------------------------------- faceted search


SEARCH = """async ([base, lang, word, filters]) => {
  const shards = (await (await fetch(base + "pagefind/shards.json")).json())[lang];
  const pf = await import(base + "pagefind/" + shards[0] + "/pagefind.js");
  await pf.options({ baseUrl: "/" });
  for (const name of shards.slice(1)) await pf.mergeIndex(base + "pagefind/" + name + "/", { baseUrl: "/" });
  await pf.init();
  const found = await pf.search(word, { filters });
  const data = await Promise.all(found.results.map(r => r.data()));
  return { shards: shards.length, facets: await pf.filters(),
           results: data.map(d => ({ url: d.url, title: d.meta.title, filters: d.filters })) };
}"""


@pytest.mark.parametrize("lang,word,council_facet,region_facet", [
    ("kk", "абаттандыру", "Кеңес", "Өңір"), ("ru", "благоустройство", "Совет", "Регион")])
def test_search_filters_by_council_and_region(site: Site, server: str, page, lang, word, council_facet,
                                              region_facet):
    page.goto(server + f"{lang}/", wait_until="networkidle")
    everything = page.evaluate(SEARCH, [server, lang, word, {}])
    assert everything["shards"] > 1  # the facets survive the merge of the shards
    facets = everything["facets"]
    assert {council_facet, region_facet, {"kk": "Жазба түрі", "ru": "Вид записи"}[lang],
            {"kk": "Жыл", "ru": "Год"}[lang], {"kk": "Мәртебе", "ru": "Статус"}[lang]} <= set(facets)
    councils = {_slug(r["url"]) for r in everything["results"] if "/councils/" in r["url"]}
    assert len(councils) > 3, councils
    slug = sorted(councils)[1]
    name = site.portal.councils[slug].name(lang)
    only = page.evaluate(SEARCH, [server, lang, word, {council_facet: name}])
    assert only["results"] and {_slug(r["url"]) for r in only["results"]} == {slug}
    for result in only["results"]:
        assert result["title"].endswith(name) or name in result["title"], result  # the result names its council
    region = region_of(site.portal.councils[slug])
    by_region = page.evaluate(SEARCH, [server, lang, word, {region_facet: region.name(lang)}])
    assert by_region["results"]
    assert {region_of(site.portal.councils[_slug(r["url"])]).id for r in by_region["results"]} == {region.id}
    year = page.evaluate(SEARCH, [server, lang, word, {council_facet: name,
                                                       {"kk": "Жыл", "ru": "Год"}[lang]: "2025"}])
    assert year["results"] and len(year["results"]) < len(only["results"])


# --------------------------------------------------------------------- feeds a reader can follow


def _feed(site: Site, rel: str):
    parsed = feedparser.parse((site.out / rel).read_bytes())
    assert not parsed.bozo, (rel, parsed.get("bozo_exception"))
    return parsed


def test_each_council_has_a_feed_per_type(site: Site):
    council = site.portal.councils["council-002"]
    for name, kind in (("meetings", "meeting"), ("hearings", "hearing"), ("reports", "report")):
        feed = _feed(site, f"ru/councils/council-002/{name}.atom.xml")
        assert feed.feed.title.startswith(council.name("ru") + ": ")
        assert feed.entries and all("/councils/council-002/" in e.id for e in feed.entries)
        assert {e.tags[0].term for e in feed.entries} == {kind}
        rss = _feed(site, f"kk/councils/council-002/{name}.rss.xml")
        assert rss.version == "rss20" and rss.entries


def test_answers_are_entries_of_their_own(site: Site):
    for where in ("ru/feeds/answers.atom.xml", "ru/councils/council-003/answers.atom.xml"):
        feed = _feed(site, where)
        ids = [e.id for e in feed.entries]
        answers = [e for e in feed.entries if e.id.endswith("#response")]
        assert answers and len(ids) == len(set(ids))
        for answer in answers:
            assert answer.title.startswith("Ответ: ")
            if "/councils/council-003/answers" in where:  # the recommendation is an entry too, beside its answer
                assert answer.id[:-len("#response")] in ids
    kk = _feed(site, "kk/feeds/answers.atom.xml")
    assert kk.feed.title.endswith(": ұсынымдар мен жауаптар")


def test_portal_wide_titles_name_the_council(site: Site):
    feed = _feed(site, "ru/feeds/meetings.atom.xml")
    for entry in feed.entries:
        slug = _slug(entry.id)
        assert entry.title.endswith(" — " + site.portal.councils[slug].name("ru")), entry.title
    own = _feed(site, "ru/councils/council-001/meetings.atom.xml")
    assert not any(e.title.endswith(" — " + site.portal.councils["council-001"].name("ru")) for e in own.entries)


def test_feeds_name_the_websub_hub(site: Site):
    for rel in ("kk/feeds/all.atom.xml", "ru/councils/council-004/answers.atom.xml"):
        feed = _feed(site, rel)
        assert any(link.rel == "hub" and link.href == HUB for link in feed.feed.links), rel
    rss = (site.out / "ru" / "feeds" / "all.rss.xml").read_text(encoding="utf-8")
    assert f'<atom:link href="{HUB}" rel="hub"/>' in rss
    assert _feed(site, "ru/feeds/all.rss.xml").version == "rss20"
    written = json.dumps(sorted(p.name for p in (site.out / "ru" / "councils" / "council-004").glob("*.xml")))
    assert "answers.atom.xml" in written and "meetings.rss.xml" in written
