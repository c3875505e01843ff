"""One object per output page: its source, docs path, output path and URL; links and menu from the collection."""

from __future__ import annotations

from pathlib import Path

import pytest

from ashyq.i18n import t
from ashyq.load.tree import load_portal
from ashyq.render import urls
from ashyq.render.sitepages import (NAV_COUNCILS_LIMIT, SitePage, SitePages, collect_pages, dest_of,
                                   navigation, sections)
from ashyq.write import build

ROOT = Path(__file__).resolve().parent.parent  # the sample portal


@pytest.fixture(scope="module")
def portal():
    portal, _ = load_portal(ROOT)
    return portal


@pytest.fixture(scope="module")
def pages(portal) -> SitePages:
    return collect_pages(portal.councils.values(), "kk", ROOT / "content", [b.id for b in portal.bodies])


def served_at(page: SitePage) -> str:
    """The URL a browser finds the output file at, read back from ``dest_uri`` alone."""
    dest = page.dest_uri
    return f"{page.lang}/" + (dest[: -len("index.html")] if dest.endswith("index.html") else dest)


def test_every_kind_of_page_has_its_docs_path_output_path_and_url(portal):
    council = next(c for c in portal.councils.values() if any(True for _ in c.records()))
    record = next(iter(council.records()))
    folder, rid = record.FOLDER, record.id
    cases = [
        (SitePage.for_portal("kk", "home"), "index.md", "index.html", "kk/"),
        (SitePage.for_portal("ru", "calendar"), "calendar/index.md", "calendar/index.html", "ru/calendar/"),
        (SitePage.for_council("kk", council), f"councils/{council.slug}/index.md",
         f"councils/{council.slug}/index.html", f"kk/councils/{council.slug}/"),
        (SitePage.for_section("kk", council, "members"), f"councils/{council.slug}/members/index.md",
         f"councils/{council.slug}/members/index.html", f"kk/councils/{council.slug}/members/"),
        (SitePage.for_record("ru", record), f"councils/{council.slug}/{folder}/{rid}.md",
         f"councils/{council.slug}/{folder}/{rid}/index.html", f"ru/councils/{council.slug}/{folder}/{rid}/"),
        (SitePage.for_content("kk", "guide/fix-check.md", ROOT / "content/kk/guide/fix-check.md"),
         "guide/fix-check.md", "guide/fix-check/index.html", "kk/guide/fix-check/"),
        (SitePage.for_content("kk", "reference/index.md", ROOT / "content/kk/reference/index.md"),
         "reference/index.md", "reference/index.html", "kk/reference/"),
        (SitePage.for_content("kk", "img/logo.png", ROOT / "x.png"), "img/logo.png", "img/logo.png", "kk/img/logo.png"),
    ]
    for page, src, dest, url in cases:
        assert (page.src_uri, page.dest_uri, page.url) == (src, dest, url)
        assert served_at(page) == url
    assert SitePage.for_record("kk", record).url == urls.record("kk", record)  # urls.py stays the one source
    assert SitePage.for_portal("kk", "overdue").abs_url("https://x.kz/p") == "https://x.kz/p/kk/overdue/"
    assert dest_of("about.md") == "about/index.html"


def test_the_collection_holds_every_page_once_with_consistent_paths(portal, pages):
    kinds = {p.kind for p in pages}
    assert kinds == {"portal", "council", "section", "record", "member", "generated", "content"}
    councils = list(portal.councils.values())
    assert len(pages.of_kind("council")) == len(councils)
    # a maslikhat keeps its own record types, a public council the public councils' ones
    assert len(pages.of_kind("section")) == sum(len(sections(c)) for c in councils)
    assert len(sections(portal.councils["almaty-maslikhat"])) != len(sections(portal.councils["minzdrav"]))
    assert len(pages.of_kind("record")) == sum(1 for c in councils for _ in c.records())
    assert "rules/index.md" in pages and pages.by_src["rules/index.md"].kind == "generated"
    assert "guide/index.md" in pages and pages.by_src["guide/index.md"].source is not None
    for page in pages:
        assert page.lang == "kk" and page.url.startswith("kk/")
        assert served_at(page) == page.url, page
        assert (page.template is not None) + (page.source is not None) + (page.generate is not None) == 1, page
    assert len({p.dest_uri for p in pages}) == len(pages)


def test_a_generated_page_wins_over_a_hand_written_file_at_the_same_place(tmp_path):
    (tmp_path / "kk" / "rules").mkdir(parents=True)
    (tmp_path / "kk" / "rules" / "index.md").write_text("# old\n", encoding="utf-8")
    (tmp_path / "kk" / "about.md").write_text("# about\n", encoding="utf-8")
    pages = collect_pages([], "kk", tmp_path)
    assert pages.by_src["rules/index.md"].kind == "generated"
    assert pages.by_src["about.md"].kind == "content"
    assert collect_pages([], "ru", tmp_path).of_kind("content") == []  # no content/ru: nothing hand-written


def test_the_menu_is_read_off_the_collection(portal, pages):
    nav = navigation(pages)
    labels = [next(iter(entry)) for entry in nav]
    assert labels[:5] == [t("kk", k) for k in ("ui.home", "ui.councils", "ui.calendar", "ui.overdue-responses",
                                                "ui.compliance-overview")]
    targets = [v for entry in nav for v in entry.values() if isinstance(v, str)]
    assert all(target in pages for target in targets)
    assert "rules/index.md" in targets and "data.md" in targets and "about.md" not in targets  # no content/kk/about.md
    councils = nav[1][t("kk", "ui.councils")]
    assert len(councils) == 1 + len(portal.councils) <= 1 + NAV_COUNCILS_LIMIT
    bare = navigation(collect_pages(portal.councils.values(), "ru", None))
    assert [v for e in bare for v in e.values() if isinstance(v, str)][-1] == "rules/index.md"


def test_the_menu_drops_the_councils_beyond_the_limit(portal):
    council = next(iter(portal.councils.values()))
    many = SitePages("kk", [SitePage.for_portal("kk", "councils")] +
                     [SitePage("kk", "council", f"councils/c{i}/index.md", f"kk/councils/c{i}/", "council.html.j2",
                               council=council) for i in range(NAV_COUNCILS_LIMIT + 1)])
    assert navigation(many)[1][t("kk", "ui.councils")] == [{t("kk", "ui.all-councils"): "councils/index.md"}]


def test_a_councils_page_is_a_fast_page_once_the_menu_no_longer_lists_it(portal):
    """MkDocs renders a council's page while the menu lists it (its active item); past the limit the fast
    path does (render/chrome.py)."""
    from ashyq.render.chrome import is_fast

    few = collect_pages(portal.councils.values(), "kk", None)
    assert few.of_kind("council") and not any(is_fast(p) for p in few.of_kind("council"))
    council = next(iter(portal.councils.values()))
    many = collect_pages([council] * (NAV_COUNCILS_LIMIT + 1), "kk", None)
    assert all(is_fast(p) for p in many.of_kind("council"))


def test_the_build_is_a_list_of_named_steps_in_order():
    assert [s.name for s in build.STEPS] == ["fingerprints", "indexes", "feeds", "calendars", "data", "latin feeds",
                                             "pages", "docs", "mkdocs", "shells", "reuse", "portal pages", "fast pages",
                                             "root files", "editor", "latin edition", "pagefind", "swap"]
    assert [s.name for s in build.STEPS if s.lane == "side"] == ["feeds", "calendars", "data", "latin feeds"]
    assert [s.name for s in build.STEPS if s.opens] == ["fast pages"]
    assert all(s.run.__doc__ for s in build.STEPS)


def test_the_step_loop_times_each_step_and_names_the_running_one():
    ran: list[str] = []
    stats = build.BuildStats()

    def step(name: str) -> build.Step:
        return build.Step(name, lambda b: ran.append(b.stats.step))

    def broken(b) -> None:
        raise ValueError("x")

    state = build.Build(None, Path("."), Path("."), stats)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        build.run_steps(state, (step("a"), step("b"), build.Step("c", broken), step("d")))
    assert ran == ["a", "b"] and list(stats.seconds) == ["a", "b"] and stats.step == "c"
