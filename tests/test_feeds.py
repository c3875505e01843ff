"""RSS and Atom feeds, parsed back with feedparser as a journalist's reader would.

The portal is the clean synthetic one plus what a journalist must see
handled: a cancelled meeting, a moved meeting, an all-day joint meeting, an
overdue response, and two records removed in a real git repository (the
tombstones). The helpers at the top are shared by the other test modules of
this issue (calendars, open data, hostile records).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml

from ashyq.models import Record
from ashyq.render import urls
from ashyq.render.calendars import write_calendars
from ashyq.render.context import SiteContext
from ashyq.render.feeds import MAX_ENTRIES, PORTAL_FEEDS, council_feeds, feed_links
from ashyq.render.feedtext import tombstones
from ashyq.render.feedwrite import write_feeds
from ashyq.render.opendata import write_opendata
from ashyq.render.subscribe import subscribe_markdown
from ashyq.synthetic import write_portal
from ashyq.validate import check_portal

from revisionkit import git  # a commit with a fixed author and date

TODAY = dt.date(2026, 11, 21)
BASE = "https://kenes.example.kz/"
C1, C2 = "council-001", "council-002"
LANGS = ("kk", "ru")

# Commits of the test repository: the clean portal, the planted records, the removals.
COMMITS = ("2026-01-01T12:00:00+05:00", "2026-11-05T09:30:00+05:00", "2026-11-19T10:00:00+05:00")
REMOVED = {f"councils/{C1}/meetings/2025-03.md": ("meeting", "meetings", "2025-03"),
           f"councils/{C2}/recommendations/2025-r2.yml": ("recommendation", "recommendations", "2025-r2")}


def dump(path: Path, data: dict[str, Any], body: dict[str, str] | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    if path.suffix == ".md":
        parts = "".join(f"<!-- lang: {lang} -->\n{value}\n\n" for lang, value in (body or {}).items())
        text = f"---\n{text}---\n{parts}"
    path.write_text(text, encoding="utf-8")


def planted() -> dict[str, tuple[dict[str, Any], dict[str, str] | None]]:
    """Records of council-001 that exercise what feeds and calendars must get right."""
    return {
        "meetings/2026-90.md": ({
            "id": "2026-90", "title": {"kk": "Болдырылмаған отырыс", "ru": "Отменённое заседание"},
            "date": dt.date(2026, 12, 10), "time": "15:00", "end_time": "16:30", "status": "cancelled",
            "cancellation_reason": {"kk": "Кворум жоқ.", "ru": "Нет кворума."},
            "place": {"kk": "Әкімдік, 305", "ru": "Акимат, 305"},
            "agenda_published": dt.date(2026, 11, 2),
            "agenda": [{"title": {"kk": "Бюджет", "ru": "Бюджет"}}],
            "created": dt.date(2026, 11, 2),
        }, None),
        "meetings/2026-91.md": ({  # no 'created': its publication date comes from git
            "id": "2026-91", "title": {"kk": "Ауыстырылған отырыс", "ru": "Перенесённое заседание"},
            "date": dt.date(2026, 12, 15), "time": "10:00", "end_time": "12:00", "status": "planned",
            "moved_from": [{"date": dt.date(2026, 12, 1), "time": "10:00"}],
            "online": "https://meet.example.kz/kenes-91",
            "agenda": [{"title": {"kk": "Көлік", "ru": "Транспорт"}, "speaker": "Әбенов Асқар"}],
        }, None),
        "meetings/2026-92.md": ({
            "id": "2026-92", "title": {"kk": "Бірлескен отырыс", "ru": "Совместное заседание"},
            "date": dt.date(2026, 12, 20), "status": "planned", "joint_with": [C2],
            "place": {"kk": "Мәслихат", "ru": "Маслихат"}, "created": dt.date(2026, 11, 3),
        }, None),
        "recommendations/2026-r9.yml": ({
            "id": "2026-r9", "title": {"kk": "Жауапсыз ұсыным", "ru": "Рекомендация без ответа"},
            "text": {"kk": "Аялдамаларды жөндеу ұсынылады.", "ru": "Рекомендуется отремонтировать остановки."},
            "addressee": {"kk": "Қалалық әкімдік", "ru": "Городской акимат"}, "basis": "5.1.3",
            "sent": dt.date(2026, 9, 1), "created": dt.date(2026, 9, 1),
        }, None),
    }




def build_portal(tmp: Path, extra: dict[str, tuple[dict, dict | None]] | None = None, with_git: bool = True) -> Path:
    """The journalists' test portal under ``tmp/repo/portal`` (a sub-folder of the repository, as in real
    portals that keep other files beside it), committed in three steps with fixed dates."""
    repo = tmp / "repo"
    root = write_portal(repo / "portal", councils=2, today=TODAY)
    if with_git:
        git(repo, COMMITS[0], "init", "-q")
        git(repo, COMMITS[0], "add", "-A")
        git(repo, COMMITS[0], "commit", "-q", "-m", "Clean portal")
    for rel, (data, body) in {**planted(), **(extra or {})}.items():
        dump(root / "councils" / C1 / rel if not rel.startswith("councils/") else root / rel, data, body)
    if with_git:
        git(repo, COMMITS[1], "add", "-A")
        git(repo, COMMITS[1], "commit", "-q", "-m", "New records")
        for rel in REMOVED:
            git(repo, COMMITS[2], "rm", "-q", f"portal/{rel}")
        git(repo, COMMITS[2], "commit", "-q", "-m", "Withdraw two records")
    return root


def context(root: Path) -> SiteContext:
    result = check_portal(root, TODAY)
    assert result.portal is not None
    assert not [f for f in result.findings if f.kind.value == "data"], [f.key for f in result.findings]
    return SiteContext(result.portal, result.findings, result.dates, TODAY)


def render(ctx: SiteContext, site: Path) -> list[str]:
    return write_feeds(ctx, site) + write_calendars(ctx, site) + write_opendata(ctx, site)


def site_path(url: str) -> str:
    """The site-relative path of an absolute portal URL."""
    assert url.startswith(BASE), url
    return url[len(BASE):]


def records_by_url(ctx: SiteContext) -> dict[str, Record]:
    return {ctx.url(urls.record(lang, rec)): rec for rec in ctx.portal.all_records() for lang in LANGS}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteContext, Path, list[str]]:
    tmp = tmp_path_factory.mktemp("feeds")
    ctx = context(build_portal(tmp))
    site = tmp / "site"
    return ctx, site, write_feeds(ctx, site)


@pytest.fixture(scope="module")
def parsed(built) -> dict[str, Any]:
    _, site, written = built
    return {rel: feedparser.parse((site / rel).read_bytes()) for rel in written}


def flat(text: str) -> str:
    """Babel puts a narrow no-break space in '2026 ж.' / '2026 г.'; tests write a plain space."""
    return text.replace("\u202f", " ")


def feed_lang(rel: str) -> str:
    return rel.split("/", 1)[0]


# --------------------------------------------------------------------- what is written


def test_every_feed_is_written_in_both_formats_and_languages(built):
    ctx, site, written = built
    expected = set()
    for lang in LANGS:
        for fmt in ("atom", "rss"):
            expected |= {urls.feed(lang, name, fmt) for name in PORTAL_FEEDS}
            expected |= {urls.feed(lang, name, fmt, slug) for slug in ctx.portal.councils
                         for name in council_feeds(ctx, slug)}
    assert set(written) == expected
    assert written == sorted(written)
    for rel in written:
        assert (site / rel).is_file()


def test_every_feed_parses_with_entries_and_unique_ids(parsed, built):
    ctx, _, _ = built
    # The feeds of the types the portal has records of (each council lists those of its own types).
    with_records = {name for slug in ctx.portal.councils for name in council_feeds(ctx, slug)}
    for rel, d in parsed.items():
        assert not d.bozo, (rel, d.get("bozo_exception"))
        assert d.version in ("atom10", "rss20"), rel
        assert len(d.entries) <= MAX_ENTRIES, rel
        # A council's feed of one type may be empty for now (its list of feeds does not change over time);
        # so may a portal feed of a type the portal has no record of yet (the portal's list is the registry's).
        portal_feed = re.fullmatch(r"[a-z]+/feeds/([a-z-]+)\.(atom|rss)\.xml", rel)
        assert (d.entries or re.search(r"/councils/[^/]+/(?!all\.)", rel)
                or (portal_feed and portal_feed.group(1) not in with_records)), rel
        ids = [e.id for e in d.entries]
        assert len(ids) == len(set(ids)), rel


def test_portal_feed_keeps_the_newest_fifty(parsed, built):
    ctx, _, _ = built
    total = sum(1 for _ in ctx.portal.all_records()) + len(tombstones(ctx))
    assert total > MAX_ENTRIES
    assert len(parsed["kk/feeds/all.atom.xml"].entries) == MAX_ENTRIES
    newest = parsed["kk/feeds/all.atom.xml"].entries
    dates = [e.updated_parsed for e in newest]
    assert dates == sorted(dates, reverse=True)


def test_entries_are_newest_first_and_published_never_after_updated(parsed):
    for rel, d in parsed.items():
        if rel.endswith(".atom.xml"):
            updated = [e.updated_parsed for e in d.entries]
            assert updated == sorted(updated, reverse=True), rel
            for e in d.entries:
                assert e.published_parsed <= e.updated_parsed, (rel, e.id)
            if updated:
                assert d.feed.updated_parsed == updated[0], rel  # the feed's date is its newest entry's, not "now"
        else:
            for e in d.entries:
                assert e.published_parsed is not None, (rel, e.id)


def test_atom_and_rss_carry_the_same_entries(parsed):
    for rel in parsed:
        if rel.endswith(".atom.xml"):
            rss = rel.replace(".atom.xml", ".rss.xml")
            assert [e.id for e in parsed[rel].entries] == [e.id for e in parsed[rss].entries]
            assert [e.title for e in parsed[rel].entries] == [e.title for e in parsed[rss].entries]
            for atom_entry, rss_entry in zip(parsed[rel].entries, parsed[rss].entries):
                assert html.unescape(rss_entry.summary.replace("<br />", "\n")) == atom_entry.summary


def test_feeds_and_entries_are_in_the_right_language(parsed):
    for rel, d in parsed.items():
        lang = feed_lang(rel)
        assert d.feed.language == lang, rel
        for e in d.entries:
            assert e.title_detail.language == lang, (rel, e.id)
            assert e.title_detail.type == "text/plain"
            if rel.endswith(".atom.xml"):
                assert e.summary_detail.type == "text/plain"
            else:  # readers render an RSS description as HTML: the text comes escaped
                assert e.summary_detail.type == "text/html"
    kk = parsed["kk/feeds/meetings.atom.xml"].entries
    ru = parsed["ru/feeds/meetings.atom.xml"].entries
    assert any("Отменённое заседание" in e.title for e in ru)
    assert any("Болдырылмаған отырыс" in e.title for e in kk)
    assert not any("Отменённое" in e.title for e in kk)


def test_entry_ids_and_links_are_the_record_permalinks(parsed, built):
    ctx, _, _ = built
    by_url = records_by_url(ctx)
    for rel, d in parsed.items():
        lang = feed_lang(rel)
        for e in d.entries:
            assert e.id.startswith(BASE) and e.link.startswith(BASE), (rel, e.id)
            if e.id.endswith("#response"):  # an answer, its own entry: its id is the recommendation's + #response
                assert e.id[:-len("#response")] in by_url and ("/answers." in rel or "/bodies/" in rel), (rel, e.id)
                continue
            if e.id in by_url:
                rec = by_url[e.id]
                assert site_path(e.id) == urls.record(lang, rec)
                assert site_path(e.link) == urls.record(lang, rec)
            else:  # a tombstone: the old permalink as id, a page that still exists as link
                stone = next(s for s in tombstones(ctx) if site_path(e.id) == urls.record_by_parts(
                    lang, s.council, s.folder, s.id))
                assert site_path(e.link) == urls.council(lang, stone.council, stone.folder)


def test_rss_guid_is_a_permalink_only_for_live_records(built):
    _, site, _ = built
    xml = (site / "kk/councils/council-001/all.rss.xml").read_text(encoding="utf-8")
    assert '<guid isPermaLink="true">https://kenes.example.kz/kk/councils/council-001/meetings/2026-91/</guid>' in xml
    assert ('<guid isPermaLink="false">https://kenes.example.kz/kk/councils/council-001/meetings/2025-03/</guid>'
            in xml)


# --------------------------------------------------------------------- dates


def _entry(parsed, rel: str, url_path: str):
    found = [e for e in parsed[rel].entries if e.id == BASE + url_path]
    assert len(found) == 1, (rel, url_path, [e.id for e in parsed[rel].entries])
    return found[0]


def test_published_is_when_the_record_was_published_not_the_meeting_date(parsed):
    e = _entry(parsed, "kk/councils/council-001/all.atom.xml", "kk/councils/council-001/meetings/2026-90/")
    assert e.published == "2026-11-02T00:00:00+05:00"  # 'created', not the meeting's 10 December


def test_published_falls_back_to_the_first_commit(parsed):
    e = _entry(parsed, "ru/councils/council-001/all.atom.xml", "ru/councils/council-001/meetings/2026-91/")
    assert e.published == "2026-11-05T09:30:00+05:00"
    assert e.updated == "2026-11-05T09:30:00+05:00"


def test_updated_moves_when_the_record_changes(tmp_path):
    extra = {"meetings/2026-93.md": ({"id": "2026-93", "title": {"kk": "Жаңартылған", "ru": "Обновлённое"},
                                     "date": dt.date(2026, 12, 22), "time": "11:00",
                                     "created": dt.date(2026, 11, 1), "updated": dt.date(2026, 11, 20)}, None)}
    ctx = context(build_portal(tmp_path, extra=extra, with_git=False))
    written = write_feeds(ctx, tmp_path / "site")
    d = feedparser.parse((tmp_path / "site" / "kk/feeds/meetings.atom.xml").read_bytes())
    e = next(e for e in d.entries if e.id.endswith("/meetings/2026-93/"))
    assert e.published.startswith("2026-11-01") and e.updated.startswith("2026-11-20")
    ids = [x.id for x in d.entries]
    # 2026-90 was posted after 2026-93 and never changed: the change of 2026-93 puts it first.
    assert ids.index(e.id) < ids.index(BASE + "kk/councils/council-001/meetings/2026-90/")
    assert written


# --------------------------------------------------------------------- feed contents


def test_type_feeds_hold_their_records(parsed, built):
    ctx, _, _ = built
    by_url = records_by_url(ctx)
    kinds = {"meetings": {"meeting"}, "decisions": {"meeting"}, "hearings": {"hearing"}, "reports": {"report"},
             "overdue": {"recommendation"}}
    for name, allowed in kinds.items():
        for e in parsed[f"ru/feeds/{name}.atom.xml"].entries:
            rec = by_url.get(e.id)
            if rec is not None:
                assert rec.KIND in allowed, (name, e.id)
    decisions = parsed["ru/feeds/decisions.atom.xml"].entries
    assert all(by_url[e.id].status == "held" for e in decisions)
    assert all(e.title.startswith("Решения и протокол: ") for e in decisions)


def test_overdue_feed_names_the_overdue_response(parsed):
    entries = parsed["ru/feeds/overdue.atom.xml"].entries
    assert [e.id for e in entries] == [BASE + "ru/councils/council-001/recommendations/2026-r9/"]
    e = entries[0]
    assert e.title == "Просрочен ответ: Рекомендация без ответа (Городской акимат) — Общественный совет №1"
    assert "Срок ответа истёк 1 октября 2026 г.; на 21 ноября 2026 г. просрочка 51 дн." in flat(e.summary)
    assert e.published == "2026-10-02T00:00:00+05:00"  # the day it became overdue


def test_cancelled_meeting_says_so(parsed):
    e = _entry(parsed, "ru/feeds/meetings.atom.xml", "ru/councils/council-001/meetings/2026-90/")
    assert e.title == "Отменено: Отменённое заседание — Общественный совет №1"
    assert "Статус: отменено. Нет кворума." in e.summary
    assert "10 декабря 2026 г., 15:00" in flat(e.summary)


def test_joint_meeting_is_in_both_councils_feeds(parsed):
    for slug in (C1, C2):
        _entry(parsed, f"kk/councils/{slug}/all.atom.xml", "kk/councils/council-001/meetings/2026-92/")


def test_summaries_are_plain_text_with_babel_dates(parsed):
    e = _entry(parsed, "kk/councils/council-001/all.atom.xml", "kk/councils/council-001/meetings/2026-91/")
    assert "Бұрын белгіленген күні: 2026 ж. 1 желтоқсан, 10:00." in flat(e.summary)
    assert "https://meet.example.kz/kenes-91" in e.summary
    assert "1. Көлік (Әбенов Асқар)" in e.summary
    assert ".." not in e.summary


# --------------------------------------------------------------------- tombstones


def test_removed_records_leave_withdrawn_entries(parsed, built):
    ctx, _, _ = built
    stones = tombstones(ctx)
    assert sorted(s.path for s in stones) == sorted(REMOVED)
    meeting = next(s for s in stones if s.kind == "meeting")
    assert meeting.id == "2025-03" and meeting.council == C1
    assert meeting.title["ru"].startswith("Заседание № 3")
    assert meeting.removed == dt.datetime.fromisoformat(COMMITS[2])
    assert meeting.created == dt.datetime.fromisoformat(COMMITS[0])
    wording = {"kk": "Жариялаудан алынды: ", "ru": "Снято с публикации: "}
    for lang in LANGS:
        old = f"{lang}/councils/council-001/meetings/2025-03/"
        for rel in (f"{lang}/feeds/all.atom.xml", f"{lang}/feeds/meetings.rss.xml",
                    f"{lang}/councils/council-001/all.atom.xml"):
            e = _entry(parsed, rel, old)
            assert e.title.startswith(wording[lang]), e.title
            assert e.title_detail.language == lang
        e = _entry(parsed, f"{lang}/feeds/all.atom.xml", old)
        assert e.updated == "2026-11-19T10:00:00+05:00"
        assert e.tags[0].term == "withdrawn"
    recommendation = _entry(parsed, "ru/councils/council-002/all.atom.xml",
                            "ru/councils/council-002/recommendations/2025-r2/")
    assert recommendation.title == "Снято с публикации: Рекомендация № 2"
    assert "снята с портала 19 ноября 2026 г." in flat(recommendation.summary)


def test_tombstones_come_from_one_git_call(built, monkeypatch):
    """All removed files are read in one ``git cat-file --batch`` (plus one ``rev-parse``)."""
    import ashyq.load.tombstones as module

    ctx, _, _ = built
    calls = []
    real = subprocess.run

    def spy(args, *a, **kw):
        calls.append(args)
        return real(args, *a, **kw)

    monkeypatch.setattr(module.subprocess, "run", spy)
    stones = module.read_tombstones(ctx.portal.root, ctx.dates)
    assert len(stones) == 2
    assert [c[:2] for c in calls] == [["git", "rev-parse"], ["git", "cat-file"]]


def test_a_rewritten_record_is_no_tombstone(tmp_path):
    """A record moved from .yml to .md under the same id is still there: no 'withdrawn' entry."""
    root = build_portal(tmp_path)
    repo = root.parent
    src = root / "councils" / C1 / "recommendations" / "2025-r1.yml"
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    git(repo, "2026-11-20T10:00:00+05:00", "rm", "-q", f"portal/councils/{C1}/recommendations/2025-r1.yml")
    dump(root / "councils" / C1 / "recommendations" / "2025-r1.md", data, None)
    git(repo, "2026-11-20T10:00:00+05:00", "add", "-A")
    git(repo, "2026-11-20T10:00:00+05:00", "commit", "-q", "-m", "yml to md")
    ctx = context(root)
    assert "2025-r1" not in {s.id for s in tombstones(ctx) if s.council == C1}
    assert len(tombstones(ctx)) == 2


def test_outside_git_there_are_no_tombstones_and_feeds_still_build(tmp_path):
    ctx = context(build_portal(tmp_path, with_git=False))
    assert tombstones(ctx) == []
    written = write_feeds(ctx, tmp_path / "site")
    for rel in written:
        assert not feedparser.parse((tmp_path / "site" / rel).read_bytes()).bozo


# --------------------------------------------------------------------- autodiscovery and determinism


def test_feed_links_for_autodiscovery(built):
    ctx, site, written = built
    council = ctx.portal.councils[C1]
    links = feed_links(ctx, "ru", council)
    assert [site_path(link["href"]) for link in links] == [
        "ru/councils/council-001/all.atom.xml", "ru/councils/council-001/all.rss.xml"]
    assert [link["type"] for link in links] == ["application/atom+xml", "application/rss+xml"]
    assert links[0]["title"] == "Общественный совет №1: все записи (Atom)"
    assert feed_links(ctx, "kk", C1) == feed_links(ctx, "kk", council)
    home = feed_links(ctx, "kk")
    assert [site_path(link["href"]) for link in home] == ["kk/feeds/all.atom.xml", "kk/feeds/all.rss.xml"]
    for link in links + home:
        assert site_path(link["href"]) in written
        assert set(link) == {"title", "href", "type"}


def test_two_builds_are_byte_identical(built, tmp_path):
    ctx, site, written = built
    again = context(ctx.portal.root)
    second = write_feeds(again, tmp_path / "again")
    assert second == written
    for rel in written:
        assert (tmp_path / "again" / rel).read_bytes() == (site / rel).read_bytes(), rel


# --------------------------------------------------------------------- the subscribe block


def test_subscribe_block_links_only_files_the_build_writes(built, tmp_path):
    ctx, _, _ = built
    written = set(render(ctx, tmp_path / "site"))
    for lang in LANGS:
        home = subscribe_markdown(ctx, lang)
        council = subscribe_markdown(ctx, lang, ctx.portal.councils[C1])
        assert subscribe_markdown(ctx, lang, C1) == council
        for block in (home, council):
            targets = re.findall(r"\]\(([^)]+)\)", block)
            assert targets
            for url in targets:
                path = site_path(url.replace("webcal://", "https://"))
                if path != urls.portal_page(lang, "data"):  # the data page is one of the build's pages
                    assert path in written, (lang, url)
        for name in PORTAL_FEEDS:
            assert ctx.url(urls.feed(lang, name, "atom")) in home
        assert ctx.url(urls.feed(lang, "all", "atom", C1)) in council
        assert ctx.url(urls.calendar(lang, C1)) in council and ctx.url(urls.data(f"councils/{C1}.json")) in council
    assert "Подписаться из Интернета" in subscribe_markdown(ctx, "ru")
    assert "URL арқылы" in subscribe_markdown(ctx, "kk")
