"""A new day renders again only what the day changes (ashyq/write/dayfacts.py), and gives a cold build's site.

Deadlines are judged on the build's day. The day used to be part of the whole site's fingerprint, so every
new day rendered every council again; now each council's fingerprint holds what the day decides of it, and a
council the day left alone is kept. The sample portal is built day after day (the next day, then days that
make responses overdue, end terms, pass meetings and open a new year): each warm build must be byte for byte
what a ``--fresh`` build of that day gives.
"""

from __future__ import annotations

import dataclasses
import json
import datetime as dt
import re
from pathlib import Path

import pytest

from buildkit import TODAY, digest_diff, run_ashyq, sample_root, tree_digest
from conftest import PortalFiles, dump_yaml

# The day after, then a month on (responses come due), a new year (the plan of the year), half a year later.
DAYS = (TODAY, "2026-11-22", "2026-12-21", "2027-01-10", "2027-07-01")
_REUSED = re.compile(r"unchanged: (\d+) pages")


def _build(root: Path, out: Path, day: str, *extra: str) -> str:
    proc = run_ashyq("build", root, "--out", out, "--today", day, "--lang", "en", *extra)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    return proc.stdout


def _reused(stdout: str) -> int:
    found = _REUSED.search(stdout)
    return int(found.group(1)) if found else 0


def test_each_new_day_gives_a_cold_build_s_site_and_keeps_the_councils_it_left_alone(tmp_path: Path):
    root, out = sample_root(), tmp_path / "site"
    reused = []
    for day in DAYS:
        reused.append(_reused(_build(root, out, day)))
        fresh = tmp_path / f"fresh-{day}"
        _build(root, fresh, day, "--fresh", "--no-cache")
        assert tree_digest(out) == tree_digest(fresh), (day, digest_diff(tree_digest(out), tree_digest(fresh)))
    # The next day moves no deadline of some councils: their pages are kept (before, none was).
    assert reused[1] > 0, reused


def _day_keys(root: Path, *days: str) -> list[bytes]:
    from ashyq.render.context import SiteContext
    from ashyq.validate import check_portal
    from ashyq.write.dayfacts import day_key

    keys = []
    for day in days:
        result = check_portal(root, dt.date.fromisoformat(day))
        ctx = SiteContext(result.portal, result.findings, result.dates, result.today)
        keys.append(day_key(ctx, result.portal.councils["council-001"]))
    return keys


def _pending(portal: PortalFiles, sent: str) -> None:
    """A recommendation the body has not answered yet (five working days under basis 5.1.1)."""
    rec = portal.load("recommendations/2025-r1.yml")
    rec.update(id="2026-r9", sent=dt.date.fromisoformat(sent), created=dt.date.fromisoformat(sent))
    del rec["response"]
    portal.write_record("recommendations/2026-r9.yml", rec)


def test_the_day_key_holds_while_nothing_the_day_decides_moves(portal: PortalFiles):
    a, b = _day_keys(portal.root, "2026-11-21", "2026-11-22")
    assert a == b


@pytest.mark.parametrize(("sent", "days", "why"), [
    ("2026-11-18", ("2026-11-21", "2026-12-15"), "a response comes due"),
    ("2026-10-01", ("2026-11-21", "2026-11-22"), "an overdue response is a day later"),
])
def test_the_day_key_moves_with_a_response_s_state(portal: PortalFiles, sent: str, days: tuple[str, str], why: str):
    _pending(portal, sent)
    a, b = _day_keys(portal.root, *days)
    assert a != b, why


def test_the_day_key_moves_when_a_term_ends_or_a_year_begins(portal: PortalFiles):
    members = portal.load("members.yml")
    members["members"][-1]["end"] = dt.date(2026, 11, 21)
    portal.write("members.yml", dump_yaml(members))
    before, after = _day_keys(portal.root, "2026-11-21", "2026-11-22")
    assert before != after, "a member's term ended"
    plan = portal.read("plans/2026.yml").replace("2026", "2027")
    portal.write("plans/2027.yml", plan)
    december, january = _day_keys(portal.root, "2026-12-31", "2027-01-01")
    assert december != january, "the work plan of the year"


def test_every_reader_of_the_build_s_day_is_accounted_for():
    """Each module that reads the build's day (``ctx.today``) outside the rules (whose findings the council's
    fingerprint holds) is one dayfacts.py accounts for, or a portal page's (rendered again on a new day). A
    new one fails here: add what it shows to ``day_key``, then the module to this list."""
    package = Path(__import__("ashyq").__file__).parent
    known = {
        "render/datafiles.py",  # the data's as_of (write/remember.py), who is a member, responses' states
        "render/pages.py", "render/answerfeed.py", "render/pagedata.py",  # responses, members, events, plans
        "render/members_page.py",  # who is a member
        "render/feeds.py", "render/feedtext.py",  # a record or a feed that nothing else dates
        "render/bodies.py",  # the state bodies' pages: portal pages
        "kinds/recommendation/declaration.py",  # responses' states, and the day an overdue one is shown on
    }
    outside = ("validate/", "rules/", "write/", "scaffold/", "cli.py", "report.py")  # checks, builds, the CLI
    readers = {path.relative_to(package).as_posix() for path in package.rglob("*.py")
               if re.search(r"\.today\b", path.read_text(encoding="utf-8"))}
    readers = {rel for rel in readers if not rel.startswith(outside) and not rel.endswith("/rules.py")}
    assert readers == known, (readers - known, known - readers)


def test_a_council_s_document_of_another_day_gets_this_day_s_envelope_and_nothing_else(portal: PortalFiles):
    from ashyq.render.context import SiteContext
    from ashyq.render.datafiles import envelope, json_bytes, redated
    from ashyq.validate import check_portal

    result = check_portal(portal.root, dt.date(2026, 11, 21))
    ctx = SiteContext(result.portal, result.findings, result.dates, result.today)
    doc = {"council": {"id": "council-001", "name": "«Кеңес», \"as_of\":"}, "members": [], "findings": []}
    before = json_bytes({**envelope(ctx, "council"), **doc})
    ctx.today = dt.date(2026, 12, 1)
    assert redated(ctx, before) == json_bytes({**envelope(ctx, "council"), **doc})
    assert redated(ctx, json_bytes(doc)) is None  # no envelope: made anew
    assert redated(ctx, before.replace(b"format_version", b"format_versio_", 1)) is None


def _findings(result) -> list[tuple]:
    return sorted(f.sort_key() for f in result.findings)


def test_a_new_day_runs_only_the_rules_that_read_the_day_and_finds_what_a_fresh_check_finds(
        portal: PortalFiles, monkeypatch: pytest.MonkeyPatch):
    """The rules note whether they read the day (``Context.today``). On a new day a council whose inputs held is
    judged by those rules only, the others' findings kept; what it finds is what a check without the cache
    finds, here with a response coming due in between."""
    from ashyq.rules.registry import REGISTRY
    from ashyq.validate import check_portal

    monkeypatch.setenv("ASHYQ_CACHE_DIR", str(portal.root.parent / "cache"))
    _pending(portal, "2026-11-18")  # due within the week: overdue by the second day
    first, second = dt.date(2026, 11, 21), dt.date(2026, 12, 15)
    check_portal(portal.root, first, cache=True)
    ran: list[str] = []
    for spec in list(REGISTRY.values()):
        def counted(ctx, check=spec.check, rule=spec.id):
            ran.append(rule)
            return check(ctx)
        monkeypatch.setitem(REGISTRY, spec.id, dataclasses.replace(spec, check=counted))
    cached = check_portal(portal.root, second, cache=True)
    day_rules = set(ran)
    assert day_rules and len(day_rules) < len({s.id for s in REGISTRY.values() if s.scope == "council"}) / 2
    assert any(rule.startswith("recommendation.") for rule in day_rules)  # the response's deadline
    assert not any(rule.startswith(("language.", "privacy.", "a11y.")) for rule in day_rules)  # texts: no date
    fresh = check_portal(portal.root, second, cache=False)
    assert _findings(cached) == _findings(fresh)
    assert any(f.rule.startswith("recommendation.") for f in fresh.findings)


def test_a_parallel_check_on_a_new_day_finds_what_a_fresh_check_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``ashyq check`` of a portal of many councils judges them in worker processes, each of which keeps what
    it judged: on a new day they run the day's rules only, and find what a check without the cache finds."""
    from ashyq.synthetic import write_portal
    from ashyq.validate import PARALLEL_FROM, check_portal
    from ashyq.validate.remembered import Remembered

    monkeypatch.setenv("ASHYQ_CACHE_DIR", str(tmp_path / "cache"))
    root = write_portal(tmp_path / "portal", councils=PARALLEL_FROM, today=dt.date.fromisoformat(TODAY))
    _pending(PortalFiles(root), "2026-11-18")
    days = [dt.date(2026, 11, 21), dt.date(2026, 12, 15), dt.date(2026, 12, 16)]
    for day in days:
        cached = check_portal(root, day, jobs=2, keep_records=False, cache=True)
        fresh = check_portal(root, day, jobs=2, keep_records=False, cache=False)
        assert _findings(cached) == _findings(fresh), day
    assert any(f.rule.startswith("recommendation.") for f in fresh.findings)
    result = check_portal(root, days[-1], cache=False)
    folder = root.resolve() / "councils" / "council-001"
    memo = Remembered.open(root.resolve(), result.portal.config.limits.read_limits(), days[-1], result.dates)
    assert memo is not None and memo.recall([folder])  # kept by the worker that judged it, as of the last day
    tomorrow = Remembered.open(root.resolve(), result.portal.config.limits.read_limits(),
                               days[-1] + dt.timedelta(days=1), result.dates)
    assert tomorrow is not None and tomorrow.recall([folder]) == {}
    judged = tomorrow.earlier(["council-001"])["council-001"]
    assert any(rule.startswith("recommendation.") for rule in judged.day_rules)
    assert not any(f.rule in judged.day_rules for f in judged.without_the_day())


def test_the_portal_pages_kept_across_days_show_nothing_of_the_day_but_their_data():
    """The councils' index and the compliance pages are kept on a new day (render/pagememo.py: ``DAYLESS``): their
    templates must not judge a deadline themselves (a record's status, the day), only show their data."""
    from ashyq.render.pagememo import DAYLESS
    from ashyq.render.sitepages import PORTAL_TEMPLATES

    pages = Path(__import__("ashyq").__file__).parent / "templates" / "pages"
    names = {PORTAL_TEMPLATES[name] for name in DAYLESS if name in PORTAL_TEMPLATES}
    names |= {"compliance_region.md.j2", "_compliance_tables.md.j2", "_filters.html.j2"}
    for name in sorted(names):
        text = (pages / name).read_text(encoding="utf-8")
        assert not re.search(r"\b(today|status|badge|event_table|rec_table)\b", text), name


_SHARDS = re.compile(r"unchanged: \d+ pages, (\d+) search shards")


def test_a_response_a_day_more_overdue_leaves_the_search_index_as_it_was(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):
    """A council with a response overdue says so one more day each day: its pages are rendered again, but the
    count of days (and every finding, many of which count days) is left out of the search index, so its
    shard is not indexed again. Before, every shard of a portal with one overdue response in each was
    indexed again every night: at 740 councils, a fifth with one overdue, the next day's build took 66 s
    (Pagefind 43 s); now 27 s."""
    from ashyq.synthetic import write_portal

    monkeypatch.setenv("ASHYQ_SEARCH_SHARD_PAGES", "30")  # a shard for each council, as a large portal has
    root = write_portal(tmp_path / "portal", councils=3, today=dt.date.fromisoformat(TODAY), overdue=2)
    out = tmp_path / "site"
    _build(root, out, "2026-12-01")
    shards = len(json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))["councils"]["kk"]) * 2
    assert shards >= 4
    page = out / "kk" / "councils" / "council-001" / "recommendations" / "2026-r3" / "index.html"
    before = page.read_text(encoding="utf-8")
    stdout = _build(root, out, "2026-12-02")
    assert page.read_text(encoding="utf-8") != before  # one more day overdue: the page says so
    assert _reused(stdout) > 0 and int(_SHARDS.search(stdout).group(1)) >= shards, stdout
    fresh = tmp_path / "fresh"
    _build(root, fresh, "2026-12-02", "--fresh", "--no-cache")
    assert tree_digest(out) == tree_digest(fresh), digest_diff(tree_digest(out), tree_digest(fresh))
