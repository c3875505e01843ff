"""The search box over the index's shards, in Debian's ``/usr/bin/chromium`` (skipped without it): a council's
page searches its council in its own shard and widens to the whole edition in the same box; the chrome is not
indexed; the facets count every shard.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from buildkit import LANGS, Site, council_words, parse, search_links, search_results, squash
from shardkit import WORD, manifest, shard_of

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    slow = ""  # requests whose path holds this are answered a second late (a slow network)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass

    def do_GET(self) -> None:
        if self.slow and self.slow in self.path:
            time.sleep(1)
        super().do_GET()


@pytest.fixture(scope="module")
def page(sharded: Site):
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is missing")
    sync_api = pytest.importorskip("playwright.sync_api")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(sharded.out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            context = browser.new_context(service_workers="block")
            context.set_default_timeout(20_000)
            # Nothing leaves the machine: absolute links to the portal's base URL are not needed here.
            context.route(re.compile(r"^(?!" + re.escape(server) + ")(https?:)"), lambda route: route.abort())
            tab = context.new_page()
            tab.server = server  # type: ignore[attr-defined]
            yield tab
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


def api_search(tab, site: Site, lang: str, word: str, chosen: dict[str, list[str]] | None = None
               ) -> tuple[list[tuple[str, str]], dict[tuple[str, str], int]]:
    """What Pagefind's own API finds for ``word`` over every shard of ``lang``, every filter loaded (and the
    filters ``chosen``): ``(url, excerpt)`` of each page, and (filter, value) -> how many of them have it. On a
    page of its own: the module is one per page, a search box's would be shared."""
    page = tab.context.new_page()
    try:
        page.goto(tab.server + f"{lang}/", wait_until="load")
        bundles = [f"/pagefind/{name}/" for name in manifest(site)[lang]]
        pages, facets = page.evaluate("""async ([bundles, word, chosen]) => {
            const pf = await import(bundles[0] + "pagefind.js");
            await pf.options({bundlePath: bundles[0]});
            for (const b of bundles.slice(1)) await pf.mergeIndex(b);
            await pf.filters();
            const found = await pf.search(word, {filters: chosen});
            const pages = await Promise.all(found.results.map(async r => {
                const d = await r.data();
                return [d.url, d.excerpt];
            }));
            return [pages, found.filters];
        }""", [bundles, word, chosen or {}])
    finally:
        page.close()
    return ([tuple(hit) for hit in pages],
            {(name, value): n for name, values in facets.items() for value, n in values.items() if n})


def page_counts(site: Site, lang: str) -> Counter[str]:
    """How many of the edition's articles each word (six letters or more, lower case) is in."""
    counts: Counter[str] = Counter()
    for file in site.pages(lang):
        counts.update({w.lower() for w in WORD.findall(site.parsed(file).article)})
    return counts


def test_the_chrome_is_not_indexed(page, sharded: Site):
    """A word of the header, navigation or footer that no article contains finds nothing."""
    article_words = set(page_counts(sharded, "kk"))
    home = sharded.page("kk/")
    chrome = sorted({w.lower() for w in WORD.findall(home.text)} - article_words)
    # Pagefind matches word prefixes: keep words that start no article word.
    chrome = [w for w in chrome if not any(a.startswith(w) for a in article_words)]
    assert chrome, "no word of the page chrome is absent from every article"
    # Pagefind also matches parts of a Kazakh word it cannot segment: what counts is that the word itself
    # is never a hit (were the chrome indexed, every page would be one).
    for word in chrome[:5]:
        hits = [url for url, excerpt in api_search(page, sharded, "kk", word)[0] if f"<mark>{word}" in excerpt.lower()]
        assert hits == [], (word, hits[:5])
    # The same search does find an article word, in any shard.
    word = min(article_words, key=lambda w: (-len(w), w))
    assert any(f"<mark>{word}" in excerpt.lower() for _url, excerpt in api_search(page, sharded, "kk", word)[0])


@pytest.mark.parametrize("lang", LANGS)
def test_a_council_page_searches_its_council_in_its_own_shard(page, sharded: Site, lang: str):
    """One council shard downloaded: a national edition's search would fetch every shard's page list and
    filters (1.3 MB at 1,350 councils) for each query from any council's page."""
    indexed_in = shard_of(sharded, lang)
    words = council_words(sharded, lang)
    # A council and a word its pages share with another council's (in another shard here: that the council's
    # filter keeps a shard's other councils out is tested on the unsharded sample, test_browser.py).
    council, word = min((c, w) for c in indexed_in for other in indexed_in if other != c
                        for w in words.get(c, set()) & words.get(other, set()))
    fetched: list[str] = []

    def seen(request) -> None:
        found = re.search(r"/pagefind/([^/]+)/", request.url)
        if found:
            fetched.append(found.group(1))
    page.on("requestfinished", seen)
    try:
        page.goto(page.server + sharded.council_path(lang, council), wait_until="networkidle")
        links = search_links(page, word)
    finally:
        page.remove_listener("requestfinished", seen)
    assert links and all(link.startswith(f"/{lang}/councils/{council}/") for link in links), (word, links[:5])
    # Its shard, and the edition's first one for Pagefind's script (one address on every page of the edition).
    assert set(fetched) == {indexed_in[council], manifest(sharded)[lang][0]}, sorted(set(fetched))
    assert page.locator(".ashyq-search__scope input[value=council]").is_checked()
    found = _count(page)
    # The edition's home page has one place to search: all of it.
    page.goto(page.server + f"{lang}/", wait_until="networkidle")
    search_links(page, word)
    assert _count(page) > found
    assert page.locator(".ashyq-search__scope").count() == 0


def _count(page) -> int:
    """The number of pages found, from the search box's message."""
    return int(re.search(r"\d+", page.locator("#ashyq-search-ui .pagefind-ui__message").inner_text()).group())


# Counts the web workers the page makes and ends, from here on (Pagefind starts its worker at the first search).
COUNT_WORKERS = """() => {
    const Made = window.Worker, seen = window.ashyqWorkers = {made: 0, ended: 0};
    window.Worker = class extends Made {
        constructor(...args) { super(...args); seen.made++; }
        terminate() { seen.ended++; return super.terminate(); }
    };
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_a_council_page_finds_a_meeting_in_another_shard(page, sharded: Site, lang: str):
    from playwright.sync_api import expect

    indexed_in = shard_of(sharded, lang)
    start = min(indexed_in)
    counts = page_counts(sharded, lang)
    candidates = [(counts[w], w, m.id, m) for m in sharded.records("meetings")
                  if indexed_in.get(m.council) != indexed_in[start]
                  for w in {w.lower() for w in WORD.findall(m.body.get(lang, ""))} if counts[w]]
    assert candidates, f"no {lang} meeting outside the shard of {start}"
    _count, word, _id, meeting = min(candidates, key=lambda c: c[:3])
    target = sharded.record_path(lang, meeting)
    page.goto(page.server + sharded.council_path(lang, start), wait_until="load")
    page.evaluate(COUNT_WORKERS)
    assert not any(link.startswith("/" + target) for link in search_links(page, word))  # this council's first
    page.locator(".ashyq-search__scope input[value=portal]").check()
    assert page.evaluate("document.activeElement.value") == "portal"  # focus stays on the choice
    results = search_results(page, word, target)  # the same search, widened: the box keeps the words
    # Narrowed again and widened again, the same words: the council's pages only, then the other shard's too.
    page.locator(".ashyq-search__scope input[value=council]").check()
    expect(results).to_have_count(0)
    assert all(link.startswith(f"/{lang}/councils/{start}/") for link in search_links(page, word))
    page.locator(".ashyq-search__scope input[value=portal]").check()
    results.first.wait_for(state="visible")
    # The whole edition's facets wait for the reader to ask (their filters are most of what a query of a
    # national edition downloads); asked, they count every shard.
    expect(page.locator("#ashyq-search-ui .pagefind-ui__filter-panel")).to_be_hidden()
    widened = show_facets(page)
    # One search worker for the page's life: a box made again for each scope had its worker terminated under
    # the new box's first requests, which then waited for ever at "searching…".
    assert page.evaluate("window.ashyqWorkers") == {"made": 1, "ended": 0}
    with page.expect_navigation(wait_until="load"):
        results.first.click()
    assert page.url.endswith("/" + target)
    assert squash(parse(page.content()).article).lower().count(word) >= 1
    # The facets count every shard's pages: Pagefind counts a facet only in the shards whose filters it
    # loaded. Both as Pagefind's API counts them, every filter loaded.
    truth = api_search(page, sharded, lang, word)[1]
    assert counted(widened) == truth and truth


@pytest.mark.parametrize("lang", LANGS)
def test_a_search_of_the_whole_edition_downloads_its_facets_only_when_asked(page, sharded: Site, lang: str):
    """The edition's home page searches every shard; their filters (a national edition's: 310 KB in 100
    requests, a third of a query) come when the reader asks for the facets, not before, even on a slow
    network, and the facets then count every shard's pages."""
    counts = page_counts(sharded, lang)
    word = min(counts, key=lambda w: (-counts[w], w))  # on the most pages
    truth = api_search(page, sharded, lang, word)[1]
    context = page.context.browser.new_context(service_workers="block")  # nothing cached
    tab = context.new_page()
    filters: list[str] = []
    tab.on("request", lambda request: filters.append(request.url) if "/filter/" in request.url else None)
    _Quiet.slow = "/filter/"
    try:
        tab.goto(page.server + f"{lang}/", wait_until="load")
        assert search_links(tab, word)
        # Playwright's "networkidle" is reached once, at the page's start: a second lets any late request in.
        tab.wait_for_timeout(1000)
        assert filters == [] and len(manifest(sharded)[lang]) > 2
        assert tab.locator("#ashyq-search-ui .pagefind-ui__filter-panel").count() == 0
        # The button that stands in for the facets is as accessible as the rest of the box.
        from axe_playwright_python.sync_playwright import Axe
        violations = Axe().run(tab).response["violations"]
        assert not [v["id"] for v in violations if v.get("impact") in ("serious", "critical")], violations
        shown = show_facets(tab)
        assert counted(shown) == truth and truth
        with_filters = {name for name in manifest(sharded)[lang]
                        if any((sharded.out / "pagefind" / name / "filter").glob("*.pf_filter"))}
        assert {re.search(r"/pagefind/([^/]+)/", url).group(1) for url in filters} == with_filters
        assert len(with_filters) > 2
        # The focus moved into the facets, whose button is gone; they stay for the page's life.
        assert tab.evaluate("document.activeElement.matches('.pagefind-ui__filter-name')")
        assert tab.locator(".ashyq-search__facets").is_hidden()
    finally:
        _Quiet.slow = ""
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_councils_first_search_counts_its_facets_once_every_filter_has_come(page, sharded: Site, lang: str):
    """A council's page searches two shards and shows their facets at once; Pagefind's box loads their
    filters without waiting for them, so a first search could count the shards whose filters had come (on
    the sharded sample's home page, 2 pages of a year that has 6): once they all have, the box counts again
    and searches again where a count differs. Slowed down by a second, the counts are the API's."""
    council = min(shard_of(sharded, lang))
    words = council_words(sharded, lang)[council]
    context = page.context.browser.new_context(service_workers="block")  # nothing cached
    tab = context.new_page()
    _Quiet.slow = "/filter/"
    try:
        tab.goto(page.server + sharded.council_path(lang, council), wait_until="load")
        key, value = tab.evaluate("""() => {
            const mark = document.querySelector(".ashyq-pagefind-hooks [data-ashyq-council]");
            const text = (html) => { const a = document.createElement("textarea"); a.innerHTML = html; return a.value; };
            return [text(mark.getAttribute("data-pagefind-filter")), text(mark.textContent)];
        }""")
        counts = page_counts(sharded, lang)
        word = min(words, key=lambda w: (-counts[w], w))  # on the most pages
        assert search_links(tab, word)
        tab.locator("#ashyq-search-ui[data-ashyq-facets=counted]").wait_for(state="attached", timeout=20_000)
        search_links(tab, word)
        truth = api_search(page, sharded, lang, word, {key: [value]})[1]
        assert counted(facets(tab)) == truth and truth
    finally:
        _Quiet.slow = ""
        context.close()


def show_facets(page) -> list[tuple[str, list[tuple[str, int]]]]:
    """Ask for the facets of a search that holds them, as a reader does; the facets the box then shows."""
    button = page.locator("#ashyq-search-ui .ashyq-search__facets")
    button.click()
    page.locator("#ashyq-search-ui .pagefind-ui__filter-panel").wait_for(state="visible", timeout=20_000)
    page.wait_for_function("() => !document.querySelector('#ashyq-search-ui').hasAttribute('data-ashyq-facets-held')"
                           " && document.activeElement.matches('#ashyq-search-ui .pagefind-ui__filter-name')")
    return facets(page)


def counted(shown: list[tuple[str, list[tuple[str, int]]]]) -> dict[tuple[str, str], int]:
    return {(name, value): n for name, values in shown for value, n in values if n}


def facets(page) -> list[tuple[str, list[tuple[str, int]]]]:
    """The search box's facets: each filter's name with its values and their counts."""
    blocks = page.evaluate("""() => [...document.querySelectorAll('#ashyq-search-ui .pagefind-ui__filter-block')]
        .map(b => [b.querySelector('legend, summary').textContent.trim(),
                   [...b.querySelectorAll('.pagefind-ui__filter-value')].map(v => v.textContent.trim())])""")
    return [(name, [(value, int(n)) for value, n in (re.fullmatch(r"(.*\S)\s*\((\d+)\)", v).groups()
                                                    for v in values)]) for name, values in blocks]
