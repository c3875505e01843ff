"""Report hearings (``report-hearings/<id>.md``): rules, the reference example, pages, feed, calendar, data, scaffold.

The rules follow the 2022 practical guide (figure 16, table 14): protocol contents, the head's report and
the chair's co-report, the resolution, the open vote and the publication of the approved report, the
follow-up of a report not approved, and (advice) announcing the publication.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
import yaml

from ashyq.cli import main
from ashyq.i18n import catalogue, message
from ashyq.load.source import read_document
from ashyq.scaffold.schemas import PACKAGE_SCHEMAS, render, schema_for
from buildkit import sample_site

REPO = Path(__file__).resolve().parents[1]
RH = "report-hearings/2026-rh1.md"
EXAMPLE_TITLE = 'title="councils/aksu-district/report-hearings/2026-rh1.md"'


def example(lang: str) -> str:
    """The complete example of the reference page in ``lang``."""
    page = (REPO / "content" / lang / "reference" / "report-hearings.md").read_text(encoding="utf-8")
    found = re.search(r"```markdown " + re.escape(EXAMPLE_TITLE) + r"\n(.*?)```", page, re.S)
    assert found, f"the {lang} reference shows a complete example"
    return found.group(1)


def example_data() -> tuple[dict, str]:
    text = example("ru")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _param(value):
    """A parameter as the finding had it: the JSON gives a date as its ISO text."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return value


def own(report, rule_prefix: str = "report-hearing.") -> list[dict]:
    """The type's findings, each with the message ``key`` it was written from (the JSON gives the text)."""
    found = [dict(f) for f in report.findings if f["rule"].startswith(rule_prefix)]
    for f in found:
        params = {name: _param(value) for name, value in f["params"].items()}  # dates are written in words
        keys = [k for k in catalogue("kk")
                if k.startswith(f["rule"] + "/") and message("kk", k, **params) == f["message"]]
        f["key"] = keys[0] if len(keys) == 1 else keys
    return found


def stops(report) -> list[dict]:
    return [f for f in report.findings if f["kind"] != "compliance"]


# --- the reference example passes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_reference_example_passes_the_check(portal, lang):
    assert example(lang) == example("ru")  # one example, shown the same on both pages
    portal.write(RH, example(lang))
    code, report = portal.check()
    mine = [f for f in report.findings if f["file"] == portal.file(RH)]
    assert mine == [], mine
    assert stops(report) == [] and code == 0


def test_every_field_of_the_model_is_documented():
    from ashyq.kinds.report_hearing import model

    for lang in ("kk", "ru"):
        page = (REPO / "content" / lang / "reference" / "report-hearings.md").read_text(encoding="utf-8")
        for cls in (model.ReportHearing, model.Speaker, model.Resolution, model.Vote, model.Publication):
            for name, field in cls.model_fields.items():
                assert f"| `{field.alias or name}` |" in page, (lang, cls.__name__, name)


# --- rules fire ------------------------------------------------------------------------------------------------------

def _set(path: str, value):
    def change(d):
        *head, last = path.split(".")
        for key in head:
            d = d[key]
        if value is None:
            d.pop(last)
        else:
            d[last] = value
    return change


CASES = [
    ("present", _set("present", None), "report-hearing.protocol/present"),
    ("place", lambda d: (d.pop("place"), d.pop("online")), "report-hearing.protocol/place"),
    ("agenda", _set("agenda", []), "report-hearing.protocol/agenda"),
    ("initials", lambda d: d["speakers"][0].update(name="Жақыпов М. Б."), "report-hearing.protocol/speakers"),
    ("co-report", lambda d: d["speakers"][1].update(role="speech"), "report-hearing.speakers/co-report"),
    ("report", lambda d: d["speakers"][0].update(role="speech"), "report-hearing.speakers/report"),
    ("no resolution", _set("resolution", None), "report-hearing.resolution/missing"),
    ("assessment", _set("resolution.assessment", None), "report-hearing.resolution/assessment"),
    ("recommendations", _set("resolution.recommendations", []), "report-hearing.resolution/recommendations"),
    ("proposals", _set("resolution.proposals", []), "report-hearing.resolution/proposals"),
    ("no vote", _set("vote", None), "report-hearing.vote/missing"),
    ("majority", _set("vote.votes", {"for": 4, "against": 3, "abstained": 2}), "report-hearing.vote/majority"),
    ("count", _set("vote.members_present", 7), "report-hearing.vote/count"),
    ("not published", _set("report_published", None), "report-hearing.vote/not-published"),
    ("no link", _set("report_published.url", None), "report-hearing.vote/no-link"),
    ("channels", _set("report_published.channels", []), "report-hearing.spread/channels"),
]


@pytest.mark.parametrize(("name", "change", "key"), CASES, ids=[c[0] for c in CASES])
def test_a_rule_fires(portal, name, change, key):
    data, body = example_data()
    change(data)
    portal.write_record(RH, data, body="" if name == "content" else body)
    report = portal.findings()
    found = own(report)
    assert [f["key"] for f in found] == [key], found
    assert found[0]["file"] == portal.file(RH)
    assert found[0]["severity"] == ("W" if key.startswith("report-hearing.spread") else "E")


RULES = [  # each rule, one case that breaks it, and the level its requirement rests on
    ("report-hearing.protocol", "present", "law"),
    ("report-hearing.speakers", "co-report", "law"),
    ("report-hearing.resolution", "assessment", "law"),
    ("report-hearing.vote", "majority", "law"),
    ("report-hearing.spread", "channels", "advice"),
]


@pytest.mark.parametrize(("rule", "case", "level"), RULES, ids=[r[0] for r in RULES])
def test_a_finding_names_its_rule_and_level(portal, rule, case, level):
    _name, change, key = next(c for c in CASES if c[0] == case)
    data, body = example_data()
    change(data)
    portal.write_record(RH, data, body=body)
    (found,) = own(portal.findings())
    assert (found["rule"], found["key"], found["kind"], found["level"]) == (rule, key, "compliance", level)


def test_no_content_of_the_report_is_a_protocol_finding(portal):
    data, _ = example_data()
    for s in data["speakers"]:
        s.pop("summary")
    portal.write_record(RH, data, body="")
    assert [f["key"] for f in own(portal.findings())] == ["report-hearing.protocol/content"]


def test_a_report_not_approved_needs_notice_and_a_repeat_hearing(portal):
    data, body = example_data()
    data["vote"].update(votes={"for": 3, "against": 5, "abstained": 1}, outcome="not-approved")
    data.pop("report_published")
    portal.write_record(RH, data, body=body)
    found = own(portal.findings())
    assert sorted(f["key"] for f in found) == [
        "report-hearing.not-approved/no-rehearing", "report-hearing.not-approved/not-notified"]
    assert {(f["rule"], f["severity"], f["level"]) for f in found} == {("report-hearing.not-approved", "E", "law")}
    repeat = {**data, "id": "2026-rh2", "status": "planned", "date": "2026-12-15"}
    for key in ("resolution", "vote", "present"):
        repeat.pop(key)
    portal.write_record("report-hearings/2026-rh2.md", repeat)
    data.update(notified=dt.date(2026, 3, 20), rehearing="2026-rh2")
    portal.write_record(RH, data, body=body)
    assert own(portal.findings()) == []


@pytest.mark.parametrize("today", ["2026-03-13", "2026-04-10"])
def test_missing_resolution_and_vote_wait_for_the_grace_days(portal, today):
    data, body = example_data()
    for key in ("resolution", "vote", "report_published"):
        data.pop(key)
    portal.write_record(RH, data, body=body)
    assert own(portal.findings(today=today)) == []  # 30 days from 12 March: due 11 April


def test_the_grace_days_are_a_setting(portal):
    data, body = example_data()
    data.pop("resolution")
    portal.write_record(RH, data, body=body)
    portal.config(lambda c: c.setdefault("rules", {}).update({"report-hearing.resolution": {"days": 5}}))
    found = own(portal.findings(today="2026-03-20"))
    assert [f["key"] for f in found] == ["report-hearing.resolution/missing"]


@pytest.mark.parametrize("status", ["planned", "postponed", "cancelled"])
def test_a_hearing_not_held_is_not_checked(portal, status):
    data, _ = example_data()
    data.update(status=status, date=dt.date(2026, 12, 15), speakers=[], agenda=[])
    for key in ("resolution", "vote", "report_published", "present"):
        data.pop(key)
    portal.write_record(RH, data)
    assert own(portal.findings()) == []


def test_the_sample_portal_shows_planted_findings():
    from conftest import Report, run_main

    code, out, _ = run_main(["check", str(REPO), "--format", "json", "--today", "2026-11-30"])
    report = json.loads(out)
    keys = {(f["council"], f["key"]) for f in own(Report(report))}
    assert ("minzdrav", "report-hearing.vote/majority") in keys
    assert ("zhanaqala-audany", "report-hearing.speakers/co-report") in keys
    assert ("zhanaqala-audany", "report-hearing.spread/channels") in keys
    assert not any(f["kind"] != "compliance" for f in report["findings"]) and code == 0


# --- the built portal ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return sample_site(tmp_path_factory)


def _text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(("lang", "words"), [
    ("kk", ["Есеп бойынша ашық дауыс беру", "есеп қабылданбады", "Қарар", "Байланысты жазбалар", "Есепті тыңдау"]),
    ("ru", ["Открытое голосование по отчёту", "отчёт не принят", "Резолюция", "Связанные записи",
            "Заслушивание отчёта"]),
])
def test_record_and_section_pages(site, lang, words):
    council = site.out / lang / "councils" / "minzdrav"
    page = _text(council / "report-hearings" / "2025-rh1" / "index.html")
    for word in words:
        assert word in page, (lang, word)
    assert "2025-rh2" in (council / "report-hearings" / "2025-rh1" / "index.html").read_text(encoding="utf-8")
    section = _text(council / "report-hearings" / "index.html")
    assert "Оспанова" not in section and ("2024" in section)
    # the meeting and the recommendation name it back under "Related records"
    assert "report-hearings/2025-rh1/" in (council / "meetings" / "2025-05-29" / "index.html").read_text("utf-8")
    assert "report-hearings/2025-rh1/" in (council / "recommendations" / "2025-02" / "index.html").read_text("utf-8")


def test_planted_finding_is_on_the_page(site):
    page = _text(site.out / "ru" / "councils" / "minzdrav" / "report-hearings" / "2025-rh2" / "index.html")
    assert "report-hearing.vote" in page and "более половины" in page


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_feed(site, lang):
    feed = feedparser.parse((site.out / lang / "feeds" / "report-hearings.atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    links = {e.link for e in feed.entries}
    assert any(link.endswith("/minzdrav/report-hearings/2025-rh1/") for link in links)
    assert len(feed.entries) == 6
    rss = feedparser.parse((site.out / lang / "feeds" / "report-hearings.rss.xml").read_bytes())
    assert not rss.bozo and len(rss.entries) == 6
    everything = feedparser.parse((site.out / lang / "feeds" / "all.atom.xml").read_bytes())
    assert any("/report-hearings/" in e.link for e in everything.entries)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_calendar(site, lang):
    cal = icalendar.Calendar.from_ical((site.out / lang / "calendar.ics").read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    uid = next(u for u in events if u.startswith("almaty-akimat-report-hearing-2026-rh2@"))
    ev = events[uid]
    start = ev.decoded("dtstart")
    assert (start.date(), start.hour, start.utcoffset()) == (dt.date(2026, 12, 10), 10, dt.timedelta(hours=5))
    assert str(ev["status"]) == "CONFIRMED"
    assert sum(1 for u in events if "-report-hearing-" in u) == 6
    council = icalendar.Calendar.from_ical(
        (site.out / lang / "councils" / "almaty-akimat" / "calendar.ics").read_bytes())
    assert uid in {str(e["uid"]) for e in council.walk("VEVENT")}  # the same UID in both calendars


def test_the_upcoming_hearing_is_on_the_calendar_page(site):
    page = _text(site.out / "ru" / "calendar" / "index.html")
    assert "Отчёт управления городской мобильности" in page


def test_open_data_json_and_csv(site):
    data = json.loads((site.out / "data" / "report-hearings.json").read_text(encoding="utf-8"))
    schema = json.loads((site.out / "data" / "schema" / "report-hearings.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    items = {i["id"]: i for i in data["data"]}
    assert len(items) == 6 and {i["type"] for i in items.values()} == {"ReportHearing"}
    first = items["minzdrav/report-hearing/2025-rh1"]
    assert first["voteEvent"]["result"] == "not-approved" and first["rehearing"] == "2025-rh2"
    assert first["recommendations"] == ["2025-02"] and first["meeting"] == "2025-05-29"
    with open(site.out / "data" / "report-hearings.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    row = next(r for r in rows if r["council"] == "minzdrav" and r["report_hearing"] == "2025-rh2")
    assert (row["votes_for"], row["members_present"], row["outcome"]) == ("7", "14", "approved")
    assert len(rows) == 6


# --- scaffold and editor schema --------------------------------------------------------------------------------------

def test_ashyq_new_writes_a_record_that_loads(portal, capsys):
    args = ["new", "report-hearing", portal.slug, str(portal.root), "--no-input", "--today", "2026-11-21"]
    assert main(args) == 0
    assert main(args) == 0
    capsys.readouterr()
    folder = portal.council / "report-hearings"  # the clean council already heard its reports of 2025 and 2026
    assert sorted(p.name for p in folder.iterdir()) == ["2025-rh1.md", "2026-rh1.md", "2026-rh2.md", "2026-rh3.md"]
    doc = read_document(folder / "2026-rh2.md", portal.root)
    assert not doc.problems
    data = json.loads(json.dumps(doc.data, default=str))
    jsonschema.Draft202012Validator(schema_for("report-hearing")).validate(data)
    assert data["status"] == "planned" and data["date"] == "2026-11-21"
    report = portal.findings()
    assert {f["rule"] for f in report.findings if f["file"] == portal.file("report-hearings/2026-rh2.md")} \
        == {"data.placeholder"}  # only the places left to fill in


def test_the_committed_editor_schema_is_current():
    assert (PACKAGE_SCHEMAS / "report-hearing.json").read_text(encoding="utf-8") == render("report-hearing")


def test_the_sample_records_validate_against_the_editor_schema():
    validator = jsonschema.Draft202012Validator(schema_for("report-hearing"))
    files = sorted(REPO.glob("councils/*/report-hearings/*.md"))
    assert len(files) == 6
    for path in files:
        data = json.loads(json.dumps(read_document(path, REPO).data, default=str))
        assert list(validator.iter_errors(data)) == [], path
