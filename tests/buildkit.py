"""Shared helpers for the build tests: build a portal once, read the output back.

``test_build``, ``test_links`` and ``test_browser`` all look at the same build
of the sample portal (the repository's own ``councils/``, ``site_config.yml``
and ``content/``, judged as of 2026-11-21). Building takes seconds, so each
build is made once per test session and cached here: a fixture defined in a
plain module and imported into several test files would otherwise build once
per file.

Everything runs the real command (``python -m ashyq.cli build``) in a child
process, into the test session's temporary folders; nothing is written into
the repository.

``ASHYQ_SAMPLE_ROOT`` points the tests at another portal folder (for example
a synthetic one while the sample is being edited); by default they use the
repository itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from ashyq.load.tree import load_portal
from ashyq.models import Portal, Record

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-21"
LANGS = ("kk", "ru")
RECORD_FOLDERS = ("plans", "meetings", "recommendations", "hearings", "reports", "monitoring", "expertise",
                  "report-hearings", "consultations")
PORTAL_INPUTS = ("site_config.yml", "bodies.yml", "councils", "content")
HOSTILE = '<script>alert(1)</script> & "quotes"'
# The same, closing the <title> element first (the page title is the one place a browser would run it).
HOSTILE_BREAKOUT = '</title><script>alert(4)</script> & "quotes"'
# Raw HTML the safety check lets through (it blocks scripts and handlers in bodies): shown as text, not markup.
HOSTILE_BODY = '<div class="injected"><u>raw</u></div>'


def sample_root() -> Path:
    """The portal the tests build: the repository's sample, unless ``ASHYQ_SAMPLE_ROOT`` says otherwise."""
    override = os.environ.get("ASHYQ_SAMPLE_ROOT")
    return Path(override).resolve() if override else REPO


# --- running the command ------------------------------------------------------------------


def run_ashyq(*args: str | Path, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """``python -m ashyq.cli ARGS`` in a child process, as CI runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "ashyq.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", env=env, timeout=timeout)


def build(root: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_ashyq("build", root, "--out", out, "--today", TODAY, *extra)


def build_ok(root: Path, out: Path) -> subprocess.CompletedProcess:
    proc = build(root, out)
    assert proc.returncode == 0, f"ashyq build {root} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def check_json(root: Path) -> dict[str, Any]:
    proc = run_ashyq("check", root, "--format", "json", "--today", TODAY)
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def copy_portal(src: Path, dst: Path) -> Path:
    """The portal's inputs only (no ``.git``, no previous output)."""
    dst.mkdir(parents=True, exist_ok=True)
    for name in PORTAL_INPUTS:
        source = src / name
        if source.is_dir():
            shutil.copytree(source, dst / name)
        elif source.is_file():
            shutil.copy2(source, dst / name)
    return dst


def in_git_checkout(path: Path) -> bool:
    try:
        proc = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=path, capture_output=True,
                              text=True)
    except OSError:
        return False
    return proc.returncode == 0 and proc.stdout.strip() == "true"


def tree_digest(root: Path) -> dict[str, str]:
    """``relative path -> sha256`` of every file under ``root``."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def digest_diff(a: dict[str, str], b: dict[str, str], limit: int = 40) -> str:
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    lines = [f"only in first: {p}" for p in only_a] + [f"only in second: {p}" for p in only_b] + \
            [f"differs: {p}" for p in changed]
    more = f"\n… and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


# --- reading the output ------------------------------------------------------------------


class PageParser(HTMLParser):
    """What the tests read from a page: links, ids, head links, the switcher and the text."""

    LINK_ATTRS = {"href", "src"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_lang: str | None = None
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()
        self.head_links: list[dict[str, str]] = []
        self.switcher: list[dict[str, str]] = []
        self.scripts: list[str] = []  # text of inline <script> elements
        self.title = ""
        self._in: list[str] = []
        self._script: list[str] | None = None
        self._text: list[str] = []
        self._article_depth = 0
        self._article: list[str] = []
        self._skip_text = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html_lang = a.get("lang")
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.ids.add(a[key])
        for key in self.LINK_ATTRS:
            if key in a:
                self.links.append((tag, key, a[key]))
        if tag == "link":
            self.head_links.append(a)
        if tag == "a" and "ashyq-lang__link" in a.get("class", "").split():
            self.switcher.append(a)
        if tag == "script":
            self._script = []
        if tag in ("script", "style"):
            self._skip_text += 1
        if tag == "article":
            self._article_depth += 1
        if tag not in VOID:
            self._in.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None
        if tag in ("script", "style"):
            self._skip_text = max(0, self._skip_text - 1)
        if tag == "article":
            self._article_depth = max(0, self._article_depth - 1)
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._skip_text:
            return
        if self._in and self._in[-1] == "title":
            self.title += data
        self._text.append(data)
        if self._article_depth:
            self._article.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self._text).split())

    @property
    def article(self) -> str:
        return " ".join(" ".join(self._article).split())

    def alternates(self) -> dict[str, str]:
        return {a["hreflang"]: a.get("href", "") for a in self.head_links
                if a.get("rel") == "alternate" and a.get("hreflang")}

    def canonical(self) -> str | None:
        return next((a.get("href") for a in self.head_links if a.get("rel") == "canonical"), None)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def squash(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Site:
    """A built portal: its output folder, the inputs it came from and the base URL."""

    root: Path  # the portal that was built
    out: Path
    stdout: str = ""
    _pages: dict[str, PageParser] = field(default_factory=dict, repr=False)

    @cached_property
    def portal(self) -> Portal:
        portal, _ = load_portal(self.root)
        assert portal is not None, f"{self.root} does not load"
        return portal

    @cached_property
    def base_url(self) -> str:
        url = self.portal.config.site_url()
        return url if url.endswith("/") else url + "/"

    @cached_property
    def report(self) -> dict[str, Any]:
        return check_json(self.root)

    def compliance_findings(self) -> list[dict[str, Any]]:
        return [f for f in self.report["findings"] if f["kind"] == "compliance"]

    # -- paths and URLs ---------------------------------------------------------------
    @staticmethod
    def record_path(lang: str, record: Record) -> str:
        return f"{lang}/councils/{record.council}/{record.FOLDER}/{record.id}/"

    @staticmethod
    def council_path(lang: str, slug: str, section: str | None = None) -> str:
        return f"{lang}/councils/{slug}/" + (f"{section}/" if section else "")

    def file_of(self, site_path: str) -> Path:
        """The output file of a site path (``kk/councils/x/`` -> ``…/index.html``)."""
        path = self.out / unquote(site_path)
        if site_path == "" or site_path.endswith("/") or path.is_dir():
            path = path / "index.html"
        return path

    def site_path_of(self, file: Path) -> str:
        """The site path a page is served at (``…/x/index.html`` -> ``kk/…/x/``)."""
        rel = file.relative_to(self.out).as_posix()
        return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel

    def url(self, site_path: str) -> str:
        return self.base_url + site_path

    def html_files(self, lang: str | None = None) -> list[Path]:
        base = self.out / lang if lang else self.out
        return sorted(base.rglob("*.html"))

    def pages(self, lang: str) -> list[Path]:
        """Every page of a language edition (the 404 page has no path of its own)."""
        return [p for p in self.html_files(lang) if p.name == "index.html"]

    def html(self, site_path: str) -> str:
        return self.file_of(site_path).read_text(encoding="utf-8")

    def page(self, site_path: str) -> PageParser:
        key = self.file_of(site_path).as_posix()
        if key not in self._pages:
            self._pages[key] = parse(self.file_of(site_path).read_text(encoding="utf-8"))
        return self._pages[key]

    def parsed(self, file: Path) -> PageParser:
        key = file.as_posix()
        if key not in self._pages:
            self._pages[key] = parse(file.read_text(encoding="utf-8"))
        return self._pages[key]

    def records(self, folder: str | None = None) -> list[Record]:
        return [r for r in self.portal.all_records() if folder is None or r.FOLDER == folder]

    def first_record(self, folder: str, predicate=None) -> Record:
        found = [r for r in self.records(folder) if predicate is None or predicate(r)]
        if not found:
            pytest.fail(f"the portal at {self.root.name} has no {folder} record to test with")
        return found[0]

    def local_target(self, source: Path, value: str) -> tuple[str, str] | None:
        """Where a link of page ``source`` points in the output: ``(site path, fragment)``.

        ``None`` for what is not the portal's: other sites, ``mailto:``, ``tel:``,
        ``data:``, ``javascript:``. Links to the base URL map onto the output.
        """
        value = value.strip()
        if not value or value.startswith(("mailto:", "tel:", "data:", "javascript:", "blob:")):
            return None
        page_url = self.url(self.site_path_of(source))
        absolute = urljoin(page_url, value)
        if not absolute.startswith(self.base_url):
            return None
        split = urlsplit(absolute)
        rel = split.path[len(urlsplit(self.base_url).path):]
        return rel, split.fragment


# --- building once per session ------------------------------------------------------------

_LOCK = threading.Lock()
_BUILDS: dict[str, Any] = {}


def shared_dir(tmp_path_factory: pytest.TempPathFactory, key: str) -> Path:
    """A folder of this test run shared by every pytest-xdist worker (one build serves them all)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder = base / f"ashyq-{key}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def once(tmp_path_factory: pytest.TempPathFactory, key: str, make) -> Site:
    """``make(folder)`` run once per test run, across test files and xdist workers.

    ``make`` builds into ``folder`` and returns the :class:`Site`; the other
    workers wait on a file lock and read the same output. A build that failed
    fails every test that needs it, with the build's own messages.
    """
    import fcntl

    with _LOCK:
        if key in _BUILDS:
            state, value = _BUILDS[key]
        else:
            folder = shared_dir(tmp_path_factory, key)
            with open(folder / ".lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                done, failed = folder / ".done.json", folder / ".failed.txt"
                if done.is_file():
                    info = json.loads(done.read_text(encoding="utf-8"))
                    state, value = "ok", Site(Path(info["root"]), Path(info["out"]), info["stdout"])
                elif failed.is_file():
                    state, value = "error", failed.read_text(encoding="utf-8")
                else:
                    try:
                        site = make(folder)
                    except BaseException as exc:
                        state, value = "error", f"{type(exc).__name__}: {exc}"
                        failed.write_text(value, encoding="utf-8")
                    else:
                        state, value = "ok", site
                        done.write_text(json.dumps({"root": str(site.root), "out": str(site.out),
                                                    "stdout": site.stdout}), encoding="utf-8")
            _BUILDS[key] = (state, value)
    if state == "error":
        pytest.fail(f"the {key} build failed:\n{value}", pytrace=False)
    return value


def sample_is_there(root: Path) -> bool:
    councils = root / "councils"
    return (root / "site_config.yml").is_file() and councils.is_dir() and \
        any((c / "council.yml").is_file() for c in councils.iterdir())


def search_fragments(site_dir: Path, lang: str) -> dict[str, str]:
    """What Pagefind indexed of each page of an edition, read from the built index: url -> content."""
    import gzip

    found = {}
    for fragment in (site_dir / "pagefind").glob(f"{lang}*/fragment/*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data["content"]
    return found


def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The sample portal built in place (git dates and all), into a temporary folder."""
    def make(folder: Path) -> Site:
        root = sample_root()
        assert sample_is_there(root), f"no sample portal in {root.name}: site_config.yml and councils/ expected"
        proc = build_ok(root, folder / "site")
        return Site(root, folder / "site", proc.stdout)
    return once(tmp_path_factory, "sample", make)


def small_portal(root: Path) -> Path:
    """A one-council synthetic portal with hostile meeting titles and raw HTML in a protocol (not built)."""
    from ashyq.synthetic import write_portal

    write_portal(root, councils=1, today=dt.date.fromisoformat(TODAY))
    for name, title, body in (("2025-01", HOSTILE, True), ("2025-02", HOSTILE_BREAKOUT, False)):
        meeting = root / "councils" / "council-001" / "meetings" / f"{name}.md"
        text = meeting.read_text(encoding="utf-8")
        assert text.startswith("---\n")
        end = text.index("\n---\n", 3)
        data = yaml.safe_load(text[4:end + 1])
        data["title"] = {"kk": title, "ru": title}
        rest = text[end + 5:]
        if body:
            rest = (f"<!-- lang: kk -->\n## Хаттама\n\n{HOSTILE_BODY}\n\n"
                    f"<!-- lang: ru -->\n## Протокол\n\n{HOSTILE_BODY}\n")
        meeting.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + rest,
                           encoding="utf-8")
    return root


def small_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The small hostile portal, built outside any git checkout."""
    def make(folder: Path) -> Site:
        root = small_portal(folder / "portal")
        proc = build_ok(root, folder / "site")
        return Site(root, folder / "site", proc.stdout)
    return once(tmp_path_factory, "small", make)


def walk_links(site: Site) -> Iterator[tuple[Path, str, str, str]]:
    """Every ``(page file, tag, attribute, value)`` link of every HTML file."""
    for file in site.html_files():
        for tag, attr, value in site.parsed(file).links:
            yield file, tag, attr, value


MARKDOWN_LINK = re.compile(r"\]\([^)\s]*\.md(?:#[^)]*)?\)")


def live_scripts(html: str, marker: str = "alert(") -> list[str]:
    """``<script>`` elements a browser would run that contain ``marker``.

    A browser reads ``<title>`` as text up to the first ``</title>``
    (Python's HTMLParser does not), so that text is dropped first.
    """
    html = re.sub(r"<title>.*?</title>", "", html, flags=re.S | re.I)
    return [m.group(0)[:120] for m in re.finditer(r"<script\b[^>]*>(.*?)</script>", html, re.S | re.I)
            if marker in m.group(1)] + \
        [m.group(0)[:120] for m in re.finditer(r"<[a-z]+\b[^>]*\son[a-z]+\s*=[^>]*>", html, re.I)
         if marker in m.group(0)]


def search_results(page, word: str, target: str):
    """Type ``word`` into the header search box of ``page`` and wait for a result linking to ``target``
    (pressing "more results" while it is not shown yet): the locator of those result links."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.locator("#ashyq-search-ui .pagefind-ui__search-input")
    box.wait_for(state="visible")
    box.fill(word)
    results = page.locator(f"#ashyq-search-ui a[href^='/{target}']")
    for _ in range(5):
        try:
            # A search of the whole edition loads every shard first: 8 s was too short once, with two test
            # workers on two cores.
            results.first.wait_for(state="visible", timeout=20_000)
            break
        except PlaywrightTimeout:
            more = page.locator(".pagefind-ui__button")
            if not (more.count() and more.first.is_visible()):
                raise
            more.first.click()
    return results


_WORD = re.compile(r"[^\W\d_]{6,}")  # a word as the search tests pick them
SEARCHED = re.compile(r"^(?!.*(ізделуде|Поиск по запросу:)).+")


def search_links(page, word: str) -> list[str]:
    """The result links of a search for ``word`` in the header box of ``page``, once Pagefind has answered
    (found or not: not its "searching…" message)."""
    from playwright.sync_api import expect

    page.locator("#ashyq-search-ui .pagefind-ui__search-input").fill(word)
    # Not the "searching" message: «…» ізделуде... (the theme's) or Поиск по запросу: … (Pagefind's own).
    message = page.locator("#ashyq-search-ui .pagefind-ui__message")
    expect(message).to_have_text(SEARCHED)
    # Pagefind writes the count before the results, which wait for their fragments: on a busy machine the
    # list was still empty under «54 результата» (the quoted words may hold digits: left out).
    count = re.sub(r"«[^»]*»", "", message.inner_text())
    if any(digit in "123456789" for digit in count):
        page.locator("#ashyq-search-ui .pagefind-ui__result-link").first.wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    return page.locator("#ashyq-search-ui .pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")


def council_words(site: Site, lang: str) -> dict[str, set[str]]:
    """council slug -> the words (six letters or more, lower case) of its pages' articles in ``lang``."""
    found: dict[str, set[str]] = {}
    for file in site.pages(lang):
        parts = file.relative_to(site.out / lang).parts
        if len(parts) > 2 and parts[0] == "councils":
            found.setdefault(parts[1], set()).update(w.lower() for w in _WORD.findall(site.parsed(file).article))
    return found


@contextlib.contextmanager
def serve_folder(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port for a browser test: yields the base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, name="ashyq-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


_IIN_W1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_IIN_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def with_control(first11: str) -> str:
    """Append the official control digit to 11 digits (IIN and BIN share it)."""
    d = [int(c) for c in first11]
    r = sum(x * w for x, w in zip(d, _IIN_W1)) % 11
    if r == 10:
        r = sum(x * w for x, w in zip(d, _IIN_W2)) % 11
    assert r != 10, f"{first11} has no control digit; pick other digits"
    return first11 + str(r)
