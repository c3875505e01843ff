"""``ashyq build`` on the sample portal: every record has its page in both languages, findings are
published, the interface is Kazakh, and the build is deterministic and atomic.

The sample (the repository's ``councils/``, ``site_config.yml`` and ``content/``)
is built once per test run, as of 2026-11-21 (see ``buildkit``). The tests
read the HTML the real command wrote; nothing is mocked.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from babel.dates import format_date

from ashyq.i18n import t
from buildkit import (HOSTILE, HOSTILE_BODY, HOSTILE_BREAKOUT, LANGS, MARKDOWN_LINK, RECORD_FOLDERS, REPO, TODAY,
                      Site, build, build_ok, copy_portal, digest_diff, in_git_checkout, live_scripts, once, parse,
                      run_ashyq, sample_site, small_site, squash, tree_digest)

BABEL = {"kk": "kk_KZ", "ru": "ru_RU"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return sample_site(tmp_path_factory)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return small_site(tmp_path_factory)


def missing(site: Site, paths: list[str]) -> list[str]:
    return [p for p in paths if not site.file_of(p).is_file()]


def section(html: str, heading_id: str) -> str:
    """The HTML from the heading with ``id=heading_id`` to the next heading of its level."""
    match = re.search(rf'<h([1-6])[^>]*\bid="{re.escape(heading_id)}"', html)
    assert match, f'no heading id="{heading_id}"'
    end = re.search(rf"<h[1-{match.group(1)}][\s>]", html[match.end():])
    return html[match.start(): match.end() + end.start() if end else len(html)]


# --- pages ------------------------------------------------------------------------------------


def test_the_sample_has_every_kind_of_record(site: Site):
    kinds = {folder: len(site.records(folder)) for folder in RECORD_FOLDERS}
    assert site.portal.councils, "the sample has no council"
    assert all(kinds[f] for f in ("meetings", "recommendations", "hearings", "reports")), kinds


def test_root_redirects_to_the_kazakh_edition(site: Site):
    html = site.html("")
    assert re.search(r'http-equiv="refresh"[^>]*url=kk/', html), html[:500]
    assert site.file_of("kk/").is_file() and site.file_of("ru/").is_file()
    assert (site.out / "sitemap.xml").is_file()
    assert (site.out / "pagefind").is_dir() and any((site.out / "pagefind").iterdir())


def test_every_council_and_record_has_a_page_in_both_languages(site: Site):
    paths = []
    for lang in LANGS:
        for slug in site.portal.councils:
            paths.append(site.council_path(lang, slug))
            paths += [site.council_path(lang, slug, s) for s in ("members", "compliance", *RECORD_FOLDERS)]
        paths += [site.record_path(lang, r) for r in site.records()]
        paths += [f"{lang}/{name}/" for name in ("councils", "calendar", "overdue", "compliance")]
    absent = missing(site, paths)
    assert not absent, f"{len(absent)} of {len(paths)} pages missing:\n" + "\n".join(absent[:50])


def test_both_editions_have_the_same_pages(site: Site):
    kk = {site.site_path_of(p)[3:] for p in site.pages("kk")}
    ru = {site.site_path_of(p)[3:] for p in site.pages("ru")}
    assert kk == ru, f"only kk: {sorted(kk - ru)[:20]}; only ru: {sorted(ru - kk)[:20]}"


def test_record_pages_show_the_record_in_their_language(site: Site):
    wrong = []
    for record in site.records("meetings"):
        for lang in LANGS:
            title = record.title.get(lang) if record.title else None
            if title and squash(title) not in site.page(site.record_path(lang, record)).article:
                wrong.append(f"{site.record_path(lang, record)}: {title!r}")
    assert not wrong, "\n".join(wrong[:30])


def test_html_lang_is_the_edition_language(site: Site):
    wrong = [f"{p.relative_to(site.out)}: lang={site.parsed(p).html_lang!r}"
             for lang in LANGS for p in site.html_files(lang) if site.parsed(p).html_lang != lang]
    assert not wrong, "\n".join(wrong[:30])


def test_canonical_and_hreflang_alternates_come_from_the_base_url(site: Site):
    problems = []
    for lang in LANGS:
        for file in site.pages(lang):
            path = site.site_path_of(file)
            rest = path[len(lang) + 1:]
            page = site.parsed(file)
            if page.canonical() != site.url(path):
                problems.append(f"{path}: canonical {page.canonical()!r}")
            expected = {code: site.url(f"{code}/{rest}") for code in LANGS}
            expected["x-default"] = site.url(f"kk/{rest}")
            if page.alternates() != expected:
                problems.append(f"{path}: alternates {page.alternates()}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:30])


def test_language_switcher_leads_to_the_same_page_in_the_other_language(site: Site):
    problems = []
    for lang in LANGS:
        for file in site.pages(lang):
            path = site.site_path_of(file)
            rest = path[len(lang) + 1:]
            links = site.parsed(file).switcher
            if sorted(a.get("hreflang") for a in links) != sorted(LANGS):
                problems.append(f"{path}: switcher languages {[a.get('hreflang') for a in links]}")
                continue
            for a in links:
                target = site.local_target(file, a["href"])
                if target is None:
                    problems.append(f"{path}: switcher link {a['href']!r} leaves the portal")
                    continue
                if target[0] != f"{a['hreflang']}/{rest}":
                    problems.append(f"{path}: {a['hreflang']} link goes to {target[0]!r}")
                elif not site.file_of(target[0]).is_file():
                    problems.append(f"{path}: {a['hreflang']} link target {target[0]!r} does not exist")
                current = a["hreflang"] == lang
                if current != (a.get("aria-current") == "page"):
                    problems.append(f"{path}: aria-current wrong on the {a['hreflang']} link")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:30])


def test_sitemap_lists_every_page_of_both_editions(site: Site):
    xml = (site.out / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(re.findall(r"<loc>([^<]+)</loc>", xml))
    pages = {site.url(site.site_path_of(p)) for lang in LANGS for p in site.pages(lang)}
    missing_pages = sorted(pages - locs)
    assert not missing_pages, f"{len(missing_pages)} pages not in sitemap.xml:\n" + "\n".join(missing_pages[:20])
    strays = sorted(loc for loc in locs if not loc.startswith(site.base_url)
                    or not site.file_of(loc[len(site.base_url):]).is_file())
    assert not strays, "sitemap.xml lists missing pages:\n" + "\n".join(strays[:20])


# --- findings ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def findings(site: Site) -> dict[str, list[dict]]:
    """The compliance findings of ``ashyq check --format json``, with messages in each language."""
    out = {}
    for lang in LANGS:
        proc = run_ashyq("check", site.root, "--format", "json", "--today", TODAY, "--lang", lang)
        out[lang] = [f for f in json.loads(proc.stdout)["findings"] if f["kind"] == "compliance"]
    assert [f["rule"] for f in out["kk"]] == [f["rule"] for f in out["ru"]]
    return out


def test_the_sample_has_planted_compliance_findings(findings):
    assert findings["kk"], "the sample portal should carry compliance findings to publish"


def test_every_compliance_finding_is_on_its_record_page(site: Site, findings):
    by_uid = {r.uid: r for r in site.records()}
    problems = []
    for lang in LANGS:
        for f in findings[lang]:
            if not f["record"]:
                continue
            record = by_uid.get(f["record"])
            if record is None:
                problems.append(f"{f['rule']}: record {f['record']} has no page")
                continue
            path = site.record_path(lang, record)
            html = site.html(path)
            if f"<code>{f['rule']}</code>" not in html:
                problems.append(f"{path}: rule id {f['rule']} not shown")
            elif not any(m in site.page(path).article  # the box's heading starts with a capital
                         for m in (squash(f["message"]), squash(f["message"][:1].upper() + f["message"][1:]))):
                problems.append(f"{path}: message of {f['rule']} not shown: {f['message']!r}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:30])


def test_every_compliance_finding_is_on_its_council_compliance_card(site: Site, findings):
    problems = []
    for lang in LANGS:
        for f in findings[lang]:
            if not f["council"]:
                continue
            path = site.council_path(lang, f["council"])
            card = section(site.html(path), "compliance")
            if f"#{f['rule']}" not in card:
                problems.append(f"{path}: compliance card has no link to rule {f['rule']}")
            if squash(f["message"]) not in parse(card).text:
                problems.append(f"{path}: compliance card misses {f['rule']}: {f['message']!r}")
            section_page = site.council_path(lang, f["council"], "compliance")
            if f"<code>{f['rule']}</code>" not in site.html(section_page):
                problems.append(f"{section_page}: rule id {f['rule']} not shown")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:30])


def test_councils_without_findings_say_so(site: Site, findings):
    with_findings = {f["council"] for f in findings["kk"]}
    for slug in site.portal.councils:
        if slug in with_findings:
            continue
        for lang in LANGS:
            card = parse(section(site.html(site.council_path(lang, slug)), "compliance")).text
            assert t(lang, "ui.no-findings") in card, f"{lang}/{slug}: {card!r}"


# --- language ---------------------------------------------------------------------------------


def theme_strings(name: str) -> dict[str, str]:
    """The ``"key": "value"`` pairs of a translation file of the theme (``theme/partials/languages/``)."""
    text = (REPO / "theme" / "partials" / "languages" / name).read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)"', text, re.M))


UI_KEYS = ("action.skip", "header", "nav", "top", "ashyq.a11y.toggle", "ashyq.lang.nav", "ashyq.search.open",
           "ashyq.nav.open")
ENGLISH = ("Skip to content", "Back to top", "Table of contents", "Search", "Navigation", "Header")


def first_page_with_toc(site: Site, lang: str) -> str:
    for record in site.records("meetings"):
        path = site.record_path(lang, record)
        if 'class="md-nav md-nav--secondary"' in site.html(path):
            return path
    pytest.fail("no meeting page has a table of contents")


@pytest.mark.parametrize(("lang", "name"), [("kk", "kk.html"), ("ru", "ashyq/ru.html"), ("en", "ashyq/en.html")])
def test_the_search_box_groups_digits_as_babel_does(lang: str, name: str):
    """The search box writes a large count with the theme's group separator (a browser's Intl may lack the
    language): the theme says what CLDR says."""
    from babel.numbers import get_group_symbol

    assert theme_strings(name)["ashyq.number.group"] == get_group_symbol(lang)


def test_kazakh_interface_strings_are_on_kazakh_pages(site: Site):
    kk = theme_strings("kk.html")
    for path in ("kk/", site.record_path("kk", site.first_record("meetings"))):
        html = site.html(path)
        absent = [f"{key}: {kk[key]!r}" for key in UI_KEYS if kk[key] not in html]
        assert not absent, f"{path} lacks Kazakh interface strings:\n" + "\n".join(absent)
        english = [s for s in ENGLISH if re.search(rf'(>|")\s*{re.escape(s)}\s*(<|")', html)]
        assert not english, f"{path} shows English interface strings: {english}"
    toc_page = first_page_with_toc(site, "kk")
    assert kk["toc"] in site.html(toc_page), f"{toc_page}: no {kk['toc']!r}"
    search = site.page("kk/").scripts
    assert any(kk["ashyq.pagefind.placeholder"] in s for s in search) or \
        "Іздеу" in site.html("kk/"), "the Pagefind box is not labelled in Kazakh"


def test_russian_pages_have_the_russian_interface(site: Site):
    ru = theme_strings("ashyq/ru.html")
    html = site.html("ru/")
    expected = ("Перейти к содержанию", ru["ashyq.a11y.toggle"], ru["ashyq.lang.nav"], ru["ashyq.search.open"])
    for text in expected:
        assert text in html, f"ru/ lacks {text!r}"
    assert theme_strings("kk.html")["ashyq.a11y.toggle"] not in html


def test_navigation_tabs_are_in_the_page_language(site: Site):
    for lang in LANGS:
        html = site.html(f"{lang}/")
        tabs = [squash(m) for m in re.findall(r'class="md-tabs__link[^"]*">(.*?)</a>', html, re.S)]
        expected = [t(lang, k) for k in ("ui.councils", "ui.calendar", "ui.overdue-responses",
                                         "ui.compliance-overview")]
        assert all(e in tabs for e in expected), f"{lang}: tabs {tabs}, expected {expected}"
        assert not {"Calendar", "Councils", "Overdue", "Compliance", "Rules"} & set(tabs), f"{lang}: tabs {tabs}"


def test_navigation_lists_no_individual_records(site: Site):
    listed = []
    for lang in LANGS:
        html = site.html(f"{lang}/")
        start = html.index("md-nav--primary")
        nav = html[start: html.index('class="md-content"', start)]
        listed += [f"{lang}/: {href}" for href in re.findall(r'href="([^"]+)"', nav)
                   if re.search(rf"(^|/)councils/[^/]+/({'|'.join(RECORD_FOLDERS)})/[^/]+/$", href)]
    assert not listed, f"{len(listed)} record links in the navigation, e.g.: {listed[:5]}"


def test_untranslated_string_keys_do_not_leak_into_pages(site: Site):
    key = re.compile(r"(?<![\w/.#-])(?:ui|feeds|cli)\.[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*")
    leaks = {}
    for lang in LANGS:
        for file in site.html_files(lang):
            found = set(key.findall(file.read_text(encoding="utf-8")))
            if found:
                leaks[file.relative_to(site.out).as_posix()] = sorted(found)
    assert not leaks, f"{len(leaks)} pages show string keys, e.g.: " + \
        "; ".join(f"{k}: {v}" for k, v in list(leaks.items())[:5])


def test_pages_show_no_unrendered_markdown(site: Site):
    leaks = []
    for lang in LANGS:
        for file in site.pages(lang):
            article = site.parsed(file).article
            if MARKDOWN_LINK.search(article):
                leaks.append(f"{site.site_path_of(file)}: {MARKDOWN_LINK.search(article).group(0)}")
    assert not leaks, f"{len(leaks)} pages show raw Markdown links, e.g.:\n" + "\n".join(leaks[:10])


# --- dates ------------------------------------------------------------------------------------


def spaces(text: str) -> str:
    return re.sub(r"[\u00a0\u202f\u2009]", " ", text)


def test_dates_are_written_the_babel_long_way(site: Site):
    # Babel puts a narrow no-break space after the year: "2026\u202fж. 21 наурыз".
    assert spaces(format_date(dt.date(2026, 3, 21), "long", locale="kk_KZ")) == "2026 ж. 21 наурыз"
    assert spaces(format_date(dt.date(2026, 3, 21), "long", locale="ru_RU")) == "21 марта 2026 г."
    problems = []
    for record in site.records("meetings") + site.records("hearings") + site.records("recommendations"):
        day = getattr(record, "date", None) or getattr(record, "sent", None)
        for lang in LANGS:
            expected = format_date(day, "long", locale=BABEL[lang])
            path = site.record_path(lang, record)
            if spaces(expected) not in spaces(site.page(path).article):
                problems.append(f"{path}: no {expected!r}")
    assert not problems, f"{len(problems)} pages:\n" + "\n".join(problems[:20])
    kk = site.page(site.record_path("kk", site.first_record("meetings"))).article
    ru = site.page(site.record_path("ru", site.first_record("meetings"))).article
    assert re.search(r"\b20\d\d ж\. \d{1,2} [а-яәғқңөұүһі]+", spaces(kk)), kk[:300]
    assert re.search(r"\b\d{1,2} [а-яё]+ 20\d\d г\.", spaces(ru)), ru[:300]
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", kk), "an ISO date is shown on a Kazakh page"


def test_every_record_page_says_when_it_was_posted_and_updated(site: Site):
    problems = []
    for lang in LANGS:
        posted, updated = t(lang, "ui.posted"), t(lang, "ui.updated")
        for record in site.records():
            path = site.record_path(lang, record)
            text = site.page(path).article
            if not re.search(rf"{re.escape(posted)}: [^·]*\d{{4}}[^·]*· {re.escape(updated)}: .*\d{{4}}", text):
                problems.append(path)
    assert not problems, f"{len(problems)} record pages without posted/updated dates:\n" + "\n".join(problems[:20])


# --- determinism and atomicity ----------------------------------------------------------------


PAGEFIND_ENTRY = "pagefind/kk/pagefind-entry.json"


@pytest.fixture(scope="module")
def second_build(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("second-build") / "site"
    build_ok(site.root, out)
    return out


def test_building_twice_gives_byte_identical_output(site: Site, second_build: Path):
    first, second = tree_digest(site.out), tree_digest(second_build)
    # pagefind-entry.json is compared as data here and byte for byte in the test below.
    same_entry = json.loads((site.out / PAGEFIND_ENTRY).read_text(encoding="utf-8")) == \
        json.loads((second_build / PAGEFIND_ENTRY).read_text(encoding="utf-8"))
    assert same_entry, "pagefind-entry.json differs in content"
    first.pop(PAGEFIND_ENTRY), second.pop(PAGEFIND_ENTRY)
    assert first == second, "the second build differs:\n" + digest_diff(first, second)


def test_pagefind_entry_is_byte_identical_between_builds(site: Site, second_build: Path):
    assert (site.out / PAGEFIND_ENTRY).read_bytes() == (second_build / PAGEFIND_ENTRY).read_bytes()


def test_a_broken_record_stops_the_build_and_keeps_the_previous_site(small: Site, tmp_path: Path):
    portal = tmp_path / "portal"
    shutil.copytree(small.root, portal)
    out = tmp_path / "site"
    shutil.copytree(small.out, out)
    before = tree_digest(out)
    meeting = portal / "councils" / "council-001" / "meetings" / "2025-02.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("status:", "status: [held\n  bad:", 1),
                       encoding="utf-8")
    proc = build(portal, out)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "2025-02.md" in proc.stderr, proc.stderr
    after = tree_digest(out)
    assert before == after, "the previous site changed:\n" + digest_diff(before, after)
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name not in {"portal", "site"})
    assert not leftovers, f"the failed build left {leftovers}"


def test_a_failed_build_into_a_new_folder_writes_nothing(small: Site, tmp_path: Path):
    portal = tmp_path / "portal"
    shutil.copytree(small.root, portal)
    (portal / "councils" / "council-001" / "council.yml").write_text("name: {kk: [\n", encoding="utf-8")
    proc = build(portal, tmp_path / "site")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["portal"]


# --- hostile content --------------------------------------------------------------------------


def test_a_hostile_title_is_shown_as_written(small: Site):
    slug = "council-001"
    for lang in LANGS:
        for name, title in (("2025-01", HOSTILE), ("2025-02", HOSTILE_BREAKOUT)):
            path = f"{lang}/councils/{slug}/meetings/{name}/"
            html = small.html(path)
            assert title in small.page(path).article, f"{path}: the title is not shown as written"
            assert re.search(r"<h1[^>]*>(&lt;|&#60;)/?(title|script)(&gt;|&#62;)", html), \
                f"{path}: the heading is not escaped"
            other = f"{lang}/councils/{slug}/meetings/"
            assert title in small.page(other).text, f"{other}: the title is not listed as written"
            # the calendar lists a past meeting on its month's page (the synthetic 2025-01 and -02 meet then)
            months = [f"{lang}/calendar/2025-0{m}/" for m in (1, 2)]
            assert any(title in small.page(month).text for month in months), f"{months}: not listed as written"


def test_a_hostile_title_runs_no_script(small: Site):
    live = {}
    for file in small.html_files():
        found = live_scripts(file.read_text(encoding="utf-8"))
        if found:
            live[file.relative_to(small.out).as_posix()] = found
    assert not live, f"live markup from a record title on {len(live)} pages: " + \
        "; ".join(f"{k}: {v}" for k, v in list(live.items())[:4])


def test_a_title_with_quotes_is_not_escaped_twice(small: Site):
    shown = []
    for lang in LANGS:
        for file in small.pages(lang):
            text = small.parsed(file).text
            if re.search(r"&(#\d+|amp|lt|gt|quot);", text):
                shown.append(small.site_path_of(file))
    assert not shown, f"{len(shown)} pages show HTML entities as text, e.g. {shown[:5]}"


def test_raw_html_in_a_protocol_shows_as_text(small: Site):
    for lang in LANGS:
        path = f"{lang}/councils/council-001/meetings/2025-01/"
        assert HOSTILE_BODY in small.page(path).article
        assert '<div class="injected"' not in small.html(path)


def test_a_protocol_with_a_script_stops_the_build(small: Site, tmp_path: Path):
    portal = tmp_path / "portal"
    shutil.copytree(small.root, portal)
    meeting = portal / "councils" / "council-001" / "meetings" / "2025-02.md"
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\n<script>alert(2)</script>\n", encoding="utf-8")
    proc = build(portal, tmp_path / "site")
    assert proc.returncode == 1 and "safety.markup" in proc.stderr, proc.stdout + proc.stderr
    assert not (tmp_path / "site").exists()


# --- outside a git checkout -------------------------------------------------------------------


def test_build_works_outside_a_git_checkout(site: Site, tmp_path_factory: pytest.TempPathFactory):
    def make(folder: Path) -> Site:
        root = copy_portal(site.root, folder / "portal")
        assert not in_git_checkout(root), "the temporary folder is inside a git checkout"
        proc = build_ok(root, folder / "site")
        return Site(root, folder / "site", proc.stdout)

    if in_git_checkout(tmp_path_factory.getbasetemp()):
        pytest.skip("the temporary folders are inside a git checkout")
    copy = once(tmp_path_factory, "nogit", make)
    assert not (copy.root / ".git").exists()
    paths = [copy.record_path(lang, r) for lang in LANGS for r in copy.records()]
    absent = missing(copy, paths)
    assert not absent, f"{len(absent)} record pages missing:\n" + "\n".join(absent[:20])
    kk, ru = {copy.site_path_of(p) for p in copy.pages("kk")}, {copy.site_path_of(p) for p in copy.pages("ru")}
    assert kk == {site.site_path_of(p) for p in site.pages("kk")}
    assert ru == {site.site_path_of(p) for p in site.pages("ru")}
    record = copy.first_record("meetings")
    assert t("kk", "ui.posted") in copy.page(copy.record_path("kk", record)).article
