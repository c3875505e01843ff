"""What search costs: Pagefind's memory per shard at build time, and the bytes one query downloads.

Usage: python benchmarks/search_bench.py [COUNCILS] [SHARD_PAGES]   (default: 60 councils, the build's budget)
       python benchmarks/search_bench.py --site SITE                  (a site already built)
Builds a synthetic portal, re-indexes it in shards of at most SHARD_PAGES pages
(printing each shard's pages and peak memory), then, in each edition, searches a
word of a meeting in Debian's Chromium and sums the response sizes of everything
fetched under /pagefind and the search box's proxy (the UI script included,
listed apart), and what they were (the shards' page lists, index chunks, result
fragments, WebAssembly, scripts): from the meeting's council page, which searches
that council's shard, then widened to the whole edition, and from the edition's
home page, which searches it all; each whole-edition search then asks for its
facets, as a reader does with the button that stands in for them. Then the
home page's search again for eight words of the same meeting spread over its
vocabulary, with their median and range: what a query downloads depends on
its five results' fragments (a fragment holds its page's text). The pages are served
as a static host serves them (GitHub Pages, Netlify, nginx with gzip on):
text (scripts, styles, JSON) compressed, Pagefind's index files as they are
(already compressed). Each figure is what came over the wire, with the
uncompressed size beside it.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.server
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from ashyq.synthetic import write_portal
from ashyq.validate import check_portal
from ashyq.write.build import build_site
from ashyq.write.search import index_site, shard_pages
from ashyq.write.search_twins import page_twins

TODAY = dt.date(2026, 11, 21)
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
UI = re.compile(r"/pagefind/pagefind-ui\.(js|css)$")
SPREAD = 8  # words searched from each home page, for the spread of what a query downloads
SEARCH = re.compile(r"/pagefind/|/pagefind-box/")  # Pagefind's files, and the box's proxy of its module
TEXT = (".html", ".js", ".css", ".json", ".svg")  # what a static host compresses


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Files as a static host serves them: text gzipped when the browser accepts it (GitHub Pages does),
    the rest (Pagefind's index files and WebAssembly are gzip data already) as they are."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if not (path.suffix in TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class PeakSampler(threading.Thread):
    """Peak memory (VmHWM) of each Pagefind run (``pagefind --service``, one a shard), read from /proc every
    20 ms, by process."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[int, int] = {}  # pid -> KB
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.02):
            for proc in Path("/proc").glob("[0-9]*"):
                try:
                    args = (proc / "cmdline").read_bytes().split(b"\0")
                    if b"--service" not in args or not args[0].endswith(b"pagefind"):
                        continue
                    status = (proc / "status").read_text()
                except (OSError, IndexError):
                    continue
                hwm = re.search(r"VmHWM:\s+(\d+)", status)
                if hwm:
                    self.peaks[int(proc.name)] = max(self.peaks.get(int(proc.name), 0), int(hwm.group(1)))


Fetched = list[tuple[str, int, int]]  # (URL, bytes over the wire, bytes uncompressed) of each response


def _sizes(fetched: Fetched) -> tuple[int, int, int, int, int]:
    """``(index bytes, UI bytes, requests, index bytes uncompressed, UI bytes uncompressed)`` of the search's
    responses."""
    ui = [(wire, full) for url, wire, full in fetched if UI.search(url.split("?")[0])]
    return (sum(w for _u, w, _f in fetched) - sum(w for w, _f in ui), sum(w for w, _f in ui), len(fetched),
            sum(f for _u, _w, f in fetched) - sum(f for _w, f in ui), sum(f for _w, f in ui))


def query_bytes(site: Path, start: str, word: str) -> list[tuple[str, Fetched]]:
    """What searching ``word`` from ``start`` fetches for the search, phase by phase: the search as the page
    starts it (a council's page searches its council), then, where the page offers it, the same search
    widened to the whole edition, and then, where the box holds the facets, what asking for them fetches."""
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}/"
    fetched: Fetched = []
    phases: list[tuple[str, Fetched]] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page()

            pending = [0, time.monotonic()]  # requests under way, when the last one began or ended

            def began(_request) -> None:
                pending[0] += 1
                pending[1] = time.monotonic()

            def ended(_request) -> None:
                pending[0] -= 1
                pending[1] = time.monotonic()

            def done(request) -> None:
                ended(request)
                if SEARCH.search(request.url):
                    response = request.response()
                    full = len(response.body()) if response else 0
                    fetched.append((request.url, request.sizes()["responseBodySize"], full))

            def phase(name: str) -> None:
                """The phase's requests, once none has begun or ended for a second. (Playwright's
                "networkidle" is a state the page reaches once, and its events come only while it is
                waited on.)"""
                while pending[0] > 0 or time.monotonic() - pending[1] < 1.0:
                    page.wait_for_timeout(100)
                phases.append((name, fetched[sum(len(f) for _n, f in phases):]))

            page.on("request", began)
            page.on("requestfinished", done)
            page.on("requestfailed", ended)
            page.goto(server + start, wait_until="networkidle")
            page.locator("#ashyq-search-ui .pagefind-ui__search-input").fill(word)
            page.locator("#ashyq-search-ui .pagefind-ui__result").first.wait_for(state="visible", timeout=30_000)
            phase("the search")
            message = page.locator("#ashyq-search-ui .pagefind-ui__message")
            widen = page.locator(".ashyq-search__scope input[value=portal]")
            if widen.count():
                before = message.inner_text()
                widen.check()
                # The whole edition's count, not the council's again nor Pagefind's "searching" message.
                for _ in range(600):
                    now = message.inner_text() if message.count() else ""
                    if now != before and re.search(r"\d", now):
                        break
                    page.wait_for_timeout(100)
                phase("widened to the whole edition")
            facets = page.locator("#ashyq-search-ui .ashyq-search__facets")
            if facets.count() and facets.is_visible():
                facets.click()
                page.locator("#ashyq-search-ui .pagefind-ui__filter-panel").wait_for(state="visible",
                                                                                    timeout=60_000)
                phase("its facets, asked for")
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return phases


KINDS = (("page lists", re.compile(r"\.pf_meta$")), ("chunks", re.compile(r"\.pf_index$")),
         ("fragments", re.compile(r"\.pf_fragment$")), ("filters", re.compile(r"\.pf_filter$")),
         ("WebAssembly", re.compile(r"/wasm\.[\w-]+\.pagefind$")), ("scripts", re.compile(r"\.(js|css|json)$")))


def _kinds(fetched: Fetched) -> str:
    """What the responses were, over the wire: "page lists 92 KB, chunks 61 KB, …" (the UI's script among
    the scripts)."""
    sums: dict[str, int] = {}
    for url, wire, _full in fetched:
        path = url.split("?")[0]
        kind = next((name for name, pattern in KINDS if pattern.search(path)), "other")
        sums[kind] = sums.get(kind, 0) + wire
    return ", ".join(f"{name} {sums[name] / 1024:.0f} KB" for name, _p in (*KINDS, ("other", None)) if name in sums)


def report(site: Path, start: str, word: str) -> None:
    for name, fetched in query_bytes(site, start, word):
        index, ui, requests, index_full, ui_full = _sizes(fetched)
        print(f"  {word!r} from {start}, {name}: {index / 1024:.0f} KB in {requests} requests "
              f"({index_full / 1024:.0f} KB uncompressed)"
              + (f", + {ui / 1024:.0f} KB of Pagefind's UI script and style ({ui_full / 1024:.0f} KB)" if ui else "")
              + f"; {(index + ui) / 1024:.0f} KB in all: {_kinds(fetched)}")


def _meeting_words(site: Path, lang: str) -> tuple[list[str], Path]:
    """The words of eight letters or more of a meeting's article in the ``lang`` edition (as Pagefind reads it),
    sorted, and its page."""
    meeting = next((site / lang / "councils").glob("*/meetings/*/index.html"))
    # what Pagefind reads of the page (its twin): not the parts it ignores
    ((_rel, twin),) = page_twins(site, (f"{meeting.parent.relative_to(site).as_posix()}/*.html",))
    text = re.sub(r"<[^>]+>", " ", twin.decode("utf-8").split("<article", 1)[1])
    # Cyrillic words only: the Latin ones are an attribute's or a script's, not the reader's text
    return sorted({w.lower() for w in re.findall(r"[^\W\d_]{8,}", text) if not w.isascii()}), meeting


def a_word(site: Path, lang: str = "kk") -> tuple[str, str]:
    """A word of a meeting in the ``lang`` edition, and the page of its council to search it from."""
    words, meeting = _meeting_words(site, lang)
    return words[len(words) // 2], meeting.relative_to(site).parent.parent.parent.as_posix() + "/"


def spread(site: Path, lang: str, count: int = SPREAD) -> None:
    """What a search from the edition's home page downloads, its UI included, for ``count`` words of the same
    meeting spread over its vocabulary: the results' fragments, and so the bytes, differ from word to word."""
    words, _meeting = _meeting_words(site, lang)
    picked = sorted({words[(i * len(words)) // count] for i in range(count)})
    sizes = []
    for word in picked:
        index, ui, _requests, _full, _ui_full = _sizes(query_bytes(site, f"{lang}/", word)[0][1])
        sizes.append((index + ui) / 1024)
        print(f"  {word!r} from {lang}/: {sizes[-1]:.0f} KB in all")
    print(f"  {lang}/, {len(sizes)} words: median {statistics.median(sizes):.0f} KB, "
          f"from {min(sizes):.0f} to {max(sizes):.0f} KB")


def main(councils: int, limit: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_portal(Path(tmp) / "portal", councils=councils, today=TODAY)
        site = Path(tmp) / "site"
        build_site(check_portal(root, TODAY), site)
        shutil.rmtree(site / "pagefind")
        sampler = PeakSampler()
        sampler.start()
        started = time.perf_counter()
        shards = index_site(site, ["kk", "ru"], limit)
        wall = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
        print(f"{councils} councils, shards of at most {limit} pages: {len(shards)} shards in {wall:.1f} s (2 at a time)")
        for shard in shards:
            print(f"  {shard.name:>6} {shard.pages:>6} pages")
        peaks = sorted(sampler.peaks.values())
        if peaks:
            print(f"  Pagefind's peak memory: {peaks[-1] / 1024:.0f} MB for the largest of {len(peaks)} runs, "
                  f"{statistics.median(peaks) / 1024:.0f} MB the median")
        measure(site)


def measure(site: Path) -> None:
    """In each edition, one search from a council's page (and widened), and the same from the home page."""
    for lang in ("kk", "ru"):
        word, start = a_word(site, lang)
        report(site, start, word)
        report(site, f"{lang}/", word)
        spread(site, lang)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--site":
        measure(Path(sys.argv[2]))  # a site already built, e.g. a national one
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 60, int(sys.argv[2]) if len(sys.argv) > 2 else shard_pages())
