"""The fast path (record and section pages poured into shells, render/chrome.py) against MkDocs for every page.

The sample portal is built twice: with the default engine and with
``ASHYQ_ENGINE=mkdocs``, the reference where every page goes through MkDocs and
Material. So is a portal of more councils than the menu lists (the sample's
and synthetic ones): there the councils' own pages are fast pages too, with
their feeds in the head. Every page of both editions is then compared structurally — ``lang``,
``<title>``, canonical URL, hreflang alternates, meta tags (CSP included),
landmarks, navigation links and the active item, the skip link, the table of
contents, headings, every link of the article, scripts and stylesheets — and
then as a whole (tags, attributes and text with whitespace squashed). Every
difference is listed at once.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from buildkit import TODAY, Site, build_ok, once, sample_is_there, sample_root, sample_site

from ashyq.render.chrome import FEED, FEED_TITLE, Shell, mkdocs_url
from ashyq.render.sitepages import NAV_COUNCILS_LIMIT

LANDMARKS = {"header", "nav", "main", "footer", "article", "aside"}


class Structure(HTMLParser):
    """What a reader and a crawler see of a page, by aspect."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.aspects: dict[str, list] = {k: [] for k in (
            "lang", "title", "canonical", "alternates", "meta", "landmarks", "nav", "skip", "toc", "headings",
            "article links", "scripts", "styles", "document")}
        self._stack: list[str] = []
        self._in_title = False
        self._heading: list | None = None
        self._article = 0
        self._toc = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        cls = a.get("class") or ""
        self.aspects["document"].append((tag, sorted(attrs, key=lambda kv: kv[0])))
        if tag == "html":
            self.aspects["lang"].append(a.get("lang"))
        elif tag == "title":
            self._in_title = True
        elif tag == "link":
            rel = a.get("rel")
            if rel == "canonical":
                self.aspects["canonical"].append(a.get("href"))
            elif rel == "alternate":
                self.aspects["alternates"].append((a.get("hreflang"), a.get("type"), a.get("title"), a.get("href")))
            elif rel == "stylesheet":
                self.aspects["styles"].append(a.get("href"))
        elif tag == "meta":
            self.aspects["meta"].append(sorted(attrs, key=lambda kv: kv[0]))
        elif tag == "script":
            self.aspects["scripts"].append((a.get("src"), a.get("type"), a.get("id")))
        if tag in LANDMARKS:
            self.aspects["landmarks"].append((tag, a.get("class"), a.get("aria-label"), a.get("id")))
        if tag == "nav" and "md-nav--secondary" in cls:
            self._toc = len(self._stack) + 1
        if tag == "a":
            if "md-skip" in cls:
                self.aspects["skip"].append(a.get("href"))
            elif self._toc:
                self.aspects["toc"].append(a.get("href"))
            elif "nav" in self._stack:
                self.aspects["nav"].append((a.get("href"), cls, a.get("aria-current")))
            if self._article:
                self.aspects["article links"].append(a.get("href"))
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = [tag, a.get("id"), ""]
        if tag == "article":
            self._article += 1
        if tag == "li" and "--active" in cls:
            self.aspects["nav"].append(("active", cls))
        if tag not in {"meta", "link", "br", "img", "input", "hr", "source", "wbr"}:
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "article":
            self._article -= 1
        if self._heading and tag == self._heading[0]:
            self.aspects["headings"].append((self._heading[0], self._heading[1], " ".join(self._heading[2].split())))
            self._heading = None
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass
        if self._toc and len(self._stack) < self._toc:
            self._toc = 0
        self.aspects["document"].append(("/", tag))

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.aspects["title"].append(data)
        if self._heading:
            self._heading[2] += data
        text = " ".join(data.split())
        if text:
            self.aspects["document"].append(text)


def structure(path: Path) -> dict[str, list]:
    parser = Structure()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.aspects


def differences(a: Path, b: Path) -> list[str]:
    sa, sb = structure(a), structure(b)
    out = []
    for aspect in sa:
        if sa[aspect] != sb[aspect]:
            first = next((i for i, (x, y) in enumerate(zip(sa[aspect], sb[aspect])) if x != y),
                         min(len(sa[aspect]), len(sb[aspect])))
            out.append(f"{aspect}: {sa[aspect][first:first + 2]!r} != {sb[aspect][first:first + 2]!r}")
    return out


@pytest.fixture(scope="module")
def fast(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return sample_site(tmp_path_factory)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Site:
    def make(folder: Path) -> Site:
        root = sample_root()
        assert sample_is_there(root)
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("ASHYQ_ENGINE", "mkdocs")
            proc = build_ok(root, folder / "site")
        return Site(root, folder / "site", proc.stdout)
    return once(tmp_path_factory, "sample-mkdocs", make)


def many_councils(root: Path) -> Path:
    """The sample portal and enough synthetic councils (two of them with meetings) that the menu no longer
    lists the councils."""
    import datetime as dt
    import shutil

    from ashyq.synthetic import council_files, write_yaml

    sample = sample_root()
    shutil.copytree(sample / "councils", root / "councils")
    shutil.copytree(sample / "content", root / "content")
    for name in ("site_config.yml", "bodies.yml"):
        shutil.copyfile(sample / name, root / name)
    extra = NAV_COUNCILS_LIMIT + 1 - len(list((root / "councils").iterdir()))
    for index in range(extra):
        for rel, (data, body) in council_files(f"extra-{index + 1:03d}", index, (2026, 2026),
                                               dt.date.fromisoformat(TODAY)).items():
            if rel in ("council.yml", "members.yml") or (rel.startswith("meetings/") and index < 2):
                write_yaml(root / "councils" / f"extra-{index + 1:03d}" / rel, data, body)
    return root


def _many(tmp_path_factory: pytest.TempPathFactory, engine: str) -> Site:
    def make(folder: Path) -> Site:
        root = many_councils(folder / "portal")
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("ASHYQ_ENGINE", engine)
            proc = build_ok(root, folder / "site")
        return Site(root, folder / "site", proc.stdout)
    return once(tmp_path_factory, f"many-councils-{engine}", make)


@pytest.fixture(scope="module")
def fast_many(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _many(tmp_path_factory, "fast")


@pytest.fixture(scope="module")
def reference_many(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _many(tmp_path_factory, "mkdocs")


def pages(site: Site) -> set[str]:
    return {p.relative_to(site.out).as_posix() for p in site.out.rglob("*.html")
            if not p.relative_to(site.out).as_posix().startswith("pagefind/")}


def test_fast_path_is_the_default(fast: Site, reference: Site) -> None:
    assert "fast pages" in fast.stdout
    assert "fast pages" not in reference.stdout or "fast pages 0.0 s" in reference.stdout


def test_same_pages_and_files(fast: Site, reference: Site) -> None:
    files = lambda site: {p.relative_to(site.out).as_posix() for p in site.out.rglob("*")  # noqa: E731
                          if p.is_file() and not p.relative_to(site.out).as_posix().startswith("pagefind/")}
    assert files(fast) == files(reference)
    assert not [p for p in files(fast) if "ashyq-shell" in p]


def compare(fast: Site, reference: Site) -> dict[str, int]:
    """How many pages of each kind were compared; fails listing every difference."""
    kinds = {"record": 0, "section": 0, "council": 0, "other": 0}
    report = []
    for rel in sorted(pages(reference)):
        parts = rel.split("/")
        depth = len(parts) if parts[1:2] == ["councils"] else 0
        kind = {6: "record", 5: "section", 4: "council"}.get(depth, "other")
        kinds[kind] += 1
        found = differences(reference.out / rel, fast.out / rel)
        report += [f"{rel}: {d}" for d in found]
    assert not report, "\n".join(report[:60])
    return kinds


def test_every_page_is_structurally_the_same(fast: Site, reference: Site) -> None:
    kinds = compare(fast, reference)
    assert kinds["record"] > 20 and kinds["section"] > 20, kinds


def test_councils_pages_outside_the_menu_are_fast_and_the_same(fast_many: Site, reference_many: Site) -> None:
    """Past the menu's limit a council's page is a fast page: MkDocs renders no council page, and every
    page, the councils' feeds in their heads included, is what MkDocs would make."""
    councils = len(list((fast_many.root / "councils").iterdir()))
    assert councils > NAV_COUNCILS_LIMIT
    kinds = compare(fast_many, reference_many)
    assert kinds["council"] == 2 * councils and kinds["record"] > 20, kinds
    page = (fast_many.out / "ru" / "councils" / "extra-001" / "index.html").read_text(encoding="utf-8")
    assert page.count('type="application/atom+xml"') == 2 and "ru/councils/extra-001/all.rss.xml" in page
    assert "ashyq-shell" not in page and "ASHYQSHELL" not in page
    files = lambda site: {p.relative_to(site.out).as_posix() for p in site.out.rglob("*")  # noqa: E731
                          if p.is_file() and not p.relative_to(site.out).as_posix().startswith("pagefind/")}
    assert files(fast_many) == files(reference_many)


def test_a_large_portal_s_compliance_overview_is_split_by_region(fast_many: Site) -> None:
    """Past the menu's limit the overview sums each region's findings and links to the region's page, which
    lists that region's councils, as the overview listed every council: each council on exactly one page,
    with its row linking to its compliance card; both editions, and no English."""
    import re

    from ashyq.render.regional import BY_REGION_ABOVE, parts

    councils = list(fast_many.portal.councils.values())
    assert len(councils) > BY_REGION_ABOVE
    for lang, title in (("kk", "Талаптардың сақталуы"), ("ru", "Соблюдение требований")):
        overview = (fast_many.out / lang / "compliance" / "index.html").read_text(encoding="utf-8")
        article = overview[overview.index("<article"):overview.index("</article>")]
        linked = re.findall(r'<a href="([^"]+)/">', article)
        expected = [part.slug for part in parts(councils, lang)]
        assert linked == expected and "councils/" not in article  # regions only, in the index's order
        seen: list[str] = []
        for slug in expected:
            page = (fast_many.out / lang / "compliance" / slug / "index.html").read_text(encoding="utf-8")
            body = page[page.index("<article"):page.index("</article>")]
            assert f"<h1" in body and title in body and 'href="../"' in body
            rows = re.findall(r'href="../../councils/([^/]+)/compliance/"', body)
            seen += sorted(set(rows))
            assert "Compliance" not in body and "All regions" not in body
        assert sorted(seen) == sorted(c.slug for c in councils)  # each council on one page


def test_a_shell_takes_any_number_of_feeds() -> None:
    head = (f'<title>ASHYQSHELLTITLE</title>\n    <link rel="alternate" type="application/atom+xml" '
            f'title="{FEED_TITLE}" href="{FEED}">\n')
    body = ('<a href="#ashyqshelltitle" class="md-skip">s</a><nav class="md-nav md-nav--secondary" aria-label="T">'
            '<label class="md-nav__title" for="__toc">T</label></nav><h1 id="ashyqshelltitle">ASHYQSHELLTITLE</h1>'
            '<p>ASHYQSHELLCONTENT</p>')
    shell = Shell.parse(head + body, "x/")
    feed = {"href": "https://example.kz/kk/a&b.xml", "title": 'A "b"</title><script>x</script>',
            "type": "application/rss+xml"}
    assert '<link' not in shell.fill("T", "x/", [], "", [])
    two = shell.fill("T", "x/", [], "", [feed, feed])
    assert two.count('<link rel="alternate" type="application/rss+xml" title="A &#34;b&#34;&lt;/title&gt;'
                     '&lt;script&gt;x&lt;/script&gt;" href="https://example.kz/kk/a&amp;b.xml">') == 2
    assert "<script>" not in two


def test_a_menu_page_s_shell_holds_its_table_of_contents_twice_or_not_at_all() -> None:
    """A page of the menu has a shell of its own: Material's nav-item.html gives its active item a label that
    opens the table of contents, and the table itself, only when the page has headings below its title."""
    contents = ('<nav class="md-nav md-nav--secondary" aria-label="T"><label class="md-nav__title" for="__toc">T'
                '</label><ul><li><a href="#ashyqshelltoc">ASHYQSHELLTOC</a></li></ul></nav>')
    body = ('<a href="#ashyqshelltitle" class="md-skip">s</a><ul><li class="md-nav__item md-nav__item--active">'
            '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
            '<label class="md-nav__link md-nav__link--active" for="__toc">Күнтізбе</label>'
            f'<a href="./" class="md-nav__link md-nav__link--active">Күнтізбе</a>{contents}</li></ul>{contents}'
            '<h1 id="ashyqshelltitle">ASHYQSHELLTITLE</h1><p>ASHYQSHELLCONTENT</p>')
    shell = Shell.parse("<title>Күнтізбе</title>" + body, "calendar/")
    flat = shell.fill("Күнтізбе", "calendar/", [{"level": 1, "id": "k", "name": "K", "children": []}], "<p>x</p>")
    assert 'for="__toc">Күнтізбе</label>' not in flat and flat.count("md-nav--secondary") == 1
    toc = [{"level": 1, "id": "k", "name": "K", "children": [{"level": 2, "id": "a", "name": "A", "children": []}]}]
    deep = shell.fill("Күнтізбе", "calendar/", toc, "<p>x</p>")
    assert deep.count('for="__toc">Күнтізбе</label>') == 1 and deep.count('href="#a"') == 2


def test_toc_nests_like_material() -> None:
    shell = Shell(("<p>", "T", "</p>"), '<nav class="md-nav md-nav--secondary" aria-label="TOC">',
                  '<label class="md-nav__title" for="__toc">TOC</label>', '<a href="#\x00" class="md-skip">s</a>')
    toc = [{"level": 1, "id": "t", "name": "T", "children": [
        {"level": 2, "id": "a", "name": "A &amp; <em>b</em>", "children": [
            {"level": 3, "id": "c", "name": "C", "children": []}]}]}]
    html = shell.toc(toc)
    assert html.count('<li class="md-nav__item">') == 2
    assert '<nav class="md-nav" aria-label="A &amp; b">' in html
    assert shell.toc([{"level": 1, "id": "t", "name": "T", "children": []}]).count("<ul") == 0


def test_mkdocs_urls() -> None:
    assert mkdocs_url("index.html") == "./"
    assert mkdocs_url("councils/x/meetings/3/index.html") == "councils/x/meetings/3/"
