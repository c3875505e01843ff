"""Public consultations: the record, its rules (seed 001, the 2024 ministry recommendations), pages, feed,
calendar, open data, scaffold, reference example and the feedback indicator from consultation figures.

The clean portal gets one complete consultation in each quarter that has ended by 2026-11-21
(2025 Q1 … 2026 Q3), each in the schedule approved at meeting ``2025-01`` or ``2026-01`` and published.
"""

from __future__ import annotations

import csv
import html
import datetime as dt
import json
import re
from pathlib import Path

import icalendar
import jsonschema
import pytest
import yaml

from ashyq.kinds import by_kind
from ashyq.render.calendars import calendar, event_uid
from ashyq.render.context import SiteContext
from ashyq.render.feeds import FeedSpec
from ashyq.render.feedwrite import collect
from ashyq.render.indicator import compute, for_council
from ashyq.render.opendata import write_opendata
from ashyq.render.pages import Renderer
from ashyq.render.sitepages import SitePage
from ashyq.scaffold.schemas import schema_for
from ashyq.validate import check_portal
from conftest import run_main

D = dt.date.fromisoformat
ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 21)
QUARTERS = {"2025-c1": "2025-03-12", "2025-c2": "2025-05-14", "2025-c3": "2025-08-13", "2025-c4": "2025-11-12",
            "2026-c1": "2026-03-11", "2026-c2": "2026-05-13", "2026-c3": "2026-09-16"}
C3 = "consultations/2026-c3.md"
POSITION = {"kk": "Кеңес 12 ұсыныстың 5-еуін қолдады.", "ru": "Совет поддержал 5 из 12 предложений."}


def T(kk: str, ru: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru}


def consultation(rid: str, day: str) -> dict:
    year = day[:4]
    date = D(day)
    return {
        "id": rid, "issue": T(f"Мәселе {rid}", f"Вопрос {rid}"), "meeting": f"{year}-02",
        "questions": [T("Не өзгерту керек?", "Что изменить?")],
        "schedule": {"meeting": f"{year}-01", "published": D(f"{year}-01-20"),
                     "channels": [T("Кеңестің парақшасы", "Страница совета")]},
        "status": "held", "announced": date - dt.timedelta(days=14), "channels": [T("Газет", "Газета")],
        "date": date, "time": "15:00", "end_time": "17:00", "format": "in-person",
        "place": T("Әкімдік ғимараты", "Здание акимата"), "participants": 40,
        "proposals_received": 12, "proposals_accepted": 5, "proposals": [T("Ұсыныс.", "Предложение.")],
        "position": {"published": date + dt.timedelta(days=10), "channels": [T("Газет", "Газета")]},
        "created": date - dt.timedelta(days=14),
    }


@pytest.fixture
def portal(portal):
    for rid, day in QUARTERS.items():
        portal.write_record(f"consultations/{rid}.md", consultation(rid, day), POSITION)
    return portal


def of(portal, rule, **kw):
    return portal.findings(**kw).of(rule)


# --------------------------------------------------------------------- the clean case


def test_a_council_consulting_every_quarter_has_no_findings(portal):
    assert portal.findings().findings == []


# --------------------------------------------------------------------- consultation.quarterly


def test_a_quarter_without_a_consultation_is_reported(portal):
    portal.delete("consultations/2025-c2.md")
    f = portal.findings().one("consultation.quarterly")
    assert (f["severity"], f["kind"], f["file"]) == ("W", "compliance", portal.file("council.yml"))
    assert (f["params"]["quarter"], f["params"]["year"]) == (2, 2025)
    assert "2-м квартале 2025" in portal.findings("--lang", "ru").one("consultation.quarterly")["message"]


def test_only_quarters_that_have_ended_are_judged(portal):
    assert of(portal, "consultation.quarterly") == []  # Q4 2026 runs until 31 December
    late = of(portal, "consultation.quarterly", today="2027-01-05")
    assert [(f["params"]["year"], f["params"]["quarter"]) for f in late] == [(2026, 4)]


def test_a_cancelled_consultation_does_not_fill_its_quarter(portal):
    portal.edit_yaml("consultations/2025-c3.md", lambda d: d.update(status="cancelled"))
    assert [f["params"]["quarter"] for f in of(portal, "consultation.quarterly")] == [3]


def test_the_schedule_may_be_the_work_plan(portal):
    portal.delete("consultations/2025-c2.md")
    item = {"period": "Q2", "form": "consultation", "topic": T("Консультация", "Консультация")}
    portal.edit_yaml("plans/2025.yml", lambda d: d["items"].append(item))
    assert of(portal, "consultation.quarterly") == []
    portal.edit_yaml("plans/2025.yml", lambda d: d.pop("published"))
    assert "plan" in portal.findings("--lang", "en").one("consultation.quarterly")["message"]


def test_a_month_of_the_quarter_in_the_plan_counts(portal):
    portal.delete("consultations/2025-c2.md")
    item = {"period": "5", "form": "consultation", "topic": T("Консультация", "Консультация")}
    portal.edit_yaml("plans/2025.yml", lambda d: d["items"].append(item))
    assert of(portal, "consultation.quarterly") == []


@pytest.mark.parametrize("change, word", [
    (lambda d: d.pop("schedule"), "no approved and published schedule"),
    (lambda d: d["schedule"].pop("meeting"), "meeting that approved"),
    (lambda d: d["schedule"].pop("published"), "was published is not given"),
])
def test_the_quarters_schedule_is_approved_and_published(portal, change, word):
    portal.edit_yaml("consultations/2025-c4.md", change)
    f = portal.findings("--lang", "en").one("consultation.quarterly")
    assert f["file"] == portal.file("consultations/2025-c4.md") and word in f["message"]
    assert (f["params"]["quarter"], f["params"]["year"]) == (4, 2025)


def test_one_consultation_in_the_schedule_is_enough_for_the_quarter(portal):
    extra = consultation("2025-c9", "2025-12-01")
    extra.pop("schedule")
    portal.write_record("consultations/2025-c9.md", extra, POSITION)
    assert of(portal, "consultation.quarterly") == []


# --------------------------------------------------------------------- consultation.decided


def test_a_consultation_without_its_meeting_and_questions_is_reported(portal):
    portal.edit_yaml(C3, lambda d: (d.pop("meeting"), d.update(questions=[])))
    found = {f["message"] for f in of(portal, "consultation.decided")}
    assert len(found) == 2


def test_a_future_planned_consultation_needs_no_decision_yet(portal):
    future = consultation("2026-c4", "2026-12-10") | {"status": "planned"}
    for key in ("meeting", "questions", "proposals_received", "proposals_accepted", "proposals", "position"):
        future.pop(key)
    portal.write_record("consultations/2026-c4.md", future)
    assert portal.findings().findings == []


# --------------------------------------------------------------------- consultation.announced


def test_a_consultation_never_announced_is_reported(portal):
    portal.edit_yaml(C3, lambda d: d.pop("announced"))
    f = portal.findings().one("consultation.announced")
    assert f["severity"] == "W" and f["params"]["date"] == "2026-09-16"


def test_an_announcement_in_no_channel_is_reported(portal):
    portal.edit_yaml(C3, lambda d: d.pop("channels"))
    assert portal.findings().one("consultation.announced")["field"] == "announced"


def test_an_announcement_after_the_consultation_is_reported(portal):
    portal.edit_yaml(C3, lambda d: d.update(announced=D("2026-09-20")))
    assert portal.findings().one("consultation.announced")["params"]["announced"] == "2026-09-20"


def test_an_announcement_on_the_day_passes(portal):
    portal.edit_yaml(C3, lambda d: d.update(announced=D("2026-09-16")))
    assert of(portal, "consultation.announced") == []


# --------------------------------------------------------------------- consultation.proposals


def test_a_held_consultation_without_figures_is_reported(portal):
    portal.edit_yaml(C3, lambda d: (d.pop("proposals_received"), d.pop("proposals_accepted")))
    assert portal.findings().one("consultation.proposals")["field"] == "date"


def test_proposals_without_their_list_are_reported(portal):
    portal.edit_yaml(C3, lambda d: d.pop("proposals"))
    f = portal.findings("--lang", "ru").one("consultation.proposals")
    assert f["params"]["n"] == 12 and "12 предложений" in f["message"]


def test_no_proposals_need_no_list(portal):
    portal.edit_yaml(C3, lambda d: (d.pop("proposals"), d.update(proposals_received=0, proposals_accepted=0)))
    assert of(portal, "consultation.proposals") == []


def test_figures_are_expected_only_after_the_grace(portal):
    portal.edit_yaml(C3, lambda d: d.pop("proposals_received"))
    assert of(portal, "consultation.proposals", today="2026-10-10") == []
    portal.config(lambda d: d.setdefault("rules", {}).update({"consultation.proposals": {"grace_days": 90}}))
    assert of(portal, "consultation.proposals") == []


# --------------------------------------------------------------------- consultation.draft-act


def test_a_draft_act_consultation_needs_a_draft_recommendation(portal):
    portal.edit_yaml(C3, lambda d: d.update(draft_act=T("Қағидалар жобасы", "Проект правил")))
    assert portal.findings().one("consultation.draft-act")["params"]["n"] == 12
    portal.edit_yaml(C3, lambda d: d.update(draft_recommendation=T("Ұсыным жобасы.", "Проект рекомендации.")))
    assert of(portal, "consultation.draft-act") == []


def test_a_recommendation_that_came_from_it_is_enough(portal):
    portal.edit_yaml(C3, lambda d: d.update(draft_act=T("Жоба", "Проект"), recommendations=["2026-r2"]))
    assert of(portal, "consultation.draft-act") == []


def test_a_consultation_on_no_draft_act_needs_no_draft_recommendation(portal):
    assert of(portal, "consultation.draft-act") == []


# --------------------------------------------------------------------- consultation.position


def test_an_unpublished_position_is_reported_after_the_grace(portal):
    portal.edit_yaml(C3, lambda d: d.pop("position"))
    f = portal.findings().one("consultation.position")
    assert (f["severity"], f["params"]["due"]) == ("W", "2026-10-16")
    assert of(portal, "consultation.position", today="2026-10-16") == []


def test_a_position_without_its_text_is_reported(portal):
    portal.edit_yaml(C3, lambda d: None, body="")
    assert portal.findings().one("consultation.position")["field"] == "position"


def test_a_position_published_nowhere_is_reported(portal):
    portal.edit_yaml(C3, lambda d: d["position"].pop("channels"))
    assert len(of(portal, "consultation.position")) == 1
    portal.edit_yaml(C3, lambda d: d["position"].update(link="https://example.kz/kenes/position"))
    assert of(portal, "consultation.position") == []


# --------------------------------------------------------------------- consultation.records (data errors)


@pytest.mark.parametrize("change, field", [
    (lambda d: d.update(meeting="2026-77"), "meeting"),
    (lambda d: d["schedule"].update(meeting="2026-77"), "schedule.meeting"),
    (lambda d: d.update(recommendations=["2026-r77"]), "recommendations[1]"),
    (lambda d: d.update(proposals_accepted=13), "proposals_accepted"),
    (lambda d: d.update(comments_received=2, comments_answered=3), "comments_answered"),
    (lambda d: d["position"].update(published=D("2026-09-01")), "position.published"),
])
def test_a_contradicting_record_is_a_data_error(portal, change, field):
    portal.edit_yaml(C3, change)
    code, report = portal.check()
    f = report.one("consultation.records")
    assert (f["kind"], f["severity"], f["field"], code) == ("data", "E", field, 1)


def test_a_held_consultation_in_the_future_is_a_data_error(portal):
    portal.write_record("consultations/2026-c4.md", consultation("2026-c4", "2026-12-10"), POSITION)
    assert portal.findings().one("consultation.records")["field"] == "date"


# --------------------------------------------------------------------- the type's hooks, pages, feed, calendar, data


def context(root: Path, today: dt.date = TODAY) -> SiteContext:
    result = check_portal(root, today)
    assert result.portal is not None
    return SiteContext(result.portal, result.findings, result.dates, today)


def test_the_type_is_registered_in_its_place():
    kinds = [rt.kind for rt in __import__("ashyq.kinds", fromlist=["record_types"]).record_types()]
    # after the other forms of public control, before the reception of citizens
    assert kinds.index("consultation") == kinds.index("report-hearing") + 1 == kinds.index("reception") - 1
    rt = by_kind()["consultation"]
    assert rt.folder == "consultations" and rt.event and rt.data.name == "consultations"
    assert rt.data.type_name == "Consultation" and [f.name for f in rt.feeds] == ["consultations"]


def test_held_and_refs_hooks(portal):
    ctx = context(portal.root)
    rec = ctx.portal.councils["council-001"].find("consultation", "2026-c3")
    rt = by_kind()["consultation"]
    assert rt.held(rec) == D("2026-09-16") and rt.date(rec) == D("2026-09-16")
    rec.recommendations.append("2026-r1")
    assert list(rt.refs(rec)) == [("meeting", "2026-02"), ("meeting", "2026-01"), ("recommendation", "2026-r1")]
    rec.status = "planned"
    assert rt.held(rec) is None


def test_calendar_event_has_a_stable_uid(portal):
    ctx = context(portal.root)
    cal = calendar(ctx, "kk")
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    uid = "council-001-consultation-2026-c3@kenes.example.kz"
    assert uid in events and str(events[uid]["categories"].cats[0]) == "қоғамдық консультация"
    first = cal.to_ical()
    portal.edit_yaml(C3, lambda d: d.update(date=D("2026-09-17"), announced=D("2026-09-01")))
    ctx = context(portal.root)
    again = {str(e["uid"]): e for e in calendar(ctx, "kk").walk("VEVENT")}
    assert again[uid].decoded("dtstart").date() == D("2026-09-17") and first != calendar(ctx, "kk").to_ical()
    assert event_uid(ctx, ctx.portal.councils["council-001"].find("consultation", "2026-c3")) == uid
    parsed = icalendar.Calendar.from_ical(calendar(ctx, "ru").to_ical())
    assert "Предложений граждан: поступило 12, принято 5." in str(
        next(e for e in parsed.walk("VEVENT") if str(e["uid"]) == uid)["description"])


def test_a_consultation_joins_its_feed(portal):
    ctx = context(portal.root)
    feeds = collect(ctx, "ru")
    entries = feeds[FeedSpec("consultations", "ru", None)]
    assert {e.title for e in entries} >= {"Вопрос 2026-c3"}
    assert any("Общественная консультация:" in e.summary for e in entries)


def test_open_data_json_csv_and_schema(portal, tmp_path):
    ctx = context(portal.root)
    site = tmp_path / "site"
    write_opendata(ctx, site)
    data = json.loads((site / "data" / "consultations.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "schema" / "consultations.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    item = next(i for i in data["data"] if i["id"] == "council-001/consultation/2026-c3")
    assert (item["type"], item["proposalsReceived"], item["proposalsAccepted"]) == ("Consultation", 12, 5)
    assert item["position"]["text"]["ru"].strip().endswith("предложений.") and item["schedule"]["meeting"] == "2026-01"
    with open(site / "data" / "consultations.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    row = next(r for r in rows if r["consultation"] == "2026-c3")
    assert (row["date"], row["proposals_received"], row["position_published"]) == ("2026-09-16", "12", "2026-09-26")


def with_report_figures(portal) -> None:
    feedback = {"proposals_received": 10, "proposals_accepted": 8, "comments_received": 4, "comments_answered": 4}
    portal.edit_yaml("reports/2025-year.md", lambda d: d.update(feedback=feedback))


def test_record_and_section_pages_show_the_steps_and_the_indicator(portal):
    with_report_figures(portal)
    ctx = context(portal.root)
    council = ctx.portal.councils["council-001"]
    renderer = Renderer(ctx, "ru")
    rec = council.find("consultation", "2026-c3")
    page = html.unescape(renderer.render(SitePage.for_record("ru", rec, council)))
    for text in ("Вопрос 2026", "Вопросы к гражданам", "<dt>Поступило замечаний и предложений (C)</dt><dd>12</dd>",
                 "Позиция совета", "Совет поддержал 5 из 12"):
        assert text in page
    section = html.unescape(renderer.render(SitePage.for_section("ru", council, "consultations")))
    assert "Показатель обратной связи" in section and "взяты из 2 общественных консультаций" in section
    assert "Цифры взяты из отчёта" in section  # 2025: the annual report gives its own figures


# --------------------------------------------------------------------- indicator F from consultation figures


def test_the_indicator_uses_consultation_figures_when_the_report_has_none(portal):
    council = context(portal.root).portal.councils["council-001"]
    h2 = compute(council, 2026, "h2")
    assert (h2.basis, h2.C, h2.B, h2.public, h2.source) == (
        "consultations", 12, 5, True, ("council-001/consultation/2026-c3",))
    assert h2.F == round(5 / 12 * 100, 1) and h2.band == "ineffective"
    h1 = compute(council, 2026, "h1")
    assert (h1.basis, h1.C, h1.B, len(h1.source)) == ("consultations", 24, 10, 2)
    assert "2 общественных консультаций" in h1.basis_note("ru") and "2 қоғамдық консультациядан" in h1.basis_note("kk")


def test_the_reports_own_figures_come_first(portal):
    with_report_figures(portal)
    council = context(portal.root).portal.councils["council-001"]
    year = compute(council, 2025, "year")
    assert year.basis == "report" and year.source == ("council-001/report/2025-year",)
    assert "отчёта" in year.basis_note("ru") and (year.C, year.B) == (10, 8)
    assert compute(council, 2025, "h2").basis == "consultations"  # the half-year report has no figures
    assert [(i.year, i.period) for i in for_council(council)][:3] == [(2026, "year"), (2026, "h2"), (2026, "h1")]


def test_an_unpublished_position_makes_the_results_not_public(portal):
    portal.edit_yaml(C3, lambda d: d.pop("position"))
    ind = compute(context(portal.root).portal.councils["council-001"], 2026, "h2")
    assert (ind.public, ind.F) == (False, 0.0)


def test_comments_count_as_g_and_e(portal):
    portal.edit_yaml(C3, lambda d: d.update(comments_received=10, comments_answered=5))
    ind = compute(context(portal.root).portal.councils["council-001"], 2026, "h2")
    assert (ind.G, ind.E, ind.F) == (10, 5, round(5 / 12 * 0.5 * 100, 1))


def test_consultations_without_figures_give_no_indicator(portal):
    for rid in ("2026-c3",):
        portal.edit_yaml(f"consultations/{rid}.md", lambda d: (d.pop("proposals_received"), d.pop("proposals_accepted")))
    assert compute(context(portal.root).portal.councils["council-001"], 2026, "h2") is None


# --------------------------------------------------------------------- scaffold, editor schema, reference docs, demo


def test_ashyq_new_writes_the_next_consultation(portal):
    code, out, err = run_main(["new", "consultation", "council-001", str(portal.root), "--no-input",
                               "--today", "2026-11-21", "--date", "2026-12-09"])
    assert code == 0, out + err
    written = portal.path("consultations/2026-c4.md")
    text = written.read_text(encoding="utf-8")
    assert "id: \"2026-c4\"" in text and "date: 2026-12-09" in text and "status: planned" in text
    found = portal.findings()
    assert {f["rule"] for f in found.findings} == {"data.placeholder"}


def test_the_editor_schema_accepts_the_demo_records():
    validator = jsonschema.Draft202012Validator(schema_for("consultation"))
    files = sorted(ROOT.glob("councils/*/consultations/*.md"))
    assert len(files) >= 15
    for path in files:
        head = path.read_text(encoding="utf-8").split("---\n")[1]
        data = json.loads(json.dumps(yaml.safe_load(head), default=str))
        assert list(validator.iter_errors(data)) == [], path


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_reference_example_is_complete_and_passes(portal, lang):
    page = (ROOT / "content" / lang / "reference" / "consultations.md").read_text(encoding="utf-8")
    example = re.search(r'```markdown title="councils/aksu-district/consultations/2026-c2.md"\n(.*?)```', page,
                        re.S).group(1)
    head = yaml.safe_load(example.split("---\n")[1])
    model = by_kind()["consultation"].model
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", page, re.M))
    assert set(model.model_fields) <= documented
    assert set(model.model_fields) - {"cancellation_reason", "published_with_consent"} <= set(head)
    portal.delete("consultations/2026-c2.md")
    portal.write("consultations/2026-c2.md", example)
    portal.write("attachments/2026/consultation-2026-c2.pdf", portal.path("attachments/draft.pdf").read_bytes())
    assert portal.findings().findings == []


def test_the_demo_portal_shows_the_planted_findings():
    code, out, err = run_main(["check", str(ROOT), "--format", "json", "--today", "2026-11-30"])
    report = json.loads(out)
    mine = [f for f in report["findings"] if f["rule"].startswith("consultation.")]
    assert code == 0 and all(f["kind"] == "compliance" for f in mine)
    quarters = sorted((f["council"], f["params"]["year"], f["params"]["quarter"]) for f in mine
                      if f["rule"] == "consultation.quarterly")
    assert quarters == [("minzdrav", 2025, 1), ("minzdrav", 2025, 3), ("minzdrav", 2026, 1)]
    assert {f["rule"] for f in mine} == {"consultation.quarterly", "consultation.position", "consultation.announced",
                                         "consultation.proposals"}
