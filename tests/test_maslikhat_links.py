"""The maslikhat's sessions and its link with the public councils whose composition it approved.

A public council names the maslikhat in ``approved_by`` (``council.yml``): a slug the check resolves to
a maslikhat of the portal, else a data error on that line in kk, ru and en. The maslikhat's page lists
the councils that name it and each links back, in both editions and in the open data. A maslikhat's
sessions are meeting records: on its pages (called sessions there), its calendar and feeds; the Law
«On public councils» never judges them, the data rules do.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import shutil
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml

from ashyq.i18n import catalogue, t
from ashyq.models import text_of
from ashyq.validate import check_portal

from buildkit import LANGS, REPO, Site, check_json, sample_root, sample_site

TODAY = dt.date(2026, 11, 21)
MASLIKHAT, AKIMAT = "almaty-maslikhat", "almaty-akimat"
SESSIONS = ("2026-03-25", "2026-06-24", "2026-09-30", "2026-12-16")
LAW_MEETING_RULES = ("meeting.agenda-published", "meeting.decisions-published", "meeting.quorum")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return sample_site(tmp_path_factory)


def _portal(tmp_path: Path, councils: tuple[str, ...] = (AKIMAT, MASLIKHAT, "minzdrav")) -> Path:
    """A portal of some sample councils' ``council.yml`` and ``members.yml``."""
    root = tmp_path / "portal"
    (root / "councils").mkdir(parents=True)
    shutil.copy2(REPO / "site_config.yml", root / "site_config.yml")
    for slug in councils:
        (root / "councils" / slug).mkdir()
        for name in ("council.yml", "members.yml"):
            shutil.copy2(REPO / "councils" / slug / name, root / "councils" / slug / name)
    return root


def _edit_council(root: Path, slug: str, **fields) -> Path:
    path = root / "councils" / slug / "council.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(fields)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _approved_by_findings(root: Path) -> list:
    return [f for f in check_portal(root, TODAY).findings if f.field == "approved_by"]


def _line_of(path: Path, prefix: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith(prefix))


# --------------------------------------------------------------------- approved_by is validated


def test_a_public_council_naming_its_maslikhat_is_clean(tmp_path):
    root = _portal(tmp_path)
    assert yaml.safe_load((root / "councils" / AKIMAT / "council.yml").read_text("utf-8"))["approved_by"] == MASLIKHAT
    assert _approved_by_findings(root) == []


@pytest.mark.parametrize(("slug", "key"), [
    ("no-such-maslikhat", "maslikhat2.approved-by-unknown"),
    (AKIMAT, "maslikhat2.approved-by-unknown"),  # itself
    ("minzdrav", "maslikhat2.approved-by-not-maslikhat"),
])
def test_an_unknown_or_non_maslikhat_slug_is_a_data_error(tmp_path, slug, key):
    root = _portal(tmp_path)
    path = _edit_council(root, AKIMAT, approved_by=slug)
    [f] = _approved_by_findings(root)
    assert (f.rule, f.kind.value, f.severity, f.key, f.blocking) == ("data.reference", "data", "E", key, True)
    assert (f.file, f.line, f.council) == (f"councils/{AKIMAT}/council.yml", _line_of(path, "approved_by:"), AKIMAT)
    messages = {lang: f.message(lang) for lang in ("kk", "ru", "en")}
    assert len(set(messages.values())) == 3 and all(slug in m and "{" not in m for m in messages.values())
    if key.endswith("not-maslikhat"):
        assert all("ministry" in m for m in messages.values())


def test_a_maslikhat_naming_a_maslikhat_is_a_data_error(tmp_path):
    root = _portal(tmp_path)
    _edit_council(root, MASLIKHAT, approved_by=MASLIKHAT)
    [f] = _approved_by_findings(root)
    assert (f.rule, f.key, f.file) == ("data.reference", "maslikhat2.approved-by-maslikhat",
                                       f"councils/{MASLIKHAT}/council.yml")


def test_a_malformed_slug_is_refused_by_the_model(tmp_path):
    root = _portal(tmp_path)
    _edit_council(root, AKIMAT, approved_by="Almaty Maslikhat")
    [f] = _approved_by_findings(root)
    assert (f.rule, f.kind.value) == ("data.type", "data")


# --------------------------------------------------------------------- the law of public councils skips sessions


def _session(attendance: list[str], roll_call: dict | None = None) -> str:
    """A held session that breaks every meeting rule of the Law «On public councils»: no agenda date, no
    protocol, too few present."""
    data = {"id": "2026-10-01", "date": dt.date(2026, 10, 1), "status": "held",
            "agenda": [{"title": {"kk": "Бюджет туралы", "ru": "О бюджете"}}], "attendance": attendance,
            "decisions": [{"item": 1, "text": {"kk": "Бекітілсін.", "ru": "Утвердить."}}]}
    if roll_call:
        data["decisions"][0]["roll_call"] = roll_call
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_no_public_council_law_rule_judges_a_maslikhat_s_session(tmp_path):
    root = _portal(tmp_path, (AKIMAT, MASLIKHAT))
    for slug, present in ((MASLIKHAT, ["ermekov"]), (AKIMAT, ["ybyraiym"])):
        (root / "councils" / slug / "meetings").mkdir()
        (root / "councils" / slug / "meetings" / "2026-10-01.yml").write_text(_session(present), encoding="utf-8")
    findings = check_portal(root, TODAY).findings
    fired = {slug: {f.rule for f in findings if f.record == f"{slug}/meeting/2026-10-01"} for slug in (AKIMAT, MASLIKHAT)}
    assert set(LAW_MEETING_RULES) <= fired[AKIMAT]  # the same session at a public council breaks the law
    assert not fired[MASLIKHAT] & set(LAW_MEETING_RULES), fired[MASLIKHAT]


def test_the_data_rules_still_judge_a_maslikhat_s_session(tmp_path):
    root = _portal(tmp_path, (MASLIKHAT,))
    (root / "councils" / MASLIKHAT / "meetings").mkdir()
    session = _session(["ermekov", "kim", "ghost"], {"against": ["bekova"], "rest": "for"})  # bekova: no vote
    (root / "councils" / MASLIKHAT / "meetings" / "2026-10-01.yml").write_text(session, encoding="utf-8")
    keys = {f.key for f in check_portal(root, TODAY).findings if f.record == f"{MASLIKHAT}/meeting/2026-10-01"}
    assert {"data.reference-member", "meeting.votes/not-member"} <= keys


def test_the_sample_maslikhat_s_sessions_carry_no_finding():
    findings = check_json(sample_root())["findings"]
    assert not [f for f in findings if (f["record"] or "").startswith(f"{MASLIKHAT}/meeting/")]
    assert not [f for f in findings if f["field"] == "approved_by"]


# --------------------------------------------------------------------- the built pages, both ways


def _links_to(site: Site, lang: str, page: str, slug: str) -> bool:
    """Whether the council page's article (not the menu, which lists every council) links to ``slug``'s page."""
    source = site.file_of(site.council_path(lang, page))
    article = re.search(r"<article\b.*?</article>", source.read_text(encoding="utf-8"), re.S).group(0)
    targets = {site.local_target(source, html.unescape(value)) for value in re.findall(r'href="([^"]*)"', article)}
    return (site.council_path(lang, slug), "") in targets


@pytest.mark.parametrize("lang", LANGS)
def test_the_maslikhat_lists_the_councils_it_approved_and_they_link_back(site, lang):
    page = site.page(site.council_path(lang, MASLIKHAT))
    assert "approved-councils" in page.ids
    assert t(lang, "maslikhat2.approved-councils") in page.article
    assert site.portal.councils[AKIMAT].name(lang) in page.article
    assert _links_to(site, lang, MASLIKHAT, AKIMAT)
    assert not _links_to(site, lang, MASLIKHAT, "minzdrav")  # it names no maslikhat
    back = site.page(site.council_path(lang, AKIMAT))
    assert t(lang, "maslikhat2.approved-by") in back.article
    assert _links_to(site, lang, AKIMAT, MASLIKHAT)
    assert t(lang, "maslikhat2.approved-by") not in site.page(site.council_path(lang, "minzdrav")).article


def test_the_link_is_in_the_open_data(site):
    councils = {c["id"]: c for c in json.loads((site.out / "data" / "councils.json").read_text("utf-8"))["data"]}
    assert councils[AKIMAT]["approvedBy"] == MASLIKHAT and councils["minzdrav"]["approvedBy"] is None
    assert councils[MASLIKHAT]["classification"] == "maslikhat"
    rows = {r["council"]: r for r in csv.DictReader(io.StringIO(
        (site.out / "data" / "councils.csv").read_text("utf-8-sig")))}
    assert rows[AKIMAT]["approved_by"] == MASLIKHAT and rows[MASLIKHAT]["approved_by"] == ""
    from jsonschema import Draft202012Validator

    schema = json.loads((site.out / "data" / "schema" / "councils.schema.json").read_text("utf-8"))
    data = json.loads((site.out / "data" / "councils.json").read_text("utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []


# --------------------------------------------------------------------- sessions on the maslikhat's pages, feeds, calendar


@pytest.mark.parametrize("lang", LANGS)
def test_the_sessions_are_on_the_maslikhat_s_pages_called_sessions(site, lang):
    section = site.page(site.council_path(lang, MASLIKHAT, "meetings"))
    assert section.title.startswith(t(lang, "maslikhat2.ui.section-meetings"))
    council = site.portal.councils[MASLIKHAT]
    for session in council.meetings:
        assert text_of(session.title, lang) in section.article
        assert site.file_of(site.record_path(lang, session)).is_file()
    assert [m.id for m in council.meetings] == list(SESSIONS)
    home = site.page(site.council_path(lang, MASLIKHAT))
    assert t(lang, "maslikhat2.ui.latest-meetings") in home.article
    assert t(lang, "maslikhat2.ui.section-meetings") in home.article
    # a public council's pages keep their own word
    assert site.page(site.council_path(lang, AKIMAT, "meetings")).title.startswith(t(lang, "ui.section-meetings"))
    assert t(lang, "ui.latest-meetings") in site.page(site.council_path(lang, AKIMAT)).article
    # the roll call on the session's page, the attendance on the deputy's
    vote = site.page(f"{lang}/councils/{MASLIKHAT}/meetings/2026-06-24/")
    assert text_of(site.portal.councils[MASLIKHAT].composition.member("kim").name, lang) in vote.article
    deputy = site.page(f"{lang}/councils/{MASLIKHAT}/members/kim/")
    assert t(lang, "maslikhat2.members.attendance") in deputy.article


@pytest.mark.parametrize("lang", LANGS)
def test_the_sessions_are_in_the_maslikhat_s_calendar_and_feeds(site, lang):
    folder = site.out / lang / "councils" / MASLIKHAT
    calendar = icalendar.Calendar.from_ical((folder / "calendar.ics").read_bytes())
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert {f"{MASLIKHAT}-meeting-{s}@" for s in SESSIONS} <= {u.split("@")[0] + "@" for u in uids}
    base = site.url(f"{lang}/councils/{MASLIKHAT}/meetings/")
    links = {e.link for e in feedparser.parse((folder / "meetings.atom.xml").read_bytes()).entries}
    assert {base + s + "/" for s in SESSIONS} <= links
    latest = {e.link for e in feedparser.parse((folder / "all.atom.xml").read_bytes()).entries}
    assert base + SESSIONS[-1] + "/" in latest  # the council's feed of everything: its newest entries
    decided = {e.link for e in feedparser.parse((folder / "decisions.atom.xml").read_bytes()).entries}
    assert {base + s + "/" for s in SESSIONS[:3]} <= decided  # the held ones, with their decisions
    votes = {e.link for e in feedparser.parse((folder / "members" / "kim" / "votes.atom.xml").read_bytes()).entries}
    assert base + "2026-06-24/" in votes


# --------------------------------------------------------------------- the words and the reference


def test_each_session_word_replaces_a_shared_string():
    """A key ``maslikhat2.<key>`` that replaces a shared string names one that exists, in every language."""
    for lang in ("kk", "ru", "en"):
        words = {k: v for k, v in catalogue(lang).items() if k.startswith(("maslikhat2.ui.", "maslikhat2.members."))}
        assert len(words) >= 5
        for key in words:
            assert key.removeprefix("maslikhat2.") in catalogue(lang), key


def test_a_maslikhat_s_pages_say_session_and_a_council_s_say_meeting(tmp_path):
    from ashyq.render.wording import translator

    portal = check_portal(_portal(tmp_path, (AKIMAT, MASLIKHAT)), TODAY).portal
    say = translator("kk", portal.councils[MASLIKHAT])
    assert say("ui.section-meetings") == "Сессиялар" and say("ui.present-of", present=4, total=5) == \
        "5 депутаттың 4 қатысты."
    assert say("ui.agenda") == t("kk", "ui.agenda")  # no word of its own: the shared one
    assert translator("ru", portal.councils[AKIMAT])("ui.section-meetings") == t("ru", "ui.section-meetings")
    assert translator("ru", None)("ui.section-meetings") == "Заседания"


# The titles of council.md's example of approved_by (its first example is a whole council.yml).
APPROVED_BY_EXAMPLE = {"kk": "қоғамдық кеңестің council.yml файлының бөлігі", "ru": "часть council.yml общественного совета"}


def _fenced(path: Path, opening: str) -> str:
    return path.read_text(encoding="utf-8").split(opening + "\n", 1)[1].split("\n```", 1)[0] + "\n"


@pytest.mark.parametrize("lang", LANGS)
def test_the_reference_examples_pass_the_check(tmp_path, lang):
    root = _portal(tmp_path, (AKIMAT, MASLIKHAT))
    page = REPO / "content" / lang / "reference"
    session = _fenced(page / "maslikhat.md", '```markdown title="councils/almaty-maslikhat/meetings/2026-06-24.md"')
    (root / "councils" / MASLIKHAT / "meetings").mkdir()
    (root / "councils" / MASLIKHAT / "meetings" / "2026-06-24.md").write_text(session, encoding="utf-8")
    part = yaml.safe_load(_fenced(page / "council.md", f'```yaml title="{APPROVED_BY_EXAMPLE[lang]}"'))
    _edit_council(root, AKIMAT, **part)
    result = check_portal(root, TODAY)
    council = result.portal.councils[MASLIKHAT]
    assert [m.id for m in council.meetings] == ["2026-06-24"] and council.meetings[0].decisions[0].roll_call
    wrong = [f for f in result.findings if f.record == f"{MASLIKHAT}/meeting/2026-06-24" or f.field == "approved_by"]
    assert wrong == []
    for word in ("approved_by", "meeting.quorum", "data.reference"):
        assert word in (page / "maslikhat.md").read_text("utf-8") + (page / "council.md").read_text("utf-8")
