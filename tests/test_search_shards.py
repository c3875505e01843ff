"""The search index in shards: one set per language, the article only (the search box that merges them:
``test_search_box.py``).

The sample portal is built with a small shard budget (``tests/shardkit.py``) so that each edition is split
into several shards, as a national portal is.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ashyq.write.search import plan_shards
from buildkit import LANGS, Site, tree_digest
from shardkit import SHARD_PAGES, build_sharded, manifest, shard_of


def test_each_language_has_its_own_shards(sharded: Site):
    from ashyq.write import search

    shards = {k: v for k, v in manifest(sharded).items() if k != search.COUNCILS}
    assert sorted(shards) == sorted(LANGS)
    for lang in LANGS:
        assert shards[lang][0] == lang and len(shards[lang]) >= 2, shards
        counts = []
        for name in shards[lang]:
            entry = json.loads((sharded.out / "pagefind" / name / "pagefind-entry.json").read_text(encoding="utf-8"))
            assert list(entry["languages"]) == [lang], (name, entry)
            counts.append(entry["languages"][lang]["page_count"])
        indexed = [p for p in sharded.pages(lang) if "data-pagefind-body" in p.read_text(encoding="utf-8")
                   and not search.UNINDEXED.fullmatch(str(p.parent.relative_to(sharded.out / lang)))]
        assert sum(counts) == len(indexed), (counts, len(indexed))
        assert len(indexed) < len(list(sharded.pages(lang)))  # the member pages are left out
    for name in ("pagefind-ui.js", "pagefind-ui.css"):
        assert (sharded.out / "pagefind" / name).is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_the_portals_lists_are_not_indexed(sharded: Site, lang: str):
    """The calendar's months, the councils' list, the overdue responses and the compliance overview list what
    the records' and councils' own pages hold: none is in the index; the home and rules pages are."""
    edition = sharded.out / lang
    months = sorted((edition / "calendar").glob("*/index.html"))
    lists = [*months, edition / "councils/index.html", edition / "overdue/index.html", edition / "compliance/index.html"]
    assert months and all(page.is_file() for page in lists)
    assert [str(p.relative_to(edition)) for p in lists if "data-pagefind-body" in p.read_text(encoding="utf-8")] == []
    for page in ("index.html", "rules/index.html", "councils/" + min(shard_of(sharded, lang)) + "/index.html"):
        assert "data-pagefind-body" in (edition / page).read_text(encoding="utf-8"), page


@pytest.mark.parametrize("lang", LANGS)
def test_a_councils_sections_are_not_indexed_but_its_composition(sharded: Site, lang: str):
    """A council's sections list its records (or findings), one line each, which the records' own pages hold:
    none is in the index, but the members' page, which holds their biographies (their own pages are left
    out). A section keeps its search hooks: its search box searches its council."""
    folder = sharded.out / lang / "councils" / min(shard_of(sharded, lang))
    sections = {page.parent.name: page.read_text(encoding="utf-8") for page in folder.glob("*/index.html")}
    assert {"members", "meetings", "recommendations", "compliance"} <= set(sections)
    assert {name for name, text in sections.items() if "data-pagefind-body" in text} == {"members"}
    assert all('data-ashyq-council="' in text for text in sections.values())
    assert all("data-pagefind-body" in page.read_text(encoding="utf-8") for page in folder.glob("meetings/*/index.html"))


def test_two_builds_give_identical_search_files(sharded: Site, tmp_path: Path):
    again = build_sharded(tmp_path / "site")
    first = {k: v for k, v in tree_digest(sharded.out).items() if k.startswith("pagefind/")}
    second = {k: v for k, v in tree_digest(again.out).items() if k.startswith("pagefind/")}
    assert first and first == second


def test_indexing_the_pages_twins_gives_the_index_of_the_whole_pages(sharded: Site, tmp_path: Path):
    # Pagefind is given each page's html tag, title and article (write/search_twins.py): the index it writes
    # must be the one it writes from the whole pages, byte for byte.
    import shutil

    from ashyq.write import search

    def whole_pages(site: Path, patterns: tuple[str, ...], skip):
        rels = {str(p.relative_to(site)) for pattern in patterns for p in site.glob(pattern)
                if not skip.fullmatch(str(p.parent.relative_to(site)).partition("/")[2])}
        return ((rel, (site / rel).read_bytes()) for rel in sorted(rels))

    copy = tmp_path / "site"
    shutil.copytree(sharded.out, copy, ignore=shutil.ignore_patterns("pagefind"))
    original = search.page_twins
    try:
        search.page_twins = whole_pages
        search.index_site(copy, LANGS, SHARD_PAGES)
    finally:
        search.page_twins = original
    expected = {k: v for k, v in tree_digest(sharded.out).items() if k.startswith("pagefind/")}
    assert expected == {k: v for k, v in tree_digest(copy).items() if k.startswith("pagefind/")}


def test_the_service_indexes_each_page_as_the_pagefind_command_does(sharded: Site, tmp_path: Path):
    # The pages go to Pagefind's service mode (write/pagefind_service.py) with the URL Pagefind's command
    # line would give them: each page's fragment (its URL, title, text, anchors and filters) is the same.
    # Only the page numbers may differ: the command numbers pages in the order the disk lists them; and the
    # fragments' names, which ashyq shortens (write/pagefind_ids.py).
    import subprocess
    import sys

    from ashyq.write import search

    shard = manifest(sharded)["ru"][-1]
    plan = {s.name: s for s in plan_shards(sharded.out, LANGS, SHARD_PAGES)}[shard]
    out = tmp_path / "cli"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(sharded.out), "--glob", plan.glob,
                    "--output-path", str(out), "--silent"], check=True)
    fragments = {_fragment_url(p): p.read_bytes() for p in (sharded.out / "pagefind" / shard / "fragment").iterdir()}
    # The command is not told of the folders left out of the index (member pages): their fragments are extra.
    assert fragments and fragments == {_fragment_url(p): p.read_bytes() for p in (out / "fragment").iterdir()
                                       if not search.UNINDEXED.fullmatch(_fragment_url(p).strip("/").partition("/")[2])}


def _fragment_url(path: Path) -> str:
    import gzip

    return json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]


def test_the_folders_left_out_of_the_index_are_the_member_pages_only(tmp_path: Path):
    from ashyq.write.search import UNINDEXED, _html_counts, tally
    from ashyq.write.search_twins import folders, pages

    written = ["kk/index.html", "kk/councils/a/index.html", "kk/councils/a/members/index.html",
               "kk/councils/a/members/pak/index.html", "kk/councils/a/meetings/m1/index.html"]
    for rel in written:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    assert _html_counts(tmp_path / "kk") == (1, {"a": 3})  # the plan counts what is indexed
    assert tally([rel[3:] for rel in written], UNINDEXED) == (1, {"a": 3})  # a build's list of pages, likewise
    assert sorted(pages(tmp_path, "kk/councils/a/**/*.html", UNINDEXED)) == [
        "kk/councils/a/index.html", "kk/councils/a/meetings/m1/index.html", "kk/councils/a/members/index.html"]

    assert UNINDEXED.fullmatch("councils/almaty/members/pak")
    for other in ("councils/almaty/members", "councils/almaty/members/pak/x", "kk/councils/a/members/pak",
                  "councils/a/meetings/members", "councils/a/b/members/c", "councils/a.b/members/c.d/"):
        assert not UNINDEXED.fullmatch(other), other
    assert folders(["a*c/d"]).fullmatch("abbc/d") and not folders(["a*c/d"]).fullmatch("ab/c/d")
    assert not folders([]).fullmatch("")


@pytest.mark.parametrize("lang", LANGS)
def test_the_plan_counts_from_the_builds_list_of_pages_what_a_walk_of_the_edition_counts(sharded: Site, lang: str):
    """A build plans its shards from its own list of pages, not by walking the editions it wrote (2 s at
    national size): the same councils' counts; MkDocs' own 404 page is the only page the list does not name."""
    from ashyq.render.sitepages import collect_pages
    from ashyq.write.search import UNINDEXED, _html_counts, tally

    portal = sharded.portal
    listed = collect_pages(portal.councils.values(), lang, sharded.root / "content", [b.id for b in portal.bodies])
    outside, councils = tally((p.dest_uri for p in listed if p.dest_uri.endswith(".html")), UNINDEXED)
    assert _html_counts(sharded.out / lang) == (outside + 1, councils)
    assert (sharded.out / lang / "404.html").is_file()


def test_the_index_does_not_depend_on_the_file_system(sharded: Site, tmp_path: Path):
    # Pagefind's command line numbers pages in the order its walk lists the folder, which is the file
    # system's (ext4 lists by a hash of the names, tmpfs otherwise): the same pages gave another index on
    # another disk. The service is given the pages in path order (write/search_twins.py: page_twins).
    import shutil
    import tempfile

    from ashyq.write import search

    others = [Path(d) for d in ("/dev/shm", tempfile.gettempdir()) if Path(d).is_dir()
              and os.stat(d).st_dev != os.stat(sharded.out).st_dev]
    base = others[0] if others else tmp_path  # CI and this project's machines have a tmpfs /dev/shm
    with tempfile.TemporaryDirectory(dir=base) as elsewhere:
        copy = Path(elsewhere) / "site"
        shutil.copytree(sharded.out, copy, ignore=shutil.ignore_patterns("pagefind"))
        search.index_site(copy, LANGS, SHARD_PAGES)
        again = {k: v for k, v in tree_digest(copy).items() if k.startswith("pagefind/")}
    assert again == {k: v for k, v in tree_digest(sharded.out).items() if k.startswith("pagefind/")}


def test_a_search_indexer_that_stops_is_a_build_error_not_a_hang(monkeypatch):
    from ashyq.write import pagefind_service
    from ashyq.write.failsafe import BuildError

    monkeypatch.setattr(pagefind_service, "get_executable", lambda: Path("/bin/false"))
    pages = ((f"ru/p{i}/index.html", b"<html lang='ru'><body data-pagefind-body>x</body></html>")
             for i in range(2000))
    with pytest.raises(BuildError, match=r"pagefind \(ru\)"):
        pagefind_service.index_pages("ru", pages)


def test_a_twin_keeps_an_article_inside_the_article_and_copies_an_unmarked_page():
    from ashyq.write.search_twins import _slice

    page = (b'<!doctype html>\n<html lang="ru" class="no-js"><head><title>T &amp; t</title><script>x</script>'
            b'</head><body><nav>chrome</nav><article class="md-content__inner" data-pagefind-body><h1>H</h1>'
            b"<article><p>inner</p></article><p>after</p></article><footer>f</footer></body></html>")
    twin = _slice(page)
    assert twin is not None
    assert b'<html lang="ru" class="no-js">' in twin and b"<title>T &amp; t</title>" in twin
    assert b"<p>after</p></article></body>" in twin and b"chrome" not in twin and b"<footer>" not in twin
    assert _slice(page.replace(b" data-pagefind-body", b"")) is None


def test_a_twin_leaves_out_what_pagefind_skips_and_keeps_what_it_still_reads():
    from ashyq.write.search_twins import _unignored

    article = (b'<h2 id="x">T<a href="#x" class="headerlink" data-pagefind-ignore>&para;</a></h2><p>kept</p>'
               b'<div data-pagefind-ignore><div><h2 id="v">Votes<a data-pagefind-ignore>&para;</a></h2></div></div>'
               b'<DIV data-pagefind-ignore="index">gone</div>'
               b'<div data-pagefind-ignore><span data-pagefind-filter="year">2026</span></div>'
               b'<div data-pagefind-ignore="all"><span data-pagefind-meta="m">gone too</span></div>'
               b'<p title="a data-pagefind-ignore b">hostile alt text is not an attribute</p>'
               b'<section class="x" id=y data-pagefind-ignore="all">gone</section>'
               b'<img data-pagefind-ignore src="p.png"><p data-pagefind-ignore>no end')
    assert _unignored(article) == (
        b'<h2 id="x">T</h2><p>kept</p><div data-pagefind-ignore><span data-pagefind-filter="year">2026</span></div>'
        b'<p title="a data-pagefind-ignore b">hostile alt text is not an attribute</p>'
        b'<img data-pagefind-ignore src="p.png"><p data-pagefind-ignore>no end')


def test_a_shards_pages_are_the_files_its_glob_takes(tmp_path: Path):
    """The shard's pages are found by one walk (search_twins.pages), not by glob: the same files, hidden names
    left out as glob leaves them out; a folder whose name ends in .html is no page (glob would yield it)."""
    import glob

    from ashyq.write.search_twins import pages

    for rel in ["kk/index.html", "kk/.hidden.html", "kk/notes.txt", "kk/councils/index.html",
                "kk/councils/a/index.html", "kk/councils/a/m/1/index.html", "kk/councils/a/.git/x.html",
                "kk/councils/a/m/.cache/y.html", "kk/councils/a/m/2/page.HTML", "kk/councils/b-2/x/index.html",
                "kk/rules/r/index.html", "kk/folder.html/index.html", "ru/index.html"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    patterns = ["kk/*.html", "kk/councils/*.html", "kk/councils/a/**/*.html", "kk/councils/b-2/**/*.html",
                "kk/rules/**/*.html", "kk/missing/**/*.html", "kk/folder.html/**/*.html"]
    for pattern in patterns:
        expected = {rel for rel in glob.iglob(pattern, root_dir=tmp_path, recursive=True)
                    if (tmp_path / rel).is_file()}
        assert set(pages(tmp_path, pattern)) == expected, pattern
        assert len(list(pages(tmp_path, pattern))) == len(expected)
    assert "kk/folder.html" in set(glob.iglob("kk/*.html", root_dir=tmp_path))
    assert "kk/folder.html" not in set(pages(tmp_path, "kk/*.html"))
    with pytest.raises(ValueError):
        list(pages(tmp_path, "kk/*/index.html"))


_TAG_SOUP = st.lists(st.sampled_from([
    b"<div", b"<p", b"<DIV", b"<img", b"</div>", b"</p>", b">", b"/>", b" ", b"\n", b"=", b'"', b"'", b"<", b"a",
    b" data-pagefind-ignore", b' data-pagefind-ignore="all"', b"data-pagefind-ignore", b' data-pagefind-filter="y"',
    b' title="x"', b" id=y", b" class='c d'", b"`", b"/", b"\xd3\x99"]), max_size=40).map(b"".join)


@settings(max_examples=1500 if not os.environ.get("CI") else 500, deadline=None)
@given(_TAG_SOUP)
def test_the_ignored_tags_are_found_as_without_the_atomic_groups(soup: bytes):
    """search_twins reads each attribute before ``data-pagefind-ignore`` as an atomic group (no backtracking
    into it): the same tags are found, at the same places, as by the pattern written without them."""
    from ashyq.write import search_twins

    plain = re.compile(search_twins._IGNORED.pattern.replace(b"(?>", b"(?:"))
    assert b"(?>" in search_twins._IGNORED.pattern
    assert ([m.span() + m.groups() for m in search_twins._IGNORED.finditer(soup)]
            == [m.span() + m.groups() for m in plain.finditer(soup)])


@pytest.mark.parametrize("lang", LANGS)
def test_the_manifest_tells_each_council_its_shard(sharded: Site, lang: str):
    """The search box finds a council's shard as the last one whose first council sorts at or before it."""
    indexed_in = shard_of(sharded, lang)
    starts = manifest(sharded)["councils"][lang]
    assert [slug for slug, _name in starts] == sorted(slug for slug, _name in starts)
    assert len({name for _slug, name in starts}) == len(starts) == len(set(indexed_in.values())) >= 3, starts
    for slug, shard in indexed_in.items():
        assert [name for first, name in starts if first <= slug][-1] == shard, slug


@pytest.mark.parametrize(("kept", "held", "one_at_a_time"),
                         [(9, 9, False), (10, 10, False), (8, 8, True), (0, 0, True), (10, 0, True), (10, None, True)])
def test_pagefind_runs_two_at_a_time_beside_a_light_side_lane(tmp_path: Path, monkeypatch, kept: int,
                                                             held: int | None, one_at_a_time: bool):
    """Beside the side lane Pagefind runs one shard at a time (its memory), unless the side lane is light: the
    build keeps nearly every council (``LIGHT_SIDE_LANE``) and the shelf holds their shares of the portal's
    files (after an upgrade of ashyq it holds none: 10, 0), so the side lane only joins what it keeps. No
    shelf (None): nothing is kept for it."""
    from types import SimpleNamespace

    from ashyq.write import build as build_mod

    seen = {}
    monkeypatch.setattr(build_mod, "index_site",
                        lambda site, langs, reuse, busy, counts, twins: seen.update(busy=busy()) or [])
    slugs = [f"c{i}" for i in range(10)]
    on_shelf = set(slugs[:held or 0])
    monkeypatch.setattr(build_mod, "EarlierData", lambda build: SimpleNamespace(holds=on_shelf.__contains__))
    build = SimpleNamespace(site=tmp_path, ctx=SimpleNamespace(langs=("kk",), portal=SimpleNamespace(
        councils=dict.fromkeys(slugs))), kept=frozenset(slugs[:kept]), side_running=lambda: True,
        cache=SimpleNamespace(save=lambda site: None), shelf=None if held is None else object(), old=None)
    build.light = lambda: build_mod.Build.light(build)
    build_mod.search_index(build)
    assert seen["busy"] is one_at_a_time


def test_a_page_without_the_marker_is_left_out_once_another_has_it(tmp_path: Path):
    """Pagefind leaves out the pages without ``data-pagefind-body`` once one page has it (the index of the
    whole pages is the same: test above), so they are not handed over (the portal's lists are megabytes it
    would parse for nothing); with no marker anywhere every page is given whole, as Pagefind would index it."""
    from ashyq.write.search_twins import page_twins

    marked = b'<html lang="kk"><head><title>A</title></head><body><article data-pagefind-body>A</article></body></html>'
    plain = b'<html lang="kk"><head><title>B</title></head><body><main>' + b"x" * 1000 + b"</main></body></html>"
    for rel, page in (("kk/a/index.html", marked), ("kk/b/index.html", plain), ("kk/c/index.html", plain)):
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_bytes(page)
    assert [rel for rel, _ in page_twins(tmp_path, ("kk/**/*.html",))] == ["kk/a/index.html"]
    assert list(page_twins(tmp_path, ("kk/b/*.html", "kk/c/*.html"))) == [("kk/b/index.html", plain),
                                                                          ("kk/c/index.html", plain)]
