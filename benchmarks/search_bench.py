"""What search costs: Pagefind's memory per shard at build time, and the bytes one query downloads.

Usage: python benchmarks/search_bench.py [COUNCILS] [SHARD_PAGES]   (default: 60 councils, 8000)
       python benchmarks/search_bench.py --site SITE                  (a site already built)
Builds a synthetic portal, re-indexes it in shards of at most SHARD_PAGES pages
(printing each shard's pages and peak memory), then searches a Kazakh word of
a meeting in Debian's Chromium and sums the response sizes of everything
fetched under /pagefind (the UI script included, listed apart): from the
meeting's council page, which searches that council's shard, then widened to
the whole edition, and from the edition's home page, which searches it all.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from ashyq.synthetic import write_portal
from ashyq.validate import check_portal
from ashyq.write.build import build_site
from ashyq.write.search import index_site

TODAY = dt.date(2026, 11, 21)
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
UI = re.compile(r"/pagefind/pagefind-ui\.(js|css)$")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass


class PeakSampler(threading.Thread):
    """Peak memory (VmHWM) of each Pagefind run, read from /proc every 20 ms, by output folder."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[str, int] = {}  # shard -> KB
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.02):
            for proc in Path("/proc").glob("[0-9]*"):
                try:
                    args = (proc / "cmdline").read_bytes().split(b"\0")
                    if b"--output-path" not in args:
                        continue
                    shard = args[args.index(b"--output-path") + 1].decode().rstrip("/").rsplit("/", 1)[-1]
                    status = (proc / "status").read_text()
                except (OSError, IndexError):
                    continue
                hwm = re.search(r"VmHWM:\s+(\d+)", status)
                if hwm:
                    self.peaks[shard] = max(self.peaks.get(shard, 0), int(hwm.group(1)))


def _sizes(sizes: list[tuple[str, int]]) -> tuple[int, int, int]:
    """``(index bytes, UI bytes, requests)`` of responses under /pagefind."""
    ui = sum(n for url, n in sizes if UI.search(url.split("?")[0]))
    return sum(n for _url, n in sizes) - ui, ui, len(sizes)


def query_bytes(site: Path, start: str, word: str) -> tuple[tuple[int, int, int], tuple[int, int, int] | None]:
    """What searching ``word`` from ``start`` fetches under /pagefind, as ``(index bytes, UI bytes, requests)``:
    the search as the page starts it (a council's page searches its council), then, where the page offers
    it, what widening the same search to the whole edition fetches on top (None elsewhere)."""
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}/"
    sizes: list[tuple[str, int]] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page()

            def done(request) -> None:
                if "/pagefind/" in request.url:
                    sizes.append((request.url, request.sizes()["responseBodySize"]))
            page.on("requestfinished", done)
            page.goto(server + start, wait_until="networkidle")
            page.locator("#ashyq-search-ui .pagefind-ui__search-input").fill(word)
            page.locator("#ashyq-search-ui .pagefind-ui__result").first.wait_for(state="visible", timeout=30_000)
            page.wait_for_load_state("networkidle")
            first = _sizes(sizes)
            message = page.locator("#ashyq-search-ui .pagefind-ui__message")
            widen = page.locator(".ashyq-search__scope input[value=portal]")
            wider = None
            if widen.count():
                seen, before = len(sizes), message.inner_text()
                widen.check()
                # The whole edition's count, not the council's again nor Pagefind's "searching" message.
                for _ in range(600):
                    now = message.inner_text() if message.count() else ""
                    if now != before and re.search(r"\d", now):
                        break
                    page.wait_for_timeout(100)
                page.wait_for_load_state("networkidle")
                wider = _sizes(sizes[seen:])
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return first, wider


def report(site: Path, start: str, word: str) -> None:
    (index, ui, requests), wider = query_bytes(site, start, word)
    print(f"  query {word!r} from {start}: {index / 1024:.0f} KB of index in {requests} requests "
          f"(+ {ui / 1024:.0f} KB Pagefind UI script and style)")
    if wider:
        print(f"    widened to the whole edition: {wider[0] / 1024:.0f} KB more in {wider[2]} requests")


def a_word(site: Path) -> tuple[str, str]:
    """A Kazakh word of a meeting, and the page of its council to search it from."""
    meeting = next((site / "kk" / "councils").glob("*/meetings/*/index.html"))
    text = re.sub(r"<[^>]+>", " ", meeting.read_text(encoding="utf-8").split("<article", 1)[1])
    words = sorted({w.lower() for w in re.findall(r"[^\W\d_]{8,}", text)})
    return words[len(words) // 2], meeting.relative_to(site).parent.parent.parent.as_posix() + "/"


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
            print(f"  {shard.name:>6} {shard.pages:>6} pages  peak {sampler.peaks.get(shard.name, 0) / 1024:>6.0f} MB")
        measure(site)


def measure(site: Path) -> None:
    """One search from a council's page (and widened), and the same from the edition's home page."""
    word, start = a_word(site)
    report(site, start, word)
    report(site, "kk/", word)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--site":
        measure(Path(sys.argv[2]))  # a site already built, e.g. a national one
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 60, int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
